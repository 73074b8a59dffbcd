//! Pricing: the pairs outside a candidate graph that could improve the graph's optimum.
//!
//! An optimum of the graph comes with prices, one per junior and one per senior (the
//! engine's dual potentials, normalised by the matcher): every edge scores at most its
//! junior's price plus its senior's, and every pair of the optimum exactly that. If every pair
//! *outside* the graph scores at most its two prices as well, the prices certify the optimum
//! over every pair, not only over the graph's; a pair that scores more may improve it. The
//! search below finds such pairs without scoring every pair, as the candidate search does:
//! what a class of seniors can score with a junior is bounded by the class's best teacher, so
//! a class whose bound does not exceed the junior's price plus the lowest senior price in the
//! class is passed over whole, and the search ends at the first run of classes whose bound
//! does not exceed the junior's price plus the lowest senior price of all.

use super::{CandidateGraph, Classes, Found, FoundPairs, Partner, Scratch, Search, Visit, all};
use crate::matching::assignment::{correctly_rounded_sum, exact_sign};
use crate::mentoring::error::Result;
use crate::mentoring::score::Scorer;
use std::cmp::Ordering;

/// The seniors of each class by price (the cheapest first, exactly), and the cheapest senior
/// of all: what lets a junior's search pass over classes that cannot beat its prices.
struct Cheapest<'a> {
    by_price: &'a [Vec<u32>],
    /// Each class's cheapest senior, exactly.
    of_class: Vec<u32>,
    of_all: Option<u32>,
}

/// Prices of a candidate graph's juniors and seniors, by position: a pair outside the graph
/// may improve the optimum they certify only if it scores above its junior's price plus its
/// senior's.
///
/// Each price is held exactly, as a sum of a few floats kept apart: one to one, the engine's
/// rounded potential, what its certificate's rounding took off it, and a shift in two parts.
/// The potentials with their rests certify the engine's optimum exactly, and whether a pair
/// scores above its prices is decided the same way, so that ties (pairs that score exactly
/// their prices, common where scores saturate) are not taken for gains, and the prices that
/// prove the graph's optimum are the ones that price the pairs outside it. The prices of the
/// copies of seniors' places are held the same way (see `matcher::prices::copies`).
///
/// Many to many, the prices come with *levels*: the objective's levels above the total
/// (people served towards a minimum, people covered), in which a price can be worth more or
/// less than any score. A pair gains when its junior's level is below its senior's, or the
/// levels are equal and it scores above the prices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Prices {
    /// Each junior's price, as the exact sum of its parts.
    junior: Vec<Parts>,
    /// Each senior's price, as the exact sum of its parts.
    senior: Vec<Parts>,
    /// The prices rounded, for bounds.
    junior_price: Vec<f64>,
    senior_price: Vec<f64>,
    /// Each junior's and senior's level (all equal one to one).
    junior_level: Vec<Level>,
    senior_level: Vec<Level>,
    ties: Ties,
}

/// A price as floats whose exact sum it is.
pub(crate) type Parts = [f64; 4];

/// A price's level: the objective's levels above the total, most important first.
pub(crate) type Level = (i64, i64);

/// How a score within rounding of its prices is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ties {
    /// In exact arithmetic: the prices certify exactly.
    Exact,
    /// As no gain: the prices are rounded sums themselves (the many-to-many network keeps its
    /// totals within rounding), so a score within rounding of them is a tie.
    Rounded,
}

impl Prices {
    /// The prices whose exact values are the sums of `junior[j]` and `senior[s]`.
    pub(crate) fn exact(junior: Vec<Parts>, senior: Vec<Parts>) -> Prices {
        // Rounded once, so that the rounded prices order as the exact ones do wherever they
        // differ (see `cheapest`): a sum rounded term by term does not promise that.
        let rounded = |parts: &Vec<Parts>| -> Vec<f64> {
            parts.iter().map(|&p| correctly_rounded_sum(p)).collect()
        };
        Prices {
            junior_price: rounded(&junior),
            senior_price: rounded(&senior),
            junior_level: vec![(0, 0); junior.len()],
            senior_level: vec![(0, 0); senior.len()],
            junior,
            senior,
            ties: Ties::Exact,
        }
    }

    /// Leveled prices (many to many): each junior's and senior's level and price, decided
    /// within rounding.
    pub(crate) fn leveled(junior: Vec<(Level, f64)>, senior: Vec<(Level, f64)>) -> Prices {
        Prices {
            junior_price: junior.iter().map(|&(_, p)| p).collect(),
            senior_price: senior.iter().map(|&(_, p)| p).collect(),
            junior_level: junior.iter().map(|&(l, _)| l).collect(),
            senior_level: senior.iter().map(|&(l, _)| l).collect(),
            junior: junior.iter().map(|&(_, p)| [p, 0.0, 0.0, 0.0]).collect(),
            senior: senior.iter().map(|&(_, p)| [p, 0.0, 0.0, 0.0]).collect(),
            ties: Ties::Rounded,
        }
    }

