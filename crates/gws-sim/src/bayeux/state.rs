//! The CometD server's state, pure: clients, their subscriptions and queues, pending
//! long-polls, expiry. Time is passed in; the async wiring lives in `longpoll`.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::channel;

/// The timing advice the server gives and enforces.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// How long a `/meta/connect` is held when nothing is queued (advice.timeout).
    pub timeout: Duration,
    /// How long the client should wait between connects (advice.interval).
    pub interval: Duration,
    /// A client with no connect pending for longer than this is forgotten (CometD's
    /// `maxInterval`, 10 s by default).
    pub max_interval: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            timeout: Duration::from_secs(30),
            interval: Duration::ZERO,
            max_interval: Duration::from_secs(10),
        }
    }
}

#[derive(Debug)]
struct Client {
    user: String,
    subscriptions: BTreeSet<String>,
    queue: VecDeque<Value>,
    /// When the last connect reply went out (or the handshake, before any).
    last_seen: Instant,
    /// The generation of the connect being held, if any.
    polling: Option<u64>,
    generation: u64,
    connected_once: bool,
    /// Set by the drop-connections fault: the held connect is cut, the queue kept.
    dropped: bool,
}

/// What a held connect should do now.
#[derive(Debug, PartialEq)]
pub enum Poll {
    /// Deliver these messages (the queue is now empty).
    Deliver(Vec<Value>),
    /// Nothing yet: keep waiting.
    Wait,
    /// A newer connect from the same client took over: answer empty.
    Superseded,
    /// The client is gone (expired, disconnected): answer 402.
    Gone,
    /// The connection must be cut without an answer.
    Dropped,
}

/// How one incoming message is answered.
#[derive(Debug, PartialEq)]
pub enum Handled {
    Reply(Value),
    /// A `/meta/connect` to hold: `reply` is sent when the poll ends.
    Connect {
        client_id: String,
        generation: u64,
        reply: Value,
        immediate: bool,
    },
}

/// What one user's clients have done since the server started, for tests that count
/// re-handshakes and re-subscriptions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientStats {
    /// Successful handshakes.
    pub handshakes: u64,
    /// Successful `/meta/subscribe` messages.
    pub subscribes: u64,
    /// Clients of the user the server knows now.
    pub clients: u64,
}

pub struct BayeuxState {
    clients: HashMap<String, Client>,
    stats: HashMap<String, ClientStats>,
    timing: Timing,
    next_client: u64,
    salt: u64,
}

impl BayeuxState {
    pub fn new(timing: Timing) -> Self {
        use std::hash::{BuildHasher, RandomState};
        BayeuxState {
            clients: HashMap::new(),
            stats: HashMap::new(),
            timing,
            next_client: 0,
            salt: RandomState::new().hash_one(0xB4_7E_u64),
        }
    }

    pub fn timing(&self) -> Timing {
        self.timing
    }

    fn advice(&self) -> Value {
        json!({
            "reconnect": "retry",
            "interval": self.timing.interval.as_millis() as u64,
            "timeout": self.timing.timeout.as_millis() as u64,
        })
    }

    /// Answers one Bayeux message from `user` (None: the HTTP session is not signed in).
    pub fn handle(&mut self, user: Option<&str>, message: &Value, now: Instant) -> Handled {
        let channel = message.get("channel").and_then(Value::as_str).unwrap_or("");
        let mut reply = json!({ "channel": channel });
        if let Some(id) = message.get("id") {
            reply["id"] = id.clone();
        }
        let client_id = message
            .get("clientId")
            .and_then(Value::as_str)
            .unwrap_or("");
        if channel == "/meta/handshake" {
            return Handled::Reply(self.handshake(user, reply, now));
        }
        if channel.is_empty() {
            reply["successful"] = false.into();
            reply["error"] = "400::Bad message: no channel".into();
            return Handled::Reply(reply);
        }
        if !channel.starts_with("/meta/") {
            reply["successful"] = false.into();
            reply["error"] = "403::Publish denied".into();
            return Handled::Reply(reply);
        }
        reply["clientId"] = client_id.into();
        let advice = self.advice();
        let Some(client) = self.clients.get_mut(client_id) else {
            reply["successful"] = false.into();
            reply["error"] = "402::Unknown client".into();
            reply["advice"] = json!({"reconnect": "handshake", "interval": 0});
            return Handled::Reply(reply);
        };
        match channel {
            "/meta/connect" => {
                client.generation += 1;
                client.polling = Some(client.generation);
                client.dropped = false;
                let asks_immediate =
                    message.pointer("/advice/timeout").and_then(Value::as_u64) == Some(0);
                let immediate = asks_immediate || !client.connected_once;
                client.connected_once = true;
                reply["successful"] = true.into();
                reply["advice"] = advice;
                Handled::Connect {
                    client_id: client_id.to_owned(),
                    generation: client.generation,
                    reply,
                    immediate,
                }
            }
            "/meta/subscribe" | "/meta/unsubscribe" => {
                let subscription = message
                    .get("subscription")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                reply["subscription"] = subscription.into();
                if !channel::subscribable(subscription) {
                    reply["successful"] = false.into();
                    reply["error"] = format!("403::Cannot subscribe to `{subscription}`").into();
                } else {
                    if channel == "/meta/subscribe" {
                        client.subscriptions.insert(subscription.to_owned());
                        self.stats
                            .entry(client.user.clone())
                            .or_default()
                            .subscribes += 1;
                    } else {
                        client.subscriptions.remove(subscription);
                    }
                    reply["successful"] = true.into();
                }
                Handled::Reply(reply)
            }
            "/meta/disconnect" => {
                self.clients.remove(client_id);
                reply["successful"] = true.into();
                Handled::Reply(reply)
            }
            _ => {
                reply["successful"] = false.into();
                reply["error"] = "400::Unknown meta channel".into();
                Handled::Reply(reply)
            }
        }
    }

