//! The agent's messages from the keypress to their copy in the log, against a GWS that
//! does only what its documentation shows, and operations that never wait forever.

use gws_types::{
    Capability, Message, MessageType, Notification, NotificationType, OperationRequest,
    OperationResponse, Participant, ParticipantType, SessionStatus, SmsSession, StatusCode, Target,
    Visibility,
};

use super::*;

const ID: &str = "S1";
const ME: &str = "A1";

fn chatting() -> SessionState {
    let mut state = SessionState::new(ID);
    state.apply(Action::SessionLoaded(SmsSession {
        id: Some(ID.into()),
        state: Some(SessionStatus::Chatting),
        participants: Some(vec![
            Participant::new(ME, "Ann", ParticipantType::Agent),
            Participant::new("C1", "Cus", ParticipantType::Customer),
        ]),
        capabilities: Some(vec![
            Capability::SendMessage,
            Capability::SendToAgents,
            Capability::Consult,
        ]),
        ..SmsSession::default()
    }));
    // The only agent is the signed-in one.
    assert_eq!(state.my_participant_id(), Some(ME));
    state
}

fn text(index: u64, from: &str, visibility: Visibility, body: &str) -> Message {
    let kind = if from.starts_with('C') {
        ParticipantType::Customer
    } else {
        ParticipantType::Agent
    };
    Message {
        index,
        kind: MessageType::Text,
        from: Some(Participant::new(from, from, kind)),
        text: Some(body.to_owned()),
        url: None,
        notice_text: None,
        visibility: Some(visibility),
        timestamp: None,
        timestamp_seconds: Some(1_000 * index as i64),
    }
}

/// A log update as the documentation's sample shows it: no `referenceId`.
fn log_update(messages: Vec<Message>) -> Action {
    Action::Notified(Notification {
        message_type: None,
        notification_type: NotificationType::NewMessages,
        smssession: None,
        reference_id: None,
        error_message: None,
        messages: Some(messages),
        smssession_uri: Some(format!("http://gws/api/v2/smssessions/{ID}")),
        smssession_path: None,
    })
}

/// The agent sends a message at `at`, and with nothing ahead of it in the outbox, it
/// is posted at once.
fn send(state: &mut SessionState, id: u64, body: &str, at: Millis) {
    assert!(state.apply(Action::Requested {
        id: OpId(id),
        request: OperationRequest::SendMessage { text: body.into() },
        at,
    }));
    assert!(state.apply(Action::Posted { id: OpId(id), at }));
}

/// The answer of the documentation's sample: `{"statusCode":0}`, no `referenceId`.
fn accepted(state: &mut SessionState, id: u64) {
    state.apply(Action::Answered {
        id: OpId(id),
        response: OperationResponse::accepted(None),
    });
}

fn status(state: &SessionState, id: u64) -> OpStatus {
    state.operations().get(OpId(id)).unwrap().status.clone()
}

fn unsettled(state: &SessionState) -> Vec<(u64, String)> {
    state
        .operations()
        .unsettled_messages()
        .map(|op| (op.id.0, op.wrote().unwrap().text.to_owned()))
        .collect()
}

#[test]
fn sending_never_waits_for_an_earlier_message() {
    let mut state = chatting();
    send(&mut state, 1, "One moment", 0.0);
    assert_eq!(state.availability(AgentAction::SendMessage), Ok(()));
    send(&mut state, 2, "Checking now", 10.0);
    assert_eq!(state.availability(AgentAction::SendMessage), Ok(()));
    assert_eq!(
        unsettled(&state),
        [(1, "One moment".into()), (2, "Checking now".into())]
    );
    // Other actions still wait for their outcome.
    state.apply(Action::Requested {
        id: OpId(3),
        request: OperationRequest::Consult {
            target: Target::Uri("http://gws/api/v2/users/2".into()),
        },
        at: 20.0,
    });
    assert_eq!(
        state.availability(AgentAction::Consult),
        Err(Unavailable::InProgress)
    );
}

#[test]
fn a_copy_without_reference_and_with_whitespace_changed_settles_the_message() {
    let mut state = chatting();
    send(&mut state, 1, "Hello  there,\r\nhow can I help?", 0.0);
    accepted(&mut state, 1);
    assert!(matches!(status(&state, 1), OpStatus::Pending { .. }));
    state.apply(log_update(vec![text(
        1,
        ME,
        Visibility::All,
        "Hello there, how can I help?",
    )]));
    assert_eq!(status(&state, 1), OpStatus::Done);
    assert!(unsettled(&state).is_empty(), "shown once: the copy only");
    assert_eq!(state.log().len(), 1);
}

#[test]
fn a_copy_before_the_answer_settles_the_message_and_the_late_answer_changes_nothing() {
    let mut state = chatting();
    send(&mut state, 1, "Right away", 0.0);
    state.apply(log_update(vec![text(1, ME, Visibility::All, "Right away")]));
    assert_eq!(status(&state, 1), OpStatus::Done);
    let before = state.clone();
    assert!(!state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::accepted(None),
    }));
    assert_eq!(state, before);
}

