//! [`Matcher::solve`]: the roster to a matching, by the dense or the sparse method.

use super::builder::Matcher;
use super::method::{Method, SPARSE_ABOVE};
use super::result::Matching;
use crate::mentoring::error::Result;
use crate::mentoring::model::{ParticipantId, Roster};

impl Matcher {
    /// Matches the roster: the optimal pairs under the objective, each with its score and
    /// lessons, and everyone unmatched with the reason.
    ///
    /// # Dense or sparse
    ///
    /// The [`Method`] decides (by default, the roster's size). The dense method scores every
    /// pair and solves exactly on the full matrix. The sparse method solves exactly on the
    /// [candidate graph](crate::candidates) instead:
    ///
    /// 1. each available participant's best
    ///    [`candidates_per_person`](Self::with_candidates_per_person) partners;
    /// 2. widened while a matching of the graph leaves people out on both sides: each of them
    ///    is searched again among the people left out on the other side (their best partners
    ///    among the most promising: the search stops `8 × candidates_per_person` people after
    ///    their list is full, since these lists only have to join people left out),
    ///    until no two people left out can be paired (first on maximum matchings, then on the
    ///    optimum itself);
    /// 3. the optimum of that graph under the objective, by the sparse engine
    ///    ([`solve_sparse`](crate::assignment::solve_sparse));
    /// 4. then, while the optimum leaves people out on both sides, each of them gets twice as
    ///    many candidates among everyone (two people left out who cannot pair may both be
    ///    matched through swaps with people already matched), and the graph is solved again
    ///    from the last solve's prices, until a round adds no candidate or their lists are
    ///    complete.
    ///
    /// Under capacities (someone takes several partners), everyone's list first grows to
    /// `candidates_per_person` times their capacity, step 2 runs on the optimum, and step 3
    /// is the many-to-many optimum of the graph with the dense method's objective and
    /// [spreading](Self::with_spreading) ([`capacitated`](crate::capacitated)'s network on
    /// the graph's edges alone); "left out" means "with room for another partner", and once
    /// the people with room cannot pair with each other, everyone a chain of swaps along the
    /// graph could leave with room is searched among the others of that kind (an edge between
    /// two of them lets the matching grow), as one to one.
    ///
    /// With [`Guarantee::EveryPair`](crate::Guarantee::EveryPair), the optimum
    /// is then priced against every pair outside the graph and solved again with the pairs
    /// that could improve it, until none can: the result is the dense optimum.
    ///
    /// So nobody is left out who could pair with someone else left out. Without the every-pair
    /// guarantee the result can fall short of the dense optimum where the optimum needs a pair
    /// outside everyone's best lists (on generated rosters of 2,000 + 2,000, seeds 1 to 3, by
    /// up to 0.008 % at the default `candidates_per_person`, README); with
    /// `candidates_per_person` at least the larger side it is the dense optimum.
    /// Where several matchings tie for the optimum, the two methods may pick different ones
    /// (each the same one on every run).
    /// Reasons are the dense method's, except that
    /// [`Reason::PartnersTaken`](crate::Reason::PartnersTaken) counts the partners in the graph.
    ///
    /// # Complexity
    ///
    /// Dense: scoring as [`score`](Self::score), then the engine: `O(n² m)` worst case for
    /// `n <= m` available participants a side, far less in practice. Sparse: see
    /// [`crate::candidates`] and [`solve_sparse`](crate::assignment::solve_sparse); memory
    /// `O((J + S) · k)`.
    ///
    /// # Errors
    ///
    /// As [`score`](Self::score), and [`Error::InvalidOption`](crate::Error::InvalidOption) for
    /// an invalid combination; with the sparse method, as [`candidates`](Self::candidates),
    /// and [`Error::SparseUnsupported`](crate::Error::SparseUnsupported) for a strategy or a
    /// minimum number of partners when it is forced.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Reason, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"social-media": 5}, "wishes": {"strategy": 3}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 4}, "wishes": {"social-media": 5}},
    ///     {"id": "ewa", "side": "senior", "capacity": 0}]}"#)?;
    /// let m = Matcher::new().solve(&roster)?;
    /// let pair = m.pair_of("ola").unwrap();
    /// assert_eq!(pair.senior, "jan");
    /// assert_eq!(pair.senior_learns[0].skill, "social-media");
    /// assert_eq!(m.unmatched()[0].reason, Reason::Unavailable);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn solve(&self, roster: &Roster) -> Result<Matching> {
        // The sparse method's options are checked whichever method runs, so a bad value is
        // reported on a small roster too, not first when the roster grows.
        self.check_sparse_options()?;
        if self.solves_sparse(roster) {
            self.solve_sparse(roster)
        } else {
            self.solve_dense(roster)
        }
    }

    /// Whether the method, or for [`Method::Auto`] the roster's size and the options, asks
    /// for the sparse method.
    fn solves_sparse(&self, roster: &Roster) -> bool {
        match self.method {
            Method::Dense => false,
            Method::Sparse => true,
            Method::Auto => {
                let available = |ids: &[ParticipantId]| {
                    ids.iter()
                        .filter(|&&p| roster.participant(p).capacity > 0)
                        .count()
                };
                available(roster.juniors()).saturating_mul(available(roster.seniors()))
                    > SPARSE_ABOVE
                    && self.sparse_scorer(roster).is_ok()
            }
        }
    }
}
