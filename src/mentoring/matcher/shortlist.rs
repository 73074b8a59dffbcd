//! Shortlists for self-matching: each participant's best partners under the rules and
//! criteria, with the score and the reasons, advertised fairly.
//!
//! Platforms that let people pick their own partner show each participant a short list. Shown
//! naively (everyone's top `k`), the few most popular people appear on nearly every list and
//! most others on none: the popular are swamped and the rest never asked. So the lists obey an
//! *exposure rule*: a candidate appears on at most
//!
//! ```text
//! bound(q) = max(1, ceil(exposure · k · owners · capacity(q) / capacity of q's side))
//! ```
//!
//! lists, where `owners` is the number of available participants on the other side (each
//! gets a list of up to `k`) and `exposure` the matcher's
//! [`exposure`](super::Matcher::with_exposure) (1 by default). With `exposure` 1 everyone is
//! shown about as often as their share of the side's places, rounded up; larger values let the
//! popular be shown more often.
//!
//! The lists are filled greedily in decreasing pair score (ties: the owner first in roster
//! order, then the candidate first in roster order): a pair is listed when its owner's list has
//! room and its candidate is under their bound. A pair that the rules or a `must` criterion
//! forbid, or that scores 0, is never listed, so a list may hold fewer than `k`.

use super::builder::Matcher;
use super::result::Pair;
use crate::mentoring::error::{Error, Result};
use crate::mentoring::model::{ParticipantId, Roster, Side};
use crate::mentoring::score::criteria::Blend;
use crate::support::strict;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// One participant's shortlist: the pairs they are shown, best first.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ada", "side": "senior", "skills": {"strategy": 5}},
///     {"id": "bo", "side": "senior", "skills": {"strategy": 2}},
///     {"id": "cy", "side": "junior", "wishes": {"strategy": 5}}]}"#)?;
/// let lists = Matcher::new().shortlists(&roster, 2)?;
/// let cy = lists.of("cy").unwrap();
/// assert_eq!((cy.id.as_str(), cy.side), ("cy", Side::Junior));
/// let seniors: Vec<&str> = cy.pairs.iter().map(|p| p.senior.as_str()).collect();
/// assert_eq!(seniors, ["ada", "bo"]); // best first
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Shortlist {
    /// The participant the list is for.
    pub id: String,
    /// Their side.
    pub side: Side,
    /// The listed pairs (each with its score, gains, lessons and parts), best first.
    pub pairs: Vec<Pair>,
}

/// How a [`Shortlist`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Shortlist", deny_unknown_fields)]
struct ShortlistMirror {
    id: String,
    side: Side,
    pairs: Vec<Pair>,
}

strict::map_only!(Shortlist, ShortlistMirror);

/// How often the candidates of one side are shown: the spread of their appearances.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ada", "side": "senior", "skills": {"strategy": 5}},
///     {"id": "bo", "side": "senior", "skills": {"strategy": 2}},
///     {"id": "cy", "side": "junior", "wishes": {"strategy": 5}},
///     {"id": "di", "side": "junior", "wishes": {"strategy": 4}}]}"#)?;
/// // Fair exposure: each senior is shown once.
/// let fair = Matcher::new().shortlists(&roster, 1)?.exposure[0];
/// assert_eq!(
///     (fair.side, fair.candidates, fair.max, fair.never_shown),
///     (Side::Senior, 2, 1, 0)
/// );
/// // Twice the share: ada is on both lists and bo on none.
/// let popular = Matcher::new()
///     .with_exposure(2.0)
///     .shortlists(&roster, 1)?
///     .exposure[0];
/// assert_eq!((popular.min, popular.max, popular.never_shown), (0, 2, 1));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Exposure {
    /// The side of the candidates.
    pub side: Side,
    /// How many available candidates that side has.
    pub candidates: usize,
    /// The fewest lists a candidate appears on.
    pub min: usize,
    /// The median number of lists (the lower middle for an even count).
    pub median: usize,
    /// The most lists a candidate appears on.
    pub max: usize,
    /// How many appear on no list.
    pub never_shown: usize,
}

