//! Rendering tests for syscall results in the UI: `= 3` and a red
//! `= -1 ENOENT` on the rows, `… running` until a [`Message::Result`]
//! comes, the failed-only toggle, result and duration in the detail pane,
//! errors in the stats, and the filter matching the result text.

use std::borrow::Cow;
use std::sync::{mpsc, Arc};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use serde_json::{json, Value};

use super::app::{App, View};
use super::render::{buffer_text, render_buffer, render_to_text};
use crate::event::{
    Action as CallAction, Arch, DecodedArg, Event, Held, HoldReply, HoldSet, Message, Outcome,
    Resumed, Verdict,
};

const T0: u64 = 1_763_808_084_000_000_000;
const ENOENT: i64 = libc::ENOENT as i64;

fn arg(
    name: &'static str,
    kind: &'static str,
    raw: u64,
    text: &str,
    v: Option<Value>,
) -> DecodedArg {
    DecodedArg {
        name: Cow::Borrowed(name),
        kind: Cow::Borrowed(kind),
        raw,
        text: text.to_string(),
        value: v,
    }
}

fn call(seq: u64, name: &'static str, decoded: Vec<DecodedArg>, result: Outcome) -> Event {
    let mut args = [0u64; 6];
    for (i, a) in decoded.iter().enumerate().take(6) {
        args[i] = a.raw;
    }
    Event {
        seq,
        time_ns: T0 + seq * 1_000_000,
        pid: 100,
        tid: 100,
        comm: "sh".into(),
        arch: Arch::X86_64,
        name: Cow::Borrowed(name),
        nr: 0,
        args,
        decoded,
        action: CallAction::Allowed,
        result,
        duration_ns: match result {
            Outcome::Returned(_) => Some(12_345),
            _ => None,
        },
        ret_path: None,
        ip: 0,
    }
}

fn openat(seq: u64, path: &str, result: Outcome) -> Event {
    let mut e = call(
        seq,
        "openat",
        vec![
            arg("dfd", "dirfd", 0xffffffffffffff9c, "AT_FDCWD", None),
            arg(
                "filename",
                "path",
                0x1000,
                &format!("{path:?}"),
                Some(json!(path)),
            ),
            arg("flags", "open_flags", 0, "O_RDONLY", None),
        ],
        result,
    );
    e.nr = 257;
    e
}

fn read(seq: u64, result: Outcome) -> Event {
    call(
        seq,
        "read",
        vec![
            arg("fd", "fd", 3, "3", None),
            arg("buf", "out_ptr", 0x2000, "0x2000", None),
            arg("count", "uint", 4096, "4096", None),
        ],
        result,
    )
}

fn resumed(e: &Event, result: Outcome, duration_ns: u64) -> Message {
    Message::Result(Resumed {
        seq: e.seq,
        pid: e.pid,
        tid: e.tid,
        name: e.name.clone(),
        arch: e.arch,
        nr: e.nr,
        args: e.args,
        time_ns: e.time_ns + duration_ns,
        result,
        duration_ns: Some(duration_ns),
        ret_path: None,
    })
}

fn app() -> App {
    App::new("sh -c x", HoldSet::default(), super::app::DEFAULT_CAP)
}

/// A PATH search: two failed opens, the one that worked, a read whose
/// result is still to come.
fn search_app() -> (App, Event) {
    let mut a = app();
    a.push(Message::Batch(vec![
        openat(1, "/usr/local/lib/libx.so", Outcome::Returned(-ENOENT)),
        openat(2, "/usr/lib/libx.so", Outcome::Returned(-ENOENT)),
        openat(3, "/lib/libx.so", Outcome::Returned(3)),
    ]));
    let pending = read(4, Outcome::Pending);
    a.push(Message::Event(pending.clone()));
    (a, pending)
}

fn key(a: &mut App, c: KeyCode) {
    a.key(KeyEvent::new(c, KeyModifiers::NONE));
}

/// Where `needle` starts on the screen: (column, row).
fn find(b: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let text = buffer_text(b);
    text.lines().enumerate().find_map(|(y, l)| {
        let byte = l.find(needle)?;
        Some((l[..byte].chars().count() as u16, y as u16))
    })
}

