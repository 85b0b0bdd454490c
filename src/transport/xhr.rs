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
