//! Every operation's success and failure paths, and the visibility rule.

use gws_types::{
    Capability, Message, MessageType, Notification, NotificationType, OperationRequest,
    SessionStatus, SmsSession, UserValue, Visibility,
};
use serde_json::json;

use super::{Accepted, ControlError, Engine, NotFound, Outbound};
use crate::directory::Directory;

const T0: i64 = 1_389_039_246_007;

fn engine() -> Engine {
    Engine::new(
        Directory::with_agents("http://sim.test", 4),
        Box::new(|| T0),
    )
}

fn target(engine: &Engine, username: &str) -> String {
    let id = engine
        .directory()
        .agent(username)
        .map(|a| a.id.clone())
        .unwrap_or_default();
    engine.directory().contact_uri(&id)
}

fn queue_uri(engine: &Engine) -> String {
    engine
        .directory()
        .contact_uri(&engine.directory().queues()[0].id)
}

fn op(engine: &mut Engine, user: &str, id: &str, body: serde_json::Value) -> Accepted {
    let operation = OperationRequest::from_value(body).expect("valid operation");
    engine
        .operate(user, id, operation, None)
        .expect("session visible to the user")
}

fn to(out: &[Outbound], user: &str) -> Vec<Notification> {
    out.iter()
        .filter_map(|o| match o {
            Outbound::Agent {
                username,
                notification,
            } if username == user => Some(notification.clone()),
            _ => None,
        })
        .collect()
}

fn kinds(notes: &[Notification]) -> Vec<NotificationType> {
    notes.iter().map(|n| n.notification_type.clone()).collect()
}

fn state(view: &Option<SmsSession>) -> Option<SessionStatus> {
    view.as_ref().and_then(|v| v.state.clone())
}

fn caps(view: &SmsSession) -> Vec<Capability> {
    view.capabilities.clone().unwrap_or_default()
}

fn messages(note: &Notification) -> Vec<Message> {
    note.messages.clone().unwrap_or_default()
}

/// A session agent1 has accepted.
fn chatting(engine: &mut Engine) -> String {
    let (id, _) = engine
        .start_session("agent1", "FirstL", "Hi")
        .expect("agent1 exists");
    op(
        engine,
        "agent1",
        &id,
        json!({"operationName": "Accept", "nickname": "Anna"}),
    );
    id
}

/// agent1 consulting agent2, who accepted.
fn consulting(engine: &mut Engine) -> String {
    let id = chatting(engine);
    let uri = target(engine, "agent2");
    op(
        engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetUri": uri}),
    );
    engine.auto_accept(&id, "agent2");
    id
}

fn assert_error(out: &[Outbound], user: &str, reference_id: u64) -> String {
    let notes = to(out, user);
    assert_eq!(kinds(&notes), [NotificationType::Error], "{notes:?}");
    assert_eq!(notes[0].reference_id, Some(reference_id));
    notes[0].error_message.clone().unwrap_or_default()
}

#[test]
fn a_new_session_is_offered_as_invited_with_accept_and_reject() {
    let mut engine = engine();
    let (id, out) = engine
        .start_session("agent1", "FirstL", "Hello")
        .expect("agent1 exists");
    let notes = to(&out, "agent1");
    assert_eq!(kinds(&notes), [NotificationType::StatusChange]);
    let view = notes[0].smssession.clone().unwrap_or_default();
    assert_eq!(view.state, Some(SessionStatus::Invited));
    assert_eq!(caps(&view), [Capability::Accept, Capability::Reject]);
    assert_eq!(view.id.as_deref(), Some(id.as_str()));
    assert_eq!(
        view.uri,
        Some(format!("http://sim.test/api/v2/smssessions/{id}"))
    );
    assert_eq!(
        engine.start_session("nobody", "x", "y"),
        Err(ControlError::UnknownAgent("nobody".into()))
    );
}

