//! CORS with credentials for a widget embedded on another origin: the request's
//! origin is echoed when it is on the allowed list, the CSRF headers are exposed and
//! `X-CSRF-TOKEN` is allowed (`shared/gws/sign-in-and-http.md` §4).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::cors::{AllowCredentials, AllowOrigin, CorsLayer};

use crate::directory::glob_matches;
use crate::sim::Sim;

/// GWS's `crossOriginSettings`: its allowed methods, headers and cache time, with the
/// origins and credentials granted only to an origin on the simulator's list.
pub fn layer(sim: Arc<Sim>) -> CorsLayer {
    let allowed = move |origin: &HeaderValue| {
        origin.to_str().is_ok_and(|origin| {
            sim.settings
                .allowed_origins
                .iter()
                .any(|pattern| glob_matches(pattern, origin))
        })
    };
    let credentials = allowed.clone();
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| allowed(origin)))
        .allow_credentials(AllowCredentials::predicate(move |origin, _| {
            credentials(origin)
        }))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            HeaderName::from_static("x-requested-with"),
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ORIGIN,
            header::COOKIE,
            header::AUTHORIZATION,
            HeaderName::from_static("x-csrf-token"),
            HeaderName::from_static("contactcenterid"),
        ])
        .expose_headers([
            HeaderName::from_static("x-csrf-header"),
            HeaderName::from_static("x-csrf-token"),
        ])
        .max_age(Duration::from_secs(120))
        .vary([header::ORIGIN])
}

/// The status of a preflight answer, the one thing `CorsLayer` cannot say: it answers
/// every `OPTIONS` 200 whatever the origin. Here an allowed origin's preflight is
/// answered 204 and any other's 403, so a refused origin shows as a refused request
/// (in the request log, in the browser's network panel), not as a 200 without CORS
/// headers. Runs outside [`layer`], on the answer it made.
pub async fn preflight_status(request: Request, next: Next) -> Response {
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = next.run(request).await;
    if preflight {
        let allowed = response
            .headers()
            .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN);
        *response.status_mut() = if allowed {
            StatusCode::NO_CONTENT
        } else {
            StatusCode::FORBIDDEN
        };
    }
    response
}
