//! The sparse method: a candidate graph of each participant's best partners instead of every
//! pair, widened until nobody left out could be matched, and solved exactly.

use super::builder::Matcher;
use super::guarantee::Guarantee;
use super::objective::Objective;
use super::prices;
use super::result::Matching;
use super::scoring::available_sides;
use crate::matching::assignment::{
    ByColumn, Cardinality, Options, Sense, Solution, TableNames, by_columns,
    solve_sparse_with_progress,
};
use crate::matching::capacitated;
use crate::matching::flow::bipartite::{
    Graph, grow_matching, grow_matching_around, left_out_by_some_maximum_matching,
};
use crate::mentoring::candidates::{self, Among, CandidateGraph, Phase, Prices, Search};
use crate::mentoring::error::{Error, Result};
use crate::mentoring::model::{ParticipantId, Roster, Side};
use crate::mentoring::score::MutualBenefit;

/// More threads than this only cost memory and start-up: the result is the same.
const MAX_THREADS: usize = 256;

impl Matcher {
    /// The sparse candidate graph of the roster: each available participant's best
    /// [`candidates_per_person`](Self::with_candidates_per_person) partners under the rules and the
    /// combination. See [`crate::candidates`] for how they are found without scoring every
    /// pair.
    ///
    /// # Errors
    ///
    /// [`Error::SparseUnsupported`] with a scorer other than [`MutualBenefit`];
    /// [`Error::InvalidOption`] for invalid scorer or combination parameters, or a `k` or a
    /// thread count of 0; [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) (as [`Error::Matrix`]) when the graph's
    /// tables cannot be allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::generate::Population;
    /// use mentor_match::Matcher;
    ///
    /// let roster = Population::new(1000, 1000).with_seed(1).roster()?;
    /// let graph = Matcher::new().with_candidates_per_person(8).candidates(&roster)?;
    /// assert!(graph.edges() <= 8 * 2000);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn candidates(&self, roster: &Roster) -> Result<CandidateGraph> {
        let scorer = self.mutual_benefit()?;
        let search = self.search(roster, &scorer)?;
        self.candidate_graph(&search)
    }

    /// The sparse method: candidates, widen, solve, widen for the unmatched and solve again,
    /// explain.
    pub(super) fn solve_sparse(&self, roster: &Roster) -> Result<Matching> {
        if self.total_is_most_pairs(roster) {
            // The same pairs as the most pairs' (see `total_is_most_pairs`), whose widening
            // rounds and copies avoid the many-to-many network.
            let most_pairs = Matcher {
                objective: Objective::MostPairs,
                ..self.clone()
            };
            return Ok(most_pairs
                .solve_sparse(roster)?
                .with_objective(self.objective));
        }
        let scorer = self.sparse_scorer(roster)?;
        let search = self.search(roster, &scorer)?;
        let graph = self.candidate_graph(&search)?;
        // Everyone's best partners tend to be the same few people, so a graph of best lists
        // can leave many unmatched who would pair well with each other. So, while a matching
        // leaves people out on both sides, people it leaves out (or could leave out) are
        // searched again among those of their kind on the other side only, and what is found
        // joins the graph. Every round that adds an edge joins two such people, so the next
        // matching can grow; the rounds end when no two people left out can be paired at all
        // (a positive score, allowed by the rules). One to one, the rounds run first on
        // maximum matchings (Hopcroft–Karp, cheap), for everyone some maximum matching could
        // leave out and then for the people one leaves out, then on the optimal matching
        // itself; under capacities, on the optimal pairs, for the people with room left.
        let every_pair = self.guarantee == Guarantee::EveryPair;
        let (graph, pairs) = if takes_several(roster) {
            let graph = self.widen_by_capacity(&search, graph)?;
            let steers = self.steers_by_copies(roster);
            let mut solve = |graph: &CandidateGraph, last: Option<&ManyToMany>, pass: Pass| {
                self.report(Phase::Solving, 0, 1);
                // A widening round only needs to know who has room: without the spreading
                // level, the assignment engine solves on copies (see `steers_by_copies`); the
                // last round solves the objective itself.
                let spreading = match pass {
                    Pass::Widening if steers => capacitated::Spreading::Free,
                    _ => self.spreading,
                };
                let solution =
                    self.solve_capacitated(roster, graph, last, search.threads, spreading);
                self.report(Phase::Solving, 1, 1);
                Ok(solution)
            };
            let optimum = self.solve_and_widen(&search, graph, None, &mut solve)?;
            // The copies' prices or the final network's labels (asked for with the every-pair
            // guarantee) price it.
            let (graph, optimum) = self.price_and_solve(&search, optimum, &mut solve, |g, o| {
                if let Some(prices) = &o.copy_prices {
                    return Some(prices.clone());
                }
                let labels = o.labels.as_ref()?;
                prices::many_to_many(g, &o.solution, labels, self.cardinality())
            })?;
            (graph, optimum.solution.pairs().to_vec())
        } else {
            let (graph, matching) = self.widen_on_maximum_matchings(&search, graph)?;
            // Each exact solve starts from the last one's potentials: the graph only grew. The
            // first starts its maximum matching from the widening's (on a 200,000 + 200,000
            // roster, seed 1, Hopcroft–Karp from nothing took 1.8 s there).
            let options = Options::new(Sense::Maximize).with_cardinality(self.cardinality());
            let mut solve = |graph: &CandidateGraph, last: Option<&Solution<f64>>, _: Pass| {
                Ok(solve_sparse_with_progress(
                    graph.scores(),
                    options,
                    last,
                    Some(&matching),
                    search.threads,
                    &mut |done, total| self.report(Phase::Solving, done, total),
                )?)
            };
            let optimum = self.solve_and_widen(&search, graph, None, &mut solve)?;
            let (graph, solution) =
                self.price_and_solve(&search, optimum, &mut solve, |g, o| {
                    if every_pair {
                        prices::one_to_one(g, o)
                    } else {
                        None
                    }
                })?;
            (graph, solution.pairs().to_vec())
        };
        self.explain_graph(roster, &graph, search.threads, &pairs)
    }

    /// With the every-pair guarantee: the optimum of the graph (`optimum`, found by `solve`)
    /// priced against every pair outside it; the pairs that score above their prices join
    /// the graph and it is solved again (and widened), until none does and the prices prove
    /// it optimal over the whole roster, or `prices` gives none (without the guarantee, at
    /// once).
    fn price_and_solve<S: Widened>(
        &self,
        search: &Search<'_>,
        (mut graph, mut optimum): (CandidateGraph, S),
        solve: &mut SolveRound<'_, S>,
        prices: impl Fn(&CandidateGraph, &S) -> Option<Prices>,
    ) -> Result<(CandidateGraph, S)> {
        while let Some(prices) = prices(&graph, &optimum) {
            let mut report = |done, total| self.report(Phase::Pricing, done, total);
            let (priced, gained) =
                search.price(graph, &prices, self.candidates_per_person, &mut report)?;
            graph = priced;
            if gained == 0 {
                break;
            }
            (graph, optimum) = self.solve_and_widen(search, graph, Some(optimum), solve)?;
        }
        Ok((graph, optimum))
    }

    /// The graph with the candidate lists of everyone who may take several partners grown to
    /// [`candidates_per_person`](Self::with_candidates_per_person) times their capacity: a senior
    /// who mentors four juniors needs four times the choice to fill the places as well as a
    /// senior who mentors one.
    fn widen_by_capacity(
        &self,
        search: &Search<'_>,
        mut graph: CandidateGraph,
    ) -> Result<CandidateGraph> {
        let roster = search.roster;
        let capacity = |ids: &[ParticipantId], p: usize| roster.participant(ids[p]).capacity;
        let mut capacities: Vec<u32> = (graph.juniors().iter().chain(graph.seniors()))
            .map(|&p| roster.participant(p).capacity)
            .filter(|&c| c > 1)
            .collect();
        capacities.sort_unstable();
        capacities.dedup();
        let mut report = |done, total| self.report(Phase::Candidates, done, total);
        for c in capacities {
            let with = |ids: &[ParticipantId]| -> Vec<usize> {
                (0..ids.len()).filter(|&p| capacity(ids, p) == c).collect()
            };
            let (juniors, seniors) = (with(graph.juniors()), with(graph.seniors()));
            let k = self.candidates_per_person.saturating_mul(c as usize);
            (graph, _) =
                search.widen_for(graph, &juniors, &seniors, Among::Everyone, k, &mut report)?;
        }
        Ok(graph)
    }

    /// Whether the best total alone ([`Objective::TotalScore`]) chooses the same pairs as the
    /// most pairs on this roster, so that it can be solved as the most pairs are: under
    /// capacities with spreading first ([`Spreading::FirstPartnersFirst`], the default), where
    /// nobody on one side takes more than one partner and nobody needs a minimum.
    ///
    /// Spreading asks first for the most people with a partner. Every pair covers one person
    /// of one place, so the people covered are the pairs plus the people of several places
    /// with a partner. No set of pairs has more pairs than the most, nor covers more people
    /// of several places than a maximum one-to-one matching; and some set does both: grow
    /// such a matching by augmenting paths, each of which adds a pair and uncovers nobody. So
    /// every set that covers the most people also has the most pairs, and the best total
    /// among those sets is what both objectives choose. (Solved on its own, the best total
    /// alone took the sparse method's many-to-many network: 29–49 s at 20,000 juniors and
    /// 5,000 seniors of capacity 4 on seeds 14 and 19, against 2.9–3.3 s as the most pairs;
    /// BENCHMARKS.md.)
    ///
    /// [`Spreading::FirstPartnersFirst`]: capacitated::Spreading::FirstPartnersFirst
    fn total_is_most_pairs(&self, roster: &Roster) -> bool {
        let one_place_each = |side: Side| {
            roster
                .participants()
                .filter(|&p| roster.participant(p).side == side)
                .all(|p| roster.participant(p).capacity <= 1)
        };
        self.objective == Objective::TotalScore
            && self.spreading == capacitated::Spreading::FirstPartnersFirst
            && takes_several(roster)
            && (one_place_each(Side::Junior) || one_place_each(Side::Senior))
            && roster
                .participants()
                .all(|p| roster.required_partners(p) == 0)
    }

    /// Whether the widening rounds under capacities may choose whom to widen for by the
    /// optimum without the spreading level. The assignment engine finds that one on copies
    /// of the people of several places, where everyone on the other side takes one partner
    /// (`capacitated::copies_apply`). The objective's own optimum may need the network's
    /// successive shortest paths, one search a pair once pairs stop tying (on generated
    /// rosters of 20,000 juniors and 5,000 seniors of capacity 4, seeds 14 and 19: 11–14 s a
    /// solve, and up to six solves). The last round solves the objective itself, so the
    /// result is its exact optimum on the final graph either way. Not with the every-pair
    /// guarantee, whose pricing needs the objective's own optimum of every round with what
    /// prices it (the copies' potentials or the network's labels).
    fn steers_by_copies(&self, roster: &Roster) -> bool {
        let capacities = |side: Side| {
            roster
                .participants()
                .filter(move |&p| roster.participant(p).side == side)
                .map(|p| roster.participant(p).capacity)
        };
        self.spreading == capacitated::Spreading::FirstPartnersFirst
            && self.guarantee != Guarantee::EveryPair
            && capacitated::copies_apply(
                capacities(Side::Junior),
                capacities(Side::Senior),
                self.cardinality(),
            )
    }

    /// The exact many-to-many optimum of the graph under the participants' capacities, the
    /// objective and `spreading`, as the dense method finds it on every pair.
    ///
    /// With the labels of the `last` optimum (a smaller graph's), the network starts from it.
    /// The assignment engine, where it solves the problem on copies, runs on up to `threads`
    /// threads.
    fn solve_capacitated(
        &self,
        roster: &Roster,
        graph: &CandidateGraph,
        last: Option<&ManyToMany>,
        threads: usize,
        spreading: capacitated::Spreading,
    ) -> ManyToMany {
        let capacities = |ids: &[ParticipantId]| -> Vec<u32> {
            ids.iter()
                .map(|&p| roster.participant(p).capacity)
                .collect()
        };
        let options = capacitated::Options::new()
            .with_cardinality(self.cardinality())
            .with_spreading(spreading);
        // The every-pair guarantee prices the pairs outside the graph: with the copies'
        // potentials where they certify the optimum over the whole roster, else with the
        // network's labels (solved again on the network if need be).
        let labels = match self.guarantee {
            Guarantee::EveryPair => capacitated::Labels::CopiesOrNetwork,
            _ => capacitated::Labels::Without,
        };
        let (juniors, seniors) = (capacities(graph.juniors()), capacities(graph.seniors()));
        let solve = |labels| {
            capacitated::solve_sparse(
                graph.scores(),
                &juniors,
                &seniors,
                options,
                labels,
                last.and_then(|l| {
                    Some(capacitated::Start {
                        pairs: l.solution.pairs(),
                        labels: l.labels.as_deref()?,
                    })
                }),
                threads,
            )
        };
        let mut optimum = solve(labels);
        let mut copy_prices = None;
        if let Some(potentials) = &optimum.copies {
            copy_prices = prices::copies(graph, &optimum.solution, potentials, self.spreading);
            if copy_prices.is_none() {
                optimum = solve(capacitated::Labels::Network);
            }
        }
        let solution = optimum.solution;
        // An optimum without the spreading level that covers the most people there are to
        // cover is the spreading objective's optimum too.
        let settled = spreading == self.spreading
            || capacitated::covers_the_most(graph.scores(), &solution, &juniors, &seniors);
        ManyToMany {
            solution,
            labels: optimum.labels,
            copy_prices,
            settled,
        }
    }

    /// The widening rounds on maximum matchings: until a maximum matching of the graph leaves
    /// nobody out on one side, or neither the people it leaves out nor the people any maximum
    /// matching could leave out gain an edge.
    ///
    /// Widening only for the people one maximum matching leaves out is not enough: the exact
    /// optimum leaves out others, among everyone some maximum matching could leave out, and
    /// they too may pair with each other. Measured on generated rosters of 100,000 + 100,000
    /// (seeds 1 to 5): without rounds for them, the exact solve left hundreds of
    /// people out, each of them then widened and solved again (two to eight more solves of
    /// the whole graph), and the final totals were 2–3 % lower (97,959 against 99,965 on
    /// seed 1); with it, one solve, nobody left out, and 16.3–32.6 s end to end against
    /// 25.1–53.0 s (BENCHMARKS.md).
    ///
    /// That kind of round comes first. The first graph's lists favour the few people in
    /// classes of their own (a search takes the members of the classes it visits first, and
    /// a class of one is visited as often as a class of thousands), more so in a larger
    /// roster, so the share it leaves out grows with the roster: on generated rosters, seed 3,
    /// 5 % at 25,000 + 25,000, 13 % at 100,000 and 21 % at 200,000, and searched among each
    /// other first they took 10 and 14 rounds at the two larger sizes. Searched first,
    /// everyone a maximum matching could leave out took one round at both, and the graph
    /// holds more of the pairs the optimum needs: at 2,000 + 2,000 (seeds 2 and 3, `k` = 16)
    /// its optimum was 0.008 % and 0.004 % below the dense one, against 1.89 % and 0.83 %
    /// before, and at 100,000 + 100,000 the totals rose 0.35–0.48 % on seeds 2 and 5 and fell
    /// by at most 0.015 % on seeds 1, 3 and 4 (0.06 % on seed 3 at 200,000 + 200,000), in
    /// 0.90–1.05 times the time (0.83–1.17 at 200,000; BENCHMARKS.md).
    fn widen_on_maximum_matchings(
        &self,
        search: &Search<'_>,
        mut graph: CandidateGraph,
    ) -> Result<(CandidateGraph, Vec<usize>)> {
        // Each round's matching is still a matching of the widened graph: Hopcroft–Karp grows
        // it rather than starting again (on 100,000 + 100,000 rosters, 17 rounds from scratch
        // took about 0.6 s each).
        let mut mates = Mates {
            junior: vec![usize::MAX; graph.juniors().len()],
            senior: vec![usize::MAX; graph.seniors().len()],
            closed: vec![false; graph.juniors().len()],
        };
        let mut report = |done, total| self.report(Phase::Widening, done, total);
        // Everyone a maximum matching of the first graph could leave out first; then the
        // people one leaves out, while that adds edges; then everyone again. The rounds end
        // when one of each kind in a row adds nothing: a round for everyone can fill a list
        // with edges the graph has, passing over a lower-scoring partner among the people
        // left out, whom a round for those alone finds (no edge joins two of them).
        let mut whom = Whom::CouldBeLeftOut;
        let mut idle = false; // the last round added nothing
        loop {
            mates.grow(&graph);
            let (free_juniors, free_seniors) = match whom {
                Whom::LeftOut => mates.left_out(),
                Whom::CouldBeLeftOut => mates.could_be_left_out(&graph),
            };
            if free_juniors.is_empty() || free_seniors.is_empty() {
                return Ok((graph, mates.junior));
            }
            let (widened, gained) = search.widen_for(
                graph,
                &free_juniors,
                &free_seniors,
                Among::Free,
                self.candidates_per_person,
                &mut report,
            )?;
            graph = widened;
            if matches!(whom, Whom::CouldBeLeftOut) && gained > 0 {
                // The new edges start at juniors the matching may cover: the paths through
                // them may reach somebody free now.
                mates.open_all();
            }
            if gained == 0 && idle {
                // Neither kind of round added anything: the matching is still a maximum one
                // of the graph, and nobody it could leave out can pair with another.
                return Ok((graph, mates.junior));
            }
            idle = gained == 0;
            whom = match (gained, whom) {
                (0, Whom::LeftOut) => Whom::CouldBeLeftOut,
                _ => Whom::LeftOut,
            };
        }
    }

    /// The exact optimum of the graph by `solve` (given the graph and the last optimum, at
    /// first `last`), widened for the people with room left on both sides (see
    /// [`widen_after`](Self::widen_after)) and solved again until nothing more can be gained;
    /// the graph it was found on, with it.
    fn solve_and_widen<S: Widened>(
        &self,
        search: &Search<'_>,
        mut graph: CandidateGraph,
        mut last: Option<S>,
        solve: &mut SolveRound<'_, S>,
    ) -> Result<(CandidateGraph, S)> {
        let mut wider = self.candidates_per_person;
        let mut pass = Pass::Widening;
        loop {
            let solution = solve(&graph, last.as_ref(), pass)?;
            let (widened, rounds) = self.widen_after(search, graph, &solution, &mut wider)?;
            graph = widened;
            pass = match rounds {
                Rounds::GoOn => Pass::Widening,
                Rounds::End if solution.settled() => return Ok((graph, solution)),
                // The rounds would end on an optimum that is not the objective's own: the
                // graph is solved again for it, and the rounds go on from that optimum.
                Rounds::End => Pass::Final,
            };
            last = Some(solution);
        }
    }

    /// One widening round after `solution`, an optimum of `graph`: the people it leaves with
    /// room on both sides searched among each other, and whether the rounds go on (the graph
    /// gained an edge that could change the optimum).
    ///
    /// Two people left out who cannot pair may still both be matched through a chain of
    /// swaps with people already matched, along pairs the graph lacks. So, once the people
    /// left out cannot pair with each other, each of them gets more candidates among
    /// everyone: twice as many each time (`wider`, the length of their lists), until a round
    /// adds nothing or their lists hold every partner there is, or (with the best total
    /// alone) until no edge a round adds could improve the total.
    fn widen_after<S: Widened>(
        &self,
        search: &Search<'_>,
        graph: CandidateGraph,
        solution: &S,
        wider: &mut usize,
    ) -> Result<(CandidateGraph, Rounds)> {
        let k = self.candidates_per_person;
        let largest = graph.juniors().len().max(graph.seniors().len());
        let (free_juniors, free_seniors) = solution.with_room();
        if free_juniors.is_empty() || free_seniors.is_empty() {
            return Ok((graph, Rounds::End));
        }
        let mut report = |done, total| self.report(Phase::Widening, done, total);
        let (graph, gained) = search.widen_for(
            graph,
            &free_juniors,
            &free_seniors,
            Among::Free,
            k,
            &mut report,
        )?;
        // Under capacities, the people with room may still be joined through swaps: a new
        // edge between someone a chain of swaps could give room on one side and on the
        // other lets the flow grow (one to one, `widen_on_maximum_matchings` did this).
        let (graph, gained) = match gained {
            0 if self.cardinality() == Cardinality::Maximum => {
                let (juniors, seniors) = solution.could_gain_room(&graph)?;
                search.widen_for(graph, &juniors, &seniors, Among::Free, k, &mut report)?
            }
            gained => (graph, gained),
        };
        if gained > 0 {
            return Ok((graph, Rounds::GoOn));
        }
        if *wider >= largest {
            return Ok((graph, Rounds::End));
        }
        *wider = wider.saturating_mul(2).min(largest);
        let (graph, gained) = search.widen_for(
            graph,
            &free_juniors,
            &free_seniors,
            Among::Everyone,
            *wider,
            &mut report,
        )?;
        // With the best total alone, people are left out because pairing them costs more
        // than it gains, and their lists would otherwise grow round after round up to
        // everyone (on 100,000 + 100,000 rosters, a dozen more solves). Without a new edge
        // that could improve the total, the rounds end.
        let improves = |graph: &CandidateGraph| {
            self.cardinality() == Cardinality::Maximum
                || solution.improvable(graph, &free_juniors, &free_seniors)
        };
        if gained == 0 || !improves(&graph) {
            return Ok((graph, Rounds::End));
        }
        Ok((graph, Rounds::GoOn))
    }

    /// The graph of the roster's best partners under the options.
    fn candidate_graph(&self, search: &Search<'_>) -> Result<CandidateGraph> {
        let (juniors, seniors) = available_sides(search.roster);
        search.graph(
            juniors,
            seniors,
            self.candidates_per_person,
            &mut |done, total| self.report(Phase::Candidates, done, total),
        )
    }

    /// The candidate search, after checking the scorer, the combination and the sparse
    /// options.
    fn search<'a>(&'a self, roster: &'a Roster, scorer: &'a MutualBenefit) -> Result<Search<'a>> {
        scorer.validate()?;
        self.combination.validate()?;
        self.check_sparse_options()?;
        let threads = self
            .threads
            .unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
            })
            .min(MAX_THREADS);
        Ok(Search {
            roster,
            scorer,
            rules: &self.rules,
            combination: self.combination,
            threads,
        })
    }

    /// The matcher's [`MutualBenefit`] when the sparse method supports every option, else
    /// [`Error::SparseUnsupported`] saying which does not.
    pub(super) fn sparse_scorer(&self, roster: &Roster) -> Result<MutualBenefit> {
        let unsupported = |what: String| Err(Error::SparseUnsupported { what });
        if let Some(strategy) = &self.strategy {
            return unsupported(format!("strategy `{}`", strategy.name()));
        }
        if let Some(p) = roster
            .participants()
            .find(|&p| roster.participant(p).min_partners > 0)
        {
            return unsupported(format!(
                "the min_partners of participant `{}`",
                roster.id(p)
            ));
        }
        if !roster.criteria().is_empty() {
            return unsupported("a roster's criteria".to_owned());
        }
        if roster.has_stated_choices() {
            return unsupported("participants' choices or ratings".to_owned());
        }
        if let Some(p) = roster
            .participants()
            .find(|&p| !roster.participant(p).avoid.is_empty())
        {
            return unsupported(format!("the avoid list of participant `{}`", roster.id(p)));
        }
        self.mutual_benefit()
    }

    /// The scorer as the candidate search needs it, a [`MutualBenefit`], else
    /// [`Error::SparseUnsupported`].
    fn mutual_benefit(&self) -> Result<MutualBenefit> {
        self.mutual_benefit.ok_or_else(|| Error::SparseUnsupported {
            what: "a custom scorer".to_owned(),
        })
    }

    /// [`Error::InvalidOption`] for a `candidates_per_person` or a thread count of 0.
    pub(super) fn check_sparse_options(&self) -> Result<()> {
        if self.candidates_per_person == 0 {
            return Err(Error::InvalidOption {
                option: "candidates_per_person",
                value: 0_u8.into(),
                expected: "at least 1 candidate a person",
            });
        }
        if self.threads == Some(0) {
            return Err(Error::InvalidOption {
                option: "threads",
                value: 0_u8.into(),
                expected: "at least 1 thread",
            });
        }
        Ok(())
    }
}

