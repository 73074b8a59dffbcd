//! The dense engine's start for large square float matrices from each row's cheapest cells:
//! the optimum of those few cells first, then one pass over the whole matrix that keeps the
//! rows it proves and frees the others for the dense searches.
//!
//! On a large matrix the Jonker–Volgenant start reads whole rows again and again (its
//! augmenting row reduction, then the searches for the rows it leaves free), and reading rows
//! is bound by memory bandwidth. The optimum of a random-looking matrix lies among each row's
//! cheapest cells once every column is reduced by its minimum, so:
//!
//! 1. **Column minima** `m_j`, one pass.
//! 2. **The cheapest cells:** each row's `K` smallest `c_ij - m_j`, one pass (each row's list
//!    found alone).
//! 3. **Their optimum** by the sparse kernel; `None` if they hold no perfect matching.
//! 4. **One pass of proof:** with that optimum's column potentials `v`, each row's smallest
//!    `c_ij - v_j` over the whole row is its potential `u_i`, which makes `(u, v)` feasible on
//!    every cell; a row whose column attains it (up to rounding) stays assigned, the others
//!    are freed.
//! 5. The freed rows are augmented by the dense kernel's searches ([`core::resume`]); on a
//!    square matrix every column ends assigned, so the result is optimal.
//!
//! The three passes split the rows across the machine's threads; every row's result is found
//! alone, so the answer does not depend on the threads. The answer is then certified like any
//! float answer of the engine. On matrices whose cheapest cells hold no perfect matching (the
//! optimum then needs cells far down some rows: distances between points, a product `a_i b_j`,
//! magnitudes spread over decades), the attempt costs the first two passes and the engine
//! solves from the usual start (BENCHMARKS.md).

use crate::matching::assignment::core::{self, NONE};
use crate::matching::assignment::sparse::local::Local;
use crate::matching::assignment::sparse::perfect_optimum;
use crate::matching::assignment::split::split_rows;

/// How many cells of each row are listed. On uniform 4,000 × 4,000 matrices (seeds 1–3) the
/// pass of proof freed 98–162 rows with 6 cells a row, 13–17 with 8 and none with 12 or 16;
/// with 24 the lists' optimum cost more than the searches it saves.
pub(super) const K: usize = 16;

/// The smallest order at which the cheapest cells are tried. Below it the usual start is
/// quick and a failed attempt weighs more: on 1,000 × 1,000 distances between random points
/// the proof freed 447 rows, and the attempt took the solve from 34 ms to 63 ms.
pub(super) const MIN_ORDER: usize = 1500;

/// Values beyond this magnitude keep the usual start: the differences must stay far from
/// overflow.
const LIMIT: f64 = 1e150;

/// Lanes of the vectorised passes.
const L: usize = 8;

/// An optimum in minimisation form: the column of each row, `u` and `v`.
pub(super) type Optimum = (Vec<usize>, Vec<f64>, Vec<f64>);

/// Solves the square `n × n` problem in `cost` (minimisation form, row-major) from each row's
/// `k` cheapest cells ([`K`] in the engine). `None` when a cell is not finite or beyond
/// [`LIMIT`], when the cells hold no perfect matching, or when the pass of proof frees more
/// than one row in 16 (the searches would then cost what the usual start does): the caller
/// solves from the usual start.
pub(super) fn solve(n: usize, cost: &[f64], k: usize) -> Option<Optimum> {
    solve_freeing_at_most(n, cost, k, n / 16)
}

/// [`solve`], giving up when the proof frees more than `most` rows.
fn solve_freeing_at_most(n: usize, cost: &[f64], k: usize, most: usize) -> Option<Optimum> {
    debug_assert_eq!(cost.len(), n * n);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(8);
    let (minima, scale) = column_minima(n, cost, threads)?;
    let graph = cheapest_cells(n, cost, &minima, k, threads);
    let best = perfect_optimum(&graph, 0.0)?;
    let (mut col4row, v) = (best.col4row, best.v);
    let u = prove(n, cost, &v, &mut col4row, threads, scale);
    let freed = col4row.iter().filter(|&&j| j == NONE).count();
    if freed > most {
        return None;
    }
    let s = core::resume(n, cost, col4row, u, v);
    Some((s.col4row, s.u, s.v))
}

