//! How much one participant can teach another: the [`Scorer`] trait and the default
//! [`MutualBenefit`] scorer.
//!
//! A scorer answers one question for one direction: what does `learner` gain from `teacher`, as
//! a number in `[0, 1]`. The matcher asks it both ways for every junior × senior pair and keeps
//! both answers in a [`PairScores`](crate::PairScores); a
//! [`Combination`](crate::Combination) turns them into one pair score.

pub mod criteria;

pub use criteria::{CriterionPart, ScoreParts};

use crate::mentoring::error::{Error, Result};
use crate::mentoring::model::{ParticipantId, Roster, SkillId};
use crate::support::strict;
use serde::{Deserialize, Serialize};

/// What `learner` gains from `teacher`, in `[0, 1]`.
///
/// Implement it to plug in your own scoring; closures
/// `Fn(&Roster, ParticipantId, ParticipantId) -> f64 + Send + Sync` implement it already. The
/// matcher checks every value: NaN, a negative number or one above 1 is [`Error::InvalidScore`]
/// naming both participants, never a panic.
///
/// A scorer is `Send + Sync`, so a [`Matcher`](crate::Matcher) holding one can be shared
/// between threads; a scorer that keeps state across calls needs a `Mutex` or atomics.
///
/// # Examples
///
/// A scorer that only counts the learner's first wish:
///
/// ```
/// use mentor_match::{Matcher, ParticipantId, Roster};
///
/// let first_wish = |r: &Roster, teacher: ParticipantId, learner: ParticipantId| {
///     match r.wishes(learner).first() {
///         Some(&(skill, _)) if r.level(teacher, skill) > r.level(learner, skill) => 1.0,
///         _ => 0.0,
///     }
/// };
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 2}}]}"#)?;
/// let matching = Matcher::new().with_scorer(first_wish).solve(&roster)?;
/// assert_eq!(matching.partner_of("jan"), Some("ola"));
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub trait Scorer: Send + Sync {
    /// What `learner` gains from `teacher`, in `[0, 1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{MutualBenefit, Roster, Scorer};
    ///
    /// let r = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"social-media": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"social-media": 3, "negotiation": 1}}]}"#)?;
    /// let (ola, jan) = (r.find("ola").unwrap(), r.find("jan").unwrap());
    /// // Ola serves the wish of priority 3 out of 3 + 1, in full.
    /// assert_eq!(MutualBenefit::new().teaches(&r, ola, jan), 0.75);
    /// assert_eq!(MutualBenefit::new().teaches(&r, jan, ola), 0.0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn teaches(&self, roster: &Roster, teacher: ParticipantId, learner: ParticipantId) -> f64;

    /// Checks the scorer's own parameters before any pair is scored. The default accepts.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] naming the parameter at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Error, MutualBenefit, ParticipantId, Roster, Scorer};
    ///
    /// let flat = |_: &Roster, _: ParticipantId, _: ParticipantId| 0.5;
    /// assert!(flat.check().is_ok());
    /// let err = MutualBenefit::new().with_gap_cap(9).check().unwrap_err();
    /// assert!(matches!(err, Error::InvalidOption { option: "gap_cap", .. }));
    /// ```
    fn check(&self) -> Result<()> {
        Ok(())
    }

    /// The lessons behind [`teaches`](Self::teaches), for explanations. The default has none.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{MutualBenefit, ParticipantId, Roster, Scorer};
    ///
    /// let r = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4, "social-media": 2}},
    ///     {"id": "jan", "side": "senior", "wishes": {"social-media": 2, "cloud-tools": 2}}]}"#)?;
    /// let (ola, jan) = (r.find("ola").unwrap(), r.find("jan").unwrap());
    /// let lessons = MutualBenefit::new().explain(&r, ola, jan);
    /// // Biggest share first: cloud-tools (gap 4, full credit), then social-media (gap 2).
    /// let skills: Vec<&str> = lessons.iter().map(|l| l.skill.as_str()).collect();
    /// assert_eq!(skills, ["cloud-tools", "social-media"]);
    /// // A closure scorer explains nothing.
    /// let flat = |_: &Roster, _: ParticipantId, _: ParticipantId| 0.5;
    /// assert!(flat.explain(&r, ola, jan).is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn explain(
        &self,
        roster: &Roster,
        teacher: ParticipantId,
        learner: ParticipantId,
    ) -> Vec<Lesson> {
        let _ = (roster, teacher, learner);
        Vec::new()
    }
}

impl<F> Scorer for F
where
    F: Fn(&Roster, ParticipantId, ParticipantId) -> f64 + Send + Sync,
{
    fn teaches(&self, roster: &Roster, teacher: ParticipantId, learner: ParticipantId) -> f64 {
        self(roster, teacher, learner)
    }
}

