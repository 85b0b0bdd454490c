//! The CometD notification envelope (the `data` of a Bayeux message on the SMS topic).

use serde::{Deserialize, Serialize};

use crate::{last_path_segment, open_enum::open_enum, Message, SmsSession};

open_enum! {
    /// `messageType`: which family the notification belongs to.
    pub enum NotificationMessageType {
        SmsSessionStateChange = "SMSsessionStateChangeMessage",
        MessageLogUpdated = "MessageLogUpdated",
    }
}

open_enum! {
    /// `notificationType`: what happened.
    pub enum NotificationType {
        StatusChange = "StatusChange",
        ParticipantsUpdated = "ParticipantsUpdated",
        PropertiesUpdated = "PropertiesUpdated",
        NewMessages = "NewMessages",
        Error = "Error",
    }
}

/// An SMS notification exactly as GWS sends it. One flat envelope covers every form:
/// state changes (`smssession`), log updates (`messages` + `smssessionUri`) and errors,
/// including the bare error that carries only `errorMessage` and `referenceId`.
///
/// The documentation's misspellings `smsession`, `smsessionUri` and `smsessionPath`
/// are read as the correct keys; only the correct keys are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_type: Option<NotificationMessageType>,
    pub notification_type: NotificationType,
    #[serde(default, alias = "smsession", skip_serializing_if = "Option::is_none")]
    pub smssession: Option<SmsSession>,
    /// Ties the notification to the operation whose answer carried the same value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Message>>,
    #[serde(
        default,
        rename = "smssessionUri",
        alias = "smsessionUri",
        skip_serializing_if = "Option::is_none"
    )]
    pub smssession_uri: Option<String>,
    #[serde(
        default,
        rename = "smssessionPath",
        alias = "smsessionPath",
        skip_serializing_if = "Option::is_none"
    )]
    pub smssession_path: Option<String>,
}

/// What a notification means, read from `notificationType` and the fields present
/// (never from `messageType` alone: one documented sample says `"test_accept "`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NotificationEvent<'a> {
    /// The session resource changed (`StatusChange`, `ParticipantsUpdated`, `PropertiesUpdated`).
    SessionChanged {
        change: SessionChange,
        session: &'a SmsSession,
        reference_id: Option<u64>,
    },
    /// New log entries for the session named by `session_id`.
    NewMessages {
        session_id: Option<&'a str>,
        messages: &'a [Message],
        reference_id: Option<u64>,
    },
    /// An operation failed; the session, when present, is its unchanged state.
    Failed {
        reference_id: Option<u64>,
        error_message: &'a str,
        session: Option<&'a SmsSession>,
    },
    /// A `notificationType` this version does not know: tolerated and ignored.
    Unrecognized { notification_type: &'a str },
}

/// Which part of the session a state-change notification reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionChange {
    Status,
    Participants,
    Properties,
}

/// A notification that names a known type but lacks what that type needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedNotification {
    pub notification_type: &'static str,
    pub missing: &'static str,
}

impl std::fmt::Display for MalformedNotification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a {} notification arrived without `{}`",
            self.notification_type, self.missing
        )
    }
}

impl std::error::Error for MalformedNotification {}

impl Notification {
    /// Classifies the notification.
    pub fn event(&self) -> Result<NotificationEvent<'_>, MalformedNotification> {
        let change = match &self.notification_type {
            NotificationType::StatusChange => SessionChange::Status,
            NotificationType::ParticipantsUpdated => SessionChange::Participants,
            NotificationType::PropertiesUpdated => SessionChange::Properties,
            NotificationType::NewMessages => {
                return Ok(NotificationEvent::NewMessages {
                    session_id: self.session_id(),
                    messages: self.messages.as_deref().unwrap_or_default(),
                    reference_id: self.reference_id,
                })
            }
            NotificationType::Error => {
                return Ok(NotificationEvent::Failed {
                    reference_id: self.reference_id,
                    error_message: self.error_message.as_deref().unwrap_or("Operation failed"),
                    session: self.smssession.as_ref(),
                })
            }
            NotificationType::Unknown(other) => {
                return Ok(NotificationEvent::Unrecognized {
                    notification_type: other,
                })
            }
        };
        let session = self.smssession.as_ref().ok_or(MalformedNotification {
            notification_type: match change {
                SessionChange::Status => "StatusChange",
                SessionChange::Participants => "ParticipantsUpdated",
                SessionChange::Properties => "PropertiesUpdated",
            },
            missing: "smssession",
        })?;
        Ok(NotificationEvent::SessionChanged {
            change,
            session,
            reference_id: self.reference_id,
        })
    }

    /// The id of the session this notification is about, wherever it is carried.
    pub fn session_id(&self) -> Option<&str> {
        self.smssession
            .as_ref()
            .and_then(SmsSession::session_id)
            .or_else(|| self.smssession_uri.as_deref().and_then(last_path_segment))
            .or_else(|| self.smssession_path.as_deref().and_then(last_path_segment))
    }
}
