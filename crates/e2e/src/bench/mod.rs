//! Live benchmarks of the release widget in headless Chromium against gws-sim: latency
//! from the simulator publishing a text to the text being in the DOM (next to the official
//! CometD client in the same page), memory (JS heap and wasm memory), loading a long
//! log, and sending (Enter to the agent's own log and to confirmed). They print figures; they fail only on a correctness check (a text lost or shown
//! twice), never on a slow figure.

pub mod latency;
pub mod long_log;
pub mod memory;
pub mod profile;
pub mod sending;
pub mod site;
pub mod stats;

/// The agent whose page is measured.
pub const AGENT: &str = "agent1";
