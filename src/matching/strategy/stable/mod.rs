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
//! strategies below differ only in *who* is paired with whom, never in how many pairs there are.
//! The [strategy table](crate::strategy#the-built-in-strategies) defines them; this one adds
//! how each is found:
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
//! Under [`Capacities`](crate::strategy::Capacities) deferred acceptance runs in its
//! many-to-many form (Roth 1984), and the two fair strategies, with capacities above 1 on one
//! side only, on that side's clones (Gusfield & Irving 1989, §1.6.3), and above 1 on both
//! sides on copies of the agents and a four-agent gadget per acceptable pair (after
//! Cechlárová & Fleiner 2005), counting the ranks of the original agents; see the strategy
//! table's [*Capacities*](crate::strategy#capacities).
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

mod clones;
mod closure;
mod copies;
mod costs;
mod deferred_acceptance;
mod fair;
mod gadgets;
mod large_weakly_stable;
mod lattice;
mod range;
mod regret;
mod sides;
mod super_stable;

pub use deferred_acceptance::{DeferredAcceptance, Proposers};
pub use fair::{EgalitarianStable, MinimumRegretStable};
pub use large_weakly_stable::LargeWeaklyStable;
pub use super_stable::SuperStable;
