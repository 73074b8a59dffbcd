//! The strict preferences each agent's own utility induces.

use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;
use crate::matching::pair_scores::PairScores;

/// Strict preference lists induced by the utilities: each junior ranks the seniors it may be
/// paired with by what it gains from them, highest first, ties to the lower senior index; each
/// senior ranks juniors the same way by its own gain. Forbidden partners are unacceptable
/// (absent from the list); every allowed partner is acceptable, even at utility 0.
///
/// Stable strategies and the blocking-pair and rank metrics use these lists, so "stable" and
/// "first choice" mean the same everywhere in the crate.
///
/// # Complexity
///
/// Building: `O(nm log m)` time for `n` juniors and `m` seniors; memory `O(nm)`.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::Preferences;
/// use mentor_match::PairScores;
///
/// // Junior 0 gains 0.2 from senior 0 and 0.7 from senior 1; senior 1 ties both juniors.
/// let mut scores = PairScores::new(2, 2, vec![0.2, 0.7, 0.5, 0.5], vec![0.3, 0.6, 0.9, 0.6])?;
/// scores.forbid(1, 0)?;
/// let prefs = Preferences::induced(&scores);
/// assert_eq!(prefs.junior_list(0), &[1, 0]);
/// assert_eq!(prefs.junior_list(1), &[1]); // senior 0 is forbidden for junior 1
/// assert_eq!(prefs.senior_list(1), &[0, 1]); // a tie goes to the lower index
/// assert_eq!(prefs.junior_rank(0, 0), Some(1));
/// assert_eq!(prefs.senior_rank(1, 0), None);
/// assert!(prefs.junior_prefers(0, 1, Some(0)));
/// assert!(prefs.junior_prefers(1, 1, None)); // any acceptable partner beats none
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Preferences {
    juniors: usize,
    seniors: usize,
    // Lists as compressed rows: agent i's list is `list[start[i]..start[i + 1]]`.
    junior_start: Vec<usize>,
    junior_list: Vec<usize>,
    senior_start: Vec<usize>,
    senior_list: Vec<usize>,
    ranks: Ranks,
}

/// Equal when the sides and the lists are: the ranks follow from the lists, whichever way they
/// are stored.
impl PartialEq for Preferences {
    fn eq(&self, other: &Self) -> bool {
        (self.juniors, self.seniors) == (other.juniors, other.seniors)
            && self.junior_start == other.junior_start
            && self.junior_list == other.junior_list
            && self.senior_start == other.senior_start
            && self.senior_list == other.senior_list
    }
}

impl Eq for Preferences {}

/// Where each agent stands in the other's list.
#[derive(Debug, Clone)]
enum Ranks {
    /// Row-major juniors × seniors, `UNACCEPTABLE` for a forbidden pair: one read per lookup,
    /// for lists that cover much of the other side.
    Dense { junior: Vec<u32>, senior: Vec<u32> },
    /// Each junior's acceptable seniors sorted by index, as `(senior, junior's rank of her,
    /// her rank of him)`, in the rows of `junior_start`: memory in the lists' length, a binary
    /// search per lookup, for instances whose lists are far shorter than the other side (the
    /// gadgets of [`from_short_lists`](Preferences::from_short_lists)).
    Sparse { by_senior: Vec<(usize, u32, u32)> },
}

const UNACCEPTABLE: u32 = u32::MAX;

