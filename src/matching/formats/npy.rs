//! numpy's `.npy` files: a 2-D `float64` or `int64` array, as `numpy.save` writes it.
//!
//! The format (numpy's `numpy.lib.format`, versions 1.0 to 3.0): the magic string
//! `\x93NUMPY`, a major and a minor version byte, the header's length (2 bytes little-endian
//! in version 1.0, 4 bytes in 2.0 and 3.0), the header, then the raw data. The header is a
//! Python dict literal with exactly the keys `descr` (the dtype), `fortran_order` and `shape`,
//! padded with spaces and ended by a newline.
//!
//! The header is read here by hand, for the one shape of dict numpy writes: three keys, string
//! and bool values and a tuple of integers. It is never evaluated as a general Python
//! expression, so a hostile header costs one linear pass over its bytes (a general parser
//! took 11 s on a 114-byte header of 20 nested brackets) and cannot nest.

use super::weight_matrix::WeightMatrix;
use crate::matching::assignment::{Matrix, Weight};
use crate::matching::error::{MatrixError, Mistakes, Result};

/// The first six bytes of every `.npy` file.
pub(super) const MAGIC: &[u8] = b"\x93NUMPY";

/// Bytes per value: `float64` and `int64` alike.
const VALUE_BYTES: usize = 8;

/// The dimensions shown in a message before the rest is summarised.
const SHOWN_DIMENSIONS: usize = 6;

/// Reads a 2-D `float64` or `int64` array from the bytes of a `.npy` file.
///
/// Both byte orders (`<f8`, `>f8`, `<i8`, `>i8`) and both memory orders (C and Fortran) are
/// read; the matrix is row-major whatever the file's order. `float64` values are kept as they
/// are (`+inf` and `-inf` forbid a cell, see [`assignment`](crate::assignment)); `int64` ones
/// too (`i64::MAX` and `i64::MIN` forbid a cell).
///
/// **Sizes.** The header's shape is checked against the file before anything is allocated: a
/// non-empty array needs exactly `rows × cols × 8` bytes of data after the header, and no
/// dimension may exceed the file's length in bytes. The second rule only bites on an empty
/// array, whose data is empty whatever its shape: a 128-byte file that declares shape
/// `(0, 10^12)` is refused instead of becoming a matrix with 10^12 columns to list as
/// unassigned. The matrix then takes at most the file's size in memory.
///
/// # Complexity
///
/// `O(b)` time for a file of `b` bytes; the matrix is the only allocation (`b` bytes at most).
///
/// # Errors
///
/// - [`MatrixError::Npy`] naming the part at fault: a missing magic string, a version other than
///   1.0, 2.0 or 3.0, a header length beyond the file, a header that is not the dict numpy
///   writes (unknown, duplicate or missing keys, a syntax error), a dtype other than
///   `float64` or `int64`, a shape that is not 2-D or has a dimension larger than the file,
///   or data whose length differs from what the shape needs. Every fault of the header's keys
///   and values is named (a [`MatrixError::Multiple`] of them when there are several) up to
///   a syntax error, which ends the reading (so does a dimension beyond 64 bits); the data
///   is read only under a header without fault;
/// - [`MatrixError::InvalidWeight`] naming a cell that holds NaN; with several, a
///   [`MatrixError::Multiple`] of every one (row-major order).
///
/// # Examples
///
/// Three juniors' costs for two seniors, as `numpy.save` writes a `(3, 2)` `int64` array:
///
/// ```
/// use mentor_match::formats::{read_npy, WeightMatrix};
///
/// let header = b"{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2), }\n";
/// let mut file = b"\x93NUMPY\x01\x00".to_vec();
/// file.extend((header.len() as u16).to_le_bytes());
/// file.extend(header);
/// for cost in [4_i64, 1, 3, 2, 5, 9] {
///     file.extend(cost.to_le_bytes());
/// }
/// let WeightMatrix::I64(costs) = read_npy(&file)? else { panic!("an int64 array") };
/// assert_eq!((costs.rows(), costs.cols()), (3, 2));
/// assert_eq!(costs.get(2, 1), Some(9));
///
/// // A truncated file no longer holds what its header declares: an error naming the data.
/// let err = read_npy(&file[..file.len() - 8]).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     ".npy file, data: shape (3, 2) of 8-byte values needs 48 bytes of data, the file holds \
///      40 after its header"
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn read_npy(bytes: &[u8]) -> Result<WeightMatrix> {
    let (version, rest) = read_magic(bytes)?;
    let (header_len, rest) = read_header_len(version, rest)?;
    if header_len > rest.len() {
        return Err(npy(
            "header length",
            format!(
                "the header is {header_len} bytes long, but the file holds only {} after the \
                 length field",
                rest.len()
            ),
        ));
    }
    let (text, data) = rest.split_at(header_len);
    let header = Header::parse(text, bytes.len())?;
    let (rows, cols) = (header.rows, header.cols);
    let expected = rows
        .checked_mul(cols)
        .and_then(|len| len.checked_mul(VALUE_BYTES));
    if expected != Some(data.len()) {
        return Err(npy(
            "data",
            format!(
                "shape {} of 8-byte values needs {} bytes of data, the file holds {} after its \
                 header",
                show_shape(&header.shape),
                expected.map_or_else(|| "more than 2^64".to_owned(), |n| n.to_string()),
                data.len()
            ),
        ));
    }
    let fortran = header.fortran_order;
    match header.dtype {
        Dtype::F64 { big_endian } => {
            let decode = if big_endian {
                f64::from_be_bytes
            } else {
                f64::from_le_bytes
            };
            matrix(data, rows, cols, fortran, decode).map(WeightMatrix::F64)
        }
        Dtype::I64 { big_endian } => {
            let decode = if big_endian {
                i64::from_be_bytes
            } else {
                i64::from_le_bytes
            };
            matrix(data, rows, cols, fortran, decode).map(WeightMatrix::I64)
        }
    }
}

