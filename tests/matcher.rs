//! Integration tests of the matcher (`mentor_match::matcher`).
//!
//! - A property test on random rosters of up to 7 juniors and 7 seniors, random attributes,
//!   rule sets and combinations: the pair weights are recomputed independently from the
//!   roster spec (the rules, the `MutualBenefit` formula and each combination), every matching
//!   of allowed, positive pairs is enumerated, and the matcher must reach the brute force's
//!   optimum under both objectives, form only allowed positive pairs, cover everyone exactly
//!   once, give each unmatched participant the right reason, and be insensitive to the order
//!   of the participants.
//! - Unit tests of every [`Reason`], of custom rules, of the two objectives on a roster where
//!   they differ, and of the explanations of a pair.

use mentor_match::rules::{
    self, DifferentDepartments, JuniorLessExperienced, MaxTimezoneGap, NotOwnManager, Rule, Rules,
    SharedLanguage,
};
use mentor_match::{
    Combination, Error, Lesson, Matcher, Matching, Objective, ParticipantId, ParticipantSpec,
    Reason, Roster, RosterSpec, Side, SkillSpec,
};
mod common;
use common::brute::each_matching;
use common::roster::{ids, junior, senior, teacher_and_learner};
use common::skills::{catalog, levels, reference_teaches};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use std::collections::{BTreeMap, BTreeSet};

const EPS: f64 = 1e-9;

// =============================================================================================
// The independent reference
// =============================================================================================

/// Which rules a case uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum RuleSet {
    /// [`Rules::default`].
    Default,
    /// The defaults and [`DifferentDepartments`].
    Departments,
    /// The defaults and [`MaxTimezoneGap`] with these hours.
    Timezone(f64),
    /// The defaults and both.
    Both(f64),
    /// [`Rules::none`].
    None,
}

impl RuleSet {
    fn rules(self) -> Rules {
        match self {
            RuleSet::Default => Rules::default(),
            RuleSet::Departments => Rules::default().with(DifferentDepartments),
            RuleSet::Timezone(h) => Rules::default().with(MaxTimezoneGap::new(h).unwrap()),
            RuleSet::Both(h) => Rules::default()
                .with(DifferentDepartments)
                .with(MaxTimezoneGap::new(h).unwrap()),
            RuleSet::None => Rules::none(),
        }
    }

    /// The rules' names and, independently of the crate, whether each allows the pair.
    fn check(
        self,
        spec: &RosterSpec,
        j: &ParticipantSpec,
        s: &ParticipantSpec,
    ) -> Vec<(&'static str, bool)> {
        let in_roster = |id: &Option<String>| {
            id.as_ref()
                .is_some_and(|m| spec.participants.iter().any(|p| &p.id == m))
        };
        let manages = |boss: &ParticipantSpec, p: &ParticipantSpec| {
            in_roster(&p.manager) && p.manager.as_deref() == Some(boss.id.as_str())
        };
        let not_own_manager = !manages(s, j) && !manages(j, s);
        let junior_less_experienced = match (j.experience_years, s.experience_years) {
            (Some(a), Some(b)) => a < b,
            _ => true,
        };
        let shared_language = j.languages.is_empty()
            || s.languages.is_empty()
            || j.languages.iter().any(|l| s.languages.contains(l));
        let different_departments = match (&j.department, &s.department) {
            (Some(a), Some(b)) => a != b,
            _ => true,
        };
        let timezone = |h: f64| match (j.timezone, s.timezone) {
            (Some(a), Some(b)) => (a - b).abs() <= h,
            _ => true,
        };
        let defaults = vec![
            ("not_own_manager", not_own_manager),
            ("junior_less_experienced", junior_less_experienced),
            ("shared_language", shared_language),
        ];
        let mut out = match self {
            RuleSet::None => return Vec::new(),
            _ => defaults,
        };
        match self {
            RuleSet::Departments => out.push(("different_departments", different_departments)),
            RuleSet::Timezone(h) => out.push(("max_timezone_gap", timezone(h))),
            RuleSet::Both(h) => {
                out.push(("different_departments", different_departments));
                out.push(("max_timezone_gap", timezone(h)));
            }
            _ => {}
        }
        out
    }

    /// The same through the crate's rule types, called one by one.
    fn check_with_rule_types(
        self,
        r: &Roster,
        j: ParticipantId,
        s: ParticipantId,
    ) -> Vec<(&'static str, bool)> {
        let mut out = Vec::new();
        if self == RuleSet::None {
            return out;
        }
        out.push(("not_own_manager", NotOwnManager.allows(r, j, s)));
        out.push((
            "junior_less_experienced",
            JuniorLessExperienced.allows(r, j, s),
        ));
        out.push(("shared_language", SharedLanguage.allows(r, j, s)));
        if let RuleSet::Departments | RuleSet::Both(_) = self {
            out.push((
                "different_departments",
                DifferentDepartments.allows(r, j, s),
            ));
        }
        if let RuleSet::Timezone(h) | RuleSet::Both(h) = self {
            out.push((
                "max_timezone_gap",
                MaxTimezoneGap::new(h).unwrap().allows(r, j, s),
            ));
        }
        out
    }
}

/// The reference view of one case: who is available and every pair's gains and weight.
struct Reference {
    /// Available juniors and seniors, as indices into the spec, in spec order.
    juniors: Vec<usize>,
    seniors: Vec<usize>,
    /// Per pair (row-major): first violated rule, junior gain, senior gain, weight if formable.
    first_violated: Vec<Option<&'static str>>,
    junior_gain: Vec<f64>,
    senior_gain: Vec<f64>,
    weight: Vec<Option<f64>>,
}

impl Reference {
    fn new(spec: &RosterSpec, rules: RuleSet, combination: Combination) -> Reference {
        let available = |side| {
            (0..spec.participants.len())
                .filter(|&k| spec.participants[k].side == side && spec.participants[k].capacity > 0)
                .collect::<Vec<_>>()
        };
        let (juniors, seniors) = (available(Side::Junior), available(Side::Senior));
        let mut out = Reference {
            juniors,
            seniors,
            first_violated: Vec::new(),
            junior_gain: Vec::new(),
            senior_gain: Vec::new(),
            weight: Vec::new(),
        };
        for &j in &out.juniors {
            for &s in &out.seniors {
                let (jp, sp) = (&spec.participants[j], &spec.participants[s]);
                let violated = rules
                    .check(spec, jp, sp)
                    .into_iter()
                    .find(|r| !r.1)
                    .map(|r| r.0);
                // `MutualBenefit` with its defaults: gap cap 3, relative credit 0.5.
                let (a, b) = if violated.is_none() {
                    (
                        reference_teaches(spec, sp, jp, 3, 0.5),
                        reference_teaches(spec, jp, sp, 3, 0.5),
                    )
                } else {
                    (0.0, 0.0)
                };
                let w = reference_combine(combination, a, b);
                out.first_violated.push(violated);
                out.junior_gain.push(a);
                out.senior_gain.push(b);
                out.weight
                    .push((violated.is_none() && w > 0.0).then_some(w));
            }
        }
        out
    }

