//! The reverse-mentoring matcher and programme rounds, on roster documents.
//!
//! A roster (and a programme spec) reaches the crate as its JSON document, so the crate's
//! strict reader checks it exactly as it checks a file of `mentor-match match`: an unknown
//! field, a duplicate id or a level out of range is its error, naming the participant and the
//! field. The results come back as the crate's JSON, parsed by Python's `json`.

use crate::errors::{Bad, type_error, value_error};
use crate::research::{count_of, json_to_python, type_name};
use mentor_match::formats::{self, ReadError};
use mentor_match::programme::{PairIds, Programme, ProgrammeSpec};
use mentor_match::{Guarantee, Matcher, Method, Roster};
use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use std::io;
use std::path::PathBuf;

/// Registers the matcher functions in the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(match_roster, m)?)?;
    m.add_function(wrap_pyfunction!(programme_round, m)?)?;
    Ok(())
}

/// Where a JSON document comes from: text in hand, or a file to read.
#[derive(Debug, Clone)]
enum Source {
    /// The document's text.
    Text(String),
    /// A file holding it.
    File(PathBuf),
}

/// Why a document could not be used: the file, or the crate's refusal.
#[derive(Debug)]
enum Failure {
    /// The file could not be read.
    Read(PathBuf, io::Error),
    /// The file is not text: a NUL byte or a byte that is not UTF-8 (a binary file or a
    /// device such as `/dev/zero`), named by line and column.
    NotText(PathBuf, ReadError),
    /// The crate refused the document (its message, with the file's name when from a file).
    Refused(String),
}

impl From<Failure> for PyErr {
    fn from(failure: Failure) -> PyErr {
        match failure {
            Failure::Read(path, e) => {
                let message = format!("{}: {e}", path.display());
                match e.kind() {
                    io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
                    io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
                    io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(message),
                    _ => PyOSError::new_err(message),
                }
            }
            Failure::NotText(path, why) => value_error(format!("{}: {why}", path.display())),
            Failure::Refused(message) => value_error(message),
        }
    }
}

impl Source {
    /// The document `obj` gives for the argument `name`:
    ///
    /// - a `dict` is the document itself (written by `json.dumps`);
    /// - an `os.PathLike` is a path;
    /// - a `str` ending in `.json` (any case) is a path: no JSON document ends so (an object
    ///   ends in `}`); any other `str` is JSON text.
    fn of(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Source> {
        if let Ok(text) = obj.cast::<PyString>() {
            let Ok(text) = text.to_cow() else {
                // Lone surrogates: a path decoded by `os.fsdecode` from bytes that are not
                // UTF-8, or text that is not Unicode.
                if obj
                    .call_method0("lower")?
                    .call_method1("endswith", (".json",))?
                    .is_truthy()?
                {
                    return Ok(Source::File(os_path(obj)?));
                }
                return Err(value_error(format!(
                    "`{name}`: the text holds a lone surrogate, which is not Unicode text"
                )));
            };
            let text = text.into_owned();
            return Ok(if text.to_ascii_lowercase().ends_with(".json") {
                Source::File(PathBuf::from(text))
            } else {
                Source::Text(text)
            });
        }
        if obj.is_instance_of::<PyDict>() {
            return Ok(Source::Text(json_text(obj, &format!("`{name}`"))?));
        }
        if obj.hasattr("__fspath__")? {
            return Ok(Source::File(os_path(obj)?));
        }
        Err(type_error(format!(
            "`{name}` must be a dict (the JSON document), a JSON str, or a path (a str ending \
             in .json, or an os.PathLike), got {}",
            obj.get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string())
        )))
    }

    /// The document's text and, for a file, its name to prefix the crate's messages with.
    fn read(&self) -> Result<(String, Option<String>), Failure> {
        match self {
            Source::Text(text) => Ok((text.clone(), None)),
            Source::File(path) => {
                read_text(path).map(|text| (text, Some(path.display().to_string())))
            }
        }
    }

    /// Reads the document and hands it to `parse`; the crate's error names the file it came
    /// from, if any.
    fn parse<T, E: std::fmt::Display>(
        &self,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, Failure> {
        let (text, file) = self.read()?;
        parse(&text).map_err(|e| {
            Failure::Refused(match file {
                Some(file) => format!("{file}: {e}"),
                None => e.to_string(),
            })
        })
    }
}

/// `obj` as JSON text, through `json.dumps` without NaN or infinities (JSON has none). When
/// `json` cannot write it, every value at fault is named by its place in `obj`
/// (`participants[0].skills.x`), after `name`: `ValueError` for a NaN or an infinity,
/// `TypeError` for a value or key of a type JSON has not, as `json.dumps` raises them.
fn json_text(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    let mut bad = Bad::default();
    match json_text_or(obj, name, &mut bad)? {
        Ok(text) => Ok(text),
        Err(Unwritable::Type) => Err(type_error(bad.message())),
        Err(Unwritable::Value) => Err(value_error(bad.message())),
    }
}

/// Why `json` could not write a document: the kind of error it raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unwritable {
    /// A value or key of a type JSON has not (`TypeError`).
    Type,
    /// A NaN or an infinity (`ValueError`).
    Value,
}

