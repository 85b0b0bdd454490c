//! The field profile, part by part, through the real server on 127.0.0.1:0: latency on
//! the answers, notifications before or after the answer, `referenceId` only where the
//! documentation's samples show one, no resource `path`, the echo normalised, and
//! message indexes that skip numbers no read ever fills.

mod common;

use std::time::{Duration, Instant};

use common::*;
use gws_sim::Profile;
use serde_json::{json, Value};

/// Puts the profile parts in `body` in force; the profile the simulator answers.
async fn set_profile(base: &str, body: Value) -> Value {
    let (status, answer) = control(base, "/sim/v1/profile", body).await;
    assert_eq!(status, 200, "{answer}");
    answer["profile"].clone()
}

/// An operation's HTTP status, answer and how long the answer took.
async fn timed_operation(agent: &AgentClient, id: &str, body: Value) -> (u16, Value, Duration) {
    let started = Instant::now();
    let (status, answer) = agent
        .post(&format!("/api/v2/me/smssessions/{id}"), &body.to_string())
        .await;
    (status, answer, started.elapsed())
}

/// agent1, subscribed, chatting in a new session whose opening text is `text`, every
/// notification of the Accept collected. The session id.
async fn chatting(base: &str, text: &str) -> (AgentClient, String) {
    let mut agent = AgentClient::sign_in(base, "agent1").await;
    agent.subscribe().await;
    let id = start_session(base, "agent1", text).await;
    agent.collect(|n| !n.is_empty()).await;
    let (status, answer, _) = timed_operation(
        &agent,
        &id,
        json!({"operationName": "Accept", "nickname": "Anna"}),
    )
    .await;
    assert_eq!((status, answer["statusCode"].clone()), (200, json!(0)));
    agent
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    (agent, id)
}

/// Connects until a `NewMessages` arrives: it, and when it arrived.
async fn next_log_update(agent: &AgentClient) -> (Value, Instant) {
    let notes = agent
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    let update = of_type(&notes, "NewMessages")[0].clone();
    (update, Instant::now())
}

/// Sends `text` with SendMessage while a long-poll waits: the answer and when it
/// arrived, the log update and when it arrived.
async fn send_and_watch(
    agent: &AgentClient,
    id: &str,
    text: &str,
) -> ((Value, Instant), (Value, Instant)) {
    let send = async {
        let (status, answer, _) = timed_operation(
            agent,
            id,
            json!({"operationName": "SendMessage", "text": text}),
        )
        .await;
        assert_eq!((status, answer["statusCode"].clone()), (200, json!(0)));
        (answer, Instant::now())
    };
    tokio::join!(send, next_log_update(agent))
}

fn log_entries(answer: &Value) -> Vec<Value> {
    answer["messages"].as_array().cloned().unwrap_or_default()
}

