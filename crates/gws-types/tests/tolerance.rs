//! Unknown values survive; wrong shapes are errors, never panics.

use gws_types::*;
use proptest::prelude::*;
use serde_json::{json, Value};

#[test]
fn unknown_enum_values_are_kept_and_written_back() {
    let body = json!({
        "messageType": "SMSsessionStateChangeMessage",
        "notificationType": "Escalated",
        "smssession": {
            "id": "S1",
            "state": "OnHold",
            "capabilities": ["Transfer", "Teleport"],
            "participants": [{"participantId": "P1", "nickname": "Sup", "type": "Supervisor"}]
        }
    });
    let notification: Notification = serde_json::from_value(body.clone()).unwrap();
    let session = notification.smssession.as_ref().unwrap();
    assert_eq!(session.state, Some(SessionStatus::Unknown("OnHold".into())));
    assert_eq!(
        session.capabilities.as_deref(),
        Some(&[Capability::Transfer, Capability::Unknown("Teleport".into())][..])
    );
    assert_eq!(
        session.participants.as_ref().unwrap()[0].kind,
        Some(ParticipantType::Unknown("Supervisor".into()))
    );
    assert_eq!(
        notification.event(),
        Ok(NotificationEvent::Unrecognized {
            notification_type: "Escalated"
        })
    );
    assert_eq!(serde_json::to_value(&notification).unwrap(), body);

    let message: Message = serde_json::from_value(json!({
        "index": 9, "type": "Whisper", "visibility": "Supervisors", "text": "hi"
    }))
    .unwrap();
    assert_eq!(message.kind, MessageType::Unknown("Whisper".into()));
    assert_eq!(
        message.visibility,
        Some(Visibility::Unknown("Supervisors".into()))
    );
}

#[test]
fn unknown_fields_are_ignored() {
    let session: SmsSession = serde_json::from_value(json!({
        "id": "S1", "state": "Chatting", "mediaType": "sms", "priority": 3
    }))
    .unwrap();
    assert_eq!(session.session_id(), Some("S1"));
    let response: OperationResponse =
        serde_json::from_value(json!({"statusCode": 0, "referenceId": 4, "extra": [1]})).unwrap();
    assert_eq!(response, OperationResponse::accepted(Some(4)));
    let leave: OperationRequest =
        serde_json::from_value(json!({"operationName": "Leave", "text": "bye"})).unwrap();
    assert_eq!(leave, OperationRequest::Leave);
}

/// The sample of `GET /api/v2/settings/dispositions`, as the documentation shows it
/// (https://docs.genesys.com/Documentation/HTCC/latest/API/Dispositioncodes).
const DOCUMENTED_DISPOSITIONS: &str = r#"{ "key" : "name",
  "settings" : [ { "displayName" : "Issue Escalated",
        "name" : "EscalationCreated"
      },
      { "displayName" : "Issue Resolved",
        "name" : "IssueResolved"
      },
      { "displayName" : "Update Provided",
        "name" : "UpdateProvided"
      },
      { "displayName" : "Information Requested",
        "name" : "InfoRequested"
      }
    ],
  "statusCode" : 0
}"#;

#[test]
fn the_documented_disposition_codes_read_and_write_back_unchanged() {
    let read: DispositionSettings = serde_json::from_str(DOCUMENTED_DISPOSITIONS).unwrap();
    assert_eq!(read.status_code, Some(StatusCode::Ok));
    assert_eq!(read.key.as_deref(), Some("name"));
    let pairs: Vec<_> = read
        .settings
        .iter()
        .map(|d| (d.name.as_deref(), d.display_name.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            (Some("EscalationCreated"), Some("Issue Escalated")),
            (Some("IssueResolved"), Some("Issue Resolved")),
            (Some("UpdateProvided"), Some("Update Provided")),
            (Some("InfoRequested"), Some("Information Requested")),
        ]
    );
    let original: Value = serde_json::from_str(DOCUMENTED_DISPOSITIONS).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), original);
    assert_eq!(
        DispositionSettings::listing(read.settings.clone()),
        read,
        "what the simulator writes is the documented shape"
    );
}

