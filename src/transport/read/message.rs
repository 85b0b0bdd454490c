//! Log entries, and the notifications that carry them.

use gws_types::{Message, Notification};

use crate::transport::json::{Decode, Error, Reader};

impl<'a> Decode<'a> for Message {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &[
            "index",
            "type",
            "from",
            "text",
            "url",
            "noticeText",
            "visibility",
            "timestamp",
            "timestampSeconds",
        ];
        let (mut index, mut kind) = (None, None);
        let (mut from, mut text, mut url, mut notice_text) = (None, None, None, None);
        let (mut visibility, mut timestamp, mut timestamp_seconds) = (None, None, None);
        let mut seen = 0;
        reader.object("struct Message", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => index = Some(reader.u64()?),
                Some(1) => kind = Some(Decode::decode(reader)?),
                Some(2) => from = Decode::decode(reader)?,
                Some(3) => text = Decode::decode(reader)?,
                Some(4) => url = Decode::decode(reader)?,
                Some(5) => notice_text = Decode::decode(reader)?,
                Some(6) => visibility = Decode::decode(reader)?,
                Some(7) => timestamp = Decode::decode(reader)?,
                Some(8) => timestamp_seconds = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(Message {
            index: reader.required(index, "index")?,
            kind: reader.required(kind, "type")?,
            from,
            text,
            url,
            notice_text,
            visibility,
            timestamp,
            timestamp_seconds,
        })
    }
}

impl<'a> Decode<'a> for Notification {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &[
            "messageType",
            "notificationType",
            "smssession",
            "referenceId",
            "errorMessage",
            "messages",
            "smssessionUri",
            "smssessionPath",
        ];
        let (mut message_type, mut notification_type, mut smssession) = (None, None, None);
        let (mut reference_id, mut error_message, mut messages) = (None, None, None);
        let (mut smssession_uri, mut smssession_path) = (None, None);
        let mut seen = 0;
        reader.object("struct Notification", &mut |reader, key| {
            // The documentation's misspellings, read as the keys they mean.
            let key = match key {
                "smsession" => "smssession",
                "smsessionUri" => "smssessionUri",
                "smsessionPath" => "smssessionPath",
                key => key,
            };
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => message_type = Decode::decode(reader)?,
                Some(1) => notification_type = Some(Decode::decode(reader)?),
                Some(2) => smssession = Decode::decode(reader)?,
                Some(3) => reference_id = Decode::decode(reader)?,
                Some(4) => error_message = Decode::decode(reader)?,
                Some(5) => messages = Decode::decode(reader)?,
                Some(6) => smssession_uri = Decode::decode(reader)?,
                Some(7) => smssession_path = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(Notification {
            message_type,
            notification_type: reader.required(notification_type, "notificationType")?,
            smssession,
            reference_id,
            error_message,
            messages,
            smssession_uri,
            smssession_path,
        })
    }
}
