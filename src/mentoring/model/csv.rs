//! Rosters as CSV: the spreadsheet an HR system exports, one row per participant.
//!
//! [`RosterSpec::from_csv`] reads it, [`RosterSpec::to_csv`] writes it and [`Roster::from_csv`]
//! reads and validates it in one call. The file holds the participants only: the skill catalog,
//! the criteria and the weights (`benefit_weight`, `choice_weight`) have no place in a table of
//! people, so give them in Rust ([`RosterSpec::with_skill`], [`RosterSpec::with_criterion`],
//! [`RosterSpec::with_benefit_weight`]) or in a separate roster JSON document. Without a
//! catalog, skill ids are free strings.
//!
//! # The roster CSV format
//!
//! One header row naming the columns, then one row per participant:
//!
//! ```text
//! id,side,name,capacity,department,manager,languages,skills,wishes,choices,region,remote,interests,age
//! ola,junior,Ola Nowak,1,Sales,ewa,pl;en,sql:4;spreadsheets:5,negotiation:4,jan,EMEA,true,ai;cloud,27
//! jan,senior,"Jan Kowalski, PhD",2,Finance,,pl,negotiation:5,sql:3,,APAC,false,cloud,58
//! ewa,senior,Ewa Nowak,,Sales,,en,strategy:4,,,EMEA,FALSE,ai,49
//! ```
//!
//! ```
//! use mentor_match::model::Attribute;
//! use mentor_match::{RosterSpec, Side};
//!
//! let spec = RosterSpec::from_csv(
//!     "id,side,name,capacity,department,manager,languages,skills,wishes,choices,region,remote,interests,age
//! ola,junior,Ola Nowak,1,Sales,ewa,pl;en,sql:4;spreadsheets:5,negotiation:4,jan,EMEA,true,ai;cloud,27
//! jan,senior,\"Jan Kowalski, PhD\",2,Finance,,pl,negotiation:5,sql:3,,APAC,false,cloud,58
//! ewa,senior,Ewa Nowak,,Sales,,en,strategy:4,,,EMEA,FALSE,ai,49
//! ",
//! )?;
//! let [ola, jan, ewa] = &spec.participants[..] else { panic!("three rows") };
//! assert_eq!((ola.side, jan.side), (Side::Junior, Side::Senior));
//! assert_eq!(ola.skills["spreadsheets"], 5);
//! assert_eq!(ola.languages, ["pl", "en"]);
//! assert_eq!(jan.name.as_deref(), Some("Jan Kowalski, PhD"));
//! assert_eq!((jan.capacity, ewa.capacity), (2, 1));
//! assert_eq!(ewa.manager, None);
//! // The programme's own columns: text, flags, lists and numbers.
//! assert_eq!(ola.attributes["region"], Attribute::Text("EMEA".into()));
//! assert_eq!(ewa.attributes["remote"], Attribute::Flag(false));
//! assert_eq!(jan.attributes["interests"], Attribute::List(vec!["cloud".into()]));
//! assert_eq!(ola.attributes["age"], Attribute::Number(27.0));
//! # Ok::<(), mentor_match::Error>(())
//! ```
//!
//! The columns, in any order; only `id` and `side` are required:
//!
//! | column | holds | example |
//! |---|---|---|
//! | `id` | the participant's unique id (required in every row) | `ola` |
//! | `side` | `junior` or `senior`, in any case (required in every row) | `junior` |
//! | `name` | display name | `Ola Nowak` |
//! | `capacity` | partners wanted, a whole number; empty = 1, 0 = not available | `2` |
//! | `min_partners` | the fewest partners they must get, a whole number; empty = 0 | `1` |
//! | `department` | their department | `Sales` |
//! | `manager` | the id of their direct manager | `ewa` |
//! | `languages` | `;`-separated languages | `pl;en` |
//! | `timezone` | hours from UTC, a number within -24..=24 | `-5.5` |
//! | `experience_years` | years of work experience, a number of at least 0 | `12` |
//! | `skills` | what they can teach: `skill:level` items separated by `;`, levels 1..=5 | `sql:4;negotiation:2` |
//! | `wishes` | what they want to learn: `skill:priority` items, priorities 1..=5 | `public-speaking:5` |
//! | `skill:<name>` | one skill per column: the level 1..=5 (empty = not listed) | `4` |
//! | `wish:<name>` | one wish per column: the priority 1..=5 (empty = not listed) | `5` |
//! | `choices` | `;`-separated ids on the other side they would like, best first | `jan;ewa` |
//! | `ratings` | `id:rating` items separated by `;`, ratings -5..=5 | `jan:4;ewa:-2` |
//! | `avoid` | `;`-separated ids on the other side they must not be paired with | `piotr` |
//! | any other name | an attribute of that name (see below) | `EMEA` |
//!
//! The `skills` column and `skill:<name>` columns may be mixed; a skill given twice for one
//! participant (in either form) is a mistake, as in JSON.
//!
//! ## Cells and rows
//!
//! - Cells follow RFC 4180: a cell holding a comma, a quote or a line break is quoted, with
//!   quotes doubled (`"Kowalski, ""Janek"""`). Line endings may be `\n` or `\r\n`; a UTF-8 byte
//!   order mark at the start (spreadsheets' "CSV UTF-8") is ignored.
//! - Spaces around a cell, and around each item of a `;`-separated list, are trimmed; an empty
//!   cell means "not given", and empty list items are dropped (`pl;;en;` is `pl`, `en`).
//! - Header names are trimmed and case-sensitive (`Side` is an attribute, not the side). A name
//!   given twice, or an empty name, is a mistake. A name that is not a column above is an
//!   attribute, even one that looks like a built-in field (`skils`, `Capacity`).
//! - Every row must have as many cells as the header. A row of empty cells only (spreadsheets
//!   export trailing blank rows as `,,,`) is skipped; blank lines are skipped too.
//! - Rows are numbered from 1, the first participant after the header being row 1.
//!
//! ## Attribute columns
//!
//! Every other column becomes the attribute of that name ([`Attribute`]) of each participant
//! whose cell is not empty. Its kind is decided for the whole column, from its non-empty cells:
//!
//! 1. every cell is a finite number (as Rust reads an `f64`: `3`, `-0.5`, `1e3`):
//!    [`Attribute::Number`];
//! 2. otherwise, every cell is `true` or `false`, in any case: [`Attribute::Flag`];
//! 3. otherwise, if any cell contains `;`: [`Attribute::List`] for every cell, split on `;`,
//!    each item trimmed and empty items dropped (a cell `ai` is the list `["ai"]`, a cell `;`
//!    the empty list);
//! 4. otherwise: [`Attribute::Text`].
//!
//! A column whose cells are all empty gives nobody that attribute.
//!
//! ## Writing
//!
//! [`RosterSpec::to_csv`] writes the columns `id` and `side`, then those of the other built-in
//! fields that some participant gives (a `capacity` column when someone's is not 1), with skills
//! and wishes in the `skills` and `wishes` list columns, then one column per attribute in
//! sorted name order. Lists are joined with `;`; a list of one item is written `item;` and an
//! empty list `;`, so that the column reads back as lists. Cells are quoted as the `csv` crate
//! does: only when needed.
//!
//! `from_csv(&spec.to_csv())` gives back `spec` (without its catalog, criteria and weights)
//! when what it holds can be told apart in a CSV file:
//!
//! - texts and list items are not empty and have no spaces at their ends; list items, ids and
//!   skill names hold no `;`, and languages, choices and avoid lists no empty item;
//! - each attribute has one kind in every participant, and a text attribute is not read as
//!   something else: not every value a number or `true`/`false`, none holding a `;`;
//! - no attribute is named as a column above (`name`, `skills`, `skill:sql`, ...): such an
//!   attribute is written under its name, and reading it back reports the column given twice
//!   or reads it as the built-in field.
//!
//! ## Mistakes
//!
//! Every mistake in the file is reported at once (see [`Error::all`]), each an
//! [`Error::InvalidField`] naming the participant (their id, or `row N` when the row has none),
//! the column, and in its message the row and the cell's value. Mistakes in the header name the
//! participant `(header)`; a row with the wrong number of cells names the field `(row)`.
//! Checks that need the whole roster (ids given twice, choices that name nobody) are
//! [`Roster::new`]'s; when the file has mistakes of its own they run on what reads (a cell
//! that does not read left out, as if empty) and their mistakes are listed with the file's,
//! so mending one does not uncover the next. Where a row is missing from what reads (its id or
//! side does not read, it has another number of cells, a quote is left open) or the header has
//! a mistake, they are not run.

