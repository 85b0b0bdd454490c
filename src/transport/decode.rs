//! Reading REST answers: pure functions from (HTTP status, body text) to a typed value
//! or an [`ApiError`]. The body decides when it is a GWS answer (`statusCode`); the HTTP
//! status only when it is not.

use gws_types::{
    Contact, ContactsResponse, Disposition, DispositionSettings, Message, OperationResponse,
    SmsSession, StatusCode, User,
};

use super::json::{self, Decode, Error, RawJson, Reader, Struct};
use super::loose::Loose;
use super::ApiError;

/// A body that passed the envelope check.
#[derive(Debug)]
enum AnswerBody {
    /// `{"statusCode": 0, …}`.
    Envelope { reference_id: Option<u64> },
    /// JSON without `statusCode`, under a success status: the bare forms some
    /// documentation samples show.
    Bare(Shape),
}

/// What a bare body holds at its top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Object,
    Array,
    Scalar,
}

/// The envelope's own fields; the rest of the object is only checked to be JSON.
struct Envelope {
    /// Kept when it is there, `null` included (`statusCode: null` is not an integer, not
    /// a missing status).
    status_code: Option<Loose>,
    status_message: Option<Loose>,
    reference_id: Option<Loose>,
}

impl<'a> Decode<'a> for Envelope {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["statusCode", "statusMessage", "referenceId"];
        let mut envelope = Envelope {
            status_code: None,
            status_message: None,
            reference_id: None,
        };
        let mut seen = 0;
        reader.object("struct Envelope", &mut |reader, key| {
            match reader.field(FIELDS, &mut seen, key)? {
                Some(0) => envelope.status_code = Some(Loose::decode(reader)?),
                Some(1) => envelope.status_message = Decode::decode(reader)?,
                Some(2) => envelope.reference_id = Decode::decode(reader)?,
                _ => {
                    reader.skip()?;
                }
            }
            Ok(())
        })?;
        Ok(envelope)
    }
}

fn read_body(status: u16, text: &str) -> Result<AnswerBody, ApiError> {
    let success = (200..300).contains(&status);
    let shape = match text.trim_start().as_bytes().first() {
        Some(b'{') => Shape::Object,
        Some(b'[') => Shape::Array,
        _ => Shape::Scalar,
    };
    let read = match shape {
        Shape::Object => json::from_str::<Envelope>(text).map(Some),
        _ => json::from_str::<RawJson>(text).map(|_| None),
    };
    match read {
        Ok(Some(Envelope {
            status_code: Some(code),
            status_message,
            reference_id,
        })) => {
            let code = code
                .as_i64()
                .ok_or_else(|| ApiError::Unreadable("statusCode is not an integer".into()))?;
            if code == 0 {
                return Ok(AnswerBody::Envelope {
                    reference_id: reference_id.as_ref().and_then(Loose::as_u64),
                });
            }
            Err(ApiError::Status {
                code: StatusCode::from_code(code),
                message: status_message.and_then(Loose::into_text),
            })
        }
        _ if !success => Err(ApiError::Http { status }),
        Ok(_) => Ok(AnswerBody::Bare(shape)),
        Err(error) => Err(ApiError::Unreadable(format!("not JSON: {error}"))),
    }
}

/// Reads `T` from the answer's text with [`json::from_str`], as every wire type is read,
/// the notifications too (`transport::notify`): one reader for all of them keeps the wasm
/// build small, and a long log reads four times as fast as through a `Value`.
fn parse<'a, T: Decode<'a>>(text: &'a str, what: &str) -> Result<T, ApiError> {
    json::from_str(text).map_err(|error| unreadable(what, error))
}

/// Out of line: one copy for every type [`parse`] reads.
#[inline(never)]
fn unreadable(what: &str, error: json::Error) -> ApiError {
    ApiError::Unreadable(format!("{what}: {error}"))
}

/// `{"statusCode":0,"user":…}`.
struct UserAnswer {
    user: Option<User>,
}

impl<'a> Decode<'a> for UserAnswer {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct UserAnswer", &["user"]);
        let mut answer = UserAnswer { user: None };
        reader.fields(&FORM, &mut [&mut answer.user])?;
        Ok(answer)
    }
}