#[test]
fn disposition_codes_tolerate_missing_and_unknown_fields() {
    let odd: DispositionSettings = serde_json::from_value(json!({
        "statusCode": 0,
        "key": "name",
        "settings": [
            {"name": "Callback", "displayName": "Callback requested", "color": "red", "children": []},
            {"name": "NoLabel"},
            {"displayName": "No name"},
            {}
        ],
        "totalCount": 4
    }))
    .unwrap();
    assert_eq!(
        odd.settings,
        [
            Disposition::new("Callback", "Callback requested"),
            Disposition {
                name: Some("NoLabel".into()),
                display_name: None
            },
            Disposition {
                name: None,
                display_name: Some("No name".into())
            },
            Disposition::default(),
        ]
    );
    let bare: DispositionSettings =
        serde_json::from_value(json!({"settings": [{"name": "A", "displayName": "a"}]})).unwrap();
    assert_eq!((bare.status_code, bare.key), (None, None));
    assert_eq!(bare.settings.len(), 1);
    let refused: DispositionSettings =
        serde_json::from_value(json!({"statusCode": 6, "statusMessage": "Not found"})).unwrap();
    assert_eq!(refused.status_code, Some(StatusCode::NotFound));
    assert!(refused.settings.is_empty());
    for wrong in [
        json!({"settings": {"name": "A"}}),
        json!({"settings": ["A"]}),
        json!({"settings": [{"name": 1}]}),
        json!({"key": ["name"]}),
        json!("IssueResolved"),
    ] {
        assert!(
            serde_json::from_value::<DispositionSettings>(wrong.clone()).is_err(),
            "{wrong}"
        );
    }
}

#[test]
fn every_status_code_has_its_meaning_and_unknown_codes_survive() {
    for code in 0..=20 {
        let status = StatusCode::from_code(code);
        assert!(!matches!(status, StatusCode::Other(_)), "{code}");
        assert_eq!(status.code(), code);
        assert_ne!(status.meaning(), StatusCode::Other(99).meaning());
    }
    assert_eq!(StatusCode::KNOWN.len(), 21);
    assert_eq!(StatusCode::from_code(20).http_status(), 401);
    assert_eq!(StatusCode::from_code(6), StatusCode::NotFound);
    let odd: OperationResponse =
        serde_json::from_value(json!({"statusCode": 42, "statusMessage": "new"})).unwrap();
    assert_eq!(odd.status_code, StatusCode::Other(42));
    assert_eq!(serde_json::to_value(&odd).unwrap()["statusCode"], 42);
}

