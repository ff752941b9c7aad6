//! Flags and enums that strace prints with tables of their own at entry
//! (epoll, inotify, eventfd, signalfd, fallocate, sync_file_range, memfd,
//! mlock2, msync, splice, close_range, umount2, waitid, getrusage,
//! get/setpriority) and the octal file modes of chmod, mkdir and umask:
//! the fixture `args_flags` makes raw calls with known, unknown and zero
//! values, and notrace's line for each must be strace 6.1's.

mod common;

use common::{fixture, notrace, parse_jsonl, syscalls_named, tempdir, trace_lines};
use std::process::{Command, Stdio};

/// The calls of the fixture that this file checks.
const SET: &str = "epoll_ctl,epoll_create1,inotify_add_watch,inotify_init1,eventfd2,signalfd4,\
fallocate,sync_file_range,memfd_create,mlock2,msync,splice,tee,vmsplice,close_range,umount2,\
waitid,getrusage,getpriority,setpriority,chmod,fchmod,fchmodat,mkdir,mkdirat,umask,mknod,mknodat";

/// strace 6.1's lines for the fixture (tests/strace-evidence/t6.strace),
/// without results; getrusage's output struct, which notrace cannot see at
/// entry, is `ADDR` (notrace prints its address).
const EXPECTED: &[&str] = &[
    "epoll_ctl(-1, EPOLL_CTL_ADD, -1, NULL)",
    "epoll_ctl(-1, EPOLL_CTL_MOD, -1, NULL)",
    "epoll_ctl(-1, 0x9 /* EPOLL_CTL_??? */, -1, NULL)",
    "epoll_create1(0)",
    "epoll_create1(EPOLL_CLOEXEC|0x1)",
    "epoll_create1(0x2 /* EPOLL_??? */)",
    "inotify_add_watch(-1, \"/nonexistent\", IN_MODIFY|IN_CREATE|IN_ONLYDIR)",
    "inotify_add_watch(-1, \"/nonexistent\", IN_ACCESS|IN_MODIFY|IN_ATTRIB|IN_CLOSE_WRITE|IN_CLOSE_NOWRITE|IN_OPEN|IN_MOVED_FROM|IN_MOVED_TO|IN_CREATE|IN_DELETE|IN_DELETE_SELF|IN_MOVE_SELF)",
    "inotify_add_watch(-1, \"/nonexistent\", IN_ACCESS|0x10000)",
    "inotify_add_watch(-1, \"/nonexistent\", 0x10000 /* IN_??? */)",
    "inotify_add_watch(-1, \"/nonexistent\", 0)",
    "inotify_init1(IN_NONBLOCK|IN_CLOEXEC)",
    "inotify_init1(0x1 /* IN_??? */)",
    "inotify_init1(0)",
    "eventfd2(0, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK)",
    "eventfd2(0, 0x2 /* EFD_??? */)",
    "eventfd2(0, 0)",
    "signalfd4(-1, [], 8, SFD_CLOEXEC|SFD_NONBLOCK)",
    "signalfd4(-1, [], 8, 0x1 /* SFD_??? */)",
    "signalfd4(-1, [], 8, 0)",
    "fallocate(-1, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 0, 4096)",
    "fallocate(-1, FALLOC_FL_ZERO_RANGE|0x100, 0, 4096)",
    "fallocate(-1, 0x100 /* FALLOC_FL_??? */, 0, 4096)",
    "fallocate(-1, 0, 0, 4096)",
    "fallocate(-1, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE|FALLOC_FL_NO_HIDE_STALE|FALLOC_FL_COLLAPSE_RANGE|FALLOC_FL_ZERO_RANGE|FALLOC_FL_INSERT_RANGE|FALLOC_FL_UNSHARE_RANGE, 0, 4096)",
    "sync_file_range(-1, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|SYNC_FILE_RANGE_WAIT_AFTER)",
    "sync_file_range(-1, 0, 0, 0x8 /* SYNC_FILE_RANGE_??? */)",
    "sync_file_range(-1, 0, 0, 0)",
    "memfd_create(\"x\", MFD_CLOEXEC|MFD_ALLOW_SEALING)",
    "memfd_create(\"y\", MFD_HUGETLB|21<<MFD_HUGE_SHIFT)",
    "memfd_create(\"z\", 0x100 /* MFD_??? */)",
    "memfd_create(\"w\", 0)",
    "memfd_create(\"v\", MFD_CLOEXEC|MFD_HUGETLB|0x20|30<<MFD_HUGE_SHIFT)",
    "memfd_create(\"u\", MFD_CLOEXEC|21<<MFD_HUGE_SHIFT)",
    "memfd_create(\"t\", 0x18 /* MFD_??? */)",
    "mlock2(NULL, 0, MLOCK_ONFAULT)",
    "mlock2(NULL, 0, 0x2 /* MLOCK_??? */)",
    "mlock2(NULL, 0, 0)",
    "msync(NULL, 0, MS_ASYNC|MS_INVALIDATE)",
    "msync(NULL, 0, MS_SYNC|0x8)",
    "msync(NULL, 0, 0)",
    "splice(-1, NULL, -1, NULL, 10, SPLICE_F_MOVE|SPLICE_F_NONBLOCK|SPLICE_F_MORE|SPLICE_F_GIFT)",
    "tee(-1, -1, 10, SPLICE_F_NONBLOCK|0x10)",
    "vmsplice(-1, NULL, 0, 0x20 /* SPLICE_F_??? */)",
    "splice(-1, NULL, -1, NULL, 10, 0)",
    "close_range(1000, 1001, CLOSE_RANGE_UNSHARE|CLOSE_RANGE_CLOEXEC)",
    "close_range(1000, 1001, 0x1 /* CLOSE_RANGE_??? */)",
    "close_range(1000, 1001, 0)",
    "umount2(\"/nonexistent\", MNT_FORCE|MNT_DETACH)",
    "umount2(\"/nonexistent\", MNT_EXPIRE|UMOUNT_NOFOLLOW|0x10)",
    "umount2(\"/nonexistent\", 0x10 /* MNT_??? */)",
    "umount2(\"/nonexistent\", 0)",
    "waitid(P_PID, 99999, NULL, WEXITED, NULL)",
    "waitid(P_ALL, 0, NULL, WNOHANG|WEXITED, NULL)",
    "waitid(P_PGID, 99999, NULL, WEXITED, NULL)",
    "waitid(P_PIDFD, -1, NULL, WEXITED, NULL)",
    "waitid(0x7 /* P_??? */, -1, NULL, WEXITED, NULL)",
    "getrusage(RUSAGE_SELF, ADDR)",
    "getrusage(RUSAGE_CHILDREN, ADDR)",
    "getrusage(RUSAGE_THREAD, ADDR)",
    "getrusage(RUSAGE_BOTH, ADDR)",
    "getrusage(0x5 /* RUSAGE_??? */, ADDR)",
    "getpriority(PRIO_PROCESS, 0)",
    "getpriority(PRIO_PGRP, 0)",
    "getpriority(PRIO_USER, 0)",
    "getpriority(0x9 /* PRIO_??? */, 0)",
    "setpriority(0x9 /* PRIO_??? */, 0, 0)",
    "setpriority(PRIO_PGRP, 999999, 0)",
    "chmod(\"/nonexistent\", 0100744)",
    "chmod(\"/nonexistent\", 000)",
    "chmod(\"/nonexistent\", 04755)",
    "fchmod(-1, 0744)",
    "fchmod(-1, 020644)",
    "fchmodat(AT_FDCWD, \"/nonexistent\", 0140644)",
    "fchmodat(AT_FDCWD, \"/nonexistent\", 0177777)",
    "mkdir(\"/nonexistent/d\", 0100755)",
    "mkdirat(AT_FDCWD, \"/nonexistent/d\", 01777)",
    "umask(0100022)",
    "mknod(\"/nonexistent/n\", S_IFREG|0644)",
    "mknodat(AT_FDCWD, \"/nonexistent/n\", 0600)",
    "mknod(\"/nonexistent/c\", S_IFCHR|0620, makedev(0x1, 0x3))",
    "mknodat(AT_FDCWD, \"/nonexistent/b\", S_IFBLK|0660, makedev(0x103, 0x12345))",
    "mknod(\"/nonexistent/f\", S_IFIFO|0600)",
];

