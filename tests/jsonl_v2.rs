//! JSONL v2 (docs/jsonl.md): the header, process and exec records, args by
//! name, exact 64-bit values, types that options do not change, execve's
//! environment only with -v, every recipe of the doc run with jq on a real
//! trace, and a trace read back by `notrace view`'s loader.

mod common;

use common::{notrace, parse_jsonl, text};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::process::{Command, Stdio};

/// Whether return values are collected here (process, exec records and
/// statuses need them); says why not.
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

/// Runs notrace with `args` in `dir`, environment plus `env`; returns the
/// JSONL it wrote to stdout and its exit status.
fn json_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Vec<Value>, Option<i32>) {
    let o = Command::new(notrace())
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run notrace");
    (parse_jsonl(&o.stdout), o.status.code())
}

/// A Makefile with two jobs: one opens a file, one fails to and runs a
/// program in a nested shell.
fn make_dir(tag: &str) -> std::path::PathBuf {
    let dir = common::tempdir(tag);
    std::fs::write(
        dir.join("Makefile"),
        "all: a b\na:\n\tcat /etc/hostname > /dev/null\nb:\n\tsh -c 'cat /nonexistent-recipe 2>/dev/null; true'\n",
    )
    .unwrap();
    dir
}

/// Runs a shell command line in `dir`, `notrace` being the binary under
/// test; returns stdout.
fn sh_in(dir: &Path, cmd: &str) -> String {
    let cmd = cmd.replacen("notrace ", &format!("{} ", notrace().display()), 1);
    let o = Command::new("sh")
        .arg("-c")
        .arg(&cmd)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        o.status.success() || cmd.contains("rm -f"),
        "{cmd}: {}",
        text(&o.stderr)
    );
    text(&o.stdout)
}

fn jq_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[test]
fn the_header_comes_first_and_says_the_run() {
    let dir = common::tempdir("jsonl-header");
    let (lines, code) = json_in(
        &dir,
        &[
            "--json",
            "-s",
            "40",
            "-v",
            "-x",
            "-e",
            "openat",
            "--",
            "cat",
            "/etc/hostname",
        ],
        &[],
    );
    assert_eq!(code, Some(0));
    let h = &lines[0];
    assert_eq!(h["type"], "header", "{h}");
    assert_eq!(h["v"], 2);
    assert_eq!(h["notrace"], env!("CARGO_PKG_VERSION"));
    assert_eq!(h["command"], serde_json::json!(["cat", "/etc/hostname"]));
    assert_eq!(h["argv"][0], notrace().to_str().unwrap());
    assert_eq!(h["argv"][1], "--json");
    assert_eq!(
        Path::new(h["cwd"].as_str().unwrap())
            .canonicalize()
            .unwrap(),
        dir.canonicalize().unwrap()
    );
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap();
    assert_eq!(h["kernel"], release.trim());
    let o = &h["options"];
    assert_eq!(o["string_limit"], 40);
    assert_eq!(o["verbose"], true);
    assert_eq!(o["hex"], 1);
    assert_eq!(o["decode_fds"], 0);
    assert_eq!(o["expressions"], serde_json::json!(["openat"]));
    assert_eq!(o["results"], results_here());
    // The header's pid is the command's: its exit says so.
    let exits: Vec<&Value> = lines.iter().filter(|l| l["type"] == "exit").collect();
    assert_eq!(exits.last().unwrap()["pid"], h["pid"]);
    assert_eq!(exits.last().unwrap()["command"], true);
    assert_eq!(lines.iter().filter(|l| l["type"] == "header").count(), 1);
    // ts is time_ns exactly, as text.
    let ts = h["ts"].as_str().unwrap();
    let ns = h["time_ns"].as_u64().unwrap();
    assert_eq!(&ts[20..29], format!("{:09}", ns % 1_000_000_000), "{ts}");

    let (lines, _) = json_in(
        &dir,
        &["--json", "--no-results", "-e", "openat", "--", "true"],
        &[],
    );
    assert_eq!(lines[0]["options"]["results"], false);
    assert_eq!(lines[0]["options"]["results_why_not"], "--no-results");
}

