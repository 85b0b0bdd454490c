//! Sign-in as GWS does it: HTTP Basic opens an HTTP session named by the `JSESSIONID`
//! cookie, whose CSRF token every modifying request must echo in `X-CSRF-TOKEN`.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, CookieJar};
use axum_extra::headers::authorization::Basic;
use axum_extra::headers::{Authorization, HeaderMapExt};

use crate::directory::Directory;

pub const COOKIE: &str = "JSESSIONID";
pub const CSRF_HEADER: &str = "X-CSRF-HEADER";
pub const CSRF_TOKEN: &str = "X-CSRF-TOKEN";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSession {
    pub id: String,
    pub username: String,
    pub csrf_token: String,
}

/// Who a request is from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// An existing HTTP session.
    Existing(HttpSession),
    /// Basic credentials opened a new HTTP session: set its cookie.
    New(HttpSession),
    /// No valid credentials.
    Refused,
}

#[derive(Default)]
pub struct HttpSessions {
    sessions: Mutex<HashMap<String, HttpSession>>,
    counter: AtomicU64,
}

impl HttpSessions {
    fn random_hex(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let (a, b) = (
            RandomState::new().hash_one(n),
            RandomState::new().hash_one(!n),
        );
        format!("{a:016x}{b:016x}")
    }

    /// Basic credentials win over the cookie (a different agent signing in on the
    /// same browser gets a new session); otherwise the cookie's session, if any.
    /// Credentials that do not decode count as none. This reads the request's headers
    /// rather than being a `TypedHeader` extractor, whose rejection would answer axum's
    /// 400 where GWS answers its own 401 or goes by the cookie.
    pub fn sign_in(&self, headers: &HeaderMap, directory: &Directory) -> SignIn {
        if let Some(Authorization(basic)) = headers.typed_get::<Authorization<Basic>>() {
            let username = basic.username();
            if directory.authenticate(username, basic.password()).is_none() {
                return SignIn::Refused;
            }
            if let Some(existing) = self.from_cookie(headers).filter(|s| s.username == username) {
                return SignIn::Existing(existing);
            }
            let session = HttpSession {
                id: self.random_hex().to_uppercase(),
                username: username.to_owned(),
                csrf_token: self.random_hex(),
            };
            self.lock().insert(session.id.clone(), session.clone());
            return SignIn::New(session);
        }
        match self.from_cookie(headers) {
            Some(session) => SignIn::Existing(session),
            None => SignIn::Refused,
        }
    }

    pub fn from_cookie(&self, headers: &HeaderMap) -> Option<HttpSession> {
        let jar = CookieJar::from_headers(headers);
        self.lock().get(jar.get(COOKIE)?.value()).cloned()
    }

    /// Whether a modifying request carries the cookie of a session and its token.
    pub fn csrf_ok(&self, headers: &HeaderMap) -> bool {
        let token = headers.get(CSRF_TOKEN).and_then(|v| v.to_str().ok());
        match (self.from_cookie(headers), token) {
            (Some(session), Some(token)) => session.csrf_token == token,
            _ => false,
        }
    }

    pub fn end(&self, id: &str) {
        self.lock().remove(id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, HttpSession>> {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The cookie that names a new HTTP session: for the whole server, and out of the
/// page's scripts' reach.
pub fn session_cookie(session: &HttpSession) -> Cookie<'static> {
    Cookie::build((COOKIE, session.id.clone()))
        .path("/")
        .http_only(true)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(value) {
                map.append(*name, value);
            }
        }
        map
    }

    fn basic(user: &str, password: &str) -> String {
        let mut map = HeaderMap::new();
        map.typed_insert(Authorization::basic(user, password));
        map.get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    #[test]
    fn basic_opens_a_session_the_cookie_then_names() {
        let directory = Directory::with_agents("http://sim.test", 3);
        let sessions = HttpSessions::default();
        let SignIn::New(session) = sessions.sign_in(
            &headers(&[("authorization", basic("agent1", "password"))]),
            &directory,
        ) else {
            panic!("agent1 signs in");
        };
        let cookie = format!("a=b; {COOKIE}={}", session.id);
        assert_eq!(
            sessions.sign_in(&headers(&[("cookie", cookie.clone())]), &directory),
            SignIn::Existing(session.clone())
        );
        assert!(sessions.csrf_ok(&headers(&[
            ("cookie", cookie.clone()),
            ("x-csrf-token", session.csrf_token.clone())
        ])));
        assert!(!sessions.csrf_ok(&headers(&[
            ("cookie", cookie.clone()),
            ("x-csrf-token", "nope".into())
        ])));
        assert!(!sessions.csrf_ok(&headers(&[("x-csrf-token", session.csrf_token.clone())])));
        assert_eq!(
            sessions.sign_in(
                &headers(&[("authorization", basic("agent1", "wrong"))]),
                &directory
            ),
            SignIn::Refused
        );
        assert_eq!(
            sessions.sign_in(
                &headers(&[("authorization", "Basic !!!".into())]),
                &directory
            ),
            SignIn::Refused
        );
        assert_eq!(
            sessions.sign_in(
                &headers(&[
                    ("authorization", "Basic !!!".into()),
                    ("cookie", cookie.clone())
                ]),
                &directory
            ),
            SignIn::Existing(session.clone()),
            "credentials that do not decode count as none"
        );
        let set_cookie = session_cookie(&session).to_string();
        assert!(set_cookie.starts_with(&format!("{COOKIE}={};", session.id)));
        assert!(set_cookie.contains("; HttpOnly") && set_cookie.contains("; Path=/"));
        sessions.end(&session.id);
        assert_eq!(
            sessions.sign_in(&headers(&[("cookie", cookie)]), &directory),
            SignIn::Refused
        );
    }
}
