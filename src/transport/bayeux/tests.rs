//! The state machine against recorded exchanges: bodies as a CometD server sends them.

use serde_json::{json, Value};

use super::*;

const TOPIC: &str = "/v2/me/smssessions";

fn config() -> BayeuxConfig {
    BayeuxConfig {
        topic: TOPIC.to_owned(),
        backoff: Backoff {
            initial_ms: 1_000,
            max_ms: 8_000,
        },
        request_timeout_ms: 15_000,
        poll_grace_ms: 10_000,
        retry_floor_ms: 1_000,
    }
}

/// The request an output asks to send; fails the test otherwise.
fn sent(output: &Output) -> &Request {
    match &output.next {
        Next::Send(request) => request,
        other => panic!("expected a request, got {other:?}"),
    }
}

/// The single Bayeux message of a request body.
fn message(request: &Request) -> Value {
    let body: Value = serde_json::from_str(&request.body).expect("requests are JSON");
    let messages = body.as_array().expect("requests are arrays");
    assert_eq!(messages.len(), 1, "one message per request: {body}");
    messages[0].clone()
}

fn states(output: &Output) -> Vec<ConnectionState> {
    output
        .events
        .iter()
        .filter_map(|event| match event {
            Event::State(state) => Some(*state),
            _ => None,
        })
        .collect()
}

fn resyncs(output: &Output) -> usize {
    output
        .events
        .iter()
        .filter(|event| **event == Event::Resync)
        .count()
}

fn data(output: &Output) -> Vec<Value> {
    output
        .events
        .iter()
        .filter_map(|event| match event {
            Event::Message { data, .. } => Some(serde_json::from_str(data).unwrap()),
            _ => None,
        })
        .collect()
}

fn handshake_ok(id: u64, client_id: &str) -> String {
    json!([{
        "minimumVersion": "1.0",
        "clientId": client_id,
        "supportedConnectionTypes": ["long-polling", "callback-polling"],
        "advice": {"interval": 0, "timeout": 30000, "reconnect": "retry"},
        "channel": "/meta/handshake",
        "id": id.to_string(),
        "version": "1.0",
        "successful": true
    }])
    .to_string()
}

fn subscribe_ok(id: u64, client_id: &str) -> String {
    json!([{
        "clientId": client_id,
        "channel": "/meta/subscribe",
        "id": id.to_string(),
        "subscription": TOPIC,
        "successful": true
    }])
    .to_string()
}

fn connect_ok(id: u64) -> String {
    json!([{"channel": "/meta/connect", "id": id.to_string(), "successful": true}]).to_string()
}

fn unknown_client(id: u64) -> String {
    json!([{
        "id": id.to_string(),
        "error": "402::Unknown client",
        "successful": false,
        "channel": "/meta/connect",
        "advice": {"interval": 0, "reconnect": "handshake"}
    }])
    .to_string()
}

fn new_messages(index: u64) -> Value {
    json!({
        "messageType": "MessageLogUpdated",
        "notificationType": "NewMessages",
        "messages": [{"index": index, "type": "Text", "text": "hi", "visibility": "All"}],
        "smssessionUri": "http://gws/api/v2/smssessions/abc"
    })
}

/// Handshake, subscribe and first connect, ending with a long poll in flight.
fn connected(client: &mut BayeuxClient) -> Request {
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c1"), 10);
    let subscribe = sent(&out).clone();
    let out = client.on_response(subscribe.id, &subscribe_ok(subscribe.id, "c1"), 20);
    let first = sent(&out).clone();
    let out = client.on_response(first.id, &connect_ok(first.id), 30);
    assert_eq!(client.state(), ConnectionState::Connected);
    sent(&out).clone()
}

#[test]
fn handshake_asks_for_long_polling() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    assert_eq!(client.state(), ConnectionState::Connecting);
    let request = sent(&out);
    assert_eq!(request.kind, RequestKind::Handshake);
    let handshake = message(request);
    assert_eq!(handshake["channel"], "/meta/handshake");
    assert_eq!(handshake["version"], "1.0");
    assert_eq!(
        handshake["supportedConnectionTypes"],
        json!(["long-polling"])
    );
    assert_eq!(handshake["id"], request.id.to_string());
}

