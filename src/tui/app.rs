//! The UI's state and everything that changes it: incoming messages
//! ([`App::push`]) and user actions ([`App::handle`]). No terminal here, so
//! all of it is testable; the widgets only read an `&App`.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, VecDeque};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::class::{classify, Class};
use super::output::{key_to_bytes, OutputBuf};
use super::query::{ParseError, Query};
use super::QuitChoice;

mod comfort;
pub mod deny;
mod mouse;
mod save;
mod scroll;
pub mod sort;
use crate::event::{
    Action as CallAction, Event, ExitKind, HoldReply, HoldSet, Message, Outcome, Resumed, Verdict,
};
pub use comfort::{Areas, Comfort, ComfortAction, HSTEP};
pub use save::SaveKind;

/// Events kept for display by default. Older ones are let go (the UI says
/// how many); every count and statistic stays exact regardless.
pub const DEFAULT_CAP: usize = 100_000;

/// Distinct paths / addresses counted before further new ones are lumped
/// together, so a pathological trace cannot grow the maps without bound.
const MAX_KEYS: usize = 50_000;

/// Per-second rate buckets kept for the sparkline (one hour).
const MAX_RATE_BUCKETS: usize = 3_600;

/// Execs remembered per process (a shell loop can exec without end).
pub const MAX_EXECS: usize = 64;

/// Queries remembered by each prompt's history.
const MAX_HISTORY: usize = 100;

/// The main views, cycled with Tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The live event list.
    List,
    /// Counters and charts.
    Stats,
    /// The process tree.
    Procs,
    /// The command's output, full screen.
    Output,
}

impl View {
    const ALL: [View; 4] = [View::List, View::Stats, View::Procs, View::Output];

    /// Tab label.
    pub fn label(self) -> &'static str {
        match self {
            View::List => "Events",
            View::Stats => "Stats",
            View::Procs => "Procs",
            View::Output => "Output",
        }
    }
}

/// What the user asked for; keys map to these in [`App::map_key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First row.
    Top,
    /// Last row, and follow new events.
    Bottom,
    /// Show or hide the detail pane.
    ToggleDetail,
    /// Close whatever is open (detail, help, prompt).
    Escape,
    /// Quit, or ask how when the command still runs.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Next view.
    NextView,
    /// Previous view.
    PrevView,
    /// Open the filter prompt.
    FilterStart,
    /// Open the search prompt.
    SearchStart,
    /// Select the next row the search matches.
    SearchNext,
    /// Select the previous row the search matches.
    SearchPrev,
    /// Older query from the prompt's history.
    HistoryPrev,
    /// Newer query from the prompt's history.
    HistoryNext,
    /// Procs view: show the process tree or the exec tree.
    ToggleExecTree,
    /// Show or hide the duration column.
    ToggleDuration,
    /// Type into the filter prompt.
    FilterChar(char),
    /// Delete in the filter prompt.
    FilterBackspace,
    /// Keep the filter (or search) and close the prompt.
    FilterAccept,
    /// Restore the previous filter (or selection) and close the prompt.
    FilterCancel,
    /// Show or hide one class.
    ToggleClass(Class),
    /// Show failed calls only, or every call again.
    ToggleFailed,
    /// Show all classes and calls, and clear the filter text.
    ClearFilters,
    /// Allow the selected (or oldest) held call.
    Allow,
    /// Deny the selected (or oldest) held call with EPERM.
    Deny,
    /// Allow every held call.
    AllowAll,
    /// Hold future calls of the selected event's syscall.
    HoldAdd,
    /// Stop holding the selected event's syscall.
    HoldRemove,
    /// Scroll the detail pane by this many lines.
    DetailScroll(i16),
    /// Freeze or unfreeze the view.
    TogglePause,
    /// Show or hide the output pane.
    ToggleOutput,
    /// Send keystrokes to the command.
    InputStart,
    /// Bytes for the command's terminal.
    InputBytes(Vec<u8>),
    /// Leave input mode.
    InputLeave,
    /// Quit dialog: kill the command.
    QuitKill,
    /// Quit dialog: let it run untraced-by-UI until it exits.
    QuitBackground,
    /// Save the whole trace (`w`: JSONL, `X`: Chrome trace-event JSON).
    Save(SaveKind),
    /// Stats, Procs: sort by the next column.
    SortNext,
    /// Stats, Procs: reverse the order.
    SortReverse,
    /// Open the prompt asking which errno to deny the held call with.
    DenyAsk,
    /// A key for the open errno prompt.
    DenyPrompt(deny::PromptKey),
    /// Sideways scroll, wrap, copy, UTC: see `comfort`.
    Comfort(ComfortAction),
}

/// A held call's state, shown on its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldMark {
    /// Not a held call.
    None,
    /// Waiting for the user.
    Pending,
    /// The user allowed it.
    Allowed,
    /// The user denied it.
    Denied,
}

/// One kept event.
#[derive(Debug)]
pub struct Row {
    /// The call.
    pub ev: Event,
    /// Its class, computed once.
    pub class: Class,
    /// Hold state.
    pub hold: HoldMark,
}

/// A call waiting in the hold queue.
#[derive(Debug)]
pub struct HeldCall {
    /// Absolute row index of the call in the list.
    pub abs: u64,
    /// The call (kept here too, in case its row is let go).
    pub event: Event,
    reply: HoldReply,
}

/// One execve (or execveat) of a process.
#[derive(Debug, Clone)]
pub struct Exec {
    /// The call's event `seq`.
    pub seq: u64,
    /// When it was called.
    pub time_ns: u64,
    /// The program path as given.
    pub path: String,
    /// argv, joined by spaces.
    pub argv: String,
    /// What it returned, as far as known (`Pending` until its result).
    pub result: Outcome,
}

impl Exec {
    /// The errno it failed with, once known.
    pub fn errno(&self) -> Option<i32> {
        self.result.errno()
    }
}

/// What the UI knows about one process.
#[derive(Debug, Clone, Default)]
pub struct Proc {
    /// Process id.
    pub pid: i32,
    /// Parent: from the fork or clone that made it when its result is
    /// known (exact), else from `/proc/PID/stat` at first sight.
    pub ppid: Option<i32>,
    /// `ppid` comes from the fork's result.
    pub ppid_exact: bool,
    /// When `ppid` is unknown: the process that last forked before this
    /// one appeared, a guess.
    pub guessed_parent: Option<i32>,
    /// Latest `comm`.
    pub comm: String,
    /// argv of the last execve that did not fail, joined.
    pub cmdline: Option<String>,
    /// Its execs, oldest first (at most [`MAX_EXECS`]: the first ones and
    /// the latest).
    pub execs: Vec<Exec>,
    /// Execs not kept in `execs`.
    pub execs_dropped: u64,
    /// Calls seen.
    pub calls: u64,
    /// How it ended, once it did.
    pub exit: Option<ExitKind>,
    /// Known to be gone without a known status (the trace ended).
    pub gone: bool,
    /// When its first call was seen (none when only its exit is known).
    pub first_ns: Option<u64>,
}

