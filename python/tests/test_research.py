"""The research harness from Python: strategies, metrics, evaluations, populations, experiments.

Known answers are the documents the Rust tool recorded (`cli/tests/data/before/out/`), so the
package must give exactly what `mentor-match strategies` gives on the same instances.
"""

import doctest
import json
import math
import pathlib
import threading
import time

import numpy as np
import pytest

import mentor_match as mm

REPO = pathlib.Path(__file__).resolve().parents[2]
BEFORE = REPO / "cli" / "tests" / "data" / "before"
INSTANCES = ["s1", "s2", "s3", "s4", "s5"]
ONE_TO_ONE = ["s1", "s2", "s3"]
ROW_KEYS = {"strategy", "metric", "mean", "low", "high", "n"}


def load_instance(name):
    """The recorded instance `name`: its gains as float arrays (NaN for null) and options."""
    doc = json.loads((BEFORE / "in" / f"{name}.json").read_text())
    gains = [
        np.array([[math.nan if x is None else x for x in row] for row in doc.pop(key)], dtype=float)
        for key in ("junior_gain", "senior_gain")
    ]
    return gains[0], gains[1], doc


def recorded(name):
    return json.loads((BEFORE / "out" / f"strategies_{name}.json").read_text())


def without_times(doc, top=True):
    """`doc` without its `seconds` keys (anywhere) and its top-level `format`."""
    if isinstance(doc, dict):
        return {
            k: without_times(v, top=False)
            for k, v in doc.items()
            if k != "seconds" and not (top and k == "format")
        }
    if isinstance(doc, list):
        return [without_times(v, top=False) for v in doc]
    return doc


def random_gains(rng, n, m):
    return rng.random((n, m)), rng.random((n, m))


# ---------------------------------------------------------------------------------------------
# strategies, pair, metrics, evaluate


@pytest.mark.parametrize(
    "name",
    ["strategies", "pair", "metrics", "evaluate", "population", "population_roster", "experiment",
     "match_roster", "programme_round"],
)
def test_every_docstring_has_sections_and_its_examples_run(name):
    function = getattr(mm, name)
    doc = function.__doc__
    for section in ["Returns", "Examples"] + ([] if name == "strategies" else ["Parameters", "Raises"]):
        assert f"\n{section}\n---" in doc, section
    tests = doctest.DocTestFinder().find(function, name, globs={})
    runner = doctest.DocTestRunner()
    for test in tests:
        runner.run(test)
    assert runner.tries >= 2 and runner.failures == 0


def test_strategies_are_the_crates_names_in_order():
    names = mm.strategies()
    assert names[:5] == ["utilitarian", "nash", "bottleneck", "leximin", "greedy"]
    assert names == [s["name"] for s in recorded("s1")["strategies"]]
    assert len(names) == len(set(names)) == 11


@pytest.mark.parametrize("name", INSTANCES)
def test_evaluate_equals_the_recorded_rust_output(name):
    junior, senior, options = load_instance(name)
    doc = mm.evaluate(junior, senior, **options)
    assert doc["format"] == 1
    assert all(isinstance(s["seconds"], float) for s in doc["strategies"])
    assert without_times(doc) == without_times(recorded(name))


def test_evaluate_with_capacities_runs_every_capacitated_strategy():
    junior, senior, options = load_instance("s5")
    doc = mm.evaluate(junior, senior, **options)
    ran = [s["name"] for s in doc["strategies"]]
    refused = [u["name"] for u in doc["unsupported"]]
    assert sorted(ran + refused) == sorted(mm.strategies())
    assert refused == ["bottleneck", "leximin"]
    # Junior 2 has capacity 0 and junior 3 capacity 3: the capacities reached the crate.
    for result in doc["strategies"]:
        pairs = result["pairs"]
        assert all(j != 2 for j, _ in pairs), result["name"]
        assert sum(j == 3 for j, _ in pairs) <= 3, result["name"]
    utilitarian = doc["strategies"][0]
    assert sum(j == 3 for j, _ in utilitarian["pairs"]) == 3
    assert utilitarian["metrics"]["price"] == 0.0
    for result in doc["strategies"]:
        if result["name"].startswith("deferred_acceptance") or result["name"].endswith("_stable"):
            assert result["metrics"]["blocking_pairs"] == 0


@pytest.mark.parametrize("name", ONE_TO_ONE)
def test_pair_gives_the_pairs_of_evaluate_for_every_strategy(name):
    junior, senior, options = load_instance(name)
    seed = options.get("seed", 0)
    doc = mm.evaluate(junior, senior, strategies=mm.strategies(), seed=seed)
    for result in doc["strategies"]:
        pairs = mm.pair(result["name"], junior, senior, seed=seed)
        assert pairs.dtype == np.int64 and pairs.ndim == 2 and pairs.shape[1] == 2
        assert pairs.tolist() == result["pairs"], result["name"]


@pytest.mark.parametrize("name", ONE_TO_ONE)
def test_metrics_equal_the_metrics_of_evaluate(name):
    junior, senior, options = load_instance(name)
    top_k = options.get("top_k", 3)
    doc = mm.evaluate(junior, senior, seed=options.get("seed", 0), top_k=top_k)
    for result in doc["strategies"]:
        report = mm.metrics(junior, senior, np.array(result["pairs"]), top_k=top_k)
        assert report == result["metrics"], result["name"]
    assert doc["strategies"][0]["metrics"]["price"] == 0.0


