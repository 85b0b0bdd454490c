//! The SMS session engine: pure and synchronous. Operations, control actions and
//! simulated participants go in; notifications for each agent, entries for the
//! customer's phone and offers to simulated agents come out. No I/O, no clocks of its
//! own (time is injected), so every rule is tested natively.

mod capabilities;
pub mod index_gaps;
mod operations;
mod session;

use std::collections::BTreeMap;

use gws_types::{
    Message, MessageType, Notification, NotificationMessageType, NotificationType,
    OperationRequest, Participant, ParticipantType, SessionStatus, SmsSession, UserData,
    Visibility,
};

use crate::directory::Directory;
use index_gaps::IndexGaps;
pub use session::OfferKind;
use session::{Body, Refs, Role, Seat, Session};

/// What the engine asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Outbound {
    /// Publish a notification to one agent's `/v2/me/smssessions` subscribers.
    Agent {
        username: String,
        notification: Notification,
    },
    /// An entry reached the customer's phone.
    Customer {
        session_id: String,
        message: Message,
    },
    /// Another agent offered `username` the session: if nobody drives that agent, it
    /// should be accepted on their behalf after a delay ([`Engine::auto_accept`]).
    Offered {
        session_id: String,
        username: String,
    },
}

/// An operation was accepted: its `referenceId` and what it caused.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub reference_id: u64,
    pub outbound: Vec<Outbound>,
}

/// The session does not exist or the agent takes no part in it: GWS `statusCode` 6.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound;

/// Why a control action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ControlError {
    UnknownAgent(String),
    UnknownSession(String),
    NotInSession(String),
    CustomerGone,
}

impl std::fmt::Display for ControlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownAgent(name) => write!(f, "no agent `{name}` in the directory"),
            Self::UnknownSession(id) => write!(f, "no session `{id}`"),
            Self::NotInSession(name) => write!(f, "`{name}` is not chatting in this session"),
            Self::CustomerGone => f.write_str("the session has ended for the customer"),
        }
    }
}

/// Id counters, where message indexes skip, and the injected clock.
pub struct Counters {
    next_session: u64,
    next_participant: u64,
    next_reference: u64,
    gaps: IndexGaps,
    clock: Box<dyn Fn() -> i64 + Send>,
}

impl Counters {
    fn now(&self) -> i64 {
        (self.clock)()
    }

    fn session_id(&mut self) -> String {
        self.next_session += 1;
        format!("0000SM{:010X}", self.next_session)
    }

    fn participant_id(&mut self) -> String {
        self.next_participant += 1;
        format!("{:016X}", 0x0090_52CB_0000_0000_u64 + self.next_participant)
    }

    fn reference_id(&mut self) -> u64 {
        self.next_reference += 1;
        self.next_reference
    }

    /// The index of a log's next entry after `last` (0 for an empty log).
    fn message_index(&mut self, last: u64) -> u64 {
        self.gaps.next_index(last)
    }
}

/// Milliseconds since the Unix epoch from the system clock.
pub fn system_clock() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as i64)
        .unwrap_or(0)
}

pub struct Engine {
    directory: Directory,
    sessions: BTreeMap<String, Session>,
    counters: Counters,
    disposition_key: String,
}

/// The userData key SetDisposition writes when no `dispositionKey` is given.
pub const DEFAULT_DISPOSITION_KEY: &str = "DispositionCode";

impl Engine {
    pub fn new(directory: Directory, clock: Box<dyn Fn() -> i64 + Send>) -> Self {
        Engine {
            directory,
            sessions: BTreeMap::new(),
            counters: Counters {
                next_session: 0,
                next_participant: 0,
                next_reference: 0,
                gaps: IndexGaps::contiguous(),
                clock,
            },
            disposition_key: DEFAULT_DISPOSITION_KEY.to_owned(),
        }
    }

    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    pub fn directory_mut(&mut self) -> &mut Directory {
        &mut self.directory
    }

    /// From now on about every `every`-th new log entry skips an index (0: none), where
    /// the generator seeded with `seed` says.
    pub fn set_index_gaps(&mut self, every: u64, seed: u64) {
        self.counters.gaps = IndexGaps::new(every, seed);
    }

