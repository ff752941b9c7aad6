//! The command's end is reported when it ends, in order with the events,
//! even while a process it left behind keeps notrace running: its
//! `+++ exited with N +++` line and JSONL exit object come before the calls
//! that process makes afterwards, and within a few batch delays (10 ms
//! each) of the command's end, not when the last process is gone.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The daemon's delay before it writes: what the command's end used to
/// wait for.
const DAEMON_SCRIPT: &str = "(sleep 1; echo daemon) & exit 3";

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

#[test]
fn the_command_s_exit_object_comes_at_its_end_before_the_daemon_s_calls() {
    let mut child = common::notrace_cmd(&["--json", "-e", "exit_group,write", "--"])
        .args(["sh", "-c", DAEMON_SCRIPT])
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn notrace");
    let stdout = BufReader::new(child.stdout.take().unwrap());
    // Each line with the moment it reached us.
    let lines: Vec<(u64, serde_json::Value)> = stdout
        .lines()
        .map(|l| {
            let l = l.unwrap();
            let v = serde_json::from_str(&l).unwrap_or_else(|e| panic!("{e}: {l}"));
            (now_ns(), v)
        })
        .collect();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(3));

    // The command is the first process to call exit_group(3).
    let end = lines
        .iter()
        .position(|(_, v)| v["syscall"] == "exit_group" && v["args"][0]["value"] == 3)
        .unwrap_or_else(|| panic!("no exit_group(3) event: {lines:#?}"));
    let cmd_pid = lines[end].1["pid"].clone();
    let exit = lines
        .iter()
        .position(|(_, v)| v["type"] == "exit" && v["pid"] == cmd_pid)
        .unwrap_or_else(|| panic!("no exit object for the command: {lines:#?}"));
    let daemon_write = lines
        .iter()
        .position(|(_, v)| v["syscall"] == "write" && v["pid"] != cmd_pid)
        .unwrap_or_else(|| panic!("no write by the daemon: {lines:#?}"));
    assert!(
        end < exit && exit < daemon_write,
        "order: exit_group(3) at {end}, the command's exit at {exit}, the daemon's write at {daemon_write}: {lines:#?}"
    );
    assert_eq!(lines[exit].1["exit_code"], 3);

    // It reached the reader soon after the call that ended the command.
    let called = lines[end].1["time_ns"].as_u64().unwrap();
    let arrived = lines[exit].0;
    let late = Duration::from_nanos(arrived.saturating_sub(called));
    eprintln!("the command's exit object arrived {late:?} after its exit_group");
    assert!(
        late < Duration::from_millis(300),
        "the command's exit object came {late:?} after its exit_group (the daemon writes after 1 s)"
    );
}

#[test]
fn the_command_s_exit_line_precedes_the_daemon_s_later_calls() {
    let out = common::run_notrace(&["-e", "write", "-o", "-", "--", "sh", "-c", DAEMON_SCRIPT]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    let exit = text
        .lines()
        .position(|l| l == "+++ exited with 3 +++")
        .unwrap_or_else(|| panic!("no exit line for the command:\n{text}"));
    let write = text
        .lines()
        .position(|l| l.contains("write(1, \"daemon\\n\""))
        .unwrap_or_else(|| panic!("no write of the daemon:\n{text}"));
    assert!(exit < write, "exit line after the daemon's write:\n{text}");
}
