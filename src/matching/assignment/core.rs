//! The shortest-augmenting-path kernel, generic over how costs are stored (`S`) and in which
//! type distances and potentials are computed (`C`).
//!
//! The kernel sees a minimisation problem with `nr <= nc` rows and columns in one flat row-major
//! buffer; forbidden cells load as [`Compute::INF`]. Everything about senses, shapes, shifts and
//! certificates lives in the parent module.

use super::avx2::{self, Avx2};
use super::wide::Lists;
use std::collections::VecDeque;
use std::fmt::Debug;
use std::ops::{Add, Sub};

/// Marks "no row" / "no column" in the index arrays.
pub(crate) const NONE: usize = usize::MAX;

/// A number type the kernel computes in.
///
/// `INF` is what a forbidden cell costs; `UNREACHED` is larger than every reachable distance.
/// For integers both are finite sentinels: the caller picks the type so that every real
/// potential and distance stays below `INF / 4`, so `h + INF - v` never overflows and any
/// distance of at least `THRESHOLD` means "only reachable through a forbidden cell".
pub(crate) trait Compute:
    Copy + PartialOrd + PartialEq + Add<Output = Self> + Sub<Output = Self> + Debug
{
    const ZERO: Self;
    const INF: Self;
    const THRESHOLD: Self;
    const UNREACHED: Self;
    /// Below every value: what blocks a scanned column in the float scan (`-inf`), and marks
    /// a free column in `taken`.
    const NEG: Self;
    /// Whether a plain loop's `min` reduction vectorises (integers): those searches use the
    /// encoded scan; floats use explicit lanes, since the compiler may not reorder a float
    /// reduction.
    const PLAIN_REDUCTION: bool;
    /// Integers only: what a scanned column's doubled potential is set to in the encoded
    /// search, so every later distance to it exceeds every unscanned one.
    const BLOCK: Self;
    /// One, and halving (integers: an arithmetic shift, so `(2x + b) >> 1 == x` for b in {0, 1}).
    const ONE: Self;
    fn halve(self) -> Self;
    /// A column index held in the compute type, so lane-wise argmin selects stay one width.
    fn from_index(j: usize) -> Self;
    fn to_index(self) -> usize;
    /// Whether a cost in minimisation form is one no matrix may hold: `-inf` (a float's
    /// wrong-signed infinity) or NaN (which [`Matrix`](super::Matrix) already rejects when
    /// built, so the kernel's checks look for `-inf` alone). Integers hold neither.
    #[inline(always)]
    fn is_invalid_cost(self) -> bool {
        #[allow(clippy::eq_op)] // NaN is the one value not equal to itself
        let nan = self != self;
        nan || self == Self::NEG
    }
    #[inline(always)]
    fn min2(self, other: Self) -> Self {
        if other < self { other } else { self }
    }
    #[inline(always)]
    fn max2(self, other: Self) -> Self {
        if other > self { other } else { self }
    }
}

impl Compute for f64 {
    const ZERO: Self = 0.0;
    const INF: Self = f64::INFINITY;
    const THRESHOLD: Self = f64::INFINITY;
    const UNREACHED: Self = f64::INFINITY;
    const NEG: Self = f64::NEG_INFINITY;
    const PLAIN_REDUCTION: bool = false;
    const BLOCK: Self = f64::INFINITY;
    const ONE: Self = 1.0;
    #[inline(always)]
    fn halve(self) -> Self {
        self / 2.0
    }
    #[inline(always)]
    fn from_index(j: usize) -> Self {
        // Exact: column counts stay far below 2^53.
        j as f64
    }
    #[inline(always)]
    fn to_index(self) -> usize {
        self as usize
    }
}

macro_rules! int_compute {
    ($t:ty, $inf:expr, $block:expr) => {
        impl Compute for $t {
            const ZERO: Self = 0;
            const INF: Self = $inf;
            const THRESHOLD: Self = $inf / 2;
            const UNREACHED: Self = <$t>::MAX;
            const NEG: Self = <$t>::MIN;
            const PLAIN_REDUCTION: bool = true;
            const BLOCK: Self = $block;
            const ONE: Self = 1;
            #[inline(always)]
            fn halve(self) -> Self {
                self >> 1
            }
            #[inline(always)]
            fn from_index(j: usize) -> Self {
                j as $t
            }
            #[inline(always)]
            fn to_index(self) -> usize {
                self as usize
            }
        }
    };
}
// Real potentials and distances stay below INF / 4 (the caller's choice of type sees to it);
// the encoded search doubles them and adds up to BLOCK, which still fits: for i32,
// 2^27 + 2^29 + 2^30 < 2^31.
int_compute!(i32, 1 << 28, 1 << 30);
int_compute!(i64, 1 << 60, 1 << 62);
int_compute!(i128, 1 << 124, 1 << 126);

/// How a cost is stored in the matrix buffer and widened to the compute type.
///
/// Integer storage is unsigned (costs are shifted to start at 0) and reserves `MAX` for a
/// forbidden cell, so a byte per cell is enough for small integer scores.
pub(crate) trait Store<C: Compute>: Copy + Debug {
    const FORBIDDEN: Self;
    fn load(self) -> C;

    /// The float search scan over the whole chunks of `L` cells of `row`: see
    /// [`scan_chunks`]. `f64` costs run [`Avx2::scan_chunks`] instead when given the proof
    /// that the processor has AVX2; both return the same bits.
    #[inline(always)]
    fn scan_chunks(
        row: &[Self],
        vw: &[C],
        taken: &[C],
        d: &mut [C],
        h: C,
        _simd: Option<Avx2>,
    ) -> ([C; L], [C; L]) {
        scan_chunks(row, vw, taken, d, h)
    }
}

impl Store<f64> for f64 {
    const FORBIDDEN: Self = f64::INFINITY;
    #[inline(always)]
    fn load(self) -> f64 {
        self
    }

    #[inline(always)]
    fn scan_chunks(
        row: &[f64],
        vw: &[f64],
        taken: &[f64],
        d: &mut [f64],
        h: f64,
        simd: Option<Avx2>,
    ) -> ([f64; L], [f64; L]) {
        match simd {
            Some(avx2) => avx2.scan_chunks(row, vw, taken, d, h),
            None => scan_chunks(row, vw, taken, d, h),
        }
    }
}

macro_rules! int_store {
    ($s:ty => $($c:ty),*) => {$(
        impl Store<$c> for $s {
            const FORBIDDEN: Self = <$s>::MAX;
            #[inline(always)]
            fn load(self) -> $c {
                // A select, not a branch: the scan loop stays vectorisable.
                if self == <$s>::MAX { <$c as Compute>::INF } else { self as $c }
            }
        }
    )*};
}
int_store!(u8 => i32, i64);
int_store!(u16 => i32, i64);
int_store!(u32 => i64);
int_store!(u64 => i64, i128);

