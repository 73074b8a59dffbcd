//! `mentor-match match`: pairs a reverse-mentoring roster and prints the pairs, what each
//! partner teaches the other, and why anyone is left unmatched.
//!
//! Without `ROSTER` it matches the pilot roster of `examples/data/pilot.json`, which is
//! compiled into the program, so it runs from anywhere. `ROSTER` is a roster in the format
//! documented in `mentor_match::model`, or `-` for standard input. The matching uses every
//! default of `mentor_match::Matcher`: the mutual-benefit scorer, the rules (not one's own
//! manager, junior less experienced, a shared language) and the objective "most pairs, then
//! the highest total score".
//!
//! The table shows, for each pair, its score and one line per direction: each lesson is the
//! learner's wish, the teacher's related skill after `via` when it is not the same skill, the
//! teacher's level vs the learner's own level, and the lesson's share of what the learner gains.
//! Then everyone unmatched, with the reason, the total score, and the bottleneck behind the
//! unmatched. `--json` prints the matching as one JSON object instead (its schema:
//! `mentor-match schema match`).
//!
//! A roster is read as CSV (an HR export, see `mentor_match::model`'s CSV format) when its
//! name ends in `.csv`, or, from standard input, when it does not start with `{`; as roster
//! JSON otherwise. `--criteria FILE` adds a programme's criteria and weights from a separate
//! JSON document (a CSV cannot hold them). `--sample programme` matches the second built-in
//! sample, a CSV programme with criteria, choices and avoid lists (`examples/data/
//! programme.csv` with `programme-criteria.json`). When the roster has soft criteria or stated
//! choices each pair also shows its score taken apart, and the choice report follows the
//! pairs. `--fairness FIELD` adds the fairness report by that attribute or built-in field.

use crate::Failure;
use crate::input::Source;
use mentor_match::diagnosis::Diagnosis;
use mentor_match::fairness;
use mentor_match::matcher::PreferenceSource;
use mentor_match::model::CriteriaSpec;
use mentor_match::{Lesson, Matcher, Matching, Pair, Roster, RosterSpec, Side};

/// The pilot roster, compiled in.
pub const PILOT: &str = include_str!("../../../examples/data/pilot.json");

/// The second sample: a programme exported as CSV, with attributes, choices and avoid lists.
pub const PROGRAMME_CSV: &str = include_str!("../../../examples/data/programme.csv");

/// The second sample's criteria: one `must`, one `different`, one `overlap`.
pub const PROGRAMME_CRITERIA: &str = include_str!("../../../examples/data/programme-criteria.json");

/// The built-in samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sample {
    /// The reverse-mentoring pilot (JSON, skills and wishes only).
    Pilot,
    /// A programme from an HR export (CSV) with its own fields, criteria, choices and an
    /// avoid list.
    Programme,
}

/// Lines of the table are kept within this many columns where the data allows.
const WIDTH: usize = 100;

/// `mentor-match match`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// A roster in the roster JSON format, `-` for standard input (default: the built-in
    /// pilot roster).
    #[arg(value_name = "ROSTER")]
    pub file: Option<Source>,
    /// Print the whole matching as one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Match a built-in sample instead of a file.
    #[arg(long, value_enum, conflicts_with = "file")]
    pub sample: Option<Sample>,
    /// A JSON document of criteria and weights to add to the roster's own.
    #[arg(long, value_name = "FILE")]
    pub criteria: Option<Source>,
    /// Add the fairness report by this attribute or built-in field (table output only).
    #[arg(long, value_name = "FIELD", conflicts_with = "json")]
    pub fairness: Option<String>,
    /// Pair by this strategy instead of the exact optimum: a built-in one (`mentor-match
    /// strategies --help` lists them) or one of the library's `strategy::MORE_NAMES`
    /// (`rank_maximal_*`, `popular_*`, `super_stable_*` and `large_weakly_stable_*`, each
    /// `_juniors` or `_seniors`; an unknown name's message lists them all). The library's
    /// `mentor_match::strategy` docs define them.
    #[arg(long, value_name = "NAME", value_parser = known_strategy)]
    pub strategy: Option<String>,
    /// What the strategy ranks partners by: `induced` (what each would gain) or `stated`
    /// (participants' own choices and ratings).
    #[arg(long, value_enum, default_value_t = Preferences::Induced, requires = "strategy")]
    pub preferences: Preferences,
}

