//! Arguments whose count or layout strace shapes by another argument
//! (prctl by option, ioctl by request, mremap's new address only for a
//! fixed move, membarrier's cpu only with `MEMBARRIER_CMD_FLAG_CPU`,
//! preadv/pwritev's one offset), rt_sigaction's 64-bit `sa_flags`,
//! personality's persona and ioprio_set's priority: the fixture
//! `args_counts` makes raw calls with junk in high bits and unknown values,
//! and notrace's line for each must be strace 6.1's.

mod common;

use common::{fixture, notrace, parse_jsonl, syscalls_named, tempdir, trace_lines};
use std::process::{Command, Stdio};

/// The calls of the fixture that this file checks.
const SET: &str = "prctl,ioctl,mremap,membarrier,pwritev,preadv,pwritev2,preadv2,\
rt_sigaction,personality,ioprio_set,ioprio_get";

/// strace 6.1's lines for the fixture (tests/strace-evidence/t7.strace),
/// without results, stack addresses as `ADDR`.
const EXPECTED: &[&str] = &[
    "prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)",
    "prctl(PR_SET_NAME, \"abc\")",
    "prctl(PR_GET_SECUREBITS)",
    "prctl(PR_SET_SECUREBITS, SECBIT_NOROOT)",
    "prctl(PR_GET_DUMPABLE)",
    "prctl(PR_MCE_KILL_GET, 0x1, 0x2, 0x3, 0x4)",
    "prctl(PR_GET_FP_MODE)",
    "prctl(PR_SET_FP_MODE, PR_FP_MODE_FR)",
    "prctl(PR_GET_IO_FLUSHER, 0x1, 0x2, 0x3, 0x4)",
    "prctl(PR_GET_TAGGED_ADDR_CTRL, 0x1, 0x2, 0x3, 0x4)",
    "prctl(PR_MPX_ENABLE_MANAGEMENT, 0x1, 0x2, 0x3, 0x4)",
    "prctl(PR_SET_CHILD_SUBREAPER, 1)",
    "prctl(PR_GET_THP_DISABLE, 0x1, 0x2, 0x3, 0x4)",
    "prctl(PR_SVE_GET_VL)",
    "prctl(0x270f /* PR_??? */, 0x1, 0x2, 0x3, 0x4)",
    "ioctl(-1, FIOCLEX)",
    "ioctl(-1, FIONCLEX)",
    "ioctl(-1, TCGETS, ADDR)",
    "ioctl(-1, FIONREAD, ADDR)",
    "ioctl(-1, TIOCNOTTY)",
    "ioctl(-1, _IOC(_IOC_NONE, 0x12, 0x34, 0), 0x5)",
    "ioctl(-1, TIOCSCTTY, 5)",
    "ioctl(-1, TIOCEXCL)",
    "ioctl(-1, TIOCNXCL)",
    "mremap(NULL, 4096, 8192, MREMAP_MAYMOVE|0xdeadbeef00000000)",
    "mremap(NULL, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED|0xdeadbeef00000000, 0x1000)",
    "mremap(NULL, 4096, 8192, 0xdeadbeef00000000 /* MREMAP_??? */)",
    "mremap(NULL, 4096, 8192, MREMAP_FIXED|0xdeadbeef00000000)",
    "membarrier(MEMBARRIER_CMD_QUERY, 0)",
    "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, MEMBARRIER_CMD_FLAG_CPU, 3)",
    "membarrier(0x1000 /* MEMBARRIER_CMD_??? */, MEMBARRIER_CMD_FLAG_CPU|0x4, 3)",
    "pwritev(-1, [{iov_base=\"\\0\\0\\0\\0\", iov_len=4}], 1, 4886718345)",
    "preadv(-1, [{iov_base=ADDR, iov_len=4}], 1, 100)",
    "pwritev2(-1, [{iov_base=\"\\0\\0\\0\\0\", iov_len=4}], 1, 16, RWF_HIPRI|RWF_APPEND)",
    "preadv2(-1, [{iov_base=ADDR, iov_len=4}], 1, -1, 0x100 /* RWF_??? */)",
    "preadv2(-1, [{iov_base=ADDR, iov_len=4}], 1, 7, 0)",
    "rt_sigaction(SIGUSR1, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER|SA_RESTART|0x1234567800000000, sa_restorer=NULL}, NULL, 8)",
    "rt_sigaction(SIGUSR2, {sa_handler=SIG_DFL, sa_mask=[HUP], sa_flags=SA_RESTORER|SA_SIGINFO|0x100000000, sa_restorer=0x1000}, NULL, 8)",
    "personality(0xffffffff)",
    "personality(PER_LINUX|ADDR_NO_RANDOMIZE)",
    "personality(0x61 /* PER_??? */|MMAP_PAGE_ZERO|STICKY_TIMEOUTS|ADDR_LIMIT_3GB)",
    "personality(0x3f /* PER_??? */)",
    "personality(PER_LINUX32)",
    "personality(PER_LINUX|0x10000000)",
    "personality(PER_LINUX)",
    "ioprio_set(IOPRIO_WHO_PROCESS, 99999, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))",
    "ioprio_set(IOPRIO_WHO_PGRP, 99999, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0))",
    "ioprio_set(IOPRIO_WHO_USER, 99999, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 7))",
    "ioprio_set(0x7 /* IOPRIO_WHO_??? */, 99999, IOPRIO_PRIO_VALUE(0x5 /* IOPRIO_CLASS_??? */, 291))",
    "ioprio_set(IOPRIO_WHO_PROCESS, 99999, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0))",
    "ioprio_get(IOPRIO_WHO_PROCESS, 99999)",
    "personality(PER_LINUX)",
];

