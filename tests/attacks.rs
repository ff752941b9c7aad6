//! Attacks on deny rules through notrace itself and through the calls it
//! performs for tracees, and the ordinary programs those calls must not
//! harm: each asserts what the program saw and what notrace printed.

mod common;

use common::*;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// [`common::run_bounded`], failing the test on a timeout: a tracee that
/// managed to stop notrace would hang it otherwise.
fn bounded(cmd: Command, limit: Duration) -> Output {
    let (out, killed) = run_bounded(cmd, limit);
    assert!(
        !killed,
        "notrace did not finish within {limit:?}: stopped by its tracee?\nstdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

fn attack_notrace(cmd: Command, who: &str) {
    let out = bounded(cmd, Duration::from_secs(30));
    let said = text(&out.stdout);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{who}: {said}\n{err}");
    for attempt in [
        "pidfd_open",
        "ptrace_attach",
        "ptrace_seize",
        "process_vm_readv",
        "process_vm_writev",
        "prlimit",
        "open_mem",
        "open_fd",
        "open_procdir",
        "openat_proc_environ",
        "tgkill_stop",
        "kill_stop",
        "kill_term",
        "fsetown",
        "fsetown_ex",
        "fiosetown",
        "setpriority",
        "sched_setaffinity",
        "secret",
    ] {
        let line = format!("{attempt}=EPERM");
        assert!(
            said.lines().any(|l| l == line),
            "{who}: expected {line} in:\n{said}\nnotrace said:\n{err}"
        );
    }
    assert!(!said.contains("pidfd_getfd_taken"), "{who}: {said}");
    for line in [
        "fsetown_self=ok",
        "fsetown_ex_self=ok",
        "owner_is_self=1",
        "fiosetown_self=ok",
        "setpriority_self=ok",
    ] {
        assert!(
            said.lines().any(|l| l == line),
            "{who}: no {line} in:\n{said}"
        );
    }
    // A signal-0 probe is harmless and still answered.
    assert!(said.lines().any(|l| l == "kill_zero=ok"), "{who}: {said}");
    // /proc/self in a call notrace performed is the tracee.
    assert!(
        said.lines()
            .any(|l| l == "self_status=Name:\tattack_notrace"),
        "{who}: {said}"
    );
    // Every refusal is in the audit trail, named.
    for call in [
        "pidfd_open(",
        "kill(",
        "tgkill(",
        "ptrace(",
        "process_vm_readv(",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(call)
                && l.ends_with("= -1 EPERM (Operation not permitted)")),
            "{who}: no refused {call} line in:\n{err}"
        );
    }
}

#[test]
fn a_root_tracee_cannot_stop_trace_read_or_rob_notrace() {
    let (_d, secret) = secret_dir("attack-root");
    let rule = format!("openat path={}", s(&secret));
    let fx = fixture("attack_notrace");
    let mut c = Command::new(notrace());
    c.args(["-e", "none", "--deny", &rule, "--", s(&fx), s(&secret)]);
    attack_notrace(c, "as root");
}

#[test]
fn an_ordinary_tracee_cannot_stop_trace_read_or_rob_notrace() {
    let (_d, secret) = secret_dir("attack-user");
    let rule = format!("openat path={}", s(&secret));
    let fx = fixture("attack_notrace");
    let Some(c) = notrace_as_nobody(&["-e", "none", "--deny", &rule, "--", s(&fx), s(&secret)])
    else {
        eprintln!("skipped: needs root and setpriv to run notrace as nobody");
        return;
    };
    attack_notrace(c, "as nobody");
}

#[test]
fn a_connect_rule_alone_also_keeps_notrace_out_of_reach() {
    // No path rule: opens are still performed by notrace, so its /proc
    // entries stay out of reach.
    let fx = fixture("attack_notrace");
    let mut c = Command::new(notrace());
    c.args(["-e", "none", "--deny", "connect port=9", "--", s(&fx)]);
    let out = bounded(c, Duration::from_secs(30));
    let said = text(&out.stdout);
    for line in ["open_mem=EPERM", "kill_stop=EPERM", "pidfd_open=EPERM"] {
        assert!(said.lines().any(|l| l == line), "{line} not in:\n{said}");
    }
}

