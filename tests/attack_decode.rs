//! A hostile tracee against notrace's argument decoders: the
//! `attack_decode` fixture sends netlink messages of every decoded family
//! whose lengths and counts lie, ioctls of every named request with
//! pointers to unmapped memory and page ends, and perf_event_open,
//! keyctl, mount_setattr, landlock, io_uring_setup, select and poll with
//! huge or junk sizes. Decoding must neither stall the call, nor panic,
//! nor print without bound: every call returns to the fixture and gets
//! its event, notrace exits 0 in time, no line passes 1 MiB, and notrace's
//! peak memory stays small.

mod common;

use common::{fixture, notrace, tempdir};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The calls the fixture makes (and nothing else it makes is traced).
const CALLS: &str = "sendto,sendmsg,ioctl,perf_event_open,keyctl,mount_setattr,\
landlock_create_ruleset,landlock_add_rule,open_by_handle_at,name_to_handle_at,\
io_uring_setup,poll,ppoll,select,pselect6";

/// Far above what a part takes (the slowest, netlink in JSON, some 20 s
/// in a debug build on a loaded 2-core machine): only a stall gets here.
const TIME_LIMIT: Duration = Duration::from_secs(150);
const MAX_LINE: usize = 1 << 20;

struct Run {
    stdout: String,
    stderr: String,
    output: String,
    code: Option<i32>,
    /// notrace's peak resident memory, KiB: VmHWM, as last read while it
    /// ran (wait4's ru_maxrss would count the test's own pages, which
    /// the child had before its exec).
    max_rss_kib: i64,
    took: Duration,
}

fn ioctl_table() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("syscall-tables/xlat/ioctl_requests.tsv")
}

/// A live process's peak resident memory, from /proc/PID/status.
fn vm_hwm_kib(pid: libc::pid_t) -> Option<i64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `notrace <opts> -o FILE -e CALLS -- attack_decode PART TABLE`,
/// killing it past [`TIME_LIMIT`].
fn attack(part: &str, opts: &[&str]) -> Run {
    let dir = tempdir("attack-decode");
    let out = dir.join("trace");
    let bin = fixture("attack_decode");
    let started = Instant::now();
    let child = Command::new(notrace())
        .args(opts)
        .arg("-o")
        .arg(&out)
        .args(["-e", CALLS, "--"])
        .arg(&bin)
        .arg(part)
        .arg(ioctl_table())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn notrace");
    let pid = child.id() as libc::pid_t;
    // Pipes are read on threads so that a chatty notrace cannot block.
    let mut child = child;
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let ro = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut so, &mut s).ok();
        s
    });
    let re = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut se, &mut s).ok();
        s
    });
    let mut hwm = 0;
    let status = loop {
        if let Some(k) = vm_hwm_kib(pid) {
            hwm = hwm.max(k);
        }
        let mut status = 0;
        // SAFETY: waitpid on our own child, writing into a local.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            break status;
        }
        assert!(r == 0, "waitpid: {}", std::io::Error::last_os_error());
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("notrace with {opts:?} on part {part} still running after {TIME_LIMIT:?}: a decoder stalls");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    let output = String::from_utf8_lossy(&std::fs::read(&out).unwrap_or_default()).into_owned();
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        stdout: ro.join().unwrap(),
        stderr: re.join().unwrap(),
        output,
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        max_rss_kib: hwm,
        took,
    }
}

/// The checks every run must pass; returns the number of calls the
/// fixture made.
fn check(part: &str, opts: &[&str], max_rss_mib: i64) -> (Run, usize) {
    let r = attack(part, opts);
    let what = format!("part {part} with {opts:?}");
    let tail: String = r.stderr.chars().take(4000).collect();
    assert_eq!(r.code, Some(0), "{what}: notrace's status; stderr: {tail}");
    let done = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix(&format!("done {part} ")))
        .unwrap_or_else(|| {
            panic!(
                "{what}: the fixture did not finish; stdout {:?}, stderr: {tail}",
                r.stdout
            )
        });
    let sent: usize = done.trim().parse().unwrap();
    assert!(
        !r.stderr.contains("decoding them failed") && !r.stderr.contains("panicked"),
        "{what}: a decoder panicked: {tail}"
    );
    let longest = r.output.lines().map(str::len).max().unwrap_or(0);
    assert!(
        longest <= MAX_LINE,
        "{what}: a line of {longest} bytes: {}",
        r.output
            .lines()
            .find(|l| l.len() == longest)
            .map(|l| l.chars().take(300).collect::<String>())
            .unwrap_or_default()
    );
    assert!(
        r.max_rss_kib < max_rss_mib * 1024,
        "{what}: notrace peaked at {} KiB",
        r.max_rss_kib
    );
    eprintln!(
        "{what}: {sent} calls, {:?}, longest line {longest} bytes, peak {} KiB",
        r.took, r.max_rss_kib
    );
    (r, sent)
}

/// Lines of the text trace that are events of the fixture's calls.
fn call_lines(text: &str) -> usize {
    text.lines()
        .filter(|l| !l.starts_with("+++") && !l.starts_with("---"))
        .count()
}

fn text_part(part: &str) -> Run {
    let (r, sent) = check(part, &[], 64);
    // Every call got its event: none was let through undecoded.
    let n = call_lines(&r.output);
    assert!(
        (sent..=sent + 2).contains(&n),
        "part {part}: {n} events for {sent} calls"
    );
    r
}

fn json_part(part: &str, max_rss_mib: i64) {
    let (r, sent) = check(part, &["--json"], max_rss_mib);
    let events = common::parse_jsonl(r.output.as_bytes());
    let n = events.iter().filter(|e| e["type"] == "syscall").count();
    assert!(
        (sent..=sent + 2).contains(&n),
        "part {part}: {n} syscall records for {sent} calls"
    );
}

#[test]
fn hostile_netlink_messages_are_decoded_within_bounds() {
    let r = text_part("netlink");
    // 32 iovecs of route messages each holding 32 RTA_METRICS of 32
    // metrics would print some 40 MB per call; the budget ends it in
    // `...` past 32 KiB at the default -s. (-v, which lifts the per-list
    // limits but not the budget, is covered by netlink's unit tests.)
    let bomb = r
        .output
        .lines()
        .filter(|l| l.starts_with("sendmsg(") && l.contains("nla_type=RTA_METRICS"))
        .max_by_key(|l| l.len())
        .expect("a sendmsg of route metrics");
    assert!(
        bomb.len() < 64 * 1024,
        "the metrics bomb printed {} bytes",
        bomb.len()
    );
    assert!(
        bomb.contains("..."),
        "{}",
        bomb.chars().take(300).collect::<String>()
    );
}

#[test]
fn hostile_netlink_messages_are_decoded_within_bounds_json() {
    // Each event waits in notrace's queue until the JSON writer takes it,
    // and the writer is the slower: the peak is the queue's (see the
    // report), not a decoder's.
    json_part("netlink", 1024);
}

#[test]
fn ioctls_on_hostile_pointers_are_decoded() {
    text_part("ioctl");
    json_part("ioctl", 128);
}

#[test]
fn struct_arguments_of_hostile_sizes_are_decoded() {
    text_part("attrs");
    json_part("attrs", 128);
}

#[test]
fn select_and_poll_with_huge_counts_are_decoded() {
    text_part("wait");
    json_part("wait", 128);
}
