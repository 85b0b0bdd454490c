//! Reducer rules beyond the seed flows.

use gws_types::{
    Capability, Message, MessageType, Notification, OperationName, OperationRequest,
    OperationResponse, Participant, ParticipantType, SessionStatus, SmsSession, StatusCode, Target,
    User, Visibility,
};
use serde_json::json;

use super::*;

const ID: &str = "S1";

fn chatting(capabilities: &[Capability]) -> SmsSession {
    SmsSession {
        id: Some(ID.into()),
        uri: Some(format!("http://gws/api/v2/smssessions/{ID}")),
        state: Some(SessionStatus::Chatting),
        participants: Some(vec![
            Participant::new("A1", "Ann", ParticipantType::Agent),
            Participant::new("C1", "Cus", ParticipantType::Customer),
        ]),
        capabilities: Some(capabilities.to_vec()),
        ..SmsSession::default()
    }
}

fn state_with(capabilities: &[Capability]) -> SessionState {
    let mut state = SessionState::new(ID);
    state.apply(Action::SessionLoaded(chatting(capabilities)));
    state
}

fn notification(value: serde_json::Value) -> Action {
    Action::Notified(serde_json::from_value(value).expect("a notification"))
}

fn entry(
    index: u64,
    kind: MessageType,
    from: &str,
    visibility: Visibility,
    text: Option<&str>,
) -> Message {
    Message {
        index,
        kind,
        from: Some(Participant::new(from, from, ParticipantType::Agent)),
        text: text.map(str::to_owned),
        url: None,
        notice_text: None,
        visibility: Some(visibility),
        timestamp: None,
        timestamp_seconds: Some(1_000 * index as i64),
    }
}

fn new_messages(messages: Vec<Message>, reference_id: Option<u64>) -> Action {
    Action::Notified(Notification {
        message_type: None,
        notification_type: gws_types::NotificationType::NewMessages,
        smssession: None,
        reference_id,
        error_message: None,
        messages: Some(messages),
        smssession_uri: Some(format!("http://gws/api/v2/smssessions/{ID}")),
        smssession_path: None,
    })
}

#[test]
fn every_action_is_in_the_table_once() {
    use AgentAction::*;
    let all = [
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
    ];
    assert_eq!(ACTIONS.len(), all.len());
    for action in all {
        assert_eq!(
            ACTIONS.iter().filter(|(a, _, _)| *a == action).count(),
            1,
            "{action:?}"
        );
    }
    // Each operation GWS knows is sent by exactly one action.
    for operation in OperationName::ALL {
        assert_eq!(
            ACTIONS.iter().filter(|(_, o, _)| *o == operation).count(),
            1,
            "{operation:?}"
        );
    }
    assert_eq!(Conference.operation(), OperationName::Invite);
    assert_eq!(Conference.gate(), &Gate::Capability(&[Capability::Invite]));
}

#[test]
fn a_partial_completed_resource_changes_only_the_state_and_drops_capabilities() {
    let mut state = state_with(&[Capability::Complete, Capability::SendMessage]);
    let participants = state.participants().to_vec();
    assert!(state.apply(notification(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"state": "Completed", "id": ID, "uri": "http://gws/api/v2/smssessions/S1"}
    }))));
    assert_eq!(state.status(), Some(&SessionStatus::Completed));
    assert!(state.capabilities().is_empty());
    assert_eq!(state.participants(), participants);
    assert_eq!(
        state.availability(AgentAction::SendMessage),
        Err(Unavailable::Ended)
    );
}

#[test]
fn capabilities_alone_decide_and_ungranted_actions_say_why() {
    let state = state_with(&[Capability::SendMessage, Capability::InFocus]);
    assert_eq!(state.availability(AgentAction::SendMessage), Ok(()));
    assert_eq!(
        state.availability(AgentAction::SetInFocus),
        Ok(()),
        "InFocus grants SetInFocus"
    );
    let transfer = state.availability(AgentAction::Transfer).unwrap_err();
    assert_eq!(
        transfer.to_string(),
        "The server does not allow Transfer right now."
    );
    let accept = state.availability(AgentAction::Accept).unwrap_err();
    assert_eq!(
        accept.to_string(),
        "Only while the session is being offered."
    );
    assert_eq!(
        state.availability(AgentAction::AddComment),
        Ok(()),
        "gated on Chatting"
    );

    let mut offered = SessionState::new(ID);
    offered.apply(Action::SessionLoaded(SmsSession {
        state: Some(SessionStatus::Invited),
        capabilities: Some(vec![Capability::Accept, Capability::Reject]),
        ..chatting(&[])
    }));
    assert_eq!(offered.availability(AgentAction::Accept), Ok(()));
    assert_eq!(
        offered.my_participant_id(),
        None,
        "an offered session's agents are others"
    );
    let why = offered.availability(AgentAction::AddComment).unwrap_err();
    assert_eq!(
        why.to_string(),
        "Only while chatting (the session is offered)."
    );
}

