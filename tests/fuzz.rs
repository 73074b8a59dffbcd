//! Seeded mutation fuzzing of every reader and of the solvers (issue 13).
//!
//! Each format has valid seed documents (the pilot roster among them) and a generator of
//! structurally valid documents with extreme values; the mutation engine ([`Mutator`]) flips,
//! inserts and deletes bytes, splices two inputs, repeats a key, swaps numbers for extreme ones
//! (`1e400`, `-0`, `NaN`, `1.7976931348623157e308`, `9223372036854775807`, ...), nests deeply,
//! truncates and lies about sizes. Every input goes to its reader and, when the reader accepts
//! it, to the next step, inside `catch_unwind`, and must be answered in under a second with `Ok`
//! or a typed [`Error`], and with a right answer:
//!
//! | format | reader | next step, and what is checked |
//! |---|---|---|
//! | roster JSON | `Roster::from_json` | `to_json` round trip; `Matcher::solve` (a valid matching: sides, capacities, unmatched, total; JSON round trip), `diagnose`; a programme round (the CLI's tables are fuzzed by its own hostile-files test) |
//! | programme JSON | `ProgrammeSpec::from_json` | round trip; a round on the pilot and on a small roster (locks kept, bans and history avoided, kept/new/broken consistent) |
//! | strategies instance | `Instance::from_json` | every strategy and its metrics; on up to 5 x 5, utilitarian, bottleneck, leximin and Nash against brute force, stable ones without blocking pair; `evaluation::evaluate` |
//! | `.npy`, CSV | `read_npy`, `read_csv` (and `read_matrix`) | dense and sparse engine, both senses and cardinalities: exact optimum against brute force up to 5 x 5, `verify` accepts |
//!
//! [`engine_on_extreme_matrices`] solves random matrices up to 5 x 5 directly (`f64` with
//! magnitudes from 1e-3 to 1e15 and near `f64::MAX`, `i64` near its ends), dense and sparse:
//! the exact total (in [`ExactSum`] or `i128`) must be brute force's, or the answer a typed
//! refusal. [`huge_and_empty_shapes`] declares zero-sized and huge shapes.
//!
//! On Unix every test runs its body in a child process (this test binary again) whose memory
//! is capped, so that an abort or a huge allocation fails with the input that caused it, and a
//! hang is killed and reported; each input is written to `<tmp>/fuzz/<test>.last` before it is
//! tried. A failing input is shrunk before it is reported.
//!
//! The default run tries one to two thousand inputs per format (a few seconds). The long run
//! is `cargo test --test fuzz long_run -- --ignored --nocapture` (the test profile keeps
//! overflow checks; add `--release` for speed without them), with `FUZZ_ITERATIONS` inputs per
//! format (default 60,000) and `FUZZ_SEED`; it prints, per format, the inputs tried, the
//! seconds and the failures.
//!
//! What the fuzzers found is kept at the end as minimal reproducers, each fixed and now
//! passing: `solve_sparse` answers that `verify_sparse` refused or panicked on, strategies
//! aborting on gains with an empty side and a huge other, and `Matrix::from_fn` looping over
//! rows without a cell.

mod common;

use common::brute::each_matching;
use common::exact::ExactSum;
use common::files::{npy, valid_instances, valid_npys};
use common::utilities;
use mentor_match::MatrixError;
use mentor_match::assignment::{
    Cardinality, CertificateError, Matrix, Options, Sense, Solution, SparseMatrix, Weight,
    solve_sparse, solve_with, verify, verify_sparse,
};
use mentor_match::evaluation::evaluate;
use mentor_match::formats::{Instance, MatrixFormat, WeightMatrix, read_matrix, read_npy};
use mentor_match::programme::{PairIds, Programme, ProgrammeSpec};
use mentor_match::strategy::{self, Pairing};
use mentor_match::{
    Combination, Error, MAX_EMPTY_SIDE, Matcher, Matching, PairScores, Roster, RosterSpec,
};
use mentor_match::{capacitated, metrics};
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The time each input must be answered in.
const ANSWER_TIME: Duration = Duration::from_secs(1);

/// The memory a fuzzing child process may allocate (its data segment), in KiB: 256 MB.
const CHILD_MEMORY_KIB: u64 = 256 * 1024;

/// A child that has not started a new input for this long is hung.
const STALL: Duration = Duration::from_secs(20);

/// The pilot roster of the examples.
const PILOT: &str = include_str!("../examples/data/pilot.json");

// =============================================================================================
// Running a test body in a capped child process, recording each input
// =============================================================================================

/// The environment variable that tells this binary it is the child running one test.
const CHILD: &str = "MENTOR_MATCH_FUZZ_CHILD";

/// Where a test records the input it is about to try.
fn progress_path(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{test}.last"))
}

