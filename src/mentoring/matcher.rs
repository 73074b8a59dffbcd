//! The front door: roster in, optimal pairs with reasons out.
//!
//! [`Matcher`] wires the mentoring half to the engine: it applies the [`Rules`], asks the
//! [`Scorer`] both ways for every junior × senior pair, combines the two directions, solves the
//! assignment exactly with the crate's [engine](crate::assignment), and explains the result:
//! what each partner teaches the other, and why anyone is left unmatched.

use crate::matching::assignment::{Cardinality, Options, Sense, solve_sparse_with_progress};
use crate::matching::capacitated;
use crate::matching::flow::bipartite::{Graph, maximum_matching};
use crate::matching::pair_scores::{Combination, PairScores};
use crate::matching::strategy::{Strategy, Utilitarian};
use crate::mentoring::candidates::{CandidateGraph, DEFAULT_CANDIDATES, Phase, Progress, Search};
use crate::mentoring::error::{Error, MatrixError, Result};
use crate::mentoring::model::{ParticipantId, Roster, Side};
pub use crate::mentoring::roster_scores::RosterScores;
use crate::mentoring::roster_scores::check_same_roster;
use crate::mentoring::rules::{Rule, Rules};
use crate::mentoring::score::{Lesson, MutualBenefit, Scorer, check_score};
use crate::{matching::memory, support::strict};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::sync::Arc;

/// What the matching optimises.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Objective, Roster};
///
/// // Jan mostly wants AI assistants, which only Ola teaches; Kim wants cloud tools.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5, "cloud-tools": 5}},
///     {"id": "eve", "side": "junior", "skills": {"cloud-tools": 2}},
///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5, "cloud-tools": 1}},
///     {"id": "kim", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let most = Matcher::new().solve(&roster)?;
/// assert_eq!(most.pairs().len(), 2);
/// let best = Matcher::new().with_objective(Objective::TotalScore).solve(&roster)?;
/// assert!(best.total_score() >= most.total_score());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Objective {
    /// Match as many participants as the rules allow, then maximise the total pair score among
    /// those matchings. The default: a programme usually wants everyone who can be matched to
    /// be matched.
    #[default]
    MostPairs,
    /// Maximise the total pair score alone. Pair scores are positive, so this leaves someone
    /// unmatched only when matching them would lower the total elsewhere by more.
    TotalScore,
}

/// How [`Matcher::solve`] finds the optimum: on every pair, or on a sparse candidate graph.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::Population;
/// use mentor_match::{Matcher, Method};
///
/// let roster = Population::new(200, 200).with_seed(4).roster()?;
/// let dense = Matcher::new().with_method(Method::Dense).solve(&roster)?;
/// let sparse = Matcher::new().with_method(Method::Sparse).solve(&roster)?;
/// assert_eq!(sparse.pairs().len(), dense.pairs().len());
/// assert!(sparse.total_score() >= 0.999 * dense.total_score());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Dense up to [`SPARSE_ABOVE`] junior × senior pairs, sparse above, when the sparse method
    /// supports the matcher's options (else dense). The default.
    #[default]
    Auto,
    /// Score every pair and solve exactly on the full matrix: `O(J · S)` memory.
    Dense,
    /// Solve exactly on the [candidate graph](crate::candidates): each participant's best
    /// [`candidates_per_person`](Matcher::candidates_per_person) partners, widened for the
    /// unmatched (see "Dense or sparse" in [`Matcher::solve`]). Needs the [`MutualBenefit`]
    /// scorer, the default strategy and capacities of at most 1; otherwise
    /// [`Error::SparseUnsupported`].
    Sparse,
}

/// How an [`Objective`] reads: its name as a string only (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Objective", rename_all = "snake_case")]
enum ObjectiveMirror {
    MostPairs,
    TotalScore,
}

impl<'de> Deserialize<'de> for Objective {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::named(d, ObjectiveMirror::deserialize)
    }
}

/// How a [`Method`] reads: its name as a string only.
#[derive(Deserialize)]
#[serde(remote = "Method", rename_all = "snake_case")]
enum MethodMirror {
    Auto,
    Dense,
    Sparse,
}

impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::named(d, MethodMirror::deserialize)
    }
}

/// Above this many junior × senior pairs, [`Method::Auto`] solves sparse.
///
/// Up to it the dense method is affordable, and it proves the optimum over all pairs, not only
/// over the candidates: at 2,000 + 2,000 (4,000,000 pairs) it holds about 100 MB of scores and
/// takes about half a second. Beyond it the dense method grows with the square of the roster
/// (about 4 s and 0.7 GB at 5,000 + 5,000), while the sparse one took 0.06 s at 2,000 + 2,000
/// and 0.24 s at 5,000 + 5,000 (BENCHMARKS.md).
///
/// # Examples
///
/// Whether a roster of a given size will be solved sparse by default:
///
/// ```
/// use mentor_match::matcher::SPARSE_ABOVE;
///
/// let sparse = |juniors: usize, seniors: usize| juniors * seniors > SPARSE_ABOVE;
/// assert!(!sparse(2_000, 2_000));
/// assert!(sparse(2_001, 2_000));
/// ```
pub const SPARSE_ABOVE: usize = 4_000_000;

/// A progress callback: see [`Matcher::progress`]. Shared, so a cloned matcher reports to the
/// same callback.
type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;