#[test]
fn full_exchange_subscribes_then_polls_and_delivers() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();

    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "31hz3o7r5"), 5);
    let subscribe = sent(&out);
    assert_eq!(subscribe.kind, RequestKind::Subscribe);
    let body = message(subscribe);
    assert_eq!(body["channel"], "/meta/subscribe");
    assert_eq!(body["clientId"], "31hz3o7r5");
    assert_eq!(body["subscription"], TOPIC);
    let subscribe = subscribe.clone();

    let out = client.on_response(subscribe.id, &subscribe_ok(subscribe.id, "31hz3o7r5"), 6);
    let connect = sent(&out);
    let body = message(connect);
    assert_eq!(body["channel"], "/meta/connect");
    assert_eq!(body["connectionType"], "long-polling");
    assert_eq!(body["clientId"], "31hz3o7r5");
    // Until connected, ask the server to answer at once.
    assert_eq!(body["advice"]["timeout"], 0);
    assert_eq!(connect.timeout_ms, 30_000 + 10_000);
    let connect = connect.clone();

    // The first connect answer makes the channel live and asks for a first read.
    let out = client.on_response(connect.id, &connect_ok(connect.id), 7);
    assert_eq!(states(&out), [ConnectionState::Connected]);
    assert_eq!(resyncs(&out), 1);
    let poll = sent(&out).clone();
    assert!(
        message(&poll).get("advice").is_none(),
        "a normal poll is held"
    );

    // A long poll answered with a notification and the connect reply.
    let body = json!([
        {"data": new_messages(4), "channel": TOPIC},
        {"advice": {"interval": 0, "timeout": 30000, "reconnect": "retry"},
         "channel": "/meta/connect", "id": poll.id.to_string(), "successful": true}
    ])
    .to_string();
    let out = client.on_response(poll.id, &body, 30_000);
    assert_eq!(data(&out), [new_messages(4)]);
    assert!(states(&out).is_empty());
    assert_eq!(resyncs(&out), 0);
    assert_eq!(sent(&out).kind, RequestKind::Connect);
}

#[test]
fn deliveries_keep_their_order_and_other_channels_are_ignored() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([
        {"data": new_messages(5), "channel": TOPIC, "id": "90"},
        {"data": {"x": 1}, "channel": "/v2/me/calls"},
        {"data": new_messages(6), "channel": TOPIC, "id": "91"},
        {"channel": "/meta/connect", "id": poll.id.to_string(), "successful": true}
    ])
    .to_string();
    let out = client.on_response(poll.id, &body, 100);
    assert_eq!(data(&out), [new_messages(5), new_messages(6)]);
}

#[test]
fn data_arriving_with_a_handshake_or_subscribe_reply_is_delivered() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c1"), 1);
    let subscribe = sent(&out).clone();
    let body = json!([
        {"channel": "/meta/subscribe", "id": subscribe.id.to_string(), "successful": true,
         "subscription": TOPIC},
        {"channel": TOPIC, "data": new_messages(1)}
    ])
    .to_string();
    let out = client.on_response(subscribe.id, &body, 2);
    assert_eq!(data(&out), [new_messages(1)]);
    assert_eq!(sent(&out).kind, RequestKind::Connect);
}

#[test]
fn interval_advice_spaces_the_polls() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"interval": 2500, "reconnect": "retry"}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 1_000);
    assert_eq!(out.next, Next::WaitUntil(3_500));
    // Too early: still waiting, nothing sent.
    assert_eq!(client.on_timer(3_000).next, Next::WaitUntil(3_500));
    let out = client.on_timer(3_500);
    assert_eq!(sent(&out).kind, RequestKind::Connect);
    assert_eq!(client.state(), ConnectionState::Connected);
}

#[test]
fn timeout_advice_sets_how_long_a_poll_may_take() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"timeout": 45000}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 100);
    assert_eq!(sent(&out).timeout_ms, 45_000 + 10_000);
}

