//! The host's TypeScript declarations (`src/embed/gws-sms-widget.d.ts`) and Custom
//! Elements Manifest (`src/embed/custom-elements.json`) against the code they describe:
//! each event the widget dispatches, with exactly the detail fields it sends, the
//! configuration's keys and the element's attributes. Written by hand, they would
//! otherwise drift from the code without a sound.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use gws_sms_widget::embed::EmbedConfig;
use gws_sms_widget::i18n::{self, Catalogue, Msg};
use gws_sms_widget::state::host_events::{HostEvent, ParticipantSummary};
use serde_json::{json, Map, Value};

const DTS: &str = include_str!("../src/embed/gws-sms-widget.d.ts");
const MANIFEST: &str = include_str!("../src/embed/custom-elements.json");
const ELEMENT_JS: &str = include_str!("../src/embed/element.js");
const WIDGETS_JS: &str = include_str!("../src/embed/widgets.js");

/// One of each event, every optional field given, every list holding one entry.
fn one_of_each() -> Vec<HostEvent> {
    let session_id = "S1".to_owned();
    let events = vec![
        HostEvent::OperationRequested {
            session_id: session_id.clone(),
            operation_id: 1,
            operation_name: "Leave",
        },
        HostEvent::OperationSucceeded {
            session_id: session_id.clone(),
            operation_id: 1,
            operation_name: "Leave",
            reference_id: Some(7),
        },
        HostEvent::OperationFailed {
            session_id: session_id.clone(),
            operation_id: 1,
            operation_name: "Leave",
            error: "Not now".to_owned(),
        },
        HostEvent::SessionChanged {
            session_id: session_id.clone(),
            state: Some("Chatting".to_owned()),
            capabilities: vec!["Leave".to_owned()],
            participants: vec![ParticipantSummary {
                participant_id: "P1".to_owned(),
                nickname: Some("Anna".to_owned()),
                kind: Some("Agent".to_owned()),
                role: "You".to_owned(),
            }],
        },
        HostEvent::Attention {
            session_id: session_id.clone(),
            unread: 2,
            waiting_since: Some(1_700_000_000_000.0),
            level: "warning",
        },
        HostEvent::ConnectionChanged {
            session_id,
            state: "connected",
            description: "Connected".to_owned(),
        },
    ];
    for event in &events {
        // A new variant stops this from compiling until it is added above.
        match event {
            HostEvent::OperationRequested { .. }
            | HostEvent::OperationSucceeded { .. }
            | HostEvent::OperationFailed { .. }
            | HostEvent::SessionChanged { .. }
            | HostEvent::Attention { .. }
            | HostEvent::ConnectionChanged { .. } => {}
        }
    }
    events
}

/// The text between the braces of `interface <name>` in the declarations.
fn interface(name: &str) -> &'static str {
    let head = format!("interface {name} ");
    let start = DTS
        .find(&head)
        .unwrap_or_else(|| panic!("the declarations have no interface {name}"));
    braced(&DTS[start..]).unwrap_or_else(|| panic!("interface {name} is not closed"))
}

/// What is inside the first `{ … }` of `text`, nested braces included.
fn braced(text: &str) -> Option<&str> {
    let open = text.find('{')?;
    let mut depth = 0;
    for (at, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[open + 1..open + at]);
                }
            }
            _ => {}
        }
    }
    None
}

/// The fields an interface declares (`name: …`, `name?: …`, `"name": …`), with their types.
fn fields(body: &str) -> Vec<(String, String)> {
    body.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('/') && !line.starts_with('*'))
        .filter_map(|line| {
            let (name, ty) = line.split_once(':')?;
            let name = name.trim_end_matches('?').trim_matches('"');
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            is_name.then(|| (name.to_owned(), ty.trim().trim_end_matches(';').to_owned()))
        })
        .collect()
}

fn keys(body: &str) -> BTreeSet<String> {
    fields(body).into_iter().map(|(name, _)| name).collect()
}

