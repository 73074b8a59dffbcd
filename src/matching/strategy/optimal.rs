//! The optimising strategies: utilitarian, Nash, bottleneck and leximin, each solved exactly
//! with the crate's [assignment engine](crate::assignment).

use super::pairing::{Pairing, Strategy};
use crate::matching::assignment::{self, Cardinality, Matrix, Options, Sense};
use crate::matching::error::Result;
use crate::matching::flow::bipartite;
use crate::matching::pair_scores::{Combination, PairScores};

/// The largest sum of both utilities: the classic assignment problem, solved by the engine.
///
/// By default each pair is worth `junior_gain + senior_gain` (as [`Combination::Sum`], up to a
/// factor of 2 that does not change the optimum) and the number of pairs is whatever maximises
/// the sum ([`Cardinality::Any`]). [`combination`](Self::combination) and
/// [`cardinality`](Self::cardinality) change either; the [`Matcher`](crate::Matcher) uses its
/// own combination and "most pairs first" this way.
///
/// # Complexity
///
/// `O(n²m)` time in the worst case for `n ≤ m` (the engine), `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // Junior 0 and senior 0 would love each other, but then junior 1 and senior 1 gain little.
/// let scores = PairScores::new(2, 2, vec![0.9, 0.6, 0.6, 0.1], vec![0.9, 0.6, 0.6, 0.1])?;
/// let pairing = Utilitarian::new().pair(&scores)?;
/// assert_eq!(pairing.pairs(), &[(0, 1), (1, 0)]); // 2.4 in all, against 2.0
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Utilitarian {
    combination: Combination,
    cardinality: Cardinality,
}

impl Utilitarian {
    /// The sum of both utilities, with as many pairs as that takes.
    pub fn new() -> Self {
        Utilitarian {
            combination: Combination::Sum,
            cardinality: Cardinality::Any,
        }
    }

    crate::support::setters::field_setters! {
        /// How a pair's two utilities combine into its weight.
        with_combination(combination: Combination) was combination;

        /// How many pairs: [`Cardinality::Maximum`] forms as many pairs as the allowed pairs permit
        /// before maximising the sum.
        with_cardinality(cardinality: Cardinality) was cardinality;
    }
}

impl Default for Utilitarian {
    fn default() -> Self {
        Utilitarian::new()
    }
}

impl Strategy for Utilitarian {
    fn name(&self) -> &str {
        "utilitarian"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        self.combination.validate()?;
        let c = self.combination;
        let weights = pair_matrix(scores, |a, b| c.combine(a, b))?;
        best_pairing(scores, &weights, self.cardinality)
    }
}

/// The largest Nash welfare: first as many agents with a positive utility as possible, then the
/// largest product of those utilities.
///
/// Both levels are one assignment problem: a pair is worth `M·c + ln a + ln b`, where `c` counts
/// its agents with a positive utility (0, 1 or 2), the logarithms are taken over those agents
/// only, and `M` exceeds any difference the logarithms can make
/// (`M = 4·min(n, m)·max|ln u| + 1`), so the count is maximised first (Caragiannis et al. 2019,
/// "The unreasonable fairness of maximum Nash welfare", use the same "largest set first" rule).
/// Exact up to the rounding of the logarithms and their sums in `f64`.
///
/// # Complexity
///
/// `O(n²m)` time (one engine solve), `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Nash, Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // Sums favour (0,0) + (1,1): 1.0 + 0.9 + 0.05 + 0.05 = 2.0 against 1.6; the product favours
/// // the balanced pairing: 0.4⁴ = 0.0256 against 1.0 · 0.9 · 0.05² = 0.00225.
/// let scores = PairScores::new(2, 2, vec![1.0, 0.4, 0.4, 0.05], vec![0.9, 0.4, 0.4, 0.05])?;
/// assert_eq!(Utilitarian::new().pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(Nash.pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Nash;

impl Strategy for Nash {
    fn name(&self) -> &str {
        "nash"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let largest_log = scores
            .junior_gains()
            .iter()
            .chain(scores.senior_gains())
            .filter(|&&u| u > 0.0)
            .map(|&u| u.ln().abs())
            .fold(0.0_f64, f64::max);
        let k = scores.juniors().min(scores.seniors()) as f64;
        let big = 4.0 * k * largest_log + 1.0;
        let agent = |u: f64| if u > 0.0 { big + u.ln() } else { 0.0 };
        let weights = pair_matrix(scores, |a, b| agent(a) + agent(b))?;
        best_pairing(scores, &weights, Cardinality::Any)
    }
}

