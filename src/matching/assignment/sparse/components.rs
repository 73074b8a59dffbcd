//! Splitting the matrix into connected components, and solving one component.

use crate::matching::assignment::options::Cardinality;
use crate::matching::assignment::sparse::kernel::Mode;
use crate::matching::assignment::sparse::kernel::{Kernel, columns_free_in_some_maximum_matching};
use crate::matching::assignment::sparse::local::NONE;
use crate::matching::assignment::sparse::local::Solved;
use crate::matching::assignment::sparse::local::{Local, by_columns};
use crate::matching::assignment::sparse::repair;
use crate::matching::error::{MatrixError, Result};
use crate::matching::flow::bipartite::{
    Graph, grow_matching, maximum_matching, maximum_matching_size,
};
use crate::matching::memory;
use petgraph::unionfind::UnionFind;

/// The component's edges (row `r`'s columns `col[start[r]..start[r + 1]]` with their `cost`,
/// in minimisation form) renumbered:
/// `local_col` gives each column's place in the component. Transposed when the component has
/// more rows than columns.
pub(super) fn local_graph<C: Copy>(
    comp: &Component,
    (start, col, cost): (&[usize], &[u32], &[C]),
    local_col: &[usize],
    zero: C,
) -> Local<C> {
    // Local numbers are below the component's rows and columns, at most `MAX_LOCAL` (checked
    // by the solver): they fit `u32`.
    let cells = |r: usize| {
        col[start[r]..start[r + 1]]
            .iter()
            .zip(&cost[start[r]..start[r + 1]])
    };
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
            for &c in &col[start[r]..start[r + 1]] {
                g.start[local_col[c as usize] + 1] += 1;
            }
        }
        for k in 0..lr {
            g.start[k + 1] += g.start[k];
        }
        let mut next = g.start.clone();
        g.col = vec![0; g.start[lr]];
        g.cost = vec![zero; g.start[lr]];
        for (li, &r) in comp.rows.iter().enumerate() {
            for (&c, &x) in cells(r) {
                let e = &mut next[local_col[c as usize]];
                g.col[*e] = li as u32;
                g.cost[*e] = x;
                *e += 1;
            }
        }
    } else {
        let edges = comp.rows.iter().map(|&r| start[r + 1] - start[r]).sum();
        g.col.reserve_exact(edges);
        g.cost.reserve_exact(edges);
        for (li, &r) in comp.rows.iter().enumerate() {
            // Columns keep their order: the renumbering is increasing within the component.
            for (&c, &x) in cells(r) {
                g.col.push(local_col[c as usize] as u32);
                g.cost.push(x);
            }
            g.start[li + 1] = g.col.len();
        }
    }
    g
}

/// A warm start for one component, renumbered as the component is solved: an earlier
/// solution of a graph this one extends.
pub(super) struct WarmStart<C> {
    /// The columns' potentials (minimisation form), or `None` when only a matching is known
    /// (it then only seeds the maximum matching's size).
    pub(super) prices: Option<Vec<C>>,
    /// Each row's column in the earlier solution, where that pair is still an edge (`NONE`
    /// otherwise).
    pub(super) pairs: Vec<usize>,
}

/// The budget of the correction from a warm start's pairs and prices, in arc scans per edge
/// and node: past it the cold auction solves the component, which on candidate graphs costs
/// about as much as 20 scans per edge and node and leaves 5 to correct. The every-pair
/// guarantee's re-solves (20,000 + 20,000, seeds 2, 3 and 5) needed 2–142 from the warm start
/// where it finished, and ran through the whole budget of [`repair::SCANS_PER_SIZE`] (256,
/// 4.1–4.5 s) after the first two pricing rounds of seed 5, each adding 200,000–260,000
/// edges; the auction from the warm prices that came next took 0.8–2.0 s where the cold one
/// takes 0.3 s. With this budget and the cold auction next, solving took 5.3–5.5 s on seed 5
/// against 13.9–14.3 s, and with the best total alone 6.7–7.6 s against 15.3–16.6 s
/// (BENCHMARKS.md).
const KEPT_SCANS_PER_SIZE: usize = 32;

