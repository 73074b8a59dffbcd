"""The engine from Python: `linear_sum_assignment` against scipy's, `solve` and `solve_sparse`
with their certificates, hostile input, and the GIL released while solving."""

import ast
import inspect
import itertools
import math
import pathlib
import re
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import mentor_match as mm

scipy_optimize = pytest.importorskip("scipy.optimize")
sparse = pytest.importorskip("scipy.sparse")
scipy_lsa = scipy_optimize.linear_sum_assignment

INT64_MAX = np.iinfo(np.int64).max
INT64_MIN = np.iinfo(np.int64).min

# ---------------------------------------------------------------------------------------------
# Random instances: shapes, dtypes, memory layouts, senses and forbidden cells.

DTYPES = [np.float64, np.float32, np.int64, np.int32, np.bool_]
LAYOUTS = ["C", "F", "strided", "reversed"]
N_RANDOM = 500


def layout(cost, how):
    """`cost` (same values) in the memory layout `how`."""
    if how == "C":
        return np.ascontiguousarray(cost)
    if how == "F":
        return np.asfortranarray(cost)
    n, m = cost.shape
    if how == "strided":
        # A view with steps in both axes: neither C nor Fortran contiguous.
        base = np.zeros((2 * n, 3 * m), dtype=cost.dtype)
        base[1::2, ::3] = cost
        view = base[1::2, ::3]
    else:
        # Negative strides on both axes.
        view = np.ascontiguousarray(cost[::-1, ::-1])[::-1, ::-1]
    assert not (n > 1 and m > 1 and (view.flags.c_contiguous or view.flags.f_contiguous))
    return view


