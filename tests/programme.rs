//! Programmes: locks, bans, rematching with a keep bonus and rotation rounds, against a brute
//! force on small rosters, and every bad input as a typed error.

use mentor_match::programme::{
    BreakReason, DEFAULT_KEEP_BONUS, History, Lock, MAX_KEEP_BONUS, PairIds, Programme,
    ProgrammeSpec, Round,
};
use mentor_match::rules::Rules;
use mentor_match::{
    Combination, Error, Matcher, OptionValue, ParticipantId, ParticipantSpec, Roster, RosterSpec,
    Side,
};
mod common;
use common::brute::each_capacitated;
use common::roster::{ids, junior_id, senior_id};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const EPS: f64 = 1e-9;

// =============================================================================================
// Small random programmes
// =============================================================================================

#[derive(Debug, Clone)]
struct Person {
    /// Levels of the two skills of the side (0 = none).
    skills: [u8; 2],
    /// Priorities of the two wishes (0 = none).
    wishes: [u8; 2],
    /// 1 = en, 2 = pl, 3 = both.
    languages: u8,
    capacity: u32,
}

#[derive(Debug, Clone)]
struct Case {
    juniors: Vec<Person>,
    seniors: Vec<Person>,
    locks: Vec<(usize, usize, bool)>,
    bans: Vec<(usize, usize)>,
    /// Indices beyond the roster are people who left.
    previous: Vec<(usize, usize)>,
    bonus: f64,
}

fn person() -> impl Strategy<Value = Person> {
    (
        [0u8..=5, 0u8..=5],
        [0u8..=5, 0u8..=5],
        prop_oneof![1 => Just(1u8), 1 => Just(2u8), 3 => Just(3u8)],
        prop_oneof![1 => Just(0u32), 3 => Just(1u32), 2 => Just(2u32)],
    )
        .prop_map(|(skills, wishes, languages, capacity)| Person {
            skills,
            wishes,
            languages,
            capacity,
        })
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=4, 1usize..=3).prop_flat_map(|(nj, ns)| {
        (
            prop::collection::vec(person(), nj),
            prop::collection::vec(person(), ns),
            prop::collection::vec((0..nj, 0..ns, prop::bool::weighted(0.3)), 0..=2),
            prop::collection::vec((0..nj, 0..ns), 0..=2),
            prop::collection::vec((0..nj + 1, 0..ns + 1), 0..=3),
            prop_oneof![Just(0.0), Just(DEFAULT_KEEP_BONUS), Just(0.5)],
        )
            .prop_map(|(juniors, seniors, locks, bans, previous, bonus)| Case {
                juniors,
                seniors,
                locks,
                bans,
                previous,
                bonus,
            })
    })
}

fn roster(case: &Case) -> Roster {
    let mut spec = RosterSpec::new();
    let sides = [
        (
            Side::Junior,
            &case.juniors,
            ["cloud-tools", "social-media"],
            ["strategy", "negotiation"],
        ),
        (
            Side::Senior,
            &case.seniors,
            ["strategy", "negotiation"],
            ["cloud-tools", "social-media"],
        ),
    ];
    for (side, people, skills, wishes) in sides {
        for (k, p) in people.iter().enumerate() {
            let id = if side == Side::Junior {
                junior_id(k)
            } else {
                senior_id(k)
            };
            let mut spec_p = ParticipantSpec::new(id, side).with_capacity(p.capacity);
            for i in 0..2 {
                if p.skills[i] > 0 {
                    spec_p = spec_p.with_skill(skills[i], p.skills[i]);
                }
                if p.wishes[i] > 0 {
                    spec_p = spec_p.with_wish(wishes[i], p.wishes[i]);
                }
            }
            let languages: &[&str] = match p.languages {
                1 => &["en"],
                2 => &["pl"],
                _ => &["en", "pl"],
            };
            spec = spec.with_participant(spec_p.with_languages(languages.iter().copied()));
        }
    }
    spec.validate().unwrap()
}

fn pair(j: usize, s: usize) -> PairIds {
    PairIds::new(junior_id(j), senior_id(s))
}

fn programme(case: &Case) -> Programme {
    let mut p = Programme::new(Matcher::new()).with_keep_bonus(case.bonus);
    for &(j, s, over) in &case.locks {
        let lock = Lock::new(junior_id(j), senior_id(s));
        p = p.with_lock(if over { lock.overriding_rules() } else { lock });
    }
    for &(j, s) in &case.bans {
        p = p.with_ban(pair(j, s));
    }
    p.with_previous(case.previous.iter().map(|&(j, s)| pair(j, s)))
}

/// The brute-force problem: weights over the available juniors × seniors, capacities, locks.
struct Reference {
    juniors: Vec<ParticipantId>,
    seniors: Vec<ParticipantId>,
    weights: Vec<f64>,
    junior_cap: Vec<u32>,
    senior_cap: Vec<u32>,
    locks: Vec<(usize, usize)>,
}

/// (people with a partner, pairs, total weight): larger is better, in that order.
type Key = (usize, usize, f64);

fn better(a: Key, b: Key) -> bool {
    (a.0, a.1) > (b.0, b.1) || ((a.0, a.1) == (b.0, b.1) && a.2 > b.2 + EPS)
}

impl Reference {
    fn position(&self, roster: &Roster, p: &PairIds) -> Option<(usize, usize)> {
        let j = roster.find(&p.junior)?;
        let s = roster.find(&p.senior)?;
        Some((
            self.juniors.iter().position(|&x| x == j)?,
            self.seniors.iter().position(|&x| x == s)?,
        ))
    }

    fn key(&self, cells: &[(usize, usize)]) -> Key {
        let people: BTreeSet<(bool, usize)> = cells
            .iter()
            .flat_map(|&(r, c)| [(false, r), (true, c)])
            .collect();
        let ns = self.seniors.len();
        let total = cells.iter().map(|&(r, c)| self.weights[r * ns + c]).sum();
        (people.len(), cells.len(), total)
    }

