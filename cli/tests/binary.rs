//! The built `mentor-match` binary, run for real: `--help` and usage errors with their exit
//! codes and streams, `-` for standard input, a missing file, and the JSON it prints.

mod common;
use common::without_keys;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The binary, built by cargo for this package's integration tests.
const PROGRAM: &str = env!("CARGO_BIN_EXE_mentor-match");

/// Every subcommand.
const SUBCOMMANDS: [&str; 7] = [
    "match",
    "assign",
    "strategies",
    "compare",
    "programme",
    "scale",
    "schema",
];

/// What a finished run did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `mentor-match args`, with `stdin` on its standard input (none when `None`).
fn mentor_match(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(PROGRAM)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_BACKTRACE", "0")
        .spawn()
        .unwrap();
    // Written from another thread, so a program that prints before reading all cannot block.
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            // The program may exit before reading everything (on an error): not ours to fail.
            let _ = pipe.write_all(&bytes);
        })
    });
    let output = child.wait_with_output().unwrap();
    if let Some(writer) = writer {
        writer.join().unwrap();
    }
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A recorded input of `tests/data/before/in/`.
fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/before/in")
        .join(name)
}

/// The bytes of a recorded input.
fn data_bytes(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap()
}

/// The stdout of a successful run, parsed as JSON, without the measured times.
fn json_of(run: &Run) -> Value {
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    without_keys(json, &["solve_seconds", "seconds"])
}

/// Asserts that `run` failed on bad input: exit code 2, nothing on standard output and one
/// line on standard error, which starts with `starts`.
fn assert_bad_input(run: &Run, starts: &str) {
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert!(lines[0].starts_with(starts), "{run:?}");
}