/// `GET /api/v2/me`.
pub fn me(status: u16, text: &str) -> Result<User, ApiError> {
    match read_body(status, text)? {
        AnswerBody::Envelope { .. } => parse::<UserAnswer>(text, "user")?
            .user
            .ok_or_else(|| ApiError::Unreadable("the answer has no user".into())),
        AnswerBody::Bare(Shape::Object) => parse(text, "user"),
        AnswerBody::Bare(_) => Err(ApiError::Unreadable("the answer is not a user".into())),
    }
}

/// What a list of the agent's sessions came back as.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionList {
    Sessions(Vec<SmsSession>),
    /// Only the members' URIs (a server that ignored `fields=*`).
    Uris(Vec<String>),
}

/// `{"statusCode":0,"smssessions":[…]}` (`smsessions` in some samples), or `uris`.
struct SessionsAnswer {
    smssessions: Option<Vec<SmsSession>>,
    uris: Option<Vec<String>>,
}

impl<'a> Decode<'a> for SessionsAnswer {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct SessionsAnswer", &["smssessions", "uris"])
            .aliases(&[("smsessions", "smssessions")]);
        let mut answer = SessionsAnswer {
            smssessions: None,
            uris: None,
        };
        reader.fields(&FORM, &mut [&mut answer.smssessions, &mut answer.uris])?;
        Ok(answer)
    }
}

/// `GET /api/v2/me/smssessions?fields=*`: `smssessions`, or `uris`, or the bare
/// resource / array of the documentation's sample.
pub fn sessions(status: u16, text: &str) -> Result<SessionList, ApiError> {
    match read_body(status, text)? {
        AnswerBody::Envelope { .. } => {
            let answer: SessionsAnswer = parse(text, "smssessions")?;
            Ok(match (answer.smssessions, answer.uris) {
                (Some(sessions), _) => SessionList::Sessions(sessions),
                (None, Some(uris)) => SessionList::Uris(uris),
                // An empty collection may be left out altogether.
                (None, None) => SessionList::Sessions(Vec::new()),
            })
        }
        AnswerBody::Bare(Shape::Array) => parse(text, "smssessions").map(SessionList::Sessions),
        AnswerBody::Bare(Shape::Object) => {
            parse(text, "smssession").map(|session| SessionList::Sessions(vec![session]))
        }
        AnswerBody::Bare(_) => Err(ApiError::Unreadable(
            "the answer is not a session list".into(),
        )),
    }
}

/// `{"statusCode":0,"smssession":…}` (`smsession` in some samples).
struct SessionAnswer {
    smssession: Option<SmsSession>,
}

impl<'a> Decode<'a> for SessionAnswer {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct SessionAnswer", &["smssession"])
            .aliases(&[("smsession", "smssession")]);
        let mut answer = SessionAnswer { smssession: None };
        reader.fields(&FORM, &mut [&mut answer.smssession])?;
        Ok(answer)
    }
}

/// `GET /api/v2/me/smssessions/{id}`: `{"statusCode":0,"smssession":…}` or the bare resource.
pub fn session(status: u16, text: &str) -> Result<SmsSession, ApiError> {
    match read_body(status, text)? {
        AnswerBody::Envelope { .. } => parse::<SessionAnswer>(text, "smssession")?
            .smssession
            .ok_or_else(|| ApiError::Unreadable("the answer has no smssession".into())),
        AnswerBody::Bare(Shape::Object) => parse(text, "smssession"),
        AnswerBody::Bare(_) => Err(ApiError::Unreadable("the answer is not a session".into())),
    }
}

/// `{"statusCode":0,"messages":[…]}`.
struct MessagesAnswer {
    status_code: Option<i64>,
    messages: Option<Vec<Message>>,
}

impl<'a> Decode<'a> for MessagesAnswer {
    fn decode(reader: &mut Reader<'a>) -> Result<Self, Error> {
        const FORM: Struct = Struct::new("struct MessagesAnswer", &["statusCode", "messages"]);
        let mut answer = MessagesAnswer {
            status_code: None,
            messages: None,
        };
        reader.fields(&FORM, &mut [&mut answer.status_code, &mut answer.messages])?;
        Ok(answer)
    }
}

