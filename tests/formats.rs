//! The file formats of `mentor_match::formats`, read as a hostile user writes them: every error
//! of each reader with the place it names, the edge cases of numbers, declared sizes out of
//! proportion to the file, and round trips of matrices written by hand.

mod common;

use mentor_match::MatrixError;
use mentor_match::assignment::Matrix;
#[cfg(feature = "csv")]
use mentor_match::formats::read_csv;
use mentor_match::formats::{DEFAULT_TOP_K, INSTANCE_KEYS, Instance, WeightMatrix, read_npy};
use mentor_match::strategy::NAMES;
use proptest::prelude::*;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// A tiny .npy writer, as numpy.save lays a file out (numpy.lib.format).

/// A `.npy` file of `version` (1, 2 or 3) with `header` (the dict text, padded and ended by a
/// newline here) and `data`.
fn npy_file(version: u8, header: &str, data: &[u8]) -> Vec<u8> {
    let mut text = header.to_owned();
    // numpy pads with spaces so the data starts on a multiple of 64 bytes, then a newline.
    let prefix = if version == 1 { 10 } else { 12 };
    while !(prefix + text.len() + 1).is_multiple_of(64) {
        text.push(' ');
    }
    text.push('\n');
    let mut file = b"\x93NUMPY".to_vec();
    file.extend([version, 0]);
    if version == 1 {
        file.extend(u16::try_from(text.len()).unwrap().to_le_bytes());
    } else {
        file.extend(u32::try_from(text.len()).unwrap().to_le_bytes());
    }
    file.extend(text.as_bytes());
    file.extend(data);
    file
}

/// numpy's header text for `descr`, order and shape.
fn header(descr: &str, fortran: bool, shape: &str) -> String {
    let order = if fortran { "True" } else { "False" };
    format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {shape}, }}")
}

/// The bytes of `values` as 8-byte floats, little- or big-endian.
fn f64_bytes(values: &[f64], big_endian: bool) -> Vec<u8> {
    values
        .iter()
        .flat_map(|x| {
            if big_endian {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            }
        })
        .collect()
}

/// The bytes of `values` as 8-byte integers, little- or big-endian.
fn i64_bytes(values: &[i64], big_endian: bool) -> Vec<u8> {
    values
        .iter()
        .flat_map(|x| {
            if big_endian {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            }
        })
        .collect()
}

/// A C-order little-endian `float64` file of the `rows × cols` row-major `values`.
fn f64_npy(rows: usize, cols: usize, values: &[f64]) -> Vec<u8> {
    npy_file(
        1,
        &header("<f8", false, &format!("({rows}, {cols})")),
        &f64_bytes(values, false),
    )
}

/// The column-major copy of a `rows × cols` row-major buffer.
fn column_major<T: Copy>(rows: usize, cols: usize, values: &[T]) -> Vec<T> {
    (0..cols)
        .flat_map(|c| (0..rows).map(move |r| values[r * cols + c]))
        .collect()
}

/// The error of reading `file` as `.npy`, which must be an [`MatrixError::Npy`]: `(at, why)`.
fn npy_error(file: &[u8]) -> (&'static str, String) {
    match read_npy(file) {
        Err(MatrixError::Npy { at, why }) => (at, why),
        other => panic!("expected a .npy error, got {other:?}"),
    }
}

/// A header with `shape` and no data: the smallest file that declares a shape.
fn empty_with_shape(shape: &str) -> Vec<u8> {
    npy_file(1, &header("<f8", false, shape), &[])
}

// ---------------------------------------------------------------------------------------------
// .npy: what is read.

#[test]
fn npy_reads_float64_in_both_byte_and_memory_orders_and_every_version() {
    let values = [0.5, -1.0, f64::INFINITY, 2.25, 0.0, f64::NEG_INFINITY];
    let expected = Matrix::from_vec(2, 3, values.to_vec()).unwrap();
    for version in [1, 2, 3] {
        for big_endian in [false, true] {
            for fortran in [false, true] {
                let descr = if big_endian { ">f8" } else { "<f8" };
                let stored = if fortran {
                    column_major(2, 3, &values)
                } else {
                    values.to_vec()
                };
                let file = npy_file(
                    version,
                    &header(descr, fortran, "(2, 3)"),
                    &f64_bytes(&stored, big_endian),
                );
                let read = read_npy(&file).unwrap();
                assert_eq!(
                    read,
                    WeightMatrix::F64(expected.clone()),
                    "version {version}, {descr}, fortran {fortran}"
                );
            }
        }
    }
}

#[test]
fn npy_reads_int64_with_the_extremes_that_forbid_a_cell() {
    let values = [i64::MAX, -3, 0, i64::MIN, 7, 1 << 40];
    for big_endian in [false, true] {
        for fortran in [false, true] {
            let descr = if big_endian { ">i8" } else { "<i8" };
            let stored = if fortran {
                column_major(3, 2, &values)
            } else {
                values.to_vec()
            };
            let file = npy_file(
                2,
                &header(descr, fortran, "(3, 2)"),
                &i64_bytes(&stored, big_endian),
            );
            let WeightMatrix::I64(m) = read_npy(&file).unwrap() else {
                panic!("int64 expected")
            };
            assert_eq!(m.as_slice(), values, "{descr}, fortran {fortran}");
            assert_eq!((m.rows(), m.cols()), (3, 2));
        }
    }
}

#[test]
fn npy_header_spellings_numpy_and_others_write_are_read() {
    let data = f64_bytes(&[1.0, 2.0], false);
    for text in [
        // numpy's own, keys in its order.
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
        // No trailing comma, keys in another order, double quotes.
        "{\"shape\": (1, 2), \"fortran_order\": False, \"descr\": \"<f8\"}",
        // Python 2's long integers, as old numpy wrote them.
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1L, 2L), }",
        // A list for the shape, whitespace everywhere, a trailing comma in the shape.
        "{ 'descr' : '<f8' ,\t'fortran_order':False,'shape':[ 1 , 2 , ] }",
    ] {
        let m = read_npy(&npy_file(1, text, &data)).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((m.rows(), m.cols()), (1, 2), "{text}");
    }
}

