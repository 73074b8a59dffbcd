//! Integration tests of scoring (`mentor_match::score` and `mentor_match::pair_scores`).
//!
//! - The [`MutualBenefit`] formula on hand-computed cases: the gap credit, priorities, the
//!   credit for a parent or child skill, `gap_cap`, `relative_credit` and their validation.
//! - Each [`Combination`]'s formula and properties, and its validation.
//! - Custom scorers returning values outside `[0, 1]`: [`Error::InvalidScore`] naming both
//!   participants.
//! - [`Lesson`]s: the shares of a direction add up to its score; checked by hand and against an
//!   independent implementation of the formula on random rosters.

use mentor_match::{
    Combination, Error, Lesson, Matcher, MutualBenefit, PairScores, ParticipantId, ParticipantSpec,
    Roster, RosterSpec, Scorer, Side, SkillSpec,
};
use mentor_match::{MatrixError, OptionValue};
mod common;
use common::roster::duo_on;
use common::skills::{catalog, levels, reference_teaches};
use proptest::prelude::*;

const EPS: f64 = 1e-12;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

#[track_caller]
fn assert_close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= EPS,
        "got {got:?}, want {want:?} (difference {:e})",
        got - want
    );
}

/// A teacher with these skills and a learner with these levels and wishes.
fn duo(teacher: &[(&str, u8)], learner: &[(&str, u8)], wishes: &[(&str, u8)]) -> Roster {
    duo_on(RosterSpec::new(), teacher, learner, wishes)
}

/// What `l` gains from `t` under `scorer`.
fn gain(scorer: &impl Scorer, r: &Roster) -> f64 {
    let (t, l) = (r.find("t").unwrap(), r.find("l").unwrap());
    scorer.teaches(r, t, l)
}

/// The lessons `l` takes from `t` under `scorer`.
fn lessons(scorer: &impl Scorer, r: &Roster) -> Vec<Lesson> {
    let (t, l) = (r.find("t").unwrap(), r.find("l").unwrap());
    scorer.explain(r, t, l)
}

/// The catalog `digital` ⊃ {`data`, `social`}, `data` ⊃ {`spreadsheets`}; `leadership`.
fn taxonomy() -> RosterSpec {
    RosterSpec::new()
        .with_skill(SkillSpec::new("digital"))
        .with_skill(SkillSpec::new("data").with_parent("digital"))
        .with_skill(SkillSpec::new("social").with_parent("digital"))
        .with_skill(SkillSpec::new("spreadsheets").with_parent("data"))
        .with_skill(SkillSpec::new("leadership"))
}

/// A teacher and a learner on the [`taxonomy`] catalog.
fn duo_in_taxonomy(
    teacher: &[(&str, u8)],
    learner: &[(&str, u8)],
    wishes: &[(&str, u8)],
) -> Roster {
    duo_on(taxonomy(), teacher, learner, wishes)
}

// ---------------------------------------------------------------------------------------------
// MutualBenefit: the gap
// ---------------------------------------------------------------------------------------------

#[test]
fn gap_of_1_2_3_and_more() {
    let mb = MutualBenefit::new();
    assert_eq!((mb.gap_cap, mb.relative_credit), (3, 0.5));
    // Learner at level 1 in `x`.
    for (teacher, want) in [(2u8, 1.0 / 3.0), (3, 2.0 / 3.0), (4, 1.0), (5, 1.0)] {
        let r = duo(&[("x", teacher)], &[("x", 1)], &[("x", 3)]);
        assert_close(gain(&mb, &r), want);
    }
    // Learner does not list the skill: level 0, so level 1 already is a gap of 1.
    for (teacher, want) in [(1u8, 1.0 / 3.0), (2, 2.0 / 3.0), (3, 1.0), (5, 1.0)] {
        let r = duo(&[("x", teacher)], &[], &[("x", 5)]);
        assert_close(gain(&mb, &r), want);
    }
}

#[test]
fn teacher_not_above_learner_gives_nothing() {
    let mb = MutualBenefit::new();
    for (teacher, learner) in [(3u8, 3u8), (2, 4), (1, 5), (5, 5)] {
        let r = duo(&[("x", teacher)], &[("x", learner)], &[("x", 4)]);
        assert_eq!(gain(&mb, &r), 0.0, "teacher {teacher}, learner {learner}");
        assert!(lessons(&mb, &r).is_empty());
    }
    // The teacher does not list the skill at all.
    let r = duo(&[("y", 5)], &[], &[("x", 4)]);
    assert_eq!(gain(&mb, &r), 0.0);
    // The learner wishes nothing.
    let r = duo(&[("x", 5)], &[], &[]);
    assert_eq!(gain(&mb, &r), 0.0);
    // A skill the learner has but does not wish for is no lesson.
    let r = duo(&[("x", 5)], &[("x", 1)], &[("y", 2)]);
    assert_eq!(gain(&mb, &r), 0.0);
}