def test_metrics_take_lists_and_empty_pairings():
    junior = np.array([[0.75, 0.25], [0.5, 0.25]])
    senior = np.array([[1.0, 0.5], [0.5, 0.25]])
    crossed = mm.metrics(junior, senior, [[0, 1], [1, 0]])
    assert crossed["blocking"] == [[0, 0]] and crossed["blocking_pairs"] == 1
    assert crossed["utilitarian_total"] == 2.25 and crossed["price"] > 0
    empty = mm.metrics(junior, senior, [])
    assert empty["pairs"] == 0 and empty["mean_rank"] is None and empty["price"] == 1.0


def test_nan_and_mask_forbid_pairs_in_every_strategy():
    rng = np.random.default_rng(5)
    junior, senior = random_gains(rng, 7, 9)
    forbidden = rng.random((7, 9)) < 0.3
    forbidden[0, :] = True  # junior 0 cannot be paired at all
    with_nan = junior.copy()
    with_nan[forbidden] = np.nan
    for name in mm.strategies():
        by_mask = mm.pair(name, junior, senior, seed=3, mask=~forbidden)
        by_nan = mm.pair(name, with_nan, senior, seed=3)
        assert by_mask.tolist() == by_nan.tolist(), name
        assert not any(forbidden[j, s] for j, s in by_mask), name
        assert 0 not in by_mask[:, 0], name
    # NaN in the senior matrix forbids as well, and evaluate agrees.
    senior_nan = senior.copy()
    senior_nan[forbidden] = np.nan
    doc = mm.evaluate(junior, senior_nan, strategies=["utilitarian", "leximin"])
    for result in doc["strategies"]:
        assert not any(forbidden[j, s] for j, s in result["pairs"])
        assert result["pairs"] == mm.pair(result["name"], junior, senior, mask=~forbidden).tolist()


def test_a_forbidden_pair_is_refused_by_metrics():
    junior = np.array([[0.5, np.nan], [0.5, 0.5]])
    senior = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match=r"junior 0, senior 1"):
        mm.metrics(junior, senior, [[0, 1], [1, 0]])
    with pytest.raises(ValueError, match=r"junior 1, senior 0"):
        mm.metrics(junior, senior, [[0, 0], [1, 0]])  # senior 0 twice
    with pytest.raises(ValueError, match=r"junior 5"):
        mm.metrics(junior, senior, [[5, 0]])


def test_gains_reach_the_crate_exactly():
    # Floats whose shortest decimal form is long, subnormals and the largest gain.
    rng = np.random.default_rng(11)
    junior, senior = random_gains(rng, 6, 6)
    senior *= np.pi
    junior[0, 0], senior[1, 1], junior[2, 3] = 5e-324, 1e100, 1.0 / 3.0
    doc = mm.evaluate(junior, senior, strategies=["utilitarian", "greedy"])
    for result in doc["strategies"]:
        direct = mm.metrics(junior, senior, mm.pair(result["name"], junior, senior))
        assert result["metrics"]["total"] == direct["total"]
        assert result["metrics"] == direct


def test_integer_and_float32_gains_are_accepted():
    ratings = np.array([[3, 1], [2, 5]])
    assert mm.pair("utilitarian", ratings, ratings).tolist() == [[0, 0], [1, 1]]
    as_float = mm.pair("utilitarian", ratings.astype(np.float32), ratings.astype(float))
    assert as_float.tolist() == [[0, 0], [1, 1]]
    assert mm.pair("greedy", np.zeros((0, 3)), np.zeros((0, 3))).shape == (0, 2)


def test_bad_strategies_are_value_errors_listing_the_names():
    a = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match=r"unknown strategy `lottery`.*utilitarian.*leximin"):
        mm.pair("lottery", a, a)
    with pytest.raises(ValueError, match=r"unknown strategy `lottery`"):
        mm.evaluate(a, a, strategies=["utilitarian", "lottery"])
    with pytest.raises(ValueError, match=r"listed twice"):
        mm.evaluate(a, a, strategies=["greedy", "greedy"])
    # Each name listed more than once is named once, in the order of its first repeat.
    with pytest.raises(ValueError, match=r"^2 mistakes found:\n- `strategies`: `nash` is listed twice\n- `strategies`: `greedy` is listed twice$"):
        mm.evaluate(a, a, strategies=["greedy", "nash", "nash", "greedy", "nash"])
    # A hostile list is read in one pass: a million repeats, a hundred named, the rest counted.
    names = [f"s{k}" for k in range(200)] * 5000
    with pytest.raises(ValueError, match=r"^200 mistakes found:(\n- .*){100}\n- and 100 more$"):
        mm.evaluate(a, a, strategies=names)
    with pytest.raises(ValueError, match=r"empty"):
        mm.evaluate(a, a, strategies=[])
    with pytest.raises(TypeError):
        mm.evaluate(a, a, strategies="utilitarian")
    with pytest.raises(TypeError):
        mm.pair(3, a, a)


