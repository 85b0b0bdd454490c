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
    Action, BayeuxClient, BayeuxConfig, ConnectionState, Event, Failure, Output, Request,
    RequestKind,
};
pub use wire::Reconnect;