/// What the kernel returns: the column of each row (`NONE` for a row that found no augmenting
/// path) and the potentials, with `u_i + v_j <= c_ij` on every allowed cell and equality on
/// every assigned one.
pub(crate) struct Solved<C> {
    pub col4row: Vec<usize>,
    pub u: Vec<C>,
    pub v: Vec<C>,
    /// The start found a `-inf` cost (only when asked to check) and stopped: nothing
    /// else in this answer means anything.
    pub invalid: bool,
}

/// Solves the `nr x nc` problem (`nr <= nc`) in `cost`.
///
/// How [`solve`] starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// Every row free and every potential 0.
    Cold,
    /// The Jonker–Volgenant start.
    JonkerVolgenant,
    /// The Jonker–Volgenant start, checking each cost it reads first for `-inf`.
    JonkerVolgenantChecked,
}

/// With [`Start::JonkerVolgenant`] the Jonker–Volgenant start assigns most rows cheaply first: on a square
/// matrix column reduction, reduction transfer and two rounds of augmenting row reduction; on
/// a rectangular one the row reduction alone. Without it, and on rectangular matrices with
/// it, every column potential stays `<= 0` and a column that ends unassigned keeps potential
/// 0, which the certificate of a rectangular or deficient problem relies on (a square matrix
/// whose first run leaves rows unassigned is solved again without it).
///
/// [`Start::JonkerVolgenantChecked`] (which needs `nr >= 2`) also checks every cost the start
/// reads first, before using it, and stops with [`Solved::invalid`] at a `-inf`: it reads
/// every cell anyway, so the caller need not make a pass of its own to validate.
///
/// On x86-64 processors with AVX2 the same code runs compiled for AVX2 (twice the lanes of
/// the baseline SSE2, and packed integer min/max that SSE2 lacks). Both builds perform the same
/// operations in the same order, so they return the same result bit for bit.
pub(crate) fn solve<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    start: Start,
) -> Solved<C> {
    solve_reporting(nr, nc, cost, start, &mut |_| {})
}

/// [`solve`], calling `report(rows done)` as the rows are augmented in turn (at most about a
/// thousand times, and once with `nr` at the end): the progress of a long solve.
pub(crate) fn solve_reporting<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    start: Start,
    report: &mut dyn FnMut(usize),
) -> Solved<C> {
    solve_with_lists(nr, nc, cost, start, None, report)
}

/// [`solve_reporting`] on a wide matrix (`nr < nc`) with its rows' cheapest cells listed (see
/// [`wide`](super::wide)): the start reads a row whole only where its listed cells cannot
/// settle it. The result is the same, bit for bit.
pub(crate) fn solve_listed<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    start: Start,
    lists: &Lists<S>,
    report: &mut dyn FnMut(usize),
) -> Solved<C> {
    debug_assert!(nr < nc && lists.rows() == nr);
    solve_with_lists(nr, nc, cost, start, Some(lists), report)
}

fn solve_with_lists<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    start: Start,
    lists: Option<&Lists<S>>,
    report: &mut dyn FnMut(usize),
) -> Solved<C> {
    let (jv_init, check) = match start {
        Start::Cold => (false, false),
        Start::JonkerVolgenant => (true, false),
        Start::JonkerVolgenantChecked => (true, true),
    };
    debug_assert!(!check || nr >= 2);
    #[cfg(target_arch = "x86_64")]
    {
        if let Some(proof) = Avx2::detect() {
            // SAFETY: `solve_avx2` may use AVX2 instructions, and the processor has them: the
            // proof was just made by checking. Nothing else differs from `solve_portable`.
            #[allow(unsafe_code)]
            return unsafe { solve_avx2(nr, nc, cost, (jv_init, check, lists), proof, report) };
        }
    }
    solve_portable(nr, nc, cost, (jv_init, check, lists), None, report)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn solve_avx2<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    how: (bool, bool, Option<&Lists<S>>),
    proof: Avx2,
    report: &mut dyn FnMut(usize),
) -> Solved<C> {
    solve_portable(nr, nc, cost, how, Some(proof), report)
}

/// The kernel itself, inlined into each build of [`solve`].
#[inline(always)]
fn solve_portable<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    (jv_init, check, lists): (bool, bool, Option<&Lists<S>>),
    simd: Option<Avx2>,
    report: &mut dyn FnMut(usize),
) -> Solved<C> {
    debug_assert!(nr <= nc && cost.len() == nr * nc);
    report(0);
    let mut col4row = vec![NONE; nr];
    let mut row4col = vec![NONE; nc];
    let mut u = vec![C::ZERO; nr];
    let mut v = vec![C::ZERO; nc];
    let mut free_rows: Vec<usize> = if jv_init && nr >= 2 {
        let (rows, cols) = (&mut col4row[..], &mut row4col[..]);
        let budget = arr_budget(nr);
        let how = (budget, check, lists);
        let Some(free) = initialise(nr, nc, cost, &mut u, &mut v, rows, cols, how) else {
            return Solved {
                col4row,
                u,
                v,
                invalid: true,
            };
        };
        free
    } else {
        (0..nr).collect()
    };
    let mut work = Work::new(nc, simd);
    // Rows are augmented in increasing index order, so the result depends only on the matrix.
    free_rows.sort_unstable();
    free_rows.dedup();
    // Progress: the rows the start assigned are done; each search settles one more.
    let step = nr.div_ceil(1000).max(1);
    let mut done = nr - free_rows.len();
    report(done);
    for &row in &free_rows {
        done += 1;
        if done.is_multiple_of(step) {
            report(done);
        }
        if col4row[row] != NONE {
            continue; // assigned after all; a search must start from a free row
        }
        // A row whose only paths run through forbidden cells stays unassigned: by Kuhn's
        // argument it can never gain an augmenting path later, so the rows that do get
        // assigned form a maximum matching.
        work.augment(nc, cost, row, &mut u, &mut v, &mut col4row, &mut row4col);
    }
    report(nr);
    Solved {
        col4row,
        u,
        v,
        invalid: false,
    }
}

