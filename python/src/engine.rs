//! The exact assignment engine from Python: `linear_sum_assignment` (a drop-in for scipy's),
//! `solve` and `solve_sparse` (the engine's own answers: forbidden pairs, the most pairs when
//! the smaller side cannot be covered, the best total alone, dual potentials) and the
//! `Assignment` class they return.
//!
//! Arrays are read once into the engine's own matrix with the GIL held (see `input`); every
//! solve then runs with the GIL released. The crate's errors become `ValueError` with its
//! message, which names the cell, row or column at fault.

use crate::errors::value_error;
use mentor_match::MatrixError;
use mentor_match::assignment::{self, Cardinality, Options, Sense, Solution, Weight};
use numpy::PyArray1;
use pyo3::prelude::*;

mod alternatives;
mod assignment_class;
mod input;

use assignment_class::{Assignment, Number};
use input::{Dense, Ints, Sparse};
pub(crate) use input::{bool_bytes, copied};

/// Adds the engine's functions and the `Assignment` class to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(linear_sum_assignment, m)?)?;
    m.add_function(wrap_pyfunction!(solve, m)?)?;
    m.add_function(wrap_pyfunction!(solve_sparse, m)?)?;
    m.add_function(wrap_pyfunction!(alternatives::k_best, m)?)?;
    m.add_function(wrap_pyfunction!(alternatives::what_if, m)?)?;
    m.add_class::<Assignment>()?;
    Ok(())
}

/// An int64 index array, as scipy returns (`intp` on 64-bit platforms).
type Indices<'py> = Bound<'py, PyArray1<i64>>;

/// The engine's options for the Python flags.
pub(super) fn options(maximize: bool, most_pairs: bool) -> Options {
    let sense = if maximize {
        Sense::Maximize
    } else {
        Sense::Minimize
    };
    let cardinality = if most_pairs {
        Cardinality::Maximum
    } else {
        Cardinality::Any
    };
    Options::new(sense).with_cardinality(cardinality)
}

/// Solve the linear sum assignment problem: a drop-in for `scipy.optimize.linear_sum_assignment`.
///
/// Same arguments, same result, same errors as scipy: `min(n, m)` pairs of least (or greatest)
/// total cost, found exactly by the mentor-match engine (shortest augmenting paths, as scipy,
/// with a Jonker-Volgenant start; integer and bool matrices in exact integer arithmetic).
///
/// Parameters
/// ----------
/// cost_matrix : array_like, shape (n, m)
///     The cost of each pair: a 2-D array (or anything `numpy.asarray` takes) of a float,
///     integer or bool dtype, in any memory order. `+inf` (`-inf` when maximising) forbids a
///     pair.
/// maximize : bool, default False
///     Find the greatest total instead of the least.
///
/// Returns
/// -------
/// row_ind, col_ind : ndarray of int64, shape (min(n, m),)
///     The assigned rows, increasing, and the column of each:
///     `cost_matrix[row_ind, col_ind].sum()` is the optimal total.
///
/// Raises
/// ------
/// ValueError
///     The matrix is not 2-D (the message gives its shape), holds NaN, `-inf` when minimising
///     or `+inf` when maximising, or a float beyond 2**1020 (the message names the cell); or
///     "cost matrix is infeasible": the forbidden cells leave no complete assignment of the
///     smaller side.
/// TypeError
///     The dtype is not a number type (object, complex, string); the message names it.
///
/// Notes
/// -----
/// Integers are solved exactly as int64; like scipy, a matrix holding int64's largest value
/// (smallest when maximising), or a uint64 beyond int64, is solved in float64 as scipy does,
/// since the engine would read that value as a forbidden pair. The GIL is released while
/// solving.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> cost = np.array([[4, 1, 3], [2, 0, 5], [3, 2, 2]])
/// >>> rows, cols = mm.linear_sum_assignment(cost)
/// >>> assert rows.tolist() == [0, 1, 2] and cols.tolist() == [1, 0, 2]
/// >>> assert cost[rows, cols].sum() == 5
#[pyfunction]
#[pyo3(
    signature = (cost_matrix, maximize = None),
    text_signature = "(cost_matrix, maximize=False)"
)]
fn linear_sum_assignment<'py>(
    py: Python<'py>,
    cost_matrix: &Bound<'py, PyAny>,
    maximize: Option<&Bound<'py, PyAny>>,
) -> PyResult<(Indices<'py>, Indices<'py>)> {
    // scipy takes any truthy value.
    let maximize = match maximize {
        Some(flag) => flag.is_truthy()?,
        None => false,
    };
    let options = options(maximize, true);
    let matrix = input::dense(cost_matrix, Ints::LikeScipy(options.sense()))?;
    let (rows, cols) = matrix.shape();
    if rows == 0 || cols == 0 {
        // Nothing to pair, and nothing to allocate however long the other side is.
        return Ok((PyArray1::zeros(py, 0, false), PyArray1::zeros(py, 0, false)));
    }
    fn pairs<T: Weight>(s: Solution<T>) -> Vec<(usize, usize)> {
        s.pairs().to_vec()
    }
    let pairs = py
        .detach(move || match matrix {
            Dense::Float(m) => assignment::solve_with(&m, options).map(pairs),
            Dense::Int(m) => assignment::solve_with(&m, options).map(pairs),
        })
        .map_err(value_error)?;
    if pairs.len() < rows.min(cols) {
        return Err(value_error("cost matrix is infeasible"));
    }
    let row_ind = PyArray1::from_iter(py, pairs.iter().map(|&(r, _)| r as i64));
    let col_ind = PyArray1::from_iter(py, pairs.iter().map(|&(_, c)| c as i64));
    Ok((row_ind, col_ind))
}

