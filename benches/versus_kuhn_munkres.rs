//! The engine against `pathfinding::kuhn_munkres_min` at sizes too slow for criterion's
//! repetitions: one timing of the Hungarian algorithm, the engine's median of three, on the same
//! seeded skill-overlap matrix, with the optima checked equal; three instances per size (seeds 1
//! to 3), then the spread of the ratios.
//!
//! ```text
//! cargo bench --bench versus_kuhn_munkres            # n = 1000 and 4000, a minute or two
//! cargo bench --bench versus_kuhn_munkres -- 2000    # other sizes
//! ```

use mentor_match::assignment::{Matrix, Sense, solve};
use std::time::Instant;

/// The same seeded skill-overlap generator as `benches/assignment.rs`.
mod common;
use common::{SEEDS, skill_overlap};

fn main() {
    // `cargo bench` passes `--bench`; any number among the arguments is a size.
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![1000, 4000];
    }
    for n in sizes {
        let mut ratios = Vec::new();
        for seed in SEEDS {
            let costs = skill_overlap(n, seed);
            let ours = Matrix::from_vec(n, n, costs.clone()).expect("finite costs");
            let mut times = Vec::new();
            let mut total = 0;
            for _ in 0..3 {
                let t = Instant::now();
                total = solve(&ours, Sense::Minimize).expect("valid matrix").total();
                times.push(t.elapsed().as_secs_f64());
            }
            times.sort_by(f64::total_cmp);
            let theirs = pathfinding::matrix::Matrix::from_vec(n, n, costs).expect("n x n costs");
            let t = Instant::now();
            let (optimum, _) = pathfinding::kuhn_munkres::kuhn_munkres_min(&theirs);
            let hungarian = t.elapsed().as_secs_f64();
            assert_eq!(
                total,
                i128::from(optimum),
                "both solvers must reach the same optimum"
            );
            ratios.push(hungarian / times[1]);
            println!(
                "n = {n}, seed {seed}: mentor_match {:.4} s (median of 3), kuhn_munkres_min {:.3} s, ratio {:.1}, optimum {optimum}",
                times[1],
                hungarian,
                hungarian / times[1]
            );
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "n = {n}: kuhn_munkres_min / mentor_match min {:.1}, median {:.1}, max {:.1}",
            ratios[0],
            ratios[ratios.len() / 2],
            ratios[ratios.len() - 1]
        );
    }
}