use super::{Attribute, ParticipantSpec, Roster, RosterSpec, Side};
use crate::mentoring::error::{Error, Result};
use crate::mentoring::mistakes::Mistakes;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// How many characters of a cell a message shows: a cell swallowing the rest of the file (a
/// quote left open) must not make the error as large as the file.
const SHOWN_CHARS: usize = 40;

/// The participant named by mistakes in the header.
const HEADER: &str = "(header)";

/// The field named when a whole row is at fault.
const ROW: &str = "(row)";

/// What a column of the file holds, decided from its header name.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Id,
    Side,
    Name,
    Capacity,
    MinPartners,
    Department,
    Manager,
    Languages,
    Timezone,
    ExperienceYears,
    Skills,
    Wishes,
    Choices,
    Ratings,
    Avoid,
    /// `skill:<name>`: the level in one skill.
    Skill(String),
    /// `wish:<name>`: the priority of one wish.
    Wish(String),
    /// The attribute at this position of the reader's attribute list.
    Attribute(usize),
    /// A column whose header is a mistake (empty, or given twice): its cells are not read.
    Ignored,
}

/// The built-in columns and their names, in the order [`RosterSpec::to_csv`] writes them.
const BUILT_IN: [(&str, Column); 15] = [
    ("id", Column::Id),
    ("side", Column::Side),
    ("name", Column::Name),
    ("capacity", Column::Capacity),
    ("min_partners", Column::MinPartners),
    ("department", Column::Department),
    ("manager", Column::Manager),
    ("languages", Column::Languages),
    ("timezone", Column::Timezone),
    ("experience_years", Column::ExperienceYears),
    ("skills", Column::Skills),
    ("wishes", Column::Wishes),
    ("choices", Column::Choices),
    ("ratings", Column::Ratings),
    ("avoid", Column::Avoid),
];

