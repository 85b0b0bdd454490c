//! Bayeux 1.0 messages as they travel: what the client sends, and a tolerant reading of
//! what a server answers (a JSON array of messages, sometimes a lone object).

use crate::transport::json::write::{self, Object};
use crate::transport::json::{self, Decode, Error, RawJson, Reader, Struct};
use crate::transport::loose::Loose;

pub const HANDSHAKE: &str = "/meta/handshake";
pub const SUBSCRIBE: &str = "/meta/subscribe";
pub const CONNECT: &str = "/meta/connect";
pub const DISCONNECT: &str = "/meta/disconnect";

/// A message the client sends. Fields a channel does not use are left out.
#[derive(Debug)]
pub struct ClientMessage<'a> {
    channel: &'static str,
    version: Option<&'static str>,
    minimum_version: Option<&'static str>,
    supported_connection_type: Option<&'static str>,
    client_id: Option<&'a str>,
    subscription: Option<&'a str>,
    connection_type: Option<&'static str>,
    /// `advice: {"timeout": 0}`.
    immediate: bool,
    id: String,
}

impl<'a> ClientMessage<'a> {
    fn new(channel: &'static str, id: u64, client_id: Option<&'a str>) -> Self {
        ClientMessage {
            channel,
            version: None,
            minimum_version: None,
            supported_connection_type: None,
            client_id,
            subscription: None,
            connection_type: None,
            immediate: false,
            id: id.to_string(),
        }
    }

    /// The request body: a JSON array holding this one message.
    pub fn into_body(self) -> String {
        let mut message = Object::default();
        message.string("channel", self.channel);
        message.some_string("version", self.version);
        message.some_string("minimumVersion", self.minimum_version);
        if let Some(kind) = self.supported_connection_type {
            write::array(
                message.key("supportedConnectionTypes"),
                &[kind],
                |out, kind| write::string(out, kind),
            );
        }
        message.some_string("clientId", self.client_id);
        message.some_string("subscription", self.subscription);
        message.some_string("connectionType", self.connection_type);
        if self.immediate {
            message.key("advice").push_str("{\"timeout\":0}");
        }
        message.string("id", &self.id);
        format!("[{}]", message.end())
    }
}

pub fn handshake(id: u64) -> ClientMessage<'static> {
    ClientMessage {
        version: Some("1.0"),
        minimum_version: Some("1.0"),
        supported_connection_type: Some("long-polling"),
        ..ClientMessage::new(HANDSHAKE, id, None)
    }
}

pub fn subscribe<'a>(id: u64, client_id: &'a str, topic: &'a str) -> ClientMessage<'a> {
    ClientMessage {
        subscription: Some(topic),
        ..ClientMessage::new(SUBSCRIBE, id, Some(client_id))
    }
}

/// `immediate` asks the server to answer at once instead of holding the poll, so that
/// the client learns quickly that it is connected again (CometD's first-connect advice).
pub fn connect(id: u64, client_id: &str, immediate: bool) -> ClientMessage<'_> {
    ClientMessage {
        connection_type: Some("long-polling"),
        immediate,
        ..ClientMessage::new(CONNECT, id, Some(client_id))
    }
}

pub fn disconnect(id: u64, client_id: &str) -> ClientMessage<'_> {
    ClientMessage::new(DISCONNECT, id, Some(client_id))
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
pub struct Batch {
    pub replies: Vec<Reply>,
    pub deliveries: Vec<Delivery>,
}

/// A message's fields, each read leniently (a field of the wrong type reads as
/// absent), with `data` left as text.
struct Fields<'a> {
    channel: Option<Loose>,
    id: Option<Loose>,
    successful: Option<Loose>,
    client_id: Option<Loose>,
    error: Option<Loose>,
    advice: Option<AdviceFields>,
    data: Option<RawJson<'a>>,
}

/// As a derived struct reads it: a field given twice makes the message unreadable.
impl<'a> Decode<'a> for Fields<'a> {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct Fields",
            &[
                "channel",
                "id",
                "successful",
                "clientId",
                "error",
                "advice",
                "data",
            ],
        );
        let mut f = Fields {
            channel: None,
            id: None,
            successful: None,
            client_id: None,
            error: None,
            advice: None,
            data: None,
        };
        reader.fields(
            &FORM,
            &mut [
                &mut f.channel,
                &mut f.id,
                &mut f.successful,
                &mut f.client_id,
                &mut f.error,
                &mut f.advice,
                &mut f.data,
            ],
        )?;
        Ok(f)
    }
}

