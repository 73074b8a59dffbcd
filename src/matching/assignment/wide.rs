//! Wide float matrices (fewer rows than columns): each row's cheapest cells, listed in one
//! pass on every thread, so that the kernel's start and the certificate read the rest of a
//! row only where those cells cannot settle it.
//!
//! On a wide matrix every column potential starts at 0 and only ever falls: the kernel's
//! start lowers a column's potential only as a row takes it, and its searches only lower the
//! potentials of the columns they scan (see `core::initialise`). So while every `v_j <= 0`, a
//! cell outside its row's `K` cheapest, which costs at least the row's `K`-th smallest cost
//! `b_i`, has `c_ij - v_j >= c_ij >= b_i`. That settles a row in two places:
//!
//! - **The start.** When the two smallest `c_ij - v_j` of a row's listed cells are both below
//!   `b_i`, they are the row's two smallest, with the same first columns, computed with the
//!   same operations: the listed cells answer the row read bit for bit (`core`), and the
//!   result does not change. Otherwise the row is read whole, as before.
//! - **The certificate.** When a row's potential `u_i` is below `b_i` by more than the
//!   screening's threshold, every unlisted cell's exact reduced cost is at least `b_i - u_i`:
//!   the listed cells are all the screening must look at (`certificate::float`). Otherwise,
//!   or when some column's potential is above 0, the row is surveyed whole, as before.
//!
//! The pass costs one read of the matrix split across the threads, where the start read each
//! row at least once on one thread and the certificate's survey read the matrix once more.

use crate::matching::assignment::avx2::{self, Avx2};
use crate::matching::assignment::cheapest::Kept;
use crate::matching::assignment::split::split_rows;

/// How many cells of each row are listed.
pub(super) const K: usize = 16;

/// The fewest cells of a wide matrix for which the lists are made: 32 MiB of `f64`, about
/// this machine's last-level cache. A smaller matrix is read from cache, and the pass (with
/// its thread) costs more than it saves: on uniform matrices, medians of five interleaved
/// runs on each of three, the solve took 1.7–1.8 ms with the lists against 0.9 ms without at
/// 500 × 1,000, 2.3–2.6 against 1.5–1.9 ms at 700 × 1,400, 3.6 against 3.6–4.0 ms at
/// 1,000 × 2,000, and 6.0 against 7.9–8.5 ms at 1,500 × 3,000.
pub(super) const MIN_CELLS: usize = 1 << 22;

/// Each row's `K` cheapest cells of a wide matrix in minimisation form, with their costs
/// (see the module docs). The costs are copied so that the start and the certificate read
/// them from one short list rather than from `K` places in each row.
#[derive(Debug, Clone)]
pub(crate) struct Lists<S = f64> {
    k: usize,
    /// The matrix's columns.
    nc: usize,
    /// Each row's listed columns in increasing order, `k` a row (a row not listed holds
    /// anything).
    cols: Vec<usize>,
    /// Their costs.
    costs: Vec<S>,
    /// Each row's `k`-th smallest cost (no unlisted cell costs less), or `None` for a row not
    /// listed: one with fewer than `k` finite cells, or with a `-inf`.
    bound: Vec<Option<S>>,
    /// The largest magnitude of a finite cost.
    largest: f64,
}

impl Lists<f64> {
    /// Lists the `k` cheapest cells of each row of the `nr × nc` matrix `cost` (minimisation
    /// form, row-major), the rows split across the machine's threads.
    pub(super) fn select(nr: usize, nc: usize, cost: &[f64], k: usize) -> Lists {
        debug_assert!(cost.len() == nr * nc && 0 < k && k <= nc);
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(8);
        Lists::select_on(nr, nc, cost, k, threads)
    }