/// `CustomEvent<X>` of `event` in `GwsSmsSessionEventMap`: `X`.
fn detail_type(event: &str) -> String {
    let map = fields(interface("GwsSmsSessionEventMap"));
    let (_, ty) = map
        .iter()
        .find(|(name, _)| name == event)
        .unwrap_or_else(|| panic!("GwsSmsSessionEventMap has no {event:?}"));
    ty.strip_prefix("CustomEvent<")
        .and_then(|ty| ty.strip_suffix('>'))
        .unwrap_or_else(|| panic!("{event}: {ty} is not a CustomEvent<…>"))
        .to_owned()
}

/// The interface `name` declares exactly the keys of `object`, and the interfaces of its
/// fields those of the objects they hold.
fn check_object(name: &str, object: &Map<String, Value>) {
    let body = interface(name);
    let declared = fields(body);
    let sent: BTreeSet<String> = object.keys().cloned().collect();
    let typed: BTreeSet<String> = declared.iter().map(|(key, _)| key.clone()).collect();
    assert_eq!(
        typed, sent,
        "interface {name}'s fields against what is sent"
    );
    for (key, value) in object {
        let inner = match value {
            Value::Object(inner) => Some(inner),
            Value::Array(items) => items.first().and_then(Value::as_object),
            _ => None,
        };
        if let Some(inner) = inner {
            let (_, ty) = declared.iter().find(|(k, _)| k == key).expect("declared");
            check_object(ty.trim_end_matches("[]"), inner);
        }
    }
}

#[test]
fn every_host_event_and_its_detail_fields_are_declared() {
    for event in one_of_each() {
        let value = serde_json::to_value(&event).expect("serializes");
        let object = value.as_object().expect("an object");
        let kind = object["kind"].as_str().expect("a kind");
        assert_eq!(event.name(), format!("gws-sms-{kind}"));
        let detail = detail_type(event.name());
        assert!(
            interface(&detail).contains(&format!("kind: \"{kind}\";")),
            "{detail} names its kind {kind:?}"
        );
        check_object(&detail, object);
    }
}

/// The events the JavaScript dispatches itself: `new CustomEvent(NAME, { detail: … })`,
/// the name a string or a constant, the detail an object literal or a constant holding one.
fn js_events(js: &str) -> Vec<(String, BTreeSet<String>)> {
    let constant = |name: &str| {
        let head = format!("const {name} = ");
        let at = js.find(&head).map(|at| at + head.len())?;
        Some(&js[at..])
    };
    js.match_indices("new CustomEvent(")
        .map(|(at, call)| {
            let args = &js[at + call.len()..];
            let (name, rest) = args.split_once(',').expect("two arguments");
            let name = match name.strip_prefix('"') {
                Some(literal) => literal.trim_end_matches('"').to_owned(),
                None => {
                    let value = constant(name).expect("the name's constant");
                    value[1..value.find("\";").expect("a string")].to_owned()
                }
            };
            let options = braced(rest).expect("options");
            let detail = match options.split_once("detail: ") {
                Some((_, literal)) => braced(literal).expect("detail"),
                None => braced(constant("detail").expect("the detail's constant")).expect("{}"),
            };
            (name, object_keys(detail))
        })
        .collect()
}

/// The keys of an object literal's text (`key: value` or shorthand `key`).
fn object_keys(literal: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut depth = 0;
    let mut part = String::new();
    for c in literal.chars().chain([',']) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                let key = part.split(':').next().unwrap_or_default().trim();
                if !key.is_empty() {
                    keys.insert(key.to_owned());
                }
                part.clear();
                continue;
            }
            _ => {}
        }
        part.push(c);
    }
    keys
}

#[test]
fn the_events_of_the_javascript_are_declared() {
    let events: Vec<_> = js_events(ELEMENT_JS)
        .into_iter()
        .chain(js_events(WIDGETS_JS))
        .collect();
    let names: BTreeSet<&str> = events.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        BTreeSet::from(["gws-sms-error", "gws-sms-widget-stopped"])
    );
    for (name, sent) in &events {
        assert_eq!(
            &keys(interface(&detail_type(name))),
            sent,
            "{name}'s detail"
        );
    }
    assert!(interface("WidgetStoppedDetail").contains("kind: \"widget-stopped\";"));
    let unconfirmed = WIDGETS_JS
        .split_once("const unconfirmed = ")
        .and_then(|(_, rest)| braced(rest))
        .expect("the unconfirmed messages' literal");
    assert_eq!(
        keys(interface("UnconfirmedMessage")),
        object_keys(unconfirmed)
    );
}