/// Whether anyone takes several partners, so that the sparse method solves many to many.
fn takes_several(roster: &Roster) -> bool {
    roster
        .participants()
        .any(|p| roster.participant(p).capacity > 1)
}

/// How the widening rounds solve a graph: given it, the last optimum (of a graph it extends)
/// and what the solve is for.
type SolveRound<'a, S> = dyn FnMut(&CandidateGraph, Option<&S>, Pass) -> Result<S> + 'a;

/// Whether the widening rounds go on after a round.
enum Rounds {
    /// The graph gained an edge that could change the optimum: solve again.
    GoOn,
    /// Nothing more can be gained.
    End,
}

/// What a solve of the widening rounds is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// A round that may end in widening: its optimum chooses whom to widen for.
    Widening,
    /// The round that ends them: the objective's own optimum.
    Final,
}

/// An optimum of a candidate graph, as the widening rounds read it.
trait Widened {
    /// Whether this is the objective's own optimum, not one found without a level of it to
    /// choose whom to widen for (see [`Pass`]).
    fn settled(&self) -> bool;

    /// The juniors and seniors (positions) who could take another partner.
    fn with_room(&self) -> (Vec<usize>, Vec<usize>);

    /// The juniors and seniors (positions) whom some chain of swaps along `graph`'s edges
    /// could leave with room: an edge between two of them would let the matching grow. Empty
    /// where the widening on maximum matchings has already searched them (one to one).
    /// [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the tables of the graph's edges it walks cannot be
    /// allocated.
    fn could_gain_room(&self, graph: &CandidateGraph) -> Result<(Vec<usize>, Vec<usize>)>;

