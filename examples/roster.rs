//! A roster written in Rust, matched with the default `Matcher`: each pair with its score and
//! what each partner teaches the other, and each unmatched participant with the reason.
//!
//! Run with `cargo run --example roster`.

use mentor_match::{Lesson, Matcher, ParticipantSpec, RosterSpec, Side, SkillSpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let digital = |id: &str| SkillSpec::new(id).with_category("digital");
    let leadership = |id: &str| SkillSpec::new(id).with_category("leadership");
    let junior = |id: &str| ParticipantSpec::new(id, Side::Junior);
    let senior = |id: &str| ParticipantSpec::new(id, Side::Senior);

    // With a catalog, a misspelt skill is an error instead of a wish nobody can serve, and
    // `spreadsheets` partly serves a wish for its parent `data-analytics`.
    let roster = RosterSpec::new()
        .with_skill(digital("data-analytics"))
        .with_skill(digital("spreadsheets").with_parent("data-analytics"))
        .with_skill(digital("ai-assistants"))
        .with_skill(digital("social-media"))
        .with_skill(digital("cloud-tools"))
        .with_skill(leadership("negotiation"))
        .with_skill(leadership("strategy"))
        .with_skill(leadership("public-speaking"))
        .with_participant(
            junior("ola")
                .with_skill("spreadsheets", 5)
                .with_skill("ai-assistants", 4)
                .with_wish("negotiation", 4)
                .with_languages(["pl", "en"]),
        )
        .with_participant(
            junior("kai")
                .with_skill("social-media", 5)
                .with_wish("strategy", 5),
        )
        // Tom could learn from Jan or teach Eva, but Ola and Kai are better partners for both.
        .with_participant(
            junior("tom")
                .with_skill("social-media", 3)
                .with_wish("negotiation", 3),
        )
        // Lena shares no language with any available senior: the language rule excludes them all.
        .with_participant(
            junior("lena")
                .with_skill("ai-assistants", 5)
                .with_wish("strategy", 4)
                .with_languages(["de"]),
        )
        .with_participant(
            senior("jan")
                .with_skill("negotiation", 5)
                .with_wish("data-analytics", 3)
                .with_wish("ai-assistants", 3)
                .with_languages(["en"]),
        )
        .with_participant(
            senior("eva")
                .with_skill("strategy", 5)
                .with_wish("social-media", 4)
                .with_languages(["en", "pl"]),
        )
        // Nobody wants public speaking and no junior knows cloud tools: Marta scores 0 with all.
        .with_participant(
            senior("marta")
                .with_skill("public-speaking", 5)
                .with_wish("cloud-tools", 4)
                .with_languages(["pl"]),
        )
        // Capacity 0: on the roster, but not taking part this round.
        .with_participant(senior("piotr").with_skill("strategy", 4).with_capacity(0))
        .validate()?;

    let matching = Matcher::new().solve(&roster)?;

    // `via` differs from `skill` when a related catalog skill serves the wish.
    let lesson = |l: &Lesson| {
        if l.via == l.skill {
            l.skill.clone()
        } else {
            format!("{} (via {})", l.skill, l.via)
        }
    };
    let lessons = |ls: &[Lesson]| ls.iter().map(lesson).collect::<Vec<_>>().join(", ");
    for pair in matching.pairs() {
        let (j, s) = (&pair.junior, &pair.senior);
        println!("{j} – {s}: score {:.3}", pair.score);
        println!("  {s} teaches {j}: {}", lessons(&pair.junior_learns));
        println!("  {j} teaches {s}: {}", lessons(&pair.senior_learns));
    }
    for u in matching.unmatched() {
        println!("unmatched {} {}: {}", u.side, u.id, u.reason);
    }
    Ok(())
}