impl Proc {
    /// Parent to draw the tree with: known, else guessed.
    pub fn parent(&self) -> Option<i32> {
        self.ppid.or(self.guessed_parent)
    }
}

/// Exact counters over every event received, kept or not.
#[derive(Debug, Default)]
pub struct Stats {
    /// Calls per syscall name.
    pub per_name: HashMap<String, u64>,
    /// Calls per process.
    pub per_pid: HashMap<i32, u64>,
    /// Path arguments seen.
    pub paths: HashMap<String, u64>,
    /// Addresses passed to connect.
    pub addrs: HashMap<String, u64>,
    /// Paths / addresses not counted individually (maps full).
    pub lumped: u64,
    /// Calls per second, oldest first; the last bucket is `rate_last_sec`.
    pub rate: VecDeque<u64>,
    /// The second (since the epoch) of the last rate bucket.
    pub rate_last_sec: u64,
    /// Denied calls.
    pub denied: u64,
    /// Calls per class.
    pub per_class: [u64; 6],
    /// Calls whose result is known (returned, never returned, or lost):
    /// zero when results are not collected, so the views say nothing of
    /// errors rather than "0 errors".
    pub results: u64,
    /// Calls that returned an error (denied ones included: the program
    /// saw the error).
    pub errors: u64,
    /// Failed calls per syscall name.
    pub errors_per_name: HashMap<String, u64>,
    /// Failed calls per syscall name and errno.
    pub per_error: HashMap<(String, i32), u64>,
    /// Time spent in calls per syscall name (ns), of calls whose duration
    /// is known.
    pub time_per_name: HashMap<String, u64>,
}

/// The whole UI state.
#[derive(Debug)]
pub struct App {
    /// Shown in the title bar.
    pub title: String,
    cap: usize,
    rows: VecDeque<Row>,
    /// Absolute index of `rows[0]`: also the number of events let go.
    base: u64,
    /// Absolute indices of kept rows that pass the filter, ascending.
    view: VecDeque<u64>,
    /// Position of the selection in `view` (ignored while following).
    selected: usize,
    /// Stick to the newest event.
    pub follow: bool,
    /// While paused: rows from this absolute index on are not shown.
    frozen_end: Option<u64>,
    /// Filter text, as typed.
    pub filter: String,
    filter_before: String,
    /// The filter in force: the last text that parsed.
    filter_q: Query,
    /// Why the filter text does not parse (the last good one applies).
    pub filter_err: Option<ParseError>,
    /// The filter prompt is open.
    pub filter_editing: bool,
    /// Search text, as typed.
    pub search: String,
    search_before: String,
    /// The search in force, if any.
    pub search_q: Option<Query>,
    /// Why the search text does not parse.
    pub search_err: Option<ParseError>,
    /// The search prompt is open.
    pub search_editing: bool,
    /// Selection (and follow) when the search prompt opened.
    search_origin: (Option<usize>, bool),
    /// Earlier filters and searches, oldest first.
    pub filter_history: Vec<String>,
    /// See `filter_history`.
    pub search_history: Vec<String>,
    /// Where Up/Down are in the open prompt's history, and the text typed
    /// before the first Up.
    history_pos: Option<(usize, String)>,
    /// Show the duration column (when results are known and it fits).
    pub show_duration: bool,
    /// Procs view shows the exec tree rather than the process tree.
    pub exec_tree: bool,
    /// Selected process in the Procs view (position in tree order).
    pub procs_sel: usize,
    /// Set by Enter in the Procs view: the filter and selection to
    /// restore when Esc goes back from the process's calls.
    pub jump_back: Option<(String, usize)>,
    /// Parents known from a fork's result before the child was seen.
    known_parents: HashMap<i32, i32>,
    /// Forks whose result (the child's pid) is still to come: seq → pid.
    pending_forks: HashMap<u64, i32>,
    /// Execs whose result is still to come: seq → pid.
    pending_execs: HashMap<u64, i32>,
    /// Classes hidden by the quick toggles, by [`Class::index`].
    pub hidden: [bool; 6],
    /// Only failed calls are shown.
    pub failed_only: bool,
    /// The current view.
    pub view_mode: View,
    /// The detail pane is open.
    pub detail: bool,
    /// Lines the detail pane is scrolled down.
    pub detail_scroll: u16,
    /// The help overlay is open.
    pub help: bool,
    /// The quit dialog is open.
    pub quit_ask: bool,
    /// Set when the UI should close, with what to tell the caller.
    pub quit: Option<QuitChoice>,
    /// Events received.
    pub total: u64,
    /// First event time, for relative timestamps.
    pub start_ns: Option<u64>,
    /// Exact statistics.
    pub stats: Stats,
    /// Known processes.
    pub procs: BTreeMap<i32, Proc>,
    last_forker: Option<i32>,
    /// Read `/proc/PID/stat` for parents (live tracing only).
    pub read_proc: bool,
    /// The command notrace started.
    pub child_pid: Option<i32>,
    /// A command is being traced live (false for `notrace view`).
    pub live: bool,
    /// The tracer's channel closed: the command ended.
    pub ended: bool,
    /// Calls waiting for a verdict, oldest first.
    pub held: VecDeque<HeldCall>,
    /// Syscall names to hold, shared with the supervisor.
    pub hold_set: HoldSet,
    /// Command output.
    pub output: OutputBuf,
    /// A pty is attached.
    pub has_pty: bool,
    /// The output pane is shown in the event view.
    pub show_output: bool,
    /// Keystrokes go to the command.
    pub input_mode: bool,
    pending_esc: bool,
    /// Bytes to write to the pty master; the run loop takes them.
    pub pty_out: Vec<u8>,
    /// A one-line note for the status bar (last action's result).
    pub note: Option<String>,
    /// First line of the process view drawn last time.
    pub procs_scroll: Cell<usize>,
    /// First list row drawn last time (the list keeps it stable).
    pub list_offset: Cell<usize>,
    /// List rows that fit last time (page size).
    pub list_height: Cell<usize>,
    /// Inner size of the output pane last drawn (cols, rows).
    pub output_size: Cell<(u16, u16)>,
    /// The whole trace on disk (scroll-back, save, export); see `scroll`.
    pub recorder: Option<super::record::Recorder>,
    /// The kept rows end before the newest call (scrolled back).
    detached: bool,
    /// Saves running on their threads; each says how it ended.
    jobs: Vec<std::sync::mpsc::Receiver<String>>,
    /// How the Stats and Procs views are sorted (`s`, `r`).
    pub sort: sort::Sort,
    /// The first row of Stats' calls-per-syscall list shown (↑↓, wheel).
    pub stats_scroll: usize,
    /// The `D` prompt, while open: the errno typed so far.
    pub deny_prompt: Option<deny::DenyPrompt>,
    /// Sideways scroll, wrap, clipboard, time zone, NO_COLOR, mouse areas.
    pub comfort: Comfort,
}

