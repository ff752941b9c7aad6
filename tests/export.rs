//! `notrace export --chrome`: a real trace (8 threads) converted to Chrome
//! trace-event JSON, checked against the format Perfetto and
//! chrome://tracing read: an object with a `traceEvents` array, every
//! element with the fields its phase needs and of the right types, one
//! named track per thread, and each call a slice whose duration is the
//! one the JSONL recorded.

mod common;

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

fn export(jsonl: &std::path::Path) -> Value {
    let out = common::run_notrace(&["export", "--chrome", jsonl.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "export failed: {}",
        common::text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "export wrote invalid JSON ({e}): {}",
            &common::text(&out.stdout)[..400.min(out.stdout.len())]
        )
    })
}

/// Checks each element against the trace-event format; returns them.
fn check_format(doc: &Value) -> &Vec<Value> {
    let evs = doc["traceEvents"]
        .as_array()
        .expect("traceEvents is an array");
    for e in evs {
        let ph = e["ph"].as_str().unwrap_or_else(|| panic!("no ph: {e}"));
        assert!(e["name"].is_string(), "name is a string: {e}");
        assert!(e["pid"].is_i64(), "pid is an integer: {e}");
        assert!(e["tid"].is_i64(), "tid is an integer: {e}");
        match ph {
            "M" => {
                assert!(
                    e["name"] == "thread_name" || e["name"] == "process_name",
                    "metadata kind: {e}"
                );
                assert!(e["args"]["name"].is_string(), "metadata name: {e}");
            }
            "X" => {
                assert!(e["ts"].as_f64().is_some_and(|t| t >= 0.0), "ts: {e}");
                assert!(e["dur"].as_f64().is_some_and(|d| d >= 0.0), "dur: {e}");
                assert!(e["args"].is_object(), "args: {e}");
            }
            "i" => {
                assert!(e["ts"].as_f64().is_some_and(|t| t >= 0.0), "ts: {e}");
                assert!(
                    e["s"] == "t" || e["s"] == "p" || e["s"] == "g",
                    "instant scope: {e}"
                );
            }
            other => panic!("unexpected phase {other}: {e}"),
        }
    }
    evs
}

#[test]
fn chrome_export_has_a_track_per_thread_and_call_durations() {
    let dir = common::tempdir("export");
    let jsonl = dir.join("t.jsonl");
    let out = common::trace_fixture(
        &["--json", "-e", "getppid", "-o", jsonl.to_str().unwrap()],
        "threads",
        &[],
    );
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let recs = common::parse_jsonl(&std::fs::read(&jsonl).unwrap());
    let calls = common::syscalls_named(&recs, "getppid");
    assert_eq!(calls.len(), 80_000);
    let with_results = calls.iter().all(|c| c["duration_ns"].is_u64());
    if !with_results {
        eprintln!("return values are not collected here: durations are not checked");
    }

    let doc = export(&jsonl);
    let evs = check_format(&doc);

    // One named track per thread that made a call, and no other.
    let call_tids: BTreeSet<i64> = calls.iter().map(|c| c["tid"].as_i64().unwrap()).collect();
    assert_eq!(call_tids.len(), 8, "8 worker threads");
    let named: BTreeSet<i64> = evs
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| e["tid"].as_i64().unwrap())
        .collect();
    let slice_tids: BTreeSet<i64> = evs
        .iter()
        .filter(|e| e["ph"] == "X" || (e["ph"] == "i" && e["s"] == "t"))
        .map(|e| e["tid"].as_i64().unwrap())
        .collect();
    assert!(call_tids.is_subset(&slice_tids));
    assert!(
        slice_tids.is_subset(&named),
        "every track is named: {slice_tids:?} vs {named:?}"
    );

    // Each getppid is one slice with the JSONL's duration, in µs.
    let by_seq: HashMap<u64, &Value> = evs
        .iter()
        .filter(|e| e["name"] == "getppid")
        .map(|e| (e["args"]["seq"].as_u64().unwrap(), e))
        .collect();
    assert_eq!(by_seq.len(), 80_000);
    for c in &calls {
        let s = by_seq[&c["seq"].as_u64().unwrap()];
        assert_eq!(s["tid"], c["tid"]);
        match c["duration_ns"].as_u64() {
            Some(d) => {
                assert_eq!(s["ph"], "X", "{s}");
                let dur = s["dur"].as_f64().unwrap();
                assert!((dur - d as f64 / 1000.0).abs() < 1e-6, "{s} vs {c}");
            }
            None => assert_eq!(s["ph"], "i", "{s}"),
        }
    }
    // The command's end is there, as a process-scoped instant.
    assert!(evs
        .iter()
        .any(|e| e["ph"] == "i" && e["s"] == "p" && e["name"] == "exited with 0"));
}

#[test]
fn chrome_export_to_a_file_and_usage_errors() {
    let dir = common::tempdir("export-o");
    let jsonl = dir.join("t.jsonl");
    let out = common::run_notrace(&["--json", "-o", jsonl.to_str().unwrap(), "--", "/bin/true"]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let json = dir.join("t.json");
    let out = common::run_notrace(&[
        "export",
        "--chrome",
        jsonl.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let doc: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let evs = check_format(&doc);
    assert!(evs.iter().any(|e| e["name"] == "execve"));

    let out = common::run_notrace(&["export", jsonl.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out.stderr).contains("--chrome"));
    let out = common::run_notrace(&["export", "--chrome", "/nonexistent/t.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::text(&out.stderr).contains("/nonexistent/t.jsonl"));
}
