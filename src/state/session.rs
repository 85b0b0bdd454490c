//! The session as the widget renders it, changed only by applying [`Action`]s.

use gws_types::{
    Capability, Message, Notification, NotificationEvent, OperationRequest, OperationResponse,
    Participant, SessionStatus, SmsSession, User, UserData, UserValue,
};

use super::actions::{availability, AgentAction, Unavailable};
use super::brief::brief;
use super::log::{IntoEntry, Merged, MessageLog};
use super::operations::{Millis, OpId, OpStatus, Operations};
use super::roster::{find_me, role_of, Identity, Joins, Role};
use crate::i18n::{Msg, Said};

/// Everything that can happen to the session, in the words of the domain.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The signed-in agent is known (from `GET /api/v2/me`).
    SignedIn(User),
    /// A name the agent appears under (e.g. the nickname sent with Accept).
    KnownAs(String),
    /// A fresh read of the session (`GET …/smssessions/{id}`), e.g. after reconnecting.
    SessionLoaded(SmsSession),
    /// The session is no longer among the agent's sessions.
    SessionGone,
    /// Log entries read with `GET …/messages`.
    MessagesLoaded(Vec<Message>),
    /// A read of this hole in the log came back (its entries loaded first): what it did
    /// not fill is given up, since GWS's indexes may skip numbers.
    HoleRead(std::ops::RangeInclusive<u64>),
    /// A CometD notification (any session; others are ignored).
    Notified(Notification),
    /// Bytes arrived that are not a notification; shown, never fatal.
    NotificationUnreadable(String),
    /// Reading the session or its log failed; shown, and the state stays as it was.
    ReadFailed(Said),
    /// The agent asked for an operation at `at`; `id` is chosen by the caller.
    Requested {
        id: OpId,
        request: OperationRequest,
        at: Millis,
    },
    /// A message that failed is sent again as operation `id`, in its place in the log.
    Retried { failed: OpId, id: OpId },
    /// A message left the outbox (the one written before it was answered) at `at`:
    /// its wait counts from then.
    Posted { id: OpId, at: Millis },
    /// The agent took back a message that failed (to edit it): no longer shown.
    Withdrawn(OpId),
    /// The clock: operations past their wait stop waiting.
    Tick(Millis),
    /// GWS answered the operation's HTTP request.
    Answered {
        id: OpId,
        response: OperationResponse,
    },
    /// The operation's HTTP request failed (network, HTTP status, unreadable answer).
    RequestFailed { id: OpId, error: Said },
    /// The agent closed the notice of a problem.
    ProblemDismissed(u64),
    /// The agent has read the log up to this index (it was on screen at the bottom).
    Read(u64),
    /// The host makes a disposition mandatory before Complete (Workspace's
    /// `interaction.disposition.is-mandatory`).
    DispositionRequired(bool),
}

/// A problem not tied to one of the agent's operations, shown until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: u64,
    pub message: Said,
}

/// Where SetDisposition writes when it names no key: GWS's default (Workspace's
/// `interaction.disposition.key-name`).
pub const DISPOSITION_KEY: &str = "DispositionCode";

/// How many problem notices are kept; older ones give way.
const PROBLEMS_KEPT: usize = 5;

/// A participant with their role, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterEntry<'a> {
    pub participant: &'a Participant,
    pub role: Role,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionState {
    session_id: String,
    identity: Identity,
    me: Option<String>,
    status: Option<SessionStatus>,
    uri: Option<String>,
    participants: Vec<Participant>,
    capabilities: Vec<Capability>,
    user_data: UserData,
    comment: Option<String>,
    log: MessageLog,
    joins: Joins,
    operations: Operations,
    problems: Vec<Problem>,
    next_problem: u64,
    disposition_required: bool,
    read_through: u64,
}

impl SessionState {
    /// The state of session `session_id` before anything is known about it.
    pub fn new(session_id: impl Into<String>) -> Self {
        SessionState {
            session_id: session_id.into(),
            ..SessionState::default()
        }
    }

