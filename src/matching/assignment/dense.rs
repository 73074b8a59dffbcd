//! The dense engine's driver: one survey of the matrix, the integer or float kernel, the most
//! pairs when some cells are forbidden, and the certificate of the answer.

use crate::matching::assignment::best_total;
use crate::matching::assignment::certificate;
use crate::matching::assignment::cheapest;
use crate::matching::assignment::core::{self, Compute, NONE, Solved, Start, Store};
use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::options::{Cardinality, Cell, Options, Sense};
use crate::matching::assignment::solution::{Rests, Solution};
use crate::matching::assignment::weight::Weight;
use crate::matching::assignment::wide::{self, Lists};
use crate::matching::error::{MatrixError, Mistakes, Result};
use crate::matching::memory;

/// Solves the assignment problem on `matrix` with [`Cardinality::Maximum`]: the most pairs the
/// allowed cells permit, then the best total in `sense`.
///
/// # Complexity
///
/// `O(n² m)` time in the worst case for `n <= m`, `O(n m)` memory for the engine's copy of the
/// matrix and `O(m)` beyond it (see the [module docs](crate::assignment#complexity)).
///
/// # Errors
///
/// - [`MatrixError::InvalidWeight`] when a cell cannot be used in this sense: `-inf` when minimising
///   or `+inf` when maximising, or an `f64` beyond ±2^1020 (every such cell, in row-major
///   order, as a [`MatrixError::Multiple`] when there are several);
/// - [`MatrixError::Uncertified`] when a float answer cannot be proved optimal in exact arithmetic
///   (a total beyond `f64`, numbers too far apart; see the
///   [module docs](crate::assignment#certificate));
/// - [`MatrixError::TooLarge`] when a matrix with no cells declares more rows or columns than the
///   answer's lists can hold, or when the engine's tables of a matrix (a dozen times a matrix
///   of one row) cannot be allocated.
///
/// # Examples
///
/// Two seniors, three juniors, scores out of 100:
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense};
///
/// let scores = Matrix::from_vec(2, 3, vec![80_i64, 60, 10, 70, 20, 10])?;
/// let best = solve(&scores, Sense::Maximize)?;
/// assert_eq!(best.pairs(), &[(0, 1), (1, 0)]);
/// assert_eq!(best.total(), 130);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn solve<T: Weight>(matrix: &Matrix<T>, sense: Sense) -> Result<Solution<T>> {
    solve_with(matrix, Options::new(sense))
}

/// Solves the assignment problem on `matrix` with the given [`Options`].
///
/// # Complexity
///
/// As [`solve`]. With [`Cardinality::Any`] the engine first pairs the most it can on the cells
/// worth at least staying out, then gives up the pairs that do not pay, a round of one pass
/// over the rows at a time (usually a few rounds; on a matrix with few allowed cells, over
/// lists of them).
///
/// # Errors
///
/// As [`solve`].
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve_with, Cardinality, Matrix, Options, Sense};
///
/// // Minimising costs where a negative cost is a gain: only pairs that pay are kept.
/// let m = Matrix::from_vec(2, 2, vec![-3_i64, 2, 4, 1])?;
/// let s = solve_with(&m, Options::new(Sense::Minimize).with_cardinality(Cardinality::Any))?;
/// assert_eq!(s.pairs(), &[(0, 0)]);
/// assert_eq!(s.total(), -3);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn solve_with<T: Weight>(matrix: &Matrix<T>, options: Options) -> Result<Solution<T>> {
    solve_with_progress(matrix, options, &mut |_, _| {})
}