def test_bad_gains_are_value_or_type_errors():
    a = np.full((2, 3), 0.5)
    with pytest.raises(TypeError, match="junior_gain"):
        mm.pair("utilitarian", np.array([["a", "b", "c"]] * 2), a)
    with pytest.raises(TypeError, match="senior_gain"):
        mm.evaluate(a, np.array([[0.5, None, 0.5]] * 2, dtype=object))
    with pytest.raises(TypeError):
        mm.pair("utilitarian", a, a, mask=np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"2 x 3.*3 x 2"):
        mm.pair("utilitarian", a, a.T)
    with pytest.raises(ValueError, match=r"mask"):
        mm.pair("utilitarian", a, a, mask=np.ones((3, 2), dtype=bool))
    with pytest.raises(ValueError, match=r"2-D"):
        mm.pair("utilitarian", np.ones(3), np.ones(3))
    negative = a.copy()
    negative[1, 2] = -1.0
    with pytest.raises(ValueError, match=r"\(1, 2\)"):
        mm.pair("utilitarian", negative, a)
    with pytest.raises(ValueError, match=r"\(1, 2\)"):
        mm.evaluate(a, negative)
    infinite = a.copy()
    infinite[0, 1] = np.inf
    with pytest.raises(ValueError, match=r"\(0, 1\).*inf"):
        mm.evaluate(infinite, a)
    with pytest.raises(ValueError, match=r"seed"):
        mm.pair("random", a, a, seed=-1)
    with pytest.raises(TypeError, match=r"seed"):
        mm.pair("random", a, a, seed=1.5)
    with pytest.raises(TypeError):
        mm.metrics(a, a, [[0.0, 1.0]])
    with pytest.raises(ValueError, match=r"shape \(k, 2\)"):
        mm.metrics(a, a, [[0, 1, 2]])


def test_bad_capacities_name_the_entry():
    a = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match=r"`junior_capacity` entry 1: -1 is not a capacity"):
        mm.evaluate(a, a, junior_capacity=[1, -1])
    with pytest.raises(ValueError, match=r"`senior_capacity`.*3 entries"):
        mm.evaluate(a, a, senior_capacity=np.array([1, 1, 2]))
    with pytest.raises(ValueError, match=r"top_k"):
        mm.evaluate(a, a, top_k=0)
    with pytest.raises(TypeError, match="junior_capacity"):
        mm.evaluate(a, a, junior_capacity="two")
    # Both lists of the wrong length: one error names both, each by its key.
    with pytest.raises(ValueError, match=r"(?s)^2 mistakes found:\n- `junior_capacity`: 1 entry.*\n- `senior_capacity`: 3 entries"):
        mm.evaluate(a, a, junior_capacity=[1], senior_capacity=[1, 1, 1])


# ---------------------------------------------------------------------------------------------
# populations


def test_population_is_reproducible_by_seed_and_differs_across_seeds():
    first = mm.population(30, 25, seed=7)
    again = mm.population(30, 25, seed=7)
    other = mm.population(30, 25, seed=8)
    assert set(first) == {"junior_gain", "senior_gain", "allowed"}
    assert first["junior_gain"].shape == first["allowed"].shape == (30, 25)
    assert first["junior_gain"].dtype == np.float64 and first["allowed"].dtype == np.bool_
    for key in first:
        assert np.array_equal(first[key], again[key])
    assert not np.array_equal(first["junior_gain"], other["junior_gain"])
    gains = first["junior_gain"]
    assert ((gains >= 0) & (gains <= 1)).all()
    # A forbidden pair scores 0 both ways.
    assert (first["junior_gain"][~first["allowed"]] == 0).all()
    assert (first["senior_gain"][~first["allowed"]] == 0).all()


def test_population_options_reach_the_generator():
    plain = mm.population(20, 20, seed=1)
    tuned = mm.population(
        20,
        20,
        seed=1,
        taste_correlation=1.0,
        wish_count=(1, 1),
        departments=0,
        languages={"en": 1.0},
        junior_experience=(0, 5),
    )
    assert not np.array_equal(plain["junior_gain"], tuned["junior_gain"])
    roster = mm.population_roster(5, 5, seed=1, catalog=[("spreadsheets", "digital"), ("budgeting", "leadership")])
    assert [s["id"] for s in roster["skills"]] == ["spreadsheets", "budgeting"]
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'tastecorrelation'"):
        mm.population(5, 5, tastecorrelation=0.5)
    with pytest.raises(ValueError, match=r"taste_correlation"):
        mm.population(5, 5, taste_correlation=1.5)
    with pytest.raises(ValueError, match=r"skill_count"):
        mm.population(5, 5, skill_count=(4, 2))
    with pytest.raises(ValueError, match=r"junior_experience"):
        mm.population(5, 5, junior_experience=(0, 300))
    with pytest.raises(TypeError, match=r"taste_correlation"):
        mm.population(5, 5, taste_correlation="high")


def test_population_sizes_are_checked_before_anything_is_allocated():
    with pytest.raises(ValueError, match=r"juniors \+ seniors"):
        mm.population(2**40, 2**40)  # the crate's own limit
    with pytest.raises(ValueError, match=r"juniors \+ seniors"):
        mm.population_roster(2**33, 1)
    with pytest.raises(ValueError, match=r"too large"):
        mm.population(2_000_000_000, 2_000_000_000)
    with pytest.raises(ValueError, match=r"too large"):
        mm.population(10_000, 10_000)  # 10^8 pairs to score
    with pytest.raises(ValueError, match=r"too large"):
        mm.population_roster(0, 3_000_000_000)
    with pytest.raises(ValueError, match=r"too large"):
        mm.experiment(["greedy"], juniors=100_000, seniors=100_000, repeats=1)
    with pytest.raises(ValueError, match=r"juniors"):
        mm.population(-1, 3)
    with pytest.raises(ValueError, match=r"juniors"):
        mm.population(2**70, 3)
    with pytest.raises(TypeError, match=r"juniors"):
        mm.population(3.0, 3)


