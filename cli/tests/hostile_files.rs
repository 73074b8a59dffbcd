//! Small hostile files against the `mentor-match` command and the readers behind it.
//!
//! The bar: every file of at most 1 KB given to `mentor-match assign`, `mentor-match
//! strategies` or `mentor-match match` (the subcommands that read a file; `programme` reads
//! none) is answered in under 1 s and under 100 MB, with exit code 0, or 2 with one line
//! `error: ...` on standard error and nothing on standard output. Four tests hold it:
//!
//! - [`built_program_answers_small_hostile_files`] and [`match_answers_small_hostile_rosters`]
//!   run the built `mentor-match` binary (cargo builds it for this package's integration tests)
//!   on hand-made hostile files and on mutated ones, with the memory a process may allocate
//!   capped at 100 MB (`ulimit -d`, so a huge allocation aborts and fails the test instead of
//!   passing slowly);
//! - [`mutated_inputs_get_an_answer_or_a_typed_error`] and
//!   [`mutated_rosters_get_an_answer_or_an_error`] feed a few hundred seeded inputs of at most
//!   1 KB (random bytes, mutated valid files, lying headers) to every reader and to the
//!   subcommands in process (`mentor_match_cli::run`), and check each gets `Ok` or a typed
//!   error, in time.
//!
//! The root crate's `tests/fuzz.rs` fuzzes the same readers, and the steps after them, at
//! length.

mod common;
use common::files::{npy, npy_header, valid_instances, valid_npys};
use mentor_match::MatrixError;
use mentor_match::assignment::{Sense, solve};
use mentor_match::evaluation::evaluate;
use mentor_match::formats::{Instance, WeightMatrix, read_csv, read_npy};
use mentor_match_cli::Failure;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The `mentor-match` binary, built by cargo for this package's integration tests.
const PROGRAM: &str = env!("CARGO_BIN_EXE_mentor-match");

/// The largest input of the bar.
const MAX_LEN: usize = 1024;

/// The time each input must be answered in.
const ANSWER_TIME: Duration = Duration::from_secs(1);

// ---------------------------------------------------------------------------------------------
// Inputs.

fn valid_csv() -> Vec<Vec<u8>> {
    vec![
        b"0.5, 1, inf\n2, 0.25, 3\n".to_vec(),
        b"\xEF\xBB\xBF1,-2\r\n+inf,4\r\n".to_vec(),
        b"\"1\", 2e3\n\n3, 4\n".to_vec(),
    ]
}

/// Text that tends to break readers: numbers at the edges, lying sizes, structure.
const TOKENS: [&str; 32] = [
    "1e400",
    "-1e400",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "-0",
    "5e-324",
    "1.7976931348623157e308",
    "18446744073709551615",
    "18446744073709551616",
    "4294967296",
    "1000000000000",
    "99999999999999999999999999999999999999999",
    "-1",
    "null",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "\r\n",
    "\u{feff}",
    "\"seed\": 1, ",
    "\"top_k\": 0, ",
    "\"senior_capacity\": 1e20, ",
    "(0, 1000000000000)",
    "'shape': (0, 18446744073709551615), ",
    "'descr': '<f4', ",
    "True",
];

/// A seeded generator of hostile inputs of at most [`MAX_LEN`] bytes.
struct Inputs {
    rng: ChaCha8Rng,
}

impl Inputs {
    fn new(seed: u64) -> Self {
        Inputs {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n as u64) as usize
    }

    /// Random bytes, a mutated copy of one of `valid`, or one with a lying size field.
    fn next(&mut self, valid: &[Vec<u8>]) -> Vec<u8> {
        let mut bytes = valid[self.below(valid.len())].clone();
        match self.below(8) {
            0 => {
                let len = self.below(MAX_LEN + 1);
                bytes = (0..len).map(|_| self.rng.next_u64() as u8).collect();
            }
            1 => {
                // Lie in the header length field of a .npy file (or anywhere in others).
                let at = 8.min(bytes.len());
                let end = (at + 4).min(bytes.len());
                for b in &mut bytes[at..end] {
                    *b = self.rng.next_u64() as u8;
                }
            }
            _ => {
                for _ in 0..1 + self.below(4) {
                    self.mutate(&mut bytes);
                }
            }
        }
        bytes.truncate(MAX_LEN);
        bytes
    }

