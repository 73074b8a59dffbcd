"""The matcher and programme rounds from Python, against the documents the Rust tool recorded."""

import copy
import json
import os
import pathlib

import numpy as np
import pytest

import mentor_match as mm

REPO = pathlib.Path(__file__).resolve().parents[2]
PILOT = REPO / "examples" / "data" / "pilot.json"
OUT = REPO / "cli" / "tests" / "data" / "before" / "out"
LOCK = {"locks": [{"junior": "lena", "senior": "piotr"}]}


def without_format(doc):
    """`doc` without its `format` keys, at any depth (the recorded documents predate them)."""
    if isinstance(doc, dict):
        return {k: without_format(v) for k, v in doc.items() if k != "format"}
    if isinstance(doc, list):
        return [without_format(v) for v in doc]
    return doc


def pilot():
    return json.loads(PILOT.read_text(encoding="utf-8"))


def recorded_rounds():
    return [step["round"] for step in json.loads((OUT / "programme.json").read_text(encoding="utf-8"))]


def pairs_of(doc):
    return [(p["junior"], p["senior"]) for p in doc["pairs"]]


# ---------------------------------------------------------------------------------------------
# match_roster


@pytest.mark.parametrize(
    "given",
    [
        lambda: str(PILOT),
        lambda: PILOT,
        lambda: PILOT.read_text(encoding="utf-8"),
        pilot,
    ],
    ids=["path-str", "pathlib", "json-str", "dict"],
)
def test_match_roster_equals_the_recorded_rust_output(given):
    matching = mm.match_roster(given())
    assert matching["format"] == 1
    expected = json.loads((OUT / "match_pilot.json").read_text(encoding="utf-8"))
    assert without_format(matching) == without_format(expected)
    assert ("ola", "halina") in pairs_of(matching)
    assert [u["id"] for u in matching["unmatched"]] == ["lena", "barbara"]


def test_a_path_to_a_file_with_another_suffix_is_read_through_pathlib(tmp_path):
    file = tmp_path / "roster.txt"
    file.write_text(PILOT.read_text(encoding="utf-8"), encoding="utf-8")
    assert mm.match_roster(file) == mm.match_roster(str(PILOT))


def test_an_unknown_field_is_a_value_error_naming_participant_and_field():
    roster = pilot()
    roster["participants"][0]["skils"] = {"sql": 3}
    who = roster["participants"][0]["id"]
    with pytest.raises(ValueError, match=rf"participant `{who}`.*skils") as caught:
        mm.match_roster(roster)
    assert "skils" in str(caught.value)


def test_a_duplicate_id_is_a_value_error_naming_the_participant():
    roster = pilot()
    twin = copy.deepcopy(roster["participants"][1])
    roster["participants"].append(twin)
    with pytest.raises(ValueError, match=rf"`{twin['id']}`"):
        mm.match_roster(roster)


def test_every_mistake_is_listed_and_a_file_is_named(tmp_path):
    roster = {"participants": [
        {"id": "ola", "side": "junior", "wishes": {"negotiation": 9}},
        {"id": "jan", "side": "senior", "timezone": 30},
    ]}
    with pytest.raises(ValueError, match=r"(?s)2 mistakes.*`ola`.*`wishes`.*9.*`jan`.*`timezone`"):
        mm.match_roster(roster)
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(roster), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^.*bad\.json: "):
        mm.match_roster(str(file))


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError, match=r"got list"):
        mm.match_roster(pilot()["participants"])
    with pytest.raises(TypeError):
        mm.match_roster(42)
    with pytest.raises(TypeError):
        mm.match_roster({"participants": [{"id": "ola", "side": "junior", "skills": {1, 2}}]})
    with pytest.raises(TypeError):
        mm.programme_round(pilot(), [LOCK])
    with pytest.raises(TypeError):
        mm.programme_round(pilot(), previous="ola-jan")


