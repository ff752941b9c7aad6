//! The supervisor: receives each seccomp notification, reads what the event
//! needs from the tracee, answers the kernel, and hands the event on.
//!
//! It never waits on a consumer beyond the bounded channel: when the channel
//! is full the tracee waits (as under strace) and nothing is lost. It keeps
//! answering until the last process holding the filter is gone (the
//! listener reports POLLHUP), whatever happens to the output.
//!
//! While no call waits for a user verdict, the loop is a blocking RECV: a
//! notification is received the moment it is queued, which keeps short the
//! window in which a signal turns the call into EINTR (see
//! docs/tracing.md). Deadlines for batches are kept by the
//! [`crate::outbox::Outbox`]'s own thread.

use crate::decode::DecodeOptions;
use crate::event::{
    Action, Arch, DecodedArg, Event, Held, HoldReply, HoldSet, Message, Outcome, Verdict,
};
use crate::filter::{AUDIT_ARCH_I386, AUDIT_ARCH_X86_64, X32_BIT};
use crate::memory::{ProcessMemory, TraceeMemory};
use crate::outbox::Outbox;
use crate::rules::enforce::{Decision, Enforcer};
use crate::select::Selection;
use crate::sys::{self, Notification};
use crate::tables;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{self, PipeReader, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::FileExt;
use std::sync::mpsc::{Receiver, Sender, SyncSender};
use std::sync::Arc;

/// Counters the supervisor keeps, reported at exit.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Notifications received.
    pub received: u64,
    /// Events emitted (sequence numbers handed out).
    pub emitted: u64,
    /// Notifications whose caller went away before the answer (ENOENT).
    pub abandoned: u64,
    /// Calls answered with an error.
    pub denied: u64,
    /// Calls whose handling panicked (a notrace bug): let through unshown.
    pub panics: u64,
    /// Return values: paired, and lost by the kernel.
    pub results: crate::results::ResultStats,
}

/// What the supervisor needs besides the listener.
pub struct Config {
    /// The selection the filter was built from (x32 and unknown numbers are
    /// checked against it once more).
    pub selection: Selection,
    /// Calls held for a user verdict (TUI), by name.
    pub hold: Option<HoldSet>,
    /// Decode options.
    pub decode: DecodeOptions,
    /// The command notrace started: its end is reported by its parent
    /// (notrace's waitpid), every other process's at its exit_group.
    pub root: i32,
    /// `-P`: when not empty, only calls touching one of these paths are
    /// emitted (the others still run).
    pub paths: Vec<std::path::PathBuf>,
    /// Deny rules in force (their calls are notified even when not traced).
    pub rules: Option<crate::rules::RuleSet>,
    /// Pids of notrace's helper processes (the keeper): not tracees, and
    /// to be protected from them.
    pub helpers: Vec<i32>,
    /// The keeper's end: it is handed the listener, and each received
    /// notification id is published to it.
    pub keeper: Option<crate::keeper::Link>,
    /// The trace goes to a terminal: a call runs once its line is written.
    pub lockstep: Option<Arc<crate::lockstep::Lockstep>>,
}

/// Per-thread facts that cost a /proc read, re-read now and then. No file
/// is kept open for them: one fd per thread seen would take the fds the
/// tracees' emulated opens need (and a thread's end is never announced).
struct Task {
    tgid: i32,
    comm: String,
    /// When `comm` and `tgid` were read (ns since the epoch); 0 forces a
    /// re-read.
    comm_at: u64,
}

/// How long a thread's comm (and tgid) is trusted before it is read again.
/// The comm changes only on execve and prctl(PR_SET_NAME), which force a
/// re-read when traced; the tgid only when the tid is reused, or when a
/// thread's execve makes it the leader.
const COMM_TTL_NS: u64 = 20_000_000;