fn indexes(entries: &[Value]) -> Vec<u64> {
    entries.iter().filter_map(|m| m["index"].as_u64()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_field_preset_and_its_parts_through_the_control_api() {
    let sim = server().await;
    let base = sim.url();
    let field = set_profile(&base, json!({"preset": "field", "seed": 77})).await;
    assert_eq!(
        field,
        serde_json::to_value(Profile::field(77)).expect("json")
    );
    assert_eq!(field["latencyMs"], 400);
    let changed = set_profile(&base, json!({"latencyMs": 40})).await;
    assert_eq!(changed["latencyMs"], 40);
    assert_eq!(changed["referenceIds"], "documented");
    let (status, read) = control_get(&base, "/sim/v1/profile").await;
    assert_eq!((status, read["profile"].clone()), (200, changed));
    for bad in [
        json!({"latency": 1}),
        json!({"echoText": "loud"}),
        json!([]),
    ] {
        let (status, answer) = control(&base, "/sim/v1/profile", bad).await;
        assert_eq!(status, 400, "{answer}");
    }
    let back = set_profile(&base, json!({"preset": "loopback"})).await;
    assert_eq!(
        back,
        serde_json::to_value(Profile::loopback(77)).expect("json")
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_rest_answer_waits_the_latency_and_the_echo_comes_first() {
    let sim = server().await;
    let base = sim.url();
    let (agent, id) = chatting(&base, "Hi").await;
    set_profile(&base, json!({"latencyMs": 400})).await;

    let started = Instant::now();
    let (status, _) = agent.get(&format!("/api/v2/me/smssessions/{id}")).await;
    let read = started.elapsed();
    assert_eq!(status, 200);
    let ((_, answered), (echo, echoed)) = send_and_watch(&agent, &id, "First reply").await;
    let operation = answered.duration_since(started) - read;
    println!(
        "latency 400 ms: GET answered after {} ms, SendMessage after {} ms; the echo came {} ms before the answer",
        read.as_millis(),
        operation.as_millis(),
        answered.duration_since(echoed).as_millis()
    );
    assert!(read >= Duration::from_millis(400), "{read:?}");
    assert!(operation >= Duration::from_millis(400), "{operation:?}");
    assert_eq!(echo["messages"][0]["text"], "First reply");
    // Without a notification delay the log update is published as the operation runs,
    // while its answer still travels: the echo arrives first.
    assert!(echoed < answered, "the echo arrived after the answer");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_follow_the_answer_by_the_delay() {
    let sim = server().await;
    let base = sim.url();
    let (agent, id) = chatting(&base, "Hi").await;
    set_profile(&base, json!({"latencyMs": 150, "notificationDelayMs": 300})).await;
    let sent = Instant::now();
    let ((_, answered), (echo, echoed)) = send_and_watch(&agent, &id, "Late echo").await;
    let gap = echoed.duration_since(answered);
    println!(
        "latency 150 ms, notification delay 300 ms: the answer came after {} ms, the echo {} ms after the answer",
        answered.duration_since(sent).as_millis(),
        gap.as_millis()
    );
    // Released 300 ms after the answer left the server, which is 150 ms after the
    // operation ran.
    assert!(echoed.duration_since(sent) >= Duration::from_millis(450));
    // Measured at the client, the gap also holds the answer's own way from the server's
    // handler through both HTTP stacks, which the server cannot wait for: 0-4 ms here,
    // more on a loaded machine.
    assert!(gap >= Duration::from_millis(280), "{gap:?}");
    assert_eq!(echo["messages"][0]["text"], "Late echo");

    // Notifications nobody's operation caused wait for the delay too, and keep their
    // order behind those still waiting for an answer.
    let (status, _) = control(
        &base,
        &format!("/sim/v1/sessions/{id}/customer-messages"),
        json!({"text": "From the phone"}),
    )
    .await;
    assert_eq!(status, 204);
    let sent = timed_operation(
        &agent,
        &id,
        json!({"operationName": "SendMessage", "text": "Right after"}),
    );
    let gathered = agent.collect(|n| of_type(n, "NewMessages").len() >= 2);
    let (_, notes) = tokio::join!(sent, gathered);
    let texts: Vec<_> = of_type(&notes, "NewMessages")
        .iter()
        .map(|n| n["messages"][0]["text"].clone())
        .collect();
    assert_eq!(texts, [json!("From the phone"), json!("Right after")]);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reference_ids_and_the_resource_path_only_where_documented() {
    let sim = server().await;
    let base = sim.url();
    set_profile(
        &base,
        json!({"referenceIds": "documented", "resourcePath": false}),
    )
    .await;
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    let id = start_session(&base, "agent1", "Hi").await;
    let offer = agent.collect(|n| !n.is_empty()).await;
    assert!(offer[0]["smssession"].get("path").is_none(), "{}", offer[0]);

    // accept-response: no referenceId; accept-notification-1 (StatusChange) has one,
    // accept-notification-2 (ParticipantsUpdated) has none.
    let (_, answer, _) = timed_operation(
        &agent,
        &id,
        json!({"operationName": "Accept", "nickname": "Anna"}),
    )
    .await;
    assert_eq!(answer, json!({"statusCode": 0}));
    let accepted = agent
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    assert!(of_type(&accepted, "StatusChange")[0]["referenceId"].is_u64());
    for quiet in ["ParticipantsUpdated", "NewMessages"] {
        assert!(
            of_type(&accepted, quiet)[0].get("referenceId").is_none(),
            "{quiet}"
        );
    }

    // sendmessage-response and sendmessage-notification-1: none on either.
    let (_, answer, _) = timed_operation(
        &agent,
        &id,
        json!({"operationName": "SendMessage", "text": "Hello"}),
    )
    .await;
    assert_eq!(answer, json!({"statusCode": 0}));
    let (echo, _) = next_log_update(&agent).await;
    assert!(echo.get("referenceId").is_none(), "{echo}");
    assert_eq!(echo["messages"][0]["text"], "Hello");

    // consult-response has one; consult-notification-1/-2 have none.
    let uri = target_uri(&base, "agent2").await;
    let (_, answer, _) = timed_operation(
        &agent,
        &id,
        json!({"operationName": "Consult", "targetUri": uri}),
    )
    .await;
    assert!(answer["referenceId"].is_u64(), "{answer}");
    let joined = agent
        .collect(|n| !of_type(n, "NewMessages").is_empty())
        .await;
    assert!(joined.iter().all(|n| n.get("referenceId").is_none()));
    assert!(joined.iter().all(|n| n["smssession"].get("path").is_none()));

    // setdisposition-notification-1 has one, the answer none.
    let (_, answer, _) = timed_operation(
        &agent,
        &id,
        json!({"operationName": "SetDisposition", "disposition": "Done"}),
    )
    .await;
    assert_eq!(answer, json!({"statusCode": 0}));
    let updated = agent.collect(|n| !n.is_empty()).await;
    assert!(of_type(&updated, "PropertiesUpdated")[0]["referenceId"].is_u64());

    let (_, read) = agent.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert!(read["smssession"]["id"].is_string());
    assert!(read["smssession"].get("path").is_none(), "{read}");
    let (_, list) = agent.get("/api/v2/me/smssessions?fields=*").await;
    assert!(list["smssessions"][0].get("path").is_none(), "{list}");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_echo_is_normalised_and_may_be_cut() {
    let sim = server().await;
    let base = sim.url();
    let (agent, id) = chatting(&base, "Hi").await;
    set_profile(&base, json!({"echoText": "normalised"})).await;
    let sent = "  Line one\r\nline   two\t\n ";
    let ((_, _), (echo, _)) = send_and_watch(&agent, &id, sent).await;
    assert_eq!(echo["messages"][0]["text"], "Line one line two");
    let (_, log) = agent
        .get(&format!("/api/v2/me/smssessions/{id}/messages"))
        .await;
    let last = log_entries(&log).last().cloned().unwrap_or_default();
    assert_eq!(last["text"], "Line one line two");
    let (_, transcript) =
        control_get(&base, &format!("/sim/v1/sessions/{id}/customer-transcript")).await;
    assert!(log_entries(&transcript)
        .iter()
        .any(|m| m["text"] == "Line one line two"));

    set_profile(&base, json!({"maxTextChars": 8})).await;
    let ((_, _), (echo, _)) = send_and_watch(&agent, &id, " Ça   va très bien ").await;
    assert_eq!(echo["messages"][0]["text"], "Ça va tr");
    // The customer's own texts come as the phone sent them.
    set_profile(&base, json!({"maxTextChars": 0})).await;
    control(
        &base,
        &format!("/sim/v1/sessions/{id}/customer-messages"),
        json!({"text": "as  typed "}),
    )
    .await;
    let (from_phone, _) = next_log_update(&agent).await;
    assert_eq!(from_phone["messages"][0]["text"], "as  typed ");
    sim.shutdown().await;
}

/// The customer texts `n` times; every log update agent1 receives for them.
async fn customer_burst(base: &str, agent: &AgentClient, id: &str, n: usize) -> Vec<Value> {
    for k in 0..n {
        let (status, _) = control(
            base,
            &format!("/sim/v1/sessions/{id}/customer-messages"),
            json!({"text": format!("text {k}")}),
        )
        .await;
        assert_eq!(status, 204);
    }
    let notes = agent
        .collect(|notes| {
            of_type(notes, "NewMessages")
                .iter()
                .map(|n| log_entries(n).len())
                .sum::<usize>()
                >= n
        })
        .await;
    of_type(&notes, "NewMessages")
        .iter()
        .flat_map(|n| log_entries(n))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skipped_indexes_are_never_filled_and_the_seed_replays_them() {
    let mut runs = Vec::new();
    for _ in 0..2 {
        let sim = server_with(|config| {
            config.profile.index_gaps_every = 3;
            config.profile.seed = 2026;
        })
        .await;
        let base = sim.url();
        let (agent, id) = chatting(&base, "Hi").await;
        let notified = customer_burst(&base, &agent, &id, 40).await;
        let (_, log) = agent
            .get(&format!("/api/v2/me/smssessions/{id}/messages"))
            .await;
        let log = indexes(&log_entries(&log));
        assert!(log.windows(2).all(|w| w[0] < w[1]), "{log:?}");
        assert_eq!(log[0], 1, "the log starts at 1, as the Accept history does");
        assert!(log.ends_with(&indexes(&notified)), "{log:?}");
        let skipped: Vec<u64> = (1..*log.last().unwrap_or(&1))
            .filter(|i| !log.contains(i))
            .collect();
        assert!(skipped.len() >= 5, "few gaps: {log:?}");
        for gap in &skipped {
            let (status, from) = agent
                .get(&format!(
                    "/api/v2/me/smssessions/{id}/messages?startIndex={gap}&count=2"
                ))
                .await;
            assert_eq!(status, 200);
            let read = indexes(&log_entries(&from));
            assert!(!read.contains(gap), "index {gap} was filled: {read:?}");
            assert_eq!(read.first(), log.iter().find(|i| *i > gap));
        }
        println!(
            "seed 2026, a gap about every 3rd entry: {} of {} indexes skipped: {skipped:?}",
            skipped.len(),
            log.last().unwrap_or(&0)
        );
        runs.push(log);
        sim.shutdown().await;
    }
    assert_eq!(runs[0], runs[1], "the same seed skips the same indexes");
}
