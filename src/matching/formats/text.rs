//! Reading a document from a stream the caller opened: chunk by chunk, stopping at the first
//! byte that shows the stream is not what the document must be.
//!
//! A user who names a binary file or a device (`/dev/zero`, `/dev/urandom`) where a roster or
//! a CSV matrix belongs should hear so at once, with the place, and not wait while memory
//! fills: reading everything first and checking after would read `/dev/zero` until memory ran
//! out. So the check runs on each chunk as it arrives, and a stream larger than memory is an
//! error, never an abort.

use super::npy::MAGIC as NPY_MAGIC;
use super::read::MatrixFormat;
use std::io::{ErrorKind, Read};

/// Why a stream could not be read as a document.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::{read_text, ReadError, TextFault};
///
/// let err = read_text(&b"{\n  \"id\": \"a\0\"\n}"[..]).unwrap_err();
/// assert!(matches!(err, ReadError::NotText { line: 2, column: 11, fault: TextFault::Nul }));
/// assert_eq!(err.to_string(), "line 2 column 11: a NUL byte: not a text file");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The stream failed, or holds more than memory can (`ErrorKind::OutOfMemory`).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A byte that no text holds, at `line` and `column` (from 1, the column in bytes as the
    /// JSON reader counts it, so that both kinds of message place a fault alike).
    #[error("line {line} column {column}: {fault}: not a text file")]
    NotText {
        /// The fault's line, from 1.
        line: usize,
        /// The fault's byte in its line, from 1.
        column: usize,
        /// What the byte is.
        fault: TextFault,
    },
}

/// A byte that shows a stream is not text.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::TextFault;
///
/// assert_eq!(TextFault::NotUtf8.to_string(), "a byte that is not UTF-8");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum TextFault {
    /// A NUL byte: valid UTF-8, but no text file holds one, and every binary file does.
    #[error("a NUL byte")]
    Nul,
    /// A byte that does not belong to a UTF-8 character where it stands.
    #[error("a byte that is not UTF-8")]
    NotUtf8,
}

/// Every byte of `reader` as text, refused at the first NUL byte or byte that is not UTF-8,
/// which is named by line and column; nothing after it is read.
///
/// # Errors
///
/// [`ReadError::NotText`] at such a byte; [`ReadError::Io`] when the reader fails or the
/// text does not fit in memory.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::read_text;
///
/// assert_eq!(read_text(&b"{\"juniors\": []}"[..])?, "{\"juniors\": []}");
/// let err = read_text(&b"ok\n\xff"[..]).unwrap_err();
/// assert_eq!(err.to_string(), "line 2 column 1: a byte that is not UTF-8: not a text file");
/// # Ok::<(), mentor_match::formats::ReadError>(())
/// ```
pub fn read_text(reader: impl Read) -> Result<String, ReadError> {
    let mut text = TextCheck::default();
    let bytes = read_while(reader, |bytes, ended| {
        text.check(bytes, ended)?;
        Ok(Next::ReadOn)
    })?;
    // Every byte was checked: this cannot fail, but is not unwrapped (no panics).
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        not_text(e.as_bytes(), offset, TextFault::NotUtf8)
    })
}

/// The bytes of a matrix file in `format`, or of one whose format its first bytes tell
/// (`None`, as [`MatrixFormat::from_bytes`] tells it), for [`read_matrix`](super::read_matrix).
///
/// CSV is read as [`read_text`] reads text, refused at its first byte that no text holds. A
/// stream that should be `.npy` and does not start with numpy's magic string (a device, a
/// wrong path) is read no further than that: its first bytes are enough for the `.npy`
/// reader to say what is wrong.
///
/// # Errors
///
/// As [`read_text`] for CSV; [`ReadError::Io`] when the reader fails or the file does not fit
/// in memory.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::{read_matrix, read_matrix_bytes, MatrixFormat, WeightMatrix};
///
/// let bytes = read_matrix_bytes(&b"4, 1\n2, 8\n"[..], None)?;
/// # #[cfg(feature = "csv")]
/// assert_eq!(MatrixFormat::from_bytes(&bytes), MatrixFormat::Csv);
///
/// // Not `.npy`: the reader stops after the first chunk and the `.npy` reader says why.
/// let zeros = std::io::repeat(0).take(1 << 30);
/// # use std::io::Read as _;
/// let bytes = read_matrix_bytes(zeros, Some(MatrixFormat::Npy))?;
/// assert!(bytes.len() < 1 << 20);
/// assert!(read_matrix(&bytes, MatrixFormat::Npy).is_err());
/// # Ok::<(), mentor_match::formats::ReadError>(())
/// ```
pub fn read_matrix_bytes(
    reader: impl Read,
    format: Option<MatrixFormat>,
) -> Result<Vec<u8>, ReadError> {
    let mut text = TextCheck::default();
    read_while(reader, |bytes, ended| {
        let known = bytes.len() >= NPY_MAGIC.len() || ended;
        let format = match format {
            Some(format) => format,
            None if known => MatrixFormat::from_bytes(bytes),
            None => return Ok(Next::ReadOn),
        };
        if format != MatrixFormat::Npy {
            text.check(bytes, ended)?;
        } else if known && !bytes.starts_with(NPY_MAGIC) {
            return Ok(Next::Enough);
        }
        Ok(Next::ReadOn)
    })
}

/// What to do after a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Read the next chunk.
    ReadOn,
    /// Stop: what was read is enough to tell.
    Enough,
}

/// The bytes read at a time.
const CHUNK: usize = 1 << 16;

