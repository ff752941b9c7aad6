//! The keeper: when notrace is killed, the traced program goes on as if
//! nothing happened (without rules), or with the covered calls failing
//! closed (with rules); and a normal run leaves no keeper behind.
//!
//! Each test starts notrace itself, finds its keeper (comm
//! `notrace-keeper`, parent notrace) in /proc, SIGKILLs notrace and looks at
//! what the program saw.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// How long anything may take (debug build, busy two-core CI machine).
const WAIT: Duration = Duration::from_secs(30);

/// Field `i` (1-based, as in proc(5)) after the `(comm)` of
/// /proc/PID/stat; field 3 is the state.
fn stat_field(pid: i32, i: usize) -> Option<String> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    rest.split(' ').nth(i - 3).map(str::to_string)
}

fn comm(pid: i32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .ok()
        .map(|c| c.trim_end().to_string())
}

/// The keeper of notrace `pid`: its child named notrace-keeper. Waits for
/// it to appear.
fn keeper_of(pid: i32) -> i32 {
    let t0 = Instant::now();
    loop {
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(k) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            if comm(k).as_deref() == Some("notrace-keeper")
                && stat_field(k, 4).as_deref() == Some(&pid.to_string())
            {
                return k;
            }
        }
        assert!(
            t0.elapsed() < WAIT,
            "notrace {pid} has no child named notrace-keeper"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether keeper `k` is still running (a zombie has finished: after
/// notrace's death it is reparented to an init that may reap it late).
fn keeper_alive(k: i32) -> bool {
    comm(k).as_deref() == Some("notrace-keeper")
        && stat_field(k, 3).is_some_and(|s| s != "Z" && s != "X")
}

fn wait_keeper_gone(k: i32) {
    let t0 = Instant::now();
    while keeper_alive(k) {
        assert!(
            t0.elapsed() < WAIT,
            "keeper {k} still runs after the last tracee ended"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn sigkill(pid: i32) {
    // SAFETY: kill(2) on our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
}

/// Reads lines from `out` until one equals `line`; returns what was read.
fn read_until(out: &mut BufReader<ChildStdout>, line: &str) -> String {
    let mut seen = String::new();
    loop {
        let mut l = String::new();
        let n = out.read_line(&mut l).unwrap();
        assert!(n > 0, "end of output before {line:?}; got {seen:?}");
        seen.push_str(&l);
        if l.trim_end() == line {
            return seen;
        }
    }
}

/// The rest of `out`, up to end of file, which must come within [`WAIT`]:
/// a keeper holding notrace's stdout would keep it from coming.
fn read_rest<R: Read + Send + 'static>(mut out: R) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        let _ = tx.send(s);
    });
    rx.recv_timeout(WAIT)
        .expect("no end of file on the command's output: is it hanging, or is its pipe held?")
}

/// A started notrace: its pid, stdout, and its stderr as read to the end
/// by a thread (so that the pipe never fills).
struct Run {
    child: Child,
    pid: i32,
    out: BufReader<ChildStdout>,
    err: std::sync::mpsc::Receiver<String>,
}

impl Run {
    /// Starts notrace with `args` in `dir`, stdout and stderr piped.
    fn start(dir: &Path, args: &[&str]) -> Run {
        let mut child = Command::new(common::notrace())
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start notrace");
        let mut e = child.stderr.take().unwrap();
        let (tx, err) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = e.read_to_string(&mut s);
            let _ = tx.send(s);
        });
        Run {
            pid: child.id() as i32,
            out: BufReader::new(child.stdout.take().unwrap()),
            child,
            err,
        }
    }

    /// Everything written to stderr (by notrace and the command).
    fn stderr(&self) -> String {
        self.err
            .recv_timeout(WAIT)
            .expect("no end of file on stderr: is the command hanging, or is the pipe held?")
    }
}

/// Every fd of process `pid` is /dev/null, a socket, a pidfd or the
/// seccomp listener: no pipe, file or terminal of notrace's.
fn assert_holds_nothing_of_notrace(pid: i32) {
    for e in std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .flatten()
    {
        let target = std::fs::read_link(e.path()).unwrap();
        let t = target.to_string_lossy();
        assert!(
            t == "/dev/null"
                || t.starts_with("socket:")
                || t == "anon_inode:[pidfd]"
                || t == "anon_inode:seccomp notify",
            "keeper {pid} holds fd {:?} -> {t}",
            e.file_name()
        );
    }
}

/// `notrace -e openat -- sh -c 'sleep 1; echo ok > f'` killed during the
/// sleep: the program completes, its traced opens succeed, `f` says ok.
#[test]
fn killed_during_sleep_program_completes() {
    let dir = common::tempdir("keeper-sleep");
    let mut run = Run::start(
        &dir,
        &[
            "-e",
            "openat",
            "--",
            "sh",
            "-c",
            "echo started; sleep 1; echo ok > f; cat f; echo \"cat rc=$?\"",
        ],
    );
    let mut seen = read_until(&mut run.out, "started");
    let k = keeper_of(run.pid);
    assert!(keeper_alive(k));
    assert_holds_nothing_of_notrace(k);
    // Long enough for notrace to write the events it has (≤ 10 ms late).
    std::thread::sleep(Duration::from_millis(200));
    sigkill(run.pid);
    let status = run.child.wait().unwrap();
    assert_eq!(status.signal(), Some(libc::SIGKILL), "{status:?}");
    let err = run.stderr();
    seen.push_str(&read_rest(run.out));
    assert_eq!(seen, "started\nok\ncat rc=0\n", "stderr: {err}");
    assert_eq!(std::fs::read_to_string(dir.join("f")).unwrap(), "ok\n");
    // notrace traced until its death: openat was notified, not let through
    // by a filter that allows everything.
    assert!(
        err.contains("openat("),
        "no openat traced before the kill: {err}"
    );
    // No call failed because of notrace (ENOSYS from an orphaned filter);
    // the opens of `f` worked (results show the library searches' own
    // ENOENTs, which are the program's).
    assert!(!err.contains("not implemented"), "{err}");
    assert!(
        err.lines()
            .filter(|l| l.contains("\"f\", O_"))
            .all(|l| !l.contains(" = -1 ")),
        "{err}"
    );
    wait_keeper_gone(k);
}

/// Two processes opening, reading, closing and calling getppid in a loop
/// while notrace is killed: whatever notrace had received but not answered
/// is answered by the keeper, so both loops finish without an error.
#[test]
fn killed_mid_loop_every_call_succeeds() {
    if Command::new("python3")
        .arg("-c")
        .arg("")
        .status()
        .map(|s| !s.success())
        .unwrap_or(true)
    {
        eprintln!("skipped: python3 is not available");
        return;
    }
    let dir = common::tempdir("keeper-loop");
    std::fs::write(dir.join("data"), "x").unwrap();
    let prog = r#"
import os, sys, time
print("started", flush=True)
pid = os.fork()
t, n = time.time(), 0
while time.time() - t < 2.0:
    fd = os.open("data", os.O_RDONLY)
    assert os.read(fd, 1) == b"x"
    os.close(fd)
    os.getppid()
    n += 1
print("done", "child" if pid == 0 else "parent", n > 0, flush=True)
if pid:
    _, st = os.waitpid(pid, 0)
    print("child status", st, flush=True)
"#;
    let mut run = Run::start(
        &dir,
        &[
            "-e",
            "openat,read,close,getppid",
            "-o",
            "/dev/null",
            "--",
            "python3",
            "-c",
            prog,
        ],
    );
    let mut seen = read_until(&mut run.out, "started");
    let k = keeper_of(run.pid);
    std::thread::sleep(Duration::from_millis(500));
    sigkill(run.pid);
    run.child.wait().unwrap();
    let err = run.stderr();
    seen.push_str(&read_rest(run.out));
    assert!(
        seen.contains("done parent True") && seen.contains("done child True"),
        "a loop did not finish: {seen:?}; stderr: {err}"
    );
    assert!(seen.contains("child status 0\n"), "{seen:?}; stderr: {err}");
    assert!(err.is_empty(), "{err}");
    wait_keeper_gone(k);
}

/// With a deny rule, after notrace's death every call the rule covers fails
/// with EPERM (the keeper cannot match paths: it fails closed), while calls
/// no rule covers (write) still work.
#[test]
fn killed_with_rule_covered_calls_fail_closed() {
    let dir = common::tempdir("keeper-rule");
    let cmd = "read x < /etc/hostname && echo 'before ok'; echo started; sleep 2; \
               read x < /x/secret; echo \"secret rc=$?\"; \
               read x < /etc/hostname; echo \"hostname rc=$?\"; echo after";
    let mut run = Run::start(
        &dir,
        &[
            "--deny",
            "openat path=/x/secret",
            "-o",
            "/dev/null",
            "--",
            "sh",
            "-c",
            cmd,
        ],
    );
    let mut seen = read_until(&mut run.out, "started");
    let k = keeper_of(run.pid);
    sigkill(run.pid);
    run.child.wait().unwrap();
    let err = run.stderr();
    seen.push_str(&read_rest(run.out));
    // Writes (no rule covers them) go on; both opens fail; sh reports a
    // failed redirection with status 2.
    assert_eq!(
        seen, "before ok\nstarted\nsecret rc=2\nhostname rc=2\nafter\n",
        "stderr: {err}"
    );
    for p in ["/x/secret", "/etc/hostname"] {
        assert!(
            err.contains(&format!("cannot open {p}: Operation not permitted")),
            "opening {p} should fail with EPERM after the kill: {err}"
        );
    }
    wait_keeper_gone(k);
}

/// A normal run leaves no keeper: notrace reaps it before exiting.
#[test]
fn normal_run_leaves_no_keeper() {
    let dir = common::tempdir("keeper-normal");
    let mut run = Run::start(
        &dir,
        &[
            "-e",
            "openat",
            "--",
            "sh",
            "-c",
            "echo started; sleep 0.2; echo end",
        ],
    );
    let mut seen = read_until(&mut run.out, "started");
    let k = keeper_of(run.pid);
    let err = run.stderr();
    seen.push_str(&read_rest(run.out));
    let status = run.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(seen, "started\nend\n");
    // Not even a zombie: reaped by notrace itself (its pid could only have
    // been reused by a process of another name).
    assert_ne!(
        comm(k).as_deref(),
        Some("notrace-keeper"),
        "keeper {k} left behind (state {:?})",
        stat_field(k, 3)
    );
    assert!(err.contains("openat("), "{err}");
}

/// The keeper is not dumpable: run notrace as `nobody`; then notrace's
/// /proc files belong to nobody but the keeper's to root, and a `nobody`
/// process can take an fd from notrace with pidfd_getfd but not from the
/// keeper.
#[test]
fn keeper_is_not_dumpable() {
    let getfd = common::fixture("getfd");
    let dir = common::tempdir("keeper-dump");
    std::fs::set_permissions(&dir, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let probe = Command::new("setpriv")
        .args(nobody)
        .arg(common::notrace())
        .arg("--version")
        .output();
    match probe {
        Ok(o) if o.status.success() => {}
        other => {
            eprintln!("skipped: cannot run notrace as nobody with setpriv: {other:?}");
            return;
        }
    }
    let mut child = Command::new("setpriv")
        .args(nobody)
        .arg(common::notrace())
        .args([
            "-e",
            "openat",
            "-o",
            "/dev/null",
            "--",
            "sh",
            "-c",
            "echo started; sleep 2",
        ])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start setpriv notrace");
    // setpriv execs notrace: same pid.
    let pid = child.id() as i32;
    let mut out = BufReader::new(child.stdout.take().unwrap());
    read_until(&mut out, "started");
    let k = keeper_of(pid);
    let uid = |p: i32| {
        std::fs::metadata(format!("/proc/{p}/status"))
            .unwrap()
            .uid()
    };
    let status = std::fs::read_to_string(format!("/proc/{k}/status")).unwrap();
    assert!(status.contains("\nUid:\t65534\t"), "{status}");
    assert_eq!(uid(pid), 65534, "notrace itself is dumpable");
    assert_eq!(uid(k), 0, "the keeper's /proc files should belong to root");
    let try_getfd = |target: i32| {
        let o = Command::new("setpriv")
            .args(nobody)
            .arg(&getfd)
            .args([target.to_string(), "0".to_string()])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    assert_eq!(
        try_getfd(pid),
        "ok",
        "a same-uid process can take notrace's fds"
    );
    assert_eq!(
        try_getfd(k),
        format!("errno {}", libc::EPERM),
        "a same-uid process must not take the keeper's fds"
    );
    read_rest(out);
    child.wait().unwrap();
    assert!(!keeper_alive(k));
}

/// A detached tmux session on a server of its own, killed on drop.
struct Tmux(String);

impl Tmux {
    fn start(name: &str, shell_cmd: &str) -> Tmux {
        common::require_tool("tmux", "the held-call tests run notrace --tui in tmux");
        let t = Tmux(format!("notrace-keeper-{}-{name}", std::process::id()));
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
        assert!(out.status.success(), "tmux new-session: {out:?}");
        t
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.0])
            .args(args)
            .env_remove("TMUX")
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null())
            .output()
            .expect("run tmux")
    }

    fn wait_text(&self, text: &str) {
        let t0 = Instant::now();
        loop {
            let out = self.tmux(&["capture-pane", "-p", "-t", "t"]);
            let s = String::from_utf8_lossy(&out.stdout);
            if s.contains(text) {
                return;
            }
            assert!(t0.elapsed() < WAIT, "no {text:?} on the screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The process named notrace whose command line contains `token`.
fn notrace_with(token: &str) -> i32 {
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        if comm(p).as_deref() == Some("notrace")
            && String::from_utf8_lossy(&cmdline).contains(token)
        {
            return p;
        }
    }
    panic!("no notrace process with {token:?} in its command line");
}

/// Runs `sh` writing `one` while `write` is held in the TUI (so notrace has
/// received that call and not answered it), SIGKILLs notrace, and returns
/// what sh wrote to its result file by the end.
fn held_write_then_kill(name: &str, extra: &[&str]) -> String {
    let dir = common::tempdir(name);
    let result = dir.join("result");
    let q = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    // sh is the session leader of notrace's pty: it ignores the SIGHUP that
    // notrace's death brings, and writes to a file, not to the dead pty.
    let script = format!(
        "trap '' HUP; exec 3>{} 2>&3; echo one >&3; echo \"rc=$?\" >&3; echo end >&3",
        q(&result.to_string_lossy())
    );
    let mut cmd = vec![q(&common::notrace().to_string_lossy()), "--tui".into()];
    cmd.extend(["--hold".into(), "write".into()]);
    cmd.extend(extra.iter().map(|s| q(s)));
    cmd.extend(["--".into(), "sh".into(), "-c".into(), q(&script)]);
    let t = Tmux::start(name, &format!("{}; sleep 600", cmd.join(" ")));
    t.wait_text("write(1, \"one\\n\", 4)");
    t.wait_text("1 held");
    let pid = notrace_with(&result.to_string_lossy());
    let k = keeper_of(pid);
    sigkill(pid);
    let t0 = Instant::now();
    loop {
        let r = std::fs::read_to_string(&result).unwrap_or_default();
        if r.ends_with("end\n") {
            wait_keeper_gone(k);
            return r;
        }
        assert!(
            t0.elapsed() < WAIT,
            "sh did not finish after notrace's death; it wrote {r:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A call notrace holds (received, unanswered) when it dies is let through
/// by the keeper when no rule is in force.
#[test]
fn killed_while_holding_a_call_it_runs() {
    let r = held_write_then_kill("keeper-held", &[]);
    assert_eq!(r, "one\nrc=0\nend\n");
}

/// With rules in force, a call notrace left unanswered fails with EPERM
/// (whatever notrace was doing with it), even one no rule covers; the
/// calls after it run.
#[test]
fn killed_while_holding_a_call_with_rules_it_fails_closed() {
    let r = held_write_then_kill("keeper-held-rule", &["--deny", "openat path=/x/secret"]);
    assert!(!r.contains("one"), "{r:?}");
    assert!(
        r.contains("I/O error") || r.contains("not permitted"),
        "{r:?}"
    );
    assert!(r.ends_with("rc=1\nend\n"), "{r:?}");
}