    /// The order of seniors in a class's scan: the higher level first, then the lower
    /// rounded price.
    fn scan_order(&self, a: usize, b: usize) -> Ordering {
        self.senior_level[b]
            .cmp(&self.senior_level[a])
            .then(self.senior_price[a].total_cmp(&self.senior_price[b]))
    }

    /// Whether `score` exceeds the prices of junior `j` and senior `s`: at once when the
    /// junior's level is below the senior's, never when above, else exactly (or, for leveled
    /// prices, beyond rounding).
    pub(crate) fn exceeded_by(&self, score: f64, j: usize, s: usize) -> bool {
        match self.junior_level[j].cmp(&self.senior_level[s]) {
            Ordering::Less => return true,
            Ordering::Greater => return false,
            Ordering::Equal => {}
        }
        let (u, v) = (self.junior_price[j], self.senior_price[s]);
        let slack = slack(u, v);
        if score > u + v + slack {
            return true;
        }
        if score < u + v - slack {
            return false;
        }
        if self.ties == Ties::Rounded {
            return false;
        }
        // Within rounding of the prices: decided on the exact sum.
        let ([u0, u1, u2, u3], [v0, v1, v2, v3]) = (self.junior[j], self.senior[s]);
        exact_sign([score, -u0, -u1, -u2, -u3, -v0, -v1, -v2, -v3]) == Ordering::Greater
    }

    /// Whether senior `a`'s exact price is below senior `b`'s.
    fn senior_below(&self, a: usize, b: usize) -> bool {
        let ([a0, a1, a2, a3], [b0, b1, b2, b3]) = (self.senior[a], self.senior[b]);
        exact_sign([a0, a1, a2, a3, -b0, -b1, -b2, -b3]) == Ordering::Less
    }

    /// The first senior of `seniors` (given in [scan order](Self::scan_order)) exactly: of
    /// the highest level, the lowest price (rounding is monotone, so the exact lowest is among
    /// those of the lowest rounded one).
    fn cheapest(&self, seniors: &[u32]) -> Option<u32> {
        let first = *seniors.first()?;
        let ties = seniors
            .iter()
            .take_while(|&&s| self.scan_order(s as usize, first as usize) == Ordering::Equal);
        Some(ties.fold(first, |best, &s| {
            if self.senior_below(s as usize, best as usize) {
                s
            } else {
                best
            }
        }))
    }
}

/// How far rounding could have moved `u + v` from the exact prices, with a wide margin.
fn slack(u: f64, v: f64) -> f64 {
    1e-9 * (1.0 + u.abs() + v.abs())
}

