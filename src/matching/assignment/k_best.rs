//! The k best assignments in order of total: Murty's method, in Lawler's form, evaluated
//! lazily.

use crate::matching::assignment::constrained::{
    Alternative, Constraints, Kept, best_with, by_sense,
};
use crate::matching::assignment::dense::solve_with;
use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::options::{Cardinality, Options, Sense};
use crate::matching::assignment::warm::{self, Start};
use crate::matching::assignment::weight::Weight;
use crate::matching::error::Result;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The `k` best assignments of `matrix` under `options`, best first, without repeats; fewer
/// when the matrix has fewer assignments.
///
/// Which assignments take part follows the [`Cardinality`]:
///
/// - [`Cardinality::Maximum`] (the default): the assignments with the most pairs, as many as
///   [`solve_with`](super::solve_with) forms; the first is its optimum, the next ones the
///   best totals among the others with as many pairs.
/// - [`Cardinality::Any`]: every assignment, of any number of pairs, the empty one included.
///   Pairs of weight 0 make ties: an assignment and the same with a pair of weight 0 added
///   are two assignments of the same total, and both are listed.
///
/// Assignments of equal total come in the order the search meets them, the same on every run.
/// Each total is the sum of the pairs' weights, for floats the exact sum rounded once
/// ([`Alternative::total`]), so the listed totals never go up (down, when minimising) even
/// where sums rounded term by term would.
///
/// # Algorithm
///
/// Murty (1968), "An algorithm for ranking all the assignments in order of increasing cost",
/// Operations Research 16(3), in the partition form of Lawler (1972), "A procedure for
/// computing the K best solutions to discrete optimization problems", Management Science
/// 18(7). Each assignment found is the best of a part of the assignments, described by pairs
/// forced and pairs forbidden. Its part without it splits into disjoint parts: with its free
/// pairs `p1, …, pt` in row order, the `i`-th part forces `p1, …, p(i-1)` and forbids `pi`;
/// under [`Cardinality::Any`] one more part forces all of them and asks for at least one more
/// pair (an assignment may hold every pair of another and more). The best of each part is one
/// exact engine solve on the matrix left when the forced rows and columns are taken out.
///
/// The parts are solved lazily (Pascoal, Captivo and Clímaco 2003, "A note on a new variant
/// of Murty's ranking assignments algorithm", 4OR 1): a part waits in the queue with a total it
/// cannot beat and is solved only when it reaches the front. On a square float matrix paired
/// completely with the most pairs, the two improvements of Miller, Stone and Cox (1997),
/// "Optimizing Murty's ranked assignment method", IEEE Trans. Aerospace and Electronic Systems
/// 33(3), apply: a part waits with its parent's total worsened by the smallest reduced costs
/// left in the row and the column of the pair it forbids, so most parts are never solved, and
/// a part is solved from its parent's pairs and potentials by one search of the kernel
/// (`warm::resolve`), then proved like any answer. Elsewhere (integers, which the engine's
/// integer path solves fast; `Cardinality::Any`; a matrix not paired completely) a part waits
/// with its parent's total and is solved afresh.
///
/// # Complexity
///
/// At most `(k - 1) * n + 1` parts solved for `n = min(rows, cols)` (with the bounds, usually
/// far fewer), each a search or a solve of at most the matrix's size, and one more search for
/// each assignment listed that a search found (such a part waits in the queue as where it
/// comes from, and is searched again when it reaches the front), plus `O(n^2)` per assignment
/// listed for the bounds. Memory beyond a solve's: `O(n)` for each part expanded (its
/// constraints, pairs and potentials) and for each part solved afresh that waits (its pairs),
/// `O(1)` for every other part in the queue.
///
/// # Errors
///
/// As [`solve_with`](super::solve_with): a cell the sense cannot use, or an answer that
/// cannot be certified.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
///
/// let costs = Matrix::from_vec(3, 3, vec![
///     1_i64, 2, 9,
///     2, 1, 9,
///     9, 9, 1,
/// ])?;
/// let best = k_best(&costs, Options::new(Sense::Minimize), 3)?;
/// let totals: Vec<i128> = best.iter().map(|a| a.total()).collect();
/// assert_eq!(totals, [3, 5, 19]);
/// assert_eq!(best[1].pairs(), &[(0, 1), (1, 0), (2, 2)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn k_best<T: Weight>(
    matrix: &Matrix<T>,
    options: Options,
    k: usize,
) -> Result<Vec<Alternative<T>>> {
    let mut found = Vec::new();
    if k == 0 {
        return Ok(found);
    }
    let solution = solve_with(matrix, options)?;
    let best = Alternative::of(matrix, solution.pairs.clone());
    // On a square float matrix paired completely with the most pairs, each part starts from
    // its parent's pairs and potentials (one search, `warm::resolve`).
    let complete = matrix.rows == matrix.cols && solution.pairs.len() == matrix.rows;
    let warm = !T::EXACT && options.cardinality == Cardinality::Maximum && complete;
    let start = warm.then(|| Start::of(&solution));
    // Under `Maximum` every part is searched for assignments with exactly this many pairs.
    let pairs = match options.cardinality {
        Cardinality::Maximum => Some(best.pairs.len()),
        _ => None,
    };
    let mut queue = Queue::<T>::new(options.sense);
    queue.push(best.total, Part::Root);
    let mut root = Some(Solved {
        alt: best,
        constraints: Constraints::default(),
        start,
    });
    let mut expanded: Vec<Expanded> = Vec::new();
    while found.len() < k {
        let Some(entry) = queue.pop() else { break };
        let solved = match entry.part {
            Part::Waiting { parent, split } => {
                if let Some(part) = solve_part(matrix, options, pairs, &expanded[parent], split)? {
                    // A search from the parent's start is cheap to make again; a fresh solve
                    // is not, and has no potentials to keep.
                    let total = part.alt.total;
                    let alt = part.start.is_none().then_some(part.alt);
                    queue.push(total, Part::Solved { parent, split, alt });
                }
                continue;
            }
            Part::Solved {
                parent,
                split,
                alt: Some(alt),
            } => Solved {
                alt,
                constraints: expanded[parent].part(split),
                start: None,
            },
            // Searched again: the same search of the same part gives the same answer.
            Part::Solved {
                parent,
                split,
                alt: None,
            } => match solve_part(matrix, options, pairs, &expanded[parent], split)? {
                Some(part) => part,
                None => {
                    // It had an answer the first time, and the search is the same.
                    debug_assert!(false, "a part searched again has no answer");
                    continue;
                }
            },
            Part::Root => match root.take() {
                Some(part) => part,
                None => {
                    debug_assert!(false, "the root is queued once");
                    continue;
                }
            },
        };
        let Solved {
            alt,
            constraints,
            start,
        } = solved;
        let free: Vec<(usize, usize)> = alt
            .pairs
            .iter()
            .copied()
            .filter(|p| !constraints.forced.contains(p))
            .collect();
        let parent = expanded.len();
        let bounds = start
            .as_ref()
            .map(|s| bounds(matrix, options.sense, &constraints, s, &free, alt.total));
        for i in 0..free.len() {
            let key = bounds.as_ref().map_or(alt.total, |b| b[i]);
            queue.push(
                key,
                Part::Waiting {
                    parent,
                    split: Split::Without(i),
                },
            );
        }
        let room = alt.pairs.len() < matrix.rows.min(matrix.cols);
        if options.cardinality == Cardinality::Any && room {
            queue.push(
                alt.total,
                Part::Waiting {
                    parent,
                    split: Split::More,
                },
            );
        }
        expanded.push(Expanded {
            constraints,
            free,
            start,
        });
        found.push(alt);
    }
    Ok(found)
}

