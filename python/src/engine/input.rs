//! Reading numpy input into the engine's matrices: anything `numpy.asarray` takes, of a float,
//! integer or bool dtype, in any memory layout, copied once into the row-major buffer the
//! engine owns.
//!
//! Float dtypes become `f64` (float32 exactly; float16 and longdouble through numpy's own
//! conversion), integer and bool dtypes `i64`. The copy is made with the GIL held, so no Python
//! code changes the array while it is read; the solve that follows runs without it.

use crate::errors::{Bad, collected, type_error, value_error};
use mentor_match::MatrixError;
use mentor_match::assignment::{Matrix, Sense, SparseMatrix};
use numpy::ndarray::{ArrayView2, Axis, Ix1, Ix2};
use numpy::prelude::*;
use numpy::{Element, PyArrayDyn, PyUntypedArray};
use pyo3::exceptions::PyMemoryError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::fmt::Display;

/// A dense matrix in the engine's weight type.
pub(super) enum Dense {
    /// From a float dtype.
    Float(Matrix<f64>),
    /// From an integer or bool dtype.
    Int(Matrix<i64>),
}

impl Dense {
    /// `(rows, cols)`.
    pub(super) fn shape(&self) -> (usize, usize) {
        match self {
            Dense::Float(m) => (m.rows(), m.cols()),
            Dense::Int(m) => (m.rows(), m.cols()),
        }
    }
}

/// A sparse matrix in the engine's weight type.
pub(super) enum Sparse {
    /// From a float dtype.
    Float(SparseMatrix<f64>),
    /// From an integer or bool dtype.
    Int(SparseMatrix<i64>),
}

/// How integers that the engine would read differently from scipy are taken.
#[derive(Debug, Clone, Copy)]
pub(super) enum Ints {
    /// As the engine: `i64::MAX` (minimising) and `i64::MIN` (maximising) forbid a cell, and a
    /// `uint64` beyond `i64::MAX` is a `ValueError` naming its cell.
    Exact,
    /// As scipy, which solves every matrix in float64: when the matrix holds the engine's
    /// forbidden value for this sense, or a `uint64` beyond `i64::MAX`, it is read as float64
    /// (the values scipy sees); otherwise exactly, as `i64`.
    LikeScipy(Sense),
}

/// Weights read from numpy, row-major.
enum Values {
    Float(Vec<f64>),
    Int(Vec<i64>),
}

/// `obj` as a numpy array: itself when it is one, else `numpy.asarray(obj)`.
fn ndarray<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyUntypedArray>> {
    if let Ok(array) = obj.cast::<PyUntypedArray>() {
        return Ok(array.clone());
    }
    let numpy = obj.py().import("numpy")?;
    Ok(numpy
        .call_method1("asarray", (obj,))?
        .cast_into::<PyUntypedArray>()?)
}

/// A shape as numpy writes it: `(3,)`, `(2, 3, 4)`, `()`.
fn shape_text(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", dims.join(", "))
        }
    }
}

/// The array as `PyArray<T>`: itself when its dtype is `T`'s (native byte order) and a Rust view
/// can read it, else numpy's conversion (`astype`), which also copies an unaligned array or one
/// whose strides are not a multiple of its item size (a view into a structured array), since a
/// Rust view could not read those.
fn typed<'py, T: Element>(
    array: &Bound<'py, PyUntypedArray>,
) -> PyResult<Bound<'py, PyArrayDyn<T>>> {
    let itemsize = array.dtype().itemsize() as isize;
    let readable =
        array.is_aligned() && itemsize > 0 && array.strides().iter().all(|s| s % itemsize == 0);
    if readable && let Ok(typed) = array.cast::<PyArrayDyn<T>>() {
        return Ok(typed.clone());
    }
    let dtype = numpy::dtype::<T>(array.py());
    Ok(astype_quietly(array, dtype.into_any())?.cast_into::<PyArrayDyn<T>>()?)
}