#[test]
fn accept_sends_state_then_participants_then_the_whole_history() {
    let mut engine = engine();
    let (id, _) = engine
        .start_session("agent1", "FirstL", "Hello")
        .expect("agent1 exists");
    let accepted = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Accept", "nickname": "Anna"}),
    );
    let notes = to(&accepted.outbound, "agent1");
    assert_eq!(
        kinds(&notes),
        [
            NotificationType::StatusChange,
            NotificationType::ParticipantsUpdated,
            NotificationType::NewMessages
        ]
    );
    assert!(notes
        .iter()
        .all(|n| n.reference_id == Some(accepted.reference_id)));
    let status = notes[0].smssession.clone().unwrap_or_default();
    assert_eq!(status.state, Some(SessionStatus::Chatting));
    assert_eq!(status.participants, Some(vec![]));
    assert!(caps(&status).contains(&Capability::Consult));
    assert!(!caps(&status).contains(&Capability::SendToAgents));
    let people = notes[1]
        .smssession
        .clone()
        .unwrap_or_default()
        .participants
        .unwrap_or_default();
    let nicknames: Vec<_> = people.iter().filter_map(|p| p.nickname.clone()).collect();
    assert_eq!(nicknames, ["Anna", "FirstL"]);
    let history = messages(&notes[2]);
    let indexes: Vec<_> = history.iter().map(|m| m.index).collect();
    assert_eq!(indexes, [1, 2, 3]);
    assert_eq!(history[1].text.as_deref(), Some("Hello"));
    assert_eq!(history[2].kind, MessageType::ParticipantJoined);
    assert_eq!(
        history[2].timestamp.as_deref(),
        Some("2014-01-06 20:14:06.007+0000")
    );
    assert_eq!(history[2].timestamp_seconds, Some(T0));
    let transcript = engine.customer_transcript(&id).unwrap_or_default();
    assert_eq!(
        transcript.len(),
        1,
        "the customer hears that the agent joined, not their own texts"
    );
}

#[test]
fn reject_completes_with_no_participants() {
    let mut engine = engine();
    let (id, _) = engine
        .start_session("agent1", "FirstL", "Hello")
        .expect("agent1 exists");
    let rejected = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Reject"}),
    );
    let notes = to(&rejected.outbound, "agent1");
    let view = notes[0].smssession.clone().unwrap_or_default();
    assert_eq!(view.state, Some(SessionStatus::Completed));
    assert_eq!(view.participants, Some(vec![]));
    assert!(engine.sessions("agent1").is_empty());
}

#[test]
fn send_message_echoes_to_the_sender_and_reaches_the_customer() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let sent = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendMessage", "text": "How can I help?"}),
    );
    let notes = to(&sent.outbound, "agent1");
    assert_eq!(kinds(&notes), [NotificationType::NewMessages]);
    assert_eq!(notes[0].reference_id, Some(sent.reference_id));
    assert_eq!(
        notes[0].smssession_uri,
        Some(format!("http://sim.test/api/v2/smssessions/{id}"))
    );
    let message = &messages(&notes[0])[0];
    assert_eq!(
        (message.index, message.visibility.clone()),
        (4, Some(Visibility::All))
    );
    assert!(sent
        .outbound
        .iter()
        .any(|o| matches!(o, Outbound::Customer { .. })));
    let customer = engine
        .customer_message(&id, "My order")
        .expect("customer present");
    assert_eq!(messages(&to(&customer, "agent1")[0])[0].index, 5);
}

