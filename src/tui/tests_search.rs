//! Tests of search (`/`, n/N, highlight) and the filter language (`f`):
//! fields, regexes, negation, parse errors in the status line, history;
//! the comm and duration columns; snapshots of the list at two sizes;
//! and how long filtering 100,000 rows takes.
//!
//! Snapshots live in `src/tui/snapshots/NAME.txt`; a missing one is
//! written and the test fails so that it is looked at before it is
//! committed. `NOTRACE_UPDATE_SNAPSHOTS=1` rewrites them all.

use std::borrow::Cow;
use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use serde_json::{json, Value};

use super::app::{App, View};
use super::render::{buffer_text, render_buffer, render_to_text};
use crate::event::{
    Action as CallAction, Arch, DecodedArg, Event, HoldSet, Message, Outcome, Resumed,
};

const T0: u64 = 1_763_808_084_000_000_000;
pub(super) const ENOENT: i64 = libc::ENOENT as i64;

pub(super) fn arg(
    name: &'static str,
    kind: &'static str,
    text: &str,
    v: Option<Value>,
) -> DecodedArg {
    DecodedArg {
        name: Cow::Borrowed(name),
        kind: Cow::Borrowed(kind),
        raw: 0,
        text: text.to_string(),
        value: v,
    }
}

/// A call of `pid` (comm `comm`) that took `seq` µs.
pub(super) fn call(
    seq: u64,
    pid: i32,
    comm: &str,
    name: &'static str,
    decoded: Vec<DecodedArg>,
    result: Outcome,
) -> Event {
    Event {
        seq,
        time_ns: T0 + seq * 1_000_000,
        pid,
        tid: pid,
        comm: comm.into(),
        arch: Arch::X86_64,
        name: Cow::Borrowed(name),
        nr: 0,
        args: [0; 6],
        decoded,
        action: CallAction::Allowed,
        result,
        duration_ns: match result {
            Outcome::Returned(_) => Some(seq * 1_000),
            _ => None,
        },
        ret_path: None,
        ip: 0,
    }
}

pub(super) fn openat(seq: u64, pid: i32, comm: &str, path: &str, result: Outcome) -> Event {
    call(
        seq,
        pid,
        comm,
        "openat",
        vec![
            arg("dfd", "dirfd", "AT_FDCWD", None),
            arg("filename", "path", &format!("{path:?}"), Some(json!(path))),
            arg("flags", "open_flags", "O_RDONLY|O_CLOEXEC", None),
        ],
        result,
    )
}

pub(super) fn connect(seq: u64, pid: i32, comm: &str, result: Outcome) -> Event {
    call(
        seq,
        pid,
        comm,
        "connect",
        vec![
            arg("fd", "fd", "3", None),
            arg(
                "addr",
                "sockaddr",
                "{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"93.184.216.34\")}",
                None,
            ),
            arg("addrlen", "uint", "16", None),
        ],
        result,
    )
}

pub(super) fn resumed(e: &Event, result: Outcome, duration_ns: u64) -> Message {
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

pub(super) fn key(a: &mut App, c: KeyCode) {
    a.key(KeyEvent::new(c, KeyModifiers::NONE));
}

pub(super) fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        key(a, KeyCode::Char(c));
    }
}

/// Compares `text` with the stored snapshot `name` (see the module doc).
pub(super) fn snapshot(name: &str, text: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/snapshots");
    let path = dir.join(format!("{name}.txt"));
    let update = std::env::var_os("NOTRACE_UPDATE_SNAPSHOTS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(old) if !update => assert!(
            old == text,
            "snapshot {name} differs (NOTRACE_UPDATE_SNAPSHOTS=1 rewrites it)\n--- stored\n{old}\n--- now\n{text}"
        ),
        r => {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, text).unwrap();
            assert!(update || r.is_ok(), "snapshot {name} was missing: written to {}, look at it", path.display());
        }
    }
}

