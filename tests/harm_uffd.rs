//! A tracee that points a path argument into a userfaultfd page it never
//! serves must stall only itself: notrace's reads of tracee memory must
//! not wait for the fault, or every other tracee's traced calls would wait
//! behind it. Checked without rules (the path is shown as an address and
//! the call let through, where the tracee then waits on its own fault, as
//! it would untraced) and with a path rule (the call fails closed with
//! EFAULT: notrace cannot check a path it cannot read).

mod common;

use common::{fixture, notrace_cmd, tempdir};
use std::io::Read;
use std::process::Output;
use std::time::{Duration, Instant};

/// How long a run may take before it counts as stalled. The fixture's
/// own traced calls take well under a second; its alarm fires at 60 s.
const DEADLINE: Duration = Duration::from_secs(45);

/// Runs notrace with `args` to the end, or kills it at the deadline and
/// fails the test.
fn run_with_deadline(args: &[&str]) -> Output {
    let mut child = notrace_cmd(args).spawn().expect("spawn notrace");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let o = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let e = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "notrace {args:?} still running after {DEADLINE:?}: stalled; stderr:\n{}",
                String::from_utf8_lossy(&e.join().unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: o.join().unwrap(),
        stderr: e.join().unwrap(),
    }
}

/// Runs the fixture under notrace with `extra` options; `None` (with a
/// message) when userfaultfd is not available here.
fn run_stall(extra: &[&str]) -> Option<(Output, String)> {
    let dir = tempdir("harmuffd");
    let trace = dir.join("trace.txt");
    let bin = fixture("uffd_stall");
    let mut args = vec!["-o", trace.to_str().unwrap(), "-e", "getppid,openat"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--", bin.to_str().unwrap(), "1000"]);
    let out = run_with_deadline(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(77) && stderr.contains("skip:") {
        eprintln!("userfaultfd not available, test skipped: {stderr}");
        return None;
    }
    let text = std::fs::read_to_string(&trace).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    Some((out, text))
}

/// What every run must show: the other process's 1,000 rounds finished
/// promptly and were all traced, the stalled call was shown with its
/// address, and notrace ended with the command's status.
fn check_common(out: &Output, trace: &str) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    let ms: f64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("fast rounds=1000 ms="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no 'fast' line: {stdout}\n{stderr}"));
    assert!(ms < 20_000.0, "1,000 rounds took {ms} ms");
    assert!(stdout.contains("killed"), "{stdout}");
    let getppid = trace.lines().filter(|l| l.contains("getppid()")).count();
    assert!(getppid >= 1000, "{getppid} getppid lines");
    let hostname = trace
        .lines()
        .filter(|l| l.contains("openat(AT_FDCWD, \"/etc/hostname\""))
        .count();
    assert_eq!(hostname, 1000, "openat lines for /etc/hostname");
    // The stalled call: its path could not be read, so its address.
    assert!(
        trace.lines().any(|l| l.contains("openat(AT_FDCWD, 0x")),
        "no openat with an address in:\n{}",
        trace
            .lines()
            .filter(|l| !l.contains("getppid"))
            .take(10)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn uffd_stall_fixture_runs_untraced() {
    let out = std::process::Command::new(fixture("uffd_stall"))
        .arg("10")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(77) {
        eprintln!("userfaultfd not available, test skipped: {stderr}");
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("fast rounds=10 ms="), "{stdout}");
    assert!(stdout.contains("killed"), "{stdout}");
    // Untraced, the stalled openat never returns.
    assert!(!stderr.contains("stalled openat"), "{stderr}");
}

#[test]
fn a_path_in_an_unserved_userfaultfd_page_stalls_no_one_else() {
    let Some((out, trace)) = run_stall(&[]) else {
        return;
    };
    check_common(&out, &trace);
    // The call was let through: the tracee waited on its own fault until
    // it was killed, as it would untraced.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("stalled openat"), "{stderr}");
}

#[test]
fn under_a_path_rule_the_unreadable_path_fails_closed_without_stalling() {
    let Some((out, trace)) = run_stall(&["--deny", "openat path=/x/secret"]) else {
        return;
    };
    check_common(&out, &trace);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("stalled openat: ret -1 errno {}", libc::EFAULT)),
        "{stderr}"
    );
}

/// Reads go through files bound to an address space: after a `vfork`
/// child's execve, its memory is its own again and must be read there,
/// not in the parent's (which a file opened before the exec would read).
#[test]
fn a_vfork_child_is_read_in_its_own_memory_after_execve() {
    let dir = tempdir("harmuffd-vfork");
    let data = dir.join("data");
    std::fs::write(&data, "vfork-ok\n").unwrap();
    let trace = dir.join("trace.txt");
    let bin = fixture("vfork_exec");
    for _ in 0..3 {
        let out = run_with_deadline(&[
            "-o",
            trace.to_str().unwrap(),
            "-e",
            "execve,openat",
            "--",
            bin.to_str().unwrap(),
            data.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "vfork-ok\n");
        let text = std::fs::read_to_string(&trace).unwrap();
        let child: Vec<&str> = text.lines().filter(|l| l.starts_with("[pid ")).collect();
        assert!(
            child.iter().any(|l| l.contains("execve(\"/bin/cat\"")),
            "{text}"
        );
        let needle = format!("openat(AT_FDCWD, \"{}\"", data.display());
        assert!(
            child.iter().any(|l| l.contains(&needle)),
            "the exec'd child's openat of its own path:\n{text}"
        );
        assert!(
            child.iter().any(|l| l.contains("\"/etc/ld.so.cache\"")),
            "{text}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