#[test]
fn unknown_capabilities_and_states_are_tolerated() {
    let mut state = SessionState::new(ID);
    state.apply(Action::SessionLoaded(SmsSession {
        state: Some(SessionStatus::Unknown("OnHold".into())),
        capabilities: Some(vec![
            Capability::Unknown("Teleport".into()),
            Capability::Leave,
        ]),
        ..chatting(&[])
    }));
    assert_eq!(state.availability(AgentAction::Leave), Ok(()));
    assert!(state.availability(AgentAction::Transfer).is_err());
}

#[test]
fn a_non_zero_status_code_or_a_transport_error_fails_at_once() {
    let mut state = state_with(&[Capability::Transfer, Capability::Complete]);
    let transfer = OperationRequest::Transfer {
        target: Target::Path("/contacts/9".into()),
    };
    state.apply(Action::Requested {
        id: OpId(1),
        request: transfer,
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::error(StatusCode::NotFound, "No such target"),
    });
    assert_eq!(
        state.operations().get(OpId(1)).unwrap().status,
        OpStatus::Failed("No such target".into())
    );

    state.apply(Action::Requested {
        id: OpId(2),
        request: OperationRequest::Complete {
            queue_name: None,
            save_lar: None,
        },
        at: 0.0,
    });
    state.apply(Action::RequestFailed {
        id: OpId(2),
        error: "The network is unreachable".into(),
    });
    assert_eq!(
        state.operations().get(OpId(2)).unwrap().status,
        OpStatus::Failed("The network is unreachable".into())
    );
    assert!(
        !state.apply(Action::Answered {
            id: OpId(2),
            response: OperationResponse::accepted(None)
        }),
        "a late answer changes nothing"
    );
}

#[test]
fn an_outcome_that_arrives_before_the_http_answer_is_not_lost() {
    let mut state = state_with(&[Capability::SetDisposition]);
    let request = OperationRequest::SetDisposition {
        disposition: "Sold".into(),
        disposition_key: None,
    };
    state.apply(Action::Requested {
        id: OpId(1),
        request,
        at: 0.0,
    });
    state.apply(notification(json!({
        "notificationType": "Error", "errorMessage": "Unable to manage user data", "referenceId": 90
    })));
    assert!(state.operations().get(OpId(1)).unwrap().status.is_open());
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(Some(90)),
    });
    assert_eq!(
        state.operations().get(OpId(1)).unwrap().status,
        OpStatus::Failed("Unable to manage user data".into())
    );
}

/// The Yew store keeps a change only when `apply` says so: every change must be
/// reported, and a no-op must change nothing.
fn apply_as_the_store_does(state: &mut SessionState, action: Action) {
    let mut next = state.clone();
    if next.apply(action) {
        *state = next;
    }
}

#[test]
fn a_success_noticed_before_the_http_answer_is_kept_by_the_store() {
    let mut state = state_with(&[Capability::SendMessage]);
    let request = OperationRequest::SendMessage { text: "hi".into() };
    apply_as_the_store_does(
        &mut state,
        Action::Requested {
            id: OpId(1),
            request,
            at: 0.0,
        },
    );
    // A notification that only carries the referenceId (nothing else changes).
    apply_as_the_store_does(
        &mut state,
        notification(json!({
            "notificationType": "StatusChange", "referenceId": 91,
            "smssession": {"id": ID, "state": "Chatting"}
        })),
    );
    apply_as_the_store_does(
        &mut state,
        Action::Answered {
            id: OpId(1),
            response: OperationResponse::accepted(Some(91)),
        },
    );
    assert_eq!(
        state.operations().get(OpId(1)).unwrap().status,
        OpStatus::Done
    );
}

