//! Times the dense engine's best total alone ([`Cardinality::Any`]) against most pairs first
//! on the same matrices, three seeds, for the benchmarks of the "no slow path" work.
//!
//! ```sh
//! cargo run --release --example best_total_alone -- 2000 staircase 0.01
//! cargo run --release --example best_total_alone -- 2000 uniform 1
//! ```
//!
//! `staircase`: each cell allowed with the given probability, worth `i + j` (an integer);
//! `uniform`: each cell allowed with the given probability, worth a float uniform in
//! [-50, 50). Both maximised; forbidden cells are `-inf`.

use mentor_match::assignment::{Cardinality, Matrix, Options, Sense, solve_with};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

fn matrix(n: usize, kind: &str, density: f64, seed: u64) -> Result<Matrix<f64>, String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut d = vec![f64::NEG_INFINITY; n * n];
    for i in 0..n {
        for j in 0..n {
            if rng.random::<f64>() < density {
                d[i * n + j] = match kind {
                    "staircase" => (i + j) as f64,
                    "uniform" => rng.random::<f64>() * 100.0 - 50.0,
                    _ => return Err(format!("unknown kind {kind:?}: staircase or uniform")),
                };
            }
        }
    }
    Matrix::from_vec(n, n, d).map_err(|e| e.to_string())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, kind, density] = args.as_slice() else {
        return Err("usage: best_total_alone N staircase|uniform DENSITY".to_owned());
    };
    let n: usize = n.parse().map_err(|e| format!("N: {e}"))?;
    let density: f64 = density.parse().map_err(|e| format!("DENSITY: {e}"))?;
    for seed in 1..=3 {
        let m = matrix(n, kind, density, seed)?;
        let time = |options: Options| {
            let t = Instant::now();
            let s = solve_with(&m, options).map_err(|e| e.to_string())?;
            Ok::<_, String>((t.elapsed().as_secs_f64(), s.pairs().len(), s.total()))
        };
        let (most, most_pairs, most_total) = time(Options::new(Sense::Maximize))?;
        let (any, any_pairs, any_total) =
            time(Options::new(Sense::Maximize).with_cardinality(Cardinality::Any))?;
        println!(
            "{n} x {n} {kind} {density} seed {seed}: most pairs {most:.3} s ({most_pairs} pairs, \
             total {most_total}), best total alone {any:.3} s ({any_pairs} pairs, total \
             {any_total}), ratio {:.2}",
            any / most
        );
    }
    Ok(())
}