/// What `--strategy` ranks partners by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Preferences {
    /// What each participant would gain.
    Induced,
    /// What participants said: their choices and ratings.
    Stated,
}

/// Matches the roster `args` names and renders the table, or the JSON document.
///
/// # Errors
///
/// [`Failure::Input`] for an unreadable file, invalid roster JSON or a roster that does not
/// validate.
pub fn run(args: &Args) -> Result<String, Failure> {
    let roster = load_args(args)?;
    let matching = match &args.strategy {
        None => solve(&roster)?,
        Some(name) => {
            let strategy = mentor_match::strategy::any_by_name(name)
                .map_err(|e| Failure::Input(format!("`--strategy`: {e}")))?;
            let preferences = match args.preferences {
                Preferences::Induced => PreferenceSource::Induced,
                Preferences::Stated => PreferenceSource::Stated,
            };
            Matcher::new()
                .with_strategy(strategy)
                .with_preferences(preferences)
                .solve(&roster)
                .map_err(|e| Failure::Input(e.to_string()))?
        }
    };
    Ok(if args.json {
        format!("{}\n", matching.to_json())
    } else {
        let mut text = render(&matching, &roster);
        if let Some(field) = &args.fairness {
            let report = fairness::report(&roster, &matching, field)
                .map_err(|e| Failure::Input(e.to_string()))?;
            text.push_str(&format!("\nFairness by {field}:\n{}", report.table()));
        }
        if !matching.unmatched().is_empty() {
            let diagnosis = Matcher::new()
                .diagnose(&roster)
                .map_err(|e| Failure::Input(e.to_string()))?;
            text.push_str(&render_diagnosis(&diagnosis));
        }
        text
    })
}

/// The bottleneck behind the unmatched, side by side: the group that cannot all be placed and
/// the skills most short of teachers (at most five per side).
pub fn render_diagnosis(diagnosis: &Diagnosis) -> String {
    let mut out = String::new();
    for shortage in [&diagnosis.juniors, &diagnosis.seniors]
        .into_iter()
        .flatten()
    {
        let side = shortage.side;
        let other = side.other();
        out.push_str(&format!(
            "\nBottleneck: {} cannot be matched:\n  {} can pair only with {}, who have {} for them\n",
            count(shortage.deficiency as usize, &side.to_string()),
            count(shortage.people.len(), &side.to_string()),
            count(shortage.partners.len(), &other.to_string()),
            count(shortage.partner_places as usize, "place"),
        ));
        for skill in shortage
            .skills
            .iter()
            .filter(|k| k.wishing_places > k.places)
            .take(5)
        {
            out.push_str(&format!(
                "  {}: {} wish to learn it; {} can teach it, with {}\n",
                skill.skill,
                count(skill.wishing as usize, &side.to_string()),
                count(skill.teachers as usize, &other.to_string()),
                count(skill.places as usize, "place"),
            ));
        }
    }
    out
}