/// [`solve_with`], calling `progress(rows done, rows)` as the kernel settles the rows of the
/// matrix as it is solved (the shorter side; at most about a thousand times a run). A solve
/// may run the kernel twice (when fewer rows can be paired than there are), and progress then
/// starts again from 0; a start from each row's cheapest cells reports 0 and then every row.
pub(crate) fn solve_with_progress<T: Weight>(
    matrix: &Matrix<T>,
    options: Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Solution<T>> {
    solve_listing(matrix, options, progress, (wide::MIN_CELLS, wide::K))
}

/// [`solve_with_progress`], listing the `k` cheapest cells of each row of a wide float matrix
/// (see `wide`) from `min_cells` cells: the tests list few cells on matrices of any size.
fn solve_listing<T: Weight>(
    matrix: &Matrix<T>,
    options: Options,
    progress: &mut dyn FnMut(usize, usize),
    (min_cells, k): (usize, usize),
) -> Result<Solution<T>> {
    if matrix.rows == 0 || matrix.cols == 0 {
        // Nothing to pair; but the other side may be huge (a shape read from a file), so its
        // lists are reserved first.
        return Solution::empty(matrix.rows, matrix.cols, options);
    }
    let survey = survey(matrix, options)?;
    let problem = Oriented::new(matrix, options.sense);
    // The kernel's tables are allocated inside it, without a way to fail; on a matrix of one
    // row or column they are many times the matrix (a 2,000,000 x 1 one of 16 MB needs up to
    // 200 MB of them), so room for them is reserved and released first: a refusal here rather
    // than the allocator aborting the process in the solve.
    let too_large = || MatrixError::TooLarge {
        what: "the solve of a matrix",
        rows: matrix.rows,
        cols: matrix.cols,
    };
    let bytes = core::table_bytes(problem.nr, problem.nc).ok_or_else(too_large)?;
    memory::reserved::<u8>(bytes, too_large)?;
    let rows = problem.nr;
    let mut report = |done: usize| progress(done, rows);
    // A large wide float matrix's rows' cheapest cells, for the kernel's start and for the
    // certificate (see `wide`).
    let mut lists: Option<Lists> = None;
    let raw = if survey.integral {
        solve_integral(&problem, &survey, options.cardinality, &mut report)
    } else {
        // In minimisation form a forbidden cell is +inf, the kernel's forbidden cost, so the
        // mapping is a plain copy (or negation) with no per-cell case analysis. The only other
        // infinity, a wrong-signed one (-inf in minimisation form), was either ruled out by
        // the survey or is left to the kernel's check (`survey.checked`).
        let sense = options.sense;
        let min_form = move |x: T| match sense {
            Sense::Minimize => Some(x.to_f64()),
            Sense::Maximize => Some(-x.to_f64()),
        };
        // A large square matrix is tried from each row's cheapest cells first (see
        // `cheapest`): the matrix itself when minimising, else the copy in minimisation form
        // that the kernel would make anyway.
        let from_cheapest = options.cardinality == Cardinality::Maximum
            && problem.nr == problem.nc
            && problem.nr >= cheapest::MIN_ORDER;
        // A large wide matrix lists its rows' cheapest cells first (see `wide`), from the
        // same buffer the kernel reads.
        let listed = options.cardinality == Cardinality::Maximum
            && problem.nr < problem.nc
            && problem.nr.saturating_mul(problem.nc) >= min_cells;
        let negated: Vec<f64>;
        let direct = match (sense, problem.transposed, T::as_f64_slice(&matrix.data)) {
            (Sense::Minimize, false, Some(costs)) => Some(costs),
            (Sense::Maximize, false, Some(gains)) if from_cheapest || listed => {
                negated = gains.iter().map(|&x| -x).collect();
                Some(&negated[..])
            }
            _ => None,
        };
        lists = match direct {
            Some(costs) if listed => Some(Lists::select(
                problem.nr,
                problem.nc,
                costs,
                k.min(problem.nc),
            )),
            _ => None,
        };
        let cheap = match direct {
            Some(costs) if from_cheapest => {
                report(0);
                let s = cheapest::solve(problem.nr, costs, cheapest::K);
                if s.is_some() {
                    report(problem.nr);
                }
                s
            }
            _ => None,
        };
        // The kernel checks the cells the survey left unchecked as it first reads them.
        let start = if survey.checked {
            Start::JonkerVolgenant
        } else {
            Start::JonkerVolgenantChecked
        };
        let mut run = |start| {
            drive::<T, f64, f64>(
                &problem,
                min_form,
                0.0,
                options.cardinality,
                (direct, lists.as_ref()),
                start,
                &mut report,
            )
        };
        let (col4row, u, v) = match cheap.or_else(|| run(start)) {
            Some(solved) => solved,
            None => {
                // The kernel met a wrong-signed infinity, and the full survey names its cell.
                // (The kernel may also stop at a reduced cost that overflowed to -inf from
                // finite costs near f64::MAX; then the survey finds nothing wrong, having
                // checked every cell, and the kernel runs again without checking.)
                survey_cells(matrix, options)?;
                run(Start::JonkerVolgenant)
                    .unwrap_or_else(|| unreachable!("only a checking run stops early"))
            }
        };
        let to_total = |x: &f64| T::total_from_f64(*x);
        Raw {
            col4row,
            u: u.iter().map(to_total).collect(),
            v: v.iter().map(to_total).collect(),
        }
    };
    let mut solution = finish(matrix, &problem, options, raw);
    if survey.integral {
        // Solved in integers: the potentials are exact wherever `f64` holds them whole.
        let whole = |x: &T::Total| T::total_to_f64(*x).abs() <= 9_007_199_254_740_992.0; // 2^53
        if solution
            .row_potentials
            .iter()
            .chain(&solution.col_potentials)
            .all(whole)
        {
            solution.rests = Rests::None;
        }
    } else {
        // The float kernel's potentials hold up to rounding: make them an exact proof, or
        // improve the pairs where rounding misled the kernel.
        certificate::certify_listed(
            certificate::Cells::Dense(matrix),
            &mut solution,
            lists.as_ref(),
        )?;
    }
    Ok(solution)
}

/// What one pass over the matrix learns before solving.
struct Survey {
    /// Every allowed value is an integer the integer path holds exactly.
    integral: bool,
    /// Every cell was checked. When not, the matrix holds a fractional float and the kernel's
    /// start checks every cell as it first reads it (see `core::solve`), so a float matrix is
    /// read once less.
    checked: bool,
    /// Smallest and largest allowed value in minimisation form (`-x` when maximising).
    lo: i128,
    hi: i128,
    /// Every cell is allowed (finite): no forbidden cell to store as such.
    all_allowed: bool,
}

fn survey<T: Weight>(m: &Matrix<T>, options: Options) -> Result<Survey> {
    // Float matrices: a branch-free pass the compiler vectorises learns whether every cell is
    // whole (and the range), where the general pass below branches on every cell (on a
    // 2,000 × 4,000 uniform matrix that pass took about a third of the solve). A matrix with
    // an infinity in the chunks read takes the general pass. (NaN never reaches here: a
    // `Matrix` rejects it when built.)
    if let Some(d) = T::as_f64_slice(&m.data) {
        const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53, as `exact_integer`
        // The kernel's start checks every cell it reads when it runs (the first solve under
        // `Maximum`, with at least two rows and two columns): then the survey stops at the
        // first fractional value, which settles the float path. On a 2,000 × 4,000 uniform
        // matrix the full pass took about a quarter of the solve.
        let kernel_checks = options.cardinality == Cardinality::Maximum && m.rows.min(m.cols) >= 2;
        let (mut finite, mut whole, mut lo, mut hi) =
            (true, true, f64::INFINITY, f64::NEG_INFINITY);
        // Chunk by chunk: whether all are finite (vectorised), then, while all so far are
        // whole, whether these are too, with the range.
        for c in d.chunks(4096) {
            if whole && let Some((l, h)) = whole_chunk(c) {
                (lo, hi) = (lo.min(l), hi.max(h));
                continue;
            }
            if !c.iter().fold(true, |all, &x| all & x.is_finite()) {
                finite = false;
                break;
            }
            if whole {
                let (w, l, h) =
                    c.iter()
                        .fold((true, f64::INFINITY, f64::NEG_INFINITY), |(w, l, h), &x| {
                            let is_whole = x.abs() <= LIMIT && (x as i64) as f64 == x;
                            (w & is_whole, l.min(x), h.max(x))
                        });
                (lo, hi) = (lo.min(l), hi.max(h));
                if !w {
                    whole = false;
                    if kernel_checks {
                        return Ok(Survey {
                            integral: false,
                            checked: false,
                            lo: 0,
                            hi: 0,
                            all_allowed: false,
                        });
                    }
                }
            }
        }
        if finite {
            let (mut lo, mut hi) = if !whole || d.is_empty() {
                (0, 0)
            } else if options.sense == Sense::Maximize {
                (-(hi as i128), -(lo as i128))
            } else {
                (lo as i128, hi as i128)
            };
            if whole && options.cardinality == Cardinality::Any {
                lo = lo.min(0);
                hi = hi.max(0);
            }
            return Ok(Survey {
                integral: whole,
                checked: true,
                lo,
                hi,
                all_allowed: true,
            });
        }
    }
    survey_cells(m, options)
}

/// The smallest and largest value of `c` when every value is a whole number of magnitude at
/// most 2^51 (so finite); `None` otherwise, or for a `-0.0`, which the caller's exact pass
/// then settles.
///
/// Branch-free and without a float-to-integer conversion, so that it vectorises with the
/// baseline instructions: adding and subtracting 1.5 × 2^52 rounds a value of magnitude at
/// most 2^51 to a whole number exactly, and the difference from the value is `+0.0` exactly
/// when it is whole (an infinity gives NaN). With a conversion to `i64` and back, which the
/// baseline has no packed form of, the survey of a 4,000 × 4,000 whole-number matrix took 38
/// ms, four times the kernel's solve.
fn whole_chunk(c: &[f64]) -> Option<(f64, f64)> {
    const ROUND: f64 = 6_755_399_441_055_744.0; // 1.5 * 2^52
    const LIMIT: f64 = 2_251_799_813_685_248.0; // 2^51
    const L: usize = 8;
    let (mut bits, mut lo, mut hi) = ([0u64; L], [f64::INFINITY; L], [f64::NEG_INFINITY; L]);
    let (chunks, tail) = c.as_chunks::<L>();
    for chunk in chunks {
        for k in 0..L {
            let x = chunk[k];
            bits[k] |= (x - ((x + ROUND) - ROUND)).to_bits();
            lo[k] = if x < lo[k] { x } else { lo[k] };
            hi[k] = if x > hi[k] { x } else { hi[k] };
        }
    }
    for &x in tail {
        bits[0] |= (x - ((x + ROUND) - ROUND)).to_bits();
        lo[0] = if x < lo[0] { x } else { lo[0] };
        hi[0] = if x > hi[0] { x } else { hi[0] };
    }
    let l = lo.iter().fold(f64::INFINITY, |m, &x| m.min(x));
    let h = hi.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
    let whole = bits.iter().all(|&b| b == 0) && -LIMIT <= l && h <= LIMIT;
    whole.then_some((l, h))
}

/// The general survey: every cell in order, with its case (allowed, forbidden or invalid).
fn survey_cells<T: Weight>(m: &Matrix<T>, options: Options) -> Result<Survey> {
    let mut s = Survey {
        integral: true,
        checked: true,
        lo: i128::MAX,
        hi: i128::MIN,
        // Not worked out here: only the float fast path uses it.
        all_allowed: false,
    };
    let mut found = Mistakes::new();
    for (k, &x) in m.data.iter().enumerate() {
        match x.cell(options.sense) {
            Cell::Allowed => {
                if s.integral {
                    match x.exact_integer() {
                        Some(i) => {
                            let i = i as i128;
                            let i = if options.sense == Sense::Maximize {
                                -i
                            } else {
                                i
                            };
                            s.lo = s.lo.min(i);
                            s.hi = s.hi.max(i);
                        }
                        None => s.integral = false,
                    }
                }
            }
            Cell::Forbidden => {}
            Cell::Invalid(why) => found.push_with(|| MatrixError::InvalidWeight {
                row: k / m.cols,
                col: k % m.cols,
                value: format!("{x:?}"),
                why,
            }),
        }
    }
    found.finish()?;
    if s.lo > s.hi {
        (s.lo, s.hi) = (0, 0);
    }
    if options.cardinality == Cardinality::Any {
        // Staying unassigned is worth 0, so 0 must be representable after the shift.
        s.lo = s.lo.min(0);
        s.hi = s.hi.max(0);
    }
    Ok(s)
}

/// The matrix as the kernel sees it: at most as many rows as columns (transposed if needed).
struct Oriented<'a, T> {
    m: &'a Matrix<T>,
    transposed: bool,
    nr: usize,
    nc: usize,
    sense: Sense,
}

