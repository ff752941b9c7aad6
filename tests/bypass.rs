//! Ways around deny rules through calls the rules do not name, each tried
//! on a real program under notrace: opening by file handle, new mounts,
//! TCP Fast Open, hard links and renames of files and sockets a glob
//! denies, and x32 calls on a kernel without x32. Every attack must fail;
//! each test checks the errno the program saw and the audit-trail event
//! notrace wrote (JSONL, `-o FILE`).

mod common;

use common::*;
use serde_json::Value;
use std::net::TcpListener;
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn root() -> bool {
    rustix::process::geteuid().is_root()
}

/// A directory holding `lower/secret` ("SECRET"), an empty `empty/` and
/// `mnt/`, a mount point outside `lower` (overlayfs refuses layers that
/// hold the mount point).
fn secret_dir(tag: &str) -> (PathBuf, PathBuf) {
    let d = tempdir(tag);
    std::fs::create_dir(d.join("lower")).unwrap();
    let secret = d.join("lower/secret");
    std::fs::write(&secret, "SECRET\n").unwrap();
    std::fs::create_dir(d.join("empty")).unwrap();
    std::fs::create_dir(d.join("mnt")).unwrap();
    (d, secret)
}

/// `notrace --json -o LOG -e none --deny RULE -- CMD...`, optionally
/// inside a private mount namespace (`unshare -m`), so that a mount that
/// got through would not leak out of the test. Returns the output and the
/// JSONL events.
fn under(rule: &str, log: &Path, cmd: &[&str], private_mounts: bool) -> (Output, Vec<Value>) {
    let mut args: Vec<String> = Vec::new();
    if private_mounts {
        args.extend(["-m", "--propagation", "private"].map(String::from));
        args.push(s(&notrace()).to_string());
    }
    args.extend(["--json", "-o", s(log), "-e", "none", "--deny", rule, "--"].map(String::from));
    args.extend(cmd.iter().map(|c| c.to_string()));
    let prog = if private_mounts {
        PathBuf::from("unshare")
    } else {
        notrace()
    };
    let o = Command::new(prog)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run notrace");
    let events = parse_jsonl(&std::fs::read(log).unwrap_or_default());
    (o, events)
}

/// The denial event of `syscall`, which must exist, with its rule text.
fn denial<'a>(events: &'a [Value], syscall: &str, errno: &str) -> &'a str {
    let e = syscalls_named(events, syscall)
        .into_iter()
        .find(|e| e["action"] == "deny")
        .unwrap_or_else(|| panic!("no denied {syscall} in {events:#?}"));
    assert_eq!(e["errno"], errno, "{e}");
    e["rule"].as_str().expect("a rule text")
}

/// The fixture run alone (no notrace), in a private mount namespace when
/// asked: the attack must work there, else the test has nothing to show.
fn plain(cmd: &[&str], private_mounts: bool) -> Output {
    let mut c = if private_mounts {
        let mut c = Command::new("unshare");
        c.args(["-m", "--propagation", "private"]);
        c.args(cmd);
        c
    } else {
        let mut c = Command::new(cmd[0]);
        c.args(&cmd[1..]);
        c
    };
    c.output().expect("run the fixture")
}

#[test]
fn open_by_handle_at_of_a_denied_file_is_refused() {
    if !root() {
        eprintln!("skipped: open_by_handle_at needs CAP_DAC_READ_SEARCH (run as root)");
        return;
    }
    let (d, secret) = secret_dir("handle");
    let bin = fixture("bypass");
    let lower = d.join("lower");
    let cmd = [s(&bin), "handle", s(&secret), s(&lower)];
    let alone = plain(&cmd, false);
    if !out(&alone).contains("read: SECRET") {
        eprintln!(
            "note: open_by_handle_at does not work here without notrace either: {}",
            out(&alone)
        );
    }
    let rule = format!("openat path={}", s(&secret));
    let (o, ev) = under(&rule, &d.join("log"), &cmd, false);
    let so = out(&o);
    assert!(so.contains("name_to_handle_at: ok"), "{so}");
    assert!(so.contains("open_by_handle_at: errno 1\n"), "{so}");
    assert!(!so.contains("SECRET"), "{so}");
    assert_eq!(o.status.code(), Some(3), "{}", err(&o));
    let r = denial(&ev, "open_by_handle_at", "EPERM");
    assert!(r.contains("opening by file handle"), "{r}");
}