/// The largest smallest utility, then the largest sum among the pairings that reach it.
///
/// The smallest utility is the crate's [`min_utility`](crate::metrics::Report::min_utility):
/// over every agent of the smaller side (0 when unmatched) and the matched agents of the larger
/// side. When the allowed pairs can pair everyone on the smaller side, the strategy searches the
/// largest threshold `t` such that the pairs whose two utilities are both at least `t` still
/// pair everyone on the smaller side (binary search over the distinct values, each step a
/// Hopcroft–Karp matching test), then maximises the summed utility over those pairs with the
/// engine. When they cannot, or when that threshold is 0, every pairing's smallest utility is 0
/// and the strategy maximises the sum, as [`Utilitarian`] does. This is the bottleneck assignment problem (Gross 1959;
/// Burkard, Dell'Amico & Martello 2012, ch. 6) with a utilitarian second level.
///
/// # Complexity
///
/// `O(nm log(nm))` time for sorting the thresholds, `O(nm √(n+m) log(nm))` for the matching
/// tests, and one engine solve, `O(n²m)`; `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Bottleneck, Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // The utilitarian pairing leaves senior 1 with 0.1; the bottleneck pairing gives everyone 0.5.
/// let scores = PairScores::new(2, 2, vec![1.0, 0.5, 0.5, 1.0], vec![1.0, 0.5, 0.5, 0.1])?;
/// assert_eq!(Utilitarian::new().pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(Bottleneck.pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bottleneck;

impl Strategy for Bottleneck {
    fn name(&self) -> &str {
        "bottleneck"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let (n, m) = (scores.juniors(), scores.seniors());
        let (a, b, ok) = (
            scores.junior_gains(),
            scores.senior_gains(),
            scores.allowed(),
        );
        let floor = |k: usize| a[k].min(b[k]);
        let covers = |t: f64| covers_smaller_side(n, m, |k| ok[k] && floor(k) >= t);
        let threshold = if covers(0.0) {
            let mut values: Vec<f64> = (0..n * m).filter(|&k| ok[k]).map(floor).collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            // values[lo] always covers (the smallest value admits every allowed pair); find
            // the last value that still covers.
            let (mut lo, mut hi) = (0, values.len());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if covers(values[mid]) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            values.get(lo).copied()
        } else {
            None
        };
        // A threshold of 0 constrains nothing: every pairing's smallest utility is then 0.
        let (weights, cardinality) = match threshold.filter(|&t| t > 0.0) {
            Some(t) => (
                Matrix::from_fn(n, m, |j, s| {
                    let k = j * m + s;
                    if ok[k] && floor(k) >= t {
                        a[k] + b[k]
                    } else {
                        f64::NEG_INFINITY
                    }
                })?,
                Cardinality::Maximum,
            ),
            None => (pair_matrix(scores, |x, y| x + y)?, Cardinality::Any),
        };
        best_pairing(scores, &weights, cardinality)
    }
}

/// The pairing of largest total `weights` (the engine, maximising) with `cardinality`.
fn best_pairing(
    scores: &PairScores,
    weights: &Matrix<f64>,
    cardinality: Cardinality,
) -> Result<Pairing> {
    let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
    let solution = assignment::solve_with(weights, options)?;
    Pairing::new(scores, solution.pairs().to_vec())
}

/// Whether the pairs `admit` accepts (by cell index `junior * m + senior`) can pair everyone on
/// the smaller side (both sides when they are equal).
fn covers_smaller_side(n: usize, m: usize, admit: impl Fn(usize) -> bool) -> bool {
    let juniors_left = n <= m;
    let (left, right) = if juniors_left { (n, m) } else { (m, n) };
    let mut start = Vec::with_capacity(left + 1);
    let mut targets = Vec::new();
    start.push(0);
    for i in 0..left {
        let cell = |r: usize| if juniors_left { i * m + r } else { r * m + i };
        targets.extend((0..right).filter(|&r| admit(cell(r))));
        start.push(targets.len());
    }
    let graph = bipartite::Graph {
        right,
        start: &start,
        targets: &targets,
    };
    bipartite::maximum_matching_size(&graph) == left
}

