//! Strategies instances: two gain matrices and the options of a run, as one JSON object.

use crate::matching::error::{MatrixError, Mistakes, Result};
use crate::matching::pair_scores::{MAX_GAIN, PairScores};
use crate::matching::strategy;
use crate::support::json_text::is_out_of_range;
use crate::support::mistakes::MAX_LISTED;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use std::cell::RefCell;
use std::fmt;

mod every_fault;

/// The keys a strategies instance may hold, in the order the documentation lists them.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::INSTANCE_KEYS;
/// assert_eq!(&INSTANCE_KEYS[..2], ["junior_gain", "senior_gain"]);
/// ```
pub const INSTANCE_KEYS: [&str; 8] = [
    "junior_gain",
    "senior_gain",
    "seed",
    "strategies",
    "top_k",
    "junior_capacity",
    "senior_capacity",
    "k_best",
];

/// The largest `k_best` an instance may ask for: each of the `k` costs up to `min(n, m) + 1`
/// engine solves, so a slip of the keyboard (`10000`) is refused rather than run for hours.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::{Instance, MAX_K_BEST};
///
/// let asks = |k: usize| format!(r#"{{"junior_gain": [[1]], "senior_gain": [[1]], "k_best": {k}}}"#);
/// assert_eq!(Instance::from_json(&asks(MAX_K_BEST))?.k_best(), Some(MAX_K_BEST));
/// assert!(Instance::from_json(&asks(MAX_K_BEST + 1)).is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const MAX_K_BEST: usize = 1000;

/// The `top_k` of an instance that does not give one.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::{DEFAULT_TOP_K, Instance};
///
/// let instance = Instance::from_json(r#"{"junior_gain": [[1]], "senior_gain": [[1]]}"#)?;
/// assert_eq!(instance.top_k(), DEFAULT_TOP_K);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const DEFAULT_TOP_K: usize = 3;

/// What a gain may be, for messages.
const GAIN_RULE: &str = "a gain is a number from 0 to 1e100, or null for a forbidden pair";

/// A strategies instance, read and checked: both gain matrices with the forbidden pairs, the
/// seed, the strategies to run, the `k` of the metrics' top-`k` share and the capacities.
///
/// # The format
///
/// One JSON object; rows are juniors and columns seniors:
///
/// ```text
/// {"junior_gain": [[0.9, 0.4, null], [0.5, 0.5, 0.2]],   what junior j gains from senior s
///  "senior_gain": [[0.1, 0.4, null], [0.5, 0.5, 0.7]],   what senior s gains from junior j
///  "seed": 7,                                            optional, default 0
///  "strategies": ["utilitarian", "leximin"],             optional, default every built-in one
///  "top_k": 2,                                           optional, default 3
///  "junior_capacity": [1, 2],                            optional, default 1
///  "senior_capacity": 1,                                 optional, default 1
///  "k_best": 5}                                          optional, default none
/// ```
///
/// - **Gains** are JSON numbers from 0 to 1e100 ([`MAX_GAIN`]); `null` in either matrix forbids
///   the pair. Both matrices have the same shape, every row as long as the first, at least one
///   row and one column. `-0` reads as 0, subnormal numbers as themselves, and a number beyond
///   `f64` (`1e400`, a 400-digit integer) is an error, as is NaN or an infinity (which JSON
///   does not have, but Python's `json.dump` writes).
/// - **`seed`**: a whole number from 0 to 2^64 − 1, handed to every strategy.
/// - **`strategies`**: a non-empty list of names from [`strategy::NAMES`], each once, run in
///   this order.
/// - **`top_k`**: a whole number from 1 to 2^64 − 1 (no allocation depends on it).
/// - **`junior_capacity`, `senior_capacity`**: how many partners each may take, a whole
///   number from 0 to 2^32 − 1 (`u32::MAX`; `2.0` is whole), either one for all or a list with
///   one per junior (senior). Capacity 0 leaves that agent out: all its pairs are forbidden.
/// - **`k_best`**: a whole number from 1 to [`MAX_K_BEST`]: also list the `k` best pairings of
///   the `utilitarian` objective ([`Utilitarian::k_best`](crate::strategy::Utilitarian::k_best)),
///   the alternatives a coordinator reviews beside the optimum.
///
/// Any other key is an error, so a misspelt option is not silently ignored; so is a key
/// given twice (JSON readers disagree on which value wins), and a top level other than an
/// object.
///
/// **Sizes.** Nothing is allocated for a number read from the document: the matrices and
/// lists grow with the values actually read, and a capacity given once for all is repeated
/// once per junior (senior) of the matrices. So memory stays proportional to the text.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::Instance;
///
/// let instance = Instance::from_json(r#"{
///     "junior_gain": [[0.9, 0.4], [0.5, null]],
///     "senior_gain": [[0.1, 0.4], [0.5, 0.5]],
///     "strategies": ["leximin", "utilitarian"], "seed": 7, "senior_capacity": [2, 1]}"#)?;
/// assert_eq!(instance.scores().juniors(), 2);
/// assert!(!instance.scores().is_allowed(1, 1));
/// assert_eq!(instance.strategies(), ["leximin", "utilitarian"]);
/// assert_eq!((instance.seed(), instance.top_k()), (7, 3));
/// assert_eq!(instance.senior_capacity(), [2, 1]);
///
/// let err = Instance::from_json(r#"{"junior_gain": [[1]], "senior_gain": [[-2]]}"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "`senior_gain` row 0, column 0: -2 is negative; a gain is a number from 0 to 1e100, or \
///      null for a forbidden pair at line 1 column 42"
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    scores: PairScores,
    seed: u64,
    strategies: Vec<&'static str>,
    top_k: usize,
    k_best: Option<usize>,
    junior_capacity: Vec<u32>,
    senior_capacity: Vec<u32>,
}

