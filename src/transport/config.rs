//! Where GWS is, how to sign in, and the URLs of the endpoints the widget uses.

use base64::Engine as _;
use gws_types::ContactType;

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum Credentials {
    /// The host page has signed in already: the browser holds the `JSESSIONID`
    /// cookie, and every request just includes it.
    HostSession,
    /// HTTP Basic. GWS opens its session on the first request; the header is sent on
    /// every request anyway, as GWS's own modifying example does.
    Basic { username: String, password: String },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::HostSession => f.write_str("HostSession"),
            Credentials::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"…")
                .finish(),
        }
    }
}

impl Credentials {
    /// The `Authorization` header value, if any.
    pub fn authorization(&self) -> Option<String> {
        match self {
            Credentials::HostSession => None,
            Credentials::Basic { username, password } => {
                let pair = format!("{username}:{password}");
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
        }
    }
}

/// Everything the transport needs to reach one GWS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GwsConfig {
    /// The GWS origin and context path, without `/api/v2` (`https://gws.example.com`,
    /// or empty for the page's own origin).
    pub base_url: String,
    pub credentials: Credentials,
    /// The CometD endpoint; `{base_url}/api/v2/notifications` when `None`.
    pub notifications_url: Option<String>,
    /// The Bayeux channel of SMS notifications.
    pub topic: String,
    /// How long a REST request may take.
    pub request_timeout_ms: u32,
}

impl GwsConfig {
    /// A GWS the host page is already signed in to.
    pub fn new(base_url: impl Into<String>) -> Self {
        GwsConfig {
            base_url: base_url.into(),
            credentials: Credentials::HostSession,
            notifications_url: None,
            topic: "/v2/me/smssessions".to_owned(),
            request_timeout_ms: 15_000,
        }
    }

    /// The same, signing in with HTTP Basic.
    pub fn with_basic(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.credentials = Credentials::Basic {
            username: username.into(),
            password: password.into(),
        };
        self
    }

    pub fn notifications_url(&self) -> String {
        match &self.notifications_url {
            Some(url) => url.clone(),
            None => self.api("/notifications"),
        }
    }

    /// `{base}/api/v2{path}`.
    pub(crate) fn api(&self, path: &str) -> String {
        self.api_of(&[path])
    }

    /// `{base}/api/v2` and the path in `parts`, pushed onto one string.
    fn api_of(&self, parts: &[&str]) -> String {
        let mut url = self.base_url.trim_end_matches('/').to_owned();
        url.push_str("/api/v2");
        for part in parts {
            url.push_str(part);
        }
        url
    }

    pub(crate) fn dispositions_url(&self) -> String {
        self.api("/settings/dispositions")
    }

    pub(crate) fn me_url(&self) -> String {
        self.api("/me")
    }

    pub(crate) fn sessions_url(&self) -> String {
        self.api("/me/smssessions?fields=*")
    }

    pub(crate) fn session_url(&self, session_id: &str) -> String {
        self.api_of(&["/me/smssessions/", &encode(session_id)])
    }

    pub(crate) fn messages_url(
        &self,
        session_id: &str,
        start_index: Option<u64>,
        count: Option<u64>,
    ) -> String {
        let mut url = self.api_of(&["/me/smssessions/", &encode(session_id), "/messages"]);
        let mut separator = '?';
        for (name, value) in [("startIndex", start_index), ("count", count)] {
            if let Some(value) = value {
                url.push(separator);
                url.push_str(name);
                url.push('=');
                url.push_str(&value.to_string());
                separator = '&';
            }
        }
        url
    }

    pub(crate) fn contacts_url(&self, search: &str, kind: Option<&ContactType>) -> String {
        let mut url = self.api_of(&[
            "/contacts?filterName=NamesOrPhoneNumberMatches&filterParameters=",
            &encode(search),
        ]);
        if let Some(kind) = kind {
            url.push_str("&type=");
            url.push_str(&encode(kind.as_str()));
        }
        url
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters and `*` (the
/// Contacts filter's wildcard, which GWS documents unencoded).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~*".contains(&byte) {
            out.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_under_the_base() {
        let config = GwsConfig::new("https://gws.example.com/cloud-web/");
        assert_eq!(
            config.me_url(),
            "https://gws.example.com/cloud-web/api/v2/me"
        );
        assert_eq!(
            config.sessions_url(),
            "https://gws.example.com/cloud-web/api/v2/me/smssessions?fields=*"
        );
        assert_eq!(
            config.notifications_url(),
            "https://gws.example.com/cloud-web/api/v2/notifications"
        );
        assert_eq!(GwsConfig::new("").me_url(), "/api/v2/me");
    }

    #[test]
    fn notifications_url_is_configurable() {
        let mut config = GwsConfig::new("http://127.0.0.1:8080");
        config.notifications_url = Some("http://127.0.0.1:9090/cometd".into());
        assert_eq!(config.notifications_url(), "http://127.0.0.1:9090/cometd");
    }

    #[test]
    fn ids_and_searches_are_encoded() {
        let config = GwsConfig::new("http://h");
        assert_eq!(
            config.session_url("00/1 ?x"),
            "http://h/api/v2/me/smssessions/00%2F1%20%3Fx"
        );
        assert_eq!(
            config.messages_url("abc", Some(5), None),
            "http://h/api/v2/me/smssessions/abc/messages?startIndex=5"
        );
        assert_eq!(
            config.messages_url("abc", Some(5), Some(20)),
            "http://h/api/v2/me/smssessions/abc/messages?startIndex=5&count=20"
        );
        assert_eq!(
            config.messages_url("abc", None, None),
            "http://h/api/v2/me/smssessions/abc/messages"
        );
        assert_eq!(
            config.contacts_url("*ann é&*", Some(&ContactType::Queue)),
            "http://h/api/v2/contacts?filterName=NamesOrPhoneNumberMatches\
             &filterParameters=*ann%20%C3%A9%26*&type=Queue"
        );
        assert_eq!(
            config.contacts_url("ann", None),
            "http://h/api/v2/contacts?filterName=NamesOrPhoneNumberMatches&filterParameters=ann"
        );
    }

    #[test]
    fn basic_credentials() {
        let config = GwsConfig::new("").with_basic("ksippo", "");
        assert_eq!(
            config.credentials.authorization().as_deref(),
            Some("Basic a3NpcHBvOg==")
        );
        assert_eq!(Credentials::HostSession.authorization(), None);
        assert!(!format!("{:?}", GwsConfig::new("").with_basic("a", "secret")).contains("secret"));
    }
}
