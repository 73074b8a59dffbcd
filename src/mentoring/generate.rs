//! Seeded synthetic populations of juniors and seniors, for experiments and benches.
//!
//! [`Population`] describes a reverse-mentoring programme in a few numbers (how many juniors
//! and seniors, how strongly each side leans to what it teaches, how much everyone wants the
//! same skills, departments, managers, languages, timezones, experience) and draws a
//! [`RosterSpec`] from a seed. The same seed and options give the same roster on every run and
//! every platform, so a population is a reproducible input: a study can publish its seed and
//! options instead of its data.
//!
//! # The model
//!
//! The skill catalog holds `K` skills, each with a category. Skills of category [`DIGITAL`] are
//! what juniors are expected to teach, skills of category [`LEADERSHIP`] what seniors are
//! expected to teach; any other category is neutral. For a participant on side `s`, the
//! *affinity* of skill `k` is
//!
//! ```text
//! a_k = λ_s        if k is in the category side s teaches (juniors: digital, seniors: leadership)
//!     = 1 − λ_s    if k is in the category the other side teaches
//!     = 1/2        otherwise
//! ```
//!
//! where `λ_s` is [`junior_digital_lean`](Population::with_junior_digital_lean) for juniors and
//! [`senior_leadership_lean`](Population::with_senior_leadership_lean) for seniors (1/2: no lean).
//! Every `u`, `v`, `e`, `z`, `π` and `t` below is an independent uniform draw from `[0, 1)`.
//!
//! **Skills.** A participant holds `n` skills, `n` uniform in
//! [`skill_count`](Population::with_skill_count) (capped at `K`):
//!
//! ```text
//! key_k   = a_k · u_k
//! level_k = 1 + #{ r in 1..=4 : v_kr < a_k }         (1 + Binomial(4, a_k): mean 1 + 4·a_k)
//! ```
//!
//! They hold the `n` skills with the largest `key_k > 0` (ties to the earlier catalog skill),
//! each at `level_k`. So a strong lean makes the side's own skills both more frequent and
//! deeper, and a skill of affinity 0 is never held.
//!
//! **Wishes.** Each skill has one popularity `π_k` for the whole population, and each
//! participant wishes for `m` skills, `m` uniform in [`wish_count`](Population::with_wish_count)
//! (capped at `K`):
//!
//! ```text
//! d_k        = τ · π_k + (1 − τ) · e_k                  (desire; τ = taste_correlation)
//! w_k        = (1 − a_k) · d_k
//! priority_k = 1 + #{ r in 1..=4 : z_kr < d_k }         (1 + Binomial(4, d_k))
//! ```
//!
//! The candidates are the skills a participant does not hold or holds at level 2 at most (no
//! one wishes to learn what they already practise); they wish for the `m` candidates with the
//! largest `w_k > 0` (ties to the earlier catalog skill), each with `priority_k`. A side
//! therefore wishes mostly for what the other side teaches, and wants most what it desires
//! most; with `τ = 1` everyone on a side ranks skills alike and gives them the same priorities
//! (all want the popular ones), with `τ = 0` tastes are independent.
//!
//! **Profile.**
//!
//! ```text
//! department  uniform in d01 ..= dD                       (D = departments; none when D = 0)
//! experience  uniform whole years in junior_experience or senior_experience
//! languages   each listed language ℓ with probability share_ℓ; the first listed if none is drawn
//! timezone    round(spread · (t − 1/2)) hours              (only when timezone_spread is set)
//! manager     juniors only: with probability managed_share, a senior of their department
//!             drawn uniformly (none when the department has no senior)
//! ```
//!
//! Every junior has the same capacity, 1 unless [`Population::with_junior_capacity`] sets
//! another, and every senior likewise ([`Population::with_senior_capacity`]). Ids are `j0001`, `j0002`, … for juniors and `s0001`, … for seniors,
//! juniors first, each side in index order.
//!
//! # Determinism
//!
//! Same seed and crate version → same population on every platform. The draws come from the
//! crate's portable ChaCha8 generator with integer arithmetic only, and become values through
//! `+`, `−`, `×`, `÷`, comparisons and rounding, which IEEE 754 defines exactly; no logarithm,
//! exponential or other library function whose last bit may differ between platforms, and no
//! hash-map order. Value-stability tests pin seeded populations, so a change in sampling is a
//! visible change of the crate.
//!
//! Each participant draws from two streams of their own, keyed by the seed, their side and
//! their index: one for skills and wishes, one for their profile. So:
//!
//! - a participant's skills, wishes, department, languages, timezone and experience do not
//!   depend on how many others there are (the first 100 juniors of a 200 + 200 population are
//!   those of a 100 + 100 one with the same seed; only managers, drawn from the department's
//!   seniors, can differ);
//! - the skills stream makes the same number of draws (ten a catalog skill, after the two
//!   counts) whatever the leans and the taste correlation, so changing those re-weighs the same
//!   draws: experiments that vary one option compare like with like (common random numbers).
//!
//! # Complexity
//!
//! `O((J + S) · (K + L))` time for `J` juniors, `S` seniors, `K` catalog skills and `L`
//! languages (the top skills and wishes are selected in linear time, and each junior's manager
//! is drawn from an index of the seniors by department), and `O(K + S)` memory besides the
//! roster itself. A population of 100,000 + 100,000 takes about a second in release mode;
//! scoring every pair of it ([`Population::pair_scores`]) would not, as it is quadratic.
//!
//! # Examples
//!
//! ```
//! use mentor_match::generate::Population;
//! use mentor_match::Matcher;
//!
//! let population = Population::new(40, 40).with_seed(7).with_taste_correlation(0.8);
//! let roster = population.roster()?;
//! assert_eq!(roster.juniors().len(), 40);
//! assert_eq!(roster.id(roster.juniors()[0]), "j0001");
//! assert_eq!(roster.id(roster.seniors()[0]), "s0001");
//!
//! // Juniors teach digital skills and wish for leadership ones.
//! let ola = roster.participant(roster.juniors()[0]);
//! assert!(ola.skills.keys().any(|s| ["social-media", "data-analytics", "cloud-tools",
//!     "ai-assistants", "security-hygiene"].contains(&s.as_str())));
//!
//! // Mentoring is possible: most participants find a partner.
//! let matching = Matcher::new().solve(&roster)?;
//! assert!(matching.pairs().len() >= 30);
//!
//! // The same seed gives the same population.
//! assert_eq!(population.build()?, Population::new(40, 40).with_seed(7).with_taste_correlation(0.8).build()?);
//! # Ok::<(), mentor_match::Error>(())
//! ```