/// numpy's `array.astype(dtype)` under `numpy.errstate(over="ignore")`: a longdouble beyond
/// float64 becomes an infinity, which the reader names itself as a `ValueError`, and numpy's
/// overflow `RuntimeWarning` must not escape to the caller (under `-W error` it would replace
/// that `ValueError`).
fn astype_quietly<'py>(
    array: &Bound<'py, PyUntypedArray>,
    dtype: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = array.py();
    let over = PyDict::new(py);
    over.set_item("over", "ignore")?;
    let quiet = py
        .import("numpy")?
        .call_method("errstate", (), Some(&over))?;
    quiet.call_method0("__enter__")?;
    let converted = array.call_method1("astype", (dtype,));
    quiet.call_method1("__exit__", (py.None(), py.None(), py.None()))?;
    converted
}

/// Calls `f` on a 2-D view of the array as `T` (a 1-D array is viewed as one row).
fn with_view<T: Element + Copy, R>(
    array: &Bound<'_, PyUntypedArray>,
    f: impl FnOnce(ArrayView2<'_, T>) -> R,
) -> PyResult<R> {
    let typed = typed::<T>(array)?;
    let readonly = typed.try_readonly().map_err(value_error)?;
    let view = readonly.as_array();
    let view = if view.ndim() == 1 {
        view.into_dimensionality::<Ix1>()
            .map_err(value_error)?
            .insert_axis(Axis(0))
    } else {
        view.into_dimensionality::<Ix2>().map_err(value_error)?
    };
    Ok(f(view))
}

/// The cells of `view` in row-major order, mapped by `f`, in a buffer reserved first (a shape
/// declared by strides can be far larger than the memory behind it).
fn row_major<T: Copy, U: Copy + Default>(
    view: ArrayView2<'_, T>,
    f: impl Fn(T) -> U,
) -> Result<Vec<U>, MatrixError> {
    let (rows, cols) = view.dim();
    let too_large = || MatrixError::TooLarge {
        what: "a copy of the matrix",
        rows,
        cols,
    };
    let len = rows.checked_mul(cols).ok_or_else(too_large)?;
    let mut out = Vec::new();
    out.try_reserve_exact(len).map_err(|_| too_large())?;
    if let Some(cells) = view.as_slice() {
        // C order: one pass in memory order.
        out.extend(cells.iter().map(|&x| f(x)));
    } else if let Some(cells) = view.t().as_slice() {
        // Fortran order: `cells` holds column after column. Copied in square tiles so that the
        // columns read and the rows written stay in cache while a tile is transposed.
        const TILE: usize = 64;
        out.resize(len, U::default());
        for c0 in (0..cols).step_by(TILE) {
            let c1 = (c0 + TILE).min(cols);
            for r0 in (0..rows).step_by(TILE) {
                let r1 = (r0 + TILE).min(rows);
                for c in c0..c1 {
                    let column = &cells[c * rows + r0..c * rows + r1];
                    for (r, &x) in (r0..r1).zip(column) {
                        out[r * cols + c] = f(x);
                    }
                }
            }
        }
    } else {
        // Any other strides (a slice with a step, a reversed axis, broadcast rows): row by row.
        for row in view.rows() {
            out.extend(row.iter().map(|&x| f(x)));
        }
    }
    Ok(out)
}

/// Why [`copied`] could not copy an array.
#[derive(Debug)]
pub(crate) enum CopyError {
    /// numpy's error reading the array as `T`: a `MemoryError` when its conversion cannot be
    /// allocated.
    Python(PyErr),
    /// The row-major buffer cannot be allocated (a shape declared through zero strides has no
    /// memory behind it): the crate's refusal, naming the shape.
    TooLarge(MatrixError),
}

impl CopyError {
    /// Whether the copy failed for want of memory: numpy's conversion or the buffer.
    pub(crate) fn cannot_allocate(&self, py: Python<'_>) -> bool {
        match self {
            CopyError::Python(e) => e.is_instance_of::<PyMemoryError>(py),
            CopyError::TooLarge(_) => true,
        }
    }
}

impl From<CopyError> for PyErr {
    /// numpy's error as it is; the buffer's refusal as a `ValueError` with its message.
    fn from(e: CopyError) -> PyErr {
        match e {
            CopyError::Python(e) => e,
            CopyError::TooLarge(e) => value_error(e),
        }
    }
}

/// Copies the array as `T` into a row-major buffer of `U` (a 1-D array as one row).
pub(crate) fn copied<T: Element + Copy, U: Copy + Default>(
    array: &Bound<'_, PyUntypedArray>,
    f: impl Fn(T) -> U,
) -> Result<Vec<U>, CopyError> {
    with_view::<T, _>(array, |view| row_major(view, f))
        .map_err(CopyError::Python)?
        .map_err(CopyError::TooLarge)
}

/// A bool array's bytes, as a uint8 view of it, to be read instead of its bools: a bool array
/// whose bytes are not 0 or 1 (a view of other data) is not a valid Rust `bool`, and numpy
/// takes any non-zero byte as true, as the reader of these bytes must.
pub(crate) fn bool_bytes<'py>(array: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyUntypedArray>> {
    Ok(array
        .call_method1("view", ("u1",))?
        .cast_into::<PyUntypedArray>()?)
}