def test_population_roster_capacities_are_written_and_change_no_one():
    one = mm.population_roster(5, 3, seed=9)
    shared = mm.population_roster(5, 3, seed=9, junior_capacity=2, senior_capacity=0)
    assert [p.get("capacity", 1) for p in shared["participants"]] == [2] * 5 + [0] * 3
    strip = lambda doc: [{k: v for k, v in p.items() if k != "capacity"} for p in doc["participants"]]
    assert strip(shared) == strip(one)
    # Capacity 0 takes a side out of the round.
    assert mm.match_roster(shared)["pairs"] == []


def test_capacity_options_are_checked():
    for bad in (-1, 2**32):
        with pytest.raises(ValueError, match=r"`senior_capacity`: .* is not a whole number from 0 to 4294967295"):
            mm.population_roster(2, 2, senior_capacity=bad)
    with pytest.raises(TypeError, match=r"`junior_capacity` must be an int, got float"):
        mm.population_roster(2, 2, junior_capacity=1.0)
    # Pair scores hold no capacities: the scored functions refuse them by name.
    with pytest.raises(TypeError, match=r"population\(\) got an unexpected keyword argument 'junior_capacity'"):
        mm.population(2, 2, junior_capacity=2)
    with pytest.raises(TypeError, match=r"experiment\(\) got an unexpected keyword argument 'senior_capacity'"):
        mm.experiment(["greedy"], juniors=2, seniors=2, repeats=1, senior_capacity=2)
    # An unknown option's message lists the options of that function alone.
    with pytest.raises(TypeError) as scored:
        mm.population(2, 2, capacity=2)
    assert "idiosyncratic" in str(scored.value) and "junior_capacity" not in str(scored.value)
    with pytest.raises(TypeError) as roster:
        mm.population_roster(2, 2, capacity=2)
    assert "junior_capacity" in str(roster.value) and "idiosyncratic" not in str(roster.value)


def test_population_roster_is_the_population_before_scoring():
    roster = mm.population_roster(3, 2, seed=42)
    assert [p["id"] for p in roster["participants"]] == ["j0001", "j0002", "j0003", "s0001", "s0002"]
    assert len(roster["skills"]) == 10
    assert roster == mm.population_roster(3, 2, seed=42)
    assert roster != mm.population_roster(3, 2, seed=43)
    # The matcher takes it as it is.
    matching = mm.match_roster(roster)
    assert matching["format"] == 1 and len(matching["pairs"]) <= 2


def test_population_gains_evaluate_as_the_readme_shows():
    scores = mm.population(40, 40, seed=1)
    doc = mm.evaluate(
        scores["junior_gain"], scores["senior_gain"], strategies=["utilitarian", "leximin"], mask=scores["allowed"]
    )
    assert doc["strategies"][0]["metrics"]["price"] == 0.0
    for result in doc["strategies"]:
        assert all(scores["allowed"][j, s] for j, s in result["pairs"])


# ---------------------------------------------------------------------------------------------
# experiments


def test_experiment_rows_are_tidy_and_reproducible():
    names = ["utilitarian", "greedy", "random"]
    rows = mm.experiment(names, juniors=15, seniors=12, repeats=4, seed=3, top_k=2)
    assert all(set(r) == ROW_KEYS for r in rows)
    keys = [(r["strategy"], r["metric"]) for r in rows]
    assert len(keys) == len(set(keys)), "every (strategy, metric) once"
    assert [r["strategy"] for r in rows] == sorted((r["strategy"] for r in rows), key=names.index)
    metrics = [r["metric"] for r in rows if r["strategy"] == "greedy"]
    assert metrics[0] == "pairs" and metrics[-1] == "seconds" and "total" in metrics and "price" in metrics
    for name in names:
        assert [m for s, m in keys if s == name] == metrics
    for r in rows:
        assert isinstance(r["mean"], float) and isinstance(r["low"], float) and isinstance(r["high"], float)
        assert isinstance(r["n"], int) and 1 <= r["n"] <= 4
        assert r["low"] <= r["mean"] <= r["high"], r
    price = {r["strategy"]: r for r in rows if r["metric"] == "price"}
    assert price["utilitarian"]["mean"] == 0.0
    again = mm.experiment(names, juniors=15, seniors=12, repeats=4, seed=3, top_k=2)
    timeless = lambda rs: [r for r in rs if r["metric"] != "seconds"]  # noqa: E731
    assert timeless(again) == timeless(rows)
    other = mm.experiment(names, juniors=15, seniors=12, repeats=4, seed=4, top_k=2)
    assert timeless(other) != timeless(rows)


def test_experiment_defaults_run_every_strategy():
    rows = mm.experiment(juniors=6, seniors=6, repeats=2)
    assert [r["strategy"] for r in rows if r["metric"] == "total"] == mm.strategies()


