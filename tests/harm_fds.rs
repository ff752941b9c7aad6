//! notrace must not take the traced program's file descriptors: under a
//! low `RLIMIT_NOFILE` and a path rule (under which notrace performs the
//! open family itself and needs fds of its own), many processes and many
//! threads one after the other all run, and the command sees the soft
//! limit it was started with, not the one notrace raised for itself.

mod common;

use common::{fixture, notrace, tempdir};
use std::process::{Command, Output, Stdio};

/// The fd limit the command is started with (soft only: notrace may raise
/// its own soft limit up to the hard one).
const SOFT: u32 = 1024;
const RULE: &str = "openat path=/nonexistent/secret";

/// Runs `notrace ARGS` under `ulimit -S -n SOFT`, stdin closed.
fn run_limited(args: &[&str]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -S -n {SOFT} && exec \"$0\" \"$@\""))
        .arg(notrace())
        .args(args)
        .stdin(Stdio::null());
    cmd.output().expect("running sh -c ulimit ... notrace")
}

/// The hard limit this test runs under (inherited by notrace).
fn hard_limit() -> u64 {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap();
    limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(4))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn value_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(str::trim)
}

#[test]
fn sequential_processes_under_a_low_fd_limit_all_run() {
    let dir = tempdir("harmfds-seq");
    let data = dir.join("data");
    std::fs::write(&data, "ok\n").unwrap();
    let trace = dir.join("trace.txt");
    // $PPID of the shell is notrace itself.
    let script = format!(
        "for i in $(seq 1500); do cat {d} || echo FAIL; done; \
         echo soft=$(ulimit -S -n); \
         echo notrace_limits=$(grep 'Max open files' /proc/$PPID/limits); \
         echo notrace_fds=$(ls /proc/$PPID/fd | wc -l)",
        d = data.display()
    );
    let out = run_limited(&[
        "-o",
        trace.to_str().unwrap(),
        "-e",
        "openat",
        "--deny",
        RULE,
        "--",
        "sh",
        "-c",
        &script,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}\nstderr: {stderr}", out.status);
    let fails = stdout.lines().filter(|l| *l == "FAIL").count();
    let oks = stdout.lines().filter(|l| *l == "ok").count();
    assert_eq!(
        (fails, oks),
        (0, 1500),
        "every cat must run; stderr:\n{}",
        stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    // The command has its own soft limit, not notrace's.
    assert_eq!(value_after(&stdout, "soft="), Some("1024"), "{stdout}");
    // notrace raised its own soft limit to the hard one.
    let lim = value_after(&stdout, "notrace_limits=").expect("notrace's limits");
    let nums: Vec<u64> = lim
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(nums.len(), 2, "{lim}");
    assert_eq!(
        nums[0], nums[1],
        "notrace's soft limit is its hard one: {lim}"
    );
    if hard_limit() > u64::from(SOFT) {
        assert!(nums[0] > u64::from(SOFT), "{lim}");
    } else {
        eprintln!("hard fd limit is {SOFT} or less: raising it not checked");
    }
    // notrace keeps no fd per process it has seen.
    let fds: usize = value_after(&stdout, "notrace_fds=")
        .and_then(|v| v.parse().ok())
        .expect("notrace's fd count");
    assert!(fds < 64, "notrace holds {fds} fds after 1,500 processes");
    // And it saw every one of those opens.
    let text = std::fs::read_to_string(&trace).unwrap();
    let needle = format!("\"{}\"", data.display());
    assert_eq!(
        text.lines().filter(|l| l.contains(&needle)).count(),
        1500,
        "openat lines for {needle}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn thread_churn_fixture_runs_untraced() {
    let out = Command::new(fixture("thread_churn"))
        .args(["50", "/proc/self/comm"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("done 50 failed 0"), "{stdout}");
}

#[test]
fn five_thousand_threads_one_after_another_under_a_low_fd_limit() {
    let dir = tempdir("harmfds-threads");
    let data = dir.join("data");
    std::fs::write(&data, "ok\n").unwrap();
    let trace = dir.join("trace.txt");
    let bin = fixture("thread_churn");
    let out = run_limited(&[
        "-o",
        trace.to_str().unwrap(),
        "-e",
        "openat,getppid",
        "--deny",
        RULE,
        "--",
        bin.to_str().unwrap(),
        "5000",
        data.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("done 5000 failed 0"),
        "{stdout}\nstderr:\n{}",
        stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let fds: i64 = value_after(&stdout, "parent_fds")
        .and_then(|v| v.parse().ok())
        .expect("parent_fds");
    assert!(
        (0..64).contains(&fds),
        "notrace holds {fds} fds after 5,000 threads"
    );
    let text = std::fs::read_to_string(&trace).unwrap();
    let needle = format!("\"{}\"", data.display());
    let opens: Vec<&str> = text.lines().filter(|l| l.contains(&needle)).collect();
    assert_eq!(opens.len(), 5000, "openat lines for {needle}");
    let tids: std::collections::HashSet<&str> = opens
        .iter()
        .filter_map(|l| l.strip_prefix("[pid ")?.split(']').next())
        .collect();
    assert!(tids.len() > 100, "threads seen: {}", tids.len());
    let _ = std::fs::remove_dir_all(&dir);
}

/// An open notrace performs for a tracee that blocks (a FIFO with no
/// writer) runs on a thread of its own; when the tracee is killed, that
/// thread and its fds must go, not pile up for as long as notrace runs.
#[test]
fn abandoned_blocking_opens_leave_no_threads_or_fds_behind() {
    let dir = tempdir("harmfds-fifo");
    let fifo = dir.join("fifo");
    let st = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(st.success());
    let script = format!(
        "for i in $(seq 30); do timeout -s KILL 0.1 cat {f}; done; sleep 0.5; \
         echo notrace_threads=$(ls /proc/$PPID/task | wc -l); \
         echo notrace_fds=$(ls /proc/$PPID/fd | wc -l)",
        f = fifo.display()
    );
    let out = run_limited(&["-o", "/dev/null", "--deny", RULE, "--", "sh", "-c", &script]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    let num = |k: &str| -> usize {
        value_after(&stdout, k)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {k} in {stdout}"))
    };
    // The supervisor, the writer, the signal thread, main: nothing else.
    assert!(num("notrace_threads=") <= 6, "{stdout}");
    assert!(num("notrace_fds=") < 64, "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