#[test]
fn copies_settle_messages_in_the_order_written_and_equal_texts_one_each() {
    let mut state = chatting();
    for (id, body) in [(1, "ok"), (2, "ok"), (3, "bye")] {
        send(&mut state, id, body, id as f64);
    }
    state.apply(log_update(vec![text(5, ME, Visibility::All, "ok")]));
    assert_eq!(status(&state, 1), OpStatus::Done);
    assert!(status(&state, 2).is_open(), "one copy settles one message");
    state.apply(log_update(vec![
        text(6, ME, Visibility::All, "ok"),
        text(7, ME, Visibility::All, "bye"),
    ]));
    assert!(unsettled(&state).is_empty());
}

#[test]
fn only_the_agents_own_copy_in_the_right_audience_settles_a_message() {
    let mut state = chatting();
    send(&mut state, 1, "Thanks", 0.0);
    state.apply(log_update(vec![
        text(1, "C1", Visibility::All, "Thanks"),
        text(2, "A9", Visibility::All, "Thanks"),
    ]));
    assert!(
        status(&state, 1).is_open(),
        "the customer's or another agent's words"
    );
    state.apply(Action::Requested {
        id: OpId(2),
        request: OperationRequest::SendToAgents {
            text: "Thanks".into(),
        },
        at: 1.0,
    });
    state.apply(log_update(vec![text(3, ME, Visibility::Agents, "Thanks")]));
    assert_eq!(
        status(&state, 2),
        OpStatus::Done,
        "agents-only goes to agents-only"
    );
    assert!(status(&state, 1).is_open());
    // A consultant's message to the customer is copied as agents-only: still theirs.
    state.apply(log_update(vec![text(4, ME, Visibility::Agents, "Thanks")]));
    assert_eq!(status(&state, 1), OpStatus::Done);
}

#[test]
fn a_message_cut_by_the_channel_is_settled_by_its_start() {
    let mut state = chatting();
    let long = "Your order ".repeat(30);
    send(&mut state, 1, &long, 0.0);
    accepted(&mut state, 1);
    state.apply(log_update(vec![text(1, ME, Visibility::All, &long[..160])]));
    assert_eq!(status(&state, 1), OpStatus::Done);
}

#[test]
fn an_accepted_message_never_copied_ends_sent_not_confirmed_and_a_late_copy_settles_it() {
    let mut state = chatting();
    send(&mut state, 1, "Still there?", 1_000.0);
    accepted(&mut state, 1);
    let wait = wait_ms(&OperationRequest::SendMessage {
        text: String::new(),
    });
    assert!(!state.apply(Action::Tick(1_000.0 + wait - 1.0)));
    assert!(state.apply(Action::Tick(1_000.0 + wait)));
    assert_eq!(
        status(&state, 1),
        OpStatus::Unconfirmed(crate::i18n::Msg::NotConfirmed.into())
    );
    assert_eq!(unsettled(&state).len(), 1, "still shown, with what it says");
    assert_eq!(state.availability(AgentAction::SendMessage), Ok(()));
    state.apply(log_update(vec![text(
        1,
        ME,
        Visibility::All,
        "Still there?",
    )]));
    assert_eq!(status(&state, 1), OpStatus::Done);
}

#[test]
fn a_message_with_no_answer_fails_and_its_copy_from_a_later_read_still_settles_it() {
    let mut state = chatting();
    send(&mut state, 1, "Are you there?", 0.0);
    state.apply(Action::Tick(60_000.0));
    let op = state.operations().get(OpId(1)).unwrap();
    assert!(matches!(op.status, OpStatus::Failed(_)));
    assert!(op.uncertain(), "it may have reached GWS");
    // The re-read after reconnecting brings its copy: it was sent after all.
    state.apply(Action::MessagesLoaded(vec![text(
        1,
        ME,
        Visibility::All,
        "Are you there?",
    )]));
    assert_eq!(status(&state, 1), OpStatus::Done);
}

#[test]
fn a_refused_message_is_not_settled_by_an_equal_text() {
    let mut state = chatting();
    send(&mut state, 1, "ok", 0.0);
    state.apply(Action::Answered {
        id: OpId(1),
        response: OperationResponse::error(StatusCode::InvalidForState, "Not now"),
    });
    state.apply(log_update(vec![text(1, ME, Visibility::All, "ok")]));
    assert_eq!(status(&state, 1), OpStatus::Failed("Not now".into()));
}

