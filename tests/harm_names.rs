//! A process named with bytes that are not UTF-8 (and with `)`, spaces
//! and newlines, which /proc parsers trip on) is traced and ruled like any
//! other: under a deny rule its calls do what they do in a bare run.
//! notrace once failed every open of such a process with EPERM, because
//! reading its /proc/PID/status as UTF-8 failed.

mod common;

use std::time::Duration;

const RULES: [&[&str]; 3] = [
    &["--deny", "openat path=/nonexistent"],
    &["--deny", "openat path=/nonexistent", "--deny", "kill"],
    &["--deny", "connect"],
];

#[test]
fn a_process_with_a_non_utf8_name_is_not_harmed_by_rules() {
    let fixture = common::fixture("badname");
    let (bare, timed_out) = common::bare("badname", &[], Duration::from_secs(10));
    assert!(!timed_out);
    let want = common::text(&bare.stdout);
    assert!(want.contains("parent open=ok open=ok"), "{want}");
    for rules in RULES {
        let mut args = vec!["-f", "-q", "-e", "openat,kill", "-o", "/dev/null"];
        args.extend_from_slice(rules);
        args.push("--");
        args.push(fixture.to_str().unwrap());
        let out = common::run_notrace(&args);
        let err = common::text(&out.stderr);
        let got = common::text(&out.stdout);
        // `--deny kill` denies the kill, as it should; everything else is
        // the bare run's.
        let want = if rules.contains(&"kill") {
            want.replace("kill=0", "kill=-1")
        } else {
            want.clone()
        };
        assert_eq!(got, want, "rules {rules:?}; stderr:\n{err}");
        assert_eq!(out.status.code(), Some(0), "{err}");
    }
}

#[test]
fn a_non_utf8_name_shows_in_the_trace() {
    let out = common::run_notrace(&[
        "-f",
        "-q",
        "--json",
        "-e",
        "openat",
        "--deny",
        "openat path=/nonexistent",
        "--",
        common::fixture("badname").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", common::text(&out.stderr));
    let events = common::parse_jsonl(&out.stdout);
    let hostname: Vec<_> = events
        .iter()
        .filter(|e| {
            e["syscall"] == "openat" && e["text"].as_str().unwrap_or("").contains("hostname")
        })
        .collect();
    assert_eq!(hostname.len(), 2, "parent and child open it: {events:?}");
    for e in hostname {
        assert_ne!(e["action"], "denied", "{e}");
    }
}
