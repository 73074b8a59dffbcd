//! Exact many-to-many assignment: capacities, locked pairs and load spreading.
//!
//! Like [`assignment`](crate::assignment), this module knows matrices, not people: rows are
//! juniors, columns are seniors, a cell is what pairing them is worth (higher is better,
//! `-inf` forbids the pair). It lifts the one-to-one rule: junior `j` may get up to
//! `junior_capacity[j]` partners and senior `s` up to `senior_capacity[s]` (capacity 0 takes
//! the person out), each pair is formed at most once, and a coordinator can *lock* pairs that
//! must be in the result. Build a [`Problem`], then [`solve`] it with [`Options`].
//!
//! # What is optimised
//!
//! Among the sets `P` of pairs that contain every locked pair, avoid forbidden cells and keep
//! every junior and senior within their capacity, [`solve`] returns one that is best in the
//! lexicographic order of:
//!
//! | [`Spreading`] | [`Cardinality`] | objective, most important first |
//! |---|---|---|
//! | [`FirstPartnersFirst`](Spreading::FirstPartnersFirst) (default) | [`Maximum`](Cardinality::Maximum) (default) | (served, covered, pairs, total) |
//! | [`FirstPartnersFirst`](Spreading::FirstPartnersFirst) | [`Any`](Cardinality::Any) | (served, covered, total) |
//! | [`Free`](Spreading::Free) | [`Maximum`](Cardinality::Maximum) | (served, pairs, total) |
//! | [`Free`](Spreading::Free) | [`Any`](Cardinality::Any) | (served, total) |
//!
//! where *served* counts the partners that go towards someone's minimum (a person with a
//! minimum of `l` and `k` partners adds `min(k, l)`; see [`Problem::with_junior_minimums`]),
//! which is 0 for every set when nobody has a minimum, *covered* is the number of people (juniors and seniors together) with at least one
//! partner in `P`, *pairs* is `|P|` and *total* the sum of the weights of `P`. Locked pairs
//! count in all three.
//!
//! Spreading comes first by default because a programme is judged person by person: a
//! person's second partner only comes after everyone who can get a first one has one. A
//! popular senior who may take three juniors should not take them all while another senior
//! who could teach one of them sits idle. [`Spreading::Free`] drops that level when the total
//! matters more. Under [`Cardinality::Maximum`] spreading never costs a pair: some set with
//! the most pairs also covers the most people (see the algorithm below), so spreading only
//! chooses among the sets with the most pairs, trading total for coverage. With
//! [`Cardinality::Any`], a pair is formed only if it raises the total or, under spreading,
//! covers someone new (even at a loss); a change of total of exactly 0 is not made.
//!
//! # Algorithm
//!
//! Minimum-cost flow by successive shortest paths (Edmonds & Karp 1972, "Theoretical
//! improvements in algorithmic efficiency for network flow problems", J. ACM 19(2); Tomizawa
//! 1971) on the network source → juniors → seniors → sink; see Ahuja, Magnanti & Orlin (1993),
//! *Network Flows*, §9.7 (successive shortest paths) and §14.2 (convex costs as one arc per
//! unit). A unit of flow through `junior → senior` is one pair; each such arc has capacity 1,
//! so no pair repeats. A locked pair is fixed before the search: it takes one unit of both
//! people's capacity, covers both, and its arc is left out. A cost is what the objective
//! loses (the objective negated):
//!
//! - `source → junior j` has one arc per unit of capacity left. Each unit below the junior's
//!   minimum (locks count first) costs one served partner; under spreading, the first unit of
//!   a junior not covered by a lock also costs one covered person; the other units cost
//!   nothing.
//!   Costs only rise from unit to unit (convex), so a shortest path always uses the cheapest
//!   unit left, and the per-unit arcs are solved exactly without building them.
//!   `senior s → sink` is the same.
//! - `junior j → senior s` costs the weight `w[j][s]`.
//!
//! Each round finds a shortest source → sink path in the residual network by Dijkstra's
//! algorithm on reduced costs, kept non-negative by Johnson (1977) potentials: set first by one
//! pass over the acyclic network, raised after each round by its distances capped at the
//! sink's (so a round stops as soon as it settles the sink), and lowered for every node whose
//! arcs all reach beyond the sink's distance by that margin, which keeps the next round from
//! rescanning juniors that cannot be on its path. After each search, more paths are taken
//! without searching again: a depth-first search from every junior with room follows only the
//! arcs the new potentials make *tight* (reduced cost 0, up to the rounding of the update), so
//! each path it finds is as short as the search's own, and taking it keeps the potentials
//! valid (the primal–dual method; Ahuja, Magnanti & Orlin §9.8). Where scores saturate and many
//! pairs tie, one search's potentials serve many paths: at 20,000 juniors and 5,000 seniors of
//! capacity 4 on the sparse method, the solving took 0.37–3.4 s against 5.2–23.8 s with one
//! path a search (BENCHMARKS.md). Ties go to lower indices there too, a path that can end at a
//! senior first. Where no tie leaves a second path, a round that finds none makes the next
//! wait for twice as many searches (up to 64), so untied weights cost what they did. Every path adds one pair and covers no one less, and path costs never
//! decrease from round to round, so:
//!
//! - under [`Cardinality::Maximum`], every path is taken: the flow ends with the most pairs and
//!   is the cheapest of that size, and since no path lowers the coverage, no smaller flow covers
//!   more people (which is why spreading never costs a pair);
//! - under [`Cardinality::Any`], a path is taken while its cost is negative (it covers someone
//!   new or raises the total) and the first one that is not ends the search; the flow is then
//!   the cheapest of all sizes.
//!
//! # Exactness: lexicographic costs, not a big M
//!
//! The levels of the objective are not folded into one number such as `M · covered + total`:
//! `M` must exceed every difference the weights can make, which needs bounds on them, and in
//! `f64` a large `M` rounds the weights away (with `M = 2^40`, a weight's last 40 bits are
//! lost). Costs are triples `(served, covered, weight)` instead, the first two exact integers, compared
//! lexicographically and added component by component. They form an ordered abelian group,
//! and successive shortest paths, Dijkstra and potentials need nothing else (sums,
//! differences and a total order compatible with sums), so the spreading level is exact and the
//! weights keep their full precision. The pair level needs no component at all: every path
//! adds exactly one pair, so it only decides when to stop. The weight level uses `f64` sums as
//! the [assignment engine](crate::assignment) does: exact when the sums are (small integers,
//! halves, quarters, ...), otherwise within rounding; reported totals are recomputed from the
//! chosen pairs.
//!
//! # Complexity
//!
//! `O(F · E log V)` time, with `F` the number of pairs formed besides the locked ones (one
//! round each, plus a last one), `E ≤ n·m + n + m` the allowed pairs and capacity arcs and
//! `V = n + m + 2` nodes, for `n` juniors and `m` seniors, plus `O(n·m)` to set up. `O(n·m)`
//! memory: the problem's weights and one byte per cell of flow state (and 16 bytes a pair
//! formed without a search, below). A pair open to two
//! people who each have room for every pair open to them is in every optimum (under
//! [`Cardinality::Any`], when its weight is above 0) and is formed before the search, as a
//! lock is: where no capacity limits anyone, no pair is left to search for.
//!
//! # On the sparse method: copies of the seniors
//!
//! The matcher's sparse method solves its candidate graphs many to many without a matrix.
//! Where every junior takes at most one partner and the most pairs come first, a senior of
//! capacity `c` is `c` interchangeable columns (where every senior takes one, the same with
//! the sides swapped), and the most pairs of best total are those of the one-to-one problem
//! on these copies, which the [assignment engine](crate::assignment)
//! solves by an auction proved optimal, with its exact certificate. Successive shortest paths
//! form one pair a search once pairs stop tying, and on generated rosters of 20,000 juniors
//! and 5,000 seniors of capacity 4 the last thousand or two pairs of a solve each took a
//! search over most of the network (5–14 s a solve, BENCHMARKS.md). The copies carry no
//! spreading level, so under spreading their optimum is taken only where it covers as many
//! people of several places as a maximum one-to-one matching has pairs, the most any set of pairs covers;
//! then it is the spreading objective's optimum too. Elsewhere the network decides.
//!
//! # Determinism
//!
//! The same problem gives the same pairs on every run and platform. Ties go to lower indices:
//! Dijkstra settles nodes by distance and, among equal distances, the sink first, then seniors
//! by index, then juniors by index (ending a path as soon as it can, as the engine prefers a
//! free column on a tie); it scans the arcs out of a junior by senior index and the arcs back
//! from a senior by junior index, and a node's predecessor changes only on a strictly shorter
//! distance.
//!
//! # Examples
//!
//! Ana (senior 0) is everyone's first choice and may take two juniors; Ben (senior 1) may take
//! one. Under the default, Ben gets a junior too, although a second junior for Ana would score
//! more; with [`Spreading::Free`], Ana takes both:
//!
//! ```
//! use mentor_match::capacitated::{solve, Options, Problem, Spreading};
//!
//! let problem = Problem::new(2, 2, vec![
//!     0.9, 0.3, // junior 0 with Ana, Ben
//!     0.8, 0.3, // junior 1
//! ])?
//! .with_senior_capacities(vec![2, 1])?;
//!
//! let spread = solve(&problem, Options::new())?;
//! assert_eq!(spread.pairs(), &[(0, 0), (1, 1)]);
//! assert_eq!(spread.covered(), 4);
//!
//! let free = solve(&problem, Options::new().with_spreading(Spreading::Free))?;
//! assert_eq!(free.pairs(), &[(0, 0), (1, 0)]);
//! assert_eq!(free.senior_partner_counts(), &[2, 0]);
//! assert!((free.total() - 1.7).abs() < 1e-12);
//! # Ok::<(), mentor_match::Error>(())
//! ```

