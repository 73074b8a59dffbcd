//! Every mistake of a programme document at once: serde stops at the first, so a coordinator
//! with a misspelt lock and a keep bonus out of range would mend one and meet the other.
//!
//! The document is read again as a [`Tree`] (which keeps repeated keys and reads past a
//! number beyond `f64`), and key by key ([`key_by_key`]: each key has a default, so one key is
//! a whole programme; a list that does not read is read entry by entry, naming each entry at
//! fault by its place, ``entry #2 of `locks` ``, from 0); then each keep bonus that reads is
//! checked against its range.

use super::keep_bonus::check_keep_bonus;
use super::spec::ProgrammeSpec;
use crate::mentoring::error::Error;
use crate::mentoring::mistakes::Mistakes;
use crate::support::json_text::is_out_of_range;
use crate::support::key_by_key::{KeyMistake, key_by_key, read_alone, where_serde_stopped};
use crate::support::strict::{self, Tree, strip_position};

/// Turns serde_json's error `e` on the programme document `text` into an error naming every
/// mistake that can be found; serde's own (the first in the document) keeps its line and
/// column, the others are named by their key.
pub(super) fn every_mistake(text: &str, e: &serde_json::Error) -> Error {
    let first = strip_position(e);
    let at_first = |message: String| Error::ProgrammeJson {
        line: e.line(),
        column: e.column(),
        message,
    };
    // A syntax error (a number beyond `f64` aside): nothing after it can be read.
    if !e.is_data() && !is_out_of_range(e) {
        return at_first(first);
    }
    let Some(Tree::Object(entries)) = Tree::read(text) else {
        return at_first(first);
    };
    let mut found = Found {
        first: &first,
        stop: where_serde_stopped::<ProgrammeSpec>(&entries),
        placed: false,
        at: (e.line(), e.column()),
        mistakes: Mistakes::new(),
    };
    for key in strict::repeated(&entries) {
        let said = format!("duplicate field `{key}`");
        found.push(key, said.clone(), Some(said));
    }
    key_by_key::<ProgrammeSpec>(&entries, |key, KeyMistake { said, named }| {
        found.push(key, named, Some(said));
    });
    // A keep bonus that reads may be out of range (each one given, if given twice).
    for (key, value) in &entries {
        if let Ok(spec) = read_alone::<ProgrammeSpec>(key, value)
            && let Some(Err(out_of_range)) = spec.keep_bonus.map(check_keep_bonus)
        {
            found.mistakes.push(out_of_range);
        }
    }
    found
        .mistakes
        .error()
        .unwrap_or_else(|| at_first(first.clone()))
}

/// The mistakes found so far, and whether serde's first has been given its place.
struct Found<'a> {
    /// serde's words for the first mistake.
    first: &'a str,
    /// The key where serde stopped (see [`where_serde_stopped`]).
    stop: Option<&'a str>,
    placed: bool,
    /// serde's line and column of the first mistake.
    at: (usize, usize),
    mistakes: Mistakes,
}

impl Found<'_> {
    /// Records `message`, a mistake of top-level `key`; `said`, serde's own words for it,
    /// places it at serde's line and column when it is serde's first mistake (at the key
    /// where serde stopped).
    fn push(&mut self, key: &str, message: String, said: Option<String>) {
        let first = !self.placed && self.stop == Some(key) && said.as_deref() == Some(self.first);
        self.placed |= first;
        let (line, column) = if first { self.at } else { (0, 0) };
        self.mistakes.push(Error::ProgrammeJson {
            line,
            column,
            message,
        });
    }
}