    fn cell(&self, r: usize, c: usize) -> usize {
        r * self.seniors.len() + c
    }

    /// Brute force over every matching of formable pairs.
    fn brute_force(&self) -> Optimum {
        let (nj, ns) = (self.juniors.len(), self.seniors.len());
        let mut best = Optimum {
            most_pairs: 0,
            most_pairs_total: 0.0,
            total: 0.0,
            total_pairs: BTreeSet::new(),
        };
        let mut all = Vec::new();
        each_matching(
            nj,
            ns,
            &|r, c| self.weight[self.cell(r, c)].is_some(),
            &mut |p| {
                let weight = |&(r, c): &(usize, usize)| self.weight[self.cell(r, c)].unwrap();
                let total = p.iter().map(weight).fold(0.0, |t, w| t + w);
                all.push((p.len(), total));
            },
        );
        for &(pairs, total) in &all {
            if pairs > best.most_pairs
                || (pairs == best.most_pairs && total > best.most_pairs_total)
            {
                best.most_pairs = pairs;
                best.most_pairs_total = total;
            }
            best.total = best.total.max(total);
        }
        // The pair counts of the matchings that reach the best total (ties within EPS).
        best.total_pairs = all
            .iter()
            .filter(|(_, t)| *t >= best.total - EPS)
            .map(|(p, _)| *p)
            .collect();
        best
    }
}

/// Each lesson as (skill, via, teacher level, learner level, priority).
fn lesson_rows(lessons: &[Lesson]) -> Vec<(&str, &str, u8, u8, u8)> {
    lessons
        .iter()
        .map(|l| {
            let (skill, via) = (l.skill.as_str(), l.via.as_str());
            (skill, via, l.teacher_level, l.learner_level, l.priority)
        })
        .collect()
}

/// Each combination's documented formula, written as a weighted mean (Mutual: the
/// arithmetic mean moved `balance` of the way to the geometric one; Weighted: the junior's
/// share of the weight on the junior's gain), not as the crate computes it.
fn reference_combine(c: Combination, a: f64, b: f64) -> f64 {
    let (arithmetic, geometric) = ((a + b) / 2.0, (a * b).sqrt());
    match c {
        Combination::Mutual { balance } => arithmetic + balance * (geometric - arithmetic),
        Combination::Sum => arithmetic,
        Combination::Minimum => f64::min(a, b),
        Combination::Product => a * b,
        Combination::Weighted { junior, senior } => {
            let share = junior / (junior + senior);
            share * a + (1.0 - share) * b
        }
        other => panic!("no reference for {other:?}"),
    }
}

/// What the brute force finds.
#[derive(Debug)]
struct Optimum {
    /// Objective::MostPairs: the most pairs, and the best total among those matchings.
    most_pairs: usize,
    most_pairs_total: f64,
    /// Objective::TotalScore: the best total, and the pair counts of the matchings reaching it.
    total: f64,
    total_pairs: BTreeSet<usize>,
}

// =============================================================================================
// Random cases
// =============================================================================================

const LANGUAGES: [&str; 3] = ["pl", "en", "de"];
const DEPARTMENTS: [&str; 3] = ["IT", "Sales", "HR"];
const TIMEZONES: [f64; 6] = [-5.0, 0.0, 1.0, 2.0, 5.5, 9.0];

/// One participant's random attributes; the manager is an index into the other side.
#[derive(Debug, Clone)]
struct Raw {
    skills: BTreeMap<String, u8>,
    wishes: BTreeMap<String, u8>,
    experience: Option<f64>,
    languages: Vec<bool>,
    department: Option<&'static str>,
    manager: Option<Index>,
    timezone: Option<f64>,
    available: bool,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        levels(0.45),
        levels(0.45),
        proptest::option::weighted(
            0.4,
            prop_oneof![(0u8..=40).prop_map(f64::from), 0.0f64..40.0],
        ),
        proptest::collection::vec(proptest::bool::weighted(0.4), LANGUAGES.len()),
        proptest::option::weighted(0.6, select(&DEPARTMENTS[..])),
        proptest::option::weighted(0.3, any::<Index>()),
        proptest::option::weighted(0.6, select(&TIMEZONES[..])),
        proptest::bool::weighted(0.9),
    )
        .prop_map(
            |(skills, wishes, experience, languages, department, manager, timezone, available)| {
                Raw {
                    skills,
                    wishes,
                    experience,
                    languages,
                    department,
                    manager,
                    timezone,
                    available,
                }
            },
        )
}

/// Builds the spec: juniors `j0..`, seniors `s0..`, managers on the other side.
fn build_spec(skills: Vec<SkillSpec>, juniors: Vec<Raw>, seniors: Vec<Raw>) -> RosterSpec {
    let (nj, ns) = (juniors.len(), seniors.len());
    let mut spec = RosterSpec::new();
    spec.skills = skills;
    for (side, raws, other, prefix, other_prefix) in [
        (Side::Junior, juniors, ns, "j", "s"),
        (Side::Senior, seniors, nj, "s", "j"),
    ] {
        for (k, r) in raws.into_iter().enumerate() {
            let mut p = ParticipantSpec::new(format!("{prefix}{k}"), side)
                .with_capacity(u32::from(r.available))
                .with_languages(
                    LANGUAGES
                        .iter()
                        .zip(&r.languages)
                        .filter(|(_, on)| **on)
                        .map(|(l, _)| *l),
                );
            p.skills = r.skills;
            p.wishes = r.wishes;
            p.experience_years = r.experience;
            p.department = r.department.map(str::to_owned);
            p.timezone = r.timezone;
            if let Some(m) = r.manager
                && other > 0
            {
                p.manager = Some(format!("{other_prefix}{}", m.index(other)));
            }
            spec.participants.push(p);
        }
    }
    spec
}