mod arcs;
mod copies;
mod free_pairs;
mod network;

pub use crate::matching::assignment::Cardinality;
use crate::matching::assignment::SparseMatrix;
use crate::matching::error::{MatrixError, Mistakes, Result, refuse_cells};
use arcs::Dense;
pub(crate) use copies::{CopyPotentials, Places, copies_apply, covers_the_most};
use free_pairs::with_free_pairs;
pub(crate) use network::Cost;
use network::{Network, Side};
use serde::{Deserialize, Serialize};

/// A many-to-many assignment problem: weights, capacities and locked pairs, validated.
///
/// Built with [`new`](Self::new) and by-value setters, each checking its input against what is
/// already there, so a `Problem` is always solvable and [`solve`] checks nothing again.
/// Capacities are 1 until set.
///
/// # Examples
///
/// Three juniors, two seniors; Ana (senior 0) may take two juniors, junior 2 may not meet Ben,
/// and the coordinator has already promised junior 1 to Ana:
///
/// ```
/// use mentor_match::capacitated::Problem;
///
/// let problem = Problem::new(3, 2, vec![
///     0.9, 0.4,
///     0.6, 0.5,
///     0.7, f64::NEG_INFINITY,
/// ])?
/// .with_senior_capacities(vec![2, 1])?
/// .with_lock(1, 0)?;
/// assert_eq!(problem.weight(2, 1), Some(f64::NEG_INFINITY));
/// assert_eq!(problem.junior_capacities(), &[1, 1, 1]);
/// assert_eq!(problem.locks(), &[(1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    juniors: usize,
    seniors: usize,
    weights: Vec<f64>,
    junior_capacities: Vec<u32>,
    senior_capacities: Vec<u32>,
    junior_minimums: Vec<u32>,
    senior_minimums: Vec<u32>,
    locks: Vec<(usize, usize)>,
}