    fn feasible(&self, cells: &[(usize, usize)]) -> bool {
        let mut jl = vec![0u32; self.juniors.len()];
        let mut sl = vec![0u32; self.seniors.len()];
        for &(r, c) in cells {
            jl[r] += 1;
            sl[c] += 1;
        }
        jl.iter().zip(&self.junior_cap).all(|(a, b)| a <= b)
            && sl.iter().zip(&self.senior_cap).all(|(a, b)| a <= b)
            && self.locks.iter().all(|l| cells.contains(l))
    }

    /// The best key over every feasible set of formable pairs.
    fn brute(&self) -> Key {
        let ns = self.seniors.len();
        let mut best: Option<Key> = None;
        each_capacitated(
            (self.juniors.len(), ns),
            &|r, c| self.weights[r * ns + c].is_finite(),
            (&self.junior_cap, &self.senior_cap),
            &self.locks,
            &mut |chosen| {
                let key = self.key(chosen);
                if best.is_none_or(|b| better(key, b)) {
                    best = Some(key);
                }
            },
        );
        best.expect("the locks alone are feasible")
    }
}

/// The reference problem of a case, or `None` when its locks must be refused.
fn reference(case: &Case, roster: &Roster) -> Option<Reference> {
    let scored = Matcher::new().score(roster).unwrap();
    let (juniors, seniors) = (scored.juniors().to_vec(), scored.seniors().to_vec());
    let ns = seniors.len();
    let mut weights = scored
        .scores()
        .weights(Combination::default())
        .unwrap()
        .as_slice()
        .to_vec();
    let row = |k: usize| {
        let p = roster.find(&junior_id(k))?;
        juniors.iter().position(|&x| x == p)
    };
    let col = |k: usize| {
        let p = roster.find(&senior_id(k))?;
        seniors.iter().position(|&x| x == p)
    };
    let banned: BTreeSet<(usize, usize)> = case.bans.iter().copied().collect();
    for &(j, s) in &banned {
        if let (Some(r), Some(c)) = (row(j), col(s)) {
            weights[r * ns + c] = f64::NEG_INFINITY;
        }
    }
    let previous: BTreeSet<(usize, usize)> = case.previous.iter().copied().collect();
    for &(j, s) in &previous {
        if let (Some(r), Some(c)) = (row(j), col(s))
            && weights[r * ns + c].is_finite()
        {
            weights[r * ns + c] += case.bonus;
        }
    }
    let capacities = |people: &[ParticipantId]| -> Vec<u32> {
        people
            .iter()
            .map(|&p| roster.participant(p).capacity)
            .collect()
    };
    let (mut junior_cap, mut senior_cap) = (capacities(&juniors), capacities(&seniors));
    let mut locks: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    for &(j, s, over) in &case.locks {
        let (Some(r), Some(c)) = (row(j), col(s)) else {
            return None; // someone unavailable
        };
        if banned.contains(&(j, s)) || (scored.excluded_by(r, c).is_some() && !over) {
            return None;
        }
        *locks.entry((r, c)).or_default() |= over;
        if weights[r * ns + c] == f64::NEG_INFINITY {
            weights[r * ns + c] = 0.0;
        }
    }
    let count = |side: usize, k: usize| {
        locks
            .iter()
            .filter(|((r, c), _)| if side == 0 { *r == k } else { *c == k })
            .fold((0u32, false), |(n, o), (_, &over)| (n + 1, o || over))
    };
    for (side, caps) in [&mut junior_cap, &mut senior_cap].into_iter().enumerate() {
        for (k, cap) in caps.iter_mut().enumerate() {
            let (n, over) = count(side, k);
            if n > *cap {
                if !over {
                    return None;
                }
                *cap = n;
            }
        }
    }
    Some(Reference {
        juniors,
        seniors,
        weights,
        junior_cap,
        senior_cap,
        locks: locks.into_keys().collect(),
    })
}