/// One mount attack: `mode` of the fixture, the step that must be refused
/// and the words of its rule.
fn mount_attack(mode: &str, refused: &str, because: &str) {
    if !root() {
        eprintln!("skipped: mounting needs root");
        return;
    }
    if Command::new("unshare").arg("-V").output().is_err() {
        eprintln!("skipped: no unshare(1) to make a private mount namespace");
        return;
    }
    let (d, secret) = secret_dir(&format!("mount-{mode}"));
    let bin = fixture("bypass");
    let lower = d.join("lower");
    let lowers = format!("{}:{}", s(&lower), s(&d.join("empty")));
    let mnt = d.join("mnt");
    let cmd: Vec<&str> = match mode {
        "overlay" | "fsmount" => vec![s(&bin), mode, &lowers, s(&mnt), "secret"],
        "bind" => vec![s(&bin), mode, s(&lower), s(&mnt), "secret"],
        _ => vec![s(&bin), mode, s(&lower), "secret"],
    };
    let alone = plain(&cmd, true);
    if !out(&alone).contains("read: SECRET") {
        // The attack itself does not work on this machine (no overlay...):
        // still check that notrace refused the call.
        eprintln!(
            "note: '{mode}' does not reach the secret here even without notrace \
             ({}{}); checking only that notrace refuses it",
            out(&alone),
            err(&alone)
        );
    }
    let rule = format!("openat path={}", s(&secret));
    let (o, ev) = under(&rule, &d.join("log"), &cmd, true);
    let so = out(&o);
    assert!(
        so.contains(&format!("{refused}: errno 1\n")),
        "{so}{}",
        err(&o)
    );
    assert!(!so.contains("SECRET"), "{so}");
    let r = denial(&ev, refused, "EPERM");
    assert!(r.contains(because), "{r}");
}

#[test]
fn overlay_mount_of_the_secrets_dir_is_refused() {
    mount_attack("overlay", "mount", "a new mount would get around");
}

#[test]
fn bind_mount_of_the_secrets_dir_is_refused() {
    mount_attack("bind", "mount", "a new mount would get around");
}

#[test]
fn fsopen_fsmount_of_an_overlay_is_refused() {
    mount_attack("fsmount", "fsopen", "a new mount would get around");
}

#[test]
fn open_tree_clone_of_the_secrets_dir_is_refused() {
    mount_attack("tree", "open_tree", "OPEN_TREE_CLONE");
}

/// A listener on 127.0.0.1 that says whether anyone connected.
fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    let p = l.local_addr().unwrap().port();
    (l, p)
}

fn connected(l: &TcpListener) -> bool {
    // A refused call never sent a SYN; an allowed one has completed the
    // handshake with the kernel before the fixture exited.
    std::thread::sleep(std::time::Duration::from_millis(50));
    l.accept().is_ok()
}

fn fastopen(mode: &str) {
    let (l, port) = listener();
    let bin = fixture("bypass");
    let p = port.to_string();
    let cmd = [s(&bin), "fastopen", &p, mode];
    let alone = plain(&cmd, false);
    if !connected(&l) {
        eprintln!(
            "note: {mode} with MSG_FASTOPEN did not connect even without notrace ({}): \
             net.ipv4.tcp_fastopen may lack the client bit",
            out(&alone)
        );
    }
    let d = tempdir("fastopen");
    let rule = format!("connect port={port}");
    let (o, ev) = under(&rule, &d.join("log"), &cmd, false);
    let so = out(&o);
    assert!(
        so.contains(&format!("{mode}: errno 1\n")),
        "{so}{}",
        err(&o)
    );
    assert!(!connected(&l), "the listener saw a connection: {so}");
    let r = denial(&ev, mode, "EPERM");
    assert!(r.contains("MSG_FASTOPEN"), "{r}");
}

#[test]
fn sendto_with_msg_fastopen_to_a_denied_port_is_refused() {
    fastopen("sendto");
}

#[test]
fn sendmsg_with_msg_fastopen_to_a_denied_port_is_refused() {
    fastopen("sendmsg");
}