impl Problem {
    /// A problem of `juniors × seniors` weights, row-major (row `j` holds junior `j`'s weight
    /// with every senior), every capacity 1, nothing locked. A weight is any finite number
    /// (negative ones too) or `-inf`, which forbids the pair.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::MatrixShape`] when `weights.len() != juniors * seniors`;
    /// - [`MatrixError::InvalidWeight`] naming a cell that holds NaN or `+inf`, or a number so
    ///   large in magnitude (above `f64::MAX / (16 (n·m + n + m + 2)²)`, about `10^295` for
    ///   1000 × 1000) that sums of weights could overflow: every such cell in row-major order,
    ///   as a [`MatrixError::Multiple`] when there are several.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{capacitated::Problem, MatrixError};
    ///
    /// let err = Problem::new(1, 2, vec![0.5, f64::NAN]).unwrap_err();
    /// assert!(matches!(err, MatrixError::InvalidWeight { row: 0, col: 1, .. }));
    /// assert!(matches!(Problem::new(2, 2, vec![0.5]), Err(MatrixError::MatrixShape { len: 1, .. })));
    /// ```
    pub fn new(juniors: usize, seniors: usize, weights: Vec<f64>) -> Result<Self> {
        if juniors.checked_mul(seniors) != Some(weights.len()) {
            return Err(MatrixError::MatrixShape {
                rows: juniors,
                cols: seniors,
                len: weights.len(),
            });
        }
        // Potentials and distances are sums along paths of at most n + m + 2 arcs, moved by
        // at most that much a round for at most n·m rounds, and a total sums at most n·m
        // weights: this margin keeps every intermediate value finite.
        let size = weights.len() as f64 + juniors as f64 + seniors as f64 + 2.0;
        let limit = f64::MAX / (16.0 * size * size);
        let refuse = |&w: &f64| {
            if w.is_nan() {
                Some("NaN is not a weight")
            } else if w == f64::INFINITY {
                Some("+inf cannot be maximised (-inf forbids a pair)")
            } else if w.is_finite() && w.abs() > limit {
                Some("too large in magnitude: sums of weights could overflow")
            } else {
                None
            }
        };
        let mut found = Mistakes::new();
        refuse_cells(&weights, seniors, refuse, &mut found);
        found.finish()?;
        Ok(Problem {
            juniors,
            seniors,
            weights,
            junior_capacities: vec![1; juniors],
            senior_capacities: vec![1; seniors],
            junior_minimums: vec![0; juniors],
            senior_minimums: vec![0; seniors],
            locks: Vec::new(),
        })
    }