def random_instance(seed):
    """(cost, maximize, unique): unique when the values are continuous, so that the optimum
    is unique with probability 1 and scipy's arrays must be matched exactly."""
    rng = np.random.default_rng(seed)
    dtype = DTYPES[seed % len(DTYPES)]
    how = LAYOUTS[(seed // len(DTYPES)) % len(LAYOUTS)]
    maximize = bool(rng.integers(2))
    shape_kind = seed % 7
    if shape_kind in (0, 1):
        n = m = int(rng.integers(1, 61))
    elif shape_kind in (2, 3):
        n = int(rng.integers(1, 45))
        m = int(rng.integers(n + 1, 61))
    elif shape_kind in (4, 5):
        m = int(rng.integers(1, 45))
        n = int(rng.integers(m + 1, 61))
    else:
        n, m = [(1, 1), (1, 7), (7, 1), (2, 2)][int(rng.integers(4))]
    unique = False
    if dtype in (np.float64, np.float32):
        if rng.random() < 0.6:
            cost = rng.random((n, m)) * 200 - 100
            unique = True
        else:
            cost = rng.integers(0, 10, (n, m)).astype(np.float64)
        if rng.random() < 0.35:
            # Forbidden cells, the way scipy accepts them; some instances become infeasible.
            density = rng.choice([0.1, 0.3, 0.7, 0.95])
            cost[rng.random((n, m)) < density] = -np.inf if maximize else np.inf
        cost = cost.astype(dtype)
    elif dtype is np.bool_:
        cost = rng.random((n, m)) < 0.5
    else:
        high = int(rng.choice([3, 1000, 10**6]))
        cost = rng.integers(-high, high, (n, m)).astype(dtype)
    return layout(cost, how), maximize, unique


def as_float(cost):
    return np.asarray(cost, dtype=np.float64)


def check_against_scipy(cost, maximize, unique, reference=None):
    """Same error or same total as scipy (on `reference`, if scipy cannot take `cost`); same
    arrays when the optimum is unique."""
    try:
        expected = scipy_lsa(cost if reference is None else reference, maximize=maximize)
    except ValueError:
        with pytest.raises(ValueError, match="infeasible"):
            mm.linear_sum_assignment(cost, maximize=maximize)
        return "infeasible"
    rows, cols = mm.linear_sum_assignment(cost, maximize=maximize)
    n, m = cost.shape
    assert rows.dtype == np.int64 and cols.dtype == np.int64
    assert rows.shape == cols.shape == (min(n, m),)
    assert np.all(np.diff(rows) > 0), "rows must be increasing"
    assert len(set(cols.tolist())) == len(cols)
    values = as_float(cost)
    total, best = values[rows, cols].sum(), values[expected].sum()
    assert np.isfinite(total), "a forbidden cell was used"
    if np.issubdtype(cost.dtype, np.floating):
        assert math.isclose(total, best, rel_tol=1e-12, abs_tol=1e-9)
    else:
        exact = np.asarray(cost, dtype=np.int64)
        assert int(exact[rows, cols].sum()) == int(exact[expected].sum())
    if unique:
        np.testing.assert_array_equal(rows, expected[0])
        np.testing.assert_array_equal(cols, expected[1])
    return "solved"


@pytest.mark.parametrize("seed", range(N_RANDOM))
def test_linear_sum_assignment_matches_scipy(seed):
    check_against_scipy(*random_instance(seed))


def test_the_random_instances_cover_every_case():
    """The corpus above does hold every dtype, layout, sense and shape kind, forbidden cells,
    infeasible instances and instances with a unique optimum."""
    seen = set()
    outcomes = {"solved": 0, "infeasible": 0}
    forbidden = unique = 0
    for seed in range(N_RANDOM):
        cost, maximize, is_unique = random_instance(seed)
        n, m = cost.shape
        shape = "square" if n == m else ("wide" if n < m else "tall")
        seen.add((cost.dtype.type, maximize, shape))
        seen.add(("layout", (seed // len(DTYPES)) % len(LAYOUTS)))
        seen.add(("1x1", (n, m) == (1, 1)))
        forbidden += bool(np.isinf(as_float(cost)).any())
        unique += is_unique
        try:
            scipy_lsa(cost, maximize=maximize)
            outcomes["solved"] += 1
        except ValueError:
            outcomes["infeasible"] += 1
    for dtype in DTYPES:
        for maximize in (False, True):
            for shape in ("square", "wide", "tall"):
                assert (np.dtype(dtype).type, maximize, shape) in seen
    assert all(("layout", k) in seen for k in range(len(LAYOUTS)))
    assert ("1x1", True) in seen
    assert forbidden >= 40 and unique >= 100
    assert outcomes["infeasible"] >= 10 and outcomes["solved"] >= 400


@pytest.mark.parametrize(
    "dtype",
    [np.int8, np.int16, np.uint8, np.uint16, np.uint32, np.uint64, np.float16, np.longdouble],
)
def test_other_number_dtypes_are_converted(dtype):
    rng = np.random.default_rng(7)
    cost = rng.integers(0, 100, (9, 12)).astype(dtype)
    # scipy refuses longdouble (no safe cast to float64): compare with it on float64.
    reference = cost.astype(np.float64)
    for maximize in (False, True):
        assert check_against_scipy(cost, maximize, False, reference) == "solved"
        assert check_against_scipy(cost.T, maximize, False, reference.T) == "solved"


@pytest.mark.parametrize("dtype", [">f8", ">f4", ">i8", ">i4", "<f8"])
def test_either_byte_order(dtype):
    cost = np.random.default_rng(3).random((8, 6)) * 100
    cost = cost.astype(dtype)
    assert check_against_scipy(cost, False, unique=dtype.endswith(("f8", "f4"))) == "solved"


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # numpy.matrix
def test_unaligned_and_odd_strided_arrays_are_read_right():
    rng = np.random.default_rng(11)
    values = rng.random((5, 7))
    # Unaligned: float64 data at an odd byte offset.
    buf = np.zeros(values.size * 8 + 1, dtype=np.uint8)
    unaligned = buf[1:].view(np.float64).reshape(values.shape)
    unaligned[...] = values
    assert not unaligned.flags.aligned
    # A field of a structured array: strides (84, 12) are not multiples of 8.
    record = np.zeros(values.shape, dtype=[("cost", "<f8"), ("tag", "<i4")])
    record["cost"] = values
    field = record["cost"]
    assert field.strides[1] % 8 != 0
    expected = scipy_lsa(values)
    for cost in (unaligned, field, field.T, np.asmatrix(values), values.tolist()):
        got = mm.linear_sum_assignment(cost)
        want = scipy_lsa(np.asarray(cost))
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])
    np.testing.assert_array_equal(mm.linear_sum_assignment(field)[1], expected[1])


def test_bool_views_of_other_bytes_count_as_true():
    cost = np.array([[2, 0, 0], [0, 0, 7], [0, 0, 0]], dtype=np.uint8).view(np.bool_)
    for maximize in (False, True):
        rows, cols = mm.linear_sum_assignment(cost, maximize=maximize)
        exp_rows, exp_cols = scipy_lsa(cost, maximize=maximize)
        assert cost[rows, cols].sum() == cost[exp_rows, exp_cols].sum()
    assert mm.solve(cost, maximize=True).total == 2


def test_integers_at_the_engines_sentinels_are_solved_as_scipy_does():
    # scipy sees int64 extremes as float64 numbers, where the engine would read int64's
    # largest value (minimising) as a forbidden pair: the drop-in follows scipy.
    cost = np.array([[INT64_MAX, 0], [INT64_MAX, INT64_MAX]], dtype=np.int64)
    rows, cols = mm.linear_sum_assignment(cost)
    np.testing.assert_array_equal(cols, scipy_lsa(cost)[1])
    maxi = np.array([[INT64_MIN, 5], [INT64_MIN, INT64_MIN]], dtype=np.int64)
    np.testing.assert_array_equal(
        mm.linear_sum_assignment(maxi, maximize=True)[1], scipy_lsa(maxi, maximize=True)[1]
    )
    huge = np.array([[2**64 - 1, 1], [3, 2**63 + 5]], dtype=np.uint64)
    for maximize in (False, True):
        np.testing.assert_array_equal(
            mm.linear_sum_assignment(huge, maximize=maximize)[1],
            scipy_lsa(huge, maximize=maximize)[1],
        )
    # `solve` keeps the engine's meaning, documented: int64's largest value forbids a pair.
    assert mm.solve(cost).pairs.tolist() == [[0, 1]]
    with pytest.raises(ValueError, match=r"cell \(0, 0\).*beyond the int64"):
        mm.solve(huge)


def test_maximize_takes_any_truthy_value_as_scipy():
    cost = np.array([[1, 2], [3, 9]])
    for flag in (1, np.bool_(True), "yes"):
        np.testing.assert_array_equal(
            mm.linear_sum_assignment(cost, flag)[1], scipy_lsa(cost, maximize=True)[1]
        )
    np.testing.assert_array_equal(mm.linear_sum_assignment(cost, 0)[1], [1, 0])


@pytest.mark.parametrize("shape", [(0, 0), (0, 5), (5, 0)])
@pytest.mark.parametrize("dtype", [np.float64, np.int32, np.bool_])
def test_empty_shapes(shape, dtype):
    cost = np.zeros(shape, dtype=dtype)
    rows, cols = mm.linear_sum_assignment(cost)
    expected = scipy_lsa(cost)
    assert rows.dtype == cols.dtype == np.int64
    assert rows.shape == cols.shape == (0,) == expected[0].shape
    a = mm.solve(cost)
    assert a.pairs.shape == (0, 2) and len(a) == 0
    assert a.unassigned_rows.tolist() == list(range(shape[0]))
    assert a.unassigned_cols.tolist() == list(range(shape[1]))
    assert a.total == 0 and type(a.total) is (float if dtype is np.float64 else int)


def test_infeasible_is_a_value_error_as_scipy():
    for cost, maximize in [
        (np.array([[1.0, np.inf], [2.0, np.inf]]), False),
        (np.array([[np.inf, np.inf, np.inf], [1.0, 2.0, 3.0]]), False),
        (np.array([[-np.inf], [-np.inf]]), True),
    ]:
        with pytest.raises(ValueError, match="cost matrix is infeasible"):
            scipy_lsa(cost, maximize=maximize)
        with pytest.raises(ValueError, match="^cost matrix is infeasible$"):
            mm.linear_sum_assignment(cost, maximize=maximize)


# ---------------------------------------------------------------------------------------------
# Hostile input: errors, never a crash.


@pytest.mark.parametrize(
    "cost, message",
    [
        (np.array([[0.0, 1.0, 2.0], [3.0, 4.0, np.nan]]), r"cell \(1, 2\) holds NaN"),
        (np.array([[0.0, -np.inf], [1.0, 2.0]]), r"cell \(0, 1\) holds -inf"),
        (np.zeros(3), r"2-D, got an array of shape \(3,\)"),
        (np.zeros((2, 3, 4)), r"2-D, got an array of shape \(2, 3, 4\)"),
        (np.float64(3.0), r"2-D, got an array of shape \(\)"),
        ([[1.0, 2.0], [3.0]], None),  # ragged: numpy refuses it
    ],
)
def test_bad_values_are_value_errors(cost, message):
    with pytest.raises(ValueError, match=message):
        mm.linear_sum_assignment(cost)
    with pytest.raises(ValueError, match=message):
        mm.solve(cost)


def test_wrong_signed_infinity_when_maximising():
    cost = np.array([[1.0, np.inf]])
    with pytest.raises(ValueError, match=r"cell \(0, 1\) holds inf"):
        mm.linear_sum_assignment(cost, maximize=True)
    with pytest.raises(ValueError):
        scipy_lsa(cost, maximize=True)


@pytest.mark.parametrize(
    "cost, dtype_name",
    [
        (np.array([[1, None]], dtype=object), "object"),
        (np.array([[1 + 2j, 0]]), "complex128"),
        (np.array([["a", "b"]]), "<U1"),
        (np.array([[b"a"]]), r"\|S1"),
        (np.array([["2020-01-01"]], dtype="datetime64[D]"), "datetime64"),
        (np.zeros((2, 2), dtype=[("a", "<f8")]), r"\[\('a'"),
    ],
)
def test_bad_dtypes_are_type_errors(cost, dtype_name):
    with pytest.raises(TypeError, match=dtype_name):
        mm.linear_sum_assignment(cost)
    with pytest.raises(TypeError, match=dtype_name):
        mm.solve(cost)


def test_huge_declared_shapes_allocate_nothing():
    # Empty, with a side of 2**59: nothing to pair for scipy's function; `solve` would have to
    # list every unassigned column, which the crate refuses before allocating.
    empty = np.empty((0, 2**59))
    rows, cols = mm.linear_sum_assignment(empty)
    assert rows.shape == cols.shape == (0,)
    with pytest.raises(ValueError, match="needs more memory than can be allocated"):
        mm.solve(empty)
    with pytest.raises(ValueError, match="needs more memory than can be allocated"):
        mm.solve(empty.T, maximize=True)
    # One float declared as 2**25 x 2**25 cells through zero strides: 2**53 bytes to copy.
    one = np.zeros(1)
    huge = np.lib.stride_tricks.as_strided(one, shape=(2**25, 2**25), strides=(0, 0))
    for call in (mm.linear_sum_assignment, mm.solve):
        with pytest.raises(ValueError, match="needs more memory than can be allocated"):
            call(huge)
    with pytest.raises(ValueError, match="needs more memory than can be allocated"):
        mm.solve_sparse(([], [], []), shape=(10**12, 10**12))
    with pytest.raises(ValueError, match="shape must be"):
        mm.solve_sparse(([], [], []), shape=(10**30, 1))
    with pytest.raises(ValueError, match="shape must be"):
        mm.solve_sparse(([], [], []), shape=(-1, 1))


def test_broadcast_rows_are_read_by_their_strides():
    row = np.array([3.0, 1.0, 2.0])
    cost = np.broadcast_to(row, (3, 3)) + np.eye(3) * 0  # a copy
    view = np.broadcast_to(row, (2, 3))  # stride 0 on the rows: a read-only view
    np.testing.assert_array_equal(mm.linear_sum_assignment(view)[0], scipy_lsa(view)[0])
    assert mm.solve(view).total == scipy_lsa_total(view) == 3.0
    assert mm.solve(cost).total == 6.0


def scipy_lsa_total(cost, maximize=False):
    rows, cols = scipy_lsa(cost, maximize=maximize)
    return as_float(cost)[rows, cols].sum()


# ---------------------------------------------------------------------------------------------
# `solve`: the assignment, its total and its certificate.


def allowed_cells(cost, maximize):
    """Where a pair may be formed: finite floats; integers other than the engine's sentinel."""
    if np.issubdtype(cost.dtype, np.floating):
        return np.isfinite(cost)
    sentinel = INT64_MIN if maximize else INT64_MAX
    return np.asarray(cost, dtype=np.int64) != sentinel


def check_certificate(cost, a, maximize, most_pairs):
    """The potentials prove the answer optimal (the crate's convention, mirrored when
    maximising): u[i] + v[j] <= c[i, j] on allowed cells, equal on the pairs; with
    `most_pairs=False`, assigned potentials <= 0 and unassigned ones 0."""
    n, m = cost.shape
    sign = -1 if maximize else 1
    allowed = allowed_cells(cost, maximize)
    pairs = a.pairs
    assert a.pairs.dtype == np.int64 and a.pairs.shape == (len(a), 2)
    assert np.all(np.diff(pairs[:, 0]) > 0)
    assert len(set(pairs[:, 1].tolist())) == len(a)
    assert np.all(allowed[pairs[:, 0], pairs[:, 1]]) if len(a) else True
    assert sorted(a.unassigned_rows.tolist() + pairs[:, 0].tolist()) == list(range(n))
    assert sorted(a.unassigned_cols.tolist() + pairs[:, 1].tolist()) == list(range(m))
    if np.issubdtype(cost.dtype, np.floating):
        c = as_float(cost)
        u, v = a.row_potentials, a.col_potentials
        assert u.dtype == v.dtype == np.float64
        scale = 1.0 + np.abs(np.where(allowed, c, 0)).max(initial=0)
        tol = 1e-9 * scale
        total = c[pairs[:, 0], pairs[:, 1]].sum()
        assert type(a.total) is float and math.isclose(a.total, total, abs_tol=tol)
    else:
        # Exact, in Python ints.
        c = np.asarray(cost, dtype=np.int64).astype(object)
        u = np.array(a.row_potentials.tolist(), dtype=object)
        v = np.array(a.col_potentials.tolist(), dtype=object)
        assert a.row_potentials.dtype == a.col_potentials.dtype
        assert a.row_potentials.dtype in (np.int64, object)
        tol = 0
        total = sum(int(c[i, j]) for i, j in pairs.tolist())
        assert type(a.total) is int and a.total == total
    assert u.shape == (n,) and v.shape == (m,)
    for i in range(n):
        for j in range(m):
            if allowed[i, j]:
                assert sign * (c[i, j] - u[i] - v[j]) >= -tol, (i, j)
    for i, j in pairs.tolist():
        assert abs(c[i, j] - u[i] - v[j]) <= tol, (i, j)
    if not most_pairs:
        for i in a.unassigned_rows.tolist():
            assert u[i] == 0
        for j in a.unassigned_cols.tolist():
            assert v[j] == 0
        for i, j in pairs.tolist():
            assert sign * u[i] <= tol and sign * v[j] <= tol


@pytest.mark.parametrize("seed", range(60))
def test_solve_is_optimal_and_certified(seed):
    cost, maximize, unique = random_instance(seed)
    for most_pairs in (True, False):
        a = mm.solve(cost, maximize=maximize, most_pairs=most_pairs)
        check_certificate(cost, a, maximize, most_pairs)
    a = mm.solve(cost, maximize=maximize)
    try:
        rows, cols = scipy_lsa(cost, maximize=maximize)
    except ValueError:
        assert len(a) < min(cost.shape)  # the most pairs, instead of an error
        return
    assert len(a) == min(cost.shape)
    best = as_float(cost)[rows, cols].sum()
    assert math.isclose(float(a.total), best, rel_tol=1e-12, abs_tol=1e-9)
    if unique:
        assert a.pairs.tolist() == np.column_stack([rows, cols]).tolist()


def brute_force(cost, maximize, most_pairs):
    """(pairs, total) of the best partial assignment: the most pairs first if `most_pairs`;
    staying unassigned counts as 0."""
    n, m = cost.shape
    allowed = allowed_cells(cost, maximize)
    sign = -1 if maximize else 1
    best = None

    def visit(i, used, count, total):
        nonlocal best
        if i == n:
            key = (-count if most_pairs else 0, sign * total)
            if best is None or key < best[0]:
                best = (key, count, total)
            return
        visit(i + 1, used, count, total)
        for j in range(m):
            if j not in used and allowed[i, j]:
                visit(i + 1, used | {j}, count + 1, total + cost[i, j].item())

    visit(0, frozenset(), 0, 0)
    return best[1], best[2]


@pytest.mark.parametrize("seed", range(150))
def test_solve_matches_brute_force_on_tiny_matrices(seed):
    rng = np.random.default_rng(10_000 + seed)
    n, m = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    maximize = bool(seed % 2)
    if seed % 3 == 0:
        cost = rng.integers(-5, 6, (n, m)).astype(np.int64)
        cost[rng.random((n, m)) < 0.25] = INT64_MIN if maximize else INT64_MAX
    else:
        cost = np.round(rng.random((n, m)) * 10 - 5, 2)
        cost[rng.random((n, m)) < 0.3] = -np.inf if maximize else np.inf
    for most_pairs in (True, False):
        a = mm.solve(cost, maximize=maximize, most_pairs=most_pairs)
        count, total = brute_force(cost, maximize, most_pairs)
        assert math.isclose(a.total, total, abs_tol=1e-9), (most_pairs, a, total)
        if most_pairs:
            assert len(a) == count
        check_certificate(cost, a, maximize, most_pairs)


def test_solve_readme_examples_and_partial_answers():
    a = mm.solve(np.array([[1.0, np.inf], [2.0, np.inf]]))
    assert a.pairs.tolist() == [[0, 0]] and a.total == 1.0
    assert a.unassigned_rows.tolist() == [1] and a.unassigned_cols.tolist() == [1]
    # The best total alone: pairing only the row that pays.
    b = mm.solve(np.array([[-3, 2], [4, 1]]), most_pairs=False)
    assert b.pairs.tolist() == [[0, 0]] and b.total == -3
    c = mm.solve(np.array([[1.0, -np.inf], [0.25, -0.5]]), maximize=True)
    assert len(c) == 2 and c.total == 0.5
    d = mm.solve(np.array([[1.0, -np.inf], [0.25, -0.5]]), maximize=True, most_pairs=False)
    assert d.pairs.tolist() == [[0, 0]] and d.total == 1.0


def test_integer_totals_and_potentials_are_exact_beyond_int64():
    big = INT64_MAX - 1
    cost = np.array([[big, big], [big, big]], dtype=np.int64)
    a = mm.solve(cost, maximize=True)
    assert a.total == 2 * big and type(a.total) is int  # beyond int64, exact
    check_certificate(cost, a, True, True)
    spread = np.array([[big, -big], [-big, big]], dtype=np.int64)
    s = mm.solve(spread)
    assert s.total == -2 * big
    assert s.row_potentials.dtype == s.col_potentials.dtype == object
    check_certificate(spread, s, False, True)


def test_assignment_is_read_only():
    a = mm.solve(np.array([[4.0, 1.0], [2.0, 0.0]]))
    for name in ("pairs", "unassigned_rows", "unassigned_cols", "row_potentials", "col_potentials"):
        array = getattr(a, name)
        assert not array.flags.writeable
        with pytest.raises(ValueError):
            array[...] = 0
    with pytest.raises(AttributeError):
        a.total = 0.0
    assert a.shape == (2, 2) and a.maximize is False
    assert len(a) == 2
    assert repr(a) == (
        "<Assignment of a 2 x 2 matrix (minimize): 2 pairs, total 3.0, 0 rows and 0 columns "
        "unassigned>"
    )
    one = mm.solve(np.array([[1, 2]]), maximize=True)
    assert repr(one) == (
        "<Assignment of a 1 x 2 matrix (maximize): 1 pair, total 2, 0 rows and 1 column "
        "unassigned>"
    )
    assert isinstance(a, mm.Assignment)


def test_docstrings_say_arguments_returns_raises_and_examples():
    for f in (mm.linear_sum_assignment, mm.solve, mm.solve_sparse, mm.k_best, mm.what_if):
        for section in ("Parameters", "Returns", "Raises", "Examples", ">>>"):
            assert section in f.__doc__, (f.__name__, section)
    assert mm.linear_sum_assignment.__text_signature__ == "(cost_matrix, maximize=False)"
    assert ">>>" in mm.Assignment.__doc__


STUBS = pathlib.Path(__file__).resolve().parents[1] / "mentor_match.pyi"


def test_the_stubs_match_the_module():
    """Every function of the module is in the stubs with the runtime's parameters and
    defaults; the class's properties are the runtime's attributes."""
    tree = ast.parse(STUBS.read_text(encoding="utf-8"))
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    public = {n for n in dir(mm) if not n.startswith("_")
              and callable(getattr(mm, n)) and not isinstance(getattr(mm, n), type)}
    assert set(functions) == public
    for name, stub in functions.items():
        runtime = inspect.signature(getattr(mm, name))
        args = stub.args
        defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
        literal = lambda d: None if d is None else ast.literal_eval(d)
        stubbed = [(a.arg, literal(d)) for a, d in zip(args.args, defaults)]
        params = runtime.parameters.values()
        # `**options` at runtime: the stubs spell each option out as a keyword. Without it,
        # the stubs' keyword-only parameters are the runtime's own.
        takes_options = any(p.kind == p.VAR_KEYWORD for p in params)
        if takes_options:
            assert args.kwonlyargs or args.kwarg, name
        else:
            assert not args.kwarg, name
            stubbed += [(a.arg, literal(d)) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
        actual = [(p.name, None if p.default is inspect.Parameter.empty else p.default)
                  for p in params if p.kind != p.VAR_KEYWORD]
        assert stubbed == actual, name
        keyword_only = [p.name for p in params if p.kind == p.KEYWORD_ONLY]
        assert keyword_only == ([] if takes_options else [a.arg for a in args.kwonlyargs]), name
    (cls,) = [c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == "Assignment"]
    properties = {f.name for f in cls.body if isinstance(f, ast.FunctionDef)
                  and any(getattr(d, "id", None) == "property" for d in f.decorator_list)}
    public = {n for n in dir(mm.Assignment) if not n.startswith("_")}
    assert properties == public


def run_doc_examples(obj):
    """Runs the `>>>` lines of a docstring (each line a statement, `...` continuing it)."""
    source = []
    for line in obj.__doc__.splitlines():
        stripped = line.strip()
        if stripped.startswith(">>> "):
            source.append(stripped[4:])
        elif stripped.startswith("... "):
            source[-1] += "\n" + stripped[4:]
    exec("\n".join(source), {})


@pytest.mark.parametrize(
    "name", ["linear_sum_assignment", "solve", "solve_sparse", "Assignment", "k_best", "what_if"]
)
def test_docstring_examples_run(name):
    run_doc_examples(getattr(mm, name))


# ---------------------------------------------------------------------------------------------
# `solve_sparse`: the dense answer with absent cells forbidden.


def random_sparse(seed):
    rng = np.random.default_rng(20_000 + seed)
    n, m = int(rng.integers(1, 31)), int(rng.integers(1, 31))
    density = float(rng.choice([0.05, 0.2, 0.5, 1.0]))
    k = max(1, int(density * n * m))
    flat = rng.choice(n * m, size=k, replace=False)
    rows, cols = flat // m, flat % m
    if seed % 4 == 3:
        weights = rng.integers(-50, 50, k).astype(np.int64)
    else:
        weights = rng.random(k) * 10 - 5
    return n, m, rows, cols, weights


def densify(n, m, rows, cols, weights, maximize):
    if np.issubdtype(weights.dtype, np.floating):
        dense = np.full((n, m), -np.inf if maximize else np.inf)
    else:
        dense = np.full((n, m), INT64_MIN if maximize else INT64_MAX, dtype=np.int64)
    dense[rows, cols] = weights
    return dense


@pytest.mark.parametrize("seed", range(60))
def test_solve_sparse_equals_solve_on_the_dense_matrix(seed):
    n, m, rows, cols, weights = random_sparse(seed)
    coo = sparse.coo_matrix((weights, (rows, cols)), shape=(n, m))
    inputs = {
        "coo": coo,
        "csr": coo.tocsr(),
        "csc": coo.tocsc(),
        "csr_array": sparse.csr_array(coo),
        "triplets": (rows, cols, weights),
        "lists": (rows.tolist(), cols.tolist(), weights.tolist()),
        "int32 indices": (rows.astype(np.int32), cols.astype(np.uint16), weights),
    }
    # Random floats have a unique optimum: the same pairs; integers tie: the same total.
    unique = np.issubdtype(weights.dtype, np.floating)
    for maximize, most_pairs in itertools.product((False, True), (True, False)):
        dense = densify(n, m, rows, cols, weights, maximize)
        want = mm.solve(dense, maximize=maximize, most_pairs=most_pairs)
        for name, matrix in inputs.items():
            shape = (n, m) if isinstance(matrix, tuple) else None
            got = mm.solve_sparse(matrix, shape=shape, maximize=maximize, most_pairs=most_pairs)
            assert got.shape == (n, m)
            if unique:
                assert got.pairs.tolist() == want.pairs.tolist(), name
                assert got.unassigned_rows.tolist() == want.unassigned_rows.tolist()
                assert got.unassigned_cols.tolist() == want.unassigned_cols.tolist()
            if most_pairs:
                assert len(got) == len(want), name
            assert type(got.total) is type(want.total)
            assert math.isclose(got.total, want.total, rel_tol=1e-12, abs_tol=1e-9), name
            check_certificate(dense, got, maximize, most_pairs)


def test_solve_sparse_explicit_zeros_are_candidates_and_bools_are_ints():
    csr = sparse.csr_matrix((np.array([0.0, 0.0]), np.array([1, 0]), np.array([0, 1, 2])),
                            shape=(2, 2))
    assert csr.nnz == 2
    a = mm.solve_sparse(csr)
    assert a.pairs.tolist() == [[0, 1], [1, 0]] and a.total == 0.0
    b = mm.solve_sparse(([0, 1], [0, 1], np.array([True, False])), shape=(2, 2), maximize=True)
    assert b.total == 1 and type(b.total) is int and len(b) == 2
    # A stored +inf is forbidden as an absent cell.
    c = mm.solve_sparse(([0, 0], [0, 1], [np.inf, 2.0]), shape=(1, 2))
    assert c.pairs.tolist() == [[0, 1]] and c.total == 2.0


def test_solve_sparse_bad_input():
    coo = sparse.coo_matrix(([1.0, 2.0], ([0, 0], [1, 1])), shape=(2, 2))  # (0, 1) twice
    with pytest.raises(ValueError, match=r"cell \(0, 1\) is not valid: it is given more than once"):
        mm.solve_sparse(coo)
    with pytest.raises(ValueError, match="shape=.* is required"):
        mm.solve_sparse(([0], [0], [1.0]))
    with pytest.raises(ValueError, match="differs from the sparse matrix's shape"):
        mm.solve_sparse(sparse.eye(3).tocsr(), shape=(3, 4))
    with pytest.raises(ValueError, match=r"cell \(0, 5\) is not valid: it lies outside"):
        mm.solve_sparse(([0], [5], [1.0]), shape=(2, 2))
    with pytest.raises(ValueError, match=r"rows\[1\] is -1"):
        mm.solve_sparse(([0, -1], [0, 0], [1.0, 2.0]), shape=(2, 2))
    # Every bad index is named, then every bad cell: one error lists them all.
    with pytest.raises(ValueError, match=r"^2 mistakes found:\n- rows\[1\] is -1, .*\n- cols\[0\] is -2, "):
        mm.solve_sparse(([0, -1], [-2, 0], [1.0, 2.0]), shape=(2, 2))
    with pytest.raises(ValueError, match=r"(?s)^3 mistakes found:.*\(0, 5\).*\(1, 1\) holds NaN.*\(1, 1\) is not valid: it is given more than once"):
        mm.solve_sparse(([0, 1, 1], [5, 1, 1], [1.0, np.nan, 2.0]), shape=(2, 2))
    # A bad index and a NaN weight in another triplet: both named.
    with pytest.raises(ValueError, match=r"^2 mistakes found:\n- rows\[0\] is -1, which is not a valid index\n- matrix cell \(1, 1\) holds NaN"):
        mm.solve_sparse(([-1, 1], [0, 1], [1.0, np.nan]), shape=(2, 2))
    # A bad index and arrays of different lengths: both named.
    with pytest.raises(ValueError, match=r"^2 mistakes found:\n- rows\[0\] is -1, .*\n- rows, cols and weights must have the same length, got 2, 1 and 2$"):
        mm.solve_sparse(([-1, 1], [0], [1.0, 2.0]), shape=(2, 2))
    with pytest.raises(ValueError, match="same length, got 2, 1 and 2"):
        mm.solve_sparse(([0, 1], [0], [1.0, 2.0]), shape=(2, 2))
    with pytest.raises(ValueError, match=r"weights must be 1-D, got an array of shape \(1, 2\)"):
        mm.solve_sparse(([0, 1], [0, 1], [[1.0, 2.0]]), shape=(2, 2))
    with pytest.raises(ValueError, match="holds NaN"):
        mm.solve_sparse(([0], [0], [np.nan]), shape=(1, 1))
    with pytest.raises(ValueError, match="tuple of 2 items"):
        mm.solve_sparse(([0], [0]), shape=(1, 1))
    with pytest.raises(TypeError, match="got list"):
        mm.solve_sparse([[0], [0], [1.0]], shape=(1, 1))
    with pytest.raises(TypeError, match="indices must be of an integer dtype"):
        mm.solve_sparse(([0.5], [0], [1.0]), shape=(1, 1))
    with pytest.raises(TypeError, match="complex128"):
        mm.solve_sparse(([0], [0], [1j]), shape=(1, 1))
    empty = mm.solve_sparse(([], [], []), shape=(2, 3))
    assert len(empty) == 0 and empty.unassigned_cols.tolist() == [0, 1, 2]


# ---------------------------------------------------------------------------------------------
# Threads: the GIL is released while solving.


def test_two_threads_solve_at_once_and_get_the_right_answers():
    rng = np.random.default_rng(5)
    costs = [rng.random((300, 400)), rng.integers(0, 50, (350, 300))]
    expected = [scipy_lsa(c) for c in costs]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(3):
            got = list(pool.map(mm.linear_sum_assignment, costs))
            # The float matrix has a unique optimum; the integer one ties, so its total.
            assert got[0][1].tolist() == expected[0][1].tolist()
            for (rows, cols), (exp_rows, exp_cols), cost in zip(got, expected, costs):
                assert rows.shape == exp_rows.shape
                assert math.isclose(cost[rows, cols].sum(), cost[exp_rows, exp_cols].sum())
            totals = list(pool.map(lambda c: mm.solve(c).total, costs))
            assert math.isclose(totals[0], costs[0][expected[0]].sum(), rel_tol=1e-12)
            assert totals[1] == int(costs[1][expected[1]].sum())


def big_sparse():
    rng = np.random.default_rng(9)
    n, k = 40_000, 400_000
    coo = sparse.coo_matrix((rng.random(k), (rng.integers(0, n, k), rng.integers(0, n, k))),
                            shape=(n, n)).tocsr()
    coo.sum_duplicates()
    return coo


def ticks_in_the_middle_of(call, matrix):
    """Runs `call` on `matrix` while another thread ticks; the ticks in the middle half of the
    call, and how long it took."""
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        time.sleep(0.02)
        start = time.perf_counter()
        getattr(mm, call)(matrix)
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    quarter = (end - start) / 4
    return [t for t in ticks if start + quarter < t < end - quarter], end - start


@pytest.mark.parametrize("call", ["linear_sum_assignment", "solve", "solve_sparse"])
def test_the_gil_is_released_while_solving(call):
    """While one thread solves, another runs Python: some of its ticks fall in the middle half
    of the call, which is impossible if the call held the GIL throughout. Up to three tries:
    on two cores busy with the solve's own threads, the ticking thread once went unscheduled
    for the whole middle of a 0.23 s call; a call that held the GIL would fail every try."""
    if call == "solve_sparse":
        matrix = big_sparse()
    else:
        matrix = np.random.default_rng(2).random((2500, 2500))
    took = []
    for _ in range(3):
        middle, seconds = ticks_in_the_middle_of(call, matrix)
        if middle:
            return
        took.append(f"{seconds:.3f} s")
    pytest.fail(f"no tick in the middle of any call ({', '.join(took)})")


# ---------------------------------------------------------------------------------------------
# `k_best` and `what_if`: against every matching of small matrices.


def every_matching(cost, forbidden):
    """Every matching of the allowed cells of `cost`, as sorted lists of (row, col)."""
    n, m = cost.shape
    out = []

    def go(row, used, pairs):
        if row == n:
            out.append(list(pairs))
            return
        go(row + 1, used, pairs)
        for c in range(m):
            if c not in used and not forbidden[row, c]:
                go(row + 1, used | {c}, pairs + [(row, c)])

    go(0, frozenset(), [])
    return out


def ranked_by_brute_force(cost, forbidden, maximize, most_pairs, keep=lambda p: True):
    everything = [p for p in every_matching(cost, forbidden) if keep(p)]
    most = max(len(p) for p in everything)
    if most_pairs:
        everything = [p for p in everything if len(p) == most]
    totals = sorted((sum(cost[r, c] for r, c in p) for p in everything), reverse=maximize)
    return totals, everything


def small_instance(seed):
    rng = np.random.default_rng(40_000 + seed)
    n, m = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    cost = rng.integers(-3, 6, (n, m)).astype(np.int64)
    forbidden = rng.random((n, m)) < 0.2
    maximize = bool(seed % 2)
    marked = cost.copy()
    marked[forbidden] = INT64_MIN if maximize else INT64_MAX
    return cost, forbidden, marked, maximize, bool((seed // 2) % 2)


@pytest.mark.parametrize("seed", range(60))
def test_k_best_matches_brute_force(seed):
    cost, forbidden, marked, maximize, most_pairs = small_instance(seed)
    totals, _ = ranked_by_brute_force(cost, forbidden, maximize, most_pairs)
    k = len(totals) + 2
    best = mm.k_best(marked, k, maximize=maximize, most_pairs=most_pairs)
    assert [t for t, _ in best] == totals
    seen = set()
    for total, pairs in best:
        assert isinstance(total, int) and pairs.dtype == np.int64 and pairs.shape[1:] == (2,)
        key = tuple(map(tuple, pairs.tolist()))
        assert key not in seen
        seen.add(key)
        assert total == sum(int(cost[r, c]) for r, c in key)
        assert not any(forbidden[r, c] for r, c in key)
    # Floats give float totals.
    as_float = np.where(forbidden, -np.inf if maximize else np.inf, cost.astype(np.float64))
    float_totals = [t for t, _ in mm.k_best(as_float, 3, maximize, most_pairs)]
    assert float_totals == [float(t) for t in totals[:3]]


@pytest.mark.parametrize("seed", range(60))
def test_what_if_matches_brute_force(seed):
    cost, forbidden, marked, maximize, most_pairs = small_instance(seed)
    rng = np.random.default_rng(seed)
    row, col = int(rng.integers(cost.shape[0])), int(rng.integers(cost.shape[1]))
    pair = bool(rng.integers(2))
    if pair and forbidden[row, col]:
        with pytest.raises(ValueError, match=r"forbidden"):
            mm.what_if(marked, row, col, pair=pair, maximize=maximize, most_pairs=most_pairs)
        return
    answer = mm.what_if(marked, row, col, pair=pair, maximize=maximize, most_pairs=most_pairs)
    holds = (lambda p: (row, col) in p) if pair else (lambda p: (row, col) not in p)
    totals, _ = ranked_by_brute_force(cost, forbidden, maximize, most_pairs, keep=holds)
    assert answer["total"] == totals[0]
    new = set(map(tuple, answer["pairs"].tolist()))
    assert ((row, col) in new) == pair
    current = mm.solve(marked, maximize=maximize, most_pairs=most_pairs)
    assert answer["difference"] == answer["total"] - current.total
    old = set(map(tuple, current.pairs.tolist()))
    assert set(map(tuple, answer["formed"].tolist())) == new - old
    assert set(map(tuple, answer["broken"].tolist())) == old - new
    assert (answer["bound"] is None) == (not pair)
    # Fractional floats take the search from the potentials on complete square optima.
    tenths = cost * 0.1 + 0.001
    as_float = np.where(forbidden, -np.inf if maximize else np.inf, tenths)
    answer = mm.what_if(as_float, row, col, pair=pair, maximize=maximize, most_pairs=most_pairs)
    totals, _ = ranked_by_brute_force(tenths, forbidden, maximize, most_pairs, keep=holds)
    assert answer["total"] == pytest.approx(totals[0], abs=1e-12)
    assert ((row, col) in set(map(tuple, answer["pairs"].tolist()))) == pair


def test_k_best_and_what_if_refuse_bad_input():
    with pytest.raises(ValueError, match=r"cell \(0, 1\)"):
        mm.k_best(np.array([[1.0, np.nan]]), 2)
    with pytest.raises(ValueError, match=r"^`k`: -1 is not a whole number from 0 to 1000$"):
        mm.k_best(np.eye(2), -1)
    with pytest.raises(TypeError, match=r"^`k` must be an int, got str"):
        mm.k_best(np.eye(2), "2")
    with pytest.raises(TypeError, match=r"^`k` must be an int, got bool"):
        mm.k_best(np.eye(2), True)
    assert len(mm.k_best(np.eye(2), np.int64(1))) == 1
    assert mm.k_best(np.eye(2), 0) == []
    assert len(mm.k_best(np.eye(2), 1000)) == 2
    with pytest.raises(ValueError, match=r"^`k`: 1001 is not a whole number from 0 to 1000$"):
        mm.k_best(np.eye(2), 1001)
    with pytest.raises(ValueError, match=r"outside the matrix"):
        mm.what_if(np.eye(2), 2, 0)
    with pytest.raises(ValueError, match=r"^`row`: -1 is not a whole number from 0"):
        mm.what_if(np.eye(2), -1, 0)
    with pytest.raises(TypeError, match=r"^`col` must be an int, got float"):
        mm.what_if(np.eye(2), 0, 1.0)
    with pytest.raises(ValueError, match=r"^`col`: 1180591620717411303424 is not a whole number"):
        mm.what_if(np.eye(2), 0, 2**70)


# ---------------------------------------------------------------------------------------------
# Sizes and values from outside that the answer or the copy cannot hold


def test_an_answer_whose_lists_cannot_be_allocated_is_a_value_error(limited):
    # 2**27 unassigned columns: the crate solves it (its solution holds the unassigned columns
    # and the column potentials, 1 GiB each), but the answer's copies of them (1 GiB each
    # again) cannot also fit under the 4 GiB limit with the interpreter; they aborted it.
    run = limited(
        """
        import numpy as np, mentor_match as mm
        try:
            print(len(mm.solve(np.empty((0, 2**27))).unassigned_cols))
        except ValueError as e:
            print("ValueError", e)
        """,
        memory=4 * 2**30,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert re.match(
        r"ValueError the (column potentials|unassigned columns) of 134217728 entries needs "
        r"more memory than can be allocated",
        run.stdout,
    ), run.stdout


def test_sparse_indices_declared_long_through_zero_strides_are_a_value_error(limited):
    # Index arrays of 2**40 entries with 8 bytes behind them: their list was collected without
    # a size check and aborted.
    run = limited(
        """
        import numpy as np, mentor_match as mm
        long = lambda a: np.lib.stride_tricks.as_strided(a, shape=(2**40,), strides=(0,))
        try:
            mm.solve_sparse((long(np.zeros(1, int)), long(np.zeros(1, int)), long(np.zeros(1))),
                            shape=(2, 2))
        except ValueError as e:
            print("ValueError", e)
        """
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("ValueError rows of 1099511627776 entries needs more memory")


needs_wide_longdouble = pytest.mark.skipif(
    np.finfo(np.longdouble).max <= np.finfo(np.float64).max,
    reason="longdouble is float64 on this platform",
)


@needs_wide_longdouble
def test_a_longdouble_beyond_float64_is_named_not_read_as_an_infinity():
    big = np.longdouble("1e400")
    cost = np.array([[big, 1.0], [1.0, -big]], dtype=np.longdouble)
    # It became +inf (a forbidden pair when minimising) without a word; every such cell is
    # named, for every function reading a dense matrix.
    calls = [
        mm.solve,
        mm.linear_sum_assignment,
        lambda c: mm.k_best(c, 2),
        lambda c: mm.what_if(c, 0, 0, pair=False),
    ]
    for call in calls:
        with pytest.raises(ValueError) as raised:
            call(cost)
        message = str(raised.value)
        assert message.startswith("2 mistakes found:"), message
        assert "cost matrix cell (0, 0) holds 1e+400, beyond the float64 range" in message
        assert "cost matrix cell (1, 1) holds -1e+400, beyond the float64 range" in message
    with pytest.raises(ValueError, match=r"^weights\[1\] holds 1e\+400, beyond the float64"):
        mm.solve_sparse(([0, 1], [0, 1], np.array([1.0, big])), shape=(2, 2))
    # An infinity written as one still forbids the pair, and a tiny longdouble rounds to 0.
    forbidden = np.array([[np.inf, 1.0], [1.0, 2.0]], dtype=np.longdouble)
    assert mm.solve(forbidden).pairs.tolist() == [[0, 1], [1, 0]]
    tiny = np.array([[np.longdouble("1e-400")]], dtype=np.longdouble)
    assert mm.solve(tiny).total == 0.0


@needs_wide_longdouble
def test_a_longdouble_beyond_float64_gives_no_overflow_warning():
    # numpy's conversion warned of the overflow; under `-W error` that RuntimeWarning replaced
    # the ValueError naming the cell.
    big = np.array([[np.longdouble("1e400"), 1.0]], dtype=np.longdouble)
    half = np.full((1, 2), 0.5)
    calls = [
        (mm.solve, "beyond the float64 range"),
        (lambda c: mm.evaluate(c, half, strategies=["greedy"]), r"cell \(0, 0\) holds inf"),
    ]
    for call, named in calls:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match=named):
                call(big)
