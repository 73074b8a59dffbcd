//! Integration tests of the roster CSV format (`RosterSpec::from_csv`, `RosterSpec::to_csv`,
//! `Roster::from_csv`): the pilot roster's round trip and its matching, the two forms of skill
//! columns, attribute inference used by criteria, every mistake of a malformed file reported
//! with its row and column, hostile files, and random specs that round-trip exactly.
#![cfg(feature = "csv")]

mod common;

use mentor_match::model::{Attribute, Criterion, Relation, Strength};
use mentor_match::{Error, Matcher, Matching, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::collection::{btree_map, btree_set, vec};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[cfg(feature = "json")]
const PILOT: &str = include_str!("../examples/data/pilot.json");

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The error of reading `text`, which must fail.
fn csv_err(text: &str) -> Error {
    match RosterSpec::from_csv(text) {
        Ok(spec) => panic!(
            "expected an error, got {} participants",
            spec.participants.len()
        ),
        Err(e) => e,
    }
}

/// Each mistake of `err` as (participant, field, message); panics on another variant.
fn fields(err: &Error) -> Vec<(String, String, String)> {
    err.all()
        .iter()
        .map(|e| match e {
            Error::InvalidField {
                participant,
                field,
                message,
            } => (participant.clone(), field.clone(), message.clone()),
            other => panic!("expected InvalidField, got {other:?}"),
        })
        .collect()
}

/// The pairs of a matching as (junior, senior, score).
fn pairs(m: &Matching) -> Vec<(String, String, f64)> {
    m.pairs()
        .iter()
        .map(|p| (p.junior.clone(), p.senior.clone(), p.score))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// (a) The pilot roster
// ---------------------------------------------------------------------------------------------

#[test]
#[cfg(feature = "json")]
fn pilot_roster_round_trips_and_matches_the_same() {
    let spec = RosterSpec::from_json(PILOT).unwrap();
    assert!(!spec.skills.is_empty(), "the pilot has a catalog");
    let csv = spec.to_csv();
    let mut again = RosterSpec::from_csv(&csv).unwrap();

    // The catalog is not part of a CSV file: everything else comes back.
    assert!(again.skills.is_empty());
    let mut without_catalog = spec.clone();
    without_catalog.skills.clear();
    assert_eq!(again, without_catalog);

    // With the catalog given in Rust, the spec is the JSON one and so is the matching.
    again.skills = spec.skills.clone();
    assert_eq!(again, spec);
    let from_json = Matcher::new().solve(&Roster::new(spec).unwrap()).unwrap();
    let from_csv = Matcher::new().solve(&Roster::new(again).unwrap()).unwrap();
    assert!(!from_json.pairs().is_empty());
    assert_eq!(pairs(&from_csv), pairs(&from_json));
    assert_eq!(from_csv.total_score(), from_json.total_score());
    assert_eq!(from_csv.unmatched(), from_json.unmatched());

    // Without a catalog on both sides, reading the CSV straight into a roster matches as the
    // JSON without its catalog.
    let plain = Matcher::new()
        .solve(&Roster::new(without_catalog).unwrap())
        .unwrap();
    let direct = Matcher::new()
        .solve(&Roster::from_csv(&csv).unwrap())
        .unwrap();
    assert_eq!(pairs(&direct), pairs(&plain));
}

#[test]
#[cfg(feature = "json")]
fn pilot_csv_has_the_documented_layout() {
    let csv = RosterSpec::from_json(PILOT).unwrap().to_csv();
    let header = csv.lines().next().unwrap();
    assert_eq!(
        header,
        "id,side,name,capacity,department,manager,languages,timezone,experience_years,skills,\
         wishes"
    );
    assert_eq!(csv.lines().count(), 25, "a header and 24 participants");
    assert!(csv.contains("\nola,junior,Ola Nowak,1,Marketing,katarzyna,pl;en,1,2,"));
}

// ---------------------------------------------------------------------------------------------
// (b) One column per skill
// ---------------------------------------------------------------------------------------------

#[test]
fn skill_columns_read_as_skill_lists() {
    let lists = "id,side,skills,wishes\n\
                 ola,junior,sql:4;spreadsheets:5,negotiation:3\n\
                 jan,senior,negotiation:5,sql:2;spreadsheets:1\n\
                 ewa,senior,,\n";
    let columns = "id, side ,skill:sql,skill: spreadsheets,skill:negotiation,wish:sql,\
                   wish:spreadsheets,wish:negotiation\n\
                   ola,junior,4,5,,,,3\n\
                   jan,senior,,,5,2,1,\n\
                   ewa,senior,,,,,,\n";
    let from_lists = RosterSpec::from_csv(lists).unwrap();
    let from_columns = RosterSpec::from_csv(columns).unwrap();
    assert_eq!(from_columns, from_lists);
    assert_eq!(from_lists.participants[0].skills["spreadsheets"], 5);
    assert_eq!(from_lists.participants[1].wishes["sql"], 2);
    assert!(from_lists.participants[2].skills.is_empty());
    assert_eq!(from_lists.participants.len(), 3);

    // Both forms mixed: still the same, and a skill in both is a mistake.
    let mixed = "id,side,skills,skill:spreadsheets,wishes,wish:negotiation\n\
                 ola,junior,sql:4,5,,3\n\
                 jan,senior,negotiation:5,,sql:2;spreadsheets:1,\n\
                 ewa,senior,,,,\n";
    assert_eq!(RosterSpec::from_csv(mixed).unwrap(), from_lists);
    let twice = "id,side,skills,skill:sql\nola,junior,sql:4,3\n";
    assert_eq!(
        fields(&csv_err(twice)),
        [(
            "ola".to_owned(),
            "skill:sql".to_owned(),
            "row 1: the skill `sql` is given twice".to_owned()
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// (c) Attributes
// ---------------------------------------------------------------------------------------------

#[test]
fn attribute_kinds_follow_the_cells() {
    let csv = "id,side,region,age,remote,interests,code,mixed,blank\n\
               a,junior,EMEA,1e3,TRUE,ai;cloud,007,true,\n\
               b,senior,APAC,-0.5,false,sales,x1,1,\n\
               c,senior,, 42 ,,;,,,\n";
    let spec = RosterSpec::from_csv(csv).unwrap();
    let attrs: Vec<&BTreeMap<String, Attribute>> =
        spec.participants.iter().map(|p| &p.attributes).collect();
    let text = |s: &str| Attribute::Text(s.to_owned());
    let list = |items: &[&str]| Attribute::List(items.iter().map(|s| s.to_string()).collect());

    // Text: any cell that is neither a number nor a flag, and no `;`.
    assert_eq!(attrs[0]["region"], text("EMEA"));
    assert_eq!(attrs[1]["region"], text("APAC"));
    // Numbers: every non-empty cell a finite number (trimmed).
    assert_eq!(attrs[0]["age"], Attribute::Number(1000.0));
    assert_eq!(attrs[1]["age"], Attribute::Number(-0.5));
    assert_eq!(attrs[2]["age"], Attribute::Number(42.0));
    // Flags, in any case.
    assert_eq!(attrs[0]["remote"], Attribute::Flag(true));
    assert_eq!(attrs[1]["remote"], Attribute::Flag(false));
    // Lists: one cell with `;` makes the column lists; `;` alone is the empty list.
    assert_eq!(attrs[0]["interests"], list(&["ai", "cloud"]));
    assert_eq!(attrs[1]["interests"], list(&["sales"]));
    assert_eq!(attrs[2]["interests"], list(&[]));
    // One cell that is not a number makes every cell of the column a text.
    assert_eq!(attrs[0]["code"], text("007"));
    assert_eq!(attrs[1]["code"], text("x1"));
    // Flags and numbers mixed: texts.
    assert_eq!(attrs[0]["mixed"], text("true"));
    assert_eq!(attrs[1]["mixed"], text("1"));
    // Empty cells give nothing; an empty column gives nobody the attribute.
    assert!(!attrs[2].contains_key("region"));
    assert!(attrs.iter().all(|a| !a.contains_key("blank")));

    // What is not finite is not a number: the column is texts.
    let spec = RosterSpec::from_csv("id,side,x\na,junior,inf\nb,senior,2\n").unwrap();
    assert_eq!(spec.participants[0].attributes["x"], text("inf"));
    assert_eq!(spec.participants[1].attributes["x"], text("2"));

    // A name that looks like a built-in field is an attribute.
    let spec = RosterSpec::from_csv("id,side,Capacity,skils\na,junior,3,sql:4\n").unwrap();
    let p = &spec.participants[0];
    assert_eq!(p.capacity, 1);
    assert_eq!(p.attributes["Capacity"], Attribute::Number(3.0));
    assert_eq!(p.attributes["skils"], text("sql:4"));
    assert!(p.skills.is_empty());
}

#[test]
fn attribute_columns_drive_criteria() {
    // Every pair gains the same from skills; the criteria alone decide who goes with whom.
    let csv = "id,side,skills,wishes,region,interests,age,remote\n\
               j1,junior,ai-assistants:4,strategy:3,EMEA,ai;cloud,25,true\n\
               j2,junior,ai-assistants:4,strategy:3,APAC,sales,30,false\n\
               s1,senior,strategy:4,ai-assistants:3,EMEA,sales;coaching,55,false\n\
               s2,senior,strategy:4,ai-assistants:3,APAC,ai,50,true\n";
    let spec = RosterSpec::from_csv(csv).unwrap();
    assert_eq!(
        spec.participants[3].attributes["interests"],
        Attribute::List(vec!["ai".into()])
    );
    let spec = spec
        .with_criterion(Criterion::new(
            "region",
            Relation::Different,
            Strength::Medium,
        ))
        .with_criterion(Criterion::new(
            "interests",
            Relation::Overlap,
            Strength::High,
        ))
        .with_criterion(Criterion::new("age", Relation::Closest, Strength::Low).with_scale(40.0))
        .with_criterion(Criterion::new("remote", Relation::Same, Strength::Low));
    let matching = Matcher::new().solve(&spec.validate().unwrap()).unwrap();
    let got: Vec<(&str, &str)> = matching
        .pairs()
        .iter()
        .map(|p| (p.junior.as_str(), p.senior.as_str()))
        .collect();
    assert_eq!(got, [("j1", "s2"), ("j2", "s1")]);

    // The same criteria with the regions made equal for everyone: the region no longer
    // separates, but the interests still do.
    let same_region = csv.replace("APAC", "EMEA");
    let spec = RosterSpec::from_csv(&same_region)
        .unwrap()
        .with_criterion(Criterion::new(
            "region",
            Relation::Different,
            Strength::Medium,
        ))
        .with_criterion(Criterion::new(
            "interests",
            Relation::Overlap,
            Strength::High,
        ));
    let matching = Matcher::new().solve(&spec.validate().unwrap()).unwrap();
    assert_eq!(matching.pairs()[0].senior, "s2");

    // A criterion on a flag column that compares numbers is refused by the validation: the
    // column was read as flags.
    let spec = RosterSpec::from_csv(csv)
        .unwrap()
        .with_criterion(Criterion::new("remote", Relation::Closest, Strength::Low).with_scale(1.0));
    let err = spec.validate().unwrap_err();
    assert!(
        err.all()
            .iter()
            .any(|e| matches!(e, Error::InvalidField { field, message, .. }
            if field == "attributes.remote" && message.ends_with("but this is a boolean"))),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// (d) Mistakes
// ---------------------------------------------------------------------------------------------

#[test]
fn every_malformed_cell_is_reported_with_row_and_column() {
    let csv = "id,side,capacity,timezone,experience_years,skills,wishes,skill:excel,ratings\n\
               ola,junior,1,1,2,sql:9,negotiation:3,,\n\
               jan,mentor,two,1,30,negotiation:5,sql:x,,\n\
               ,senior,1,+1h,-3,strategy,:4,6,ola:9;kuba\n\
               ewa,senior,1\n\
               kuba,junior,1,0,1,sql:4;sql:5,,4,ewa:2;ewa:3\n";
    let err = csv_err(csv);
    let found = fields(&err);
    let expected = [
        (
            "ola",
            "skills",
            "row 1: `sql:9`: a level is a whole number from 1 to 5",
        ),
        (
            "jan",
            "side",
            "row 2: `mentor` is not a side: write junior or senior",
        ),
        (
            "jan",
            "capacity",
            "row 2: `two` is not a whole number of partners, 0 or more",
        ),
        (
            "jan",
            "wishes",
            "row 2: `sql:x`: a level is a whole number from 1 to 5",
        ),
        ("row 3", "id", "row 3: empty: every participant needs an id"),
        (
            "row 3",
            "timezone",
            "row 3: `+1h` is not a number of hours within -24..=24",
        ),
        (
            "row 3",
            "experience_years",
            "row 3: `-3` is not a number of years, at least 0",
        ),
        (
            "row 3",
            "skills",
            "row 3: `strategy` has no level: write skill:level, e.g. `sql:3`",
        ),
        ("row 3", "wishes", "row 3: `:4` names no skill"),
        (
            "row 3",
            "skill:excel",
            "row 3: `6`: a level is a whole number from 1 to 5",
        ),
        (
            "row 3",
            "ratings",
            "row 3: `ola:9`: a rating is a whole number from -5 to 5",
        ),
        (
            "row 3",
            "ratings",
            "row 3: `kuba` has no rating: write id:rating, e.g. `jan:4`",
        ),
        (
            "ewa",
            "(row)",
            "row 4: the row has 3 cells but the header has 9: every row needs one cell per \
             column (quote a cell that holds a comma)",
        ),
        ("kuba", "skills", "row 5: the skill `sql` is given twice"),
        (
            "kuba",
            "ratings",
            "row 5: the rating of `ewa` is given twice",
        ),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|&(p, f, m)| (p.to_owned(), f.to_owned(), m.to_owned()))
        .collect();
    assert_eq!(found, expected);
    assert!(matches!(err, Error::Multiple { more: 0, .. }));
    assert!(
        err.to_string()
            .contains("\n- participant `jan`, field `side`: row 2: `mentor` is not a side")
    );
}

#[test]
fn header_mistakes_are_each_reported() {
    // No `id` column: one mistake naming the column, not one a row.
    let err = csv_err("name,side\nOla,junior\nJan,senior\n");
    assert_eq!(
        fields(&err),
        [(
            "(header)".to_owned(),
            "id".to_owned(),
            "the header has no `id` column: every participant needs one".to_owned()
        )]
    );
    let err = csv_err("id\nola\n");
    assert_eq!(fields(&err)[0].1, "side");
    assert_eq!(err.all().len(), 1);

    // A repeated name (after trimming), an empty name and a `skill:` without a skill.
    let err =
        csv_err("id,side,region, region,,skill:,wish:sql,wish: sql\nola,junior,a,b,c,1,2,3\n");
    let found = fields(&err);
    let at = |field: &str| {
        found
            .iter()
            .find(|(_, f, _)| f == field)
            .unwrap_or_else(|| panic!("no mistake in `{field}`: {found:?}"))
            .2
            .clone()
    };
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found.iter().all(|(p, _, _)| p == "(header)"));
    assert!(at("region").contains("columns 3 and 4"));
    assert_eq!(at("column 5"), "column 5 has no name");
    assert!(at("skill:").contains("names no skill"));
    assert!(at("wish: sql").contains("columns 7 and 8"));

    // Header and cell mistakes together.
    let err = csv_err("id,id,side\nola,ola,mentor\n");
    assert_eq!(err.all().len(), 2);
}

#[test]
fn mistakes_beyond_the_listed_are_counted() {
    let mut csv = String::from("id,side\n");
    for k in 0..150 {
        csv.push_str(&format!("p{k},nobody\n"));
    }
    match csv_err(&csv) {
        Error::Multiple { errors, more } => {
            assert_eq!(errors.len() + more, 150);
            assert!(
                errors
                    .iter()
                    .all(|e| matches!(e, Error::InvalidField { .. }))
            );
        }
        other => panic!("expected a list, got {other:?}"),
    }
}

#[test]
fn roster_from_csv_validates_the_whole_roster() {
    // Each row is fine; the id twice and the choice of nobody are the roster's mistakes.
    let err = Roster::from_csv("id,side,choices\nola,junior,piotr\nola,senior,\n").unwrap_err();
    assert!(
        err.all()
            .iter()
            .any(|e| matches!(e, Error::DuplicateParticipant { id } if id == "ola"))
    );
    let roster = Roster::from_csv("id,side\nola,junior\njan,senior\n").unwrap();
    assert_eq!(roster.len(), 2);
    // A minimum above the capacity is a roster mistake, read from its columns.
    let spec = RosterSpec::from_csv("id,side,capacity,min_partners\nola,junior,1,2\n").unwrap();
    assert_eq!(
        (
            spec.participants[0].capacity,
            spec.participants[0].min_partners
        ),
        (1, 2)
    );
    assert!(spec.validate().is_err());
    let err = csv_err("id,side,min_partners\nola,junior,-1\n");
    assert_eq!(fields(&err)[0].1, "min_partners");
}

/// A cell that does not read does not hide the checks across the roster: the list is the
/// cells' mistakes, then what `Roster::new` finds with those cells empty. A capacity that does
/// not read takes its minimum with it (the default capacity, 1, is below 2); a row without a
/// side leaves nothing sound to check across.
#[test]
fn a_cell_that_does_not_read_hides_no_check_across_the_roster() {
    let faulty = "id,side,capacity,min_partners,timezone,choices\n\
                  ola,junior,x,2,CET,zed;kai\n\
                  kai,senior,1,,,\n\
                  kai,junior,1,,,\n";
    let mended = "id,side,capacity,min_partners,timezone,choices\n\
                  ola,junior,,,,zed;kai\n\
                  kai,senior,1,,,\n\
                  kai,junior,1,,,\n";
    let found: Vec<String> = csv_err(faulty)
        .all()
        .iter()
        .map(ToString::to_string)
        .collect();
    let across: Vec<String> = Roster::from_csv(mended)
        .unwrap_err()
        .all()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found[..2],
        [
            "participant `ola`, field `capacity`: row 1: `x` is not a whole number of \
             partners, 0 or more",
            "participant `ola`, field `timezone`: row 1: `CET` is not a number of hours within \
             -24..=24",
        ],
        "{found:#?}"
    );
    assert_eq!(found[2..], across[..], "{found:#?}");
    assert!(
        across.contains(&"participant id `kai` appears more than once".to_owned()),
        "{across:#?}"
    );
    assert!(
        across
            .contains(&"participant `ola`, field `choices`: `zed` is not in the roster".to_owned()),
        "{across:#?}"
    );
    let found = fields(&csv_err(
        "id,side,choices\nola,mentor,zed\nkai,senior,\nkai,junior,\n",
    ));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "side");
}

// ---------------------------------------------------------------------------------------------
// (e) Hostile files
// ---------------------------------------------------------------------------------------------

#[test]
fn header_only_and_empty_files() {
    assert_eq!(
        RosterSpec::from_csv("id,side\n").unwrap(),
        RosterSpec::new()
    );
    assert_eq!(RosterSpec::from_csv("id,side").unwrap(), RosterSpec::new());
    for empty in ["", "\u{feff}", "\n\n", "\r\n"] {
        let found = fields(&csv_err(empty));
        assert_eq!(found.len(), 1, "{empty:?}: {found:?}");
        assert_eq!(found[0].0, "(header)");
        assert!(found[0].2.starts_with("the file is empty"), "{found:?}");
    }
    // A line of spaces is a header of one empty name: both required columns are missing too.
    assert_eq!(csv_err("   \n").all().len(), 3);
    // The empty spec writes a header only.
    assert_eq!(RosterSpec::new().to_csv(), "id,side\n");
}

#[test]
fn bom_crlf_quotes_and_blank_rows() {
    let plain = "id,side,name,languages\nola,junior,Ola,pl;en\njan,senior,\"Kowalski, Jan\",pl\n";
    let expected = RosterSpec::from_csv(plain).unwrap();
    assert_eq!(
        expected.participants[1].name.as_deref(),
        Some("Kowalski, Jan")
    );

    let bom = format!("\u{feff}{plain}");
    assert_eq!(RosterSpec::from_csv(&bom).unwrap(), expected);
    let crlf = plain.replace('\n', "\r\n");
    assert_eq!(RosterSpec::from_csv(&crlf).unwrap(), expected);
    let spaced = "  id , side,name ,languages\n ola ,JUNIOR,  Ola , pl ; ;en; \n\n,,,\n \
                  jan , Senior ,\" Kowalski, Jan \",pl\n,,,\n";
    assert_eq!(RosterSpec::from_csv(spaced).unwrap(), expected);
    // Blank rows still count: the mistake is in row 3.
    let err = csv_err("id,side\nola,junior\n,\njan,mentor\n");
    assert_eq!(
        fields(&err)[0].2,
        "row 3: `mentor` is not a side: write junior or senior"
    );
    // A BOM elsewhere than at the start is not special.
    let err = csv_err("id,side\n\u{feff}ola,mentor\n");
    assert_eq!(fields(&err)[0].0, "\u{feff}ola");
}

#[test]
fn quote_left_open_is_reported() {
    // The open quote swallows the rows after it, making a row of the right length.
    let csv = "id,side,name\nola,junior,\"Ola\njan,senior,Jan\newa,senior,Ewa\n";
    let found = fields(&csv_err(csv));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1.as_str()), ("ola", "name"));
    assert!(
        found[0]
            .2
            .starts_with("row 1: a quote opened in this cell is never closed"),
        "{found:?}"
    );
    // In a middle column: the row is short as well, both are said.
    let csv = "id,side,name,department\nola,junior,Ola,Sales\njan,\"senior,Jan,IT\n";
    let found = fields(&csv_err(csv));
    let fields_at: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(fields_at, ["(row)", "side"], "{found:?}");
    assert!(
        found
            .iter()
            .all(|f| f.0 == "jan" && f.2.starts_with("row 2: "))
    );
    // In the header.
    let found = fields(&csv_err("id,side,\"name\nola,junior,Ola\n"));
    assert!(
        found
            .iter()
            .any(|f| f.1 == "column 3" && f.2.contains("never closed")),
        "{found:?}"
    );
    // Closed quotes, doubled quotes and quotes inside a cell are not open ones.
    let spec = RosterSpec::from_csv("id,side,name\nola,junior,\"O \"\"la\"\"\"\njan,senior,12\"\n")
        .unwrap();
    assert_eq!(spec.participants[0].name.as_deref(), Some("O \"la\""));
    assert_eq!(spec.participants[1].name.as_deref(), Some("12\""));

    // A long cell is cut in the message.
    let long = "x".repeat(100_000);
    let err = csv_err(&format!("id,side\nola,\"{long}\n"));
    let message = &fields(&err)[0].2;
    assert!(message.len() < 300, "{} bytes", message.len());

    // A quote alone, and quotes inside a header.
    assert!(RosterSpec::from_csv("\"").is_err());
    let err = RosterSpec::from_csv("\"id\",\"si\"\"de\"\n").unwrap_err();
    assert_eq!(fields(&err).iter().filter(|f| f.1 == "side").count(), 1);
}

#[test]
fn huge_numbers_of_columns_and_cells() {
    let start = Instant::now();
    let n = 50_000;
    let mut header = String::from("id,side");
    let mut row = String::from("ola,junior");
    for k in 0..n {
        header.push_str(&format!(",a{k}"));
        row.push_str(&format!(",{k}"));
    }
    let spec = RosterSpec::from_csv(&format!("{header}\n{row}\n")).unwrap();
    assert_eq!(spec.participants[0].attributes.len(), n);
    assert_eq!(
        spec.participants[0].attributes["a49999"],
        Attribute::Number(49999.0)
    );

    // As many empty header names: every one a mistake, the list capped.
    let commas = ",".repeat(n);
    let err = csv_err(&format!("id,side{commas}\n"));
    assert!(matches!(err, Error::Multiple { more, .. } if more > 0));

    // A wide header with the id last, and as many short rows: each row costs its own length,
    // not the header's width.
    let names: String = (0..n).map(|k| format!(",a{k}")).collect();
    let wide = format!("side{names},id\n{}", "x\n".repeat(n));
    let err = csv_err(&wide);
    assert!(matches!(err, Error::Multiple { ref errors, more } if errors.len() + more == n));

    // A row far wider than its header, and a capacity too large for its type.
    let err = csv_err(&format!("id,side\nola,junior{commas}\n"));
    assert!(fields(&err)[0].2.contains(&format!("{} cells", n + 2)));
    let err = csv_err("id,side,capacity\nola,junior,99999999999999999999\n");
    assert_eq!(fields(&err)[0].1, "capacity");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn attribute_named_like_a_column_does_not_come_back_silently() {
    let spec = RosterSpec::new().with_participant(
        ParticipantSpec::new("ola", Side::Junior)
            .with_attribute("capacity", Attribute::Number(3.0)),
    );
    let csv = spec.to_csv();
    assert_eq!(csv, "id,side,capacity,capacity\nola,junior,1,3\n");
    let found = fields(&csv_err(&csv));
    assert_eq!(found[0].1, "capacity");
    assert!(found[0].2.contains("given twice"));
}

// ---------------------------------------------------------------------------------------------
// Round trips of random specs
// ---------------------------------------------------------------------------------------------

/// The kind of an attribute column of a generated spec.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Number,
    Flag,
    Text,
    List,
}

/// A value of `kind` that the inference reads back as that kind: texts start with `x` (never
/// a number or a flag) and hold no `;`; list items are short words.
fn attribute(kind: Kind) -> BoxedStrategy<Attribute> {
    match kind {
        Kind::Number => prop_oneof![
            (-1000i32..1000).prop_map(|x| Attribute::Number(f64::from(x))),
            (-1e9f64..1e9).prop_map(Attribute::Number),
        ]
        .boxed(),
        Kind::Flag => any::<bool>().prop_map(Attribute::Flag).boxed(),
        Kind::Text => "x[a-z ,\"']{0,6}[a-z]".prop_map(Attribute::Text).boxed(),
        Kind::List => vec("[a-z0-9]{1,4}", 0..4).prop_map(Attribute::List).boxed(),
    }
}

/// Text of a name, department or manager: no spaces at the ends, quotes and commas inside.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z ,\"'.\n-]{0,8}[a-z]"
}

/// A participant `id` with random fields, and attribute values of the columns `kinds`.
fn participant(
    id: String,
    ids: Vec<String>,
    kinds: Vec<(String, Kind)>,
) -> impl Strategy<Value = ParticipantSpec> {
    let skill = "[a-z][a-z-]{0,5}";
    let pick = proptest::sample::subsequence(ids.clone(), 0..=ids.len().min(3));
    let attrs: Vec<_> = kinds
        .into_iter()
        .map(|(name, kind)| {
            proptest::option::of(attribute(kind)).prop_map(move |v| (name.clone(), v))
        })
        .collect();
    (
        (
            any::<bool>(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            proptest::option::of("[a-z]{1,5}"),
            vec("[a-z]{2}", 0..3),
            proptest::option::of(-24.0f64..=24.0),
            proptest::option::of(0.0f64..60.0),
            0u32..4,
        ),
        (
            btree_map(skill, 1u8..=5, 0..4),
            btree_map(skill, 1u8..=5, 0..4),
            pick.clone().prop_shuffle(),
            btree_map(proptest::sample::select(ids.clone()), -5i8..=5, 0..3),
            pick,
            attrs,
            0u32..3,
        ),
    )
        .prop_map(
            move |(
                (senior, name, department, manager, languages, timezone, years, capacity),
                (skills, wishes, choices, ratings, avoid, attrs, min_partners),
            )| {
                let mut p = ParticipantSpec::new(
                    id.clone(),
                    if senior { Side::Senior } else { Side::Junior },
                );
                p.name = name;
                p.department = department;
                p.manager = manager;
                p.languages = languages;
                p.timezone = timezone;
                p.experience_years = years;
                p.capacity = capacity;
                p.skills = skills;
                p.wishes = wishes;
                p.choices = choices;
                p.ratings = ratings;
                p.avoid = avoid;
                p.min_partners = min_partners;
                p.attributes = attrs
                    .into_iter()
                    .filter_map(|(name, v)| v.map(|v| (name, v)))
                    .collect();
                p
            },
        )
}

/// A spec of up to six participants whose attribute columns are each of one kind.
fn specs() -> impl Strategy<Value = RosterSpec> {
    let kinds = prop_oneof![
        Just(Kind::Number),
        Just(Kind::Flag),
        Just(Kind::Text),
        Just(Kind::List)
    ];
    (1usize..=6, btree_set("a_[a-z]{1,4}", 0..4), vec(kinds, 4))
        .prop_flat_map(|(n, names, kinds)| {
            let ids: Vec<String> = (0..n).map(|k| format!("p{k}")).collect();
            let kinds: Vec<(String, Kind)> = names.into_iter().zip(kinds).collect();
            ids.clone()
                .into_iter()
                .map(|id| participant(id, ids.clone(), kinds.clone()))
                .collect::<Vec<_>>()
        })
        .prop_map(|participants| {
            participants
                .into_iter()
                .fold(RosterSpec::new(), RosterSpec::with_participant)
        })
}

proptest! {
    #![proptest_config(common::config(128))]

    /// Random specs whose attributes fit the inference rules come back exactly.
    #[test]
    fn random_specs_round_trip(spec in specs()) {
        let csv = spec.to_csv();
        let again = RosterSpec::from_csv(&csv);
        prop_assert_eq!(again.as_ref(), Ok(&spec), "the file:\n{}", csv);
        // And the file is stable: written again, it is the same text.
        prop_assert_eq!(again.unwrap().to_csv(), csv);
    }

    /// Any text at all reads to a spec or an error, never a panic; a spec read back from its
    /// own file is the same.
    #[test]
    fn any_text_reads_without_panic(text in "(id,side\n)?[a-z0-9,;:\"\r\n \u{feff}]{0,80}") {
        if let Ok(spec) = RosterSpec::from_csv(&text) {
            prop_assert_eq!(RosterSpec::from_csv(&spec.to_csv()), Ok(spec));
        }
    }
}
