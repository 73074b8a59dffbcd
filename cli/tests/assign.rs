//! `mentor-match assign` in process: matrices from `.npy` and CSV files through the engine, the
//! JSON it prints, the arguments as clap reads them, and the messages of bad files.

mod common;
use common::{input_error, missing_file, parse, run, usage_error};
use mentor_match_cli::Command;
use mentor_match_cli::commands::assign::{Args, Format};
use mentor_match_cli::input::Source;
use serde_json::Value;
use std::path::PathBuf;

/// A file under the test's private temporary directory holding `bytes`.
fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    common::temp_file("assign", name, bytes)
}

/// `mentor-match assign` with `list` after the subcommand.
fn assign(list: &[&str]) -> Result<String, mentor_match_cli::Failure> {
    let args: Vec<&str> = std::iter::once("assign")
        .chain(list.iter().copied())
        .collect();
    run(&args)
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
    let out = assign(list).unwrap();
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
    let err = input_error(assign(&[file, "--maximize"]));
    assert!(
        err.starts_with(&format!("`{file}`: matrix cell (1, 1)")),
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
        (
            "mistakes.csv",
            b"1, x\n3\nnan, 4\n".to_vec(),
            "3 mistakes found:\n- CSV line 1, value 2: `x` is not a number\n- CSV line 2: 1 \
             value, but the first line has 2: every line needs the same number of values\n- CSV \
             line 3, value 1: `nan`: NaN is not a weight",
        ),
    ] {
        let path = temp_file(name, &bytes);
        let file = path.to_str().unwrap();
        let err = input_error(assign(&[file]));
        assert!(err.starts_with(&format!("`{file}`: {message}")), "{err}");
    }
    let missing = missing_file("assign-none.csv");
    let err = input_error(assign(&[&missing]));
    assert!(
        err.starts_with(&format!("cannot read `{missing}`: ")),
        "{err}"
    );
}

#[test]
fn format_flag_overrides_the_extension() {
    let path = temp_file("costs.txt", b"4, 1\n2, 3\n");
    let file = path.to_str().unwrap();
    // Without `--format`, the extension does not tell.
    let err = input_error(assign(&[file]));
    assert!(
        err.starts_with(&format!("`{file}`: unsupported file type")),
        "{err}"
    );
    let json = solved(&["--format", "csv", file]);
    assert_eq!(json["pairs"], serde_json::json!([[0, 1], [1, 0]]));
    assert_eq!(json["total"], 3.0);
    // Read as a .npy file, the same bytes are the reader's error, after the file name.
    let err = input_error(assign(&[file, "--format=npy"]));
    assert!(err.starts_with(&format!("`{file}`: .npy file")), "{err}");
}

#[test]
fn k_best_lists_the_best_assignments_in_order() {
    // 2 x 3, minimised: every assignment of both rows, best first.
    let path = temp_file("k_best.csv", b"4, 1, 3\n2, 0, 5\n");
    let file = path.to_str().unwrap();
    let json = solved(&[file, "--k-best", "4"]);
    let best = json["k_best"].as_array().unwrap();
    let totals: Vec<f64> = best.iter().map(|a| a["total"].as_f64().unwrap()).collect();
    assert_eq!(totals, [3.0, 3.0, 4.0, 5.0]);
    // The optimum comes first, as the document's own pairs.
    assert_eq!(best[0]["pairs"], json["pairs"]);
    let pairs: Vec<&Value> = best.iter().map(|a| &a["pairs"]).collect();
    for (k, p) in pairs.iter().enumerate() {
        assert!(!pairs[..k].contains(p), "{p} repeated");
    }
    // Six assignments in all: asking for more lists them all.
    let json = solved(&[file, "--k-best", "1000"]);
    assert_eq!(json["k_best"].as_array().unwrap().len(), 6);
    // Not asked for: no field at all.
    assert!(solved(&[file]).get("k_best").is_none());
    for bad in ["0", "1001", "two"] {
        let err = usage_error(assign(&[file, "--k-best", bad]));
        assert!(err.contains("--k-best"), "{bad}: {err}");
    }
}

#[test]
fn arguments_are_checked_and_help_wins() {
    let err = usage_error(assign(&["--fast", "a.csv"]));
    assert!(err.contains("unexpected argument '--fast'"), "{err}");
    let err = usage_error(assign(&["a.csv", "b.csv"]));
    assert!(err.contains("unexpected argument 'b.csv'"), "{err}");
    let err = usage_error(assign(&[]));
    assert!(
        err.contains("required") && err.contains("<MATRIX>"),
        "{err}"
    );
    let err = usage_error(assign(&["a.csv", "--format", "xml"]));
    assert!(err.contains("invalid value 'xml'"), "{err}");
    let help = assign(&["--help"]).unwrap();
    assert!(
        help.contains("Usage: mentor-match assign [OPTIONS] <MATRIX>"),
        "{help}"
    );
    for option in [
        "--maximize",
        "--format",
        "--k-best",
        "npy",
        "csv",
        "standard input",
    ] {
        assert!(help.contains(option), "help lacks {option}:\n{help}");
    }
    assert_eq!(assign(&["missing.csv", "--help"]).unwrap(), help);
    let short = assign(&["-h"]).unwrap();
    assert_eq!(assign(&["missing.csv", "-h"]).unwrap(), short);
    // After `--`, a name that starts with `-` is a file.
    let err = input_error(assign(&["--", "-odd.csv"]));
    assert!(err.starts_with("cannot read `-odd.csv`"), "{err}");
    let parsed = |list: &[&str]| match parse(list).unwrap() {
        Command::Assign(args) => args,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        parsed(&["assign", "-", "--maximize", "--format", "npy"]),
        Args {
            file: Source::Stdin,
            maximize: true,
            format: Some(Format::Npy),
            k_best: None,
        }
    );
    assert_eq!(
        parsed(&["assign", "--", "-odd.csv"]),
        Args {
            file: Source::File(PathBuf::from("-odd.csv")),
            maximize: false,
            format: None,
            k_best: None,
        }
    );
}
