//! Explaining a sparse solve: the gains are read off the candidate graph, and so are most
//! reasons; only participants without a single candidate are scanned against the rules.

use super::builder::Matcher;
use super::explain::{matched, rule_exclusions, unmatched, unmatched_reason};
use super::result::{Matching, Pair, Reason};
use crate::mentoring::candidates::{CandidateGraph, Phase, par_map};
use crate::mentoring::error::{MatrixError, Result};
use crate::mentoring::model::{ParticipantId, Roster, Side};
use crate::mentoring::score::criteria::Blend;

/// How many of a participant's possible partners the rules allow, and how many each rule
/// excluded (by the rule's position).
type RuleScan = (usize, Vec<usize>);

impl Matcher {
    /// The [`Matching`] of a sparse solve: as [`explain`](Self::explain), with the gains read
    /// off the graph; `threads` scan the rules for those without candidates.
    pub(super) fn explain_graph(
        &self,
        roster: &Roster,
        graph: &CandidateGraph,
        threads: usize,
        chosen: &[(usize, usize)],
    ) -> Result<Matching> {
        let total = chosen.len() + roster.len();
        self.report(Phase::Explaining, 0, total);
        // The sparse method runs on plain blends only (see `sparse_scorer`). Built once: it
        // reads the whole roster.
        let blend = Blend::new(roster);
        // Each pair's lessons are its own: made on the threads, in order (at 200,000 +
        // 200,000 the pairs' explanations took 0.45–0.5 s on one).
        let pairs = par_map(chosen, threads, |&(r, c)| {
            self.graph_pair(roster, &blend, graph, r, c)
        })
        .into_iter()
        .collect::<Result<Vec<Pair>>>()?;
        let matched = matched(roster, chosen, graph.juniors(), graph.seniors());
        // When an unmatched participant has partners in the graph, every one of them is
        // matched elsewhere (else the optimum would pair them), so the reason is read off the
        // graph; only those with none need a scan of the other side, for the rules that
        // excluded them.
        let degree = degrees(roster, graph);
        let lonely: Vec<ParticipantId> = roster
            .participants()
            .filter(|&p| {
                !matched[p.index()] && roster.participant(p).capacity > 0 && degree[p.index()] == 0
            })
            .collect();
        let mut scans = self.scan_rules(roster, graph, &lonely, threads);
        let rule_names = self.rules.names();
        let available = (graph.juniors().len(), graph.seniors().len());
        let unmatched = unmatched(roster, &matched, available, |p, _, _| {
            match degree[p.index()] {
                0 => {
                    // Every participant without candidates was scanned.
                    let (allowed, excluded) = scans[p.index()].take().unwrap_or_default();
                    unmatched_reason(allowed, 0, rule_exclusions(&rule_names, excluded))
                }
                candidates => (Reason::PartnersTaken { candidates }, Vec::new()),
            }
        });
        self.report(Phase::Explaining, total, total);
        Ok(Matching::new(
            pairs,
            unmatched,
            self.objective,
            self.strategy_name(),
        ))
    }

    /// The pair at junior `r`, senior `c` of the graph, with its lessons.
    fn graph_pair(
        &self,
        roster: &Roster,
        blend: &Blend,
        graph: &CandidateGraph,
        r: usize,
        c: usize,
    ) -> Result<Pair> {
        let edge = graph.edge(r, c).ok_or(MatrixError::InvalidPair {
            junior: r,
            senior: c,
            why: "not in the candidate graph",
        })?;
        let (j, s) = (graph.juniors()[r], graph.seniors()[c]);
        Ok(self.pair(roster, blend, (j, s), (edge.junior_gain, edge.senior_gain)))
    }

    /// For each of the `lonely`, by participant index: how many people of the other side in
    /// the graph the rules allow, and how many each rule excluded. On `threads` threads.
    fn scan_rules(
        &self,
        roster: &Roster,
        graph: &CandidateGraph,
        lonely: &[ParticipantId],
        threads: usize,
    ) -> Vec<Option<RuleScan>> {
        let rules = &self.rules;
        let scanned = par_map(lonely, threads, |&p| {
            let others = match roster.side(p) {
                Side::Junior => graph.seniors(),
                Side::Senior => graph.juniors(),
            };
            let mut excluded = vec![0usize; rules.len()];
            let mut allowed = 0;
            for &q in others {
                let (j, s) = match roster.side(p) {
                    Side::Junior => (p, q),
                    Side::Senior => (q, p),
                };
                match rules.first_violated(roster, j, s) {
                    Some(rule) => excluded[rule] += 1,
                    None => allowed += 1,
                }
            }
            (allowed, excluded)
        });
        let mut scans = vec![None; roster.len()];
        for (p, counts) in lonely.iter().zip(scanned) {
            scans[p.index()] = Some(counts);
        }
        scans
    }
}

/// Each participant's number of partners in the graph, by participant index.
fn degrees(roster: &Roster, graph: &CandidateGraph) -> Vec<usize> {
    let mut degree = vec![0usize; roster.len()];
    for (r, &j) in graph.juniors().iter().enumerate() {
        for (c, _) in graph.partners(r) {
            degree[j.index()] += 1;
            degree[graph.seniors()[c].index()] += 1;
        }
    }
    degree
}