/// Solves one component: from an auction, certified by label correction (see
/// [`repair`](super::repair)); a warm start's pairs and prices are tried first, within
/// [`KEPT_SCANS_PER_SIZE`]; if the cold auction's correction runs out of budget too, the
/// shortest augmenting path kernel ([`kernel_component`]) solves it.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
pub(super) fn solve_component<C>(
    g: &Local<C>,
    cardinality: Cardinality,
    zero: C,
    eps: C,
    phases: &[C],
    warm: Option<&WarmStart<C>>,
    limits: &repair::Limits<C>,
    report: &mut dyn FnMut(usize),
) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    if cardinality == Cardinality::Any {
        return best_total_alone(g, zero, eps, phases, warm, limits, report);
    }
    let extra = g.nr - maximum_matching_size_from(g, warm.map(|w| &w.pairs[..]));
    // A warm start (an optimum of a graph this one extends) keeps its pairs and prices: only
    // the new edges leave anything to correct, within a budget of its own (see
    // `KEPT_SCANS_PER_SIZE`). Past it, the cold auction, then the kernel.
    if let Some(s) = warm.and_then(|w| from_warm_start(g, extra, zero, w, limits, report)) {
        report(g.nr);
        return s;
    }
    let start = repair::Start::Auction { phases };
    if let Some(s) = repair::solve(g, extra, zero, start, limits, report) {
        report(g.nr);
        return s;
    }
    kernel_component(g, cardinality, zero, eps, report)
}

/// The correction from the most pairs' optimum (see [`best_total_alone`]) gets this share of
/// the budget. On generated rosters' candidate graphs it needed 4–25 arc scans per edge and
/// node (100,000 + 100,000, seeds 1 to 3) and 35 (200,000 + 200,000, seed 1); on random
/// graphs whose weights take both signs (100,000 × 100,000, 20 edges a row, uniform in
/// [−0.5, 0.5)), where the two optima differ in many more pairs, it ran through the whole
/// budget (256) before the doubled graph's own auction solved them. A quarter keeps the first
/// and bounds the waste in the second: on three such graphs the best total took 19.0 / 19.9 /
/// 23.3 s (min / median / max) rather than 51.8 / 52.3 / 52.5 s (BENCHMARKS.md). When the
/// correction gives up on a candidate graph all the same, the doubled graph's auction follows,
/// which on the one roster profiled (seed 1) was no slower than the correction at 100,000 a
/// side and faster at 200,000.
const FROM_MOST_PAIRS_SHARE: usize = 4;

/// The best total alone on `g` (see [`solve_component`]).
///
/// Asked directly, the correction's node for staying out would join every row, so each drop
/// of its label walks them all (on 100,000 × 100,000 random graphs it ran out of budget after
/// 4.3 s, where the kernel takes 3.8 s). So the correction solves the doubled graph instead,
/// where staying out is an edge of its own (see [`doubled`]), starting from the most pairs'
/// optimum (see [`doubled_start`]): on generated rosters the two optima differ in a few
/// pairs, so little is left to correct (20,000 + 20,000, seeds 1 to 3: 0.40–0.66 s of
/// solving, against 0.63–9.85 s from the doubled graph's own auction; BENCHMARKS.md). The
/// doubled graph's auction and then the kernel are the fallbacks.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn best_total_alone<C>(
    g: &Local<C>,
    zero: C,
    eps: C,
    phases: &[C],
    warm: Option<&WarmStart<C>>,
    limits: &repair::Limits<C>,
    report: &mut dyn FnMut(usize),
) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    // Without room for the doubled graph, the kernel (the last fallback below) solves `g`
    // itself.
    let Ok(d) = doubled(g, zero) else {
        return kernel_component(g, Cardinality::Any, zero, eps, report);
    };
    let size = d.nr.max(1);
    let mut scaled = |done: usize| report(done * g.nr / size);
    if let Some(most) = most_pairs_by_correction(g, zero, phases, warm, limits) {
        let (col4row, prices) = doubled_start(g, &most, zero);
        let start = repair::Start::Kept {
            col4row,
            prices: &prices,
        };
        let near = repair::Limits {
            slack: limits.slack,
            tolerance: limits.tolerance,
            scans_per_size: limits.scans_per_size / FROM_MOST_PAIRS_SHARE,
        };
        if let Some(s) = repair::solve(&d, 0, zero, start, &near, &mut scaled) {
            report(g.nr);
            return undoubled(g, s, zero);
        }
    }
    let start = repair::Start::Auction { phases };
    if let Some(s) = repair::solve(&d, 0, zero, start, limits, &mut scaled) {
        report(g.nr);
        return undoubled(g, s, zero);
    }
    kernel_component(g, Cardinality::Any, zero, eps, report)
}