impl Instance {
    /// Reads and checks an instance document (see [the format](Self#the-format)).
    ///
    /// # Complexity
    ///
    /// `O(b)` time for `b` bytes of text, in one pass; memory proportional to the values read.
    /// A document refused for a fault in a value is read a second time, to name every fault
    /// (see below): `O(b)` again.
    ///
    /// # Errors
    ///
    /// [`MatrixError::InstanceJson`] naming the key, and for a matrix the row and column or for a
    /// list the entry, at fault, with the line and column in the text where the reader
    /// stopped: invalid JSON, a number beyond `f64`, NaN or an infinity, a document that is
    /// not an object, an unknown, duplicate or missing key, a matrix that is not a list of
    /// lists, is empty or ragged, holds a value that is neither a gain nor `null`, or is shaped
    /// unlike the other; a bad seed, `top_k`, strategy list or capacity.
    ///
    /// Every fault met while reading is named, with its line and column, in the order of the
    /// text: each unknown or repeated key, each bad cell, each row that is not a list or is
    /// longer or shorter than row 0, each bad option, capacity entry or strategy name. With
    /// several, a [`MatrixError::Multiple`] of them (the first
    /// [`MAX_LISTED`](crate::error::MAX_LISTED), the rest counted). When the first fault is in
    /// the JSON's syntax (but for a number beyond `f64`, a fault within its value), or the
    /// syntax is at fault anywhere a value begins or ends (a `NaN`, a missing comma, the text
    /// cut short), only the first fault is named: the document cannot be taken apart. The faults between keys (two shapes, a capacity list of the
    /// wrong length, a missing key) are looked for once reading found none; they have no line
    /// (0), and each of them is named.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{formats::Instance, MatrixError};
    ///
    /// let err = Instance::from_json(r#"{"junior_gain": [[1]], "senior_gain": [[1]], "seed": 1,
    ///                                   "seed": 2}"#).unwrap_err();
    /// let MatrixError::InstanceJson { at, why, line, .. } = &err else { panic!("{err}") };
    /// assert_eq!((at.as_str(), line), ("", &2));
    /// assert!(why.starts_with("the key `seed` appears twice"), "{why}");
    ///
    /// // Two bad cells, a row too long and a bad seed: each named in its place.
    /// let err = Instance::from_json(r#"{"junior_gain": [[1, -1], [0.5, "high", 1]],
    ///                                   "senior_gain": [[1, 1], [1, 1]], "seed": -3}"#)
    ///     .unwrap_err();
    /// let named: Vec<String> = err.all().iter().map(|e| match e {
    ///     MatrixError::InstanceJson { at, line, column, .. } => format!("{at} {line}:{column}"),
    ///     other => panic!("{other}"),
    /// }).collect();
    /// assert_eq!(named, [
    ///     "`junior_gain` row 0, column 1 1:23",
    ///     "`junior_gain` row 1, column 1 1:38",
    ///     "`junior_gain` row 1 1:42",
    ///     "`seed` 2:77",
    /// ]);
    /// ```
    pub fn from_json(text: &str) -> Result<Instance> {
        let text = crate::support::byte_order_mark::without_mark(text);
        let path = Path::default();
        let mut reader = serde_json::Deserializer::from_str(text);
        let read = DocumentSeed { path: &path }
            .deserialize(&mut reader)
            .and_then(|raw| reader.end().map(|()| raw));
        match read {
            Ok(raw) => raw.build(),
            Err(e) => Err(every_fault_from(text, json_error(text, &path, &e), &e)),
        }
    }

