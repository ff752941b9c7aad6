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
    /// See [`crate::event::Event::ret_path`].
    pub ret_path: Option<String>,
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
    records: Vec<perf::Record>,
    pairing: Pairing,
}

/// The calls in flight, and the rules that pair records with them.
#[derive(Default)]
pub struct Pairing {
    pending: HashMap<i32, Pending>,
    /// Calls whose record says a signal interrupted them (a restart code),
    /// by thread: (value, record time). If the thread ends right after,
    /// the signal killed it and the call never returned (`= ?`, as strace
    /// says); if it lives on, the value stands.
    interrupted: HashMap<i32, (i64, u64)>,
    /// Processes one of whose threads called exit_group: their other
    /// threads' interrupted calls are being killed.
    dying: std::collections::HashSet<i32>,
    stats: ResultStats,
}

/// How long after an interrupted call's record its thread's end still
/// means the signal killed it: a fatal signal ends the thread on its way
/// out of that very call, microseconds later.
const KILLED_WINDOW_NS: u64 = 50_000_000;

impl std::ops::Deref for Results {
    type Target = Pairing;
    fn deref(&self) -> &Pairing {
        &self.pairing
    }
}

impl std::ops::DerefMut for Results {
    fn deref_mut(&mut self) -> &mut Pairing {
        &mut self.pairing
    }
}

impl Results {
    /// Pairing over opened `rings`; `sees_i386`: whether i386 calls have
    /// records.
    pub fn new(rings: perf::Rings, sees_i386: bool) -> Self {
        Results {
            rings,
            sees_i386,
            records: Vec::new(),
            pairing: Pairing::default(),
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
            self.pairing.pair(r, out);
        }
        if !self.pairing.interrupted.is_empty() {
            self.pairing.settle(crate::sys::monotonic_ns(), out);
        }
    }

    /// Every tracee is gone: reads what is left; calls still in flight
    /// never returned (their threads' end was not seen either).
    pub fn finish(&mut self, out: &mut Vec<Resolved>) {
        self.drain(out);
        self.pairing.settle(u64::MAX, out);
        for (tid, call) in self.pairing.pending.drain() {
            out.push(Resolved {
                call,
                tid,
                result: Outcome::NoReturn,
                duration_ns: None,
            });
        }
    }
}

impl Pairing {
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
                    let dying = self
                        .pending
                        .get(&t)
                        .is_some_and(|p| self.dying.contains(&p.pid));
                    if crate::errno::is_restart(-ret as i32) && t == tid && dying {
                        // Killed by its process's exit_group.
                        let call = self.pending.remove(&t).expect("found above");
                        out.push(Resolved {
                            call,
                            tid,
                            result: Outcome::NoReturn,
                            duration_ns: None,
                        });
                        return;
                    }
                    if crate::errno::is_restart(-ret as i32) && t == tid {
                        // Interrupted: killed, or to be restarted? See
                        // `interrupted`.
                        self.interrupted.insert(tid, (ret, time));
                        return;
                    }
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
                // `dying` keeps the pid: the leader may end before the
                // records of the threads its exit_group killed are read.
                // (A process reusing the pid within the trace would show an
                // interrupted call as `= ?`; `dying` is bounded.)
                self.interrupted.remove(&tid);
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
        if let Some(r) = self.interrupted.remove(&tid) {
            // It lived on: the interruption was the call's result.
            self.returned(tid, r, out);
        }
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

    /// `tid` is alive and making a call of its own (its exit): the call a
    /// signal interrupted keeps the kernel's value.
    pub fn survived(&mut self, tid: i32, out: &mut Vec<Resolved>) {
        if let Some(r) = self.interrupted.remove(&tid) {
            self.returned(tid, r, out);
        }
    }

    /// Thread `caller` of process `pid` called exit_group: every other
    /// thread of it dies now, in whatever call it is.
    pub fn group_exits(&mut self, pid: i32, caller: i32, out: &mut Vec<Resolved>) {
        if self.dying.len() > 4096 {
            self.dying.clear();
        }
        self.dying.insert(pid);
        let killed: Vec<i32> = self
            .interrupted
            .keys()
            .copied()
            .filter(|t| *t != caller && self.pending.get(t).is_some_and(|p| p.pid == pid))
            .collect();
        for tid in killed {
            self.interrupted.remove(&tid);
            if let Some(call) = self.pending.remove(&tid) {
                out.push(Resolved {
                    call,
                    tid,
                    result: Outcome::NoReturn,
                    duration_ns: None,
                });
            }
        }
    }

    /// Interrupted calls whose thread outlived the window (or everything,
    /// at the end) keep the kernel's value.
    fn settle(&mut self, now: u64, out: &mut Vec<Resolved>) {
        let due: Vec<i32> = self
            .interrupted
            .iter()
            .filter(|(_, (_, t))| now.saturating_sub(*t) > KILLED_WINDOW_NS || now == u64::MAX)
            .map(|(tid, _)| *tid)
            .collect();
        for tid in due {
            if let Some(r) = self.interrupted.remove(&tid) {
                self.returned(tid, r, out);
            }
        }
    }

    fn returned(&mut self, tid: i32, (ret, time): (i64, u64), out: &mut Vec<Resolved>) {
        if let Some(call) = self.pending.remove(&tid) {
            self.stats.paired += 1;
            out.push(Resolved {
                duration_ns: Some(time.saturating_sub(call.start_ns)),
                call,
                tid,
                result: Outcome::Returned(ret),
            });
        }
    }

    /// Waits for the result of `call`, made by `tid`.
    pub fn expect(&mut self, tid: i32, call: Pending) {
        self.pending.insert(tid, call);
    }
}