/// A shell script of everyday file idioms, run bare and under a path
/// rule: the program must see exactly the same.
const IDIOMS: &str = r#"
cd "$1"
echo old > existing
echo new > existing; cat existing
echo more >> existing; cat existing
ls /nonexistent 2>/dev/null; echo "ls: $?"
echo hidden >/dev/null; echo "devnull: $?"
cat /dev/stdin < existing
cat /dev/fd/0 < existing
bash -c 'cat <(echo procsubst)'
bash -c 'while read -r l; do echo "read $l"; done < <(printf "a\nb\n")'
python3 -c 'open("/dev/null", "w").write("x"); print("py devnull ok")'
python3 -c '
import os
fd = os.open("/etc", os.O_PATH)
print("o_path", os.fstat(fd).st_ino == os.stat("/etc").st_ino)
try:
    os.open("existing", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
except FileExistsError:
    print("excl EEXIST")
ln = "dangling"
os.symlink("target-of-dangling", ln)
os.close(os.open(ln, os.O_CREAT | os.O_WRONLY, 0o600))
print("dangling created", os.path.exists("target-of-dangling"))
try:
    os.open(ln, os.O_NOFOLLOW | os.O_RDONLY)
except OSError as e:
    print("nofollow", e.errno)
try:
    os.open("existing/", os.O_RDONLY)
except OSError as e:
    print("trailing slash", e.errno)
try:
    os.open(".", os.O_WRONLY)
except OSError as e:
    print("dir write", e.errno)
d = os.open(".", os.O_RDONLY | os.O_DIRECTORY)
os.close(os.open("made-at", os.O_CREAT | os.O_WRONLY, 0o640, dir_fd=d))
print("openat mode", oct(os.stat("made-at").st_mode & 0o777))
print("self", open("/proc/self/status").readline().split()[1])
print("thread-self", os.path.basename(os.readlink("/proc/thread-self")) == str(os.getpid()) or os.readlink("/proc/thread-self"))
print("maps", "python" in open("/proc/self/maps").readline())
os.mkfifo("fifo")
'
umask 077; : > private; stat -c '%a' private
mkdir -p sub/dir && cd sub && echo rel > dir/f && cat ../sub/./dir/f
"#;

#[test]
fn everyday_file_idioms_behave_as_without_notrace() {
    require_tool("python3", "the idioms script uses python3");
    let run = |under: bool| {
        let d = tempdir(if under { "idioms-nt" } else { "idioms-bare" });
        let mut c = if under {
            let mut c = Command::new(notrace());
            // -q: where notrace may not collect results (an unprivileged
            // run), its one line saying so would be on the command's stderr.
            c.args([
                "-q",
                "-e",
                "openat",
                "-o",
                "/dev/null",
                "--deny",
                "openat path=/nonexistent/secret",
                "--",
            ]);
            c.arg("sh");
            c
        } else {
            Command::new("sh")
        };
        c.args(["-c", IDIOMS, "sh", s(&d)]);
        let out = bounded(c, Duration::from_secs(60));
        (
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr).replace(s(&d), "DIR"),
        )
    };
    let bare = run(false);
    let traced = run(true);
    assert_eq!(bare.0, Some(0), "bare run failed: {bare:?}");
    assert!(bare.1.contains("procsubst"), "{bare:?}");
    assert_eq!(traced, bare, "under notrace (left) vs bare (right)");
}

