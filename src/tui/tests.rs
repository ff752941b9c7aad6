//! Rendering tests on ratatui's `TestBackend`, driven by synthetic events
//! and keys, asserting on the text of the screen.

use std::borrow::Cow;
use std::sync::{mpsc, Arc};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::{json, Value};

use super::app::{Action, App, View};
use super::render::{render_to_svg, render_to_text};
use super::QuitChoice;
use crate::event::{
    Action as CallAction, Arch, DecodedArg, Event, ExitKind, Held, HoldReply, HoldSet, Message,
    ProcessExit, Verdict,
};

const T0: u64 = 1_763_808_084_000_000_000;

fn arg(
    name: &'static str,
    kind: &'static str,
    raw: u64,
    text: &str,
    value: Option<Value>,
) -> DecodedArg {
    DecodedArg {
        name: Cow::Borrowed(name),
        kind: Cow::Borrowed(kind),
        raw,
        text: text.to_string(),
        value,
    }
}

fn ev(seq: u64, pid: i32, name: &'static str, decoded: Vec<DecodedArg>) -> Event {
    let mut args = [0u64; 6];
    for (i, a) in decoded.iter().enumerate().take(6) {
        args[i] = a.raw;
    }
    Event {
        seq,
        time_ns: T0 + seq * 1_000_000,
        pid,
        tid: pid,
        comm: "cat".into(),
        arch: Arch::X86_64,
        name: Cow::Borrowed(name),
        nr: 0,
        args,
        decoded,
        action: CallAction::Allowed,
        result: crate::event::Outcome::NotCollected,
        duration_ns: None,
        ret_path: None,
        ip: 0,
    }
}

fn openat(seq: u64, pid: i32, path: &str) -> Event {
    let mut e = ev(
        seq,
        pid,
        "openat",
        vec![
            arg(
                "dfd",
                "dirfd",
                0xffffffffffffff9c,
                "AT_FDCWD",
                Some(json!("AT_FDCWD")),
            ),
            arg(
                "filename",
                "path",
                0x7ffd1000,
                &format!("{path:?}"),
                Some(json!(path)),
            ),
            arg(
                "flags",
                "open_flags",
                0,
                "O_RDONLY",
                Some(json!(["O_RDONLY"])),
            ),
        ],
    );
    e.nr = 257;
    e
}

fn connect(seq: u64, pid: i32) -> Event {
    ev(
        seq,
        pid,
        "connect",
        vec![
            arg("fd", "fd", 3, "3", None),
            arg(
                "addr",
                "sockaddr_in:2",
                0x7ffd2000,
                "{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"93.184.215.14\")}",
                Some(json!({"family": "AF_INET", "addr": "93.184.215.14", "port": 443})),
            ),
            arg("addrlen", "uint", 16, "16", None),
        ],
    )
}

fn read(seq: u64, pid: i32) -> Event {
    ev(
        seq,
        pid,
        "read",
        vec![
            arg("fd", "fd", 3, "3", None),
            arg("buf", "out_ptr", 0x7ffd3000, "0x7ffd3000", None),
            arg("count", "uint", 4096, "4096", None),
        ],
    )
}

fn app() -> App {
    App::new("test-cmd", HoldSet::default(), super::app::DEFAULT_CAP)
}

fn sample_app() -> App {
    let mut a = app();
    a.push(Message::Event(openat(1, 100, "/etc/hostname")));
    a.push(Message::Event(read(2, 100)));
    a.push(Message::Event(connect(3, 101)));
    let mut denied = openat(4, 100, "/etc/shadow");
    denied.action = CallAction::Denied {
        errno: libc::EPERM,
        rule: "deny openat /etc/shadow".into(),
    };
    a.push(Message::Event(denied));
    a
}

fn key(a: &mut App, c: KeyCode) {
    a.key(KeyEvent::new(c, KeyModifiers::NONE));
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

fn held_reply(
    id: u64,
) -> (
    HoldReply,
    mpsc::Receiver<(u64, Verdict)>,
    std::io::PipeReader,
) {
    let (tx, rx) = mpsc::channel();
    let (r, w) = std::io::pipe().unwrap();
    (HoldReply::new(id, tx, Arc::new(w)), rx, r)
}

#[test]
fn list_shows_rows_at_100x30() {
    let a = sample_app();
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)"),
        "{s}"
    );
    assert!(s.contains("read(3, 0x7ffd3000, 4096)"), "{s}");
    assert!(s.contains("connect(3, {sa_family=AF_INET"), "{s}");
    assert!(s.contains("Events 4"), "{s}");
    assert!(s.contains("following"), "{s}");
    assert!(s.contains("0.001000"), "relative time: {s}");
}

