//! How long to wait before trying again after a network failure.

/// Doubling delays from `initial_ms`, never above `max_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub initial_ms: u64,
    pub max_ms: u64,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            initial_ms: 1_000,
            max_ms: 30_000,
        }
    }
}

impl Backoff {
    /// The delay before try number `failures + 1`, for `failures` ≥ 1 consecutive failures.
    pub fn delay_ms(&self, failures: u32) -> u64 {
        let doublings = failures.saturating_sub(1).min(63);
        self.initial_ms
            .saturating_mul(1u64 << doublings)
            .min(self.max_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_cap() {
        let backoff = Backoff {
            initial_ms: 500,
            max_ms: 5_000,
        };
        let delays: Vec<u64> = (1..=7).map(|n| backoff.delay_ms(n)).collect();
        assert_eq!(delays, [500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    }

    #[test]
    fn never_overflows() {
        let backoff = Backoff::default();
        assert_eq!(backoff.delay_ms(u32::MAX), 30_000);
        assert_eq!(backoff.delay_ms(0), 1_000);
    }
}
