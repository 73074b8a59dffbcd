//! Candidate graphs: each participant's best `k` partners, found without scoring every pair.
//!
//! At 100,000 juniors and 100,000 seniors a dense score matrix holds 10^10 pairs. Most of them
//! are useless, and a participant's optimal partner is almost always among their best few, so
//! the matcher can solve on a sparse *candidate graph* instead: every pair that is among the
//! `k` best of either partner. [`CandidateGraph`] is that graph, with both directions of
//! benefit on each edge; [`Matcher::candidates`](crate::Matcher::candidates) builds it.
//!
//! # How the best `k` are found
//!
//! The search is exact for the [`MutualBenefit`] scorer: each participant's list holds `k`
//! partners of the highest pair score among those the [rules](crate::rules) allow (fewer when
//! fewer score above 0), without scoring most pairs. It rests on one fact about the scorer:
//! what a learner gains from a teacher depends on the learner only through their *learning
//! profile*, the list of their wishes with each wish's priority and the learner's own level in
//! it. Real and synthetic rosters have far fewer profiles than people (about 3,600 on each side
//! of a 100,000 + 100,000 [population](crate::generate::Population)), so:
//!
//! 1. **Index.** Each side is grouped by learning profile (an inverted index from profiles, and
//!    through them from wished skills, to people), and the highest level anyone on the side
//!    holds in each skill is noted.
//! 2. **Order.** For a participant `p`, what each profile class `c` on the other side learns
//!    from `p` is one number `a(c)`, the same for all of `c`'s members. What `p` learns from
//!    anyone is at most `b*`, what they would learn from someone holding the side's top level
//!    in every skill. Pair scores grow with both directions, so `combine(a(c), b*)` bounds the
//!    score of every pair of `p` with a member of `c`; classes are visited by that bound, the
//!    highest first.
//! 3. **Scan.** Each visited member passes the rules, is scored, and enters `p`'s best `k`.
//!    The search stops as soon as `p` has `k` partners whose lowest score is at least the
//!    bound of everything not yet visited: nobody left can do better.
//!
//! **Ties.** Among partners of equal score, the one visited first is kept. Classes that learn
//! equally from `p` are visited in an order scrambled by `p`'s position, and the members of a
//! class from a starting point scrambled the same way, so participants with equal options spread over
//! all their equally good partners instead of crowding the first few in the roster. The
//! scrambling is a fixed function of positions (a SplitMix64 finaliser): the same roster gives
//! the same graph on every run and platform. The spread is by class, not by member: a class of
//! one is visited first as often as a class of thousands, so its member is on more lists, and
//! the more so the larger the roster (the widening's docs in the matcher say what that does to
//! the people left out, and BENCHMARKS.md measures it).
//!
//! **Complete lists.** A list is *complete* when the search visited every partner who could
//! score above 0, so nobody was cut off: the participant's every useful pair is in the graph.
//! `k` at least the other side's size gives complete lists, and then the graph holds every
//! allowed pair of positive score: the sparse optimum is the dense one.
//!
//! # Complexity
//!
//! Indexing is `O((J + S) · w)` for `w` wishes a person. What a class learns from `p` depends
//! on `p` only through `p`'s levels, so the classes of the other side are weighed once per
//! group of people with equal levels (about 8,000 groups a side at 100,000 + 100,000), from a
//! table of what `p` teaches for each wish and level: `O(C · w)` per group for `C` classes,
//! sorted only as far as the group's searches go. Each search then costs the members it scans,
//! and stops as soon as its best `k` reach the bound. Searches run on several threads
//! ([`Matcher::with_threads`](crate::Matcher::with_threads)); the result does not depend on
//! how many. At 100,000 + 100,000 all 200,000 searches took 1.2–1.4 s on two cores
//! (BENCHMARKS.md).
//!
//! # Examples
//!
//! ```
//! use mentor_match::{Matcher, Roster};
//!
//! let roster = Roster::from_json(r#"{"participants": [
//!     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"strategy": 3}},
//!     {"id": "kai", "side": "junior", "skills": {"social-media": 4}},
//!     {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "wishes": {"cloud-tools": 4}},
//!     {"id": "eva", "side": "senior", "wishes": {"social-media": 4}}]}"#)?;
//! let graph = Matcher::new().with_candidates_per_person(1).candidates(&roster)?;
//! // Ola and Jan teach each other; Kai teaches Eva. No other pair scores above 0: Jan wishes
//! // cloud tools, which Kai does not hold, and Kai wishes nothing.
//! assert_eq!(graph.edges(), 2);
//! let (senior, edge) = graph.partners(0).next().unwrap();
//! assert_eq!(roster.id(graph.seniors()[senior]), "jan");
//! assert_eq!((edge.junior_gain, edge.senior_gain), (1.0, 1.0));
//! # Ok::<(), mentor_match::Error>(())
//! ```

use crate::matching::assignment::SparseMatrix;
use crate::matching::assignment::split::split_rows;
use crate::matching::error::MatrixError;
use crate::matching::memory;
use crate::matching::pair_scores::Combination;
use crate::mentoring::error::Result;
use crate::mentoring::model::{ParticipantId, Roster, Side, SkillId};
use crate::mentoring::rules::Rules;
use crate::mentoring::score::MutualBenefit;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, TryReserveError};

mod order;
mod pricing;

use order::ClassOrder;

pub(crate) use pricing::{Level, Prices};

/// The default number of candidates each participant brings to the graph.
///
/// On synthetic populations of 1,000 + 1,000 to 5,000 + 5,000 (seed 1, BENCHMARKS.md) the
/// sparse optimum at this `k` equalled the dense one (from `k` = 8 at 1,000 and 2,000 a side,
/// from 16 at 5,000); on seeds 2 and 3 at 2,000 + 2,000 it was 0.008 % and 0.004 % below it,
/// and more lists do not steadily close the gap: at `k` = 32, 0.020 % and 0.096 % below.
/// [`Guarantee::EveryPair`](crate::Guarantee::EveryPair) closes such gaps.
///
/// # Examples
///
/// ```
/// use mentor_match::Matcher;
/// use mentor_match::candidates::DEFAULT_CANDIDATES;
/// use mentor_match::generate::Population;
///
/// let roster = Population::new(40, 40).with_seed(5).roster()?;
/// let graph = Matcher::new().candidates(&roster)?;
/// let same = Matcher::new()
///     .with_candidates_per_person(DEFAULT_CANDIDATES)
///     .candidates(&roster)?;
/// assert_eq!(graph.edges(), same.edges());
/// assert!(graph.edges() <= DEFAULT_CANDIDATES * (40 + 40));
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const DEFAULT_CANDIDATES: usize = 16;

/// One edge of a [`CandidateGraph`]: both directions of benefit and the pair score.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let graph = Matcher::new().candidates(&roster)?;
/// let (_, edge) = graph.partners(0).next().unwrap();
/// assert_eq!((edge.junior_gain, edge.senior_gain), (0.0, 1.0));
/// assert!(edge.score > 0.0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Edge {
    /// What the junior gains from the senior, in `[0, 1]`.
    pub junior_gain: f64,
    /// What the senior gains from the junior, in `[0, 1]`.
    pub senior_gain: f64,
    /// The combined pair score, above 0.
    pub score: f64,
}

/// What a slot of the gathered pairs holds until its pair is written there (every slot is
/// written before anything reads it).
const UNWRITTEN: Edge = Edge {
    junior_gain: 0.0,
    senior_gain: 0.0,
    score: 0.0,
};

