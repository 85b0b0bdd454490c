//! Log entries, and the notifications that carry them.

use gws_types::{Message, MessageType, Notification, NotificationType};

use crate::transport::json::{Decode, Error, Reader, Struct};

impl<'a> Decode<'a> for Message {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct Message",
            &[
                "index",
                "type",
                "from",
                "text",
                "url",
                "noticeText",
                "visibility",
                "timestamp",
                "timestampSeconds",
            ],
        )
        .required(0b11);
        let mut m = Message {
            index: 0,
            kind: MessageType::Unknown(String::new()),
            from: None,
            text: None,
            url: None,
            notice_text: None,
            visibility: None,
            timestamp: None,
            timestamp_seconds: None,
        };
        reader.fields(
            &FORM,
            &mut [
                &mut m.index,
                &mut m.kind,
                &mut m.from,
                &mut m.text,
                &mut m.url,
                &mut m.notice_text,
                &mut m.visibility,
                &mut m.timestamp,
                &mut m.timestamp_seconds,
            ],
        )?;
        Ok(m)
    }
}

impl<'a> Decode<'a> for Notification {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new(
            "struct Notification",
            &[
                "messageType",
                "notificationType",
                "smssession",
                "referenceId",
                "errorMessage",
                "messages",
                "smssessionUri",
                "smssessionPath",
            ],
        )
        .required(0b10)
        // The documentation's misspellings, read as the keys they mean.
        .aliases(&[
            ("smsession", "smssession"),
            ("smsessionUri", "smssessionUri"),
            ("smsessionPath", "smssessionPath"),
        ]);
        let mut n = Notification {
            message_type: None,
            notification_type: NotificationType::Unknown(String::new()),
            smssession: None,
            reference_id: None,
            error_message: None,
            messages: None,
            smssession_uri: None,
            smssession_path: None,
        };
        reader.fields(
            &FORM,
            &mut [
                &mut n.message_type,
                &mut n.notification_type,
                &mut n.smssession,
                &mut n.reference_id,
                &mut n.error_message,
                &mut n.messages,
                &mut n.smssession_uri,
                &mut n.smssession_path,
            ],
        )?;
        Ok(n)
    }
}