/// The engine's weight matrix for `scores`: `weight(a, b)` on allowed pairs, `-inf` on
/// forbidden ones.
fn pair_matrix(scores: &PairScores, weight: impl Fn(f64, f64) -> f64) -> Result<Matrix<f64>> {
    let (a, b, ok) = (
        scores.junior_gains(),
        scores.senior_gains(),
        scores.allowed(),
    );
    let data = (0..a.len())
        .map(|k| {
            if ok[k] {
                weight(a[k], b[k])
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    Matrix::from_vec(scores.juniors(), scores.seniors(), data)
}

/// The leximin pairing: the sorted vector of all agents' utilities (unmatched agents count 0)
/// is lexicographically largest; among several, the largest summed utility.
///
/// Comparing sorted vectors lexicographically is the same as comparing, for each utility value
/// `v` in increasing order, how many agents get at least `v`. The strategy maximises these
/// counts one value at a time, exactly, keeping for each agent which partners are still open
/// to it and whether it may still go unmatched:
///
/// - at value `v`, if every agent that can still reach `v` already does in the current
///   pairing, nothing needs solving: those agents keep only their pairs worth at least `v`
///   (and may no longer go unmatched);
/// - otherwise the engine maximises the count on the `n × m` matrix of open pairs (a pair is
///   worth 0, 1 or 2, staying unmatched 0, with [`Cardinality::Any`]; an agent that may not go
///   unmatched adds a bonus larger than any count to each of its pairs, so the integer optimum
///   matches every such agent first), and only the pairs tight under its dual certificate stay
///   open, and an agent may go unmatched only if its potential is 0: by complementary
///   slackness, the pairings on tight pairs are exactly the optimal ones, so later values
///   optimise among them without losing what earlier values won.
///
/// Values where nobody can improve are skipped without a solve, so the number of solves is
/// usually far smaller than the number of distinct utilities; and pairs that every remaining
/// optimal pairing contains (an agent with a single option) are fixed and left out of later
/// solves, which shrink as the search settles agents. A last solve picks the largest sum among
/// the leximin-optimal pairings, on the sparse engine (agents that may go unmatched get a
/// place of their own). This is the lexicographic bottleneck idea of Burkard & Rendl (1991),
/// with agents on both sides.
///
/// # Complexity
///
/// `O(s · n m (n + m))` time for `s` engine solves (`s ≤` the number of distinct utility values
/// plus 1; in practice a few dozen), plus `O(n m)` per solve for the bookkeeping; `O(n m)`
/// memory (no more than the two gain matrices take).
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Bottleneck, Leximin, Strategy};
/// use mentor_match::PairScores;
///
/// // Bottleneck only looks at the worst-off agent (0.2 either way, junior 2 or senior 2) and
/// // then maximises the sum; leximin also lifts the second worst-off.
/// let scores = PairScores::new(
///     3, 3,
///     vec![0.9, 0.3, 0.2, 0.3, 0.9, 0.2, 0.2, 0.2, 0.2],
///     vec![0.9, 0.3, 0.2, 0.3, 0.9, 0.2, 0.2, 0.2, 0.2],
/// )?;
/// let leximin = Leximin.pair(&scores)?;
/// assert_eq!(leximin.pairs(), &[(0, 0), (1, 1), (2, 2)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leximin;

impl Strategy for Leximin {
    fn name(&self) -> &str {
        "leximin"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let pairs = LeximinSearch::new(scores)?.run()?;
        Pairing::new(scores, pairs)
    }
}

/// Marks an unmatched agent.
const NONE: usize = usize::MAX;

/// The state of the leximin search. Agents `0..n` are juniors, `n..n + m` seniors.
struct LeximinSearch<'a> {
    scores: &'a PairScores,
    n: usize,
    m: usize,
    /// Pairs still open, row-major `n × m` (juniors × seniors).
    open: Vec<bool>,
    /// Per agent: whether it may still go unmatched.
    may_be_out: Vec<bool>,
    /// The distinct positive utilities, increasing: the values whose counts are maximised.
    levels: Vec<f64>,
    /// The current pairing: each junior's senior (`NONE` when unmatched).
    senior_of: Vec<usize>,
}

impl<'a> LeximinSearch<'a> {
    fn new(scores: &'a PairScores) -> Result<Self> {
        let (n, m) = (scores.juniors(), scores.seniors());
        let mut levels: Vec<f64> = (0..n * m)
            .filter(|&k| scores.allowed()[k])
            .flat_map(|k| [scores.junior_gains()[k], scores.senior_gains()[k]])
            .filter(|&u| u > 0.0)
            .collect();
        levels.sort_by(f64::total_cmp);
        levels.dedup();
        Ok(LeximinSearch {
            scores,
            n,
            m,
            open: scores.allowed().to_vec(),
            may_be_out: vec![true; n + m],
            levels,
            // Everyone unmatched: a valid start.
            senior_of: vec![NONE; n],
        })
    }

    /// Agent `i`'s utility from the pair `(j, s)`, which must involve it.
    fn utility(&self, agent: usize, j: usize, s: usize) -> f64 {
        if agent < self.n {
            self.scores.junior_gains()[j * self.m + s]
        } else {
            self.scores.senior_gains()[j * self.m + s]
        }
    }

    /// The pairs of agent `i`: a junior's row, a senior's column.
    fn pairs_of(&self, agent: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (n, m) = (self.n, self.m);
        let junior = agent < n;
        let count = if junior { m } else { n };
        (0..count).map(move |k| if junior { (agent, k) } else { (k, agent - n) })
    }

    /// Each agent's utility in the current pairing.
    fn current_utilities(&self) -> Vec<f64> {
        let (n, m) = (self.n, self.m);
        let mut u = vec![0.0; n + m];
        for (j, &s) in self.senior_of.iter().enumerate() {
            if s != NONE {
                u[j] = self.scores.junior_gains()[j * m + s];
                u[n + s] = self.scores.senior_gains()[j * m + s];
            }
        }
        u
    }

    fn level_above(&self, u: f64) -> usize {
        self.levels.partition_point(|&v| v <= u)
    }

    /// Whether agent `i` can get to the value of level `e` through a pair open under
    /// `thresholds`.
    fn reachable(&self, i: usize, e: usize, current: &[f64], thresholds: &[f64]) -> bool {
        let v = self.levels[e];
        current[i] < v
            && self.pairs_of(i).any(|(j, s)| {
                self.open[j * self.m + s]
                    && self.pair_passes(j, s, thresholds)
                    && self.utility(i, j, s) >= v
            })
    }

    fn run(mut self) -> Result<Vec<(usize, usize)>> {
        let agents = self.n + self.m;
        // Levels with an index at most `settled` are fully optimised and baked into `open`.
        let mut settled: Option<usize> = None;
        loop {
            let current = self.current_utilities();
            // Candidate events: the first value above each agent's current utility that is not
            // settled yet (settled values are optimal on the open pairs already; checking them
            // again could only repeat a solve).
            let first_open = settled.map_or(0, |k| k + 1);
            let candidates: Vec<(usize, usize)> = (0..agents)
                .map(|i| (self.level_above(current[i]).max(first_open), i))
                .filter(|&(e, _)| e < self.levels.len())
                .collect();
            // In (value, agent) order; the candidates at the lowest value, usually the most
            // (every unmatched agent's), come first without a sort, which the rest need only
            // when none of those can improve.
            let lowest = candidates.iter().map(|&(e, _)| e).min();
            let (mut first, mut rest): (Vec<_>, Vec<_>) = candidates
                .into_iter()
                .partition(|&(e, _)| Some(e) == lowest);
            first.sort_unstable();
            let mut thresholds: Option<(usize, Vec<f64>)> = None;
            let mut event = self.first_event(&first, &current, settled, &mut thresholds);
            if event.is_none() && !rest.is_empty() {
                rest.sort_unstable();
                event = self.first_event(&rest, &current, settled, &mut thresholds);
            }
            match event {
                Some(e) => {
                    let thresholds = self.thresholds(&current, settled, e);
                    self.apply(&thresholds);
                    let v = self.levels[e];
                    self.solve_level(v)?;
                    settled = Some(e);
                }
                None => {
                    let thresholds = self.thresholds(&current, settled, self.levels.len());
                    self.apply(&thresholds);
                    return self.best_sum();
                }
            }
        }
    }

    /// The value of the first of `candidates` (in `(value, agent)` order) whose agent can
    /// reach it, if any. `thresholds` caches the thresholds of the last value looked at.
    fn first_event(
        &self,
        candidates: &[(usize, usize)],
        current: &[f64],
        settled: Option<usize>,
        thresholds: &mut Option<(usize, Vec<f64>)>,
    ) -> Option<usize> {
        for &(e, i) in candidates {
            // Values after `settled` and below `e` needed no solve: every agent at or above
            // such a value keeps only pairs worth at least it. Agent p's threshold is thus
            // min(its current utility, the value below e), if above `settled`.
            if thresholds.as_ref().is_none_or(|(at, _)| *at != e) {
                *thresholds = Some((e, self.thresholds(current, settled, e)));
            }
            let t = thresholds.as_ref().map_or(&[][..], |(_, t)| t.as_slice());
            if self.reachable(i, e, current, t) {
                return Some(e);
            }
        }
        None
    }

    /// Per agent, the smallest utility its pairs must keep given the skipped values in
    /// `(settled, e)`: `min(current utility, levels[e - 1])` when that is above the settled
    /// value, else none (`-inf`).
    fn thresholds(&self, current: &[f64], settled: Option<usize>, e: usize) -> Vec<f64> {
        let below_e = e.checked_sub(1).map(|k| self.levels[k]);
        let floor = settled.map(|k| self.levels[k]);
        current
            .iter()
            .map(|&u| match below_e {
                Some(top) => {
                    let t = u.min(top);
                    if floor.is_none_or(|f| t > f) && t > 0.0 {
                        t
                    } else {
                        f64::NEG_INFINITY
                    }
                }
                None => f64::NEG_INFINITY,
            })
            .collect()
    }

    /// Whether both agents of the pair `(j, s)` keep it under `thresholds`.
    fn pair_passes(&self, j: usize, s: usize, thresholds: &[f64]) -> bool {
        let k = j * self.m + s;
        self.scores.junior_gains()[k] >= thresholds[j]
            && self.scores.senior_gains()[k] >= thresholds[self.n + s]
    }

    /// Closes the pairs an agent's threshold no longer admits; an agent with a threshold
    /// (above 0) may no longer go unmatched.
    fn apply(&mut self, thresholds: &[f64]) {
        for (agent, &t) in thresholds.iter().enumerate() {
            if t == f64::NEG_INFINITY {
                continue;
            }
            self.may_be_out[agent] = false;
            let pairs: Vec<(usize, usize)> = self.pairs_of(agent).collect();
            for (j, s) in pairs {
                let k = j * self.m + s;
                if self.open[k] && !self.pair_passes(j, s, thresholds) {
                    self.open[k] = false;
                }
            }
        }
    }

    /// Maximises how many agents get at least `v` over the open pairs, every agent that may not
    /// go unmatched matched, then keeps only the pairs (and the unmatched agents) tight under
    /// the solution's dual certificate.
    fn solve_level(&mut self, v: f64) -> Result<()> {
        let (n, m) = (self.n, self.m);
        let (a, b) = (self.scores.junior_gains(), self.scores.senior_gains());
        let (rows, cols) = self.reduce();
        // A pair counts at most 2 and a pairing has at most min(n, m) pairs: a bonus above
        // twice that for each agent that must be matched puts matching them all first, in
        // exact integers. (The current pairing matches them all, so the optimum does too.)
        let bonus = 2 * rows.len().min(cols.len()) as i64 + 1;
        let mut data = Vec::with_capacity(rows.len() * cols.len());
        for &j in &rows {
            let must_j = i64::from(!self.may_be_out[j]) * bonus;
            data.extend(cols.iter().map(|&s| {
                let k = j * m + s;
                if self.open[k] {
                    let must_s = i64::from(!self.may_be_out[n + s]) * bonus;
                    i64::from(a[k] >= v) + i64::from(b[k] >= v) + must_j + must_s
                } else {
                    i64::MIN
                }
            }));
        }
        let weights = Matrix::from_vec(rows.len(), cols.len(), data)?;
        let options = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
        let solution = assignment::solve_with(&weights, options)?;
        let (u, w) = (solution.row_potentials(), solution.col_potentials());
        // Complementary slackness: the optimal pairings are exactly those on pairs where
        // u[j] + w[s] equals the weight, leaving unmatched only agents whose potential is 0.
        let data = weights.as_slice();
        let width = cols.len();
        for (i, &uj) in u.iter().enumerate() {
            for (k, &ws) in w.iter().enumerate() {
                let x = data[i * width + k];
                if x != i64::MIN && uj + ws != i128::from(x) {
                    self.open[rows[i] * m + cols[k]] = false;
                }
            }
            self.may_be_out[rows[i]] &= uj == 0;
        }
        for (k, &ws) in w.iter().enumerate() {
            self.may_be_out[n + cols[k]] &= ws == 0;
        }
        for &j in &rows {
            self.senior_of[j] = NONE;
        }
        for &(i, k) in solution.pairs() {
            self.senior_of[rows[i]] = cols[k];
        }
        Ok(())
    }

    /// Fixes every forced choice and returns the juniors and seniors left to solve.
    ///
    /// An agent with a single option (one open pair, or going unmatched and no open pair) takes
    /// it in every pairing that respects the open pairs; fixing a pair closes the other pairs of
    /// both agents, which may force further choices. The pairings of the rest are unchanged,
    /// so solving only the rest is exact, and it shrinks the problem as the search settles
    /// more agents.
    fn reduce(&mut self) -> (Vec<usize>, Vec<usize>) {
        let (n, m) = (self.n, self.m);
        // Options per agent: its open pairs, and going unmatched when allowed.
        let mut options: Vec<usize> = self.may_be_out.iter().map(|&b| usize::from(b)).collect();
        for j in 0..n {
            for s in 0..m {
                if self.open[j * m + s] {
                    options[j] += 1;
                    options[n + s] += 1;
                }
            }
        }
        let mut done = vec![false; n + m];
        let mut queue: Vec<usize> = (0..n + m).filter(|&i| options[i] == 1).collect();
        while let Some(i) = queue.pop() {
            if done[i] || options[i] != 1 {
                continue;
            }
            done[i] = true;
            let pair = self.pairs_of(i).find(|&(j, s)| self.open[j * m + s]);
            let Some((j, s)) = pair else {
                // Its one option is to go unmatched.
                if i < n {
                    self.senior_of[i] = NONE;
                }
                continue;
            };
            let other = if i < n { n + s } else { j };
            done[other] = true;
            self.senior_of[j] = s;
            // Both are matched now: close their other pairs, updating the options they fed.
            self.may_be_out[j] = false;
            self.may_be_out[n + s] = false;
            for k in 0..m {
                if k != s && self.open[j * m + k] {
                    self.open[j * m + k] = false;
                    options[n + k] -= 1;
                    if options[n + k] == 1 && !done[n + k] {
                        queue.push(n + k);
                    }
                }
            }
            for k in 0..n {
                if k != j && self.open[k * m + s] {
                    self.open[k * m + s] = false;
                    options[k] -= 1;
                    if options[k] == 1 && !done[k] {
                        queue.push(k);
                    }
                }
            }
        }
        let rows = (0..n).filter(|&j| !done[j]).collect();
        let cols = (0..m).filter(|&s| !done[n + s]).collect();
        (rows, cols)
    }

    /// Among the pairings left (all leximin-optimal), one with the largest summed utility.
    ///
    /// A perfect matching of a square sparse matrix: rows are the juniors and one row per
    /// senior, columns the seniors and one column per junior. A junior takes a senior or, if it
    /// may go unmatched, its own column; a senior's row takes the senior's column if it may go
    /// unmatched, or any junior's column (a junior then matched, whose own column is free): so
    /// the perfect matchings are exactly the pairings that match every agent that must be, and
    /// the most pairs first finds a perfect one, with the largest sum. The senior rows ×
    /// junior columns block is `m n` cells, so the matrix stays `O(n m)`.
    fn best_sum(&mut self) -> Result<Vec<(usize, usize)>> {
        let (n, m) = (self.n, self.m);
        let (a, b) = (self.scores.junior_gains(), self.scores.senior_gains());
        let (rows, cols) = self.reduce();
        let (nj, ms) = (rows.len(), cols.len());
        let mut triplets = Vec::new();
        for (i, &j) in rows.iter().enumerate() {
            for (k, &s) in cols.iter().enumerate() {
                if self.open[j * m + s] {
                    triplets.push((i, k, a[j * m + s] + b[j * m + s]));
                }
            }
            if self.may_be_out[j] {
                triplets.push((i, ms + i, 0.0));
            }
        }
        for (k, &s) in cols.iter().enumerate() {
            if self.may_be_out[n + s] {
                triplets.push((nj + k, k, 0.0));
            }
            triplets.extend((0..nj).map(|i| (nj + k, ms + i, 0.0)));
        }
        let size = nj + ms;
        let weights = assignment::SparseMatrix::from_triplets(size, size, triplets)?;
        let solution = assignment::solve_sparse(&weights, Options::new(Sense::Maximize))?;
        for &j in &rows {
            self.senior_of[j] = NONE;
        }
        for &(i, k) in solution.pairs() {
            if i < nj && k < ms {
                self.senior_of[rows[i]] = cols[k];
            }
        }
        debug_assert_eq!(
            solution.pairs().len(),
            size,
            "the current pairing is a perfect one"
        );
        Ok((0..n)
            .map(|j| (j, self.senior_of[j]))
            .filter(|&(_, s)| s != NONE)
            .collect())
    }
}
