//! Pairs every optimum holds: both people have room for every pair open to them.
//!
//! A junior whose capacity left (after the locks) is at least the number of pairs still open to
//! them can never run out of room, and the same for a senior. A pair open to two such people
//! can join any set of pairs without breaking a capacity, and joining it never lowers the
//! served or covered levels, so:
//!
//! - under [`Cardinality::Maximum`] every optimum holds it (without it, adding it would give one
//!   more pair and nothing less);
//! - under [`Cardinality::Any`] every optimum holds it when its weight is above 0 (adding it
//!   would raise the total and nothing less).
//!
//! Such pairs are formed before the search as if locked: they take no search at all. Where
//! every capacity is at least the other side's size ("no limit"), that is every pair, and the
//! network is left with nothing to do: at 400 × 400 the search formed 160,000 pairs one path
//! at a time, about 3 s.

use super::{Cardinality, Options, Problem};
use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;

/// The problem's locks followed by every pair that every optimum under `options` holds (see
/// the module docs), in row-major order. `O(n·m log L)` time for `L` locks.
///
/// # Errors
///
/// [`MatrixError::TooLarge`] when the list cannot be allocated: with no capacity limiting, it
/// holds every open cell, twice the weights' bytes.
pub(super) fn with_free_pairs(problem: &Problem, options: Options) -> Result<Vec<(usize, usize)>> {
    let (n, m) = (problem.juniors, problem.seniors);
    let weights = &problem.weights;
    let open = |w: f64| w != f64::NEG_INFINITY;
    // Room left after the locks, less each open pair that is not locked: a person is free
    // when this never goes below 0.
    let mut junior_spare: Vec<i64> = problem
        .junior_capacities
        .iter()
        .map(|&c| c.into())
        .collect();
    let mut senior_spare: Vec<i64> = problem
        .senior_capacities
        .iter()
        .map(|&c| c.into())
        .collect();
    for &(j, s) in &problem.locks {
        junior_spare[j] -= 1;
        senior_spare[s] -= 1;
    }
    // The locked cells, sorted: locks are few, and a table of every cell would be as large
    // as the weights.
    let mut locked: Vec<usize> = problem.locks.iter().map(|&(j, s)| j * m + s).collect();
    locked.sort_unstable();
    let locked = |cell: usize| locked.binary_search(&cell).is_ok();
    // A cell is junior `cell / m`'s pair with senior `cell % m` (there is none when `m` is 0).
    for (cell, &w) in weights.iter().enumerate() {
        if open(w) && !locked(cell) {
            junior_spare[cell / m] -= 1;
            senior_spare[cell % m] -= 1;
        }
    }
    let gains = |w: f64| options.cardinality == Cardinality::Maximum || w > 0.0;
    let free = || {
        (0..n)
            .filter(|&j| junior_spare[j] >= 0)
            .flat_map(move |j| (0..m).map(move |s| (j, s)))
            .filter(|&(j, s)| {
                let cell = j * m + s;
                senior_spare[s] >= 0 && open(weights[cell]) && !locked(cell) && gains(weights[cell])
            })
    };
    // Counted first, so that the list is reserved (or refused) at its size.
    let len = problem.locks.len() + free().count();
    let too_large = || MatrixError::TooLarge {
        what: "the pairs formed without a search",
        rows: n,
        cols: m,
    };
    let mut locks = memory::reserved(len, too_large)?;
    locks.extend_from_slice(&problem.locks);
    locks.extend(free());
    Ok(locks)
}