    /// Both gain matrices, with the forbidden pairs (`null` cells and agents of capacity 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(r#"{"junior_gain": [[0.5, null]], "senior_gain": [[1, 2]]}"#)?;
    /// assert_eq!(i.scores().junior_gain(0, 0), 0.5);
    /// assert!(!i.scores().is_allowed(0, 1));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn scores(&self) -> &PairScores {
        &self.scores
    }

    /// The seed handed to every strategy (0 unless given).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(r#"{"junior_gain": [[1]], "senior_gain": [[1]], "seed": 9}"#)?;
    /// assert_eq!(i.seed(), 9);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The strategies to run, by name, in order (every built-in one unless given).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(
    ///     r#"{"junior_gain": [[1]], "senior_gain": [[1]], "strategies": ["greedy", "nash"]}"#,
    /// )?;
    /// assert_eq!(i.strategies(), ["greedy", "nash"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn strategies(&self) -> &[&'static str] {
        &self.strategies
    }

    /// The `k` of the metrics' top-`k` share ([`DEFAULT_TOP_K`] unless given).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(r#"{"junior_gain": [[1]], "senior_gain": [[1]], "top_k": 1}"#)?;
    /// assert_eq!(i.top_k(), 1);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn top_k(&self) -> usize {
        self.top_k
    }

    /// How many of the best `utilitarian` pairings to list, if asked for.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(r#"{"junior_gain": [[1]], "senior_gain": [[1]], "k_best": 2}"#)?;
    /// assert_eq!(i.k_best(), Some(2));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn k_best(&self) -> Option<usize> {
        self.k_best
    }

    /// How many partners each junior may take (0 = left out), one per junior.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(
    ///     r#"{"junior_gain": [[1], [1]], "senior_gain": [[1], [1]], "junior_capacity": 2}"#,
    /// )?;
    /// assert_eq!(i.junior_capacity(), [2, 2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_capacity(&self) -> &[u32] {
        &self.junior_capacity
    }

    /// How many partners each senior may take (0 = left out), one per senior.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::Instance;
    ///
    /// let i = Instance::from_json(
    ///     r#"{"junior_gain": [[1, 1]], "senior_gain": [[1, 1]], "senior_capacity": [0, 3]}"#,
    /// )?;
    /// assert_eq!(i.senior_capacity(), [0, 3]);
    /// assert!(!i.scores().is_allowed(0, 0)); // capacity 0: left out
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_capacity(&self) -> &[u32] {
        &self.senior_capacity
    }
}

