//! Every sample body of the GWS documentation and of the seed page reads into its type.

use std::path::PathBuf;

use gws_types::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixtures_dir(which: &str) -> PathBuf {
    let root = std::env::var_os("GWS_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures")
        });
    let dir = root.join(which);
    assert!(
        dir.is_dir(),
        "fixture directory {} is missing",
        dir.display()
    );
    dir
}

fn json_files(dir: &PathBuf) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("readable fixture directory")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("readable fixture"))
        })
        .collect();
    files.sort();
    files
}

fn read<T: DeserializeOwned>(name: &str, bytes: &[u8]) -> T {
    serde_json::from_slice(bytes).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn round_trips<T: DeserializeOwned + serde::Serialize>(name: &str, bytes: &[u8]) {
    let typed: T = read(name, bytes);
    let original: Value = read(name, bytes);
    let again = serde_json::to_value(&typed).expect("serializable");
    assert_eq!(again, original, "{name} does not survive a round trip");
}

#[test]
fn seed_samples_round_trip_to_equal_json() {
    let files = json_files(&fixtures_dir("seed"));
    assert_eq!(files.len(), 5, "the seed page has five samples");
    for (name, bytes) in &files {
        match name.as_str() {
            "consult-request.json" => round_trips::<OperationRequest>(name, bytes),
            "consult-response.json" => round_trips::<OperationResponse>(name, bytes),
            _ => round_trips::<Notification>(name, bytes),
        }
    }
}

/// Reads one SMS sample into the type it documents and returns a short description
/// of what it says, so that a sample read into the wrong shape shows.
fn read_sms_sample(name: &str, bytes: &[u8]) -> String {
    match name {
        "startcontactcentersession-request.json" | "endcontactcentersession-request.json" => {
            format!("{:?}", read::<MeOperationRequest>(name, bytes))
        }
        "intrude-request.json" => format!("{:?}", read::<SupervisorOperationRequest>(name, bytes)),
        "me-get-response.json" => {
            let me: MeResponse = read(name, bytes);
            me.user
                .and_then(|user| user.user_name)
                .expect("a user name")
        }
        "contacts-get-response-partial.json" => {
            let contacts: ContactsResponse = read(name, bytes);
            format!("{} contacts", contacts.contacts.expect("contacts").len())
        }
        "devices-list-uris-response.json" | "skills-list-uris-response.json" => {
            let uris: UrisResponse = read(name, bytes);
            format!("{} uris", uris.uris.expect("uris").len())
        }
        "diagnostics-version-response.json" => read::<VersionResponse>(name, bytes)
            .version
            .expect("a version"),
        "smssessions-get-fields-sample.json" => read::<SmsSession>(name, bytes)
            .session_id()
            .expect("an id")
            .to_owned(),
        _ if name.ends_with("-request.json") || name.contains("-request-") => {
            read::<OperationRequest>(name, bytes)
                .operation_name()
                .to_owned()
        }
        _ if name.ends_with("-response.json") => {
            let response: OperationResponse = read(name, bytes);
            assert!(response.status_code.is_ok(), "{name}");
            format!("{:?}", response.reference_id)
        }
        _ if name.contains("notification") => {
            let notification: Notification = read(name, bytes);
            let event = notification
                .event()
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            format!("{event:?}")
        }
        _ => panic!("{name}: no type is known for this sample; add it here"),
    }
}

#[test]
fn every_gws_sms_sample_reads_into_its_type() {
    let sibling_prefixes = ["chat-", "facebook-", "voice-", "im-", "workitem-"];
    let files: Vec<_> = json_files(&fixtures_dir("gws"))
        .into_iter()
        .filter(|(name, _)| {
            !sibling_prefixes
                .iter()
                .any(|prefix| name.starts_with(prefix))
        })
        .collect();
    assert!(files.len() >= 76, "only {} SMS samples found", files.len());
    for (name, bytes) in &files {
        let description = read_sms_sample(name, bytes);
        assert!(!description.is_empty(), "{name}");
    }
}

fn gws(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir("gws").join(name)).expect("fixture exists")
}

#[test]
fn documentation_typos_are_read_as_what_they_mean() {
    let invite: OperationRequest = read("invite", &gws("invite-request.json"));
    assert_eq!(
        invite,
        OperationRequest::Invite {
            target: Target::Uri(
                "http://localhost:8080/api/v2/contacts/429a55994ef64991a77acb77c1cf9041".into()
            )
        }
    );

    let stop: OperationRequest = read(
        "stop",
        &gws("sendstoptypingtoagentsnotification-request.json"),
    );
    assert_eq!(stop, OperationRequest::SendStopTypingToAgentsNotification);
    assert_eq!(
        serde_json::to_value(&stop).unwrap()["operationName"],
        "SendStopTypingToAgentsNotification"
    );

    let disposition: Notification = read("disposition", &gws("setdisposition-notification-1.json"));
    let session = disposition
        .smssession
        .as_ref()
        .expect("`smsession` read as smssession");
    assert_eq!(
        session.user_data.as_ref().unwrap()["DispositionCode"].as_str(),
        Some("IssueResolved")
    );

    let notice: Notification = read("notice", &gws("sendcustomnotice-notification-1.json"));
    assert_eq!(notice.session_id(), Some("0000RaB4Q006001F"));

    let accept: Notification = read("accept", &gws("accept-notification-1.json"));
    assert_eq!(
        accept.message_type,
        Some(NotificationMessageType::Unknown("test_accept ".into()))
    );
    assert!(matches!(
        accept.event(),
        Ok(NotificationEvent::SessionChanged {
            change: SessionChange::Status,
            reference_id: Some(17),
            ..
        })
    ));
}

#[test]
fn the_bare_error_form_is_a_failure_with_its_reference() {
    let error: Notification = read("error", &gws("cancelconsult-error-notification-1.json"));
    assert_eq!(
        error.event(),
        Ok(NotificationEvent::Failed {
            reference_id: Some(35),
            error_message: "Request failed",
            session: None
        })
    );
}

#[test]
fn messages_keep_their_timestamp_text_and_milliseconds() {
    let note: Notification = read("sendmessage", &gws("sendmessage-notification-1.json"));
    let message = &note.messages.as_ref().unwrap()[0];
    assert_eq!(
        message.timestamp.as_deref(),
        Some("2014-01-09 11:58:12.035+0200")
    );
    assert_eq!(message.timestamp_seconds, Some(1_389_261_492_035));
    assert_eq!(message.kind, MessageType::Text);
    assert_eq!(message.visibility, Some(Visibility::All));
    assert_eq!(note.session_id(), Some("0000Wa9CAM6W00FN"));
}
