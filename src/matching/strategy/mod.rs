//! Pairing strategies: who is paired with whom, by which objective.
//!
//! A [`Strategy`] turns a [`PairScores`] (two utility matrices, juniors × seniors, and the pairs
//! that may not be formed) into a [`Pairing`]. In mutual mentoring each pair has two utilities:
//! what the junior gains and what the senior gains; every agent's utility is what it gains from
//! its partner, and an unmatched agent's is 0. A pair is *acceptable* when it is allowed; a
//! strategy never forms a forbidden pair.
//!
//! The built-in strategies, by [`name`](Strategy::name) (also the order of [`builtin`]):
//!
//! | name | objective | exact | time |
//! |---|---|---|---|
//! | `utilitarian` | largest sum of both utilities | yes (the [engine](crate::assignment)) | `O(n²m)` |
//! | `nash` | most agents with positive utility, then largest product of their utilities | yes, up to float rounding of logarithms | `O(n²m)` |
//! | `bottleneck` | largest smallest utility as the metrics count it ([`min_utility`](crate::metrics::Report::min_utility): the smaller side's agents, unmatched ones at 0, and the larger side's matched ones), then largest sum | yes | `O(nm log(nm) + n²m)` |
//! | `leximin` | sorted vector of all agents' utilities (unmatched at 0), lexicographically largest, then largest sum | yes | one engine solve, `O(nm log(nm))` for sorting the utilities, then short augmenting-path searches ([`Leximin`]) |
//! | `greedy` | repeatedly the pair with the largest summed utility | heuristic | `O(nm log(nm))` |
//! | `deferred_acceptance_juniors` | juniors propose (Gale–Shapley 1962); junior-optimal stable | yes | `O(nm)` |
//! | `deferred_acceptance_seniors` | seniors propose; senior-optimal stable | yes | `O(nm)` |
//! | `egalitarian_stable` | stable, smallest sum of ranks | yes | `O(nm)` rotations + one minimum cut |
//! | `minimum_regret_stable` | stable, smallest worst rank, then smallest sum of ranks | yes | `O(nm)` rotations + `O(log(n+m))` closure tests + one minimum cut |
//! | `random_serial_dictatorship` | agents in a seeded random order take their favourite free partner | — | `O(nm)` |
//! | `random` | a seeded random maximal matching | — | `O(nm)` |
//!
//! Here `n ≤ m` are the two sides' sizes; strategies that rank partners add `O(nm log m)` for
//! building the [`Preferences`]. Stable strategies use those *induced* strict preferences: each
//! agent ranks its acceptable partners by its own utility, ties to the lower index. The stable
//! ones follow Gale & Shapley (1962) and, for the egalitarian and minimum-regret matchings,
//! the rotation poset of Irving, Leather & Gusfield (1987) and Gusfield (1987).
//!
//! # Examples
//!
//! ```
//! use mentor_match::strategy::{self, Strategy};
//! use mentor_match::PairScores;
//!
//! // Two juniors, two seniors. Junior 0 gains a lot from senior 0, who gains little back.
//! let scores = PairScores::new(2, 2, vec![0.9, 0.4, 0.5, 0.5], vec![0.1, 0.4, 0.5, 0.5])?;
//! for s in strategy::builtin() {
//!     let pairing = s.pair_seeded(&scores, 7)?;
//!     assert_eq!(pairing.len(), 2, "{}", s.name());
//! }
//! // The utilitarian optimum: 1.0 + 1.0 in all, against 0.8 + 1.0 the other way round.
//! let utilitarian = strategy::by_name("utilitarian")?.pair(&scores)?;
//! assert_eq!(utilitarian.pairs(), &[(0, 0), (1, 1)]);
//! # Ok::<(), mentor_match::Error>(())
//! ```

mod builtin;
mod leximin;
mod optimal;
pub(crate) mod pairing;
pub(crate) mod preferences;
mod simple;
mod stable;

pub use builtin::{Builtin, NAMES, builtin, by_name};
pub use leximin::Leximin;
pub use optimal::{Bottleneck, Nash, Utilitarian};
pub use pairing::{Pairing, Strategy};
pub use preferences::Preferences;
pub use simple::{Greedy, RandomPairing, RandomSerialDictatorship};
pub use stable::{DeferredAcceptance, EgalitarianStable, MinimumRegretStable, Proposers};
