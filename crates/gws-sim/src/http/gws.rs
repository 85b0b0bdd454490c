//! The GWS REST surface an agent's desktop uses: `/api/v2/me`, the agent's SMS
//! sessions, their messages, operations on them, the Contacts search and the
//! disposition codes.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use gws_types::{
    DispositionSettings, MeOperationRequest, MeResponse, MessagesResponse, OperationParseError,
    OperationRequest, OperationResponse, SmsSessionResponse, SmsSessionsResponse, StatusCode,
    VersionResponse,
};
use serde::Serialize;
use serde_json::Value;

use crate::auth::{session_cookie, HttpSession, SignIn, CSRF_HEADER, CSRF_TOKEN};
use crate::directory::ContactQuery;
use crate::faults;
use crate::profile::references::Cause;
use crate::profile::Profile;
use crate::sim::Sim;

/// A signed-in request: its HTTP session, and whether it was opened just now.
struct SignedIn {
    session: HttpSession,
    new: bool,
}

// An early-return `Response` is the natural error of a handler helper.
#[allow(clippy::result_large_err)]
fn signed_in(sim: &Sim, headers: &HeaderMap) -> Result<SignedIn, Response> {
    let outcome = sim.http_sessions.sign_in(headers, sim.engine().directory());
    match outcome {
        SignIn::Existing(session) => Ok(SignedIn {
            session,
            new: false,
        }),
        SignIn::New(session) => Ok(SignedIn { session, new: true }),
        // HTTP 401 without WWW-Authenticate, so a browser shows no login dialog.
        SignIn::Refused => Err(reply(
            None,
            &error(
                StatusCode::NotAuthenticated,
                "Access denied: valid credentials are required",
            ),
        )),
    }
}

fn error(status: StatusCode, message: impl Into<String>) -> OperationResponse {
    OperationResponse::error(status, message)
}

/// A GWS answer: the HTTP status paired with its `statusCode`, the CSRF headers for a
/// signed-in agent, and the session cookie when the session is new.
fn reply<T: Serialize + HasStatus>(agent: Option<&SignedIn>, body: &T) -> Response {
    let status = axum::http::StatusCode::from_u16(body.status().http_status())
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, Json(body)).into_response();
    if let Some(agent) = agent {
        let headers = response.headers_mut();
        headers.insert(CSRF_HEADER, HeaderValue::from_static(CSRF_TOKEN));
        if let Ok(token) = HeaderValue::from_str(&agent.session.csrf_token) {
            headers.insert(CSRF_TOKEN, token);
        }
        if agent.new {
            let jar = CookieJar::new().add(session_cookie(&agent.session));
            return (jar, response).into_response();
        }
    }
    response
}

trait HasStatus {
    fn status(&self) -> StatusCode;
}

macro_rules! has_status {
    ($($t:ty),+) => { $(impl HasStatus for $t { fn status(&self) -> StatusCode { self.status_code } })+ };
}
has_status!(
    OperationResponse,
    MeResponse,
    SmsSessionResponse,
    SmsSessionsResponse,
    MessagesResponse,
    VersionResponse,
    gws_types::ContactsResponse
);

impl HasStatus for DispositionSettings {
    fn status(&self) -> StatusCode {
        self.status_code.unwrap_or(StatusCode::Ok)
    }
}

impl HasStatus for Value {
    fn status(&self) -> StatusCode {
        StatusCode::from_code(self.get("statusCode").and_then(Value::as_i64).unwrap_or(0))
    }
}

pub async fn me(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let engine = sim.engine();
    let user = engine
        .directory()
        .agent(&agent.session.username)
        .map(|entry| engine.directory().user(entry));
    let body = MeResponse {
        status_code: StatusCode::Ok,
        status_message: None,
        user,
    };
    reply(Some(&agent), &body)
}

/// `StartContactCenterSession` is accepted as is; `EndContactCenterSession` also ends
/// the HTTP session, as GWS documents.
pub async fn me_operation(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    match serde_json::from_slice::<MeOperationRequest>(&body) {
        Ok(MeOperationRequest::StartContactCenterSession { .. }) => {
            reply(Some(&agent), &OperationResponse::accepted(None))
        }
        Ok(MeOperationRequest::EndContactCenterSession) => {
            sim.http_sessions.end(&agent.session.id);
            reply(None, &OperationResponse::accepted(None))
        }
        Err(why) => reply(
            Some(&agent),
            &error(StatusCode::MissingParameter, why.to_string()),
        ),
    }
}

