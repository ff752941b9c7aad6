//! Calls notrace performs for a tracee that may block (a FIFO or device
//! open, a blocking connect) stay interruptible, as the tracee's own call
//! would be.
//!
//! While notrace performs such a call, the tracee sleeps in the seccomp
//! notification wait, which (`SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV`) only
//! a fatal signal ends. So the call runs on a worker thread, and a watcher
//! thread looks at the tracee every [`POLL`] ([`SLOW_POLL`] once it has
//! blocked for [`SLOW_AFTER`]): once a signal is deliverable to the waiting
//! thread, it interrupts the worker's call (a signal of our own,
//! [`kick_signal`], whose handler has no `SA_RESTART`, sent to that thread
//! alone, so the call fails with `EINTR`) and answers the tracee with
//! `-ERESTARTSYS`. The kernel then does what it does for its own
//! interrupted call: restarts it after a handler with `SA_RESTART` (a new
//! notification, decided afresh), fails it with `EINTR` after one without,
//! or stops the tracee and restarts the call on `SIGCONT`. If the worker's
//! call completed anyway, its result is the answer (no fd or connection is
//! lost). If the tracee is gone (killed), the call is interrupted and its
//! result dropped.
//!
//! `-ERESTARTSYS` reaches the tracee as errno 512 if no signal is pending
//! for that very thread when it wakes, so the watcher only interrupts when
//! the kernel's own choice of thread is certain (see
//! [`Tracee::deliverable`]).

use super::enforce::Answer;
use crate::sys;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A call to perform that may block.
pub type Op = Box<dyn FnOnce() -> Answer + Send>;

/// How often the watcher looks at the tracee while the call blocks: the
/// delay a signal may see, against the cost of a look (a /proc read and an
/// ioctl, a few tens of µs).
pub const POLL: Duration = Duration::from_millis(5);

/// A call blocked this long is looked at every [`SLOW_POLL`] instead.
pub const SLOW_AFTER: Duration = Duration::from_secs(1);

/// How often a long-blocked call is looked at.
pub const SLOW_POLL: Duration = Duration::from_millis(20);

/// How often an interrupted worker is signalled again until its call
/// returns (the first signal may land just before the call starts).
const KICK_EVERY: Duration = Duration::from_millis(1);

const STACK: usize = 256 * 1024;

/// The signal that interrupts a worker: a real-time one, which nothing
/// else in notrace sends or blocks, and which goes to a worker thread only
/// (by `tgkill`).
pub fn kick_signal() -> i32 {
    libc::SIGRTMAX() - 3
}

fn handler_installed() -> bool {
    static OK: OnceLock<bool> = OnceLock::new();
    *OK.get_or_init(|| sys::install_interrupt_handler(kick_signal()).is_ok())
}

/// Whether the worker may still be signalled: its thread id, and whether
/// its call has returned (then the id may soon name another thread).
#[derive(Default)]
struct WorkerState {
    tid: i32,
    done: bool,
}

/// Marks the worker done when its call returns, or unwinds.
struct DoneGuard(Arc<Mutex<WorkerState>>);

impl Drop for DoneGuard {
    fn drop(&mut self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).done = true;
    }
}

fn kick(state: &Mutex<WorkerState>) {
    let s = state.lock().unwrap_or_else(|e| e.into_inner());
    // The lock keeps the worker from finishing (and its thread id from
    // being reused) while we signal it.
    if !s.done && s.tid != 0 {
        let _ = sys::tgkill_own(s.tid, kick_signal());
    }
}

/// Performs `op` for the call `id` of tracee thread `tid` on a thread of
/// its own and answers the call from there, interrupting `op` when a
/// signal becomes deliverable to the tracee (see the module docs).
/// Returns at once; an error means no thread could be started and the
/// call is still unanswered.
pub fn start(listener: OwnedFd, id: u64, tid: u32, op: Op) -> io::Result<()> {
    let state = Arc::new(Mutex::new(WorkerState::default()));
    let (tx, rx) = mpsc::sync_channel::<Answer>(1);
    let worker_state = state.clone();
    let interruptible = handler_installed();
    let worker = move || {
        let guard = DoneGuard(worker_state.clone());
        if interruptible && sys::block_all_signals_but(kick_signal()).is_ok() {
            worker_state.lock().unwrap_or_else(|e| e.into_inner()).tid = sys::gettid();
        }
        let a = op();
        drop(guard);
        let _ = tx.send(a);
    };
    // The watcher starts the worker: if either cannot start, nothing was
    // done and the call is failed, never left waiting.
    let watcher = std::thread::Builder::new()
        .name("rule-wait".into())
        .stack_size(STACK)
        .spawn(move || {
            let started = std::thread::Builder::new()
                .name("rule-call".into())
                .stack_size(STACK)
                .spawn(worker);
            if started.is_err() {
                let _ = sys::notif_fail(listener.as_fd(), id, libc::EAGAIN);
                return;
            }
            watch(listener, id, tid, rx, &state);
        });
    watcher.map(|_| ())
}

