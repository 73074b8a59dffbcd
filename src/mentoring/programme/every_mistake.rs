//! Every mistake of a programme document at once: serde stops at the first, so a coordinator
//! with a misspelt lock and a keep bonus out of range would mend one and meet the other.
//!
//! The document is read again as a [`Tree`] (which keeps repeated keys and reads past a
//! number beyond `f64`), and each top-level key on its own (each has a default, so one key is
//! a whole programme); a list that does not read is read entry by entry, naming each entry at
//! fault by its place (``entry #2 of `locks` ``, from 0).

use super::keep_bonus::check_keep_bonus;
use super::spec::ProgrammeSpec;
use crate::mentoring::error::Error;
use crate::mentoring::mistakes::Mistakes;
use crate::support::json_text::is_out_of_range;
use crate::support::strict::{self, Tree, strip_position};
use serde::Deserialize;
use serde_json::Value;

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
        placed: false,
        at: (e.line(), e.column()),
        mistakes: Mistakes::new(),
    };
    for key in strict::repeated(&entries) {
        let said = format!("duplicate field `{key}`");
        found.push(said.clone(), Some(said));
    }
    for (key, value) in &entries {
        if !value.too_large().is_empty() {
            // An unknown key is named as unknown, whatever it holds.
            let message = match key_alone(key, &Tree::Leaf(Value::Null)) {
                Err(said) if said.starts_with("unknown field") => said,
                _ => format!("number out of range in `{key}`"),
            };
            found.push(message, None);
            continue;
        }
        match (value, key_alone(key, value)) {
            (_, Ok(spec)) => {
                if let Some(Err(out_of_range)) = spec.keep_bonus.map(check_keep_bonus) {
                    found.mistakes.push(out_of_range);
                }
            }
            // A list where the key takes one: each entry read on its own, named by its place.
            (Tree::List(items), Err(_))
                if !items.is_empty() && key_alone(key, &Tree::List(Vec::new())).is_ok() =>
            {
                for (k, item) in items.iter().enumerate() {
                    let one = Tree::List(vec![item.clone()]);
                    if let Err(said) = key_alone(key, &one) {
                        let named = format!("{said} in entry #{k} of `{key}`");
                        found.push(named, Some(said));
                    }
                }
            }
            // An unknown key's message names it already.
            (_, Err(said)) if said.starts_with(&format!("unknown field `{key}`")) => {
                found.push(said.clone(), Some(said));
            }
            (_, Err(said)) => found.push(format!("{said} in `{key}`"), Some(said)),
        }
    }
    found
        .mistakes
        .error()
        .unwrap_or_else(|| at_first(first.clone()))
}

/// Reads `value` as the programme key `key` alone: the programme of that key, else what is
/// wrong in serde's words. A key given twice inside the value is named, as serde names it
/// reading the whole document.
fn key_alone(key: &str, value: &Tree) -> Result<ProgrammeSpec, String> {
    if let Some(repeated) = value.repeated_key() {
        return Err(format!("duplicate field `{repeated}`"));
    }
    let alone = serde_json::Map::from_iter([(key.to_owned(), value.to_value())]);
    ProgrammeSpec::deserialize(Value::Object(alone)).map_err(|e| e.to_string())
}

/// The mistakes found so far, and whether serde's first has been given its place.
struct Found<'a> {
    /// serde's words for the first mistake.
    first: &'a str,
    placed: bool,
    /// serde's line and column of the first mistake.
    at: (usize, usize),
    mistakes: Mistakes,
}

impl Found<'_> {
    /// Records `message`; `said`, serde's own words for it, places it at serde's line and
    /// column when it is serde's first mistake.
    fn push(&mut self, message: String, said: Option<String>) {
        let first = !self.placed && said.as_deref() == Some(self.first);
        self.placed |= first;
        let (line, column) = if first { self.at } else { (0, 0) };
        self.mistakes.push(Error::ProgrammeJson {
            line,
            column,
            message,
        });
    }
}
