//! One HTTP exchange in the browser: the fetch, read to the end, under a time limit.
//! Dropping the future aborts the fetch, so a cancelled long poll does not linger.

use std::pin::pin;

use futures::future::{select, Either};
use gloo_net::http::RequestBuilder;
use gloo_timers::future::TimeoutFuture;
use web_sys::AbortController;

use super::{ApiError, CsrfToken};

/// An answer, whatever its status.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The CSRF token the answer carried, if any.
    pub csrf: Option<CsrfToken>,
}

/// Aborts the fetch when the exchange ends for any reason; harmless once it is done.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Sends the request, with `body` as JSON when given.
pub async fn send(
    builder: RequestBuilder,
    body: Option<String>,
    timeout_ms: u32,
) -> Result<Answer, ApiError> {
    let controller =
        AbortController::new().map_err(|_| ApiError::Network("fetch cannot be aborted".into()))?;
    let builder = builder.abort_signal(Some(&controller.signal()));
    let _abort = AbortOnDrop(controller);
    let request = match body {
        Some(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
        None => builder.build(),
    }
    .map_err(|error| ApiError::Network(error.to_string()))?;
    let exchange = async {
        let response = request
            .send()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))?;
        let headers = response.headers();
        let csrf = CsrfToken::from_headers(|name| headers.get(name));
        let body = response
            .text()
            .await
            .map_err(|error| ApiError::Network(error.to_string()))?;
        Ok(Answer {
            status: response.status(),
            body,
            csrf,
        })
    };
    match select(pin!(exchange), TimeoutFuture::new(timeout_ms)).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => Err(ApiError::Timeout),
    }
}