def test_invalid_json_text_and_missing_files():
    with pytest.raises(ValueError, match=r"line 1"):
        mm.match_roster('{"participants": [}')
    with pytest.raises(ValueError):
        mm.match_roster("[]")
    with pytest.raises(FileNotFoundError, match=r"missing\.json"):
        mm.match_roster("missing.json")
    with pytest.raises(FileNotFoundError):
        mm.match_roster(pathlib.Path("missing-roster"))


# ---------------------------------------------------------------------------------------------
# programme_round


def test_a_locked_pair_is_kept_as_the_rust_tool_records():
    first = mm.programme_round(pilot(), LOCK)
    assert ("lena", "piotr") in pairs_of(first["matching"])
    assert first["matching"]["strategy"] == "programme"
    assert set(first) == {"matching", "kept", "broken", "new", "sitting_out"}
    assert without_format(first) == without_format(recorded_rounds()[0])
    # The same spec as JSON text and as a file.
    assert mm.programme_round(pilot(), json.dumps(LOCK)) == first


def test_previous_pairs_are_reported_as_kept(tmp_path):
    first = mm.programme_round(pilot(), LOCK)
    without = pilot()
    without["participants"] = [p for p in without["participants"] if p["id"] != "natalia"]
    second = mm.programme_round(without, LOCK, previous=first["matching"])
    assert second["kept"], "previous pairs are kept"
    assert {"junior": "lena", "senior": "piotr"} in second["kept"]
    assert {"pair": {"junior": "natalia", "senior": "ewa"}, "why": {"kind": "left_programme", "id": "natalia"}} in second["broken"]
    assert without_format(second) == without_format(recorded_rounds()[1])
    # The previous pairs as a list of dicts, as (junior, senior) tuples, or in the spec file.
    as_dicts = mm.programme_round(without, LOCK, previous=first["matching"]["pairs"])
    as_tuples = mm.programme_round(without, LOCK, previous=pairs_of(first["matching"]))
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps({**LOCK, "previous": first["matching"]["pairs"]}), encoding="utf-8")
    from_file = mm.programme_round(without, spec)
    assert as_dicts == as_tuples == from_file == second


def test_without_a_spec_a_round_is_the_plain_optimum():
    round_ = mm.programme_round(pilot())
    assert pairs_of(round_["matching"]) == pairs_of(mm.match_roster(pilot()))
    assert round_["kept"] == [] and round_["broken"] == []


def test_bad_programme_specs_are_value_errors():
    with pytest.raises(ValueError, match=r"lock"):
        mm.programme_round(pilot(), {"lock": []})
    with pytest.raises(ValueError, match=r"keep_bonus"):
        mm.programme_round(pilot(), {"keep_bonus": 1e308})
    with pytest.raises(ValueError, match=r"nobody"):
        mm.programme_round(pilot(), {"locks": [{"junior": "nobody", "senior": "piotr"}]})
    with pytest.raises(ValueError, match=r"scroe"):
        mm.programme_round(pilot(), previous=[{"junior": "ola", "senior": "halina", "scroe": 1}])
    with pytest.raises(ValueError, match=r"pairs"):
        mm.programme_round(pilot(), previous={"junior": "ola", "senior": "halina"})


# ---------------------------------------------------------------------------------------------
# The matcher's options: method, guarantee, candidates per person; capacities from the roster


