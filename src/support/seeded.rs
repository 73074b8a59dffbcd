//! The crate's one source of randomness: ChaCha8 from a `u64` seed, and the few draws built on
//! it, written here with integer arithmetic only so that a seed gives the same values on every
//! platform and with every version of `rand` that keeps ChaCha8's stream (`rand_chacha`
//! documents that stream as stable).
//!
//! Only the generator traits are needed (`rand_core`'s, which `rand` re-exports): every draw
//! below is written here, so `rand` itself is not a dependency of the library.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// SplitMix64's increment, the golden ratio in 64 bits: successive states `x + k · GOLDEN`.
pub(crate) const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function (Steele, Lea and Flood 2014): a bijection of `u64` that
/// scatters nearby inputs; `finalise(x + GOLDEN)` is SplitMix64's output from state `x`.
pub(crate) fn finalise(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded portable generator.
#[derive(Debug, Clone)]
pub(crate) struct Seeded(ChaCha8Rng);

impl Seeded {
    /// The generator for `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Seeded(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A uniformly random `u64`.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform integer in `0..n` (`n > 0`), without modulo bias (Lemire's method).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        let n = n as u64;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            let low = product as u64;
            // Reject the few low words that would over-represent some values.
            if low >= n.wrapping_neg() % n {
                return (product >> 64) as usize;
            }
        }
    }

    /// A uniform `f64` in `[0, 1)`, from the top 53 bits (the synthetic populations' draws).
    #[cfg(any(feature = "generate", test))]
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Shuffles `items` uniformly (Fisher–Yates, from the back).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Seeded;

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = Seeded::new(1);
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            seen[rng.below(7)] += 1;
        }
        assert!(seen.iter().all(|&c| c > 800), "{seen:?}");
    }

    #[test]
    fn unit_is_in_the_half_open_interval() {
        let mut rng = Seeded::new(2);
        for _ in 0..10_000 {
            let x = rng.unit();
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut rng = Seeded::new(3);
        let mut v: Vec<usize> = (0..100).collect();
        rng.shuffle(&mut v);
        assert_ne!(v, (0..100).collect::<Vec<_>>());
        v.sort_unstable();
        assert_eq!(v, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn the_stream_is_pinned() {
        // Value stability: these numbers must not change between versions of the crate.
        let mut rng = Seeded::new(20_261_129);
        let got: Vec<usize> = (0..6).map(|_| rng.below(1000)).collect();
        assert_eq!(got, PINNED);
    }

    const PINNED: [usize; 6] = [650, 460, 923, 554, 696, 452];
}
