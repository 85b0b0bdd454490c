//! The CometD (Bayeux 1.0) long-polling server: pure state in `state`, channel
//! patterns in `channel`, the async hold-and-wake wiring in `longpoll`.

pub mod channel;
pub mod longpoll;
pub mod state;

pub use longpoll::{BayeuxServer, Exchange};
pub use state::{ClientStats, Timing};

/// The topic GWS SMS notifications are published on.
pub const SMS_TOPIC: &str = "/v2/me/smssessions";
