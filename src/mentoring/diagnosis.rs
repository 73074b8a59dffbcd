//! Why a programme cannot match everyone: the bottleneck in supply and demand.
//!
//! When a matching leaves people out, the reasons given to each of them (see
//! [`Reason`](crate::Reason)) say what happened to *them*; this module says why *no* matching
//! could do better. It reads the answer off the compatibility graph, the pairs the matcher may
//! form, as a Hall-type deficiency: the group of people whose possible partners have too few
//! places between them, with the skills they wish for and who can teach those skills:
//!
//! > 6 seniors cannot be matched: 9 seniors can pair only with 3 juniors, who have 3 places
//! > for them; 9 seniors wish to learn ai-assistants; 3 juniors can teach it and have 3 places
//!
//! # The compatibility graph
//!
//! Juniors on one side and seniors on the other, each with as many *places* as their
//! `capacity` (people with capacity 0 are not available and are left out), and an edge for
//! every pair the matcher may form: allowed by the rules and with a combined pair score above
//! 0, so that someone learns something. A pair is formed at most once, whatever the capacities.
//!
//! # The deficiency
//!
//! For a set `X` of one side, let `N(X)` be everyone on the other side with an edge into `X`,
//! and let the *places open to `X`* be `Σ_{b ∈ N(X)} min(places(b), |X ∩ N(b)|)`: each partner
//! offers their places, but at most one to each person of `X` they may pair with. The
//! deficiency of `X` is `places(X) − places open to X`, and the side's deficiency is its
//! largest value over all `X` (the empty set gives 0). When every capacity is 1 this is
//! `|X| − |N(X)|`, the deficiency of Hall's theorem, and the König–Ore formula (Ore 1955;
//! Lovász & Plummer 1986, Theorem 1.3.1) says it is exactly the number of that side left
//! unmatched by a maximum matching. With capacities the same holds for the most pairs a
//! programme can form (a maximum simple b-matching; Schrijver 2003, ch. 21): the side's total
//! places minus the maximum flow through the network
//! `source → side (capacity places) → edges (capacity 1) → other side (capacity places) → sink`.
//!
//! The witness `X` is read off the residual network of that maximum flow (see [`diagnose`]);
//! it is the *smallest* set of largest deficiency, so it names the people at the heart of the
//! bottleneck and nobody who is merely near it.
//!
//! # References
//!
//! - O. Ore, *Graphs and matching theorems*, Duke Math. J. 22 (1955) 625–639.
//! - L. Lovász, M. D. Plummer, *Matching Theory*, North-Holland (1986), §1.3.
//! - E. A. Dinic, *Algorithm for solution of a problem of maximum flow in a network with power
//!   estimation*, Soviet Math. Dokl. 11 (1970) 1277–1280.
//! - S. Even, R. E. Tarjan, *Network flow and testing graph connectivity*, SIAM J. Comput. 4
//!   (1975) 507–518 (the `O(E √V)` bound for unit networks).
//! - A. Schrijver, *Combinatorial Optimization*, Springer (2003), ch. 21 (b-matchings).

use crate::matching::flow::b_matching::{Half, max_flow};
use crate::matching::pair_scores::Combination;
use crate::mentoring::error::Result;
use crate::mentoring::model::{ParticipantId, Roster, Side, SkillId};
use crate::mentoring::roster_scores::{RosterScores, check_same_roster};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::fmt;

/// Why a programme cannot match everyone, side by side.
///
/// # Examples
///
/// ```
/// use mentor_match::diagnosis::diagnose;
/// use mentor_match::{Combination, Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let scored = Matcher::new().score(&roster)?;
/// let diagnosis = diagnose(&roster, &scored, Combination::default())?;
/// assert!(diagnosis.juniors.is_none() && diagnosis.seniors.is_none());
/// assert_eq!(diagnosis.to_string(), "every place can be filled");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnosis {
    /// The most pairs any matching can form.
    pub max_pairs: u64,
    /// The juniors' bottleneck; `None` when every junior place can be filled.
    pub juniors: Option<Shortage>,
    /// The seniors' bottleneck; `None` when every senior place can be filled.
    pub seniors: Option<Shortage>,
}