/// Reads and validates the roster the arguments name: a sample or a file, with the criteria
/// document when one is given.
///
/// # Errors
///
/// As [`load`], and [`Failure::Input`] for an unreadable or invalid criteria document; when
/// neither the roster nor the criteria document can be read, one failure names both.
pub fn load_args(args: &Args) -> Result<Roster, Failure> {
    if args.file == Some(Source::Stdin) && args.criteria == Some(Source::Stdin) {
        return Err(Failure::Input(
            "the roster and `--criteria` both name standard input (`-`): one of them must be \
             a file"
                .to_owned(),
        ));
    }
    let (spec, name) = match (args.sample, &args.file) {
        (Some(Sample::Programme), _) => {
            let spec = RosterSpec::from_csv(PROGRAMME_CSV)
                .map_err(|e| Failure::Internal(format!("the programme sample is invalid: {e}")))?;
            let criteria = CriteriaSpec::from_json(PROGRAMME_CRITERIA).map_err(|e| {
                Failure::Internal(format!("the sample's criteria are invalid: {e}"))
            })?;
            (
                Ok(spec.with_criteria_spec(criteria)),
                "the programme sample".to_owned(),
            )
        }
        (Some(Sample::Pilot), _) | (None, None) => {
            if args.criteria.is_none() {
                return load(None);
            }
            let spec = RosterSpec::from_json(PILOT)
                .map_err(|e| Failure::Internal(format!("the pilot roster is invalid: {e}")))?;
            (Ok(spec), "the pilot roster".to_owned())
        }
        (None, Some(source)) => (read_spec(source), source.name()),
    };
    // Both files are read before either's mistakes are reported: a coordinator with a mistake
    // in each hears of both at once.
    let criteria = args.criteria.as_ref().map(read_criteria).transpose();
    let spec = match (spec, criteria) {
        (Err(Failure::Input(roster)), Err(Failure::Input(criteria))) => {
            return Err(Failure::Input(format!("{roster}; and {criteria}")));
        }
        (Err(failure), _) | (_, Err(failure)) => return Err(failure),
        (Ok(spec), Ok(Some(criteria))) => spec.with_criteria_spec(criteria),
        (Ok(spec), Ok(None)) => spec,
    };
    Roster::new(spec).map_err(|e| Failure::Input(format!("{name}: {e}")))
}

/// Reads the criteria document in `source`.
fn read_criteria(source: &Source) -> Result<CriteriaSpec, Failure> {
    let text = source.read_text()?;
    CriteriaSpec::from_json(&text).map_err(|e| Failure::Input(format!("{}: {e}", source.name())))
}

