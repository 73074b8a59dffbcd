//! Stable strategies: deferred acceptance from either side, and the two fairest stable
//! matchings, egalitarian and minimum regret, found exactly through the rotation poset.
//!
//! A pairing is *stable* when no allowed junior–senior pair would both rather be together than
//! with their partners (an unmatched agent prefers any acceptable partner to none): nobody has a
//! reason to leave the programme's pairing for a private arrangement. Preferences are the strict
//! lists that [`Preferences::induced`] builds from each agent's own utility (ties to the lower
//! index, forbidden pairs unacceptable), so this is the stable marriage problem with incomplete
//! lists (SMI) on sides of any sizes.
//!
//! Stable matchings always exist and form a distributive lattice (Knuth 1976, after Conway).
//! Every one of them pairs the same juniors and the same seniors (Gale & Sotomayor 1985), so the
//! strategies below differ only in *who* is paired with whom, never in how many pairs there are:
//!
//! | strategy | which stable matching | time |
//! |---|---|---|
//! | [`DeferredAcceptance`] (juniors) | junior-optimal: every junior's best stable partner | `O(nm)` |
//! | [`DeferredAcceptance`] (seniors) | senior-optimal: every senior's best stable partner | `O(nm)` |
//! | [`EgalitarianStable`] | smallest sum of ranks | rotations `O(nm)`, then one minimum cut |
//! | [`MinimumRegretStable`] | smallest largest rank, then smallest sum of ranks | rotations `O(nm)`, `O(log(n + m))` closure tests, one minimum cut |
//!
//! A *rank* is where an agent's partner stands in its list, 0 for its first choice (see
//! [`Preferences::junior_rank`] and [`Preferences::senior_rank`]); sums and maxima run over all
//! matched agents of both sides. Times leave out building the preferences, `O(nm log(n + m))`.
//!
//! # How the fair ones are found
//!
//! Going from the junior-optimal to the senior-optimal stable matching, the juniors' partners
//! only get worse and the seniors' only get better, in steps called *rotations*. Every stable
//! matching is the junior-optimal one with the rotations of a set closed under "must come
//! before" eliminated (Irving & Leather 1986), so both fair strategies find all rotations and
//! their precedence, then choose a closed set: by a minimum cut for the smallest sum of ranks
//! (Irving, Leather & Gusfield 1987), after a bisection over the largest rank for minimum regret.
//! [`EgalitarianStable`] documents the steps, the rotation weights and the network. Of several
//! equally good stable matchings (for minimum regret: equal regret and equal sum) both return
//! the one every junior likes at least as much as each of the others.
//!
//! All four strategies are deterministic and ignore the seed; none fails or panics on any
//! [`PairScores`], whatever its shape (empty sides included), ties or forbidden pairs.
//!
//! # References
//!
//! - D. Gale, L. S. Shapley (1962), *College admissions and the stability of marriage*, American
//!   Mathematical Monthly 69(1), 9–15.
//! - D. E. Knuth (1976), *Mariages stables*, Presses de l'Université de Montréal.
//! - D. G. McVitie, L. B. Wilson (1971), *The stable marriage problem*, Communications of the
//!   ACM 14(7), 486–490.
//! - D. Gale, M. Sotomayor (1985), *Some remarks on the stable matching problem*, Discrete
//!   Applied Mathematics 11(3), 223–232.
//! - R. W. Irving, P. Leather (1986), *The complexity of counting stable marriages*, SIAM Journal
//!   on Computing 15(3), 655–667.
//! - R. W. Irving, P. Leather, D. Gusfield (1987), *An efficient algorithm for the "optimal"
//!   stable marriage*, Journal of the ACM 34(3), 532–543.
//! - D. Gusfield (1987), *Three fast algorithms for four problems in stable marriage*, SIAM
//!   Journal on Computing 16(1), 111–128.
//! - D. Gusfield, R. W. Irving (1989), *The Stable Marriage Problem: Structure and Algorithms*,
//!   MIT Press.
//! - J.-C. Picard (1976), *Maximal closure of a graph and applications to combinatorial
//!   problems*, Management Science 22(11), 1268–1272.
//! - A. V. Goldberg, R. E. Tarjan (1988), *A new approach to the maximum-flow problem*, Journal
//!   of the ACM 35(4), 921–940.
//! - J. Cheriyan, S. N. Maheshwari (1989), *Analysis of preflow push algorithms for maximum
//!   network flow*, SIAM Journal on Computing 18(6), 1057–1086.
//!
//! # Examples
//!
//! ```
//! use mentor_match::strategy::{DeferredAcceptance, MinimumRegretStable, Proposers, Strategy};
//! use mentor_match::PairScores;
//!
//! // Gale & Shapley's (1962) first example: three juniors and three seniors with cyclic tastes.
//! // Junior j ranks seniors j, j + 1, j + 2 (mod 3); senior s ranks juniors s + 1, s + 2, s.
//! let gain = |rank: usize| (3 - rank) as f64;
//! let (mut junior, mut senior) = (vec![0.0; 9], vec![0.0; 9]);
//! for j in 0..3 {
//!     for s in 0..3 {
//!         junior[j * 3 + s] = gain((s + 3 - j) % 3);
//!         senior[j * 3 + s] = gain((j + 2 - s) % 3);
//!     }
//! }
//! let scores = PairScores::new(3, 3, junior, senior)?;
//! let juniors_first = DeferredAcceptance::new(Proposers::Juniors).pair(&scores)?;
//! let seniors_first = DeferredAcceptance::new(Proposers::Seniors).pair(&scores)?;
//! let fair = MinimumRegretStable.pair(&scores)?;
//! assert_eq!(juniors_first.pairs(), &[(0, 0), (1, 1), (2, 2)]); // every junior's first choice
//! assert_eq!(seniors_first.pairs(), &[(0, 2), (1, 0), (2, 1)]); // every senior's first choice
//! assert_eq!(fair.pairs(), &[(0, 1), (1, 2), (2, 0)]); // everyone's second choice
//! # Ok::<(), mentor_match::Error>(())
//! ```