/// A group of people on one side whose possible partners have too few places for them.
///
/// `deficiency = places − partner_places`, and no matching fills more than
/// `places − deficiency` of the group's places; the side as a whole also has exactly
/// `deficiency` places that no matching can fill.
///
/// # Examples
///
/// ```
/// use mentor_match::diagnosis::diagnose;
/// use mentor_match::{Combination, Matcher, Roster, Side};
///
/// // Two juniors want strategy, and Jan, its only teacher, has one place.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "wishes": {"strategy": 4}},
///     {"id": "kai", "side": "junior", "wishes": {"strategy": 3}},
///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}}]}"#)?;
/// let scored = Matcher::new().score(&roster)?;
/// let diagnosis = diagnose(&roster, &scored, Combination::default())?;
/// let short = diagnosis.juniors.unwrap();
/// assert_eq!((short.side, short.places), (Side::Junior, 2));
/// assert_eq!(short.people, ["ola", "kai"]);
/// assert_eq!(short.partners, ["jan"]);
/// assert_eq!(short.deficiency, short.places - short.partner_places);
/// assert_eq!(short.deficiency, 1);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Shortage {
    /// The side of [`people`](Self::people).
    pub side: Side,
    /// The places of this side that no matching can fill (people, when capacities are 1).
    pub deficiency: u64,
    /// The ids of the group `X`, in roster order.
    pub people: Vec<String>,
    /// Their places (the sum of their capacities).
    pub places: u64,
    /// The ids of everyone on the other side they may pair with, `N(X)`, in roster order.
    pub partners: Vec<String>,
    /// The partners' places open to the group: each partner's capacity, but at most one place
    /// for each person of the group they may pair with (a pair is formed once).
    pub partner_places: u64,
    /// The group's wishes, one line a skill, largest shortage first, then by skill name.
    pub skills: Vec<SkillShortage>,
}

/// Demand and supply of one skill within a [`Shortage`].
///
/// A partner *can teach* the skill when their level in it is above the level of at least one
/// person of the group who wishes it (a skill not listed is level 0). This looks at the skill
/// itself only, not at its parent or children in the catalog, and not at the scorer: it
/// explains the bottleneck, which is computed from the pairs themselves.
///
/// # Examples
///
/// ```
/// use mentor_match::diagnosis::diagnose;
/// use mentor_match::{Combination, Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "wishes": {"strategy": 4}},
///     {"id": "kai", "side": "junior", "wishes": {"strategy": 3}},
///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}}]}"#)?;
/// let scored = Matcher::new().score(&roster)?;
/// let diagnosis = diagnose(&roster, &scored, Combination::default())?;
/// let line = &diagnosis.juniors.unwrap().skills[0];
/// assert_eq!(line.skill, "strategy");
/// assert_eq!((line.wishing, line.wishing_places), (2, 2));
/// assert_eq!((line.teachers, line.places), (1, 1));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SkillShortage {
    /// The skill's id.
    pub skill: String,
    /// How many people of the group wish to learn it (each person counts under every skill
    /// they wish).
    pub wishing: u32,
    /// Their places.
    pub wishing_places: u64,
    /// How many of the group's partners can teach it.
    pub teachers: u32,
    /// The teachers' places (their capacities).
    pub places: u64,
}