use crate::matching::error::MatrixError;
use crate::matching::memory;
use crate::matching::pair_scores::PairScores;
use crate::mentoring::error::{Error, OptionValue, Result};
use crate::mentoring::matcher::Matcher;
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{ParticipantSpec, Roster, RosterSpec, Side, SkillSpec};
use crate::support::seeded::Seeded;
use std::collections::BTreeSet;
use std::ops::RangeInclusive;

/// The category of the skills juniors teach in reverse mentoring.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::{DIGITAL, Population};
///
/// let spec = Population::new(0, 0).build()?;
/// let digital: Vec<&str> = spec
///     .skills
///     .iter()
///     .filter(|s| s.category.as_deref() == Some(DIGITAL))
///     .map(|s| s.id.as_str())
///     .collect();
/// assert_eq!(digital[..2], ["social-media", "data-analytics"]);
/// assert_eq!(digital.len(), 5);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const DIGITAL: &str = "digital";

/// The most departments [`Population::with_departments`] accepts (one list per department is kept
/// while drawing managers).
///
/// # Examples
///
/// ```
/// use mentor_match::Error;
/// use mentor_match::generate::{MAX_DEPARTMENTS, Population};
///
/// let most = Population::new(2, 2).with_departments(MAX_DEPARTMENTS);
/// assert!(most.build().is_ok());
/// let err = most
///     .with_departments(MAX_DEPARTMENTS + 1)
///     .build()
///     .unwrap_err();
/// assert!(matches!(err, Error::InvalidOption { option: "departments", .. }));
/// ```
pub const MAX_DEPARTMENTS: usize = 1_000_000;

/// The category of the skills seniors teach in reverse mentoring.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::{LEADERSHIP, Population};
///
/// // Seniors who lean fully to leadership hold leadership skills only.
/// let seniors = Population::new(0, 20).with_senior_leadership_lean(1.0);
/// let spec = seniors.build()?;
/// let leadership: Vec<&String> = spec
///     .skills
///     .iter()
///     .filter(|s| s.category.as_deref() == Some(LEADERSHIP))
///     .map(|s| &s.id)
///     .collect();
/// let people = &spec.participants;
/// assert!(
///     people
///         .iter()
///         .all(|p| p.skills.keys().all(|s| leadership.contains(&s)))
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const LEADERSHIP: &str = "leadership";

/// The default catalog's digital skills.
const DIGITAL_SKILLS: [&str; 5] = [
    "social-media",
    "data-analytics",
    "cloud-tools",
    "ai-assistants",
    "security-hygiene",
];

/// The default catalog's leadership skills.
const LEADERSHIP_SKILLS: [&str; 5] = [
    "communication",
    "strategy",
    "negotiation",
    "career",
    "leadership",
];

/// A participant below this level in a skill may wish to learn it.
const WISHABLE_BELOW: u8 = 3;

/// Uniform draws a catalog skill takes from a participant's skills stream: the key, four level
/// trials, the wish noise and four priority trials.
const DRAWS_PER_SKILL: usize = 10;

