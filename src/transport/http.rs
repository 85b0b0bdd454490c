//! One HTTP exchange as the client describes it, whichever browser API carries it.

use super::CsrfToken;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A request, sent with the page's credentials (the GWS session cookie).
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// Sent as JSON when given.
    pub body: Option<String>,
    pub timeout_ms: u32,
}

/// An answer, whatever its status.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The CSRF token the answer carried, if any.
    pub csrf: Option<CsrfToken>,
}
