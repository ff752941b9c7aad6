//! Results where notrace and strace 6.1 disagree, found by tracing real
//! programs and tests/fixtures/results_diff.c with both (`strace -f -qq`)
//! and comparing what follows ` = `.
//!
//! Each `#[ignore]`d test names the bug it shows and fails today; the lead
//! un-ignores it with the fix. The tests that run guard what already agrees
//! (results paired with the right thread and call) and the fixture itself.
//! The strace comparisons trace the same program and mode once with each
//! tracer, so strace must be installed (without it they fail and say so).

mod common;
mod trace_text;

use common::{fixture, notrace, require_tool, tempdir};
use std::process::{Command, Stdio};
use trace_text::{parse_notrace, parse_strace, Call, Normaliser};

/// Runs `cmd` under strace (`-f -qq -e signal=none`) and under notrace, both
/// with `opts`, and returns each one's calls.
fn both(opts: &[&str], cmd: &[&str]) -> (Vec<Call>, Vec<Call>) {
    require_tool(
        "strace",
        "these tests compare notrace's results with strace's",
    );
    let dir = tempdir("resdiff");
    let (s_out, n_out) = (dir.join("strace"), dir.join("notrace"));
    // The status is the program's own (9 for groupexit, killed for
    // killself): the traces say what happened.
    let run = |c: &mut Command, out: &std::path::Path| {
        c.args(opts)
            .arg("-o")
            .arg(out)
            .arg("--")
            .args(cmd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("running a tracer");
    };
    run(
        Command::new("strace").args(["-f", "-qq", "-e", "signal=none"]),
        &s_out,
    );
    run(&mut Command::new(notrace()), &n_out);
    let s = parse_strace(&std::fs::read_to_string(&s_out).unwrap());
    let n = parse_notrace(&std::fs::read_to_string(&n_out).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        !s.is_empty() && !n.is_empty(),
        "no calls traced for {cmd:?}"
    );
    (s, n)
}

/// `name(first NARGS args) = result`, addresses and traced pids normalised.
fn line(c: &Call, nargs: usize, norm: &Normaliser) -> String {
    let args: Vec<&str> = c.args.iter().take(nargs).map(String::as_str).collect();
    let r = c.result.as_deref().unwrap_or("<no result>");
    norm.apply(&format!("{}({}) = {r}", c.name, args.join(", ")))
}

/// The calls `pick` chooses (it says how many leading arguments identify
/// them), as [`line`]s, sorted: processes' lines interleave differently
/// under the two tracers.
fn picked(calls: &[Call], pick: &dyn Fn(&Call) -> Option<usize>) -> Vec<String> {
    let norm = Normaliser::new(&calls.iter().map(|c| c.pid).collect::<Vec<_>>());
    let mut v: Vec<String> = calls
        .iter()
        .filter_map(|c| pick(c).map(|n| line(c, n, &norm)))
        .collect();
    v.sort();
    v
}

/// Traces fixture results_diff in `mode` with both tracers and asserts
/// that the picked calls read the same; `want` is how many strace has.
fn same_results(mode: &str, opts: &[&str], want: usize, pick: &dyn Fn(&Call) -> Option<usize>) {
    let bin = fixture("results_diff");
    let (s, n) = both(opts, &[bin.to_str().unwrap(), mode]);
    let (s, n) = (picked(&s, pick), picked(&n, pick));
    assert_eq!(s.len(), want, "strace's lines for {mode}: {s:#?}");
    assert_eq!(
        n, s,
        "notrace (left) and strace (right) on results_diff {mode}"
    );
}

fn named<'a>(names: &'a [&'a str], nargs: usize) -> impl Fn(&Call) -> Option<usize> + 'a {
    move |c: &Call| names.contains(&c.name.as_str()).then_some(nargs)
}

/// Bug: a call whose thread is killed inside it (SIGKILL, or exit_group /
/// exec from another thread) never returns to the program; strace prints
/// ` = ?`, notrace prints the kernel's in-kernel restart code
/// (`? ERESTARTSYS (To be restarted if SA_RESTART is set)`,
/// `? ERESTART_RESTARTBLOCK (Interrupted by signal)`), which reads as if
/// the call would be restarted. The thread's end follows that exit record
/// with no further call from it.
#[test]
fn a_thread_ended_by_exit_group_mid_call_shows_question_mark() {
    // strace: read(40,  <unfinished ...>) = ?
    let pipe_read = |c: &Call| (c.name == "read" && c.args[0] == "40").then_some(1);
    same_results("groupexit", &[], 1, &pipe_read);
}

/// The same bug for the main thread waiting in pthread_join (a futex wait)
/// when the other thread execs: strace `futex(...) = ?`.
#[test]
fn a_thread_ended_by_another_threads_exec_mid_call_shows_question_mark() {
    let join = |c: &Call| (c.name == "futex" && c.args[1].starts_with("FUTEX_WAIT")).then_some(2);
    same_results("threadexec", &[], 1, &join);
}

/// The same bug seen through the status filter: `-e status=unfinished`
/// keeps the call strace keeps (notrace counts it as failed, so `-Z`
/// shows it instead).
#[test]
fn status_unfinished_keeps_a_call_whose_thread_was_killed() {
    let pipe_read = |c: &Call| (c.name == "read" && c.args[0] == "40").then_some(1);
    same_results("groupexit", &["-e", "status=unfinished"], 1, &pipe_read);
}

/// The same bug in JSONL: the read is `"status":"failed"`, `"ret":-1`,
/// `"errno":"ERESTARTSYS"`, though the program never saw -1 (and `-c`
/// counts it as an error); it should say `"status":"unfinished"` and
/// `"ret":null`, as exit_group does.
#[test]
fn jsonl_says_unfinished_for_a_call_whose_thread_was_killed() {
    let bin = fixture("results_diff");
    let out = common::run_notrace(&["-j", "--", bin.to_str().unwrap(), "groupexit"]);
    let events = common::parse_jsonl(&out.stdout);
    let reads: Vec<_> = common::syscalls_named(&events, "read")
        .into_iter()
        .filter(|e| e["args"][0]["value"] == 40)
        .collect();
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0]["status"], "unfinished", "{}", reads[0]);
    assert!(reads[0]["ret"].is_null(), "{}", reads[0]);
}