/// A synthetic reverse-mentoring population: the options, and [`build`](Self::build) to draw it.
///
/// Options are by-value setters with defaults; they are checked when the population is drawn,
/// so a bad value is an [`Error::InvalidOption`] naming the option, never a panic. See the
/// [module docs](self) for the model behind each option.
///
/// | option | default |
/// |---|---|
/// | [`seed`](Self::with_seed) | 0 |
/// | [`catalog`](Self::with_catalog) | `social-media`, `data-analytics`, `cloud-tools`, `ai-assistants`, `security-hygiene` (digital); `communication`, `strategy`, `negotiation`, `career`, `leadership` (leadership) |
/// | [`junior_digital_lean`](Self::with_junior_digital_lean), [`senior_leadership_lean`](Self::with_senior_leadership_lean) | 0.8 |
/// | [`taste_correlation`](Self::with_taste_correlation) | 0.3 |
/// | [`skill_count`](Self::with_skill_count) | `2..=4` |
/// | [`wish_count`](Self::with_wish_count) | `1..=3` |
/// | [`departments`](Self::with_departments) | 8 |
/// | [`managed_share`](Self::with_managed_share) | 0.2 |
/// | [`languages`](Self::with_languages) | `en` 1.0, `pl` 0.2, `de` 0.2 |
/// | [`timezone_spread`](Self::with_timezone_spread) | unset: no timezones |
/// | [`junior_experience`](Self::with_junior_experience) | `0..=10` years |
/// | [`senior_experience`](Self::with_senior_experience) | `8..=35` years |
/// | [`idiosyncratic`](Self::with_idiosyncratic) | 0: [`pair_scores`](Self::pair_scores) are the mentoring scores |
///
/// # Examples
///
/// ```
/// use mentor_match::generate::Population;
///
/// let spec = Population::new(3, 2).with_seed(42).with_departments(2).build()?;
/// let ids: Vec<&str> = spec.participants.iter().map(|p| p.id.as_str()).collect();
/// assert_eq!(ids, ["j0001", "j0002", "j0003", "s0001", "s0002"]);
/// assert_eq!(spec.skills.len(), 10);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    juniors: usize,
    seniors: usize,
    seed: u64,
    catalog: Vec<SkillSpec>,
    junior_digital_lean: f64,
    senior_leadership_lean: f64,
    taste_correlation: f64,
    skill_count: RangeInclusive<usize>,
    wish_count: RangeInclusive<usize>,
    departments: usize,
    managed_share: f64,
    languages: Vec<(String, f64)>,
    timezone_spread: Option<f64>,
    junior_experience: RangeInclusive<u8>,
    senior_experience: RangeInclusive<u8>,
    idiosyncratic: f64,
    junior_capacity: u32,
    senior_capacity: u32,
}

impl Population {
    /// A population of `juniors` and `seniors` with every option at its default.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    ///
    /// let roster = Population::new(4, 3).roster()?;
    /// assert_eq!((roster.juniors().len(), roster.seniors().len()), (4, 3));
    /// // Defaults: seed 0, capacity 1, no timezones.
    /// assert_eq!(&Population::new(4, 3).with_seed(0).build()?, roster.spec());
    /// let people = &roster.spec().participants;
    /// assert!(
    ///     people
    ///         .iter()
    ///         .all(|p| p.capacity == 1 && p.timezone.is_none())
    /// );
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(juniors: usize, seniors: usize) -> Self {
        let catalog = DIGITAL_SKILLS
            .iter()
            .map(|s| SkillSpec::new(*s).with_category(DIGITAL))
            .chain(
                LEADERSHIP_SKILLS
                    .iter()
                    .map(|s| SkillSpec::new(*s).with_category(LEADERSHIP)),
            )
            .collect();
        Population {
            juniors,
            seniors,
            seed: 0,
            catalog,
            junior_digital_lean: 0.8,
            senior_leadership_lean: 0.8,
            taste_correlation: 0.3,
            skill_count: 2..=4,
            wish_count: 1..=3,
            departments: 8,
            managed_share: 0.2,
            languages: vec![("en".into(), 1.0), ("pl".into(), 0.2), ("de".into(), 0.2)],
            timezone_spread: None,
            junior_experience: 0..=10,
            senior_experience: 8..=35,
            idiosyncratic: 0.0,
            junior_capacity: 1,
            senior_capacity: 1,
        }
    }

    crate::support::setters::field_setters! {
        /// Sets the seed.
        with_seed(seed: u64) was seed;

        /// Sets how many partners every junior may take (default 1; 0 takes them all out).
        /// The draws do not depend on it: the same seed gives the same people.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::generate::Population;
        ///
        /// let roster = Population::new(8, 2).with_senior_capacity(4).roster()?;
        /// let senior = roster.seniors()[0];
        /// assert_eq!(roster.participant(senior).capacity, 4);
        /// assert_eq!(roster.participant(roster.juniors()[0]).capacity, 1);
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_junior_capacity(junior_capacity: u32);

        /// Sets how many partners every senior may take (default 1; 0 takes them all out), as
        /// [`with_junior_capacity`](Self::with_junior_capacity) does for juniors.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::generate::Population;
        ///
        /// // Seniors who each mentor three juniors; the same people as with capacity 1.
        /// let three = Population::new(9, 3).with_seed(5).with_senior_capacity(3).roster()?;
        /// let one = Population::new(9, 3).with_seed(5).roster()?;
        /// let senior = three.seniors()[2];
        /// assert_eq!(three.participant(senior).capacity, 3);
        /// assert_eq!(three.levels(senior), one.levels(one.seniors()[2]));
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_senior_capacity(senior_capacity: u32);
    }

