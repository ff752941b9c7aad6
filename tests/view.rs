//! `notrace view`: when `view` is notrace's command and when it is the
//! command to trace, its help, reading a trace from stdin, and a trace
//! whose last line a killed run cut short.
//!
//! The UI itself needs a terminal: those tests run notrace in a detached
//! tmux session (as tests/tui_e2e.rs does) and need `tmux`; the loading
//! rules are checked without one, on what notrace prints to stderr.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A saved trace of `ls /`, written by `notrace --json -o`.
fn saved_trace(dir: &Path) -> PathBuf {
    let trace = dir.join("trace.jsonl");
    let out = Command::new(common::notrace())
        .args(["-q", "--json", "-o"])
        .arg(&trace)
        .args(["--", "ls", "/"])
        .stdout(Stdio::null())
        .output()
        .expect("run notrace --json");
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    trace
}

/// The trace with its last line cut in the middle, as a run killed while
/// writing leaves it; returns the path and the number of that line.
fn cut_trace(dir: &Path) -> (PathBuf, usize) {
    let full = std::fs::read_to_string(saved_trace(dir)).unwrap();
    let lines: Vec<&str> = full.lines().collect();
    let last = lines.last().unwrap();
    assert!(last.len() > 20, "last line too short to cut: {last}");
    let cut = format!(
        "{}\n{}",
        lines[..lines.len() - 1].join("\n"),
        &last[..last.len() / 2]
    );
    let p = dir.join("cut.jsonl");
    std::fs::write(&p, cut).unwrap();
    (p, lines.len())
}

fn view(args: &[&str]) -> Output {
    let mut all = vec!["view"];
    all.extend_from_slice(args);
    common::run_notrace(&all)
}

#[test]
fn view_alone_is_a_usage_error_that_says_how_to_trace_view() {
    let out = view(&[]);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("<FILE>") && err.contains("Usage: notrace view <FILE>"),
        "{err}"
    );
    assert!(
        err.contains("notrace: to trace a command named view, put -- first: notrace -- view ..."),
        "{err}"
    );
}

#[test]
fn view_help_is_views_own() {
    let out = view(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = common::text(&out.stdout);
    assert!(help.contains("Usage: notrace view <FILE>"), "{help}");
    assert!(help.contains("or - to read it from stdin"), "{help}");
    assert!(help.contains("`notrace -- view ...`"), "{help}");
    let out = view(&["-h"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(common::text(&out.stdout).contains("Usage: notrace view <FILE>"));
}

#[test]
fn notraces_help_lists_view() {
    let out = common::run_notrace(&["--help"]);
    let help = common::text(&out.stdout);
    assert!(
        help.contains(
            "Commands:\n  notrace view FILE   browse a saved JSONL trace (FILE, or - for stdin)"
        ),
        "{help}"
    );
}

/// A directory holding an executable named `view` that says it ran.
fn fake_view() -> PathBuf {
    let dir = common::tempdir("fakeview");
    let f = dir.join("view");
    std::fs::write(&f, "#!/bin/sh\necho \"FAKE-VIEW-RAN $*\"\n").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[test]
fn a_command_named_view_runs_after_dashdash_or_any_option() {
    let dir = fake_view();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for opts in [&["--"][..], &["-e", "execve", "--"], &["-e", "execve"]] {
        let mut args = vec!["-q"];
        args.extend_from_slice(opts);
        args.extend_from_slice(&["view", "notes.txt"]);
        let out = common::notrace_cmd(&args)
            .env("PATH", &path)
            .output()
            .unwrap();
        let err = common::text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "notrace {args:?}: {err}");
        assert_eq!(
            common::text(&out.stdout),
            "FAKE-VIEW-RAN notes.txt\n",
            "notrace {args:?}: {err}"
        );
        if opts.contains(&"execve") {
            assert!(
                err.contains(&format!(
                    "execve(\"{}/view\", [\"view\", \"notes.txt\"]",
                    dir.display()
                )),
                "the traced command is view: {err}"
            );
        }
    }
}

#[test]
fn a_missing_file_says_how_to_trace_view() {
    let out = view(&["/nonexistent/notes.txt"]);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notrace: view: /nonexistent/notes.txt: No such file or directory"),
        "{err}"
    );
    assert!(err.contains("put -- first: notrace -- view"), "{err}");
}

#[test]
fn a_cut_last_line_is_a_warning_and_a_broken_middle_line_an_error() {
    let dir = common::tempdir("viewcut");
    let (cut, n) = cut_trace(&dir);
    // No terminal here: the file is loaded, the warning said, and only
    // then does notrace refuse to draw.
    let out = view(&[cut.to_str().unwrap()]);
    let err = common::text(&out.stderr);
    let first = err.lines().next().unwrap_or("");
    let want = format!(
        "notrace: view {}: warning: line {n}, the last, is cut short (was the run killed while writing it?): left out (EOF while parsing ",
        cut.display()
    );
    assert!(first.starts_with(&want), "{err}");
    assert!(
        err.contains("notrace: view needs a terminal on stdout"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(2), "{err}");
    // The same bytes from stdin.
    let out = common::notrace_cmd(&["view", "-"])
        .stdin(std::fs::File::open(&cut).unwrap())
        .output()
        .unwrap();
    let err = common::text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "notrace: view stdin: warning: line {n}, the last, is cut short"
        )),
        "{err}"
    );
    // A whole trace loads without a warning.
    let out = view(&[dir.join("trace.jsonl").to_str().unwrap()]);
    assert_eq!(
        common::text(&out.stderr),
        "notrace: view needs a terminal on stdout\n"
    );
    // A broken line that is not the last: the file is damaged, not cut.
    let text = std::fs::read_to_string(dir.join("trace.jsonl")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1].truncate(10);
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    let out = view(&[bad.to_str().unwrap()]);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with(&format!("notrace: view: {}: line 2: ", bad.display())),
        "{err}"
    );
}

