//! Fault injection for reliability tests: held notifications, slow answers, a
//! failing next operation. Cutting long-polls and forgetting clients act on the
//! Bayeux server directly.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST /sim/v1/faults`: any subset of the fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRequest {
    pub drop_connections: Option<bool>,
    pub expire_clients: Option<bool>,
    pub pause_notifications: Option<bool>,
    pub delay_ms: Option<u64>,
    pub fail_next_operation: Option<String>,
}

/// The faults in force, as `POST /sim/v1/faults` answers them.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultState {
    pub pause_notifications: bool,
    pub held_notifications: usize,
    pub delay_ms: u64,
    pub fail_next_operation: Option<String>,
}

#[derive(Debug, Default)]
pub struct Faults {
    pub paused: bool,
    /// Notifications held while paused, in publishing order: (user, data).
    pub held: Vec<(String, Value)>,
    pub delay_ms: u64,
    pub fail_next: Option<String>,
}

impl Faults {
    pub fn state(&self) -> FaultState {
        FaultState {
            pause_notifications: self.paused,
            held_notifications: self.held.len(),
            delay_ms: self.delay_ms,
            fail_next_operation: self.fail_next.clone(),
        }
    }
}
