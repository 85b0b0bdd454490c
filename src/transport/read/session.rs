//! The session resource, its participants and its attached data.

use gws_types::{Participant, SmsSession, UserData, UserValue};
use serde_json::Number;

use crate::transport::json::{Decode, Error, JsonNumber, Reader, Struct};

impl<'a> Decode<'a> for SmsSession {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct SmsSession",
            &[
                "id",
                "uri",
                "path",
                "state",
                "participants",
                "capabilities",
                "userData",
                "comment",
            ],
        );
        let mut s = SmsSession::default();
        reader.fields(
            &FORM,
            &mut [
                &mut s.id,
                &mut s.uri,
                &mut s.path,
                &mut s.state,
                &mut s.participants,
                &mut s.capabilities,
                &mut s.user_data,
                &mut s.comment,
            ],
        )?;
        Ok(s)
    }
}

impl<'a> Decode<'a> for Participant {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct Participant",
            &[
                "participantId",
                "nickname",
                "type",
                "uri",
                "path",
                "id",
                "visibility",
            ],
        )
        .required(1);
        let mut p = Participant {
            participant_id: String::new(),
            nickname: None,
            kind: None,
            uri: None,
            path: None,
            id: None,
            visibility: None,
        };
        reader.fields(
            &FORM,
            &mut [
                &mut p.participant_id,
                &mut p.nickname,
                &mut p.kind,
                &mut p.uri,
                &mut p.path,
                &mut p.id,
                &mut p.visibility,
            ],
        )?;
        Ok(p)
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
