"""Type stubs of `mentor_match`: the engine (`linear_sum_assignment`, `solve`, `solve_sparse`,
`Assignment`), the research harness (strategies, metrics, evaluations, populations,
experiments) and the matcher (`match_roster`, `programme_round`). Documents of the crate come
back as plain dicts parsed by `json`; their shapes are the TypedDicts below."""

import os
from typing import (
    Any,
    Dict,
    List,
    Literal,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    final,
)

import numpy as np
import numpy.typing as npt

__version__: str

# =============================================================================================
# The engine

class _SparseLike(Protocol):
    """Anything with `.tocoo()`: the scipy.sparse matrices and arrays."""

    def tocoo(self) -> Any: ...

_Triplets = Tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike]
_Index = npt.NDArray[np.int64]
# float64 for a float matrix; int64 for an integer or bool matrix, or object (Python ints) when
# a potential is beyond int64.
_Potentials = Union[npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.object_]]

def linear_sum_assignment(
    cost_matrix: npt.ArrayLike, maximize: object = False
) -> Tuple[_Index, _Index]:
    """A drop-in for `scipy.optimize.linear_sum_assignment`: `(row_ind, col_ind)`, rows
    increasing. Raises ValueError (not 2-D, NaN, wrong-signed infinity, "cost matrix is
    infeasible") and TypeError (a dtype that is not a number type)."""

def solve(
    cost: npt.ArrayLike, maximize: bool = False, most_pairs: bool = True
) -> Assignment:
    """The optimal assignment with its certificate; an infeasible problem gives the most pairs
    (or, with `most_pairs=False`, the best total alone)."""

def solve_sparse(
    matrix: Union[_SparseLike, _Triplets],
    shape: Optional[Tuple[int, int]] = None,
    maximize: bool = False,
    most_pairs: bool = True,
) -> Assignment:
    """As `solve` on the dense matrix whose absent cells are forbidden; `shape` is required
    with a tuple `(rows, cols, weights)`."""

class WhatIf(TypedDict):
    """What `what_if` returns."""

    total: Union[int, float]
    pairs: npt.NDArray[np.int64]
    difference: Union[int, float]
    bound: Optional[Union[int, float]]
    formed: npt.NDArray[np.int64]
    broken: npt.NDArray[np.int64]

def k_best(
    cost: npt.ArrayLike, k: int, maximize: bool = False, most_pairs: bool = True
) -> List[Tuple[Union[int, float], npt.NDArray[np.int64]]]:
    """The `k` best assignments (k from 0 to 1000) in order of total, without repeats, each as
    `(total, pairs)`: with `most_pairs=True` those with the most pairs, else every assignment."""

def what_if(
    cost: npt.ArrayLike,
    row: int,
    col: int,
    pair: bool = True,
    maximize: bool = False,
    most_pairs: bool = True,
) -> WhatIf:
    """The optimum after pairing `row` with `col` (`pair=True`) or forbidding the pair, the
    difference in total, the bound the certificate gives, and the pairs formed and broken."""

@final
class Assignment:
    """An optimal assignment (read-only): pairs, total, unassigned rows and columns, and the
    dual potentials that certify it."""

    @property
    def pairs(self) -> npt.NDArray[np.int64]:
        """Shape (k, 2): row, column; sorted by row."""
    @property
    def total(self) -> Union[float, int]:
        """float for a float matrix, exact int for an integer or bool matrix."""
    @property
    def unassigned_rows(self) -> _Index: ...
    @property
    def unassigned_cols(self) -> _Index: ...
    @property
    def row_potentials(self) -> _Potentials: ...
    @property
    def col_potentials(self) -> _Potentials: ...
    @property
    def shape(self) -> Tuple[int, int]: ...
    @property
    def maximize(self) -> bool: ...
    def __len__(self) -> int: ...
    def __repr__(self) -> str: ...

# =============================================================================================
# The research harness and the matcher

# ---------------------------------------------------------------------------------------------
# Inputs

