//! End-to-end tests of search, the filter language and the process and
//! exec trees in `notrace --tui`, driven in a detached tmux session (the
//! harness is a copy of the small one in `tests/tui_e2e.rs`).
//!
//! Needs `tmux`; without it these tests fail with a message saying so.
//! Every wait polls the screen with a timeout; nothing relies on sleeps.

mod common;

use common::tmux::{notrace, results_available, scratch, sq, Tmux};
use std::process::{Command, Stdio};

/// The last line of the screen that is not empty: the status line.
fn status_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Event rows: they start with the time since the first call.
fn event_rows(s: &str) -> Vec<&str> {
    s.lines()
        .filter(|l| {
            l.trim_start_matches('│')
                .split_whitespace()
                .next()
                .is_some_and(|t| t.contains('.') && t.parse::<f64>().is_ok())
        })
        .collect()
}

/// `/` finds and highlights as you type, n moves on, `f` filters with
/// fields and negation, a bad term is named in the status line, and Up
/// recalls the last filter.
#[test]
fn search_highlight_and_filter_language_live() {
    let marker = format!("1000.{}", std::process::id());
    let cmd = format!(
        "cat /etc/hostname /etc/passwd /nonexistent-e2e-search 2>/dev/null; echo E2E-READY; sleep {marker}"
    );
    let t = Tmux::start_sized(
        "search",
        160,
        60,
        &format!(
            "{} --tui -e %file,%process -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(&cmd)
        ),
    );
    t.wait_text(&["Events", "openat(", "E2E-READY", "/etc/passwd"]);

    // Search: the prompt shows what is typed, the match is painted.
    t.keys(&["/"]);
    t.type_text("etc/passwd");
    t.wait_for("the search prompt", |s| {
        status_line(s).contains("search /etc/passwd")
    });
    t.keys(&["Enter"]);
    t.wait_for("the search in the status line", |s| {
        status_line(s).contains(" /etc/passwd ")
    });
    // Light yellow background (SGR 103, or its 256-colour form) behind
    // the match on its row.
    // Lines of the plain and the styled capture correspond one to one.
    let plain = t.screen();
    let styled = t.screen_styled();
    let y = plain
        .lines()
        .position(|l| l.contains("execve(") && l.contains("etc/passwd"))
        .unwrap_or_else(|| panic!("no match in sight:\n{plain}"));
    let row = styled.lines().nth(y).unwrap();
    let at = row.find("etc/passwd").unwrap();
    let before = &row[..at];
    let last_sgr = before.rfind("\x1b[").map(|i| &before[i..]).unwrap_or("");
    assert!(
        last_sgr.contains("103") || last_sgr.contains("48;5;11"),
        "the match should be highlighted, its style was {last_sgr:?} in {row:?}"
    );
    // n with one more match (cat's execve has it too) wraps round and
    // says nothing is wrong.
    t.keys(&["n"]);
    let s = t.screen();
    assert!(!status_line(&s).contains("no match"), "{s}");

    // The filter language.
    t.keys(&["f"]);
    t.type_text("syscall:openat path:/etc !errno:ENOENT");
    t.keys(&["Enter"]);
    let s = t.wait_for("the filtered list", |s| {
        status_line(s).contains("filter: syscall:openat path:/etc !errno:ENOENT")
            && s.lines().nth(1).is_some_and(|l| l.contains(" of "))
    });
    let rows = event_rows(&s);
    assert!(!rows.is_empty(), "{s}");
    assert!(
        rows.iter()
            .all(|l| l.contains("openat(") && l.contains("\"/etc/")),
        "only openat of /etc paths:\n{s}"
    );
    assert!(rows.iter().any(|l| l.contains("/etc/hostname")), "{s}");
    assert!(
        !rows.iter().any(|l| l.contains("ENOENT")),
        "no failed open left:\n{s}"
    );

    // A bad term is named; Esc undoes the edit.
    t.keys(&["f"]);
    t.type_text(" colour:red");
    t.wait_for("the parse error", |s| {
        status_line(s).contains("error in `colour:red`: no field `colour`")
    });
    t.keys(&["Escape"]);
    t.wait_for("the filter as it was", |s| {
        status_line(s).contains("filter: syscall:openat path:/etc !errno:ENOENT ")
    });
    // History: clear, then Up brings the filter back.
    t.keys(&["0", "f", "Up", "Enter"]);
    t.wait_for("the filter from history", |s| {
        status_line(s).contains("filter: syscall:openat path:/etc !errno:ENOENT")
    });

    t.keys(&["q"]);
    t.wait_text(&["Quit?"]);
    t.keys(&["k"]);
    t.wait_text(&["NOTRACE-EXIT="]);
}

