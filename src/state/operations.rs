//! Each operation the agent asked for, from intent to outcome.
//!
//! GWS answers an operation at once with only "accepted" and a `referenceId`; the
//! outcome comes later as notifications. An operation is done when a notification
//! carries its `referenceId`, or, where the server leaves that out, when the session
//! shows the operation's effect; it fails on an `Error` notification with its
//! `referenceId`, a non-zero `statusCode`, or a transport error.

use super::session::brief;
use gws_types::{
    Message, MessageType, OperationRequest, OperationResponse, SessionState as Status, SmsSession,
    Visibility,
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
    Failed(String),
}

impl OpStatus {
    pub fn is_open(&self) -> bool {
        matches!(self, OpStatus::Sending | OpStatus::Pending { .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrackedOperation {
    pub id: OpId,
    pub request: OperationRequest,
    pub status: OpStatus,
    reference_id: Option<u64>,
}

impl TrackedOperation {
    pub fn reference_id(&self) -> Option<u64> {
        self.reference_id
    }
}

/// Outcomes that arrived (over CometD) before the HTTP answer that names their
/// `referenceId` did: on a fast server the notification can win the race.
#[derive(Debug, Clone, PartialEq)]
enum EarlyOutcome {
    Done,
    Failed(String),
}

/// How many finished operations are kept for the UI to show their outcome.
const FINISHED_KEPT: usize = 64;
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
    pub fn latest(&self, operation_name: &str) -> Option<&TrackedOperation> {
        self.tracked
            .iter()
            .rev()
            .find(|op| op.request.operation_name() == operation_name)
    }

    pub fn requested(&mut self, id: OpId, request: OperationRequest) -> bool {
        if self.get(id).is_some() {
            return false;
        }
        self.tracked.push(TrackedOperation {
            id,
            request,
            status: OpStatus::Sending,
            reference_id: None,
        });
        self.forget_old();
        true
    }

    /// The HTTP answer: a non-zero `statusCode` fails the operation at once.
    pub fn answered(&mut self, id: OpId, response: &OperationResponse) -> bool {
        // An answer to no open operation changes nothing, not even the early outcomes
        // (a no-op must leave the state as it was).
        if self.find_open(id).is_none() {
            return false;
        }
        let early = response
            .reference_id
            .and_then(|reference| self.take_early(reference));
        let Some(op) = self.find_open(id) else {
            return false;
        };
        op.reference_id = response.reference_id;
        op.status = if !response.status_code.is_ok() {
            OpStatus::Failed(brief(
                response
                    .status_message
                    .clone()
                    .unwrap_or_else(|| response.status_code.meaning().to_owned()),
            ))
        } else {
            match early {
                Some(EarlyOutcome::Done) => OpStatus::Done,
                Some(EarlyOutcome::Failed(message)) => OpStatus::Failed(message),
                None if has_no_observable_effect(&op.request) => OpStatus::Done,
                None => OpStatus::Pending {
                    reference_id: response.reference_id,
                },
            }
        };
        true
    }

    /// The request never got a usable answer (network, HTTP error, unreadable body).
    pub fn transport_failed(&mut self, id: OpId, error: &str) -> bool {
        match self.find_open(id) {
            Some(op) => {
                op.status = OpStatus::Failed(brief(error.to_owned()));
                true
            }
            None => false,
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
            op.status = OpStatus::Failed(brief(message.to_owned()));
            return true;
        }
        let awaiting_an_answer = self.tracked.iter().any(|op| op.status == OpStatus::Sending);
        if awaiting_an_answer {
            self.remember_early(reference, EarlyOutcome::Failed(brief(message.to_owned())));
        }
        awaiting_an_answer
    }

    /// A non-error notification carrying a `referenceId`. Remembering it for an answer
    /// still awaited is a change too: reported as none, the reducer would drop it.
    pub fn reference_notified(&mut self, reference: u64) -> bool {
        if let Some(op) = self
            .tracked
            .iter_mut()
            .find(|op| op.reference_id == Some(reference) && op.status.is_open())
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
    pub fn session_changed(&mut self, status: Option<&Status>, session: &SmsSession) -> bool {
        let mut changed = false;
        for op in self.tracked.iter_mut().filter(|op| op.is_pending()) {
            if effect_in_session(&op.request, status, session) {
                op.status = OpStatus::Done;
                changed = true;
            }
        }
        changed
    }

    /// New log entries: the oldest pending operation whose effect an entry shows is
    /// done. Returns the entries that confirmed an operation of the agent's own
    /// writing, so the caller can learn which participant the agent is.
    pub fn messages_arrived<'m>(
        &mut self,
        messages: impl IntoIterator<Item = &'m Message>,
        is_me: impl Fn(&Message) -> bool,
    ) -> Vec<&'m Message> {
        let mut own = Vec::new();
        for message in messages {
            if let Some(op) = self
                .tracked
                .iter_mut()
                .find(|op| op.is_pending() && effect_in_message(&op.request, message, &is_me))
            {
                op.status = OpStatus::Done;
                if matches!(
                    op.request,
                    OperationRequest::SendMessage { .. } | OperationRequest::SendToAgents { .. }
                ) {
                    own.push(message);
                }
            }
        }
        own
    }

    /// Whether an operation of this name is sending or pending.
    pub fn in_progress(&self, operation_name: &str) -> bool {
        self.tracked
            .iter()
            .any(|op| op.status.is_open() && op.request.operation_name() == operation_name)
    }

    fn find_open(&mut self, id: OpId) -> Option<&mut TrackedOperation> {
        self.tracked
            .iter_mut()
            .find(|op| op.id == id && op.status.is_open())
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

    fn forget_old(&mut self) {
        let finished = self
            .tracked
            .iter()
            .filter(|op| !op.status.is_open())
            .count();
        let mut excess = finished.saturating_sub(FINISHED_KEPT);
        self.tracked.retain(|op| {
            if excess > 0 && !op.status.is_open() {
                excess -= 1;
                false
            } else {
                true
            }
        });
    }
}

impl TrackedOperation {
    fn is_pending(&self) -> bool {
        matches!(self.status, OpStatus::Pending { .. })
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
    status: Option<&Status>,
    session: &SmsSession,
) -> bool {
    use OperationRequest::*;
    let user_data = session.user_data.as_ref();
    match request {
        Accept { .. } => status == Some(&Status::Chatting),
        Reject | Complete { .. } | LeaveAndComplete | Transfer { .. } => {
            status == Some(&Status::Completed)
        }
        Leave => matches!(status, Some(Status::LeftChat | Status::Completed)),
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
        (SendMessage { text }, MessageType::Text) => {
            by_an_agent && visible_to(Visibility::All) && message.text.as_ref() == Some(text)
        }
        (SendToAgents { text }, MessageType::Text) => {
            by_an_agent && visible_to(Visibility::Agents) && message.text.as_ref() == Some(text)
        }
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