    /// Sets the skill catalog: `(skill, category)` in order. Skills of category [`DIGITAL`]
    /// are the juniors' to teach, of [`LEADERSHIP`] the seniors'; other categories are neutral
    /// (affinity 1/2 on both sides). The catalog must hold at least one skill, each once.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::{Population, DIGITAL, LEADERSHIP};
    ///
    /// let spec = Population::new(5, 5)
    ///     .with_catalog([("spreadsheets", DIGITAL), ("budgeting", LEADERSHIP), ("french", "language")])
    ///     .build()?;
    /// assert_eq!(spec.skills[2].category.as_deref(), Some("language"));
    /// assert!(spec.participants.iter().all(|p| p.skills.keys().all(|s| s != "marketing")));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_catalog<S, C>(mut self, skills: impl IntoIterator<Item = (S, C)>) -> Self
    where
        S: Into<String>,
        C: Into<String>,
    {
        self.catalog = skills
            .into_iter()
            .map(|(s, c)| SkillSpec::new(s).with_category(c))
            .collect();
        self
    }

    crate::support::setters::field_setters! {
        /// Sets how strongly juniors lean digital, in `[0, 1]`: their affinity to digital skills
        /// (and 1 minus it to leadership skills), so they hold more and deeper digital skills and
        /// wish for leadership ones. 0.5 is no lean; 1 means juniors never hold a leadership skill
        /// nor wish for a digital one.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::generate::Population;
        ///
        /// let spec = Population::new(50, 0).with_junior_digital_lean(1.0).build()?;
        /// for p in &spec.participants {
        ///     assert!(p.skills.keys().all(|s| spec.skills.iter()
        ///         .any(|c| &c.id == s && c.category.as_deref() == Some("digital"))));
        /// }
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_junior_digital_lean(junior_digital_lean: f64) was junior_digital_lean;

        /// Sets how strongly seniors lean to leadership, in `[0, 1]`: the mirror of
        /// [`junior_digital_lean`](Self::with_junior_digital_lean).
        with_senior_leadership_lean(senior_leadership_lean: f64) was senior_leadership_lean;

        /// Sets how much wishes follow a skill's popularity rather than personal taste, in
        /// `[0, 1]`: 0 is independent tastes, 1 is everyone on a side wanting the same popular
        /// skills, which makes a few teachers scarce.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::generate::Population;
        ///
        /// // With full correlation every junior's top wish is the same skill.
        /// let spec = Population::new(30, 0).with_taste_correlation(1.0).with_wish_count(1..=1).build()?;
        /// let first = &spec.participants[0].wishes;
        /// assert!(spec.participants.iter().all(|p| p.wishes.keys().eq(first.keys())));
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_taste_correlation(taste_correlation: f64) was taste_correlation;

        /// Sets how many skills a participant holds, drawn uniformly in the range (capped at the
        /// catalog's size; fewer when the leans leave fewer skills of positive affinity).
        with_skill_count(skill_count: RangeInclusive<usize>) was skill_count;

        /// Sets how many skills a participant wishes for, drawn uniformly in the range (capped at
        /// the catalog's size; fewer when fewer skills are candidates).
        with_wish_count(wish_count: RangeInclusive<usize>) was wish_count;

        /// Sets the number of departments, `d01` onwards; 0 gives no departments (and no
        /// managers).
        with_departments(departments: usize) was departments;

        /// Sets the share of juniors, in `[0, 1]`, whose manager is a senior of their department
        /// taking part (the default rules never pair them).
        with_managed_share(managed_share: f64) was managed_share;
    }