/// The supervisor loop state.
pub struct Supervisor {
    listener: OwnedFd,
    outbox: Arc<Outbox>,
    cfg: Config,
    seq: u64,
    stats: Stats,
    tasks: crate::idmap::IdMap<u32, Task>,
    verdict_tx: Sender<(u64, Verdict)>,
    verdict_rx: Receiver<(u64, Verdict)>,
    wake_r: PipeReader,
    wake_w: Arc<io::PipeWriter>,
    held: HashMap<u64, ()>,
    /// Notifications received ahead of their turn (see `take_queued`),
    /// with the monotonic time each was received.
    backlog: VecDeque<(Notification, u64)>,
    poll_failed: bool,
    rules: Option<Enforcer>,
    keeper: Option<crate::keeper::Link>,
    wall: WallClock,
}

const MAX_TASKS: usize = 4096;

/// Wall-clock time from the monotonic clock read at RECV: one clock read
/// per call instead of two, the offset between the clocks read again now
/// and then (so a clock step shows within a tenth of a second).
#[derive(Default)]
struct WallClock {
    offset: i64,
    read_at: u64,
}

impl WallClock {
    fn at(&mut self, mono_ns: u64) -> u64 {
        if self.read_at == 0 || mono_ns.saturating_sub(self.read_at) > 100_000_000 {
            let wall = crate::event::wall_ns();
            let mono = sys::monotonic_ns();
            self.offset = wall as i64 - mono as i64;
            self.read_at = mono;
        }
        (mono_ns as i64 + self.offset) as u64
    }
}

impl Supervisor {
    /// A supervisor for `listener`, sending to `tx`.
    pub fn new(listener: OwnedFd, tx: SyncSender<Message>, cfg: Config) -> io::Result<Self> {
        Self::with_outbox(listener, Outbox::new(tx), cfg)
    }

    /// A supervisor for `listener`, sending through `outbox`, which others
    /// may use to send messages in order with the events (the command's
    /// end). The supervisor closes it when it is done.
    pub fn with_outbox(
        listener: OwnedFd,
        outbox: Arc<Outbox>,
        mut cfg: Config,
    ) -> io::Result<Self> {
        let (wake_r, wake_w) = io::pipe()?;
        // Built here, on the supervisor thread: it gives the thread a umask
        // of its own.
        let rules = cfg
            .rules
            .take()
            .filter(|r| !r.is_empty())
            .map(|r| Enforcer::new(r, &cfg.helpers, cfg.root));
        if rules.is_some() {
            // A tracee of our uid must not be able to take the listener,
            // trace us or write our memory (docs/rules.md, threat model).
            // Only now: the child had to stay ptrace-accessible to us
            // while we took the listener (it inherits our dumpability
            // until it execs).
            rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
        }
        let (verdict_tx, verdict_rx) = std::sync::mpsc::channel();
        let keeper = cfg.keeper.take().map(|mut k| {
            k.hand_over(listener.as_fd());
            k
        });
        Ok(Supervisor {
            listener,
            outbox,
            cfg,
            seq: 0,
            stats: Stats::default(),
            tasks: Default::default(),
            verdict_tx,
            verdict_rx,
            wake_r,
            wake_w: Arc::new(wake_w),
            held: HashMap::new(),
            backlog: VecDeque::new(),
            poll_failed: false,
            rules,
            keeper,
            wall: WallClock::default(),
        })
    }

    /// Runs until every tracee is gone. Never fails the tracee: errors
    /// answering one notification are counted and the loop goes on.
    pub fn run(mut self) -> Stats {
        loop {
            if let Some((n, at)) = self.backlog.pop_front() {
                self.handle_guarded(n, at);
                continue;
            }
            let go_on = if self.held.is_empty() {
                self.receive()
            } else {
                self.poll_with_verdicts()
            };
            if !go_on {
                break;
            }
        }
        self.outbox.finish_results();
        self.stats.results = self.outbox.result_stats();
        self.outbox.close();
        self.stats
    }