/// One wish of the learner that the teacher serves, and how much it contributes.
///
/// # Examples
///
/// ```
/// use mentor_match::{MutualBenefit, Roster, Scorer};
///
/// let r = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"social-media": 5}},
///     {"id": "jan", "side": "senior", "skills": {"social-media": 1}, "wishes": {"social-media": 4}}]}"#)?;
/// let (ola, jan) = (r.find("ola").unwrap(), r.find("jan").unwrap());
/// let lessons = MutualBenefit::new().explain(&r, ola, jan);
/// assert_eq!(lessons[0].skill, "social-media");
/// assert_eq!((lessons[0].teacher_level, lessons[0].learner_level), (5, 1));
/// assert_eq!(lessons[0].share, 1.0); // gap 4, capped at 3: full credit
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Lesson {
    /// The skill the learner wished for.
    pub skill: String,
    /// The teacher's skill that serves it: the same skill, or its parent or child in the
    /// catalog taxonomy.
    pub via: String,
    /// The teacher's level in `via`.
    pub teacher_level: u8,
    /// The learner's own level in `skill` (0 if not listed).
    pub learner_level: u8,
    /// The priority of the wish.
    pub priority: u8,
    /// This lesson's part of the direction's score: the shares of a direction add up to it.
    pub share: f64,
}

/// How a [`Lesson`] reads: an object of exactly its keys (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Lesson", deny_unknown_fields)]
struct LessonMirror {
    skill: String,
    via: String,
    teacher_level: u8,
    learner_level: u8,
    priority: u8,
    share: f64,
}

strict::map_only!(Lesson, LessonMirror);

/// The default scorer: the priority-weighted share of the learner's wishes that the teacher can
/// serve.
///
/// For a learner `l` with wishes `w` of priority `p_w`, and a teacher `t`:
///
/// ```text
/// teaches(t, l) = Σ_w p_w · credit(t, l, w) / Σ_w p_w        (0 when l wishes nothing)
/// credit(t, l, w) = max( gap(level_t(w) − level_l(w)),
///                        relative_credit · max over relatives r of w: gap(level_t(r) − level_l(w)) )
/// gap(g) = min(g, gap_cap) / gap_cap  for g > 0,  and 0 for g ≤ 0
/// ```
///
/// - A wish counts only where the teacher's level is above the learner's own level in that
///   skill (a skill the learner does not list is level 0).
/// - A bigger gap gives more credit, up to `gap_cap` levels (default 3): a gap of 1 gives
///   1/3, 2 gives 2/3, 3 or more gives full credit.
/// - The relatives of a skill are its parent and its children in the catalog; a teacher who
///   knows one of them gets `relative_credit` (default 0.5) of the credit they would get for the
///   skill itself.
///
/// So `teaches` lies in `[0, 1]`: 1 means every wish is served by someone at least `gap_cap`
/// levels above the learner.
///
/// # Complexity
///
/// `O(w · (1 + r))` per direction for `w` wishes with `r` relatives each, with no allocation
/// and no hashing: levels are read from the roster's dense table.
///
/// # Examples
///
/// ```
/// use mentor_match::{MutualBenefit, Roster, Scorer};
///
/// let r = Roster::from_json(r#"{
///   "skills": [{"id": "data-analytics"}, {"id": "spreadsheets", "parent": "data-analytics"},
///              {"id": "negotiation"}],
///   "participants": [
///     {"id": "ola", "side": "junior", "skills": {"spreadsheets": 5}, "wishes": {"negotiation": 4}},
///     {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"data-analytics": 3}}]}"#)?;
/// let (ola, jan) = (r.find("ola").unwrap(), r.find("jan").unwrap());
/// let scorer = MutualBenefit::new();
/// assert_eq!(scorer.teaches(&r, jan, ola), 1.0); // negotiation: gap 5, full credit
/// assert_eq!(scorer.teaches(&r, ola, jan), 0.5); // spreadsheets is a child of data-analytics
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MutualBenefit {
    /// Levels of gap that earn full credit (1..=5).
    pub gap_cap: u8,
    /// Share of credit for teaching a parent or child of the wished skill, in `[0, 1]`.
    pub relative_credit: f64,
}

/// How a [`MutualBenefit`] reads: an object of exactly its keys. Its parameters are checked
/// where it is used ([`MutualBenefit::validate`]), like those of a scorer built in Rust.
#[derive(Deserialize)]
#[serde(remote = "MutualBenefit", deny_unknown_fields)]
struct MutualBenefitMirror {
    gap_cap: u8,
    relative_credit: f64,
}

strict::map_only!(MutualBenefit, MutualBenefitMirror);

impl Default for MutualBenefit {
    fn default() -> Self {
        MutualBenefit {
            gap_cap: 3,
            relative_credit: 0.5,
        }
    }
}

