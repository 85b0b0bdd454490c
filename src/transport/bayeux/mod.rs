//! A Bayeux 1.0 (CometD long-polling) client as a pure state machine: answers go in,
//! requests to send and times to wait come out. It does no I/O and reads no clock;
//! the caller passes the time (milliseconds since the Unix epoch) with every input.

mod backoff;
mod machine;
mod wire;

#[cfg(test)]
mod tests;

pub use backoff::Backoff;
pub use machine::{
    BayeuxClient, BayeuxConfig, ConnectionState, Event, Next, Output, Request, RequestKind,
    Unanswered,
};
pub use wire::Reconnect;
