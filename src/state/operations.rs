//! Each operation the agent asked for, from intent to outcome.
//!
//! GWS answers an operation at once with only "accepted" and a `referenceId`; the
//! outcome comes later as notifications. An operation is done when a notification
//! carries its `referenceId`, or, where the server leaves that out, when the session
//! shows the operation's effect; it fails on an `Error` notification with its
//! `referenceId`, a non-zero `statusCode`, or a transport error.
//!
//! Nothing waits forever: an operation with no outcome within its wait ([`wait_ms`])
//! ends as [`OpStatus::Unconfirmed`], and an outcome that comes later still counts.
//! Messages the agent writes are settled by their copy in the log ([`super::echo`]),
//! which may come before the HTTP answer, lack a `referenceId`, or differ in whitespace.

use super::brief::brief;
use super::echo::{is_echo_of, Wrote};
use crate::i18n::{status_code, Msg, Said};
use gws_types::{
    Message, MessageType, OperationName, OperationRequest, OperationResponse, SessionStatus,
    SmsSession, Visibility,
};

/// Chosen by the caller when it sends the request, so it can report the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpId(pub u64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpStatus {
    /// The HTTP request is in flight.
    Sending,
    /// Accepted by GWS; waiting for the notification that shows the outcome.
    Pending {
        reference_id: Option<u64>,
    },
    Done,
    /// Failed, with the words of the server (or of the transport).
    Failed(Said),
    /// No outcome within the operation's wait, in words: the widget stops waiting, and
    /// a late outcome still settles it.
    Unconfirmed(Said),
}

impl OpStatus {
    pub fn is_open(&self) -> bool {
        matches!(self, OpStatus::Sending | OpStatus::Pending { .. })
    }
}

/// Milliseconds since the Unix epoch, on the caller's clock.
pub type Millis = f64;

