//! i386 structs that hold longs or pointers, decoded with i386's 32-bit
//! layouts: rt_sigaction's `struct sigaction`, execve's and execveat's
//! argv and envp arrays, the node masks of set_mempolicy, mbind and
//! migrate_pages, fcntl's 32-bit `struct flock` and fcntl64's packed
//! `struct flock64`, msgsnd's `long mtype`, futex's `old_timespec32` (and
//! futex_time64's 64-bit one), sendfile's 32-bit offset, and ioctl's
//! ifconf, ifreq's ifmap, blkpg_ioctl_arg and loop_info; also i386 rows
//! whose registers strace joins or widens (truncate's and ftruncate's
//! unsigned long, fanotify_mark's and lookup_dcookie's 64-bit halves).
//! The fixture
//! `args_i386_layouts` makes each call with `int $0x80`; notrace's line for
//! each must be strace 6.1's, kept in
//! tests/strace-evidence/i386_layouts.strace (i386_layouts_v.strace for
//! the ioctls under `-v`), and the installed strace's. The fixture
//! `args_i386_only` makes i386-only calls strace shapes its own way
//! (_llseek's joined offset, 16-bit ids, gid lists, signal's handler,
//! mmap2's page offset, the calls printed in hex), checked against
//! i386_only.strace the same way.

mod common;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, trace_lines};
use std::process::Command;

const SET: &str = "trace=rt_sigaction,execve,execveat,set_mempolicy,mbind,migrate_pages,\
get_mempolicy,fcntl,fcntl64,msgsnd,futex,futex_time64,sendfile,sendfile64,ioctl,truncate,ftruncate,fanotify_mark,\
lookup_dcookie";

/// A line without its result (` = -1 EINVAL (...)`) and the padding
/// strace puts before it.
fn strip_result(line: &str) -> String {
    regex::Regex::new(r"\) +=( .*)?$")
        .unwrap()
        .replace(line, ")")
        .into_owned()
}

/// strace 6.1's lines in an evidence file, results dropped.
fn expected(evidence: &str) -> Vec<String> {
    evidence.lines().map(strip_result).collect()
}

/// strace 6.1's lines (i386_layouts.strace, the fixture's own execve
/// dropped).
const EVIDENCE: &str = include_str!("strace-evidence/i386_layouts.strace");
/// strace 6.1's ioctl lines under `-v` (i386_layouts_v.strace).
const EVIDENCE_V: &str = include_str!("strace-evidence/i386_layouts_v.strace");

/// notrace's lines for the fixture's i386 calls (marked ` [i386]`).
fn notrace_lines(opts: &[&str], tag: &str) -> Vec<String> {
    let args: Vec<&str> = if opts.is_empty() {
        vec!["-e", SET]
    } else {
        opts.to_vec()
    };
    trace_lines(&notrace(), &args, "args_i386_layouts", tag)
        .iter()
        .filter_map(|l| l.strip_suffix(" [i386]").map(str::to_string))
        .collect()
}

#[test]
fn i386_long_and_pointer_structs_print_as_strace_6_1_does() {
    let want = expected(EVIDENCE);
    assert_eq!(want.len(), 53, "the evidence file lost lines");
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    check_lines(&notrace_lines(&[], "i386-layouts"), &want);
}

#[test]
fn i386_ioctl_structs_under_v_print_as_strace_6_1_does() {
    let want = expected(EVIDENCE_V);
    assert_eq!(want.len(), 9, "the evidence file lost lines");
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let got = notrace_lines(&["-v", "-e", "trace=ioctl"], "i386-layouts-v");
    check_lines(&got, &want);
}

#[test]
fn i386_layouts_match_installed_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let theirs = trace_lines(
        std::path::Path::new("strace"),
        &["-qq", "-e", "signal=none", "-e", SET],
        "args_i386_layouts",
        "i386-layouts-strace",
    );
    // strace's first line is the fixture's own (x86_64) execve.
    assert!(theirs[0].starts_with("execve("), "{}", theirs[0]);
    let theirs: Vec<String> = theirs[1..]
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| strip_result(l))
        .collect();
    assert_eq!(notrace_lines(&[], "i386-layouts-live"), theirs);
    let theirs_v: Vec<String> = trace_lines(
        std::path::Path::new("strace"),
        &["-v", "-qq", "-e", "signal=none", "-e", "trace=ioctl"],
        "args_i386_layouts",
        "i386-layouts-strace-v",
    )
    .iter()
    .filter(|l| !l.starts_with("+++"))
    .map(|l| strip_result(l))
    .collect();
    let ours_v = notrace_lines(&["-v", "-e", "trace=ioctl"], "i386-layouts-live-v");
    assert_eq!(ours_v, theirs_v);
}

