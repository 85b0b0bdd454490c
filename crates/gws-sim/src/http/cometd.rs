//! `POST /api/v2/notifications[/handshake|/connect|…]`: Bayeux over long-polling.
//! The HTTP session cookie says who the client is; no CSRF token is needed.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::bayeux::Exchange;
use crate::sim::Sim;

pub async fn endpoint(State(sim): State<Arc<Sim>>, headers: HeaderMap, body: Bytes) -> Response {
    let user = sim.http_sessions.from_cookie(&headers).map(|s| s.username);
    let messages = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(messages)) => messages,
        Ok(message @ Value::Object(_)) => vec![message],
        _ => {
            let refusal = json!([{"successful": false, "error": "400::Bad request: a JSON array of Bayeux messages is expected"}]);
            return (StatusCode::BAD_REQUEST, Json(refusal)).into_response();
        }
    };
    match sim.bayeux.exchange(user.as_deref(), messages).await {
        Exchange::Replies(replies) => Json(replies).into_response(),
        Exchange::Cut => cut(),
    }
}

/// A response whose body fails at once: hyper aborts the connection, which is what a
/// client sees when a proxy or the network drops a long-poll.
fn cut() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other(
            "long-poll dropped by fault injection",
        ))
    });
    Response::new(Body::from_stream(failing))
}
