//! The other side's classes in the order a search visits them, sorted only as far as the
//! searches of one group go.

use std::cmp::Ordering;

/// How many classes are sorted first; each later step sorts as many more as are sorted
/// already (the searches of a group stop within the few heaviest runs).
const FIRST_SORTED: usize = 64;

/// The other side's classes by weight (what each learns from the people searched), the
/// heaviest first and then by class, in runs of equal weight.
///
/// The searches of one group share the order and stop within its first runs, so it is sorted
/// step by step as they reach further: the weights are pushed, and [`run`](Self::run) sorts
/// what it has to. The runs are those of the whole order, as a full sort gives them: a run is
/// handed out only once the class after it is known to weigh less. Sorting every class for
/// every group took about a quarter of the candidate search's time at 200,000 + 200,000 (some
/// 4,900 classes a side, sorted once for each of tens of thousands of groups; a profile).
#[derive(Default)]
pub(super) struct ClassOrder {
    /// `(weight bits, class)`: the first `sorted` in order, none of the rest before them.
    items: Vec<(u64, u32)>,
    sorted: usize,
    /// The runs found so far among the first `sorted`, as ranges of `items`.
    runs: Vec<(usize, usize)>,
}

/// The order: heavier first (non-negative floats order as their bits), then by class.
fn visit_order(x: &(u64, u32), y: &(u64, u32)) -> Ordering {
    y.0.cmp(&x.0).then(x.1.cmp(&y.1))
}

impl ClassOrder {
    /// Forgets the classes, to be weighed again.
    pub(super) fn clear(&mut self) {
        self.items.clear();
        self.sorted = 0;
        self.runs.clear();
    }

    /// Adds class `class` of weight `weight` (not negative).
    pub(super) fn push(&mut self, weight: f64, class: u32) {
        self.items.push((weight.to_bits(), class));
    }

    /// The classes with their weights' bits, in order as far as [`run`](Self::run) has
    /// sorted them.
    pub(super) fn items(&self) -> &[(u64, u32)] {
        &self.items
    }

    /// The `k`-th run from the heaviest (from 0) as a range of [`items`](Self::items),
    /// sorting further if need be; `None` past the last.
    pub(super) fn run(&mut self, k: usize) -> Option<(usize, usize)> {
        while self.runs.len() <= k && self.sorted < self.items.len() {
            self.sort_more();
        }
        self.runs.get(k).copied()
    }

    /// Sorts the next classes in order (as many as are sorted, at least [`FIRST_SORTED`]),
    /// and notes the runs that are now complete.
    fn sort_more(&mut self) {
        let rest = &mut self.items[self.sorted..];
        let more = self.sorted.max(FIRST_SORTED).min(rest.len());
        if more < rest.len() {
            // The `more` first of the rest before the others, and the next one in its place.
            rest.select_nth_unstable_by(more, visit_order);
        }
        rest[..more].sort_unstable_by(visit_order);
        self.sorted += more;
        let items = &self.items;
        let mut from = self.runs.last().map_or(0, |r| r.1);
        while from < self.sorted {
            let weight = items[from].0;
            let mut to = from + 1;
            while to < self.sorted && items[to].0 == weight {
                to += 1;
            }
            // A run that reaches the sorted part's end may go on past it: the class that
            // comes next (in its place after the selection) tells.
            if to == self.sorted && items.get(to).is_some_and(|next| next.0 == weight) {
                break;
            }
            self.runs.push((from, to));
            from = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Run by run, the order is that of one full sort, whatever the weights (few distinct
        /// ones make long runs that cross the steps' ends).
        #[test]
        fn runs_are_those_of_a_full_sort(
            weights in proptest::collection::vec(0u8..6, 0..400),
        ) {
            let mut order = ClassOrder::default();
            for (c, &w) in weights.iter().enumerate() {
                order.push(w as f64 / 4.0, c as u32);
            }
            let mut full: Vec<(u64, u32)> = order.items().to_vec();
            full.sort_unstable_by(visit_order);
            let mut k = 0;
            let mut at = 0;
            while let Some((from, to)) = order.run(k) {
                prop_assert_eq!(from, at);
                prop_assert!(to > from);
                prop_assert_eq!(&order.items()[from..to], &full[from..to]);
                prop_assert!(full[from..to].iter().all(|x| x.0 == full[from].0));
                prop_assert!(full.get(to).is_none_or(|x| x.0 != full[from].0));
                at = to;
                k += 1;
            }
            prop_assert_eq!(at, full.len());
        }
    }
}
