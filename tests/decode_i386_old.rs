//! i386's multiplexers checked line by line against strace 6.1: the
//! fixture `args_i386_old` makes socketcall and ipc calls with `int $0x80`
//! (sub-calls by number with their arguments in socketcall's array of
//! 32-bit words or in ipc's shifted registers, unknown sub-call numbers,
//! NULL and partly unmapped arrays, junk in the registers' upper halves).
//! strace prints each as its sub-call (`connect(...)`, `semop(...)`), or
//! as the multiplexer where it cannot (`socketcall(SYS_CONNECT, NULL)`),
//! and selects the line by the name it prints; notrace must do the same.
//! With `old`, the fixture makes i386's other old calls (old mmap's
//! argument block, struct old_sigaction, the 32-bit masks of sigprocmask,
//! sigsuspend and ssetmask, signal's handler, the raw olduname pair,
//! readdir's count, the oldstat family, the calls strace prints raw,
//! _llseek's offset).
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
    fixture_lines(tracer, args, &[], tag)
}

/// [`lines_of`] with arguments for the fixture.
fn fixture_lines(
    tracer: &std::path::Path,
    args: &[&str],
    fargs: &[&str],
    tag: &str,
) -> Vec<String> {
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    let lines = if fargs.is_empty() {
        trace_lines(tracer, args, "args_i386_old", tag)
    } else {
        // trace_lines' run, with the fixture's arguments.
        let dir = common::tempdir(tag);
        let out = dir.join("trace");
        let mut cmd = Command::new(tracer);
        if tracer == notrace() {
            cmd.arg("--no-results");
        }
        let st = cmd
            .args(args)
            .arg("-o")
            .arg(&out)
            .arg("--")
            .arg(common::fixture("args_i386_old"))
            .args(fargs)
            .stdin(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "{} on args_i386_old: {st}", tracer.display());
        let text = std::fs::read_to_string(&out).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        text.lines().map(str::to_string).collect()
    };
    lines
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
        // strace's old spelling of %ipc, not the ipc call.
        (
            "trace=ipc",
            include_str!("strace-evidence/i386old_ipc.strace"),
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

/// The old calls' run: everything from the fixture's first old call, the
/// native signal calls around its sigsuspend (rt_sigaction, rt_sigprocmask,
/// tgkill, rt_sigreturn: `%signal` takes them too) left out.
fn old_calls(tracer: &std::path::Path, args: &[&str], tag: &str) -> Vec<String> {
    fixture_lines(tracer, args, &["old"], tag)
        .into_iter()
        .skip_while(|l| l != "mmap(NULL)")
        .filter(|l| !l.starts_with("rt_") && !l.starts_with("tgkill("))
        .collect()
}

/// `signal` is strace's old spelling of `%signal`, so the set names the
/// class rather than the call.
const OLD_SET: &str = "trace=mmap,%signal,olduname,oldolduname,readdir,oldstat,oldfstat,oldlstat,\
     stty,gtty,ulimit,profil,bdflush,vm86,_llseek";

#[test]
fn old_calls_print_as_strace_6_1_does() {
    let want = evidence(include_str!("strace-evidence/i386old_calls.strace"));
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let got = old_calls(&notrace(), &["-e", OLD_SET], "i386old-calls");
    check_lines(&got, &want);
    if have_strace() {
        let theirs = old_calls(
            std::path::Path::new("strace"),
            &["-qq", "-e", "signal=none", "-e", OLD_SET],
            "i386old-calls-strace",
        );
        assert_eq!(theirs, got);
    }
}

#[test]
fn old_calls_json_values() {
    use serde_json::json;
    let dir = common::tempdir("i386old-calls-json");
    let out = dir.join("trace");
    let st = Command::new(notrace())
        .args(["--no-results", "--json", "-e", OLD_SET, "-o"])
        .arg(&out)
        .arg("--")
        .arg(common::fixture("args_i386_old"))
        .arg("old")
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(st.success());
    let events = parse_jsonl(&std::fs::read(&out).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    let i386 = |name: &str| -> Vec<serde_json::Value> {
        syscalls_named(&events, name)
            .into_iter()
            .filter(|e| e["arch"] == "i386")
            .cloned()
            .collect()
    };
    let mmap = i386("mmap");
    assert_eq!(mmap[1]["nr"], 90);
    assert_eq!(
        mmap[1]["arg"]["arg"],
        json!({"addr": 0, "len": 4096, "prot": ["PROT_READ", "PROT_WRITE"],
               "flags": ["MAP_PRIVATE", "MAP_ANONYMOUS"], "fd": -1, "offset": 0})
    );
    let sa = i386("sigaction");
    assert_eq!(
        sa[0]["arg"]["act"],
        json!({"handler": "SIG_IGN", "mask": ["SIGINT", "SIGUSR1"],
               "flags": ["SA_RESTORER", "SA_RESTART"], "restorer": 0x12345})
    );
    assert_eq!(
        i386("sigprocmask")[0]["arg"]["nset"],
        json!(["SIGHUP", "SIGUSR1"])
    );
    assert_eq!(i386("sigsuspend")[0]["arg"]["mask"], json!(["SIGHUP"]));
    assert_eq!(i386("signal")[0]["arg"]["handler"], "SIG_IGN");
}
