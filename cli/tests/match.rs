//! `mentor-match match` in process: the built-in pilot roster, the table, the `--json` output,
//! the arguments as clap reads them and the error messages of bad input.

mod common;
use common::{error_for_file, input_error, missing_file, parse, run, usage_error};
use mentor_match::rules::Rules;
use mentor_match::{Matcher, Matching, Reason, Roster, Side};
use mentor_match_cli::commands::match_roster::{Args, PILOT, load, render, solve};
use mentor_match_cli::input::Source;
use mentor_match_cli::{Command, Failure};
use std::path::PathBuf;

/// The number of pairs the pilot roster gives: 12 juniors, 12 seniors of whom one (barbara) is
/// on leave, so at most 11, and the rules leave a perfect matching of the 11 seniors.
const PILOT_PAIRS: usize = 11;

/// A file under the test's private temporary directory holding `text`.
fn temp_file(name: &str, text: &str) -> PathBuf {
    common::temp_file("match", name, text)
}

fn pilot() -> (Roster, Matching) {
    let roster = load(None).expect("the pilot roster validates");
    let matching = solve(&roster).expect("the pilot roster matches");
    (roster, matching)
}

#[test]
fn pilot_roster_has_twelve_a_side_and_validates() {
    let roster = Roster::from_json(PILOT).unwrap();
    assert_eq!(roster.juniors().len(), 12);
    assert_eq!(roster.seniors().len(), 12);
    let catalog = &roster.spec().skills;
    for category in ["digital", "leadership"] {
        assert!(
            catalog
                .iter()
                .any(|s| s.category.as_deref() == Some(category))
        );
    }
    assert!(catalog.iter().any(|s| s.parent.is_some()));
    let on_leave: Vec<&str> = roster
        .participants()
        .filter(|&p| roster.participant(p).capacity == 0)
        .map(|p| roster.id(p))
        .collect();
    assert_eq!(on_leave, ["barbara"]);
}

#[test]
fn pilot_matching_obeys_the_rules() {
    let (roster, matching) = pilot();
    assert_eq!(matching.pairs().len(), PILOT_PAIRS);
    let mut seen = std::collections::BTreeSet::new();
    for pair in matching.pairs() {
        assert!(pair.score > 0.0, "{pair:?}");
        assert!(pair.score <= 1.0, "{pair:?}");
        let (j, s) = (
            roster.find(&pair.junior).unwrap(),
            roster.find(&pair.senior).unwrap(),
        );
        assert_eq!(roster.side(j), Side::Junior);
        assert_eq!(roster.side(s), Side::Senior);
        assert!(seen.insert(pair.junior.clone()) && seen.insert(pair.senior.clone()));
        let (js, ss) = (roster.participant(j), roster.participant(s));
        // Not one's own direct manager, either way round.
        assert_ne!(js.manager.as_deref(), Some(ss.id.as_str()), "{pair:?}");
        assert_ne!(ss.manager.as_deref(), Some(js.id.as_str()), "{pair:?}");
        // A shared language (every pilot participant lists some).
        assert!(
            js.languages.iter().any(|l| ss.languages.contains(l)),
            "{} and {} share no language",
            js.id,
            ss.id
        );
        // The junior is less experienced.
        assert!(js.experience_years.unwrap() < ss.experience_years.unwrap());
        assert!(ss.capacity > 0 && js.capacity > 0);
        // The lessons explain the gains.
        let sum = |ls: &[mentor_match::Lesson]| ls.iter().map(|l| l.share).sum::<f64>();
        assert!((sum(&pair.junior_learns) - pair.junior_gain).abs() < 1e-9);
        assert!((sum(&pair.senior_learns) - pair.senior_gain).abs() < 1e-9);
    }
    let total: f64 = matching.pairs().iter().map(|p| p.score).sum();
    assert!((total - matching.total_score()).abs() < 1e-9);
    // Everyone is either paired or listed as unmatched, once.
    for u in matching.unmatched() {
        assert!(
            seen.insert(u.id.clone()),
            "{} both paired and unmatched",
            u.id
        );
    }
    assert_eq!(seen.len(), roster.len());
}

#[test]
fn pilot_unmatched_have_meaningful_reasons() {
    let (_, matching) = pilot();
    let unmatched: Vec<(&str, &Reason)> = matching
        .unmatched()
        .iter()
        .map(|u| (u.id.as_str(), &u.reason))
        .collect();
    assert_eq!(unmatched.len(), 2, "{unmatched:?}");
    assert!(unmatched.contains(&("barbara", &Reason::Unavailable)));
    assert!(
        unmatched
            .iter()
            .any(|(_, r)| matches!(r, Reason::PartnersTaken { candidates } if *candidates > 0)),
        "{unmatched:?}"
    );
}

