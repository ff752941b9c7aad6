//! Return values: each traced call's notification is paired with the
//! kernel's syscall-exit record of the same thread (see [`perf`]).
//!
//! The facts pairing rests on (../shared/notes/results.md):
//! * a thread has at most one call in flight, and its exit record is in a
//!   ring before the thread can make its next call, so once the rings are
//!   read after a notification is received, a thread's previous call has
//!   either been paired or its record was lost;
//! * a record whose call was never received (a signal interrupted it while
//!   its notification was still queued: -ERESTARTSYS) comes while its
//!   thread has no call in flight, or is older than the one in flight, and
//!   is ignored;
//! * exit and exit_group produce no record; a task that ends mid-call gets
//!   a task-end record; when a non-leader thread execs, the record carries
//!   the leader's tid.
//!
//! Nothing here blocks: reading a ring is a few memory loads.

pub mod perf;

use crate::event::{Arch, Outcome};
use std::borrow::Cow;
use std::collections::HashMap;

/// A call in flight: received, answered, not yet returned.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The event's sequence number.
    pub seq: u64,
    /// Thread group (for a non-leader's execve, see the module doc).
    pub pid: i32,
    /// Syscall number in its ABI.
    pub nr: u32,
    /// The ABI.
    pub arch: Arch,
    /// Its argument registers.
    pub args: [u64; 6],
    /// CLOCK_MONOTONIC ns when the notification was received.
    pub start_ns: u64,
    /// The syscall's name.
    pub name: Cow<'static, str>,
    /// Whether its event already left the outbox without a result.
    pub sent: bool,
}

/// A call whose outcome became known.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The call.
    pub call: Pending,
    /// Its thread.
    pub tid: i32,
    /// What it returned.
    pub result: Outcome,
    /// Time in the call, when it returned.
    pub duration_ns: Option<u64>,
}

/// Counters, reported at exit and in `-c`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ResultStats {
    /// Calls paired with their exit record.
    pub paired: u64,
    /// Records the kernel said it dropped.
    pub lost_records: u64,
    /// Calls left without a result because their record was lost.
    pub unavailable: u64,
}

/// The rings and the calls in flight.
pub struct Results {
    rings: perf::Rings,
    sees_i386: bool,
    pending: HashMap<i32, Pending>,
    records: Vec<perf::Record>,
    stats: ResultStats,
}

impl Results {
    /// Pairing over opened `rings`; `sees_i386`: whether i386 calls have
    /// records.
    pub fn new(rings: perf::Rings, sees_i386: bool) -> Self {
        Results {
            rings,
            sees_i386,
            pending: HashMap::new(),
            records: Vec::new(),
            stats: ResultStats::default(),
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> ResultStats {
        self.stats
    }

    /// Whether an event already sent waits for its result (someone must
    /// then read the rings now and then).
    pub fn awaits_sent(&self) -> bool {
        self.pending.values().any(|p| p.sent)
    }

    /// Marks the call of `tid` numbered `seq` as sent without its result.
    pub fn mark_sent(&mut self, tid: i32, seq: u64) {
        if let Some(p) = self.pending.get_mut(&tid).filter(|p| p.seq == seq) {
            p.sent = true;
        }
    }

    /// Whether a call of this ABI will get a record.
    pub fn covers(&self, arch: Arch) -> bool {
        arch == Arch::native() || (arch == Arch::I386 && self.sees_i386)
    }

    /// Reads the rings and pairs what they hold.
    pub fn drain(&mut self, out: &mut Vec<Resolved>) {
        self.records.clear();
        self.rings.read(&mut self.records);
        for i in 0..self.records.len() {
            let r = self.records[i];
            self.pair(r, out);
        }
    }

    fn pair(&mut self, r: perf::Record, out: &mut Vec<Resolved>) {
        match r {
            perf::Record::Exit {
                pid,
                tid,
                time,
                nr,
                ret,
            } => {
                // rt_sigreturn restores the interrupted registers, the
                // syscall number among them (-1 outside a syscall).
                let own = self.pending.get(&tid).is_some_and(|p| {
                    (p.nr as i64 == nr || (nr == -1 && p.name.contains("sigreturn")))
                        && time >= p.start_ns
                });
                let key = if own {
                    Some(tid)
                } else if pid == tid {
                    // A non-leader's exec: the record has the leader's tid,
                    // which is the process's pid.
                    self.pending
                        .iter()
                        .find(|(_, p)| {
                            p.pid == pid
                                && p.nr as i64 == nr
                                && is_exec(&p.name)
                                && time >= p.start_ns
                        })
                        .map(|(t, _)| *t)
                } else {
                    None
                };
                if let Some(t) = key {
                    let call = self.pending.remove(&t).expect("found above");
                    self.stats.paired += 1;
                    out.push(Resolved {
                        duration_ns: Some(time.saturating_sub(call.start_ns)),
                        call,
                        tid: t,
                        result: Outcome::Returned(ret),
                    });
                }
            }
            perf::Record::TaskExit { tid, time, .. } => {
                if self.pending.get(&tid).is_some_and(|p| time >= p.start_ns) {
                    let call = self.pending.remove(&tid).expect("checked");
                    out.push(Resolved {
                        call,
                        tid,
                        result: Outcome::NoReturn,
                        duration_ns: None,
                    });
                }
            }
            perf::Record::Lost(n) => self.stats.lost_records += n,
        }
    }

    /// `tid` made a new call: whatever it had in flight has its record in
    /// the rings by now (read them first), or lost it.
    pub fn retire(&mut self, tid: i32, out: &mut Vec<Resolved>) {
        if let Some(call) = self.pending.remove(&tid) {
            self.stats.unavailable += 1;
            out.push(Resolved {
                call,
                tid,
                result: Outcome::Unavailable,
                duration_ns: None,
            });
        }
    }

    /// Waits for the result of `call`, made by `tid`.
    pub fn expect(&mut self, tid: i32, call: Pending) {
        self.pending.insert(tid, call);
    }

    /// Every tracee is gone: reads what is left; calls still in flight
    /// never returned (their threads' end was not seen either).
    pub fn finish(&mut self, out: &mut Vec<Resolved>) {
        self.drain(out);
        for (tid, call) in self.pending.drain() {
            out.push(Resolved {
                call,
                tid,
                result: Outcome::NoReturn,
                duration_ns: None,
            });
        }
    }
}

fn is_exec(name: &str) -> bool {
    matches!(name, "execve" | "execveat")
}