/// How long the widget waits for an operation's outcome, counted from its post (a
/// message may first wait in the outbox for the one before it): an answer and the
/// notification that shows the effect. A message's copy in the log
/// normally follows within a second; a Consult, Invite or Transfer waits for another
/// agent to accept.
pub fn wait_ms(request: &OperationRequest) -> Millis {
    use OperationRequest::*;
    match request {
        SendMessage { .. } | SendToAgents { .. } => 20_000.0,
        Consult { .. } | Invite { .. } | Transfer { .. } => 60_000.0,
        _ => 30_000.0,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrackedOperation {
    pub id: OpId,
    pub request: OperationRequest,
    pub status: OpStatus,
    reference_id: Option<u64>,
    /// When the wait began: when the request was posted. `None` for a message still
    /// in the outbox behind the one written before it, which is not waiting for GWS yet
    /// (the one ahead of it has an answer within the request's timeout).
    waits_from: Option<Millis>,
    /// The last log index held when the agent asked: a message they wrote is shown
    /// after it until the server's copy arrives.
    after: u64,
    /// Whether GWS answered the HTTP request at all.
    answered: bool,
    /// Failed where the request may still have reached GWS (no answer, a network
    /// error): its copy in the log may yet settle it, and a retry checks the log first.
    uncertain: bool,
}

impl TrackedOperation {
    pub fn reference_id(&self) -> Option<u64> {
        self.reference_id
    }

    /// The last log index held when the agent asked.
    pub fn after(&self) -> u64 {
        self.after
    }

    /// Whether the request may have reached GWS although it is shown as failed.
    pub fn uncertain(&self) -> bool {
        self.uncertain
    }

    /// What the agent wrote, for the messages they send.
    pub fn wrote(&self) -> Option<Wrote<'_>> {
        Wrote::of(&self.request)
    }

    /// A message not yet settled by its copy in the log: shown in the log as the
    /// agent's own, sending, unconfirmed or failed.
    pub fn is_unsettled_message(&self) -> bool {
        self.wrote().is_some() && self.status != OpStatus::Done
    }

    fn is_pending(&self) -> bool {
        matches!(self.status, OpStatus::Pending { .. })
    }

    /// Still waiting for, or willing to take, an outcome.
    fn awaits_outcome(&self) -> bool {
        match self.status {
            OpStatus::Sending | OpStatus::Pending { .. } | OpStatus::Unconfirmed(_) => true,
            OpStatus::Failed(_) => self.uncertain,
            OpStatus::Done => false,
        }
    }
}

/// Outcomes that arrived (over CometD) before the HTTP answer that names their
/// `referenceId` did: on a fast server the notification can win the race.
#[derive(Debug, Clone, PartialEq)]
enum EarlyOutcome {
    Done,
    Failed(Said),
}

/// How many finished operations are kept for the UI to show their outcome.
const FINISHED_KEPT: usize = 64;
/// How many of the agent's messages are kept unconfirmed (accepted, no copy in the log
/// yet); the oldest give way. Failed ones are kept until retried or edited.
const UNCONFIRMED_KEPT: usize = 50;
/// How many unclaimed outcomes are remembered while their HTTP answer is awaited.
const EARLY_KEPT: usize = 32;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Operations {
    tracked: Vec<TrackedOperation>,
    early: Vec<(u64, EarlyOutcome)>,
}

impl Operations {
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &TrackedOperation> {
        self.tracked.iter()
    }

    pub fn get(&self, id: OpId) -> Option<&TrackedOperation> {
        self.tracked.iter().find(|op| op.id == id)
    }

    /// The latest operation with this `operationName`.
    pub fn latest(&self, name: OperationName) -> Option<&TrackedOperation> {
        self.tracked
            .iter()
            .rev()
            .find(|op| op.request.name() == name)
    }

    /// The agent asked at `at`, with the log held through index `after`.
    pub fn requested(
        &mut self,
        id: OpId,
        request: OperationRequest,
        at: Millis,
        after: u64,
    ) -> bool {
        if self.get(id).is_some() {
            return false;
        }
        // Messages go through the outbox; everything else is posted at once.
        let waits_from = Wrote::of(&request).is_none().then_some(at);
        self.tracked.push(TrackedOperation {
            id,
            request,
            status: OpStatus::Sending,
            reference_id: None,
            waits_from,
            after,
            answered: false,
            uncertain: false,
        });
        self.forget_old();
        true
    }

    /// A failed message sent again as operation `id`: it keeps its place in the log,
    /// and goes through the outbox again. Nothing happens when it has been settled
    /// meanwhile (its copy came after all).
    pub fn retried(&mut self, failed: OpId, id: OpId) -> bool {
        if self.get(id).is_some() {
            return false;
        }
        let Some(op) = self
            .tracked
            .iter_mut()
            .find(|op| op.id == failed && matches!(op.status, OpStatus::Failed(_)))
        else {
            return false;
        };
        op.id = id;
        op.status = OpStatus::Sending;
        op.reference_id = None;
        op.waits_from = None;
        op.answered = false;
        op.uncertain = false;
        true
    }

    /// The request left the outbox at `at`: its wait counts from now.
    pub fn posted(&mut self, id: OpId, at: Millis) -> bool {
        match self.tracked.iter_mut().find(|op| op.id == id) {
            Some(op) if op.status == OpStatus::Sending && op.waits_from.is_none() => {
                op.waits_from = Some(at);
                true
            }
            _ => false,
        }
    }

    /// A message the agent took back (to edit it) or put aside: no longer shown.
    pub fn withdrawn(&mut self, id: OpId) -> bool {
        let before = self.tracked.len();
        self.tracked
            .retain(|op| !(op.id == id && op.wrote().is_some() && !op.status.is_open()));
        before != self.tracked.len()
    }

    /// The clock says `now`: operations past their wait stop waiting ([`past_wait`]).
    pub fn expire(&mut self, now: Millis) -> bool {
        let mut changed = false;
        for op in self.tracked.iter_mut().filter(|op| op.status.is_open()) {
            let wait = wait_ms(&op.request);
            if op.waits_from.is_none_or(|from| now - from < wait) {
                continue;
            }
            op.uncertain = op.status == OpStatus::Sending && op.wrote().is_some();
            op.status = past_wait(op);
            changed = true;
        }
        changed |= self.forget_old();
        changed
    }

    /// The HTTP answer: a non-zero `statusCode` fails the operation at once. An answer
    /// that comes after the wait still counts.
    pub fn answered(&mut self, id: OpId, response: &OperationResponse) -> bool {
        // An answer to nothing awaiting one changes nothing, not even the early outcomes
        // (a no-op must leave the state as it was).
        if self.find_unanswered(id).is_none() {
            return false;
        }
        let early = response
            .reference_id
            .and_then(|reference| self.take_early(reference));
        let Some(op) = self.find_unanswered(id) else {
            return false;
        };
        op.answered = true;
        op.uncertain = false;
        op.reference_id = response.reference_id;
        let was_late = matches!(op.status, OpStatus::Unconfirmed(_));
        op.status = if !response.status_code.is_ok() {
            OpStatus::Failed(match &response.status_message {
                Some(message) if !message.trim().is_empty() => brief(message.clone()).into(),
                _ => status_code(response.status_code.code()).into(),
            })
        } else {
            match early {
                Some(EarlyOutcome::Done) => OpStatus::Done,
                Some(EarlyOutcome::Failed(message)) => OpStatus::Failed(message),
                None if has_no_observable_effect(&op.request) => OpStatus::Done,
                // No timer is left to end a wait that is already over.
                None if was_late => past_wait(op),
                None => OpStatus::Pending {
                    reference_id: response.reference_id,
                },
            }
        };
        true
    }

    /// The request never got a usable answer (network, HTTP error, unreadable body):
    /// it may have reached GWS all the same.
    pub fn transport_failed(&mut self, id: OpId, error: Said) -> bool {
        match self.find_unanswered(id) {
            Some(op) if op.status.is_open() => {
                op.status = OpStatus::Failed(error);
                op.uncertain = true;
                true
            }
            _ => false,
        }
    }

    /// An `Error` notification. Returns whether it belonged to one of ours. An error
    /// also overrides "done" for operations whose success has no notification
    /// (CancelConsult), since the error is the only outcome GWS reports for them.
    pub fn error_notified(&mut self, reference_id: Option<u64>, message: &str) -> bool {
        let Some(reference) = reference_id else {
            return false;
        };
        if let Some(op) = self
            .tracked
            .iter_mut()
            .rev()
            .find(|op| op.reference_id == Some(reference))
        {
            op.status = OpStatus::Failed(brief(message.to_owned()).into());
            op.uncertain = false;
            return true;
        }
        let awaiting_an_answer = self.tracked.iter().any(|op| op.status == OpStatus::Sending);
        if awaiting_an_answer {
            self.remember_early(
                reference,
                EarlyOutcome::Failed(brief(message.to_owned()).into()),
            );
        }
        awaiting_an_answer
    }

    /// A non-error notification carrying a `referenceId`. Remembering it for an answer
    /// still awaited is a change too: reported as none, the reducer would drop it.
    pub fn reference_notified(&mut self, reference: u64) -> bool {
        if let Some(op) = self
            .tracked
            .iter_mut()
            .find(|op| op.reference_id == Some(reference) && op.awaits_outcome())
        {
            op.status = OpStatus::Done;
            return true;
        }
        if self.tracked.iter().any(|op| op.status == OpStatus::Sending) {
            return self.remember_early(reference, EarlyOutcome::Done);
        }
        false
    }

    /// The session changed: pending operations whose effect now shows are done.
    pub fn session_changed(
        &mut self,
        status: Option<&SessionStatus>,
        session: &SmsSession,
    ) -> bool {
        let mut changed = false;
        for op in self.tracked.iter_mut().filter(|op| op.awaits_outcome()) {
            if op.status != OpStatus::Sending && effect_in_session(&op.request, status, session) {
                op.status = OpStatus::Done;
                changed = true;
            }
        }
        changed
    }

    /// New log entries. A copy of a message the agent wrote settles the oldest of their
    /// messages it matches (by author, audience and text, see [`super::echo`]), whether
    /// answered yet or not; any other entry settles the oldest pending operation whose
    /// effect it shows. Returns the entries that settled one of the agent's messages, so
    /// the caller can learn which participant the agent is.
    ///
    /// `me` is the agent's participantId once known; until then any agent's copy counts.
    pub fn messages_arrived<'m>(
        &mut self,
        messages: impl IntoIterator<Item = &'m Message>,
        me: Option<&str>,
    ) -> Vec<&'m Message> {
        let is_me = |message: &Message| {
            message
                .from
                .as_ref()
                .is_some_and(|from| Some(from.participant_id.as_str()) == me)
        };
        let mut own = Vec::new();
        for message in messages {
            if let Some(op) = self.echoed(message, me) {
                op.status = OpStatus::Done;
                op.uncertain = false;
                own.push(message);
            } else if let Some(op) = self.tracked.iter_mut().find(|op| {
                op.is_pending()
                    && op.wrote().is_none()
                    && effect_in_message(&op.request, message, &is_me)
            }) {
                op.status = OpStatus::Done;
            }
        }
        own
    }

    /// The oldest unsettled message of the agent's that `message` is a copy of: one
    /// addressed exactly as the copy shows, else one sent to the customer whose copy is
    /// agents-only (a consultant's messages reach agents only).
    fn echoed(&mut self, message: &Message, me: Option<&str>) -> Option<&mut TrackedOperation> {
        if message.kind != MessageType::Text {
            return None;
        }
        let from = message.from.as_ref()?;
        let mine = match me {
            Some(me) => from.participant_id == me,
            None => from.is_agent(),
        };
        let text = message.text.as_deref()?;
        if !mine {
            return None;
        }
        let copy_of = |op: &TrackedOperation, strict: bool| {
            op.awaits_outcome()
                && op.wrote().is_some_and(|wrote| {
                    is_echo_of(wrote.text, text)
                        && match (wrote.to_agents, message.visibility.as_ref()) {
                            (true, visibility) => visibility == Some(&Visibility::Agents),
                            (false, Some(Visibility::All)) => true,
                            (false, visibility) => {
                                !strict && visibility == Some(&Visibility::Agents)
                            }
                        }
                })
        };
        let at = self
            .tracked
            .iter()
            .position(|op| copy_of(op, true))
            .or_else(|| self.tracked.iter().position(|op| copy_of(op, false)))?;
        self.tracked.get_mut(at)
    }

    /// Whether an operation of this name is sending or pending.
    pub fn in_progress(&self, name: OperationName) -> bool {
        self.tracked
            .iter()
            .any(|op| op.status.is_open() && op.request.name() == name)
    }

    /// Whether the latest operation of this name still awaits its outcome, also past
    /// its wait (a Consult nobody has answered yet can still be cancelled).
    pub fn awaiting(&self, name: OperationName) -> bool {
        self.latest(name)
            .is_some_and(|op| op.status.is_open() || matches!(op.status, OpStatus::Unconfirmed(_)))
    }

    /// The agent's messages not yet settled by their copy in the log, in the order
    /// they were written.
    pub fn unsettled_messages(&self) -> impl Iterator<Item = &TrackedOperation> {
        self.tracked.iter().filter(|op| op.is_unsettled_message())
    }

    /// The agent cancelled their consultation: the Consult awaiting an answer ends.
    pub fn consult_cancelled(&mut self) -> bool {
        let mut changed = false;
        for op in self.tracked.iter_mut().filter(|op| {
            matches!(op.request, OperationRequest::Consult { .. }) && op.awaits_outcome()
        }) {
            op.status = OpStatus::Failed(Msg::Cancelled.into());
            op.uncertain = false;
            changed = true;
        }
        changed
    }

    /// The operation `id` if it has had no HTTP answer yet and still takes one: one
    /// past its wait does; one whose request failed has ended.
    fn find_unanswered(&mut self, id: OpId) -> Option<&mut TrackedOperation> {
        self.tracked.iter_mut().find(|op| {
            op.id == id
                && !op.answered
                && matches!(op.status, OpStatus::Sending | OpStatus::Unconfirmed(_))
        })
    }

    fn take_early(&mut self, reference: u64) -> Option<EarlyOutcome> {
        let at = self.early.iter().position(|(r, _)| *r == reference)?;
        Some(self.early.remove(at).1)
    }

    /// Returns whether anything changed (the same outcome may arrive twice).
    fn remember_early(&mut self, reference: u64, outcome: EarlyOutcome) -> bool {
        if self.early.contains(&(reference, outcome.clone())) {
            return false;
        }
        self.early.retain(|(r, _)| *r != reference);
        self.early.push((reference, outcome));
        if self.early.len() > EARLY_KEPT {
            self.early.remove(0);
        }
        true
    }

    /// Keeps what the UI still shows: every open operation, the agent's failed messages,
    /// the newest [`UNCONFIRMED_KEPT`] unconfirmed ones and [`FINISHED_KEPT`] others.
    fn forget_old(&mut self) -> bool {
        let before = self.tracked.len();
        let unconfirmed = |op: &TrackedOperation| {
            op.wrote().is_some() && matches!(op.status, OpStatus::Unconfirmed(_))
        };
        let failed = |op: &TrackedOperation| {
            op.wrote().is_some() && matches!(op.status, OpStatus::Failed(_))
        };
        let finished =
            |op: &TrackedOperation| !op.status.is_open() && !unconfirmed(op) && !failed(op);
        let mut excess_unconfirmed = self
            .tracked
            .iter()
            .filter(|op| unconfirmed(op))
            .count()
            .saturating_sub(UNCONFIRMED_KEPT);
        let mut excess = self
            .tracked
            .iter()
            .filter(|op| finished(op))
            .count()
            .saturating_sub(FINISHED_KEPT);
        self.tracked.retain(|op| {
            let excess = if unconfirmed(op) {
                &mut excess_unconfirmed
            } else if finished(op) {
                &mut excess
            } else {
                return true;
            };
            if *excess > 0 {
                *excess -= 1;
                false
            } else {
                true
            }
        });
        before != self.tracked.len()
    }
}