/// Addresses (`0x` and 6 or more hex digits) become `ADDR`.
fn normalise(line: &str) -> String {
    regex::Regex::new(r"0x[0-9a-f]{6,}")
        .unwrap()
        .replace_all(line, "ADDR")
        .into_owned()
}

/// notrace's lines for the calls in `SET`, addresses normalised.
fn notrace_lines(tag: &str) -> Vec<String> {
    trace_lines(&notrace(), &["-e", SET], "args_flags", tag)
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(l))
        .collect()
}

#[test]
fn entry_flags_print_as_strace_6_1_does() {
    let got = notrace_lines("flags-text");
    common::check_lines(&got, EXPECTED);
}

/// The same comparison against the strace installed here, when there is
/// one: the expected lines above are strace 6.1's, this catches a table
/// that differs from the running strace's.
#[test]
fn entry_flags_match_installed_strace() {
    let have = Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    let rusage = regex::Regex::new(r"^(getrusage\([^,]+), \{.*\}\)$").unwrap();
    let theirs: Vec<String> = trace_lines(
        &strace,
        &["-qq", "-e", "signal=none", "-e", &format!("trace={SET}")],
        "args_flags",
        "flags-strace",
    )
    .iter()
    .filter(|l| !l.starts_with("+++"))
    .map(|l| {
        let l = result.replace(l, ")");
        normalise(&rusage.replace(&l, "$1, ADDR)"))
    })
    .collect();
    let ours = notrace_lines("flags-ours");
    assert_eq!(theirs, ours);
}

