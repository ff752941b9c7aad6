//! Tests of sorting (`s`, `r`) in the Stats and Procs views and of the
//! `D` errno prompt (the verdict reaching the supervisor's side of a held
//! call), and snapshots of every view at 80x24 and 120x30: the event list
//! (without results, with failed calls, with the duration column), the
//! detail pane, sorted stats, the sorted process tree, the output pane and
//! view, the held-call queue and the errno prompt, the quit question and
//! the status line with a filter. Every time is relative to a fixed start
//! and every pid made up, so the snapshots are the same on any machine.

use std::io::Read;
use std::sync::{mpsc, Arc};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::sort::{ProcsSort, StatsSort};
use super::app::{App, View};
use super::render::render_to_text;
use super::tests_procs::build;
use super::tests_search::{call, connect, key, openat, sample, snapshot, typed, ENOENT};
use crate::event::{Event, Held, HoldReply, HoldSet, Message, Outcome, Verdict};

/// Both sizes of every snapshot.
fn snap2(name: &str, a: &App) {
    snapshot(&format!("{name}_120x30"), &render_to_text(a, 120, 30));
    snapshot(&format!("{name}_80x24"), &render_to_text(a, 80, 24));
}

fn ctrl(a: &mut App, c: char) {
    a.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// A call taking `us` µs.
fn timed(seq: u64, name: &'static str, result: Outcome, us: u64) -> Event {
    let mut e = call(seq, 300, "app", name, vec![], result);
    e.duration_ns = Some(us * 1_000);
    e
}

/// Four syscalls whose order differs by every column: calls (read 5,
/// openat 3, close 2, mmap 1), errors (openat 2), time (mmap 500 µs,
/// openat 30, read 5, close 2) and name.
fn stats_app() -> App {
    let mut a = App::new("app", HoldSet::default(), 100);
    let mut seq = 0;
    let mut push = |a: &mut App, name, r, us| {
        seq += 1;
        a.push(Message::Event(timed(seq, name, r, us)));
    };
    for _ in 0..5 {
        push(&mut a, "read", Outcome::Returned(10), 1);
    }
    push(&mut a, "openat", Outcome::Returned(-ENOENT), 10);
    push(&mut a, "openat", Outcome::Returned(-ENOENT), 10);
    push(&mut a, "openat", Outcome::Returned(3), 10);
    push(&mut a, "close", Outcome::Returned(0), 1);
    push(&mut a, "close", Outcome::Returned(0), 1);
    push(&mut a, "mmap", Outcome::Returned(0x7f00_0000), 500);
    a.set_ended();
    a
}

/// The syscall names of the Stats chart, top to bottom.
fn chart_order(a: &App) -> Vec<&'static str> {
    let s = render_to_text(a, 120, 30);
    let mut out = Vec::new();
    for l in s.lines().skip(2) {
        // The chart is the left half; the right has other panels.
        let left: String = l.chars().take(58).collect();
        let first = left.trim_start_matches('│').split_whitespace().next();
        for n in ["read", "openat", "close", "mmap"] {
            if first == Some(n) && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

#[test]
fn s_cycles_the_stats_sort_and_r_reverses_it() {
    let mut a = stats_app();
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Stats);
    assert_eq!(chart_order(&a), ["read", "openat", "close", "mmap"]);
    assert!(render_to_text(&a, 120, 30).contains("sort: calls ↓"));
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort.stats, StatsSort::Errors);
    assert_eq!(chart_order(&a), ["openat", "close", "mmap", "read"]);
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(chart_order(&a), ["mmap", "openat", "read", "close"]);
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("sort: time ↓"), "{s}");
    let mmap = s.lines().find(|l| l.contains(" mmap ")).unwrap();
    assert!(mmap.contains("500µs"), "time column: {mmap}");
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(chart_order(&a), ["close", "mmap", "openat", "read"]);
    key(&mut a, KeyCode::Char('r'));
    assert_eq!(chart_order(&a), ["read", "openat", "mmap", "close"]);
    assert!(render_to_text(&a, 120, 30).contains("sort: name ↓"));
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort.stats, StatsSort::Calls);
    assert_eq!(
        chart_order(&a),
        ["mmap", "close", "openat", "read"],
        "fewest calls first, still reversed"
    );
    // The Procs sort is its own.
    assert_eq!(a.sort.procs, ProcsSort::Pid);
    assert!(!a.sort.procs_rev);
}