impl<'a, T: Weight> Oriented<'a, T> {
    fn new(m: &'a Matrix<T>, sense: Sense) -> Self {
        let transposed = m.rows > m.cols;
        let (nr, nc) = if transposed {
            (m.cols, m.rows)
        } else {
            (m.rows, m.cols)
        };
        Oriented {
            m,
            transposed,
            nr,
            nc,
            sense,
        }
    }

    /// Fills `out` (`nr x width`, `width >= nc`) row by row with `f` of each source cell; the
    /// extra columns are left to the caller.
    fn fill<S: Copy>(&self, out: &mut [S], width: usize, f: &impl Fn(T) -> S) {
        if self.nr == 0 || self.nc == 0 {
            return; // nothing to copy (and a zero chunk width would be invalid)
        }
        let src = &self.m.data;
        if self.transposed {
            // Oriented row i is source column i: read in blocks of source rows so each block
            // of the source is touched once while it is in cache.
            const B: usize = 64;
            let cols = self.m.cols;
            for r0 in (0..self.nc).step_by(B) {
                let r1 = (r0 + B).min(self.nc);
                for i in 0..self.nr {
                    let dst = &mut out[i * width..i * width + self.nc];
                    for r in r0..r1 {
                        dst[r] = f(src[r * cols + i]);
                    }
                }
            }
        } else {
            for (dst, row) in out.chunks_exact_mut(width).zip(src.chunks_exact(self.nc)) {
                for (d, &x) in dst.iter_mut().zip(row) {
                    *d = f(x);
                }
            }
        }
    }
}

