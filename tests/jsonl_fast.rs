//! The hand-written JSONL call lines (src/output/json.rs) against the
//! serde path they replaced: real programs traced with the hidden
//! `NOTRACE_JSON_CHECK=1`, under which notrace builds every call line both
//! ways and says how many it compared and how many differ. Byte-identical
//! output is the contract; every run must compare as many lines as the
//! trace holds calls, and none may differ.

mod common;

use common::{fixture, notrace, parse_jsonl, tempdir, text};
use serde_json::Value;
use std::process::{Command, Stdio};

const DENY: &str = "openat path=/nonexistent-jsonl-fast/deny";

/// Traces `cmd` with `opts` and the check on; returns the records and
/// notrace's stderr, having asserted that every call line matched.
fn checked(tag: &str, opts: &[&str], cmd: &[&str]) -> (Vec<Value>, String) {
    let dir = tempdir(tag);
    let out = dir.join("trace.jsonl");
    let o = Command::new(notrace())
        .args(["--json", "-o"])
        .arg(&out)
        .args(opts)
        .arg("--")
        .args(cmd)
        .env("NOTRACE_JSON_CHECK", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run notrace");
    let err = text(&o.stderr);
    let raw = std::fs::read(&out).expect("trace file");
    let recs = parse_jsonl(&raw);
    let calls = recs.iter().filter(|r| r["type"] == "syscall").count();
    assert!(
        !err.contains("lines differ"),
        "{tag}: hand-written line differs from serde's:\n{err}"
    );
    let summary = format!("JSON check: {calls} call lines compared, 0 differ");
    assert!(
        err.contains(&summary),
        "{tag}: expected '{summary}' on stderr:\n{err}"
    );
    assert!(calls > 0, "{tag}: no call lines");
    // Every line, not only the calls, is one JSON object ending in a newline.
    assert!(raw.ends_with(b"\n"), "{tag}: last line unterminated");
    (recs, err)
}

fn results_on(err: &str, tag: &str) -> bool {
    if let Some(l) = err
        .lines()
        .find(|l| l.contains("return values are not shown"))
    {
        eprintln!("SKIP ({tag}, result assertions): {l}");
        return false;
    }
    true
}

fn calls<'a>(recs: &'a [Value], name: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    recs.iter()
        .filter(move |r| r["type"] == "syscall" && r["syscall"] == name)
}

#[test]
fn tricky_fixture_matches_serde_byte_for_byte() {
    let bin = fixture("jsonl_fast");
    let bin = bin.to_str().expect("UTF-8 path");
    let bare = Command::new(bin)
        .stdin(Stdio::null())
        .output()
        .expect("run fixture");
    assert_eq!(bare.status.code(), Some(0), "fixture alone: {bare:?}");

    let sets: [(&str, &[&str]); 6] = [
        ("jf-plain", &[]),
        ("jf-nores", &["--no-results"]),
        ("jf-yv", &["-y", "-v", "-s", "300"]),
        ("jf-yyx", &["-yy", "-x", "--deny", DENY]),
        ("jf-deny-nores", &["--no-results", "-v", "--deny", DENY]),
        ("jf-xx-t", &["-xx", "-ttt", "-T", "-s", "4"]),
    ];
    for (tag, opts) in sets {
        let (recs, err) = checked(tag, opts, &[bin]);
        // The awkward values made it into the lines the check compared.
        assert!(
            calls(&recs, "lseek").all(|r| r["comm"]
                .as_str()
                .is_some_and(|c| c.starts_with("q\"\\\u{1}"))),
            "{tag}: lseek lines lack the fixture's comm"
        );
        let offsets: Vec<&Value> = calls(&recs, "lseek").map(|r| &r["arg"]["offset"]).collect();
        assert_eq!(
            offsets,
            [
                &Value::from("1152921504606846976"),
                &Value::from("-1152921504606846976")
            ],
            "{tag}: offsets past 2^53 are strings"
        );
        assert!(
            calls(&recs, "execve").count() >= 2,
            "{tag}: the fixture's execve is traced"
        );
        let denied = calls(&recs, "openat")
            .filter(|r| r["action"] == "deny")
            .count();
        assert_eq!(
            denied,
            usize::from(opts.contains(&DENY)),
            "{tag}: denied opens"
        );
        if !opts.contains(&"--no-results") && results_on(&err, tag) {
            let rets: Vec<&Value> = calls(&recs, "lseek").map(|r| &r["ret"]).collect();
            assert_eq!(
                rets[0],
                &Value::from("1152921504606846976"),
                "{tag}: a return past 2^53 is a string"
            );
            assert!(
                calls(&recs, "openat").any(|r| r["errno"] == "ENOENT"),
                "{tag}: the missing path failed with ENOENT"
            );
        }
    }
}

#[test]
fn everyday_programs_match_serde_byte_for_byte() {
    let has_python = Command::new("python3")
        .arg("-c")
        .arg("pass")
        .stdin(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut runs: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        (
            "jf-ls",
            vec![],
            vec!["ls", "-la", "/", "/nonexistent-jsonl-fast"],
        ),
        ("jf-ls-y", vec!["-y", "-v"], vec!["ls", "/proc/self/fd/"]),
        (
            "jf-sh",
            vec!["--no-results"],
            vec![
                "sh",
                "-c",
                "echo 'a\"b\\c' | cat >/dev/null; (true); exit 0",
            ],
        ),
        (
            "jf-sh-deny",
            vec!["-yy", "--deny", "openat path=/etc/hostname"],
            vec!["sh", "-c", "cat /etc/hostname; sh -c 'exit 2'; exit 0"],
        ),
    ];
    if has_python {
        runs.push((
            "jf-py",
            vec!["-v", "-y"],
            vec![
                "python3",
                "-c",
                "import os,socket\n\
                 try: os.open(b'/nonexistent-jsonl-fast/\\xff\\x01\"\\\\', 0)\n\
                 except OSError: pass\n\
                 s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n\
                 s.sendto(bytes(range(256)), ('127.0.0.1', 9))\n\
                 os.getppid()",
            ],
        ));
        runs.push((
            "jf-py-nores",
            vec!["--no-results", "-e", "getppid,openat"],
            vec![
                "python3",
                "-c",
                "import os\nfor _ in range(50): os.getppid()",
            ],
        ));
    } else {
        eprintln!("SKIP (python3 runs): python3 not found");
    }
    for (tag, opts, cmd) in runs {
        let (recs, _) = checked(tag, &opts, &cmd);
        assert_eq!(recs[0]["type"], "header", "{tag}: header first");
    }
}
