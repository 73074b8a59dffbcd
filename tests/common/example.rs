//! Helpers for the tests that run an example's logic: its arguments and its input files.

use std::fmt::Debug;
use std::path::PathBuf;

/// Command-line arguments as the examples' `run` takes them.
pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A file `{example}-{name}` under the tests' private temporary directory holding `text`.
pub fn temp_file(example: &str, name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{example}-{name}"));
    std::fs::write(&path, text).unwrap();
    path
}

/// `text` written to the file `name` (as [`temp_file`]) and given to `run` as its one argument:
/// the file's path and the error `run` must give for it.
pub fn error_for_file<T: Debug>(
    run: impl Fn(&[String]) -> Result<T, String>,
    example: &str,
    name: &str,
    text: &str,
) -> (String, String) {
    let path = temp_file(example, name, text);
    let file = path.to_str().unwrap().to_owned();
    let err = run(&args(&[&file])).unwrap_err();
    (file, err)
}