    /// The fast path: block in RECV. Returns false once no task uses the
    /// filter any more (RECV then says ENOENT at once and the listener
    /// reports POLLHUP).
    fn receive(&mut self) -> bool {
        match self.recv_one() {
            Ok((n, at)) => self.handle_guarded(n, at),
            // notrace's own stop and continue (job control).
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
                if sys::listener_orphaned(self.listener.as_fd()) {
                    return false;
                }
                self.stats.abandoned += 1;
            }
            Err(e) => self.loop_error("receiving a notification", e),
        }
        true
    }

    /// RECV, with the id published to the keeper (which answers what is
    /// left unanswered if notrace dies).
    fn recv_one(&mut self) -> io::Result<(Notification, u64)> {
        let n = sys::notif_recv(self.listener.as_fd())?;
        let at = sys::monotonic_ns();
        if let Some(k) = &mut self.keeper {
            k.received(n.id);
        }
        Ok((n, at))
    }

    /// Leaving would close the listener (ENOSYS for every tracee): say so
    /// once, then keep trying.
    fn loop_error(&mut self, what: &str, e: impl std::fmt::Display) {
        if !self.poll_failed {
            self.poll_failed = true;
            crate::say!("notrace: {what} on the seccomp listener failed: {e}; retrying");
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }

    /// While calls wait for a user verdict: wait on the listener and on
    /// the verdicts' wake-up pipe. Returns false once the listener reports
    /// POLLHUP.
    fn poll_with_verdicts(&mut self) -> bool {
        use rustix::event::{poll, PollFd, PollFlags};
        let (ready, hup, wake) = {
            let mut fds = [
                PollFd::new(&self.listener, PollFlags::IN),
                PollFd::new(&self.wake_r, PollFlags::IN),
            ];
            match poll(&mut fds, None) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => return true,
                Err(e) => {
                    self.loop_error("poll", e);
                    return true;
                }
            }
            let l = fds[0].revents();
            (
                l.contains(PollFlags::IN),
                l.intersects(PollFlags::HUP | PollFlags::ERR),
                fds[1].revents().contains(PollFlags::IN),
            )
        };
        if wake {
            self.drain_verdicts();
        }
        if ready {
            match self.recv_one() {
                Ok((n, at)) => self.handle_guarded(n, at),
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::EINTR)) => {
                    self.stats.abandoned += 1;
                }
                Err(e) => {
                    crate::say!("notrace: receiving a notification failed: {e}");
                }
            }
        } else if hup {
            return false;
        }
        true
    }

    /// Receives the notifications already queued, to be handled next in
    /// order. A received call waits for its answer immune to signals
    /// (`WAIT_KILLABLE_RECV`); a queued one is turned into EINTR by any
    /// signal whose handler lacks SA_RESTART. So this runs before work that
    /// takes a while (memory reads, rules) and before answering an
    /// exit_group, whose SIGCHLD soon hits the parent, which may well be
    /// queued right now (a shell forking its next command).
    fn take_queued(&mut self) {
        const MAX_BACKLOG: usize = 64;
        while self.backlog.len() < MAX_BACKLOG && sys::listener_ready(self.listener.as_fd()) {
            match self.recv_one() {
                Ok(q) => self.backlog.push_back(q),
                Err(_) => {
                    self.stats.abandoned += 1;
                    break;
                }
            }
        }
    }

    fn drain_verdicts(&mut self) {
        let mut buf = [0u8; 64];
        let _ = (&self.wake_r).read(&mut buf);
        while let Ok((id, v)) = self.verdict_rx.try_recv() {
            if self.held.remove(&id).is_none() {
                continue;
            }
            let fd = self.listener.as_fd();
            let r = match v {
                Verdict::Allow => sys::notif_continue(fd, id),
                Verdict::Deny(errno) => {
                    self.stats.denied += 1;
                    sys::notif_fail(fd, id, errno)
                }
            };
            if r.is_err() {
                self.stats.abandoned += 1;
            }
        }
    }

    fn task(&mut self, tid: u32) -> &mut Task {
        if self.tasks.len() >= MAX_TASKS && !self.tasks.contains_key(&tid) {
            // Dead threads are never announced: start over rather than grow.
            self.tasks.clear();
        }
        // No /proc read for the common case (a process's main thread): a
        // notification waiting meanwhile can be turned into EINTR by a
        // signal. The comm file is opened when an event first needs it.
        self.tasks.entry(tid).or_insert_with(|| Task {
            tgid: if sys::is_group_leader(tid as i32) {
                tid as i32
            } else {
                read_tgid(tid).unwrap_or(tid as i32)
            },
            comm: String::new(),
            comm_at: 0,
        })
    }

    /// The thread's comm and tgid for its event (one map lookup: this runs
    /// for every event). `renames`: the call may change the comm, which
    /// is then read afresh next time.
    fn comm_and_tgid(&mut self, tid: u32, now: u64, renames: bool) -> (String, i32) {
        let task = self.task(tid);
        if now.saturating_sub(task.comm_at) >= COMM_TTL_NS {
            // The tid may have been reused since it was last looked at: its
            // tgid is read again with the comm.
            if task.comm_at != 0 {
                if let Some(tgid) = read_tgid(tid) {
                    task.tgid = tgid;
                }
            }
            if let Some(c) = read_comm(tid) {
                task.comm = c;
                task.comm_at = now;
            }
        }
        let got = (task.comm.clone(), task.tgid);
        if renames {
            task.comm_at = 0;
        }
        got
    }

    /// Hands the pending events to the consumer. Blocks while the consumer
    /// is behind: the tracees wait, nothing is lost. A consumer that is gone
    /// is not a reason to stop answering.
    fn flush(&mut self) {
        self.outbox.flush();
    }

    /// [`Self::handle`], with a last line of defence: a bug that panics
    /// while decoding one call must not take the listener down (every
    /// tracee would get ENOSYS). The call is let through, and supervision
    /// goes on.
    fn handle_guarded(&mut self, n: Notification, at: u64) {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(n, at)));
        // The caller's /proc/TID/mem, if a decoder or rule opened it.
        crate::memory::end_call();
        if r.is_err() {
            self.stats.panics += 1;
            let _ = sys::notif_continue(self.listener.as_fd(), n.id);
        }
    }

    fn handle(&mut self, n: Notification, received_ns: u64) {
        self.stats.received += 1;
        let time_ns = self.wall.at(received_ns);
        let (arch, nr) = match n.arch {
            AUDIT_ARCH_X86_64 if n.nr as u32 & X32_BIT != 0 => (Arch::X32, n.nr as u32),
            AUDIT_ARCH_X86_64 => (Arch::X86_64, n.nr as u32),
            AUDIT_ARCH_I386 => (Arch::I386, n.nr as u32),
            _ => (Arch::native(), n.nr as u32),
        };
        // i386 socketcall/ipc: traced by the sub-call their first register
        // names, as strace traces them (crate::decode::subcall).
        let sub_named = crate::decode::subcall::named(arch, nr, &n.args);
        let traced = crate::decode::subcall::maybe_traced(&self.cfg.selection, arch, nr, sub_named);
        let ruled = self.rules.as_ref().is_some_and(|r| r.covers(arch, nr));
        let def = tables::lookup(arch, nr);
        // Whose end an exit_group is: looked up while the caller still
        // waits, since once answered its threads (and /proc entries) go.
        let exiting = def
            .is_some_and(|d| d.name == "exit_group")
            .then(|| self.task(n.tid).tgid);
        if exiting.is_some() || ruled || def.is_none_or(|d| !d.args.is_empty()) {
            self.take_queued();
        }
        if let Some(d) = def.filter(|d| matches!(d.name, "exit" | "exit_group")) {
            // It ends by a call of its own (and with exit_group, takes its
            // process's other threads along): see crate::results.
            let group = (d.name == "exit_group").then(|| self.task(n.tid).tgid);
            self.outbox.thread_ends(n.tid as i32, group);
        }
        // Only a ptrace call can be the command's PTRACE_TRACEME: the other
        // calls skip the thread's lookup here.
        let refused = match def {
            Some(d) if d.name == crate::traceme::SYSCALL => {
                let tgid = self.task(n.tid).tgid;
                crate::traceme::check(def, &n.args, tgid, self.cfg.root)
            }
            _ => None,
        };
        let fd = self.listener.as_fd();
        if !traced && !ruled && refused.is_none() {
            // Not chosen (exit_group, always notified; an x32 call): let it
            // run.
            let _ = sys::notif_continue(fd, n.id);
            if let Some(pid) = exiting {
                self.process_exits(pid, n.args[0], time_ns);
            }
            return;
        }
        let decision = if let Some(d) = refused {
            d
        } else if ruled {
            let tgid = self.task(n.tid).tgid;
            match &mut self.rules {
                Some(r) => r.decide(self.listener.as_fd(), &n, arch, def, tgid),
                None => Decision::Pass,
            }
        } else {
            Decision::Pass
        };
        let action = match &decision {
            Decision::Gone => {
                self.stats.abandoned += 1;
                return;
            }
            Decision::Deny { errno, rule } => Action::Denied {
                errno: *errno,
                rule: rule.clone(),
            },
            _ => Action::Allowed,
        };
        if !traced && action == Action::Allowed {
            // Covered by a rule but not traced: answer, print nothing.
            self.answer(n.id, decision);
            return;
        }
        let mem = CheckedMemory {
            inner: ProcessMemory { pid: n.tid as i32 },
            touched: Cell::new(false),
        };
        let sub = sub_named.and_then(|_| crate::decode::subcall::resolve(arch, nr, &n.args, &mem));
        if sub_named.is_some()
            && action == Action::Allowed
            && !crate::decode::subcall::traced(&self.cfg.selection, arch, nr, sub.map(|s| s.def))
        {
            // Shown as the multiplexer (its sub-call's arguments are
            // unreadable) or as the sub-call, whichever is not traced.
            self.answer(n.id, decision);
            return;
        }
        let name: Cow<'static, str> = match (sub, def) {
            (Some(s), _) => Cow::Borrowed(s.def.name),
            (None, Some(d)) => Cow::Borrowed(d.name),
            (None, None) => Cow::Owned(format!("syscall_{:#x}", nr)),
        };
        let renames = matches!(name.as_ref(), "execve" | "execveat" | "prctl");
        let (comm, tgid) = self.comm_and_tgid(n.tid, time_ns, renames);
        let decoded = match sub {
            Some(s) => s.decode(n.tid as i32, &mem, &self.cfg.decode),
            None => decode(def, &n, &mem, &self.cfg.decode),
        };
        // The tracee may have abandoned the call (a signal) while we read
        // its memory; then the bytes may belong to someone else. Registers
        // alone need no check: they were copied at notification time.
        let fd = self.listener.as_fd();
        if mem.touched.get() && !sys::notif_id_valid(fd, n.id) {
            self.stats.abandoned += 1;
            return;
        }
        if !self.cfg.paths.is_empty() && matches!(decision, Decision::Pass) {
            // -P hides calls; it never hides a denial (the audit trail).
            let (defs, raw) = match &sub {
                Some(s) => (s.def.args, s.raw),
                None => (def.map(|d| d.args).unwrap_or(&[]), n.args),
            };
            let host = crate::decode::ProcHost;
            let tid = n.tid as i32;
            if !crate::pathmatch::touches(&decoded, defs, &raw, tid, &host, &self.cfg.paths) {
                self.answer(n.id, decision);
                return;
            }
        }
        self.seq += 1;
        // What is known of the result already; the rest comes from the
        // kernel's exit record (crate::results), paired in the outbox.
        let (result, expect) = match (&action, name.as_ref()) {
            (Action::Denied { errno, .. }, _) => (Outcome::Returned(-(*errno as i64)), false),
            (_, "exit" | "exit_group") => (Outcome::NoReturn, false),
            _ => (Outcome::NotCollected, true),
        };
        let mut event = Event {
            seq: self.seq,
            time_ns,
            pid: tgid,
            tid: n.tid as i32,
            comm,
            arch,
            name,
            nr,
            args: n.args,
            decoded,
            action,
            result,
            duration_ns: None,
            ret_path: if self.cfg.decode.fd_paths {
                decision.installed_fd_path()
            } else {
                None
            },
            ip: n.ip,
        };
        self.stats.emitted += 1;
        let held = self
            .cfg
            .hold
            .as_ref()
            .map(|h| {
                h.read()
                    .map(|s| s.contains(event.name.as_ref()))
                    .unwrap_or(false)
            })
            .unwrap_or(false);
        // Events are queued before the answer (pushing never blocks): once
        // answered, the caller may end, and the report of its end (sent by
        // another thread) must not overtake its last call.
        let seq = event.seq;
        if !matches!(decision, Decision::Pass) {
            // Decided by a rule: never held; answered before it is shown.
            let full = self.outbox.push_call(event, received_ns, expect);
            self.on_screen(seq);
            self.answer(n.id, decision);
            if full {
                self.flush();
            }
            return;
        }
        if held {
            self.held.insert(n.id, ());
            self.outbox.expect_sent(&mut event, received_ns);
            let reply = HoldReply::new(n.id, self.verdict_tx.clone(), self.wake_w.clone());
            if !self.outbox.send(Message::Held(Held { event, reply })) {
                // No consumer: the reply was dropped, which allows the call.
                self.drain_verdicts();
            }
            return;
        }
        let full = self.outbox.push_call(event, received_ns, expect);
        self.on_screen(seq);
        if sys::notif_continue(self.listener.as_fd(), n.id).is_err() {
            self.stats.abandoned += 1;
        }
        if full {
            self.flush();
        }
        if let Some(pid) = exiting {
            self.process_exits(pid, n.args[0], time_ns);
        }
    }

    /// On a terminal (lockstep), waits until event `seq`'s line is written
    /// before the call is answered.
    fn on_screen(&mut self, seq: u64) {
        if let Some(l) = self.cfg.lockstep.clone() {
            self.outbox.flush();
            l.wait(seq);
        }
    }

    /// Process `pid` called exit_group(status): it cannot fail, so the
    /// process ends here. Reported for every process but the command
    /// itself, whose end notrace learns from waitpid (with death by signal
    /// too).
    fn process_exits(&mut self, pid: i32, status: u64, time_ns: u64) {
        if pid == self.cfg.root {
            return;
        }
        let far_behind = self
            .outbox
            .push_message(Message::Exit(crate::event::ProcessExit {
                pid,
                time_ns,
                how: crate::event::ExitKind::Exited((status & 0xff) as i32),
            }));
        if far_behind {
            self.flush();
        }
    }
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        // Ends the flusher thread (and with it its hold on the channel),
        // even if the loop was left by a panic.
        self.outbox.close();
    }
}

