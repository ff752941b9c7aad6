//! The `-c` summary: calls per syscall, sorted by count. notrace sees entry
//! only, so there is no time or error column: only what it can count
//! honestly (calls, and calls it denied itself).

use crate::event::{Action, Event};
use std::collections::HashMap;
use std::fmt::Write;

/// Counts per syscall name and per deny rule.
#[derive(Debug, Default)]
pub struct Summary {
    calls: HashMap<String, (u64, u64)>,
    rules: HashMap<String, u64>,
}

impl Summary {
    /// Counts one call.
    pub fn add(&mut self, e: &Event) {
        let key = if e.arch == crate::event::Arch::native() {
            e.name.to_string()
        } else {
            format!("{} [{}]", e.name, e.arch.name())
        };
        let c = self.calls.entry(key).or_default();
        c.0 += 1;
        if let Action::Denied { rule, .. } = &e.action {
            c.1 += 1;
            *self.rules.entry(rule.clone()).or_default() += 1;
        }
    }

    /// Total calls counted.
    pub fn total(&self) -> u64 {
        self.calls.values().map(|c| c.0).sum()
    }

    /// The table, strace's `-c` layout with the columns notrace can fill.
    pub fn render(&self, out: &mut String) {
        let total = self.total();
        let mut rows: Vec<(&String, &(u64, u64))> = self.calls.iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let denied: u64 = rows.iter().map(|r| r.1 .1).sum();
        let rule = "------ ----------- ----------- ----------------";
        let _ = writeln!(out, "% calls       calls      denied syscall");
        let _ = writeln!(out, "{rule}");
        for (name, (calls, den)) in &rows {
            let pct = if total > 0 {
                *calls as f64 * 100.0 / total as f64
            } else {
                0.0
            };
            let den = if *den > 0 {
                den.to_string()
            } else {
                String::new()
            };
            let _ = writeln!(out, "{pct:6.2} {calls:>11} {den:>11} {name}");
        }
        let _ = writeln!(out, "{rule}");
        let den = if denied > 0 {
            denied.to_string()
        } else {
            String::new()
        };
        let _ = writeln!(out, "100.00 {total:>11} {den:>11} total");
        if !self.rules.is_empty() {
            let mut rules: Vec<_> = self.rules.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let _ = writeln!(out, "\n     denied rule");
            for (r, n) in rules {
                let _ = writeln!(out, "{n:>11} {r}");
            }
        }
    }
}