    /// Under the best total alone: whether an edge of `graph` at one of the people with room
    /// (`free_juniors`, `free_seniors`) might improve the total, so that a solve could do
    /// better. Edges elsewhere were there when it was solved.
    fn improvable(
        &self,
        graph: &CandidateGraph,
        free_juniors: &[usize],
        free_seniors: &[usize],
    ) -> bool;
}

impl Widened for Solution<f64> {
    fn settled(&self) -> bool {
        true
    }

    fn with_room(&self) -> (Vec<usize>, Vec<usize>) {
        (
            self.unassigned_rows().to_vec(),
            self.unassigned_cols().to_vec(),
        )
    }

    fn could_gain_room(&self, _: &CandidateGraph) -> Result<(Vec<usize>, Vec<usize>)> {
        Ok((Vec::new(), Vec::new()))
    }

    /// Whether an edge at someone left out is worth more than its junior's and senior's
    /// potentials: the solution's certificate of the best total alone fails on it.
    fn improvable(
        &self,
        graph: &CandidateGraph,
        free_juniors: &[usize],
        free_seniors: &[usize],
    ) -> bool {
        let (u, v) = (self.row_potentials(), self.col_potentials());
        let mut free_senior = vec![false; graph.seniors().len()];
        for &s in free_seniors {
            free_senior[s] = true;
        }
        let mut free_junior = vec![false; graph.juniors().len()];
        for &j in free_juniors {
            free_junior[j] = true;
        }
        (0..graph.juniors().len()).any(|j| {
            graph
                .partners(j)
                .any(|(s, e)| (free_junior[j] || free_senior[s]) && e.score > u[j] + v[s])
        })
    }
}