/// An [`MatrixError::Npy`].
fn npy(at: &'static str, why: String) -> MatrixError {
    MatrixError::Npy { at, why }
}

/// Checks the magic string; returns the version and what follows it.
fn read_magic(bytes: &[u8]) -> Result<((u8, u8), &[u8])> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(npy(
            "magic",
            format!(
                "the file does not start with numpy's magic string \\x93NUMPY (it starts with \
                 {:?})",
                String::from_utf8_lossy(&bytes[..bytes.len().min(MAGIC.len())])
            ),
        ));
    };
    match rest {
        [major, minor, rest @ ..] => Ok(((*major, *minor), rest)),
        _ => Err(npy(
            "version",
            "the file ends before its version bytes".to_owned(),
        )),
    }
}

/// Reads the header length field of `version`; returns the length and what follows it.
fn read_header_len((major, minor): (u8, u8), rest: &[u8]) -> Result<(usize, &[u8])> {
    let width = match (major, minor) {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        _ => {
            return Err(npy(
                "version",
                format!("version {major}.{minor} is not one numpy writes (1.0, 2.0 or 3.0)"),
            ));
        }
    };
    if rest.len() < width {
        return Err(npy(
            "header length",
            format!("the file ends before the {width}-byte header length"),
        ));
    }
    let (field, rest) = rest.split_at(width);
    // Little-endian, 2 or 4 bytes: fits in usize on every platform Rust supports with std.
    let len = field
        .iter()
        .rev()
        .fold(0_usize, |len, &b| (len << 8) | usize::from(b));
    Ok((len, rest))
}

/// The data types read: `float64` and `int64`, in either byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dtype {
    F64 { big_endian: bool },
    I64 { big_endian: bool },
}

/// The three fields of a header.
#[derive(Debug)]
struct Header {
    dtype: Dtype,
    fortran_order: bool,
    shape: Vec<u64>,
    /// The shape's two dimensions, each at most the file's size.
    rows: usize,
    cols: usize,
}

/// The fields of a header, in numpy's order.
const FIELDS: [&str; 3] = ["descr", "fortran_order", "shape"];

const AT_HEADER: &str = "header";
const AT_DESCR: &str = "header field `descr`";
const AT_ORDER: &str = "header field `fortran_order`";
const AT_SHAPE: &str = "header field `shape`";

/// The fields of a header as they are read: each key seen (in [`FIELDS`]' order) and each
/// value that was read and accepted.
#[derive(Default)]
struct Fields {
    seen: [bool; 3],
    dtype: Option<Dtype>,
    fortran_order: Option<bool>,
    shape: Option<Vec<u64>>,
}