#[test]
fn typing_url_and_notices_are_log_entries_with_their_own_index() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    for body in [
        json!({"operationName": "SendStartTypingNotification"}),
        json!({"operationName": "SendStopTypingNotification"}),
        json!({"operationName": "SendUrl", "url": "https://example.com"}),
        json!({"operationName": "SendCustomNotice", "noticeText": "Back soon"}),
    ] {
        op(&mut engine, "agent1", &id, body);
    }
    let log = engine.messages("agent1", &id, 4, None).unwrap_or_default();
    let kinds: Vec<_> = log.iter().map(|m| (m.index, m.kind.clone())).collect();
    assert_eq!(
        kinds,
        [
            (4, MessageType::TypingStarted),
            (5, MessageType::TypingStopped),
            (6, MessageType::PushUrl),
            (7, MessageType::CustomNotice)
        ]
    );
    assert_eq!(log[2].url.as_deref(), Some("https://example.com"));
    assert_eq!(log[3].notice_text.as_deref(), Some("Back soon"));
    assert_eq!(
        engine.messages("agent1", &id, 2, Some(2)).map(|m| m.len()),
        Some(2)
    );
    assert_eq!(
        engine.messages("agent2", &id, 1, None),
        None,
        "agent2 takes no part"
    );
}

#[test]
fn consult_offers_the_session_and_the_consultant_joins_for_agents_only() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let uri = target(&engine, "agent2");
    let asked = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetUri": uri}),
    );
    assert!(
        to(&asked.outbound, "agent1").is_empty(),
        "the originator hears only once it is accepted"
    );
    let offer = to(&asked.outbound, "agent2");
    let offered = offer[0].smssession.clone().unwrap_or_default();
    assert_eq!(offered.state, Some(SessionStatus::Invited));
    assert_eq!(caps(&offered), [Capability::Accept, Capability::Reject]);
    assert!(asked.outbound.contains(&Outbound::Offered {
        session_id: id.clone(),
        username: "agent2".into()
    }));

    let joined = engine.auto_accept(&id, "agent2");
    let originator = to(&joined, "agent1");
    assert_eq!(
        kinds(&originator),
        [
            NotificationType::ParticipantsUpdated,
            NotificationType::NewMessages
        ]
    );
    assert!(originator
        .iter()
        .all(|n| n.reference_id == Some(asked.reference_id)));
    let view = originator[0].smssession.clone().unwrap_or_default();
    assert_eq!(view.participants.as_ref().map(|p| p.len()), Some(3));
    for capability in [
        Capability::SendToAgents,
        Capability::SendStartTypingToAgentsNotification,
        Capability::SendStopTypingToAgentsNotification,
    ] {
        assert!(caps(&view).contains(&capability), "{capability}");
    }
    let entry = &messages(&originator[1])[0];
    assert_eq!(
        (entry.kind.clone(), entry.visibility.clone()),
        (MessageType::ParticipantJoined, Some(Visibility::Agents))
    );
    assert_eq!(
        entry.from.as_ref().and_then(|f| f.nickname.as_deref()),
        Some("Ben")
    );
    let consultant = to(&joined, "agent2");
    assert_eq!(
        kinds(&consultant),
        [
            NotificationType::StatusChange,
            NotificationType::ParticipantsUpdated,
            NotificationType::NewMessages
        ]
    );
    assert!(!caps(&consultant[1].smssession.clone().unwrap_or_default())
        .contains(&Capability::Transfer));
    assert!(!joined
        .iter()
        .any(|o| matches!(o, Outbound::Customer { .. })));

    let reply = op(
        &mut engine,
        "agent2",
        &id,
        json!({"operationName": "SendMessage", "text": "I can help"}),
    );
    let seen = to(&reply.outbound, "agent1");
    assert_eq!(
        messages(&seen[0])[0].visibility,
        Some(Visibility::Agents),
        "a consultant's reply is agents-only"
    );
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendToAgents", "text": "thanks"}),
    );
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendStartTypingToAgentsNotification"}),
    );
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendStopTypingToAgentNotification"}),
    );
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendCustomNoticeToAgents", "noticeText": "n"}),
    );
    let simulated = engine
        .agent_message(&id, "agent2", "simulated reply")
        .unwrap_or_default();
    assert_eq!(
        messages(&to(&simulated, "agent1")[0])[0].visibility,
        Some(Visibility::Agents)
    );
    assert!(engine
        .customer_transcript(&id)
        .unwrap_or_default()
        .iter()
        .all(|m| m.visibility == Some(Visibility::All)));
    assert_eq!(engine.customer_transcript(&id).map(|t| t.len()), Some(1));
}