/// Reads a 1-D or 2-D array of numbers; `what` names it in errors.
fn values(array: &Bound<'_, PyUntypedArray>, what: &str, ints: Ints) -> PyResult<Values> {
    let dtype = array.dtype();
    let exact = |v: Vec<i64>| -> PyResult<Values> {
        // Mirror scipy, which sees every integer as float64: a cell the engine would take as
        // forbidden is, for scipy, a huge but allowed cost.
        let forbidden = match ints {
            Ints::LikeScipy(Sense::Minimize) => Some(i64::MAX),
            Ints::LikeScipy(Sense::Maximize) => Some(i64::MIN),
            Ints::Exact => None,
        };
        Ok(match forbidden {
            Some(x) if v.contains(&x) => Values::Float(collected(
                v.len(),
                v.iter().map(|&x| x as f64),
                "a copy of the matrix",
            )?),
            _ => Values::Int(v),
        })
    };
    match (dtype.kind(), dtype.itemsize()) {
        (b'f', 4) => Ok(Values::Float(copied::<f32, f64>(array, f64::from)?)),
        // float64, and float16 or longdouble converted by numpy.
        (b'f', size) => {
            let v = copied::<f64, f64>(array, |x| x)?;
            if size > 8 && v.iter().any(|x| x.is_infinite()) {
                // A longdouble beyond float64 became an infinity: a forbidden pair the
                // caller never wrote.
                beyond_float64(array, what)?;
            }
            Ok(Values::Float(v))
        }
        (b'b', _) => {
            let bytes = bool_bytes(array.as_any())?;
            exact(copied::<u8, i64>(&bytes, |x| i64::from(x != 0))?)
        }
        (b'i', 1) => exact(copied::<i8, i64>(array, i64::from)?),
        (b'i', 2) => exact(copied::<i16, i64>(array, i64::from)?),
        (b'i', 4) => exact(copied::<i32, i64>(array, i64::from)?),
        (b'i', _) => exact(copied::<i64, i64>(array, |x| x)?),
        (b'u', 1) => exact(copied::<u8, i64>(array, i64::from)?),
        (b'u', 2) => exact(copied::<u16, i64>(array, i64::from)?),
        (b'u', 4) => exact(copied::<u32, i64>(array, i64::from)?),
        (b'u', _) => {
            // uint64: exact as i64 unless a value is beyond i64::MAX.
            let beyond = with_view::<u64, _>(array, |view| {
                view.indexed_iter()
                    .find(|&(_, &x)| i64::try_from(x).is_err())
                    .map(|((row, col), &x)| (row, col, x))
            })?;
            match (beyond, ints) {
                (None, _) => exact(copied::<u64, i64>(array, |x| x as i64)?),
                (Some(_), Ints::LikeScipy(_)) => {
                    Ok(Values::Float(copied::<u64, f64>(array, |x| x as f64)?))
                }
                (Some((row, col, x)), Ints::Exact) => Err(value_error(format!(
                    "{what} cell ({row}, {col}) holds {x}, beyond the int64 range the engine \
                     solves exactly (convert the matrix to float64 to solve it approximately)"
                ))),
            }
        }
        _ => Err(type_error(format!(
            "{what} has dtype {dtype}, which is not a number type: expected a float, integer \
             or bool dtype"
        ))),
    }
}

