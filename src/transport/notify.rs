//! What subscribers to the notification channel receive.

use std::rc::Rc;

use gws_types::Notification;

use super::bayeux::ConnectionState;

/// One thing that happened on the shared CometD connection.
#[derive(Debug, Clone, PartialEq)]
pub enum CometEvent {
    /// An SMS notification (the `data` of a Bayeux message on the SMS topic).
    Notification(Rc<Notification>),
    /// A message on the SMS topic that is not a notification this version can read.
    /// The loop goes on; the owner may re-read its session to be safe.
    Unreadable(Rc<UnreadableNotification>),
    /// The connection changed: show it.
    State(ConnectionState),
    /// Notifications may have been missed: re-read the session and the log after the
    /// last index held (see [`super::resync`]).
    Resync,
}

/// A notification that could not be read, with what came (JSON text), for logs.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableNotification {
    pub reason: String,
    pub data: String,
}

impl std::fmt::Display for UnreadableNotification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "A notification from GWS could not be read ({})",
            self.reason
        )
    }
}

impl std::error::Error for UnreadableNotification {}

/// Reads a Bayeux message's `data`, given as JSON text.
pub fn read_notification(data: &str) -> CometEvent {
    match super::json::from_str::<Notification>(data) {
        Ok(notification) => CometEvent::Notification(Rc::new(notification)),
        Err(error) => CometEvent::Unreadable(Rc::new(UnreadableNotification {
            reason: error.to_string(),
            data: data.to_owned(),
        })),
    }
}

impl CometEvent {
    /// Whether the widget of session `session_id` needs this event: everything but
    /// notifications that name another session. Errors without a session (a failed
    /// CancelConsult) go to every widget, which matches them by `referenceId`.
    pub fn concerns(&self, session_id: &str) -> bool {
        match self {
            CometEvent::Notification(notification) => {
                notification.session_id().is_none_or(|id| id == session_id)
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_seed_notifications() {
        let data = json!({
            "messageType": "MessageLogUpdated",
            "notificationType": "NewMessages",
            "messages": [{"index": 7, "type": "Text", "text": "hello", "visibility": "Agents"}],
            "smssessionUri": "http://gws:8080/api/v2/smssessions/0001Ka9B26EF000P"
        });
        let CometEvent::Notification(notification) = read_notification(&data.to_string()) else {
            panic!("expected a notification");
        };
        assert_eq!(notification.session_id(), Some("0001Ka9B26EF000P"));
    }

    #[test]
    fn unreadable_data_is_an_event_not_a_panic() {
        for data in [
            json!(null),
            json!("text"),
            json!([1, 2]),
            json!({"messageType": "MessageLogUpdated"}),
            json!({"notificationType": "NewMessages", "messages": [{"index": "one"}]}),
        ] {
            let event = read_notification(&data.to_string());
            let CometEvent::Unreadable(unreadable) = event else {
                panic!("expected unreadable for {data}");
            };
            assert_eq!(unreadable.data, data.to_string());
            assert!(unreadable
                .to_string()
                .starts_with("A notification from GWS could not be read"));
        }
    }

    #[test]
    fn each_widget_gets_its_own_session_and_the_shared_events() {
        let read = |data: serde_json::Value| read_notification(&data.to_string());
        let mine = read(json!({
            "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
            "smssession": {"id": "A", "state": "Completed"}}));
        let other = read(json!({
            "notificationType": "NewMessages", "messages": [],
            "smssessionUri": "http://gws/api/v2/smssessions/B"}));
        let bare_error = read(json!({
            "notificationType": "Error", "errorMessage": "Request failed", "referenceId": 12}));
        assert!(mine.concerns("A"));
        assert!(!other.concerns("A"));
        assert!(bare_error.concerns("A"));
        assert!(CometEvent::Resync.concerns("A"));
        assert!(CometEvent::State(ConnectionState::Connected).concerns("A"));
    }
}
