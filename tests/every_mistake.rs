//! The matching half names every mistake of its input, not only the first: the matrices, the
//! pairings, the capacitated problems, the gains and the instance documents. One mistake is
//! the error itself; several are a `MatrixError::Multiple` of them, in a documented order,
//! capped at `MAX_LISTED` with the rest counted; as the crate's `Error`, an
//! `Error::Multiple`. (The files' readers are tested in `formats.rs`.)

mod common;

use common::config;
use mentor_match::assignment::{Matrix, SparseMatrix};
use mentor_match::capacitated::Problem;
use mentor_match::error::MAX_LISTED;
use mentor_match::experiment::Experiment;
use mentor_match::formats::Instance;
use mentor_match::metrics::{self, Metrics};
use mentor_match::strategy::{CapacitatedPairing, Capacities, Greedy, Pairing, Strategy};
use mentor_match::{Error, MatrixError, PairScores};
use proptest::prelude::*;

/// Each mistake `e` reports, as `(kind, row, col)`: the cell or pair it names.
fn named(e: &MatrixError) -> Vec<(&'static str, usize, usize)> {
    e.all()
        .iter()
        .map(|e| match e {
            MatrixError::InvalidTriplet { row, col, why } if why.contains("outside") => {
                ("outside", *row, *col)
            }
            MatrixError::InvalidTriplet { row, col, .. } => ("twice", *row, *col),
            MatrixError::InvalidWeight { row, col, .. } => ("weight", *row, *col),
            MatrixError::InvalidPair { junior, senior, .. } => ("pair", *junior, *senior),
            MatrixError::MinimumAboveCapacity { index, .. } => ("minimum", *index, 0),
            other => panic!("unexpected {other:?}"),
        })
        .collect()
}

proptest! {
    #![proptest_config(config(200))]

    /// `from_triplets` on triplets some of which lie outside the shape, hold NaN, or repeat a
    /// cell: every cell at fault is named, in row, then column order, each of its mistakes
    /// once (outside, NaN, then given more than once for a cell of the shape), as a brute
    /// force over the cells finds them; with none, the matrix holds every triplet.
    #[test]
    fn every_bad_triplet_is_named(
        rows in 1..5usize,
        cols in 1..5usize,
        triplets in prop::collection::vec((0..6usize, 0..6usize, prop::bool::weighted(0.1)), 0..12),
    ) {
        let given: Vec<(usize, usize, f64)> = triplets
            .iter()
            .map(|&(r, c, nan)| (r, c, if nan { f64::NAN } else { (r * 10 + c) as f64 }))
            .collect();
        let mut expected = Vec::new();
        for r in 0..6 {
            for c in 0..6 {
                let at: Vec<f64> =
                    given.iter().filter(|t| (t.0, t.1) == (r, c)).map(|t| t.2).collect();
                if at.is_empty() {
                    continue;
                }
                let inside = r < rows && c < cols;
                if !inside {
                    expected.push(("outside", r, c));
                }
                if at.iter().any(|x| x.is_nan()) {
                    expected.push(("weight", r, c));
                }
                if inside && at.len() > 1 {
                    expected.push(("twice", r, c));
                }
            }
        }
        match SparseMatrix::from_triplets(rows, cols, given.clone()) {
            Ok(m) => {
                prop_assert!(expected.is_empty(), "{expected:?}");
                prop_assert_eq!(m.nnz(), given.len());
                for &(r, c, x) in &given {
                    prop_assert_eq!(m.get(r, c), Some(x));
                }
            }
            Err(e) => {
                prop_assert_eq!(named(&e), expected.clone());
                prop_assert_eq!(matches!(e, MatrixError::Multiple { .. }), expected.len() > 1);
            }
        }
    }

    /// A hand-made pairing: every pair out of range, forbidden, or repeating a junior or a
    /// senior kept before it is named with its reason, each time it is given, in the order
    /// given, as a brute force finds them.
    #[test]
    fn every_bad_pair_is_named(
        pairs in prop::collection::vec((0..4usize, 0..4usize), 0..8),
    ) {
        let mut scores = PairScores::new(3, 3, vec![0.5; 9], vec![0.5; 9]).unwrap();
        scores.forbid(1, 1).unwrap();
        let (mut juniors, mut seniors) = (vec![false; 3], vec![false; 3]);
        let mut expected = Vec::new();
        for &(j, s) in &pairs {
            let why = if j >= 3 || s >= 3 {
                "out of range"
            } else if (j, s) == (1, 1) {
                "the pair is forbidden"
            } else if juniors[j] {
                "the junior is paired twice"
            } else if seniors[s] {
                "the senior is paired twice"
            } else {
                juniors[j] = true;
                seniors[s] = true;
                continue;
            };
            expected.push(MatrixError::InvalidPair { junior: j, senior: s, why });
        }
        match Pairing::new(&scores, pairs.clone()) {
            Ok(p) => {
                prop_assert!(expected.is_empty(), "{expected:?}");
                prop_assert_eq!(p.len(), pairs.len());
            }
            Err(e) => prop_assert_eq!(e.all(), &expected[..]),
        }
    }
}

