//! What a pairing under capacities achieves: [`ManyToMany`], the metrics that carry over when
//! agents take several partners.

use super::{check_optimum, gini, price};
use crate::matching::error::{MatrixError, Mistakes, Result};
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::{CapacitatedPairing, Capacities, Preferences};
use serde::Serialize;

/// Metrics of a pairing under capacities, an agent's utility summed over its partners; each
/// field is defined in [`many_to_many`]'s table.
///
/// # Examples
///
/// ```
/// use mentor_match::metrics::many_to_many;
/// use mentor_match::strategy::{CapacitatedPairing, Capacities};
/// use mentor_match::PairScores;
///
/// // Senior 0 takes both juniors; junior 1 would rather have senior 1, who is free.
/// let scores = PairScores::new(2, 2, vec![0.5, 0.25, 0.25, 0.5], vec![0.5, 0.5, 0.5, 0.5])?;
/// let capacities = Capacities::new(vec![1, 1], vec![2, 1])?;
/// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(0, 0), (1, 0)])?;
/// let metrics = many_to_many(&scores, &capacities, &pairing, None)?;
/// assert_eq!((metrics.pairs, metrics.total), (2, 1.75));
/// assert_eq!(metrics.min_utility, 0.25);
/// assert_eq!(metrics.coverage, 0.75); // senior 1 has no partner
/// assert_eq!(metrics.blocking, [(1, 1)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ManyToMany {
    /// Number of pairs.
    pub pairs: usize,
    /// Sum over pairs of both gains.
    pub total: f64,
    /// Sum over pairs of the junior's gain.
    pub junior_total: f64,
    /// Sum over pairs of the senior's gain.
    pub senior_total: f64,
    /// Share of the agents with a capacity above 0 who got a partner (1 without such agents).
    pub coverage: f64,
    /// Smallest summed gain of an agent with a partner (0 without pairs).
    pub min_utility: f64,
    /// Gini coefficient of the summed gains of every agent with a capacity above 0.
    pub gini: f64,
    /// Number of pairwise blocking pairs; 0 means stable.
    pub blocking_pairs: usize,
    /// The blocking pairs `(junior, senior)`, sorted.
    pub blocking: Vec<(usize, usize)>,
    /// The largest total under the same capacities, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilitarian_total: Option<f64>,
    /// `(utilitarian_total − total) / utilitarian_total`, 0 when the optimum is 0 or the two
    /// agree within rounding; absent without the optimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
}

