//! Helpers shared by the command-line crate's integration tests (each test file includes this
//! module).
//!
//! Each test file is its own crate and uses only some of these helpers, so unused ones are not
//! warnings here.
#![allow(dead_code)]

// The library's test helpers, shared rather than copied.
#[path = "../../../tests/common/files.rs"]
pub mod files;
#[path = "../../../tests/common/roster.rs"]
pub mod roster;

use clap::Parser;
use mentor_match_cli::{Cli, Command, Failure};
use std::path::PathBuf;

/// The metrics every strategy reports, by their keys in the `strategies` output and the
/// columns of the `compare` table.
pub const STRATEGY_METRICS: [&str; 8] = [
    "total",
    "min_utility",
    "gini",
    "blocking_pairs",
    "coverage",
    "price",
    "envy",
    "top_k_share",
];

/// `mentor-match` run in process with `args` after the program name: what it prints on
/// standard output, or why it failed.
pub fn run(args: &[&str]) -> Result<String, Failure> {
    mentor_match_cli::run(std::iter::once("mentor-match").chain(args.iter().copied()))
}

/// The message of a bad-input failure (exit code 2); panics on anything else.
pub fn input_error(result: Result<String, Failure>) -> String {
    match result {
        Err(Failure::Input(message)) => {
            assert_eq!(Failure::Input(message.clone()).exit_code(), 2);
            message
        }
        other => panic!("expected bad input, got {other:?}"),
    }
}

/// clap's whole message for arguments it rejected (exit code 2); panics on anything else.
pub fn usage_error(result: Result<String, Failure>) -> String {
    match result {
        Err(Failure::Usage(text)) => {
            assert!(text.starts_with("error: "), "{text}");
            assert!(text.contains("try '--help'"), "{text}");
            assert_eq!(Failure::Usage(text.clone()).exit_code(), 2);
            text
        }
        other => panic!("expected a usage error, got {other:?}"),
    }
}

/// The subcommand that `args` (after the program name) parse to, or clap's error: the
/// arguments as clap reads them, without running anything.
pub fn parse(args: &[&str]) -> Result<Command, clap::Error> {
    Cli::try_parse_from(std::iter::once("mentor-match").chain(args.iter().copied()))
        .map(|cli| cli.command)
}

/// A file `cli-{prefix}-{name}` under the tests' private temporary directory holding `bytes`.
pub fn temp_file(prefix: &str, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{prefix}-{name}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `text` written to the file `name` (as [`temp_file`]) and given to `mentor-match
/// {subcommand}` as its one argument: the file's path and the bad-input message the run must
/// give for it.
pub fn error_for_file(subcommand: &str, name: &str, text: &str) -> (String, String) {
    let path = temp_file(subcommand, name, text);
    let file = path.to_str().unwrap().to_owned();
    let message = input_error(run(&[subcommand, &file]));
    (file, message)
}

/// A path under the tests' private temporary directory where no file is.
pub fn missing_file(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-missing-{name}"));
    assert!(!path.exists(), "{} exists", path.display());
    path.to_str().unwrap().to_owned()
}

/// `value` without the keys `keys`, at any depth: the measured times, which differ run to run.
pub fn without_keys(value: serde_json::Value, keys: &[&str]) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .map(|(k, v)| (k, without_keys(v, keys)))
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| without_keys(v, keys)).collect())
        }
        other => other,
    }
}
