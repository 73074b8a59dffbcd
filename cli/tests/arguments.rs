//! Every mistake in the arguments is named, not only the first: each rejected argument is
//! taken out and the rest parsed again.

mod common;
use common::{run, usage_error};
use mentor_match::error::MAX_LISTED;

/// The `error: ...` lines of a usage failure, in order.
fn mistakes(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("error: ")).collect()
}

/// The usage failure of `args`, whose `error: ...` lines must be as many as `expected` and
/// hold its words in order.
fn says(args: &[&str], expected: &[&str]) -> String {
    let text = usage_error(run(args));
    let lines = mistakes(&text);
    assert_eq!(lines.len(), expected.len(), "{args:?}: {text}");
    for (line, words) in lines.iter().zip(expected) {
        assert!(line.contains(words), "{args:?}: {line} lacks {words}");
    }
    text
}

/// The mistake `args` makes alone, as clap words it: one `error: ...` line.
fn alone(args: &[&str]) -> String {
    let text = usage_error(run(args));
    let lines = mistakes(&text);
    assert_eq!(lines.len(), 1, "{args:?}: {text}");
    lines[0].to_owned()
}

/// Bad arguments of each kind clap rejects, each one mistake alone.
const BAD: [&[&str]; 9] = [
    &["--fast"],
    &["--juniors", "0"],
    &["--seniors=many"],
    &["--seed", "x"],
    &["--top-k", "0"],
    &["--strategies", "utilitarian,lottery"],
    &["--idiosyncratic", "NaN"],
    &["--repeat=-3"],
    &["200"],
];

#[test]
fn every_bad_argument_is_named_in_order_with_the_usage_once() {
    let mut args = vec!["compare"];
    for bad in BAD {
        args.extend_from_slice(bad);
    }
    let text = usage_error(run(&args));
    let expected: Vec<String> = BAD
        .iter()
        .map(|bad| alone(&[&["compare"][..], bad].concat()))
        .collect();
    assert_eq!(mistakes(&text), expected, "{text}");
    assert_eq!(
        text.matches("Usage: mentor-match compare").count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("try '--help'").count(), 1, "{text}");
    assert!(
        text.trim_end()
            .ends_with("For more information, try '--help'."),
        "{text}"
    );
}

#[test]
fn every_pair_of_bad_arguments_is_named_in_either_order() {
    for (i, first) in BAD.iter().enumerate() {
        for second in &BAD[i + 1..] {
            for (a, b) in [(first, second), (second, first)] {
                let args = [&["compare"][..], a, b].concat();
                let text = usage_error(run(&args));
                let expected = [
                    alone(&[&["compare"][..], a].concat()),
                    alone(&[&["compare"][..], b].concat()),
                ];
                assert_eq!(mistakes(&text), expected, "{args:?}: {text}");
            }
        }
    }
}

/// An option given twice, a value that is missing, a flag beside one it excludes: the later
/// one is the mistake, and the arguments after it are still read.
#[test]
fn repeated_missing_and_conflicting_options_leave_the_rest_to_be_read() {
    says(
        &[
            "compare",
            "--seed",
            "1",
            "--seed",
            "2",
            "--csv",
            "--juniors",
            "0",
        ],
        &[
            "'--seed <SEED>' cannot be used multiple times",
            "a value is required for '--csv <FILE>'",
            "invalid value '0' for '--juniors <JUNIORS>'",
        ],
    );
    // clap finds the unknown flag first and the conflict last; the list follows the command
    // line.
    says(
        &["match", "--json", "--fairness", "role", "--bogus"],
        &["cannot be used with", "unexpected argument '--bogus'"],
    );
}

/// A required argument taken out for its bad value is not then reported missing: that would
/// be the tool's doing, not the user's. One the user left out is.
#[test]
fn a_required_argument_taken_out_is_not_reported_missing() {
    says(
        &["schema", "bogus", "--pretty"],
        &[
            "invalid value 'bogus' for '<OUTPUT>'",
            "unexpected argument '--pretty'",
        ],
    );
    says(
        &["match", "--strategy", "lottery", "--preferences", "sated"],
        &[
            "invalid value 'lottery' for '--strategy <NAME>'",
            "invalid value 'sated' for '--preferences",
        ],
    );
    let text = says(
        &["assign", "--format", "xml"],
        &[
            "invalid value 'xml' for '--format <FORMAT>'",
            "required arguments were not provided",
        ],
    );
    assert!(text.contains("\n  <MATRIX>\n"), "{text}");
}

