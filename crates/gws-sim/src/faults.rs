//! Fault injection for reliability tests: held notifications, slow answers, failing
//! requests, a failing next operation. Cutting long-polls and forgetting clients act on the
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
    pub fail_requests: Option<u64>,
    pub fail_next_operation: Option<String>,
    pub lose_answer_of: Option<String>,
    pub drop_request_of: Option<String>,
}

/// The faults in force, as `POST /sim/v1/faults` answers them.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultState {
    pub pause_notifications: bool,
    pub held_notifications: usize,
    pub delay_ms: u64,
    /// How many of the next `/api/v2/…` requests still answer HTTP 500.
    pub fail_requests: u64,
    pub fail_next_operation: Option<String>,
    pub lose_answer_of: Option<String>,
    pub drop_request_of: Option<String>,
}

#[derive(Debug, Default)]
pub struct Faults {
    pub paused: bool,
    /// Notifications held while paused, in publishing order: (user, data).
    pub held: Vec<(String, Value)>,
    pub delay_ms: u64,
    /// The next this many `/api/v2/…` requests (REST and CometD) answer HTTP 500.
    pub fail_requests: u64,
    /// How many requests the `failRequests` fault has answered with 500 so far.
    pub failed_requests: u64,
    pub fail_next: Option<String>,
    /// The next request with this `operationName` is carried out, but its answer is lost.
    pub lose_answer: Option<String>,
    /// The next request with this `operationName` is lost before GWS sees it.
    pub drop_request: Option<String>,
}

impl Faults {
    pub fn state(&self) -> FaultState {
        FaultState {
            pause_notifications: self.paused,
            held_notifications: self.held.len(),
            delay_ms: self.delay_ms,
            fail_requests: self.fail_requests,
            fail_next_operation: self.fail_next.clone(),
            lose_answer_of: self.lose_answer.clone(),
            drop_request_of: self.drop_request.clone(),
        }
    }

    /// Whether the request now arriving is one the `failRequests` fault answers with
    /// 500; counts it down if so.
    pub fn take_failure(&mut self) -> bool {
        if self.fail_requests == 0 {
            return false;
        }
        self.fail_requests -= 1;
        self.failed_requests += 1;
        true
    }
}

/// Takes a one-shot fault aimed at `operation`, if that is what it waits for.
pub fn take_for(fault: &mut Option<String>, operation: &str) -> bool {
    if fault.as_deref() == Some(operation) {
        *fault = None;
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fails_exactly_the_next_n_requests() {
        let mut faults = Faults {
            fail_requests: 2,
            ..Faults::default()
        };
        assert!(faults.take_failure());
        assert_eq!(faults.state().fail_requests, 1);
        assert!(faults.take_failure());
        assert!(!faults.take_failure());
        assert_eq!(faults.failed_requests, 2);
        assert_eq!(faults.fail_requests, 0);
    }

    #[test]
    fn a_fault_aimed_at_an_operation_waits_for_it_and_strikes_once() {
        let mut lose = Some("SendMessage".to_owned());
        assert!(!take_for(&mut lose, "SendStartTypingNotification"));
        assert!(take_for(&mut lose, "SendMessage"));
        assert!(!take_for(&mut lose, "SendMessage"));
    }
}
