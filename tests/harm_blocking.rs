//! A call notrace performs for the tracee that blocks (a FIFO open under a
//! path rule, a blocking connect under a connect rule) stays interruptible
//! as the tracee's own call would be: a handled signal ends it with EINTR
//! or restarts it (SA_RESTART), SIGSTOP stops the tracee and SIGCONT goes
//! on, a fatal signal kills it, and notrace drops what it was doing. Each
//! case is compared with a bare run of the same fixture where that makes
//! sense.

mod common;

use common::{fixture, notrace, tempdir};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const OPEN_RULE: &str = "openat path=/nonexistent/x";

/// A running program (traced or bare) whose stdout lines arrive on a
/// channel as they are printed, and whose stderr is collected.
struct Run {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    stderr: std::thread::JoinHandle<String>,
}

impl Run {
    fn start(traced: Option<&[&str]>, prog: &Path, args: &[&str]) -> Run {
        let mut cmd = match traced {
            Some(opts) => {
                let mut c = Command::new(notrace());
                c.args(opts).arg("--").arg(prog);
                c
            }
            None => Command::new(prog),
        };
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        let out = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        });
        Run {
            child,
            lines,
            seen: Vec::new(),
            stderr,
        }
    }

    /// The next line starting with `prefix`, within `limit`.
    fn line(&mut self, prefix: &str, limit: Duration) -> Option<String> {
        let end = Instant::now() + limit;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if l.starts_with(prefix) {
                        return Some(l);
                    }
                }
                Err(_) => return None,
            }
        }
    }

    /// Like [`Run::line`], panicking (after killing the run) if it does
    /// not come.
    fn expect(&mut self, prefix: &str, limit: Duration) -> String {
        match self.line(prefix, limit) {
            Some(l) => l,
            None => {
                let _ = self.child.kill();
                let (_, _, err) = self.finish();
                panic!(
                    "no line {prefix:?} within {limit:?}; saw {:?}; stderr:\n{err}",
                    self.seen
                );
            }
        }
    }

    /// Waits (10 s at most, then kills) and returns the exit code, every
    /// stdout line and stderr.
    fn finish(&mut self) -> (Option<i32>, Vec<String>, String) {
        let end = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                break self.child.wait().unwrap();
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        while let Ok(l) = self.lines.recv_timeout(Duration::from_millis(500)) {
            self.seen.push(l);
        }
        let stderr = std::mem::replace(&mut self.stderr, std::thread::spawn(String::new));
        (status.code(), self.seen.clone(), stderr.join().unwrap())
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mkfifo(dir: &Path) -> PathBuf {
    let p = dir.join("fifo");
    let c = std::ffi::CString::new(p.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    p
}

fn kill(pid: i32, sig: i32) {
    // SAFETY: integer arguments; `pid` is a fixture this test started.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill {pid} {sig}");
}

fn pid_of(opening: &str) -> i32 {
    opening
        .strip_prefix("opening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("bad line {opening:?}"))
}

/// The state letter of `pid` (R, S, D, T...).
fn state(pid: i32) -> Option<char> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    s.rsplit_once(')')?.1.trim_start().chars().next()
}

/// Waits until a thread of `pid` is asleep in the seccomp notification
/// wait (so the call is in notrace's hands) or, bare, a moment.
fn wait_blocked(pid: i32, traced: bool) {
    let end = Instant::now() + Duration::from_secs(5);
    while traced && Instant::now() < end {
        let waiting = std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|t| {
                std::fs::read_to_string(t.path().join("wchan")).is_ok_and(|w| w.contains("seccomp"))
            });
        if waiting {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        Instant::now() < end,
        "pid {pid} never blocked in notrace's hands"
    );
    // Give notrace (or, bare, the kernel) time to start the blocking open.
    std::thread::sleep(Duration::from_millis(150));
}

/// Opens the FIFO for writing (blocking until the reader is there, 5 s at
/// most) and writes `text`.
fn write_fifo(fifo: &Path, text: &str) {
    let end = Instant::now() + Duration::from_secs(5);
    loop {
        // Non-blocking first: ENXIO while no reader has it open.
        let r = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags_nonblock()
            .open(fifo);
        match r {
            Ok(mut f) => {
                f.write_all(text.as_bytes()).unwrap();
                return;
            }
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) && Instant::now() < end => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("opening {} for writing: {e}", fifo.display()),
        }
    }
}

trait NonBlock {
    fn custom_flags_nonblock(&mut self) -> &mut Self;
}

impl NonBlock for std::fs::OpenOptions {
    fn custom_flags_nonblock(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.custom_flags(libc::O_NONBLOCK)
    }
}

/// What the fixture printed, without the timings.
fn untimed(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| match l.split_once(" ms=") {
            Some((a, _)) => a.to_string(),
            None => l.clone(),
        })
        .map(|l| match l.strip_prefix("opening ") {
            Some(_) => "opening".to_string(),
            None => l,
        })
        .collect()
}