use super::{Pairing, Preferences, Strategy};
use crate::matching::error::Result;
use crate::matching::flow::max_flow::Network;
use crate::matching::pair_scores::PairScores;
use std::collections::VecDeque;

// =============================================================================================
// The strategies
// =============================================================================================

/// Which side proposes in [`DeferredAcceptance`]; the proposing side gets its optimal stable
/// matching.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{DeferredAcceptance, Proposers, Strategy};
///
/// assert_eq!(DeferredAcceptance::new(Proposers::Seniors).name(), "deferred_acceptance_seniors");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proposers {
    /// Juniors propose: the junior-optimal stable matching.
    Juniors,
    /// Seniors propose: the senior-optimal stable matching.
    Seniors,
}

/// Gale–Shapley deferred acceptance: the proposing side's optimal stable matching.
///
/// Each free proposer offers itself to the next partner on its list; a receiver holds the best
/// offer so far and turns the others down, until nobody free has anyone left to ask (Gale &
/// Shapley 1962). The result is stable, and every proposer has its best partner in any stable
/// matching while every receiver has its worst (Gale & Shapley 1962; McVitie & Wilson 1971 for
/// the receivers). Preferences are the induced ones of [`Preferences`]; lists may be incomplete
/// (forbidden pairs) and the sides of different sizes: proposers left unmatched are unmatched in
/// every stable matching.
///
/// The matching does not depend on the order of the proposals; free proposers are served in
/// index order, first in, first out.
///
/// # Complexity
///
/// `O(nm)` time for the proposals (each proposer asks each partner at most once), `O(n + m)`
/// extra memory, after building the preferences in `O(nm log(n + m))` time and `O(nm)` memory.
///
/// # Errors
///
/// None in practice: the pairing is built with [`Pairing::new`], whose checks it passes.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{DeferredAcceptance, Proposers, Strategy};
/// use mentor_match::PairScores;
///
/// // Both juniors want senior 0 most; senior 0 would rather teach junior 1.
/// let junior_gain = vec![0.9, 0.5, 0.8, 0.6];
/// let senior_gain = vec![0.2, 0.7, 0.9, 0.4];
/// let scores = PairScores::new(2, 2, junior_gain, senior_gain)?;
/// let juniors = DeferredAcceptance::new(Proposers::Juniors).pair(&scores)?;
/// assert_eq!(juniors.pairs(), &[(0, 1), (1, 0)]);
/// // Here each senior's favourite is also stable: both sides' optima coincide.
/// let seniors = DeferredAcceptance::new(Proposers::Seniors).pair(&scores)?;
/// assert_eq!(seniors, juniors);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeferredAcceptance {
    proposers: Proposers,
}

impl DeferredAcceptance {
    /// Deferred acceptance with `proposers` proposing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{DeferredAcceptance, Proposers, Strategy};
    ///
    /// let da = DeferredAcceptance::new(Proposers::Juniors);
    /// assert_eq!(da.proposers(), Proposers::Juniors);
    /// assert_eq!(da.name(), "deferred_acceptance_juniors");
    /// ```
    pub fn new(proposers: Proposers) -> Self {
        DeferredAcceptance { proposers }
    }

    /// The proposing side.
    pub fn proposers(&self) -> Proposers {
        self.proposers
    }
}

impl Strategy for DeferredAcceptance {
    fn name(&self) -> &str {
        match self.proposers {
            Proposers::Juniors => "deferred_acceptance_juniors",
            Proposers::Seniors => "deferred_acceptance_seniors",
        }
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let prefs = Preferences::induced(scores);
        to_pairing(scores, &deferred_acceptance(&prefs, self.proposers))
    }
}

