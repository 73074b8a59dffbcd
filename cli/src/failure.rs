//! Why a run failed, its exit code, and the one way failures are printed.

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// Why a run failed.
///
/// ```
/// use mentor_match_cli::Failure;
///
/// assert_eq!(Failure::Input("`x.json`: not a roster".into()).exit_code(), 2);
/// assert_eq!(Failure::Internal("cannot write the output".into()).exit_code(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// Arguments clap rejected: clap's whole message (already starting with `error:`, with
    /// the usage line). Exit code 2.
    Usage(String),
    /// Bad input: a file that cannot be read, a document the library rejects, an argument
    /// out of range. The message names the culprit. Exit code 2.
    Input(String),
    /// The tool itself failed (standard output or an output file cannot be written, or the
    /// library failed on input it accepted). Exit code 1.
    Internal(String),
}

impl Failure {
    /// 2 for bad arguments or input, 1 for an internal failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Input(_) => 2,
            Failure::Internal(_) => 1,
        }
    }

    /// Prints the failure on standard error and returns its exit code. Bad input and internal
    /// failures are one line, `error: ...`; usage errors are clap's message as it wrote it.
    pub fn report(&self) -> ExitCode {
        let mut err = std::io::stderr().lock();
        // Nothing more can be done when standard error itself is closed.
        let _ = match self {
            Failure::Usage(text) => write!(err, "{}", shown(text)),
            _ => writeln!(err, "{self}"),
        };
        ExitCode::from(self.exit_code())
    }
}

impl fmt::Display for Failure {
    /// `error: message`, on one line whatever the message holds (file names, library errors).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(text) => write!(f, "{}", shown(text.trim_end())),
            Failure::Input(message) | Failure::Internal(message) => {
                write!(f, "error: {}", shown(&message.replace(['\n', '\r'], " ")))
            }
        }
    }
}

impl std::error::Error for Failure {}

/// `text` with every control character but the line break written out as a JSON escape
/// (`\u001b`): ids, names and file contents reach the terminal through messages and tables,
/// and an escape sequence among them must not recolour, move or retitle it. JSON output
/// stays valid: serde_json escapes the C0 controls itself, and the escape written here for
/// the others (DEL, C1) is JSON's own, meaning the same character.
///
/// ```
/// use mentor_match_cli::failure::shown;
///
/// assert_eq!(shown("o\u{1b}[31mla\tjan\n"), "o\\u001b[31mla\\u0009jan\n");
/// assert_eq!(shown("\"ola\u{7f}\""), "\"ola\\u007f\"");
/// assert_eq!(shown("Łucja"), "Łucja");
/// ```
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            // Every control character is in the Basic Multilingual Plane: four digits.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
