//! Planning rounds: one round against the previous matching, or a rotation of rounds in which
//! no pair meets twice. A round is planned in named steps: check everything the coordinator
//! gave, add the bonuses, solve, say why previous pairs were broken, report.

use super::builder::Programme;
use super::keep_bonus::check_keep_bonus;
use super::locks::LockedCell;
use super::lookup::{both, find_on_side};
use super::previous::{dedup, sort_previous};
use super::round::{Broken, Round};
use super::setup::{Block, Cell, Setup};
use super::spec::PairIds;
use crate::mentoring::error::Result;
use crate::mentoring::matcher::Objective;
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{Roster, Side};
use crate::mentoring::roster_scores::check_minimums;

/// What a round is planned against.
#[derive(Debug, Clone, Copy)]
enum Basis<'a> {
    /// The programme's previous matching: its pairs are kept unless breaking them gains more
    /// than the keep bonus.
    Previous,
    /// The earlier rounds of a rotation, with no previous matching to keep: the pairs that
    /// `met` are forbidden (leavers ignored), and `sat_out` counts the times each participant
    /// sat out, by participant index.
    Rotation {
        met: &'a [PairIds],
        sat_out: &'a [u32],
    },
}

/// A round's input, checked: the weights, the previous pairs that may be kept and those
/// broken before solving, and the locked cells.
struct Checked<'p> {
    setup: Setup,
    keepable: Vec<(&'p PairIds, Cell)>,
    broken: Vec<Broken>,
    locks: Vec<LockedCell>,
}

