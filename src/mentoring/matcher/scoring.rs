//! Scoring a roster: the rules and the scorer on every available junior × senior pair, and
//! the diagnosis read off those scores.

use super::builder::Matcher;
use crate::matching::memory;
use crate::matching::pair_scores::PairScores;
use crate::mentoring::candidates::Phase;
use crate::mentoring::diagnosis::{self, Diagnosis};
use crate::mentoring::error::Result;
use crate::mentoring::model::{ParticipantId, Roster};
use crate::mentoring::roster_scores::RosterScores;
use crate::mentoring::rules::Rules;
use crate::mentoring::score::check_score;
use crate::mentoring::score::criteria::Blend;

impl Matcher {
    /// Applies the rules and scores every available junior × senior pair both ways.
    ///
    /// Participants with capacity 0 are left out. A forbidden pair is not scored (its gains
    /// are 0). The progress callback, if any, hears [`Phase::Scoring`] in juniors scored.
    ///
    /// # Complexity
    ///
    /// `O(J · S · (R + w))` for `J` juniors, `S` seniors, `R` rules and the scorer's cost `w` per
    /// direction; no allocation per pair. Memory: 19 bytes a pair (both gains, the rule that
    /// forbids it, whether it is allowed).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScore`](crate::Error::InvalidScore) naming both participants when the
    /// scorer returns NaN or a value outside `[0, 1]`;
    /// [`Error::InvalidOption`](crate::Error::InvalidOption) for a scorer's invalid parameters;
    /// [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the scores of every pair
    /// cannot be allocated (see [`Method::Sparse`](crate::Method::Sparse) for rosters that
    /// large).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5},
    ///      "wishes": {"strategy": 3}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 1},
    ///      "wishes": {"cloud-tools": 4}},
    ///     {"id": "eva", "side": "senior", "capacity": 0}]}"#)?;
    /// let scored = Matcher::new().score(&roster)?;
    /// // Eva is not available: one junior row, one senior column.
    /// assert_eq!(scored.seniors(), [roster.find("jan").unwrap()]);
    /// let scores = scored.scores();
    /// assert_eq!(scores.senior_gain(0, 0), 1.0); // cloud-tools: gap 5, full credit
    /// assert_eq!(scores.junior_gain(0, 0), 1.0 / 3.0); // strategy: gap 1 of 3
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn score(&self, roster: &Roster) -> Result<RosterScores> {
        self.scorer.check()?;
        self.combination.validate()?;
        let (juniors, seniors) = available_sides(roster);
        let (nj, ns) = (juniors.len(), seniors.len());
        const WHAT: &str = "the pair scores (available juniors x available seniors)";
        let mut junior_gain = memory::filled(WHAT, nj, ns, 0.0)?;
        let mut senior_gain = memory::filled(WHAT, nj, ns, 0.0)?;
        let mut excluded = memory::filled(WHAT, nj, ns, 0u16)?;
        let blend = Blend::new(roster);
        let mut pair_score = if blend.is_plain() {
            None
        } else {
            Some(memory::filled(WHAT, nj, ns, 0.0)?)
        };
        let rules = self.rules_for(roster);
        let excludes = blend.excludes();
        let mut k = 0;
        // Progress in juniors scored: as a row starts, at most about a thousand times.
        let step = nj.div_ceil(1000).max(1);
        for (row, &j) in juniors.iter().enumerate() {
            if row.is_multiple_of(step) {
                self.report(Phase::Scoring, row, nj);
            }
            for &s in &seniors {
                let rule = rules.first_violated(roster, j, s).or_else(|| {
                    excludes
                        .then(|| blend.excluded(roster, j, s).map(|e| rules.len() + e))
                        .flatten()
                });
                match rule {
                    Some(rule) => excluded[k] = (rule + 1).min(u16::MAX as usize) as u16,
                    None => {
                        let benefits = (
                            check_score(roster, s, j, self.scorer.teaches(roster, s, j))?,
                            check_score(roster, j, s, self.scorer.teaches(roster, j, s))?,
                        );
                        match &mut pair_score {
                            // A plain blend keeps the benefits as they are (the hot path).
                            None => (junior_gain[k], senior_gain[k]) = benefits,
                            Some(score) => {
                                let b = blend.blend(roster, (j, s), benefits, self.combination);
                                (junior_gain[k], senior_gain[k], score[k]) =
                                    (b.junior_gain, b.senior_gain, b.score);
                            }
                        }
                    }
                }
                k += 1;
            }
        }
        self.report(Phase::Scoring, nj, nj);
        let mut scores = PairScores::new(juniors.len(), seniors.len(), junior_gain, senior_gain)?;
        for (k, &e) in excluded.iter().enumerate() {
            if e != 0 {
                scores.forbid(k / ns, k % ns)?;
            }
        }
        let rule_names = rules
            .names()
            .into_iter()
            .map(str::to_owned)
            .chain(blend.exclusion_names(roster))
            .collect();
        Ok(RosterScores {
            juniors,
            seniors,
            scores,
            excluded,
            rule_names,
            pair_score,
        })
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
    pub fn diagnose(&self, roster: &Roster) -> Result<Diagnosis> {
        diagnosis::diagnose(roster, &self.score(roster)?, self.combination)
    }
}

impl Matcher {
    /// The matcher's rules for `roster`: those the roster's criteria do not replace (a
    /// criterion named like a rule takes its place, see [`crate::score::criteria`]).
    pub(crate) fn rules_for(&self, roster: &Roster) -> Rules {
        roster
            .criteria()
            .iter()
            .fold(self.rules.clone(), |rules, c| rules.without(&c.name()))
    }
}

/// The roster's available juniors and seniors (capacity at least 1), in roster order.
pub(super) fn available_sides(roster: &Roster) -> (Vec<ParticipantId>, Vec<ParticipantId>) {
    let available = |ids: &[ParticipantId]| -> Vec<ParticipantId> {
        ids.iter()
            .copied()
            .filter(|&p| roster.participant(p).capacity > 0)
            .collect()
    };
    (available(roster.juniors()), available(roster.seniors()))
}