    /// Sets how many partners each junior may get, one value per junior (0 = not available).
    ///
    /// # Errors
    ///
    /// - [`MatrixError::LengthMismatch`] when `capacities` does not hold one value per junior;
    /// - [`MatrixError::InvalidPair`] naming a locked pair that no longer fits a junior's
    ///   capacity, and [`MatrixError::MinimumAboveCapacity`] a junior whose minimum is above
    ///   it; with several, a [`MatrixError::Multiple`] of every one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{capacitated::Problem, MatrixError};
    ///
    /// let problem = Problem::new(2, 3, vec![0.5; 6])?.with_junior_capacities(vec![3, 0])?;
    /// assert_eq!(problem.junior_capacities(), &[3, 0]);
    /// let err = problem.with_junior_capacities(vec![1]).unwrap_err();
    /// assert!(matches!(err, MatrixError::LengthMismatch { expected: 2, len: 1, .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_junior_capacities(mut self, capacities: Vec<u32>) -> Result<Self> {
        check_length("junior capacities", self.juniors, capacities.len())?;
        let mut found = Mistakes::new();
        check_locks_fit(
            &self.locks,
            |&(j, _)| j,
            &capacities,
            JUNIOR_OVER,
            &mut found,
        );
        check_minimums("junior", &self.junior_minimums, &capacities, &mut found);
        found.finish()?;
        self.junior_capacities = capacities;
        Ok(self)
    }

    /// Sets how many partners each senior may get, one value per senior (0 = not available).
    ///
    /// # Errors
    ///
    /// - [`MatrixError::LengthMismatch`] when `capacities` does not hold one value per senior;
    /// - [`MatrixError::InvalidPair`] naming a locked pair that no longer fits a senior's
    ///   capacity, and [`MatrixError::MinimumAboveCapacity`] a senior whose minimum is above
    ///   it; with several, a [`MatrixError::Multiple`] of every one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{capacitated::Problem, MatrixError};
    ///
    /// // One senior who mentors two juniors, both promised to her.
    /// let problem = Problem::new(3, 1, vec![0.5; 3])?
    ///     .with_senior_capacities(vec![2])?
    ///     .with_lock(0, 0)?
    ///     .with_lock(2, 0)?;
    /// assert_eq!(problem.senior_capacities(), &[2]);
    /// // Lowering her capacity to 1 leaves the second lock out.
    /// let err = problem.with_senior_capacities(vec![1]).unwrap_err();
    /// assert!(matches!(err, MatrixError::InvalidPair { junior: 2, senior: 0, .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_senior_capacities(mut self, capacities: Vec<u32>) -> Result<Self> {
        check_length("senior capacities", self.seniors, capacities.len())?;
        let mut found = Mistakes::new();
        check_locks_fit(
            &self.locks,
            |&(_, s)| s,
            &capacities,
            SENIOR_OVER,
            &mut found,
        );
        check_minimums("senior", &self.senior_minimums, &capacities, &mut found);
        found.finish()?;
        self.senior_capacities = capacities;
        Ok(self)
    }

    /// Sets how many partners each junior should get at least, one value per junior (0 = no
    /// minimum). Minimums come first in the objective (see the [module docs](self)): the
    /// solution serves as many partners towards them as any solution can; whether everyone's
    /// minimum is met is for the caller to read off
    /// [`Solution::junior_partner_counts`].
    ///
    /// # Errors
    ///
    /// - [`MatrixError::LengthMismatch`] when `minimums` does not hold one value per junior;
    /// - [`MatrixError::MinimumAboveCapacity`] naming a junior whose minimum is above their
    ///   capacity; with several, a [`MatrixError::Multiple`] of every one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// // Senior 0 is better for both juniors, but junior 1 must get two partners.
    /// let problem = Problem::new(2, 2, vec![0.9, 0.1, 0.9, 0.1])?
    ///     .with_junior_capacities(vec![2, 2])?
    ///     .with_junior_minimums(vec![0, 2])?;
    /// let s = solve(&problem, Options::new().with_spreading(Spreading::Free))?;
    /// assert_eq!(s.junior_partner_counts(), &[0, 2]);
    /// assert!(Problem::new(1, 1, vec![0.5])?.with_junior_minimums(vec![2]).is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_junior_minimums(mut self, minimums: Vec<u32>) -> Result<Self> {
        check_length("junior minimums", self.juniors, minimums.len())?;
        let mut found = Mistakes::new();
        check_minimums("junior", &minimums, &self.junior_capacities, &mut found);
        found.finish()?;
        self.junior_minimums = minimums;
        Ok(self)
    }

    /// Sets how many partners each senior should get at least; as
    /// [`with_junior_minimums`](Self::with_junior_minimums).
    ///
    /// # Errors
    ///
    /// As [`with_junior_minimums`](Self::with_junior_minimums), for seniors.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(2, 1, vec![0.5, 0.5])?
    ///     .with_senior_capacities(vec![2])?
    ///     .with_senior_minimums(vec![2])?;
    /// assert_eq!(problem.senior_minimums(), &[2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_senior_minimums(mut self, minimums: Vec<u32>) -> Result<Self> {
        check_length("senior minimums", self.seniors, minimums.len())?;
        let mut found = Mistakes::new();
        check_minimums("senior", &minimums, &self.senior_capacities, &mut found);
        found.finish()?;
        self.senior_minimums = minimums;
        Ok(self)
    }

    /// Each junior's minimum number of partners.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(2, 2, vec![0.5; 4])?;
    /// assert_eq!(problem.junior_minimums(), &[0, 0]); // none until set
    /// let problem = problem.with_junior_capacities(vec![2, 1])?.with_junior_minimums(vec![2, 0])?;
    /// assert_eq!(problem.junior_minimums(), &[2, 0]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_minimums(&self) -> &[u32] {
        &self.junior_minimums
    }

    /// Each senior's minimum number of partners.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(1, 2, vec![0.5; 2])?.with_senior_minimums(vec![0, 1])?;
    /// assert_eq!(problem.senior_minimums(), &[0, 1]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_minimums(&self) -> &[u32] {
        &self.senior_minimums
    }

    /// Locks the pair of junior `junior` and senior `senior`: every solution contains it.
    ///
    /// Locks are checked against the capacities already set; capacities set later are checked
    /// against the locks.
    ///
    /// # Errors
    ///
    /// [`MatrixError::InvalidPair`] naming the pair, when the junior or the senior is out of range,
    /// the pair is forbidden (`-inf`), it is locked already, or the junior's or the senior's
    /// locks would exceed their capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{capacitated::Problem, MatrixError};
    ///
    /// let problem = Problem::new(2, 2, vec![0.5, f64::NEG_INFINITY, 0.5, 0.5])?;
    /// let err = problem.clone().with_lock(0, 1).unwrap_err();
    /// assert_eq!(err.to_string(), "pair (junior 0, senior 1) is not valid: a locked pair may not be forbidden");
    /// assert!(matches!(problem.clone().with_lock(2, 0), Err(MatrixError::InvalidPair { junior: 2, senior: 0, .. })));
    /// assert_eq!(problem.with_lock(1, 1)?.locks(), &[(1, 1)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_lock(mut self, junior: usize, senior: usize) -> Result<Self> {
        let bad = |why| {
            Err(MatrixError::InvalidPair {
                junior,
                senior,
                why,
            })
        };
        if junior >= self.juniors {
            return bad("the junior is out of range");
        }
        if senior >= self.seniors {
            return bad("the senior is out of range");
        }
        if self.weights[junior * self.seniors + senior] == f64::NEG_INFINITY {
            return bad("a locked pair may not be forbidden");
        }
        if self.locks.contains(&(junior, senior)) {
            return bad("the pair is locked twice");
        }
        let junior_locks = self.locks.iter().filter(|p| p.0 == junior).count();
        if junior_locks >= self.junior_capacities[junior] as usize {
            return bad(JUNIOR_OVER);
        }
        let senior_locks = self.locks.iter().filter(|p| p.1 == senior).count();
        if senior_locks >= self.senior_capacities[senior] as usize {
            return bad(SENIOR_OVER);
        }
        self.locks.push((junior, senior));
        Ok(self)
    }

    /// Number of juniors (rows).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// assert_eq!(Problem::new(3, 2, vec![0.5; 6])?.juniors(), 3);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors (columns).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// assert_eq!(Problem::new(3, 2, vec![0.5; 6])?.seniors(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// The weight of the pair, `-inf` when it is forbidden, `None` outside the problem.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(2, 2, vec![0.9, -0.5, f64::NEG_INFINITY, 0.0])?;
    /// assert_eq!(problem.weight(0, 1), Some(-0.5)); // a negative weight is allowed
    /// assert_eq!(problem.weight(1, 0), Some(f64::NEG_INFINITY)); // forbidden
    /// assert_eq!(problem.weight(2, 0), None); // outside
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn weight(&self, junior: usize, senior: usize) -> Option<f64> {
        (junior < self.juniors && senior < self.seniors)
            .then(|| self.weights[junior * self.seniors + senior])
    }

    /// The weights, row-major (juniors × seniors).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(2, 2, vec![0.9, 0.4, 0.8, 0.3])?;
    /// assert_eq!(problem.weights(), [0.9, 0.4, 0.8, 0.3]);
    /// assert_eq!(problem.weights()[problem.seniors()], problem.weight(1, 0).unwrap());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// How many partners each junior may get.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(2, 1, vec![0.5; 2])?;
    /// assert_eq!(problem.junior_capacities(), &[1, 1]); // 1 until set
    /// assert_eq!(problem.with_junior_capacities(vec![2, 0])?.junior_capacities(), &[2, 0]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_capacities(&self) -> &[u32] {
        &self.junior_capacities
    }

    /// How many partners each senior may get.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(3, 1, vec![0.5; 3])?.with_senior_capacities(vec![3])?;
    /// assert_eq!(problem.senior_capacities(), &[3]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_capacities(&self) -> &[u32] {
        &self.senior_capacities
    }

    /// The locked pairs `(junior, senior)`, in the order they were locked.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Problem;
    ///
    /// let problem = Problem::new(2, 2, vec![0.5; 4])?.with_lock(1, 0)?.with_lock(0, 1)?;
    /// assert_eq!(problem.locks(), &[(1, 0), (0, 1)]); // in the order locked
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn locks(&self) -> &[(usize, usize)] {
        &self.locks
    }
}