/// Reads `reader` chunk by chunk, asking `go_on` after each (with every byte so far, and
/// whether the stream has ended) whether to read on; stops at the end or when it says
/// [`Next::Enough`].
fn read_while(
    mut reader: impl Read,
    mut go_on: impl FnMut(&[u8], bool) -> Result<Next, ReadError>,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0_u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        // A stream larger than memory is an error, not an abort.
        bytes
            .try_reserve(n)
            .map_err(|_| std::io::Error::from(ErrorKind::OutOfMemory))?;
        bytes.extend_from_slice(&chunk[..n]);
        let ended = n == 0;
        if go_on(&bytes, ended)? == Next::Enough || ended {
            return Ok(bytes);
        }
    }
}

/// A text check that goes on from where the last chunk's ended.
#[derive(Debug, Default)]
struct TextCheck {
    /// The bytes known to be UTF-8 without a NUL.
    checked: usize,
}

impl TextCheck {
    /// Checks the bytes after the last check. A character cut by the chunk's end waits for
    /// the next chunk, unless the stream has `ended`.
    fn check(&mut self, bytes: &[u8], ended: bool) -> Result<(), ReadError> {
        let rest = &bytes[self.checked..];
        let (valid, fault) = match std::str::from_utf8(rest) {
            Ok(_) => (rest.len(), None),
            Err(e) if e.error_len().is_none() && !ended => (e.valid_up_to(), None),
            Err(e) => (e.valid_up_to(), Some(TextFault::NotUtf8)),
        };
        if let Some(nul) = rest[..valid].iter().position(|&b| b == 0) {
            return Err(not_text(bytes, self.checked + nul, TextFault::Nul));
        }
        if let Some(fault) = fault {
            return Err(not_text(bytes, self.checked + valid, fault));
        }
        self.checked += valid;
        Ok(())
    }
}

/// The error for `fault` at byte `offset` of `bytes`, placed by line and column.
fn not_text(bytes: &[u8], offset: usize, fault: TextFault) -> ReadError {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |newline| newline + 1);
    ReadError::NotText {
        line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
        column: 1 + offset - line_start,
        fault,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out `bytes` `step` at a time, so characters and faults fall across
    /// chunk boundaries.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn trickled(bytes: &[u8], step: usize) -> Result<String, ReadError> {
        read_text(Trickle { bytes, step })
    }

    fn fault_of(result: Result<String, ReadError>) -> (usize, usize, TextFault) {
        match result {
            Err(ReadError::NotText {
                line,
                column,
                fault,
            }) => (line, column, fault),
            other => panic!("not refused as text: {other:?}"),
        }
    }

    #[test]
    fn text_cut_anywhere_reads_whole() {
        let text = "é€𝄞 roster\n{\"id\": \"øy\"}\n";
        for step in 1..=text.len() {
            assert_eq!(
                trickled(text.as_bytes(), step).unwrap(),
                text,
                "step {step}"
            );
        }
    }

    #[test]
    fn a_fault_is_placed_alike_however_the_stream_is_cut() {
        type Case = (&'static [u8], (usize, usize, TextFault));
        let cases: [Case; 5] = [
            (b"ab\xc3", (1, 3, TextFault::NotUtf8)),
            (b"a\nbc\xffd", (2, 3, TextFault::NotUtf8)),
            (b"{\n\n\"\xc3\xa9\x00\"}", (3, 4, TextFault::Nul)),
            (b"\x00", (1, 1, TextFault::Nul)),
            // A NUL before a bad byte in the same chunk is the first fault.
            (b"x\x00\xff", (1, 2, TextFault::Nul)),
        ];
        for (bytes, expected) in cases {
            for step in 1..=bytes.len() {
                assert_eq!(
                    fault_of(trickled(bytes, step)),
                    expected,
                    "{bytes:?} by {step}"
                );
            }
        }
    }

    #[test]
    fn an_endless_binary_stream_is_refused_at_its_first_chunk() {
        let zeros = std::io::repeat(0);
        assert_eq!(fault_of(read_text(zeros)), (1, 1, TextFault::Nul));
        // As a matrix of no named format, zeros are not `.npy`: CSV refuses them as text, and
        // without CSV the `.npy` reader is handed the first chunk to say why.
        let result = read_matrix_bytes(std::io::repeat(0), None);
        #[cfg(feature = "csv")]
        assert!(matches!(result, Err(ReadError::NotText { .. })));
        #[cfg(not(feature = "csv"))]
        assert!(result.unwrap().len() <= CHUNK);
    }

    #[test]
    fn a_failing_reader_is_its_io_error() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(ErrorKind::PermissionDenied, "denied"))
            }
        }
        let err = read_text(Broken).unwrap_err();
        assert!(matches!(&err, ReadError::Io(e) if e.kind() == ErrorKind::PermissionDenied));
        assert_eq!(err.to_string(), "denied");
    }

    #[test]
    fn npy_bytes_are_not_checked_as_text() {
        let mut npy = NPY_MAGIC.to_vec();
        npy.extend_from_slice(&[0, 0xff, 0, 1]);
        for format in [None, Some(MatrixFormat::Npy)] {
            assert_eq!(read_matrix_bytes(&npy[..], format).unwrap(), npy);
        }
        // Named CSV, the same bytes are not text.
        #[cfg(feature = "csv")]
        assert!(matches!(
            read_matrix_bytes(&npy[..], Some(MatrixFormat::Csv)),
            Err(ReadError::NotText { .. })
        ));
    }

    #[test]
    fn a_stream_that_should_be_npy_and_is_not_stops_early() {
        let bytes = read_matrix_bytes(std::io::repeat(b'x'), Some(MatrixFormat::Npy)).unwrap();
        assert!(bytes.len() <= CHUNK, "{}", bytes.len());
        // Fewer bytes than the magic string, then the end: read whole.
        assert_eq!(
            read_matrix_bytes(&b"\x93N"[..], Some(MatrixFormat::Npy)).unwrap(),
            b"\x93N"
        );
    }
}
