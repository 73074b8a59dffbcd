//! Reading a JSON document key by key, so that every mistake among its keys is named.
//!
//! serde stops at the first mistake of a document, and a second one, with no place in the
//! file, would not say where it is. A document whose every key has a default (a roster, a
//! criteria document, a programme) is a whole document with one key, so each key can be read
//! on its own; a list that does not read is read entry by entry. The roster's and the
//! programme's readers of every mistake share this reading.

use crate::support::strict::Tree;
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
/// on its own as a `D`, every key of which has a default; each mistake once, in the order
/// written. A list the key takes that does not read is read entry by entry, each entry at fault
/// named by its place. A key given twice inside a value and a number beyond `f64` are named as
/// mistakes of where they stand.
pub(crate) fn key_by_key<D: DeserializeOwned>(entries: &[(String, Tree)]) -> Vec<KeyMistake> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut push = |said: String, named: String| {
        if seen.insert(named.clone()) {
            found.push(KeyMistake { said, named });
        }
    };
    for (key, value) in entries {
        // An unknown key is named as unknown, whatever it holds.
        if let Err(said) = read_alone::<D>(key, &Tree::Leaf(Value::Null))
            && said.starts_with(&format!("unknown field `{key}`"))
        {
            push(said.clone(), said);
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
                        push(said, named);
                    }
                }
            }
            _ => {
                let named = format!("{said} in `{key}`");
                push(said, named);
            }
        }
    }
    found
}

/// `value` read as the key `key` of a `D` alone, or what is wrong: a key given twice inside it
/// (serde names it reading the text, but a `Tree`'s value keeps only the first), a number
/// beyond `f64`, or serde's words.
pub(crate) fn read_alone<D: DeserializeOwned>(key: &str, value: &Tree) -> Result<D, String> {
    if let Some(repeated) = value.repeated_key() {
        return Err(format!("duplicate field `{repeated}`"));
    }
    if !value.too_large().is_empty() {
        return Err("number out of range".to_owned());
    }
    let alone = serde_json::Map::from_iter([(key.to_owned(), value.to_value())]);
    D::deserialize(Value::Object(alone)).map_err(|e| e.to_string())
}
