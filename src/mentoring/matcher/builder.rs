//! [`Matcher`] and its options: scorer, rules, combination, objective, strategy, and the
//! options of the sparse method. Each option has a default; each method that reads it is in
//! the file of its idea (scoring, dense, sparse, explaining).

use super::guarantee::Guarantee;
use super::method::Method;
use super::objective::Objective;
use super::preference_source::PreferenceSource;
use crate::matching::assignment::Cardinality;
use crate::matching::capacitated;
use crate::matching::pair_scores::Combination;
use crate::matching::strategy::Strategy;
use crate::mentoring::candidates::{DEFAULT_CANDIDATES, Phase, Progress};
use crate::mentoring::error::{Error, Result};
use crate::mentoring::rules::{Rule, Rules};
use crate::mentoring::score::{MutualBenefit, Scorer};
use std::fmt;
use std::sync::Arc;

/// A progress callback: see [`Matcher::with_progress`]. Shared, so a cloned matcher reports to the
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
    pub(super) scorer: Arc<dyn Scorer>,
    pub(super) rules: Rules,
    pub(super) combination: Combination,
    pub(super) objective: Objective,
    pub(super) strategy: Option<Arc<dyn Strategy>>,
    pub(super) seed: u64,
    pub(super) spreading: capacitated::Spreading,
    /// The scorer when it is a [`MutualBenefit`], which the candidate search needs.
    pub(super) mutual_benefit: Option<MutualBenefit>,
    pub(super) method: Method,
    pub(super) guarantee: Guarantee,
    pub(super) candidates_per_person: usize,
    pub(super) threads: Option<usize>,
    pub(super) progress: Option<ProgressFn>,
    /// How often a candidate may be shown on shortlists, relative to their share.
    pub(super) exposure: f64,
    /// What a strategy other than the default ranks partners by.
    pub(super) preferences: PreferenceSource,
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
            .field("guarantee", &self.guarantee)
            .field("candidates_per_person", &self.candidates_per_person)
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