/// The edges of a candidate graph from one side, compressed: person `p`'s partners on the
/// other side are `targets[start[p]..start[p + 1]]`, increasing.
#[derive(Clone, Copy)]
struct Edges<'a> {
    start: &'a [usize],
    targets: &'a [u32],
}

impl Edges<'_> {
    /// The people of this side.
    fn len(&self) -> usize {
        self.start.len() - 1
    }

    /// The partners of `p`, by increasing position.
    fn of(&self, p: usize) -> &[u32] {
        &self.targets[self.start[p]..self.start[p + 1]]
    }
}

/// The edges of `graph` from its seniors' side, as compressed rows (the graph's own are the
/// juniors'): each senior's juniors, increasing ([`by_columns`] of the juniors' rows), each
/// table reserved before it is filled:
/// [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when one cannot be.
fn senior_edges(graph: &CandidateGraph) -> Result<(Vec<usize>, Vec<u32>)> {
    /// The table of each senior's first place in the edges, plus one, then the edges.
    const NAMES: TableNames = (
        "the candidate graph's columns (seniors x 1)",
        candidates::PAIRS,
    );
    let ByColumn { start, row, .. } =
        by_columns(graph.seniors().len(), graph.adjacency(), |_| (), NAMES)?;
    Ok((start, row))
}