#[test]
fn entry_flags_json_values() {
    let dir = tempdir("flags-json");
    let out = dir.join("trace.jsonl");
    let st = Command::new(notrace())
        .args(["--json", "-e", SET, "-o"])
        .arg(&out)
        .arg("--")
        .arg(fixture("args_flags"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "{st}");
    let events = parse_jsonl(&std::fs::read(&out).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    let arg = |call: &str, n: usize, pos: usize| -> serde_json::Value {
        let calls = syscalls_named(&events, call);
        assert!(calls.len() > n, "{call}: only {} calls", calls.len());
        calls[n]["args"][pos].clone()
    };
    let a = arg("inotify_init1", 0, 0);
    assert_eq!(a["kind"], "inotify_init_flags");
    assert_eq!(a["value"], serde_json::json!(["IN_NONBLOCK", "IN_CLOEXEC"]));
    assert_eq!(
        arg("inotify_init1", 1, 0)["value"],
        serde_json::json!(["0x1"])
    );
    assert_eq!(
        arg("memfd_create", 1, 1)["value"],
        serde_json::json!(["MFD_HUGETLB", "21<<MFD_HUGE_SHIFT"])
    );
    assert_eq!(arg("epoll_ctl", 0, 1)["value"], "EPOLL_CTL_ADD");
    assert_eq!(arg("epoll_ctl", 2, 1)["value"], 9);
    assert_eq!(arg("getrusage", 1, 0)["value"], "RUSAGE_CHILDREN");
    assert_eq!(arg("waitid", 3, 0)["value"], "P_PIDFD");
    assert_eq!(arg("chmod", 0, 1)["value"], 0o100744);
    assert_eq!(arg("chmod", 0, 1)["text"], "0100744");
    assert_eq!(arg("mknod", 0, 1)["text"], "S_IFREG|0644");
    assert_eq!(
        arg("mknodat", 1, 3)["value"],
        serde_json::json!({"major": 259, "minor": 0x12345})
    );
    assert_eq!(
        arg("umount2", 1, 1)["value"],
        serde_json::json!(["MNT_EXPIRE", "UMOUNT_NOFOLLOW", "0x10"])
    );
}