/// Every finite cell of a longdouble `array` that numpy's conversion to float64 turns into an
/// infinity, named as a `ValueError` (an infinity would forbid the pair, or be refused as a
/// wrong-signed one, though the caller wrote a number); `Ok` when there is none.
fn beyond_float64(array: &Bound<'_, PyUntypedArray>, what: &str) -> PyResult<()> {
    let numpy = array.py().import("numpy")?;
    let converted = astype_quietly(array, numpy.getattr("float64")?)?;
    let overflowed = numpy
        .call_method1("isfinite", (array,))?
        .call_method1("__and__", (numpy.call_method1("isinf", (converted,))?,))?;
    let cells = numpy.call_method1("argwhere", (overflowed,))?;
    let mut bad = Bad::default();
    for cell in cells.try_iter()? {
        let at: Vec<usize> = cell?.extract()?;
        bad.push(|| {
            let value = PyTuple::new(array.py(), &at)
                .and_then(|index| array.get_item(index))
                .and_then(|x| x.str().map(|s| s.to_string()))
                .unwrap_or_else(|_| "a number".to_owned());
            let place = match at.as_slice() {
                [k] => format!("{what}[{k}]"),
                [row, col] => format!("{what} cell ({row}, {col})"),
                _ => what.to_owned(),
            };
            format!(
                "{place} holds {value}, beyond the float64 range the engine solves in \
                 (about 1.8e308): it would read as an infinity"
            )
        });
    }
    bad.finish()
}

/// Reads a dense cost matrix.
///
/// # Errors
///
/// `ValueError` when it is not 2-D (naming the shape), holds NaN (naming the cell) or cannot be
/// copied (a shape too large); `TypeError` when its dtype is not a number type (naming it).
pub(super) fn dense(obj: &Bound<'_, PyAny>, ints: Ints) -> PyResult<Dense> {
    let array = ndarray(obj)?;
    if array.ndim() != 2 {
        return Err(value_error(format!(
            "cost matrix must be 2-D, got an array of shape {}",
            shape_text(array.shape())
        )));
    }
    let (rows, cols) = (array.shape()[0], array.shape()[1]);
    match values(&array, "cost matrix", ints)? {
        Values::Float(v) => Matrix::from_vec(rows, cols, v).map(Dense::Float),
        Values::Int(v) => Matrix::from_vec(rows, cols, v).map(Dense::Int),
    }
    .map_err(value_error)
}

/// A 1-D array, or a `ValueError` naming `what` and the shape.
fn vector<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyUntypedArray>> {
    let array = ndarray(obj)?;
    if array.ndim() != 1 {
        return Err(value_error(format!(
            "{what} must be 1-D, got an array of shape {}",
            shape_text(array.shape())
        )));
    }
    Ok(array)
}

/// The indices of a 1-D integer array, each checked non-negative: every one that is not is
/// named in `bad`, and is `None` in the list returned.
fn indices(obj: &Bound<'_, PyAny>, what: &str, bad: &mut Bad) -> PyResult<Vec<Option<usize>>> {
    fn read<T: Element + Copy + Display + TryInto<usize>>(
        array: &Bound<'_, PyUntypedArray>,
        what: &str,
        bad: &mut Bad,
    ) -> PyResult<Vec<Option<usize>>> {
        with_view::<T, _>(array, |view| {
            // Reserved first: an array declared long through a zero stride has no memory
            // behind it.
            let values = view.iter().enumerate().map(|(k, &x)| {
                let index = x.try_into().ok();
                if index.is_none() {
                    bad.push(|| format!("{what}[{k}] is {x}, which is not a valid index"));
                }
                index
            });
            collected(view.len(), values, what)
        })?
    }
    let array = vector(obj, what)?;
    if array.len() == 0 {
        // `numpy.asarray([])` is float64: an empty list is no index of any dtype.
        return Ok(Vec::new());
    }
    let dtype = array.dtype();
    match (dtype.kind(), dtype.itemsize()) {
        (b'i', 1) => read::<i8>(&array, what, bad),
        (b'i', 2) => read::<i16>(&array, what, bad),
        (b'i', 4) => read::<i32>(&array, what, bad),
        (b'i', _) => read::<i64>(&array, what, bad),
        (b'u', 1) => read::<u8>(&array, what, bad),
        (b'u', 2) => read::<u16>(&array, what, bad),
        (b'u', 4) => read::<u32>(&array, what, bad),
        (b'u', _) => read::<u64>(&array, what, bad),
        _ => Err(type_error(format!(
            "{what} has dtype {dtype}: indices must be of an integer dtype"
        ))),
    }
}

