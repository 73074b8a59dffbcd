//! Finding a pair's people in the roster by id, on the side the pair names them.

use super::spec::PairIds;
use crate::mentoring::error::{Error, Result};
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{ParticipantId, Roster, Side};

/// The participant `id` on `side`: `None` when not in the roster, [`Error::WrongSide`] (in
/// `context`) when on the other side.
pub(super) fn find_on_side(
    roster: &Roster,
    id: &str,
    side: Side,
    context: &'static str,
) -> Result<Option<ParticipantId>> {
    match roster.find(id) {
        Some(p) if roster.side(p) != side => Err(Error::WrongSide {
            id: id.to_owned(),
            expected: side,
            context,
        }),
        found => Ok(found),
    }
}

/// Both of a pair's lookups, or the mistakes of both: a pair with two mistakes reports both.
pub(super) fn both<J, S>(junior: Result<J>, senior: Result<S>) -> Result<(J, S)> {
    match (junior, senior) {
        (Ok(j), Ok(s)) => Ok((j, s)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(a), Err(b)) => {
            let mut found = Mistakes::new();
            found.push(a);
            Err(found.and(b))
        }
    }
}

/// A pair's people, checked to exist and to be on the right sides.
pub(super) fn resolve(
    roster: &Roster,
    pair: &PairIds,
    context: &'static str,
) -> Result<(ParticipantId, ParticipantId)> {
    let known = |id: &str, side: Side| {
        find_on_side(roster, id, side, context)?.ok_or_else(|| Error::UnknownParticipant {
            id: id.to_owned(),
            context,
        })
    };
    both(
        known(&pair.junior, Side::Junior),
        known(&pair.senior, Side::Senior),
    )
}
