//! Explaining chosen pairs: each pair with its score and lessons, and everyone without a
//! partner with the reason. The steps every explanation shares are here, with the reasons read
//! off a roster's scores; the sparse method reads its reasons off its candidate graph
//! (`explain_graph`).

use super::builder::Matcher;
use super::choice_report::{ChoiceReport, partners};
use super::objective::Objective;
use super::result::{Matching, Pair, Reason, RuleExclusion, Unmatched};
use crate::matching::assignment::Matrix;
use crate::mentoring::error::{MatrixError, Result};
use crate::mentoring::model::{ParticipantId, Roster, Side};
use crate::mentoring::roster_scores::{RosterScores, check_same_roster};
use crate::mentoring::score::check_score;
use crate::mentoring::score::criteria::Blend;
use std::collections::BTreeSet;

impl Matcher {
    /// The [`Matching`] of chosen pairs: each pair with its score and lessons, and everyone
    /// without a partner with the reason. `pairs` are `(junior, senior)` positions in
    /// `scored`'s [`juniors`](RosterScores::juniors) and [`seniors`](RosterScores::seniors), as
    /// a strategy or a coordinator's own procedure chose them; a person may appear in several
    /// pairs (capacities).
    ///
    /// # Errors
    ///
    /// [`Error::RosterMismatch`](crate::Error::RosterMismatch) when `scored` was computed for
    /// another roster; [`MatrixError::InvalidPair`](crate::MatrixError::InvalidPair) for a pair
    /// out of range or repeated; [`Error::InvalidOption`](crate::Error::InvalidOption) for an
    /// invalid combination; [`Error::InvalidScore`](crate::Error::InvalidScore) when the scorer
    /// fails on an overridden pair. A pair the rules forbid is accepted (a coordinator's override) and scored like
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
        self.explain_as(roster, scored, pairs, self.strategy_name(), self.objective)
    }

    /// As [`explain`](Self::explain), for pairs that `strategy` chose under `objective` rather
    /// than this matcher's options (a programme's own solve, say): the [`Matching`] names them.
    pub(crate) fn explain_as(
        &self,
        roster: &Roster,
        scored: &RosterScores,
        pairs: &[(usize, usize)],
        strategy: &str,
        objective: Objective,
    ) -> Result<Matching> {
        check_same_roster(roster, scored)?;
        let weights = scored.weights(self.combination)?;
        let chosen = checked_pairs(scored, pairs)?;
        let blend = Blend::new(roster);
        let pairs = chosen
            .iter()
            .map(|&(r, c)| self.scored_pair(roster, &blend, scored, r, c))
            .collect::<Result<Vec<Pair>>>()?;
        let matched = matched(roster, &chosen, &scored.juniors, &scored.seniors);
        // Why each unmatched participant is unmatched, read off their row or column.
        let mut row_of = vec![usize::MAX; roster.len()];
        for (r, &j) in scored.juniors.iter().enumerate() {
            row_of[j.index()] = r;
        }
        for (c, &s) in scored.seniors.iter().enumerate() {
            row_of[s.index()] = c;
        }
        let available = (scored.juniors.len(), scored.seniors.len());
        let unmatched = unmatched(roster, &matched, available, |p, side, partners| {
            reason_from_scores(scored, &weights, side, row_of[p.index()], partners)
        });
        let partners = partners(roster, &chosen, &scored.juniors, &scored.seniors);
        let choices = ChoiceReport::new(roster, &partners);
        Ok(Matching::new(pairs, unmatched, objective, strategy).with_choices(choices))
    }

    /// The pair at row `r`, column `c` of `scored`, with its lessons.
    pub(super) fn scored_pair(
        &self,
        roster: &Roster,
        blend: &Blend,
        scored: &RosterScores,
        r: usize,
        c: usize,
    ) -> Result<Pair> {
        let (j, s) = (scored.juniors[r], scored.seniors[c]);
        // With a plain blend the scores hold the benefits themselves; otherwise (and for a
        // pair the rules forbid, which was not scored and is here as a coordinator's
        // override) the benefits are asked again, to take the score apart.
        let benefits = if blend.is_plain() && scored.scores.is_allowed(r, c) {
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
        Ok(self.pair(roster, blend, (j, s), benefits))
    }

    /// One pair with its lessons, its gains and score blended with the roster's criteria and
    /// choices from `benefits` (what the junior learns, what the senior learns).
    pub(super) fn pair(
        &self,
        roster: &Roster,
        blend: &Blend,
        (j, s): (ParticipantId, ParticipantId),
        benefits: (f64, f64),
    ) -> Pair {
        let blended = blend.blend(roster, (j, s), benefits, self.combination);
        Pair {
            junior: roster.id(j).to_owned(),
            senior: roster.id(s).to_owned(),
            score: blended.score,
            junior_gain: blended.junior_gain,
            senior_gain: blended.senior_gain,
            junior_learns: self.scorer.explain(roster, s, j),
            senior_learns: self.scorer.explain(roster, j, s),
            parts: blend.parts(roster, (j, s), benefits, self.combination),
        }
    }
}

