//! Solves the assignment problem in a `.npy` or CSV file with the library's readers and engine,
//! and prints the optimum as the library's JSON document: the shortest path from a matrix file
//! to a certified optimum, in Rust.
//!
//! ```text
//! cargo run --release --example assign -- costs.npy      # minimise
//! cargo run --release --example assign -- gains.csv max  # maximise
//! ```
//!
//! The command-line tool does the same with every convention of a tool (`-` for standard
//! input, `--help`, exit codes): `mentor-match assign FILE [--maximize]`. This example stays
//! because the peers script (`../shared/peers/compare_lap.py`) times it against scipy and
//! LAPJV, reading `total` and `solve_seconds` from what it prints.

use mentor_match::assignment::{Matrix, Sense, Weight, solve};
use mentor_match::formats::{MatrixFormat, SolutionDocument, Total, WeightMatrix, read_matrix};
use std::error::Error;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: assign FILE [max]")?);
    let sense = match args.next().as_deref() {
        Some("max") => Sense::Maximize,
        _ => Sense::Minimize,
    };
    let format = MatrixFormat::from_path(&path).ok_or("expected a .npy or a .csv file")?;
    let bytes = std::fs::read(&path)?;
    let json = match read_matrix(&bytes, format)? {
        WeightMatrix::F64(m) => document(&m, sense)?,
        WeightMatrix::I64(m) => document(&m, sense)?,
    };
    println!("{json}");
    Ok(())
}

/// Solves `m`, timing the solve call alone, and writes the document as one line of JSON.
fn document<T: Weight>(m: &Matrix<T>, sense: Sense) -> Result<String, Box<dyn Error>>
where
    T::Total: Into<Total>,
{
    let start = Instant::now();
    let solution = solve(m, sense)?;
    let seconds = start.elapsed().as_secs_f64();
    Ok(serde_json::to_string(&SolutionDocument::new(
        m, &solution, seconds,
    ))?)
}