/// The header, read: each column's meaning and name, the attributes' names, and the position
/// of the `id` column (found once, not once a row: a wide header must not cost its width in
/// every row).
struct Header {
    columns: Vec<Column>,
    names: Vec<String>,
    attributes: Vec<String>,
    id: Option<usize>,
}

impl RosterSpec {
    /// Reads a roster CSV file: a header row, then one row per participant.
    ///
    /// The columns are `id` and `side` (required), `name`, `capacity`, `min_partners`,
    /// `department`, `manager`, `languages`, `timezone`, `experience_years`, `skills` and
    /// `wishes` (`skill:level` items separated by `;`, or one column per skill named
    /// `skill:<name>` or `wish:<name>`), `choices`, `ratings` (`id:rating` items) and `avoid`;
    /// any other column is an attribute: numbers if every non-empty cell is a finite number,
    /// else flags if every one is `true`/`false` (any case), else lists (split on `;`) if any
    /// cell holds a `;`, else texts. Cells are trimmed and an empty cell is "not given"; a
    /// UTF-8 byte order mark is ignored. The catalog, the criteria and the weights are not part
    /// of the file: the spec has none. The format in full, with a table of the columns, is
    /// described in the crate's source, `src/mentoring/model/csv.rs`.
    ///
    /// Each cell is checked on its own (levels 1..=5, ratings -5..=5, a whole capacity, a
    /// timezone within -24..=24, years at least 0, no skill twice); checks that need the whole
    /// roster (unique ids, choices naming someone on the other side) are [`Roster::new`]'s,
    /// and with mistakes in the cells they run on what reads and are listed too (see the
    /// format's description).
    ///
    /// # Complexity
    ///
    /// `O(b log b)` time for a file of `b` bytes (the maps of each participant), and `O(b)`
    /// extra memory: nothing is allocated from a number written in the file.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidField`] for a malformed cell, naming the participant (their id, or
    ///   `row N`), the column, and in its message the row and the value; for a mistake in the
    ///   header (an empty file, an empty or repeated column name, no `id` or `side` column),
    ///   naming the participant `(header)`; for a row with another number of cells than the
    ///   header, naming the field `(row)`;
    /// - with mistakes of those kinds, [`Roster::new`]'s on what reads;
    /// - [`Error::Multiple`] listing them when there are several.
    ///
    /// # Examples
    ///
    /// An HR export with one column per skill and a `region` column:
    ///
    /// ```
    /// use mentor_match::model::Attribute;
    /// use mentor_match::{Error, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::from_csv(
    ///     "id,side,skill:sql,skill:negotiation,wishes,region\n\
    ///      ola,junior,4,,negotiation:5,EMEA\n\
    ///      jan,senior,,5,sql:3,APAC\n",
    /// )?;
    /// assert_eq!(spec.participants[0].skills["sql"], 4);
    /// assert_eq!(spec.participants[1].side, Side::Senior);
    /// assert_eq!(spec.participants[1].attributes["region"], Attribute::Text("APAC".into()));
    ///
    /// // Every malformed cell is reported, with its row, column and value.
    /// let err = RosterSpec::from_csv(
    ///     "id,side,skills\n\
    ///      ola,junior,sql:9\n\
    ///      jan,mentor,negotiation:5\n",
    /// )
    /// .unwrap_err();
    /// assert_eq!(err.all().len(), 2);
    /// assert_eq!(
    ///     err.all()[0].to_string(),
    ///     "participant `ola`, field `skills`: row 1: `sql:9`: a level is a whole number from 1 to 5"
    /// );
    /// assert_eq!(
    ///     err.all()[1].to_string(),
    ///     "participant `jan`, field `side`: row 2: `mentor` is not a side: write junior or senior"
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_csv(text: &str) -> Result<RosterSpec> {
        let text = crate::support::byte_order_mark::without_mark(text);
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            // Rows of another length are reported here, each with its row, not by the parser.
            .flexible(true)
            .trim(::csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let mut found = Mistakes::new();
        // The parser reads a quote left open as a cell running to the end of the file, which
        // may even make a row of the right length: it is found here and reported below.
        let unclosed = quote_left_open(text);
        let header = match records.next() {
            None => {
                return Err(header_error(
                    HEADER,
                    "the file is empty: its first line must name the columns, at least id and \
                     side"
                        .to_owned(),
                ));
            }
            Some(Err(e)) => return Err(header_error(HEADER, e.to_string())),
            Some(Ok(record)) => read_header(&record, &mut found),
        };
        // Whether every row was read to a participant under a header that reads: what the
        // checks across the roster need (see below).
        let mut sound = found.is_empty();
        // The last row read (0 for the header) and its cells: the one a quote left open ends.
        let mut last = None;
        let mut participants = Vec::new();
        // Each attribute's non-empty cells, as (participant position, cell), in row order; the
        // kind of a column is known only once all of its cells are read.
        let mut cells: Vec<Vec<(usize, String)>> = vec![Vec::new(); header.attributes.len()];
        for (k, record) in records.enumerate() {
            let row = k + 1;
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    // A `&str` is UTF-8 and a slice cannot fail to read: unreachable in
                    // practice, reported rather than trusted.
                    found.push(Error::InvalidField {
                        participant: format!("row {row}"),
                        field: ROW.to_owned(),
                        message: format!("row {row}: {e}"),
                    });
                    break;
                }
            };
            if !record.iter().all(|cell| cell.trim().is_empty()) {
                match read_row(row, &record, &header, &mut found) {
                    Some(read) => {
                        for (a, value) in read.attributes {
                            cells[a].push((participants.len(), value));
                        }
                        participants.push(read.participant);
                    }
                    None => sound = false,
                }
            }
            last = Some((row, record));
        }
        if unclosed {
            found.push(unclosed_quote(last, &header));
            sound = false;
        }
        for (name, column) in header.attributes.iter().zip(cells) {
            for (k, value) in infer(column) {
                participants[k].attributes.insert(name.clone(), value);
            }
        }
        let spec = RosterSpec {
            participants,
            ..RosterSpec::default()
        };
        if !found.is_empty() && sound {
            // A cell that does not read should not hide the checks across the roster (an id
            // given twice, a choice naming nobody): they run on what reads, cells that do not
            // left out. Where a row is missing (no id or side, another length, a quote left
            // open), they would be checked against the wrong roster, and are not.
            super::check_across(&spec, true, &mut found);
        }
        found.finish()?;
        Ok(spec)
    }

    /// Writes the roster CSV format: the participants, one row each, under a header row.
    ///
    /// The columns are `id`, `side`, then the built-in fields that some participant gives
    /// (skills and wishes as `skill:level` lists), then the attributes in sorted name order.
    /// The catalog, the criteria and the weights are not written. [`RosterSpec::from_csv`]
    /// reads the file back to the same participants when their values can be told apart in
    /// CSV: texts without spaces at their ends, each attribute of one kind, texts that do not
    /// read as numbers, flags or lists (the rules in full are in the crate's source,
    /// `src/mentoring/model/csv.rs`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Attribute;
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::new()
    ///     .with_participant(
    ///         ParticipantSpec::new("ola", Side::Junior)
    ///             .with_skill("sql", 4)
    ///             .with_attribute("interests", Attribute::List(vec!["ai".into()])),
    ///     )
    ///     .with_participant(
    ///         ParticipantSpec::new("jan", Side::Senior)
    ///             .with_name("Jan Kowalski, PhD")
    ///             .with_wish("sql", 3),
    ///     );
    /// let csv = spec.to_csv();
    /// assert_eq!(
    ///     csv,
    ///     "id,side,name,skills,wishes,interests\n\
    ///      ola,junior,,sql:4,,ai;\n\
    ///      jan,senior,\"Jan Kowalski, PhD\",,sql:3,\n"
    /// );
    /// assert_eq!(RosterSpec::from_csv(&csv)?, spec);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let people = &self.participants;
        let attributes: BTreeSet<&str> = people
            .iter()
            .flat_map(|p| p.attributes.keys().map(String::as_str))
            .collect();
        let mut rows: Vec<Vec<String>> = vec![Vec::new(); people.len() + 1];
        for (name, column) in &BUILT_IN {
            let values: Vec<String> = people.iter().map(|p| built_in_cell(p, column)).collect();
            // A built-in column is written when someone gives the field, and also when an
            // attribute has its name, so that reading the file back reports the repeated
            // column instead of taking the attribute for the built-in field.
            let given = match column {
                Column::Id | Column::Side => true,
                Column::Capacity => people.iter().any(|p| p.capacity != 1),
                Column::MinPartners => people.iter().any(|p| p.min_partners != 0),
                _ => values.iter().any(|v| !v.is_empty()),
            };
            if given || attributes.contains(name) {
                rows[0].push((*name).to_owned());
                for (row, value) in rows[1..].iter_mut().zip(values) {
                    row.push(value);
                }
            }
        }
        for name in attributes {
            rows[0].push(name.to_owned());
            for (row, p) in rows[1..].iter_mut().zip(people) {
                row.push(
                    p.attributes
                        .get(name)
                        .map_or_else(String::new, attribute_cell),
                );
            }
        }
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for row in &rows {
            // Writing to a `Vec` cannot fail: the writer's errors are I/O errors and records
            // of unequal lengths, and every row has one cell per header name.
            if writer.write_record(row).is_err() {
                return String::new();
            }
        }
        writer
            .into_inner()
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

