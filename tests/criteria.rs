//! Integration tests of a roster's criteria, stated choices, ratings and avoid lists
//! (`mentor_match::score::criteria`, `model::Criterion`, `ParticipantSpec::{attributes,
//! choices, ratings, avoid}` and the choice report).
//!
//! - Property tests on random rosters of 1–4 juniors and 1–4 seniors (skills and wishes over 3
//!   skills; attributes `region`, `interests` and `age`, each sometimes missing; criteria of all
//!   six relations with random strengths, `must` included; random choices, ratings and avoid
//!   lists; random `benefit_weight` and `choice_weight`). Every pair's score is recomputed
//!   here from the formula of the `score::criteria` module docs (only the benefit of each
//!   direction comes from `MutualBenefit`, through the `Scorer` trait, and its combination from
//!   `Combination::combine`), every matching is enumerated, and:
//!   - the matcher reaches the optimum of "most pairs, then the largest total";
//!   - every `must` criterion and every avoid list holds in every pair formed;
//!   - each pair's parts add up to its score, and its gains and parts follow the formula;
//!   - raising a soft criterion's weight never lowers the credits of that criterion in the
//!     optimum;
//!   - the choice report equals a naive recount;
//!   - a pair that both sides ranked first, everything else equal, is formed.
//! - Unit tests of every validation mistake (each naming its participant, field or
//!   criterion), of the JSON form, of the default behaviour (the pilot roster scores exactly
//!   as before whatever `benefit_weight` says; a criterion named like a rule replaces it), and
//!   of the sparse method, which refuses criteria, choices and avoid lists.
//!
//! The tests marked `` fail on the library as it is: see their docs.

use mentor_match::matcher::SPARSE_ABOVE;
use mentor_match::model::{Attribute, CriteriaSpec, Criterion, Relation, Strength};
use mentor_match::{
    Combination, Error, Matcher, Matching, Method, MutualBenefit, OptionValue, ParticipantSpec,
    Population, Reason, Roster, RosterSpec, Scorer, Side,
};
mod common;
use common::brute::each_matching;
use common::roster::{junior, junior_id, senior, senior_id, spec};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use std::collections::{BTreeSet, HashMap};

const EPS: f64 = 1e-9;

/// The documented defaults of `benefit_weight` and `choice_weight`.
const DEFAULT_B: f64 = 10.0;
const DEFAULT_P: f64 = 5.0;
/// The documented credit of an unknown value.
const UNKNOWN: f64 = 0.5;

const SKILLS: [&str; 3] = ["s0", "s1", "s2"];
const REGIONS: [&str; 3] = ["north", "south", "east"];
const INTERESTS: [&str; 3] = ["ai", "cloud", "data"];
const FIELDS: [&str; 3] = ["region", "interests", "age"];

// =============================================================================================
// The independent reference: the formula of the `score::criteria` module docs, on the spec
// =============================================================================================

/// A participant's value of a criterion's field, as the docs describe it: a text is a list of
/// one, a list is a set, and a missing value or an empty list is unknown.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Unknown,
    Words(BTreeSet<String>),
    Number(f64),
    Flag(bool),
}

fn field_value(p: &ParticipantSpec, field: &str) -> Val {
    let attribute = match field {
        "department" => p.department.clone().map(Attribute::Text),
        "languages" => Some(Attribute::List(p.languages.clone())),
        "timezone" => p.timezone.map(Attribute::Number),
        "experience_years" => p.experience_years.map(Attribute::Number),
        _ => p.attributes.get(field).cloned(),
    };
    match attribute {
        None => Val::Unknown,
        Some(Attribute::Flag(b)) => Val::Flag(b),
        Some(Attribute::Number(x)) => Val::Number(x),
        Some(Attribute::Text(t)) => Val::Words(BTreeSet::from([t])),
        Some(Attribute::List(l)) if l.is_empty() => Val::Unknown,
        Some(Attribute::List(l)) => Val::Words(l.into_iter().collect()),
        Some(other) => panic!("an attribute the tests do not know: {other:?}"),
    }
}

/// The documented credit of criterion `c` for a junior valued `a` and a senior valued `b`;
/// `None` when either is unknown.
fn credit(c: &Criterion, a: &Val, b: &Val) -> Option<f64> {
    if *a == Val::Unknown || *b == Val::Unknown {
        return None;
    }
    let yes = |t: bool| Some(if t { 1.0 } else { 0.0 });
    let numbers = || match (a, b) {
        (Val::Number(x), Val::Number(y)) => (*x, *y),
        _ => panic!("{} compares numbers, not {a:?} and {b:?}", c.name()),
    };
    match c.relation {
        Relation::Same => yes(a == b),
        Relation::Different => yes(a != b),
        Relation::Overlap => match (a, b) {
            (Val::Words(x), Val::Words(y)) => {
                Some(x.intersection(y).count() as f64 / x.len().min(y.len()) as f64)
            }
            _ => panic!("{} compares words, not {a:?} and {b:?}", c.name()),
        },
        Relation::Closest => {
            let (x, y) = numbers();
            Some((1.0 - (x - y).abs() / c.scale.unwrap()).max(0.0))
        }
        Relation::AtMost => {
            let (x, y) = numbers();
            yes((x - y).abs() <= c.bound.unwrap())
        }
        Relation::JuniorLessThan => {
            let (x, y) = numbers();
            yes(x < y)
        }
        other => panic!("a relation the tests do not know: {other:?}"),
    }
}

/// The documented weight of a strength; `None` for `must`.
fn weight(s: Strength) -> Option<f64> {
    match s {
        Strength::Must => None,
        Strength::High => Some(5.0),
        Strength::Medium => Some(3.0),
        Strength::Low => Some(1.0),
        Strength::Weight(w) => Some(w),
        other => panic!("a strength the tests do not know: {other:?}"),
    }
}

/// What `x` said of `y` in `[-1, 1]`: the mean of the rank part (`1 - k / n` at position `k`
/// of `n` choices) and the rating part (`rating / 5`), of those given; `None` for silence.
fn stated(x: &ParticipantSpec, y: &str) -> Option<f64> {
    let n = x.choices.len() as f64;
    let rank = x
        .choices
        .iter()
        .position(|c| c == y)
        .map(|k| 1.0 - k as f64 / n);
    let rating = x.ratings.get(y).map(|&r| f64::from(r) / 5.0);
    match (rank, rating) {
        (Some(a), Some(b)) => Some((a + b) / 2.0),
        (a, b) => a.or(b),
    }
}

/// `pref(x, y) = (1 + stated) / 2`, one half for silence.
fn pref(x: &ParticipantSpec, y: &str) -> f64 {
    (1.0 + stated(x, y).unwrap_or(0.0)) / 2.0
}

/// Whether anyone in the roster stated choices or ratings.
fn any_stated(spec: &RosterSpec) -> bool {
    spec.participants
        .iter()
        .any(|p| !p.choices.is_empty() || !p.ratings.is_empty())
}

/// A roster with stated choices, no soft criterion (whose weights are above 0) and every
/// weight 0: the formula is 0 / 0, and the roster is refused.
fn weighs_nothing(spec: &RosterSpec) -> bool {
    let soft = spec.criteria.iter().any(|c| weight(c.strength).is_some());
    !soft
        && any_stated(spec)
        && spec.benefit_weight.unwrap_or(10.0) == 0.0
        && spec.choice_weight.unwrap_or(5.0) == 0.0
}

/// Whether a `must` criterion or an avoid list forbids the pair.
fn forbidden(spec: &RosterSpec, j: &ParticipantSpec, s: &ParticipantSpec) -> bool {
    let must_fails = spec.criteria.iter().any(|c| {
        weight(c.strength).is_none()
            && credit(c, &field_value(j, &c.field), &field_value(s, &c.field)) == Some(0.0)
    });
    must_fails || j.avoid.contains(&s.id) || s.avoid.contains(&j.id)
}

/// The total credit of criterion `c` over the pairs of `m` (an unknown credit counting one
/// half, as in the score).
fn credits_of(spec: &RosterSpec, c: &Criterion, m: &Matching) -> f64 {
    let by_id: HashMap<&str, &ParticipantSpec> = spec
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    m.pairs()
        .iter()
        .map(|pair| {
            let (j, s) = (by_id[pair.junior.as_str()], by_id[pair.senior.as_str()]);
            credit(c, &field_value(j, &c.field), &field_value(s, &c.field)).unwrap_or(UNKNOWN)
        })
        .sum()
}

/// One pair as the formula scores it.
#[derive(Debug, Clone)]
struct Expected {
    /// Not forbidden by a `must` criterion or an avoid list.
    allowed: bool,
    /// No soft criterion and no stated choices: the score is the combined benefit.
    plain: bool,
    score: f64,
    junior_gain: f64,
    senior_gain: f64,
    /// `B · combine / N`.
    benefit: f64,
    /// Each soft criterion: name, credit, share `w · credit / N`.
    criteria: Vec<(String, Option<f64>, f64)>,
    /// `P · mean of prefs / N`.
    choices: f64,
    junior_rank: Option<usize>,
    senior_rank: Option<usize>,
}

/// The formula on a roster whose participants give no manager, experience or languages, so
/// that the matcher's default rules allow every pair.
struct Model<'a> {
    spec: &'a RosterSpec,
    roster: &'a Roster,
    /// The available juniors and seniors (capacity above 0), as positions in the spec.
    juniors: Vec<usize>,
    seniors: Vec<usize>,
}

impl<'a> Model<'a> {
    fn new(spec: &'a RosterSpec, roster: &'a Roster) -> Self {
        for p in &spec.participants {
            assert!(
                p.manager.is_none() && p.experience_years.is_none() && p.languages.is_empty(),
                "the model assumes the default rules allow every pair"
            );
        }
        let side = |side: Side| {
            (0..spec.participants.len())
                .filter(|&k| {
                    let p = &spec.participants[k];
                    p.side == side && p.capacity > 0
                })
                .collect::<Vec<_>>()
        };
        Model {
            spec,
            roster,
            juniors: side(Side::Junior),
            seniors: side(Side::Senior),
        }
    }

