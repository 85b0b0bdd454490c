//! How the widget reads each GWS wire type from JSON: by hand, against the reader's few
//! methods (see `transport::json` for why not through serde). Each reading is the
//! derived `Deserialize` of `gws-types` spelt out: camelCase keys and their aliases,
//! unknown keys skipped, a missing or `null` optional field `None`, unknown enumeration
//! values kept, and the derive's errors (a wrong type anywhere fails the whole value, a
//! field given twice or a required one missing too). The derives stay in `gws-types`
//! for the simulator and the tests, which check both readings agree.

mod directory;
mod message;
mod session;

use gws_types::{
    Capability, ContactType, MessageType, NotificationMessageType, NotificationType,
    ParticipantType, SessionStatus, StatusCode, Visibility,
};

use super::json::{Decode, Error, Reader};

/// The scalars, each read as serde reads it.
macro_rules! scalars {
    ($($type:ident)*) => {$(
        impl<'a> Decode<'a> for $type {
            fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
                reader.$type()
            }
        }
    )*};
}

scalars! { bool u64 i64 f64 }

impl<'a> Decode<'a> for String {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        reader.string()
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Option<T> {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        if reader.null()? {
            Ok(None)
        } else {
            T::decode(reader).map(Some)
        }
    }
}

impl<'a, T: Decode<'a>> Decode<'a> for Vec<T> {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        let mut items = Vec::new();
        reader.array("a sequence", &mut |reader| {
            items.push(T::decode(reader)?);
            Ok(())
        })?;
        Ok(items)
    }
}

/// The open enumerations: a string, any string (unknown ones kept).
macro_rules! open_enums {
    ($($name:ident)*) => {$(
        impl<'a> Decode<'a> for $name {
            fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
                reader.text("a string").map(|text| $name::from_wire(&text))
            }
        }
    )*};
}

open_enums! {
    Capability ContactType MessageType NotificationMessageType NotificationType
    ParticipantType SessionStatus Visibility
}

/// Any integer `i64` holds, known or not.
impl<'a> Decode<'a> for StatusCode {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        reader.i64().map(StatusCode::from_code)
    }
}

#[cfg(test)]
mod tests;