/// A mistake that is not one argument of the list ends the search: an unknown subcommand.
/// `--help` after a mistake does not replace it with the help.
#[test]
fn the_search_ends_where_no_argument_is_at_fault() {
    let text = usage_error(run(&["frobnicate", "--bogus"]));
    assert_eq!(mistakes(&text).len(), 1, "{text}");
    assert!(
        text.starts_with("error: unrecognized subcommand 'frobnicate'"),
        "{text}"
    );

    for args in [&["compare", "--bogus", "--help"][..], &["--bogus"]] {
        let text = usage_error(run(args));
        assert_eq!(
            mistakes(&text),
            ["error: unexpected argument '--bogus' found"],
            "{text}"
        );
        assert!(
            !text.contains("Commands:") && !text.contains("Options:"),
            "{text}"
        );
    }
    // The help alone is still the help.
    let help = run(&["compare", "--help"]).unwrap();
    assert!(
        help.contains("Usage: mentor-match compare [OPTIONS]"),
        "{help}"
    );
}

/// A hostile command line of thousands of bad arguments: the first `MAX_LISTED` are named, and
/// the message says there may be more.
#[test]
fn thousands_of_bad_arguments_are_capped() {
    let flags: Vec<String> = (0..5_000).map(|k| format!("--bogus-{k}")).collect();
    let args: Vec<&str> = std::iter::once("compare")
        .chain(flags.iter().map(String::as_str))
        .collect();
    let text = usage_error(run(&args));
    let lines = mistakes(&text);
    assert_eq!(lines.len(), MAX_LISTED + 1, "{}", &text[..500]);
    assert!(lines[0].contains("'--bogus-0'"), "{}", lines[0]);
    assert!(lines[MAX_LISTED - 1].contains(&format!("'--bogus-{}'", MAX_LISTED - 1)));
    assert_eq!(
        lines[MAX_LISTED],
        format!("error: more arguments may be wrong: the first {MAX_LISTED} mistakes are named")
    );
}

/// A negative number is a bad value, not an unknown flag: `--seed -1` says what `--seed`
/// takes, and the arguments after it are still read.
#[test]
fn a_negative_number_is_a_value() {
    says(
        &["compare", "--seed", "-1", "--idiosyncratic", "-0.5"],
        &[
            "error: invalid value '-1' for '--seed <SEED>'",
            "error: invalid value '-0.5' for '--idiosyncratic",
        ],
    );
    says(
        &["scale", "--seed", "-1,2", "--k", "-2"],
        &[
            "error: invalid value '-1' for '--seed <SEED>'",
            "error: invalid value '-2' for '--k <K>'",
        ],
    );
    says(
        &["assign", "x.csv", "--k-best", "-1"],
        &["error: invalid value '-1' for '--k-best <K>'"],
    );
}

/// When more than one token could be the rejected one (a later copy that is another option's
/// value, a valid earlier use of the same option), only the one clap means is taken out, or
/// none and the search ends: never a mistake the user did not make, never one named twice.
#[test]
fn a_token_that_could_be_another_is_never_taken_for_it() {
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["match", "r.json", "crit.json", "--criteria", "crit.json"],
            &["error: unexpected argument 'crit.json' found"],
        ),
        (
            &["compare", "--csv", "out.csv", "--csv", "--juniors", "0"],
            &[
                "error: a value is required for '--csv <FILE>'",
                "error: invalid value '0' for '--juniors <JUNIORS>'",
            ],
        ),
        (
            &[
                "compare",
                "--strategies",
                "greedy",
                "--strategies",
                "gree",
                "--juniors",
                "0",
            ],
            &[
                "error: invalid value 'gree' for '--strategies <STRATEGIES>'",
                "error: invalid value '0' for '--juniors <JUNIORS>'",
            ],
        ),
        (
            &["scale", "--seed", "12,3", "--seed", "2,", "--k", "0"],
            &[
                "error: invalid value '' for '--seed <SEED>'",
                "error: invalid value '0' for '--k <K>'",
            ],
        ),
        (
            &["assign", "m.csv", "k", "k=3"],
            &["error: unexpected argument 'k' found"],
        ),
    ];
    for (args, expected) in cases {
        says(args, expected);
    }
}

/// An option written by its alias (`--seeds` for `--seed`) is found under that spelling, so
/// the mistakes after it are named too.
#[test]
fn an_option_written_by_its_alias_is_taken_out_like_any_other() {
    says(
        &["scale", "--seeds", "x", "--juniors", "x2", "--k=0"],
        &[
            "error: invalid value 'x' for '--seed <SEED>'",
            "error: invalid value 'x2' for '--juniors <JUNIORS>'",
            "error: invalid value '0' for '--k <K>'",
        ],
    );
    says(
        &["scale", "--seeds=1,y", "--seniors", "-4"],
        &[
            "error: invalid value 'y' for '--seed <SEED>'",
            "error: invalid value '-4' for '--seniors <SENIORS>'",
        ],
    );
    // Both spellings holding the rejected value: either could be the one, so neither is
    // taken out and the search ends.
    says(
        &["scale", "--seed", "x", "--seeds", "x", "--k", "0"],
        &["error: invalid value 'x' for '--seed <SEED>'"],
    );
}
