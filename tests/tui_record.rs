//! End-to-end tests of recording and quitting in the terminal UI (issue
//! 11, points 1 and 2): `-o FILE` beside `--tui`, the `w` (save) and `X`
//! (Chrome export) keys, and after `b` ("quit the UI, keep tracing"),
//! ^C and a terminal hangup ending the command and notrace.
//!
//! Same harness as tests/tui_e2e.rs: a detached tmux session of a fixed
//! size per test, keys with `tmux send-keys`, every step checked on
//! `tmux capture-pane -p` with a timeout, no fixed sleeps. Needs tmux.

mod common;

use common::tmux::{events_count, notrace, processes_running, scratch, sq, wait_gone, Tmux};
use std::path::PathBuf;

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