/// Finishes a solve from a partial assignment: `col4row` (`NONE` for a free row) with
/// potentials `u`, `v` that satisfy `u_i + v_j <= c_ij` on every allowed cell, with equality on
/// every assigned pair. Each free row is augmented in increasing index order, as in [`solve`].
///
/// Every search is a shortest path to the nearest free column, so the answer is optimal when
/// the free columns' potentials are equal (on a square matrix every column ends assigned and
/// this holds at once): the caller decides when that is so. A what-if answer that frees one
/// row and one column of an optimum costs one search instead of a solve.
pub(crate) fn resume<S: Store<C>, C: Compute>(
    nc: usize,
    cost: &[S],
    mut col4row: Vec<usize>,
    mut u: Vec<C>,
    mut v: Vec<C>,
) -> Solved<C> {
    let nr = col4row.len();
    debug_assert!(nr <= nc && cost.len() == nr * nc && u.len() == nr && v.len() == nc);
    // The float scan runs on AVX2 where the processor has it; the rest of the search runs in
    // the baseline build (one search: not worth a second build of the kernel).
    let simd = Avx2::detect();
    let mut row4col = vec![NONE; nc];
    let mut work = Work::new(nc, simd);
    for (i, &j) in col4row.iter().enumerate() {
        if j != NONE {
            row4col[j] = i;
            work.taken[j] = C::UNREACHED;
        }
    }
    for row in 0..nr {
        if col4row[row] == NONE {
            work.augment(nc, cost, row, &mut u, &mut v, &mut col4row, &mut row4col);
        }
    }
    Solved {
        col4row,
        u,
        v,
        invalid: false,
    }
}

/// How many steps the augmenting row reduction of [`initialise`] may take in all.
///
/// Each strict step lowers a potential, but the chains of displaced rows can be long (on
/// integer costs, many small steps; on uniform floats, rows fixed ever more slowly): a budget
/// shared by both rounds keeps the reduction a cheap start. Rows left over stay free for the
/// augmenting phase, with every invariant intact. A step reads one row, and a search reads a
/// number of rows that grows with n (about 300 at 1,000 and 1,000 at 4,000 on uniform
/// matrices), so the budget grows with n: on uniform floats the best totals measured were near
/// 4 n steps at 1,000, 8 n at 2,000 and 16 n at 4,000.
fn arr_budget(nr: usize) -> usize {
    nr * (nr / 250).clamp(4, 32)
}

/// Jonker–Volgenant initialisation. Returns the rows left free.
///
/// On a square matrix: column reduction and reduction transfer ([`reduce_columns`]), then
/// two rounds of augmenting row reduction. With more columns than rows, the row reduction
/// alone, from potentials 0: it lowers a column's potential only as a row takes it, and a
/// taken column stays taken, so the columns left over keep potential 0. (On uniform
/// 2,000 × 4,000 matrices this start took the solve from 24 ms to 15 ms.)
///
/// Forbidden cells are handled on the way: an all-forbidden column keeps potential 0, a row
/// whose only allowed cell is taken is left to the augmenting phase, and no potential moves by
/// a forbidden cost.
///
/// Invariant on exit: every assigned row's column minimises `c_ij - v_j` over its row, and
/// `u_i` is that minimum, so `(u, v)` is dual feasible and tight on every assigned pair.
///
/// With `check`, returns `None` at the first `-inf` cost: the column reduction reads
/// every cell of a square matrix first, and on a wide one the first round of the row
/// reduction reads every row before using it (rows it has no budget left for are checked
/// alone).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn initialise<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    u: &mut [C],
    v: &mut [C],
    col4row: &mut [usize],
    row4col: &mut [usize],
    (mut budget, check, lists): (usize, bool, Option<&Lists<S>>),
) -> Option<Vec<usize>> {
    // The lists hold while every column potential is at most 0: on a wide matrix alone.
    let lists = lists.filter(|_| nr < nc);
    let mut free = if nr == nc {
        reduce_columns(nr, cost, v, col4row, row4col, check)?
    } else {
        // With more columns than rows, the columns left over must keep potential 0 (the
        // certificate of a rectangular problem): no column reduction, only the row
        // reduction below, which lowers a column's potential only as a row takes it.
        (0..nr).collect()
    };
    let n = nc;
    // Augmenting row reduction, twice, within `budget` steps in all: each free row takes its
    // cheapest column, pushing that column's potential down to the row's second best and
    // freeing the previous owner.
    for round in 0..2 {
        let mut k = 0;
        let queue = std::mem::take(&mut free);
        // Displaced rows to examine again, each after one more row of the queue: its row is
        // prefetched as it is displaced, so reading it from memory overlaps with that row.
        let mut again: VecDeque<usize> = VecDeque::new();
        let mut prefer_again = false;
        loop {
            if budget == 0 {
                if check && round == 0 && nr < nc {
                    // Rows this round has not reached go to the search unread: check them.
                    for &i in &queue[k..] {
                        let row = &cost[i * n..(i + 1) * n];
                        if row.iter().any(|c| c.load().is_invalid_cost()) {
                            return None;
                        }
                    }
                }
                free.extend_from_slice(&queue[k..]);
                free.extend(again.drain(..));
                break;
            }
            let i = match again.front() {
                Some(&i) if prefer_again || k == queue.len() => {
                    again.pop_front();
                    prefer_again = false;
                    i
                }
                _ if k < queue.len() => {
                    k += 1;
                    prefer_again = true;
                    queue[k - 1]
                }
                _ => break,
            };
            budget -= 1;
            let row = &cost[i * n..(i + 1) * n];
            let listed = lists.and_then(|l| l.row(i));
            let best = match listed.and_then(|row| two_smallest_listed(row, v)) {
                Some(best) => best,
                None => two_smallest(row, v),
            };
            if check && best.invalid {
                return None;
            }
            let (umin, mut j1, usub, j2) = (best.m1, best.j1, best.m2, best.j2);
            let mut i0 = if j1 == NONE { NONE } else { row4col[j1] };
            if umin >= C::THRESHOLD || (usub >= C::THRESHOLD && i0 != NONE) {
                // No allowed cell at all, or a single one that another row holds: leave the
                // row to the augmenting phase, which settles it exactly.
                free.push(i);
                continue;
            }
            if umin < usub && usub < C::THRESHOLD {
                v[j1] = v[j1] - (usub - umin);
            } else if i0 != NONE {
                j1 = j2;
                i0 = row4col[j2];
            }
            if i0 != NONE {
                col4row[i0] = NONE;
            }
            col4row[i] = j1;
            row4col[j1] = i;
            if i0 != NONE {
                if umin < usub {
                    // Examine the displaced row again soon: its column got more expensive.
                    // (A listed row is likely read from its list: fetching the row would only
                    // take the bandwidth the lists save.)
                    if lists.is_none_or(|l| l.row(i0).is_none()) {
                        avx2::prefetch(&cost[i0 * n..(i0 + 1) * n]);
                    }
                    again.push_back(i0);
                } else {
                    free.push(i0);
                }
            }
        }
    }
    for i in 0..nr {
        let row = &cost[i * n..(i + 1) * n];
        u[i] = match col4row[i] {
            NONE => C::ZERO,
            j => row[j].load() - v[j],
        };
    }
    Some(free)
}

