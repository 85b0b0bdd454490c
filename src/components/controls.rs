//! What the session's controls (actions, composer, wrap-up) are drawn from.

use gws_types::{Capability, SessionStatus, UserData};

use super::Session;
use crate::state::{availability, AgentAction, Operations, Unavailable};

/// The parts of the session its controls read, and nothing else. Equality is derived,
/// so no method can read what `eq` does not compare; and a new message in the log,
/// which makes a new [`Session`], renders the log and leaves the controls alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Controls {
    session_id: String,
    status: Option<SessionStatus>,
    capabilities: Vec<Capability>,
    operations: Operations,
    user_data: UserData,
    comment: Option<String>,
    disposition_missing: bool,
}

impl Controls {
    pub fn session_id(&self) -> &str {
        &self.session_id
    }

    /// Whether the agent may take `action` now, and if not, why.
    pub fn availability(&self, action: AgentAction) -> Result<(), Unavailable> {
        availability(
            action,
            self.status.as_ref(),
            &self.capabilities,
            |name| self.operations.in_progress(name),
            |name| self.operations.awaiting(name),
            self.disposition_missing,
        )
    }

    pub fn status(&self) -> Option<&SessionStatus> {
        self.status.as_ref()
    }

    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    pub fn operations(&self) -> &Operations {
        &self.operations
    }

    pub fn user_data(&self) -> &UserData {
        &self.user_data
    }

    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }
}

impl From<Session> for Controls {
    fn from(session: Session) -> Self {
        Controls {
            session_id: session.session_id().to_owned(),
            status: session.status().cloned(),
            capabilities: session.capabilities().to_vec(),
            operations: session.operations().clone(),
            user_data: session.user_data().clone(),
            comment: session.comment().map(str::to_owned),
            disposition_missing: session.disposition_missing(),
        }
    }
}

#[cfg(test)]
mod tests {
    use gws_types::{Capability, Message, MessageType, SessionStatus, SmsSession};
    use yew::Reducible;

    use super::*;
    use crate::state::{Action, OpId, SessionState};
    use gws_types::OperationRequest;

    fn chatting() -> Session {
        let mut state = SessionState::new("S1");
        state.apply(Action::SessionLoaded(SmsSession {
            id: Some("S1".into()),
            state: Some(SessionStatus::Chatting),
            capabilities: Some(vec![Capability::SendMessage, Capability::Complete]),
            ..SmsSession::default()
        }));
        Session::new(state)
    }

    fn reduce(session: &Session, action: Action) -> Session {
        (*std::rc::Rc::new(session.clone()).reduce(action)).clone()
    }

    #[test]
    fn a_new_message_leaves_the_controls_equal() {
        let before = chatting();
        let after = reduce(
            &before,
            Action::MessagesLoaded(vec![Message {
                index: 1,
                kind: MessageType::Text,
                from: None,
                text: Some("hello".into()),
                url: None,
                notice_text: None,
                visibility: None,
                timestamp: None,
                timestamp_seconds: None,
            }]),
        );
        assert_ne!(before, after, "a new session value");
        assert_eq!(Controls::from(before), Controls::from(after));
    }

    #[test]
    fn capabilities_operations_and_data_make_the_controls_differ() {
        let before = chatting();
        let changes = [
            Action::SessionLoaded(SmsSession {
                id: Some("S1".into()),
                capabilities: Some(vec![Capability::Complete]),
                ..SmsSession::default()
            }),
            Action::SessionLoaded(SmsSession {
                id: Some("S1".into()),
                state: Some(SessionStatus::Completed),
                ..SmsSession::default()
            }),
            Action::SessionLoaded(SmsSession {
                id: Some("S1".into()),
                comment: Some("called back".into()),
                ..SmsSession::default()
            }),
            Action::Requested {
                id: OpId(1),
                request: OperationRequest::AddComment {
                    comment: "noted".into(),
                },
                at: 0.0,
            },
        ];
        for change in changes {
            let after = reduce(&before, change.clone());
            assert_ne!(
                Controls::from(before.clone()),
                Controls::from(after),
                "{change:?}"
            );
        }
    }
}