/// One side: up to 7 participants, mostly 3 or more, and empty often enough that rosters
/// with nobody available at all come up in most runs.
fn side() -> impl Strategy<Value = Vec<Raw>> {
    prop_oneof![
        1 => Just(Vec::new()),
        1 => proptest::collection::vec(raw(), 0..=2),
        5 => proptest::collection::vec(raw(), 3..=7),
    ]
}

fn roster_spec() -> impl Strategy<Value = RosterSpec> {
    (catalog(2, 1), side(), side())
        .prop_map(|(skills, juniors, seniors)| build_spec(skills, juniors, seniors))
}

fn rule_set() -> impl Strategy<Value = RuleSet> {
    prop_oneof![
        3 => Just(RuleSet::Default),
        1 => Just(RuleSet::Departments),
        1 => select(vec![0.0, 3.0, 6.0]).prop_map(RuleSet::Timezone),
        1 => select(vec![0.0, 3.0, 6.0]).prop_map(RuleSet::Both),
        2 => Just(RuleSet::None),
    ]
}

fn combination() -> impl Strategy<Value = Combination> {
    prop_oneof![
        3 => Just(Combination::default()),
        1 => (0.0f64..=1.0).prop_map(|balance| Combination::Mutual { balance }),
        1 => Just(Combination::Sum),
        1 => Just(Combination::Minimum),
        1 => Just(Combination::Product),
        1 => (0.0f64..3.0, 0.1f64..3.0).prop_map(|(junior, senior)| Combination::Weighted { junior, senior }),
        1 => (0.1f64..3.0).prop_map(|junior| Combination::Weighted { junior, senior: 0.0 }),
    ]
}

/// A random reordering of `n` participants: sort keys.
fn shuffle_keys() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::vec(any::<u32>(), 14)
}

fn shuffled(spec: &RosterSpec, keys: &[u32]) -> RosterSpec {
    let mut order: Vec<usize> = (0..spec.participants.len()).collect();
    order.sort_by_key(|&k| (keys[k], k));
    let mut out = spec.clone();
    out.participants = order
        .iter()
        .map(|&k| spec.participants[k].clone())
        .collect();
    out
}

// =============================================================================================
// Checking one matching against the reference
// =============================================================================================

/// Checks `m` for roster `r` (built from `spec`) against the reference; returns the pair count.
fn check_matching(
    spec: &RosterSpec,
    r: &Roster,
    rules: RuleSet,
    combination: Combination,
    reference: &Reference,
    m: &Matching,
) -> Result<(), TestCaseError> {
    let id = |k: usize| spec.participants[k].id.as_str();
    // Each available participant's row (juniors) or column (seniors), by id.
    let index = |people: &[usize]| -> BTreeMap<&str, usize> {
        people
            .iter()
            .enumerate()
            .map(|(i, &k)| (id(k), i))
            .collect()
    };
    let row_of = index(&reference.juniors);
    let col_of = index(&reference.seniors);

    // Pairs: available juniors and seniors, each once, allowed, positive, scored right.
    let mut seen = BTreeSet::new();
    let mut total = 0.0;
    let mut matched_rows = BTreeSet::new();
    let mut matched_cols = BTreeSet::new();
    for p in m.pairs() {
        let row = *row_of.get(p.junior.as_str()).ok_or_else(|| {
            TestCaseError::fail(format!("{} is not an available junior", p.junior))
        })?;
        let col = *col_of.get(p.senior.as_str()).ok_or_else(|| {
            TestCaseError::fail(format!("{} is not an available senior", p.senior))
        })?;
        prop_assert!(seen.insert(p.junior.clone()), "{} matched twice", p.junior);
        prop_assert!(seen.insert(p.senior.clone()), "{} matched twice", p.senior);
        matched_rows.insert(row);
        matched_cols.insert(col);
        let k = reference.cell(row, col);
        prop_assert_eq!(
            reference.first_violated[k],
            None,
            "forbidden pair {}-{} formed",
            &p.junior,
            &p.senior
        );
        let w = reference.weight[k].ok_or_else(|| {
            TestCaseError::fail(format!("zero-score pair {}-{}", p.junior, p.senior))
        })?;
        prop_assert!(p.score > 0.0);
        prop_assert!((p.score - w).abs() <= 1e-12, "score {} vs {}", p.score, w);
        prop_assert!((p.junior_gain - reference.junior_gain[k]).abs() <= 1e-12);
        prop_assert!((p.senior_gain - reference.senior_gain[k]).abs() <= 1e-12);
        // The lessons explain the gains.
        let shares = |ls: &[mentor_match::Lesson]| ls.iter().map(|l| l.share).sum::<f64>();
        prop_assert!((shares(&p.junior_learns) - p.junior_gain).abs() <= 1e-12);
        prop_assert!((shares(&p.senior_learns) - p.senior_gain).abs() <= 1e-12);
        total += p.score;
    }
    prop_assert!(
        (m.total_score() - total).abs() <= EPS,
        "total {} vs sum {}",
        m.total_score(),
        total
    );
    // Pairs in the order of the juniors in the roster.
    let rows: Vec<usize> = m
        .pairs()
        .iter()
        .map(|p| row_of[p.junior.as_str()])
        .collect();
    prop_assert!(
        rows.windows(2).all(|w| w[0] < w[1]),
        "pairs not in junior order: {:?}",
        rows
    );

    // Unmatched: everyone else, once, in roster order, with the right reason.
    let unmatched_ids: Vec<&str> = m.unmatched().iter().map(|u| u.id.as_str()).collect();
    let expected: Vec<&str> = spec
        .participants
        .iter()
        .map(|p| p.id.as_str())
        .filter(|i| !seen.contains(*i))
        .collect();
    prop_assert_eq!(&unmatched_ids, &expected);
    prop_assert_eq!(seen.len() + unmatched_ids.len(), spec.participants.len());

    let rule_names: Vec<String> = rules
        .rules()
        .names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    for u in m.unmatched() {
        let p = r.participant(r.find(&u.id).unwrap());
        prop_assert_eq!(u.side, p.side);
        let want = if p.capacity == 0 {
            Reason::Unavailable
        } else {
            // The participant's cells, one per available partner.
            let cells: Vec<usize> = match p.side {
                Side::Junior => {
                    let row = row_of[u.id.as_str()];
                    (0..reference.seniors.len())
                        .map(|c| reference.cell(row, c))
                        .collect()
                }
                Side::Senior => {
                    let col = col_of[u.id.as_str()];
                    (0..reference.juniors.len())
                        .map(|r| reference.cell(r, col))
                        .collect()
                }
            };
            let allowed = cells
                .iter()
                .filter(|&&k| reference.first_violated[k].is_none())
                .count();
            let candidates: Vec<usize> = match p.side {
                Side::Junior => (0..reference.seniors.len())
                    .filter(|&c| {
                        reference.weight[reference.cell(row_of[u.id.as_str()], c)].is_some()
                    })
                    .collect(),
                Side::Senior => (0..reference.juniors.len())
                    .filter(|&rw| {
                        reference.weight[reference.cell(rw, col_of[u.id.as_str()])].is_some()
                    })
                    .collect(),
            };
            if cells.is_empty() {
                Reason::OtherSideEmpty {
                    side: p.side.other(),
                }
            } else if allowed == 0 {
                // Counts per rule, in rule order, only rules that excluded someone.
                let mut counts: Vec<(String, usize)> = Vec::new();
                for name in &rule_names {
                    let n = cells
                        .iter()
                        .filter(|&&k| reference.first_violated[k] == Some(name.as_str()))
                        .count();
                    if n > 0 {
                        counts.push((name.clone(), n));
                    }
                }
                match &u.reason {
                    Reason::NoAllowedPartner { excluded_by } => {
                        let got: Vec<(String, usize)> = excluded_by
                            .iter()
                            .map(|e| (e.rule.clone(), e.partners))
                            .collect();
                        prop_assert_eq!(got, counts, "{}", u.id);
                    }
                    other => {
                        prop_assert!(false, "{}: want NoAllowedPartner, got {:?}", u.id, other)
                    }
                }
                continue;
            } else if candidates.is_empty() {
                Reason::NothingToLearn {
                    allowed_partners: allowed,
                }
            } else {
                // Every candidate went to someone else: otherwise adding the pair would improve
                // either objective.
                for &o in &candidates {
                    let taken = match p.side {
                        Side::Junior => matched_cols.contains(&o),
                        Side::Senior => matched_rows.contains(&o),
                    };
                    prop_assert!(taken, "{} unmatched next to an unmatched candidate", u.id);
                }
                Reason::PartnersTaken {
                    candidates: candidates.len(),
                }
            }
        };
        prop_assert_eq!(&u.reason, &want, "{}", &u.id);
    }
    let _ = combination;
    Ok(())
}

