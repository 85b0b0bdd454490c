//! What each agent may do now: the capability list GWS sends, recomputed from the
//! session state and the agent's role on every change, and the check every operation
//! passes first.

use gws_types::{Capability, OperationRequest, SessionStatus};

use super::session::{Role, Seat, Session};

/// The capabilities `seat` is told about, in the order of the documented samples.
pub fn of(session: &Session, seat: &Seat) -> Vec<Capability> {
    use Capability as C;
    match seat.state {
        SessionStatus::Invited => vec![C::Accept, C::Reject],
        SessionStatus::LeftChat => vec![C::Transfer, C::Complete, C::Leave, C::InFocus],
        SessionStatus::Chatting => {
            let others = session
                .chatting()
                .any(|other| other.username != seat.username);
            match seat.role {
                Role::Consultant => vec![
                    C::Leave,
                    C::SetInFocus,
                    C::SendToAgents,
                    C::SendStartTypingToAgentsNotification,
                    C::SendStopTypingToAgentsNotification,
                    C::SendMessage,
                ],
                Role::Visible => {
                    let mut all = vec![
                        C::Transfer,
                        C::Leave,
                        C::Invite,
                        C::Consult,
                        C::SetInFocus,
                        C::SetDisposition,
                        C::AttachUserData,
                        C::DeleteUserData,
                        C::UpdateUserData,
                    ];
                    if others {
                        all.extend([
                            C::SendToAgents,
                            C::SendStartTypingToAgentsNotification,
                            C::SendStopTypingToAgentsNotification,
                        ]);
                    }
                    all.extend([
                        C::Complete,
                        C::SendMessage,
                        C::SendStartTypingNotification,
                        C::SendStopTypingNotification,
                    ]);
                    all
                }
            }
        }
        _ => Vec::new(),
    }
}

/// Whether `seat` may run `operation` now. Operations that never appear as
/// capabilities are gated on state; wrap-up work stays possible after `LeftChat`.
pub fn allows(session: &Session, seat: &Seat, operation: &OperationRequest) -> bool {
    use OperationRequest as Op;
    let capabilities = of(session, seat);
    let has = |capability: Capability| capabilities.contains(&capability);
    match seat.state {
        SessionStatus::Invited => matches!(operation, Op::Accept { .. } | Op::Reject),
        SessionStatus::Chatting | SessionStatus::LeftChat => {
            let wrap_up = seat.state == SessionStatus::LeftChat;
            match operation {
                Op::Accept { .. } | Op::Reject => false,
                Op::SendUrl { .. } | Op::SendCustomNotice { .. } => !wrap_up,
                Op::SendCustomNoticeToAgents { .. } | Op::CancelConsult => !wrap_up,
                Op::AddComment { .. } => true,
                Op::SetInFocus => has(Capability::SetInFocus) || has(Capability::InFocus),
                Op::SetDisposition { .. } => wrap_up || has(Capability::SetDisposition),
                Op::AttachUserData { .. } => wrap_up || has(Capability::AttachUserData),
                Op::UpdateUserData { .. } => wrap_up || has(Capability::UpdateUserData),
                Op::DeleteUserData { .. } => wrap_up || has(Capability::DeleteUserData),
                Op::LeaveAndComplete => has(Capability::Leave) || has(Capability::Complete),
                other => has(Capability::from_wire(other.operation_name())),
            }
        }
        _ => false,
    }
}
