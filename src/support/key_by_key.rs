//! Reading a JSON document key by key, so that every mistake among its keys is named.
//!
//! serde stops at the first mistake of a document, and a second one, with no place in the
//! file, would not say where it is. A document whose every key has a default (a roster, a
//! criteria document, a programme) is a whole document with one key, so each key can be read
//! on its own; a list that does not read is read entry by entry. The roster's and the
//! programme's readers of every mistake share this reading.

use crate::support::strict::{Tree, strip_position};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::BTreeSet;

/// One mistake found reading a key on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyMistake {
    /// What is wrong in serde's words, as serde says it reading the whole document (so that
    /// the reader can give serde's first mistake its line and column).
    pub(crate) said: String,
    /// The same, naming where: ``… in `key` ``, ``… in entry #2 of `key` `` (from 0); an
    /// unknown key's words name it already.
    pub(crate) named: String,
}

/// Each mistake of `entries` (an object's entries as written, repeats included), each key read
/// on its own as a `D`, every key of which has a default, handed to `found` with its key in
/// the order written (only what the caller lists is kept: a document of a million bad entries
/// is not a million messages held at once). A list the key takes that does not read is read
/// entry by entry, each entry at fault named by its place. Each is read as serde_json reads
/// the document: a key given twice or a number beyond `f64` is a mistake where it is read,
/// and nothing in a value the reader passes over (a saved pair's `score`).
pub(crate) fn key_by_key<D: DeserializeOwned>(
    entries: &[(String, Tree)],
    mut found: impl FnMut(&str, KeyMistake),
) {
    for (key, value) in entries {
        let mut found = |mistake| found(key, mistake);
        // An unknown key is named as unknown, whatever it holds.
        if let Err(said) = read_alone::<D>(key, &Tree::Leaf(Value::Null))
            && said.starts_with(&format!("unknown field `{key}`"))
        {
            found(KeyMistake {
                named: said.clone(),
                said,
            });
            continue;
        }
        let Err(said) = read_alone::<D>(key, value) else {
            continue;
        };
        match value {
            Tree::List(items)
                if !items.is_empty() && read_alone::<D>(key, &Tree::List(Vec::new())).is_ok() =>
            {
                for (k, item) in items.iter().enumerate() {
                    if let Err(said) = read_alone::<D>(key, &Tree::List(vec![item.clone()])) {
                        let named = format!("{said} in entry #{k} of `{key}`");
                        found(KeyMistake { said, named });
                    }
                }
            }
            _ => {
                let named = format!("{said} in `{key}`");
                found(KeyMistake { said, named });
            }
        }
    }
}

/// The key of `entries` at which serde_json, reading the whole document as a `D`, stopped: the
/// first entry that does not read alone, or the second occurrence of a key (`None` when every
/// entry reads). serde_json's message names no key, and the same words may be said of another
/// key later: only a mistake of this key may take serde_json's line and column.
pub(crate) fn where_serde_stopped<D: DeserializeOwned>(entries: &[(String, Tree)]) -> Option<&str> {
    let mut seen = BTreeSet::new();
    entries
        .iter()
        .find(|(key, value)| !seen.insert(key.as_str()) || read_alone::<D>(key, value).is_err())
        .map(|(key, _)| key.as_str())
}

/// `value` read as the key `key` of a `D` alone, or what is wrong in serde_json's words (its
/// place in the fragment read left out): the value is written out as JSON and read as the
/// document was (see [`Tree::write_json`]).
pub(crate) fn read_alone<D: DeserializeOwned>(key: &str, value: &Tree) -> Result<D, String> {
    let mut text = String::from("{");
    text.push_str(&Value::from(key).to_string());
    text.push(':');
    value.write_json(&mut text);
    text.push('}');
    serde_json::from_str(&text).map_err(|e| strip_position(&e))
}