#[test]
fn the_event_map_holds_every_event_and_nothing_else() {
    let mut expected: BTreeSet<String> = one_of_each()
        .iter()
        .map(|event| event.name().to_owned())
        .collect();
    expected.extend(js_events(ELEMENT_JS).into_iter().map(|(name, _)| name));
    expected.extend(js_events(WIDGETS_JS).into_iter().map(|(name, _)| name));
    assert_eq!(keys(interface("GwsSmsSessionEventMap")), expected);
    let manifest = element_in_manifest();
    let listed: BTreeSet<String> = names_in(&manifest["events"]);
    assert_eq!(listed, expected, "custom-elements.json's events");
}

#[test]
fn the_configuration_keys_are_those_mount_reads() {
    // serde names every field it accepts when it refuses an unknown one.
    let refused = serde_json::from_value::<EmbedConfig>(json!({"?": 1}))
        .expect_err("an unknown key is refused")
        .to_string();
    let accepted: BTreeSet<String> = refused
        .split_once("expected one of ")
        .expect("serde lists the fields")
        .1
        .split(", ")
        .map(|name| name.trim_matches(|c| c == '`' || c == ' ').to_owned())
        .collect();
    let mut declared = keys(interface("WidgetConfigBase"));
    declared.extend(keys(interface("Credentials")));
    assert_eq!(declared, accepted);
}

fn element_in_manifest() -> Value {
    let manifest: Value = serde_json::from_str(MANIFEST).expect("custom-elements.json is JSON");
    assert!(manifest["schemaVersion"]
        .as_str()
        .is_some_and(|v| v.starts_with("2.")));
    manifest["modules"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|module| module["declarations"].as_array().into_iter().flatten())
        .find(|declaration| declaration["tagName"] == "gws-sms-session")
        .cloned()
        .expect("custom-elements.json declares <gws-sms-session>")
}

fn names_in(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item["name"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn the_element_attributes_and_credentials_are_declared() {
    let observed = ELEMENT_JS
        .split_once("observedAttributes()")
        .and_then(|(_, rest)| rest.split_once('['))
        .and_then(|(_, rest)| rest.split_once(']'))
        .expect("observedAttributes' list")
        .0;
    let observed: BTreeSet<String> = observed
        .split(',')
        .map(|name| name.trim().trim_matches('"').to_owned())
        // A list written one name a line ends with a comma.
        .filter(|name| !name.is_empty())
        .collect();
    assert_eq!(keys(interface("GwsSmsSessionAttributes")), observed);
    let element = element_in_manifest();
    assert_eq!(names_in(&element["attributes"]), observed);
    assert!(ELEMENT_JS.contains("set credentials(value)"));
    assert!(interface("GwsSmsSessionElement").contains("set credentials("));
    assert!(names_in(&element["members"]).contains("credentials"));
    assert!(ELEMENT_JS.contains("set messages(value)"));
    assert!(interface("GwsSmsSessionElement").contains("messages: Messages | null;"));
    assert!(names_in(&element["members"]).contains("messages"));
}

#[test]
fn every_message_key_is_declared_with_its_english() {
    let declared = keys(interface("Messages"));
    let known: BTreeSet<String> = i18n::keys().map(str::to_owned).collect();
    assert_eq!(declared, known);
    let english = Catalogue::default();
    let body = interface("Messages");
    for (index, key) in i18n::keys().enumerate() {
        let line = body
            .lines()
            .take_while(|line| !line.contains(&format!("\"{key}\"?:")))
            .last()
            .unwrap_or_default();
        let text = english.text(Msg::ALL[index]);
        assert!(line.contains(text), "{key}: {line:?} lacks {text:?}");
    }
}