/// The egalitarian stable matching: the stable matching with the smallest sum, over all matched
/// agents of both sides, of the rank each gives its partner (0 for a first choice).
///
/// Every stable matching pairs the same agents, so the sum always runs over the same agents. The
/// answer is exact, through the rotation poset and a minimum cut (Irving, Leather & Gusfield
/// 1987; Gusfield & Irving 1989, ch. 2–3).
///
/// Going from the junior-optimal to the senior-optimal stable matching, the juniors' partners
/// only get worse and the seniors' only get better, in steps called *rotations*: a cycle of pairs
/// `(j₀, s₀), …, (j_{r−1}, s_{r−1})` in which each `jᵢ` moves on to `sᵢ₊₁` (indices mod `r`).
/// Every stable matching is the junior-optimal one with exactly the rotations of a set closed
/// under "must come before" eliminated, and every such closed set gives a stable matching
/// (Irving & Leather 1986). The strategy:
///
/// 1. finds every rotation by eliminating exposed rotations from the junior-optimal matching
///    until the senior-optimal one is reached (Gusfield 1987), `O(nm)`;
/// 2. builds the precedence edges `π → ρ` (`π` must be eliminated before `ρ`) of a graph whose
///    transitive closure is the rotation poset: `π` produced a pair that `ρ` breaks, or `π` moves
///    a senior whom `ρ`'s junior skips past, from a junior she likes less than him to one she
///    likes more (Gusfield 1987), `O(nm)` edges;
/// 3. gives each rotation `ρ` the weight `w(ρ)`, the change of the sum of ranks when it is
///    eliminated: the rise of each of its juniors' ranks (positive) plus the fall of each of its
///    seniors' (negative). It is the same in whichever matching `ρ` is eliminated, so the rank
///    sum of the matching of a closed set `S` is that of the junior-optimal matching plus
///    `Σ_{ρ ∈ S} w(ρ)`;
/// 4. finds a closed set of minimum weight as a minimum cut (Picard 1976): source → `ρ` with
///    capacity `−w(ρ)` when `w(ρ) < 0`, `ρ` → sink with capacity `w(ρ)` when `w(ρ) > 0`, and
///    `ρ → π` with infinite capacity for every edge `π → ρ`; the rotations on the source side of
///    a minimum cut form an optimal closed set. The maximum flow is push–relabel (Goldberg &
///    Tarjan 1988), highest label first.
///
/// The source side taken is the smallest one, so of several egalitarian stable matchings the
/// result is the one every junior likes at least as much as each of the others (the optimal
/// closed sets are closed under intersection, and fewer rotations leave the juniors better off).
///
/// # Complexity
///
/// `O(nm)` time and memory to find the `R ≤ k(k − 1)/2` rotations (`k` pairs in every stable
/// matching) and the `E = O(nm)` precedence edges, then a maximum flow on `V = R + 2` nodes and
/// `O(R + E)` arcs: `O(V²√(R + E))` time at worst with highest-label push–relabel, much less in
/// practice. Building the preferences adds `O(nm log(n + m))` time.
///
/// # Errors
///
/// None in practice: the pairing is built with [`Pairing::new`], whose checks it passes.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{DeferredAcceptance, EgalitarianStable, Proposers, Strategy};
/// use mentor_match::PairScores;
///
/// // Juniors' rank lists (seniors, best first) and seniors' rank lists (juniors, best first).
/// let junior_lists = [[0, 1, 3, 2], [2, 1, 3, 0], [3, 2, 1, 0], [1, 3, 0, 2]];
/// let senior_lists = [[1, 2, 3, 0], [0, 3, 1, 2], [3, 2, 1, 0], [1, 3, 0, 2]];
/// let (mut junior, mut senior) = (vec![0.0; 16], vec![0.0; 16]);
/// for i in 0..4 {
///     for rank in 0..4 {
///         junior[i * 4 + junior_lists[i][rank]] = (4 - rank) as f64;
///         senior[senior_lists[i][rank] * 4 + i] = (4 - rank) as f64;
///     }
/// }
/// let scores = PairScores::new(4, 4, junior, senior)?;
/// let egalitarian = EgalitarianStable.pair(&scores)?;
/// assert_eq!(egalitarian.pairs(), &[(0, 0), (1, 3), (2, 2), (3, 1)]); // ranks sum to 8
/// // Both one-sided optima do worse in total (9 and 10).
/// let juniors = DeferredAcceptance::new(Proposers::Juniors).pair(&scores)?;
/// assert_eq!(juniors.pairs(), &[(0, 0), (1, 2), (2, 3), (3, 1)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EgalitarianStable;

impl Strategy for EgalitarianStable {
    fn name(&self) -> &str {
        "egalitarian_stable"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let prefs = Preferences::induced(scores);
        let lattice = Lattice::new(&prefs);
        let weights = lattice.weights(&prefs);
        let fixed = vec![Fixed::Free; lattice.rotations.len()];
        let chosen = min_weight_closure(&lattice.edges, &weights, &fixed);
        to_pairing(scores, &lattice.matching(&chosen))
    }
}

