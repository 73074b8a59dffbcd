//! The pairing strategies on two gain matrices: their names, one strategy's pairs, one
//! pairing's metrics, and every strategy evaluated on one instance.

use super::convert::{
    Gains, any_strategy_named, capacities_of, capacity_json, count_of, index_pairs, seed_of,
    strategy_names, to_python, type_name,
};
use crate::errors::{Bad, type_error, value_error};
use mentor_match::MatrixError;
use mentor_match::evaluation;
use mentor_match::formats::Instance;
use mentor_match::metrics::Report;
use mentor_match::strategy::{self, Capacities, Pairing};
use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray2};
use pyo3::prelude::*;

/// The names of the built-in pairing strategies, in the crate's order.
///
/// What each one does, and which pairing it returns of several equally good ones, is defined
/// once, in the strategy table of the Rust crate's `mentor_match::strategy` module docs.
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
pub(super) fn strategies() -> Vec<&'static str> {
    strategy::NAMES.to_vec()
}

/// Pairs juniors with seniors by one strategy.
///
/// The strategy does exactly what its row of the strategy table in the Rust crate's
/// `mentor_match::strategy` module docs says.
///
/// Parameters
/// ----------
/// strategy : str
///     A name of `strategies()`, or one of `rank_maximal_juniors`, `rank_maximal_seniors`,
///     `popular_juniors`, `popular_seniors` (one side's lists alone: the most first choices,
///     then second, ...; no pairing preferred by more of that side), `super_stable_juniors`,
///     `super_stable_seniors` (ties kept as ties), `large_weakly_stable_juniors`,
///     `large_weakly_stable_seniors` (ties kept as ties: weakly stable, at least 2/3 as many
///     pairs as the largest weakly stable pairing; Kiraly 2013). A popular or super-stable
///     pairing may not exist: then ValueError says so.
/// junior_gain, senior_gain : array_like of numbers, shape (juniors, seniors)
///     What junior j gains from senior s, and what senior s gains from junior j; each from 0
///     to 1e100. NaN in either forbids the pair.
/// seed : int, default 0
///     The seed of the random strategies (the others ignore it), from 0 to 2**64 - 1; not a
///     bool.
/// mask : array_like of bool, same shape, optional
///     False forbids the pair.
/// junior_capacity, senior_capacity : int or sequence of int, optional
///     How many partners each junior (senior) may take, one int for all or one per agent, from
///     0 (left out) to 2**32 - 1; None is 1 for all. With a capacity above 1 the strategy
///     pairs many to many, each pair at most once, as the crate's strategy table defines under
///     "Capacities"; bottleneck and leximin refuse (ValueError naming the reason), and so do
///     the rank-maximal, popular, super-stable and large weakly stable ones (one to one
///     only).
///
/// Returns
/// -------
/// numpy.ndarray of int64, shape (k, 2)
///     The [junior, senior] pairs, sorted by junior, then senior. A forbidden pair never
///     appears.
///
/// Raises
/// ------
/// ValueError
///     An unknown strategy (the message lists the names), matrices of different shapes or
///     not 2-D, or a gain outside [0, 1e100] (the message names the cell).
/// TypeError
///     Gains that are not numbers (strings, object dtype), a mask that is not boolean, a seed
///     that is not an int (a bool included).
///
/// The strategy runs with the GIL released.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> a = np.array([[0.9, 0.4], [0.5, 0.5]]); b = np.array([[0.1, 0.4], [0.5, 0.5]])
/// >>> assert mm.pair("utilitarian", a, b).tolist() == [[0, 0], [1, 1]]
/// >>> assert mm.pair("utilitarian", a, b, mask=np.array([[False, True], [True, True]])).tolist() == [[0, 1], [1, 0]]
/// >>> assert mm.pair("deferred_acceptance_juniors", a, b, senior_capacity=[2, 0]).tolist() == [[0, 0], [1, 0]]
/// >>> r = np.array([[0.9, 0.5, 0.1], [0.9, 0.1, 0.5], [0.5, 0.9, 0.1]])  # juniors' gains
/// >>> assert mm.pair("rank_maximal_juniors", r, np.ones((3, 3))).tolist() == [[0, 0], [1, 2], [2, 1]]  # two first choices, one second
#[pyfunction]
#[pyo3(
    signature = (
        strategy, junior_gain, senior_gain, seed = None, mask = None, junior_capacity = None,
        senior_capacity = None
    ),
    text_signature = "(strategy, junior_gain, senior_gain, seed=0, mask=None, \
                      junior_capacity=None, senior_capacity=None)"
)]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python signature: one argument per keyword"
)]
pub(super) fn pair<'py>(
    py: Python<'py>,
    strategy: &Bound<'py, PyAny>,
    junior_gain: &Bound<'py, PyAny>,
    senior_gain: &Bound<'py, PyAny>,
    seed: Option<&Bound<'py, PyAny>>,
    mask: Option<&Bound<'py, PyAny>>,
    junior_capacity: Option<&Bound<'py, PyAny>>,
    senior_capacity: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyArray2<i64>>> {
    let name: String = strategy.extract().map_err(|_| {
        type_error(format!(
            "`strategy` must be a str (one of strategies()), got {}",
            type_name(strategy)
        ))
    })?;
    let strategy = any_strategy_named(&name)?;
    let seed = seed.map(seed_of).transpose()?.unwrap_or(0);
    let gains = Gains::read(junior_gain, senior_gain, mask)?;
    let junior = capacities_of(
        junior_capacity,
        "junior_capacity",
        gains.juniors(),
        "junior",
    )?;
    let senior = capacities_of(
        senior_capacity,
        "senior_capacity",
        gains.seniors(),
        "senior",
    )?;
    let pairs = py
        .detach(|| {
            // The scores first: their size limits bound the sides the capacities are for.
            let scores = gains.into_scores()?;
            let capacities =
                Capacities::new(junior.each(scores.juniors()), senior.each(scores.seniors()))?;
            Ok::<_, mentor_match::Error>(
                strategy
                    .pair_within(&scores, &capacities, seed)?
                    .pairs()
                    .to_vec(),
            )
        })
        .map_err(value_error)?;
    pairs_array(py, &pairs)
}