#[test]
fn every_process_has_its_record_with_its_parent_before_its_lines() {
    if !results_here() {
        return;
    }
    let dir = make_dir("jsonl-procs");
    let (lines, code) = json_in(&dir, &["--json", "-f", "--", "make", "-j2"], &[]);
    assert_eq!(code, Some(0));
    let mut known: BTreeMap<i64, Value> = BTreeMap::new();
    for l in &lines[1..] {
        let pid = l["pid"].as_i64().unwrap();
        if l["type"] == "process" {
            assert!(known.insert(pid, l.clone()).is_none(), "two records: {l}");
        } else {
            assert!(known.contains_key(&pid), "a line before its process: {l}");
        }
    }
    // make, two shells, each with a cat: all with parents but make, which
    // is the command.
    assert!(known.len() >= 5, "{known:?}");
    let command = &known[&lines[0]["pid"].as_i64().unwrap()];
    assert_eq!(command["via"], "command");
    assert_eq!(command["ppid"], Value::Null);
    for (pid, p) in &known {
        if p["via"] == "command" {
            continue;
        }
        let ppid = p["ppid"]
            .as_i64()
            .unwrap_or_else(|| panic!("no parent: {p}"));
        assert!(known.contains_key(&ppid), "{pid}'s parent {ppid} unknown");
        // The creating call is in the trace and returned the pid.
        let seq = p["seq"].as_u64().unwrap();
        let call = lines
            .iter()
            .find(|l| l["type"] == "syscall" && l["seq"] == seq)
            .unwrap();
        assert_eq!(call["syscall"], p["via"], "{call}");
        assert_eq!(call["ret"], *pid, "{call}");
        assert_eq!(call["pid"], ppid, "{call}");
    }
    // Every successful execve has its exec record, right after it.
    for (i, l) in lines.iter().enumerate() {
        if l["syscall"] == "execve" && l["status"] == "successful" {
            let x = &lines[i + 1];
            assert_eq!(x["type"], "exec", "{x}");
            assert_eq!(x["seq"], l["seq"]);
            assert_eq!(x["argv"], l["arg"]["argv"]);
            assert_eq!(x["filename"], l["arg"]["filename"]);
        }
    }
    let cats: Vec<&Value> = lines
        .iter()
        .filter(|l| l["type"] == "exec" && l["argv"][0] == "cat")
        .collect();
    assert_eq!(cats.len(), 2, "{cats:?}");
}

#[test]
fn args_by_name_are_the_args_by_position() {
    let dir = common::tempdir("jsonl-byname");
    let (lines, _) = json_in(
        &dir,
        &[
            "--json",
            "-e",
            "openat,read,close",
            "--",
            "cat",
            "/etc/hostname",
        ],
        &[],
    );
    let mut n = 0;
    for l in lines.iter().filter(|l| l["type"] == "syscall") {
        let args = l["args"].as_array().unwrap();
        let by_name = l["arg"].as_object().unwrap();
        assert_eq!(by_name.len(), args.len(), "{l}");
        for a in args {
            let want = a.get("value").cloned().unwrap_or(Value::Null);
            assert_eq!(by_name[a["name"].as_str().unwrap()], want, "{l}");
        }
        n += 1;
    }
    assert!(n >= 3);
    let open = lines
        .iter()
        .find(|l| l["syscall"] == "openat" && l["arg"]["filename"] == "/etc/hostname")
        .expect("openat by name");
    assert_eq!(open["arg"]["dfd"], "AT_FDCWD");
}

/// Each field's (and each argument value's) JSON types over a trace.
fn types(lines: &[Value]) -> BTreeMap<String, BTreeSet<&'static str>> {
    let mut t: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for l in lines.iter().filter(|l| l["type"] == "syscall") {
        for (k, v) in l.as_object().unwrap() {
            // Present or not, ret's type is by value, not by option.
            if k != "ret" {
                t.entry(k.clone()).or_default().insert(jq_type(v));
            }
        }
        for a in l["args"].as_array().unwrap() {
            if let Some(v) = a.get("value") {
                let key = format!(
                    "{}.{}",
                    l["syscall"].as_str().unwrap(),
                    a["name"].as_str().unwrap()
                );
                t.entry(key).or_default().insert(jq_type(v));
            }
        }
    }
    t
}

