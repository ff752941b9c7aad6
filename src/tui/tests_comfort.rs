//! Tests of the comfort features on rendered buffers (ratatui's
//! `TestBackend`): the mouse (crossterm `MouseEvent`s fed to
//! [`App::mouse`]), sideways scroll and wrap of long rows, `NO_COLOR`,
//! the OSC 52 bytes `y`/`Y` write (plain and for tmux), and the time zone
//! toggle.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::{Color, Modifier};

use super::app::{App, View, HSTEP};
use super::clip;
use super::render::{buffer_text, render_buffer, render_to_text};
use super::tests_search::{call, key, openat, sample, typed};
use crate::event::{Message, Outcome};

/// The 80 × 24 screen: the list's first row is on line 2, its text from
/// column 1.
const W: u16 = 80;
const H: u16 = 24;
const ROW0: u16 = 2;

fn mouse(a: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    a.mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

fn click(a: &mut App, column: u16, row: u16) {
    mouse(a, MouseEventKind::Down(MouseButton::Left), column, row);
}

/// The screen's line `y`.
fn line(b: &Buffer, y: u16) -> String {
    (0..b.area.width).map(|x| b[(x, y)].symbol()).collect()
}

/// Lines of the screen drawn in reverse video where a row's pid is (the
/// selection, in the event list and in the process list).
fn reversed_lines(b: &Buffer) -> Vec<u16> {
    (1..b.area.height - 1)
        .filter(|&y| (13..17).all(|x| b[(x, y)].modifier.contains(Modifier::REVERSED)))
        .collect()
}

/// A trace with a row far wider than the screen (seq 7).
fn long_rows() -> App {
    let mut a = sample();
    let long = format!("/very/long/{}/END-OF-PATH", "segment/".repeat(20));
    a.push(Message::Event(openat(
        7,
        103,
        "ls",
        &long,
        Outcome::Returned(6),
    )));
    a.push(Message::Event(openat(
        8,
        103,
        "ls",
        "/short",
        Outcome::Returned(7),
    )));
    a
}

#[test]
fn click_selects_the_row_under_the_pointer_and_a_tab_switches_view() {
    let mut a = sample();
    let b = render_buffer(&a, W, H);
    assert_eq!(reversed_lines(&b), [ROW0 + 5], "following: the last row");
    click(&mut a, 30, ROW0 + 1);
    assert!(!a.follow, "a click on an older row stops following");
    let b = render_buffer(&a, W, H);
    assert_eq!(reversed_lines(&b), [ROW0 + 1]);
    assert!(
        line(&b, ROW0 + 1).contains("/etc/nope.conf"),
        "{}",
        buffer_text(&b)
    );
    // Below the last row: nothing to select, nothing changes.
    click(&mut a, 30, ROW0 + 10);
    assert_eq!(reversed_lines(&render_buffer(&a, W, H)), [ROW0 + 1]);

    // The tab bar: " Stats " starts after the title and " Events ".
    let x = line(&b, 0);
    // `find` counts bytes, the screen cells (the title has a `·`).
    let stats = x.find(" Stats ").expect("a Stats tab");
    click(&mut a, x[..stats].chars().count() as u16 + 2, 0);
    assert_eq!(a.view_mode, View::Stats);
    let procs = x.find(" Procs ").unwrap();
    click(&mut a, x[..procs].chars().count() as u16 + 2, 0);
    assert_eq!(a.view_mode, View::Procs);
    let events = x.find(" Events ").unwrap();
    click(&mut a, x[..events].chars().count() as u16 + 2, 0);
    assert_eq!(a.view_mode, View::List);
    // A click between tabs does nothing.
    click(&mut a, 0, 0);
    assert_eq!(a.view_mode, View::List);
}

#[test]
fn wheel_moves_the_list_and_scrolls_the_detail_under_the_pointer() {
    let mut a = sample();
    render_buffer(&a, W, H);
    mouse(&mut a, MouseEventKind::ScrollUp, 20, ROW0 + 3);
    assert_eq!(a.selected_pos(), Some(2), "three rows up from the last");
    assert_eq!(reversed_lines(&render_buffer(&a, W, H)), [ROW0 + 2]);
    mouse(&mut a, MouseEventKind::ScrollDown, 20, ROW0);
    assert_eq!(a.selected_pos(), Some(5));
    // Outside the list (the status line): ignored.
    mouse(&mut a, MouseEventKind::ScrollUp, 20, H - 1);
    assert_eq!(a.selected_pos(), Some(5));

    // The detail pane, under the list at 80 columns.
    key(&mut a, KeyCode::Enter);
    let b = render_buffer(&a, W, H);
    let top = (0..H)
        .find(|&y| line(&b, y).contains(" Detail "))
        .expect("detail pane drawn");
    let first = line(&b, top + 1);
    assert!(first.contains("openat"), "{}", buffer_text(&b));
    mouse(&mut a, MouseEventKind::ScrollDown, 20, top + 2);
    assert_eq!(a.detail_scroll, 3);
    assert_eq!(a.selected_pos(), Some(5), "the list did not move");
    let b = render_buffer(&a, W, H);
    assert!(
        !line(&b, top + 1).contains("openat "),
        "{}",
        buffer_text(&b)
    );
    mouse(&mut a, MouseEventKind::ScrollUp, 20, top + 2);
    assert_eq!(a.detail_scroll, 0);
    // The help overlay takes the mouse away from the views.
    key(&mut a, KeyCode::Char('?'));
    mouse(&mut a, MouseEventKind::ScrollUp, 20, ROW0);
    assert_eq!(a.selected_pos(), Some(5));
}

#[test]
fn wheel_and_click_in_the_process_view() {
    let mut a = sample();
    a.view_mode = View::Procs;
    let b = render_buffer(&a, W, H);
    // Border, header, then one line per process: 100, 101, 102.
    let pid_line =
        |pid: &str| (0..H).find(|&y| line(&b, y).trim_start_matches('│').starts_with(pid));
    let y101 = pid_line("101").expect("process 101 listed");
    click(&mut a, 5, y101);
    assert_eq!(a.selected_proc(), Some(101));
    let b = render_buffer(&a, W, H);
    assert!(line(&b, y101).contains("101"));
    assert_eq!(reversed_lines(&b), [y101]);
    mouse(&mut a, MouseEventKind::ScrollDown, 5, y101);
    assert_eq!(
        a.selected_proc(),
        Some(102),
        "the last one: the wheel stops"
    );
    mouse(&mut a, MouseEventKind::ScrollUp, 5, y101);
    assert_eq!(a.selected_proc(), Some(100));
}

#[test]
fn right_arrow_shows_later_columns_and_home_comes_back() {
    let mut a = long_rows();
    let row = |a: &App| {
        let b = render_buffer(a, W, H);
        (0..H)
            .map(|y| line(&b, y))
            .find(|l| l.contains("     103 "))
            .expect("the long row")
    };
    let before = row(&a);
    assert!(
        before.contains('…') && !before.contains("END-OF-PATH"),
        "{before}"
    );
    let fixed = &before[..before.find("openat").unwrap()];
    for _ in 0..22 {
        key(&mut a, KeyCode::Right);
    }
    assert_eq!(a.comfort.hscroll, 22 * HSTEP);
    let after = row(&a);
    assert!(
        after.starts_with(fixed),
        "time and pid stay:\n{before}\n{after}"
    );
    assert!(
        after.contains("END-OF-PATH\", O_RDONLY|O_CLOEXEC) = 6"),
        "{after}"
    );
    assert!(!after.contains("openat("), "{after}");
    assert!(render_to_text(&a, W, H).contains(" → col 176 · Home: 0 "));
    key(&mut a, KeyCode::Left);
    assert_eq!(a.comfort.hscroll, 21 * HSTEP);
    // Home: column 0 first, then (a second Home) the first call.
    a.follow = false;
    key(&mut a, KeyCode::Home);
    assert_eq!(a.comfort.hscroll, 0);
    assert_eq!(row(&a), before);
    assert_ne!(a.selected_pos(), Some(0));
    key(&mut a, KeyCode::Home);
    assert_eq!(a.selected_pos(), Some(0));
}

#[test]
fn w_wraps_the_selected_row_under_its_call() {
    let mut a = long_rows();
    // Select the long row (second from last).
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Char('W'));
    assert!(a.comfort.wrap);
    let b = render_buffer(&a, W, H);
    let sel = reversed_lines(&b);
    assert!(
        sel.len() >= 3,
        "wrapped onto several lines: {sel:?}\n{}",
        buffer_text(&b)
    );
    let text: String = sel
        .iter()
        .map(|&y| line(&b, y).trim_matches('│').trim().to_string())
        .collect();
    assert!(
        text.replace(' ', "")
            .contains("END-OF-PATH\",O_RDONLY|O_CLOEXEC)=6"),
        "the whole call is there: {text}"
    );
    assert!(!text.contains('…'), "nothing cut: {text}");
    // Continuation lines leave the fixed columns blank.
    let cont = line(&b, sel[1]);
    assert!(cont.starts_with("│                     "), "{cont}");
    // The row after the wrapped one comes after all its lines.
    assert!(line(&b, *sel.last().unwrap() + 1).contains("/short"));
    // A click on a continuation line is a click on the wrapped row.
    let abs = a.selected_pos();
    click(&mut a, 40, sel[2]);
    assert_eq!(a.selected_pos(), abs);
    click(&mut a, 40, sel.last().unwrap() + 1);
    assert!(a.selected_row().unwrap().ev.seq == 8);
    key(&mut a, KeyCode::Char('W'));
    assert!(!a.comfort.wrap);
    assert!(render_to_text(&a, W, H).contains("rows cut at the edge"));
}