#[test]
fn an_entry_repeating_an_index_with_other_content_changes_no_role() {
    let mut state = state_with(&[Capability::SendMessage]);
    state.apply(new_messages(
        vec![entry(
            4,
            MessageType::Text,
            "A1",
            Visibility::All,
            Some("hi"),
        )],
        None,
    ));
    let before = state.clone();
    let changed = state.apply(new_messages(
        vec![entry(
            4,
            MessageType::ParticipantJoined,
            "B9",
            Visibility::Agents,
            None,
        )],
        None,
    ));
    assert!(!changed);
    assert_eq!(state, before);
}

#[test]
fn a_reference_id_or_the_visible_effect_completes_an_operation() {
    let mut state = state_with(&[Capability::SendMessage, Capability::SetDisposition]);
    state.apply(Action::Requested {
        id: OpId(1),
        request: OperationRequest::SendMessage {
            text: "Hello".into(),
        },
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(None),
    });
    state.apply(new_messages(
        vec![entry(
            1,
            MessageType::Text,
            "A1",
            Visibility::All,
            Some("Hello"),
        )],
        None,
    ));
    assert_eq!(
        state.operations().get(OpId(1)).unwrap().status,
        OpStatus::Done
    );

    let request = OperationRequest::SetDisposition {
        disposition: "Sold".into(),
        disposition_key: Some("DispositionCode".into()),
    };
    state.apply(Action::Requested {
        id: OpId(2),
        request,
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(2),
        response: OperationResponse::accepted(Some(5)),
    });
    state.apply(notification(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "PropertiesUpdated", "referenceId": 5,
        "smssession": {"id": ID, "userData": {"DispositionCode": "Sold", "RTenant": "Resources"}}
    })));
    assert_eq!(
        state.operations().get(OpId(2)).unwrap().status,
        OpStatus::Done
    );
    assert_eq!(state.user_data()["RTenant"].as_str(), Some("Resources"));
}

#[test]
fn the_agent_is_learned_from_their_own_message_when_names_do_not_tell() {
    let mut state = SessionState::new(ID);
    state.apply(Action::SessionLoaded(SmsSession {
        participants: Some(vec![
            Participant::new("A1", "TestName", ParticipantType::Agent),
            Participant::new("A2", "TestName", ParticipantType::Agent),
            Participant::new("C1", "Cus", ParticipantType::Customer),
        ]),
        ..chatting(&[Capability::SendToAgents])
    }));
    state.apply(Action::KnownAs("TestName".into()));
    assert_eq!(
        state.my_participant_id(),
        None,
        "two agents share the nickname"
    );
    state.apply(Action::Requested {
        id: OpId(1),
        request: OperationRequest::SendToAgents {
            text: "Can you help?".into(),
        },
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(None),
    });
    state.apply(new_messages(
        vec![entry(
            4,
            MessageType::Text,
            "A2",
            Visibility::Agents,
            Some("Can you help?"),
        )],
        None,
    ));
    assert_eq!(state.my_participant_id(), Some("A2"));
}

#[test]
fn the_agent_is_found_by_user_uri_in_a_message() {
    let mut state = SessionState::new(ID);
    state.apply(Action::SignedIn(User {
        id: Some("u42".into()),
        ..User::default()
    }));
    state.apply(Action::SessionLoaded(SmsSession {
        participants: Some(vec![
            Participant::new("A1", "X", ParticipantType::Agent),
            Participant::new("A2", "Y", ParticipantType::Agent),
        ]),
        ..chatting(&[])
    }));
    let mut joined = entry(
        2,
        MessageType::ParticipantJoined,
        "A2",
        Visibility::Agents,
        None,
    );
    joined.from.as_mut().unwrap().uri = Some("http://gws/api/v2/users/u42".into());
    state.apply(new_messages(vec![joined], None));
    assert_eq!(state.my_participant_id(), Some("A2"));
    assert_eq!(state.my_role(), Some(Role::Consultant));
}