/// Builds and runs a matching: scorer, rules, combination and objective, each with a default.
///
/// Defaults: the [`MutualBenefit`] scorer, [`Rules::default`] (not one's own manager, junior
/// less experienced, a shared language), [`Combination::default`] (mutual, balance 0.5) and
/// [`Objective::MostPairs`].
///
/// A matcher is `Send + Sync` and cheap to clone (its scorer, rules, strategy and progress
/// callback are shared, not copied): one configured matcher can serve many requests, from many
/// threads at once.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::DifferentDepartments;
/// use mentor_match::{Combination, Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "department": "IT",
///      "skills": {"ai-assistants": 5}, "wishes": {"negotiation": 4}},
///     {"id": "jan", "side": "senior", "department": "Finance",
///      "skills": {"negotiation": 5}, "wishes": {"ai-assistants": 3}}]}"#)?;
/// let matching = Matcher::new()
///     .with_rule(DifferentDepartments)
///     .with_combination(Combination::Sum)
///     .solve(&roster)?;
/// assert_eq!(matching.partner_of("ola"), Some("jan"));
///
/// // Shared between threads: each solves its own roster with the same configuration.
/// let matcher = std::sync::Arc::new(Matcher::new().with_rule(DifferentDepartments));
/// let worker = std::sync::Arc::clone(&matcher);
/// let copy = roster.clone();
/// let there = std::thread::spawn(move || worker.solve(&copy)).join().unwrap()?;
/// assert_eq!(there, matcher.solve(&roster)?);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Clone)]
pub struct Matcher {
    scorer: Arc<dyn Scorer>,
    rules: Rules,
    combination: Combination,
    objective: Objective,
    strategy: Option<Arc<dyn Strategy>>,
    seed: u64,
    spreading: capacitated::Spreading,
    /// The scorer when it is a [`MutualBenefit`], which the candidate search needs.
    mutual_benefit: Option<MutualBenefit>,
    method: Method,
    candidates_per_person: usize,
    threads: Option<usize>,
    progress: Option<ProgressFn>,
}

impl Default for Matcher {
    fn default() -> Self {
        Matcher::new()
    }
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Matcher")
            .field("rules", &self.rules)
            .field("combination", &self.combination)
            .field("objective", &self.objective)
            .field("strategy", &self.strategy.as_ref().map(|s| s.name()))
            .field("seed", &self.seed)
            .field("spreading", &self.spreading)
            .field("method", &self.method)
            .field("candidates_per_person", &self.candidates_per_person)
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

impl Matcher {
    /// A matcher with every default.
    pub fn new() -> Self {
        Matcher {
            scorer: Arc::new(MutualBenefit::new()),
            rules: Rules::default(),
            combination: Combination::default(),
            objective: Objective::default(),
            strategy: None,
            seed: 0,
            spreading: capacitated::Spreading::default(),
            mutual_benefit: Some(MutualBenefit::new()),
            method: Method::Auto,
            candidates_per_person: DEFAULT_CANDIDATES,
            threads: None,
            progress: None,
        }
    }

    /// Uses `scorer` instead of [`MutualBenefit`].
    ///
    /// The [sparse method](Method::Sparse) needs a [`MutualBenefit`] (with any parameters): its
    /// candidate search relies on how that scorer works. With another scorer,
    /// [`Method::Auto`] stays dense.
    pub fn with_scorer<S: Scorer + 'static>(mut self, scorer: S) -> Self {
        self.mutual_benefit = (&scorer as &dyn std::any::Any)
            .downcast_ref::<MutualBenefit>()
            .copied();
        self.scorer = Arc::new(scorer);
        self
    }

