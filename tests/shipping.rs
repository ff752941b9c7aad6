//! docs/shipping.md: the mapping of notrace's JSONL to OpenTelemetry log
//! records, applied with the doc's own jq programs to real traces, and the
//! OTLP/JSON request and journald priorities made from them.

mod common;

use common::{notrace, parse_jsonl, text};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/shipping.md")).unwrap()
}

/// The ```jq block of docs/shipping.md that starts with `# NAME:`, written
/// to `dir/NAME`.
fn program(dir: &Path, name: &str) -> PathBuf {
    let doc = doc();
    let start = doc
        .find(&format!("```jq\n# {name}:"))
        .unwrap_or_else(|| panic!("no {name} block in docs/shipping.md"));
    let body = &doc[start + "```jq\n".len()..];
    let end = body.find("```").unwrap();
    let path = dir.join(name);
    std::fs::write(&path, &body[..end]).unwrap();
    path
}

/// Runs `sh -c cmd` in `dir` (`notrace` being the binary under test);
/// returns stdout, failing the test on a non-zero exit.
fn sh_in(dir: &Path, cmd: &str) -> String {
    let cmd = cmd.replace("notrace ", &format!("{} ", notrace().display()));
    let o = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{cmd}: {}", text(&o.stderr));
    text(&o.stdout)
}

fn results_here() -> bool {
    let o = Command::new(notrace())
        .args(["-e", "getpid", "--", "true"])
        .output()
        .expect("run notrace");
    let err = text(&o.stderr);
    if let Some(l) = err
        .lines()
        .find(|l| l.contains("return values are not shown"))
    {
        eprintln!("SKIP: {l}");
        return false;
    }
    true
}

/// A trace with successful, failed and denied calls, a child process, an
/// exec and a non-zero exit.
const RUN: &str = "notrace --json -f --deny 'unlinkat errno=EACCES' -o t.jsonl -- sh -c 'cat /etc/hostname /nonexistent; touch x; rm -f x; exit 3' || true";

