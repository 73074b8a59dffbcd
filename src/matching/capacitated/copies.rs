//! Capacities as copies: where every junior takes at most one partner, a senior of capacity
//! `c` is `c` interchangeable columns, and the most pairs of best total under capacities are
//! the most pairs of best total of the one-to-one problem on the copies, which the sparse
//! assignment engine solves (an auction proved optimal, with an exact certificate). Where
//! every senior takes at most one partner, the same with the sides swapped: the juniors'
//! places are the columns.
//!
//! Successive shortest paths form one pair a search once the pairs stop tying: at 20,000
//! juniors and 5,000 seniors of capacity 4 (generated rosters, where every place is wanted),
//! the last thousand or two pairs took one search each over most of the network, and a solve
//! of the widened graph took 5–14 s (up to 81 s for the matcher's six solves on one seed).
//! The engine's auction finds those pairs by local bids, as it does one to one.
//!
//! The copy problem has no spreading level. Under [`Spreading::FirstPartnersFirst`] its
//! answer is used only when it also covers the most people there are to cover: everyone on
//! the side of one partner it pairs is covered (it pairs the most), and it covers as many on
//! the side of several places as a maximum one-to-one matching of juniors and seniors has
//! pairs (no set of pairs covers more). Then no set covers more people, none of those has more
//! pairs, and none of those has a better total, since the copy problem's answer is best among
//! all sets with the most pairs. Otherwise spreading decides and the network solves the
//! problem.

use super::{Cardinality, Options, Solution, Spreading};
use crate::matching::assignment::{
    Exact, Options as AssignmentOptions, Sense, SparseMatrix, compare_exact,
    solve_sparse_with_progress,
};
use crate::matching::flow::bipartite::{Graph, maximum_matching_size};
use std::cmp::Ordering;

/// Whether [`solve`] can find the optimum under `cardinality` on copies for people of these
/// capacities (juniors', seniors'): with the most pairs first, where nobody on one side
/// takes more than one partner.
pub(crate) fn copies_apply(
    junior_capacities: impl IntoIterator<Item = u32>,
    senior_capacities: impl IntoIterator<Item = u32>,
    cardinality: Cardinality,
) -> bool {
    cardinality == Cardinality::Maximum
        && (one_each(junior_capacities) || one_each(senior_capacities))
}

/// Whether nobody takes more than one partner.
fn one_each(capacities: impl IntoIterator<Item = u32>) -> bool {
    capacities.into_iter().all(|c| c <= 1)
}

/// The copy problem may hold at most this many times the cells of the problem: beyond that,
/// the copies (one cell per place of each person met) cost more memory than the network
/// saves. Generated rosters with seniors of capacity 4 need 4.
const MOST_COPIES_PER_CELL: usize = 16;

/// The optimum of the many-to-many problem on the present cells of `weights` (see
/// [`solve_sparse`](super::solve_sparse)), found on copies by the assignment engine on up
/// to `threads` threads; `None` when copies do not apply (people of several places on both
/// sides, the best total alone, too many copies), when the engine cannot certify its answer,
/// or when spreading would choose differently (see the [module docs](self)). With it, the
/// engine's potentials by person where the juniors are the rows (every junior of one
/// partner), for the every-pair guarantee's prices; `None` with the sides swapped, or where
/// the engine's certificate could not keep them exact (see [`CopyPotentials`]).
///
/// The engine starts cold each time. Started from the copies' optimum of the graph before
/// the widening round (its pairs and potentials, with each senior's places counted from the
/// juniors with room so that the columns stay the same), the matcher's run at 20,000 juniors
/// and 5,000 seniors of capacity 4, seed 19, took 38–39 s against 7–8 s (two runs each).
pub(super) fn solve(
    weights: &SparseMatrix<f64>,
    junior_capacities: &[u32],
    senior_capacities: &[u32],
    options: Options,
    threads: usize,
) -> Option<(Solution, Option<CopyPotentials>)> {
    let (juniors, seniors) = (junior_capacities, senior_capacities);
    if !copies_apply(
        juniors.iter().copied(),
        seniors.iter().copied(),
        options.cardinality(),
    ) {
        return None;
    }
    let (pairs, potentials) = if one_each(juniors.iter().copied()) {
        let solved = copies_of_columns(weights, juniors, seniors, threads)?;
        (solved.pairs, solved.potentials)
    } else {
        // Seniors as rows, the juniors' places as columns.
        let by_senior = transposed(weights)?;
        let solved = copies_of_columns(&by_senior, seniors, juniors, threads)?;
        let pairs = solved
            .pairs
            .into_iter()
            .map(|(s, j, w)| (j, s, w))
            .collect();
        (pairs, None)
    };
    let solution = Solution::of_pairs(pairs, (juniors, seniors), options);
    if options.spreading() == Spreading::FirstPartnersFirst
        && !covers_the_most(weights, &solution, juniors, seniors)
    {
        return None;
    }
    Some((solution, potentials))
}