    fn by_id(&self, id: &str) -> &'a ParticipantSpec {
        self.spec.participants.iter().find(|p| p.id == id).unwrap()
    }

    /// The pair of the junior and the senior with these ids.
    fn pair(&self, junior: &str, senior: &str) -> Expected {
        let (j, s) = (self.by_id(junior), self.by_id(senior));
        let spec = self.spec;
        let scorer = MutualBenefit::new();
        let (jid, sid) = (
            self.roster.find(junior).unwrap(),
            self.roster.find(senior).unwrap(),
        );
        let junior_benefit = scorer.teaches(self.roster, sid, jid);
        let senior_benefit = scorer.teaches(self.roster, jid, sid);
        let combined = Combination::default().combine(junior_benefit, senior_benefit);
        let b = spec.benefit_weight.unwrap_or(DEFAULT_B);
        let p = if any_stated(spec) {
            spec.choice_weight.unwrap_or(DEFAULT_P)
        } else {
            0.0
        };
        let soft: Vec<(&Criterion, f64)> = spec
            .criteria
            .iter()
            .filter_map(|c| weight(c.strength).map(|w| (c, w)))
            .collect();
        let n = b + soft.iter().map(|&(_, w)| w).sum::<f64>() + p;
        let credits: Vec<Option<f64>> = soft
            .iter()
            .map(|(c, _)| credit(c, &field_value(j, &c.field), &field_value(s, &c.field)))
            .collect();
        let shared: f64 = soft
            .iter()
            .zip(&credits)
            .map(|(&(_, w), c)| w * c.unwrap_or(UNKNOWN))
            .sum();
        let (pj, ps) = (pref(j, senior), pref(s, junior));
        // As the docs say: parts "when the roster has soft criteria or stated choices".
        let plain = soft.is_empty() && !any_stated(spec);
        let rank =
            |x: &ParticipantSpec, y: &str| x.choices.iter().position(|c| c == y).map(|k| k + 1);
        let (score, junior_gain, senior_gain) = if plain {
            (combined, junior_benefit, senior_benefit)
        } else {
            (
                (b * combined + shared + p * (pj + ps) / 2.0) / n,
                (b * junior_benefit + shared + p * pj) / n,
                (b * senior_benefit + shared + p * ps) / n,
            )
        };
        Expected {
            allowed: !forbidden(spec, j, s),
            plain,
            score,
            junior_gain,
            senior_gain,
            benefit: b * combined / n,
            criteria: soft
                .iter()
                .zip(&credits)
                .map(|(&(c, w), &cr)| (c.name(), cr, w * cr.unwrap_or(UNKNOWN) / n))
                .collect(),
            choices: p * (pj + ps) / 2.0 / n,
            junior_rank: rank(j, senior),
            senior_rank: rank(s, junior),
        }
    }

    /// Every available pair, by (row, column) of the available juniors and seniors.
    fn table(&self) -> Vec<Vec<Expected>> {
        self.juniors
            .iter()
            .map(|&j| {
                self.seniors
                    .iter()
                    .map(|&s| {
                        self.pair(&self.spec.participants[j].id, &self.spec.participants[s].id)
                    })
                    .collect()
            })
            .collect()
    }

    /// The brute-force optimum of "most pairs, then the largest total", over matchings of
    /// allowed pairs scoring above 0: (pairs, total).
    fn optimum(&self) -> (usize, f64) {
        let table = self.table();
        let mut best = (0, 0.0);
        each_matching(
            self.juniors.len(),
            self.seniors.len(),
            &|r, c| table[r][c].allowed && table[r][c].score > 0.0,
            &mut |pairs| {
                let total: f64 = pairs.iter().map(|&(r, c)| table[r][c].score).sum();
                if pairs.len() > best.0 || (pairs.len() == best.0 && total > best.1) {
                    best = (pairs.len(), total);
                }
            },
        );
        best
    }

    /// The total score of `m`'s pairs under this model.
    fn total_of(&self, m: &Matching) -> f64 {
        m.pairs()
            .iter()
            .map(|p| self.pair(&p.junior, &p.senior).score)
            .sum()
    }
}

// =============================================================================================
// Random rosters
// =============================================================================================

/// One random participant, before the roster's sizes turn indices into ids.
#[derive(Debug, Clone)]
struct PersonDraw {
    skills: [Option<u8>; 3],
    wishes: [Option<u8>; 3],
    region: Option<usize>,
    interests: Option<[bool; 3]>,
    /// Age: whole years, plus one half when the flag is set.
    age: Option<(u8, bool)>,
    choices: Vec<Index>,
    ratings: Vec<(Index, i8)>,
    avoid: Vec<Index>,
    available: bool,
}

fn person_draws() -> impl Strategy<Value = PersonDraw> {
    let level = || proptest::option::weighted(0.5, 1u8..=5);
    (
        (
            prop::array::uniform3(level()),
            prop::array::uniform3(level()),
            proptest::option::weighted(0.8, 0usize..3),
            proptest::option::weighted(0.8, prop::array::uniform3(any::<bool>())),
            proptest::option::weighted(0.8, (25u8..=40, any::<bool>())),
        ),
        (
            prop_oneof![1 => Just(Vec::new()), 2 => prop::collection::vec(any::<Index>(), 1..=4)],
            prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec((any::<Index>(), -5i8..=5), 1..=3)],
            prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(any::<Index>(), 1..=2)],
            proptest::bool::weighted(0.9),
        ),
    )
        .prop_map(
            |((skills, wishes, region, interests, age), (choices, ratings, avoid, available))| {
                PersonDraw {
                    skills,
                    wishes,
                    region,
                    interests,
                    age,
                    choices,
                    ratings,
                    avoid,
                    available,
                }
            },
        )
}

/// One random criterion: a field, a relation among those that fit it, a strength and the
/// parameters its relation may need.
#[derive(Debug, Clone)]
struct CriterionDraw {
    field: usize,
    relation: Index,
    strength: Strength,
    scale: f64,
    bound: f64,
}

fn strengths() -> impl Strategy<Value = Strength> {
    prop_oneof![
        2 => Just(Strength::Must),
        1 => Just(Strength::High),
        1 => Just(Strength::Medium),
        1 => Just(Strength::Low),
        2 => (0.05f64..20.0).prop_map(Strength::Weight),
    ]
}

fn criterion_draws() -> impl Strategy<Value = CriterionDraw> {
    (
        0usize..FIELDS.len(),
        any::<Index>(),
        strengths(),
        (1u8..=20).prop_map(f64::from),
        (0u8..=10).prop_map(f64::from),
    )
        .prop_map(|(field, relation, strength, scale, bound)| CriterionDraw {
            field,
            relation,
            strength,
            scale,
            bound,
        })
}

impl CriterionDraw {
    /// The criterion: words are compared by `same`, `different` or `overlap`, the age by
    /// `same`, `different`, `closest`, `at_most` or `junior_less_than`.
    fn criterion(&self) -> Criterion {
        let field = FIELDS[self.field];
        let relations: &[Relation] = if field == "age" {
            &[
                Relation::Same,
                Relation::Different,
                Relation::Closest,
                Relation::AtMost,
                Relation::JuniorLessThan,
            ]
        } else {
            &[Relation::Same, Relation::Different, Relation::Overlap]
        };
        let relation = relations[self.relation.index(relations.len())];
        let c = Criterion::new(field, relation, self.strength);
        match relation {
            Relation::Closest => c.with_scale(self.scale),
            Relation::AtMost => c.with_bound(self.bound),
            _ => c,
        }
    }
}

/// A random roster.
#[derive(Debug, Clone)]
struct CaseDraw {
    juniors: usize,
    seniors: usize,
    people: Vec<PersonDraw>,
    criteria: Vec<CriterionDraw>,
    /// Whether anyone keeps their choices and ratings (so that plain rosters come up too).
    stated: bool,
    benefit_weight: Option<f64>,
    choice_weight: Option<f64>,
    /// The seniors before the juniors in the roster.
    seniors_first: bool,
}

fn optional_weights() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(0.0)),
        3 => (0.1f64..30.0).prop_map(Some),
    ]
}

fn cases() -> impl Strategy<Value = CaseDraw> {
    (
        1usize..=4,
        1usize..=4,
        prop::collection::vec(person_draws(), 8),
        prop::collection::vec(criterion_draws(), 0..=3),
        proptest::bool::weighted(0.75),
        optional_weights(),
        optional_weights(),
        any::<bool>(),
    )
        .prop_map(
            |(
                juniors,
                seniors,
                people,
                criteria,
                stated,
                benefit_weight,
                choice_weight,
                seniors_first,
            )| {
                CaseDraw {
                    juniors,
                    seniors,
                    people,
                    criteria,
                    stated,
                    benefit_weight,
                    choice_weight,
                    seniors_first,
                }
            },
        )
}

