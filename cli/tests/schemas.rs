//! Every JSON output validates against its schema, and the schemas shipped in `schemas/` are
//! the ones the types generate (`mentor-match schema NAME > schemas/NAME.schema.json`).

use mentor_match::{Population, RosterSpec};
use mentor_match_cli::commands::schema::Output;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The repository's root (the workspace's, one level above the CLI's manifest).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The shipped schema of `output`.
fn shipped(output: Output) -> Value {
    let path = root().join(format!("schemas/{}.schema.json", output.name()));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Runs `mentor-match ARGS` in-process and returns its output as JSON.
fn output_of(args: &[&str]) -> Value {
    let mut all = vec!["mentor-match"];
    all.extend_from_slice(args);
    let text = mentor_match_cli::run(all).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?} is not JSON: {e}\n{text}"))
}

/// Asserts that `document` validates against the shipped schema of `output`.
fn assert_valid(output: Output, document: &Value, what: &str) {
    let validator = jsonschema::validator_for(&shipped(output)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// A file in the tests' temporary directory holding `text`.
fn temp(name: &str, text: &[u8]) -> String {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("schemas-{name}"));
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The inputs recorded with the outputs before the move to the CLI.
fn recorded(name: &str) -> String {
    root()
        .join("cli/tests/data/before/in")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

#[test]
fn shipped_schemas_are_the_generated_ones() {
    for output in Output::ALL {
        let printed = output_of(&["schema", output.name()]);
        assert_eq!(
            printed,
            shipped(output),
            "schemas/{0}.schema.json is stale: run `cargo run -- schema {0} > schemas/{0}.schema.json`",
            output.name()
        );
        assert_eq!(
            printed["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            printed["properties"]["format"]["$ref"],
            "#/$defs/FormatVersion"
        );
    }
}

#[test]
fn every_output_carries_format_1() {
    let pilot = output_of(&["match", "--json"]);
    let programme = output_of(&["programme", "--json"]);
    let assign = output_of(&["assign", &recorded("m.csv")]);
    let strategies = output_of(&["strategies", &recorded("s1.json")]);
    for document in [pilot, programme, assign, strategies] {
        assert_eq!(document["format"], json!(1));
    }
}

#[test]
fn match_outputs_validate() {
    assert_valid(Output::Match, &output_of(&["match", "--json"]), "the pilot");
    // Every kind of unmatched reason: no allowed partner (a language), nothing to learn, the
    // other side empty, unavailable, partners taken.
    let small = temp(
        "reasons.json",
        br#"{"participants": [
            {"id": "ola", "side": "junior", "languages": ["pl"], "wishes": {"strategy": 3}},
            {"id": "kai", "side": "junior", "skills": {"excel": 2}},
            {"id": "ida", "side": "junior", "wishes": {"strategy": 5}, "skills": {"cloud": 4}},
            {"id": "eva", "side": "junior", "wishes": {"strategy": 4}},
            {"id": "jan", "side": "senior", "languages": ["en"], "skills": {"strategy": 5},
             "wishes": {"cloud": 3}},
            {"id": "tom", "side": "senior", "capacity": 0}]}"#,
    );
    let document = output_of(&["match", "--json", &small]);
    assert_valid(Output::Match, &document, "the small roster");
    let kinds: Vec<&str> = document["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["reason"]["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "no_allowed_partner",
        "nothing_to_learn",
        "unavailable",
        "partners_taken",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let lonely = temp(
        "lonely.json",
        br#"{"participants": [{"id": "ola", "side": "junior"}]}"#,
    );
    let document = output_of(&["match", "--json", &lonely]);
    assert_eq!(
        document["unmatched"][0]["reason"]["kind"],
        "other_side_empty"
    );
    assert_valid(Output::Match, &document, "one junior alone");
    // Synthetic populations: many skills, capacities, reasons.
    for seed in 1..=3 {
        let roster = Population::new(40, 35).with_seed(seed).roster().unwrap();
        let spec: &RosterSpec = roster.spec();
        let file = temp(
            &format!("population-{seed}.json"),
            spec.to_json().as_bytes(),
        );
        assert_valid(
            Output::Match,
            &output_of(&["match", "--json", &file]),
            &format!("population {seed}"),
        );
    }
}

#[test]
fn programme_output_validates() {
    assert_valid(
        Output::Programme,
        &output_of(&["programme", "--json"]),
        "the programme",
    );
}

#[test]
fn assign_outputs_validate_with_every_kind_of_total() {
    for (file, flags) in [
        ("f64.npy", &[][..]),
        ("f64_inf.npy", &[][..]),
        ("i64.npy", &["--maximize"][..]),
        ("i64_fortran.npy", &[][..]),
        ("m.csv", &["--maximize"][..]),
        ("ties.csv", &[][..]),
        ("ties.csv", &["--k-best", "5"][..]),
        ("i64.npy", &["--k-best", "3", "--maximize"][..]),
    ] {
        let path = recorded(file);
        let mut args = vec!["assign", path.as_str()];
        args.extend_from_slice(flags);
        assert_valid(Output::Assign, &output_of(&args), file);
    }
    // Integer totals beyond i64: above it as an unsigned number, beyond u64 as digits.
    for (n, total) in [
        (3, json!(12_000_000_000_000_000_000u64)),
        (5, json!("20000000000000000000")),
    ] {
        let file = temp(
            &format!("big-{n}.npy"),
            &npy_i64(n, 4_000_000_000_000_000_000),
        );
        let document = output_of(&["assign", &file, "--maximize"]);
        assert_eq!(document["total"], total);
        assert_valid(
            Output::Assign,
            &document,
            &format!("{n} × {n} big integers"),
        );
    }
}

/// An `n × n` `int64` `.npy` file (version 1.0, little-endian) with every cell `value`.
fn npy_i64(n: usize, value: i64) -> Vec<u8> {
    let mut header = format!("{{'descr': '<i8', 'fortran_order': False, 'shape': ({n}, {n}), }}");
    // Magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64
    // and ended by a newline, as numpy writes it.
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
    bytes.extend_from_slice(header.as_bytes());
    for _ in 0..n * n {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    bytes
}

#[test]
fn strategies_outputs_validate_one_to_one_and_many_to_many() {
    for name in ["s1.json", "s2.json", "s3.json", "s4.json", "s5.json"] {
        let document = output_of(&["strategies", &recorded(name)]);
        assert_valid(Output::Strategies, &document, name);
    }
    // With the k best utilitarian pairings, one to one and (listed as unsupported) many to
    // many.
    for (name, capacity) in [("k-best.json", 1), ("k-best-many.json", 2)] {
        let text = format!(
            r#"{{"junior_gain": [[0.9, 0.4], [0.5, null]], "senior_gain": [[0.1, 0.4], [0.5, 0.5]],
                "k_best": 4, "senior_capacity": {capacity}}}"#
        );
        let document = output_of(&["strategies", &temp(name, text.as_bytes())]);
        assert_eq!(document["k_best"].is_array(), capacity == 1, "{name}");
        assert_valid(Output::Strategies, &document, name);
    }
}

#[test]
fn schemas_reject_what_is_not_an_output() {
    let mut pilot = output_of(&["match", "--json"]);
    pilot["format"] = json!(2);
    let validator = jsonschema::validator_for(&shipped(Output::Match)).unwrap();
    assert!(!validator.is_valid(&pilot), "format 2 must not validate");
    let mut pilot = output_of(&["match", "--json"]);
    pilot.as_object_mut().unwrap().remove("pairs");
    assert!(
        !validator.is_valid(&pilot),
        "a matching without pairs must not validate"
    );
    let mut pilot = output_of(&["match", "--json"]);
    pilot["unmatched"][0]["reason"] = json!({"kind": "bored"});
    assert!(
        !validator.is_valid(&pilot),
        "an unknown reason must not validate"
    );
    let assign = jsonschema::validator_for(&shipped(Output::Assign)).unwrap();
    let mut document = output_of(&["assign", &recorded("m.csv")]);
    document["pairs"][0] = json!([0, 1, 2]);
    assert!(
        !assign.is_valid(&document),
        "a pair of three must not validate"
    );
}
