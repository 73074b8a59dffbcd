//! The optimising strategies: utilitarian, Nash, bottleneck and leximin, each solved exactly
//! with the crate's [assignment engine](crate::assignment).

use super::{Pairing, Strategy};
use crate::assignment::{self, Cardinality, Matrix, Options, Sense};
use crate::bipartite;
use crate::error::Result;
use crate::pair_scores::{Combination, PairScores};

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
/// let pairing = Utilitarian::new().pair(&scores, 0)?;
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

    /// How a pair's two utilities combine into its weight.
    pub fn combination(mut self, combination: Combination) -> Self {
        self.combination = combination;
        self
    }

    /// How many pairs: [`Cardinality::Maximum`] forms as many pairs as the allowed pairs permit
    /// before maximising the sum.
    pub fn cardinality(mut self, cardinality: Cardinality) -> Self {
        self.cardinality = cardinality;
        self
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

    fn pair(&self, scores: &PairScores, _seed: u64) -> Result<Pairing> {
        self.combination.validate()?;
        let c = self.combination;
        let weights = pair_matrix(scores, |a, b| c.combine(a, b))?;
        let options = Options::new(Sense::Maximize).with_cardinality(self.cardinality);
        let solution = assignment::solve_with(&weights, options)?;
        Pairing::new(scores, solution.pairs().to_vec())
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
/// assert_eq!(Utilitarian::new().pair(&scores, 0)?.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(Nash.pair(&scores, 0)?.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Nash;

impl Strategy for Nash {
    fn name(&self) -> &str {
        "nash"
    }

    fn pair(&self, scores: &PairScores, _seed: u64) -> Result<Pairing> {
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
        let options = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
        let solution = assignment::solve_with(&weights, options)?;
        Pairing::new(scores, solution.pairs().to_vec())
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
/// assert_eq!(Utilitarian::new().pair(&scores, 0)?.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(Bottleneck.pair(&scores, 0)?.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bottleneck;

impl Strategy for Bottleneck {
    fn name(&self) -> &str {
        "bottleneck"
    }

    fn pair(&self, scores: &PairScores, _seed: u64) -> Result<Pairing> {
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
        let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
        let solution = assignment::solve_with(&weights, options)?;
        Pairing::new(scores, solution.pairs().to_vec())
    }
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
/// counts one value at a time, exactly, on the assignment problem of size `n + m` in which each
/// agent may also pair with its own "unmatched" slot:
///
/// - at value `v`, if every agent that can still reach `v` already does in the current
///   pairing, nothing needs solving: those agents keep only their pairs worth at least `v`;
/// - otherwise the engine maximises the count (a pair is worth 0, 1 or 2), and only the cells
///   that are tight under its dual certificate stay allowed: by complementary slackness, the
///   perfect matchings on tight cells are exactly the optimal ones, so later values optimise
///   among them without losing what earlier values won.
///
/// Values where nobody can improve are skipped without a solve, so the number of solves is
/// usually far smaller than the number of distinct utilities; and pairs that every remaining
/// optimal pairing contains (a row or column with a single allowed cell) are fixed and left
/// out of later solves, which shrink as the search settles agents. A last solve picks the largest
/// sum among the leximin-optimal pairings. This is the lexicographic bottleneck idea of Burkard
/// & Rendl (1991), with agents on both sides.
///
/// # Complexity
///
/// `O(s · (n + m)³)` time for `s` engine solves (`s ≤` the number of distinct utility values
/// plus 1; in practice a few dozen), plus `O((n + m)²)` per solve for the bookkeeping;
/// `O((n + m)²)` memory.
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
/// let leximin = Leximin.pair(&scores, 0)?;
/// assert_eq!(leximin.pairs(), &[(0, 0), (1, 1), (2, 2)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leximin;

impl Strategy for Leximin {
    fn name(&self) -> &str {
        "leximin"
    }

    fn pair(&self, scores: &PairScores, _seed: u64) -> Result<Pairing> {
        let pairs = LeximinSearch::new(scores).run()?;
        Pairing::new(scores, pairs)
    }
}

/// The state of the leximin search on the square problem of size `z = n + m`.
///
/// Rows `0..n` are juniors and rows `n..n + m` the seniors' "unmatched" slots; columns `0..m`
/// are seniors and columns `m..m + n` the juniors' "unmatched" slots. Cell `(j, s)` is the pair,
/// `(j, m + j)` leaves junior `j` unmatched, `(n + s, s)` leaves senior `s` unmatched, and the
/// slot × slot block is free filler, so perfect matchings of the square are exactly the
/// pairings of the instance.
struct LeximinSearch<'a> {
    scores: &'a PairScores,
    n: usize,
    m: usize,
    z: usize,
    /// Cells still allowed, row-major `z × z`.
    alive: Vec<bool>,
    /// The distinct positive utilities, increasing: the values whose counts are maximised.
    levels: Vec<f64>,
    /// The current pairing as the square's column of each row.
    col_of_row: Vec<usize>,
}

impl<'a> LeximinSearch<'a> {
    fn new(scores: &'a PairScores) -> Self {
        let (n, m) = (scores.juniors(), scores.seniors());
        let z = n + m;
        let mut alive = vec![false; z * z];
        for j in 0..n {
            for s in 0..m {
                alive[j * z + s] = scores.is_allowed(j, s);
            }
            alive[j * z + m + j] = true;
        }
        for s in 0..m {
            let row = n + s;
            alive[row * z + s] = true;
            alive[row * z + m..row * z + z].fill(true);
        }
        let mut levels: Vec<f64> = (0..n * m)
            .filter(|&k| scores.allowed()[k])
            .flat_map(|k| [scores.junior_gains()[k], scores.senior_gains()[k]])
            .filter(|&u| u > 0.0)
            .collect();
        levels.sort_by(f64::total_cmp);
        levels.dedup();
        // Everyone unmatched: a perfect matching of the square, and a valid start.
        let col_of_row = (0..z).map(|r| if r < n { m + r } else { r - n }).collect();
        LeximinSearch {
            scores,
            n,
            m,
            z,
            alive,
            levels,
            col_of_row,
        }
    }

    /// Agent `i`'s utility in cell `(row, col)`: agents `0..n` are juniors, `n..n + m` seniors.
    /// `None` when the cell does not involve the agent.
    fn utility(&self, agent: usize, row: usize, col: usize) -> Option<f64> {
        let (n, m) = (self.n, self.m);
        if agent < n {
            (row == agent).then(|| {
                if col < m {
                    self.scores.junior_gains()[agent * m + col]
                } else {
                    0.0
                }
            })
        } else {
            let s = agent - n;
            (col == s).then(|| {
                if row < n {
                    self.scores.senior_gains()[row * m + s]
                } else {
                    0.0
                }
            })
        }
    }

    /// The cells of agent `i`: its row (a junior) or its column (a senior).
    fn cells(&self, agent: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (n, z) = (self.n, self.z);
        // A junior's cells are its row, a senior's its column.
        let junior = agent < n;
        let fixed = if junior { agent } else { agent - n };
        (0..z).map(move |k| if junior { (fixed, k) } else { (k, fixed) })
    }

    /// Each agent's utility in the current pairing.
    fn current_utilities(&self) -> Vec<f64> {
        let (n, m) = (self.n, self.m);
        let mut u = vec![0.0; n + m];
        for j in 0..n {
            let c = self.col_of_row[j];
            if c < m {
                u[j] = self.scores.junior_gains()[j * m + c];
                u[n + c] = self.scores.senior_gains()[j * m + c];
            }
        }
        u
    }

    fn level_above(&self, u: f64) -> usize {
        self.levels.partition_point(|&v| v <= u)
    }

    fn run(mut self) -> Result<Vec<(usize, usize)>> {
        let agents = self.n + self.m;
        // Levels with an index at most `settled` are fully optimised and baked into `alive`.
        let mut settled: Option<usize> = None;
        loop {
            let current = self.current_utilities();
            // Candidate events: the first value above each agent's current utility that is not
            // settled yet (settled values are optimal on the allowed cells already; checking
            // them again could only repeat a solve).
            let first_open = settled.map_or(0, |k| k + 1);
            let mut candidates: Vec<(usize, usize)> = (0..agents)
                .map(|i| (self.level_above(current[i]).max(first_open), i))
                .filter(|&(e, _)| e < self.levels.len())
                .collect();
            candidates.sort_unstable();
            let mut event = None;
            let mut thresholds: Option<(usize, Vec<f64>)> = None;
            for &(e, i) in &candidates {
                // Values after `settled` and below `e` needed no solve: every agent at or
                // above such a value keeps only cells worth at least it. Agent p's threshold
                // is thus min(its current utility, the value below e), if above `settled`.
                if thresholds.as_ref().is_none_or(|(at, _)| *at != e) {
                    thresholds = Some((e, self.thresholds(&current, settled, e)));
                }
                let t = thresholds
                    .as_ref()
                    .map(|(_, t)| t.as_slice())
                    .unwrap_or(&[]);
                let v = self.levels[e];
                let reachable = current[i] < v
                    && self.cells(i).any(|(r, c)| {
                        self.alive[r * self.z + c]
                            && self.cell_passes(r, c, t)
                            && self.utility(i, r, c).is_some_and(|u| u >= v)
                    });
                if reachable {
                    event = Some(e);
                    break;
                }
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

    /// Per agent, the smallest utility its cells must keep given the skipped values in
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

    /// Whether every agent of cell `(r, c)` keeps it under `thresholds`.
    fn cell_passes(&self, r: usize, c: usize, thresholds: &[f64]) -> bool {
        let (n, m) = (self.n, self.m);
        let junior_ok = r >= n || {
            let u = if c < m {
                self.scores.junior_gains()[r * m + c]
            } else {
                0.0
            };
            u >= thresholds[r]
        };
        let senior_ok = c >= m || {
            let u = if r < n {
                self.scores.senior_gains()[r * m + c]
            } else {
                0.0
            };
            u >= thresholds[n + c]
        };
        junior_ok && senior_ok
    }

    fn apply(&mut self, thresholds: &[f64]) {
        let (n, z) = (self.n, self.z);
        // Only agents with a threshold lose cells: a junior's row, a senior's column.
        for (agent, &t) in thresholds.iter().enumerate() {
            if t == f64::NEG_INFINITY {
                continue;
            }
            for k in 0..z {
                let (r, c) = if agent < n {
                    (agent, k)
                } else {
                    (k, agent - n)
                };
                if self.alive[r * z + c] && !self.cell_passes(r, c, thresholds) {
                    self.alive[r * z + c] = false;
                }
            }
        }
    }

    /// Maximises how many agents get at least `v` over the allowed cells, then keeps only the
    /// cells tight under the solution's dual certificate.
    fn solve_level(&mut self, v: f64) -> Result<()> {
        let (n, m, z) = (self.n, self.m, self.z);
        let (a, b) = (self.scores.junior_gains(), self.scores.senior_gains());
        let (rows, cols) = self.reduce();
        // Columns are increasing, so the seniors' columns (< m) come first.
        let split = cols.partition_point(|&c| c < m);
        let mut data = Vec::with_capacity(rows.len() * cols.len());
        for &r in &rows {
            let alive = &self.alive[r * z..(r + 1) * z];
            let cell = |c: usize, x: i64| if alive[c] { x } else { i64::MIN };
            if r < n {
                let (ar, br) = (&a[r * m..(r + 1) * m], &b[r * m..(r + 1) * m]);
                data.extend(
                    cols[..split]
                        .iter()
                        .map(|&c| cell(c, i64::from(ar[c] >= v) + i64::from(br[c] >= v))),
                );
            } else {
                data.extend(cols[..split].iter().map(|&c| cell(c, 0)));
            }
            data.extend(cols[split..].iter().map(|&c| cell(c, 0)));
        }
        let weights = Matrix::from_vec(rows.len(), cols.len(), data)?;
        let solution = assignment::solve(&weights, Sense::Maximize)?;
        let (u, w) = (solution.row_potentials(), solution.col_potentials());
        // Complementary slackness: the optimal perfect matchings are exactly the perfect
        // matchings on cells where u[r] + w[c] equals the weight.
        let data = weights.as_slice();
        let width = cols.len();
        for (i, &ur) in u.iter().enumerate() {
            for (k, &wc) in w.iter().enumerate() {
                let x = data[i * width + k];
                if x != i64::MIN && ur + wc != i128::from(x) {
                    self.alive[rows[i] * z + cols[k]] = false;
                }
            }
        }
        for &(i, k) in solution.pairs() {
            self.col_of_row[rows[i]] = cols[k];
        }
        Ok(())
    }

    /// Fixes every forced pair and returns the rows and columns left to solve.
    ///
    /// A row with a single allowed cell is matched through that cell in every perfect matching
    /// of the allowed cells, and so is a column; fixing such a pair kills the other cells of its
    /// row and column, which may force further pairs. The perfect matchings of the allowed
    /// cells are unchanged, so solving only the rest is exact, and it shrinks the problem as
    /// the search settles more agents.
    fn reduce(&mut self) -> (Vec<usize>, Vec<usize>) {
        let z = self.z;
        let mut row_count: Vec<usize> = (0..z)
            .map(|r| {
                self.alive[r * z..(r + 1) * z]
                    .iter()
                    .filter(|&&x| x)
                    .count()
            })
            .collect();
        let mut col_count = vec![0usize; z];
        for r in 0..z {
            for (c, count) in col_count.iter_mut().enumerate() {
                *count += usize::from(self.alive[r * z + c]);
            }
        }
        let (mut row_done, mut col_done) = (vec![false; z], vec![false; z]);
        // Work list of (is_row, index) whose count fell to 1.
        let mut queue: Vec<(bool, usize)> = (0..z)
            .filter(|&r| row_count[r] == 1)
            .map(|r| (true, r))
            .chain((0..z).filter(|&c| col_count[c] == 1).map(|c| (false, c)))
            .collect();
        while let Some((is_row, i)) = queue.pop() {
            let (r, c) = if is_row {
                if row_done[i] || row_count[i] != 1 {
                    continue;
                }
                let c = (0..z).find(|&c| !col_done[c] && self.alive[i * z + c]);
                match c {
                    Some(c) => (i, c),
                    None => continue,
                }
            } else {
                if col_done[i] || col_count[i] != 1 {
                    continue;
                }
                let r = (0..z).find(|&r| !row_done[r] && self.alive[r * z + i]);
                match r {
                    Some(r) => (r, i),
                    None => continue,
                }
            };
            row_done[r] = true;
            col_done[c] = true;
            self.col_of_row[r] = c;
            // Kill the rest of row r and column c, updating the counts they fed.
            for k in 0..z {
                if k != c && self.alive[r * z + k] {
                    self.alive[r * z + k] = false;
                    if !col_done[k] {
                        col_count[k] -= 1;
                        if col_count[k] == 1 {
                            queue.push((false, k));
                        }
                    }
                }
                if k != r && self.alive[k * z + c] {
                    self.alive[k * z + c] = false;
                    if !row_done[k] {
                        row_count[k] -= 1;
                        if row_count[k] == 1 {
                            queue.push((true, k));
                        }
                    }
                }
            }
        }
        let rows = (0..z).filter(|&r| !row_done[r]).collect();
        let cols = (0..z).filter(|&c| !col_done[c]).collect();
        (rows, cols)
    }

    /// Among the pairings left (all leximin-optimal), one with the largest summed utility.
    fn best_sum(&mut self) -> Result<Vec<(usize, usize)>> {
        let (n, m, z) = (self.n, self.m, self.z);
        let (a, b) = (self.scores.junior_gains(), self.scores.senior_gains());
        let (rows, cols) = self.reduce();
        let alive = &self.alive;
        let weights = Matrix::from_fn(rows.len(), cols.len(), |i, k| {
            let (r, c) = (rows[i], cols[k]);
            if !alive[r * z + c] {
                f64::NEG_INFINITY
            } else if r < n && c < m {
                a[r * m + c] + b[r * m + c]
            } else {
                0.0
            }
        })?;
        let solution = assignment::solve(&weights, Sense::Maximize)?;
        for &(i, k) in solution.pairs() {
            self.col_of_row[rows[i]] = cols[k];
        }
        Ok((0..n)
            .map(|r| (r, self.col_of_row[r]))
            .filter(|&(_, c)| c < m)
            .collect())
    }
}