#[test]
fn list_shows_rows_at_80x24() {
    let a = sample_app();
    let s = render_to_text(&a, 80, 24);
    assert!(s.contains("openat(AT_FDCWD, \"/etc/hostname\""), "{s}");
    assert!(s.contains("? help"), "{s}");
}

#[test]
fn denied_rows_say_eperm_in_red() {
    let a = sample_app();
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EPERM"),
        "{s}"
    );
    assert!(s.contains("1 denied"), "{s}");
    let svg = render_to_svg(&a, 100, 30);
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("#cd3131"), "red background for the errno");
    assert!(svg.contains("/etc/shadow"));
}

#[test]
fn filter_narrows_as_you_type() {
    let mut a = sample_app();
    key(&mut a, KeyCode::Char('f'));
    typed(&mut a, "openat");
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("filter openat"), "{s}");
    assert!(s.contains("/etc/hostname"), "{s}");
    assert!(!s.contains("read(3"), "{s}");
    assert!(!s.contains("connect(3"), "{s}");
    assert!(s.contains("Events 2 of 4"), "{s}");
    key(&mut a, KeyCode::Enter);
    // The filter applies to what arrives, too.
    a.push(Message::Event(read(5, 100)));
    a.push(Message::Event(openat(6, 100, "/etc/passwd")));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("/etc/passwd"), "{s}");
    assert!(!s.contains("read(3"), "{s}");
    assert!(
        s.contains("filter: openat"),
        "the status line shows the filter: {s}"
    );
    // By pid, and by argument text.
    key(&mut a, KeyCode::Char('f'));
    for _ in 0..6 {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "101");
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("connect(3"), "{s}");
    assert!(!s.contains("/etc/hostname"), "{s}");
    // Esc undoes the edit.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.filter, "openat");
    key(&mut a, KeyCode::Char('f'));
    for _ in 0..6 {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "93.184");
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("connect(3"), "{s}");
    assert!(!s.contains("openat(AT"), "{s}");
}

#[test]
fn class_toggles_hide_and_show() {
    let mut a = sample_app();
    key(&mut a, KeyCode::Char('1')); // file off
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("/etc/hostname"), "{s}");
    assert!(s.contains("connect(3"), "{s}");
    key(&mut a, KeyCode::Char('2')); // network off
    assert_eq!(a.visible_len(), 0);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("no call matches the filter"), "{s}");
    key(&mut a, KeyCode::Char('0'));
    assert_eq!(a.visible_len(), 4);
}

#[test]
fn detail_pane_shows_full_strings() {
    let mut a = app();
    let long = format!("/very/long/{}/end-of-path.txt", "x".repeat(150));
    let mut e = openat(1, 100, &long);
    // The text is cut at -s, the value is not.
    e.decoded[1].text = format!("{:?}...", &long[..32]);
    a.push(Message::Event(e));
    a.push(Message::Event(read(2, 100)));
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Enter);
    assert!(a.detail);
    let s = render_to_text(&a, 100, 30);
    let flat: String = s
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect();
    assert!(flat.contains("end-of-path.txt"), "{s}");
    assert!(s.contains("filename [path] raw 0x7ffd1000"), "{s}");
    assert!(s.contains("dfd [dirfd] raw 0xffffffffffffff9c"), "{s}");
    assert!(s.contains("nr 257"), "{s}");
    assert!(s.contains("arch x86_64"), "{s}");
    assert!(s.contains("seq 1"), "{s}");
    assert!(s.contains("pid 100"), "{s}");
    assert!(s.contains("comm cat"), "{s}");
    assert!(s.contains("2025-11-22 10:41:24.001000000 UTC"), "{s}");
    assert!(s.contains("action allowed"), "{s}");
    key(&mut a, KeyCode::Char('J'));
    assert_eq!(a.detail_scroll, 1);
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("nr 257"), "scrolled past the first line: {s}");
    key(&mut a, KeyCode::Esc);
    assert!(!a.detail);
}

#[test]
fn stats_view_shows_bar_chart_and_tops() {
    let mut a = sample_app();
    for i in 0..5 {
        a.push(Message::Event(read(10 + i, 100)));
    }
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Stats);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("Calls per syscall"), "{s}");
    assert!(s.contains("read 6 █"), "{s}");
    assert!(s.contains("openat 2 "), "{s}");
    assert!(s.contains("connect 1 "), "{s}");
    assert!(s.contains("Calls per process"), "{s}");
    assert!(s.contains("8 100 cat"), "{s}");
    assert!(s.contains("1 /etc/hostname"), "{s}");
    assert!(s.contains("1 93.184.215.14:443"), "{s}");
    assert!(s.contains("Calls per second"), "{s}");
}

