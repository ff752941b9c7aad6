//! Flag arguments whose table strace 6.1 picks per call, checked against
//! strace: the `*at` calls' AT_* sets (strace's at_flags names 0x200
//! AT_REMOVEDIR; faccessat2, name_to_handle_at, mount_setattr and
//! open_tree have their own sets; statx's sync bits are flags),
//! wait4/waitid options (WSTOPPED, strace's order), clock_nanosleep's
//! TIMER_ABSTIME, fcntl's F_ADD_SEALS / F_NOTIFY / F_SETLEASE / F_SETOWN_EX
//! and flock's l_type (F_EXLCK, F_SHLCK), fanotify_mark's event order and
//! timer_create's sigevent without a value, socket's protocol by family
//! (AF_PACKET's `htons(ETH_P_*)`, CAN, Bluetooth, RxRPC) and socketpair's
//! as a bare number, socket option names at SOL_PACKET, SOL_UDP and
//! SOL_RAW, PACKET_ADD_MEMBERSHIP's packet_mreq and ICMP_FILTER's set of
//! ICMP types (`~[...]` past half the bits). The fixture `args_atflags`
//! makes the calls; strace 6.1's lines are kept in
//! tests/strace-evidence/atflags.strace, and the installed strace is
//! compared with live too.

mod common;

use common::{check_lines, fixture, notrace, parse_jsonl, syscalls_named, trace_lines};
use std::process::Command;

const CALLS: &str = "newfstatat,utimensat,linkat,fchownat,unlinkat,execveat,faccessat2,name_to_handle_at,mount_setattr,open_tree,statx,wait4,waitid,clock_nanosleep,fcntl,fanotify_mark,timer_create,socket,socketpair,setsockopt,getsockopt";

