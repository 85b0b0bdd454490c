//! The transport in headless Chromium against a running gws-sim, whose address is
//! given at build time: `GWS_SIM_URL=http://127.0.0.1:8080`. `cargo xtask test` starts
//! the servers and sets it; without it the tests fail, saying so.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use gws_sms_widget::transport::{
    resync, subscribe, ApiError, CometEvent, ConnectionState, GwsClient, GwsConfig,
};
use gws_types::{ContactType, Message, NotificationEvent, OperationRequest, SessionStatus, Target};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SIM: Option<&str> = option_env!("GWS_SIM_URL");

fn sim() -> Option<&'static str> {
    assert!(
        SIM.is_some(),
        "GWS_SIM_URL is not set: run the browser tests with `cargo xtask test`"
    );
    SIM
}

fn agent1(base: &str) -> GwsClient {
    GwsClient::new(GwsConfig::new(base).with_basic("agent1", "password"))
}

async fn control(base: &str, path: &str, body: Value) -> Value {
    let response = Request::post(&format!("{base}{path}"))
        .json(&body)
        .expect("a control body")
        .send()
        .await
        .expect("the simulator answers");
    assert!(response.ok(), "{path}: HTTP {}", response.status());
    response.json().await.unwrap_or(Value::Null)
}

async fn control_get(base: &str, path: &str) -> Value {
    Request::get(&format!("{base}{path}"))
        .send()
        .await
        .expect("the simulator answers")
        .json()
        .await
        .expect("JSON")
}

async fn start_session(base: &str, text: &str) -> String {
    let started = control(
        base,
        "/sim/v1/sessions",
        json!({"agent": "agent1", "nickname": "FirstL", "text": text}),
    )
    .await;
    started["id"].as_str().expect("a session id").to_owned()
}

/// Waits for `check` to hold, polling; false after `limit_ms`.
async fn eventually(limit_ms: u32, check: impl Fn() -> bool) -> bool {
    let mut waited = 0;
    while !check() {
        if waited >= limit_ms {
            return false;
        }
        TimeoutFuture::new(25).await;
        waited += 25;
    }
    true
}

/// Everything one subscriber saw.
#[derive(Default)]
struct Seen {
    events: Vec<CometEvent>,
}

impl Seen {
    fn resyncs(&self) -> usize {
        self.events
            .iter()
            .filter(|event| matches!(event, CometEvent::Resync))
            .count()
    }

    fn state(&self) -> Option<ConnectionState> {
        self.events.iter().rev().find_map(|event| match event {
            CometEvent::State(state) => Some(*state),
            _ => None,
        })
    }

    /// The log entries notified for one session.
    fn messages(&self, session: &str) -> Vec<Message> {
        self.events
            .iter()
            .filter_map(|event| match event {
                CometEvent::Notification(n) if n.session_id() == Some(session) => {
                    n.messages.clone()
                }
                _ => None,
            })
            .flatten()
            .collect()
    }

    fn session_state(&self, session: &str) -> Option<SessionStatus> {
        self.events.iter().rev().find_map(|event| match event {
            CometEvent::Notification(n) => match n.event() {
                Ok(NotificationEvent::SessionChanged { session: s, .. })
                    if s.session_id() == Some(session) =>
                {
                    s.state.clone()
                }
                _ => None,
            },
            _ => None,
        })
    }

    fn participants(&self, session: &str) -> usize {
        self.events
            .iter()
            .rev()
            .find_map(|event| match event {
                CometEvent::Notification(n) => n
                    .smssession
                    .as_ref()
                    .filter(|s| s.session_id() == Some(session))
                    .and_then(|s| s.participants.as_ref())
                    .map(Vec::len),
                _ => None,
            })
            .unwrap_or(0)
    }
}

fn record(client: &GwsClient) -> (Rc<RefCell<Seen>>, gws_sms_widget::transport::Subscription) {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let sink = seen.clone();
    let subscription = subscribe(client, move |event| {
        sink.borrow_mut().events.push(event.clone())
    });
    (seen, subscription)
}