pub async fn list(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let profile = sim.profile();
    let sessions: Vec<_> = sim
        .engine()
        .sessions(&agent.session.username)
        .into_iter()
        .map(|session| profile.shape_session(session))
        .collect();
    let Some(fields) = query.get("fields") else {
        let body = SmsSessionsResponse {
            status_code: StatusCode::Ok,
            status_message: None,
            smssessions: None,
            uris: Some(sessions.into_iter().filter_map(|s| s.uri).collect()),
        };
        return reply(Some(&agent), &body);
    };
    if fields.trim() == "*" {
        let body = SmsSessionsResponse {
            status_code: StatusCode::Ok,
            status_message: None,
            smssessions: Some(sessions),
            uris: None,
        };
        return reply(Some(&agent), &body);
    }
    // A comma-separated field list keeps only those fields of each session.
    let wanted: Vec<&str> = fields.split(',').map(str::trim).collect();
    let trimmed: Vec<Value> = sessions
        .iter()
        .filter_map(|session| serde_json::to_value(session).ok())
        .map(|mut value| {
            if let Some(object) = value.as_object_mut() {
                object.retain(|key, _| wanted.contains(&key.as_str()));
            }
            value
        })
        .collect();
    reply(
        Some(&agent),
        &serde_json::json!({"statusCode": 0, "smssessions": trimmed}),
    )
}

fn not_found(id: &str) -> OperationResponse {
    error(StatusCode::NotFound, format!("SMS session {id} not found"))
}

pub async fn read(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let found = sim.engine().session(&agent.session.username, &id);
    match found {
        Some(session) => reply(
            Some(&agent),
            &SmsSessionResponse {
                status_code: StatusCode::Ok,
                status_message: None,
                smssession: Some(sim.profile().shape_session(session)),
            },
        ),
        None => reply(Some(&agent), &not_found(&id)),
    }
}

/// A positive integer query parameter, absent allowed.
fn positive(
    query: &HashMap<String, String>,
    name: &str,
    minimum: u64,
) -> Result<Option<u64>, OperationResponse> {
    match query.get(name) {
        None => Ok(None),
        Some(text) => match text.trim().parse::<u64>() {
            Ok(n) if n >= minimum => Ok(Some(n)),
            _ => Err(error(
                StatusCode::OutOfRange,
                format!("{name} must be an integer of at least {minimum}"),
            )),
        },
    }
}

pub async fn messages(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let range = positive(&query, "startIndex", 1)
        .and_then(|start| Ok((start, positive(&query, "count", 0)?)));
    let (start, count) = match range {
        Ok(range) => range,
        Err(refusal) => return reply(Some(&agent), &refusal),
    };
    let found = sim.engine().messages(
        &agent.session.username,
        &id,
        start.unwrap_or(1),
        count.map(|c| c as usize),
    );
    match found {
        Some(messages) => reply(
            Some(&agent),
            &MessagesResponse {
                status_code: StatusCode::Ok,
                status_message: None,
                messages: Some(messages),
            },
        ),
        None => reply(Some(&agent), &not_found(&id)),
    }
}

/// The `statusCode` for a body that is not a valid operation.
fn refusal(why: &OperationParseError) -> StatusCode {
    match why {
        OperationParseError::UnknownOperation(_) => StatusCode::InvalidForState,
        OperationParseError::InvalidParameters { reason, .. }
            if !(reason.contains("missing") || reason.contains("required")) =>
        {
            StatusCode::OutOfRange
        }
        _ => StatusCode::MissingParameter,
    }
}