    /// How to solve: dense, sparse, or by size (the default, [`Method::Auto`]).
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// How many candidates each participant brings to the sparse candidate graph (default
    /// [`DEFAULT_CANDIDATES`]); at least 1. See [`crate::candidates`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::{Matcher, Method};
    ///
    /// let roster = Population::new(100, 100).with_seed(3).roster()?;
    /// // As wide as the other side: every useful pair is a candidate, so sparse is exact.
    /// let full = Matcher::new().with_method(Method::Sparse).with_candidates_per_person(100).solve(&roster)?;
    /// let dense = Matcher::new().with_method(Method::Dense).solve(&roster)?;
    /// assert!((full.total_score() - dense.total_score()).abs() < 1e-9);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_candidates_per_person(mut self, k: usize) -> Self {
        self.candidates_per_person = k;
        self
    }

    /// How many threads the sparse method uses: for the candidate search, and for the exact
    /// solve when the candidate graph splits into two or more large parts (default: the
    /// machine's available parallelism; at most 256 are started). The result does not depend
    /// on it.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Calls `callback` as a sparse matching runs, with the phase and how much of it is done,
    /// so a platform can show a progress bar. Calls come from the thread that called
    /// [`solve`](Self::solve), in order: at most about a thousand per phase (a phase may
    /// repeat, see [`Phase`]).
    ///
    /// The callback is `Fn + Send + Sync` rather than `FnMut`: the matcher is shared between
    /// threads (and its clones share the callback), so two solves may report at once, each
    /// from its own thread. A callback that keeps state uses atomics or a `Mutex`, as below;
    /// one that only prints, like a progress bar on standard error, needs nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::candidates::Phase;
    /// use mentor_match::generate::Population;
    /// use mentor_match::{Matcher, Method};
    /// use std::sync::{Arc, Mutex};
    ///
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let log = Arc::clone(&seen);
    /// let roster = Population::new(50, 50).with_seed(1).roster()?;
    /// Matcher::new()
    ///     .with_method(Method::Sparse)
    ///     .with_progress(move |p| log.lock().unwrap().push((p.phase, p.fraction())))
    ///     .solve(&roster)?;
    /// let seen = seen.lock().unwrap();
    /// assert_eq!(seen.first(), Some(&(Phase::Candidates, 0.0)));
    /// assert_eq!(seen.last(), Some(&(Phase::Explaining, 1.0)));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_progress(mut self, callback: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// Adds a rule to the current ones.
    pub fn with_rule(mut self, rule: impl Rule + 'static) -> Self {
        self.rules = self.rules.with(rule);
        self
    }

    /// Replaces the rules (for example with [`Rules::none`] to drop the defaults).
    pub fn with_rules(mut self, rules: Rules) -> Self {
        self.rules = rules;
        self
    }

    /// Sets how a pair's two directions combine.
    pub fn with_combination(mut self, combination: Combination) -> Self {
        self.combination = combination;
        self
    }

    /// Sets what the matching optimises.
    pub fn with_objective(mut self, objective: Objective) -> Self {
        self.objective = objective;
        self
    }

    /// Pairs with `strategy` instead of the default, the utilitarian optimum of the combined
    /// pair scores under the [`Objective`].
    ///
    /// The strategy sees the two directions of benefit as a [`PairScores`] in which pairs
    /// that break a rule, and pairs whose combined score is 0 (nobody learns anything), are
    /// forbidden; so whatever the strategy, those pairs are never formed. The matching's
    /// `score` and `total_score` stay the combined pair scores.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{DeferredAcceptance, Proposers};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}, "wishes": {"strategy": 4}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "wishes": {"ai-assistants": 4}}]}"#)?;
    /// let stable = Matcher::new()
    ///     .with_strategy(DeferredAcceptance::new(Proposers::Juniors))
    ///     .solve(&roster)?;
    /// assert_eq!(stable.partner_of("ola"), Some("jan"));
    /// assert_eq!(stable.strategy, "deferred_acceptance_juniors");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_strategy(mut self, strategy: impl Strategy + 'static) -> Self {
        self.strategy = Some(Arc::new(strategy));
        self
    }

    /// Why this roster cannot match everyone, if it cannot: the largest group of people whose
    /// allowed partners have too few places, by skill. See [`crate::diagnosis`].
    ///
    /// # Errors
    ///
    /// As [`score`](Self::score).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// // Two seniors want AI assistants; only one junior teaches it.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 4}},
    ///     {"id": "eva", "side": "senior", "wishes": {"ai-assistants": 5}}]}"#)?;
    /// let diagnosis = Matcher::new().diagnose(&roster)?;
    /// let seniors = diagnosis.seniors.unwrap();
    /// assert_eq!(seniors.deficiency, 1);
    /// assert_eq!(seniors.skills[0].skill, "ai-assistants");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn diagnose(&self, roster: &Roster) -> Result<crate::mentoring::diagnosis::Diagnosis> {
        crate::mentoring::diagnosis::diagnose(roster, &self.score(roster)?, self.combination)
    }

    /// How participants with several places share partners (default
    /// [`Spreading::FirstPartnersFirst`](capacitated::Spreading::FirstPartnersFirst): a second
    /// partner only after everyone who can get a first one has one).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::capacitated::Spreading;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// // Jan is both juniors' best teacher; eva can teach kai a little.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "wishes": {"strategy": 5}},
    ///     {"id": "kai", "side": "junior", "wishes": {"strategy": 5}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "capacity": 2},
    ///     {"id": "eva", "side": "senior", "skills": {"strategy": 1}}]}"#)?;
    /// // By default eva gets a partner too; without spreading jan takes both for a higher total.
    /// assert_eq!(Matcher::new().solve(&roster)?.partners_of("jan").len(), 1);
    /// let free = Matcher::new().with_spreading(Spreading::Free).solve(&roster)?;
    /// assert_eq!(free.partners_of("jan"), ["ola", "kai"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_spreading(mut self, spreading: capacitated::Spreading) -> Self {
        self.spreading = spreading;
        self
    }

    /// The seed handed to a randomised strategy (default 0).
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Applies the rules and scores every available junior × senior pair both ways.
    ///
    /// Participants with capacity 0 are left out. A forbidden pair is not scored (its gains
    /// are 0).
    ///
    /// # Complexity
    ///
    /// `O(J · S · (R + w))` for `J` juniors, `S` seniors, `R` rules and the scorer's cost `w` per
    /// direction; no allocation per pair. Memory: 19 bytes a pair (both gains, the rule that
    /// forbids it, whether it is allowed).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScore`] naming both participants when the
    /// scorer returns NaN or a value outside `[0, 1]`; [`Error::InvalidOption`]
    /// for a scorer's invalid parameters; [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the scores of every pair
    /// cannot be allocated (see [`Method::Sparse`] for rosters that large).
    pub fn score(&self, roster: &Roster) -> Result<RosterScores> {
        self.scorer.check()?;
        let (juniors, seniors) = available_sides(roster);
        let (nj, ns) = (juniors.len(), seniors.len());
        const WHAT: &str = "the pair scores (available juniors x available seniors)";
        let mut junior_gain = memory::filled(WHAT, nj, ns, 0.0)?;
        let mut senior_gain = memory::filled(WHAT, nj, ns, 0.0)?;
        let mut excluded = memory::filled(WHAT, nj, ns, 0u16)?;
        let mut k = 0;
        for &j in &juniors {
            for &s in &seniors {
                match self.rules.first_violated(roster, j, s) {
                    Some(rule) => excluded[k] = (rule + 1).min(u16::MAX as usize) as u16,
                    None => {
                        junior_gain[k] =
                            check_score(roster, s, j, self.scorer.teaches(roster, s, j))?;
                        senior_gain[k] =
                            check_score(roster, j, s, self.scorer.teaches(roster, j, s))?;
                    }
                }
                k += 1;
            }
        }
        let mut scores = PairScores::new(juniors.len(), seniors.len(), junior_gain, senior_gain)?;
        for (k, &e) in excluded.iter().enumerate() {
            if e != 0 {
                scores.forbid(k / ns, k % ns)?;
            }
        }
        let rule_names = self.rules.names().into_iter().map(str::to_owned).collect();
        Ok(RosterScores {
            juniors,
            seniors,
            scores,
            excluded,
            rule_names,
        })
    }

    /// Matches the roster: the optimal pairs under the objective, each with its score and
    /// lessons, and everyone unmatched with the reason.
    ///
    /// # Dense or sparse
    ///
    /// The [`Method`] decides (by default, the roster's size). The dense method scores every
    /// pair and solves exactly on the full matrix. The sparse method solves exactly on the
    /// [candidate graph](crate::candidates) instead:
    ///
    /// 1. each available participant's best
    ///    [`candidates_per_person`](Self::candidates_per_person) partners;
    /// 2. widened while a matching of the graph leaves people out on both sides: each of them
    ///    is searched again among the people left out on the other side, until no two people
    ///    left out can be paired (first on maximum matchings, then on the optimum itself);
    /// 3. the optimum of that graph under the objective, by the sparse engine
    ///    ([`solve_sparse`](crate::assignment::solve_sparse));
    /// 4. then, while the optimum leaves people out on both sides, each of them gets twice as
    ///    many candidates among everyone (two people left out who cannot pair may both be
    ///    matched through swaps with people already matched), and the graph is solved again
    ///    from the last solve's prices, until a round adds no candidate or their lists are
    ///    complete.
    ///
    /// So nobody is left out who could pair with someone else left out. The result can fall
    /// short of the dense optimum only where the optimum needs a pair outside everyone's best
    /// lists; with `candidates_per_person` at least the larger side it is the dense optimum.
    /// Where several matchings tie for the optimum, the two methods may pick different ones
    /// (each the same one on every run).
    /// Reasons are the dense method's, except that [`Reason::PartnersTaken`] counts the
    /// partners in the graph.
    ///
    /// # Complexity
    ///
    /// Dense: scoring as [`score`](Self::score), then the engine: `O(n² m)` worst case for
    /// `n <= m` available participants a side, far less in practice. Sparse: see
    /// [`crate::candidates`] and [`solve_sparse`](crate::assignment::solve_sparse); memory
    /// `O((J + S) · k)`.
    ///
    /// # Errors
    ///
    /// As [`score`](Self::score), and [`Error::InvalidOption`] for
    /// an invalid combination; with the sparse method, as [`candidates`](Self::candidates),
    /// and [`Error::SparseUnsupported`] for a strategy or a capacity above 1 when it is forced.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Reason, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"social-media": 5}, "wishes": {"strategy": 3}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 4}, "wishes": {"social-media": 5}},
    ///     {"id": "ewa", "side": "senior", "capacity": 0}]}"#)?;
    /// let m = Matcher::new().solve(&roster)?;
    /// let pair = m.pair_of("ola").unwrap();
    /// assert_eq!(pair.senior, "jan");
    /// assert_eq!(pair.senior_learns[0].skill, "social-media");
    /// assert_eq!(m.unmatched()[0].reason, Reason::Unavailable);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn solve(&self, roster: &Roster) -> Result<Matching> {
        // The sparse method's options are checked whichever method runs, so a bad value is
        // reported on a small roster too, not first when the roster grows.
        self.check_sparse_options()?;
        let sparse = match self.method {
            Method::Dense => false,
            Method::Sparse => true,
            Method::Auto => {
                let available = |ids: &[ParticipantId]| {
                    ids.iter()
                        .filter(|&&p| roster.participant(p).capacity > 0)
                        .count()
                };
                available(roster.juniors()).saturating_mul(available(roster.seniors()))
                    > SPARSE_ABOVE
                    && self.sparse_scorer(roster).is_ok()
            }
        };
        if sparse {
            return self.solve_sparse(roster);
        }
        let scored = self.score(roster)?;
        let weights = scored.scores.weights(self.combination)?;
        let capacity = |p: ParticipantId| roster.participant(p).capacity;
        let wide = scored
            .juniors
            .iter()
            .chain(&scored.seniors)
            .copied()
            .find(|&p| capacity(p) > 1);
        let pairs = match (wide, &self.strategy) {
            (Some(p), Some(strategy)) => {
                return Err(Error::UnsupportedCapacity {
                    participant: roster.id(p).to_owned(),
                    capacity: capacity(p),
                    strategy: strategy.name().to_owned(),
                });
            }
            (Some(_), None) => {
                // Someone takes several partners: the exact many-to-many solver, with first
                // partners first (see `capacitated`).
                let problem = capacitated::Problem::new(
                    scored.juniors.len(),
                    scored.seniors.len(),
                    weights.as_slice().to_vec(),
                )?
                .with_junior_capacities(scored.juniors.iter().map(|&p| capacity(p)).collect())?
                .with_senior_capacities(scored.seniors.iter().map(|&p| capacity(p)).collect())?;
                let options = capacitated::Options::new()
                    .with_cardinality(self.cardinality())
                    .with_spreading(self.spreading);
                capacitated::solve(&problem, options)?.pairs().to_vec()
            }
            (None, _) => {
                // The strategy's instance: rule-breaking and zero-score pairs are forbidden.
                let mut candidates = scored.scores.clone();
                let ns = scored.seniors.len();
                for (k, w) in weights.as_slice().iter().enumerate() {
                    if *w == f64::NEG_INFINITY {
                        candidates.forbid(k / ns, k % ns)?;
                    }
                }
                let default = Utilitarian::new()
                    .with_combination(self.combination)
                    .with_cardinality(self.cardinality());
                let strategy: &dyn Strategy = self.strategy.as_deref().unwrap_or(&default);
                strategy
                    .pair_seeded(&candidates, self.seed)?
                    .pairs()
                    .to_vec()
            }
        };
        self.explain(roster, &scored, &pairs)
    }

    fn cardinality(&self) -> Cardinality {
        match self.objective {
            Objective::TotalScore => Cardinality::Any,
            _ => Cardinality::Maximum,
        }
    }

    /// The matcher's [`MutualBenefit`] when the sparse method supports every option, else
    /// [`Error::SparseUnsupported`] saying which does not.
    fn sparse_scorer(&self, roster: &Roster) -> Result<MutualBenefit> {
        let unsupported = |what: String| Err(Error::SparseUnsupported { what });
        if let Some(strategy) = &self.strategy {
            return unsupported(format!("strategy `{}`", strategy.name()));
        }
        if let Some(p) = roster
            .participants()
            .find(|&p| roster.participant(p).capacity > 1)
        {
            return unsupported(format!(
                "capacity {} of participant `{}`",
                roster.participant(p).capacity,
                roster.id(p)
            ));
        }
        match self.mutual_benefit {
            Some(scorer) => Ok(scorer),
            None => unsupported("a custom scorer".to_owned()),
        }
    }

    fn search<'a>(&'a self, roster: &'a Roster, scorer: &'a MutualBenefit) -> Result<Search<'a>> {
        scorer.validate()?;
        self.combination.validate()?;
        self.check_sparse_options()?;
        // More threads than this only cost memory and start-up: the result is the same.
        const MAX_THREADS: usize = 256;
        let threads = self
            .threads
            .unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
            })
            .min(MAX_THREADS);
        Ok(Search {
            roster,
            scorer,
            rules: &self.rules,
            combination: self.combination,
            threads,
        })
    }

    /// [`Error::InvalidOption`] for a `candidates_per_person` or a thread count of 0.
    fn check_sparse_options(&self) -> Result<()> {
        if self.candidates_per_person == 0 {
            return Err(Error::InvalidOption {
                option: "candidates_per_person",
                value: 0.0,
                expected: "at least 1 candidate a person",
            });
        }
        if self.threads == Some(0) {
            return Err(Error::InvalidOption {
                option: "threads",
                value: 0.0,
                expected: "at least 1 thread",
            });
        }
        Ok(())
    }

    fn report(&self, phase: Phase, done: usize, total: usize) {
        if let Some(callback) = &self.progress {
            callback(Progress { phase, done, total });
        }
    }

    /// The sparse candidate graph of the roster: each available participant's best
    /// [`candidates_per_person`](Self::candidates_per_person) partners under the rules and the
    /// combination. See [`crate::candidates`] for how they are found without scoring every
    /// pair.
    ///
    /// # Errors
    ///
    /// [`Error::SparseUnsupported`] with a scorer other than [`MutualBenefit`];
    /// [`Error::InvalidOption`] for invalid scorer or combination parameters, or a `k` or a
    /// thread count of 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(1000, 1000).with_seed(1).roster()?;
    /// let graph = Matcher::new().with_candidates_per_person(8).candidates(&roster)?;
    /// assert!(graph.edges() <= 8 * 2000);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn candidates(&self, roster: &Roster) -> Result<CandidateGraph> {
        let scorer = match self.mutual_benefit {
            Some(scorer) => scorer,
            None => {
                return Err(Error::SparseUnsupported {
                    what: "a custom scorer".to_owned(),
                });
            }
        };
        let search = self.search(roster, &scorer)?;
        let (juniors, seniors) = available_sides(roster);
        Ok(search.graph(
            juniors,
            seniors,
            self.candidates_per_person,
            &mut |done, total| self.report(Phase::Candidates, done, total),
        ))
    }

    /// The sparse method: candidates, widen, solve, widen for the unmatched and solve again,
    /// explain.
    fn solve_sparse(&self, roster: &Roster) -> Result<Matching> {
        let scorer = self.sparse_scorer(roster)?;
        let search = self.search(roster, &scorer)?;
        let (juniors, seniors) = available_sides(roster);
        let ns = seniors.len();
        let k = self.candidates_per_person;
        let mut graph = search.graph(juniors, seniors, k, &mut |done, total| {
            self.report(Phase::Candidates, done, total)
        });
        // Everyone's best partners tend to be the same few people, so a graph of best lists
        // can leave many unmatched who would pair well with each other. So, while a matching
        // leaves people out on both sides, each of them is searched again among the people
        // left out on the other side only, and what is found joins the graph. Every round
        // that adds an edge joins two people left out, so the next matching can grow; the
        // rounds end when no two people left out can be paired at all (a positive score,
        // allowed by the rules). The rounds run first on maximum matchings (Hopcroft–Karp,
        // cheap), then on the optimal matching itself, which may leave out others.
        //
        // Two people left out who cannot pair may still both be matched through a chain of
        // swaps with people already matched, along pairs the graph lacks. So, once the people
        // left out cannot pair with each other, each of them gets more candidates among
        // everyone: twice as many each time, until a round adds nothing or their lists hold
        // every partner there is.
        let options = Options::new(Sense::Maximize).with_cardinality(self.cardinality());
        let mut exact = false;
        let mut wider = k;
        // Each exact solve starts from the last one's potentials: the graph only grew.
        let mut last: Option<crate::matching::assignment::Solution<f64>> = None;
        let largest = graph.juniors().len().max(ns);
        loop {
            let (free_juniors, free_seniors, solution) = if exact {
                let solution = solve_sparse_with_progress(
                    &graph.weights(),
                    options,
                    last.as_ref(),
                    search.threads,
                    &mut |done, total| self.report(Phase::Solving, done, total),
                )?;
                (
                    solution.unassigned_rows().to_vec(),
                    solution.unassigned_cols().to_vec(),
                    Some(solution),
                )
            } else {
                let (start, targets) = graph.adjacency();
                let (_, mate_junior, mate_senior) = maximum_matching(&Graph {
                    right: ns,
                    start,
                    targets: &targets,
                });
                let free = |mates: &[usize]| -> Vec<usize> {
                    (0..mates.len())
                        .filter(|&p| mates[p] == usize::MAX)
                        .collect()
                };
                (free(&mate_junior), free(&mate_senior), None)
            };
            if free_juniors.is_empty() || free_seniors.is_empty() {
                if let Some(solution) = solution {
                    let pairs = solution.pairs().to_vec();
                    return self.explain_sparse(roster, &graph, &search, &pairs);
                }
                exact = true;
                continue;
            }
            let mut report = |done, total| self.report(Phase::Widening, done, total);
            let (widened, gained) =
                search.widen_among_free(graph, &free_juniors, &free_seniors, k, &mut report);
            graph = widened;
            if gained > 0 {
                last = solution;
                continue;
            }
            let Some(solution) = solution else {
                exact = true;
                continue;
            };
            if wider >= largest {
                let pairs = solution.pairs().to_vec();
                return self.explain_sparse(roster, &graph, &search, &pairs);
            }
            wider = wider.saturating_mul(2).min(largest);
            let (widened, gained) =
                search.widen_among_all(graph, &free_juniors, &free_seniors, wider, &mut report);
            graph = widened;
            if gained == 0 {
                let pairs = solution.pairs().to_vec();
                return self.explain_sparse(roster, &graph, &search, &pairs);
            }
            last = Some(solution);
        }
    }

    /// The [`Matching`] of a sparse solve: as [`explain`](Self::explain), with the gains read
    /// off the graph.
    fn explain_sparse(
        &self,
        roster: &Roster,
        graph: &CandidateGraph,
        search: &Search<'_>,
        chosen: &[(usize, usize)],
    ) -> Result<Matching> {
        let (nj, ns) = (graph.juniors().len(), graph.seniors().len());
        let total = chosen.len() + roster.len();
        self.report(Phase::Explaining, 0, total);
        let mut pairs = Vec::with_capacity(chosen.len());
        let mut matched = vec![false; roster.len()];
        for &(r, c) in chosen {
            let (j, s) = (graph.juniors()[r], graph.seniors()[c]);
            matched[j.index()] = true;
            matched[s.index()] = true;
            let edge = graph.edge(r, c).ok_or(MatrixError::InvalidPair {
                junior: r,
                senior: c,
                why: "not in the candidate graph",
            })?;
            pairs.push(self.pair(roster, j, s, edge.junior_gain, edge.senior_gain));
        }
        // The degree of each participant in the graph: when an unmatched participant has
        // partners there, every one of them is matched elsewhere (else the optimum would
        // pair them), so the reason is read off the graph; only those with none need a scan of
        // the other side, for the rules that excluded them.
        let mut degree = vec![0usize; nj + ns];
        for r in 0..nj {
            for (c, _) in graph.partners(r) {
                degree[r] += 1;
                degree[nj + c] += 1;
            }
        }
        let mut position = vec![usize::MAX; roster.len()];
        for (k, &p) in graph.juniors().iter().chain(graph.seniors()).enumerate() {
            position[p.index()] = k;
        }
        let lonely: Vec<ParticipantId> = roster
            .participants()
            .filter(|&p| {
                !matched[p.index()]
                    && position[p.index()] != usize::MAX
                    && degree[position[p.index()]] == 0
            })
            .collect();
        let rules = &self.rules;
        let scanned = crate::mentoring::candidates::par_map(&lonely, search.threads, |&p| {
            let others = match roster.side(p) {
                Side::Junior => graph.seniors(),
                Side::Senior => graph.juniors(),
            };
            let mut excluded = vec![0usize; rules.len()];
            let mut allowed = 0;
            for &q in others {
                let (j, s) = match roster.side(p) {
                    Side::Junior => (p, q),
                    Side::Senior => (q, p),
                };
                match rules.first_violated(roster, j, s) {
                    Some(rule) => excluded[rule] += 1,
                    None => allowed += 1,
                }
            }
            (allowed, excluded)
        });
        let mut scans: Vec<Option<(usize, Vec<usize>)>> = vec![None; roster.len()];
        for (p, counts) in lonely.iter().zip(scanned) {
            scans[p.index()] = Some(counts);
        }
        let rule_names = self.rules.names();
        let mut unmatched = Vec::new();
        for p in roster.participants() {
            if matched[p.index()] {
                continue;
            }
            let side = roster.side(p);
            let partners = if side == Side::Junior { ns } else { nj };
            let reason = if roster.participant(p).capacity == 0 {
                Reason::Unavailable
            } else if partners == 0 {
                Reason::OtherSideEmpty { side: side.other() }
            } else if degree[position[p.index()]] > 0 {
                Reason::PartnersTaken {
                    candidates: degree[position[p.index()]],
                }
            } else {
                // Every participant without candidates was scanned.
                let (allowed, excluded) = scans[p.index()].take().unwrap_or_default();
                unmatched_reason(allowed, 0, || {
                    rule_exclusions(&rule_names, excluded.iter().copied())
                })
            };
            unmatched.push(Unmatched {
                id: roster.id(p).to_owned(),
                side,
                reason,
            });
        }
        self.report(Phase::Explaining, total, total);
        Ok(Matching {
            objective: self.objective,
            strategy: "utilitarian".to_owned(),
            total_score: pairs.iter().fold(0.0, |sum, p: &Pair| sum + p.score),
            pairs,
            unmatched,
        })
    }

    /// One pair with its lessons.
    fn pair(
        &self,
        roster: &Roster,
        j: ParticipantId,
        s: ParticipantId,
        junior_gain: f64,
        senior_gain: f64,
    ) -> Pair {
        Pair {
            junior: roster.id(j).to_owned(),
            senior: roster.id(s).to_owned(),
            score: self.combination.combine(junior_gain, senior_gain),
            junior_gain,
            senior_gain,
            junior_learns: self.scorer.explain(roster, s, j),
            senior_learns: self.scorer.explain(roster, j, s),
        }
    }

    /// The [`Matching`] of chosen pairs: each pair with its score and lessons, and everyone
    /// without a partner with the reason. `pairs` are `(junior, senior)` positions in
    /// `scored`'s [`juniors`](RosterScores::juniors) and [`seniors`](RosterScores::seniors), as
    /// a strategy or a coordinator's own procedure chose them; a person may appear in several
    /// pairs (capacities).
    ///
    /// # Errors
    ///
    /// [`Error::RosterMismatch`] when `scored` was computed for another roster;
    /// [`MatrixError::InvalidPair`](crate::MatrixError::InvalidPair) for a pair out of range or repeated; [`Error::InvalidOption`] for
    /// an invalid combination; [`Error::InvalidScore`] when the scorer fails on an overridden
    /// pair. A pair the rules forbid is accepted (a coordinator's override) and scored like
    /// the others.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let matcher = Matcher::new();
    /// let scored = matcher.score(&roster)?;
    /// let matching = matcher.explain(&roster, &scored, &[(0, 0)])?;
    /// assert_eq!(matching.partner_of("ola"), Some("jan"));
    /// assert!(matcher.explain(&roster, &scored, &[(0, 1)]).is_err()); // no senior 1
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn explain(
        &self,
        roster: &Roster,
        scored: &RosterScores,
        pairs: &[(usize, usize)],
    ) -> Result<Matching> {
        check_same_roster(roster, scored)?;
        let weights = scored.scores.weights(self.combination)?;
        let mut seen = std::collections::BTreeSet::new();
        for &(junior, senior) in pairs {
            let bad = |why| MatrixError::InvalidPair {
                junior,
                senior,
                why,
            };
            if junior >= scored.juniors.len() || senior >= scored.seniors.len() {
                return Err(bad("out of range").into());
            }
            if !seen.insert((junior, senior)) {
                return Err(bad("the pair appears twice").into());
            }
        }
        let mut pairs = pairs.to_vec();
        pairs.sort_unstable();
        let strategy_name = self
            .strategy
            .as_ref()
            .map_or("utilitarian", |s| s.name())
            .to_owned();
        let (nj, ns) = (scored.juniors.len(), scored.seniors.len());
        let chosen = pairs;
        let mut pairs: Vec<Pair> = Vec::with_capacity(chosen.len());
        for &(r, c) in &chosen {
            let (j, s) = (scored.juniors[r], scored.seniors[c]);
            // A pair the rules forbid was not scored: it is here as a coordinator's override,
            // so score it now like any other.
            let (junior_gain, senior_gain) = if scored.scores.is_allowed(r, c) {
                (
                    scored.scores.junior_gain(r, c),
                    scored.scores.senior_gain(r, c),
                )
            } else {
                (
                    check_score(roster, s, j, self.scorer.teaches(roster, s, j))?,
                    check_score(roster, j, s, self.scorer.teaches(roster, j, s))?,
                )
            };
            pairs.push(self.pair(roster, j, s, junior_gain, senior_gain));
        }

        // Why each unmatched participant is unmatched, read off their row or column.
        let mut row_of = vec![usize::MAX; roster.len()];
        for (r, &j) in scored.juniors.iter().enumerate() {
            row_of[j.index()] = r;
        }
        for (c, &s) in scored.seniors.iter().enumerate() {
            row_of[s.index()] = c;
        }
        let mut matched = vec![false; roster.len()];
        for &(r, c) in &chosen {
            matched[scored.juniors[r].index()] = true;
            matched[scored.seniors[c].index()] = true;
        }
        let mut unmatched = Vec::new();
        for p in roster.participants() {
            if matched[p.index()] {
                continue;
            }
            let side = roster.side(p);
            let reason = if roster.participant(p).capacity == 0 {
                Reason::Unavailable
            } else {
                let k = row_of[p.index()];
                let partners = if side == Side::Junior { ns } else { nj };
                let cell = |other: usize| {
                    if side == Side::Junior {
                        (k, other)
                    } else {
                        (other, k)
                    }
                };
                if partners == 0 {
                    Reason::OtherSideEmpty { side: side.other() }
                } else {
                    let allowed = (0..partners)
                        .filter(|&o| scored.scores.is_allowed(cell(o).0, cell(o).1))
                        .count();
                    let candidates = (0..partners)
                        .filter(|&o| weights.get(cell(o).0, cell(o).1).is_some_and(|w| w > 0.0))
                        .count();
                    unmatched_reason(allowed, candidates, || {
                        let mut counts = vec![0usize; scored.rule_names.len()];
                        for o in 0..partners {
                            let (r, c) = cell(o);
                            let e = scored.excluded[r * ns + c] as usize;
                            if e > 0 {
                                counts[e - 1] += 1;
                            }
                        }
                        let names: Vec<&str> =
                            scored.rule_names.iter().map(String::as_str).collect();
                        rule_exclusions(&names, counts.into_iter())
                    })
                }
            };
            unmatched.push(Unmatched {
                id: roster.id(p).to_owned(),
                side,
                reason,
            });
        }
        Ok(Matching {
            objective: self.objective,
            strategy: strategy_name,
            total_score: pairs.iter().fold(0.0, |sum, p| sum + p.score),
            pairs,
            unmatched,
        })
    }
}

