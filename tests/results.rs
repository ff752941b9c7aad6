//! Return values (issue 9): every traced call gets exactly one result or
//! an explicit "no result" state, paired with the right thread, on real
//! programs and on fixtures that make the hard cases happen (threads,
//! forks, signals with and without SA_RESTART, execve that fails and one
//! that succeeds, a non-leader thread's exec, a thread killed mid-call, a
//! call blocked for long while another thread goes on).
//!
//! Results need perf's syscall-exit tracepoints (root or CAP_PERFMON):
//! where notrace says it cannot collect them, the tests that need them say
//! so and skip.

mod common;

use common::{fixture, notrace, parse_jsonl, said, syscalls_named, text, trace_fixture};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Whether notrace collects results here; says why not when it does not.
fn results_here() -> bool {
    let o = Command::new(notrace())
        .args(["-e", "getpid", "--", "true"])
        .output()
        .expect("run notrace");
    let err = text(&o.stderr);
    if let Some(l) = err
        .lines()
        .find(|l| l.contains("return values are not shown"))
    {
        eprintln!("SKIP: {l}");
        return false;
    }
    true
}

fn stderr_lines(o: &std::process::Output) -> Vec<String> {
    text(&o.stderr).lines().map(str::to_string).collect()
}

#[test]
fn eight_threads_give_80000_results_paired_by_thread() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["--json", "-e", "getppid"], "threads", &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let events = parse_jsonl(&o.stdout);
    let calls = syscalls_named(&events, "getppid");
    assert_eq!(calls.len(), 80_000);
    // getppid returns the fixture's parent: notrace, the same for all.
    let rets: BTreeSet<i64> = calls.iter().map(|e| e["ret"].as_i64().unwrap()).collect();
    assert_eq!(rets.len(), 1, "{rets:?}");
    assert!(*rets.iter().next().unwrap() > 1);
    let mut per_tid: BTreeMap<i64, usize> = BTreeMap::new();
    for e in &calls {
        assert_eq!(e["status"], "successful", "{e}");
        assert!(e["duration_ns"].as_u64().is_some(), "{e}");
        *per_tid.entry(e["tid"].as_i64().unwrap()).or_default() += 1;
    }
    assert_eq!(per_tid.len(), 8);
    assert!(per_tid.values().all(|n| *n == 10_000), "{per_tid:?}");
    assert!(!text(&o.stderr).contains("lost"), "{}", text(&o.stderr));
}

#[test]
fn hundred_forks_show_each_childs_pid() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(
        &["--json", "-e", "getppid,fork,vfork,clone,clone3"],
        "fork100",
        &[],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let events = parse_jsonl(&o.stdout);
    let children: BTreeSet<i64> = syscalls_named(&events, "getppid")
        .iter()
        .map(|e| e["pid"].as_i64().unwrap())
        .collect();
    assert_eq!(children.len(), 100);
    let forked: BTreeSet<i64> = events
        .iter()
        .filter(|e| {
            e["type"] == "syscall"
                && matches!(
                    e["syscall"].as_str(),
                    Some("fork" | "vfork" | "clone" | "clone3")
                )
        })
        .map(|e| e["ret"].as_i64().unwrap_or(-1))
        .collect();
    assert_eq!(forked, children, "each fork returns its child's pid");
    // Each child's getppid names the fixture.
    let parent = syscalls_named(&events, "clone")
        .first()
        .map(|e| e["pid"].as_i64().unwrap());
    for e in syscalls_named(&events, "getppid") {
        assert_eq!(e["ret"].as_i64(), parent, "{e}");
    }
}

#[test]
fn execve_that_fails_and_execve_that_succeeds() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-e", "execve,exit_group"], "results", &["exec"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines = stderr_lines(&o);
    assert!(
        lines.iter().any(
            |l| l.starts_with("execve(\"/nonexistent/prog\", [\"true\"], ")
                && l.ends_with(" = -1 ENOENT (No such file or directory)")
        ),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("execve(\"/bin/true\", [\"true\"], ") && l.ends_with(" = 0")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l == "exit_group(0) = ?"), "{lines:#?}");
    assert_eq!(said(&text(&o.stdout), "execve"), Some("-1 errno=2"));
}

#[test]
fn a_non_leader_threads_exec_gets_its_result() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-e", "execve"], "results", &["tdexec"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines = stderr_lines(&o);
    let exec = lines
        .iter()
        .find(|l| l.contains("execve(\"/bin/true\""))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(
        exec.starts_with("[pid "),
        "made by the second thread: {exec}"
    );
    assert!(exec.ends_with(" = 0"), "{exec}");
}

