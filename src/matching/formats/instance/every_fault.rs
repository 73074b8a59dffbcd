//! The second reading of a strategies instance that failed: every fault met while reading.
//!
//! The first reading streams through the document and stops at its first fault: a valid
//! document is read in one pass, into memory proportional to the values read. When it stops
//! at a fault in a value (not in the JSON's syntax), the document is read again here, value
//! by value: each key's value, each row of a matrix, each cell and each list entry is taken
//! as the text it stands on (`serde_json`'s `RawValue`, borrowed, not copied) and read on its
//! own by the first reading's readers. So each fault is worded as the first reading words it,
//! named by its key, row and column or entry, and placed at its line and column in the whole
//! document, and a researcher fixing a matrix by hand sees every bad cell at once.
//!
//! A document whose syntax is at fault where a value begins or ends (a `NaN`, a missing
//! comma, the text cut short) cannot be taken apart this way: the first reading's fault is
//! then the only one named. Taking the values apart checks only where each value ends, so
//! faults the JSON reader counts as syntax inside a value (a number beyond `f64`, a broken
//! escape) are found and named like the others when a fault in a value comes first; a number
//! beyond `f64` may come first itself, as it stands inside a value wherever it is. Values
//! are taken apart at any depth without recursion; each is read only as deep as the first
//! reading reads it (a cell's value, a list's entries).

use super::{
    CapacitySeed, CellSeed, CountSeed, EntrySeed, GainsSeed, INSTANCE_KEYS, MAX_K_BEST, NamesSeed,
    Path, RowSeed, SeedSeed, Step, json_error, plural, repeated_key, strategy_name, unknown_key,
};
use crate::matching::error::{MatrixError, Mistakes};
use crate::support::json_text::{JSON_SPACE, Lines, offset};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

/// Every fault met while reading `text`, in the order of the text: unknown and repeated keys,
/// each bad cell, each matrix row of the wrong type or length, each bad option, capacity entry
/// or strategy name. `None` when the document cannot be taken apart (see the module's docs).
/// The checks between keys (the two matrices' shapes, a capacity list's length, a missing
/// key) are not made: they need every value read.
pub(super) fn every_fault(text: &str) -> Option<Mistakes> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let entries = reader.deserialize_map(Entries).ok()?;
    reader.end().ok()?;
    let mut faults = Faults {
        text,
        lines: Lines::default(),
        found: Mistakes::new(),
    };
    // How many times each key has been given so far.
    let mut given = [0usize; INSTANCE_KEYS.len()];
    for (key, raw) in entries {
        let Some(k) = INSTANCE_KEYS.iter().position(|&known| known == key) else {
            faults.at_key(raw, unknown_key(&key));
            continue;
        };
        given[k] += 1;
        if given[k] > 1 {
            faults.at_key(raw, repeated_key(&key, given[k]));
            continue;
        }
        let steps = vec![Step::Key(k)];
        match k {
            0 | 1 => faults.in_matrix(k, raw),
            3 => faults.in_names(k, raw),
            5 | 6 => faults.in_capacities(k, raw),
            2 => _ = faults.read(raw, steps, |_, d| SeedSeed.deserialize(d)),
            4 => {
                _ = faults.read(raw, steps, |_, d| {
                    CountSeed { most: usize::MAX }.deserialize(d)
                })
            }
            _ => {
                _ = faults.read(raw, steps, |_, d| {
                    CountSeed { most: MAX_K_BEST }.deserialize(d)
                })
            }
        }
    }
    Some(faults.found)
}

/// The top-level object's keys, each with its value's text, in the order written (repeats
/// kept).
struct Entries;

impl<'de> Visitor<'de> for Entries {
    type Value = Vec<(Cow<'de, str>, &'de RawValue)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(Key)? {
            entries.push((key, map.next_value::<&RawValue>()?));
        }
        Ok(entries)
    }
}

/// A key as written, borrowed from the text unless it holds an escape: a document of a
/// million unknown keys then holds no million strings of its own.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E>(self, key: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(key.to_owned()))
    }
}

/// A reader of values taken from one text, one at a time.
type ValueReader<'de> = serde_json::Deserializer<serde_json::de::StrRead<'de>>;

/// The faults found so far, and where in the text they are.
struct Faults<'t> {
    text: &'t str,
    lines: Lines,
    found: Mistakes,
}