#[test]
fn no_color_leaves_no_colour_and_keeps_the_distinctions() {
    let mut a = sample();
    // A search hit, a selected row, failed calls.
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "hosts");
    key(&mut a, KeyCode::Enter);
    let coloured = render_buffer(&a, W, H);
    assert!(
        coloured.content.iter().any(|c| c.fg != Color::Reset),
        "colours without NO_COLOR"
    );
    a.comfort.no_color = true;
    let b = render_buffer(&a, W, H);
    for (i, c) in b.content.iter().enumerate() {
        assert_eq!(
            (c.fg, c.bg),
            (Color::Reset, Color::Reset),
            "cell {i} ({:?}) still coloured",
            c.symbol()
        );
    }
    assert_eq!(buffer_text(&b), buffer_text(&coloured), "same text");
    // The failed result: bold and underlined; a good one: neither.
    let y_fail = (0..H).find(|&y| line(&b, y).contains("nope.conf")).unwrap();
    let l = line(&b, y_fail);
    let col = |l: &str, pat: &str| l[..l.find(pat).unwrap()].chars().count() as u16;
    let m = b[(col(&l, "ENOENT"), y_fail)].modifier;
    assert!(m.contains(Modifier::BOLD | Modifier::UNDERLINED), "{m:?}");
    let y_ok = (0..H)
        .find(|&y| line(&b, y).contains("ld.so.cache"))
        .unwrap();
    let l = line(&b, y_ok);
    let m = b[(col(&l, "= 3") + 2, y_ok)].modifier;
    assert!(!m.contains(Modifier::UNDERLINED), "{m:?}");
    // The selected row (the search hit, /etc/hosts) is reversed, and the
    // hit inside it stands out by bold underline, not by colour.
    let y_sel = (0..H)
        .find(|&y| line(&b, y).contains("/etc/hosts"))
        .unwrap();
    assert_eq!(reversed_lines(&b), [y_sel]);
    let l = line(&b, y_sel);
    let hit = b[(col(&l, "hosts"), y_sel)].modifier;
    assert!(
        hit.contains(Modifier::BOLD | Modifier::UNDERLINED),
        "{hit:?}"
    );
    // An unselected hit is reversed: take the selection elsewhere.
    key(&mut a, KeyCode::Char('g'));
    let b = render_buffer(&a, W, H);
    let l = line(&b, y_sel);
    assert!(b[(col(&l, "hosts"), y_sel)]
        .modifier
        .contains(Modifier::REVERSED));
    assert!(!b[(col(&l, "openat"), y_sel)]
        .modifier
        .contains(Modifier::REVERSED));
}