/// `GET …/messages`: `{"statusCode":0,"messages":[…]}` or a bare array.
///
/// A log can hold 10,000 entries, and its answer is read before the agent sees any of
/// them: the usual answer is read in one pass. Anything else (an error, a bare array, a
/// field of the wrong type) is first looked at as a whole, to say what is wrong.
pub fn messages(status: u16, text: &str) -> Result<Vec<Message>, ApiError> {
    if let Ok(MessagesAnswer {
        status_code: Some(0),
        messages,
    }) = json::from_str(text)
    {
        return Ok(messages.unwrap_or_default());
    }
    any_messages(status, text)
}

/// `GET …/messages` in any of its forms.
fn any_messages(status: u16, text: &str) -> Result<Vec<Message>, ApiError> {
    match read_body(status, text)? {
        AnswerBody::Envelope { .. } => Ok(parse::<MessagesAnswer>(text, "messages")?
            .messages
            .unwrap_or_default()),
        AnswerBody::Bare(Shape::Array) => parse(text, "messages"),
        AnswerBody::Bare(_) => Err(ApiError::Unreadable(
            "the answer is not a message list".into(),
        )),
    }
}

/// One page of a contacts search.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contacts {
    /// How many contacts match in all, when GWS says.
    pub total_count: Option<u64>,
    pub contacts: Vec<Contact>,
}

/// `GET /api/v2/contacts`.
pub fn contacts(status: u16, text: &str) -> Result<Contacts, ApiError> {
    match read_body(status, text)? {
        AnswerBody::Envelope { .. } => {
            let answer: ContactsResponse = parse(text, "contacts")?;
            Ok(Contacts {
                total_count: answer.total_count,
                contacts: answer.contacts.unwrap_or_default(),
            })
        }
        AnswerBody::Bare(Shape::Array) => Ok(Contacts {
            total_count: None,
            contacts: parse(text, "contacts")?,
        }),
        AnswerBody::Bare(_) => Err(ApiError::Unreadable(
            "the answer is not a contact list".into(),
        )),
    }
}