/// What an operation past its wait says, by what it still lacks. A message with no
/// answer at all fails (it may have reached GWS); one accepted is "sent, not confirmed".
fn past_wait(op: &TrackedOperation) -> OpStatus {
    // Whole seconds as an integer: formatting a float would link core's float printing.
    let seconds = (wait_ms(&op.request) / 1000.0) as u64;
    match (&op.status, op.wrote().is_some(), &op.request) {
        (OpStatus::Sending, true, _) => {
            OpStatus::Failed(Said::from(Msg::NoAnswer).with("seconds", seconds))
        }
        (OpStatus::Sending, false, _) => {
            OpStatus::Unconfirmed(Said::from(Msg::NoAnswer).with("seconds", seconds))
        }
        (_, true, _) => OpStatus::Unconfirmed(Msg::NotConfirmed.into()),
        (_, false, OperationRequest::Consult { .. }) => {
            OpStatus::Unconfirmed(Said::from(Msg::NoConsultAnswer).with("seconds", seconds))
        }
        _ => OpStatus::Unconfirmed(Said::from(Msg::NotConfirmedWithin).with("seconds", seconds)),
    }
}

/// Operations GWS confirms with no notification (CancelConsult) or whose effect is
/// not worth waiting for (typing, focus): done once accepted.
fn has_no_observable_effect(request: &OperationRequest) -> bool {
    use OperationRequest::*;
    matches!(
        request,
        CancelConsult
            | SetInFocus
            | SendStartTypingNotification
            | SendStopTypingNotification
            | SendStartTypingToAgentsNotification
            | SendStopTypingToAgentsNotification
    )
}