/// The faults of `text`, whose first reading stopped at `first` (the reader's error `e`):
/// where that was a fault in a value (a number beyond `f64` too), the document is read again
/// for every other (see
/// `every_fault`). `first` leads the list, in place of the second reading's first fault
/// where that names the same place in the same words (it does: the tests check that its
/// line and column are the same too), so that no fault is dropped or listed twice.
fn every_fault_from(text: &str, first: MatrixError, e: &serde_json::Error) -> MatrixError {
    // A number beyond `f64` (`1e400`) is a syntax fault to the reader, but one within a value:
    // the second reading passes over it as it passes over any value, and names it there.
    if !e.is_data() && !is_out_of_range(e) {
        return first; // the syntax at fault, or the text cut short: nothing more can be read
    }
    let Some(found) = every_fault::every_fault(text).and_then(|found| found.error()) else {
        return first;
    };
    let (mut errors, mut more) = match found {
        MatrixError::Multiple { errors, more } => (errors, more),
        one => (vec![one], 0),
    };
    let words = |e: &MatrixError| match e {
        MatrixError::InstanceJson { at, why, .. } => Some((at.clone(), why.clone())),
        _ => None,
    };
    if errors.first().and_then(words) == words(&first) {
        errors[0] = first;
    } else {
        errors.insert(0, first);
        if errors.len() > MAX_LISTED {
            errors.truncate(MAX_LISTED);
            more += 1;
        }
    }
    match <[MatrixError; 1]>::try_from(errors) {
        Ok([only]) if more == 0 => only,
        Ok([only]) => MatrixError::Multiple {
            errors: vec![only],
            more,
        },
        Err(errors) => MatrixError::Multiple { errors, more },
    }
}

/// One step into the document: a key (its index in [`INSTANCE_KEYS`]) or a list position.
#[derive(Debug, Clone, Copy)]
enum Step {
    Key(usize),
    Index(usize),
}

/// Where the reader is. Each step is pushed before reading a value and popped once it is
/// read; after an error the steps stay, so they name the innermost place at fault.
#[derive(Debug, Default)]
struct Path(RefCell<Vec<Step>>);

impl Path {
    /// Runs `read` one `step` further in.
    fn within<T, E>(&self, step: Step, read: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        self.0.borrow_mut().push(step);
        let result = read();
        if result.is_ok() {
            self.0.borrow_mut().pop();
        }
        result
    }

    /// Whether the path ends in a matrix cell.
    fn in_cell(&self) -> bool {
        matches!(
            self.0.borrow().as_slice(),
            [Step::Key(0 | 1), Step::Index(_), Step::Index(_), ..]
        )
    }

    /// The place in words: `` `junior_gain` row 1, column 2 ``, `` `seed` ``, or nothing.
    fn describe(&self) -> String {
        let steps = self.0.borrow();
        let Some(&Step::Key(k)) = steps.first() else {
            return String::new();
        };
        let key = INSTANCE_KEYS[k];
        match (k, &steps[1..]) {
            (0 | 1, [Step::Index(r), Step::Index(c), ..]) => format!("`{key}` row {r}, column {c}"),
            (0 | 1, [Step::Index(r), ..]) => format!("`{key}` row {r}"),
            (_, [Step::Index(i), ..]) => format!("`{key}` entry {i}"),
            _ => format!("`{key}`"),
        }
    }
}

/// Spellings of NaN and the infinities that JSON writers outside the standard use (Python's
/// `json.dump` writes `NaN`, `Infinity` and `-Infinity`), longest first.
const NON_FINITE: [&str; 8] = [
    "-Infinity",
    "Infinity",
    "-NaN",
    "-nan",
    "-inf",
    "NaN",
    "nan",
    "inf",
];

/// The typed error of a failed read: the place from `path`, the message and position from
/// `e`, reworded where the JSON reader's words say less than the place allows.
fn json_error(text: &str, path: &Path, e: &serde_json::Error) -> MatrixError {
    let (line, column) = (e.line(), e.column());
    let message = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let mut why = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    if e.is_syntax() {
        if let Some(token) = non_finite_at(text, line, column) {
            why = if path.in_cell() {
                format!("{token} is not a finite number; {GAIN_RULE}")
            } else {
                format!("{token} is not a JSON number (JSON has no NaN or infinity)")
            };
        } else if is_out_of_range(e) {
            why = "the number is too large for a 64-bit float (above about 1.8e308)".to_owned();
        }
    }
    MatrixError::InstanceJson {
        at: path.describe(),
        why,
        line,
        column,
    }
}

/// The [`NON_FINITE`] word at the reader's error position, if one is there. The JSON reader
/// stops on the word's first letter, or one or two bytes into it (`-Infinity` past the sign,
/// `nan` past the `n` it took for `null`).
fn non_finite_at(text: &str, line: usize, column: usize) -> Option<&'static str> {
    let line_start = match line {
        0 => return None,
        1 => 0,
        _ => text.match_indices('\n').nth(line - 2)?.0 + 1,
    };
    let at = line_start + column.checked_sub(1)?;
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
    (at.saturating_sub(2)..=at).find_map(|start| {
        let before_ok = start == 0 || !word(bytes[start - 1]);
        let rest = bytes.get(start..)?;
        NON_FINITE.into_iter().find(|token| {
            before_ok
                && rest.starts_with(token.as_bytes())
                && !rest.get(token.len()).is_some_and(|&b| word(b))
        })
    })
}

