//! Splitting the matrix into connected components, and solving one component.

use crate::matching::assignment::options::Cardinality;
use crate::matching::assignment::sparse::kernel::Mode;
use crate::matching::assignment::sparse::kernel::{Kernel, columns_free_in_some_maximum_matching};
use crate::matching::assignment::sparse::local::Local;
use crate::matching::assignment::sparse::local::NONE;
use crate::matching::assignment::sparse::local::Solved;
use crate::matching::assignment::sparse::repair;
use crate::matching::flow::bipartite::{Graph, maximum_matching, maximum_matching_size};
use petgraph::unionfind::UnionFind;

/// The component's edges (`adj`, rows' lists from `start`, in minimisation form) renumbered:
/// `local_col` gives each column's place in the component. Transposed when the component has
/// more rows than columns.
pub(super) fn local_graph<C: Copy>(
    comp: &Component,
    start: &[usize],
    adj: &[(usize, C)],
    local_col: &[usize],
    zero: C,
) -> Local<C> {
    let transposed = comp.rows.len() > comp.cols.len();
    let (lr, lc) = if transposed {
        (comp.cols.len(), comp.rows.len())
    } else {
        (comp.rows.len(), comp.cols.len())
    };
    let mut g = Local {
        nr: lr,
        nc: lc,
        start: vec![0; lr + 1],
        col: Vec::new(),
        cost: Vec::new(),
    };
    if transposed {
        // Counting sort by column; rows are visited in increasing order, so each column's
        // list comes out sorted.
        for &r in &comp.rows {
            for &(c, _) in &adj[start[r]..start[r + 1]] {
                g.start[local_col[c] + 1] += 1;
            }
        }
        for k in 0..lr {
            g.start[k + 1] += g.start[k];
        }
        let mut next = g.start.clone();
        g.col = vec![0; g.start[lr]];
        g.cost = vec![zero; g.start[lr]];
        for (li, &r) in comp.rows.iter().enumerate() {
            for &(c, x) in &adj[start[r]..start[r + 1]] {
                let e = &mut next[local_col[c]];
                g.col[*e] = li;
                g.cost[*e] = x;
                *e += 1;
            }
        }
    } else {
        for (li, &r) in comp.rows.iter().enumerate() {
            // Columns keep their order: the renumbering is increasing within the component.
            for &(c, x) in &adj[start[r]..start[r + 1]] {
                g.col.push(local_col[c]);
                g.cost.push(x);
            }
            g.start[li + 1] = g.col.len();
        }
    }
    g
}

/// Solves one component: from an auction, certified by label correction (see
/// [`repair`](super::repair)); if that runs out of budget (from the warm `start` and then
/// cold, or cold), by the shortest augmenting path kernel ([`kernel_component`]).
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
pub(super) fn solve_component<C>(
    g: &Local<C>,
    cardinality: Cardinality,
    zero: C,
    eps: C,
    phases: &[C],
    start: Option<&[C]>,
    limits: &repair::Limits<C>,
    report: &mut dyn FnMut(usize),
) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    // Most pairs first only: with the best total alone, any row may stay out, and the
    // correction's node for staying out joins every row, so each drop of its label walks
    // them all (on 100,000 × 100,000 random graphs it ran out of budget after 4.3 s, where
    // the kernel takes 3.8 s).
    if cardinality == Cardinality::Any {
        return kernel_component(g, cardinality, zero, eps, report);
    }
    let extra = g.nr
        - maximum_matching_size(&Graph {
            right: g.nc,
            start: &g.start,
            targets: &g.col,
        });
    // A warm start's prices are close already: only the last, finest phase runs from them.
    // When its proof runs out of budget all the same (prices far off where the graph grew:
    // on generated rosters of 100,000 + 100,000, seed 2, the first widening's warm proof
    // gave up after 16 s at a budget of 64 scans and the kernel then took 99 s), the cold
    // auction runs before the kernel is tried.
    let attempts = match start {
        Some(prices) => [
            Some((&phases[phases.len() - 1..], Some(prices))),
            Some((phases, None)),
        ],
        None => [Some((phases, None)), None],
    };
    for (phases, start) in attempts.into_iter().flatten() {
        if let Some(s) = repair::solve(g, extra, zero, phases, start, limits, report) {
            report(g.nr);
            return s;
        }
    }
    kernel_component(g, cardinality, zero, eps, report)
}

/// Solves one component with the shortest augmenting path kernel, from the auction start with
/// bid increment `eps` when the most pairs are asked.
pub(super) fn kernel_component<C>(
    g: &Local<C>,
    cardinality: Cardinality,
    zero: C,
    eps: C,
    report: &mut dyn FnMut(usize),
) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    match cardinality {
        Cardinality::Any => Kernel::new(g, Mode::Any, zero).run(None, report),
        _ => {
            let (k, mate_row, _) = maximum_matching(&Graph {
                right: g.nc,
                start: &g.start,
                targets: &g.col,
            });
            let mode = Mode::Maximum { extra: g.nr - k };
            let free = columns_free_in_some_maximum_matching(g, &mate_row);
            let s = Kernel::new(g, mode, zero).run(Some((eps, &free)), report);
            if s.free_columns_at_zero(zero) {
                return s;
            }
            // Never expected (see `Kernel::auction`), but the certificate needs it: solve
            // again from the plain start, which keeps free columns at 0 by construction.
            Kernel::new(g, mode, zero).run(None, report)
        }
    }
}

/// The rows and columns of one connected component with at least one edge, each in increasing
/// order.
pub(super) struct Component {
    pub(super) rows: Vec<usize>,
    pub(super) cols: Vec<usize>,
}

/// The connected components with at least one edge of the bipartite graph (rows `0..nr`,
/// columns `nr..nr + nc` in the union–find), in order of their smallest row.
pub(super) fn components(
    nr: usize,
    nc: usize,
    start: &[usize],
    targets: impl Iterator<Item = usize>,
) -> Vec<Component> {
    let mut uf = UnionFind::<usize>::new(nr + nc);
    let targets: Vec<usize> = targets.collect();
    for r in 0..nr {
        for &c in &targets[start[r]..start[r + 1]] {
            uf.union(r, nr + c);
        }
    }
    // Number the components by their first row; isolated vertices get none.
    let mut id_of_root = vec![NONE; nr + nc];
    let mut comps: Vec<Component> = Vec::new();
    for r in 0..nr {
        if start[r] == start[r + 1] {
            continue;
        }
        let root = uf.find_mut(r);
        if id_of_root[root] == NONE {
            id_of_root[root] = comps.len();
            comps.push(Component {
                rows: Vec::new(),
                cols: Vec::new(),
            });
        }
        comps[id_of_root[root]].rows.push(r);
    }
    for c in 0..nc {
        let root = uf.find_mut(nr + c);
        // A column with an edge shares its root with a row, which numbered the component.
        if id_of_root[root] != NONE {
            comps[id_of_root[root]].cols.push(c);
        }
    }
    comps
}
