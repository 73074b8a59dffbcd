//! Reading the file an argument names, or standard input for `-`.

use crate::Failure;
use mentor_match::formats::{self, MatrixFormat, ReadError};
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

    /// The bytes of a matrix file in `format`, or of one whose format the bytes tell (`None`),
    /// as the library's [`read_matrix_bytes`](formats::read_matrix_bytes) reads them: CSV is
    /// refused at its first byte that no text holds, and a source that should be `.npy` and
    /// does not start as one is read no further than its first bytes.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] naming the source when it cannot be read or is not what it should
    /// be.
    pub fn read_matrix_bytes(&self, format: Option<MatrixFormat>) -> Result<Vec<u8>, Failure> {
        formats::read_matrix_bytes(self.open()?, format).map_err(|e| self.cannot_read(e))
    }

    /// The source as text, as the library's [`read_text`](formats::read_text) reads it:
    /// reading stops at the first byte that is not UTF-8 or is a NUL (a binary file or a
    /// device given by mistake), which is named by line and column.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] naming the source when it cannot be read or is not text.
    pub fn read_text(&self) -> Result<String, Failure> {
        formats::read_text(self.open()?).map_err(|e| self.cannot_read(e))
    }

    /// The failure of a source that could not be read.
    fn cannot_read(&self, e: ReadError) -> Failure {
        Failure::Input(format!("cannot read {}: {e}", self.name()))
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
}

impl std::str::FromStr for Source {
    type Err = std::convert::Infallible;

    fn from_str(arg: &str) -> Result<Source, Self::Err> {
        Ok(Source::parse(arg))
    }
}