#[test]
fn hold_queue_allow_and_deny_reach_the_supervisor() {
    let hold = HoldSet::default();
    hold.write().unwrap().insert("openat".into());
    let mut a = App::new("t", hold.clone(), 100);
    a.live = true;
    a.push(Message::Event(read(1, 100)));
    let (r1, v1, mut p1) = held_reply(41);
    let (r2, v2, _p2) = held_reply(42);
    a.push(Message::Held(Held {
        event: openat(2, 100, "/etc/hostname"),
        reply: r1,
    }));
    a.push(Message::Held(Held {
        event: openat(3, 100, "/etc/secret"),
        reply: r2,
    }));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("2 held · a allow · d deny"), "{s}");
    assert!(s.contains("⏸ 2 held"), "status counter: {s}");
    assert!(s.contains("hold: openat"), "{s}");
    assert!(s.contains("… held: a allow, d deny"), "{s}");
    a.push(Message::Event(read(4, 100)));
    // A held call the user selected is the one answered, not the oldest.
    key(&mut a, KeyCode::Up);
    assert_eq!(a.selected_row().unwrap().ev.seq, 3);
    key(&mut a, KeyCode::Char('d'));
    assert_eq!(v2.try_recv().unwrap(), (42, Verdict::Deny(libc::EPERM)));
    assert!(v1.try_recv().is_err(), "the other call is still held");
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("/etc/secret\", O_RDONLY) = -1 EPERM"), "{s}");
    assert!(s.contains("1 held"), "{s}");
    // Otherwise (here: following) a answers the oldest.
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Char('a'));
    assert_eq!(v1.try_recv().unwrap(), (41, Verdict::Allow));
    let mut b = [0u8; 1];
    std::io::Read::read(&mut p1, &mut b).unwrap();
    assert_eq!(b, [1], "the supervisor was woken");
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("held ·"), "queue gone: {s}");
    assert!(s.contains("✓ openat"), "{s}");
}

#[test]
fn unanswered_holds_are_allowed_when_the_ui_goes() {
    let mut a = app();
    let (r, v, _p) = held_reply(7);
    a.push(Message::Held(Held {
        event: openat(1, 100, "/x"),
        reply: r,
    }));
    drop(a);
    assert_eq!(v.try_recv().unwrap(), (7, Verdict::Allow));
}

#[test]
fn h_adds_and_shift_h_removes_from_hold_set() {
    let mut a = sample_app();
    key(&mut a, KeyCode::Char('k')); // up: connect
    key(&mut a, KeyCode::Char('h'));
    assert!(a.hold_set.read().unwrap().contains("connect"));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("hold: connect"), "{s}");
    key(&mut a, KeyCode::Char('H'));
    assert!(a.hold_set.read().unwrap().is_empty());
}

#[test]
fn eviction_is_announced_and_counts_stay_exact() {
    let mut a = App::new("t", HoldSet::default(), 5);
    for i in 1..=8 {
        a.push(Message::Event(openat(i, 100, &format!("/f{i}"))));
    }
    assert_eq!(a.kept(), 5);
    assert_eq!(a.total, 8);
    assert_eq!(a.stats.per_name["openat"], 8);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("3 older events not kept"), "{s}");
    assert!(!s.contains("\"/f3\""), "{s}");
    assert!(s.contains("\"/f4\""), "{s}");
    assert!(s.contains("\"/f8\""), "{s}");
    assert!(s.contains("8 calls"), "{s}");
}

#[test]
fn scrolling_up_stops_following_and_end_follows_again() {
    let mut a = app();
    for i in 1..=100 {
        a.push(Message::Event(openat(i, 100, &format!("/f{i}"))));
    }
    render_to_text(&a, 100, 30);
    assert!(a.follow);
    key(&mut a, KeyCode::Up);
    assert!(!a.follow);
    let sel = a.selected_row().unwrap().ev.seq;
    assert_eq!(sel, 99);
    a.push(Message::Event(openat(101, 100, "/f101")));
    assert_eq!(a.selected_row().unwrap().ev.seq, 99, "selection stays put");
    key(&mut a, KeyCode::PageUp);
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("\"/f101\""), "{s}");
    key(&mut a, KeyCode::Char('g'));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("\"/f1\""), "{s}");
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected_row().unwrap().ev.seq, 2);
    key(&mut a, KeyCode::End);
    assert!(a.follow);
    a.push(Message::Event(openat(102, 100, "/f102")));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("\"/f102\""), "{s}");
    // Reaching the end by moving down follows again too.
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Char('j'));
    assert!(a.follow);
}

