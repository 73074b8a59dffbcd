//! Brute-force enumeration of matchings, the reference the engine's results are checked
//! against on small instances.

use mentor_match::PairScores;

/// What [`each_matching`] calls with each matching's pairs.
pub type Visit<'a> = dyn FnMut(&[(usize, usize)]) + 'a;

/// Every matching of a `rows x cols` bipartite graph whose allowed cells `allowed(r, c)`
/// permits, the empty one included, each as its `(row, column)` pairs sorted by row. Pass to
/// `f`, so that no list of them is built.
pub fn each_matching(
    rows: usize,
    cols: usize,
    allowed: &dyn Fn(usize, usize) -> bool,
    f: &mut Visit,
) {
    fn go(
        row: usize,
        rows: usize,
        cols: usize,
        allowed: &dyn Fn(usize, usize) -> bool,
        used: &mut Vec<bool>,
        pairs: &mut Vec<(usize, usize)>,
        f: &mut Visit,
    ) {
        if row == rows {
            f(pairs);
            return;
        }
        go(row + 1, rows, cols, allowed, used, pairs, f);
        for c in 0..cols {
            if !used[c] && allowed(row, c) {
                used[c] = true;
                pairs.push((row, c));
                go(row + 1, rows, cols, allowed, used, pairs, f);
                pairs.pop();
                used[c] = false;
            }
        }
    }
    go(
        0,
        rows,
        cols,
        allowed,
        &mut vec![false; cols],
        &mut Vec::new(),
        f,
    );
}

/// Every matching of [`each_matching`], collected: each as its `(row, column)` pairs sorted by
/// row.
pub fn all_matchings(
    rows: usize,
    cols: usize,
    allowed: &dyn Fn(usize, usize) -> bool,
) -> Vec<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    each_matching(rows, cols, allowed, &mut |pairs| out.push(pairs.to_vec()));
    out
}

/// Every matching of the allowed pairs of `scores`, as lists of (junior, senior) pairs sorted
/// by junior.
pub fn matchings_of(scores: &PairScores) -> Vec<Vec<(usize, usize)>> {
    all_matchings(scores.juniors(), scores.seniors(), &|j, s| {
        scores.is_allowed(j, s)
    })
}

/// The most pairs of any matching of a `rows x cols` graph whose allowed cells `allowed`
/// permits.
pub fn most_pairs(rows: usize, cols: usize, allowed: &dyn Fn(usize, usize) -> bool) -> usize {
    let mut most = 0;
    each_matching(rows, cols, allowed, &mut |pairs| {
        most = most.max(pairs.len())
    });
    most
}

/// Every set of distinct allowed cells of a `rows x cols` graph in which row `r` has at most
/// `row_caps[r]` cells and column `c` at most `col_caps[c]`, and which holds every cell of
/// `required` (each cell at most once), each as its pairs sorted. Pass to `f`, so that no list
/// of them is built. A required cell that is not allowed or does not fit leaves no set.
pub fn each_capacitated(
    (rows, cols): (usize, usize),
    allowed: &dyn Fn(usize, usize) -> bool,
    (row_caps, col_caps): (&[u32], &[u32]),
    required: &[(usize, usize)],
    f: &mut Visit,
) {
    struct Walk<'a, 'b> {
        cols: usize,
        allowed: &'a dyn Fn(usize, usize) -> bool,
        /// Capacities and loads of the rows (`[0]`) and the columns (`[1]`).
        caps: [&'a [u32]; 2],
        load: [Vec<u32>; 2],
        required: &'a [(usize, usize)],
        pairs: Vec<(usize, usize)>,
        f: &'a mut Visit<'b>,
    }
    fn go(k: usize, end: usize, w: &mut Walk) {
        if k == end {
            (w.f)(&w.pairs);
            return;
        }
        let (r, c) = (k / w.cols, k % w.cols);
        let required = w.required.contains(&(r, c));
        if !required {
            go(k + 1, end, w);
        }
        let fits = w.load[0][r] < w.caps[0][r] && w.load[1][c] < w.caps[1][c];
        if (w.allowed)(r, c) && fits {
            w.load[0][r] += 1;
            w.load[1][c] += 1;
            w.pairs.push((r, c));
            go(k + 1, end, w);
            w.pairs.pop();
            w.load[0][r] -= 1;
            w.load[1][c] -= 1;
        }
    }
    let mut walk = Walk {
        cols,
        allowed,
        caps: [row_caps, col_caps],
        load: [vec![0; rows], vec![0; cols]],
        required,
        pairs: Vec::new(),
        f,
    };
    go(0, rows * cols, &mut walk);
}
