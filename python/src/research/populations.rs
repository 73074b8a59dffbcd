//! Seeded synthetic populations: their pair scores, their roster, and experiments of the
//! strategies over many of them.

use super::convert::{count_of, json_to_python, seed_of, strategy_named, strategy_names};
use super::options::{MAX_REPEATS, population_of};
use crate::errors::value_error;
use mentor_match::experiment::{Experiment, Summary};
use mentor_match::strategy;
use numpy::IntoPyArray;
use numpy::ndarray::Array2;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

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
///     `languages` ((language, share) pairs or a dict, each language once),
///     `timezone_spread` (hours in [0, 24], or None), `junior_experience`,
///     `senior_experience` ((low, high) whole years, inclusive),
///     `idiosyncratic` (float in [0, 1], default 0: the weight of an independent uniform draw
///     blended into each gain, which makes the gains continuous and unsaturated; see the
///     crate's `Population::with_idiosyncratic`).
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
///     An unknown option, an option of the wrong type, or a seed that is not an int (a bool
///     included).
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
pub(super) fn population<'py>(
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
///     As for `population`, except `idiosyncratic` (it blends pair scores; a roster holds
///     none); and `junior_capacity`, `senior_capacity` (whole numbers, default 1; 0 takes a
///     side out): how many partners every junior, every senior may take, written as each
///     participant's `capacity` (left out where it is 1, the document's default). The people
///     drawn do not depend on them.
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
/// >>> shared = mm.population_roster(6, 2, seed=42, senior_capacity=3)
/// >>> assert [p.get("capacity", 1) for p in shared["participants"]] == [1] * 6 + [3, 3]
#[pyfunction]
#[pyo3(
    signature = (juniors, seniors, seed = None, **options),
    text_signature = "(juniors, seniors, seed=0, **options)"
)]
pub(super) fn population_roster<'py>(
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
///     Populations to draw, from 1 to 100,000.
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
///     An unknown or repeated strategy, an empty list, 0 repeats or `top_k`, more than
///     100,000 repeats, a size above the limits, a population option out of range.
/// TypeError
///     Arguments of the wrong type (a bool seed included), an unknown option.
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
pub(super) fn experiment<'py>(
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
    // 0 is the crate's error, with the other options'.
    if repeats > MAX_REPEATS {
        return Err(value_error(format!(
            "`repeats`: {repeats} is too many: at most {MAX_REPEATS} (every repeat's metrics \
             are kept)"
        )));
    }
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
            row.set_item("metric", e.metric.name())?;
            row.set_item("mean", e.mean)?;
            row.set_item("low", e.low)?;
            row.set_item("high", e.high)?;
            row.set_item("n", e.n)?;
            rows.append(row)?;
        }
    }
    Ok(rows)
}