impl CaseDraw {
    /// The roster spec; with `empty_lists`, an `interests` list with no item is given as `[]`
    /// (else left out).
    fn spec(&self, empty_lists: bool) -> RosterSpec {
        let ids = |side: Side, n: usize| -> Vec<String> {
            (0..n)
                .map(|k| match side {
                    Side::Junior => junior_id(k),
                    Side::Senior => senior_id(k),
                })
                .collect()
        };
        let (juniors, seniors) = (
            ids(Side::Junior, self.juniors),
            ids(Side::Senior, self.seniors),
        );
        let mut people = Vec::new();
        for (k, d) in self.people.iter().enumerate() {
            let (id, side, others) = if k < 4 {
                if k >= self.juniors {
                    continue;
                }
                (&juniors[k], Side::Junior, &seniors)
            } else {
                if k - 4 >= self.seniors {
                    continue;
                }
                (&seniors[k - 4], Side::Senior, &juniors)
            };
            let mut p = ParticipantSpec::new(id.clone(), side);
            for (s, level) in SKILLS.iter().zip(d.skills) {
                if let Some(level) = level {
                    p = p.with_skill(*s, level);
                }
            }
            for (s, priority) in SKILLS.iter().zip(d.wishes) {
                if let Some(priority) = priority {
                    p = p.with_wish(*s, priority);
                }
            }
            if let Some(r) = d.region {
                p = p.with_attribute("region", Attribute::Text(REGIONS[r].into()));
            }
            if let Some(mask) = d.interests {
                let list: Vec<String> = INTERESTS
                    .iter()
                    .zip(mask)
                    .filter(|&(_, on)| on)
                    .map(|(i, _)| (*i).to_owned())
                    .collect();
                if !list.is_empty() || empty_lists {
                    p = p.with_attribute("interests", Attribute::List(list));
                }
            }
            if let Some((years, half)) = d.age {
                let age = f64::from(years) + if half { 0.5 } else { 0.0 };
                p = p.with_attribute("age", Attribute::Number(age));
            }
            let other = |i: &Index| others[i.index(others.len())].clone();
            if self.stated {
                for i in &d.choices {
                    let q = other(i);
                    if !p.choices.contains(&q) {
                        p.choices.push(q);
                    }
                }
                for (i, r) in &d.ratings {
                    p.ratings.insert(other(i), *r);
                }
            }
            for i in &d.avoid {
                // Sometimes twice: an avoid list may repeat an id.
                p = p.with_avoid(other(i));
            }
            if !d.available {
                p = p.with_capacity(0);
            }
            people.push(p);
        }
        if self.seniors_first {
            people.sort_by_key(|p| p.side == Side::Junior);
        }
        let mut spec = spec(people)
            .with_benefit_weight(self.benefit_weight)
            .with_choice_weight(self.choice_weight);
        for (k, d) in self.criteria.iter().enumerate() {
            let mut c = d.criterion();
            // A criterion on a field nobody gives is a mistake: left out.
            if !spec
                .participants
                .iter()
                .any(|p| p.attributes.contains_key(&c.field))
            {
                continue;
            }
            if spec.criteria.iter().any(|o| o.name() == c.name()) {
                c = c.named(format!("c{k}"));
            }
            spec.criteria.push(c);
        }
        spec
    }
}

/// The random roster, validated; one whose weights are all 0 must be refused for it, and is
/// then left out of the property.
fn valid(spec: &RosterSpec) -> Result<Roster, TestCaseError> {
    let validated = spec.validate();
    if weighs_nothing(spec) {
        prop_assert!(
            matches!(
                validated,
                Err(Error::InvalidOption {
                    option: "benefit_weight",
                    value: OptionValue::Float(0.0),
                    ..
                })
            ),
            "every weight is 0: {validated:?}"
        );
        return Err(TestCaseError::reject("every weight is 0"));
    }
    validated.map_err(|e| TestCaseError::fail(format!("the random roster is invalid: {e}")))
}

fn solve(roster: &Roster) -> Result<Matching, TestCaseError> {
    Matcher::new()
        .solve(roster)
        .map_err(|e| TestCaseError::fail(format!("the matcher failed: {e}")))
}

// =============================================================================================
// The properties
// =============================================================================================

/// (a) The matcher's pairs are an optimum of "most pairs, then the largest total", the totals
/// recomputed from the documented formula.
fn check_optimum(spec: &RosterSpec) -> Result<(), TestCaseError> {
    let roster = valid(spec)?;
    let m = solve(&roster)?;
    let model = Model::new(spec, &roster);
    let (count, total) = model.optimum();
    prop_assert_eq!(m.pairs().len(), count, "pairs: {:?}", m.pairs());
    prop_assert!(
        (m.total_score() - total).abs() <= EPS,
        "total {} but the optimum is {}",
        m.total_score(),
        total
    );
    for pair in m.pairs() {
        let e = model.pair(&pair.junior, &pair.senior);
        prop_assert!(
            e.allowed && e.score > 0.0,
            "{pair:?} should not be formed: {e:?}"
        );
        prop_assert!(
            (pair.score - e.score).abs() <= EPS,
            "{}-{}: score {} but the formula gives {}",
            pair.junior,
            pair.senior,
            pair.score,
            e.score
        );
    }
    prop_assert!((model.total_of(&m) - m.total_score()).abs() <= EPS);
    Ok(())
}

/// (b) Every `must` criterion and every avoid list holds in every pair formed.
fn check_hard_rules(spec: &RosterSpec) -> Result<(), TestCaseError> {
    let roster = valid(spec)?;
    let m = solve(&roster)?;
    let by_id: HashMap<&str, &ParticipantSpec> = spec
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    for pair in m.pairs() {
        let (j, s) = (by_id[pair.junior.as_str()], by_id[pair.senior.as_str()]);
        for c in spec
            .criteria
            .iter()
            .filter(|c| c.strength == Strength::Must)
        {
            let (a, b) = (field_value(j, &c.field), field_value(s, &c.field));
            prop_assert!(
                credit(c, &a, &b) != Some(0.0),
                "{}-{} fails the must criterion {} ({:?} vs {:?})",
                j.id,
                s.id,
                c.name(),
                a,
                b
            );
        }
        prop_assert!(!j.avoid.contains(&s.id), "{} avoids {}", j.id, s.id);
        prop_assert!(!s.avoid.contains(&j.id), "{} avoids {}", s.id, j.id);
    }
    Ok(())
}

/// (c) Each pair's parts add up to its score; gains and parts follow the formula.
fn check_parts(spec: &RosterSpec) -> Result<(), TestCaseError> {
    let roster = valid(spec)?;
    let m = solve(&roster)?;
    let model = Model::new(spec, &roster);
    let close = |a: f64, b: f64| (a - b).abs() <= EPS;
    for pair in m.pairs() {
        let e = model.pair(&pair.junior, &pair.senior);
        let what = format!("{}-{}: {pair:?} vs {e:?}", pair.junior, pair.senior);
        prop_assert!(
            close(pair.junior_gain, e.junior_gain),
            "junior gain: {}",
            what
        );
        prop_assert!(
            close(pair.senior_gain, e.senior_gain),
            "senior gain: {}",
            what
        );
        prop_assert!(close(pair.score, e.score), "score: {}", what);
        if e.plain {
            prop_assert!(pair.parts.is_none(), "parts of a plain roster: {}", what);
            continue;
        }
        let Some(parts) = pair.parts.as_ref() else {
            return Err(TestCaseError::fail(format!("no parts: {what}")));
        };
        let sum =
            parts.benefit + parts.criteria.iter().map(|c| c.share).sum::<f64>() + parts.choices;
        prop_assert!(close(sum, pair.score), "parts add up to {}: {}", sum, what);
        prop_assert!(close(parts.benefit, e.benefit), "benefit part: {}", what);
        prop_assert!(close(parts.choices, e.choices), "choices part: {}", what);
        prop_assert_eq!(parts.criteria.len(), e.criteria.len(), "{}", what);
        for (got, (name, credit, share)) in parts.criteria.iter().zip(&e.criteria) {
            prop_assert_eq!(&got.criterion, name, "{}", what);
            prop_assert_eq!(
                got.credit.is_some(),
                credit.is_some(),
                "{} credit: {}",
                name,
                what
            );
            if let (Some(a), Some(b)) = (got.credit, credit) {
                prop_assert!(close(a, *b), "{} credit: {}", name, what);
            }
            prop_assert!(close(got.share, *share), "{} share: {}", name, what);
        }
        prop_assert_eq!(parts.junior_rank, e.junior_rank, "{}", what);
        prop_assert_eq!(parts.senior_rank, e.senior_rank, "{}", what);
    }
    Ok(())
}

/// The choice report recounted naively: per side (stated, first, top three, none).
fn recount(spec: &RosterSpec, m: &Matching) -> Option<[[usize; 4]; 2]> {
    let mut counts = [[0; 4]; 2];
    let mut any = false;
    for p in &spec.participants {
        if p.choices.is_empty() {
            continue;
        }
        any = true;
        let row = &mut counts[usize::from(p.side == Side::Senior)];
        row[0] += 1;
        let best = m
            .partners_of(&p.id)
            .iter()
            .filter_map(|q| p.choices.iter().position(|c| c == q))
            .min();
        match best {
            None => row[3] += 1,
            Some(k) => {
                if k == 0 {
                    row[1] += 1;
                }
                if k < 3 {
                    row[2] += 1;
                }
            }
        }
    }
    any.then_some(counts)
}

/// A roster of juniors who all teach and wish the same, and seniors likewise, in which junior
/// `a` and senior `b` rank each other first (then maybe others); nobody else states anything.
fn mutual_first_roster(
    (juniors, seniors): (usize, usize),
    (a, b): (usize, usize),
    (junior_tail, senior_tail): (&[Index], &[Index]),
    (benefit_weight, choice_weight): (Option<f64>, f64),
) -> RosterSpec {
    let mut people = Vec::new();
    for k in 0..juniors {
        let mut p = junior(junior_id(k)).with_skill("s0", 4).with_wish("s1", 3);
        if k == a {
            p.choices.push(senior_id(b));
            for i in junior_tail {
                let q = senior_id(i.index(seniors));
                if !p.choices.contains(&q) {
                    p.choices.push(q);
                }
            }
        }
        people.push(p);
    }
    for k in 0..seniors {
        let mut p = senior(senior_id(k)).with_skill("s1", 5).with_wish("s0", 2);
        if k == b {
            p.choices.push(junior_id(a));
            for i in senior_tail {
                let q = junior_id(i.index(juniors));
                if !p.choices.contains(&q) {
                    p.choices.push(q);
                }
            }
        }
        people.push(p);
    }
    spec(people)
        .with_benefit_weight(benefit_weight)
        .with_choice_weight(Some(choice_weight))
}

