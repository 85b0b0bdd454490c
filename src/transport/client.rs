//! The GWS REST client over gloo-net (the CometD exchanges over XMLHttpRequest): one function makes every request, and one short
//! `async fn` per endpoint reads its answer with [`super::decode`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gws_types::{ContactType, Disposition, Message, OperationRequest, SmsSession, User};

use super::csrf::CsrfToken;
use super::decode::{self, Accepted, Contacts, SessionList};
use super::http::{Answer, HttpRequest, Method};
use super::resync::MessageRange;
use super::{body, fetch, xhr, ApiError, GwsConfig};

/// A GWS client. Cheap to clone; clones share the CSRF token and session flag.
#[derive(Clone)]
pub struct GwsClient {
    inner: Rc<Inner>,
}

struct Inner {
    config: GwsConfig,
    csrf: RefCell<Option<CsrfToken>>,
    /// A request has succeeded, so the HTTP session (cookie) exists.
    signed_in: Cell<bool>,
}

impl PartialEq for GwsClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl std::fmt::Debug for GwsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GwsClient")
            .field("config", &self.inner.config)
            .field("signed_in", &self.inner.signed_in.get())
            .finish()
    }
}

/// Which browser API carries a request.
#[derive(Clone, Copy)]
enum Carrier {
    /// gloo-net's fetch: every REST read and operation.
    Fetch,
    /// XMLHttpRequest: the CometD exchanges (see [`super::xhr`]).
    Xhr,
}

impl GwsClient {
    pub fn new(config: GwsConfig) -> Self {
        GwsClient {
            inner: Rc::new(Inner {
                config,
                csrf: RefCell::new(None),
                signed_in: Cell::new(false),
            }),
        }
    }

    pub fn config(&self) -> &GwsConfig {
        &self.inner.config
    }

    /// Whether a request has succeeded yet (so GWS has opened the HTTP session).
    pub fn has_session(&self) -> bool {
        self.inner.signed_in.get()
    }

    /// `GET /api/v2/me`: signs in with Basic credentials when configured, and renews
    /// the CSRF token.
    pub async fn me(&self) -> Result<User, ApiError> {
        let answer = self.get(&self.config().me_url()).await?;
        decode::me(answer.status, &answer.body)
    }

    /// The agent's SMS sessions, with all their fields.
    pub async fn sessions(&self) -> Result<Vec<SmsSession>, ApiError> {
        let answer = self.get(&self.config().sessions_url()).await?;
        match decode::sessions(answer.status, &answer.body)? {
            SessionList::Sessions(sessions) => Ok(sessions),
            // A server that ignored `fields=*`: read each one.
            SessionList::Uris(uris) => {
                let mut sessions = Vec::with_capacity(uris.len());
                for uri in &uris {
                    if let Some(id) = gws_types::last_path_segment(uri) {
                        sessions.push(self.session(id).await?);
                    }
                }
                Ok(sessions)
            }
        }
    }

    /// One SMS session.
    pub async fn session(&self, session_id: &str) -> Result<SmsSession, ApiError> {
        let answer = self.get(&self.config().session_url(session_id)).await?;
        decode::session(answer.status, &answer.body)
    }

    /// Log entries of a session from `range.start_index` (see [`super::resync`]).
    pub async fn messages(
        &self,
        session_id: &str,
        range: MessageRange,
    ) -> Result<Vec<Message>, ApiError> {
        let url = self
            .config()
            .messages_url(session_id, Some(range.start_index), range.count);
        let answer = self.get(&url).await?;
        decode::messages(answer.status, &answer.body)
    }

    /// Users and queues whose names or numbers match `search` (`*` is a wildcard).
    pub async fn search_contacts(
        &self,
        search: &str,
        kind: Option<ContactType>,
    ) -> Result<Contacts, ApiError> {
        let answer = self
            .get(&self.config().contacts_url(search, kind.as_ref()))
            .await?;
        decode::contacts(answer.status, &answer.body)
    }

    /// The disposition codes GWS offers (`GET /api/v2/settings/dispositions`).
    pub async fn dispositions(&self) -> Result<Vec<Disposition>, ApiError> {
        let answer = self.get(&self.config().dispositions_url()).await?;
        decode::dispositions(answer.status, &answer.body)
    }

    /// Posts an operation on a session. `Ok` only means GWS accepted it: the outcome
    /// comes as notifications carrying the returned `reference_id`.
    pub async fn operate(
        &self,
        session_id: &str,
        operation: &OperationRequest,
    ) -> Result<Accepted, ApiError> {
        let body = body::operation(operation);
        let answer = self
            .post(&self.config().session_url(session_id), body)
            .await?;
        decode::operation(answer.status, &answer.body)
    }

    /// A POST whose answer the caller reads itself (the Bayeux client's).
    pub(crate) async fn post_raw(
        &self,
        url: &str,
        body: String,
        timeout_ms: u32,
    ) -> Result<Answer, ApiError> {
        self.exchange(Method::Post, url, Some(body), timeout_ms, Carrier::Xhr)
            .await
    }

    async fn get(&self, url: &str) -> Result<Answer, ApiError> {
        let timeout = self.config().request_timeout_ms;
        self.exchange(Method::Get, url, None, timeout, Carrier::Fetch)
            .await
    }

    /// A POST that renews the CSRF token and tries once more when GWS refuses it.
    async fn post(&self, url: &str, body: String) -> Result<Answer, ApiError> {
        let timeout = self.config().request_timeout_ms;
        let answer = self
            .exchange(
                Method::Post,
                url,
                Some(body.clone()),
                timeout,
                Carrier::Fetch,
            )
            .await?;
        if !decode::is_csrf_refusal(answer.status, &answer.body) {
            return Ok(answer);
        }
        self.me().await?;
        self.exchange(Method::Post, url, Some(body), timeout, Carrier::Fetch)
            .await
    }

    /// The one function every request goes through: credentials, CSRF, timeout.
    async fn exchange(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
        timeout_ms: u32,
        carrier: Carrier,
    ) -> Result<Answer, ApiError> {
        let request = HttpRequest {
            method,
            url: url.to_owned(),
            headers: self.headers(method),
            body,
            timeout_ms,
        };
        let answer = match carrier {
            Carrier::Fetch => fetch::send(request).await?,
            Carrier::Xhr => xhr::send(request).await?,
        };
        if let Some(token) = answer.csrf.clone() {
            self.inner.csrf.replace(Some(token));
        }
        if (200..300).contains(&answer.status) {
            self.inner.signed_in.set(true);
        } else if answer.status == 401 {
            self.inner.signed_in.set(false);
        }
        Ok(answer)
    }

    fn headers(&self, method: Method) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        if let Some(authorization) = self.config().credentials.authorization() {
            headers.push(("Authorization".to_owned(), authorization));
        }
        if method == Method::Post {
            if let Some(token) = self.inner.csrf.borrow().as_ref() {
                headers.push((token.header().to_owned(), token.value().to_owned()));
            }
        }
        headers
    }
}
