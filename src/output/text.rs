//! strace-like text lines: `[pid N] 10:41:24.123456 name(args) = 3`, and
//! `+++ exited with N +++` at the end of a process.
//!
//! A call whose result is not known yet when its event arrives is written
//! up to its arguments and finished by its result; when another line must
//! come first, it is closed with ` <unfinished ...>` and its result comes
//! later as `<... NAME resumed>) = 3`, strace's convention. With a status
//! filter (`-z`, `-Z`, `-e status=`) such a call waits, and is written
//! whole (or not at all) once its result is known.

use crate::event::{Event, ExitKind, Message, Outcome, Resumed, Status};
use crate::idmap::IdMap;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Where a line says which thread it is about, as strace decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PidPrefix {
    /// `[pid N] ` while more than one thread is traced (strace's rule for
    /// stderr).
    #[default]
    WhileMany,
    /// `N     ` (`%-5d `) on every line: strace's `-f -o FILE`.
    Column,
    /// `[pid N] ` on every line (`--always-show-pid`).
    Always,
    /// Never (`-ff`: one file per process).
    Never,
}

/// How lines are written.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    /// 0 none, 1 `-t`, 2 `-tt`, 3 `-ttt`.
    pub timestamps: u8,
    /// `-r`: the time since the previous line.
    pub relative: bool,
    /// `-T`: the time spent in each call.
    pub durations: bool,
    /// Only calls with these outcomes (`-z`, `-Z`, `-e status=`).
    pub status: Option<HashSet<Status>>,
    /// How the thread is named on each line.
    pub pids: PidPrefix,
    /// `-Y`: the thread's command name after its pid.
    pub pid_comm: bool,
    /// `-n`: the syscall number.
    pub syscall_number: bool,
    /// `-i`: the instruction pointer.
    pub ip: bool,
    /// `-qq`, `-e quiet=exit`: no `+++ exited` lines.
    pub quiet_exit: bool,
    /// The command's pid, once started (0 before): it counts as a live
    /// process from its start to its end, whether its calls are traced or
    /// not, as it does for strace.
    pub root: std::sync::Arc<std::sync::atomic::AtomicI32>,
}

/// Formats messages as strace does, remembering which threads are alive
/// (strace adds `[pid N]` while there is more than one).
pub struct TextFormatter {
    opts: TextOptions,
    /// Live threads: tid → (pid, comm).
    tids: IdMap<i32, (i32, String)>,
    /// Live threads per process.
    pids: IdMap<i32, usize>,
    /// The command has ended.
    root_gone: bool,
    /// Time of the last line's prefix (`-r`).
    last_ns: Option<u64>,
    /// The call written without its end: (seq, tid).
    open: Option<(u64, i32)>,
    /// Calls waiting for their result before the status filter can judge
    /// them.
    waiting: HashMap<u64, Event>,
}

impl TextFormatter {
    /// `timestamps`: 0 none, 1 `-t`, 2 `-tt`, 3 `-ttt`.
    pub fn new(timestamps: u8) -> Self {
        Self::with_options(TextOptions {
            timestamps,
            ..TextOptions::default()
        })
    }

    /// A formatter with every option.
    pub fn with_options(opts: TextOptions) -> Self {
        TextFormatter {
            opts,
            tids: IdMap::default(),
            pids: IdMap::default(),
            root_gone: false,
            last_ns: None,
            open: None,
            waiting: HashMap::new(),
        }
    }

    fn keeps(&self, r: Outcome) -> bool {
        match (&self.opts.status, r.status()) {
            (None, _) => true,
            (Some(set), Some(st)) => set.contains(&st),
            (Some(_), None) => false,
        }
    }

    /// Ends a line left open for its result.
    fn close_open(&mut self, out: &mut String) {
        if self.open.take().is_some() {
            out.push_str(" <unfinished ...>\n");
        }
    }

    /// Everything is over: a line still open stays unfinished.
    pub fn finish(&mut self, out: &mut String) {
        self.close_open(out);
        let mut left: Vec<Event> = self.waiting.drain().map(|(_, e)| e).collect();
        left.sort_by_key(|e| e.seq);
        for mut e in left {
            e.result = Outcome::NoReturn;
            self.event(&e, out);
        }
    }