/// Column reduction and reduction transfer on a square matrix (the first steps of
/// [`initialise`]): every column's potential starts at its minimum, the row holding it takes
/// it, and a row with one such column lowers that column's potential to its second best.
/// Returns the rows left free, or with `check`, `None` if a cost is `-inf`.
#[inline(always)]
fn reduce_columns<S: Store<C>, C: Compute>(
    n: usize,
    cost: &[S],
    v: &mut [C],
    col4row: &mut [usize],
    row4col: &mut [usize],
    check: bool,
) -> Option<Vec<usize>> {
    // Column reduction: v_j = min_i c_ij, found row by row so the matrix is read in order;
    // the row index is kept in the compute type so the pass vectorises.
    let mut argmin = vec![C::ZERO; n];

    for (vj, c) in v.iter_mut().zip(&cost[..n]) {
        *vj = c.load();
    }
    for i in 1..n {
        let row = &cost[i * n..(i + 1) * n];
        let ic = C::from_index(i);
        for ((vj, aj), c) in v.iter_mut().zip(argmin.iter_mut()).zip(row) {
            let c = c.load();
            // A `-inf` cost becomes its column's minimum, where the check below finds it.
            let lt = c < *vj;
            *vj = if lt { c } else { *vj };
            *aj = if lt { ic } else { *aj };
        }
    }
    if check && v.iter().any(|x| x.is_invalid_cost()) {
        return None;
    }
    let mut matches = vec![0u32; n];
    for j in (0..n).rev() {
        if v[j] >= C::THRESHOLD {
            // Every cell of the column is forbidden: it stays unassigned, and a potential of 0
            // keeps the arithmetic finite.
            v[j] = C::ZERO;
            continue;
        }
        let i = argmin[j].to_index();
        matches[i] += 1;
        if matches[i] == 1 {
            col4row[i] = j;
            row4col[j] = i;
        } else if v[j] < v[col4row[i]] {
            let j1 = col4row[i];
            col4row[i] = j;
            row4col[j] = i;
            row4col[j1] = NONE;
        }
    }
    // Reduction transfer: lower the assigned column's potential until the row's reduced cost
    // there equals its second best, leaving room for other rows to claim that column later.
    let mut free = Vec::new();
    for i in 0..n {
        if matches[i] == 0 {
            free.push(i);
            continue;
        }
        if matches[i] > 1 {
            // The minimum of several columns: it keeps the one assigned to it and leaves the
            // potentials alone.
            continue;
        }
        let j1 = col4row[i];
        let row = &cost[i * n..(i + 1) * n];
        let best = two_smallest(row, v);
        let second = if best.j1 == j1 { best.m2 } else { best.m1 };
        if second >= C::THRESHOLD {
            // The only allowed cell of its row: nothing to transfer.
            continue;
        }
        v[j1] = v[j1] - (second - (row[j1].load() - v[j1]));
    }
    Some(free)
}

/// The most bytes the kernel's own tables take on an `nr x nc` problem, whatever its compute
/// type (`i128` the widest): per column its row, its potential, the four distances of
/// [`Work`], its pop count and its place in the scanned list; per row its column, its
/// potential, its place in the free list and in the scanned list with its offset. `None` when
/// the sum overflows.
///
/// They are `O(nr + nc)`, small beside a square matrix but a dozen times a matrix of one row:
/// the dense driver checks that they fit before a solve, since the kernel allocates them
/// without a way to fail. Counting every value at `i128`'s width asks about 1.7 times what a
/// float solve's `f64` tables take; the excess is a margin for the float path's copy of the
/// matrix in minimisation form, made after the check, which it covers on the matrices of one
/// row or column the check is for (not on square ones, whose tables are small). Near the
/// limit, a solve that would just have fit is refused.
pub(crate) fn table_bytes(nr: usize, nc: usize) -> Option<usize> {
    use std::mem::size_of;
    let widest = size_of::<i128>();
    let per_col = 2 * size_of::<usize>() + 5 * widest + size_of::<u32>();
    let per_row = 3 * size_of::<usize>() + 2 * widest;
    nc.checked_mul(per_col)?
        .checked_add(nr.checked_mul(per_row)?)
}

/// Per-search scratch space, allocated once: O(n) memory in all.
struct Work<C> {
    /// Tentative distance of each unscanned column; `UNREACHED` once scanned.
    d: Vec<C>,
    /// Final distance of each scanned column.
    dfin: Vec<C>,
    /// `NEG` for a free column, `UNREACHED` for an assigned one: the minimum of
    /// `max(d[j], taken[j])` is the best distance among free columns.
    taken: Vec<C>,
    /// The column potentials as the scan reads them, with scanned columns blocked. Floats:
    /// `v_j` for an unscanned column, `-inf` once scanned, so `h + c - vw[j]` is `+inf` and
    /// the column's distance stays as it is. Integers: `2 v_j + [j assigned]` for an unscanned
    /// column, `-BLOCK` once scanned; with it a distance is kept as `2 d + [assigned]`, so the
    /// plain minimum prefers a free column on a tie and scanned columns drop out, with one
    /// array and one reduction.
    vw: Vec<C>,
    /// The proof that AVX2 code may run, for the float scan.
    simd: Option<Avx2>,
    /// How many rows had been scanned when each scanned column was popped.
    popped_after: Vec<u32>,
    /// Rows scanned in this search, in order, with their offsets `h = min_val - u_i`.
    rows: Vec<(usize, C)>,
    /// Columns scanned in this search, in order.
    cols: Vec<usize>,
}

impl<C: Compute> Work<C> {
    #[inline(always)]
    fn new(nc: usize, simd: Option<Avx2>) -> Self {
        Work {
            d: vec![C::UNREACHED; nc],
            dfin: vec![C::ZERO; nc],
            taken: vec![C::NEG; nc],
            vw: vec![C::ZERO; nc],
            simd,
            popped_after: vec![0; nc],
            rows: Vec::new(),
            cols: Vec::new(),
        }
    }