#[test]
fn unknown_client_rehandshakes_and_resubscribes_exactly_once() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);

    let out = client.on_response(poll.id, &unknown_client(poll.id), 5_000);
    assert_eq!(
        states(&out),
        [ConnectionState::Reconnecting { next_try_at: 5_000 }]
    );
    let handshake = sent(&out).clone();
    assert_eq!(handshake.kind, RequestKind::Handshake);
    assert_eq!(client.client_id(), None);

    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c2"), 5_010);
    let subscribe = sent(&out).clone();
    assert_eq!(message(&subscribe)["clientId"], "c2");
    assert_eq!(message(&subscribe)["subscription"], TOPIC);

    let out = client.on_response(subscribe.id, &subscribe_ok(subscribe.id, "c2"), 5_020);
    let connect = sent(&out).clone();
    assert_eq!(connect.kind, RequestKind::Connect, "no second subscribe");

    // Back: connected, and the gap must be read again.
    let out = client.on_response(connect.id, &connect_ok(connect.id), 5_030);
    assert_eq!(states(&out), [ConnectionState::Connected]);
    assert_eq!(resyncs(&out), 1);
    assert_eq!(sent(&out).kind, RequestKind::Connect);
}

#[test]
fn a_second_unknown_client_before_reconnecting_backs_off() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let out = client.on_response(poll.id, &unknown_client(poll.id), 1_000);
    let handshake = sent(&out).clone();
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c2"), 1_010);
    let subscribe = sent(&out).clone();
    let out = client.on_response(subscribe.id, &subscribe_ok(subscribe.id, "c2"), 1_020);
    let connect = sent(&out).clone();

    // The server forgets the new client at once: no tight loop, wait first.
    let out = client.on_response(connect.id, &unknown_client(connect.id), 1_030);
    assert_eq!(out.next, Next::WaitUntil(2_030));
    assert_eq!(
        client.state(),
        ConnectionState::Reconnecting { next_try_at: 2_030 }
    );
    let out = client.on_timer(2_030);
    assert_eq!(sent(&out).kind, RequestKind::Handshake);
}

#[test]
fn unknown_client_on_subscribe_rehandshakes() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c1"), 1);
    let subscribe = sent(&out).clone();
    let body = json!([{"channel": "/meta/subscribe", "id": subscribe.id.to_string(),
        "successful": false, "error": "402::Unknown client",
        "advice": {"reconnect": "handshake"}}])
    .to_string();
    let out = client.on_response(subscribe.id, &body, 2);
    assert_eq!(sent(&out).kind, RequestKind::Handshake);
}

#[test]
fn reconnect_handshake_advice_on_a_successful_connect_rehandshakes_after_interval() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"reconnect": "handshake", "interval": 500}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 1_000);
    assert_eq!(out.next, Next::WaitUntil(1_500));
    assert_eq!(
        client.state(),
        ConnectionState::Reconnecting { next_try_at: 1_500 }
    );
    let out = client.on_timer(1_500);
    let handshake = sent(&out).clone();
    assert_eq!(handshake.kind, RequestKind::Handshake);
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c2"), 1_600);
    let subscribe = sent(&out).clone();
    let out = client.on_response(subscribe.id, &subscribe_ok(subscribe.id, "c2"), 1_700);
    let connect = sent(&out).clone();
    let out = client.on_response(connect.id, &connect_ok(connect.id), 1_800);
    assert_eq!(states(&out), [ConnectionState::Connected]);
    assert_eq!(resyncs(&out), 1);
}

#[test]
fn reconnect_none_goes_offline_and_stops() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": false, "error": "500::shutting down", "advice": {"reconnect": "none"}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 1_000);
    assert_eq!(states(&out), [ConnectionState::Offline]);
    assert_eq!(out.next, Next::Stopped);
    assert_eq!(client.on_timer(99_999).next, Next::Stopped);
}

#[test]
fn reconnect_none_on_a_successful_connect_also_stops() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"reconnect": "none"}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 1_000);
    assert_eq!(client.state(), ConnectionState::Offline);
    assert_eq!(out.next, Next::Stopped);
}

#[test]
fn a_denied_handshake_means_signed_out() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let body = json!([{"channel": "/meta/handshake", "id": handshake.id.to_string(),
        "successful": false, "error": "403::Handshake denied",
        "advice": {"reconnect": "none"}}])
    .to_string();
    let out = client.on_response(handshake.id, &body, 1);
    assert_eq!(states(&out), [ConnectionState::SignedOut]);
    assert_eq!(out.next, Next::Stopped);
}