/// Stack addresses (`0x7ff` and 9 more hex digits) become `ADDR`; other
/// hex numbers (junk in flags) stay.
fn normalise(line: &str) -> String {
    regex::Regex::new(r"0x7ff[0-9a-f]{9}")
        .unwrap()
        .replace_all(line, "ADDR")
        .into_owned()
}

/// notrace's lines for the calls in `SET`, addresses normalised.
fn notrace_lines(tag: &str) -> Vec<String> {
    trace_lines(&notrace(), &["-e", SET], "args_counts", tag)
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(l))
        .collect()
}

#[test]
fn entry_counts_print_as_strace_6_1_does() {
    let got = notrace_lines("counts-text");
    common::check_lines(&got, EXPECTED);
}

/// The same comparison against the strace installed here, when there is
/// one: the expected lines above are strace 6.1's, this catches a table
/// that differs from the running strace's.
#[test]
fn entry_counts_match_installed_strace() {
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
    let theirs: Vec<String> = trace_lines(
        &strace,
        &["-qq", "-e", "signal=none", "-e", &format!("trace={SET}")],
        "args_counts",
        "counts-strace",
    )
    .iter()
    .filter(|l| !l.starts_with("+++"))
    .map(|l| normalise(&result.replace(l, ")")))
    .collect();
    let ours = notrace_lines("counts-ours");
    assert_eq!(theirs, ours);
}

#[test]
fn entry_counts_json_values() {
    let dir = tempdir("counts-json");
    let out = dir.join("trace.jsonl");
    let st = Command::new(notrace())
        .args(["--json", "-e", SET, "-o"])
        .arg(&out)
        .arg("--")
        .arg(fixture("args_counts"))
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
    // Left out of the text, the raw value stays in the JSON.
    let a = arg("pwritev", 0, 4);
    assert_eq!(a["kind"], "omitted");
    assert_eq!(a["value"], 0x55);
    assert_eq!(arg("ioctl", 0, 2)["value"], 5);
    assert_eq!(
        arg("personality", 2, 0)["value"],
        serde_json::json!([0x61, "MMAP_PAGE_ZERO", "STICKY_TIMEOUTS", "ADDR_LIMIT_3GB"])
    );
    assert_eq!(
        arg("ioprio_set", 0, 2)["value"],
        serde_json::json!({"class": "IOPRIO_CLASS_BE", "data": 4})
    );
    assert_eq!(
        arg("rt_sigaction", 0, 1)["value"]["flags"],
        serde_json::json!(["SA_RESTORER", "SA_RESTART", "0x1234567800000000"])
    );
}
