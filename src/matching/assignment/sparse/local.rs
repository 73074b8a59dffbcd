//! What the sparse solvers share: one component as a local graph ([`Local`]) and its answer
//! ([`Solved`]).

/// Marks "no row" / "no column".
pub(crate) const NONE: usize = usize::MAX;

/// The most columns a [`Local`] graph may have (its columns are `u32`), and the most rows and
/// columns together of a sparse matrix to solve (a component may be transposed, or given a
/// column per row).
pub(crate) const MAX_LOCAL: usize = u32::MAX as usize;

/// One component in minimisation form, renumbered from 0.
pub(crate) struct Local<C> {
    pub(crate) nr: usize,
    /// At most [`MAX_LOCAL`] columns.
    pub(crate) nc: usize,
    pub(crate) start: Vec<usize>,
    /// Each row's columns, in increasing order, as `u32`: a third less memory for the cells
    /// than `usize` (45 MB of a 200,000 + 200,000 candidate graph, held through the solve and
    /// again by the certificate's critical graph).
    pub(crate) col: Vec<u32>,
    pub(crate) cost: Vec<C>,
}

impl<C: Copy> Local<C> {
    /// The cost of the edge `(i, j)`, which exists (each row's columns are sorted).
    pub(crate) fn cost_of(&self, i: usize, j: usize) -> C {
        let cols = &self.col[self.start[i]..self.start[i + 1]];
        self.cost[self.start[i] + cols.partition_point(|&c| (c as usize) < j)]
    }

    /// Where each column's cells begin in a list of the cells by column (the first step of a
    /// counting sort of the edges by column), and one past the last: `nc + 1` offsets.
    pub(crate) fn column_starts(&self) -> Vec<usize> {
        let mut start = vec![0usize; self.nc + 1];
        for &j in &self.col {
            start[j as usize + 1] += 1;
        }
        for j in 0..self.nc {
            start[j + 1] += start[j];
        }
        start
    }
}

/// What the kernel returns, in minimisation form: the column of each row (`NONE` when
/// unassigned) and potentials with `u_i + v_j <= c_ij` on every edge, equality on every pair.
pub(crate) struct Solved<C> {
    pub(crate) col4row: Vec<usize>,
    pub(crate) u: Vec<C>,
    pub(crate) v: Vec<C>,
}

impl<C: Copy + PartialOrd> Solved<C> {
    /// Whether every unassigned column has potential 0, as the certificate needs.
    pub(super) fn free_columns_at_zero(&self, zero: C) -> bool {
        let mut assigned = vec![false; self.v.len()];
        for &c in &self.col4row {
            if c != NONE {
                assigned[c] = true;
            }
        }
        self.v
            .iter()
            .zip(&assigned)
            .all(|(&v, &taken)| taken || v == zero)
    }
}