#[test]
fn http_401_means_signed_out() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let out = client.on_failure(poll.id, Unanswered::Http(401), 1);
    assert_eq!(states(&out), [ConnectionState::SignedOut]);
    assert_eq!(out.next, Next::Stopped);
}

#[test]
fn a_refused_handshake_with_retry_advice_is_retried_after_back_off() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let body = json!([{"channel": "/meta/handshake", "id": handshake.id.to_string(),
        "successful": false, "error": "500::busy", "advice": {"reconnect": "handshake"}}])
    .to_string();
    let out = client.on_response(handshake.id, &body, 100);
    assert_eq!(out.next, Next::WaitUntil(1_100));
    assert_eq!(sent(&client.on_timer(1_100)).kind, RequestKind::Handshake);
}

#[test]
fn network_failures_back_off_doubling_to_the_cap_then_reset() {
    let mut client = BayeuxClient::new(config());
    let mut poll = connected(&mut client);
    let mut now = 1_000;
    let mut delays = Vec::new();
    for _ in 0..6 {
        let out = client.on_failure(poll.id, Unanswered::Network, now);
        let Next::WaitUntil(at) = out.next else {
            panic!("expected a wait, got {:?}", out.next);
        };
        assert_eq!(
            client.state(),
            ConnectionState::Reconnecting { next_try_at: at }
        );
        delays.push(at - now);
        now = at;
        let out = client.on_timer(now);
        poll = sent(&out).clone();
        // The same client polls again, asking for an immediate answer.
        assert_eq!(poll.kind, RequestKind::Connect);
        assert_eq!(message(&poll)["clientId"], "c1");
        assert_eq!(message(&poll)["advice"]["timeout"], 0);
    }
    assert_eq!(delays, [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);

    // Back: connected, one resync, and the next failure starts from the bottom.
    let out = client.on_response(poll.id, &connect_ok(poll.id), now);
    assert_eq!(states(&out), [ConnectionState::Connected]);
    assert_eq!(resyncs(&out), 1);
    let poll = sent(&out).clone();
    let out = client.on_failure(poll.id, Unanswered::Timeout, now);
    assert_eq!(out.next, Next::WaitUntil(now + 1_000));
}

#[test]
fn back_off_is_never_shorter_than_the_advised_interval() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"interval": 5000}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 0);
    let poll = sent(&client.on_timer(5_000)).clone();
    assert_eq!(out.next, Next::WaitUntil(5_000));
    let out = client.on_failure(poll.id, Unanswered::Http(503), 6_000);
    assert_eq!(out.next, Next::WaitUntil(11_000));
}

#[test]
fn a_failed_handshake_is_retried_as_a_handshake() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let out = client.on_failure(handshake.id, Unanswered::Network, 0);
    assert_eq!(
        states(&out),
        [ConnectionState::Reconnecting { next_try_at: 1_000 }]
    );
    assert_eq!(sent(&client.on_timer(1_000)).kind, RequestKind::Handshake);
}

#[test]
fn a_failed_subscribe_is_retried_with_the_same_client() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c1"), 1);
    let subscribe = sent(&out).clone();
    client.on_failure(subscribe.id, Unanswered::Timeout, 2);
    let retry = sent(&client.on_timer(1_002)).clone();
    assert_eq!(retry.kind, RequestKind::Subscribe);
    assert_eq!(message(&retry)["clientId"], "c1");
}

#[test]
fn late_answers_to_superseded_requests_change_nothing() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    client.on_failure(poll.id, Unanswered::Network, 100);
    let retry = sent(&client.on_timer(1_100)).clone();

    // The first poll's answer arrives after it was given up.
    let late = json!([
        {"channel": TOPIC, "data": new_messages(9)},
        {"channel": "/meta/connect", "id": poll.id.to_string(), "successful": true}
    ])
    .to_string();
    let out = client.on_response(poll.id, &late, 1_200);
    assert!(out.events.is_empty());
    assert_eq!(out.next, Next::AwaitAnswer);
    assert_eq!(
        client.on_failure(poll.id, Unanswered::Network, 1_300).next,
        Next::AwaitAnswer
    );
    assert_eq!(
        client.state(),
        ConnectionState::Reconnecting { next_try_at: 1_100 }
    );

    // The current one is still honoured.
    let out = client.on_response(retry.id, &connect_ok(retry.id), 1_400);
    assert_eq!(client.state(), ConnectionState::Connected);
    assert_eq!(sent(&out).kind, RequestKind::Connect);
}

