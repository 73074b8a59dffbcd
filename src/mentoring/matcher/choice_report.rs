//! How well a matching honours what participants chose: per side, how many got their first
//! choice, one of their top three, or none of their choices.

use crate::mentoring::model::{ParticipantId, Roster, Side};
use crate::support::strict;
use serde::{Deserialize, Serialize};

/// One side's figures in a [`ChoiceReport`], over the participants of that side who listed
/// `choices` (ratings alone are not choices).
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// // Both juniors want Jan first; Kai's second choice is Eva.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "choices": ["jan"]},
///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 5}, "choices": ["jan", "eva"]},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}},
///     {"id": "eva", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let juniors = matching.choices().unwrap().juniors;
/// assert_eq!(matching.partner_of("ola"), Some("jan"));
/// assert_eq!(
///     (juniors.stated, juniors.first, juniors.top_three),
///     (2, 1, 2)
/// );
/// assert_eq!(juniors.none, 0);
/// assert_eq!(matching.choices().unwrap().seniors.stated, 0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SideChoices {
    /// How many listed choices.
    pub stated: usize,
    /// How many of those are paired with their first choice.
    pub first: usize,
    /// How many are paired with one of their first three choices (the first included).
    pub top_three: usize,
    /// How many are paired with none of their choices (unmatched ones included).
    pub none: usize,
}

/// How a [`SideChoices`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "SideChoices", deny_unknown_fields)]
struct SideChoicesMirror {
    stated: usize,
    first: usize,
    top_three: usize,
    none: usize,
}

strict::map_only!(SideChoices, SideChoicesMirror);

/// Per side, how many participants got their first choice, one of their top three, or none of
/// their choices. A participant with several partners counts the best-ranked of them.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"strategy": 1}, "choices": ["eva", "jan"]},
///     {"id": "jan", "side": "senior", "wishes": {"strategy": 1}},
///     {"id": "eva", "side": "senior", "wishes": {"strategy": 1}}]}"#)?;
/// let report = Matcher::new().solve(&roster)?.choices().unwrap().clone();
/// assert_eq!((report.juniors.stated, report.juniors.first), (1, 1));
/// assert_eq!(report.seniors.stated, 0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ChoiceReport {
    /// The juniors' figures.
    pub juniors: SideChoices,
    /// The seniors' figures.
    pub seniors: SideChoices,
}

/// How a [`ChoiceReport`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "ChoiceReport", deny_unknown_fields)]
struct ChoiceReportMirror {
    juniors: SideChoices,
    seniors: SideChoices,
}

strict::map_only!(ChoiceReport, ChoiceReportMirror);

impl ChoiceReport {
    /// The report of a matching in which participant `p` has the partners `partners[p]`;
    /// `None` when nobody in the roster listed choices.
    pub(crate) fn new(roster: &Roster, partners: &[Vec<ParticipantId>]) -> Option<ChoiceReport> {
        let mut report = ChoiceReport {
            juniors: SideChoices::default(),
            seniors: SideChoices::default(),
        };
        let mut any = false;
        for p in roster.participants() {
            let choices = roster.choices(p);
            if choices.is_empty() {
                continue;
            }
            any = true;
            let best = partners[p.index()]
                .iter()
                .filter_map(|q| choices.iter().position(|c| c == q))
                .min();
            let side = match roster.side(p) {
                Side::Junior => &mut report.juniors,
                Side::Senior => &mut report.seniors,
            };
            side.stated += 1;
            match best {
                Some(0) => {
                    side.first += 1;
                    side.top_three += 1;
                }
                Some(1 | 2) => side.top_three += 1,
                Some(_) => {}
                None => side.none += 1,
            }
        }
        any.then_some(report)
    }
}

/// Each participant's partners, by participant index, from pairs of positions in `juniors`
/// and `seniors`.
pub(crate) fn partners(
    roster: &Roster,
    chosen: &[(usize, usize)],
    juniors: &[ParticipantId],
    seniors: &[ParticipantId],
) -> Vec<Vec<ParticipantId>> {
    let mut partners = vec![Vec::new(); roster.len()];
    for &(r, c) in chosen {
        partners[juniors[r].index()].push(seniors[c]);
        partners[seniors[c].index()].push(juniors[r]);
    }
    partners
}