impl Matcher {
    /// A matcher with every default.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Objective, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// assert_eq!(matching.partner_of("ola"), Some("jan"));
    /// assert_eq!(matching.objective(), Objective::MostPairs);
    /// assert_eq!(matching.strategy(), "utilitarian");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
            guarantee: Guarantee::CandidateGraph,
            candidates_per_person: DEFAULT_CANDIDATES,
            threads: None,
            progress: None,
            exposure: 1.0,
            preferences: PreferenceSource::Induced,
        }
    }

    /// Sets what a strategy set with [`with_strategy`](Self::with_strategy) ranks partners by:
    /// the preferences the scores induce (the default) or those participants stated (see
    /// [`PreferenceSource`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::matcher::PreferenceSource;
    /// use mentor_match::strategy::Greedy;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// // Ola would learn more from Jan, but chose Eva.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "wishes": {"strategy": 5}, "choices": ["eva"]},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}},
    ///     {"id": "eva", "side": "senior", "skills": {"strategy": 2}}]}"#)?;
    /// let greedy = Matcher::new().with_strategy(Greedy);
    /// assert_eq!(greedy.solve(&roster)?.partner_of("ola"), Some("jan"));
    /// let stated = greedy
    ///     .with_preferences(PreferenceSource::Stated)
    ///     .solve(&roster)?;
    /// assert_eq!(stated.partner_of("ola"), Some("eva"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_preferences(mut self, preferences: PreferenceSource) -> Self {
        self.preferences = preferences;
        self
    }

    /// How often a candidate may appear on [shortlists](Self::shortlists), as a multiple of
    /// their share of their side's places (1 by default; see [`crate::matcher::shortlist`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ada", "side": "senior", "skills": {"strategy": 5}},
    ///     {"id": "bo", "side": "senior", "skills": {"strategy": 3}},
    ///     {"id": "cy", "side": "junior", "wishes": {"strategy": 5}},
    ///     {"id": "di", "side": "junior", "wishes": {"strategy": 4}}]}"#)?;
    /// // Twice the share: ada may be shown to both juniors.
    /// let lists = Matcher::new().with_exposure(2.0).shortlists(&roster, 1)?;
    /// assert_eq!(lists.of("di").unwrap().pairs[0].senior, "ada");
    /// assert!(Matcher::new().with_exposure(0.0).shortlists(&roster, 1).is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_exposure(mut self, exposure: f64) -> Self {
        self.exposure = exposure;
        self
    }

    /// [`Error::InvalidOption`](crate::Error::InvalidOption) unless the exposure is finite and
    /// above 0.
    pub(super) fn check_exposure(&self) -> Result<()> {
        if self.exposure.is_finite() && self.exposure > 0.0 {
            Ok(())
        } else {
            Err(Error::InvalidOption {
                option: "exposure",
                value: self.exposure.into(),
                expected: "a finite number above 0",
            })
        }
    }

    /// Uses `scorer` instead of [`MutualBenefit`].
    ///
    /// The [sparse method](Method::Sparse) needs a [`MutualBenefit`] (with any parameters): its
    /// candidate search relies on how that scorer works. With another scorer,
    /// [`Method::Auto`] stays dense.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, MutualBenefit, ParticipantId, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 1}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 3}}]}"#)?;
    /// // A gap of one level earns full credit instead of a third.
    /// let generous = MutualBenefit::new().with_gap_cap(1);
    /// let pair = Matcher::new().with_scorer(generous).solve(&roster)?.pairs()[0].clone();
    /// assert_eq!(pair.senior_gain, 1.0);
    /// // A closure is a scorer too.
    /// let flat = |_: &Roster, _: ParticipantId, _: ParticipantId| 0.5;
    /// let flat_matching = Matcher::new().with_scorer(flat).solve(&roster)?;
    /// assert_eq!(flat_matching.total_score(), 0.5);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_scorer<S: Scorer + 'static>(mut self, scorer: S) -> Self {
        self.mutual_benefit = (&scorer as &dyn std::any::Any)
            .downcast_ref::<MutualBenefit>()
            .copied();
        self.scorer = Arc::new(scorer);
        self
    }

    crate::support::setters::field_setters! {
        /// How to solve: dense, sparse, or by size (the default, [`Method::Auto`]).
        with_method(method: Method) was method;

        /// What the sparse method proves its result optimal over: its candidate graph (the
        /// default) or every pair ([`Guarantee::EveryPair`]). The dense method
        /// always solves over every pair.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::{Guarantee, Matcher};
        ///
        /// let matcher = Matcher::new().with_guarantee(Guarantee::EveryPair);
        /// assert!(format!("{matcher:?}").contains("EveryPair"));
        /// ```
        with_guarantee(guarantee: Guarantee);

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
        with_candidates_per_person(candidates_per_person: usize) was candidates_per_person;
    }

    /// How many threads the sparse method uses: for the candidate search, and for the exact
    /// solve when the candidate graph splits into two or more large parts (default: the
    /// machine's available parallelism; at most 256 are started). The result does not depend
    /// on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::{Matcher, Method};
    ///
    /// let roster = Population::new(60, 60).with_seed(2).roster()?;
    /// let sparse = Matcher::new().with_method(Method::Sparse);
    /// // The result does not depend on the number of threads.
    /// let one = sparse.clone().with_threads(1).solve(&roster)?;
    /// assert_eq!(one, sparse.with_threads(2).solve(&roster)?);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::DifferentDepartments;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "department": "IT"},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}, "department": "IT"}]}"#)?;
    /// assert_eq!(Matcher::new().solve(&roster)?.pairs().len(), 1);
    /// let apart = Matcher::new()
    ///     .with_rule(DifferentDepartments)
    ///     .solve(&roster)?;
    /// assert!(apart.pairs().is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_rule(mut self, rule: impl Rule + 'static) -> Self {
        self.rules = self.rules.with(rule);
        self
    }

    crate::support::setters::field_setters! {
        /// Replaces the rules (for example with [`Rules::none`] to drop the defaults).
        with_rules(rules: Rules) was rules;

        /// Sets how a pair's two directions combine.
        with_combination(combination: Combination) was combination;

        /// Sets what the matching optimises.
        with_objective(objective: Objective) was objective;
    }

    /// Pairs with `strategy` instead of the default, the utilitarian optimum of the combined
    /// pair scores under the [`Objective`].
    ///
    /// The strategy sees the two directions of benefit as a [`PairScores`](crate::PairScores)
    /// in which pairs that break a rule, and pairs whose combined score is 0 (nobody learns
    /// anything), are forbidden; so whatever the strategy, those pairs are never formed. The
    /// matching's `score` and `total_score` stay the combined pair scores.
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
    /// assert_eq!(stable.strategy(), "deferred_acceptance_juniors");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_strategy(mut self, strategy: impl Strategy + 'static) -> Self {
        self.strategy = Some(Arc::new(strategy));
        self
    }

    crate::support::setters::field_setters! {
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
        with_spreading(spreading: capacitated::Spreading) was spreading;

        /// The seed handed to a randomised strategy (default 0).
        with_seed(seed: u64) was seed;
    }

    /// The assignment's cardinality under the objective: the most pairs first, or any number.
    pub(super) fn cardinality(&self) -> Cardinality {
        match self.objective {
            Objective::TotalScore => Cardinality::Any,
            _ => Cardinality::Maximum,
        }
    }

    /// The name of the strategy that pairs: the one set, else the default `utilitarian`.
    pub(super) fn strategy_name(&self) -> &str {
        self.strategy.as_ref().map_or("utilitarian", |s| s.name())
    }

    /// Tells the progress callback, if any, how much of `phase` is done.
    pub(super) fn report(&self, phase: Phase, done: usize, total: usize) {
        if let Some(callback) = &self.progress {
            callback(Progress { phase, done, total });
        }
    }
}

crate::support::setters::renamed_setters!(Matcher {
    threads(usize) => with_threads,
    strategy(impl Strategy + 'static) => with_strategy,
    rule(impl Rule + 'static) => with_rule,
    progress(impl Fn(Progress) + Send + Sync + 'static) => with_progress,
});