/// Reads notrace's stderr as it comes, with the time each line arrived.
fn timed_lines(args: &[&str], fargs: &[&str]) -> Vec<(Duration, String)> {
    let mut c = Command::new(notrace());
    c.args(args)
        .arg("--")
        .arg(fixture("results"))
        .args(fargs)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = c.spawn().expect("spawn notrace");
    let err = child.stderr.take().unwrap();
    let mut out = Vec::new();
    for l in BufReader::new(err).lines() {
        out.push((start.elapsed(), l.unwrap()));
    }
    assert!(child.wait().unwrap().success());
    out
}

#[test]
fn a_call_blocked_for_long_does_not_hold_back_other_threads() {
    if !results_here() {
        return;
    }
    // The main thread reads a pipe for ~1.6 s while the other makes five
    // getppid calls in its first 0.1 s, then writes the pipe.
    let lines = timed_lines(&["-e", "read,getppid"], &["blocked"]);
    let shown = |pred: &dyn Fn(&str) -> bool| {
        lines
            .iter()
            .filter(|(_, l)| pred(l))
            .map(|(t, _)| *t)
            .collect::<Vec<_>>()
    };
    let getppid = shown(&|l| l.contains("getppid() = "));
    assert_eq!(getppid.len(), 5, "{lines:#?}");
    let resumed = shown(&|l| l.contains("<... read resumed>) = 1"));
    assert_eq!(resumed.len(), 1, "{lines:#?}");
    assert!(
        getppid[4] + Duration::from_millis(700) < resumed[0],
        "the getppid lines came when the read ended: {lines:#?}"
    );
    let unfinished = shown(&|l| l.contains("read(3, ") && l.ends_with(", 1 <unfinished ...>"));
    assert_eq!(unfinished.len(), 1, "{lines:#?}");
}

#[test]
fn a_signal_with_sa_restart_restarts_the_call() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-e", "read"], "results", &["sigrestart"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines = stderr_lines(&o);
    let reads: Vec<&String> = lines.iter().filter(|l| l.contains(", 1) = ")).collect();
    // The first alarm interrupts, the call restarts, the second alarm's
    // handler writes the pipe: the restarted read gets the byte.
    let interrupted = " = ? ERESTARTSYS (To be restarted if SA_RESTART is set)";
    assert!(reads.len() >= 2, "{lines:#?}");
    assert!(
        reads[..reads.len() - 1]
            .iter()
            .all(|l| l.ends_with(interrupted)),
        "{lines:#?}"
    );
    assert!(reads.last().unwrap().ends_with(" = 1"), "{lines:#?}");
    assert_eq!(said(&text(&o.stdout), "read"), Some("1 errno=0"));
}

#[test]
fn a_signal_without_sa_restart_makes_eintr() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-e", "read"], "results", &["signorestart"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let lines = stderr_lines(&o);
    let reads: Vec<&String> = lines.iter().filter(|l| l.contains(", 1) = ")).collect();
    // strace prints the kernel's ERESTARTSYS too; the program saw EINTR.
    assert_eq!(reads.len(), 2, "{lines:#?}");
    assert!(
        reads
            .iter()
            .all(|l| l.ends_with(" = ? ERESTARTSYS (To be restarted if SA_RESTART is set)")),
        "{lines:#?}"
    );
    assert_eq!(said(&text(&o.stdout), "read"), Some("-1 errno=4"));
}

#[test]
fn a_thread_killed_mid_call_gets_an_ending() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-e", "read,exit_group"], "results", &["killed"]);
    assert_eq!(o.status.code(), Some(9), "{}", text(&o.stderr));
    let lines = stderr_lines(&o);
    assert!(
        lines.iter().any(|l| l.ends_with("exit_group(9) = ?")),
        "{lines:#?}"
    );
    // The blocked read: opened, then ended by the kernel's answer (the
    // interrupted call) or `?`, never left without one.
    let opened = lines
        .iter()
        .filter(|l| l.contains("read(3, ") && l.ends_with(", 1 <unfinished ...>"))
        .count();
    let ended = lines
        .iter()
        .filter(|l| l.contains("<... read resumed>) = ?"))
        .count();
    let whole = lines
        .iter()
        .filter(|l| l.contains("read(3, ") && l.contains(", 1) = ?"))
        .count();
    assert_eq!(opened, ended, "{lines:#?}");
    assert_eq!(opened + whole, 1, "{lines:#?}");
}

