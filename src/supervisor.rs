//! The supervisor: receives each seccomp notification, reads what the event
//! needs from the tracee, answers the kernel, and hands the event on.
//!
//! It never waits on a consumer beyond the bounded channel: when the channel
//! is full the tracee waits (as under strace) and nothing is lost. It keeps
//! answering until the last process holding the filter is gone (the
//! listener reports POLLHUP), whatever happens to the output.

use crate::decode::DecodeOptions;
use crate::event::{Action, Arch, DecodedArg, Event, Held, HoldReply, HoldSet, Message, Verdict};
use crate::filter::{AUDIT_ARCH_I386, AUDIT_ARCH_X86_64, X32_BIT};
use crate::memory::{ProcessMemory, TraceeMemory};
use crate::rules::enforce::{Decision, Enforcer};
use crate::select::Selection;
use crate::sys::{self, Notification};
use crate::tables;
use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, PipeReader, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::FileExt;
use std::sync::mpsc::{Receiver, Sender, SyncSender};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

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
/// Events go to the consumer in batches of at most this many...
const BATCH: usize = 256;
/// ...and never later than this after the call.
const BATCH_DELAY_NS: u64 = 10_000_000;

/// The supervisor loop state.
pub struct Supervisor {
    listener: OwnedFd,
    tx: SyncSender<Message>,
    cfg: Config,
    seq: u64,
    stats: Stats,
    tasks: HashMap<u32, Task>,
    verdict_tx: Sender<(u64, Verdict)>,
    verdict_rx: Receiver<(u64, Verdict)>,
    wake_r: PipeReader,
    wake_w: Arc<io::PipeWriter>,
    held: HashMap<u64, ()>,
    pending: Vec<Event>,
    pending_since: u64,
    poll_failed: bool,
    rules: Option<Enforcer>,
    keeper: Option<crate::keeper::Link>,
}

const MAX_TASKS: usize = 4096;

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