#[test]
fn priorities_weight_the_wishes() {
    let mb = MutualBenefit::new();
    // Wishes x (5), y (1), z (4): x served fully, y with a gap of 2, z not at all.
    let r = duo(
        &[("x", 5), ("y", 4), ("z", 2)],
        &[("y", 2), ("z", 3)],
        &[("x", 5), ("y", 1), ("z", 4)],
    );
    assert_close(gain(&mb, &r), (5.0 * 1.0 + 1.0 * (2.0 / 3.0) + 0.0) / 10.0);

    // Same skills, priorities swapped: the other wish now dominates.
    let r = duo(&[("x", 5)], &[], &[("x", 1), ("w", 4)]);
    assert_close(gain(&mb, &r), 1.0 / 5.0);
    let r = duo(&[("x", 5)], &[], &[("x", 4), ("w", 1)]);
    assert_close(gain(&mb, &r), 4.0 / 5.0);

    // Every wish served fully: 1, whatever the priorities.
    let r = duo(&[("a", 5), ("b", 5)], &[], &[("a", 1), ("b", 5)]);
    assert_close(gain(&mb, &r), 1.0);
}

#[test]
fn gap_cap_is_configurable() {
    // Learner at level 1 in `x`, teacher at 4: a gap of 3.
    let r = duo(&[("x", 4)], &[("x", 1)], &[("x", 2)]);
    for (cap, want) in [(1u8, 1.0), (2, 1.0), (3, 1.0), (4, 0.75), (5, 0.6)] {
        let mb = MutualBenefit::new().with_gap_cap(cap).validate().unwrap();
        assert_close(gain(&mb, &r), want);
    }
    // A gap of 1 under each cap: 1/cap.
    let r = duo(&[("x", 3)], &[("x", 2)], &[("x", 2)]);
    for cap in 1..=5u8 {
        let mb = MutualBenefit::new().with_gap_cap(cap);
        assert_close(gain(&mb, &r), 1.0 / cap as f64);
    }
}

// ---------------------------------------------------------------------------------------------
// MutualBenefit: parents and children
// ---------------------------------------------------------------------------------------------

#[test]
fn child_serves_a_wish_for_its_parent_at_half_credit() {
    let mb = MutualBenefit::new();
    let r = duo_in_taxonomy(&[("spreadsheets", 5)], &[], &[("data", 4)]);
    assert_close(gain(&mb, &r), 0.5);
    let ls = lessons(&mb, &r);
    assert_eq!(ls.len(), 1);
    assert_eq!(
        (ls[0].skill.as_str(), ls[0].via.as_str()),
        ("data", "spreadsheets")
    );
    assert_eq!(
        (ls[0].teacher_level, ls[0].learner_level, ls[0].priority),
        (5, 0, 4)
    );
    assert_close(ls[0].share, 0.5);
}

#[test]
fn parent_serves_a_wish_for_its_child_at_half_credit() {
    let mb = MutualBenefit::new();
    let r = duo_in_taxonomy(&[("data", 4)], &[], &[("spreadsheets", 2)]);
    assert_close(gain(&mb, &r), 0.5);
    assert_eq!(lessons(&mb, &r)[0].via, "data");
}

#[test]
fn only_parent_and_children_are_relatives() {
    let mb = MutualBenefit::new();
    // A sibling (data and social share the parent digital): no credit.
    let r = duo_in_taxonomy(&[("social", 5)], &[], &[("data", 4)]);
    assert_eq!(gain(&mb, &r), 0.0);
    // A grandchild and a grandparent: no credit.
    let r = duo_in_taxonomy(&[("spreadsheets", 5)], &[], &[("digital", 4)]);
    assert_eq!(gain(&mb, &r), 0.0);
    let r = duo_in_taxonomy(&[("digital", 5)], &[], &[("spreadsheets", 4)]);
    assert_eq!(gain(&mb, &r), 0.0);
    // An unrelated skill: no credit.
    let r = duo_in_taxonomy(&[("leadership", 5)], &[], &[("data", 4)]);
    assert_eq!(gain(&mb, &r), 0.0);
}

#[test]
fn relative_gap_is_measured_from_the_learners_level_in_the_wish() {
    let mb = MutualBenefit::new();
    // The learner is at 2 in `data`; the teacher knows `spreadsheets` at 4: a gap of 2.
    let r = duo_in_taxonomy(&[("spreadsheets", 4)], &[("data", 2)], &[("data", 3)]);
    assert_close(gain(&mb, &r), 0.5 * 2.0 / 3.0);
    // Teacher at 2 in the child, learner at 2 in the wish: no gap, no credit.
    let r = duo_in_taxonomy(&[("spreadsheets", 2)], &[("data", 2)], &[("data", 3)]);
    assert_eq!(gain(&mb, &r), 0.0);
}