#[test]
fn a_real_agent_accepts_or_declines_a_consultation_itself() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let uri = target(&engine, "agent2");
    let asked = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetPath": uri}),
    );
    let declined = op(
        &mut engine,
        "agent2",
        &id,
        json!({"operationName": "Reject"}),
    );
    assert!(assert_error(&declined.outbound, "agent1", asked.reference_id).contains("declined"));
    assert_eq!(
        state(&engine.session("agent2", &id)),
        Some(SessionStatus::Completed)
    );

    let again = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetUri": uri}),
    );
    let accepted = op(
        &mut engine,
        "agent2",
        &id,
        json!({"operationName": "Accept", "nickname": "Benny"}),
    );
    let originator = to(&accepted.outbound, "agent1");
    assert_eq!(originator[0].reference_id, Some(again.reference_id));
    assert!(to(&accepted.outbound, "agent2")
        .iter()
        .all(|n| n.reference_id == Some(accepted.reference_id)));
    assert!(
        engine.auto_accept(&id, "agent2").is_empty(),
        "an answered offer is not accepted twice"
    );
}

#[test]
fn consult_failures_are_error_notifications_that_change_nothing() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let before = engine.session("agent1", &id);
    let self_uri = target(&engine, "agent1");
    let not_ready = target(&engine, "agent4");
    for (uri, expected) in [
        (not_ready.as_str(), "not ready"),
        ("http://sim.test/api/v2/contacts/ffff", "Unknown target"),
        ("nonsense", "Unknown target"),
        (self_uri.as_str(), "themselves"),
    ] {
        let asked = op(
            &mut engine,
            "agent1",
            &id,
            json!({"operationName": "Consult", "targetUri": uri}),
        );
        let message = assert_error(&asked.outbound, "agent1", asked.reference_id);
        assert!(message.contains(expected), "{message}");
        let note = &to(&asked.outbound, "agent1")[0];
        assert_eq!(
            note.smssession, before,
            "the Error carries the unchanged session"
        );
    }
    let uri = target(&engine, "agent2");
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetUri": uri}),
    );
    let third = target(&engine, "agent3");
    let second = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetUri": third}),
    );
    assert!(assert_error(&second.outbound, "agent1", second.reference_id).contains("pending"));
}

#[test]
fn invite_turns_the_consultation_into_a_conference() {
    let mut engine = engine();
    let id = consulting(&mut engine);
    let consultant_id = engine
        .session("agent1", &id)
        .and_then(|v| v.participants)
        .unwrap_or_default()[1]
        .participant_id
        .clone();
    let uri = target(&engine, "agent2");
    let invited = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Invite", "targetUri": uri}),
    );
    let notes = to(&invited.outbound, "agent1");
    assert_eq!(
        kinds(&notes),
        [
            NotificationType::ParticipantsUpdated,
            NotificationType::NewMessages
        ]
    );
    assert_eq!(
        notes[0]
            .smssession
            .clone()
            .unwrap_or_default()
            .participants
            .map(|p| p.len()),
        Some(3),
        "no second participant"
    );
    let entry = &messages(&notes[1])[0];
    assert_eq!(entry.visibility, Some(Visibility::All));
    assert_eq!(
        entry.from.as_ref().map(|f| f.participant_id.clone()),
        Some(consultant_id)
    );
    let reply = engine
        .agent_message(&id, "agent2", "Hello, I am Ben")
        .unwrap_or_default();
    assert_eq!(
        messages(&to(&reply, "agent1")[0])[0].visibility,
        Some(Visibility::All)
    );
    let transcript = engine.customer_transcript(&id).unwrap_or_default();
    assert_eq!(
        transcript.len(),
        3,
        "agent1 joined, agent2 joined, agent2's text"
    );
    let again = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Invite", "userUri": uri}),
    );
    assert!(assert_error(&again.outbound, "agent1", again.reference_id).contains("already"));
}

