//! Every built-in rule but the manager line is a `must` criterion on a built-in field: on
//! random rosters (values sometimes missing), the rule alone and its criterion alone forbid
//! exactly the same pairs, under the same name.

mod common;

use mentor_match::model::Criterion;
use mentor_match::rules::{
    DifferentDepartments, JuniorLessExperienced, MaxTimezoneGap, Rule, Rules, SharedLanguage,
};
use mentor_match::{Matcher, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::prelude::*;

fn people(side: Side) -> impl Strategy<Value = Vec<ParticipantSpec>> {
    let person = (
        prop::option::of(0u8..4),
        prop::collection::vec(prop::sample::select(vec!["pl", "en", "de"]), 0..=2),
        prop::option::of(prop::sample::select(vec!["Sales", "IT", "HR"])),
        prop::option::of(-6i8..=6),
    );
    prop::collection::vec(person, 1..=5).prop_map(move |list| {
        list.into_iter()
            .enumerate()
            .map(|(k, (years, langs, dept, tz))| {
                let id = format!("{}{k}", if side == Side::Junior { "j" } else { "s" });
                let mut p = ParticipantSpec::new(id, side)
                    .with_skill("sql", 3)
                    .with_wish("sql", 3)
                    .with_languages(langs);
                if let Some(y) = years {
                    p = p.with_experience_years(f64::from(y) * 4.0);
                }
                if let Some(d) = dept {
                    p = p.with_department(d);
                }
                if let Some(t) = tz {
                    p = p.with_timezone(f64::from(t));
                }
                p
            })
            .collect()
    })
}

/// For each pair, the name of what forbids it (`None` when allowed).
fn exclusions(matcher: &Matcher, roster: &Roster) -> Vec<Option<String>> {
    let scored = matcher.score(roster).unwrap();
    let mut out = Vec::new();
    for j in 0..scored.juniors().len() {
        for s in 0..scored.seniors().len() {
            out.push(scored.excluded_by(j, s).map(str::to_owned));
        }
    }
    out
}

fn check(rule: impl Rule + Clone + 'static, criterion: Criterion, people: &[ParticipantSpec]) {
    let mut spec = RosterSpec::new();
    for p in people {
        spec = spec.with_participant(p.clone());
    }
    let as_rule = Roster::new(spec.clone()).unwrap();
    let as_criterion = Roster::new(spec.with_criterion(criterion)).unwrap();
    let by_rule = exclusions(
        &Matcher::new().with_rules(Rules::none().with(rule)),
        &as_rule,
    );
    let by_criterion = exclusions(&Matcher::new().with_rules(Rules::none()), &as_criterion);
    assert_eq!(by_rule, by_criterion);
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn built_in_rules_are_their_criteria(juniors in people(Side::Junior), seniors in people(Side::Senior)) {
        let all: Vec<ParticipantSpec> = juniors.into_iter().chain(seniors).collect();
        check(JuniorLessExperienced, JuniorLessExperienced.criterion(), &all);
        check(SharedLanguage, SharedLanguage.criterion(), &all);
        check(DifferentDepartments, DifferentDepartments.criterion(), &all);
        let gap = MaxTimezoneGap::new(3.0).unwrap();
        check(gap, gap.criterion(), &all);
    }
}

#[test]
fn a_roster_criterion_replaces_the_rule_of_its_name() {
    // Both default rules of language and experience would forbid this pair.
    let roster = Roster::from_json(
        r#"{"criteria": [
            {"name": "shared_language", "field": "languages", "relation": "overlap", "strength": "low"},
            {"name": "junior_less_experienced", "field": "experience_years", "relation": "closest", "scale": 50, "strength": "low"}],
          "participants": [
            {"id": "ola", "side": "junior", "languages": ["pl"], "experience_years": 30, "skills": {"sql": 5}},
            {"id": "jan", "side": "senior", "languages": ["en"], "experience_years": 20, "wishes": {"sql": 4}}]}"#,
    )
    .unwrap();
    assert_eq!(
        Matcher::new().solve(&roster).unwrap().partner_of("ola"),
        Some("jan")
    );
}
