//! End-to-end tests of recording and quitting in the terminal UI (issue
//! 11, points 1 and 2): `-o FILE` beside `--tui`, the `w` (save) and `X`
//! (Chrome export) keys, and after `b` ("quit the UI, keep tracing"),
//! ^C and a terminal hangup ending the command and notrace.
//!
//! Same harness as tests/tui_e2e.rs: a detached tmux session of a fixed
//! size per test, keys with `tmux send-keys`, every step checked on
//! `tmux capture-pane -p` with a timeout, no fixed sleeps. Needs tmux.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long any one expected screen may take to appear (debug build, a
/// busy two-core CI machine).
const WAIT: Duration = Duration::from_secs(30);

/// Quotes `s` for `sh`.
fn sq(s: impl AsRef<str>) -> String {
    format!("'{}'", s.as_ref().replace('\'', r"'\''"))
}

fn notrace() -> String {
    common::notrace().to_string_lossy().into_owned()
}

/// One detached tmux session on a private server; the server is killed on
/// drop, so no session outlives its test.
struct Tmux {
    socket: String,
    /// The server's socket file, removed on drop.
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts `shell_cmd` (run by `sh -c`) in a 120 × 40 session.
    fn start(name: &str, shell_cmd: &str) -> Tmux {
        common::require_tool(
            "tmux",
            "the terminal UI end-to-end tests drive notrace --tui in tmux",
        );
        let mut t = Tmux {
            socket: format!("notrace-e2e-{}-{name}", std::process::id()),
            socket_path: None,
        };
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
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = t.tmux(&["display-message", "-p", "-t", "t", "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        t.socket_path = (!path.is_empty()).then(|| PathBuf::from(path));
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            // No user configuration; a server of our own.
            .args(["-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env_remove("TMUX")
            // cargo test points the loader at the target directory; the
            // traced commands would then open many more files.
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null())
            .output()
            .expect("run tmux")
    }

    /// Sends tmux key names (`Enter`, `Tab`, `Down`, `q` …).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(
            out.status.success(),
            "tmux send-keys {keys:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The visible screen, one string.
    fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ok` holds; panics with the last screen and
    /// `what` after [`WAIT`].
    fn wait_for(&self, what: &str, mut ok: impl FnMut(&str) -> bool) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                // The UI writes a frame in pieces (stdout's 1 KiB buffer):
                // a capture can catch the top of a new frame over the rest
                // of the old one. The rest follows at once, so a second
                // look a moment later sees the whole frame.
                std::thread::sleep(Duration::from_millis(20));
                let again = self.screen();
                if ok(&again) {
                    return again;
                }
            }
            if t0.elapsed() > WAIT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen contains every one of `texts`.
    fn wait_text(&self, texts: &[&str]) -> String {
        self.wait_for(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(p) = &self.socket_path {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A unique scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let d = common::notrace()
        .parent()
        .unwrap()
        .join("tui-e2e")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Pids of live processes whose arguments are exactly `argv`.
fn processes_running(argv: &[&str]) -> Vec<i32> {
    let want: Vec<u8> = argv
        .iter()
        .flat_map(|a| [a.as_bytes(), b"\0"].concat())
        .collect();
    let mut pids = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        // A zombie has an empty cmdline, so it never matches.
        if std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == want) {
            pids.push(pid);
        }
    }
    pids
}

fn wait_gone(argv: &[&str]) {
    let t0 = Instant::now();
    loop {
        let p = processes_running(argv);
        if p.is_empty() {
            return;
        }
        if t0.elapsed() > WAIT {
            panic!("processes {p:?} running {argv:?} are still alive");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// N in the list title `Events N`.
fn events_count(screen: &str) -> Option<u64> {
    screen.match_indices("Events ").find_map(|(i, m)| {
        let digits: String = screen[i + m.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

fn syscall_records(path: &std::path::Path) -> Vec<serde_json::Value> {
    let recs = common::parse_jsonl(&std::fs::read(path).unwrap());
    recs.into_iter()
        .filter(|r| r["type"] == "syscall")
        .collect()
}

/// `--tui --json -o FILE` and `--tui -o FILE`: the file has the whole
/// trace, every call the UI counted, and the command's end.
#[test]
fn o_file_records_the_whole_trace_beside_the_ui() {
    let d = scratch("record-o");
    let cmd =
        "cat /etc/hostname; for i in 1 2 3 4 5 6 7 8; do ls / >/dev/null; done; echo E2E-DONE";
    for json in [true, false] {
        let out = d.join(if json { "t.jsonl" } else { "t.txt" });
        let t = Tmux::start(
            if json { "rec-json" } else { "rec-text" },
            &format!(
                "{} --tui {} -o {} -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
                sq(notrace()),
                if json { "--json" } else { "" },
                sq(out.to_str().unwrap()),
                sq(cmd)
            ),
        );
        let s = t.wait_text(&["command ended"]);
        let shown = events_count(&s).expect("an event count in the list title");
        t.keys(&["q"]);
        t.wait_text(&["NOTRACE-EXIT=0"]);
        let text = std::fs::read_to_string(&out).unwrap();
        if json {
            let calls = syscall_records(&out);
            assert_eq!(
                calls.len() as u64,
                shown,
                "every call the UI showed is in the file"
            );
            assert!(calls.iter().any(|c| c["syscall"] == "openat"
                && c["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("/etc/hostname"))));
            assert!(
                text.lines().last().unwrap().contains("\"exit_code\":0"),
                "{text}"
            );
        } else {
            assert!(
                text.contains("openat(AT_FDCWD, \"/etc/hostname\""),
                "{text}"
            );
            assert!(text.trim_end().ends_with("+++ exited with 0 +++"), "{text}");
            let calls = text.lines().filter(|l| !l.contains("+++")).count() as u64;
            assert!(calls >= shown, "{calls} lines, {shown} calls shown");
        }
    }
}

/// `w` saves the whole trace as JSONL and `X` exports it as Chrome JSON,
/// under dated names in the current directory, as the status line says.
#[test]
fn w_saves_and_x_exports_the_trace() {
    let d = scratch("record-w");
    let t = Tmux::start(
        "save",
        &format!(
            "cd {} && {} --tui -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(d.to_str().unwrap()),
            sq(notrace()),
            sq("ls / >/dev/null; echo E2E-DONE")
        ),
    );
    let s = t.wait_text(&["command ended"]);
    let shown = events_count(&s).unwrap();
    t.keys(&["w"]);
    t.wait_text(&["saved ", " calls to notrace-"]);
    t.keys(&["X"]);
    t.wait_text(&["exported ", " calls to notrace-"]);
    t.keys(&["q"]);
    t.wait_text(&["NOTRACE-EXIT=0"]);
    let files: Vec<PathBuf> = std::fs::read_dir(&d)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let jsonl = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .expect("a saved .jsonl");
    assert_eq!(syscall_records(jsonl).len() as u64, shown);
    let json = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("an exported .json");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    let evs = doc["traceEvents"].as_array().unwrap();
    let calls = evs
        .iter()
        .filter(|e| e["ph"] == "X" || e["ph"] == "i")
        .count() as u64;
    // Every call, and each process's end.
    let exits = common::parse_jsonl(&std::fs::read(jsonl).unwrap())
        .iter()
        .filter(|r| r["type"] == "exit")
        .count() as u64;
    assert!(exits >= 1);
    assert_eq!(calls, shown + exits);
    assert!(evs
        .iter()
        .any(|e| e["ph"] == "M" && e["name"] == "thread_name"));
}

const LOOP: &str = "while :; do sleep 0.3; done # notrace-e2e-after-b";

/// After `b`, ^C on the terminal ends the command, and notrace with it.
#[test]
fn after_b_ctrl_c_ends_the_command_and_notrace() {
    let mark = format!("{LOOP} ctrl-c {}", std::process::id());
    let t = Tmux::start(
        "after-b-int",
        &format!(
            "{} --tui -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(&mark)
        ),
    );
    t.wait_text(&["sleep"]);
    t.keys(&["q"]);
    t.wait_text(&["Quit?", "keep tracing", "Ctrl-C"]);
    t.keys(&["b"]);
    t.wait_for("the UI to close", |s| !s.contains("Quit?"));
    assert!(
        !processes_running(&["sh", "-c", &mark]).is_empty(),
        "the loop goes on after b"
    );
    t.keys(&["C-c"]);
    t.wait_text(&["NOTRACE-EXIT=130"]);
    wait_gone(&["sh", "-c", &mark]);
    wait_gone(&[&notrace(), "--tui", "--", "sh", "-c", &mark]);
}

/// After `b`, closing the terminal (a hangup) ends the command, and
/// notrace with it: nothing stays behind.
#[test]
fn after_b_a_hangup_ends_the_command_and_notrace() {
    let mark = format!("{LOOP} hup {}", std::process::id());
    let t = Tmux::start(
        "after-b-hup",
        &format!("exec {} --tui -- sh -c {}", sq(notrace()), sq(&mark)),
    );
    t.wait_text(&["sleep"]);
    t.keys(&["q"]);
    t.wait_text(&["Quit?", "keep tracing"]);
    t.keys(&["b"]);
    t.wait_for("the UI to close", |s| !s.contains("Quit?"));
    assert!(
        !processes_running(&["sh", "-c", &mark]).is_empty(),
        "the loop goes on after b"
    );
    // The terminal goes away: tmux closes the pane's pty.
    drop(t);
    wait_gone(&["sh", "-c", &mark]);
    wait_gone(&[&notrace(), "--tui", "--", "sh", "-c", &mark]);
}