#[test]
fn a_consultant_becomes_conferenced_when_invited() {
    let mut state = state_with(&[Capability::Invite]);
    state.apply(Action::SessionLoaded(SmsSession {
        participants: Some(vec![
            Participant::new("A1", "Ann", ParticipantType::Agent),
            Participant::new("A2", "Bob", ParticipantType::Agent),
            Participant::new("C1", "Cus", ParticipantType::Customer),
        ]),
        ..chatting(&[Capability::Invite])
    }));
    state.apply(new_messages(
        vec![entry(
            5,
            MessageType::ParticipantJoined,
            "A2",
            Visibility::Agents,
            None,
        )],
        None,
    ));
    assert_eq!(state.roster()[1].role, Role::Consultant);
    state.apply(Action::Requested {
        id: OpId(3),
        request: OperationRequest::Invite {
            target: Target::Uri("http://gws/api/v2/contacts/b".into()),
        },
        at: 0.0,
    });
    state.apply(Action::Answered {
        id: OpId(3),
        response: OperationResponse::accepted(None),
    });
    state.apply(new_messages(
        vec![entry(
            9,
            MessageType::ParticipantJoined,
            "A2",
            Visibility::All,
            None,
        )],
        None,
    ));
    assert_eq!(state.roster()[1].role, Role::Conferenced);
    assert_eq!(
        state.operations().get(OpId(3)).unwrap().status,
        OpStatus::Done
    );
}

#[test]
fn other_sessions_and_unknown_notifications_change_nothing() {
    let mut state = state_with(&[Capability::SendMessage]);
    assert!(!state.apply(notification(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": "OTHER", "state": "Completed"}
    }))));
    assert!(!state.apply(notification(
        json!({"notificationType": "Escalated", "smssession": {"id": ID}})
    )));
    assert!(!state.apply(notification(
        json!({"notificationType": "Error", "errorMessage": "x", "referenceId": 77})
    )));
    assert_eq!(state.status(), Some(&SessionStatus::Chatting));
}

#[test]
fn a_malformed_or_unreadable_notification_is_shown_not_fatal() {
    let mut state = state_with(&[]);
    assert!(state.apply(notification(json!({"notificationType": "StatusChange", "smssessionUri": "http://gws/api/v2/smssessions/S1"}))));
    assert!(state.apply(Action::NotificationUnreadable(
        "expected value at line 1 column 1".into()
    )));
    let problems = state.problems().to_vec();
    assert_eq!(problems.len(), 2);
    assert!(
        problems[0]
            .message
            .to_string()
            .contains("without `smssession`"),
        "{}",
        problems[0].message
    );
    assert!(state.apply(Action::ProblemDismissed(problems[0].id)));
    assert_eq!(state.problems().len(), 1);
}

#[test]
fn reordered_and_repeated_messages_end_in_one_ordered_log() {
    let batch = |indexes: &[u64]| {
        indexes
            .iter()
            .map(|&i| entry(i, MessageType::Text, "C1", Visibility::All, Some("hi")))
            .collect::<Vec<_>>()
    };
    let mut forward = state_with(&[]);
    forward.apply(new_messages(batch(&[1, 2, 3, 4]), None));
    let mut shuffled = state_with(&[]);
    shuffled.apply(new_messages(batch(&[3]), None));
    shuffled.apply(new_messages(batch(&[1, 3, 4]), None));
    shuffled.apply(Action::MessagesLoaded(batch(&[1, 2, 3])));
    assert_eq!(shuffled.log(), forward.log());
    assert!(!shuffled.apply(Action::MessagesLoaded(batch(&[2, 4]))));
}

#[test]
fn the_session_gone_from_the_list_is_completed() {
    let mut state = state_with(&[Capability::Leave]);
    assert!(state.apply(Action::SessionGone));
    assert_eq!(state.status(), Some(&SessionStatus::Completed));
    assert!(state.capabilities().is_empty());
    assert!(!state.apply(Action::SessionGone));
}

#[test]
fn a_failed_read_is_shown_once_and_changes_nothing_else() {
    let mut state = state_with(&[Capability::SendMessage]);
    let before = state.log().clone();
    assert!(state.apply(Action::ReadFailed("GWS could not be reached.".into())));
    assert!(
        !state.apply(Action::ReadFailed("GWS could not be reached.".into())),
        "not twice"
    );
    assert_eq!(state.problems().len(), 1);
    assert_eq!(state.log(), &before);
    assert_eq!(state.availability(AgentAction::SendMessage), Ok(()));
}