/// [`MatrixError::MinimumAboveCapacity`] for every person whose minimum is above their
/// capacity, into `found`.
fn check_minimums(side: &'static str, minimums: &[u32], capacities: &[u32], found: &mut Mistakes) {
    for (index, (&minimum, &capacity)) in minimums.iter().zip(capacities).enumerate() {
        if minimum > capacity {
            found.push_with(|| MatrixError::MinimumAboveCapacity {
                side,
                index,
                minimum,
                capacity,
            });
        }
    }
}

fn check_length(what: &'static str, expected: usize, len: usize) -> Result<()> {
    if expected == len {
        Ok(())
    } else {
        Err(MatrixError::LengthMismatch {
            what,
            expected,
            len,
        })
    }
}

const JUNIOR_OVER: &str = "the junior's locked pairs exceed the junior's capacity";
const SENIOR_OVER: &str = "the senior's locked pairs exceed the senior's capacity";

/// Every lock, in lock order, beyond its person's capacity (`who(lock)` is the person), as
/// an error that says `why`, into `found`.
fn check_locks_fit(
    locks: &[(usize, usize)],
    who: impl Fn(&(usize, usize)) -> usize,
    capacities: &[u32],
    why: &'static str,
    found: &mut Mistakes,
) {
    let mut used = vec![0u32; capacities.len()];
    for lock in locks {
        let k = who(lock);
        used[k] += 1;
        if used[k] > capacities[k] {
            found.push_with(|| MatrixError::InvalidPair {
                junior: lock.0,
                senior: lock.1,
                why,
            });
        }
    }
}

/// Whether people get a first partner before anyone gets a second.
///
/// # Examples
///
/// ```
/// use mentor_match::capacitated::{Options, Spreading};
///
/// assert_eq!(Options::new().spreading(), Spreading::FirstPartnersFirst);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Spreading {
    /// First the most people (juniors and seniors) with at least one partner, then the other
    /// levels: a person's second partner only comes after everyone who can get a first one has
    /// one.
    #[default]
    FirstPartnersFirst,
    /// No spreading level: the pair count and the total alone decide.
    Free,
}

/// Options of [`solve`], set with by-value setters so new ones do not break callers.
///
/// # Examples
///
/// ```
/// use mentor_match::capacitated::{Cardinality, Options, Spreading};
///
/// let options = Options::new().with_spreading(Spreading::Free).with_cardinality(Cardinality::Any);
/// assert_eq!(options.spreading(), Spreading::Free);
/// assert_eq!(options.cardinality(), Cardinality::Any);
/// assert_eq!(Options::default(), Options::new());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Options {
    spreading: Spreading,
    cardinality: Cardinality,
}