/// The engine's potentials of a copy problem whose rows are the juniors (each of one
/// partner) and whose columns are the seniors' places, in the maximising sense: on every cell
/// of the problem, `junior[j] + v >= w` for each place of the cell's senior in the copies,
/// with equality on each pair. They are the engine's as it certified them, one component at
/// a time: the empty places' potentials are not 0 in general, and the every-pair guarantee
/// normalises them before it prices the pairs outside the graph with them.
///
/// Each potential is exact: the engine's `f64` potential and what rounding took off it (its
/// rest), so that these conditions hold exactly, not only up to an ulp (see the
/// [certificate](crate::assignment#certificate)). Where the certificate could not keep a rest
/// in one float there are no `CopyPotentials`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CopyPotentials {
    /// Each junior's potential.
    pub(crate) junior: Vec<Exact>,
    /// Each senior's places.
    pub(crate) senior: Vec<Places>,
}

/// A senior's places in a copy problem, by their potentials.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Places {
    /// The least potential of a taken place (`None`: no place is taken).
    pub(crate) taken: Option<Exact>,
    /// The least and the greatest potential of an empty place (`None`: every place in the
    /// graph is taken).
    pub(crate) empty: Option<(Exact, Exact)>,
    /// Whether some of the senior's places are not in the copy problem (more places than
    /// juniors who meet the senior): the engine did not price them.
    pub(crate) missing: bool,
}

impl Places {
    /// Whether some of the places are missing from the copies while others are in them:
    /// the missing ones' potential would be 0, which the engine never checked against the
    /// senior's cells. (A senior with no cell has no place in the copies, and no cell to
    /// check.)
    pub(crate) fn unpriced(&self) -> bool {
        self.missing && (self.taken.is_some() || self.empty.is_some())
    }
}

/// A copy problem solved: its pairs (row, column of the problem, weight) and potentials
/// (`None` where the certificate could not keep them exact).
struct Solved {
    pairs: Vec<(usize, usize, f64)>,
    potentials: Option<CopyPotentials>,
}

/// The most pairs of best total (row, column, weight) of `weights` for rows of capacity at
/// most 1 (`row_capacities`) and columns of `column_capacities`, solved by the engine on the
/// columns' copies, with the potentials by row and column; `None` when the copies would be
/// too many or the engine cannot certify its answer.
fn copies_of_columns(
    weights: &SparseMatrix<f64>,
    row_capacities: &[u32],
    column_capacities: &[u32],
    threads: usize,
) -> Option<Solved> {
    let copies = Copies::new(weights, row_capacities, column_capacities)?;
    let engine = AssignmentOptions::new(Sense::Maximize).with_cardinality(Cardinality::Maximum);
    let one_to_one =
        solve_sparse_with_progress(&copies.matrix, engine, None, None, threads, &mut |_, _| {})
            .ok()?;
    let pairs = one_to_one
        .pairs()
        .iter()
        .filter_map(|&(r, c)| {
            let owner = copies.owner[c] as usize;
            Some((r, owner, weights.get(r, owner)?))
        })
        .collect();
    let mut senior = vec![
        Places {
            taken: None,
            empty: None,
            missing: false,
        };
        weights.cols()
    ];
    let mut taken = vec![false; copies.owner.len()];
    for &(_, c) in one_to_one.pairs() {
        taken[c] = true;
    }
    let exact = |v: f64, rest: f64| [v, rest];
    let least = |a: Exact, b: Exact| match compare_exact(b, a) {
        Ordering::Less => b,
        _ => a,
    };
    let greatest = |a: Exact, b: Exact| match compare_exact(b, a) {
        Ordering::Greater => b,
        _ => a,
    };
    for (c, &owner) in copies.owner.iter().enumerate() {
        let places = &mut senior[owner as usize];
        let v = exact(one_to_one.col_potentials()[c], one_to_one.col_rest(c));
        if taken[c] {
            places.taken = Some(places.taken.map_or(v, |x| least(x, v)));
        } else {
            places.empty = Some(
                places
                    .empty
                    .map_or((v, v), |(lo, hi)| (least(lo, v), greatest(hi, v))),
            );
        }
    }
    for (places, (&count, &capacity)) in senior
        .iter_mut()
        .zip(copies.places.iter().zip(column_capacities))
    {
        places.missing = count < capacity as usize;
    }
    let potentials = one_to_one.rests_kept().then(|| CopyPotentials {
        junior: (0..one_to_one.row_potentials().len())
            .map(|r| exact(one_to_one.row_potentials()[r], one_to_one.row_rest(r)))
            .collect(),
        senior,
    });
    Some(Solved { pairs, potentials })
}