#[test]
fn options_never_change_a_fields_type() {
    let dir = common::tempdir("jsonl-types");
    std::fs::write(dir.join("f"), "hello\n").unwrap();
    let run = |opts: &[&str]| {
        let mut args = vec![
            "--json",
            "-e",
            "openat,read,fstat,close,lseek,newfstatat,execve",
        ];
        args.extend_from_slice(opts);
        args.extend_from_slice(&["--", "cat", "f"]);
        json_in(&dir, &args, &[]).0
    };
    let plain = types(&run(&[]));
    assert!(plain.contains_key("read.fd"), "{plain:?}");
    for opts in [&["-y"][..], &["-v"], &["-x"], &["-xx"], &["-s", "3"]] {
        let lines = run(opts);
        let other = types(&lines);
        // An option may add a field (ret_path, a fd's path), never retype one.
        for (k, t) in &plain {
            if let Some(o) = other.get(k) {
                assert_eq!(o, t, "{k} with {opts:?}");
            }
        }
        if opts == ["-y"] {
            let read = lines
                .iter()
                .find(|l| {
                    l["syscall"] == "read"
                        && l["args"][0]["path"]
                            .as_str()
                            .is_some_and(|p| p.ends_with("/f"))
                })
                .expect("-y's path beside the fd of cat's read of f");
            let fd = &read["args"][0];
            assert!(fd["value"].is_number(), "{fd}");
            assert_eq!(read["arg"]["fd"], fd["value"]);
        }
    }
}

#[test]
fn the_environment_is_only_in_a_verbose_trace() {
    let dir = common::tempdir("jsonl-env");
    let secret = "SECRET_TOKEN=hunter2-notrace";
    let run = |verbose: bool| {
        let mut args = vec!["--json", "-e", "execve"];
        if verbose {
            args.push("-v");
        }
        args.extend_from_slice(&["--", "sh", "-c", "cat /dev/null"]);
        let o = Command::new(notrace())
            .args(&args)
            .env("SECRET_TOKEN", "hunter2-notrace")
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(o.status.success());
        text(&o.stdout)
    };
    let plain = run(false);
    assert!(plain.contains("\"execve\""), "{plain}");
    assert!(
        !plain.contains("hunter2"),
        "the environment leaked:\n{plain}"
    );
    let lines = parse_jsonl(plain.as_bytes());
    let exec = common::syscalls_named(&lines, "execve");
    assert!(exec.iter().all(|e| e["arg"]["envp"].is_null()), "{plain}");
    assert!(exec
        .iter()
        .all(|e| e["args"][2]["text"].as_str().unwrap().contains(" vars */")));

    let verbose = run(true);
    let lines = parse_jsonl(verbose.as_bytes());
    let exec = common::syscalls_named(&lines, "execve");
    assert!(
        exec.iter().all(|e| e["arg"]["envp"]
            .as_array()
            .is_some_and(|v| v.iter().any(|s| s == secret))),
        "{verbose}"
    );
    if results_here() {
        let recs: Vec<&Value> = lines.iter().filter(|l| l["type"] == "exec").collect();
        assert_eq!(recs.len(), 2, "{verbose}");
        assert!(recs.iter().all(|r| r["env"]
            .as_array()
            .is_some_and(|v| v.iter().any(|s| s == secret))));
        let plain = parse_jsonl(plain.as_bytes());
        let recs: Vec<&Value> = plain.iter().filter(|l| l["type"] == "exec").collect();
        assert_eq!(recs.len(), 2);
        assert!(recs.iter().all(|r| r.get("env").is_none()));
        assert_eq!(recs[1]["argv"], serde_json::json!(["cat", "/dev/null"]));
    }
}

