//! The `-c` summary: per syscall, strace's `% time, seconds, usecs/call,
//! calls, errors` when return values are collected (time is from the
//! notification to the kernel's exit record: wall time in the call, as
//! strace's `-w` gives), calls and denied calls only when they are not.

use crate::event::{Action, Event, Outcome, Resumed};
use std::collections::HashMap;
use std::fmt::Write;

/// strace's `-S`: the summary's order.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Total time, longest first (the default).
    #[default]
    Time,
    /// Time per call, longest first.
    AvgTime,
    /// Calls, most first.
    Calls,
    /// Errors, most first.
    Errors,
    /// Name, A to Z.
    Name,
    /// Syscall number (strace's table order).
    Nothing,
}

impl SortBy {
    /// Parses `-S SORTBY` with strace's spellings.
    pub fn parse(s: &str) -> Result<SortBy, String> {
        Ok(match s {
            "time" | "time-total" | "total-time" | "time_total" | "total_time" => SortBy::Time,
            "avg-time" | "time-avg" | "avg_time" | "time_avg" => SortBy::AvgTime,
            "calls" | "count" => SortBy::Calls,
            "errors" | "error" => SortBy::Errors,
            "name" | "syscall" | "syscall-name" | "syscall_name" => SortBy::Name,
            "nothing" | "none" => SortBy::Nothing,
            "min-time" | "max-time" | "time-min" | "time-max" | "min_time" | "max_time" => {
                return Err(format!(
                    "-S {s}: notrace keeps total times per syscall, not each call's (time, avg-time, calls, errors, name, nothing)"
                ))
            }
            _ => {
                return Err(format!(
                    "-S {s}: unknown sort key (time, avg-time, calls, errors, name, nothing)"
                ))
            }
        })
    }
}

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
    sort: SortBy,
}

/// The native number of the syscall a row counts (`nothing` order).
fn number(key: &str) -> u32 {
    crate::tables::by_name(crate::event::Arch::native(), key)
        .map(|d| d.nr)
        .unwrap_or(u32::MAX)
}

/// Orders rows by `sort`; ties by time, calls, then name.
fn order(rows: &mut [(&String, &Row)], sort: SortBy) {
    rows.sort_by(|a, b| {
        let tie = || {
            b.1.ns
                .cmp(&a.1.ns)
                .then(b.1.calls.cmp(&a.1.calls))
                .then(a.0.cmp(b.0))
        };
        let avg = |r: &Row| r.ns.checked_div(r.calls).unwrap_or(0);
        match sort {
            SortBy::Time => tie(),
            SortBy::AvgTime => avg(b.1).cmp(&avg(a.1)).then_with(tie),
            SortBy::Calls => b.1.calls.cmp(&a.1.calls).then(a.0.cmp(b.0)),
            SortBy::Errors => b.1.errors.cmp(&a.1.errors).then_with(tie),
            SortBy::Name => a.0.cmp(b.0),
            SortBy::Nothing => number(a.0).cmp(&number(b.0)).then(a.0.cmp(b.0)),
        }
    });
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

    /// The same, in `-S` order.
    pub fn sorted(mut self, sort: SortBy) -> Self {
        self.sort = sort;
        self
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
        order(&mut rows, self.sort);
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
        // Without times, time order is call order.
        let sort = match self.sort {
            SortBy::Time | SortBy::AvgTime => SortBy::Calls,
            s => s,
        };
        order(&mut rows, sort);
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