#[test]
fn pilot_own_manager_rule_matters() {
    // Some pilot junior's manager is a senior in the roster ...
    let roster = load(None).unwrap();
    let managed = roster
        .juniors()
        .iter()
        .filter(|&&j| {
            roster
                .manager(j)
                .is_some_and(|m| roster.side(m) == Side::Senior)
        })
        .count();
    assert!(managed > 0);
    // ... and without the rule the optimum would pair someone with their own manager.
    let relaxed = Matcher::new()
        .with_rules(Rules::default().without("not_own_manager"))
        .solve(&roster)
        .unwrap();
    assert!(relaxed.pairs().iter().any(|p| {
        roster
            .participant(roster.find(&p.junior).unwrap())
            .manager
            .as_deref()
            == Some(p.senior.as_str())
    }));
}

#[test]
fn json_output_has_the_documented_keys() {
    let out = run(&["match", "--json"]).unwrap();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for key in ["pairs", "unmatched", "total_score", "objective"] {
        assert!(json.get(key).is_some(), "missing `{key}` in {json}");
    }
    let pairs = json["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), PILOT_PAIRS);
    for pair in pairs {
        assert!(
            pair["junior"].is_string() && pair["senior"].is_string(),
            "{pair}"
        );
        assert!(pair["score"].as_f64().unwrap() > 0.0, "{pair}");
    }
    let unmatched = json["unmatched"].as_array().unwrap();
    assert!(!unmatched.is_empty());
    for u in unmatched {
        assert!(u["id"].is_string(), "{u}");
        assert!(u["reason"].is_object(), "{u}");
    }
    assert!(json["total_score"].as_f64().unwrap() > 0.0);
}

#[test]
fn json_flag_works_in_any_position_with_a_file() {
    let path = temp_file("pilot.json", PILOT);
    let file = path.to_str().unwrap();
    let expected = run(&["match", "--json"]).unwrap();
    assert_eq!(run(&["match", file, "--json"]).unwrap(), expected);
    assert_eq!(run(&["match", "--json", file]).unwrap(), expected);
    // And the table from a file is the table of the built-in roster.
    assert_eq!(run(&["match", file]).unwrap(), run(&["match"]).unwrap());
}

#[test]
fn table_lists_every_pair_and_the_unmatched() {
    let (roster, matching) = pilot();
    let table = run(&["match"]).unwrap();
    // The table is the rendered matching, then the bottleneck behind the unmatched.
    assert!(table.starts_with(&render(&matching, &roster)), "{table}");
    let first = table.lines().next().unwrap();
    assert!(first.contains("12 juniors and 12 seniors"), "{first}");
    for pair in matching.pairs() {
        let line = table
            .lines()
            .find(|l| l.contains(&format!("({}, junior) ", pair.junior)) && l.contains(" <-> "))
            .unwrap_or_else(|| panic!("no line for {}:\n{table}", pair.junior));
        assert!(
            line.contains(&format!("({}, senior)", pair.senior)),
            "{line}"
        );
        assert!(line.contains("score"), "{line}");
        let teaches = |a: &str, b: &str| format!("    {a} teaches {b}:");
        assert!(
            table.contains(&teaches(&pair.senior, &pair.junior)),
            "{table}"
        );
        assert!(
            table.contains(&teaches(&pair.junior, &pair.senior)),
            "{table}"
        );
    }
    assert!(table.contains("Ola Nowak (ola, junior)"), "{table}");
    assert!(
        table.contains("Barbara Wójcik (barbara, senior): not available this round"),
        "{table}"
    );
    assert!(
        table.contains(&format!("over {PILOT_PAIRS} pairs")),
        "{table}"
    );
    for line in table.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
}

#[test]
fn table_shows_via_levels_shares_and_empty_directions() {
    let roster = Roster::from_json(
        r#"{"skills": [{"id": "data-analytics"}, {"id": "dashboards", "parent": "data-analytics"},
                      {"id": "negotiation"}, {"id": "strategy"}],
            "participants": [
              {"id": "ola", "side": "junior", "skills": {"dashboards": 4, "negotiation": 1},
               "wishes": {"negotiation": 3, "strategy": 1}},
              {"id": "jan", "side": "senior", "name": "Jan Kowalski",
               "skills": {"negotiation": 5, "strategy": 4}, "wishes": {"data-analytics": 2}},
              {"id": "kim", "side": "junior", "skills": {}, "wishes": {"strategy": 2}},
              {"id": "eva", "side": "senior", "skills": {"strategy": 5}}]}"#,
    )
    .unwrap();
    let matching = solve(&roster).unwrap();
    let table = render(&matching, &roster);
    // Negotiation: gap 4 → full credit, priority 3 of 4; strategy: gap 4, priority 1 of 4.
    assert!(
        table.contains("    jan teaches ola: negotiation (5 vs 1, 75%), strategy (4 vs 0, 25%)"),
        "{table}"
    );
    assert!(
        table.contains("    ola teaches jan: data-analytics via dashboards (4 vs 0, 100%)"),
        "{table}"
    );
    assert!(
        table.contains("ola (junior) <-> Jan Kowalski (jan, senior)"),
        "{table}"
    );
    assert!(table.contains("    kim teaches eva: nothing"), "{table}");
    assert!(table.contains("over 2 pairs"), "{table}");
}

