//! CSV matrices: one matrix row per line, comma-separated numbers.

use crate::matching::assignment::Matrix;
use crate::matching::error::{MatrixError, Mistakes, Result};

/// Reads a matrix of `f64` from the bytes of a CSV file: one matrix row per line, every line
/// with the same number of comma-separated numbers.
///
/// What is read:
///
/// - Spaces and tabs around a value are ignored; so are empty lines (a line of spaces is one
///   empty value), a UTF-8 byte order mark at the start, and the line ending (`\n` or
///   `\r\n`). A value may be quoted (`"0.5"`).
/// - A value is a decimal number as Rust's `f64` parser reads it (`1`, `-0.5`, `.5`, `2e-3`),
///   or an infinity spelt `inf` or `infinity` in any case, with an optional sign (`-inf`).
///   `+inf` forbids a cell when minimising, `-inf` when maximising (see
///   [`assignment`](crate::assignment)).
/// - A number too large for `f64` (`1e400`) is an error, not an infinity: only a written
///   `inf` forbids a cell. A number too small (`1e-400`) reads as 0, as any rounding does.
/// - No line at all gives a 0 × 0 matrix.
///
/// There is no header line: a line of names is reported as a value that is not a number.
///
/// # Complexity
///
/// `O(b)` time for `b` bytes; the matrix is the only allocation that grows with the input: 8
/// bytes per value, at most one value per byte of the file.
///
/// # Errors
///
/// [`MatrixError::Csv`] naming the line and, where one is at fault, the value (both from 1): a
/// line with another number of values than the first, an empty value, text that is not a
/// number or not UTF-8, NaN, or a number too large for `f64`. With several, a
/// [`MatrixError::Multiple`] of every one, in the file's order (a quoting error the parser
/// cannot read past ends the list).
///
/// # Examples
///
/// Two juniors' gains with three seniors; junior 1 may not be paired with senior 2:
///
/// ```
/// use mentor_match::assignment::{solve, Sense};
/// use mentor_match::formats::read_csv;
///
/// let gains = read_csv(b"0.9, 0.4, 0.1\n0.8, 0.7, -inf\n")?;
/// assert_eq!((gains.rows(), gains.cols()), (2, 3));
/// assert_eq!(solve(&gains, Sense::Maximize)?.pairs(), &[(0, 0), (1, 1)]);
///
/// let err = read_csv(b"0.9, 0.4\n0.8, 1e400\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "CSV line 2, value 2: `1e400` is too large for a 64-bit float (at most about 1.8e308); \
///      write inf to forbid a cell"
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn read_csv(bytes: &[u8]) -> Result<Matrix<f64>> {
    let bytes = crate::support::byte_order_mark::bytes_without_mark(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(bytes);
    let mut data: Vec<f64> = Vec::new();
    let mut cols = None;
    let mut rows = 0;
    let mut record = ::csv::ByteRecord::new();
    let mut found = Mistakes::new();
    let mut lines = Lines::new(bytes);
    loop {
        // A slice never fails to read; the parser itself reports no other error when its
        // records may have any length (`flexible`).
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_at(bytes, p.byte()));
                return Err(found.and(csv_error(line, 0, e.to_string())));
            }
        }
        // The parser counts no empty lines, and its record offset lies before the empty lines
        // it skipped: the line is counted from the first byte of the record instead, only
        // when a message needs it (a record never starts with a line ending).
        let offset = record.position().map_or(0, |p| p.byte());
        let mut line = || lines.of(record_start(bytes, offset));
        match cols {
            None => cols = Some(record.len()),
            Some(n) if n != record.len() => {
                let len = record.len();
                found.push_with(|| {
                    csv_error(
                        line(),
                        0,
                        format!(
                            "{len} value{}, but the first line has {n}: every line needs the \
                             same number of values",
                            if len == 1 { "" } else { "s" }
                        ),
                    )
                });
            }
            Some(_) => {}
        }
        // After a mistake the values are still read, for their own mistakes, but no longer
        // kept: there will be no matrix.
        let keep = found.is_empty();
        if keep {
            data.try_reserve(record.len()).map_err(|_| {
                csv_error(line(), 0, "cannot allocate memory for the line".to_owned())
            })?;
        }
        for (c, field) in record.iter().enumerate() {
            match number(field) {
                Ok(x) if keep => data.push(x),
                Ok(_) => {}
                Err(fault) => found.push_with(|| csv_error(line(), c + 1, fault.message(field))),
            }
        }
        rows += 1;
    }
    found.finish()?;
    Matrix::from_vec(rows, cols.unwrap_or(0), data)
}