fn matcher(rules: RuleSet, combination: Combination, objective: Objective) -> Matcher {
    Matcher::new()
        .with_rules(rules.rules())
        .with_combination(combination)
        .with_objective(objective)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The matcher's scores equal the independent reference, and its matchings are optimal
    /// under both objectives, valid, explained, and independent of the roster order.
    #[test]
    fn matcher_is_optimal_against_brute_force(
        spec in roster_spec(),
        rules in rule_set(),
        combination in combination(),
        keys in shuffle_keys(),
    ) {
        let roster = spec.validate().unwrap();
        let reference = Reference::new(&spec, rules, combination);

        // The scores: rows and columns, gains, allowedness, the rule that forbids.
        let scored = matcher(rules, combination, Objective::MostPairs).score(&roster).unwrap();
        let ids = |ps: &[ParticipantId]| ps.iter().map(|p| p.index()).collect::<Vec<_>>();
        prop_assert_eq!(ids(scored.juniors()), reference.juniors.clone());
        prop_assert_eq!(ids(scored.seniors()), reference.seniors.clone());
        let scores = scored.scores();
        prop_assert_eq!((scores.juniors(), scores.seniors()), (reference.juniors.len(), reference.seniors.len()));
        for (row, &j) in scored.juniors().iter().enumerate() {
            for (col, &s) in scored.seniors().iter().enumerate() {
                let k = reference.cell(row, col);
                let through_types = rules.check_with_rule_types(&roster, j, s);
                let independent = rules.check(&spec, roster.participant(j), roster.participant(s));
                prop_assert_eq!(&through_types, &independent);
                prop_assert_eq!(scores.is_allowed(row, col), reference.first_violated[k].is_none());
                prop_assert_eq!(scored.excluded_by(row, col), reference.first_violated[k]);
                prop_assert!((scores.junior_gain(row, col) - reference.junior_gain[k]).abs() <= 1e-12);
                prop_assert!((scores.senior_gain(row, col) - reference.senior_gain[k]).abs() <= 1e-12);
                let (a, b) = (scores.junior_gain(row, col), scores.senior_gain(row, col));
                prop_assert!((combination.combine(a, b) - reference_combine(combination, a, b)).abs() <= 1e-12);
            }
        }

        let best = reference.brute_force();
        let shuffled_spec = shuffled(&spec, &keys);
        let shuffled_roster = shuffled_spec.validate().unwrap();
        let mut totals = Vec::new();
        for objective in [Objective::MostPairs, Objective::TotalScore] {
            let m = matcher(rules, combination, objective).solve(&roster).unwrap();
            prop_assert_eq!(m.objective(), objective);
            check_matching(&spec, &roster, rules, combination, &reference, &m)?;
            // Deterministic.
            prop_assert_eq!(&matcher(rules, combination, objective).solve(&roster).unwrap(), &m);
            let n = m.pairs().len();
            match objective {
                Objective::MostPairs => {
                    prop_assert_eq!(n, best.most_pairs);
                    prop_assert!((m.total_score() - best.most_pairs_total).abs() <= EPS,
                        "MostPairs total {} vs brute force {}", m.total_score(), best.most_pairs_total);
                }
                _ => {
                    prop_assert!((m.total_score() - best.total).abs() <= EPS,
                        "TotalScore total {} vs brute force {}", m.total_score(), best.total);
                    prop_assert!(best.total_pairs.contains(&n), "{} pairs, optima have {:?}", n, best.total_pairs);
                }
            }
            // Shuffling the participants changes nothing that matters.
            let shuffled_reference = Reference::new(&shuffled_spec, rules, combination);
            let again = matcher(rules, combination, objective).solve(&shuffled_roster).unwrap();
            check_matching(&shuffled_spec, &shuffled_roster, rules, combination, &shuffled_reference, &again)?;
            prop_assert!((again.total_score() - m.total_score()).abs() <= EPS,
                "shuffled total {} vs {}", again.total_score(), m.total_score());
            // The pair count is determined when every optimum has the same count: always for
            // MostPairs; for TotalScore, optima of equal total may differ in size.
            if objective == Objective::MostPairs || best.total_pairs.len() == 1 {
                prop_assert_eq!(again.pairs().len(), n);
            }
            totals.push((n, m.total_score()));
        }
        // MostPairs has at least as many pairs, TotalScore at least the total.
        prop_assert!(totals[0].0 >= totals[1].0);
        prop_assert!(totals[1].1 >= totals[0].1 - EPS);
    }
}