/// The diagnosis of a scored roster: the bottleneck on each side, if any.
///
/// Builds the compatibility graph from `scored` (a pair is an edge when the rules allow it
/// and its `combination` score is above 0: exactly the pairs [`Matcher::solve`] may form when
/// it uses that combination), finds the maximum flow through it, and reads each side's witness
/// off the residual network. The witness `X` of a side is everyone of that side reachable from
/// a person with an unfilled place by residual paths: along a pair not formed to the other
/// side, back along a pair formed to this side. The proof that `X` has the largest deficiency,
/// and is the smallest set that does, is in the source beside the search.
///
/// Use the same roster, scores and combination as the matching you explain:
/// `diagnose(&roster, &matcher.score(&roster)?, combination)` for a matcher built with
/// `.with_combination(combination)` ([`Combination::default`] if none). Under the default
/// objective ([`Objective::MostPairs`](crate::Objective::MostPairs)) with capacities of 1, the
/// number of available people of a side that the matcher leaves unmatched equals that side's
/// deficiency.
///
/// [`Matcher::solve`]: crate::Matcher::solve
///
/// # Complexity
///
/// For `J` available juniors, `S` available seniors and `E ≤ J·S` edges: `O(J·S)` to read the
/// graph off the weights, then Dinic's maximum flow (1970) in `O((V + E) √E)` time with
/// `V = J + S` (each augmenting path is unit along its pair edges, so a phase costs
/// `O(V + E)` and there are `O(√E)` phases); when every capacity is 1 the network is a unit
/// network and the bound is `O(E √V)`, as Hopcroft–Karp's. The witnesses take `O(V + E)`, the
/// skill lines `O(w·|X| + k·|N(X)|)` for `w` wishes a person and `k` wished skills. Extra
/// memory `O(J·S)` for the weights and `O(V + E)` for the network.
///
/// # Errors
///
/// - [`Error::InvalidOption`](crate::Error::InvalidOption) for an invalid `combination` (see [`Combination::validate`]);
/// - [`Error::RosterMismatch`](crate::Error::RosterMismatch) when `scored` was computed for another roster.
///
/// # Examples
///
/// Three seniors want to learn AI assistants, and only Ola can teach them; Kai teaches cloud
/// tools, which nobody asked for:
///
/// ```
/// use mentor_match::diagnosis::diagnose;
/// use mentor_match::{Combination, Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}},
///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}},
///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}},
///     {"id": "eva", "side": "senior", "wishes": {"ai-assistants": 3}},
///     {"id": "tom", "side": "senior", "wishes": {"ai-assistants": 4}}]}"#)?;
/// let scored = Matcher::new().score(&roster)?;
/// let diagnosis = diagnose(&roster, &scored, Combination::default())?;
/// assert_eq!(diagnosis.max_pairs, 1);
///
/// // Kai has nothing to teach or learn here: he is a junior who cannot be placed.
/// let juniors = diagnosis.juniors.as_ref().unwrap();
/// assert_eq!((juniors.deficiency, juniors.people.clone()), (1, vec!["kai".to_string()]));
///
/// let seniors = diagnosis.seniors.as_ref().unwrap();
/// assert_eq!(seniors.side, Side::Senior);
/// assert_eq!(seniors.deficiency, 2);
/// assert_eq!(seniors.people, ["jan", "eva", "tom"]);
/// assert_eq!(seniors.partners, ["ola"]);
/// assert_eq!(
///     seniors.to_string(),
///     "2 seniors cannot be matched: 3 seniors can pair only with 1 junior, who has 1 place \
///      for them; 3 seniors wish to learn ai-assistants; 1 junior can teach it and has 1 place"
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn diagnose(
    roster: &Roster,
    scored: &RosterScores,
    combination: Combination,
) -> Result<Diagnosis> {
    check_same_roster(roster, scored)?;
    let weights = scored.weights(combination)?;
    let (juniors, seniors) = (scored.juniors(), scored.seniors());
    let ns = seniors.len();
    // The juniors' rows of the graph: the seniors with a finite (so positive) weight.
    let mut start = Vec::with_capacity(juniors.len() + 1);
    start.push(0);
    let mut targets = Vec::new();
    if ns > 0 {
        for row in weights.as_slice().chunks_exact(ns) {
            targets.extend((0..ns).filter(|&c| row[c].is_finite()));
            start.push(targets.len());
        }
    } else {
        start.resize(juniors.len() + 1, 0);
    }
    let places = |ids: &[ParticipantId]| -> Vec<u32> {
        ids.iter()
            .map(|&p| roster.participant(p).capacity)
            .collect()
    };
    let (junior_places, senior_places) = (places(juniors), places(seniors));
    let hall = Compatibility {
        left_places: &junior_places,
        right_places: &senior_places,
        start: &start,
        targets: &targets,
    }
    .hall();
    let shortage = |side: Side, w: Witness| -> Option<Shortage> {
        let (own, other) = match side {
            Side::Junior => (juniors, seniors),
            Side::Senior => (seniors, juniors),
        };
        (w.deficiency > 0).then(|| explain(roster, side, own, other, w))
    };
    Ok(Diagnosis {
        max_pairs: hall.flow,
        juniors: shortage(Side::Junior, hall.left),
        seniors: shortage(Side::Senior, hall.right),
    })
}

