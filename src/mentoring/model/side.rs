//! The two sides of a programme.

use crate::support::strict;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which side of the programme a participant is on.
///
/// In reverse mentoring, juniors teach digital skills and seniors teach management insight, but
/// the crate does not assume it: both sides teach what their `skills` say.
///
/// # Examples
///
/// ```
/// use mentor_match::Side;
/// assert_eq!(Side::Junior.other(), Side::Senior);
/// assert_eq!(serde_json::to_string(&Side::Senior).unwrap(), "\"senior\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The younger or less senior side (in reverse mentoring, the digital teachers).
    Junior,
    /// The more senior side (in reverse mentoring, the management teachers).
    Senior,
}

/// How a [`Side`] reads: `"junior"` or `"senior"`, a string only (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Side", rename_all = "lowercase")]
enum SideMirror {
    Junior,
    Senior,
}

impl<'de> Deserialize<'de> for Side {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        strict::named(d, SideMirror::deserialize)
    }
}

impl Side {
    /// The other side.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Side;
    ///
    /// assert_eq!(Side::Senior.other(), Side::Junior);
    /// assert_eq!(Side::Junior.other().other(), Side::Junior);
    /// ```
    pub fn other(self) -> Side {
        match self {
            Side::Junior => Side::Senior,
            Side::Senior => Side::Junior,
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Junior => "junior",
            Side::Senior => "senior",
        })
    }
}