#[test]
fn invite_of_another_agent_conferences_them_in_directly() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let uri = target(&engine, "agent3");
    let invited = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Invite", "targetUri": uri}),
    );
    let joined = engine.auto_accept(&id, "agent3");
    let notes = to(&joined, "agent1");
    assert_eq!(notes[1].reference_id, Some(invited.reference_id));
    assert_eq!(messages(&notes[1])[0].visibility, Some(Visibility::All));
    assert_eq!(engine.customer_transcript(&id).map(|t| t.len()), Some(2));
}

#[test]
fn transfer_to_the_consultant_hands_the_customer_over() {
    let mut engine = engine();
    let id = consulting(&mut engine);
    let uri = target(&engine, "agent2");
    let moved = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Transfer", "targetUri": uri}),
    );
    let last = to(&moved.outbound, "agent1")
        .pop()
        .and_then(|n| n.smssession);
    assert_eq!(
        last.as_ref().and_then(|v| v.state.clone()),
        Some(SessionStatus::Completed)
    );
    assert_eq!(
        last.and_then(|v| v.capabilities),
        None,
        "Completed is the partial resource"
    );
    let view = engine.session("agent2", &id).unwrap_or_default();
    assert!(
        caps(&view).contains(&Capability::Transfer),
        "the consultant is now the customer's agent"
    );
    let heard: Vec<_> = engine
        .customer_transcript(&id)
        .unwrap_or_default()
        .iter()
        .map(|m| m.kind.clone())
        .collect();
    assert_eq!(
        heard,
        [
            MessageType::ParticipantJoined,
            MessageType::ParticipantJoined,
            MessageType::ParticipantLeft
        ]
    );
}

#[test]
fn transfer_to_a_queue_routes_to_a_ready_agent_and_completes_on_acceptance() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let queue = queue_uri(&engine);
    let moved = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Transfer", "targetUri": queue}),
    );
    assert!(to(&moved.outbound, "agent1").is_empty());
    assert_eq!(
        state(&engine.session("agent2", &id)),
        Some(SessionStatus::Invited)
    );
    let accepted = engine.auto_accept(&id, "agent2");
    let done = to(&accepted, "agent1");
    assert_eq!(
        done.last().and_then(|n| n.reference_id),
        Some(moved.reference_id)
    );
    assert_eq!(
        state(&engine.session("agent1", &id)),
        Some(SessionStatus::Completed)
    );
    assert_eq!(
        state(&engine.session("agent2", &id)),
        Some(SessionStatus::Chatting)
    );
}

#[test]
fn transfer_with_no_one_to_transfer_to_fails() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    engine.directory_mut().set_ready("agent2", false);
    engine.directory_mut().set_ready("agent3", false);
    let queue = queue_uri(&engine);
    let moved = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Transfer", "targetPath": queue}),
    );
    assert!(assert_error(&moved.outbound, "agent1", moved.reference_id).contains("No agent"));
    assert_eq!(
        state(&engine.session("agent1", &id)),
        Some(SessionStatus::Chatting)
    );
}

#[test]
fn cancel_consult_withdraws_the_offer_silently_or_fails_bare() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let failed = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "CancelConsult"}),
    );
    assert_error(&failed.outbound, "agent1", failed.reference_id);
    let bare = &to(&failed.outbound, "agent1")[0];
    assert_eq!(
        (bare.message_type.clone(), bare.smssession.clone()),
        (None, None)
    );

    let uri = target(&engine, "agent2");
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Consult", "targetUri": uri}),
    );
    let cancelled = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "CancelConsult"}),
    );
    assert!(
        to(&cancelled.outbound, "agent1").is_empty(),
        "no notification on success"
    );
    assert_eq!(
        state(&engine.session("agent2", &id)),
        Some(SessionStatus::Completed)
    );
    assert!(engine.auto_accept(&id, "agent2").is_empty());
}