    /// Sets the languages: each `(language, share)` is spoken by that share of participants,
    /// in `[0, 1]`, drawn independently; someone who draws none speaks the first listed. An
    /// empty list gives no languages (the shared-language rule never applies). Each language
    /// may be listed once: [`build`](Self::build) refuses a repeat, naming it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Error;
    ///
    /// let spec = Population::new(20, 20).with_languages([("pl", 0.5), ("en", 0.5)]).build()?;
    /// assert!(spec.participants.iter().all(|p| !p.languages.is_empty()));
    ///
    /// let twice = Population::new(20, 20).with_languages([("pl", 0.5), ("pl", 0.2)]).build();
    /// assert!(matches!(twice, Err(Error::DuplicateLanguage { language }) if language == "pl"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_languages<S: Into<String>>(
        mut self,
        languages: impl IntoIterator<Item = (S, f64)>,
    ) -> Self {
        self.languages = languages
            .into_iter()
            .map(|(l, share)| (l.into(), share))
            .collect();
        self
    }

    /// Gives everyone a timezone: whole hours from UTC spread uniformly over `hours`, in
    /// `[0, 24]`, around 0 (24 gives -12 to 12).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    ///
    /// let spec = Population::new(30, 30).with_timezone_spread(6.0).build()?;
    /// for p in &spec.participants {
    ///     let hours = p.timezone.unwrap();
    ///     assert!(hours.fract() == 0.0 && (-3.0..=3.0).contains(&hours));
    /// }
    /// let too_wide = Population::new(1, 1).with_timezone_spread(30.0);
    /// assert!(too_wide.build().is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_timezone_spread(mut self, hours: f64) -> Self {
        self.timezone_spread = Some(hours);
        self
    }

    crate::support::setters::field_setters! {
        /// Sets the juniors' years of experience, whole years drawn uniformly in the range.
        with_junior_experience(junior_experience: RangeInclusive<u8>) was junior_experience;

        /// Sets the seniors' years of experience, whole years drawn uniformly in the range. Where
        /// it overlaps the juniors' range, some pairs break the default rule that the junior has
        /// less experience.
        with_senior_experience(senior_experience: RangeInclusive<u8>) was senior_experience;
    }

    crate::support::setters::field_setters! {
        /// Sets the weight `w` in `[0, 1]` of an idiosyncratic part in
        /// [`pair_scores`](Self::pair_scores): each gain becomes `(1 − w) · g + w · ε`, where `g`
        /// is the mentoring score's gain and `ε` an independent uniform draw in `[0, 1)` for
        /// that pair and direction (how well two people get on beyond their skills, the
        /// idiosyncratic term of random-utility models). With `w` of 1e-9 or more the gains
        /// are continuous and unsaturated (a far smaller `w` rounds back to the mentoring
        /// score): almost surely no allowed gain is 0 or 1 (mentoring scores saturate: at
        /// 200 + 200 with `w = 0`, about 28 % of junior gains are exactly 1 and 22 % exactly 0),
        /// so the induced preferences hold no ties (with probability 1) and rank-based metrics
        /// do not hinge on the tie-break. Forbidden pairs stay forbidden; the roster
        /// ([`build`](Self::build), [`roster`](Self::roster)) is unchanged.
        ///
        /// The draws come from one stream per junior, keyed by the seed and the junior's index,
        /// two per senior in senior order (the junior's `ε`, then the senior's), so a pair's
        /// draws do not depend on how many juniors there are, nor on the seniors after it.
        ///
        /// # Examples
        ///
        /// ```
        /// use mentor_match::generate::Population;
        ///
        /// let scores = Population::new(30, 30).with_seed(3).with_idiosyncratic(0.3).pair_scores()?;
        /// let gains = scores.junior_gains();
        /// assert!((0..gains.len())
        ///     .filter(|&k| scores.allowed()[k])
        ///     .all(|k| gains[k] > 0.0 && gains[k] < 1.0));
        /// # Ok::<(), mentor_match::Error>(())
        /// ```
        with_idiosyncratic(idiosyncratic: f64) was idiosyncratic;
    }

    /// Checks every option.
    fn check(&self) -> Result<()> {
        let total = self.juniors.checked_add(self.seniors);
        if total.is_none_or(|n| n > u32::MAX as usize) {
            return Err(Error::InvalidOption {
                option: "juniors + seniors",
                // Exact even where the sum overflows `usize`.
                value: OptionValue::Integer(self.juniors as i128 + self.seniors as i128),
                expected: "at most 4294967295 participants in all",
            });
        }
        // The per-department index holds one list per department: bound it.
        if self.departments > MAX_DEPARTMENTS {
            return Err(Error::InvalidOption {
                option: "departments",
                value: self.departments.into(),
                expected: "at most 1000000 departments",
            });
        }
        if self.catalog.is_empty() {
            return Err(Error::InvalidOption {
                option: "catalog",
                // The number of skills given.
                value: OptionValue::Integer(0),
                expected: "a catalog of at least one skill",
            });
        }
        // Empty or repeated skills: the model's own catalog errors, naming the skill.
        Roster::new(RosterSpec {
            skills: self.catalog.clone(),
            ..RosterSpec::default()
        })?;
        let unit = |option, value: f64| {
            if (0.0..=1.0).contains(&value) {
                Ok(())
            } else {
                Err(Error::InvalidOption {
                    option,
                    value: value.into(),
                    expected: "a number in [0, 1]",
                })
            }
        };
        unit("junior_digital_lean", self.junior_digital_lean)?;
        unit("senior_leadership_lean", self.senior_leadership_lean)?;
        unit("taste_correlation", self.taste_correlation)?;
        unit("managed_share", self.managed_share)?;
        unit("idiosyncratic", self.idiosyncratic)?;
        for (_, share) in &self.languages {
            unit("languages", *share)?;
        }
        // A language listed twice would be drawn twice for each participant, so it would be
        // spoken by more than either share says: refused, each repeated language named once.
        let mut seen = BTreeSet::new();
        let mut repeated = BTreeSet::new();
        let mut found = Mistakes::new();
        for (language, _) in &self.languages {
            if !seen.insert(language.as_str()) && repeated.insert(language.as_str()) {
                found.push(Error::DuplicateLanguage {
                    language: language.clone(),
                });
            }
        }
        found.finish()?;
        if let Some(hours) = self.timezone_spread
            && !(0.0..=24.0).contains(&hours)
        {
            return Err(Error::InvalidOption {
                option: "timezone_spread",
                value: hours.into(),
                expected: "a number of hours in [0, 24]",
            });
        }
        fn range<T: PartialOrd + Copy + Into<OptionValue>>(
            option: &'static str,
            r: &RangeInclusive<T>,
        ) -> Result<()> {
            if r.start() <= r.end() {
                Ok(())
            } else {
                Err(Error::InvalidOption {
                    option,
                    value: (*r.start()).into(),
                    expected: "the start of a non-empty range start..=end",
                })
            }
        }
        range("skill_count", &self.skill_count)?;
        range("wish_count", &self.wish_count)?;
        range("junior_experience", &self.junior_experience)?;
        range("senior_experience", &self.senior_experience)?;
        Ok(())
    }

    /// Draws the population: the catalog, then the juniors `j0001`… and the seniors `s0001`…
    ///
    /// # Complexity
    ///
    /// `O((J + S) · (K + L))` time for `J` juniors, `S` seniors, `K` catalog skills and `L`
    /// languages; `O(K + S)` memory besides the result.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidOption`] naming the option for a lean, `taste_correlation`,
    ///   `managed_share` or a language share outside `[0, 1]` (or NaN), a `timezone_spread`
    ///   outside `[0, 24]`, an empty range (`skill_count`, `wish_count`, `junior_experience`,
    ///   `senior_experience`), an empty `catalog`, or more than `u32::MAX` participants;
    /// - [`Error::DuplicateSkill`] or [`Error::EmptySkill`] for a catalog skill listed twice or
    ///   with an empty id;
    /// - [`Error::DuplicateLanguage`] for a language listed twice, each repeated language
    ///   named once (an [`Error::Multiple`] of them when there are several).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Error;
    ///
    /// let spec = Population::new(2, 2).with_seed(1).build()?;
    /// assert_eq!(spec, Population::new(2, 2).with_seed(1).build()?);
    /// assert_ne!(spec, Population::new(2, 2).with_seed(2).build()?);
    ///
    /// let err = Population::new(2, 2).with_taste_correlation(1.5).build().unwrap_err();
    /// assert!(matches!(err, Error::InvalidOption { option: "taste_correlation", .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn build(&self) -> Result<RosterSpec> {
        self.check()?;
        let nskills = self.catalog.len();
        let mut rng = stream(self.seed, Stream::Popularity, 0);
        let popularity: Vec<f64> = (0..nskills).map(|_| rng.unit()).collect();
        let affinity = |side: Side| -> Vec<f64> {
            let (lean, own, other) = match side {
                Side::Junior => (self.junior_digital_lean, DIGITAL, LEADERSHIP),
                Side::Senior => (self.senior_leadership_lean, LEADERSHIP, DIGITAL),
            };
            self.catalog
                .iter()
                .map(|s| match s.category.as_deref() {
                    Some(c) if c == own => lean,
                    Some(c) if c == other => 1.0 - lean,
                    _ => 0.5,
                })
                .collect()
        };
        let mut draws = Draws::new(nskills);

        // Seniors first, so that each junior's manager can be drawn from the seniors of their
        // department; the roster lists juniors first all the same.
        let senior_affinity = affinity(Side::Senior);
        // The roster's lists are reserved before anything is drawn: a population too large for
        // memory is an error, not an abort.
        let participants_in_all = self.juniors + self.seniors;
        let too_large = || MatrixError::TooLarge {
            what: "synthetic roster (participants × 1)",
            rows: participants_in_all,
            cols: 1,
        };
        let mut seniors = memory::reserved(self.seniors, too_large)?;
        let mut participants = memory::reserved(participants_in_all, too_large)?;
        let mut by_department: Vec<Vec<u32>> = vec![Vec::new(); self.departments];
        for index in 0..self.seniors {
            let (person, _, department) = self.person(
                Side::Senior,
                index,
                &senior_affinity,
                &popularity,
                &mut draws,
            );
            if let Some(d) = department {
                by_department[d].push(index as u32);
            }
            seniors.push(person);
        }
        let junior_affinity = affinity(Side::Junior);
        for index in 0..self.juniors {
            let (mut person, mut profile, department) = self.person(
                Side::Junior,
                index,
                &junior_affinity,
                &popularity,
                &mut draws,
            );
            // The manager is the profile stream's last draw, so the rest of the profile does
            // not depend on the other seniors.
            if let Some(d) = department
                && profile.unit() < self.managed_share
                && !by_department[d].is_empty()
            {
                let senior = by_department[d][profile.below(by_department[d].len())];
                person.manager = Some(id(Side::Senior, senior as usize));
            }
            participants.push(person);
        }
        participants.append(&mut seniors);
        Ok(RosterSpec {
            skills: self.catalog.clone(),
            participants,
            ..RosterSpec::default()
        })
    }

    /// One participant, without a manager; their profile stream, left ready for the manager
    /// draw; and their department's index.
    fn person(
        &self,
        side: Side,
        index: usize,
        affinity: &[f64],
        popularity: &[f64],
        draws: &mut Draws,
    ) -> (ParticipantSpec, Seeded, Option<usize>) {
        let mut p = ParticipantSpec::new(id(side, index), side);
        p.capacity = match side {
            Side::Junior => self.junior_capacity,
            Side::Senior => self.senior_capacity,
        };

        let mut rng = stream(self.seed, Stream::Skills(side), index);
        let nskills = affinity.len();
        let n = count(&mut rng, &self.skill_count, nskills);
        let m = count(&mut rng, &self.wish_count, nskills);
        let Draws {
            units,
            order,
            levels,
        } = draws;
        // Every skill's draws are made whatever the options, so that options re-weigh them.
        units.iter_mut().for_each(|u| *u = rng.unit());
        let at = |k: u32, r: usize| units[k as usize * DRAWS_PER_SKILL + r];

        // Skills: the n largest keys a_k · u_k, among the positive ones.
        let key = |k: u32| affinity[k as usize] * at(k, 0);
        order.clear();
        order.extend((0..nskills as u32).filter(|&k| key(k) > 0.0));
        levels.iter_mut().for_each(|l| *l = 0);
        for &k in top(order, n, key) {
            let a = affinity[k as usize];
            let level = 1 + (1..=4).filter(|&r| at(k, r) < a).count() as u8;
            levels[k as usize] = level;
            p.skills.insert(self.catalog[k as usize].id.clone(), level);
        }

        // Wishes: the m largest w_k > 0 among the skills held below level 3.
        let tau = self.taste_correlation;
        let desire = |k: u32| tau * popularity[k as usize] + (1.0 - tau) * at(k, 5);
        let want = |k: u32| (1.0 - affinity[k as usize]) * desire(k);
        order.clear();
        order.extend(
            (0..nskills as u32).filter(|&k| levels[k as usize] < WISHABLE_BELOW && want(k) > 0.0),
        );
        for &k in top(order, m, want) {
            let d = desire(k);
            let priority = 1 + (6..=9).filter(|&r| at(k, r) < d).count() as u8;
            p.wishes
                .insert(self.catalog[k as usize].id.clone(), priority);
        }

        let mut profile = stream(self.seed, Stream::Profile(side), index);
        let department = (self.departments > 0).then(|| profile.below(self.departments));
        if let Some(d) = department {
            p.department = Some(format!("d{:02}", d + 1));
        }
        let years = match side {
            Side::Junior => &self.junior_experience,
            Side::Senior => &self.senior_experience,
        };
        let span = usize::from(years.end() - years.start()) + 1;
        p.experience_years = Some(f64::from(*years.start()) + profile.below(span) as f64);
        for (language, share) in &self.languages {
            if profile.unit() < *share {
                p.languages.push(language.clone());
            }
        }
        if p.languages.is_empty()
            && let Some((first, _)) = self.languages.first()
        {
            p.languages.push(first.clone());
        }
        if let Some(spread) = self.timezone_spread {
            // `+ 0.0` turns a rounded -0.0 into 0.0, so no "-0.0" reaches the JSON.
            p.timezone = Some((spread * (profile.unit() - 0.5)).round() + 0.0);
        }
        (p, profile, department)
    }

    /// Draws the population and validates it into a [`Roster`].
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build); the drawn spec itself always validates.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    ///
    /// let roster = Population::new(10, 12).with_seed(3).roster()?;
    /// assert_eq!((roster.juniors().len(), roster.seniors().len()), (10, 12));
    /// assert_eq!(roster.skill_count(), 10);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn roster(&self) -> Result<Roster> {
        Roster::new(self.build()?)
    }

    /// Draws the population and scores every junior × senior pair both ways with the default
    /// [`Matcher`]: the input of the [pairing strategies](crate::strategy).
    ///
    /// # Complexity
    ///
    /// As [`build`](Self::build), then [`Matcher::score`]: `O(J · S)` pairs.
    ///
    /// # Errors
    ///
    /// As [`build`](Self::build).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::strategy::{Greedy, Strategy};
    ///
    /// let scores = Population::new(20, 25).with_seed(5).pair_scores()?;
    /// assert_eq!((scores.juniors(), scores.seniors()), (20, 25));
    /// let pairing = Greedy.pair(&scores)?;
    /// assert!(pairing.len() >= 15);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pair_scores(&self) -> Result<PairScores> {
        let scores = Matcher::new().score(&self.roster()?)?.scores().clone();
        if self.idiosyncratic == 0.0 {
            return Ok(scores);
        }
        self.with_idiosyncratic_part(&scores)
    }

    /// `scores` with each allowed gain blended with its idiosyncratic draw (see
    /// [`with_idiosyncratic`](Self::with_idiosyncratic)).
    fn with_idiosyncratic_part(&self, scores: &PairScores) -> Result<PairScores> {
        let (n, m) = (scores.juniors(), scores.seniors());
        let w = self.idiosyncratic;
        let mut junior = scores.junior_gains().to_vec();
        let mut senior = scores.senior_gains().to_vec();
        for j in 0..n {
            let mut rng = stream(self.seed, Stream::Fit, j);
            for s in 0..m {
                let k = j * m + s;
                // Both draws are made for every pair, allowed or not, so that forbidding a
                // pair changes no other pair's gains.
                let (x, y) = (rng.unit(), rng.unit());
                junior[k] = (1.0 - w) * junior[k] + w * x;
                senior[k] = (1.0 - w) * senior[k] + w * y;
            }
        }
        let mut blended = PairScores::new(n, m, junior, senior)?;
        for (k, _) in scores.allowed().iter().enumerate().filter(|(_, ok)| !**ok) {
            blended.forbid(k / m, k % m)?;
        }
        Ok(blended)
    }
}