#[test]
fn restarting_supersedes_everything_in_flight() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let out = client.start(500);
    assert_eq!(sent(&out).kind, RequestKind::Handshake);
    let out = client.on_response(poll.id, &connect_ok(poll.id), 600);
    assert_eq!(
        out,
        Output {
            events: vec![],
            next: Next::AwaitAnswer
        }
    );
}

#[test]
fn a_reply_with_another_id_is_not_the_answer() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let out = client.on_response(poll.id, &connect_ok(poll.id + 100), 1_000);
    assert_eq!(out.next, Next::WaitUntil(2_000));
}

#[test]
fn malformed_answers_are_failures_not_crashes() {
    let bodies = [
        "",
        "<html><body>502 Bad Gateway</body></html>",
        "[{\"channel\":\"/meta/connect\",\"successful\":tr",
        "42",
        "null",
        "[]",
        "[1, \"two\", null]",
        "[{\"successful\": true}]",
        "[{\"channel\": 7, \"successful\": true}]",
        "{\"channel\": \"/meta/subscribe\", \"successful\": true}",
    ];
    for body in bodies {
        let mut client = BayeuxClient::new(config());
        let poll = connected(&mut client);
        let out = client.on_response(poll.id, body, 1_000);
        assert_eq!(out.next, Next::WaitUntil(2_000), "body {body:?}");
        assert!(data(&out).is_empty());
    }
}

#[test]
fn a_lone_reply_object_is_read_like_an_array() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!({"channel": "/meta/connect", "id": poll.id.to_string(), "successful": true});
    let out = client.on_response(poll.id, &body.to_string(), 1_000);
    assert_eq!(sent(&out).kind, RequestKind::Connect);
}

#[test]
fn unknown_fields_and_meta_channels_are_tolerated() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([
        {"channel": "/meta/unknown", "successful": true},
        {"channel": TOPIC, "id": "77", "successful": true},
        {"channel": "/meta/connect", "id": poll.id.to_string(), "successful": true,
         "ext": {"ack": 12}, "advice": {"reconnect": "sideways", "interval": -4,
         "timeout": "soon"}},
    ])
    .to_string();
    let out = client.on_response(poll.id, &body, 1_000);
    assert!(data(&out).is_empty(), "a publish ack carries no data");
    let next = sent(&out);
    assert_eq!(next.kind, RequestKind::Connect);
    assert_eq!(next.timeout_ms, 30_000 + 10_000);
}

#[test]
fn a_handshake_without_client_id_is_a_failure() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let body = json!([{"channel": "/meta/handshake", "id": handshake.id.to_string(),
        "successful": true}])
    .to_string();
    let out = client.on_response(handshake.id, &body, 0);
    assert_eq!(out.next, Next::WaitUntil(1_000));
}

#[test]
fn disconnect_says_goodbye_then_stops() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let out = client.disconnect(1_000);
    assert_eq!(states(&out), [ConnectionState::Offline]);
    let goodbye = sent(&out).clone();
    assert_eq!(goodbye.kind, RequestKind::Disconnect);
    assert_eq!(message(&goodbye)["channel"], "/meta/disconnect");
    assert_eq!(message(&goodbye)["clientId"], "c1");

    // The poll that was open is answered by the server: ignored.
    assert!(client
        .on_response(poll.id, &connect_ok(poll.id), 1_001)
        .events
        .is_empty());
    let body = json!([{"channel": "/meta/disconnect", "id": goodbye.id.to_string(),
        "successful": true}])
    .to_string();
    assert_eq!(
        client.on_response(goodbye.id, &body, 1_002).next,
        Next::Stopped
    );
    assert_eq!(client.disconnect(1_003).next, Next::Stopped);
}

#[test]
fn disconnect_before_a_handshake_needs_no_request() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    let out = client.disconnect(1);
    assert_eq!(out.next, Next::Stopped);
    assert!(client
        .on_response(handshake.id, &handshake_ok(handshake.id, "c1"), 2)
        .events
        .is_empty());
}

