//! Brute-force enumeration of matchings, the reference the engine's results are checked
//! against on small instances.

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