    fn handshake(&mut self, user: Option<&str>, mut reply: Value, now: Instant) -> Value {
        reply["version"] = "1.0".into();
        reply["supportedConnectionTypes"] = json!(["long-polling"]);
        let Some(user) = user else {
            reply["successful"] = false.into();
            reply["error"] = "403::Unauthenticated: sign in first (JSESSIONID)".into();
            reply["advice"] = json!({"reconnect": "none"});
            return reply;
        };
        self.next_client += 1;
        let client_id = format!(
            "{:x}{:012x}",
            self.next_client,
            self.salt & 0xFFFF_FFFF_FFFF
        );
        self.clients.insert(
            client_id.clone(),
            Client {
                user: user.to_owned(),
                subscriptions: BTreeSet::new(),
                queue: VecDeque::new(),
                last_seen: now,
                polling: None,
                generation: 0,
                connected_once: false,
                dropped: false,
            },
        );
        reply["clientId"] = client_id.into();
        reply["successful"] = true.into();
        reply["advice"] = self.advice();
        self.stats.entry(user.to_owned()).or_default().handshakes += 1;
        reply
    }

    /// What `user`'s clients have done so far.
    pub fn stats(&self, user: &str) -> ClientStats {
        let clients = self.clients.values().filter(|c| c.user == user).count();
        ClientStats {
            clients: clients as u64,
            ..self.stats.get(user).copied().unwrap_or_default()
        }
    }

    /// What the held connect `generation` of `client_id` should do now.
    pub fn poll(&mut self, client_id: &str, generation: u64) -> Poll {
        let Some(client) = self.clients.get_mut(client_id) else {
            return Poll::Gone;
        };
        if client.polling != Some(generation) {
            return Poll::Superseded;
        }
        if client.dropped {
            client.dropped = false;
            return Poll::Dropped;
        }
        if client.queue.is_empty() {
            Poll::Wait
        } else {
            Poll::Deliver(client.queue.drain(..).collect())
        }
    }

    /// Takes whatever is queued (when a held connect times out or answers at once).
    pub fn drain(&mut self, client_id: &str, generation: u64) -> Vec<Value> {
        match self.clients.get_mut(client_id) {
            Some(client) if client.polling == Some(generation) => client.queue.drain(..).collect(),
            _ => Vec::new(),
        }
    }

    /// The held connect ended (answered, cut, or abandoned by the client): the
    /// expiry clock starts again.
    pub fn end_poll(&mut self, client_id: &str, generation: u64, now: Instant) {
        if let Some(client) = self.clients.get_mut(client_id) {
            if client.polling == Some(generation) {
                client.polling = None;
                client.last_seen = now;
            }
        }
    }

    /// Queues `data` on `channel` for every client of `user` subscribed to it; returns
    /// the clients to wake.
    pub fn publish(&mut self, user: &str, channel: &str, data: &Value) -> Vec<String> {
        let mut woken = Vec::new();
        for (id, client) in &mut self.clients {
            if client.user == user
                && client
                    .subscriptions
                    .iter()
                    .any(|p| channel::matches(p, channel))
            {
                client
                    .queue
                    .push_back(json!({ "channel": channel, "data": data }));
                woken.push(id.clone());
            }
        }
        woken
    }