#[test]
fn every_request_is_a_json_array_with_a_fresh_id() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let mut ids = vec![sent(&out).id];
    let handshake = sent(&out).clone();
    let out = client.on_response(handshake.id, &handshake_ok(handshake.id, "c1"), 1);
    ids.push(sent(&out).id);
    let subscribe = sent(&out).clone();
    let out = client.on_response(subscribe.id, &subscribe_ok(subscribe.id, "c1"), 2);
    ids.push(sent(&out).id);
    let mut sorted = ids.clone();
    sorted.dedup();
    assert_eq!(sorted.len(), 3);
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
}

/// The time an output asks to be woken at; fails the test otherwise.
fn wait(output: &Output) -> u64 {
    match output.next {
        Next::WaitUntil(at) => at,
        ref other => panic!("expected a wait, got {other:?}"),
    }
}

/// Connected, then the poll fails `failures` times, each retry at its time; returns
/// the time of the last failure and when the back-off after it ends.
fn backing_off(client: &mut BayeuxClient, failures: u32) -> (u64, u64) {
    let mut poll = connected(client);
    let mut now = 1_000;
    let mut until = 0;
    for n in 1..=failures {
        until = wait(&client.on_failure(poll.id, Unanswered::Network, now));
        if n < failures {
            now = until;
            poll = sent(&client.on_timer(now)).clone();
        }
    }
    (now, until)
}

#[test]
fn retry_now_ends_the_back_off_and_tries_at_once() {
    let mut client = BayeuxClient::new(config());
    let (failed_at, until) = backing_off(&mut client, 4);
    assert_eq!(until - failed_at, 8_000);

    let now = failed_at + 1_500;
    let out = client.retry_now(now);
    assert_eq!(
        states(&out),
        [ConnectionState::Reconnecting { next_try_at: now }]
    );
    let poll = sent(&out).clone();
    assert_eq!(poll.kind, RequestKind::Connect);
    assert_eq!(message(&poll)["clientId"], "c1");
    assert_eq!(message(&poll)["advice"]["timeout"], 0);

    let out = client.on_response(poll.id, &connect_ok(poll.id), now + 10);
    assert_eq!(states(&out), [ConnectionState::Connected]);
    assert_eq!(resyncs(&out), 1);
    // The early success resets the back-off like any other.
    let poll = sent(&out).clone();
    let out = client.on_failure(poll.id, Unanswered::Network, now + 20);
    assert_eq!(wait(&out), now + 20 + 1_000);
}

#[test]
fn retry_now_before_the_floor_moves_the_try_to_the_floor() {
    let mut client = BayeuxClient::new(config());
    let (failed_at, _) = backing_off(&mut client, 3);
    let floor = failed_at + 1_000;

    let out = client.retry_now(failed_at + 200);
    assert_eq!(out.next, Next::WaitUntil(floor));
    assert_eq!(
        states(&out),
        [ConnectionState::Reconnecting { next_try_at: floor }]
    );
    // Asking again changes nothing more.
    let out = client.retry_now(failed_at + 600);
    assert_eq!(
        out,
        Output {
            events: vec![],
            next: Next::WaitUntil(floor)
        }
    );
    assert_eq!(client.on_timer(floor - 1).next, Next::WaitUntil(floor));
    assert_eq!(sent(&client.on_timer(floor)).kind, RequestKind::Connect);
}

#[test]
fn early_tries_that_fail_keep_the_back_off_growing() {
    let mut client = BayeuxClient::new(config());
    let (mut now, mut until) = backing_off(&mut client, 1);
    let mut delays = vec![until - now];
    for _ in 0..4 {
        now += 1_000;
        let poll = sent(&client.retry_now(now)).clone();
        until = wait(&client.on_failure(poll.id, Unanswered::Network, now));
        delays.push(until - now);
    }
    assert_eq!(delays, [1_000, 2_000, 4_000, 8_000, 8_000]);
}

