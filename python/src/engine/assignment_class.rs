//! The `Assignment` class: the engine's `Solution` as read-only numpy arrays and Python numbers.

use crate::errors::collected;
use mentor_match::assignment::{Sense, Solution, Weight};
use numpy::ndarray::Array2;
use numpy::prelude::*;
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;
use pyo3::types::PyFloat;

/// An optimal assignment, as returned by `solve` and `solve_sparse`.
///
/// Its arrays are read-only. The potentials certify the optimum: for minimisation,
/// `row_potentials[i] + col_potentials[j] <= cost[i, j]` on every allowed cell, with equality
/// on every assigned pair (`>=` when maximising). With `most_pairs=True` the assignment has the
/// most pairs the allowed cells permit and, among those, the best total; with
/// `most_pairs=False`, the best total alone, where staying unassigned counts as 0 (then
/// assigned rows and columns have potentials `<= 0` when minimising, `>= 0` when maximising,
/// and unassigned ones 0). A sparse solve's potentials hold on the stored cells, and within
/// each connected component of them.
///
/// Examples
/// --------
/// >>> import numpy as np, mentor_match as mm
/// >>> a = mm.solve(np.array([[4, 1, 3], [2, 0, 5]]))
/// >>> assert a.pairs.tolist() == [[0, 1], [1, 0]] and a.total == 3 and len(a) == 2
/// >>> assert a.unassigned_cols.tolist() == [2]
#[pyclass(frozen, module = "mentor_match", name = "Assignment")]
pub(super) struct Assignment {
    /// The assigned pairs as an int64 array of shape (k, 2): row, column; sorted by row.
    #[pyo3(get)]
    pairs: Py<PyArray2<i64>>,
    /// The sum of the assigned cells: a float for a float matrix, an exact int for an integer
    /// or bool matrix.
    #[pyo3(get)]
    total: Py<PyAny>,
    /// The rows left unassigned, increasing (int64).
    #[pyo3(get)]
    unassigned_rows: Py<PyArray1<i64>>,
    /// The columns left unassigned, increasing (int64).
    #[pyo3(get)]
    unassigned_cols: Py<PyArray1<i64>>,
    /// The dual potential of each row: float64 for a float matrix; for an integer matrix int64,
    /// or, when a row or column potential is beyond int64, an object array of exact Python
    /// ints (the engine's potentials are 128-bit integers).
    #[pyo3(get)]
    row_potentials: Py<PyAny>,
    /// The dual potential of each column, typed as `row_potentials`.
    #[pyo3(get)]
    col_potentials: Py<PyAny>,
    /// The matrix's shape `(n, m)`.
    #[pyo3(get)]
    shape: (usize, usize),
    /// Whether the total was maximised.
    #[pyo3(get)]
    maximize: bool,
    /// How many pairs.
    len: usize,
}

/// How a total or a potential crosses into Python: `f64` as float, `i128` as int.
pub(super) trait Number: Copy {
    /// The value as a Python number.
    fn scalar<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
    /// The row and column potentials as two read-only numpy arrays of one dtype.
    fn arrays<'py>(
        rows: &[Self],
        cols: &[Self],
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>;
}

impl Number for f64 {
    fn scalar<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyFloat::new(py, self).into_any())
    }

    fn arrays<'py>(
        rows: &[f64],
        cols: &[f64],
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let array = |v: &[f64], what: &str| {
            let copy = collected(v.len(), v.iter().copied(), what)?;
            read_only(PyArray1::from_vec(py, copy).into_any())
        };
        Ok((
            array(rows, "the row potentials")?,
            array(cols, "the column potentials")?,
        ))
    }
}

impl Number for i128 {
    fn scalar<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }

    fn arrays<'py>(
        rows: &[i128],
        cols: &[i128],
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        // int64 when every potential fits, as they do unless the weights span most of int64;
        // else both are object arrays of Python ints, so the two always share a dtype.
        let fits = rows.iter().chain(cols).all(|&x| i64::try_from(x).is_ok());
        let array = |v: &[i128], what: &str| -> PyResult<Bound<'py, PyAny>> {
            let array = if fits {
                PyArray1::from_vec(py, collected(v.len(), v.iter().map(|&x| x as i64), what)?)
                    .into_any()
            } else {
                let mut objects: Vec<Py<PyAny>> = collected(v.len(), None, what)?;
                for &x in v {
                    objects.push(x.into_pyobject(py)?.into_any().unbind());
                }
                PyArray1::from_vec(py, objects).into_any()
            };
            read_only(array)
        };
        Ok((
            array(rows, "the row potentials")?,
            array(cols, "the column potentials")?,
        ))
    }
}

/// The array with numpy's `writeable` flag cleared, so the frozen class stays unchanged.
fn read_only(array: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> {
    array.call_method1("setflags", (false,))?;
    Ok(array)
}

/// Indices (`what`) as a read-only int64 array.
fn index_array<'py>(
    py: Python<'py>,
    values: &[usize],
    what: &str,
) -> PyResult<Bound<'py, PyArray1<i64>>> {
    let array = PyArray1::from_vec(
        py,
        collected(values.len(), values.iter().map(|&x| x as i64), what)?,
    );
    read_only(array.clone().into_any())?;
    Ok(array)
}

/// `(row, column)` pairs as a read-only int64 array of shape (k, 2).
pub(super) fn pairs_array<'py>(
    py: Python<'py>,
    pairs: &[(usize, usize)],
) -> PyResult<Bound<'py, PyArray2<i64>>> {
    let cells = pairs.len().saturating_mul(2);
    let flat = collected(
        cells,
        pairs.iter().flat_map(|&(r, c)| [r as i64, c as i64]),
        "the pairs",
    )?;
    let array = Array2::from_shape_vec((pairs.len(), 2), flat)
        .map_err(crate::errors::value_error)?
        .into_pyarray(py);
    read_only(array.clone().into_any())?;
    Ok(array)
}

impl Assignment {
    /// The solution of a `rows x cols` matrix as Python objects.
    pub(super) fn new<T: Weight>(
        py: Python<'_>,
        solution: &Solution<T>,
        shape: (usize, usize),
    ) -> PyResult<Self>
    where
        T::Total: Number,
    {
        let pairs = solution.pairs();
        let (row_potentials, col_potentials) =
            Number::arrays(solution.row_potentials(), solution.col_potentials(), py)?;
        let pairs_array = pairs_array(py, pairs)?;
        Ok(Assignment {
            pairs: pairs_array.unbind(),
            total: solution.total().scalar(py)?.unbind(),
            unassigned_rows: index_array(py, solution.unassigned_rows(), "the unassigned rows")?
                .unbind(),
            unassigned_cols: index_array(py, solution.unassigned_cols(), "the unassigned columns")?
                .unbind(),
            row_potentials: row_potentials.unbind(),
            col_potentials: col_potentials.unbind(),
            shape,
            maximize: solution.options().sense() == Sense::Maximize,
            len: pairs.len(),
        })
    }
}

#[pymethods]
impl Assignment {
    /// The number of pairs.
    fn __len__(&self) -> usize {
        self.len
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (n, m) = self.shape;
        let total = self.total.bind(py).repr()?;
        let sense = if self.maximize {
            "maximize"
        } else {
            "minimize"
        };
        Ok(format!(
            "<Assignment of a {n} x {m} matrix ({sense}): {}, total {total}, {} and {} unassigned>",
            counted(self.len, "pair"),
            counted(self.unassigned_rows.bind(py).len(), "row"),
            counted(self.unassigned_cols.bind(py).len(), "column"),
        ))
    }
}

/// `1 pair`, `2 pairs`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