/// Past the cap the list is counted, and the count does not depend on where the repeats
/// stand: 150 cells outside the matrix, each given twice, in either order.
#[test]
fn a_long_list_counts_each_cell_once_in_any_order() {
    let cells: Vec<(usize, usize, f64)> = (0..150).map(|k| (k, 9, 1.0)).collect();
    let twice_after: Vec<_> = cells.iter().chain(&cells).copied().collect();
    let twice_beside: Vec<_> = cells.iter().flat_map(|&t| [t, t]).collect();
    for triplets in [twice_after, twice_beside] {
        match SparseMatrix::from_triplets(200, 5, triplets) {
            Err(MatrixError::Multiple { errors, more }) => {
                assert_eq!((errors.len(), more), (MAX_LISTED, 50));
                assert!(matches!(
                    errors[MAX_LISTED - 1],
                    MatrixError::InvalidTriplet {
                        row: 99,
                        col: 9,
                        ..
                    }
                ));
            }
            other => panic!("expected a list, got {other:?}"),
        }
    }
}

#[test]
fn a_capacitated_pairing_names_every_fault_then_the_repeats() {
    let mut scores = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6]).unwrap();
    scores.forbid(1, 2).unwrap();
    let caps = Capacities::new(vec![2, 1], vec![2, 2, 1]).unwrap();
    // (1, 2) forbidden, (5, 0) out of range, the second (1, 0) over junior 1's capacity (not
    // also a repeat: it took no room), (0, 1) given twice within the capacities.
    let err = CapacitatedPairing::new(
        &scores,
        &caps,
        vec![(1, 2), (0, 1), (1, 0), (5, 0), (0, 1), (1, 0)],
    )
    .unwrap_err();
    assert_eq!(
        named(&err),
        [
            ("pair", 1, 2),
            ("pair", 5, 0),
            ("pair", 1, 0),
            ("pair", 0, 1)
        ]
    );
    let whys: Vec<String> = err.all().iter().map(|e| e.to_string()).collect();
    assert!(
        whys[2].ends_with("the junior is over capacity"),
        "{}",
        whys[2]
    );
    assert!(whys[3].ends_with("the pair is formed twice"), "{}", whys[3]);
    // A pair given three times is one mistake.
    let err = CapacitatedPairing::new(&scores, &caps, vec![(0, 0), (0, 0), (0, 0)]).unwrap_err();
    assert_eq!(named(&err), [("pair", 0, 0), ("pair", 0, 0)]);
    assert!(err.all()[0].to_string().ends_with("over capacity"), "{err}");
    assert!(err.all()[1].to_string().ends_with("formed twice"), "{err}");
}