/// Tracee memory that remembers whether it was read at all.
struct CheckedMemory {
    inner: ProcessMemory,
    touched: Cell<bool>,
}

impl TraceeMemory for CheckedMemory {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        self.touched.set(true);
        self.inner.read(addr, buf)
    }
}

impl Supervisor {
    /// Answers a call a rule decided (or let through).
    fn answer(&mut self, id: u64, d: Decision) {
        let fd = self.listener.as_fd();
        let r = match d {
            Decision::Pass => sys::notif_continue(fd, id),
            Decision::Deny { errno, .. } => {
                self.stats.denied += 1;
                sys::notif_fail(fd, id, errno)
            }
            Decision::Answer(a) => a.send(fd, id),
            Decision::Gone => return,
        };
        if r.is_err() {
            self.stats.abandoned += 1;
        }
    }
}

fn decode(
    def: Option<&'static tables::SyscallDef>,
    n: &Notification,
    mem: &dyn TraceeMemory,
    opts: &DecodeOptions,
) -> Vec<DecodedArg> {
    match def {
        Some(d) => crate::decode::decode_args(d.args, &n.args, n.tid as i32, mem, opts),
        // An unknown call: its six registers in hex, as strace prints them.
        None => n
            .args
            .iter()
            .enumerate()
            .map(|(i, &raw)| DecodedArg {
                name: Cow::Owned(format!("arg{i}")),
                kind: Cow::Borrowed("hex"),
                raw,
                text: format!("{raw:#x}"),
                value: None,
            })
            .collect(),
    }
}

fn read_comm(tid: u32) -> Option<String> {
    let mut buf = [0u8; 64];
    let n = File::open(format!("/proc/{tid}/comm"))
        .and_then(|f| f.read_at(&mut buf, 0))
        .ok()?;
    Some(String::from_utf8_lossy(&buf[..n]).trim_end().to_string())
}

fn read_tgid(tid: u32) -> Option<i32> {
    let s = crate::procfs::read_lossy(format!("/proc/{tid}/status")).ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("Tgid:"))
        .and_then(|v| v.trim().parse().ok())
}