#[test]
fn every_subcommand_has_help_on_standard_output() {
    for sub in SUBCOMMANDS {
        for flag in ["--help", "-h"] {
            let run = mentor_match(&[sub, flag], None);
            assert_eq!(run.code, Some(0), "{sub} {flag}: {run:?}");
            assert!(
                run.stdout.contains(&format!("Usage: mentor-match {sub}")),
                "{sub} {flag}: {run:?}"
            );
            assert!(run.stderr.is_empty(), "{sub} {flag}: {run:?}");
        }
        // `help SUBCOMMAND` says the same as `SUBCOMMAND --help`.
        let help = mentor_match(&["help", sub], None);
        assert_eq!(help.code, Some(0), "{help:?}");
        assert_eq!(help.stdout, mentor_match(&[sub, "--help"], None).stdout);
    }
    let run = mentor_match(&["--help"], None);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(
        run.stdout.contains("Usage: mentor-match <COMMAND>"),
        "{run:?}"
    );
    for sub in SUBCOMMANDS {
        assert!(run.stdout.contains(&format!("  {sub} ")), "{sub}: {run:?}");
    }
    assert!(
        run.stdout
            .contains("Exit codes: 0 success, 2 bad arguments or bad input, 1")
    );
    let version = mentor_match(&["--version"], None);
    assert_eq!(version.code, Some(0), "{version:?}");
    assert_eq!(
        version.stdout,
        format!("mentor-match {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_flag_exits_2_with_nothing_on_standard_output() {
    for sub in SUBCOMMANDS {
        let run = mentor_match(&[sub, "--bogus"], None);
        assert_eq!(run.code, Some(2), "{sub}: {run:?}");
        assert!(run.stdout.is_empty(), "{sub}: {run:?}");
        assert!(
            run.stderr
                .starts_with("error: unexpected argument '--bogus'"),
            "{sub}: {run:?}"
        );
        assert!(
            run.stderr.contains(&format!("Usage: mentor-match {sub}")),
            "{sub}: {run:?}"
        );
    }
    // A bad value too, before any work: `compare` would otherwise run its default experiment.
    let run = mentor_match(&["compare", "--repeat", "0"], None);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(
        run.stderr.starts_with("error: invalid value '0'"),
        "{run:?}"
    );
}

#[test]
fn no_subcommand_or_an_unknown_one_exits_2() {
    let run = mentor_match(&[], None);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(run.stderr.contains("Usage: mentor-match"), "{run:?}");
    let run = mentor_match(&["frobnicate"], None);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(
        run.stderr
            .starts_with("error: unrecognized subcommand 'frobnicate'"),
        "{run:?}"
    );
}

#[test]
fn match_reads_standard_input_for_dash() {
    let pilot =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/pilot.json"))
            .unwrap();
    // The pilot roster piped in gives what the built-in one gives, as a table and as JSON.
    for json in [false, true] {
        let mut args = vec!["match"];
        if json {
            args.push("--json");
        }
        let built_in = mentor_match(&args, None);
        assert_eq!(built_in.code, Some(0), "{built_in:?}");
        args.push("-");
        let piped = mentor_match(&args, Some(&pilot));
        assert_eq!(piped.code, Some(0), "{piped:?}");
        assert!(piped.stderr.is_empty(), "{piped:?}");
        assert_eq!(piped.stdout, built_in.stdout);
    }
    // What does not read is named as standard input.
    let run = mentor_match(&["match", "-"], Some(b"{\"participants\": [}"));
    assert_bad_input(&run, "error: standard input: ");
}

#[test]
fn assign_reads_a_npy_or_a_csv_from_standard_input() {
    for (name, extra) in [
        ("f64.npy", None),
        ("i64_fortran.npy", Some("--maximize")),
        ("m.csv", None),
        ("ties.csv", Some("--maximize")),
    ] {
        let path = data(name);
        let mut args = vec!["assign", path.to_str().unwrap()];
        args.extend(extra);
        let from_file = json_of(&mentor_match(&args, None));
        // The format is sniffed from the bytes: no extension on standard input.
        args[1] = "-";
        let piped = json_of(&mentor_match(&args, Some(&data_bytes(name))));
        assert_eq!(piped, from_file, "{name}");
        assert!(
            piped["pairs"].as_array().is_some_and(|p| !p.is_empty()),
            "{name}"
        );
    }
    // `--format` is obeyed over the sniffing: a CSV read as .npy is refused.
    let run = mentor_match(
        &["assign", "-", "--format", "npy"],
        Some(&data_bytes("m.csv")),
    );
    assert_bad_input(&run, "error: standard input: .npy file");
    let run = mentor_match(
        &["assign", "-", "--format", "csv"],
        Some(&data_bytes("m.csv")),
    );
    assert_eq!(run.code, Some(0), "{run:?}");
}

#[test]
fn strategies_reads_standard_input_for_dash() {
    for name in ["s1.json", "s4.json"] {
        let path = data(name);
        let from_file = json_of(&mentor_match(&["strategies", path.to_str().unwrap()], None));
        let piped = json_of(&mentor_match(&["strategies", "-"], Some(&data_bytes(name))));
        assert_eq!(piped, from_file, "{name}");
        assert!(
            !piped["strategies"].as_array().unwrap().is_empty(),
            "{name}"
        );
    }
    let run = mentor_match(
        &["strategies", "-", "--pretty"],
        Some(b"{\"junior_gain\": 1}"),
    );
    assert_bad_input(&run, "error: standard input: ");
}

#[test]
fn a_missing_file_is_one_error_line_naming_it() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-binary-no-such-file.json");
    assert!(!path.exists());
    let file = path.to_str().unwrap();
    for sub in ["match", "assign", "strategies"] {
        let run = mentor_match(&[sub, file], None);
        assert_bad_input(&run, &format!("error: cannot read `{file}`: "));
    }
}

#[test]
fn json_outputs_parse() {
    let run = mentor_match(&["match", "--json"], None);
    let json = json_of(&run);
    assert_eq!(json["pairs"].as_array().unwrap().len(), 11, "{json}");
    assert!(json["total_score"].as_f64().unwrap() > 0.0, "{json}");
    assert!(run.stdout.lines().count() > 1, "indented: {}", run.stdout);
    // `strategies` prints one line, or indented JSON with `--pretty`: the same document.
    let path = data("s2.json");
    let compact = mentor_match(&["strategies", path.to_str().unwrap()], None);
    assert_eq!(compact.stdout.lines().count(), 1, "{compact:?}");
    let pretty = mentor_match(&["strategies", "--pretty", path.to_str().unwrap()], None);
    assert!(pretty.stdout.lines().count() > 20, "{pretty:?}");
    assert_eq!(json_of(&compact), json_of(&pretty));
    let programme = json_of(&mentor_match(&["programme", "--json"], None));
    assert!(
        programme.is_array() || programme["rounds"].is_array(),
        "{programme}"
    );
}

#[test]
fn long_subcommands_draw_no_progress_into_a_pipe() {
    // Standard error is a pipe here, as in a log file: no bar, no carriage return, nothing.
    for args in [
        &["scale", "--juniors", "400"][..],
        &[
            "compare",
            "--juniors",
            "12",
            "--repeat",
            "2",
            "--strategies",
            "greedy,utilitarian",
        ][..],
    ] {
        let run = mentor_match(args, None);
        assert_eq!(run.code, Some(0), "{args:?}: {run:?}");
        assert!(
            run.stderr.is_empty(),
            "{args:?} wrote to stderr: {:?}",
            run.stderr
        );
        assert!(!run.stdout.contains('\r'), "{args:?}");
        assert!(!run.stdout.is_empty(), "{args:?}");
    }
}
