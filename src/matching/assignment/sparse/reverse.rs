//! The end of an auction phase as a reverse auction: the free columns bid for rows.
//!
//! A forward auction phase on a candidate graph where most scores tie ends with a few rows
//! looking for the last free columns. Each of those columns is one nobody wanted at its
//! price, so a row takes it only once the prices of everything it prefers have come down far
//! enough, one bid increment at a time: a bid displaces a row, which bids and displaces
//! another, across the whole plateau of tied scores. On the first solve of a 200,000 +
//! 200,000 roster (seed 3), 8.7 million of the auction's 15.4 million bids were made with
//! fewer than 200 rows waiting, and those grew 2.7 times from 100,000 a side.
//!
//! A free column can instead bid for the row it suits best (Bertsekas, "The auction
//! algorithm for assignment and other network flow problems", 1990, the reverse auction): it
//! raises its own potential in one step to where that row prefers it, by the gap to the
//! second-best row plus the increment, and takes it. Both directions keep the same
//! ε-complementary slackness, so the phase's pairs and prices are as good a start for the
//! next phase and for the repair as a forward ending. The waiting rows' labels are first
//! raised as far as that slackness allows, so that a column's walk ends at one of them
//! sooner. On the same graph the reverse endings took 3.0 million bids in place of the 8.7
//! million (1.7 million with the labels raised), and the whole auction 4.1 s against 5.7 s
//! (one run, without the raise; BENCHMARKS.md has three seeds in interleaved rounds).
//! Alternating the two directions (Bertsekas and Castañon's forward–reverse auction) was much
//! slower there: the forward walks it kept were the long part.
//!
//! A column's bid reads its rows, so the graph is turned by columns once, the first time a
//! phase ends this way; when the graph by columns cannot be allocated, the phases end forward
//! instead (the reverse ending only saves bids). Only square components without places end
//! this way: with free
//! columns that should stay free, a column bidding would take rows it must not (the
//! asymmetric reverse auction needs a bound on the rows' profits that this start does not
//! keep).

use super::local::{ByColumn, Local, NONE};
use super::repair::Column;
use crate::support::prefetch::prefetch_line;
use std::collections::VecDeque;

/// When an auction phase ends with free columns bidding. The rows waiting are counted before
/// each bid; the reverse ending starts once every row has bid in the phase (each paired row's
/// label is then from this phase; the waiting rows' are raised afresh), at most `waiting` rows
/// wait, and more than `after` bids have been made with that few waiting.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Tail {
    /// Rows bid until the phase ends: potentials only go down, as the kernel's start needs.
    Forward,
    /// Free columns end the phase, on a square component without places.
    Reverse { waiting: usize, after: usize },
}

impl Tail {
    /// The ending for the component `g` with `places` places out: reverse on square
    /// components without places, once at most one row in a thousand waits and the phase has
    /// made a quarter as many bids as rows with that few waiting (so that a phase whose end
    /// is quick never turns the graph). The bounds were chosen on one run each of seed 3 at
    /// 200,000 a side: one row in a hundred made the auction slower (4.4 s against 4.0 s), one
    /// in ten thousand too (5.2 s); three seeds' timings are in BENCHMARKS.md.
    pub(crate) fn for_component<C>(g: &Local<C>, places: usize) -> Tail {
        if places == 0 && g.nr == g.nc && g.nr < u32::MAX as usize {
            Tail::Reverse {
                waiting: (g.nr / 1000).max(1),
                after: g.nr / 4,
            }
        } else {
            Tail::Forward
        }
    }
}

