//! Pairings judged by one side's preferences alone: rank-maximal ([`RankMaximal`]) and popular
//! ([`Popular`]) matchings.
//!
//! Here one side, the *applicants* ([`Applicants`]), ranks the other, the *posts*, by the
//! induced strict lists of [`Preferences`] (own utility, ties to the lower index, forbidden
//! partners unacceptable); the posts' own utilities play no part. An unmatched applicant is
//! worse off than with any post on its list. Both notions come from the house allocation
//! literature:
//!
//! - **Rank-maximal** (Irving, Kavitha, Mehlhorn, Michail & Paluch 2006): the largest number of
//!   applicants with their first choice, then with their second, and so on: the lexicographically
//!   largest *signature*, the applicants' rank profile
//!   ([`junior_rank_profile`](crate::metrics::Report::junior_rank_profile) for juniors). One
//!   always exists.
//! - **Popular** (Abraham, Irving, Kavitha & Mehlhorn 2007): no other pairing is preferred by
//!   more applicants than prefer this one. One may not exist; then the strategy says so
//!   ([`MatrixError::NoneExists`](crate::MatrixError::NoneExists)).
//!
//! # References
//!
//! - R. W. Irving, T. Kavitha, K. Mehlhorn, D. Michail, K. Paluch (2006), *Rank-maximal
//!   matchings*, ACM Transactions on Algorithms 2(4), 602–610.
//! - D. J. Abraham, R. W. Irving, T. Kavitha, K. Mehlhorn (2007), *Popular matchings*, SIAM
//!   Journal on Computing 37(4), 1030–1045.

mod popular;
mod rank_maximal;

pub use popular::Popular;
pub use rank_maximal::RankMaximal;

use crate::matching::strategy::preferences::Preferences;

/// The side whose preferences count in [`RankMaximal`] and [`Popular`]: its members are the
/// *applicants*, the other side's the *posts*.
///
/// Each applicant ranks the posts by the induced strict lists of
/// [`Preferences`](crate::strategy::Preferences) (its own utility, ties to the lower index,
/// forbidden partners unacceptable); the posts' utilities play no part, and an unmatched
/// applicant is worse off than with any post on its list (the house allocation model of
/// Abraham, Irving, Kavitha & Mehlhorn 2007).
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Applicants, RankMaximal, Strategy};
///
/// assert_eq!(RankMaximal::new(Applicants::Seniors).name(), "rank_maximal_seniors");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicants {
    /// The juniors rank the seniors.
    Juniors,
    /// The seniors rank the juniors.
    Seniors,
}

/// The applicants' lists, as compressed rows over the posts, and how many posts there are.
pub(super) struct Lists<'a> {
    prefs: &'a Preferences,
    applicants: Applicants,
}

impl<'a> Lists<'a> {
    pub(super) fn new(prefs: &'a Preferences, applicants: Applicants) -> Self {
        Lists { prefs, applicants }
    }

    /// Number of applicants.
    pub(super) fn applicants(&self) -> usize {
        match self.applicants {
            Applicants::Juniors => self.prefs.juniors(),
            Applicants::Seniors => self.prefs.seniors(),
        }
    }

    /// Number of posts.
    pub(super) fn posts(&self) -> usize {
        match self.applicants {
            Applicants::Juniors => self.prefs.seniors(),
            Applicants::Seniors => self.prefs.juniors(),
        }
    }

    /// Applicant `a`'s posts, most preferred first.
    pub(super) fn list(&self, a: usize) -> &'a [usize] {
        match self.applicants {
            Applicants::Juniors => self.prefs.junior_list(a),
            Applicants::Seniors => self.prefs.senior_list(a),
        }
    }

    /// The `(junior, senior)` pairs of applicant-to-post partners (`usize::MAX` for none).
    pub(super) fn pairs(&self, post_of: &[usize]) -> Vec<(usize, usize)> {
        post_of
            .iter()
            .enumerate()
            .filter(|(_, p)| **p != usize::MAX)
            .map(|(a, &p)| match self.applicants {
                Applicants::Juniors => (a, p),
                Applicants::Seniors => (p, a),
            })
            .collect()
    }
}