/// The solution on the Python side.
fn answer<T: Weight>(
    py: Python<'_>,
    solved: Result<Solution<T>, MatrixError>,
    shape: (usize, usize),
) -> PyResult<Assignment>
where
    T::Total: Number,
{
    Assignment::new(py, &solved.map_err(value_error)?, shape)
}

/// Solve an assignment problem exactly, with forbidden pairs and partial assignments.
///
/// Unlike `linear_sum_assignment`, an infeasible problem is not an error: with
/// `most_pairs=True` the answer has the most pairs the allowed cells permit and, among those,
/// the best total; with `most_pairs=False` it has the best total alone, staying unassigned
/// counting as 0. The answer carries the dual potentials that prove it optimal.
///
/// Parameters
/// ----------
/// cost : array_like, shape (n, m)
///     The weight of each pair, of a float, integer or bool dtype, in any memory order.
///     `+inf` forbids a pair when minimising, `-inf` when maximising; for integers, int64's
///     largest value forbids a pair when minimising and its smallest when maximising.
/// maximize : bool, default False
///     Find the greatest total instead of the least.
/// most_pairs : bool, default True
///     Pair as many rows as the allowed cells permit first; if False, the best total alone.
///
/// Returns
/// -------
/// Assignment
///     The pairs, the total (float for a float matrix, exact int for an integer or bool one),
///     the unassigned rows and columns and the potentials.
///
/// Raises
/// ------
/// ValueError
///     The matrix is not 2-D, holds NaN, `-inf` when minimising or `+inf` when maximising, a
///     float beyond 2**1020, or a uint64 beyond int64 (the message names the shape or cell);
///     or an answer's lists cannot be allocated (an empty matrix declaring 10**12 columns).
/// TypeError
///     The dtype is not a number type; the message names it.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> a = mm.solve(np.array([[1.0, np.inf], [2.0, np.inf]]))
/// >>> assert a.pairs.tolist() == [[0, 0]] and a.total == 1.0
/// >>> assert a.unassigned_rows.tolist() == [1] and a.unassigned_cols.tolist() == [1]
/// >>> b = mm.solve(np.array([[-3, 2], [4, 1]]), most_pairs=False)
/// >>> assert b.pairs.tolist() == [[0, 0]] and b.total == -3
#[pyfunction]
#[pyo3(signature = (cost, maximize = false, most_pairs = true))]
fn solve(
    py: Python<'_>,
    cost: &Bound<'_, PyAny>,
    maximize: bool,
    most_pairs: bool,
) -> PyResult<Assignment> {
    let options = options(maximize, most_pairs);
    let matrix = input::dense(cost, Ints::Exact)?;
    let shape = matrix.shape();
    match matrix {
        Dense::Float(m) => {
            let solved = py.detach(move || assignment::solve_with(&m, options));
            answer(py, solved, shape)
        }
        Dense::Int(m) => {
            let solved = py.detach(move || assignment::solve_with(&m, options));
            answer(py, solved, shape)
        }
    }
}