    /// A customer texts in: a new session offered to `agent` (`StatusChange`, state
    /// `Invited`, the whole resource).
    pub fn start_session(
        &mut self,
        agent: &str,
        customer_nickname: &str,
        text: &str,
    ) -> Result<(String, Vec<Outbound>), ControlError> {
        let agent = self
            .directory
            .agent(agent)
            .cloned()
            .ok_or_else(|| ControlError::UnknownAgent(agent.to_owned()))?;
        let id = self.counters.session_id();
        let customer =
            Session::customer_participant(&self.counters.participant_id(), customer_nickname);
        let mut user_data = UserData::new();
        user_data.insert("ServiceType".into(), "SMS".into());
        user_data.insert("RStrategyName".into(), "SimSmsRouting".into());
        let mut session = Session {
            uri: format!("{}/api/v2/smssessions/{id}", self.directory.base_url()),
            id: id.clone(),
            customer: customer.clone(),
            customer_present: true,
            seats: vec![Seat {
                participant: Participant::new(
                    &self.counters.participant_id(),
                    &agent.nickname,
                    ParticipantType::Agent,
                ),
                username: agent.username.clone(),
                role: Role::Visible,
                state: SessionStatus::Invited,
                offer: OfferKind::Inbound,
            }],
            log: Vec::new(),
            user_data,
            comment: None,
            pending: None,
            transcript: Vec::new(),
            focus: BTreeMap::new(),
        };
        let mut out = Vec::new();
        let mut entries = vec![(
            MessageType::ParticipantJoined,
            customer.clone(),
            Visibility::All,
            Body::none(),
        )];
        if !text.is_empty() {
            entries.push((
                MessageType::Text,
                customer,
                Visibility::All,
                Body::text(text),
            ));
        }
        session.append(&mut self.counters, entries, &Refs::none(), None, &mut out);
        session.tell(
            &agent.username,
            NotificationType::StatusChange,
            None,
            &mut out,
        );
        self.sessions.insert(id.clone(), session);
        Ok((id, out))
    }

    /// Runs an agent's operation. `Err(NotFound)` is the only synchronous refusal left
    /// once the body parsed; every other failure is an `Error` notification carrying
    /// the returned `referenceId`, with the session unchanged. `forced_failure` makes
    /// the operation fail with that message (fault injection).
    pub fn operate(
        &mut self,
        username: &str,
        session_id: &str,
        operation: OperationRequest,
        forced_failure: Option<String>,
    ) -> Result<Accepted, NotFound> {
        let session = self.sessions.get_mut(session_id).ok_or(NotFound)?;
        if matches!(operation, OperationRequest::SetInFocus) && session.seat(username).is_some() {
            *session.focus.entry(username.to_owned()).or_default() += 1;
        }
        let seat = session.seat(username).ok_or(NotFound)?;
        let reference_id = self.counters.reference_id();
        let bare_errors = matches!(operation, OperationRequest::CancelConsult);
        let refusal = match forced_failure {
            Some(message) => Some(message),
            None if !capabilities::allows(session, seat, &operation) => Some(format!(
                "{} is not allowed now: the session is {} for {username}",
                operation.operation_name(),
                seat.state
            )),
            None => None,
        };
        let result = match refusal {
            Some(message) => Err(operations::ErrorNotice {
                message,
                bare: bare_errors,
            }),
            None => {
                let mut context = operations::Context {
                    counters: &mut self.counters,
                    directory: &self.directory,
                    disposition_key: &self.disposition_key,
                    reference_id,
                };
                operations::run(session, &mut context, username, operation)
            }
        };
        let outbound = match result {
            Ok(outbound) => outbound,
            Err(failure) => {
                let view = (!failure.bare).then(|| session.view_of(username)).flatten();
                vec![Outbound::Agent {
                    username: username.to_owned(),
                    notification: error_notification(view, reference_id, failure.message),
                }]
            }
        };
        Ok(Accepted {
            reference_id,
            outbound,
        })
    }

    /// A simulated agent accepts the offer they were sent, if it still stands.
    pub fn auto_accept(&mut self, session_id: &str, username: &str) -> Vec<Outbound> {
        let Some(session) = self.sessions.get_mut(session_id) else {
            return Vec::new();
        };
        let still_offered = session.seat(username).is_some_and(|seat| {
            seat.state == SessionStatus::Invited && seat.offer != OfferKind::Inbound
        });
        if !still_offered {
            return Vec::new();
        }
        let mut context = operations::Context {
            counters: &mut self.counters,
            directory: &self.directory,
            disposition_key: &self.disposition_key,
            reference_id: 0,
        };
        operations::accept(session, &mut context, username, None, None).unwrap_or_default()
    }