impl Roster {
    /// Reads a roster CSV file and validates it: [`RosterSpec::from_csv`], then
    /// [`Roster::new`].
    ///
    /// The roster has no catalog, no criteria and the default weights; to add them, read the
    /// spec with [`RosterSpec::from_csv`], set them, and call [`RosterSpec::validate`].
    ///
    /// # Errors
    ///
    /// As [`RosterSpec::from_csv`] and [`Roster::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_csv(
    ///     "id,side,skills,wishes\n\
    ///      ola,junior,ai-assistants:4,negotiation:5\n\
    ///      jan,senior,negotiation:5,ai-assistants:3\n",
    /// )?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// assert_eq!(matching.pairs()[0].senior, "jan");
    ///
    /// // A choice naming nobody is found by the validation.
    /// assert!(Roster::from_csv("id,side,choices\nola,junior,piotr\n").is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn from_csv(text: &str) -> Result<Roster> {
        Roster::new(RosterSpec::from_csv(text)?)
    }
}

/// A mistake in the header (or of the whole file); a long column name is cut, as cells are.
fn header_error(field: &str, message: String) -> Error {
    Error::InvalidField {
        participant: HEADER.to_owned(),
        field: shown(field),
        message,
    }
}

/// Reads the header: what each column holds, recording an empty or repeated name and a missing
/// `id` or `side` column.
fn read_header(record: &::csv::StringRecord, found: &mut Mistakes) -> Header {
    let mut header = Header {
        columns: Vec::with_capacity(record.len()),
        names: Vec::with_capacity(record.len()),
        attributes: Vec::new(),
        id: None,
    };
    // Each column's key (`skill:sql` for ` skill: sql`) → its position from 1, to name the
    // first one when the key comes again.
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(record.len());
    for (k, raw) in record.iter().enumerate() {
        let name = raw.trim();
        header.names.push(name.to_owned());
        let (key, column) = classify(name, header.attributes.len());
        let column = if name.is_empty() {
            found.push(header_error(
                &format!("column {}", k + 1),
                format!("column {} has no name", k + 1),
            ));
            Column::Ignored
        } else if let Some(&first) = seen.get(&key) {
            found.push(header_error(
                name,
                format!(
                    "the column is given twice (columns {first} and {}): its cells would be \
                     ambiguous",
                    k + 1
                ),
            ));
            Column::Ignored
        } else if let Column::Skill(s) | Column::Wish(s) = &column
            && s.is_empty()
        {
            found.push(header_error(
                name,
                format!(
                    "column {} names no skill: write `{name}<skill id>`, e.g. `{name}sql`",
                    k + 1
                ),
            ));
            Column::Ignored
        } else {
            seen.insert(key, k + 1);
            if let Column::Attribute(_) = column {
                header.attributes.push(name.to_owned());
            }
            column
        };
        header.columns.push(column);
    }
    header.id = header.columns.iter().position(|c| *c == Column::Id);
    for required in ["id", "side"] {
        if !seen.contains_key(required) {
            found.push(header_error(
                required,
                format!("the header has no `{required}` column: every participant needs one"),
            ));
        }
    }
    header
}

