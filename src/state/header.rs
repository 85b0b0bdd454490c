//! What the session's header offers: the actions that apply to the session's state,
//! and the one that stands out. An agent finds the action that matters without
//! reading a row of disabled buttons; "why not?" stays answerable for every action
//! of the state that GWS withholds.

use gws_types::{Capability, SessionStatus};

use super::{AgentAction, Unavailable};

/// The actions the header may show, in reading order.
pub const HEADER_ACTIONS: &[AgentAction] = &[
    AgentAction::Accept,
    AgentAction::Reject,
    AgentAction::Consult,
    AgentAction::CancelConsult,
    AgentAction::Transfer,
    AgentAction::Conference,
    AgentAction::Leave,
    AgentAction::Complete,
];

/// Whether an agent expects `action` in `status`: if GWS withholds it there, the
/// header still shows it, disabled, with the reason on demand.
fn belongs(action: AgentAction, status: &SessionStatus) -> bool {
    use AgentAction as A;
    match status {
        SessionStatus::Invited => matches!(action, A::Accept | A::Reject),
        SessionStatus::Chatting => matches!(
            action,
            A::Consult | A::Transfer | A::Conference | A::Leave | A::Complete
        ),
        SessionStatus::LeftChat => matches!(action, A::Transfer | A::Leave | A::Complete),
        SessionStatus::Completed | SessionStatus::Unknown(_) => false,
    }
}

/// Whether the header shows `action`: when the agent may take it; when an operation of
/// it has something to say (in progress, failed, not confirmed); and when it belongs to
/// the state and is held back for a reason the agent may ask about (GWS does not grant
/// it, one is already on its way, a disposition comes first). Never for a state it
/// does not belong to.
pub fn shown(
    action: AgentAction,
    status: Option<&SessionStatus>,
    availability: &Result<(), Unavailable>,
    has_outcome: bool,
) -> bool {
    match availability {
        Ok(()) => true,
        _ if has_outcome => true,
        Err(
            Unavailable::NotGranted { .. }
            | Unavailable::InProgress
            | Unavailable::DispositionFirst,
        ) => status.is_some_and(|status| belongs(action, status)),
        Err(_) => false,
    }
}

/// The action of the state that stands out: Accept while the session is offered,
/// Complete once there is nobody left to write to. While the agent can write to the
/// customer, Send (in the composer) is the one.
pub fn primary(status: Option<&SessionStatus>, capabilities: &[Capability]) -> Option<AgentAction> {
    match status? {
        SessionStatus::Invited => Some(AgentAction::Accept),
        SessionStatus::LeftChat => Some(AgentAction::Complete),
        SessionStatus::Chatting
            if capabilities.contains(&Capability::Complete)
                && !capabilities.contains(&Capability::SendMessage) =>
        {
            Some(AgentAction::Complete)
        }
        _ => None,
    }
}

/// What the header says when it shows no action: the session has not loaded, or is over.
pub fn nothing_to_do(status: Option<&SessionStatus>) -> Option<Unavailable> {
    match status {
        None => Some(Unavailable::NotLoaded),
        Some(SessionStatus::Completed) => Some(Unavailable::Ended),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::availability;
    use gws_types::OperationName;
    use AgentAction as A;
    use Capability as C;

    /// The header's actions for a state, capabilities and what is on its way.
    fn header(
        status: SessionStatus,
        capabilities: &[Capability],
        awaiting: Option<OperationName>,
    ) -> Vec<A> {
        HEADER_ACTIONS
            .iter()
            .copied()
            .filter(|&action| {
                let can = availability(
                    action,
                    Some(&status),
                    capabilities,
                    |_| false,
                    |name| Some(name) == awaiting,
                    false,
                );
                shown(action, Some(&status), &can, false)
            })
            .collect()
    }

    #[test]
    fn an_offer_shows_accept_and_reject_only() {
        // The documented Invited sample grants nothing else.
        assert_eq!(
            header(SessionStatus::Invited, &[C::Accept, C::Reject], None),
            [A::Accept, A::Reject]
        );
        assert_eq!(primary(Some(&SessionStatus::Invited), &[]), Some(A::Accept));
    }

    #[test]
    fn chatting_shows_the_collaboration_actions_even_when_withheld() {
        let granted = [C::Consult, C::Leave, C::Complete, C::SendMessage];
        assert_eq!(
            header(SessionStatus::Chatting, &granted, None),
            [
                A::Consult,
                A::Transfer,
                A::Conference,
                A::Leave,
                A::Complete
            ],
            "Transfer and Conference withheld, still shown with their reason"
        );
        assert_eq!(primary(Some(&SessionStatus::Chatting), &granted), None);
    }

    #[test]
    fn cancel_consult_shows_only_while_a_consult_awaits_its_answer() {
        let granted = [C::Consult, C::SendMessage];
        assert!(!header(SessionStatus::Chatting, &granted, None).contains(&A::CancelConsult));
        assert!(header(
            SessionStatus::Chatting,
            &granted,
            Some(OperationName::Consult)
        )
        .contains(&A::CancelConsult));
    }

    #[test]
    fn wrap_up_makes_complete_the_one_that_stands_out() {
        // The documented LeftChat sample.
        let granted = [C::Transfer, C::Complete, C::Leave, C::InFocus];
        assert_eq!(
            header(SessionStatus::LeftChat, &granted, None),
            [A::Transfer, A::Leave, A::Complete]
        );
        assert_eq!(
            primary(Some(&SessionStatus::LeftChat), &granted),
            Some(A::Complete)
        );
        // Still chatting, but nobody to write to: Complete, not a disabled Send.
        assert_eq!(
            primary(Some(&SessionStatus::Chatting), &[C::Complete, C::Leave]),
            Some(A::Complete)
        );
    }

    #[test]
    fn a_completed_or_unknown_session_shows_nothing_and_says_why() {
        assert!(header(SessionStatus::Completed, &[C::Complete], None).is_empty());
        assert_eq!(
            nothing_to_do(Some(&SessionStatus::Completed)),
            Some(Unavailable::Ended)
        );
        assert_eq!(nothing_to_do(None), Some(Unavailable::NotLoaded));
        // A state this widget does not know: what GWS grants, nothing more.
        let unknown = SessionStatus::Unknown("Parked".into());
        assert_eq!(header(unknown.clone(), &[C::Complete], None), [A::Complete]);
        assert_eq!(nothing_to_do(Some(&unknown)), None);
    }

    #[test]
    fn an_outcome_keeps_its_action_shown_in_any_state() {
        let failed = Err(Unavailable::WrongState {
            needed: SessionStatus::Chatting,
            current: Some(SessionStatus::LeftChat),
        });
        assert!(shown(
            A::Consult,
            Some(&SessionStatus::LeftChat),
            &failed,
            true
        ));
        assert!(!shown(
            A::Consult,
            Some(&SessionStatus::LeftChat),
            &failed,
            false
        ));
    }

    #[test]
    fn a_disposition_first_keeps_complete_shown_with_its_reason() {
        assert!(shown(
            A::Complete,
            Some(&SessionStatus::Chatting),
            &Err(Unavailable::DispositionFirst),
            false
        ));
    }
}