/// The people of one side reached from `starts` (people of that side with room) by chains of
/// swaps: from someone here, over an edge not formed (`edges`, less their `formed` partners),
/// to someone there, and on to each of that person's partners here (`formed_back`), who could
/// give up that pair and take the new one. Flags by position on this side.
fn reached_by_swaps(
    starts: Vec<usize>,
    edges: Edges<'_>,
    formed: &[Vec<usize>],
    formed_back: &[Vec<usize>],
) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut passed = vec![false; formed_back.len()];
    for &p in &starts {
        seen[p] = true;
    }
    let mut queue = starts;
    while let Some(p) = queue.pop() {
        for &q in edges.of(p) {
            let q = q as usize;
            if passed[q] || formed[p].contains(&q) {
                continue;
            }
            passed[q] = true;
            for &p2 in &formed_back[q] {
                if !seen[p2] {
                    seen[p2] = true;
                    queue.push(p2);
                }
            }
        }
    }
    seen
}

/// A many-to-many optimum of a candidate graph, with the final network's labels when they
/// were asked for.
struct ManyToMany {
    solution: capacitated::Solution,
    /// The final network's labels, asked for by the every-pair guarantee.
    labels: Option<Vec<capacitated::Cost>>,
    /// The prices from the copies' potentials, where the guarantee asked and they certify.
    copy_prices: Option<Prices>,
    /// Solved under the matcher's own spreading.
    settled: bool,
}

