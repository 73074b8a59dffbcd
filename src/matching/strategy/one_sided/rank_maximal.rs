//! Rank-maximal matchings (Irving, Kavitha, Mehlhorn, Michail & Paluch 2006).

use super::{Applicants, Lists};
use crate::matching::error::Result;
use crate::matching::flow::bipartite;
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::pairing::{Pairing, Strategy};
use crate::matching::strategy::preferences::Preferences;
use std::collections::VecDeque;

const NONE: usize = usize::MAX;

/// A rank-maximal pairing on one side's preferences: the most applicants with their first
/// choice, then the most with their second, and so on (Irving, Kavitha, Mehlhorn, Michail &
/// Paluch 2006; see the [`Applicants`] for applicants, posts and lists). Its *signature*,
/// the applicants' rank profile, is the lexicographically largest of all pairings.
///
/// The algorithm grows one matching rank by rank. After rank `i` it labels every vertex
/// *even*, *odd* or *unreachable* by alternating paths from the free vertices (the
/// Gallai–Edmonds decomposition, here of a bipartite graph); no maximum matching of the edges
/// kept so far leaves an odd or unreachable vertex free, so edges of a later rank at such a
/// vertex, and edges joining two such vertices with an odd one among them, are in no
/// rank-maximal matching and are dropped. The rank-`i + 1` edges that remain are added and the
/// matching is grown to a maximum one (Hopcroft–Karp), which keeps every count already reached.
///
/// Of several rank-maximal pairings it returns the one this process finds, the same on every
/// run. Posts' utilities play no part.
///
/// # Complexity
///
/// `O(nm log m)` for the preference lists, then for `r` ranks (the longest list) `O(r · E √V)`
/// at worst for `E ≤ nm` allowed pairs and `V = n + m`.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Applicants, RankMaximal, Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // Junior 0 likes seniors 0 then 1, junior 1 seniors 0 then 1, junior 2 only senior 1.
/// let mut scores = PairScores::new(3, 2, vec![0.9, 0.8, 0.9, 0.1, 0.0, 0.7], vec![0.5; 6])?;
/// scores.forbid(2, 0)?;
/// let pairing = RankMaximal::new(Applicants::Juniors).pair(&scores)?;
/// // Two first choices are possible: junior 0 or 1 with senior 0, junior 2 with senior 1.
/// assert_eq!(pairing.pairs(), &[(0, 0), (2, 1)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankMaximal {
    applicants: Applicants,
}

impl RankMaximal {
    /// A rank-maximal pairing on `applicants`' preferences.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Applicants, RankMaximal, Strategy};
    /// use mentor_match::PairScores;
    ///
    /// // Both juniors want senior 0 first; junior 1 may not have senior 1. Senior 0 goes to
    /// // junior 1, so junior 0 gets its second choice instead of nobody. (Seniors' gains: unused.)
    /// let mut scores = PairScores::new(2, 2, vec![0.9, 0.5, 0.8, 0.4], vec![0.0; 4])?;
    /// scores.forbid(1, 1)?;
    /// let juniors = RankMaximal::new(Applicants::Juniors);
    /// assert_eq!(juniors.name(), "rank_maximal_juniors");
    /// assert_eq!(juniors.pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(applicants: Applicants) -> Self {
        RankMaximal { applicants }
    }

    /// The side whose preferences count.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Applicants, RankMaximal};
    ///
    /// assert_eq!(RankMaximal::new(Applicants::Seniors).applicants(), Applicants::Seniors);
    /// ```
    pub fn applicants(&self) -> Applicants {
        self.applicants
    }
}

impl Strategy for RankMaximal {
    fn name(&self) -> &str {
        match self.applicants {
            Applicants::Juniors => "rank_maximal_juniors",
            Applicants::Seniors => "rank_maximal_seniors",
        }
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let prefs = Preferences::induced(scores);
        let lists = Lists::new(&prefs, self.applicants);
        Pairing::new(scores, lists.pairs(&rank_maximal(&lists)))
    }
}

/// How alternating paths from the free vertices reach a vertex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Even,
    Odd,
    Unreachable,
}

