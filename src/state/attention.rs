//! What needs the agent: messages they have not read, and a customer waiting for an
//! answer, with how urgent that has become. A desktop badges its tabs with it.

use gws_types::{Message, MessageType, ParticipantType};

use super::{Millis, OpStatus, SessionState};

/// How long a customer may wait for an answer before the widget warns, then alarms
/// (Workspace's `chat.pending-response-to-customer` holds the same two).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub warning_ms: Millis,
    pub alarm_ms: Millis,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            warning_ms: 30_000.0,
            alarm_ms: 60_000.0,
        }
    }
}

/// How urgent the customer's wait is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nobody waits, or not for long.
    Calm,
    /// Past the first threshold.
    Warning,
    /// Past the second.
    Alarm,
}

impl Level {
    /// A customer who has waited `waited` ms.
    pub fn of(waited: Millis, thresholds: &Thresholds) -> Level {
        if waited >= thresholds.alarm_ms {
            Level::Alarm
        } else if waited >= thresholds.warning_ms {
            Level::Warning
        } else {
            Level::Calm
        }
    }

    /// Its name in events and class names.
    pub fn name(self) -> &'static str {
        match self {
            Level::Calm => "calm",
            Level::Warning => "warning",
            Level::Alarm => "alarm",
        }
    }

    /// When, after the wait began, the level next rises; none once it alarms.
    pub fn next_change(waited: Millis, thresholds: &Thresholds) -> Option<Millis> {
        [thresholds.warning_ms, thresholds.alarm_ms]
            .into_iter()
            .find(|&at| at > waited)
    }
}

/// Whether an entry is something the customer wrote.
fn from_customer(message: &Message) -> bool {
    is_words(message)
        && message
            .from
            .as_ref()
            .is_some_and(|from| from.kind == Some(ParticipantType::Customer))
}

/// Whether an entry answers the customer: an agent's words the customer sees.
fn answers(message: &Message) -> bool {
    is_words(message)
        && !message.is_agents_only()
        && message
            .from
            .as_ref()
            .is_some_and(|from| from.kind == Some(ParticipantType::Agent))
}

fn is_words(message: &Message) -> bool {
    matches!(
        message.kind,
        MessageType::Text | MessageType::PushUrl | MessageType::Notice
    )
}

impl SessionState {
    /// The customer's first message since the last answer they saw: how long they have
    /// waited counts from it. None once an agent answers, or the agent's answer is on
    /// its way (sent from this widget, its copy not yet in the log; one not sent answers
    /// nobody), or the session is over for this agent.
    pub fn unanswered(&self) -> Option<&Message> {
        if self.status() == Some(&gws_types::SessionStatus::Completed) {
            return None;
        }
        let first = self
            .log()
            .iter()
            .rev()
            .take_while(|entry| !answers(entry))
            .filter(|entry| from_customer(entry))
            .last()?;
        let answering = self.operations().unsettled_messages().any(|op| {
            op.wrote().is_some_and(|wrote| !wrote.to_agents)
                && op.after() >= first.index
                && !matches!(op.status, OpStatus::Failed(_))
        });
        (!answering).then_some(&**first)
    }