#[test]
fn best_of_direct_and_relative_credit() {
    let mb = MutualBenefit::new();
    // Direct gap 1 (1/3) vs. child with gap 5 (0.5 · 1): the child wins.
    let r = duo_in_taxonomy(&[("data", 1), ("spreadsheets", 5)], &[], &[("data", 2)]);
    assert_close(gain(&mb, &r), 0.5);
    assert_eq!(lessons(&mb, &r)[0].via, "spreadsheets");
    assert_eq!(lessons(&mb, &r)[0].teacher_level, 5);
    // Direct gap 2 (2/3) vs. child 0.5: direct wins.
    let r = duo_in_taxonomy(&[("data", 2), ("spreadsheets", 5)], &[], &[("data", 2)]);
    assert_close(gain(&mb, &r), 2.0 / 3.0);
    assert_eq!(lessons(&mb, &r)[0].via, "data");
    // Two relatives: the parent (gap 1) and a child (gap 3): the better one.
    let r = duo_in_taxonomy(&[("digital", 1), ("spreadsheets", 3)], &[], &[("data", 2)]);
    assert_close(gain(&mb, &r), 0.5);
    assert_eq!(lessons(&mb, &r)[0].via, "spreadsheets");
}

#[test]
fn relative_credit_is_configurable() {
    let r = duo_in_taxonomy(
        &[("spreadsheets", 5)],
        &[],
        &[("data", 4), ("leadership", 4)],
    );
    for share in [0.0, 0.25, 0.5, 0.8, 1.0] {
        let mb = MutualBenefit::new()
            .with_relative_credit(share)
            .validate()
            .unwrap();
        assert_close(gain(&mb, &r), share / 2.0);
        let ls = lessons(&mb, &r);
        if share == 0.0 {
            assert!(ls.is_empty());
        } else {
            assert_eq!(ls.len(), 1);
            assert_close(ls[0].share, share / 2.0);
        }
    }
    // Combined with gap_cap: child at 2, learner at 0, cap 4: 0.25 · 2/4.
    let r = duo_in_taxonomy(&[("spreadsheets", 2)], &[], &[("data", 1)]);
    let mb = MutualBenefit::new()
        .with_relative_credit(0.25)
        .with_gap_cap(4);
    assert_close(gain(&mb, &r), 0.25 * 0.5);
}

#[test]
fn no_relatives_without_catalog() {
    // Free skill ids have no taxonomy, even if they look related.
    let r = duo(&[("spreadsheets", 5)], &[], &[("data", 4)]);
    assert_eq!(gain(&MutualBenefit::new(), &r), 0.0);
}

// ---------------------------------------------------------------------------------------------
// MutualBenefit: options
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_gap_cap() {
    for cap in [0u8, 6, 255] {
        let err = MutualBenefit::new()
            .with_gap_cap(cap)
            .validate()
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidOption { option: "gap_cap", value, .. } if value == OptionValue::from(cap)),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with(&format!("option `gap_cap`: {cap} is not"))
        );
    }
    for cap in 1..=5 {
        assert_eq!(
            MutualBenefit::new()
                .with_gap_cap(cap)
                .validate()
                .unwrap()
                .gap_cap,
            cap
        );
    }
}

#[test]
fn invalid_relative_credit() {
    for share in [-0.1, 1.1, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = MutualBenefit::new()
            .with_relative_credit(share)
            .validate()
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidOption {
                    option: "relative_credit",
                    ..
                }
            ),
            "{share}: {err:?}"
        );
        assert!(err.to_string().starts_with("option `relative_credit`: "));
    }
}

