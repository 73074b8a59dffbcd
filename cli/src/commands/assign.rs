//! `mentor-match assign`: solves one assignment problem read from a file and prints the
//! optimum as one JSON object.
//!
//! `MATRIX` is a path, or `-` for standard input, holding either
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
//! {"format":1,"rows":3,"cols":2,"total":1.2,"pairs":[[0,1],[1,0]],"unassigned_rows":[2],
//!  "unassigned_cols":[],"solve_seconds":1.9e-6}
//! ```
//!
//! (the library's `formats::SolutionDocument`; its schema: `mentor-match schema assign`)
//!
//! With `--k-best K` the object also holds `"k_best"`: the `K` best assignments in order of
//! total, the optimum first, each as `{"total": ..., "pairs": [[row, col], ...]}`, without
//! repeats (fewer when the matrix has fewer; under the same rule as the optimum: the most
//! pairs first). `solve_seconds` stays the time of the one optimum's solve.
//!
//! where `total` is the sum of the assigned weights (for `int64`, an exact JSON integer, or a
//! string of digits when it does not fit in 64 bits) and `solve_seconds` is the time of the
//! solve call alone, reading the file excluded. The format is told by the file's extension
//! (`.npy` or `.csv`), by `--format`, or, on standard input, by the first bytes (a `.npy` file
//! starts with `\x93NUMPY`; anything else is read as CSV). On bad input (a missing or
//! unreadable file, an unknown extension, a file the library's reader rejects, `-inf` when
//! minimising, `+inf` when maximising, a missing argument or an unknown flag) it prints one
//! line on standard error, nothing on standard output, and exits with code 2.

use crate::Failure;
use crate::input::Source;
use mentor_match::assignment::{Matrix, Options, Sense, Weight, k_best, solve};
use mentor_match::formats::{MatrixFormat, SolutionDocument, Total, WeightMatrix, read_matrix};
use std::time::Instant;

/// `mentor-match assign`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// A .npy file holding a 2-D float64 or int64 array, or a .csv file with one row of
    /// comma-separated numbers per line (inf, +inf, -inf allowed); `-` for standard input.
    #[arg(value_name = "MATRIX")]
    pub file: Source,
    /// Maximise the total (default: minimise); -inf forbids a cell when maximising, +inf when
    /// minimising (int64: the smallest/largest int64).
    #[arg(long)]
    pub maximize: bool,
    /// The file's format, when its extension does not tell (default: from the extension, or
    /// from the first bytes on standard input).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Also list the K best assignments in order of total (the optimum first), under
    /// "k_best"; K from 1 to 1000.
    #[arg(long, allow_negative_numbers = true, value_name = "K", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub k_best: Option<u16>,
}

/// A matrix file's format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// numpy's `.npy`.
    Npy,
    /// CSV, one matrix row per line.
    Csv,
}

/// Reads the matrix `args` names, solves it and renders the report.
///
/// # Errors
///
/// [`Failure::Input`] naming the file: an unreadable file, an unknown format, a file the
/// library rejects, or a matrix the engine cannot solve in the asked sense.
pub fn run(args: &Args) -> Result<String, Failure> {
    let sense = if args.maximize {
        Sense::Maximize
    } else {
        Sense::Minimize
    };
    let source = &args.file;
    // A file that cannot be read is said first, whatever its name.
    let named = format(args).or_else(|unsupported| source.open().and(Err(unsupported)))?;
    let bytes = source.read_matrix_bytes(named)?;
    let format = named.unwrap_or_else(|| MatrixFormat::from_bytes(&bytes));
    let k = args.k_best.map(usize::from);
    let json = solve_bytes(&bytes, format, sense, k)
        .map_err(|m| Failure::Input(format!("{}: {m}", source.name())))?;
    Ok(format!("{json}\n"))
}

/// The format `--format` names or the path's extension tells; `None` for standard input
/// without `--format`, whose first bytes tell.
fn format(args: &Args) -> Result<Option<MatrixFormat>, Failure> {
    let format = match (args.format, args.file.path()) {
        (Some(Format::Npy), _) => MatrixFormat::Npy,
        (Some(Format::Csv), _) => MatrixFormat::Csv,
        (None, Some(path)) => MatrixFormat::from_path(path).ok_or_else(|| {
            Failure::Input(format!(
                "{}: unsupported file type: expected a .npy or a .csv file (or --format)",
                args.file.name()
            ))
        })?,
        (None, None) => return Ok(None),
    };
    Ok(Some(format))
}

/// Reads the matrix in `bytes`, solves it in `sense` and renders the report, with the `k`
/// best assignments when asked.
fn solve_bytes(
    bytes: &[u8],
    format: MatrixFormat,
    sense: Sense,
    k: Option<usize>,
) -> Result<String, String> {
    match read_matrix(bytes, format).map_err(|e| e.to_string())? {
        WeightMatrix::F64(m) => report(&m, sense, k),
        WeightMatrix::I64(m) => report(&m, sense, k),
    }
}

/// Solves `m` and renders the library's [`SolutionDocument`] of the optimum, with the `k`
/// best assignments when asked.
fn report<T: Weight>(m: &Matrix<T>, sense: Sense, k: Option<usize>) -> Result<String, String>
where
    T::Total: Into<Total>,
{
    let start = Instant::now();
    let solution = solve(m, sense);
    let solve_seconds = start.elapsed().as_secs_f64();
    let solution = solution.map_err(|e| e.to_string())?;
    let mut document = SolutionDocument::new(m, &solution, solve_seconds);
    if let Some(k) = k {
        let best = k_best(m, Options::new(sense), k).map_err(|e| e.to_string())?;
        document = document.with_k_best(&best);
    }
    serde_json::to_string(&document).map_err(|e| format!("cannot render the result: {e}"))
}
