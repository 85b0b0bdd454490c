//! Each wire type read as it reads itself, through its derived `Deserialize` over the
//! same grammar (the reading this replaces: same value, or same error at the same
//! place), and through serde_json (same value, or both refuse): every GWS sample, and
//! each sample with every value swapped for one of another type, every key dropped, and
//! every key given twice.

use gws_types::{
    Contact, ContactsResponse, Disposition, DispositionSettings, Message, Notification,
    Participant, SmsSession, User, UserData, UserValue,
};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::fmt::Debug;

use crate::transport::json::tests::{fixtures, same_as_derived};
use crate::transport::json::{from_str, Decode};

/// `text` as a `T`: as the derive reads it, and as serde_json does.
fn agrees<T>(text: &str, name: &str)
where
    T: for<'a> Decode<'a> + DeserializeOwned + PartialEq + Debug,
{
    same_as_derived::<T>(text, name);
    let ours = from_str::<T>(text);
    let theirs = serde_json::from_str::<T>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}: {text}"),
        (Err(_), Err(_)) => {}
        // serde_json alone reads a struct from an array too, and skips a number out of
        // range in a field nothing reads.
        (Err(error), Ok(_))
            if error.to_string().contains("sequence, expected struct")
                || error.to_string().starts_with("number out of range") => {}
        _ => panic!("{name}: {text}: ours {ours:?}, serde_json {theirs:?}"),
    }
}

/// Every type the widget reads, from `text`.
fn every_type_agrees(text: &str, name: &str) {
    agrees::<Notification>(text, name);
    agrees::<SmsSession>(text, name);
    agrees::<Vec<SmsSession>>(text, name);
    agrees::<Participant>(text, name);
    agrees::<Message>(text, name);
    agrees::<Vec<Message>>(text, name);
    // Built together with the simulator, these types hold the directory fields the
    // widget does not read; the widget's own test run (`cargo test -p gws-sms-widget`,
    // as `cargo xtask test` runs it) compares them as the widget is built.
    if !gws_types::DIRECTORY_DETAILS {
        agrees::<User>(text, name);
        agrees::<Contact>(text, name);
        agrees::<Vec<Contact>>(text, name);
        agrees::<ContactsResponse>(text, name);
    }
    agrees::<Disposition>(text, name);
    agrees::<DispositionSettings>(text, name);
    agrees::<UserData>(text, name);
    agrees::<Option<Vec<String>>>(text, name);
}

#[test]
fn every_gws_sample_reads_as_derived_and_as_serde_json() {
    for (name, text) in fixtures() {
        every_type_agrees(&text, &name);
    }
}

/// Values of every kind, and the edges of the numbers the fields hold.
const SWAPS: &[&str] = &[
    "null",
    "true",
    "0",
    "7",
    "-1",
    "1.5",
    "-0",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "\"x\"",
    "\"Chatting\"",
    "\"Unknown\\u00e9\"",
    "[]",
    "[null]",
    "{}",
    "{\"a\":[1,{\"b\":null}]}",
];

/// `value` as JSON text, with the node at `target` (a pre-order count) changed by
/// `change`, which writes its own text for it.
fn write(value: &Value, target: usize, change: &dyn Fn(&Value, &mut String), out: &mut String) {
    fn walk(
        value: &Value,
        target: usize,
        count: &mut usize,
        change: &dyn Fn(&Value, &mut String),
        out: &mut String,
    ) {
        let here = *count;
        *count += 1;
        if here == target {
            change(value, out);
            return;
        }
        match value {
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    walk(item, target, count, change, out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (key, item)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    walk(item, target, count, change, out);
                }
                out.push('}');
            }
            scalar => out.push_str(&scalar.to_string()),
        }
    }
    walk(value, target, &mut 0, change, out);
}

/// The node at `target`, in the order [`write`] counts.
fn node(value: &Value, target: usize) -> Option<&Value> {
    fn walk<'v>(value: &'v Value, target: usize, count: &mut usize) -> Option<&'v Value> {
        if *count == target {
            return Some(value);
        }
        *count += 1;
        match value {
            Value::Array(items) => items.iter().find_map(|item| walk(item, target, count)),
            Value::Object(members) => members.values().find_map(|item| walk(item, target, count)),
            _ => None,
        }
    }
    walk(value, target, &mut 0)
}

fn nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(nodes).sum(),
        Value::Object(members) => members.values().map(nodes).sum(),
        _ => 0,
    }
}

/// An object with each of its keys dropped in turn, and given twice in turn (first as
/// `null`).
fn object_changes(members: &Map<String, Value>) -> Vec<String> {
    let whole = Value::Object(members.clone()).to_string();
    let mut changed = Vec::new();
    for key in members.keys() {
        let mut fewer = members.clone();
        fewer.remove(key);
        changed.push(Value::Object(fewer).to_string());
        let key = Value::from(key.as_str());
        changed.push(format!("{{{key}:null,{}", &whole[1..]));
    }
    changed
}