#[test]
fn matcher_rejects_invalid_scorer_options() {
    // `Matcher::score` documents `Error::InvalidOption` "for a scorer's invalid parameters".
    // `data` is served through its child at relative credit, `leadership` directly with a gap
    // of 5, so each invalid option changes the score.
    let r = duo_in_taxonomy(
        &[("spreadsheets", 5), ("leadership", 5)],
        &[],
        &[("data", 4), ("leadership", 4)],
    );
    for scorer in [
        MutualBenefit::new().with_gap_cap(0),
        MutualBenefit::new().with_gap_cap(7),
        MutualBenefit::new().with_relative_credit(1.5),
        MutualBenefit::new().with_relative_credit(-1.0),
    ] {
        let got = Matcher::new().with_scorer(scorer).solve(&r);
        assert!(
            matches!(got, Err(Error::InvalidOption { .. })),
            "{scorer:?}: {got:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Combinations
// ---------------------------------------------------------------------------------------------

/// The gains the combination tests use.
const GRID: [f64; 7] = [0.0, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.9, 1.0];

/// Every combination the tests use, with some parameters.
fn combinations() -> Vec<Combination> {
    vec![
        Combination::default(),
        Combination::Mutual { balance: 0.0 },
        Combination::Mutual { balance: 0.3 },
        Combination::Mutual { balance: 1.0 },
        Combination::Sum,
        Combination::Minimum,
        Combination::Product,
        Combination::Weighted {
            junior: 1.0,
            senior: 1.0,
        },
        Combination::Weighted {
            junior: 2.0,
            senior: 1.0,
        },
        Combination::Weighted {
            junior: 0.0,
            senior: 3.0,
        },
    ]
}

#[test]
fn combination_formulas() {
    assert_eq!(Combination::default(), Combination::Mutual { balance: 0.5 });
    for &a in &GRID {
        for &b in &GRID {
            let mutual = |l: f64| (1.0 - l) * (a + b) / 2.0 + l * (a * b).sqrt();
            assert_close(Combination::default().combine(a, b), mutual(0.5));
            assert_close(
                Combination::Mutual { balance: 0.3 }.combine(a, b),
                mutual(0.3),
            );
            assert_close(
                Combination::Mutual { balance: 0.0 }.combine(a, b),
                (a + b) / 2.0,
            );
            assert_close(
                Combination::Mutual { balance: 1.0 }.combine(a, b),
                (a * b).sqrt(),
            );
            assert_close(Combination::Sum.combine(a, b), (a + b) / 2.0);
            assert_eq!(Combination::Minimum.combine(a, b), a.min(b));
            assert_close(Combination::Product.combine(a, b), a * b);
            assert_close(
                Combination::Weighted {
                    junior: 2.0,
                    senior: 1.0,
                }
                .combine(a, b),
                (2.0 * a + b) / 3.0,
            );
            assert_close(
                Combination::Weighted {
                    junior: 0.0,
                    senior: 3.0,
                }
                .combine(a, b),
                b,
            );
            for c in combinations() {
                let w = c.combine(a, b);
                assert!((0.0..=1.0 + EPS).contains(&w), "{c:?}({a}, {b}) = {w}");
            }
        }
    }
    // A worked example of the default: a = 0.64, b = 0.04 → 0.5·0.34 + 0.5·0.16 = 0.25.
    assert_close(Combination::default().combine(0.64, 0.04), 0.25);
}

#[test]
fn mutual_prefers_pairs_where_both_learn() {
    for balance in [0.1, 0.5, 0.9, 1.0] {
        let c = Combination::Mutual { balance };
        for sum in [0.1, 0.5, 1.0, 1.5, 1.9] {
            // Moving the same sum towards balance raises the score.
            let steps = 10;
            let mut last = f64::NEG_INFINITY;
            let lo = (sum - 1.0f64).max(0.0);
            for k in 0..=steps {
                // From the most lopsided split to the even one.
                let a = sum - lo - (sum / 2.0 - lo) * k as f64 / steps as f64;
                let a = a.min(1.0);
                let b = sum - a;
                let w = c.combine(a, b);
                assert!(w > last - EPS, "{c:?}: ({a}, {b}) = {w} < {last}");
                last = w;
            }
            let lopsided = c.combine(sum.min(1.0), sum - sum.min(1.0));
            assert!(
                c.combine(sum / 2.0, sum / 2.0) > lopsided,
                "{c:?}, sum {sum}"
            );
        }
    }
    // The Sum does not care.
    assert_eq!(
        Combination::Sum.combine(0.4, 0.4),
        Combination::Sum.combine(0.8, 0.0)
    );
}

#[test]
fn one_way_and_nothing() {
    for one_way in [(0.8, 0.0), (0.0, 0.8), (0.01, 0.0)] {
        let (a, b) = one_way;
        for c in [
            Combination::default(),
            Combination::Mutual { balance: 0.0 },
            Combination::Mutual { balance: 0.99 },
            Combination::Sum,
            Combination::Weighted {
                junior: 1.0,
                senior: 2.0,
            },
        ] {
            assert!(c.combine(a, b) > 0.0, "{c:?}({a}, {b})");
        }
        // One-way under the default: (1 − λ)·a/2.
        assert_close(Combination::default().combine(a, b), 0.5 * (a + b) / 2.0);
        assert_eq!(Combination::Minimum.combine(a, b), 0.0);
        assert_eq!(Combination::Product.combine(a, b), 0.0);
        assert_eq!(Combination::Mutual { balance: 1.0 }.combine(a, b), 0.0);
    }
    // Weighted with a zero weight ignores that direction.
    assert_eq!(
        Combination::Weighted {
            junior: 0.0,
            senior: 1.0
        }
        .combine(0.9, 0.0),
        0.0
    );
    for c in combinations() {
        assert_eq!(c.combine(0.0, 0.0), 0.0, "{c:?}");
        assert_close(c.combine(1.0, 1.0), 1.0);
    }
}

#[test]
fn invalid_combinations() {
    let bad = [
        (Combination::Mutual { balance: -0.1 }, "combination.balance"),
        (Combination::Mutual { balance: 1.5 }, "combination.balance"),
        (
            Combination::Mutual { balance: f64::NAN },
            "combination.balance",
        ),
        (
            Combination::Weighted {
                junior: -1.0,
                senior: 1.0,
            },
            "combination.junior",
        ),
        (
            Combination::Weighted {
                junior: 1.0,
                senior: -1.0,
            },
            "combination.senior",
        ),
        (
            Combination::Weighted {
                junior: f64::INFINITY,
                senior: 1.0,
            },
            "combination.junior",
        ),
        (
            Combination::Weighted {
                junior: 1.0,
                senior: f64::NAN,
            },
            "combination.senior",
        ),
        (
            Combination::Weighted {
                junior: 0.0,
                senior: 0.0,
            },
            "combination.junior",
        ),
        // Finite, but huge: with another as huge their sum is not, and the score would be
        // inf / inf, a NaN blamed on a matrix cell (both weights refused: below).
        (
            Combination::Weighted {
                junior: 1e308,
                senior: 1.0,
            },
            "combination.junior",
        ),
        (
            Combination::Weighted {
                junior: 1.0,
                senior: 1e101,
            },
            "combination.senior",
        ),
    ];
    let r = duo(&[("x", 5)], &[], &[("x", 4)]);
    for (c, name) in bad {
        let err = c.validate().unwrap_err();
        assert!(
            matches!(err, MatrixError::InvalidOption { option, .. } if option == name),
            "{c:?}: {err:?}"
        );
        assert!(err.to_string().starts_with(&format!("option `{name}`: ")));
        // The same error from the weights and from the matcher.
        let scores = PairScores::new(1, 1, vec![0.5], vec![0.5]).unwrap();
        for again in [
            Error::from(scores.weights(c).unwrap_err()),
            Matcher::new().with_combination(c).solve(&r).unwrap_err(),
        ] {
            assert!(
                matches!(again, Error::Matrix(MatrixError::InvalidOption { option, .. }) if option == name),
                "{c:?}: {again:?}"
            );
            assert_eq!(again.to_string(), err.to_string());
        }
    }
    for c in combinations() {
        assert_eq!(c.validate().unwrap(), c);
    }
    // Both weights wrong: both named, in one list.
    let err = Combination::Weighted {
        junior: 1e308,
        senior: f64::NAN,
    }
    .validate()
    .unwrap_err();
    let named: Vec<&str> = err
        .all()
        .iter()
        .map(|e| match e {
            MatrixError::InvalidOption { option, .. } => *option,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(named, ["combination.junior", "combination.senior"]);
}

#[test]
fn combination_json() {
    let json = serde_json::to_value(Combination::default()).unwrap();
    assert_eq!(json, serde_json::json!({"kind": "mutual", "balance": 0.5}));
    for c in combinations() {
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Combination>(&text).unwrap(), c);
    }
}

#[test]
fn weights_forbid_zero_and_forbidden_pairs() {
    // 2 x 2: (0,0) mutual, (0,1) nothing, (1,0) one-way, (1,1) forbidden.
    let mut scores =
        PairScores::new(2, 2, vec![0.5, 0.0, 0.6, 0.9], vec![0.5, 0.0, 0.0, 0.9]).unwrap();
    scores.forbid(1, 1).unwrap();
    // Out of range: an error naming the pair, not a silent no-op.
    assert_eq!(
        scores.forbid(5, 0),
        Err(MatrixError::InvalidPair {
            junior: 5,
            senior: 0,
            why: "outside the matrix"
        })
    );
    assert!(scores.forbid(0, 2).is_err());
    assert!(scores.is_allowed(0, 1));
    assert!(!scores.is_allowed(1, 1));
    assert!(!scores.is_allowed(2, 0));
    let w = scores.weights(Combination::default()).unwrap();
    assert_eq!(w.get(0, 0), Some(0.5));
    assert_eq!(w.get(0, 1), Some(f64::NEG_INFINITY));
    assert_eq!(w.get(1, 0), Some(0.15));
    assert_eq!(w.get(1, 1), Some(f64::NEG_INFINITY));
    let w = scores.weights(Combination::Minimum).unwrap();
    assert_eq!(w.get(1, 0), Some(f64::NEG_INFINITY));
    // Negative or infinite gains are rejected with their cell; gains above 1 (a researcher's
    // ratings) are accepted.
    assert!(PairScores::new(1, 2, vec![0.0, 7.5], vec![0.0, 0.0]).is_ok());
    let err = PairScores::new(1, 2, vec![0.0, -0.5], vec![0.0, 0.0]).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 0, col: 1, .. }),
        "{err:?}"
    );
    let err = PairScores::new(1, 2, vec![0.0, 0.0], vec![0.0, f64::INFINITY]).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 0, col: 1, .. }),
        "{err:?}"
    );
    // Gains so large that sums could overflow are rejected too.
    assert!(PairScores::new(1, 1, vec![1e100], vec![1e100]).is_ok());
    let err = PairScores::new(1, 1, vec![1e101], vec![0.0]).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 0, col: 0, .. }),
        "{err:?}"
    );
    let err = PairScores::new(1, 2, vec![0.0, 0.0], vec![f64::NAN, 0.0]).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 0, col: 0, .. }),
        "{err:?}"
    );
    let err = PairScores::new(2, 2, vec![0.0; 3], vec![0.0; 4]).unwrap_err();
    assert!(
        matches!(
            err,
            MatrixError::MatrixShape {
                rows: 2,
                cols: 2,
                len: 3
            }
        ),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Custom scorers: values outside [0, 1]
// ---------------------------------------------------------------------------------------------

/// Juniors `ola`, `kai`; seniors `jan`, `eva`; `eva` manages `kai`.
fn four() -> Roster {
    Roster::from_json(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}},
            {"id": "kai", "side": "junior", "manager": "eva", "skills": {"x": 4}},
            {"id": "jan", "side": "senior", "wishes": {"x": 5}},
            {"id": "eva", "side": "senior", "wishes": {"x": 5}}]}"#,
    )
    .unwrap()
}