    /// Messages from others after the last entry the agent has read.
    pub fn unread(&self) -> usize {
        let me = self.my_participant_id();
        self.log()
            .iter()
            .rev()
            .take_while(|entry| entry.index > self.read_through())
            .filter(|entry| is_words(entry))
            .filter(|entry| entry.from.as_ref().map(|f| f.participant_id.as_str()) != me)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use gws_types::{
        Capability, OperationRequest, Participant, SessionStatus, SmsSession, Visibility,
    };

    use super::*;
    use crate::state::{Action, OpId};

    fn entry(index: u64, kind: ParticipantType, visibility: Visibility, text: &str) -> Message {
        let id = match kind {
            ParticipantType::Customer => "C1",
            _ => "A1",
        };
        Message {
            index,
            kind: MessageType::Text,
            from: Some(Participant::new(id, id, kind)),
            text: Some(text.into()),
            url: None,
            notice_text: None,
            visibility: Some(visibility),
            timestamp: None,
            timestamp_seconds: Some(1_000 * index as i64),
        }
    }

    fn customer(index: u64) -> Message {
        entry(index, ParticipantType::Customer, Visibility::All, "?")
    }

    fn agent(index: u64, visibility: Visibility) -> Message {
        entry(index, ParticipantType::Agent, visibility, "!")
    }

    fn chatting() -> SessionState {
        let mut state = SessionState::new("S1");
        state.apply(Action::SessionLoaded(SmsSession {
            id: Some("S1".into()),
            state: Some(SessionStatus::Chatting),
            capabilities: Some(vec![Capability::SendMessage]),
            ..SmsSession::default()
        }));
        state
    }

    #[test]
    fn the_wait_counts_from_the_first_message_since_the_last_answer() {
        let mut state = chatting();
        assert!(state.unanswered().is_none());
        state.apply(Action::MessagesLoaded(vec![customer(1)]));
        assert_eq!(state.unanswered().map(|m| m.index), Some(1));
        state.apply(Action::MessagesLoaded(vec![agent(2, Visibility::All)]));
        assert!(state.unanswered().is_none(), "answered");
        state.apply(Action::MessagesLoaded(vec![customer(3), customer(5)]));
        // An agents-only note is no answer, nor is a join or a typing entry.
        state.apply(Action::MessagesLoaded(vec![
            agent(4, Visibility::Agents),
            Message {
                kind: MessageType::TypingStarted,
                ..agent(6, Visibility::All)
            },
        ]));
        assert_eq!(state.unanswered().map(|m| m.index), Some(3));
        state.apply(Action::MessagesLoaded(vec![agent(7, Visibility::All)]));
        assert!(state.unanswered().is_none());
    }

    #[test]
    fn an_answer_on_its_way_ends_the_wait_and_one_not_sent_does_not() {
        let mut state = chatting();
        state.apply(Action::MessagesLoaded(vec![customer(1)]));
        state.apply(Action::Requested {
            id: OpId(1),
            request: OperationRequest::SendToAgents {
                text: "help?".into(),
            },
            at: 0.0,
        });
        assert!(
            state.unanswered().is_some(),
            "a note to agents answers nobody"
        );
        state.apply(Action::Requested {
            id: OpId(2),
            request: OperationRequest::SendMessage {
                text: "On it".into(),
            },
            at: 0.0,
        });
        assert!(state.unanswered().is_none(), "the answer is on its way");
        state.apply(Action::RequestFailed {
            id: OpId(2),
            error: "offline".into(),
        });
        assert_eq!(
            state.unanswered().map(|m| m.index),
            Some(1),
            "not sent: the customer still waits"
        );
        state.apply(Action::SessionLoaded(SmsSession {
            id: Some("S1".into()),
            state: Some(SessionStatus::Completed),
            ..SmsSession::default()
        }));
        assert!(state.unanswered().is_none(), "over");
    }

    #[test]
    fn unread_counts_others_words_after_what_was_read() {
        let mut state = chatting();
        state.apply(Action::MessagesLoaded(vec![
            customer(1),
            agent(2, Visibility::Agents),
            customer(3),
        ]));
        assert_eq!(state.unread(), 3);
        assert!(state.apply(Action::Read(2)));
        assert_eq!(state.unread(), 1);
        assert!(!state.apply(Action::Read(1)), "reading never goes back");
        assert!(state.apply(Action::Read(3)));
        assert_eq!(state.unread(), 0);
    }

    #[test]
    fn levels_rise_at_the_thresholds() {
        let thresholds = Thresholds::default();
        assert_eq!(Level::of(0.0, &thresholds), Level::Calm);
        assert_eq!(Level::of(29_999.0, &thresholds), Level::Calm);
        assert_eq!(Level::of(30_000.0, &thresholds), Level::Warning);
        assert_eq!(Level::of(60_000.0, &thresholds), Level::Alarm);
        assert_eq!(Level::next_change(0.0, &thresholds), Some(30_000.0));
        assert_eq!(Level::next_change(30_000.0, &thresholds), Some(60_000.0));
        assert_eq!(Level::next_change(61_000.0, &thresholds), None);
    }
}