#[test]
fn every_swapped_dropped_or_doubled_value_reads_as_derived_and_as_serde_json() {
    let mut read = 0;
    for (name, text) in fixtures() {
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for target in 0..nodes(&value) {
            for swap in SWAPS {
                let mut out = String::new();
                write(&value, target, &|_, out| out.push_str(swap), &mut out);
                every_type_agrees(&out, &name);
                read += 1;
            }
            let mut changes = Vec::new();
            if let Some(Value::Object(members)) = node(&value, target) {
                for changed in object_changes(members) {
                    let mut out = String::new();
                    write(&value, target, &|_, out| out.push_str(&changed), &mut out);
                    changes.push(out);
                }
            }
            for out in changes {
                every_type_agrees(&out, &name);
                read += 1;
            }
        }
    }
    assert!(read > 10_000, "{read} variants read");
}

#[test]
fn tolerances_of_the_derive_are_kept() {
    // Unknown enumeration values are kept, unknown fields skipped.
    let message: Message =
        from_str(r#"{"index":1,"type":"Hologram","visibility":"Nobody","new":{"x":[1]}}"#).unwrap();
    assert_eq!(message.kind.as_str(), "Hologram");
    assert_eq!(message.visibility.unwrap().as_str(), "Nobody");
    // Missing and null optional fields are None; the documentation's misspellings read.
    let notification: Notification = from_str(
        r#"{"notificationType":"StatusChange","smsession":{"state":"Done"},"referenceId":null,
            "smsessionUri":"http://h/api/v2/smssessions/A"}"#,
    )
    .unwrap();
    assert_eq!(
        notification.smssession.unwrap().state.unwrap().as_str(),
        "Done"
    );
    assert_eq!(notification.reference_id, None);
    assert_eq!(
        notification.smssession_uri.as_deref(),
        Some("http://h/api/v2/smssessions/A")
    );
    // Attached data keeps any value, numbers exactly.
    let data: UserData =
        from_str(r#"{"big":18446744073709551615,"neg":-9223372036854775808,"x":[{}],"n":null}"#)
            .unwrap();
    assert_eq!(data["big"].to_json(), "18446744073709551615");
    assert_eq!(data["neg"].to_json(), "-9223372036854775808");
    assert_eq!(data["n"], UserValue::Null);
}

#[test]
fn errors_are_the_derives_own_words_and_places() {
    let error = |text: &str| from_str::<Message>(text).unwrap_err().to_string();
    assert_eq!(
        error(r#"{"index":1,"type":7}"#),
        "invalid type: number, expected a string at line 1 column 19"
    );
    assert_eq!(
        error(r#"{"type":"Text"}"#),
        "missing field `index` at line 1 column 15"
    );
    assert_eq!(
        error(r#"{"index":-1,"type":"Text"}"#),
        "invalid value: integer `-1`, expected u64 at line 1 column 12"
    );
    assert_eq!(
        error(r#"{"index":1.5,"type":"Text"}"#),
        "invalid type: floating point number, expected u64 at line 1 column 13"
    );
    assert_eq!(
        error(r#"{"index":1,"index":2,"type":"Text"}"#),
        "duplicate field `index` at line 1 column 20"
    );
    assert_eq!(
        error(r#"[1,"Text"]"#),
        "invalid type: sequence, expected struct Message at line 1 column 1"
    );
    assert_eq!(
        error(r#"{"index":1,"type":"Text","from":{"nickname":"A"}}"#),
        "missing field `participantId` at line 1 column 48"
    );
    assert_eq!(
        from_str::<Notification>(r#"{"notificationType":"Error","smssession":1,"smsession":{}}"#)
            .unwrap_err()
            .to_string(),
        "invalid type: number, expected struct SmsSession at line 1 column 42"
    );
    assert_eq!(
        from_str::<Notification>(r#"{"notificationType":"Error","smsession":{},"smssession":{}}"#)
            .unwrap_err()
            .to_string(),
        "duplicate field `smssession` at line 1 column 57"
    );
}

#[test]
fn nesting_is_limited_in_every_reading() {
    let deep = |open: &str, close: &str, depth: usize| {
        format!("{}{}", open.repeat(depth), close.repeat(depth))
    };
    for depth in [126, 127, 128, 100_000] {
        let nested = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        let data = format!(r#"{{"userData":{nested}}}"#);
        agrees::<SmsSession>(&data, "deep userData");
        let skipped = format!(
            r#"{{"notificationType":"Error","x":{}}}"#,
            deep("[", "]", depth)
        );
        same_as_derived::<Notification>(&skipped, "deep skipped value");
        let list = deep("[", "]", depth);
        same_as_derived::<UserValue>(&list, "deep list");
        assert_eq!(from_str::<UserValue>(&list).is_ok(), depth <= 127);
    }
}
