//! The research harness: the pairing strategies, their metrics, the seeded synthetic
//! populations and experiments, on two numpy gain matrices.
//!
//! Gains cross as 2-D float arrays, `junior_gain[j, s]` (what junior `j` gains from senior `s`)
//! and `senior_gain[j, s]`; a pair is forbidden where either is NaN or where the optional
//! boolean `mask` is False. Both are copied once into the crate's `PairScores` (a forbidden
//! cell's gains become 0, as a `null` cell of a strategies instance does), so `pair`, `metrics`
//! and `evaluate` see the same scores. Documents of the crate (a metrics report, an
//! evaluation, a roster) cross as its JSON, parsed by Python's `json`, which reads every
//! number back exactly. Every strategy, evaluation, population and experiment runs with the
//! GIL released.

use crate::errors::{type_error, value_error};
use mentor_match::evaluation;
use mentor_match::experiment::{Experiment, Summary};
use mentor_match::formats::Instance;
use mentor_match::generate::Population;
use mentor_match::metrics::{Metrics, Report};
use mentor_match::strategy::{self, Pairing, Strategy};
use mentor_match::{MatrixError, PairScores};
use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray2, PyArrayMethods, PyUntypedArrayMethods};
use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::ops::RangeInclusive;

/// The most junior × senior pairs `population` and `experiment` draw and score, as
/// `mentor-match compare` allows: every pair's scores are held (19 bytes a pair, and the
/// arrays returned).
const MAX_PAIRS: usize = 10_000_000;

/// The most participants `population`, `population_roster` and `experiment` draw. The crate
/// refuses more than `u32::MAX` but allocates a roster for any fewer; this keeps a mistyped
/// size from asking for hundreds of gigabytes.
const MAX_PARTICIPANTS: usize = 1_000_000;

/// The options of a seeded population, by keyword, in the order the docs list them.
const POPULATION_OPTIONS: [&str; 12] = [
    "catalog",
    "junior_digital_lean",
    "senior_leadership_lean",
    "taste_correlation",
    "skill_count",
    "wish_count",
    "departments",
    "managed_share",
    "languages",
    "timezone_spread",
    "junior_experience",
    "senior_experience",
];

/// Registers the research functions in the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(strategies, m)?)?;
    m.add_function(wrap_pyfunction!(pair, m)?)?;
    m.add_function(wrap_pyfunction!(metrics, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(population, m)?)?;
    m.add_function(wrap_pyfunction!(population_roster, m)?)?;
    m.add_function(wrap_pyfunction!(experiment, m)?)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Conversions from Python.

/// `text` (a JSON document the crate wrote) as Python objects, through `json.loads`.
pub fn json_to_python<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// A document of the crate (its serde JSON, `written`) as Python objects.
fn to_python<'py>(
    py: Python<'py>,
    written: serde_json::Result<String>,
) -> PyResult<Bound<'py, PyAny>> {
    json_to_python(py, &written.map_err(value_error)?)
}

/// The Python type name of `obj`, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