#[test]
fn custom_scorer_out_of_range_names_both_participants() {
    let r = four();
    for bad in [
        f64::NAN,
        -0.1,
        1.5,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1.0 + 1e-12,
    ] {
        // Bad only for what `jan` gains from `kai`.
        let scorer = move |r: &Roster, t: ParticipantId, l: ParticipantId| {
            if r.id(t) == "kai" && r.id(l) == "jan" {
                bad
            } else {
                0.5
            }
        };
        for result in [
            Matcher::new().with_scorer(scorer).solve(&r).map(|_| ()),
            Matcher::new().with_scorer(scorer).score(&r).map(|_| ()),
        ] {
            let err = result.unwrap_err();
            assert!(
                matches!(err, Error::InvalidScore { ref teacher, ref learner, value }
                    if teacher == "kai" && learner == "jan"
                        && (value == bad || (value.is_nan() && bad.is_nan()))),
                "{bad}: {err:?}"
            );
            let msg = err.to_string();
            assert!(
                msg.contains("teacher `kai`") && msg.contains("learner `jan`"),
                "{msg}"
            );
            assert!(msg.contains("[0, 1]"), "{msg}");
        }
    }
    // The other direction: what `ola` gains from `jan`.
    let scorer = |r: &Roster, t: ParticipantId, l: ParticipantId| {
        if r.id(t) == "jan" && r.id(l) == "ola" {
            f64::NAN
        } else {
            0.0
        }
    };
    let err = Matcher::new().with_scorer(scorer).solve(&r).unwrap_err();
    assert!(
        matches!(err, Error::InvalidScore { ref teacher, ref learner, .. }
            if teacher == "jan" && learner == "ola"),
        "{err:?}"
    );
}

