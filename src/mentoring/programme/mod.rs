//! Running a real programme: locked and banned pairs, rematching with little disruption, and
//! rotation rounds in which no pair meets twice.
//!
//! A [`Programme`] owns a [`Matcher`] (its scorer and rules) and adds what a coordinator
//! decides around the optimum:
//!
//! - **locks** ([`Lock`]): pairs kept whatever their score. A lock that breaks a hard rule is an
//!   error unless it is marked as an override; an override may also exceed the capacity of the
//!   people it names (their capacity is raised to their number of locks);
//! - **bans**: pairs never formed;
//! - a **history** ([`History`]): pairs of earlier rounds and pairs that must never meet again,
//!   all of them never formed;
//! - the **previous** matching: its pairs are kept unless changing them gains enough. Each
//!   previous pair that is still allowed earns a *keep bonus* ([`DEFAULT_KEEP_BONUS`] = 0.1 by
//!   default) on top of its score, so a rematch that breaks `k` pairs must raise the total
//!   score by more than `k × keep_bonus`.
//!
//! Everything else is solved exactly around them by the [many-to-many
//! solver](crate::capacitated) with the matcher's default objective: the most people with a
//! first partner, then the most pairs, then the highest total (pair scores plus keep bonuses).
//! The keep bonus only acts on the total: a pair is always broken when that lets more people
//! have a partner.
//!
//! [`Programme::round`] plans one round and reports what changed since the previous matching
//! ([`Round`]: pairs kept, broken with the reason, new, and who sits out).
//! [`Programme::rounds`] plans a rotation in which no pair repeats, one round after another
//! (each optimal given the earlier ones, not jointly optimal), rotating who sits out.
//!
//! All inputs and outputs are serde types with ids as strings; [`ProgrammeSpec`] holds a
//! coordinator's locks, bans, history, previous pairs and keep bonus as one JSON document.
//!
//! # Examples
//!
//! Ola and Kai both learn best from Jan. The coordinator locks Kai with Jan, so Ola gets Eva:
//!
//! ```
//! use mentor_match::programme::{Lock, Programme};
//! use mentor_match::{Matcher, Roster};
//!
//! let roster = Roster::from_json(r#"{"participants": [
//!   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"negotiation": 5}},
//!   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "wishes": {"negotiation": 2}},
//!   {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 5}},
//!   {"id": "eva", "side": "senior", "skills": {"negotiation": 2}, "wishes": {"cloud-tools": 2}}]}"#)?;
//! let round = Programme::new(Matcher::new())
//!     .with_lock(Lock::new("kai", "jan"))
//!     .round(&roster)?;
//! assert_eq!(round.matching.partner_of("kai"), Some("jan"));
//! assert_eq!(round.matching.partner_of("ola"), Some("eva"));
//! # Ok::<(), mentor_match::Error>(())
//! ```
//!
//! [`Matcher`]: crate::Matcher

// One idea a file, and no cycles between them: `keep_bonus` imports no sibling, `spec` (what
// the coordinator writes) imports it, `round` (what a round reports) imports `spec`, and
// `builder` (the `Programme`) imports `keep_bonus` and `spec`. Then `lookup`, `setup`,
// `locks`, `problem` and `previous` are the steps of a round, each importing only files named
// before it, and `plan` runs them. None imports this file.
mod builder;
#[cfg(feature = "json")]
mod every_mistake;
mod keep_bonus;
mod locks;
mod lookup;
mod plan;
mod previous;
mod problem;
mod round;
mod setup;
mod spec;

pub use builder::Programme;
pub use keep_bonus::{DEFAULT_KEEP_BONUS, MAX_KEEP_BONUS};
pub use round::{BreakReason, Broken, Round};
pub use spec::{History, Lock, PairIds, ProgrammeSpec};
