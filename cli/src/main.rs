//! The `mentor-match` command: see `mentor-match --help`, or the crate's docs.

use std::process::ExitCode;

fn main() -> ExitCode {
    mentor_match_cli::main(std::env::args_os())
}