/// Ends an auction phase of `g` with bid increment `eps` by reverse bids: the waiting rows'
/// labels raised (see [`raise_waiting_labels`]), while a column is free, it takes the row of
/// least `c_ij - u_i` (`u` the rows' labels), raising its potential to the second least plus
/// `eps`; the row's previous column is then free. Every row of `queue` (the
/// rows waiting) ends with a column unless the `budget` of bids runs out or a column has no
/// cells; the rows still without one are left in `queue`. Returns the bids made.
///
/// Needs ε-complementary slackness on entry, `c_ij - u_i - v_j >= -eps` on every cell and
/// equality on every pair (a forward bid leaves its row so), and keeps it: a column's new
/// potential is at most `eps` above every other row's `c_ij - u_i`, and the row it takes only
/// lowers its label. So the pairs and potentials are those a forward ending could have left.
pub(crate) fn finish_phase<C>(
    g: &Local<C>,
    by_column: &ByColumn<C>,
    column: &mut [Column<C>],
    u: &mut [C],
    queue: &mut VecDeque<usize>,
    eps: C,
    budget: &mut usize,
) -> usize
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let mut column_of = vec![NONE; u.len()];
    let mut free: VecDeque<usize> = VecDeque::new();
    for (j, c) in column.iter().enumerate() {
        if c.owner == NONE {
            free.push_back(j);
        } else {
            column_of[c.owner] = j;
        }
    }
    raise_waiting_labels(g, column, u, queue, eps);
    let mut bids = 0;
    while let Some(j) = free.pop_front() {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        bids += 1;
        // The next column's rows' labels are fetched while this one bids.
        if let Some(&next) = free.front() {
            for &i in by_column.cells(next).1 {
                prefetch_line(u, i as usize);
            }
        }
        let Some((i, c, v)) = best_row(by_column.cells(j), u, eps) else {
            continue; // no cells: no row to take
        };
        column[j] = Column { v, owner: i };
        u[i] = c - v;
        let previous = std::mem::replace(&mut column_of[i], j);
        if previous != NONE {
            column[previous].owner = NONE;
            free.push_back(previous);
        }
    }
    queue.retain(|&i| column_of[i] == NONE);
    bids
}

/// Raises the label of each row of `queue` (the rows waiting) to the most ε-complementary
/// slackness allows, its least `c_ij - v_j` plus `eps`. A waiting row's label is from its
/// last bid, and the column it won has been taken from it since; raised, it is a column's
/// first choice wherever it ties within `eps`, so a column's walk ends at a waiting row
/// sooner. At 200,000 + 200,000 the reverse bids fell from 2.98 to 1.67 million (seed 3), 1.94
/// to 0.57 (seed 1) and 2.40 to 1.72 (seed 2), one run each.
fn raise_waiting_labels<C>(
    g: &Local<C>,
    column: &[Column<C>],
    u: &mut [C],
    queue: &VecDeque<usize>,
    eps: C,
) where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    for &i in queue {
        let (s, e) = (g.start[i], g.start[i + 1]);
        let least = g.col[s..e]
            .iter()
            .zip(&g.cost[s..e])
            .map(|(&j, &c)| c - column[j as usize].v)
            .reduce(|a, b| if b < a { b } else { a });
        if let Some(least) = least {
            u[i] = least + eps;
        }
    }
}

