//! i386's multiplexers checked line by line against strace 6.1: the
//! fixture `args_i386_old` makes socketcall and ipc calls with `int $0x80`
//! (sub-calls by number with their arguments in socketcall's array of
//! 32-bit words or in ipc's shifted registers, unknown sub-call numbers,
//! NULL and partly unmapped arrays, junk in the registers' upper halves).
//! strace prints each as its sub-call (`connect(...)`, `semop(...)`), or
//! as the multiplexer where it cannot (`socketcall(SYS_CONNECT, NULL)`),
//! and selects the line by the name it prints; notrace must do the same.
//! strace's lines are kept in tests/strace-evidence/i386old*.strace; the
//! installed strace is compared with too.

mod common;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, trace_lines};
use std::process::Command;

/// Everything the fixture makes, by name and by class.
const SET: &str = "trace=socketcall,ipc,%network,%ipc";

/// A strace evidence file's lines, results dropped.
fn evidence(text: &str) -> Vec<String> {
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    text.lines()
        .map(|l| result.replace(l, ")").into_owned())
        .collect()
}

/// The lines `tracer` prints for the fixture under `args`: results and
/// notrace's ` [i386]` dropped, the loader's native calls (x86_64, before
/// the fixture's first i386 call) left out.
fn lines_of(tracer: &std::path::Path, args: &[&str], tag: &str) -> Vec<String> {
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    trace_lines(tracer, args, "args_i386_old", tag)
        .iter()
        .filter(|l| !l.contains("+++ exited"))
        .map(|l| {
            let l = result.replace(l, ")");
            l.strip_suffix(" [i386]").unwrap_or(&l).to_string()
        })
        .collect()
}

fn have_strace() -> bool {
    let ok = Command::new("strace").arg("-V").output().is_ok();
    if !ok {
        eprintln!("skipping the comparison: strace is not installed (apt-get install strace)");
    }
    ok
}

#[test]
fn socketcall_and_ipc_print_as_strace_6_1_does() {
    let want = evidence(include_str!("strace-evidence/i386old.strace"));
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let got = lines_of(&notrace(), &["-e", SET], "i386old");
    check_lines(&got, &want);
    // Every line came through i386 socketcall or ipc, none as a native
    // call (which would print without ` [i386]`).
    let raw = trace_lines(&notrace(), &["-e", SET], "args_i386_old", "i386old-raw");
    assert!(raw
        .iter()
        .filter(|l| !l.contains("+++"))
        .all(|l| l.ends_with(" [i386]")));
    if have_strace() {
        let theirs = lines_of(
            std::path::Path::new("strace"),
            &["-qq", "-e", "signal=none", "-e", SET],
            "i386old-strace",
        );
        assert_eq!(theirs, got);
    }
}

#[test]
fn a_sub_call_is_selected_by_the_name_it_prints() {
    for (set, file) in [
        (
            "trace=connect",
            include_str!("strace-evidence/i386old_connect.strace"),
        ),
        (
            "trace=socketcall",
            include_str!("strace-evidence/i386old_socketcall.strace"),
        ),
    ] {
        let want = evidence(file);
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        let got = lines_of(&notrace(), &["-e", set], "i386old-sel");
        check_lines(&got, &want);
        if have_strace() {
            let theirs = lines_of(
                std::path::Path::new("strace"),
                &["-qq", "-e", "signal=none", "-e", set],
                "i386old-sel-strace",
            );
            assert_eq!(theirs, got, "{set}");
        }
    }
    // Hiding the sub-call hides it through socketcall too.
    let got = lines_of(&notrace(), &["-e", "trace=!connect"], "i386old-neg");
    assert!(!got.iter().any(|l| l.starts_with("connect(")), "{got:?}");
    assert!(got.iter().any(|l| l.starts_with("send(")), "{got:?}");
}

#[test]
fn the_json_record_names_the_sub_call_and_keeps_the_multiplexer() {
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", SET],
        "args_i386_old",
        "i386old-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let connect = syscalls_named(&events, "connect");
    assert_eq!(connect.len(), 1, "{connect:?}");
    let c = connect[0];
    assert_eq!(c["arch"], "i386");
    assert_eq!(c["nr"], 102);
    assert_eq!(c["via"], "socketcall");
    // The registers are socketcall's: the sub-call number and the array.
    assert_eq!(c["regs"][0], "0x3");
    assert_eq!(c["regs"][1], "0x24000000");
    assert_eq!(c["arg"]["fd"], -1);
    assert_eq!(
        c["arg"]["uservaddr"],
        json!({"family": "AF_INET", "port": 80, "address": "127.0.0.1"})
    );
    assert_eq!(c["arg"]["addrlen"], 16);
    let semop = syscalls_named(&events, "semop");
    assert_eq!(semop.len(), 3);
    assert!(semop.iter().all(|e| e["nr"] == 117 && e["via"] == "ipc"));
    assert_eq!(semop[0]["arg"]["nsops"], 2);
    assert_eq!(semop[0]["args"][1]["raw"], "0x24000400");
    // Shown as the multiplexer: no `via`, its own arguments.
    let sc = syscalls_named(&events, "socketcall");
    assert_eq!(sc.len(), 6);
    assert!(sc.iter().all(|e| e.get("via").is_none()));
    assert_eq!(sc[0]["arg"]["call"], "SYS_CONNECT");
    assert_eq!(sc[1]["arg"]["call"], 0);
    let ipc = syscalls_named(&events, "ipc");
    assert_eq!(ipc.len(), 2);
    assert_eq!(ipc[1]["arg"]["call"], json!({"version": 2, "call": 5}));
}
