//! The session resource, its participants and its attached data.

use gws_types::{Participant, SmsSession, UserData, UserValue};
use serde_json::Number;

use crate::transport::json::{Decode, Error, JsonNumber, Reader};

impl<'a> Decode<'a> for SmsSession {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &[
            "id",
            "uri",
            "path",
            "state",
            "participants",
            "capabilities",
            "userData",
            "comment",
        ];
        let mut session = SmsSession::default();
        let mut seen = 0;
        reader.object("struct SmsSession", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => session.id = Decode::decode(reader)?,
                Some(1) => session.uri = Decode::decode(reader)?,
                Some(2) => session.path = Decode::decode(reader)?,
                Some(3) => session.state = Decode::decode(reader)?,
                Some(4) => session.participants = Decode::decode(reader)?,
                Some(5) => session.capabilities = Decode::decode(reader)?,
                Some(6) => session.user_data = Decode::decode(reader)?,
                Some(7) => session.comment = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(session)
    }
}

impl<'a> Decode<'a> for Participant {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &[
            "participantId",
            "nickname",
            "type",
            "uri",
            "path",
            "id",
            "visibility",
        ];
        let mut participant_id = None;
        let mut read = Participant {
            participant_id: String::new(),
            nickname: None,
            kind: None,
            uri: None,
            path: None,
            id: None,
            visibility: None,
        };
        let mut seen = 0;
        reader.object("struct Participant", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => participant_id = Some(reader.string()?),
                Some(1) => read.nickname = Decode::decode(reader)?,
                Some(2) => read.kind = Decode::decode(reader)?,
                Some(3) => read.uri = Decode::decode(reader)?,
                Some(4) => read.path = Decode::decode(reader)?,
                Some(5) => read.id = Decode::decode(reader)?,
                Some(6) => read.visibility = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        read.participant_id = reader.required(participant_id, "participantId")?;
        Ok(read)
    }
}

/// `userData`: keys in order, the last of a key given twice kept.
impl<'a> Decode<'a> for UserData {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        let mut data = UserData::new();
        reader.object("a map", &mut |reader, key| {
            data.insert(key.to_owned(), UserValue::decode(reader)?);
            Ok(())
        })?;
        Ok(data)
    }
}

/// Any JSON value, kept as it came.
impl<'a> Decode<'a> for UserValue {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        if reader.null()? {
            return Ok(UserValue::Null);
        }
        let expected = "a JSON value";
        Ok(match reader.peek() {
            Some(b't' | b'f') => UserValue::Bool(reader.bool()?),
            Some(b'"') => UserValue::Text(reader.string()?),
            Some(b'[') => UserValue::List(Decode::decode(reader)?),
            Some(b'{') => UserValue::Object(Decode::decode(reader)?),
            _ => match reader.numeric(expected)? {
                JsonNumber::Unsigned(value) => UserValue::Number(value.into()),
                JsonNumber::Negative(value) => UserValue::Number(value.into()),
                // JSON has no NaN or infinity; anything else is a number.
                JsonNumber::Float(value) => {
                    Number::from_f64(value).map_or(UserValue::Null, UserValue::Number)
                }
            },
        })
    }
}
