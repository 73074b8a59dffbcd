//! [`Programme`] and its settings: the matcher, the combination, the coordinator's locks,
//! bans, history and previous pairs, the keep bonus and the load spreading.

use super::keep_bonus::DEFAULT_KEEP_BONUS;
use super::spec::{History, Lock, PairIds, ProgrammeSpec};
use crate::matching::capacitated::Spreading;
use crate::matching::pair_scores::Combination;
use crate::mentoring::matcher::Matcher;

/// A programme's rounds: a [`Matcher`] plus the coordinator's locks, bans, history, previous
/// matching and keep bonus. See the [module docs](crate::programme).
///
/// The programme solves exactly with the matcher's scorer and rules and its default objective
/// (first partners first, most pairs, then the total), whatever objective or strategy the
/// matcher was given; the pair scores combine with the programme's
/// [`combination`](Self::with_combination), which it also sets on the matcher. A combination set
/// on the matcher before [`Programme::new`] is replaced by [`Combination::default`]: set it on
/// the programme instead.
///
/// # Examples
///
/// Ola and Jan were paired last time; Kai joins and would score a little better with Jan, but
/// not by more than the keep bonus, so Ola keeps Jan:
///
/// ```
/// use mentor_match::programme::{PairIds, Programme};
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}},
///   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 5}},
///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let round = Programme::new(Matcher::new())
///     .with_previous([PairIds::new("ola", "jan")])
///     .round(&roster)?;
/// assert_eq!(round.kept, [PairIds::new("ola", "jan")]);
/// assert_eq!(round.sitting_out, ["kai"]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
///
/// A programme is `Send + Sync` and cheap to clone, as its [`Matcher`] is.
#[derive(Debug, Clone)]
pub struct Programme {
    pub(super) matcher: Matcher,
    pub(super) combination: Combination,
    pub(super) locks: Vec<Lock>,
    pub(super) bans: Vec<PairIds>,
    pub(super) history: History,
    pub(super) previous: Vec<PairIds>,
    pub(super) keep_bonus: f64,
    pub(super) spreading: Spreading,
}