#[test]
fn failed_row_shows_its_errno_in_red_and_successful_rows_their_value() {
    let (a, _) = search_app();
    let b = render_buffer(&a, 100, 30);
    let s = buffer_text(&b);
    assert!(
        s.contains("openat(AT_FDCWD, \"/usr/local/lib/libx.so\", O_RDONLY) = -1 ENOENT"),
        "{s}"
    );
    assert!(
        s.contains("openat(AT_FDCWD, \"/lib/libx.so\", O_RDONLY) = 3"),
        "{s}"
    );
    assert!(!s.contains("No such file"), "rows keep it short: {s}");
    assert!(s.contains("read(3, 0x2000, 4096) … running"), "{s}");
    let (x, y) = find(&b, "= -1 ENOENT").expect("shown");
    assert_eq!(b[(x + 5, y)].fg, Color::Red, "ENOENT in red: {s}");
    let (x, y) = find(&b, "= 3").expect("shown");
    assert_ne!(b[(x + 2, y)].fg, Color::Red, "success is not red");
    assert!(s.contains("2 failed"), "status bar counts failures: {s}");
}

#[test]
fn a_long_row_is_cut_in_its_arguments_so_the_errno_stays_in_sight() {
    let mut a = app();
    let argv: Vec<String> = (0..40).map(|i| format!("arg{i}")).collect();
    let text = format!("{argv:?}");
    a.push(Message::Event(call(
        1,
        "execve",
        vec![
            arg("filename", "path", 1, "\"/nonexistent/bin/tool\"", None),
            arg("argv", "argv", 2, &text, Some(json!(argv))),
        ],
        Outcome::Returned(-ENOENT),
    )));
    let s = render_to_text(&a, 80, 24);
    let row = s.lines().find(|l| l.contains("execve(")).expect("row");
    assert!(row.contains("…) = -1 ENOENT"), "{s}");
    assert!(row.chars().count() <= 80, "{row}");
    // Wide enough, nothing is cut.
    let s = render_to_text(&a, 600, 10);
    assert!(s.contains("\"arg39\"]) = -1 ENOENT"), "{s}");
}

#[test]
fn a_result_message_updates_the_pending_row() {
    let (mut a, pending) = search_app();
    assert_eq!(a.stats.results, 3);
    a.push(resumed(&pending, Outcome::Returned(42), 2_500_000));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("read(3, 0x2000, 4096) = 42"), "{s}");
    assert!(!s.contains("running"), "{s}");
    assert_eq!(a.stats.results, 4, "counted when its result came");
    // A second result for the same call is not counted twice.
    a.push(resumed(&pending, Outcome::Returned(42), 2_500_000));
    assert_eq!(a.stats.results, 4);
    // The detail pane has its duration.
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("result = 42"), "{s}");
    assert!(s.contains("duration 2.500 ms (2500000 ns)"), "{s}");
}

#[test]
fn failed_only_toggle_hides_successful_and_running_calls() {
    let (mut a, pending) = search_app();
    key(&mut a, KeyCode::Char('e'));
    assert!(a.failed_only);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("failed only"), "title says so: {s}");
    assert!(s.contains("Events 2 of 4"), "{s}");
    assert!(s.contains("/usr/local/lib/libx.so"), "{s}");
    assert!(s.contains("/usr/lib/libx.so"), "{s}");
    assert!(!s.contains("/lib/libx.so\", O_RDONLY) = 3"), "{s}");
    assert!(!s.contains("read(3"), "{s}");
    // A running call shows up once it has failed, and the selection the
    // user made stays on its call.
    key(&mut a, KeyCode::Up);
    assert_eq!(a.selected_row().unwrap().ev.seq, 1);
    a.push(resumed(
        &pending,
        Outcome::Returned(-(libc::EINTR as i64)),
        1000,
    ));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("read(3, 0x2000, 4096) = -1 EINTR"), "{s}");
    assert!(s.contains("Events 3 of 4"), "{s}");
    assert_eq!(a.selected_row().unwrap().ev.seq, 1, "selection kept");
    // New calls are filtered too.
    a.push(Message::Event(openat(5, "/etc/ok", Outcome::Returned(4))));
    a.push(Message::Event(openat(
        6,
        "/etc/missing",
        Outcome::Returned(-ENOENT),
    )));
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("/etc/ok"), "{s}");
    assert!(s.contains("/etc/missing"), "{s}");
    // e again shows every call; so does 0.
    key(&mut a, KeyCode::Char('e'));
    assert_eq!(a.visible_len(), 6);
    key(&mut a, KeyCode::Char('e'));
    assert_eq!(a.visible_len(), 4);
    key(&mut a, KeyCode::Char('0'));
    assert!(!a.failed_only);
    assert_eq!(a.visible_len(), 6);
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("failed only"), "{s}");
}