thread_local! {
    /// The test whose inputs this thread records, if any.
    static RECORDING: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    /// The message of the last panic caught by [`try_one`] on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether [`try_one`] is running an input on this thread (its panics are kept, not
    /// printed).
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The call an answer function is in, for the message of a panic.
    static STAGE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Writes `input` where the parent finds it if this process dies on it.
fn record(input: &[u8]) {
    RECORDING.with(|r| {
        if let Some(path) = &*r.borrow() {
            let _ = std::fs::write(path, input);
        }
    });
}

/// Panics are caught and reported with their input: the hook keeps the message (with its
/// location) instead of printing it.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.get() {
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `body` for the test `name`: on Unix in a child process (this binary, running only that
/// test) with its memory capped, failing with the input the child was on if it aborts, is
/// killed or hangs; elsewhere in this process.
fn isolated(name: &str, body: impl FnOnce()) {
    let path = progress_path(name);
    let in_child = std::env::var(CHILD).is_ok_and(|v| v == name);
    if in_child || !cfg!(unix) {
        quiet_panics();
        RECORDING.with(|r| *r.borrow_mut() = Some(path));
        body();
        return;
    }
    let _ = std::fs::remove_file(&path);
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -d {CHILD_MEMORY_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(&exe)
        .args([
            name,
            "--exact",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, name)
        .env("RUST_BACKTRACE", "0")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let mut hung = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        // The child writes each input before trying it: a file left unchanged for long is
        // an input that hangs.
        let last = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .unwrap_or_else(|| started.elapsed());
        if last > STALL {
            hung = true;
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    // The figures, after the harness's `test name ... ` on the same line.
    for line in stdout
        .lines()
        .filter_map(|l| l.find("fuzz: ").map(|k| &l[k..]))
    {
        println!("{line}");
    }
    if !status.success() {
        let input = std::fs::read(&path).unwrap_or_default();
        panic!(
            "{name}: the child {} ({status}); the input it was on ({} bytes): {:?}\n\
             --- its standard error:\n{stderr}\n--- its standard output:\n{stdout}",
            if hung {
                "hung and was killed"
            } else {
                "failed"
            },
            input.len(),
            String::from_utf8_lossy(&input),
        );
    }
}

// =============================================================================================
// Trying one input
// =============================================================================================

/// How an input went wrong.
#[derive(Debug, Clone, PartialEq)]
enum Fault {
    Panic(String),
    Wrong(String),
    Slow(Duration),
}

impl Fault {
    fn kind(&self) -> &'static str {
        match self {
            Fault::Panic(_) => "panic",
            Fault::Wrong(_) => "wrong answer",
            Fault::Slow(_) => "slow",
        }
    }
}

/// What an answer function says of an input: `Ok(true)` read and processed, `Ok(false)`
/// refused with a typed error, `Err` a wrong answer.
type Answer = Result<bool, String>;

/// Notes the call an answer function is about to make, named in the message of a panic.
fn stage(what: impl std::fmt::Display) {
    STAGE.with(|s| {
        let mut s = s.borrow_mut();
        s.clear();
        let _ = write!(s, "{what}");
    });
}

/// Runs `answer` on `input` under `catch_unwind` and the time bar.
fn try_one(input: &[u8], answer: &dyn Fn(&[u8]) -> Answer) -> Result<bool, Fault> {
    record(input);
    let started = Instant::now();
    stage("");
    CATCHING.set(true);
    let result = catch_unwind(AssertUnwindSafe(|| answer(input)));
    CATCHING.set(false);
    let took = started.elapsed();
    match result {
        Err(payload) => {
            let message = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let during = STAGE.with(|s| s.borrow().clone());
            Err(Fault::Panic(format!("{message} (during: {during})")))
        }
        Ok(Err(why)) => Err(Fault::Wrong(why)),
        Ok(Ok(_)) if took >= ANSWER_TIME => Err(Fault::Slow(took)),
        Ok(Ok(accepted)) => Ok(accepted),
    }
}

/// A smaller input that fails the same way (panic, wrong answer): chunks are removed while
/// the fault stays of the same kind, up to a budget of tries.
fn shrink(input: &[u8], fault: &Fault, answer: &dyn Fn(&[u8]) -> Answer) -> Vec<u8> {
    if matches!(fault, Fault::Slow(_)) {
        return input.to_vec();
    }
    let same = |bytes: &[u8]| match try_one(bytes, answer) {
        Err(f) => f.kind() == fault.kind(),
        Ok(_) => false,
    };
    let mut best = input.to_vec();
    let mut budget = 4000;
    let mut chunk = best.len().div_ceil(2).max(1);
    loop {
        let mut at = 0;
        while at < best.len() && budget > 0 {
            budget -= 1;
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[(at + chunk).min(best.len())..]);
            if same(&candidate) {
                best = candidate;
            } else {
                at += chunk;
            }
        }
        if chunk == 1 || budget == 0 {
            return best;
        }
        chunk = chunk.div_ceil(2);
    }
}

/// The inputs a format's run tried, and how they went.
#[derive(Debug, Default)]
struct Stats {
    tried: usize,
    accepted: usize,
    refused: usize,
    seconds: f64,
    faults: Vec<(Fault, Vec<u8>, Vec<u8>)>,
    panics: usize,
    wrong: usize,
    slow: usize,
}

impl Stats {
    /// Counts an outcome; a fault is kept with its input and what `shrunk` makes of it.
    fn note(
        &mut self,
        input: &[u8],
        outcome: Result<bool, Fault>,
        shrunk: &dyn Fn(&Fault) -> Vec<u8>,
    ) {
        self.tried += 1;
        match outcome {
            Ok(true) => self.accepted += 1,
            Ok(false) => self.refused += 1,
            Err(fault) => {
                match fault {
                    Fault::Panic(_) => self.panics += 1,
                    Fault::Wrong(_) => self.wrong += 1,
                    Fault::Slow(_) => self.slow += 1,
                }
                if self.faults.len() < 5 {
                    let small = shrunk(&fault);
                    self.faults.push((fault, input.to_vec(), small));
                }
            }
        }
    }

    fn line(&self, format: &str) -> String {
        format!(
            "fuzz: {format:<10} {:>8} inputs ({} accepted, {} refused) in {:>7.1} s: \
             {} panics, {} wrong answers, {} slow",
            self.tried,
            self.accepted,
            self.refused,
            self.seconds,
            self.panics,
            self.wrong,
            self.slow,
        )
    }

    /// Fails with every fault found, each with its input and a shrunk one.
    fn assert_clean(&self, format: &str) {
        if self.faults.is_empty() {
            return;
        }
        let mut text = self.line(format);
        for (fault, input, small) in &self.faults {
            let _ = write!(
                text,
                "\n- {}: {fault:?}\n  input: {:?}\n  shrunk: {:?}",
                fault.kind(),
                String::from_utf8_lossy(input),
                String::from_utf8_lossy(small),
            );
        }
        panic!("{text}");
    }
}

// =============================================================================================
// The mutation engine
// =============================================================================================

/// Numbers at the edges of every range the readers have.
const NUMBERS: &[&str] = &[
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "-inf",
    "-0",
    "-0.0",
    "0",
    "0.0",
    "5e-324",
    "2.2250738585072014e-308",
    "1.7976931348623157e308",
    "-1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "4294967295",
    "4294967296",
    "2147483648",
    "9007199254740993",
    "1e15",
    "1e20",
    "1e100",
    "1.0000000000000002e100",
    "1e101",
    "1000001",
    "1e6",
    "0.1",
    "-1",
    "1",
    "2",
    "5",
    "6",
    "255",
    "256",
    "123456789012345678901234567890",
    "1.5e0",
    "1E+2",
    "00",
    "1.",
    ".5",
    "+1",
    "0x10",
];

/// Structure that breaks parsers.
const STRUCTURE: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "'",
    "null",
    "true",
    "false",
    "[]",
    "{}",
    "\"\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "\u{feff}",
    "\r\n",
    "\n",
    "\t",
    " ",
    "\0",
    "é",
    "\u{10ffff}",
];

/// Text that matters to a format: keys, ids, values.
const ROSTER_WORDS: &[&str] = &[
    "\"skills\": [], ",
    "\"participants\": [], ",
    "\"capacity\": 4294967295, ",
    "\"capacity\": 4294967296, ",
    "\"capacity\": 0, ",
    "\"capacity\": 2, ",
    "\"side\": \"senior\", ",
    "\"side\": \"junior\", ",
    "\"side\": \"mentor\", ",
    "\"manager\": \"ola\", ",
    "\"manager\": \"jan\", ",
    "\"parent\": \"negotiation\", ",
    "\"parent\": \"spreadsheets\", ",
    "\"category\": \"digital\", ",
    "\"languages\": [], ",
    "\"languages\": [\"pl\", \"pl\"], ",
    "\"wishes\": {\"negotiation\": 5}, ",
    "\"skills\": {\"negotiation\": 5}, ",
    "\"skills\": {\"negotiation\": 5, \"negotiation\": 1}, ",
    "\"experience_years\": 1e308, ",
    "\"experience_years\": -1, ",
    "\"timezone\": -1e308, ",
    "\"timezone\": 14.5, ",
    "\"id\": \"\", ",
    "\"id\": \"ola\", ",
    "\"name\": \"\u{202e}x\", ",
    "{\"id\": \"x\", \"side\": \"junior\"}, ",
    "{\"id\": \"y\", \"side\": \"senior\", \"capacity\": 4294967295}, ",
    "{\"id\": \"a\", \"parent\": \"a\"}, ",
    "{\"id\": \"negotiation\"}, ",
    "\"ola\"",
    "\"jan\"",
    "\"lena\"",
    "\"piotr\"",
    "\"negotiation\"",
    "\"junior\"",
    "\"senior\"",
];

const PROGRAMME_WORDS: &[&str] = &[
    "\"locks\": [], ",
    "\"bans\": [], ",
    "\"history\": {}, ",
    "\"previous\": [], ",
    "\"keep_bonus\": 1e6, ",
    "\"keep_bonus\": 1000000.0000000001, ",
    "\"keep_bonus\": -0, ",
    "\"override_rules\": true, ",
    "\"rounds\": [[]], ",
    "\"never_again\": [], ",
    "{\"junior\": \"lena\", \"senior\": \"piotr\"}, ",
    "{\"junior\": \"ola\", \"senior\": \"jan\", \"override_rules\": true}, ",
    "{\"junior\": \"jan\", \"senior\": \"ola\"}, ",
    "{\"junior\": \"ola\", \"senior\": \"barbara\"}, ",
    "{\"junior\": \"nobody\", \"senior\": \"jan\"}, ",
    "\"score\": 1, ",
    "\"junior_learns\": [], ",
    "\"lena\"",
    "\"piotr\"",
    "\"natalia\"",
    "\"barbara\"",
    "\"ola\"",
    "\"jan\"",
    "\"kai\"",
    "\"eva\"",
];

const INSTANCE_WORDS: &[&str] = &[
    "\"seed\": 18446744073709551615, ",
    "\"seed\": 1, ",
    "\"top_k\": 18446744073709551615, ",
    "\"top_k\": 0, ",
    "\"strategies\": [\"leximin\"], ",
    "\"strategies\": [\"nash\", \"nash\"], ",
    "\"strategies\": [], ",
    "\"junior_capacity\": 4294967295, ",
    "\"junior_capacity\": [0, 4294967295], ",
    "\"senior_capacity\": 2, ",
    "\"senior_capacity\": [2.0, 0], ",
    "\"junior_gain\": [[1]], ",
    "\"senior_gain\": [[null]], ",
    "[null, null]",
    "[1e100, 5e-324]",
    "null",
];

const NPY_WORDS: &[&str] = &[
    "'descr': '<i8', ",
    "'descr': '>f8', ",
    "'descr': '<f4', ",
    "'descr': '|b1', ",
    "'fortran_order': True, ",
    "'fortran_order': False, ",
    "'shape': (0, 1000000000000), ",
    "'shape': (18446744073709551615, 0), ",
    "'shape': (4294967296, 4294967296), ",
    "'shape': (2,), ",
    "'shape': (), ",
    "(1, 1, 1)",
    "(0, 100000000)",
    "(5, 5)",
    "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{f0}\u{7f}",
];

#[cfg(feature = "csv")]
const CSV_WORDS: &[&str] = &[
    ",", "\n", "\r\n", "\r", "\"", "inf", "-inf", "+inf", "nan", "NaN", "1e400", ";", "\u{feff}",
    "\"1,2\"", "  ", "1_000", "infinity",
];

/// A seeded generator of hostile inputs from valid seeds.
struct Mutator {
    rng: ChaCha8Rng,
    words: &'static [&'static str],
    max_len: usize,
}

impl Mutator {
    fn new(seed: u64, words: &'static [&'static str], max_len: usize) -> Self {
        Mutator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            words,
            max_len,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.rng.next_u64() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    /// A hostile input: usually one to four mutations of a seed, sometimes random bytes or a
    /// seed spliced with another.
    fn next(&mut self, seeds: &[Vec<u8>]) -> Vec<u8> {
        let mut bytes = seeds[self.below(seeds.len())].clone();
        match self.below(16) {
            0 => {
                let len = self.below(1025);
                bytes = (0..len).map(|_| self.rng.next_u64() as u8).collect();
            }
            1 | 2 => {} // a seed as is: generated seeds are valid documents with extreme values
            3..=7 => {
                // As a tree, when it is JSON, then now and then a byte-level mutation on top.
                if let Some(tree) = self.mutate_tree(&bytes) {
                    bytes = tree;
                }
                if self.below(4) == 0 {
                    self.mutate(&mut bytes, seeds);
                }
            }
            _ => {
                // Mostly one mutation, so that many inputs stay readable and reach the next
                // step; sometimes a pile of them.
                let rounds = [1, 1, 1, 1, 2, 2, 3, 4][self.below(8)];
                for _ in 0..rounds {
                    self.mutate(&mut bytes, seeds);
                }
            }
        }
        bytes.truncate(self.max_len);
        bytes
    }

    /// A JSON document changed as a tree (a value replaced, removed, repeated or renamed), so
    /// that it stays valid JSON and reaches the checks behind the parser; `None` for text
    /// that is not JSON.
    fn mutate_tree(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        let mut doc: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        for _ in 0..1 + self.below(3) {
            let mut paths = Vec::new();
            json_paths(&doc, String::new(), &mut paths);
            let path = paths[self.below(paths.len())].clone();
            let (parent, last) = match path.rfind('/') {
                Some(k) => (path[..k].to_owned(), path[k + 1..].to_owned()),
                None => (String::new(), String::new()),
            };
            let replacement = self.tree_value();
            match self.below(6) {
                // Replace the value.
                0..=2 => {
                    if let Some(v) = doc.pointer_mut(&path) {
                        *v = replacement;
                    }
                }
                // Remove it from its array or object.
                3 => match doc.pointer_mut(&parent) {
                    Some(serde_json::Value::Array(a)) => {
                        if let Ok(k) = last.parse::<usize>()
                            && k < a.len()
                        {
                            a.remove(k);
                        }
                    }
                    Some(serde_json::Value::Object(o)) => {
                        o.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    _ => {}
                },
                // Repeat it in its array (a fresh id when it has one), or add a key beside it.
                4 => {
                    let copy = doc.pointer(&path).cloned();
                    let fresh = format!("n{}", self.below(1000));
                    match (doc.pointer_mut(&parent), copy) {
                        (Some(serde_json::Value::Array(a)), Some(mut copy)) => {
                            if let Some(id) = copy.get_mut("id") {
                                *id = fresh.into();
                            }
                            for _ in 0..[1, 1, 4, 30][self.below(4)] {
                                a.push(copy.clone());
                            }
                        }
                        (Some(serde_json::Value::Object(o)), _) => {
                            let key = self.tree_key();
                            o.insert(key, replacement);
                        }
                        _ => {}
                    }
                }
                // Wrap it in a list or an object.
                _ => {
                    if let Some(v) = doc.pointer_mut(&path) {
                        let inner = v.take();
                        *v = if self.below(2) == 0 {
                            serde_json::Value::Array(vec![inner])
                        } else {
                            serde_json::json!({ "id": inner })
                        };
                    }
                }
            }
        }
        let text = if self.below(2) == 0 {
            serde_json::to_string(&doc)
        } else {
            serde_json::to_string_pretty(&doc)
        };
        text.ok().map(String::into_bytes)
    }

    /// A value for a tree mutation: a number at an edge, a word of the format, or a small
    /// value of any type.
    fn tree_value(&mut self) -> serde_json::Value {
        match self.below(8) {
            0..=2 => {
                let text = self.pick(NUMBERS);
                serde_json::from_str(text).unwrap_or_else(|_| self.below(7).into())
            }
            3 => {
                let word = self.pick(self.words);
                serde_json::from_str(word.trim_end_matches([',', ' ']))
                    .or_else(|_| {
                        serde_json::from_str(&format!("{{{}}}", word.trim_end_matches([',', ' '])))
                    })
                    .unwrap_or(serde_json::Value::Null)
            }
            4 => (self.below(1000) as f64 / 64.0).into(),
            5 => serde_json::Value::Null,
            6 => serde_json::json!([]),
            _ => serde_json::json!({}),
        }
    }

    /// A key for a tree mutation: one of the format's words, or another.
    fn tree_key(&mut self) -> String {
        let word = self.pick(self.words);
        match word.split('"').nth(1) {
            Some(key) if self.below(4) != 0 => key.to_owned(),
            _ => ["id", "side", "x", ""][self.below(4)].to_owned(),
        }
    }

    fn mutate(&mut self, bytes: &mut Vec<u8>, seeds: &[Vec<u8>]) {
        let at = self.below(bytes.len() + 1);
        match self.below(14) {
            0 if at < bytes.len() => bytes[at] ^= 1 << self.below(8),
            1 if at < bytes.len() => {
                const INTERESTING: &[u8] = b"\0\xff\x80\"{}[],:0-9e.\\ \n";
                bytes[at] = INTERESTING[self.below(INTERESTING.len())];
            }
            2 => {
                let n = 1 + self.below(8);
                let random: Vec<u8> = (0..n).map(|_| self.rng.next_u64() as u8).collect();
                bytes.splice(at..at, random);
            }
            3 => {
                let end = (at + 1 + self.below(32)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                // Splice: this input up to `at`, another from some point on.
                let other = &seeds[self.below(seeds.len())];
                let from = self.below(other.len() + 1);
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
            }
            5 => self.duplicate_key(bytes),
            6 | 7 => {
                // Replace a number by one at the edge of a range.
                if let Some(start) = bytes[at..].iter().position(|b| b.is_ascii_digit()) {
                    let start = at + start;
                    let len = bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
                        .count();
                    // An edge of a range, or an ordinary number that keeps the input valid.
                    let token = match self.below(3) {
                        0 => self.below(7).to_string(),
                        1 => format!("{:?}", self.below(1000) as f64 / 64.0),
                        _ => self.pick(NUMBERS).to_string(),
                    };
                    bytes.splice(start..start + len, token.into_bytes());
                }
            }
            8 => {
                let token = if self.below(3) == 0 {
                    self.pick(STRUCTURE)
                } else {
                    self.pick(self.words)
                };
                bytes.splice(at..at, token.bytes());
            }
            9 => self.nest(bytes, at),
            10 => bytes.truncate(at),
            11 => {
                // Repeat a slice many times: many participants, long rows, repeated keys.
                let end = (at + 1 + self.below(96)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let times = [1, 2, 8, 64][self.below(4)];
                for _ in 0..times {
                    bytes.splice(at..at, copy.iter().copied());
                }
            }
            12 => {
                // Replace a string by a word of the format (an id, a side, a key).
                if let Some(q) = bytes[at..].iter().position(|&b| b == b'"') {
                    let start = at + q;
                    if let Some(len) = bytes[start + 1..].iter().position(|&b| b == b'"') {
                        let word = self.pick(self.words);
                        if word.starts_with('"') && !word.contains(':') {
                            bytes.splice(start..start + len + 2, word.bytes());
                        }
                    }
                }
            }
            _ => {
                // Lie in a binary length field (the .npy header length), or anywhere.
                let at = if self.below(2) == 0 { 8 } else { at };
                for k in at..(at + 1 + self.below(4)).min(bytes.len()) {
                    bytes[k] = self.rng.next_u64() as u8;
                }
            }
        }
    }

    /// Repeats the `"key": value` that starts at a quote after `from`.
    fn duplicate_key(&mut self, bytes: &mut Vec<u8>) {
        let from = self.below(bytes.len() + 1);
        let Some(q) = bytes[from..].iter().position(|&b| b == b'"') else {
            return;
        };
        let start = from + q;
        let Some(close) = bytes[start + 1..].iter().position(|&b| b == b'"') else {
            return;
        };
        let after = start + 1 + close + 1;
        if bytes
            .get(after..)
            .is_none_or(|rest| rest.trim_ascii_start().first() != Some(&b':'))
        {
            return;
        }
        // The value ends at the first `,` `}` or `]` outside brackets and strings.
        let (mut depth, mut in_string, mut end) = (0i32, false, None);
        let mut k = after;
        while k < bytes.len() {
            let b = bytes[k];
            if in_string {
                if b == b'\\' {
                    k += 1;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' if depth == 0 => {
                        end = Some(k);
                        break;
                    }
                    b']' | b'}' => depth -= 1,
                    b',' if depth == 0 => {
                        end = Some(k);
                        break;
                    }
                    _ => {}
                }
            }
            k += 1;
        }
        let Some(end) = end else { return };
        let mut copy = b", ".to_vec();
        copy.extend_from_slice(&bytes[start..end]);
        bytes.splice(end..end, copy);
    }

    /// Wraps what follows `at` in deep brackets, or puts a deep nest there.
    fn nest(&mut self, bytes: &mut Vec<u8>, at: usize) {
        let depth = [2, 64, 127, 128, 129, 300, 5000][self.below(7)];
        let (open, close): (&[u8], &[u8]) = match self.below(3) {
            0 => (b"[", b"]"),
            1 => (b"{\"a\":", b"}"),
            _ => (b"{\"participants\":[", b"]}"),
        };
        let end = (at + self.below(16)).min(bytes.len());
        let mut nested = open.repeat(depth);
        nested.extend_from_slice(&bytes[at..end]);
        if self.below(4) != 0 {
            nested.extend(close.repeat(depth));
        }
        bytes.splice(at..end, nested);
    }
}

/// The JSON pointer of every value in `doc` (the root is `""`).
fn json_paths(doc: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match doc {
        serde_json::Value::Array(a) => {
            for (k, v) in a.iter().enumerate() {
                json_paths(v, format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Object(o) => {
            for (k, v) in o {
                let key = k.replace('~', "~0").replace('/', "~1");
                json_paths(v, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

// =============================================================================================
// Seeds and generated documents
// =============================================================================================

/// Numbers a generated document uses: ordinary ones, and with probability `edge` one at an
/// edge.
fn number(
    rng: &mut ChaCha8Rng,
    edge: f64,
    ordinary: &[&'static str],
    edges: &[&'static str],
) -> &'static str {
    if !rng.random_bool(edge) {
        ordinary[rng.random_range(0..ordinary.len())]
    } else {
        edges[rng.random_range(0..edges.len())]
    }
}

fn valid_rosters() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = vec![PILOT.as_bytes().to_vec()];
    seeds.extend(
        [
            common::roster::MODULE_DOC_EXAMPLE,
            r#"{"participants": [
  {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"negotiation": 5}, "capacity": 2},
  {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "wishes": {"negotiation": 2}},
  {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 5}, "capacity": 4294967295},
  {"id": "eva", "side": "senior", "skills": {"negotiation": 2}, "wishes": {"cloud-tools": 2}, "capacity": 0}]}"#,
            r#"{"participants": [
  {"id": "a", "side": "junior", "timezone": -12, "languages": ["en"], "skills": {"s1": 1}, "wishes": {"s2": 5}},
  {"id": "b", "side": "senior", "timezone": 14, "languages": ["en"], "skills": {"s2": 5}, "wishes": {"s1": 1}, "manager": "a"},
  {"id": "c", "side": "senior", "experience_years": 0, "skills": {"s2": 4}, "wishes": {"s1": 3}, "name": "Zoë \u00e9"}]}"#,
            r#"{"participants": []}"#,
            r#"{}"#,
        ]
        .map(|s| s.as_bytes().to_vec()),
    );
    seeds
}

/// A roster document: mostly valid, with capacities, levels and numbers now and then at or
/// beyond the edges.
fn generated_roster(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let skills = ["s0", "s1", "s2", "s3", "s4", "s5"];
    let catalog = rng.random_bool(0.4);
    // Half the documents are valid but for capacities at the top of their range; the others
    // have numbers at the edges of their ranges now and then.
    let edge = if rng.random_bool(0.5) { 0.0 } else { 0.1 };
    let mut doc = String::from("{");
    if catalog {
        doc.push_str("\"skills\": [");
        for (k, s) in skills.iter().enumerate() {
            let sep = if k > 0 { ", " } else { "" };
            let _ = write!(doc, "{sep}{{\"id\": \"{s}\"");
            if k > 0 && rng.random_bool(0.3) {
                // Parents point backwards (a forest), or anywhere now and then (a cycle).
                let p = if edge == 0.0 || rng.random_bool(0.9) {
                    rng.random_range(0..k)
                } else {
                    rng.random_range(0..skills.len())
                };
                let _ = write!(doc, ", \"parent\": \"{}\"", skills[p]);
            }
            doc.push('}');
        }
        doc.push_str("], ");
    }
    doc.push_str("\"participants\": [");
    let (juniors, seniors) = (rng.random_range(0..=6), rng.random_range(0..=6));
    for k in 0..juniors + seniors {
        let side = if k < juniors { "junior" } else { "senior" };
        let sep = if k > 0 { ", " } else { "" };
        let _ = write!(doc, "{sep}{{\"id\": \"p{k}\", \"side\": \"{side}\"");
        if rng.random_bool(0.5) {
            let c = number(
                rng,
                0.15,
                &["0", "1", "1", "2", "3"],
                &["4294967295", "4294967294", "1000000"],
            );
            let _ = write!(doc, ", \"capacity\": {c}");
        }
        if rng.random_bool(0.3) {
            // Anyone else, or someone outside the roster; oneself now and then.
            let m = rng.random_range(0..juniors + seniors + 2);
            if m != k || edge > 0.0 {
                let _ = write!(doc, ", \"manager\": \"p{m}\"");
            }
        }
        if rng.random_bool(0.3) {
            let d = ["A", "B"][rng.random_range(0..2)];
            let _ = write!(doc, ", \"department\": \"{d}\"");
        }
        if rng.random_bool(0.3) {
            let l = ["[\"pl\"]", "[\"en\"]", "[\"pl\", \"en\"]", "[]"][rng.random_range(0..4)];
            let _ = write!(doc, ", \"languages\": {l}");
        }
        if rng.random_bool(0.4) {
            let years = number(
                rng,
                edge,
                &["0", "2", "25", "3.5"],
                &["1e308", "5e-324", "-0", "1.7976931348623157e308"],
            );
            let _ = write!(doc, ", \"experience_years\": {years}");
        }
        if rng.random_bool(0.2) {
            let tz = number(
                rng,
                edge,
                &["0", "1", "-5", "5.5"],
                &["1e300", "-1e300", "-0"],
            );
            let _ = write!(doc, ", \"timezone\": {tz}");
        }
        for field in ["skills", "wishes"] {
            let _ = write!(doc, ", \"{field}\": {{");
            let count = rng.random_range(0..=3);
            let mut used = BTreeSet::new();
            for _ in 0..count {
                let s = skills[rng.random_range(0..skills.len())];
                if !used.insert(s) {
                    continue;
                }
                let sep = if used.len() > 1 { ", " } else { "" };
                let level = number(
                    rng,
                    edge / 2.0,
                    &["1", "2", "3", "4", "5"],
                    &["0", "6", "255"],
                );
                let _ = write!(doc, "{sep}\"{s}\": {level}");
            }
            doc.push('}');
        }
        doc.push('}');
    }
    doc.push_str("]}");
    doc.into_bytes()
}

fn valid_programmes() -> Vec<Vec<u8>> {
    [
        r#"{"locks": [{"junior": "lena", "senior": "piotr"}]}"#,
        r#"{"locks": [{"junior": "ola", "senior": "jan", "override_rules": true}],
            "bans": [{"junior": "kuba", "senior": "ewa"}], "keep_bonus": 0.2}"#,
        r#"{"history": {"rounds": [[{"junior": "ola", "senior": "jan"}, {"junior": "zofia", "senior": "ewa"}]],
                        "never_again": [{"junior": "kuba", "senior": "marek"}]},
            "previous": [{"junior": "michal", "senior": "andrzej", "score": 0.5, "junior_gain": 0.1,
                          "senior_gain": 0.2, "junior_learns": [], "senior_learns": []}]}"#,
        r#"{"previous": [{"junior": "ola", "senior": "jan"}, {"junior": "kai", "senior": "eva"}],
            "keep_bonus": 1000000}"#,
        r#"{"locks": [{"junior": "kai", "senior": "jan"}], "bans": [{"junior": "ola", "senior": "eva"}]}"#,
        r#"{"keep_bonus": 0}"#,
        r#"{}"#,
    ]
    .map(|s| s.as_bytes().to_vec())
    .to_vec()
}

/// A small roster for programme rounds: the ids of the programme seeds that are not the
/// pilot's.
const SMALL_ROSTER: &str = r#"{"participants": [
  {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"negotiation": 5}},
  {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "wishes": {"negotiation": 2}, "capacity": 2},
  {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 5}},
  {"id": "eva", "side": "senior", "skills": {"negotiation": 2}, "wishes": {"cloud-tools": 2}}]}"#;

