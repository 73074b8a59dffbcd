//! The crate's one error type.
//!
//! Every variant carries what a user needs to fix the input: the participant id, the field, the
//! skill, the matrix cell or the two ids of a pair. Messages are lowercase without a trailing
//! period, as is usual for Rust errors, so they compose into longer messages.

use thiserror::Error;

use crate::support::mistakes::lines;

pub use crate::matching::error::{MatrixError, OptionValue};

/// Everything that can go wrong when building a roster, a matrix or a matching.
///
/// No function of this crate panics on user input: bad input comes back as one of these.
///
/// # Examples
///
/// ```
/// use mentor_match::{Error, RosterSpec};
///
/// let err = RosterSpec::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior"},
///     {"id": "ola", "side": "senior"}]}"#)?
///     .validate()
///     .unwrap_err();
/// assert!(matches!(err, Error::DuplicateParticipant { ref id } if id == "ola"));
/// assert_eq!(err.to_string(), "participant id `ola` appears more than once");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum Error {
    /// The roster JSON is not valid JSON, or a value has the wrong type.
    #[error("roster JSON{}: {message}", position(*line, *column))]
    Json {
        /// Line of the error, from 1 (0 when unknown).
        line: usize,
        /// Column of the error, from 1 (0 when unknown).
        column: usize,
        /// What is wrong, with the participant and field where they could be found.
        message: String,
    },
    /// A criteria document (read by
    /// [`CriteriaSpec::from_json`](crate::model::CriteriaSpec::from_json), the tool's
    /// `--criteria` file) is not valid JSON, has an unknown or repeated key, or a value of the
    /// wrong type: as [`Error::Json`] is for a roster.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Error;
    /// use mentor_match::model::CriteriaSpec;
    ///
    /// let err = CriteriaSpec::from_json(r#"{"criteria": 3}"#).unwrap_err();
    /// assert!(matches!(err, Error::CriteriaJson { line: 1, .. }));
    /// assert!(err.to_string().starts_with("criteria JSON, line 1 column 14: invalid type"));
    /// ```
    #[error("criteria JSON{}: {message}", position(*line, *column))]
    CriteriaJson {
        /// Line of the error, from 1 (0 when unknown).
        line: usize,
        /// Column of the error, from 1 (0 when unknown).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A participant's field holds a value of the wrong type or an unknown variant.
    #[error("participant `{participant}`, field `{field}`: {message}")]
    InvalidField {
        /// The participant's id, or when it has no readable id `#N` (its position from 0) in a
        /// JSON roster and `row N` (from 1) in a CSV one; `(roster)` or `(header)` for a
        /// mistake that is no one participant's.
        participant: String,
        /// The field at fault.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A criterion of the roster is wrong in itself or does not fit the roster: an unknown
    /// field, a relation that cannot compare that field's values, a missing or stray
    /// parameter, a weight that is not a positive number, a name used twice.
    #[error("criterion `{criterion}`: {message}")]
    InvalidCriterion {
        /// The criterion's name (see [`Criterion::name`](crate::model::Criterion::name)).
        criterion: String,
        /// What is wrong.
        message: String,
    },
    /// A participant has an empty id.
    #[error("participant #{index} has an empty id")]
    EmptyId {
        /// Position of the participant in the roster, from 0.
        index: usize,
    },
    /// Two participants share one id.
    #[error("participant id `{id}` appears more than once")]
    DuplicateParticipant {
        /// The repeated id.
        id: String,
    },
    /// A skill level or wish priority lies outside 1..=5.
    #[error(
        "participant `{participant}`, field `{field}`, skill `{skill}`: {value} is outside 1..=5"
    )]
    LevelOutOfRange {
        /// The participant's id.
        participant: String,
        /// `skills` (a proficiency level) or `wishes` (a priority).
        field: &'static str,
        /// The skill.
        skill: String,
        /// The value given.
        value: u8,
    },
    /// A participant names a skill that the catalog does not hold.
    #[error(
        "participant `{participant}`, field `{field}`: skill `{skill}` is not in the skill catalog"
    )]
    UnknownSkill {
        /// The participant's id.
        participant: String,
        /// `skills` or `wishes`.
        field: &'static str,
        /// The unknown skill.
        skill: String,
    },
    /// A skill id is empty.
    #[error("participant `{participant}`, field `{field}`: a skill id is empty")]
    EmptySkill {
        /// The participant's id, or `catalog` for the skill catalog.
        participant: String,
        /// The field at fault.
        field: &'static str,
    },
    /// The skill catalog lists one skill twice.
    #[error("skill `{skill}` appears more than once in the skill catalog")]
    DuplicateSkill {
        /// The repeated skill.
        skill: String,
    },
    /// A synthetic population lists one language twice
    /// ([`Population::with_languages`](crate::generate::Population::with_languages)): it
    /// would be drawn as one language with a share larger than either entry gives. Each
    /// repeated language is named once (several in an [`Error::Multiple`]).
    #[error("language `{language}` appears more than once in the population's languages")]
    DuplicateLanguage {
        /// The repeated language.
        language: String,
    },
    /// A catalog skill names a parent the catalog does not hold.
    #[error("skill `{skill}` has parent `{parent}`, which is not in the skill catalog")]
    UnknownParentSkill {
        /// The skill.
        skill: String,
        /// Its unknown parent.
        parent: String,
    },
    /// Following `parent` links in the catalog comes back to where it started.
    #[error("the skill catalog has a parent cycle: {}", cycle_shown(cycle))]
    SkillCycle {
        /// The skills on the cycle, in order, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// A participant names themself as their own manager.
    #[error("participant `{participant}` names themself as their own manager")]
    OwnManager {
        /// The participant's id.
        participant: String,
    },
    /// A number is NaN or infinite, or negative where it may not be.
    #[error("participant `{participant}`, field `{field}`: {value} is not {expected}")]
    InvalidNumber {
        /// The participant's id.
        participant: String,
        /// The field at fault.
        field: &'static str,
        /// The value given.
        value: f64,
        /// What the field accepts.
        expected: &'static str,
    },
    /// A participant's minimum number of partners cannot be met: no matching of the pairs the
    /// rules allow and that score above 0 gives everyone their minimum. The best matching (the most partners towards the minimums
    /// that any matching gives) leaves this participant with `partners`; each participant
    /// left short is named, in roster order.
    #[error(
        "participant `{participant}`, field `min_partners`: {minimum} partners cannot be given (the best matching gives {partners}; no matching of allowed pairs that score above 0 meets every minimum)"
    )]
    MinimumUnmet {
        /// The participant's id.
        participant: String,
        /// Their minimum.
        minimum: u32,
        /// What the best matching gives them.
        partners: u32,
    },
    /// The roster guarantees everyone who listed choices one of their first `top`, and no
    /// matching the rules allow gives it to everyone: the best matching (the most guaranteed
    /// people served) leaves this participant without one. Each participant left out is
    /// named, in roster order.
    #[error(
        "participant `{participant}`, field `choices`: none of their first {top} choices can be given (no matching of allowed pairs that score above 0 gives everyone who listed choices one of their first {top})"
    )]
    TopChoiceUnmet {
        /// The participant's id.
        participant: String,
        /// The guarantee: one of the first `top` choices.
        top: u32,
    },
    /// A participant asks for a minimum number of partners, and the chosen strategy does not
    /// honour minimums. Each such participant is named (several in an [`Error::Multiple`]),
    /// followed by an [`Error::UnsupportedCapacity`] for each capacity the strategy also
    /// refuses.
    #[error(
        "participant `{participant}`, field `min_partners`: a minimum of {minimum} cannot be honoured by strategy `{strategy}` (only the default utilitarian matching honours minimums)"
    )]
    UnsupportedMinimum {
        /// The participant's id.
        participant: String,
        /// The minimum given.
        minimum: u32,
        /// The strategy's name.
        strategy: String,
    },
    /// A participant wants more than one partner, and the chosen strategy does not pair under
    /// capacities above 1 (see the strategy table's
    /// [*Capacities*](crate::strategy#capacities)). Each such participant is named (several
    /// in an [`Error::Multiple`]).
    #[error(
        "participant `{participant}`, field `capacity`: {capacity} partners cannot be honoured by strategy `{strategy}`: {why}"
    )]
    UnsupportedCapacity {
        /// The participant's id.
        participant: String,
        /// The capacity given.
        capacity: u32,
        /// The strategy's name.
        strategy: String,
        /// Why the strategy does not pair under these capacities.
        why: String,
    },
    /// The sparse method was asked for (see [`Method`](crate::matcher::Method)) with an option
    /// it does not cover.
    #[error("the sparse method does not support {what}: use the dense method")]
    SparseUnsupported {
        /// What it does not support: a custom scorer, a strategy other than the default, a
        /// minimum number of partners (naming the participant), criteria, stated choices or
        /// an avoid list.
        what: String,
    },
    /// A scorer returned NaN, a negative or an infinite value, or one above 1 for a pair.
    #[error(
        "scorer returned {value} for teacher `{teacher}` and learner `{learner}`: expected a number in [0, 1]"
    )]
    InvalidScore {
        /// Id of the participant who teaches in this direction.
        teacher: String,
        /// Id of the participant who learns in this direction.
        learner: String,
        /// The value returned.
        value: f64,
    },
    /// A scoring or matching option is out of its range.
    #[error("option `{option}`: {value} is not {expected}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value given: a whole number exactly as given, a float as Rust prints it.
        value: OptionValue,
        /// What the option accepts.
        expected: &'static str,
    },
    /// Scores computed for one roster were used with another: they do not list this roster's
    /// available participants of a side, in roster order.
    #[error("the scores were computed for another roster: their {side}s are not this roster's")]
    RosterMismatch {
        /// The side whose participants differ.
        side: crate::mentoring::model::side::Side,
    },
    /// A programme's lock, ban or history names someone who is not in the roster.
    #[error("{context} names `{id}`, who is not in the roster")]
    UnknownParticipant {
        /// The id not found.
        id: String,
        /// Where it was named: `lock`, `ban`, `history`, `never_again`, `matching` (a
        /// matching given to the fairness report) or `shortlist`.
        context: &'static str,
    },
    /// A programme's lock, ban, history or previous pair names someone on the wrong side (a
    /// senior as the junior of a pair, or the reverse).
    #[error("{context} names `{id}` as a {expected}, but `{id}` is a {}", expected.other())]
    WrongSide {
        /// The participant's id.
        id: String,
        /// The side the pair needs them on.
        expected: crate::mentoring::model::side::Side,
        /// Where it was named: `lock`, `ban`, `history`, `never_again`, `previous` or
        /// `matching`.
        context: &'static str,
    },
    /// A locked pair breaks a hard rule and is not marked as an override.
    #[error(
        "lock of junior `{junior}` with senior `{senior}` breaks the rule `{rule}` (mark the lock as an override to keep it anyway)"
    )]
    LockBreaksRule {
        /// The junior's id.
        junior: String,
        /// The senior's id.
        senior: String,
        /// The name of the first rule it breaks.
        rule: String,
    },
    /// A locked pair cannot be formed: someone is unavailable or has too few places for their
    /// locks, or the pair is banned or has met before (history, never-again, an earlier round).
    #[error("lock of junior `{junior}` with senior `{senior}` cannot hold: {why}")]
    LockConflict {
        /// The junior's id.
        junior: String,
        /// The senior's id.
        senior: String,
        /// Why.
        why: String,
    },
    /// A programme spec's JSON is not valid JSON, has an unknown key, or a value of the wrong
    /// type.
    #[error("programme JSON{}: {message}", position(*line, *column))]
    ProgrammeJson {
        /// Line of the error, from 1 (0 when unknown).
        line: usize,
        /// Column of the error, from 1 (0 when unknown).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// Several mistakes were found at once (a roster, a roster JSON, a programme, or a
    /// matrix or file of the matching half, with more than one): each is listed, in the order
    /// found, up to [`MAX_LISTED`]; `more` counts the ones beyond. A single mistake is
    /// returned as itself, never wrapped in this variant.
    #[error("{} mistakes found:{}", errors.len() + more, lines(errors, *more))]
    Multiple {
        /// The mistakes, at most [`MAX_LISTED`] of them, none of them itself `Multiple`.
        errors: Vec<Error>,
        /// How many more were found and not listed.
        more: usize,
    },
    /// A matrix, a strategy, a metric or a matrix file was refused by the matching half
    /// (see [`MatrixError`]): its message names the cell, row, column or place in the file.
    ///
    /// Several mistakes of the matching half come as an [`Error::Multiple`] of these, one
    /// each, never as this variant holding a [`MatrixError::Multiple`].
    #[error(transparent)]
    Matrix(MatrixError),
}