#[test]
fn procs_sort_keeps_the_tree_and_orders_siblings() {
    let mut a = build();
    a.handle(super::app::Action::NextView);
    a.handle(super::app::Action::NextView);
    assert_eq!(a.view_mode, View::Procs);
    let pids = |a: &App| a.procs_order().iter().map(|x| x.1).collect::<Vec<_>>();
    assert_eq!(pids(&a), [100, 101, 102]);
    key(&mut a, KeyCode::Down);
    assert_eq!(a.selected_proc(), Some(101));
    // calls: 102 made 4, 101 made 2; the parent stays on top.
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort.procs, ProcsSort::Calls);
    assert_eq!(a.procs_order(), [(0, 100), (1, 102), (1, 101)]);
    assert_eq!(a.selected_proc(), Some(101), "the selection follows it");
    let s = render_to_text(&a, 120, 30);
    assert!(s.contains("sort: calls ↓"), "{s}");
    let at = |t: &str| s.lines().position(|l| l.contains(t)).unwrap();
    assert!(
        at("make -j2") < at("└─102") && at("└─102") < at("└─101"),
        "{s}"
    );
    // comm: cc (102) before sh (101).
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(pids(&a), [100, 102, 101]);
    // start: 102 called first (the clone's child ran before its parent).
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort.procs, ProcsSort::Start);
    assert_eq!(pids(&a), [100, 102, 101]);
    key(&mut a, KeyCode::Char('r'));
    assert_eq!(pids(&a), [100, 101, 102]);
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort.procs, ProcsSort::Pid);
    assert_eq!(pids(&a), [100, 102, 101], "pid, reversed");
    assert!(render_to_text(&a, 120, 30).contains("sort: pid ↓"));
    // Elsewhere s and r sort nothing and say where they do.
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.view_mode, View::List);
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort.procs, ProcsSort::Pid);
    assert!(a.note.as_deref().unwrap().contains("Stats and Procs"));
}

type Supervisor = (mpsc::Receiver<(u64, Verdict)>, std::io::PipeReader);

/// A held openat as the supervisor hands it over: its verdict arrives on
/// the channel returned, and a byte on the pipe wakes the supervisor.
fn hold(a: &mut App, id: u64, seq: u64, path: &str) -> Supervisor {
    let (tx, rx) = mpsc::channel();
    let (r, w) = std::io::pipe().unwrap();
    a.push(Message::Held(Held {
        event: openat(seq, 100, "cat", path, Outcome::NotCollected),
        reply: HoldReply::new(id, tx, Arc::new(w)),
    }));
    (rx, r)
}

fn held_app() -> App {
    let set = HoldSet::default();
    set.write().unwrap().insert("openat".into());
    let mut a = App::new("cat /etc/hostname", set, 100);
    a.live = true;
    a.push(Message::Event(call(
        1,
        100,
        "cat",
        "brk",
        vec![],
        Outcome::NotCollected,
    )));
    a
}

#[test]
fn d_denies_the_held_call_with_the_errno_typed() {
    let mut a = held_app();
    let (v1, mut p1) = hold(&mut a, 41, 2, "/etc/hostname");
    let (v2, _p2) = hold(&mut a, 42, 3, "/etc/passwd");
    key(&mut a, KeyCode::Char('D'));
    let p = a.deny_prompt.as_ref().expect("the prompt is open");
    assert_eq!(p.name, "openat");
    // A call held meanwhile does not change which call is answered.
    let (v3, _p3) = hold(&mut a, 43, 4, "/etc/group");
    typed(&mut a, "enoenY");
    let s = render_to_text(&a, 120, 30);
    assert!(
        s.contains("deny openat with errno enoenY█")
            && s.contains("no such errno: did you mean ENOENT? (Tab)"),
        "{s}"
    );
    // Enter on a typo answers nothing and leaves the prompt open.
    key(&mut a, KeyCode::Enter);
    assert!(a.deny_prompt.is_some());
    assert!(v1.try_recv().is_err());
    // Tab takes the suggested name.
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.deny_prompt.as_ref().unwrap().text, "ENOENT");
    assert!(render_to_text(&a, 120, 30).contains("ENOENT (No such file or directory)"));
    key(&mut a, KeyCode::Enter);
    assert!(a.deny_prompt.is_none());
    assert_eq!(v1.try_recv().unwrap(), (41, Verdict::Deny(libc::ENOENT)));
    let mut b = [0u8; 1];
    p1.read_exact(&mut b).unwrap();
    assert_eq!(b, [1], "the supervisor was woken");
    assert!(v2.try_recv().is_err() && v3.try_recv().is_err());
    assert_eq!(a.held.len(), 2);
    assert_eq!(a.stats.denied, 1);
    assert_eq!(a.note.as_deref(), Some("denied openat with ENOENT"));
    let s = render_to_text(&a, 120, 30);
    assert!(
        s.contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY|O_CLOEXEC) = -1 ENOENT"),
        "{s}"
    );
    // The detail pane names the errno and why.
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let s = render_to_text(&a, 120, 30);
    assert!(
        s.contains("DENIED = -1 ENOENT (rule: held: denied by user)"),
        "{s}"
    );
    key(&mut a, KeyCode::Esc);
    // A number works too; the selected held call is the one answered.
    key(&mut a, KeyCode::End);
    key(&mut a, KeyCode::Up);
    assert_eq!(a.selected_row().unwrap().ev.seq, 3);
    key(&mut a, KeyCode::Char('D'));
    typed(&mut a, "122");
    key(&mut a, KeyCode::Enter);
    assert_eq!(v2.try_recv().unwrap(), (42, Verdict::Deny(libc::EDQUOT)));
    assert!(render_to_text(&a, 120, 30).contains("/etc/passwd\", O_RDONLY|O_CLOEXEC) = -1 EDQUOT"));
    // Esc and Ctrl-C close the prompt and answer nothing; Ctrl-C does
    // not quit from it.
    key(&mut a, KeyCode::Char('D'));
    typed(&mut a, "EIO");
    key(&mut a, KeyCode::Esc);
    assert!(a.deny_prompt.is_none());
    key(&mut a, KeyCode::Char('D'));
    ctrl(&mut a, 'c');
    assert!(a.deny_prompt.is_none() && !a.quit_ask && a.quit.is_none());
    assert!(v3.try_recv().is_err());
    assert_eq!(a.held.len(), 1);
    // Kernel-internal codes are refused.
    key(&mut a, KeyCode::Char('D'));
    typed(&mut a, "ERESTARTSYS");
    key(&mut a, KeyCode::Enter);
    assert!(a.deny_prompt.is_some() && v3.try_recv().is_err());
    assert!(a.note.as_deref().unwrap().contains("not an errno"));
    key(&mut a, KeyCode::Esc);
    // A call no longer held by the time of Enter is not answered.
    key(&mut a, KeyCode::Char('D'));
    typed(&mut a, "EIO");
    a.set_ended();
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.note.as_deref(), Some("that call is no longer held"));
    key(&mut a, KeyCode::Char('D'));
    assert!(a.deny_prompt.is_none());
    assert_eq!(a.note.as_deref(), Some("no held call"));
}