impl Programme {
    /// Plans one round: the best matching under the locks, bans and history, keeping previous
    /// pairs unless breaking them gains more than the keep bonus, and what changed.
    ///
    /// # Complexity
    ///
    /// Scoring as [`Matcher::score`], then the [many-to-many solver](crate::capacitated)
    /// (`O(F · E log V)`), once more when a pair is broken for a better score (to measure the
    /// gain against the best matching that keeps every pair).
    ///
    /// # Errors
    ///
    /// Every mistake of the programme is found before solving and reported together (see
    /// [`Error::all`]), each one as:
    /// - [`Error::InvalidOption`] for a keep bonus outside `[0, MAX_KEEP_BONUS]` or NaN;
    /// - [`Error::UnknownParticipant`] for a lock, ban or history pair naming someone not in the
    ///   roster, [`Error::WrongSide`] for any pair with a senior as junior or the reverse;
    /// - [`Error::LockBreaksRule`] for a lock that breaks a rule and is not an override;
    /// - [`Error::LockConflict`] for a lock that is banned, in the history, names someone
    ///   unavailable, or exceeds a capacity without override;
    /// - [`Error::Multiple`] listing them when there are several;
    /// - the matcher's errors ([`Matcher::score`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{Lock, Programme};
    /// use mentor_match::{Error, Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "languages": ["pl"]},
    ///     {"id": "jan", "side": "senior", "languages": ["en"]}]}"#)?;
    /// let err = Programme::new(Matcher::new()).with_lock(Lock::new("ola", "jan")).round(&roster);
    /// assert!(matches!(err, Err(Error::LockBreaksRule { ref rule, .. }) if rule == "shared_language"));
    /// let round = Programme::new(Matcher::new())
    ///     .with_lock(Lock::new("ola", "jan").overriding_rules())
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("ola"), Some("jan"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    ///
    /// [`Matcher::score`]: crate::Matcher::score
    /// [`Error::all`]: crate::Error::all
    /// [`Error::InvalidOption`]: crate::Error::InvalidOption
    /// [`Error::UnknownParticipant`]: crate::Error::UnknownParticipant
    /// [`Error::WrongSide`]: crate::Error::WrongSide
    /// [`Error::LockBreaksRule`]: crate::Error::LockBreaksRule
    /// [`Error::LockConflict`]: crate::Error::LockConflict
    /// [`Error::Multiple`]: crate::Error::Multiple
    pub fn round(&self, roster: &Roster) -> Result<Round> {
        self.plan(roster, Basis::Previous)
    }

    /// Plans `rounds` rotation rounds in which no pair meets twice: round `k` never repeats a
    /// pair of the history, of the previous pairs or of rounds before `k`.
    ///
    /// The rounds are planned **one after another**, each optimal given the ones before it
    /// (the most people with a first partner, then the most pairs, then the best total); the
    /// plan as a whole is not optimised jointly, so a later round may do worse than in the
    /// best joint plan, and rounds get fewer pairs once the allowed pairs run out.
    ///
    /// **Sitting out rotates.** When not everyone can have a partner, everyone who sat out in
    /// earlier rounds of the plan earns, on each of their pairs, a bonus per time they sat out,
    /// larger than any difference in total score between two matchings. So among the
    /// matchings with the most people and pairs, the one whose unmatched people sat out least
    /// is chosen: nobody sits out twice before everyone who could sit out instead has sat out
    /// once, as far as the rules and the history allow.
    ///
    /// There is no previous matching in a rotation: every round's `kept` and `broken` are
    /// empty and `new` holds all its pairs. The keep bonus does not apply.
    ///
    /// **The plan ends when the pairs run out.** Once a round forms no pair, every later round
    /// would be the same empty round, so the plan stops there: it holds at most `rounds`
    /// rounds, and fewer only when its last round forms no pair (that round is included: its
    /// matching says why each person sits out). So a large `rounds`, even `usize::MAX`, asks
    /// for "every round that can differ", at most one more than the number of pairs allowed.
    ///
    /// # Complexity
    ///
    /// [`round`](Self::round) once per round planned: at most `rounds`, and at most the number
    /// of allowed pairs plus one, since each round but the last forms a new pair.
    ///
    /// # Errors
    ///
    /// As [`round`](Self::round); a lock with `rounds >= 2` is an [`Error::LockConflict`]
    /// (its pair would meet twice).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::Programme;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}},
    ///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
    /// let rounds = Programme::new(Matcher::new()).rounds(&roster, 2)?;
    /// assert_eq!(rounds[0].sitting_out, ["kai"]);
    /// assert_eq!(rounds[1].sitting_out, ["ola"]);
    ///
    /// // Jan can meet each junior once: two rounds with a pair, then an empty one, and no more.
    /// let all = Programme::new(Matcher::new()).rounds(&roster, usize::MAX)?;
    /// assert_eq!(all.len(), 3);
    /// assert!(all[2].matching.pairs().is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    ///
    /// [`Error::LockConflict`]: crate::Error::LockConflict
    pub fn rounds(&self, roster: &Roster, rounds: usize) -> Result<Vec<Round>> {
        let mut met = self.previous.clone();
        let mut sat_out = vec![0u32; roster.len()];
        // Grown one round at a time: `rounds` comes from the caller and may be far more than
        // can differ, so nothing is reserved for it.
        let mut plan = Vec::new();
        for _ in 0..rounds {
            let round = self.plan(
                roster,
                Basis::Rotation {
                    met: &met,
                    sat_out: &sat_out,
                },
            )?;
            met.extend(round.new.iter().cloned());
            for id in &round.sitting_out {
                if let Some(p) = roster.find(id) {
                    sat_out[p.index()] = sat_out[p.index()].saturating_add(1);
                }
            }
            // No pair formed: the met pairs did not change, so every later round is this one.
            let last = round.matching.pairs().is_empty();
            plan.push(round);
            if last {
                break;
            }
        }
        Ok(plan)
    }

    /// One round against `basis`.
    fn plan(&self, roster: &Roster, basis: Basis<'_>) -> Result<Round> {
        let previous = match basis {
            Basis::Previous => dedup(&self.previous),
            Basis::Rotation { .. } => Vec::new(),
        };
        let Checked {
            mut setup,
            keepable,
            mut broken,
            locks,
        } = self.check(roster, basis, &previous)?;
        match basis {
            Basis::Previous => {
                setup.add_keep_bonus(keepable.iter().map(|&(_, cell)| cell), self.keep_bonus);
            }
            Basis::Rotation { sat_out, .. } => {
                if sat_out.iter().any(|&n| n > 0) {
                    setup.add_rotation_bonus(sat_out, roster);
                }
            }
        }
        let (solution, _) = self.solve_with(roster, &setup, &locks, &[])?;
        // Minimums and the top-choice guarantee hold in a round too, or the round is refused
        // naming who cannot be served (the history or the locks may be why).
        check_minimums(roster, &setup.scored, &solution)?;
        let matching = self.matcher.explain_as(
            roster,
            &setup.scored,
            solution.pairs(),
            "programme",
            Objective::MostPairs,
        )?;
        broken.extend(self.broken_by_choice(
            roster,
            &setup,
            &locks,
            &keepable,
            &solution,
            matching.total_score,
        )?);
        // Report in the order the previous pairs were given.
        broken.sort_by_key(|b| previous.iter().position(|p| *p == b.pair));
        Ok(Round::new(roster, matching, &previous, broken))
    }

    /// Everything the coordinator gave for a round against `basis`, with the `previous` pairs,
    /// checked before anything is solved.
    fn check<'p>(
        &self,
        roster: &Roster,
        basis: Basis<'_>,
        previous: &'p [PairIds],
    ) -> Result<Checked<'p>> {
        // Every mistake of the coordinator's input is collected before anything is solved, so
        // one error lists them all; the matcher's own errors (scoring) end the round at once.
        let mut found = Mistakes::new();
        found.check(check_keep_bonus(self.keep_bonus));
        let mut setup = self.setup(roster, &mut found)?;
        if let Basis::Rotation { met, .. } = basis {
            block_met(roster, &mut setup, met, &mut found);
        }
        // The previous pairs: each still allowed earns the keep bonus; the others are broken
        // for a reason found before solving.
        let (keepable, broken) = sort_previous(roster, &setup, previous, &mut found);
        let locks = self.locks(roster, &mut setup, &mut found);
        found.finish()?;
        Ok(Checked {
            setup,
            keepable,
            broken,
            locks,
        })
    }
}

/// Forbids the pairs `met` in earlier rounds of a rotation, recording each that names someone
/// on the wrong side. People who left are skipped: a pair of theirs cannot form again anyway.
fn block_met(roster: &Roster, setup: &mut Setup, met: &[PairIds], found: &mut Mistakes) {
    for pair in met {
        if roster.find(&pair.junior).is_none() || roster.find(&pair.senior).is_none() {
            continue;
        }
        let people = both(
            find_on_side(roster, &pair.junior, Side::Junior, "previous"),
            find_on_side(roster, &pair.senior, Side::Senior, "previous"),
        );
        if let Some((Some(j), Some(s))) = found.check(people) {
            setup.block(j, s, Block::Met);
        }
    }
}
