//! What to read after an interruption so that the message log has no hole. The
//! reducer drops entries whose index it already holds, so reading a little too much
//! is harmless and reading too little is the only mistake to avoid.

use gws_types::Message;

use super::bayeux::Backoff;

/// How reads that must land (the re-read after an interruption, a hole in the log)
/// wait between tries after a transient failure: from half a second, doubling, at
/// most 8 s.
const READ_RETRY: Backoff = Backoff {
    initial_ms: 500,
    max_ms: 8_000,
};

/// The wait before trying a read again after `failures` (≥ 1) transient failures in a
/// row. A read after an interruption that failed once is not given up: nothing else
/// would fill what it was to fetch.
pub fn retry_delay_ms(failures: u32) -> u32 {
    u32::try_from(READ_RETRY.delay_ms(failures)).unwrap_or(u32::MAX)
}

/// A slice of the log to read: from `start_index`, `count` entries (all when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageRange {
    pub start_index: u64,
    pub count: Option<u64>,
}

/// Everything after the last entry held in order: `startIndex = last + 1`.
/// `last_contiguous` is 0 when nothing is held (indexes start at 1).
pub fn after(last_contiguous: u64) -> MessageRange {
    MessageRange {
        start_index: last_contiguous.saturating_add(1),
        count: None,
    }
}

/// The hole, if any, between what is held and newly arrived entries: a notification
/// whose lowest index is beyond `last + 1` means entries were missed in between.
pub fn gap_before(last_contiguous: u64, incoming: &[Message]) -> Option<MessageRange> {
    let lowest = incoming.iter().map(|message| message.index).min()?;
    let expected = last_contiguous.saturating_add(1);
    (lowest > expected).then(|| MessageRange {
        start_index: expected,
        count: Some(lowest - expected),
    })
}

/// The highest index `n` such that every index `1..=n` is present (0 when 1 is not).
pub fn last_contiguous(indexes: impl IntoIterator<Item = u64>) -> u64 {
    let mut indexes: Vec<u64> = indexes.into_iter().collect();
    indexes.sort_unstable();
    indexes.dedup();
    let mut last = 0;
    for index in indexes {
        if index == last + 1 {
            last = index;
        } else if index > last + 1 {
            break;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use gws_types::MessageType;

    fn entry(index: u64) -> Message {
        Message {
            index,
            kind: MessageType::Text,
            from: None,
            text: Some(format!("message {index}")),
            url: None,
            notice_text: None,
            visibility: None,
            timestamp: None,
            timestamp_seconds: None,
        }
    }

    #[test]
    fn reads_from_the_next_index() {
        assert_eq!(
            after(0),
            MessageRange {
                start_index: 1,
                count: None
            }
        );
        assert_eq!(
            after(41),
            MessageRange {
                start_index: 42,
                count: None
            }
        );
    }

    #[test]
    fn finds_the_hole_before_new_entries() {
        assert_eq!(gap_before(4, &[entry(5), entry(6)]), None);
        assert_eq!(
            gap_before(4, &[entry(3)]),
            None,
            "a duplicate leaves no hole"
        );
        assert_eq!(gap_before(4, &[]), None);
        assert_eq!(
            gap_before(4, &[entry(9), entry(8)]),
            Some(MessageRange {
                start_index: 5,
                count: Some(3)
            })
        );
        assert_eq!(
            gap_before(0, &[entry(2)]),
            Some(MessageRange {
                start_index: 1,
                count: Some(1)
            })
        );
    }

    #[test]
    fn failed_reads_are_retried_sooner_then_later() {
        let delays: Vec<u32> = (1..=6).map(retry_delay_ms).collect();
        assert_eq!(delays, [500, 1_000, 2_000, 4_000, 8_000, 8_000]);
        assert_eq!(retry_delay_ms(u32::MAX), 8_000);
    }

    #[test]
    fn contiguous_prefix() {
        assert_eq!(last_contiguous([]), 0);
        assert_eq!(last_contiguous([2, 3]), 0);
        assert_eq!(last_contiguous([3, 1, 2, 2, 5]), 3);
        assert_eq!(last_contiguous(1..=10), 10);
    }

    /// Whatever the client missed, reading `after(last_contiguous(held))` and merging
    /// by index yields the server's log exactly once.
    #[test]
    fn resync_restores_the_log_without_duplicates() {
        let server: Vec<u64> = (1..=12).collect();
        let held_cases: [&[u64]; 4] = [
            &[],
            &[1, 2, 3],
            &[1, 2, 5, 6],
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        ];
        for held in held_cases {
            let range = after(last_contiguous(held.iter().copied()));
            let fetched = server
                .iter()
                .copied()
                .filter(|index| *index >= range.start_index);
            let mut merged: Vec<u64> = held.iter().copied().chain(fetched).collect();
            merged.sort_unstable();
            merged.dedup();
            assert_eq!(merged, server, "held {held:?}");
        }
    }
}