/// One gain matrix as read: row-major, a forbidden (`null`) cell's gain is 0.
#[derive(Debug, Default)]
struct Gains {
    values: Vec<f64>,
    allowed: Vec<bool>,
    rows: usize,
    cols: usize,
}

/// A capacity as written: one for all, or one per agent.
#[derive(Debug)]
enum Capacity {
    All(u32),
    Each(Vec<u32>),
}

/// The document as read, before the checks between keys.
#[derive(Debug, Default)]
struct Raw {
    seen: [bool; INSTANCE_KEYS.len()],
    junior_gain: Option<Gains>,
    senior_gain: Option<Gains>,
    seed: Option<u64>,
    strategies: Option<Vec<&'static str>>,
    top_k: Option<usize>,
    k_best: Option<usize>,
    junior_capacity: Option<Capacity>,
    senior_capacity: Option<Capacity>,
}

/// An [`MatrixError::InstanceJson`] found after reading, with no position in the text.
fn after_reading(at: &str, why: String) -> MatrixError {
    MatrixError::InstanceJson {
        at: at.to_owned(),
        why,
        line: 0,
        column: 0,
    }
}

/// `1 value`, `2 values`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Raw {
    /// The checks between keys, then the instance.
    fn build(self) -> Result<Instance> {
        let missing = |key: &str| {
            after_reading(
                "",
                format!("missing key `{key}`: a list of rows, one per junior, one gain per senior"),
            )
        };
        let (junior, senior) = match (self.junior_gain, self.senior_gain) {
            (Some(junior), Some(senior)) => (junior, senior),
            (None, Some(_)) => return Err(missing("junior_gain")),
            (Some(_), None) => return Err(missing("senior_gain")),
            (None, None) => {
                let mut found = Mistakes::new();
                found.push(missing("junior_gain"));
                return Err(found.and(missing("senior_gain")));
            }
        };
        let mut found = Mistakes::new();
        if junior.rows != senior.rows {
            found.push(after_reading(
                "`senior_gain`",
                format!(
                    "{} but `junior_gain` has {}: both are juniors × seniors",
                    plural(senior.rows, "row", "rows"),
                    plural(junior.rows, "row", "rows")
                ),
            ));
        }
        if junior.cols != senior.cols {
            found.push(after_reading(
                "`senior_gain`",
                format!(
                    "rows of {} but `junior_gain` rows have {}: both are juniors × seniors",
                    plural(senior.cols, "column", "columns"),
                    plural(junior.cols, "column", "columns")
                ),
            ));
        }
        // A side's capacities are counted only where both matrices agree on its size: where
        // they do not, a list could only be measured against one of them, and its mistake
        // would be the shapes' (nothing is built then).
        let (juniors, seniors) = (junior.rows, junior.cols);
        let junior_capacity = if junior.rows == senior.rows {
            let side = ("junior_capacity", juniors, "junior");
            capacities(self.junior_capacity, side, &mut found)
        } else {
            Vec::new()
        };
        let senior_capacity = if junior.cols == senior.cols {
            let side = ("senior_capacity", seniors, "senior");
            capacities(self.senior_capacity, side, &mut found)
        } else {
            Vec::new()
        };
        found.finish()?;
        let mut scores = PairScores::new(juniors, seniors, junior.values, senior.values)?;
        for (k, (a, b)) in junior.allowed.iter().zip(&senior.allowed).enumerate() {
            let (j, s) = (k / seniors, k % seniors);
            // An agent with capacity 0 is left out: none of its pairs may form.
            if !a || !b || junior_capacity[j] == 0 || senior_capacity[s] == 0 {
                scores.forbid(j, s)?;
            }
        }
        Ok(Instance {
            scores,
            seed: self.seed.unwrap_or(0),
            strategies: self.strategies.unwrap_or_else(|| strategy::NAMES.to_vec()),
            top_k: self.top_k.unwrap_or(DEFAULT_TOP_K),
            k_best: self.k_best,
            junior_capacity,
            senior_capacity,
        })
    }
}