#[test]
fn custom_scorer_edges_are_valid() {
    let r = four();
    for ok in [0.0, -0.0, 1.0, f64::MIN_POSITIVE] {
        let scorer = move |_: &Roster, _: ParticipantId, _: ParticipantId| ok;
        Matcher::new().with_scorer(scorer).solve(&r).unwrap();
    }
}

#[test]
fn forbidden_pairs_are_not_scored() {
    // NaN only for the pair kai–eva, which NotOwnManager forbids: never asked, so no error.
    let r = four();
    let scorer = |r: &Roster, t: ParticipantId, l: ParticipantId| {
        let ids = [r.id(t), r.id(l)];
        if ids.contains(&"kai") && ids.contains(&"eva") {
            f64::NAN
        } else {
            0.7
        }
    };
    let m = Matcher::new().with_scorer(scorer).solve(&r).unwrap();
    assert_eq!(m.partner_of("kai"), Some("jan"));
    assert_eq!(m.partner_of("ola"), Some("eva"));
    let scored = Matcher::new().with_scorer(scorer).score(&r).unwrap();
    assert_eq!(scored.scores().junior_gain(1, 1), 0.0);
    assert_eq!(scored.excluded_by(1, 1), Some("not_own_manager"));
    // Without the rules it is asked, and fails.
    let err = Matcher::new()
        .with_scorer(scorer)
        .with_rules(mentor_match::rules::Rules::none())
        .solve(&r)
        .unwrap_err();
    assert!(matches!(err, Error::InvalidScore { .. }), "{err:?}");
}

#[test]
fn custom_scorer_has_no_lessons_by_default() {
    let r = four();
    let scorer = |_: &Roster, _: ParticipantId, _: ParticipantId| 0.5;
    let m = Matcher::new().with_scorer(scorer).solve(&r).unwrap();
    assert_eq!(m.pairs().len(), 2);
    for p in m.pairs() {
        assert!(p.junior_learns.is_empty() && p.senior_learns.is_empty());
        assert_eq!((p.junior_gain, p.senior_gain), (0.5, 0.5));
    }
}

// ---------------------------------------------------------------------------------------------
// Lessons
// ---------------------------------------------------------------------------------------------