/// A sparse candidate graph on a roster's available juniors × available seniors: the pairs
/// that are among the best `k` of either partner, each allowed by the rules and of positive
/// score.
///
/// Rows are juniors and columns seniors by position in [`juniors`](Self::juniors) and
/// [`seniors`](Self::seniors) (the roster's participants of capacity at least 1, in roster
/// order), as in [`RosterScores`](crate::RosterScores). See the [module docs](self) for how
/// the candidates are found.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::Population;
/// use mentor_match::Matcher;
///
/// let roster = Population::new(300, 300).with_seed(2).roster()?;
/// let graph = Matcher::new().with_candidates_per_person(4).candidates(&roster)?;
/// assert!(graph.edges() <= 4 * (300 + 300));
/// // Each junior's best 4 are in it (fewer when fewer score above 0).
/// assert!((0..300).all(|j| graph.partners(j).count() >= 4 || graph.is_complete_junior(j)));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CandidateGraph {
    juniors: Vec<ParticipantId>,
    seniors: Vec<ParticipantId>,
    /// The pair scores as the engine's weight matrix: junior row `r`'s edges are its cells,
    /// by increasing senior. The solver borrows it as it is (a copy took 135 MB at 200,000 +
    /// 200,000, held through the solve and its certificate).
    scores: SparseMatrix<f64>,
    /// Each edge's gains, the junior's then the senior's, in the matrix's order of cells.
    gains: Vec<[f64; 2]>,
    /// Per junior, then per senior: whether their search saw every useful partner.
    complete: Vec<bool>,
}

impl CandidateGraph {
    /// The available juniors, in roster order: the rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(40, 30).with_seed(3).roster()?;
    /// let graph = Matcher::new().with_candidates_per_person(3).candidates(&roster)?;
    /// assert_eq!(graph.juniors().len(), 40);
    /// assert_eq!(graph.seniors().len(), 30);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> &[ParticipantId] {
        &self.juniors
    }

    /// The available seniors, in roster order: the columns. See [`juniors`](Self::juniors)
    /// for an example.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}},
    ///     {"id": "eva", "side": "senior", "capacity": 0}]}"#)?;
    /// let graph = Matcher::new().candidates(&roster)?;
    /// // Eva is not available this round: she is no column.
    /// assert_eq!(graph.seniors(), [roster.find("jan").unwrap()]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> &[ParticipantId] {
        &self.seniors
    }

    /// The number of edges.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(40, 30).with_seed(3).roster()?;
    /// let graph = Matcher::new().with_candidates_per_person(3).candidates(&roster)?;
    /// let counted: usize = (0..40).map(|j| graph.partners(j).count()).sum();
    /// assert_eq!(graph.edges(), counted);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn edges(&self) -> usize {
        self.scores.nnz()
    }

    /// The edge held at position `k` of the matrix's cells.
    fn edge_at(&self, k: usize) -> Edge {
        let [junior_gain, senior_gain] = self.gains[k];
        Edge {
            junior_gain,
            senior_gain,
            score: self.scores.values()[k],
        }
    }

    /// The candidate partners of junior row `junior`: `(senior column, edge)` by increasing
    /// column. Empty for a row out of range.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(40, 30).with_seed(3).roster()?;
    /// let graph = Matcher::new().with_candidates_per_person(3).candidates(&roster)?;
    /// let seniors: Vec<usize> = graph.partners(0).map(|(s, _)| s).collect();
    /// assert!(seniors.windows(2).all(|w| w[0] < w[1]));
    /// assert!(graph.partners(0).all(|(_, e)| e.score > 0.0));
    /// assert_eq!(graph.partners(40).count(), 0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn partners(&self, junior: usize) -> impl Iterator<Item = (usize, Edge)> + '_ {
        let range = if junior < self.juniors.len() {
            self.scores.row_range(junior)
        } else {
            0..0
        };
        let (_, senior, _) = self.scores.csr();
        range.map(move |k| (senior[k] as usize, self.edge_at(k)))
    }

    /// The edge between junior row `junior` and senior column `senior`, if it is in the graph.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(40, 30).with_seed(3).roster()?;
    /// let graph = Matcher::new().with_candidates_per_person(3).candidates(&roster)?;
    /// for (senior, edge) in graph.partners(0) {
    ///     assert_eq!(graph.edge(0, senior), Some(edge));
    /// }
    /// assert_eq!(graph.edge(0, 30), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn edge(&self, junior: usize, senior: usize) -> Option<Edge> {
        if junior >= self.juniors.len() {
            return None;
        }
        let senior = u32::try_from(senior).ok()?;
        let range = self.scores.row_range(junior);
        let k = self.scores.csr().1[range.clone()]
            .binary_search(&senior)
            .ok()?;
        Some(self.edge_at(range.start + k))
    }

    /// Whether junior row `junior`'s search saw every senior with whom they could score above
    /// 0, so all their useful pairs are in the graph.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(40, 30).with_seed(3).roster()?;
    /// // With room for every senior, every junior's search sees them all.
    /// let wide = Matcher::new().with_candidates_per_person(30).candidates(&roster)?;
    /// assert!((0..40).all(|j| wide.is_complete_junior(j)));
    /// assert!(!wide.is_complete_junior(40)); // out of range
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn is_complete_junior(&self, junior: usize) -> bool {
        junior < self.juniors.len() && self.complete[junior]
    }

    /// Whether senior column `senior`'s search saw every junior with whom they could score
    /// above 0. See [`is_complete_junior`](Self::is_complete_junior) for an example.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Matcher;
    /// use mentor_match::generate::Population;
    ///
    /// let roster = Population::new(30, 40).with_seed(3).roster()?;
    /// // With room for every junior, every senior's search sees them all.
    /// let wide = Matcher::new()
    ///     .with_candidates_per_person(30)
    ///     .candidates(&roster)?;
    /// assert!((0..40).all(|s| wide.is_complete_senior(s)));
    /// assert!(!wide.is_complete_senior(40)); // out of range
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn is_complete_senior(&self, senior: usize) -> bool {
        senior < self.seniors.len() && self.complete[self.juniors.len() + senior]
    }

    /// The graph as compressed adjacency rows, for Hopcroft–Karp.
    pub(crate) fn adjacency(&self) -> (&[usize], &[u32]) {
        let (start, senior, _) = self.scores.csr();
        (start, senior)
    }

    /// The pair scores as the engine's weight matrix, lent rather than copied: see
    /// [`weights`](Self::weights).
    pub(crate) fn scores(&self) -> &SparseMatrix<f64> {
        &self.scores
    }

    /// The pair scores as a sparse weight matrix for the engine (maximise):
    /// [`solve_sparse`](crate::assignment::solve_sparse) on it gives the best pairs of the
    /// graph.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve_sparse, Options, Sense};
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(50, 50).with_seed(1).roster()?;
    /// let graph = Matcher::new().candidates(&roster)?;
    /// let best = solve_sparse(&graph.weights(), Options::new(Sense::Maximize))?;
    /// assert!(best.pairs().len() >= 40);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn weights(&self) -> SparseMatrix<f64> {
        self.scores.clone()
    }
}

