//! Where the documentation's samples show a `referenceId` (`shared/fixtures/gws/`,
//! `shared/gws/sms-sessions.md` §6). With `referenceIds: documented` the simulator
//! carries one only there; the README's table lists each sample.

use gws_types::{Notification, NotificationType, SessionStatus};

/// Whether the documented answer of `operation` shows a `referenceId`: Consult, Invite
/// and CancelConsult (their samples), and Transfer (no SMS page; the Facebook sibling's
/// samples show one, and the product decision reports a refused Transfer by it).
/// Every other SMS answer sample is `{"statusCode":0}`.
pub fn answer_shows(operation: &str) -> bool {
    matches!(
        operation,
        "Consult" | "Invite" | "CancelConsult" | "Transfer"
    )
}

/// What caused a notification: an agent's operation (`requester`), or nothing an agent
/// asked for (a simulated agent accepting, the control API).
#[derive(Debug, Clone, Copy)]
pub struct Cause<'a> {
    pub operation: &'a str,
    pub requester: &'a str,
}

/// Whether the documented sample of this notification shows a `referenceId`.
/// `recipient` is the agent it goes to: an offer's originator hearing of the answer did
/// not make the request that caused it, and no sample shows that case.
pub fn notification_shows(
    cause: Option<Cause>,
    recipient: &str,
    notification: &Notification,
) -> bool {
    use NotificationType as Kind;
    // consult-failed-notification, cancelconsult-error-notification-1/-2.
    if notification.notification_type == Kind::Error {
        return true;
    }
    let Some(cause) = cause.filter(|cause| cause.requester == recipient) else {
        return false;
    };
    let state = notification
        .smssession
        .as_ref()
        .and_then(|session| session.state.as_ref());
    match (cause.operation, &notification.notification_type) {
        // accept-notification-1 (not -2, nor the history), reject-notification-1.
        ("Accept" | "Reject", Kind::StatusChange) => true,
        // leave-notification-1 (LeftChat), not leave-notification-2 (Completed).
        ("Leave", Kind::StatusChange) => state == Some(&SessionStatus::LeftChat),
        // setdisposition-, addcomment-notification-1; the user-data pages' text (83/85/15).
        (
            "SetDisposition" | "AttachUserData" | "UpdateUserData" | "DeleteUserData"
            | "AddComment",
            Kind::PropertiesUpdated,
        ) => true,
        // NewMessages of every Send… page, consult-notification-1/-2, complete-notification-1.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gws_types::SmsSession;

    fn note(kind: NotificationType, state: Option<SessionStatus>) -> Notification {
        Notification {
            message_type: None,
            notification_type: kind,
            smssession: Some(SmsSession {
                state,
                ..SmsSession::default()
            }),
            reference_id: Some(1),
            error_message: None,
            messages: None,
            smssession_uri: None,
            smssession_path: None,
        }
    }

    fn cause(operation: &str) -> Option<Cause<'_>> {
        Some(Cause {
            operation,
            requester: "agent1",
        })
    }

    #[test]
    fn answers_as_the_samples() {
        for shown in ["Consult", "Invite", "CancelConsult", "Transfer"] {
            assert!(answer_shows(shown), "{shown}");
        }
        for hidden in [
            "SendMessage",
            "Accept",
            "Leave",
            "Complete",
            "SetDisposition",
        ] {
            assert!(!answer_shows(hidden), "{hidden}");
        }
    }

    #[test]
    fn notifications_as_the_samples() {
        use NotificationType as Kind;
        let echo = note(Kind::NewMessages, None);
        assert!(!notification_shows(cause("SendMessage"), "agent1", &echo));
        let accepted = note(Kind::StatusChange, Some(SessionStatus::Chatting));
        assert!(notification_shows(cause("Accept"), "agent1", &accepted));
        let roster = note(Kind::ParticipantsUpdated, Some(SessionStatus::Chatting));
        assert!(!notification_shows(cause("Accept"), "agent1", &roster));
        assert!(!notification_shows(cause("Consult"), "agent1", &roster));
        let left = note(Kind::StatusChange, Some(SessionStatus::LeftChat));
        let completed = note(Kind::StatusChange, Some(SessionStatus::Completed));
        assert!(notification_shows(cause("Leave"), "agent1", &left));
        assert!(!notification_shows(cause("Leave"), "agent1", &completed));
        assert!(!notification_shows(cause("Complete"), "agent1", &completed));
        let data = note(Kind::PropertiesUpdated, Some(SessionStatus::Chatting));
        assert!(notification_shows(cause("SetDisposition"), "agent1", &data));
        // The originator of an accepted Transfer did not ask for that Completed.
        assert!(!notification_shows(cause("Accept"), "agent2", &completed));
        assert!(!notification_shows(None, "agent1", &accepted));
        let refused = note(Kind::Error, Some(SessionStatus::Chatting));
        assert!(notification_shows(None, "agent1", &refused));
        assert!(notification_shows(cause("Accept"), "agent2", &refused));
    }
}