/// Reads an answer body. `None` when it is not JSON or not made of objects at all;
/// elements that are not objects, or lack a channel, are skipped.
pub fn read_answer(body: &str) -> Option<Batch> {
    let messages: Vec<RawJson> = match body.trim_start().as_bytes().first() {
        Some(b'[') => json::from_str(body).ok()?,
        Some(b'{') => vec![json::from_str(body).ok()?],
        _ => return None,
    };
    let mut answer = Batch::default();
    for message in messages {
        let Ok(fields) = json::from_str::<Fields>(message.0) else {
            continue;
        };
        let Some(Loose::Text(channel)) = &fields.channel else {
            continue;
        };
        if channel.starts_with("/meta/") {
            answer.replies.push(read_reply(channel.clone(), fields));
        } else if let Some(data) = fields.data {
            answer.deliveries.push(Delivery {
                channel: channel.clone(),
                data: data.0.to_owned(),
            });
        }
    }
    Some(answer)
}

fn read_reply(channel: String, fields: Fields) -> Reply {
    Reply {
        channel,
        id: fields.id.as_ref().and_then(Loose::as_id),
        // A reply that does not say it succeeded did not.
        successful: fields.successful.as_ref().and_then(Loose::as_bool) == Some(true),
        client_id: fields.client_id.and_then(Loose::into_text),
        error: fields.error.and_then(Loose::into_text),
        advice: fields.advice.unwrap_or_default(),
    }
}

/// `advice` read leniently: an object's known fields of the right type (the last of
/// one given twice); anything else, or any other value, as no advice.
impl<'a> Decode<'a> for AdviceFields {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        let mut advice = AdviceFields::default();
        if reader.peek() != Some(b'{') {
            reader.skip()?;
            return Ok(advice);
        }
        reader.object("Bayeux advice", &mut |reader, key| {
            match key {
                "reconnect" => {
                    advice.reconnect = match Loose::decode(reader)?.as_str() {
                        Some("retry") => Some(Reconnect::Retry),
                        Some("handshake") => Some(Reconnect::Handshake),
                        Some("none") => Some(Reconnect::None),
                        _ => None,
                    }
                }
                "interval" => advice.interval_ms = Loose::decode(reader)?.as_millis(),
                "timeout" => advice.timeout_ms = Loose::decode(reader)?.as_millis(),
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(advice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(message: &str) -> Reply {
        let answer = read_answer(&format!("[{message}]")).expect("an answer");
        answer.replies.into_iter().next().expect("a reply")
    }

    #[test]
    fn outgoing_messages_carry_only_their_channel_fields() {
        let body: serde_json::Value =
            serde_json::from_str(&connect(7, "c1", true).into_body()).expect("JSON");
        assert_eq!(
            body,
            serde_json::json!([{"channel": CONNECT, "clientId": "c1",
                "connectionType": "long-polling", "advice": {"timeout": 0}, "id": "7"}])
        );
        let body: serde_json::Value =
            serde_json::from_str(&handshake(1).into_body()).expect("JSON");
        assert_eq!(
            body,
            serde_json::json!([{"channel": HANDSHAKE, "version": "1.0", "minimumVersion": "1.0",
                "supportedConnectionTypes": ["long-polling"], "id": "1"}])
        );
    }

    #[test]
    fn fields_of_the_wrong_type_read_as_absent() {
        let read = reply(
            r#"{"channel":"/meta/connect","id":12,"successful":"true","clientId":["c"],
                "error":{"code":402},"advice":"retry"}"#,
        );
        assert_eq!(read.id.as_deref(), Some("12"));
        assert!(!read.successful);
        assert_eq!(read.client_id, None);
        assert_eq!(read.error, None);
        assert_eq!(read.advice, AdviceFields::default());
        let read = reply(
            r#"{"channel":"/meta/connect","advice":{"interval":2.5e3,"timeout":null,
                "reconnect":7,"extra":{"a":[1]}}}"#,
        );
        assert_eq!(
            read.advice,
            AdviceFields {
                reconnect: None,
                interval_ms: Some(2_500),
                timeout_ms: None,
            }
        );
    }

    #[test]
    fn elements_that_are_not_messages_are_skipped() {
        let answer =
            read_answer(r#"[1,"x",null,{"id":"1"},{"channel":7},{"channel":"/t","data":{"a":1}}]"#)
                .expect("an answer");
        assert!(answer.replies.is_empty());
        assert_eq!(answer.deliveries.len(), 1);
        assert_eq!(answer.deliveries[0].data, r#"{"a":1}"#);
        assert!(read_answer("<html>").is_none());
    }
}