impl Programme {
    /// A programme with `matcher`'s scorer and rules, no locks, bans, history or previous
    /// pairs, [`DEFAULT_KEEP_BONUS`] and [`Combination::default`] (also set on the matcher).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::Programme;
    /// use mentor_match::rules::DifferentDepartments;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "department": "IT"},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}, "department": "IT"}]}"#)?;
    /// // The programme keeps the matcher's rules.
    /// let programme = Programme::new(Matcher::new().with_rule(DifferentDepartments));
    /// let round = programme.round(&roster)?;
    /// assert!(round.matching.pairs().is_empty());
    /// assert_eq!(round.sitting_out, ["ola", "jan"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(matcher: Matcher) -> Self {
        Programme {
            matcher: matcher.with_combination(Combination::default()),
            combination: Combination::default(),
            locks: Vec::new(),
            bans: Vec::new(),
            history: History::default(),
            previous: Vec::new(),
            keep_bonus: DEFAULT_KEEP_BONUS,
            spreading: Spreading::default(),
        }
    }

    /// Sets how a pair's two directions combine, here and on the matcher.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::Programme;
    /// use mentor_match::{Combination, Matcher, Roster};
    ///
    /// // Only Jan learns: enough by default, not under `Minimum` (both must learn).
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let plain = Programme::new(Matcher::new()).round(&roster)?;
    /// assert_eq!(plain.matching.pairs().len(), 1);
    /// let both = Programme::new(Matcher::new()).with_combination(Combination::Minimum);
    /// assert!(both.round(&roster)?.matching.pairs().is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_combination(mut self, combination: Combination) -> Self {
        self.matcher = self.matcher.with_combination(combination);
        self.combination = combination;
        self
    }

    /// Adds a locked pair.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{Lock, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 2}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// // Ola teaches Jan more, but the coordinator locks Kai with Jan.
    /// let round = Programme::new(Matcher::new())
    ///     .with_lock(Lock::new("kai", "jan"))
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("jan"), Some("kai"));
    /// assert_eq!(round.sitting_out, ["ola"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_lock(mut self, lock: Lock) -> Self {
        self.locks.push(lock);
        self
    }

    /// Adds a banned pair: never formed, whatever its score.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{PairIds, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}},
    ///     {"id": "kai", "side": "junior", "skills": {"ai-assistants": 2}},
    ///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}}]}"#)?;
    /// let round = Programme::new(Matcher::new())
    ///     .with_ban(PairIds::new("ola", "jan"))
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("jan"), Some("kai"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_ban(mut self, pair: PairIds) -> Self {
        self.bans.push(pair);
        self
    }

    crate::support::setters::field_setters! {
        /// Replaces the history: pairs that met in earlier rounds or must never meet.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::programme::{History, PairIds, Programme};
        /// use mentor_match::{Matcher, Roster};
        ///
        /// let roster = Roster::from_json(r#"{"participants": [
        ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}},
        ///     {"id": "kai", "side": "junior", "skills": {"ai-assistants": 2}},
        ///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}}]}"#)?;
        /// // Ola and Jan met last quarter: this round Jan meets Kai.
        /// let history = History { rounds: vec![vec![PairIds::new("ola", "jan")]], ..History::default() };
        /// let round = Programme::new(Matcher::new()).with_history(history).round(&roster)?;
        /// assert_eq!(round.matching.partner_of("jan"), Some("kai"));
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_history(history: History) was history;
    }

    /// Sets the previous matching's pairs, for example `matching.pairs()` or a list of
    /// [`PairIds`]. Pairs naming someone no longer in the roster are how leavers show up:
    /// they are reported as broken (`left_programme`), never as an error; a pair naming a
    /// senior as its junior, or the reverse, is an [`Error::WrongSide`](crate::Error::WrongSide).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{BreakReason, PairIds, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let last = Matcher::new().solve(&roster)?;
    /// // The last matching's pairs, and a pair whose senior has left.
    /// let mut pairs: Vec<PairIds> = last.pairs().iter().map(PairIds::from).collect();
    /// pairs.push(PairIds::new("kai", "eva"));
    /// let round = Programme::new(Matcher::new())
    ///     .with_previous(pairs)
    ///     .round(&roster)?;
    /// assert_eq!(round.kept, [PairIds::new("ola", "jan")]);
    /// assert_eq!(
    ///     round.broken[0].why,
    ///     BreakReason::LeftProgramme { id: "kai".into() }
    /// );
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_previous<P: Into<PairIds>>(mut self, pairs: impl IntoIterator<Item = P>) -> Self {
        self.previous = pairs.into_iter().map(Into::into).collect();
        self
    }

    crate::support::setters::field_setters! {
        /// Sets the bonus each previous pair still allowed earns on top of its score (default
        /// [`DEFAULT_KEEP_BONUS`]): a rematch breaking `k` pairs must raise the total score by more
        /// than `k × bonus`. 0 rematches from scratch; a bonus above the number of pairs never
        /// breaks a pair for a higher score. Accepted from 0 to
        /// [`MAX_KEEP_BONUS`](crate::programme::MAX_KEEP_BONUS) (1e6), checked when a round is
        /// planned: outside it, NaN or infinite, [`round`](Self::round) is an
        /// [`Error::InvalidOption`](crate::Error::InvalidOption) naming `keep_bonus`.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::programme::{PairIds, Programme};
        /// use mentor_match::{Error, Matcher, Roster};
        ///
        /// let roster = Roster::from_json(r#"{"participants": [
        ///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}},
        ///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
        /// let huge = Programme::new(Matcher::new())
        ///     .with_previous([PairIds::new("ola", "jan")])
        ///     .with_keep_bonus(1e308)
        ///     .round(&roster);
        /// assert!(matches!(huge, Err(Error::InvalidOption { option: "keep_bonus", .. })));
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_keep_bonus(keep_bonus: f64) was keep_bonus;

        /// Sets the load-spreading rule for participants with several places (default
        /// [`Spreading::FirstPartnersFirst`]: a second partner only after everyone who can get a
        /// first one has one; [`Spreading::Free`] drops that level).
        with_spreading(spreading: Spreading) was spreading;
    }

    /// Adds a spec's locks, bans and history pairs, and sets its previous pairs and keep bonus
    /// when it has them.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{Programme, ProgrammeSpec};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 2}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let spec = ProgrammeSpec::from_json(r#"{
    ///     "history": {"never_again": [{"junior": "ola", "senior": "jan"}]}}"#)?;
    /// let round = Programme::new(Matcher::new())
    ///     .with_spec(spec)
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("jan"), Some("kai"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_spec(mut self, spec: ProgrammeSpec) -> Self {
        self.locks.extend(spec.locks);
        self.bans.extend(spec.bans);
        self.history.rounds.extend(spec.history.rounds);
        self.history.never_again.extend(spec.history.never_again);
        if !spec.previous.is_empty() {
            self.previous = spec.previous;
        }
        if let Some(bonus) = spec.keep_bonus {
            self.keep_bonus = bonus;
        }
        self
    }
}

crate::support::setters::renamed_setters!(Programme {
combination(Combination) => with_combination,
    spec(ProgrammeSpec) => with_spec,
    lock(Lock) => with_lock,
    ban(PairIds) => with_ban,
});
