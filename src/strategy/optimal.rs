//! Optimising strategies (placeholder: being written).
use super::{Pairing, Strategy};
use crate::error::Result;
use crate::pair_scores::PairScores;
use crate::pair_scores::Combination;

/// x
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Utilitarian { combination: Combination }
impl Utilitarian { /// x
 pub fn new() -> Self { Utilitarian { combination: Combination::Sum } } }
impl Default for Utilitarian { fn default() -> Self { Self::new() } }
impl Strategy for Utilitarian { fn name(&self) -> &str { "utilitarian" } fn pair(&self, _s: &PairScores, _seed: u64) -> Result<Pairing> { let _ = self.combination; unimplemented!() } }
/// x
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Nash;
impl Strategy for Nash { fn name(&self) -> &str { "nash" } fn pair(&self, _s: &PairScores, _seed: u64) -> Result<Pairing> { unimplemented!() } }
/// x
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bottleneck;
impl Strategy for Bottleneck { fn name(&self) -> &str { "bottleneck" } fn pair(&self, _s: &PairScores, _seed: u64) -> Result<Pairing> { unimplemented!() } }
/// x
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leximin;
impl Strategy for Leximin { fn name(&self) -> &str { "leximin" } fn pair(&self, _s: &PairScores, _seed: u64) -> Result<Pairing> { unimplemented!() } }
