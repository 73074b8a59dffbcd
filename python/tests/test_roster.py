"""The matcher and programme rounds from Python, against the documents the Rust tool recorded."""

import copy
import json
import pathlib

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