#[test]
fn shares_of_a_direction_add_up_to_100_percent() {
    let table = run(&["match"]).unwrap();
    // Every lesson line of a direction, with its wrapped continuations.
    let mut directions: Vec<String> = Vec::new();
    for line in table.lines() {
        if line.starts_with("    ") && line.contains(" teaches ") {
            directions.push(line.to_owned());
        } else if line.starts_with("        ") {
            directions.last_mut().unwrap().push_str(line);
        }
    }
    assert_eq!(directions.len(), 2 * PILOT_PAIRS);
    for d in directions.iter().filter(|d| !d.ends_with("nothing")) {
        let total: i64 = d
            .split("%)")
            .filter_map(|part| part.rsplit(", ").next()?.parse::<i64>().ok())
            .sum();
        assert_eq!(total, 100, "{d}");
    }
}

#[test]
fn help_is_printed_and_wins() {
    let help = run(&["match", "--help"]).unwrap();
    assert!(
        help.contains("Usage: mentor-match match [OPTIONS] [ROSTER]"),
        "{help}"
    );
    for option in ["--json", "[ROSTER]", "standard input"] {
        assert!(help.contains(option), "help lacks {option}:\n{help}");
    }
    let short = run(&["match", "-h"]).unwrap();
    assert!(short.contains("Usage: mentor-match match"), "{short}");
    // Help wins over a file that does not exist.
    assert_eq!(
        run(&["match", "no-such-file.json", "--help"]).unwrap(),
        help
    );
    assert_eq!(run(&["match", "no-such-file.json", "-h"]).unwrap(), short);
}

#[test]
fn nonexistent_file_is_an_error_naming_it() {
    let file = missing_file("match-no-such-file.json");
    let err = input_error(run(&["match", &file]));
    assert!(err.starts_with(&format!("cannot read `{file}`: ")), "{err}");
    let err = run(&["match", "--json", &file]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("error: cannot read `{file}`: ")),
        "{err}"
    );
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn malformed_json_is_an_error_naming_line_and_column() {
    let (file, err) = error_for_file(
        "match",
        "malformed.json",
        "{\"participants\": [\n  {\"id\": \"ola\",}]}\n",
    );
    assert_eq!(
        err,
        format!("`{file}`: roster JSON, line 2 column 16: trailing comma")
    );
}

#[test]
fn invalid_participant_field_is_an_error_naming_it() {
    let (file, err) = error_for_file(
        "match",
        "side.json",
        r#"{"participants": [{"id": "ola", "side": "mentor"}]}"#,
    );
    assert!(err.starts_with(&format!("`{file}`: ")), "{err}");
    assert!(
        err.ends_with("participant `ola`, field `side`: unknown variant `mentor`, expected `junior` or `senior`"),
        "{err}"
    );
}

#[test]
fn duplicate_id_is_a_validation_error() {
    let path = temp_file(
        "duplicate.json",
        r#"{"participants": [{"id": "ola", "side": "junior"}, {"id": "ola", "side": "senior"}]}"#,
    );
    let file = path.to_str().unwrap();
    let err = input_error(run(&["match", "--json", file]));
    assert_eq!(
        err,
        format!("`{file}`: participant id `ola` appears more than once")
    );
}