fn is_exec(name: &str) -> bool {
    matches!(name, "execve" | "execveat")
}

#[cfg(test)]
mod tests {
    use super::*;
    use perf::Record;

    fn call(seq: u64, pid: i32, nr: u32, name: &'static str, start_ns: u64) -> Pending {
        Pending {
            seq,
            pid,
            nr,
            arch: Arch::X86_64,
            args: [0; 6],
            start_ns,
            name: Cow::Borrowed(name),
            sent: false,
            ret_path: None,
        }
    }

    fn exit(pid: i32, tid: i32, time: u64, nr: i64, ret: i64) -> Record {
        Record::Exit {
            pid,
            tid,
            time,
            nr,
            ret,
        }
    }

    fn results(out: &[Resolved]) -> Vec<(u64, Outcome)> {
        out.iter().map(|r| (r.call.seq, r.result)).collect()
    }

    #[test]
    fn a_record_pairs_with_its_threads_call_and_times_it() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 257, "openat", 100));
        p.expect(11, call(2, 10, 257, "openat", 105));
        p.pair(exit(10, 11, 150, 257, -2), &mut out);
        p.pair(exit(10, 10, 160, 257, 3), &mut out);
        assert_eq!(
            results(&out),
            [(2, Outcome::Returned(-2)), (1, Outcome::Returned(3))]
        );
        assert_eq!(out[1].duration_ns, Some(60));
        assert_eq!(p.stats.paired, 2);
    }

    #[test]
    fn an_interrupted_queued_call_is_ignored() {
        // The signal came before the call was received: its record is
        // older than the restarted call's notification.
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 0, "read", 200));
        p.pair(exit(10, 10, 190, 0, -512), &mut out);
        assert!(out.is_empty());
        p.pair(exit(10, 10, 250, 0, 1), &mut out);
        assert_eq!(results(&out), [(1, Outcome::Returned(1))]);
    }

    #[test]
    fn a_record_for_no_call_in_flight_is_ignored() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.pair(exit(10, 10, 190, 0, 5), &mut out);
        p.expect(10, call(1, 10, 1, "write", 200));
        // Another call's record (a number collision, an untraced call).
        p.pair(exit(10, 10, 210, 0, 5), &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_lost_record_leaves_the_call_unavailable_at_the_next_call() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 0, "read", 100));
        p.pair(Record::Lost(3), &mut out);
        p.retire(10, &mut out);
        assert_eq!(results(&out), [(1, Outcome::Unavailable)]);
        assert_eq!(p.stats.lost_records, 3);
        assert_eq!(p.stats.unavailable, 1);
    }

    #[test]
    fn sigreturn_restores_the_number() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 15, "rt_sigreturn", 100));
        p.pair(exit(10, 10, 110, -1, 42), &mut out);
        assert_eq!(results(&out), [(1, Outcome::Returned(42))]);
    }

    #[test]
    fn a_non_leaders_exec_is_reported_under_the_leaders_tid() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 202, "futex", 100));
        p.expect(12, call(2, 10, 59, "execve", 110));
        // de_thread: the leader ends, then the exec returns as tid 10.
        p.pair(
            Record::TaskExit {
                pid: 10,
                tid: 10,
                time: 120,
            },
            &mut out,
        );
        p.pair(exit(10, 10, 130, 59, 0), &mut out);
        assert_eq!(
            results(&out),
            [(1, Outcome::NoReturn), (2, Outcome::Returned(0))]
        );
    }

    #[test]
    fn an_interrupted_call_whose_thread_ends_never_returned() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 0, "read", 100));
        p.expect(11, call(2, 10, 0, "read", 100));
        p.pair(exit(10, 10, 200, 0, -512), &mut out);
        p.pair(exit(10, 11, 200, 0, -512), &mut out);
        assert!(out.is_empty(), "not known yet");
        // Thread 10 is killed at once; 11 lives on and calls again.
        p.pair(
            Record::TaskExit {
                pid: 10,
                tid: 10,
                time: 210,
            },
            &mut out,
        );
        p.retire(11, &mut out);
        assert_eq!(
            results(&out),
            [(1, Outcome::NoReturn), (2, Outcome::Returned(-512))]
        );
        // One that just lives on past the window keeps its value too.
        out.clear();
        p.expect(12, call(3, 10, 0, "read", 300));
        p.pair(exit(10, 12, 400, 0, -516), &mut out);
        p.settle(400 + KILLED_WINDOW_NS / 2, &mut out);
        assert!(out.is_empty());
        p.settle(400 + 2 * KILLED_WINDOW_NS, &mut out);
        assert_eq!(results(&out), [(3, Outcome::Returned(-516))]);
    }

    #[test]
    fn another_threads_exit_group_kills_interrupted_calls_at_once() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(11, call(1, 10, 0, "read", 100));
        p.expect(12, call(2, 10, 0, "read", 100));
        p.pair(exit(10, 11, 200, 0, -512), &mut out);
        p.group_exits(10, 10, &mut out);
        p.pair(exit(10, 12, 210, 0, -512), &mut out);
        assert_eq!(
            results(&out),
            [(1, Outcome::NoReturn), (2, Outcome::NoReturn)]
        );
    }

    #[test]
    fn a_task_end_before_the_call_is_an_earlier_tasks() {
        let mut p = Pairing::default();
        let mut out = Vec::new();
        p.expect(10, call(1, 10, 0, "read", 100));
        p.pair(
            Record::TaskExit {
                pid: 10,
                tid: 10,
                time: 90,
            },
            &mut out,
        );
        assert!(out.is_empty());
    }
}