/// For each free pair `(r, c)` of a part's optimum, a total that the part without the pair
/// cannot beat, from the optimum's potentials (Miller, Stone and Cox 1997): every complete
/// assignment of the part exceeds the optimum (in minimisation form) by the sum of its pairs'
/// reduced costs, and one without `(r, c)` pairs `r` with another column and `c` with another
/// row, two distinct pairs, so it exceeds it by at least the smallest other reduced cost in
/// row `r` plus the smallest in column `c`.
///
/// The potentials prove the optimum exactly (they passed the certificate's correction), but
/// the reduced costs and the sum are computed in floats, so the bound is loosened by more than
/// their rounding: it stays a bound, only a little weaker.
fn bounds<T: Weight>(
    matrix: &Matrix<T>,
    sense: Sense,
    constraints: &Constraints,
    start: &Start,
    free: &[(usize, usize)],
    total: T::Total,
) -> Vec<T::Total> {
    let (rows, cols) = (matrix.rows, matrix.cols);
    let flip = |x: f64| match sense {
        Sense::Minimize => x,
        Sense::Maximize => -x,
    };
    let kept = Kept::of(constraints, rows, cols);
    let (row_in, col_in) = (
        |r: usize| kept.row_at[r] != usize::MAX,
        |c: usize| kept.col_at[c] != usize::MAX,
    );
    let forbidden = |r: usize, c: usize| constraints.forbidden.contains(&(r, c));
    // The reduced cost of an allowed cell of the part in minimisation form, with the size of
    // the numbers in it (for the rounding allowance); `None` outside the part.
    let reduced = |r: usize, c: usize| -> Option<(f64, f64)> {
        let w = flip(matrix.data[r * cols + c].to_f64());
        (w.is_finite() && row_in(r) && col_in(c) && !forbidden(r, c)).then(|| {
            let (u, v) = (start.u[r], start.v[c]);
            (w - u - v, w.abs() + u.abs() + v.abs())
        })
    };
    let base = flip(T::total_to_f64(total));
    free.iter()
        .map(|&(r, c)| {
            let smallest = |cells: &mut dyn Iterator<Item = (usize, usize)>| {
                cells
                    .filter_map(|(a, b)| reduced(a, b))
                    .fold((f64::INFINITY, 0.0_f64), |(m, size), (rc, s)| {
                        (m.min(rc), size.max(s))
                    })
            };
            let (in_row, row_size) = smallest(&mut (0..cols).filter(|&j| j != c).map(|j| (r, j)));
            let (in_col, col_size) = smallest(&mut (0..rows).filter(|&i| i != r).map(|i| (i, c)));
            // Each reduced cost is off by at most a few units in the last place of the numbers
            // in it, the sum and the base likewise: 16 units of the largest is ample.
            let slack = 16.0 * f64::EPSILON * (row_size + col_size + base.abs());
            let rise = (in_row.max(0.0) + in_col.max(0.0) - slack).max(0.0);
            T::total_from_f64(flip(base + rise))
        })
        .collect()
}