/// Each column's minimum and the largest magnitude of a cell, or `None` when a cell is not
/// finite or beyond [`LIMIT`].
fn column_minima(n: usize, cost: &[f64], threads: usize) -> Option<(Vec<f64>, f64)> {
    let parts = split_rows(n, threads, |rows| {
        let (mut lo, mut hi) = (vec![f64::INFINITY; n], vec![f64::NEG_INFINITY; n]);
        for i in rows {
            let row = &cost[i * n..(i + 1) * n];
            // Selects, not branches: the loop vectorises.
            for ((l, h), &x) in lo.iter_mut().zip(hi.iter_mut()).zip(row) {
                *l = if x < *l { x } else { *l };
                *h = if x > *h { x } else { *h };
            }
        }
        let scale = lo.iter().chain(&hi).fold(0.0, |s: f64, x| s.max(x.abs()));
        (scale <= LIMIT).then_some((lo, scale))
    });
    let mut parts = parts.into_iter();
    let (mut minima, mut scale) = parts.next()??;
    for part in parts {
        let (lo, s) = part?;
        scale = scale.max(s);
        for (m, x) in minima.iter_mut().zip(lo) {
            *m = m.min(x);
        }
    }
    Some((minima, scale))
}

/// Each row's `k` smallest `c_ij - m_j` (ties to the earlier column) as a graph of the real
/// costs, each row's columns in increasing order.
fn cheapest_cells(n: usize, cost: &[f64], minima: &[f64], k: usize, threads: usize) -> Local<f64> {
    let k = k.clamp(1, n);
    let parts = split_rows(n, threads, |rows| {
        let mut out: Vec<(usize, f64)> = Vec::with_capacity(rows.len() * k);
        let mut kept = Kept::new(k);
        // The previous row's k-th smallest, doubled, is where the next row's search starts:
        // rows of one matrix are alike, and with the bar low from the start most chunks are
        // passed over at one comparison. A row with fewer than `k` cells under it is read
        // again with no bar, so the bar changes the time only, never the list.
        let mut guess = f64::INFINITY;
        for i in rows {
            let row = &cost[i * n..(i + 1) * n];
            kept.select(row, minima, guess);
            if kept.best.len() < k {
                kept.select(row, minima, f64::INFINITY);
            }
            guess = 2.0 * kept.bar;
            let at = out.len();
            out.extend(kept.best.iter().map(|&(_, j)| (j, row[j])));
            out[at..].sort_unstable_by_key(|&(j, _)| j);
        }
        out
    });
    let mut start = Vec::with_capacity(n + 1);
    let (mut col, mut costs) = (Vec::with_capacity(n * k), Vec::with_capacity(n * k));
    start.push(0);
    for part in parts {
        for list in part.chunks(k) {
            // `n * n` cells fit in memory, so `n < 2^32`: a column fits `u32`.
            col.extend(list.iter().map(|&(j, _)| j as u32));
            costs.extend(list.iter().map(|&(_, c)| c));
            start.push(col.len());
        }
    }
    Local {
        nr: n,
        nc: n,
        start,
        col,
        cost: costs,
    }
}

/// The `k` smallest reduced costs of one row, as `(value, column)` in increasing order, ties
/// to the earlier column (also the lists of a wide matrix, `wide`).
pub(super) struct Kept {
    k: usize,
    pub(super) best: Vec<(f64, usize)>,
    /// A value at or above it is not kept: the `k`-th smallest once there are `k`.
    pub(super) bar: f64,
}

impl Kept {
    pub(super) fn new(k: usize) -> Self {
        Kept {
            k,
            best: Vec::with_capacity(k + 1),
            bar: f64::INFINITY,
        }
    }