impl Options {
    /// [`Spreading::FirstPartnersFirst`] and [`Cardinality::Maximum`]: the most people with a
    /// partner, then the most pairs, then the best total.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{Cardinality, Options, Spreading};
    ///
    /// let options = Options::new();
    /// assert_eq!(options.spreading(), Spreading::FirstPartnersFirst);
    /// assert_eq!(options.cardinality(), Cardinality::Maximum);
    /// ```
    pub fn new() -> Self {
        Options::default()
    }

    crate::support::setters::field_setters! {
        /// Sets whether first partners come first.
        with_spreading(spreading: Spreading);

        /// Sets whether the pair count comes before the total ([`Cardinality::Maximum`]) or is
        /// left out ([`Cardinality::Any`]).
        with_cardinality(cardinality: Cardinality);
    }

    /// The spreading rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{Options, Spreading};
    ///
    /// assert_eq!(Options::new().with_spreading(Spreading::Free).spreading(), Spreading::Free);
    /// ```
    pub fn spreading(&self) -> Spreading {
        self.spreading
    }

    /// The cardinality rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{Cardinality, Options};
    ///
    /// assert_eq!(Options::new().cardinality(), Cardinality::Maximum);
    /// let any = Options::new().with_cardinality(Cardinality::Any);
    /// assert_eq!(any.cardinality(), Cardinality::Any);
    /// ```
    pub fn cardinality(&self) -> Cardinality {
        self.cardinality
    }
}

/// An optimal set of pairs, with what each person got.
///
/// # Examples
///
/// ```
/// use mentor_match::capacitated::{solve, Options, Problem};
///
/// // Junior 0 may take two seniors; senior 2 is not available this round.
/// let problem = Problem::new(2, 3, vec![0.9, 0.8, 0.7, 0.6, f64::NEG_INFINITY, 0.5])?
///     .with_junior_capacities(vec![2, 1])?
///     .with_senior_capacities(vec![1, 1, 0])?;
/// let s = solve(&problem, Options::new())?;
/// assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
/// assert_eq!(s.seniors_of(0).collect::<Vec<_>>(), [1]);
/// assert_eq!(s.juniors_of(0).collect::<Vec<_>>(), [1]);
/// assert_eq!(s.junior_unfilled_capacity(), &[1, 0]);
/// assert_eq!(s.senior_partner_counts(), &[1, 1, 0]);
/// assert_eq!(s.covered(), 4);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    options: Options,
    pairs: Vec<(usize, usize)>,
    total: f64,
    junior_partner_counts: Vec<u32>,
    senior_partner_counts: Vec<u32>,
    junior_unfilled_capacity: Vec<u32>,
    senior_unfilled_capacity: Vec<u32>,
}

