//! Conversions between Python objects and the crate's values: numbers, seeds and counts,
//! numpy arrays, the gain matrices and their mask, strategy names, pair lists and capacities
//! in; the crate's JSON documents out, through Python's `json`.

use crate::errors::{Bad, type_error, value_error};
use mentor_match::PairScores;
use mentor_match::strategy::{self, Strategy};
use numpy::{PyArray2, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyList, PyString};

/// `text` (a JSON document the crate wrote) as Python objects, through `json.loads`.
pub(crate) fn json_to_python<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// A document of the crate (its serde JSON, `written`) as Python objects.
pub(super) fn to_python<'py>(
    py: Python<'py>,
    written: serde_json::Result<String>,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_python(py, &written.map_err(value_error)?)
}

/// The Python type name of `obj`, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// `obj` as a whole number from `min` to `max` (`expected` says so in words), for the
/// argument `name`: `TypeError` when it is not an integer (a float included, as `range`
/// does), `ValueError` when it is out of range.
pub(super) fn whole(
    obj: &Bound<'_, PyAny>,
    name: &str,
    min: i128,
    max: i128,
    expected: &str,
) -> PyResult<i128> {
    let value = match obj.extract::<i128>() {
        Ok(v) => v,
        Err(e) if e.is_instance_of::<PyOverflowError>(obj.py()) => {
            return Err(value_error(format!("`{name}`: {obj} is not {expected}")));
        }
        Err(_) => {
            return Err(type_error(format!(
                "`{name}` must be an int, got {}",
                type_name(obj)
            )));
        }
    };
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(value_error(format!("`{name}`: {value} is not {expected}")))
    }
}

/// A seed: a whole number from 0 to 2^64 - 1.
pub(super) fn seed_of(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    let seed = whole(
        obj,
        "seed",
        0,
        u64::MAX.into(),
        "a seed from 0 to 2**64 - 1",
    )?;
    Ok(seed as u64)
}

/// A count (a size, a number of repeats, a `k`): a whole number of at least `min`.
pub(crate) fn count_of(obj: &Bound<'_, PyAny>, name: &str, min: usize) -> PyResult<usize> {
    let expected = format!("a whole number from {min} to {}", usize::MAX);
    let n = whole(obj, name, min as i128, usize::MAX as i128, &expected)?;
    Ok(n as usize)
}

/// `numpy.asarray(obj)` and its dtype's kind (`f` float, `i`/`u` integer, `b` bool, ...).
fn as_array<'py>(obj: &Bound<'py, PyAny>) -> PyResult<(Bound<'py, PyAny>, String)> {
    let array = obj.py().import("numpy")?.call_method1("asarray", (obj,))?;
    let kind: String = array.getattr("dtype")?.getattr("kind")?.extract()?;
    Ok((array, kind))
}

/// The dtype of `array`, for messages.
fn dtype_name(array: &Bound<'_, PyAny>) -> String {
    array
        .getattr("dtype")
        .and_then(|d| d.str())
        .map_or_else(|_| "?".to_owned(), |s| s.to_string())
}

/// A 2-D array of `dtype` copied row-major out of `array` (already of the right kind), with
/// its shape; `ValueError` naming `name` when it is not 2-D.
fn matrix_of<T: numpy::Element + Copy>(
    array: &Bound<'_, PyAny>,
    name: &str,
    dtype: &str,
) -> PyResult<(usize, usize, Vec<T>)> {
    let ndim: usize = array.getattr("ndim")?.extract()?;
    if ndim != 2 {
        return Err(value_error(format!(
            "`{name}` must be a 2-D array (juniors x seniors), got {ndim} dimensions"
        )));
    }
    let numpy = array.py().import("numpy")?;
    let contiguous = numpy.call_method1("ascontiguousarray", (array, dtype))?;
    let typed = contiguous.cast::<PyArray2<T>>()?;
    let view = typed.readonly();
    let (rows, cols) = (view.shape()[0], view.shape()[1]);
    Ok((rows, cols, view.as_slice()?.to_vec()))
}

