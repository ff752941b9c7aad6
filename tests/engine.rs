//! The tracing engine, traced for real: real programs and small C fixtures
//! run under notrace, and the tests assert on what notrace printed.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn cat_shows_openat_of_its_file() {
    let o = run_notrace(&["-e", "openat", "--", "cat", "/etc/hostname"]);
    let err = stderr_of(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY")),
        "no openat of /etc/hostname in:\n{err}"
    );
    // Only the chosen call is printed.
    assert!(
        err.lines()
            .all(|l| l.starts_with("openat(") || l.starts_with("+++")),
        "{err}"
    );
    assert!(err.ends_with("+++ exited with 0 +++\n"), "{err}");
    // The command's own output is untouched.
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), hostname);
}

#[test]
fn eight_threads_give_exactly_80000_events_in_sequence() {
    let o = trace_fixture(&["--json", "-e", "getppid"], "threads", &[]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let events = parse_jsonl(&o.stdout);
    let calls: Vec<_> = events.iter().filter(|e| e["type"] == "syscall").collect();
    assert_eq!(syscalls_named(&events, "getppid").len(), 80_000);
    assert_eq!(calls.len(), 80_000);
    // Lines come as calls complete; seq is the order they were made in.
    let mut seqs: Vec<u64> = calls.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    seqs.sort_unstable();
    for (i, s) in seqs.iter().enumerate() {
        assert_eq!(*s, i as u64 + 1, "seq gap at {i}");
    }
    let tids: BTreeSet<i64> = calls.iter().map(|e| e["tid"].as_i64().unwrap()).collect();
    assert_eq!(tids.len(), 8, "calls come from 8 threads");
    let pids: BTreeSet<i64> = calls.iter().map(|e| e["pid"].as_i64().unwrap()).collect();
    assert_eq!(pids.len(), 1, "all in one process");
}

#[test]
fn hundred_children_are_hundred_pids() {
    let o = trace_fixture(&["--json", "-e", "getppid"], "fork100", &[]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let events = parse_jsonl(&o.stdout);
    let calls = syscalls_named(&events, "getppid");
    assert_eq!(calls.len(), 100);
    let pids: BTreeSet<i64> = calls.iter().map(|e| e["pid"].as_i64().unwrap()).collect();
    assert_eq!(pids.len(), 100);
}

#[test]
fn text_prefixes_pid_once_there_are_several_processes() {
    let o = trace_fixture(&["-e", "getppid"], "fork100", &[]);
    let err = stderr_of(&o);
    // A call's line may be split by another's (`getppid( <unfinished
    // ...>`, then `<... getppid resumed>) = 1`), as strace splits them.
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("getppid(")).collect();
    assert_eq!(lines.len(), 100, "{err}");
    // As strace: no prefix while only one process has been seen.
    assert!(lines[1..].iter().all(|l| l.starts_with("[pid ")), "{err}");
}

#[test]
fn closed_output_pipe_does_not_hurt_the_command() {
    let dir = tempdir("engine");
    let result = dir.join("result");
    let mut child = notrace_cmd(&[
        "--json",
        "-e",
        "getppid",
        "--",
        fixture("manycalls").to_str().unwrap(),
        "20000",
        result.to_str().unwrap(),
    ])
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    // Read the first call's line (after the header and the command's
    // process record), as `| head -3` does, then close the pipe.
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut v = serde_json::Value::Null;
    for _ in 0..3 {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        v = serde_json::from_str(&line).unwrap();
    }
    drop(out);
    assert_eq!(v["syscall"], "getppid");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "the command's status comes through");
    let got = std::fs::read_to_string(&result).unwrap();
    assert!(
        got.starts_with("done 20000 "),
        "command results intact: {got:?}"
    );
}

#[test]
fn shell_pipeline_into_head_completes() {
    let dir = tempdir("engine");
    let result = dir.join("result");
    let script = format!(
        "{} --json -e getppid -- {} 5000 {} 2>/dev/null | head -1; echo \"status=${{PIPESTATUS[0]}}\"",
        notrace().display(),
        fixture("manycalls").display(),
        result.display()
    );
    let o = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("status=0"), "{out}");
    let got = std::fs::read_to_string(&result).unwrap();
    assert!(got.starts_with("done 5000 "), "{got:?}");
}