    fn note(&mut self, tid: i32, pid: i32, comm: &str) {
        match self.tids.get_mut(&tid) {
            Some(t) if t.0 == pid && t.1 == comm => {}
            Some(t) => {
                t.1 = comm.to_string();
                if t.0 != pid {
                    // A non-leader's execve: the thread is the leader now.
                    let old = std::mem::replace(&mut t.0, pid);
                    self.forget_pid(old);
                    *self.pids.entry(pid).or_default() += 1;
                }
            }
            None => {
                if self.tids.len() > 65536 {
                    // Threads that end by `exit` are not announced.
                    self.tids.clear();
                    self.pids.clear();
                }
                self.tids.insert(tid, (pid, comm.to_string()));
                *self.pids.entry(pid).or_default() += 1;
            }
        }
    }

    fn forget_pid(&mut self, pid: i32) {
        if let Some(n) = self.pids.get_mut(&pid) {
            *n -= 1;
            if *n == 0 {
                self.pids.remove(&pid);
            }
        }
    }

    /// A thread (or a whole process) is gone: it no longer counts.
    fn gone(&mut self, tid: i32, process: bool) {
        if process {
            self.tids.retain(|t, (pid, _)| *t != tid && *pid != tid);
            self.pids.remove(&tid);
            if tid == self.root() {
                self.root_gone = true;
            }
        } else if let Some((pid, _)) = self.tids.remove(&tid) {
            self.forget_pid(pid);
        }
    }