#[test]
fn lessons_by_hand() {
    let mb = MutualBenefit::new();
    // Wishes: data (4, served by child spreadsheets: 0.5), leadership (2, gap 2: 2/3),
    // social (4, teacher equal to learner: none). Total priority 10.
    let r = duo_in_taxonomy(
        &[("spreadsheets", 5), ("leadership", 3), ("social", 3)],
        &[("leadership", 1), ("social", 3)],
        &[("data", 4), ("leadership", 2), ("social", 4)],
    );
    let ls = lessons(&mb, &r);
    assert_eq!(ls.len(), 2);
    // Biggest share first: data 4·0.5/10 = 0.2, leadership 2·(2/3)/10 ≈ 0.133.
    assert_eq!(ls[0].skill, "data");
    assert_eq!(ls[0].via, "spreadsheets");
    assert_close(ls[0].share, 0.2);
    assert_eq!(ls[1].skill, "leadership");
    assert_eq!(ls[1].via, "leadership");
    assert_eq!(
        (ls[1].teacher_level, ls[1].learner_level, ls[1].priority),
        (3, 1, 2)
    );
    assert_close(ls[1].share, 2.0 * (2.0 / 3.0) / 10.0);
    let sum: f64 = ls.iter().map(|l| l.share).sum();
    assert_close(sum, gain(&mb, &r));
}

#[test]
fn equal_shares_are_ordered_by_skill_name() {
    let mb = MutualBenefit::new();
    let r = duo(
        &[("b", 5), ("a", 5), ("c", 5)],
        &[],
        &[("c", 2), ("a", 2), ("b", 2)],
    );
    let names: Vec<String> = lessons(&mb, &r).into_iter().map(|l| l.skill).collect();
    assert_eq!(names, ["a", "b", "c"]);
}

proptest! {
    #![proptest_config(common::config(256))]

    /// `teaches` follows the documented formula; the lessons of a direction add up to it, and
    /// each lesson is a wish the teacher serves through the skill or a relative.
    #[test]
    fn lessons_add_up_to_the_score(
        skills in catalog(1, 1),
        people in proptest::collection::vec((levels(0.5), levels(0.5)), 2..=4),
        cap in 1u8..=5,
        relative_credit in prop_oneof![Just(0.5), 0.0f64..=1.0],
    ) {
        let mut spec = RosterSpec::new();
        spec.skills = skills;
        for (k, (skills, wishes)) in people.into_iter().enumerate() {
            let side = if k % 2 == 0 { Side::Junior } else { Side::Senior };
            let mut p = ParticipantSpec::new(format!("p{k}"), side);
            p.skills = skills;
            p.wishes = wishes;
            spec.participants.push(p);
        }
        let roster = spec.validate().unwrap();
        let mb = MutualBenefit::new()
            .with_gap_cap(cap)
            .with_relative_credit(relative_credit)
            .validate()
            .unwrap();
        for t in roster.participants() {
            for l in roster.participants() {
                let (ts, ls) = (roster.participant(t), roster.participant(l));
                let score = mb.teaches(&roster, t, l);
                prop_assert!((0.0..=1.0).contains(&score));
                let want = reference_teaches(&spec, ts, ls, cap, relative_credit);
                prop_assert!((score - want).abs() <= EPS, "{} -> {}: {} vs {}", ts.id, ls.id, score, want);
                let lessons = mb.explain(&roster, t, l);
                let sum: f64 = lessons.iter().map(|l| l.share).sum();
                prop_assert!((sum - score).abs() <= EPS, "shares {} vs score {}", sum, score);
                for w in lessons.windows(2) {
                    prop_assert!(w[0].share >= w[1].share);
                }
                for lesson in &lessons {
                    prop_assert!(lesson.share > 0.0);
                    prop_assert_eq!(ls.wishes.get(&lesson.skill).copied(), Some(lesson.priority));
                    let related = lesson.via == lesson.skill
                        || spec.skills.iter().any(|s| {
                            (s.id == lesson.via && s.parent.as_deref() == Some(lesson.skill.as_str()))
                                || (s.id == lesson.skill && s.parent.as_deref() == Some(lesson.via.as_str()))
                        });
                    prop_assert!(related, "{:?}", lesson);
                    prop_assert_eq!(lesson.teacher_level, ts.skills.get(&lesson.via).copied().unwrap_or(0));
                    prop_assert_eq!(lesson.learner_level, ls.skills.get(&lesson.skill).copied().unwrap_or(0));
                    prop_assert!(lesson.teacher_level > lesson.learner_level);
                }
                // One lesson per wish with some credit.
                let served = ls
                    .wishes
                    .keys()
                    .filter(|w| {
                        let one = ParticipantSpec::new("x", ls.side).with_wish(w.as_str(), 1);
                        let mut one = one;
                        one.skills = ls.skills.clone();
                        reference_teaches(&spec, ts, &one, cap, relative_credit) > 0.0
                    })
                    .count();
                prop_assert_eq!(lessons.len(), served);
            }
        }
    }
}