fn ms_of(line: &str) -> u64 {
    line.rsplit_once(" ms=")
        .and_then(|(_, m)| m.parse().ok())
        .unwrap_or_else(|| panic!("no ms= in {line:?}"))
}

/// How many trace lines of `stderr` are `call` calls naming `what`.
fn calls(stderr: &str, call: &str, what: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.contains(&format!("{call}(")) && l.contains(what))
        .count()
}

/// The FIFO open interrupted by SIGINT (`mode`: the fixture's intr or
/// thread); returns the fixture's lines, notrace's stderr (traced) and how
/// long the open went on after the signal.
fn fifo_intr(traced: bool, mode: &str) -> (Vec<String>, String, Duration) {
    let dir = tempdir("blk-intr");
    let fifo = mkfifo(&dir);
    let opts = ["-e", "openat", "--deny", OPEN_RULE];
    let mut r = Run::start(
        traced.then_some(&opts[..]),
        &fixture("fifoblock"),
        &[fifo.to_str().unwrap(), mode],
    );
    let pid = pid_of(&r.expect("opening ", Duration::from_secs(10)));
    wait_blocked(pid, traced);
    let t = Instant::now();
    kill(pid, libc::SIGINT);
    r.expect("open=", Duration::from_secs(5));
    let took = t.elapsed();
    let (code, lines, err) = r.finish();
    assert_eq!(code, Some(0), "{lines:?}\n{err}");
    let _ = std::fs::remove_dir_all(&dir);
    (lines, err, took)
}

#[test]
fn a_fifo_open_interrupted_by_a_handler_without_sa_restart_fails_with_eintr_promptly() {
    let (bare, _, _) = fifo_intr(false, "intr");
    let (lines, err, took) = fifo_intr(true, "intr");
    assert_eq!(
        untimed(&lines),
        [
            "opening",
            "sig",
            "open=-1 errno=Interrupted system call",
            "done"
        ],
        "{err}"
    );
    assert_eq!(untimed(&lines), untimed(&bare), "traced vs bare");
    assert!(took < Duration::from_secs(1), "open went on {took:?}");
    assert_eq!(calls(&err, "openat", "/fifo\""), 1, "{err}");
    assert!(err.contains("+++ exited with 0 +++"), "{err}");
    eprintln!("open returned {took:?} after SIGINT");
}

#[test]
fn a_signal_only_the_opening_thread_can_take_interrupts_its_open() {
    let (bare, _, _) = fifo_intr(false, "thread");
    let (lines, err, took) = fifo_intr(true, "thread");
    assert_eq!(
        untimed(&lines),
        [
            "opening",
            "sig",
            "open=-1 errno=Interrupted system call",
            "done"
        ],
        "{err}"
    );
    assert_eq!(untimed(&lines), untimed(&bare), "traced vs bare");
    assert!(took < Duration::from_secs(1), "open went on {took:?}");
}

