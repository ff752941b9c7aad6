//! strace-like text lines: `[pid N] 10:41:24.123456 name(args)`, and
//! `+++ exited with N +++` at the end of a process.

use crate::event::{Action, Event, ExitKind, Message};
use std::collections::HashSet;
use std::fmt::Write;

/// Formats messages as strace does, remembering whether more than one
/// thread has been seen (strace adds `[pid N]` only then).
pub struct TextFormatter {
    timestamps: u8,
    tids: HashSet<i32>,
    multi: bool,
}

impl TextFormatter {
    /// `timestamps`: 0 none, 1 `-t`, 2 `-tt`, 3 `-ttt`.
    pub fn new(timestamps: u8) -> Self {
        TextFormatter {
            timestamps,
            tids: HashSet::new(),
            multi: false,
        }
    }

    fn note(&mut self, tid: i32) {
        if !self.multi && self.tids.insert(tid) && self.tids.len() > 1 {
            self.multi = true;
            self.tids = HashSet::new();
        }
    }

    fn prefix(&self, out: &mut String, tid: i32, time_ns: u64) {
        if self.multi {
            let _ = write!(out, "[pid {tid:>5}] ");
        }
        timestamp(out, self.timestamps, time_ns);
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
            Message::Exit(x) => {
                self.note(x.pid);
                self.prefix(out, x.pid, x.time_ns);
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
        self.note(e.tid);
        self.prefix(out, e.tid, e.time_ns);
        out.push_str(&call_text(e));
        if let Action::Denied { errno, .. } = &e.action {
            let _ = write!(out, " = {}", crate::errno::strace_result(*errno));
        }
        out.push('\n');
    }
}

/// `name(arg, arg, ...)`, with a `[i386]`-style note for other ABIs as
/// strace does when the personality changes.
pub fn call_text(e: &Event) -> String {
    let mut s = String::with_capacity(64);
    s.push_str(&e.name);
    s.push('(');
    s.push_str(&crate::decode::render_args(&e.decoded));
    s.push(')');
    if e.arch != crate::event::Arch::native() {
        let _ = write!(s, " [{}]", e.arch.name());
    }
    s
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
    use crate::event::{Arch, DecodedArg, ProcessExit};
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
        d.action = Action::Denied {
            errno: 13,
            rule: "openat path=/etc/shadow".into(),
        };
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

    #[test]
    fn timestamps() {
        let mut f = TextFormatter::new(3);
        let mut s = String::new();
        f.format(&Message::Event(ev(1, "getpid", &[])), &mut s);
        assert_eq!(s, "1700000000.123456 getpid()\n");
    }
}