/// How an [`Exposure`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Exposure", deny_unknown_fields)]
struct ExposureMirror {
    side: Side,
    candidates: usize,
    min: usize,
    median: usize,
    max: usize,
    never_shown: usize,
}

strict::map_only!(Exposure, ExposureMirror);

/// Everyone's shortlist and how evenly candidates are shown.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ada", "side": "senior", "skills": {"strategy": 5}},
///     {"id": "cy", "side": "junior", "wishes": {"strategy": 5}}]}"#)?;
/// let shortlists = Matcher::new().shortlists(&roster, 3)?;
/// let owners: Vec<&str> = shortlists.lists.iter().map(|l| l.id.as_str()).collect();
/// assert_eq!(owners, ["cy", "ada"]); // juniors, then seniors
/// let sides: Vec<Side> = shortlists.exposure.iter().map(|e| e.side).collect();
/// assert_eq!(sides, [Side::Senior, Side::Junior]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Shortlists {
    /// One list per available participant, juniors then seniors, in roster order.
    pub lists: Vec<Shortlist>,
    /// The spread of appearances: seniors (on the juniors' lists), then juniors.
    pub exposure: Vec<Exposure>,
}

/// How [`Shortlists`] read: an object of exactly their keys.
#[derive(Deserialize)]
#[serde(remote = "Shortlists", deny_unknown_fields)]
struct ShortlistsMirror {
    lists: Vec<Shortlist>,
    exposure: Vec<Exposure>,
}

strict::map_only!(Shortlists, ShortlistsMirror);

impl Shortlists {
    /// The list of participant `id`, if they have one (they are available).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ada", "side": "senior", "skills": {"strategy": 5}},
    ///     {"id": "bo", "side": "senior", "capacity": 0},
    ///     {"id": "cy", "side": "junior", "wishes": {"strategy": 5}}]}"#)?;
    /// let lists = Matcher::new().shortlists(&roster, 2)?;
    /// assert_eq!(lists.of("cy").unwrap().pairs[0].senior, "ada");
    /// assert!(lists.of("bo").is_none()); // not available this round
    /// assert!(lists.of("nobody").is_none());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn of(&self, id: &str) -> Option<&Shortlist> {
        self.lists.iter().find(|l| l.id == id)
    }
}