#[test]
fn leave_alone_ends_the_session_for_the_customer_and_keeps_wrap_up() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let left = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Leave"}),
    );
    let view = to(&left.outbound, "agent1")
        .pop()
        .and_then(|n| n.smssession)
        .unwrap_or_default();
    assert_eq!(view.state, Some(SessionStatus::LeftChat));
    assert_eq!(
        caps(&view),
        [
            Capability::Transfer,
            Capability::Complete,
            Capability::Leave,
            Capability::InFocus
        ]
    );
    assert_eq!(
        engine.customer_message(&id, "hello?"),
        Err(ControlError::CustomerGone)
    );
    let last = engine
        .customer_transcript(&id)
        .and_then(|t| t.last().cloned());
    assert_eq!(last.map(|m| m.kind), Some(MessageType::ParticipantLeft));

    let disposed = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SetDisposition", "disposition": "Done"}),
    );
    assert_eq!(
        kinds(&to(&disposed.outbound, "agent1")),
        [NotificationType::PropertiesUpdated]
    );
    let refused = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendMessage", "text": "x"}),
    );
    assert_error(&refused.outbound, "agent1", refused.reference_id);
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Complete"}),
    );
    assert_eq!(
        state(&engine.session("agent1", &id)),
        Some(SessionStatus::Completed)
    );
}

#[test]
fn leave_during_a_consultation_completes_only_the_leaver() {
    let mut engine = engine();
    let id = consulting(&mut engine);
    let left = op(
        &mut engine,
        "agent2",
        &id,
        json!({"operationName": "Leave"}),
    );
    let view = to(&left.outbound, "agent2")[0]
        .smssession
        .clone()
        .unwrap_or_default();
    assert_eq!(view.state, Some(SessionStatus::Completed));
    let others = to(&left.outbound, "agent1");
    assert_eq!(
        kinds(&others),
        [
            NotificationType::ParticipantsUpdated,
            NotificationType::NewMessages
        ]
    );
    let entry = &messages(&others[1])[0];
    assert_eq!(
        (entry.kind.clone(), entry.visibility.clone()),
        (MessageType::ParticipantLeft, Some(Visibility::Agents))
    );
    assert!(!caps(&engine.session("agent1", &id).unwrap_or_default())
        .contains(&Capability::SendToAgents));
    assert_eq!(engine.customer_transcript(&id).map(|t| t.len()), Some(1));
}

#[test]
fn the_originator_leaving_a_consultation_hands_the_customer_to_the_consultant() {
    let mut engine = engine();
    let id = consulting(&mut engine);
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Leave"}),
    );
    assert_eq!(
        state(&engine.session("agent1", &id)),
        Some(SessionStatus::Completed)
    );
    let view = engine.session("agent2", &id).unwrap_or_default();
    assert!(caps(&view).contains(&Capability::Complete));
    assert!(engine.customer_message(&id, "still there?").is_ok());
}

#[test]
fn complete_alone_sends_the_partial_resource() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let done = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Complete", "queueName": "PostProcessing"}),
    );
    let view = to(&done.outbound, "agent1")
        .pop()
        .and_then(|n| n.smssession)
        .unwrap_or_default();
    let json = serde_json::to_value(&view).unwrap_or_default();
    let mut keys: Vec<_> = json
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    assert_eq!(keys, ["id", "path", "state", "uri"]);
    let later = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "LeaveAndComplete"}),
    );
    assert_error(&later.outbound, "agent1", later.reference_id);
}

