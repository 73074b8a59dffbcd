//! Progress bars on standard error, drawn only when standard error is a terminal: a pipe or a
//! log file gets nothing, not carriage returns.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar, or nothing when standard error is not a terminal. Cheap to clone and
/// `Send + Sync`, so a library callback can move it.
///
/// ```
/// use mentor_match_cli::progress::Bar;
///
/// let bar = Bar::new(10, "repeats");
/// bar.inc(1); // drawn on a terminal, nothing otherwise
/// bar.finish();
/// ```
#[derive(Debug, Clone)]
pub struct Bar(Option<ProgressBar>);

impl Bar {
    /// A bar of `len` steps with a label (`3/20`), shown only when standard error is a
    /// terminal.
    pub fn new(len: u64, label: &str) -> Bar {
        Bar::styled(
            len,
            label,
            "{msg:<12} [{bar:30}] {pos}/{len} {elapsed_precise} (eta {eta})",
        )
    }

    /// A bar from 0 to 100 % for work that reports its phase and the fraction done in it,
    /// shown only when standard error is a terminal.
    pub fn percent(label: &str) -> Bar {
        Bar::styled(
            100,
            label,
            "{msg:<12} [{bar:30}] {pos:>3}% {elapsed_precise}",
        )
    }

    fn styled(len: u64, label: &str, template: &str) -> Bar {
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        // The templates are constants known to parse; the default style if one did not.
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("#>-"));
        }
        bar.set_message(label.to_owned());
        Bar(Some(bar))
    }

    /// Advances by `steps`.
    pub fn inc(&self, steps: u64) {
        if let Some(bar) = &self.0 {
            bar.inc(steps);
        }
    }

    /// Shows `label` at `position` (of the bar's length), for work that reports its phase.
    pub fn show(&self, label: &str, position: u64) {
        if let Some(bar) = &self.0 {
            if bar.message() != label {
                bar.set_message(label.to_owned());
            }
            bar.set_position(position);
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
