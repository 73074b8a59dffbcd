//! Solves one assignment problem read from a file and prints the optimum as one JSON object.
//!
//! ```text
//! cargo run --release --example assign -- FILE [--maximize]
//! cargo run --release --example assign -- --help
//! ```
//!
//! `FILE` is either
//!
//! - a numpy `.npy` file holding a 2-D `float64` or `int64` array (C or Fortran order, either
//!   byte order), as `numpy.save` writes it: `float64` is solved as `Matrix<f64>`, `int64` as
//!   `Matrix<i64>`; or
//! - a `.csv` file with one matrix row per line, every line with the same number of
//!   comma-separated numbers (spaces around them are allowed, and so are `inf`, `+inf` and
//!   `-inf`), solved as `Matrix<f64>`.
//!
//! Both are read by the library (`mentor_match::formats::read_npy` and `read_csv`, whose docs
//! give every rule): for instance a number too large for `f64` (`1e400`) is an error, not an
//! infinity, and a `.npy` header must declare a shape its data fills.
//!
//! The weights are costs to minimise, or gains to maximise with `--maximize`. A cell that may
//! not be used is `+inf` when minimising and `-inf` when maximising (for `int64`, the largest
//! and the smallest `int64`). Any shape is accepted; when the forbidden cells leave some rows or
//! columns without a partner, they are listed as unassigned.
//!
//! On success the program prints, on one line of standard output,
//!
//! ```text
//! {"rows":3,"cols":2,"total":1.2,"pairs":[[0,1],[1,0]],"unassigned_rows":[2],
//!  "unassigned_cols":[],"solve_seconds":1.9e-6}
//! ```
//!
//! where `total` is the sum of the assigned weights (for `int64`, an exact JSON integer, or a
//! string of digits when it does not fit in 64 bits) and `solve_seconds` is the time of the
//! solve call alone, reading the file excluded. On bad input (a missing or unreadable file, an
//! unknown extension, a file the library's reader rejects, `-inf` when minimising, `+inf` when
//! maximising, a missing argument or an unknown flag) it prints one line on standard error,
//! nothing on standard output, and exits with code 2.

use mentor_match::assignment::{Matrix, Sense, Weight, solve};
use mentor_match::formats::{MatrixFormat, WeightMatrix, read_matrix};
use serde::Serialize;
use serde_json::Value;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: assign FILE [--maximize]

Solves the assignment problem on the matrix in FILE and prints one JSON object:
rows, cols, total, pairs ([row, col] lists), unassigned_rows, unassigned_cols and
solve_seconds (the solve call alone, file reading excluded).

FILE         a .npy file holding a 2-D float64 or int64 array, or a .csv file with one
             row of comma-separated numbers per line (inf, +inf, -inf allowed)
--maximize   maximise the total (default: minimise); -inf forbids a cell when
             maximising, +inf when minimising (int64: the largest/smallest int64)
-h, --help   print this help

Exit codes: 0 solved, 2 bad arguments or bad input (one line on stderr).";

/// What the command line asks for.
enum Command {
    Help,
    Solve { file: PathBuf, sense: Sense },
}