/// Progress of a long run, passed to the callback of
/// [`Matcher::with_progress`](crate::Matcher::with_progress).
///
/// # Examples
///
/// ```
/// use mentor_match::candidates::{Phase, Progress};
///
/// let p = Progress { phase: Phase::Candidates, done: 250, total: 1000 };
/// assert_eq!(p.fraction(), 0.25);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The phase running.
    pub phase: Phase,
    /// Units of the phase done.
    pub done: usize,
    /// Units of the phase in all: participants for searches, rows of the candidate graph for
    /// solving, pairs and participants for explanations.
    pub total: usize,
}

impl Progress {
    /// `done / total`, in `[0, 1]` (1 for an empty phase).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::candidates::{Phase, Progress};
    ///
    /// let half = Progress {
    ///     phase: Phase::Solving,
    ///     done: 3,
    ///     total: 6,
    /// };
    /// assert_eq!(half.fraction(), 0.5);
    /// // An empty phase is complete.
    /// let empty = Progress {
    ///     phase: Phase::Explaining,
    ///     done: 0,
    ///     total: 0,
    /// };
    /// assert_eq!(empty.fraction(), 1.0);
    /// ```
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// The phases of a matching, in order: with the sparse method candidates, widening, solving
/// (widening may repeat with solving) and explaining; with the dense method scoring, solving
/// and explaining.
///
/// # Examples
///
/// ```
/// use mentor_match::candidates::Phase;
/// use mentor_match::generate::Population;
/// use mentor_match::{Matcher, Method};
/// use std::sync::{Arc, Mutex};
///
/// let phases = Arc::new(Mutex::new(Vec::new()));
/// let log = Arc::clone(&phases);
/// let roster = Population::new(60, 60).with_seed(4).roster()?;
/// Matcher::new()
///     .with_method(Method::Sparse)
///     .with_progress(move |p| {
///         let mut seen = log.lock().unwrap();
///         if seen.last() != Some(&p.phase) {
///             seen.push(p.phase);
///         }
///     })
///     .solve(&roster)?;
/// let phases = phases.lock().unwrap();
/// assert_eq!(phases.first(), Some(&Phase::Candidates));
/// assert_eq!(phases.get(1), Some(&Phase::Solving));
/// assert_eq!(phases.last(), Some(&Phase::Explaining));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Phase {
    /// Scoring every pair (the dense method), in juniors scored.
    Scoring,
    /// Indexing the roster and searching each participant's candidates.
    Candidates,
    /// Solving the assignment: on the candidate graph in rows settled; with the dense method
    /// in rows of the matrix settled under the default strategy (the kernel may run twice when
    /// fewer can be paired than there are, and then starts again from 0), or from 0 to 1
    /// under another strategy or capacities.
    Solving,
    /// Searching again, with a wider `k`, for the unmatched whose lists were cut short.
    Widening,
    /// Checking every pair outside the candidate graph against the optimum's prices (the
    /// sparse method with [`Guarantee::EveryPair`](crate::Guarantee::EveryPair)), in juniors
    /// checked; pairs that could improve it join the graph, which is solved again.
    Pricing,
    /// Explaining the pairs and the unmatched.
    Explaining,
}

/// The rest of the search's inputs: how to score, what the rules forbid, how to combine.
pub(crate) struct Search<'a> {
    pub roster: &'a Roster,
    pub scorer: &'a MutualBenefit,
    pub rules: &'a Rules,
    pub combination: Combination,
    pub threads: usize,
}

/// Some people of one side, grouped by learning profile: the index a search walks.
struct Classes {
    /// Members of class `c` (positions on their side) are `members[start[c]..start[c + 1]]`,
    /// in roster order.
    start: Vec<usize>,
    members: Vec<u32>,
    /// Each member's participant id, in the order of `members`. A search asks the rules of
    /// the members it visits and fetches their rule records ahead: read from here in turn,
    /// where each was read from the side's list anywhere (at 200,000 + 200,000, once the rule
    /// records were fetched ahead, a third of the search loop's samples waited on that read).
    people: Vec<ParticipantId>,
    /// The levels of each member, in the order of `members`: the `t`-th member's are
    /// `levels[t * skills..(t + 1) * skills]`. What a member teaches is most of a visit, and
    /// a search visits a class's members in turn: it reads their levels from here one after
    /// another rather than each from its place in the roster.
    levels: Vec<u8>,
    /// The highest level anyone indexed holds in each skill.
    top_levels: Vec<u8>,
    /// The highest level a member of class `c` holds in each skill: `class_top[c * skills..]`.
    /// What the best of them could teach bounds a whole class, so a search can pass over a
    /// class whose best could not make its list.
    class_top: Vec<u8>,
    /// The learning profile of class `c` (each wish, its priority and the members' level in
    /// it) is `profiles[profile_start[c]..profile_start[c + 1]]`. Every search weighs every
    /// class by it: read from one flat list in order, rather than from a member's record
    /// anywhere in the roster (at 200,000 + 200,000, over a hundred million weighings).
    profile_start: Vec<usize>,
    profiles: Vec<(SkillId, u8, u8)>,
}