/// `make -j2`: every process has a parent (none shows `?`), the exec
/// tree shows the execs with argv and the failed ones marked, Enter lists
/// a process's calls and Esc comes back.
#[test]
fn make_j2_process_parents_and_exec_tree() {
    let make = Command::new("make")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !make.is_ok_and(|s| s.success()) {
        eprintln!("skipped: make is not installed (the exec tree test runs make -j2)");
        return;
    }
    if !results_available() {
        eprintln!("skipped: notrace gets no return values here (fork results give the parents)");
        return;
    }
    let dir = scratch("make");
    std::fs::write(
        dir.join("Makefile"),
        "all: a b c\na b c:\n\tsleep 0.1; env nosuchcmd-e2e 2>/dev/null; true $@\n",
    )
    .unwrap();
    let t = Tmux::start_sized(
        "make",
        160,
        60,
        &format!(
            "cd {} && {} --tui -e %process -- make -s -j2; echo NOTRACE-EXIT=$?; sleep 600",
            sq(dir.to_string_lossy()),
            sq(notrace()),
        ),
    );
    t.wait_text(&["command ended"]);
    t.keys(&["Tab", "Tab"]);
    let s = t.wait_text(&["Processes ·", "ppid"]);
    // Rows of the table: pid (after the tree drawing), ppid, calls, state.
    let mut rows = 0;
    for l in s.lines() {
        let cells: Vec<&str> = l.trim_start_matches('│').split_whitespace().collect();
        let Some(pid) = cells.first() else { continue };
        let pid = pid.trim_start_matches("└─").trim_end_matches('*');
        if pid.parse::<i32>().is_err() || cells.len() < 3 {
            continue;
        }
        rows += 1;
        assert!(
            cells[1] != "?" && cells[1].parse::<i32>().is_ok(),
            "process {pid} has no known parent (`{}`):\n{s}",
            cells[1]
        );
    }
    // make, three shells, their sleeps and failed commands.
    assert!(rows >= 7, "{rows} processes:\n{s}");
    assert!(
        s.lines().filter(|l| l.contains("└─")).count() >= rows - 1,
        "every process but make under its parent:\n{s}"
    );

    // The exec tree: make's argv, the shells', the failed PATH lookups.
    t.keys(&["x"]);
    let s = t.wait_text(&["Exec tree", "[make -s -j2] ✓", "-c sleep 0.1;"]);
    assert!(
        s.lines()
            .any(|l| l.contains("nosuchcmd-e2e") && l.contains("✗ = -1 ENOENT")),
        "a failed exec is marked:\n{s}"
    );

    // Enter: the selected process's calls (make's, the first row); Esc
    // comes back to the tree.
    t.keys(&["g", "Enter"]);
    let s = t.wait_for("make's calls", |s| status_line(s).contains("filter: pid:"));
    let rows = event_rows(&s);
    assert!(!rows.is_empty(), "{s}");
    let pid = status_line(&s)
        .split("filter: pid:")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(
        rows.iter()
            .all(|l| l.split_whitespace().nth(2) == Some(pid.as_str())),
        "only calls of {pid}:\n{s}"
    );
    t.keys(&["Escape"]);
    t.wait_text(&["Exec tree"]);
    let s = t.screen();
    assert!(
        !status_line(&s).contains("filter:"),
        "the filter is restored:\n{s}"
    );
    t.keys(&["q"]);
    t.wait_text(&["NOTRACE-EXIT=0"]);
}
