//! Signals reach the traced command as often as they would without
//! notrace: once. A group kill aimed at notrace's process group (what
//! process supervisors and shells send), a kill aimed at notrace's pid
//! (what timeout(1) sends), and a terminal's ^C each count exactly one in a
//! handler-counting fixture; ^Z and `fg` stop and resume the job.
//!
//! The fixture `sigcount` prints "ready", counts SIGINT/SIGTERM/SIGHUP and
//! prints the counts when it reads "report". After each signal the tests
//! leave a grace period for a second (duplicate) delivery to arrive before
//! asking for the counts: a duplicate is what they guard against.
//!
//! The terminal tests need tmux and bash; without them they fail saying
//! so (CI installs them), like tests/tui_e2e.rs.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a forwarded duplicate to land, on a busy machine.
const GRACE: Duration = Duration::from_millis(500);

struct Traced {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// Starts `notrace -e getppid -o FILE -- sigcount` in a process group of
/// its own (as a shell or a service manager starts a job) and waits for the
/// fixture's "ready".
fn start(tag: &str) -> Traced {
    let dir = common::tempdir(tag);
    let mut child = Command::new(common::notrace())
        .args(["-e", "getppid", "-o"])
        .arg(dir.join("trace.txt"))
        .arg("--")
        .arg(common::fixture("sigcount"))
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn notrace");
    let stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "ready\n", "the fixture did not start");
    Traced {
        child,
        stdin,
        stdout,
    }
}