#[test]
fn the_documented_mapping_makes_otel_log_records() {
    common::require_tool("jq", "the mapping is a jq program");
    if !results_here() {
        return;
    }
    let dir = common::tempdir("shipping");
    let otel = program(&dir, "notrace-otel.jq");
    sh_in(&dir, RUN);
    let trace = parse_jsonl(&std::fs::read(dir.join("t.jsonl")).unwrap());
    let out = sh_in(&dir, &format!("jq -cn -f {} t.jsonl", otel.display()));
    let recs = parse_jsonl(out.as_bytes());
    let header = &trace[0];
    assert_eq!(header["type"], "header");
    assert_eq!(
        recs.len(),
        trace.len() - 1,
        "one record a line, but the header"
    );
    let (mut denied, mut failed, mut info) = (0, 0, 0);
    for (r, l) in recs.iter().zip(&trace[1..]) {
        // The timestamp is time_ns, every digit of it.
        assert_eq!(
            r["timeUnixNano"].as_str().unwrap(),
            l["time_ns"].as_u64().unwrap().to_string(),
            "{l}"
        );
        assert_eq!(r["time"], l["ts"]);
        let a = &r["attributes"];
        assert_eq!(
            a["event.name"],
            format!("notrace.{}", l["type"].as_str().unwrap())
        );
        assert_eq!(a["process.pid"], l["pid"]);
        let res = &r["resource"];
        assert_eq!(res["service.name"], "notrace");
        assert_eq!(res["service.version"], header["notrace"]);
        assert_eq!(res["os.type"], "linux");
        assert_eq!(res["os.version"], header["kernel"]);
        assert_eq!(res["process.command_args"], header["command"]);
        assert_eq!(res["notrace.command.pid"], header["pid"]);
        assert_eq!(res["notrace.options"], header["options"]);
        if cfg!(target_arch = "x86_64") {
            assert_eq!(res["host.arch"], "amd64");
        }
        let sev = (
            r["severityNumber"].as_u64().unwrap(),
            r["severityText"].as_str().unwrap(),
        );
        match l["type"].as_str().unwrap() {
            "syscall" => {
                assert_eq!(
                    r["body"].as_str().unwrap(),
                    format!(
                        "{} = {}",
                        l["text"].as_str().unwrap(),
                        l["result"].as_str().unwrap_or("?")
                    )
                );
                assert_eq!(a["syscall.name"], l["syscall"]);
                assert_eq!(a["syscall.nr"], l["nr"]);
                assert_eq!(a["thread.id"], l["tid"]);
                assert_eq!(a["notrace.seq"], l["seq"]);
                assert_eq!(a["syscall.status"], l["status"]);
                assert_eq!(a["syscall.arg"], l["arg"]);
                assert_eq!(a["syscall.ret"], l["ret"]);
                assert_eq!(a.get("syscall.errno"), l.get("errno"));
                if l["action"] == "deny" {
                    assert_eq!(sev, (17, "ERROR"), "{r}");
                    assert_eq!(a["syscall.rule"], "unlinkat errno=EACCES");
                    denied += 1;
                } else if l["status"] == "failed" {
                    assert_eq!(sev, (13, "WARN"), "{r}");
                    failed += 1;
                } else {
                    assert_eq!(sev, (9, "INFO"), "{r}");
                    assert!(a.get("syscall.errno").is_none());
                    info += 1;
                }
            }
            "exit" if l["command"] == true => {
                assert_eq!(r["body"], "+++ exited with 3 +++");
                assert_eq!(a["process.exit.code"], 3);
                assert_eq!(sev, (13, "WARN"));
            }
            "exec" => {
                assert_eq!(a["process.command_args"], l["argv"]);
                assert_eq!(a["process.executable.path"], l["filename"]);
                assert!(a.get("notrace.env").is_none(), "no env without -v");
            }
            "process" => assert_eq!(
                a.get("process.parent_pid"),
                l.get("ppid").filter(|p| !p.is_null())
            ),
            _ => {}
        }
    }
    assert!(
        denied >= 1 && failed >= 1 && info >= 1,
        "{denied} {failed} {info}"
    );

    // The same program on the stream, as the doc pipes it.
    let piped = sh_in(
        &dir,
        &format!(
            "notrace --json -e openat -- cat /etc/hostname 2>/dev/null | jq -cn --unbuffered -f {}",
            otel.display()
        ),
    );
    let piped = parse_jsonl(piped.as_bytes());
    assert!(piped
        .iter()
        .any(|r| r["attributes"]["syscall.arg"]["filename"] == "/etc/hostname"));

    // Without a header first, it refuses rather than mislabel.
    std::fs::write(
        dir.join("headless.jsonl"),
        text(&std::fs::read(dir.join("t.jsonl")).unwrap())
            .lines()
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    let o = Command::new("jq")
        .args(["-cn", "-f"])
        .arg(&otel)
        .arg(dir.join("headless.jsonl"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("no notrace header first"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn the_otlp_request_carries_resource_and_records() {
    common::require_tool("jq", "the mapping is a jq program");
    if !results_here() {
        return;
    }
    let dir = common::tempdir("shipping-otlp");
    let otel = program(&dir, "notrace-otel.jq");
    let otlp = program(&dir, "notrace-otlp.jq");
    sh_in(&dir, RUN);
    let trace = parse_jsonl(&std::fs::read(dir.join("t.jsonl")).unwrap());
    let out = sh_in(
        &dir,
        &format!(
            "jq -cn -f {} t.jsonl | jq -s -f {}",
            otel.display(),
            otlp.display()
        ),
    );
    let req: Value = serde_json::from_str(&out).unwrap();
    let rl = req["resourceLogs"].as_array().unwrap();
    assert_eq!(rl.len(), 1, "one run, one resource");
    let attrs = rl[0]["resource"]["attributes"].as_array().unwrap();
    let get = |list: &[Value], k: &str| {
        list.iter()
            .find(|kv| kv["key"] == k)
            .map(|kv| kv["value"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        get(attrs, "service.name"),
        json!({"stringValue": "notrace"})
    );
    assert_eq!(
        get(attrs, "os.version"),
        json!({"stringValue": trace[0]["kernel"]})
    );
    assert_eq!(
        get(attrs, "process.command_args")["arrayValue"]["values"][0],
        json!({"stringValue": "sh"})
    );
    let scope = &rl[0]["scopeLogs"][0];
    assert_eq!(scope["scope"]["name"], "notrace");
    let recs = scope["logRecords"].as_array().unwrap();
    assert_eq!(recs.len(), trace.len() - 1);
    for (r, l) in recs.iter().zip(&trace[1..]) {
        assert_eq!(
            r["timeUnixNano"].as_str().unwrap(),
            l["time_ns"].as_u64().unwrap().to_string()
        );
        assert!(r["body"]["stringValue"].is_string(), "{r}");
        let a = r["attributes"].as_array().unwrap();
        // OTLP/JSON's int64 is a decimal string.
        assert_eq!(
            get(a, "process.pid"),
            json!({"intValue": l["pid"].as_i64().unwrap().to_string()})
        );
        if l["type"] == "syscall" {
            assert_eq!(get(a, "syscall.name"), json!({"stringValue": l["syscall"]}));
            assert!(get(a, "syscall.arg")["kvlistValue"]["values"].is_array());
        }
    }
}

#[test]
fn journald_priorities_follow_the_severity() {
    common::require_tool("jq", "the mapping is a jq program");
    if !results_here() {
        return;
    }
    let dir = common::tempdir("shipping-journald");
    let otel = program(&dir, "notrace-otel.jq");
    let doc = doc();
    let prio = doc
        .lines()
        .find(|l| l.contains("severityNumber >= 17"))
        .expect("the journald pipe")
        .trim()
        .trim_end_matches(" |");
    assert!(prio.starts_with("jq "), "{prio}");
    sh_in(&dir, RUN);
    let out = sh_in(
        &dir,
        &format!("jq -cn -f {} t.jsonl | {prio}", otel.display()),
    );
    let trace = parse_jsonl(&std::fs::read(dir.join("t.jsonl")).unwrap());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), trace.len() - 1);
    for (p, l) in lines.iter().zip(&trace[1..]) {
        let want = if l["action"] == "deny" {
            "<3>"
        } else if l["status"] == "failed" || (l["type"] == "exit" && l["exit_code"] != 0) {
            "<4>"
        } else {
            "<6>"
        };
        assert!(p.starts_with(want), "{p} for {l}");
        if l["type"] == "syscall" {
            assert!(p[3..].starts_with(l["text"].as_str().unwrap()), "{p}");
        }
    }
}
