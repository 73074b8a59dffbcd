//! Random skills for the property tests: levels and catalogs over a fixed set of skill names.

use mentor_match::{ParticipantSpec, RosterSpec, SkillSpec};
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeMap;

/// The skills of the random cases.
pub const SKILLS: [&str; 6] = ["s0", "s1", "s2", "s3", "s4", "s5"];

/// Random levels over [`SKILLS`]: each skill present with probability `present`, at 1..=5.
pub fn levels(present: f64) -> impl Strategy<Value = BTreeMap<String, u8>> {
    proptest::collection::vec(proptest::option::weighted(present, 1u8..=5), SKILLS.len()).prop_map(
        |v| {
            v.into_iter()
                .enumerate()
                .filter_map(|(k, l)| l.map(|l| (SKILLS[k].to_owned(), l)))
                .collect()
        },
    )
}

/// A random catalog over [`SKILLS`] (each skill's parent an earlier skill or none, so no
/// cycles), or no catalog: `none` to `some` the odds of no catalog.
pub fn catalog(none: u32, some: u32) -> impl Strategy<Value = Vec<SkillSpec>> {
    prop_oneof![
        none => Just(Vec::new()),
        some => proptest::collection::vec(proptest::option::of(any::<Index>()), SKILLS.len())
            .prop_map(|parents| {
                parents
                    .into_iter()
                    .enumerate()
                    .map(|(k, p)| match p {
                        Some(p) if k > 0 => {
                            SkillSpec::new(SKILLS[k]).with_parent(SKILLS[p.index(k)])
                        }
                        _ => SkillSpec::new(SKILLS[k]),
                    })
                    .collect()
            }),
    ]
}

/// An independent implementation of the documented `MutualBenefit` formula, on the spec: how
/// much `teacher` teaches `learner` with the gap cap `cap` and the credit `relative_credit` for
/// a parent or child of a wish.
pub fn reference_teaches(
    spec: &RosterSpec,
    teacher: &ParticipantSpec,
    learner: &ParticipantSpec,
    cap: u8,
    relative_credit: f64,
) -> f64 {
    let level = |p: &ParticipantSpec, s: &str| p.skills.get(s).copied().unwrap_or(0);
    let gap = |t: u8, l: u8| {
        if t > l {
            f64::from((t - l).min(cap)) / f64::from(cap)
        } else {
            0.0
        }
    };
    let relatives = |w: &str| -> Vec<String> {
        let mut out = Vec::new();
        for s in &spec.skills {
            if s.id == w {
                out.extend(s.parent.clone());
            }
            if s.parent.as_deref() == Some(w) {
                out.push(s.id.clone());
            }
        }
        out
    };
    let den: u32 = learner.wishes.values().map(|&p| u32::from(p)).sum();
    if den == 0 {
        return 0.0;
    }
    let mut num = 0.0;
    for (w, &p) in &learner.wishes {
        let own = level(learner, w);
        let mut credit = gap(level(teacher, w), own);
        for r in relatives(w) {
            credit = credit.max(relative_credit * gap(level(teacher, &r), own));
        }
        num += f64::from(p) * credit;
    }
    num / f64::from(den)
}