/// Two programs opening files, one connecting, with results.
pub(super) fn sample() -> App {
    let mut a = App::new("make -j2", HoldSet::default(), super::app::DEFAULT_CAP);
    a.push(Message::Batch(vec![
        openat(1, 100, "make", "/etc/ld.so.cache", Outcome::Returned(3)),
        openat(2, 100, "make", "/etc/nope.conf", Outcome::Returned(-ENOENT)),
        openat(3, 101, "cc1", "/usr/include/stdio.h", Outcome::Returned(4)),
        connect(4, 102, "curl", Outcome::Returned(0)),
        openat(
            5,
            101,
            "cc1",
            "/etc/passwd",
            Outcome::Returned(-(libc::EACCES as i64)),
        ),
        openat(6, 102, "curl", "/etc/hosts", Outcome::Returned(5)),
    ]));
    a.set_ended();
    a
}

fn seqs(a: &App) -> Vec<u64> {
    (0..a.visible_len())
        .map(|i| a.visible_row(i).unwrap().ev.seq)
        .collect()
}

fn filter(a: &mut App, text: &str) {
    key(a, KeyCode::Char('f'));
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(a, text);
    key(a, KeyCode::Enter);
}

#[test]
fn filter_language_fields_regex_and_negation() {
    let mut a = sample();
    let cases: &[(&str, &[u64])] = &[
        ("syscall:openat path:/etc !errno:ENOENT", &[1, 5, 6]),
        ("syscall:openat path:/etc !errno:ENOENT /pass/", &[5]),
        ("pid:101", &[3, 5]),
        ("comm:cur", &[4, 6]),
        ("errno:ENOENT", &[2]),
        ("errno:13", &[5]),
        ("failed", &[2, 5]),
        ("failed:no syscall:openat", &[1, 3, 6]),
        ("syscall:/^conn/", &[4]),
        ("syscall:open", &[]),
        ("arg:O_CLOEXEC !comm:make", &[3, 5, 6]),
        ("/(hosts|io\\.h)/", &[3, 6]),
        ("93.184", &[4]),
        ("no such file", &[2]),
        ("= -1 EACCES", &[5]),
        ("= 4", &[3]),
        ("/^= -1 E/", &[2, 5]),
        ("\"/etc/ho\"", &[6]),
        ("!/etc/", &[3, 4]),
        ("102", &[4, 6]),
        ("PASSWD", &[]),
        ("passwd", &[5]),
    ];
    for (q, want) in cases {
        filter(&mut a, q);
        assert_eq!(a.filter_err, None, "{q}");
        assert_eq!(seqs(&a), *want, "filter {q}");
    }
    // Shown in the status line while it applies.
    filter(&mut a, "syscall:openat !errno:ENOENT");
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("filter: syscall:openat !errno:ENOENT"), "{s}");
    assert!(s.contains("Events 4 of 6"), "{s}");
}

#[test]
fn parse_errors_name_the_bad_part_and_the_last_good_filter_stays() {
    let mut a = sample();
    filter(&mut a, "comm:cc1");
    assert_eq!(seqs(&a), [3, 5]);
    key(&mut a, KeyCode::Char('f'));
    typed(&mut a, " pid:101");
    assert_eq!(seqs(&a), [3, 5]);
    typed(&mut a, " colour");
    let before = seqs(&a);
    typed(&mut a, ":red");
    let s = render_to_text(&a, 120, 30);
    assert!(
        s.contains("error in `colour:red`: no field `colour` (fields: syscall pid comm"),
        "{s}"
    );
    assert_eq!(seqs(&a), before, "the last good filter applies");
    // Enter does not accept a bad filter; fixing it does.
    key(&mut a, KeyCode::Enter);
    assert!(a.filter_editing);
    for _ in 0.." pid:101 colour:red".len() {
        key(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, " /std(/");
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("error in `/std(/`: bad regex"), "{s}");
    key(&mut a, KeyCode::Backspace);
    typed(&mut a, ")/");
    assert_eq!(a.filter_err, None);
    key(&mut a, KeyCode::Enter);
    assert!(!a.filter_editing);
    assert_eq!(seqs(&a), [3]);
    key(&mut a, KeyCode::Char('f'));
    typed(&mut a, " errno:EWHAT");
    let s = render_to_text(&a, 120, 24);
    assert!(
        s.contains("error in `errno:EWHAT`: no errno is called EWHAT"),
        "{s}"
    );
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.filter, "comm:cc1 /std()/");
}