impl Widened for ManyToMany {
    fn settled(&self) -> bool {
        self.settled
    }

    fn with_room(&self) -> (Vec<usize>, Vec<usize>) {
        let with_room = |unfilled: &[u32]| -> Vec<usize> {
            (0..unfilled.len()).filter(|&p| unfilled[p] > 0).collect()
        };
        (
            with_room(self.solution.junior_unfilled_capacity()),
            with_room(self.solution.senior_unfilled_capacity()),
        )
    }

    /// Breadth first from the people with room: a junior reaches, over an edge not formed,
    /// a senior, who reaches each of their partners (who could give up that pair and take
    /// the new one); from a senior with room the same the other way. The juniors' edges are
    /// the graph's own rows; the seniors' are its one copy of the edges, reserved first.
    fn could_gain_room(&self, graph: &CandidateGraph) -> Result<(Vec<usize>, Vec<usize>)> {
        let (nj, ns) = (graph.juniors().len(), graph.seniors().len());
        let mut seniors_of = vec![Vec::new(); nj];
        let mut juniors_of = vec![Vec::new(); ns];
        for &(j, s) in self.solution.pairs() {
            seniors_of[j].push(s);
            juniors_of[s].push(j);
        }
        let (start, targets) = graph.adjacency();
        let edges_of_junior = Edges { start, targets };
        let (start, targets) = senior_edges(graph)?;
        let edges_of_senior = Edges {
            start: &start,
            targets: &targets,
        };
        let (free_juniors, free_seniors) = self.with_room();
        let juniors = reached_by_swaps(free_juniors, edges_of_junior, &seniors_of, &juniors_of);
        let seniors = reached_by_swaps(free_seniors, edges_of_senior, &juniors_of, &seniors_of);
        let positions = |flags: Vec<bool>| (0..flags.len()).filter(|&p| flags[p]).collect();
        Ok((positions(juniors), positions(seniors)))
    }

