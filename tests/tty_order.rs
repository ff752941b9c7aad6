//! Order on a terminal shared with the command: each call's line is on
//! the terminal before any output of the calls after it, as under strace.
//! The terminal is a pty from util-linux `script`.

mod common;

use std::process::{Command, Stdio};

/// Runs `notrace ARGS` on a pty; returns what the terminal showed, with
/// `\r\n` turned into `\n`.
fn on_pty(args: &[&str]) -> Option<String> {
    if Command::new("script").arg("-V").output().is_err() {
        eprintln!("skipped: util-linux script is not installed (it gives the test a terminal)");
        return None;
    }
    let mut cmd = common::notrace().to_str().unwrap().to_string();
    for a in args {
        cmd.push(' ');
        cmd.push('\'');
        cmd.push_str(&a.replace('\'', r"'\''"));
        cmd.push('\'');
    }
    let out = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("run script");
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

const SCRIPT: &str = "echo A >&2; cat /nonexist";

#[test]
fn each_line_comes_before_the_output_of_later_calls() {
    for _ in 0..3 {
        let Some(t) = on_pty(&["--no-results", "-e", "write,openat", "sh", "-c", SCRIPT]) else {
            return;
        };
        let lines: Vec<&str> = t.lines().collect();
        let pos = |f: &dyn Fn(&str) -> bool| lines.iter().position(|l| f(l));
        let write_a = pos(&|l| l.ends_with("\"A\\n\", 2)")).expect(&t);
        let a = pos(&|l| l == "A").expect(&t);
        assert!(write_a < a, "the write's line came after its output:\n{t}");
        let open = pos(&|l| l.ends_with("openat(AT_FDCWD, \"/nonexist\", O_RDONLY)")).expect(&t);
        let err = pos(&|l| l.starts_with("cat: ")).expect(&t);
        assert!(open < err, "cat's error came before its openat:\n{t}");
    }
}

#[test]
fn with_results_the_line_waits_open_for_its_result_as_strace() {
    if !common::is_root() {
        eprintln!("skipped: return values need root (or CAP_PERFMON)");
        return;
    }
    let Some(t) = on_pty(&["-e", "write", "sh", "-c", SCRIPT]) else {
        return;
    };
    if t.contains("return values are not shown") {
        eprintln!("skipped: return values are not available here:\n{t}");
        return;
    }
    // strace's `write(2, "A\n", 2A\n) = 2`: the output lands inside the
    // open line, never before it.
    assert!(t.contains("\"A\\n\", 2A\n) = 2\n"), "{t}");
    assert!(t.contains("\"cat: \", 5cat: ) = 5\n"), "{t}");
}