/// `GET /api/v2/settings/dispositions`: the codes an agent may set, those with a name,
/// each name once (the list is keyed by it).
pub fn dispositions(status: u16, text: &str) -> Result<Vec<Disposition>, ApiError> {
    read_body(status, text)?;
    let answer: DispositionSettings = parse(text, "disposition codes")?;
    let mut codes: Vec<Disposition> = Vec::new();
    for code in answer.settings {
        if code.name.is_some() && !codes.iter().any(|held| held.name == code.name) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// An operation GWS accepted; its outcome arrives as notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    /// Carried by the notifications this operation causes, when GWS gives one.
    pub reference_id: Option<u64>,
}

/// As the reducer records answers.
impl From<Accepted> for OperationResponse {
    fn from(accepted: Accepted) -> Self {
        OperationResponse::accepted(accepted.reference_id)
    }
}

/// `POST /api/v2/me/smssessions/{id}`: `{"statusCode":0}` or with `referenceId`.
pub fn operation(status: u16, text: &str) -> Result<Accepted, ApiError> {
    if (200..300).contains(&status) && text.trim().is_empty() {
        return Ok(Accepted { reference_id: None });
    }
    match read_body(status, text)? {
        AnswerBody::Envelope { reference_id } => Ok(Accepted { reference_id }),
        AnswerBody::Bare(_) => Err(ApiError::Unreadable("the answer has no statusCode".into())),
    }
}

/// A 403 that is not a GWS answer is the CSRF refusal ("Missing or invalid Csrf
/// token"): worth one token refresh. A 403 with a `statusCode` is a real refusal.
pub fn is_csrf_refusal(status: u16, text: &str) -> bool {
    status == 403 && !matches!(read_body(status, text), Err(ApiError::Status { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gws_types::{ContactType, SessionStatus};

    const HTML_502: &str = "<html><head><title>502 Bad Gateway</title></head>\
        <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    const SESSION: &str = r#"{"state":"Chatting","id":"0000Na9B26EF002G",
        "uri":"http://localhost:8080/api/v2/smssessions/0000Na9B26EF002G",
        "participants":[{"type":"Agent","nickname":"Agent1","participantId":"009052BDEE4A003E"},
                        {"type":"Customer","nickname":"PersonP","participantId":"009052BDEE39003C"}],
        "capabilities":["AttachUserData","Leave","Transfer","Invite","Consult"],"userData":{}}"#;

    #[test]
    fn me_from_the_documented_answer() {
        let body = r#"{"statusCode":0,"user":{"id":"63630bbebf4840d7a0bffd6312bc29ff",
            "userName":"ksippo","firstName":"Kristi","lastName":"Sippola","roles":["ROLE_AGENT"],
            "enabled":true,"changePasswordOnFirstLogin":false,
            "uri":"http://127.0.0.1/cloud-web/api/v2/users/63630bbebf4840d7a0bffd6312bc29ff",
            "path":"/users/63630bbebf4840d7a0bffd6312bc29ff"}}"#;
        let user = me(200, body).expect("a user");
        assert_eq!(user.user_name.as_deref(), Some("ksippo"));
    }

    #[test]
    fn not_authenticated_whatever_the_http_status() {
        for status in [200, 401, 500] {
            let error = me(
                status,
                r#"{"statusCode":20,"statusMessage":"Access denied"}"#,
            )
            .expect_err("refused");
            assert!(error.is_signed_out(), "{status}: {error:?}");
        }
        assert!(me(401, "").expect_err("refused").is_signed_out());
    }

    #[test]
    fn the_body_status_code_wins_over_the_http_status() {
        // A success envelope under an error status is still a success.
        assert!(session(
            500,
            &format!(r#"{{"statusCode":0,"smssession":{SESSION}}}"#)
        )
        .is_ok());
        // And an error envelope under 200 is an error.
        assert_eq!(
            session(200, r#"{"statusCode":6,"statusMessage":"Not found"}"#),
            Err(ApiError::Status {
                code: StatusCode::NotFound,
                message: Some("Not found".into())
            })
        );
    }

    #[test]
    fn session_in_every_documented_form() {
        for body in [
            format!(r#"{{"statusCode":0,"smssession":{SESSION}}}"#),
            format!(r#"{{"statusCode":0,"smsession":{SESSION}}}"#),
            SESSION.to_owned(),
        ] {
            let read = session(200, &body).expect("a session");
            assert_eq!(read.id.as_deref(), Some("0000Na9B26EF002G"));
            assert_eq!(read.state, Some(SessionStatus::Chatting));
        }
        assert!(matches!(
            session(200, r#"{"statusCode":0}"#),
            Err(ApiError::Unreadable(_))
        ));
    }

    #[test]
    fn sessions_in_every_documented_form() {
        let forms = [
            format!(r#"{{"statusCode":0,"smssessions":[{SESSION}]}}"#),
            format!("[{SESSION}]"),
            SESSION.to_owned(),
        ];
        for body in forms {
            let SessionList::Sessions(list) = sessions(200, &body).expect("sessions") else {
                panic!("expected sessions for {body}");
            };
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].id.as_deref(), Some("0000Na9B26EF002G"));
        }
        assert_eq!(
            sessions(
                200,
                r#"{"statusCode":0,"uris":["http://h/api/v2/smssessions/a"]}"#
            ),
            Ok(SessionList::Uris(vec![
                "http://h/api/v2/smssessions/a".into()
            ]))
        );
        assert_eq!(
            sessions(200, r#"{"statusCode":0}"#),
            Ok(SessionList::Sessions(vec![]))
        );
    }

    #[test]
    fn messages_enveloped_or_bare() {
        let list = r#"[{"index":3,"type":"Text","text":"hello","visibility":"All",
            "timestamp":"2014-01-06 12:14:06.007-0800","timestampSeconds":1389039246007}]"#;
        for body in [
            format!(r#"{{"statusCode":0,"messages":{list}}}"#),
            list.to_owned(),
        ] {
            let read = messages(200, &body).expect("messages");
            assert_eq!(read.len(), 1);
            assert_eq!(read[0].index, 3);
        }
        assert_eq!(messages(200, r#"{"statusCode":0}"#), Ok(vec![]));
    }

    #[test]
    fn a_log_read_straight_from_the_text_reads_as_in_general() {
        let bodies = [
            r#"{"statusCode":0,"messages":[
                {"index":1,"type":"ParticipantJoined","from":{"participantId":"C1","nickname":"Cus","type":"Customer"},"visibility":"All"},
                {"index":2,"type":"Text","text":"<b>hi</b>","visibility":"Agents","timestampSeconds":1389039246007},
                {"index":3,"type":"TypingStarted"},
                {"index":4,"type":"SomethingNew","noticeText":"?","extra":{"a":[1,2]}},
                {"index":5,"type":"PushUrl","url":"http://x"}],"statusMessage":"ok"}"#,
            r#"{"statusCode":0,"messages":[{"index":1,"type":"Text","text":"a","text":"b"}]}"#,
            r#"{"statusCode":0,"messages":null}"#,
            r#"{"statusCode":0,"messages":[{"index":"1","type":"Text"}]}"#,
            r#"{"statusCode":1,"statusMessage":"Invalid parameter","messages":[]}"#,
            r#"[{"index":1,"type":"Text"}]"#,
        ];
        for body in bodies {
            assert_eq!(messages(200, body), any_messages(200, body), "{body}");
        }
        assert_eq!(messages(200, bodies[0]).map(|log| log.len()), Ok(5));
    }

    #[test]
    fn contacts_with_total() {
        let body = r#"{"statusCode":0,"totalCount":2,"contacts":[
            {"id":"a1","name":"agent2","type":"User","uri":"http://h/api/v2/contacts/a1","path":"/contacts/a1"},
            {"id":"q1","name":"SMS Queue","type":"Queue","uri":"http://h/api/v2/contacts/q1","path":"/contacts/q1"}]}"#;
        let read = contacts(200, body).expect("contacts");
        assert_eq!(read.total_count, Some(2));
        assert_eq!(read.contacts[1].kind, Some(ContactType::Queue));
        assert_eq!(
            contacts(200, r#"{"statusCode":0}"#),
            Ok(Contacts::default())
        );
    }

    #[test]
    fn operation_answers() {
        assert_eq!(
            operation(200, r#"{"statusCode":0}"#),
            Ok(Accepted { reference_id: None })
        );
        assert_eq!(
            operation(200, r#"{"statusCode":0,"referenceId":35}"#),
            Ok(Accepted {
                reference_id: Some(35)
            })
        );
        assert_eq!(operation(204, ""), Ok(Accepted { reference_id: None }));
        assert_eq!(
            operation(400, r#"{"statusCode":2,"statusMessage":"Invalid state"}"#),
            Err(ApiError::Status {
                code: StatusCode::InvalidForState,
                message: Some("Invalid state".into())
            })
        );
        assert!(matches!(operation(200, "[]"), Err(ApiError::Unreadable(_))));
        let recorded = OperationResponse::from(Accepted {
            reference_id: Some(35),
        });
        assert!(recorded.status_code.is_ok());
        assert_eq!(recorded.reference_id, Some(35));
    }

    #[test]
    fn nothing_a_server_sends_panics() {
        let bodies = [
            "",
            HTML_502,
            "Missing or invalid Csrf token",
            r#"{"statusCode":0,"smssession":{"id":"a","sta"#,
            r#"{"statusCode":"0"}"#,
            r#"{"statusCode":1.5}"#,
            r#"{"statusCode":0,"smssession":{"id":7}}"#,
            r#"{"statusCode":0,"smssessions":{"not":"a list"}}"#,
            r#"{"statusCode":0,"messages":[{"index":-1,"type":"Text"}]}"#,
            r#"{"statusCode":0,"user":[]}"#,
            r#"{"statusCode":0,"contacts":"none"}"#,
            "null",
            "7",
            "\u{feff}{}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]",
        ];
        for status in [200, 403, 404, 500, 502] {
            for body in bodies {
                let all = [
                    me(status, body).err(),
                    sessions(status, body).err(),
                    session(status, body).err(),
                    messages(status, body).err(),
                    contacts(status, body).err(),
                    operation(status, body).err(),
                ];
                // Each one either reads (a bare form) or says why not; none panics.
                for error in all.into_iter().flatten() {
                    assert!(!crate::i18n::Catalogue::default()
                        .say(&error.said())
                        .is_empty());
                }
            }
        }
    }

    #[test]
    fn non_json_errors_carry_the_http_status() {
        for status in [403, 404, 500, 502, 503] {
            assert_eq!(session(status, HTML_502), Err(ApiError::Http { status }));
            assert_eq!(
                operation(status, "Missing or invalid Csrf token"),
                Err(ApiError::Http { status })
            );
        }
        assert!(matches!(
            session(200, HTML_502),
            Err(ApiError::Unreadable(_))
        ));
        assert!(matches!(
            session(200, r#"{"statusCode":0,"smssession":{"id":"a","sta"#),
            Err(ApiError::Unreadable(_))
        ));
        assert!(matches!(
            session(200, r#"{"statusCode":0,"smssession":{"id":7}}"#),
            Err(ApiError::Unreadable(_))
        ));
    }

    #[test]
    fn an_envelope_of_wrong_types_is_unreadable_or_read_without_the_field() {
        for body in [
            r#"{"statusCode":null}"#,
            r#"{"statusCode":"0"}"#,
            r#"{"statusCode":{"code":0}}"#,
        ] {
            assert_eq!(
                operation(200, body),
                Err(ApiError::Unreadable("statusCode is not an integer".into())),
                "{body}"
            );
        }
        assert_eq!(
            operation(
                200,
                r#"{"statusCode":0,"referenceId":"35","x":[{"y":null}]}"#
            ),
            Ok(Accepted { reference_id: None })
        );
        assert_eq!(
            session(404, r#"{"statusCode":6,"statusMessage":["Not found"]}"#),
            Err(ApiError::Status {
                code: StatusCode::NotFound,
                message: None
            })
        );
    }

    #[test]
    fn csrf_refusal_is_a_403_without_status_code() {
        assert!(is_csrf_refusal(403, "Missing or invalid Csrf token"));
        assert!(is_csrf_refusal(403, ""));
        assert!(!is_csrf_refusal(
            403,
            r#"{"statusCode":3,"statusMessage":"Forbidden"}"#
        ));
        assert!(!is_csrf_refusal(401, "Missing or invalid Csrf token"));
        assert!(!is_csrf_refusal(200, r#"{"statusCode":0}"#));
    }

    #[test]
    fn disposition_codes_as_documented_those_without_a_name_left_out() {
        // The documented sample (docs.genesys.com HTCC API "Dispositioncodes"), one code
        // more without a name, and one name again.
        let body = r#"{ "key" : "name",
          "settings" : [ { "displayName" : "Issue Escalated", "name" : "EscalationCreated" },
            { "displayName" : "Issue Resolved", "name" : "IssueResolved" },
            { "displayName" : "Nameless" },
            { "displayName" : "Again", "name" : "IssueResolved" } ],
          "statusCode" : 0 }"#;
        let codes = dispositions(200, body).unwrap();
        let names: Vec<_> = codes.iter().map(|c| c.name.as_deref()).collect();
        assert_eq!(names, [Some("EscalationCreated"), Some("IssueResolved")]);
        assert_eq!(codes[1].display_name.as_deref(), Some("Issue Resolved"));
        assert!(matches!(
            dispositions(200, r#"{"statusCode":2,"statusMessage":"No"}"#),
            Err(ApiError::Status { .. })
        ));
        assert!(matches!(
            dispositions(404, "Not Found"),
            Err(ApiError::Http { status: 404 })
        ));
        assert!(dispositions(200, r#"{"statusCode":0,"settings":"x"}"#).is_err());
    }
}
