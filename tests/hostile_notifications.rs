//! Hostile input through the notification parser and the reducer: a seeded fuzz run over
//! mutated GWS samples, and the large inputs a server could send (10,000 participants,
//! 1 MB texts). Nothing panics, and the state keeps its invariants.
//!
//! `FUZZ_ITERATIONS` (default 5,000) and `FUZZ_SEED` (default: a fixed seed) make the fuzz
//! run longer or different: `FUZZ_ITERATIONS=1000000 cargo test --release --test
//! hostile_notifications fuzz`. A failure prints the seed and the iteration to replay.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::time::Instant;

use gws_sms_widget::i18n::{Catalogue, Said};
use gws_sms_widget::state::{Action, OpId, OpStatus, SessionState};
use gws_sms_widget::transport::{read_notification, CometEvent};
use gws_types::{OperationRequest, OperationResponse, SessionStatus, StatusCode};
use serde_json::{json, Map, Value};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const ID: &str = "0000Na9B26EF006E";

fn fixtures_root() -> PathBuf {
    std::env::var_os("GWS_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures"))
}

/// Every notification sample (GWS documentation and seed), as JSON values.
fn samples() -> Vec<Value> {
    let mut found = Vec::new();
    for dir in ["gws", "seed"] {
        let Ok(entries) = std::fs::read_dir(fixtures_root().join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let wanted = name.as_deref().is_some_and(|n| {
                n.ends_with(".json")
                    && (n.contains("notification")
                        || n.contains("cometd-data")
                        || n.starts_with("consult-failed")
                        || n.starts_with("consult-new-messages")
                        || n.starts_with("consult-participants"))
            });
            if !wanted {
                continue;
            }
            if let Ok(value) = std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| serde_json::from_slice::<Value>(&b).map_err(|e| e.to_string()))
            {
                found.push(value);
            }
        }
    }
    assert!(
        found.len() >= 20,
        "expected the GWS notification samples under {}, found {}",
        fixtures_root().display(),
        found.len()
    );
    found
}

const WORDS: &[&str] = &[
    "Chatting",
    "Completed",
    "LeftChat",
    "Offered",
    "Transferring",
    "Agent",
    "Customer",
    "Supervisor",
    "All",
    "Agents",
    "Nobody",
    "Text",
    "ParticipantJoined",
    "ParticipantLeft",
    "PushUrl",
    "CustomNotice",
    "NewMessages",
    "StatusChange",
    "ParticipantsUpdated",
    "Error",
    "PropertiesUpdated",
    "SomethingNew",
    "SendMessage",
    "Complete",
    "Consult",
    "Transfer",
    "Leave",
    "",
    "<img src=x onerror=alert(1)>",
    "\u{0}\u{202e}",
    "0000Na9B26EF006E",
    "http://localhost:8080/api/v2/smssessions/0000Na9B26EF006E",
];

fn random_leaf(rng: &mut Rng) -> Value {
    match rng.below(9) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(rng.below(12)),
        3 => json!(u64::MAX - rng.below(2) as u64),
        4 => json!(-(rng.below(1000) as i64) - 1),
        5 => json!(rng.below(1000) as f64 + 0.5),
        6 => json!(rng.pick(WORDS)),
        7 => json!([rng.pick(WORDS), rng.pick(WORDS)]),
        _ => json!({ *rng.pick(WORDS): rng.pick(WORDS) }),
    }
}

/// Changes one node somewhere in `value`: replaced, removed, duplicated or given a
/// hostile value where the reducer looks (indexes, ids, states, capabilities).
fn mutate(rng: &mut Rng, value: &mut Value, depth: usize) {
    match value {
        Value::Object(map) if !map.is_empty() && (depth < 4 || rng.chance(50)) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(10) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, random_leaf(rng));
                }
                2 => {
                    map.insert(rng.pick(WORDS).to_string(), random_leaf(rng));
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate(rng, child, depth + 1);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let at = rng.below(items.len());
            match rng.below(6) {
                0 => {
                    items.remove(at);
                }
                1 => {
                    let copy = items[at].clone();
                    items.push(copy);
                }
                2 => items.push(random_leaf(rng)),
                _ => mutate(rng, &mut items[at], depth + 1),
            }
        }
        other => *other = random_leaf(rng),
    }
}