    /// The `k` smallest `row[j] - minima[j]` below `bar`.
    fn select(&mut self, row: &[f64], minima: &[f64], bar: f64) {
        self.best.clear();
        self.bar = bar;
        let (chunks, _) = row.as_chunks::<L>();
        let (mins, _) = minima.as_chunks::<L>();
        let mut bar = self.bar;
        for (c, (xs, ms)) in chunks.iter().zip(mins).enumerate() {
            // One vector comparison per chunk decides whether any of its cells is kept.
            let mut r = [0.0; L];
            let mut below = [false; L];
            for l in 0..L {
                r[l] = xs[l] - ms[l];
                below[l] = r[l] < bar;
            }
            if below.iter().any(|&b| b) {
                for (l, &x) in r.iter().enumerate() {
                    self.offer(x, c * L + l);
                }
                bar = self.bar;
            }
        }
        for j in chunks.len() * L..row.len() {
            self.offer(row[j] - minima[j], j);
        }
    }

    /// Keeps `x` at column `j` if it is among the `k` smallest so far (columns offered in
    /// increasing order).
    #[inline(always)]
    pub(super) fn offer(&mut self, x: f64, j: usize) {
        if x >= self.bar {
            return;
        }
        let at = self.best.partition_point(|&(y, _)| y <= x);
        self.best.insert(at, (x, j));
        if self.best.len() > self.k {
            self.best.pop();
        }
        if self.best.len() == self.k {
            self.bar = self.best[self.k - 1].0;
        }
    }
}

