//! # mentor-match
//!
//! Pairs the participants of mentoring programmes, above all *reverse mentoring*: younger
//! employees teach seniors digital skills (social media, data analytics, cloud tools, AI
//! assistants, security hygiene) and the seniors teach them management insight in return
//! (communication, strategy, negotiation, career). Because both sides teach, a good pair is
//! *mutual*: each learns what they asked for from someone who really knows it.
//!
//! The crate models participants' skills and learning wishes, turns them into mutual-benefit
//! scores in both directions, and solves the pairing exactly as weighted bipartite assignment.
//!
//! ```
//! use mentor_match::{Matcher, Roster};
//!
//! let roster = Roster::from_json(r#"{"participants": [
//!   {"id": "ola", "side": "junior", "skills": {"data-analytics": 5}, "wishes": {"negotiation": 4}},
//!   {"id": "kai", "side": "junior", "skills": {"social-media": 4}, "wishes": {"strategy": 5}},
//!   {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"data-analytics": 3}},
//!   {"id": "eva", "side": "senior", "skills": {"strategy": 5}, "wishes": {"social-media": 4}}]}"#)?;
//! let matching = Matcher::new().solve(&roster)?;
//! assert_eq!(matching.partner_of("ola"), Some("jan"));
//! assert_eq!(matching.partner_of("kai"), Some("eva"));
//! let pair = matching.pair_of("kai").unwrap();
//! assert_eq!(pair.junior_learns[0].skill, "strategy");
//! assert_eq!(pair.senior_learns[0].skill, "social-media");
//! # Ok::<(), mentor_match::Error>(())
//! ```
//!
//! # Modules
//!
//! The data flows one way: roster → scores → assignment → matching.
//!
//! | module | concept |
//! |---|---|
//! | [`model`] | participants, skills, the catalog; [`RosterSpec`] (as written) and [`Roster`] (validated, interned) |
//! | [`score`] | the [`Scorer`] trait and the [`MutualBenefit`] scorer, one direction at a time |
//! | [`rules`] | hard constraints that forbid a pair |
//! | [`pair_scores`] | both directions for every pair ([`PairScores`]) and their [`Combination`] |
//! | [`assignment`] | the exact assignment engine, usable alone on any matrix; the k best assignments and what-if answers ([`assignment::k_best`], [`assignment::what_if`]) |
//! | [`capacitated`] | exact many-to-many assignment: capacities, locked pairs, first partners first |
//! | [`strategy`] | pairing strategies on two utility matrices: utilitarian, Nash, bottleneck, leximin, greedy, stable, random ([`strategy::Strategy`]) |
//! | [`metrics`] | what a pairing achieves: welfare, minimum, Gini, blocking pairs, ranks, envy, price ([`metrics::Report`]) |
//! | [`formats`] | the files researchers feed the tools: `.npy` and CSV matrices, strategies instances ([`formats::Instance`]) |
//! | [`evaluation`] | every strategy on one strategies instance: pairs, time and metrics (what `mentor-match strategies` prints) |
//! | [`experiment`] | strategies over many seeded instances, each metric's mean with a 95 % interval; its table and CSV |
//! | [`candidates`] | sparse candidate graphs: each participant's best `k` partners, without scoring every pair |
//! | [`matcher`] | the front door: [`Matcher`] → [`Matching`] with reasons, dense or sparse ([`Method`]) |
//! | [`programme`] | running a programme: locked and banned pairs, rematching with a keep bonus, rotation rounds ([`programme::Programme`]) |
//! | [`diagnosis`] | why a programme cannot match everyone: the bottleneck in supply and demand ([`diagnosis::diagnose`]) |
//! | [`fairness`] | how each group of participants fared in a matching, by any attribute: match rate, mean score, first choices, unmatched reasons ([`fairness::report`]) |
//! | [`generate`] | seeded synthetic populations for experiments and benches ([`Population`]; feature `generate`) |
//! | [`error`] | the crate's [`Error`], which wraps the matching half's [`MatrixError`] |
//!
//! Two halves, one direction, and the folders show them:
//!
//! - `src/matching/` knows matrices, not people: [`assignment`] (the dense and sparse engine
//!   and its certificate), `flow` (maximum matching, b-matching, maximum flow), [`capacitated`],
//!   [`pair_scores`], [`strategy`], [`metrics`], [`evaluation`], [`experiment`], [`formats`]. Its errors are
//!   [`MatrixError`]s, which name cells, rows and columns.
//! - `src/mentoring/` knows people: [`model`], [`score`], [`rules`], [`candidates`],
//!   [`matcher`], [`diagnosis`], [`programme`], [`generate`], and [`error`], whose [`Error`]
//!   names participants and wraps a [`MatrixError`] as [`Error::Matrix`].
//! - `src/support/` knows neither: the seeded generator, strict JSON reading, the macros
//!   that write the crate's setters and named enums, and the processor's prefetch hint.
//!
//! The mentoring half imports the matching half, never the reverse; both may use `support`.
//! No two files import each other.
//!
//! # Features
//!
//! `json`, `csv` and `generate` are on by default; `schema` is off. With `default-features = false` the crate is the engine, the
//! model (with its serde derives and strict readers, for any serde format), the scores, the
//! matcher, the programmes and every strategy, on `serde`, `thiserror`, `petgraph` (its
//! union-find), `rand_core` and `rand_chacha` (the seeded random strategies) alone.
//!
//! | feature | enables | crates it adds |
//! |---|---|---|
//! | `json` | the JSON formats: `RosterSpec::from_json`/`to_json`, `Roster::from_json`, `ProgrammeSpec::from_json`/`to_json`, `Matching::to_json`, `Round::to_json`, the strategies instance reader `formats::Instance` and its [`evaluation`] | `serde_json` (with `itoa`, `memchr`, `zmij`) |
//! | `csv` | CSV weight matrices: `formats::read_csv`, `MatrixFormat::Csv` | `csv` (with `csv-core`, `itoa`, `memchr`, `ryu`) |
//! | `generate` | seeded synthetic populations: the `generate` module and `Population` | none |
//! | `schema` | JSON Schemas of the output documents (`schemars::JsonSchema` on `Matching`, `Round`, `evaluation::Evaluation`, `formats::SolutionDocument`, …); the command-line tool's `mentor-match schema` | `schemars` (with `schemars_derive`, `serde_derive_internals`, `dyn-clone`, `ref-cast`, `serde_json`) |
//!
//! ```toml
//! [dependencies]
//! mentor-match = { version = "0.1", default-features = false, features = ["json"] }
//! ```
//!
//! # Algorithms
//!
//! The engine solves the rectangular linear assignment problem exactly by shortest augmenting
//! paths (Crouse 2016) with the Jonker–Volgenant (1987) initialisation, in `O(n² m)` worst-case
//! time, with a dual certificate that [`assignment::verify`] checks. Forbidden pairs never
//! make it fail: it returns the most pairs possible and the best total among those. See the
//! [`assignment`] module.
//!
//! Participants who take several partners are paired by [`capacitated`], an exact minimum-cost
//! flow (successive shortest paths with lexicographic costs: first partners first, then the
//! most pairs, then the best total); the sparse method solves people of several places as
//! copies on the engine where that gives the same optimum. The [`strategy`] module adds the fair and stable
//! alternatives, each with its objective, algorithm and complexity: Nash welfare, bottleneck
//! and leximin on the engine; Gale–Shapley deferred acceptance, and the egalitarian and
//! minimum-regret stable matchings through the rotation poset and a minimum cut. The
//! [`diagnosis`] reads a programme's bottleneck off a maximum flow (a Hall-type deficiency).
//!
//! # Numbers and determinism
//!
//! - Scores are `f64` in `[0, 1]` (a researcher's own utilities may be any finite numbers of
//!   at least 0); NaN anywhere is an error, never a silent value.
//! - Integer weights are solved in exact integer arithmetic, stored in the narrowest type.
//!   Float weights are solved in floats and the answer is then proved optimal for the
//!   weights' exact values (the comparisons rounding could decide wrongly are redone in exact
//!   arithmetic, see [`assignment`]); an answer that cannot be proved is an error, never a
//!   result labelled optimal that is not.
//! - Randomness (random strategies, synthetic populations) comes only from a seeded ChaCha8
//!   stream with integer-only draws, so a seed gives the same values on every platform.
//! - The same input gives the same pairs on every run and platform: no hash-map order reaches a
//!   result, and ties go to the lowest index.
//! - No function panics on user input: bad input is an [`Error`] that names the participant,
//!   field or matrix cell at fault (every mistake of a roster or programme at once), and a
//!   size from outside is checked before anything is allocated for it ([`MatrixError::TooLarge`]).

