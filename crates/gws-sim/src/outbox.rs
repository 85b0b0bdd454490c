//! Notifications on their way to the Bayeux server while the profile delays them. One
//! queue for every agent, so they leave in the order the engine made them; a notification
//! an operation caused waits for that operation's answer to leave (its ticket), then for
//! the delay.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use serde_json::Value;
use tokio::sync::Notify;

/// When a queued notification may leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Now,
    At(Instant),
    /// When the answer holding this ticket has left (then [`Outbox::release`] dates it).
    AfterAnswer(u64),
}

/// Put on an operation's answer: its notifications wait for the answer to leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerTicket(pub u64);

struct Parcel {
    username: String,
    data: Value,
    due: Due,
}

#[derive(Default)]
pub struct Outbox {
    queue: Mutex<VecDeque<Parcel>>,
    wake: Notify,
    tickets: AtomicU64,
}

impl Outbox {
    fn queue(&self) -> MutexGuard<'_, VecDeque<Parcel>> {
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn ticket(&self) -> u64 {
        self.tickets.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Hands `data` to `deliver` at once when it is due now and nothing waits before it
    /// (the usual case, no profile delay); queues it otherwise.
    pub fn send(&self, username: &str, data: Value, due: Due, deliver: impl FnOnce(&str, Value)) {
        let mut queue = self.queue();
        if due == Due::Now && queue.is_empty() {
            // Delivered under the queue's lock: nothing queued later can overtake it.
            deliver(username, data);
            return;
        }
        queue.push_back(Parcel {
            username: username.to_owned(),
            data,
            due,
        });
        drop(queue);
        self.wake.notify_one();
    }

    /// The answer holding `ticket` has left: its notifications are due at `at`.
    pub fn release(&self, ticket: u64, at: Instant) {
        let mut queue = self.queue();
        for parcel in queue.iter_mut() {
            if parcel.due == Due::AfterAnswer(ticket) {
                parcel.due = Due::At(at);
            }
        }
        drop(queue);
        self.wake.notify_one();
    }

    /// Delivers, in order, every notification due by `now`, and stops at the first one
    /// that is not: `Some(when)` it will be, `None` when it waits for an answer.
    pub fn flush(&self, now: Instant, mut deliver: impl FnMut(&str, Value)) -> Option<Instant> {
        let mut queue = self.queue();
        loop {
            let due = match queue.front() {
                None => return None,
                Some(parcel) => parcel.due,
            };
            match due {
                Due::At(at) if at > now => return Some(at),
                Due::AfterAnswer(_) => return None,
                Due::Now | Due::At(_) => {
                    if let Some(parcel) = queue.pop_front() {
                        deliver(&parcel.username, parcel.data);
                    }
                }
            }
        }
    }

    /// Resolves after the next [`send`](Self::send) that queued or [`release`](Self::release).
    pub async fn changed(&self) {
        self.wake.notified().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn gather(outbox: &Outbox, now: Instant) -> (Vec<Value>, Option<Instant>) {
        let mut sent = Vec::new();
        let next = outbox.flush(now, |_, data| sent.push(data));
        (sent, next)
    }

    #[test]
    fn nothing_queued_leaves_at_once() {
        let outbox = Outbox::default();
        let mut sent = Vec::new();
        outbox.send("agent1", 1.into(), Due::Now, |_, data| sent.push(data));
        assert_eq!(sent, [Value::from(1)]);
    }

    #[test]
    fn notifications_wait_for_their_answer_and_keep_their_order() {
        let outbox = Outbox::default();
        let t0 = Instant::now();
        let ticket = outbox.ticket();
        outbox.send("agent1", 1.into(), Due::AfterAnswer(ticket), |_, _| {});
        // Due sooner, but made later: it waits behind the first.
        outbox.send("agent1", 2.into(), Due::At(t0), |_, _| {});
        let mut sent = Vec::new();
        outbox.send("agent1", 3.into(), Due::Now, |_, data| sent.push(data));
        assert!(sent.is_empty(), "queued behind the others");
        assert_eq!(gather(&outbox, t0), (vec![], None));
        let later = t0 + Duration::from_millis(250);
        outbox.release(ticket, later);
        assert_eq!(gather(&outbox, t0), (vec![], Some(later)));
        assert_eq!(
            gather(&outbox, later),
            (vec![1.into(), 2.into(), 3.into()], None)
        );
    }
}