fn effect_in_session(
    request: &OperationRequest,
    status: Option<&SessionStatus>,
    session: &SmsSession,
) -> bool {
    use OperationRequest::*;
    let user_data = session.user_data.as_ref();
    match request {
        Accept { .. } => status == Some(&SessionStatus::Chatting),
        Reject | Complete { .. } | LeaveAndComplete | Transfer { .. } => {
            status == Some(&SessionStatus::Completed)
        }
        Leave => matches!(
            status,
            Some(SessionStatus::LeftChat | SessionStatus::Completed)
        ),
        SetDisposition {
            disposition,
            disposition_key,
        } => user_data.is_some_and(|data| match disposition_key {
            Some(key) => data.get(key).and_then(|v| v.as_str()) == Some(disposition),
            None => data.values().any(|v| v.as_str() == Some(disposition)),
        }),
        AttachUserData { user_data: wanted } | UpdateUserData { user_data: wanted } => {
            user_data.is_some_and(|data| wanted.iter().all(|(k, v)| data.get(k) == Some(v)))
        }
        DeleteUserData { keys } => {
            user_data.is_some_and(|data| keys.iter().all(|k| !data.contains_key(k)))
        }
        AddComment { comment } => session.comment.as_deref() == Some(comment),
        _ => false,
    }
}

fn effect_in_message(
    request: &OperationRequest,
    message: &Message,
    is_me: &impl Fn(&Message) -> bool,
) -> bool {
    use OperationRequest::*;
    let visible_to = |visibility: Visibility| message.visibility.as_ref() == Some(&visibility);
    let by_an_agent = message.from.as_ref().is_some_and(|from| from.is_agent());
    match (request, &message.kind) {
        (SendUrl { url }, MessageType::PushUrl) => message.url.as_ref() == Some(url),
        (SendCustomNotice { notice_text }, MessageType::CustomNotice) => {
            visible_to(Visibility::All) && message.notice_text.as_ref() == Some(notice_text)
        }
        (SendCustomNoticeToAgents { notice_text }, MessageType::CustomNotice) => {
            visible_to(Visibility::Agents) && message.notice_text.as_ref() == Some(notice_text)
        }
        (Consult { .. }, MessageType::ParticipantJoined) => {
            by_an_agent && !is_me(message) && visible_to(Visibility::Agents)
        }
        (Invite { .. }, MessageType::ParticipantJoined) => {
            by_an_agent && !is_me(message) && visible_to(Visibility::All)
        }
        _ => false,
    }
}
