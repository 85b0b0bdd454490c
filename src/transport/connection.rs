//! The thin async loop that runs the Bayeux state machine over gloo-net. It is owned by
//! a [`Connection`]: dropping that stops the loop, aborts the open long poll, removes
//! its browser listeners and says goodbye to the server.

use std::cell::{Cell, RefCell};
use std::pin::pin;
use std::rc::Rc;

use futures::future::{select, AbortHandle, Abortable, Either};
use gloo_timers::future::TimeoutFuture;

use super::bayeux::{BayeuxClient, BayeuxConfig, Event, Next, Output, RequestKind, Unanswered};
use super::notify::{read_notification, CometEvent};
use super::wake::{Bell, BrowserWakes};
use super::{ApiError, GwsClient};

/// Where the loop reports.
pub type Sink = Rc<dyn Fn(CometEvent)>;

/// A running CometD connection.
pub struct Connection {
    client: GwsClient,
    url: String,
    machine: Rc<RefCell<BayeuxClient>>,
    /// Set when the owner let go; the loop checks it after every report, since a
    /// report may be what made the owner let go.
    cancelled: Rc<Cell<bool>>,
    task: AbortHandle,
    bell: Rc<Bell>,
    _browser_wakes: BrowserWakes,
}

impl Connection {
    /// Starts handshaking at once.
    pub fn open(client: GwsClient, sink: Sink) -> Self {
        let url = client.config().notifications_url();
        let config = BayeuxConfig {
            topic: client.config().topic.clone(),
            ..BayeuxConfig::default()
        };
        let machine = Rc::new(RefCell::new(BayeuxClient::new(config)));
        let cancelled = Rc::new(Cell::new(false));
        let bell = Rc::new(Bell::default());
        let first = machine.borrow_mut().start(now());
        let (task, registration) = AbortHandle::new_pair();
        let run = run(
            client.clone(),
            url.clone(),
            machine.clone(),
            cancelled.clone(),
            bell.clone(),
            sink,
            first,
        );
        wasm_bindgen_futures::spawn_local(async move {
            // Aborted means dropped: nothing left to do.
            let _ = Abortable::new(run, registration).await;
        });
        Connection {
            client,
            url,
            machine,
            cancelled,
            task,
            _browser_wakes: BrowserWakes::listen(&bell),
            bell,
        }
    }

    /// While waiting to reconnect, try now ([`BayeuxClient::retry_now`]).
    pub fn wake(&self) {
        self.bell.ring();
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.cancelled.set(true);
        self.task.abort();
        let goodbye = self
            .machine
            .try_borrow_mut()
            .map(|mut machine| machine.disconnect(now()));
        if let Ok(Output {
            next: Next::Send(request),
            ..
        }) = goodbye
        {
            let client = self.client.clone();
            let url = self.url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Best effort: the server forgets the client anyway after its timeout.
                let _ = client
                    .post_raw(&url, request.body, clamp(request.timeout_ms))
                    .await;
            });
        }
    }
}

async fn run(
    client: GwsClient,
    url: String,
    machine: Rc<RefCell<BayeuxClient>>,
    cancelled: Rc<Cell<bool>>,
    bell: Rc<Bell>,
    sink: Sink,
    mut output: Output,
) {
    loop {
        let reported = !output.events.is_empty();
        for event in output.events {
            sink(match event {
                Event::Message { data, .. } => read_notification(&data),
                Event::State(state) => CometEvent::State(state),
                Event::Resync => CometEvent::Resync,
            });
        }
        if cancelled.get() {
            return;
        }
        if reported {
            // What was reported renders first: the next request (a fetch costs the page
            // a few milliseconds) waits for a task of its own, as the CometD clients
            // schedule their next connect.
            TimeoutFuture::new(0).await;
            if cancelled.get() {
                return;
            }
        }
        output = match output.next {
            Next::Send(request) => {
                let signed_out = request.kind == RequestKind::Handshake
                    && !client.has_session()
                    && signed_out(&client).await;
                let outcome = if signed_out {
                    Err(Unanswered::Http(401))
                } else {
                    exchange(&client, &url, request.body, request.timeout_ms).await
                };
                // A wake while the request was out asked for the attempt just made.
                bell.silence();
                let now = now();
                let mut machine = machine.borrow_mut();
                match outcome {
                    Ok(body) => machine.on_response(request.id, &body, now),
                    Err(failure) => machine.on_failure(request.id, failure, now),
                }
            }
            Next::WaitUntil(at) => {
                let timer = TimeoutFuture::new(clamp(at.saturating_sub(now())));
                let rung = pin!(bell.rung());
                let woken = select(timer, rung).await;
                let mut machine = machine.borrow_mut();
                match woken {
                    Either::Left(_) => machine.on_timer(now()),
                    Either::Right(_) => machine.retry_now(now()),
                }
            }
            Next::AwaitAnswer | Next::Stopped => return,
        };
    }
}

/// The CometD session rides on the REST session (its cookie): open that first. Only
/// a refusal of the credentials stops here; any other failure leaves the verdict to
/// the handshake itself, so a CometD server without the REST API works too.
async fn signed_out(client: &GwsClient) -> bool {
    matches!(client.me().await, Err(error) if error.is_signed_out())
}

/// One Bayeux POST: the body of a success, or how it failed.
async fn exchange(
    client: &GwsClient,
    url: &str,
    body: String,
    timeout_ms: u64,
) -> Result<String, Unanswered> {
    match client.post_raw(url, body, clamp(timeout_ms)).await {
        Ok(answer) if (200..300).contains(&answer.status) => Ok(answer.body),
        Ok(answer) => {
            if answer.status == 403 {
                // Perhaps a CSRF token the server wants here too: renew it for the retry.
                let _ = client.me().await;
            }
            Err(Unanswered::Http(answer.status))
        }
        Err(error) => Err(failure_of(&error)),
    }
}

fn failure_of(error: &ApiError) -> Unanswered {
    match error {
        _ if error.is_signed_out() => Unanswered::Http(401),
        ApiError::Timeout => Unanswered::Timeout,
        ApiError::Http { status } => Unanswered::Http(*status),
        _ => Unanswered::Network,
    }
}

fn clamp(millis: u64) -> u32 {
    u32::try_from(millis).unwrap_or(u32::MAX)
}

fn now() -> u64 {
    // Milliseconds since the epoch fit an f64 exactly; negative or NaN clocks read as 0.
    js_sys::Date::now().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use gws_types::StatusCode;

    #[test]
    fn request_errors_become_bayeux_failures() {
        let cases = [
            (ApiError::Network("offline".into()), Unanswered::Network),
            (ApiError::Timeout, Unanswered::Timeout),
            (ApiError::Http { status: 503 }, Unanswered::Http(503)),
            (ApiError::Http { status: 401 }, Unanswered::Http(401)),
            (
                ApiError::Status {
                    code: StatusCode::NotAuthenticated,
                    message: None,
                },
                Unanswered::Http(401),
            ),
            (ApiError::Unreadable("cut".into()), Unanswered::Network),
        ];
        for (error, failure) in cases {
            assert_eq!(failure_of(&error), failure, "{error:?}");
        }
    }

    #[test]
    fn long_waits_fit_a_browser_timer() {
        assert_eq!(clamp(40_000), 40_000);
        assert_eq!(clamp(u64::MAX), u32::MAX);
    }
}
