//! The `-c` summary: per syscall, strace's `% time, seconds, usecs/call,
//! calls, errors` when return values are collected (time is from the
//! notification to the kernel's exit record: wall time in the call, as
//! strace's `-w` gives), calls and denied calls only when they are not.

use crate::event::{Action, Event, Outcome, Resumed};
use std::collections::HashMap;
use std::fmt::Write;

#[derive(Debug, Default, Clone, Copy)]
struct Row {
    calls: u64,
    errors: u64,
    denied: u64,
    ns: u64,
}

/// Counts per syscall name and per deny rule.
#[derive(Debug, Default)]
pub struct Summary {
    results: bool,
    calls: HashMap<String, Row>,
    rules: HashMap<String, u64>,
    /// Calls whose result is still to come: seq → row key.
    waiting: HashMap<u64, String>,
    unavailable: u64,
}

fn key(e_name: &str, arch: crate::event::Arch) -> String {
    if arch == crate::event::Arch::native() {
        e_name.to_string()
    } else {
        format!("{e_name} [{}]", arch.name())
    }
}

impl Summary {
    /// A summary; `results`: whether return values are collected.
    pub fn new(results: bool) -> Self {
        Summary {
            results,
            ..Summary::default()
        }
    }

    /// Counts one call (once its result is known: as in strace, a call
    /// that never returned, exit_group's included, is not in the table).
    pub fn add(&mut self, e: &Event) {
        let key = key(&e.name, e.arch);
        if let Action::Denied { rule, .. } = &e.action {
            *self.rules.entry(rule.clone()).or_default() += 1;
        }
        let denied = matches!(e.action, Action::Denied { .. });
        if e.result == Outcome::Pending {
            self.waiting.insert(e.seq, key);
        } else {
            self.count(key, denied, e.result, e.duration_ns);
        }
    }

    /// The result of a call counted earlier.
    pub fn resume(&mut self, r: &Resumed) {
        if let Some(key) = self.waiting.remove(&r.seq) {
            self.count(key, false, r.result, r.duration_ns);
        }
    }

    fn count(&mut self, key: String, denied: bool, r: Outcome, ns: Option<u64>) {
        if r == Outcome::NoReturn {
            return;
        }
        if r == Outcome::Unavailable {
            self.unavailable += 1;
        }
        let c = self.calls.entry(key).or_default();
        c.calls += 1;
        c.denied += denied as u64;
        if r.errno().is_some() {
            c.errors += 1;
        }
        c.ns += ns.unwrap_or(0);
    }

    /// Total calls counted.
    pub fn total(&self) -> u64 {
        self.calls.values().map(|c| c.calls).sum()
    }

    /// The table, strace's `-c` layout with the columns notrace can fill.
    pub fn render(&self, out: &mut String) {
        if self.results {
            self.render_timed(out);
        } else {
            self.render_counts(out);
        }
        if !self.rules.is_empty() {
            let mut rules: Vec<_> = self.rules.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let _ = writeln!(out, "\n     denied rule");
            for (r, n) in rules {
                let _ = writeln!(out, "{n:>11} {r}");
            }
        }
        if self.unavailable > 0 {
            let _ = writeln!(
                out,
                "\n{} calls have no result: the kernel lost their exit records",
                self.unavailable
            );
        }
    }

    fn render_timed(&self, out: &mut String) {
        let mut rows: Vec<(&String, &Row)> = self.calls.iter().collect();
        // strace's default order: time, then calls, then name.
        rows.sort_by(|a, b| {
            b.1.ns
                .cmp(&a.1.ns)
                .then(b.1.calls.cmp(&a.1.calls))
                .then(a.0.cmp(b.0))
        });
        let total_ns: u64 = rows.iter().map(|r| r.1.ns).sum();
        let rule = "------ ----------- ----------- --------- --------- ----------------";
        let _ = writeln!(
            out,
            "% time     seconds  usecs/call     calls    errors syscall"
        );
        let _ = writeln!(out, "{rule}");
        let line = |out: &mut String, name: &str, r: &Row| {
            let pct = if total_ns > 0 {
                r.ns as f64 * 100.0 / total_ns as f64
            } else {
                0.0
            };
            let per = (r.ns / 1000).checked_div(r.calls).unwrap_or(0);
            let errors = if r.errors > 0 {
                r.errors.to_string()
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "{pct:6.2} {:11.6} {per:11} {:9} {errors:>9} {name}",
                r.ns as f64 / 1e9,
                r.calls
            );
        };
        for (name, r) in &rows {
            line(out, name, r);
        }
        let _ = writeln!(out, "{rule}");
        let mut total = Row::default();
        for (_, r) in &rows {
            total.calls += r.calls;
            total.errors += r.errors;
            total.ns += r.ns;
        }
        let mut t = String::new();
        line(&mut t, "total", &total);
        // strace prints 100.00 for the total even when nothing was timed.
        out.push_str(&format!("100.00{}", &t[6..]));
    }

    fn render_counts(&self, out: &mut String) {
        let total = self.total();
        let mut rows: Vec<(&String, &Row)> = self.calls.iter().collect();
        rows.sort_by(|a, b| b.1.calls.cmp(&a.1.calls).then(a.0.cmp(b.0)));
        let denied: u64 = rows.iter().map(|r| r.1.denied).sum();
        let rule = "------ ----------- ----------- ----------------";
        let _ = writeln!(out, "% calls       calls      denied syscall");
        let _ = writeln!(out, "{rule}");
        for (name, r) in &rows {
            let pct = if total > 0 {
                r.calls as f64 * 100.0 / total as f64
            } else {
                0.0
            };
            let den = if r.denied > 0 {
                r.denied.to_string()
            } else {
                String::new()
            };
            let _ = writeln!(out, "{pct:6.2} {:>11} {den:>11} {name}", r.calls);
        }
        let _ = writeln!(out, "{rule}");
        let den = if denied > 0 {
            denied.to_string()
        } else {
            String::new()
        };
        let _ = writeln!(out, "100.00 {total:>11} {den:>11} total");
    }
}