impl Solution {
    /// The pairs `(junior, senior)`, locked ones included, sorted.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// // Senior 0 may take both juniors, who both gain most from her.
    /// let problem = Problem::new(2, 2, vec![4.0, 1.0, 3.0, 1.0])?
    ///     .with_senior_capacities(vec![2, 1])?;
    /// // First partners first: senior 1 gets a junior too.
    /// assert_eq!(solve(&problem, Options::new())?.pairs(), &[(0, 0), (1, 1)]);
    /// let free = Options::new().with_spreading(Spreading::Free);
    /// assert_eq!(solve(&problem, free)?.pairs(), &[(0, 0), (1, 0)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// The sum of the weights of the pairs, recomputed from the problem in pair order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// let problem = Problem::new(2, 2, vec![4.0, 1.0, 3.0, 1.0])?
    ///     .with_senior_capacities(vec![2, 1])?;
    /// assert_eq!(solve(&problem, Options::new())?.total(), 4.0 + 1.0);
    /// // Without spreading, senior 0 takes both juniors: a larger total.
    /// let free = Options::new().with_spreading(Spreading::Free);
    /// assert_eq!(solve(&problem, free)?.total(), 4.0 + 3.0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn total(&self) -> f64 {
        self.total
    }

    /// The number of people, juniors and seniors together, with at least one partner.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// let problem = Problem::new(2, 2, vec![4.0, 1.0, 3.0, 1.0])?
    ///     .with_senior_capacities(vec![2, 1])?;
    /// assert_eq!(solve(&problem, Options::new())?.covered(), 4); // everyone has a partner
    /// let free = Options::new().with_spreading(Spreading::Free);
    /// assert_eq!(solve(&problem, free)?.covered(), 3); // senior 1 has none
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn covered(&self) -> usize {
        self.junior_partner_counts
            .iter()
            .chain(&self.senior_partner_counts)
            .filter(|&&c| c > 0)
            .count()
    }

    /// How many partners each junior got.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem};
    ///
    /// // Junior 0 may take both seniors; junior 1 is not available.
    /// let problem = Problem::new(2, 2, vec![0.5; 4])?.with_junior_capacities(vec![2, 0])?;
    /// assert_eq!(solve(&problem, Options::new())?.junior_partner_counts(), &[2, 0]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_partner_counts(&self) -> &[u32] {
        &self.junior_partner_counts
    }

    /// How many partners each senior got.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// let problem = Problem::new(2, 2, vec![4.0, 1.0, 3.0, 1.0])?
    ///     .with_senior_capacities(vec![2, 1])?;
    /// let free = Options::new().with_spreading(Spreading::Free);
    /// assert_eq!(solve(&problem, free)?.senior_partner_counts(), &[2, 0]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_partner_counts(&self) -> &[u32] {
        &self.senior_partner_counts
    }

    /// How many more partners each junior could have taken: capacity minus partners.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem};
    ///
    /// // Junior 0 could take three seniors; there are two.
    /// let problem = Problem::new(1, 2, vec![0.5; 2])?.with_junior_capacities(vec![3])?;
    /// assert_eq!(solve(&problem, Options::new())?.junior_unfilled_capacity(), &[1]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_unfilled_capacity(&self) -> &[u32] {
        &self.junior_unfilled_capacity
    }

    /// How many more partners each senior could have taken: capacity minus partners.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem};
    ///
    /// // One junior for two seniors of capacity 2: room is left on both.
    /// let problem = Problem::new(1, 2, vec![0.9, 0.5])?.with_senior_capacities(vec![2, 2])?;
    /// assert_eq!(solve(&problem, Options::new())?.senior_unfilled_capacity(), &[1, 2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_unfilled_capacity(&self) -> &[u32] {
        &self.senior_unfilled_capacity
    }

    /// The seniors paired with `junior`, in increasing order (none outside the problem).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem};
    ///
    /// let problem = Problem::new(2, 3, vec![0.5; 6])?.with_junior_capacities(vec![2, 1])?;
    /// let s = solve(&problem, Options::new())?;
    /// assert_eq!(s.seniors_of(0).count() + s.seniors_of(1).count(), 3);
    /// assert_eq!(s.seniors_of(1).count(), 1);
    /// assert_eq!(s.seniors_of(5).count(), 0); // outside the problem
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors_of(&self, junior: usize) -> impl Iterator<Item = usize> + '_ {
        let start = self.pairs.partition_point(|p| p.0 < junior);
        self.pairs[start..]
            .iter()
            .take_while(move |p| p.0 == junior)
            .map(|p| p.1)
    }

    /// The juniors paired with `senior`, in increasing order (none outside the problem).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// let problem = Problem::new(2, 2, vec![4.0, 1.0, 3.0, 1.0])?
    ///     .with_senior_capacities(vec![2, 1])?;
    /// let s = solve(&problem, Options::new().with_spreading(Spreading::Free))?;
    /// assert_eq!(s.juniors_of(0).collect::<Vec<_>>(), [0, 1]);
    /// assert_eq!(s.juniors_of(1).count(), 0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors_of(&self, senior: usize) -> impl Iterator<Item = usize> + '_ {
        self.pairs
            .iter()
            .filter(move |p| p.1 == senior)
            .map(|p| p.0)
    }

    /// The options the solution was found with.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::{solve, Options, Problem, Spreading};
    ///
    /// let options = Options::new().with_spreading(Spreading::Free);
    /// assert_eq!(solve(&Problem::new(1, 1, vec![0.5])?, options)?.options(), options);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn options(&self) -> Options {
        self.options
    }

    /// The solution of `pairs` (junior, senior, weight; any order) under `capacities`
    /// (juniors', seniors'), found with `options`: the pairs sorted, the total summed in
    /// that order, and each person's partners and room left.
    pub(crate) fn of_pairs(
        mut pairs: Vec<(usize, usize, f64)>,
        capacities: (&[u32], &[u32]),
        options: Options,
    ) -> Solution {
        pairs.sort_unstable_by_key(|&(j, s, _)| (j, s));
        let mut junior_partner_counts = vec![0u32; capacities.0.len()];
        let mut senior_partner_counts = vec![0u32; capacities.1.len()];
        let mut total = 0.0;
        for &(j, s, w) in &pairs {
            junior_partner_counts[j] += 1;
            senior_partner_counts[s] += 1;
            total += w;
        }
        let unfilled = |caps: &[u32], counts: &[u32]| -> Vec<u32> {
            caps.iter().zip(counts).map(|(c, k)| c - k).collect()
        };
        Solution {
            options,
            total,
            junior_unfilled_capacity: unfilled(capacities.0, &junior_partner_counts),
            senior_unfilled_capacity: unfilled(capacities.1, &senior_partner_counts),
            junior_partner_counts,
            senior_partner_counts,
            pairs: pairs.into_iter().map(|(j, s, _)| (j, s)).collect(),
        }
    }
}

/// Solves `problem` exactly: the locked pairs and, around them, the best pairs under
/// `options` (see the [module docs](self) for the objective).
///
/// Minimum-cost flow by successive shortest paths with lexicographic costs (covered people,
/// then weight), Dijkstra on potential-reduced costs, and per-unit capacity arcs whose first
/// unit carries the spreading reward (Ahuja, Magnanti & Orlin 1993, *Network Flows*, §9.7 and
/// §14.2); see the [module docs](self#algorithm).
///
/// # Complexity
///
/// `O(F · E log V)` time for `F` pairs formed besides the locked ones and those formed
/// without a search (every optimum holds a pair open to two people who have room for every
/// pair open to them: where no capacity limits, none is left to search), `E ≤ n·m + n + m` arcs
/// and `V = n + m + 2` nodes, plus `O(n·m log L)` to set up with `L` locks; `O(n·m)` extra
/// memory (one byte a cell, and 16 bytes a pair formed without a search) besides `O(n + m)`.
///
/// # Errors
///
/// [`MatrixError::TooLarge`] when the list of the pairs formed without a search cannot be
/// allocated (it may hold every cell). Otherwise none: a [`Problem`] is validated when built.
///
/// # Examples
///
/// Two seniors may each take two juniors; junior 2 is locked with senior 1 by the coordinator:
///
/// ```
/// use mentor_match::capacitated::{solve, Options, Problem};
///
/// let problem = Problem::new(3, 2, vec![
///     0.9, 0.2,
///     0.8, 0.7,
///     0.1, 0.3,
/// ])?
/// .with_senior_capacities(vec![2, 2])?
/// .with_lock(2, 1)?;
/// let s = solve(&problem, Options::new())?;
/// assert_eq!(s.pairs(), &[(0, 0), (1, 0), (2, 1)]);
/// assert!((s.total() - 2.0).abs() < 1e-12);
/// assert_eq!(s.senior_unfilled_capacity(), &[0, 1]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn solve(problem: &Problem, options: Options) -> Result<Solution> {
    let arcs = Dense {
        juniors: problem.juniors,
        seniors: problem.seniors,
        weights: &problem.weights,
    };
    let side = |capacities, minimums| Side {
        capacities,
        minimums,
    };
    // The pairs every optimum holds are formed with the locks, without a search.
    let locks = with_free_pairs(problem, options)?;
    let mut network = Network::new(
        &arcs,
        side(&problem.junior_capacities, &problem.junior_minimums),
        side(&problem.senior_capacities, &problem.senior_minimums),
        &locks,
        options,
    );
    network.run();
    let capacities = (
        &problem.junior_capacities[..],
        &problem.senior_capacities[..],
    );
    Ok(network.finish(&locks, capacities, options))
}

