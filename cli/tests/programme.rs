//! Runs the logic of `examples/programme.rs` for real: three rounds on the pilot roster with a
//! locked pair, a leaver and a joiner, as tables and as JSON.

// The example's source, included as a module; its `main` and helpers are unused here.
#[allow(dead_code)]
#[path = "../examples/programme.rs"]
mod programme_example;

use mentor_match::programme::{BreakReason, PairIds};
use programme_example::{JOINER, LEAVER, LOCK, plan, rosters, run};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
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
    let text = run(&[]).unwrap();
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
    let json: serde_json::Value = serde_json::from_str(&run(&args(&["--json"])).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert!(!json[1]["round"]["broken"].as_array().unwrap().is_empty());
    assert!(
        run(&args(&["--help"]))
            .unwrap()
            .starts_with("usage: programme")
    );
    assert_eq!(
        run(&args(&["--bogus"])).unwrap_err(),
        "unknown argument `--bogus` (see --help)"
    );
}
