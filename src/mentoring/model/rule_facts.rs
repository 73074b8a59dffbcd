//! What the built-in rules read of each participant, in one small record per person.
//!
//! The candidate search asks the rules of many pairs, each with someone anywhere in the
//! roster. Read from each person's full record (their spec, their list of languages) a rule
//! check waited on memory three or four times; from here it waits once, and the records of a
//! 200,000 + 200,000 roster take 16 MB rather than hundreds.

use super::ParticipantId;

/// A participant's manager, department, experience and languages, as the rules read them.
#[derive(Debug, Clone, Copy)]
pub(super) struct RuleFacts {
    /// Their direct manager, when the manager is in the roster.
    pub(super) manager: Option<ParticipantId>,
    /// Their department, interned.
    pub(super) department: Option<u32>,
    /// Their years of experience, as given.
    pub(super) experience_years: Option<f64>,
    /// The languages they list.
    pub(super) languages: LanguageSet,
}

/// A set of interned language ids as a bit set of the first 63 ids, with one more bit for
/// "some id from 63 on": rosters rarely list more languages than that, and then whether two
/// people share one is a single `and`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LanguageSet(u64);

/// The bit that stands for every id from 63 on.
const BEYOND: u64 = 1 << 63;

impl LanguageSet {
    /// The set of `ids`.
    pub(super) fn of(ids: &[u32]) -> LanguageSet {
        LanguageSet(
            ids.iter()
                .fold(0, |set, &id| set | if id < 63 { 1 << id } else { BEYOND }),
        )
    }

    /// Whether no language is listed.
    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the two sets share a language, when the bits can tell: `None` when both hold
    /// ids from 63 on and share none below (the lists must be compared).
    pub(super) fn shares(self, other: LanguageSet) -> Option<bool> {
        if self.0 & other.0 & !BEYOND != 0 {
            Some(true)
        } else if (self.0 & other.0) & BEYOND == 0 {
            Some(false)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whenever the bits tell, they tell what comparing the lists tells; they tell unless
        /// both lists hold an id from 63 on and share none below it.
        #[test]
        fn shares_agrees_with_the_lists(
            a in proptest::collection::btree_set(0u32..80, 0..6),
            b in proptest::collection::btree_set(0u32..80, 0..6),
        ) {
            let (x, y) = (LanguageSet::of(&a.iter().copied().collect::<Vec<_>>()),
                          LanguageSet::of(&b.iter().copied().collect::<Vec<_>>()));
            prop_assert_eq!(x.is_empty(), a.is_empty());
            let common = a.intersection(&b).next().is_some();
            let small_common = a.intersection(&b).any(|&id| id < 63);
            let both_beyond = a.iter().any(|&id| id >= 63) && b.iter().any(|&id| id >= 63);
            match x.shares(y) {
                Some(told) => prop_assert_eq!(told, common),
                None => prop_assert!(both_beyond && !small_common),
            }
        }
    }
}