    /// Forgets clients that have not polled for longer than `max_interval`.
    pub fn expire(&mut self, now: Instant) -> Vec<String> {
        let limit = self.timing.max_interval;
        let expired: Vec<String> = self
            .clients
            .iter()
            .filter(|(_, c)| {
                c.polling.is_none() && now.saturating_duration_since(c.last_seen) > limit
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in &expired {
            self.clients.remove(id);
        }
        expired
    }

    /// Fault: forget every client; their next connect gets `402::Unknown client`.
    pub fn expire_all(&mut self) -> Vec<String> {
        self.clients.drain().map(|(id, _)| id).collect()
    }

    /// Fault: cut every held connect; queues are kept for the next one.
    pub fn drop_polls(&mut self) -> Vec<String> {
        let mut cut = Vec::new();
        for (id, client) in &mut self.clients {
            if client.polling.is_some() {
                client.dropped = true;
                cut.push(id.clone());
            }
        }
        cut
    }

    /// Whether `user` has a client subscribed to `channel`: someone drives that agent.
    pub fn has_subscriber(&self, user: &str, channel: &str) -> bool {
        self.clients
            .values()
            .any(|c| c.user == user && c.subscriptions.iter().any(|p| channel::matches(p, channel)))
    }

    pub fn client_count(&self) -> usize {
        self.clients.len()
    }

    pub fn knows(&self, client_id: &str) -> bool {
        self.clients.contains_key(client_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPIC: &str = "/v2/me/smssessions";

    fn reply(handled: Handled) -> Value {
        match handled {
            Handled::Reply(value) => value,
            Handled::Connect { reply, .. } => reply,
        }
    }

    fn signed_in(state: &mut BayeuxState, user: &str, now: Instant) -> String {
        let answer = reply(state.handle(
            Some(user),
            &json!({"channel": "/meta/handshake", "id": "1"}),
            now,
        ));
        let id = answer["clientId"].as_str().unwrap_or_default().to_owned();
        state.handle(
            None,
            &json!({"channel": "/meta/subscribe", "clientId": id, "subscription": TOPIC}),
            now,
        );
        id
    }

    fn connect(state: &mut BayeuxState, id: &str, now: Instant) -> (u64, bool) {
        match state.handle(
            None,
            &json!({"channel": "/meta/connect", "clientId": id, "connectionType": "long-polling"}),
            now,
        ) {
            Handled::Connect {
                generation,
                immediate,
                ..
            } => (generation, immediate),
            Handled::Reply(other) => panic!("not a held connect: {other}"),
        }
    }

    #[test]
    fn handshake_needs_a_signed_in_session() {
        let mut state = BayeuxState::new(Timing::default());
        let refused =
            reply(state.handle(None, &json!({"channel": "/meta/handshake"}), Instant::now()));
        assert_eq!(refused["successful"], false);
        assert_eq!(refused["advice"]["reconnect"], "none");
        let accepted = reply(state.handle(
            Some("agent1"),
            &json!({"channel": "/meta/handshake", "id": "7"}),
            Instant::now(),
        ));
        assert_eq!(accepted["successful"], true);
        assert_eq!(accepted["id"], "7");
        assert_eq!(
            accepted["supportedConnectionTypes"],
            json!(["long-polling"])
        );
        assert_eq!(accepted["advice"]["timeout"], 30_000);
    }

    #[test]
    fn unknown_clients_get_402_with_a_handshake_advice() {
        let mut state = BayeuxState::new(Timing::default());
        for channel in ["/meta/connect", "/meta/subscribe", "/meta/disconnect"] {
            let answer = reply(state.handle(
                None,
                &json!({"channel": channel, "clientId": "nope"}),
                Instant::now(),
            ));
            assert_eq!(answer["error"], "402::Unknown client", "{channel}");
            assert_eq!(answer["advice"]["reconnect"], "handshake");
        }
    }

    #[test]
    fn the_queue_keeps_messages_between_connects_and_delivers_only_to_the_user() {
        let now = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let one = signed_in(&mut state, "agent1", now);
        let two = signed_in(&mut state, "agent2", now);
        let (first, immediate) = connect(&mut state, &one, now);
        assert!(immediate, "the first connect answers at once");
        state.end_poll(&one, first, now);
        for n in 0..3 {
            assert_eq!(
                state.publish("agent1", TOPIC, &json!({"n": n})),
                [one.as_str()]
            );
        }
        let (generation, immediate) = connect(&mut state, &one, now);
        assert!(!immediate);
        let Poll::Deliver(delivered) = state.poll(&one, generation) else {
            panic!("nothing delivered")
        };
        let ns: Vec<_> = delivered.iter().map(|m| m["data"]["n"].clone()).collect();
        assert_eq!(ns, [json!(0), json!(1), json!(2)]);
        assert_eq!(delivered[0]["channel"], TOPIC);
        assert_eq!(state.poll(&one, generation), Poll::Wait);
        let (g2, _) = connect(&mut state, &two, now);
        assert_eq!(state.drain(&two, g2), Vec::<Value>::new());
    }

    #[test]
    fn a_newer_connect_supersedes_the_held_one() {
        let now = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let id = signed_in(&mut state, "agent1", now);
        let (old, _) = connect(&mut state, &id, now);
        let (new, _) = connect(&mut state, &id, now);
        assert_eq!(state.poll(&id, old), Poll::Superseded);
        assert_eq!(state.poll(&id, new), Poll::Wait);
    }

    #[test]
    fn clients_expire_after_max_interval_without_a_connect() {
        let now = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let idle = signed_in(&mut state, "agent1", now);
        let busy = signed_in(&mut state, "agent2", now);
        connect(&mut state, &busy, now);
        assert!(state.expire(now + Duration::from_secs(9)).is_empty());
        assert_eq!(state.expire(now + Duration::from_secs(11)), [idle.as_str()]);
        assert!(state.knows(&busy), "a held connect keeps the client alive");
        let answer = reply(state.handle(
            None,
            &json!({"channel": "/meta/connect", "clientId": idle}),
            now,
        ));
        assert_eq!(answer["error"], "402::Unknown client");
    }

    #[test]
    fn faults_cut_polls_keeping_queues_or_forget_clients() {
        let now = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let id = signed_in(&mut state, "agent1", now);
        let (generation, _) = connect(&mut state, &id, now);
        state.publish("agent1", TOPIC, &json!(1));
        assert_eq!(state.drop_polls(), [id.as_str()]);
        assert_eq!(state.poll(&id, generation), Poll::Dropped);
        state.end_poll(&id, generation, now);
        let (next, _) = connect(&mut state, &id, now);
        assert!(matches!(state.poll(&id, next), Poll::Deliver(m) if m.len() == 1));
        assert_eq!(state.expire_all(), [id.as_str()]);
        assert_eq!(state.poll(&id, next), Poll::Gone);
    }

    #[test]
    fn counts_handshakes_and_subscriptions_per_user() {
        let now = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let first = signed_in(&mut state, "agent1", now);
        signed_in(&mut state, "agent2", now);
        state.expire_all();
        signed_in(&mut state, "agent1", now);
        let refused = reply(state.handle(
            None,
            &json!({"channel": "/meta/subscribe", "clientId": first, "subscription": TOPIC}),
            now,
        ));
        assert_eq!(refused["error"], "402::Unknown client");
        assert_eq!(
            state.stats("agent1"),
            ClientStats {
                handshakes: 2,
                subscribes: 2,
                clients: 1
            }
        );
        assert_eq!(state.stats("agent2").clients, 0);
        assert_eq!(state.stats("nobody"), ClientStats::default());
    }

    #[test]
    fn the_expiry_clock_starts_at_the_last_connect_reply() {
        let start = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let id = signed_in(&mut state, "agent1", start);
        let (generation, _) = connect(&mut state, &id, start);
        // Held for 25 s: never idle while held.
        assert!(state.expire(start + Duration::from_secs(25)).is_empty());
        let answered = start + Duration::from_secs(25);
        state.end_poll(&id, generation, answered);
        assert!(state
            .expire(answered + Duration::from_millis(9_900))
            .is_empty());
        assert_eq!(
            state.expire(answered + Duration::from_millis(10_100)),
            [id.as_str()]
        );
    }

    #[test]
    fn subscriptions_control_delivery_and_liveness() {
        let now = Instant::now();
        let mut state = BayeuxState::new(Timing::default());
        let id = signed_in(&mut state, "agent1", now);
        assert!(state.has_subscriber("agent1", TOPIC));
        let meta = reply(state.handle(
            None,
            &json!({"channel": "/meta/subscribe", "clientId": id, "subscription": "/meta/connect"}),
            now,
        ));
        assert_eq!(meta["successful"], false);
        state.handle(
            None,
            &json!({"channel": "/meta/unsubscribe", "clientId": id, "subscription": TOPIC}),
            now,
        );
        assert!(!state.has_subscriber("agent1", TOPIC));
        assert!(state.publish("agent1", TOPIC, &json!(1)).is_empty());
        let publish = reply(state.handle(
            None,
            &json!({"channel": TOPIC, "clientId": id, "data": {}}),
            now,
        ));
        assert_eq!(publish["error"], "403::Publish denied");
        state.handle(
            None,
            &json!({"channel": "/meta/disconnect", "clientId": id}),
            now,
        );
        assert_eq!(state.client_count(), 0);
    }
}
