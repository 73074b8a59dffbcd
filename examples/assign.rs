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
//! unknown extension, an array that is not 2-D or not `float64`/`int64`, a ragged or unparsable
//! CSV, NaN, `-inf` when minimising, `+inf` when maximising, a missing argument or an unknown
//! flag) it prints one line on standard error, nothing on standard output, and exits with
//! code 2.

use mentor_match::assignment::{Matrix, Sense, Weight, solve};
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

/// A matrix as read from a file, in the weight type its file holds.
enum Input {
    Float(Matrix<f64>),
    Int(Matrix<i64>),
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
    let command = match parse_args(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => return fail(&format!("{message} (see --help)")),
    };
    let (file, sense) = match command {
        // A closed pipe is no reason to fail when printing help.
        Command::Help => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::Solve { file, sense } => (file, sense),
    };
    let solved = read_matrix(&file).and_then(|input| match input {
        Input::Float(m) => report(&m, sense, float_total),
        Input::Int(m) => report(&m, sense, int_total),
    });
    let json = match solved {
        Ok(json) => json,
        Err(message) => return fail(&format!("{}: {message}", file.display())),
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{json}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("assign: cannot write the result: {e}");
            ExitCode::FAILURE
        }
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

fn read_matrix(path: &Path) -> Result<Input, String> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("npy") => read_npy(path),
        Some("csv") => read_csv(path).map(Input::Float),
        _ => Err("unsupported file type: expected a .npy or a .csv file".to_owned()),
    }
}

/// Reads a 2-D `float64` or `int64` array from a `.npy` file.
fn read_npy(path: &Path) -> Result<Input, String> {
    use npyz::{DType, NpyFile, Order, TypeChar};

    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let bad = |e: std::io::Error| format!("not a valid .npy file: {e}");
    // npyz multiplies the dimensions of the header unchecked, which panics on overflow in a
    // debug build: a corrupt header must come back as an error all the same.
    let file = without_panic_message(|| NpyFile::new(&bytes[..]))
        .ok_or("not a valid .npy file: its header describes an impossibly large array")?
        .map_err(bad)?;
    let header = file.header().clone();
    let (rows, cols) = match header.shape() {
        &[rows, cols] => (rows, cols),
        shape => {
            return Err(format!(
                "the array has {} dimensions (shape {shape:?}); a 2-D matrix is needed",
                shape.len()
            ));
        }
    };
    let kind = match header.dtype() {
        DType::Plain(t) if t.size_field() == 8 && t.type_char() == TypeChar::Float => 'f',
        DType::Plain(t) if t.size_field() == 8 && t.type_char() == TypeChar::Int => 'i',
        other => {
            return Err(format!(
                "unsupported dtype {}: expected float64 or int64 (convert with \
                 a.astype(numpy.float64) or a.astype(numpy.int64))",
                other.descr()
            ));
        }
    };
    let too_large = || format!("a {rows} x {cols} matrix is too large for this machine");
    let rows = usize::try_from(rows).map_err(|_| too_large())?;
    let cols = usize::try_from(cols).map_err(|_| too_large())?;
    let len = rows.checked_mul(cols).ok_or_else(too_large)?;
    // Check the data's size before reading, so a lying header cannot ask for a huge buffer.
    let data: &[u8] = file.into_inner();
    if len.checked_mul(8) != Some(data.len()) {
        return Err(format!(
            "not a valid .npy file: a {rows} x {cols} array of 8-byte values needs {} bytes of \
             data, the file holds {}",
            len.saturating_mul(8),
            data.len()
        ));
    }
    let file = NpyFile::with_header(header.clone(), data);
    let fortran = header.order() == Order::Fortran;
    match kind {
        'f' => {
            let v = file.into_vec::<f64>().map_err(bad)?;
            let v = if fortran { transpose(v, rows, cols) } else { v };
            Matrix::from_vec(rows, cols, v).map(Input::Float)
        }
        _ => {
            let v = file.into_vec::<i64>().map_err(bad)?;
            let v = if fortran { transpose(v, rows, cols) } else { v };
            Matrix::from_vec(rows, cols, v).map(Input::Int)
        }
    }
    .map_err(|e| e.to_string())
}

/// Runs `f`, turning a panic into `None` without printing the panic message.
fn without_panic_message<R>(f: impl FnOnce() -> R) -> Option<R> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result.ok()
}

/// Row-major copy of a `rows x cols` matrix stored column by column (Fortran order).
fn transpose<T: Copy>(column_major: Vec<T>, rows: usize, cols: usize) -> Vec<T> {
    if rows <= 1 || cols <= 1 {
        return column_major;
    }
    let mut out = Vec::with_capacity(column_major.len());
    for r in 0..rows {
        out.extend((0..cols).map(|c| column_major[c * rows + r]));
    }
    out
}

/// Reads a CSV of numbers, one matrix row per line.
fn read_csv(path: &Path) -> Result<Matrix<f64>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let mut data = Vec::new();
    let mut cols = None;
    let mut rows = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(format!("cannot read the CSV: {e}")),
        }
        let line = record.position().map_or(rows + 1, |p| p.line() as usize);
        match cols {
            None => cols = Some(record.len()),
            Some(n) if n != record.len() => {
                return Err(format!(
                    "line {line} has {} values, the first row has {n}: every row needs the \
                     same number",
                    record.len()
                ));
            }
            Some(_) => {}
        }
        for (c, field) in record.iter().enumerate() {
            let at = format!("line {line}, value {}", c + 1);
            if field.is_empty() {
                return Err(format!("{at} is empty"));
            }
            let x: f64 = field
                .parse()
                .map_err(|_| format!("{at}: `{field}` is not a number"))?;
            if x.is_nan() {
                return Err(format!("{at}: NaN is not a weight"));
            }
            data.push(x);
        }
        rows += 1;
    }
    Matrix::from_vec(rows, cols.unwrap_or(0), data).map_err(|e| e.to_string())
}
