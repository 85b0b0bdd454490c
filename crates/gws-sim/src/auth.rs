//! Sign-in as GWS does it: HTTP Basic opens an HTTP session named by the `JSESSIONID`
//! cookie, whose CSRF token every modifying request must echo in `X-CSRF-TOKEN`.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use axum::http::{header, HeaderMap};
use base64::Engine as _;

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
    pub fn sign_in(&self, headers: &HeaderMap, directory: &Directory) -> SignIn {
        if let Some((username, password)) = basic_credentials(headers) {
            if directory.authenticate(&username, &password).is_none() {
                return SignIn::Refused;
            }
            if let Some(existing) = self.from_cookie(headers).filter(|s| s.username == username) {
                return SignIn::Existing(existing);
            }
            let session = HttpSession {
                id: self.random_hex().to_uppercase(),
                username,
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
        let id = cookie(headers, COOKIE)?;
        self.lock().get(&id).cloned()
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

/// `Authorization: Basic …` decoded, if well formed.
pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value
        .strip_prefix("Basic ")
        .or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

/// One cookie's value from every `Cookie` header.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
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
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        )
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
        sessions.end(&session.id);
        assert_eq!(
            sessions.sign_in(&headers(&[("cookie", cookie)]), &directory),
            SignIn::Refused
        );
    }
}