/// What a column named `name` holds, with the key that identifies it (a `skill:` or `wish:`
/// column by its trimmed skill id); an attribute takes position `next` in the attribute list.
fn classify(name: &str, next: usize) -> (String, Column) {
    if let Some((_, column)) = BUILT_IN.iter().find(|(n, _)| *n == name) {
        return (name.to_owned(), column.clone());
    }
    if let Some(skill) = name.strip_prefix("skill:") {
        let skill = skill.trim();
        return (format!("skill:{skill}"), Column::Skill(skill.to_owned()));
    }
    if let Some(skill) = name.strip_prefix("wish:") {
        let skill = skill.trim();
        return (format!("wish:{skill}"), Column::Wish(skill.to_owned()));
    }
    (name.to_owned(), Column::Attribute(next))
}

/// Whether the file ends inside a quoted cell: a quote opens a cell when it is the cell's first
/// character, a doubled quote inside is a quote, and any other quote closes it (as the parser
/// reads RFC 4180).
fn quote_left_open(text: &str) -> bool {
    let mut bytes = text.bytes().peekable();
    // Invariant: `quoted` is whether the parser is inside a quoted cell after the bytes read,
    // `start` whether the next byte would be the first of a cell.
    let (mut quoted, mut start) = (false, true);
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' && bytes.next_if_eq(&b'"').is_none() {
                quoted = false;
            }
            start = false;
        } else {
            quoted = start && b == b'"';
            start = matches!(b, b',' | b'\n' | b'\r');
        }
    }
    quoted
}

