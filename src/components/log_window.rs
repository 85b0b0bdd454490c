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

/// The first of the `rendered` newest entries out of `total`.
pub fn first_rendered(total: usize, rendered: usize) -> usize {
    total.saturating_sub(rendered)
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
        assert_eq!(first_rendered(10_000, PAGE), 10_000 - PAGE);
        assert_eq!(first_rendered(20, PAGE), 0);
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
