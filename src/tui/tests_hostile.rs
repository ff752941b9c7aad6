//! Rendering tests with hostile tracee text: a comm, a path, an argv, a
//! socket path and command output full of terminal controls (an OSC that
//! retitles the terminal, `ESC [ 2 J` that clears it, a C1 CSI, a bidi
//! override). Every view must show them escaped (`\33]0;...`), and no
//! control may be left in the buffer the terminal is sent.

use std::borrow::Cow;
use std::sync::{mpsc, Arc};

use ratatui::buffer::Buffer;
use serde_json::{json, Value};

use super::app::{App, View};
use super::render::render_buffer;
use super::safe::is_unsafe;
use crate::event::{
    Action as CallAction, Arch, DecodedArg, Event, Held, HoldReply, HoldSet, Message,
};

/// The hostile comm (PR_SET_NAME allows any bytes but NUL).
const COMM: &str = "\x1b]0;pwned\x07\x1b[2J";
const COMM_SHOWN: &str = "\\33]0;pwned\\7\\33[2J";
const PATH: &str = "/tmp/\x1b]0;owned\x07\u{9b}2J\u{202e}txt";
const PATH_SHOWN: &str = "/tmp/\\33]0;owned\\7\\302\\2332J\\342\\200\\256txt";

fn arg(name: &'static str, kind: &'static str, text: &str, value: Option<Value>) -> DecodedArg {
    DecodedArg {
        name: Cow::Borrowed(name),
        kind: Cow::Borrowed(kind),
        raw: 0,
        text: text.to_string(),
        value,
    }
}

fn ev(seq: u64, name: &'static str, decoded: Vec<DecodedArg>) -> Event {
    Event {
        seq,
        time_ns: 1_763_808_084_000_000_000 + seq,
        pid: 4242,
        tid: 4242,
        comm: COMM.into(),
        arch: Arch::X86_64,
        name: Cow::Borrowed(name),
        nr: 0,
        args: [0; 6],
        decoded,
        action: CallAction::Allowed,
        result: crate::event::Outcome::NotCollected,
        duration_ns: None,
        ret_path: None,
        ip: 0,
    }
}

/// An open of the hostile path whose argument text is raw too, as a
/// crafted saved trace can have it.
fn open_event(seq: u64) -> Event {
    ev(
        seq,
        "openat",
        vec![
            arg("dfd", "dirfd", "AT_FDCWD", None),
            arg(
                "filename",
                "path",
                &format!("\"{PATH}\""),
                Some(json!(PATH)),
            ),
            arg("flags", "open_flags", "O_RDONLY", None),
        ],
    )
}

fn hostile_app() -> (App, mpsc::Receiver<(u64, crate::event::Verdict)>) {
    let mut a = App::new(
        format!("sh -c {COMM}"),
        HoldSet::default(),
        super::app::DEFAULT_CAP,
    );
    a.push(Message::Event(ev(
        1,
        "execve",
        vec![
            arg(
                "filename",
                "path",
                &format!("\"{PATH}\""),
                Some(json!(PATH)),
            ),
            arg("argv", "argv", "[...]", Some(json!(["sh", COMM]))),
        ],
    )));
    let mut denied = open_event(2);
    denied.action = CallAction::Denied {
        errno: libc::EPERM,
        rule: format!("openat path={PATH}"),
    };
    a.push(Message::Event(denied));
    a.push(Message::Event(ev(
        3,
        "connect",
        vec![
            arg("fd", "fd", "3", None),
            arg(
                "addr",
                "sockaddr_in",
                "{sa_family=AF_UNIX}",
                Some(json!({"family": "AF_UNIX", "path": PATH})),
            ),
        ],
    )));
    let (tx, rx) = mpsc::channel();
    let (_r, w) = std::io::pipe().unwrap();
    a.push(Message::Held(Held {
        event: open_event(4),
        reply: HoldReply::new(4, tx, Arc::new(w)),
    }));
    a.has_pty = true;
    a.show_output = true;
    a.feed_output(format!("out {COMM} \u{9b}31mred\x07 {PATH}\n").as_bytes());
    (a, rx)
}

fn text(b: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..b.area.height {
        for x in 0..b.area.width {
            s.push_str(b[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Renders `a` and checks the buffer holds no control and no U+FFFD (the
/// scrub's mark: a view that forgot to clean its text); returns the text.
fn render(a: &App, w: u16, h: u16) -> String {
    let b = render_buffer(a, w, h);
    for c in &b.content {
        assert!(
            !c.symbol().chars().any(is_unsafe),
            "a control reached the buffer: {:?}",
            c.symbol()
        );
    }
    let s = text(&b);
    assert!(
        !s.contains('\u{fffd}'),
        "a view drew raw tracee text (scrubbed):\n{s}"
    );
    s
}

#[test]
fn list_detail_and_hold_queue_show_hostile_text_escaped() {
    let (mut a, _rx) = hostile_app();
    a.view_mode = View::List;
    a.detail = true;
    let s = render(&a, 220, 60);
    assert!(s.contains(COMM_SHOWN), "comm in the detail pane:\n{s}");
    assert!(
        s.contains(PATH_SHOWN),
        "path in list, detail, hold queue:\n{s}"
    );
    assert!(s.contains("\\33]0;pwned"), "title bar:\n{s}");
    assert!(
        s.contains("out \\33]0;pwned") || s.contains("\\302\\23331mred"),
        "output pane:\n{s}"
    );
}

#[test]
fn stats_view_shows_hostile_text_escaped() {
    let (mut a, _rx) = hostile_app();
    a.view_mode = View::Stats;
    let s = render(&a, 220, 60);
    assert!(
        s.contains(&format!("4242 {COMM_SHOWN}")),
        "per process:\n{s}"
    );
    // Long labels keep their end.
    assert!(
        s.contains("\\342\\200\\256txt"),
        "paths and addresses:\n{s}"
    );
}

#[test]
fn procs_view_shows_hostile_text_escaped() {
    let (mut a, _rx) = hostile_app();
    a.view_mode = View::Procs;
    let s = render(&a, 220, 40);
    assert!(s.contains(&COMM_SHOWN[..16]), "comm column:\n{s}");
    assert!(
        s.contains(&format!("sh {COMM_SHOWN}")),
        "command line:\n{s}"
    );
}

#[test]
fn output_view_shows_hostile_output_escaped() {
    let (mut a, _rx) = hostile_app();
    a.view_mode = View::Output;
    let s = render(&a, 200, 30);
    // The pane strips 7-bit ESC sequences itself; a C1 CSI gets through it.
    assert!(s.contains("\\302\\23331mred"), "C1 CSI:\n{s}");
    assert!(s.contains("\\342\\200\\256txt"), "bidi override:\n{s}");
}

#[test]
fn every_view_at_every_size_leaves_no_control() {
    let (mut a, _rx) = hostile_app();
    for view in [View::List, View::Stats, View::Procs, View::Output] {
        a.view_mode = view;
        for detail in [false, true] {
            a.detail = detail;
            for (w, h) in [(20, 5), (80, 24), (140, 40)] {
                render(&a, w, h);
            }
        }
    }
}