#[test]
fn npy_empty_arrays_are_read_up_to_the_files_size() {
    for shape in ["(0, 0)", "(0, 5)", "(7, 0)"] {
        let m = read_npy(&empty_with_shape(shape)).unwrap();
        assert_eq!(m.rows() * m.cols(), 0, "{shape}");
    }
    // The file is 128 bytes long: a dimension of 128 is allowed, 129 is not.
    let at_limit = empty_with_shape("(0, 128)");
    assert_eq!(at_limit.len(), 128);
    assert_eq!(read_npy(&at_limit).unwrap().cols(), 128);
    let beyond = empty_with_shape("(129, 0)");
    assert_eq!(beyond.len(), 128);
    let (at, why) = npy_error(&beyond);
    assert_eq!(at, "header field `shape`");
    assert_eq!(
        why,
        "shape (129, 0) has a dimension larger than the whole file (128 bytes); no dimension \
         may exceed the file's size in bytes"
    );
}

// ---------------------------------------------------------------------------------------------
// .npy: every error, with the place it names.

#[test]
fn npy_huge_declared_shapes_are_refused_before_any_allocation() {
    for (shape, shown) in [
        ("(0, 1000000000000)", "(0, 1000000000000)"),
        ("(0, 18446744073709551615)", "(0, 18446744073709551615)"),
        ("(0, 100000000)", "(0, 100000000)"),
        ("(100000000, 0)", "(100000000, 0)"),
        ("(4294967296, 4294967296)", "(4294967296, 4294967296)"),
    ] {
        let started = Instant::now();
        let (at, why) = npy_error(&empty_with_shape(shape));
        assert_eq!(at, "header field `shape`", "{shape}");
        assert!(why.contains(shown), "{shape}: {why}");
        assert!(why.contains("larger than the whole file"), "{shape}: {why}");
        assert!(started.elapsed() < Duration::from_millis(100), "{shape}");
    }
    // A dimension beyond 64 bits.
    let (at, why) = npy_error(&empty_with_shape("(0, 18446744073709551616)"));
    assert_eq!(at, "header field `shape`");
    assert_eq!(
        why,
        "the dimension 18446744073709551616 does not fit in 64 bits"
    );
}

#[test]
fn npy_shape_and_data_length_must_agree() {
    let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let good = f64_npy(2, 3, &values);
    assert!(read_npy(&good).is_ok());
    // Truncated by one value, by one byte; one value too many; a header that claims more.
    for (file, holds) in [
        (good[..good.len() - 8].to_vec(), 40),
        (good[..good.len() - 1].to_vec(), 47),
        ([&good[..], &[0; 8]].concat(), 56),
    ] {
        let (at, why) = npy_error(&file);
        assert_eq!(at, "data");
        assert_eq!(
            why,
            format!(
                "shape (2, 3) of 8-byte values needs 48 bytes of data, the file holds {holds} \
                 after its header"
            )
        );
    }
    let lying = npy_file(
        1,
        &header("<f8", false, "(3, 3)"),
        &f64_bytes(&values, false),
    );
    let (at, why) = npy_error(&lying);
    assert_eq!(at, "data");
    assert!(why.starts_with("shape (3, 3) of 8-byte values needs 72 bytes"));
}

#[test]
fn npy_shapes_that_are_not_two_dimensional_are_errors() {
    for (shape, dims, shown) in [
        ("()", 0, "()"),
        ("(6,)", 1, "(6,)"),
        ("(1, 2, 3)", 3, "(1, 2, 3)"),
        (
            "(1, 1, 1, 1, 1, 1, 1, 1)",
            8,
            "(1, 1, 1, 1, 1, 1, ... 8 dimensions in all)",
        ),
    ] {
        let file = npy_file(
            1,
            &header("<f8", false, shape),
            &f64_bytes(&[0.0; 6], false),
        );
        let (at, why) = npy_error(&file);
        assert_eq!(at, "header field `shape`");
        assert_eq!(
            why,
            format!("the array has {dims} dimensions (shape {shown}); a 2-D matrix is needed")
        );
    }
}

#[test]
fn npy_dtypes_other_than_float64_and_int64_are_errors() {
    for descr in ["<f4", "|u1", "<U5", "<c16", "<u8", "=f8", "|f8", "<M8[s]"] {
        let file = npy_file(1, &header(descr, false, "(1, 1)"), &[0; 8]);
        let (at, why) = npy_error(&file);
        assert_eq!(at, "header field `descr`", "{descr}");
        assert!(
            why.starts_with(&format!("unsupported dtype `{descr}`: expected float64")),
            "{why}"
        );
        assert!(why.contains("a.astype(numpy.float64)"), "{why}");
    }
    let structured = npy_file(
        1,
        "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1, 1), }",
        &[0; 8],
    );
    let (at, why) = npy_error(&structured);
    assert_eq!(at, "header field `descr`");
    assert!(
        why.starts_with("a structured dtype is not supported"),
        "{why}"
    );
}

#[test]
fn npy_broken_headers_name_the_part_at_fault() {
    let data = f64_bytes(&[1.0], false);
    let cases: [(&str, &str, &str); 13] = [
        (
            "[1, 2]",
            "header",
            "expected a dict (`{`) at byte 0 of the header, found `[1, 2]",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False}",
            "header",
            "the key `shape` is missing",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), 'shape': (1, 1)}",
            "header",
            "key `shape` appears twice",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), 'x': 0}",
            "header",
            "unknown key `x`",
        ),
        (
            "{'descr': '<f8', 'fortran_order': false, 'shape': (1, 1)}",
            "header field `fortran_order`",
            "expected `True` or `False`",
        ),
        (
            "{'descr': '<f8', 'fortran_order': Falsey, 'shape': (1, 1)}",
            "header field `fortran_order`",
            "expected `True` or `False`",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, -1)}",
            "header field `shape`",
            "expected a dimension of at least 0",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1.5)}",
            "header field `shape`",
            "expected a `,` or the end of the shape",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': 1}",
            "header field `shape`",
            "expected a tuple of dimensions",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1)} junk",
            "header",
            "unexpected text after the dict's closing brace",
        ),
        (
            "{'descr': '<f8' 'fortran_order': False, 'shape': (1, 1)}",
            "header",
            "expected a `,` or `}` after a value",
        ),
        (
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1)",
            "header",
            "expected a `,` or `}` after a value",
        ),
        (
            "{'descr': '<\\x66\\x38', 'fortran_order': False, 'shape': (1, 1)}",
            "header field `descr`",
            "holds a backslash",
        ),
    ];
    for (text, at, start) in cases {
        let (found_at, why) = npy_error(&npy_file(1, text, &data));
        assert_eq!(found_at, at, "{text}: {why}");
        assert!(why.contains(start), "{text}: {why}");
    }
    let (at, why) = npy_error(&npy_file(1, "{'descr", &data));
    assert_eq!(at, "header");
    assert!(
        why.starts_with("a string that starts at byte 1 never ends"),
        "{why}"
    );
}