/// strace 6.1's lines for `args_atflags` (atflags.strace), results dropped.
const EXPECTED: &[&str] = &[
    r#"newfstatat(AT_FDCWD, "/nonexistent-notrace", NULL, AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR|0x2000)"#,
    r#"utimensat(AT_FDCWD, "/nonexistent-notrace", NULL, AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR)"#,
    r#"linkat(AT_FDCWD, "/nonexistent-notrace", AT_FDCWD, "/nonexistent-notrace2", AT_REMOVEDIR|AT_SYMLINK_FOLLOW|AT_NO_AUTOMOUNT|AT_EMPTY_PATH|AT_RECURSIVE)"#,
    r#"fchownat(AT_FDCWD, "/nonexistent-notrace", -1, -1, AT_REMOVEDIR|AT_EMPTY_PATH)"#,
    r#"unlinkat(AT_FDCWD, "/nonexistent-notrace", AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR)"#,
    r#"unlinkat(AT_FDCWD, "/nonexistent-notrace", 0x10000 /* AT_??? */)"#,
    r#"execveat(-1, "/nonexistent-notrace", NULL, NULL, AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH)"#,
    r#"faccessat2(AT_FDCWD, "/nonexistent-notrace", R_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS|AT_EMPTY_PATH)"#,
    r#"faccessat2(AT_FDCWD, "/nonexistent-notrace", R_OK, 0x400 /* AT_??? */)"#,
    r#"name_to_handle_at(AT_FDCWD, "/nonexistent-notrace", NULL, NULL, AT_SYMLINK_FOLLOW|AT_EMPTY_PATH|0x200)"#,
    r#"mount_setattr(-1, "/nonexistent-notrace", AT_SYMLINK_NOFOLLOW|AT_RECURSIVE|0x200, NULL, 0)"#,
    r#"open_tree(AT_FDCWD, "/nonexistent-notrace", OPEN_TREE_CLONE|AT_REMOVEDIR|AT_SYMLINK_FOLLOW|AT_EMPTY_PATH|AT_RECURSIVE)"#,
    r#"statx(AT_FDCWD, "/nonexistent-notrace", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, NULL)"#,
    r#"statx(AT_FDCWD, "/nonexistent-notrace", AT_STATX_SYNC_AS_STAT|AT_REMOVEDIR, STATX_BASIC_STATS, NULL)"#,
    r#"wait4(-1, NULL, WNOHANG|WSTOPPED|WCONTINUED|__WCLONE|__WALL|__WNOTHREAD, NULL)"#,
    r#"waitid(P_ALL, 0, NULL, WNOHANG|WEXITED|WSTOPPED|WNOWAIT, NULL)"#,
    r#"clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=0, tv_nsec=1}, NULL)"#,
    r#"clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME|0x2, {tv_sec=0, tv_nsec=1}, NULL)"#,
    r#"fcntl(3, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW)"#,
    r#"fcntl(3, F_ADD_SEALS, 0x100 /* F_SEAL_??? */)"#,
    r#"fcntl(3, F_NOTIFY, DN_MODIFY|DN_MULTISHOT)"#,
    r#"fcntl(3, F_SETLEASE, F_SHLCK)"#,
    r#"fcntl(3, F_SETLEASE, 0x9 /* F_??? */)"#,
    r#"fcntl(3, F_SETOWN_EX, {type=F_OWNER_PGRP, pid=0})"#,
    r#"fcntl(3, F_SETOWN_EX, {type=0x7 /* F_OWNER_??? */, pid=0})"#,
    r#"fcntl(3, F_SETLK, {l_type=F_EXLCK, l_whence=SEEK_SET, l_start=0, l_len=0})"#,
    r#"fcntl(3, F_SETLK, {l_type=0x9 /* F_??? */, l_whence=SEEK_SET, l_start=0, l_len=0})"#,
    r#"fanotify_mark(-1, FAN_MARK_ADD, FAN_ACCESS|FAN_ONDIR|FAN_EVENT_ON_CHILD|FAN_RENAME, AT_FDCWD, ".")"#,
    r#"timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, sigev_notify=SIGEV_SIGNAL}, NULL)"#,
    r#"socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP))"#,
    r#"socket(AF_PACKET, SOCK_RAW, htons(0x1234 /* ETH_P_??? */))"#,
    r#"socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IPV6))"#,
    r#"socket(AF_CAN, SOCK_RAW, CAN_RAW)"#,
    r#"socket(AF_BLUETOOTH, SOCK_RAW, 0x9 /* BTPROTO_??? */)"#,
    r#"socket(AF_RXRPC, SOCK_DGRAM, AF_INET6)"#,
    r#"socketpair(AF_INET, SOCK_STREAM, 6, NULL)"#,
    r#"setsockopt(-1, SOL_PACKET, PACKET_AUXDATA, [1], 4)"#,
    r#"setsockopt(-1, SOL_PACKET, 0x63 /* PACKET_??? */, [1], 4)"#,
    r#"setsockopt(-1, SOL_UDP, UDP_SEGMENT, [1], 4)"#,
    r#"setsockopt(-1, SOL_UDP, UDP_CORK, [1], 4)"#,
    r#"getsockopt(-1, SOL_UDP, 0x63 /* UDP_??? */, NULL, NULL)"#,
    r#"getsockopt(-1, SOL_PACKET, PACKET_VERSION, NULL, NULL)"#,
    r#"getsockopt(-1, SOL_RAW, 0x2 /* RAW_??? */, NULL, NULL)"#,
    r#"setsockopt(-1, SOL_PACKET, PACKET_ADD_MEMBERSHIP, {mr_ifindex=0, mr_type=PACKET_MR_PROMISC, mr_alen=6, mr_address=01:02:03:04:05:06}, 16)"#,
    r#"setsockopt(-1, SOL_PACKET, PACKET_DROP_MEMBERSHIP, {mr_ifindex=32767, mr_type=0x9 /* PACKET_MR_??? */, mr_alen=20, mr_address=01:02:03:04:05:06:07:08}, 16)"#,
    r#"setsockopt(-1, SOL_RAW, ICMP_FILTER, [ICMP_REDIRECT ICMP_ECHO 0x1f /* ICMP_??? */], 4)"#,
    r#"setsockopt(-1, SOL_RAW, ICMP_FILTER, ~[ICMP_ECHOREPLY ICMP_DEST_UNREACH], 4)"#,
    r#"setsockopt(-1, SOL_RAW, ICMP_FILTER, [], 4)"#,
    r#"setsockopt(-1, SOL_RAW, ICMP_FILTER, ~[0x1 /* ICMP_??? */ 0x2 /* ICMP_??? */ ICMP_DEST_UNREACH ICMP_SOURCE_QUENCH ICMP_REDIRECT 0x6 /* ICMP_??? */ 0x7 /* ICMP_??? */ ICMP_ECHO 0x9 /* ICMP_??? */ 0xa /* ICMP_??? */ ICMP_TIME_EXCEEDED ICMP_PARAMETERPROB ICMP_TIMESTAMP ICMP_TIMESTAMPREPLY ICMP_INFO_REQUEST], 2)"#,
];

