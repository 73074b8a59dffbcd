//! Flows on plain indices, one implementation per problem, each file with its algorithm,
//! complexity and source:
//!
//! - [`bipartite`]: maximum bipartite matching, one partner each (Hopcroft–Karp), for the
//!   engine's cardinality and the matcher's reasons;
//! - [`b_matching`]: maximum bipartite matching with places (Dinic on unit pair arcs), for the
//!   diagnosis's Hall deficiencies;
//! - [`max_flow`]: maximum flow and minimum cut with any capacities (push–relabel), for the
//!   stable strategies' minimum-weight closure.
//!
//! The minimum-cost flow of capacities lives with its problem in
//! [`capacitated`](crate::capacitated): its lexicographic costs are that problem's own.

pub(crate) mod b_matching;
pub(crate) mod bipartite;
pub(crate) mod max_flow;