#[test]
fn npy_magic_version_and_header_length_are_checked() {
    let good = f64_npy(1, 1, &[1.0]);
    assert_eq!(npy_error(b"").0, "magic");
    assert_eq!(npy_error(b"\x93NUMP").0, "magic");
    let (at, why) = npy_error(b"PK\x03\x04 a zip file, say an .npz");
    assert_eq!(at, "magic");
    assert!(why.starts_with("the file does not start with numpy's magic string"));
    assert_eq!(npy_error(&good[..7]).0, "version");
    assert_eq!(npy_error(&good[..9]).0, "header length");
    let mut v4 = good.clone();
    v4[6] = 4;
    let (at, why) = npy_error(&v4);
    assert_eq!(at, "version");
    assert_eq!(why, "version 4.0 is not one numpy writes (1.0, 2.0 or 3.0)");
    // A header length beyond the file: version 2 takes 4 bytes, up to 4 GiB.
    let mut lying = b"\x93NUMPY\x02\x00".to_vec();
    lying.extend(u32::MAX.to_le_bytes());
    lying.extend(b"{}");
    let (at, why) = npy_error(&lying);
    assert_eq!(at, "header length");
    assert_eq!(
        why,
        "the header is 4294967295 bytes long, but the file holds only 2 after the length field"
    );
    // Truncated anywhere, the file is an error, never a panic.
    for end in 0..good.len() {
        assert!(read_npy(&good[..end]).is_err(), "truncated at {end}");
    }
}

#[test]
fn npy_nan_is_an_error_naming_the_cell_in_row_major_terms() {
    // Cell (1, 0) of a 2 × 2 matrix stored in Fortran order is the file's second value.
    let file = npy_file(
        1,
        &header("<f8", true, "(2, 2)"),
        &f64_bytes(&[0.0, f64::NAN, 1.0, 2.0], false),
    );
    assert!(matches!(
        read_npy(&file),
        Err(MatrixError::InvalidWeight { row: 1, col: 0, .. })
    ));
}

/// Every fault of a header's keys and values is named: an unknown key (its value passed over,
/// whatever it is), a key given twice, a dtype that is not supported, a missing key, text
/// after the dict. A syntax error ends the list, after what was found before it.
#[test]
fn npy_header_names_every_fault() {
    let faults = |text: &str| -> Vec<String> {
        let err = read_npy(&npy_file(1, text, &[])).unwrap_err();
        err.all()
            .iter()
            .map(|e| match e {
                MatrixError::Npy { at, why } => format!("{at}: {why}"),
                other => panic!("expected an npy error, got {other:?}"),
            })
            .collect()
    };
    let found = faults(
        "{'descr': '<f4', 'x': ('a,}', [1, {2: 3}]), 'descr': '<f8', 'y': True, 'z': -1.5e3, }",
    );
    assert_eq!(found.len(), 7, "{found:#?}");
    for (fault, expected) in found.iter().zip([
        "header field `descr`: unsupported dtype `<f4`",
        "header: unknown key `x`",
        "header: key `descr` appears twice",
        "header: unknown key `y`",
        "header: unknown key `z`",
        "header: the key `fortran_order` is missing",
        "header: the key `shape` is missing",
    ]) {
        assert!(fault.starts_with(expected), "{fault} / {expected}");
    }
    // Every value's fault at once: a dtype, an order that is not a boolean (passed over),
    // and a shape that is not 2-D.
    let found = faults("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2, 2)}");
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].contains("unsupported dtype `<f4`"), "{}", found[0]);
    assert!(
        found[1].contains("expected `True` or `False`"),
        "{}",
        found[1]
    );
    assert!(
        found[2].contains("the array has 3 dimensions"),
        "{}",
        found[2]
    );
    // A dimension larger than the file is named beside the other faults too.
    let found = faults("{'descr': '<i4', 'fortran_order': False, 'shape': (0, 99999999)}");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[1].contains("larger than the whole file"),
        "{}",
        found[1]
    );
    // A structured dtype is passed over as one value; text after the brace is a fault too.
    let found = faults("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (0, 0)} x");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("structured dtype is not supported"),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("unexpected text after the dict's closing brace"),
        "{}",
        found[1]
    );
    // A syntax error ends the reading: what came before it is still named.
    let found = faults("{'x': 1, 'descr' '<f8'}");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("header: unknown key `x`"),
        "{}",
        found[0]
    );
    assert!(
        found[1].contains("expected a `:` after the key"),
        "{}",
        found[1]
    );
    let found = faults("{'x': (1, 2");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[1].contains("the end of a bracketed value"),
        "{}",
        found[1]
    );
    // One fault alone is itself, not a list of one.
    let err = read_npy(&npy_file(1, "{'descr': '<f8', 'shape': (0, 0)}", &[])).unwrap_err();
    assert!(matches!(err, MatrixError::Npy { .. }), "{err:?}");
}

#[test]
fn npy_every_nan_is_named() {
    let file = npy_file(
        1,
        &header("<f8", false, "(2, 2)"),
        &f64_bytes(&[f64::NAN, 1.0, f64::NAN, 2.0], false),
    );
    let err = read_npy(&file).unwrap_err();
    assert_eq!(common::invalid_cells(&err), [(0, 0), (1, 0)]);
}

