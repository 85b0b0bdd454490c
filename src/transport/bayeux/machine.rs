//! The protocol: handshake, subscribe, the connect loop, advice, `402`, back-off, early
//! retries, disconnect.

use super::wire::{self, Batch, Reconnect, Reply};
use super::Backoff;

/// Settings of one client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BayeuxConfig {
    /// The channel to subscribe to.
    pub topic: String,
    pub backoff: Backoff,
    /// How long a handshake, subscribe or disconnect may take before it counts as failed.
    pub request_timeout_ms: u64,
    /// Added to the server's advised poll timeout before a long poll counts as failed.
    pub poll_grace_ms: u64,
    /// The least time from a failed attempt to an early one asked for with
    /// [`BayeuxClient::retry_now`], so that asking often cannot flood a server that is
    /// down: at most about one request per this time, however often it is asked.
    pub retry_floor_ms: u64,
}

impl Default for BayeuxConfig {
    fn default() -> Self {
        BayeuxConfig {
            topic: "/v2/me/smssessions".to_owned(),
            backoff: Backoff::default(),
            request_timeout_ms: 15_000,
            poll_grace_ms: 10_000,
            retry_floor_ms: 1_000,
        }
    }
}

/// What the UI shows about the notification channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionState {
    /// First handshake under way.
    Connecting,
    /// Subscribed and polling: notifications flow.
    Connected,
    /// Interrupted; the next try is at `next_try_at` (ms since the Unix epoch), or
    /// already under way when that time has passed.
    Reconnecting { next_try_at: u64 },
    /// Stopped: the server said not to reconnect, or the client disconnected.
    Offline,
    /// The server no longer knows the agent: sign in again.
    SignedOut,
}

impl ConnectionState {
    /// A stable name for hosts, styles and tests.
    pub fn name(self) -> &'static str {
        match self {
            ConnectionState::Connecting => "connecting",
            ConnectionState::Connected => "connected",
            ConnectionState::Reconnecting { .. } => "reconnecting",
            ConnectionState::Offline => "offline",
            ConnectionState::SignedOut => "signed-out",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    Handshake,
    Subscribe,
    Connect,
    Disconnect,
}

/// A POST to make: `body` is the JSON array to send. Report its outcome with
/// [`BayeuxClient::on_response`] or [`BayeuxClient::on_failure`] and this `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: u64,
    pub kind: RequestKind,
    pub body: String,
    /// Give up on the request after this long and report [`Unanswered::Timeout`].
    pub timeout_ms: u64,
}

/// How a request failed before any Bayeux answer was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswered {
    Network,
    Timeout,
    /// An HTTP error status with no Bayeux body.
    Http(u16),
}

/// Something the owner must know.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A message published on the subscribed topic: its `data`, as JSON text.
    Message {
        channel: String,
        data: String,
    },
    State(ConnectionState),
    /// Notifications may have been missed (first connection, re-handshake, failed
    /// poll): re-read the session. Emitted when the subscription is live again, so
    /// a read started now cannot miss anything published after it.
    Resync,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Send(Request),
    /// Call [`BayeuxClient::on_timer`] at this time.
    WaitUntil(u64),
    /// A request is outstanding: wait for its outcome.
    AwaitAnswer,
    /// Nothing more will happen until [`BayeuxClient::start`].
    Stopped,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub events: Vec<Event>,
    pub next: Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Handshake,
    Subscribe,
    Connect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Idle,
    InFlight {
        id: u64,
        kind: RequestKind,
    },
    /// `next` is due at `until`; the wait began at `since`.
    Waiting {
        until: u64,
        next: Step,
        since: u64,
    },
    Stopped,
}

/// The client. Every input returns the events it caused and what to do next.
#[derive(Debug, Clone)]
pub struct BayeuxClient {
    config: BayeuxConfig,
    phase: Phase,
    state: ConnectionState,
    client_id: Option<String>,
    /// Persisting advice; `reconnect` is read from each reply on its own.
    interval_ms: u64,
    timeout_ms: u64,
    next_id: u64,
    /// Consecutive failures since the last successful connect.
    failures: u32,
    /// A `402` was answered with an immediate re-handshake since the last successful
    /// connect; another one waits out the back-off instead of looping.
    rehandshook: bool,
    /// A resync is owed at the next successful connect.
    interrupted: bool,
    events: Vec<Event>,
    /// The request to hand out with the next output.
    pending: Option<Request>,
}

impl BayeuxClient {
    pub fn new(config: BayeuxConfig) -> Self {
        BayeuxClient {
            config,
            phase: Phase::Idle,
            state: ConnectionState::Connecting,
            client_id: None,
            interval_ms: 0,
            timeout_ms: 30_000,
            next_id: 0,
            failures: 0,
            rehandshook: false,
            interrupted: true,
            events: Vec::new(),
            pending: None,
        }
    }

    pub fn state(&self) -> ConnectionState {
        self.state
    }

    pub fn client_id(&self) -> Option<&str> {
        self.client_id.as_deref()
    }

    pub fn topic(&self) -> &str {
        &self.config.topic
    }