/// Turns a witness on plain indices into a [`Shortage`] in mentoring terms.
fn explain(
    roster: &Roster,
    side: Side,
    own: &[ParticipantId],
    other: &[ParticipantId],
    w: Witness,
) -> Shortage {
    // Per wished skill: wishers, their places, and the lowest level among them (a partner
    // above it can teach at least one of them).
    struct Demand {
        skill: SkillId,
        wishing: u32,
        places: u64,
        lowest: u8,
    }
    let mut demand: Vec<Option<Demand>> = (0..roster.skill_count()).map(|_| None).collect();
    for &k in &w.people {
        let p = own[k];
        let capacity = u64::from(roster.participant(p).capacity);
        for &(skill, _) in roster.wishes(p) {
            let level = roster.level(p, skill);
            let d = demand[skill.index()].get_or_insert(Demand {
                skill,
                wishing: 0,
                places: 0,
                lowest: u8::MAX,
            });
            d.wishing += 1;
            d.places += capacity;
            d.lowest = d.lowest.min(level);
        }
    }
    let partners: Vec<ParticipantId> = w.partners.iter().map(|&k| other[k]).collect();
    let mut skills: Vec<SkillShortage> = demand
        .iter()
        .flatten()
        .map(|d| {
            let (mut teachers, mut places) = (0u32, 0u64);
            for &t in &partners {
                if roster.level(t, d.skill) > d.lowest {
                    teachers += 1;
                    places += u64::from(roster.participant(t).capacity);
                }
            }
            SkillShortage {
                skill: roster.skill_name(d.skill).to_owned(),
                wishing: d.wishing,
                wishing_places: d.places,
                teachers,
                places,
            }
        })
        .collect();
    // Largest shortage first; the skill name breaks ties, so the order is deterministic.
    skills.sort_by(|a, b| {
        let gap = |s: &SkillShortage| i128::from(s.wishing_places) - i128::from(s.places);
        (Reverse(gap(a)), &a.skill).cmp(&(Reverse(gap(b)), &b.skill))
    });
    let ids = |list: &[usize], of: &[ParticipantId]| -> Vec<String> {
        list.iter().map(|&k| roster.id(of[k]).to_owned()).collect()
    };
    Shortage {
        side,
        deficiency: w.deficiency,
        people: ids(&w.people, own),
        places: w.places,
        partners: ids(&w.partners, other),
        partner_places: w.partner_places,
        skills,
    }
}

/// `n` and the noun, plural unless `n` is 1: `1 senior`, `3 seniors`, `2 places`.
fn count(n: u64, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

impl fmt::Display for Shortage {
    /// One sentence: how many places cannot be filled, the group and its partners, then one
    /// clause a wished skill, for example `6 seniors cannot be matched: 9 seniors can pair only
    /// with 3 juniors, who have 3 places for them; 9 seniors wish to learn ai-assistants; 3
    /// juniors can teach it and have 3 places`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (own, other) = (self.side.to_string(), self.side.other().to_string());
        let people = self.people.len() as u64;
        // With capacities of 1, places are people.
        if self.places == people {
            write!(f, "{} cannot be matched: ", count(self.deficiency, &own))?;
        } else {
            write!(
                f,
                "{} cannot be filled: ",
                count(self.deficiency, &format!("{own} place"))
            )?;
        }
        let group = if self.places == people {
            count(people, &own)
        } else {
            format!("{} ({})", count(people, &own), count(self.places, "place"))
        };
        if self.partners.is_empty() {
            write!(f, "{group} can pair with nobody")?;
        } else {
            let n = self.partners.len() as u64;
            write!(
                f,
                "{group} can pair only with {}, who {} {} for them",
                count(n, &other),
                if n == 1 { "has" } else { "have" },
                count(self.partner_places, "place"),
            )?;
        }
        for s in &self.skills {
            let wishing = u64::from(s.wishing);
            let places = if s.wishing_places == wishing {
                String::new()
            } else {
                format!(" ({})", count(s.wishing_places, "place"))
            };
            write!(
                f,
                "; {}{places} {} to learn {}; ",
                count(wishing, &own),
                if wishing == 1 { "wishes" } else { "wish" },
                s.skill,
            )?;
            if s.teachers == 0 {
                write!(f, "no {other} can teach it")?;
            } else {
                let teachers = u64::from(s.teachers);
                write!(
                    f,
                    "{} can teach it and {} {}",
                    count(teachers, &other),
                    if teachers == 1 { "has" } else { "have" },
                    count(s.places, "place"),
                )?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Diagnosis {
    /// Each side's [`Shortage`] on its own line, juniors first, or `every place can be filled`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.juniors, &self.seniors) {
            (None, None) => f.write_str("every place can be filled"),
            (Some(j), None) => write!(f, "{j}"),
            (None, Some(s)) => write!(f, "{s}"),
            (Some(j), Some(s)) => write!(f, "{j}\n{s}"),
        }
    }
}

// =============================================================================================
// The graph part: plain indices, no people
// =============================================================================================

/// Compatibility data on plain indices: `left` and `right` people with their places, and the
/// partners of left person `a` as `targets[start[a]..start[a + 1]]` (right indices, each pair
/// at most once). A person with 0 places takes part in no pair.
pub(crate) struct Compatibility<'a> {
    pub(crate) left_places: &'a [u32],
    pub(crate) right_places: &'a [u32],
    pub(crate) start: &'a [usize],
    pub(crate) targets: &'a [usize],
}

/// One side's bottleneck on plain indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Witness {
    /// The side's total places minus the maximum flow.
    pub(crate) deficiency: u64,
    /// The smallest set `X` of largest deficiency, ascending (empty when the deficiency is 0).
    pub(crate) people: Vec<usize>,
    /// `places(X)`.
    pub(crate) places: u64,
    /// `N(X)`, ascending.
    pub(crate) partners: Vec<usize>,
    /// `Σ_{b ∈ N(X)} min(places(b), |X ∩ N(b)|)`; `places − partner_places = deficiency`.
    pub(crate) partner_places: u64,
}