/// A free column's bid over its `cells`: the row of least `c - u_i` (the first among equals),
/// the cell's cost, and the column's new potential, the second least plus `eps` (the least
/// plus `eps` for a column of one cell). `None` for no cells.
#[inline]
fn best_row<C>((cost, row): (&[C], &[u32]), u: &[C], eps: C) -> Option<(usize, C, C)>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let mut first: Option<(C, usize, C)> = None;
    let mut second: Option<C> = None;
    for (&c, &i) in cost.iter().zip(row) {
        let i = i as usize;
        let x = c - u[i];
        match first {
            Some((a, _, _)) if x >= a => {
                if second.is_none_or(|b| x < b) {
                    second = Some(x);
                }
            }
            _ => {
                second = first.map(|f| f.0);
                first = Some((x, i, c));
            }
        }
    }
    let (least, i, c) = first?;
    Some((i, c, second.unwrap_or(least) + eps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::assignment::sparse::repair::tests::{EXACT, check, local};
    use crate::matching::assignment::sparse::repair::{Start, auction, solve};
    use proptest::prelude::*;

    /// Whether every cell keeps `c_ij - u_i - v_j >= -eps`, with equality on every pair.
    fn slack_holds(g: &Local<i128>, column: &[Column<i128>], u: &[i128], eps: i128) -> bool {
        (0..g.nr).all(|i| {
            (g.start[i]..g.start[i + 1]).all(|e| {
                let j = g.col[e] as usize;
                let reduced = g.cost[e] - u[i] - column[j].v;
                reduced >= -eps && (column[j].owner != i || reduced == 0)
            })
        })
    }

    /// Square grids with a perfect matching (the diagonal) and many ties: the side and the
    /// row-major cells.
    fn square_grids() -> impl Strategy<Value = (usize, Vec<Option<i64>>)> {
        (1usize..=7).prop_flat_map(|n| {
            proptest::collection::vec(proptest::option::weighted(0.6, -3i64..=3), n * n).prop_map(
                move |mut cells| {
                    for i in 0..n {
                        cells[i * n + i].get_or_insert(3);
                    }
                    (n, cells)
                },
            )
        })
    }

    proptest! {
        /// From nothing taken (labels at each row's least cost, potentials 0), the reverse
        /// bids alone take a column for every row, each column's row owning it, with
        /// ε-complementary slackness at the end.
        #[test]
        fn reverse_bids_alone_pair_every_row((n, cells) in square_grids(), eps in 1i128..20) {
            let g = local(n, n, &cells);
            let mut column = vec![Column { v: 0, owner: NONE }; n];
            let mut u: Vec<i128> = (0..n)
                .map(|i| g.cost[g.start[i]..g.start[i + 1]].iter().copied().min().unwrap())
                .collect();
            prop_assert!(slack_holds(&g, &column, &u, eps));
            let mut queue: VecDeque<usize> = (0..n).collect();
            let mut budget = 1_000_000;
            let by_column = ByColumn::of(&g).unwrap();
            let bids = finish_phase(&g, &by_column, &mut column, &mut u, &mut queue, eps, &mut budget);
            prop_assert!(bids >= n);
            prop_assert!(queue.is_empty(), "rows left waiting: {:?}", queue);
            let mut owners: Vec<usize> = column.iter().map(|c| c.owner).collect();
            owners.sort_unstable();
            prop_assert_eq!(owners, (0..n).collect::<Vec<_>>());
            prop_assert!(slack_holds(&g, &column, &u, eps));
        }
    }

    proptest! {
        /// An auction whose phases all end with reverse bids (as soon as every row has bid)
        /// pairs every row with ε-complementary slackness for its last increment, and the
        /// repair from its pairs and prices finds the brute-force optimum.
        #[test]
        fn an_auction_with_reverse_endings_is_a_start_for_the_repair(
            (n, cells) in square_grids(),
            phases in prop_oneof![Just(vec![1i128]), Just(vec![7]), Just(vec![40, 6, 1])],
        ) {
            let g = local(n, n, &cells);
            let tail = Tail::Reverse { waiting: n, after: 0 };
            let (v, mate, owner, _) = auction(&g, 0, 0, &phases, tail, &mut |_| {});
            prop_assert!(mate.iter().all(|&j| j < n), "a row without a column: {:?}", mate);
            let column: Vec<Column<i128>> =
                v.iter().zip(&owner).map(|(&v, &owner)| Column { v, owner }).collect();
            let u: Vec<i128> = (0..n).map(|i| g.cost_of(i, mate[i]) - v[mate[i]]).collect();
            prop_assert!(slack_holds(&g, &column, &u, *phases.last().unwrap()));
            let start = Start::Kept { col4row: mate, prices: &v };
            let solved = solve(&g, 0, 0, start, &EXACT, &mut |_| {});
            prop_assert!(solved.is_some(), "budget");
            check(&g, true, &solved.unwrap())?;
        }
    }

    /// The graph by columns holds every cell once, each column's rows in increasing order.
    #[test]
    fn by_column_holds_every_cell() {
        let g = local(2, 3, &[Some(5), None, Some(7), Some(1), Some(2), None]);
        let t = ByColumn::of(&g).unwrap();
        assert_eq!(t.cells(0), (&[5, 1][..], &[0, 1][..]));
        assert_eq!(t.cells(1), (&[2][..], &[1][..]));
        assert_eq!(t.cells(2), (&[7][..], &[0][..]));
    }
}
