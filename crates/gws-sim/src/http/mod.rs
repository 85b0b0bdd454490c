//! The HTTP surface: GWS REST (`gws`), the CometD endpoint (`cometd`), the control
//! API (`control`), CORS (`cors`) and optional static files, with request logging,
//! the profile's latency, the answer-delay and failing-request faults and the CSRF check.

mod cometd;
mod control;
mod cors;
mod gws;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::{header, Method, StatusCode};
use axum::middleware::{from_fn, from_fn_with_state, map_response, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::services::ServeDir;

use crate::outbox::AnswerTicket;
use crate::sim::Sim;

pub fn router(sim: Arc<Sim>, static_dir: Option<PathBuf>) -> Router {
    let api = Router::new()
        .route("/api/v2/me", get(gws::me).post(gws::me_operation))
        .route("/api/v2/me/smssessions", get(gws::list))
        .route(
            "/api/v2/me/smssessions/{id}",
            get(gws::read).post(gws::operate),
        )
        .route(
            "/api/v2/smssessions/{id}",
            get(gws::read).post(gws::operate),
        )
        .route("/api/v2/me/smssessions/{id}/messages", get(gws::messages))
        .route("/api/v2/contacts", get(gws::contacts))
        .route("/api/v2/settings/dispositions", get(gws::dispositions))
        .route("/api/v2/diagnostics/version", get(gws::version))
        .route("/api/v2/notifications", post(cometd::endpoint))
        .route("/api/v2/notifications/", post(cometd::endpoint))
        .route("/api/v2/notifications/{*kind}", post(cometd::endpoint))
        .layer(from_fn_with_state(sim.clone(), csrf))
        .layer(from_fn_with_state(sim.clone(), fail))
        .layer(from_fn_with_state(sim.clone(), delay))
        .layer(from_fn_with_state(sim.clone(), latency));
    let mut app = api.merge(control::router()).with_state(sim.clone());
    if let Some(dir) = static_dir {
        let files = Router::new()
            // The release build writes a gzip and a brotli copy beside each file.
            .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
            .layer(map_response(with_content_security_policy));
        app = app.fallback_service(files);
    }
    app.layer(cors::layer(sim.clone()))
        .layer(from_fn(cors::preflight_status))
        .layer(from_fn_with_state(sim, log_request))
}

/// The policy the static files (the demo page) are served with: scripts, styles,
/// connections and everything else from this origin only; no inline script or style, no
/// `eval`; compiling WebAssembly is the one exception a wasm page needs.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     frame-ancestors 'none'; form-action 'self'";

async fn with_content_security_policy(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    response
}

async fn log_request(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    if !sim.settings.verbose {
        return next.run(request).await;
    }
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let started = Instant::now();
    let response = next.run(request).await;
    println!(
        "http   {method} {uri} -> {} ({} ms)",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// The `delayMs` fault: every GWS and CometD answer waits this long.
async fn delay(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    let delay_ms = sim.faults().delay_ms;
    if delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
    }
    next.run(request).await
}

/// The profile's latency: every GWS REST answer leaves `latencyMs` after it was made,
/// once the request has had its effect (so, without a notification delay, the
/// notifications it caused arrive first). CometD answers are not delayed: when
/// notifications arrive is the notification delay's part. The notifications an answer
/// holds (its [`AnswerTicket`]) are released when it leaves, even if the client has gone.
async fn latency(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    let cometd = request.uri().path().starts_with("/api/v2/notifications");
    let mut response = next.run(request).await;
    let _release = response
        .extensions_mut()
        .remove::<AnswerTicket>()
        .map(|ticket| ReleaseOnLeaving {
            sim: Arc::clone(&sim),
            ticket,
        });
    let latency_ms = sim.profile().latency_ms;
    if !cometd && latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency_ms)).await;
    }
    response
}

/// Releases an answer's notifications when dropped: as the answer leaves, or when the
/// client went away while it waited.
struct ReleaseOnLeaving {
    sim: Arc<Sim>,
    ticket: AnswerTicket,
}

impl Drop for ReleaseOnLeaving {
    fn drop(&mut self) {
        self.sim.answer_sent(self.ticket);
    }
}

/// The `failRequests` fault: the request is not handled; it answers HTTP 500 with the
/// body GWS gives an internal error.
async fn fail(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    if !sim.faults().take_failure() {
        return next.run(request).await;
    }
    sim.log(format!(
        "fault  -> 500 for {} {}",
        request.method(),
        request.uri()
    ));
    let code = gws_types::StatusCode::InternalError;
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(serde_json::json!({
            "statusCode": code.code(),
            "statusMessage": "Internal error (injected by the failRequests fault)",
        })),
    )
        .into_response()
}

/// Modifying GWS requests need the session cookie and its `X-CSRF-TOKEN`; the CometD
/// endpoint does not (GWS documents no CSRF for it).
async fn csrf(State(sim): State<Arc<Sim>>, request: Request, next: Next) -> Response {
    let modifying = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::DELETE
    );
    let cometd = request.uri().path().starts_with("/api/v2/notifications");
    if modifying && !cometd && !sim.http_sessions.csrf_ok(request.headers()) {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Missing or invalid Csrf token",
        )
            .into_response();
    }
    next.run(request).await
}