/// Kernel output mapped to totals: oriented column of each oriented row, and potentials in
/// minimisation form, in the units of the input.
struct Raw<W> {
    col4row: Vec<usize>,
    u: Vec<W>,
    v: Vec<W>,
}

/// Runs the kernel under the cardinality rule. Returns the column of each oriented row (`NONE`
/// if unassigned) and the potentials in the kernel's units, restricted to the real columns.
///
/// `direct`, when given, is the oriented cost buffer itself (the caller's own `f64` costs when
/// minimising untransposed), used for the first run without a copy.
///
/// With `check` (under `Maximum` alone, with at least two oriented rows), the kernel checks
/// every cost as it first reads it, and `None` means it found a `-inf` (in minimisation
/// form: a wrong-signed infinity).
///
/// `lists`, when given, are the rows' cheapest cells of `direct` (see `wide`).
fn drive<T: Weight, S: Store<C>, C: Compute>(
    p: &Oriented<'_, T>,
    load: impl Fn(T) -> Option<S>,
    zero: S,
    cardinality: Cardinality,
    (direct, lists): (Option<&[S]>, Option<&Lists<S>>),
    start: Start,
    report: &mut dyn FnMut(usize),
) -> Option<(Vec<usize>, Vec<C>, Vec<C>)> {
    let (nr, nc) = (p.nr, p.nc);
    let to_store = |x: T| load(x).unwrap_or(S::FORBIDDEN);
    // The kernel's answer with the extra columns dropped: a row assigned to one is unassigned.
    let trim = |s: Solved<C>| {
        let col4row = s
            .col4row
            .into_iter()
            .map(|j| if j < nc { j } else { NONE })
            .collect();
        let mut v = s.v;
        v.truncate(nc);
        (col4row, s.u, v)
    };
    match cardinality {
        Cardinality::Any => {
            // Most pairs first with the kernel's fast start, on the cells worth at least
            // staying out (no optimum uses another), then the pairs that do not pay given up
            // (see `best_total`). The survey checked every cell under `Any`.
            debug_assert!(
                start != Start::JonkerVolgenantChecked,
                "the survey checks every cell under `Any`"
            );
            let mut buf = vec![S::FORBIDDEN; nr * nc];
            p.fill(&mut buf, nc, &to_store);
            // A pass of its own, branch-free: inside the fill, the test took a 4,000 x 1,000
            // integer matrix with half its cells dropped from 15-18 ms to 44-52 ms.
            let stay = zero.load();
            for c in buf.iter_mut() {
                let dropped = c.load() > stay;
                *c = if dropped { S::FORBIDDEN } else { *c };
            }
            let s = core::solve_reporting::<S, C>(nr, nc, &buf, Start::JonkerVolgenant, report);
            let (mut col4row, mut u, mut v) = (s.col4row, s.u, s.v);
            best_total::improve(nr, nc, &buf, zero, &mut col4row, &mut u, &mut v);
            Some((col4row, u, v))
        }
        Cardinality::Maximum => {
            let owned: Vec<S>;
            let buf: &[S] = match direct {
                Some(costs) => costs,
                None if !p.transposed => {
                    // One pass straight into a fresh buffer: no zero-fill to overwrite.
                    owned = p.m.data.iter().map(|&x| to_store(x)).collect();
                    &owned
                }
                None => {
                    owned = {
                        let mut b = vec![zero; nr * nc];
                        p.fill(&mut b, nc, &to_store);
                        b
                    };
                    &owned
                }
            };
            let s = match lists {
                Some(lists) => {
                    debug_assert!(direct.is_some(), "the lists are of the direct buffer");
                    core::solve_listed::<S, C>(nr, nc, buf, start, lists, report)
                }
                None => core::solve_reporting::<S, C>(nr, nc, buf, start, report),
            };
            if s.invalid {
                return None;
            }
            let k = s.col4row.iter().filter(|&&j| j != NONE).count();
            if k == nr {
                return Some((s.col4row, s.u, s.v));
            }
            Some(deficient(p, &to_store, zero, &trim, Some(k), report))
        }
        #[allow(unreachable_patterns)]
        _ => unreachable!("every cardinality rule is handled above"),
    }
}