// =============================================================================================
// Reasons
// =============================================================================================

fn solve(json: &str) -> Matching {
    Matcher::new()
        .solve(&Roster::from_json(json).unwrap())
        .unwrap()
}

/// Asserts that `id` is unmatched in `m` for `reason`, and what the reason says.
#[track_caller]
fn assert_reason(m: &Matching, id: &str, reason: Reason, text: &str) {
    assert_eq!(reason_of(m, id), &reason, "{id}");
    assert_eq!(reason_of(m, id).to_string(), text, "{id}");
}

fn reason_of<'m>(m: &'m Matching, id: &str) -> &'m Reason {
    &m.unmatched()
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("{id} is matched"))
        .reason
}

/// The `(rule, partners)` list of a NoAllowedPartner reason.
fn exclusions(reason: &Reason) -> Vec<(&str, usize)> {
    match reason {
        Reason::NoAllowedPartner { excluded_by } => excluded_by
            .iter()
            .map(|e| (e.rule.as_str(), e.partners))
            .collect(),
        other => panic!("want NoAllowedPartner, got {other:?}"),
    }
}

#[test]
fn no_allowed_partner_own_manager() {
    // Ola's only senior is her manager; both would gain a lot otherwise.
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "manager": "ewa", "skills": {"x": 5}, "wishes": {"y": 5}},
            {"id": "ewa", "side": "senior", "skills": {"y": 5}, "wishes": {"x": 5}}]}"#,
    );
    assert!(m.pairs().is_empty());
    for id in ["ola", "ewa"] {
        let reason = reason_of(&m, id);
        assert_eq!(exclusions(reason), [("not_own_manager", 1)]);
        assert_eq!(
            reason.to_string(),
            "no allowed partner: excluded by not_own_manager (1 partner)"
        );
    }
}

#[test]
fn no_allowed_partner_language() {
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "languages": ["pl"], "skills": {"x": 5}},
            {"id": "jan", "side": "senior", "languages": ["en"], "wishes": {"x": 5}},
            {"id": "eva", "side": "senior", "languages": ["de", "en"], "wishes": {"x": 5}}]}"#,
    );
    assert!(m.pairs().is_empty());
    let reason = reason_of(&m, "ola");
    assert_eq!(exclusions(reason), [("shared_language", 2)]);
    assert_eq!(
        reason.to_string(),
        "no allowed partner: excluded by shared_language (2 partners)"
    );
    assert_eq!(exclusions(reason_of(&m, "jan")), [("shared_language", 1)]);
}

#[test]
fn no_allowed_partner_several_rules_counted_once_each() {
    // ewa is ola's manager and shares no language (counted for the first rule only), jan has
    // less experience than ola, kim shares no language.
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "manager": "ewa", "experience_years": 10,
             "languages": ["pl"], "skills": {"x": 5}},
            {"id": "ewa", "side": "senior", "languages": ["en"], "wishes": {"x": 5}},
            {"id": "jan", "side": "senior", "experience_years": 5, "wishes": {"x": 5}},
            {"id": "kim", "side": "senior", "languages": ["en"], "wishes": {"x": 5}}]}"#,
    );
    let reason = reason_of(&m, "ola");
    assert_eq!(
        exclusions(reason),
        [
            ("not_own_manager", 1),
            ("junior_less_experienced", 1),
            ("shared_language", 1)
        ]
    );
    assert_eq!(
        reason.to_string(),
        "no allowed partner: excluded by not_own_manager (1 partner), \
         junior_less_experienced (1 partner), shared_language (1 partner)"
    );
}

#[test]
fn rules_none_allows_the_manager_pair() {
    let roster = Roster::from_json(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "manager": "ewa", "languages": ["pl"],
             "experience_years": 30, "skills": {"x": 5}},
            {"id": "ewa", "side": "senior", "languages": ["en"], "experience_years": 3,
             "wishes": {"x": 5}}]}"#,
    )
    .unwrap();
    assert!(Matcher::new().solve(&roster).unwrap().pairs().is_empty());
    let m = Matcher::new()
        .with_rules(Rules::none())
        .solve(&roster)
        .unwrap();
    assert_eq!(m.partner_of("ola"), Some("ewa"));
    assert!(m.unmatched().is_empty());
    // Dropping only the manager rule is not enough: the other two still forbid it.
    let m = Matcher::new()
        .with_rules(Rules::default().without("not_own_manager"))
        .solve(&roster)
        .unwrap();
    assert_eq!(
        exclusions(reason_of(&m, "ola")),
        [("junior_less_experienced", 1)]
    );
}

#[test]
fn custom_rule_is_applied_and_named() {
    let roster = Roster::from_json(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}},
            {"id": "oskar", "side": "senior", "wishes": {"x": 5}},
            {"id": "kai", "side": "junior", "skills": {"x": 1}}]}"#,
    )
    .unwrap();
    // Without the rule ola (the better teacher) gets oskar.
    assert_eq!(
        Matcher::new().solve(&roster).unwrap().partner_of("oskar"),
        Some("ola")
    );
    let initials = || {
        rules::rule(
            "different_initials",
            |r: &Roster, j: ParticipantId, s: ParticipantId| {
                r.id(j).chars().next() != r.id(s).chars().next()
            },
        )
    };
    let m = Matcher::new().with_rule(initials()).solve(&roster).unwrap();
    assert_eq!(m.partner_of("oskar"), Some("kai"));
    let reason = reason_of(&m, "ola");
    assert_eq!(exclusions(reason), [("different_initials", 1)]);
    assert!(
        reason
            .to_string()
            .contains("different_initials (1 partner)")
    );
    let scored = Matcher::new().with_rule(initials()).score(&roster).unwrap();
    assert_eq!(scored.excluded_by(0, 0), Some("different_initials"));
    assert_eq!(scored.excluded_by(1, 0), None);
    assert_eq!(scored.excluded_by(2, 0), None); // outside the matrix
    // Alone, through `rules`.
    let m = Matcher::new()
        .with_rules(Rules::none().with(initials()))
        .solve(&roster)
        .unwrap();
    assert_eq!(m.partner_of("oskar"), Some("kai"));
}