/// The optimum of [`solve`] on the present cells of a sparse matrix alone (absent cells are
/// forbidden), without minimums or locks: the same objective, in `O(E)` memory for `E`
/// present cells instead of `O(n·m)`. Without labels, where everyone on one side takes at
/// most one partner and the most pairs come first, the assignment engine solves it on copies
/// of the other side on up to `threads` threads (see the `copies` module), else the network. With
/// [`Labels::Network`], the network, and also its final labels (one more search over it),
/// unless rounding keeps that search from settling; with [`Labels::CopiesOrNetwork`], the
/// copies and their potentials where every junior takes one partner and copies apply, else
/// the same as with [`Labels::Network`]. With `start`, an optimum on a subset of
/// these cells (the same capacities) with its network's labels: the network starts from
/// its pairs and labels, one search for each new cell that gains instead of one per pair (or
/// from nothing, where that cannot work or would not pay).
///
/// The cells must be finite (or `-inf`, forbidden) and as bounded as [`Problem::new`] asks,
/// and the capacities one per row and per column; the sparse matcher builds them so.
pub(crate) fn solve_sparse(
    weights: &SparseMatrix<f64>,
    junior_capacities: &[u32],
    senior_capacities: &[u32],
    options: Options,
    labels: Labels,
    start: Option<Start<'_>>,
    threads: usize,
) -> Optimum {
    debug_assert_eq!(junior_capacities.len(), weights.rows());
    debug_assert_eq!(senior_capacities.len(), weights.cols());
    let on_copies = match labels {
        Labels::Without => true,
        // The copies' potentials come by junior and place only where the juniors are the rows.
        Labels::CopiesOrNetwork => junior_capacities.iter().all(|&c| c <= 1),
        Labels::Network => false,
    };
    // Asked for labels, copies without exact potentials fall through to the network.
    if on_copies
        && let Some((solution, potentials)) = copies::solve(
            weights,
            junior_capacities,
            senior_capacities,
            options,
            threads,
        )
        && (labels != Labels::CopiesOrNetwork || potentials.is_some())
    {
        return Optimum {
            solution,
            labels: None,
            copies: potentials.filter(|_| labels == Labels::CopiesOrNetwork),
        };
    }
    let (junior_minimums, senior_minimums) = (vec![0; weights.rows()], vec![0; weights.cols()]);
    let network = || {
        Network::new(
            weights,
            Side {
                capacities: junior_capacities,
                minimums: &junior_minimums,
            },
            Side {
                capacities: senior_capacities,
                minimums: &senior_minimums,
            },
            &[],
            options,
        )
    };
    let mut network = match start {
        Some(Start { pairs, labels }) => {
            let mut warm = network();
            if warm.start_from(pairs, labels) {
                warm
            } else {
                network()
            }
        }
        None => network(),
    };
    network.run();
    let solution = network.finish(&[], (junior_capacities, senior_capacities), options);
    let labels = match labels {
        Labels::Without => None,
        Labels::CopiesOrNetwork | Labels::Network => network.labels(),
    };
    Optimum {
        solution,
        labels,
        copies: None,
    }
}

/// What [`solve_sparse`] found: the optimum, and what prices it if asked for and found: the
/// final network's labels, or the copies' potentials.
pub(crate) struct Optimum {
    pub(crate) solution: Solution,
    pub(crate) labels: Option<Vec<Cost>>,
    pub(crate) copies: Option<CopyPotentials>,
}

/// An earlier optimum for [`solve_sparse`] to start from: its pairs and the labels of its
/// final network (every node's).
pub(crate) struct Start<'a> {
    pub(crate) pairs: &'a [(usize, usize)],
    pub(crate) labels: &'a [Cost],
}

/// What [`solve_sparse`] returns besides the optimum to price the pairs outside the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Labels {
    /// Nothing.
    Without,
    /// Where every junior takes one partner and copies apply, the engine's potentials of the
    /// copies (one shortest-path search a pair is what the network costs once pairs stop
    /// tying); else the network's labels.
    CopiesOrNetwork,
    /// The labels of the final network, under which no arc of it gains (juniors, then
    /// seniors, then the sink's and the source's).
    Network,
}
