//! `mentor-match programme` in process: three rounds on the pilot roster with a locked pair, a
//! leaver and a joiner, as tables and as JSON.

mod common;
use common::{run, usage_error};
use mentor_match::programme::{BreakReason, PairIds};
use mentor_match_cli::commands::programme::{JOINER, LEAVER, LOCK, plan, rosters};
use serde_json::Value;

/// The rounds of `programme --json`: the document itself when it is an array, or its `rounds`
/// (the layout with a `format` version key).
fn rounds(json: &Value) -> &Vec<Value> {
    match json {
        Value::Array(rounds) => rounds,
        Value::Object(doc) => {
            if let Some(format) = doc.get("format") {
                assert_eq!(format, 1, "{json}");
            }
            doc["rounds"].as_array().unwrap()
        }
        _ => panic!("neither an array nor an object: {json}"),
    }
}

#[test]
fn three_rounds_keep_the_lock_and_report_the_changes() {
    let steps = plan().unwrap();
    assert_eq!(steps.len(), 3);
    let lock = PairIds::new(LOCK.0, LOCK.1);
    for step in &steps {
        assert_eq!(step.round.matching.partner_of(LOCK.0), Some(LOCK.1));
        assert_eq!(step.round.matching.strategy(), "programme");
    }
    // Round 1 has no previous round: everything is new.
    assert!(steps[0].round.kept.is_empty() && steps[0].round.broken.is_empty());
    // Round 2: the leaver's pair is broken because they left; the lock is kept.
    let second = &steps[1].round;
    assert!(second.kept.contains(&lock));
    assert!(second.matching.pair_of(LEAVER).is_none());
    assert!(
        second.broken.iter().any(|b| b.pair.junior == LEAVER
            && b.why == BreakReason::LeftProgramme { id: LEAVER.into() })
    );
    // Every pair of round 1 is either kept or broken in round 2, never both.
    for p in steps[0].round.matching.pairs() {
        let ids = PairIds::from(p);
        let kept = second.kept.contains(&ids);
        let broken = second.broken.iter().any(|b| b.pair == ids);
        assert!(kept != broken, "{ids}");
    }
    // Round 3: the joiner has a partner and most pairs stay.
    let third = &steps[2].round;
    assert!(third.matching.pair_of(JOINER).is_some());
    assert!(third.kept.len() >= third.matching.pairs().len() - 2);
}

#[test]
fn the_rosters_change_as_the_story_says() {
    let [pilot, without, with] = rosters().unwrap();
    assert!(pilot.find(LEAVER).is_some() && without.find(LEAVER).is_none());
    assert!(without.find(JOINER).is_none() && with.find(JOINER).is_some());
    assert_eq!(with.len(), pilot.len());
}

#[test]
fn prints_tables_and_json() {
    let text = run(&["programme"]).unwrap();
    for needle in [
        "Round 1",
        "Round 2",
        "Round 3",
        "(locked)",
        "left the programme",
        "kept:",
        "new:",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    let json: Value = serde_json::from_str(&run(&["programme", "--json"]).unwrap()).unwrap();
    let rounds = rounds(&json);
    assert_eq!(rounds.len(), 3);
    assert!(!rounds[1]["round"]["broken"].as_array().unwrap().is_empty());
    assert_eq!(
        rounds[0]["title"],
        "Round 1: the coordinator locks lena with piotr"
    );
    let help = run(&["programme", "--help"]).unwrap();
    assert!(
        help.contains("Usage: mentor-match programme [OPTIONS]"),
        "{help}"
    );
    assert!(help.contains("--json"), "{help}");
    let err = usage_error(run(&["programme", "--bogus"]));
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
    // It reads no file.
    let err = usage_error(run(&["programme", "roster.json"]));
    assert!(err.contains("unexpected argument 'roster.json'"), "{err}");
}