/// The capacities of `count` agents from what the document gave under `key` (1 each when
/// nothing); a list of another length is a mistake in `found` (and nothing is returned).
fn capacities(
    given: Option<Capacity>,
    (key, count, side): (&str, usize, &str),
    found: &mut Mistakes,
) -> Vec<u32> {
    match given {
        None => vec![1; count],
        Some(Capacity::All(c)) => vec![c; count],
        Some(Capacity::Each(list)) if list.len() == count => list,
        Some(Capacity::Each(list)) => {
            found.push(after_reading(
                &format!("`{key}`"),
                format!(
                    "{} but there {} {}: give one per {side}",
                    plural(list.len(), "entry", "entries"),
                    if count == 1 { "is" } else { "are" },
                    plural(count, side, &format!("{side}s"))
                ),
            ));
            Vec::new()
        }
    }
}

/// At most this many characters of a key or name from the document appear in a message.
const SHOWN_CHARS: usize = 40;

/// A key or name from the document for a message: escaped, cut short.
fn show(text: &str) -> String {
    let mut shown: String = text.chars().take(SHOWN_CHARS).collect();
    if shown.len() < text.len() {
        shown.push_str("...");
    }
    shown.escape_debug().to_string()
}

/// Reads the top-level object.
struct DocumentSeed<'p> {
    path: &'p Path,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = Raw;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object with keys `junior_gain` and `senior_gain`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let path = self.path;
        let mut raw = Raw::default();
        while let Some(key) = map.next_key::<String>()? {
            let Some(k) = INSTANCE_KEYS.iter().position(|&known| known == key) else {
                return Err(de::Error::custom(unknown_key(&key)));
            };
            if raw.seen[k] {
                return Err(de::Error::custom(repeated_key(&key, 2)));
            }
            raw.seen[k] = true;
            path.within(Step::Key(k), || {
                match k {
                    0 => raw.junior_gain = Some(map.next_value_seed(GainsSeed { path })?),
                    1 => raw.senior_gain = Some(map.next_value_seed(GainsSeed { path })?),
                    2 => raw.seed = Some(map.next_value_seed(SeedSeed)?),
                    3 => raw.strategies = Some(map.next_value_seed(NamesSeed { path })?),
                    4 => raw.top_k = Some(map.next_value_seed(CountSeed { most: usize::MAX })?),
                    5 => raw.junior_capacity = Some(map.next_value_seed(CapacitySeed { path })?),
                    6 => raw.senior_capacity = Some(map.next_value_seed(CapacitySeed { path })?),
                    _ => raw.k_best = Some(map.next_value_seed(CountSeed { most: MAX_K_BEST })?),
                }
                Ok(())
            })?;
        }
        Ok(raw)
    }
}

/// What is wrong with a key no instance has.
fn unknown_key(key: &str) -> String {
    format!(
        "unknown key `{}`; the keys are: {}",
        show(key),
        INSTANCE_KEYS.join(", ")
    )
}

/// What is wrong with a key given for the `times`-th time (from 2).
fn repeated_key(key: &str, times: usize) -> String {
    let times = match times {
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    };
    format!(
        "the key `{key}` appears {times}; give each key once (JSON readers disagree on which \
         value wins)"
    )
}

/// The built-in strategy `name`, unless it is unknown or among `earlier` (what is wrong).
fn strategy_name(name: &str, earlier: &[&'static str]) -> Result<&'static str, String> {
    let Some(&known) = strategy::NAMES.iter().find(|&&n| n == name) else {
        return Err(format!(
            "unknown strategy `{}`; the built-in strategies are: {}",
            show(name),
            strategy::NAMES.join(", ")
        ));
    };
    if earlier.contains(&known) {
        return Err(format!("`{name}` is listed twice"));
    }
    Ok(known)
}

/// Reads a gain matrix: a non-empty list of equally long, non-empty lists of gains.
struct GainsSeed<'p> {
    path: &'p Path,
}

impl<'de> DeserializeSeed<'de> for GainsSeed<'_> {
    type Value = Gains;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Gains, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for GainsSeed<'_> {
    type Value = Gains;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rows (lists of gains), one per junior")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Gains, A::Error> {
        let path = self.path;
        let mut gains = Gains::default();
        let mut row = 0;
        while path
            .within(Step::Index(row), || {
                seq.next_element_seed(RowSeed {
                    path,
                    gains: &mut gains,
                    row,
                })
            })?
            .is_some()
        {
            row += 1;
        }
        if row == 0 {
            return Err(de::Error::custom(
                "the matrix has no rows: give at least one junior",
            ));
        }
        gains.rows = row;
        Ok(gains)
    }
}