    /// One Dijkstra search from `cur` over reduced costs, then the augmentation and the
    /// potential update of Crouse (2016). Returns false, changing nothing, when every path from
    /// `cur` to a free column runs through a forbidden cell.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn augment<S: Store<C>>(
        &mut self,
        nc: usize,
        cost: &[S],
        cur: usize,
        u: &mut [C],
        v: &mut [C],
        col4row: &mut [usize],
        row4col: &mut [usize],
    ) -> bool {
        self.d.fill(C::UNREACHED);
        if C::PLAIN_REDUCTION {
            for ((w, &vj), &owner) in self.vw.iter_mut().zip(v.iter()).zip(row4col.iter()) {
                *w = vj + vj - if owner == NONE { C::ZERO } else { C::ONE };
            }
        } else {
            self.vw.copy_from_slice(v);
        }
        self.rows.clear();
        self.cols.clear();
        let mut i = cur;
        // `cur` has never been assigned, so u[cur] is still its initial value and its first
        // edges may have negative reduced cost: that shifts every distance by the same amount,
        // which the updates below cancel, and saves a pass to compute the row minimum.
        let mut min_val = C::ZERO;
        let sink = loop {
            let h = min_val - u[i];
            self.rows.push((i, h));
            let row = &cost[i * nc..(i + 1) * nc];
            // On a tie, a free column ends the search at once: the first free column with the
            // smallest distance, else the first column with it.
            let (mn, j) = if C::PLAIN_REDUCTION {
                let enc = scan_encoded(row, &self.vw, &mut self.d, h + h);
                (enc.halve(), find_first(&self.d, None, enc))
            } else {
                let (mn, mn_free) = scan(row, &self.vw, &self.taken, &mut self.d, h, self.simd);
                let taken = if mn_free == mn {
                    Some(&self.taken[..])
                } else {
                    None
                };
                (
                    mn,
                    if mn < C::THRESHOLD {
                        find_first(&self.d, taken, mn)
                    } else {
                        NONE
                    },
                )
            };
            if mn >= C::THRESHOLD {
                return false;
            }
            min_val = mn;
            if row4col[j] == NONE {
                break j;
            }
            self.dfin[j] = mn;
            self.d[j] = C::UNREACHED;
            self.vw[j] = if C::PLAIN_REDUCTION {
                C::ZERO - C::BLOCK
            } else {
                C::NEG
            };
            self.popped_after[j] = self.rows.len() as u32;
            self.cols.push(j);
            i = row4col[j];
        };

        // Walk back from the sink. The predecessor of a column is the first scanned row (in
        // scan order, among those scanned before the column was popped) that produced its
        // final distance: recomputing it here with the same arithmetic keeps the scan loop
        // free of index stores.
        let mut j = sink;
        let mut dist = min_val;
        let mut limit = self.rows.len();
        loop {
            let i = self.predecessor(cost, nc, v, j, dist, limit);
            row4col[j] = i;
            let previous = std::mem::replace(&mut col4row[i], j);
            if i == cur {
                break;
            }
            j = previous;
            dist = self.dfin[j];
            limit = self.popped_after[j] as usize;
        }

        // Potentials (Crouse 2016, eqs. 14-15): keep feasibility, make the new path tight.
        u[cur] = u[cur] + min_val;
        for k in 1..self.rows.len() {
            let r = self.rows[k].0;
            // The column through which r was reached is the one popped just before r was
            // scanned: cols[k - 1].
            let through = self.cols[k - 1];
            u[r] = u[r] + (min_val - self.dfin[through]);
        }
        for &c in &self.cols {
            v[c] = v[c] - (min_val - self.dfin[c]);
        }
        self.taken[sink] = C::UNREACHED;
        true
    }

    #[inline(always)]
    fn predecessor<S: Store<C>>(
        &self,
        cost: &[S],
        nc: usize,
        v: &[C],
        j: usize,
        dist: C,
        limit: usize,
    ) -> usize {
        for &(i, h) in &self.rows[..limit] {
            if h + cost[i * nc + j].load() - v[j] == dist {
                return i;
            }
        }
        debug_assert!(
            false,
            "no predecessor reproduces the distance of column {j}"
        );
        self.rows[limit - 1].0
    }
}

/// Lanes of the hand-unrolled loops: wide enough for one AVX2 register of `i32`, and the
/// lanes of the AVX2 float scan.
const L: usize = 8;
const _: () = assert!(L == avx2::LANES);

/// Repeats `$body` for each lane with `$l` a constant, so the lane arrays become registers and
/// the compiler's straight-line vectoriser packs them (a counted loop over lanes stays scalar).
macro_rules! lanes {
    ($l:ident => $body:block) => {{
        {
            const $l: usize = 0;
            $body
        }
        {
            const $l: usize = 1;
            $body
        }
        {
            const $l: usize = 2;
            $body
        }
        {
            const $l: usize = 3;
            $body
        }
        {
            const $l: usize = 4;
            $body
        }
        {
            const $l: usize = 5;
            $body
        }
        {
            const $l: usize = 6;
            $body
        }
        {
            const $l: usize = 7;
            $body
        }
    }};
}

/// The smallest of the lane values.
#[inline(always)]
fn lane_min<C: Compute>(val: &[C; L]) -> C {
    let mut m = val[0];
    for &x in &val[1..] {
        m = m.min2(x);
    }
    m
}

/// The scan of one row for float costs: relaxes every unscanned column and returns the
/// smallest tentative distance over all columns and over free columns.
///
/// Pure `min`/`max` over fixed lanes, with no index carried along; the column is found
/// afterwards by [`find_first`]. `vw` holds `-inf` for scanned columns, which keeps their
/// distance unchanged, and `taken` hides assigned columns from the second minimum.
#[inline(always)]
fn scan<S: Store<C>, C: Compute>(
    row: &[S],
    vw: &[C],
    taken: &[C],
    d: &mut [C],
    h: C,
    simd: Option<Avx2>,
) -> (C, C) {
    let n = row.len();
    let (vw, taken, d) = (&vw[..n], &taken[..n], &mut d[..n]);
    let (mn, mnf) = S::scan_chunks(row, vw, taken, d, h, simd);
    let (mut all, mut free) = (lane_min(&mn), lane_min(&mnf));
    let whole = n / L * L;
    for (((r, w), t), dd) in row[whole..]
        .iter()
        .zip(&vw[whole..])
        .zip(&taken[whole..])
        .zip(&mut d[whole..])
    {
        let y = dd.min2(h + r.load() - *w);
        *dd = y;
        all = all.min2(y);
        free = free.min2(y.max2(*t));
    }
    (all, free)
}

/// The portable search scan over the whole chunks of `L` cells of `row`: for each column
/// `y = min(d, h + row - vw)` is stored in `d`; returns the lane minima of `y` and of
/// `max(y, taken)`. [`Avx2::scan_chunks`] does the same operations in the same order.
#[inline(always)]
fn scan_chunks<S: Store<C>, C: Compute>(
    row: &[S],
    vw: &[C],
    taken: &[C],
    d: &mut [C],
    h: C,
) -> ([C; L], [C; L]) {
    let mut mn = [C::UNREACHED; L];
    let mut mnf = [C::UNREACHED; L];
    let (rc, _) = row.as_chunks::<L>();
    let (vc, _) = vw.as_chunks::<L>();
    let (tc, _) = taken.as_chunks::<L>();
    let (dc, _) = d.as_chunks_mut::<L>();
    for (((r, w), t), dd) in rc.iter().zip(vc).zip(tc).zip(dc.iter_mut()) {
        lanes!(K => {
            let y = dd[K].min2(h + r[K].load() - w[K]);
            dd[K] = y;
            mn[K] = mn[K].min2(y);
            mnf[K] = mnf[K].min2(y.max2(t[K]));
        });
    }
    (mn, mnf)
}