#[test]
fn ctrl_with_a_letter_is_not_the_letter() {
    let mut a = held_app();
    let (v, _p) = hold(&mut a, 7, 2, "/x");
    ctrl(&mut a, 'd');
    ctrl(&mut a, 'a');
    assert!(v.try_recv().is_err(), "Ctrl-D and Ctrl-A answer nothing");
    assert_eq!(a.held.len(), 1);
}

// ---- snapshots -----------------------------------------------------------

/// The sample without results: strace's view of entries only.
fn plain() -> App {
    let mut a = App::new("cat /etc/hostname", HoldSet::default(), 100);
    let n = Outcome::NotCollected;
    a.push(Message::Batch(vec![
        openat(1, 100, "cat", "/etc/ld.so.cache", n),
        call(2, 100, "cat", "brk", vec![], n),
        openat(3, 100, "cat", "/etc/hostname", n),
        connect(4, 100, "cat", n),
    ]));
    a.set_ended();
    a
}

#[test]
fn snapshots_of_the_event_list_and_detail() {
    let mut a = plain();
    snap2("list_plain", &a);
    a = sample();
    snap2("list_results", &a);
    key(&mut a, KeyCode::Char('e'));
    snap2("list_failed_only", &a);
    key(&mut a, KeyCode::Char('e'));
    key(&mut a, KeyCode::Char('T'));
    snap2("list_no_duration", &a);
    key(&mut a, KeyCode::Char('T'));
    key(&mut a, KeyCode::Home);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    // UTC, so the machine's time zone never reaches the snapshot.
    a.comfort.utc = true;
    snap2("detail_failed", &a);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('f'));
    typed(&mut a, "path:/etc !errno:ENOENT");
    key(&mut a, KeyCode::Enter);
    snap2("status_filter", &a);
}

#[test]
fn snapshots_of_sorted_stats_and_procs() {
    let mut a = stats_app();
    key(&mut a, KeyCode::Tab);
    snap2("stats_calls", &a);
    key(&mut a, KeyCode::Char('s'));
    snap2("stats_errors", &a);
    key(&mut a, KeyCode::Char('s'));
    snap2("stats_time", &a);
    let mut a = build();
    a.handle(super::app::Action::NextView);
    a.handle(super::app::Action::NextView);
    key(&mut a, KeyCode::Char('s'));
    snap2("procs_tree_by_calls", &a);
}

#[test]
fn snapshots_of_output_held_prompt_and_quit() {
    let mut a = held_app();
    a.has_pty = true;
    a.feed_output(b"hello from cat\r\nsecond line\r\n");
    snap2("output_pane", &a);
    let (_v, _p) = hold(&mut a, 1, 2, "/etc/hostname");
    let (_v2, _p2) = hold(&mut a, 2, 3, "/etc/passwd");
    snap2("held_queue", &a);
    key(&mut a, KeyCode::Char('D'));
    typed(&mut a, "ECONN");
    snap2("deny_prompt", &a);
    typed(&mut a, "X");
    snap2("deny_prompt_typo", &a);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit_ask);
    snap2("quit_ask", &a);
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.view_mode, View::Output);
    snap2("output_view", &a);
}
