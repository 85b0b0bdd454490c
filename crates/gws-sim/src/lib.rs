//! A GWS API v2 simulator for SMS sessions with a CometD (Bayeux 1.0) long-polling
//! server, a control API and fault injection. See the crate README.

pub mod directory;
pub mod engine;