/// The scan of one row in the integer encoding: `d[j]` holds `2 dist + [j assigned]` and
/// `vw[j]` holds `2 v_j + [j assigned]` (or `-BLOCK` once scanned), so `2h + 2c - vw[j]` is
/// the encoded candidate. Returns the smallest encoded distance: its half is the distance, and
/// it is even exactly when a free column has it. One array besides the row and one plain
/// reduction, which the compiler vectorises.
#[inline(always)]
fn scan_encoded<S: Store<C>, C: Compute>(row: &[S], vw: &[C], d: &mut [C], h2: C) -> C {
    let n = row.len();
    let (vw, d) = (&vw[..n], &mut d[..n]);
    let mut best = C::UNREACHED;
    for ((r, w), dd) in row.iter().zip(vw).zip(d.iter_mut()) {
        let c = r.load();
        let y = dd.min2(h2 + c + c - *w);
        *dd = y;
        best = best.min2(y);
    }
    best
}

/// The first `j >= from` with `d[j] == target` (with `taken`: `max(d[j], taken[j]) ==
/// target`, that is the first free column holding `target`), or `NONE`. Checks 16 cells at a
/// time with an OR of comparisons over a fixed-size chunk, which vectorises, then finds the
/// cell inside the chunk that has it.
#[inline(always)]
fn find_first<C: Compute>(d: &[C], taken: Option<&[C]>, target: C) -> usize {
    const W: usize = 16;
    let hit_at = |k: usize| match taken {
        Some(t) => d[k].max2(t[k]) == target,
        None => d[k] == target,
    };
    let (chunks, _) = d.as_chunks::<W>();
    let mut start = chunks.len() * W;
    match taken {
        Some(t) => {
            let (tchunks, _) = t.as_chunks::<W>();
            for (k, (c, tc)) in chunks.iter().zip(tchunks).enumerate() {
                let mut hit = false;
                for w in 0..W {
                    hit |= c[w].max2(tc[w]) == target;
                }
                if hit {
                    start = k * W;
                    break;
                }
            }
        }
        None => {
            for (k, c) in chunks.iter().enumerate() {
                let mut hit = false;
                for &x in c {
                    hit |= x == target;
                }
                if hit {
                    start = k * W;
                    break;
                }
            }
        }
    }
    (start..d.len()).find(|&k| hit_at(k)).unwrap_or(NONE)
}

/// The two smallest reduced costs of a row, from [`two_smallest`].
struct TwoSmallest<C> {
    /// The smallest value of `row[j] - v[j]`, and the first column holding it.
    m1: C,
    j1: usize,
    /// The next value in `(value, column)` order (so a tie gives `m2 == m1`), and on a tie
    /// alone the first column after `j1` holding it, else `NONE`. A missing second is
    /// `(UNREACHED, NONE)`.
    m2: C,
    j2: usize,
    /// A reduced cost of the row is `-inf`; then nothing else here means anything.
    invalid: bool,
}

/// [`two_smallest`] of a row of a wide matrix from its listed cells alone (their columns in
/// increasing order, their costs, and the row's `k`-th smallest cost; see
/// [`wide`](super::wide)), or `None` when they cannot settle it.
///
/// Every column potential is at most 0 (the caller's invariant), so an unlisted cell has
/// `c_ij - v_j >= c_ij >= bound` (and so does the rounded difference: rounding is monotone
/// and `c_ij` is a float). When the listed cells' two smallest are below that, they
/// are the row's two smallest: the same values, computed as [`two_smallest`] computes them,
/// and the same first columns, since no unlisted cell reaches either.
#[inline(always)]
fn two_smallest_listed<S: Store<C>, C: Compute>(
    (cols, costs, bound): (&[usize], &[S], S),
    v: &[C],
) -> Option<TwoSmallest<C>> {
    let (mut a, mut j1, mut b) = (C::UNREACHED, NONE, C::UNREACHED);
    for (&j, c) in cols.iter().zip(costs) {
        let x = c.load() - v[j];
        if x < a {
            (a, j1, b) = (x, j, a);
        } else if x < b {
            b = x;
        }
    }
    // (No NaN here: the listed costs and the potentials are finite.)
    if b >= bound.load() {
        return None;
    }
    let j2 = if b != a {
        NONE
    } else {
        cols.iter()
            .zip(costs)
            .find(|&(&j, c)| j > j1 && c.load() - v[j] == b)
            .map_or(NONE, |(&j, _)| j)
    };
    Some(TwoSmallest {
        m1: a,
        j1,
        m2: b,
        j2,
        invalid: false,
    })
}

/// The smallest value of `row[j] - v[j]`, the first of [`two_smallest`]: a row's potential
/// given the columns' (the start from the cheapest cells proves its pairs with it).
pub(super) fn smallest_reduced<S: Store<C>, C: Compute>(row: &[S], v: &[C]) -> C {
    two_smallest(row, v).m1
}

