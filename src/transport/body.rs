//! The body of an operation, as serde_json writes `OperationRequest`'s derived
//! `Serialize` (what the simulator and GWS read): written field by field here, since the
//! derived code repeats a serializer's calls and error paths for each of the 24 kinds.

use gws_types::{OperationRequest, Target};

use super::json::write::{self, Object};

/// `{"operationName":"…", …}`, the fields in their declared order, absent ones left out.
pub fn operation(operation: &OperationRequest) -> String {
    use OperationRequest::*;
    let mut body = Object::default();
    body.string("operationName", operation.operation_name());
    match operation {
        Accept { nickname, save_lar } => {
            body.string("nickname", nickname);
            body.some_bool("saveLAR", *save_lar);
        }
        SendMessage { text } | SendToAgents { text } => body.string("text", text),
        SendUrl { url } => body.string("url", url),
        SendCustomNotice { notice_text } | SendCustomNoticeToAgents { notice_text } => {
            body.string("noticeText", notice_text)
        }
        Consult { target } | Invite { target } | Transfer { target } => match target {
            Target::Uri(uri) => body.string("targetUri", uri),
            Target::Path(path) => body.string("targetPath", path),
        },
        Complete {
            queue_name,
            save_lar,
        } => {
            body.some_string("queueName", queue_name.as_deref());
            body.some_bool("saveLAR", *save_lar);
        }
        SetDisposition {
            disposition,
            disposition_key,
        } => {
            body.string("disposition", disposition);
            body.some_string("dispositionKey", disposition_key.as_deref());
        }
        AttachUserData { user_data } | UpdateUserData { user_data } => {
            write::data(body.key("userData"), user_data)
        }
        DeleteUserData { keys } => write::strings(body.key("keys"), keys),
        AddComment { comment } => body.string("comment", comment),
        Reject
        | SendStartTypingNotification
        | SendStopTypingNotification
        | SendStartTypingToAgentsNotification
        | SendStopTypingToAgentsNotification
        | CancelConsult
        | Leave
        | LeaveAndComplete
        | SetInFocus => {}
    }
    body.end()
}

#[cfg(test)]
mod tests {
    use gws_types::{OperationRequest, Target, UserData, UserValue};

    use super::operation;

    #[test]
    fn every_operation_is_written_as_serde_json_writes_it() {
        let text = "a \"quoted\" \\ line\nwith\ttabs, \u{1} and é 😀".to_owned();
        let mut data = UserData::new();
        data.insert("b".into(), UserValue::from(7));
        data.insert("a".into(), UserValue::from(text.as_str()));
        data.insert(
            "n".into(),
            UserValue::Number(serde_json::Number::from_f64(1.5).unwrap()),
        );
        data.insert("z".into(), UserValue::List(vec![UserValue::Null]));
        use OperationRequest::*;
        let all = [
            Accept {
                nickname: text.clone(),
                save_lar: None,
            },
            Accept {
                nickname: "Agent".into(),
                save_lar: Some(true),
            },
            Reject,
            SendMessage { text: text.clone() },
            SendToAgents { text: text.clone() },
            SendUrl { url: text.clone() },
            SendStartTypingNotification,
            SendStopTypingNotification,
            SendStartTypingToAgentsNotification,
            SendStopTypingToAgentsNotification,
            SendCustomNotice {
                notice_text: text.clone(),
            },
            SendCustomNoticeToAgents {
                notice_text: text.clone(),
            },
            Consult {
                target: Target::Uri(text.clone()),
            },
            CancelConsult,
            Invite {
                target: Target::Path("/contacts/a".into()),
            },
            Transfer {
                target: Target::Uri("http://h/api/v2/contacts/q".into()),
            },
            Leave,
            LeaveAndComplete,
            Complete {
                queue_name: None,
                save_lar: None,
            },
            Complete {
                queue_name: Some(text.clone()),
                save_lar: Some(false),
            },
            SetInFocus,
            SetDisposition {
                disposition: text.clone(),
                disposition_key: None,
            },
            SetDisposition {
                disposition: "Sold".into(),
                disposition_key: Some("DispositionCode".into()),
            },
            AttachUserData {
                user_data: data.clone(),
            },
            UpdateUserData {
                user_data: UserData::new(),
            },
            DeleteUserData {
                keys: vec!["a".into(), text.clone()],
            },
            DeleteUserData { keys: vec![] },
            AddComment {
                comment: text.clone(),
            },
        ];
        for request in all {
            assert_eq!(
                operation(&request),
                serde_json::to_string(&request).unwrap(),
                "{request:?}"
            );
        }
    }
}