#[test]
fn osc52_bytes_exactly_and_wrapped_for_tmux() {
    assert_eq!(clip::osc52(b"hello", false), b"\x1b]52;c;aGVsbG8=\x07");
    assert_eq!(
        clip::osc52(b"hello", true),
        b"\x1b]52;c;aGVsbG8=\x07\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
    );
}

#[test]
fn y_copies_the_selected_call_as_text_output_prints_it() {
    let mut a = sample();
    key(&mut a, KeyCode::Char('g'));
    key(&mut a, KeyCode::Char('y'));
    let want = "[pid   100] openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3";
    assert_eq!(a.comfort.term_out, clip::osc52(want.as_bytes(), false));
    let s = render_to_text(&a, W, H);
    assert!(s.contains(&format!("copied {} bytes", want.len())), "{s}");
    // Inside tmux the same, wrapped as well.
    a.comfort.term_out.clear();
    a.comfort.tmux = true;
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Char('y'));
    let want = "[pid   100] openat(AT_FDCWD, \"/etc/nope.conf\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)";
    assert_eq!(a.comfort.term_out, clip::osc52(want.as_bytes(), true));
}

#[test]
fn shift_y_copies_the_detail_pane_text() {
    let mut a = sample();
    key(&mut a, KeyCode::Char('g'));
    key(&mut a, KeyCode::Char('Y'));
    let text = super::detail::text(&a);
    assert!(text.starts_with("openat nr 0"), "{text}");
    assert!(text.contains("\"/etc/ld.so.cache\""), "{text}");
    assert!(text.contains("result = 3"), "{text}");
    assert!(
        text.lines().all(|l| l == l.trim_end()),
        "no trailing blanks: {text:?}"
    );
    assert!(text.contains("\ntime 2025-11-2"), "{text}");
    assert_eq!(a.comfort.term_out, clip::osc52(text.as_bytes(), false));
    assert!(render_to_text(&a, W, H).contains(&format!("copied {} bytes", text.len())));
}