#[wasm_bindgen_test]
async fn reads_and_operations() {
    let Some(base) = sim() else { return };
    let client = agent1(base);
    let me = client.me().await.expect("signed in");
    assert_eq!(me.user_name.as_deref(), Some("agent1"));

    let id = start_session(base, "Hello, is anyone there?").await;
    let session = client.session(&id).await.expect("the session");
    assert_eq!(session.session_id(), Some(id.as_str()));
    let accepted = client
        .operate(
            &id,
            &OperationRequest::Accept {
                nickname: "Anna".into(),
                save_lar: None,
            },
        )
        .await
        .expect("accepted");
    let _ = accepted.reference_id;
    let sessions = client.sessions().await.expect("the list");
    assert!(sessions.iter().any(|s| s.session_id() == Some(id.as_str())));

    let log = client
        .messages(&id, resync::after(0))
        .await
        .expect("the log");
    assert_eq!(log.first().map(|m| m.index), Some(1));
    let tail = client
        .messages(&id, resync::after(1))
        .await
        .expect("the tail");
    assert!(tail.iter().all(|m| m.index >= 2));

    let agents = client
        .search_contacts("agent*", Some(ContactType::User))
        .await
        .expect("contacts");
    assert!(agents
        .contacts
        .iter()
        .any(|c| c.user_name.as_deref() == Some("agent2")));
    let queues = client
        .search_contacts("*", Some(ContactType::Queue))
        .await
        .expect("queues");
    assert!(queues
        .contacts
        .iter()
        .all(|c| c.kind == Some(ContactType::Queue)));

    // An unknown session is refused by statusCode, not by a panic.
    let refused = client
        .operate(
            "no-such-session",
            &OperationRequest::SendMessage { text: "x".into() },
        )
        .await
        .expect_err("refused");
    assert!(matches!(refused, ApiError::Status { .. }), "{refused:?}");
}

#[wasm_bindgen_test]
async fn a_client_without_a_token_renews_it_once() {
    let Some(base) = sim() else { return };
    let first = agent1(base);
    first.me().await.expect("signed in");
    let id = start_session(base, "Hi").await;
    first
        .operate(
            &id,
            &OperationRequest::Accept {
                nickname: "Anna".into(),
                save_lar: None,
            },
        )
        .await
        .expect("accepted");
    // A second client on the same browser session has no token yet: its first POST
    // is refused with 403, it reads /me and tries again.
    let second = agent1(base);
    second
        .operate(
            &id,
            &OperationRequest::SendMessage {
                text: "Hello".into(),
            },
        )
        .await
        .expect("sent after renewing the token");
}

#[wasm_bindgen_test]
async fn consult_flow_over_notifications() {
    let Some(base) = sim() else { return };
    let client = agent1(base);
    let (seen, _subscription) = record(&client);
    assert!(
        eventually(10_000, || seen.borrow().state()
            == Some(ConnectionState::Connected))
        .await,
        "connected"
    );

    let id = start_session(base, "I need help with my order").await;
    assert!(
        eventually(5_000, || seen.borrow().session_state(&id)
            == Some(SessionStatus::Invited))
        .await
    );
    client
        .operate(
            &id,
            &OperationRequest::Accept {
                nickname: "Anna".into(),
                save_lar: None,
            },
        )
        .await
        .expect("accepted");
    assert!(
        eventually(5_000, || seen.borrow().session_state(&id)
            == Some(SessionStatus::Chatting))
        .await
    );

    let directory = control_get(base, "/sim/v1/directory").await;
    let agent2 = directory["agents"]
        .as_array()
        .and_then(|agents| agents.iter().find(|a| a["username"] == "agent2"))
        .and_then(|a| a["uri"].as_str())
        .expect("agent2 in the directory")
        .to_owned();
    client
        .operate(
            &id,
            &OperationRequest::Consult {
                target: Target::Uri(agent2),
            },
        )
        .await
        .expect("consult accepted");
    assert!(
        eventually(10_000, || seen.borrow().participants(&id) == 3).await,
        "agent2 joined"
    );

    let secret = "Agents only: the refund is approved";
    control(
        base,
        &format!("/sim/v1/sessions/{id}/agents/agent2/messages"),
        json!({"text": secret}),
    )
    .await;
    assert!(
        eventually(5_000, || seen.borrow().messages(&id).iter().any(|m| m
            .text
            .as_deref()
            == Some(secret)
            && m.is_agents_only()))
        .await
    );
    let transcript = control_get(base, &format!("/sim/v1/sessions/{id}/customer-transcript")).await;
    assert!(
        !transcript.to_string().contains(secret),
        "the customer never sees it"
    );

    // A refused operation: accepted over HTTP, then failed by a notification that
    // carries the same referenceId.
    control(
        base,
        "/sim/v1/faults",
        json!({"failNextOperation": "Operation failed"}),
    )
    .await;
    let accepted = client
        .operate(
            &id,
            &OperationRequest::SendMessage {
                text: "Hello".into(),
            },
        )
        .await
        .expect("accepted");
    let reference = accepted.reference_id.expect("a referenceId");
    assert!(
        eventually(5_000, || seen.borrow().events.iter().any(|event| matches!(
            event,
            CometEvent::Notification(n) if matches!(
                n.event(),
                Ok(NotificationEvent::Failed { reference_id: Some(r), .. }) if r == reference
            )
        )))
        .await,
        "the failure names its request"
    );
}

/// Merges like the reducer does: by index, the first copy wins.
fn merged(into: &mut BTreeMap<u64, Message>, messages: Vec<Message>) {
    for message in messages {
        into.entry(message.index).or_insert(message);
    }
}

