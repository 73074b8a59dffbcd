//! Runs the logic of `examples/assign.rs` for real: matrices from `.npy` and CSV files through
//! the engine, the JSON it prints, and the messages of bad arguments and bad files.
#![cfg(feature = "csv")]

// The example's source, included as a module; its `main` is unused here.
#[allow(dead_code)]
#[path = "../examples/assign.rs"]
mod assign_example;

use assign_example::run;
use serde_json::Value;
use std::ffi::OsString;
use std::path::PathBuf;

/// A file under the test's private temporary directory holding `bytes`.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("assign_example-{name}"));
    std::fs::write(&path, bytes).unwrap();
    path
}

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

/// A version 1.0 `.npy` file of a `rows × cols` C-order array of `descr` with `data`.
fn npy(descr: &str, rows: usize, cols: usize, data: &[u8]) -> Vec<u8> {
    let header =
        format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}\n");
    let mut file = b"\x93NUMPY\x01\x00".to_vec();
    file.extend(u16::try_from(header.len()).unwrap().to_le_bytes());
    file.extend(header.as_bytes());
    file.extend(data);
    file
}

/// The JSON the program prints for `list`, which must succeed.
fn solved(list: &[&str]) -> Value {
    let out = run(&args(list)).unwrap();
    assert!(
        out.ends_with('\n') && !out.trim_end().contains('\n'),
        "{out}"
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_csv_is_solved_both_ways() {
    // Three juniors, two seniors; junior 1 may not take senior 1 when minimising.
    let path = temp_file("costs.csv", b"4, 1\n2, inf\n3, 5\n");
    let file = path.to_str().unwrap();
    let json = solved(&[file]);
    assert_eq!(
        (json["rows"].as_u64(), json["cols"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(json["pairs"], serde_json::json!([[0, 1], [1, 0]]));
    assert_eq!(json["total"], 3.0);
    assert_eq!(json["unassigned_rows"], serde_json::json!([2]));
    assert!(json["solve_seconds"].as_f64().unwrap() >= 0.0);
    // +inf cannot be maximised.
    let err = run(&args(&[file, "--maximize"])).unwrap_err();
    assert!(
        err.starts_with(&format!("{file}: matrix cell (1, 1)")),
        "{err}"
    );
    let gains = temp_file("gains.csv", b"4, 1\n2, -inf\n3, 5\n");
    let json = solved(&["--maximize", gains.to_str().unwrap()]);
    assert_eq!(json["pairs"], serde_json::json!([[0, 0], [2, 1]]));
    assert_eq!(json["total"], 9.0);
}

#[test]
fn an_int64_npy_gives_an_exact_integer_total() {
    let big = i64::MAX / 2;
    let data: Vec<u8> = [big, 1, 1, big]
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect();
    let path = temp_file("big.npy", &npy("<i8", 2, 2, &data));
    let json = solved(&["--maximize", path.to_str().unwrap()]);
    assert_eq!(json["pairs"], serde_json::json!([[0, 0], [1, 1]]));
    // 2 * (i64::MAX / 2) fits in 64 bits, exactly.
    assert_eq!(json["total"].as_i64(), Some(2 * big));
}

#[test]
fn an_upper_case_extension_and_an_empty_matrix_are_fine() {
    let path = temp_file("empty.NPY", &npy("<f8", 0, 3, &[]));
    let json = solved(&[path.to_str().unwrap()]);
    assert_eq!(json["unassigned_cols"], serde_json::json!([0, 1, 2]));
    assert_eq!(json["pairs"], serde_json::json!([]));
}

#[test]
fn bad_files_are_the_librarys_errors_after_the_file_name() {
    for (name, bytes, message) in [
        (
            "huge.npy",
            npy("<f8", 0, 1_000_000_000_000, &[]),
            ".npy file, header field `shape`: shape (0, 1000000000000) has a dimension larger \
             than the whole file",
        ),
        (
            "float32.npy",
            npy("<f4", 1, 1, &[0; 4]),
            ".npy file, header field `descr`: unsupported dtype `<f4`",
        ),
        (
            "overflow.csv",
            b"1, 1e400\n".to_vec(),
            "CSV line 1, value 2: `1e400` is too large for a 64-bit float",
        ),
        (
            "ragged.csv",
            b"1, 2\n3\n".to_vec(),
            "CSV line 2: 1 value, but the first line has 2",
        ),
        (
            "matrix.txt",
            b"1".to_vec(),
            "unsupported file type: expected a .npy or a .csv file",
        ),
    ] {
        let path = temp_file(name, &bytes);
        let file = path.to_str().unwrap();
        let err = run(&args(&[file])).unwrap_err();
        assert!(err.starts_with(&format!("{file}: {message}")), "{err}");
    }
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("assign_example-none.csv");
    let err = run(&args(&[missing.to_str().unwrap()])).unwrap_err();
    assert!(err.contains("cannot read the file: "), "{err}");
}

#[test]
fn arguments_are_checked_and_help_wins() {
    assert_eq!(
        run(&args(&["--fast", "a.csv"])).unwrap_err(),
        "unknown option `--fast` (see --help)"
    );
    assert_eq!(
        run(&args(&["a.csv", "b.csv"])).unwrap_err(),
        "one FILE expected, got `a.csv` and `b.csv` (see --help)"
    );
    assert_eq!(run(&[]).unwrap_err(), "no FILE given (see --help)");
    let help = run(&args(&["--help"])).unwrap();
    assert!(
        help.starts_with("usage: assign FILE [--maximize]"),
        "{help}"
    );
    assert_eq!(run(&args(&["missing.csv", "-h"])).unwrap(), help);
    // After `--`, a name that starts with `-` is a file.
    let err = run(&args(&["--", "-odd.csv"])).unwrap_err();
    assert!(err.starts_with("-odd.csv: cannot read the file"), "{err}");
}