/// A programme document over the pilot's or the small roster's ids, valid or nearly.
fn generated_programme(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let juniors = ["ola", "kai", "lena", "natalia", "kuba", "filip", "jan", "x"];
    let seniors = ["jan", "eva", "piotr", "barbara", "ewa", "marek", "ola", "y"];
    let pair = |rng: &mut ChaCha8Rng, extra: &str| {
        format!(
            r#"{{"junior": "{}", "senior": "{}"{extra}}}"#,
            juniors[rng.random_range(0..juniors.len())],
            seniors[rng.random_range(0..seniors.len())]
        )
    };
    let list = |rng: &mut ChaCha8Rng, extra: &str| {
        let n = rng.random_range(0..=3);
        let items: Vec<String> = (0..n).map(|_| pair(rng, extra)).collect();
        format!("[{}]", items.join(", "))
    };
    let mut keys = Vec::new();
    if rng.random_bool(0.6) {
        let extra = if rng.random_bool(0.3) {
            r#", "override_rules": true"#
        } else {
            ""
        };
        keys.push(format!(r#""locks": {}"#, list(rng, extra)));
    }
    if rng.random_bool(0.5) {
        keys.push(format!(r#""bans": {}"#, list(rng, "")));
    }
    if rng.random_bool(0.4) {
        keys.push(format!(
            r#""history": {{"rounds": [{}], "never_again": {}}}"#,
            list(rng, ""),
            list(rng, "")
        ));
    }
    if rng.random_bool(0.5) {
        keys.push(format!(r#""previous": {}"#, list(rng, r#", "score": 0.5"#)));
    }
    if rng.random_bool(0.4) {
        let bonus = number(
            rng,
            0.3,
            &["0", "0.1", "0.5", "3"],
            &["1e6", "5e-324", "-0", "1000000"],
        );
        keys.push(format!(r#""keep_bonus": {bonus}"#));
    }
    format!("{{{}}}", keys.join(", ")).into_bytes()
}

/// A gain: ordinary, spread over magnitudes, at the edges of the range, or forbidden.
fn gain(rng: &mut ChaCha8Rng) -> String {
    match rng.random_range(0..10) {
        0 => "null".into(),
        1 => [
            "0",
            "-0",
            "5e-324",
            "1e100",
            "1e-300",
            "1e15",
            "2.2250738585072014e-308",
        ][rng.random_range(0..7)]
        .into(),
        2 | 3 => format!(
            "{:e}",
            rng.random_range(1.0..2.0) * 10f64.powf(rng.random_range(-3.0..15.0))
        ),
        4 => rng.random_range(0..4).to_string(),
        _ => format!("{}", (rng.random_range(0.0..1.0f64) * 8.0).round() / 8.0),
    }
}

fn generated_instance(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let (n, m) = (rng.random_range(1..=5), rng.random_range(1..=5));
    let matrix = |rng: &mut ChaCha8Rng| {
        let rows: Vec<String> = (0..n)
            .map(|_| {
                let cells: Vec<String> = (0..m).map(|_| gain(rng)).collect();
                format!("[{}]", cells.join(", "))
            })
            .collect();
        format!("[{}]", rows.join(", "))
    };
    let mut doc = format!(
        r#"{{"junior_gain": {}, "senior_gain": {}"#,
        matrix(rng),
        matrix(rng)
    );
    if rng.random_bool(0.3) {
        let _ = write!(doc, r#", "seed": {}"#, rng.next_u64());
    }
    if rng.random_bool(0.2) {
        let c = ["0", "1", "2", "4294967295"][rng.random_range(0..4)];
        let _ = write!(doc, r#", "junior_capacity": {c}"#);
    }
    if rng.random_bool(0.2) {
        let caps: Vec<&str> = (0..m)
            .map(|_| ["0", "1", "1", "3"][rng.random_range(0..4)])
            .collect();
        let _ = write!(doc, r#", "senior_capacity": [{}]"#, caps.join(", "));
    }
    doc.push('}');
    doc.into_bytes()
}

/// An `f64` weight for the engine: spread over 1e-3..1e15, near the ends of the range, or
/// an infinity.
fn extreme_f64(rng: &mut ChaCha8Rng) -> f64 {
    const EDGES: [f64; 22] = [
        f64::MAX,
        -f64::MAX,
        1.7e308,
        -1.7e308,
        8.9e307,
        -8.9e307,
        1e300,
        -1e300,
        5e-324,
        -5e-324,
        1e-300,
        0.0,
        -0.0,
        0.5,
        0.1,
        9_007_199_254_740_993.0,
        9_007_199_254_740_992.0,
        i64::MAX as f64,
        i64::MIN as f64,
        1e15,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    match rng.random_range(0..10) {
        0..=3 => {
            let x = rng.random_range(1.0..2.0) * 10f64.powf(rng.random_range(-3.0..15.0));
            if rng.random_bool(0.3) { -x } else { x }
        }
        4..=6 => EDGES[rng.random_range(0..EDGES.len())],
        7 => rng.random_range(-3..=3) as f64,
        8 => {
            // A value near another power of two than the rest: 2^k ± a few units.
            let k = rng.random_range(-60..1020);
            2f64.powi(k) * if rng.random_bool(0.5) { 1.0 } else { -1.0 }
        }
        _ => f64::from_bits(rng.next_u64()).clamp(-f64::MAX, f64::MAX), // NaN clamps to NaN
    }
}

/// An `i64` weight near the ends of its range, or ordinary.
fn extreme_i64(rng: &mut ChaCha8Rng) -> i64 {
    const EDGES: [i64; 12] = [
        i64::MAX,
        i64::MIN,
        i64::MAX - 1,
        i64::MIN + 1,
        i64::MAX / 2,
        i64::MIN / 2,
        1 << 53,
        (1 << 53) + 1,
        1 << 62,
        -(1 << 62),
        0,
        -1,
    ];
    match rng.random_range(0..4) {
        0 | 1 => EDGES[rng.random_range(0..EDGES.len())],
        2 => rng.next_u64() as i64,
        _ => rng.random_range(-100..=100),
    }
}

/// A random `.npy` or CSV matrix of up to 5 x 5 extreme weights.
fn generated_npy(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let (rows, cols) = (rng.random_range(0..=5), rng.random_range(0..=5));
    let fortran = rng.random_bool(0.3);
    let big = rng.random_bool(0.3);
    let end = if big { '>' } else { '<' };
    let ints = rng.random_bool(0.4);
    let mut data = Vec::new();
    for _ in 0..rows * cols {
        if ints {
            let x = extreme_i64(rng);
            data.extend(if big {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            });
        } else {
            let x = extreme_f64(rng);
            data.extend(if big {
                x.to_be_bytes()
            } else {
                x.to_le_bytes()
            });
        }
    }
    let descr = format!("{end}{}8", if ints { 'i' } else { 'f' });
    let order = if fortran { "True" } else { "False" };
    npy(
        &format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': ({rows}, {cols}), }}"),
        &data,
    )
}

#[cfg(feature = "csv")]
fn valid_csvs() -> Vec<Vec<u8>> {
    vec![
        b"0.5, 1, inf\n2, 0.25, 3\n".to_vec(),
        b"\xEF\xBB\xBF1,-2\r\n+inf,4\r\n".to_vec(),
        b"\"1\", 2e3\n\n3, 4\n".to_vec(),
        b"1e15, 1e-3, -1e15\n-inf, 1.7976931348623157e308, 0\n".to_vec(),
    ]
}

#[cfg(feature = "csv")]
fn generated_csv(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let (rows, cols) = (rng.random_range(1..=5), rng.random_range(1..=5));
    let mut text = String::new();
    for _ in 0..rows {
        let cells: Vec<String> = (0..cols)
            .map(|_| {
                let x = extreme_f64(rng);
                if x.is_nan() {
                    "0".into()
                } else {
                    format!("{x:?}")
                }
            })
            .collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    text.into_bytes()
}

// =============================================================================================
// The engine against brute force
// =============================================================================================

/// The four option sets of the engine.
fn all_options() -> [Options; 4] {
    let o = |sense, card| Options::new(sense).with_cardinality(card);
    [
        o(Sense::Minimize, Cardinality::Maximum),
        o(Sense::Maximize, Cardinality::Maximum),
        o(Sense::Minimize, Cardinality::Any),
        o(Sense::Maximize, Cardinality::Any),
    ]
}

/// What the brute force needs of a weight type: what a cell means, and exact sums.
trait Exact: Weight {
    /// The exact sum type, compared in minimisation form.
    type Sum;
    /// `Some(true)` allowed, `Some(false)` forbidden, `None` not usable in `sense`.
    fn usable(self, sense: Sense) -> Option<bool>;
    /// The exact sum of `xs`, negated when maximising (minimisation form).
    fn exact(xs: &[Self], sense: Sense) -> Self::Sum;
    fn compare(a: &Self::Sum, b: &Self::Sum) -> Ordering;
    /// Whether the solution's reported total is the exact sum of its weights `xs` (exactly
    /// for integers; for floats, the exact sum rounded is within a few units of it).
    fn total_ok(total: Self::Total, xs: &[Self]) -> bool;
}

impl Exact for f64 {
    type Sum = ExactSum;
    fn usable(self, sense: Sense) -> Option<bool> {
        match (self.is_nan(), self.is_infinite(), sense) {
            (true, ..) => None,
            (false, false, _) => Some(true),
            (false, true, Sense::Minimize) if self > 0.0 => Some(false),
            (false, true, Sense::Maximize) if self < 0.0 => Some(false),
            _ => None,
        }
    }
    fn exact(xs: &[f64], sense: Sense) -> ExactSum {
        let sign = if sense == Sense::Minimize { 1.0 } else { -1.0 };
        ExactSum::of(xs.iter().map(|x| sign * x))
    }
    fn compare(a: &ExactSum, b: &ExactSum) -> Ordering {
        a.compare(b)
    }
    fn total_ok(total: f64, xs: &[f64]) -> bool {
        // Floats: any summation order; the total is within n - 1 roundings of the exact sum
        // unless it overflows.
        let naive: f64 = xs.iter().sum();
        let scale = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        !total.is_nan()
            && (total == naive
                || naive.is_infinite()
                || total.is_infinite()
                || (total - naive).abs() <= scale * f64::EPSILON * 2.0 * xs.len() as f64)
    }
}

impl Exact for i64 {
    type Sum = i128;
    fn usable(self, sense: Sense) -> Option<bool> {
        Some(!matches!(
            (self, sense),
            (i64::MAX, Sense::Minimize) | (i64::MIN, Sense::Maximize)
        ))
    }
    fn exact(xs: &[i64], sense: Sense) -> i128 {
        let s: i128 = xs.iter().map(|&x| x as i128).sum();
        if sense == Sense::Minimize { s } else { -s }
    }
    fn compare(a: &i128, b: &i128) -> Ordering {
        a.cmp(b)
    }
    fn total_ok(total: i128, xs: &[i64]) -> bool {
        total == xs.iter().map(|&x| x as i128).sum::<i128>()
    }
}

/// The best (pair count, exact total in minimisation form) over every matching of the cells
/// `cell(r, c)` gives (`None` = absent or forbidden).
fn brute_best<T: Exact>(
    rows: usize,
    cols: usize,
    cell: &dyn Fn(usize, usize) -> Option<T>,
    options: Options,
) -> (usize, T::Sum) {
    let mut top: Option<(usize, T::Sum)> = None;
    let allowed = |r: usize, c: usize| cell(r, c).is_some();
    each_matching(rows, cols, &allowed, &mut |pairs| {
        let xs: Vec<T> = pairs.iter().map(|&(r, c)| cell(r, c).unwrap()).collect();
        let total = T::exact(&xs, options.sense());
        let better = match &top {
            None => true,
            Some((k, t)) => match options.cardinality() {
                Cardinality::Any => T::compare(&total, t) == Ordering::Less,
                _ => {
                    pairs.len() > *k
                        || (pairs.len() == *k && T::compare(&total, t) == Ordering::Less)
                }
            },
        };
        if better {
            top = Some((pairs.len(), total));
        }
    });
    top.expect("the empty matching always exists")
}

/// Checks a solution of a `rows x cols` problem whose cells `cell(r, c)` gives: a valid
/// assignment of allowed cells, its lists and total, and on up to 5 x 5 the exact optimum.
fn check_solution<T: Exact>(
    rows: usize,
    cols: usize,
    cell: &dyn Fn(usize, usize) -> Option<T>,
    s: &Solution<T>,
) -> Result<(), String> {
    let options = s.options();
    let pairs = s.pairs();
    if !pairs.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err(format!("pairs not sorted by distinct rows: {pairs:?}"));
    }
    let mut used_cols = BTreeSet::new();
    let mut weights = Vec::new();
    for &(r, c) in pairs {
        if r >= rows || c >= cols || !used_cols.insert(c) {
            return Err(format!(
                "pair ({r}, {c}) out of range or column reused: {pairs:?}"
            ));
        }
        match cell(r, c) {
            Some(x) => weights.push(x),
            None => return Err(format!("pair ({r}, {c}) is a forbidden or absent cell")),
        }
    }
    let paired_rows: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let free_rows: Vec<usize> = (0..rows).filter(|r| !paired_rows.contains(r)).collect();
    let free_cols: Vec<usize> = (0..cols).filter(|c| !used_cols.contains(c)).collect();
    if s.unassigned_rows() != free_rows || s.unassigned_cols() != free_cols {
        return Err("unassigned rows or columns differ from the pairs".into());
    }
    if !T::total_ok(s.total(), &weights) {
        return Err(format!(
            "total {:?} is not the sum of {weights:?}",
            s.total()
        ));
    }
    if rows <= 5 && cols <= 5 {
        let (k, best) = brute_best(rows, cols, cell, options);
        let total = T::exact(&weights, options.sense());
        let count_ok = options.cardinality() == Cardinality::Any || pairs.len() == k;
        if !count_ok || T::compare(&total, &best) != Ordering::Equal {
            return Err(format!(
                "not the exact optimum with {options:?}: {pairs:?} ({} pairs), brute force has {k} pairs",
                pairs.len()
            ));
        }
    }
    Ok(())
}

/// Whether every mistake `e` reports (one, or each of a list) is one `kind` allows.
fn each(e: &MatrixError, kind: impl Fn(&MatrixError) -> bool) -> bool {
    e.all().iter().all(kind)
}

/// Whether `e` is a refusal the engine may give on a matrix it cannot certify.
fn engine_refusal(e: &MatrixError) -> bool {
    each(e, |e| {
        matches!(
            e,
            MatrixError::InvalidWeight { .. }
                | MatrixError::Uncertified { .. }
                | MatrixError::TooLarge { .. }
        )
    })
}

/// One engine's answer (`engine` "dense" or "sparse", whose functions are `solve_name` and
/// `verify_name`) on a `rows` x `cols` matrix whose usable cells are `cell`: a matrix with an
/// unusable cell (`unusable`) must be refused as an invalid weight; any other solved, checked
/// and verified, or refused as [`engine_refusal`] allows. Whether it was solved.
fn check_answer<T: Exact>(
    (engine, solve_name, verify_name): (&str, &str, &str),
    options: Options,
    (rows, cols): (usize, usize),
    unusable: bool,
    cell: &dyn Fn(usize, usize) -> Option<T>,
    solve: impl FnOnce() -> Result<Solution<T>, MatrixError>,
    verify: impl FnOnce(&Solution<T>) -> Result<(), CertificateError>,
) -> Result<bool, String> {
    stage(format_args!("{engine} {solve_name} {options:?}"));
    match solve() {
        Ok(s) => {
            stage(format_args!("{engine} {verify_name} {options:?}"));
            if unusable {
                return Err(format!(
                    "{engine} {options:?}: solved a matrix with an unusable cell"
                ));
            }
            check_solution(rows, cols, cell, &s).map_err(|e| format!("{engine}: {e}"))?;
            if let Err(e) = verify(&s) {
                return Err(format!(
                    "{engine} {options:?}: verify refuses the engine's answer: {e:?}"
                ));
            }
            Ok(true)
        }
        Err(e) if unusable && each(&e, |e| matches!(e, MatrixError::InvalidWeight { .. })) => {
            Ok(false)
        }
        Err(e) if !unusable && engine_refusal(&e) => Ok(false),
        Err(e) => Err(format!("{engine} {options:?}: unexpected error {e:?}")),
    }
}

/// Solves `m` dense and as a sparse matrix (`drop` leaves out some allowed cells), with every
/// option set, and checks each answer. Returns whether every solve was answered with a
/// solution.
fn check_engine<T: Exact>(
    m: &Matrix<T>,
    drop: &dyn Fn(usize, usize) -> bool,
) -> Result<bool, String> {
    let (rows, cols) = (m.rows(), m.cols());
    let mut solved = true;
    for options in all_options() {
        let sense = options.sense();
        let at = |r: usize, c: usize| m.get(r, c).unwrap();
        let unusable = (0..rows * cols).any(|k| at(k / cols, k % cols).usable(sense).is_none());
        // Dense.
        let cell = |r: usize, c: usize| Some(at(r, c)).filter(|x| x.usable(sense) == Some(true));
        solved &= check_answer(
            ("dense", "solve_with", "verify"),
            options,
            (rows, cols),
            unusable,
            &cell,
            || solve_with(m, options),
            |s| verify(m, s),
        )?;
        // Sparse: present cells are the usable ones not dropped, and the unusable ones.
        let present = |r: usize, c: usize| match at(r, c).usable(sense) {
            Some(true) => !drop(r, c),
            Some(false) => false,
            None => true,
        };
        let triplets: Vec<(usize, usize, T)> = (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter(|&(r, c)| present(r, c))
            .map(|(r, c)| (r, c, at(r, c)))
            .collect();
        let has_nan = triplets.iter().any(|t| {
            t.2.usable(Sense::Minimize).is_none() && t.2.usable(Sense::Maximize).is_none()
        });
        stage("sparse from_triplets");
        let sm = match SparseMatrix::from_triplets(rows, cols, triplets) {
            Ok(sm) => sm,
            Err(e) if has_nan && each(&e, |e| matches!(e, MatrixError::InvalidWeight { .. })) => {
                continue;
            }
            Err(e) => return Err(format!("sparse: from_triplets: {e:?}")),
        };
        let sparse_unusable = (0..rows * cols)
            .any(|k| present(k / cols, k % cols) && at(k / cols, k % cols).usable(sense).is_none());
        let cell = |r: usize, c: usize| {
            Some(at(r, c)).filter(|x| present(r, c) && x.usable(sense) == Some(true))
        };
        solved &= check_answer(
            ("sparse", "solve_sparse", "verify_sparse"),
            options,
            (rows, cols),
            sparse_unusable,
            &cell,
            || solve_sparse(&sm, options),
            |s| verify_sparse(&sm, s),
        )?;
    }
    Ok(solved)
}

fn check_weight_matrix(m: &WeightMatrix) -> Result<(), String> {
    let no_drop = |_: usize, _: usize| false;
    match m {
        WeightMatrix::F64(m) => check_engine(m, &no_drop).map(|_| ()),
        WeightMatrix::I64(m) => check_engine(m, &no_drop).map(|_| ()),
    }
}

// =============================================================================================
// The answer of each format
// =============================================================================================

fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The roster reader, then the matcher, the diagnosis and a programme
/// round.
fn answer_roster(bytes: &[u8]) -> Answer {
    let text = text(bytes);
    let read = Roster::from_json(&text);
    // The two layers agree: the roster reads iff its spec reads and validates.
    let spec = RosterSpec::from_json(&text);
    let layered = spec
        .as_ref()
        .map_err(Clone::clone)
        .and_then(RosterSpec::validate);
    if read.is_ok() != layered.is_ok() {
        return Err(format!(
            "Roster::from_json says {:?}, RosterSpec::from_json + validate {:?}",
            read.as_ref().err(),
            layered.as_ref().err()
        ));
    }
    let roster = match read {
        Ok(roster) => roster,
        Err(e) => {
            if e.to_string().is_empty() {
                return Err("an empty error message".into());
            }
            return Ok(false);
        }
    };
    let again = RosterSpec::from_json(&roster.spec().to_json())
        .map_err(|e| format!("the roster's to_json does not read back: {e}"))?;
    if &again != roster.spec() {
        return Err("the roster's to_json reads back as another roster".into());
    }
    let matcher = Matcher::new();
    let matching = match matcher.solve(&roster) {
        Ok(m) => m,
        Err(Error::Matrix(MatrixError::TooLarge { .. })) => return Ok(false),
        Err(e) => {
            return Err(format!(
                "a validated roster is refused by the matcher: {e:?}"
            ));
        }
    };
    check_matching(&roster, &matching, &BTreeMap::new())?;
    let back: Matching = serde_json::from_str(&matching.to_json())
        .map_err(|e| format!("the matching's JSON does not read back: {e}"))?;
    if back != matching {
        return Err("the matching's JSON reads back as another matching".into());
    }
    match matcher.diagnose(&roster) {
        Ok(_) => {}
        Err(Error::Matrix(MatrixError::TooLarge { .. })) => {}
        Err(e) => return Err(format!("diagnose fails on a validated roster: {e:?}")),
    }
    // The next round, keeping this one's pairs.
    let round = Programme::new(Matcher::new())
        .with_previous(matching.pairs())
        .round(&roster);
    match round {
        Ok(round) => check_round(&roster, &round, &ProgrammeSpec::default(), matching.pairs())?,
        Err(Error::Matrix(MatrixError::TooLarge { .. })) => {}
        Err(e) => {
            return Err(format!(
                "a round after the roster's own matching fails: {e:?}"
            ));
        }
    }
    Ok(true)
}

/// A matching of `roster`: sides, capacities, everyone either paired or unmatched, scores in
/// `[0, 1]`, the total their sum.
///
/// `raised` holds capacities raised by overriding locks: a person named by `k` distinct
/// overriding locks may have `max(capacity, k)` partners.
fn check_matching(
    roster: &Roster,
    matching: &Matching,
    raised: &BTreeMap<String, usize>,
) -> Result<(), String> {
    let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut total = 0.0;
    for pair in matching.pairs() {
        let side_of = |id: &str| roster.find(id).map(|p| roster.side(p));
        if side_of(&pair.junior) != Some(mentor_match::Side::Junior)
            || side_of(&pair.senior) != Some(mentor_match::Side::Senior)
        {
            return Err(format!(
                "pair {} - {} has a wrong side",
                pair.junior, pair.senior
            ));
        }
        if !seen.insert((&pair.junior, &pair.senior)) {
            return Err(format!("pair {} - {} twice", pair.junior, pair.senior));
        }
        if !(0.0..=1.0).contains(&pair.score) {
            return Err(format!("pair score {} outside [0, 1]", pair.score));
        }
        total += pair.score;
        *partners.entry(&pair.junior).or_default() += 1;
        *partners.entry(&pair.senior).or_default() += 1;
    }
    for (id, &n) in &partners {
        let p = roster.find(id).unwrap();
        let capacity = roster.participant(p).capacity as usize;
        if n > capacity.max(raised.get(*id).copied().unwrap_or(0)) {
            return Err(format!(
                "{id} has {n} partners, capacity {}",
                roster.participant(p).capacity
            ));
        }
    }
    let unmatched: BTreeSet<&str> = matching.unmatched().iter().map(|u| u.id.as_str()).collect();
    if unmatched.len() != matching.unmatched().len() {
        return Err("someone is listed twice as unmatched".into());
    }
    for p in roster.participants() {
        let id = roster.id(p);
        if partners.contains_key(id) == unmatched.contains(id) {
            return Err(format!("{id} is both or neither paired and unmatched"));
        }
    }
    let tolerance = 1e-9 * (1.0 + matching.pairs().len() as f64);
    if (matching.total_score() - total).abs() > tolerance {
        return Err(format!(
            "total score {} is not the sum {total}",
            matching.total_score()
        ));
    }
    Ok(())
}

/// A programme round: locks kept, bans and history avoided, kept and new the matching's pairs,
/// broken ones not in it, the matching itself valid.
fn check_round(
    roster: &Roster,
    round: &mentor_match::programme::Round,
    spec: &ProgrammeSpec,
    previous: &[mentor_match::Pair],
) -> Result<(), String> {
    // An overriding lock may exceed the capacity of those it names: theirs is raised to
    // their number of locks.
    let mut raised = BTreeMap::new();
    if spec.locks.iter().any(|l| l.override_rules) {
        let locks: BTreeSet<(&str, &str)> = spec
            .locks
            .iter()
            .map(|l| (l.junior.as_str(), l.senior.as_str()))
            .collect();
        for (junior, senior) in locks {
            *raised.entry(junior.to_owned()).or_insert(0) += 1;
            *raised.entry(senior.to_owned()).or_insert(0) += 1;
        }
    }
    check_matching(roster, &round.matching, &raised)?;
    let pairs: BTreeSet<PairIds> = round.matching.pairs().iter().map(PairIds::from).collect();
    for lock in &spec.locks {
        if !pairs.contains(&PairIds::new(&lock.junior, &lock.senior)) {
            return Err(format!("lock {} - {} not kept", lock.junior, lock.senior));
        }
    }
    let avoided = spec
        .bans
        .iter()
        .chain(spec.history.rounds.iter().flatten())
        .chain(&spec.history.never_again);
    for pair in avoided {
        if pairs.contains(pair) {
            return Err(format!("banned or past pair {pair} formed"));
        }
    }
    let previous: BTreeSet<PairIds> = if spec.previous.is_empty() {
        previous.iter().map(PairIds::from).collect()
    } else {
        spec.previous.iter().cloned().collect()
    };
    let kept: BTreeSet<PairIds> = round.kept.iter().cloned().collect();
    let new: BTreeSet<PairIds> = round.new.iter().cloned().collect();
    if kept.union(&new).cloned().collect::<BTreeSet<_>>() != pairs
        || !kept.is_subset(&previous)
        || !new.is_disjoint(&previous)
    {
        return Err("kept and new pairs do not split the matching by the previous pairs".into());
    }
    for b in &round.broken {
        if !previous.contains(&b.pair) || pairs.contains(&b.pair) {
            return Err(format!(
                "broken pair {} was not previous, or is kept",
                b.pair
            ));
        }
    }
    for id in &round.sitting_out {
        if !round.matching.partners_of(id).is_empty() {
            return Err(format!("{id} sits out with a partner"));
        }
    }
    Ok(())
}

thread_local! {
    /// The rosters programme specs are tried on: the pilot and the small one.
    static PROGRAMME_ROSTERS: [Roster; 2] = [
        Roster::from_json(PILOT).unwrap(),
        Roster::from_json(SMALL_ROSTER).unwrap(),
    ];
}

/// The programme reader, then a round on the pilot and on the small roster, and a rotation of
/// three rounds on the small one.
fn answer_programme(bytes: &[u8]) -> Answer {
    let text = text(bytes);
    let spec = match ProgrammeSpec::from_json(&text) {
        Ok(spec) => spec,
        // Every mistake named: each a reading's or the keep bonus's.
        Err(e)
            if e.all().iter().all(|m| {
                matches!(m, Error::ProgrammeJson { .. } | Error::InvalidOption { .. })
            }) =>
        {
            return Ok(false);
        }
        Err(e) => return Err(format!("unexpected error {e:?}")),
    };
    let again = ProgrammeSpec::from_json(&spec.to_json())
        .map_err(|e| format!("the spec's to_json does not read back: {e}"))?;
    if again != spec {
        return Err("the spec's to_json reads back as another spec".into());
    }
    PROGRAMME_ROSTERS.with(|rosters| {
        for roster in rosters {
            let programme = Programme::new(Matcher::new()).with_spec(spec.clone());
            match programme.round(roster) {
                Ok(round) => check_round(roster, &round, &spec, &[])?,
                Err(e) => {
                    if e.all().iter().any(|e| matches!(e, Error::Multiple { .. })) {
                        return Err(format!("a Multiple inside a Multiple: {e:?}"));
                    }
                }
            }
        }
        let small = &rosters[1];
        if let Ok(rounds) = Programme::new(Matcher::new())
            .with_spec(spec.clone())
            .rounds(small, 3)
        {
            let mut met = BTreeSet::new();
            for round in &rounds {
                check_matching(small, &round.matching, &BTreeMap::new())?;
                for pair in round.matching.pairs() {
                    if !met.insert(PairIds::from(pair)) {
                        return Err(format!(
                            "pair {} - {} meets twice in a rotation",
                            pair.junior, pair.senior
                        ));
                    }
                }
            }
        }
        Ok(true)
    })
}

/// The metrics' smallest utility: every agent of the smaller side, the matched ones of the
/// larger side (everyone when the sides are equal).
fn min_utility(scores: &PairScores, pairs: &[(usize, usize)]) -> f64 {
    let (n, m) = (scores.juniors(), scores.seniors());
    if n.min(m) == 0 {
        return 0.0;
    }
    let u = utilities(scores, pairs);
    let mut matched = vec![false; n + m];
    for &(j, s) in pairs {
        matched[j] = true;
        matched[n + s] = true;
    }
    (0..n + m)
        .filter(|&k| {
            let junior = k < n;
            let smaller = (junior && n <= m) || (!junior && m <= n);
            smaller || matched[k]
        })
        .map(|k| u[k])
        .fold(f64::INFINITY, f64::min)
}

/// The brute-force checks of the optimising and stable strategies on up to 5 x 5.
fn check_strategy(name: &str, scores: &PairScores, pairing: &Pairing) -> Result<(), String> {
    let (n, m) = (scores.juniors(), scores.seniors());
    let pairs = pairing.pairs();
    let report = metrics::report(scores, pairing).map_err(|e| format!("{name}: metrics: {e:?}"))?;
    if report.pairs != pairs.len() || report.min_utility != min_utility(scores, pairs) {
        return Err(format!(
            "{name}: metrics say {} pairs, min utility {}; the pairing has {}, {}",
            report.pairs,
            report.min_utility,
            pairs.len(),
            min_utility(scores, pairs)
        ));
    }
    if (name.contains("stable") || name.starts_with("deferred")) && report.blocking_pairs != 0 {
        return Err(format!(
            "{name}: {} blocking pairs {:?}",
            report.blocking_pairs, report.blocking
        ));
    }
    if n > 5 || m > 5 {
        return Ok(());
    }
    let allowed = |j: usize, s: usize| scores.is_allowed(j, s);
    let sum = |pairs: &[(usize, usize)], w: &dyn Fn(f64, f64) -> f64| {
        ExactSum::of(
            pairs
                .iter()
                .map(|&(j, s)| w(scores.junior_gain(j, s), scores.senior_gain(j, s))),
        )
    };
    match name {
        "utilitarian" => {
            let w = |a, b| Combination::Sum.combine(a, b);
            let mut best = ExactSum::default();
            each_matching(n, m, &allowed, &mut |p| {
                let t = sum(p, &w);
                if t.compare(&best) == Ordering::Greater {
                    best = t;
                }
            });
            if sum(pairs, &w).compare(&best) != Ordering::Equal {
                return Err(format!("utilitarian: {pairs:?} is not the exact optimum"));
            }
        }
        "bottleneck" => {
            let w = |a: f64, b: f64| a + b;
            let mut best: Option<(f64, ExactSum)> = None;
            each_matching(n, m, &allowed, &mut |p| {
                let key = (min_utility(scores, p), sum(p, &w));
                let better = match &best {
                    None => true,
                    Some((u, t)) => {
                        key.0 > *u || (key.0 == *u && key.1.compare(t) == Ordering::Greater)
                    }
                };
                if better {
                    best = Some(key);
                }
            });
            let (u, t) = best.unwrap();
            if min_utility(scores, pairs) != u || sum(pairs, &w).compare(&t) != Ordering::Equal {
                return Err(format!(
                    "bottleneck: {pairs:?} has min utility {}, brute force {u} (or a smaller sum)",
                    min_utility(scores, pairs)
                ));
            }
        }
        "leximin" => {
            let sorted = |p: &[(usize, usize)]| {
                let mut u = utilities(scores, p);
                u.sort_by(f64::total_cmp);
                u
            };
            let mut best: Option<Vec<f64>> = None;
            each_matching(n, m, &allowed, &mut |p| {
                let v = sorted(p);
                if best
                    .as_ref()
                    .is_none_or(|b| v.partial_cmp(b) == Some(Ordering::Greater))
                {
                    best = Some(v);
                }
            });
            if Some(sorted(pairs)) != best {
                return Err(format!(
                    "leximin: {pairs:?} is not leximin-optimal: {best:?}"
                ));
            }
        }
        "nash" => {
            let key = |p: &[(usize, usize)]| {
                let u = utilities(scores, p);
                let positive: Vec<f64> = u.into_iter().filter(|&x| x > 0.0).collect();
                (positive.len(), positive.iter().map(|x| x.ln()).sum::<f64>())
            };
            let mut best = (0, 0.0);
            each_matching(n, m, &allowed, &mut |p| {
                let k = key(p);
                if k.0 > best.0 || (k.0 == best.0 && k.1 > best.1) {
                    best = k;
                }
            });
            let largest = scores
                .junior_gains()
                .iter()
                .chain(scores.senior_gains())
                .filter(|&&u| u > 0.0)
                .fold(0.0f64, |l, u| l.max(u.ln().abs()));
            let tolerance = 1e-9 * (1.0 + 4.0 * n.min(m) as f64 * largest);
            let got = key(pairs);
            if got.0 != best.0 || got.1 < best.1 - tolerance {
                return Err(format!("nash: {pairs:?} has {got:?}, brute force {best:?}"));
            }
        }
        _ => {}
    }
    Ok(())
}

/// The instance reader, then every strategy with its metrics, and the library's evaluation.
fn answer_instance(bytes: &[u8]) -> Answer {
    let text = text(bytes);
    let instance = match Instance::from_json(&text) {
        Ok(i) => i,
        Err(e) if each(&e, |e| matches!(e, MatrixError::InstanceJson { .. })) => return Ok(false),
        Err(e) => return Err(format!("unexpected error {e:?}")),
    };
    let scores = instance.scores();
    // Gains from 0 to 1e100 can span more than the engine certifies: the strategies that
    // solve with it may refuse them (`Uncertified`), as `evaluate` then does.
    let mut refused = false;
    for s in strategy::builtin() {
        match s.pair_seeded(scores, instance.seed()) {
            Ok(pairing) => check_strategy(s.name(), scores, &pairing)?,
            Err(MatrixError::Uncertified { .. }) => refused = true,
            Err(e) => return Err(format!("{}: fails on a valid instance: {e:?}", s.name())),
        }
    }
    match evaluate(&instance) {
        Ok(_) => Ok(true),
        Err(e) if refused || e.to_string().contains("no certified optimum") => Ok(false),
        Err(e) => Err(format!("evaluate: {e}")),
    }
}

fn answer_npy(bytes: &[u8]) -> Answer {
    let read = read_npy(bytes);
    let again = read_matrix(bytes, MatrixFormat::Npy);
    if read != again {
        return Err("read_npy and read_matrix disagree".into());
    }
    match read {
        Ok(m) => check_weight_matrix(&m).map(|()| true),
        Err(e)
            if each(&e, |e| {
                matches!(
                    e,
                    MatrixError::Npy { .. }
                        | MatrixError::InvalidWeight { .. }
                        | MatrixError::TooLarge { .. }
                )
            }) =>
        {
            Ok(false)
        }
        Err(e) => Err(format!("unexpected error {e:?}")),
    }
}

#[cfg(feature = "csv")]
fn answer_csv(bytes: &[u8]) -> Answer {
    let read = mentor_match::formats::read_csv(bytes);
    let again = read_matrix(bytes, MatrixFormat::Csv);
    if read.clone().map(WeightMatrix::F64) != again {
        return Err("read_csv and read_matrix disagree".into());
    }
    match read {
        Ok(m) => check_weight_matrix(&WeightMatrix::F64(m)).map(|()| true),
        Err(e)
            if each(&e, |e| {
                matches!(e, MatrixError::Csv { .. } | MatrixError::TooLarge { .. })
            }) =>
        {
            Ok(false)
        }
        Err(e) => Err(format!("unexpected error {e:?}")),
    }
}

// =============================================================================================
// The runs
// =============================================================================================

/// One format: its seeds, a generator of valid documents, its words, the longest input and
/// its answer.
struct Format {
    name: &'static str,
    seeds: fn() -> Vec<Vec<u8>>,
    generate: fn(&mut ChaCha8Rng) -> Vec<u8>,
    words: &'static [&'static str],
    max_len: usize,
    answer: fn(&[u8]) -> Answer,
}

/// Every format fuzzed (CSV with the `csv` feature).
fn formats() -> Vec<Format> {
    let mut formats = vec![
        Format {
            name: "roster",
            seeds: valid_rosters,
            generate: generated_roster,
            words: ROSTER_WORDS,
            max_len: 32 * 1024,
            answer: answer_roster,
        },
        Format {
            name: "programme",
            seeds: valid_programmes,
            generate: generated_programme,
            words: PROGRAMME_WORDS,
            max_len: 16 * 1024,
            answer: answer_programme,
        },
        Format {
            name: "instance",
            seeds: valid_instances,
            generate: generated_instance,
            words: INSTANCE_WORDS,
            max_len: 16 * 1024,
            answer: answer_instance,
        },
        Format {
            name: "npy",
            seeds: valid_npys,
            generate: generated_npy,
            words: NPY_WORDS,
            max_len: 4 * 1024,
            answer: answer_npy,
        },
    ];
    #[cfg(feature = "csv")]
    formats.push(Format {
        name: "csv",
        seeds: valid_csvs,
        generate: generated_csv,
        words: CSV_WORDS,
        max_len: 4 * 1024,
        answer: answer_csv,
    });
    formats
}

/// Fuzzes `format` with `iterations` inputs from `seed`: the valid seeds first (which must be
/// accepted), then mutations of the seeds and of freshly generated documents.
fn fuzz(format: &Format, iterations: usize, seed: u64) -> Stats {
    let started = Instant::now();
    let mut stats = Stats::default();
    let answer = |bytes: &[u8]| (format.answer)(bytes);
    let fixed = (format.seeds)();
    for input in &fixed {
        let outcome = try_one(input, &answer);
        if outcome == Ok(false) {
            let fault = Fault::Wrong("a valid seed is refused".into());
            stats.note(input, Err(fault), &|_| input.clone());
        } else {
            stats.note(input, outcome, &|f| shrink(input, f, &answer));
        }
    }
    let mut mutator = Mutator::new(seed, format.words, format.max_len);
    let mut generator = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut pool = fixed.clone();
    for k in 0..iterations {
        // A fresh generated document now and then, kept among a few recent ones.
        if k % 4 == 0 {
            let doc = (format.generate)(&mut generator);
            if pool.len() < fixed.len() + 8 {
                pool.push(doc);
            } else {
                let slot = fixed.len() + k / 4 % 8;
                pool[slot] = doc;
            }
        }
        let input = mutator.next(&pool);
        let outcome = try_one(&input, &answer);
        stats.note(&input, outcome, &|f| shrink(&input, f, &answer));
    }
    stats.seconds = started.elapsed().as_secs_f64();
    stats
}

fn fuzz_one_format(test: &str, name: &str, iterations: usize) {
    isolated(test, || {
        let format = formats().into_iter().find(|f| f.name == name).unwrap();
        let stats = fuzz(&format, iterations, 13);
        println!("{}", stats.line(name));
        stats.assert_clean(name);
    });
}

/// One test a format: `name: "format", iterations;` fuzzes that format (see
/// [`fuzz_one_format`]) in a test called `name`.
macro_rules! format_fuzz_tests {
    ($($(#[$attribute:meta])* $test:ident: $format:literal, $iterations:literal;)+) => {$(
        $(#[$attribute])*
        #[test]
        fn $test() {
            fuzz_one_format(stringify!($test), $format, $iterations);
        }
    )+};
}

format_fuzz_tests! {
    roster_files: "roster", 1200;
    programme_files: "programme", 1200;
    strategies_instances: "instance", 1600;
    npy_files: "npy", 2000;
    #[cfg(feature = "csv")]
    csv_files: "csv", 1500;
}

/// An engine input: a matrix of up to 5 x 5 weights, and which cells its sparse copy leaves
/// out.
#[derive(Debug, Clone)]
struct Case<T> {
    rows: usize,
    cols: usize,
    data: Vec<T>,
    drop: Vec<bool>,
}

/// What the engine fuzzing needs of a weight type beyond [`Exact`].
trait Fuzzed: Exact {
    const NAME: &'static str;
    /// A random weight.
    fn draw(rng: &mut ChaCha8Rng) -> Self;
    /// Simpler values a shrunk case tries in place of `x`.
    fn simpler(x: Self) -> Vec<Self>;
    /// Builds the matrix (refusing NaN) and checks every engine answer.
    fn answer(case: &Case<Self>) -> Answer;
}

impl Fuzzed for f64 {
    const NAME: &'static str = "f64";
    fn draw(rng: &mut ChaCha8Rng) -> f64 {
        let x = extreme_f64(rng);
        if x.is_nan() && rng.random_bool(0.8) {
            1.0
        } else {
            x
        }
    }
    fn simpler(x: f64) -> Vec<f64> {
        // 0, ±1, the power of two at or below |x|, x rounded to a whole number.
        let mut out = vec![0.0, 1.0, -1.0];
        if x.is_finite() && x != 0.0 {
            out.push(x.signum() * 2f64.powi(x.abs().log2().floor() as i32));
            out.push(x.round());
        }
        out.retain(|y| y.to_bits() != x.to_bits() && y.is_finite());
        out
    }
    fn answer(case: &Case<f64>) -> Answer {
        let has_nan = case.data.iter().any(|x| x.is_nan());
        match Matrix::from_vec(case.rows, case.cols, case.data.clone()) {
            Ok(m) if !has_nan => check_engine(&m, &|r, c| case.drop[r * case.cols + c]),
            Ok(_) => Err("a matrix with NaN was built".into()),
            Err(e) if has_nan && each(&e, |e| matches!(e, MatrixError::InvalidWeight { .. })) => {
                Ok(false)
            }
            Err(e) => Err(format!("from_vec: {e:?}")),
        }
    }
}

impl Fuzzed for i64 {
    const NAME: &'static str = "i64";
    fn draw(rng: &mut ChaCha8Rng) -> i64 {
        extreme_i64(rng)
    }
    fn simpler(x: i64) -> Vec<i64> {
        let mut out = vec![0, 1, -1, x / 2];
        out.retain(|&y| y != x);
        out
    }
    fn answer(case: &Case<i64>) -> Answer {
        let m = Matrix::from_vec(case.rows, case.cols, case.data.clone())
            .map_err(|e| format!("from_vec: {e:?}"))?;
        check_engine(&m, &|r, c| case.drop[r * case.cols + c])
    }
}

impl<T: Fuzzed> Case<T> {
    fn random(rng: &mut ChaCha8Rng) -> Self {
        let (rows, cols) = (rng.random_range(0..=5), rng.random_range(0..=5));
        let data = (0..rows * cols).map(|_| T::draw(rng)).collect();
        let p = [0.0, 0.2, 0.6][rng.random_range(0..3)];
        let drop = (0..rows * cols).map(|_| rng.random_bool(p)).collect();
        Case {
            rows,
            cols,
            data,
            drop,
        }
    }

    fn describe(&self) -> Vec<u8> {
        format!(
            "{} {} x {}: {:?}, sparse drops {:?}",
            T::NAME,
            self.rows,
            self.cols,
            self.data,
            self.drop
        )
        .into_bytes()
    }

    /// The case without row `row` or column `col` (whichever is `Some`).
    fn without(&self, row: Option<usize>, col: Option<usize>) -> Self {
        let keep = |k: usize| Some(k / self.cols) != row && Some(k % self.cols) != col;
        Case {
            rows: self.rows - usize::from(row.is_some()),
            cols: self.cols - usize::from(col.is_some()),
            data: (0..self.data.len())
                .filter(|&k| keep(k))
                .map(|k| self.data[k])
                .collect(),
            drop: (0..self.drop.len())
                .filter(|&k| keep(k))
                .map(|k| self.drop[k])
                .collect(),
        }
    }

    /// Smaller or simpler cases: a row or column less, a cell made simple, a drop undone.
    fn candidates(&self) -> Vec<Self> {
        let mut out = Vec::new();
        out.extend((0..self.rows).map(|r| self.without(Some(r), None)));
        out.extend((0..self.cols).map(|c| self.without(None, Some(c))));
        for k in 0..self.data.len() {
            for x in T::simpler(self.data[k]) {
                let mut c = self.clone();
                c.data[k] = x;
                out.push(c);
            }
            if self.drop[k] {
                let mut c = self.clone();
                c.drop[k] = false;
                out.push(c);
            }
        }
        out
    }

    /// A simpler case that fails in the same way.
    fn shrink(&self, fault: &Fault) -> Self {
        let same = |c: &Self| match try_one(&c.describe(), &|_| T::answer(c)) {
            Err(f) => f.kind() == fault.kind(),
            Ok(_) => false,
        };
        let mut best = self.clone();
        let mut budget = 5000usize;
        'outer: while budget > 0 {
            for c in best.candidates() {
                budget = budget.saturating_sub(1);
                if same(&c) {
                    best = c;
                    continue 'outer;
                }
                if budget == 0 {
                    break;
                }
            }
            break;
        }
        best
    }
}

/// Tries one random case of weight type `T`.
fn engine_case<T: Fuzzed>(rng: &mut ChaCha8Rng, stats: &mut Stats) {
    let case = Case::<T>::random(rng);
    let input = case.describe();
    let outcome = try_one(&input, &|_| T::answer(&case));
    stats.note(&input, outcome, &|f| case.shrink(f).describe());
}

/// Random extreme matrices up to 5 x 5, `f64` and `i64`, dense and sparse, every option set:
/// the exact optimum or a typed refusal.
fn fuzz_engine(iterations: usize, seed: u64) -> Stats {
    let started = Instant::now();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut stats = Stats::default();
    for k in 0..iterations {
        if k % 3 == 2 {
            engine_case::<i64>(&mut rng, &mut stats);
        } else {
            engine_case::<f64>(&mut rng, &mut stats);
        }
    }
    stats.seconds = started.elapsed().as_secs_f64();
    stats
}

#[test]
fn engine_on_extreme_matrices() {
    isolated("engine_on_extreme_matrices", || {
        let stats = fuzz_engine(1500, 13);
        println!("{}", stats.line("engine"));
        stats.assert_clean("engine");
    });
}

/// Zero-sized and hugely declared shapes: `Ok` or a typed error, no abort, in time.
#[test]
fn huge_and_empty_shapes() {
    isolated("huge_and_empty_shapes", || {
        let mut stats = Stats::default();
        let started = Instant::now();
        let huge = [
            0,
            1,
            3,
            1 << 16,
            1 << 32,
            1 << 40,
            1 << 50,
            usize::MAX / 2,
            usize::MAX,
        ];
        let typed = |e: &MatrixError| {
            each(e, |e| {
                matches!(
                    e,
                    MatrixError::TooLarge { .. }
                        | MatrixError::MatrixShape { .. }
                        | MatrixError::InvalidTriplet { .. }
                )
            })
        };
        for &rows in &huge {
            for &cols in &huge {
                let input = format!("{rows} x {cols}").into_bytes();
                let answer = |_: &[u8]| -> Answer {
                    // Dense, empty buffer: a shape with a zero side, or a shape error.
                    match Matrix::<f64>::from_vec(rows, cols, vec![]) {
                        Ok(m) => {
                            for options in all_options() {
                                match solve_with(&m, options) {
                                    Ok(s) => {
                                        if !s.pairs().is_empty() {
                                            return Err("pairs in an empty matrix".into());
                                        }
                                        verify(&m, &s).map_err(|e| format!("verify: {e:?}"))?;
                                    }
                                    Err(e) if typed(&e) => {}
                                    Err(e) => return Err(format!("solve_with: {e:?}")),
                                }
                            }
                            // Another shape's solution does not verify, and does not crash.
                            let small = Matrix::<f64>::from_vec(0, 3, vec![]).unwrap();
                            let s = solve_with(&small, Options::default()).unwrap();
                            if (rows, cols) != (0, 3) && verify(&m, &s).is_ok() {
                                return Err("a 0 x 3 solution verifies for another shape".into());
                            }
                        }
                        Err(e) if typed(&e) => {}
                        Err(e) => return Err(format!("from_vec: {e:?}")),
                    }
                    // `from_fn` with many rows and no column is the bug of
                    // `from_fn_on_a_huge_empty_shape`.
                    let from_fn = if cols == 0 && rows > 1 << 20 {
                        Matrix::from_vec(rows, cols, vec![])
                    } else {
                        Matrix::<i64>::from_fn(rows, cols, |r, c| (r ^ c) as i64)
                    };
                    match from_fn {
                        Ok(m) if rows.saturating_mul(cols) <= 16 => {
                            for options in all_options() {
                                match solve_with(&m, options) {
                                    Ok(s) => {
                                        verify(&m, &s).map_err(|e| format!("verify: {e:?}"))?
                                    }
                                    Err(e) if typed(&e) => {}
                                    Err(e) => return Err(format!("solve_with: {e:?}")),
                                }
                            }
                        }
                        // A few million cells are built in time; more must be refused.
                        Ok(m) if m.rows().saturating_mul(m.cols()) <= 1 << 24 => {}
                        Ok(m) => return Err(format!("from_fn built {} x {}", m.rows(), m.cols())),
                        Err(e) if typed(&e) => {}
                        Err(e) => return Err(format!("from_fn: {e:?}")),
                    }
                    // Sparse, one cell in the far corner when there is one.
                    let corner = if rows > 0 && cols > 0 {
                        vec![(rows - 1, cols - 1, 2.5), (0, 0, -1.0)]
                    } else {
                        vec![]
                    };
                    let mut corner = corner;
                    corner.dedup_by_key(|t| (t.0, t.1));
                    match SparseMatrix::from_triplets(rows, cols, corner) {
                        Ok(m) => {
                            for options in all_options() {
                                match solve_sparse(&m, options) {
                                    Ok(s) => verify_sparse(&m, &s)
                                        .map_err(|e| format!("verify_sparse: {e:?}"))?,
                                    Err(e) if typed(&e) => {}
                                    Err(e) => return Err(format!("solve_sparse: {e:?}")),
                                }
                            }
                        }
                        Err(e) if typed(&e) => {}
                        Err(e) => return Err(format!("from_triplets: {e:?}")),
                    }
                    Ok(true)
                };
                let outcome = try_one(&input, &answer);
                stats.note(&input, outcome, &|_| input.clone());
            }
        }
        // Capacities at the top of their range in the many-to-many solver.
        for caps in [[u32::MAX, u32::MAX], [u32::MAX, 0], [1, u32::MAX]] {
            let input = format!("capacitated 2 x 2, capacities {caps:?}").into_bytes();
            let answer = |_: &[u8]| -> Answer {
                let solved =
                    capacitated::Problem::new(2, 2, vec![1.0, 2.0, 3.0, f64::NEG_INFINITY])
                        .and_then(|p| p.with_junior_capacities(caps.to_vec()))
                        .and_then(|p| p.with_senior_capacities(caps.to_vec()))
                        .and_then(|p| capacitated::solve(&p, capacitated::Options::new()));
                match solved {
                    Ok(s) if s.pairs().len() <= 3 => Ok(true),
                    Ok(s) => Err(format!("pairs {:?}", s.pairs())),
                    Err(e) if typed(&e) => Ok(false),
                    Err(e) => Err(format!("{e:?}")),
                }
            };
            let outcome = try_one(&input, &answer);
            stats.note(&input, outcome, &|_| input.clone());
        }
        stats.seconds = started.elapsed().as_secs_f64();
        println!("{}", stats.line("shapes"));
        stats.assert_clean("shapes");
    });
}

/// The long run: every format and the engine, `FUZZ_ITERATIONS` inputs each (default 60,000),
/// from `FUZZ_SEED` (default 2024), printing the figures of each.
#[test]
#[ignore = "long: run with `cargo test --test fuzz long_run -- --ignored --nocapture`"]
fn long_run() {
    isolated("long_run", || {
        let env = |key: &str, default: u64| {
            std::env::var(key)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        let iterations = env("FUZZ_ITERATIONS", 60_000) as usize;
        let seed = env("FUZZ_SEED", 2024);
        // `FUZZ_FORMATS=csv,engine` runs only those.
        let only = std::env::var("FUZZ_FORMATS").unwrap_or_default();
        let wanted = |name: &str| only.is_empty() || only.split(',').any(|w| w == name);
        let mut faults = String::new();
        let mut report = |name: &str, stats: Stats| {
            println!("{}", stats.line(name));
            if let Err(text) = catch_unwind(AssertUnwindSafe(|| stats.assert_clean(name))) {
                let text = text.downcast_ref::<String>().cloned().unwrap_or_default();
                faults.push_str(&text);
                faults.push('\n');
            }
        };
        for format in formats().iter().filter(|f| wanted(f.name)) {
            report(format.name, fuzz(format, iterations, seed));
        }
        if wanted("engine") {
            report("engine", fuzz_engine(iterations, seed));
        }
        assert!(faults.is_empty(), "{faults}");
    });
}

// =============================================================================================
// What the fuzzers found, as minimal reproducers
// =============================================================================================

/// The sides of [`strategies_on_a_huge_empty_shape`]: one side empty, the other from the
/// longest accepted ([`MAX_EMPTY_SIDE`]) up to `usize::MAX`.
const HUGE_SIDES: [usize; 6] = [
    MAX_EMPTY_SIDE,
    MAX_EMPTY_SIDE + 1,
    1 << 32,
    1 << 40,
    usize::MAX / 2,
    usize::MAX,
];

/// Gains with one side empty and the other huge are answered by every strategy and by the
/// metrics, or refused by [`PairScores::new`] and its reader with [`MatrixError::TooLarge`] beyond
/// [`MAX_EMPTY_SIDE`], never an abort.
///
/// Found by [`huge_and_empty_shapes`]: every strategy but `utilitarian` and `nash` aborted
/// with "memory allocation of N bytes failed" on `0 x 2^40`, since they allocate per junior
/// or senior (`Pairing::new`, `bipartite::maximum_matching`, the leximin search, greedy's
/// free lists, induced preferences), and `PairScores` accepted the shape: no cell needed
/// memory.
#[test]
fn strategies_on_a_huge_empty_shape() {
    isolated("strategies_on_a_huge_empty_shape", || {
        let mut stats = Stats::default();
        for side in HUGE_SIDES {
            for (rows, cols) in [(0, side), (side, 0)] {
                for s in strategy::builtin() {
                    let input = format!("{} on PairScores::new({rows}, {cols}, [], [])", s.name());
                    let answer = |_: &[u8]| -> Answer {
                        let scores = match PairScores::new(rows, cols, vec![], vec![]) {
                            Ok(scores) => scores,
                            Err(MatrixError::TooLarge { .. })
                                if rows.max(cols) > MAX_EMPTY_SIDE =>
                            {
                                return Ok(false);
                            }
                            Err(e) => return Err(format!("PairScores::new: {e:?}")),
                        };
                        match s.pair(&scores) {
                            Ok(p) => match metrics::report(&scores, &p) {
                                Ok(_) | Err(MatrixError::TooLarge { .. }) => Ok(true),
                                Err(e) => Err(format!("metrics: {e:?}")),
                            },
                            Err(MatrixError::TooLarge { .. }) => Ok(false),
                            Err(e) => Err(format!("{e:?}")),
                        }
                    };
                    let input = input.into_bytes();
                    let outcome = try_one(&input, &answer);
                    stats.note(&input, outcome, &|_| input.clone());
                }
            }
        }
        // The same gains read from 93 bytes of JSON.
        let json = r#"{"juniors": 0, "seniors": 1099511627776, "junior_gain": [], "senior_gain": [], "allowed": []}"#;
        let answer = |_: &[u8]| -> Answer {
            let scores: PairScores = match serde_json::from_str(json) {
                Ok(scores) => scores,
                // Refused by its reader, as `PairScores::new` refuses it.
                Err(e) if e.to_string().contains("needs more memory") => return Ok(false),
                Err(e) => return Err(format!("serde: {e}")),
            };
            match strategy::by_name("greedy").unwrap().pair(&scores) {
                Ok(_) => Ok(true),
                Err(MatrixError::TooLarge { .. }) => Ok(false),
                Err(e) => Err(format!("{e:?}")),
            }
        };
        let outcome = try_one(json.as_bytes(), &answer);
        stats.note(json.as_bytes(), outcome, &|_| json.as_bytes().to_vec());
        println!("{}", stats.line("strategies"));
        stats.assert_clean("strategies");
    });
}

/// Solves `triplets` with `options` by the sparse engine, which must give the exact optimum
/// `pairs`, and checks that `verify_sparse` accepts its answer.
fn sparse_answer_verifies(
    rows: usize,
    cols: usize,
    triplets: Vec<(usize, usize, f64)>,
    options: Options,
    pairs: &[(usize, usize)],
) {
    let m = SparseMatrix::from_triplets(rows, cols, triplets).unwrap();
    let s = solve_sparse(&m, options).unwrap();
    assert_eq!(s.pairs(), pairs, "the optimum");
    assert_eq!(
        verify_sparse(&m, &s),
        Ok(()),
        "potentials {:?} {:?}",
        s.row_potentials(),
        s.col_potentials()
    );
}

/// Found by [`csv_files`] (the CSV `107327e20\n7e229\n366.488`, shrunk): the optimum is right,
/// its potentials are not a proof. `verify_sparse` answers `Infeasible { row: 0, col: 0 }`
/// for u = [-0, 1e229, -0], v = [366.488]. The dense engine's answer on the same cells verifies.
#[test]
fn sparse_certificate_infeasible() {
    sparse_answer_verifies(
        3,
        1,
        vec![(0, 0, 1e25), (1, 0, 1e229), (2, 0, 366.488)],
        Options::new(Sense::Maximize).with_cardinality(Cardinality::Any),
        &[(1, 0)],
    );
}

/// Found by [`engine_on_extreme_matrices`]: `verify_sparse` answers `Inconclusive { why:
/// "the exact correction went beyond the range of its numbers" }` on `solve_sparse`'s optimal
/// answer, which should have been certified or refused as `MatrixError::Uncertified`.
#[test]
fn sparse_certificate_inconclusive() {
    sparse_answer_verifies(
        2,
        3,
        vec![(0, 1, 1e-50), (0, 2, -149509.68022849198), (1, 0, 1e19)],
        Options::new(Sense::Minimize),
        &[(0, 2), (1, 0)],
    );
}

/// Found by [`engine_on_extreme_matrices`]: `verify_sparse` panics with "attempt to negate with
/// overflow" at src/assignment/certificate/exact.rs:111:25 (with overflow checks, as in
/// `cargo test`; in `--release` the negation wraps, and the answer happens to verify).
#[test]
fn sparse_certificate_negation_overflow() {
    sparse_answer_verifies(
        3,
        3,
        vec![
            (0, 2, -2.8823037615171174e17),
            (1, 0, 1e19),
            (2, 0, 2.1148044440026917e-23),
            (2, 1, 1.0),
            (2, 2, 3729144.613246491),
        ],
        Options::new(Sense::Minimize),
        &[(0, 2), (1, 0), (2, 1)],
    );
}

/// `Matrix::from_fn` with a huge number of rows and no column answers at once.
///
/// Found by [`huge_and_empty_shapes`]: `from_fn` loops over the rows even when there is no
/// column (about 1 ns a row: 4 s for `2^32 x 0`, some 18 minutes for `2^40 x 0`, forever for
/// `usize::MAX x 0`), where `from_fn(0, usize::MAX, ..)` answers at once.
#[test]
fn from_fn_on_a_huge_empty_shape() {
    isolated("from_fn_on_a_huge_empty_shape", || {
        let mut stats = Stats::default();
        for rows in [1 << 32, 1 << 40, usize::MAX] {
            let input = format!("Matrix::from_fn({rows}, 0, |_, _| 0.0)").into_bytes();
            let answer = |_: &[u8]| -> Answer {
                match Matrix::from_fn(rows, 0, |_, _| 0.0) {
                    Ok(m) if (m.rows(), m.cols()) == (rows, 0) => Ok(true),
                    Ok(_) => Err("another shape".into()),
                    Err(MatrixError::TooLarge { .. } | MatrixError::MatrixShape { .. }) => {
                        Ok(false)
                    }
                    Err(e) => Err(format!("{e:?}")),
                }
            };
            let outcome = try_one(&input, &answer);
            stats.note(&input, outcome, &|_| input.clone());
        }
        println!("{}", stats.line("from_fn"));
        stats.assert_clean("from_fn");
    });
}