/// The [`ManyToMany`] metrics of `pairing` on `scores` under `capacities`, with the price
/// against `utilitarian_total` when given.
///
/// An agent's utility is the sum of its gains over its partners (0 without one). The *agents
/// who take part* are those with a capacity above 0.
///
/// | field | definition |
/// |---|---|
/// | `pairs` | number of pairs |
/// | `total`, `junior_total`, `senior_total` | sum over pairs of both gains, of the junior's, of the senior's |
/// | `coverage` | share of the agents who take part with at least one partner; 1 when nobody takes part |
/// | `min_utility` | smallest utility of an agent with a partner; 0 without pairs |
/// | `gini` | Gini coefficient of the utilities of the agents who take part |
/// | `blocking_pairs`, `blocking` | allowed pairs `(j, s)`, not formed, such that `j` has capacity left or strictly prefers `s` to its worst partner, and `s` likewise for `j`: the pairwise blocking pairs of many-to-many matching (Roth 1984; Roth & Sotomayor 1990, ch. 5); 0 means *stable* |
/// | `utilitarian_total`, `price` | as in [`Report`](super::Report), against the largest total under the same capacities |
///
/// Preferences and "strictly prefers" are the induced lists of [`Preferences`], as for the
/// one-to-one [`Report`](super::Report). With every capacity 1 the blocking pairs are those of
/// the one-to-one report.
///
/// # Complexity
///
/// `O(nm log(n + m))` for the preference lists, then `O(nm + p)` for `p` pairs.
///
/// # Errors
///
/// [`MatrixError::LengthMismatch`] for capacities of other lengths than the sides;
/// [`MatrixError::InvalidOption`] when `pairing` was built for scores of another shape or
/// `utilitarian_total` is not a finite number of at least 0; [`MatrixError::InvalidPair`] when
/// `pairing` does not fit these scores and capacities. Several of one step (both capacity
/// lists, both sides and the optimum, every pair that does not fit) come as one
/// [`MatrixError::Multiple`].
///
/// # Examples
///
/// ```
/// use mentor_match::metrics::many_to_many;
/// use mentor_match::strategy::{Capacities, Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // Senior 0 mentors both juniors, who gain the most from her; senior 1 stays out.
/// let scores = PairScores::new(2, 2, vec![1.0, 0.5, 1.0, 0.5], vec![0.5; 4])?;
/// let capacities = Capacities::new(vec![1, 1], vec![2, 1])?;
/// let best = Utilitarian::new().pair_within(&scores, &capacities, 0)?;
/// let metrics = many_to_many(&scores, &capacities, &best, Some(3.0))?;
/// assert_eq!(best.pairs(), &[(0, 0), (1, 0)]);
/// assert_eq!((metrics.total, metrics.price), (3.0, Some(0.0)));
/// assert_eq!(metrics.min_utility, 1.0); // senior 0: 0.5 from each junior
/// assert_eq!(metrics.coverage, 0.75); // senior 1 has no partner
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn many_to_many(
    scores: &PairScores,
    capacities: &Capacities,
    pairing: &CapacitatedPairing,
    utilitarian_total: Option<f64>,
) -> Result<ManyToMany> {
    capacities.check(scores)?;
    let (n, m) = (scores.juniors(), scores.seniors());
    let mut found = Mistakes::new();
    for (option, given, expected) in [
        ("pairing.juniors", pairing.juniors(), n),
        ("pairing.seniors", pairing.seniors(), m),
    ] {
        if given != expected {
            found.push(MatrixError::InvalidOption {
                option,
                value: given.into(),
                expected: "the number of the scores' juniors (seniors)",
            });
        }
    }
    check_optimum(utilitarian_total, &mut found);
    found.finish()?;
    // Checked again against these scores and capacities: a pairing of other capacities or of
    // scores that forbid more is refused, not misread.
    let pairing = CapacitatedPairing::new(scores, capacities, pairing.pairs().to_vec())?;

    // Agents 0..n are juniors, n..n + m seniors.
    let mut utility = vec![0.0; n + m];
    let (mut junior_total, mut senior_total) = (0.0, 0.0);
    for &(j, s) in pairing.pairs() {
        let (x, y) = (scores.junior_gain(j, s), scores.senior_gain(j, s));
        junior_total += x;
        senior_total += y;
        utility[j] += x;
        utility[n + s] += y;
    }
    let load = |agent: usize| {
        if agent < n {
            pairing.junior_load(agent)
        } else {
            pairing.senior_load(agent - n)
        }
    };
    let capacity = |agent: usize| {
        if agent < n {
            capacities.junior(agent)
        } else {
            capacities.senior(agent - n)
        }
    };
    let taking_part: Vec<usize> = (0..n + m).filter(|&i| capacity(i) > 0).collect();
    let covered = taking_part.iter().filter(|&&i| load(i) > 0).count();
    let min_utility = (0..n + m)
        .filter(|&i| load(i) > 0)
        .map(|i| utility[i])
        .reduce(f64::min)
        .unwrap_or(0.0);
    let mut values: Vec<f64> = taking_part.iter().map(|&i| utility[i]).collect();
    let blocking = blocking_pairs(scores, capacities, &pairing);
    let total = junior_total + senior_total;
    Ok(ManyToMany {
        pairs: pairing.len(),
        total,
        junior_total,
        senior_total,
        coverage: if taking_part.is_empty() {
            1.0
        } else {
            covered as f64 / taking_part.len() as f64
        },
        min_utility,
        gini: gini(&mut values),
        blocking_pairs: blocking.len(),
        blocking,
        utilitarian_total,
        price: utilitarian_total.map(|optimum| price(optimum, total)),
    })
}

/// The pairwise blocking pairs of `pairing`, sorted: allowed pairs not formed in which both
/// agents have capacity left or strictly prefer the other to their worst partner.
fn blocking_pairs(
    scores: &PairScores,
    capacities: &Capacities,
    pairing: &CapacitatedPairing,
) -> Vec<(usize, usize)> {
    let (n, m) = (scores.juniors(), scores.seniors());
    let prefs = Preferences::induced(scores);
    let mut formed = vec![false; n * m];
    // The rank each agent gives its worst partner (`None` without one).
    let mut junior_worst: Vec<Option<usize>> = vec![None; n];
    let mut senior_worst: Vec<Option<usize>> = vec![None; m];
    for &(j, s) in pairing.pairs() {
        formed[j * m + s] = true;
        // A formed pair is allowed, so both ranks exist.
        if let (Some(rj), Some(rs)) = (prefs.junior_rank(j, s), prefs.senior_rank(j, s)) {
            junior_worst[j] = Some(junior_worst[j].map_or(rj, |w| w.max(rj)));
            senior_worst[s] = Some(senior_worst[s].map_or(rs, |w| w.max(rs)));
        }
    }
    // Whether an agent with `load` partners of `capacity`, the worst ranked `worst`, would
    // take a partner it ranks `rank`.
    let wants = |rank: usize, load: u32, capacity: u32, worst: Option<usize>| {
        load < capacity || worst.is_some_and(|w| rank < w)
    };
    let mut blocking = Vec::new();
    for j in 0..n {
        for s in 0..m {
            if formed[j * m + s] {
                continue;
            }
            let (Some(rj), Some(rs)) = (prefs.junior_rank(j, s), prefs.senior_rank(j, s)) else {
                continue; // not allowed
            };
            if wants(
                rj,
                pairing.junior_load(j),
                capacities.junior(j),
                junior_worst[j],
            ) && wants(
                rs,
                pairing.senior_load(s),
                capacities.senior(s),
                senior_worst[s],
            ) {
                blocking.push((j, s));
            }
        }
    }
    blocking
}
