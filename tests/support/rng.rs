//! The tests' random numbers: rand's Xoshiro256++ seeded with `seed_from_u64`, which rand
//! keeps the same on every platform and in the browser, so a printed seed replays a run.
//! The helpers name what the tests draw. Each test file uses what it needs.
#![allow(dead_code)]

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};

pub struct Rng(Xoshiro256PlusPlus);

impl Rng {
    pub fn seeded(seed: u64) -> Self {
        Rng(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        self.0.random_range(0..n)
    }

    pub fn chance(&mut self, percent: u32) -> bool {
        self.0.random_ratio(percent.min(100), 100)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items.choose(&mut self.0).expect("something to pick from")
    }
}