/// The two smallest values of `row[j] - v[j]` with their first columns (see [`TwoSmallest`];
/// the callers need the second column on a tie alone).
///
/// One pass of `min`/`max` over fixed lanes, which vectorises, in blocks: after each block
/// the running minimum is compared with the best so far, so the block where the minimum first
/// appeared is known and only that block is searched for its column, from L1 cache. (Finding
/// the column with a second pass over the row cost about a third of a rectangular
/// 2,000 × 4,000 solve; carrying the column through the lanes did not vectorise well.)
///
/// A `-inf` cost shows in the lane minima at no extra work. (NaN never reaches the kernel:
/// [`Matrix`](super::Matrix) rejects it when built.)
#[inline(always)]
fn two_smallest<S: Store<C>, C: Compute>(row: &[S], v: &[C]) -> TwoSmallest<C> {
    /// Chunks of `L` cells per block.
    const B: usize = 16;
    let n = row.len();
    let v = &v[..n];
    let (mut m1, mut m2) = ([C::UNREACHED; L], [C::UNREACHED; L]);
    let (rc, rt) = row.as_chunks::<L>();
    let (vc, vt) = v.as_chunks::<L>();
    let (mut best, mut best_block) = (C::UNREACHED, NONE);
    for (k, (rb, vb)) in rc.chunks(B).zip(vc.chunks(B)).enumerate() {
        avx2::prefetch_ahead(rb);
        for (r, vv) in rb.iter().zip(vb) {
            lanes!(K => {
                let x = r[K].load() - vv[K];
                m2[K] = m2[K].min2(m1[K].max2(x));
                m1[K] = m1[K].min2(x);
            });
        }
        let low = lane_min(&m1);
        if low < best {
            (best, best_block) = (low, k);
        }
    }
    let tail_invalid = rt
        .iter()
        .zip(vt)
        .any(|(r, vv)| (r.load() - *vv).is_invalid_cost());
    if tail_invalid || m1.iter().any(|x| x.is_invalid_cost()) {
        return TwoSmallest {
            m1: C::UNREACHED,
            j1: NONE,
            m2: C::UNREACHED,
            j2: NONE,
            invalid: true,
        };
    }
    // Merge the lanes and the tail: the overall two smallest values are among each lane's
    // two.
    let offer = |(a, b): (C, C), x: C| (a.min2(x), b.min2(a.max2(x)));
    let (mut a, mut b) = (C::UNREACHED, C::UNREACHED);
    for k in 0..L {
        (a, b) = offer((a, b), m1[k]);
        (a, b) = offer((a, b), m2[k]);
    }
    let mut j1 = if best_block == NONE {
        NONE
    } else {
        let from = best_block * B * L;
        let to = (from + B * L).min(rc.len() * L);
        (from..to)
            .find(|&j| row[j].load() - v[j] == best)
            .unwrap_or(NONE)
    };
    let base = rc.len() * L;
    for (t, (r, vv)) in rt.iter().zip(vt).enumerate() {
        let x = r.load() - *vv;
        if x < a {
            j1 = base + t;
        }
        (a, b) = offer((a, b), x);
    }
    if a >= C::UNREACHED {
        j1 = NONE;
    }
    let j2 = if j1 == NONE || b != a {
        NONE
    } else {
        (j1 + 1..n)
            .find(|&k| row[k].load() - v[k] == b)
            .unwrap_or(NONE)
    };
    TwoSmallest {
        m1: a,
        j1,
        m2: b,
        j2,
        invalid: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Float cells: a few repeated values (ties), a range of magnitudes, and forbidden cells.
    fn cell() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => -1e6..1e6_f64,
            2 => (0..4u8).prop_map(|k| f64::from(k) * 0.25),
            // Both zeros: only they tell the operand orders of `min` and `max` apart.
            1 => Just(-0.0),
            1 => Just(f64::INFINITY),
        ]
    }

    fn matrix(max: usize) -> impl Strategy<Value = (usize, usize, Vec<f64>)> {
        (1..=max, 0..=max).prop_flat_map(|(nr, extra)| {
            let nc = nr + extra;
            proptest::collection::vec(cell(), nr * nc).prop_map(move |c| (nr, nc, c))
        })
    }

    fn bits(x: &[f64]) -> Vec<u64> {
        x.iter().map(|x| x.to_bits()).collect()
    }

    /// Wide matrices of the cells above, now and then with a `-inf`.
    fn wide_matrix(max: usize) -> impl Strategy<Value = (usize, usize, Vec<f64>)> {
        (1..=max, 1..=max).prop_flat_map(|(nr, extra)| {
            let nc = nr + extra;
            let cell = prop_oneof![24 => cell(), 1 => Just(f64::NEG_INFINITY)];
            proptest::collection::vec(cell, nr * nc).prop_map(move |c| (nr, nc, c))
        })
    }

    /// Column potentials as a wide matrix's start leaves them: at most 0, both zeros among
    /// them, and ties.
    fn potential() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => -1e6..=0.0_f64,
            2 => (0..4u8).prop_map(|k| f64::from(k) * -0.25),
            1 => Just(-0.0),
        ]
    }

    /// A wide matrix's start from its rows' cheapest cells is the start without them, bit
    /// for bit: the same pairs, potentials and verdict, with 1 to 4 cells listed a row (so
    /// that many rows are read whole as well), checking or not.
    #[test]
    fn the_listed_start_is_the_plain_one() {
        let config = ProptestConfig::with_cases(1500);
        proptest!(config, |((nr, nc, cost) in wide_matrix(9), k in 1usize..=4)| {
            let lists = Lists::select(nr, nc, &cost, k.min(nc));
            let mut starts = vec![Start::JonkerVolgenantChecked];
            if !cost.contains(&f64::NEG_INFINITY) {
                // Unchecked, the kernel is never given a `-inf`.
                starts.push(Start::JonkerVolgenant);
            }
            for start in starts.into_iter().filter(|_| nr >= 2) {
                let plain = solve::<f64, f64>(nr, nc, &cost, start);
                let listed = solve_listed::<f64, f64>(nr, nc, &cost, start, &lists, &mut |_| {});
                prop_assert_eq!(plain.invalid, listed.invalid, "{:?}", start);
                if !plain.invalid {
                    prop_assert_eq!(&plain.col4row, &listed.col4row);
                    prop_assert_eq!(bits(&plain.u), bits(&listed.u));
                    prop_assert_eq!(bits(&plain.v), bits(&listed.v));
                }
            }
        });
    }

    /// Where a row's listed cells settle it, they give [`two_smallest`]'s values and columns
    /// for any column potentials at most 0; and on random rows they settle most reads, so the
    /// property above tests the listed reads, not only the rows read whole.
    #[test]
    fn listed_cells_answer_as_the_whole_row() {
        let settled = std::cell::Cell::new(0);
        let config = ProptestConfig::with_cases(2000);
        // Mostly ties: a listed cell and an unlisted one of equal value must not be confused.
        let cell = prop_oneof![
            4 => (0..4u8).prop_map(|k| f64::from(k) * 0.25),
            1 => cell(),
        ];
        let potential = prop_oneof![
            4 => (0..3u8).prop_map(|k| f64::from(k) * -0.25),
            1 => potential(),
        ];
        proptest!(config, |(
            (row, v) in (2usize..24).prop_flat_map(|n| (
                proptest::collection::vec(cell.clone(), n),
                proptest::collection::vec(potential.clone(), n),
            )),
            k in 1usize..=6,
        )| {
            let lists = Lists::select(1, row.len(), &row, k.min(row.len()));
            if let Some(got) = lists.row(0).and_then(|listed| two_smallest_listed(listed, &v)) {
                settled.set(settled.get() + 1);
                let want = two_smallest(&row, &v);
                prop_assert!(!want.invalid);
                prop_assert_eq!((got.m1, got.j1, got.m2, got.j2), (want.m1, want.j1, want.m2, want.j2));
            }
        });
        let settled = settled.get();
        assert!(settled > 300, "the lists settled {settled} rows of 2,000");
    }

    /// The start with `check` stops at a `-inf` anywhere, whatever its budget (with none, the
    /// rows it never reached are checked alone), and not at `+inf`. (NaN cannot reach it: a
    /// `Matrix` never holds one.)
    #[test]
    fn the_checking_start_finds_every_invalid_cost() {
        for (nr, nc) in [(2, 2), (5, 5), (3, 9), (4, 17), (9, 40)] {
            let base: Vec<f64> = (0..nr * nc)
                .map(|k| ((k * 37) % 101) as f64 / 7.0)
                .collect();
            // A wide matrix's start is tried with its rows' two cheapest cells listed too.
            let listings = if nr < nc {
                vec![false, true]
            } else {
                vec![false]
            };
            for (budget, listed) in [0, 1, 3, arr_budget(nr)]
                .into_iter()
                .flat_map(|b| listings.iter().map(move |&l| (b, l)))
            {
                let start = |cost: &[f64]| {
                    let (mut u, mut v) = (vec![0.0; nr], vec![0.0; nc]);
                    let (mut rows, mut cols) = (vec![NONE; nr], vec![NONE; nc]);
                    let lists = listed.then(|| Lists::select(nr, nc, cost, 2));
                    let how = (budget, true, lists.as_ref());
                    initialise::<f64, f64>(nr, nc, cost, &mut u, &mut v, &mut rows, &mut cols, how)
                };
                assert!(start(&base).is_some(), "{nr}x{nc}");
                for cell in 0..nr * nc {
                    for (bad, invalid) in [(f64::NEG_INFINITY, true), (f64::INFINITY, false)] {
                        let mut cost = base.clone();
                        cost[cell] = bad;
                        assert_eq!(
                            start(&cost).is_none(),
                            invalid,
                            "{nr}x{nc}, budget {budget}, listed {listed}, cell {cell} = {bad}"
                        );
                    }
                }
            }
        }
    }

    /// `two_smallest` the plain way: every reduced cost, sorted by (value, column).
    fn two_smallest_plainly<S: Store<C>, C: Compute>(row: &[S], v: &[C]) -> (C, usize, C, usize) {
        let mut x: Vec<(C, usize)> = row
            .iter()
            .zip(v)
            .map(|(r, &vj)| r.load() - vj)
            .zip(0..)
            .collect();
        x.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(a.1.cmp(&b.1)));
        let (m1, j1) = match x.first() {
            Some(&(m, j)) if m < C::UNREACHED => (m, j),
            _ => (C::UNREACHED, NONE),
        };
        let (m2, j2) = match x.get(1) {
            Some(&(m, j)) if m == m1 && j1 != NONE => (m, j),
            Some(&(m, _)) => (m, NONE),
            None => (C::UNREACHED, NONE),
        };
        (m1, j1, m2, j2)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The one-pass search with blocks agrees with the plain one on rows of up to several
        /// blocks, with ties, zeros of both signs and forbidden cells, for floats and for
        /// narrow integers (whose forbidden cost is a finite sentinel).
        #[test]
        fn two_smallest_matches_the_plain_search(
            cells in proptest::collection::vec((cell(), 0..6u8, -3..3i32, -2.0..2.0_f64), 0..600),
        ) {
            let row: Vec<f64> = cells.iter().map(|c| c.0).collect();
            let v: Vec<f64> = cells.iter().map(|c| c.3).collect();
            let best = two_smallest::<f64, f64>(&row, &v);
            let (m1, j1, m2, j2) = two_smallest_plainly::<f64, f64>(&row, &v);
            prop_assert!(!best.invalid);
            prop_assert_eq!((best.m1, best.j1, best.m2, best.j2), (m1, j1, m2, j2));

            // Bytes: 5 stands for a forbidden cell.
            let row: Vec<u8> = cells.iter().map(|c| if c.1 == 5 { u8::MAX } else { c.1 }).collect();
            let v: Vec<i32> = cells.iter().map(|c| c.2).collect();
            let best = two_smallest::<u8, i32>(&row, &v);
            let (m1, j1, m2, j2) = two_smallest_plainly::<u8, i32>(&row, &v);
            prop_assert!(!best.invalid);
            prop_assert_eq!((best.m1, best.j1, best.m2, best.j2), (m1, j1, m2, j2));
        }

        /// The AVX2 scan returns the portable scan's bits, distances and lane minima alike.
        #[cfg(target_arch = "x86_64")]
        #[test]
        fn avx2_scan_matches_portable(
            n in 0..70usize,
            seed in proptest::collection::vec(
                (cell(), prop_oneof![3 => -1e6..1e6_f64, 1 => Just(0.0), 1 => Just(-0.0)], cell(), any::<bool>(), any::<bool>()),
                70,
            ),
            h in prop_oneof![-1e6..1e6_f64, Just(0.0), Just(-0.0)],
        ) {
            let Some(proof) = Avx2::detect() else { return Ok(()) };
            let row: Vec<f64> = seed[..n].iter().map(|s| s.0).collect();
            // Scanned columns carry -inf, unscanned ones their potential.
            let vw: Vec<f64> = seed[..n].iter().map(|s| if s.3 { f64::NEG_INFINITY } else { s.1 }).collect();
            let taken: Vec<f64> = seed[..n].iter().map(|s| if s.4 { f64::INFINITY } else { f64::NEG_INFINITY }).collect();
            let d0: Vec<f64> = seed[..n].iter().map(|s| s.2).collect();
            let (mut d1, mut d2) = (d0.clone(), d0);
            let (a1, b1) = scan_chunks::<f64, f64>(&row, &vw, &taken, &mut d1, h);
            let (a2, b2) = proof.scan_chunks(&row, &vw, &taken, &mut d2, h);
            prop_assert_eq!(bits(&d1), bits(&d2));
            prop_assert_eq!(bits(&a1), bits(&a2));
            prop_assert_eq!(bits(&b1), bits(&b2));
        }

        /// The whole kernel gives the same pairs and the same potentials, bit for bit, with
        /// and without AVX2, on square and wide float matrices, with and without the start.
        #[cfg(target_arch = "x86_64")]
        #[test]
        fn avx2_kernel_matches_portable((nr, nc, cost) in matrix(40), jv in any::<bool>()) {
            let Some(proof) = Avx2::detect() else { return Ok(()) };
            let how = (jv, false, None);
            let plain = solve_portable::<f64, f64>(nr, nc, &cost, how, None, &mut |_| {});
            // SAFETY: the proof shows the processor has AVX2.
            #[allow(unsafe_code)]
            let fast = unsafe { solve_avx2::<f64, f64>(nr, nc, &cost, how, proof, &mut |_| {}) };
            prop_assert_eq!(plain.col4row, fast.col4row);
            prop_assert_eq!(bits(&plain.u), bits(&fast.u));
            prop_assert_eq!(bits(&plain.v), bits(&fast.v));
        }
    }
}