#[test]
fn a_fifo_open_interrupted_by_a_handler_with_sa_restart_restarts_and_completes() {
    let dir = tempdir("blk-restart");
    let fifo = mkfifo(&dir);
    let mut r = Run::start(
        Some(&["-e", "openat", "--deny", OPEN_RULE]),
        &fixture("fifoblock"),
        &[fifo.to_str().unwrap(), "restart"],
    );
    let pid = pid_of(&r.expect("opening ", Duration::from_secs(10)));
    wait_blocked(pid, true);
    kill(pid, libc::SIGINT);
    r.expect("sig", Duration::from_secs(1));
    // Restarted, not failed: blocked in the open again, in notrace's hands.
    assert_eq!(r.line("open=", Duration::from_millis(300)), None);
    wait_blocked(pid, true);
    write_fifo(&fifo, "hello\n");
    let open = r.expect("open=", Duration::from_secs(5));
    let (code, lines, err) = r.finish();
    assert_eq!(code, Some(0), "{lines:?}\n{err}");
    assert!(open.starts_with("open=3 errno=0"), "{lines:?}");
    assert_eq!(
        untimed(&lines),
        ["opening", "sig", "open=3 errno=0", "read=hello", "done"]
    );
    // The restarted call is a new notification, decided afresh.
    assert_eq!(calls(&err, "openat", "/fifo\""), 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigstop_stops_a_tracee_blocked_in_a_fifo_open_and_sigcont_resumes_it() {
    let dir = tempdir("blk-stop");
    let fifo = mkfifo(&dir);
    let mut r = Run::start(
        Some(&["-e", "openat", "--deny", OPEN_RULE]),
        &fixture("fifoblock"),
        &[fifo.to_str().unwrap(), "plain"],
    );
    let pid = pid_of(&r.expect("opening ", Duration::from_secs(10)));
    wait_blocked(pid, true);
    let t = Instant::now();
    kill(pid, libc::SIGSTOP);
    while state(pid) != Some('T') {
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "not stopped after {:?}: state {:?}",
            t.elapsed(),
            state(pid)
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let stopped_in = t.elapsed();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(state(pid), Some('T'), "stays stopped");
    kill(pid, libc::SIGCONT);
    // Continued, the open restarts and waits for a writer again.
    wait_blocked(pid, true);
    assert_eq!(r.line("open=", Duration::from_millis(100)), None);
    write_fifo(&fifo, "hi\n");
    r.expect("open=", Duration::from_secs(5));
    let (code, lines, err) = r.finish();
    assert_eq!(code, Some(0), "{lines:?}\n{err}");
    assert_eq!(
        untimed(&lines),
        ["opening", "open=3 errno=0", "read=hi", "done"]
    );
    assert_eq!(calls(&err, "openat", "/fifo\""), 2, "{err}");
    eprintln!("stopped {stopped_in:?} after SIGSTOP");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sigint_kills_a_tracee_blocked_in_a_fifo_open_and_notrace_drops_the_open() {
    let dir = tempdir("blk-kill");
    let fifo = mkfifo(&dir);
    // sh stays traced after the fixture dies, so notrace is still running
    // when the FIFO is looked at.
    let script = r#""$0" "$1" plain; echo "status=$?"; sleep 2"#;
    let fx = fixture("fifoblock");
    let mut r = Run::start(
        Some(&["-f", "-e", "openat", "--deny", OPEN_RULE]),
        Path::new("/bin/sh"),
        &["-c", script, fx.to_str().unwrap(), fifo.to_str().unwrap()],
    );
    let pid = pid_of(&r.expect("opening ", Duration::from_secs(10)));
    wait_blocked(pid, true);
    let t = Instant::now();
    kill(pid, libc::SIGINT);
    let status = r.expect("status=", Duration::from_secs(5));
    let took = t.elapsed();
    assert_eq!(status, "status=130");
    assert!(took < Duration::from_secs(1), "died after {took:?}");
    // No reader is left: notrace's own open of the FIFO was dropped.
    std::thread::sleep(Duration::from_millis(100));
    let w = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags_nonblock()
        .open(&fifo);
    let errno = w.as_ref().err().and_then(|e| e.raw_os_error());
    assert_eq!(
        errno,
        Some(libc::ENXIO),
        "a reader still has the FIFO: {w:?}"
    );
    let (code, lines, err) = r.finish();
    assert_eq!(code, Some(0), "{lines:?}\n{err}");
    // (notrace reports no death by signal of a process other than the
    // command itself: sh's status line is the evidence.)
    assert_eq!(calls(&err, "openat", "/fifo\""), 1, "{err}");
    assert!(err.contains("+++ exited with 0 +++"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// connblock, bare or traced under a connect rule; its lines and stderr.
fn connblock(traced: bool, args: &[&str]) -> (Vec<String>, String) {
    let opts = ["-e", "connect", "--deny", "connect port=1"];
    let mut r = Run::start(traced.then_some(&opts[..]), &fixture("connblock"), args);
    let (code, lines, err) = r.finish();
    assert_eq!(code, Some(0), "traced: {traced} {lines:?}\n{err}");
    (lines, err)
}

#[test]
fn a_blocking_connect_interrupted_by_a_handler_fails_with_eintr_as_in_a_bare_run() {
    let (bare, _) = connblock(false, &[]);
    let expected = [
        "sig",
        "connect=-1 errno=EINTR",
        "again=-1 errno=EALREADY",
        "done",
    ];
    if untimed(&bare[1..]) != expected {
        eprintln!("skipped: a connect to a full accept queue does not block here: {bare:?}");
        return;
    }
    let (lines, err) = connblock(true, &[]);
    assert_eq!(untimed(&lines), untimed(&bare), "traced vs bare\n{err}");
    // SIGALRM comes 300 ms after the connect starts.
    let ms = ms_of(&lines[2]);
    assert!((250..1000).contains(&ms), "connect took {ms} ms");
    // Two fill connects, the interrupted one, the non-blocking one again.
    assert_eq!(calls(&err, "connect", "127.0.0.1"), 4, "{err}");
}

#[test]
fn a_blocking_connect_interrupted_by_a_handler_with_sa_restart_completes_as_in_a_bare_run() {
    let (bare, _) = connblock(false, &["restart"]);
    let expected = ["sig", "connect=0 errno=0", "again=-1 errno=EISCONN", "done"];
    if untimed(&bare[1..]) != expected {
        eprintln!("skipped: the bare run did not connect after the restart: {bare:?}");
        return;
    }
    let (lines, err) = connblock(true, &["restart"]);
    assert_eq!(untimed(&lines), untimed(&bare), "traced vs bare\n{err}");
    // The restarted connect is a new notification, decided afresh.
    assert_eq!(calls(&err, "connect", "127.0.0.1"), 5, "{err}");
}