#[test]
fn disposition_user_data_and_comment_send_the_whole_resource() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let data = |engine: &Engine| {
        engine
            .session("agent1", &id)
            .and_then(|v| v.user_data)
            .unwrap_or_default()
    };
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SetDisposition", "disposition": "IssueResolved"}),
    );
    assert_eq!(
        data(&engine).get("DispositionCode"),
        Some(&UserValue::from("IssueResolved"))
    );
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SetDisposition", "disposition": "X", "dispositionKey": "DISP_KEY"}),
    );
    assert_eq!(data(&engine).get("DISP_KEY"), Some(&UserValue::from("X")));
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "AttachUserData", "userData": {"a": 1, "b": null}}),
    );
    let updated = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "UpdateUserData", "userData": {"a": 2}}),
    );
    let whole = to(&updated.outbound, "agent1")[0]
        .smssession
        .clone()
        .and_then(|v| v.user_data)
        .unwrap_or_default();
    assert_eq!(whole.get("a"), Some(&UserValue::from(2)));
    assert!(whole.contains_key("ServiceType"), "routing keys come along");
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "DeleteUserData", "keys": ["a", "b", "missing"]}),
    );
    assert!(!data(&engine).contains_key("a") && !data(&engine).contains_key("b"));
    let commented = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "AddComment", "comment": "VIP"}),
    );
    let note = &to(&commented.outbound, "agent1")[0];
    assert_eq!(note.notification_type, NotificationType::PropertiesUpdated);
    assert_eq!(
        note.smssession.as_ref().and_then(|v| v.comment.as_deref()),
        Some("VIP")
    );
    let focus = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SetInFocus"}),
    );
    assert!(focus.outbound.is_empty());
}

#[test]
fn set_in_focus_is_counted_per_agent_and_session_allowed_or_not() {
    let mut engine = engine();
    let (id, _) = engine
        .start_session("agent1", "FirstL", "Hi")
        .expect("agent1 exists");
    let focus = json!({"operationName": "SetInFocus"});
    let offered = op(&mut engine, "agent1", &id, focus.clone());
    assert_error(&offered.outbound, "agent1", offered.reference_id);
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Accept", "nickname": "Anna"}),
    );
    let view = engine.session("agent1", &id).expect("visible");
    assert!(caps(&view).contains(&Capability::SetInFocus), "{view:?}");
    for _ in 0..2 {
        let allowed = op(&mut engine, "agent1", &id, focus.clone());
        assert!(allowed.outbound.is_empty(), "{:?}", allowed.outbound);
    }
    let counts = engine.focus_counts(&id).expect("the session exists");
    assert_eq!(counts.get("agent1"), Some(&3));
    assert_eq!(counts.len(), 1, "nobody else sent one");

    let other = consulting(&mut engine);
    let view = engine.session("agent2", &other).expect("visible");
    assert!(caps(&view).contains(&Capability::SetInFocus), "{view:?}");
    op(&mut engine, "agent2", &other, focus.clone());
    assert_eq!(
        engine.operate("agent3", &other, OperationRequest::SetInFocus, None),
        Err(NotFound)
    );
    let counts = engine.focus_counts(&other).expect("the session exists");
    assert_eq!(
        counts.iter().collect::<Vec<_>>(),
        [(&"agent2".to_owned(), &1)]
    );
    assert_eq!(engine.focus_counts(&id).and_then(|c| c.get("agent2")), None);
    assert!(engine.focus_counts("0000SMFFFFFFFFFF").is_none());
}

#[test]
fn operations_outside_the_capabilities_fail_with_the_state_unchanged() {
    let mut engine = engine();
    let (id, _) = engine
        .start_session("agent1", "FirstL", "Hi")
        .expect("agent1 exists");
    let early = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SendMessage", "text": "x"}),
    );
    assert!(assert_error(&early.outbound, "agent1", early.reference_id).contains("not allowed"));
    assert_eq!(
        state(&engine.session("agent1", &id)),
        Some(SessionStatus::Invited)
    );
    op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Accept", "nickname": "A"}),
    );
    let twice = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "Accept", "nickname": "A"}),
    );
    assert_error(&twice.outbound, "agent1", twice.reference_id);
    let id2 = consulting(&mut engine);
    let uri = target(&engine, "agent3");
    let consultant = op(
        &mut engine,
        "agent2",
        &id2,
        json!({"operationName": "Transfer", "targetUri": uri}),
    );
    assert_error(&consultant.outbound, "agent2", consultant.reference_id);
}

