//! The thin async layer over [`BayeuxState`]: holds `/meta/connect` requests until
//! something is queued, the advice timeout passes, or a fault cuts them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde_json::Value;
use tokio::sync::Notify;

use super::state::{BayeuxState, ClientStats, Handled, Poll, Timing};

struct Inner {
    state: BayeuxState,
    wakers: HashMap<String, Arc<Notify>>,
}

impl Inner {
    fn wake(&mut self, ids: &[String], forget: bool) {
        for id in ids {
            let waker = if forget {
                self.wakers.remove(id)
            } else {
                self.wakers.get(id).cloned()
            };
            if let Some(waker) = waker {
                waker.notify_one();
            }
        }
    }
}

/// How a batch of Bayeux messages is answered.
#[derive(Debug)]
pub enum Exchange {
    /// The JSON array to send back.
    Replies(Vec<Value>),
    /// Close the connection without an answer (the drop-connections fault).
    Cut,
}

pub struct BayeuxServer {
    inner: Mutex<Inner>,
}

/// Ends a held connect however the request finishes, even if the HTTP client goes
/// away mid-poll, so the client's expiry clock always restarts.
struct PollGuard<'a> {
    server: &'a BayeuxServer,
    client_id: String,
    generation: u64,
}

impl Drop for PollGuard<'_> {
    fn drop(&mut self) {
        self.server
            .lock()
            .state
            .end_poll(&self.client_id, self.generation, Instant::now());
    }
}

impl BayeuxServer {
    pub fn new(timing: Timing) -> Self {
        BayeuxServer {
            inner: Mutex::new(Inner {
                state: BayeuxState::new(timing),
                wakers: HashMap::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Answers one HTTP request's worth of Bayeux messages for `user`.
    pub async fn exchange(&self, user: Option<&str>, messages: Vec<Value>) -> Exchange {
        let mut replies = Vec::new();
        let mut held = None;
        {
            let mut inner = self.lock();
            let now = Instant::now();
            for message in &messages {
                match inner.state.handle(user, message, now) {
                    Handled::Reply(reply) => {
                        if message.get("channel").and_then(Value::as_str)
                            == Some("/meta/disconnect")
                        {
                            if let Some(id) = message.get("clientId").and_then(Value::as_str) {
                                inner.wake(&[id.to_owned()], true);
                            }
                        }
                        replies.push(reply)
                    }
                    Handled::Connect {
                        client_id,
                        generation,
                        reply,
                        immediate,
                    } => {
                        // A newer connect releases the one held before it.
                        inner.wake(std::slice::from_ref(&client_id), false);
                        held = Some((client_id, generation, reply, immediate));
                    }
                }
            }
        }
        let Some((client_id, generation, mut reply, immediate)) = held else {
            return Exchange::Replies(replies);
        };
        let guard = PollGuard {
            server: self,
            client_id,
            generation,
        };
        let timeout = self.lock().state.timing().timeout;
        let deadline = tokio::time::Instant::now()
            + if immediate {
                Default::default()
            } else {
                timeout
            };
        let waker = self
            .lock()
            .wakers
            .entry(guard.client_id.clone())
            .or_default()
            .clone();
        let delivered = loop {
            let poll = self.lock().state.poll(&guard.client_id, generation);
            match poll {
                Poll::Deliver(messages) => break messages,
                Poll::Superseded => break Vec::new(),
                Poll::Dropped => return Exchange::Cut,
                Poll::Gone => {
                    reply["successful"] = false.into();
                    reply["error"] = "402::Unknown client".into();
                    reply["advice"] = serde_json::json!({"reconnect": "handshake", "interval": 0});
                    break Vec::new();
                }
                Poll::Wait if tokio::time::Instant::now() >= deadline => {
                    break self.lock().state.drain(&guard.client_id, generation);
                }
                Poll::Wait => {}
            }
            tokio::select! {
                _ = waker.notified() => {}
                _ = tokio::time::sleep_until(deadline) => {}
            }
        };
        drop(guard);
        replies.extend(delivered);
        replies.push(reply);
        Exchange::Replies(replies)
    }

    /// Queues a message for `user`'s subscribed clients; returns how many got it.
    pub fn publish(&self, user: &str, channel: &str, data: &Value) -> usize {
        let mut inner = self.lock();
        let woken = inner.state.publish(user, channel, data);
        inner.wake(&woken, false);
        woken.len()
    }

    /// Forgets clients idle past `max_interval` (run periodically).
    pub fn expire_idle(&self) -> usize {
        let mut inner = self.lock();
        let gone = inner.state.expire(Instant::now());
        inner.wake(&gone, true);
        gone.len()
    }

    /// Fault: forget every client (their held connects answer 402).
    pub fn expire_all(&self) -> usize {
        let mut inner = self.lock();
        let gone = inner.state.expire_all();
        inner.wake(&gone, true);
        gone.len()
    }

    /// Fault: cut every held connect, keeping the queues.
    pub fn drop_polls(&self) -> usize {
        let mut inner = self.lock();
        let cut = inner.state.drop_polls();
        inner.wake(&cut, false);
        cut.len()
    }

    pub fn has_subscriber(&self, user: &str, channel: &str) -> bool {
        self.lock().state.has_subscriber(user, channel)
    }

    pub fn client_count(&self) -> usize {
        self.lock().state.client_count()
    }

    /// Handshakes and subscriptions of `user`'s clients so far, and how many are known.
    pub fn stats(&self, user: &str) -> ClientStats {
        self.lock().state.stats(user)
    }
}