    /// [`select`](Self::select) on `threads` threads; the lists do not depend on how many.
    fn select_on(nr: usize, nc: usize, cost: &[f64], k: usize, threads: usize) -> Lists {
        let parts = split_rows(nr, threads, |rows| {
            let mut cols = Vec::with_capacity(rows.len() * k);
            let mut costs = Vec::with_capacity(rows.len() * k);
            let mut bound = Vec::with_capacity(rows.len());
            let mut largest = 0.0f64;
            let mut kept = Kept::new(k);
            let proof = Avx2::detect();
            // Where the next row's search starts: the previous row's `k`-th smallest plus
            // its spread, since the rows of one matrix are alike. A row with fewer than `k`
            // cells under it is read again with no bar, so the guess changes the time only.
            let mut guess = f64::INFINITY;
            for i in rows {
                let row = &cost[i * nc..(i + 1) * nc];
                let mut size = select_row(&mut kept, row, guess, proof);
                if kept.best.len() < k {
                    size = select_row(&mut kept, row, f64::INFINITY, proof);
                }
                largest = largest.max(size);
                let listed = kept.best.len() == k && kept.best[0].0 > f64::NEG_INFINITY;
                let at = cols.len();
                cols.extend(kept.best.iter().map(|&(_, j)| j));
                cols.resize(at + k, 0);
                costs.resize(at + k, 0.0);
                if listed {
                    bound.push(Some(kept.best[k - 1].0));
                    cols[at..].sort_unstable();
                    for (c, &j) in costs[at..].iter_mut().zip(&cols[at..]) {
                        *c = row[j];
                    }
                    let spread = kept.bar - kept.best[0].0;
                    guess = if spread.is_finite() {
                        kept.bar + spread
                    } else {
                        f64::INFINITY
                    };
                } else {
                    bound.push(None);
                }
            }
            (cols, costs, bound, largest)
        });
        let mut lists = Lists {
            k,
            nc,
            cols: Vec::with_capacity(nr * k),
            costs: Vec::with_capacity(nr * k),
            bound: Vec::with_capacity(nr),
            largest: 0.0,
        };
        for (cols, costs, bound, largest) in parts {
            lists.cols.extend(cols);
            lists.costs.extend(costs);
            lists.bound.extend(bound);
            lists.largest = lists.largest.max(largest);
        }
        lists
    }
}

impl<S: Copy> Lists<S> {
    /// Row `i`'s listed columns in increasing order, their costs, and the row's `k`-th
    /// smallest cost, or `None` when the row is not listed.
    #[inline]
    pub(super) fn row(&self, i: usize) -> Option<(&[usize], &[S], S)> {
        let bound = self.bound[i]?;
        let at = i * self.k..(i + 1) * self.k;
        Some((&self.cols[at.clone()], &self.costs[at], bound))
    }

    /// The largest magnitude of a finite cost of the matrix.
    pub(super) fn largest(&self) -> f64 {
        self.largest
    }

    /// How many columns the matrix has.
    pub(super) fn cols(&self) -> usize {
        self.nc
    }

    /// How many rows the lists have.
    pub(super) fn rows(&self) -> usize {
        self.bound.len()
    }
}