impl Traced {
    /// Asks for the counts until `field` reaches `n` (at most 20 s).
    fn wait_count(&mut self, field: &str, n: usize) {
        let t0 = Instant::now();
        loop {
            self.stdin.write_all(b"count\n").unwrap();
            let mut line = String::new();
            self.stdout.read_line(&mut line).unwrap();
            let got: usize = line
                .split_whitespace()
                .skip_while(|w| *w != field)
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {field} in {line:?}"));
            if got >= n {
                return;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "{field} stays at {got}, {n} sent"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits out the grace period, asks for the counts, and checks that
    /// notrace and the fixture exit 0.
    fn counts(mut self) -> String {
        std::thread::sleep(GRACE);
        self.stdin.write_all(b"report\n").unwrap();
        drop(self.stdin);
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        let status = self.child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "notrace: {status:?}");
        line.trim_end().to_string()
    }
}

fn kill(pid: i32, sig: i32) {
    // SAFETY: plain kill(2) on our own child (or its process group).
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0, "kill({pid}, {sig})");
}

/// Sends `sig` to `target` ROUNDS times, apart: under the old forwarding
/// a duplicate merges with the first copy when it lands before the first
/// is handled, so one round may hide it; eight rounds do not. Each copy
/// is sent once the fixture has counted the one before (a fixed gap was
/// not enough on a loaded machine: two copies merged in the kernel, as
/// they would in a bare run, and the count came out one short).
const ROUNDS: usize = 8;

fn kill_rounds(t: &mut Traced, target: i32, sig: i32) {
    let field = match sig {
        libc::SIGINT => "INT",
        libc::SIGTERM => "TERM",
        _ => "HUP",
    };
    for i in 1..=ROUNDS {
        kill(target, sig);
        t.wait_count(field, i);
    }
}

#[test]
fn a_group_kill_of_notrace_s_group_reaches_the_command_once() {
    let mut t = start("grp-int");
    let pgid = t.child.id() as i32;
    kill_rounds(&mut t, -pgid, libc::SIGINT);
    assert_eq!(t.counts(), format!("INT {ROUNDS} TERM 0 HUP 0"));
}

#[test]
fn group_kills_of_term_and_hup_reach_the_command_once_each() {
    let mut t = start("grp-term-hup");
    let pgid = t.child.id() as i32;
    kill_rounds(&mut t, -pgid, libc::SIGTERM);
    kill_rounds(&mut t, -pgid, libc::SIGHUP);
    assert_eq!(t.counts(), format!("INT 0 TERM {ROUNDS} HUP {ROUNDS}"));
}

#[test]
fn a_kill_of_notrace_s_pid_reaches_the_command_once() {
    let mut t = start("pid-term");
    let pid = t.child.id() as i32;
    kill_rounds(&mut t, pid, libc::SIGTERM);
    assert_eq!(t.counts(), format!("INT 0 TERM {ROUNDS} HUP 0"));
}

#[test]
fn timeout_s_double_kill_still_ends_the_command() {
    // timeout(1) signals its child (notrace) and then its own process
    // group; the command must get it and end notrace with it.
    if Command::new("timeout").arg("--version").output().is_err() {
        eprintln!("skipped: timeout(1) is not installed");
        return;
    }
    let t0 = Instant::now();
    let out = Command::new("timeout")
        .args(["-s", "TERM", "1"])
        .arg(common::notrace())
        .args(["-e", "getppid", "-o", "/dev/null", "--", "sleep", "30"])
        .stdin(Stdio::null())
        .output()
        .expect("run timeout");
    assert_eq!(out.status.code(), Some(124), "{out:?}");
    assert!(t0.elapsed() < Duration::from_secs(20), "{:?}", t0.elapsed());
}

// ------------------------------------------------------------- terminal

/// A bash in a detached tmux session of its own; the server is killed on
/// drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str) -> Option<Tmux> {
        common::require_tool("tmux", "the ^C/^Z tests drive a shell in tmux");
        if Command::new("bash").arg("--version").output().is_err() {
            panic!("bash is not installed: the ^C/^Z tests run an interactive bash in tmux");
        }
        let t = Tmux {
            socket: format!("notrace-sig-{}-{name}", std::process::id()),
        };
        let out = t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "120",
            "-y",
            "30",
            "env PS1='PROMPT>' bash --norc --noprofile -i",
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        Some(t)
    }

    fn tmux(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env_remove("TMUX")
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null())
            .output()
            .expect("run tmux")
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.tmux(&args).status.success(), "send-keys {keys:?}");
    }

    fn line(&self, text: &str) {
        assert!(self
            .tmux(&["send-keys", "-t", "t", "-l", text])
            .status
            .success());
        self.keys(&["Enter"]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits until `text` is on the screen `times` times.
    fn wait_for(&self, text: &str, times: usize) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if s.matches(text).count() >= times {
                return s;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "waited 30 s for {text:?} x{times}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn traced_sigcount_cmd(tag: &str) -> String {
    let dir = common::tempdir(tag);
    format!(
        "{} -e getppid -o {} -- {}",
        common::notrace().display(),
        dir.join("trace.txt").display(),
        common::fixture("sigcount").display()
    )
}

#[test]
fn ctrl_c_on_a_terminal_reaches_the_command_once() {
    let Some(t) = Tmux::start("ctrl-c") else {
        return;
    };
    t.wait_for("PROMPT>", 1);
    t.line(&traced_sigcount_cmd("tty-int"));
    t.wait_for("ready", 1);
    t.keys(&["C-c"]);
    std::thread::sleep(GRACE);
    t.line("report");
    let s = t.wait_for("INT ", 1);
    assert!(s.contains("INT 1 TERM 0 HUP 0"), "screen:\n{s}");
    t.line("echo rc=$?");
    t.wait_for("rc=0", 1);
}

#[test]
fn ctrl_z_stops_the_job_and_fg_resumes_it() {
    let Some(t) = Tmux::start("ctrl-z") else {
        return;
    };
    t.wait_for("PROMPT>", 1);
    t.line(&traced_sigcount_cmd("tty-tstp"));
    t.wait_for("ready", 1);
    t.keys(&["C-z"]);
    // bash reports the job stopped and gives the prompt back.
    let s = t.wait_for("Stopped", 1);
    assert!(
        !s.contains("INT "),
        "the job ended instead of stopping:\n{s}"
    );
    t.line("fg");
    // The command has the terminal again: it reads what is typed.
    std::thread::sleep(GRACE);
    t.line("report");
    let s = t.wait_for("INT ", 1);
    assert!(s.contains("INT 0 TERM 0 HUP 0"), "screen:\n{s}");
    t.line("echo rc=$?");
    t.wait_for("rc=0", 1);
    // And the shell has its terminal back.
    t.line("echo back-$((6*7))");
    t.wait_for("back-42", 1);
}