#[test]
fn a_capacitated_problem_names_every_weight_lock_and_minimum() {
    let err = Problem::new(2, 2, vec![f64::NAN, 0.5, f64::INFINITY, f64::NAN]).unwrap_err();
    assert_eq!(
        named(&err),
        [("weight", 0, 0), ("weight", 1, 0), ("weight", 1, 1)]
    );
    // Lowering junior 0's capacity to 1 leaves a lock out and a minimum above it; junior 1's
    // minimum is above its new capacity too.
    let problem = Problem::new(2, 2, vec![0.5; 4])
        .unwrap()
        .with_junior_capacities(vec![2, 2])
        .unwrap()
        .with_lock(0, 0)
        .unwrap()
        .with_lock(0, 1)
        .unwrap()
        .with_junior_minimums(vec![2, 2])
        .unwrap();
    let err = problem.with_junior_capacities(vec![1, 1]).unwrap_err();
    assert_eq!(
        named(&err),
        [("pair", 0, 1), ("minimum", 0, 0), ("minimum", 1, 0)]
    );
    let err = Problem::new(2, 2, vec![0.5; 4])
        .unwrap()
        .with_senior_minimums(vec![3, 0])
        .unwrap_err();
    assert_eq!(named(&err), [("minimum", 0, 0)]);
}

#[test]
fn gains_name_every_bad_cell_of_both_sides() {
    let err = PairScores::new(1, 3, vec![-1.0, 0.5, 2e100], vec![0.5, f64::NAN, 0.5]).unwrap_err();
    assert_eq!(
        named(&err),
        [("weight", 0, 0), ("weight", 0, 2), ("weight", 0, 1)]
    );
    assert!(err.all()[2].to_string().contains("senior's gain"), "{err}");
}

#[test]
fn an_instance_names_every_fault_between_keys() {
    let faults = |text: &str| -> Vec<String> {
        let err = Instance::from_json(text).unwrap_err();
        err.all()
            .iter()
            .map(|e| match e {
                MatrixError::InstanceJson { at, why, line, .. } => {
                    assert_eq!(*line, 0, "{e}");
                    format!("{at}: {why}")
                }
                other => panic!("expected an instance error, got {other:?}"),
            })
            .collect()
    };
    let found = faults(r#"{"seed": 1}"#);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("missing key `junior_gain`"),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("missing key `senior_gain`"),
        "{}",
        found[1]
    );
    // Both shapes unlike: the capacity lists, which could only be measured against one of
    // them, are not named as well.
    let found = faults(
        r#"{"junior_gain": [[1, 1], [1, 1]], "senior_gain": [[1, 1, 1]],
            "junior_capacity": [1], "senior_capacity": [1, 1, 1]}"#,
    );
    let starts = |found: &[String], expected: &[&str]| {
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        for (f, e) in found.iter().zip(expected) {
            assert!(f.starts_with(e), "{f} / {e}");
        }
    };
    starts(
        &found,
        &[
            "`senior_gain`: 1 row but",
            "`senior_gain`: rows of 3 columns",
        ],
    );
    // The rows unlike, the columns alike: the seniors' list is measured.
    let found = faults(
        r#"{"junior_gain": [[1, 1], [1, 1]], "senior_gain": [[1, 1]],
            "junior_capacity": [1], "senior_capacity": [1, 1, 1]}"#,
    );
    starts(
        &found,
        &[
            "`senior_gain`: 1 row but",
            "`senior_capacity`: 3 entries but",
        ],
    );
    // Both lists of the wrong length on a good shape: both named.
    let found = faults(
        r#"{"junior_gain": [[1, 1]], "senior_gain": [[1, 1]],
            "junior_capacity": [1, 1], "senior_capacity": [1, 1, 1]}"#,
    );
    starts(
        &found,
        &[
            "`junior_capacity`: 2 entries but",
            "`senior_capacity`: 3 entries but",
        ],
    );
}