/// Waits for the worker's answer, watching the tracee meanwhile, and
/// answers the call.
fn watch(
    listener: OwnedFd,
    id: u64,
    tid: u32,
    rx: mpsc::Receiver<Answer>,
    state: &Mutex<WorkerState>,
) {
    let fd = listener.as_fd();
    let mut tracee = Tracee::new(tid);
    let started = Instant::now();
    let mut interrupted = false;
    let mut gone = false;
    let answer = loop {
        let wait = if interrupted || gone {
            KICK_EVERY
        } else if started.elapsed() < SLOW_AFTER {
            POLL
        } else {
            SLOW_POLL
        };
        match rx.recv_timeout(wait) {
            Ok(a) => break a,
            Err(RecvTimeoutError::Disconnected) => {
                // The worker panicked: the call must not wait forever.
                if !gone {
                    let _ = sys::notif_fail(fd, id, libc::EIO);
                }
                return;
            }
            Err(RecvTimeoutError::Timeout) => {
                if interrupted || gone {
                    kick(state);
                } else if !sys::notif_id_valid(fd, id) {
                    gone = true;
                    kick(state);
                } else if tracee.deliverable() {
                    interrupted = true;
                    kick(state);
                }
            }
        }
    };
    if gone {
        // Nobody waits for it: an fd or a connection made now is dropped.
        return;
    }
    match answer {
        Answer::Error(libc::EINTR) if interrupted => {
            let _ = sys::notif_fail(fd, id, sys::ERESTARTSYS);
        }
        a => {
            let _ = a.send(fd, id);
        }
    }
}

/// The signal facts of one thread, from /proc/…/status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SigState {
    /// Thread group id.
    pub tgid: u32,
    /// Threads in the group.
    pub threads: u32,
    /// The state letter (`S`, `D`, `T`...).
    pub state: u8,
    /// Signals pending for this thread alone.
    pub pending: u64,
    /// Signals pending for the whole group.
    pub shared: u64,
    /// Signals this thread blocks.
    pub blocked: u64,
}

/// Parses the text of /proc/…/status.
pub fn parse_status(text: &str) -> Option<SigState> {
    let mut s = SigState::default();
    let hex = |v: &str| u64::from_str_radix(v, 16).ok();
    for line in text.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "Tgid" => s.tgid = v.parse().ok()?,
            "Threads" => s.threads = v.parse().ok()?,
            "State" => s.state = *v.as_bytes().first()?,
            "SigPnd" => s.pending = hex(v)?,
            "ShdPnd" => s.shared = hex(v)?,
            "SigBlk" => s.blocked = hex(v)?,
            _ => {}
        }
    }
    (s.tgid != 0).then_some(s)
}

fn status_of(path: &str) -> Option<SigState> {
    parse_status(&crate::procfs::read_lossy(path).ok()?)
}

/// Looks at one waiting tracee thread, again and again: its status file
/// stays open (a read then costs no path lookup, and fails once the
/// thread is gone rather than reading a thread that took its id).
pub struct Tracee {
    tid: u32,
    status: Option<std::fs::File>,
    buf: Vec<u8>,
}

impl Tracee {
    /// Thread `tid` (its id in our pid namespace).
    pub fn new(tid: u32) -> Tracee {
        Tracee {
            tid,
            status: std::fs::File::open(format!("/proc/{tid}/status")).ok(),
            buf: Vec::with_capacity(2048),
        }
    }

    fn read(&mut self) -> Option<SigState> {
        use std::os::unix::fs::FileExt;
        let f = self.status.as_ref()?;
        self.buf.resize(self.buf.capacity().max(2048), 0);
        loop {
            let n = f.read_at(&mut self.buf, 0).ok()?;
            if n < self.buf.len() {
                return parse_status(std::str::from_utf8(&self.buf[..n]).ok()?);
            }
            let more = self.buf.len() * 2;
            self.buf.resize(more, 0);
        }
    }