/// Kept, broken and new describe the change from the previous pairs exactly.
fn check_changes(round: &Round, previous: &[PairIds]) {
    let now: BTreeSet<PairIds> = round.matching.pairs().iter().map(PairIds::from).collect();
    let before: BTreeSet<PairIds> = previous.iter().cloned().collect();
    let kept: BTreeSet<PairIds> = round.kept.iter().cloned().collect();
    let new: BTreeSet<PairIds> = round.new.iter().cloned().collect();
    let broken: BTreeSet<PairIds> = round.broken.iter().map(|b| b.pair.clone()).collect();
    assert_eq!(kept, &now & &before);
    assert_eq!(new, &now - &before);
    assert_eq!(broken, &before - &now);
    assert_eq!(broken.len(), round.broken.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The round equals the brute-force optimum under the same locks, bans, capacities and keep
    /// bonus; every lock holds, no ban is formed, capacities hold.
    #[test]
    fn round_is_the_brute_force_optimum(case in case()) {
        let roster = roster(&case);
        let result = programme(&case).round(&roster);
        let Some(reference) = reference(&case, &roster) else {
            // Every lock that cannot hold is reported, each as its own mistake.
            let all_locks = result.as_ref().is_err_and(|e| {
                e.all()
                    .iter()
                    .all(|e| matches!(e, Error::LockBreaksRule { .. } | Error::LockConflict { .. }))
            });
            prop_assert!(all_locks, "{result:?}");
            return Ok(());
        };
        let round = result.unwrap();
        let cells: Vec<(usize, usize)> = round
            .matching
            .pairs()
            .iter()
            .map(|p| reference.position(&roster, &PairIds::from(p)).expect("an available pair"))
            .collect();
        prop_assert!(reference.feasible(&cells), "capacities or locks broken: {cells:?}");
        let ns = reference.seniors.len();
        for &(r, c) in &cells {
            prop_assert!(reference.weights[r * ns + c].is_finite(), "a forbidden pair was formed");
        }
        let (got, best) = (reference.key(&cells), reference.brute());
        prop_assert_eq!((got.0, got.1), (best.0, best.1));
        prop_assert!((got.2 - best.2).abs() < 1e-6, "total {} vs brute force {}", got.2, best.2);
        let previous: Vec<PairIds> = case.previous.iter().map(|&(j, s)| pair(j, s)).collect();
        check_changes(&round, &previous);
        prop_assert_eq!(round.matching.strategy(), "programme");
    }

    /// A rotation never repeats a pair, nor a pair of the history; its first round is the
    /// brute-force optimum with the history forbidden.
    #[test]
    fn rotation_never_repeats_a_pair(
        case in case(),
        history in prop::collection::vec((0usize..4, 0usize..3), 0..=3),
        rounds in 1usize..=4,
    ) {
        let roster = roster(&case);
        let history: Vec<PairIds> = history
            .into_iter()
            .filter(|&(j, s)| j < case.juniors.len() && s < case.seniors.len())
            .map(|(j, s)| pair(j, s))
            .collect();
        let plan = Programme::new(Matcher::new())
            .with_history(History { rounds: vec![history.clone()], never_again: Vec::new() })
            .rounds(&roster, rounds)
            .unwrap();
        // Fewer rounds only when the last one formed no pair (the pairs ran out).
        prop_assert!(!plan.is_empty() && plan.len() <= rounds);
        if plan.len() < rounds {
            prop_assert!(plan.last().unwrap().matching.pairs().is_empty());
        }
        for round in &plan[..plan.len() - 1] {
            prop_assert!(!round.matching.pairs().is_empty());
        }
        let mut met: BTreeSet<PairIds> = history.iter().cloned().collect();
        for round in &plan {
            prop_assert!(round.kept.is_empty() && round.broken.is_empty());
            for p in round.matching.pairs() {
                prop_assert!(met.insert(PairIds::from(p)), "{p:?} repeats");
            }
            for id in roster.participants().map(|p| roster.id(p)) {
                let capacity = roster.participant(roster.find(id).unwrap()).capacity as usize;
                prop_assert!(round.matching.partners_of(id).len() <= capacity);
            }
        }
        let bans = Case { locks: Vec::new(), bans: Vec::new(), previous: Vec::new(), ..case };
        let mut reference = reference(&bans, &roster).unwrap();
        let ns = reference.seniors.len();
        for p in &history {
            if let Some((r, c)) = reference.position(&roster, p) {
                reference.weights[r * ns + c] = f64::NEG_INFINITY;
            }
        }
        let cells: Vec<(usize, usize)> = plan[0]
            .matching
            .pairs()
            .iter()
            .map(|p| reference.position(&roster, &PairIds::from(p)).unwrap())
            .collect();
        let (got, best) = (reference.key(&cells), reference.brute());
        prop_assert_eq!((got.0, got.1), (best.0, best.1));
        prop_assert!((got.2 - best.2).abs() < 1e-6);
    }
}

// =============================================================================================
// Rematching
// =============================================================================================

/// A roster of `juniors` and `seniors` ids with no rules and exact pair scores from `table`
/// (both directions score the same, so the combined score is the table's value).
fn table_programme(
    juniors: &[&str],
    seniors: &[&str],
    table: &[(&str, &str, f64)],
) -> (Roster, Matcher) {
    let roster = ids(juniors, seniors);
    let table: BTreeMap<(String, String), f64> = table
        .iter()
        .map(|&(j, s, w)| ((j.to_owned(), s.to_owned()), w))
        .collect();
    let scorer = move |roster: &Roster, teacher: ParticipantId, learner: ParticipantId| {
        let (a, b) = (roster.id(teacher).to_owned(), roster.id(learner).to_owned());
        let key = if roster.side(teacher) == Side::Junior {
            (a, b)
        } else {
            (b, a)
        };
        table.get(&key).copied().unwrap_or(0.0)
    };
    (
        roster,
        Matcher::new().with_rules(Rules::none()).with_scorer(scorer),
    )
}

/// Cid leaves; swapping Ana and Ben's seniors would gain 0.05, less than the default bonus, so
/// both pairs are kept; with no bonus they are broken, and the reason states the gain.
#[test]
fn a_leaver_breaks_one_pair_and_the_rest_are_kept() {
    let table = [
        ("ana", "xia", 0.5),
        ("ben", "yan", 0.5),
        ("ana", "yan", 0.6),
        ("ben", "xia", 0.45),
        ("ana", "zoe", 0.3),
        ("ben", "zoe", 0.3),
    ];
    let (roster, matcher) = table_programme(&["ana", "ben"], &["xia", "yan", "zoe"], &table);
    let previous = [
        PairIds::new("ana", "xia"),
        PairIds::new("ben", "yan"),
        PairIds::new("cid", "zoe"),
    ];
    let round = Programme::new(matcher)
        .with_previous(&previous)
        .round(&roster)
        .unwrap();
    assert_eq!(round.kept, previous[..2]);
    assert!(round.new.is_empty());
    assert_eq!(round.broken.len(), 1);
    assert_eq!(round.broken[0].pair, previous[2]);
    assert_eq!(
        round.broken[0].why,
        BreakReason::LeftProgramme { id: "cid".into() }
    );
    assert_eq!(round.broken[0].why.to_string(), "`cid` left the programme");
    assert_eq!(round.sitting_out, ["zoe"]);

    let (roster, matcher) = table_programme(&["ana", "ben"], &["xia", "yan", "zoe"], &table);
    let round = Programme::new(matcher)
        .with_previous(&previous)
        .with_keep_bonus(0.0)
        .round(&roster)
        .unwrap();
    assert_eq!(
        round.new,
        [PairIds::new("ana", "yan"), PairIds::new("ben", "xia")]
    );
    let BreakReason::HigherScore { gain, broken, .. } = round.broken[0].why else {
        panic!("{:?}", round.broken);
    };
    assert!((gain - 0.05).abs() < 1e-9);
    assert_eq!(broken, 2);
}

/// A clearly better pairing (gain 0.4 > 2 × 0.1) breaks both pairs, with the gain as reason.
#[test]
fn a_large_gain_breaks_pairs_and_says_why() {
    let table = [
        ("ana", "xia", 0.5),
        ("ben", "yan", 0.5),
        ("ana", "yan", 0.9),
        ("ben", "xia", 0.5),
    ];
    let (roster, matcher) = table_programme(&["ana", "ben"], &["xia", "yan"], &table);
    let previous = [PairIds::new("ana", "xia"), PairIds::new("ben", "yan")];
    let round = Programme::new(matcher)
        .with_previous(&previous)
        .round(&roster)
        .unwrap();
    assert!(round.kept.is_empty());
    assert_eq!(round.broken.len(), 2);
    for b in &round.broken {
        let BreakReason::HigherScore {
            gain,
            broken,
            keep_bonus,
        } = b.why
        else {
            panic!("{:?}", b.why);
        };
        assert!((gain - 0.4).abs() < 1e-9);
        assert_eq!((broken, keep_bonus), (2, DEFAULT_KEEP_BONUS));
        assert!(b.why.to_string().contains("0.400"));
    }
}

/// Matching one more person wins over the keep bonus, and says so.
#[test]
fn a_pair_is_broken_when_that_matches_more_people() {
    let table = [
        ("ana", "xia", 0.9),
        ("ana", "yan", 0.2),
        ("ben", "xia", 0.2),
    ];
    let (roster, matcher) = table_programme(&["ana", "ben"], &["xia", "yan"], &table);
    let round = Programme::new(matcher)
        .with_previous([PairIds::new("ana", "xia")])
        .with_keep_bonus(5.0)
        .round(&roster)
        .unwrap();
    assert_eq!(round.matching.pairs().len(), 2);
    assert_eq!(
        round.broken[0].why,
        BreakReason::MorePeopleMatched { more: 2 }
    );
}

/// The pilot roster: a junior who had a partner leaves. Whenever the best new matching is within
/// the default bonus of the best one that keeps every other pair, every other pair is kept.
#[test]
fn pilot_leaver_keeps_every_other_pair() {
    let pilot = include_str!("../examples/data/pilot.json");
    let roster = Roster::from_json(pilot).unwrap();
    let first = Programme::new(Matcher::new()).round(&roster).unwrap();
    let previous: Vec<PairIds> = first.matching.pairs().iter().map(PairIds::from).collect();
    let mut checked = 0;
    for leaver in previous.iter().map(|p| p.junior.clone()) {
        let mut spec = roster.spec().clone();
        spec.participants.retain(|p| p.id != leaver);
        let after = spec.validate().unwrap();
        let others: Vec<&PairIds> = previous.iter().filter(|p| p.junior != leaver).collect();
        let free = Programme::new(Matcher::new())
            .with_keep_bonus(0.0)
            .round(&after)
            .unwrap();
        let mut keeping = Programme::new(Matcher::new()).with_keep_bonus(0.0);
        for p in &others {
            keeping = keeping.with_lock(Lock::new(p.junior.clone(), p.senior.clone()));
        }
        let keeping = keeping.round(&after).unwrap();
        let round = Programme::new(Matcher::new())
            .with_previous(&previous)
            .round(&after)
            .unwrap();
        let left = BreakReason::LeftProgramme { id: leaver.clone() };
        assert_eq!(round.broken.iter().filter(|b| b.why == left).count(), 1);
        let within = free.matching.pairs().len() == keeping.matching.pairs().len()
            && free.matching.total_score() - keeping.matching.total_score() < DEFAULT_KEEP_BONUS;
        if within {
            checked += 1;
            assert_eq!(
                round.kept.len(),
                others.len(),
                "leaver {leaver}: {:?}",
                round.broken
            );
        }
    }
    eprintln!("{checked} of {} leavers within the bonus", previous.len());
    assert!(checked > 0);
}

// =============================================================================================
// Rotation
// =============================================================================================

/// Five juniors, four seniors, five rounds, everyone compatible: one junior sits out each round
/// and nobody sits out twice, so each sits out exactly once.
#[test]
fn sitting_out_rotates() {
    let juniors = ["ana", "ben", "cid", "dan", "eve"];
    let seniors = ["xia", "yan", "zoe", "wei"];
    let mut table = Vec::new();
    for (a, j) in juniors.iter().enumerate() {
        for (b, s) in seniors.iter().enumerate() {
            // Distinct scores, with Ana the best junior for everyone.
            table.push((
                *j,
                *s,
                0.9 - 0.1 * a as f64 - 0.013 * ((a + 2 * b) % 4) as f64,
            ));
        }
    }
    let (roster, matcher) = table_programme(&juniors, &seniors, &table);
    let plan = Programme::new(matcher).rounds(&roster, 5).unwrap();
    let mut sat: Vec<String> = Vec::new();
    for round in &plan {
        assert_eq!(round.matching.pairs().len(), 4);
        assert_eq!(round.sitting_out.len(), 1);
        sat.extend(round.sitting_out.iter().cloned());
    }
    sat.sort();
    assert_eq!(sat, juniors);
}

#[test]
fn a_lock_cannot_repeat_in_a_rotation() {
    let (roster, matcher) = table_programme(&["ana"], &["xia", "yan"], &[("ana", "xia", 0.5)]);
    let err = Programme::new(matcher)
        .with_lock(Lock::new("ana", "xia"))
        .rounds(&roster, 2)
        .unwrap_err();
    assert!(
        matches!(err, Error::LockConflict { ref junior, ref senior, .. } if junior == "ana" && senior == "xia")
    );
}

// =============================================================================================
// Bad input
// =============================================================================================

fn small() -> Roster {
    Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "languages": ["pl"]},
        {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}, "languages": ["en"]},
        {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}, "languages": ["en"]},
        {"id": "eva", "side": "senior", "wishes": {"cloud-tools": 3}, "languages": ["en", "pl"],
         "capacity": 0}]}"#,
    )
    .unwrap()
}