/// The minimum-regret stable matching: the stable matching in which the worst-off matched agent,
/// junior or senior, is as well off as possible, that is with the smallest largest rank an agent
/// gives its partner (0 for a first choice).
///
/// Of several such matchings it returns one with the smallest sum of ranks (the egalitarian
/// criterion as a second objective), and of those the one every junior likes at least as much
/// as each of the others. Gusfield (1987) finds a minimum-regret stable matching in `O(nm)`
/// time; this strategy searches the regret instead, which also lets it break ties by the sum:
/// the juniors' ranks only grow and the seniors' only shrink along the rotations, so "regret at
/// most `t`" forbids the rotations that move a junior beyond rank `t` and requires, for each
/// senior ranking her junior-optimal partner beyond `t`, the rotation that first brings her
/// within it. It holds for some stable matching exactly when the requirements' predecessors
/// include no forbidden rotation. The smallest such `t` is found by bisection, then the
/// egalitarian minimum cut of [`EgalitarianStable`] (which documents the rotations and their
/// weights) runs with the required rotations forced in and the forbidden ones forced out.
///
/// # Complexity
///
/// `O(nm)` time and memory for the rotations and their `E = O(nm)` precedence edges,
/// `O(log(n + m))` closure tests of `O(R + E)` time each for `R` rotations, then one maximum flow
/// as in [`EgalitarianStable`]. Building the preferences adds `O(nm log(n + m))` time.
///
/// # Errors
///
/// None in practice: the pairing is built with [`Pairing::new`], whose checks it passes.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{EgalitarianStable, MinimumRegretStable, Strategy};
/// use mentor_match::PairScores;
///
/// // The instance of the `EgalitarianStable` example. Its egalitarian matching gives senior 0
/// // her last choice (rank 3); the minimum-regret one gives nobody worse than a third choice.
/// let junior_lists = [[0, 1, 3, 2], [2, 1, 3, 0], [3, 2, 1, 0], [1, 3, 0, 2]];
/// let senior_lists = [[1, 2, 3, 0], [0, 3, 1, 2], [3, 2, 1, 0], [1, 3, 0, 2]];
/// let (mut junior, mut senior) = (vec![0.0; 16], vec![0.0; 16]);
/// for i in 0..4 {
///     for rank in 0..4 {
///         junior[i * 4 + junior_lists[i][rank]] = (4 - rank) as f64;
///         senior[senior_lists[i][rank] * 4 + i] = (4 - rank) as f64;
///     }
/// }
/// let scores = PairScores::new(4, 4, junior, senior)?;
/// let regret = MinimumRegretStable.pair(&scores)?;
/// assert_eq!(regret.pairs(), &[(0, 1), (1, 3), (2, 2), (3, 0)]); // ranks at most 2, sum 9
/// assert_ne!(regret, EgalitarianStable.pair(&scores)?);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MinimumRegretStable;

impl Strategy for MinimumRegretStable {
    fn name(&self) -> &str {
        "minimum_regret_stable"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let prefs = Preferences::induced(scores);
        let lattice = Lattice::new(&prefs);
        let weights = lattice.weights(&prefs);
        let bounds = RegretBounds::new(&lattice, &prefs);
        // Regret `bounds.start` is met by the junior-optimal matching itself; bisect below it.
        let (mut lo, mut hi) = (0, bounds.start);
        let mut fixed = bounds.fixed(&lattice, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match bounds.fixed(&lattice, mid) {
                Some(f) => {
                    hi = mid;
                    fixed = Some(f);
                }
                None => lo = mid + 1,
            }
        }
        // `fixed` is feasible at `hi` (the start always is), so the cut below is finite.
        let fixed = fixed.unwrap_or_else(|| vec![Fixed::Out; lattice.rotations.len()]);
        let chosen = min_weight_closure(&lattice.edges, &weights, &fixed);
        to_pairing(scores, &lattice.matching(&chosen))
    }
}

/// The pairing of `senior_of` (the senior of each junior).
fn to_pairing(scores: &PairScores, senior_of: &[Option<usize>]) -> Result<Pairing> {
    let pairs = senior_of
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.map(|s| (j, s)))
        .collect();
    Pairing::new(scores, pairs)
}

// =============================================================================================
// Deferred acceptance
// =============================================================================================

/// Deferred acceptance with `proposers` proposing: the senior of each junior.
fn deferred_acceptance(prefs: &Preferences, proposers: Proposers) -> Vec<Option<usize>> {
    let (n, m) = (prefs.juniors(), prefs.seniors());
    match proposers {
        Proposers::Juniors => propose(
            n,
            m,
            |j| prefs.junior_list(j),
            |s, j| prefs.senior_rank(j, s),
        ),
        Proposers::Seniors => {
            let junior_of = propose(
                m,
                n,
                |s| prefs.senior_list(s),
                |j, s| prefs.junior_rank(j, s),
            );
            let mut senior_of = vec![None; n];
            for (s, j) in junior_of.iter().enumerate() {
                if let Some(j) = *j {
                    senior_of[j] = Some(s);
                }
            }
            senior_of
        }
    }
}