/// The traced lines from the fixture's first call on: the loader's
/// newfstatat calls before it (library search under cargo's
/// LD_LIBRARY_PATH) fill in buffers only strace sees.
fn fixture_lines(got: Vec<String>) -> Vec<String> {
    got.into_iter()
        .skip_while(|l| !l.contains("/nonexistent-notrace"))
        .filter(|l| !l.starts_with("+++"))
        .collect()
}

#[test]
fn flag_sets_print_as_strace_6_1_does() {
    let got = trace_lines(&notrace(), &["-e", CALLS], "args_atflags", "atflags-text");
    check_lines(&fixture_lines(got), EXPECTED);
}

/// The JSON values carry the same names as the text, as arrays of flags.
#[test]
fn flag_sets_json_values() {
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", "statx,fcntl,wait4,setsockopt"],
        "args_atflags",
        "atflags-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let statx = syscalls_named(&events, "statx");
    assert_eq!(
        statx[0]["args"][2]["value"],
        json!([
            "AT_STATX_FORCE_SYNC",
            "AT_STATX_DONT_SYNC",
            "AT_SYMLINK_NOFOLLOW"
        ])
    );
    assert_eq!(
        statx[1]["args"][2]["value"],
        json!(["AT_STATX_SYNC_AS_STAT", "AT_REMOVEDIR"])
    );
    let fcntl = syscalls_named(&events, "fcntl");
    assert_eq!(
        fcntl[0]["args"][2]["value"],
        json!(["F_SEAL_SHRINK", "F_SEAL_GROW"])
    );
    assert_eq!(
        fcntl[5]["args"][2]["value"],
        json!({ "type": "F_OWNER_PGRP", "pid": 0 })
    );
    let so = syscalls_named(&events, "setsockopt");
    let icmp: Vec<_> = so
        .iter()
        .filter(|e| e["args"][2]["value"] == json!("ICMP_FILTER"))
        .collect();
    assert_eq!(
        icmp[0]["args"][3]["value"],
        json!(["ICMP_REDIRECT", "ICMP_ECHO", 31])
    );
    assert_eq!(
        icmp[1]["args"][3]["value"],
        json!({ "not": ["ICMP_ECHOREPLY", "ICMP_DEST_UNREACH"] })
    );
    let wait4 = syscalls_named(&events, "wait4");
    assert_eq!(wait4.len(), 1);
    assert_eq!(
        wait4[0]["args"][2]["value"],
        json!([
            "WNOHANG",
            "WSTOPPED",
            "WCONTINUED",
            "__WCLONE",
            "__WALL",
            "__WNOTHREAD"
        ])
    );
}

/// The fixture under the strace installed here: every line the same,
/// results dropped.
#[test]
fn flag_sets_match_installed_strace() {
    let Ok(out) = Command::new("strace").arg("-V").output() else {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    };
    assert!(out.status.success());
    let dir = std::env::temp_dir().join(format!("notrace-atflags-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("s.txt");
    let st = Command::new("strace")
        .args(["-qq", "-e", "signal=none", "-e"])
        .arg(format!("trace={CALLS}"))
        .arg("-o")
        .arg(&log)
        .arg(fixture("args_atflags"))
        .status()
        .unwrap();
    assert!(st.success(), "strace: {st}");
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    let theirs: Vec<String> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|l| result.replace(l, ")").into_owned())
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    let ours = fixture_lines(trace_lines(
        &notrace(),
        &["-e", CALLS],
        "args_atflags",
        "atflags-live",
    ));
    let theirs = fixture_lines(theirs);
    assert_eq!(ours, theirs);
}