/// As [`json_text`], with the values at fault recorded in `bad`; `json`'s own error when it
/// fails and no value can be named (a circular reference, say).
fn json_text_or(
    obj: &Bound<'_, PyAny>,
    name: &str,
    bad: &mut Bad,
) -> PyResult<Result<String, Unwritable>> {
    let py = obj.py();
    let kwargs = PyDict::new(py);
    kwargs.set_item("allow_nan", false)?;
    let written = py
        .import("json")?
        .call_method("dumps", (obj,), Some(&kwargs));
    let refused = match written {
        Ok(text) => return Ok(Ok(text.extract()?)),
        Err(e) => e,
    };
    let kind = if refused.is_instance_of::<pyo3::exceptions::PyTypeError>(py) {
        Unwritable::Type
    } else if refused.is_instance_of::<pyo3::exceptions::PyValueError>(py) {
        Unwritable::Value
    } else {
        return Err(refused);
    };
    let mut named = false;
    for_each_value(obj, |place, value, is_key| {
        let place = if place.is_empty() {
            "the document"
        } else {
            place
        };
        let json_scalar = value.is_instance_of::<PyString>()
            || value.is_instance_of::<PyInt>()
            || value.is_instance_of::<PyFloat>()
            || value.is_none();
        if is_key {
            if !json_scalar {
                let kind = type_name(value);
                named = true;
                bad.push(|| {
                    format!("{name}: {place} has a key of type {kind}, which JSON cannot hold")
                });
            }
        } else if let Ok(x) = value.cast::<PyFloat>() {
            let x = x.value();
            if !x.is_finite() {
                named = true;
                bad.push(|| format!("{name}: {place} is {x}, and JSON has no NaN or infinity"));
            }
        } else if !(json_scalar
            || value.is_instance_of::<PyDict>()
            || value.is_instance_of::<PyList>()
            || value.is_instance_of::<PyTuple>())
        {
            let kind = type_name(value);
            named = true;
            bad.push(|| format!("{name}: {place} is a {kind}, which JSON cannot hold"));
        }
    })?;
    if named { Ok(Err(kind)) } else { Err(refused) }
}

/// A path (a str or an `os.PathLike`) as the operating system has it: on Unix its bytes
/// (`os.fsencode`), so a name that is not UTF-8 is read as it stands.
fn os_path(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    let os = obj.py().import("os")?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let bytes = os.call_method1("fsencode", (obj,))?;
        let bytes = bytes.cast::<pyo3::types::PyBytes>()?.as_bytes().to_vec();
        Ok(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        let path = os.call_method1("fsdecode", (obj,))?;
        Ok(PathBuf::from(path.extract::<String>()?))
    }
}

/// Calls `visit` on every value inside `obj` (dicts, lists and tuples, as `json` walks them) and
/// on every dict key, with its place (`participants[0].skills.x`) and whether it is a key. A
/// container met again (a circular reference) is not walked twice; the walk keeps its own
/// stack, so no depth of nesting can overflow Rust's.
fn for_each_value<'py>(
    obj: &Bound<'py, PyAny>,
    mut visit: impl FnMut(&str, &Bound<'py, PyAny>, bool),
) -> PyResult<()> {
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(obj.clone(), String::new())];
    while let Some((value, place)) = stack.pop() {
        visit(&place, &value, false);
        let children: Vec<(Bound<'py, PyAny>, String)> = if let Ok(dict) = value.cast::<PyDict>() {
            if !seen.insert(value.as_ptr() as usize) {
                continue;
            }
            let mut children = Vec::new();
            for (key, item) in dict.iter() {
                visit(&place, &key, true);
                let key_text = match key.cast::<PyString>() {
                    Ok(text) => text.to_cow()?.into_owned(),
                    Err(_) => key.str()?.to_string(),
                };
                let child = if place.is_empty() {
                    key_text
                } else {
                    format!("{place}.{key_text}")
                };
                children.push((item, child));
            }
            children
        } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
            if !seen.insert(value.as_ptr() as usize) {
                continue;
            }
            value
                .try_iter()?
                .enumerate()
                .map(|(k, item)| Ok((item?, format!("{place}[{k}]"))))
                .collect::<PyResult<_>>()?
        } else {
            Vec::new()
        };
        // Reversed: the first child is visited first, so the places come in document order.
        stack.extend(children.into_iter().rev());
    }
    Ok(())
}

