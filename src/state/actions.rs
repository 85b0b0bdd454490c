//! What the agent may do now, decided by the server's `capabilities` alone, and in
//! plain words why not.

use gws_types::{Capability, OperationName, OperationRequest, SessionStatus, Target};

use crate::i18n::{Msg, Said};

/// Everything the widget lets the agent do to the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentAction {
    Accept,
    Reject,
    SendMessage,
    SendToAgents,
    StartTyping,
    StopTyping,
    StartTypingToAgents,
    StopTypingToAgents,
    SendUrl,
    SendCustomNotice,
    SendCustomNoticeToAgents,
    Consult,
    CancelConsult,
    Transfer,
    /// GWS's `Invite`: with the consultant, the consultation becomes a conference.
    Conference,
    Leave,
    LeaveAndComplete,
    Complete,
    SetInFocus,
    SetDisposition,
    AttachUserData,
    UpdateUserData,
    DeleteUserData,
    AddComment,
}

/// What enables an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Gate {
    /// Any of these capabilities.
    Capability(&'static [Capability]),
    /// GWS never lists this operation as a capability, so it is gated on the state.
    State(SessionStatus),
    /// As `State(Chatting)`, and only while this agent's Consult awaits an answer.
    PendingConsult,
}

/// The one table from action to the operation it sends and what enables it.
pub const ACTIONS: &[(AgentAction, OperationName, Gate)] = {
    use AgentAction as A;
    use Capability as C;
    use OperationName as O;
    &[
        (A::Accept, O::Accept, Gate::State(SessionStatus::Invited)),
        (A::Reject, O::Reject, Gate::State(SessionStatus::Invited)),
        (
            A::SendMessage,
            O::SendMessage,
            Gate::Capability(&[C::SendMessage]),
        ),
        (
            A::SendToAgents,
            O::SendToAgents,
            Gate::Capability(&[C::SendToAgents]),
        ),
        (
            A::StartTyping,
            O::SendStartTypingNotification,
            Gate::Capability(&[C::SendStartTypingNotification]),
        ),
        (
            A::StopTyping,
            O::SendStopTypingNotification,
            Gate::Capability(&[C::SendStopTypingNotification]),
        ),
        (
            A::StartTypingToAgents,
            O::SendStartTypingToAgentsNotification,
            Gate::Capability(&[C::SendStartTypingToAgentsNotification]),
        ),
        (
            A::StopTypingToAgents,
            O::SendStopTypingToAgentsNotification,
            Gate::Capability(&[C::SendStopTypingToAgentsNotification]),
        ),
        (A::SendUrl, O::SendUrl, Gate::State(SessionStatus::Chatting)),
        (
            A::SendCustomNotice,
            O::SendCustomNotice,
            Gate::State(SessionStatus::Chatting),
        ),
        (
            A::SendCustomNoticeToAgents,
            O::SendCustomNoticeToAgents,
            Gate::State(SessionStatus::Chatting),
        ),
        (A::Consult, O::Consult, Gate::Capability(&[C::Consult])),
        (A::CancelConsult, O::CancelConsult, Gate::PendingConsult),
        (A::Transfer, O::Transfer, Gate::Capability(&[C::Transfer])),
        (A::Conference, O::Invite, Gate::Capability(&[C::Invite])),
        (A::Leave, O::Leave, Gate::Capability(&[C::Leave])),
        (
            A::LeaveAndComplete,
            O::LeaveAndComplete,
            Gate::Capability(&[C::LeaveAndComplete]),
        ),
        (A::Complete, O::Complete, Gate::Capability(&[C::Complete])),
        (
            A::SetInFocus,
            O::SetInFocus,
            Gate::Capability(&[C::SetInFocus, C::InFocus]),
        ),
        (
            A::SetDisposition,
            O::SetDisposition,
            Gate::Capability(&[C::SetDisposition]),
        ),
        (
            A::AttachUserData,
            O::AttachUserData,
            Gate::Capability(&[C::AttachUserData]),
        ),
        (
            A::UpdateUserData,
            O::UpdateUserData,
            Gate::Capability(&[C::UpdateUserData]),
        ),
        (
            A::DeleteUserData,
            O::DeleteUserData,
            Gate::Capability(&[C::DeleteUserData]),
        ),
        (
            A::AddComment,
            O::AddComment,
            Gate::State(SessionStatus::Chatting),
        ),
    ]
};