    /// The many-to-many solve keeps no certificate to test new edges against, so under the
    /// best total alone the rounds end once the people with room cannot pair among
    /// themselves: they are mostly left out by choice.
    fn improvable(&self, _: &CandidateGraph, _: &[usize], _: &[usize]) -> bool {
        false
    }
}

/// Whom a widening round searches for, given a maximum matching.
#[derive(Clone, Copy)]
enum Whom {
    /// The people it leaves out.
    LeftOut,
    /// Everyone some maximum matching leaves out.
    CouldBeLeftOut,
}

/// A matching of a candidate graph: each junior's senior and each senior's junior
/// (positions, `usize::MAX` for none).
struct Mates {
    junior: Vec<usize>,
    senior: Vec<usize>,
    /// The juniors known to lie on no augmenting path of the last graph (see
    /// [`grow_matching_around`]), which the next growth passes over.
    closed: Vec<bool>,
}

impl Mates {
    /// Grows the matching into a maximum matching of `graph`, which holds every pair it has
    /// and, since the last growth, has gained edges only at juniors the matching left out
    /// (or [`open_all`](Self::open_all) was called).
    fn grow(&mut self, graph: &CandidateGraph) {
        // The free juniors' new edges may open paths from them; nobody else's changed.
        for (closed, &mate) in self.closed.iter_mut().zip(&self.junior) {
            if mate == usize::MAX {
                *closed = false;
            }
        }
        let (start, targets) = graph.adjacency();
        let graph = Graph {
            right: self.senior.len(),
            start,
            targets,
        };
        let size =
            grow_matching_around(&graph, &mut self.junior, &mut self.senior, &mut self.closed);
        // The flags are only as good as the promise about where the new edges are: in
        // tests, every round's matching is checked against one grown from nothing.
        debug_assert_eq!(
            size,
            grow_matching(
                &graph,
                &mut vec![usize::MAX; self.junior.len()],
                &mut vec![usize::MAX; self.senior.len()],
            )
        );
    }