#[test]
fn fds_and_errors_are_what_the_program_saw() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-e", "openat,dup,close"], "results", &["fds"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines = stderr_lines(&o);
    let fd = said(&out, "fd").unwrap();
    let dup = said(&out, "dup").unwrap();
    for want in [
        "openat(AT_FDCWD, \"/nonexistent\", O_RDONLY) = -1 ENOENT (No such file or directory)"
            .to_string(),
        format!("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = {fd}"),
        format!("dup({fd}) = {dup}"),
        format!("close({dup}) = 0"),
        format!("close({dup}) = -1 EBADF (Bad file descriptor)"),
    ] {
        assert!(lines.contains(&want), "no {want:?} in {lines:#?}");
    }
}

#[test]
fn status_filters_keep_what_they_name() {
    if !results_here() {
        return;
    }
    let failed = stderr_lines(&trace_fixture(
        &["-Z", "-e", "openat,dup,close"],
        "results",
        &["fds"],
    ));
    let calls: Vec<&String> = failed.iter().filter(|l| !l.starts_with("+++")).collect();
    assert!(calls.len() >= 2, "{failed:#?}");
    assert!(calls.iter().all(|l| l.contains(" = -1 E")), "{failed:#?}");
    let ok = stderr_lines(&trace_fixture(
        &["--successful-only", "-e", "openat,dup,close"],
        "results",
        &["fds"],
    ));
    assert!(ok.iter().any(|l| l.starts_with("dup(")), "{ok:#?}");
    assert!(ok.iter().all(|l| !l.contains(" = -1 ")), "{ok:#?}");
    let same = stderr_lines(&trace_fixture(
        &["-e", "status=failed", "-e", "openat,dup,close"],
        "results",
        &["fds"],
    ));
    assert_eq!(same, failed);
    let bad = trace_fixture(&["-e", "status=faild"], "results", &["fds"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("did you mean 'failed'"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn jsonl_carries_ret_errno_and_duration() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(
        &["--json", "-e", "openat,close,exit_group"],
        "results",
        &["fds"],
    );
    assert!(o.status.success());
    let events = parse_jsonl(&o.stdout);
    let missing = events
        .iter()
        .find(|e| e["syscall"] == "openat" && e["args"][1]["value"] == "/nonexistent")
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(missing["v"], 2);
    assert_eq!(missing["status"], "failed");
    assert_eq!(missing["ret"], -1);
    assert_eq!(missing["errno"], "ENOENT");
    assert_eq!(missing["errno_nr"], 2);
    assert!(missing["duration_ns"].as_u64().is_some());
    let exit = syscalls_named(&events, "exit_group");
    assert_eq!(exit[0]["status"], "unfinished");
    assert!(exit[0]["ret"].is_null());
    // Every call says how it ended: never a missing status.
    for e in events.iter().filter(|e| e["type"] == "syscall") {
        assert!(e["status"].is_string(), "{e}");
    }
}

#[test]
fn summary_counts_errors_and_time() {
    if !results_here() {
        return;
    }
    let o = trace_fixture(&["-c", "-e", "openat,close"], "results", &["fds"]);
    let err = text(&o.stderr);
    assert!(
        err.contains("% time     seconds  usecs/call     calls    errors syscall"),
        "{err}"
    );
    let row = |name: &str| {
        err.lines()
            .find(|l| l.ends_with(&format!(" {name}")))
            .unwrap_or_else(|| panic!("{err}"))
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // openat: the fixture's two and the loader's; one failed.
    assert!(row("openat")[4].parse::<u64>().unwrap() >= 1, "{err}");
    assert_eq!(row("close")[4], "1", "{err}");
}

#[test]
fn no_results_means_no_perf_and_lines_as_before() {
    let o = trace_fixture(&["--no-results", "-e", "openat"], "results", &["fds"]);
    assert!(o.status.success());
    let err = text(&o.stderr);
    assert!(
        err.contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)\n"),
        "{err}"
    );
    assert!(!err.contains("return values"), "{err}");
    let o = trace_fixture(&["--no-results", "-T", "-e", "openat"], "results", &["fds"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("drop --no-results"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn without_permission_results_are_said_missing_once() {
    let Some(mut c) = common::notrace_as_nobody(&["-e", "openat", "--", "cat", "/dev/null"]) else {
        eprintln!("SKIP: needs root and setpriv to run notrace as nobody");
        return;
    };
    let paranoid =
        std::fs::read_to_string("/proc/sys/kernel/perf_event_paranoid").unwrap_or_default();
    if paranoid.trim().parse::<i32>().unwrap_or(2) <= 1 {
        eprintln!("SKIP: perf_event_paranoid <= 1 lets nobody collect results");
        return;
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let said: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("return values are not shown"))
        .collect();
    assert_eq!(said.len(), 1, "{err}");
    assert!(said[0].contains("CAP_PERFMON"), "{err}");
    assert!(err.contains("\"/dev/null\", O_RDONLY)\n"), "{err}");
    let q = common::notrace_as_nobody(&["-q", "-e", "openat", "--", "cat", "/dev/null"])
        .unwrap()
        .output()
        .unwrap();
    assert!(
        !text(&q.stderr).contains("return values"),
        "{}",
        text(&q.stderr)
    );
}

#[test]
fn ls_of_a_missing_file_fails_as_under_strace() {
    if !results_here() {
        return;
    }
    let o = Command::new(notrace())
        .args([
            "-e",
            "statx,newfstatat,lstat,stat",
            "--",
            "ls",
            "/nonexistent-x",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.lines().any(|l| l.contains("\"/nonexistent-x\"")
            && l.ends_with(" = -1 ENOENT (No such file or directory)")),
        "{err}"
    );
}

fn sh_in(dir: &std::path::Path, cmd: &str) -> String {
    // The recipes say `notrace`: the binary under test.
    let cmd = cmd.replacen("notrace ", &format!("{} ", notrace().display()), 1);
    let o = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    text(&o.stdout)
}

#[test]
fn the_jsonl_recipes_for_results_work_as_documented() {
    common::require_tool("jq", "the JSONL recipes are jq commands");
    if !results_here() {
        return;
    }
    let dir = common::tempdir("jq-recipes");
    let (setup, failed) = common::jsonl_recipe("failed opens: which file, which error");
    sh_in(&dir, &setup.expect("the recipe makes its trace"));
    let out = sh_in(&dir, &failed);
    assert!(
        out.lines().any(|l| l == "/nonexistent ENOENT"),
        "failed opens:\n{out}"
    );
    assert!(!out.contains("/etc/hostname"), "{out}");
    let (_, slow) = common::jsonl_recipe("the five slowest calls");
    let out = sh_in(&dir, &slow);
    let rows: Vec<&str> = out.lines().collect();
    assert!(!rows.is_empty() && rows.len() <= 5, "{out}");
    let ns: Vec<u64> = rows
        .iter()
        .map(|r| r.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(ns.windows(2).all(|w| w[0] >= w[1]), "{out}");
    let (_, per) = common::jsonl_recipe("errors per syscall");
    let out = sh_in(&dir, &per);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["syscall"] == "openat" && r["errors"].as_u64() >= Some(1)),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dash_y_names_the_fd_an_emulated_open_returned() {
    if !results_here() {
        return;
    }
    // Under a rule, notrace performs opens itself: it knows the file.
    let o = Command::new(notrace())
        .args([
            "-y",
            "--deny",
            "connect port=1",
            "-e",
            "openat",
            "--",
            "cat",
            "/etc/hostname",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("\"/etc/hostname\""))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.ends_with("</etc/hostname>"), "{line}");
    // Without a rule the number alone: notrace cannot know it for sure.
    let o = Command::new(notrace())
        .args(["-y", "-e", "openat", "--", "cat", "/etc/hostname"])
        .output()
        .unwrap();
    let err = text(&o.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("\"/etc/hostname\""))
        .unwrap();
    assert!(!line.ends_with('>'), "{line}");
}

#[test]
fn file_capabilities_without_root_get_results() {
    let tools = ["setcap", "unshare", "setpriv"];
    if !common::is_root()
        || tools
            .iter()
            .any(|t| Command::new(t).arg("--help").output().is_err())
    {
        eprintln!("SKIP: needs root and {tools:?} to give a copy of notrace capabilities");
        return;
    }
    // A copy nobody can run, with the capabilities docs/tracing.md names.
    let dir = std::path::PathBuf::from(format!("/tmp/notrace-caps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = dir.join("notrace");
    std::fs::copy(notrace(), &bin).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let set = Command::new("setcap")
        .arg("cap_perfmon,cap_dac_read_search+ep")
        .arg(&bin)
        .output()
        .unwrap();
    if !set.status.success() {
        eprintln!("SKIP: setcap failed here: {}", text(&set.stderr));
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    // tracefs mounted where only this test sees it.
    let script = format!(
        "{{ grep -q ' /sys/kernel/tracing tracefs ' /proc/self/mounts || mount -t tracefs nodev /sys/kernel/tracing; }} && exec setpriv --reuid=65534 --regid=65534 --clear-groups {} -e openat -- cat /dev/null",
        bin.display()
    );
    let o = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", &script])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("\"/dev/null\", O_RDONLY) = 3"), "{err}");
    assert!(!err.contains("return values are not shown"), "{err}");
}