    /// Starts (or restarts) from a fresh handshake. Answers to earlier requests are
    /// ignored from now on.
    pub fn start(&mut self, _now: u64) -> Output {
        self.client_id = None;
        self.failures = 0;
        self.rehandshook = false;
        self.interrupted = true;
        self.set_state(ConnectionState::Connecting);
        self.send(Step::Handshake);
        self.output()
    }

    /// The body of an answer to request `id`.
    pub fn on_response(&mut self, id: u64, body: &str, now: u64) -> Output {
        let Some(kind) = self.in_flight(id) else {
            return self.output();
        };
        let Some(answer) = wire::read_answer(body) else {
            self.failed(kind, now);
            return self.output();
        };
        let Batch {
            replies,
            deliveries,
        } = answer;
        for delivery in deliveries {
            if delivery.channel == self.config.topic {
                self.events.push(Event::Message {
                    channel: delivery.channel,
                    data: delivery.data,
                });
            }
        }
        let expected = channel_of(kind);
        let id_text = id.to_string();
        let reply = replies.into_iter().find(|reply| {
            reply.channel == expected && reply.id.as_deref().is_none_or(|rid| rid == id_text)
        });
        match reply {
            Some(reply) => self.answered(kind, reply, now),
            None => self.failed(kind, now),
        }
        self.output()
    }

    /// Request `id` failed without a Bayeux answer.
    pub fn on_failure(&mut self, id: u64, failure: Unanswered, now: u64) -> Output {
        let Some(kind) = self.in_flight(id) else {
            return self.output();
        };
        if failure == Unanswered::Http(401) {
            self.stop(ConnectionState::SignedOut);
            return self.output();
        }
        self.failed(kind, now);
        self.output()
    }

    /// The time asked for by [`Next::WaitUntil`] has come (or any later time).
    pub fn on_timer(&mut self, now: u64) -> Output {
        if let Phase::Waiting { until, next, .. } = self.phase {
            if now >= until {
                self.send(next);
            }
        }
        self.output()
    }

    /// Something makes the connection matter now (the agent acts, the browser is back
    /// online, the page is shown again): while waiting to reconnect, try at once rather
    /// than at the end of the back-off, but no sooner than
    /// [`BayeuxConfig::retry_floor_ms`] (or the server's advised interval, when longer)
    /// after the wait began. Changes nothing while connected, while a request is out or
    /// once stopped. The back-off keeps growing: only a successful connect resets it.
    pub fn retry_now(&mut self, now: u64) -> Output {
        let Phase::Waiting { until, next, since } = self.phase else {
            return self.output();
        };
        if !matches!(self.state, ConnectionState::Reconnecting { .. }) {
            // The pause between two polls of a live connection.
            return self.output();
        }
        let floor = self.config.retry_floor_ms.max(self.interval_ms);
        let earliest = since.saturating_add(floor);
        if now >= earliest {
            self.set_state(ConnectionState::Reconnecting { next_try_at: now });
            self.send(next);
        } else if earliest < until {
            self.set_state(ConnectionState::Reconnecting {
                next_try_at: earliest,
            });
            self.phase = Phase::Waiting {
                until: earliest,
                next,
                since,
            };
        }
        self.output()
    }

    /// Leaves politely: a `/meta/disconnect` when the server knows this client.
    pub fn disconnect(&mut self, _now: u64) -> Output {
        if self.phase == Phase::Stopped {
            return self.output();
        }
        self.set_state(ConnectionState::Offline);
        match self.client_id.take() {
            Some(client_id) => {
                let id = self.take_id();
                let body = wire::disconnect(id, &client_id);
                self.phase = Phase::InFlight {
                    id,
                    kind: RequestKind::Disconnect,
                };
                self.pending = Some(Request {
                    id,
                    kind: RequestKind::Disconnect,
                    body: body.into_body(),
                    timeout_ms: self.config.request_timeout_ms,
                });
            }
            None => self.phase = Phase::Stopped,
        }
        self.output()
    }

    fn in_flight(&self, id: u64) -> Option<RequestKind> {
        match self.phase {
            Phase::InFlight { id: current, kind } if current == id => Some(kind),
            _ => None,
        }
    }

    fn answered(&mut self, kind: RequestKind, reply: Reply, now: u64) {
        if let Some(interval) = reply.advice.interval_ms {
            self.interval_ms = interval;
        }
        if let Some(timeout) = reply.advice.timeout_ms {
            self.timeout_ms = timeout;
        }
        let reconnect = reply.advice.reconnect.unwrap_or(Reconnect::Retry);
        if !reply.successful {
            return self.refused(kind, &reply, reconnect, now);
        }
        match kind {
            RequestKind::Handshake => match reply.client_id {
                Some(client_id) if !client_id.is_empty() => {
                    self.client_id = Some(client_id);
                    self.send(Step::Subscribe);
                }
                _ => self.failed(kind, now),
            },
            RequestKind::Subscribe => self.send(Step::Connect),
            RequestKind::Connect => {
                self.failures = 0;
                self.rehandshook = false;
                self.set_state(ConnectionState::Connected);
                if std::mem::take(&mut self.interrupted) {
                    self.events.push(Event::Resync);
                }
                match reconnect {
                    Reconnect::None => self.stop(ConnectionState::Offline),
                    Reconnect::Handshake => {
                        self.interrupted = true;
                        self.client_id = None;
                        let next_try_at = now.saturating_add(self.interval_ms);
                        self.set_state(ConnectionState::Reconnecting { next_try_at });
                        self.wait_or_send(now, self.interval_ms, Step::Handshake);
                    }
                    Reconnect::Retry => self.wait_or_send(now, self.interval_ms, Step::Connect),
                }
            }
            RequestKind::Disconnect => self.phase = Phase::Stopped,
        }
    }