/// The deficient case: fewer than `nr` rows can be assigned. The rows a run assigns form a
/// maximum matching of size `k` (given, or found here by a plain run); with `nr - k` extra columns of equal cost open to every row,
/// every optimum uses exactly `k` real pairs and is the best total among the assignments with
/// `k` pairs.
fn deficient<T: Weight, S: Store<C>, C: Compute>(
    p: &Oriented<'_, T>,
    to_store: &impl Fn(T) -> S,
    zero: S,
    trim: &impl Fn(Solved<C>) -> (Vec<usize>, Vec<C>, Vec<C>),
    k: Option<usize>,
    report: &mut dyn FnMut(usize),
) -> (Vec<usize>, Vec<C>, Vec<C>) {
    let (nr, nc) = (p.nr, p.nc);
    let k = k.unwrap_or_else(|| {
        let mut buf = vec![zero; nr * nc];
        p.fill(&mut buf, nc, to_store);
        let s = core::solve::<S, C>(nr, nc, &buf, Start::Cold);
        s.col4row.iter().filter(|&&j| j != NONE).count()
    });
    let width = nc + (nr - k);
    let mut buf = vec![zero; nr * width];
    p.fill(&mut buf, width, to_store);
    trim(core::solve_reporting::<S, C>(
        nr,
        width,
        &buf,
        Start::JonkerVolgenant,
        report,
    ))
}