/// Scratch space reused from one participant to the next, so drawing allocates only the
/// participants themselves.
struct Draws {
    /// [`DRAWS_PER_SKILL`] uniform draws per catalog skill, skill-major: 0 the key, 1..=4 the
    /// level trials, 5 the wish noise, 6..=9 the priority trials.
    units: Vec<f64>,
    /// Candidate skills, in catalog order before selection.
    order: Vec<u32>,
    /// The current participant's level in each skill, 0 where not held.
    levels: Vec<u8>,
}

impl Draws {
    fn new(nskills: usize) -> Self {
        Draws {
            units: vec![0.0; nskills * DRAWS_PER_SKILL],
            order: Vec::with_capacity(nskills),
            levels: vec![0; nskills],
        }
    }
}

/// The `n` items of `items` with the largest `key` (ties to the smaller item), in no order.
///
/// Linear time: a selection, not a sort. The order is total (keys are finite and ties go to the
/// smaller item), so the set chosen does not depend on the selection algorithm.
fn top(items: &mut [u32], n: usize, key: impl Fn(u32) -> f64) -> &[u32] {
    let n = n.min(items.len());
    if n > 0 && n < items.len() {
        let larger_first = |a: &u32, b: &u32| key(*b).total_cmp(&key(*a)).then(a.cmp(b));
        items.select_nth_unstable_by(n - 1, larger_first);
    }
    &items[..n]
}