/// Reads row `row` of a gain matrix into `gains`.
struct RowSeed<'p, 'g> {
    path: &'p Path,
    gains: &'g mut Gains,
    row: usize,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of gains, one per senior; {GAIN_RULE}")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (path, gains) = (self.path, self.gains);
        let mut col = 0;
        while let Some(cell) = path.within(Step::Index(col), || seq.next_element_seed(CellSeed))? {
            gains.values.push(cell.unwrap_or(0.0));
            gains.allowed.push(cell.is_some());
            col += 1;
        }
        if self.row == 0 {
            if col == 0 {
                return Err(de::Error::custom(
                    "the row is empty: give at least one senior",
                ));
            }
            gains.cols = col;
        } else if col != gains.cols {
            return Err(de::Error::custom(format!(
                "{} but row 0 has {}: every row needs one value per senior",
                plural(col, "value", "values"),
                gains.cols
            )));
        }
        Ok(())
    }
}

/// Reads one cell: a gain, or `null` (`None`) for a forbidden pair.
struct CellSeed;

impl<'de> DeserializeSeed<'de> for CellSeed {
    type Value = Option<f64>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed {
    type Value = Option<f64>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a gain; {GAIN_RULE}")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, x: u64) -> Result<Option<f64>, E> {
        // Every u64 is far below MAX_GAIN.
        Ok(Some(x as f64))
    }

    fn visit_i64<E: de::Error>(self, x: i64) -> Result<Option<f64>, E> {
        if x >= 0 {
            return Ok(Some(x as f64));
        }
        Err(E::custom(format!("{x} is negative; {GAIN_RULE}")))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Option<f64>, E> {
        if x < 0.0 {
            Err(E::custom(format!("{x:?} is negative; {GAIN_RULE}")))
        } else if x > MAX_GAIN {
            Err(E::custom(format!(
                "{x:?} is above 1e100, the largest gain; {GAIN_RULE}"
            )))
        } else {
            // `-0` reads as 0, so no "-0" reaches a total or a minimum.
            Ok(Some(x + 0.0))
        }
    }
}

/// Reads `seed`: a whole number from 0 to 2^64 - 1.
struct SeedSeed;

impl<'de> DeserializeSeed<'de> for SeedSeed {
    type Value = u64;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u64, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SeedSeed {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number from 0 to {}", u64::MAX)
    }

    fn visit_u64<E: de::Error>(self, x: u64) -> Result<u64, E> {
        Ok(x)
    }

    fn visit_i64<E: de::Error>(self, x: i64) -> Result<u64, E> {
        u64::try_from(x).map_err(|_| E::invalid_value(Unexpected::Signed(x), &self))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<u64, E> {
        Err(E::invalid_value(float_read(x), &self))
    }
}

/// How a number the JSON reader gave as a float is named in a message. `serde_json` reads a
/// whole number beyond 64 bits (`18446744073709551616`) as the float `1.8446744073709552e19`:
/// quoting that float would name a value the document does not hold, so such a number is
/// named for what it is (as a roster's reader says "number out of range" for it).
fn float_read(x: f64) -> Unexpected<'static> {
    // From 2^64 on, or at most -2^63, and whole: the JSON reader gives an integer it can hold
    // as one, so this was written beyond 64 bits (an integer just below -2^63 rounds to -2^63),
    // or as a float of that size (a float written as exactly -2^63, which an `i64` holds, is
    // named so too: it cannot be told from the rounded integer, and no value read here is
    // negative).
    if x.fract() == 0.0 && (x >= 18_446_744_073_709_551_616.0 || x <= -9_223_372_036_854_775_808.0)
    {
        Unexpected::Other("a whole number beyond 64 bits")
    } else {
        Unexpected::Float(x)
    }
}

/// Reads a count (`top_k`, `k_best`): a whole number from 1 to `most`.
struct CountSeed {
    most: usize,
}

impl<'de> DeserializeSeed<'de> for CountSeed {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CountSeed {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a whole number from 1 to {}", self.most)
    }

