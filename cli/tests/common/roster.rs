//! Matching a roster both ways, for the tests of what `mentor-match scale` runs.

use mentor_match::{Matcher, Matching, Method, Roster};

/// `roster` solved by a default matcher with `method`.
pub fn solve_by(roster: &Roster, method: Method) -> Matching {
    Matcher::new().with_method(method).solve(roster).unwrap()
}

/// `roster` solved sparse and dense, each with the defaults, `(sparse, dense)`; asserts that
/// sparse pairs as many and comes within a thousandth of dense's total without passing it
/// (`what` names the roster in a failure).
pub fn sparse_and_dense(roster: &Roster, what: &str) -> (Matching, Matching) {
    let sparse = solve_by(roster, Method::Sparse);
    let dense = solve_by(roster, Method::Dense);
    assert_eq!(sparse.pairs().len(), dense.pairs().len(), "{what}");
    let (s, d) = (sparse.total_score(), dense.total_score());
    assert!(s >= 0.999 * d, "{what}: sparse {s} dense {d}");
    assert!(s <= d + 1e-9, "{what}: sparse {s} dense {d}");
    (sparse, dense)
}