impl Classes {
    /// The index of `side[p]` for every `p` in `positions`, or [`MatrixError::TooLarge`]
    /// when the members' levels (members × skills) or the classes' top levels (classes ×
    /// skills) cannot be allocated.
    fn new(roster: &Roster, side: &[ParticipantId], positions: Vec<u32>) -> Result<Classes> {
        let mut top_levels = vec![0u8; roster.skill_count()];
        let mut ids: HashMap<Vec<(SkillId, u8, u8)>, u32> = HashMap::new();
        let mut class_of = Vec::with_capacity(positions.len());
        let mut key = Vec::new();
        let (mut profile_start, mut profiles) = (vec![0], Vec::new());
        for &k in &positions {
            let p = side[k as usize];
            let levels = roster.levels(p);
            for (top, &l) in top_levels.iter_mut().zip(levels) {
                *top = (*top).max(l);
            }
            key.clear();
            key.extend(
                roster
                    .wishes(p)
                    .iter()
                    .map(|&(w, priority)| (w, priority, levels[w.index()])),
            );
            // Class ids in order of first appearance: independent of the map's hashing.
            let c = match ids.get(&key) {
                Some(&c) => c,
                None => {
                    let c = ids.len() as u32;
                    ids.insert(key.clone(), c);
                    profiles.extend_from_slice(&key);
                    profile_start.push(profiles.len());
                    c
                }
            };
            class_of.push(c);
        }
        let mut start = vec![0usize; ids.len() + 1];
        for &c in &class_of {
            start[c as usize + 1] += 1;
        }
        for c in 0..ids.len() {
            start[c + 1] += start[c];
        }
        let skills = top_levels.len();
        let mut next = start.clone();
        let mut members = vec![0u32; positions.len()];
        let mut member_levels = memory::filled(
            "the candidate index's levels (members x skills)",
            positions.len(),
            skills,
            0u8,
        )?;
        let mut class_top = memory::filled(
            "the candidate index's top levels (classes x skills)",
            ids.len(),
            skills,
            0u8,
        )?;
        for (&k, &c) in positions.iter().zip(&class_of) {
            let c = c as usize;
            let t = next[c];
            next[c] += 1;
            members[t] = k;
            let levels = roster.levels(side[k as usize]);
            member_levels[t * skills..(t + 1) * skills].copy_from_slice(levels);
            let top = &mut class_top[c * skills..(c + 1) * skills];
            for (best, &l) in top.iter_mut().zip(levels) {
                *best = (*best).max(l);
            }
        }
        let people = members.iter().map(|&k| side[k as usize]).collect();
        Ok(Classes {
            start,
            members,
            people,
            levels: member_levels,
            top_levels,
            class_top,
            profile_start,
            profiles,
        })
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// The highest level a member of class `c` holds in each skill.
    fn top_of(&self, c: usize) -> &[u8] {
        let skills = self.top_levels.len();
        &self.class_top[c * skills..(c + 1) * skills]
    }

    /// The members of class `c`, as positions on their side.
    fn members(&self, c: usize) -> &[u32] {
        &self.members[self.start[c]..self.start[c + 1]]
    }

    /// The participant ids of the members of class `c`, in the order of
    /// [`members`](Self::members).
    fn people(&self, c: usize) -> &[ParticipantId] {
        &self.people[self.start[c]..self.start[c + 1]]
    }

    /// The levels of the `t`-th member of class `c` (`members(c)[t]`).
    #[inline]
    fn levels_of(&self, c: usize, t: usize) -> &[u8] {
        let skills = self.top_levels.len();
        let at = self.start[c] + t;
        &self.levels[at * skills..(at + 1) * skills]
    }

    /// The learning profile every member of class `c` shares.
    fn profile(&self, c: usize) -> &[(SkillId, u8, u8)] {
        &self.profiles[self.profile_start[c]..self.profile_start[c + 1]]
    }
}

/// One participant's search result: partners, and whether the list is complete.
struct Found {
    partners: Vec<Partner>,
    complete: bool,
}

/// A partner a search found: their position on the other side, with what each of the two
/// learns from the other as the search scored it. The graph's edges are made from these
/// rather than scored again: scoring a pair reads both people's records from anywhere in the
/// roster, and at 200,000 + 200,000 scoring the first graph's 6.4 million pairs again took
/// 1.2–1.5 s of the candidate phase's 6 s.
#[derive(Clone, Copy)]
struct Partner {
    position: u32,
    /// What the searcher learns from the partner.
    gets: f64,
    /// What the partner learns from the searcher.
    gives: f64,
}

impl Partner {
    /// The edge of this partner with a searcher on `side`: the same, bit for bit, as scoring
    /// the pair anew (the search scores from copies of the same levels and profiles, and
    /// `teaches_profile` is `teaches_levels` bit for bit; a property test checks every edge).
    fn edge(self, side: Side, combination: Combination) -> Edge {
        let (junior_gain, senior_gain) = match side {
            Side::Junior => (self.gets, self.gives),
            Side::Senior => (self.gives, self.gets),
        };
        Edge {
            junior_gain,
            senior_gain,
            score: combination.combine(junior_gain, senior_gain),
        }
    }
}

/// One person's search: who they are (side, id, position on their side) and whom they search
/// among (the other side's classes, and that side's people by position).
#[derive(Clone, Copy)]
struct Visit<'a> {
    side: Side,
    person: ParticipantId,
    position: usize,
    others: &'a Classes,
    their_side: &'a [ParticipantId],
}

/// Scratch space reused across one thread's searches.
#[derive(Default)]
struct Scratch {
    /// The other side's classes by what they learn from the people searched, the heaviest
    /// first.
    order: ClassOrder,
    /// The credits of the people searched, as they teach (see `MutualBenefit::credits`).
    credits: Vec<f64>,
    /// The best so far as a heap whose top is the first to go: the lowest score, and among
    /// equal scores the latest visit.
    best: BinaryHeap<Reverse<Listed>>,
}

/// A partner on a search's list so far: ordered by score, then the earlier visit first.
#[derive(Clone, Copy)]
struct Listed {
    /// The pair score's bits (scores are positive, so they order as their bits).
    score: u64,
    /// The visit's number, unique within a search.
    visit: u64,
    partner: Partner,
}

impl Listed {
    fn key(&self) -> (u64, Reverse<u64>) {
        (self.score, Reverse(self.visit))
    }
}

impl PartialEq for Listed {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Listed {}

impl PartialOrd for Listed {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Listed {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

/// What the candidate search's tables hold, as [`MatrixError::TooLarge`] names them when one
/// cannot be allocated (their rows are given, their columns are 1).
const SEARCHES: &str = "the candidate searches (people x 1)";
/// Each junior's place in the pairs found: the juniors, plus one.
const ROWS: &str = "the candidate graph's rows (juniors x 1)";
/// The pairs the searches found, each as many times as it was found.
const PAIRS_FOUND: &str = "the candidate pairs found (pairs x 1)";
/// The candidate graph's pairs, or its edges' scores or gains.
pub(crate) const PAIRS: &str = "the candidate graph's pairs (pairs x 1)";

/// An empty vector with room for `len` values, or [`MatrixError::TooLarge`] naming `what`
/// (`len` rows of 1) when it cannot be reserved: the candidate search's tables grow with the
/// roster times the candidates per person, and running out of memory for one is an error
/// rather than an abort. Reserved once, then filled as before: no check per pair.
fn room<T>(what: &'static str, len: usize) -> Result<Vec<T>, MatrixError> {
    memory::reserved(len, || MatrixError::TooLarge {
        what,
        rows: len,
        cols: 1,
    })
}

/// The pairs searches found, by junior: junior `j`'s seniors are
/// `senior[start[j]..start[j + 1]]`, increasing and without repeats, each with its edge.
struct FoundPairs {
    start: Vec<usize>,
    senior: Vec<u32>,
    edge: Vec<Edge>,
}

impl FoundPairs {
    /// The pairs of the searches' results: `found` gives each searcher's position (juniors
    /// first, then seniors after `nj`) and result. Put in their juniors' rows first, then each
    /// row sorted: a senior's partners scatter over the rows, and one sort of every pair
    /// moved them all across memory several times. A pair both partners found has the same
    /// edge from either side; one is kept. At 200,000 + 200,000 (seed 1) this took 0.39–0.48 s
    /// for the first graph's 6.4 million pairs, 105 MB above the run's peak before (1,783
    /// against 1,678 MiB): the pairs' edges are written to their rows as they are read.
    ///
    /// Every table is reserved before it is filled (the pairs are as many as the searchers
    /// times their candidates): [`MatrixError::TooLarge`] when one cannot be.
    fn gather<'f>(
        nj: usize,
        found: impl ExactSizeIterator<Item = (usize, &'f Found)>,
        combination: Combination,
    ) -> Result<FoundPairs> {
        let mut results: Vec<(usize, &Found)> = room(SEARCHES, found.len())?;
        results.extend(found);
        let mut bounds = memory::filled(ROWS, nj + 1, 1, 0usize)?;
        for &(p, f) in &results {
            if p < nj {
                bounds[p + 1] += f.partners.len();
            } else {
                for q in &f.partners {
                    bounds[q.position as usize + 1] += 1;
                }
            }
        }
        for j in 0..nj {
            bounds[j + 1] += bounds[j];
        }
        // Each junior's pairs in the order found, each with its edge: written where they go
        // rather than read later from their searches' lists, which lie anywhere in memory.
        let mut next = room(ROWS, bounds.len())?;
        next.extend_from_slice(&bounds);
        let mut slots = memory::filled(PAIRS_FOUND, bounds[nj], 1, (0u32, UNWRITTEN))?;
        for &(p, f) in &results {
            let side = if p < nj { Side::Junior } else { Side::Senior };
            for q in &f.partners {
                let (j, s) = match side {
                    Side::Junior => (p, q.position),
                    Side::Senior => (q.position as usize, (p - nj) as u32),
                };
                slots[next[j]] = (s, q.edge(side, combination));
                next[j] += 1;
            }
        }
        drop(next);
        let mut start = room(ROWS, nj + 1)?;
        start.push(0);
        let mut senior = room(PAIRS, slots.len())?;
        let mut edge = room(PAIRS, slots.len())?;
        for j in 0..nj {
            let row = &mut slots[bounds[j]..bounds[j + 1]];
            // Equal seniors carry equal edges, so the order among them does not matter.
            row.sort_unstable_by_key(|&(s, _)| s);
            let mut last = None;
            for &(s, e) in row.iter() {
                if last != Some(s) {
                    last = Some(s);
                    senior.push(s);
                    edge.push(e);
                }
            }
            start.push(senior.len());
        }
        // Each pair is found from both sides: the lists were sized for the repeats.
        senior.shrink_to_fit();
        edge.shrink_to_fit();
        Ok(FoundPairs {
            start,
            senior,
            edge,
        })
    }