def totals(matching):
    return len(matching["pairs"]), matching["total_score"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sparse_method_with_every_pair_proven_equals_the_dense_optimum(seed):
    roster = mm.population_roster(80, 80, seed=seed)
    dense = mm.match_roster(roster, method="dense")
    proven = mm.match_roster(roster, method="sparse", guarantee="every_pair", candidates_per_person=1)
    graph = mm.match_roster(roster, method="sparse", candidates_per_person=1)
    assert len(proven["pairs"]) == len(dense["pairs"])
    assert proven["total_score"] == pytest.approx(dense["total_score"], rel=1e-12, abs=1e-9)
    # The graph's own optimum can only be below the roster's.
    assert len(graph["pairs"]) <= len(dense["pairs"])
    assert graph["total_score"] <= dense["total_score"] + 1e-9


def test_options_left_out_or_none_are_the_defaults():
    roster = mm.population_roster(30, 30, seed=5)
    plain = mm.match_roster(roster)
    assert mm.match_roster(roster, method=None, guarantee=None, candidates_per_person=None) == plain
    assert mm.match_roster(roster, method="auto", guarantee="candidate_graph") == plain


@pytest.mark.parametrize("method", ["dense", "sparse"])
def test_capacities_from_population_roster_are_honoured(method):
    roster = mm.population_roster(40, 10, seed=3, senior_capacity=4)
    assert [p.get("capacity", 1) for p in roster["participants"]] == [1] * 40 + [4] * 10
    matching = mm.match_roster(roster, method=method, guarantee="every_pair", candidates_per_person=2)
    pairs = pairs_of(matching)
    assert len(set(pairs)) == len(pairs)
    seniors = [s for _, s in pairs]
    assert max(seniors.count(s) for s in set(seniors)) <= 4
    juniors = [j for j, _ in pairs]
    assert len(set(juniors)) == len(juniors)
    assert len(pairs) > 10  # more pairs than seniors: someone mentors several


def test_sparse_and_dense_agree_under_capacities_with_every_pair_proven():
    roster = mm.population_roster(60, 15, seed=2, senior_capacity=4)
    dense = mm.match_roster(roster, method="dense")
    proven = mm.match_roster(roster, method="sparse", guarantee="every_pair", candidates_per_person=1)
    assert len(proven["pairs"]) == len(dense["pairs"])
    assert proven["total_score"] == pytest.approx(dense["total_score"], rel=1e-9, abs=1e-9)


def test_bad_matcher_options_are_named():
    roster = pilot()
    with pytest.raises(ValueError, match=r"`method`: unknown variant `Sparse`, expected one of `auto`, `dense`, `sparse`"):
        mm.match_roster(roster, method="Sparse")
    with pytest.raises(ValueError, match=r"`guarantee`: unknown variant `every-pair`, expected `candidate_graph` or `every_pair`"):
        mm.match_roster(roster, guarantee="every-pair")
    with pytest.raises(ValueError, match=r"`candidates_per_person`: 0 is not a whole number from 1"):
        mm.match_roster(roster, candidates_per_person=0)
    with pytest.raises(TypeError, match=r"`method` must be a str, got int"):
        mm.match_roster(roster, method=3)
    with pytest.raises(TypeError, match=r"`guarantee` must be a str, got bytes"):
        mm.match_roster(roster, guarantee=b"every_pair")
    with pytest.raises(TypeError, match=r"`candidates_per_person` must be an int, got float"):
        mm.match_roster(roster, candidates_per_person=2.0)
    with pytest.raises(TypeError):
        mm.match_roster(roster, "sparse")  # keyword only
    # A programme round always solves on every pair: it takes no method.
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'method'"):
        mm.programme_round(roster, method="sparse")


def test_the_sparse_method_refuses_minimum_partners_by_name():
    roster = pilot()
    roster["participants"][0]["min_partners"] = 1
    with pytest.raises(ValueError, match=r"(?i)sparse"):
        mm.match_roster(roster, method="sparse")
    assert mm.match_roster(roster, method="dense")["pairs"]


# ---------------------------------------------------------------------------------------------
# Hostile input: devices and binary files, values JSON has not


def test_a_device_or_binary_file_is_refused_after_its_first_bytes(limited, tmp_path):
    # /dev/zero was read until memory ran out (an OSError under a limit, the machine's memory
    # without one).
    run = limited(
        """
        import pathlib, mentor_match as mm
        for call in (lambda p: mm.match_roster(p), lambda p: mm.programme_round({}, p)):
            try:
                call(pathlib.Path("/dev/zero"))
            except ValueError as e:
                print("ValueError", e)
        """,
        memory=2 * 2**30,
        timeout=60,
    )
    if not pathlib.Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.splitlines() == [
        "ValueError /dev/zero: line 1 column 1: a NUL byte: not a text file"
    ] * 2
    binary = tmp_path / "roster.json"
    binary.write_bytes(b'{"participants":\n  [\x00]}')
    with pytest.raises(ValueError, match=r"roster\.json: line 2 column 4: a NUL byte: not a text file$"):
        mm.match_roster(binary)
    binary.write_bytes(b'{"participants": []}\n\xff')
    with pytest.raises(ValueError, match=r"roster\.json: line 2 column 1: a byte that is not UTF-8: not a text file$"):
        mm.match_roster(str(binary))
    # A character cut by a chunk's end is read whole.
    text = tmp_path / "long.json"
    text.write_text('{"participants": []}' + " " * (2**16 - 21) + "\u00e9 ", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1 column 65536: trailing characters$"):
        mm.match_roster(text)  # é is not JSON, but it is text
    text.write_text('{"participants": []}' + " " * 2**17, encoding="utf-8")
    assert mm.match_roster(text)["pairs"] == []


def test_a_path_that_is_not_utf8_is_read_as_the_system_has_it(tmp_path):
    name = os.fsdecode(b"\xff-roster.json")
    with pytest.raises(FileNotFoundError):
        mm.match_roster(pathlib.Path(tmp_path, name))  # was UnicodeEncodeError
    with pytest.raises(FileNotFoundError):
        mm.match_roster(str(pathlib.Path(tmp_path, name)))
    try:
        (tmp_path / name).write_text(json.dumps(pilot()), encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses the name")
    assert mm.match_roster(tmp_path / name) == mm.match_roster(pilot())


def test_every_value_json_cannot_hold_is_named_by_its_place():
    roster = pilot()
    roster["participants"][0]["skills"]["negotiation"] = float("nan")
    roster["participants"][2]["capacity"] = float("inf")
    # "Out of range float values are not JSON compliant", naming nothing, before.
    with pytest.raises(ValueError) as raised:
        mm.match_roster(roster)
    assert str(raised.value) == (
        "2 mistakes found:\n"
        "- `roster`: participants[0].skills.negotiation is NaN, and JSON has no NaN or infinity\n"
        "- `roster`: participants[2].capacity is inf, and JSON has no NaN or infinity"
    )
    with pytest.raises(ValueError, match=r"^`programme`: keep_bonus is -inf, and JSON"):
        mm.programme_round(pilot(), {"keep_bonus": float("-inf")})
    roster = pilot()
    roster["participants"][1]["skills"]["negotiation"] = np.int64(3)
    with pytest.raises(TypeError, match=r"^`roster`: participants\[1\]\.skills\.negotiation is a int64, which JSON cannot hold$"):
        mm.match_roster(roster)
    with pytest.raises(TypeError, match=r"^`roster`: participants has a key of type tuple"):
        mm.match_roster({"participants": {(1, 2): 3}})
    circular = {"participants": []}
    circular["participants"].append(circular)
    with pytest.raises(ValueError, match=r"[Cc]ircular"):
        mm.match_roster(circular)


def test_every_bad_previous_pair_is_named():
    previous = [
        ("lena", "piotr"),
        ("lena",),
        5,
        {"junior": "lena", "senior": "piotr", "score": float("nan")},
        {"junior": "lena", "senior": "piotr", "typo": 1},
    ]
    # Only the first was named, and a NaN was "expected value at line 1 column 41".
    with pytest.raises(ValueError) as raised:
        mm.programme_round(pilot(), previous=previous)
    lines = str(raised.value).splitlines()
    assert lines[0] == "4 mistakes found:"
    assert lines[1].startswith("- `previous` entry 1 must be a dict with `junior` and `senior`")
    assert lines[2].startswith("- `previous` entry 2 must be a dict") and lines[2].endswith("got int")
    assert lines[3] == "- `previous` entry 3: score is NaN, and JSON has no NaN or infinity"
    assert lines[4].startswith("- `previous` entry 4: unknown field `typo`")
    with pytest.raises(TypeError, match=r"(?s)^2 mistakes found:.*entry 0 must.*entry 1 must"):
        mm.programme_round(pilot(), previous=[3, None])