#[test]
fn the_help_overlay_lists_the_failed_only_key() {
    let (mut a, _) = search_app();
    key(&mut a, KeyCode::Char('?'));
    for (w, h) in [(100, 30), (80, 24)] {
        let s = render_to_text(&a, w, h);
        assert!(s.contains("failed only (-Z)"), "{s}");
        assert!(s.contains("this help"), "every key fits at {w}x{h}: {s}");
    }
}

#[test]
fn detail_pane_shows_strace_text_ret_errno_and_duration() {
    let (mut a, _) = search_app();
    key(&mut a, KeyCode::Char('g'));
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("result = -1 ENOENT (No such file or directory)"),
        "{s}"
    );
    assert!(
        s.contains(
            "status failed  ret -1  errno ENOENT  errno_nr 2  duration 12.345 µs (12345 ns)"
        ),
        "{s}"
    );
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("result = 3"), "{s}");
    assert!(
        s.contains("status successful  ret 3  duration 12.345 µs"),
        "{s}"
    );
    key(&mut a, KeyCode::Down);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("result … running"), "{s}");
    assert!(s.contains("status pending"), "{s}");
    assert!(!s.contains("duration"), "none yet: {s}");
}

#[test]
fn stats_count_calls_and_errors_per_syscall() {
    let (mut a, pending) = search_app();
    for i in 0..3 {
        a.push(Message::Event(read(10 + i, Outcome::Returned(0))));
    }
    a.push(Message::Event(openat(
        20,
        "/etc/shadow",
        Outcome::Returned(-(libc::EACCES as i64)),
    )));
    assert_eq!(a.stats.errors, 3);
    // The pending read is counted when its result comes, not before.
    a.push(resumed(
        &pending,
        Outcome::Returned(-(libc::EAGAIN as i64)),
        10,
    ));
    assert_eq!(a.stats.errors, 4);
    assert_eq!(a.stats.results, 8);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Stats);
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("Calls per syscall · 8 calls, 4 errors"),
        "totals: {s}"
    );
    assert!(s.contains(" total 8 ✗4"), "strace -c's total line: {s}");
    assert!(s.contains("openat 4 ✗3 █"), "{s}");
    assert!(s.contains("read 4 ✗1 █"), "{s}");
    assert!(
        s.contains("Most frequent errors · 4 of 8 calls failed"),
        "{s}"
    );
    assert!(s.contains("2 openat ENOENT"), "{s}");
    assert!(s.contains("1 openat EACCES"), "{s}");
    assert!(s.contains("1 read EAGAIN"), "{s}");
}

#[test]
fn results_of_calls_no_longer_kept_are_still_counted() {
    let mut a = App::new("t", HoldSet::default(), 2);
    let first = read(1, Outcome::Pending);
    a.push(Message::Event(first.clone()));
    a.push(Message::Event(read(2, Outcome::Returned(1))));
    a.push(Message::Event(read(3, Outcome::Returned(1))));
    assert_eq!(a.evicted(), 1);
    a.push(resumed(&first, Outcome::Returned(-(libc::EIO as i64)), 10));
    assert_eq!((a.stats.results, a.stats.errors), (3, 1));
}

#[test]
fn without_results_nothing_speaks_of_errors() {
    let mut a = app();
    a.push(Message::Event(openat(
        1,
        "/etc/passwd",
        Outcome::NotCollected,
    )));
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY)"),
        "{s}"
    );
    assert!(!s.contains(" = "), "no result shown: {s}");
    assert!(!s.contains("failed"), "{s}");
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("result not collected"), "{s}");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Tab);
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("errors"), "no 0 errors claimed: {s}");
    assert!(!s.contains('✗'), "{s}");
}

