//! The `s` (next sort column) and `r` (reverse) keys of the Stats and
//! Procs views: which column each view is sorted by, the order it gives,
//! and the words the view's title shows for it.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::{App, Proc, View};

/// What the calls-per-syscall chart of the Stats view is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatsSort {
    /// Most calls first.
    #[default]
    Calls,
    /// Most failed calls first.
    Errors,
    /// Most time spent in the call (sum of durations) first.
    Time,
    /// By syscall name, a to z.
    Name,
}

impl StatsSort {
    const ALL: [StatsSort; 4] = [Self::Calls, Self::Errors, Self::Time, Self::Name];

    /// The column's name, as the title shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Calls => "calls",
            Self::Errors => "errors",
            Self::Time => "time",
            Self::Name => "name",
        }
    }
}

/// What the Procs view orders processes by (siblings only, in the tree).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProcsSort {
    /// By pid, lowest first.
    #[default]
    Pid,
    /// Most calls first.
    Calls,
    /// By comm, a to z.
    Comm,
    /// By when the process made its first call, earliest first.
    Start,
}

impl ProcsSort {
    const ALL: [ProcsSort; 4] = [Self::Pid, Self::Calls, Self::Comm, Self::Start];

    /// The column's name, as the title shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pid => "pid",
            Self::Calls => "calls",
            Self::Comm => "comm",
            Self::Start => "start",
        }
    }
}

/// The sort of both views; `*_rev` turns the natural order round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sort {
    /// Stats: the column.
    pub stats: StatsSort,
    /// Stats: reversed.
    pub stats_rev: bool,
    /// Procs: the column.
    pub procs: ProcsSort,
    /// Procs: reversed.
    pub procs_rev: bool,
}

impl Sort {
    /// `calls ↓` for the Stats title: the arrow says which way the
    /// column's values run down the chart.
    pub fn stats_label(&self) -> String {
        // Counts run largest first, names a to z.
        let down = (self.stats != StatsSort::Name) != self.stats_rev;
        format!("{} {}", self.stats.label(), if down { "↓" } else { "↑" })
    }

    /// `pid ↑` for the Procs title.
    pub fn procs_label(&self) -> String {
        let down = (self.procs == ProcsSort::Calls) != self.procs_rev;
        format!("{} {}", self.procs.label(), if down { "↓" } else { "↑" })
    }
}

fn next<T: Copy + PartialEq>(all: &[T], cur: T) -> T {
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    all[(i + 1) % all.len()]
}

/// Orders syscall names for the Stats chart; ties go by name, a to z,
/// whichever the direction, so the chart never shuffles between frames.
pub fn order_names(
    names: &HashMap<String, u64>,
    errors: &HashMap<String, u64>,
    time: &HashMap<String, u64>,
    sort: &Sort,
) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = names.iter().map(|(k, n)| (k.clone(), *n)).collect();
    let get = |m: &HashMap<String, u64>, k: &str| m.get(k).copied().unwrap_or(0);
    v.sort_by(|a, b| {
        let o = match sort.stats {
            StatsSort::Calls => b.1.cmp(&a.1),
            StatsSort::Errors => get(errors, &b.0).cmp(&get(errors, &a.0)),
            StatsSort::Time => get(time, &b.0).cmp(&get(time, &a.0)),
            StatsSort::Name => Ordering::Equal,
        };
        let o = if sort.stats_rev { o.reverse() } else { o };
        let by_name = a.0.cmp(&b.0);
        let by_name = if sort.stats_rev && sort.stats == StatsSort::Name {
            by_name.reverse()
        } else {
            by_name
        };
        o.then(by_name)
    });
    v
}

/// Compares two processes as the Procs view lists them (siblings, or
/// roots); ties go by pid.
pub fn cmp_procs(a: &Proc, b: &Proc, sort: &Sort) -> Ordering {
    let o = match sort.procs {
        ProcsSort::Pid => a.pid.cmp(&b.pid),
        ProcsSort::Calls => b.calls.cmp(&a.calls),
        ProcsSort::Comm => a.comm.cmp(&b.comm),
        // Never seen calling (only its exit is known): last.
        ProcsSort::Start => match (a.first_ns, b.first_ns) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    };
    let o = if sort.procs_rev { o.reverse() } else { o };
    o.then(a.pid.cmp(&b.pid))
}

impl App {
    /// `s`: the next sort column of the Stats or Procs view.
    pub(super) fn sort_next(&mut self) {
        self.sort_change(|s, v| match v {
            View::Stats => s.stats = next(&StatsSort::ALL, s.stats),
            _ => s.procs = next(&ProcsSort::ALL, s.procs),
        });
    }

    /// `r`: the Stats or Procs view's order turned round.
    pub(super) fn sort_reverse(&mut self) {
        self.sort_change(|s, v| match v {
            View::Stats => s.stats_rev = !s.stats_rev,
            _ => s.procs_rev = !s.procs_rev,
        });
    }

    fn sort_change(&mut self, f: impl FnOnce(&mut Sort, View)) {
        let v = self.view_mode;
        if !matches!(v, View::Stats | View::Procs) {
            self.note = Some("s and r sort the Stats and Procs views".into());
            return;
        }
        // The same process stays selected wherever the sort moves it.
        let keep = self.selected_proc();
        f(&mut self.sort, v);
        if let Some(pid) = keep {
            let order = self.procs_order();
            if let Some(i) = order.iter().position(|(_, p)| *p == pid) {
                self.procs_sel = i;
            }
        }
        self.note = Some(match v {
            View::Stats => format!("stats sorted by {}", self.sort.stats_label()),
            _ => format!("processes sorted by {}", self.sort.procs_label()),
        });
    }

    /// The Procs view's rows, `(depth, pid)`, in the order it draws them.
    pub fn procs_order(&self) -> Vec<(usize, i32)> {
        super::super::procs::tree_order_by(&self.procs, |a, b| cmp_procs(a, b, &self.sort))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(kv: &[(&str, u64)]) -> HashMap<String, u64> {
        kv.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn each_stats_column_orders_names_ties_by_name() {
        let calls = counts(&[("read", 10), ("openat", 5), ("close", 5), ("mmap", 1)]);
        let errs = counts(&[("openat", 3), ("mmap", 4)]);
        let time = counts(&[("mmap", 900), ("read", 50), ("close", 50)]);
        let names = |s: Sort| -> Vec<String> {
            order_names(&calls, &errs, &time, &s)
                .into_iter()
                .map(|x| x.0)
                .collect()
        };
        let mut s = Sort::default();
        assert_eq!(names(s), ["read", "close", "openat", "mmap"]);
        s.stats = StatsSort::Errors;
        assert_eq!(names(s), ["mmap", "openat", "close", "read"]);
        s.stats = StatsSort::Time;
        assert_eq!(names(s), ["mmap", "close", "read", "openat"]);
        s.stats = StatsSort::Name;
        assert_eq!(names(s), ["close", "mmap", "openat", "read"]);
        s.stats_rev = true;
        assert_eq!(names(s), ["read", "openat", "mmap", "close"]);
        assert_eq!(s.stats_label(), "name ↓");
        s.stats = StatsSort::Calls;
        assert_eq!(names(s), ["mmap", "close", "openat", "read"]);
        assert_eq!(s.stats_label(), "calls ↑");
    }
}