/// The maximum flow and both sides' witnesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hall {
    /// The most pairs any matching can form.
    pub(crate) flow: u64,
    /// The left side's bottleneck.
    pub(crate) left: Witness,
    /// The right side's bottleneck.
    pub(crate) right: Witness,
}

impl Compatibility<'_> {
    /// The maximum flow (the most pairs) and each side's smallest set of largest deficiency.
    ///
    /// # Panics
    ///
    /// If the rows are malformed (`start` not of length `left + 1`, or a target out of
    /// range): an internal invariant, since [`diagnose`] builds them.
    pub(crate) fn hall(&self) -> Hall {
        let (nl, nr) = (self.left_places.len(), self.right_places.len());
        assert!(self.start.len() == nl + 1 && self.targets.iter().all(|&b| b < nr));
        let ne = self.targets.len();
        // Both halves as edge lists, so that the searches below are written once for a side
        // and its mirror image.
        let left_edges: Vec<usize> = (0..ne).collect();
        let mut left_of = vec![0; ne];
        for a in 0..nl {
            left_of[self.start[a]..self.start[a + 1]].fill(a);
        }
        let mut right_start = vec![0usize; nr + 1];
        for &b in self.targets {
            right_start[b + 1] += 1;
        }
        for b in 0..nr {
            right_start[b + 1] += right_start[b];
        }
        let mut fill = right_start.clone();
        let mut right_edges = vec![0; ne];
        for (e, &b) in self.targets.iter().enumerate() {
            right_edges[fill[b]] = e;
            fill[b] += 1;
        }
        let left = Half {
            start: self.start,
            edges: &left_edges,
            end: self.targets,
            places: self.left_places,
        };
        let right = Half {
            start: &right_start,
            edges: &right_edges,
            end: &left_of,
            places: self.right_places,
        };
        let mut used = vec![false; ne];
        let mut left_flow = vec![0u32; nl];
        let mut right_flow = vec![0u32; nr];
        let flow = max_flow(&left, &right, &mut used, &mut left_flow, &mut right_flow);
        Hall {
            flow,
            left: witness(&left, &right, &used, &left_flow, flow),
            right: witness(&right, &left, &used, &right_flow, flow),
        }
    }
}

