//! Popular matchings under strict preferences (Abraham, Irving, Kavitha & Mehlhorn 2007).

use super::{Applicants, Lists};
use crate::matching::error::{MatrixError, Result};
use crate::matching::flow::bipartite;
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::pairing::{Pairing, Strategy};
use crate::matching::strategy::preferences::Preferences;

const NONE: usize = usize::MAX;

/// A popular pairing on one side's preferences: no other pairing is preferred by more
/// applicants than prefer this one (Abraham, Irving, Kavitha & Mehlhorn 2007; see
/// [`Applicants`] for applicants, posts and lists).
///
/// Each applicant's *f-post* is its first choice; its *s-post* is the first post on its list
/// that is nobody's first choice, or staying unmatched when there is none. A pairing is
/// popular exactly when every f-post is taken and every applicant has its f-post or its s-post
/// (Abraham et al., Theorem 2.5). So the strategy finds a maximum matching of the graph of those
/// two edges per applicant (Hopcroft–Karp); when it cannot give every applicant one of them, no
/// popular pairing exists; otherwise every f-post left free goes to the applicant of lowest
/// index that named it first.
///
/// # Complexity
///
/// `O(nm log m)` for the preference lists, then `O(n + m)` for the f- and s-posts and
/// `O(n √n)` for the matching (two edges per applicant).
///
/// # Errors
///
/// [`MatrixError::NoneExists`] when no popular pairing exists.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Applicants, Popular, Strategy};
/// use mentor_match::{MatrixError, PairScores};
///
/// // Juniors 0 and 1 both put senior 0 first, senior 1 second.
/// let scores = PairScores::new(2, 2, vec![0.9, 0.5, 0.8, 0.4], vec![0.5; 4])?;
/// let popular = Popular::new(Applicants::Juniors).pair(&scores)?;
/// assert_eq!(popular.pairs(), &[(0, 0), (1, 1)]);
///
/// // Three juniors with the same list of three seniors: whatever the pairing, a majority
/// // prefers another one (Abraham et al.'s example), so none is popular.
/// let same = PairScores::new(3, 3, vec![0.9, 0.5, 0.1, 0.9, 0.5, 0.1, 0.9, 0.5, 0.1], vec![0.5; 9])?;
/// assert!(matches!(
///     Popular::new(Applicants::Juniors).pair(&same),
///     Err(MatrixError::NoneExists { .. })
/// ));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Popular {
    applicants: Applicants,
}

impl Popular {
    /// A popular pairing on `applicants`' preferences.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Applicants, Popular, Strategy};
    /// use mentor_match::PairScores;
    ///
    /// // Senior 0 prefers junior 1, senior 1 junior 0; the juniors' gains play no part.
    /// let scores = PairScores::new(2, 2, vec![0.0; 4], vec![0.2, 0.9, 0.8, 0.1])?;
    /// let seniors = Popular::new(Applicants::Seniors);
    /// assert_eq!(seniors.name(), "popular_seniors");
    /// assert_eq!(seniors.pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(applicants: Applicants) -> Self {
        Popular { applicants }
    }

    /// The side whose preferences count.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Applicants, Popular};
    ///
    /// assert_eq!(Popular::new(Applicants::Juniors).applicants(), Applicants::Juniors);
    /// ```
    pub fn applicants(&self) -> Applicants {
        self.applicants
    }
}

impl Strategy for Popular {
    fn name(&self) -> &str {
        match self.applicants {
            Applicants::Juniors => "popular_juniors",
            Applicants::Seniors => "popular_seniors",
        }
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let prefs = Preferences::induced(scores);
        let lists = Lists::new(&prefs, self.applicants);
        let post_of = popular(&lists).ok_or(MatrixError::NoneExists {
            what: "popular pairing",
        })?;
        Pairing::new(scores, lists.pairs(&post_of))
    }
}

/// A popular matching of `lists` (the post of each applicant, `usize::MAX` for none), or
/// `None` when none exists.
fn popular(lists: &Lists<'_>) -> Option<Vec<usize>> {
    let (applicants, posts) = (lists.applicants(), lists.posts());
    let first = |a: usize| lists.list(a).first().copied();
    let mut is_f_post = vec![false; posts];
    for a in 0..applicants {
        if let Some(p) = first(a) {
            is_f_post[p] = true;
        }
    }
    // The reduced graph: each applicant's f-post and s-post, where the s-post "unmatched" is a
    // last-resort vertex of its own (`posts + a`), so that the matching must cover every
    // applicant.
    let mut start = Vec::with_capacity(applicants + 1);
    let mut targets = Vec::with_capacity(2 * applicants);
    start.push(0);
    for a in 0..applicants {
        let list = lists.list(a);
        if let Some(&f) = list.first() {
            targets.push(f);
        }
        let second = list.iter().copied().find(|&p| !is_f_post[p]);
        targets.push(second.unwrap_or(posts + a));
        start.push(targets.len());
    }
    let graph = bipartite::Graph {
        right: posts + applicants,
        start: &start,
        targets: &targets,
    };
    let (size, mut post_of, mut holder) = bipartite::maximum_matching(&graph);
    if size < applicants {
        return None;
    }
    // Every f-post must be taken: a free one goes to the first applicant that named it first,
    // who now holds its s-post (the only other post it can hold). With this Hopcroft–Karp,
    // which tries each applicant's f-post first and never frees a taken post, none is left
    // free; the step stays so that the result rests on the theorem, not on that order.
    for a in 0..applicants {
        if let Some(f) = first(a)
            && holder[f] == NONE
        {
            holder[post_of[a]] = NONE;
            post_of[a] = f;
            holder[f] = a;
        }
    }
    // Last resorts are staying unmatched.
    for p in &mut post_of {
        if *p >= posts {
            *p = NONE;
        }
    }
    Some(post_of)
}
