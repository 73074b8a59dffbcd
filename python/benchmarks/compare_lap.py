"""Times `mentor_match.linear_sum_assignment` against `scipy.optimize.linear_sum_assignment`
and LAPJV (`lap.lapjvh` of the `lapx` package), from Python, call overhead included.

Usage:

    python python/benchmarks/compare_lap.py [--sizes 1000,2000,4000] [--repeat 5]
        [--seeds 3] [--kinds uniform,overlap,ties] [--aspect 1.0]

Kinds of cost matrix (n rows, round(n * aspect) columns; `--aspect 2` for wide ones, which
`lap.lapjvh` solves with `extend_cost=True`):

    uniform      rng.random((n, m)): continuous float64, a unique optimum
    overlap      integer ties as the shared peers script draws them: 40 minus the number of
                 bits two random 62-bit masks share (skill-overlap-like scores), as float64
    overlap-int64  the same integers as int64 (the crate's exact integer path; scipy and
                 lapjvh convert to float64)
    ties         rng.integers(0, 10) as float64: a small scale, so most rows hold several
                 zeros and the optimum is found almost at once
    ties-int64   the same integers as int64

For each size and kind, each of `--seeds` seeded matrices is solved `--repeat` times by every
solver, in turn, so that a load change on the machine hits all of them alike. The table gives,
per size and kind, the min, median and max seconds of each solver over those runs and the
ratios crate/scipy and crate/lapjvh of the medians (below 1: the crate is faster). Each
solver's total is checked against scipy's (exact for integers, to 1e-9 relative for floats);
a disagreement is printed and the script exits with status 1.

Needs numpy, scipy, lapx (`pip install lapx`; skipped with a note when missing) and the
package itself (`pip install ./python`). A smoke run: `--sizes 200 --repeat 1 --seeds 1`.
"""

import argparse
import math
import statistics
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment as scipy_lsa

import mentor_match

try:
    import lap
except ImportError:  # lapx is optional
    lap = None


def crate(cost):
    return mentor_match.linear_sum_assignment(cost)


def scipy(cost):
    return scipy_lsa(cost)


def lapjvh(cost):
    rectangular = cost.shape[0] != cost.shape[1]
    return lap.lapjvh(cost, extend_cost=rectangular, return_cost=False)


def solvers():
    found = {"mentor_match": crate, "scipy": scipy}
    if lap is not None:
        found["lap.lapjvh"] = lapjvh
    return found


def matrix(kind, n, m, seed):
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        return rng.random((n, m))
    if kind in ("overlap", "overlap-int64"):
        a = rng.integers(0, 2**62, size=n, dtype=np.int64)
        b = rng.integers(0, 2**62, size=m, dtype=np.int64)
        shared = a[:, None] & b[None, :]
        count = np.zeros(shared.shape, dtype=np.int64)
        for k in range(62):
            count += (shared >> k) & 1
        overlap = 40 - count
        return overlap.astype(np.float64 if kind == "overlap" else np.int64)
    ties = rng.integers(0, 10, (n, m))
    if kind == "ties":
        return ties.astype(np.float64)
    if kind == "ties-int64":
        return ties.astype(np.int64)
    raise SystemExit(
        f"unknown kind {kind!r}: expected uniform, overlap, overlap-int64, ties or ties-int64"
    )


def total(cost, rows, cols):
    if np.issubdtype(cost.dtype, np.integer):
        return int(cost[rows, cols].sum())
    return float(cost[rows, cols].sum())


def agrees(got, want):
    if isinstance(want, int):
        return got == want
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)


def run(sizes, kinds, repeat, seeds, aspect):
    ok = True
    names = list(solvers())
    header = (f"{'n x m':>11}  {'kind':<10}  {'solver':<12}  {'min s':>9}  {'median s':>9}  "
              f"{'max s':>9}")
    print(header)
    print("-" * len(header))
    for n in sizes:
        m = max(1, round(n * aspect))
        for kind in kinds:
            times = {name: [] for name in names}
            for seed in range(seeds):
                cost = matrix(kind, n, m, seed)
                totals = []
                for r in range(repeat):
                    # Rotate the order, so that no solver always runs first (cold caches).
                    order = names[r % len(names):] + names[: r % len(names)]
                    for name in order:
                        start = time.perf_counter()
                        rows, cols = solvers()[name](cost)
                        times[name].append(time.perf_counter() - start)
                        totals.append((name, total(cost, rows, cols)))
                want = next(t for name, t in totals if name == "scipy")
                for name, got in totals:
                    if not agrees(got, want):
                        ok = False
                        print(f"MISMATCH: {name} total {got} != scipy's {want} "
                              f"({n} x {m}, {kind}, seed {seed})", file=sys.stderr)
            medians = {}
            for name in names:
                runs = times[name]
                medians[name] = statistics.median(runs)
                print(f"{f'{n} x {m}':>11}  {kind:<10}  {name:<12}  {min(runs):9.5f}  "
                      f"{medians[name]:9.5f}  {max(runs):9.5f}")
            ratios = [f"crate/scipy {medians['mentor_match'] / medians['scipy']:.2f}"]
            if "lap.lapjvh" in medians:
                ratios.append(f"crate/lapjvh {medians['mentor_match'] / medians['lap.lapjvh']:.2f}")
            print(f"{'':>11}  {'':<10}  {'ratios':<12}  " + ", ".join(ratios))
    return ok


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="1000,2000,4000",
                        help="comma-separated row counts (default 1000,2000,4000)")
    parser.add_argument("--kinds", default="uniform,overlap,overlap-int64,ties,ties-int64",
                        help="comma-separated kinds: uniform, overlap, overlap-int64, ties, "
                             "ties-int64 (default all)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each solver on each matrix (default 5)")
    parser.add_argument("--seeds", type=int, default=3,
                        help="seeded matrices per size and kind (default 3)")
    parser.add_argument("--aspect", type=float, default=1.0,
                        help="columns per row: 1 for square (default), 2 for n x 2n")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    kinds = [k for k in args.kinds.split(",") if k]
    if args.repeat < 1 or args.seeds < 1 or not sizes or args.aspect <= 0:
        parser.error("--repeat and --seeds must be at least 1, --sizes non-empty, --aspect > 0")
    if lap is None:
        print("note: lapx is not installed (pip install lapx): lap.lapjvh skipped",
              file=sys.stderr)
    print(f"mentor_match {mentor_match.__version__}, numpy {np.__version__}, "
          f"repeat {args.repeat}, seeds {args.seeds}, call overhead included")
    return 0 if run(sizes, kinds, args.repeat, args.seeds, args.aspect) else 1


if __name__ == "__main__":
    sys.exit(main())
