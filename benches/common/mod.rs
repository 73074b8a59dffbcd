//! Inputs shared by the engine benches, so every bench that says "the same matrix" builds it
//! from one generator and one seed.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The benches' base seed.
pub const SEED: u64 = 20_261_129;

/// An `n x n` matrix of skill-overlap costs `40 - popcount(row_mask & col_mask)` with random
/// 62-bit masks, row-major: a score matrix with heavy ties in a range of about 30 values.
pub fn skill_overlap(n: usize) -> Vec<i64> {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED.rotate_left(17) ^ n as u64);
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