#[test]
fn unknown_flag_and_two_files_are_usage_errors() {
    let err = usage_error(run(&["match", "--frobnicate"]));
    assert!(err.contains("unexpected argument '--frobnicate'"), "{err}");
    let err = usage_error(run(&["match", "-j"]));
    assert!(err.contains("unexpected argument '-j'"), "{err}");
    // One roster at most: the second file is the one clap does not expect.
    let err = usage_error(run(&["match", "a.json", "b.json"]));
    assert!(err.contains("unexpected argument 'b.json'"), "{err}");
}

#[test]
fn double_dash_ends_the_flags_and_dash_is_standard_input() {
    let parsed = |list: &[&str]| match parse(list).unwrap() {
        Command::Match(args) => args,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        parsed(&["match", "--json", "--", "--odd-name.json"]),
        Args {
            file: Some(Source::File(PathBuf::from("--odd-name.json"))),
            json: true,
            sample: None,
            criteria: None,
            fairness: None,
            strategy: None,
            preferences: mentor_match_cli::commands::match_roster::Preferences::Induced,
        }
    );
    assert_eq!(
        parsed(&["match", "-"]),
        Args {
            file: Some(Source::Stdin),
            json: false,
            sample: None,
            criteria: None,
            fairness: None,
            strategy: None,
            preferences: mentor_match_cli::commands::match_roster::Preferences::Induced,
        }
    );
    assert_eq!(
        parsed(&["match"]),
        Args {
            file: None,
            json: false,
            sample: None,
            criteria: None,
            fairness: None,
            strategy: None,
            preferences: mentor_match_cli::commands::match_roster::Preferences::Induced,
        }
    );
    // Run, the name after `--` is read as a file.
    let err = input_error(run(&["match", "--", "--odd-name.json"]));
    assert!(err.starts_with("cannot read `--odd-name.json`: "), "{err}");
}

#[test]
fn empty_roster_renders_without_pairs() {
    let roster = Roster::from_json("{}").unwrap();
    let matching = solve(&roster).unwrap();
    let table = render(&matching, &roster);
    assert!(table.contains("No pairs."), "{table}");
    assert!(table.contains("Unmatched (0):\n  nobody"), "{table}");
    assert!(table.contains("Total score 0.00 over 0 pairs"), "{table}");
}

#[test]
fn roster_with_nobody_available_lists_everyone_as_unavailable() {
    let path = temp_file(
        "on-leave.json",
        r#"{"participants": [{"id": "ola", "side": "junior", "capacity": 0},
                             {"id": "jan", "side": "senior", "capacity": 0}]}"#,
    );
    let file = path.to_str().unwrap();
    let table = run(&["match", file]).unwrap();
    assert!(table.contains("for 1 junior and 1 senior"), "{table}");
    assert!(table.contains("No pairs."), "{table}");
    assert!(
        table.contains("  ola (junior): not available this round (capacity 0)\n"),
        "{table}"
    );
    assert!(
        table.contains("  jan (senior): not available this round (capacity 0)\n"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["match", file, "--json"]).unwrap()).unwrap();
    assert_eq!(json["pairs"].as_array().unwrap().len(), 0);
    assert_eq!(json["unmatched"][0]["reason"]["kind"], "unavailable");
    assert_eq!(json["objective"], "most_pairs");
}

/// The table ends with the bottleneck behind the unmatched: on the pilot, 12 juniors for 11
/// available seniors, and the skills most short of teachers; a roster where everyone is
/// matched has no such section.
#[test]
fn table_explains_the_bottleneck_when_someone_is_unmatched() {
    let table = run(&["match"]).unwrap();
    assert!(
        table.contains(
            "Bottleneck: 1 junior cannot be matched:\n  12 juniors can pair only with 11 seniors, \
             who have 11 places for them\n"
        ),
        "{table}"
    );
    assert!(
        table.contains(
            "  career-planning: 5 juniors wish to learn it; 4 seniors can teach it, with 4 places\n"
        ),
        "{table}"
    );
    let path = temp_file(
        "everyone.json",
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}, "wishes": {"strategy": 4}},
            {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "wishes": {"ai-assistants": 4}}]}"#,
    );
    let table = run(&["match", path.to_str().unwrap()]).unwrap();
    assert!(!table.contains("Bottleneck"), "{table}");
}

/// `--strategy` takes the names beyond the built-in ones too: Király's large weakly stable
/// pairing runs on the pilot roster, and an unknown name lists them.
#[test]
fn strategy_takes_every_name_the_library_knows() {
    let out = run(&["match", "--strategy", "large_weakly_stable_juniors"]).unwrap();
    assert!(out.contains("Total score"), "{out}");
    match run(&["match", "--strategy", "lottery"]) {
        Err(Failure::Usage(err)) => {
            assert!(
                err.starts_with(
                    "error: invalid value 'lottery' for '--strategy <NAME>': unknown strategy `lottery`"
                ),
                "{err}"
            );
            assert!(err.contains("utilitarian"), "{err}");
            assert!(err.contains("large_weakly_stable_seniors"), "{err}");
        }
        other => panic!("expected a usage error, got {other:?}"),
    }
}