    /// The customer texts.
    pub fn customer_message(
        &mut self,
        session_id: &str,
        text: &str,
    ) -> Result<Vec<Outbound>, ControlError> {
        let session = self
            .sessions
            .get_mut(session_id)
            .ok_or_else(|| ControlError::UnknownSession(session_id.to_owned()))?;
        if !session.customer_present {
            return Err(ControlError::CustomerGone);
        }
        let mut out = Vec::new();
        let entry = (
            MessageType::Text,
            session.customer.clone(),
            Visibility::All,
            Body::text(text),
        );
        session.append(
            &mut self.counters,
            vec![entry],
            &Refs::none(),
            None,
            &mut out,
        );
        Ok(out)
    }

    /// A simulated agent writes: to agents only while consulting, to all once visible.
    pub fn agent_message(
        &mut self,
        session_id: &str,
        username: &str,
        text: &str,
    ) -> Result<Vec<Outbound>, ControlError> {
        let session = self
            .sessions
            .get_mut(session_id)
            .ok_or_else(|| ControlError::UnknownSession(session_id.to_owned()))?;
        let seat = session
            .chatting()
            .find(|seat| seat.username == username)
            .ok_or_else(|| ControlError::NotInSession(username.to_owned()))?;
        let visibility = match seat.role {
            Role::Consultant => Visibility::Agents,
            Role::Visible => Visibility::All,
        };
        let entry = (
            MessageType::Text,
            seat.participant.clone(),
            visibility,
            Body::text(text),
        );
        let mut out = Vec::new();
        session.append(
            &mut self.counters,
            vec![entry],
            &Refs::none(),
            None,
            &mut out,
        );
        Ok(out)
    }

    /// `GET /api/v2/me/smssessions/{id}` for `username`.
    pub fn session(&self, username: &str, session_id: &str) -> Option<SmsSession> {
        self.sessions.get(session_id)?.view_of(username)
    }

    /// The sessions `username` takes part in and has not completed.
    pub fn sessions(&self, username: &str) -> Vec<SmsSession> {
        self.sessions
            .values()
            .filter_map(|session| {
                let seat = session.seat(username)?;
                (seat.state != SessionStatus::Completed).then(|| session.view_for(seat))
            })
            .collect()
    }

    /// The log as `username` may read it (agents read every entry), from the
    /// 1-based `start_index`, at most `count` entries.
    pub fn messages(
        &self,
        username: &str,
        session_id: &str,
        start_index: u64,
        count: Option<usize>,
    ) -> Option<Vec<Message>> {
        let session = self.sessions.get(session_id)?;
        session.seat(username)?;
        Some(
            session
                .log
                .iter()
                .filter(|message| message.index >= start_index)
                .take(count.unwrap_or(usize::MAX))
                .cloned()
                .collect(),
        )
    }

    /// What the customer's phone received.
    pub fn customer_transcript(&self, session_id: &str) -> Option<&[Message]> {
        self.sessions
            .get(session_id)
            .map(|s| s.transcript.as_slice())
    }

    /// How many SetInFocus requests each agent sent for the session (for the control
    /// API); agents who sent none are absent.
    pub fn focus_counts(&self, session_id: &str) -> Option<&BTreeMap<String, u64>> {
        self.sessions.get(session_id).map(|s| &s.focus)
    }

    /// Whether the session exists at all (for the control API).
    pub fn has_session(&self, session_id: &str) -> bool {
        self.sessions.contains_key(session_id)
    }
}

fn error_notification(
    view: Option<SmsSession>,
    reference_id: u64,
    message: String,
) -> Notification {
    Notification {
        message_type: view
            .is_some()
            .then_some(NotificationMessageType::SmsSessionStateChange),
        notification_type: NotificationType::Error,
        smssession: view,
        reference_id: Some(reference_id),
        error_message: Some(message),
        messages: None,
        smssession_uri: None,
        smssession_path: None,
    }
}

#[cfg(test)]
mod tests;
