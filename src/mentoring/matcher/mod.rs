//! The front door: roster in, optimal pairs with reasons out.
//!
//! [`Matcher`] wires the mentoring half to the engine: it applies the [`Rules`], asks the
//! [`Scorer`] both ways for every junior × senior pair, combines the two directions, solves the
//! assignment exactly with the crate's [engine](crate::assignment), and explains the result:
//! what each partner teaches the other, and why anyone is left unmatched.
//!
//! [`Rules`]: crate::rules::Rules
//! [`Scorer`]: crate::Scorer

// One idea a file, and no cycles between them: `objective` and `method` import no sibling,
// `choice_report` and
// `preference_source` import no sibling, `result` imports `objective` and `choice_report`, `builder` (the `Matcher` and its options) imports both; every
// other file adds `impl Matcher` methods and imports `builder`, `result` and what it builds on
// (`explain_graph` the steps of `explain`, `sparse` the sides of `scoring`). None imports
// this file.
mod builder;
mod choice_report;
mod dense;
mod explain;
mod explain_graph;
mod guarantee;
mod method;
mod objective;
mod preference_source;
mod prices;
mod result;
mod scoring;
pub mod shortlist;
mod solve;
mod sparse;

pub use crate::mentoring::roster_scores::RosterScores;
pub use builder::Matcher;
pub use choice_report::{ChoiceReport, SideChoices};
pub use guarantee::Guarantee;
pub use method::{Method, SPARSE_ABOVE};
pub use objective::Objective;
pub use preference_source::PreferenceSource;
pub use result::{Matching, Pair, Reason, RuleExclusion, Unmatched};
pub use shortlist::{Exposure, Shortlist, Shortlists};