#: A 2-D array of gains, juniors x seniors (float or integer dtype; NaN forbids a pair).
GainMatrix = npt.ArrayLike
#: A 2-D boolean array of the gains' shape; False forbids a pair.
Mask = npt.ArrayLike
#: A JSON document: the dict itself, JSON text, or a path (a str ending in `.json`, or an
#: `os.PathLike`).
Document = Union[Mapping[str, Any], str, "os.PathLike[str]"]
#: A capacity for all agents of a side, or one per agent.
Capacity = Union[int, Sequence[int], npt.NDArray[np.integer[Any]]]
#: An inclusive range of whole numbers, `(low, high)`.
WholeRange = Tuple[int, int]
#: `(name, value)` pairs, or a dict of them.
Named = Union[Mapping[str, Any], Sequence[Tuple[str, Any]]]

#: The built-in strategies, as `strategies()` lists them; each is defined in the strategy table
#: of the Rust crate's `mentor_match::strategy` module docs.
StrategyName = Literal[
    "utilitarian",
    "nash",
    "bottleneck",
    "leximin",
    "greedy",
    "deferred_acceptance_juniors",
    "deferred_acceptance_seniors",
    "egalitarian_stable",
    "minimum_regret_stable",
    "random_serial_dictatorship",
    "random",
]

# ---------------------------------------------------------------------------------------------
# Outputs


class Report(TypedDict):
    """The crate's `metrics::Report` of a one-to-one pairing."""

    pairs: int
    coverage: float
    total: float
    junior_total: float
    senior_total: float
    mean_utility: float
    min_utility: float
    gini: float
    blocking_pairs: int
    blocking: List[List[int]]
    junior_rank_profile: List[int]
    senior_rank_profile: List[int]
    top_k: int
    top_k_share: float
    mean_rank: Optional[float]
    reciprocity_gap_mean: float
    reciprocity_gap_max: float
    envy: int
    utilitarian_total: Optional[float]
    price: Optional[float]


class ManyToMany(TypedDict):
    """The metrics of a many-to-many pairing (with a capacity above 1): an agent's utility is
    the sum of its gains over its partners; blocking pairs in the pairwise sense."""

    pairs: int
    total: float
    junior_total: float
    senior_total: float
    coverage: float
    min_utility: float
    gini: float
    blocking_pairs: int
    blocking: List[List[int]]
    utilitarian_total: float
    price: float


class StrategyResult(TypedDict):
    name: str
    pairs: List[List[int]]
    seconds: float
    metrics: Union[Report, ManyToMany]


class Unsupported(TypedDict):
    name: str
    why: str


class _EvaluationRequired(TypedDict):
    format: int
    juniors: int
    seniors: int
    seed: int
    strategies: List[StrategyResult]


class Evaluation(_EvaluationRequired, total=False):
    """What `mentor-match strategies` prints.

    `unsupported` lists, with the reason, the strategies left out: with a capacity above 1
    those without a capacitated form and, in any run (one to one too), a strategy whose own
    instance does not fit in memory (with the size it needed). The others still run; the key
    is absent when no strategy is left out.
    """

    unsupported: List[Unsupported]


class PopulationScores(TypedDict):
    junior_gain: npt.NDArray[np.float64]
    senior_gain: npt.NDArray[np.float64]
    allowed: npt.NDArray[np.bool_]


class ExperimentRow(TypedDict):
    """One row of `Summary::to_csv`: a strategy's metric over the repeats."""

    strategy: str
    metric: str
    mean: float
    low: float
    high: float
    n: int


class Lesson(TypedDict):
    skill: str
    via: str
    teacher_level: int
    learner_level: int
    priority: int
    share: float


class Pair(TypedDict):
    junior: str
    senior: str
    score: float
    junior_gain: float
    senior_gain: float
    junior_learns: List[Lesson]
    senior_learns: List[Lesson]


class Unmatched(TypedDict):
    id: str
    side: Literal["junior", "senior"]
    #: `{"kind": ...}` with the kind's own keys (`unavailable`, `partners_taken`, ...).
    reason: Dict[str, Any]


class Matching(TypedDict):
    """What `mentor-match match --json` prints."""

    format: int
    pairs: List[Pair]
    unmatched: List[Unmatched]
    total_score: float
    objective: str
    strategy: str


class PairIds(TypedDict):
    junior: str
    senior: str