/// The same bug for a process killed by SIGKILL in nanosleep.
#[test]
fn a_process_killed_mid_call_shows_question_mark() {
    // strace: clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=5, ...}) = ? for
    // the child, = 0 for the parent's 200 ms sleep.
    same_results("sigkill", &[], 2, &named(&["clock_nanosleep"], 1));
}

/// Bug: `kill(getpid(), SIGKILL)` never returns to the program (the signal
/// is delivered on the way out); strace prints ` = ?`, notrace ` = 0`.
/// Telling this apart needs the same clue as the killed-thread case: the
/// task ended right after the exit record, by a signal.
#[test]
#[ignore = "known difference (docs/tracing.md): the call itself returned (0) before the signal it sent ended its caller; notrace prints what the kernel returned, strace `?`"]
fn a_call_that_kills_its_caller_shows_question_mark() {
    same_results("killself", &[], 1, &named(&["kill"], 0));
}

/// Bug: strace adds ` (Timeout)` to a 0 from poll, ppoll, select and
/// pselect6; notrace prints the bare `0`. (The `([{fd=5, revents=...}])`
/// strace adds to a non-zero count comes from the output buffer, out of
/// notrace's reach; `(Timeout)` needs only the value.)
#[test]
fn poll_and_select_timeouts_say_timeout() {
    same_results("decor", &[], 2, &named(&["poll", "pselect6"], 1));
}

/// Bug: calls whose value strace names from the value alone print as bare
/// numbers under notrace: `1 (SUID_DUMP_USER)` for PR_GET_DUMPABLE,
/// `2 (PR_MCE_KILL_DEFAULT)`, `0 (PER_LINUX)`, `0 (SCHED_OTHER)`,
/// `10 (SIGUSR1)` for rt_sigtimedwait and F_GETSIG, `0x2 (F_UNLCK)` for
/// F_GETLEASE, `0x4 (seals F_SEAL_GROW)` for F_GET_SEALS,
/// `0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0))`. Tables for these belong in
/// syscall-tables/returns.tsv.
#[test]
fn results_strace_names_from_the_value_are_named() {
    let pick = |c: &Call| match (c.name.as_str(), c.args.get(1).map(String::as_str)) {
        ("prctl", _) if c.args[0] == "PR_GET_DUMPABLE" || c.args[0] == "PR_MCE_KILL_GET" => Some(1),
        ("personality" | "sched_getscheduler" | "rt_sigtimedwait" | "ioprio_get", _) => Some(1),
        ("fcntl", Some("F_GETSIG" | "F_GETLEASE" | "F_GET_SEALS")) => Some(2),
        _ => None,
    };
    same_results("decor", &[], 9, &pick);
}

/// Bug: strace prints umask's old mask with `%#03o`: `000`, `002`, `022`;
/// notrace prints `0` and `02` (022 agrees).
#[test]
fn umask_results_print_with_three_digits() {
    same_results("umask", &[], 3, &named(&["umask"], 1));
}

/// Bug: strace prints PR_GET_TIMERSLACK's answer unsigned
/// (`9223372036854775813`), notrace signed (`-9223372036854775803`).
#[test]
fn timer_slack_prints_unsigned() {
    let pick = |c: &Call| (c.name == "prctl" && c.args[0] == "PR_GET_TIMERSLACK").then_some(1);
    same_results("slack", &[], 1, &pick);
}