/// Line numbers of offsets that only grow, each found from the last rather than from the
/// start of the file: a file with a mistake on every line is read once, not once a mistake.
struct Lines<'a> {
    bytes: &'a [u8],
    /// The last offset asked for and its line.
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line of the byte at `offset`, at or after the last one asked for (as
    /// [`line_at`]; a `\r\n` counts once, at its `\n`).
    fn of(&mut self, offset: u64) -> u64 {
        let end = usize::try_from(offset).map_or(self.bytes.len(), |o| o.min(self.bytes.len()));
        if end < self.at {
            return line_at(self.bytes, offset);
        }
        let bytes = self.bytes;
        self.line += (self.at..end)
            .filter(|&i| {
                bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            })
            .count() as u64;
        self.at = end;
        self.line
    }
}

/// The line, from 1, of the byte at `offset`: one more than the line endings before it
/// (`\n`, `\r\n`, or a lone `\r`, as the parser reads them).
fn line_at(bytes: &[u8], offset: u64) -> u64 {
    let end = usize::try_from(offset).map_or(bytes.len(), |o| o.min(bytes.len()));
    let before = &bytes[..end];
    let endings = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    endings as u64 + 1
}

/// The first byte at or after `offset` that is not a line ending.
fn record_start(bytes: &[u8], offset: u64) -> u64 {
    let start = usize::try_from(offset).map_or(bytes.len(), |o| o.min(bytes.len()));
    let skipped = bytes[start..]
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .count();
    offset + skipped as u64
}

/// An [`MatrixError::Csv`].
fn csv_error(line: u64, value: usize, why: String) -> MatrixError {
    MatrixError::Csv {
        line: usize::try_from(line).unwrap_or(usize::MAX),
        value,
        why,
    }
}

/// One value: a finite `f64`, or an infinity spelt out.
fn number(field: &[u8]) -> std::result::Result<f64, Fault> {
    let Ok(text) = std::str::from_utf8(field) else {
        return Err(Fault::NotUtf8);
    };
    if text.is_empty() {
        return Err(Fault::Empty);
    }
    let x: f64 = text.parse().map_err(|_| Fault::NotANumber)?;
    if x.is_nan() {
        return Err(Fault::NaN);
    }
    if x.is_infinite() {
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let spelt = ["inf", "infinity"]
            .iter()
            .any(|word| unsigned.eq_ignore_ascii_case(word));
        if !spelt {
            return Err(Fault::TooLarge);
        }
    }
    Ok(x)
}

/// What is wrong with a value: its message is made only for the mistakes listed (past the
/// hundredth they are only counted).
#[derive(Clone, Copy)]
enum Fault {
    NotUtf8,
    Empty,
    NotANumber,
    NaN,
    TooLarge,
}

impl Fault {
    /// The message for `field`, which shows at most its first 40 characters: a value of a
    /// gigabyte makes a short message (and only its first bytes are decoded for it).
    fn message(self, field: &[u8]) -> String {
        const SHOWN: usize = 40;
        // A character takes at most 4 bytes; bytes that are not UTF-8 show as one each.
        let head = &field[..field.len().min(4 * SHOWN)];
        let text = String::from_utf8_lossy(head);
        let mut chars = text.chars();
        let mut shown: String = chars.by_ref().take(SHOWN).collect();
        if chars.next().is_some() || head.len() < field.len() {
            shown.push_str("...");
        }
        match self {
            Fault::NotUtf8 => format!("{shown:?} is not UTF-8 text"),
            Fault::Empty => "the value is empty".to_owned(),
            Fault::NotANumber => format!("`{shown}` is not a number"),
            Fault::NaN => format!("`{shown}`: NaN is not a weight"),
            Fault::TooLarge => format!(
                "`{shown}` is too large for a 64-bit float (at most about 1.8e308); write inf to \
                 forbid a cell"
            ),
        }
    }
}