impl Search<'_> {
    /// The graph with the pairs outside it that score above their prices added, up to
    /// `limit` for each junior (the ones found first); returns it and how many edges it
    /// gained. None gained means that `prices` certify every pair outside the graph.
    /// [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the tables of the search
    /// or of the new pairs cannot be allocated.
    pub(crate) fn price(
        &self,
        graph: CandidateGraph,
        prices: &Prices,
        limit: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(CandidateGraph, usize)> {
        let (nj, ns) = (graph.juniors.len(), graph.seniors.len());
        // Juniors search among every senior; nobody searches among the juniors.
        let index = [
            Classes::new(self.roster, &graph.juniors, Vec::new())?,
            Classes::new(self.roster, &graph.seniors, all(ns))?,
        ];
        let seniors = &index[1];
        // Each class's seniors by price, the cheapest first, and the cheapest of all.
        let by_price: Vec<Vec<u32>> = (0..seniors.len())
            .map(|c| {
                let mut members: Vec<u32> = seniors.members(c).to_vec();
                members.sort_by(|&a, &b| prices.scan_order(a as usize, b as usize));
                members
            })
            .collect();
        // Classes are never empty.
        let of_class: Vec<u32> = by_price.iter().filter_map(|m| prices.cheapest(m)).collect();
        let mut heads = of_class.clone();
        heads.sort_by(|&a, &b| prices.scan_order(a as usize, b as usize));
        let cheapest = Cheapest {
            by_price: &by_price,
            of_all: prices.cheapest(&heads),
            of_class,
        };
        let over = |visit: Visit<'_>, scratch: &mut Scratch| {
            Ok(self.over_price(visit, &graph, prices, &cheapest, limit, scratch))
        };
        let who: Vec<usize> = (0..nj).collect();
        let found = self.search_with(
            [&graph.juniors, &graph.seniors],
            &index,
            (&who, limit),
            progress,
            &over,
        )?;
        let fresh = FoundPairs::gather(nj, who.iter().copied().zip(&found), self.combination)?;
        self.with_pairs(graph, fresh)
    }

    /// The seniors outside `graph` whose pair with junior `visit` scores above their prices,
    /// up to `limit`, in the order visited.
    ///
    /// A class is passed over when what its best teacher could score with the junior does
    /// not exceed the junior's price plus the class's lowest senior price, exactly: where
    /// scores saturate, many pairs score exactly their prices, and a bound with a margin would
    /// let them all through. Within a class, seniors come by price, and the scan ends once the
    /// class's bound no longer exceeds one's price (and the next costs more).
    fn over_price(
        &self,
        visit: Visit<'_>,
        graph: &CandidateGraph,
        prices: &Prices,
        cheapest: &Cheapest<'_>,
        limit: usize,
        scratch: &mut Scratch,
    ) -> Found {
        let Visit {
            person: junior,
            position: j,
            others,
            their_side,
            ..
        } = visit;
        let (roster, scorer) = (self.roster, self.scorer);
        // The pair score from what the senior learns (`gives`) and what the junior learns.
        let combine = |gives: f64, gets: f64| self.combination.combine(gets, gives);
        let ceiling = scorer.teaches_levels(roster, &others.top_levels, junior);
        let mut partners = Vec::new();
        let Some(lowest) = cheapest.of_all else {
            return Found {
                partners,
                complete: true,
            };
        };
        let order = &mut scratch.order;
        let mut next_run = 0;
        while let Some((from, to)) = order.run(next_run) {
            next_run += 1;
            let gives = f64::from_bits(order.items()[from].0);
            let bound = combine(gives, ceiling);
            // Runs come by what their classes learn, the most first: once a run's bound does
            // not exceed the prices even with the cheapest senior, nor does anything after it.
            if bound <= 0.0 || !prices.exceeded_by(bound, j, lowest as usize) {
                break;
            }
            for &(_, c) in &order.items()[from..to] {
                let members = &cheapest.by_price[c as usize];
                let floor = cheapest.of_class[c as usize] as usize;
                let cheap = |b: f64| prices.exceeded_by(b, j, floor);
                // The run's bound first (free), then the class's own (what its best teaches).
                if !cheap(bound) {
                    continue;
                }
                let top = scorer.teaches_levels(roster, others.top_of(c as usize), junior);
                let class_bound = combine(gives, top);
                if !cheap(class_bound) {
                    continue;
                }
                for (k, &s) in members.iter().enumerate() {
                    let s = s as usize;
                    if !prices.exceeded_by(class_bound, j, s) {
                        // Nobody after a senior who comes strictly later in scan order can
                        // do better.
                        let next = members.get(k + 1);
                        if next.is_none_or(|&n| prices.scan_order(s, n as usize).is_lt()) {
                            break;
                        }
                        continue;
                    }
                    let senior = their_side[s];
                    let (senior_gain, junior_gain) = (
                        scorer.teaches(roster, junior, senior),
                        scorer.teaches(roster, senior, junior),
                    );
                    let score = combine(senior_gain, junior_gain);
                    if score > 0.0
                        && prices.exceeded_by(score, j, s)
                        && graph.edge(j, s).is_none()
                        && self.rules.first_violated(roster, junior, senior).is_none()
                    {
                        partners.push(Partner {
                            position: s as u32,
                            gets: junior_gain,
                            gives: senior_gain,
                        });
                        if partners.len() == limit {
                            return Found {
                                partners,
                                complete: false,
                            };
                        }
                    }
                }
            }
        }
        Found {
            partners,
            complete: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `x - a - b` as one float (exact for these small cases: checked).
    fn exact_rest(x: f64, a: f64, b: f64) -> f64 {
        let rest = (x - a) - b;
        assert_eq!(exact_sign([x, -a, -b, -rest]), Ordering::Equal);
        rest
    }

    #[test]
    fn ties_with_the_prices_are_not_gains() {
        // Prices 0.3 + 0.1 (shift) and 0.6 − 0.1: exactly a price of 0.9 for the pair, where
        // the rounded prices add to something else.
        let prices = Prices::exact(vec![[0.3, 0.0, 0.1, 0.0]], vec![[0.6, 0.0, -0.1, 0.0]]);
        let exact = 0.3 + 0.6; // one rounding, as the score would be computed
        assert!(!prices.exceeded_by(0.5, 0, 0));
        assert!(prices.exceeded_by(1.5, 0, 0));
        assert_eq!(
            prices.exceeded_by(exact, 0, 0),
            exact_sign([exact, -0.3, -0.1, -0.6, 0.1]) == Ordering::Greater
        );
        // A rest below the rounded potential's ulp decides a tie: 0.1 + 0.2 rounds above
        // 0.3, and a score of exactly that sum ties the prices 0.1 and 0.2 only with no rest.
        let sum = 0.1 + 0.2;
        let tied = Prices::exact(vec![[0.1, 0.0, 0.0, 0.0]], vec![[0.2, 0.0, 0.0, 0.0]]);
        assert!(
            tied.exceeded_by(sum, 0, 0),
            "0.1 + 0.2 in floats is above their exact sum"
        );
        let rest = exact_rest(sum, 0.1, 0.2);
        let with_rest = Prices::exact(vec![[0.1, rest, 0.0, 0.0]], vec![[0.2, 0.0, 0.0, 0.0]]);
        assert!(!with_rest.exceeded_by(sum, 0, 0));
        assert!(with_rest.exceeded_by(f64::from_bits(sum.to_bits() + 1), 0, 0));
        assert!(!prices.senior_below(0, 0));
        assert_eq!(prices.cheapest(&[0]), Some(0));
        assert_eq!(prices.cheapest(&[]), None);
    }
}
