//! The reverse-mentoring matcher and programme rounds, on roster documents.
//!
//! A roster (and a programme spec) reaches the crate as its JSON document, so the crate's
//! strict reader checks it exactly as it checks a file of `mentor-match match`: an unknown
//! field, a duplicate id or a level out of range is its error, naming the participant and the
//! field. The results come back as the crate's JSON, parsed by Python's `json`.

use crate::errors::{type_error, value_error};
use crate::research::{count_of, json_to_python, type_name};
use mentor_match::programme::{PairIds, Programme, ProgrammeSpec};
use mentor_match::{Guarantee, Matcher, Method, Roster};
use pyo3::exceptions::{PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
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
                    io::ErrorKind::InvalidData => {
                        value_error(format!("{}: the file is not UTF-8 text", path.display()))
                    }
                    _ => PyOSError::new_err(message),
                }
            }
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
        let py = obj.py();
        if let Ok(text) = obj.cast::<PyString>() {
            let text = text.to_cow()?.into_owned();
            return Ok(if text.to_ascii_lowercase().ends_with(".json") {
                Source::File(PathBuf::from(text))
            } else {
                Source::Text(text)
            });
        }
        if obj.is_instance_of::<PyDict>() {
            let kwargs = PyDict::new(py);
            kwargs.set_item("allow_nan", false)?;
            let text = py
                .import("json")?
                .call_method("dumps", (obj,), Some(&kwargs))?;
            return Ok(Source::Text(text.extract()?));
        }
        if obj.hasattr("__fspath__")? {
            let path = py.import("os")?.call_method1("fsdecode", (obj,))?;
            return Ok(Source::File(PathBuf::from(path.extract::<String>()?)));
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
            Source::File(path) => std::fs::read_to_string(path)
                .map(|text| (text, Some(path.display().to_string())))
                .map_err(|e| Failure::Read(path.clone(), e)),
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

/// The previous pairs given to `programme_round`: a matching (a dict with `pairs`), or a list
/// of pairs, each a dict with `junior` and `senior` (a saved pair's other keys allowed) or a
/// `(junior, senior)` pair of ids.
fn previous_pairs(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PairIds>> {
    let py = obj.py();
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
    let json = py.import("json")?;
    let mut out = Vec::new();
    for (k, pair) in pairs.try_iter()?.enumerate() {
        let pair = pair?;
        if pair.is_instance_of::<PyDict>() {
            // The crate's strict reader: a misspelt key is an error, not a pair.
            let text: String = json.call_method1("dumps", (&pair,))?.extract()?;
            let ids: PairIds = serde_json::from_str(&text)
                .map_err(|e| value_error(format!("`previous` entry {k}: {e}")))?;
            out.push(ids);
        } else if let Ok([junior, senior]) = pair
            .extract::<Vec<String>>()
            .map_err(drop)
            .and_then(|ids| <[String; 2]>::try_from(ids).map_err(drop))
        {
            out.push(PairIds::new(junior, senior));
        } else {
            return Err(type_error(format!(
                "`previous` entry {k} must be a dict with `junior` and `senior`, or a (junior, \
                 senior) pair of ids"
            )));
        }
    }
    Ok(out)
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