    /// Keeps the pairs `(junior, senior)` for which `keep` holds, in order.
    fn retain(&mut self, mut keep: impl FnMut(usize, u32) -> bool) {
        let mut write = 0;
        let mut from = self.start[0];
        for j in 0..self.start.len() - 1 {
            let to = self.start[j + 1];
            for e in from..to {
                if keep(j, self.senior[e]) {
                    self.senior[write] = self.senior[e];
                    self.edge[write] = self.edge[e];
                    write += 1;
                }
            }
            from = to;
            self.start[j + 1] = write;
        }
        self.senior.truncate(write);
        self.edge.truncate(write);
    }
}

/// How far a search goes once its list holds its `k` partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Patience {
    /// Until nobody left could score higher: the exact best `k`.
    Exact,
    /// At most this many more people and classes looked at: the best `k` of those visited,
    /// which are visited by their bound, the most promising first.
    Visits(usize),
}

/// A search among the people left out ([`Among::Free`]) looks at most this many times `k`
/// people and classes once its list is full (see [`Patience`]). Its lists only have to join
/// people left out to each other, and among them the bound is loose (few of them hold the
/// levels someone would learn most from), so the exact search went on long after its list
/// was full: on a 200,000 + 200,000 roster (seed 1), 1,027 people looked at for 16 places,
/// a tenth of everyone left out, in each of a dozen rounds. With this limit the rounds'
/// searches took 7.3 s rather than 29 s there, and the totals stayed the same at 100,000 and
/// 200,000 a side (seed 1). A search that stops early still adds `k` partners, each a new
/// edge between two people left out, so the rounds still end only when no two of them can
/// pair.
const WIDENING_PATIENCE: usize = 8;

/// Whom [`Search::widen_for`] searches the new candidates among, on the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Among {
    /// The free people only: the cheap first widening.
    Free,
    /// Everyone: when the free people alone leave someone without a partner.
    Everyone,
}

/// Everyone of a side, as positions.
fn all(n: usize) -> Vec<u32> {
    (0..n as u32).collect()
}

impl Search<'_> {
    /// The candidate graph with `k` candidates for each participant, calling `progress` with
    /// participants done; [`MatrixError::TooLarge`] when its tables cannot be allocated.
    pub(crate) fn graph(
        &self,
        juniors: Vec<ParticipantId>,
        seniors: Vec<ParticipantId>,
        k: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<CandidateGraph> {
        let (nj, ns) = (juniors.len(), seniors.len());
        let index = [
            Classes::new(self.roster, &juniors, all(nj))?,
            Classes::new(self.roster, &seniors, all(ns))?,
        ];
        let everyone: Vec<usize> = (0..nj + ns).collect();
        let found = self.search(
            [&juniors, &seniors],
            &index,
            &everyone,
            (k, Patience::Exact),
            progress,
        )?;
        self.assemble(juniors, seniors, found)
    }

    /// The graph with more candidates for the `free_juniors` and `free_seniors` (positions),
    /// each searched among `among` of the other side: their best `k` such partners (among the
    /// free, the best `k` of the most promising; see [`WIDENING_PATIENCE`]). Returns the graph
    /// and how many edges it gained, or [`MatrixError::TooLarge`] when the new pairs' tables
    /// cannot be allocated.
    pub(crate) fn widen_for(
        &self,
        graph: CandidateGraph,
        free_juniors: &[usize],
        free_seniors: &[usize],
        among: Among,
        k: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(CandidateGraph, usize)> {
        let (among, patience) = match among {
            Among::Free => {
                let positions = |free: &[usize]| free.iter().map(|&p| p as u32).collect();
                let patience = Patience::Visits(k.saturating_mul(WIDENING_PATIENCE));
                ([positions(free_juniors), positions(free_seniors)], patience)
            }
            Among::Everyone => (
                [all(graph.juniors.len()), all(graph.seniors.len())],
                Patience::Exact,
            ),
        };
        let who = (free_juniors, free_seniors);
        self.widen(graph, who, among, (k, patience), progress)
    }

    /// The graph with the best `k` partners (as far as `patience` goes) of `free_juniors`
    /// and `free_seniors` (positions) among the positions `among` (juniors, seniors) added.
    fn widen(
        &self,
        graph: CandidateGraph,
        (free_juniors, free_seniors): (&[usize], &[usize]),
        among: [Vec<u32>; 2],
        (k, patience): (usize, Patience),
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(CandidateGraph, usize)> {
        let nj = graph.juniors.len();
        let [among_juniors, among_seniors] = among;
        let index = [
            Classes::new(self.roster, &graph.juniors, among_juniors)?,
            Classes::new(self.roster, &graph.seniors, among_seniors)?,
        ];
        let who: Vec<usize> = free_juniors
            .iter()
            .copied()
            .chain(free_seniors.iter().map(|&c| nj + c))
            .collect();
        let found = self.search(
            [&graph.juniors, &graph.seniors],
            &index,
            &who,
            (k, patience),
            progress,
        )?;
        let fresh = FoundPairs::gather(nj, who.iter().copied().zip(&found), self.combination)?;
        self.with_pairs(graph, fresh)
    }

    /// The graph with the pairs `fresh` added where they are not edges already; the graph's
    /// edges are kept as they are, and completeness stays the full searches'. Returns the
    /// graph and how many edges it gained, or [`MatrixError::TooLarge`] when the room for
    /// them cannot be reserved.
    fn with_pairs(
        &self,
        mut graph: CandidateGraph,
        mut fresh: FoundPairs,
    ) -> Result<(CandidateGraph, usize)> {
        fresh.retain(|j, s| graph.edge(j, s as usize).is_none());
        let gained = fresh.senior.len();
        if gained == 0 {
            return Ok((graph, 0));
        }
        let gains = &mut graph.gains;
        let (start, senior_of, score) = graph.scores.csr_mut();
        // Merged in place from the back: each row's old edges move up by the new edges of the
        // rows before and including it, so writing from the end never overtakes what is still
        // to be read. (A merge into new lists allocated and filled the whole graph again each
        // round: 6 s of the widening rounds at 200,000 + 200,000.)
        let old = senior_of.len();
        // Exactly the new edges' room: the graph lives through the whole solve, and growing
        // it by doubling left up to 45 MB unused at 200,000 + 200,000.
        let too_large = |_: TryReserveError| MatrixError::TooLarge {
            what: PAIRS,
            rows: old.saturating_add(gained),
            cols: 1,
        };
        senior_of.try_reserve_exact(gained).map_err(too_large)?;
        score.try_reserve_exact(gained).map_err(too_large)?;
        gains.try_reserve_exact(gained).map_err(too_large)?;
        senior_of.resize(old + gained, 0);
        score.resize(old + gained, 0.0);
        gains.resize(old + gained, [0.0; 2]);
        let mut write = old + gained;
        for r in (0..start.len() - 1).rev() {
            let (from, mut left) = (fresh.start[r], fresh.start[r + 1]);
            if fresh.start[r + 1] == 0 {
                // The rows up to the first new edge stay where they are.
                debug_assert_eq!(write, start[r + 1]);
                break;
            }
            let (first, mut read) = (start[r], start[r + 1]);
            start[r + 1] = write;
            loop {
                let new = (left > from).then(|| fresh.senior[left - 1]);
                let kept = (read > first).then(|| senior_of[read - 1]);
                let (senior, x, g) = match (kept, new) {
                    (Some(k), Some(s)) if k < s => {
                        left -= 1;
                        let e = fresh.edge[left];
                        (s, e.score, [e.junior_gain, e.senior_gain])
                    }
                    (Some(k), _) => {
                        read -= 1;
                        (k, score[read], gains[read])
                    }
                    (None, Some(s)) => {
                        left -= 1;
                        let e = fresh.edge[left];
                        (s, e.score, [e.junior_gain, e.senior_gain])
                    }
                    (None, None) => break,
                };
                write -= 1;
                senior_of[write] = senior;
                score[write] = x;
                gains[write] = g;
            }
        }
        Ok((graph, gained))
    }

    /// Runs the searches of `who`, split over the threads; the result is in `who`'s order and
    /// does not depend on the split. [`MatrixError::TooLarge`] when their lists cannot be
    /// allocated.
    ///
    /// What the other side learns from `p` depends on `p` only through `p`'s levels, so people
    /// are searched in groups of equal levels (on the same side), and each group weighs and
    /// sorts the other side's classes once.
    fn search(
        &self,
        people: [&[ParticipantId]; 2],
        index: &[Classes; 2],
        who: &[usize],
        (k, patience): (usize, Patience),
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<Found>> {
        let best = |visit: Visit<'_>, scratch: &mut Scratch| {
            let Visit {
                side,
                person,
                position,
                others,
                ..
            } = visit;
            self.best_of(side, person, position, others, (k, patience), scratch)
        };
        self.search_with(people, index, (who, k), progress, &best)
    }

    /// Runs `visit` for each of `who` as [`search`](Self::search) runs its searches: in
    /// groups of equal levels, each group with the other side's classes weighed and sorted in
    /// its scratch space, split over the threads; the result is in `who`'s order.
    /// [`MatrixError::TooLarge`] (naming `who` and `per_person`, the most partners a visit
    /// lists) when a visit cannot allocate its list, or the results cannot be.
    fn search_with(
        &self,
        people: [&[ParticipantId]; 2],
        index: &[Classes; 2],
        (who, per_person): (&[usize], usize),
        progress: &mut dyn FnMut(usize, usize),
        visit: &(dyn Fn(Visit<'_>, &mut Scratch) -> Result<Found, TryReserveError> + Sync),
    ) -> Result<Vec<Found>> {
        let roster = self.roster;
        let nj = people[0].len();
        let person = |p: usize| {
            if p < nj {
                (Side::Junior, people[0][p], p)
            } else {
                (Side::Senior, people[1][p - nj], p - nj)
            }
        };
        // Groups of equal side and levels, in order of first appearance.
        let mut group_of: HashMap<(Side, &[u8]), usize> = HashMap::new();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for (i, &p) in who.iter().enumerate() {
            let (side, id, _) = person(p);
            let next = groups.len();
            let g = *group_of.entry((side, roster.levels(id))).or_insert(next);
            if g == next {
                groups.push(Vec::new());
            }
            groups[g].push(i as u32);
        }
        let run = |group: &Vec<u32>,
                   scratch: &mut Scratch|
         -> Result<Vec<(u32, Found)>, TryReserveError> {
            let (side, first, _) = person(who[group[0] as usize]);
            let (others, their_side) = match side {
                Side::Junior => (&index[1], people[1]),
                Side::Senior => (&index[0], people[0]),
            };
            self.order_classes(first, others, scratch);
            // Reserved whole: collecting results of `Result`s would grow it by doubling.
            let mut found = Vec::new();
            found.try_reserve_exact(group.len())?;
            for &i in group {
                let (side, id, position) = person(who[i as usize]);
                let one = visit(
                    Visit {
                        side,
                        person: id,
                        position,
                        others,
                        their_side,
                    },
                    scratch,
                )?;
                found.push((i, one));
            }
            Ok(found)
        };
        let lists_too_large = |_| MatrixError::TooLarge {
            what: "the candidate lists (people x candidates)",
            rows: who.len(),
            cols: per_person,
        };
        let threads = self.threads.max(1);
        let mut found: Vec<Option<Found>> = room(SEARCHES, who.len())?;
        found.resize_with(who.len(), || None);
        let mut done = 0;
        progress(0, who.len());
        // Batches of a few thousand searches, each split over the threads, so that progress
        // is reported at a steady pace from this thread.
        let mut rest = &groups[..];
        while !rest.is_empty() {
            let mut take = 0;
            let mut size = 0;
            while take < rest.len() && (size < 4096 || take < threads) {
                size += rest[take].len();
                take += 1;
            }
            let (batch, tail) = rest.split_at(take);
            rest = tail;
            let results = par_map_with(batch, threads, Scratch::default, run);
            for group in results {
                for (i, f) in group.map_err(lists_too_large)? {
                    found[i as usize] = Some(f);
                }
            }
            done += size;
            progress(done, who.len());
        }
        // Collected in place: an `Option<Found>` is the size of a `Found`.
        Ok(found
            .into_iter()
            .map(|f| {
                f.unwrap_or(Found {
                    partners: Vec::new(),
                    complete: false,
                })
            })
            .collect())
    }

    /// Weighs the classes of `others` by what they learn from `teacher` (the same for anyone
    /// with `teacher`'s levels), for the searches to visit the most first, in runs of equal
    /// weight (see [`ClassOrder`]).
    fn order_classes(&self, teacher: ParticipantId, others: &Classes, scratch: &mut Scratch) {
        let (roster, scorer) = (self.roster, self.scorer);
        let levels = roster.levels(teacher);
        scorer.credits(roster, levels, &mut scratch.credits);
        scratch.order.clear();
        for c in 0..others.len() {
            let profile = others.profile(c).iter().copied();
            let a = scorer.teaches_profile_by(roster, levels, &scratch.credits, profile);
            scratch.order.push(a, c as u32);
        }
    }

    /// The best `k` partners of `p` (side `side`, position `position` on it) among the people
    /// `others` indexes, whose classes `scratch` holds in order (see
    /// [`order_classes`](Self::order_classes)); an error when their list cannot be allocated.
    fn best_of(
        &self,
        side: Side,
        p: ParticipantId,
        position: usize,
        others: &Classes,
        (k, patience): (usize, Patience),
        scratch: &mut Scratch,
    ) -> Result<Found, TryReserveError> {
        let (roster, scorer) = (self.roster, self.scorer);
        // The pair score, with `gives` what the other learns from `p` and `gets` what `p`
        // learns from them.
        let combine = |gives: f64, gets: f64| match side {
            Side::Junior => self.combination.combine(gets, gives),
            Side::Senior => self.combination.combine(gives, gets),
        };
        let ceiling = scorer.teaches_levels(roster, &others.top_levels, p);
        let Scratch { order, best, .. } = scratch;
        best.clear();
        let mut visits = 0u64;
        let mut floor: Option<u64> = None; // score bits of the worst when the list is full
        let mut complete = true;
        // Members and classes looked at since the list was full, and how many may be.
        let mut looked = 0usize;
        let most = match patience {
            Patience::Exact => usize::MAX,
            Patience::Visits(most) => most,
        };
        let mut next_run = 0;
        'runs: while let Some((from, to)) = order.run(next_run) {
            next_run += 1;
            // What every member of the run's classes learns from `p` (see `order_classes`).
            let gives = f64::from_bits(order.items()[from].0);
            let bound = combine(gives, ceiling);
            if bound <= 0.0 {
                break; // nobody left scores above 0 with `p`
            }
            let run = &order.items()[from..to];
            // Classes of equal weight are visited from a start that depends on `p`, so that
            // people with the same options spread over all of them.
            let start = (mix(position as u64, from as u64) % run.len() as u64) as usize;
            for r in 0..run.len() {
                let c = run[(start + r) % run.len()].1;
                let (members, people) = (others.members(c as usize), others.people(c as usize));
                // Passing over a class is a look too (it weighs the class's best teacher).
                if floor.is_some() {
                    if looked >= most {
                        complete = false;
                        break 'runs;
                    }
                    looked += 1;
                }
                // Once the list is full, the class's own best teacher bounds it: a class
                // nobody in which could make the list is passed over (its members would have
                // been visited and dropped, so the list is the same). On the widening rounds
                // of 200,000 + 200,000 rosters, where the people left out rarely suit each
                // other, this cut the members visited fourfold; it is not worth its cost
                // before the list is full, or for a class of one.
                if let Some(f) = floor
                    && members.len() > 1
                {
                    let class_bound = combine(
                        gives,
                        scorer.teaches_levels(roster, others.top_of(c as usize), p),
                    );
                    if f >= class_bound.to_bits() {
                        complete = false;
                        continue;
                    }
                }
                let offset = (mix(c as u64, position as u64) % members.len() as u64) as usize;
                for i in 0..members.len() {
                    if let Some(f) = floor {
                        if f >= bound.to_bits() || looked >= most {
                            complete = false;
                            break 'runs;
                        }
                        looked += 1;
                    }
                    // What the member teaches `p` (`teaches`, from the levels in the index).
                    let t = (offset + i) % members.len();
                    fetch_rule_facts_ahead(roster, people, t);
                    let taught = scorer.teaches_levels(roster, others.levels_of(c as usize, t), p);
                    let score = combine(gives, taught);
                    if score <= 0.0 {
                        continue;
                    }
                    // Someone who could not make the full list changes nothing but the count
                    // of visits, and that only while it is at most `k` (see `complete`), so
                    // the rules are asked only of those who could: the score reads the
                    // index, the rules the roster anywhere, and most visits after the list
                    // is full end below it.
                    let could_enter = floor.is_none_or(|f| score.to_bits() > f);
                    if !could_enter && visits as usize > k {
                        continue;
                    }
                    let m = members[t];
                    let q = people[t];
                    let (junior, senior) = match side {
                        Side::Junior => (p, q),
                        Side::Senior => (q, p),
                    };
                    if self.rules.first_violated(roster, junior, senior).is_some() {
                        continue;
                    }
                    let entry = Reverse(Listed {
                        score: score.to_bits(),
                        visit: visits,
                        partner: Partner {
                            position: m,
                            gets: taught,
                            gives,
                        },
                    });
                    visits += 1;
                    if best.len() < k {
                        best.push(entry);
                    } else if best.peek().is_some_and(|w| entry.0.score > w.0.score) {
                        // Ties keep the earlier visit: only a higher score displaces.
                        best.pop();
                        best.push(entry);
                    }
                    if best.len() == k {
                        floor = best.peek().map(|w| w.0.score);
                    }
                }
            }
        }
        // The lists together are as many as the people searched times `k`: each is reserved
        // rather than allocated at whatever cost.
        let mut partners = Vec::new();
        partners.try_reserve_exact(best.len())?;
        partners.extend(best.iter().map(|e| e.0.partner));
        Ok(Found {
            partners,
            // Complete when every useful partner was visited and none was dropped for a
            // better one.
            complete: complete && visits as usize <= k,
        })
    }

    /// Merges the lists (juniors' then seniors', by position) into one graph, with the scores
    /// the searches found; [`MatrixError::TooLarge`] when its tables cannot be allocated.
    fn assemble(
        &self,
        juniors: Vec<ParticipantId>,
        seniors: Vec<ParticipantId>,
        found: Vec<Found>,
    ) -> Result<CandidateGraph> {
        let pairs = FoundPairs::gather(juniors.len(), found.iter().enumerate(), self.combination)?;
        let mut complete = room(SEARCHES, found.len())?;
        complete.extend(found.iter().map(|f| f.complete));
        drop(found);
        let FoundPairs {
            start,
            senior,
            edge,
        } = pairs;
        let mut score = room(PAIRS, edge.len())?;
        score.extend(edge.iter().map(|e| e.score));
        let mut gains = room(PAIRS, edge.len())?;
        gains.extend(edge.iter().map(|e| [e.junior_gain, e.senior_gain]));
        drop(edge);
        Ok(CandidateGraph {
            scores: SparseMatrix::from_csr(juniors.len(), seniors.len(), start, senior, score),
            juniors,
            seniors,
            gains,
            complete,
        })
    }
}

/// How many members ahead of the one being scored [`fetch_rule_facts_ahead`] reaches.
const FETCH_AHEAD: usize = 3;

/// Starts fetching what the rules read of the member [`FETCH_AHEAD`] places after member `t`
/// of `members` (in the order a class is visited, from an offset and round), so that it has
/// arrived if that member's score is high enough for the rules to be asked. The rules read
/// the roster anywhere, and at 200,000 + 200,000 its rule records (16 MB) no longer fit in the
/// processor's cache: each check then waited on memory. With the members' ids read in class
/// order ([`Classes::people`]), on seed 1 at that size, four runs of each build alternating,
/// the first graph's searches took 2.8–4.1 s against 3.3–4.2 s, and the widening rounds'
/// searches 1.6–2.0 s against 2.1–2.4 s (BENCHMARKS.md). Which members are visited, and so
/// the graph, is the same.
#[inline]
fn fetch_rule_facts_ahead(roster: &Roster, members: &[ParticipantId], t: usize) {
    let ahead = t + FETCH_AHEAD;
    let ahead = if ahead >= members.len() {
        ahead - members.len()
    } else {
        ahead
    };
    if let Some(&q) = members.get(ahead) {
        roster.fetch_rule_facts(q);
    }
}

/// `f` over `items` on up to `threads` threads, in order; the result does not depend on the
/// thread count.
pub(crate) fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    par_map_with(items, threads, || (), |x, _| f(x))
}

/// `f` over `items` on up to `threads` threads, each with its own scratch from `scratch`, in
/// order; the result does not depend on the thread count.
///
/// A part whose thread cannot be started (its stack is memory too, and may be what has run
/// out) runs on this thread instead, in its place: the result is the same, where
/// `std::thread::scope`'s `spawn` would have panicked.
fn par_map_with<T: Sync, S, R: Send>(
    items: &[T],
    threads: usize,
    scratch: impl Fn() -> S + Sync,
    f: impl Fn(&T, &mut S) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    let parts = split_rows(items.len(), threads, |rows| {
        let mut s = scratch();
        items[rows].iter().map(|x| f(x, &mut s)).collect::<Vec<R>>()
    });
    parts.into_iter().flatten().collect()
}

/// A fixed scrambling of two numbers (SplitMix64's output function on their combination): the
/// order of visits among equals, the same on every platform.
fn mix(a: u64, b: u64) -> u64 {
    crate::support::seeded::finalise(
        a.wrapping_mul(crate::support::seeded::GOLDEN)
            .wrapping_add(b)
            .wrapping_add(0x6A09_E667_F3BC_C909),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentoring::error::Error;
    use crate::mentoring::generate::Population;
    use crate::mentoring::score::Scorer;
    use proptest::prelude::*;

    /// The edge between junior row `j` and senior column `s`, scored anew: both gains and
    /// the score.
    fn edge(
        search: &Search<'_>,
        juniors: &[ParticipantId],
        seniors: &[ParticipantId],
        j: u32,
        s: u32,
    ) -> Edge {
        let (roster, scorer) = (search.roster, search.scorer);
        let (j, s) = (juniors[j as usize], seniors[s as usize]);
        let (junior_gain, senior_gain) =
            (scorer.teaches(roster, s, j), scorer.teaches(roster, j, s));
        Edge {
            junior_gain,
            senior_gain,
            score: search.combination.combine(junior_gain, senior_gain),
        }
    }

    /// The search with the default combination, on one thread.
    fn default_search<'a>(
        roster: &'a Roster,
        scorer: &'a MutualBenefit,
        rules: &'a Rules,
    ) -> Search<'a> {
        Search {
            roster,
            scorer,
            rules,
            combination: Combination::default(),
            threads: 1,
        }
    }

    /// Each of `who`'s partners under `patience` among everyone of the other side, as sorted
    /// lists (juniors first, then seniors).
    fn lists(search: &Search<'_>, k: usize, patience: Patience) -> Vec<Vec<u32>> {
        let (juniors, seniors) = (search.roster.juniors(), search.roster.seniors());
        let (nj, ns) = (juniors.len(), seniors.len());
        let index = [
            Classes::new(search.roster, juniors, all(nj)).unwrap(),
            Classes::new(search.roster, seniors, all(ns)).unwrap(),
        ];
        let who: Vec<usize> = (0..nj + ns).collect();
        let found = search
            .search(
                [juniors, seniors],
                &index,
                &who,
                (k, patience),
                &mut |_, _| {},
            )
            .unwrap();
        found
            .into_iter()
            .map(|f| {
                let mut p: Vec<u32> = f.partners.iter().map(|q| q.position).collect();
                p.sort_unstable();
                p
            })
            .collect()
    }

    #[test]
    fn tables_that_cannot_be_allocated_are_errors() {
        // The starts of as many rows, plus one, need more bytes than the address space holds.
        let nj = usize::MAX / size_of::<usize>();
        let too_large = |what, rows| {
            Err(Error::Matrix(MatrixError::TooLarge {
                what,
                rows,
                cols: 1,
            }))
        };
        let gathered = FoundPairs::gather(nj, std::iter::empty(), Combination::default());
        assert_eq!(gathered.map(|p| p.start.len()), too_large(ROWS, nj + 1));
        let error = room::<Edge>(PAIRS, usize::MAX).unwrap_err();
        assert_eq!(
            Err(Error::from(error.clone())),
            too_large(PAIRS, usize::MAX)
        );
        assert_eq!(
            error.to_string(),
            format!(
                "the candidate graph's pairs (pairs x 1) of {} x 1 needs more memory than can be \
                 allocated",
                usize::MAX
            )
        );
        // A size that fits is reserved, not filled.
        let fits = room::<Edge>(PAIRS, 3).unwrap();
        assert!(fits.is_empty() && fits.capacity() == 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Widening merges the new pairs into the rows in place: every old edge stays as it
        /// was, the new ones are scored as the search scores them, rows stay sorted, and the
        /// count grows by what is reported.
        #[test]
        fn widening_merges_new_pairs_into_sorted_rows(
            n in 2usize..30,
            seed in 0u64..1000,
            k in 1usize..4,
            wider in 1usize..8,
            picks in proptest::collection::vec(any::<bool>(), 60),
        ) {
            let roster = Population::new(n, n + 3).with_seed(seed).roster().unwrap();
            let (scorer, rules) = (MutualBenefit::new(), Rules::default());
            let search = default_search(&roster, &scorer, &rules);
            let (juniors, seniors) = (roster.juniors().to_vec(), roster.seniors().to_vec());
            let graph = search.graph(juniors.clone(), seniors.clone(), k, &mut |_, _| {}).unwrap();
            let before: Vec<Vec<(usize, Edge)>> =
                (0..juniors.len()).map(|j| graph.partners(j).collect()).collect();
            let chosen = |count: usize, from: usize| -> Vec<usize> {
                (0..count).filter(|&p| picks[(from + p) % picks.len()]).collect()
            };
            let (fj, fs) = (chosen(juniors.len(), 0), chosen(seniors.len(), 30));
            let (widened, gained) = search
                .widen_for(graph, &fj, &fs, Among::Everyone, wider, &mut |_, _| {})
                .unwrap();
            let total: usize = before.iter().map(Vec::len).sum();
            prop_assert_eq!(widened.edges(), total + gained);
            for (j, old) in before.iter().enumerate() {
                let row: Vec<(usize, Edge)> = widened.partners(j).collect();
                prop_assert!(row.windows(2).all(|w| w[0].0 < w[1].0), "row {} unsorted", j);
                for &(s, e) in old {
                    prop_assert_eq!(widened.edge(j, s), Some(e));
                }
                for &(s, e) in &row {
                    prop_assert_eq!(e, edge(&search, &juniors, &seniors, j as u32, s as u32));
                }
            }
        }

        /// A patient search still fills its list whenever the exact one does (the widening
        /// rounds rely on it: a person left out who can pair with someone left out gains an
        /// edge), with allowed partners of positive score; given room to look at everyone, it
        /// is the exact search.
        #[test]
        fn a_patient_search_fills_its_list_and_with_room_is_exact(
            n in 2usize..40,
            seed in 0u64..1000,
            k in 1usize..6,
            most in 0usize..12,
        ) {
            let roster = Population::new(n, n).with_seed(seed).roster().unwrap();
            let (scorer, rules) = (MutualBenefit::new(), Rules::default());
            let search = default_search(&roster, &scorer, &rules);
            let exact = lists(&search, k, Patience::Exact);
            let patient = lists(&search, k, Patience::Visits(most));
            let (juniors, seniors) = (roster.juniors(), roster.seniors());
            for (p, (e, q)) in exact.iter().zip(&patient).enumerate() {
                prop_assert_eq!(e.len(), q.len(), "person {}", p);
                for &m in q {
                    let (j, s) = if p < juniors.len() {
                        (juniors[p], seniors[m as usize])
                    } else {
                        (juniors[m as usize], seniors[p - juniors.len()])
                    };
                    prop_assert!(rules.first_violated(&roster, j, s).is_none());
                    let score = Combination::default()
                        .combine(scorer.teaches(&roster, s, j), scorer.teaches(&roster, j, s));
                    prop_assert!(score > 0.0);
                }
            }
            prop_assert_eq!(lists(&search, k, Patience::Visits(4 * n + 8)), exact);
        }
    }
}