    /// Whether a signal is pending that the kernel will make the thread
    /// (asleep in the notification wait) act on when it wakes, so that an
    /// answer of `-ERESTARTSYS` is handled as the kernel's own: a signal
    /// pending for that thread alone and not blocked by it; a signal
    /// pending for the group that it does not block, when it is the only
    /// thread, the main thread (which the kernel picks first) or the only
    /// one not blocking it; or a group stop under way (another thread
    /// stopped). Where another thread may take the signal, the call goes
    /// on.
    pub fn deliverable(&mut self) -> bool {
        let Some(me) = self.read() else {
            return false;
        };
        decide(self.tid, &me, |all| others(me.tgid, self.tid, all))
    }
}

/// The other threads of group `tgid` than `tid`: all of them, or (not
/// `all`) only the main thread unless it has exited (the cheap look for
/// a group stop, which stops the main thread too).
fn others(tgid: u32, tid: u32, all: bool) -> Vec<SigState> {
    if !all {
        if let Some(main) = status_of(&format!("/proc/{tgid}/status")) {
            if main.state != b'Z' {
                return vec![main];
            }
        }
    }
    let Ok(dir) = std::fs::read_dir(format!("/proc/{tgid}/task")) else {
        return Vec::new();
    };
    dir.flatten()
        .filter(|e| e.file_name().to_str() != Some(&tid.to_string()))
        .filter_map(|e| status_of(&format!("{}/status", e.path().display())))
        .collect()
}

/// [`Tracee::deliverable`] on facts already read; `others(all)` gives the
/// other threads of the group (with `all` false, the main thread alone
/// will do unless it has exited).
pub fn decide(tid: u32, me: &SigState, others: impl Fn(bool) -> Vec<SigState>) -> bool {
    if me.pending & !me.blocked != 0 {
        return true;
    }
    let shared = me.shared & !me.blocked;
    if me.threads <= 1 || tid == me.tgid {
        return shared != 0;
    }
    let others = others(shared != 0);
    if others.iter().any(|o| o.state == b'T') {
        return true;
    }
    if shared == 0 {
        return false;
    }
    let blocked_by_all = others.iter().fold(!0u64, |acc, o| acc & o.blocked);
    shared & blocked_by_all != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGINT_BIT: u64 = 1 << (libc::SIGINT - 1);

    fn st(tgid: u32, threads: u32, state: u8, pending: u64, shared: u64, blocked: u64) -> SigState {
        SigState {
            tgid,
            threads,
            state,
            pending,
            shared,
            blocked,
        }
    }

    #[test]
    fn parses_proc_status() {
        let text = "Name:\tcat\nState:\tD (disk sleep)\nTgid:\t42\nThreads:\t1\n\
                    SigQ:\t0/1\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000002\n\
                    SigBlk:\t0000000000010000\nSigIgn:\t0\n";
        let s = parse_status(text).unwrap();
        assert_eq!(s, st(42, 1, b'D', 0, SIGINT_BIT, 0x10000));
    }

    #[test]
    fn a_signal_for_the_thread_is_deliverable_unless_blocked() {
        let me = st(10, 3, b'D', SIGINT_BIT, 0, 0);
        assert!(decide(11, &me, |_| Vec::new()));
        let me = st(10, 3, b'D', SIGINT_BIT, 0, SIGINT_BIT);
        assert!(!decide(11, &me, |_| Vec::new()));
    }

    #[test]
    fn a_group_signal_is_deliverable_to_a_lone_or_main_thread() {
        let lone = st(10, 1, b'D', 0, SIGINT_BIT, 0);
        assert!(decide(10, &lone, |_| panic!(
            "one thread: no others to read"
        )));
        let main = st(10, 2, b'D', 0, SIGINT_BIT, 0);
        assert!(decide(10, &main, |_| Vec::new()));
        let blocked = st(10, 1, b'D', 0, SIGINT_BIT, SIGINT_BIT);
        assert!(!decide(10, &blocked, |_| Vec::new()));
    }

    #[test]
    fn a_group_signal_another_thread_may_take_leaves_the_call_alone() {
        let me = st(10, 2, b'D', 0, SIGINT_BIT, 0);
        let open = st(10, 2, b'S', 0, SIGINT_BIT, 0);
        assert!(!decide(11, &me, |_| vec![open.clone()]));
        let blocking = st(10, 2, b'S', 0, SIGINT_BIT, SIGINT_BIT);
        assert!(decide(11, &me, |_| vec![blocking.clone()]));
    }

    #[test]
    fn a_group_stop_under_way_is_deliverable() {
        let me = st(10, 2, b'D', 0, 0, 0);
        let stopped = st(10, 2, b'T', 0, 0, 0);
        assert!(decide(11, &me, |_| vec![stopped.clone()]));
        let idle = st(10, 2, b'S', 0, 0, 0);
        assert!(!decide(11, &me, |_| vec![idle.clone()]));
    }
}