impl Preferences {
    /// The preferences induced by `scores` (see the type's docs).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// // Junior 0 gains most from senior 1; senior 0 gains most from junior 1.
    /// let scores = PairScores::new(2, 2, vec![0.2, 0.7, 0.5, 0.5], vec![0.3, 0.6, 0.9, 0.6])?;
    /// let prefs = Preferences::induced(&scores);
    /// assert_eq!(prefs.junior_list(0), &[1, 0]);
    /// assert_eq!(prefs.junior_list(1), &[0, 1]); // a tie goes to the lower index
    /// assert_eq!(prefs.senior_list(0), &[1, 0]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn induced(scores: &PairScores) -> Self {
        let (n, m) = (scores.juniors(), scores.seniors());
        let (a, b, ok) = (
            scores.junior_gains(),
            scores.senior_gains(),
            scores.allowed(),
        );
        let mut junior_rank = vec![UNACCEPTABLE; n * m];
        let mut senior_rank = vec![UNACCEPTABLE; n * m];
        let mut junior_start = Vec::with_capacity(n + 1);
        let mut junior_list = Vec::new();
        junior_start.push(0);
        for j in 0..n {
            let from = junior_list.len();
            junior_list.extend((0..m).filter(|&s| ok[j * m + s]));
            // Stable sort by decreasing gain keeps equal gains in increasing index order.
            junior_list[from..].sort_by(|&x, &y| a[j * m + y].total_cmp(&a[j * m + x]));
            for (rank, &s) in junior_list[from..].iter().enumerate() {
                junior_rank[j * m + s] = rank as u32;
            }
            junior_start.push(junior_list.len());
        }
        let mut senior_start = Vec::with_capacity(m + 1);
        let mut senior_list = Vec::new();
        senior_start.push(0);
        for s in 0..m {
            let from = senior_list.len();
            senior_list.extend((0..n).filter(|&j| ok[j * m + s]));
            senior_list[from..].sort_by(|&x, &y| b[y * m + s].total_cmp(&b[x * m + s]));
            for (rank, &j) in senior_list[from..].iter().enumerate() {
                senior_rank[j * m + s] = rank as u32;
            }
            senior_start.push(senior_list.len());
        }
        Preferences {
            juniors: n,
            seniors: m,
            junior_start,
            junior_list,
            senior_start,
            senior_list,
            ranks: Ranks::Dense {
                junior: junior_rank,
                senior: senior_rank,
            },
        }
    }

    /// The preferences of the given lists, most preferred first: `junior_lists[j]` holds
    /// seniors, `senior_lists[s]` juniors, each at most once, and the two must be mutual (`s` on
    /// `j`'s list exactly when `j` is on `s`'s), as the stable strategies assume.
    ///
    /// # Errors
    ///
    /// `too_large()` when the rank tables (juniors × seniors) cannot be allocated.
    pub(crate) fn from_lists(
        junior_lists: &[Vec<usize>],
        senior_lists: &[Vec<usize>],
        too_large: impl Fn() -> MatrixError,
    ) -> Result<Self> {
        let (n, m) = (junior_lists.len(), senior_lists.len());
        let cells = n.checked_mul(m).ok_or_else(&too_large)?;
        let table = || -> Result<Vec<u32>> {
            let mut t = memory::reserved(cells, &too_large)?;
            t.resize(cells, UNACCEPTABLE);
            Ok(t)
        };
        let (mut junior_rank, mut senior_rank) = (table()?, table()?);
        for (j, list) in junior_lists.iter().enumerate() {
            for (rank, &s) in list.iter().enumerate() {
                junior_rank[j * m + s] = rank as u32;
            }
        }
        for (s, list) in senior_lists.iter().enumerate() {
            for (rank, &j) in list.iter().enumerate() {
                senior_rank[j * m + s] = rank as u32;
            }
        }
        let (junior_start, junior_list) = compress(junior_lists);
        let (senior_start, senior_list) = compress(senior_lists);
        Ok(Preferences {
            juniors: n,
            seniors: m,
            junior_start,
            junior_list,
            senior_start,
            senior_list,
            ranks: Ranks::Dense {
                junior: junior_rank,
                senior: senior_rank,
            },
        })
    }

    /// The preferences of the given lists, as [`from_lists`](Self::from_lists) (the lists must
    /// be mutual), with memory in the lists' total length rather than juniors × seniors: for
    /// large instances of short lists. Ranks answer by a binary search in the junior's list
    /// sorted by senior.
    ///
    /// # Errors
    ///
    /// `too_large()` when a rank does not fit in 32 bits (a list of over 4 billion).
    pub(crate) fn from_short_lists(
        junior_lists: &[Vec<usize>],
        senior_lists: &[Vec<usize>],
        too_large: impl Fn() -> MatrixError,
    ) -> Result<Self> {
        let (n, m) = (junior_lists.len(), senior_lists.len());
        let (junior_start, junior_list) = compress(junior_lists);
        let (senior_start, senior_list) = compress(senior_lists);
        let rank = |r: usize| u32::try_from(r).ok().filter(|&r| r != UNACCEPTABLE);
        let mut by_senior = Vec::with_capacity(junior_list.len());
        for list in junior_lists {
            let from = by_senior.len();
            for (r, &s) in list.iter().enumerate() {
                by_senior.push((s, rank(r).ok_or_else(&too_large)?, UNACCEPTABLE));
            }
            by_senior[from..].sort_unstable_by_key(|e| e.0);
        }
        for (s, list) in senior_lists.iter().enumerate() {
            for (r, &j) in list.iter().enumerate() {
                let row = &mut by_senior[junior_start[j]..junior_start[j + 1]];
                let found = row.binary_search_by_key(&s, |e| e.0);
                debug_assert!(found.is_ok(), "the lists must be mutual");
                if let Ok(k) = found {
                    row[k].2 = rank(r).ok_or_else(&too_large)?;
                }
            }
        }
        Ok(Preferences {
            juniors: n,
            seniors: m,
            junior_start,
            junior_list,
            senior_start,
            senior_list,
            ranks: Ranks::Sparse { by_senior },
        })
    }

    /// Number of juniors.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(Preferences::induced(&scores).juniors(), 3);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(Preferences::induced(&scores).seniors(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// Junior `junior`'s acceptable seniors, most preferred first; empty out of range.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// let mut scores = PairScores::new(1, 3, vec![0.1, 0.0, 0.9], vec![0.5; 3])?;
    /// scores.forbid(0, 0)?;
    /// let prefs = Preferences::induced(&scores);
    /// assert_eq!(prefs.junior_list(0), &[2, 1]); // senior 1 acceptable at 0, senior 0 forbidden
    /// assert!(prefs.junior_list(1).is_empty()); // out of range
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_list(&self, junior: usize) -> &[usize] {
        list(&self.junior_start, &self.junior_list, junior)
    }

    /// Senior `senior`'s acceptable juniors, most preferred first; empty out of range.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 1, vec![0.5; 3], vec![0.4, 0.8, 0.4])?;
    /// let prefs = Preferences::induced(&scores);
    /// assert_eq!(prefs.senior_list(0), &[1, 0, 2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_list(&self, senior: usize) -> &[usize] {
        list(&self.senior_start, &self.senior_list, senior)
    }

    /// Where `senior` stands in `junior`'s list (0 = first choice); `None` if unacceptable.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// let mut scores = PairScores::new(1, 3, vec![0.1, 0.5, 0.9], vec![0.5; 3])?;
    /// scores.forbid(0, 1)?;
    /// let prefs = Preferences::induced(&scores);
    /// assert_eq!(prefs.junior_rank(0, 2), Some(0)); // first choice
    /// assert_eq!(prefs.junior_rank(0, 0), Some(1));
    /// assert_eq!(prefs.junior_rank(0, 1), None); // forbidden: unacceptable
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_rank(&self, junior: usize, senior: usize) -> Option<usize> {
        self.ranks_of(junior, senior).0
    }

    /// Where `junior` stands in `senior`'s list (0 = first choice); `None` if unacceptable.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// // Senior 0 gains 0.4 from junior 0 and 0.8 from junior 1.
    /// let scores = PairScores::new(2, 1, vec![0.5; 2], vec![0.4, 0.8])?;
    /// let prefs = Preferences::induced(&scores);
    /// assert_eq!(prefs.senior_rank(1, 0), Some(0));
    /// assert_eq!(prefs.senior_rank(0, 0), Some(1));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_rank(&self, junior: usize, senior: usize) -> Option<usize> {
        self.ranks_of(junior, senior).1
    }

    /// Whether `junior` strictly prefers `senior` to `current` (`None` = unmatched, which every
    /// acceptable partner beats).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// let mut scores = PairScores::new(1, 3, vec![0.9, 0.5, 0.7], vec![0.5; 3])?;
    /// scores.forbid(0, 2)?;
    /// let prefs = Preferences::induced(&scores);
    /// assert!(prefs.junior_prefers(0, 0, Some(1)));
    /// assert!(!prefs.junior_prefers(0, 1, Some(1))); // strictly
    /// assert!(prefs.junior_prefers(0, 1, None)); // anyone acceptable beats nobody
    /// assert!(!prefs.junior_prefers(0, 2, None)); // forbidden: never preferred
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_prefers(&self, junior: usize, senior: usize, current: Option<usize>) -> bool {
        match (self.junior_rank(junior, senior), current) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(r), Some(c)) => self.junior_rank(junior, c).is_none_or(|rc| r < rc),
        }
    }

    /// Whether `senior` strictly prefers `junior` to `current` (`None` = unmatched, which every
    /// acceptable partner beats).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Preferences;
    /// use mentor_match::PairScores;
    ///
    /// // Senior 0 gains 0.4 from junior 0 and 0.8 from junior 1 (note: senior first here).
    /// let scores = PairScores::new(2, 1, vec![0.5; 2], vec![0.4, 0.8])?;
    /// let prefs = Preferences::induced(&scores);
    /// assert!(prefs.senior_prefers(0, 1, Some(0)));
    /// assert!(!prefs.senior_prefers(0, 0, Some(1)));
    /// assert!(prefs.senior_prefers(0, 0, None));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_prefers(&self, senior: usize, junior: usize, current: Option<usize>) -> bool {
        match (self.senior_rank(junior, senior), current) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(r), Some(c)) => self.senior_rank(c, senior).is_none_or(|rc| r < rc),
        }
    }

    /// The junior's rank of the senior and hers of him.
    fn ranks_of(&self, junior: usize, senior: usize) -> (Option<usize>, Option<usize>) {
        if junior >= self.juniors || senior >= self.seniors {
            return (None, None);
        }
        let known = |r: u32| (r != UNACCEPTABLE).then_some(r as usize);
        match &self.ranks {
            Ranks::Dense {
                junior: mine,
                senior: theirs,
            } => {
                let cell = junior * self.seniors + senior;
                (known(mine[cell]), known(theirs[cell]))
            }
            Ranks::Sparse { by_senior } => {
                let row = &by_senior[self.junior_start[junior]..self.junior_start[junior + 1]];
                match row.binary_search_by_key(&senior, |e| e.0) {
                    Ok(k) => (known(row[k].1), known(row[k].2)),
                    Err(_) => (None, None),
                }
            }
        }
    }
}

