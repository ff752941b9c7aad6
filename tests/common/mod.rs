//! Shared helpers for notrace's integration tests.
//!
//! * [`fixture`] compiles `tests/fixtures/NAME.c` with
//!   `gcc -O2 -pthread` into `<target dir>/<profile>/fixtures/NAME` the first
//!   time a test process asks for it, and reuses an existing binary that is
//!   newer than its source.
//! * [`notrace`] is the path of the notrace binary under test.
//! * [`run_notrace`] / [`notrace_cmd`] run it.
//!
//! Every test file that uses this module includes it with `mod common;`;
//! not every file uses every helper, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod tmux;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

/// Runs before `main`, before any test thread exists: descriptors the
/// test binary inherited (CI's runner leaks some, fd 65 among them) are
/// marked close-on-exec, so every traced program starts with 0-2 alone,
/// as on a developer's terminal. Expected lines name the fds programs
/// get (`openat(...) = 3`) and fixtures' calls depend on which are open.
/// Descriptors Rust opens are close-on-exec already; a test that means to
/// pass one opens it later, after this has run.
#[used]
#[link_section = ".init_array"]
static CLOSE_INHERITED_FDS: extern "C" fn() = close_inherited_fds;

extern "C" fn close_inherited_fds() {
    // SAFETY: close_range with CLOSE_RANGE_CLOEXEC only sets a flag on
    // descriptors; it closes nothing and touches no memory.
    unsafe {
        libc::syscall(
            libc::SYS_close_range,
            3u32,
            u32::MAX,
            libc::CLOSE_RANGE_CLOEXEC,
        );
    }
}

/// The notrace binary built by cargo for these tests.
pub fn notrace() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_notrace"))
}

/// The directory holding the C sources of the fixtures.
pub fn fixtures_src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The directory the compiled fixtures go to: `fixtures/` next to the
/// notrace binary (e.g. `$CARGO_TARGET_DIR/debug/fixtures`).
pub fn fixtures_out_dir() -> PathBuf {
    notrace()
        .parent()
        .expect("notrace binary has a parent directory")
        .join("fixtures")
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Path of the compiled fixture `NAME` (from `tests/fixtures/NAME.c`),
/// compiling it if needed. Panics with gcc's output if compilation fails.
///
/// Safe to call from parallel tests: compilation happens at most once per
/// fixture per test process (a mutex guards a cache), and the binary is
/// written under a temporary name and renamed into place, so concurrent
/// test processes never see a half-written file.
pub fn fixture(name: &str) -> PathBuf {
    static CACHE: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    // A panic in another test while holding the lock must not poison every
    // later call: the map is still consistent.
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = cache.get(name) {
        return p.clone();
    }

    let src = fixtures_src_dir().join(format!("{name}.c"));
    assert!(src.is_file(), "no fixture source {}", src.display());
    let out_dir = fixtures_out_dir();
    std::fs::create_dir_all(&out_dir)
        .unwrap_or_else(|e| panic!("creating {}: {e}", out_dir.display()));
    let bin = out_dir.join(name);

    let fresh = match (mtime(&bin), mtime(&src)) {
        (Some(b), Some(s)) => b > s,
        _ => false,
    };
    if !fresh {
        let tmp = out_dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let out = Command::new("gcc")
            .args(["-O2", "-pthread", "-o"])
            .arg(&tmp)
            .arg(&src)
            .output()
            .unwrap_or_else(|e| panic!("running gcc for fixture {name}: {e}"));
        if !out.status.success() {
            let _ = std::fs::remove_file(&tmp);
            panic!(
                "gcc failed for fixture {name} ({}):\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::fs::rename(&tmp, &bin)
            .unwrap_or_else(|e| panic!("installing fixture {}: {e}", bin.display()));
    }
    cache.insert(name.to_string(), bin.clone());
    bin
}

/// A `Command` for notrace with `args`, stdin closed (null), stdout and
/// stderr piped. Adjust it before spawning if a test needs otherwise.
pub fn notrace_cmd(args: &[&str]) -> Command {
    let mut cmd = Command::new(notrace());
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs notrace with `args` to completion and returns its output
/// (status, stdout, stderr). stdin is /dev/null.
pub fn run_notrace(args: &[&str]) -> Output {
    notrace_cmd(args)
        .output()
        .unwrap_or_else(|e| panic!("running notrace {args:?}: {e}"))
}

/// Runs `notrace <opts> -- <fixture NAME> <fixture_args>` to completion.
/// Example: `trace_fixture(&["-e", "getppid"], "threads", &[])`.
pub fn trace_fixture(opts: &[&str], name: &str, fixture_args: &[&str]) -> Output {
    let bin = fixture(name);
    let bin = bin.to_str().expect("fixture path is UTF-8");
    let mut args: Vec<&str> = opts.to_vec();
    args.push("--");
    args.push(bin);
    args.extend_from_slice(fixture_args);
    run_notrace(&args)
}

/// Parses JSONL text (as written by `notrace --json`) into values,
/// skipping blank lines. Panics on a malformed line, quoting it.
pub fn parse_jsonl(text: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSONL line ({e}): {l}")))
        .collect()
}

/// The `"type":"syscall"` records of `events` whose `syscall` field is
/// `name`.
pub fn syscalls_named<'a>(
    events: &'a [serde_json::Value],
    name: &str,
) -> Vec<&'a serde_json::Value> {
    events
        .iter()
        .filter(|e| e["type"] == "syscall" && e["syscall"] == name)
        .collect()
}

/// A fresh, empty directory for one test: `<tmp>/notrace-TAG-PID-N`.
pub fn tempdir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let d = std::env::temp_dir().join(format!("notrace-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Fails the test, saying what to install, when `tool -V` does not run:
/// a test that needs a tool must never pass silently without it.
pub fn require_tool(tool: &str, why: &str) {
    let ok = Command::new(tool)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{tool} is not installed: {why} (apt-get install {tool}); CI installs it"
    );
}

/// A world-readable directory holding a readable secret.
pub fn secret_dir(tag: &str) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let d = tempdir(tag);
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777)).unwrap();
    let secret = d.join("secret");
    std::fs::write(&secret, "SECRET\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    (d, secret)
}

/// Runs `cmd` in a process group of its own, for at most `limit`. On
/// timeout the group gets SIGCONT then SIGKILL. Returns the output and
/// whether it had to be killed.
pub fn run_bounded(mut cmd: Command, limit: std::time::Duration) -> (Output, bool) {
    use std::os::unix::process::CommandExt;
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let child = cmd.spawn().expect("start");
    let pid = child.id() as i32;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let d2 = done.clone();
    let watchdog = std::thread::spawn(move || {
        let start = std::time::Instant::now();
        while start.elapsed() < limit {
            if d2.load(std::sync::atomic::Ordering::SeqCst) {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        // SAFETY: kill(2) with integer arguments touches no memory.
        unsafe {
            libc::kill(-pid, libc::SIGCONT);
            libc::kill(-pid, libc::SIGKILL);
        }
        true
    });
    let out = child.wait_with_output().expect("wait");
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    (out, watchdog.join().unwrap())
}

/// Whether the tests run as root.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Bytes as text, lossily.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `notrace ARGS` run as nobody (`setpriv`, no capabilities), or None when
/// that cannot be done here (not root, or no setpriv).
pub fn notrace_as_nobody(args: &[&str]) -> Option<Command> {
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        return None;
    }
    let mut c = Command::new("setpriv");
    c.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--inh-caps=-all",
    ]);
    c.arg(notrace()).args(args);
    Some(c)
}