pub use crate::support::mistakes::MAX_LISTED;

/// A refusal of the matching half as the crate's error: several mistakes become an
/// [`Error::Multiple`] of [`Error::Matrix`] ones, so a list has one shape whichever half
/// found it.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::SparseMatrix;
/// use mentor_match::{Error, MatrixError};
///
/// let err = Error::from(SparseMatrix::from_triplets(1, 1, vec![(0, 1, 1.0), (2, 0, 1.0)]).unwrap_err());
/// assert_eq!(err.all().len(), 2);
/// assert!(matches!(err.all()[1], Error::Matrix(MatrixError::InvalidTriplet { row: 2, col: 0, .. })));
/// ```
impl From<MatrixError> for Error {
    fn from(error: MatrixError) -> Self {
        match error {
            MatrixError::Multiple { errors, more } => Error::Multiple {
                errors: errors.into_iter().map(Error::Matrix).collect(),
                more,
            },
            one => Error::Matrix(one),
        }
    }
}

impl Error {
    /// Every mistake this error reports: the list of an [`Error::Multiple`], or the error
    /// itself.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Error, Roster};
    ///
    /// let err = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "wishes": {"negotiation": 9}},
    ///     {"id": "ola", "side": "senior"}]}"#).unwrap_err();
    /// assert_eq!(err.all().len(), 2);
    /// assert!(matches!(err.all()[1], Error::DuplicateParticipant { .. }));
    /// let one = Roster::from_json(r#"{"participants": [{"id": "", "side": "junior"}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(one.all(), [Error::EmptyId { index: 0 }]);
    /// ```
    pub fn all(&self) -> &[Error] {
        match self {
            Error::Multiple { errors, .. } => errors,
            other => std::slice::from_ref(other),
        }
    }
}