    /// Applies one action; returns whether anything changed (a no-op renders nothing).
    pub fn apply(&mut self, action: Action) -> bool {
        let changed = match action {
            Action::SignedIn(user) => self.set_identity(Identity::from_user(user)),
            Action::Read(index) => {
                let newer = index > self.read_through;
                if newer {
                    self.read_through = index;
                }
                newer
            }
            Action::DispositionRequired(required) => {
                std::mem::replace(&mut self.disposition_required, required) != required
            }
            Action::KnownAs(name) => {
                if self.identity.nicknames.contains(&name) {
                    false
                } else {
                    self.identity.nicknames.push(name);
                    true
                }
            }
            Action::SessionLoaded(session) => {
                session.session_id() == Some(self.session_id.as_str())
                    && self.merge_session(&session)
            }
            Action::SessionGone => self.end(),
            Action::MessagesLoaded(messages) => self.merge_messages(messages, None),
            Action::HoleRead(hole) => self.log.give_up(hole),
            Action::Notified(notification) => self.notified(&notification),
            Action::NotificationUnreadable(reason) => {
                self.report(Said::from(Msg::BadNotification).with("reason", brief(reason)))
            }
            Action::ReadFailed(reason) => self.report(reason),
            Action::Requested { id, request, at } => {
                let after = self.log.last_index().unwrap_or(0);
                self.operations.requested(id, request, at, after)
            }
            Action::Retried { failed, id } => self.operations.retried(failed, id),
            Action::Posted { id, at } => self.operations.posted(id, at),
            Action::Withdrawn(id) => self.operations.withdrawn(id),
            Action::Tick(now) => self.operations.expire(now),
            Action::Answered { id, response } => {
                let answered = self.operations.answered(id, &response);
                // CancelConsult has no notification: accepted, the consultation is over.
                let cancelled = answered
                    && self.operations.get(id).is_some_and(|op| {
                        op.request == OperationRequest::CancelConsult && op.status == OpStatus::Done
                    });
                if cancelled {
                    self.operations.consult_cancelled();
                }
                answered
            }
            Action::RequestFailed { id, error } => self.operations.transport_failed(id, error),
            Action::ProblemDismissed(id) => {
                let before = self.problems.len();
                self.problems.retain(|problem| problem.id != id);
                before != self.problems.len()
            }
        };
        let found_me = self.resolve_me();
        changed || found_me
    }

    pub fn session_id(&self) -> &str {
        &self.session_id
    }

    pub fn status(&self) -> Option<&SessionStatus> {
        self.status.as_ref()
    }

    pub fn uri(&self) -> Option<&str> {
        self.uri.as_deref()
    }

    pub fn capabilities(&self) -> &[Capability] {
        &self.capabilities
    }

    pub fn participants(&self) -> &[Participant] {
        &self.participants
    }

    pub fn user_data(&self) -> &UserData {
        &self.user_data
    }

    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    pub fn log(&self) -> &MessageLog {
        &self.log
    }

    pub fn operations(&self) -> &Operations {
        &self.operations
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The participantId of the signed-in agent, once known.
    /// Whether a directory contact is the signed-in agent (never a target for them).
    pub fn is_me(&self, contact: &gws_types::Contact) -> bool {
        self.identity.is_contact(contact)
    }

    /// The last entry the agent has read.
    pub fn read_through(&self) -> u64 {
        self.read_through
    }

    pub fn my_participant_id(&self) -> Option<&str> {
        self.me.as_deref()
    }

    /// Participants in the server's order, each with a role.
    pub fn roster(&self) -> Vec<RosterEntry<'_>> {
        self.participants
            .iter()
            .map(|participant| RosterEntry {
                participant,
                role: self.role_of(participant),
            })
            .collect()
    }

    pub fn role_of(&self, participant: &Participant) -> Role {
        role_of(participant, self.me.as_deref(), &self.joins)
    }

    /// The signed-in agent's own part: consulting (joined for agents only), or not.
    pub fn my_role(&self) -> Option<Role> {
        let me = self.me.as_deref()?;
        match self.joins.visibility(me) {
            Some(gws_types::Visibility::Agents) => Some(Role::Consultant),
            _ => Some(Role::Me),
        }
    }

    /// Whether the agent may take `action` now, and if not, why.
    pub fn availability(&self, action: AgentAction) -> Result<(), Unavailable> {
        availability(
            action,
            self.status.as_ref(),
            &self.capabilities,
            |name| self.operations.in_progress(name),
            |name| self.operations.awaiting(name),
            self.disposition_missing(),
        )
    }

    /// The host makes a disposition mandatory and the session's data holds none under
    /// the key GWS writes it to by default.
    pub fn disposition_missing(&self) -> bool {
        let set = self
            .user_data
            .get(DISPOSITION_KEY)
            .and_then(UserValue::as_str)
            .is_some_and(|code| !code.trim().is_empty());
        self.disposition_required && !set
    }

    fn set_identity(&mut self, identity: Identity) -> bool {
        if self.identity == identity {
            return false;
        }
        let mut identity = identity;
        for name in &self.identity.nicknames {
            if !identity.nicknames.contains(name) {
                identity.nicknames.push(name.clone());
            }
        }
        self.identity = identity;
        true
    }