#[test]
fn nothing_to_learn() {
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 3}, "wishes": {"y": 2}},
            {"id": "jan", "side": "senior", "skills": {"x": 5}, "wishes": {"x": 2}},
            {"id": "eva", "side": "senior", "wishes": {"z": 4}}]}"#,
    );
    assert!(m.pairs().is_empty());
    for (id, n, partners) in [("ola", 2, "partners"), ("jan", 1, "partner")] {
        let text = format!(
            "no pair with the {n} allowed {partners} scores above zero: nobody to learn from or \
             teach (or, under a minimum or product combination, only one side would learn)"
        );
        let reason = Reason::NothingToLearn {
            allowed_partners: n,
        };
        assert_reason(&m, id, reason, &text);
    }
}

#[test]
fn one_way_pair_is_nothing_under_minimum() {
    // Ola teaches jan, jan teaches ola nothing: formed by default, not under Minimum.
    let roster = Roster::from_json(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}},
            {"id": "jan", "side": "senior", "wishes": {"x": 5}}]}"#,
    )
    .unwrap();
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"));
    assert_eq!(m.pairs()[0].score, 0.25);
    let m = Matcher::new()
        .with_combination(Combination::Minimum)
        .solve(&roster)
        .unwrap();
    assert!(m.pairs().is_empty());
    assert_eq!(
        reason_of(&m, "ola"),
        &Reason::NothingToLearn {
            allowed_partners: 1
        }
    );
}

#[test]
fn partners_taken() {
    // Two juniors can teach jan; ola is the better teacher.
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}},
            {"id": "kai", "side": "junior", "skills": {"x": 1}},
            {"id": "jan", "side": "senior", "wishes": {"x": 5}}]}"#,
    );
    assert_eq!(m.partner_of("jan"), Some("ola"));
    assert_reason(
        &m,
        "kai",
        Reason::PartnersTaken { candidates: 1 },
        "the only partner with something to learn was matched with someone else",
    );
    assert_eq!(m.unmatched().len(), 1);

    // Three juniors for two seniors who both want x: the weakest teacher loses both.
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}},
            {"id": "kai", "side": "junior", "skills": {"x": 1}},
            {"id": "eve", "side": "junior", "skills": {"x": 4}},
            {"id": "jan", "side": "senior", "wishes": {"x": 5}},
            {"id": "kim", "side": "senior", "wishes": {"x": 3}}]}"#,
    );
    assert_eq!(m.pairs().len(), 2);
    assert!(m.pair_of("kai").is_none());
    assert_reason(
        &m,
        "kai",
        Reason::PartnersTaken { candidates: 2 },
        "all 2 partners with something to learn were matched with others",
    );
}

#[test]
fn unavailable_and_other_side_empty() {
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}},
            {"id": "kai", "side": "junior", "skills": {"x": 5}, "capacity": 0},
            {"id": "jan", "side": "senior", "wishes": {"x": 5}, "capacity": 0}]}"#,
    );
    assert!(m.pairs().is_empty());
    assert_eq!(
        reason_of(&m, "ola"),
        &Reason::OtherSideEmpty { side: Side::Senior }
    );
    assert_eq!(reason_of(&m, "kai"), &Reason::Unavailable);
    assert_eq!(reason_of(&m, "jan"), &Reason::Unavailable);

    let m = solve(r#"{"participants": [{"id": "jan", "side": "senior"}]}"#);
    assert_reason(
        &m,
        "jan",
        Reason::OtherSideEmpty { side: Side::Junior },
        "nobody is available on the junior side",
    );
}

#[test]
fn everyone_unavailable() {
    // Neither side has anyone available: an empty 0 x 0 problem.
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}, "capacity": 0},
            {"id": "jan", "side": "senior", "wishes": {"x": 5}, "capacity": 0}]}"#,
    );
    assert!(m.pairs().is_empty());
    assert_eq!(m.total_score(), 0.0);
    assert_eq!(reason_of(&m, "ola"), &Reason::Unavailable);
    assert_eq!(reason_of(&m, "jan"), &Reason::Unavailable);
}

#[test]
fn reasons_serialise_with_kind() {
    let json = serde_json::to_value(Reason::NothingToLearn {
        allowed_partners: 3,
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "nothing_to_learn", "allowed_partners": 3})
    );
    let json = serde_json::to_value(Reason::OtherSideEmpty { side: Side::Junior }).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "other_side_empty", "side": "junior"})
    );
}

// =============================================================================================
// Objectives
// =============================================================================================

/// Juniors `a` (x at 5, y at 1) and `b` (x at 1); seniors `s1` (wishes x) and `s2` (wishes y).
/// Only the seniors learn, so under the default combination a pair scores a quarter of what
/// the senior gains: a–s1 = 1/4, a–s2 = 1/12, b–s1 = 1/12, b–s2 = 0 (never formed).
const OBJECTIVES_DIFFER: &str = r#"{"participants": [
    {"id": "a", "side": "junior", "skills": {"x": 5, "y": 1}},
    {"id": "b", "side": "junior", "skills": {"x": 1}},
    {"id": "s1", "side": "senior", "wishes": {"x": 5}},
    {"id": "s2", "side": "senior", "wishes": {"y": 5}}]}"#;

#[test]
fn total_score_and_most_pairs_differ() {
    let roster = Roster::from_json(OBJECTIVES_DIFFER).unwrap();

    let most = Matcher::new().solve(&roster).unwrap();
    assert_eq!(most.objective(), Objective::MostPairs);
    assert_eq!(most.pairs().len(), 2);
    assert_eq!(most.partner_of("a"), Some("s2"));
    assert_eq!(most.partner_of("b"), Some("s1"));
    assert!((most.total_score() - (1.0 / 12.0 + 1.0 / 12.0)).abs() < 1e-12);
    assert!(most.unmatched().is_empty());

    let best = Matcher::new()
        .with_objective(Objective::TotalScore)
        .solve(&roster)
        .unwrap();
    assert_eq!(best.objective(), Objective::TotalScore);
    assert_eq!(best.pairs().len(), 1);
    assert_eq!(best.partner_of("a"), Some("s1"));
    assert!((best.total_score() - 0.25).abs() < 1e-12);
    assert!(best.total_score() > most.total_score());
    // Both left out lost their only candidate to the better pair.
    assert_eq!(
        reason_of(&best, "b"),
        &Reason::PartnersTaken { candidates: 1 }
    );
    assert_eq!(
        reason_of(&best, "s2"),
        &Reason::PartnersTaken { candidates: 1 }
    );
}