proptest! {
    #![proptest_config(common::config(512))]

    /// (a) The matcher's result is the exact optimum of the documented objective.
    #[test]
    fn matcher_reaches_the_documented_optimum(case in cases()) {
        check_optimum(&case.spec(false))?;
    }

    /// (b) Every `must` criterion and every avoid list holds in every pair.
    #[test]
    fn must_criteria_and_avoid_lists_hold_in_every_pair(case in cases()) {
        check_hard_rules(&case.spec(false))?;
    }

    /// (c) The parts add up to the score, and gains and parts follow the formula.
    #[test]
    fn parts_add_up_and_gains_follow_the_formula(case in cases()) {
        check_parts(&case.spec(false))?;
    }

    /// Raising a soft criterion's weight never lowers its total credit in the optimum.
    #[test]
    fn raising_a_weight_never_lowers_its_credits(
        case in cases(),
        target in criterion_draws(),
        low in 0.05f64..10.0,
        raise in 0.01f64..30.0,
    ) {
        let base = case.spec(false);
        let target = target.criterion().named("target");
        prop_assume!(base.participants.iter().any(|p| p.attributes.contains_key(&target.field)));
        let with_weight = |w: f64| {
            let mut spec = base.clone();
            let mut c = target.clone();
            c.strength = Strength::Weight(w);
            spec.criteria.push(c);
            spec
        };
        let (lo, hi) = (with_weight(low), with_weight(low + raise));
        let (lo_roster, hi_roster) = (valid(&lo)?, valid(&hi)?);
        let (m_lo, m_hi) = (solve(&lo_roster)?, solve(&hi_roster)?);
        prop_assert_eq!(m_lo.pairs().len(), m_hi.pairs().len());
        let (c_lo, c_hi) = (credits_of(&lo, &target, &m_lo), credits_of(&hi, &target, &m_hi));
        if c_hi < c_lo - 1e-12 {
            // Only a tie may explain it: the old optimum scores as much at the new weights.
            let old_at_new = Model::new(&hi, &hi_roster).total_of(&m_lo);
            prop_assert!(
                (old_at_new - m_hi.total_score()).abs() <= EPS,
                "credits fell from {} to {} raising the weight from {} to {}; the old pairs \
                 total {} at the new weight, the new ones {}",
                c_lo, c_hi, low, low + raise, old_at_new, m_hi.total_score()
            );
        }
    }

    /// The choice report equals a naive recount from the roster's choices and the pairs.
    #[test]
    fn choice_report_counts_as_a_naive_recount(case in cases()) {
        let spec = case.spec(false);
        let m = solve(&valid(&spec)?)?;
        let report = m.choices().map(|r| {
            [&r.juniors, &r.seniors].map(|s| [s.stated, s.first, s.top_three, s.none])
        });
        prop_assert_eq!(report, recount(&spec, &m));
    }

    /// A pair that both sides ranked first, everything else equal, is formed.
    #[test]
    fn a_mutual_first_choice_is_formed(
        juniors in 1usize..=4,
        seniors in 1usize..=4,
        a in any::<Index>(),
        b in any::<Index>(),
        junior_tail in prop::collection::vec(any::<Index>(), 0..=3),
        senior_tail in prop::collection::vec(any::<Index>(), 0..=3),
        benefit_weight in optional_weights(),
        choice_weight in 0.1f64..30.0,
    ) {
        let (a, b) = (a.index(juniors), b.index(seniors));
        let spec = mutual_first_roster(
            (juniors, seniors),
            (a, b),
            (&junior_tail, &senior_tail),
            (benefit_weight, choice_weight),
        );
        let m = solve(&valid(&spec)?)?;
        prop_assert_eq!(m.pairs().len(), juniors.min(seniors));
        let chosen = senior_id(b);
        prop_assert_eq!(m.partner_of(&junior_id(a)), Some(chosen.as_str()));
        let parts = m.pair_of(&junior_id(a)).unwrap().parts.clone().unwrap();
        prop_assert_eq!((parts.junior_rank, parts.senior_rank), (Some(1), Some(1)));
    }
}

proptest! {
    #![proptest_config(common::config(512))]

    /// (a) with empty `interests` lists given as `[]`: the docs call them unknown.
    #[test]

    fn matcher_reaches_the_documented_optimum_with_empty_lists(case in cases()) {
        check_optimum(&case.spec(true))?;
        check_hard_rules(&case.spec(true))?;
        check_parts(&case.spec(true))?;
    }
}

// =============================================================================================
// Unit tests of the formula
// =============================================================================================

/// A roster from JSON (panics if it is not valid).
fn json(text: &str) -> Roster {
    Roster::from_json(text).unwrap()
}

#[test]
fn a_mutual_first_choice_is_formed_against_other_choices() {
    // Everyone teaches and learns alike; ola and jan rank each other first, kai ranks jan
    // first too and eva ranks kai second.
    let roster = json(
        r#"{"participants": [
        {"id": "kai", "side": "junior", "skills": {"s0": 4}, "wishes": {"s1": 3}, "choices": ["jan", "eva"]},
        {"id": "ola", "side": "junior", "skills": {"s0": 4}, "wishes": {"s1": 3}, "choices": ["jan"]},
        {"id": "eva", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 2}, "choices": ["ola", "kai"]},
        {"id": "jan", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 2}, "choices": ["ola"]}]}"#,
    );
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"));
    assert_eq!(m.partner_of("kai"), Some("eva"));
    let parts = m.pair_of("ola").unwrap().parts.as_ref().unwrap();
    assert_eq!((parts.junior_rank, parts.senior_rank), (Some(1), Some(1)));
    // The whole choice term: P / N with N = 10 + 5.
    assert!((parts.choices - 5.0 / 15.0).abs() < 1e-12);
}

#[test]
fn each_relation_gives_its_documented_credit() {
    // One junior and one senior, one soft criterion at a time: the reported credit.
    let cases: [(&str, &str, &str, &str, Option<f64>); 12] = [
        (r#""EMEA""#, r#""EMEA""#, "same", "", Some(1.0)),
        (r#"["a", "b"]"#, r#"["b", "a", "a"]"#, "same", "", Some(1.0)),
        (r#""EMEA""#, r#""APAC""#, "same", "", Some(0.0)),
        (r#""EMEA""#, r#""APAC""#, "different", "", Some(1.0)),
        (
            r#"["a", "b", "c"]"#,
            r#"["b", "d"]"#,
            "overlap",
            "",
            Some(0.5),
        ),
        (r#""a""#, r#"["a", "d"]"#, "overlap", "", Some(1.0)),
        ("30", "36", "closest", r#", "scale": 12"#, Some(0.5)),
        ("30", "50", "closest", r#", "scale": 12"#, Some(0.0)),
        ("30", "35", "at_most", r#", "bound": 5"#, Some(1.0)),
        ("30", "35.5", "at_most", r#", "bound": 5"#, Some(0.0)),
        ("30", "35", "junior_less_than", "", Some(1.0)),
        ("35", "35", "junior_less_than", "", Some(0.0)),
    ];
    for (a, b, relation, param, expected) in cases {
        let roster = json(&format!(
            r#"{{"criteria": [{{"field": "f", "relation": "{relation}", "strength": 2{param}}}],
            "participants": [
            {{"id": "ola", "side": "junior", "skills": {{"s0": 4}}, "wishes": {{"s1": 2}}, "attributes": {{"f": {a}}}}},
            {{"id": "jan", "side": "senior", "skills": {{"s1": 5}}, "wishes": {{"s0": 2}}, "attributes": {{"f": {b}}}}}]}}"#
        ));
        let m = Matcher::new().solve(&roster).unwrap();
        let parts = m.pairs()[0].parts.as_ref().unwrap();
        assert_eq!(parts.criteria[0].credit, expected, "{a} {relation} {b}");
        // Benefit 1 both ways: score = (10 + 2 c) / 12.
        let c = expected.unwrap();
        assert!(
            (m.pairs()[0].score - (10.0 + 2.0 * c) / 12.0).abs() < 1e-12,
            "{a} {relation} {b}"
        );
    }
}

#[test]
fn an_unknown_value_counts_one_half_and_never_forbids() {
    let roster = json(
        r#"{"criteria": [
            {"field": "region", "relation": "same", "strength": "must"},
            {"field": "age", "relation": "closest", "scale": 10, "strength": 4}],
        "participants": [
        {"id": "ola", "side": "junior", "skills": {"s0": 4}, "wishes": {"s1": 2}, "attributes": {"age": 30}},
        {"id": "jan", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 2}, "attributes": {"region": "EMEA"}}]}"#,
    );
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"));
    let pair = &m.pairs()[0];
    let parts = pair.parts.as_ref().unwrap();
    assert_eq!(parts.criteria.len(), 1, "a must criterion has no share");
    assert_eq!(parts.criteria[0].credit, None);
    assert!((parts.criteria[0].share - 4.0 * UNKNOWN / 14.0).abs() < 1e-12);
    assert!((pair.score - (10.0 + 2.0) / 14.0).abs() < 1e-12);
}

#[test]
fn a_must_criterion_and_an_avoid_list_forbid_and_are_named_in_reasons() {
    let roster = json(
        r#"{"criteria": [{"field": "region", "relation": "different", "strength": "must", "name": "mixed"}],
        "participants": [
        {"id": "ola", "side": "junior", "skills": {"s0": 4}, "attributes": {"region": "EMEA"}},
        {"id": "kai", "side": "junior", "skills": {"s0": 5}, "attributes": {"region": "APAC"}},
        {"id": "jan", "side": "senior", "wishes": {"s0": 2}, "attributes": {"region": "EMEA"}, "avoid": ["kai"]}]}"#,
    );
    let m = Matcher::new().solve(&roster).unwrap();
    assert!(m.pairs().is_empty(), "{:?}", m.pairs());
    let reason = |id: &str| {
        m.unmatched()
            .iter()
            .find(|u| u.id == id)
            .unwrap()
            .reason
            .clone()
    };
    let Reason::NoAllowedPartner { excluded_by } = reason("jan") else {
        panic!("{:?}", reason("jan"));
    };
    let named: Vec<(&str, usize)> = excluded_by
        .iter()
        .map(|e| (e.rule.as_str(), e.partners))
        .collect();
    assert_eq!(named, [("mixed", 1), ("avoid", 1)]);
}

#[test]
fn ratings_alone_weigh_in_the_score_but_make_no_choice_report() {
    // Both juniors teach alike; jan rates kai 5 and ola -5.
    let roster = json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "skills": {"s0": 4}},
        {"id": "kai", "side": "junior", "skills": {"s0": 4}},
        {"id": "jan", "side": "senior", "wishes": {"s0": 2}, "ratings": {"kai": 5, "ola": -5}}]}"#,
    );
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("jan"), Some("kai"));
    assert!(m.choices().is_none());
    let pair = &m.pairs()[0];
    // pref(jan, kai) = 1, pref(kai, jan) = 1/2: choices part 5 · 3/4 / 15.
    let parts = pair.parts.as_ref().unwrap();
    assert!((parts.choices - 5.0 * 0.75 / 15.0).abs() < 1e-12);
    assert!((pair.senior_gain - (10.0 + 5.0) / 15.0).abs() < 1e-12);
    assert!((pair.junior_gain - (10.0 * 0.0 + 5.0 * 0.5) / 15.0).abs() < 1e-12);
}