#[test]
fn a_target_needs_exactly_one_of_uri_and_path() {
    for name in ["Consult", "Invite", "Transfer"] {
        let both = json!({"operationName": name, "targetUri": "http://h/api/v2/contacts/1", "targetPath": "/contacts/1"});
        let neither = json!({"operationName": name});
        for (body, expected) in [(both, "not both"), (neither, "is required")] {
            match OperationRequest::from_value(body) {
                Err(OperationParseError::InvalidParameters { operation, reason }) => {
                    assert_eq!(operation, name);
                    assert!(reason.contains(expected), "{reason}");
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        let by_path: OperationRequest =
            serde_json::from_value(json!({"operationName": name, "targetPath": "/contacts/7"}))
                .unwrap();
        assert_eq!(
            serde_json::to_value(&by_path).unwrap(),
            json!({"operationName": name, "targetPath": "/contacts/7"})
        );
    }
}

#[test]
fn operation_parse_errors_say_what_is_wrong() {
    assert!(matches!(
        OperationRequest::parse(b"{"),
        Err(OperationParseError::NotJson(_))
    ));
    assert_eq!(
        OperationRequest::parse(b"[1]"),
        Err(OperationParseError::NotAnObject)
    );
    assert_eq!(
        OperationRequest::parse(b"{}"),
        Err(OperationParseError::MissingOperationName)
    );
    assert_eq!(
        OperationRequest::parse(br#"{"operationName":"Teleport"}"#),
        Err(OperationParseError::UnknownOperation("Teleport".into()))
    );
    assert!(matches!(
        OperationRequest::parse(br#"{"operationName":"SendMessage"}"#),
        Err(OperationParseError::InvalidParameters { .. })
    ));
    assert!(matches!(
        OperationRequest::parse(br#"{"operationName":"DeleteUserData","keys":"k"}"#),
        Err(OperationParseError::InvalidParameters { .. })
    ));
}

#[test]
fn every_operation_name_parses_back_to_itself() {
    let names: Vec<&str> = OperationName::ALL.iter().map(|op| op.as_str()).collect();
    assert_eq!(names, OPERATION_NAMES);
    for operation in OperationName::ALL {
        let name = operation.as_str();
        let mut body = json!({"operationName": name});
        let params = [
            ("nickname", json!("N")),
            ("text", json!("t")),
            ("url", json!("http://u")),
            ("noticeText", json!("n")),
            ("targetUri", json!("http://h/api/v2/contacts/1")),
            ("disposition", json!("Done")),
            ("userData", json!({"k": 1})),
            ("keys", json!(["k"])),
            ("comment", json!("c")),
        ];
        let request = OperationRequest::from_value(body.clone())
            .or_else(|_| {
                for (key, value) in &params {
                    body[key] = value.clone();
                }
                OperationRequest::from_value(body)
            })
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(request.name(), operation);
        assert_eq!(request.operation_name(), name);
    }
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            "[A-Za-z]{0,12}",
            Just("Chatting".to_owned()),
            Just("NewMessages".to_owned()),
            Just("Error".to_owned()),
            Just("StatusChange".to_owned()),
        ]
        .prop_map(Value::from),
    ];
    let keys = prop_oneof![
        Just("notificationType".to_owned()),
        Just("messageType".to_owned()),
        Just("smssession".to_owned()),
        Just("messages".to_owned()),
        Just("index".to_owned()),
        Just("participants".to_owned()),
        Just("participantId".to_owned()),
        Just("capabilities".to_owned()),
        Just("referenceId".to_owned()),
        Just("operationName".to_owned()),
        Just("targetUri".to_owned()),
        "[a-z]{1,6}",
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn parse_everything(bytes: &[u8]) {
    let _ = serde_json::from_slice::<Notification>(bytes).map(|n| n.event().map(|_| ()));
    let _ = serde_json::from_slice::<SmsSession>(bytes);
    let _ = serde_json::from_slice::<OperationResponse>(bytes);
    let _ = serde_json::from_slice::<MessagesResponse>(bytes);
    let _ = serde_json::from_slice::<ContactsResponse>(bytes);
    let _ = serde_json::from_slice::<DispositionSettings>(bytes);
    let _ = OperationRequest::parse(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        parse_everything(value.to_string().as_bytes());
    }

    #[test]
    fn arbitrary_bytes_are_errors_not_panics(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        parse_everything(&bytes);
        // Random bytes are almost never JSON; when they are not, reading says so.
        if serde_json::from_slice::<Value>(&bytes).is_err() {
            prop_assert!(serde_json::from_slice::<Notification>(&bytes).is_err());
            let is_not_json = matches!(OperationRequest::parse(&bytes), Err(OperationParseError::NotJson(_)));
            prop_assert!(is_not_json);
        }
    }

    #[test]
    fn known_and_unknown_capabilities_round_trip(name in "[A-Za-z]{1,24}") {
        let capability: Capability = serde_json::from_value(Value::from(name.clone())).unwrap();
        prop_assert_eq!(serde_json::to_value(&capability).unwrap(), Value::from(name));
    }
}