/// A matrix of NaN holds as many mistakes as cells: the first `MAX_LISTED` are listed, the
/// rest counted, and the error is as small (and as quick) as for a hundred.
#[test]
fn a_matrix_of_nan_lists_a_hundred_and_counts_the_rest() {
    let (rows, cols) = (1000, 1000);
    let err = Matrix::from_vec(rows, cols, vec![f64::NAN; rows * cols]).unwrap_err();
    match &err {
        MatrixError::Multiple { errors, more } => {
            assert_eq!(errors.len(), MAX_LISTED);
            assert_eq!(errors.len() + more, rows * cols);
            assert!(matches!(
                errors[MAX_LISTED - 1],
                MatrixError::InvalidWeight {
                    row: 0,
                    col: 99,
                    ..
                }
            ));
        }
        other => panic!("expected a list, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("1000000 mistakes found:\n- matrix cell (0, 0) holds NaN")
    );
    assert!(
        err.to_string()
            .ends_with(&format!("\n- and {} more", rows * cols - MAX_LISTED))
    );
    // As the crate's error: a list of the same mistakes, each as `Error::Matrix`.
    match Error::from(err.clone()) {
        Error::Multiple { errors, more } => {
            assert_eq!(more, rows * cols - MAX_LISTED);
            assert_eq!(errors.len(), MAX_LISTED);
            assert!(
                errors
                    .iter()
                    .zip(err.all())
                    .all(|(a, b)| *a == Error::Matrix(b.clone()))
            );
        }
        other => panic!("expected a list, got {other:?}"),
    }
}

#[test]
fn metrics_name_every_forbidden_pair_and_an_experiment_both_options() {
    let open = PairScores::new(3, 3, vec![0.5; 9], vec![0.5; 9]).unwrap();
    let pairing = Pairing::new(&open, vec![(0, 2), (1, 0), (2, 1)]).unwrap();
    let mut strict = open.clone();
    strict.forbid(0, 2).unwrap();
    strict.forbid(2, 1).unwrap();
    let err = metrics::report(&strict, &pairing).unwrap_err();
    assert_eq!(named(&err), [("pair", 0, 2), ("pair", 2, 1)]);
    // Both options at fault are named, as an experiment names its own.
    let err = Metrics::new()
        .with_top_k(0)
        .with_utilitarian_total(f64::NAN)
        .report(&open, &pairing)
        .unwrap_err();
    let options: Vec<&str> = err
        .all()
        .iter()
        .map(|e| match e {
            MatrixError::InvalidOption { option, .. } => *option,
            other => panic!("expected an option, got {other:?}"),
        })
        .collect();
    assert_eq!(options, ["top_k", "utilitarian_total"]);
    assert!(Metrics::new().with_top_k(1).report(&open, &pairing).is_ok());

    let err = Experiment::new(vec![Box::new(Greedy)])
        .with_repeats(0)
        .with_top_k(0)
        .run(|_| PairScores::new(1, 1, vec![0.5], vec![0.5]))
        .unwrap_err();
    let options: Vec<String> = err
        .all()
        .iter()
        .map(|e| match e {
            MatrixError::InvalidOption { option, .. } => option.to_string(),
            other => panic!("expected an option, got {other:?}"),
        })
        .collect();
    assert_eq!(options, ["repeats", "top_k"]);
}

#[test]
fn lengths_and_options_of_one_step_are_named_together() {
    // Gains: both buffers of the wrong length; a shape whose cells overflow is one mistake.
    let err = PairScores::new(2, 2, vec![0.5; 3], vec![0.5; 5]).unwrap_err();
    assert!(
        matches!(
            err.all(),
            [
                MatrixError::MatrixShape { len: 3, .. },
                MatrixError::MatrixShape { len: 5, .. },
            ]
        ),
        "{err:?}"
    );
    let err = PairScores::new(usize::MAX, 2, vec![], vec![]).unwrap_err();
    assert!(matches!(err, MatrixError::MatrixShape { .. }), "{err:?}");

    // Capacities of both sides of the wrong length.
    let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]).unwrap();
    let caps = Capacities::new(vec![1], vec![1, 1, 1]).unwrap();
    let err = Greedy.pair_within(&scores, &caps, 0).unwrap_err();
    assert!(
        matches!(
            err.all(),
            [
                MatrixError::LengthMismatch {
                    what: "junior capacities",
                    ..
                },
                MatrixError::LengthMismatch {
                    what: "senior capacities",
                    ..
                },
            ]
        ),
        "{err:?}"
    );

    // Metrics: a pairing of another shape and a wrong optimum.
    let other = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6]).unwrap();
    let pairing = Pairing::new(&other, vec![(0, 2)]).unwrap();
    let err = metrics::Metrics::new()
        .with_utilitarian_total(f64::NAN)
        .report(&scores, &pairing)
        .unwrap_err();
    let options: Vec<String> = err
        .all()
        .iter()
        .map(|e| match e {
            MatrixError::InvalidOption { option, .. } => option.to_string(),
            other => panic!("expected an option, got {other:?}"),
        })
        .collect();
    assert_eq!(options, ["pairing.seniors", "utilitarian_total"]);
}