#[test]
fn only_participants_see_or_act_on_a_session() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let send = OperationRequest::SendMessage { text: "x".into() };
    assert_eq!(
        engine.operate("agent3", &id, send.clone(), None),
        Err(NotFound)
    );
    assert_eq!(
        engine.operate("agent1", "0000SMFFFFFFFFFF", send, None),
        Err(NotFound)
    );
    assert_eq!(engine.session("agent3", &id), None);
    assert!(engine.sessions("agent3").is_empty());
    assert_eq!(engine.sessions("agent1").len(), 1);
}

#[test]
fn a_forced_failure_reports_its_message_and_changes_nothing() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let before = engine.messages("agent1", &id, 1, None);
    let accepted = engine
        .operate(
            "agent1",
            &id,
            OperationRequest::SendMessage { text: "x".into() },
            Some("Injected".into()),
        )
        .expect("visible");
    assert_eq!(
        assert_error(&accepted.outbound, "agent1", accepted.reference_id),
        "Injected"
    );
    assert_eq!(engine.messages("agent1", &id, 1, None), before);
}

#[test]
fn reference_ids_grow_per_server() {
    let mut engine = engine();
    let id = chatting(&mut engine);
    let a = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SetInFocus"}),
    );
    let b = op(
        &mut engine,
        "agent1",
        &id,
        json!({"operationName": "SetInFocus"}),
    );
    assert!(b.reference_id > a.reference_id);
}

/// Whatever happens, the customer never receives an agents-only entry, and each
/// notification goes only to an agent who has a place in its session.
#[test]
fn nothing_agents_only_ever_reaches_the_customer() {
    let mut engine = engine();
    let id = consulting(&mut engine);
    let mut all = Vec::new();
    let agent3 = target(&engine, "agent3");
    let agent2 = target(&engine, "agent2");
    for (user, body) in [
        (
            "agent2",
            json!({"operationName": "SendMessage", "text": "consultant"}),
        ),
        (
            "agent2",
            json!({"operationName": "SendStartTypingNotification"}),
        ),
        ("agent2", json!({"operationName": "SendUrl", "url": "u"})),
        (
            "agent2",
            json!({"operationName": "SendCustomNotice", "noticeText": "n"}),
        ),
        (
            "agent1",
            json!({"operationName": "SendToAgents", "text": "private"}),
        ),
        (
            "agent1",
            json!({"operationName": "SendCustomNoticeToAgents", "noticeText": "n"}),
        ),
        (
            "agent1",
            json!({"operationName": "SendMessage", "text": "public"}),
        ),
        (
            "agent1",
            json!({"operationName": "Invite", "targetUri": agent3}),
        ),
        (
            "agent3",
            json!({"operationName": "Accept", "nickname": "C"}),
        ),
        (
            "agent3",
            json!({"operationName": "SendToAgents", "text": "p"}),
        ),
        (
            "agent1",
            json!({"operationName": "Invite", "targetUri": agent2}),
        ),
        (
            "agent2",
            json!({"operationName": "SendMessage", "text": "now public"}),
        ),
        ("agent3", json!({"operationName": "Leave"})),
    ] {
        all.extend(op(&mut engine, user, &id, body).outbound);
    }
    for outbound in &all {
        match outbound {
            Outbound::Customer { message, .. } => {
                assert_eq!(message.visibility, Some(Visibility::All))
            }
            Outbound::Agent { username, .. } => assert!(engine.session(username, &id).is_some()),
            Outbound::Offered { .. } => {}
        }
    }
    let heard: Vec<_> = engine
        .customer_transcript(&id)
        .unwrap_or_default()
        .iter()
        .filter_map(|m| m.text.clone())
        .collect();
    assert_eq!(heard, ["public", "now public"]);
}