/// A rank-maximal matching of `lists`: the post of each applicant (`usize::MAX` for none).
fn rank_maximal(lists: &Lists<'_>) -> Vec<usize> {
    let (applicants, posts) = (lists.applicants(), lists.posts());
    let ranks = (0..applicants)
        .map(|a| lists.list(a).len())
        .max()
        .unwrap_or(0);
    // The edges kept so far, per applicant; vertices whose later-rank edges are dropped.
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); applicants];
    let mut applicant_closed = vec![false; applicants];
    let mut post_closed = vec![false; posts];
    let mut post_of = vec![NONE; applicants];
    let mut holder = vec![NONE; posts];
    for rank in 0..ranks {
        for a in 0..applicants {
            if let Some(&p) = lists.list(a).get(rank)
                && !applicant_closed[a]
                && !post_closed[p]
            {
                kept[a].push(p);
            }
        }
        let mut start = Vec::with_capacity(applicants + 1);
        let mut targets = Vec::new();
        start.push(0);
        for edges in &kept {
            targets.extend_from_slice(edges);
            start.push(targets.len());
        }
        let graph = bipartite::Graph {
            right: posts,
            start: &start,
            targets: &targets,
        };
        bipartite::grow_matching(&graph, &mut post_of, &mut holder);
        if rank + 1 == ranks {
            break;
        }
        let (applicant_label, post_label) = labels(&kept, posts, &post_of, &holder);
        let odd_or_unreachable = |l: Label| l != Label::Even;
        for a in 0..applicants {
            applicant_closed[a] |= odd_or_unreachable(applicant_label[a]);
        }
        for p in 0..posts {
            post_closed[p] |= odd_or_unreachable(post_label[p]);
        }
        // Drop the odd–odd and odd–unreachable edges.
        for (a, edges) in kept.iter_mut().enumerate() {
            let la = applicant_label[a];
            edges.retain(|&p| {
                let lp = post_label[p];
                !(odd_or_unreachable(la)
                    && odd_or_unreachable(lp)
                    && (la == Label::Odd || lp == Label::Odd))
            });
        }
    }
    post_of
}

/// The label of every applicant and post in the graph `kept` under the maximum matching
/// (`post_of`, `holder`): even or odd when an alternating path of that parity from a free
/// vertex reaches it, unreachable otherwise. Breadth-first from every free vertex of both
/// sides at once; in a bipartite graph under a maximum matching no vertex is both.
fn labels(
    kept: &[Vec<usize>],
    posts: usize,
    post_of: &[usize],
    holder: &[usize],
) -> (Vec<Label>, Vec<Label>) {
    let applicants = kept.len();
    // The posts' edges back to the applicants.
    let mut back: Vec<Vec<usize>> = vec![Vec::new(); posts];
    for (a, edges) in kept.iter().enumerate() {
        for &p in edges {
            back[p].push(a);
        }
    }
    let mut applicant_label = vec![Label::Unreachable; applicants];
    let mut post_label = vec![Label::Unreachable; posts];
    // Vertices as `a` (applicants) and `applicants + p` (posts).
    let mut queue = VecDeque::new();
    for a in 0..applicants {
        if post_of[a] == NONE {
            applicant_label[a] = Label::Even;
            queue.push_back(a);
        }
    }
    for p in 0..posts {
        if holder[p] == NONE {
            post_label[p] = Label::Even;
            queue.push_back(applicants + p);
        }
    }
    while let Some(v) = queue.pop_front() {
        if v < applicants {
            let a = v;
            if applicant_label[a] == Label::Even {
                // Along unmatched edges to odd posts, then their matched edge to even applicants.
                for &p in &kept[a] {
                    if post_label[p] == Label::Unreachable {
                        post_label[p] = Label::Odd;
                        let h = holder[p];
                        if h != NONE && applicant_label[h] == Label::Unreachable {
                            applicant_label[h] = Label::Even;
                            queue.push_back(h);
                        }
                    }
                }
            }
        } else {
            let p = v - applicants;
            if post_label[p] == Label::Even {
                for &a in &back[p] {
                    if applicant_label[a] == Label::Unreachable {
                        applicant_label[a] = Label::Odd;
                        let q = post_of[a];
                        if q != NONE && post_label[q] == Label::Unreachable {
                            post_label[q] = Label::Even;
                            queue.push_back(applicants + q);
                        }
                    }
                }
            }
        }
    }
    (applicant_label, post_label)
}