    fn mutate(&mut self, bytes: &mut Vec<u8>) {
        let at = self.below(bytes.len() + 1);
        match self.below(6) {
            0 if at < bytes.len() => bytes[at] = self.rng.next_u64() as u8,
            1 => {
                let token = TOKENS[self.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 => {
                // Replace a run of digits by a token: a lying dimension or a huge number.
                if let Some(start) = bytes[at..].iter().position(u8::is_ascii_digit) {
                    let start = at + start;
                    let len = bytes[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    let token = TOKENS[self.below(14)].as_bytes();
                    bytes.splice(start..start + len, token.iter().copied());
                }
            }
            3 => bytes.truncate(at),
            4 => {
                let end = (at + 1 + self.below(16)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                // Repeat a slice: longer rows, duplicate keys.
                let end = (at + 1 + self.below(64)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
}

/// Hand-made hostile files for `assign`: each was once answered wrongly (an abort, a panic, 17 s
/// and 2.4 GB, 11 s of header parsing, `+inf` read from `1e400` with exit code 0).
fn hostile_matrices() -> Vec<(&'static str, Vec<u8>)> {
    let nested = format!(
        "{{'descr': '<f8', 'fortran_order': False, 'shape': (0, 0), 'x': {}{}}}",
        "[".repeat(20),
        "]".repeat(20)
    );
    let mut huge_header = b"\x93NUMPY\x02\x00".to_vec();
    huge_header.extend(u32::MAX.to_le_bytes());
    huge_header.extend(b"{}");
    vec![
        (
            "shape-1e12.npy",
            npy(&npy_header("<f8", "(0, 1000000000000)"), &[]),
        ),
        (
            "shape-u64.npy",
            npy(&npy_header("<f8", "(0, 18446744073709551615)"), &[]),
        ),
        (
            "shape-1e8.npy",
            npy(&npy_header("<f8", "(0, 100000000)"), &[]),
        ),
        (
            "overflowing-product.npy",
            npy(&npy_header("<f8", "(4294967296, 4294967296, 0)"), &[]),
        ),
        ("three-d.npy", npy(&npy_header("<f8", "(1, 1, 1)"), &[0; 8])),
        ("float32.npy", npy(&npy_header("<f4", "(1, 1)"), &[0; 4])),
        (
            "lying-shape.npy",
            npy(&npy_header("<f8", "(3, 3)"), &[0; 16]),
        ),
        ("nested-header.npy", npy(&nested, &[])),
        ("huge-header-length.npy", huge_header),
        ("truncated.npy", b"\x93NUMPY\x01".to_vec()),
        ("overflow.csv", b"1, 1e400\n2, 3\n".to_vec()),
        ("nan.csv", b"1, nan\n".to_vec()),
        ("ragged.csv", b"1, 2\n3\n".to_vec()),
        ("minus-inf-minimised.csv", b"1, -inf\n".to_vec()),
        ("binary.csv", vec![0xFF; 100]),
        ("matrix.txt", b"1".to_vec()),
    ]
}

/// Hand-made hostile files for `strategies`.
fn hostile_instances() -> Vec<(&'static str, Vec<u8>)> {
    let base = |extra: &str| {
        format!(r#"{{"junior_gain": [[1, 2]], "senior_gain": [[1, 2]]{extra}}}"#).into_bytes()
    };
    vec![
        ("duplicate-key.json", base(r#", "seed": 1, "seed": 2"#)),
        (
            "overflow.json",
            br#"{"junior_gain": [[1e400]], "senior_gain": [[1]]}"#.to_vec(),
        ),
        (
            "digits.json",
            format!(
                r#"{{"junior_gain": [[{}]], "senior_gain": [[1]]}}"#,
                "9".repeat(400)
            )
            .into_bytes(),
        ),
        (
            "nan.json",
            br#"{"junior_gain": [[NaN]], "senior_gain": [[1]]}"#.to_vec(),
        ),
        ("unknown-key.json", base(r#", "mentors": 3"#)),
        ("list.json", b"[[1, 2]]".to_vec()),
        (
            "ragged.json",
            br#"{"junior_gain": [[1, 2], [1]], "senior_gain": [[1, 2], [1, 2]]}"#.to_vec(),
        ),
        (
            "negative.json",
            br#"{"junior_gain": [[-1]], "senior_gain": [[1]]}"#.to_vec(),
        ),
        ("huge-capacity.json", base(r#", "junior_capacity": 1e20"#)),
        ("seed.json", base(r#", "seed": -1"#)),
        ("top-k.json", base(r#", "top_k": 0"#)),
        (
            "nested.json",
            format!(
                r#"{{"junior_gain": {}{}, "senior_gain": [[1]]}}"#,
                "[".repeat(400),
                "]".repeat(400)
            )
            .into_bytes(),
        ),
        ("not-utf8.json", vec![b'{', 0xFF, b'}']),
        ("empty.json", Vec::new()),
    ]
}

// ---------------------------------------------------------------------------------------------
// The built binary.

/// What a finished program did.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    took: Duration,
}

/// Runs `mentor-match subcommand file` with its data segment (heap included) capped at
/// 100 MB.
#[cfg(unix)]
fn run_capped(subcommand: &str, file: &Path) -> Run {
    run_capped_with(&[subcommand.as_ref(), file.as_os_str()])
}

/// Runs `mentor-match args` with its data segment (heap included) capped at 100 MB.
#[cfg(unix)]
fn run_capped_with(args: &[&std::ffi::OsStr]) -> Run {
    run_limited(102_400, 10 * ANSWER_TIME, args)
}

/// Runs `mentor-match args` with its data segment (heap included) capped at `data_kib` KiB,
/// killed after `patience`.
#[cfg(unix)]
fn run_limited(data_kib: u32, patience: Duration, args: &[&std::ffi::OsStr]) -> Run {
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -d {data_kib} && exec \"$0\" \"$@\""))
        .arg(PROGRAM)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_BACKTRACE", "0")
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            pipe.read_to_end(&mut buf).unwrap();
            buf
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    // A program that hangs is killed after a while, and fails on its time.
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > patience {
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let took = started.elapsed();
    Run {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: String::from_utf8_lossy(&stderr.join().unwrap()).into_owned(),
        took,
    }
}

/// Checks one answer against the bar; `bad` says whether the file must be refused, with one
/// line `error: ...` naming `file` on standard error.
fn check_answer(what: &str, run: &Run, file: &Path, bad: bool) {
    assert!(run.took < ANSWER_TIME, "{what}: took {:?}", run.took);
    match run.code {
        Some(0) if !bad => {
            assert!(!run.stdout.is_empty(), "{what}: no output");
            assert!(run.stderr.is_empty(), "{what}: {}", run.stderr);
        }
        Some(2) => {
            assert!(run.stdout.is_empty(), "{what}: output on exit code 2");
            let lines: Vec<&str> = run.stderr.lines().collect();
            assert_eq!(lines.len(), 1, "{what}: {}", run.stderr);
            assert!(lines[0].starts_with("error: "), "{what}: {}", run.stderr);
            let name = format!("`{}`", file.display());
            assert!(lines[0].contains(&name), "{what}: {}", run.stderr);
        }
        code => panic!(
            "{what}: exit code {code:?} (bad file: {bad}), stderr: {}",
            run.stderr
        ),
    }
}

#[cfg(unix)]
#[test]
fn built_program_answers_small_hostile_files() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_files");
    std::fs::create_dir_all(&dir).unwrap();
    let subcommands = [
        ("assign", hostile_matrices(), valid_csv(), "csv"),
        ("strategies", hostile_instances(), valid_instances(), "json"),
    ];
    for (name, hostile, valid, extension) in subcommands {
        for (file_name, bytes) in &hostile {
            assert!(
                bytes.len() <= MAX_LEN,
                "{file_name} is too long for the bar"
            );
            let path = dir.join(file_name);
            std::fs::write(&path, bytes).unwrap();
            let run = run_capped(name, &path);
            check_answer(&format!("{name} {file_name}"), &run, &path, true);
        }
        // Valid files pass, so the bar can tell the two apart; then mutated ones.
        let mut inputs = Inputs::new(2024);
        for k in 0..40 {
            let (bytes, bad) = if k < valid.len() {
                (valid[k].clone(), false)
            } else {
                (inputs.next(&valid), true)
            };
            let path = dir.join(format!("{name}-{k}.{extension}"));
            std::fs::write(&path, &bytes).unwrap();
            let run = run_capped(name, &path);
            let what = format!("{name} on {:?}", String::from_utf8_lossy(&bytes));
            if bad {
                // A mutated file may still be valid: either answer is fine, in time.
                check_answer(&what, &run, &path, run.code == Some(2));
            } else {
                check_answer(&what, &run, &path, false);
                assert_eq!(run.code, Some(0), "{what}");
            }
        }
        // The .npy files of assign, mutated.
        if name == "assign" {
            for k in 0..40 {
                let bytes = inputs.next(&valid_npys());
                let path = dir.join(format!("{name}-{k}.npy"));
                std::fs::write(&path, &bytes).unwrap();
                let run = run_capped(name, &path);
                let what = format!("{name} on {:?}", String::from_utf8_lossy(&bytes));
                check_answer(&what, &run, &path, run.code == Some(2));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The readers and the subcommands, in process.

/// Runs `answer` on `input`, failing with the input if it panics or is slow.
fn within_time<T>(what: &str, input: &[u8], answer: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer));
    let took = started.elapsed();
    let shown = String::from_utf8_lossy(input);
    let Ok(value) = result else {
        panic!("{what} panicked on {shown:?}");
    };
    assert!(took < ANSWER_TIME, "{what} took {took:?} on {shown:?}");
    value
}

/// Whether every mistake `e` reports (one, or each of a list) is one `kind` allows.
fn each(e: &MatrixError, kind: impl Fn(&MatrixError) -> bool) -> bool {
    e.all().iter().all(kind)
}

/// Solves a matrix read from a file both ways: `Ok`, or the engine's typed error for a
/// wrong-signed infinity or a weight beyond what it certifies, or its refusal when no exact
/// proof can be made.
fn solve_both_ways(m: &WeightMatrix) {
    for sense in [Sense::Minimize, Sense::Maximize] {
        let result = match m {
            WeightMatrix::F64(m) => solve(m, sense).map(|_| ()),
            WeightMatrix::I64(m) => solve(m, sense).map(|_| ()),
        };
        let refused = |e: &MatrixError| {
            each(e, |e| {
                matches!(
                    e,
                    MatrixError::InvalidWeight { .. } | MatrixError::Uncertified { .. }
                )
            })
        };
        assert!(
            result.as_ref().map_or_else(refused, |()| true),
            "{result:?}"
        );
    }
}

/// One matrix file: the library's reader on `bytes` (named `what`) in time, `solve` on what it
/// accepts and `refusal` true of what it refuses; then `mentor-match assign` in process on the
/// same bytes written to `path`, which must answer in time and refuse, as bad input, what the
/// reader refused. Whether the reader accepted the bytes.
fn check_matrix_file<M>(
    what: &str,
    bytes: &[u8],
    read: impl FnOnce(&[u8]) -> Result<M, MatrixError>,
    solve: impl FnOnce(&M),
    refusal: impl FnOnce(&MatrixError) -> bool,
    path: &Path,
) -> bool {
    let read = within_time(what, bytes, || read(bytes));
    match &read {
        Ok(m) => within_time("solve", bytes, || solve(m)),
        Err(e) => assert!(refusal(e), "{e:?}"),
    }
    std::fs::write(path, bytes).unwrap();
    let args = [
        OsString::from("mentor-match"),
        OsString::from("assign"),
        OsString::from(path),
    ];
    let out = within_time("assign", bytes, || mentor_match_cli::run(args));
    if read.is_err() {
        assert!(matches!(out, Err(Failure::Input(_))), "{out:?}");
    }
    read.is_ok()
}

#[test]
fn mutated_inputs_get_an_answer_or_a_typed_error() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let started = Instant::now();
    let mut inputs = Inputs::new(13);
    let (mut accepted, mut refused) = (0, 0);
    let mut count = |ok: bool| {
        if ok {
            accepted += 1;
        } else {
            refused += 1;
        }
    };
    for k in 0..300 {
        // .npy: the reader, the engine, and the program on the same bytes as a file.
        let bytes = inputs.next(&valid_npys());
        count(check_matrix_file(
            "read_npy",
            &bytes,
            read_npy,
            solve_both_ways,
            |e| {
                each(e, |e| {
                    matches!(
                        e,
                        MatrixError::Npy { .. } | MatrixError::InvalidWeight { .. }
                    )
                })
            },
            &dir.join(format!("input-{}.npy", k % 8)),
        ));

        // CSV.
        let bytes = inputs.next(&valid_csv());
        count(check_matrix_file(
            "read_csv",
            &bytes,
            read_csv,
            |m| solve_both_ways(&WeightMatrix::F64(m.clone())),
            |e| each(e, |e| matches!(e, MatrixError::Csv { .. })),
            &dir.join(format!("input-{}.csv", k % 8)),
        ));

        // Instances: the reader, then every strategy on what it accepts.
        let bytes = inputs.next(&valid_instances());
        let text = String::from_utf8_lossy(&bytes);
        let read = within_time("Instance::from_json", &bytes, || Instance::from_json(&text));
        match &read {
            Ok(instance) => {
                let output = within_time("evaluate", &bytes, || evaluate(instance));
                assert!(output.is_ok(), "{output:?} on {text}");
            }
            Err(e) => assert!(
                each(e, |e| matches!(e, MatrixError::InstanceJson { .. })),
                "{e:?}"
            ),
        }
        count(read.is_ok());
    }
    // The mutations exercise both outcomes, and the loop stays short.
    assert!(
        accepted > 50 && refused > 300,
        "{accepted} accepted, {refused} refused"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// Rosters: `mentor-match match` reads one (`programme` reads no file).

/// Valid rosters of at most 1 KB: each must be matched, with exit code 0.
fn valid_rosters() -> Vec<Vec<u8>> {
    // Fourteen people, each teaching a skill nobody else has and wishing for the next one's.
    let mut many = String::from(r#"{"participants": ["#);
    for k in 0..14 {
        let side = if k % 2 == 0 { "junior" } else { "senior" };
        let sep = if k > 0 { "," } else { "" };
        many.push_str(&format!(
            r#"{sep}{{"id":"p{k}","side":"{side}","skills":{{"s{k}":5}},"wishes":{{"s{}":3}}}}"#,
            (k + 1) % 14
        ));
    }
    many.push_str("]}");
    let mut rosters = vec![
        br#"{"participants": [
  {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"negotiation": 5}},
  {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "wishes": {"negotiation": 2}},
  {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 5}},
  {"id": "eva", "side": "senior", "skills": {"negotiation": 2}, "wishes": {"cloud-tools": 2}}]}"#
            .to_vec(),
        br#"{"skills": [{"id": "data", "category": "digital"},
            {"id": "sheets", "category": "digital", "parent": "data"},
            {"id": "talks", "category": "leadership"}],
 "participants": [
   {"id": "ola", "side": "junior", "department": "Sales", "manager": "ewa",
    "languages": ["pl", "en"], "experience_years": 2, "timezone": 1,
    "skills": {"sheets": 5}, "wishes": {"talks": 4}, "capacity": 4294967295},
   {"id": "jan", "side": "senior", "department": "Finance", "experience_years": 25,
    "skills": {"talks": 5}, "wishes": {"data": 3}, "capacity": 4294967295},
   {"id": "ewa", "side": "senior", "languages": ["en"], "skills": {"talks": 3},
    "wishes": {"sheets": 1}, "capacity": 0}]}"#
            .to_vec(),
        many.into_bytes(),
        br#"{"participants": []}"#.to_vec(),
        b"{}".to_vec(),
        // A byte-order mark, as spreadsheet and Windows tools write it.
        b"\xEF\xBB\xBF{}".to_vec(),
    ];
    rosters.push(
        br#"{"participants": [{"id": "ola", "side": "junior", "experience_years": 1.7976931348623157e308,
  "timezone": -0, "skills": {"a": 1}, "wishes": {"b": 5}},
  {"id": "jan", "side": "senior", "experience_years": 5e-324, "skills": {"b": 5}, "wishes": {"a": 1}}]}"#
            .to_vec(),
    );
    rosters
}

/// Hand-made hostile rosters, each of which must be refused with exit code 2.
fn hostile_rosters() -> Vec<(&'static str, Vec<u8>)> {
    let person = |extra: &str| {
        format!(r#"{{"participants": [{{"id": "ola", "side": "junior"{extra}}}]}}"#).into_bytes()
    };
    vec![
        ("list.json", br#"[{"id": "ola", "side": "junior"}]"#.to_vec()),
        ("string.json", br#""participants""#.to_vec()),
        ("number.json", b"1e400".to_vec()),
        ("null.json", b"null".to_vec()),
        (
            "duplicate-participants.json",
            br#"{"participants": [], "participants": []}"#.to_vec(),
        ),
        ("duplicate-field.json", person(r#", "side": "senior""#)),
        (
            "duplicate-skill.json",
            person(r#", "skills": {"a": 3, "a": 5}"#),
        ),
        (
            "duplicate-id.json",
            br#"{"participants": [{"id": "ola", "side": "junior"}, {"id": "ola", "side": "senior"}]}"#
                .to_vec(),
        ),
        ("capacity-1e400.json", person(r#", "capacity": 1e400"#)),
        ("capacity-2^32.json", person(r#", "capacity": 4294967296"#)),
        ("capacity-negative.json", person(r#", "capacity": -1"#)),
        ("capacity-fraction.json", person(r#", "capacity": 1.5"#)),
        ("experience-1e400.json", person(r#", "experience_years": 1e400"#)),
        ("experience-negative.json", person(r#", "experience_years": -1"#)),
        ("timezone-nan.json", person(r#", "timezone": NaN"#)),
        ("level-6.json", person(r#", "skills": {"a": 6}"#)),
        ("level-0.json", person(r#", "wishes": {"a": 0}"#)),
        ("level-u64.json", person(r#", "skills": {"a": 18446744073709551616}"#)),
        ("own-manager.json", person(r#", "manager": "ola""#)),
        ("side.json", person(r#", "sidee": "junior""#)),
        ("empty-id.json", br#"{"participants": [{"id": "", "side": "junior"}]}"#.to_vec()),
        (
            "skill-cycle.json",
            br#"{"skills": [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}],
                "participants": []}"#
                .to_vec(),
        ),
        (
            "unknown-skill.json",
            br#"{"skills": [{"id": "a"}], "participants": [{"id": "ola", "side": "junior",
                "skills": {"b": 3}}]}"#
                .to_vec(),
        ),
        (
            "nested.json",
            format!(
                r#"{{"participants": {}{}}}"#,
                "[".repeat(400),
                "]".repeat(400)
            )
            .into_bytes(),
        ),
        ("brackets.json", vec![b'['; MAX_LEN]),
        ("braces.json", br#"{"a":"#.repeat(MAX_LEN / 5)),
        ("not-utf8.json", vec![b'{', 0xFF, b'}']),
        // A byte-order mark is dropped; what follows it is read as ever.
        ("bom.json", b"\xEF\xBB\xBF{\"x\": 1}".to_vec()),
        ("empty.json", Vec::new()),
        (
            "many-errors.json",
            br#"{"participants": [{"id": "", "side": "x"}, {"id": "", "side": "y"},
                {"id": "", "side": "z", "capacity": -1}, {"side": "junior"}, {"id": "q"}]}"#
                .to_vec(),
        ),
    ]
}

/// Words of the roster format that mutations insert.
const ROSTER_WORDS: [&str; 12] = [
    r#""capacity": 4294967295, "#,
    r#""capacity": 0, "#,
    r#""side": "senior", "#,
    r#""manager": "ola", "#,
    r#""parent": "negotiation", "#,
    r#""skills": {"negotiation": 5}, "#,
    r#""wishes": {"cloud-tools": 1}, "#,
    r#""experience_years": 1e308, "#,
    r#""languages": [], "#,
    r#"{"id": "x", "side": "junior"}, "#,
    r#"{"id": "y", "side": "senior", "capacity": 4294967295}, "#,
    r#""skills": [{"id": "a", "parent": "a"}], "#,
];

impl Inputs {
    /// A mutated roster of at most [`MAX_LEN`] bytes: [`Inputs::next`], with a word of the
    /// roster format inserted one time in three.
    fn next_roster(&mut self) -> Vec<u8> {
        let mut bytes = self.next(&valid_rosters());
        if self.below(3) == 0 {
            let at = self.below(bytes.len() + 1);
            let word = ROSTER_WORDS[self.below(ROSTER_WORDS.len())];
            bytes.splice(at..at, word.bytes());
            bytes.truncate(MAX_LEN);
        }
        bytes
    }
}

/// `mentor-match match` on hand-made hostile rosters, valid ones and mutated ones, as the built
/// binary under the 100 MB cap.
#[cfg(unix)]
#[test]
fn match_answers_small_hostile_rosters() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_rosters");
    std::fs::create_dir_all(&dir).unwrap();
    for (file_name, bytes) in hostile_rosters() {
        assert!(
            bytes.len() <= MAX_LEN,
            "{file_name} is too long for the bar"
        );
        let path = dir.join(file_name);
        std::fs::write(&path, &bytes).unwrap();
        let run = run_capped("match", &path);
        check_answer(&format!("match {file_name}"), &run, &path, true);
    }
    for (k, bytes) in valid_rosters().into_iter().enumerate() {
        assert!(
            bytes.len() <= MAX_LEN,
            "valid roster {k} is too long for the bar"
        );
        let path = dir.join(format!("valid-{k}.json"));
        std::fs::write(&path, &bytes).unwrap();
        let run = run_capped("match", &path);
        let what = format!("match on {:?}", String::from_utf8_lossy(&bytes));
        check_answer(&what, &run, &path, false);
        assert_eq!(run.code, Some(0), "{what}");
    }
    let mut inputs = Inputs::new(2025);
    for k in 0..40 {
        let bytes = inputs.next_roster();
        let path = dir.join(format!("mutated-{k}.json"));
        std::fs::write(&path, &bytes).unwrap();
        let run = run_capped("match", &path);
        let what = format!("match on {:?}", String::from_utf8_lossy(&bytes));
        check_answer(&what, &run, &path, run.code == Some(2));
    }
}

/// `mentor-match scale` asking for each person's 1,000 best partners on a population of
/// 1,000 + 1,000, as the built binary under the 100 MB cap: about 1.9 million pairs, found from
/// both sides, gathered in 60 MB and then held as a graph of as much again, do not fit. The
/// candidate search says so in one line `error: ...` with exit code 2, where it aborted
/// ("memory allocation of ... failed", a signal) before.
#[cfg(unix)]
#[test]
fn scale_out_of_memory_in_the_candidate_search_is_an_error() {
    let args = [
        "scale",
        "--juniors",
        "1000",
        "--seniors",
        "1000",
        "--k",
        "1000",
        "--seed",
        "1",
        "--threads",
        "2",
    ];
    let run = run_capped_with(&args.map(std::ffi::OsStr::new));
    let what = format!("scale under the cap: {:?}, {}", run.code, run.stderr);
    assert_eq!(run.code, Some(2), "{what}");
    assert!(run.stdout.is_empty(), "{what}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}");
    assert!(lines[0].starts_with("error: the candidate"), "{what}");
    assert!(
        lines[0].ends_with("needs more memory than can be allocated"),
        "{what}"
    );
}

/// Checks that `run` ran out of memory as an error: exit code 2, nothing on standard output,
/// and one line on standard error that starts with `start` and says that something needs
/// more memory than can be allocated. An abort ("memory allocation of ... failed") ends the
/// process by a signal, with no exit code.
fn check_out_of_memory(what: &str, run: &Run, start: &str) {
    let what = format!("{what}: {:?}, {}", run.code, run.stderr);
    assert_eq!(run.code, Some(2), "{what}");
    assert!(run.stdout.is_empty(), "{what}");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{what}");
    assert!(lines[0].starts_with(start), "{what}");
    assert!(
        lines[0].ends_with("needs more memory than can be allocated"),
        "{what}"
    );
}

/// `scale` at 100,000 + 100,000, seed 1, on two threads: the run the memory caps below limit.
const SCALE_100K: [&str; 9] = [
    "scale",
    "--juniors",
    "100000",
    "--seniors",
    "100000",
    "--seed",
    "1",
    "--threads",
    "2",
];

/// `mentor-match scale` at 100,000 + 100,000 as the built binary with its data segment capped
/// at 300 MB: the population's specs are drawn (they need about 285 MB), but the roster's own
/// tables (its participants' records, the index of their ids, their lists) do not fit beside
/// them (the roster is built within about 318 MB). `Roster::new` says so in one line `error:
/// ...` with exit code 2, where it aborted before ("memory allocation of 8000000 bytes
/// failed", its table of the rules' facts, a signal).
#[cfg(unix)]
#[test]
fn out_of_memory_in_the_roster_is_an_error() {
    let run = run_limited(
        300_000,
        60 * ANSWER_TIME,
        &SCALE_100K.map(std::ffi::OsStr::new),
    );
    check_out_of_memory(
        "the roster under the cap",
        &run,
        "error: the roster's participants (participants x 1) of 200000 x 1",
    );
}

/// `mentor-match scale` at 100,000 + 100,000 as the built binary with its data segment capped
/// at 665 MB: the candidate graph (4.9 million pairs) fits, but not the sparse solver's graph
/// by columns, which the auction's reverse ending reads. That transpose aborted ("memory
/// allocation of 39303920 bytes failed", a signal); now the auction's phases end forward
/// without it, and the certificate's critical cells, which do not fit either, are refused in
/// one line `error: ...` with exit code 2. An answer with exit code 0 would do too (a solve
/// that fits); a signal would not.
#[cfg(unix)]
#[test]
fn out_of_memory_in_the_sparse_solve_is_an_error() {
    let run = run_limited(
        665_000,
        120 * ANSWER_TIME,
        &SCALE_100K.map(std::ffi::OsStr::new),
    );
    if run.code == Some(0) {
        assert!(!run.stdout.is_empty(), "no output");
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    } else {
        check_out_of_memory("the sparse solve under the cap", &run, "error: ");
    }
}

/// `mentor-match assign` on a 2,000,000 x 1 float matrix (a 16 MB `.npy` file) as the built
/// binary with its data segment capped, each time in one line `error: ...` with exit code 2
/// where it aborted before (a signal):
///
/// - at 100 MB the kernel's tables do not fit (they are `O(rows + columns)`, about a dozen
///   times a matrix of one column): "memory allocation of 16000000 bytes failed" in the
///   solve, now refused before it;
/// - at 300 MB the engine solves it, but the certificate's survey of its rows (about 70 bytes
///   a row, nine times the matrix) does not fit: "memory allocation of 144000000 bytes
///   failed", now reserved before it is filled.
#[cfg(unix)]
#[test]
fn out_of_memory_in_the_solve_of_a_tall_matrix_is_an_error() {
    const ROWS: usize = 2_000_000;
    // Fractions, so the float engine and its certificate solve it (whole numbers take the
    // exact integer path, which needs no certificate).
    let data: Vec<u8> = (0..ROWS)
        .flat_map(|k| ((k * 7919 % 1_000_003) as f64 / 1_000_003.0).to_le_bytes())
        .collect();
    let bytes = npy(&npy_header("<f8", &format!("({ROWS}, 1)")), &data);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_tall");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tall.npy");
    std::fs::write(&path, &bytes).unwrap();
    let file = path.display();
    for (cap, start) in [
        (
            102_400,
            format!("error: `{file}`: the solve of a matrix of 2000000 x 1"),
        ),
        (
            300_000,
            format!("error: `{file}`: the certificate of an assignment"),
        ),
    ] {
        let run = run_limited(
            cap,
            60 * ANSWER_TIME,
            &["assign".as_ref(), path.as_os_str()],
        );
        check_out_of_memory(&format!("the tall matrix under {cap} KiB"), &run, &start);
    }
}

/// `mentor-match assign` on a 1 x 300,000 matrix of uniform floats (a 2.4 MB `.npy` file) as
/// the built binary with its data segment capped at 52 MB: the engine solves it, but the
/// tables of the certificate's exact correction (about 70 bytes a row and a column, a dozen
/// times the matrix) do not fit. They are reserved before they are filled and refused in one
/// line `error: ...` with exit code 2, where the process aborted before ("memory allocation of
/// 2400032 bytes failed", a signal). An answer with exit code 0 would do too.
#[cfg(unix)]
#[test]
fn out_of_memory_in_the_exact_correction_of_a_wide_matrix_is_an_error() {
    const COLS: usize = 300_000;
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let data: Vec<u8> = (0..COLS)
        .flat_map(|_| ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64).to_le_bytes())
        .collect();
    let bytes = npy(&npy_header("<f8", &format!("(1, {COLS})")), &data);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_wide");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("wide.npy");
    std::fs::write(&path, &bytes).unwrap();
    let run = run_limited(
        52_000,
        60 * ANSWER_TIME,
        &["assign".as_ref(), path.as_os_str()],
    );
    if run.code == Some(0) {
        assert!(!run.stdout.is_empty(), "no output");
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    } else {
        check_out_of_memory("the wide matrix under the cap", &run, "error: ");
    }
}

/// `mentor-match match` in process on a few hundred mutated rosters of at most 1 KB, as a table
/// and as JSON: an answer in time, and a bad-input error exactly when the roster does not read.
#[test]
fn mutated_rosters_get_an_answer_or_an_error() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hostile_rosters_in_process");
    std::fs::create_dir_all(&dir).unwrap();
    let mut inputs = Inputs::new(17);
    let (mut accepted, mut refused) = (0, 0);
    for k in 0..300 {
        let bytes = inputs.next_roster();
        let path = dir.join(format!("input-{}.json", k % 8));
        std::fs::write(&path, &bytes).unwrap();
        let file = path.to_str().unwrap().to_owned();
        let readable = std::str::from_utf8(&bytes)
            .is_ok_and(|text| mentor_match::Roster::from_json(text).is_ok());
        for args in [
            vec!["mentor-match", "match", &file],
            vec!["mentor-match", "match", &file, "--json"],
        ] {
            let out = within_time("match", &bytes, || mentor_match_cli::run(args));
            match &out {
                Ok(text) => assert!(readable && !text.is_empty(), "{out:?}"),
                Err(Failure::Input(message)) => {
                    assert!(
                        !readable && message.contains(&format!("`{file}`")),
                        "{out:?}"
                    )
                }
                Err(other) => panic!("{other:?} on {:?}", String::from_utf8_lossy(&bytes)),
            }
        }
        if readable {
            accepted += 1;
        } else {
            refused += 1;
        }
    }
    assert!(
        accepted > 5 && refused > 100,
        "{accepted} accepted, {refused} refused"
    );
}

/// A device that never ends, given where a document belongs: reading stops at the first byte
/// that shows it is not one (a NUL, a byte that is not UTF-8, a missing `.npy` magic), named
/// by line and column, well within the time and memory of the bar. Before, the whole source
/// was read first: until memory ran out.
#[cfg(unix)]
#[test]
fn endless_devices_are_refused_at_their_first_bytes() {
    let (zero, random) = (Path::new("/dev/zero"), Path::new("/dev/urandom"));
    if !zero.exists() || !random.exists() {
        return;
    }
    let cases: [(&[&str], &str); 6] = [
        (
            &["match", "/dev/zero"],
            "line 1 column 1: a NUL byte: not a text file",
        ),
        (
            &["match", "--criteria", "/dev/zero"],
            "line 1 column 1: a NUL byte",
        ),
        (&["strategies", "/dev/zero"], "line 1 column 1: a NUL byte"),
        (
            &["strategies", "/dev/urandom"],
            "a byte that is not UTF-8: not a text file",
        ),
        (
            &["assign", "/dev/zero", "--format", "csv"],
            "line 1 column 1: a NUL byte",
        ),
        (&["assign", "/dev/zero", "--format", "npy"], "magic"),
    ];
    for (args, says) in cases {
        let device = Path::new(args.iter().find(|a| a.starts_with("/dev/")).unwrap());
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let run = run_capped_with(&args);
        let what = format!("{args:?}");
        check_answer(&what, &run, device, true);
        assert!(run.stderr.contains(says), "{what}: {}", run.stderr);
    }
}

/// Where the first byte that is not text stands, by line and column (in bytes, as the JSON
/// reader counts them). Standard input is read by the same code.
#[test]
fn the_first_byte_that_is_not_text_is_named_by_line_and_column() {
    for (k, (bytes, place)) in [
        (&b"ab\xc3"[..], "line 1 column 3: a byte that is not UTF-8"),
        (
            b"{\"a\":\n  \"\xe2\x82\xacx\xff\"}",
            "line 2 column 8: a byte that is not UTF-8",
        ),
        (b"{\n\n\"\xc3\xa9\x00\"}", "line 3 column 4: a NUL byte"),
    ]
    .into_iter()
    .enumerate()
    {
        let path = common::temp_file("not-text", &format!("bad-{k}.json"), bytes);
        for sub in ["match", "strategies"] {
            let message = common::input_error(common::run(&[sub, path.to_str().unwrap()]));
            assert!(message.contains(place), "{sub} {bytes:?}: {message}");
        }
    }
    // A character cut across two reads is whole: a file of three reads' length is text,
    // though the opening `{ ` puts the first read's end inside a three-byte `€`.
    let mut text = String::from("{ ");
    while text.len() < 3 << 16 {
        text.push_str("\"\u{20ac}\u{20ac}\": 1,");
    }
    text.push_str("\"x\": 1}");
    let path = common::temp_file("not-text", "long.json", &text);
    let message = common::input_error(common::run(&["strategies", path.to_str().unwrap()]));
    assert!(!message.contains("not a text file"), "{message}");
}