/// The JSON document printed on success, fields in this order.
#[derive(Serialize)]
struct Report<'a> {
    rows: usize,
    cols: usize,
    total: Value,
    pairs: Vec<[usize; 2]>,
    unassigned_rows: &'a [usize],
    unassigned_cols: &'a [usize],
    solve_seconds: f64,
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let output = match run(&args) {
        Ok(output) => output,
        Err(message) => return fail(&message),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(output.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe is no reason to fail (`assign FILE | head`, or when printing help).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("assign: cannot write the result: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the program on its arguments (without the program name) and returns everything it
/// prints on standard output, or the error message (without the `assign: error: ` prefix).
///
/// # Errors
///
/// A message for bad arguments, an unreadable file, a file the library rejects, or a matrix
/// the engine cannot solve in the asked sense.
pub fn run(args: &[OsString]) -> Result<String, String> {
    let command = parse_args(args.iter().cloned()).map_err(|m| format!("{m} (see --help)"))?;
    let (file, sense) = match command {
        Command::Help => return Ok(format!("{USAGE}\n")),
        Command::Solve { file, sense } => (file, sense),
    };
    let json = solve_file(&file, sense).map_err(|m| format!("{}: {m}", file.display()))?;
    Ok(format!("{json}\n"))
}

/// Reads the matrix in `file`, solves it in `sense` and renders the report.
fn solve_file(file: &Path, sense: Sense) -> Result<String, String> {
    let format = MatrixFormat::from_path(file)
        .ok_or("unsupported file type: expected a .npy or a .csv file")?;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read the file: {e}"))?;
    match read_matrix(&bytes, format).map_err(|e| e.to_string())? {
        WeightMatrix::F64(m) => report(&m, sense, float_total),
        WeightMatrix::I64(m) => report(&m, sense, int_total),
    }
}

/// Prints `message` as one line on standard error and returns exit code 2.
fn fail(message: &str) -> ExitCode {
    // One line, whatever the message holds (file names, library errors).
    let line = message.replace(['\n', '\r'], " ");
    eprintln!("assign: error: {line}");
    ExitCode::from(2)
}

fn parse_args(args: impl Iterator<Item = OsString>) -> Result<Command, String> {
    let mut file = None;
    let mut sense = Sense::Minimize;
    let mut options_done = false;
    for arg in args {
        if !options_done {
            match arg.to_str() {
                Some("-h" | "--help") => return Ok(Command::Help),
                Some("--maximize") => {
                    sense = Sense::Maximize;
                    continue;
                }
                Some("--") => {
                    options_done = true;
                    continue;
                }
                Some(flag) if flag.starts_with('-') && flag != "-" => {
                    return Err(format!("unknown option `{flag}`"));
                }
                None if arg.as_encoded_bytes().starts_with(b"-") => {
                    return Err(format!("unknown option `{}`", arg.to_string_lossy()));
                }
                _ => {}
            }
        }
        if let Some(first) = &file {
            return Err(format!(
                "one FILE expected, got `{}` and `{}`",
                Path::new(first).display(),
                Path::new(&arg).display()
            ));
        }
        file = Some(arg);
    }
    match file {
        Some(file) => Ok(Command::Solve {
            file: PathBuf::from(file),
            sense,
        }),
        None => Err("no FILE given".to_owned()),
    }
}

/// Solves `m` and renders the report; `total` turns the solution's total into JSON.
fn report<T: Weight>(
    m: &Matrix<T>,
    sense: Sense,
    total: impl Fn(T::Total) -> Value,
) -> Result<String, String> {
    let start = Instant::now();
    let solution = solve(m, sense);
    let solve_seconds = start.elapsed().as_secs_f64();
    let solution = solution.map_err(|e| e.to_string())?;
    let doc = Report {
        rows: m.rows(),
        cols: m.cols(),
        total: total(solution.total()),
        pairs: solution.pairs().iter().map(|&(r, c)| [r, c]).collect(),
        unassigned_rows: solution.unassigned_rows(),
        unassigned_cols: solution.unassigned_cols(),
        solve_seconds,
    };
    serde_json::to_string(&doc).map_err(|e| format!("cannot render the result: {e}"))
}

/// A float total as a JSON number; a sum that overflowed to infinity as a string.
fn float_total(x: f64) -> Value {
    if x.is_finite() {
        Value::from(x)
    } else {
        Value::String(x.to_string())
    }
}

/// An integer total as an exact JSON integer when it fits in 64 bits, else as a string.
fn int_total(x: i128) -> Value {
    if let Ok(x) = i64::try_from(x) {
        Value::from(x)
    } else if let Ok(x) = u64::try_from(x) {
        Value::from(x)
    } else {
        Value::String(x.to_string())
    }
}