/// A piece of an instance document: right as it is, or with one fault and a stand-in of the
/// same length without it (so that every other piece stays where it was).
#[derive(Debug, Clone)]
enum Piece {
    Good(String),
    Bad { text: String, good: String },
}

/// The document of `pieces`, with the faults of the pieces `keep` says to keep.
fn document(pieces: &[Piece], keep: impl Fn(usize) -> bool) -> String {
    let mut text = String::new();
    let mut bad = 0;
    for piece in pieces {
        match piece {
            Piece::Good(t) => text.push_str(t),
            Piece::Bad { text: t, good } => {
                text.push_str(if keep(bad) { t } else { good });
                bad += 1;
            }
        }
    }
    text
}

/// `text` as a good piece.
fn good(text: &str) -> Piece {
    Piece::Good(text.to_owned())
}

/// `text` as a piece with a fault, whose stand-in is `good` (the same length).
fn bad(text: &str, good: &str) -> Piece {
    assert_eq!(text.len(), good.len(), "{text} / {good}");
    Piece::Bad {
        text: text.to_owned(),
        good: good.to_owned(),
    }
}

/// `text` as a piece with a fault whose stand-in is as many spaces (its line breaks kept):
/// an entry left out.
fn left_out(text: &str) -> Piece {
    let blank: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
        .collect();
    bad(text, &blank)
}

/// Each fault an instance's error names, as `(at, why, line, column)`.
fn instance_faults(err: &MatrixError) -> Vec<(&str, &str, usize, usize)> {
    err.all()
        .iter()
        .map(|e| match e {
            MatrixError::InstanceJson {
                at,
                why,
                line,
                column,
            } => (at.as_str(), why.as_str(), *line, *column),
            other => panic!("expected an instance error, got {other:?}"),
        })
        .collect()
}

/// The instance document of `pieces` names every fault of its pieces, each exactly as the
/// first reading names it when it is the document's only fault (the same place, words, line
/// and column), in the order of the text: one fault is that error itself, several a list.
fn names_every_piece_at_fault(pieces: &[Piece]) {
    let faults = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Bad { .. }))
        .count();
    let alone: Vec<MatrixError> = (0..faults)
        .map(|i| {
            let text = document(pieces, |b| b == i);
            let err = Instance::from_json(&text).unwrap_err();
            assert!(
                matches!(err, MatrixError::InstanceJson { line, .. } if line > 0),
                "{text}\n{err}"
            );
            err
        })
        .collect();
    let text = document(pieces, |_| true);
    match Instance::from_json(&text) {
        Err(MatrixError::Multiple { errors, more: 0 }) if faults > 1 => {
            assert_eq!(errors, alone, "{text}");
        }
        Err(err) if faults == 1 => assert_eq!(err, alone[0], "{text}"),
        // No fault in the pieces: read, or refused only between keys.
        Ok(_) if faults == 0 => {}
        Err(MatrixError::InstanceJson { line: 0, .. }) if faults == 0 => {}
        other => panic!("{faults} faults in {text}\ngave {other:?}"),
    }
}