impl Fields {
    /// Reads the header's dict, recording in `found` every unknown or repeated key and every
    /// value that is not one of numpy's (an unsupported dtype, say) and going on past them;
    /// a syntax error, after which nothing can be read, is returned.
    fn read(&mut self, p: &mut Parser<'_>, found: &mut Mistakes) -> Result<()> {
        p.expect(b'{', "a dict (`{`)")?;
        loop {
            p.skip_space();
            if p.eat(b'}') {
                break;
            }
            let key = p.string(AT_HEADER, "a key (a quoted string) or `}`")?;
            let field = FIELDS.iter().position(|f| f.as_bytes() == key);
            match field {
                None => found.push_with(|| {
                    npy(
                        AT_HEADER,
                        format!(
                            "unknown key `{}`; a .npy header holds `descr`, `fortran_order` and \
                             `shape`",
                            show_text(key)
                        ),
                    )
                }),
                Some(k) if self.seen[k] => {
                    found.push_with(|| npy(AT_HEADER, format!("key `{}` appears twice", FIELDS[k])))
                }
                Some(k) => self.seen[k] = true,
            }
            p.skip_space();
            p.expect(b':', "a `:` after the key")?;
            p.skip_space();
            match field {
                // An unknown key's value is passed over, whatever it is.
                None => p.skip_value()?,
                Some(0) => {
                    let dtype = found.check(p.dtype()?);
                    self.dtype = self.dtype.or(dtype);
                }
                Some(1) => {
                    let at = p.pos;
                    match p.boolean() {
                        Ok(order) => self.fortran_order = self.fortran_order.or(Some(order)),
                        // Another value (`0`, `'no'`): named, passed over, and read on.
                        Err(not_a_boolean) => {
                            p.pos = at;
                            p.skip_value()?;
                            found.push_with(|| not_a_boolean);
                        }
                    }
                }
                Some(_) => {
                    let shape = p.shape()?;
                    self.shape = self.shape.take().or(Some(shape));
                }
            }
            p.skip_space();
            if p.eat(b'}') {
                break;
            }
            p.expect(b',', "a `,` or `}` after a value")?;
        }
        if let Some(extra) = p.rest().iter().position(|b| !b.is_ascii_whitespace()) {
            found.push_with(|| {
                npy(
                    AT_HEADER,
                    format!(
                        "unexpected text after the dict's closing brace, at byte {}",
                        p.pos + extra
                    ),
                )
            });
        }
        Ok(())
    }
}

impl Header {
    /// Parses a header: `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }`, keys
    /// in any order, each once, single or double quotes, whitespace anywhere between tokens,
    /// a trailing comma allowed, and only whitespace after the closing brace.
    fn parse(text: &[u8], file_len: usize) -> Result<Header> {
        let mut p = Parser { text, pos: 0 };
        let mut found = Mistakes::new();
        let mut fields = Fields::default();
        if let Err(syntax) = fields.read(&mut p, &mut found) {
            // Past a syntax error nothing more can be read: it ends the list.
            return Err(found.and(syntax));
        }
        for (k, field) in FIELDS.iter().enumerate() {
            if !fields.seen[k] {
                found.push_with(|| {
                    npy(
                        AT_HEADER,
                        format!(
                            "the key `{field}` is missing; a .npy header holds `descr`, \
                             `fortran_order` and `shape`"
                        ),
                    )
                });
            }
        }
        let dims = fields
            .shape
            .as_deref()
            .and_then(|shape| found.check(matrix_shape(shape, file_len)));
        found.finish()?;
        // Every key was seen and every value read (a value refused is a mistake above).
        let (Some(dtype), Some(fortran_order), Some(shape), Some((rows, cols))) =
            (fields.dtype, fields.fortran_order, fields.shape, dims)
        else {
            return Err(npy(AT_HEADER, "a field has no value".to_owned()));
        };
        Ok(Header {
            dtype,
            fortran_order,
            shape,
            rows,
            cols,
        })
    }
}

/// `shape` as `(rows, cols)`, checked to be 2-D with no dimension above `file_len`.
fn matrix_shape(shape: &[u64], file_len: usize) -> Result<(usize, usize)> {
    let &[rows, cols] = shape else {
        return Err(npy(
            AT_SHAPE,
            format!(
                "the array has {} dimensions (shape {}); a 2-D matrix is needed",
                shape.len(),
                show_shape(shape)
            ),
        ));
    };
    // A non-empty array's data bounds both dimensions; an empty array's data is empty
    // whatever its shape, so its size is bounded by the file instead (see `read_npy`).
    let fits = |d: u64| usize::try_from(d).ok().filter(|&d| d <= file_len);
    match (fits(rows), fits(cols)) {
        (Some(rows), Some(cols)) => Ok((rows, cols)),
        _ => Err(npy(
            AT_SHAPE,
            format!(
                "shape {} has a dimension larger than the whole file ({file_len} bytes); \
                 no dimension may exceed the file's size in bytes",
                show_shape(shape)
            ),
        )),
    }
}