/// The most pairs' optimum of `g` (`extra` rows left out) corrected from the warm start's
/// pairs and prices within [`KEPT_SCANS_PER_SIZE`]; `None` without prices or past that budget.
fn from_warm_start<C>(
    g: &Local<C>,
    extra: usize,
    zero: C,
    warm: &WarmStart<C>,
    limits: &repair::Limits<C>,
    report: &mut dyn FnMut(usize),
) -> Option<Solved<C>>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let start = repair::Start::Kept {
        col4row: warm.pairs.clone(),
        prices: warm.prices.as_ref()?,
    };
    let kept = repair::Limits {
        slack: limits.slack,
        tolerance: limits.tolerance,
        scans_per_size: KEPT_SCANS_PER_SIZE,
    };
    repair::solve(g, extra, zero, start, &kept, report)
}

/// The most pairs' optimum of `g` by the correction alone, from the warm start's pairs if
/// given (see [`from_warm_start`]), else (or if that runs out of budget) from the cold
/// auction; `None` if both do.
fn most_pairs_by_correction<C>(
    g: &Local<C>,
    zero: C,
    phases: &[C],
    warm: Option<&WarmStart<C>>,
    limits: &repair::Limits<C>,
) -> Option<Solved<C>>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let extra = g.nr - maximum_matching_size_from(g, warm.map(|w| &w.pairs[..]));
    let kept = warm.and_then(|w| from_warm_start(g, extra, zero, w, limits, &mut |_| {}));
    kept.or_else(|| {
        let start = repair::Start::Auction { phases };
        repair::solve(g, extra, zero, start, limits, &mut |_| {})
    })
}

/// The size of a maximum matching of `g`, grown by Hopcroft–Karp from `seed` (each row's
/// column, `NONE` for none) if given, else from nothing. A pair of the seed that is no edge of
/// `g`, or that takes a column an earlier row took, is dropped, so any seed gives the right
/// size; a maximum matching as the seed saves the growth from nothing (on candidate graphs,
/// the one the widening rounds found; see BENCHMARKS.md).
pub(super) fn maximum_matching_size_from<C>(g: &Local<C>, seed: Option<&[usize]>) -> usize {
    let graph = Graph {
        right: g.nc,
        start: &g.start,
        targets: &g.col,
    };
    let mut mate_left = vec![NONE; g.nr];
    let mut mate_right = vec![NONE; g.nc];
    for (i, &j) in seed.unwrap_or_default().iter().enumerate().take(g.nr) {
        // Asked only for `j < nc`, which fits `u32`.
        let is_edge = || {
            g.col[g.start[i]..g.start[i + 1]]
                .binary_search(&(j as u32))
                .is_ok()
        };
        if j < g.nc && mate_right[j] == NONE && is_edge() {
            mate_left[i] = j;
            mate_right[j] = i;
        }
    }
    grow_matching(&graph, &mut mate_left, &mut mate_right)
}

/// The best total alone on `g` as a perfect matching: rows are `g`'s rows and then one slot
/// per column; columns are `g`'s columns and then one slot per row. Row `i` keeps its edges and
/// gets `(i, nc + i)` at cost 0 (staying out); the slot of column `j` gets `(nr + j, j)` at
/// cost 0 (column `j` staying out) and `(nr + j, nc + i)` at cost 0 for every edge `(i, j)`,
/// so the slots of a pair can always pair up. Perfect matchings are exactly the assignments of
/// `g` (with their slots paired some way), at the same cost; the square always has one (all
/// out). `2E + nr + nc` edges; `nr + nc` is at most `MAX_LOCAL` (checked by the solver), so
/// its columns fit `u32`. [`MatrixError::TooLarge`] when its tables cannot be allocated (each
/// is reserved before it is filled).
fn doubled<C: Copy>(g: &Local<C>, zero: C) -> Result<Local<C>> {
    let (nr, nc) = (g.nr, g.nc);
    // Each column's rows, increasing.
    let names = (
        "a doubled graph's columns (columns x 1)",
        "a doubled graph's cells by column (cells x 1)",
    );
    let by_column = by_columns(nc, (&g.start, &g.col), |_| (), names)?;
    let edges = 2 * g.col.len() + nr + nc;
    let too_large = || MatrixError::TooLarge {
        what: "a doubled graph (edges x 1)",
        rows: edges,
        cols: 1,
    };
    let mut d = Local {
        nr: nr + nc,
        nc: nc + nr,
        start: memory::reserved(nr + nc + 1, too_large)?,
        col: memory::reserved(edges, too_large)?,
        cost: memory::reserved(edges, too_large)?,
    };
    d.start.push(0);
    for i in 0..nr {
        d.col.extend_from_slice(&g.col[g.start[i]..g.start[i + 1]]);
        d.cost
            .extend_from_slice(&g.cost[g.start[i]..g.start[i + 1]]);
        d.col.push((nc + i) as u32);
        d.cost.push(zero);
        d.start.push(d.col.len());
    }
    for j in 0..nc {
        d.col.push(j as u32);
        d.cost.push(zero);
        for &i in by_column.cells(j).1 {
            d.col.push(nc as u32 + i);
            d.cost.push(zero);
        }
        d.start.push(d.col.len());
    }
    Ok(d)
}