/// A gain as written, right or with a fault: the fault's text and a right gain of its length.
fn cell() -> impl proptest::strategy::Strategy<Value = Piece> {
    use proptest::strategy::Strategy as _;
    prop_oneof![
        3 => prop::sample::select(vec!["1", "0.5", "null", "7", "1e2"]).prop_map(good),
        1 => prop::sample::select(vec![
            ("-2", "10"),
            ("\"x\"", "100"),
            ("[1]", "100"),
            ("{}", "10"),
            ("{\"a\": [1, -1]}", "10000000000000"),
            ("1e101", "10000"),
            // Beyond f64: a syntax fault to the reader, within a value.
            ("1e400", "10000"),
            ("true", "1000"),
            ("-0.5", "1000"),
        ])
        .prop_map(|(text, stand_in)| bad(text, stand_in)),
    ]
}

/// A capacity entry as written, right or with a fault.
fn capacity() -> impl proptest::strategy::Strategy<Value = Piece> {
    use proptest::strategy::Strategy as _;
    prop_oneof![
        3 => prop::sample::select(vec!["1", "2", "0", "2.0"]).prop_map(good),
        1 => prop::sample::select(vec![("-1", "11"), ("2.5", "2.0"), ("\"a\"", "111"), ("5e9", "5e0")])
            .prop_map(|(text, stand_in)| bad(text, stand_in)),
    ]
}

proptest! {
    #![proptest_config(config(300))]

    /// Instances with bad gains, rows one cell too long, bad capacity entries, a bad seed,
    /// an unknown key and a key given twice, anywhere and spread over lines: every fault
    /// met while reading is named, each as it is named alone (see
    /// `names_every_piece_at_fault`).
    #[test]
    fn an_instance_names_every_fault_met_while_reading(
        rows in prop::collection::vec(prop::collection::vec(cell(), 1..5), 1..5),
        longer in prop::collection::vec(any::<bool>(), 5),
        capacities in prop::option::of(prop::collection::vec(capacity(), 5)),
        seed in prop::sample::select(vec![None, Some(("3", None)), Some(("-1", Some("11"))), Some(("0.5", Some("555")))]),
        unknown in any::<bool>(),
        twice in any::<bool>(),
        breaks in prop::collection::vec(prop::sample::select(vec![", ", ",\n  ", " ,\r\n", ",\n", "\n,\n"]), 30),
        key_break in prop::sample::select(vec![" ", "\n", "\r\n", "\t"]),
    ) {
        let columns = rows[0].len();
        let mut pieces = vec![good("{\"junior_gain\": [")];
        let mut gap = breaks.iter().cycle();
        for (r, row) in rows.iter().enumerate() {
            if r > 0 {
                pieces.push(good(gap.next().unwrap()));
            }
            pieces.push(good("["));
            for c in 0..columns {
                if c > 0 {
                    pieces.push(good(gap.next().unwrap()));
                }
                pieces.push(row.get(c).cloned().unwrap_or_else(|| good("1")));
            }
            // One cell too many, outside row 0 (which every other row is measured against).
            if r > 0 && longer[r] {
                pieces.push(left_out(&format!("{}4", gap.next().unwrap())));
            }
            pieces.push(good("]"));
        }
        let senior_row = format!("[{}]", vec!["1"; columns].join(", "));
        pieces.push(good(&format!(
            "],\n \"senior_gain\": [{}]",
            vec![senior_row; rows.len()].join(", ")
        )));
        if unknown {
            pieces.push(left_out(&format!(",\n \"mentors\"{key_break}: 3")));
        }
        if let Some(entries) = capacities {
            pieces.push(good(", \"junior_capacity\": ["));
            for (i, entry) in entries.into_iter().take(rows.len()).enumerate() {
                if i > 0 {
                    pieces.push(good(gap.next().unwrap()));
                }
                pieces.push(entry);
            }
            pieces.push(good("]"));
        }
        match seed {
            None => {}
            Some((value, None)) => pieces.push(good(&format!(", \"seed\": {value}"))),
            Some((value, Some(stand_in))) => {
                pieces.push(good(", \"seed\": "));
                pieces.push(bad(value, stand_in));
            }
        }
        if twice {
            pieces.push(good(", \"top_k\": 2"));
            pieces.push(left_out(&format!(", \"top_k\"{key_break}: 2")));
        }
        pieces.push(good("}"));
        names_every_piece_at_fault(&pieces);
    }
}