#[test]
fn u_switches_the_detail_between_local_time_and_utc() {
    let mut a = sample();
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 120, 40);
    assert!(s.contains("· local time (U) ·"), "{s}");
    key(&mut a, KeyCode::Char('U'));
    let s = render_to_text(&a, 120, 40);
    assert!(s.contains("· UTC (U) ·"), "{s}");
    // The sample's last call, 6 ms after 2025-11-22 10:41:24 UTC.
    assert!(s.contains("time 2025-11-22 10:41:24.006000000 UTC"), "{s}");
    assert!(s.contains("times in UTC"), "{s}");
}

#[test]
fn the_help_lists_the_comfort_keys() {
    let mut a = sample();
    key(&mut a, KeyCode::Char('?'));
    let s = render_to_text(&a, W, H);
    for k in [
        "← → W",
        "w X y Y",
        "T x U",
        "wheel scrolls",
        "UTC / local time",
    ] {
        assert!(s.contains(k), "{k} missing:\n{s}");
    }
    assert!(
        s.contains("q Ctrl-C ?"),
        "the last key still fits at 80 × 24:\n{s}"
    );
}

/// Stats' calls-per-syscall list scrolls (↑↓, g/G, the wheel) when there
/// are more syscalls than rows, and says which rows it shows.
#[test]
fn the_stats_list_scrolls_with_keys_and_the_wheel() {
    #[rustfmt::skip]
    const NAMES: [&str; 30] = [
        "read", "write", "openat", "close", "fstat", "mmap", "mprotect", "munmap", "brk", "ioctl",
        "pread64", "access", "pipe", "select", "sched_yield", "mremap", "msync", "mincore",
        "madvise", "dup", "dup2", "pause", "nanosleep", "getitimer", "alarm", "setitimer",
        "getpid", "sendfile", "socket", "connect",
    ];
    let mut a = App::new("many", Default::default(), super::app::DEFAULT_CAP);
    // read is called 30 times, write 29, ...: the sort by calls is NAMES.
    let mut seq = 0;
    let mut batch = Vec::new();
    for (i, name) in NAMES.iter().enumerate() {
        for _ in 0..(30 - i) {
            seq += 1;
            batch.push(call(seq, 100, "many", name, vec![], Outcome::NotCollected));
        }
    }
    a.push(Message::Batch(batch));
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Stats);
    let row_names = |a: &App| -> Vec<String> {
        render_to_text(a, W, H)
            .lines()
            .filter_map(|l| {
                let l = l.strip_prefix('│')?;
                let name = l.split_whitespace().next()?;
                NAMES.contains(&name).then(|| name.to_string())
            })
            .collect()
    };
    let first = row_names(&a);
    assert_eq!(first.first().map(String::as_str), Some("read"));
    let shown = first.len();
    assert!(shown < NAMES.len(), "all rows fit: nothing to scroll");
    // Where the border has room for it (not at 80 columns: the sort's).
    let s = render_to_text(&a, 160, H);
    assert!(s.contains(&format!("rows 1–{shown} of 30")), "{s}");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    assert_eq!(row_names(&a).first().map(String::as_str), Some("openat"));
    // The wheel over the view: three rows a notch.
    mouse(&mut a, MouseEventKind::ScrollDown, 10, 5);
    assert_eq!(row_names(&a).first().map(String::as_str), Some("mmap"));
    mouse(&mut a, MouseEventKind::ScrollUp, 10, 5);
    assert_eq!(row_names(&a).first().map(String::as_str), Some("openat"));
    // G: the last full page, ending with the rarest call.
    key(&mut a, KeyCode::Char('G'));
    let last = row_names(&a);
    assert_eq!(last.last().map(String::as_str), Some("connect"));
    assert_eq!(last.len(), shown);
    key(&mut a, KeyCode::Char('g'));
    assert_eq!(row_names(&a), first);
}