/// Pairs as a `(k, 2)` int64 array.
fn pairs_array<'py>(
    py: Python<'py>,
    pairs: &[(usize, usize)],
) -> PyResult<Bound<'py, PyArray2<i64>>> {
    let flat: Vec<i64> = pairs
        .iter()
        .flat_map(|&(j, s)| [j as i64, s as i64])
        .collect();
    let array = Array2::from_shape_vec((pairs.len(), 2), flat).map_err(value_error)?;
    Ok(array.into_pyarray(py))
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
///     An agent counts in `top_k_share` when paired with one of its first k choices; at
///     least 1, as for `evaluate`.
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
pub(super) fn metrics<'py>(
    py: Python<'py>,
    junior_gain: &Bound<'py, PyAny>,
    senior_gain: &Bound<'py, PyAny>,
    pairs: &Bound<'py, PyAny>,
    top_k: Option<&Bound<'py, PyAny>>,
    mask: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // At least 1, as `evaluate` and `experiment` ask: with 0, no agent could count.
    let top_k = top_k
        .map(|k| count_of(k, "top_k", 1))
        .transpose()?
        .unwrap_or(3);
    let gains = Gains::read(junior_gain, senior_gain, mask)?;
    let pairs = index_pairs(pairs)?;
    let report: Report = py
        .detach(|| {
            let scores = gains.into_scores()?;
            let pairing = Pairing::new(&scores, pairs)?;
            let metrics = evaluation::metrics_against_optimum(&scores, 0, top_k)?;
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
/// when a strategy is left out, `unsupported` (each one left out, with `why`): with a
/// capacity above 1 the strategies without a capacitated form, and in any run, one to one
/// too, a strategy whose own instance does not fit in memory (`why` gives the size it
/// needed); the other strategies still run. With a capacity above 1 every strategy that is
/// run pairs many to many as the crate's strategy table defines under "Capacities", and its
/// `metrics` are then `pairs`, `total`, `junior_total`, `senior_total`, `coverage`,
/// `min_utility`, `gini`, `blocking_pairs`, `blocking`, `utilitarian_total`, `price`. Gains
/// reach the crate exactly: they are written in the shortest form that reads back as the
/// same float.
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
///     Gains of the wrong dtype, strategies not a list of str, a capacity not an int, a seed
///     not an int (a bool included).
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
pub(super) fn evaluate<'py>(
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
    // The capacity entries the document cannot hold, named here; the crate names the rest.
    let mut bad = Bad::default();
    let mut only_types = true;
    for (key, given) in [
        ("junior_capacity", junior_capacity),
        ("senior_capacity", senior_capacity),
    ] {
        if let Some(c) = given.filter(|c| !c.is_none()) {
            document.insert(
                key.into(),
                capacity_json(c, key, &mut bad, &mut only_types)?,
            );
        }
    }
    let evaluation = py.detach(|| {
        document.insert("junior_gain".into(), gains.rows(&gains.junior));
        document.insert("senior_gain".into(), gains.rows(&gains.senior));
        // The crate checks the gains, naming the cell, before the document is read: JSON
        // has no infinity, which would be written as `null`. Its mistakes are reported with
        // the capacities' found before.
        if let Err(e) = gains.into_scores() {
            for one in e.all() {
                bad.push(|| one.to_string());
            }
            if let mentor_match::Error::Multiple { more, .. } = e {
                bad.count(more);
            }
            return Err(value_error(bad.message()));
        }
        let text = serde_json::Value::Object(document).to_string();
        match Instance::from_json(&text) {
            Ok(instance) if bad.is_empty() => evaluation::evaluate(&instance).map_err(value_error),
            Ok(_) if only_types => Err(type_error(bad.message())),
            Ok(_) => Err(value_error(bad.message())),
            Err(e) => {
                caller_terms(&e, &mut bad);
                Err(value_error(bad.message()))
            }
        }
    })?;
    to_python(py, serde_json::to_string(&evaluation))
}

/// The reader's refusal of the document written from the caller's arguments, in their terms:
/// the line and column are in the text written here, not the caller's, so each mistake keeps
/// its place (`junior_capacity` entry 1, say) and its reason, which are what they need.
/// Each mistake is recorded in `bad`, after those found before.
fn caller_terms(e: &MatrixError, bad: &mut Bad) {
    let one = |e: &MatrixError| match e {
        MatrixError::InstanceJson { at, why, .. } if at.is_empty() => why.clone(),
        MatrixError::InstanceJson { at, why, .. } => format!("{at}: {why}"),
        e => e.to_string(),
    };
    for e in e.all() {
        bad.push(|| one(e));
    }
    if let MatrixError::Multiple { more, .. } = e {
        bad.count(*more);
    }
}