/// One pair of the matching, with what each partner teaches the other.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"career-planning": 2}},
///     {"id": "jan", "side": "senior", "skills": {"career-planning": 5}, "wishes": {"cloud-tools": 4}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let pair = &matching.pairs()[0];
/// assert_eq!((pair.junior.as_str(), pair.senior.as_str()), ("ola", "jan"));
/// assert_eq!((pair.junior_gain, pair.senior_gain), (1.0, 1.0));
/// assert_eq!(pair.score, 1.0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Pair {
    /// The junior's id.
    pub junior: String,
    /// The senior's id.
    pub senior: String,
    /// The combined pair score, in `[0, 1]`.
    pub score: f64,
    /// What the junior gains from the senior, in `[0, 1]`.
    pub junior_gain: f64,
    /// What the senior gains from the junior, in `[0, 1]`.
    pub senior_gain: f64,
    /// What the senior teaches the junior, biggest share first.
    pub junior_learns: Vec<Lesson>,
    /// What the junior teaches the senior, biggest share first.
    pub senior_learns: Vec<Lesson>,
}

/// How a [`Pair`] reads: an object of exactly its keys (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Pair", deny_unknown_fields)]
struct PairMirror {
    junior: String,
    senior: String,
    score: f64,
    junior_gain: f64,
    senior_gain: f64,
    junior_learns: Vec<Lesson>,
    senior_learns: Vec<Lesson>,
}