#[test]
fn objective_json() {
    assert_eq!(
        serde_json::to_value(Objective::TotalScore).unwrap(),
        serde_json::json!("total_score")
    );
    let m = solve(OBJECTIVES_DIFFER);
    let json: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
    assert_eq!(json["objective"], "most_pairs");
    assert_eq!(json["pairs"].as_array().unwrap().len(), 2);
    assert!(json["unmatched"].as_array().unwrap().is_empty());
    assert!(json["total_score"].is_f64());
}

// =============================================================================================
// Explanations
// =============================================================================================

#[test]
fn pair_explains_what_each_learns_including_relatives() {
    let roster = Roster::from_json(
        r#"{"skills": [{"id": "data-analytics"},
                       {"id": "spreadsheets", "parent": "data-analytics"},
                       {"id": "social-media"}, {"id": "negotiation"}, {"id": "strategy"}],
            "participants": [
              {"id": "ola", "side": "junior", "skills": {"spreadsheets": 5, "social-media": 4},
               "wishes": {"negotiation": 4, "strategy": 2}},
              {"id": "jan", "side": "senior", "skills": {"negotiation": 5, "strategy": 1},
               "wishes": {"data-analytics": 3, "social-media": 2}}]}"#,
    )
    .unwrap();
    let m = Matcher::new().solve(&roster).unwrap();
    let pair = m.pair_of("ola").unwrap();
    assert_eq!(m.pair_of("jan"), Some(pair));
    assert_eq!((pair.junior.as_str(), pair.senior.as_str()), ("ola", "jan"));

    // Ola learns negotiation (gap 5: full, 4/6) and strategy (gap 1: 1/3, 2/6 · 1/3).
    let learns = lesson_rows(&pair.junior_learns);
    assert_eq!(
        learns,
        [
            ("negotiation", "negotiation", 5, 0, 4),
            ("strategy", "strategy", 1, 0, 2)
        ]
    );
    assert!((pair.junior_learns[0].share - 4.0 / 6.0).abs() < 1e-12);
    assert!((pair.junior_learns[1].share - 2.0 / 18.0).abs() < 1e-12);
    assert!((pair.junior_gain - 7.0 / 9.0).abs() < 1e-12);

    // Jan learns social media (gap 4: full, 2/5) and data analytics through its child
    // spreadsheets (half credit, 3/5 · 1/2 = 0.3): the bigger share first.
    let learns = lesson_rows(&pair.senior_learns);
    assert_eq!(
        learns,
        [
            ("social-media", "social-media", 4, 0, 2),
            ("data-analytics", "spreadsheets", 5, 0, 3)
        ]
    );
    assert!((pair.senior_learns[0].share - 0.4).abs() < 1e-12);
    assert!((pair.senior_learns[1].share - 0.3).abs() < 1e-12);
    assert!((pair.senior_gain - 0.7).abs() < 1e-12);

    let (a, b) = (7.0 / 9.0, 0.7);
    let want = 0.25 * (a + b) + 0.5 * f64::sqrt(a * b);
    assert!((pair.score - want).abs() < 1e-12);
    assert!((m.total_score() - want).abs() < 1e-12);
}

#[test]
fn explanations_follow_the_matched_direction() {
    // Two pairs: each explanation names what that partner teaches.
    let m = solve(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}, "wishes": {"negotiation": 4}},
            {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}, "wishes": {"strategy": 5}},
            {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"ai-assistants": 3}},
            {"id": "eva", "side": "senior", "skills": {"strategy": 5}, "wishes": {"cloud-tools": 4}}]}"#,
    );
    let skills =
        |ls: &[mentor_match::Lesson]| ls.iter().map(|l| l.skill.clone()).collect::<Vec<_>>();
    let ola = m.pair_of("ola").unwrap();
    assert_eq!(ola.senior, "jan");
    assert_eq!(skills(&ola.junior_learns), ["negotiation"]);
    assert_eq!(skills(&ola.senior_learns), ["ai-assistants"]);
    let kai = m.pair_of("kai").unwrap();
    assert_eq!(kai.senior, "eva");
    assert_eq!(skills(&kai.junior_learns), ["strategy"]);
    assert_eq!(skills(&kai.senior_learns), ["cloud-tools"]);
    assert_eq!(m.partner_of("eva"), Some("kai"));
    assert_eq!(m.partner_of("nobody"), None);
}

// ---------------------------------------------------------------------------------------------
// Capacities
// ---------------------------------------------------------------------------------------------

/// A senior with capacity 2 takes two juniors; first partners come first: the second junior
/// goes to jan only because no other senior can teach them.
#[test]
fn capacities_above_1_are_honoured_first_partners_first() {
    let roster = Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}, "wishes": {"strategy": 5}},
        {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}, "wishes": {"strategy": 5}},
        {"id": "ida", "side": "junior", "skills": {"cloud-tools": 4}, "wishes": {"negotiation": 5}},
        {"id": "jan", "side": "senior", "skills": {"strategy": 5, "negotiation": 5},
         "wishes": {"cloud-tools": 5}, "capacity": 2},
        {"id": "eva", "side": "senior", "skills": {"negotiation": 3}, "wishes": {"cloud-tools": 2}}]}"#,
    )
    .unwrap();
    let matching = Matcher::new().solve(&roster).unwrap();
    // Everyone gets a first partner: eva takes ida (the only junior she can teach), and jan
    // takes ola and kai.
    assert_eq!(matching.partners_of("jan"), ["ola", "kai"]);
    assert_eq!(matching.partners_of("eva"), ["ida"]);
    assert!(matching.unmatched().is_empty());
    let total: f64 = matching.pairs().iter().map(|p| p.score).sum();
    assert!((matching.total_score() - total).abs() < 1e-12);
}