/// The docs: "When either participant does not give the field (or gives an empty list) the
/// credit is unknown", and an unknown credit never forbids. But `same` and `different`
/// compare two empty lists as equal sets: a soft `same` gets credit 1 (not unknown, 0.5), and a
/// `must` `different` forbids the pair.
#[test]

fn empty_lists_are_unknown() {
    let roster = |relation: &str, strength: &str| {
        json(&format!(
            r#"{{"criteria": [{{"field": "interests", "relation": "{relation}", "strength": {strength}}}],
            "participants": [
            {{"id": "ola", "side": "junior", "skills": {{"s0": 3}}, "attributes": {{"interests": []}}}},
            {{"id": "jan", "side": "senior", "wishes": {{"s0": 3}}, "attributes": {{"interests": []}}}}]}}"#
        ))
    };
    let m = Matcher::new()
        .solve(&roster("different", r#""must""#))
        .unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"), "{:?}", m.unmatched());
    let m = Matcher::new().solve(&roster("same", r#""high""#)).unwrap();
    let parts = m.pairs()[0].parts.as_ref().unwrap();
    assert_eq!(parts.criteria[0].credit, None);
    assert!((parts.criteria[0].share - 5.0 * UNKNOWN / 15.0).abs() < 1e-12);
}

/// The docs of `Pair::parts` and `ScoreParts`: the score is taken apart "when the roster has
/// soft criteria or stated choices", also when `choice_weight` is 0 (the ranks are still
/// reported, with a choice share of 0).
#[test]
fn stated_choices_give_parts_at_choice_weight_zero() {
    let roster = json(
        r#"{"choice_weight": 0, "participants": [
        {"id": "ola", "side": "junior", "skills": {"s0": 4}, "wishes": {"s1": 2}, "choices": ["jan"]},
        {"id": "jan", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 2}}]}"#,
    );
    let m = Matcher::new().solve(&roster).unwrap();
    let pair = &m.pairs()[0];
    assert_eq!(pair.score, 1.0);
    let parts = pair.parts.as_ref().expect("parts: ola stated a choice");
    assert_eq!((parts.junior_rank, parts.senior_rank), (Some(1), None));
    assert_eq!((parts.benefit, parts.choices), (1.0, 0.0));
}

// =============================================================================================
// Validation mistakes
// =============================================================================================

/// A valid roster to spoil: juniors ola and kai, seniors jan and eva, each with `region`,
/// `interests` and `age`.
fn base() -> RosterSpec {
    let person = |p: ParticipantSpec, region: &str, age: f64| {
        p.with_attribute("region", Attribute::Text(region.into()))
            .with_attribute("interests", Attribute::List(vec!["ai".into()]))
            .with_attribute("age", Attribute::Number(age))
    };
    spec([
        person(junior("ola").with_skill("s0", 4), "EMEA", 28.0),
        person(junior("kai").with_skill("s0", 3), "APAC", 31.0),
        person(senior("jan").with_wish("s0", 4), "EMEA", 55.0),
        person(senior("eva").with_wish("s0", 2), "AMER", 49.0),
    ])
}

/// `base()` with `change` applied to participant `id`.
fn base_with(id: &str, change: impl FnOnce(&mut ParticipantSpec)) -> RosterSpec {
    let mut spec = base();
    change(spec.participants.iter_mut().find(|p| p.id == id).unwrap());
    spec
}

/// The only mistake of `spec`.
fn only_mistake(spec: RosterSpec) -> Error {
    let err = spec.validate().unwrap_err();
    assert_eq!(err.all().len(), 1, "{err}");
    err
}

/// Asserts an `InvalidField` naming `participant` and `field`, whose message holds `words`.
fn assert_invalid_field(err: &Error, participant: &str, field: &str, words: &[&str]) {
    match err {
        Error::InvalidField {
            participant: p,
            field: f,
            message,
        } => {
            assert_eq!((p.as_str(), f.as_str()), (participant, field), "{err}");
            for w in words {
                assert!(message.contains(w), "{message:?} lacks {w:?}");
            }
        }
        other => panic!("expected InvalidField, got {other:?}"),
    }
}

/// Asserts an `InvalidCriterion` naming `criterion`, whose message holds `words`.
fn assert_invalid_criterion(err: &Error, criterion: &str, words: &[&str]) {
    match err {
        Error::InvalidCriterion {
            criterion: c,
            message,
        } => {
            assert_eq!(c, criterion, "{err}");
            for w in words {
                assert!(message.contains(w), "{message:?} lacks {w:?}");
            }
        }
        other => panic!("expected InvalidCriterion, got {other:?}"),
    }
}

#[test]
fn the_base_roster_is_valid() {
    base().validate().unwrap();
}

#[test]
fn an_unknown_id_in_choices_avoid_or_ratings_is_named() {
    let err = only_mistake(base_with("ola", |p| p.choices = vec!["zed".into()]));
    assert_invalid_field(&err, "ola", "choices", &["`zed`", "not in the roster"]);
    let err = only_mistake(base_with("jan", |p| p.avoid = vec!["zed".into()]));
    assert_invalid_field(&err, "jan", "avoid", &["`zed`", "not in the roster"]);
    let err = only_mistake(base_with("kai", |p| {
        p.ratings.insert("zed".into(), 3);
    }));
    assert_invalid_field(&err, "kai", "ratings", &["`zed`", "not in the roster"]);
}

#[test]
fn an_id_on_the_same_side_is_named() {
    let err = only_mistake(base_with("ola", |p| {
        p.choices = vec!["jan".into(), "kai".into()]
    }));
    assert_invalid_field(&err, "ola", "choices", &["`kai`", "junior", "other side"]);
    let err = only_mistake(base_with("jan", |p| p.avoid = vec!["eva".into()]));
    assert_invalid_field(&err, "jan", "avoid", &["`eva`", "senior", "other side"]);
    let err = only_mistake(base_with("eva", |p| {
        p.ratings.insert("jan".into(), 2);
    }));
    assert_invalid_field(&err, "eva", "ratings", &["`jan`", "senior"]);
}

#[test]
fn a_choice_listed_twice_is_named() {
    let err = only_mistake(base_with("ola", |p| {
        p.choices = vec!["jan".into(), "eva".into(), "jan".into()];
    }));
    assert_invalid_field(&err, "ola", "choices", &["`jan`", "twice"]);
}

#[test]
fn a_rating_outside_minus_five_to_five_is_named() {
    let err = only_mistake(base_with("ola", |p| {
        p.ratings.insert("jan".into(), 6);
    }));
    assert_invalid_field(&err, "ola", "ratings", &["`jan`", "6", "-5..=5"]);
    let err = only_mistake(base_with("eva", |p| {
        p.ratings.insert("kai".into(), -6);
    }));
    assert_invalid_field(&err, "eva", "ratings", &["`kai`", "-6", "-5..=5"]);
    // The bounds themselves are fine.
    let mut spec = base_with("eva", |p| {
        p.ratings.insert("kai".into(), -5);
    });
    spec.participants[0].ratings.insert("jan".into(), 5);
    spec.validate().unwrap();
}

#[test]
fn an_attribute_named_like_a_built_in_field_is_named() {
    let err = only_mistake(base_with("kai", |p| {
        p.attributes
            .insert("department".into(), Attribute::Text("IT".into()));
    }));
    assert_invalid_field(&err, "kai", "attributes", &["`department`", "built-in"]);
}

/// `base()` with one criterion.
fn base_criterion(c: Criterion) -> RosterSpec {
    base().with_criterion(c)
}

#[test]
fn a_criterion_on_a_field_nobody_gives_is_named() {
    let err = only_mistake(base_criterion(Criterion::new(
        "shoe_size",
        Relation::Same,
        Strength::Low,
    )));
    assert_invalid_criterion(&err, "shoe_size_same", &["`shoe_size`"]);
    // Everyone has a capacity, but a criterion cannot compare it: the message lists the
    // fields that can be, rather than say nobody gives it.
    let err = only_mistake(base_criterion(Criterion::new(
        "capacity",
        Relation::Same,
        Strength::Low,
    )));
    assert_invalid_criterion(
        &err,
        "capacity_same",
        &[
            "no participant has an attribute `capacity`",
            "not a built-in field (`department`, `languages`, `timezone`, `experience_years`)",
        ],
    );
    // A built-in field nobody gives is fine (every value unknown).
    base_criterion(Criterion::new("timezone", Relation::Closest, Strength::Low).with_scale(3.0))
        .validate()
        .unwrap();
}

#[test]
fn closest_without_a_scale_is_named() {
    let err = only_mistake(base_criterion(Criterion::new(
        "age",
        Relation::Closest,
        Strength::High,
    )));
    assert_invalid_criterion(&err, "age_closest", &["`closest`", "`scale`"]);
}

#[test]
fn at_most_with_a_negative_bound_is_named() {
    let c = Criterion::new("age", Relation::AtMost, Strength::Must).with_bound(-1.0);
    let err = only_mistake(base_criterion(c));
    assert_invalid_criterion(&err, "age_at_most", &["bound", "-1"]);
    // A number far from 1 is written with an exponent, as an option's value is.
    let c = Criterion::new("age", Relation::AtMost, Strength::Must).with_bound(-1e308);
    let err = only_mistake(base_criterion(c));
    assert_invalid_criterion(&err, "age_at_most", &["bound -1e308 is not"]);
    let c = Criterion::new("age", Relation::Closest, Strength::Weight(1e300)).with_scale(-2e-300);
    let err = base_criterion(c).validate().unwrap_err();
    let said = err.to_string();
    assert!(said.contains("scale -2e-300 is not"), "{said}");
    assert!(said.contains("weight 1e300 is not"), "{said}");
    // A bound of 0 is fine.
    let c = Criterion::new("age", Relation::AtMost, Strength::Must).with_bound(0.0);
    base_criterion(c).validate().unwrap();
}

#[test]
fn same_given_a_scale_is_named() {
    let c = Criterion::new("region", Relation::Same, Strength::Low).with_scale(3.0);
    let err = only_mistake(base_criterion(c));
    assert_invalid_criterion(&err, "region_same", &["`same`", "`scale`"]);
}