// `unsafe` in the crate: calling the AVX2 build of the assignment kernel after checking that
// the processor has AVX2 (`assignment::core::solve`), in `assignment::avx2` the float
// search scan written with AVX2 intrinsics and the dense kernel's prefetch hints, and in
// `support::prefetch` the one-line prefetch hint of the sparse and search loops.
#![deny(unsafe_code)]

mod matching;
mod mentoring;
mod support;

#[cfg(feature = "json")]
pub use matching::evaluation;
pub use matching::{assignment, capacitated, experiment, formats, metrics, pair_scores, strategy};
#[cfg(feature = "generate")]
pub use mentoring::generate;
pub use mentoring::{
    candidates, diagnosis, error, fairness, matcher, model, programme, rules, score,
};
pub use support::format_version::FormatVersion;

pub use error::{Error, MatrixError, OptionValue, Result};
#[cfg(feature = "generate")]
pub use generate::Population;
pub use matcher::{
    Guarantee, Matcher, Matching, Method, Objective, Pair, Reason, RosterScores, RuleExclusion,
    Unmatched,
};
pub use model::{ParticipantId, ParticipantSpec, Roster, RosterSpec, Side, SkillId, SkillSpec};
pub use pair_scores::{Combination, MAX_EMPTY_SIDE, MAX_GAIN, PairScores};
pub use programme::Programme;
pub use score::{Lesson, MutualBenefit, Scorer};

/// The README's Rust examples, compiled and run as doctests so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
