//! Explicit x86-64 code for the kernel's hottest loops: the float search scan in AVX2, and
//! software prefetching.
//!
//! The compiler does not vectorise that loop well on its own: the two lane minima next to the
//! store of the distances came out partly scalar, with lane shuffles, and when the update was
//! written as a separate loop, the `min` stored back in place became a masked store, slow on
//! the processors measured. Written with intrinsics it ran 2–3 times faster (0.24–0.34 ns a
//! cell against 0.75, 1,000 and 2,000 columns, one core).
//!
//! [`Avx2::scan_chunks`] performs exactly the operations of the portable loop in `core`, lane
//! for lane and in the same order, so the two return the same bits and the solver's result
//! does not depend on the processor.

#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::{
    __m256d, _CMP_LT_OQ, _MM_HINT_T0, _mm_prefetch, _mm256_add_pd, _mm256_and_pd, _mm256_blendv_pd,
    _mm256_cmp_pd, _mm256_loadu_pd, _mm256_max_pd, _mm256_min_pd, _mm256_set_pd, _mm256_set1_pd,
    _mm256_storeu_pd, _mm256_sub_pd,
};

/// Lanes of the scan: two AVX2 registers of `f64`, the portable loop's `L`.
pub(crate) const LANES: usize = 8;

/// How far ahead of a sequential pass over a row to prefetch, in bytes.
const AHEAD: usize = 2048;

/// Asks the processor to fetch the cache lines `AHEAD` bytes past `block`, which a
/// sequential pass reads next: the hardware's own prefetching stops at every 4 KB page, and
/// the rows of a large matrix are read from memory. On a uniform 2,000 × 4,000 matrix the
/// row reduction's pass took about 16 % less time with it; in the float search scan, a
/// 4,000 × 4,000 solve's searches about 15 % less. Does nothing on other architectures.
#[inline(always)]
pub(crate) fn prefetch_ahead<T>(block: &[T]) {
    #[cfg(target_arch = "x86_64")]
    {
        let start = block.as_ptr().cast::<i8>().wrapping_add(AHEAD);
        for line in (0..std::mem::size_of_val(block)).step_by(64) {
            // SAFETY: a prefetch is a hint that reads nothing and cannot fault, so any
            // address is fine, even past the end of `block`; SSE is part of x86-64.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(line)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = block;
}

/// Asks the processor to fetch the first `PREFETCH_ROW` bytes of `block` (a row about to be
/// read again, far from the rows just read), ahead of the pass that will read it.
#[inline(always)]
pub(crate) fn prefetch<T>(block: &[T]) {
    #[cfg(target_arch = "x86_64")]
    {
        let start = block.as_ptr().cast::<i8>();
        let bytes = std::mem::size_of_val(block).min(PREFETCH_ROW);
        for line in (0..bytes).step_by(64) {
            // SAFETY: as in `prefetch_ahead`.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(line)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = block;
}

/// How much of a row [`prefetch`] asks for.
const PREFETCH_ROW: usize = 1 << 20;

/// Proof that the processor running this code has AVX2: only [`Avx2::detect`] makes one, after
/// checking, so holding one makes calling AVX2 code sound.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Avx2(());

/// On other architectures there is no AVX2, and no value of this type.
#[cfg(not(target_arch = "x86_64"))]
#[derive(Clone, Copy, Debug)]
pub(crate) enum Avx2 {}

impl Avx2 {
    /// The proof, if the processor has AVX2.
    pub(crate) fn detect() -> Option<Avx2> {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                return Some(Avx2(()));
            }
        }
        None
    }

    /// The search scan over the whole chunks of `LANES` cells of `row` (the caller handles the
    /// tail), for float costs: for each column `y = min(d, h + row - vw)` is stored in `d`, and
    /// the lane minima of `y` and of `max(y, taken)` are returned, as the portable loop
    /// computes them.
    ///
    /// # Panics
    ///
    /// If `vw`, `taken` or `d` is shorter than `row` (the kernel's arrays never are).
    #[inline(always)]
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables))]
    pub(crate) fn scan_chunks(
        self,
        row: &[f64],
        vw: &[f64],
        taken: &[f64],
        d: &mut [f64],
        h: f64,
    ) -> ([f64; LANES], [f64; LANES]) {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: `self` exists only when `detect` found AVX2 on this processor.
            unsafe { scan_chunks(row, vw, taken, d, h) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        match self {}
    }

    /// The certificate's survey of a dense row (see `certificate::float`) over the whole
    /// chunks of `LANES` cells of `row` (the caller handles the tail): per lane, the two
    /// smallest reduced costs `(x - u) - v_j` (`((-u) - x) - v_j` when `max`), the column of
    /// the smallest (`from` is the first cell's), and the largest `|x|`, updated in `lanes`
    /// exactly as [`survey_chunks_portable`] updates them.
    ///
    /// # Panics
    ///
    /// If `v` is shorter than `row`.
    #[inline(always)]
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables))]
    pub(crate) fn survey_chunks(
        self,
        row: &[f64],
        v: &[f64],
        u: f64,
        max: bool,
        from: usize,
        lanes: &mut SurveyLanes,
    ) {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: `self` exists only when `detect` found AVX2 on this processor.
            unsafe { survey_chunks(row, v, u, max, from, lanes) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        match self {}
    }
}