/// Shorthand for results whose error is [`Error`](enum@Error).
///
/// # Examples
///
/// ```
/// use mentor_match::{Error, Result, Roster};
///
/// fn juniors_in(json: &str) -> Result<usize> {
///     Ok(Roster::from_json(json)?.juniors().len())
/// }
/// assert_eq!(
///     juniors_in(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?,
///     1
/// );
/// assert!(matches!(juniors_in("[]"), Err(Error::Json { .. })));
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A parent cycle as its message shows it: every skill of a short one; of a long one (a
/// generated or hostile catalog, where it was one line of a megabyte) the first and last
/// [`CYCLE_ENDS`] with how many lie between. The error's `cycle` keeps them all.
fn cycle_shown(cycle: &[String]) -> String {
    if cycle.len() <= 2 * CYCLE_ENDS + 1 {
        return cycle.join(" -> ");
    }
    format!(
        "{} -> ... {} more ... -> {}",
        cycle[..CYCLE_ENDS].join(" -> "),
        cycle.len() - 2 * CYCLE_ENDS,
        cycle[cycle.len() - CYCLE_ENDS..].join(" -> ")
    )
}

/// How many skills of each end of a long parent cycle its message shows.
const CYCLE_ENDS: usize = 6;

/// `, line L column C` where a mistake's place is known (line from 1), else nothing: a mistake
/// found between keys has none.
fn position(line: usize, column: usize) -> String {
    match (line, column) {
        (0, _) => String::new(),
        // serde_json says column 0 for a document of the wrong type (`[]` for a roster).
        (line, 0) => format!(", line {line}"),
        (line, column) => format!(", line {line} column {column}"),
    }
}
