//! The subcommands, one file each: its arguments (a clap struct), its `run`, and the rendering
//! of its output. Computations and formats are the library's.

pub mod assign;
pub mod compare;
pub mod match_roster;
pub mod programme;
pub mod scale;
pub mod schema;
pub mod strategies;