#[test]
fn integers_past_2_pow_53_are_exact_for_jq() {
    common::require_tool("python3", "the test seeks a memfd to 2^60");
    common::require_tool("jq", "the check is what jq reads");
    let dir = common::tempdir("jsonl-big");
    let out = sh_in(
        &dir,
        "notrace --json -e lseek -o t.jsonl -- python3 -c 'import os; os.lseek(os.memfd_create(\"x\"), 2**60, 0)'",
    );
    assert!(out.is_empty());
    let jq = sh_in(
        &dir,
        "jq -r 'select(.syscall==\"lseek\" and .arg.whence==\"SEEK_SET\") | \"\\(.arg.offset) \\(.ret) \\(.result // \"-\")\"' t.jsonl",
    );
    let line = jq
        .lines()
        .find(|l| l.starts_with("1152921504606846976 "))
        .unwrap_or_else(|| panic!("no exact offset in:\n{jq}"));
    if results_here() {
        assert_eq!(
            line, "1152921504606846976 1152921504606846976 1152921504606846976",
            "{jq}"
        );
    }
    // ts has every digit of time_ns that jq would round.
    let ts = sh_in(&dir, "jq -r 'select(.type==\"syscall\") | .ts' t.jsonl");
    let lines = parse_jsonl(&std::fs::read(dir.join("t.jsonl")).unwrap());
    let ns = common::syscalls_named(&lines, "lseek")[0]["time_ns"]
        .as_u64()
        .unwrap();
    let first = ts.lines().next().unwrap();
    assert_eq!(
        &first[20..29],
        format!("{:09}", ns % 1_000_000_000),
        "{first}"
    );
}

#[test]
fn the_jsonl_recipes_work_as_documented() {
    common::require_tool("jq", "the JSONL recipes are jq commands");
    if !results_here() {
        return;
    }
    let dir = make_dir("jsonl-recipes");

    let (setup, files) = common::jsonl_recipe("every file a build opened, once each");
    sh_in(&dir, &setup.expect("the recipe makes its trace"));
    let out = sh_in(&dir, &files);
    assert!(out.lines().any(|l| l == "/etc/hostname"), "{out}");
    assert!(
        !out.contains("/nonexistent-recipe"),
        "failed opens listed:\n{out}"
    );
    let mut sorted: Vec<&str> = out.lines().collect();
    sorted.dedup();
    assert_eq!(sorted.len(), out.lines().count(), "{out}");

    let (_, per) = common::jsonl_recipe("calls per process");
    let v: Value = serde_json::from_str(&sh_in(&dir, &per)).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.len() >= 5, "{v}");
    assert!(rows.iter().all(|r| r["calls"].as_u64().unwrap() > 0));
    let pids: HashSet<i64> = rows.iter().map(|r| r["pid"].as_i64().unwrap()).collect();
    assert_eq!(pids.len(), rows.len());

    let (_, lost) = common::jsonl_recipe("check nothing was lost");
    assert_eq!(sh_in(&dir, &lost).trim(), "true");

    let (_, exit) = common::jsonl_recipe("the command's exit status");
    assert_eq!(sh_in(&dir, &exit), "0\n", "one line: the command's (make)");
    let failing = common::tempdir("jsonl-recipes-exit");
    sh_in(
        &failing,
        "notrace --json -f -e exit_group -o t.jsonl -- sh -c '(exit 4); sh -c \"exit 5\"; exit 3' || true",
    );
    assert_eq!(sh_in(&failing, &exit), "3\n");
    sh_in(
        &failing,
        "notrace --json -e none -o t.jsonl -- sh -c 'kill -9 $$' || true",
    );
    assert_eq!(sh_in(&failing, &exit), "SIGKILL\n");

    let (_, header) =
        common::jsonl_recipe("header: what ran, where, on which kernel, with which options");
    let h: Value = serde_json::from_str(&sh_in(&failing, &header)).unwrap();
    assert_eq!(h["command"], serde_json::json!(["sh", "-c", "kill -9 $$"]));
    assert_eq!(h["results"], true);

    let (setup, runs) = common::jsonl_recipe("every program run: pid, parent, argv");
    sh_in(&dir, &setup.unwrap());
    let out = sh_in(&dir, &runs);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.splitn(3, ' ').collect()).collect();
    assert_eq!(rows[0][1..], ["-", "make -j2"], "{out}");
    let cat = rows
        .iter()
        .find(|r| r[2] == "cat /etc/hostname")
        .unwrap_or_else(|| panic!("{out}"));
    let shell = rows
        .iter()
        .find(|r| r[0] == cat[1])
        .unwrap_or_else(|| panic!("cat's parent ran nothing: {out}"));
    assert!(shell[2].starts_with("/bin/sh -c cat"), "{out}");
    assert_eq!(shell[1], rows[0][0], "the shell is make's child: {out}");

    let (_, tree) = common::jsonl_recipe("the process tree, with what each process ran");
    let out = sh_in(&dir, &tree);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].ends_with(" make"), "{out}");
    assert!(!lines[0].starts_with(' '), "{out}");
    let at = lines
        .iter()
        .position(|l| l.starts_with("  ") && l.ends_with(" /bin/sh") && !l.starts_with("   "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        lines[at + 1..]
            .iter()
            .any(|l| l.starts_with("    ") && l.ends_with(" cat")),
        "{out}"
    );

    let (_, by_time) =
        common::jsonl_recipe("calls by time, exactly (ts is exact where time_ns is rounded by jq)");
    let out = sh_in(&dir, &by_time);
    let ts: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert!(ts.len() > 5 && ts.windows(2).all(|w| w[0] <= w[1]), "{out}");

    // Connections: an AF_INET one (the doc's curl, with nothing listening)
    // and a unix one, which must not print `null:null`.
    let (setup, conns) =
        common::jsonl_recipe("connections, as address:port (or the socket's path)");
    let net = common::tempdir("jsonl-recipes-net");
    if Command::new("curl").arg("--version").output().is_ok() {
        sh_in(&net, &format!("{} || true", setup.unwrap()));
        let out = sh_in(&net, &conns);
        assert!(out.lines().any(|l| l == "127.0.0.1:8080"), "{out}");
    } else {
        eprintln!("SKIP: no curl for the doc's own connect recipe");
    }
    common::require_tool("python3", "the unix connect is made by python3");
    sh_in(
        &net,
        "notrace --json -f -e connect -o t.jsonl -- python3 -c 'import socket; socket.socket(socket.AF_UNIX).connect_ex(\"/run/notrace-recipe.sock\")'",
    );
    let out = sh_in(&net, &conns);
    assert!(
        out.lines().any(|l| l == "/run/notrace-recipe.sock"),
        "{out}"
    );
    assert!(!out.contains("null"), "{out}");

    let (setup, denied) = common::jsonl_recipe("what was denied, and by which rule");
    let deny = common::tempdir("jsonl-recipes-deny");
    let victim = "/tmp/notrace-recipe-file";
    std::fs::write(victim, "x").unwrap();
    sh_in(&deny, &setup.unwrap());
    assert!(Path::new(victim).exists(), "the denied unlink ran");
    let _ = std::fs::remove_file(victim);
    let out = sh_in(&deny, &denied);
    let v: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(v["errno"], "EACCES", "{out}");
    assert!(
        v["syscall"].as_str().unwrap().starts_with("unlink"),
        "{out}"
    );
    assert_eq!(v["rule"], "unlink,unlinkat errno=EACCES", "{out}");
}