/// A compute type whose values convert back to exact integers.
trait IntCompute: Compute {
    fn to_i128(self) -> i128;
}
impl IntCompute for i32 {
    fn to_i128(self) -> i128 {
        self as i128
    }
}
impl IntCompute for i64 {
    fn to_i128(self) -> i128 {
        self as i128
    }
}
impl IntCompute for i128 {
    fn to_i128(self) -> i128 {
        self
    }
}

/// An unsigned storage type for shifted integer costs.
trait IntStore: Copy {
    fn from_shifted(x: i128) -> Self;
    fn from_shifted_u64(x: u64) -> Self;
}
macro_rules! int_store_from {
    ($($t:ty),*) => {$(
        impl IntStore for $t {
            fn from_shifted(x: i128) -> Self {
                x as $t
            }
            #[inline(always)]
            fn from_shifted_u64(x: u64) -> Self {
                x as $t
            }
        }
    )*};
}
int_store_from!(u8, u16, u32, u64);

/// Solves on the exact integer path: costs in minimisation form, shifted by `lo` to `[0, R]`,
/// stored in the narrowest type with room for the forbidden sentinel, computed in the
/// narrowest type that no potential or distance can overflow.
fn solve_integral<T: Weight>(
    p: &Oriented<'_, T>,
    sv: &Survey,
    card: Cardinality,
    report: &mut dyn FnMut(usize),
) -> Raw<T::Total> {
    fn run<T: Weight, S: Store<C> + IntStore, C: IntCompute>(
        p: &Oriented<'_, T>,
        sv: &Survey,
        card: Cardinality,
        report: &mut dyn FnMut(usize),
    ) -> Raw<T::Total> {
        let (lo, max, sense) = (sv.lo, p.sense == Sense::Maximize, p.sense);
        // The shifted cost `min_form(x) - lo` lies in [0, 2^64 - 2], so wrapping u64
        // arithmetic gives it exactly, without i128 on the hot path.
        let lo64 = lo as u64;
        let load = move |x: T| {
            let i = x.allowed_integer(sense)? as u64;
            let min_form = if max { i.wrapping_neg() } else { i };
            Some(S::from_shifted_u64(min_form.wrapping_sub(lo64)))
        };
        // What staying out costs under `Any`: 0, shifted (0 lies in the shifted range there).
        // Under `Maximum`, the deficient case's extra columns take it: any constant works, and
        // shifted 0 is one.
        let extra = if card == Cardinality::Any { -lo } else { 0 };
        let narrowed = (card == Cardinality::Maximum && !p.transposed && sv.all_allowed)
            .then(|| T::as_f64_slice(&p.m.data))
            .flatten()
            .and_then(|d| narrow_whole::<S>(d, lo, sv.hi, max));
        let (col4row, u, v) = drive::<T, S, C>(
            p,
            load,
            S::from_shifted(extra),
            card,
            (narrowed.as_deref(), None),
            Start::JonkerVolgenant,
            report,
        )
        .unwrap_or_else(|| unreachable!("only a checking run stops early"));
        Raw {
            col4row,
            u: u.into_iter()
                .map(|x| T::total_from_int(x.to_i128() + lo))
                .collect(),
            v: v.into_iter()
                .map(|x| T::total_from_int(x.to_i128()))
                .collect(),
        }
    }
    let range = (sv.hi - sv.lo) as u128;
    // Potentials and distances stay within a small multiple of (rows + columns) * range; the
    // margins below keep them under a sixteenth of the kernel's forbidden cost.
    let bound = (p.nr as u128 + p.nc as u128 + p.nr as u128 + 2) * range.max(1);
    if bound < 1 << 22 && range < u8::MAX as u128 {
        run::<T, u8, i32>(p, sv, card, report)
    } else if bound < 1 << 22 && range < u16::MAX as u128 {
        run::<T, u16, i32>(p, sv, card, report)
    } else if bound < 1 << 54 {
        if range < u8::MAX as u128 {
            run::<T, u8, i64>(p, sv, card, report)
        } else if range < u16::MAX as u128 {
            run::<T, u16, i64>(p, sv, card, report)
        } else if range < u32::MAX as u128 {
            run::<T, u32, i64>(p, sv, card, report)
        } else {
            run::<T, u64, i64>(p, sv, card, report)
        }
    } else {
        run::<T, u64, i128>(p, sv, card, report)
    }
}

