//! Matches a large synthetic population and reports where the time and the memory go: a
//! progress bar on standard error while it runs, then the time of each phase, the result and
//! the peak memory on standard output.
//!
//! ```text
//! cargo run --release --example scale -- --juniors 100000 --seniors 100000 --seed 1
//! cargo run --release --example scale -- --k 32 --threads 2 --method auto
//! ```
//!
//! Options (defaults in brackets): `--juniors N` [2000], `--seniors N` [2000], `--seed N` [1],
//! `--k N` candidates per person [the library's default], `--threads N` [all cores],
//! `--method sparse|dense|auto` [sparse]. Only the sparse method reports progress, so a dense
//! run shows no bar and no phases. On a bad argument, or an error from the library, it prints
//! `error: ...` on standard error and exits with code 2.

use mentor_match::candidates::{DEFAULT_CANDIDATES, Phase, Progress};
use mentor_match::{Matcher, Method, Population, Side};
use std::io::Write;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Juniors of the population.
    pub juniors: usize,
    /// Seniors of the population.
    pub seniors: usize,
    /// The population's seed.
    pub seed: u64,
    /// Candidates per person; `None` for the library's default.
    pub k: Option<usize>,
    /// Threads of the candidate search; `None` for the library's default (all cores).
    pub threads: Option<usize>,
    /// How the matcher solves.
    pub method: Method,
}

/// Reads `--flag N` and `--flag=N` pairs; every flag takes a value.
///
/// # Errors
///
/// An unknown argument, a missing value, a value that is not a whole number (or not a method),
/// a `--k` or `--threads` of 0.
pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        juniors: 2000,
        seniors: 2000,
        seed: 1,
        k: None,
        threads: None,
        method: Method::Sparse,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            let value = inline.or_else(|| rest.next().map(String::as_str));
            value.ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match flag {
            "--juniors" => parsed.juniors = number(flag, value()?)?,
            "--seniors" => parsed.seniors = number(flag, value()?)?,
            "--seed" => parsed.seed = number(flag, value()?)?,
            // 0 would be an error of the library at solve time; say so now, as a bad argument.
            "--k" => parsed.k = Some(positive(flag, value()?)?),
            "--threads" => parsed.threads = Some(positive(flag, value()?)?),
            "--method" => {
                parsed.method = match value()? {
                    "sparse" => Method::Sparse,
                    "dense" => Method::Dense,
                    "auto" => Method::Auto,
                    other => {
                        return Err(format!(
                            "`--method` is sparse, dense or auto, not `{other}`"
                        ));
                    }
                }
            }
            _ => {
                return Err(format!(
                    "unknown argument `{arg}` (see the top of examples/scale.rs)"
                ));
            }
        }
    }
    Ok(parsed)
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("`{flag}` needs a whole number, not `{value}`"))
}

fn positive(flag: &str, value: &str) -> Result<usize, String> {
    match number(flag, value)? {
        0 => Err(format!("`{flag}` must be at least 1")),
        n => Ok(n),
    }
}

/// The peak resident memory in bytes, from the `VmHWM` ("high water mark") line of
/// `/proc/self/status`, which counts everything the process ever held at once.
pub fn peak_memory() -> Option<u64> {
    if cfg!(target_os = "linux") {
        parse_vm_hwm(&std::fs::read_to_string("/proc/self/status").ok()?)
    } else {
        None
    }
}

/// The bytes of the `VmHWM:   123456 kB` line of a `/proc/<pid>/status` text.
pub fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kb = line.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()?;
    kb.checked_mul(1024)
}

/// What the progress callback saw: the wall time of each phase (in the order first seen,
/// summed when a phase comes back) and the bar last drawn. Shared with the callback, which
/// must be `Fn + Send + Sync`, through an `Arc<Mutex<_>>`; the calls come from one thread, so
/// the lock is never contended.
#[derive(Default)]
struct Timeline {
    current: Option<(Phase, Instant)>,
    times: Vec<(Phase, Duration)>,
    drawn: Option<(Phase, u32)>,
}

impl Timeline {
    /// Charges the time since the last change to the phase running, and starts `phase` at `now`.
    fn enter(&mut self, phase: Option<Phase>, now: Instant) {
        if let Some((running, since)) = self.current {
            if Some(running) == phase {
                return;
            }
            match self.times.iter_mut().find(|(p, _)| *p == running) {
                Some((_, time)) => *time += now - since,
                None => self.times.push((running, now - since)),
            }
        }
        self.current = phase.map(|p| (p, now));
    }