#[wasm_bindgen_test]
async fn nothing_is_lost_across_dropped_polls_expired_clients_and_held_notifications() {
    let Some(base) = sim() else { return };
    let client = agent1(base);
    let (seen, _subscription) = record(&client);
    assert!(
        eventually(10_000, || seen.borrow().state()
            == Some(ConnectionState::Connected))
        .await
    );
    let id = start_session(base, "message 0").await;
    client
        .operate(
            &id,
            &OperationRequest::Accept {
                nickname: "Anna".into(),
                save_lar: None,
            },
        )
        .await
        .expect("accepted");

    let mut log = BTreeMap::new();
    merged(
        &mut log,
        client
            .messages(&id, resync::after(0))
            .await
            .expect("the log"),
    );
    let say = |n: usize| {
        let path = format!("/sim/v1/sessions/{id}/customer-messages");
        async move { control(base, &path, json!({"text": format!("message {n}")})).await }
    };

    let faults = [
        json!({"expireClients": true}),
        json!({"dropConnections": true}),
        json!({"pauseNotifications": true}),
    ];
    let mut n = 1;
    for fault in faults {
        let resyncs = seen.borrow().resyncs();
        control(base, "/sim/v1/faults", fault.clone()).await;
        for _ in 0..3 {
            say(n).await;
            n += 1;
        }
        if fault.get("pauseNotifications").is_some() {
            control(base, "/sim/v1/faults", json!({"pauseNotifications": false})).await;
        }
        if fault.get("expireClients").is_some() {
            // The server forgot the client, and what it published meanwhile: the
            // client must say so once subscribed again, and the read fills the hole.
            assert!(
                eventually(15_000, || seen.borrow().resyncs() > resyncs).await,
                "resync after {fault}"
            );
            let held = resync::last_contiguous(log.keys().copied());
            merged(
                &mut log,
                client
                    .messages(&id, resync::after(held))
                    .await
                    .expect("resync read"),
            );
        }
    }
    say(n).await;
    let last = format!("message {n}");
    assert!(
        eventually(10_000, || seen
            .borrow()
            .messages(&id)
            .iter()
            .any(|m| m.text.as_deref() == Some(&last)))
        .await,
        "live again"
    );
    merged(&mut log, seen.borrow().messages(&id));

    let server = client
        .messages(&id, resync::after(0))
        .await
        .expect("the server's log");
    let indexes: Vec<u64> = log.keys().copied().collect();
    let expected: Vec<u64> = server.iter().map(|m| m.index).collect();
    assert_eq!(
        indexes, expected,
        "the widget holds the server's log, each entry once"
    );
    for k in 0..=n {
        let text = format!("message {k}");
        assert_eq!(
            log.values()
                .filter(|m| m.text.as_deref() == Some(&text))
                .count(),
            1,
            "{text}"
        );
    }
}

/// The official CometD server (npm `cometd-nodejs-server`), given at build time as
/// `COMETD_URL`: Bayeux at `{COMETD_URL}/cometd`, and `POST {COMETD_URL}/publish`
/// publishing its JSON body on `/v2/me/smssessions`. Proves the Bayeux client against
/// an implementation this project did not write.
const COMETD: Option<&str> = option_env!("COMETD_URL");

#[wasm_bindgen_test]
async fn official_cometd_server_handshakes_subscribes_and_delivers() {
    let Some(base) = COMETD else {
        panic!("COMETD_URL is not set: run the browser tests with `cargo xtask test`");
    };
    let mut config = GwsConfig::new(base);
    config.notifications_url = Some(format!("{base}/cometd"));
    let client = GwsClient::new(config);
    let (seen, _subscription) = record(&client);
    assert!(
        eventually(10_000, || seen.borrow().state()
            == Some(ConnectionState::Connected))
        .await,
        "connected to the official server"
    );
    assert_eq!(
        seen.borrow().resyncs(),
        1,
        "one resync for the first connection"
    );

    let publish = |data: Value| async move { control(base, "/publish", data).await };
    let entry = |index: u64| {
        json!({
            "messageType": "MessageLogUpdated",
            "notificationType": "NewMessages",
            "messages": [{"index": index, "type": "Text", "text": format!("entry {index}")}],
            "smssessionUri": "http://gws/api/v2/smssessions/interop"
        })
    };
    publish(entry(1)).await;
    // Something that is no notification: reported, and the loop goes on.
    publish(json!({"notificationType": 42})).await;
    publish(entry(2)).await;
    assert!(
        eventually(10_000, || seen.borrow().messages("interop").len() == 2).await,
        "both entries delivered"
    );
    let indexes: Vec<u64> = seen
        .borrow()
        .messages("interop")
        .iter()
        .map(|m| m.index)
        .collect();
    assert_eq!(indexes, [1, 2]);
    assert!(seen
        .borrow()
        .events
        .iter()
        .any(|event| matches!(event, CometEvent::Unreadable(_))));
    assert_eq!(seen.borrow().state(), Some(ConnectionState::Connected));
}
