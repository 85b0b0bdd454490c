//! Requests whose answer never arrives: the `loseAnswerOf` fault carries the operation
//! out and loses its answer, `dropRequestOf` loses the request itself. Either way the
//! caller sees HTTP 502 and cannot tell which happened; only the log can.

mod common;

use common::*;
use serde_json::{json, Value};

/// The texts of the session's log as agent1 reads it.
async fn log_texts(agent: &AgentClient, id: &str) -> Vec<String> {
    let (_, answer) = agent
        .get(&format!("/api/v2/me/smssessions/{id}/messages"))
        .await;
    answer["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str().map(str::to_owned))
        .collect()
}

async fn send(agent: &AgentClient, id: &str, text: &str) -> u16 {
    let body = json!({"operationName": "SendMessage", "text": text});
    let (status, _) = agent
        .post(&format!("/api/v2/me/smssessions/{id}"), &body.to_string())
        .await;
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_hides_a_message_that_was_sent_and_a_dropped_request_one_that_was_not() {
    let server = server().await;
    let base = server.url();
    let agent = AgentClient::sign_in(&base, "agent1").await;
    let id = start_session(&base, "agent1", "Hello").await;
    agent
        .operate(&id, json!({"operationName": "Accept", "nickname": "Anna"}))
        .await;

    let (status, _) = control(
        &base,
        "/sim/v1/faults",
        json!({"loseAnswerOf": "SendMessage"}),
    )
    .await;
    assert_eq!(status, 200);
    // A typing notification is not what the fault waits for.
    agent
        .post(
            &format!("/api/v2/me/smssessions/{id}"),
            &json!({"operationName": "SendStartTypingNotification"}).to_string(),
        )
        .await;
    assert_eq!(send(&agent, &id, "Carried out").await, 502);
    assert_eq!(send(&agent, &id, "Answered").await, 200, "once");

    let (_, state) = control(
        &base,
        "/sim/v1/faults",
        json!({"dropRequestOf": "SendMessage"}),
    )
    .await;
    assert_eq!(state["faults"]["dropRequestOf"], Value::from("SendMessage"));
    assert_eq!(send(&agent, &id, "Never arrived").await, 502);

    let texts = log_texts(&agent, &id).await;
    assert!(texts.contains(&"Carried out".to_owned()), "{texts:?}");
    assert!(texts.contains(&"Answered".to_owned()));
    assert!(!texts.contains(&"Never arrived".to_owned()));
    let (_, state) = control(&base, "/sim/v1/faults", json!({})).await;
    assert_eq!(state["faults"]["loseAnswerOf"], Value::Null);
    assert_eq!(state["faults"]["dropRequestOf"], Value::Null);
}