/// A gain matrix: numbers (float or integer dtypes), 2-D, as float64.
fn gain_matrix(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<(usize, usize, Vec<f64>)> {
    let (array, kind) = as_array(obj)?;
    if !matches!(kind.as_str(), "f" | "i" | "u") {
        return Err(type_error(format!(
            "`{name}` must be an array of numbers (float or integer dtype), got dtype {}",
            dtype_name(&array)
        )));
    }
    matrix_of(&array, name, "float64")
}

/// Both gain matrices and the allowed pairs, as the crate's scores will hold them.
#[derive(Debug, Clone)]
pub(super) struct Gains {
    juniors: usize,
    seniors: usize,
    pub(super) junior: Vec<f64>,
    pub(super) senior: Vec<f64>,
    allowed: Vec<bool>,
}

impl Gains {
    /// Number of juniors (rows).
    pub(super) fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors (columns).
    pub(super) fn seniors(&self) -> usize {
        self.seniors
    }

    /// Reads `junior_gain`, `senior_gain` and the optional boolean `mask` (same shape; False
    /// forbids). NaN in either matrix forbids the pair too; a forbidden cell's gains become 0
    /// (as a strategies instance's `null` does) and `-0.0` becomes 0.
    pub(super) fn read(
        junior_gain: &Bound<'_, PyAny>,
        senior_gain: &Bound<'_, PyAny>,
        mask: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Gains> {
        let (juniors, seniors, mut junior) = gain_matrix(junior_gain, "junior_gain")?;
        let (rows, cols, mut senior) = gain_matrix(senior_gain, "senior_gain")?;
        if (rows, cols) != (juniors, seniors) {
            return Err(value_error(format!(
                "`junior_gain` is {juniors} x {seniors} but `senior_gain` is {rows} x {cols}: \
                 both are juniors x seniors"
            )));
        }
        let mut allowed = match mask.filter(|m| !m.is_none()) {
            None => vec![true; junior.len()],
            Some(mask) => {
                let (array, kind) = as_array(mask)?;
                if kind != "b" {
                    return Err(type_error(format!(
                        "`mask` must be a boolean array (True where a pair is allowed), got \
                         dtype {}",
                        dtype_name(&array)
                    )));
                }
                let (rows, cols, allowed) = matrix_of::<bool>(&array, "mask", "bool")?;
                if (rows, cols) != (juniors, seniors) {
                    return Err(value_error(format!(
                        "`mask` is {rows} x {cols} but the gains are {juniors} x {seniors}"
                    )));
                }
                allowed
            }
        };
        for ((a, b), ok) in junior.iter_mut().zip(&mut senior).zip(&mut allowed) {
            *ok = *ok && !a.is_nan() && !b.is_nan();
            if *ok {
                *a += 0.0;
                *b += 0.0;
            } else {
                (*a, *b) = (0.0, 0.0);
            }
        }
        Ok(Gains {
            juniors,
            seniors,
            junior,
            senior,
            allowed,
        })
    }

    /// The crate's scores, checked by it: a gain outside `[0, 1e100]` (an infinity, a negative
    /// number) is its error, naming the cell.
    pub(super) fn into_scores(self) -> mentor_match::Result<PairScores> {
        let mut scores = PairScores::new(self.juniors, self.seniors, self.junior, self.senior)?;
        for (k, _) in self.allowed.iter().enumerate().filter(|(_, ok)| !**ok) {
            scores.forbid(k / self.seniors, k % self.seniors)?;
        }
        Ok(scores)
    }

    /// One gain matrix as an instance writes it: rows of gains, `null` where forbidden.
    pub(super) fn rows(&self, gains: &[f64]) -> serde_json::Value {
        let rows: Vec<Vec<Option<f64>>> = (0..self.juniors)
            .map(|j| {
                let cells = j * self.seniors..(j + 1) * self.seniors;
                cells.map(|k| self.allowed[k].then_some(gains[k])).collect()
            })
            .collect();
        serde_json::json!(rows)
    }
}

/// A built-in strategy by name, the crate's error (listing every name) for an unknown one.
pub(super) fn strategy_named(name: &str) -> PyResult<Box<dyn Strategy>> {
    strategy::by_name(name).map_err(value_error)
}

/// Any strategy by name, built-in or one of the crate's `MORE_NAMES` (rank-maximal, popular,
/// super-stable, large weakly stable), the crate's error (listing every name) for an unknown
/// one.
pub(super) fn any_strategy_named(name: &str) -> PyResult<Box<dyn Strategy>> {
    strategy::any_by_name(name).map_err(value_error)
}

/// A list of strategy names: each a `str`, each once.
pub(super) fn strategy_names(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if obj.is_instance_of::<PyString>() {
        return Err(type_error(
            "`strategies` must be a list of strategy names, not one str",
        ));
    }
    let names: Vec<String> = obj.extract().map_err(|_| {
        type_error(format!(
            "`strategies` must be a list of strategy names (str), got {}",
            type_name(obj)
        ))
    })?;
    // Each name listed twice or more is named once (a set, not a scan of the names before
    // each: a list of a million names costs a million lookups).
    let mut seen = std::collections::BTreeSet::new();
    let mut twice = std::collections::BTreeSet::new();
    let mut bad = Bad::default();
    for name in &names {
        if !seen.insert(name.as_str()) && twice.insert(name.as_str()) {
            bad.push(|| format!("`strategies`: `{name}` is listed twice"));
        }
    }
    bad.finish()?;
    Ok(names)
}

/// `[junior, senior]` index pairs from an array-like of shape `(k, 2)` of integers.
pub(super) fn index_pairs(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
    let (array, kind) = as_array(obj)?;
    let size: usize = array.getattr("size")?.extract()?;
    if size == 0 {
        return Ok(Vec::new());
    }
    if !matches!(kind.as_str(), "i" | "u") {
        return Err(type_error(format!(
            "`pairs` must be integer [junior, senior] pairs, got dtype {}",
            dtype_name(&array)
        )));
    }
    let shape: Vec<usize> = array.getattr("shape")?.extract()?;
    if shape.len() != 2 || shape[1] != 2 {
        return Err(value_error(format!(
            "`pairs` must have shape (k, 2), one [junior, senior] row a pair, got shape {shape:?}"
        )));
    }
    let (_, _, flat) = matrix_of::<i64>(&array, "pairs", "int64")?;
    flat.chunks(2)
        .enumerate()
        .map(|(row, p)| {
            let index = |x: i64| {
                usize::try_from(x)
                    .map_err(|_| value_error(format!("`pairs` row {row}: {x} is not an index")))
            };
            Ok((index(p[0])?, index(p[1])?))
        })
        .collect()
}

/// A capacity argument as an instance writes it: one int for all, or one per agent.
pub(super) fn capacity_json(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<serde_json::Value> {
    // The crate checks the range (0 to 2^32 - 1) and the length, naming the entry.
    let one = |x: &Bound<'_, PyAny>| -> PyResult<serde_json::Value> {
        let c = whole(x, name, i64::MIN.into(), u64::MAX.into(), "a capacity")?;
        Ok(match u64::try_from(c) {
            Ok(c) => c.into(),
            Err(_) => (c as i64).into(),
        })
    };
    if let Ok(c) = one(obj) {
        return Ok(c);
    }
    let is_sequence = !obj.is_instance_of::<PyString>()
        && (obj.is_instance_of::<PyList>()
            || obj.hasattr("__len__")? && obj.hasattr("__getitem__")?);
    if !is_sequence {
        return one(obj);
    }
    let list = obj
        .try_iter()?
        .map(|x| one(&x?))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(serde_json::Value::Array(list))
}

/// A capacity argument for `count` agents: one int for all, or one per agent, each from 0 to
/// 2^32 - 1; `None` is capacity 1 for all.
pub(super) fn capacities_of(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
    count: usize,
    side: &str,
) -> PyResult<Vec<u32>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(vec![1; count]);
    };
    let one = |x: &Bound<'_, PyAny>, at: &str| -> PyResult<u32> {
        let c = whole(x, at, 0, u32::MAX.into(), "a capacity (0 to 2**32 - 1)")?;
        Ok(c as u32)
    };
    // An int (a numpy integer too) is one capacity for all; `whole` says when it is out of
    // range, however large.
    if obj.is_instance_of::<PyInt>() || obj.extract::<i128>().is_ok() {
        return Ok(vec![one(obj, name)?; count]);
    }
    // A dict has a length and items, but its keys are not capacities.
    let is_sequence = !obj.is_instance_of::<PyString>()
        && !obj.is_instance_of::<PyDict>()
        && (obj.is_instance_of::<PyList>()
            || obj.hasattr("__len__")? && obj.hasattr("__getitem__")?);
    if !is_sequence {
        return Err(type_error(format!(
            "`{name}` must be an int or a sequence of ints, got {}",
            type_name(obj)
        )));
    }
    let len = obj.len()?;
    if len != count {
        return Err(value_error(format!(
            "`{name}` has {len} entries, but there are {count} {side}s"
        )));
    }
    obj.try_iter()?
        .enumerate()
        .map(|(i, x)| one(&x?, &format!("{name}` entry `{i}")))
        .collect()
}