    fn visit_u64<E: de::Error>(self, x: u64) -> Result<usize, E> {
        usize::try_from(x)
            .ok()
            .filter(|&k| (1..=self.most).contains(&k))
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(x), &self))
    }

    fn visit_i64<E: de::Error>(self, x: i64) -> Result<usize, E> {
        Err(E::invalid_value(Unexpected::Signed(x), &self))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<usize, E> {
        Err(E::invalid_value(float_read(x), &self))
    }
}

/// Reads `strategies`: a non-empty list of built-in strategy names, each once.
struct NamesSeed<'p> {
    path: &'p Path,
}

impl<'de> DeserializeSeed<'de> for NamesSeed<'_> {
    type Value = Vec<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<&'static str>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for NamesSeed<'_> {
    type Value = Vec<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of strategy names")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<&'static str>, A::Error> {
        let mut names: Vec<&'static str> = Vec::new();
        loop {
            let next = self.path.within(Step::Index(names.len()), || {
                let Some(name) = seq.next_element::<String>()? else {
                    return Ok(None);
                };
                strategy_name(&name, &names)
                    .map(Some)
                    .map_err(de::Error::custom)
            })?;
            match next {
                Some(name) => names.push(name),
                None => break,
            }
        }
        if names.is_empty() {
            return Err(de::Error::custom(format!(
                "the list is empty; leave `strategies` out to run all, or name some of: {}",
                strategy::NAMES.join(", ")
            )));
        }
        Ok(names)
    }
}

/// What a capacity is, for messages.
const CAPACITY_RULE: &str = "a capacity is a whole number of partners from 0 to 4294967295";

/// Reads a capacity: one number for all, or a list with one per agent.
struct CapacitySeed<'p> {
    path: &'p Path,
}

impl<'de> DeserializeSeed<'de> for CapacitySeed<'_> {
    type Value = Capacity;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Capacity, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CapacitySeed<'_> {
    type Value = Capacity;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "a capacity or a list of them, one per agent; {CAPACITY_RULE}"
        )
    }

    fn visit_u64<E: de::Error>(self, x: u64) -> Result<Capacity, E> {
        EntrySeed.visit_u64(x).map(Capacity::All)
    }

    fn visit_i64<E: de::Error>(self, x: i64) -> Result<Capacity, E> {
        EntrySeed.visit_i64(x).map(Capacity::All)
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Capacity, E> {
        EntrySeed.visit_f64(x).map(Capacity::All)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Capacity, A::Error> {
        let mut list = Vec::new();
        while let Some(c) = self
            .path
            .within(Step::Index(list.len()), || seq.next_element_seed(EntrySeed))?
        {
            list.push(c);
        }
        Ok(Capacity::Each(list))
    }
}

/// Reads one capacity: a whole number from 0 to `u32::MAX` (`2.0` is whole).
struct EntrySeed;

impl<'de> DeserializeSeed<'de> for EntrySeed {
    type Value = u32;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u32, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a capacity; {CAPACITY_RULE}")
    }

    fn visit_u64<E: de::Error>(self, x: u64) -> Result<u32, E> {
        u32::try_from(x).map_err(|_| E::custom(format!("{x} is not a capacity; {CAPACITY_RULE}")))
    }

    fn visit_i64<E: de::Error>(self, x: i64) -> Result<u32, E> {
        u32::try_from(x).map_err(|_| E::custom(format!("{x} is not a capacity; {CAPACITY_RULE}")))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<u32, E> {
        if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
            // Whole and in range: the conversion is exact.
            Ok(x as u32)
        } else {
            let x = match float_read(x) {
                Unexpected::Other(words) => words.to_owned(),
                _ => format!("{x:?}"),
            };
            Err(E::custom(format!("{x} is not a capacity; {CAPACITY_RULE}")))
        }
    }
}