/// Reads the roster spec in `source`: CSV when its name ends in `.csv` or, without a name,
/// when it does not start with `{`; roster JSON otherwise.
fn read_spec(source: &Source) -> Result<RosterSpec, Failure> {
    let text = source.read_text()?;
    let extension = source
        .path()
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let csv = match extension.as_deref() {
        Some("csv") => true,
        Some("json") => false,
        _ => !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{'),
    };
    let spec = if csv {
        RosterSpec::from_csv(&text)
    } else {
        RosterSpec::from_json(&text)
    };
    spec.map_err(|e| Failure::Input(format!("{}: {e}", source.name())))
}

/// Reads and validates the roster in `file`, or the pilot roster when `file` is `None`.
///
/// # Errors
///
/// [`Failure::Input`]: an unreadable file (named in the message), or the library's error for
/// invalid JSON or a roster that does not validate.
pub fn load(file: Option<&Source>) -> Result<Roster, Failure> {
    let Some(source) = file else {
        return Roster::from_json(PILOT)
            .map_err(|e| Failure::Internal(format!("the pilot roster is invalid: {e}")));
    };
    let spec = read_spec(source)?;
    Roster::new(spec).map_err(|e| Failure::Input(format!("{}: {e}", source.name())))
}

/// Matches the roster with every default of [`Matcher`].
///
/// # Errors
///
/// [`Failure::Input`]: the library's refusal (the default scorer never gives one on a valid
/// roster).
pub fn solve(roster: &Roster) -> Result<Matching, Failure> {
    Matcher::new()
        .solve(roster)
        .map_err(|e| Failure::Input(e.to_string()))
}

/// The matching as a readable table.
pub fn render(matching: &Matching, roster: &Roster) -> String {
    let mut out = String::new();
    let objective = serde_json::to_value(matching.objective())
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_else(|| format!("{:?}", matching.objective()));
    out.push_str(&format!(
        "Reverse-mentoring pairs for {} and {} (objective: {objective})\n",
        count(roster.juniors().len(), "junior"),
        count(roster.seniors().len(), "senior"),
    ));
    out.push_str(
        "Lessons: wish [via the teacher's related skill] (teacher's level vs the learner's, \
         share)\n\n",
    );

    let juniors: Vec<String> = matching
        .pairs()
        .iter()
        .map(|p| who(roster, &p.junior, Side::Junior))
        .collect();
    let seniors: Vec<String> = matching
        .pairs()
        .iter()
        .map(|p| who(roster, &p.senior, Side::Senior))
        .collect();
    let widest = |labels: &[String]| labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let (wj, ws) = (widest(&juniors), widest(&seniors));
    // "<junior> <-> <senior>   score 100%": align the columns when they fit.
    let aligned = wj + ws + " <-> ".len() + "   score 100%".len() <= WIDTH;
    if matching.pairs().is_empty() {
        out.push_str("No pairs.\n");
    }
    for ((pair, junior), senior) in matching.pairs().iter().zip(&juniors).zip(&seniors) {
        let score = percent(pair.score);
        if aligned {
            out.push_str(&format!(
                "{junior:<wj$} <-> {senior:<ws$}   score {score:>3}%\n"
            ));
        } else {
            out.push_str(&format!("{junior} <-> {senior}   score {score}%\n"));
        }
        out.push_str(&direction(pair, Side::Senior));
        out.push_str(&direction(pair, Side::Junior));
        out.push_str(&parts(pair));
    }
    if let Some(report) = matching.choices() {
        out.push_str("\nChoices met:\n");
        for (side, figures) in [("juniors", report.juniors), ("seniors", report.seniors)] {
            out.push_str(&format!(
                "  {side}: {} listed choices; {} got their first, {} one of their top three, {} none\n",
                figures.stated, figures.first, figures.top_three, figures.none
            ));
        }
    }

    out.push_str(&format!("\nUnmatched ({}):\n", matching.unmatched().len()));
    if matching.unmatched().is_empty() {
        out.push_str("  nobody\n");
    }
    for u in matching.unmatched() {
        let head = format!("  {}:", who(roster, &u.id, u.side));
        let mut reason = u.reason.to_string();
        if !u.excluded_by.is_empty() {
            let listed: Vec<String> = u
                .excluded_by
                .iter()
                .map(|e| format!("{} ({})", e.rule, count(e.partners, "partner")))
                .collect();
            reason.push_str(&format!("; excluded by {}", listed.join(", ")));
        }
        let words: Vec<String> = reason.split(' ').map(str::to_owned).collect();
        out.push_str(&wrap(&head, &words, 4));
    }

    let n = matching.pairs().len();
    let total = matching.total_score();
    out.push_str(&format!(
        "\nTotal score {total:.2} over {}",
        count(n, "pair")
    ));
    if n > 0 {
        out.push_str(&format!(" (mean {}%)", percent(total / n as f64)));
    }
    out.push('\n');
    out
}

/// `Name (id, side)`, or `id (side)` for a participant without a display name.
fn who(roster: &Roster, id: &str, side: Side) -> String {
    let name = roster
        .find(id)
        .and_then(|p| roster.participant(p).name.as_deref())
        .filter(|name| !name.trim().is_empty());
    match name {
        Some(name) => format!("{name} ({id}, {side})"),
        None => format!("{id} ({side})"),
    }
}

/// `1 pair`, `2 pairs`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A fraction in `[0, 1]` as a whole percentage.
fn percent(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

/// One indented line (wrapped within [`WIDTH`]) for what `teacher_side` teaches the other.
fn direction(pair: &Pair, teacher_side: Side) -> String {
    let (teacher, learner, lessons, gain) = match teacher_side {
        Side::Senior => (
            &pair.senior,
            &pair.junior,
            &pair.junior_learns,
            pair.junior_gain,
        ),
        Side::Junior => (
            &pair.junior,
            &pair.senior,
            &pair.senior_learns,
            pair.senior_gain,
        ),
    };
    let head = format!("    {teacher} teaches {learner}:");
    if lessons.is_empty() {
        return format!("{head} nothing\n");
    }
    // The shares of a direction add up to its benefit: its gain, unless criteria or choices
    // blend into the gain (then the pair's `parts` line shows the blend).
    let benefit = if pair.parts.is_some() {
        lessons.iter().map(|l| l.share).sum()
    } else {
        gain
    };
    let shares: Vec<f64> = lessons
        .iter()
        .map(|l| {
            if benefit > 0.0 {
                l.share / benefit
            } else {
                l.share
            }
        })
        .collect();
    let percents = whole_percents(&shares);
    let items: Vec<String> = lessons
        .iter()
        .zip(percents)
        .enumerate()
        .map(|(k, (l, p))| {
            let comma = if k + 1 < lessons.len() { "," } else { "" };
            format!("{}{comma}", lesson(l, p))
        })
        .collect();
    wrap(&head, &items, 8)
}

/// The line that takes the pair's score apart, when the roster has soft criteria or choices:
/// each part as a whole percentage of the score, and where each partner ranked the other.
fn parts(pair: &Pair) -> String {
    let Some(parts) = &pair.parts else {
        return String::new();
    };
    let mut names = vec!["benefit".to_owned()];
    let mut values = vec![parts.benefit];
    for c in &parts.criteria {
        let credit = match c.credit {
            Some(x) => format!("credit {}%", percent(x)),
            None => "not given".to_owned(),
        };
        names.push(format!("{} ({credit})", c.criterion));
        values.push(c.share);
    }
    let rank = |who: &str, rank: Option<usize>| rank.map(|r| format!("{who}'s choice {r}"));
    let ranks: Vec<String> = [
        rank(&pair.junior, parts.junior_rank),
        rank(&pair.senior, parts.senior_rank),
    ]
    .into_iter()
    .flatten()
    .collect();
    names.push(if ranks.is_empty() {
        "choices".to_owned()
    } else {
        format!("choices ({})", ranks.join(", "))
    });
    values.push(parts.choices);
    let fractions: Vec<f64> = values
        .iter()
        .map(|v| {
            if pair.score > 0.0 {
                v / pair.score
            } else {
                0.0
            }
        })
        .collect();
    let items: Vec<String> = names
        .iter()
        .zip(whole_percents(&fractions))
        .enumerate()
        .map(|(k, (name, p))| {
            let comma = if k + 1 < names.len() { "," } else { "" };
            format!("{p}% {name}{comma}")
        })
        .collect();
    wrap("    score:", &items, 8)
}

/// `skill [via other] (teacher vs learner, share%)`.
fn lesson(l: &Lesson, percent: i64) -> String {
    let via = if l.via == l.skill {
        String::new()
    } else {
        format!(" via {}", l.via)
    };
    format!(
        "{}{via} ({} vs {}, {percent}%)",
        l.skill, l.teacher_level, l.learner_level
    )
}

/// Fractions that add up to 1 as whole percentages that add up to 100 (largest remainder
/// first, ties to the earlier one); fractions that do not add up to 1 are simply rounded.
fn whole_percents(fractions: &[f64]) -> Vec<i64> {
    let sum: f64 = fractions.iter().sum();
    if fractions.is_empty() || (sum - 1.0).abs() > 1e-9 {
        return fractions.iter().map(|&f| percent(f)).collect();
    }
    let mut whole: Vec<i64> = fractions
        .iter()
        .map(|&f| (f * 100.0).floor() as i64)
        .collect();
    let mut order: Vec<usize> = (0..fractions.len()).collect();
    let remainder = |k: usize| fractions[k] * 100.0 - whole[k] as f64;
    order.sort_by(|&a, &b| remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b)));
    let missing = 100 - whole.iter().sum::<i64>();
    for &k in order.iter().take(missing.max(0) as usize) {
        whole[k] += 1;
    }
    whole
}

/// `head` followed by `pieces` separated by spaces, wrapped within [`WIDTH`] columns, each
/// continuation line indented by `indent` spaces; a piece is never split.
fn wrap(head: &str, pieces: &[String], indent: usize) -> String {
    let mut out = String::from(head);
    let mut column = head.chars().count();
    for (k, piece) in pieces.iter().enumerate() {
        let len = piece.chars().count();
        if k > 0 && column + 1 + len > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        } else {
            out.push(' ');
            column += 1;
        }
        out.push_str(piece);
        column += len;
    }
    out.push('\n');
    out
}

/// A strategy name the library knows (checked while parsing, so that an unknown name is
/// listed with every other argument mistake).
fn known_strategy(name: &str) -> Result<String, String> {
    match mentor_match::strategy::any_by_name(name) {
        Ok(_) => Ok(name.to_owned()),
        Err(e) => Err(e.to_string()),
    }
}