/// `obj` as a whole number from `min` to `max` (`expected` says so in words), for the
/// argument `name`: `TypeError` when it is not an integer (a float included, as `range`
/// does), `ValueError` when it is out of range.
fn whole(
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
fn seed_of(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
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
fn count_of(obj: &Bound<'_, PyAny>, name: &str, min: usize) -> PyResult<usize> {
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
struct Gains {
    juniors: usize,
    seniors: usize,
    junior: Vec<f64>,
    senior: Vec<f64>,
    allowed: Vec<bool>,
}

impl Gains {
    /// Reads `junior_gain`, `senior_gain` and the optional boolean `mask` (same shape; False
    /// forbids). NaN in either matrix forbids the pair too; a forbidden cell's gains become 0
    /// (as a strategies instance's `null` does) and `-0.0` becomes 0.
    fn read(
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
    fn into_scores(self) -> mentor_match::Result<PairScores> {
        let mut scores = PairScores::new(self.juniors, self.seniors, self.junior, self.senior)?;
        for (k, _) in self.allowed.iter().enumerate().filter(|(_, ok)| !**ok) {
            scores.forbid(k / self.seniors, k % self.seniors)?;
        }
        Ok(scores)
    }

    /// One gain matrix as an instance writes it: rows of gains, `null` where forbidden.
    fn rows(&self, gains: &[f64]) -> serde_json::Value {
        let rows: Vec<Vec<Option<f64>>> = (0..self.juniors)
            .map(|j| {
                let cells = j * self.seniors..(j + 1) * self.seniors;
                cells.map(|k| self.allowed[k].then_some(gains[k])).collect()
            })
            .collect();
        serde_json::json!(rows)
    }
}

/// A strategy by name, the crate's error (listing every name) for an unknown one.
fn strategy_named(name: &str) -> PyResult<Box<dyn Strategy>> {
    strategy::by_name(name).map_err(value_error)
}

/// A list of strategy names: each a `str`, each once.
fn strategy_names(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
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
    for (k, name) in names.iter().enumerate() {
        if names[..k].contains(name) {
            return Err(value_error(format!(
                "`strategies`: `{name}` is listed twice"
            )));
        }
    }
    Ok(names)
}

/// `[junior, senior]` index pairs from an array-like of shape `(k, 2)` of integers.
fn index_pairs(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, usize)>> {
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
fn capacity_json(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<serde_json::Value> {
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

// ---------------------------------------------------------------------------------------------
// Populations.

/// `obj` as a sequence of exactly two items, for `name`.
fn two<'py>(obj: &Bound<'py, PyAny>, name: &str, what: &str) -> PyResult<[Bound<'py, PyAny>; 2]> {
    let bad = || type_error(format!("`{name}` must be {what}, got {}", type_name(obj)));
    if obj.is_instance_of::<PyString>() {
        return Err(bad());
    }
    let items: Vec<Bound<'py, PyAny>> = obj
        .try_iter()
        .map_err(|_| bad())?
        .collect::<PyResult<_>>()?;
    match <[Bound<'py, PyAny>; 2]>::try_from(items) {
        Ok(pair) => Ok(pair),
        Err(items) => Err(value_error(format!(
            "`{name}` must be {what}, got {} items",
            items.len()
        ))),
    }
}

/// An inclusive range `(low, high)` of whole numbers up to `max`.
fn range_of(obj: &Bound<'_, PyAny>, name: &str, max: i128) -> PyResult<RangeInclusive<i128>> {
    let [low, high] = two(obj, name, "a pair (low, high), both inclusive")?;
    let expected = format!("a whole number from 0 to {max}");
    Ok(whole(&low, name, 0, max, &expected)?..=whole(&high, name, 0, max, &expected)?)
}

/// `(name, value)` pairs from a dict or a sequence of pairs, for `catalog` and `languages`.
fn named_list<'py>(
    obj: &Bound<'py, PyAny>,
    name: &str,
    what: &str,
) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    let items = match obj.cast::<PyDict>() {
        Ok(dict) => dict.items().into_any(),
        Err(_) => obj.clone(),
    };
    if items.is_instance_of::<PyString>() {
        return Err(type_error(format!("`{name}` must be {what}, got str")));
    }
    let iter = items
        .try_iter()
        .map_err(|_| type_error(format!("`{name}` must be {what}, got {}", type_name(obj))))?;
    iter.map(|item| {
        let [key, value] = two(&item?, name, what)?;
        let key: String = key
            .extract()
            .map_err(|_| type_error(format!("`{name}` must be {what}: a name is a str")))?;
        Ok((key, value))
    })
    .collect()
}

/// A float option.
fn float_of(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    obj.extract()
        .map_err(|_| type_error(format!("`{name}` must be a float, got {}", type_name(obj))))
}

/// The population of `juniors` and `seniors` with `seed` and the keyword `options`, its
/// options checked by the crate and its size by the crate's limit and then by
/// [`MAX_PARTICIPANTS`] and (when `scored`) [`MAX_PAIRS`], before anything is drawn.
fn population_of(
    juniors: &Bound<'_, PyAny>,
    seniors: &Bound<'_, PyAny>,
    seed: u64,
    options: Option<&Bound<'_, PyDict>>,
    function: &str,
    scored: bool,
) -> PyResult<Population> {
    let juniors = count_of(juniors, "juniors", 0)?;
    let seniors = count_of(seniors, "seniors", 0)?;
    // Options apply to an empty population first: the crate checks them without drawing.
    let mut options_only = Population::new(0, 0);
    for (key, value) in options.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        options_only = with_option(options_only, &key, &value, function)?;
    }
    options_only.build().map_err(value_error)?;
    let mut population = Population::new(juniors, seniors).with_seed(seed);
    for (key, value) in options.into_iter().flat_map(|d| d.iter()) {
        let key: String = key.extract()?;
        population = with_option(population, &key, &value, function)?;
    }
    // The crate's own limit (at most u32::MAX participants) is checked before it allocates.
    if juniors
        .checked_add(seniors)
        .is_none_or(|n| n > u32::MAX as usize)
    {
        population.build().map_err(value_error)?;
    }
    if juniors.saturating_add(seniors) > MAX_PARTICIPANTS {
        return Err(value_error(format!(
            "{juniors} juniors + {seniors} seniors is too large: at most {MAX_PARTICIPANTS} \
             participants"
        )));
    }
    if scored
        && juniors
            .checked_mul(seniors)
            .is_none_or(|pairs| pairs > MAX_PAIRS)
    {
        return Err(value_error(format!(
            "{juniors} juniors x {seniors} seniors is too large: every pair is scored, at most \
             {MAX_PAIRS} pairs"
        )));
    }
    Ok(population)
}

/// `population` with the option `key` set to `value`.
fn with_option(
    population: Population,
    key: &str,
    value: &Bound<'_, PyAny>,
    function: &str,
) -> PyResult<Population> {
    let usize_max = usize::MAX as i128;
    let sizes = |r: RangeInclusive<i128>| (*r.start() as usize)..=(*r.end() as usize);
    let years = |r: RangeInclusive<i128>| (*r.start() as u8)..=(*r.end() as u8);
    Ok(match key {
        "catalog" => {
            let skills = named_list(value, key, "(skill, category) pairs or a dict")?
                .into_iter()
                .map(|(skill, category)| {
                    let category: String = category.extract().map_err(|_| {
                        type_error("`catalog` must be (skill, category) pairs: a category is a str")
                    })?;
                    Ok((skill, category))
                })
                .collect::<PyResult<Vec<_>>>()?;
            population.with_catalog(skills)
        }
        "junior_digital_lean" => population.with_junior_digital_lean(float_of(value, key)?),
        "senior_leadership_lean" => population.with_senior_leadership_lean(float_of(value, key)?),
        "taste_correlation" => population.with_taste_correlation(float_of(value, key)?),
        "skill_count" => population.with_skill_count(sizes(range_of(value, key, usize_max)?)),
        "wish_count" => population.with_wish_count(sizes(range_of(value, key, usize_max)?)),
        "departments" => population.with_departments(count_of(value, key, 0)?),
        "managed_share" => population.with_managed_share(float_of(value, key)?),
        "languages" => {
            let languages = named_list(value, key, "(language, share) pairs or a dict")?
                .into_iter()
                .map(|(language, share)| Ok((language, float_of(&share, key)?)))
                .collect::<PyResult<Vec<_>>>()?;
            population.with_languages(languages)
        }
        "timezone_spread" if value.is_none() => population,
        "timezone_spread" => population.with_timezone_spread(float_of(value, key)?),
        "junior_experience" => {
            population.with_junior_experience(years(range_of(value, key, u8::MAX.into())?))
        }
        "senior_experience" => {
            population.with_senior_experience(years(range_of(value, key, u8::MAX.into())?))
        }
        _ => {
            return Err(type_error(format!(
                "{function}() got an unexpected keyword argument '{key}'; the population options \
                 are: {}",
                POPULATION_OPTIONS.join(", ")
            )));
        }
    })
}

// ---------------------------------------------------------------------------------------------
// The functions.

/// The names of the built-in pairing strategies, in the crate's order.
///
/// Returns
/// -------
/// list[str]
///     `utilitarian`, `nash`, `bottleneck`, `leximin`, `greedy`,
///     `deferred_acceptance_juniors`, `deferred_acceptance_seniors`, `egalitarian_stable`,
///     `minimum_regret_stable`, `random_serial_dictatorship`, `random`.
///
/// Examples
/// --------
/// >>> import mentor_match as mm
/// >>> assert mm.strategies()[0] == "utilitarian" and "leximin" in mm.strategies()
#[pyfunction]
fn strategies() -> Vec<&'static str> {
    strategy::NAMES.to_vec()
}

/// Pairs juniors with seniors by one built-in strategy.
///
/// Parameters
/// ----------
/// strategy : str
///     A name of `strategies()`.
/// junior_gain, senior_gain : array_like of numbers, shape (juniors, seniors)
///     What junior j gains from senior s, and what senior s gains from junior j; each from 0
///     to 1e100. NaN in either forbids the pair.
/// seed : int, default 0
///     The seed of the random strategies (the others ignore it), from 0 to 2**64 - 1.
/// mask : array_like of bool, same shape, optional
///     False forbids the pair.
///
/// Returns
/// -------
/// numpy.ndarray of int64, shape (k, 2)
///     The [junior, senior] pairs, sorted by junior. A forbidden pair never appears.
///
/// Raises
/// ------
/// ValueError
///     An unknown strategy (the message lists the names), matrices of different shapes or
///     not 2-D, or a gain outside [0, 1e100] (the message names the cell).
/// TypeError
///     Gains that are not numbers (strings, object dtype), a mask that is not boolean.
///
/// The strategy runs with the GIL released.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> a = np.array([[0.9, 0.4], [0.5, 0.5]]); b = np.array([[0.1, 0.4], [0.5, 0.5]])
/// >>> assert mm.pair("utilitarian", a, b).tolist() == [[0, 0], [1, 1]]
/// >>> assert mm.pair("utilitarian", a, b, mask=np.array([[False, True], [True, True]])).tolist() == [[0, 1], [1, 0]]
#[pyfunction]
#[pyo3(
    signature = (strategy, junior_gain, senior_gain, seed = None, mask = None),
    text_signature = "(strategy, junior_gain, senior_gain, seed=0, mask=None)"
)]
fn pair<'py>(
    py: Python<'py>,
    strategy: &Bound<'py, PyAny>,
    junior_gain: &Bound<'py, PyAny>,
    senior_gain: &Bound<'py, PyAny>,
    seed: Option<&Bound<'py, PyAny>>,
    mask: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyArray2<i64>>> {
    let name: String = strategy.extract().map_err(|_| {
        type_error(format!(
            "`strategy` must be a str (one of strategies()), got {}",
            type_name(strategy)
        ))
    })?;
    let strategy = strategy_named(&name)?;
    let seed = seed.map(seed_of).transpose()?.unwrap_or(0);
    let gains = Gains::read(junior_gain, senior_gain, mask)?;
    let pairs = py
        .detach(|| {
            let scores = gains.into_scores()?;
            Ok::<_, mentor_match::Error>(strategy.pair_seeded(&scores, seed)?)
        })
        .map_err(value_error)?;
    pairs_array(py, &pairs)
}

