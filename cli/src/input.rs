//! Reading the file an argument names, or standard input for `-`.

use crate::Failure;
use mentor_match::formats::MatrixFormat;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Where a document comes from: a file, or standard input (`-` on the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// `-` is standard input, anything else a path.
    ///
    /// ```
    /// use mentor_match_cli::input::Source;
    ///
    /// assert_eq!(Source::parse("-"), Source::Stdin);
    /// assert!(matches!(Source::parse("roster.json"), Source::File(_)));
    /// ```
    pub fn parse(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::File(PathBuf::from(arg))
        }
    }

    /// The source as error messages name it: `` `path` `` or `standard input`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "standard input".to_owned(),
            Source::File(path) => format!("`{}`", path.display()),
        }
    }

    /// The path, for a file.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(path) => Some(path),
        }
    }

    /// Every byte of the source.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] naming the source when it cannot be read.
    pub fn read_bytes(&self) -> Result<Vec<u8>, Failure> {
        self.read_while(|_, _| Ok(Next::ReadOn))
    }

    /// The bytes of a matrix file in `format`, or of one whose format the bytes tell (`None`).
    /// A source that does not start as an `.npy` file starts (a device, a wrong path) is read
    /// no further than that: its first bytes are enough for the library to say what is wrong.
    /// Text is read as [`read_text`](Self::read_text) reads it.
    ///
    /// # Errors
    ///
    /// As [`read_text`](Self::read_text) for CSV; [`Failure::Input`] when the source cannot
    /// be read.
    pub fn read_matrix_bytes(&self, format: Option<MatrixFormat>) -> Result<Vec<u8>, Failure> {
        let mut text = TextCheck::default();
        self.read_while(|bytes, end| {
            let known = bytes.len() >= NPY_MAGIC.len() || end;
            let npy_expected = format == Some(MatrixFormat::Npy);
            if npy_expected && known && !bytes.starts_with(NPY_MAGIC) {
                return Ok(Next::Enough);
            }
            let csv = match format {
                Some(f) => f != MatrixFormat::Npy,
                None => known && MatrixFormat::from_bytes(bytes) != MatrixFormat::Npy,
            };
            if csv {
                text.check(bytes, end).map_err(|why| self.not_text(why))?;
            }
            Ok(Next::ReadOn)
        })
    }

    /// The source as text. Reading stops at the first byte that is not UTF-8 or is a NUL (a
    /// binary file or a device given by mistake), which is named by line and column.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] naming the source when it cannot be read or is not text.
    pub fn read_text(&self) -> Result<String, Failure> {
        let mut text = TextCheck::default();
        let bytes = self.read_while(|bytes, end| {
            text.check(bytes, end).map_err(|why| self.not_text(why))?;
            Ok(Next::ReadOn)
        })?;
        String::from_utf8(bytes).map_err(|e| self.not_text(e.to_string()))
    }

    /// The failure of a source that is not text, for `why`.
    fn not_text(&self, why: String) -> Failure {
        Failure::Input(format!("cannot read {}: {why}", self.name()))
    }

    /// The source, opened for reading.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] naming the file when it cannot be opened.
    pub fn open(&self) -> Result<Box<dyn std::io::Read>, Failure> {
        Ok(match self {
            Source::Stdin => Box::new(std::io::stdin().lock()),
            Source::File(path) => Box::new(
                std::fs::File::open(path)
                    .map_err(|e| Failure::Input(format!("cannot read {}: {e}", self.name())))?,
            ),
        })
    }

    /// Reads the source chunk by chunk, asking `go_on` after each (with every byte so far, and
    /// whether the source has ended) whether to read on; stops at the end or when it says
    /// [`Next::Enough`].
    fn read_while(
        &self,
        mut go_on: impl FnMut(&[u8], bool) -> Result<Next, Failure>,
    ) -> Result<Vec<u8>, Failure> {
        let cannot =
            |e: std::io::Error| Failure::Input(format!("cannot read {}: {e}", self.name()));
        let mut reader = self.open()?;
        let mut bytes = Vec::new();
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(cannot(e)),
            };
            // A source larger than memory is an error, not an abort.
            bytes
                .try_reserve(n)
                .map_err(|_| cannot(std::io::ErrorKind::OutOfMemory.into()))?;
            bytes.extend_from_slice(&chunk[..n]);
            if go_on(&bytes, n == 0)? == Next::Enough || n == 0 {
                return Ok(bytes);
            }
        }
    }
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

/// The first bytes of every `.npy` file.
const NPY_MAGIC: &[u8] = b"\x93NUMPY";

/// A text check that goes on from where the last chunk's ended.
#[derive(Debug, Default)]
struct TextCheck {
    /// The bytes known to be UTF-8 without a NUL.
    checked: usize,
}

impl TextCheck {
    /// Checks the bytes after the last check: `Err` with the fault and its line and column
    /// when one is not UTF-8 or is a NUL. A character cut by the chunk's end waits for the
    /// next chunk, unless the source has `ended`.
    fn check(&mut self, bytes: &[u8], ended: bool) -> Result<(), String> {
        let rest = &bytes[self.checked..];
        let (valid, fault) = match std::str::from_utf8(rest) {
            Ok(_) => (rest.len(), None),
            Err(e) if e.error_len().is_none() && !ended => (e.valid_up_to(), None),
            Err(e) => (e.valid_up_to(), Some("a byte that is not UTF-8")),
        };
        if let Some(nul) = rest[..valid].iter().position(|&b| b == 0) {
            return Err(at(bytes, self.checked + nul, "a NUL byte"));
        }
        if let Some(what) = fault {
            return Err(at(bytes, self.checked + valid, what));
        }
        self.checked += valid;
        Ok(())
    }
}

/// `what` at byte `offset` of `bytes`, named by line and column from 1, the column in bytes
/// as the JSON reader counts it, so that both kinds of message place a fault alike.
fn at(bytes: &[u8], offset: usize, what: &str) -> String {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + offset - line_start;
    format!("line {line} column {column}: {what}: not a text file")
}

impl std::str::FromStr for Source {
    type Err = std::convert::Infallible;

    fn from_str(arg: &str) -> Result<Source, Self::Err> {
        Ok(Source::parse(arg))
    }
}