/// Points a sample at this session (most of the time) and gives its messages indexes
/// that collide, go backwards and leave holes.
fn aim(rng: &mut Rng, value: &mut Value) {
    let Value::Object(map) = value else {
        return;
    };
    if rng.chance(85) {
        if let Some(Value::Object(session)) = map.get_mut("smssession") {
            session.insert("id".into(), json!(ID));
        }
        if map.contains_key("smssessionUri") || rng.chance(30) {
            map.insert(
                "smssessionUri".into(),
                json!(format!("http://localhost:8080/api/v2/smssessions/{ID}")),
            );
        }
    }
    if let Some(Value::Array(messages)) = map.get_mut("messages") {
        for message in messages.iter_mut() {
            if let Value::Object(message) = message {
                let index = if rng.chance(2) {
                    u64::MAX
                } else {
                    1 + rng.below(40) as u64
                };
                message.insert("index".into(), json!(index));
            }
        }
    }
    if rng.chance(20) {
        let state = *rng.pick(&["Chatting", "Completed", "LeftChat", "Offered", "Warp"]);
        let session = map
            .entry("smssession")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(session) = session {
            session.insert("state".into(), json!(state));
            session.insert("id".into(), json!(ID));
            session.insert(
                "capabilities".into(),
                json!([rng.pick(WORDS), "Complete", "SendMessage"]),
            );
        }
    }
}

/// What the live widget does with the `data` of a message on the SMS topic.
fn action_for(data: Value) -> Action {
    action_for_text(&data.to_string())
}

/// The same with `data` as the text it came as.
fn action_for_text(data: &str) -> Action {
    match read_notification(data) {
        CometEvent::Notification(notification) => Action::Notified((*notification).clone()),
        CometEvent::Unreadable(unreadable) => {
            Action::NotificationUnreadable(unreadable.reason.clone())
        }
        other => panic!("read_notification gave {other:?}"),
    }
}

/// One random step: a mutated sample (as a value, or as text cut or damaged and read
/// again), or an operation's lifecycle, or a read.
fn step(rng: &mut Rng, samples: &[Value], next_op: &mut u64) -> Action {
    // The clock: each operation is asked for a second after the one before.
    let now = *next_op as f64 * 1_000.0;
    let some_op = |rng: &mut Rng| OpId(1 + rng.below(*next_op as usize + 1) as u64);
    match rng.below(25) {
        0 => {
            *next_op += 1;
            Action::Requested {
                id: OpId(*next_op),
                request: OperationRequest::SendMessage {
                    text: rng.pick(WORDS).to_string(),
                },
                at: now,
            }
        }
        20 => Action::Tick(now + rng.below(90_000) as f64),
        21 => {
            let failed = some_op(rng);
            *next_op += 1;
            Action::Retried {
                failed,
                id: OpId(*next_op),
            }
        }
        22 => Action::Withdrawn(some_op(rng)),
        23 => {
            let start = rng.below(40) as u64;
            Action::HoleRead(start..=start + rng.below(10) as u64)
        }
        24 => Action::Posted {
            id: some_op(rng),
            at: now,
        },
        1 => Action::Answered {
            id: some_op(rng),
            response: if rng.chance(70) {
                OperationResponse::accepted(Some(rng.below(10) as u64))
            } else {
                OperationResponse::error(StatusCode::InvalidForState, "refused")
            },
        },
        2 => Action::RequestFailed {
            id: some_op(rng),
            error: "HTTP 502".into(),
        },
        3 => Action::ProblemDismissed(rng.below(8) as u64),
        _ => {
            let mut data = rng.pick(samples).clone();
            aim(rng, &mut data);
            for _ in 0..rng.below(3) {
                mutate(rng, &mut data, 0);
            }
            if rng.chance(15) {
                // Damaged on the wire: cut short or a byte changed, then read again.
                let mut text = data.to_string().into_bytes();
                if rng.chance(50) {
                    text.truncate(rng.below(text.len()));
                } else if !text.is_empty() {
                    let at = rng.below(text.len());
                    text[at] = *rng.pick(b"{}[]\",:0x\\");
                }
                return action_for_text(&String::from_utf8_lossy(&text));
            }
            action_for(data)
        }
    }
}