/// A pairing as a `(k, 2)` int64 array.
fn pairs_array<'py>(py: Python<'py>, pairing: &Pairing) -> PyResult<Bound<'py, PyArray2<i64>>> {
    let flat: Vec<i64> = pairing
        .pairs()
        .iter()
        .flat_map(|&(j, s)| [j as i64, s as i64])
        .collect();
    let array = Array2::from_shape_vec((pairing.len(), 2), flat).map_err(value_error)?;
    Ok(array.into_pyarray(py))
}

/// The utilitarian optimum's total on `scores`, summed as `evaluate` sums it.
fn optimum_total(scores: &PairScores, seed: u64) -> mentor_match::Result<f64> {
    let optimum = strategy::by_name("utilitarian")?.pair_seeded(scores, seed)?;
    Ok(optimum.pairs().iter().fold(0.0, |t, &(j, s)| {
        t + scores.junior_gain(j, s) + scores.senior_gain(j, s)
    }))
}

/// Every metric of one pairing, with its price against the utilitarian optimum.
///
/// The crate's `metrics::Report` (welfare, minimum utility, Gini, blocking pairs, rank
/// profiles, top-k share, reciprocity gaps, envy, price), computed as `evaluate` computes
/// each strategy's: `utilitarian_total` is the optimum of these gains and `price` the share of
/// it the pairing gives up.
///
/// Parameters
/// ----------
/// junior_gain, senior_gain : array_like of numbers, shape (juniors, seniors)
///     As for `pair`; NaN forbids a pair.
/// pairs : array_like of int, shape (k, 2)
///     [junior, senior] pairs, for example what `pair` returns.
/// top_k : int, default 3
///     An agent counts in `top_k_share` when paired with one of its first k choices.
/// mask : array_like of bool, same shape, optional
///     False forbids the pair.
///
/// Returns
/// -------
/// dict
///     The report, keys as its JSON: `pairs`, `coverage`, `total`, `junior_total`,
///     `senior_total`, `mean_utility`, `min_utility`, `gini`, `blocking_pairs`, `blocking`,
///     `junior_rank_profile`, `senior_rank_profile`, `top_k`, `top_k_share`, `mean_rank`
///     (None without pairs), `reciprocity_gap_mean`, `reciprocity_gap_max`, `envy`,
///     `utilitarian_total`, `price`.
///
/// Raises
/// ------
/// ValueError
///     A pair out of range, repeating a junior or a senior, or forbidden (the message names
///     it); pairs not of shape (k, 2); bad gains as for `pair`.
/// TypeError
///     Gains or pairs of the wrong dtype.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> a = np.array([[0.75, 0.25], [0.5, 0.25]]); b = np.array([[1.0, 0.5], [0.5, 0.25]])
/// >>> report = mm.metrics(a, b, [[0, 1], [1, 0]])
/// >>> assert report["blocking"] == [[0, 0]] and report["price"] > 0
#[pyfunction]
#[pyo3(
    signature = (junior_gain, senior_gain, pairs, top_k = None, mask = None),
    text_signature = "(junior_gain, senior_gain, pairs, top_k=3, mask=None)"
)]
fn metrics<'py>(
    py: Python<'py>,
    junior_gain: &Bound<'py, PyAny>,
    senior_gain: &Bound<'py, PyAny>,
    pairs: &Bound<'py, PyAny>,
    top_k: Option<&Bound<'py, PyAny>>,
    mask: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let top_k = top_k
        .map(|k| count_of(k, "top_k", 0))
        .transpose()?
        .unwrap_or(3);
    let gains = Gains::read(junior_gain, senior_gain, mask)?;
    let pairs = index_pairs(pairs)?;
    let report: Report = py
        .detach(|| {
            let scores = gains.into_scores()?;
            let pairing = Pairing::new(&scores, pairs)?;
            let metrics = Metrics::new()
                .with_top_k(top_k)
                .with_utilitarian_total(optimum_total(&scores, 0)?);
            Ok::<_, mentor_match::Error>(metrics.report(&scores, &pairing)?)
        })
        .map_err(value_error)?;
    to_python(py, serde_json::to_string(&report))
}