/// The mistake of a quote left open in `last`, the last row read (row 0: the header), whose
/// last cell runs to the end of the file.
fn unclosed_quote(last: Option<(usize, ::csv::StringRecord)>, header: &Header) -> Error {
    let message = |cell: &str| {
        format!(
            "a quote opened in this cell is never closed, so the cell runs to the end of the \
             file: `{}`",
            shown(cell)
        )
    };
    match last {
        None => {
            let k = header.names.len();
            header_error(
                &format!("column {k}"),
                message(header.names.last().map_or("", String::as_str)),
            )
        }
        Some((row, record)) => {
            let id = id_cell(&record, header);
            let place = Place {
                row,
                participant: &if id.is_empty() {
                    format!("row {row}")
                } else {
                    id.to_owned()
                },
            };
            let k = record.len().saturating_sub(1);
            let field = header.names.get(k).map_or(ROW, String::as_str);
            place.error(field, message(record.get(k).unwrap_or("")))
        }
    }
}

/// The id cell of a data row, trimmed; empty when the row or the header has none.
fn id_cell<'r>(record: &'r ::csv::StringRecord, header: &Header) -> &'r str {
    header.id.and_then(|k| record.get(k)).map_or("", str::trim)
}

/// Where a cell is, to name it in a mistake: the row (from 1) and the participant.
struct Place<'a> {
    row: usize,
    participant: &'a str,
}

impl Place<'_> {
    /// The mistake `message` in the cell of column `field` (a long id or name is cut).
    fn error(&self, field: &str, message: impl fmt::Display) -> Error {
        Error::InvalidField {
            participant: shown(self.participant),
            field: shown(field),
            message: format!("row {}: {message}", self.row),
        }
    }
}