#[test]
fn combination_json_is_strict() {
    for text in [
        r#"["mutual", 0.5]"#,
        r#"["sum"]"#,
        r#"{"kind": "sum", "balance": 0.5}"#,
        r#"{"kind": "minimum", "junk": 1}"#,
        r#"{"kind": "mutual", "balance": 0.5, "extra": 1}"#,
        r#"{"kind": "mutual", "balance": 0.5, "balance": 0.7}"#,
        r#"{"kind": "sum", "kind": "product"}"#,
        r#"{"kind": "weighted", "junior": 1, "senior": 1, "senior": 2}"#,
        r#"{"balance": 0.5}"#,
        r#""sum""#,
    ] {
        assert!(
            serde_json::from_str::<Combination>(text).is_err(),
            "{text} was read"
        );
    }
    assert_eq!(
        serde_json::from_str::<Combination>(r#"{"kind": "sum"}"#).unwrap(),
        Combination::Sum
    );
    let err = serde_json::from_str::<Combination>(r#"{"kind": "product", "junk": 1}"#).unwrap_err();
    assert!(err.to_string().starts_with("unknown field `junk`"), "{err}");
    // The scorer's parameters too.
    assert!(
        serde_json::from_str::<MutualBenefit>(r#"{"gap_cap": 3, "relative_credit": 0.5, "x": 1}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<MutualBenefit>("[3, 0.5]").is_err());
    assert_eq!(
        serde_json::from_str::<MutualBenefit>(r#"{"gap_cap": 3, "relative_credit": 0.5}"#).unwrap(),
        MutualBenefit::new()
    );
}

#[test]
fn pair_scores_read_back_with_their_checks() {
    let mut scores =
        PairScores::new(2, 2, vec![0.5, 0.0, 0.2, 0.9], vec![0.5, 0.0, 0.7, 0.1]).unwrap();
    scores.forbid(1, 0).unwrap();
    let text = serde_json::to_string(&scores).unwrap();
    assert_eq!(serde_json::from_str::<PairScores>(&text).unwrap(), scores);

    // Before: an `allowed` list too short loaded, and `greedy` then panicked on an index out of
    // bounds.
    let short = r#"{"juniors": 2, "seniors": 2, "junior_gain": [0.5, 0.0, 0.2, 0.9],
        "senior_gain": [0.5, 0.0, 0.7, 0.1], "allowed": [true]}"#;
    let err = serde_json::from_str::<PairScores>(short).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("allowed: expected 4 values, got 1"),
        "{err}"
    );

    for (text, starts) in [
        (
            r#"{"juniors": 1, "seniors": 2, "junior_gain": [0.5], "senior_gain": [0.5, 0.5], "allowed": [true, true]}"#,
            "junior_gain: expected 2 values, got 1",
        ),
        (
            r#"{"juniors": 1, "seniors": 1, "junior_gain": [-0.5], "senior_gain": [0.5], "allowed": [true]}"#,
            "matrix cell (0, 0) holds -0.5, which is not a usable weight: a junior's gain",
        ),
        (
            r#"{"juniors": 1, "seniors": 1, "junior_gain": [0.5], "senior_gain": [1e101], "allowed": [true]}"#,
            "matrix cell (0, 0) holds 1e101, which is not a usable weight: a senior's gain",
        ),
        (
            r#"{"juniors": 18446744073709551615, "seniors": 2, "junior_gain": [], "senior_gain": [], "allowed": []}"#,
            "matrix of 18446744073709551615 x 2 needs 18446744073709551615 values, got 0",
        ),
        (
            r#"{"juniors": 1, "seniors": 1, "junior_gain": [0.5], "senior_gain": [0.5], "allowed": [true], "x": 1}"#,
            "unknown field `x`",
        ),
        (
            r#"{"juniors": 1, "juniors": 1, "seniors": 1, "junior_gain": [0.5], "senior_gain": [0.5], "allowed": [true]}"#,
            "duplicate field `juniors`",
        ),
        (r#"[1, 1, [0.5], [0.5], [true]]"#, "invalid type: sequence"),
    ] {
        let err = serde_json::from_str::<PairScores>(text).unwrap_err();
        assert!(err.to_string().starts_with(starts), "{text}: {err}");
    }
}

#[test]
fn strategies_never_see_invalid_scores() {
    // The reproducer of issue 13, end to end: the document no longer loads, so no strategy
    // can be handed it.
    let text = r#"{"juniors": 2, "seniors": 2, "junior_gain": [1, 1, 1, 1],
        "senior_gain": [1, 1, 1, 1], "allowed": [true, true]}"#;
    assert!(serde_json::from_str::<PairScores>(text).is_err());
    let scores = PairScores::new(2, 2, vec![1.0; 4], vec![1.0; 4]).unwrap();
    let back: PairScores = serde_json::from_str(&serde_json::to_string(&scores).unwrap()).unwrap();
    let pairing = mentor_match::strategy::by_name("greedy")
        .unwrap()
        .pair(&back)
        .unwrap();
    assert_eq!(pairing.pairs().len(), 2);
}