#[test]
fn pause_freezes_the_view_not_the_counting() {
    let mut a = sample_app();
    key(&mut a, KeyCode::Char('p'));
    a.push(Message::Event(openat(5, 100, "/new/file")));
    a.push(Message::Event(read(6, 100)));
    let s = render_to_text(&a, 100, 30);
    assert!(!s.contains("/new/file"), "{s}");
    assert!(s.contains("PAUSED +2"), "{s}");
    assert!(s.contains("6 calls"), "{s}");
    key(&mut a, KeyCode::Char(' '));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("/new/file"), "{s}");
}

#[test]
fn processes_view_shows_tree_cmdline_and_ends() {
    let mut a = app();
    let argv = json!(["make", "-j2"]);
    a.push(Message::Event(ev(
        1,
        200,
        "execve",
        vec![
            arg(
                "filename",
                "path",
                1,
                "\"/usr/bin/make\"",
                Some(json!("/usr/bin/make")),
            ),
            arg("argv", "argv", 2, "[\"make\", \"-j2\"]", Some(argv)),
            arg("envp", "envp", 3, "0x3 /* 20 vars */", None),
        ],
    )));
    a.push(Message::Event(ev(
        2,
        200,
        "clone",
        vec![arg(
            "flags",
            "clone_flags",
            0,
            "CLONE_CHILD_SETTID|SIGCHLD",
            None,
        )],
    )));
    let mut child = ev(
        3,
        201,
        "execve",
        vec![arg(
            "argv",
            "argv",
            2,
            "[\"cc\"]",
            Some(json!(["cc", "-c", "a.c"])),
        )],
    );
    child.comm = "cc".into();
    a.push(Message::Event(child));
    a.push(Message::Exit(ProcessExit {
        pid: 201,
        time_ns: T0,
        how: ExitKind::Signaled {
            signal: libc::SIGKILL,
            core: false,
        },
    }));
    a.push(Message::Exit(ProcessExit {
        pid: 200,
        time_ns: T0,
        how: ExitKind::Exited(0),
    }));
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Procs);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("make -j2"), "{s}");
    assert!(s.contains("cc -c a.c"), "{s}");
    assert!(s.contains("└─201"), "{s}");
    assert!(s.contains("~200"), "guessed parent: {s}");
    assert!(s.contains("killed by SIGKILL"), "{s}");
    assert!(s.contains("exit 0"), "{s}");
}

#[test]
fn quit_asks_while_running_and_reports_the_choice() {
    let mut a = sample_app();
    a.live = true;
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit.is_none());
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("Quit?"), "{s}");
    assert!(s.contains("kill it and quit"), "{s}");
    key(&mut a, KeyCode::Esc);
    assert!(!a.quit_ask && a.quit.is_none());
    key(&mut a, KeyCode::Char('q'));
    key(&mut a, KeyCode::Char('b'));
    assert_eq!(a.quit, Some(QuitChoice::Background));
    a.quit = None;
    key(&mut a, KeyCode::Char('q'));
    key(&mut a, KeyCode::Char('k'));
    assert_eq!(a.quit, Some(QuitChoice::Killed));
    a.quit = None;
    let (r, v, _p) = held_reply(9);
    a.push(Message::Held(Held {
        event: openat(9, 100, "/late"),
        reply: r,
    }));
    a.set_ended();
    assert_eq!(
        v.try_recv().unwrap(),
        (9, Verdict::Allow),
        "released at the end"
    );
    assert!(a.held.is_empty());
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("command ended"), "{s}");
    key(&mut a, KeyCode::Char('q'));
    assert_eq!(a.quit, Some(QuitChoice::Finished));
}

#[test]
fn channel_disconnect_marks_the_end() {
    let mut a = app();
    a.live = true;
    let (tx, rx) = mpsc::channel();
    tx.send(Message::Event(read(1, 5))).unwrap();
    super::drain(&mut a, &rx);
    assert!(a.command_running());
    drop(tx);
    super::drain(&mut a, &rx);
    assert!(!a.command_running());
}

