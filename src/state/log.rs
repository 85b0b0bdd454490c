//! The message log: entries ordered by `index`, each index at most once.

use std::ops::RangeInclusive;
use std::rc::Rc;

use gws_types::Message;

/// Entries per block (a block grows to twice this before it is split).
const BLOCK: usize = 128;

/// The entries live in blocks shared (`Rc`) between successive states: the reducer
/// clones the state for every notification, and that costs one pointer per block, while
/// a new message copies the pointers of the one block it goes into, not the whole log.
#[derive(Debug, Clone, Default)]
pub struct MessageLog {
    /// Consecutive runs of entries in index order, none empty.
    blocks: Vec<Rc<Vec<Rc<Message>>>>,
    len: usize,
    /// Holes a read did not fill, in index order: GWS's indexes may skip numbers, so
    /// these are no longer missing, and nothing reads them again.
    given_up: Vec<RangeInclusive<u64>>,
}

impl PartialEq for MessageLog {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.given_up == other.given_up && self.iter().eq(other.iter())
    }
}

/// Where an index is, or would go: a block and a position in it.
type Place = Result<(usize, usize), (usize, usize)>;

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
            match self.place(message.borrow().index) {
                Err((block, at)) => {
                    let entry = message.into_entry();
                    merged.held.push(entry.clone());
                    self.insert(block, at, entry);
                    merged.added += 1;
                }
                Ok((block, at)) if *self.blocks[block][at] == *message.borrow() => {
                    merged.held.push(self.blocks[block][at].clone());
                }
                Ok(_) => {}
            }
        }
        merged
    }

    fn place(&self, index: u64) -> Place {
        let Some(last) = self.blocks.last() else {
            return Err((0, 0));
        };
        // New messages come after the last one: no search.
        if last.last().is_some_and(|entry| entry.index < index) {
            return Err((self.blocks.len() - 1, last.len()));
        }
        let after = self.blocks.partition_point(|block| block[0].index <= index);
        let block = after.saturating_sub(1);
        match self.blocks[block].binary_search_by_key(&index, |entry| entry.index) {
            Ok(at) => Ok((block, at)),
            Err(at) => Err((block, at)),
        }
    }

    fn insert(&mut self, block: usize, at: usize, entry: Rc<Message>) {
        self.len += 1;
        let full_end = self
            .blocks
            .get(block)
            .is_none_or(|b| block + 1 == self.blocks.len() && at == b.len() && b.len() >= BLOCK);
        if full_end {
            self.blocks.push(Rc::new(vec![entry]));
            return;
        }
        let entries = Rc::make_mut(&mut self.blocks[block]);
        entries.insert(at, entry);
        if entries.len() > 2 * BLOCK {
            let tail = entries.split_off(BLOCK);
            self.blocks.insert(block + 1, Rc::new(tail));
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Entries in index order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Rc<Message>> {
        self.blocks.iter().flat_map(|block| block.iter())
    }

    /// The entries at `positions` (not indexes) in index order; none outside the log.
    pub fn range(&self, positions: std::ops::Range<usize>) -> impl Iterator<Item = &Rc<Message>> {
        let mut skip = positions.start;
        let mut blocks = self.blocks.iter();
        let mut first: &[Rc<Message>] = &[];
        for block in blocks.by_ref() {
            if skip < block.len() {
                first = &block[skip..];
                break;
            }
            skip -= block.len();
        }
        first
            .iter()
            .chain(blocks.flat_map(|block| block.iter()))
            .take(positions.len())
    }

    pub fn get(&self, index: u64) -> Option<&Message> {
        let (block, at) = self.place(index).ok()?;
        Some(&self.blocks[block][at])
    }

    pub fn last_index(&self) -> Option<u64> {
        self.blocks.last()?.last().map(|last| last.index)
    }

    /// The highest `n` such that every index `1..=n` is held or given up (0 when
    /// index 1 is missing): where a refetch after an interruption starts from.
    pub fn contiguous_through(&self) -> u64 {
        let mut expected = 1;
        for entry in self.iter() {
            if entry.index != expected && !self.is_given_up(&(expected..=entry.index - 1)) {
                break;
            }
            expected = entry.index.saturating_add(1);
        }
        expected - 1
    }

    /// The index ranges missing below the last entry (indexes count from 1), but for
    /// those given up.
    pub fn missing(&self) -> Vec<RangeInclusive<u64>> {
        let mut gaps = Vec::new();
        let mut expected = 1;
        for entry in self.iter() {
            if entry.index > expected {
                let gap = expected..=entry.index - 1;
                if !self.is_given_up(&gap) {
                    gaps.push(gap);
                }
            }
            // An index of u64::MAX (a hostile server) must not overflow.
            expected = entry.index.saturating_add(1);
        }
        gaps
    }

    /// One read for every hole: from the first missing index to the last. A GWS far
    /// away answers each read in hundreds of milliseconds, and a burst of lost
    /// notifications leaves dozens of holes.
    pub fn missing_span(&self) -> Option<RangeInclusive<u64>> {
        let missing = self.missing();
        Some(*missing.first()?.start()..=*missing.last()?.end())
    }

    /// A read of `read` came back: what it did not fill is given up. Returns whether
    /// anything was.
    pub fn give_up(&mut self, read: RangeInclusive<u64>) -> bool {
        let unfilled = self
            .missing()
            .into_iter()
            .any(|gap| read.contains(gap.start()) && read.contains(gap.end()));
        if !unfilled || self.is_given_up(&read) {
            return false;
        }
        // Kept sorted and apart (ranges that overlap or touch merge), so the one range
        // starting before a hole tells whether it was given up.
        let (mut start, mut end) = read.into_inner();
        self.given_up.retain(|held| {
            let apart =
                held.end().saturating_add(1) < start || end.saturating_add(1) < *held.start();
            if !apart {
                start = start.min(*held.start());
                end = end.max(*held.end());
            }
            apart
        });
        let at = self.given_up.partition_point(|held| *held.start() < start);
        self.given_up.insert(at, start..=end);
        true
    }

    /// Whether the hole `gap` lies within a range given up: a hole only shrinks as
    /// entries arrive, so one inside a range given up was read once already.
    fn is_given_up(&self, gap: &RangeInclusive<u64>) -> bool {
        let after = self
            .given_up
            .partition_point(|held| held.start() <= gap.start());
        after > 0 && self.given_up[after - 1].end() >= gap.end()
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
    fn any_arrival_order_reads_like_a_sorted_list_of_distinct_indexes() {
        use rand::{Rng, SeedableRng};
        // Seeded: appends, late entries, repeats, across many blocks.
        let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(0x9e37_79b9_7f4a_7c15);
        let mut next = move || rng.next_u64();
        let mut log = MessageLog::default();
        let mut model = std::collections::BTreeSet::new();
        for step in 0..3_000_u64 {
            // Even indexes arrive in order, odd ones late: blocks fill in the middle
            // and split.
            let index = if next() % 3 == 0 {
                2 * (next() % (step + 1)) + 1
            } else {
                2 * (step + 1)
            };
            let merged = log.merge(vec![text(index, "x")]);
            assert_eq!(merged.added == 1, model.insert(index), "index {index}");
        }
        let all: Vec<u64> = model.iter().copied().collect();
        assert_eq!(indexes(&log), all);
        assert_eq!(log.len(), all.len());
        assert_eq!(log.last_index(), all.last().copied());
        for (from, count) in [(0, 10), (5, 300), (all.len() - 7, 50), (all.len(), 3)] {
            let shown: Vec<u64> = log.range(from..from + count).map(|m| m.index).collect();
            let expected: Vec<u64> = all.iter().skip(from).take(count).copied().collect();
            assert_eq!(shown, expected, "{from}..+{count}");
        }
        for index in [all[0], all[all.len() / 2], *all.last().unwrap()] {
            assert_eq!(log.get(index).map(|m| m.index), Some(index));
        }
        assert!(log
            .blocks
            .iter()
            .all(|block| !block.is_empty() && block.len() <= 2 * BLOCK));
    }

    #[test]
    fn a_block_filled_in_the_middle_splits_and_keeps_the_order() {
        let mut log = MessageLog::default();
        let block = BLOCK as u64;
        log.merge((1..=2 * block).map(|i| text(10 * i, "on time")));
        assert_eq!(log.blocks.len(), 2);
        // Late entries between the first block's: it grows past twice its size.
        log.merge((1..=block + 1).map(|i| text(10 * i - 5, "late")));
        assert_eq!(log.blocks.len(), 3);
        assert!(log.blocks.iter().all(|b| b.len() <= 2 * BLOCK));
        let shown = indexes(&log);
        assert!(shown.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(shown.len(), 3 * BLOCK + 1);
    }

    #[test]
    fn a_new_message_shares_every_block_but_the_last_with_the_state_before() {
        let mut log = MessageLog::default();
        log.merge((1..=1_000).map(|i| text(i, "x")));
        let before = log.clone();
        log.merge(vec![text(1_001, "y")]);
        let shared = log
            .blocks
            .iter()
            .zip(&before.blocks)
            .filter(|(a, b)| Rc::ptr_eq(a, b))
            .count();
        assert_eq!(shared, before.blocks.len() - 1);
        assert_eq!(before.len() + 1, log.len());
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

    #[test]
    fn a_hole_a_read_does_not_fill_is_read_once() {
        let mut log = MessageLog::default();
        log.merge(&[text(1, "a"), text(3, "c"), text(4, "d"), text(9, "i")]);
        assert_eq!(log.missing(), vec![2..=2, 5..=8]);
        // The read of 5..=8 brought 6 only: 5 and 7..=8 are skipped numbers.
        log.merge(&[text(6, "f")]);
        assert!(log.give_up(5..=8));
        assert!(!log.give_up(5..=8), "once");
        assert_eq!(log.missing(), vec![2..=2]);
        assert_eq!(log.contiguous_through(), 1);
        assert!(log.give_up(2..=2));
        assert_eq!(log.missing(), vec![]);
        assert_eq!(log.contiguous_through(), 9, "a reconnect reads from 10");
        // A late entry inside a hole given up is still taken.
        assert_eq!(log.merge(&[text(7, "g")]).added, 1);
        assert_eq!(log.missing(), vec![]);
        // A read that filled its hole gives nothing up.
        log.merge(&[text(12, "l")]);
        log.merge(&[text(10, "j"), text(11, "k")]);
        assert!(!log.give_up(10..=11));
    }

    #[test]
    fn one_read_spans_every_hole_and_what_it_left_is_given_up_once() {
        let mut log = MessageLog::default();
        log.merge(&[text(1, "a"), text(3, "c"), text(6, "f"), text(9, "i")]);
        assert_eq!(log.missing_span(), Some(2..=8));
        // The read brought 4 and 7 only.
        log.merge(&[text(4, "d"), text(7, "g")]);
        assert!(log.give_up(2..=8));
        assert_eq!(log.missing_span(), None);
        assert_eq!(log.contiguous_through(), 9);
        // A later read inside, over or touching it merges with it.
        log.merge(&[text(12, "l"), text(20, "t")]);
        assert!(log.give_up(10..=11));
        assert!(log.give_up(13..=19));
        assert_eq!(log.given_up, vec![2..=8, 10..=11, 13..=19]);
        log.merge(&[text(30, "z")]);
        assert!(log.give_up(15..=29));
        assert_eq!(log.given_up, vec![2..=8, 10..=11, 13..=29]);
        assert_eq!(log.contiguous_through(), 30);
        assert!(!log.give_up(5..=25), "nothing left to give up");
    }
}