#[test]
fn parameterless_actions_build_their_request() {
    assert_eq!(
        AgentAction::Accept.simple_request("Ann"),
        Some(OperationRequest::Accept {
            nickname: "Ann".into(),
            save_lar: None
        })
    );
    assert_eq!(
        AgentAction::Leave.simple_request("Ann"),
        Some(OperationRequest::Leave)
    );
    assert_eq!(
        AgentAction::Complete.simple_request("Ann"),
        Some(OperationRequest::Complete {
            queue_name: None,
            save_lar: None
        })
    );
    for needs_input in [
        AgentAction::Consult,
        AgentAction::Transfer,
        AgentAction::Conference,
        AgentAction::SendMessage,
        AgentAction::SetDisposition,
    ] {
        assert_eq!(needs_input.simple_request("Ann"), None, "{needs_input:?}");
    }
    for action in ACTIONS.iter().map(|(action, _, _)| *action) {
        if let Some(request) = action.simple_request("Ann") {
            assert_eq!(request.name(), action.operation(), "{action:?}");
        }
    }
}

#[test]
fn the_agent_is_no_target_of_their_own_search() {
    let contact =
        |value: serde_json::Value| -> gws_types::Contact { serde_json::from_value(value).unwrap() };
    let me = contact(json!({"id": "u42", "userName": "agent1", "type": "User"}));
    let by_name = contact(json!({"id": "c9", "userName": "agent1", "type": "User"}));
    let other = contact(json!({"id": "u43", "userName": "agent2", "type": "User"}));
    let queue = contact(json!({"id": "q1", "name": "Sales", "type": "Queue"}));
    let mut state = SessionState::new(ID);
    assert!(!state.is_me(&me), "nobody is known before sign-in");
    state.apply(Action::SignedIn(User {
        id: Some("u42".into()),
        user_name: Some("agent1".into()),
        ..User::default()
    }));
    assert!(state.is_me(&me));
    assert!(state.is_me(&by_name));
    assert!(!state.is_me(&other));
    assert!(!state.is_me(&queue));
    state.apply(Action::SignedIn(User::default()));
    assert!(
        !state.is_me(&other),
        "a user with no id or name matches no contact"
    );
}

#[test]
fn a_mandatory_disposition_holds_complete_back_until_one_is_set() {
    let mut state = state_with(&[Capability::Complete, Capability::SetDisposition]);
    assert_eq!(state.availability(AgentAction::Complete), Ok(()));
    assert!(state.apply(Action::DispositionRequired(true)));
    assert!(!state.apply(Action::DispositionRequired(true)), "no change");
    assert_eq!(
        state.availability(AgentAction::Complete),
        Err(Unavailable::DispositionFirst)
    );
    assert_eq!(
        Unavailable::DispositionFirst.to_string(),
        "Set a disposition first."
    );
    assert_eq!(state.availability(AgentAction::SetDisposition), Ok(()));
    let with_data = |value: serde_json::Value| SmsSession {
        user_data: Some(serde_json::from_value(value).unwrap()),
        ..chatting(&[Capability::Complete, Capability::SetDisposition])
    };
    // Blank or not text is no disposition.
    state.apply(Action::SessionLoaded(with_data(
        json!({"DispositionCode": " "}),
    )));
    assert_eq!(
        state.availability(AgentAction::Complete),
        Err(Unavailable::DispositionFirst)
    );
    state.apply(Action::SessionLoaded(with_data(
        json!({"DispositionCode": null}),
    )));
    assert_eq!(
        state.availability(AgentAction::Complete),
        Err(Unavailable::DispositionFirst)
    );
    state.apply(Action::SessionLoaded(with_data(
        json!({"DispositionCode": "IssueResolved"}),
    )));
    assert_eq!(state.availability(AgentAction::Complete), Ok(()));
    // What the server withholds is said first.
    state.apply(Action::SessionLoaded(with_data(json!({}))));
    state.apply(Action::SessionLoaded(SmsSession {
        capabilities: Some(vec![]),
        ..with_data(json!({}))
    }));
    assert!(matches!(
        state.availability(AgentAction::Complete),
        Err(Unavailable::NotGranted { .. })
    ));
    state.apply(Action::DispositionRequired(false));
    state.apply(Action::SessionLoaded(with_data(json!({}))));
    assert_eq!(state.availability(AgentAction::Complete), Ok(()));
}