#[test]
fn a_retried_message_keeps_its_place_and_an_edited_one_leaves() {
    let mut state = chatting();
    state.apply(Action::MessagesLoaded(vec![text(
        1,
        "C1",
        Visibility::All,
        "Hi",
    )]));
    send(&mut state, 1, "first", 0.0);
    send(&mut state, 2, "second", 1.0);
    state.apply(Action::RequestFailed {
        id: OpId(1),
        error: "offline".into(),
    });
    state.apply(log_update(vec![text(2, "C1", Visibility::All, "Hello?")]));
    assert!(state.apply(Action::Retried {
        failed: OpId(1),
        id: OpId(3),
    }));
    let op = state.operations().get(OpId(3)).unwrap();
    assert_eq!(op.status, OpStatus::Sending);
    assert_eq!(op.after(), 1, "after the entry it followed when written");
    assert_eq!(
        unsettled(&state),
        [(3, "first".into()), (2, "second".into())]
    );
    assert!(!state.apply(Action::Retried {
        failed: OpId(1),
        id: OpId(4),
    }));
    state.apply(Action::RequestFailed {
        id: OpId(3),
        error: "offline".into(),
    });
    assert!(
        !state.apply(Action::Withdrawn(OpId(2))),
        "an open one stays"
    );
    assert!(state.apply(Action::Withdrawn(OpId(3))));
    assert_eq!(unsettled(&state), [(2, "second".into())]);
}

#[test]
fn a_consult_nobody_answers_says_so_and_can_still_be_cancelled() {
    let mut state = chatting();
    let consult = OperationRequest::Consult {
        target: Target::Uri("http://gws/api/v2/users/2".into()),
    };
    let wait = wait_ms(&consult);
    state.apply(Action::Requested {
        id: OpId(1),
        request: consult,
        at: 0.0,
    });
    accepted(&mut state, 1);
    state.apply(Action::Tick(wait));
    let OpStatus::Unconfirmed(words) = status(&state, 1) else {
        panic!("the wait is over: {:?}", status(&state, 1));
    };
    assert!(
        words.to_string().contains("No answer to the consultation"),
        "{words}"
    );
    assert_eq!(state.availability(AgentAction::CancelConsult), Ok(()));
    assert_eq!(state.availability(AgentAction::Consult), Ok(()));
    state.apply(Action::Requested {
        id: OpId(2),
        request: OperationRequest::CancelConsult,
        at: wait + 1.0,
    });
    accepted(&mut state, 2);
    assert_eq!(status(&state, 2), OpStatus::Done);
    assert!(matches!(status(&state, 1), OpStatus::Failed(_)));
    assert_eq!(
        state.availability(AgentAction::CancelConsult),
        Err(Unavailable::NoPendingConsult)
    );
}

#[test]
fn no_operation_stays_in_progress_and_a_long_session_keeps_a_bounded_set() {
    let mut state = chatting();
    let mut at = 0.0;
    for id in 1..=2_000u64 {
        at += 500.0;
        let request = match id % 4 {
            0 => OperationRequest::SendMessage {
                text: format!("message {id}"),
            },
            1 => OperationRequest::SendStartTypingNotification,
            2 => OperationRequest::SetDisposition {
                disposition: format!("d{id}"),
                disposition_key: None,
            },
            _ => OperationRequest::Consult {
                target: Target::Uri("http://gws/api/v2/users/2".into()),
            },
        };
        state.apply(Action::Requested {
            id: OpId(id),
            request,
            at,
        });
        state.apply(Action::Posted { id: OpId(id), at });
        // Half the answers never come; none of the outcomes do.
        if id % 2 == 0 {
            accepted(&mut state, id);
        }
        state.apply(Action::Tick(at));
    }
    state.apply(Action::Tick(at + 60_000.0));
    let ops = state.operations();
    assert!(ops.iter().all(|op| !op.status.is_open()), "nothing waits");
    let kept = ops.iter().count();
    assert!(kept <= 64 + 50, "kept {kept} of 2,000");
}

#[test]
fn a_message_waiting_in_the_outbox_waits_from_its_post_not_from_the_keypress() {
    let mut state = chatting();
    let wait = wait_ms(&OperationRequest::SendMessage {
        text: String::new(),
    });
    send(&mut state, 1, "One moment", 0.0);
    // Written at once after it, held in the outbox until the first is answered.
    state.apply(Action::Requested {
        id: OpId(2),
        request: OperationRequest::SendMessage {
            text: "Checking now".into(),
        },
        at: 0.0,
    });
    state.apply(Action::Tick(wait + 1.0));
    assert!(matches!(status(&state, 1), OpStatus::Failed(_)));
    assert_eq!(status(&state, 2), OpStatus::Sending, "not posted yet");
    let posted = wait + 5_000.0;
    assert!(state.apply(Action::Posted {
        id: OpId(2),
        at: posted
    }));
    assert!(!state.apply(Action::Tick(posted + wait - 1.0)));
    assert!(state.apply(Action::Tick(posted + wait)));
    assert!(matches!(status(&state, 2), OpStatus::Failed(_)));
    assert!(
        !state.apply(Action::Posted {
            id: OpId(2),
            at: 0.0
        }),
        "a wait begins once"
    );
}