/// The text of the file at `path`, as the crate's [`read_text`](formats::read_text) reads it:
/// reading stops at the first NUL byte or byte that is not UTF-8, named by line and column, so
/// that a device given by mistake (`/dev/zero`, `/dev/urandom`) is refused after its first
/// bytes instead of being read until memory runs out; a file larger than memory is an error,
/// not an abort.
fn read_text(path: &std::path::Path) -> Result<String, Failure> {
    let file = std::fs::File::open(path).map_err(|e| Failure::Read(path.to_path_buf(), e))?;
    formats::read_text(file).map_err(|e| match e {
        ReadError::Io(e) => Failure::Read(path.to_path_buf(), e),
        not_text => Failure::NotText(path.to_path_buf(), not_text),
    })
}

/// The previous pairs given to `programme_round`: a matching (a dict with `pairs`), or a list
/// of pairs, each a dict with `junior` and `senior` (a saved pair's other keys allowed) or a
/// `(junior, senior)` pair of ids.
fn previous_pairs(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PairIds>> {
    let pairs = match obj.cast::<PyDict>() {
        Ok(matching) => match matching.get_item("pairs")? {
            Some(pairs) => pairs,
            None => {
                return Err(value_error(
                    "`previous`: a dict must be a matching, with `pairs` (as `match_roster` or a \
                     round's `matching` gives it)",
                ));
            }
        },
        Err(_) => obj.clone(),
    };
    if !(pairs.is_instance_of::<PyList>() || pairs.is_instance_of::<PyTuple>()) {
        return Err(type_error(format!(
            "`previous` must be a matching (dict) or a list of pairs, got {}",
            pairs
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string())
        )));
    }
    // Every entry at fault is named: a TypeError when each is of a wrong type, else a
    // ValueError.
    let mut bad = Bad::default();
    let mut only_types = true;
    let mut out = Vec::new();
    for (k, pair) in pairs.try_iter()?.enumerate() {
        let pair = pair?;
        if pair.is_instance_of::<PyDict>() {
            match json_text_or(&pair, &format!("`previous` entry {k}"), &mut bad)? {
                // The crate's strict reader: a misspelt key is an error, not a pair.
                Ok(text) => match serde_json::from_str::<PairIds>(&text) {
                    Ok(ids) => out.push(ids),
                    Err(e) => {
                        only_types = false;
                        bad.push(|| format!("`previous` entry {k}: {e}"));
                    }
                },
                Err(kind) => only_types &= kind == Unwritable::Type,
            }
        } else if let Ok([junior, senior]) = pair
            .extract::<Vec<String>>()
            .map_err(drop)
            .and_then(|ids| <[String; 2]>::try_from(ids).map_err(drop))
        {
            out.push(PairIds::new(junior, senior));
        } else {
            bad.push(|| {
                format!(
                    "`previous` entry {k} must be a dict with `junior` and `senior`, or a \
                     (junior, senior) pair of ids, got {}",
                    type_name(&pair)
                )
            });
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else if only_types {
        Err(type_error(bad.message()))
    } else {
        Err(value_error(bad.message()))
    }
}

/// The matcher's options by keyword, as `match_roster` takes them. (A programme round scores
/// every pair and solves exactly on them, whatever the method, so `programme_round` takes
/// none.)
struct MatcherOptions {
    method: Option<Method>,
    guarantee: Option<Guarantee>,
    candidates_per_person: Option<usize>,
}

impl MatcherOptions {
    /// Reads the keywords: `method` and `guarantee` by name (the crate's reader checks the
    /// name and lists the others), `candidates_per_person` a whole number of at least 1.
    fn of<'py>(
        method: Option<&Bound<'py, PyAny>>,
        guarantee: Option<&Bound<'py, PyAny>>,
        candidates_per_person: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<MatcherOptions> {
        let given = |obj: Option<&Bound<'py, PyAny>>| obj.filter(|o| !o.is_none()).cloned();
        Ok(MatcherOptions {
            method: given(method)
                .map(|m| named(&m, "method", serde_json::from_value::<Method>))
                .transpose()?,
            guarantee: given(guarantee)
                .map(|g| named(&g, "guarantee", serde_json::from_value::<Guarantee>))
                .transpose()?,
            candidates_per_person: given(candidates_per_person)
                .map(|k| count_of(&k, "candidates_per_person", 1))
                .transpose()?,
        })
    }

    /// The default matcher with these options.
    fn matcher(&self) -> Matcher {
        let mut matcher = Matcher::new();
        if let Some(method) = self.method {
            matcher = matcher.with_method(method);
        }
        if let Some(guarantee) = self.guarantee {
            matcher = matcher.with_guarantee(guarantee);
        }
        if let Some(k) = self.candidates_per_person {
            matcher = matcher.with_candidates_per_person(k);
        }
        matcher
    }
}

/// A name the crate reads (`"sparse"`, `"every_pair"`) for the argument `name`: `TypeError`
/// when it is not a str, `ValueError` with the crate's list of names when it is unknown.
/// `read` is the crate's reader of the type (`serde_json::from_value::<Method>`).
fn named<T>(
    obj: &Bound<'_, PyAny>,
    name: &str,
    read: fn(serde_json::Value) -> serde_json::Result<T>,
) -> PyResult<T> {
    let text: String = obj
        .extract()
        .map_err(|_| type_error(format!("`{name}` must be a str, got {}", type_name(obj))))?;
    read(serde_json::Value::String(text)).map_err(|e| value_error(format!("`{name}`: {e}")))
}

/// Matches a roster: the optimal pairs with their lessons, everyone unmatched with the reason.
///
/// The crate's `Matcher` with its defaults (mutual-benefit scores, the default hard rules,
/// most pairs first, then the highest total score), as `mentor-match match --json` runs it;
/// the keywords choose how the optimum is found and proven. Capacities come from the
/// roster (each participant's `capacity`): above 1, each pair is formed at most once.
///
/// Parameters
/// ----------
/// roster : dict, str or os.PathLike
///     The roster JSON document (`skills`, `participants`) as a dict, as JSON text, or as a
///     path. The rule: an `os.PathLike` is a path; a `str` ending in `.json` (any case) is a
///     path (no JSON document ends so: an object ends in `}`); any other `str` is JSON text.
///     A path without `.json` can be given as `pathlib.Path`.
/// method : str, optional
///     How the optimum is found, the crate's `Method`: `"auto"` (the default: every pair up
///     to 4,000,000 junior x senior pairs, the sparse method above when it supports the
///     roster's options, else every pair), `"dense"` (every pair scored and solved) or
///     `"sparse"` (a candidate graph of each participant's best partners, widened for the
///     people it leaves out).
/// guarantee : str, optional
///     What a sparse result is proven optimal over, the crate's `Guarantee`:
///     `"candidate_graph"` (the default, the fastest) or `"every_pair"` (every pair the rules
///     allow, as the dense method proves it; the pairs outside the graph are priced against
///     the optimum's potentials, and the graph grows until none would gain). The dense method
///     always proves its result over every pair.
/// candidates_per_person : int, optional
///     The sparse method's partners per participant in the candidate graph, at least 1 (the
///     crate's default, 16, otherwise).
///
/// Returns
/// -------
/// dict
///     The document of `mentor-match match --json`: `format` (1), `pairs` (each `junior`,
///     `senior`, `score`, `junior_gain`, `senior_gain`, `junior_learns`, `senior_learns`),
///     `unmatched` (each `id`, `side`, `reason`), `total_score`, `objective`, `strategy`.
///
/// Raises
/// ------
/// ValueError
///     The crate's message for a roster it refuses, naming the participant and the field (an
///     unknown field, a duplicate id, a level outside 1..=5, invalid JSON with its line and
///     column); every mistake is listed. From a file, the message starts with its name. An
///     unknown `method` or `guarantee` (the message lists the names), `candidates_per_person`
///     0, or `method="sparse"` on a roster whose options the sparse method does not support
///     (minimum numbers of partners, say; the message names them).
/// TypeError
///     A roster that is not a dict, str or path (a list, say), or a dict `json` cannot write;
///     a `method` or `guarantee` that is not a str, a `candidates_per_person` that is not an
///     int.
/// OSError
///     A file that cannot be read (FileNotFoundError for a missing one).
///
/// Matched with the GIL released.
///
/// Examples
/// --------
/// >>> import mentor_match as mm
/// >>> roster = {"participants": [{"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}, "wishes": {"negotiation": 4}}, {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"ai-assistants": 3}}]}
/// >>> matching = mm.match_roster(roster)
/// >>> assert matching["pairs"][0]["senior"] == "jan" and matching["unmatched"] == []
/// >>> sparse = mm.match_roster(roster, method="sparse", guarantee="every_pair")
/// >>> assert sparse["pairs"] == matching["pairs"]
#[pyfunction]
#[pyo3(signature = (roster, *, method = None, guarantee = None, candidates_per_person = None))]
fn match_roster<'py>(
    py: Python<'py>,
    roster: &Bound<'py, PyAny>,
    method: Option<&Bound<'py, PyAny>>,
    guarantee: Option<&Bound<'py, PyAny>>,
    candidates_per_person: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let source = Source::of(roster, "roster")?;
    let options = MatcherOptions::of(method, guarantee, candidates_per_person)?;
    let text = py.detach(|| {
        let roster = source.parse(Roster::from_json)?;
        let matching = options
            .matcher()
            .solve(&roster)
            .map_err(|e| Failure::Refused(e.to_string()))?;
        serde_json::to_string(&matching).map_err(|e| Failure::Refused(e.to_string()))
    })?;
    json_to_python(py, &text)
}

/// Plans one round of a programme: locks, bans, history and the previous pairs kept unless
/// changing them gains enough.
///
/// The crate's `Programme` around the default matcher: locked pairs are always formed,
/// banned pairs and pairs of the history never; each previous pair still allowed earns the
/// keep bonus (0.1 by default), so a rematch breaking k pairs must raise the total score by
/// more than k times the bonus. Everything else is solved exactly.
///
/// Parameters
/// ----------
/// roster : dict, str or os.PathLike
///     The roster document, as for `match_roster`.
/// programme : dict, str or os.PathLike, optional
///     The programme spec document, every key optional: `locks` (each `junior`, `senior`,
///     optional `override_rules`), `bans` and `previous` (lists of `junior`/`senior` pairs),
///     `history` (`rounds`, a list of lists of pairs; `never_again`, a list of pairs) and
///     `keep_bonus` (from 0 to 1e6). Given as for `roster`.
/// previous : dict or list, optional
///     The previous round's pairs: a matching (`match_roster`'s result, or a round's
///     `matching`), or a list of pairs, each a dict with `junior` and `senior` (a saved pair's
///     other keys allowed) or a (junior, senior) tuple. Replaces the spec's `previous`.
///
/// Returns
/// -------
/// dict
///     The round: `matching` (as `match_roster` returns it, `strategy` `programme`), `kept`,
///     `new` (lists of `junior`/`senior` pairs), `broken` (each `pair` and `why`, with its
///     `kind`: `left_programme`, `banned`, `higher_score`, ...) and `sitting_out` (ids).
///
/// Raises
/// ------
/// ValueError
///     The crate's message: a roster or spec it refuses (an unknown key, a lock naming an
///     unknown participant or breaking a rule, a keep bonus out of range), a previous pair
///     with an unknown key.
/// TypeError
///     Arguments of the wrong type (a list for a roster or spec, say).
/// OSError
///     A file that cannot be read.
///
/// Planned with the GIL released.
///
/// Examples
/// --------
/// >>> import mentor_match as mm
/// >>> roster = {"participants": [{"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"negotiation": 5}}, {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "wishes": {"negotiation": 2}}, {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 5}}, {"id": "eva", "side": "senior", "skills": {"negotiation": 2}, "wishes": {"cloud-tools": 2}}]}
/// >>> first = mm.programme_round(roster, {"locks": [{"junior": "kai", "senior": "jan"}]})
/// >>> assert {"junior": "kai", "senior": "jan"} in first["new"]
/// >>> second = mm.programme_round(roster, previous=first["matching"])
/// >>> assert second["kept"] == first["new"] and second["broken"] == []
#[pyfunction]
#[pyo3(signature = (roster, programme = None, previous = None))]
fn programme_round<'py>(
    py: Python<'py>,
    roster: &Bound<'py, PyAny>,
    programme: Option<&Bound<'py, PyAny>>,
    previous: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let roster = Source::of(roster, "roster")?;
    let spec = programme.map(|p| Source::of(p, "programme")).transpose()?;
    let previous = previous.map(previous_pairs).transpose()?;
    let text = py.detach(|| {
        let roster = roster.parse(Roster::from_json)?;
        let spec = match spec {
            Some(spec) => spec.parse(ProgrammeSpec::from_json)?,
            None => ProgrammeSpec::default(),
        };
        let mut programme = Programme::new(Matcher::new()).with_spec(spec);
        if let Some(previous) = previous {
            programme = programme.with_previous(previous);
        }
        let round = programme
            .round(&roster)
            .map_err(|e| Failure::Refused(e.to_string()))?;
        serde_json::to_string(&round).map_err(|e| Failure::Refused(e.to_string()))
    })?;
    json_to_python(py, &text)
}
