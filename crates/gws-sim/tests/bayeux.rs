//! The CometD endpoint and the fault API through the real server.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

fn meta(replies: &[Value]) -> Value {
    replies
        .iter()
        .find(|m| m["channel"] == "/meta/connect")
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handshake_needs_the_session_cookie() {
    let sim = server().await;
    let response = http()
        .post(format!("{}/api/v2/notifications", sim.url()))
        .json(&json!([{"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["long-polling"]}]))
        .send()
        .await
        .expect("POST");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body[0]["successful"], false);
    assert_eq!(body[0]["advice"]["reconnect"], "none");
    let garbage = http()
        .post(format!("{}/api/v2/notifications", sim.url()))
        .body("nope")
        .send()
        .await
        .expect("POST");
    assert_eq!(garbage.status().as_u16(), 400);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_clients_get_402_and_a_new_handshake_works() {
    let sim = server().await;
    let mut agent = AgentClient::sign_in(&sim.url(), "agent1").await;
    agent.client_id = "forgotten".into();
    let replies = agent.connect().await.expect("connect");
    assert_eq!(meta(&replies)["error"], "402::Unknown client");
    assert_eq!(meta(&replies)["advice"]["reconnect"], "handshake");
    agent.subscribe().await;
    start_session(&sim.url(), "agent1", "Hi").await;
    assert_eq!(
        agent.collect(|n| !n.is_empty()).await[0]["notificationType"],
        "StatusChange"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_connect_is_answered_with_advice_when_nothing_comes() {
    let sim = server().await;
    let mut agent = AgentClient::sign_in(&sim.url(), "agent1").await;
    agent.subscribe().await;
    let started = std::time::Instant::now();
    let replies = agent.connect().await.expect("connect");
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "held for the advice timeout"
    );
    assert_eq!(meta(&replies)["successful"], true);
    assert_eq!(meta(&replies)["advice"]["timeout"], 1500);
    assert_eq!(meta(&replies)["advice"]["reconnect"], "retry");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_loses_nothing_between_connects_and_wakes_a_held_connect() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    let id = start_session(&base, "agent1", "Hi").await;
    agent.collect(|n| !n.is_empty()).await;
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    for n in 0..5 {
        control(
            &base,
            &format!("/sim/v1/sessions/{id}/customer-messages"),
            json!({"text": format!("m{n}")}),
        )
        .await;
    }
    let texts = |notes: &[Value]| -> Vec<String> {
        notes
            .iter()
            .flat_map(|n| n["messages"].as_array().cloned().unwrap_or_default())
            .filter_map(|m| m["text"].as_str().map(str::to_owned))
            .collect()
    };
    let notes = agent.collect(|n| texts(n).len() >= 6).await;
    let texts = texts(&notes);
    assert_eq!(texts, ["Hi", "m0", "m1", "m2", "m3", "m4"]);

    let waiting = tokio::spawn(async move {
        let started = std::time::Instant::now();
        let replies = agent.connect().await.expect("connect");
        (started.elapsed(), replies)
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    control(
        &base,
        &format!("/sim/v1/sessions/{id}/customer-messages"),
        json!({"text": "wake"}),
    )
    .await;
    let (_, replies) = waiting.await.expect("task");
    assert!(
        replies
            .iter()
            .any(|m| m["data"]["messages"][0]["text"] == "wake"),
        "{replies:?}"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_long_polls_keep_their_messages_for_the_next_connect() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    let held = {
        let (base, cookie, client_id) =
            (base.clone(), agent.cookie.clone(), agent.client_id.clone());
        tokio::spawn(async move {
            http()
                .post(format!("{base}/api/v2/notifications/connect"))
                .header("cookie", cookie)
                .json(&json!([{"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling"}]))
                .send()
                .await?
                .bytes()
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (_, answer) = control(&base, "/sim/v1/faults", json!({"dropConnections": true})).await;
    assert_eq!(answer["droppedConnections"], 1);
    assert!(
        held.await.expect("task").is_err(),
        "the held long-poll was cut"
    );
    start_session(&base, "agent1", "after the drop").await;
    let notes = agent.collect(|n| !n.is_empty()).await;
    assert_eq!(notes[0]["smssession"]["state"], "Invited");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_clients_must_handshake_again() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    let (_, answer) = control(&base, "/sim/v1/faults", json!({"expireClients": true})).await;
    assert_eq!(answer["expiredClients"], 1);
    assert_eq!(
        meta(&agent.connect().await.expect("connect"))["error"],
        "402::Unknown client"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_clients_expire_after_max_interval() {
    let sim = server_with(|c| c.timing.max_interval = Duration::from_millis(300)).await;
    let mut agent = AgentClient::sign_in(&sim.url(), "agent1").await;
    agent.subscribe().await;
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while sim.sim.bayeux.client_count() > 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the idle client was never forgotten"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        meta(&agent.connect().await.expect("connect"))["error"],
        "402::Unknown client"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paused_notifications_are_delivered_in_order_on_resume() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    control(&base, "/sim/v1/faults", json!({"pauseNotifications": true})).await;
    let id = start_session(&base, "agent1", "Hi").await;
    let replies = agent.connect().await.expect("connect");
    assert!(
        replies.iter().all(|m| m["channel"] != TOPIC),
        "held while paused"
    );
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    let (_, state) = control(
        &base,
        "/sim/v1/faults",
        json!({"pauseNotifications": false}),
    )
    .await;
    assert_eq!(state["faults"]["pauseNotifications"], false);
    let notes = agent.collect(|n| n.len() >= 4).await;
    let kinds: Vec<_> = notes
        .iter()
        .map(|n| n["notificationType"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        [
            "StatusChange",
            "StatusChange",
            "ParticipantsUpdated",
            "NewMessages"
        ]
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delayed_answers_and_a_failing_next_operation() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    let id = start_session(&base, "agent1", "Hi").await;
    agent.collect(|n| !n.is_empty()).await;

    control(&base, "/sim/v1/faults", json!({"delayMs": 400})).await;
    let started = std::time::Instant::now();
    agent.get("/api/v2/me").await;
    assert!(started.elapsed() >= Duration::from_millis(400));
    control(&base, "/sim/v1/faults", json!({"delayMs": 0})).await;

    control(
        &base,
        "/sim/v1/faults",
        json!({"failNextOperation": "Interaction Server unavailable"}),
    )
    .await;
    let reference = agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    let notes = agent.collect(|n| !n.is_empty()).await;
    assert_eq!(notes[0]["notificationType"], "Error");
    assert_eq!(notes[0]["referenceId"], reference);
    assert_eq!(notes[0]["errorMessage"], "Interaction Server unavailable");
    assert_eq!(notes[0]["smssession"]["state"], "Invited", "unchanged");
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;
    let (_, view) = agent.get(&format!("/api/v2/me/smssessions/{id}")).await;
    assert_eq!(
        view["smssession"]["state"], "Chatting",
        "the fault applies once"
    );
    let (status, _) = control(&base, "/sim/v1/faults", json!({"unknownFault": 1})).await;
    assert_eq!(status, 400);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnect_forgets_the_client() {
    let sim = server().await;
    let mut agent = AgentClient::sign_in(&sim.url(), "agent1").await;
    agent.subscribe().await;
    let (_, bye) = agent
        .bayeux(
            "/disconnect",
            json!([{"channel": "/meta/disconnect", "clientId": agent.client_id}]),
        )
        .await
        .expect("disconnect");
    assert_eq!(bye[0]["successful"], true);
    assert_eq!(sim.sim.bayeux.client_count(), 0);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_requests_answer_500_then_recover() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    let (_, state) = control(&base, "/sim/v1/faults", json!({"failRequests": 3})).await;
    assert_eq!(state["faults"]["failRequests"], 3, "{state}");

    let (status, body) = agent.get("/api/v2/me").await;
    assert_eq!(status, 500, "{body}");
    assert_eq!(body["statusCode"], 4, "GWS's internal error: {body}");
    assert!(body["statusMessage"].is_string(), "{body}");
    let (status, _) = agent
        .post(
            "/api/v2/me",
            r#"{"operationName":"StartContactCenterSession"}"#,
        )
        .await;
    assert_eq!(status, 500, "modifying requests fail too");
    let (status, body) = agent
        .bayeux(
            "/connect",
            json!([{"channel": "/meta/connect", "clientId": agent.client_id, "connectionType": "long-polling"}]),
        )
        .await
        .expect("a CometD answer");
    assert_eq!((status, body["statusCode"].clone()), (500, json!(4)));

    let (status, _) = agent.get("/api/v2/me").await;
    assert_eq!(status, 200, "only the next three requests fail");
    assert_eq!(
        sim.sim.bayeux.stats("agent1").clients,
        1,
        "a failed connect does not touch the client"
    );
    let (_, state) = control(&base, "/sim/v1/faults", json!({})).await;
    assert_eq!(state["faults"]["failRequests"], 0);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_control_api_counts_handshakes_and_subscriptions() {
    let sim = server().await;
    let base = sim.url();
    let mut agent = AgentClient::sign_in(&base, "agent1").await;
    agent.subscribe().await;
    control(&base, "/sim/v1/faults", json!({"expireClients": true})).await;
    agent.subscribe().await;
    let (_, stats) = control_get(&base, "/sim/v1/agents/agent1/cometd").await;
    assert_eq!(
        stats,
        json!({"handshakes": 2, "subscribes": 2, "clients": 1})
    );
    let (unknown, _) = control_get(&base, "/sim/v1/agents/nobody/cometd").await;
    assert_eq!(unknown, 404);
    sim.shutdown().await;
}