/// Every strategy on one instance: each one's pairs, time and metrics.
///
/// Exactly the document `mentor-match strategies` prints for the same instance (the crate's
/// `evaluation::evaluate`): `format` (1), `juniors`, `seniors`, `seed`, `strategies` (one
/// entry per strategy in the order asked for: `name`, `pairs`, `seconds`, `metrics`) and,
/// with a capacity above 1, `unsupported` (the one-to-one strategies left out, with `why`;
/// only `utilitarian` pairs many to many, and its `metrics` are then `pairs`, `total`,
/// `junior_total`, `senior_total`, `coverage`, `min_utility`, `gini`). Gains reach the crate
/// exactly: they are written in the shortest form that reads back as the same float.
///
/// Parameters
/// ----------
/// junior_gain, senior_gain : array_like of numbers, shape (juniors, seniors)
///     As for `pair`; NaN forbids a pair. At least one junior and one senior.
/// strategies : list of str, optional
///     The strategies to run, each once, in order; every built-in one by default.
/// seed : int, default 0
///     Handed to every strategy.
/// top_k : int, default 3
///     The k of the metrics' top-k share, at least 1.
/// mask : array_like of bool, same shape, optional
///     False forbids the pair.
/// junior_capacity, senior_capacity : int or sequence of int, optional
///     How many partners each junior (senior) may take, one for all or one each, from 0 to
///     2**32 - 1 (default 1); 0 leaves the agent out.
///
/// Returns
/// -------
/// dict
///     The evaluation document.
///
/// Raises
/// ------
/// ValueError
///     The crate's message: an unknown or repeated strategy, an empty list, a capacity out
///     of range or of the wrong length (naming the entry), bad gains as for `pair`.
/// TypeError
///     Gains of the wrong dtype, strategies not a list of str, a capacity not an int.
///
/// Every strategy runs with the GIL released.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> a = np.array([[0.9, 0.1], [0.2, 0.8]]); b = np.full((2, 2), 0.5)
/// >>> doc = mm.evaluate(a, b, strategies=["utilitarian", "greedy"])
/// >>> assert doc["strategies"][0]["pairs"] == [[0, 0], [1, 1]] and doc["strategies"][0]["metrics"]["price"] == 0.0
#[pyfunction]
#[pyo3(signature = (
    junior_gain,
    senior_gain,
    strategies = None,
    seed = None,
    top_k = None,
    mask = None,
    junior_capacity = None,
    senior_capacity = None
), text_signature = "(junior_gain, senior_gain, strategies=None, seed=0, top_k=3, mask=None, \
                      junior_capacity=None, senior_capacity=None)")]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python signature: every option of a strategies instance by keyword"
)]
fn evaluate<'py>(
    py: Python<'py>,
    junior_gain: &Bound<'py, PyAny>,
    senior_gain: &Bound<'py, PyAny>,
    strategies: Option<&Bound<'py, PyAny>>,
    seed: Option<&Bound<'py, PyAny>>,
    top_k: Option<&Bound<'py, PyAny>>,
    mask: Option<&Bound<'py, PyAny>>,
    junior_capacity: Option<&Bound<'py, PyAny>>,
    senior_capacity: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let gains = Gains::read(junior_gain, senior_gain, mask)?;
    let mut document = serde_json::Map::new();
    if let Some(names) = strategies.filter(|s| !s.is_none()) {
        document.insert("strategies".into(), strategy_names(names)?.into());
    }
    if let Some(seed) = seed {
        document.insert("seed".into(), seed_of(seed)?.into());
    }
    if let Some(k) = top_k {
        // The crate checks that it is at least 1.
        document.insert("top_k".into(), count_of(k, "top_k", 0)?.into());
    }
    for (key, given) in [
        ("junior_capacity", junior_capacity),
        ("senior_capacity", senior_capacity),
    ] {
        if let Some(c) = given.filter(|c| !c.is_none()) {
            document.insert(key.into(), capacity_json(c, key)?);
        }
    }
    let evaluation = py
        .detach(|| {
            document.insert("junior_gain".into(), gains.rows(&gains.junior));
            document.insert("senior_gain".into(), gains.rows(&gains.senior));
            // The crate checks the gains, naming the cell, before the document is read: JSON
            // has no infinity, which would be written as `null`.
            gains.into_scores().map_err(|e| e.to_string())?;
            let text = serde_json::Value::Object(document).to_string();
            let instance = Instance::from_json(&text).map_err(|e| match e {
                // The line and column are in the text written here, not the caller's: the
                // place (`junior_capacity` entry 1, say) and the reason are what they need.
                MatrixError::InstanceJson { at, why, .. } if at.is_empty() => why,
                MatrixError::InstanceJson { at, why, .. } => format!("{at}: {why}"),
                e => e.to_string(),
            })?;
            evaluation::evaluate(&instance).map_err(|e| e.to_string())
        })
        .map_err(value_error)?;
    to_python(py, serde_json::to_string(&evaluation))
}

