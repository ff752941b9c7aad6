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

/// What the test saw of notrace's own process from outside (a tracee may
/// not look: notrace's /proc entries are refused to it under rules).
#[derive(Debug, Default)]
struct Probe {
    /// The most fds notrace held at any sample.
    fds_max: usize,
    /// At the moment `marker` appeared: fds, threads, `Max open files`.
    fds_at_marker: Option<usize>,
    threads_at_marker: Option<usize>,
    limits: Option<String>,
}

fn count_dir(p: String) -> Option<usize> {
    std::fs::read_dir(p).ok().map(|d| d.count())
}

/// Runs `notrace ARGS` under `ulimit -S -n SOFT` (stdin closed),
/// sampling notrace's fds every 10 ms, and its threads
/// and limits once `marker` exists (the command creates it when done).
fn run_probed(args: &[&str], marker: &std::path::Path) -> (Output, Probe) {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -S -n {SOFT} && exec \"$0\" \"$@\""))
        .arg(notrace())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("running sh -c ulimit ... notrace");
    let pid = child.id();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = stop.clone();
    let marker = marker.to_path_buf();
    let sampler = std::thread::spawn(move || {
        let mut p = Probe::default();
        while !stop2.load(std::sync::atomic::Ordering::SeqCst) {
            if let Some(n) = count_dir(format!("/proc/{pid}/fd")) {
                p.fds_max = p.fds_max.max(n);
                if p.fds_at_marker.is_none() && marker.exists() {
                    p.fds_at_marker = Some(n);
                    p.threads_at_marker = count_dir(format!("/proc/{pid}/task"));
                    p.limits = std::fs::read_to_string(format!("/proc/{pid}/limits"))
                        .ok()
                        .and_then(|l| {
                            l.lines()
                                .find(|l| l.starts_with("Max open files"))
                                .map(str::to_string)
                        });
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        p
    });
    let out = child.wait_with_output().expect("wait for notrace");
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    (out, sampler.join().unwrap())
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
    let marker = dir.join("done");
    let script = format!(
        "for i in $(seq 1500); do cat {d} || echo FAIL; done; \
         echo soft=$(ulimit -S -n); touch {m}; sleep 0.3",
        d = data.display(),
        m = marker.display()
    );
    let (out, probe) = run_probed(
        &[
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
        ],
        &marker,
    );
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
    let lim = probe.limits.clone().expect("notrace's limits");
    let lim = lim.trim_start_matches("Max open files");
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
    let fds = probe.fds_max;
    assert!(fds > 0, "no sample of notrace's fds: {probe:?}");
    assert!(fds < 64, "notrace held {fds} fds during 1,500 processes");
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
    let (out, probe) = run_probed(
        &[
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
        ],
        &dir.join("never"),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("done 5000 failed 0"),
        "{stdout}\nstderr:\n{}",
        stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let fds = probe.fds_max;
    assert!(
        (1..64).contains(&fds),
        "notrace held {fds} fds during 5,000 threads"
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
    let marker = dir.join("done");
    let script = format!(
        "for i in $(seq 30); do timeout -s KILL 0.1 cat {f}; done; sleep 0.5; \
         touch {m}; sleep 0.3",
        f = fifo.display(),
        m = marker.display()
    );
    let (out, probe) = run_probed(
        &["-o", "/dev/null", "--deny", RULE, "--", "sh", "-c", &script],
        &marker,
    );
    assert!(out.status.success(), "{out:?}");
    // The supervisor, the writer, the signal thread, main: nothing else.
    let threads = probe.threads_at_marker.expect("threads sampled");
    assert!(threads <= 6, "{threads} threads: {probe:?}");
    assert!(probe.fds_at_marker.expect("fds sampled") < 64, "{probe:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