#[test]
fn filter_text_matches_the_result() {
    let (mut a, _) = search_app();
    key(&mut a, KeyCode::Char('f'));
    for c in "ENOENT".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("Events 2 of 4"), "{s}");
    assert!(!s.contains("= 3"), "{s}");
    // strace's message matches too, case-insensitively.
    a.handle(super::app::Action::ClearFilters);
    key(&mut a, KeyCode::Char('f'));
    for c in "no such file".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    assert_eq!(a.visible_len(), 2);
    // `= 3` finds the call that returned 3, not every argument 3.
    a.handle(super::app::Action::ClearFilters);
    for c in "= 3".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    assert_eq!(a.visible_len(), 1);
    assert_eq!(a.selected_row().unwrap().ev.seq, 3);
}

#[test]
fn a_running_call_found_by_its_result_appears_when_it_comes() {
    let (mut a, pending) = search_app();
    key(&mut a, KeyCode::Char('f'));
    for c in "EAGAIN".chars() {
        key(&mut a, KeyCode::Char(c));
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.visible_len(), 0);
    a.push(resumed(
        &pending,
        Outcome::Returned(-(libc::EAGAIN as i64)),
        10,
    ));
    assert_eq!(a.visible_len(), 1);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("read(3, 0x2000, 4096) = -1 EAGAIN"), "{s}");
}

#[test]
fn a_call_denied_by_hand_without_results_counts_as_failed() {
    let hold = HoldSet::default();
    hold.write().unwrap().insert("openat".into());
    let mut a = App::new("t", hold, 100);
    a.live = true;
    let (tx, rx) = mpsc::channel();
    let (_r, w) = std::io::pipe().unwrap();
    a.push(Message::Held(Held {
        event: openat(1, "/etc/secret", Outcome::NotCollected),
        reply: HoldReply::new(7, tx, Arc::new(w)),
    }));
    a.push(Message::Event(openat(2, "/etc/ok", Outcome::NotCollected)));
    key(&mut a, KeyCode::Char('e'));
    assert_eq!(a.visible_len(), 0, "nothing is known to have failed");
    key(&mut a, KeyCode::Char('d'));
    assert_eq!(rx.try_recv().unwrap(), (7, Verdict::Deny(libc::EPERM)));
    assert_eq!(a.visible_len(), 1, "the denied call now shows");
    assert_eq!((a.stats.results, a.stats.errors), (1, 1));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("/etc/secret\", O_RDONLY) = -1 EPERM"), "{s}");
}

#[test]
fn a_saved_v2_trace_shows_results() {
    let line = |seq: u64, path: &str, extra: &str| {
        format!(
            r#"{{"type":"syscall","v":2,"seq":{seq},"time":1763808084.1,"time_ns":{},"pid":12,"tid":12,"comm":"cat","arch":"x86_64","syscall":"openat","nr":257,"args":[{{"name":"dfd","kind":"dirfd","raw":"0xffffffffffffff9c","text":"AT_FDCWD"}},{{"name":"filename","kind":"path","raw":"0x1000","text":"\"{path}\"","value":"{path}"}},{{"name":"flags","kind":"open_flags","raw":"0x0","text":"O_RDONLY"}}],"regs":["0xffffffffffffff9c","0x1000","0x0","0x0","0x0","0x0"],"action":"allow",{extra}}}"#,
            T0 + seq
        )
    };
    let text = [
        line(
            1,
            "/nope",
            r#""status":"failed","ret":-1,"result":"-1 ENOENT (No such file or directory)","errno":"ENOENT","errno_nr":2,"duration_ns":3100"#,
        ),
        line(
            2,
            "/etc/hostname",
            r#""status":"successful","ret":3,"result":"3","duration_ns":2000"#,
        ),
        line(3, "/gone", r#""status":"unfinished""#),
    ]
    .join("\n");
    let mut a = app();
    for m in super::load::parse(text.as_bytes()).unwrap() {
        a.push(m);
    }
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("\"/nope\", O_RDONLY) = -1 ENOENT"), "{s}");
    assert!(s.contains("\"/etc/hostname\", O_RDONLY) = 3"), "{s}");
    assert!(s.contains("\"/gone\", O_RDONLY) = ?"), "{s}");
    key(&mut a, KeyCode::Char('g'));
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("errno_nr 2  duration 3.100 µs (3100 ns)"), "{s}");
    key(&mut a, KeyCode::Tab);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("3 calls, 1 errors"), "{s}");
}