/// The row's `k` smallest costs below `bar` into `kept` (as [`Kept::select`] with no
/// minima to subtract), and the row's largest finite `|x|`; compiled for AVX2 where the
/// processor has it (`proof`), the same operations either way.
fn select_row(kept: &mut Kept, row: &[f64], bar: f64, proof: Option<Avx2>) -> f64 {
    #[cfg(target_arch = "x86_64")]
    if let Some(proof) = proof {
        // SAFETY: `select_row_avx2` may use AVX2 instructions, and the processor has them:
        // the proof was made by checking. Nothing else differs from `select_row_portable`.
        #[allow(unsafe_code)]
        return unsafe { select_row_avx2(kept, row, bar, proof) };
    }
    let _ = proof;
    select_row_portable(kept, row, bar)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn select_row_avx2(kept: &mut Kept, row: &[f64], bar: f64, _proof: Avx2) -> f64 {
    select_row_portable(kept, row, bar)
}

/// [`select_row`]'s loop: one vector comparison per chunk of cells decides whether any of
/// them is offered, and blocks of chunks are fetched ahead as the row is read from memory.
/// A block's chunks are compared first and offered after, so the comparisons run with no
/// call among them and their lanes stay in registers. On a uniform 2,000 × 4,000 matrix the
/// lists took 3.7–5.8 ms on two threads (while one plain read of the matrix took 2.3–2.6
/// ms); `Kept::select`, offering as it compared, with a pass of its own for the magnitudes,
/// took 6–7 ms.
#[inline(always)]
fn select_row_portable(kept: &mut Kept, row: &[f64], bar: f64) -> f64 {
    const L: usize = 8;
    const B: usize = 16;
    kept.best.clear();
    kept.bar = bar;
    let mut bar = bar;
    let mut sizes = [0.0f64; L];
    let (chunks, tail) = row.as_chunks::<L>();
    for (b, block) in chunks.chunks(B).enumerate() {
        avx2::prefetch_ahead(block);
        // First the block's chunks with a cell below the bar, with no call in the loop (so
        // that the lanes stay in registers), then their offers.
        let mut hits = 0u32;
        for (c, xs) in block.iter().enumerate() {
            let mut any = false;
            for l in 0..L {
                any |= xs[l] < bar;
                let size = xs[l].abs();
                let size = if size < f64::INFINITY { size } else { 0.0 };
                sizes[l] = if size > sizes[l] { size } else { sizes[l] };
            }
            hits |= u32::from(any) << c;
        }
        while hits != 0 {
            let c = hits.trailing_zeros() as usize;
            hits &= hits - 1;
            for (l, &x) in block[c].iter().enumerate() {
                kept.offer(x, (b * B + c) * L + l);
            }
        }
        bar = kept.bar;
    }
    let from = chunks.len() * L;
    for (t, &x) in tail.iter().enumerate() {
        kept.offer(x, from + t);
        if x.is_finite() {
            sizes[0] = sizes[0].max(x.abs());
        }
    }
    sizes.iter().fold(0.0, |m: f64, &x| m.max(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::seeded::Seeded;

    /// The lists as their definition states them, cell by cell: the `k` smallest costs,
    /// ties to the earlier column.
    fn plainly(nr: usize, nc: usize, cost: &[f64], k: usize) -> Vec<Option<(Vec<usize>, usize)>> {
        (0..nr)
            .map(|i| {
                let row = &cost[i * nc..(i + 1) * nc];
                let mut order: Vec<usize> = (0..nc).filter(|&j| row[j].is_finite()).collect();
                if row.contains(&f64::NEG_INFINITY) || order.len() < k {
                    return None;
                }
                order.sort_by(|&a, &b| row[a].partial_cmp(&row[b]).unwrap().then(a.cmp(&b)));
                let bound = order[k - 1];
                let mut listed = order[..k].to_vec();
                listed.sort_unstable();
                Some((listed, bound))
            })
            .collect()
    }

    #[test]
    fn lists_are_each_rows_cheapest_cells_on_any_number_of_threads() {
        let mut rng = Seeded::new(7);
        for case in 0..200 {
            let nr = 1 + rng.below(12);
            let nc = nr + 1 + rng.below(40);
            let k = 1 + rng.below(nc.min(6));
            // Few distinct values (ties), both signs, now and then a forbidden or a `-inf`.
            let cost: Vec<f64> = (0..nr * nc)
                .map(|_| match rng.below(40) {
                    0 => f64::INFINITY,
                    1 if case % 5 == 0 => f64::NEG_INFINITY,
                    x => (x % 7) as f64 - 3.0 + if case % 2 == 0 { 0.25 } else { 0.0 },
                })
                .collect();
            let want = plainly(nr, nc, &cost, k);
            for threads in [1, 2, 3] {
                let lists = Lists::select_on(nr, nc, &cost, k, threads);
                for (i, expected) in want.iter().enumerate() {
                    let got = lists.row(i).map(|(c, x, b)| (c.to_vec(), x.to_vec(), b));
                    let expected = expected.as_ref().map(|(c, b)| {
                        let row = &cost[i * nc..(i + 1) * nc];
                        (
                            c.clone(),
                            c.iter().map(|&j| row[j]).collect::<Vec<_>>(),
                            row[*b],
                        )
                    });
                    assert_eq!(got, expected, "case {case}, row {i}, {threads} threads");
                }
                let finite = cost.iter().filter(|x| x.is_finite());
                let largest = finite.fold(0.0f64, |m, x| m.max(x.abs()));
                assert_eq!(lists.largest(), largest);
            }
        }
    }
}