#[test]
fn unknown_ids_are_named() {
    let roster = small();
    let err = Programme::new(Matcher::new())
        .with_lock(Lock::new("olaf", "jan"))
        .round(&roster)
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownParticipant {
            id: "olaf".into(),
            context: "lock"
        }
    );
    assert_eq!(
        err.to_string(),
        "lock names `olaf`, who is not in the roster"
    );
    let err = Programme::new(Matcher::new())
        .with_ban(PairIds::new("ola", "jen"))
        .round(&roster)
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownParticipant {
            id: "jen".into(),
            context: "ban"
        }
    );
    let history = History {
        rounds: vec![vec![PairIds::new("ola", "gone")]],
        never_again: Vec::new(),
    };
    let err = Programme::new(Matcher::new())
        .with_history(history.clone())
        .round(&roster)
        .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownParticipant {
            id: "gone".into(),
            context: "history"
        }
    );
    let mut pruned = history;
    pruned.retain_roster(&roster);
    assert!(
        Programme::new(Matcher::new())
            .with_history(pruned)
            .round(&roster)
            .is_ok()
    );
    let err = Programme::new(Matcher::new())
        .with_history(History {
            rounds: Vec::new(),
            never_again: vec![PairIds::new("jan", "ola")],
        })
        .round(&roster)
        .unwrap_err();
    // Both names of the pair are on the wrong side: both mistakes are listed.
    assert_eq!(
        err.all(),
        [
            Error::WrongSide {
                id: "jan".into(),
                expected: Side::Junior,
                context: "never_again"
            },
            Error::WrongSide {
                id: "ola".into(),
                expected: Side::Senior,
                context: "never_again"
            }
        ]
    );
    assert_eq!(
        err.all()[0].to_string(),
        "never_again names `jan` as a junior, but `jan` is a senior"
    );
}