/// Gale–Shapley on one side's lists and the other side's ranks (`rank(receiver, proposer)`):
/// the receiver of each proposer.
fn propose<'a>(
    proposers: usize,
    receivers: usize,
    list: impl Fn(usize) -> &'a [usize],
    rank: impl Fn(usize, usize) -> Option<usize>,
) -> Vec<Option<usize>> {
    // `next[p]`: where `p` stands in its list; everyone before has turned it down for good,
    // since a receiver's held offer only improves.
    let mut next = vec![0; proposers];
    let mut held: Vec<Option<usize>> = vec![None; receivers];
    let mut free: VecDeque<usize> = (0..proposers).collect();
    while let Some(p) = free.pop_front() {
        let list = list(p);
        while let Some(&r) = list.get(next[p]) {
            next[p] += 1;
            // Lists are mutual (both hold exactly the allowed pairs), so `r` ranks `p`.
            let Some(rank_p) = rank(r, p) else { continue };
            match held[r] {
                None => {
                    held[r] = Some(p);
                    break;
                }
                Some(q) if rank(r, q).is_none_or(|rank_q| rank_p < rank_q) => {
                    held[r] = Some(p);
                    free.push_back(q);
                    break;
                }
                Some(_) => {}
            }
        }
    }
    let mut partner = vec![None; proposers];
    for (r, p) in held.iter().enumerate() {
        if let Some(p) = *p {
            partner[p] = Some(r);
        }
    }
    partner
}

// =============================================================================================
// Rotations and their poset
// =============================================================================================

/// A rotation: junior `juniors[i]` leaves `seniors[i]` for `seniors[(i + 1) % r]`.
#[derive(Debug, Clone)]
struct Rotation {
    juniors: Vec<usize>,
    seniors: Vec<usize>,
}

impl Rotation {
    /// `(junior, senior left, senior taken)` for each junior of the rotation.
    fn moves(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let r = self.seniors.len();
        self.juniors
            .iter()
            .enumerate()
            .map(move |(i, &j)| (j, self.seniors[i], self.seniors[(i + 1) % r]))
    }
}

/// All stable matchings of an instance, as the junior-optimal matching and the rotation poset.
#[derive(Debug, Clone)]
struct Lattice {
    /// The junior-optimal stable matching: the senior of each junior.
    start: Vec<Option<usize>>,
    /// Every rotation, in the order found: an order in which they can all be eliminated, so a
    /// linear extension of the poset.
    rotations: Vec<Rotation>,
    /// Precedence edges `(π, ρ)`, `π` before `ρ`, sorted without repeats; their transitive
    /// closure is the poset.
    edges: Vec<(usize, usize)>,
    /// How each senior's partner improves along the rotations.
    senior_history: Vec<History>,
}

/// How one senior's partner improves from the junior-optimal to the senior-optimal matching.
#[derive(Debug, Clone)]
struct History {
    /// The rank she gives her junior-optimal partner; `None` if unmatched (then in every stable
    /// matching).
    start: Option<usize>,
    /// Each rotation that moves her, in order, as `(rank of the junior it brings, rotation)`.
    /// Ranks strictly decrease along the list.
    moves: Vec<(usize, usize)>,
}