/// Reads data row `row`, recording each mistake in `found`: `None` when the row has another
/// number of cells than the header, or its id or side does not read.
fn read_row(
    row: usize,
    record: &::csv::StringRecord,
    header: &Header,
    found: &mut Mistakes,
) -> Option<Row> {
    let id = id_cell(record, header);
    let unnamed = format!("row {row}");
    let place = Place {
        row,
        participant: if id.is_empty() { &unnamed } else { id },
    };
    if record.len() != header.columns.len() {
        found.push(place.error(
            ROW,
            format!(
                "the row has {} cell{} but the header has {}: every row needs one cell per \
                 column (quote a cell that holds a comma)",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
                header.columns.len()
            ),
        ));
        return None;
    }
    // Whether the row's id and side read: without them there is no participant to return. Any
    // other cell that does not read is left out, as if empty.
    let mut sound = true;
    let mut capacity_left_out = false;
    // The side is set from its column; without a valid one the row is a mistake and this
    // placeholder is never returned.
    let mut p = ParticipantSpec::new(id, Side::Junior);
    let mut attributes = Vec::new();
    for ((column, name), value) in header.columns.iter().zip(&header.names).zip(record) {
        let value = value.trim();
        let invalid = |message: String| place.error(name, message);
        match column {
            Column::Id if value.is_empty() => {
                found.push(invalid("empty: every participant needs an id".to_owned()));
                sound = false;
            }
            Column::Side => match side(value) {
                Ok(side) => p.side = side,
                Err(message) => {
                    found.push(invalid(message));
                    sound = false;
                }
            },
            _ if value.is_empty() => {}
            Column::Id | Column::Ignored => {}
            Column::Name => p.name = Some(value.to_owned()),
            Column::Department => p.department = Some(value.to_owned()),
            Column::Manager => p.manager = Some(value.to_owned()),
            Column::Languages => p.languages = items(value),
            Column::Choices => p.choices = items(value),
            Column::Avoid => p.avoid = items(value),
            Column::Capacity | Column::MinPartners => match value.parse::<u32>() {
                Ok(c) if *column == Column::Capacity => p.capacity = c,
                Ok(c) => p.min_partners = c,
                Err(_) => {
                    found.push(invalid(format!(
                        "`{}` is not a whole number of partners, 0 or more",
                        shown(value)
                    )));
                    capacity_left_out |= *column == Column::Capacity;
                }
            },
            Column::Timezone | Column::ExperienceYears => {
                let (valid, expected): (fn(f64) -> bool, _) = if *column == Column::Timezone {
                    (
                        |x| (-24.0..=24.0).contains(&x),
                        "a number of hours within -24..=24",
                    )
                } else {
                    (|x| x >= 0.0, "a number of years, at least 0")
                };
                match value.parse::<f64>() {
                    Ok(x) if x.is_finite() && valid(x) => {
                        if *column == Column::Timezone {
                            p.timezone = Some(x);
                        } else {
                            p.experience_years = Some(x);
                        }
                    }
                    _ => {
                        found.push(invalid(format!("`{}` is not {expected}", shown(value))));
                    }
                }
            }
            Column::Skills | Column::Wishes => {
                let map = if *column == Column::Skills {
                    &mut p.skills
                } else {
                    &mut p.wishes
                };
                for item in items(value) {
                    let entry = match item.rsplit_once(':') {
                        None => Err(format!(
                            "`{}` has no level: write skill:level, e.g. `sql:3`",
                            shown(&item)
                        )),
                        Some((skill, _)) if skill.trim().is_empty() => {
                            Err(format!("`{}` names no skill", shown(&item)))
                        }
                        Some((skill, level)) => level_of(level.trim())
                            .map(|level| (skill.trim().to_owned(), level))
                            .map_err(|why| format!("`{}`: {why}", shown(&item))),
                    };
                    if let Err(message) = entry.and_then(|(skill, level)| add(map, skill, level)) {
                        found.push(invalid(message));
                    }
                }
            }
            Column::Skill(skill) | Column::Wish(skill) => {
                let map = if let Column::Skill(_) = column {
                    &mut p.skills
                } else {
                    &mut p.wishes
                };
                let entry = level_of(value)
                    .map_err(|why| format!("`{}`: {why}", shown(value)))
                    .and_then(|level| add(map, skill.clone(), level));
                if let Err(message) = entry {
                    found.push(invalid(message));
                }
            }
            Column::Ratings => {
                for item in items(value) {
                    let entry = match item.rsplit_once(':') {
                        None => Err(format!(
                            "`{}` has no rating: write id:rating, e.g. `jan:4`",
                            shown(&item)
                        )),
                        Some((who, _)) if who.trim().is_empty() => {
                            Err(format!("`{}` names nobody", shown(&item)))
                        }
                        Some((who, rating)) => match rating.trim().parse::<i8>() {
                            Ok(r) if (-5..=5).contains(&r) => Ok((who.trim().to_owned(), r)),
                            _ => Err(format!(
                                "`{}`: a rating is a whole number from -5 to 5",
                                shown(&item)
                            )),
                        },
                    };
                    let entry = entry.and_then(|(who, r)| match p.ratings.entry(who) {
                        Entry::Occupied(e) => {
                            Err(format!("the rating of `{}` is given twice", shown(e.key())))
                        }
                        Entry::Vacant(e) => {
                            e.insert(r);
                            Ok(())
                        }
                    });
                    if let Err(message) = entry {
                        found.push(invalid(message));
                    }
                }
            }
            Column::Attribute(a) => attributes.push((*a, value.to_owned())),
        }
    }
    if capacity_left_out {
        // Left out, the capacity is the default 1, which a minimum could seem to exceed.
        p.min_partners = 0;
    }
    sound.then_some(Row {
        participant: p,
        attributes,
    })
}

/// A data row read: its participant (a cell that did not read left out, as if empty) and the
/// non-empty cells of the attribute columns (by position in the header's attribute list).
struct Row {
    participant: ParticipantSpec,
    attributes: Vec<(usize, String)>,
}

/// `junior` or `senior`, in any case.
fn side(value: &str) -> std::result::Result<Side, String> {
    if value.eq_ignore_ascii_case("junior") {
        Ok(Side::Junior)
    } else if value.eq_ignore_ascii_case("senior") {
        Ok(Side::Senior)
    } else if value.is_empty() {
        Err("empty: every participant needs a side, junior or senior".to_owned())
    } else {
        Err(format!(
            "`{}` is not a side: write junior or senior",
            shown(value)
        ))
    }
}