/// Gap (issue 9, point 1): with `-y` strace shows the path of a returned
/// fd, `openat(..., "/etc/hostname", O_RDONLY) = 3</etc/hostname>`; notrace
/// prints `= 3`. For an open of an absolute path without symlinks that
/// succeeded, the path is known for sure.
#[test]
#[ignore = "by design (docs/tracing.md): without a rule notrace did not open the file and cannot know for sure which file a returned fd number names; tests/results.rs checks the rule case"]
fn dash_y_shows_the_path_of_a_returned_fd() {
    let (s, n) = both(&["-y"], &["cat", "/etc/hostname"]);
    let pick = |c: &Call| (c.name == "openat" && c.args[1] == "\"/etc/hostname\"").then_some(2);
    let (s, n) = (picked(&s, &pick), picked(&n, &pick));
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(n, s);
}

/// Guards the pairing by thread: eight threads lseek to offsets only they
/// use (so a result given to the wrong thread, or to the wrong call of the
/// right thread, shows), while another thread's read on a pipe stays
/// blocked across all of it and is resumed at the end.
#[test]
fn results_stay_with_their_thread_and_call() {
    let bin = fixture("results_diff");
    let dir = tempdir("resdiff-threads");
    let out = dir.join("trace");
    let st = Command::new(notrace())
        .args(["-e", "lseek,read", "-o"])
        .arg(&out)
        .arg("--")
        .arg(&bin)
        .arg("threads")
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "{st}");
    let calls = parse_notrace(&std::fs::read_to_string(&out).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    let mut per_thread: std::collections::HashMap<u32, Vec<i64>> = Default::default();
    for c in calls.iter().filter(|c| c.name == "lseek") {
        let off: i64 = c.args[1].parse().unwrap();
        assert_eq!(c.result.as_deref(), Some(off.to_string().as_str()), "{c:?}");
        per_thread.entry(c.pid).or_default().push(off);
    }
    assert_eq!(per_thread.len(), 8, "threads seen: {:?}", per_thread.keys());
    for offs in per_thread.values() {
        // One thread's offsets, in its order: k*100000 + 0..2000.
        let base = offs[0];
        let want: Vec<i64> = (0..2000).map(|i| base + i).collect();
        assert_eq!(offs, &want);
    }
    // The pipe read (fd 40), blocked throughout.
    let reads: Vec<&Call> = calls
        .iter()
        .filter(|c| c.name == "read" && c.args[0] == "40")
        .collect();
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].result.as_deref(), Some("1"));
}

/// The fixture alone, without a tracer: each mode ends as its comment says
/// (so a failure above is the tracer's, not the fixture's).
#[test]
fn fixture_modes_end_as_described_without_a_tracer() {
    use std::os::unix::process::ExitStatusExt;
    let bin = fixture("results_diff");
    for (mode, code, signal) in [
        ("decor", Some(0), None),
        ("umask", Some(0), None),
        ("slack", Some(0), None),
        ("sigkill", Some(0), None),
        ("groupexit", Some(9), None),
        ("killself", None, Some(libc::SIGKILL)),
        ("threadexec", Some(0), None),
        ("threads", Some(0), None),
        ("nonsense", Some(1), None),
    ] {
        let st = Command::new(&bin)
            .arg(mode)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!((st.code(), st.signal()), (code, signal), "mode {mode}");
    }
}

/// The syscall names and `calls`/`errors` columns of a `-c` table.
fn summary_rows(text: &str) -> Vec<String> {
    let mut rows: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            // `% time, seconds, usecs/call, calls, [errors,] syscall`.
            if f.len() < 5 || f[0].parse::<f64>().is_err() || f.last() == Some(&"total") {
                return None;
            }
            let errors = if f.len() == 6 { f[4] } else { "0" };
            Some(format!("{} calls={} errors={errors}", f[f.len() - 1], f[3]))
        })
        .collect();
    rows.sort();
    rows
}

/// Bug: notrace's `-c` lists exit_group (1 call); strace's does not (a call
/// that never returns has no time and no result).
#[test]
fn summary_counts_the_calls_strace_counts() {
    require_tool("strace", "this test compares with strace -c");
    let dir = tempdir("resdiff-c");
    let (s_out, n_out) = (dir.join("strace"), dir.join("notrace"));
    let cmd = ["ls", "/nonexistent/notrace-missing"];
    for (tracer, out) in [
        (std::path::PathBuf::from("strace"), &s_out),
        (notrace(), &n_out),
    ] {
        Command::new(tracer)
            .args(["-c", "-o"])
            .arg(out)
            .arg("--")
            .args(cmd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
    }
    let s = summary_rows(&std::fs::read_to_string(&s_out).unwrap());
    let n = summary_rows(&std::fs::read_to_string(&n_out).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    assert!(s.iter().any(|r| r.starts_with("openat ")), "{s:?}");
    assert_eq!(n, s, "notrace -c (left), strace -c (right)");
}