impl App {
    /// A new UI state keeping at most `cap` events.
    pub fn new(title: impl Into<String>, hold_set: HoldSet, cap: usize) -> Self {
        App {
            title: title.into(),
            cap: cap.max(1),
            rows: VecDeque::new(),
            base: 0,
            view: VecDeque::new(),
            selected: 0,
            follow: true,
            frozen_end: None,
            filter: String::new(),
            filter_before: String::new(),
            filter_q: Query::default(),
            filter_err: None,
            filter_editing: false,
            search: String::new(),
            search_before: String::new(),
            search_q: None,
            search_err: None,
            search_editing: false,
            search_origin: (None, true),
            filter_history: Vec::new(),
            search_history: Vec::new(),
            history_pos: None,
            show_duration: true,
            exec_tree: false,
            procs_sel: 0,
            jump_back: None,
            known_parents: HashMap::new(),
            pending_forks: HashMap::new(),
            pending_execs: HashMap::new(),
            hidden: [false; 6],
            failed_only: false,
            view_mode: View::List,
            detail: false,
            detail_scroll: 0,
            help: false,
            quit_ask: false,
            quit: None,
            total: 0,
            start_ns: None,
            stats: Stats::default(),
            procs: BTreeMap::new(),
            last_forker: None,
            read_proc: false,
            child_pid: None,
            live: false,
            ended: false,
            held: VecDeque::new(),
            hold_set,
            output: OutputBuf::default(),
            has_pty: false,
            show_output: true,
            input_mode: false,
            pending_esc: false,
            pty_out: Vec::new(),
            note: None,
            procs_scroll: Cell::new(0),
            list_offset: Cell::new(0),
            list_height: Cell::new(10),
            output_size: Cell::new((0, 0)),
            recorder: None,
            detached: false,
            jobs: Vec::new(),
            sort: sort::Sort::default(),
            stats_scroll: 0,
            deny_prompt: None,
            comfort: Comfort::default(),
        }
    }

    // ---- incoming ------------------------------------------------------

    /// Takes one message from the tracer.
    pub fn push(&mut self, msg: Message) {
        if let Some(r) = &mut self.recorder {
            if let Err(e) = r.push(&msg) {
                self.note = Some(format!("recording stopped: {e}"));
                self.recorder = None;
                if self.detached {
                    // The window can no longer reach the newest calls:
                    // start again from them, as without a recorder.
                    self.rows.clear();
                    self.view.clear();
                    self.base = self.total;
                    self.detached = false;
                    self.selected = 0;
                    self.follow = true;
                }
            }
        }
        match msg {
            Message::Event(ev) => {
                self.push_event(ev, HoldMark::None);
            }
            Message::Batch(evs) => {
                for ev in evs {
                    self.push_event(ev, HoldMark::None);
                }
            }
            Message::Held(h) => {
                let event = h.event.clone();
                let abs = self.push_event(h.event, HoldMark::Pending);
                self.held.push_back(HeldCall {
                    abs,
                    event,
                    reply: h.reply,
                });
            }
            Message::Result(r) => self.resume(&r),
            Message::Exit(x) => {
                let p = self.procs.entry(x.pid).or_insert_with(|| Proc {
                    pid: x.pid,
                    ..Proc::default()
                });
                p.exit = Some(x.how);
            }
        }
    }

    /// The tracer's channel closed.
    pub fn set_ended(&mut self) {
        if !self.ended {
            self.ended = true;
            self.quit_ask = false;
            // The engine closes the channel after the last tracee is gone.
            for p in self.procs.values_mut() {
                p.gone = p.exit.is_none();
            }
            // Nobody is left to wait for a verdict: release the queue.
            let n = self.held.len();
            while let Some(h) = self.held.pop_front() {
                if let Some(row) = h
                    .abs
                    .checked_sub(self.base)
                    .and_then(|i| self.rows.get_mut(i as usize))
                {
                    row.hold = HoldMark::None;
                }
            }
            if n > 0 {
                self.note = Some(format!("command ended: {n} held calls released"));
            }
        }
    }

    /// Whether a traced command may still be running.
    pub fn command_running(&self) -> bool {
        self.live && !self.ended
    }

    /// The result of a call shown earlier without one: counted now, and
    /// its row updated (which may make it pass a filter it did not pass
    /// while running: failed-only, or text that matches the result).
    fn resume(&mut self, r: &Resumed) {
        if let Some(parent) = self.pending_forks.remove(&r.seq) {
            if let Outcome::Returned(child) = r.result {
                if child > 0 {
                    self.set_parent(child as i32, parent);
                }
            }
        }
        if let Some(pid) = self.pending_execs.remove(&r.seq) {
            if let Some(p) = self.procs.get_mut(&pid) {
                if let Some(x) = p.execs.iter_mut().rev().find(|x| x.seq == r.seq) {
                    x.result = r.result;
                }
                p.cmdline = last_cmdline(p);
            }
        }
        // Rows are in seq order; a row already let go is counted all the same.
        let found = self
            .rows
            .binary_search_by_key(&r.seq, |row| row.ev.seq)
            .ok();
        if let Some(i) = found {
            let ev = &mut self.rows[i].ev;
            if ev.result != Outcome::Pending {
                // Known already, so counted already.
                return;
            }
            ev.result = r.result;
            ev.duration_ns = r.duration_ns;
        }
        count_result(&mut self.stats, &r.name, r.result, r.duration_ns);
        if let Some(i) = found {
            self.reconsider(self.base + i as u64);
        }
    }

