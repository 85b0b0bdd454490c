//! The running simulator's shared state and how engine output reaches the world:
//! notifications shaped by the profile, through the outbox (delayed when the profile
//! says so) to the Bayeux server (or held while paused), simulated agents accepting
//! offers, and the log of every notification.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::auth::HttpSessions;
use crate::bayeux::{BayeuxServer, SMS_TOPIC};
use crate::dispositions::Dispositions;
use crate::engine::{Engine, Outbound};
use crate::faults::Faults;
use crate::outbox::{AnswerTicket, Due, Outbox};
use crate::profile::references::Cause;
use crate::profile::Profile;

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
    /// What `GET /api/v2/settings/dispositions` answers.
    pub dispositions: Mutex<Dispositions>,
    pub settings: Settings,
    profile: Mutex<Profile>,
    pub outbox: Outbox,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sim {
    pub fn new(engine: Engine, bayeux: BayeuxServer, settings: Settings, profile: Profile) -> Sim {
        let sim = Sim {
            engine: Mutex::new(engine),
            bayeux,
            http_sessions: HttpSessions::default(),
            faults: Mutex::new(Faults::default()),
            dispositions: Mutex::new(Dispositions::default()),
            settings,
            profile: Mutex::new(Profile::loopback(profile.seed)),
            outbox: Outbox::default(),
        };
        sim.set_profile(profile);
        sim
    }

    pub fn engine(&self) -> MutexGuard<'_, Engine> {
        lock(&self.engine)
    }

    /// The profile in force.
    pub fn profile(&self) -> Profile {
        *lock(&self.profile)
    }

    /// Puts `profile` in force; the index gaps restart from its seed when they change.
    pub fn set_profile(&self, profile: Profile) {
        let mut engine = self.engine();
        let mut current = lock(&self.profile);
        let gaps = (profile.index_gaps_every, profile.seed);
        if gaps != (current.index_gaps_every, current.seed) {
            engine.set_index_gaps(gaps.0, gaps.1);
        }
        *current = profile;
    }

    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        lock(&self.faults)
    }

    pub fn dispositions(&self) -> MutexGuard<'_, Dispositions> {
        lock(&self.dispositions)
    }

    pub fn log(&self, line: impl AsRef<str>) {
        if self.settings.verbose {
            println!("{}", line.as_ref());
        }
    }

    /// Sends what the engine produced, unasked by any agent (the control API, a
    /// simulated agent). Call it while still holding the engine lock, so notifications
    /// leave in the order the engine made them.
    pub fn dispatch(self: &Arc<Self>, outbound: Vec<Outbound>) {
        self.dispatch_from(None, outbound);
    }

    /// Sends what an agent's operation caused, as [`dispatch`](Self::dispatch). When the
    /// profile delays notifications they wait for the operation's answer: the ticket to
    /// put on it.
    pub fn dispatch_operation(
        self: &Arc<Self>,
        cause: Cause,
        outbound: Vec<Outbound>,
    ) -> Option<AnswerTicket> {
        self.dispatch_from(Some(cause), outbound)
    }

    fn dispatch_from(
        self: &Arc<Self>,
        cause: Option<Cause>,
        outbound: Vec<Outbound>,
    ) -> Option<AnswerTicket> {
        let profile = self.profile();
        let mut ticket = None;
        for item in outbound {
            match item {
                Outbound::Agent {
                    username,
                    notification,
                } => {
                    let notification = profile.shape(cause, &username, notification);
                    let Ok(data) = serde_json::to_value(&notification) else {
                        continue;
                    };
                    let due = match (profile.notification_delay_ms, cause) {
                        (0, _) => Due::Now,
                        (_, Some(_)) => {
                            Due::AfterAnswer(*ticket.get_or_insert_with(|| self.outbox.ticket()))
                        }
                        (delay, None) => Due::At(Instant::now() + Duration::from_millis(delay)),
                    };
                    self.send(&username, data, due);
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
        ticket.map(AnswerTicket)
    }

    /// Sends `data` as it is on the agent's SMS topic, after the profile's notification
    /// delay (held while notifications are paused).
    pub fn publish(&self, username: &str, data: Value) {
        let delay = self.profile().notification_delay_ms;
        let due = match delay {
            0 => Due::Now,
            _ => Due::At(Instant::now() + Duration::from_millis(delay)),
        };
        self.send(username, data, due);
    }

    fn send(&self, username: &str, data: Value, due: Due) {
        self.outbox.send(username, data, due, |username, data| {
            self.hand_over(username, data)
        });
    }

    /// The answer holding `ticket` has left: its notifications go after the delay.
    pub fn answer_sent(&self, ticket: AnswerTicket) {
        let delay = Duration::from_millis(self.profile().notification_delay_ms);
        self.outbox.release(ticket.0, Instant::now() + delay);
    }

    /// Delivers the queued notifications now due; when to look again (`None`: when the
    /// outbox changes).
    pub fn flush_outbox(&self) -> Option<Instant> {
        self.outbox.flush(Instant::now(), |username, data| {
            self.hand_over(username, data)
        })
    }

    /// To the Bayeux server, or held while notifications are paused.
    fn hand_over(&self, username: &str, data: Value) {
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