impl Lattice {
    /// Finds every rotation from the junior-optimal to the senior-optimal stable matching and
    /// their precedence edges (Gusfield & Irving 1989, ch. 3).
    fn new(prefs: &Preferences) -> Lattice {
        let (n, m) = (prefs.juniors(), prefs.seniors());
        // Ranks of acceptable pairs; the scans below only meet acceptable pairs.
        let junior_rank = |j, s| prefs.junior_rank(j, s).unwrap_or(usize::MAX);
        let senior_rank = |j, s| prefs.senior_rank(j, s).unwrap_or(usize::MAX);
        let start = deferred_acceptance(prefs, Proposers::Juniors);
        let last = deferred_acceptance(prefs, Proposers::Seniors);
        let mut senior_of = start.clone();
        let mut junior_of = vec![None; m];
        for (j, s) in start.iter().enumerate() {
            if let Some(s) = *s {
                junior_of[s] = Some(j);
            }
        }
        let senior_history = (0..m)
            .map(|s| History {
                start: junior_of[s].map(|j| senior_rank(j, s)),
                moves: Vec::new(),
            })
            .collect();
        let mut lattice = Lattice {
            start: start.clone(),
            rotations: Vec::new(),
            edges: Vec::new(),
            senior_history,
        };
        // `scan[j]`: where in `j`'s list to look for `next(j)`, the first senior after `j`'s
        // partner who prefers `j` to hers. Seniors only improve as rotations are eliminated, so
        // one who does not prefer `j` now never will, and `scan` only moves forward: `O(nm)` in
        // all.
        let mut scan: Vec<usize> = (0..n)
            .map(|j| senior_of[j].map_or(0, |s| junior_rank(j, s).saturating_add(1)))
            .collect();
        // The rotation that gave each junior its current partner (type-1 predecessors).
        let mut produced_by: Vec<Option<usize>> = vec![None; n];
        // A path of juniors, each one's `next` senior held by the junior above it; when the top
        // one's `next` senior is held by a junior on the path, the part of the path from that
        // junior up is a rotation exposed in the current matching.
        let mut stack: Vec<usize> = Vec::new();
        let mut on_stack = vec![false; n];
        // Juniors below `first` are at their senior-optimal partner (or unmatched) for good.
        let mut first = 0;
        let mut complete = true;
        loop {
            let Some(&j) = stack.last() else {
                while first < n && (senior_of[first].is_none() || senior_of[first] == last[first]) {
                    first += 1;
                }
                if first == n {
                    break;
                }
                stack.push(first);
                on_stack[first] = true;
                continue;
            };
            // `next(j)` exists and lies no later than `j`'s senior-optimal partner, and its
            // holder is not yet at his senior-optimal partner: otherwise `j` and that senior
            // would block the senior-optimal matching (Gusfield & Irving 1989, ch. 2).
            let list = prefs.junior_list(j);
            let next = loop {
                let Some(&s) = list.get(scan[j]) else {
                    break None;
                };
                match junior_of[s] {
                    Some(h) if senior_rank(j, s) < senior_rank(h, s) => break Some(h),
                    Some(_) => scan[j] += 1,
                    None => break None,
                }
            };
            let Some(holder) = next else {
                complete = false;
                break;
            };
            if !on_stack[holder] {
                stack.push(holder);
                on_stack[holder] = true;
                continue;
            }
            let at = stack.iter().rposition(|&x| x == holder).unwrap_or(0);
            let juniors = stack.split_off(at);
            let Some(seniors) = juniors
                .iter()
                .map(|&x| senior_of[x])
                .collect::<Option<Vec<usize>>>()
            else {
                complete = false;
                break;
            };
            let id = lattice.rotations.len();
            let rotation = Rotation { juniors, seniors };
            for (x, _, to) in rotation.moves() {
                on_stack[x] = false;
                // Type 1: the rotation that produced the pair this one breaks comes first.
                if let Some(p) = produced_by[x] {
                    lattice.edges.push((p, id));
                }
                produced_by[x] = Some(id);
                senior_of[x] = Some(to);
                junior_of[to] = Some(x);
                lattice.senior_history[to]
                    .moves
                    .push((senior_rank(x, to), id));
                scan[x] = junior_rank(x, to).saturating_add(1);
            }
            lattice.rotations.push(rotation);
        }
        debug_assert!(
            complete,
            "rotation search stopped before the senior-optimal matching"
        );
        debug_assert!(!complete || senior_of == last);
        // Type 2: when `ρ` moves junior `x` past a senior `w`, she must already prefer her
        // partner to `x`, so the rotation that moves `w` from a junior she ranks below `x` to one
        // she ranks above comes first.
        let mut type_2 = Vec::new();
        for (id, rotation) in lattice.rotations.iter().enumerate() {
            for (x, from, to) in rotation.moves() {
                let list = prefs.junior_list(x);
                let skipped = list
                    .get(junior_rank(x, from).saturating_add(1)..junior_rank(x, to))
                    .unwrap_or(&[]);
                for &w in skipped {
                    if let Some(p) = lattice.improves_past(w, senior_rank(x, w))
                        && p != id
                    {
                        type_2.push((p, id));
                    }
                }
            }
        }
        lattice.edges.extend(type_2);
        lattice.edges.sort_unstable();
        lattice.edges.dedup();
        lattice
    }

    /// The rotation that moves senior `s` from a junior she ranks below `rank` to one she ranks
    /// above it, if any.
    fn improves_past(&self, s: usize, rank: usize) -> Option<usize> {
        let history = self.senior_history.get(s)?;
        if history.start.is_none_or(|r| r <= rank) {
            return None;
        }
        // Ranks strictly decrease along `moves`.
        let t = history.moves.partition_point(|&(r, _)| r >= rank);
        history.moves.get(t).map(|&(_, id)| id)
    }

    /// The weight of each rotation: the change of the sum of ranks when it is eliminated.
    fn weights(&self, prefs: &Preferences) -> Vec<i64> {
        let rank = |r: Option<usize>| r.unwrap_or(0) as i64;
        self.rotations
            .iter()
            .map(|rotation| {
                let r = rotation.juniors.len();
                rotation
                    .moves()
                    .enumerate()
                    .map(|(i, (x, from, to))| {
                        // `to` leaves her partner in the rotation, the next junior, for `x`.
                        let left = rotation.juniors[(i + 1) % r];
                        rank(prefs.junior_rank(x, to)) - rank(prefs.junior_rank(x, from))
                            + rank(prefs.senior_rank(x, to))
                            - rank(prefs.senior_rank(left, to))
                    })
                    .sum()
            })
            .collect()
    }

