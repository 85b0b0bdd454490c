//! Bayeux 1.0 messages as they travel: what the client sends, and a tolerant reading of
//! what a server answers (a JSON array of messages, sometimes a lone object).

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

pub const HANDSHAKE: &str = "/meta/handshake";
pub const SUBSCRIBE: &str = "/meta/subscribe";
pub const CONNECT: &str = "/meta/connect";
pub const DISCONNECT: &str = "/meta/disconnect";

pub fn handshake(id: u64) -> Value {
    json!({
        "channel": HANDSHAKE,
        "version": "1.0",
        "minimumVersion": "1.0",
        "supportedConnectionTypes": ["long-polling"],
        "id": id.to_string(),
    })
}

pub fn subscribe(id: u64, client_id: &str, topic: &str) -> Value {
    json!({
        "channel": SUBSCRIBE,
        "clientId": client_id,
        "subscription": topic,
        "id": id.to_string(),
    })
}

/// `immediate` asks the server to answer at once instead of holding the poll, so that
/// the client learns quickly that it is connected again (CometD's first-connect advice).
pub fn connect(id: u64, client_id: &str, immediate: bool) -> Value {
    let mut message = json!({
        "channel": CONNECT,
        "clientId": client_id,
        "connectionType": "long-polling",
        "id": id.to_string(),
    });
    if immediate {
        message["advice"] = json!({ "timeout": 0 });
    }
    message
}

pub fn disconnect(id: u64, client_id: &str) -> Value {
    json!({ "channel": DISCONNECT, "clientId": client_id, "id": id.to_string() })
}

/// `reconnect` advice: what to do after this answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reconnect {
    Retry,
    Handshake,
    None,
}

/// The advice fields one reply carried; absent fields stay `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AdviceFields {
    pub reconnect: Option<Reconnect>,
    pub interval_ms: Option<u64>,
    pub timeout_ms: Option<u64>,
}

/// A `/meta/*` reply, reduced to what the client acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub channel: String,
    pub id: Option<String>,
    pub successful: bool,
    pub client_id: Option<String>,
    pub error: Option<String>,
    pub advice: AdviceFields,
}

impl Reply {
    /// Bayeux errors read `code::args::text`; `402::Unknown client` is the one that
    /// means the server forgot this client.
    pub fn error_code(&self) -> Option<u16> {
        let error = self.error.as_deref()?;
        error.split(':').next()?.trim().parse().ok()
    }
}

/// A message on an application channel, its `data` as the JSON text it came as: the
/// owner reads it into its own types, straight from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub channel: String,
    pub data: String,
}

/// One answer body, split into meta replies and deliveries, in the order they came.
#[derive(Debug, Default)]
pub struct Answer {
    pub replies: Vec<Reply>,
    pub deliveries: Vec<Delivery>,
}

/// A message's fields, each read leniently (a field of the wrong type reads as
/// absent), with `data` left as text.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fields<'a> {
    channel: Option<Value>,
    id: Option<Value>,
    successful: Option<Value>,
    client_id: Option<Value>,
    error: Option<Value>,
    advice: Option<Value>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

/// Reads an answer body. `None` when it is not JSON or not made of objects at all;
/// elements that are not objects, or lack a channel, are skipped.
pub fn read_answer(body: &str) -> Option<Answer> {
    let messages: Vec<&RawValue> = match body.trim_start().as_bytes().first() {
        Some(b'[') => serde_json::from_str(body).ok()?,
        Some(b'{') => vec![serde_json::from_str(body).ok()?],
        _ => return None,
    };
    let mut answer = Answer::default();
    for message in messages {
        let Ok(fields) = serde_json::from_str::<Fields>(message.get()) else {
            continue;
        };
        let Some(Value::String(channel)) = &fields.channel else {
            continue;
        };
        if channel.starts_with("/meta/") {
            answer.replies.push(read_reply(channel.clone(), &fields));
        } else if let Some(data) = fields.data {
            answer.deliveries.push(Delivery {
                channel: channel.clone(),
                data: data.get().to_owned(),
            });
        }
    }
    Some(answer)
}

fn read_reply(channel: String, fields: &Fields) -> Reply {
    let text = |value: &Option<Value>| value.as_ref().and_then(Value::as_str).map(str::to_owned);
    let id = match &fields.id {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Number(id)) => Some(id.to_string()),
        _ => None,
    };
    Reply {
        channel,
        id,
        // A reply that does not say it succeeded did not.
        successful: fields.successful.as_ref().and_then(Value::as_bool) == Some(true),
        client_id: text(&fields.client_id),
        error: text(&fields.error),
        advice: fields.advice.as_ref().map(read_advice).unwrap_or_default(),
    }
}

fn read_advice(advice: &Value) -> AdviceFields {
    let millis = |key: &str| {
        let value = advice.get(key)?;
        value
            .as_u64()
            .or_else(|| value.as_f64().filter(|v| *v >= 0.0).map(|v| v as u64))
    };
    AdviceFields {
        reconnect: match advice.get("reconnect").and_then(Value::as_str) {
            Some("retry") => Some(Reconnect::Retry),
            Some("handshake") => Some(Reconnect::Handshake),
            Some("none") => Some(Reconnect::None),
            _ => None,
        },
        interval_ms: millis("interval"),
        timeout_ms: millis("timeout"),
    }
}
