//! Message indexes that skip numbers, as a real GWS's sometimes do (a public GWS client
//! notes non-contiguous indexes). Seeded, so a run can be replayed: about every `every`-th
//! new entry of a log takes the index after next, and the one skipped is never used.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// Where the gaps fall, engine-wide (one sequence across sessions).
#[derive(Debug, Clone)]
pub struct IndexGaps {
    /// The mean distance between two gaps, in entries; 0 keeps indexes contiguous.
    every: u64,
    /// rand's Xoshiro256++: the same sequence for a seed on every platform.
    rng: Xoshiro256PlusPlus,
    /// Entries still to come before the next gap (the next gap is before the entry
    /// that brings this to 0).
    until_gap: u64,
}

impl IndexGaps {
    pub fn contiguous() -> Self {
        IndexGaps::new(0, 0)
    }

    pub fn new(every: u64, seed: u64) -> Self {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let until_gap = Self::draw(&mut rng, every);
        IndexGaps {
            every,
            rng,
            until_gap,
        }
    }

    /// 1 to 2·every − 1 entries: a mean of `every`, and `every = 1` skips before each.
    fn draw(rng: &mut Xoshiro256PlusPlus, every: u64) -> u64 {
        rng.random_range(1..=every.saturating_mul(2).saturating_sub(1).max(1))
    }

    /// The index of a log's next entry, after `last` (0 for an empty log). The first
    /// entry is always 1, as the documented Accept history starts.
    pub fn next_index(&mut self, last: u64) -> u64 {
        if self.every == 0 || last == 0 {
            return last + 1;
        }
        self.until_gap = self.until_gap.saturating_sub(1);
        if self.until_gap > 0 {
            return last + 1;
        }
        self.until_gap = Self::draw(&mut self.rng, self.every);
        last + 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indexes(gaps: &mut IndexGaps, n: usize) -> Vec<u64> {
        let mut last = 0;
        (0..n)
            .map(|_| {
                last = gaps.next_index(last);
                last
            })
            .collect()
    }

    #[test]
    fn contiguous_by_default() {
        assert_eq!(indexes(&mut IndexGaps::contiguous(), 5), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn every_one_skips_before_each_entry_but_the_first() {
        assert_eq!(indexes(&mut IndexGaps::new(1, 7), 4), [1, 3, 5, 7]);
    }

    #[test]
    fn the_same_seed_gives_the_same_gaps_and_their_mean_is_every() {
        let first = indexes(&mut IndexGaps::new(5, 42), 2000);
        assert_eq!(first, indexes(&mut IndexGaps::new(5, 42), 2000));
        assert_ne!(first, indexes(&mut IndexGaps::new(5, 43), 2000));
        let skipped = first.windows(2).filter(|w| w[1] - w[0] == 2).count();
        assert!(first.windows(2).all(|w| w[1] - w[0] <= 2));
        // About 400 gaps in 2000 entries.
        assert!((300..=500).contains(&skipped), "{skipped} gaps");
    }
}