#[test]
fn forged_events_cannot_reach_notraces_stdout_through_proc_self() {
    let o = run_notrace(&[
        "--json",
        "-e",
        "openat",
        "--deny",
        "openat path=/nonexistent/secret",
        "--",
        "sh",
        "-c",
        r#"echo '{"type":"syscall","syscall":"forged"}' > /proc/self/fd/1; echo '{"type":"forged2"}' > /dev/stdout"#,
    ]);
    let all = text(&o.stdout);
    // The header quotes notrace's command line, "forged" and all; every
    // other line must be free of it.
    let (header, out) = all.split_once('\n').unwrap_or_default();
    assert!(header.starts_with(r#"{"type":"header""#), "{all}");
    assert!(
        !out.contains("forged"),
        "the tracee wrote into notrace's JSONL:\n{out}"
    );
    for l in out.lines() {
        serde_json::from_str::<serde_json::Value>(l).unwrap_or_else(|e| panic!("{e}: {l}"));
    }
    // It went where the command's stdout goes: notrace's stderr.
    assert!(text(&o.stderr).contains("forged2"), "{}", text(&o.stderr));
}

#[test]
fn a_landlocked_tracee_stays_confined() {
    let fx = fixture("landlock_open");
    let bare = Command::new(&fx)
        .args(["/usr", "/etc/hostname"])
        .output()
        .unwrap();
    let bare = text(&bare.stdout);
    if !bare.contains("restrict=ok") {
        eprintln!("skipped: Landlock is not available here ({bare})");
        return;
    }
    assert!(bare.contains("self=EACCES"), "{bare}");
    let o = run_notrace(&[
        "-e",
        "openat",
        "--deny",
        "openat path=/nonexistent/secret",
        "--",
        s(&fx),
        "/usr",
        "/etc/hostname",
    ]);
    let said = text(&o.stdout);
    assert!(said.contains("restrict=ok"), "{said}");
    for who in ["self", "child"] {
        let line = said
            .lines()
            .find(|l| l.starts_with(&format!("{who}=")))
            .unwrap_or_else(|| panic!("no {who} line in {said}"));
        assert_ne!(line, format!("{who}=ok"), "Landlock bypassed: {said}");
    }
    let err = text(&o.stderr);
    assert!(
        err.lines()
            .any(|l| l.contains("\"/etc/hostname\"") && l.contains("= -1 E")),
        "{err}"
    );
}

#[test]
fn dev_tty_is_the_tracees_controlling_terminal() {
    // script(1) gives its shell a terminal of its own; notrace (started
    // here in a new session, with no terminal) must open that one for it.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: script(1) (util-linux) is not installed");
        return;
    }
    let mut c = Command::new(notrace());
    c.args([
        "-e",
        "none",
        "--deny",
        "openat path=/nonexistent/secret",
        "--",
        "script",
        "-qec",
        "echo via-tty > /dev/tty && echo wrote",
        "/dev/null",
    ]);
    let out = bounded(c, Duration::from_secs(30));
    let said = text(&out.stdout);
    assert!(said.contains("via-tty"), "{said}\n{}", text(&out.stderr));
    assert!(said.contains("wrote"), "{said}");
}

#[test]
fn the_server_of_an_emulated_unix_connect_never_sees_notrace() {
    let d = tempdir("unix-peer");
    let sock = d.join("s.sock");
    let fx = fixture("unix_peer");
    let bare = Command::new(&fx).arg(&sock).output().unwrap();
    let bare = text(&bare.stdout);
    assert!(bare.contains("peer_is_self=1"), "{bare}");
    // A connect rule makes notrace perform every connect.
    let mut c = Command::new(notrace());
    c.args([
        "-e",
        "connect",
        "--deny",
        "connect port=9",
        "--",
        s(&fx),
        s(&sock),
    ]);
    let out = bounded(c, Duration::from_secs(30));
    let said = text(&out.stdout);
    for line in [
        "connect=ok",
        "peer_is_parent=0",
        "uid_ok=1",
        "peer_fds_taken=0",
        "data=ping",
    ] {
        assert!(
            said.lines().any(|l| l == line),
            "no {line} in:\n{said}\n{}",
            text(&out.stderr)
        );
    }
}