/// The most pairs' optimum `most` of `g` as a perfect matching of the doubled graph (see
/// [`doubled`]) and prices of its columns: each pair keeps its edge and its slots pair up; a
/// row or column left out takes its stay-out edge. Column `j` keeps its potential and row
/// `i`'s slot gets `-u_i`, so every edge of `g` and every stay-out edge holds; only the edges
/// between slots, where the best total alone differs from the most pairs, may not.
fn doubled_start<C>(g: &Local<C>, most: &Solved<C>, zero: C) -> (Vec<usize>, Vec<C>)
where
    C: Copy + std::ops::Sub<Output = C>,
{
    let (nr, nc) = (g.nr, g.nc);
    let mut col4row = vec![NONE; nr + nc];
    for j in 0..nc {
        col4row[nr + j] = j;
    }
    for (i, &j) in most.col4row.iter().enumerate() {
        if j == NONE {
            col4row[i] = nc + i;
        } else {
            col4row[i] = j;
            col4row[nr + j] = nc + i;
        }
    }
    let mut prices = most.v.clone();
    prices.extend(most.u.iter().map(|&u| zero - u));
    (col4row, prices)
}

/// `g`'s answer from the doubled graph's (see [`doubled`]): a row on its stay-out edge is
/// unassigned. Potentials: `u_i + v` of row `i`'s slot, and `v_j + u` of column `j`'s slot.
/// They satisfy `g`'s conditions for the best total alone: each is at most 0 (the stay-out
/// edges), `u_i + v_j <= c_ij` (the edge and its slots' edge), unassigned ones are 0 (their
/// stay-out edge is tight), and their sum is the doubled optimum, which is `g`'s: so they are
/// optimal, and every pair is tight.
fn undoubled<C>(g: &Local<C>, s: Solved<C>, zero: C) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C>,
{
    let (nr, nc) = (g.nr, g.nc);
    let col4row: Vec<usize> = s.col4row[..nr]
        .iter()
        .map(|&j| if j < nc { j } else { NONE })
        .collect();
    let mut taken = vec![false; nc];
    for &j in col4row.iter().filter(|&&j| j != NONE) {
        taken[j] = true;
    }
    // Out exactly at 0, and never above it: the tolerance of a float answer may leave a
    // stay-out edge a rounding error off tight; the certificate's exact check comes after.
    let at_most_zero = |x: C| if x > zero { zero } else { x };
    let u = (0..nr)
        .map(|i| match col4row[i] {
            NONE => zero,
            _ => at_most_zero(s.u[i] + s.v[nc + i]),
        })
        .collect();
    let v = (0..nc)
        .map(|j| match taken[j] {
            false => zero,
            true => at_most_zero(s.v[j] + s.u[nr + j]),
        })
        .collect();
    Solved { col4row, u, v }
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
pub(super) fn components(nr: usize, nc: usize, start: &[usize], targets: &[u32]) -> Vec<Component> {
    let mut uf = UnionFind::<usize>::new(nr + nc);
    for r in 0..nr {
        for &c in &targets[start[r]..start[r + 1]] {
            uf.union(r, nr + c as usize);
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

/// The optimum of a square graph with a perfect matching, by the kernel from its plain start
/// (column reduction and row reduction on the lists), or `None` when the graph has no perfect
/// matching. The dense engine solves each row's few cheapest cells this way (`cheapest`).
pub(crate) fn perfect_optimum<C>(g: &Local<C>, zero: C) -> Option<Solved<C>>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let graph = Graph {
        right: g.nc,
        start: &g.start,
        targets: &g.col,
    };
    if g.nr != g.nc || maximum_matching_size(&graph) < g.nr {
        return None;
    }
    Some(Kernel::new(g, Mode::Maximum { extra: 0 }, zero).run(None, &mut |_| {}))
}