impl AgentAction {
    fn entry(self) -> &'static (AgentAction, OperationName, Gate) {
        ACTIONS
            .iter()
            .find(|(action, _, _)| *action == self)
            .unwrap_or(&ACTIONS[0])
    }

    /// The operation this action sends.
    pub fn operation(self) -> OperationName {
        self.entry().1
    }

    pub fn gate(self) -> &'static Gate {
        &self.entry().2
    }

    /// The request of an action that takes no input from the agent; `None` for those
    /// that need a target, a text or data. `nickname` is the name Accept shows the customer.
    pub fn simple_request(self, nickname: &str) -> Option<OperationRequest> {
        use OperationRequest as R;
        Some(match self {
            AgentAction::Accept => R::Accept {
                nickname: nickname.to_owned(),
                save_lar: None,
            },
            AgentAction::Reject => R::Reject,
            AgentAction::CancelConsult => R::CancelConsult,
            AgentAction::Leave => R::Leave,
            AgentAction::LeaveAndComplete => R::LeaveAndComplete,
            AgentAction::Complete => R::Complete {
                queue_name: None,
                save_lar: None,
            },
            AgentAction::SetInFocus => R::SetInFocus,
            AgentAction::StartTyping => R::SendStartTypingNotification,
            AgentAction::StopTyping => R::SendStopTypingNotification,
            AgentAction::StartTypingToAgents => R::SendStartTypingToAgentsNotification,
            AgentAction::StopTypingToAgents => R::SendStopTypingToAgentsNotification,
            _ => return None,
        })
    }

    /// Whether a second request waits until the first has its outcome. Messages and
    /// typing notifications never wait: the agent writes on while earlier messages are
    /// on their way.
    pub fn one_at_a_time(self) -> bool {
        !matches!(
            self,
            AgentAction::SendMessage
                | AgentAction::SendToAgents
                | AgentAction::StartTyping
                | AgentAction::StopTyping
                | AgentAction::StartTypingToAgents
                | AgentAction::StopTypingToAgents
        )
    }

    /// Whether the action addresses another agent or a queue, chosen in a picker.
    pub fn needs_target(self) -> bool {
        matches!(
            self,
            AgentAction::Consult | AgentAction::Transfer | AgentAction::Conference
        )
    }

    /// The request of a targeted action.
    pub fn targeted_request(self, target: Target) -> Option<OperationRequest> {
        match self {
            AgentAction::Consult => Some(OperationRequest::Consult { target }),
            AgentAction::Transfer => Some(OperationRequest::Transfer { target }),
            AgentAction::Conference => Some(OperationRequest::Invite { target }),
            _ => None,
        }
    }

    /// The name the agent sees on the control.
    pub fn msg(self) -> Msg {
        match self {
            AgentAction::Accept => Msg::Accept,
            AgentAction::Reject => Msg::Reject,
            AgentAction::SendMessage => Msg::Send,
            AgentAction::SendToAgents => Msg::SendToAgents,
            AgentAction::StartTyping | AgentAction::StartTypingToAgents => Msg::Typing,
            AgentAction::StopTyping | AgentAction::StopTypingToAgents => Msg::StoppedTyping,
            AgentAction::SendUrl => Msg::SendUrl,
            AgentAction::SendCustomNotice => Msg::SendNotice,
            AgentAction::SendCustomNoticeToAgents => Msg::SendNoticeToAgents,
            AgentAction::Consult => Msg::Consult,
            AgentAction::CancelConsult => Msg::CancelConsult,
            AgentAction::Transfer => Msg::Transfer,
            AgentAction::Conference => Msg::Conference,
            AgentAction::Leave => Msg::Leave,
            AgentAction::LeaveAndComplete => Msg::LeaveAndComplete,
            AgentAction::Complete => Msg::Complete,
            AgentAction::SetInFocus => Msg::Focus,
            AgentAction::SetDisposition => Msg::SetDisposition,
            AgentAction::AttachUserData => Msg::AttachData,
            AgentAction::UpdateUserData => Msg::UpdateData,
            AgentAction::DeleteUserData => Msg::DeleteData,
            AgentAction::AddComment => Msg::AddComment,
        }
    }
}

