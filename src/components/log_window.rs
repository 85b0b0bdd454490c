//! Which part of a long log is rendered, and how many entries wait unread below.
//!
//! Chat windowing: the newest entries are always rendered (new messages arrive at the
//! bottom); older ones are added a page at a time as the agent scrolls up, so a
//! session with 10,000 messages renders a few hundred nodes.

use gws_types::{Message, MessageType};

/// How many entries are rendered at first, and added per step when scrolling up.
pub const PAGE: usize = 150;

/// Whether an entry is shown in the log at all: typing entries are a transient
/// indicator, not lines of the conversation.
pub fn is_shown(message: &Message) -> bool {
    !matches!(
        message.kind,
        MessageType::TypingStarted | MessageType::TypingStopped
    )
}

/// The first rendered entry out of `total`: the `rendered` newest while the agent is
/// at the bottom. While they read above, the `arrived` entries added since they left
/// the bottom extend the window downwards instead of moving it, so no entry above the
/// text being read disappears.
pub fn first_rendered(total: usize, rendered: usize, arrived: usize) -> usize {
    total.saturating_sub(rendered.saturating_add(arrived))
}

/// How many consecutive entries render as one [`super::log_chunk::LogChunk`].
pub const CHUNK: usize = 25;

/// The first entry of the chunk that holds entry `first`: the window starts at a chunk
/// boundary, so it grows by whole chunks and an append changes only the last one.
pub fn chunk_start(first: usize) -> usize {
    first - first % CHUNK
}

/// The chunks of `total` entries from `start` (a chunk boundary): each one's number and
/// range of positions, the last one possibly short.
pub fn chunks(start: usize, total: usize) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> {
    (start..total)
        .step_by(CHUNK)
        .map(move |from| (from / CHUNK, from..(from + CHUNK).min(total)))
}

/// How many entries were added since the agent left the bottom with `left_at` entries
/// in the log; none while they are at the bottom.
pub fn arrived_since(total: usize, left_at: Option<usize>) -> usize {
    left_at.map_or(0, |at| total.saturating_sub(at))
}

/// How many shown entries have an index above `seen`.
pub fn unread_after<'a>(entries: impl DoubleEndedIterator<Item = &'a Message>, seen: u64) -> usize {
    entries
        .rev()
        .take_while(|message| message.index > seen)
        .filter(|message| is_shown(message))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(index: u64, kind: MessageType) -> Message {
        serde_json::from_value(serde_json::json!({"index": index, "type": kind.as_str()})).unwrap()
    }

    #[test]
    fn renders_the_newest_entries() {
        assert_eq!(first_rendered(10_000, PAGE, 0), 10_000 - PAGE);
        assert_eq!(first_rendered(20, PAGE, 0), 0);
    }

    #[test]
    fn the_window_slides_only_at_the_bottom() {
        // At the bottom: each new entry moves the window down by one.
        assert_eq!(arrived_since(10_001, None), 0);
        assert_eq!(first_rendered(10_001, PAGE, 0), 10_001 - PAGE);
        // Reading above since the log held 10,000: the window keeps its first entry.
        for total in [10_000, 10_001, 10_500] {
            let arrived = arrived_since(total, Some(10_000));
            assert_eq!(first_rendered(total, PAGE, arrived), 10_000 - PAGE);
        }
        // Older pages added while reading above still count from there.
        let arrived = arrived_since(10_003, Some(10_000));
        assert_eq!(first_rendered(10_003, 2 * PAGE, arrived), 10_000 - 2 * PAGE);
        assert_eq!(first_rendered(usize::MAX, usize::MAX, usize::MAX), 0);
    }

    #[test]
    fn the_window_starts_and_grows_in_whole_chunks() {
        assert_eq!(chunk_start(0), 0);
        assert_eq!(chunk_start(CHUNK - 1), 0);
        assert_eq!(chunk_start(10_000 - PAGE), 9_850 - 9_850 % CHUNK);
        let all: Vec<_> = chunks(50, 110).collect();
        assert_eq!(all, [(2, 50..75), (3, 75..100), (4, 100..110)]);
        assert_eq!(chunks(0, 0).count(), 0);
        // Appends at the bottom change only the last chunk until it is full.
        let before: Vec<_> = chunks(chunk_start(first_rendered(1_000, PAGE, 0)), 1_000).collect();
        let after: Vec<_> = chunks(chunk_start(first_rendered(1_001, PAGE, 0)), 1_001).collect();
        assert_eq!(before[..before.len() - 1], after[..before.len() - 1]);
    }

    #[test]
    fn counts_unread_lines_but_not_typing() {
        let log: Vec<Message> = vec![
            entry(1, MessageType::Text),
            entry(2, MessageType::Text),
            entry(3, MessageType::TypingStarted),
            entry(4, MessageType::Text),
            entry(5, MessageType::TypingStopped),
        ];
        assert_eq!(unread_after(log.iter(), 1), 2);
        assert_eq!(unread_after(log.iter(), 5), 0);
        assert_eq!(unread_after(log.iter(), 0), 3);
    }
}
