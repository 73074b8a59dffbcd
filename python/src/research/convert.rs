//! Conversions between Python objects and the crate's values: numbers, seeds and counts,
//! numpy arrays, the gain matrices and their mask, strategy names, pair lists and capacities
//! in; the crate's JSON documents out, through Python's `json`.

use crate::engine::{bool_bytes, copied};
use crate::errors::{Bad, type_error, value_error};
use mentor_match::PairScores;
use mentor_match::strategy::{self, Strategy};
use numpy::{PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};

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
///
/// A bool is a `TypeError` too, though Python counts it as an int: `seed=True`,
/// `top_k=True` or `repeats=False` is a slip for another argument (a flag given in the
/// wrong place), not the number 1 or 0.
pub(crate) fn whole(
    obj: &Bound<'_, PyAny>,
    name: &str,
    min: i128,
    max: i128,
    expected: &str,
) -> PyResult<i128> {
    if obj.is_instance_of::<PyBool>() {
        return Err(type_error(format!("`{name}` must be an int, got bool")));
    }
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

/// A seed: a whole number from 0 to 2^64 - 1 (a bool refused, as [`whole`] refuses it).
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

/// A 2-D array read as `T` (numpy converts it when its dtype is another) and copied row-major
/// out of `array` (already of the right kind) through `f`, with its shape; `ValueError` naming
/// `name` when it is not 2-D, or when its copy cannot be allocated (a shape declared through
/// zero strides has no memory behind it).
fn matrix_of<T: numpy::Element + Copy, U: Copy + Default>(
    array: &Bound<'_, PyAny>,
    name: &str,
    f: impl Fn(T) -> U,
) -> PyResult<(usize, usize, Vec<U>)> {
    let py = array.py();
    let ndim: usize = array.getattr("ndim")?.extract()?;
    if ndim != 2 {
        return Err(value_error(format!(
            "`{name}` must be a 2-D array (juniors x seniors), got {ndim} dimensions"
        )));
    }
    let array = array.cast::<PyUntypedArray>()?;
    let (rows, cols) = (array.shape()[0], array.shape()[1]);
    let too_large = || {
        value_error(format!(
            "`{name}` of {rows} x {cols} needs more memory than can be allocated"
        ))
    };
    // The copy's size is tried before numpy converts anything or the cells are read.
    let cells = rows.checked_mul(cols).ok_or_else(too_large)?;
    Vec::<U>::new()
        .try_reserve_exact(cells)
        .map_err(|_| too_large())?;
    let values = copied::<T, U>(array, f).map_err(|e| {
        if e.cannot_allocate(py) {
            // numpy's conversion, or the copy, could not be allocated.
            too_large()
        } else {
            e.into()
        }
    })?;
    Ok((rows, cols, values))
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
    matrix_of::<f64, f64>(&array, name, |x| x)
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
        if juniors == 0 || seniors == 0 {
            // The crate's limit on a side facing an empty one (its tables per agent would ask
            // for terabytes for a shape of 0 x 2**40), checked before anything is sized by it.
            PairScores::new(juniors, seniors, Vec::new(), Vec::new()).map_err(value_error)?;
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
                let bytes = bool_bytes(&array)?;
                let (rows, cols, allowed) =
                    matrix_of::<u8, bool>(bytes.as_any(), "mask", |b| b != 0)?;
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
    // Every index that is not one is named, its value as given (a uint64 read as such).
    fn read<T: numpy::Element + Copy + Default + std::fmt::Display + TryInto<usize>>(
        array: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<(usize, usize)>> {
        let (_, _, flat) = matrix_of::<T, T>(array, "pairs", |x| x)?;
        let mut bad = Bad::default();
        let mut pairs = Vec::new();
        for (row, p) in flat.chunks(2).enumerate() {
            let mut index = |x: T| {
                let index = x.try_into().ok();
                if index.is_none() {
                    bad.push(|| format!("`pairs` row {row}: {x} is not an index"));
                }
                index
            };
            if let (Some(j), Some(s)) = (index(p[0]), index(p[1])) {
                pairs.push((j, s));
            }
        }
        bad.finish()?;
        Ok(pairs)
    }
    if kind == "u" {
        read::<u64>(&array)
    } else {
        read::<i64>(&array)
    }
}

/// A capacity argument as an instance writes it: one int for all, or one per agent (a list, a
/// tuple, a numpy array; not a dict, whose keys are no capacities). The crate checks the range
/// (0 to 2^32 - 1) and the length, naming the entry; an entry the document cannot hold (not an
/// int, or beyond 64 bits) is named here, in `bad`, and written as 1 so that the crate still
/// names the others' mistakes. `only_types` is cleared when an entry named is an int.
pub(super) fn capacity_json(
    obj: &Bound<'_, PyAny>,
    name: &str,
    bad: &mut Bad,
    only_types: &mut bool,
) -> PyResult<serde_json::Value> {
    let json = |c: i128| -> serde_json::Value {
        match u64::try_from(c) {
            Ok(c) => c.into(),
            Err(_) => (c as i64).into(),
        }
    };
    let (min, max) = (i128::from(i64::MIN), i128::from(u64::MAX));
    let not_a_capacity = |c: &dyn std::fmt::Display| {
        format!(
            "{c} is not a capacity; a capacity is a whole number of partners from 0 to {}",
            u32::MAX
        )
    };
    // A bool is refused as `whole` refuses it: `junior_capacity=True` is not a capacity of 1.
    if obj.is_instance_of::<PyBool>() {
        bad.push(|| format!("`{name}` must be an int, got bool"));
        return Ok(1.into());
    }
    if obj.is_instance_of::<PyInt>() || obj.extract::<i128>().is_ok() {
        // One for all: a mistake is recorded as an entry's is, so that the other argument's
        // are named with it.
        return Ok(match obj.extract::<i128>() {
            Ok(c) if (min..=max).contains(&c) => json(c),
            Ok(c) => {
                *only_types = false;
                bad.push(|| format!("`{name}`: {}", not_a_capacity(&c)));
                1.into()
            }
            Err(_) => {
                *only_types = false;
                bad.push(|| format!("`{name}`: {}", not_a_capacity(obj)));
                1.into()
            }
        });
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
    let mut list = Vec::new();
    for (i, x) in obj.try_iter()?.enumerate() {
        let x = x?;
        if x.is_instance_of::<PyBool>() {
            bad.push(|| format!("`{name}` entry {i} must be an int, got bool"));
            list.push(1.into());
            continue;
        }
        match x.extract::<i128>() {
            Ok(c) if (min..=max).contains(&c) => list.push(json(c)),
            Ok(c) => {
                *only_types = false;
                bad.push(|| format!("`{name}` entry {i}: {}", not_a_capacity(&c)));
                list.push(1.into());
            }
            Err(e) if e.is_instance_of::<PyOverflowError>(x.py()) => {
                *only_types = false;
                bad.push(|| format!("`{name}` entry {i}: {}", not_a_capacity(&x)));
                list.push(1.into());
            }
            Err(_) => {
                bad.push(|| format!("`{name}` entry {i} must be an int, got {}", type_name(&x)));
                list.push(1.into());
            }
        }
    }
    Ok(serde_json::Value::Array(list))
}

/// A capacity argument as read: one for all agents of a side, or one each.
#[derive(Debug, Clone)]
pub(super) enum CapacityArg {
    /// The same capacity for every agent.
    All(u32),
    /// One capacity per agent, as many as the agents.
    Each(Vec<u32>),
}

impl CapacityArg {
    /// One capacity per agent of a side of `count`. Called once the scores are checked by the
    /// crate, whose size limits bound `count` (a side of `2^40` with the other empty is
    /// refused there), so that one capacity for all never asks for terabytes.
    pub(super) fn each(self, count: usize) -> Vec<u32> {
        match self {
            CapacityArg::All(c) => vec![c; count],
            CapacityArg::Each(each) => each,
        }
    }
}

/// A capacity argument for `count` agents: one int for all, or one per agent, each from 0 to
/// 2^32 - 1; `None` is capacity 1 for all.
pub(super) fn capacities_of(
    obj: Option<&Bound<'_, PyAny>>,
    name: &str,
    count: usize,
    side: &str,
) -> PyResult<CapacityArg> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(CapacityArg::All(1));
    };
    let one = |x: &Bound<'_, PyAny>, at: &str| -> PyResult<u32> {
        let c = whole(x, at, 0, u32::MAX.into(), "a capacity (0 to 2**32 - 1)")?;
        Ok(c as u32)
    };
    // An int (a numpy integer too) is one capacity for all; `whole` says when it is out of
    // range, however large.
    if obj.is_instance_of::<PyInt>() || obj.extract::<i128>().is_ok() {
        return Ok(CapacityArg::All(one(obj, name)?));
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
    // Every entry at fault is named: a TypeError when each is not an int, else a ValueError.
    let mut bad = Bad::default();
    let mut only_types = true;
    let mut each = Vec::new();
    for (i, x) in obj.try_iter()?.enumerate() {
        match one(&x?, &format!("{name}` entry `{i}")) {
            Ok(c) => each.push(c),
            Err(e) => {
                only_types &= e.is_instance_of::<PyTypeError>(obj.py());
                let message = e.value(obj.py()).str()?.to_string();
                bad.push(|| message);
            }
        }
    }
    if bad.is_empty() {
        Ok(CapacityArg::Each(each))
    } else if only_types {
        Err(type_error(bad.message()))
    } else {
        Err(value_error(bad.message()))
    }
}