impl<'t> Faults<'t> {
    /// Reads `raw` on its own with `read`, the place named from `steps` in; a fault is
    /// recorded, placed in the whole text. The value read, if it was good.
    fn read<T>(
        &mut self,
        raw: &'t RawValue,
        steps: Vec<Step>,
        read: impl FnOnce(&Path, &mut ValueReader<'t>) -> serde_json::Result<T>,
    ) -> Option<T> {
        let path = Path(RefCell::new(steps));
        let mut reader = serde_json::Deserializer::from_str(raw.get());
        let e = match read(&path, &mut reader) {
            Ok(value) => return Some(value),
            Err(e) => e,
        };
        let (text, lines) = (self.text, &mut self.lines);
        // Worded and placed only while the list has room: past it a fault is only counted.
        self.found
            .push_with(|| match json_error(raw.get(), &path, &e) {
                MatrixError::InstanceJson {
                    at,
                    why,
                    line,
                    column,
                } => {
                    // The reader of `raw` read `column` bytes of its first line, or some lines
                    // and `column` bytes of the last.
                    let start = offset(text, raw.get());
                    let (line, column) = if line <= 1 {
                        lines.after(text, start + column)
                    } else {
                        (lines.after(text, start).0 + line - 1, column)
                    };
                    MatrixError::InstanceJson {
                        at,
                        why,
                        line,
                        column,
                    }
                }
                other => other,
            });
        None
    }

    /// Records `why` about a key, placed where the first reading stops on it: before its
    /// value's colon (past the key's closing quote and any spaces after it).
    fn at_key(&mut self, value: &RawValue, why: String) {
        let (text, lines) = (self.text, &mut self.lines);
        self.found.push_with(|| {
            let before = text[..offset(text, value.get())]
                .trim_end_matches(JSON_SPACE)
                .strip_suffix(':')
                .unwrap_or("");
            let (line, column) = lines.after(text, before.len());
            MatrixError::InstanceJson {
                at: String::new(),
                why,
                line,
                column,
            }
        });
    }

    /// Records `why` about the place `steps`, a value `raw` the first reading read whole
    /// before finding the fault, placed where that reading stops (see [`Stop`]).
    fn at_end(&mut self, raw: &RawValue, stop: Stop, steps: Vec<Step>, why: String) {
        let (text, lines) = (self.text, &mut self.lines);
        self.found.push_with(|| {
            let end = offset(text, raw.get()) + raw.get().len();
            let after = text[end..].trim_start_matches(JSON_SPACE);
            let next = text.len() - after.len(); // the list's next byte after the value
            let read = match stop {
                Stop::Last => end,
                Stop::InList if after.starts_with(']') => next + 1,
                Stop::InList => match after.strip_prefix(',') {
                    Some(rest) => text.len() - rest.trim_start_matches(JSON_SPACE).len(),
                    None => next,
                },
            };
            let (line, column) = lines.after(text, read);
            MatrixError::InstanceJson {
                at: Path(RefCell::new(steps)).describe(),
                why,
                line,
                column,
            }
        });
    }

    /// A gain matrix (key `k`): each row that is not a list or is of the wrong length, each
    /// bad cell. Where the matrix is not a list of rows, or has none, the first reading's own
    /// reader words the fault.
    fn in_matrix(&mut self, k: usize, raw: &'t RawValue) {
        let Some(rows) = list(raw).filter(|rows| !rows.is_empty()) else {
            self.read(raw, vec![Step::Key(k)], |path, d| {
                GainsSeed { path }.deserialize(d)
            });
            return;
        };
        // The length of row 0, once it is a list with a cell: every other row is measured
        // against it, as in the first reading.
        let mut first_length = None;
        for (r, row) in rows.into_iter().enumerate() {
            let Some(cells) = list(row) else {
                self.read(row, vec![Step::Key(k), Step::Index(r)], |path, d| {
                    let mut gains = Default::default();
                    RowSeed {
                        path,
                        gains: &mut gains,
                        row: r,
                    }
                    .deserialize(d)
                });
                continue;
            };
            let length = cells.len();
            for (c, cell) in cells.into_iter().enumerate() {
                let steps = vec![Step::Key(k), Step::Index(r), Step::Index(c)];
                self.read(cell, steps, |_, d| CellSeed.deserialize(d));
            }
            let steps = vec![Step::Key(k), Step::Index(r)];
            match (r, first_length) {
                (0, _) if length == 0 => self.at_end(
                    row,
                    Stop::Last,
                    steps,
                    "the row is empty: give at least one senior".to_owned(),
                ),
                (0, _) => first_length = Some(length),
                (_, Some(first)) if length != first => self.at_end(
                    row,
                    Stop::Last,
                    steps,
                    format!(
                        "{} but row 0 has {first}: every row needs one value per senior",
                        plural(length, "value", "values"),
                    ),
                ),
                _ => {}
            }
        }
    }

    /// `strategies` (key `k`): each entry that is not a name, is unknown or repeats one. Where
    /// the value is not a list, or is empty, the first reading's own reader words the fault.
    fn in_names(&mut self, k: usize, raw: &'t RawValue) {
        let Some(entries) = list(raw).filter(|entries| !entries.is_empty()) else {
            self.read(raw, vec![Step::Key(k)], |path, d| {
                NamesSeed { path }.deserialize(d)
            });
            return;
        };
        let mut names = Vec::new();
        for (i, entry) in entries.into_iter().enumerate() {
            let steps = vec![Step::Key(k), Step::Index(i)];
            let Some(name) = self.read(entry, steps.clone(), |_, d| {
                <String as serde::Deserialize>::deserialize(d)
            }) else {
                continue;
            };
            match strategy_name(&name, &names) {
                Ok(known) => names.push(known),
                Err(why) => self.at_end(entry, Stop::InList, steps, why),
            }
        }
    }

    /// A capacity (key `k`): each bad entry of a list; one number or any other value as the
    /// first reading reads it.
    fn in_capacities(&mut self, k: usize, raw: &'t RawValue) {
        let Some(entries) = list(raw) else {
            self.read(raw, vec![Step::Key(k)], |path, d| {
                CapacitySeed { path }.deserialize(d)
            });
            return;
        };
        for (i, entry) in entries.into_iter().enumerate() {
            let steps = vec![Step::Key(k), Step::Index(i)];
            self.read(entry, steps, |_, d| EntrySeed.deserialize(d));
        }
    }
}

/// The entries of `raw`, each as the text it stands on, when it is a list.
fn list(raw: &RawValue) -> Option<Vec<&RawValue>> {
    serde_json::from_str(raw.get()).ok()
}

/// Where the first reading stops on a fault it finds after reading a value whole.
#[derive(Clone, Copy)]
enum Stop {
    /// After the value's last byte: a row, whose own list ends there.
    Last,
    /// Where the list's reader stops after the value: past the closing bracket when that
    /// comes next, else past the comma and the spaces after it.
    InList,
}
