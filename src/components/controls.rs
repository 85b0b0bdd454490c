//! What the session's controls (actions, composer, wrap-up) are drawn from.

use gws_types::UserData;

use super::Session;
use crate::state::{AgentAction, Operations, Unavailable};

/// The session as its controls see it: what the agent may do, what they asked for, and
/// the data they record. Equal when all of that is, so a new message in the log, which
/// makes a new [`Session`], renders the log and leaves the controls alone.
#[derive(Clone, Debug)]
pub struct Controls(Session);

impl Controls {
    pub fn session_id(&self) -> &str {
        self.0.session_id()
    }

    /// Whether the agent may take `action` now, and if not, why.
    pub fn availability(&self, action: AgentAction) -> Result<(), Unavailable> {
        self.0.availability(action)
    }

    pub fn operations(&self) -> &Operations {
        self.0.operations()
    }

    pub fn user_data(&self) -> &UserData {
        self.0.user_data()
    }

    pub fn comment(&self) -> Option<&str> {
        self.0.comment()
    }
}

impl PartialEq for Controls {
    /// Compares exactly what the methods above read.
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        a == b
            || (a.session_id() == b.session_id()
                && a.status() == b.status()
                && a.capabilities() == b.capabilities()
                && a.operations() == b.operations()
                && a.user_data() == b.user_data()
                && a.comment() == b.comment())
    }
}

impl From<Session> for Controls {
    fn from(session: Session) -> Self {
        Controls(session)
    }
}

#[cfg(test)]
mod tests {
    use gws_types::{Capability, Message, MessageType, SessionState as Status, SmsSession};
    use yew::Reducible;

    use super::*;
    use crate::state::{Action, OpId, SessionState};
    use gws_types::OperationRequest;

    fn chatting() -> Session {
        let mut state = SessionState::new("S1");
        state.apply(Action::SessionLoaded(SmsSession {
            id: Some("S1".into()),
            state: Some(Status::Chatting),
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
                state: Some(Status::Completed),
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