strict::map_only!(Pair, PairMirror);

/// How many of a participant's possible partners one rule excluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RuleExclusion {
    /// The rule's name.
    pub rule: String,
    /// How many partners it excluded (each pair is counted for the first rule that forbids it).
    pub partners: usize,
}

/// Why a participant is unmatched.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Reason, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?;
/// let m = Matcher::new().solve(&roster)?;
/// assert_eq!(m.unmatched()[0].reason, Reason::OtherSideEmpty { side: Side::Senior });
/// assert_eq!(m.unmatched()[0].reason.to_string(), "nobody is available on the senior side");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// Capacity 0: not available this round.
    Unavailable,
    /// Nobody is available on the other side.
    OtherSideEmpty {
        /// The empty side.
        side: Side,
    },
    /// Every possible partner is excluded by a rule.
    NoAllowedPartner {
        /// Which rules excluded how many partners.
        excluded_by: Vec<RuleExclusion>,
    },
    /// Partners are allowed, but no pair with them scores above zero: nobody learns anything,
    /// or (under [`Combination::Minimum`] or [`Combination::Product`]) only one side would.
    NothingToLearn {
        /// How many partners the rules allow.
        allowed_partners: usize,
    },
    /// Every partner with whom someone would learn was matched with someone else, because the
    /// optimum needed them there.
    PartnersTaken {
        /// How many such partners there were.
        candidates: usize,
    },
}

