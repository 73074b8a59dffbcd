//! Reading the file an argument names, or standard input for `-`.

use crate::Failure;
use std::io::Read;
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
        let read = match self {
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
            }
            Source::File(path) => std::fs::read(path),
        };
        read.map_err(|e| Failure::Input(format!("cannot read {}: {e}", self.name())))
    }

    /// The source as text.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] naming the source when it cannot be read or is not UTF-8.
    pub fn read_text(&self) -> Result<String, Failure> {
        String::from_utf8(self.read_bytes()?)
            .map_err(|e| Failure::Input(format!("cannot read {}: {e}", self.name())))
    }
}

impl std::str::FromStr for Source {
    type Err = std::convert::Infallible;

    fn from_str(arg: &str) -> Result<Source, Self::Err> {
        Ok(Source::parse(arg))
    }
}