#[test]
fn input_mode_sends_keys_to_the_pty() {
    let mut a = sample_app();
    a.has_pty = true;
    a.feed_output(b"\x1b[32mPassword:\x1b[0m ");
    key(&mut a, KeyCode::Char('i'));
    assert!(a.input_mode);
    typed(&mut a, "qj");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.pty_out, b"qj\r");
    assert!(a.quit.is_none(), "q was typed, not obeyed");
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("INPUT MODE"), "{s}");
    assert!(s.contains("Password:"), "{s}");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('x'));
    assert_eq!(&a.pty_out[3..], b"\x1bx", "a lone Esc is passed on");
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Esc);
    assert!(!a.input_mode);
    a.key(KeyEvent::new(KeyCode::Char('i'), KeyModifiers::NONE));
    a.key(KeyEvent::new(KeyCode::Char(']'), KeyModifiers::CONTROL));
    assert!(!a.input_mode);
    key(&mut a, KeyCode::Char('i'));
    a.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::ALT));
    assert!(!a.input_mode, "Esc Esc in one read");
}

#[test]
fn help_overlay_lists_keys() {
    let mut a = sample_app();
    key(&mut a, KeyCode::Char('?'));
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("Keys"), "{s}");
    assert!(s.contains("allow / deny"), "{s}");
    a.handle(Action::Escape);
    assert!(!a.help);
}

#[test]
fn saved_trace_opens_in_the_same_ui() {
    let msgs = super::load::parse(super::load::SAMPLE.as_bytes()).unwrap();
    let mut a = app();
    for m in msgs {
        a.push(m);
    }
    a.ended = true;
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)"),
        "{s}"
    );
    assert!(s.contains("unlink(\"/tmp/x\") = -1 EACCES"), "{s}");
    assert!(s.contains("saved trace"), "{s}");
    key(&mut a, KeyCode::Char('q'));
    assert_eq!(a.quit, Some(QuitChoice::Finished));
}

#[test]
fn every_view_draws_at_any_size() {
    let mut a = sample_app();
    a.has_pty = true;
    a.feed_output(b"hello\n");
    let (r, _v, _p) = held_reply(1);
    a.push(Message::Held(Held {
        event: openat(9, 100, "/held"),
        reply: r,
    }));
    a.push(Message::Exit(ProcessExit {
        pid: 100,
        time_ns: T0,
        how: ExitKind::Exited(3),
    }));
    for view in [View::List, View::Stats, View::Procs, View::Output] {
        a.view_mode = view;
        for (detail, help, quit) in [
            (false, false, false),
            (true, true, false),
            (true, false, true),
        ] {
            a.detail = detail;
            a.help = help;
            a.quit_ask = quit;
            for (w, h) in [(1, 1), (20, 5), (40, 10), (80, 24), (100, 30), (200, 60)] {
                render_to_text(&a, w, h);
                render_to_svg(&a, w, h);
            }
        }
    }
    a.view_mode = View::Procs;
    a.detail = false;
    a.quit_ask = false;
    let s = render_to_text(&a, 80, 24);
    assert!(s.contains("exit 3"), "{s}");
}

#[test]
fn exit_group_and_the_end_of_the_trace_end_processes() {
    let mut a = app();
    a.push(Message::Event(openat(1, 300, "/etc/passwd")));
    a.push(Message::Event(openat(2, 301, "/etc/group")));
    a.push(Message::Event(ev(
        3,
        301,
        "exit_group",
        vec![arg("error_code", "int", 2, "2", Some(json!(2)))],
    )));
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("exit 2"), "exit_group ends the process: {s}");
    assert!(s.contains("1 running"), "{s}");
    // The channel closes after the last tracee: nothing runs any more.
    a.set_ended();
    let s = render_to_text(&a, 100, 30);
    assert!(s.contains("0 running"), "{s}");
    assert_eq!(s.matches("running").count(), 1, "only in the title: {s}");
    assert!(s.contains("ended"), "{s}");
    assert!(s.contains("exit 2"), "{s}");
}

#[test]
fn empty_paths_are_not_counted_as_opened_paths() {
    let mut a = app();
    a.push(Message::Event(openat(1, 300, "/etc/passwd")));
    a.push(Message::Event(openat(2, 300, "")));
    assert_eq!(a.stats.paths.len(), 1, "{:?}", a.stats.paths);
    assert!(a.stats.paths.contains_key("/etc/passwd"));
}

#[test]
fn an_ended_command_without_output_says_so() {
    let mut a = app();
    a.live = true;
    a.has_pty = true;
    a.push(Message::Event(openat(1, 300, "/etc/passwd")));
    assert!(render_to_text(&a, 100, 30).contains("(no output yet)"));
    a.set_ended();
    let s = render_to_text(&a, 100, 30);
    assert!(
        s.contains("(no output)") && !s.contains("no output yet"),
        "{s}"
    );
}
