//! What can go wrong talking to GWS, in words an agent can act on.

use gws_types::StatusCode;

/// A failed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer: offline, GWS down, or the browser refused the cross-origin request.
    /// The text is the browser's, for logs.
    Network(String),
    /// No answer within the time allowed.
    Timeout,
    /// An HTTP error status without a GWS answer in the body.
    Http { status: u16 },
    /// GWS answered with a non-zero `statusCode`.
    Status {
        code: StatusCode,
        message: Option<String>,
    },
    /// An answer that is not what this request returns (not JSON, cut short, wrong
    /// types). The text says what was wrong, for logs.
    Unreadable(String),
}

impl ApiError {
    /// The agent must sign in again: nothing else will work until then.
    pub fn is_signed_out(&self) -> bool {
        matches!(
            self,
            ApiError::Http { status: 401 }
                | ApiError::Status {
                    code: StatusCode::NotAuthenticated,
                    ..
                }
        )
    }

    /// Trying the same request again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout => true,
            ApiError::Http { status } => *status >= 500 || *status == 408 || *status == 429,
            ApiError::Status { code, .. } => {
                matches!(code, StatusCode::InternalError | StatusCode::Incomplete)
            }
            ApiError::Unreadable(_) => false,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_signed_out() {
            return f.write_str("You are signed out of GWS. Sign in again.");
        }
        match self {
            ApiError::Network(_) => {
                f.write_str("GWS could not be reached. Check the network connection.")
            }
            ApiError::Timeout => f.write_str("GWS did not answer in time. Try again."),
            ApiError::Http { status: 403 } => {
                f.write_str("GWS refused the request (HTTP 403). Reload to renew the session.")
            }
            ApiError::Http { status: 404 } => {
                f.write_str("GWS does not know this resource (HTTP 404).")
            }
            ApiError::Http { status } if *status >= 500 => {
                write!(f, "GWS had a server error (HTTP {status}). Try again.")
            }
            ApiError::Http { status } => write!(f, "GWS answered with HTTP {status}."),
            ApiError::Status { code, message } => match message.as_deref() {
                Some(message) if !message.trim().is_empty() => {
                    write!(f, "{}: {}", code.meaning(), message.trim())
                }
                _ => write!(f, "{}.", code.meaning()),
            },
            ApiError::Unreadable(_) => f.write_str("GWS sent an answer that cannot be read."),
        }
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_out_either_way() {
        assert!(ApiError::Http { status: 401 }.is_signed_out());
        let status = ApiError::Status {
            code: StatusCode::NotAuthenticated,
            message: Some("Access denied".into()),
        };
        assert!(status.is_signed_out());
        assert_eq!(
            status.to_string(),
            "You are signed out of GWS. Sign in again."
        );
        assert!(!ApiError::Http { status: 403 }.is_signed_out());
    }

    #[test]
    fn plain_words() {
        let cases = [
            (
                ApiError::Network("TypeError: Failed to fetch".into()),
                "GWS could not be reached. Check the network connection.",
            ),
            (ApiError::Timeout, "GWS did not answer in time. Try again."),
            (
                ApiError::Http { status: 404 },
                "GWS does not know this resource (HTTP 404).",
            ),
            (
                ApiError::Http { status: 502 },
                "GWS had a server error (HTTP 502). Try again.",
            ),
            (
                ApiError::Http { status: 418 },
                "GWS answered with HTTP 418.",
            ),
            (
                ApiError::Status {
                    code: StatusCode::InvalidForState,
                    message: Some("Session is not active ".into()),
                },
                "A parameter is not valid for the current state: Session is not active",
            ),
            (
                ApiError::Status {
                    code: StatusCode::NotFound,
                    message: None,
                },
                "The requested resource was not found.",
            ),
            (
                ApiError::Unreadable("eof".into()),
                "GWS sent an answer that cannot be read.",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
        }
    }

    #[test]
    fn transient_or_not() {
        assert!(ApiError::Timeout.is_transient());
        assert!(ApiError::Http { status: 503 }.is_transient());
        assert!(!ApiError::Http { status: 404 }.is_transient());
        assert!(!ApiError::Status {
            code: StatusCode::Forbidden,
            message: None
        }
        .is_transient());
    }
}