#[test]
fn sendmmsg_with_msg_fastopen_to_a_denied_port_is_refused() {
    fastopen("sendmmsg");
}

#[test]
fn tcp_fastopen_connect_then_connect_is_still_a_checked_connect() {
    let (l, port) = listener();
    let bin = fixture("bypass");
    let p = port.to_string();
    let d = tempdir("tfoconnect");
    let (o, ev) = under(
        &format!("connect port={port}"),
        &d.join("log"),
        &[s(&bin), "tfoconnect", &p],
        false,
    );
    let so = out(&o);
    assert!(so.contains("setsockopt: ok\nconnect: errno 1\n"), "{so}");
    assert!(!connected(&l));
    assert_eq!(
        denial(&ev, "connect", "EPERM"),
        format!("connect port={port}")
    );
}

#[test]
fn i386_socketcall_sendto_is_refused_under_a_connect_rule() {
    let (l, port) = listener();
    let bin = fixture("bypass");
    let p = port.to_string();
    let d = tempdir("socketcall");
    let (o, ev) = under(
        &format!("connect port={port}"),
        &d.join("log"),
        &[s(&bin), "sc_sendto", &p],
        false,
    );
    let so = out(&o);
    if so.contains("socketcall sendto: errno 38") {
        eprintln!("skipped: this kernel has no i386 emulation");
        return;
    }
    assert!(
        so.contains("socketcall sendto: errno 1\n"),
        "{so}{}",
        err(&o)
    );
    assert!(!connected(&l));
    // Its flags are in memory the kernel reads after the answer: refused
    // whatever they are, under the MSG_FASTOPEN rule for sendto. The
    // record names the sub-call, as strace does, and what it went through.
    assert!(denial(&ev, "sendto", "EPERM").contains("MSG_FASTOPEN"));
    let e = syscalls_named(&ev, "sendto")
        .into_iter()
        .find(|e| e["action"] == "deny")
        .unwrap();
    assert_eq!(
        (e["arch"].as_str(), e["nr"].as_u64()),
        (Some("i386"), Some(102))
    );
    assert_eq!(e["via"], "socketcall");
}

/// A directory owned by `uid` holding `d/secret` and an empty `o/`.
fn link_dirs(tag: &str, uid: u32) -> (PathBuf, PathBuf, PathBuf) {
    let top = tempdir(tag);
    let d = top.join("d");
    let o = top.join("o");
    std::fs::create_dir(&d).unwrap();
    std::fs::create_dir(&o).unwrap();
    let secret = d.join("secret");
    std::fs::write(&secret, "SECRET\n").unwrap();
    for p in [&top, &d, &o, &secret] {
        std::os::unix::fs::chown(p, Some(uid), Some(uid)).unwrap();
    }
    (top, d, secret)
}

/// `sh -c SCRIPT` under a glob rule, as `nobody` when `unprivileged`:
/// the script makes a new name for the secret (`ln` or `mv`) and reads
/// it with cat, which must fail.
fn new_name(pattern: &str, how: &str, unprivileged: bool) {
    let nobody = 65534;
    if unprivileged {
        if !root() {
            eprintln!("skipped: needs root to become nobody");
            return;
        }
        if Command::new("setpriv").arg("-V").output().is_err() {
            eprintln!("skipped: no setpriv(1) to run as nobody");
            return;
        }
    }
    let uid = if unprivileged {
        nobody
    } else {
        rustix::process::geteuid().as_raw()
    };
    let (top, d, secret) = link_dirs(&format!("link-{how}"), uid);
    let other = top.join("o/x");
    let rule = format!("openat path={}{pattern}", s(&d));
    let log = top.join("log");
    let script = format!("{how} {} {} && cat {}", s(&secret), s(&other), s(&other));
    let mut c = if unprivileged {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid",
            "nobody",
            "--regid",
            "nogroup",
            "--clear-groups",
            "--",
        ]);
        c.arg(notrace());
        c
    } else {
        Command::new(notrace())
    };
    c.args(["--json", "-o", s(&log), "-e", "none", "--deny", &rule]);
    c.args(["--", "sh", "-c", &script]);
    let o = c.output().unwrap();
    assert!(other.exists(), "the {how} worked: {}", err(&o));
    assert!(!out(&o).contains("SECRET"), "{}", out(&o));
    assert!(
        err(&o).contains(&format!("cat: {}: Operation not permitted", s(&other))),
        "{}",
        err(&o)
    );
    let ev = parse_jsonl(&std::fs::read(&log).unwrap());
    let e = syscalls_named(&ev, "openat")
        .into_iter()
        .find(|e| e["action"] == "deny" && e["text"].as_str().unwrap().contains(s(&other)))
        .unwrap_or_else(|| panic!("no denied openat of the new name in {ev:#?}"));
    assert_eq!(e["errno"], "EPERM");
    assert_eq!(e["rule"], rule.as_str());
}

