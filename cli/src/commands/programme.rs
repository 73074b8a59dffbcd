//! `mentor-match programme`: runs three rounds of a reverse-mentoring programme on the pilot
//! roster and prints each round's pairs and what changed: a pair locked by the coordinator, a
//! junior who leaves after the first round and a senior who joins after the second.
//!
//! ```text
//! mentor-match programme            # the three rounds as tables
//! mentor-match programme --json     # the three rounds as one JSON document
//! ```
//!
//! The pilot roster of `examples/data/pilot.json` is compiled into the program, so it runs from
//! anywhere. Each round is planned by `mentor_match::programme::Programme` with the previous
//! round's pairs and the default keep bonus (0.1 per kept pair): a pair is only broken when
//! someone left, a rule, ban or lock needs it, re-pairing gives more people a partner, or
//! re-pairing raises the total score by more than the bonus of the pairs it breaks.
//!
//! 1. Round 1: the coordinator locks Lena with Piotr (they asked to work on negotiation together).
//! 2. Round 2: Natalia leaves the programme.
//! 3. Round 3: Dorota, a senior from Sales, joins.

use crate::Failure;
use mentor_match::programme::{Lock, Programme, Round};
use mentor_match::{FormatVersion, Matcher, ParticipantSpec, Roster, RosterSpec, Side};
use serde::Serialize;
use std::fmt::Write as _;

/// The pilot roster, compiled in.
pub use super::match_roster::PILOT;

/// `mentor-match programme`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Print the three rounds as one JSON document instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// The pair the coordinator locks in every round.
pub const LOCK: (&str, &str) = ("lena", "piotr");

/// The junior who leaves after round 1.
pub const LEAVER: &str = "natalia";

/// The senior who joins after round 2.
pub const JOINER: &str = "dorota";

/// What `mentor-match programme --json` prints: the layout version and the rounds.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Document {
    /// The document's layout version.
    pub format: FormatVersion,
    /// The three rounds, in order.
    pub rounds: Vec<Step>,
}

/// One planned round with its title.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Step {
    /// What happened before the round.
    pub title: String,
    /// The round.
    pub round: Round,
}

/// Plans the three rounds and renders them as tables, or as JSON.
///
/// # Errors
///
/// [`Failure::Internal`]: the library's error, which the built-in pilot roster does not cause.
pub fn run(args: &Args) -> Result<String, Failure> {
    let steps = plan().map_err(Failure::Internal)?;
    Ok(if args.json {
        let document = Document {
            format: FormatVersion,
            rounds: steps,
        };
        let text = serde_json::to_string_pretty(&document)
            .map_err(|e| Failure::Internal(format!("cannot write the output as JSON: {e}")))?;
        format!("{text}\n")
    } else {
        render(&steps)
    })
}

/// The three rosters: the pilot, without the leaver, then with the joiner.
///
/// # Errors
///
/// The library's error for a roster that does not validate.
pub fn rosters() -> Result<[Roster; 3], String> {
    let pilot = RosterSpec::from_json(PILOT).map_err(|e| e.to_string())?;
    let mut without = pilot.clone();
    without.participants.retain(|p| p.id != LEAVER);
    let mut with = without.clone();
    with = with.with_participant(
        ParticipantSpec::new(JOINER, Side::Senior)
            .with_name("Dorota Wójcik")
            .with_department("Sales")
            .with_languages(["pl", "en"])
            .with_experience_years(25.0)
            .with_skill("negotiation", 5)
            .with_skill("career-planning", 4)
            .with_skill("leading-teams", 4)
            .with_wish("social-media", 4)
            .with_wish("ai-assistants", 3),
    );
    let validate = |spec: RosterSpec| spec.validate().map_err(|e| e.to_string());
    Ok([validate(pilot)?, validate(without)?, validate(with)?])
}

/// Plans the three rounds, each with the previous round's pairs and the lock.
///
/// # Errors
///
/// The library's error (which the pilot roster does not cause).
pub fn plan() -> Result<Vec<Step>, String> {
    let titles = [
        format!("Round 1: the coordinator locks {} with {}", LOCK.0, LOCK.1),
        format!("Round 2: {LEAVER} left the programme"),
        format!("Round 3: {JOINER} joined the programme"),
    ];
    let mut steps: Vec<Step> = Vec::new();
    for (roster, title) in rosters()?.iter().zip(titles) {
        let mut programme = Programme::new(Matcher::new()).with_lock(Lock::new(LOCK.0, LOCK.1));
        if let Some(last) = steps.last() {
            programme = programme.with_previous(last.round.matching.pairs());
        }
        let round = programme.round(roster).map_err(|e| e.to_string())?;
        steps.push(Step { title, round });
    }
    Ok(steps)
}

/// The rounds as text tables: the pairs (the locked one marked), then what changed.
pub fn render(steps: &[Step]) -> String {
    let mut out = String::new();
    for (k, step) in steps.iter().enumerate() {
        let m = &step.round.matching;
        let _ = writeln!(out, "{}", step.title);
        let _ = writeln!(out, "{}", "=".repeat(step.title.chars().count()));
        for pair in m.pairs() {
            let locked = if (pair.junior.as_str(), pair.senior.as_str()) == LOCK {
                "  (locked)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {:<10} <-> {:<10} score {:>4.0}%{locked}",
                pair.junior,
                pair.senior,
                pair.score * 100.0
            );
        }
        let _ = writeln!(
            out,
            "  {} pairs, total score {:.2}",
            m.pairs().len(),
            m.total_score()
        );
        let r = &step.round;
        if k > 0 {
            let _ = writeln!(out, "  kept: {} pairs", r.kept.len());
            for b in &r.broken {
                let _ = writeln!(out, "  broken: {} ({})", b.pair, b.why);
            }
            for p in &r.new {
                let _ = writeln!(out, "  new: {p}");
            }
        }
        if !r.sitting_out.is_empty() {
            let _ = writeln!(out, "  sitting out: {}", r.sitting_out.join(", "));
        }
        out.push('\n');
    }
    out
}