    /// Puts row `abs` into the view or takes it out, as the filter now
    /// says, keeping the selection on the same call.
    fn reconsider(&mut self, abs: u64) {
        let Some(row) = abs
            .checked_sub(self.base)
            .and_then(|i| self.rows.get(i as usize))
        else {
            return;
        };
        let pass = self.passes(row);
        match (pass, self.view.binary_search(&abs)) {
            (true, Err(p)) => {
                self.view.insert(p, abs);
                if self.follow && self.frozen_end.is_none() {
                    self.selected = self.view.len() - 1;
                } else if !self.follow && p <= self.selected && self.view.len() > 1 {
                    self.selected += 1;
                }
            }
            (false, Ok(p)) => {
                self.view.remove(p);
                if p < self.selected || self.selected >= self.view.len() {
                    self.selected = self.selected.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    fn push_event(&mut self, ev: Event, hold: HoldMark) -> u64 {
        self.total += 1;
        self.start_ns.get_or_insert(ev.time_ns);
        let class = classify(&ev.name);
        self.count(&ev, class);
        count_result(&mut self.stats, &ev.name, ev.result, ev.duration_ns);
        self.track_proc(&ev);
        let abs = self.total - 1;
        if self.detached {
            // Scrolled back: recorded, shown when scrolled to.
            return abs;
        }
        let row = Row { ev, class, hold };
        if self.passes(&row) {
            self.view.push_back(abs);
            if self.follow && self.frozen_end.is_none() {
                self.selected = self.view.len() - 1;
            }
        }
        self.rows.push_back(row);
        while self.rows.len() > self.cap {
            self.rows.pop_front();
            if self.view.front() == Some(&self.base) {
                self.view.pop_front();
                self.selected = self.selected.saturating_sub(1);
                self.list_offset
                    .set(self.list_offset.get().saturating_sub(1));
            }
            self.base += 1;
        }
        abs
    }

    fn count(&mut self, ev: &Event, class: Class) {
        let s = &mut self.stats;
        *s.per_name.entry(ev.name.to_string()).or_default() += 1;
        *s.per_pid.entry(ev.pid).or_default() += 1;
        s.per_class[class.index()] += 1;
        if matches!(ev.action, CallAction::Denied { .. }) {
            s.denied += 1;
        }
        for a in &ev.decoded {
            if a.kind == "path" {
                let p = match &a.value {
                    Some(serde_json::Value::String(p)) => p.clone(),
                    _ => a.text.clone(),
                };
                // "" with AT_EMPTY_PATH names the fd, not a path.
                if !p.is_empty() && p != "\"\"" {
                    bump(&mut s.paths, p, &mut s.lumped);
                }
            }
        }
        if ev.name == "connect" {
            if let Some(a) = ev.decoded.iter().find(|a| a.kind.starts_with("sockaddr")) {
                bump(&mut s.addrs, sockaddr_label(a), &mut s.lumped);
            }
        }
        let sec = ev.time_ns / 1_000_000_000;
        if s.rate.is_empty() || sec > s.rate_last_sec + MAX_RATE_BUCKETS as u64 {
            s.rate.clear();
            s.rate.push_back(0);
            s.rate_last_sec = sec;
        }
        while sec > s.rate_last_sec {
            s.rate.push_back(0);
            s.rate_last_sec += 1;
        }
        while s.rate.len() > MAX_RATE_BUCKETS {
            s.rate.pop_front();
        }
        // An event older than the window (clock went back) counts as now.
        if let Some(last) = s.rate.back_mut() {
            *last += 1;
        }
    }

    /// Records that `parent` forked `child`, from the fork's result.
    fn set_parent(&mut self, child: i32, parent: i32) {
        if child == parent {
            return;
        }
        match self.procs.get_mut(&child) {
            Some(p) => {
                p.ppid = Some(parent);
                p.ppid_exact = true;
                p.guessed_parent = None;
            }
            None => {
                if self.known_parents.len() >= MAX_KEYS {
                    self.known_parents.clear();
                }
                self.known_parents.insert(child, parent);
            }
        }
    }

    fn track_proc(&mut self, ev: &Event) {
        let read_proc = self.read_proc;
        let forker = self.last_forker;
        let exact = self.known_parents.remove(&ev.pid);
        let root = (Some(ev.pid) == self.child_pid && self.live).then(std::process::id);
        let p = self.procs.entry(ev.pid).or_insert_with(|| {
            // One small read per new process, on its first call: stat
            // needs no lock the tracee could hold (unlike maps or mem).
            let ppid = exact
                .or_else(|| read_proc.then(|| read_ppid(ev.pid)).flatten())
                .or(root.map(|r| r as i32));
            Proc {
                pid: ev.pid,
                ppid,
                ppid_exact: exact.is_some(),
                guessed_parent: if ppid.is_none() {
                    forker.filter(|f| *f != ev.pid)
                } else {
                    None
                },
                ..Proc::default()
            }
        });
        p.calls += 1;
        p.first_ns.get_or_insert(ev.time_ns);
        if p.comm != ev.comm {
            p.comm = ev.comm.clone();
        }
        let mut fork = false;
        match &*ev.name {
            "execve" | "execveat" => {
                let argv = ev
                    .decoded
                    .iter()
                    .find(|a| a.kind == "argv")
                    .map(argv_text)
                    .unwrap_or_default();
                let path = ev
                    .decoded
                    .iter()
                    .find(|a| a.kind == "path")
                    .map(|a| match &a.value {
                        Some(serde_json::Value::String(s)) => s.clone(),
                        _ => a.text.clone(),
                    })
                    .unwrap_or_default();
                let x = Exec {
                    seq: ev.seq,
                    time_ns: ev.time_ns,
                    path,
                    argv,
                    result: failed_errno(ev)
                        .map(|e| Outcome::Returned(-(e as i64)))
                        .unwrap_or(ev.result),
                };
                if p.execs.len() >= MAX_EXECS {
                    // Keep the first half and the latest.
                    p.execs.remove(MAX_EXECS / 2);
                    p.execs_dropped += 1;
                }
                p.execs.push(x);
                p.cmdline = last_cmdline(p);
                if ev.result == Outcome::Pending {
                    self.pending_execs.insert(ev.seq, ev.pid);
                }
            }
            "fork" | "vfork" => fork = true,
            "clone" => fork = ev.args[0] & libc::CLONE_THREAD as u64 == 0,
            "clone3" => fork = !ev.decoded.iter().any(|a| a.text.contains("CLONE_THREAD")),
            // exit_group never returns: the process ends with that status
            // (the engine reports exits of the command only).
            "exit_group" if p.exit.is_none() => {
                p.exit = Some(ExitKind::Exited((ev.args[0] as i32) & 0xff));
            }
            _ => {}
        }
        if fork {
            self.last_forker = Some(ev.pid);
            match ev.result {
                Outcome::Returned(child) if child > 0 => self.set_parent(child as i32, ev.pid),
                Outcome::Pending => {
                    self.pending_forks.insert(ev.seq, ev.pid);
                }
                _ => {}
            }
        }
    }

    // ---- filtering -----------------------------------------------------

    fn passes(&self, row: &Row) -> bool {
        if self.hidden[row.class.index()] {
            return false;
        }
        if self.failed_only && !failed(&row.ev) {
            return false;
        }
        self.filter_q.matches(&row.ev)
    }

    /// Parses the filter text; applies it when it parses, else keeps the
    /// last good one and says why.
    fn apply_filter_text(&mut self) {
        match Query::parse(&self.filter) {
            Ok(q) => {
                self.filter_q = q;
                self.filter_err = None;
                self.refilter();
            }
            Err(e) => self.filter_err = Some(e),
        }
    }

    /// Sets the filter text and applies it.
    pub fn set_filter(&mut self, text: &str) {
        self.filter = text.to_string();
        self.apply_filter_text();
    }

    /// Parses the search text and selects the first match at or after
    /// where the search began (wrapping), as you type.
    fn apply_search_text(&mut self) {
        if self.search.trim().is_empty() {
            self.search_q = None;
            self.search_err = None;
            return;
        }
        match Query::parse(&self.search) {
            Ok(q) => {
                self.search_q = Some(q);
                self.search_err = None;
                let from = self.search_origin.0.unwrap_or(0);
                if !self.find_match(from, true) {
                    self.note = Some("search: no match".into());
                }
            }
            Err(e) => self.search_err = Some(e),
        }
    }

    /// Selects the first shown row from position `from` on (or back, when
    /// `!forward`) that the search matches, wrapping once round.
    fn find_match(&mut self, from: usize, forward: bool) -> bool {
        let Some(q) = &self.search_q else {
            return false;
        };
        let len = self.visible_len();
        if len == 0 {
            return false;
        }
        let from = from.min(len - 1);
        for k in 0..len {
            let i = if forward {
                (from + k) % len
            } else {
                (from + len - k) % len
            };
            if self.visible_row(i).is_some_and(|r| q.matches(&r.ev)) {
                self.follow = false;
                self.selected = i;
                self.detail_scroll = 0;
                self.note = None;
                return true;
            }
        }
        false
    }

    /// Whether the row is one the search matches (for the highlight).
    pub fn search_hit(&self, r: &Row) -> Option<&Query> {
        self.search_q.as_ref().filter(|q| q.matches(&r.ev))
    }

    fn prompt_text(&mut self) -> (&mut String, &Vec<String>) {
        if self.search_editing {
            (&mut self.search, &self.search_history)
        } else {
            (&mut self.filter, &self.filter_history)
        }
    }

    fn prompt_changed(&mut self) {
        if self.search_editing {
            self.apply_search_text();
        } else {
            self.apply_filter_text();
        }
    }

    fn history_step(&mut self, older: bool) {
        let pos = self.history_pos.take();
        let (text, hist) = self.prompt_text();
        let n = hist.len();
        let (i, draft) = match pos {
            None if !older || n == 0 => return,
            None => (n - 1, text.clone()),
            Some((i, d)) if older => (i.saturating_sub(1), d),
            Some((i, d)) => {
                if i + 1 >= n {
                    *text = d;
                    self.prompt_changed();
                    return;
                }
                (i + 1, d)
            }
        };
        *text = hist[i].clone();
        self.history_pos = Some((i, draft));
        self.prompt_changed();
    }

    fn remember(hist: &mut Vec<String>, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        hist.retain(|h| h != text);
        hist.push(text.to_string());
        if hist.len() > MAX_HISTORY {
            hist.remove(0);
        }
    }

    fn refilter(&mut self) {
        let keep = self.selected_abs();
        let mut view = VecDeque::new();
        for (i, r) in self.rows.iter().enumerate() {
            if self.passes(r) {
                view.push_back(self.base + i as u64);
            }
        }
        self.view = view;
        let len = self.visible_len();
        if self.follow {
            self.selected = len.saturating_sub(1);
        } else if let Some(abs) = keep {
            self.selected = self
                .view
                .partition_point(|&a| a < abs)
                .min(len.saturating_sub(1));
        }
    }

    // ---- what the widgets read -----------------------------------------

    /// Rows shown (after the filter; frozen while paused).
    pub fn visible_len(&self) -> usize {
        match self.frozen_end {
            None => self.view.len(),
            Some(end) => self.view.partition_point(|&a| a < end),
        }
    }

    /// The `i`th shown row.
    pub fn visible_row(&self, i: usize) -> Option<&Row> {
        let abs = *self.view.get(i)?;
        self.rows.get((abs - self.base) as usize)
    }

    /// Position of the selection among the shown rows.
    pub fn selected_pos(&self) -> Option<usize> {
        let len = self.visible_len();
        if len == 0 {
            None
        } else if self.follow {
            Some(len - 1)
        } else {
            Some(self.selected.min(len - 1))
        }
    }

    fn selected_abs(&self) -> Option<u64> {
        self.selected_pos().and_then(|i| self.view.get(i).copied())
    }

    /// The selected row.
    pub fn selected_row(&self) -> Option<&Row> {
        self.selected_pos().and_then(|i| self.visible_row(i))
    }

    /// Events let go because of the cap (none with a recorder: they are
    /// on disk, read back when scrolled to).
    pub fn evicted(&self) -> u64 {
        if self.recorder.is_some() {
            0
        } else {
            self.base
        }
    }

    /// The cap on kept events.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Events kept.
    pub fn kept(&self) -> usize {
        self.rows.len()
    }

    /// Whether the view is frozen.
    pub fn paused(&self) -> bool {
        self.frozen_end.is_some()
    }

    /// Events received since the pause.
    pub fn since_pause(&self) -> u64 {
        match self.frozen_end {
            Some(end) => (self.base + self.rows.len() as u64).saturating_sub(end),
            None => 0,
        }
    }

    /// Syscall names currently held, sorted.
    pub fn hold_names(&self) -> Vec<String> {
        self.hold_set
            .read()
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Index in `held` of the call `a`/`d` act on: the row the user
    /// selected when it is held, else the oldest. While following, the
    /// selection moves by itself, so it does not count.
    pub fn hold_target(&self) -> Option<usize> {
        if self.held.is_empty() {
            return None;
        }
        let sel = if self.follow {
            None
        } else {
            self.selected_abs()
        };
        Some(
            self.held
                .iter()
                .position(|h| Some(h.abs) == sel)
                .unwrap_or(0),
        )
    }

    // ---- actions -------------------------------------------------------

    /// Maps a key to an action, given the current mode. Input mode is
    /// handled here too because Esc-Esc needs to remember the first Esc.
    pub fn map_key(&mut self, k: KeyEvent) -> Option<Action> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        if self.input_mode {
            if ctrl && matches!(k.code, KeyCode::Char(']') | KeyCode::Char('5')) {
                self.pending_esc = false;
                return Some(Action::InputLeave);
            }
            if k.code == KeyCode::Esc {
                // Two quick Escs can arrive in one read, parsed as Alt-Esc.
                if self.pending_esc || k.modifiers.contains(KeyModifiers::ALT) {
                    self.pending_esc = false;
                    return Some(Action::InputLeave);
                }
                self.pending_esc = true;
                return None;
            }
            let mut bytes = Vec::new();
            if std::mem::take(&mut self.pending_esc) {
                bytes.push(0x1b);
            }
            bytes.extend(key_to_bytes(&k)?);
            return Some(Action::InputBytes(bytes));
        }
        if self.deny_prompt.is_some() {
            return self.map_deny_key(k);
        }
        if self.filter_editing || self.search_editing {
            return match k.code {
                KeyCode::Enter => Some(Action::FilterAccept),
                KeyCode::Esc => Some(Action::FilterCancel),
                KeyCode::Backspace => Some(Action::FilterBackspace),
                KeyCode::Char('u') if ctrl => Some(Action::ClearFilters),
                KeyCode::Char(c) if !ctrl => Some(Action::FilterChar(c)),
                KeyCode::Up => Some(Action::HistoryPrev),
                KeyCode::Down => Some(Action::HistoryNext),
                _ => None,
            };
        }
        if self.quit_ask {
            return match k.code {
                KeyCode::Char('k') => Some(Action::QuitKill),
                KeyCode::Char('b') => Some(Action::QuitBackground),
                _ => Some(Action::Escape),
            };
        }
        if ctrl && k.code == KeyCode::Char('c') {
            return Some(Action::Quit);
        }
        if let Some(c) = self.comfort_key(&k) {
            return Some(Action::Comfort(c));
        }
        Some(match k.code {
            KeyCode::Char('b') if ctrl => Action::PageUp,
            KeyCode::Char('f') if ctrl => Action::PageDown,
            // Not the letter's action: Ctrl-D must not deny a held call.
            KeyCode::Char(_) if ctrl => return None,
            KeyCode::Up | KeyCode::Char('k') => Action::Up,
            KeyCode::Down | KeyCode::Char('j') => Action::Down,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown => Action::PageDown,
            KeyCode::Home | KeyCode::Char('g') => Action::Top,
            KeyCode::End | KeyCode::Char('G') | KeyCode::Char('F') => Action::Bottom,
            KeyCode::Enter => Action::ToggleDetail,
            KeyCode::Esc => Action::Escape,
            KeyCode::Char('q') => Action::Quit,
            KeyCode::Char('?') => Action::ToggleHelp,
            KeyCode::Tab => Action::NextView,
            KeyCode::BackTab => Action::PrevView,
            KeyCode::Char('f') => Action::FilterStart,
            KeyCode::Char('/') => Action::SearchStart,
            KeyCode::Char('n') => Action::SearchNext,
            KeyCode::Char('N') => Action::SearchPrev,
            KeyCode::Char('x') => Action::ToggleExecTree,
            KeyCode::Char('T') => Action::ToggleDuration,
            KeyCode::Char(c @ '1'..='6') => {
                Action::ToggleClass(Class::ALL[(c as u8 - b'1') as usize])
            }
            KeyCode::Char('0') => Action::ClearFilters,
            KeyCode::Char('e') => Action::ToggleFailed,
            KeyCode::Char('a') => Action::Allow,
            KeyCode::Char('d') => Action::Deny,
            KeyCode::Char('D') => Action::DenyAsk,
            KeyCode::Char('s') => Action::SortNext,
            KeyCode::Char('r') => Action::SortReverse,
            KeyCode::Char('A') => Action::AllowAll,
            KeyCode::Char('h') => Action::HoldAdd,
            KeyCode::Char('H') => Action::HoldRemove,
            KeyCode::Char('J') => Action::DetailScroll(1),
            KeyCode::Char('K') => Action::DetailScroll(-1),
            KeyCode::Char('p') | KeyCode::Char(' ') => Action::TogglePause,
            KeyCode::Char('o') => Action::ToggleOutput,
            KeyCode::Char('w') => Action::Save(SaveKind::Jsonl),
            KeyCode::Char('X') => Action::Save(SaveKind::Chrome),
            KeyCode::Char('i') if self.has_pty => Action::InputStart,
            _ => return None,
        })
    }

    /// Maps and handles a key.
    pub fn key(&mut self, k: KeyEvent) {
        if let Some(a) = self.map_key(k) {
            self.handle(a);
        }
    }

    /// Applies one action.
    pub fn handle(&mut self, a: Action) {
        match a {
            Action::Up => {
                self.more_above(1);
                self.move_by(-1);
            }
            Action::Down => {
                self.more_below(1);
                self.move_by(1);
            }
            Action::PageUp => {
                self.more_above(self.page());
                self.move_by(-(self.page() as isize));
            }
            Action::PageDown => {
                self.more_below(self.page());
                self.move_by(self.page() as isize);
            }
            Action::Save(kind) => self.save(kind, None),
            Action::SortNext => self.sort_next(),
            Action::SortReverse => self.sort_reverse(),
            Action::DenyAsk => self.deny_ask(),
            Action::DenyPrompt(k) => self.deny_prompt_key(k),
            Action::Comfort(c) => self.comfort_action(c),
            Action::Top => {
                if self.view_mode == View::Procs {
                    self.procs_sel = 0;
                } else if self.view_mode == View::Stats {
                    self.stats_scroll = 0;
                } else {
                    self.jump_to_start();
                    self.follow = false;
                    self.selected = 0;
                }
            }
            Action::Bottom => {
                if self.view_mode == View::Procs {
                    self.procs_sel = self.procs.len().saturating_sub(1);
                } else if self.view_mode == View::Stats {
                    self.stats_scroll = self.stats.per_name.len().saturating_sub(1);
                } else {
                    self.jump_to_end();
                    self.follow = true;
                    self.selected = self.visible_len().saturating_sub(1);
                }
            }
            Action::ToggleDetail => match self.view_mode {
                View::List => self.detail = !self.detail,
                View::Procs => self.jump_to_calls(),
                _ => {}
            },
            Action::Escape => {
                if self.quit_ask {
                    self.quit_ask = false;
                } else if self.help {
                    self.help = false;
                } else if self.detail {
                    self.detail = false;
                } else if self.view_mode == View::List && self.jump_back.is_some() {
                    self.jump_back_to_procs();
                } else if self.view_mode != View::List {
                    self.view_mode = View::List;
                }
            }
            Action::Quit => {
                if self.command_running() {
                    self.quit_ask = true;
                } else {
                    self.quit = Some(QuitChoice::Finished);
                }
            }
            Action::QuitKill => {
                self.quit_ask = false;
                self.quit = Some(QuitChoice::Killed);
            }
            Action::QuitBackground => {
                self.quit_ask = false;
                self.quit = Some(QuitChoice::Background);
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::NextView | Action::PrevView => {
                let views: Vec<View> = View::ALL
                    .into_iter()
                    .filter(|v| *v != View::Output || self.has_pty)
                    .collect();
                let i = views.iter().position(|v| *v == self.view_mode).unwrap_or(0);
                let n = views.len();
                let j = if a == Action::NextView {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                self.view_mode = views[j];
            }
            Action::FilterStart => {
                self.view_mode = View::List;
                self.search_editing = false;
                self.filter_editing = true;
                self.history_pos = None;
                self.filter_before = self.filter.clone();
            }
            Action::SearchStart => {
                self.view_mode = View::List;
                self.filter_editing = false;
                self.search_editing = true;
                self.history_pos = None;
                self.search_before = std::mem::take(&mut self.search);
                self.search_origin = (self.selected_pos(), self.follow);
                self.search_q = None;
                self.search_err = None;
            }
            Action::SearchNext | Action::SearchPrev => {
                if self.search_q.is_none() {
                    self.note = Some("no search: / starts one".into());
                    return;
                }
                let len = self.visible_len();
                let cur = self.selected_pos().unwrap_or(0);
                let found = if a == Action::SearchNext {
                    self.find_match((cur + 1) % len.max(1), true)
                } else {
                    self.find_match((cur + len.max(1) - 1) % len.max(1), false)
                };
                if !found {
                    self.note = Some(format!("search: no match for {}", self.search));
                }
            }
            Action::HistoryPrev => self.history_step(true),
            Action::HistoryNext => self.history_step(false),
            Action::ToggleExecTree => {
                self.view_mode = View::Procs;
                self.exec_tree = !self.exec_tree;
            }
            Action::ToggleDuration => {
                self.show_duration = !self.show_duration;
                self.note = Some(
                    if self.show_duration {
                        "duration column shown"
                    } else {
                        "duration column hidden"
                    }
                    .into(),
                );
            }
            Action::FilterChar(c) => {
                self.history_pos = None;
                self.prompt_text().0.push(c);
                self.prompt_changed();
            }
            Action::FilterBackspace => {
                self.history_pos = None;
                self.prompt_text().0.pop();
                self.prompt_changed();
            }
            Action::FilterAccept => {
                if self.search_editing {
                    if self.search_err.is_none() {
                        self.search_editing = false;
                        let t = self.search.clone();
                        Self::remember(&mut self.search_history, &t);
                    }
                } else if self.filter_err.is_none() {
                    self.filter_editing = false;
                    let t = self.filter.clone();
                    Self::remember(&mut self.filter_history, &t);
                }
            }
            Action::FilterCancel => {
                if self.search_editing {
                    self.search_editing = false;
                    self.search = std::mem::take(&mut self.search_before);
                    self.search_q = Query::parse(&self.search).ok().filter(|q| !q.is_empty());
                    self.search_err = None;
                    let (sel, follow) = self.search_origin;
                    self.follow = follow;
                    if let Some(s) = sel {
                        self.selected = s;
                    }
                } else {
                    self.filter_editing = false;
                    self.filter = std::mem::take(&mut self.filter_before);
                    self.apply_filter_text();
                }
            }
            Action::ToggleClass(c) => {
                self.hidden[c.index()] = !self.hidden[c.index()];
                self.refilter();
            }
            Action::ToggleFailed => {
                self.failed_only = !self.failed_only;
                self.refilter();
                if self.failed_only && self.stats.results == 0 && self.stats.denied == 0 {
                    self.note = Some("no results known: nothing has failed yet".into());
                }
            }
            Action::ClearFilters if self.search_editing => {
                self.search.clear();
                self.apply_search_text();
            }
            Action::ClearFilters => {
                self.hidden = [false; 6];
                self.failed_only = false;
                self.filter.clear();
                self.apply_filter_text();
            }
            Action::Allow => self.answer_target(Verdict::Allow),
            Action::Deny => self.answer_target(Verdict::Deny(libc::EPERM)),
            Action::AllowAll => {
                let n = self.held.len();
                for _ in 0..n {
                    self.answer(0, Verdict::Allow);
                }
                if n > 0 {
                    self.note = Some(format!("allowed {n} held calls"));
                }
            }
            Action::HoldAdd | Action::HoldRemove => {
                let Some(name) = self.selected_row().map(|r| r.ev.name.to_string()) else {
                    return;
                };
                if let Ok(mut set) = self.hold_set.write() {
                    if a == Action::HoldAdd {
                        set.insert(name.clone());
                        self.note = Some(format!("holding {name}: its calls now wait for a/d"));
                    } else {
                        set.remove(&name);
                        self.note = Some(format!("no longer holding {name}"));
                    }
                }
            }
            Action::TogglePause => {
                self.frozen_end = match self.frozen_end {
                    Some(_) => None,
                    None => Some(self.base + self.rows.len() as u64),
                };
                if self.follow {
                    self.selected = self.visible_len().saturating_sub(1);
                }
            }
            Action::DetailScroll(d) => {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(d);
            }
            Action::ToggleOutput => self.show_output = !self.show_output,
            Action::InputStart => {
                if self.has_pty {
                    self.input_mode = true;
                    self.pending_esc = false;
                    if self.view_mode == View::List {
                        self.show_output = true;
                    } else {
                        self.view_mode = View::Output;
                    }
                }
            }
            Action::InputBytes(b) => self.pty_out.extend(b),
            Action::InputLeave => {
                self.input_mode = false;
                self.pending_esc = false;
            }
        }
    }

    fn page(&self) -> usize {
        self.list_height.get().max(2) - 1
    }

    fn move_by(&mut self, d: isize) {
        if self.view_mode == View::Stats {
            self.stats_scroll = self
                .stats_scroll
                .saturating_add_signed(d)
                .min(self.stats.per_name.len().saturating_sub(1));
            return;
        }
        if self.view_mode == View::Procs {
            self.procs_sel = self
                .procs_sel
                .saturating_add_signed(d)
                .min(self.procs.len().saturating_sub(1));
            return;
        }
        let len = self.visible_len();
        if len == 0 {
            return;
        }
        let cur = self.selected_pos().unwrap_or(0);
        self.detail_scroll = 0;
        let new = cur.saturating_add_signed(d).min(len - 1);
        self.selected = new;
        // Moving up stops following; reaching the end follows again.
        self.follow = new == len - 1 && d > 0 || (self.follow && d >= 0);
    }

    /// The process selected in the Procs view.
    pub fn selected_proc(&self) -> Option<i32> {
        let order = self.procs_order();
        order
            .get(self.procs_sel.min(order.len().saturating_sub(1)))
            .map(|(_, pid)| *pid)
    }

    /// Enter in the Procs view: the event list, filtered to the selected
    /// process's calls; Esc comes back.
    fn jump_to_calls(&mut self) {
        let Some(pid) = self.selected_proc() else {
            return;
        };
        if self.jump_back.is_none() {
            self.jump_back = Some((self.filter.clone(), self.procs_sel));
        }
        self.set_filter(&format!("pid:{pid}"));
        self.view_mode = View::List;
        self.follow = true;
        self.selected = self.visible_len().saturating_sub(1);
        self.note = Some(format!("calls of {pid} · Esc goes back to the processes"));
    }

    fn jump_back_to_procs(&mut self) {
        if let Some((filter, sel)) = self.jump_back.take() {
            self.set_filter(&filter);
            self.procs_sel = sel;
            self.view_mode = View::Procs;
            self.note = None;
        }
    }

    fn answer_target(&mut self, v: Verdict) {
        match self.hold_target() {
            Some(i) => self.answer(i, v),
            None => self.note = Some("no held call".into()),
        }
    }

    /// Answers held call `i` and marks its row.
    fn answer(&mut self, i: usize, v: Verdict) {
        let Some(h) = self.held.remove(i) else { return };
        let name = h.event.name.to_string();
        h.reply.answer(v);
        let kept = h.abs.checked_sub(self.base).map(|i| i as usize);
        let mut known = None;
        if let Some(row) = kept.and_then(|i| self.rows.get_mut(i)) {
            match v {
                Verdict::Allow => row.hold = HoldMark::Allowed,
                Verdict::Deny(errno) => {
                    row.hold = HoldMark::Denied;
                    row.ev.action = CallAction::Denied {
                        errno,
                        rule: "held: denied by user".into(),
                    };
                    // Without results nothing else will say what the call
                    // got; with them its Message::Result follows.
                    if row.ev.result == Outcome::NotCollected {
                        row.ev.result = Outcome::Returned(-(errno as i64));
                        known = Some(row.ev.result);
                    }
                }
            }
        } else if let (Verdict::Deny(errno), Outcome::NotCollected) = (v, h.event.result) {
            known = Some(Outcome::Returned(-(errno as i64)));
        }
        if let Some(r) = known {
            count_result(&mut self.stats, &name, r, None);
        }
        if let Verdict::Deny(_) = v {
            self.stats.denied += 1;
            self.reconsider(h.abs);
        }
        self.note = Some(match v {
            Verdict::Allow => format!("allowed {name}"),
            Verdict::Deny(e) => format!("denied {name} with {}", crate::errno::name(e)),
        });
    }

    /// Feeds command output.
    pub fn feed_output(&mut self, data: &[u8]) {
        self.output.feed(data);
    }
}

/// Counts a call's result once it is known (not while pending).
fn count_result(s: &mut Stats, name: &str, r: Outcome, duration_ns: Option<u64>) {
    if matches!(r, Outcome::NotCollected | Outcome::Pending) {
        return;
    }
    s.results += 1;
    if let Some(d) = duration_ns {
        *s.time_per_name.entry(name.to_string()).or_default() += d;
    }
    if let Some(e) = r.errno() {
        s.errors += 1;
        *s.errors_per_name.entry(name.to_string()).or_default() += 1;
        *s.per_error.entry((name.to_string(), e)).or_default() += 1;
    }
}

/// The errno the call failed with, as far as it is known: its result, or
/// a denial when results are not collected.
pub fn failed_errno(ev: &Event) -> Option<i32> {
    match (ev.result, &ev.action) {
        (Outcome::NotCollected, CallAction::Denied { errno, .. }) => Some(*errno),
        (r, _) => r.errno(),
    }
}

/// Whether the call is known to have failed.
pub fn failed(ev: &Event) -> bool {
    failed_errno(ev).is_some()
}

/// strace's text after ` = ` (`3`, `-1 ENOENT (No such file or
/// directory)`, `?`), or `None` while nothing is known.
pub fn result_text(ev: &Event) -> Option<String> {
    match (ev.result, &ev.action) {
        (Outcome::NotCollected, CallAction::Denied { errno, .. }) => {
            Some(crate::errno::strace_result(*errno))
        }
        (r, _) => crate::output::ret::text(&ev.name, ev.arch, &ev.args, r),
    }
}

/// The result as a list row ends: [`result_text`] with a failure's
/// message left out (`-1 ENOENT`), to leave room for the arguments.
pub fn short_result(ev: &Event) -> Option<String> {
    match failed_errno(ev) {
        Some(e) => {
            let lead = if crate::errno::is_restart(e) {
                "?"
            } else {
                "-1"
            };
            Some(format!("{lead} {}", crate::errno::name(e)))
        }
        None => result_text(ev),
    }
}

fn bump(map: &mut HashMap<String, u64>, key: String, lumped: &mut u64) {
    if let Some(n) = map.get_mut(&key) {
        *n += 1;
    } else if map.len() < MAX_KEYS {
        map.insert(key, 1);
    } else {
        *lumped += 1;
    }
}

/// `1.2.3.4:80`, `[::1]:443`, `/run/x.sock` from a decoded sockaddr, when
/// its value has such fields; else its text.
pub fn sockaddr_label(a: &crate::event::DecodedArg) -> String {
    use serde_json::Value;
    match &a.value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => {
            let s = |k: &str| o.get(k).and_then(Value::as_str);
            let port = o.get("port").and_then(Value::as_u64);
            if let Some(path) = s("path") {
                path.to_string()
            } else if let Some(addr) = s("addr").or(s("address")).or(s("ip")) {
                match port {
                    Some(p) if addr.contains(':') => format!("[{addr}]:{p}"),
                    Some(p) => format!("{addr}:{p}"),
                    None => addr.to_string(),
                }
            } else {
                a.text.clone()
            }
        }
        _ => a.text.clone(),
    }
}

/// argv's value (a JSON list of strings) joined by spaces; else its text.
pub fn argv_text(a: &crate::event::DecodedArg) -> String {
    match &a.value {
        Some(serde_json::Value::Array(v)) => v
            .iter()
            .map(|x| match x {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => a.text.clone(),
    }
}

/// The decoded arguments joined as in strace (arguments strace leaves out,
/// such as openat's mode without O_CREAT, have empty text and are skipped).
pub fn args_text(ev: &Event) -> String {
    crate::decode::render_args(&ev.decoded)
}

/// Whether the query text (see [`super::query`]) matches the call; text
/// that does not parse matches nothing.
pub fn matches_text(ev: &Event, filter: &str) -> bool {
    Query::parse(filter).is_ok_and(|q| q.matches(ev))
}

/// argv of the last exec that did not fail.
fn last_cmdline(p: &Proc) -> Option<String> {
    p.execs
        .iter()
        .rev()
        .find(|x| x.errno().is_none())
        .map(|x| x.argv.clone())
}

/// The parent pid from `/proc/PID/stat`, if the process still exists.
fn read_ppid(pid: i32) -> Option<i32> {
    let s = crate::procfs::read_lossy(format!("/proc/{pid}/stat")).ok()?;
    // comm may contain spaces and parentheses: fields resume after the last ')'.
    let rest = &s[s.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ppid_of_self() {
        let me = std::process::id() as i32;
        assert_eq!(
            read_ppid(me),
            Some(std::os::unix::process::parent_id() as i32)
        );
    }

    #[test]
    fn case_insensitive_contains() {
        use super::super::query::contains_ci;
        assert!(contains_ci("/etc/HOSTNAME", "hostname"));
        assert!(!contains_ci("abc", "abcd"));
    }
}
