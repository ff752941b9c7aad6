//! Guards for the supervisor's and the text writer's per-event shortcuts
//! (issue 9 point 6): the pid prefix written straight into the line, the
//! tid maps with their cheap hash, the selection as bitmaps. Each test
//! traces a real shell and checks the lines notrace printed.

mod common;

use common::{run_notrace, tempdir, text};

/// `sh -c`: a kill by the command, one by a forked subshell (two
/// processes live then), and one by the command after the subshell ended.
const SCRIPT: &str = "kill -0 $$; (kill -0 $$; exit 0); kill -0 $$";

fn kill_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("kill(")).collect()
}

fn pid_of(l: &str) -> &str {
    l.trim_start_matches("[pid")
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("")
}

#[test]
fn pid_prefix_only_while_two_processes_live() {
    let o = run_notrace(&["--no-results", "-e", "kill", "sh", "-c", SCRIPT]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let k = kill_lines(&err);
    assert_eq!(k.len(), 3, "{err}");
    assert!(k[0].starts_with("kill("), "{err}");
    assert!(k[1].starts_with("[pid "), "the subshell's line: {err}");
    assert!(!pid_of(k[1]).is_empty(), "{err}");
    // strace pads the pid to 5 columns inside the brackets.
    let inner = k[1].trim_start_matches("[pid ").split(']').next().unwrap();
    assert!(inner.len() >= 5, "{err}");
    assert!(k[2].starts_with("kill("), "the subshell is gone: {err}");
}

#[test]
fn pid_prefix_with_comm_always() {
    let o = run_notrace(&[
        "--no-results",
        "-Y",
        "--always-show-pid",
        "-e",
        "kill",
        "sh",
        "-c",
        SCRIPT,
    ]);
    let err = text(&o.stderr);
    let k = kill_lines(&err);
    assert_eq!(k.len(), 3, "{err}");
    for l in &k {
        let pid = pid_of(l);
        assert!(
            l.starts_with("[pid ") && l.contains(&format!("{pid}<sh>] kill(")),
            "{err}"
        );
    }
    assert_ne!(pid_of(k[0]), pid_of(k[1]), "{err}");
    assert_eq!(pid_of(k[0]), pid_of(k[2]), "{err}");
}

#[test]
fn pid_column_with_follow_to_a_file() {
    let d = tempdir("speed-column");
    for comm in [false, true] {
        let out = d.join(format!("trace-{comm}"));
        let mut args = vec!["--no-results", "-f", "-o", out.to_str().unwrap()];
        if comm {
            args.push("-Y");
        }
        args.extend(["-e", "kill", "sh", "-c", SCRIPT]);
        let o = run_notrace(&args);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let t = std::fs::read_to_string(&out).unwrap();
        let k = kill_lines(&t);
        assert_eq!(k.len(), 3, "{t}");
        for l in &k {
            // strace's `%-5d `: the pid left-aligned in 5 columns.
            let pid = pid_of(l);
            assert!(!pid.is_empty(), "{t}");
            let who = if comm {
                format!("{pid}<sh>")
            } else {
                pid.to_string()
            };
            let want = format!("{who:<5} kill(");
            assert!(l.starts_with(&want), "{l:?} vs {want:?}\n{t}");
        }
    }
}

#[test]
fn untraced_calls_stay_unprinted_and_traced_ones_printed() {
    // The bitmaps must say what the selection says: `!kill` traces every
    // call but kill, numbers past the table (unknown calls) included.
    let o = run_notrace(&["--no-results", "-e", "!kill,getpid", "sh", "-c", SCRIPT]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(kill_lines(&err).is_empty(), "{err}");
    assert!(err.lines().any(|l| l.contains("execve(")), "{err}");
}
