//! Tests of the process view: parents from fork and clone results (also
//! when the child is seen first, and never from a thread's clone), the
//! exec tree with failed execs marked, Enter to a process's calls and Esc
//! back; snapshots of both trees at two sizes.

use ratatui::crossterm::event::KeyCode;
use serde_json::json;

use super::app::{App, View};
use super::render::render_to_text;
use super::tests_search::{arg, call, key, openat, resumed, snapshot, ENOENT};
use crate::event::{Event, HoldSet, Message, Outcome};

fn clone(seq: u64, pid: i32, comm: &str, thread: bool, result: Outcome) -> Event {
    let flags = if thread {
        "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD"
    } else {
        "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"
    };
    let mut e = call(
        seq,
        pid,
        comm,
        "clone",
        vec![arg("flags", "clone_flags", flags, None)],
        result,
    );
    e.args[0] = if thread {
        (libc::CLONE_VM | libc::CLONE_THREAD) as u64
    } else {
        libc::SIGCHLD as u64
    };
    e
}

fn execve(seq: u64, pid: i32, comm: &str, path: &str, argv: &[&str], result: Outcome) -> Event {
    call(
        seq,
        pid,
        comm,
        "execve",
        vec![
            arg("filename", "path", &format!("{path:?}"), Some(json!(path))),
            arg("argv", "argv", &format!("{argv:?}"), Some(json!(argv))),
            arg("envp", "envp", "0x7ffd2000 /* 3 vars */", None),
        ],
        result,
    )
}

/// make forks sh (result known at once) and cc (result after the child's
/// first calls); sh tries two PATH entries; a thread's clone in between.
pub(super) fn build() -> App {
    let mut a = App::new("make -j2", HoldSet::default(), super::app::DEFAULT_CAP);
    a.push(Message::Event(execve(
        1,
        100,
        "make",
        "/usr/bin/make",
        &["make", "-j2"],
        Outcome::Returned(0),
    )));
    a.push(Message::Event(clone(
        2,
        100,
        "make",
        false,
        Outcome::Returned(101),
    )));
    let pending = clone(3, 100, "make", false, Outcome::Pending);
    a.push(Message::Event(pending.clone()));
    // The child runs before its parent's clone returns.
    a.push(Message::Event(execve(
        4,
        102,
        "make",
        "/usr/local/bin/cc",
        &["cc", "-c", "a.c"],
        Outcome::Returned(-ENOENT),
    )));
    a.push(Message::Event(execve(
        5,
        102,
        "make",
        "/usr/bin/cc",
        &["cc", "-c", "a.c"],
        Outcome::Returned(0),
    )));
    a.push(resumed(&pending, Outcome::Returned(102), 40_000));
    a.push(Message::Event(clone(
        6,
        102,
        "cc",
        true,
        Outcome::Returned(103),
    )));
    let sh = execve(
        7,
        101,
        "make",
        "/bin/sh",
        &["sh", "-c", "true"],
        Outcome::Pending,
    );
    a.push(Message::Event(sh.clone()));
    a.push(resumed(&sh, Outcome::Returned(0), 300_000));
    a.push(Message::Event(openat(
        8,
        101,
        "sh",
        "/etc/ld.so.cache",
        Outcome::Returned(3),
    )));
    a.push(Message::Event(openat(
        9,
        102,
        "cc",
        "/tmp/a.c",
        Outcome::Returned(3),
    )));
    a.set_ended();
    a
}

#[test]
fn parents_come_from_the_fork_result_even_when_the_child_is_seen_first() {
    let a = build();
    let p = &a.procs;
    assert_eq!(p[&101].ppid, Some(100));
    assert!(p[&101].ppid_exact);
    assert_eq!(p[&102].ppid, Some(100), "the result came after the child");
    assert!(p[&102].ppid_exact);
    assert!(!p.contains_key(&103), "a thread is no process");
    assert_eq!(p.len(), 3);
    let mut a = a;
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Procs);
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("└─101"), "{s}");
    assert!(s.contains("└─102"), "{s}");
    assert!(
        s.lines()
            .filter(|l| l.contains("└─"))
            .all(|l| !l.contains(" ? ")),
        "no child with an unknown parent: {s}"
    );
    // cmdline: the exec that worked, not the one that failed.
    let cc = s.lines().find(|l| l.contains("└─102")).unwrap();
    assert!(cc.contains("cc -c a.c"), "{cc}");
    assert_eq!(a.procs[&102].cmdline.as_deref(), Some("cc -c a.c"));
}