def test_experiment_passes_population_options():
    plain = mm.experiment(["utilitarian"], juniors=10, seniors=10, repeats=2)
    tuned = mm.experiment(["utilitarian"], juniors=10, seniors=10, repeats=2, taste_correlation=1.0)
    total = lambda rs: next(r["mean"] for r in rs if r["metric"] == "total")  # noqa: E731
    assert total(plain) != total(tuned)


def test_experiment_rows_make_a_dataframe():
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(mm.experiment(["greedy"], juniors=5, seniors=5, repeats=2))
    assert list(frame.columns) == ["strategy", "metric", "mean", "low", "high", "n"]


def test_bad_experiments_are_refused():
    with pytest.raises(ValueError, match=r"unknown strategy `lottery`"):
        mm.experiment(["lottery"], juniors=4, seniors=4, repeats=1)
    with pytest.raises(ValueError, match=r"empty"):
        mm.experiment([], juniors=4, seniors=4, repeats=1)
    with pytest.raises(ValueError, match=r"listed twice"):
        mm.experiment(["greedy", "greedy"], juniors=4, seniors=4, repeats=1)
    with pytest.raises(ValueError, match=r"repeats"):
        mm.experiment(["greedy"], juniors=4, seniors=4, repeats=0)
    with pytest.raises(ValueError, match=r"top_k"):
        mm.experiment(["greedy"], juniors=4, seniors=4, repeats=1, top_k=0)
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'repeat'"):
        mm.experiment(["greedy"], juniors=4, seniors=4, repeat=1)


# ---------------------------------------------------------------------------------------------
# threads


def test_two_evaluations_in_two_threads_both_finish_correctly():
    rng = np.random.default_rng(2)
    instances = [random_gains(rng, 60, 70) for _ in range(2)]
    names = ["utilitarian", "leximin", "egalitarian_stable"]
    expected = [without_times(mm.evaluate(a, b, strategies=names)) for a, b in instances]
    results = [None, None]
    errors = []

    def run(k):
        try:
            a, b = instances[k]
            for _ in range(3):
                results[k] = without_times(mm.evaluate(a, b, strategies=names))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert not errors
    assert results == expected


def _big_gains():
    # Large enough that the call outlasts the main thread's 50 ms wait many times over:
    # leximin takes about 0.2 s at 700 x 700 on this machine (16 ms at 200 x 200).
    return random_gains(np.random.default_rng(9), 1000, 1000)


@pytest.mark.parametrize(
    "work",
    [
        lambda: (lambda a, b: lambda: mm.pair("leximin", a, b))(*_big_gains()),
        lambda: (lambda a, b: lambda: mm.evaluate(a, b, strategies=["leximin"]))(*_big_gains()),
        lambda: lambda: mm.population(3000, 3000, seed=1),
        lambda: lambda: mm.experiment(juniors=200, seniors=200, repeats=8, seed=1),
        lambda: (lambda r: lambda: mm.match_roster(r))(mm.population_roster(1900, 1900, seed=1)),
        lambda: (lambda r: lambda: mm.programme_round(r))(mm.population_roster(2000, 2000, seed=1)),
    ],
    ids=["pair", "evaluate", "population", "experiment", "match_roster", "programme_round"],
)
def test_the_gil_is_released_while_the_crate_works(work):
    call = work()
    started, done = threading.Event(), threading.Event()

    def run():
        started.set()
        call()
        done.set()

    worker = threading.Thread(target=run)
    worker.start()
    started.wait()
    time.sleep(0.05)
    # Python code needs the GIL: were it held by the call, this would only run after it.
    assert sum(range(100_000)) > 0
    ran_meanwhile = not done.is_set()
    worker.join(timeout=120)
    assert done.is_set()
    assert ran_meanwhile, "the main thread could not run while the call worked"


def _capacitated_pairings(allowed, junior_capacity, senior_capacity):
    """Every set of allowed pairs within the capacities, each pair at most once."""
    cells = [(j, s) for j in range(allowed.shape[0]) for s in range(allowed.shape[1]) if allowed[j, s]]
    for mask in range(1 << len(cells)):
        chosen = [cells[i] for i in range(len(cells)) if mask >> i & 1]
        if all(sum(j == x for j, _ in chosen) <= c for x, c in enumerate(junior_capacity)) and all(
            sum(s == y for _, s in chosen) <= c for y, c in enumerate(senior_capacity)
        ):
            yield chosen


def test_pair_under_capacities_against_brute_force():
    rng = np.random.default_rng(7)
    for _ in range(25):
        n, m = rng.integers(1, 4, size=2)
        a = rng.choice([0.0, 0.25, 0.5, 1.0], size=(n, m))
        b = rng.choice([0.0, 0.25, 0.5, 1.0], size=(n, m))
        allowed = rng.random((n, m)) > 0.2
        a[~allowed] = math.nan
        jc = rng.integers(0, 3, size=n).tolist()
        sc = rng.integers(0, 3, size=m).tolist()
        all_pairings = list(_capacitated_pairings(allowed, jc, sc))
        total = lambda pairs: sum(np.nan_to_num(a)[j, s] + b[j, s] for j, s in pairs)
        best = max(total(p) for p in all_pairings)
        got = mm.pair("utilitarian", a, b, junior_capacity=jc, senior_capacity=sc).tolist()
        assert math.isclose(total(got), best, abs_tol=1e-9)
        names = ["greedy", "random", "random_serial_dictatorship", "deferred_acceptance_juniors"]
        names += ["egalitarian_stable", "minimum_regret_stable"]
        for name in names:
            pairs = [tuple(p) for p in mm.pair(name, a, b, seed=3, junior_capacity=jc, senior_capacity=sc).tolist()]
            assert sorted(pairs) in [sorted(p) for p in all_pairings], name