    fn root(&self) -> i32 {
        self.opts.root.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether more than one thread is traced now: those seen and not
    /// gone, and the command itself while it runs.
    fn many(&self) -> bool {
        let root = self.root();
        let unseen_root = root > 0 && !self.root_gone && !self.pids.contains_key(&root);
        self.tids.len() + usize::from(unseen_root) > 1
    }

    /// `[pid N] `, the timestamps, `-n`'s number and `-i`'s pointer
    /// (`None`: not known for this line, where strace prints `?`s).
    fn prefix(
        &mut self,
        out: &mut String,
        tid: i32,
        time_ns: u64,
        nr: Option<u32>,
        ip: Option<u64>,
    ) {
        let comm = self
            .opts
            .pid_comm
            .then(|| self.tids.get(&tid).map(|t| t.1.as_str()))
            .flatten()
            .filter(|c| !c.is_empty());
        // Written straight into the line: this runs for every line, most
        // of which have no prefix at all.
        let bracketed = match self.opts.pids {
            PidPrefix::Column => {
                let _ = match comm {
                    None => write!(out, "{tid:<5} "),
                    Some(c) => write!(out, "{:<5} ", format!("{tid}<{c}>")),
                };
                false
            }
            PidPrefix::Always => true,
            PidPrefix::WhileMany => self.many(),
            PidPrefix::Never => false,
        };
        if bracketed {
            let _ = match comm {
                None => write!(out, "[pid {tid:>5}] "),
                Some(c) => write!(out, "[pid {:>5}] ", format!("{tid}<{c}>")),
            };
        }
        timestamp(out, self.opts.timestamps, time_ns);
        if self.opts.relative {
            let since = time_ns.saturating_sub(self.last_ns.unwrap_or(time_ns));
            self.last_ns = Some(time_ns);
            let rel = format!(
                "{:6}.{:06}",
                since / 1_000_000_000,
                since / 1000 % 1_000_000
            );
            if self.opts.timestamps > 0 {
                // strace's `-t -r`: `10:41:24 (+     0.000012) `.
                out.pop();
                let _ = write!(out, " (+{rel}) ");
            } else {
                let _ = write!(out, "{rel} ");
            }
        }
        if self.opts.syscall_number {
            match nr {
                Some(nr) => {
                    let _ = write!(out, "[{nr:4}] ");
                }
                None => out.push_str("[????] "),
            }
        }
        if self.opts.ip {
            match ip {
                Some(ip) => {
                    let _ = write!(out, "[{ip:016x}] ");
                }
                None => out.push_str("[????????????????] "),
            }
        }
    }

    /// Appends the line(s) for `msg` to `out`, newline included.
    pub fn format(&mut self, msg: &Message, out: &mut String) {
        match msg {
            Message::Event(e) => self.event(e, out),
            Message::Batch(events) => {
                for e in events {
                    self.event(e, out);
                }
            }
            Message::Held(h) => self.event(&h.event, out),
            Message::Result(r) => self.resumed(r, out),
            Message::Exit(x) => {
                if self.opts.quiet_exit {
                    self.gone(x.pid, true);
                    return;
                }
                self.close_open(out);
                // strace's -n shows exit_group's number on the line of a
                // process that called it.
                let nr = match x.how {
                    ExitKind::Exited(_) => {
                        crate::tables::by_name(crate::event::Arch::native(), "exit_group")
                            .map(|d| d.nr)
                    }
                    ExitKind::Signaled { .. } => None,
                };
                // A process seen only at its end still counts on its line.
                if !self.tids.contains_key(&x.pid) {
                    self.note(x.pid, x.pid, "");
                }
                self.prefix(out, x.pid, x.time_ns, nr, None);
                self.gone(x.pid, true);
                match x.how {
                    ExitKind::Exited(c) => {
                        let _ = writeln!(out, "+++ exited with {c} +++");
                    }
                    ExitKind::Signaled { signal, core } => {
                        let _ = writeln!(
                            out,
                            "+++ killed by {}{} +++",
                            crate::decode::signal_name(signal),
                            if core { " (core dumped)" } else { "" }
                        );
                    }
                }
            }
        }
    }

    fn event(&mut self, e: &Event, out: &mut String) {
        if e.result == Outcome::Pending && self.opts.status.is_some() {
            self.waiting.insert(e.seq, e.clone());
            return;
        }
        if !self.keeps(e.result) {
            return;
        }
        self.close_open(out);
        self.note(e.tid, e.pid, &e.comm);
        self.prefix(out, e.tid, e.time_ns, Some(e.nr), Some(e.ip));
        push_call_open(out, e);
        if e.name == "exit" {
            // The thread ends here (strace counts it gone).
            self.gone(e.tid, false);
        }
        if e.result == Outcome::Pending {
            self.open = Some((e.seq, e.tid));
            return;
        }
        self.end(out, e, e.result, e.duration_ns);
    }

    /// `)`, the ABI note, ` = result`, newline.
    fn end(&self, out: &mut String, e: &Event, r: Outcome, duration_ns: Option<u64>) {
        out.push(')');
        arch_note(out, e.arch);
        let durations = self.opts.durations;
        let path = e.ret_path.as_deref();
        let end = super::ret::Ending {
            name: &e.name,
            args: &e.args,
            result: r,
            duration_ns,
            ret_path: path,
        };
        end.write(out, durations);
        if let crate::event::Action::Denied { rule, .. } = &e.action {
            if rule.starts_with("inject=") || rule.starts_with("fault=") {
                // strace marks the calls it failed on purpose.
                out.push_str(" (INJECTED)");
            }
        }
        out.push('\n');
    }

    fn resumed(&mut self, r: &Resumed, out: &mut String) {
        if let Some(mut e) = self.waiting.remove(&r.seq) {
            e.result = r.result;
            e.duration_ns = r.duration_ns;
            e.ret_path = r.ret_path.clone();
            return self.event(&e, out);
        }
        if !self.keeps(r.result) {
            return;
        }
        // The line is still open only when nothing came between.
        let args = r.args;
        if self.open.is_some_and(|(seq, _)| seq == r.seq) {
            self.open = None;
        } else {
            self.close_open(out);
            let nr = Some(r.nr);
            self.prefix(out, r.tid, r.time_ns, nr, None);
            let _ = write!(out, "<... {} resumed>", r.name);
        }
        out.push(')');
        arch_note(out, r.arch);
        let durations = self.opts.durations;
        let end = super::ret::Ending {
            name: &r.name,
            args: &args,
            result: r.result,
            duration_ns: r.duration_ns,
            ret_path: r.ret_path.as_deref(),
        };
        end.write(out, durations);
        out.push('\n');
    }
}

fn arch_note(out: &mut String, arch: crate::event::Arch) {
    if arch != crate::event::Arch::native() {
        let _ = write!(out, " [{}]", arch.name());
    }
}

/// Appends `name(arg, arg, ...`, a call's line up to its closing
/// parenthesis (the arguments as `crate::decode::render_args` joins them,
/// without its allocations).
fn push_call_open(out: &mut String, e: &Event) {
    out.push_str(&e.name);
    out.push('(');
    let mut first = true;
    for a in e.decoded.iter().filter(|a| !a.text.is_empty()) {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&a.text);
    }
}