/// The per-lane summaries of the certificate's survey of a dense row: the two smallest
/// reduced costs, the column of the smallest (as a float, exact below 2^53), and the largest
/// magnitude of a weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct SurveyLanes {
    pub(crate) first: [f64; LANES],
    pub(crate) at: [f64; LANES],
    pub(crate) second: [f64; LANES],
    pub(crate) largest: [f64; LANES],
}

impl SurveyLanes {
    /// Nothing surveyed yet.
    pub(crate) fn new() -> Self {
        SurveyLanes {
            first: [f64::INFINITY; LANES],
            at: [0.0; LANES],
            second: [f64::INFINITY; LANES],
            largest: [0.0; LANES],
        }
    }
}

/// The survey's portable loop: the same operations as the AVX2 one, lane for lane. `min(a,
/// b)` here is `a < b ? a : b`, as `_mm256_min_pd(a, b)`, and `max(a, b)` is `a > b ? a : b`.
pub(crate) fn survey_chunks_portable(
    row: &[f64],
    v: &[f64],
    u: f64,
    max: bool,
    from: usize,
    l: &mut SurveyLanes,
) {
    let nu = -u;
    for (b, (xs, vs)) in row
        .chunks_exact(LANES)
        .zip(v.chunks_exact(LANES))
        .enumerate()
    {
        let base = (from + b * LANES) as f64;
        for k in 0..LANES {
            let reduced = if max {
                (nu - xs[k]) - vs[k]
            } else {
                (xs[k] - u) - vs[k]
            };
            let lower = reduced < l.first[k];
            let displaced = if lower { l.first[k] } else { reduced };
            l.second[k] = if displaced < l.second[k] {
                displaced
            } else {
                l.second[k]
            };
            l.at[k] = if lower { base + k as f64 } else { l.at[k] };
            l.first[k] = if reduced < l.first[k] {
                reduced
            } else {
                l.first[k]
            };
            let size = xs[k].abs();
            l.largest[k] = if size > l.largest[k] {
                size
            } else {
                l.largest[k]
            };
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn survey_chunks(row: &[f64], v: &[f64], u: f64, max: bool, from: usize, l: &mut SurveyLanes) {
    const PF: usize = AHEAD / std::mem::size_of::<f64>();
    let n = row.len() / LANES * LANES;
    // Every access below is at an index under `n`, within both slices after this check.
    assert!(v.len() >= n);
    let load = |s: &[f64], j: usize| -> __m256d {
        debug_assert!(j + 4 <= s.len());
        // SAFETY: `j + 4 <= n <= s.len()` for every call below, so the four values read are
        // inside `s`; the load has no alignment requirement.
        unsafe { _mm256_loadu_pd(s.as_ptr().add(j)) }
    };
    let get = |a: &[f64; LANES], at: usize| -> __m256d {
        // SAFETY: `at` is 0 or 4, so the four values read are inside the array.
        unsafe { _mm256_loadu_pd(a.as_ptr().add(at)) }
    };
    let (uv, nuv) = (_mm256_set1_pd(u), _mm256_set1_pd(-u));
    let abs_mask = _mm256_set1_pd(f64::from_bits(!(1u64 << 63)));
    let step = _mm256_set1_pd(LANES as f64);
    let (mut first0, mut first1) = (get(&l.first, 0), get(&l.first, 4));
    let (mut at0, mut at1) = (get(&l.at, 0), get(&l.at, 4));
    let (mut second0, mut second1) = (get(&l.second, 0), get(&l.second, 4));
    let (mut big0, mut big1) = (get(&l.largest, 0), get(&l.largest, 4));
    let f = from as f64;
    let mut col0 = _mm256_set_pd(f + 3.0, f + 2.0, f + 1.0, f);
    let mut col1 = _mm256_set_pd(f + 7.0, f + 6.0, f + 5.0, f + 4.0);
    // One lane group of four: the portable loop's operations, in its order.
    let lane = |x: __m256d,
                vj: __m256d,
                col: __m256d,
                first: &mut __m256d,
                at: &mut __m256d,
                second: &mut __m256d,
                big: &mut __m256d| {
        let reduced = if max {
            _mm256_sub_pd(_mm256_sub_pd(nuv, x), vj)
        } else {
            _mm256_sub_pd(_mm256_sub_pd(x, uv), vj)
        };
        let lower = _mm256_cmp_pd::<_CMP_LT_OQ>(reduced, *first);
        // blendv(a, b, mask) takes b where the mask is set.
        let displaced = _mm256_blendv_pd(reduced, *first, lower);
        *second = _mm256_min_pd(displaced, *second);
        *at = _mm256_blendv_pd(*at, col, lower);
        *first = _mm256_min_pd(reduced, *first);
        *big = _mm256_max_pd(_mm256_and_pd(x, abs_mask), *big);
    };
    let mut j = 0;
    while j < n {
        // See `prefetch_ahead`: the rows of a large matrix are read from memory.
        _mm_prefetch::<_MM_HINT_T0>(row.as_ptr().wrapping_add(j + PF).cast());
        lane(
            load(row, j),
            load(v, j),
            col0,
            &mut first0,
            &mut at0,
            &mut second0,
            &mut big0,
        );
        lane(
            load(row, j + 4),
            load(v, j + 4),
            col1,
            &mut first1,
            &mut at1,
            &mut second1,
            &mut big1,
        );
        col0 = _mm256_add_pd(col0, step);
        col1 = _mm256_add_pd(col1, step);
        j += LANES;
    }
    let put = |a: &mut [f64; LANES], lo: __m256d, hi: __m256d| {
        // SAFETY: each store writes 4 values at offset 0 or 4 of an 8-value array.
        unsafe {
            _mm256_storeu_pd(a.as_mut_ptr(), lo);
            _mm256_storeu_pd(a.as_mut_ptr().add(4), hi);
        }
    };
    put(&mut l.first, first0, first1);
    put(&mut l.at, at0, at1);
    put(&mut l.second, second0, second1);
    put(&mut l.largest, big0, big1);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn scan_chunks(
    row: &[f64],
    vw: &[f64],
    taken: &[f64],
    d: &mut [f64],
    h: f64,
) -> ([f64; LANES], [f64; LANES]) {
    const PF: usize = AHEAD / std::mem::size_of::<f64>();
    let n = row.len() / LANES * LANES;
    // Every access below is at an index under `n`, within all four slices after this check.
    assert!(vw.len() >= n && taken.len() >= n && d.len() >= n);
    let load = |s: &[f64], j: usize| -> __m256d {
        debug_assert!(j + 4 <= s.len());
        // SAFETY: `j + 4 <= n <= s.len()` for every call below, so the four values read are
        // inside `s`; the load has no alignment requirement.
        unsafe { _mm256_loadu_pd(s.as_ptr().add(j)) }
    };
    let hv = _mm256_set1_pd(h);
    let inf = _mm256_set1_pd(f64::INFINITY);
    let (mut m0, mut m1, mut f0, mut f1) = (inf, inf, inf, inf);
    let mut j = 0;
    while j < n {
        // See `prefetch_ahead`: the rows a search reads are far apart in memory.
        _mm_prefetch::<_MM_HINT_T0>(row.as_ptr().wrapping_add(j + PF).cast());
        // The portable loop's lanes 0-3 and 4-7, with its operand order: `min2(a, b)` is
        // `b < a ? b : a`, which is `_mm256_min_pd(b, a)`; `max2(a, b)` is `_mm256_max_pd(b, a)`.
        let c0 = _mm256_sub_pd(_mm256_add_pd(hv, load(row, j)), load(vw, j));
        let c1 = _mm256_sub_pd(_mm256_add_pd(hv, load(row, j + 4)), load(vw, j + 4));
        let y0 = _mm256_min_pd(c0, load(d, j));
        let y1 = _mm256_min_pd(c1, load(d, j + 4));
        // SAFETY: as for the loads, `j + 8 <= n <= d.len()`.
        unsafe {
            _mm256_storeu_pd(d.as_mut_ptr().add(j), y0);
            _mm256_storeu_pd(d.as_mut_ptr().add(j + 4), y1);
        }
        m0 = _mm256_min_pd(y0, m0);
        m1 = _mm256_min_pd(y1, m1);
        f0 = _mm256_min_pd(_mm256_max_pd(load(taken, j), y0), f0);
        f1 = _mm256_min_pd(_mm256_max_pd(load(taken, j + 4), y1), f1);
        j += LANES;
    }
    let mut mn = [0.0; LANES];
    let mut mnf = [0.0; LANES];
    // SAFETY: each array holds 8 values; each store writes 4 at offset 0 or 4.
    unsafe {
        _mm256_storeu_pd(mn.as_mut_ptr(), m0);
        _mm256_storeu_pd(mn.as_mut_ptr().add(4), m1);
        _mm256_storeu_pd(mnf.as_mut_ptr(), f0);
        _mm256_storeu_pd(mnf.as_mut_ptr().add(4), f1);
    }
    (mn, mnf)
}
