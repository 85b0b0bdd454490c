//! A GWS API v2 simulator for SMS sessions with a CometD (Bayeux 1.0) long-polling
//! server, a control API and fault injection. See the crate README.
//!
//! Layers, each depending only on those above it: `directory`, `dispositions` and
//! `engine` (pure session rules and settings), `bayeux` (pure CometD state plus thin
//! long-poll wiring), `auth`, `faults`, `profile` (loopback or field), `outbox` (delayed
//! notifications), `sim` (shared state, dispatch), `http` (axum routes), `server`
//! (start/stop).

pub mod auth;
pub mod bayeux;
pub mod directory;
pub mod dispositions;
pub mod engine;
pub mod faults;
pub mod http;
pub mod outbox;
pub mod profile;
pub mod server;
pub mod sim;

pub use profile::{Profile, ProfileRequest};
pub use server::{start, ServerHandle, SimConfig};