#[test]
fn prompt_history_goes_back_and_forth() {
    let mut a = sample();
    filter(&mut a, "pid:100");
    filter(&mut a, "pid:101");
    key(&mut a, KeyCode::Char('f'));
    a.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut a, "draft");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.filter, "pid:101");
    assert_eq!(seqs(&a), [3, 5], "a recalled filter applies at once");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.filter, "pid:100");
    key(&mut a, KeyCode::Up);
    assert_eq!(a.filter, "pid:100", "stops at the oldest");
    key(&mut a, KeyCode::Down);
    assert_eq!(a.filter, "pid:101");
    key(&mut a, KeyCode::Down);
    assert_eq!(a.filter, "draft", "back to what was typed");
    key(&mut a, KeyCode::Esc);
    // The search prompt has its own history.
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "hosts");
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Char('/'));
    key(&mut a, KeyCode::Up);
    assert_eq!(a.search, "hosts");
    assert_eq!(a.filter_history, ["pid:100", "pid:101"]);
}

#[test]
fn search_moves_as_you_type_highlights_and_n_cycles() {
    let mut a = sample();
    key(&mut a, KeyCode::Char('g'));
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "/et");
    // Incremental: each letter moves to the first match from the start.
    assert_eq!(a.selected_row().unwrap().ev.seq, 1);
    typed(&mut a, "c/pa");
    assert_eq!(a.selected_row().unwrap().ev.seq, 5);
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains(" search //etc/pa█"), "{s}");
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Backspace);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected_row().unwrap().ev.seq, 1);
    assert_eq!(a.visible_len(), 6, "a search filters nothing out");
    // n and N go round the matches (1, 2, 5, 6), wrapping.
    let mut order = vec![];
    for _ in 0..5 {
        key(&mut a, KeyCode::Char('n'));
        order.push(a.selected_row().unwrap().ev.seq);
    }
    assert_eq!(order, [2, 5, 6, 1, 2]);
    key(&mut a, KeyCode::Char('N'));
    key(&mut a, KeyCode::Char('N'));
    assert_eq!(a.selected_row().unwrap().ev.seq, 6);
    // The match is painted on every matching row, not on the others.
    let b = render_buffer(&a, 120, 30);
    let text = buffer_text(&b);
    let mut painted = 0;
    for (y, l) in text.lines().enumerate().filter(|(_, l)| l.starts_with('│')) {
        // `/etc/` is the regex `etc`: the letters are painted.
        let Some(byte) = l.find("/etc/") else {
            continue;
        };
        let x = l[..byte].chars().count() as u16 + 1;
        let cell = &b[(x, y as u16)];
        assert_eq!(cell.bg, Color::LightYellow, "line {y}: {l}");
        painted += 1;
    }
    assert_eq!(painted, 4, "{text}");
    let l = text.lines().find(|l| l.contains("stdio.h")).unwrap();
    let y = text.lines().position(|x| x == l).unwrap();
    assert!(
        (0..120).all(|x| b[(x, y as u16)].bg != Color::LightYellow),
        "no highlight on a row that does not match"
    );
    assert!(
        text.contains(" //etc/ "),
        "search shown in the status line: {text}"
    );
    // Esc in the prompt puts the selection back.
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "connect");
    assert_eq!(a.selected_row().unwrap().ev.seq, 4);
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.selected_row().unwrap().ev.seq, 6);
    assert_eq!(a.search, "/etc/");
    // No match says so and moves nothing.
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "zzz");
    assert_eq!(a.selected_row().unwrap().ev.seq, 6);
    assert_eq!(a.note.as_deref(), Some("search: no match"));
}