/// A cursor over the header's bytes.
struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a [u8] {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    /// What comes next, for messages: a few characters, or the end of the header.
    fn found(&self) -> String {
        let rest = self.rest();
        if rest.is_empty() {
            "the end of the header".to_owned()
        } else {
            format!("`{}`", show_text(&rest[..rest.len().min(12)]))
        }
    }

    fn syntax(&self, at: &'static str, expected: &str) -> MatrixError {
        npy(
            at,
            format!(
                "expected {expected} at byte {} of the header, found {}",
                self.pos,
                self.found()
            ),
        )
    }

    fn expect(&mut self, byte: u8, expected: &str) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.syntax(AT_HEADER, expected))
        }
    }

    /// A Python string literal without escapes: `'...'` or `"..."`.
    fn string(&mut self, at: &'static str, expected: &str) -> Result<&'a [u8]> {
        let quote = match self.peek() {
            Some(q @ (b'\'' | b'"')) => q,
            _ => return Err(self.syntax(at, expected)),
        };
        let start = self.pos + 1;
        let Some(len) = self.text[start..].iter().position(|&b| b == quote) else {
            return Err(npy(
                at,
                format!("a string that starts at byte {} never ends", self.pos),
            ));
        };
        let content = &self.text[start..start + len];
        if content.contains(&b'\\') {
            return Err(npy(
                at,
                format!(
                    "the string `{}` holds a backslash; numpy's headers have no escapes",
                    show_text(content)
                ),
            ));
        }
        self.pos = start + len + 1;
        Ok(content)
    }

    /// The dtype string: `<f8`, `>f8`, `<i8` or `>i8`. The outer error is a syntax error;
    /// the inner one a dtype that is read but not supported (the reading goes on past it).
    fn dtype(&mut self) -> Result<Result<Dtype>> {
        if matches!(self.peek(), Some(b'[' | b'(' | b'{')) {
            self.skip_value()?;
            return Ok(Err(npy(
                AT_DESCR,
                "a structured dtype is not supported: expected float64 (`<f8`) or int64 \
                 (`<i8`)"
                    .to_owned(),
            )));
        }
        let descr = self.string(AT_DESCR, "a dtype string such as '<f8'")?;
        Ok(match descr {
            b"<f8" => Ok(Dtype::F64 { big_endian: false }),
            b">f8" => Ok(Dtype::F64 { big_endian: true }),
            b"<i8" => Ok(Dtype::I64 { big_endian: false }),
            b">i8" => Ok(Dtype::I64 { big_endian: true }),
            other => Err(npy(
                AT_DESCR,
                format!(
                    "unsupported dtype `{}`: expected float64 (`<f8` or `>f8`) or int64 (`<i8` \
                     or `>i8`); convert with a.astype(numpy.float64) or a.astype(numpy.int64)",
                    show_text(other)
                ),
            )),
        })
    }

    /// Passes over one Python literal of a header: a string, a bracketed value (tuples, lists
    /// and dicts, nested, with strings inside), or a bare word or number (up to the next `,`,
    /// `}` or whitespace).
    fn skip_value(&mut self) -> Result<()> {
        match self.peek() {
            Some(b'\'' | b'"') => self.string(AT_HEADER, "a value").map(drop),
            Some(b'(' | b'[' | b'{') => {
                let mut depth = 0_usize;
                loop {
                    match self.peek() {
                        Some(b'(' | b'[' | b'{') => {
                            depth += 1;
                            self.pos += 1;
                        }
                        Some(b')' | b']' | b'}') => {
                            depth -= 1;
                            self.pos += 1;
                            if depth == 0 {
                                return Ok(());
                            }
                        }
                        Some(b'\'' | b'"') => {
                            self.string(AT_HEADER, "a value")?;
                        }
                        Some(_) => self.pos += 1,
                        None => return Err(self.syntax(AT_HEADER, "the end of a bracketed value")),
                    }
                }
            }
            _ => {
                let len = self
                    .rest()
                    .iter()
                    .take_while(|b| !matches!(b, b',' | b'}') && !b.is_ascii_whitespace())
                    .count();
                if len == 0 {
                    return Err(self.syntax(AT_HEADER, "a value"));
                }
                self.pos += len;
                Ok(())
            }
        }
    }

    /// `True` or `False`.
    fn boolean(&mut self) -> Result<bool> {
        for (word, value) in [(&b"True"[..], true), (&b"False"[..], false)] {
            let end = self.pos + word.len();
            if self.rest().starts_with(word)
                && !self
                    .text
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                self.pos = end;
                return Ok(value);
            }
        }
        Err(self.syntax(AT_ORDER, "`True` or `False`"))
    }

    /// A tuple or list of whole numbers: `(3, 2)`, `(3,)`, `()`, `[3, 2]`. Python 2's long
    /// suffix (`3L`) is accepted, as old numpy wrote it.
    fn shape(&mut self) -> Result<Vec<u64>> {
        let close = match self.peek() {
            Some(b'(') => b')',
            Some(b'[') => b']',
            _ => return Err(self.syntax(AT_SHAPE, "a tuple of dimensions such as (3, 2)")),
        };
        self.pos += 1;
        let mut dims = Vec::new();
        loop {
            self.skip_space();
            if self.eat(close) {
                return Ok(dims);
            }
            dims.push(self.dimension()?);
            self.skip_space();
            if self.eat(close) {
                return Ok(dims);
            }
            if !self.eat(b',') {
                return Err(self.syntax(AT_SHAPE, "a `,` or the end of the shape"));
            }
        }
    }

    /// One dimension: decimal digits, at most `u64::MAX`.
    fn dimension(&mut self) -> Result<u64> {
        let start = self.pos;
        let digits = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            let why = if self.peek() == Some(b'-') {
                "a dimension of at least 0"
            } else {
                "a dimension (a whole number)"
            };
            return Err(self.syntax(AT_SHAPE, why));
        }
        self.pos += digits;
        if matches!(self.peek(), Some(b'L' | b'l')) {
            self.pos += 1;
        }
        let text = &self.text[start..start + digits];
        text.iter()
            .try_fold(0_u64, |n, &d| {
                n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
            })
            .ok_or_else(|| {
                npy(
                    AT_SHAPE,
                    format!(
                        "the dimension {} does not fit in 64 bits",
                        show_text(&text[..text.len().min(40)])
                    ),
                )
            })
    }
}

