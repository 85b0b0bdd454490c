//! What the host page is told: operations requested, succeeded or failed, and the
//! session's state, read off the difference between two states.

use serde::Serialize;

use super::{OpStatus, SessionState};
use crate::i18n::Catalogue;

/// One event for the host page; `kind` names the DOM event, the rest is its `detail`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HostEvent {
    #[serde(rename_all = "camelCase")]
    OperationRequested {
        session_id: String,
        operation_id: u64,
        operation_name: &'static str,
    },
    #[serde(rename_all = "camelCase")]
    OperationSucceeded {
        session_id: String,
        operation_id: u64,
        operation_name: &'static str,
        reference_id: Option<u64>,
    },
    #[serde(rename_all = "camelCase")]
    OperationFailed {
        session_id: String,
        operation_id: u64,
        operation_name: &'static str,
        error: String,
    },
    #[serde(rename_all = "camelCase")]
    SessionChanged {
        session_id: String,
        state: Option<String>,
        capabilities: Vec<String>,
        participants: Vec<ParticipantSummary>,
    },
    /// What needs the agent changed: messages unread, a customer waiting since
    /// `waiting_since` (Unix ms), and how urgent that is (`calm`, `warning`, `alarm`).
    #[serde(rename_all = "camelCase")]
    Attention {
        session_id: String,
        unread: usize,
        waiting_since: Option<f64>,
        level: &'static str,
    },
    #[serde(rename_all = "camelCase")]
    ConnectionChanged {
        session_id: String,
        /// `connecting`, `connected`, `reconnecting`, `offline` or `signed-out`.
        state: &'static str,
        /// Words the host may show.
        description: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantSummary {
    pub participant_id: String,
    pub nickname: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub role: String,
}

impl HostEvent {
    /// The DOM event name.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::OperationRequested { .. } => "gws-sms-operation-requested",
            HostEvent::OperationSucceeded { .. } => "gws-sms-operation-succeeded",
            HostEvent::OperationFailed { .. } => "gws-sms-operation-failed",
            HostEvent::SessionChanged { .. } => "gws-sms-session-changed",
            HostEvent::ConnectionChanged { .. } => "gws-sms-connection-changed",
            HostEvent::Attention { .. } => "gws-sms-attention",
        }
    }
}

/// The events that lead from `before` to `after`.
pub fn between(before: &SessionState, after: &SessionState, t: &Catalogue) -> Vec<HostEvent> {
    let session_id = after.session_id().to_owned();
    let mut events = Vec::new();
    for op in after.operations().iter() {
        let previous = before.operations().get(op.id).map(|old| &old.status);
        if previous == Some(&op.status) {
            continue;
        }
        let (operation_id, operation_name) = (op.id.0, op.request.operation_name());
        if previous.is_none() {
            events.push(HostEvent::OperationRequested {
                session_id: session_id.clone(),
                operation_id,
                operation_name,
            });
        }
        match &op.status {
            OpStatus::Done => events.push(HostEvent::OperationSucceeded {
                session_id: session_id.clone(),
                operation_id,
                operation_name,
                reference_id: op.reference_id(),
            }),
            OpStatus::Failed(error) => events.push(HostEvent::OperationFailed {
                session_id: session_id.clone(),
                operation_id,
                operation_name,
                error: t.say(error),
            }),
            OpStatus::Sending | OpStatus::Pending { .. } | OpStatus::Unconfirmed(_) => {}
        }
    }
    let roster_changed = before.participants() != after.participants()
        || before.my_participant_id() != after.my_participant_id();
    if before.status() != after.status()
        || before.capabilities() != after.capabilities()
        || roster_changed
    {
        events.push(session_changed(after));
    }
    events
}

fn session_changed(state: &SessionState) -> HostEvent {
    HostEvent::SessionChanged {
        session_id: state.session_id().to_owned(),
        state: state.status().map(|s| s.as_str().to_owned()),
        capabilities: state
            .capabilities()
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
        participants: state
            .roster()
            .into_iter()
            .map(|entry| ParticipantSummary {
                participant_id: entry.participant.participant_id.clone(),
                nickname: entry.participant.nickname.clone(),
                kind: entry
                    .participant
                    .kind
                    .as_ref()
                    .map(|k| k.as_str().to_owned()),
                role: entry.role.label().to_owned(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, OpId};
    use gws_types::{
        Capability, OperationRequest, OperationResponse, SessionStatus, SmsSession, StatusCode,
    };
    use serde_json::json;

    fn chatting() -> SessionState {
        let mut state = SessionState::new("S1");
        state.apply(Action::SessionLoaded(SmsSession {
            id: Some("S1".into()),
            state: Some(SessionStatus::Chatting),
            capabilities: Some(vec![Capability::Leave]),
            ..SmsSession::default()
        }));
        state
    }

    #[test]
    fn an_operation_is_requested_then_succeeds_or_fails() {
        let before = chatting();
        let mut requested = before.clone();
        requested.apply(Action::Requested {
            id: OpId(1),
            request: OperationRequest::Leave,
            at: 0.0,
        });
        assert_eq!(
            serde_json::to_value(between(&before, &requested, &Catalogue::default())).unwrap(),
            json!([{"kind": "operation-requested", "sessionId": "S1", "operationId": 1, "operationName": "Leave"}])
        );
        let mut failed = requested.clone();
        failed.apply(Action::Answered {
            id: OpId(1),
            response: OperationResponse::error(StatusCode::InvalidForState, "Not now"),
        });
        let events = between(&requested, &failed, &Catalogue::default());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].name(), "gws-sms-operation-failed");
        assert!(
            between(&failed, &failed, &Catalogue::default()).is_empty(),
            "nothing new, nothing told"
        );
    }

    #[test]
    fn a_state_change_reports_the_session() {
        let before = chatting();
        let mut after = before.clone();
        after.apply(Action::SessionGone);
        let events = between(&before, &after, &Catalogue::default());
        assert_eq!(
            serde_json::to_value(&events).unwrap(),
            json!([{"kind": "session-changed", "sessionId": "S1", "state": "Completed", "capabilities": [], "participants": []}])
        );
    }
}