/// The faults the property above does not draw: rows that are not lists, an empty first row,
/// a matrix that is not a list, and the strategies' entries (unknown, repeated, not names),
/// each named as it is named alone.
#[test]
fn an_instance_names_every_bad_row_and_strategy() {
    names_every_piece_at_fault(&[
        good(r#"{"junior_gain": [[1], "#),
        bad("333", "[1]"),
        good(",\n [1"),
        left_out(", 2"),
        good("], ["),
        bad("-1", "10"),
        good(r#"]], "senior_gain": [[1]], "strategies": ["random", "#),
        bad(r#""random""#, r#""greedy""#),
        good(",\n   "),
        bad(r#""nope""#, r#""nash""#),
        good("  , "),
        bad("333333333", r#""leximin""#),
        good(" ]}"),
    ]);
    // As `json.dumps(..., indent=0)` writes: every value on a line of its own, so the first
    // reading stops after a line break (column 0 of the next line).
    names_every_piece_at_fault(&[
        good("{\n\"junior_gain\": [\n[\n"),
        bad("-1", "10"),
        good("\n]\n],\n\"senior_gain\": [\n[\n1\n]\n],\n\"strategies\": [\n\"greedy\",\n"),
        bad(r#""nope""#, r#""nash""#),
        good(",\n"),
        bad(r#""greedy""#, r#""random""#),
        good("\n]"),
        left_out(",\n\"mentors\"\n: 3"),
        good(",\n\"seed\": 1"),
        left_out(",\r\n\"seed\"\r\n: 2"),
        good("\n}"),
    ]);
    // A key given three times: each repeat named, with how many times it appears.
    let err = Instance::from_json(
        r#"{"junior_gain": [[1]], "senior_gain": [[1]], "seed": 1, "seed": 2, "seed": 3}"#,
    )
    .unwrap_err();
    let whys: Vec<&str> = instance_faults(&err).iter().map(|f| f.1).collect();
    assert_eq!(whys.len(), 2, "{err}");
    assert!(
        whys[0].starts_with("the key `seed` appears twice;"),
        "{err}"
    );
    assert!(
        whys[1].starts_with("the key `seed` appears 3 times;"),
        "{err}"
    );
    // A key spelt with an escape is the key it spells, in the second reading too.
    let err = Instance::from_json(
        r#"{"junior_gain": [[-1]], "senior_gain": [[1]], "seed": 1, "se\u0065d": 2}"#,
    )
    .unwrap_err();
    let whys: Vec<&str> = instance_faults(&err).iter().map(|f| f.1).collect();
    assert_eq!(whys.len(), 2, "{err}");
    assert!(
        whys[1].starts_with("the key `seed` appears twice;"),
        "{err}"
    );
    // An empty first row: the other rows are not measured against it, their cells are read.
    let err = Instance::from_json(r#"{"junior_gain": [[], [1, -1], [1]], "senior_gain": [[1]]}"#)
        .unwrap_err();
    let named: Vec<_> = instance_faults(&err)
        .iter()
        .map(|&(at, _, line, column)| (at, line, column))
        .collect();
    assert_eq!(
        named,
        [
            ("`junior_gain` row 0", 1, 19),
            ("`junior_gain` row 1, column 1", 1, 27)
        ]
    );
    // A matrix that is not a list, and one with no rows, beside a bad seed.
    let err =
        Instance::from_json(r#"{"junior_gain": {}, "senior_gain": [], "seed": -1}"#).unwrap_err();
    let named: Vec<&str> = instance_faults(&err).iter().map(|f| f.1).collect();
    assert_eq!(named.len(), 3, "{err}");
    assert!(named[0].starts_with("invalid type: map"), "{err}");
    assert!(named[1].starts_with("the matrix has no rows"), "{err}");
    assert!(named[2].starts_with("invalid value: integer `-1`"), "{err}");
}

/// The second reading within bounds: after a fault in the JSON's syntax nothing more is
/// named; values nested deep are passed over without recursion; a hostile number of bad
/// cells is listed up to `MAX_LISTED` and counted beyond. (Its time is measured in
/// BENCHMARKS.md, not here.)
#[test]
fn an_instance_read_again_stays_bounded() {
    let places = |err: &MatrixError| -> Vec<String> {
        let faults = instance_faults(err);
        faults.iter().map(|f| format!("{}: {}", f.0, f.1)).collect()
    };
    // A bad cell, then text that is not JSON: the bad cell alone.
    let err = Instance::from_json(r#"{"junior_gain": [[-1]], "senior_gain": [[1]], "seed": NaN}"#)
        .unwrap_err();
    assert!(
        matches!(&err, MatrixError::InstanceJson { at, .. } if at == "`junior_gain` row 0, column 0"),
        "{err}"
    );
    // A bad cell, a value nested 200,000 deep under an unknown key and in a cell, a bad seed:
    // each named, the deep values read no deeper than the first reading reads them.
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let err = Instance::from_json(&format!(
        r#"{{"junior_gain": [[-1, {deep}]], "senior_gain": [[1, 1]], "x": {deep}, "seed": -1}}"#
    ))
    .unwrap_err();
    let found = places(&err);
    assert_eq!(found.len(), 4, "{found:#?}");
    for (f, starts) in found.iter().zip([
        "`junior_gain` row 0, column 0: -1 is negative",
        "`junior_gain` row 0, column 1: invalid type: sequence",
        ": unknown key `x`",
        "`seed`: invalid value: integer `-1`",
    ]) {
        assert!(f.starts_with(starts), "{f}");
    }
    // Faults the JSON reader counts as syntax inside a value are named once a fault in a
    // value came first; a number beyond f64 also leads the list.
    for (text, at) in [
        (
            r#"{"junior_gain": [[-1, 1e400]], "senior_gain": [[1, 1]], "seed": -1}"#,
            1,
        ),
        (
            r#"{"junior_gain": [[1e400, -1]], "senior_gain": [[1, 1]], "seed": -1}"#,
            0,
        ),
    ] {
        let found = places(&Instance::from_json(text).unwrap_err());
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[at].starts_with(&format!(
                "`junior_gain` row 0, column {at}: the number is too large"
            )),
            "{}",
            found[at]
        );
    }
    // 200,000 bad cells on many lines: the first MAX_LISTED listed, the rest counted.
    let row = format!("[{}]", vec!["-1"; 1000].join(",\n"));
    let text = format!(
        r#"{{"junior_gain": [{}], "senior_gain": [[1]]}}"#,
        vec![row; 200].join(", ")
    );
    let err = Instance::from_json(&text).unwrap_err();
    let MatrixError::Multiple { errors, more } = &err else {
        panic!("{err}")
    };
    assert_eq!((errors.len(), *more), (MAX_LISTED, 200_000 - MAX_LISTED));
    assert!(
        matches!(&errors[MAX_LISTED - 1], MatrixError::InstanceJson { at, line, .. }
        if at == "`junior_gain` row 0, column 99" && *line == 100),
        "{:?}",
        errors[MAX_LISTED - 1]
    );
}
