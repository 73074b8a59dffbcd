//! Inputs shared by the engine benches, so every bench that says "the same matrix" builds it
//! from one generator and one seed.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The benches' base seed.
pub const SEED: u64 = 20_261_129;

/// The instance seeds every engine bench runs, so that BENCHMARKS.md can give the spread
/// (min, median, max) rather than one instance's figure. Seed 1 is the matrix the benches
/// used when they ran one seed.
pub const SEEDS: [u64; 3] = [1, 2, 3];

/// The generator of instance `seed` of size `n`, for `base` (a bench's own constant).
pub fn generator(base: u64, n: usize, seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(base ^ n as u64 ^ (seed.wrapping_sub(1) << 32))
}

/// An `n x n` matrix of skill-overlap costs `40 - popcount(row_mask & col_mask)` with random
/// 62-bit masks, row-major, instance `seed`: a score matrix with heavy ties in a range of about
/// 30 values.
pub fn skill_overlap(n: usize, seed: u64) -> Vec<i64> {
    let mut rng = generator(SEED.rotate_left(17), n, seed);
    let mut mask = || rng.random::<u64>() >> 2;
    let rows: Vec<u64> = (0..n).map(|_| mask()).collect();
    let cols: Vec<u64> = (0..n).map(|_| mask()).collect();
    rows.iter()
        .flat_map(|&r| {
            cols.iter()
                .map(move |&c| 40 - i64::from((r & c).count_ones()))
        })
        .collect()
}