/// What must hold after every action, whatever came.
fn check_invariants(before: &SessionState, after: &SessionState, changed: bool) {
    let indexes: Vec<u64> = after.log().iter().map(|m| m.index).collect();
    assert!(
        indexes.windows(2).all(|pair| pair[0] < pair[1]),
        "log not strictly ordered: {indexes:?}"
    );
    for old in before.log().iter() {
        assert_eq!(
            after.log().get(old.index),
            Some(&**old),
            "log entry {} lost or changed",
            old.index
        );
    }
    if after.status() == Some(&SessionStatus::Completed) {
        assert!(
            after.capabilities().is_empty(),
            "a completed session has capabilities {:?}",
            after.capabilities()
        );
    }
    let mut ids: Vec<&str> = after
        .participants()
        .iter()
        .map(|p| p.participant_id.as_str())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "participants repeat an id");
    assert!(after.problems().len() <= 5, "problems pile up");
    // What the server wrote is cut to 300 characters; the widget's words come around it.
    for problem in after.problems() {
        assert!(
            english(&problem.message).chars().count() <= 301 + 100,
            "an unbounded problem"
        );
    }
    for op in after.operations().iter() {
        if let OpStatus::Failed(why) = &op.status {
            assert!(
                english(why).chars().count() <= 301 + 100,
                "an unbounded failure"
            );
        }
    }
    if !changed {
        assert_eq!(before, after, "apply said nothing changed, but it did");
    }
    // The views the components read never panic either.
    let _ = after.roster();
    let _ = after.log().missing();
    let _ = after.log().contiguous_through();
    let _ = after.my_role();
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn fuzz_notifications_through_the_parser_and_the_reducer() {
    let iterations = env_u64("FUZZ_ITERATIONS", 5_000);
    // A seed replays the run of `support/rng.rs`'s generator (rand's Xoshiro256++).
    let seed = env_u64("FUZZ_SEED", 0x5EED_0008_C0DE_F00D);
    let samples = samples();
    let mut rng = Rng::seeded(seed);
    let started = Instant::now();
    let (mut state, mut next_op) = (SessionState::new(ID), 0);
    let mut notified = 0;
    for iteration in 0..iterations {
        // A fresh session now and then, so early states are explored as well as late ones.
        if iteration % 200 == 0 {
            state = SessionState::new(ID);
            next_op = 0;
        }
        let action = step(&mut rng, &samples, &mut next_op);
        notified += usize::from(matches!(action, Action::Notified(_)));
        let before = state.clone();
        let described = format!("{action:?}");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let changed = state.apply(action);
            check_invariants(&before, &state, changed);
        }));
        if let Err(panic) = outcome {
            eprintln!(
                "fuzz failure: FUZZ_SEED={seed} iteration {iteration}\n  action: {described}"
            );
            std::panic::resume_unwind(panic);
        }
    }
    let elapsed = started.elapsed();
    println!(
        "fuzz: {iterations} iterations (seed {seed:#x}, {notified} read as notifications) in {:.2} s",
        elapsed.as_secs_f64()
    );
    assert!(
        notified > iterations as usize / 20,
        "the mutations must still produce readable notifications ({notified})"
    );
}

fn participants(count: usize) -> Value {
    let list: Vec<Value> = (0..count)
        .map(|i| {
            json!({"participantId": format!("P{i:06}"), "nickname": format!("Agent {i}"),
                   "type": if i == 0 { "Customer" } else { "Agent" }})
        })
        .collect();
    Value::Array(list)
}

fn read(data: Value) -> Action {
    action_for(data)
}