    /// Forgets which juniors are closed: the graph gained edges at juniors the matching
    /// covers.
    fn open_all(&mut self) {
        self.closed.iter_mut().for_each(|c| *c = false);
    }

    /// The juniors and seniors (positions) the matching leaves out.
    fn left_out(&self) -> (Vec<usize>, Vec<usize>) {
        (unmatched(&self.junior), unmatched(&self.senior))
    }

    /// The juniors and seniors (positions) that some maximum matching of `graph` leaves out,
    /// when this one is maximum (see [`left_out_by_some_maximum_matching`]): a new edge lets
    /// a maximum matching grow only if it joins two such people, so widening for them is what
    /// can add pairs.
    fn could_be_left_out(&self, graph: &CandidateGraph) -> (Vec<usize>, Vec<usize>) {
        let (start, targets) = graph.adjacency();
        let graph = Graph {
            right: graph.seniors().len(),
            start,
            targets,
        };
        let (juniors, seniors) =
            left_out_by_some_maximum_matching(&graph, &self.junior, &self.senior);
        let positions =
            |flags: Vec<bool>| -> Vec<usize> { (0..flags.len()).filter(|&p| flags[p]).collect() };
        (positions(juniors), positions(seniors))
    }
}

/// The positions whose mate is none.
fn unmatched(mates: &[usize]) -> Vec<usize> {
    (0..mates.len())
        .filter(|&p| mates[p] == usize::MAX)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A roster of two juniors and two seniors with these capacities (juniors first) and
    /// minimums.
    fn roster(capacities: [u32; 4], minimums: [u32; 4]) -> Roster {
        let ids = ["ola", "kai", "jan", "eva"];
        let people: Vec<String> = (0..4)
            .map(|i| {
                let side = if i < 2 { "junior" } else { "senior" };
                format!(
                    r#"{{"id": "{}", "side": "{side}", "capacity": {}, "min_partners": {}}}"#,
                    ids[i], capacities[i], minimums[i]
                )
            })
            .collect();
        Roster::from_json(&format!(r#"{{"participants": [{}]}}"#, people.join(","))).unwrap()
    }

    #[test]
    fn the_seniors_edges_are_the_graphs_edges_turned_round() {
        let roster = crate::mentoring::generate::Population::new(40, 30)
            .with_seed(3)
            .roster()
            .unwrap();
        let graph = Matcher::new()
            .with_candidates_per_person(3)
            .candidates(&roster)
            .unwrap();
        let mut juniors_of = vec![Vec::new(); graph.seniors().len()];
        for j in 0..graph.juniors().len() {
            for (s, _) in graph.partners(j) {
                juniors_of[s].push(j as u32);
            }
        }
        let (start, targets) = senior_edges(&graph).unwrap();
        let edges = Edges {
            start: &start,
            targets: &targets,
        };
        assert_eq!(edges.len(), juniors_of.len());
        for (s, juniors) in juniors_of.iter().enumerate() {
            assert_eq!(edges.of(s), juniors, "senior {s}");
        }
        assert_eq!(targets.len(), graph.edges());
    }

    #[test]
    fn the_best_total_is_the_most_pairs_only_where_the_proof_holds() {
        let total = Matcher::new().with_objective(Objective::TotalScore);
        let free = total.clone().with_spreading(capacitated::Spreading::Free);
        let none = [0; 4];
        // Seniors of several places, juniors of one; and the sides swapped.
        assert!(total.total_is_most_pairs(&roster([1, 1, 3, 2], none)));
        assert!(total.total_is_most_pairs(&roster([2, 0, 1, 1], none)));
        // The most pairs need no mapping.
        assert!(!Matcher::new().total_is_most_pairs(&roster([1, 1, 3, 2], none)));
        // Without spreading, the total alone may leave out a pair.
        assert!(!free.total_is_most_pairs(&roster([1, 1, 3, 2], none)));
        // Several places on both sides: covering someone need not add a pair.
        assert!(!total.total_is_most_pairs(&roster([2, 1, 3, 1], none)));
        // One to one: no spreading level at all.
        assert!(!total.total_is_most_pairs(&roster([1, 1, 1, 1], none)));
        // A minimum adds a level above the people covered.
        assert!(!total.total_is_most_pairs(&roster([1, 1, 3, 2], [0, 0, 1, 0])));
    }
}
