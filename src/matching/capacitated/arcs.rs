//! The pair arcs a capacitated network searches: every cell of a dense matrix, or the present
//! cells of a sparse one.
//!
//! The network keeps one state byte per arc and finds each arc's weight by its id, so it runs
//! unchanged on both: a dense problem without an edge list of `n·m` entries (its arc ids are the
//! cells' row-major positions), and a sparse graph in `O(E)` memory.

use crate::matching::assignment::SparseMatrix;
use std::ops::Range;

/// Juniors' arcs to seniors, numbered row by row: junior `j`'s arcs are the ids
/// [`row`](Self::row)`(j)`, to the seniors [`row_seniors`](Self::row_seniors)`(j)` in
/// increasing order.
pub(crate) trait Arcs {
    /// The number of juniors (rows).
    fn juniors(&self) -> usize;
    /// The number of seniors (columns).
    fn seniors(&self) -> usize;
    /// The ids of junior `j`'s arcs.
    fn row(&self, j: usize) -> Range<usize>;
    /// The seniors of junior `j`'s arcs, in the order of their ids.
    fn row_seniors(&self, j: usize) -> impl Iterator<Item = usize> + '_;
    /// The senior of the `k`-th arc of junior `j`'s row (the arc `row(j).start + k`).
    fn senior_at(&self, j: usize, k: usize) -> usize;
    /// Every arc's weight, by id.
    fn weights(&self) -> &[f64];
    /// The id of the arc from junior `j` to senior `s`, if there is one.
    fn find(&self, j: usize, s: usize) -> Option<usize>;
}

/// Every cell of a row-major `juniors × seniors` matrix.
pub(crate) struct Dense<'a> {
    pub(crate) juniors: usize,
    pub(crate) seniors: usize,
    pub(crate) weights: &'a [f64],
}

impl Arcs for Dense<'_> {
    fn juniors(&self) -> usize {
        self.juniors
    }

    fn seniors(&self) -> usize {
        self.seniors
    }

    fn row(&self, j: usize) -> Range<usize> {
        j * self.seniors..(j + 1) * self.seniors
    }

    fn row_seniors(&self, _: usize) -> impl Iterator<Item = usize> + '_ {
        0..self.seniors
    }

    fn senior_at(&self, _: usize, k: usize) -> usize {
        k
    }

    fn weights(&self) -> &[f64] {
        self.weights
    }

    fn find(&self, j: usize, s: usize) -> Option<usize> {
        (j < self.juniors && s < self.seniors).then(|| j * self.seniors + s)
    }
}

impl Arcs for SparseMatrix<f64> {
    fn juniors(&self) -> usize {
        self.rows()
    }

    fn seniors(&self) -> usize {
        self.cols()
    }

    fn row(&self, j: usize) -> Range<usize> {
        self.row_range(j)
    }

    fn row_seniors(&self, j: usize) -> impl Iterator<Item = usize> + '_ {
        self.row_slices(j).0.iter().map(|&s| s as usize)
    }

    fn senior_at(&self, j: usize, k: usize) -> usize {
        self.row_slices(j).0[k] as usize
    }

    fn weights(&self) -> &[f64] {
        self.values()
    }

    fn find(&self, j: usize, s: usize) -> Option<usize> {
        if j >= self.rows() {
            return None;
        }
        let range = self.row_range(j);
        let (cols, _) = self.row_slices(j);
        let s = u32::try_from(s).ok()?;
        cols.binary_search(&s).ok().map(|k| range.start + k)
    }
}