#[test]
fn bad_locks_are_typed_errors_naming_both_ids() {
    let roster = small();
    let err = Programme::new(Matcher::new())
        .with_lock(Lock::new("ola", "jan"))
        .round(&roster)
        .unwrap_err();
    assert_eq!(
        err,
        Error::LockBreaksRule {
            junior: "ola".into(),
            senior: "jan".into(),
            rule: "shared_language".into()
        }
    );
    let round = Programme::new(Matcher::new())
        .with_lock(Lock::new("ola", "jan").overriding_rules())
        .round(&roster)
        .unwrap();
    assert_eq!(round.matching.partner_of("jan"), Some("ola"));
    assert!(round.matching.pair_of("ola").unwrap().score > 0.0);
    assert_eq!(round.sitting_out, ["kai"]);

    // Eva is on leave.
    let err = Programme::new(Matcher::new())
        .with_lock(Lock::new("ola", "eva"))
        .round(&roster)
        .unwrap_err();
    assert!(
        matches!(err, Error::LockConflict { ref senior, ref why, .. } if senior == "eva" && why.contains("capacity 0"))
    );

    // Two locks on Jan, who takes one junior.
    let over = Programme::new(Matcher::new())
        .with_lock(Lock::new("kai", "jan"))
        .with_lock(Lock::new("ola", "jan").overriding_rules());
    let round = over.round(&roster).unwrap();
    assert_eq!(round.matching.partners_of("jan"), ["ola", "kai"]);
    let err = Programme::new(Matcher::new())
        .with_lock(Lock::new("kai", "jan"))
        .with_lock(Lock::new("kai", "jan"))
        .with_ban(PairIds::new("kai", "jan"))
        .round(&roster)
        .unwrap_err();
    assert_eq!(
        err,
        Error::LockConflict {
            junior: "kai".into(),
            senior: "jan".into(),
            why: "the pair is banned".into()
        }
    );
    let roster2 = Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior"}, {"id": "kai", "side": "junior"},
        {"id": "jan", "side": "senior"}]}"#,
    )
    .unwrap();
    let err = Programme::new(Matcher::new())
        .with_lock(Lock::new("ola", "jan"))
        .with_lock(Lock::new("kai", "jan"))
        .round(&roster2)
        .unwrap_err();
    assert!(
        matches!(err, Error::LockConflict { ref why, .. } if why == "`jan` has 2 locked pairs but capacity 1"),
        "{err}"
    );
}

#[test]
fn bad_bonus_is_an_invalid_option() {
    let roster = small();
    for bonus in [-0.1, f64::NAN, f64::INFINITY] {
        let err = Programme::new(Matcher::new())
            .with_keep_bonus(bonus)
            .round(&roster)
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidOption {
                    option: "keep_bonus",
                    ..
                }
            ),
            "{err}"
        );
    }
}