/// A header of deeply nested brackets is an error at once: it is never parsed as a general
/// Python expression (the parser the example used before took 11 s on 20 levels).
#[test]
fn npy_nested_brackets_cost_nothing() {
    for depth in [20, 25, 400] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for text in [
            format!("{{'descr': '<f8', 'fortran_order': False, 'shape': (0, 0), 'x': {nested}}}"),
            format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {nested}}}"),
            format!("{{'descr': {nested}, 'fortran_order': False, 'shape': (0, 0)}}"),
        ] {
            let started = Instant::now();
            assert!(read_npy(&npy_file(1, &text, &[])).is_err(), "{text}");
            assert!(started.elapsed() < Duration::from_millis(100), "{text}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CSV (feature `csv`), and choosing the format by name.

#[cfg(feature = "csv")]
mod csv {
    use super::*;
    use mentor_match::formats::{MatrixFormat, read_matrix};
    use std::path::Path;

    /// The one mistake of reading `text` as CSV, which must be an [`MatrixError::Csv`]:
    /// `(line, value, why)`.
    fn csv_error(text: &[u8]) -> (usize, usize, String) {
        match read_csv(text) {
            Err(MatrixError::Csv { line, value, why }) => (line, value, why),
            other => panic!("expected one CSV error, got {other:?}"),
        }
    }

    #[test]
    fn csv_reads_numbers_infinities_quotes_bom_and_line_endings() {
        let m = read_csv(
            b"\xEF\xBB\xBF1, -0.5 ,\"2\"\r\n\r\n  .5,inf,-Infinity\r\n+INF,1e-400,5e-324\n",
        )
        .unwrap();
        assert_eq!((m.rows(), m.cols()), (3, 3));
        assert_eq!(
            m.as_slice(),
            [
                1.0,
                -0.5,
                2.0,
                0.5,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::INFINITY,
                0.0,
                5e-324
            ]
        );
        let m = read_csv(b"1.7976931348623157e308,-1.7976931348623157e308").unwrap();
        assert_eq!(m.as_slice(), [f64::MAX, f64::MIN]);
        let empty = read_csv(b"").unwrap();
        assert_eq!((empty.rows(), empty.cols()), (0, 0));
        let blank = read_csv(b"\n\n").unwrap();
        assert_eq!((blank.rows(), blank.cols()), (0, 0));
    }

    #[test]
    fn csv_numbers_too_large_for_f64_are_errors_not_infinities() {
        for (text, value, shown) in [
            (&b"1, 1e400\n"[..], 2, "1e400"),
            (b"-1e400, 1\n", 1, "-1e400"),
            (b"1, 2e308\n", 2, "2e308"),
            (b"1, 1.8e308\n", 2, "1.8e308"),
        ] {
            let (line, at, why) = csv_error(text);
            assert_eq!((line, at), (1, value), "{why}");
            assert_eq!(
                why,
                format!(
                    "`{shown}` is too large for a 64-bit float (at most about 1.8e308); write inf \
                     to forbid a cell"
                )
            );
        }
        let digits = "9".repeat(400);
        let (_, _, why) = csv_error(digits.as_bytes());
        assert!(
            why.starts_with(&format!("`{}...` is too large", &digits[..40])),
            "{why}"
        );
    }

    #[test]
    fn csv_errors_name_the_line_and_value() {
        let cases: [(&[u8], usize, usize, &str); 10] = [
            (b"1, 2\n3\n", 2, 0, "1 value, but the first line has 2"),
            (
                b"1, 2\n3, 4, 5\n",
                2,
                0,
                "3 values, but the first line has 2",
            ),
            (b"1, , 3\n", 1, 2, "the value is empty"),
            (b"1, nan\n", 1, 2, "`nan`: NaN is not a weight"),
            (b"NaN\n", 1, 1, "`NaN`: NaN is not a weight"),
            (b"a, 2\n1, 2\n", 1, 1, "`a` is not a number"),
            (b"1, 2\n\n\n3, x\n", 4, 2, "`x` is not a number"),
            (b"1, 2\r\n\r\n3, 4\r\n\r\n\r\n5\r\n", 6, 0, "1 value"),
            (b"1\r2\r\r\"3\n4\"\r", 4, 1, "`3\n4` is not a number"),
            (b"1, \xFF\xFE\n", 1, 2, "is not UTF-8 text"),
        ];
        for (text, line, value, why) in cases {
            let (found_line, found_value, found) = csv_error(text);
            assert_eq!(
                (found_line, found_value),
                (line, value),
                "{:?}: {found}",
                String::from_utf8_lossy(text)
            );
            assert!(found.contains(why), "{found}");
        }
        let err = read_csv(b"1, 2\n3\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "CSV line 2: 1 value, but the first line has 2: every line needs the same number of \
             values"
        );
        let err = read_csv(b"1, nan\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "CSV line 1, value 2: `nan`: NaN is not a weight"
        );
        // A line of spaces is one empty value: a line too short, and an empty value.
        let err = read_csv(b"1, 2\n   \n").unwrap_err();
        let whys: Vec<String> = err.all().iter().map(|e| e.to_string()).collect();
        assert_eq!(whys.len(), 2, "{err}");
        assert!(
            whys[0].starts_with("CSV line 2: 1 value, but the first line has 2"),
            "{err}"
        );
        assert!(
            whys[1].starts_with("CSV line 2, value 1: the value is empty"),
            "{err}"
        );
        // A byte order mark anywhere but the start is not skipped.
        let (line, value, why) = csv_error(b"1\n\xEF\xBB\xBF2\n");
        assert_eq!((line, value), (2, 1));
        assert!(why.contains("is not a number"), "{why}");
    }

    /// A value of a megabyte, UTF-8 or not, shows as its first 40 characters: the message
    /// stays short, and so does the list of a hundred such values.
    #[test]
    fn csv_huge_values_make_short_messages() {
        for value in [vec![b'x'; 1 << 20], vec![0xFF; 1 << 20]] {
            let (_, _, why) = csv_error(&value);
            assert!(why.len() < 200, "{} bytes", why.len());
            assert!(why.contains("...`") || why.contains("...\""), "{why}");
        }
        let mut text = Vec::new();
        for _ in 0..150 {
            text.extend(vec![0xFE; 10_000]);
            text.push(b'\n');
        }
        let err = read_csv(&text).unwrap_err();
        assert!(
            err.to_string().len() < 100 * 200,
            "{} bytes",
            err.to_string().len()
        );
        assert!(err.to_string().ends_with("\n- and 50 more"), "{err}");
    }

    /// Every mistake of a file is named, in the file's order: each value that is not a
    /// number, each line of another length, however many lines apart (the line numbers are
    /// counted as the reading goes, CRLF and blank lines included).
    #[test]
    fn csv_every_mistake_is_named() {
        let err = read_csv(b"name, role\r\n1, 2\r\n\r\n3\r\n4, x\r\n5, 6, 7\r\n").unwrap_err();
        let named: Vec<(usize, usize)> = err
            .all()
            .iter()
            .map(|e| match e {
                MatrixError::Csv { line, value, .. } => (*line, *value),
                other => panic!("expected a CSV error, got {other:?}"),
            })
            .collect();
        assert_eq!(named, [(1, 1), (1, 2), (4, 0), (5, 2), (6, 0)]);
        assert!(
            err.to_string()
                .starts_with("5 mistakes found:\n- CSV line 1, value 1: `name`")
        );

        // A file of mistakes only: the first hundred are listed, the rest counted, and the
        // reading stays linear in the file (no line counted again from the start).
        let lines = 200_000;
        let text = "x\n".repeat(lines);
        match read_csv(text.as_bytes()) {
            Err(MatrixError::Multiple { errors, more }) => {
                assert_eq!(errors.len(), mentor_match::error::MAX_LISTED);
                assert_eq!(errors.len() + more, lines);
                assert!(matches!(
                    errors[99],
                    MatrixError::Csv {
                        line: 100,
                        value: 1,
                        ..
                    }
                ));
            }
            other => panic!("expected a list, got {other:?}"),
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Choosing the format by name.

    #[test]
    fn matrix_format_follows_the_extension() {
        for (name, format) in [
            ("a.npy", Some(MatrixFormat::Npy)),
            ("dir.csv/a.NpY", Some(MatrixFormat::Npy)),
            ("a.csv", Some(MatrixFormat::Csv)),
            ("a.CSV", Some(MatrixFormat::Csv)),
            ("a.npz", None),
            ("a", None),
            (".npy", None),
        ] {
            assert_eq!(MatrixFormat::from_path(Path::new(name)), format, "{name}");
        }
        let m = read_matrix(&f64_npy(1, 1, &[2.0]), MatrixFormat::Npy).unwrap();
        assert_eq!(
            m,
            WeightMatrix::F64(Matrix::from_vec(1, 1, vec![2.0]).unwrap())
        );
        let m = read_matrix(b"2", MatrixFormat::Csv).unwrap();
        assert_eq!(
            m,
            WeightMatrix::F64(Matrix::from_vec(1, 1, vec![2.0]).unwrap())
        );
        // The bytes of one format given as the other are an error, not a guess.
        assert!(read_matrix(b"2", MatrixFormat::Npy).is_err());
        assert!(read_matrix(&f64_npy(1, 1, &[2.0]), MatrixFormat::Csv).is_err());
    }
    proptest! {
        #![proptest_config(common::config(64))]

        /// Rust's `{:?}` writes the shortest text that reads back to the same `f64`; `inf` and
        /// `-inf` are spelt out.
        #[test]
        fn csv_round_trips(
            (rows, cols, values) in matrix_of(weight()).prop_filter("not empty", |m| m.0 > 0 && m.1 > 0),
            crlf: bool,
            spaces: bool,
        ) {
            let (end, sep) = (if crlf { "\r\n" } else { "\n" }, if spaces { " , " } else { "," });
            let text: String = values
                .chunks(cols)
                .map(|row| {
                    let cells: Vec<String> = row.iter().map(|x| format!("{x:?}")).collect();
                    cells.join(sep) + end
                })
                .collect();
            let m = read_csv(text.as_bytes()).unwrap();
            prop_assert_eq!((m.rows(), m.cols()), (rows, cols));
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            prop_assert_eq!(bits(m.as_slice()), bits(&values));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies instances.

/// The error of `text` as an instance, which must be an [`MatrixError::InstanceJson`]:
/// `(at, why, line)`.
fn instance_error(text: &str) -> (String, String, usize) {
    match Instance::from_json(text) {
        Err(MatrixError::InstanceJson { at, why, line, .. }) => (at, why, line),
        other => panic!("expected an instance error for {text}, got {other:?}"),
    }
}

/// An instance with 1 junior and 2 seniors and `extra` keys.
fn with(extra: &str) -> String {
    format!(r#"{{"junior_gain": [[1, 2]], "senior_gain": [[1, 2]], {extra}}}"#)
}

#[test]
fn instance_defaults_and_options() {
    let instance =
        Instance::from_json(r#"{"junior_gain": [[1, 2]], "senior_gain": [[3, null]]}"#).unwrap();
    assert_eq!(instance.seed(), 0);
    assert_eq!(instance.top_k(), DEFAULT_TOP_K);
    assert_eq!(instance.k_best(), None);
    assert_eq!(instance.strategies(), NAMES);
    assert_eq!(instance.junior_capacity(), [1]);
    assert_eq!(instance.senior_capacity(), [1, 1]);
    let scores = instance.scores();
    assert_eq!((scores.juniors(), scores.seniors()), (1, 2));
    assert_eq!(scores.junior_gains(), [1.0, 2.0]);
    assert_eq!(scores.senior_gains(), [3.0, 0.0]);
    assert_eq!(scores.allowed(), [true, false]);

    let instance = Instance::from_json(&with(
        r#""seed": 18446744073709551615, "top_k": 18446744073709551615,
           "strategies": ["random", "nash"], "junior_capacity": 4294967295,
           "senior_capacity": [0, 2.0], "k_best": 1000"#,
    ))
    .unwrap();
    assert_eq!(instance.seed(), u64::MAX);
    assert_eq!(instance.k_best(), Some(1000));
    assert_eq!(instance.top_k() as u64, u64::MAX);
    assert_eq!(instance.strategies(), ["random", "nash"]);
    assert_eq!(instance.junior_capacity(), [u32::MAX]);
    assert_eq!(instance.senior_capacity(), [0, 2]);
    // Capacity 0 leaves senior 0 out.
    assert_eq!(instance.scores().allowed(), [false, true]);
    assert_eq!(INSTANCE_KEYS.len(), 8);
}

#[test]
fn instance_numbers_at_the_edges_of_f64() {
    let gains = |cell: &str| {
        Instance::from_json(&format!(
            r#"{{"junior_gain": [[{cell}]], "senior_gain": [[1]]}}"#
        ))
        .map(|i| i.scores().junior_gains()[0])
    };
    // -0 reads as 0 (no "-0" in totals and minima), subnormals as themselves, 1e100 is the
    // largest gain.
    assert_eq!(gains("-0").unwrap().to_bits(), 0.0_f64.to_bits());
    assert_eq!(gains("-0.0").unwrap().to_bits(), 0.0_f64.to_bits());
    assert_eq!(gains("5e-324").unwrap(), 5e-324);
    assert_eq!(gains("2.2250738585072014e-308").unwrap(), f64::MIN_POSITIVE);
    assert_eq!(gains("1e-400").unwrap(), 0.0);
    assert_eq!(gains("-1e-400").unwrap().to_bits(), 0.0_f64.to_bits());
    assert_eq!(gains("1e100").unwrap(), 1e100);
    assert_eq!(
        gains("18446744073709551615").unwrap(),
        18446744073709551615.0
    );
    for (cell, why) in [
        (
            "1.7976931348623157e308",
            "1.7976931348623157e308 is above 1e100, the largest gain",
        ),
        (
            "1.0000000000000002e100",
            "1.0000000000000002e100 is above 1e100",
        ),
        ("1e101", "1e101 is above 1e100"),
        (
            "1e400",
            "the number is too large for a 64-bit float (above about 1.8e308)",
        ),
        (
            &"9".repeat(400),
            "the number is too large for a 64-bit float (above about 1.8e308)",
        ),
        (&format!("-{}", "9".repeat(400)), "the number is too large"),
        ("-5e-324", "-5e-324 is negative"),
        ("-1", "-1 is negative"),
        ("NaN", "NaN is not a finite number"),
        ("-NaN", "-NaN is not a finite number"),
        ("nan", "nan is not a finite number"),
        ("Infinity", "Infinity is not a finite number"),
        ("-Infinity", "-Infinity is not a finite number"),
        ("inf", "inf is not a finite number"),
        ("-inf", "-inf is not a finite number"),
    ] {
        let (at, found, line) = instance_error(&format!(
            r#"{{"junior_gain": [[{cell}]], "senior_gain": [[1]]}}"#
        ));
        assert_eq!(at, "`junior_gain` row 0, column 0", "{cell}: {found}");
        assert!(found.contains(why), "{cell}: {found}");
        assert_eq!(line, 1, "{cell}");
    }
}

#[test]
fn instance_errors_name_the_row_and_column() {
    let cases = [
        (
            r#"{"junior_gain": [[1, 2], [3]], "senior_gain": [[1, 2], [3, 4]]}"#,
            "`junior_gain` row 1",
            "1 value but row 0 has 2: every row needs one value per senior",
        ),
        (
            r#"{"junior_gain": [[1, 2], [3, 4, 5]], "senior_gain": [[1, 2], [3, 4]]}"#,
            "`junior_gain` row 1",
            "3 values but row 0 has 2",
        ),
        (
            r#"{"junior_gain": [[1, 2], [3, -0.5]], "senior_gain": [[1, 2], [3, 4]]}"#,
            "`junior_gain` row 1, column 1",
            "-0.5 is negative; a gain is a number from 0 to 1e100, or null for a forbidden pair",
        ),
        (
            r#"{"junior_gain": [[1, 2]], "senior_gain": [[1, "2"]]}"#,
            "`senior_gain` row 0, column 1",
            "invalid type: string \"2\", expected a gain",
        ),
        (
            r#"{"junior_gain": [[1, [2]]], "senior_gain": [[1, 2]]}"#,
            "`junior_gain` row 0, column 1",
            "invalid type: sequence, expected a gain",
        ),
        (
            r#"{"junior_gain": [[1, 2], 3], "senior_gain": [[1, 2]]}"#,
            "`junior_gain` row 1",
            "invalid type: integer `3`, expected a list of gains",
        ),
        (
            r#"{"junior_gain": [], "senior_gain": [[1]]}"#,
            "`junior_gain`",
            "the matrix has no rows: give at least one junior",
        ),
        (
            r#"{"junior_gain": [[]], "senior_gain": [[1]]}"#,
            "`junior_gain` row 0",
            "the row is empty: give at least one senior",
        ),
        (
            r#"{"junior_gain": {"a": 1}, "senior_gain": [[1]]}"#,
            "`junior_gain`",
            "invalid type: map, expected a list of rows",
        ),
        (
            r#"{"junior_gain": [[1, 2]], "senior_gain": [[1,]]}"#,
            "`senior_gain` row 0, column 1",
            "trailing comma",
        ),
    ];
    for (text, at, why) in cases {
        let (found_at, found, line) = instance_error(text);
        assert_eq!(found_at, at, "{text}: {found}");
        assert!(found.starts_with(why), "{text}\n  gave: {found}");
        assert_eq!(line, 1, "{text}");
    }
}

#[test]
fn instance_shapes_are_checked_between_the_matrices() {
    for (text, why) in [
        (
            r#"{"junior_gain": [[1, 2], [3, 4]], "senior_gain": [[1, 2]]}"#,
            "1 row but `junior_gain` has 2 rows: both are juniors × seniors",
        ),
        (
            r#"{"junior_gain": [[1, 2]], "senior_gain": [[1, 2, 3]]}"#,
            "rows of 3 columns but `junior_gain` rows have 2 columns",
        ),
    ] {
        let (at, found, line) = instance_error(text);
        assert_eq!(at, "`senior_gain`");
        assert!(found.starts_with(why), "{found}");
        assert_eq!(line, 0, "found after reading: no position");
    }
    let (at, why, line) = instance_error(r#"{"senior_gain": [[1]]}"#);
    assert_eq!((at.as_str(), line), ("", 0));
    assert!(why.starts_with("missing key `junior_gain`"), "{why}");
}

#[test]
fn instance_duplicate_keys_are_errors_naming_the_key() {
    for (text, key) in [
        (with(r#""seed": 1, "seed": 2"#), "seed"),
        (
            r#"{"junior_gain": [[1]], "junior_gain": [[2]], "senior_gain": [[1]]}"#.to_owned(),
            "junior_gain",
        ),
        (
            with(r#""strategies": ["nash"], "top_k": 2, "strategies": ["nash"]"#),
            "strategies",
        ),
        (
            with(r#""senior_capacity": 1, "senior_capacity": [1, 1]"#),
            "senior_capacity",
        ),
    ] {
        let (at, why, line) = instance_error(&text);
        assert_eq!(at, "", "{text}");
        assert!(
            why.starts_with(&format!(
                "the key `{key}` appears twice; give each key once"
            )),
            "{why}"
        );
        assert_eq!(line, 1);
    }
    // Escaped spellings of one key are the same key.
    let (_, why, _) = instance_error(&with(r#""seed": 1, "se\u0065d": 2"#));
    assert!(why.starts_with("the key `seed` appears twice"), "{why}");
    // Objects nested anywhere are not part of the format: a wrong type, whatever their keys.
    let (at, why, _) = instance_error(&with(r#""seed": {"a": 1, "a": 2}"#));
    assert_eq!(at, "`seed`");
    assert!(why.starts_with("invalid type: map"), "{why}");
}

#[test]
fn instance_unknown_keys_and_a_wrong_top_level_are_errors() {
    let (at, why, _) = instance_error(&with(r#""mentors": 3"#));
    assert_eq!(at, "");
    assert_eq!(
        why,
        format!(
            "unknown key `mentors`; the keys are: {}",
            INSTANCE_KEYS.join(", ")
        )
    );
    // The value of an unknown key is never read, however deep.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let (_, why, _) = instance_error(&with(&format!(r#""x": {deep}"#)));
    assert!(why.starts_with("unknown key `x`"), "{why}");
    let (_, why, _) = instance_error(&with(&format!(r#""x\n{}": 1"#, "y".repeat(100))));
    assert!(
        why.starts_with("unknown key `x\\nyyy"),
        "escaped and cut short: {why}"
    );
    assert!(why.len() < 200, "{why}");
    for (text, kind) in [
        ("[[1, 2]]", "sequence"),
        ("3", "integer `3`"),
        ("\"junior_gain\"", "string \"junior_gain\""),
        ("null", "null"),
        ("true", "boolean `true`"),
    ] {
        let (at, why, _) = instance_error(text);
        assert_eq!(at, "");
        assert_eq!(
            why,
            format!(
                "invalid type: {kind}, expected a JSON object with keys `junior_gain` and \
                 `senior_gain`"
            )
        );
    }
    // A leading byte-order mark is dropped (`every_reader_drops_a_leading_byte_order_mark`);
    // a second one is a fault like any other character.
    for text in [
        "",
        "{",
        "{\"junior_gain\": [[1]]",
        "\u{feff}\u{feff}{}",
        "{} {}",
    ] {
        let (at, _, _) = instance_error(text);
        assert_eq!(at, "", "{text:?}");
    }
    // Deep nesting inside a key's value stops at the first wrong type.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let started = Instant::now();
    let (at, _, _) = instance_error(&format!(
        r#"{{"junior_gain": {deep}, "senior_gain": [[1]]}}"#
    ));
    assert_eq!(at, "`junior_gain` row 0, column 0");
    assert!(started.elapsed() < Duration::from_millis(200));
}

#[test]
fn instance_options_are_bounded_and_named() {
    let cases = [
        (
            r#""seed": -1"#,
            "`seed`",
            "invalid value: integer `-1`, expected a whole number from 0 to 18446744073709551615",
        ),
        (
            r#""seed": 1.5"#,
            "`seed`",
            "invalid value: floating point `1.5`",
        ),
        (
            r#""seed": 18446744073709551616"#,
            "`seed`",
            // Not the float `1.8446744073709552e+19` the JSON reader makes of it.
            "invalid value: a whole number beyond 64 bits, expected a whole number from 0 to",
        ),
        (
            r#""seed": -9223372036854775809"#,
            "`seed`",
            "invalid value: a whole number beyond 64 bits, expected",
        ),
        (
            r#""seed": 1e3"#,
            "`seed`",
            "invalid value: floating point `1000.0`",
        ),
        (
            r#""seed": 1e400"#,
            "`seed`",
            "the number is too large for a 64-bit float",
        ),
        (r#""seed": "7""#, "`seed`", "invalid type: string \"7\""),
        (
            r#""seed": NaN"#,
            "`seed`",
            "NaN is not a JSON number (JSON has no NaN or infinity)",
        ),
        (
            r#""top_k": 0"#,
            "`top_k`",
            "invalid value: integer `0`, expected a whole number from 1 to",
        ),
        (
            r#""top_k": 3.0"#,
            "`top_k`",
            "invalid value: floating point `3.0`",
        ),
        (
            r#""top_k": 1e30"#,
            "`top_k`",
            "invalid value: a whole number beyond 64 bits, expected a whole number from 1 to",
        ),
        (
            &format!(r#""top_k": {}"#, "9".repeat(400)),
            "`top_k`",
            "the number is too large for a 64-bit float",
        ),
        (
            r#""k_best": 0"#,
            "`k_best`",
            "invalid value: integer `0`, expected a whole number from 1 to 1000",
        ),
        (
            r#""k_best": 1001"#,
            "`k_best`",
            "invalid value: integer `1001`, expected a whole number from 1 to 1000",
        ),
        (r#""k_best": -2"#, "`k_best`", "invalid value: integer `-2`"),
        (
            r#""k_best": 2.5"#,
            "`k_best`",
            "invalid value: floating point `2.5`",
        ),
        (
            r#""strategies": ["utilitarian", "lottery"]"#,
            "`strategies` entry 1",
            "unknown strategy `lottery`; the built-in strategies are: utilitarian, nash",
        ),
        (
            r#""strategies": ["nash", "nash"]"#,
            "`strategies` entry 1",
            "`nash` is listed twice",
        ),
        (
            r#""strategies": []"#,
            "`strategies`",
            "the list is empty; leave `strategies` out to run all",
        ),
        (
            r#""strategies": "nash""#,
            "`strategies`",
            "invalid type: string \"nash\", expected a list of strategy names",
        ),
        (
            r#""strategies": [3]"#,
            "`strategies` entry 0",
            "invalid type: integer `3`, expected a string",
        ),
        (
            r#""junior_capacity": -1"#,
            "`junior_capacity`",
            "-1 is not a capacity; a capacity is a whole number of partners from 0 to 4294967295",
        ),
        (
            r#""junior_capacity": 4294967296"#,
            "`junior_capacity`",
            "4294967296 is not a capacity",
        ),
        (
            r#""junior_capacity": 1e20"#,
            "`junior_capacity`",
            "a whole number beyond 64 bits is not a capacity",
        ),
        (
            r#""senior_capacity": [1, 18446744073709551616]"#,
            "`senior_capacity` entry 1",
            "a whole number beyond 64 bits is not a capacity; a capacity is",
        ),
        (
            r#""junior_capacity": 1e400"#,
            "`junior_capacity`",
            "the number is too large for a 64-bit float",
        ),
        (
            &format!(r#""junior_capacity": {}"#, "9".repeat(400)),
            "`junior_capacity`",
            "the number is too large",
        ),
        (
            r#""senior_capacity": [1, 1.5]"#,
            "`senior_capacity` entry 1",
            "1.5 is not a capacity",
        ),
        (
            r#""senior_capacity": [1, 18446744073709551615]"#,
            "`senior_capacity` entry 1",
            "18446744073709551615 is not a capacity",
        ),
        (
            r#""senior_capacity": [1, null]"#,
            "`senior_capacity` entry 1",
            "invalid type: null, expected a capacity",
        ),
        (
            r#""junior_capacity": "two""#,
            "`junior_capacity`",
            "invalid type: string \"two\", expected a capacity or a list of them",
        ),
        (
            r#""junior_capacity": [[1]]"#,
            "`junior_capacity` entry 0",
            "invalid type: sequence, expected a capacity",
        ),
    ];
    for (extra, at, why) in cases {
        let (found_at, found, line) = instance_error(&with(extra));
        assert_eq!(found_at, at, "{extra}: {found}");
        assert!(found.starts_with(why), "{extra}\n  gave: {found}");
        assert_eq!(line, 1, "{extra}");
    }
    // A capacity list of the wrong length is found after reading.
    let (at, why, line) = instance_error(&with(r#""senior_capacity": [1]"#));
    assert_eq!((at.as_str(), line), ("`senior_capacity`", 0));
    assert_eq!(why, "1 entry but there are 2 seniors: give one per senior");
    let (_, why, _) = instance_error(&with(r#""junior_capacity": [1, 1]"#));
    assert_eq!(why, "2 entries but there is 1 junior: give one per junior");
}

#[test]
fn instance_error_messages_carry_the_place_and_the_position() {
    let err = Instance::from_json("{\"junior_gain\": [[1, 2]],\n \"senior_gain\": [[1, -2]]}")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`senior_gain` row 0, column 1: -2 is negative; a gain is a number from 0 to 1e100, or \
         null for a forbidden pair at line 2 column 23"
    );
    let err = Instance::from_json(&with(r#""mentors": 3"#)).unwrap_err();
    assert!(err.to_string().ends_with(" at line 1 column 60"), "{err}");
    let err = Instance::from_json(r#"{"senior_gain": [[1]]}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing key `junior_gain`: a list of rows, one per junior, one gain per senior"
    );
}

// ---------------------------------------------------------------------------------------------
// Round trips: a matrix written by hand reads back equal.

/// A cell of both matrices of an instance: the junior's and the senior's gain, `None` for null.
type Cells = (Option<f64>, Option<f64>);

/// Any `f64` but NaN, with the edge cases often.
fn weight() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![
        any::<f64>().prop_filter("not NaN", |x| !x.is_nan()),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(5e-324),
        Just(f64::MAX),
        (-1e6..1e6f64),
    ]
}

/// A matrix shape and its row-major values.
fn matrix_of<T: std::fmt::Debug + Clone>(
    cell: impl Strategy<Value = T> + Clone,
) -> impl Strategy<Value = (usize, usize, Vec<T>)> {
    (0..6usize, 0..6usize).prop_flat_map(move |(r, c)| {
        (
            Just(r),
            Just(c),
            proptest::collection::vec(cell.clone(), r * c),
        )
    })
}

proptest! {
    #![proptest_config(common::config(64))]

    #[test]
    fn npy_float64_round_trips(
        (rows, cols, values) in matrix_of(weight()),
        version in 1u8..=3,
        big_endian: bool,
        fortran: bool,
    ) {
        let stored = if fortran { column_major(rows, cols, &values) } else { values.clone() };
        let descr = if big_endian { ">f8" } else { "<f8" };
        let file = npy_file(
            version,
            &header(descr, fortran, &format!("({rows}, {cols})")),
            &f64_bytes(&stored, big_endian),
        );
        let WeightMatrix::F64(m) = read_npy(&file).unwrap() else { panic!("float64") };
        prop_assert_eq!((m.rows(), m.cols()), (rows, cols));
        // Bit for bit: -0.0 stays -0.0.
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        prop_assert_eq!(bits(m.as_slice()), bits(&values));
    }

    #[test]
    fn npy_int64_round_trips(
        (rows, cols, values) in matrix_of(any::<i64>()),
        big_endian: bool,
        fortran: bool,
    ) {
        let stored = if fortran { column_major(rows, cols, &values) } else { values.clone() };
        let descr = if big_endian { ">i8" } else { "<i8" };
        let file = npy_file(
            1,
            &header(descr, fortran, &format!("({rows}, {cols})")),
            &i64_bytes(&stored, big_endian),
        );
        let WeightMatrix::I64(m) = read_npy(&file).unwrap() else { panic!("int64") };
        prop_assert_eq!((m.rows(), m.cols()), (rows, cols));
        prop_assert_eq!(m.as_slice(), &values[..]);
    }

    /// An instance written with serde_json reads back with the same gains and forbidden pairs.
    #[test]
    fn instance_round_trips(
        (rows, cols, cells) in (1..5usize, 1..5usize).prop_flat_map(|(r, c)| {
            let cell = proptest::option::weighted(0.8, prop_oneof![0.0..=1e100f64, Just(5e-324)])
                .boxed();
            (Just(r), Just(c), proptest::collection::vec((cell.clone(), cell), r * c))
        }),
        seed: u64,
    ) {
        let matrix = |pick: &dyn Fn(&Cells) -> Option<f64>| {
            cells.chunks(cols).map(|row| row.iter().map(pick).collect()).collect::<Vec<Vec<_>>>()
        };
        let document = serde_json::json!({
            "seed": seed,
            "junior_gain": matrix(&|c| c.0),
            "senior_gain": matrix(&|c| c.1),
        });
        let instance = Instance::from_json(&document.to_string()).unwrap();
        let scores = instance.scores();
        prop_assert_eq!((scores.juniors(), scores.seniors(), instance.seed()), (rows, cols, seed));
        for (k, (a, b)) in cells.iter().enumerate() {
            let (j, s) = (k / cols, k % cols);
            prop_assert_eq!(scores.is_allowed(j, s), a.is_some() && b.is_some());
            prop_assert_eq!(scores.junior_gain(j, s), a.unwrap_or(0.0));
            prop_assert_eq!(scores.senior_gain(j, s), b.unwrap_or(0.0));
        }
    }
}