#[test]
fn ten_thousand_participants_are_merged_in_linear_time() {
    let mut state = SessionState::new(ID);
    let mut roster = participants(10_000);
    if let Value::Array(list) = &mut roster {
        // Repeated ids are kept once.
        list.extend(list[..100].to_vec());
    }
    let started = Instant::now();
    let changed = state.apply(read(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "ParticipantsUpdated",
        "smssession": {"id": ID, "state": "Chatting", "capabilities": ["SendMessage"],
                       "participants": roster}
    })));
    let elapsed = started.elapsed();
    println!(
        "10,000 participants: parsed and reduced in {:.1} ms",
        elapsed.as_secs_f64() * 1e3
    );
    assert!(changed);
    assert_eq!(state.participants().len(), 10_000);
    assert_eq!(state.roster().len(), 10_000);
    // Generous: a quadratic merge takes seconds in a debug build; linear takes milliseconds.
    assert!(elapsed.as_secs_f64() < 1.0, "took {elapsed:?}");
}

#[test]
fn a_one_megabyte_text_is_kept_whole_and_a_one_megabyte_error_is_cut() {
    let mut state = SessionState::new(ID);
    let huge: String = "é<b>x</b> ".repeat(100_000);
    assert!(huge.len() > 1_000_000);
    assert!(state.apply(read(json!({
        "messageType": "MessageLogUpdated", "notificationType": "NewMessages",
        "smssessionUri": format!("http://gws/api/v2/smssessions/{ID}"),
        "messages": [{"index": 1, "type": "Text", "visibility": "All", "text": huge}]
    }))));
    assert_eq!(
        state.log().get(1).and_then(|m| m.text.as_deref()),
        Some(huge.as_str())
    );
    assert!(state.apply(read(json!({
        "notificationType": "Error", "errorMessage": huge,
        "smssession": {"id": ID}
    }))));
    let shown = english(&state.problems()[0].message);
    let server = shown
        .strip_prefix("The server reported an error: ")
        .expect("the widget's words, then the server's");
    assert!(server.starts_with("é<b>x</b>"));
    assert!(
        server.ends_with('…') && server.chars().count() == 301,
        "{shown}"
    );
    // The log is untouched by the error.
    assert_eq!(state.log().len(), 1);
}

#[test]
fn wrong_types_and_unknown_enums_are_shown_or_tolerated() {
    let mut state = SessionState::new(ID);
    // Unknown enums are tolerated: the session reads, the unknown capability grants nothing.
    assert!(state.apply(read(json!({
        "messageType": "SMSsessionStateChangeMessage", "notificationType": "StatusChange",
        "smssession": {"id": ID, "state": "Hovering", "capabilities": ["Teleport"],
            "participants": [{"participantId": "X1", "type": "Robot", "nickname": "R2"}]}
    }))));
    assert_eq!(state.roster()[0].role.label(), "Robot");
    // Wrong types are not notifications: shown as a problem, the state otherwise as it was.
    let participants = state.participants().to_vec();
    for data in [
        json!({"notificationType": "NewMessages", "messages": {"index": 1}}),
        json!({"notificationType": "StatusChange", "smssession": {"id": ID, "participants": "all"}}),
        json!({"notificationType": 7}),
        json!("<html><body><h1>502 Bad Gateway</h1></body></html>"),
        json!(null),
    ] {
        state.apply(read(data.clone()));
        assert_eq!(state.participants(), participants.as_slice(), "{data}");
    }
    assert!(!state.problems().is_empty());
    assert!(state
        .problems()
        .iter()
        .all(|p| english(&p.message).contains("could not be read")));
    // An index at the very end of the range neither overflows nor hides the holes.
    state.apply(read(json!({
        "notificationType": "NewMessages",
        "smssessionUri": format!("http://gws/api/v2/smssessions/{ID}"),
        "messages": [{"index": u64::MAX, "type": "Text", "text": "last"},
                     {"index": 2, "type": "Text", "text": "two"}]
    })));
    assert_eq!(state.log().missing(), vec![1..=1, 3..=u64::MAX - 1]);
}

/// What the widget says, in English.
fn english(said: &Said) -> String {
    Catalogue::default().say(said)
}