/// A part of the assignments that has been split: its constraints and the free pairs of its
/// best assignment (those it did not force), in row order.
struct Expanded {
    constraints: Constraints,
    free: Vec<(usize, usize)>,
    /// Its optimum's pairs and potentials, where its parts may start from them.
    start: Option<Start>,
}

/// How a child part is cut from its parent.
#[derive(Debug, Clone, Copy)]
enum Split {
    /// Forces the parent's free pairs before the `i`-th and forbids the `i`-th.
    Without(usize),
    /// Forces every free pair of the parent and asks for at least one more pair.
    More,
}

impl Expanded {
    /// The constraints of the child part cut by `split`.
    fn part(&self, split: Split) -> Constraints {
        let mut c = self.constraints.clone();
        match split {
            Split::Without(i) => {
                c.forced.extend_from_slice(&self.free[..i]);
                c.forbidden.push(self.free[i]);
                // A forced pair of the parent's is one more pair already.
                c.one_more &= i == 0;
            }
            Split::More => {
                c.forced.extend_from_slice(&self.free);
                c.one_more = true;
            }
        }
        c
    }
}

/// A part in the queue, cut from the expanded part `parent` by `split`: waiting to be solved
/// (its key a total it cannot beat), or solved (its key its best total).
///
/// A solved part found by one search from its parent's start keeps no more than where it
/// comes from, and is searched again when it reaches the front: its pairs, constraints and
/// potentials take `O(n)` each, and on a 2,000 × 2,000 float matrix most of a part's 2,000
/// children are solved before the next best is known, so keeping them took hundreds of
/// megabytes for the third best. A part solved afresh (integers, `Cardinality::Any`, a matrix
/// not paired completely) keeps its assignment: solving it again would be a whole solve.
enum Part<T: Weight> {
    Waiting {
        parent: usize,
        split: Split,
    },
    Solved {
        parent: usize,
        split: Split,
        alt: Option<Alternative<T>>,
    },
    /// The whole matrix, whose optimum is kept until it is expanded.
    Root,
}

/// A part's best assignment, its constraints and, where its children may start from them,
/// its pairs and potentials.
struct Solved<T: Weight> {
    alt: Alternative<T>,
    constraints: Constraints,
    start: Option<Start>,
}

/// The best of the part cut from `parent` by `split`, or `None` when it holds no assignment
/// (with `pairs`, none of that many pairs): from the parent's start by one search where it
/// has one and that works, else solved afresh.
fn solve_part<T: Weight>(
    matrix: &Matrix<T>,
    options: Options,
    pairs: Option<usize>,
    parent: &Expanded,
    split: Split,
) -> Result<Option<Solved<T>>> {
    let constraints = parent.part(split);
    let resolved = parent
        .start
        .as_ref()
        .and_then(|s| warm::resolve(matrix, options.sense, &constraints, s));
    if let Some((alt, start)) = resolved {
        return Ok(Some(Solved {
            alt,
            constraints,
            start: Some(start),
        }));
    }
    Ok(
        best_with(matrix, options, &constraints, pairs)?.map(|alt| Solved {
            alt,
            constraints,
            start: None,
        }),
    )
}

/// A queued part with its key: its total (or bound) in the sense's order, solved parts before
/// waiting ones of the same key (a waiting part can at best tie), then first queued first.
struct Entry<T: Weight> {
    key: T::Total,
    sense: Sense,
    seq: u64,
    part: Part<T>,
}

impl<T: Weight> Entry<T> {
    fn order(&self, other: &Self) -> Ordering {
        let solved = |e: &Self| !matches!(e.part, Part::Waiting { .. });
        by_sense(self.sense, self.key, other.key)
            .then_with(|| solved(self).cmp(&solved(other)))
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

impl<T: Weight> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        self.order(other) == Ordering::Equal
    }
}
impl<T: Weight> Eq for Entry<T> {}
impl<T: Weight> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Weight> Ord for Entry<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order(other)
    }
}

/// The queue of parts, best key at the front.
struct Queue<T: Weight> {
    heap: BinaryHeap<Entry<T>>,
    sense: Sense,
    seq: u64,
}

impl<T: Weight> Queue<T> {
    fn new(sense: Sense) -> Self {
        Queue {
            heap: BinaryHeap::new(),
            sense,
            seq: 0,
        }
    }

    fn push(&mut self, key: T::Total, part: Part<T>) {
        self.seq += 1;
        self.heap.push(Entry {
            key,
            sense: self.sense,
            seq: self.seq,
            part,
        });
    }

    fn pop(&mut self) -> Option<Entry<T>> {
        self.heap.pop()
    }
}