/// The pair scores of a seeded synthetic reverse-mentoring population.
///
/// The crate's `Population`: `juniors` and `seniors` drawn from `seed` (the same seed and
/// options give the same population on every platform), scored both ways by the default
/// matcher (its mutual-benefit scorer and hard rules).
///
/// Parameters
/// ----------
/// juniors, seniors : int
///     The sizes: at most 1,000,000 participants and 10,000,000 pairs (every pair is scored).
/// seed : int, default 0
///     The population's seed.
/// **options
///     The population's options by keyword (defaults as the crate's):
///     `catalog` ((skill, category) pairs or a dict), `junior_digital_lean`,
///     `senior_leadership_lean`, `taste_correlation`, `managed_share` (floats in [0, 1]),
///     `skill_count`, `wish_count` ((low, high), inclusive), `departments` (int),
///     `languages` ((language, share) pairs or a dict), `timezone_spread` (hours in [0, 24],
///     or None), `junior_experience`, `senior_experience` ((low, high) whole years, inclusive).
///
/// Returns
/// -------
/// dict
///     `junior_gain`, `senior_gain`: float64 arrays of shape (juniors, seniors), gains in
///     [0, 1], 0 where forbidden; `allowed`: a bool array of the same shape, False where a
///     hard rule forbids the pair (pass it as `mask`).
///
/// Raises
/// ------
/// ValueError
///     An option out of range (the crate's message names it), a size above the limits
///     (refused before anything is allocated).
/// TypeError
///     An unknown option, or an option of the wrong type.
///
/// Drawn and scored with the GIL released.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> scores = mm.population(30, 20, seed=1, taste_correlation=0.8)
/// >>> assert scores["junior_gain"].shape == (30, 20) and scores["allowed"].dtype == bool
/// >>> assert np.array_equal(scores["senior_gain"], mm.population(30, 20, seed=1, taste_correlation=0.8)["senior_gain"])
#[pyfunction]
#[pyo3(
    signature = (juniors, seniors, seed = None, **options),
    text_signature = "(juniors, seniors, seed=0, **options)"
)]
fn population<'py>(
    py: Python<'py>,
    juniors: &Bound<'py, PyAny>,
    seniors: &Bound<'py, PyAny>,
    seed: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let seed = seed.map(seed_of).transpose()?.unwrap_or(0);
    let population = population_of(juniors, seniors, seed, options, "population", true)?;
    let scores = py
        .detach(|| population.pair_scores())
        .map_err(value_error)?;
    let shape = (scores.juniors(), scores.seniors());
    let array = |values: Vec<f64>| Array2::from_shape_vec(shape, values).map_err(value_error);
    let out = PyDict::new(py);
    out.set_item(
        "junior_gain",
        array(scores.junior_gains().to_vec())?.into_pyarray(py),
    )?;
    out.set_item(
        "senior_gain",
        array(scores.senior_gains().to_vec())?.into_pyarray(py),
    )?;
    let allowed = Array2::from_shape_vec(shape, scores.allowed().to_vec()).map_err(value_error)?;
    out.set_item("allowed", allowed.into_pyarray(py))?;
    Ok(out)
}