#[test]
fn exit_status_passes_through() {
    let o = trace_fixture(&["-e", "exit_group"], "exitcode", &["7"]);
    assert_eq!(o.status.code(), Some(7));
    assert!(
        stderr_of(&o).ends_with("+++ exited with 7 +++\n"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn death_by_signal_is_128_plus_n() {
    let o = trace_fixture(&["-e", "getpid"], "killself", &["9"]);
    assert_eq!(o.status.code(), Some(137));
    assert!(
        stderr_of(&o).contains("+++ killed by SIGKILL +++"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn command_not_found_is_127() {
    let o = run_notrace(&["--", "no-such-command-notrace"]);
    assert_eq!(o.status.code(), Some(127));
    assert!(
        stderr_of(&o).contains("no-such-command-notrace: command not found"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn command_not_executable_is_126() {
    let dir = tempdir("engine");
    let f = dir.join("plain");
    std::fs::write(&f, "not a program").unwrap();
    let o = run_notrace(&["--", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(126), "{}", stderr_of(&o));
    assert!(
        stderr_of(&o).contains("cannot execute"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn unknown_syscall_is_a_usage_error_and_nothing_runs() {
    let dir = tempdir("engine");
    let marker = dir.join("ran");
    let o = run_notrace(&["-e", "openat,opne", "--", "touch", marker.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr_of(&o);
    assert!(err.contains("unknown syscall 'opne'"), "{err}");
    assert!(err.contains("did you mean 'open'"), "{err}");
    assert!(!marker.exists(), "the command must not start");
}

#[test]
fn unwritable_output_is_an_error_before_the_command_starts() {
    let dir = tempdir("engine");
    let marker = dir.join("ran");
    let o = run_notrace(&[
        "-o",
        "/nonexistent-dir/trace.txt",
        "--",
        "touch",
        marker.to_str().unwrap(),
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        stderr_of(&o).contains("/nonexistent-dir/trace.txt"),
        "{}",
        stderr_of(&o)
    );
    assert!(!marker.exists(), "the command must not start");
}

#[test]
fn int80_getpid_is_traced_from_the_i386_table() {
    let bin = fixture("int80");
    let bare = std::process::Command::new(&bin).output().unwrap();
    if !bare.status.success() {
        eprintln!("SKIP: int $0x80 does not work on this kernel (no IA32 emulation)");
        return;
    }
    let o = trace_fixture(&["--json", "-e", "getpid"], "int80", &[]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let events = parse_jsonl(&o.stdout);
    let i386: Vec<_> = syscalls_named(&events, "getpid")
        .into_iter()
        .filter(|e| e["arch"] == "i386")
        .collect();
    assert_eq!(i386.len(), 1, "{events:?}");
    assert_eq!(i386[0]["nr"], 20);
    // And in text, marked with its ABI.
    let o = trace_fixture(&["-e", "getpid"], "int80", &[]);
    assert!(
        stderr_of(&o).contains("getpid() [i386]"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn json_stdout_is_pure_jsonl() {
    let o = run_notrace(&["--json", "-e", "openat", "--", "ls", "/"]);
    assert!(o.status.success());
    let events = parse_jsonl(&o.stdout);
    assert!(!events.is_empty());
    for e in &events {
        assert_eq!(e["v"], 2);
        assert!(
            ["header", "process", "exec", "syscall", "exit"].contains(&e["type"].as_str().unwrap()),
            "{e}"
        );
    }
    assert_eq!(events[0]["type"], "header");
    let first = events.iter().find(|e| e["type"] == "syscall").unwrap();
    for field in [
        "seq", "time", "pid", "tid", "comm", "syscall", "nr", "args", "arch",
    ] {
        assert!(!first[field].is_null(), "missing {field}: {first}");
    }
    assert_eq!(first["comm"], "ls");
    // ls's own listing went to stderr instead.
    assert!(stderr_of(&o).contains("usr"), "{}", stderr_of(&o));
    assert_eq!(events.last().unwrap()["type"], "exit");
    assert_eq!(events.last().unwrap()["exit_code"], 0);
}

#[test]
fn sigterm_to_notrace_reaches_the_command() {
    let (mut child, mut out) = sigwait_under_notrace_then(rustix::process::Signal::TERM);
    let status = child.wait().unwrap();
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "got signal 15");
    assert_eq!(status.signal(), None, "notrace itself must not die");
    assert_eq!(
        status.code(),
        Some(25),
        "the command got SIGTERM and exited 10+15"
    );
}

#[test]
fn summary_counts_calls() {
    let o = trace_fixture(&["-c", "-e", "getppid"], "fork100", &[]);
    let err = stderr_of(&o);
    let row = err
        .lines()
        .find(|l| l.ends_with(" getppid"))
        .unwrap_or_else(|| panic!("{err}"));
    // The calls column: the fourth in strace's layout (with results),
    // else the second.
    let header = err.lines().find(|l| l.contains("syscall")).unwrap();
    let col = if header.starts_with("% time") { 3 } else { 1 };
    assert!(row.split_whitespace().nth(col) == Some("100"), "{row}");
    assert!(err.lines().any(|l| l.ends_with(" total")), "{err}");
}

#[test]
fn full_disk_warns_once_and_the_command_is_unharmed() {
    let dir = tempdir("engine");
    let result = dir.join("result");
    let o = run_notrace(&[
        "-o",
        "/dev/full",
        "-e",
        "getppid",
        "--",
        fixture("manycalls").to_str().unwrap(),
        "20000",
        result.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr_of(&o);
    assert_eq!(err.matches("notrace: output failed").count(), 1, "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    let got = std::fs::read_to_string(&result).unwrap();
    assert!(got.starts_with("done 20000 "), "{got:?}");
}

#[test]
fn classes_select_with_strace_membership() {
    let o = run_notrace(&[
        "--json",
        "-e",
        "%network,%%stat",
        "--",
        "python3",
        "-c",
        "import socket,os; s=socket.socket(); os.stat('/'); s.close()",
    ]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let events = parse_jsonl(&o.stdout);
    let names: BTreeSet<&str> = events
        .iter()
        .filter(|e| e["type"] == "syscall")
        .map(|e| e["syscall"].as_str().unwrap())
        .collect();
    assert!(names.contains("socket"), "{names:?}");
    assert!(
        names.contains("newfstatat") || names.contains("statx"),
        "{names:?}"
    );
    assert!(!names.contains("openat"), "{names:?}");
    assert!(!names.contains("close"), "{names:?}");
}

#[test]
fn negation_removes_from_a_class() {
    let o = run_notrace(&["--json", "-e", "%desc,!close", "--", "cat", "/etc/hostname"]);
    assert!(o.status.success());
    let events = parse_jsonl(&o.stdout);
    assert!(!syscalls_named(&events, "openat").is_empty());
    assert!(!syscalls_named(&events, "read").is_empty());
    assert!(syscalls_named(&events, "close").is_empty());
}

#[test]
fn other_fatal_signals_reach_the_command_and_spare_notrace() {
    // sigwait does not wait for SIGUSR1: its default action kills it.
    let (mut child, _out) = sigwait_under_notrace_then(rustix::process::Signal::USR1);
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), None, "notrace itself must not die");
    assert_eq!(status.code(), Some(128 + 10), "the command died of SIGUSR1");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("+++ killed by SIGUSR1 +++"), "{err}");
}

/// Starts the sigwait fixture under notrace, waits until it is ready (it
/// printed its pid), and sends `sig` to notrace. Returns notrace and the
/// fixture's stdout, kept open: the fixture reports on it after the signal.
fn sigwait_under_notrace_then(
    sig: rustix::process::Signal,
) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = notrace_cmd(&["-e", "getppid", "--", fixture("sigwait").to_str().unwrap()])
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(
        line.trim().parse::<i32>().is_ok(),
        "fixture printed its pid: {line:?}"
    );
    rustix::process::kill_process(
        rustix::process::Pid::from_raw(child.id() as i32).unwrap(),
        sig,
    )
    .unwrap();
    (child, out)
}

#[test]
fn every_process_that_exits_gets_an_exit_line() {
    let o = run_notrace(&[
        "-e",
        "execve",
        "--",
        "sh",
        "-c",
        "ls / > /dev/null; (exit 3); sh -c 'exit 4'; exit 5",
    ]);
    assert_eq!(o.status.code(), Some(5));
    let err = stderr_of(&o);
    let exits: Vec<&str> = err.lines().filter(|l| l.contains("+++ exited")).collect();
    assert_eq!(
        exits.len(),
        4,
        "ls, the subshell, the inner sh, the command:\n{err}"
    );
    for code in [0, 3, 4] {
        assert!(
            exits
                .iter()
                .any(|l| l.starts_with("[pid ")
                    && l.ends_with(&format!("+++ exited with {code} +++"))),
            "{err}"
        );
    }
    assert!(
        err.ends_with("+++ exited with 5 +++\n"),
        "the command's is last:\n{err}"
    );
    let o = trace_fixture(&["--json", "-e", "getppid"], "fork100", &[]);
    let events = parse_jsonl(&o.stdout);
    let exits: Vec<_> = events.iter().filter(|e| e["type"] == "exit").collect();
    assert_eq!(exits.len(), 101, "100 children and the command");
    let pids: BTreeSet<i64> = exits.iter().map(|e| e["pid"].as_i64().unwrap()).collect();
    assert_eq!(pids.len(), 101);
}