/// A count drawn uniformly in `range` capped at `cap`.
fn count(rng: &mut Seeded, range: &RangeInclusive<usize>, cap: usize) -> usize {
    let (lo, hi) = ((*range.start()).min(cap), (*range.end()).min(cap));
    lo + rng.below(hi - lo + 1)
}

/// A participant's id: `j0001`, `s0001`, ...
fn id(side: Side, index: usize) -> String {
    match side {
        Side::Junior => format!("j{:04}", index + 1),
        Side::Senior => format!("s{:04}", index + 1),
    }
}

/// The streams of a population.
#[derive(Debug, Clone, Copy)]
enum Stream {
    /// The skills' popularity.
    Popularity,
    /// A participant's skills and wishes.
    Skills(Side),
    /// A participant's department, experience, languages, timezone and manager.
    Profile(Side),
    /// A junior's idiosyncratic draws with every senior.
    Fit,
}

/// The generator of one stream: ChaCha8 keyed by a mix of the seed and the stream's number.
///
/// Stream numbers are distinct (`8 · index + tag`, `index < 2³²`), and `x ↦ mix(mix(seed) ^ x)`
/// is a bijection, so the streams of one seed never share a key.
fn stream(seed: u64, which: Stream, index: usize) -> Seeded {
    let tag = match which {
        Stream::Popularity => 0,
        Stream::Skills(Side::Junior) => 1,
        Stream::Skills(Side::Senior) => 2,
        Stream::Profile(Side::Junior) => 3,
        Stream::Profile(Side::Senior) => 4,
        Stream::Fit => 5,
    };
    Seeded::new(mix(mix(seed) ^ ((index as u64) << 3 | tag)))
}