    /// The stable matching of the junior-optimal one with the `chosen` rotations eliminated, a
    /// closed set: the senior of each junior.
    fn matching(&self, chosen: &[bool]) -> Vec<Option<usize>> {
        let mut senior_of = self.start.clone();
        // In the order found, each chosen rotation is exposed when its turn comes.
        for (rotation, _) in self.rotations.iter().zip(chosen).filter(|(_, c)| **c) {
            for (x, _, to) in rotation.moves() {
                senior_of[x] = Some(to);
            }
        }
        senior_of
    }
}

// =============================================================================================
// Regret
// =============================================================================================

/// What "regret at most `t`" asks of the rotations.
#[derive(Debug, Clone)]
struct RegretBounds {
    /// The regret of the junior-optimal matching: an upper bound that it meets.
    start: usize,
    /// The largest rank any junior gives its junior-optimal partner.
    start_juniors: usize,
    /// For each rotation, the largest rank a junior gives the senior it moves to.
    moved_to: Vec<usize>,
    /// Predecessors of each rotation, as `predecessors[first[ρ]..first[ρ + 1]]`.
    first: Vec<usize>,
    predecessors: Vec<usize>,
}

impl RegretBounds {
    fn new(lattice: &Lattice, prefs: &Preferences) -> Self {
        let rank = |r: Option<usize>| r.unwrap_or(0);
        let start_juniors = lattice
            .start
            .iter()
            .enumerate()
            .map(|(j, s)| s.map_or(0, |s| rank(prefs.junior_rank(j, s))))
            .max()
            .unwrap_or(0);
        let start_seniors = lattice
            .senior_history
            .iter()
            .map(|h| h.start.unwrap_or(0))
            .max()
            .unwrap_or(0);
        let moved_to = lattice
            .rotations
            .iter()
            .map(|rotation| {
                rotation
                    .moves()
                    .map(|(x, _, to)| rank(prefs.junior_rank(x, to)))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // `edges` is sorted by predecessor; count, then place, by successor.
        let count = lattice.rotations.len();
        let mut first = vec![0; count + 1];
        for &(_, succ) in &lattice.edges {
            first[succ + 1] += 1;
        }
        for i in 0..count {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut predecessors = vec![0; lattice.edges.len()];
        for &(pred, succ) in &lattice.edges {
            predecessors[fill[succ]] = pred;
            fill[succ] += 1;
        }
        RegretBounds {
            start: start_juniors.max(start_seniors),
            start_juniors,
            moved_to,
            first,
            predecessors,
        }
    }

    /// The rotations forced in and out for regret at most `t`, or `None` when no stable matching
    /// has regret at most `t`.
    fn fixed(&self, lattice: &Lattice, t: usize) -> Option<Vec<Fixed>> {
        // Juniors only get worse along the rotations.
        if self.start_juniors > t {
            return None;
        }
        let count = lattice.rotations.len();
        let mut fixed: Vec<Fixed> = self
            .moved_to
            .iter()
            .map(|&r| if r > t { Fixed::Out } else { Fixed::Free })
            .collect();
        // Each senior above `t` needs the first rotation that brings her within `t`, and all of
        // its predecessors: a depth-first search over the predecessor lists.
        let mut stack = Vec::new();
        for history in &lattice.senior_history {
            if history.start.is_some_and(|r| r > t) {
                let (_, id) = history.moves.iter().find(|&&(r, _)| r <= t)?;
                stack.push(*id);
            }
        }
        let mut seen = vec![false; count];
        while let Some(id) = stack.pop() {
            if seen[id] {
                continue;
            }
            seen[id] = true;
            if fixed[id] == Fixed::Out {
                return None;
            }
            fixed[id] = Fixed::In;
            stack.extend(&self.predecessors[self.first[id]..self.first[id + 1]]);
        }
        Some(fixed)
    }
}

// =============================================================================================
// Minimum-weight closed set by minimum cut
// =============================================================================================

/// Whether a rotation must be, must not be, or may be in the closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixed {
    Free,
    In,
    Out,
}

/// The smallest closed set (with each rotation's predecessors under `edges`, `(π, ρ)` = `π`
/// before `ρ`) of minimum total `weight` that respects `fixed`, which must allow one (a set
/// forced in that is closed and holds nothing forced out). Picard (1976): the source side of a
/// minimum cut.
fn min_weight_closure(edges: &[(usize, usize)], weight: &[i64], fixed: &[Fixed]) -> Vec<bool> {
    let count = weight.len();
    if count == 0 {
        return Vec::new();
    }
    // Picard's network has source → ρ (capacity −w(ρ) when w(ρ) < 0), ρ → sink (w(ρ) when
    // w(ρ) > 0) and succ → pred (infinite). It is built here reversed, every arc turned round
    // and the two ends swapped, so that the nodes that can still reach `to` after a maximum
    // preflow from `from` are the smallest source side of Picard's network: the smallest
    // optimal closed set.
    let (to, from) = (count, count + 1);
    // More than every finite capacity together, so no minimum cut crosses an infinite arc.
    let infinite = weight
        .iter()
        .fold(1_i64, |acc, w| acc.saturating_add(w.saturating_abs()));
    let mut net = Network::new(count + 2);
    for (id, (&w, &f)) in weight.iter().zip(fixed).enumerate() {
        match f {
            Fixed::In => net.add(id, to, infinite),
            Fixed::Out => net.add(from, id, infinite),
            // Leaving out a rotation of negative weight forgoes its gain `−w`.
            Fixed::Free if w < 0 => net.add(id, to, -w),
            Fixed::Free if w > 0 => net.add(from, id, w),
            Fixed::Free => {}
        }
    }
    for &(pred, succ) in edges {
        // Taking `succ` without `pred` would cut an infinite arc.
        net.add(pred, succ, infinite);
    }
    let mut chosen = net.min_cut(from, to).sink_side;
    chosen.truncate(count);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_respects_precedence_and_weights() {
        // 0 before 1; taking 1 gains 5 but needs 0, which costs 3: take both.
        let chosen = min_weight_closure(&[(0, 1)], &[3, -5], &[Fixed::Free; 2]);
        assert_eq!(chosen, vec![true, true]);
        // When 0 costs 6, neither.
        let chosen = min_weight_closure(&[(0, 1)], &[6, -5], &[Fixed::Free; 2]);
        assert_eq!(chosen, vec![false, false]);
        // A tie (0 costs 5): the smaller closed set.
        let chosen = min_weight_closure(&[(0, 1)], &[5, -5], &[Fixed::Free; 2]);
        assert_eq!(chosen, vec![false, false]);
        // Forced in and out.
        let chosen = min_weight_closure(&[(0, 1)], &[6, -5], &[Fixed::Free, Fixed::In]);
        assert_eq!(chosen, vec![true, true]);
        let chosen = min_weight_closure(&[], &[-1, -1], &[Fixed::Out, Fixed::Free]);
        assert_eq!(chosen, vec![false, true]);
    }

    /// A tiny deterministic generator for the randomised unit tests.
    fn lcg(state: &mut u64) -> u64 {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *state >> 33
    }

    #[test]
    fn closure_matches_brute_force_on_random_dags() {
        let mut state = 1;
        for _ in 0..3000 {
            let count = (lcg(&mut state) % 12) as usize;
            let density = 2 + lcg(&mut state) % 5;
            let mut edges = Vec::new();
            for a in 0..count {
                for b in a + 1..count {
                    if lcg(&mut state).is_multiple_of(density) {
                        edges.push((a, b));
                    }
                }
            }
            let weight: Vec<i64> = (0..count)
                .map(|_| (lcg(&mut state) % 11) as i64 - 5)
                .collect();
            let fixed: Vec<Fixed> = (0..count)
                .map(|_| match lcg(&mut state) % 10 {
                    0 => Fixed::In,
                    1 => Fixed::Out,
                    _ => Fixed::Free,
                })
                .collect();
            let closed = |set: u32| {
                edges
                    .iter()
                    .all(|&(p, q)| set >> q & 1 == 0 || set >> p & 1 == 1)
                    && (0..count).all(|i| match fixed[i] {
                        Fixed::In => set >> i & 1 == 1,
                        Fixed::Out => set >> i & 1 == 0,
                        Fixed::Free => true,
                    })
            };
            let total = |set: u32| {
                (0..count)
                    .filter(|&i| set >> i & 1 == 1)
                    .map(|i| weight[i])
                    .sum::<i64>()
            };
            let feasible: Vec<u32> = (0..1u32 << count).filter(|&s| closed(s)).collect();
            if feasible.is_empty() {
                continue;
            }
            let best = feasible.iter().map(|&s| total(s)).min().unwrap();
            let chosen = min_weight_closure(&edges, &weight, &fixed);
            let set = (0..count)
                .filter(|&i| chosen[i])
                .fold(0u32, |acc, i| acc | 1 << i);
            assert!(
                closed(set),
                "{edges:?} {weight:?} {fixed:?}: {chosen:?} not feasible"
            );
            assert_eq!(
                total(set),
                best,
                "{edges:?} {weight:?} {fixed:?}: {chosen:?}"
            );
            for &other in feasible.iter().filter(|&&s| total(s) == best) {
                assert_eq!(
                    set & other,
                    set,
                    "{edges:?} {weight:?} {fixed:?}: not the smallest"
                );
            }
        }
    }

    #[test]
    fn long_chains_are_quick() {
        // A chain of 200 000 rotations, each needing the one before; only the last one pays.
        let count = 200_000;
        let edges: Vec<(usize, usize)> = (1..count).map(|i| (i - 1, i)).collect();
        let mut weight = vec![1; count];
        weight[count - 1] = -(count as i64);
        let chosen = min_weight_closure(&edges, &weight, &vec![Fixed::Free; count]);
        assert!(chosen.iter().all(|&c| c));
    }
}
