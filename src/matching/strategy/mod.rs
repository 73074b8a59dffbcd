//! Pairing strategies: who is paired with whom, by which objective.
//!
//! A [`Strategy`] turns a [`PairScores`](crate::PairScores) (two utility matrices, juniors ×
//! seniors, and the pairs that may not be formed) into a [`Pairing`]. In mutual mentoring each
//! pair has two utilities: what the junior gains and what the senior gains; every agent's
//! utility is what it gains from its partner, and an unmatched agent's is 0. A pair is
//! *acceptable* when it is allowed; a strategy never forms a forbidden pair.
//!
//! # The built-in strategies
//!
//! This table is the one definition of each built-in strategy, with its default options: the
//! strategy types, [`Builtin`], the README, the command-line help and the Python docstrings
//! point here. Rows follow [`NAMES`] (the order of [`builtin`]); the terms in *italics* are
//! defined below the table.
//!
//! | name | objective; which pairing of several equally good ones | exact | time |
//! |---|---|---|---|
//! | `utilitarian` | largest sum of both utilities over the pairs; of several, the *engine's choice* | yes (the [engine](crate::assignment)) | `O(n²m)` |
//! | `nash` | most agents with a positive utility, then largest product of those positive utilities (agents at 0, unmatched ones included, are left out of the product); of several, the *engine's choice* | yes, up to float rounding of the logarithms | `O(n²m)` |
//! | `bottleneck` | largest [`min_utility`](crate::metrics::Report::min_utility) as the metrics define it (every agent of the smaller side, unmatched ones at 0, and the matched agents of the larger side; every agent when the sides are equal), then largest sum of both utilities; of several, the *engine's choice* | yes | `O(nm √(n+m) log(nm) + n²m)` |
//! | `leximin` | the utilities of all `n + m` agents (unmatched ones at 0, those of the larger side included), sorted from the smallest up, lexicographically largest; then largest sum of both utilities; of several, the *engine's choice* | yes | one engine solve, `O(nm log(nm))` for sorting the utilities, then short augmenting-path searches ([`Leximin`]) |
//! | `greedy` | repeatedly the allowed pair of two still unmatched agents with the largest sum of both utilities, ties to the lower junior index, then the lower senior index; the result is maximal | heuristic (at least half the `utilitarian` sum) | `O(nm log(nm))` |
//! | `deferred_acceptance_juniors` | juniors propose down their *lists*, each senior holds the best offer so far (Gale & Shapley 1962): the junior-optimal *stable* pairing, every junior's best stable partner | yes | `O(nm)` |
//! | `deferred_acceptance_seniors` | the same with seniors proposing: the senior-optimal *stable* pairing, every senior's best stable partner | yes | `O(nm)` |
//! | `egalitarian_stable` | *stable*, smallest sum of *ranks* over the matched agents of both sides; of several, the one every junior likes at least as much as each of the others | yes | `O(nm)` rotations + one minimum cut |
//! | `minimum_regret_stable` | *stable*, smallest largest *rank* over the matched agents of both sides, then smallest sum of *ranks*; of several, the one every junior likes at least as much as each of the others | yes | `O(nm)` rotations + `O(log(n+m))` closure tests + one minimum cut |
//! | `random_serial_dictatorship` | all juniors and seniors together in one *seeded* uniformly random order; each agent still unmatched when its turn comes takes the first still unmatched partner on its *list*; the result is maximal | — | `O(nm)` |
//! | `random` | the allowed pairs in a *seeded* uniformly random order, each formed when both its agents are still unmatched: a maximal pairing that ignores the utilities (not drawn uniformly among the maximal pairings) | — | `O(nm)` |
//!
//! - **Sizes.** `n ≤ m` are the two sides' sizes, whichever side is smaller. Strategies that
//!   use *lists* add `O(nm log m)` for building the [`Preferences`].
//! - **Lists and ranks.** An agent's *list* is its induced strict preference list
//!   ([`Preferences::induced`]): its acceptable partners (every allowed one, even at utility 0)
//!   by its own utility, highest first, ties to the lower index. A partner's *rank* is its
//!   place in that list, 0 for the first choice ([`Preferences::junior_rank`],
//!   [`Preferences::senior_rank`]). The metrics' ranks and blocking pairs use the same lists.
//! - **Stable.** No allowed pair, not paired together, in which both agents would rather have
//!   each other than their partners (an unmatched agent prefers any acceptable partner to none)
//!   on those lists: the metrics' [`blocking_pairs`](crate::metrics::Report::blocking_pairs)
//!   is 0. Every stable pairing pairs the same agents, so the four stable strategies differ only
//!   in who is paired with whom. They follow Gale & Shapley (1962) and, for the egalitarian and
//!   minimum-regret pairings, the rotation poset of Irving, Leather & Gusfield (1987) and
//!   Gusfield (1987).
//! - **The engine's choice.** Among pairings equally good on the whole objective, the exact
//!   strategies return the one the [engine](crate::assignment) finds: the same on every run
//!   and platform, but not otherwise specified. In particular a pair whose two utilities are 0
//!   may or may not be formed by `utilitarian`, `nash`, `leximin`, and `bottleneck` when its
//!   largest `min_utility` is 0: it changes nothing the objective looks at.
//! - **Seeded.** The two random strategies draw their order from the seed of
//!   [`pair_seeded`](Strategy::pair_seeded) (seed 0 for [`pair`](Strategy::pair)): the same
//!   scores and seed give the same pairing on every platform. The other nine ignore the seed.
//! - **Capacities.** The table is one to one; [`Strategy::pair_within`] pairs under
//!   [`Capacities`], defined [below](#capacities).
//!
//! # One side's preferences
//!
//! Two more strategies, not built in (they judge a pairing by one side's lists alone, and one
//! of them may find that no answer exists), are defined on their own types:
//! [`RankMaximal`] (the most first choices, then the most second choices, …; Irving et al.
//! 2006) and [`Popular`] (no other pairing preferred by more of that side; Abraham et al. 2007,
//! [`MatrixError::NoneExists`](crate::MatrixError::NoneExists) when none is popular), each for
//! the juniors' or the seniors' lists ([`Applicants`]).
//!
//! # Ties
//!
//! Utilities often tie (mentoring scores saturate at 0 and 1). The table's lists break ties by
//! the lower index, so every stable strategy above returns a *weakly stable* pairing with ties
//! kept as ties: no pair in which both agents strictly prefer each other. [`SuperStable`] asks
//! for more, a pairing with no pair in which each agent likes the other *at least as much* as
//! its partner; one may not exist (Irving 1994), and then it says so
//! ([`MatrixError::NoneExists`](crate::MatrixError::NoneExists)). Weakly stable pairings differ
//! in size when utilities tie, and the largest is NP-hard to find: [`LargeWeaklyStable`]
//! (Király 2013) keeps ties as ties and returns a weakly stable pairing with at least 2/3 as
//! many pairs as the largest, where the table's tie-break by index can leave out half of them.
//!
//! # Capacities
//!
//! With [`Capacities`] junior `j` may take up to `c_j` seniors and senior `s` up to `c_s`
//! juniors, each pair at most once; capacity 0 forbids every pair of an agent. An agent's utility is the
//! sum of its gains over its partners, and [`metrics::many_to_many`](crate::metrics::many_to_many)
//! measures the result (blocking pairs in the pairwise sense below). [`Strategy::pair_within`]
//! returns a [`CapacitatedPairing`]; with every capacity at most 1 each strategy pairs exactly as
//! in the table above on the scores with every pair of an agent of capacity 0 forbidden (the
//! agent stays in the instance, unmatched, as a strategies instance's capacity 0 does; so
//! `bottleneck` still counts it on the smaller side). With a capacity above 1:
//!
//! | name | under capacities | exact |
//! |---|---|---|
//! | `utilitarian` | largest sum of both utilities over the pairs, any number of pairs (the many-to-many solver, [`capacitated`](crate::capacitated), without its spreading level) | yes |
//! | `nash` | most *partnership gains* above 0, then largest product of those gains, where a pair's two gains are each a partnership gain (the product of the agents' summed utilities is NP-hard to maximise, Lee 2017; at capacity 1 the two agree) | yes, up to float rounding of the logarithms |
//! | `bottleneck`, `leximin` | refused ([`MatrixError::CapacitiesUnsupported`](crate::MatrixError::CapacitiesUnsupported)): the smallest summed utility is NP-hard to maximise (max-min allocation; Bezáková & Dani 2005) | — |
//! | `greedy` | the table's order, each pair formed when both agents have capacity left; maximal, at least half the `utilitarian` sum | heuristic |
//! | `deferred_acceptance_juniors`, `deferred_acceptance_seniors` | each proposer with capacity left asks the next on its *list*; each receiver holds its best offers up to its capacity (Roth 1984): the proposing side's optimal *pairwise stable* pairing, every proposer's set of partners at least as good as in any stable pairing (Roth 1984; Baïou & Balinski 2000) | yes |
//! | `egalitarian_stable`, `minimum_regret_stable` | the pairwise stable pairing with the smallest sum of ranks, or the smallest largest rank then the smallest sum, where each pair counts the rank each of its two agents gives the other, on lists without the agents of capacity 0. With capacities above 1 on one side only (many to one, the hospitals/residents form), found on the *clones* of that side (an agent of capacity `c` as `c` agents with its list, held in a row in its partners' lists, Gusfield & Irving 1989, §1.6.3; at most its number of stable partners plus one, which the rural hospitals theorem makes enough), whose stable matchings are exactly the stable pairings. Above 1 on both sides, on *pair gadgets*: each agent as copies and each acceptable pair as four agents whose stable states say whether the pair is formed (in the spirit of Cechlárová & Fleiner 2005), a stable marriage instance whose stable matchings map exactly onto the pairwise stable pairings | yes |
//! | `random_serial_dictatorship` | the same seeded order; at its turn each agent takes, down its *list*, every partner with capacity left that it is not yet paired with, until its own capacity is full; maximal | — |
//! | `random` | the allowed pairs of agents of capacity above 0 in a seeded random order, each formed when both have capacity left; maximal | — |
//!
//! *Pairwise stable*: no allowed pair, not formed, in which each agent has capacity left or
//! would rather have the other than its worst partner. Every pairwise stable pairing gives each
//! agent the same number of partners (Baïou & Balinski 2000), and a proposer's set in the
//! proposer-optimal one is better in the strong sense that each partner only it has beats each
//! partner only the other pairing gives (checked against every stable pairing of small
//! instances in the tests). Cloning both sides could pair the same two agents twice, which is
//! why the clones serve one side only and the pair gadgets both.
//!
//! References: A. E. Roth (1984), *Stability and polarization of interests in job matching*,
//! Econometrica 52(1), 47–57; M. Baïou, M. Balinski (2000), *Many-to-many matching: stable
//! polyandrous polygamy (or polygamous polyandry)*, Discrete Applied Mathematics 101, 1–12;
//! K. Cechlárová, T. Fleiner (2005), *On a generalization of the stable roommates problem*, ACM
//! Transactions on Algorithms 1(1), 143–156; E. Lee
//! (2017), *APX-hardness of maximizing Nash social welfare with indivisible items*, Information
//! Processing Letters 122, 17–20; I. Bezáková, V. Dani (2005), *Allocating indivisible goods*,
//! ACM SIGecom Exchanges 5(3), 11–18.
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
mod capacities;
mod leximin;
mod one_sided;
mod optimal;
pub(crate) mod pairing;
pub(crate) mod preferences;
mod simple;
mod stable;

pub use builtin::{Builtin, MORE_NAMES, NAMES, any_by_name, builtin, by_name};
pub use capacities::{CapacitatedPairing, Capacities};
pub use leximin::Leximin;
pub use one_sided::{Applicants, Popular, RankMaximal};
pub use optimal::{Bottleneck, Nash, Utilitarian};
pub use pairing::{Pairing, Strategy};
pub use preferences::Preferences;
pub use simple::{Greedy, RandomPairing, RandomSerialDictatorship};
pub use stable::{
    DeferredAcceptance, EgalitarianStable, LargeWeaklyStable, MinimumRegretStable, Proposers,
    SuperStable,
};