/// `notrace ARGS -- FIXTURE FARGS`, bounded ([`run_bounded`]).
pub fn traced(
    args: &[&str],
    name: &str,
    fargs: &[&str],
    limit: std::time::Duration,
) -> (Output, bool) {
    let mut c = Command::new(notrace());
    c.args(args).arg("--").arg(fixture(name)).args(fargs);
    run_bounded(c, limit)
}

/// [`traced`] as nobody; None when that cannot be done here.
pub fn traced_as_nobody(
    args: &[&str],
    name: &str,
    fargs: &[&str],
    limit: std::time::Duration,
) -> Option<(Output, bool)> {
    let mut c = notrace_as_nobody(args)?;
    c.arg("--").arg(fixture(name)).args(fargs);
    Some(run_bounded(c, limit))
}

/// The fixture alone, bounded.
pub fn bare(name: &str, fargs: &[&str], limit: std::time::Duration) -> (Output, bool) {
    let mut c = Command::new(fixture(name));
    c.args(fargs);
    run_bounded(c, limit)
}

/// The value of `key=` in a program's output.
pub fn said<'a>(out: &'a str, key: &str) -> Option<&'a str> {
    out.lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
}

/// Runs `tracer ARGS -o FILE -- PROG` (a fixture) and returns FILE's lines.
pub fn trace_lines(tracer: &Path, args: &[&str], prog: &str, tag: &str) -> Vec<String> {
    let dir = tempdir(tag);
    let out = dir.join("trace");
    let mut cmd = Command::new(tracer);
    if tracer == notrace() {
        // These compare entry decoding: results are tested elsewhere
        // (tests/results.rs).
        cmd.arg("--no-results");
    }
    let st = cmd
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg("--")
        .arg(fixture(prog))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("running {}: {e}", tracer.display()));
    // The fixture exits 0 unless a call it made misbehaved.
    assert!(st.success(), "{} on {prog}: {st}", tracer.display());
    let text = std::fs::read_to_string(&out).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    text.lines().map(str::to_string).collect()
}

/// Asserts that the tracer printed exactly the `expected` lines, naming
/// the first call that differs and showing everything printed.
pub fn check_lines(got: &[String], expected: &[&str]) {
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(
            got.get(i).map(String::as_str),
            Some(*want),
            "call {i}; the tracer printed:\n{}",
            got.join("\n")
        );
    }
    assert_eq!(got.len(), expected.len(), "{}", got.join("\n"));
}

/// The recipe under `# COMMENT` in docs/jsonl.md: its `notrace` line (if
/// any) and its `jq` command.
pub fn jsonl_recipe(comment: &str) -> (Option<String>, String) {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/jsonl.md")).unwrap();
    let mut lines = doc
        .lines()
        .skip_while(|l| *l != format!("# {comment}"))
        .skip(1);
    let mut setup = None;
    let mut jq = String::new();
    for l in lines.by_ref() {
        if l.starts_with("notrace ") {
            setup = Some(l.to_string());
        } else if l.starts_with("jq ") {
            jq = l.to_string();
            break;
        }
    }
    assert!(!jq.is_empty(), "no recipe '# {comment}' in docs/jsonl.md");
    (setup, jq)
}