/// A strategy that does not pair under capacities above 1 refuses them with an error naming
/// the participant, the strategy and the reason, rather than silently ignoring them.
#[test]
fn strategies_without_a_capacitated_form_refuse_capacities() {
    use mentor_match::strategy::Leximin;
    let roster = teacher_and_learner("cloud-tools", ("ola", 4), ("jan", 5, 2));
    let err = Matcher::new()
        .with_strategy(Leximin)
        .solve(&roster)
        .unwrap_err();
    assert!(
        matches!(err, mentor_match::Error::UnsupportedCapacity { ref participant, capacity: 2, ref strategy, ref why }
            if participant == "jan" && strategy == "leximin" && why.contains("NP-hard")),
        "{err:?}"
    );
    assert!(err.to_string().contains("`leximin`"), "{err}");
}

/// Every participant of capacity above 1 or with a minimum is named when the strategy cannot
/// honour them, juniors first, in roster order; past `MAX_LISTED` the rest are counted.
#[test]
fn strategies_name_every_capacity_and_minimum_they_cannot_honour() {
    use mentor_match::error::MAX_LISTED;
    use mentor_match::strategy::{Greedy, Leximin};
    let people = [
        senior("jan").with_wish("sql", 3).with_capacity(2),
        junior("ola").with_skill("sql", 4),
        senior("eva").with_wish("sql", 3),
        junior("kai").with_skill("sql", 4).with_capacity(3),
        senior("ida").with_wish("sql", 3).with_capacity(4),
    ];
    let roster = common::roster::roster(people.clone());
    let err = Matcher::new()
        .with_strategy(Leximin)
        .solve(&roster)
        .unwrap_err();
    let named: Vec<(&str, u32)> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::UnsupportedCapacity {
                participant,
                capacity,
                strategy,
                ..
            } => {
                assert_eq!(strategy, "leximin");
                (participant.as_str(), *capacity)
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(named, [("kai", 3), ("jan", 2), ("ida", 4)], "{err}");
    assert!(matches!(err, Error::Multiple { more: 0, .. }), "{err:?}");

    // Minimums: every participant who asks for one, whatever the capacities.
    let with_minimums = people.iter().cloned().map(|p| match p.id.as_str() {
        "ola" | "ida" => p.with_min_partners(1),
        _ => p,
    });
    let roster = common::roster::roster(with_minimums);
    let err = Matcher::new()
        .with_strategy(Greedy)
        .solve(&roster)
        .unwrap_err();
    let named: Vec<&str> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::UnsupportedMinimum {
                participant,
                minimum: 1,
                ..
            } => participant.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(named, ["ola", "ida"], "{err}");

    // Both, from a strategy that refuses both: the minimums, then the capacities.
    let err = Matcher::new()
        .with_strategy(Leximin)
        .solve(&roster)
        .unwrap_err();
    let named: Vec<(&str, &str)> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::UnsupportedMinimum {
                participant,
                strategy,
                ..
            } => {
                assert_eq!(strategy, "leximin");
                ("min_partners", participant.as_str())
            }
            Error::UnsupportedCapacity {
                participant,
                strategy,
                why,
                ..
            } => {
                assert_eq!(strategy, "leximin");
                assert!(why.contains("NP-hard"), "{why}");
                ("capacity", participant.as_str())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        named,
        [
            ("min_partners", "ola"),
            ("min_partners", "ida"),
            ("capacity", "kai"),
            ("capacity", "jan"),
            ("capacity", "ida"),
        ],
        "{err}"
    );
    // Capacities on one side only are asked about on that side: a strategy refusing senior
    // capacities alone is still asked and still refuses.
    let seniors_only = people.iter().cloned().map(|p| match p.id.as_str() {
        "kai" => p.with_capacity(1),
        "ola" => p.with_min_partners(1),
        _ => p,
    });
    let err = Matcher::new()
        .with_strategy(Leximin)
        .solve(&common::roster::roster(seniors_only))
        .unwrap_err();
    let named: Vec<String> = err.all().iter().map(|e| e.to_string()).collect();
    assert_eq!(named.len(), 3, "{err}");
    assert!(
        named[0].contains("`ola`") && named[0].contains("min_partners"),
        "{err}"
    );
    assert!(
        named[1].contains("`jan`") && named[2].contains("`ida`"),
        "{err}"
    );

    // A roster of many: a hundred listed, the rest counted.
    let many = (0..MAX_LISTED + 30).map(|k| {
        senior(common::roster::senior_id(k))
            .with_wish("sql", 3)
            .with_capacity(2)
    });
    let roster = common::roster::roster(many.chain([junior("ola").with_skill("sql", 4)]));
    let err = Matcher::new()
        .with_strategy(Leximin)
        .solve(&roster)
        .unwrap_err();
    assert_eq!(err.all().len(), MAX_LISTED);
    assert!(matches!(err, Error::Multiple { more: 30, .. }), "{err:?}");
}

/// A strategy with a capacitated form pairs under the roster's capacities: deferred acceptance
/// gives a senior of capacity 2 the two juniors she likes best, and the result is stable.
#[test]
fn strategies_pair_under_the_roster_s_capacities() {
    use mentor_match::strategy::{DeferredAcceptance, Proposers};
    let roster = common::roster::roster([
        junior("ola")
            .with_skill("cloud-tools", 5)
            .with_wish("strategy", 4),
        junior("kai")
            .with_skill("cloud-tools", 4)
            .with_wish("strategy", 4),
        junior("ida")
            .with_skill("cloud-tools", 2)
            .with_wish("strategy", 4),
        senior("jan")
            .with_skill("strategy", 5)
            .with_wish("cloud-tools", 5)
            .with_capacity(2),
    ]);
    for proposers in [Proposers::Juniors, Proposers::Seniors] {
        let matching = Matcher::new()
            .with_strategy(DeferredAcceptance::new(proposers))
            .solve(&roster)
            .unwrap();
        let mut partners = matching.partners_of("jan");
        partners.sort_unstable();
        assert_eq!(partners, ["kai", "ola"], "{proposers:?}");
        assert_eq!(matching.unmatched().len(), 1, "{proposers:?}");
    }
}

/// Scores computed for one roster cannot be explained against another.
#[test]
fn explain_refuses_scores_of_another_roster() {
    let small = ids(&["ola"], &["jan"]);
    let big = ids(&["ola", "kai", "ida"], &["jan"]);
    let matcher = Matcher::new();
    let scored = matcher.score(&big).unwrap();
    let err = matcher.explain(&small, &scored, &[(2, 0)]).unwrap_err();
    assert!(
        matches!(err, mentor_match::Error::RosterMismatch { .. }),
        "{err:?}"
    );
}