impl Supervisor {
    /// A supervisor for `listener`, sending to `tx`.
    pub fn new(listener: OwnedFd, tx: SyncSender<Message>, mut cfg: Config) -> io::Result<Self> {
        let (wake_r, wake_w) = io::pipe()?;
        // Built here, on the supervisor thread: it gives the thread a umask
        // of its own.
        let rules = cfg
            .rules
            .take()
            .filter(|r| !r.is_empty())
            .map(|r| Enforcer::new(r, &cfg.helpers));
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
            tx,
            cfg,
            seq: 0,
            stats: Stats::default(),
            tasks: HashMap::new(),
            verdict_tx,
            verdict_rx,
            wake_r,
            wake_w: Arc::new(wake_w),
            held: HashMap::new(),
            pending: Vec::with_capacity(BATCH),
            pending_since: 0,
            poll_failed: false,
            rules,
            keeper,
        })
    }

    /// Runs until every tracee is gone. Never fails the tracee: errors
    /// answering one notification are counted and the loop goes on.
    pub fn run(mut self) -> Stats {
        use rustix::event::{poll, PollFd, PollFlags};
        loop {
            let (ready, hup, wake) = {
                let mut fds = [
                    PollFd::new(&self.listener, PollFlags::IN),
                    PollFd::new(&self.wake_r, PollFlags::IN),
                ];
                let timeout = (!self.pending.is_empty()).then(|| {
                    let waited = now_ns().saturating_sub(self.pending_since);
                    let left = BATCH_DELAY_NS.saturating_sub(waited);
                    rustix::event::Timespec {
                        tv_sec: 0,
                        tv_nsec: left as _,
                    }
                });
                match poll(&mut fds, timeout.as_ref()) {
                    Ok(0) => {
                        self.flush();
                        continue;
                    }
                    Ok(_) => {}
                    Err(rustix::io::Errno::INTR) => continue,
                    Err(e) => {
                        // Leaving would close the listener (ENOSYS for every
                        // tracee): say so once, then keep trying.
                        if !self.poll_failed {
                            self.poll_failed = true;
                            eprintln!(
                                "notrace: poll on the seccomp listener failed: {e}; retrying"
                            );
                        }
                        std::thread::sleep(std::time::Duration::from_millis(1));
                        continue;
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
                match sys::notif_recv(self.listener.as_fd()) {
                    Ok(n) => {
                        if let Some(k) = &mut self.keeper {
                            k.received(n.id);
                        }
                        self.handle_guarded(n)
                    }
                    Err(e)
                        if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::EINTR)) =>
                    {
                        self.stats.abandoned += 1;
                    }
                    Err(e) => {
                        eprintln!("notrace: receiving a notification failed: {e}");
                    }
                }
            } else if hup {
                break;
            }
            if !self.pending.is_empty()
                && now_ns().saturating_sub(self.pending_since) >= BATCH_DELAY_NS
            {
                self.flush();
            }
        }
        self.flush();
        self.stats
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
        self.tasks.entry(tid).or_insert_with(|| Task {
            tgid: read_tgid(tid).unwrap_or(tid as i32),
            comm: String::new(),
            comm_at: 0,
        })
    }

    fn comm(&mut self, tid: u32, now: u64) -> String {
        let task = self.task(tid);
        if now.saturating_sub(task.comm_at) < COMM_TTL_NS {
            return task.comm.clone();
        }
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
        task.comm.clone()
    }

    /// Hands the pending events to the consumer. Blocks while the consumer
    /// is behind: the tracees wait, nothing is lost. A consumer that is gone
    /// is not a reason to stop answering.
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let batch = std::mem::take(&mut self.pending);
            let _ = self.tx.send(Message::Batch(batch));
        }
    }

    /// [`Self::handle`], with a last line of defence: a bug that panics
    /// while decoding one call must not take the listener down (every
    /// tracee would get ENOSYS). The call is let through, and supervision
    /// goes on.
    fn handle_guarded(&mut self, n: Notification) {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(n)));
        // The caller's /proc/TID/mem, if a decoder or rule opened it.
        crate::memory::end_call();
        if r.is_err() {
            self.stats.panics += 1;
            let _ = sys::notif_continue(self.listener.as_fd(), n.id);
        }
    }

    fn handle(&mut self, n: Notification) {
        self.stats.received += 1;
        let time_ns = now_ns();
        let (arch, nr) = match n.arch {
            AUDIT_ARCH_X86_64 if n.nr as u32 & X32_BIT != 0 => (Arch::X32, n.nr as u32),
            AUDIT_ARCH_X86_64 => (Arch::X86_64, n.nr as u32),
            AUDIT_ARCH_I386 => (Arch::I386, n.nr as u32),
            _ => (Arch::native(), n.nr as u32),
        };
        let fd = self.listener.as_fd();
        let traced = self.cfg.selection.contains(arch, nr);
        let ruled = self.rules.as_ref().is_some_and(|r| r.covers(arch, nr));
        let def = tables::lookup(arch, nr);
        let exiting = def.is_some_and(|d| d.name == "exit_group");
        if !traced && !ruled {
            // Not chosen (exit_group, always notified; an x32 call): let it
            // run.
            let _ = sys::notif_continue(fd, n.id);
            if exiting {
                self.process_exits(n.tid, n.args[0], time_ns);
            }
            return;
        }
        let decision = if ruled {
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
        let name: Cow<'static, str> = match def {
            Some(d) => Cow::Borrowed(d.name),
            None => Cow::Owned(format!("syscall_{:#x}", nr)),
        };
        let comm = self.comm(n.tid, time_ns);
        let task = self.task(n.tid);
        let tgid = task.tgid;
        if matches!(name.as_ref(), "execve" | "execveat" | "prctl") {
            // The name may change with this call: read it afresh next time.
            task.comm_at = 0;
        }
        let mem = CheckedMemory {
            inner: ProcessMemory { pid: n.tid as i32 },
            touched: Cell::new(false),
        };
        let decoded = decode(def, &n, &mem, &self.cfg.decode);
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
            let defs = def.map(|d| d.args).unwrap_or(&[]);
            let host = crate::decode::ProcHost;
            let tid = n.tid as i32;
            if !crate::pathmatch::touches(&decoded, defs, &n.args, tid, &host, &self.cfg.paths) {
                self.answer(n.id, decision);
                return;
            }
        }
        self.seq += 1;
        let event = Event {
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
        if !matches!(decision, Decision::Pass) {
            // Decided by a rule: never held; answered before it is shown.
            self.answer(n.id, decision);
            self.queue(event, time_ns);
            return;
        }
        if held {
            self.flush();
            self.held.insert(n.id, ());
            let reply = HoldReply::new(n.id, self.verdict_tx.clone(), self.wake_w.clone());
            if let Err(e) = self.tx.send(Message::Held(Held { event, reply })) {
                // No consumer: the reply was dropped, which allows the call.
                drop(e);
                self.drain_verdicts();
            }
            return;
        }
        if sys::notif_continue(fd, n.id).is_err() {
            self.stats.abandoned += 1;
        }
        self.queue(event, time_ns);
        if exiting {
            self.process_exits(n.tid, n.args[0], time_ns);
        }
    }

    /// A process called exit_group(status): it cannot fail, so the process
    /// ends here. Reported for every process but the command itself, whose
    /// end notrace learns from waitpid (with death by signal too).
    fn process_exits(&mut self, tid: u32, status: u64, time_ns: u64) {
        let pid = self.task(tid).tgid;
        if pid == self.cfg.root {
            return;
        }
        self.flush();
        let _ = self.tx.send(Message::Exit(crate::event::ProcessExit {
            pid,
            time_ns,
            how: crate::event::ExitKind::Exited((status & 0xff) as i32),
        }));
    }

    /// Adds an answered call's event to the next batch.
    fn queue(&mut self, event: Event, time_ns: u64) {
        if self.pending.is_empty() {
            self.pending_since = time_ns;
        }
        self.pending.push(event);
        if self.pending.len() >= BATCH {
            self.flush();
        }
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
    let s = std::fs::read_to_string(format!("/proc/{tid}/status")).ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("Tgid:"))
        .and_then(|v| v.trim().parse().ok())
}
