//! A programme's rounds on the pilot roster (`examples/data/pilot.json`): a first round with a
//! pair the coordinator locked, then a second round after a junior leaves, reporting which
//! pairs were kept, which were broken and why, which are new, and who sits out.
//!
//! Run with `cargo run --example rounds`.

use mentor_match::programme::{Lock, Programme, Round};
use mentor_match::{Matcher, Roster};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let roster = Roster::from_json(include_str!("data/pilot.json"))?;
    // Lena asked for Piotr; the lock holds whatever the optimum would have preferred.
    let lock = Lock::new("lena", "piotr");

    let first = Programme::new(Matcher::new())
        .with_lock(lock.clone())
        .round(&roster)?;
    println!("round 1");
    for pair in first.matching.pairs() {
        let locked = pair.junior == lock.junior && pair.senior == lock.senior;
        let note = if locked { " (locked)" } else { "" };
        println!(
            "  {} – {}: {:.3}{note}",
            pair.junior, pair.senior, pair.score
        );
    }
    print_sitting_out(&first);

    let leaving = "oskar";
    let mut spec = roster.spec().clone();
    spec.participants.retain(|p| p.id != leaving);
    let after = Roster::new(spec)?;

    // The previous pairs are kept unless re-pairing gains more than their keep bonus, so the
    // people who stay are not reshuffled for a marginal gain.
    let second = Programme::new(Matcher::new())
        .with_lock(lock)
        .with_previous(first.matching.pairs())
        .round(&after)?;
    println!("\nround 2, after {leaving} left");
    for pair in &second.kept {
        println!("  kept    {pair}");
    }
    for b in &second.broken {
        println!("  broken  {}: {}", b.pair, b.why);
    }
    for pair in &second.new {
        println!("  new     {pair}");
    }
    print_sitting_out(&second);
    Ok(())
}

fn print_sitting_out(round: &Round) {
    if !round.sitting_out.is_empty() {
        println!("  sitting out: {}", round.sitting_out.join(", "));
    }
}
