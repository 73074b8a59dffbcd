//! The keep bonus: what each previous pair still allowed earns on top of its score, and the
//! range it is accepted in.

use crate::mentoring::error::{Error, Result};

/// The keep bonus used unless
/// [`Programme::with_keep_bonus`](crate::Programme::with_keep_bonus) sets another: 0.1 per kept
/// pair.
///
/// Pair scores lie in `[0, 1]` (a good pair of the pilot roster scores about 0.4 to 0.9), so a
/// rematch must raise the total by more than a tenth of a perfect pair for each pair it
/// breaks: small reshuffles that gain a few hundredths are not worth a broken relationship,
/// while a clearly better partner still wins.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{DEFAULT_KEEP_BONUS, PairIds, Programme};
/// use mentor_match::{Matcher, Roster};
///
/// // Ola would teach Jan a little more than Kai, his partner last round: by less than the bonus.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 2}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let programme = Programme::new(Matcher::new()).with_previous([PairIds::new("kai", "jan")]);
/// assert_eq!(programme.round(&roster)?.kept, [PairIds::new("kai", "jan")]);
/// let from_scratch = programme.with_keep_bonus(0.0).round(&roster)?;
/// assert_eq!(from_scratch.matching.partner_of("jan"), Some("ola"));
/// assert_eq!(DEFAULT_KEEP_BONUS, 0.1);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const DEFAULT_KEEP_BONUS: f64 = 0.1;

/// The largest keep bonus accepted: 1,000,000 per kept pair.
///
/// A pair score is at most 1, so a rematch can gain at most 1 per pair formed: any bonus
/// above the number of pairs already means "never break a pair for a higher score" (pairs
/// are still broken when that lets more people have a partner). Larger bonuses add nothing but
/// would drown the pair scores in the solver's totals: with this bound, totals of a million
/// pairs stay below 1e12, where `f64` still tells scores apart to about 1e-4.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{MAX_KEEP_BONUS, PairIds, Programme};
/// use mentor_match::{Error, Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 2}},
///   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 5}},
///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let keep = |bonus| Programme::new(Matcher::new()).with_previous([PairIds::new("ola", "jan")]).with_keep_bonus(bonus);
/// // The largest bonus keeps Ola with Jan, though Kai would teach Jan more.
/// assert_eq!(keep(MAX_KEEP_BONUS).round(&roster)?.kept, [PairIds::new("ola", "jan")]);
/// let err = keep(2.0 * MAX_KEEP_BONUS).round(&roster).unwrap_err();
/// assert!(matches!(err, Error::InvalidOption { option: "keep_bonus", .. }));
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const MAX_KEEP_BONUS: f64 = 1e6;

/// [`Error::InvalidOption`] naming `keep_bonus` unless `bonus` is in `[0, MAX_KEEP_BONUS]`.
pub(super) fn check_keep_bonus(bonus: f64) -> Result<()> {
    if (0.0..=MAX_KEEP_BONUS).contains(&bonus) {
        Ok(())
    } else {
        Err(Error::InvalidOption {
            option: "keep_bonus",
            value: bonus.into(),
            expected: "a number from 0 to 1e6 (MAX_KEEP_BONUS)",
        })
    }
}