/// How a [`RuleExclusion`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "RuleExclusion", deny_unknown_fields)]
struct RuleExclusionMirror {
    rule: String,
    partners: usize,
}

strict::map_only!(RuleExclusion, RuleExclusionMirror);

/// How a [`Reason`] reads: `{"kind": ..., ...}` with exactly its variant's keys.
#[derive(Deserialize)]
#[serde(
    remote = "Reason",
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum ReasonMirror {
    Unavailable,
    OtherSideEmpty { side: Side },
    NoAllowedPartner { excluded_by: Vec<RuleExclusion> },
    NothingToLearn { allowed_partners: usize },
    PartnersTaken { candidates: usize },
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::tagged(d, ReasonMirror::deserialize)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Unavailable => f.write_str("not available this round (capacity 0)"),
            Reason::OtherSideEmpty { side } => write!(f, "nobody is available on the {side} side"),
            Reason::NoAllowedPartner { excluded_by } => {
                f.write_str("no allowed partner: excluded by ")?;
                for (k, e) in excluded_by.iter().enumerate() {
                    let sep = if k > 0 { ", " } else { "" };
                    write!(
                        f,
                        "{sep}{} ({} partner{})",
                        e.rule,
                        e.partners,
                        if e.partners == 1 { "" } else { "s" }
                    )?;
                }
                Ok(())
            }
            Reason::NothingToLearn { allowed_partners } => write!(
                f,
                "no pair with the {allowed_partners} allowed partner{} scores above zero: nobody to \
                 learn from or teach (or, under a minimum or product combination, only one side would learn)",
                if *allowed_partners == 1 { "" } else { "s" }
            ),
            Reason::PartnersTaken { candidates: 1 } => f.write_str(
                "the only partner with something to learn was matched with someone else",
            ),
            Reason::PartnersTaken { candidates } => write!(
                f,
                "all {candidates} partners with something to learn were matched with others"
            ),
        }
    }
}