/// The roster of a seeded synthetic population, as a roster document.
///
/// The same population as `population(juniors, seniors, seed, **options)`, before scoring:
/// the document `RosterSpec::to_json` writes (`skills`, the catalog; `participants`, juniors
/// `j0001`... then seniors `s0001`...), ready for `match_roster` or `programme_round`.
///
/// Parameters
/// ----------
/// juniors, seniors : int
///     The sizes: at most 1,000,000 participants.
/// seed : int, default 0
///     The population's seed.
/// **options
///     As for `population`.
///
/// Returns
/// -------
/// dict
///     The roster document.
///
/// Raises
/// ------
/// ValueError, TypeError
///     As for `population`.
///
/// Examples
/// --------
/// >>> import mentor_match as mm
/// >>> roster = mm.population_roster(3, 2, seed=42)
/// >>> assert [p["id"] for p in roster["participants"]] == ["j0001", "j0002", "j0003", "s0001", "s0002"]
/// >>> assert len(mm.match_roster(roster)["pairs"]) <= 2
#[pyfunction]
#[pyo3(
    signature = (juniors, seniors, seed = None, **options),
    text_signature = "(juniors, seniors, seed=0, **options)"
)]
fn population_roster<'py>(
    py: Python<'py>,
    juniors: &Bound<'py, PyAny>,
    seniors: &Bound<'py, PyAny>,
    seed: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let seed = seed.map(seed_of).transpose()?.unwrap_or(0);
    let population = population_of(juniors, seniors, seed, options, "population_roster", false)?;
    let text = py
        .detach(|| population.build().map(|spec| spec.to_json()))
        .map_err(value_error)?;
    json_to_python(py, &text)
}

