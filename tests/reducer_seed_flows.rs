//! The session reducer replays the seed page's consult flows step by step.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use gws_sms_widget::state::{Action, AgentAction, OpId, OpStatus, Role, SessionState, Unavailable};
use gws_types::{
    Capability, Notification, OperationRequest, OperationResponse, Participant, ParticipantType,
    SessionStatus, SmsSession, User,
};
use serde::de::DeserializeOwned;

fn fixture<T: DeserializeOwned>(path: &str) -> T {
    let root = std::env::var_os("GWS_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures"));
    let bytes = std::fs::read(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const CONSULT_SESSION: &str = "0000Na9B26EF006E";
const ME: &str = "009052CB05C900EA";
const BFRIEND: &str = "009052CB05CA00EB";
const CUSTOMER: &str = "009052CB056C00E5";

/// The consult sample's session as it was before the Consult: the agent and the customer.
fn session_before_consult() -> SmsSession {
    let failed: Notification = fixture("seed/consult-failed.json");
    let mut session = failed
        .smssession
        .expect("the failed sample carries the session");
    session.id = Some(CONSULT_SESSION.into());
    session.uri = Some(format!(
        "http://localhost:8080/api/v2/smssessions/{CONSULT_SESSION}"
    ));
    session.participants = Some(vec![
        Participant::new(ME, "TestName", ParticipantType::Agent),
        Participant::new(CUSTOMER, "FirstL", ParticipantType::Customer),
    ]);
    session
}

fn signed_in_agent() -> User {
    User {
        user_name: Some("agent1".into()),
        ..User::default()
    }
}

fn roles(state: &SessionState) -> Vec<(String, Role)> {
    state
        .roster()
        .into_iter()
        .map(|entry| (entry.participant.participant_id.clone(), entry.role))
        .collect()
}

#[test]
fn the_seed_consult_flow_step_by_step() {
    let mut state = SessionState::new(CONSULT_SESSION);
    assert_eq!(
        state.availability(AgentAction::Consult),
        Err(Unavailable::NotLoaded)
    );

    // The agent signs in and the session is read.
    assert!(state.apply(Action::SignedIn(signed_in_agent())));
    assert!(state.apply(Action::SessionLoaded(session_before_consult())));
    assert_eq!(state.status(), Some(&SessionStatus::Chatting));
    assert_eq!(
        state.my_participant_id(),
        Some(ME),
        "the only agent is the signed-in one"
    );
    assert_eq!(
        roles(&state),
        vec![(ME.into(), Role::Me), (CUSTOMER.into(), Role::Customer)]
    );
    assert_eq!(state.availability(AgentAction::Consult), Ok(()));
    assert_eq!(state.availability(AgentAction::Transfer), Ok(()));
    assert_eq!(state.availability(AgentAction::Conference), Ok(()));
    assert_eq!(
        state.availability(AgentAction::SendToAgents),
        Err(Unavailable::NotGranted {
            action: gws_sms_widget::i18n::Msg::SendToAgents
        })
    );
    assert_eq!(
        state.availability(AgentAction::CancelConsult),
        Err(Unavailable::NoPendingConsult)
    );

    // The agent asks to consult BFriend.
    let consult: OperationRequest = fixture("seed/consult-request.json");
    assert!(state.apply(Action::Requested {
        id: OpId(1),
        request: consult.clone(),
        at: 0.0,
    }));
    let op = state.operations().get(OpId(1)).unwrap();
    assert_eq!(
        (op.request.clone(), op.status.clone()),
        (consult, OpStatus::Sending)
    );
    assert_eq!(
        state.availability(AgentAction::Consult),
        Err(Unavailable::InProgress)
    );
    assert_eq!(state.availability(AgentAction::CancelConsult), Ok(()));

    // GWS accepts it with referenceId 35.
    let response: OperationResponse = fixture("seed/consult-response.json");
    assert!(state.apply(Action::Answered {
        id: OpId(1),
        response
    }));
    assert_eq!(
        state.operations().get(OpId(1)).unwrap().status,
        OpStatus::Pending {
            reference_id: Some(35)
        }
    );

    // First notification: the consultant is a participant; agents-only capabilities appear.
    assert!(state.apply(Action::Notified(fixture(
        "seed/consult-participants-updated.json"
    ))));
    assert_eq!(state.participants().len(), 4);
    assert_eq!(
        state.my_participant_id(),
        Some(ME),
        "a second TestName does not confuse who I am"
    );
    assert!(state.capabilities().contains(&Capability::SendToAgents));
    assert_eq!(state.availability(AgentAction::SendToAgents), Ok(()));
    assert!(state.operations().get(OpId(1)).unwrap().status.is_open());
    assert_eq!(roles(&state)[1], (BFRIEND.into(), Role::Agent));

    // Second notification: BFriend's join, for agents only. The consult is done.
    assert!(state.apply(Action::Notified(fixture("seed/consult-new-messages.json"))));
    assert_eq!(state.log().len(), 1);
    let joined = state.log().get(3).unwrap();
    assert!(joined.is_agents_only());
    assert_eq!(
        state.log().missing(),
        vec![1..=2],
        "the history before index 3 is to be fetched"
    );
    assert_eq!(roles(&state)[1], (BFRIEND.into(), Role::Consultant));
    assert_eq!(roles(&state)[3].1, Role::Agent);
    assert_eq!(
        state.operations().get(OpId(1)).unwrap().status,
        OpStatus::Done
    );
    assert_eq!(
        state.availability(AgentAction::CancelConsult),
        Err(Unavailable::NoPendingConsult)
    );
    assert!(state.problems().is_empty());

    // The same notification again, late, changes nothing.
    assert!(!state.apply(Action::Notified(fixture("seed/consult-new-messages.json"))));
    assert!(!state.apply(Action::Notified(fixture(
        "seed/consult-participants-updated.json"
    ))));
}

#[test]
fn the_seed_failed_consult_leaves_the_session_as_the_server_says() {
    let failed: Notification = fixture("seed/consult-failed.json");
    let session = failed.smssession.clone().unwrap();
    let mut state = SessionState::new("0000Na9B26EF006M");
    state.apply(Action::SessionLoaded(session.clone()));
    assert_eq!(state.my_participant_id(), Some("009052CB110900F5"));

    let consult: OperationRequest = fixture("seed/consult-request.json");
    state.apply(Action::Requested {
        id: OpId(7),
        request: consult,
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(7),
        response: OperationResponse::accepted(Some(36)),
    });
    let before = state.clone();

    assert!(state.apply(Action::Notified(failed)));
    assert_eq!(
        state.operations().get(OpId(7)).unwrap().status,
        OpStatus::Failed("Operation failed".into())
    );
    assert_eq!(state.status(), before.status());
    assert_eq!(state.participants(), before.participants());
    assert_eq!(
        state.capabilities(),
        session.capabilities.as_deref().unwrap()
    );
    assert!(
        state.problems().is_empty(),
        "the error belongs to the Consult, not to the page"
    );
    assert_eq!(
        state.availability(AgentAction::Consult),
        Ok(()),
        "the agent may try again"
    );
}