/// Solve an assignment problem on a sparse candidate graph: only the stored cells may be pairs.
///
/// The same optimum as `solve` on the dense matrix whose absent cells are forbidden, found on
/// adjacency lists, one connected component at a time, so a graph of millions of candidate
/// pairs among 10**5 rows and columns is solved without a dense matrix.
///
/// Parameters
/// ----------
/// matrix : scipy.sparse matrix or array, or tuple (rows, cols, weights)
///     The candidate pairs: any object with `.tocoo()` (CSR, CSC, COO, ...; explicitly stored
///     zeros are candidates), or three 1-D arrays of equal length, rows and columns of an
///     integer dtype and weights of a float, integer or bool dtype. A stored `+inf` (minimising)
///     or `-inf` (maximising) is forbidden, as an absent cell.
/// shape : tuple (n, m), optional
///     The matrix's shape: required with a tuple; with a sparse matrix, checked against its own.
/// maximize : bool, default False
///     Find the greatest total instead of the least.
/// most_pairs : bool, default True
///     Pair as many rows as the candidates permit first; if False, the best total alone.
///
/// Returns
/// -------
/// Assignment
///     As `solve`; the potentials hold on the stored cells, within each connected component.
///
/// Raises
/// ------
/// ValueError
///     A missing or bad `shape`, arrays not 1-D or of different lengths, a negative index, a
///     cell outside the shape or stored twice (the message names it: scipy keeps duplicate
///     entries of a COO matrix until `sum_duplicates()`), NaN, a wrong-signed infinity, or a
///     shape whose lists cannot be allocated.
/// TypeError
///     Another kind of `matrix`, or a dtype that is not a number type.
///
/// Examples
/// --------
/// >>> import mentor_match as mm
/// >>> a = mm.solve_sparse(([0, 0, 1, 2], [0, 1, 0, 2], [0.9, 0.4, 0.8, 0.3]), shape=(3, 3),
/// ...                     maximize=True)
/// >>> assert a.pairs.tolist() == [[0, 1], [1, 0], [2, 2]] and abs(a.total - 1.5) < 1e-12
#[pyfunction]
#[pyo3(signature = (matrix, shape = None, maximize = false, most_pairs = true))]
fn solve_sparse(
    py: Python<'_>,
    matrix: &Bound<'_, PyAny>,
    shape: Option<&Bound<'_, PyAny>>,
    maximize: bool,
    most_pairs: bool,
) -> PyResult<Assignment> {
    let options = options(maximize, most_pairs);
    match input::sparse(matrix, shape)? {
        Sparse::Float(m) => {
            let shape = (m.rows(), m.cols());
            let solved = py.detach(move || assignment::solve_sparse(&m, options));
            answer(py, solved, shape)
        }
        Sparse::Int(m) => {
            let shape = (m.rows(), m.cols());
            let solved = py.detach(move || assignment::solve_sparse(&m, options));
            answer(py, solved, shape)
        }
    }
}