#[test]
fn i386_layout_json_values_are_structured() {
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", SET],
        "args_i386_layouts",
        "i386-layouts-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let sa = syscalls_named(&events, "rt_sigaction");
    let act = &sa[0]["args"][1]["value"];
    assert_eq!(act["handler"], "SIG_IGN");
    assert_eq!(act["mask"], serde_json::json!(["SIGUSR1"]));
    assert_eq!(act["flags"], serde_json::json!(["SA_RESTORER"]));
    assert_eq!(act["restorer"], 0x1234);
    // The first execve is the fixture's own.
    let ex = syscalls_named(&events, "execve");
    assert_eq!(
        ex[1]["args"][1]["value"],
        serde_json::json!(["arg0", "arg1"])
    );
    assert_eq!(
        ex[1]["args"][2]["value"],
        serde_json::json!(["HOME=/x", "TERM=dumb"])
    );
    let sm = syscalls_named(&events, "set_mempolicy");
    assert_eq!(sm[0]["args"][1]["value"], serde_json::json!(["0x5", "0x1"]));
    let fl = syscalls_named(&events, "fcntl64");
    assert_eq!(fl[1]["args"][2]["value"]["start"], -5);
    assert_eq!(fl[1]["args"][2]["value"]["len"], 4294967296u64);
    let ms = syscalls_named(&events, "msgsnd");
    assert_eq!(ms[0]["args"][1]["value"]["mtype"], -3);
    let io = syscalls_named(&events, "ioctl");
    assert_eq!(io[0]["args"][2]["value"]["buf"], 0x2000_1000);
    assert_eq!(io[2]["args"][2]["value"]["map"]["mem_end"], 0xffff_ffffu64);
    assert_eq!(io[4]["args"][2]["value"]["data"]["pno"], 1);
    assert_eq!(io[5]["args"][2]["value"]["data"], 0x1000);
    let fm = syscalls_named(&events, "fanotify_mark");
    assert_eq!(
        fm[0]["args"][2]["value"],
        serde_json::json!(["FAN_ACCESS", "FAN_CLOSE_NOWRITE", "0x100000000"])
    );
}

const SET_ONLY: &str = "trace=_llseek,chown,lchown,fchown,setuid,setgid,setreuid,setregid,\
setresuid,setresgid,setfsuid,setfsgid,setuid32,chown32,setgroups,setgroups32,signal,mmap2,\
readdir,bdflush,ulimit,profil,olduname,oldolduname,vm86,stime";

/// A tracer's lines for `args_i386_only`: results dropped, exit lines
/// and notrace's ` [i386]` marks removed.
fn only_lines(tracer: &std::path::Path, opts: &[&str], tag: &str) -> Vec<String> {
    trace_lines(tracer, opts, "args_i386_only", tag)
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| strip_result(l.strip_suffix(" [i386]").unwrap_or(l)))
        .collect()
}

#[test]
fn i386_only_calls_print_as_strace_6_1_does() {
    let want = expected(include_str!("strace-evidence/i386_only.strace"));
    assert_eq!(want.len(), 36, "the evidence file lost lines");
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let got = only_lines(&notrace(), &["-e", SET_ONLY], "i386-only");
    check_lines(&got, &want);
    // JSON: ids as numbers (-1 for 0xffff), the gid list as an array.
    let json = trace_lines(
        &notrace(),
        &["--json", "-e", SET_ONLY],
        "args_i386_only",
        "i386-only-json",
    );
    let events = parse_jsonl(json.join("\n").as_bytes());
    let chown = syscalls_named(&events, "chown");
    assert_eq!(chown[0]["args"][1]["value"], -1);
    let sg = syscalls_named(&events, "setgroups");
    assert_eq!(sg[0]["args"][1]["value"], serde_json::json!([0, 1, -1]));
    let sg32 = syscalls_named(&events, "setgroups32");
    assert_eq!(
        sg32[0]["args"][1]["value"],
        serde_json::json!([0, 65535, -1])
    );
    let ls = syscalls_named(&events, "_llseek");
    assert_eq!(ls[0]["args"][2]["value"], 4294967298u64);
    assert_eq!(
        syscalls_named(&events, "signal")[0]["args"][1]["value"],
        "SIG_IGN"
    );
    assert_eq!(
        syscalls_named(&events, "mmap2")[0]["args"][5]["value"],
        0x1234_5000
    );
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping the comparison: strace is not installed (apt-get install strace)");
        return;
    }
    let theirs = only_lines(
        std::path::Path::new("strace"),
        &["-qq", "-e", "signal=none", "-e", SET_ONLY],
        "i386-only-strace",
    );
    assert_eq!(got, theirs);
}