/// A skill level or wish priority, 1..=5.
fn level_of(value: &str) -> std::result::Result<u8, String> {
    match value.parse::<u8>() {
        Ok(level) if (1..=5).contains(&level) => Ok(level),
        _ => Err("a level is a whole number from 1 to 5".to_owned()),
    }
}

/// Adds `skill` at `level` to `map`, unless it is there already.
fn add(
    map: &mut BTreeMap<String, u8>,
    skill: String,
    level: u8,
) -> std::result::Result<(), String> {
    match map.entry(skill) {
        Entry::Occupied(e) => Err(format!("the skill `{}` is given twice", shown(e.key()))),
        Entry::Vacant(e) => {
            e.insert(level);
            Ok(())
        }
    }
}

/// The items of a `;`-separated cell, trimmed, empty ones dropped.
fn items(value: &str) -> Vec<String> {
    value
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// At most [`SHOWN_CHARS`] characters of `value`, with `...` when cut.
fn shown(value: &str) -> String {
    let mut shown: String = value.chars().take(SHOWN_CHARS).collect();
    if shown.len() < value.len() {
        shown.push_str("...");
    }
    shown
}

/// The attribute values of one column's non-empty cells, of the kind the column's cells decide
/// (see the module docs): numbers, flags, lists or texts.
fn infer(column: Vec<(usize, String)>) -> Vec<(usize, Attribute)> {
    let number = |v: &str| v.parse::<f64>().ok().filter(|x| x.is_finite());
    let flag = |v: &str| {
        if v.eq_ignore_ascii_case("true") {
            Some(true)
        } else if v.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    };
    if column.iter().all(|(_, v)| number(v).is_some()) {
        column
            .into_iter()
            .filter_map(|(k, v)| number(&v).map(|x| (k, Attribute::Number(x))))
            .collect()
    } else if column.iter().all(|(_, v)| flag(v).is_some()) {
        column
            .into_iter()
            .filter_map(|(k, v)| flag(&v).map(|b| (k, Attribute::Flag(b))))
            .collect()
    } else if column.iter().any(|(_, v)| v.contains(';')) {
        column
            .into_iter()
            .map(|(k, v)| (k, Attribute::List(items(&v))))
            .collect()
    } else {
        column
            .into_iter()
            .map(|(k, v)| (k, Attribute::Text(v)))
            .collect()
    }
}

/// The cell of a built-in `column` for `p`; empty when `p` does not give the field.
fn built_in_cell(p: &ParticipantSpec, column: &Column) -> String {
    let number = |x: Option<f64>| x.map_or_else(String::new, |x| x.to_string());
    let levels = |map: &BTreeMap<String, u8>| {
        let items: Vec<String> = map.iter().map(|(s, l)| format!("{s}:{l}")).collect();
        items.join(";")
    };
    match column {
        Column::Id => p.id.clone(),
        Column::Side => p.side.to_string(),
        Column::Name => p.name.clone().unwrap_or_default(),
        Column::Capacity => p.capacity.to_string(),
        Column::MinPartners => p.min_partners.to_string(),
        Column::Department => p.department.clone().unwrap_or_default(),
        Column::Manager => p.manager.clone().unwrap_or_default(),
        Column::Languages => p.languages.join(";"),
        Column::Timezone => number(p.timezone),
        Column::ExperienceYears => number(p.experience_years),
        Column::Skills => levels(&p.skills),
        Column::Wishes => levels(&p.wishes),
        Column::Choices => p.choices.join(";"),
        Column::Ratings => {
            let items: Vec<String> = p.ratings.iter().map(|(q, r)| format!("{q}:{r}")).collect();
            items.join(";")
        }
        Column::Avoid => p.avoid.join(";"),
        Column::Skill(_) | Column::Wish(_) | Column::Attribute(_) | Column::Ignored => {
            String::new()
        }
    }
}

/// The cell of an attribute: a number as Rust writes it (the shortest text that reads back
/// exactly), a list joined with `;` and ended by `;` when it has fewer than two items, so the
/// column reads back as lists.
fn attribute_cell(value: &Attribute) -> String {
    match value {
        Attribute::Flag(b) => b.to_string(),
        Attribute::Number(x) => x.to_string(),
        Attribute::Text(t) => t.clone(),
        Attribute::List(items) if items.len() < 2 => {
            let mut cell = items.concat();
            cell.push(';');
            cell
        }
        Attribute::List(items) => items.join(";"),
    }
}
