//! One HTTP exchange over fetch (gloo-net), read to the end, under a time limit.
//! Dropping the future aborts the fetch, so a cancelled request does not linger.

use std::pin::pin;

use futures::future::{select, Either};
use gloo_net::http::RequestBuilder;
use gloo_timers::future::TimeoutFuture;
use web_sys::{AbortController, RequestCredentials};

use super::http::{Answer, HttpRequest, Method};
use super::{ApiError, CsrfToken};

/// Aborts the fetch when the exchange ends for any reason; harmless once it is done.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub async fn send(request: HttpRequest) -> Result<Answer, ApiError> {
    let controller =
        AbortController::new().map_err(|_| ApiError::Network("fetch cannot be aborted".into()))?;
    let method = match request.method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .credentials(RequestCredentials::Include)
        .abort_signal(Some(&controller.signal()));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let _abort = AbortOnDrop(controller);
    let exchange = async {
        let response = match request.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        }?
        .send()
        .await?;
        let headers = response.headers();
        let csrf = CsrfToken::from_headers(|name| headers.get(name));
        let body = response.text().await?;
        Ok(Answer {
            status: response.status(),
            body,
            csrf,
        })
    };
    let exchange = async {
        exchange
            .await
            .map_err(|error: gloo_net::Error| ApiError::Network(error.to_string()))
    };
    match select(pin!(exchange), TimeoutFuture::new(request.timeout_ms)).await {
        Either::Left((answer, _)) => answer,
        Either::Right(_) => Err(ApiError::Timeout),
    }
}