/// Quotes `s` for `sh`.
fn sq(s: impl AsRef<str>) -> String {
    format!("'{}'", s.as_ref().replace('\'', r"'\''"))
}

/// One detached 120 × 40 tmux session on a private server, killed on drop.
struct Tmux(String);

impl Tmux {
    fn start(name: &str, shell_cmd: &str) -> Tmux {
        common::require_tool("tmux", "notrace view is driven in tmux");
        let t = Tmux(format!("notrace-view-{}-{name}", std::process::id()));
        let out = t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "120",
            "-y",
            "40",
            shell_cmd,
        ]);
        assert!(out.status.success(), "{}", common::text(&out.stderr));
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.0])
            .args(args)
            .env_remove("TMUX")
            .stdin(Stdio::null())
            .output()
            .expect("run tmux")
    }

    fn screen(&self) -> String {
        common::text(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout)
    }

    /// Waits until the screen holds every one of `texts`.
    fn wait_text(&self, texts: &[&str]) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return s;
            }
            if t0.elapsed() > Duration::from_secs(30) {
                panic!("timed out waiting for {texts:?}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

#[test]
fn view_stdin_shows_a_cut_trace_in_the_ui_with_the_warning() {
    common::require_tool("tmux", "notrace view is driven in tmux");
    let dir = common::tempdir("viewtui");
    let (cut, n) = cut_trace(&dir);
    let t = Tmux::start(
        "stdin",
        &format!(
            "{} view - < {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(common::notrace().to_string_lossy()),
            sq(cut.to_string_lossy())
        ),
    );
    let s = t.wait_text(&["last line cut short · view stdin", "getdents64("]);
    assert!(s.contains("\"/\""), "ls opens /:\n{s}");
    // Keys come from the terminal although stdin was the file.
    t.tmux(&["send-keys", "-t", "t", "q"]);
    let s = t.wait_text(&["NOTRACE-EXIT=0"]);
    // The warning stays on the terminal once the UI is gone.
    assert!(
        s.contains(&format!("warning: line {n}, the last, is cut short")),
        "{s}"
    );
}