/// `name(arg, arg, ...)`, with a `[i386]`-style note for other ABIs as
/// strace does when the personality changes.
pub fn call_text(e: &Event) -> String {
    let mut s = String::with_capacity(64);
    push_call_text(&mut s, e);
    s
}

/// Appends [`call_text`] to `out` (the JSONL writer's reused buffer).
pub(crate) fn push_call_text(out: &mut String, e: &Event) {
    push_call_open(out, e);
    out.push(')');
    arch_note(out, e.arch);
}

fn timestamp(out: &mut String, mode: u8, ns: u64) {
    let secs = (ns / 1_000_000_000) as i64;
    let micros = (ns / 1000 % 1_000_000) as u32;
    match mode {
        0 => {}
        3 => {
            let _ = write!(out, "{secs}.{micros:06} ");
        }
        m => {
            let (h, mi, s) = crate::sys::local_hms(secs);
            let _ = write!(out, "{h:02}:{mi:02}:{s:02}");
            if m == 2 {
                let _ = write!(out, ".{micros:06}");
            }
            out.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Action, Arch, DecodedArg, ProcessExit};
    use std::borrow::Cow;

    fn ev(tid: i32, name: &'static str, args: &[&str]) -> Event {
        Event {
            seq: 1,
            time_ns: 1_700_000_000_123_456_789,
            pid: tid,
            tid,
            comm: "x".into(),
            arch: Arch::X86_64,
            name: Cow::Borrowed(name),
            nr: 0,
            args: [0; 6],
            result: Outcome::NotCollected,
            duration_ns: None,
            ret_path: None,
            ip: 0,
            decoded: args
                .iter()
                .map(|t| DecodedArg {
                    name: Cow::Borrowed("a"),
                    kind: Cow::Borrowed("int"),
                    raw: 0,
                    text: t.to_string(),
                    value: None,
                })
                .collect(),
            action: Action::Allowed,
        }
    }

    #[test]
    fn lines_like_strace() {
        let mut f = TextFormatter::new(0);
        let mut s = String::new();
        f.format(&Message::Event(ev(10, "close", &["3"])), &mut s);
        assert_eq!(s, "close(3)\n");
        s.clear();
        f.format(&Message::Event(ev(11, "getppid", &[])), &mut s);
        assert_eq!(s, "[pid    11] getppid()\n");
        s.clear();
        let mut d = ev(11, "openat", &["AT_FDCWD", "\"/etc/shadow\"", "O_RDONLY"]);
        d.action = crate::event::Action::Denied {
            errno: 13,
            rule: "openat path=/etc/shadow".into(),
        };
        d.result = Outcome::Returned(-13);
        f.format(&Message::Event(d), &mut s);
        assert_eq!(
            s,
            "[pid    11] openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES (Permission denied)\n"
        );
        s.clear();
        f.format(
            &Message::Exit(ProcessExit {
                pid: 10,
                time_ns: 0,
                how: ExitKind::Signaled {
                    signal: 9,
                    core: false,
                },
            }),
            &mut s,
        );
        assert_eq!(s, "[pid    10] +++ killed by SIGKILL +++\n");
    }

    fn resumed(tid: i32, name: &'static str, ret: i64) -> Message {
        Message::Result(Resumed {
            seq: 1,
            pid: tid,
            tid,
            name: Cow::Borrowed(name),
            arch: Arch::X86_64,
            nr: crate::tables::by_name(Arch::X86_64, name).map_or(0, |d| d.nr),
            args: [0; 6],
            time_ns: 0,
            result: Outcome::Returned(ret),
            duration_ns: Some(1_500_000),
            ret_path: None,
        })
    }

    #[test]
    fn results_end_lines_or_resume_them() {
        let mut f = TextFormatter::with_options(TextOptions {
            durations: true,
            ..TextOptions::default()
        });
        let mut s = String::new();
        let mut r = ev(10, "read", &["0", "0x1000", "10"]);
        r.result = Outcome::Pending;
        f.format(&Message::Event(r.clone()), &mut s);
        f.format(&resumed(10, "read", 4), &mut s);
        assert_eq!(s, "read(0, 0x1000, 10) = 4 <0.001500>\n");
        s.clear();
        f.format(&Message::Event(r), &mut s);
        let mut c = ev(11, "close", &["3"]);
        c.result = Outcome::Returned(-9);
        f.format(&Message::Event(c), &mut s);
        f.format(&resumed(10, "read", 0), &mut s);
        assert_eq!(
            s,
            "read(0, 0x1000, 10 <unfinished ...>\n\
             [pid    11] close(3) = -1 EBADF (Bad file descriptor)\n\
             [pid    10] <... read resumed>) = 0 <0.001500>\n"
        );
    }

    #[test]
    fn a_resumed_sub_call_keeps_its_multiplexers_number() {
        let mut f = TextFormatter::with_options(TextOptions {
            syscall_number: true,
            ..TextOptions::default()
        });
        let mut s = String::new();
        let mut c = ev(10, "connect", &["3"]);
        (c.arch, c.nr, c.result) = (Arch::I386, 102, Outcome::Pending);
        f.format(&Message::Event(c), &mut s);
        f.format(&Message::Event(ev(11, "close", &["3"])), &mut s);
        let Message::Result(mut r) = resumed(10, "connect", 0) else {
            unreachable!()
        };
        // i386's own connect is 362: the line says what was called, 102.
        (r.arch, r.nr) = (Arch::I386, 102);
        f.format(&Message::Result(r), &mut s);
        assert!(
            s.ends_with("[pid    10] [ 102] <... connect resumed>) [i386] = 0\n"),
            "{s}"
        );
    }

    #[test]
    fn a_status_filter_waits_for_the_result() {
        let mut f = TextFormatter::with_options(TextOptions {
            status: Some([Status::Failed].into_iter().collect()),
            ..TextOptions::default()
        });
        let mut s = String::new();
        let mut r = ev(10, "read", &["0", "0x1000", "10"]);
        r.result = Outcome::Pending;
        f.format(&Message::Event(r.clone()), &mut s);
        assert_eq!(s, "");
        f.format(&resumed(10, "read", 4), &mut s);
        assert_eq!(s, "");
        f.format(&Message::Event(r), &mut s);
        f.format(&resumed(10, "read", -11), &mut s);
        assert_eq!(
            s,
            "read(0, 0x1000, 10) = -1 EAGAIN (Resource temporarily unavailable)\n"
        );
    }

    #[test]
    fn pids_while_more_than_one_process_lives_the_command_included() {
        let opts = TextOptions::default();
        opts.root.store(10, std::sync::atomic::Ordering::Relaxed);
        let mut f = TextFormatter::with_options(opts);
        let exit = |pid| {
            Message::Exit(ProcessExit {
                pid,
                time_ns: 0,
                how: ExitKind::Exited(0),
            })
        };
        let mut s = String::new();
        f.format(&Message::Event(ev(10, "close", &["3"])), &mut s);
        // A child whose first line is its end, while the command lives.
        f.format(&exit(11), &mut s);
        // The command's calls untraced: a child still gets the prefix.
        f.format(&Message::Event(ev(12, "getppid", &[])), &mut s);
        f.format(&exit(12), &mut s);
        f.format(&Message::Event(ev(10, "close", &["4"])), &mut s);
        f.format(&exit(10), &mut s);
        assert_eq!(
            s,
            "close(3)\n\
             [pid    11] +++ exited with 0 +++\n\
             [pid    12] getppid()\n\
             [pid    12] +++ exited with 0 +++\n\
             close(4)\n\
             +++ exited with 0 +++\n"
        );
    }

    #[test]
    fn timestamps() {
        let mut f = TextFormatter::new(3);
        let mut s = String::new();
        f.format(&Message::Event(ev(1, "getpid", &[])), &mut s);
        assert_eq!(s, "1700000000.123456 getpid()\n");
    }
}