impl MutualBenefit {
    /// The scorer with its defaults: `gap_cap` 3, `relative_credit` 0.5.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::MutualBenefit;
    ///
    /// let scorer = MutualBenefit::new();
    /// assert_eq!((scorer.gap_cap, scorer.relative_credit), (3, 0.5));
    /// assert_eq!(scorer, MutualBenefit::default());
    /// ```
    pub fn new() -> Self {
        MutualBenefit::default()
    }

    crate::support::setters::field_setters! {
        /// Sets how many levels of gap earn full credit (1..=5).
        with_gap_cap(gap_cap: u8);

        /// Sets the share of credit for a parent or child skill, in `[0, 1]`.
        with_relative_credit(relative_credit: f64);
    }

    /// Checks the parameters.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a `gap_cap` outside 1..=5 or a `relative_credit` outside
    /// `[0, 1]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::MutualBenefit;
    /// assert!(MutualBenefit::new().with_gap_cap(0).validate().is_err());
    /// assert!(MutualBenefit::new().with_relative_credit(0.25).validate().is_ok());
    /// ```
    pub fn validate(self) -> Result<Self> {
        if !(1..=5).contains(&self.gap_cap) {
            return Err(Error::InvalidOption {
                option: "gap_cap",
                value: self.gap_cap.into(),
                expected: "a number of levels in 1..=5",
            });
        }
        if !(0.0..=1.0).contains(&self.relative_credit) {
            return Err(Error::InvalidOption {
                option: "relative_credit",
                value: self.relative_credit.into(),
                expected: "a share in [0, 1]",
            });
        }
        Ok(self)
    }

    #[inline]
    fn gap(&self, teacher: u8, learner: u8) -> f64 {
        if teacher > learner {
            (teacher - learner).min(self.gap_cap) as f64 / self.gap_cap as f64
        } else {
            0.0
        }
    }

    /// The credit for one wish and the teacher's skill that earns it.
    #[inline]
    fn credit(&self, roster: &Roster, tl: &[u8], own: u8, wish: SkillId) -> (f64, SkillId) {
        let mut best = (self.gap(tl[wish.index()], own), wish);
        if best.0 < 1.0 {
            for &r in roster.relatives(wish) {
                let c = self.relative_credit * self.gap(tl[r.index()], own);
                if c > best.0 {
                    best = (c, r);
                }
            }
        }
        best
    }
}

impl MutualBenefit {
    /// What `learner` gains from a teacher whose level in skill `k` is `tl[k]`.
    ///
    /// Monotone in every `tl[k]`, down to the rounding: every step (a gap, a product by a
    /// non-negative weight, a maximum, a sum, the division) is monotone in IEEE arithmetic. So
    /// with `tl` the highest level anyone holds in each skill, it bounds what any teacher
    /// gives, which the candidate search relies on.
    #[inline]
    pub(crate) fn teaches_levels(&self, roster: &Roster, tl: &[u8], learner: ParticipantId) -> f64 {
        let ll = roster.levels(learner);
        let wishes = roster.wishes(learner).iter();
        self.teaches_profile(roster, tl, wishes.map(|&(w, p)| (w, p, ll[w.index()])))
    }

    /// What a learner gains from a teacher whose level in skill `k` is `tl[k]`, the learner
    /// given by their *learning profile*: each wish with its priority and the learner's own
    /// level in it, in skill-name order. The same number, bit for bit, as
    /// [`teaches_levels`](Self::teaches_levels) of anyone with that profile: the candidate
    /// search weighs a whole class of people this way, from a profile stored in one place
    /// rather than read from a member's scattered record.
    #[inline]
    pub(crate) fn teaches_profile(
        &self,
        roster: &Roster,
        tl: &[u8],
        profile: impl Iterator<Item = (SkillId, u8, u8)>,
    ) -> f64 {
        weigh(profile, |wish, own| self.credit(roster, tl, own, wish).0)
    }

    /// One teacher's credit for each wish at each level a learner may hold in it (0, not
    /// held, to 5): `credits[w * 6 + own]` for skill `w` and level `own`, written to
    /// `credits`. A teacher weighed against thousands of learning profiles (the candidate
    /// search weighs every class of the other side against each group of equal teachers)
    /// then reads each wish's credit from here rather than working it out each time.
    pub(crate) fn credits(&self, roster: &Roster, tl: &[u8], credits: &mut Vec<f64>) {
        credits.clear();
        for w in 0..roster.skill_count() {
            for own in 0..LEARNER_LEVELS as u8 {
                credits.push(self.credit(roster, tl, own, SkillId::at(w)).0);
            }
        }
    }