/// SplitMix64's output from state `x`: a bijection of `u64` that scatters nearby inputs.
fn mix(x: u64) -> u64 {
    crate::support::seeded::finalise(x.wrapping_add(crate::support::seeded::GOLDEN))
}

#[cfg(test)]
mod tests {
    use super::{mix, top};

    #[test]
    fn top_keeps_the_largest_keys_and_breaks_ties_to_the_smaller_item() {
        let keys = [0.5, 0.9, 0.5, 0.1, 0.9];
        let mut items: Vec<u32> = (0..5).collect();
        let mut got = top(&mut items, 3, |k| keys[k as usize]).to_vec();
        got.sort_unstable();
        assert_eq!(got, [0, 1, 4]);
        let mut items: Vec<u32> = (0..5).collect();
        assert_eq!(top(&mut items, 9, |k| keys[k as usize]).len(), 5);
        assert!(top(&mut items, 0, |k| keys[k as usize]).is_empty());
    }

    #[test]
    fn mix_is_pinned() {
        // SplitMix64 from state 0 gives 0xE220A8397B1DCDAF as its first output.
        assert_eq!(mix(0), 0xE220_A839_7B1D_CDAF);
    }
}

crate::support::setters::renamed_setters!(Population {
    timezone_spread(f64) => with_timezone_spread,
});