pub async fn operate(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let operation = match OperationRequest::parse(&body) {
        Ok(operation) => operation,
        Err(why) => return reply(Some(&agent), &error(refusal(&why), why.to_string())),
    };
    let profile = sim.profile();
    let operation = echoed(&profile, operation);
    let user = agent.session.username.clone();
    let name = operation.operation_name();
    if faults::take_for(&mut sim.faults().drop_request, name) {
        sim.log(format!(
            "fault  -> {user} {name} on {id} lost before it arrived"
        ));
        return lost_answer();
    }
    let mut engine = sim.engine();
    let forced = sim.faults().fail_next.take();
    match engine.operate(&user, &id, operation, forced.clone()) {
        Ok(accepted) => {
            sim.log(format!(
                "op     <- {user} {name} on {id} (referenceId {})",
                accepted.reference_id
            ));
            // Focus changes nothing anyone sees: this line and the count are its trace.
            if name == "SetInFocus" {
                let sent = engine
                    .focus_counts(&id)
                    .and_then(|counts| counts.get(&user).copied())
                    .unwrap_or_default();
                sim.log(format!(
                    "focus  <- {user} SetInFocus on {id} ({sent} from {user} so far)"
                ));
            }
            let cause = Cause {
                operation: name,
                requester: &user,
            };
            let ticket = sim.dispatch_operation(cause, accepted.outbound);
            drop(engine);
            let reference = profile.answer_reference(name, accepted.reference_id);
            let mut response = if faults::take_for(&mut sim.faults().lose_answer, name) {
                sim.log(format!(
                    "fault  -> {user} {name} on {id} done, its answer lost"
                ));
                lost_answer()
            } else {
                reply(Some(&agent), &OperationResponse::accepted(reference))
            };
            // The operation's notifications follow whatever answer leaves.
            if let Some(ticket) = ticket {
                response.extensions_mut().insert(ticket);
            }
            response
        }
        Err(_) => {
            // The fault waits for an operation that is actually accepted.
            if forced.is_some() {
                sim.faults().fail_next = forced;
            }
            drop(engine);
            reply(Some(&agent), &not_found(&id))
        }
    }
}

/// What a proxy answers when the connection to GWS breaks: the caller cannot tell
/// whether the operation was carried out.
fn lost_answer() -> Response {
    (
        axum::http::StatusCode::BAD_GATEWAY,
        "the connection to the server was lost",
    )
        .into_response()
}

/// A text-writing operation with its text as the log will keep it.
fn echoed(profile: &Profile, operation: OperationRequest) -> OperationRequest {
    match operation {
        OperationRequest::SendMessage { text } => OperationRequest::SendMessage {
            text: profile.echo(&text),
        },
        OperationRequest::SendToAgents { text } => OperationRequest::SendToAgents {
            text: profile.echo(&text),
        },
        other => other,
    }
}

pub async fn contacts(
    State(sim): State<Arc<Sim>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let paging = positive(&query, "offset", 0)
        .and_then(|offset| Ok((offset, positive(&query, "limit", 0)?)));
    let (offset, limit) = match paging {
        Ok(paging) => paging,
        Err(refusal) => return reply(Some(&agent), &refusal),
    };
    let search = ContactQuery {
        name: query.get("name").cloned(),
        kind: query.get("type").cloned(),
        filter_name: query.get("filterName").cloned(),
        filter_parameters: query.get("filterParameters").cloned(),
        offset: offset.map(|n| n as usize),
        limit: limit.map(|n| n as usize),
    };
    let answer = sim.engine().directory().search(&search);
    reply(Some(&agent), &answer)
}

/// The codes the control API set (by default the documented sample's), or the failure
/// it asked for.
pub async fn dispositions(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    let agent = match signed_in(&sim, &headers) {
        Ok(agent) => agent,
        Err(refusal) => return refusal,
    };
    let answer = sim.dispositions().answer();
    match answer {
        Ok(listing) => reply(Some(&agent), &listing),
        Err((code, message)) => {
            sim.log(format!("fault  -> {code} for the disposition codes"));
            reply(Some(&agent), &error(code, message))
        }
    }
}

pub async fn version(State(sim): State<Arc<Sim>>, headers: HeaderMap) -> Response {
    let agent = signed_in(&sim, &headers).ok();
    let body = VersionResponse {
        status_code: StatusCode::Ok,
        status_message: None,
        version: Some(format!("gws-sim {}", env!("CARGO_PKG_VERSION"))),
    };
    reply(agent.as_ref(), &body)
}
