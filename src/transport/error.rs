//! What can go wrong talking to GWS, in words an agent can act on.

use gws_types::StatusCode;

use crate::i18n::{status_code, Msg, Said};

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

impl ApiError {
    /// What went wrong, in the agent's words; GWS's own message as it came.
    pub fn said(&self) -> Said {
        if self.is_signed_out() {
            return Msg::SignedOut.into();
        }
        match self {
            ApiError::Network(_) => Msg::Unreachable.into(),
            ApiError::Timeout => Msg::TimedOut.into(),
            ApiError::Http { status: 403 } => Msg::Refused.into(),
            ApiError::Http { status: 404 } => Msg::NotFound.into(),
            ApiError::Http { status } if *status >= 500 => {
                Said::from(Msg::ServerError).with("status", u64::from(*status))
            }
            ApiError::Http { status } => Said::from(Msg::Http).with("status", u64::from(*status)),
            ApiError::Status { code, message } => {
                let meaning = status_code(code.code());
                match message.as_deref() {
                    Some(message) if !message.trim().is_empty() => Said::from(Msg::StatusSays)
                        .with("status", meaning)
                        .with("message", message.trim()),
                    _ => Said::from(Msg::StatusAlone).with("status", meaning),
                }
            }
            ApiError::Unreadable(_) => Msg::Unreadable.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalogue;

    #[test]
    fn signed_out_either_way() {
        assert!(ApiError::Http { status: 401 }.is_signed_out());
        let status = ApiError::Status {
            code: StatusCode::NotAuthenticated,
            message: Some("Access denied".into()),
        };
        assert!(status.is_signed_out());
        assert_eq!(
            Catalogue::default().say(&status.said()),
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
            assert_eq!(Catalogue::default().say(&error.said()), text);
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