impl Matcher {
    /// Everyone's shortlist of up to `k` partners, under the exposure rule of
    /// [the module docs](self).
    ///
    /// # Complexity
    ///
    /// Scoring every pair as [`score`](Self::score), then `O(n·m)` to pick each owner's best
    /// `4k` and a merge of those in decreasing score, `O((n + m)·k·log n)` when few candidates
    /// reach their bound.
    ///
    /// # Errors
    ///
    /// As [`score`](Self::score); [`Error::InvalidOption`] for `k` = 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// // Everyone wants to learn from ada; the exposure rule shows her on one list only.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ada", "side": "senior", "skills": {"strategy": 5}},
    ///     {"id": "bo", "side": "senior", "skills": {"strategy": 3}},
    ///     {"id": "cy", "side": "junior", "wishes": {"strategy": 5}},
    ///     {"id": "di", "side": "junior", "wishes": {"strategy": 4}}]}"#)?;
    /// let lists = Matcher::new().shortlists(&roster, 1)?;
    /// let first = |id| lists.of(id).unwrap().pairs[0].senior.clone();
    /// assert_eq!((first("cy"), first("di")), ("ada".to_owned(), "bo".to_owned()));
    /// assert_eq!(lists.exposure[0].max, 1);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn shortlists(&self, roster: &Roster, k: usize) -> Result<Shortlists> {
        if k == 0 {
            return Err(Error::InvalidOption {
                option: "k",
                value: 0_u8.into(),
                expected: "at least 1 partner a list",
            });
        }
        self.check_exposure()?;
        let scored = self.score(roster)?;
        let weights = scored.weights(self.combination)?;
        let blend = Blend::new(roster);
        let (nj, ns) = (scored.juniors.len(), scored.seniors.len());
        let w = weights.as_slice();
        let mut lists = Vec::with_capacity(nj + ns);
        let mut exposure = Vec::with_capacity(2);
        for owners_side in [Side::Junior, Side::Senior] {
            let (owners, candidates) = match owners_side {
                Side::Junior => (&scored.juniors, &scored.seniors),
                Side::Senior => (&scored.seniors, &scored.juniors),
            };
            // The owners' rows of weights, contiguous: the juniors' are the matrix's rows, the
            // seniors' its columns (transposed once, so that each row scan reads memory in
            // order).
            let transposed;
            let rows: &[f64] = match owners_side {
                Side::Junior => w,
                Side::Senior => {
                    transposed = transpose(w, nj, ns);
                    &transposed
                }
            };
            let bounds = self.bounds(roster, candidates, owners.len(), k);
            let chosen = fill(rows, (owners.len(), candidates.len()), k, &bounds);
            let mut shown = vec![0usize; candidates.len()];
            for (o, picks) in chosen.iter().enumerate() {
                let mut pairs = Vec::with_capacity(picks.len());
                for &c in picks {
                    shown[c] += 1;
                    let (r, col) = match owners_side {
                        Side::Junior => (o, c),
                        Side::Senior => (c, o),
                    };
                    pairs.push(self.scored_pair(roster, &blend, &scored, r, col)?);
                }
                lists.push(Shortlist {
                    id: roster.id(owners[o]).to_owned(),
                    side: owners_side,
                    pairs,
                });
            }
            exposure.push(spread(owners_side.other(), shown));
        }
        Ok(Shortlists { lists, exposure })
    }

    /// Participant `id`'s shortlist of up to `k` partners: their list in
    /// [`shortlists`](Self::shortlists), so the exposure rule holds for everyone's lists
    /// together.
    ///
    /// # Errors
    ///
    /// As [`shortlists`](Self::shortlists); [`Error::UnknownParticipant`] when `id` is not in
    /// the roster. A participant with capacity 0 gets an empty list.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let list = Matcher::new().shortlist(&roster, "jan", 3)?;
    /// assert_eq!(list.pairs[0].junior, "ola");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn shortlist(&self, roster: &Roster, id: &str, k: usize) -> Result<Shortlist> {
        let p = roster.find(id).ok_or_else(|| Error::UnknownParticipant {
            id: id.to_owned(),
            context: "shortlist",
        })?;
        let lists = self.shortlists(roster, k)?;
        Ok(lists.of(id).cloned().unwrap_or_else(|| Shortlist {
            id: id.to_owned(),
            side: roster.side(p),
            pairs: Vec::new(),
        }))
    }

    /// Each candidate's bound (see the module docs).
    fn bounds(
        &self,
        roster: &Roster,
        candidates: &[ParticipantId],
        owners: usize,
        k: usize,
    ) -> Vec<usize> {
        let places: f64 = candidates
            .iter()
            .map(|&q| f64::from(roster.participant(q).capacity))
            .sum();
        let slots = self.exposure * k as f64 * owners as f64;
        candidates
            .iter()
            .map(|&q| {
                let share = slots * f64::from(roster.participant(q).capacity) / places;
                // A share that is a whole number up to rounding (3.0000000000000004 for 3) is
                // that number, not the next; `as` saturates: a bound beyond usize is no bound.
                let whole = share.round();
                let bound = if (share - whole).abs() <= 1e-9 * whole.max(1.0) {
                    whole
                } else {
                    share.ceil()
                };
                (bound as usize).max(1)
            })
            .collect()
    }
}

/// A candidate of one owner, ordered by weight, then owner first in order, then candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    weight: f64,
    owner: usize,
    candidate: usize,
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// The heap's largest is the highest weight, then the lowest owner, then the lowest
    /// candidate: the documented order.
    fn cmp(&self, other: &Self) -> Ordering {
        self.weight
            .total_cmp(&other.weight)
            .then(other.owner.cmp(&self.owner))
            .then(other.candidate.cmp(&self.candidate))
    }
}

/// One owner's next candidates in decreasing weight, a block at a time.
struct Queue {
    sorted: Vec<(f64, usize)>,
    next: usize,
    /// Whether `sorted` held every candidate left when it was drawn.
    complete: bool,
}