/// A participant left unmatched, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Unmatched {
    /// Their id.
    pub id: String,
    /// Their side.
    pub side: Side,
    /// Why.
    pub reason: Reason,
}

/// How an [`Unmatched`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Unmatched", deny_unknown_fields)]
struct UnmatchedMirror {
    id: String,
    side: Side,
    reason: Reason,
}

strict::map_only!(Unmatched, UnmatchedMirror);

/// The result of [`Matcher::solve`]: pairs with explanations, and the unmatched with reasons.
///
/// Serialises to JSON with the keys `pairs` (each with `junior`, `senior`, `score`, the gains
/// and the lessons), `unmatched` (each with `id`, `side`, `reason`), `total_score`,
/// `objective` and `strategy`, and reads back from the same (only those keys, each once).
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let m = Matcher::new().solve(&roster)?;
/// assert_eq!(m.partner_of("jan"), Some("ola"));
/// let json = serde_json::to_value(&m).unwrap();
/// assert_eq!(json["pairs"][0]["senior"], "jan");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Matching {
    /// The pairs, in the order of the juniors in the roster.
    pub pairs: Vec<Pair>,
    /// Everyone unmatched, in roster order.
    pub unmatched: Vec<Unmatched>,
    /// The sum of the pair scores.
    pub total_score: f64,
    /// What was optimised by the default strategy.
    pub objective: Objective,
    /// The name of the strategy that paired the participants (`utilitarian` by default).
    pub strategy: String,
}