#[test]
fn previous_pairs_explain_why_they_broke() {
    let roster = small();
    let round = Programme::new(Matcher::new())
        .with_previous([
            PairIds::new("ola", "jan"), // shared_language forbids it
            PairIds::new("kai", "eva"), // eva is on leave
            PairIds::new("ivo", "jan"), // ivo left
        ])
        .round(&roster)
        .unwrap();
    let whys: Vec<String> = round.broken.iter().map(|b| b.why.to_string()).collect();
    assert_eq!(
        whys,
        [
            "the rule `shared_language` now forbids it",
            "`eva` is not available this round (capacity 0)",
            "`ivo` left the programme",
        ]
    );
    // Jan is not a junior and Ola not a senior: two mistakes, whether the pair is to be kept
    // (a round) or never repeated (a rotation).
    for err in [
        Programme::new(Matcher::new())
            .with_previous([PairIds::new("jan", "ola")])
            .round(&roster)
            .unwrap_err(),
        Programme::new(Matcher::new())
            .with_previous([PairIds::new("jan", "ola")])
            .rounds(&roster, 1)
            .unwrap_err(),
    ] {
        let ids: Vec<(&str, Side)> = err
            .all()
            .iter()
            .map(|e| match e {
                Error::WrongSide {
                    id,
                    expected,
                    context: "previous",
                } => (id.as_str(), *expected),
                other => panic!("expected a wrong side, got {other:?}"),
            })
            .collect();
        assert_eq!(ids, [("jan", Side::Junior), ("ola", Side::Senior)]);
    }
}

// =============================================================================================
// JSON
// =============================================================================================

#[test]
fn spec_and_round_round_trip_through_json() {
    let roster = small();
    let spec = ProgrammeSpec::from_json(
        r#"{
        "locks": [{"junior": "kai", "senior": "jan"}],
        "bans": [{"junior": "ola", "senior": "eva"}],
        "history": {"never_again": [{"junior": "ola", "senior": "jan"}]},
        "previous": [{"junior": "kai", "senior": "jan", "score": 0.5}],
        "keep_bonus": 0.25}"#,
    )
    .unwrap();
    assert_eq!(ProgrammeSpec::from_json(&spec.to_json()).unwrap(), spec);
    let round = Programme::new(Matcher::new())
        .with_spec(spec)
        .round(&roster)
        .unwrap();
    assert_eq!(round.kept, [PairIds::new("kai", "jan")]);
    let back: Round = serde_json::from_str(&round.to_json()).unwrap();
    assert_eq!(back, round);
    let err = ProgrammeSpec::from_json(r#"{"lockz": []}"#).unwrap_err();
    assert!(matches!(err, Error::ProgrammeJson { line: 1, .. }));
    // A bonus out of range is refused when the spec is read, by name.
    let err = ProgrammeSpec::from_json(r#"{"keep_bonus": -1}"#).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidOption {
            option: "keep_bonus",
            ..
        }
    ));
    // Set on the spec in Rust, it is refused when the round is planned.
    let spec = ProgrammeSpec {
        keep_bonus: Some(-1.0),
        ..ProgrammeSpec::default()
    };
    let err = Programme::new(Matcher::new())
        .with_spec(spec)
        .round(&roster);
    assert!(matches!(
        err,
        Err(Error::InvalidOption {
            option: "keep_bonus",
            ..
        })
    ));
}

#[test]
fn types_are_send_and_sync() {
    common::assert_send_sync!(Round, PairIds, Lock, History, ProgrammeSpec, BreakReason);
}

/// In a rotation, the previous pairs count as met: none of them is formed again.
#[test]
fn a_rotation_does_not_repeat_the_previous_pairs() {
    let table = [
        ("ana", "xia", 0.9),
        ("ana", "yan", 0.3),
        ("ben", "xia", 0.3),
        ("ben", "yan", 0.9),
    ];
    let (roster, matcher) = table_programme(&["ana", "ben"], &["xia", "yan"], &table);
    let plan = Programme::new(matcher)
        .with_previous([PairIds::new("ana", "xia"), PairIds::new("gone", "yan")])
        .rounds(&roster, 2)
        .unwrap();
    assert_eq!(
        plan[0].new,
        [PairIds::new("ana", "yan"), PairIds::new("ben", "xia")]
    );
    assert_eq!(plan[1].new, [PairIds::new("ben", "yan")]);
    assert_eq!(plan[1].sitting_out, ["ana", "xia"]);
}

/// The programme's combination is the one its pairs are scored and optimised with.
#[test]
fn the_combination_is_used_for_scores() {
    let roster = Roster::from_json(include_str!("../examples/data/pilot.json")).unwrap();
    let round = Programme::new(Matcher::new())
        .with_combination(Combination::Minimum)
        .round(&roster)
        .unwrap();
    let direct = Matcher::new()
        .with_combination(Combination::Minimum)
        .solve(&roster)
        .unwrap();
    assert_eq!(round.matching.pairs().len(), direct.pairs().len());
    assert!((round.matching.total_score() - direct.total_score()).abs() < 1e-9);
    for p in round.matching.pairs() {
        assert_eq!(p.score, p.junior_gain.min(p.senior_gain));
    }
}

// =============================================================================================
// Trust at the edges (issue 13): strict JSON, every mistake at once, sizes, options by name
// =============================================================================================

#[test]
fn programme_json_must_be_an_object_of_known_keys_each_once() {
    for text in [
        "[]",
        // Read field by position before: locks, bans, history, previous, keep bonus.
        r#"[[], [{"junior": "ola", "senior": "jan"}], {}, [], 0.5]"#,
        r#"{"locks": [["ola", "jan", true]]}"#,
        r#"{"bans": [["ola", "jan"]]}"#,
        r#"{"history": [[], []]}"#,
        r#"{"keep_bonus": 0.1, "keep_bonus": 0.2}"#,
        r#"{"bans": [{"junior": "ola", "junior": "kai", "senior": "jan"}]}"#,
        r#"{"history": {"rounds": [], "rounds": []}}"#,
        r#"{"history": {"round": []}}"#,
    ] {
        let err = ProgrammeSpec::from_json(text).unwrap_err();
        assert!(
            matches!(err, Error::ProgrammeJson { line: 1, .. }),
            "{text}: {err:?}"
        );
        // The position is in the fields, not repeated in the message.
        assert!(!err.to_string().contains(" at line "), "{err}");
    }
}