/// The chosen `(junior, senior)` positions, sorted, each checked to be in range and given once.
fn checked_pairs(scored: &RosterScores, pairs: &[(usize, usize)]) -> Result<Vec<(usize, usize)>> {
    let mut seen = BTreeSet::new();
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
    Ok(pairs)
}

/// Why an available participant at row or column `k` of `scored` is unmatched, from their row
/// or column: how many of the `partners` on the other side the rules allow, how many of those
/// score above 0, and which rules excluded the others.
fn reason_from_scores(
    scored: &RosterScores,
    weights: &Matrix<f64>,
    side: Side,
    k: usize,
    partners: usize,
) -> (Reason, Vec<RuleExclusion>) {
    let cell = |other: usize| {
        if side == Side::Junior {
            (k, other)
        } else {
            (other, k)
        }
    };
    let allowed = (0..partners)
        .filter(|&o| scored.scores.is_allowed(cell(o).0, cell(o).1))
        .count();
    let candidates = (0..partners)
        .filter(|&o| weights.get(cell(o).0, cell(o).1).is_some_and(|w| w > 0.0))
        .count();
    let ns = scored.seniors.len();
    let mut counts = vec![0usize; scored.rule_names.len()];
    for o in 0..partners {
        let (r, c) = cell(o);
        let e = scored.excluded[r * ns + c] as usize;
        if e > 0 {
            counts[e - 1] += 1;
        }
    }
    unmatched_reason(
        allowed,
        candidates,
        rule_exclusions(&scored.rule_names, counts),
    )
}

/// Whether each participant, by index, is in one of the `chosen` pairs of positions in
/// `juniors` and `seniors`.
pub(super) fn matched(
    roster: &Roster,
    chosen: &[(usize, usize)],
    juniors: &[ParticipantId],
    seniors: &[ParticipantId],
) -> Vec<bool> {
    let mut matched = vec![false; roster.len()];
    for &(r, c) in chosen {
        matched[juniors[r].index()] = true;
        matched[seniors[c].index()] = true;
    }
    matched
}

/// Everyone not `matched`, in roster order, with the reason. Capacity 0 and an empty other
/// side (`available` is how many juniors and seniors are available) are read off the roster;
/// any other reason, with the exclusions, is `reason(participant, side, partners on the other
/// side)`.
pub(super) fn unmatched(
    roster: &Roster,
    matched: &[bool],
    available: (usize, usize),
    mut reason: impl FnMut(ParticipantId, Side, usize) -> (Reason, Vec<RuleExclusion>),
) -> Vec<Unmatched> {
    roster
        .participants()
        .filter(|p| !matched[p.index()])
        .map(|p| {
            let side = roster.side(p);
            let partners = match side {
                Side::Junior => available.1,
                Side::Senior => available.0,
            };
            let (reason, excluded_by) = if roster.participant(p).capacity == 0 {
                (Reason::Unavailable, Vec::new())
            } else if partners == 0 {
                (Reason::OtherSideEmpty { side: side.other() }, Vec::new())
            } else {
                reason(p, side, partners)
            };
            Unmatched {
                id: roster.id(p).to_owned(),
                side,
                reason,
                excluded_by,
            }
        })
        .collect()
}

/// The reason of an available participant with partners on the other side, from how many the
/// rules allow and how many of those score above 0, with what `excluded` the others: inside
/// [`Reason::NoAllowedPartner`] when nobody is allowed, beside the reason otherwise.
pub(super) fn unmatched_reason(
    allowed: usize,
    candidates: usize,
    excluded: Vec<RuleExclusion>,
) -> (Reason, Vec<RuleExclusion>) {
    if allowed == 0 {
        (
            Reason::NoAllowedPartner {
                excluded_by: excluded,
            },
            Vec::new(),
        )
    } else if candidates == 0 {
        (
            Reason::NothingToLearn {
                allowed_partners: allowed,
            },
            excluded,
        )
    } else {
        (Reason::PartnersTaken { candidates }, excluded)
    }
}

/// The rules that excluded someone's partners, from the rules' names and the count per rule.
pub(super) fn rule_exclusions(
    names: &[impl AsRef<str>],
    counts: impl IntoIterator<Item = usize>,
) -> Vec<RuleExclusion> {
    names
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(rule, partners)| RuleExclusion {
            rule: rule.as_ref().to_owned(),
            partners,
        })
        .collect()
}
