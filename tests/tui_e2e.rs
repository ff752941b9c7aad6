//! End-to-end tests of the terminal UI: `notrace --tui` and `notrace view`
//! run inside a detached tmux session of a fixed size, keys go in with
//! `tmux send-keys`, and every step is checked on `tmux capture-pane -p`.
//!
//! Needs `tmux` (Debian/Ubuntu: `apt-get install tmux`). Without it these
//! tests fail with a message saying so: CI is expected to install it.
//!
//! Every wait polls the screen until the expected text shows up, with a
//! timeout; nothing relies on fixed sleeps. Each test has its own tmux
//! server (`tmux -L <socket>`), killed by a guard when the test ends, also
//! when an assertion fails.

mod common;

use common::tmux::{
    events_count, notrace, processes_running, results_available, scratch, sq, wait_gone, Tmux,
};
use std::process::{Command, Stdio};

/// Lines of the event list (between the list's borders) that contain
/// `text`.
fn rows_with<'a>(screen: &'a str, text: &str) -> Vec<&'a str> {
    screen.lines().filter(|l| l.contains(text)).collect()
}

/// The whole way through a live session: events arrive, the filter
/// narrows them, the selection moves, Enter opens the detail, Tab goes to
/// the stats, `q` asks and `k` kills the command, its child included.
#[test]
fn live_filter_detail_stats_then_kill() {
    // A duration no other process uses, to find the sleep afterwards.
    let marker = format!("1000.{}", std::process::id());
    let cmd = format!("cat /etc/hostname; echo E2E-READY; sleep {marker}; echo never-printed");
    let t = Tmux::start(
        "kill",
        &format!(
            "{} --tui -e %file,%process -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(&cmd)
        ),
    );
    // Events come in, the command's output lands in the output pane.
    t.wait_text(&["Events", "openat(", "E2E-READY", "running"]);

    // Filter on the argument text.
    t.keys(&["f"]);
    t.type_text("hostname");
    t.keys(&["Enter"]);
    let s = t.wait_for("the list filtered on hostname", |s| {
        // The committed filter shows as " filter: hostname " in the status
        // line, and the list's title says how many of all it shows.
        s.lines().nth(1).is_some_and(|title| title.contains(" of "))
            && s.contains(" filter: hostname ")
    });
    // The filter also matches text cut off at the screen's edge, so only
    // check that the list shrank and kept the openat.
    // Event rows start with their time since the first call (`0.103296`;
    // under load a call can come a second or more after the first).
    let rows: Vec<&str> = s
        .lines()
        .filter(|l| {
            l.trim_start_matches('│')
                .split_whitespace()
                .next()
                .is_some_and(|t| t.contains('.') && t.parse::<f64>().is_ok())
        })
        .collect();
    assert!(
        rows.iter()
            .any(|l| l.contains("openat(") && l.contains("/etc/hostname"))
            && !rows.iter().any(|l| l.contains("/usr/lib/locale")),
        "the list should keep the openat of /etc/hostname only:\n{s}"
    );
    // cat's execve and its openat of /etc/hostname both mention it.
    assert!(
        rows_with(&s, "execve(")
            .iter()
            .any(|l| l.contains("hostname")),
        "the execve of cat should match the filter:\n{s}"
    );

    // First row, then one down: the openat; Enter shows its detail.
    t.keys(&["g"]);
    t.keys(&["Down"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("the detail of the openat", |s| {
        s.contains("Detail") || s.contains("detail")
    });
    assert!(s.contains("openat"), "detail should be of openat:\n{s}");
    assert!(s.contains("/etc/hostname"), "detail shows the path:\n{s}");
    t.keys(&["Escape"]);

    // Stats view.
    t.keys(&["Tab"]);
    t.wait_text(&["openat", "execve", "calls"]);

    // Quit while the command runs: asked first; k kills it.
    t.keys(&["q"]);
    t.wait_text(&["Quit?", "kill it and quit"]);
    assert!(
        !processes_running(&["sleep", &marker]).is_empty(),
        "the sleep should still be running before k"
    );
    t.keys(&["k"]);
    let s = t.wait_text(&["NOTRACE-EXIT="]);
    assert!(
        !s.contains("never-printed"),
        "the command went on after k:\n{s}"
    );
    wait_gone(&["sleep", &marker]);
}

/// Results live: a failed open shows its errno on its row while the
/// command still runs, `e` keeps the failed calls only, and the stats
/// count errors.
#[test]
fn results_failed_only_and_errors_live() {
    if !results_available() {
        eprintln!("skipped: notrace gets no return values here (not root, no CAP_PERFMON)");
        return;
    }
    let marker = format!("1000.{}", std::process::id());
    let missing = format!("/nonexistent-e2e-{}", std::process::id());
    let cmd = format!("cat {missing}; echo E2E-READY; sleep {marker}");
    let t = Tmux::start(
        "results",
        // A short PATH and the C locale keep the failed calls before
        // cat's open (the PATH search, the loader's, a locale's files)
        // few enough for one screen, whatever the machine's environment.
        &format!(
            "env PATH=/usr/bin:/bin LC_ALL=C {} --tui -e %file,%process -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(&cmd)
        ),
    );
    let failed_open = format!("\"{missing}\", O_RDONLY) = -1 ENOENT");
    let s = t.wait_text(&["E2E-READY", ") = -1 ENOENT", " failed "]);
    assert!(
        rows_with(&s, "openat(").iter().any(|l| l.contains(") = 3")),
        "successful opens show their fd:\n{s}"
    );
    // Failed calls only, from the first: the PATH search for cat, the
    // loader's, cat's own open (the locale's come after it).
    t.keys(&["e", "g"]);
    let s = t.wait_text(&["failed only", &failed_open]);
    let results: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("openat(") || l.contains("execve("))
        .collect();
    assert!(
        !results.is_empty() && results.iter().all(|l| l.contains(" = -1 E")),
        "only failed calls are left:\n{s}"
    );
    // The failed opens' errors in the stats.
    t.keys(&["Tab"]);
    let s = t.wait_text(&["Most frequent errors", "openat ENOENT"]);
    assert!(s.contains(" errors"), "the stats title counts errors:\n{s}");
    t.keys(&["q"]);
    t.wait_text(&["Quit?"]);
    t.keys(&["k"]);
    t.wait_text(&["NOTRACE-EXIT="]);
    wait_gone(&["sleep", &marker]);
}

/// `b` leaves the UI while the command runs: notrace keeps answering
/// (held calls included: with nobody to ask, they are allowed) and the
/// command's output goes on reaching the terminal until it exits.
#[test]
fn quit_to_background_keeps_the_command_running() {
    let dir = scratch("bg");
    let go = dir.join("go");
    let cmd = format!(
        "echo E2E-STARTED; while [ ! -e {go} ]; do sleep 0.05; done; \
         cat /etc/hostname >/dev/null; echo E2E-FINISHED; exit 7",
        go = sq(go.to_string_lossy())
    );
    let t = Tmux::start(
        "bg",
        &format!(
            "{} --tui --hold openat -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(&cmd)
        ),
    );
    // sh opens nothing before echo on most systems, but the loader does:
    // allow whatever is held until the command is running.
    t.wait_for("the command to start", |s| {
        if s.contains("E2E-STARTED") {
            return true;
        }
        if s.contains("held · a allow") {
            t.keys(&["A"]);
        }
        false
    });
    t.keys(&["q"]);
    t.wait_text(&["Quit?", "keep tracing"]);
    t.keys(&["b"]);
    t.wait_for("the UI to close", |s| !s.contains("Quit?"));
    // Only now let the command go on: it opens a held file, which must be
    // allowed without the UI, and prints.
    std::fs::write(&go, b"").unwrap();
    let s = t.wait_text(&["E2E-FINISHED", "NOTRACE-EXIT="]);
    assert!(
        s.contains("NOTRACE-EXIT=7"),
        "notrace should exit with the command's status:\n{s}"
    );
}

/// `--hold openat`: calls wait in the queue; `a` allows the oldest and
/// the command proceeds to print /etc/hostname in the output pane.
#[test]
fn hold_openat_then_allow() {
    let want = std::fs::read_to_string("/etc/hostname")
        .unwrap_or_default()
        .trim()
        .to_string();
    let t = Tmux::start(
        "hold",
        &format!(
            "{} --tui --hold openat -- cat /etc/hostname; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace())
        ),
    );
    let s = t.wait_text(&["held · a allow", "openat(", "hold: openat"]);
    assert!(
        s.contains("(no output yet)"),
        "nothing should be printed while openat is held:\n{s}"
    );
    // The loader's openat calls come first, then cat's own: allow them one
    // at a time until /etc/hostname is held, then allow it too.
    let mut allowed = 0;
    t.wait_for("the openat of /etc/hostname to be held", |s| {
        let queue: Vec<&str> = s.lines().take(6).collect();
        if queue
            .iter()
            .any(|l| l.contains('▶') && l.contains("\"/etc/hostname\""))
        {
            return true;
        }
        if queue
            .iter()
            .any(|l| l.contains('▶') && l.contains("openat("))
            && allowed < 100
        {
            // Allow it, then wait until more calls arrived (the next held
            // one is a call too), so one `a` never lands on a call not
            // seen yet.
            let before = events_count(s);
            t.keys(&["a"]);
            allowed += 1;
            t.wait_for("calls after the allowed openat", |s| {
                events_count(s) != before || s.contains("command ended")
            });
        }
        false
    });
    assert!(
        !t.screen().contains("NOTRACE-EXIT="),
        "cat ended while its openat was held"
    );
    t.keys(&["a"]);
    let s = t.wait_text(&["command ended, exit 0"]);
    assert!(
        s.contains("✓ openat(AT_FDCWD, \"/etc/hostname\""),
        "the allowed call should be marked in the list:\n{s}"
    );
    if !want.is_empty() {
        assert!(
            s.lines()
                .skip_while(|l| !l.contains("output"))
                .any(|l| l.contains(&want)),
            "cat's output ({want}) should be in the output pane:\n{s}"
        );
    }
    t.keys(&["q"]);
    t.wait_text(&["NOTRACE-EXIT=0"]);
}

/// `notrace view` on a JSONL trace written by `notrace --json -o`.
#[test]
fn view_a_saved_trace() {
    common::require_tool(
        "tmux",
        "the terminal UI end-to-end tests drive notrace --tui in tmux",
    );
    let dir = scratch("view");
    let trace = dir.join("trace.jsonl");
    let out = Command::new(common::notrace())
        .args(["--json", "-o"])
        .arg(&trace)
        .args(["--", "ls", "/"])
        .stdout(Stdio::null())
        .output()
        .expect("run notrace --json");
    assert!(
        out.status.success(),
        "notrace --json failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = Tmux::start(
        "view",
        &format!(
            "{} view {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(trace.to_string_lossy())
        ),
    );
    let s = t.wait_text(&["view", "saved trace", "getdents64(", "exit_group(0)"]);
    assert!(s.contains("\"/\""), "ls opens /:\n{s}");
    // First call: the execve of ls.
    t.keys(&["g"]);
    t.wait_text(&["execve(", "[\"ls\", \"/\"]"]);
    t.keys(&["Tab"]);
    t.wait_text(&["getdents64", "execve"]);
    // The trace is complete: q quits at once, no question.
    t.keys(&["q"]);
    let s = t.wait_text(&["NOTRACE-EXIT=0"]);
    assert!(
        !s.contains("Quit?"),
        "a saved trace needs no question:\n{s}"
    );
}
