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

use crate::Failure;
use crate::input::Source;
use mentor_match::diagnosis::Diagnosis;
use mentor_match::{Lesson, Matcher, Matching, Pair, Roster, Side};

/// The pilot roster, compiled in.
pub const PILOT: &str = include_str!("../../../examples/data/pilot.json");

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
}

/// Matches the roster `args` names and renders the table, or the JSON document.
///
/// # Errors
///
/// [`Failure::Input`] for an unreadable file, invalid roster JSON or a roster that does not
/// validate.
pub fn run(args: &Args) -> Result<String, Failure> {
    let roster = load(args.file.as_ref())?;
    let matching = solve(&roster)?;
    Ok(if args.json {
        format!("{}\n", matching.to_json())
    } else {
        let mut text = render(&matching, &roster);
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
    let json = source.read_text()?;
    Roster::from_json(&json).map_err(|e| Failure::Input(format!("{}: {e}", source.name())))
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
    }

    out.push_str(&format!("\nUnmatched ({}):\n", matching.unmatched().len()));
    if matching.unmatched().is_empty() {
        out.push_str("  nobody\n");
    }
    for u in matching.unmatched() {
        let head = format!("  {}:", who(roster, &u.id, u.side));
        let words: Vec<String> = u.reason.to_string().split(' ').map(str::to_owned).collect();
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
    // The shares of a direction add up to its gain; show each as a part of that gain.
    let shares: Vec<f64> = lessons
        .iter()
        .map(|l| if gain > 0.0 { l.share / gain } else { l.share })
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
