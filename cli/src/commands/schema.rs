//! `mentor-match schema`: prints the JSON Schema of a JSON output.

use crate::Failure;

/// `mentor-match schema`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The output whose schema to print.
    #[arg(value_enum)]
    pub output: Output,
}

/// The JSON outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    /// `mentor-match match --json`.
    Match,
}

/// The schema, as indented JSON.
///
/// # Errors
///
/// None yet.
pub fn run(args: &Args) -> Result<String, Failure> {
    match args.output {
        Output::Match => Err(Failure::Internal("not yet".into())),
    }
}
