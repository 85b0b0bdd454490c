//! The session as the UI sees it: pure state, changed only by applying actions.
//! No I/O here, so all of it is tested natively.

mod actions;
pub mod attention;
mod audience;
mod brief;
pub mod choice;
pub mod echo;
pub mod header;
pub mod host_events;
mod log;
mod operations;
mod roster;
mod session;
pub mod targets;

pub use actions::{availability, AgentAction, Gate, Unavailable, ACTIONS};
pub use audience::{Audience, Outgoing};
pub use log::MessageLog;
pub use operations::{wait_ms, Millis, OpId, OpStatus, Operations, TrackedOperation};
pub use roster::{Identity, Role};
pub use session::{Action, Problem, RosterEntry, SessionState};

#[cfg(test)]
mod sending_tests;
#[cfg(test)]
mod tests;