/// The whole, finite `f64` costs `d` (in the caller's sense, `max` for maximising) shifted
/// by `lo` in minimisation form into the integer store, when the shifted range `[0, hi - lo]`
/// is below 2^52: adding 2^52 to a whole number below it puts the number in the low bits of
/// the double exactly, so the conversion is an addition and a truncation, which vectorise
/// (a 4,000 × 4,000 matrix took 27 ms through the general per-cell load, about 13 ms here).
/// `None` when the range is wider (the caller's general load takes it).
fn narrow_whole<S: IntStore>(d: &[f64], lo: i128, hi: i128, max: bool) -> Option<Vec<S>> {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    if hi - lo >= 1 << 52 || lo.unsigned_abs() > 1 << 53 {
        return None;
    }
    // Exact: `lo` and every cost are whole numbers of at most 2^53 in magnitude, and each
    // shifted cost, a whole number below 2^52, is exactly what the subtraction rounds to.
    let lo = lo as f64;
    let offset = TWO_52.to_bits();
    let shifted =
        |min_form: f64| S::from_shifted_u64(((min_form - lo) + TWO_52).to_bits() - offset);
    Some(if max {
        d.iter().map(|&x| shifted(-x)).collect()
    } else {
        d.iter().map(|&x| shifted(x)).collect()
    })
}