/// `(n, m)` from a Python pair of non-negative integers.
fn shape_pair(obj: &Bound<'_, PyAny>) -> PyResult<(usize, usize)> {
    obj.extract::<(usize, usize)>().map_err(|_| {
        let text = obj
            .repr()
            .map(|r| r.to_string())
            .unwrap_or_else(|_| "an object without repr".to_owned());
        value_error(format!(
            "shape must be a tuple (n, m) of two non-negative integers, got {text}"
        ))
    })
}

/// Reads a sparse matrix: an object with `.tocoo()` (scipy.sparse matrices and arrays), or a
/// tuple `(rows, cols, weights)` with `shape`.
///
/// # Errors
///
/// `ValueError` for a missing or bad `shape`, a shape that differs from the matrix's, arrays of
/// different lengths or not 1-D, negative indices (each named), and what
/// [`SparseMatrix::from_triplets`] refuses (a cell outside the shape or given twice, NaN);
/// `TypeError` for another kind of object or a dtype that is not a number type.
pub(super) fn sparse(
    matrix: &Bound<'_, PyAny>,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Sparse> {
    let (rows, cols, weights, (n, m)) = if let Ok(tuple) = matrix.cast::<PyTuple>() {
        if tuple.len() != 3 {
            return Err(value_error(format!(
                "expected a tuple (rows, cols, weights), got a tuple of {} items",
                tuple.len()
            )));
        }
        let shape = shape.ok_or_else(|| {
            value_error("shape=(n, m) is required with a tuple (rows, cols, weights)")
        })?;
        (
            tuple.get_item(0)?,
            tuple.get_item(1)?,
            tuple.get_item(2)?,
            shape_pair(shape)?,
        )
    } else if let Some(tocoo) = matrix.getattr_opt("tocoo")? {
        let coo = tocoo.call0()?;
        let own = shape_pair(&coo.getattr("shape")?)?;
        if let Some(shape) = shape {
            let given = shape_pair(shape)?;
            if given != own {
                return Err(value_error(format!(
                    "shape {given:?} differs from the sparse matrix's shape {own:?}"
                )));
            }
        }
        (
            coo.getattr("row")?,
            coo.getattr("col")?,
            coo.getattr("data")?,
            own,
        )
    } else {
        let kind = matrix.get_type().name()?;
        return Err(type_error(format!(
            "expected a scipy.sparse matrix or array (anything with .tocoo()) or a tuple \
             (rows, cols, weights), got {kind}"
        )));
    };
    let mut bad = Bad::default();
    let rows = indices(&rows, "rows", &mut bad)?;
    let cols = indices(&cols, "cols", &mut bad)?;
    let weights = vector(&weights, "weights")?;
    if rows.len() != cols.len() || rows.len() != weights.len() {
        return Err(bad.and(format!(
            "rows, cols and weights must have the same length, got {}, {} and {}",
            rows.len(),
            cols.len(),
            weights.len()
        )));
    }
    // The triplets whose indices are both valid: the crate names their mistakes after the
    // bad indices' (a NaN weight beside a negative index is named too).
    fn triplets<T>(
        rows: &[Option<usize>],
        cols: &[Option<usize>],
        w: Vec<T>,
    ) -> PyResult<Vec<(usize, usize, T)>> {
        let valid = rows
            .iter()
            .zip(cols)
            .zip(w)
            .filter_map(|((r, c), x)| Some(((*r)?, (*c)?, x)));
        collected(rows.len(), valid, "the triplets")
    }
    let built = match values(&weights, "weights", Ints::Exact)? {
        Values::Float(w) => {
            SparseMatrix::from_triplets(n, m, triplets(&rows, &cols, w)?).map(Sparse::Float)
        }
        Values::Int(w) => {
            SparseMatrix::from_triplets(n, m, triplets(&rows, &cols, w)?).map(Sparse::Int)
        }
    };
    if let Err(refused) = &built {
        for e in refused.all() {
            bad.push(|| e.to_string());
        }
        if let MatrixError::Multiple { more, .. } = refused {
            bad.count(*more);
        }
    }
    bad.finish()?;
    built.map_err(value_error)
}