/// Lists as compressed rows: where each starts in the flat list, and the flat list.
fn compress(lists: &[Vec<usize>]) -> (Vec<usize>, Vec<usize>) {
    let mut start = Vec::with_capacity(lists.len() + 1);
    start.push(0);
    let mut flat = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    for list in lists {
        flat.extend_from_slice(list);
        start.push(flat.len());
    }
    (start, flat)
}

fn list<'a>(start: &[usize], list: &'a [usize], i: usize) -> &'a [usize] {
    match (start.get(i), i.checked_add(1).and_then(|k| start.get(k))) {
        (Some(&from), Some(&to)) => &list[from..to],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of storing the ranks answer alike, on the lists `induced` builds from random
    /// scores with forbidden pairs (mutual by construction), out-of-range indices included.
    #[test]
    fn short_lists_rank_as_the_table_does() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for (n, m) in [(0, 3), (3, 0), (1, 1), (4, 7), (9, 5), (12, 12)] {
            let a: Vec<f64> = (0..n * m).map(|_| (next() % 5) as f64).collect();
            let b: Vec<f64> = (0..n * m).map(|_| (next() % 5) as f64).collect();
            let mut scores = PairScores::new(n, m, a, b).unwrap();
            for k in 0..n * m {
                if next() % 4 == 0 {
                    scores.forbid(k / m, k % m).unwrap();
                }
            }
            let table = Preferences::induced(&scores);
            let lists = |count: usize, list: &dyn Fn(usize) -> Vec<usize>| -> Vec<Vec<usize>> {
                (0..count).map(list).collect()
            };
            let junior_lists = lists(n, &|j| table.junior_list(j).to_vec());
            let senior_lists = lists(m, &|s| table.senior_list(s).to_vec());
            let too_large = || MatrixError::TooLarge {
                what: "test",
                rows: n,
                cols: m,
            };
            let short =
                Preferences::from_short_lists(&junior_lists, &senior_lists, too_large).unwrap();
            assert_eq!(short, table);
            for j in 0..=n {
                for s in 0..=m {
                    assert_eq!(short.junior_rank(j, s), table.junior_rank(j, s), "{j} {s}");
                    assert_eq!(short.senior_rank(j, s), table.senior_rank(j, s), "{j} {s}");
                }
            }
        }
    }
}