/// Maps the kernel's answer back to the caller's matrix: orientation, sense, normalised
/// certificate, recomputed total.
fn finish<T: Weight>(
    m: &Matrix<T>,
    p: &Oriented<'_, T>,
    options: Options,
    raw: Raw<T::Total>,
) -> Solution<T> {
    // Under `Any`, every unassigned row and column is at potential 0 already (see
    // `best_total::improve`).
    let Raw { col4row, u, v } = raw;
    let zero = T::total_from_int(0);
    let (mut row_pot, mut col_pot) = if p.transposed { (v, u) } else { (u, v) };
    if options.sense == Sense::Maximize {
        for x in row_pot.iter_mut().chain(col_pot.iter_mut()) {
            *x = zero - *x;
        }
    }
    let mut pairs: Vec<(usize, usize)> = col4row
        .iter()
        .enumerate()
        .filter(|&(_, &j)| j != NONE)
        .map(|(i, &j)| if p.transposed { (j, i) } else { (i, j) })
        .collect();
    pairs.sort_unstable();
    let mut row_used = vec![false; m.rows];
    let mut col_used = vec![false; m.cols];
    let mut total = zero;
    for &(r, c) in &pairs {
        row_used[r] = true;
        col_used[c] = true;
        total = total + T::to_total(m.data[r * m.cols + c]);
    }
    let unused = |used: Vec<bool>| {
        used.iter()
            .enumerate()
            .filter(|(_, u)| !**u)
            .map(|(k, _)| k)
            .collect()
    };
    Solution {
        options,
        rows: m.rows,
        cols: m.cols,
        pairs,
        total,
        unassigned_rows: unused(row_used),
        unassigned_cols: unused(col_used),
        row_potentials: row_pot,
        col_potentials: col_pot,
        rests: Rests::before_certificate::<T>(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `whole_chunk` must agree with: every value whole, finite and at most 2^51 in
    /// magnitude, and not `-0.0`.
    fn whole_plainly(c: &[f64]) -> Option<(f64, f64)> {
        let limit = 2f64.powi(51);
        let ok = c.iter().all(|&x| {
            x.is_finite()
                && x.fract() == 0.0
                && x.abs() <= limit
                && x.to_bits() != (-0.0f64).to_bits()
        });
        let lo = c.iter().fold(f64::INFINITY, |m, &x| m.min(x));
        let hi = c.iter().fold(f64::NEG_INFINITY, |m, &x| m.max(x));
        ok.then_some((lo, hi))
    }

    fn value() -> impl Strategy<Value = f64> {
        let edge = 2f64.powi(51);
        prop_oneof![
            6 => (-20i64..20).prop_map(|i| i as f64),
            1 => (-(1i64 << 51)..=(1i64 << 51)).prop_map(|i| i as f64),
            1 => Just(edge),
            1 => Just(-edge),
            1 => Just(edge + 2.0),
            1 => Just(2f64.powi(52) + 1.0),
            1 => Just(0.5),
            1 => Just(edge - 0.5),
            1 => Just(1e-300),
            1 => Just(-0.0),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
            1 => -1e6..1e6f64,
        ]
    }

    proptest! {
        #[test]
        fn whole_chunk_is_the_plain_check(c in proptest::collection::vec(value(), 0..40)) {
            let got = whole_chunk(&c);
            let want = whole_plainly(&c);
            prop_assert_eq!(got.map(|(l, h)| (l.to_bits(), h.to_bits())).is_some(), want.is_some());
            if let (Some(g), Some(w)) = (got, want) {
                prop_assert!(g.0 == w.0 && g.1 == w.1);
            }
        }

        #[test]
        fn narrowing_is_the_general_load(
            c in proptest::collection::vec(-300i64..300, 1..40),
            max in any::<bool>(),
            big in any::<bool>(),
        ) {
            // Costs far from 0 (a large shift) or near it.
            let base = if big { (1i64 << 50) - 1000 } else { 0 };
            let d: Vec<f64> = c.iter().map(|&x| (base + x) as f64).collect();
            let min_form = |x: f64| if max { -(x as i128) } else { x as i128 };
            let lo = d.iter().map(|&x| min_form(x)).min().unwrap();
            let hi = d.iter().map(|&x| min_form(x)).max().unwrap();
            let got = narrow_whole::<u16>(&d, lo, hi, max).unwrap();
            let want: Vec<u16> = d.iter().map(|&x| (min_form(x) - lo) as u16).collect();
            prop_assert_eq!(got, want);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(800))]

        /// A wide float matrix solved from its rows' cheapest cells (1 to 4 listed a row, on
        /// matrices of any size) gives the answer solved without them: the same pairs and
        /// total, proved by the independent check. Weights that tie, forbidden cells, both
        /// senses.
        #[test]
        fn listing_the_cheapest_cells_changes_no_answer(
            (rows, extra) in (1usize..=7, 1usize..=9),
            cells in proptest::collection::vec(proptest::option::weighted(0.85, prop_oneof![
                3 => (0..6u8).prop_map(|k| f64::from(k) * 0.25 + 0.1),
                1 => -1e3..1e3_f64,
            ]), 112),
            max in any::<bool>(),
            k in 1usize..=4,
        ) {
            let cols = rows + extra;
            let sense = if max { Sense::Maximize } else { Sense::Minimize };
            let forbidden = if max { f64::NEG_INFINITY } else { f64::INFINITY };
            let data = cells[..rows * cols].iter().map(|c| c.unwrap_or(forbidden)).collect();
            let m = Matrix::from_vec(rows, cols, data).unwrap();
            let solve = |min_cells| {
                solve_listing(&m, Options::new(sense), &mut |_, _| {}, (min_cells, k))
            };
            let (plain, listed) = (solve(usize::MAX), solve(0));
            match (plain, listed) {
                (Ok(plain), Ok(listed)) => {
                    crate::matching::assignment::verify(&m, &listed).unwrap();
                    prop_assert_eq!(plain.pairs(), listed.pairs());
                    prop_assert_eq!(plain.total(), listed.total());
                }
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                (a, b) => prop_assert!(false, "{:?} against {:?}", a.map(|s| s.total()), b.map(|s| s.total())),
            }
        }
    }

    #[test]
    fn narrowing_refuses_wide_ranges() {
        assert!(narrow_whole::<u64>(&[0.0], 0, 1 << 52, false).is_none());
        assert!(narrow_whole::<u64>(&[0.0], -(1 << 53) - 1, 0, false).is_none());
        assert!(narrow_whole::<u64>(&[0.0], 0, (1 << 52) - 1, false).is_some());
    }
}