/// `weights` with rows and columns swapped; `None` when it has more rows than a sparse
/// matrix may have columns.
fn transposed(weights: &SparseMatrix<f64>) -> Option<SparseMatrix<f64>> {
    if weights.rows() > SparseMatrix::<f64>::MAX_COLS {
        return None;
    }
    let mut start = vec![0usize; weights.cols() + 1];
    for r in 0..weights.rows() {
        for (c, _) in weights.row(r) {
            start[c + 1] += 1;
        }
    }
    for c in 0..weights.cols() {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut col = vec![0u32; weights.nnz()];
    let mut val = vec![0.0; weights.nnz()];
    // Rows in increasing order: each new row's columns come out sorted.
    for r in 0..weights.rows() {
        for (c, w) in weights.row(r) {
            col[fill[c]] = r as u32; // at most `MAX_COLS` rows, checked above
            val[fill[c]] = w;
            fill[c] += 1;
        }
    }
    Some(SparseMatrix::from_csr(
        weights.cols(),
        weights.rows(),
        start,
        col,
        val,
    ))
}

/// The one-to-one problem: a row per row of the problem (of capacity 1; a row of capacity 0
/// has no cells), a column per place of each column, and each cell of the problem repeated
/// on every place of its column.
struct Copies {
    matrix: SparseMatrix<f64>,
    /// The problem's column of each copy.
    owner: Vec<u32>,
    /// How many places each column of the problem has in the copies.
    places: Vec<usize>,
}

impl Copies {
    /// The copies of `weights` under the capacities; `None` when they would hold more than
    /// [`MOST_COPIES_PER_CELL`] times its cells. A column gets no more places than rows who
    /// may meet it, so a capacity far above what anyone can use costs nothing.
    fn new(
        weights: &SparseMatrix<f64>,
        row_capacities: &[u32],
        column_capacities: &[u32],
    ) -> Option<Copies> {
        let open = |r: usize, w: f64| row_capacities[r] > 0 && w != f64::NEG_INFINITY;
        let mut places = vec![0usize; weights.cols()];
        for r in 0..weights.rows() {
            for (c, w) in weights.row(r) {
                if open(r, w) {
                    places[c] += 1;
                }
            }
        }
        for (p, &capacity) in places.iter_mut().zip(column_capacities) {
            *p = (*p).min(capacity as usize);
        }
        let mut first = Vec::with_capacity(places.len());
        let mut columns = 0usize;
        for &p in &places {
            first.push(columns);
            columns += p;
        }
        let cells: usize = (0..weights.rows())
            .flat_map(|r| weights.row(r).filter(move |&(_, w)| open(r, w)))
            .map(|(c, _)| places[c])
            .sum();
        if cells > MOST_COPIES_PER_CELL.saturating_mul(weights.nnz())
            || columns > u32::MAX as usize
            || weights.cols() > u32::MAX as usize
        {
            return None;
        }
        let mut owner = Vec::with_capacity(columns);
        for (c, &p) in places.iter().enumerate() {
            owner.extend(std::iter::repeat_n(c as u32, p));
        }
        let mut start = Vec::with_capacity(weights.rows() + 1);
        let mut col = Vec::with_capacity(cells);
        let mut val = Vec::with_capacity(cells);
        start.push(0);
        for r in 0..weights.rows() {
            // The row's columns are in increasing order, and so are their places.
            for (c, w) in weights.row(r) {
                if open(r, w) {
                    // At most `u32::MAX` columns, checked above.
                    col.extend((first[c]..first[c] + places[c]).map(|k| k as u32));
                    val.extend(std::iter::repeat_n(w, places[c]));
                }
            }
            start.push(col.len());
        }
        let matrix = SparseMatrix::from_csr(weights.rows(), columns, start, col, val);
        Some(Copies {
            matrix,
            owner,
            places,
        })
    }
}

/// Whether `solution`, one of the most pairs where nobody on one side takes more than one
/// partner (see [`copies_apply`]), also covers the most people there are to cover, so that
/// it is the spreading objective's optimum if it is the best total among the most pairs: it
/// covers someone of one partner for each pair, the most there can be, and as many people of
/// several places as a maximum one-to-one matching of the juniors and seniors with room has
/// pairs, the most any set of pairs can cover (each of them needs a partner of their own).
/// Quick when it covers everyone on that side who has a cell.
pub(crate) fn covers_the_most(
    weights: &SparseMatrix<f64>,
    solution: &Solution,
    junior_capacities: &[u32],
    senior_capacities: &[u32],
) -> bool {
    let open = |j: usize, s: usize, w: f64| {
        junior_capacities[j] > 0 && senior_capacities[s] > 0 && w != f64::NEG_INFINITY
    };
    let mut start = Vec::with_capacity(weights.rows() + 1);
    let mut targets = Vec::new();
    start.push(0);
    for j in 0..weights.rows() {
        targets.extend(
            weights
                .row(j)
                .filter(|&(s, w)| open(j, s, w))
                .map(|(s, _)| s),
        );
        start.push(targets.len());
    }
    // The side of several places (the seniors where every junior takes one partner) and who
    // on it has a cell.
    let (counts, coverable) = if one_each(junior_capacities.iter().copied()) {
        let mut coverable = vec![false; weights.cols()];
        for &s in &targets {
            coverable[s] = true;
        }
        (solution.senior_partner_counts(), coverable)
    } else {
        let coverable = (0..weights.rows())
            .map(|j| start[j] < start[j + 1])
            .collect();
        (solution.junior_partner_counts(), coverable)
    };
    let covered = counts.iter().filter(|&&c| c > 0).count();
    if covered == coverable.iter().filter(|&&c| c).count() {
        return true;
    }
    let graph = Graph {
        right: weights.cols(),
        start: &start,
        targets: &targets,
    };
    covered == maximum_matching_size(&graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::capacitated::{Labels, Problem, solve as solve_network, solve_sparse};
    use proptest::prelude::*;

    /// A problem of `juniors × seniors` from cells `(junior, senior, weight)` (the last of a
    /// repeated cell wins), as a sparse matrix and as the dense network's problem.
    fn both(
        juniors: usize,
        seniors: usize,
        cells: &[(usize, usize, f64)],
    ) -> (SparseMatrix<f64>, Vec<f64>) {
        let mut dense = vec![f64::NEG_INFINITY; juniors * seniors];
        for &(j, s, w) in cells {
            dense[(j % juniors) * seniors + s % seniors] = w;
        }
        let triplets = (0..juniors * seniors)
            .filter(|&k| dense[k] != f64::NEG_INFINITY)
            .map(|k| (k / seniors, k % seniors, dense[k]))
            .collect();
        let sparse = SparseMatrix::from_triplets(juniors, seniors, triplets).unwrap();
        (sparse, dense)
    }

    fn network(
        juniors: usize,
        seniors: usize,
        dense: Vec<f64>,
        junior_capacities: &[u32],
        senior_capacities: &[u32],
        options: Options,
    ) -> Solution {
        let problem = Problem::new(juniors, seniors, dense)
            .unwrap()
            .with_junior_capacities(junior_capacities.to_vec())
            .unwrap()
            .with_senior_capacities(senior_capacities.to_vec())
            .unwrap();
        solve_network(&problem, options).unwrap()
    }

    /// Ana (senior 0, two places) is both juniors' best; Ben (one place) only junior 1's
    /// second best. Without spreading Ana takes both; the copies' answer then covers one
    /// senior where two can be covered, so under spreading the network decides.
    #[test]
    fn spreading_that_binds_is_left_to_the_network() {
        let (sparse, _) = both(2, 2, &[(0, 0, 0.9), (1, 0, 0.8), (1, 1, 0.3)]);
        let (juniors, seniors) = ([1, 1], [2, 1]);
        let free = Options::new().with_spreading(Spreading::Free);
        let (s, _) = solve(&sparse, &juniors, &seniors, free, 1).unwrap();
        assert_eq!(s.pairs(), &[(0, 0), (1, 0)]);
        assert!(!covers_the_most(&sparse, &s, &juniors, &seniors));
        assert!(solve(&sparse, &juniors, &seniors, Options::new(), 1).is_none());
        let s = solve_sparse(
            &sparse,
            &juniors,
            &seniors,
            Options::new(),
            Labels::Without,
            None,
            1,
        );
        assert_eq!(s.solution.pairs(), &[(0, 0), (1, 1)]);
    }

    /// People of several places on both sides, or the best total alone, are not for copies.
    #[test]
    fn copies_apply_where_one_side_takes_one_partner_and_to_the_most_pairs() {
        assert!(copies_apply([1, 0, 1], [4, 2], Cardinality::Maximum));
        assert!(copies_apply([3, 2], [1, 0], Cardinality::Maximum));
        assert!(!copies_apply([1, 2], [2], Cardinality::Maximum));
        assert!(!copies_apply([1, 1], [2], Cardinality::Any));
        let (sparse, _) = both(2, 1, &[(0, 0, 1.0), (1, 0, 1.0)]);
        let any = Options::new().with_cardinality(Cardinality::Any);
        assert!(solve(&sparse, &[1, 1], &[2], any, 1).is_none());
        assert!(solve(&sparse, &[2, 1], &[2], Options::new(), 1).is_none());
    }

    /// A senior's places are capped by the juniors who may meet them, so a huge capacity
    /// costs no more columns than that.
    #[test]
    fn a_huge_capacity_gets_as_many_places_as_juniors_to_meet() {
        let (sparse, _) = both(3, 2, &[(0, 0, 1.0), (1, 0, 0.5), (2, 1, 0.25)]);
        let copies = Copies::new(&sparse, &[1, 0, 1], &[u32::MAX, 3]).unwrap();
        // Senior 0: one junior with room (junior 1 has none); senior 1: one.
        assert_eq!(copies.owner, vec![0, 1]);
        assert_eq!(copies.matrix.nnz(), 2);
    }

    /// The copies' potentials with their rests hold exactly on every cell: each junior's and
    /// each of the cell's senior's places' sum is at least the weight. Rounded alone they
    /// miss on some problems (weights that tie in decimal but not in binary).
    #[test]
    fn the_copy_potentials_hold_exactly_on_every_cell() {
        use crate::matching::assignment::exact_sign;
        let mut rng = crate::support::seeded::Seeded::new(1);
        let (mut checked, mut missed) = (0, 0);
        for _ in 0..3000 {
            let (juniors, seniors) = (2 + rng.below(6), 1 + rng.below(3));
            let cells: Vec<(usize, usize, f64)> = (0..juniors * seniors)
                .filter_map(|k| {
                    let w = match rng.below(6) {
                        0 => 0.1,
                        1 => 0.2,
                        2 => 0.3,
                        3 => 0.7,
                        4 => return None,
                        _ => (1 + rng.below(1000)) as f64 / 7.0,
                    };
                    Some((k / seniors, k % seniors, w))
                })
                .collect();
            let (sparse, _) = both(juniors, seniors, &cells);
            let caps: Vec<u32> = (0..seniors).map(|_| 1 + rng.below(3) as u32).collect();
            let free = Options::new().with_spreading(Spreading::Free);
            let Some((_, Some(p))) = solve(&sparse, &vec![1; juniors], &caps, free, 1) else {
                continue;
            };
            // A cell holds against the senior's lowest place, taken or empty.
            let lowest = |s: usize, rests: bool| {
                let places = &p.senior[s];
                let lows = [places.taken, places.empty.map(|(lo, _)| lo)];
                let least = lows.into_iter().flatten().reduce(|a, b| {
                    if compare_exact(b, a) == Ordering::Less {
                        b
                    } else {
                        a
                    }
                });
                least.map(|[a, b]| [a, if rests { b } else { 0.0 }])
            };
            let holds = |rests: bool| {
                cells.iter().all(|&(j, s, w)| {
                    let [u0, u1] = p.junior[j];
                    lowest(s, rests).is_none_or(|[v0, v1]| {
                        let u1 = if rests { u1 } else { 0.0 };
                        exact_sign([u0, u1, v0, v1, -w]) != Ordering::Less
                    })
                })
            };
            checked += 1;
            assert!(holds(true), "{cells:?} with capacities {caps:?}");
            if !holds(false) {
                missed += 1;
            }
        }
        assert!(checked > 1000, "copies gave potentials {checked} times");
        assert!(missed > 0, "the rounded potentials held on every problem");
    }

    /// Weights so far apart that the certificate cannot keep a potential's rest in one float:
    /// the copies still solve the problem, but give no potentials, and asked for prices the
    /// sparse solve takes the network's labels instead.
    #[test]
    fn copies_without_exact_potentials_leave_the_prices_to_the_network() {
        let (sparse, _) = both(2, 1, &[(0, 0, 0.3), (1, 0, 1e200)]);
        let (juniors, seniors) = ([1, 1], [3]);
        let free = Options::new().with_spreading(Spreading::Free);
        let (solution, potentials) = solve(&sparse, &juniors, &seniors, free, 1).unwrap();
        assert_eq!(solution.pairs(), &[(0, 0), (1, 0)]);
        assert!(potentials.is_none());
        let solve = |labels| solve_sparse(&sparse, &juniors, &seniors, free, labels, None, 1);
        let priced = solve(Labels::CopiesOrNetwork);
        assert!(priced.copies.is_none());
        assert!(priced.labels.is_some(), "the network's labels");
        assert_eq!(priced.solution.pairs(), &[(0, 0), (1, 0)]);
        let unpriced = solve(Labels::Without);
        assert!(unpriced.copies.is_none() && unpriced.labels.is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        /// Where copies give an answer it is the network's optimum: as many pairs, as many
        /// people covered under spreading, the same total; and the sparse solve, which falls
        /// back to the network otherwise, always is. Weights from a few values, so that many
        /// pairs tie, and some random ones.
        #[test]
        fn copies_agree_with_the_network(
            juniors in 1usize..=9,
            seniors in 1usize..=5,
            cells in proptest::collection::vec(
                (0usize..9, 0usize..5, prop_oneof![Just(1.0), Just(0.5), Just(0.25), -1.0f64..1.0]),
                0..30,
            ),
            one_partner in proptest::collection::vec(0u32..=1, 9),
            several in proptest::collection::vec(0u32..=4, 9),
            juniors_take_several in any::<bool>(),
            free in any::<bool>(),
        ) {
            // Either side may be the one of several places.
            let (junior_capacities, senior_capacities) = if juniors_take_several {
                (several, one_partner)
            } else {
                (one_partner, several)
            };
            let (sparse, dense) = both(juniors, seniors, &cells);
            let (jc, sc) = (&junior_capacities[..juniors], &senior_capacities[..seniors]);
            let spreading = if free { Spreading::Free } else { Spreading::FirstPartnersFirst };
            let options = Options::new().with_spreading(spreading);
            let best = network(juniors, seniors, dense, jc, sc, options);
            let by_copies = solve(&sparse, jc, sc, options, 1).map(|(s, _)| s);
            if free {
                prop_assert!(by_copies.is_some(), "copies apply without spreading");
            }
            let combined = solve_sparse(&sparse, jc, sc, options, Labels::Without, None, 1).solution;
            for s in by_copies.iter().chain([&combined]) {
                prop_assert_eq!(s.pairs().len(), best.pairs().len());
                if !free {
                    prop_assert_eq!(s.covered(), best.covered());
                }
                prop_assert!((s.total() - best.total()).abs() < 1e-9, "{} against {}", s.total(), best.total());
                for (j, &c) in s.junior_partner_counts().iter().enumerate() {
                    prop_assert!(c <= jc[j]);
                }
                for (k, &c) in s.senior_partner_counts().iter().enumerate() {
                    prop_assert!(c <= sc[k]);
                }
            }
            if !free {
                // Covering the most is exactly what the check says of the optimum without
                // spreading.
                let free = Options::new().with_spreading(Spreading::Free);
                let (without, _) = solve(&sparse, jc, sc, free, 1).unwrap();
                let most = covers_the_most(&sparse, &without, jc, sc);
                prop_assert_eq!(most, without.covered() == best.covered());
            }
        }
    }
}