/// Why an action cannot be taken now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// No session state has arrived yet.
    NotLoaded,
    /// The session is over for this agent.
    Ended,
    /// The server's capabilities do not include it.
    NotGranted { action: Msg },
    /// Gated on state, and the state is another.
    WrongState {
        needed: SessionStatus,
        current: Option<SessionStatus>,
    },
    /// The same operation is already on its way.
    InProgress,
    /// Cancel consult: no consultation is waiting to be answered.
    NoPendingConsult,
    /// Complete, where the host makes a disposition mandatory and none is set.
    DispositionFirst,
}

impl Unavailable {
    /// Why, in the agent's words.
    pub fn said(&self) -> Said {
        match self {
            Unavailable::NotLoaded => Msg::NotLoaded.into(),
            Unavailable::Ended => Msg::Ended.into(),
            Unavailable::NotGranted { action } => {
                Said::from(Msg::NotGranted).with("action", *action)
            }
            Unavailable::WrongState { needed, current } => match (needed, current) {
                (SessionStatus::Invited, _) => Msg::OnlyOffered.into(),
                (_, Some(current)) => Said::from(Msg::OnlyWhileIs)
                    .with("needed", state_words(needed))
                    .with("current", state_words(current)),
                (_, None) => Said::from(Msg::OnlyWhile).with("needed", state_words(needed)),
            },
            Unavailable::InProgress => Msg::InProgress.into(),
            Unavailable::NoPendingConsult => Msg::NoPendingConsult.into(),
            Unavailable::DispositionFirst => Msg::DispositionFirst.into(),
        }
    }
}

fn state_words(state: &SessionStatus) -> Said {
    match state {
        SessionStatus::Invited => Msg::StateOffered.into(),
        SessionStatus::Chatting => Msg::StateChatting.into(),
        SessionStatus::LeftChat => Msg::StateLeft.into(),
        SessionStatus::Completed => Msg::StateCompleted.into(),
        SessionStatus::Unknown(other) => other.as_str().into(),
    }
}

/// Decides availability from the state, the capabilities and what is in flight.
/// `awaiting(operation)`: whether the latest operation of that name awaits its outcome,
/// also past its wait. `disposition_missing`: the host makes a disposition mandatory
/// before Complete, and none is set.
pub fn availability(
    action: AgentAction,
    status: Option<&SessionStatus>,
    capabilities: &[Capability],
    in_progress: impl Fn(OperationName) -> bool,
    awaiting: impl Fn(OperationName) -> bool,
    disposition_missing: bool,
) -> Result<(), Unavailable> {
    let Some(current) = status else {
        return Err(Unavailable::NotLoaded);
    };
    if *current == SessionStatus::Completed {
        return Err(Unavailable::Ended);
    }
    let operation = action.operation();
    match action.gate() {
        Gate::Capability(any_of) => {
            if !any_of.iter().any(|c| capabilities.contains(c)) {
                return Err(Unavailable::NotGranted {
                    action: action.msg(),
                });
            }
        }
        Gate::State(needed) => {
            if current != needed {
                return Err(Unavailable::WrongState {
                    needed: needed.clone(),
                    current: Some(current.clone()),
                });
            }
        }
        Gate::PendingConsult => {
            if *current != SessionStatus::Chatting {
                return Err(Unavailable::WrongState {
                    needed: SessionStatus::Chatting,
                    current: Some(current.clone()),
                });
            }
            if !awaiting(OperationName::Consult) {
                return Err(Unavailable::NoPendingConsult);
            }
            return Ok(());
        }
    }
    if action.one_at_a_time() && in_progress(operation) {
        return Err(Unavailable::InProgress);
    }
    if action == AgentAction::Complete && disposition_missing {
        return Err(Unavailable::DispositionFirst);
    }
    Ok(())
}

/// In English, for the tests' assertions and failure messages.
#[cfg(test)]
impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.said().fmt(f)
    }
}