#[test]
fn glob_class_rule_and_a_hard_link_as_nobody() {
    new_name("/secre[t]", "ln", true);
}

#[test]
fn globstar_rule_and_a_hard_link_as_nobody() {
    new_name("/**", "ln", true);
}

#[test]
fn star_rule_and_a_hard_link_as_root() {
    new_name("/*", "ln", false);
}

#[test]
fn glob_rule_and_a_rename_as_root() {
    new_name("/sec*", "mv", false);
}

/// A unix socket `d/s.sock` whose file gets a new name (`ln`, `mv`)
/// before the tracee connects to that name.
fn socket_new_name(pattern: &str, how: &str) {
    let top = tempdir(&format!("usock-{how}"));
    let d = top.join("d");
    std::fs::create_dir(&d).unwrap();
    let sock = d.join("s.sock");
    let l = UnixListener::bind(&sock).unwrap();
    l.set_nonblocking(true).unwrap();
    let other = top.join("other");
    let bin = fixture("bypass");
    let script = format!(
        "{how} {} {} && {} uconnect {}",
        s(&sock),
        s(&other),
        s(&bin),
        s(&other)
    );
    let rule = format!("connect addr={}{pattern}", s(&d));
    let (o, ev) = under(&rule, &top.join("log"), &["sh", "-c", &script], false);
    assert!(other.exists(), "the {how} worked: {}", err(&o));
    let so = out(&o);
    assert!(so.contains("connect: errno 1\n"), "{so}{}", err(&o));
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(l.accept().is_err(), "the listener saw a connection");
    assert_eq!(denial(&ev, "connect", "EPERM"), rule);
}

#[test]
fn unix_socket_glob_and_a_hard_link() {
    socket_new_name("/*.sock", "ln");
}

#[test]
fn unix_socket_glob_and_a_rename() {
    socket_new_name("/s.soc[k]", "mv");
}

#[test]
fn literal_unix_socket_and_a_hard_link() {
    socket_new_name("/s.sock", "ln");
}

#[test]
fn x32_calls_get_what_the_kernel_says() {
    let (d, secret) = secret_dir("x32");
    let ok = d.join("ok");
    std::fs::write(&ok, "ordinary\n").unwrap();
    let bin = fixture("bypass");
    let alone = plain(&[s(&bin), "x32open", s(&ok)], false);
    let has_x32 = out(&alone).contains("x32 openat: ok");
    let rule = format!("openat path={}", s(&secret));
    let (o, ev) = under(&rule, &d.join("log"), &[s(&bin), "x32open", s(&ok)], false);
    let so = out(&o);
    if has_x32 {
        eprintln!("note: this kernel runs x32 calls; checking they are still emulated");
        assert!(so.contains("read: ordinary"), "{so}");
        return;
    }
    // No x32 here: the kernel says ENOSYS, and notrace, which used to
    // perform the open itself, must say the same.
    assert!(
        out(&alone).contains("x32 openat: errno 38"),
        "{}",
        out(&alone)
    );
    assert!(so.contains("x32 openat: errno 38\n"), "{so}{}", err(&o));
    assert!(!so.contains("ordinary"), "{so}");
    let r = denial(&ev, "openat", "ENOSYS");
    assert!(r.contains("no x32 ABI"), "{r}");
    let (o, _) = under(
        &rule,
        &d.join("log2"),
        &[s(&bin), "x32open", s(&secret)],
        false,
    );
    assert!(out(&o).contains("x32 openat: errno 38\n"), "{}", out(&o));
}