#[test]
fn a_misspelt_override_is_an_error_naming_the_key() {
    let text = r#"{"locks": [{"junior": "ola", "senior": "jan", "overide_rules": true}]}"#;
    let err = ProgrammeSpec::from_json(text).unwrap_err();
    assert!(
        matches!(err, Error::ProgrammeJson { ref message, .. }
            if message.starts_with("unknown field `overide_rules`, expected one of `junior`, `senior`, `override_rules`")),
        "{err:?}"
    );
    assert!(serde_json::from_str::<Lock>(r#"{"junior": "a", "senior": "b", "x": 1}"#).is_err());
    assert!(serde_json::from_str::<Lock>(r#"["a", "b", true]"#).is_err());
}

#[test]
fn a_saved_matching_reads_back_as_previous_pairs_and_nothing_else_does() {
    let roster = small();
    let first = Programme::new(Matcher::new()).round(&roster).unwrap();
    // The saved matching's pairs, as a coordinator would paste them.
    let saved: serde_json::Value = serde_json::from_str(&first.matching.to_json()).unwrap();
    let text = format!(r#"{{"previous": {}}}"#, saved["pairs"]);
    let spec = ProgrammeSpec::from_json(&text).unwrap();
    let pairs: Vec<PairIds> = first.matching.pairs().iter().map(PairIds::from).collect();
    assert!(!pairs.is_empty());
    assert_eq!(spec.previous, pairs);
    let again = Programme::new(Matcher::new())
        .with_spec(spec)
        .round(&roster)
        .unwrap();
    assert_eq!(again.kept, pairs);
    // Keys a saved pair does not have are mistakes, as are arrays and repeated keys.
    for text in [
        r#"{"previous": [{"junior": "kai", "senior": "jan", "partner": "x"}]}"#,
        r#"{"previous": [{"junoir": "kai", "senior": "jan"}]}"#,
        r#"{"previous": [{"junior": "kai", "senior": "jan", "score": 1, "score": 2}]}"#,
        r#"{"previous": [["kai", "jan"]]}"#,
    ] {
        assert!(ProgrammeSpec::from_json(text).is_err(), "{text}");
    }
}

#[test]
fn a_huge_keep_bonus_is_blamed_by_name() {
    let roster = small();
    // Before: `InvalidWeight` naming an internal matrix cell.
    for bonus in [1e308, f64::MAX, MAX_KEEP_BONUS * 1.5, -f64::MIN_POSITIVE] {
        let err = Programme::new(Matcher::new())
            .with_previous([PairIds::new("kai", "jan")])
            .with_keep_bonus(bonus)
            .round(&roster)
            .unwrap_err();
        assert_eq!(
            err,
            Error::InvalidOption {
                option: "keep_bonus",
                value: OptionValue::Float(bonus),
                expected: "a number from 0 to 1e6 (MAX_KEEP_BONUS)",
            }
        );
    }
    let err = ProgrammeSpec::from_json(r#"{"keep_bonus": 1e308}"#).unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidOption {
            option: "keep_bonus",
            ..
        }
    ));
    // The largest bonus works and keeps the pair.
    let round = Programme::new(Matcher::new())
        .with_previous([PairIds::new("kai", "jan")])
        .with_keep_bonus(MAX_KEEP_BONUS)
        .round(&roster)
        .unwrap();
    assert_eq!(round.kept, [PairIds::new("kai", "jan")]);
}

#[test]
fn rounds_stop_when_the_pairs_run_out() {
    let (roster, matcher) = table_programme(
        &["ana", "ben"],
        &["xia", "yan"],
        &[
            ("ana", "xia", 0.9),
            ("ben", "yan", 0.5),
            ("ana", "yan", 0.2),
        ],
    );
    // Before: `Vec::with_capacity(usize::MAX)` panicked.
    let plan = Programme::new(matcher.clone())
        .rounds(&roster, usize::MAX)
        .unwrap();
    let pairs: Vec<usize> = plan.iter().map(|r| r.matching.pairs().len()).collect();
    assert_eq!(pairs, [2, 1, 0]);
    assert_eq!(plan[2].sitting_out, ["ana", "ben", "xia", "yan"]);
    // Asked for fewer, it plans as many.
    assert_eq!(
        Programme::new(matcher.clone())
            .rounds(&roster, 2)
            .unwrap()
            .len(),
        2
    );
    assert!(
        Programme::new(matcher)
            .rounds(&roster, 0)
            .unwrap()
            .is_empty()
    );
    // Nobody can pair at all: one empty round says why.
    let (alone, matcher) = table_programme(&["ana"], &[], &[]);
    let plan = Programme::new(matcher).rounds(&alone, 1_000_000).unwrap();
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].sitting_out, ["ana"]);
}

#[test]
fn every_mistake_of_a_programme_is_listed() {
    let roster = small();
    let err = Programme::new(Matcher::new())
        .with_keep_bonus(f64::NAN)
        .with_ban(PairIds::new("ivo", "jan"))
        .with_ban(PairIds::new("ivo", "jan")) // the same mistake twice: listed once
        .with_history(History {
            rounds: vec![vec![PairIds::new("jan", "kai")]],
            never_again: vec![PairIds::new("ola", "zed")],
        })
        .with_lock(Lock::new("ola", "jan")) // breaks shared_language
        .with_lock(Lock::new("kai", "eva")) // eva is on leave
        .with_previous([PairIds::new("eva", "ola")])
        .round(&roster)
        .unwrap_err();
    let all = err.all();
    assert!(
        matches!(&all[0], Error::InvalidOption { option: "keep_bonus", value: OptionValue::Float(x), .. } if x.is_nan()),
        "{err}"
    );
    assert_eq!(
        all[1..],
        [
            Error::UnknownParticipant {
                id: "ivo".into(),
                context: "ban"
            },
            Error::UnknownParticipant {
                id: "zed".into(),
                context: "never_again"
            },
            Error::WrongSide {
                id: "jan".into(),
                expected: Side::Junior,
                context: "history"
            },
            Error::WrongSide {
                id: "kai".into(),
                expected: Side::Senior,
                context: "history"
            },
            Error::WrongSide {
                id: "eva".into(),
                expected: Side::Junior,
                context: "previous"
            },
            Error::WrongSide {
                id: "ola".into(),
                expected: Side::Senior,
                context: "previous"
            },
            Error::LockBreaksRule {
                junior: "ola".into(),
                senior: "jan".into(),
                rule: "shared_language".into()
            },
            Error::LockConflict {
                junior: "kai".into(),
                senior: "eva".into(),
                why: "`eva` is not available this round (capacity 0)".into()
            },
        ]
    );
    let text = err.to_string();
    assert!(
        text.starts_with("9 mistakes found:\n- option `keep_bonus`: NaN"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 10);
}

#[test]
fn saved_rounds_read_back_strictly() {
    let roster = small();
    let round = Programme::new(Matcher::new())
        .with_previous([PairIds::new("ivo", "jan")])
        .round(&roster)
        .unwrap();
    let text = round.to_json();
    assert_eq!(serde_json::from_str::<Round>(&text).unwrap(), round);
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["broken"][0]["why"]["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<Round>(value).is_err());
    // A reason without fields ignores no key either.
    assert_eq!(
        serde_json::from_str::<BreakReason>(r#"{"kind": "banned"}"#).unwrap(),
        BreakReason::Banned
    );
    for text in [
        r#"{"kind": "banned", "why": "typo"}"#,
        r#"{"kind": "banned", "kind": "banned"}"#,
        r#"["banned"]"#,
        r#"{"kind": "left_programme", "id": "a", "id": "b"}"#,
    ] {
        assert!(serde_json::from_str::<BreakReason>(text).is_err(), "{text}");
    }
}

/// Every mistake of a programme document at once, each named by its key and, in a list, by
/// its entry; the first keeps its line and column; a keep bonus out of range is named after
/// the mistakes of reading.
#[test]
fn every_mistake_of_a_programme_is_named() {
    let text = r#"{"locks": [{"junior": "ola", "senior": "jan"},
                  {"junior": "kai", "senoir": "eva"},
                  {"junior": "lin", "senior": 3}],
        "bans": {"junior": "ola"},
        "keep_bonus": -1,
        "previous": [{"junior": "ola", "senior": "jan", "junior": "kai"}],
        "history": {"rounds": [], "never_again": [{"junior": 1e400, "senior": "x"}]},
        "lockz": []}"#;
    let err = ProgrammeSpec::from_json(text).unwrap_err();
    let all = err.all();
    let said: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 7, "{err}");
    assert!(
        matches!(&all[0], Error::ProgrammeJson { line: 2, message, .. }
            if message.starts_with("unknown field `senoir`")
                && message.ends_with("in entry #1 of `locks`")),
        "{err}"
    );
    assert_eq!(
        said[1..],
        [
            "programme JSON: invalid type: integer `3`, expected a string in entry #2 of `locks`",
            "programme JSON: invalid type: map, expected a sequence in `bans`",
            "programme JSON: duplicate field `junior` in entry #0 of `previous`",
            "programme JSON: number out of range in `history`",
            "programme JSON: unknown field `lockz`, expected one of `locks`, `bans`, `history`, \
             `previous`, `keep_bonus`",
            // Checked once the document is read: after the mistakes of reading.
            "option `keep_bonus`: -1 is not a number from 0 to 1e6 (MAX_KEEP_BONUS)",
        ],
        "{err}"
    );
    // An unknown key holding a number beyond `f64` is named as unknown.
    let err = ProgrammeSpec::from_json(r#"{"lockz": [1e400], "keep_bonus": 1e400}"#).unwrap_err();
    let said: Vec<String> = err.all().iter().map(ToString::to_string).collect();
    assert!(
        said[0].starts_with("programme JSON, line 1 column 8: unknown field `lockz`"),
        "{err}"
    );
    assert_eq!(
        said[1],
        "programme JSON: number out of range in `keep_bonus`"
    );
    // One mistake is itself, not a list of one, with its place.
    let err =
        ProgrammeSpec::from_json(r#"{"bans": [{"junior": "ola", "senior": 3}]}"#).unwrap_err();
    assert!(
        matches!(err, Error::ProgrammeJson { line: 1, column: 39, ref message }
            if message == "invalid type: integer `3`, expected a string in entry #0 of `bans`"),
        "{err:?}"
    );
}

/// The values the reader passes over (a saved pair's `score`, its `junior_learns`) are not
/// mistakes, whatever they hold, when another mistake sends the document to the list of every
/// mistake; and a key given twice in an entry does not hide the entry's first mistake.
#[test]
fn values_passed_over_are_not_mistakes_in_the_list_of_every_mistake() {
    for pair in [
        r#"{"junior": "a", "senior": "b", "score": 1e400}"#,
        r#"{"junior": "a", "senior": "b", "junior_learns": {"sql": 1, "sql": 2}}"#,
    ] {
        let text = format!(r#"{{"previous": [{pair}], "keep_bonus": "x"}}"#);
        let err = ProgrammeSpec::from_json(&text).unwrap_err();
        assert_eq!(err.all().len(), 1, "{pair}: {err}");
        assert!(err.to_string().ends_with("in `keep_bonus`"), "{err}");
        // Alone, the pair reads.
        ProgrammeSpec::from_json(&format!(r#"{{"previous": [{pair}]}}"#)).unwrap();
    }
    let err =
        ProgrammeSpec::from_json(r#"{"locks": [{"junior": "a", "senoir": "b", "senoir": "c"}]}"#)
            .unwrap_err();
    assert!(
        matches!(err, Error::ProgrammeJson { line: 1, ref message, .. }
            if message.starts_with("unknown field `senoir`") && message.ends_with("in entry #0 of `locks`")),
        "{err:?}"
    );
}
