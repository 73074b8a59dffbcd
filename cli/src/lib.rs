//! The `mentor-match` command-line tool: arguments, files, printing, exit codes and progress
//! bars around the `mentor_match` library, which does every computation and owns every format.
//!
//! ```text
//! mentor-match match [ROSTER] [--json]        pairs a roster (default: the pilot roster)
//! mentor-match assign MATRIX [--maximize]     solves an assignment matrix (.npy or .csv)
//! mentor-match strategies INSTANCE [--pretty] every pairing strategy on two gain matrices
//! mentor-match compare [--juniors N] ...      strategies on seeded synthetic populations
//! mentor-match programme [--json]             three rounds of the pilot programme
//! mentor-match scale [--juniors N] ...        a large synthetic population, timed
//! mentor-match schema OUTPUT                  the JSON Schema of an output
//! ```
//!
//! Every subcommand has `--help`. Files are read from a path, or from standard input when the
//! path is `-`. Results go to standard output only; errors go to standard error as one line,
//! `error: ...`. Exit codes: 0 on success, 2 on bad arguments or bad input, 1 on an internal
//! failure (for instance, standard output cannot be written).
//!
//! The crate is also a library so that its tests can run each subcommand in-process: [`run`]
//! takes the arguments and returns what the binary would print.

mod arguments;
pub mod commands;
pub mod failure;
pub mod input;
pub mod progress;

use arguments::Parsed;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

pub use failure::Failure;

/// Pairs the participants of mentoring programmes, solves assignment problems exactly and
/// compares pairing strategies.
#[derive(Debug, Parser)]
#[command(name = "mentor-match", version, about, long_about = None)]
#[command(after_help = "Exit codes: 0 success, 2 bad arguments or bad input, 1 internal failure.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pair the juniors and seniors of a reverse-mentoring roster, with the reasons.
    Match(commands::match_roster::Args),
    /// Solve one assignment problem read from a .npy or .csv matrix.
    Assign(commands::assign::Args),
    /// Run every pairing strategy on two gain matrices and report every metric.
    Strategies(commands::strategies::Args),
    /// Compare pairing strategies on seeded synthetic populations.
    Compare(commands::compare::Args),
    /// Plan three rounds of the pilot programme: a locked pair, a leaver, a joiner.
    Programme(commands::programme::Args),
    /// Match a large synthetic population and report where the time and memory go.
    Scale(commands::scale::Args),
    /// Print the JSON Schema of a JSON output.
    Schema(commands::schema::Args),
}

/// Parses `args` (the program name first) and runs the subcommand: what it prints on
/// standard output, or why it failed.
///
/// `--help` and `--version` come back as `Ok` with their text; no subcommand at all is a
/// usage error (the help, exit code 2). Control characters from the input (an escape
/// sequence in a participant's id) are written out ([`failure::shown`]).
///
/// # Errors
///
/// [`Failure::Usage`] for arguments clap rejects, in clap's words: every argument at fault
/// (each rejected one is taken out and the rest parsed again), then the usage once.
/// Otherwise the subcommand's failure.
///
/// # Examples
///
/// ```
/// use mentor_match_cli::{Failure, run};
///
/// let json = run(["mentor-match", "match", "--json"])?;
/// assert!(json.starts_with("{\n  \"format\": 1,"));
/// assert!(matches!(run(["mentor-match", "match", "--jsn"]), Err(Failure::Usage(_))));
/// assert_eq!(run(["mentor-match", "assign", "missing.npy"]).unwrap_err().exit_code(), 2);
/// # Ok::<(), Failure>(())
/// ```
pub fn run<I, T>(args: I) -> Result<String, Failure>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // What a roster holds reaches the terminal: its control characters are written out.
    let text = match arguments::parse(args) {
        Parsed::Run(cli) => execute(&cli.command)?,
        Parsed::Show(text) => text,
        Parsed::Mistakes(message) => return Err(Failure::Usage(message)),
    };
    Ok(match failure::shown(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    })
}

/// Runs one parsed subcommand.
///
/// # Errors
///
/// The subcommand's failure.
pub fn execute(command: &Command) -> Result<String, Failure> {
    match command {
        Command::Match(args) => commands::match_roster::run(args),
        Command::Assign(args) => commands::assign::run(args),
        Command::Strategies(args) => commands::strategies::run(args),
        Command::Compare(args) => commands::compare::run(args),
        Command::Programme(args) => commands::programme::run(args),
        Command::Scale(args) => commands::scale::run(args),
        Command::Schema(args) => commands::schema::run(args),
    }
}

/// The binary's `main`: runs [`run`], prints the result on standard output or the failure on
/// standard error, and returns the exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    match run(args) {
        Ok(text) => print(&text),
        Err(failure) => failure.report(),
    }
}

/// Writes `text` to standard output; a closed pipe (`mentor-match ... | head`) is not an error.
fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => Failure::Internal(format!("cannot write the output: {e}")).report(),
    }
}