    /// [`teaches_profile`](Self::teaches_profile) with the teacher's `credits` (see
    /// [`credits`](Self::credits)): the same number, bit for bit, as the credits are the same
    /// and [`weigh`] sums both.
    #[inline]
    pub(crate) fn teaches_profile_by(
        &self,
        roster: &Roster,
        tl: &[u8],
        credits: &[f64],
        profile: impl Iterator<Item = (SkillId, u8, u8)>,
    ) -> f64 {
        // A roster's levels are at most 5; anything else is worked out as it is.
        weigh(profile, |wish, own| {
            match credits.get(wish.index() * LEARNER_LEVELS + own as usize) {
                Some(&c) if (own as usize) < LEARNER_LEVELS => c,
                _ => self.credit(roster, tl, own, wish).0,
            }
        })
    }
}

/// What a learner with learning `profile` gains, each wish's credit (for the wish and the
/// learner's level in it) from `credit`: the wishes' credits averaged by priority, summed in
/// the profile's order. One place for the sum, so that every way of finding the credits gives
/// the same number bit for bit.
#[inline]
fn weigh(
    profile: impl Iterator<Item = (SkillId, u8, u8)>,
    mut credit: impl FnMut(SkillId, u8) -> f64,
) -> f64 {
    let (mut num, mut den) = (0.0, 0u32);
    for (wish, priority, own) in profile {
        den += priority as u32;
        num += priority as f64 * credit(wish, own);
    }
    if den == 0 { 0.0 } else { num / den as f64 }
}

/// The levels a learner may hold in a skill they wish for, 0 (not held) to 5: the rows of
/// [`MutualBenefit::credits`].
const LEARNER_LEVELS: usize = 6;

impl Scorer for MutualBenefit {
    fn check(&self) -> Result<()> {
        self.validate().map(|_| ())
    }

    #[inline]
    fn teaches(&self, roster: &Roster, teacher: ParticipantId, learner: ParticipantId) -> f64 {
        self.teaches_levels(roster, roster.levels(teacher), learner)
    }

    fn explain(
        &self,
        roster: &Roster,
        teacher: ParticipantId,
        learner: ParticipantId,
    ) -> Vec<Lesson> {
        let (tl, ll) = (roster.levels(teacher), roster.levels(learner));
        let den: u32 = roster.wishes(learner).iter().map(|w| w.1 as u32).sum();
        let mut lessons: Vec<Lesson> = roster
            .wishes(learner)
            .iter()
            .filter_map(|&(wish, priority)| {
                let own = ll[wish.index()];
                let (credit, via) = self.credit(roster, tl, own, wish);
                (credit > 0.0).then(|| Lesson {
                    skill: roster.skill_name(wish).to_owned(),
                    via: roster.skill_name(via).to_owned(),
                    teacher_level: tl[via.index()],
                    learner_level: own,
                    priority,
                    share: priority as f64 * credit / den as f64,
                })
            })
            .collect();
        // Biggest contribution first; skill name breaks ties so the order is deterministic.
        lessons.sort_by(|a, b| {
            b.share
                .total_cmp(&a.share)
                .then_with(|| a.skill.cmp(&b.skill))
        });
        lessons
    }
}

/// Checks one value a scorer returned.
pub(crate) fn check_score(
    roster: &Roster,
    teacher: ParticipantId,
    learner: ParticipantId,
    value: f64,
) -> Result<f64> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidScore {
            teacher: roster.id(teacher).to_owned(),
            learner: roster.id(learner).to_owned(),
            value,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentoring::generate::Population;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Weighing through a teacher's credits gives what working each credit out gives, bit
        /// for bit, for any learning profile (levels 0 to 7: past 5 the credits are worked
        /// out) and any parameters.
        #[test]
        fn credits_give_the_same_numbers(
            seed in 0u64..1000,
            gap_cap in 1u8..=5,
            relative_credit in prop_oneof![Just(0.0), Just(0.5), Just(1.0), 0.0f64..=1.0],
            profiles in proptest::collection::vec(
                proptest::collection::vec((0usize..64, 1u8..=5, 0u8..=7), 0..6),
                1..8,
            ),
        ) {
            let roster = Population::new(12, 12).with_seed(seed).roster().unwrap();
            let scorer = MutualBenefit::new()
                .with_gap_cap(gap_cap)
                .with_relative_credit(relative_credit);
            let skills = roster.skill_count();
            let mut credits = Vec::new();
            for teacher in roster.participants() {
                let tl = roster.levels(teacher);
                scorer.credits(&roster, tl, &mut credits);
                for profile in &profiles {
                    let profile = || {
                        profile.iter().map(|&(w, p, own)| (SkillId::at(w % skills), p, own))
                    };
                    let by = scorer.teaches_profile_by(&roster, tl, &credits, profile());
                    prop_assert_eq!(
                        by.to_bits(),
                        scorer.teaches_profile(&roster, tl, profile()).to_bits()
                    );
                }
            }
        }
    }
}