    fn notified(&mut self, notification: &Notification) -> bool {
        let concerns_us = notification.session_id() == Some(self.session_id.as_str());
        match notification.event() {
            Err(malformed) => {
                concerns_us
                    && self.report(
                        Said::from(Msg::BadNotification)
                            .with("reason", brief(malformed.to_string())),
                    )
            }
            Ok(NotificationEvent::Unrecognized { .. }) => false,
            Ok(NotificationEvent::SessionChanged {
                session,
                reference_id,
                ..
            }) => {
                if !concerns_us {
                    return false;
                }
                let merged = self.merge_session(session);
                let confirmed = reference_id.is_some_and(|r| self.operations.reference_notified(r));
                merged || confirmed
            }
            Ok(NotificationEvent::NewMessages {
                messages,
                reference_id,
                ..
            }) => {
                if !concerns_us {
                    return false;
                }
                let merged = self.merge_messages(messages, reference_id);
                let confirmed = reference_id.is_some_and(|r| self.operations.reference_notified(r));
                merged || confirmed
            }
            Ok(NotificationEvent::Failed {
                reference_id,
                error_message,
                session,
            }) => {
                let ours = self.operations.error_notified(reference_id, error_message);
                let merged = concerns_us && session.is_some_and(|s| self.merge_session(s));
                if !ours && concerns_us {
                    let reported = self.report(
                        Said::from(Msg::Reported).with("reason", brief(error_message.to_owned())),
                    );
                    return reported || merged;
                }
                ours || merged
            }
        }
    }

    /// Merges a (possibly partial) resource field by field: what it lacks is unchanged.
    fn merge_session(&mut self, session: &SmsSession) -> bool {
        let mut changed = false;
        changed |= replace(&mut self.uri, session.uri.clone());
        changed |= replace(&mut self.status, session.state.clone());
        if let Some(participants) = &session.participants {
            // A sorted list of the ids seen, searched by halves: a roster of 10,000
            // stays fast, without a hash set's code in the module.
            let mut seen: Vec<&str> = Vec::with_capacity(participants.len());
            let unique: Vec<Participant> = participants
                .iter()
                .filter(|p| match seen.binary_search(&p.participant_id.as_str()) {
                    Ok(_) => false,
                    Err(at) => {
                        seen.insert(at, &p.participant_id);
                        true
                    }
                })
                .cloned()
                .collect();
            changed |= set(&mut self.participants, unique);
        }
        if let Some(capabilities) = &session.capabilities {
            changed |= set(&mut self.capabilities, capabilities.clone());
        }
        if let Some(user_data) = &session.user_data {
            changed |= set(&mut self.user_data, user_data.clone());
        }
        changed |= replace(&mut self.comment, session.comment.clone());
        if self.status == Some(SessionStatus::Completed) {
            changed |= set(&mut self.capabilities, Vec::new());
        }
        let status = self.status.clone();
        changed |= self.operations.session_changed(status.as_ref(), session);
        changed
    }

    fn merge_messages<M: IntoEntry>(
        &mut self,
        messages: impl IntoIterator<Item = M>,
        _reference_id: Option<u64>,
    ) -> bool {
        // Only what the log holds counts: an entry that repeats an index with other
        // content is dropped by the log, so it must not change roles or outcomes either.
        let Merged { added, held } = self.log.merge(messages);
        let held: Vec<&Message> = held.iter().map(|message| &**message).collect();
        for &message in &held {
            self.joins.record(message);
            if self.me.is_none() {
                if let Some(from) = message
                    .from
                    .as_ref()
                    .filter(|f| self.identity.matches_reference(f))
                {
                    self.me = Some(from.participant_id.clone());
                }
            }
        }
        let own = self.operations.messages_arrived(held, self.me.as_deref());
        let confirmed = !own.is_empty();
        if self.me.is_none() {
            self.me = own
                .first()
                .and_then(|message| message.from.as_ref())
                .map(|from| from.participant_id.clone());
        }
        added > 0 || confirmed
    }

    fn end(&mut self) -> bool {
        let mut changed = replace(&mut self.status, Some(SessionStatus::Completed));
        changed |= set(&mut self.capabilities, Vec::new());
        changed
    }

    /// Works out which participant is the agent once the agent is in the session;
    /// never while it is only offered (the participants are then the others).
    fn resolve_me(&mut self) -> bool {
        if self.me.is_some()
            || !matches!(
                self.status,
                Some(SessionStatus::Chatting | SessionStatus::LeftChat)
            )
        {
            return false;
        }
        self.me = find_me(&self.identity, &self.participants).map(str::to_owned);
        self.me.is_some()
    }

    /// Shows a problem; one already shown is not shown twice. A long one (a server
    /// that sends a page of text as its error) is cut to a readable length.
    fn report(&mut self, message: Said) -> bool {
        if self
            .problems
            .iter()
            .any(|problem| problem.message == message)
        {
            return false;
        }
        self.next_problem += 1;
        self.problems.push(Problem {
            id: self.next_problem,
            message,
        });
        if self.problems.len() > PROBLEMS_KEPT {
            self.problems.remove(0);
        }
        true
    }
}

/// Sets `slot` to `value` if present and different; returns whether it changed.
fn replace<T: PartialEq>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match value {
        Some(value) if slot.as_ref() != Some(&value) => {
            *slot = Some(value);
            true
        }
        _ => false,
    }
}

fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}
