//! The control API for demos and tests (`/sim/v1/...`): the directory, starting
//! sessions, the simulated customer and agents, the customer's transcript, how often
//! agents put a session in focus, the disposition codes, faults, the profile (loopback
//! or field).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::directory::Directory;
use crate::dispositions::DispositionsRequest;
use crate::engine::ControlError;
use crate::faults::FaultRequest;
use crate::profile::ProfileRequest;
use crate::sim::Sim;

pub fn router() -> Router<Arc<Sim>> {
    Router::new()
        .route("/sim/v1/directory", get(directory))
        .route("/sim/v1/agents/{username}/ready", post(set_ready))
        .route(
            "/sim/v1/agents/{username}/raw-notification",
            post(raw_notification),
        )
        .route("/sim/v1/agents/{username}/cometd", get(cometd_stats))
        .route("/sim/v1/sessions", post(start_session))
        .route(
            "/sim/v1/sessions/{id}/customer-messages",
            post(customer_message),
        )
        .route(
            "/sim/v1/sessions/{id}/agents/{username}/messages",
            post(agent_message),
        )
        .route("/sim/v1/sessions/{id}/customer-transcript", get(transcript))
        .route("/sim/v1/sessions/{id}/focus", get(focus))
        .route(
            "/sim/v1/dispositions",
            get(dispositions).post(set_dispositions),
        )
        .route("/sim/v1/faults", post(faults))
        .route("/sim/v1/profile", get(profile).post(set_profile))
}

fn refuse(status: StatusCode, message: impl std::fmt::Display) -> Response {
    (status, Json(json!({"error": message.to_string()}))).into_response()
}

fn control_error(why: ControlError) -> Response {
    let status = match why {
        ControlError::UnknownAgent(_) | ControlError::UnknownSession(_) => StatusCode::NOT_FOUND,
        ControlError::NotInSession(_) | ControlError::CustomerGone => StatusCode::CONFLICT,
    };
    refuse(status, why)
}

// An early-return `Response` is the natural error of a handler helper.
#[allow(clippy::result_large_err)]
fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, Response> {
    serde_json::from_slice(bytes)
        .map_err(|why| refuse(StatusCode::BAD_REQUEST, format!("bad request body: {why}")))
}

async fn directory(State(sim): State<Arc<Sim>>) -> Response {
    let engine = sim.engine();
    let dir = engine.directory();
    let agents: Vec<_> = dir
        .agents()
        .iter()
        .map(|agent| {
            json!({
                "username": agent.username,
                "nickname": agent.nickname,
                "uri": dir.contact_uri(&agent.id),
                "path": Directory::contact_path(&agent.id),
                "ready": agent.ready,
            })
        })
        .collect();
    let queues: Vec<_> = dir
        .queues()
        .iter()
        .map(|queue| json!({"name": queue.name, "uri": dir.contact_uri(&queue.id), "path": Directory::contact_path(&queue.id)}))
        .collect();
    Json(json!({"agents": agents, "queues": queues})).into_response()
}

#[derive(Deserialize)]
struct Ready {
    ready: bool,
}

async fn set_ready(
    State(sim): State<Arc<Sim>>,
    Path(username): Path<String>,
    bytes: Bytes,
) -> Response {
    let ready: Ready = match body(&bytes) {
        Ok(ready) => ready,
        Err(refusal) => return refusal,
    };
    if sim
        .engine()
        .directory_mut()
        .set_ready(&username, ready.ready)
    {
        Json(json!({"username": username, "ready": ready.ready})).into_response()
    } else {
        control_error(ControlError::UnknownAgent(username))
    }
}

/// How often `username`'s CometD clients handshook and subscribed, and how many the
/// server knows now.
async fn cometd_stats(State(sim): State<Arc<Sim>>, Path(username): Path<String>) -> Response {
    if sim.engine().directory().agent(&username).is_none() {
        return control_error(ControlError::UnknownAgent(username));
    }
    Json(sim.bayeux.stats(&username)).into_response()
}

/// Any JSON value, sent as it is.
#[derive(Deserialize)]
struct Raw {
    data: serde_json::Value,
}

/// Publishes `data` unchanged as a notification on the agent's SMS topic: how tests make
/// the simulator send what a broken or hostile server would (wrong types, unknown
/// values, huge texts, a string instead of an object).
async fn raw_notification(
    State(sim): State<Arc<Sim>>,
    Path(username): Path<String>,
    bytes: Bytes,
) -> Response {
    let raw: Raw = match body(&bytes) {
        Ok(raw) => raw,
        Err(refusal) => return refusal,
    };
    if sim.engine().directory().agent(&username).is_none() {
        return control_error(ControlError::UnknownAgent(username));
    }
    sim.log(format!("sim    <- raw notification for {username}"));
    sim.publish(&username, raw.data);
    StatusCode::NO_CONTENT.into_response()
}

/// One scripted customer text, sent `afterMs` after the session starts.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ScriptLine {
    after_ms: u64,
    text: String,
}

#[derive(Deserialize)]
struct NewSession {
    agent: String,
    #[serde(default = "default_nickname")]
    nickname: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    script: Vec<ScriptLine>,
}

