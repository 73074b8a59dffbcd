//! The alternatives a coordinator reviews, from Python: `k_best` (the best assignments in order
//! of total) and `what_if` (the optimum after forcing or forbidding one pair).

use super::assignment_class::{Number, pairs_array};
use super::input::{self, Dense, Ints};
use super::options;
use crate::errors::value_error;
use crate::research::{count_of, whole};
use mentor_match::assignment::{self, Alternative, Change, Matrix, Options, Weight};
use mentor_match::formats::MAX_K_BEST;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The k best assignments in order of total, without repeats.
///
/// Murty's ranking (Lawler's partition, each part solved exactly by the engine only when it
/// can be among the best). Which assignments take part follows `most_pairs`: with True (the
/// default) those with the most pairs, as `solve` forms; with False every assignment, of any
/// number of pairs, the empty one included.
///
/// Parameters
/// ----------
/// cost : array_like, shape (n, m)
///     The weight of each pair, as for `solve`: `+inf` forbids a pair when minimising, `-inf`
///     when maximising (for integers, int64's largest and smallest values).
/// k : int
///     How many assignments, from 0 to 1000 (each costs up to min(n, m) + 1 solves, so a slip
///     of the keyboard is refused rather than run for hours); fewer come back when the matrix
///     has fewer.
/// maximize : bool, default False
///     Rank by the greatest total instead of the least.
/// most_pairs : bool, default True
///     Rank the assignments with the most pairs; if False, every assignment.
///
/// Returns
/// -------
/// list of (total, pairs)
///     Best first: the total (float for a float matrix, exact int for an integer or bool one)
///     and the pairs as a read-only int64 array of shape (p, 2), sorted by row.
///
/// Raises
/// ------
/// ValueError
///     As `solve`: a matrix that is not 2-D, NaN, a wrong-signed infinity, a float beyond
///     2**1020 (the message names the shape or cell); or `k` below 0 or above 1000.
/// TypeError
///     The dtype is not a number type, or `k` is not an int (a bool is not one here).
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> best = mm.k_best(np.array([[1, 2, 9], [2, 1, 9], [9, 9, 1]]), 3)
/// >>> assert [total for total, _ in best] == [3, 5, 19]
/// >>> assert best[1][1].tolist() == [[0, 1], [1, 0], [2, 2]]
#[pyfunction]
#[pyo3(signature = (cost, k, maximize = false, most_pairs = true))]
pub(super) fn k_best(
    py: Python<'_>,
    cost: &Bound<'_, PyAny>,
    k: &Bound<'_, PyAny>,
    maximize: bool,
    most_pairs: bool,
) -> PyResult<Vec<(Py<PyAny>, Py<PyAny>)>> {
    // Read here rather than by the binding, so that a mistake's message names `k` and its
    // range.
    let most = MAX_K_BEST as i128;
    let k = whole(
        k,
        "k",
        0,
        most,
        &format!("a whole number from 0 to {MAX_K_BEST}"),
    )? as usize;
    let options = options(maximize, most_pairs);
    match input::dense(cost, Ints::Exact)? {
        Dense::Float(m) => ranked(py, py.detach(move || assignment::k_best(&m, options, k))),
        Dense::Int(m) => ranked(py, py.detach(move || assignment::k_best(&m, options, k))),
    }
}

/// The k best on the Python side.
fn ranked<T: Weight>(
    py: Python<'_>,
    found: Result<Vec<Alternative<T>>, mentor_match::MatrixError>,
) -> PyResult<Vec<(Py<PyAny>, Py<PyAny>)>>
where
    T::Total: Number,
{
    found
        .map_err(value_error)?
        .iter()
        .map(|a| {
            let total = a.total().scalar(py)?.unbind();
            let pairs = pairs_array(py, a.pairs())?.into_any().unbind();
            Ok((total, pairs))
        })
        .collect()
}