/// The smallest set of largest deficiency on the side `this`, given a maximum flow of value
/// `flow` (`used`, and `filled` the places filled on this side).
///
/// `X` is everyone on this side reachable, in the residual network, from a person with a free
/// place: along a pair not formed to the other side, back along a pair formed to this side.
/// The other side's people reached are `Y`. (For the right side this is the same search in
/// the reversed network, where a maximum flow is still a maximum flow.)
///
/// Why `X` attains the maximum. Write `c` for places, `d_X(b) = |X ∩ N(b)|` and
/// `g(X') = c(X') − Σ_b min(c(b), d_X'(b))` (the deficiency). `S = {source} ∪ X ∪ Y` is the set
/// reached from the source, so no residual arc leaves it: everyone on this side outside `X` is
/// full, every pair from `X` to someone outside `Y` is formed, everyone in `Y` is full (else
/// the flow would augment), and no pair from someone outside `X` to someone in `Y` is formed
/// (its reverse arc would lead from `Y` to that person, who would then be reached).
/// The flow crosses the cut `S` only forwards, so
/// `flow = c(this ∖ X) + Σ_{b ∉ Y} d_X(b) + Σ_{b ∈ Y} c(b) ≥ c(this) − c(X) + Σ_b min(c(b), d_X(b))`,
/// that is `g(X) ≥ c(this) − flow`. Conversely every `X'` gives a cut `{source} ∪ X' ∪ Y'`
/// whose capacity `c(this ∖ X') + Σ_{b ∉ Y'} d_X'(b) + Σ_{b ∈ Y'} c(b)` bounds the flow; with
/// `b ∈ Y'` exactly when `c(b) < d_X'(b)` that is `c(this) − g(X')`, so
/// `g(X') ≤ c(this) − flow`. Hence `g(X) = c(this) − flow` is the largest deficiency
/// (Ore's formula, with capacities). And `X` is the smallest set attaining it: if `X'` does, its
/// cut above is a minimum cut; a maximum flow fills every arc out of a minimum cut and nothing
/// into it, so no residual arc leaves it and everything reached from the source, `S`, lies
/// inside; so `X ⊆ X'`.
fn witness(this: &Half<'_>, other: &Half<'_>, used: &[bool], filled: &[u32], flow: u64) -> Witness {
    let (n, m) = (this.len(), other.len());
    let (mut in_x, mut in_y) = (vec![false; n], vec![false; m]);
    let mut queue: Vec<usize> = (0..n).filter(|&a| filled[a] < this.places[a]).collect();
    for &a in &queue {
        in_x[a] = true;
    }
    // Alternate: this side along pairs not formed, the other side back along formed ones.
    let mut head = 0;
    while head < queue.len() {
        let a = queue[head];
        head += 1;
        for (e, b) in this.arcs(a) {
            if used[e] || in_y[b] {
                continue;
            }
            in_y[b] = true;
            for (f, a2) in other.arcs(b) {
                if used[f] && !in_x[a2] {
                    in_x[a2] = true;
                    queue.push(a2);
                }
            }
        }
    }
    let people: Vec<usize> = (0..n).filter(|&a| in_x[a]).collect();
    let places: u64 = people.iter().map(|&a| u64::from(this.places[a])).sum();
    let mut degree = vec![0u64; m];
    for &a in &people {
        for (_, b) in this.arcs(a) {
            degree[b] += 1;
        }
    }
    let partners: Vec<usize> = (0..m).filter(|&b| degree[b] > 0).collect();
    let partner_places: u64 = partners
        .iter()
        .map(|&b| u64::from(other.places[b]).min(degree[b]))
        .sum();
    let total: u64 = this.places.iter().map(|&c| u64::from(c)).sum();
    let deficiency = total - flow;
    debug_assert_eq!(places - partner_places, deficiency);
    Witness {
        deficiency,
        people,
        places,
        partners,
        partner_places,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Rows from an edge list (duplicates dropped).
    fn rows(left: usize, edges: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
        let mut start = vec![0];
        let mut targets = Vec::new();
        for a in 0..left {
            let mut mine: Vec<usize> = edges.iter().filter(|e| e.0 == a).map(|e| e.1).collect();
            mine.sort_unstable();
            mine.dedup();
            targets.extend(mine);
            start.push(targets.len());
        }
        (start, targets)
    }

    fn hall(lp: &[u32], rp: &[u32], edges: &[(usize, usize)]) -> Hall {
        let (start, targets) = rows(lp.len(), edges);
        Compatibility {
            left_places: lp,
            right_places: rp,
            start: &start,
            targets: &targets,
        }
        .hall()
    }

    /// The most pairs, each edge at most once and each person within their places: every
    /// subset of edges, by recursion.
    fn brute_flow(lp: &[u32], rp: &[u32], edges: &[(usize, usize)]) -> u64 {
        fn go(k: usize, edges: &[(usize, usize)], lp: &mut [u32], rp: &mut [u32]) -> u64 {
            let Some(&(a, b)) = edges.get(k) else {
                return 0;
            };
            let mut best = go(k + 1, edges, lp, rp);
            if lp[a] > 0 && rp[b] > 0 {
                lp[a] -= 1;
                rp[b] -= 1;
                best = best.max(1 + go(k + 1, edges, lp, rp));
                lp[a] += 1;
                rp[b] += 1;
            }
            best
        }
        go(0, edges, &mut lp.to_vec(), &mut rp.to_vec())
    }

    /// `g(X)` for the side with places `p`, the other side's places `q`, and `adj(x, y)`.
    fn g(mask: u32, p: &[u32], q: &[u32], adj: impl Fn(usize, usize) -> bool) -> i64 {
        let mut value: i64 = (0..p.len())
            .filter(|&a| mask >> a & 1 == 1)
            .map(|a| i64::from(p[a]))
            .sum();
        for (b, &places) in q.iter().enumerate() {
            let d = (0..p.len())
                .filter(|&a| mask >> a & 1 == 1 && adj(a, b))
                .count() as i64;
            value -= d.min(i64::from(places));
        }
        value
    }

    fn mask_of(set: &[usize]) -> u32 {
        set.iter().fold(0, |m, &a| m | 1 << a)
    }

    /// Checks one side's witness against every subset of that side.
    fn check_side(
        w: &Witness,
        p: &[u32],
        q: &[u32],
        adj: impl Fn(usize, usize) -> bool + Copy,
        flow: u64,
    ) {
        let total: u64 = p.iter().map(|&c| u64::from(c)).sum();
        assert_eq!(w.deficiency, total - flow);
        let x = mask_of(&w.people);
        assert_eq!(g(x, p, q, adj), w.deficiency as i64, "witness {w:?}");
        assert_eq!(
            w.places as i64 - w.partner_places as i64,
            w.deficiency as i64
        );
        let partners: Vec<usize> = (0..q.len())
            .filter(|&b| w.people.iter().any(|&a| adj(a, b)))
            .collect();
        assert_eq!(w.partners, partners);
        for mask in 0..1u32 << p.len() {
            let value = g(mask, p, q, adj);
            assert!(value <= w.deficiency as i64, "{mask:b} beats {w:?}");
            if value == w.deficiency as i64 {
                // The witness is the smallest maximiser: inside every other one.
                assert_eq!(x & !mask, 0, "{mask:b} attains it without all of {w:?}");
            }
        }
    }

    #[test]
    fn one_pair_is_formed_once_whatever_the_places() {
        // Ola has 3 places and Jan 3, but they can only be paired once: 2 places stay empty on
        // each side, although places(X) − places(N(X)) would be 0.
        let h = hall(&[3], &[3], &[(0, 0)]);
        assert_eq!(h.flow, 1);
        let expected = Witness {
            deficiency: 2,
            people: vec![0],
            places: 3,
            partners: vec![0],
            partner_places: 1,
        };
        assert_eq!(h.left, expected);
        assert_eq!(h.right, expected);
    }

    #[test]
    fn display_counts_places_when_capacities_are_above_one() {
        // Not yet writable in a roster: built by hand.
        let shortage = Shortage {
            side: Side::Senior,
            deficiency: 3,
            people: vec!["jan".into(), "eva".into()],
            places: 4,
            partners: vec!["ola".into()],
            partner_places: 1,
            skills: vec![SkillShortage {
                skill: "ai-assistants".into(),
                wishing: 2,
                wishing_places: 4,
                teachers: 1,
                places: 3,
            }],
        };
        assert_eq!(
            shortage.to_string(),
            "3 senior places cannot be filled: 2 seniors (4 places) can pair only with 1 junior, \
             who has 1 place for them; 2 seniors (4 places) wish to learn ai-assistants; 1 junior \
             can teach it and has 3 places"
        );
    }

    #[test]
    fn known_answers() {
        // Empty graphs.
        let h = hall(&[], &[], &[]);
        assert_eq!((h.flow, h.left.deficiency, h.right.deficiency), (0, 0, 0));
        let h = hall(&[1, 2], &[], &[]);
        assert_eq!((h.left.deficiency, h.left.people.clone()), (3, vec![0, 1]));
        assert_eq!(h.right.people, Vec::<usize>::new());
        // Hall's condition failing (Lovász & Plummer 1986, §1.3): left 0, 1, 2 all want right
        // 0 or 1, left 3 wants right 2 alone. Deficiency 1, and X = {0, 1, 2}, not left 3,
        // who is fine.
        let h = hall(
            &[1; 4],
            &[1; 3],
            &[(0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (3, 2)],
        );
        assert_eq!(h.flow, 3);
        assert_eq!(h.left.people, [0, 1, 2]);
        assert_eq!(h.left.partners, [0, 1]);
        assert_eq!(h.right.deficiency, 0);
        assert!(h.right.people.is_empty());
        // Capacities: a mentor with 2 places shared by 3 learners, one learner with none.
        let h = hall(&[1, 1, 1, 0], &[2], &[(0, 0), (1, 0), (2, 0), (3, 0)]);
        assert_eq!(h.flow, 2);
        assert_eq!((h.left.deficiency, h.left.partner_places), (1, 2));
        assert_eq!(h.left.people, [0, 1, 2]);
        assert_eq!(h.right.deficiency, 0);
        // A path where the first phase picks the wrong pair and a later phase must undo it.
        let h = hall(&[1, 1], &[1, 1], &[(0, 0), (0, 1), (1, 0)]);
        assert_eq!((h.flow, h.left.deficiency, h.right.deficiency), (2, 0, 0));
    }

    fn small_graph() -> impl Strategy<Value = (Vec<u32>, Vec<u32>, Vec<(usize, usize)>)> {
        (0usize..=4, 0usize..=4).prop_flat_map(|(nl, nr)| {
            (
                proptest::collection::vec(0u32..=3, nl),
                proptest::collection::vec(0u32..=3, nr),
                proptest::collection::vec(proptest::bool::weighted(0.45), nl * nr),
            )
                .prop_map(move |(lp, rp, bits)| {
                    let edges = (0..nl * nr)
                        .filter(|&k| bits[k])
                        .map(|k| (k / nr, k % nr))
                        .collect();
                    (lp, rp, edges)
                })
        })
    }

    fn unit_graph() -> impl Strategy<Value = (usize, usize, Vec<(usize, usize)>)> {
        (0usize..=40, 0usize..=40, 0.0f64..0.3).prop_flat_map(|(nl, nr, p)| {
            proptest::collection::vec(proptest::bool::weighted(p.max(1e-9)), nl * nr).prop_map(
                move |bits| {
                    let edges = (0..nl * nr)
                        .filter(|&k| bits[k])
                        .map(|k| (k / nr, k % nr))
                        .collect();
                    (nl, nr, edges)
                },
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None,
            ..ProptestConfig::default() })]

        /// Capacities 0 to 3: the flow is the most pairs, and each side's witness has the
        /// largest Hall deficiency of all subsets, equal to places minus the flow, and lies
        /// inside every other subset that has it.
        #[test]
        fn agrees_with_brute_force((lp, rp, edges) in small_graph()) {
            let h = hall(&lp, &rp, &edges);
            prop_assert_eq!(h.flow, brute_flow(&lp, &rp, &edges));
            let adj = |a: usize, b: usize| edges.contains(&(a, b));
            check_side(&h.left, &lp, &rp, adj, h.flow);
            check_side(&h.right, &rp, &lp, |b, a| adj(a, b), h.flow);
        }

        /// Capacities of 1 on larger graphs: the flow is Hopcroft–Karp's maximum matching, and
        /// each witness has `|X| − |N(X)|` equal to the deficiency.
        #[test]
        fn unit_capacities_agree_with_hopcroft_karp((nl, nr, edges) in unit_graph()) {
            let (start, targets) = rows(nl, &edges);
            let size = crate::matching::flow::bipartite::maximum_matching_size(&crate::matching::flow::bipartite::Graph {
                right: nr,
                start: &start,
                targets: &targets,
            });
            let h = hall(&vec![1; nl], &vec![1; nr], &edges);
            prop_assert_eq!(h.flow, size as u64);
            for (w, n) in [(&h.left, nl), (&h.right, nr)] {
                prop_assert_eq!(w.deficiency, (n - size) as u64);
                prop_assert_eq!(w.people.len() - w.partners.len(), w.deficiency as usize);
                prop_assert_eq!(w.partner_places, w.partners.len() as u64);
            }
        }
    }
}