/// Strategies over many seeded populations: each metric's mean with its 95 % interval.
///
/// The crate's `Experiment`, as `mentor-match compare` runs it: for each repeat, a
/// population of `juniors` and `seniors` (`population`, with the repeat's seed derived from
/// `seed`) on which every strategy runs with that seed; each metric of `metrics::Report` is
/// averaged over the repeats with Student's t 95 % interval, and the strategy's time too
/// (`seconds`). The same seed gives the same rows (times aside).
///
/// Parameters
/// ----------
/// strategies : list of str, optional
///     The strategies, each once; every built-in one by default.
/// juniors, seniors : int, default 200
///     The population's sizes (limits as for `population`).
/// repeats : int, default 20
///     Populations to draw, at least 1.
/// seed : int, default 0
///     The experiment's seed.
/// top_k : int, default 3
///     The k of the top-k share, at least 1.
/// **options
///     The population's options, as for `population`.
///
/// Returns
/// -------
/// list[dict]
///     Tidy rows, the rows of `Summary::to_csv` (`mentor-match compare --csv`): one a
///     strategy and metric (every metric in the report's order, then `seconds`), with keys
///     `strategy` (str), `metric` (str), `mean`, `low`, `high` (floats: the 95 % interval)
///     and `n` (int: the repeats that had the metric). `pandas.DataFrame(rows)` reads them.
///
/// Raises
/// ------
/// ValueError
///     An unknown or repeated strategy, an empty list, 0 repeats or `top_k`, a size above the
///     limits, a population option out of range.
/// TypeError
///     Arguments of the wrong type, an unknown option.
///
/// Runs with the GIL released.
///
/// Examples
/// --------
/// >>> import mentor_match as mm
/// >>> rows = mm.experiment(["utilitarian", "greedy"], juniors=20, seniors=20, repeats=3, seed=1)
/// >>> total = {r["strategy"]: r["mean"] for r in rows if r["metric"] == "total"}
/// >>> assert total["utilitarian"] >= total["greedy"]
#[pyfunction]
#[pyo3(signature = (
    strategies = None,
    juniors = None,
    seniors = None,
    repeats = None,
    seed = None,
    top_k = None,
    **options
), text_signature = "(strategies=None, juniors=200, seniors=200, repeats=20, seed=0, top_k=3, \
                      **options)")]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python signature: the experiment's options by keyword"
)]
fn experiment<'py>(
    py: Python<'py>,
    strategies: Option<&Bound<'py, PyAny>>,
    juniors: Option<&Bound<'py, PyAny>>,
    seniors: Option<&Bound<'py, PyAny>>,
    repeats: Option<&Bound<'py, PyAny>>,
    seed: Option<&Bound<'py, PyAny>>,
    top_k: Option<&Bound<'py, PyAny>>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    let names = match strategies.filter(|s| !s.is_none()) {
        None => strategy::NAMES.iter().map(|&n| n.to_owned()).collect(),
        Some(names) => strategy_names(names)?,
    };
    if names.is_empty() {
        return Err(value_error(format!(
            "`strategies`: the list is empty; leave it out to run all, or name some of: {}",
            strategy::NAMES.join(", ")
        )));
    }
    let strategies = names
        .iter()
        .map(|n| strategy_named(n))
        .collect::<PyResult<Vec<_>>>()?;
    let default_size = 200_usize.into_pyobject(py)?.into_any();
    let juniors = juniors.unwrap_or(&default_size);
    let seniors = seniors.unwrap_or(&default_size);
    let repeats = repeats
        .map(|r| count_of(r, "repeats", 0))
        .transpose()?
        .unwrap_or(20);
    let seed = seed.map(seed_of).transpose()?.unwrap_or(0);
    let top_k = top_k
        .map(|k| count_of(k, "top_k", 0))
        .transpose()?
        .unwrap_or(3);
    let population = population_of(juniors, seniors, 0, options, "experiment", true)?;
    let summary: Summary = py
        .detach(|| {
            Experiment::new(strategies)
                .with_repeats(repeats)
                .with_seed(seed)
                .with_top_k(top_k)
                .run(|seed| population.clone().with_seed(seed).pair_scores())
        })
        .map_err(value_error)?;
    let rows = PyList::empty(py);
    for s in &summary.strategies {
        for e in s.metrics.iter().chain([&s.seconds]) {
            let row = PyDict::new(py);
            row.set_item("strategy", &s.name)?;
            row.set_item("metric", &e.metric)?;
            row.set_item("mean", e.mean)?;
            row.set_item("low", e.low)?;
            row.set_item("high", e.high)?;
            row.set_item("n", e.n)?;
            rows.append(row)?;
        }
    }
    Ok(rows)
}
