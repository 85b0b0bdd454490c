//! The running simulator's shared state and how engine output reaches the world:
//! notifications to the Bayeux server (or held while paused), simulated agents
//! accepting offers, and the log of every notification.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::Value;

use crate::auth::HttpSessions;
use crate::bayeux::{BayeuxServer, SMS_TOPIC};
use crate::engine::{Engine, Outbound};
use crate::faults::Faults;

pub struct Settings {
    /// How long a simulated agent takes to accept an offer.
    pub accept_delay: Duration,
    /// Origins allowed to call with credentials; `*` matches any run of characters.
    pub allowed_origins: Vec<String>,
    /// Log each request and each notification.
    pub verbose: bool,
}

pub struct Sim {
    pub engine: Mutex<Engine>,
    pub bayeux: BayeuxServer,
    pub http_sessions: HttpSessions,
    pub faults: Mutex<Faults>,
    pub settings: Settings,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sim {
    pub fn engine(&self) -> MutexGuard<'_, Engine> {
        lock(&self.engine)
    }

    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        lock(&self.faults)
    }

    pub fn log(&self, line: impl AsRef<str>) {
        if self.settings.verbose {
            println!("{}", line.as_ref());
        }
    }

    /// Sends what the engine produced. Call it while still holding the engine lock,
    /// so notifications leave in the order the engine made them.
    pub fn dispatch(self: &Arc<Self>, outbound: Vec<Outbound>) {
        for item in outbound {
            match item {
                Outbound::Agent {
                    username,
                    notification,
                } => {
                    let Ok(data) = serde_json::to_value(&notification) else {
                        continue;
                    };
                    self.publish(&username, data);
                }
                Outbound::Customer {
                    session_id,
                    message,
                } => {
                    self.log(format!(
                        "sms    -> customer of {session_id}: #{} {} {}",
                        message.index,
                        message.kind,
                        message.body().unwrap_or("")
                    ));
                }
                Outbound::Offered {
                    session_id,
                    username,
                } => self.schedule_auto_accept(session_id, username),
            }
        }
    }

    /// Sends `data` on the agent's SMS topic (held while notifications are paused).
    pub fn publish(&self, username: &str, data: Value) {
        let mut faults = self.faults();
        if faults.paused {
            faults.held.push((username.to_owned(), data));
            return;
        }
        drop(faults);
        self.deliver(username, &data);
    }

    fn deliver(&self, username: &str, data: &Value) {
        let clients = self.bayeux.publish(username, SMS_TOPIC, data);
        if self.settings.verbose {
            println!("notify -> {username} ({clients} client(s)) {SMS_TOPIC} {data}");
        }
    }

    /// Ends the pause: held notifications go out in their original order.
    pub fn resume_notifications(&self) {
        let held = {
            let mut faults = self.faults();
            faults.paused = false;
            std::mem::take(&mut faults.held)
        };
        for (username, data) in held {
            self.deliver(&username, &data);
        }
    }

    /// A consulted, invited or transfer target with no live CometD client is
    /// simulated: it accepts after the delay. A browser signed in as that agent and
    /// subscribed to the SMS topic answers the offer itself.
    fn schedule_auto_accept(self: &Arc<Self>, session_id: String, username: String) {
        let sim = Arc::clone(self);
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            tokio::time::sleep(sim.settings.accept_delay).await;
            if sim.bayeux.has_subscriber(&username, SMS_TOPIC) {
                sim.log(format!("offer  -> {username} is driven by a live client: not auto-accepting {session_id}"));
                return;
            }
            let mut engine = sim.engine();
            let outbound = engine.auto_accept(&session_id, &username);
            if !outbound.is_empty() {
                sim.log(format!("offer  -> simulated {username} accepted {session_id}"));
            }
            sim.dispatch(outbound);
        });
    }
}
