//! The scores of a roster, as the [`Matcher`](crate::Matcher) computes them and as the
//! diagnosis, the matcher and the programme read them: a room of its own, so that the modules
//! that read scores do not import each other.

use crate::matching::assignment::Matrix;
use crate::matching::capacitated::Solution;
use crate::matching::pair_scores::{Combination, PairScores};
use crate::mentoring::error::{Error, Result};
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{ParticipantId, Roster, Side};

/// The scores of a roster's available juniors × available seniors, with which rule (if any)
/// forbids each pair.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "languages": ["pl"]},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}, "languages": ["en"]}]}"#)?;
/// let scored = Matcher::new().score(&roster)?;
/// assert_eq!(scored.excluded_by(0, 0), Some("shared_language"));
/// assert!(!scored.scores().is_allowed(0, 0));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RosterScores {
    pub(crate) juniors: Vec<ParticipantId>,
    pub(crate) seniors: Vec<ParticipantId>,
    pub(crate) scores: PairScores,
    /// Per pair: 0 when allowed, else 1 + the position of the first rule that forbids it.
    pub(crate) excluded: Vec<u16>,
    pub(crate) rule_names: Vec<String>,
    /// Per pair, the score when the roster's criteria or choices blend it (see
    /// [`crate::score::criteria`]); `None` when the score is the combination of the gains.
    pub(crate) pair_score: Option<Vec<f64>>,
}

impl RosterScores {
    /// The available juniors (capacity at least 1), in roster order: the rows of
    /// [`scores`](Self::scores).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior"}, {"id": "kai", "side": "junior", "capacity": 0},
    ///     {"id": "eli", "side": "junior"}, {"id": "jan", "side": "senior"}]}"#)?;
    /// let scored = Matcher::new().score(&roster)?;
    /// let rows: Vec<&str> = scored.juniors().iter().map(|&p| roster.id(p)).collect();
    /// assert_eq!(rows, ["ola", "eli"]); // kai is not available
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> &[ParticipantId] {
        &self.juniors
    }

    /// The available seniors, in roster order: the columns of [`scores`](Self::scores).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "jan", "side": "senior"}, {"id": "ola", "side": "junior"},
    ///     {"id": "eva", "side": "senior", "capacity": 2}]}"#)?;
    /// let scored = Matcher::new().score(&roster)?;
    /// let columns: Vec<&str> = scored.seniors().iter().map(|&p| roster.id(p)).collect();
    /// assert_eq!(columns, ["jan", "eva"]);
    /// assert_eq!(scored.scores().seniors(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> &[ParticipantId] {
        &self.seniors
    }

    /// Both directions of benefit for every pair, with the forbidden pairs.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"social-media": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"social-media": 4}}]}"#)?;
    /// let scored = Matcher::new().score(&roster)?;
    /// let scores = scored.scores();
    /// assert_eq!((scores.juniors(), scores.seniors()), (1, 1));
    /// assert_eq!(
    ///     (scores.junior_gain(0, 0), scores.senior_gain(0, 0)),
    ///     (0.0, 1.0)
    /// );
    /// assert!(scores.is_allowed(0, 0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn scores(&self) -> &PairScores {
        &self.scores
    }

    /// The pair scores as a weight matrix for the engine (maximise): the blended scores when
    /// the roster has soft criteria or stated choices (combined, when they were scored, with
    /// the matcher's combination: `combination` is then only checked), else the gains'
    /// combination by `combination` (see [`PairScores::weights`]). A forbidden pair, and one
    /// scoring 0, is `-inf`.
    ///
    /// # Errors
    ///
    /// [`Error::Matrix`] for an invalid combination.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Combination, Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"social-media": 5}, "languages": ["pl"]},
    ///     {"id": "jan", "side": "senior", "wishes": {"social-media": 4}, "languages": ["pl"]},
    ///     {"id": "eva", "side": "senior", "wishes": {"social-media": 4},
    ///      "languages": ["de"]}]}"#)?;
    /// let weights = Matcher::new().score(&roster)?.weights(Combination::Sum)?;
    /// assert_eq!(weights.get(0, 0), Some(0.5)); // the mean of 0 and 1
    /// assert_eq!(weights.get(0, 1), Some(f64::NEG_INFINITY)); // no shared language
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn weights(&self, combination: Combination) -> Result<Matrix<f64>> {
        let Some(score) = &self.pair_score else {
            return Ok(self.scores.weights(combination)?);
        };
        combination.validate()?;
        let data = score
            .iter()
            .zip(self.scores.allowed())
            .map(|(&w, &ok)| if ok && w > 0.0 { w } else { f64::NEG_INFINITY })
            .collect();
        Ok(Matrix::from_vec(
            self.juniors.len(),
            self.seniors.len(),
            data,
        )?)
    }

    /// The name of the first rule that forbids the pair at row `junior`, column `senior`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "manager": "jan"},
    ///     {"id": "jan", "side": "senior"}, {"id": "eva", "side": "senior"}]}"#)?;
    /// let scored = Matcher::new().score(&roster)?;
    /// assert_eq!(scored.excluded_by(0, 0), Some("not_own_manager"));
    /// assert_eq!(scored.excluded_by(0, 1), None);
    /// assert_eq!(scored.excluded_by(0, 2), None); // out of range
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn excluded_by(&self, junior: usize, senior: usize) -> Option<&str> {
        if junior >= self.juniors.len() || senior >= self.seniors.len() {
            return None;
        }
        match self.excluded[junior * self.seniors.len() + senior] {
            0 => None,
            k => Some(&self.rule_names[k as usize - 1]),
        }
    }
}

/// [`Error::MinimumUnmet`] or [`Error::TopChoiceUnmet`] for each participant, in roster
/// order, whom `solution` (of the problem on `scored`'s rows and columns) leaves short of
/// what they must get ([`Roster::required_partners`]).
pub(crate) fn check_minimums(
    roster: &Roster,
    scored: &RosterScores,
    solution: &Solution,
) -> Result<()> {
    let counts = [
        (&scored.juniors, solution.junior_partner_counts()),
        (&scored.seniors, solution.senior_partner_counts()),
    ];
    let mut short: Vec<(ParticipantId, u32)> = counts
        .into_iter()
        .flat_map(|(ids, counts)| ids.iter().copied().zip(counts.iter().copied()))
        .filter(|&(p, count)| count < roster.required_partners(p))
        .collect();
    short.sort_unstable();
    let mut found = Mistakes::new();
    for (p, partners) in short {
        let participant = roster.id(p).to_owned();
        let minimum = roster.participant(p).min_partners;
        found.push(match (roster.top_choice_guarantee(), partners < minimum) {
            (Some(top), false) => Error::TopChoiceUnmet { participant, top },
            _ => Error::MinimumUnmet {
                participant,
                minimum,
                partners,
            },
        });
    }
    found.finish()
}

/// Checks that `scored` lists exactly the roster's available juniors and seniors, in order, so
/// that its positions index this roster.
pub(crate) fn check_same_roster(roster: &Roster, scored: &RosterScores) -> Result<()> {
    for (side, listed, of_roster) in [
        (Side::Junior, scored.juniors(), roster.juniors()),
        (Side::Senior, scored.seniors(), roster.seniors()),
    ] {
        let available = of_roster
            .iter()
            .copied()
            .filter(|&p| roster.participant(p).capacity > 0);
        if !listed.iter().copied().eq(available) {
            return Err(Error::RosterMismatch { side });
        }
    }
    Ok(())
}