class Broken(TypedDict):
    pair: PairIds
    #: `{"kind": ...}`: `left_programme`, `unavailable`, `banned`, `in_history`,
    #: `rule_forbids`, `nothing_to_learn`, `no_place_left`, `more_people_matched`,
    #: `more_pairs` or `higher_score`, with the kind's own keys.
    why: Dict[str, Any]


class Round(TypedDict):
    matching: Matching
    kept: List[PairIds]
    broken: List[Broken]
    new: List[PairIds]
    sitting_out: List[str]


#: Previous pairs: a matching (a dict with `pairs`), or pairs as dicts or `(junior, senior)`.
Previous = Union[Matching, Mapping[str, Any], Sequence[Union[Mapping[str, Any], Tuple[str, str]]]]

# ---------------------------------------------------------------------------------------------
# Functions


def strategies() -> List[str]: ...


def pair(
    strategy: str,
    junior_gain: GainMatrix,
    senior_gain: GainMatrix,
    seed: int = 0,
    mask: Optional[Mask] = None,
    junior_capacity: Optional[Capacity] = None,
    senior_capacity: Optional[Capacity] = None,
) -> npt.NDArray[np.int64]: ...


def metrics(
    junior_gain: GainMatrix,
    senior_gain: GainMatrix,
    pairs: npt.ArrayLike,
    top_k: int = 3,
    mask: Optional[Mask] = None,
) -> Report: ...


def evaluate(
    junior_gain: GainMatrix,
    senior_gain: GainMatrix,
    strategies: Optional[Sequence[str]] = None,
    seed: int = 0,
    top_k: int = 3,
    mask: Optional[Mask] = None,
    junior_capacity: Optional[Capacity] = None,
    senior_capacity: Optional[Capacity] = None,
) -> Evaluation: ...


def population(
    juniors: int,
    seniors: int,
    seed: int = 0,
    *,
    catalog: Named = ...,
    junior_digital_lean: float = 0.8,
    senior_leadership_lean: float = 0.8,
    taste_correlation: float = 0.3,
    skill_count: WholeRange = (2, 4),
    wish_count: WholeRange = (1, 3),
    departments: int = 8,
    managed_share: float = 0.2,
    languages: Named = ...,
    timezone_spread: Optional[float] = None,
    junior_experience: WholeRange = (0, 10),
    senior_experience: WholeRange = (8, 35),
    idiosyncratic: float = 0.0,
) -> PopulationScores: ...


def population_roster(
    juniors: int,
    seniors: int,
    seed: int = 0,
    *,
    catalog: Named = ...,
    junior_digital_lean: float = 0.8,
    senior_leadership_lean: float = 0.8,
    taste_correlation: float = 0.3,
    skill_count: WholeRange = (2, 4),
    wish_count: WholeRange = (1, 3),
    departments: int = 8,
    managed_share: float = 0.2,
    languages: Named = ...,
    timezone_spread: Optional[float] = None,
    junior_experience: WholeRange = (0, 10),
    senior_experience: WholeRange = (8, 35),
    junior_capacity: int = 1,
    senior_capacity: int = 1,
) -> Dict[str, Any]: ...


def experiment(
    strategies: Optional[Sequence[str]] = None,
    juniors: int = 200,
    seniors: int = 200,
    repeats: int = 20,
    seed: int = 0,
    top_k: int = 3,
    *,
    catalog: Named = ...,
    junior_digital_lean: float = 0.8,
    senior_leadership_lean: float = 0.8,
    taste_correlation: float = 0.3,
    skill_count: WholeRange = (2, 4),
    wish_count: WholeRange = (1, 3),
    departments: int = 8,
    managed_share: float = 0.2,
    languages: Named = ...,
    timezone_spread: Optional[float] = None,
    junior_experience: WholeRange = (0, 10),
    senior_experience: WholeRange = (8, 35),
    idiosyncratic: float = 0.0,
) -> List[ExperimentRow]: ...


Method = Literal["auto", "dense", "sparse"]
Guarantee = Literal["candidate_graph", "every_pair"]


def match_roster(
    roster: Document,
    *,
    method: Optional[Method] = None,
    guarantee: Optional[Guarantee] = None,
    candidates_per_person: Optional[int] = None,
) -> Matching: ...


def programme_round(
    roster: Document,
    programme: Optional[Document] = None,
    previous: Optional[Previous] = None,
) -> Round: ...