/// Header bytes as text for a message: lossy UTF-8 with control characters escaped.
fn show_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).escape_debug().to_string()
}

/// A shape as Python writes it: `(3, 2)`, `(3,)`, `()`; long shapes cut short.
fn show_shape(shape: &[u64]) -> String {
    let mut dims: Vec<String> = shape
        .iter()
        .take(SHOWN_DIMENSIONS)
        .map(u64::to_string)
        .collect();
    if shape.len() > SHOWN_DIMENSIONS {
        dims.push(format!("... {} dimensions in all", shape.len()));
    }
    match dims.as_slice() {
        [one] if shape.len() == 1 => format!("({one},)"),
        _ => format!("({})", dims.join(", ")),
    }
}

/// The `rows × cols` matrix of 8-byte values in `data` (exactly `rows × cols × 8` bytes),
/// read row-major from C or Fortran order.
fn matrix<T: Weight>(
    data: &[u8],
    rows: usize,
    cols: usize,
    fortran: bool,
    decode: fn([u8; VALUE_BYTES]) -> T,
) -> Result<Matrix<T>> {
    let len = rows * cols;
    let mut values = Vec::new();
    values.try_reserve_exact(len).map_err(|_| {
        npy(
            "data",
            format!("cannot allocate memory for {rows} x {cols} values"),
        )
    })?;
    let value = |k: usize| {
        let mut bytes = [0; VALUE_BYTES];
        bytes.copy_from_slice(&data[k * VALUE_BYTES..(k + 1) * VALUE_BYTES]);
        decode(bytes)
    };
    if fortran {
        // Column by column in the file: cell (r, c) is value c * rows + r.
        for r in 0..rows {
            values.extend((0..cols).map(|c| value(c * rows + r)));
        }
    } else {
        values.extend((0..len).map(value));
    }
    Matrix::from_vec(rows, cols, values)
}
