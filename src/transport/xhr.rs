//! One HTTP exchange over XMLHttpRequest, for the CometD long poll, as CometD's own
//! long-polling transport does: its answer reaches the page in one task, where fetch
//! needs two (the response, then its body), each queued behind the page's other work.
//! On a busy page each of those waits costs milliseconds on every notification.
//! Dropping the future aborts the request, so a cancelled long poll does not linger.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::XmlHttpRequest;

use super::http::{Answer, HttpRequest};
use super::{ApiError, CsrfToken};

/// The event that ended the exchange.
#[derive(Debug, Clone, Copy)]
enum End {
    Load,
    Error,
    Timeout,
    Abort,
}

/// The request and the handlers it calls, which must live until it ends.
struct InFlight {
    xhr: XmlHttpRequest,
    _handlers: Vec<Closure<dyn FnMut()>>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        // The handlers go with this value, and aborting fires events: unhook them first.
        self.xhr.set_onload(None);
        self.xhr.set_onerror(None);
        self.xhr.set_ontimeout(None);
        self.xhr.set_onabort(None);
        if self.xhr.ready_state() != XmlHttpRequest::DONE {
            let _ = self.xhr.abort();
        }
    }
}

fn refused(what: &'static str) -> impl FnOnce(wasm_bindgen::JsValue) -> ApiError {
    move |_| ApiError::Network(format!("the browser refused the request ({what})"))
}

pub async fn send(request: HttpRequest) -> Result<Answer, ApiError> {
    let xhr = XmlHttpRequest::new().map_err(refused("XMLHttpRequest"))?;
    xhr.open_with_async(request.method.as_str(), &request.url, true)
        .map_err(refused("open"))?;
    xhr.set_with_credentials(true);
    xhr.set_timeout(request.timeout_ms);
    for (name, value) in &request.headers {
        xhr.set_request_header(name, value)
            .map_err(refused("header"))?;
    }
    if request.body.is_some() {
        xhr.set_request_header("Content-Type", "application/json")
            .map_err(refused("header"))?;
    }

    let (sender, ended) = oneshot::channel();
    let sender = Rc::new(RefCell::new(Some(sender)));
    let on = |end: End| {
        let sender = sender.clone();
        Closure::<dyn FnMut()>::new(move || {
            if let Some(sender) = sender.borrow_mut().take() {
                let _ = sender.send(end);
            }
        })
    };
    let handlers = vec![
        on(End::Load),
        on(End::Error),
        on(End::Timeout),
        on(End::Abort),
    ];
    xhr.set_onload(Some(handlers[0].as_ref().unchecked_ref()));
    xhr.set_onerror(Some(handlers[1].as_ref().unchecked_ref()));
    xhr.set_ontimeout(Some(handlers[2].as_ref().unchecked_ref()));
    xhr.set_onabort(Some(handlers[3].as_ref().unchecked_ref()));
    let in_flight = InFlight {
        xhr,
        _handlers: handlers,
    };
    in_flight
        .xhr
        .send_with_opt_str(request.body.as_deref())
        .map_err(refused("send"))?;

    match ended.await {
        Ok(End::Load) => {
            let xhr = &in_flight.xhr;
            Ok(Answer {
                status: xhr.status().unwrap_or(0),
                body: xhr.response_text().ok().flatten().unwrap_or_default(),
                csrf: CsrfToken::from_headers(|name| xhr.get_response_header(name).ok().flatten()),
            })
        }
        Ok(End::Timeout) => Err(ApiError::Timeout),
        Ok(End::Error | End::Abort) | Err(_) => Err(ApiError::Network(
            "the request failed before an answer (network, CORS or aborted)".into(),
        )),
    }
}

/// Against the simulator given at build time (`GWS_SIM_URL`, as `cargo xtask test` sets
/// it), in the browser: the paths of an exchange that the transport's own browser tests
/// only cross on the way.
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use gloo_net::http::Request;
    use wasm_bindgen_test::*;

    use super::*;
    use crate::transport::http::Method;
    use crate::transport::GwsConfig;

    wasm_bindgen_test_configure!(run_in_browser);

    fn sim() -> &'static str {
        match option_env!("GWS_SIM_URL") {
            Some(url) => url,
            None => panic!("GWS_SIM_URL is not set: run with `cargo xtask test`"),
        }
    }

    /// `GET /api/v2/me` as agent1, allowed `timeout_ms`.
    fn me(timeout_ms: u32) -> HttpRequest {
        let config = GwsConfig::new(sim()).with_basic("agent1", "password");
        HttpRequest {
            method: Method::Get,
            url: config.me_url(),
            headers: vec![(
                "Authorization".to_owned(),
                config
                    .credentials
                    .authorization()
                    .expect("Basic credentials"),
            )],
            body: None,
            timeout_ms,
        }
    }

    /// Every `/api/v2` answer of the simulator waits `delay_ms` from now on.
    async fn delay_answers(delay_ms: u32) {
        let request = Request::post(&format!("{}/sim/v1/faults", sim()))
            .json(&serde_json::json!({ "delayMs": delay_ms }))
            .expect("a faults body");
        let response = request.send().await.expect("the simulator answers");
        assert!(response.ok(), "faults: HTTP {}", response.status());
    }

    #[wasm_bindgen_test]
    async fn an_answer_brings_its_status_body_and_csrf_token() {
        let answer = send(me(5_000)).await.expect("an answer");
        assert_eq!(answer.status, 200);
        assert!(answer.body.contains("\"statusCode\":0"), "{}", answer.body);
        let csrf = answer
            .csrf
            .expect("the simulator's X-CSRF-TOKEN, read through CORS");
        assert_eq!(csrf.header(), "X-CSRF-TOKEN");
        assert!(!csrf.value().is_empty());
    }

    #[wasm_bindgen_test]
    async fn an_answer_later_than_the_timeout_is_a_timeout() {
        delay_answers(2_000).await;
        let outcome = send(me(200)).await;
        delay_answers(0).await;
        assert!(matches!(outcome, Err(ApiError::Timeout)), "{outcome:?}");
    }

    #[wasm_bindgen_test]
    async fn letting_go_of_an_exchange_in_flight_aborts_it() {
        delay_answers(2_000).await;
        let xhr = XmlHttpRequest::new().expect("XMLHttpRequest");
        xhr.open_with_async("GET", &me(0).url, true).expect("open");
        xhr.send().expect("send");
        let aborted = Rc::new(std::cell::Cell::new(false));
        let on_abort = {
            let aborted = aborted.clone();
            Closure::<dyn FnMut()>::new(move || aborted.set(true))
        };
        xhr.set_onabort(Some(on_abort.as_ref().unchecked_ref()));
        drop(InFlight {
            xhr: xhr.clone(),
            _handlers: vec![on_abort],
        });
        delay_answers(0).await;
        // `abort()` leaves a request that was waiting for its answer unsent again; the
        // handlers were unhooked first, so none ran after its closure was freed.
        assert_eq!(xhr.ready_state(), XmlHttpRequest::UNSENT);
        assert!(!aborted.get());
    }
}