#[test]
fn a_weight_not_above_zero_or_not_a_number_is_named() {
    for w in [0.0, -2.0, f64::NAN, f64::INFINITY] {
        let c = Criterion::new("region", Relation::Different, Strength::Weight(w));
        let err = only_mistake(base_criterion(c));
        assert_invalid_criterion(&err, "region_different", &["weight", &w.to_string()]);
    }
}

#[test]
fn two_criteria_with_the_same_name_are_named() {
    let spec = base()
        .with_criterion(Criterion::new("region", Relation::Different, Strength::Low))
        .with_criterion(
            Criterion::new("age", Relation::JuniorLessThan, Strength::Must)
                .named("region_different"),
        );
    let err = only_mistake(spec);
    assert_invalid_criterion(&err, "region_different", &["same name"]);
}

#[test]
fn a_criterion_named_avoid_is_named() {
    let c = Criterion::new("region", Relation::Different, Strength::Must).named("avoid");
    let err = only_mistake(base_criterion(c));
    assert_invalid_criterion(&err, "avoid", &["`avoid`"]);
}

#[test]
fn a_number_where_overlap_needs_words_is_named() {
    let mut spec = base_with("eva", |p| {
        p.attributes
            .insert("interests".into(), Attribute::Number(3.0));
    });
    spec.criteria.push(Criterion::new(
        "interests",
        Relation::Overlap,
        Strength::Medium,
    ));
    let err = only_mistake(spec);
    assert_invalid_field(
        &err,
        "eva",
        "attributes.interests",
        &["interests_overlap", "a number"],
    );
}

#[test]
fn mixed_kinds_for_same_are_named() {
    let mut spec = base_with("kai", |p| {
        p.attributes.insert("region".into(), Attribute::Number(7.0));
    });
    spec.criteria
        .push(Criterion::new("region", Relation::Same, Strength::Must));
    let err = only_mistake(spec);
    assert_invalid_field(
        &err,
        "kai",
        "attributes.region",
        &["region_same", "a number"],
    );
    // Texts and lists are one kind.
    let mut spec = base_with("kai", |p| {
        p.attributes
            .insert("region".into(), Attribute::List(vec!["APAC".into()]));
    });
    spec.criteria
        .push(Criterion::new("region", Relation::Same, Strength::Must));
    spec.validate().unwrap();
}

