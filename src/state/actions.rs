//! What the agent may do now, decided by the server's `capabilities` alone, and in
//! plain words why not.

use std::fmt;

use gws_types::{Capability, OperationName, OperationRequest, SessionStatus, Target};

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
    pub fn label(self) -> &'static str {
        match self {
            AgentAction::Accept => "Accept",
            AgentAction::Reject => "Reject",
            AgentAction::SendMessage => "Send",
            AgentAction::SendToAgents => "Send to agents",
            AgentAction::StartTyping | AgentAction::StartTypingToAgents => "Typing",
            AgentAction::StopTyping | AgentAction::StopTypingToAgents => "Stopped typing",
            AgentAction::SendUrl => "Send link",
            AgentAction::SendCustomNotice => "Send notice",
            AgentAction::SendCustomNoticeToAgents => "Send notice to agents",
            AgentAction::Consult => "Consult",
            AgentAction::CancelConsult => "Cancel consult",
            AgentAction::Transfer => "Transfer",
            AgentAction::Conference => "Conference",
            AgentAction::Leave => "Leave",
            AgentAction::LeaveAndComplete => "Leave and complete",
            AgentAction::Complete => "Complete",
            AgentAction::SetInFocus => "Focus",
            AgentAction::SetDisposition => "Set disposition",
            AgentAction::AttachUserData => "Attach data",
            AgentAction::UpdateUserData => "Update data",
            AgentAction::DeleteUserData => "Delete data",
            AgentAction::AddComment => "Add comment",
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
    NotGranted { action: &'static str },
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

impl fmt::Display for Unavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unavailable::NotLoaded => f.write_str("The session has not loaded yet."),
            Unavailable::Ended => f.write_str("The session is completed."),
            Unavailable::NotGranted { action } => {
                write!(f, "The server does not allow {action} right now.")
            }
            Unavailable::WrongState { needed, current } => match (needed, current) {
                (SessionStatus::Invited, _) => {
                    f.write_str("Only while the session is being offered.")
                }
                (_, Some(current)) => {
                    write!(
                        f,
                        "Only while {} (the session is {}).",
                        state_words(needed),
                        state_words(current)
                    )
                }
                (_, None) => write!(f, "Only while {}.", state_words(needed)),
            },
            Unavailable::InProgress => f.write_str("Already in progress."),
            Unavailable::NoPendingConsult => {
                f.write_str("No consultation is waiting for the other agent to answer.")
            }
            Unavailable::DispositionFirst => f.write_str("Set a disposition first."),
        }
    }
}

fn state_words(state: &SessionStatus) -> &str {
    match state {
        SessionStatus::Invited => "offered",
        SessionStatus::Chatting => "chatting",
        SessionStatus::LeftChat => "left (wrap-up)",
        SessionStatus::Completed => "completed",
        SessionStatus::Unknown(other) => other,
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
                    action: action.label(),
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