#[test]
fn asking_again_and_again_makes_at_most_one_request_a_floor() {
    // A dead server, every request refused at once; the agent acts every 50 ms for a
    // minute and the client is woken whenever it asked.
    let mut client = BayeuxClient::new(config());
    let (mut now, mut due) = backing_off(&mut client, 1);
    let start = now;
    let mut requests = 0;
    while now < start + 60_000 {
        now += 50;
        let mut out = client.retry_now(now);
        if let Next::WaitUntil(at) = out.next {
            due = at;
            if now >= due {
                out = client.on_timer(now);
            }
        }
        if let Next::Send(request) = out.next {
            requests += 1;
            let out = client.on_failure(request.id, Unanswered::Http(503), now);
            due = wait(&out);
        }
    }
    assert!(due > now, "still backing off");
    assert!(requests <= 60, "{requests} requests in 60 s");
    assert!(requests >= 55, "one a second: {requests}");
}

#[test]
fn retry_now_does_nothing_while_connected() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    assert_eq!(
        client.retry_now(100),
        Output {
            events: vec![],
            next: Next::AwaitAnswer
        }
    );
    // Nor in the advised pause between two polls.
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"interval": 2500}}])
    .to_string();
    let out = client.on_response(poll.id, &body, 1_000);
    assert_eq!(out.next, Next::WaitUntil(3_500));
    let out = client.retry_now(2_900);
    assert!(out.events.is_empty());
    assert_eq!(out.next, Next::WaitUntil(3_500));
    assert_eq!(client.state(), ConnectionState::Connected);
}

#[test]
fn retry_now_does_nothing_while_a_request_is_out() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    assert_eq!(client.retry_now(5_000).next, Next::AwaitAnswer);

    client.on_failure(handshake.id, Unanswered::Network, 6_000);
    let retry = sent(&client.on_timer(7_000)).clone();
    let out = client.retry_now(9_000);
    assert_eq!(
        out,
        Output {
            events: vec![],
            next: Next::AwaitAnswer
        }
    );
    // The request out is still the one whose answer counts.
    let out = client.on_response(retry.id, &handshake_ok(retry.id, "c1"), 9_100);
    assert_eq!(sent(&out).kind, RequestKind::Subscribe);
}

#[test]
fn retry_now_does_nothing_once_stopped() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": false, "advice": {"reconnect": "none"}}])
    .to_string();
    client.on_response(poll.id, &body, 1_000);
    let out = client.retry_now(5_000);
    assert_eq!(out.next, Next::Stopped);
    assert!(out.events.is_empty());
    assert_eq!(client.state(), ConnectionState::Offline);

    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    client.on_failure(poll.id, Unanswered::Http(401), 1_000);
    assert_eq!(client.retry_now(5_000).next, Next::Stopped);
    assert_eq!(client.state(), ConnectionState::SignedOut);
}

#[test]
fn retry_now_re_handshakes_when_the_client_was_lost() {
    let mut client = BayeuxClient::new(config());
    let out = client.start(0);
    let handshake = sent(&out).clone();
    client.on_failure(handshake.id, Unanswered::Network, 100);
    let retry = sent(&client.on_timer(1_100)).clone();
    let out = client.on_failure(retry.id, Unanswered::Timeout, 16_100);
    assert_eq!(wait(&out), 18_100);
    let out = client.retry_now(17_200);
    assert_eq!(sent(&out).kind, RequestKind::Handshake);
}

#[test]
fn retry_now_waits_out_the_servers_advised_interval() {
    let mut client = BayeuxClient::new(config());
    let poll = connected(&mut client);
    // Told to re-handshake after 5 s: that is the server's wish, not a back-off.
    let body = json!([{"channel": "/meta/connect", "id": poll.id.to_string(),
        "successful": true, "advice": {"reconnect": "handshake", "interval": 5000}}])
    .to_string();
    client.on_response(poll.id, &body, 1_000);
    let out = client.retry_now(2_500);
    assert!(out.events.is_empty());
    assert_eq!(out.next, Next::WaitUntil(6_000));
    let handshake = sent(&client.on_timer(6_000)).clone();

    // A failure after it waits at least the interval, and so does an early try.
    let out = client.on_failure(handshake.id, Unanswered::Network, 6_100);
    assert_eq!(wait(&out), 11_100);
    assert_eq!(client.retry_now(9_000).next, Next::WaitUntil(11_100));
    assert_eq!(sent(&client.retry_now(11_100)).kind, RequestKind::Handshake);
}