/// The optimum after forcing or forbidding one pair, and what changes.
///
/// Solves `cost` (as `solve` does), then answers "pair `row` with `col`" (`pair=True`) or
/// "never pair them" (`pair=False`) from that optimum and its certificate: the exact new
/// optimum, the difference in total, and the pairs formed and broken. For float weights that
/// are not all whole numbers, on a square matrix paired completely, this is one shortest-path
/// search from the optimum's potentials instead of a second solve.
///
/// Parameters
/// ----------
/// cost : array_like, shape (n, m)
///     The weight of each pair, as for `solve`.
/// row, col : int
///     The pair asked about.
/// pair : bool, default True
///     True: the best assignment that holds the pair; False: the best one without it.
/// maximize : bool, default False
///     The greatest total instead of the least.
/// most_pairs : bool, default True
///     As for `solve`: the most pairs first (forcing a pair may cost pairs), or the best
///     total alone.
///
/// Returns
/// -------
/// dict
///     `total` and `pairs` (a read-only int64 array of shape (p, 2)) of the new optimum;
///     `difference`, its total minus the optimum's; `bound`, for `pair=True`, the best total an
///     assignment holding the pair can reach by the optimum's certificate (None otherwise);
///     `formed` and `broken`, the pairs that come and go.
///
/// Raises
/// ------
/// ValueError
///     As `solve`; or a cell outside the matrix (a negative `row` or `col` too), or
///     `pair=True` on a forbidden cell (the message names the cell or the argument).
/// TypeError
///     The dtype is not a number type, or `row` or `col` is not an int (a bool is not one
///     here).
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> gains = np.array([[9, 2, 1], [3, 8, 2], [1, 2, 7]])
/// >>> answer = mm.what_if(gains, 0, 1, maximize=True)
/// >>> assert answer["total"] == 12 and answer["difference"] == -12
/// >>> assert answer["broken"].tolist() == [[0, 0], [1, 1]]
/// >>> assert answer["bound"] >= answer["total"]
#[pyfunction]
#[pyo3(signature = (cost, row, col, pair = true, maximize = false, most_pairs = true))]
pub(super) fn what_if<'py>(
    py: Python<'py>,
    cost: &Bound<'py, PyAny>,
    row: &Bound<'py, PyAny>,
    col: &Bound<'py, PyAny>,
    pair: bool,
    maximize: bool,
    most_pairs: bool,
) -> PyResult<Bound<'py, PyDict>> {
    // Read here rather than by the binding, so that a mistake's message names the argument.
    let (row, col) = (count_of(row, "row", 0)?, count_of(col, "col", 0)?);
    let options = options(maximize, most_pairs);
    let change = if pair {
        Change::Pair { row, col }
    } else {
        Change::Never { row, col }
    };
    match input::dense(cost, Ints::Exact)? {
        Dense::Float(m) => answer(py, py.detach(move || changed(&m, options, change))),
        Dense::Int(m) => answer(py, py.detach(move || changed(&m, options, change))),
    }
}

/// The optimum of `m` and the answer to `change`.
fn changed<T: Weight>(
    m: &Matrix<T>,
    options: Options,
    change: Change,
) -> Result<assignment::WhatIf<T>, mentor_match::MatrixError> {
    let current = assignment::solve_with(m, options)?;
    assignment::what_if(m, &current, change)
}

/// The what-if answer as a dict.
fn answer<'py, T: Weight>(
    py: Python<'py>,
    found: Result<assignment::WhatIf<T>, mentor_match::MatrixError>,
) -> PyResult<Bound<'py, PyDict>>
where
    T::Total: Number,
{
    let w = found.map_err(value_error)?;
    let out = PyDict::new(py);
    out.set_item("total", w.optimum().total().scalar(py)?)?;
    out.set_item("pairs", pairs_array(py, w.optimum().pairs())?)?;
    out.set_item("difference", w.difference().scalar(py)?)?;
    match w.bound() {
        Some(b) => out.set_item("bound", b.scalar(py)?)?,
        None => out.set_item("bound", py.None())?,
    }
    out.set_item("formed", pairs_array(py, w.formed())?)?;
    out.set_item("broken", pairs_array(py, w.broken())?)?;
    Ok(out)
}
