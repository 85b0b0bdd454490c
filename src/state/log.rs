//! The message log: entries ordered by `index`, each index at most once.

use std::ops::RangeInclusive;
use std::rc::Rc;

use gws_types::Message;

/// Entries are shared (`Rc`) so that cloning the state for each render step costs
/// reference counts, not copies of 10,000 messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MessageLog {
    entries: Vec<Rc<Message>>,
}

/// A message given to the log: moved in when owned, copied only when added when
/// borrowed.
pub trait IntoEntry: std::borrow::Borrow<Message> {
    fn into_entry(self) -> Rc<Message>;
}

impl IntoEntry for Message {
    fn into_entry(self) -> Rc<Message> {
        Rc::new(self)
    }
}

impl IntoEntry for &Message {
    fn into_entry(self) -> Rc<Message> {
        Rc::new(self.clone())
    }
}

/// What a merge did.
#[derive(Debug, Default)]
pub struct Merged {
    /// How many entries were new.
    pub added: usize,
    /// The log's copy of each given message it holds as given (new, or the same entry
    /// again), in the order given; a message that repeats an index with other content
    /// is not among them.
    pub held: Vec<Rc<Message>>,
}

impl MessageLog {
    /// Adds the entries whose index is new. A late or repeated entry changes nothing.
    pub fn merge<M: IntoEntry>(&mut self, messages: impl IntoIterator<Item = M>) -> Merged {
        let mut merged = Merged::default();
        for message in messages {
            let index = message.borrow().index;
            let is_after_last = self.entries.last().is_none_or(|last| last.index < index);
            let at = if is_after_last {
                Err(self.entries.len())
            } else {
                self.position(index)
            };
            match at {
                Err(at) => {
                    let entry = message.into_entry();
                    merged.held.push(entry.clone());
                    self.entries.insert(at, entry);
                    merged.added += 1;
                }
                Ok(at) if *self.entries[at] == *message.borrow() => {
                    merged.held.push(self.entries[at].clone());
                }
                Ok(_) => {}
            }
        }
        merged
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in index order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Rc<Message>> + ExactSizeIterator {
        self.entries.iter()
    }

    /// The entries at `positions` (not indexes) in index order; empty outside the log.
    pub fn range(&self, positions: std::ops::Range<usize>) -> impl Iterator<Item = &Rc<Message>> {
        self.entries.get(positions).unwrap_or_default().iter()
    }

    pub fn get(&self, index: u64) -> Option<&Message> {
        self.position(index).ok().map(|at| &*self.entries[at])
    }

    pub fn last_index(&self) -> Option<u64> {
        self.entries.last().map(|last| last.index)
    }

    /// The highest `n` such that every index `1..=n` is held (0 when index 1 is missing):
    /// where a refetch after an interruption starts from.
    pub fn contiguous_through(&self) -> u64 {
        let mut expected = 1;
        for entry in &self.entries {
            if entry.index != expected {
                break;
            }
            expected += 1;
        }
        expected - 1
    }

    /// The index ranges missing below the last entry (indexes count from 1).
    pub fn missing(&self) -> Vec<RangeInclusive<u64>> {
        let mut gaps = Vec::new();
        let mut expected = 1;
        for entry in &self.entries {
            if entry.index > expected {
                gaps.push(expected..=entry.index - 1);
            }
            // An index of u64::MAX (a hostile server) must not overflow.
            expected = entry.index.saturating_add(1);
        }
        gaps
    }

    fn position(&self, index: u64) -> Result<usize, usize> {
        self.entries
            .binary_search_by_key(&index, |entry| entry.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gws_types::MessageType;

    fn text(index: u64, body: &str) -> Message {
        Message {
            index,
            kind: MessageType::Text,
            from: None,
            text: Some(body.to_owned()),
            url: None,
            notice_text: None,
            visibility: None,
            timestamp: None,
            timestamp_seconds: None,
        }
    }

    fn indexes(log: &MessageLog) -> Vec<u64> {
        log.iter().map(|m| m.index).collect()
    }

    #[test]
    fn keeps_index_order_whatever_the_arrival_order() {
        let mut log = MessageLog::default();
        assert_eq!(log.merge(&[text(3, "c"), text(1, "a")]).added, 2);
        assert_eq!(log.merge(&[text(2, "b")]).added, 1);
        assert_eq!(indexes(&log), [1, 2, 3]);
        assert_eq!(log.get(2).and_then(|m| m.text.as_deref()), Some("b"));
    }

    #[test]
    fn a_repeated_index_is_kept_once_and_the_first_copy_wins() {
        let mut log = MessageLog::default();
        log.merge(&[text(1, "first")]);
        let merged = log.merge(&[text(1, "first"), text(1, "more")]);
        assert_eq!(merged.added, 0);
        // The same entry again is held; other content under its index is not.
        assert_eq!(merged.held.len(), 1);
        assert_eq!(log.merge(vec![text(1, "again")]).held.len(), 0);
        assert_eq!(log.len(), 1);
        assert_eq!(log.get(1).and_then(|m| m.text.as_deref()), Some("first"));
    }

    #[test]
    fn owned_messages_are_moved_in_not_copied() {
        let mut log = MessageLog::default();
        let merged = log.merge(vec![text(2, "b"), text(1, "a")]);
        assert_eq!(merged.added, 2);
        assert_eq!(indexes(&log), [1, 2]);
        // The held entries are the log's own.
        let held: Vec<u64> = merged.held.iter().map(|m| m.index).collect();
        assert_eq!(held, [2, 1]);
        assert!(log.iter().any(|entry| Rc::ptr_eq(entry, &merged.held[0])));
    }

    #[test]
    fn reports_every_gap_and_where_refetching_starts() {
        let mut log = MessageLog::default();
        assert_eq!(log.missing(), vec![]);
        assert_eq!(log.contiguous_through(), 0);
        log.merge(&[text(3, "c"), text(4, "d"), text(7, "g")]);
        assert_eq!(log.missing(), vec![1..=2, 5..=6]);
        assert_eq!(log.contiguous_through(), 0);
        log.merge(&[text(1, "a"), text(2, "b")]);
        assert_eq!(log.missing(), vec![5..=6]);
        assert_eq!(log.contiguous_through(), 4);
        assert_eq!(log.last_index(), Some(7));
    }
}
