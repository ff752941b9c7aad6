//! strace's `when=` for fault injection: which of a thread's calls of one
//! syscall a rule fails, counted as strace does (per thread and per
//! syscall, from 1), fed from the rule match.

use std::collections::HashMap;
use std::sync::Mutex;

/// `FIRST[..LAST][+[STEP]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The first invocation that fails (1 is the first call).
    pub first: u32,
    /// The last one that may fail (`None`: no end).
    pub last: Option<u32>,
    /// Every STEP-th from FIRST.
    pub step: u32,
}

/// strace's limit on the numbers in `when=`.
const MAX: u32 = 65535;

impl When {
    /// Parses `N`, `N+`, `N+S`, `N..M`, `N..M+S`.
    pub fn parse(s: &str) -> Result<When, String> {
        let num = |t: &str| -> Result<u32, String> {
            match t.parse::<u32>() {
                Ok(n) if (1..=MAX).contains(&n) => Ok(n),
                _ => Err(format!("bad number '{t}' in when={s} (1 to {MAX})")),
            }
        };
        let (range, step) = match s.split_once('+') {
            Some((r, "")) => (r, Some(1)),
            Some((r, st)) => (r, Some(num(st)?)),
            None => (s, None),
        };
        let (first, last) = match range.split_once("..") {
            Some((a, b)) => (num(a)?, Some(num(b)?)),
            None => (num(range)?, None),
        };
        let last = match (last, step) {
            (Some(l), _) => Some(l),
            // `N` alone: that one call.
            (None, None) => Some(first),
            (None, Some(_)) => None,
        };
        if last.is_some_and(|l| l < first) {
            return Err(format!("when={s}: the last call comes before the first"));
        }
        Ok(When {
            first,
            last,
            step: step.unwrap_or(1),
        })
    }

    /// Whether the `n`-th call (from 1) is one to fail.
    pub fn selects(&self, n: u64) -> bool {
        n >= self.first as u64
            && self.last.is_none_or(|l| n <= l as u64)
            && (n - self.first as u64).is_multiple_of(self.step as u64)
    }
}

#[derive(Debug, Default)]
struct State {
    /// Calls seen per (thread, syscall number).
    counts: HashMap<(i32, u32), u64>,
    /// The last call decided and the answer: one call may be matched more
    /// than once (an open is looked at before and after it is resolved).
    last: Option<(u64, bool)>,
}

/// A rule's `when=` and its counts.
#[derive(Debug)]
pub struct Counter {
    when: When,
    state: Mutex<State>,
}

impl Counter {
    /// A counter for `when`.
    pub fn new(when: When) -> Counter {
        Counter {
            when,
            state: Mutex::new(State::default()),
        }
    }

    /// Counts call `call` (a notification id; 0: unknown) of syscall `nr`
    /// by thread `tid`, which the rule matched; returns whether the rule
    /// applies to it.
    pub fn fires(&self, tid: i32, nr: u32, call: u64) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((id, yes)) = st.last {
            if call != 0 && id == call {
                return yes;
            }
        }
        if st.counts.len() > 65536 {
            // Dead threads are never announced: start over rather than grow.
            st.counts.clear();
        }
        let n = st.counts.entry((tid, nr)).or_insert(0);
        *n += 1;
        let yes = self.when.selects(*n);
        st.last = Some((call, yes));
        yes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picks(expr: &str) -> Vec<u64> {
        let w = When::parse(expr).unwrap();
        (1..=10).filter(|n| w.selects(*n)).collect()
    }

    #[test]
    fn when_as_strace() {
        assert_eq!(picks("3"), [3]);
        assert_eq!(picks("3+"), [3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(picks("2+3"), [2, 5, 8]);
        assert_eq!(picks("2..4"), [2, 3, 4]);
        assert_eq!(picks("1..7+3"), [1, 4, 7]);
        assert!(When::parse("0").is_err());
        assert!(When::parse("5..2").is_err());
        assert!(When::parse("x").is_err());
    }

    #[test]
    fn counted_per_thread_and_syscall_once_per_call() {
        let c = Counter::new(When::parse("2").unwrap());
        assert!(!c.fires(10, 2, 1));
        assert!(!c.fires(10, 2, 1));
        assert!(!c.fires(11, 2, 2));
        assert!(!c.fires(10, 3, 3));
        assert!(c.fires(10, 2, 4));
        assert!(c.fires(10, 2, 4));
        assert!(!c.fires(10, 2, 5));
    }
}