#[test]
fn a_trace_read_back_by_view_keeps_its_fields() {
    let dir = common::tempdir("jsonl-roundtrip");
    std::fs::write(dir.join("f"), "hello\n").unwrap();
    let o = Command::new(notrace())
        .args([
            "--json",
            "-y",
            "-f",
            "-o",
            "t.jsonl",
            "--deny",
            "unlinkat errno=EACCES",
            "--",
            "sh",
            "-c",
            "cat f; cat /nonexistent; rm -f f; exit 7",
        ])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7), "{}", text(&o.stderr));
    let written = parse_jsonl(&std::fs::read(dir.join("t.jsonl")).unwrap());
    let msgs = notrace::tui::load::load_file(&dir.join("t.jsonl")).unwrap();
    let kept: Vec<&Value> = written
        .iter()
        .filter(|l| l["type"] == "syscall" || l["type"] == "exit")
        .collect();
    assert_eq!(msgs.len(), kept.len(), "header, process, exec are skipped");
    let results = results_here();
    let mut fd_paths = 0;
    for (m, w) in msgs.iter().zip(&kept) {
        match m {
            notrace::event::Message::Event(e) => {
                assert_eq!(e.seq, w["seq"].as_u64().unwrap());
                assert_eq!(e.time_ns, w["time_ns"].as_u64().unwrap());
                assert_eq!(e.pid as i64, w["pid"].as_i64().unwrap());
                assert_eq!(e.tid as i64, w["tid"].as_i64().unwrap());
                assert_eq!(e.comm, w["comm"].as_str().unwrap());
                assert_eq!(e.name, w["syscall"].as_str().unwrap());
                assert_eq!(e.nr as u64, w["nr"].as_u64().unwrap());
                for (r, h) in e.args.iter().zip(w["regs"].as_array().unwrap()) {
                    assert_eq!(format!("{r:#x}"), h.as_str().unwrap());
                }
                assert_eq!(e.decoded.len(), w["args"].as_array().unwrap().len());
                for (d, a) in e.decoded.iter().zip(w["args"].as_array().unwrap()) {
                    assert_eq!(d.name, a["name"].as_str().unwrap());
                    assert_eq!(d.kind, a["kind"].as_str().unwrap());
                    assert_eq!(d.text, a["text"].as_str().unwrap());
                    assert_eq!(format!("{:#x}", d.raw), a["raw"].as_str().unwrap());
                    match a.get("path") {
                        // The UI sees -y's fd as the decoder made it.
                        Some(p) => {
                            fd_paths += 1;
                            assert_eq!(
                                d.value,
                                Some(serde_json::json!({"fd": a["value"], "path": p}))
                            );
                        }
                        None => assert_eq!(d.value.as_ref(), a.get("value")),
                    }
                }
                let status = e.result.status().map(|s| s.name());
                assert_eq!(status, w["status"].as_str(), "{w}");
                if results {
                    assert_eq!(e.duration_ns, w["duration_ns"].as_u64(), "{w}");
                }
                assert_eq!(e.ret_path.as_deref(), w["ret_path"].as_str());
                let denied = matches!(e.action, notrace::event::Action::Denied { .. });
                assert_eq!(denied, w["action"] == "deny");
            }
            notrace::event::Message::Exit(x) => {
                assert_eq!(x.pid as i64, w["pid"].as_i64().unwrap());
                assert_eq!(x.time_ns, w["time_ns"].as_u64().unwrap());
                if let Some(c) = w["exit_code"].as_i64() {
                    assert_eq!(x.how, notrace::event::ExitKind::Exited(c as i32));
                }
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(fd_paths > 0, "no -y path in the trace");
    let denied: Vec<&Value> = kept
        .iter()
        .copied()
        .filter(|l| l["action"] == "deny")
        .collect();
    assert!(!denied.is_empty(), "rm's unlinkat was denied");
    let last = msgs.last().unwrap();
    assert!(
        matches!(last, notrace::event::Message::Exit(x) if x.how == notrace::event::ExitKind::Exited(7)),
        "{last:?}"
    );
}

#[test]
fn a_big_return_value_is_read_back_exactly() {
    common::require_tool("python3", "the test seeks a memfd to 2^60");
    if !results_here() {
        return;
    }
    let dir = common::tempdir("jsonl-roundtrip-big");
    sh_in(
        &dir,
        "notrace --json -e lseek -o t.jsonl -- python3 -c 'import os; os.lseek(os.memfd_create(\"x\"), 2**60, 0)'",
    );
    let msgs = notrace::tui::load::load_file(&dir.join("t.jsonl")).unwrap();
    let hit = msgs.iter().any(|m| {
        matches!(m, notrace::event::Message::Event(e)
            if e.name == "lseek" && e.result == notrace::event::Outcome::Returned(1 << 60))
    });
    assert!(hit, "{msgs:?}");
}

#[test]
fn summary_with_json_keeps_stdout_pure_jsonl() {
    let o = common::run_notrace(&["-C", "--json", "-e", "openat", "--", "cat", "/etc/hostname"]);
    assert!(o.status.success());
    // Every stdout line parses (parse_jsonl panics on one that does not).
    let events = common::parse_jsonl(&o.stdout);
    assert!(events.iter().any(|e| e["type"] == "syscall"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.lines().any(|l| l.ends_with(" openat")),
        "the table is on stderr: {err}"
    );
    assert!(err.lines().any(|l| l.ends_with(" total")), "{err}");
}