#[test]
fn a_negative_or_nan_benefit_weight_is_refused() {
    for w in [-1.0, f64::NAN] {
        let err = only_mistake(base().with_benefit_weight(Some(w)));
        match err {
            Error::InvalidOption {
                option,
                value: OptionValue::Float(value),
                ..
            } => {
                assert_eq!(option, "benefit_weight");
                assert!(
                    value.is_nan() == w.is_nan() && (w.is_nan() || value == w),
                    "{value}"
                );
            }
            other => panic!("expected InvalidOption, got {other:?}"),
        }
    }
    let err = only_mistake(base().with_choice_weight(Some(-0.5)));
    assert!(matches!(
        err,
        Error::InvalidOption {
            option: "choice_weight",
            value: OptionValue::Float(-0.5),
            ..
        }
    ));
    // 0 is allowed for both where nothing else joins the score: the gains are the benefits.
    base()
        .with_benefit_weight(Some(0.0))
        .with_choice_weight(Some(0.0))
        .validate()
        .unwrap();
    // With stated choices, both weights 0 would score every pair 0.
    let chose = base_with("ola", |p| p.choices = vec!["jan".into()]);
    let err = only_mistake(
        chose
            .clone()
            .with_benefit_weight(Some(0.0))
            .with_choice_weight(Some(0.0)),
    );
    assert!(
        matches!(
            err,
            Error::InvalidOption {
                option: "benefit_weight",
                value: OptionValue::Float(0.0),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("no pair scores above 0"), "{err}");
    // One weight above 0 is enough, a soft criterion's too.
    chose
        .clone()
        .with_benefit_weight(Some(0.0))
        .with_choice_weight(Some(0.0))
        .with_criterion(Criterion::new("region", Relation::Same, Strength::Low))
        .validate()
        .unwrap();
    chose
        .clone()
        .with_benefit_weight(Some(0.0))
        .validate()
        .unwrap();
    chose.with_choice_weight(Some(0.0)).validate().unwrap();
}

#[test]
fn several_mistakes_are_reported_together() {
    let mut spec = base_with("ola", |p| {
        p.choices = vec!["zed".into()];
        p.ratings.insert("jan".into(), 9);
    });
    spec.participants[2].avoid.push("eva".into());
    spec.benefit_weight = Some(-1.0);
    spec.criteria
        .push(Criterion::new("age", Relation::Closest, Strength::Low));
    spec.criteria.push(Criterion::new(
        "region",
        Relation::Same,
        Strength::Weight(0.0),
    ));
    let err = spec.validate().unwrap_err();
    let all = err.all();
    assert_eq!(all.len(), 6, "{err}");
    assert!(matches!(err, Error::Multiple { more: 0, .. }));
    let fields: Vec<(&str, &str)> = all
        .iter()
        .filter_map(|e| match e {
            Error::InvalidField {
                participant, field, ..
            } => Some((participant.as_str(), field.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [("ola", "choices"), ("ola", "ratings"), ("jan", "avoid")]
    );
    assert!(all.iter().any(|e| matches!(
        e,
        Error::InvalidOption {
            option: "benefit_weight",
            ..
        }
    )));
    let criteria: Vec<&str> = all
        .iter()
        .filter_map(|e| match e {
            Error::InvalidCriterion { criterion, .. } => Some(criterion.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(criteria, ["age_closest", "region_same"]);
}

// =============================================================================================
// The JSON form
// =============================================================================================

/// A roster JSON with `criteria` and ola's `attributes` as given.
fn roster_json(criteria: &str, attributes: &str) -> String {
    format!(
        r#"{{"criteria": [{criteria}], "participants": [
        {{"id": "ola", "side": "junior", "skills": {{"s0": 4}}, "attributes": {attributes}}},
        {{"id": "jan", "side": "senior", "wishes": {{"s0": 2}}, "attributes": {{"region": "EMEA"}}}}]}}"#
    )
}

#[test]
fn a_null_or_object_attribute_is_named() {
    for value in ["null", r#"{"x": 1}"#] {
        let text = roster_json("", &format!(r#"{{"region": {value}}}"#));
        let err = Roster::from_json(&text).unwrap_err();
        assert_eq!(err.all().len(), 1, "{err}");
        assert_invalid_field(
            &err,
            "ola",
            "attributes.region",
            &["a string, a number, a boolean or a list"],
        );
    }
}

#[test]
fn an_unknown_key_in_a_criterion_is_refused() {
    let c = r#"{"field": "region", "relation": "same", "strength": "low", "weight": 3}"#;
    let err = Roster::from_json(&roster_json(c, r#"{"region": "EMEA"}"#)).unwrap_err();
    assert_invalid_criterion(&err, "region_same", &["unknown field `weight`"]);
}

/// Every criterion that cannot be read is named, by its name, or its field and relation as
/// written, or its position.
#[test]
fn every_criterion_that_cannot_be_read_is_named() {
    let criteria = r#"{"field": "region", "relation": "same", "strength": "urgent"},
        {"name": "close", "field": "age", "relation": "closest", "strength": "low", "x": 1},
        {"field": "region", "relation": "samee", "strength": "high"},
        {"field": "region", "relation": "same", "strength": "low", "field": "age"},
        {"relation": "same"},
        3"#;
    let err = Roster::from_json(&roster_json(criteria, r#"{"region": "EMEA"}"#)).unwrap_err();
    let named: Vec<(&str, &str)> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::InvalidCriterion { criterion, message } => {
                (criterion.as_str(), message.as_str())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    let expected = [
        ("region_same", "\"urgent\""),
        ("close", "unknown field `x`"),
        ("region_samee", "unknown variant `samee`"),
        ("region_same", "duplicate field `field`"),
        ("#4", "missing field `field`"),
        ("#4", "missing field `strength`"),
        ("#5", "a criterion must be a JSON object"),
    ];
    assert_eq!(named.len(), expected.len(), "{err}");
    for ((name, message), (want, words)) in named.iter().zip(expected) {
        assert_eq!(*name, want, "{err}");
        assert!(message.contains(words), "{message} lacks {words}");
    }
}

/// Each of a criterion's values is read on its own: every wrong one is named, by its key,
/// not only the first serde meets.
#[test]
fn every_wrong_value_of_a_criterion_is_named_by_its_key() {
    let c = r#"{"name": 7, "field": 3, "relation": "samee", "strength": "x", "scale": "y",
        "bound": [1]}"#;
    let roster = Roster::from_json(&roster_json(c, r#"{"region": "EMEA"}"#)).unwrap_err();
    let document = CriteriaSpec::from_json(&format!(r#"{{"criteria": [{c}]}}"#)).unwrap_err();
    for err in [roster, document] {
        let named = criterion_mistakes(&err);
        let keys: Vec<&str> = named
            .iter()
            .map(|(criterion, message)| {
                assert_eq!(*criterion, "#0", "{err}");
                let key = message.rsplit(" in `").next().unwrap();
                key.strip_suffix('`').unwrap()
            })
            .collect();
        assert_eq!(
            keys,
            ["name", "field", "relation", "strength", "scale", "bound"],
            "{err}"
        );
        assert!(named[2].1.starts_with("unknown variant `samee`"), "{err}");
    }
}

/// The mistakes of each criterion as (its name, its message), in order.
fn criterion_mistakes(err: &Error) -> Vec<(&str, &str)> {
    err.all()
        .iter()
        .filter_map(|e| match e {
            Error::InvalidCriterion { criterion, message } => {
                Some((criterion.as_str(), message.as_str()))
            }
            _ => None,
        })
        .collect()
}

/// A repeated key does not keep the rest of its criterion from being read: a bad strength
/// is named too, in a roster and in a criteria document alike.
#[test]
fn a_criterion_with_a_repeated_key_is_read_for_its_other_mistakes() {
    let c = r#"{"field": "region", "relation": "same", "strength": "urgent", "field": "region"},
        {"field": "region", "relation": "same", "strength": "low", "relation": "same"}"#;
    let roster = Roster::from_json(&roster_json(c, r#"{"region": "EMEA"}"#)).unwrap_err();
    let document = CriteriaSpec::from_json(&format!(r#"{{"criteria": [{c}]}}"#)).unwrap_err();
    for err in [roster, document] {
        let named = criterion_mistakes(&err);
        assert_eq!(named.len(), 3, "{err}");
        assert_eq!(named[0], ("region_same", "duplicate field `field`"));
        assert_eq!(named[1].0, "region_same");
        assert!(named[1].1.contains("\"urgent\""), "{err}");
        // Its other keys read: the repeat is the one mistake.
        assert_eq!(named[2], ("region_same", "duplicate field `relation`"));
    }
}

/// A number beyond `f64` in a criteria document is named where it stands, by its key in a
/// criterion, and every other mistake is listed too.
#[test]
fn a_number_beyond_f64_in_a_criteria_document_hides_no_other_mistake() {
    let text = r#"{"criteria": [
        {"name": "near", "field": "age", "relation": "closest", "scale": 1e400, "strength": 1e400},
        {"field": "region", "relation": "samee", "strength": "low", "x": -1e400}],
     "benefit_weight": 1e400, "top_choice_guarantee": -1}"#;
    let err = CriteriaSpec::from_json(text).unwrap_err();
    let all = err.all();
    assert_eq!(all.len(), 6, "{err}");
    // Placed where serde_json stops on the number: past its last byte.
    let line = text.lines().nth(3).unwrap();
    let column = line.find("1e400").unwrap() + "1e400".len();
    assert_eq!(
        all[0],
        Error::CriteriaJson {
            line: 4,
            column,
            message: "number out of range".into(),
        }
    );
    assert!(
        matches!(&all[1], Error::CriteriaJson { message, .. } if message.contains("expected u32")),
        "{err}"
    );
    let named = criterion_mistakes(&err);
    assert_eq!(
        named[..2],
        [
            ("near", "number out of range in `scale`"),
            ("near", "number out of range in `strength`"),
        ]
    );
    assert_eq!(named[2].0, "region_samee");
    assert!(named[2].1.starts_with("unknown field `x`"), "{err}");
    assert!(named[3].1.contains("unknown variant `samee`"), "{err}");
    // Alone, the number is the one mistake of its criterion.
    let err = CriteriaSpec::from_json(
        r#"{"criteria": [{"field": "age", "relation": "closest", "strength": -1e400}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "criterion `age_closest`: number out of range in `strength`"
    );
}

#[test]
fn an_unknown_strength_is_refused() {
    let c = r#"{"field": "region", "relation": "same", "strength": "urgent"}"#;
    let err = Roster::from_json(&roster_json(c, r#"{"region": "EMEA"}"#)).unwrap_err();
    assert_invalid_criterion(&err, "region_same", &["\"urgent\""]);
    // A number is a weight, checked like one given from Rust.
    let c = r#"{"field": "region", "relation": "same", "strength": 0}"#;
    let err = Roster::from_json(&roster_json(c, r#"{"region": "EMEA"}"#)).unwrap_err();
    assert_invalid_criterion(&err, "region_same", &["weight 0"]);
}

#[test]
fn the_json_form_reads_back() {
    let c = r#"{"name": "near", "field": "age", "relation": "closest", "scale": 12.5, "strength": 2.5},
        {"field": "region", "relation": "same", "strength": "must"}"#;
    let spec = RosterSpec::from_json(&roster_json(c, r#"{"age": 30, "region": "EMEA"}"#)).unwrap();
    assert_eq!(
        spec.criteria,
        [
            Criterion::new("age", Relation::Closest, Strength::Weight(2.5))
                .with_scale(12.5)
                .named("near"),
            Criterion::new("region", Relation::Same, Strength::Must),
        ]
    );
    assert_eq!(RosterSpec::from_json(&spec.to_json()).unwrap(), spec);
}

// =============================================================================================
// The default behaviour
// =============================================================================================

const PILOT: &str = include_str!("../examples/data/pilot.json");

#[test]
fn the_pilot_scores_as_before_whatever_the_benefit_weight() {
    let spec = RosterSpec::from_json(PILOT).unwrap();
    assert!(spec.criteria.is_empty());
    assert!(
        spec.participants
            .iter()
            .all(|p| p.choices.is_empty() && p.ratings.is_empty())
    );
    let before = Matcher::new().solve(&spec.validate().unwrap()).unwrap();
    assert!(!before.pairs().is_empty());
    assert!(before.pairs().iter().all(|p| p.parts.is_none()));
    for w in [0.0, 1e-3, 0.5, 1.0, 3.7, 10.0, 99.0, 1e9] {
        for choice_weight in [None, Some(0.0), Some(7.0)] {
            let spec = spec
                .clone()
                .with_benefit_weight(Some(w))
                .with_choice_weight(choice_weight);
            let after = Matcher::new().solve(&spec.validate().unwrap()).unwrap();
            // Bit for bit: the same pairs, scores, gains, reasons and total.
            assert_eq!(
                after, before,
                "benefit_weight {w}, choice_weight {choice_weight:?}"
            );
        }
    }
}

#[test]
fn a_must_criterion_like_the_language_rule_changes_nothing_in_the_pilot() {
    let mut spec = RosterSpec::from_json(PILOT).unwrap();
    let before = Matcher::new().solve(&spec.validate().unwrap()).unwrap();
    spec.criteria.push(
        Criterion::new("languages", Relation::Overlap, Strength::Must).named("shared_language"),
    );
    let after = Matcher::new().solve(&spec.validate().unwrap()).unwrap();
    assert_eq!(after.pairs(), before.pairs());
    assert_eq!(after.total_score(), before.total_score());
}

/// A Polish-speaking junior and an English-speaking senior in one office, who would learn
/// from each other.
fn no_common_language(criteria: &str) -> Roster {
    json(&format!(
        r#"{{"criteria": [{criteria}], "participants": [
        {{"id": "ola", "side": "junior", "languages": ["pl"], "skills": {{"s0": 5}}, "wishes": {{"s1": 3}},
          "attributes": {{"office": "Warsaw"}}}},
        {{"id": "jan", "side": "senior", "languages": ["en"], "skills": {{"s1": 5}}, "wishes": {{"s0": 3}},
          "attributes": {{"office": "Warsaw"}}}}]}}"#
    ))
}

#[test]
fn a_criterion_named_shared_language_replaces_the_rule() {
    // By default the language rule keeps them apart.
    let m = Matcher::new().solve(&no_common_language("")).unwrap();
    assert!(m.pairs().is_empty());
    let Reason::NoAllowedPartner { excluded_by } = &m.unmatched()[0].reason else {
        panic!("{:?}", m.unmatched());
    };
    assert_eq!(excluded_by[0].rule, "shared_language");

    // A low preference instead: they are paired, the language credit 0.
    let low = r#"{"name": "shared_language", "field": "languages", "relation": "overlap", "strength": "low"}"#;
    let m = Matcher::new().solve(&no_common_language(low)).unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"));
    let pair = &m.pairs()[0];
    let parts = pair.parts.as_ref().unwrap();
    assert_eq!(parts.criteria[0].criterion, "shared_language");
    assert_eq!(parts.criteria[0].credit, Some(0.0));
    assert!((pair.score - 10.0 / 11.0).abs() < 1e-12, "{}", pair.score);

    // A must criterion of that name on another field replaces it too.
    let office =
        r#"{"name": "shared_language", "field": "office", "relation": "same", "strength": "must"}"#;
    let m = Matcher::new().solve(&no_common_language(office)).unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"));
    assert_eq!(
        m.pairs()[0].score,
        1.0,
        "a must criterion leaves the score plain"
    );
}

#[test]
fn a_criterion_named_junior_less_experienced_replaces_the_rule() {
    let roster = |criteria: &str| {
        json(&format!(
            r#"{{"criteria": [{criteria}], "participants": [
            {{"id": "ola", "side": "junior", "experience_years": 12, "skills": {{"s0": 5}}}},
            {{"id": "jan", "side": "senior", "experience_years": 6, "wishes": {{"s0": 3}}}}]}}"#
        ))
    };
    assert!(
        Matcher::new()
            .solve(&roster(""))
            .unwrap()
            .pairs()
            .is_empty()
    );
    let c = r#"{"name": "junior_less_experienced", "field": "experience_years",
                "relation": "junior_less_than", "strength": 2}"#;
    let m = Matcher::new().solve(&roster(c)).unwrap();
    assert_eq!(m.partner_of("jan"), Some("ola"));
    assert_eq!(
        m.pairs()[0].parts.as_ref().unwrap().criteria[0].credit,
        Some(0.0)
    );
}

// =============================================================================================
// The sparse method
// =============================================================================================

/// A small roster where both juniors can teach both seniors.
fn two_by_two(extra: &str, criteria: &str) -> Roster {
    json(&format!(
        r#"{{"criteria": [{criteria}], "participants": [
        {{"id": "ola", "side": "junior", "skills": {{"s0": 5}}, "attributes": {{"region": "EMEA"}}{extra}}},
        {{"id": "kai", "side": "junior", "skills": {{"s0": 3}}, "attributes": {{"region": "APAC"}}}},
        {{"id": "jan", "side": "senior", "wishes": {{"s0": 4}}, "attributes": {{"region": "EMEA"}}}},
        {{"id": "eva", "side": "senior", "wishes": {{"s0": 2}}, "attributes": {{"region": "APAC"}}}}]}}"#
    ))
}

#[test]
fn the_sparse_method_refuses_criteria_choices_ratings_and_avoid_lists() {
    let soft = r#"{"field": "region", "relation": "same", "strength": "low"}"#;
    let must = r#"{"field": "region", "relation": "different", "strength": "must"}"#;
    let rosters = [
        (two_by_two("", soft), vec!["criteria"]),
        (two_by_two("", must), vec!["criteria"]),
        (two_by_two(r#", "choices": ["eva"]"#, ""), vec!["choices"]),
        (
            two_by_two(r#", "ratings": {"jan": -2}"#, ""),
            vec!["ratings"],
        ),
        (
            two_by_two(r#", "avoid": ["jan"]"#, ""),
            vec!["avoid", "`ola`"],
        ),
    ];
    for (roster, words) in &rosters {
        let err = Matcher::new()
            .with_method(Method::Sparse)
            .solve(roster)
            .unwrap_err();
        match &err {
            Error::SparseUnsupported { what } => {
                for w in words {
                    assert!(what.contains(w), "{what:?} lacks {w:?}");
                }
            }
            other => panic!("expected SparseUnsupported, got {other:?}"),
        }
        // Auto (the default) and dense solve it, alike.
        let auto = Matcher::new().solve(roster).unwrap();
        let dense = Matcher::new()
            .with_method(Method::Dense)
            .solve(roster)
            .unwrap();
        assert_eq!(auto, dense);
        assert_eq!(auto.pairs().len(), 2, "{:?}", auto.pairs());
    }
    // Without any of them the sparse method runs.
    let plain = two_by_two("", "");
    let sparse = Matcher::new()
        .with_method(Method::Sparse)
        .solve(&plain)
        .unwrap();
    assert_eq!(sparse.pairs().len(), 2);
}

#[test]
fn auto_solves_a_large_roster_with_criteria_and_avoid_lists_dense() {
    // Above the size at which `Method::Auto` goes sparse when it can.
    let (juniors, seniors) = (2001, 2000);
    assert!(juniors * seniors > SPARSE_ABOVE);
    let mut spec = Population::new(juniors, seniors)
        .with_seed(5)
        .roster()
        .unwrap()
        .spec()
        .clone();
    let first = |side: Side| {
        spec.participants
            .iter()
            .position(|p| p.side == side)
            .unwrap()
    };
    let (j, s) = (first(Side::Junior), first(Side::Senior));
    let avoided = spec.participants[s].id.clone();
    spec.participants[j].avoid.push(avoided);
    spec.criteria.push(
        Criterion::new("experience_years", Relation::Closest, Strength::Low).with_scale(10.0),
    );
    let roster = spec.validate().unwrap();
    let auto = Matcher::new().solve(&roster).unwrap();
    let dense = Matcher::new()
        .with_method(Method::Dense)
        .solve(&roster)
        .unwrap();
    assert_eq!(auto, dense);
    assert!(auto.pairs().iter().all(|p| p.parts.is_some()));
    assert_ne!(
        auto.partner_of(&spec.participants[j].id),
        Some(spec.participants[s].id.as_str())
    );
}

/// Weights beyond `MAX_WEIGHT` are refused (their sums could lose every smaller weight or
/// overflow), the largest allowed ones score without overflow.
#[test]
fn weights_beyond_the_maximum_are_refused_and_the_maximum_scores() {
    use mentor_match::model::MAX_WEIGHT;
    let roster = |benefit: f64, weight: f64| {
        let mut spec = RosterSpec::new()
            .with_benefit_weight(Some(benefit))
            .with_criterion(Criterion::new(
                "region",
                Relation::Same,
                Strength::Weight(weight),
            ));
        for (id, side) in [("ola", Side::Junior), ("jan", Side::Senior)] {
            spec = spec.with_participant(
                ParticipantSpec::new(id, side)
                    .with_skill("s0", 4)
                    .with_wish("s0", 2)
                    .with_attribute("region", Attribute::Text("EMEA".into())),
            );
        }
        Roster::new(spec)
    };
    let err = roster(1.0, MAX_WEIGHT * 10.0).unwrap_err();
    assert!(matches!(err, Error::InvalidCriterion { .. }), "{err}");
    let err = roster(1e300, 1.0).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidOption {
                option: "benefit_weight",
                ..
            }
        ),
        "{err}"
    );
    let m = Matcher::new()
        .solve(&roster(MAX_WEIGHT, MAX_WEIGHT).unwrap())
        .unwrap();
    let pair = &m.pairs()[0];
    assert!(pair.score.is_finite() && pair.score > 0.0 && pair.score <= 1.0);
}

/// Every unmatched participant with allowed partners says how many of the others each rule,
/// criterion or avoid list excluded, beside the reason.
#[test]
fn the_unmatched_count_exclusions_by_criterion() {
    let roster = json(
        r#"{"criteria": [{"field": "format", "relation": "same", "strength": "must"}],
          "participants": [
            {"id": "ola", "side": "junior", "skills": {"s0": 5}, "wishes": {"s1": 5}, "attributes": {"format": "remote"}},
            {"id": "kai", "side": "junior", "skills": {"s0": 4}, "wishes": {"s1": 4}, "attributes": {"format": "remote"}, "avoid": ["eva"]},
            {"id": "jan", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 5}, "attributes": {"format": "remote"}},
            {"id": "eva", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 5}, "attributes": {"format": "onsite"}},
            {"id": "tom", "side": "senior", "skills": {"s1": 5}, "wishes": {"s0": 5}, "attributes": {"format": "onsite"}}]}"#,
    );
    let m = Matcher::new().solve(&roster).unwrap();
    // Only jan is remote: ola takes him, kai is left with partners taken.
    let kai = m.unmatched().iter().find(|u| u.id == "kai").unwrap();
    assert!(
        matches!(kai.reason, Reason::PartnersTaken { candidates: 1 }),
        "{:?}",
        kai.reason
    );
    let counts: Vec<(&str, usize)> = kai
        .excluded_by
        .iter()
        .map(|e| (e.rule.as_str(), e.partners))
        .collect();
    assert_eq!(counts, [("format_same", 2)]);
    // Seniors left out: onsite, so every junior is excluded by the criterion; the reason
    // lists that itself, and `excluded_by` beside it stays empty.
    let eva = m.unmatched().iter().find(|u| u.id == "eva").unwrap();
    assert!(
        matches!(&eva.reason, Reason::NoAllowedPartner { excluded_by } if excluded_by.len() == 1)
    );
    assert!(eva.excluded_by.is_empty());
}

/// For `same` and `different`, the kind most participants give is the expected one, so the
/// odd one out is named; `top_choices`, like `avoid`, is not a criterion's name.
#[test]
fn the_odd_kind_out_is_named_and_exclusion_names_are_reserved() {
    let err = Roster::from_json(
        r#"{"criteria": [{"field": "region", "relation": "same", "strength": "low"}],
          "participants": [
            {"id": "odd", "side": "junior", "attributes": {"region": 1}},
            {"id": "ola", "side": "junior", "attributes": {"region": "EMEA"}},
            {"id": "jan", "side": "senior", "attributes": {"region": "APAC"}}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.all().len(), 1, "{err}");
    assert!(
        matches!(&err.all()[0], Error::InvalidField { participant, .. } if participant == "odd")
    );
    let err = Roster::from_json(
        r#"{"criteria": [{"name": "top_choices", "field": "region", "relation": "same", "strength": "must"}],
          "participants": [{"id": "ola", "side": "junior", "attributes": {"region": "EMEA"}}]}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidCriterion { criterion, .. } if criterion == "top_choices"),
        "{err}"
    );
}

/// Every value of a repeated key is read, whichever occurrence it is: a bad strength given
/// first or last is named, with the repeat once, in a roster and a criteria document alike;
/// and so is a bad top-level value of a criteria document.
#[test]
fn every_value_of_a_repeated_key_in_a_criterion_is_read() {
    for strengths in [
        r#""strength": "low", "strength": "urgent""#,
        r#""strength": "urgent", "strength": "low""#,
        r#""strength": "low", "strength": "urgent", "strength": "low""#,
    ] {
        let c = format!(r#"{{"field": "region", "relation": "same", {strengths}}}"#);
        let roster = Roster::from_json(&roster_json(&c, r#"{"region": "EMEA"}"#)).unwrap_err();
        let document = CriteriaSpec::from_json(&format!(r#"{{"criteria": [{c}]}}"#)).unwrap_err();
        for err in [roster, document] {
            let named = criterion_mistakes(&err);
            assert_eq!(named.len(), 2, "{strengths}: {err}");
            assert_eq!(named[0], ("region_same", "duplicate field `strength`"));
            assert_eq!(named[1].0, "region_same");
            assert!(named[1].1.contains("\"urgent\""), "{err}");
        }
    }
    for guarantees in [
        "2, \"top_choice_guarantee\": -1",
        "-1, \"top_choice_guarantee\": 2",
    ] {
        let text = format!(r#"{{"criteria": [], "top_choice_guarantee": {guarantees}}}"#);
        let err = CriteriaSpec::from_json(&text).unwrap_err();
        let messages: Vec<String> = err.all().iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 2, "{err}");
        assert!(
            messages[0].contains("duplicate field `top_choice_guarantee`"),
            "{err}"
        );
        assert!(messages[1].contains("-1"), "{err}");
    }
}

/// A criteria document's own mistakes are named as the criteria document's, not the roster's:
/// the tool's `--criteria` file said "roster JSON", and a coordinator looked in the roster.
#[test]
fn a_criteria_document_names_itself_in_its_mistakes() {
    let err = CriteriaSpec::from_json("[]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "criteria JSON, line 1: invalid type: sequence, expected a criteria document \
         (a JSON object of criteria and weights)"
    );
    let err = CriteriaSpec::from_json(r#"{"criteria": 3, "benefit_weight": "x"}"#).unwrap_err();
    let all = err.all();
    assert_eq!(all.len(), 2, "{err}");
    for mistake in all {
        assert!(matches!(mistake, Error::CriteriaJson { .. }), "{mistake:?}");
        assert!(
            mistake.to_string().starts_with("criteria JSON"),
            "{mistake}"
        );
    }
    // Each named by its key: the second has no place in the file to go by.
    assert_eq!(
        all[0].to_string(),
        "criteria JSON, line 1 column 14: invalid type: integer `3`, expected a sequence in \
         `criteria`"
    );
    assert_eq!(
        all[1].to_string(),
        "criteria JSON: invalid type: string \"x\", expected f64 in `benefit_weight`"
    );
    let err = CriteriaSpec::from_json(r#"{"benefit_weight": 1e400}"#).unwrap_err();
    assert!(
        matches!(err, Error::CriteriaJson { line: 1, .. }),
        "{err:?}"
    );
    // A roster's are still the roster's.
    let err = mentor_match::RosterSpec::from_json(r#"{"participants": 3}"#).unwrap_err();
    assert!(err.to_string().starts_with("roster JSON, line 1"), "{err}");
}