/// The pass of proof: each row's smallest `c_ij - v_j` over the whole row is its potential,
/// which makes the potentials feasible on every cell; a row whose column in `col4row` does
/// not attain it up to rounding is freed.
///
/// Up to rounding: the cheapest cells' optimum ties cells in exact arithmetic that its rounded
/// potentials put a few units in the last place apart (on `-x` of a uniform matrix, where
/// costs and potentials are near -1, a fifth of the rows were freed over differences near
/// 1e-16). A pair kept is then tight to within `tolerance`, as the kernel's own pairs are
/// after rounding, and the certificate proves the answer exactly or corrects it.
fn prove(
    n: usize,
    cost: &[f64],
    v: &[f64],
    col4row: &mut [usize],
    threads: usize,
    scale: f64,
) -> Vec<f64> {
    let parts = split_rows(n, threads, |rows| {
        rows.map(|i| core::smallest_reduced(&cost[i * n..(i + 1) * n], v))
            .collect::<Vec<f64>>()
    });
    let u: Vec<f64> = parts.into_iter().flatten().collect();
    let largest = v.iter().fold(scale, |s, x| s.max(x.abs()));
    let tolerance = 64.0 * f64::EPSILON * largest;
    for (i, j) in col4row.iter_mut().enumerate() {
        if *j != NONE && cost[i * n + *j] - v[*j] > u[i] + tolerance {
            *j = NONE;
        }
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The smallest total over every permutation, written independently of the engine.
    fn brute_force(n: usize, cost: &[f64]) -> f64 {
        fn go(n: usize, row: usize, used: &mut [bool], cost: &[f64], sum: f64, best: &mut f64) {
            if row == n {
                *best = best.min(sum);
                return;
            }
            for j in 0..n {
                if !used[j] {
                    used[j] = true;
                    go(n, row + 1, used, cost, sum + cost[row * n + j], best);
                    used[j] = false;
                }
            }
        }
        let mut best = f64::INFINITY;
        go(n, 0, &mut vec![false; n], cost, 0.0, &mut best);
        best
    }

    /// Matrices of up to 7 × 7 with few distinct values (ties), values of one sign or both,
    /// and magnitudes far from 1.
    fn matrices() -> impl Strategy<Value = (usize, Vec<f64>)> {
        (
            2usize..=7,
            prop::sample::select(vec![1.0, -1.0, 1e-9, 1e9, -3e5]),
            any::<bool>(),
        )
            .prop_flat_map(|(n, scale, ties)| {
                let cell = if ties {
                    (0i32..4).prop_map(f64::from).boxed()
                } else {
                    (-1.0f64..1.0).boxed()
                };
                (Just(n), prop::collection::vec(cell, n * n))
                    .prop_map(move |(n, c)| (n, c.into_iter().map(|x| x * scale).collect()))
            })
    }

    /// `answer` pairs every row with its own column and is optimal: its total is the brute
    /// force's, and its potentials are feasible on every cell and tight on every pair, both to
    /// within rounding.
    fn check(n: usize, cost: &[f64], answer: &Optimum) -> Result<(), TestCaseError> {
        let (col4row, u, v) = answer;
        let mut seen = vec![false; n];
        for &j in col4row {
            prop_assert!(j < n && !seen[j], "not a permutation: {col4row:?}");
            seen[j] = true;
        }
        let scale = cost.iter().fold(1e-300, |s: f64, x| s.max(x.abs()));
        let tol = 1e-9 * scale * n as f64;
        let total: f64 = col4row
            .iter()
            .enumerate()
            .map(|(i, &j)| cost[i * n + j])
            .sum();
        let best = brute_force(n, cost);
        prop_assert!((total - best).abs() <= tol, "total {total}, optimum {best}");
        for i in 0..n {
            for j in 0..n {
                let slack = cost[i * n + j] - u[i] - v[j];
                prop_assert!(slack >= -tol, "infeasible at ({i}, {j}): {slack}");
                if col4row[i] == j {
                    prop_assert!(slack <= tol, "pair ({i}, {j}) not tight: {slack}");
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every row's cells listed: always an answer, and the optimum.
        #[test]
        fn all_cells_listed_give_the_optimum((n, cost) in matrices()) {
            let answer = solve_freeing_at_most(n, &cost, n, n);
            prop_assert!(answer.is_some());
            check(n, &cost, &answer.unwrap())?;
        }

        /// Few cells listed: when the lists hold a perfect matching the proof frees the rows
        /// their optimum gets wrong, and the searches that follow find the optimum.
        #[test]
        fn few_cells_listed_give_the_optimum_or_nothing((n, cost) in matrices(), k in 1usize..=3) {
            if let Some(answer) = solve_freeing_at_most(n, &cost, k, n) {
                check(n, &cost, &answer)?;
            }
        }
    }

    /// The proof does free rows (which the searches then settle): on random 7 × 7 matrices
    /// with two cells a row, counted, and each such answer is the optimum.
    #[test]
    fn rows_the_proof_frees_are_searched_again() {
        let (n, k) = (7, 2);
        let mut state = 12345u64;
        let mut cases_with_freed_rows = 0;
        for _ in 0..500 {
            let cost: Vec<f64> = (0..n * n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (state >> 11) as f64 / (1u64 << 53) as f64
                })
                .collect();
            let (minima, scale) = column_minima(n, &cost, 1).unwrap();
            let graph = cheapest_cells(n, &cost, &minima, k, 1);
            let Some(best) = perfect_optimum(&graph, 0.0) else {
                continue;
            };
            let mut col4row = best.col4row;
            prove(n, &cost, &best.v, &mut col4row, 1, scale);
            if col4row.contains(&NONE) {
                cases_with_freed_rows += 1;
                let answer = solve_freeing_at_most(n, &cost, k, n).unwrap();
                check(n, &cost, &answer).unwrap();
            }
        }
        assert!(cases_with_freed_rows >= 10, "{cases_with_freed_rows}");
    }

    #[test]
    fn cells_beyond_the_limit_or_infinite_keep_the_usual_start() {
        for bad in [f64::INFINITY, f64::NEG_INFINITY, 1e200, -1e151] {
            let mut cost = vec![1.0, 2.0, 3.0, 4.0];
            cost[2] = bad;
            assert!(solve(2, &cost, 2).is_none(), "{bad}");
        }
        assert!(solve(2, &[1.0, 2.0, 3.0, 1e150], 2).is_some());
    }

    /// The rows are split across threads; the lists and minima do not depend on how.
    #[test]
    fn threads_do_not_change_the_lists() {
        let n = 37;
        let cost: Vec<f64> = (0..n * n)
            .map(|x| ((x * 7919) % 1013) as f64 / 1013.0)
            .collect();
        let (minima, scale) = column_minima(n, &cost, 1).unwrap();
        for threads in [2, 3, 8, 64] {
            let (m, s) = column_minima(n, &cost, threads).unwrap();
            assert_eq!((&m, s), (&minima, scale));
            let one = cheapest_cells(n, &cost, &minima, 4, 1);
            let many = cheapest_cells(n, &cost, &minima, 4, threads);
            assert_eq!(
                (one.start, one.col, one.cost),
                (many.start, many.col, many.cost)
            );
        }
    }
}