    fn report(&mut self, progress: Progress) {
        self.enter(Some(progress.phase), Instant::now());
        // A few hundred calls a run at most, but drawing is a syscall: only on a new percent.
        let percent = (progress.fraction() * 100.0).floor() as u32;
        if self.drawn != Some((progress.phase, percent)) {
            self.drawn = Some((progress.phase, percent));
            let bar = "#".repeat(percent as usize / 4);
            let name = format!("{:?}", progress.phase);
            // Ignored on failure: a bar is not worth stopping (or panicking) for.
            let mut err = std::io::stderr().lock();
            let _ =
                write!(err, "\r{name:<11} [{bar:<25}] {percent:>3}%").and_then(|()| err.flush());
        }
    }
}

fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let report = args
        .map_err(|a| format!("argument {a:?} is not valid UTF-8"))
        .and_then(|args| run(&parse_args(&args)?));
    let report = match report {
        Ok(report) => report,
        Err(message) => {
            eprintln!("error: {}", message.replace(['\n', '\r'], " "));
            return ExitCode::from(2);
        }
    };
    // Written at once, and a closed pipe (`scale | head -3`) is not an error: no panic.
    let mut out = std::io::stdout().lock();
    match out.write_all(report.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(2)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// Generates, matches and times; returns the report for standard output.
fn run(args: &Args) -> Result<String, String> {
    let start = Instant::now();
    let roster = Population::new(args.juniors, args.seniors)
        .with_seed(args.seed)
        .roster()
        .map_err(|e| e.to_string())?;
    let generated = start.elapsed();

    let timeline = Arc::new(Mutex::new(Timeline::default()));
    let shared = Arc::clone(&timeline);
    let k = args.k.unwrap_or(DEFAULT_CANDIDATES);
    let mut matcher = Matcher::new()
        .with_method(args.method)
        .with_candidates_per_person(k)
        // A poisoned lock only means an earlier draw panicked; the times are still good.
        .with_progress(move |p| {
            shared
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .report(p)
        });
    if let Some(threads) = args.threads {
        matcher = matcher.with_threads(threads);
    }
    let solving = Instant::now();
    let result = matcher.solve(&roster);
    let done = Instant::now();
    let mut timeline = timeline.lock().unwrap_or_else(PoisonError::into_inner);
    if timeline.drawn.is_some() {
        let _ = writeln!(std::io::stderr()); // end the bar's line
    }
    let matching = result.map_err(|e| e.to_string())?;
    timeline.enter(None, done); // the last phase ends when `solve` returns

    let threads = args
        .threads
        .map_or("all cores".to_owned(), |t| t.to_string());
    let (juniors, seniors, seed) = (args.juniors, args.seniors, args.seed);
    let method = format!("{:?}", args.method).to_lowercase();
    let row = |name: &str, time: Duration| format!("  {name:<16}{:>9.3} s\n", time.as_secs_f64());
    let mut out = format!(
        "population:      {juniors} juniors + {seniors} seniors, seed {seed}\n\
         method:          {method}, k {k}, threads {threads}\n\
         time:\n{}{}",
        row("generate", generated),
        row("solve", done - solving),
    );
    // The phases are parts of `solve`: indented under it.
    for (phase, time) in &timeline.times {
        out += &row(&format!("  {phase:?}").to_lowercase(), *time);
    }
    out += &row("total", generated + (done - solving));
    let pairs = matching.pairs().len();
    let side = |s: Side| matching.unmatched().iter().filter(|u| u.side == s).count();
    let total = matching.total_score();
    let mean = total / pairs.max(1) as f64; // 0 pairs score 0
    let memory = peak_memory().map_or("unavailable".to_owned(), |bytes| {
        format!("{:.1} MiB", bytes as f64 / 1048576.0)
    });
    out += &format!(
        "pairs:           {pairs}\n\
         unmatched:       {} ({} juniors, {} seniors)\n\
         total score:     {total:.3}\n\
         mean pair score: {mean:.4}\n\
         peak memory:     {memory}\n",
        matching.unmatched().len(),
        side(Side::Junior),
        side(Side::Senior),
    );
    Ok(out)
}