/// How a [`Matching`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Matching", deny_unknown_fields)]
struct MatchingMirror {
    pairs: Vec<Pair>,
    unmatched: Vec<Unmatched>,
    total_score: f64,
    objective: Objective,
    strategy: String,
}

strict::map_only!(Matching, MatchingMirror);

impl Matching {
    /// The pairs.
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// Everyone unmatched, with reasons.
    pub fn unmatched(&self) -> &[Unmatched] {
        &self.unmatched
    }

    /// The sum of the pair scores.
    pub fn total_score(&self) -> f64 {
        self.total_score
    }

    /// The first pair that includes the participant `id`.
    pub fn pair_of(&self, id: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.junior == id || p.senior == id)
    }

    /// The first partner of the participant `id` (see [`partners_of`](Self::partners_of) for
    /// participants with several).
    pub fn partner_of(&self, id: &str) -> Option<&str> {
        self.pair_of(id).map(|p| {
            if p.junior == id {
                p.senior.as_str()
            } else {
                p.junior.as_str()
            }
        })
    }

    /// Every partner of the participant `id`, in the order of the pairs: several when their
    /// capacity is above 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "wishes": {"strategy": 4}},
    ///     {"id": "kai", "side": "junior", "wishes": {"strategy": 5}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "capacity": 2}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// assert_eq!(matching.partners_of("jan"), ["ola", "kai"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn partners_of(&self, id: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter_map(|p| {
                if p.junior == id {
                    Some(p.senior.as_str())
                } else if p.senior == id {
                    Some(p.junior.as_str())
                } else {
                    None
                }
            })
            .collect()
    }

    /// The matching as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The reason of an available participant with partners on the other side, from how many the
/// rules allow and how many of those score above 0.
fn unmatched_reason(
    allowed: usize,
    candidates: usize,
    excluded_by: impl FnOnce() -> Vec<RuleExclusion>,
) -> Reason {
    if allowed == 0 {
        Reason::NoAllowedPartner {
            excluded_by: excluded_by(),
        }
    } else if candidates == 0 {
        Reason::NothingToLearn {
            allowed_partners: allowed,
        }
    } else {
        Reason::PartnersTaken { candidates }
    }
}

/// The rules that excluded someone's partners, from the count per rule.
fn rule_exclusions(names: &[&str], counts: impl Iterator<Item = usize>) -> Vec<RuleExclusion> {
    names
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(rule, partners)| RuleExclusion {
            rule: (*rule).to_owned(),
            partners,
        })
        .collect()
}

/// The roster's available juniors and seniors (capacity at least 1), in roster order.
fn available_sides(roster: &Roster) -> (Vec<ParticipantId>, Vec<ParticipantId>) {
    let available = |ids: &[ParticipantId]| -> Vec<ParticipantId> {
        ids.iter()
            .copied()
            .filter(|&p| roster.participant(p).capacity > 0)
            .collect()
    };
    (available(roster.juniors()), available(roster.seniors()))
}

crate::support::renamed::setters!(Matcher {
    seed(u64) => with_seed,
    combination(Combination) => with_combination,
    spreading(capacitated::Spreading) => with_spreading,
    threads(usize) => with_threads,
    strategy(impl Strategy + 'static) => with_strategy,
    rules(Rules) => with_rules,
    rule(impl Rule + 'static) => with_rule,
    progress(impl Fn(Progress) + Send + Sync + 'static) => with_progress,
    objective(Objective) => with_objective,
    method(Method) => with_method,
    candidates_per_person(usize) => with_candidates_per_person,
});