fn default_nickname() -> String {
    "Customer".to_owned()
}

async fn start_session(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let request: NewSession = match body(&bytes) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let mut engine = sim.engine();
    let (id, outbound) =
        match engine.start_session(&request.agent, &request.nickname, &request.text) {
            Ok(started) => started,
            Err(why) => return control_error(why),
        };
    sim.log(format!(
        "sim    <- new session {id} for {} from {}",
        request.agent, request.nickname
    ));
    sim.dispatch(outbound);
    drop(engine);
    for line in request.script {
        let (sim, id) = (Arc::clone(&sim), id.clone());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(line.after_ms)).await;
            let mut engine = sim.engine();
            if let Ok(outbound) = engine.customer_message(&id, &line.text) {
                sim.dispatch(outbound);
            }
        });
    }
    (StatusCode::CREATED, Json(json!({"id": id}))).into_response()
}

#[derive(Deserialize)]
struct Text {
    text: String,
}

async fn customer_message(
    State(sim): State<Arc<Sim>>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let text: Text = match body(&bytes) {
        Ok(text) => text,
        Err(refusal) => return refusal,
    };
    let mut engine = sim.engine();
    match engine.customer_message(&id, &text.text) {
        Ok(outbound) => {
            sim.dispatch(outbound);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(why) => control_error(why),
    }
}

async fn agent_message(
    State(sim): State<Arc<Sim>>,
    Path((id, username)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let text: Text = match body(&bytes) {
        Ok(text) => text,
        Err(refusal) => return refusal,
    };
    let mut engine = sim.engine();
    match engine.agent_message(&id, &username, &text.text) {
        Ok(outbound) => {
            sim.dispatch(outbound);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(why) => control_error(why),
    }
}

async fn transcript(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Response {
    match sim.engine().customer_transcript(&id) {
        Some(messages) => Json(json!({"messages": messages})).into_response(),
        None => control_error(ControlError::UnknownSession(id)),
    }
}

/// How many SetInFocus requests each agent sent for the session: `{"agent1": 2}`;
/// an agent who sent none is absent.
async fn focus(State(sim): State<Arc<Sim>>, Path(id): Path<String>) -> Response {
    match sim.engine().focus_counts(&id) {
        Some(counts) => Json(counts).into_response(),
        None => control_error(ControlError::UnknownSession(id)),
    }
}

async fn dispositions(State(sim): State<Arc<Sim>>) -> Response {
    Json(sim.dispositions().clone()).into_response()
}

/// Replaces the disposition codes, makes their read fail, or both; answers the
/// endpoint as it now stands.
async fn set_dispositions(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let request: DispositionsRequest = match body(&bytes) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let mut dispositions = sim.dispositions();
    if let Err(why) = dispositions.apply(request) {
        return refuse(StatusCode::BAD_REQUEST, why);
    }
    let state = dispositions.clone();
    drop(dispositions);
    sim.log(format!(
        "sim    <- disposition codes: {} listed, {}",
        state.settings.len(),
        match state.fail {
            Some(status) => format!("reads fail with HTTP {status}"),
            None => "reads answer them".to_owned(),
        }
    ));
    Json(state).into_response()
}

async fn faults(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let request: FaultRequest = match body(&bytes) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    {
        let mut faults = sim.faults();
        if let Some(delay_ms) = request.delay_ms {
            faults.delay_ms = delay_ms;
        }
        if let Some(count) = request.fail_requests {
            faults.fail_requests = count;
        }
        if let Some(message) = request.fail_next_operation {
            faults.fail_next = Some(message);
        }
        if let Some(operation) = request.lose_answer_of {
            faults.lose_answer = Some(operation);
        }
        if let Some(operation) = request.drop_request_of {
            faults.drop_request = Some(operation);
        }
        if request.pause_notifications == Some(true) {
            faults.paused = true;
        }
    }
    if request.pause_notifications == Some(false) {
        sim.resume_notifications();
    }
    // Cut after the faults are in force: a client that polls again at once, as a cut
    // poll invites, must meet them, not slip through before they apply.
    let cut = if request.drop_connections == Some(true) {
        sim.bayeux.drop_polls()
    } else {
        0
    };
    let expired = if request.expire_clients == Some(true) {
        sim.bayeux.expire_all()
    } else {
        0
    };
    sim.log(format!(
        "fault  <- {} (cut {cut} long-poll(s), forgot {expired} client(s))",
        String::from_utf8_lossy(&bytes)
    ));
    let state = sim.faults().state();
    Json(json!({"faults": state, "droppedConnections": cut, "expiredClients": expired}))
        .into_response()
}

async fn profile(State(sim): State<Arc<Sim>>) -> Response {
    Json(json!({"profile": sim.profile()})).into_response()
}

/// Any subset of the profile's parts; `preset` first. Answers the profile in force.
async fn set_profile(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let request: ProfileRequest = match body(&bytes) {
        Ok(request) => request,
        Err(refusal) => return refusal,
    };
    let mut profile = sim.profile();
    profile.apply(&request);
    sim.set_profile(profile);
    let answer = json!({"profile": profile});
    sim.log(format!("profile <- {answer}"));
    Json(answer).into_response()
}