def test_pair_with_unit_capacities_is_the_one_to_one_pairing():
    a = np.array([[0.9, 0.4, 0.2], [0.5, 0.5, 0.7]])
    b = np.array([[0.1, 0.4, 0.3], [0.5, 0.5, 0.2]])
    for name in mm.strategies():
        plain = mm.pair(name, a, b, seed=5).tolist()
        assert mm.pair(name, a, b, seed=5, junior_capacity=1, senior_capacity=[1, 1, 1]).tolist() == plain


def test_pair_under_capacities_refuses_what_it_cannot_honour():
    a = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match="leximin.*NP-hard"):
        mm.pair("leximin", a, a, senior_capacity=2)
    # One side above 1 (the hospitals/residents form) and both: stable, every pair formed.
    assert len(mm.pair("egalitarian_stable", a, a, junior_capacity=[2, 1])) == 2
    both = mm.pair("minimum_regret_stable", a, a, junior_capacity=[2, 1], senior_capacity=2)
    assert sorted(map(tuple, both.tolist())) == [(0, 0), (0, 1), (1, 0)]
    with pytest.raises(ValueError, match="`senior_capacity` has 3 entries, but there are 2 seniors"):
        mm.pair("greedy", a, a, senior_capacity=[1, 1, 1])
    with pytest.raises(ValueError, match=r"`junior_capacity` entry `1`: -1 is not a capacity"):
        mm.pair("greedy", a, a, junior_capacity=[1, -1])
    with pytest.raises(ValueError, match="is not a capacity"):
        mm.pair("greedy", a, a, junior_capacity=2**32)
    with pytest.raises(TypeError, match="junior_capacity"):
        mm.pair("greedy", a, a, junior_capacity="two")
    with pytest.raises(TypeError, match="junior_capacity"):
        mm.pair("greedy", a, a, junior_capacity=[1, 1.5])
    with pytest.raises(ValueError, match="is not a capacity"):
        mm.pair("greedy", a, a, junior_capacity=2**200)
    with pytest.raises(TypeError, match="junior_capacity"):
        mm.pair("greedy", a, a, junior_capacity={0: 1, 1: 1})
    assert mm.pair("greedy", a, a, junior_capacity=np.int64(2), senior_capacity=np.array([1, 2])).shape == (3, 2)
    with pytest.raises(ValueError, match="popular_juniors.*one to one"):
        mm.pair("popular_juniors", a, a, senior_capacity=2)


def test_population_with_an_idiosyncratic_part_is_continuous_and_unsaturated():
    plain = mm.population(60, 60, seed=3)
    blended = mm.population(60, 60, seed=3, idiosyncratic=0.3)
    allowed = plain["allowed"]
    assert (blended["allowed"] == allowed).all()
    for key in ["junior_gain", "senior_gain"]:
        gains = blended[key][allowed]
        assert ((gains > 0) & (gains < 1)).all()
        assert len(np.unique(gains)) == gains.size
        saturated = plain[key][allowed]
        assert ((saturated == 0) | (saturated == 1)).mean() > 0.2
    rows = mm.experiment(["utilitarian"], juniors=10, seniors=10, repeats=2, idiosyncratic=0.5)
    assert {r["strategy"] for r in rows} == {"utilitarian"}
    with pytest.raises(ValueError, match="idiosyncratic"):
        mm.population(5, 5, idiosyncratic=1.5)
    with pytest.raises(TypeError, match="idiosyncratic"):
        mm.population_roster(5, 5, idiosyncratic=0.3)


def test_pair_by_the_names_beyond_the_built_in_strategies():
    a = np.array([[0.9, 0.5, 0.1], [0.9, 0.5, 0.1], [0.9, 0.5, 0.1]])
    b = np.full((3, 3), 0.5)
    # Everyone's first choice is senior 0: one first choice at most, then one second choice.
    got = mm.pair("rank_maximal_juniors", a, b).tolist()
    assert sorted(s for _, s in got) == [0, 1, 2]
    # Three juniors with the same list: no popular pairing (Abraham et al.'s example).
    with pytest.raises(ValueError, match="no popular pairing exists"):
        mm.pair("popular_juniors", a, b)
    # Every senior is indifferent between the juniors: a junior left with a worse senior blocks.
    with pytest.raises(ValueError, match="no super-stable pairing exists"):
        mm.pair("super_stable_juniors", a, b)
    assert mm.pair("super_stable_juniors", np.eye(3), np.eye(3)).tolist() == [[0, 0], [1, 1], [2, 2]]
    # Junior 0 likes both seniors as much, junior 1 may only have senior 0, who likes both
    # juniors as much: breaking ties by index leaves junior 1 out, Kiraly's pairing does not.
    tied = np.array([[0.5, 0.5], [0.5, np.nan]])
    assert mm.pair("deferred_acceptance_juniors", tied, tied).tolist() == [[0, 0]]
    assert mm.pair("large_weakly_stable_juniors", tied, tied).tolist() == [[0, 1], [1, 0]]
    assert mm.pair("large_weakly_stable_seniors", tied, tied).tolist() == [[0, 1], [1, 0]]
    with pytest.raises(ValueError, match="large_weakly_stable_seniors"):
        mm.pair("lottery", a, b)
    assert "popular_juniors" not in mm.strategies()