    /// An unsuccessful reply.
    fn refused(&mut self, kind: RequestKind, reply: &Reply, reconnect: Reconnect, now: u64) {
        let code = reply.error_code();
        if kind == RequestKind::Disconnect {
            self.phase = Phase::Stopped;
            return;
        }
        if kind == RequestKind::Handshake && matches!(code, Some(401 | 403)) {
            return self.stop(ConnectionState::SignedOut);
        }
        if reconnect == Reconnect::None {
            return self.stop(ConnectionState::Offline);
        }
        let forgotten = code == Some(402) || reconnect == Reconnect::Handshake;
        if kind != RequestKind::Handshake && forgotten {
            // The server dropped this client: its subscription is gone with it.
            self.client_id = None;
            self.interrupted = true;
            if !self.rehandshook {
                self.rehandshook = true;
                self.set_state(ConnectionState::Reconnecting { next_try_at: now });
                return self.send(Step::Handshake);
            }
        }
        self.failed(kind, now)
    }

    /// A failure to be retried after the back-off delay.
    fn failed(&mut self, kind: RequestKind, now: u64) {
        let next = match kind {
            RequestKind::Disconnect => {
                self.phase = Phase::Stopped;
                return;
            }
            _ if self.client_id.is_none() => Step::Handshake,
            RequestKind::Handshake => Step::Handshake,
            RequestKind::Subscribe => Step::Subscribe,
            RequestKind::Connect => Step::Connect,
        };
        self.interrupted = true;
        self.failures = self.failures.saturating_add(1);
        let delay = self
            .config
            .backoff
            .delay_ms(self.failures)
            .max(self.interval_ms);
        let until = now.saturating_add(delay);
        self.set_state(ConnectionState::Reconnecting { next_try_at: until });
        self.phase = Phase::Waiting {
            until,
            next,
            since: now,
        };
    }

    fn wait_or_send(&mut self, now: u64, delay: u64, next: Step) {
        if delay == 0 {
            self.send(next);
        } else {
            self.phase = Phase::Waiting {
                until: now.saturating_add(delay),
                next,
                since: now,
            };
        }
    }

    fn send(&mut self, step: Step) {
        let id = self.take_id();
        let client_id = match (step, self.client_id.as_deref()) {
            (Step::Handshake, _) | (_, None) => None,
            (_, Some(client_id)) => Some(client_id),
        };
        let (kind, body, timeout_ms) = match client_id {
            None => (
                RequestKind::Handshake,
                wire::handshake(id).into_body(),
                self.config.request_timeout_ms,
            ),
            Some(client_id) if step == Step::Subscribe => (
                RequestKind::Subscribe,
                wire::subscribe(id, client_id, &self.config.topic).into_body(),
                self.config.request_timeout_ms,
            ),
            Some(client_id) => {
                // The server may ignore the request to answer at once, so the
                // full poll time is allowed either way.
                let immediate = self.state != ConnectionState::Connected;
                (
                    RequestKind::Connect,
                    wire::connect(id, client_id, immediate).into_body(),
                    self.timeout_ms.saturating_add(self.config.poll_grace_ms),
                )
            }
        };
        self.phase = Phase::InFlight { id, kind };
        self.pending = Some(Request {
            id,
            kind,
            body,
            timeout_ms,
        });
    }

    fn stop(&mut self, state: ConnectionState) {
        self.client_id = None;
        self.set_state(state);
        self.phase = Phase::Stopped;
    }

    fn set_state(&mut self, state: ConnectionState) {
        if self.state != state {
            self.state = state;
            self.events.push(Event::State(state));
        }
    }

    fn take_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn output(&mut self) -> Output {
        let next = match self.phase {
            Phase::InFlight { .. } => match self.pending.take() {
                Some(request) => Next::Send(request),
                None => Next::AwaitAnswer,
            },
            Phase::Waiting { until, .. } => Next::WaitUntil(until),
            Phase::Idle | Phase::Stopped => Next::Stopped,
        };
        Output {
            events: std::mem::take(&mut self.events),
            next,
        }
    }
}

fn channel_of(kind: RequestKind) -> &'static str {
    match kind {
        RequestKind::Handshake => wire::HANDSHAKE,
        RequestKind::Subscribe => wire::SUBSCRIBE,
        RequestKind::Connect => wire::CONNECT,
        RequestKind::Disconnect => wire::DISCONNECT,
    }
}