/// The greedy fill: for each of `owners` (a row of `rows`, `candidates` long), up to `k` candidates
/// in decreasing weight with the documented ties, a candidate at most `bounds[c]` times, never
/// a weight that is `-inf` or not above 0.
///
/// Each owner's candidates are drawn a block of `4k` at a time. A block runs out only when
/// its candidates were listed or had reached their bound; the next block is drawn from the
/// candidates still under their bound and not on the owner's list, which are exactly the ones
/// the full order would still list, so the result is that of sorting every pair at once.
fn fill(
    rows: &[f64],
    (owners, candidates): (usize, usize),
    k: usize,
    bounds: &[usize],
) -> Vec<Vec<usize>> {
    let block = k.saturating_mul(4).max(1);
    let mut chosen: Vec<Vec<usize>> = vec![Vec::new(); owners];
    let mut shown = vec![0usize; candidates];
    let row = |o: usize| &rows[o * candidates..(o + 1) * candidates];
    let mut queues: Vec<Queue> = (0..owners)
        .map(|o| best_of(row(o), block, |_| true))
        .collect();
    let mut heap = BinaryHeap::with_capacity(owners);
    for (o, q) in queues.iter_mut().enumerate() {
        if let Some(e) = next_of(o, q) {
            heap.push(e);
        }
    }
    while let Some(e) = heap.pop() {
        if shown[e.candidate] < bounds[e.candidate] {
            shown[e.candidate] += 1;
            chosen[e.owner].push(e.candidate);
        }
        if chosen[e.owner].len() >= k {
            continue;
        }
        let q = &mut queues[e.owner];
        if q.next == q.sorted.len() && !q.complete {
            let listed = &chosen[e.owner];
            *q = best_of(row(e.owner), block, |c| {
                shown[c] < bounds[c] && !listed.contains(&c)
            });
        }
        if let Some(next) = next_of(e.owner, q) {
            heap.push(next);
        }
    }
    chosen
}

/// The next candidate of owner `o` in its current block.
fn next_of(o: usize, q: &mut Queue) -> Option<Entry> {
    let &(weight, candidate) = q.sorted.get(q.next)?;
    q.next += 1;
    Some(Entry {
        weight,
        owner: o,
        candidate,
    })
}

/// The best `block` positive candidates of a row among those `open` accepts, sorted by
/// decreasing weight, ties to the lower index: one scan that keeps the best so far in a sorted
/// buffer of `block` (most weights lose against its last entry at once).
fn best_of(row: &[f64], block: usize, open: impl Fn(usize) -> bool) -> Queue {
    let mut best: Vec<(f64, usize)> = Vec::with_capacity(block.min(row.len()) + 1);
    let mut complete = true;
    for (c, &w) in row.iter().enumerate() {
        if w <= 0.0 || !open(c) {
            continue;
        }
        // Candidates come in increasing index, so among equal weights the earlier stays first.
        if best.len() == block && w <= best[block - 1].0 {
            complete = false;
            continue;
        }
        let at = best.partition_point(|&(x, _)| x >= w);
        best.insert(at, (w, c));
        if best.len() > block {
            best.pop();
            complete = false;
        }
    }
    Queue {
        sorted: best,
        next: 0,
        complete,
    }
}

/// The `rows × cols` row-major matrix `w`, transposed.
fn transpose(w: &[f64], rows: usize, cols: usize) -> Vec<f64> {
    let mut t = vec![0.0; w.len()];
    for (r, row) in w.chunks_exact(cols.max(1)).enumerate().take(rows) {
        for (c, &x) in row.iter().enumerate() {
            t[c * rows + r] = x;
        }
    }
    t
}

/// The spread of `shown` (appearances per candidate of `side`).
fn spread(side: Side, mut shown: Vec<usize>) -> Exposure {
    shown.sort_unstable();
    let n = shown.len();
    Exposure {
        side,
        candidates: n,
        min: shown.first().copied().unwrap_or(0),
        median: if n == 0 { 0 } else { shown[(n - 1) / 2] },
        max: shown.last().copied().unwrap_or(0),
        never_shown: shown.iter().take_while(|&&x| x == 0).count(),
    }
}