# ---------------------------------------------------------------------------------------------
# Hostile input: sizes from outside, every mistake named


def test_a_side_facing_an_empty_one_is_refused_before_capacities_are_sized(limited):
    # 0 x 2**40 gains: one capacity per senior was allocated (4 TiB) before the crate's size
    # check, and the allocation aborted the interpreter.
    run = limited(
        """
        import numpy as np, mentor_match as mm
        for shape in [(0, 2**40), (2**40, 0)]:
            try:
                mm.pair("utilitarian", np.empty(shape), np.empty(shape), senior_capacity=2)
            except ValueError as e:
                print("ValueError", e)
        """
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert len(lines) == 2 and all("needs more memory than can be allocated" in l for l in lines)


def test_gains_declared_huge_through_zero_strides_are_a_value_error_naming_them():
    huge = np.lib.stride_tricks.as_strided(np.zeros(1), shape=(2**25, 2**25), strides=(0, 0))
    small = np.zeros((1, 1))
    # numpy's MemoryError, naming no argument, before.
    with pytest.raises(ValueError, match=r"^`junior_gain` of 33554432 x 33554432 needs more"):
        mm.pair("utilitarian", huge, small)
    with pytest.raises(ValueError, match=r"^`senior_gain` of 33554432 x 33554432 needs more"):
        mm.evaluate(small, huge)
    ints = np.lib.stride_tricks.as_strided(np.zeros(1, int), shape=(2**25, 2**25), strides=(0, 0))
    with pytest.raises(ValueError, match=r"^`junior_gain` of 33554432 x 33554432 needs more"):
        mm.metrics(ints, small, [])
    pairs = np.lib.stride_tricks.as_strided(np.zeros(1, int), shape=(2**40, 2), strides=(0, 0))
    with pytest.raises(ValueError, match=r"^`pairs` of 1099511627776 x 2 needs more"):
        mm.metrics(small, small, pairs)


def test_a_mask_is_read_as_numpy_reads_it_whatever_its_bytes():
    a = np.full((1, 2), 0.5)
    # A bool view of bytes other than 0 and 1: numpy takes any non-zero byte as True.
    mask = np.array([[2, 0]], dtype=np.uint8).view(bool)
    assert mask.tolist() == [[True, False]]
    assert mm.pair("utilitarian", a, a, mask=mask).tolist() == [[0, 0]]
    assert mm.pair("utilitarian", a, a, mask=mask[:, ::-1]).tolist() == [[0, 1]]


def test_every_bad_index_of_the_pairs_is_named_as_given():
    a = np.full((2, 2), 0.5)
    with pytest.raises(ValueError) as raised:
        mm.metrics(a, a, [[-1, 0], [-2, -3]])
    assert str(raised.value) == (
        "3 mistakes found:\n- `pairs` row 0: -1 is not an index\n"
        "- `pairs` row 1: -2 is not an index\n- `pairs` row 1: -3 is not an index"
    )
    # A uint64 index was read as int64: 2**64 - 1 was named as -1.
    with pytest.raises(ValueError, match=r"junior 18446744073709551615, senior 0"):
        mm.metrics(a, a, np.array([[2**64 - 1, 0]], dtype=np.uint64))
    assert mm.metrics(a, a, np.array([[1, 0]], dtype=np.uint64))["pairs"] == 1


def test_every_bad_capacity_entry_is_named_and_a_dict_is_refused():
    a = np.full((2, 2), 0.5)
    # A dict's keys were read as the capacities by evaluate (pair refused it).
    with pytest.raises(TypeError, match=r"`junior_capacity` must be an int or a sequence of ints, got dict"):
        mm.evaluate(a, a, junior_capacity={0: 3, 1: 3})
    # Entries the document cannot hold were named without their entry, one at a time; the
    # crate's own mistakes come with them.
    with pytest.raises(ValueError) as raised:
        mm.evaluate(a, a, junior_capacity=[2**70, 1.5], senior_capacity=[1, -1])
    message = str(raised.value)
    assert message.startswith("3 mistakes found:"), message
    assert "`junior_capacity` entry 0: 1180591620717411303424 is not a capacity" in message
    assert "`junior_capacity` entry 1 must be an int, got float" in message
    assert "`senior_capacity` entry 1: -1 is not a capacity" in message
    with pytest.raises(TypeError, match=r"^`junior_capacity` entry 0 must be an int, got str"):
        mm.evaluate(a, a, junior_capacity=["1", 1])
    # pair named the first bad entry alone.
    with pytest.raises(ValueError, match=r"(?s)^2 mistakes found:.*entry `0`: -1 .*entry `1`: -2 "):
        mm.pair("greedy", a, a, junior_capacity=[-1, -2])
    with pytest.raises(TypeError, match=r"(?s)^2 mistakes found:.*entry `0` must be an int.*entry `1` must"):
        mm.pair("greedy", a, a, junior_capacity=[None, 1.5])
    assert mm.evaluate(a, a, junior_capacity=(2, 0), strategies=["greedy"])["strategies"][0]["pairs"]
    # A single int out of range ended the reading at once; it is listed with the others.
    with pytest.raises(ValueError) as raised:
        mm.evaluate(a, a, junior_capacity=2**70, senior_capacity=[1, -1])
    message = str(raised.value)
    assert message.startswith("2 mistakes found:"), message
    assert "`junior_capacity`: 1180591620717411303424 is not a capacity" in message
    assert "`senior_capacity` entry 1: -1 is not a capacity" in message
    with pytest.raises(ValueError, match=r"(?s)^2 mistakes found:.*`junior_capacity`: 2361183241434822606848 is not.*`senior_capacity`: -1180591620717411303424 is not"):
        mm.evaluate(a, a, junior_capacity=2**71, senior_capacity=-(2**70))


def test_bad_gains_are_reported_with_the_capacity_mistakes_found_before():
    a = np.full((2, 2), 0.5)
    bad = np.array([[0.5, -1.0], [0.5, 0.5]])
    # The gains' refusal came alone, the capacities' mistakes already found dropped.
    with pytest.raises(ValueError) as raised:
        mm.evaluate(bad, a, junior_capacity=[2**70, 1])
    message = str(raised.value)
    assert message.startswith("2 mistakes found:"), message
    assert "`junior_capacity` entry 0: 1180591620717411303424 is not a capacity" in message
    assert "(0, 1)" in message, message


def test_repeats_are_bounded_before_the_experiment_runs():
    # 2**62 repeats ran for ever, the samples growing.
    with pytest.raises(ValueError, match=r"^`repeats`: 4611686018427387904 is too many: at most 100000"):
        mm.experiment(["greedy"], juniors=2, seniors=2, repeats=2**62)
    assert mm.experiment(["greedy"], juniors=2, seniors=2, repeats=2)[0]["n"] == 2


def test_metrics_refuse_a_top_k_of_0_as_evaluate_does():
    a = np.full((2, 2), 0.5)
    with pytest.raises(ValueError, match=r"top_k"):
        mm.evaluate(a, a, top_k=0)
    with pytest.raises(ValueError, match=r"top_k"):
        mm.metrics(a, a, [[0, 0]], top_k=0)
    assert mm.metrics(a, a, [[0, 0]], top_k=1)["top_k"] == 1


@pytest.mark.parametrize("seed", [True, False, np.True_])
def test_a_bool_seed_is_a_type_error_naming_seed(seed):
    a = np.full((2, 2), 0.5)
    calls = [
        lambda: mm.pair("random", a, a, seed=seed),
        lambda: mm.evaluate(a, a, seed=seed),
        lambda: mm.population(2, 2, seed=seed),
        lambda: mm.population_roster(2, 2, seed=seed),
        lambda: mm.experiment(["greedy"], juniors=2, seniors=2, repeats=1, seed=seed),
    ]
    for call in calls:
        with pytest.raises(TypeError, match=r"`seed`"):
            call()
    # A seed of 1 is still a seed.
    assert mm.population(2, 2, seed=1)["junior_gain"].shape == (2, 2)


def test_a_bool_for_any_whole_number_is_a_type_error_naming_it():
    # Python counts True as 1: a flag given in the wrong place would be a count of 1.
    a = np.full((2, 2), 0.5)
    calls = {
        "top_k": [
            lambda: mm.evaluate(a, a, top_k=True),
            lambda: mm.metrics(a, a, [[0, 0]], top_k=True),
            lambda: mm.experiment(["greedy"], juniors=2, seniors=2, repeats=1, top_k=True),
        ],
        "repeats": [lambda: mm.experiment(["greedy"], juniors=2, seniors=2, repeats=True)],
        "juniors": [lambda: mm.population(True, 2)],
        "departments": [lambda: mm.population(2, 2, departments=True)],
        "senior_capacity": [lambda: mm.population_roster(2, 2, senior_capacity=False)],
        "skill_count": [lambda: mm.population(2, 2, skill_count=(True, 2))],
        "junior_capacity": [
            lambda: mm.evaluate(a, a, junior_capacity=True),
            lambda: mm.evaluate(a, a, junior_capacity=[1, True]),
            lambda: mm.pair("greedy", a, a, junior_capacity=True),
            lambda: mm.pair("greedy", a, a, junior_capacity=[True, 1]),
        ],
    }
    for name, named in calls.items():
        for call in named:
            with pytest.raises(TypeError, match=rf"`{name}`.*bool"):
                call()
    # The same numbers as ints are taken.
    assert mm.metrics(a, a, [[0, 0]], top_k=1)["top_k"] == 1
    assert mm.evaluate(a, a, junior_capacity=[1, 1]) is not None


def test_option_errors_quote_whole_numbers_exactly():
    # As a float, 2**62 + 1 printed as 4611686018427388000.
    with pytest.raises(ValueError, match=r"^option `departments`: 4611686018427387905 is not at most"):
        mm.population(2, 2, departments=2**62 + 1)


def test_a_language_listed_twice_is_refused_by_name():
    with pytest.raises(ValueError, match=r"language `pl` appears more than once"):
        mm.population(2, 2, languages=[("pl", 0.5), ("en", 1.0), ("pl", 0.2)])