/// A criteria file with several mistakes: each criterion that cannot be read is named, with
/// the document's unknown key, in one error line.
#[test]
fn a_criteria_file_names_every_criterion_it_cannot_read() {
    let path = common::temp_file(
        "match",
        "criteria-mistakes.json",
        r#"{"criteria": [{"field": "region", "relation": "same", "strength": "mustt"},
            {"name": "near", "field": "site", "relation": "samee", "strength": "high"}],
            "bogus": 1}"#,
    );
    let file = path.to_str().unwrap();
    let message = input_error(run(&["match", "--criteria", file]));
    assert!(
        message.starts_with(&format!("`{file}`: 3 mistakes found:")),
        "{message}"
    );
    for words in [
        "criteria JSON: unknown field `bogus`",
        "criterion `region_same`: invalid value: string \"mustt\"",
        "criterion `near`: unknown variant `samee`",
    ] {
        assert!(message.contains(words), "{message} lacks {words}");
    }
}

/// A roster and a criteria file that both cannot be read are named together, each with its
/// mistakes, in one error line.
#[test]
fn a_roster_and_a_criteria_file_that_both_cannot_be_read_are_named_together() {
    let roster = common::temp_file(
        "match",
        "both-roster.json",
        r#"{"participants": [{"id": "a", "side": "junior"}], "bogus": 1}"#,
    );
    let criteria = common::temp_file(
        "match",
        "both-criteria.json",
        r#"{"criteria": [{"field": "x", "relation": "samee", "strength": "low"}]}"#,
    );
    let (roster, criteria) = (roster.to_str().unwrap(), criteria.to_str().unwrap());
    let message = input_error(run(&["match", roster, "--criteria", criteria]));
    assert!(
        message.starts_with(&format!(
            "`{roster}`: roster JSON, line 1 column 57: unknown field `bogus`"
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "; and `{criteria}`: criterion `x_samee`: unknown variant `samee`"
        )),
        "{message}"
    );
}

/// The roster and `--criteria` cannot both be standard input: refused before reading.
#[test]
fn roster_and_criteria_cannot_both_be_standard_input() {
    assert_eq!(
        input_error(run(&["match", "-", "--criteria", "-"])),
        "the roster and `--criteria` both name standard input (`-`): one of them must be a file"
    );
}

/// Control characters in a roster (an escape sequence in an id, a bell in a name) reach the
/// terminal written out, in the table and in error messages alike, and the JSON output stays
/// valid JSON with the same ids (DEL and C1 controls, which the JSON writer leaves raw,
/// included).
#[test]
fn control_characters_in_a_roster_are_written_out() {
    let roster = r#"{"participants": [
        {"id": "o\u001b[31mla", "name": "Ola\u0007", "side": "junior", "skills": {"sql": 4}},
        {"id": "jan", "side": "senior", "wishes": {"sql": 3}}]}"#;
    let path = common::temp_file("match", "control-characters.json", roster);
    let file = path.to_str().unwrap();
    let table = run(&["match", file]).unwrap();
    assert!(
        table.contains("Ola\\u0007 (o\\u001b[31mla, junior)"),
        "{table}"
    );
    assert!(!table.contains(['\u{1b}', '\u{7}']), "{table:?}");
    let bad = roster.replace("\"junior\"", "\"juniorx\"");
    let path = common::temp_file("match", "control-characters-bad.json", bad);
    let message = input_error(run(&["match", path.to_str().unwrap()]));
    let shown = mentor_match_cli::Failure::Input(message).to_string();
    assert!(shown.contains("participant `o\\u001b[31mla`"), "{shown}");
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    // JSON: the ids read back as written, a DEL and a C1 control among them.
    let roster = roster.replace("o\\u001b[31mla", "o\\u001b\\u007f\\u0085la");
    let path = common::temp_file("match", "control-characters-json.json", roster);
    let json: serde_json::Value =
        serde_json::from_str(&run(&["match", path.to_str().unwrap(), "--json"]).unwrap()).unwrap();
    assert_eq!(
        json["pairs"][0]["junior"], "o\u{1b}\u{7f}\u{85}la",
        "{json}"
    );
}