#[test]
fn a_thread_clone_sets_no_parent() {
    let mut a = App::new("x", HoldSet::default(), 100);
    a.push(Message::Event(clone(
        1,
        50,
        "app",
        true,
        Outcome::Returned(51),
    )));
    a.push(Message::Event(openat(
        2,
        51,
        "app",
        "/x",
        Outcome::Returned(3),
    )));
    assert_eq!(
        a.procs[&51].ppid, None,
        "51 is a pid here: no claim on its parent"
    );
    assert!(!a.procs[&51].ppid_exact);
}

#[test]
fn exec_tree_lists_execs_with_argv_and_marks_failures() {
    let mut a = build();
    key(&mut a, KeyCode::Char('x'));
    assert_eq!(a.view_mode, View::Procs);
    assert!(a.exec_tree);
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("Exec tree"), "{s}");
    let fail = s.lines().find(|l| l.contains("/usr/local/bin/cc")).unwrap();
    assert!(
        fail.contains("[cc -c a.c]") && fail.contains("✗ = -1 ENOENT"),
        "{fail}"
    );
    let ok = s.lines().find(|l| l.contains("/usr/bin/cc")).unwrap();
    assert!(ok.contains('✓') && !ok.contains('✗'), "{ok}");
    let sh = s.lines().find(|l| l.contains("/bin/sh")).unwrap();
    assert!(
        sh.contains("[sh -c true] ✓"),
        "a pending exec resolved: {sh}"
    );
    assert!(s.contains("2 execs"), "{s}");
    // Children under their parent, execs under their process.
    let at = |t: &str| s.lines().position(|l| l.contains(t)).unwrap();
    assert!(at("/usr/bin/make") < at("└─101"));
    assert!(at("└─101") < at("/bin/sh"));
    assert!(at("└─102") < at("/usr/local/bin/cc"));
    key(&mut a, KeyCode::Char('x'));
    assert!(!a.exec_tree);
}

#[test]
fn enter_lists_a_process_calls_and_esc_comes_back() {
    let mut a = build();
    a.set_filter("openat");
    a.handle(super::app::Action::NextView);
    a.handle(super::app::Action::NextView);
    assert_eq!(a.view_mode, View::Procs);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected_proc(), Some(102));
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.view_mode, View::List);
    assert_eq!(a.filter, "pid:102");
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("filter: pid:102"), "{s}");
    assert!(s.contains("Events 4 of 9"), "{s}");
    assert!(s.contains("/tmp/a.c") && !s.contains("ld.so.cache"), "{s}");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.view_mode, View::Procs);
    assert_eq!(a.filter, "openat", "the filter from before");
    assert_eq!(a.selected_proc(), Some(102), "the same process selected");
}

#[test]
fn comm_column_shows_in_the_list() {
    let a = build();
    let s = render_to_text(&a, 120, 30);
    let row = s.lines().find(|l| l.contains("/tmp/a.c")).unwrap();
    assert!(row.contains("     102 cc "), "{row}");
}

#[test]
fn snapshots_of_the_process_and_exec_trees() {
    let mut a = build();
    a.handle(super::app::Action::NextView);
    a.handle(super::app::Action::NextView);
    key(&mut a, KeyCode::Down);
    snapshot("procs_tree_120x30", &render_to_text(&a, 120, 30));
    snapshot("procs_tree_80x24", &render_to_text(&a, 80, 24));
    key(&mut a, KeyCode::Char('x'));
    snapshot("procs_execs_120x30", &render_to_text(&a, 120, 30));
    snapshot("procs_execs_80x24", &render_to_text(&a, 80, 24));
    a.handle(super::app::Action::PrevView);
    a.handle(super::app::Action::PrevView);
    snapshot("list_procs_120x30", &render_to_text(&a, 120, 30));
    snapshot("list_procs_80x24", &render_to_text(&a, 80, 24));
}