#[test]
fn comm_and_duration_columns_fit_the_width() {
    let mut a = sample();
    let s = render_to_text(&a, 120, 30);
    let row = s.lines().find(|l| l.contains("stdio.h")).unwrap();
    assert!(row.contains(" cc1 "), "comm column at 120: {row}");
    assert!(row.contains("3.0µs"), "duration column: {row}");
    let s = render_to_text(&a, 80, 24);
    let row = s.lines().find(|l| l.contains("stdio.h")).unwrap();
    assert!(!row.contains("cc1"), "no comm at 80: {row}");
    assert!(!row.contains("µs"), "no duration at 80: {row}");
    key(&mut a, KeyCode::Char('T'));
    let s = render_to_text(&a, 120, 30);
    let row = s.lines().find(|l| l.contains("stdio.h")).unwrap();
    assert!(!row.contains("µs"), "T hides the duration: {row}");
    assert!(row.contains("= 4"), "{row}");
    assert_eq!(super::list::duration_text(812), "812ns");
    assert_eq!(super::list::duration_text(1_234_567), "1.23ms");
    assert_eq!(super::list::duration_text(4_560_000_000), "4.56s");
    // A running call says so in the column until its result comes.
    let mut a = App::new("x", HoldSet::default(), 100);
    let e = openat(1, 7, "sh", "/x", Outcome::Pending);
    a.push(Message::Event(openat(
        0,
        7,
        "sh",
        "/y",
        Outcome::Returned(3),
    )));
    a.push(Message::Event(e.clone()));
    let s = render_to_text(&a, 120, 30);
    assert!(
        s.lines()
            .any(|l| l.contains("      … ") && l.contains("/x")),
        "{s}"
    );
    a.push(resumed(&e, Outcome::Returned(3), 250_000_000));
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains(" 250ms "), "{s}");
}

#[test]
fn snapshots_of_the_list_with_search_and_filter() {
    let mut a = sample();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "etc");
    key(&mut a, KeyCode::Enter);
    snapshot("list_search_120x30", &render_to_text(&a, 120, 30));
    snapshot("list_search_80x24", &render_to_text(&a, 80, 24));
    filter(&mut a, "syscall:openat !errno:ENOENT");
    key(&mut a, KeyCode::Char('f'));
    typed(&mut a, " pid:x");
    snapshot("list_filter_error_120x30", &render_to_text(&a, 120, 30));
    snapshot("list_filter_error_80x24", &render_to_text(&a, 80, 24));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('?'));
    snapshot("help_120x30", &render_to_text(&a, 120, 30));
    snapshot("help_80x24", &render_to_text(&a, 80, 24));
    assert_eq!(a.view_mode, View::List);
}

/// Filtering and searching a full list (`DEFAULT_CAP` rows): prints the
/// times (`cargo test --release --lib filter_speed -- --nocapture`) and
/// fails only if one is absurd (a debug build on a busy machine).
#[test]
fn filter_speed_on_100k_rows() {
    let mut a = App::new("speed", HoldSet::default(), super::app::DEFAULT_CAP);
    let n = super::app::DEFAULT_CAP as u64;
    let mut batch = Vec::with_capacity(n as usize);
    for i in 0..n {
        let pid = 1000 + (i % 50) as i32;
        let r = if i % 7 == 0 {
            Outcome::Returned(-ENOENT)
        } else {
            Outcome::Returned(3)
        };
        batch.push(match i % 3 {
            0 => openat(
                i + 1,
                pid,
                "cc1",
                &format!("/usr/include/h{}.h", i % 1000),
                r,
            ),
            1 => connect(i + 1, pid, "curl", r),
            _ => openat(i + 1, pid, "make", &format!("/etc/f{i}"), r),
        });
    }
    a.push(Message::Batch(batch));
    let mut report = Vec::new();
    for q in [
        "syscall:openat path:/etc !errno:ENOENT /f9/",
        "hostname",
        "/inet_addr\\(\"93/",
        "pid:1007",
        "failed comm:cc1",
    ] {
        let t = Instant::now();
        a.set_filter(q);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        report.push(format!("{q:?}: {} rows in {ms:.1} ms", a.visible_len()));
        assert!(ms < 5_000.0, "{q}: {ms} ms");
    }
    a.set_filter("");
    key(&mut a, KeyCode::Char('g'));
    let t = Instant::now();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "nomatch");
    let ms = t.elapsed().as_secs_f64() * 1e3;
    report.push(format!(
        "search for a missing text, 7 keystrokes: {ms:.1} ms"
    ));
    eprintln!("filtering {n} rows:\n  {}", report.join("\n  "));
}
