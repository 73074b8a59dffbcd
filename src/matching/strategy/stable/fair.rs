//! The two fairest stable matchings, egalitarian and minimum regret, through the rotation
//! poset and a minimum-weight closed set.

use super::clones::Clones;
use super::closure::{Fixed, min_weight_closure};
use super::costs::Costs;
use super::deferred_acceptance::{Proposers, deferred_acceptance_within};
use super::gadgets::Gadgets;
use super::lattice::Lattice;
use super::range::stable_range;
use super::regret::RegretBounds;
use crate::matching::error::Result;
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::capacities::{CapacitatedPairing, Capacities};
use crate::matching::strategy::pairing::{Pairing, Strategy, one_to_one_within};
use crate::matching::strategy::preferences::Preferences;

/// The egalitarian stable matching: the stable matching with the smallest sum, over all matched
/// agents of both sides, of the rank each gives its partner (0 for a first choice). The
/// built-in `egalitarian_stable`, defined (ties included) in the
/// [strategy table](crate::strategy#the-built-in-strategies).
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
/// practice. Building the preferences adds `O(nm log(n + m))` time. Under capacities the lists
/// are first cut to the pairs a stable pairing may hold (deferred acceptance from both sides,
/// `O(nm log c)`), then the same runs on the clones of one side, or with capacities above 1 on
/// both sides on an instance of copies and four agents per pair left (`Σ c'·(list length) +
/// p·(c'_j + c'_s + 8)` list entries for `p` pairs and `c'` copies an agent, ranks found by
/// binary search): about 8 ms at 1000 juniors of capacity 1 or 2 and 250 seniors of capacity 4
/// (BENCHMARKS.md).
///
/// # Errors
///
/// One to one ([`Strategy::pair`]), none in practice: the pairing is built with
/// [`Pairing::new`], whose checks it passes. Under capacities ([`Strategy::pair_within`]),
/// also [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the clones' or the
/// gadgets' instance does not fit in memory (the strategies evaluation then lists the
/// strategy under `unsupported`).
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
        Pairing::from_senior_of(scores, &egalitarian(&prefs, Costs::of(&prefs)))
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        fair_within(self, scores, capacities, seed, egalitarian)
    }
}

/// The minimum-regret stable matching: the stable matching in which the worst-off matched agent,
/// junior or senior, is as well off as possible, that is with the smallest largest rank an agent
/// gives its partner (0 for a first choice). The built-in `minimum_regret_stable`, defined (ties
/// included) in the [strategy table](crate::strategy#the-built-in-strategies).
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
/// as in [`EgalitarianStable`]. Building the preferences adds `O(nm log(n + m))` time; under
/// capacities, as [`EgalitarianStable`] says.
///
/// # Errors
///
/// One to one ([`Strategy::pair`]), none in practice: the pairing is built with
/// [`Pairing::new`], whose checks it passes. Under capacities ([`Strategy::pair_within`]),
/// also [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the clones' or the
/// gadgets' instance does not fit in memory (the strategies evaluation then lists the
/// strategy under `unsupported`).
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
        Pairing::from_senior_of(scores, &minimum_regret(&prefs, Costs::of(&prefs)))
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        fair_within(self, scores, capacities, seed, minimum_regret)
    }
}

/// The egalitarian stable matching of `prefs`, ranks as `costs` counts them: the senior of
/// each junior.
fn egalitarian(prefs: &Preferences, costs: Costs<'_>) -> Vec<Option<usize>> {
    let lattice = Lattice::new(prefs);
    let weights = lattice.weights(costs);
    let fixed = vec![Fixed::Free; lattice.rotations.len()];
    let chosen = min_weight_closure(&lattice.edges, &weights, &fixed);
    lattice.matching(&chosen)
}

/// The minimum-regret stable matching of `prefs` (then the smallest sum of ranks), ranks as
/// `costs` counts them: the senior of each junior.
fn minimum_regret(prefs: &Preferences, costs: Costs<'_>) -> Vec<Option<usize>> {
    let lattice = Lattice::new(prefs);
    let weights = lattice.weights(costs);
    let bounds = RegretBounds::new(&lattice, costs);
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
    lattice.matching(&chosen)
}

/// The pairs of `first` (the juniors' optimum), sorted, when `last` (the seniors' optimum) is
/// the same pairing: then it is the only stable pairing, as every stable pairing lies between
/// the two (Roth 1984; Blair 1988), and no clones or gadgets are built for it. An instance of
/// capacities at least as large as every list (every acceptable pair stable) is one, and its
/// gadgets are the largest there are: at 400 × 400, 160,000 pairs of 400 copies a side each,
/// about 129 million list entries (`p·(c'_j + c'_s + 8)`), for an answer known at once.
fn the_only_stable(
    first: &[(usize, usize)],
    last: &[(usize, usize)],
) -> Option<Vec<(usize, usize)>> {
    if first.len() != last.len() {
        return None;
    }
    let (mut first, mut last) = (first.to_vec(), last.to_vec());
    first.sort_unstable();
    last.sort_unstable();
    (first == last).then_some(first)
}

/// `fair` (one of the two above) under `capacities`: one to one as [`Strategy::pair_seeded`];
/// otherwise on the lists cut to the pairs a stable pairing may hold ([`stable_range`]), with
/// capacities above 1 on one side only on the [`Clones`] of that side, and above 1 on both
/// sides on the [`Gadgets`] of every pair left, ranks those of the original agents' whole lists
/// (the agents of capacity 0 left out of every list).
fn fair_within<S: Strategy>(
    strategy: &S,
    scores: &PairScores,
    capacities: &Capacities,
    seed: u64,
    fair: fn(&Preferences, Costs<'_>) -> Vec<Option<usize>>,
) -> Result<CapacitatedPairing> {
    capacities.check(scores)?;
    if capacities.at_most_one() {
        return one_to_one_within(strategy, scores, capacities, seed);
    }
    let above_one = |caps: &[u32]| caps.iter().any(|&c| c > 1);
    let both = above_one(capacities.juniors()) && above_one(capacities.seniors());
    let kept = capacities.leave_out(scores)?;
    let original = Preferences::induced(kept.as_ref().unwrap_or(scores));
    // Any stable pairing gives every agent its number of partners in all of them.
    let stable = deferred_acceptance_within(&original, Proposers::Juniors, capacities);
    // The clones and the gadgets hold only the pairs a stable pairing may hold; the costs
    // count the ranks of the whole lists.
    let last = deferred_acceptance_within(&original, Proposers::Seniors, capacities);
    if let Some(only) = the_only_stable(&stable, &last) {
        return CapacitatedPairing::new(scores, capacities, only);
    }
    let range = stable_range(&original, capacities, &stable, &last)?;
    if both {
        let gadgets = Gadgets::new(&range, capacities, &stable)?;
        let senior_of = fair(&gadgets.prefs, Costs::through_gadgets(&original, &gadgets));
        return CapacitatedPairing::new(scores, capacities, gadgets.pairs(&senior_of));
    }
    let clones = Clones::new(&range, capacities, &stable)?;
    let senior_of = fair(&clones.prefs, Costs::through(&original, &clones));
    CapacitatedPairing::new(scores, capacities, clones.pairs(&senior_of))
}
