//! The keeper: a helper process holding a duplicate of the seccomp listener,
//! so that notrace's own death (SIGKILL, OOM, a crash) is not the tracee's
//! problem.
//!
//! Without it, the last reference to the listener dies with notrace and the
//! kernel fails every later notified call of every tracee with ENOSYS. The
//! keeper is forked early (see [`start`]), receives the listener over a
//! socketpair once the command is spawned, and then only waits: on a pidfd
//! of notrace and on the listener's POLLHUP (asked for with no event bits, so
//! the notifications themselves never wake it). When the last tracee is gone
//! it exits; when notrace dies first it takes over:
//!
//! * notifications notrace had received but not answered stay pending as
//!   long as anyone holds the listener. Their ids are sequential per filter
//!   and notrace publishes the first and the latest one it received in a
//!   shared page ([`Link::received`]); the keeper probes that range with
//!   `SECCOMP_IOCTL_NOTIF_ID_VALID` and answers each one still waiting;
//! * then it answers every new call until the last tracee is gone.
//!
//! Without deny rules every call is let through (CONTINUE). With rules, a
//! call some rule covers fails with EPERM (the keeper reads no memory and
//! matches nothing: it fails closed), and so does every call notrace left
//! unanswered (it may have been in the middle of emulating it).
//! `exit_group` and `exit` always run. Nothing is printed: the keeper holds
//! none of notrace's outputs, so that readers of notrace's pipes see end of
//! file when notrace exits.

use crate::event::Arch;
use crate::filter::{AUDIT_ARCH_I386, AUDIT_ARCH_X86_64, X32_BIT};
use crate::select::Selection;
use crate::sys::{self, SharedPage};
use rustix::event::{poll, PollFd, PollFlags, Timespec};
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// The keeper's name in `/proc/PID/comm` (at most 15 bytes).
pub const COMM: &str = "notrace-keeper";

/// Shared-page slots: whether anything was published, the first id received
/// and the latest.
const SLOT_HAVE: usize = 0;
const SLOT_FIRST: usize = 1;
const SLOT_LATEST: usize = 2;

/// Ids after the latest published one that are probed too: notrace may die
/// between receiving a notification and publishing its id. It has one
/// supervisor thread, so one would do; a few cost nothing.
const LOOKAHEAD: u64 = 8;
/// The most ids probed backwards from the latest one. A probe is one
/// ioctl (well under a microsecond): this bounds the scan to a fraction
/// of a second. A call received longer ago than this many notifications
/// and still unanswered (held in the TUI for that long) stays pending.
const MAX_SCAN: u64 = 1 << 20;
/// New calls are served every this many probes, so that the scan does not
/// keep running tracees waiting.
const SCAN_CHUNK: u64 = 4096;
/// How long notrace, at its normal end, waits for the keeper to exit so
/// that it can reap it.
const REAP_WAIT_MS: i64 = 500;

/// Notrace's side of a started keeper. Dropping it tells the keeper that
/// notrace is ending normally and reaps it.
pub struct Keeper {
    pid: i32,
    pidfd: Option<OwnedFd>,
    sock: Option<UnixStream>,
    page: Arc<SharedPage>,
}

/// The supervisor's end of the keeper: hands it the listener, then
/// publishes the id of each notification received.
pub struct Link {
    sock: Option<UnixStream>,
    page: Arc<SharedPage>,
    started: bool,
}

/// Forks the keeper. Call while notrace is single-threaded: the child
/// allocates and uses the standard library.
pub fn start(covered: Selection) -> io::Result<Keeper> {
    let page = Arc::new(SharedPage::new()?);
    let (ours, theirs) = UnixStream::pair()?;
    let me = sys::pidfd_open(std::process::id() as i32)?;
    // SAFETY: the caller (run::main) forks before spawning any thread.
    let pid = unsafe { sys::fork()? };
    if pid == 0 {
        drop(ours);
        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            keeper_main(theirs, me, &page, &covered)
        }))
        .unwrap_or(1);
        sys::exit_now(code);
    }
    drop(theirs);
    drop(me);
    Ok(Keeper {
        pid,
        pidfd: sys::pidfd_open(pid).ok(),
        sock: Some(ours),
        page,
    })
}

impl Keeper {
    /// The keeper's pid.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// The supervisor's end.
    pub fn link(&self) -> Link {
        Link {
            sock: self.sock.as_ref().and_then(|s| s.try_clone().ok()),
            page: self.page.clone(),
            started: false,
        }
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        // End of file tells the keeper notrace is finishing; it exits on
        // the listener's POLLHUP (normally there already). If tracees are
        // left (notrace is leaving early), it stays and answers them.
        self.sock = None;
        if let Some(pidfd) = &self.pidfd {
            let mut fds = [PollFd::new(pidfd, PollFlags::IN)];
            let t = Timespec {
                tv_sec: 0,
                tv_nsec: REAP_WAIT_MS * 1_000_000,
            };
            let _ = poll(&mut fds, Some(&t));
        }
        if let Some(p) = rustix::process::Pid::from_raw(self.pid) {
            let _ = rustix::process::waitpid(Some(p), rustix::process::WaitOptions::NOHANG);
        }
    }
}

impl Link {
    /// Sends a duplicate of `listener` to the keeper (once). A failure is
    /// said on stderr: notrace goes on, unprotected.
    pub fn hand_over(&mut self, listener: BorrowedFd<'_>) {
        let r = match self.sock.take() {
            Some(s) => sys::send_fd(s.as_fd(), listener),
            None => Err(io::Error::other("no socket to the keeper")),
        };
        if let Err(e) = r {
            crate::say!(
                "notrace: cannot hand the listener to the keeper ({e}): if notrace dies, traced calls will fail with ENOSYS"
            );
        }
    }

    /// Records that notification `id` was received. One relaxed store,
    /// after the first.
    #[inline]
    pub fn received(&mut self, id: u64) {
        self.page.slot(SLOT_LATEST).store(id, Ordering::Relaxed);
        if !self.started {
            self.started = true;
            self.page.slot(SLOT_FIRST).store(id, Ordering::Relaxed);
            self.page.slot(SLOT_HAVE).store(1, Ordering::Release);
        }
    }
}

/// Signals that must not end the keeper: it is in a session of its own,
/// so none comes from a terminal, but a `kill` aimed at notrace's process
/// group or a closed pipe must not end it either.
const IGNORED: [i32; 13] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGPIPE,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGTSTP,
    libc::SIGTTIN,
    libc::SIGTTOU,
    libc::SIGVTALRM,
    libc::SIGPROF,
];

/// The keeper process. Returns its exit status.
fn keeper_main(sock: UnixStream, notrace: OwnedFd, page: &SharedPage, covered: &Selection) -> i32 {
    // First: a same-uid tracee must never ptrace it or take its listener.
    if rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)
        .is_err()
    {
        return 1;
    }
    let _ = rustix::process::setsid();
    if let Ok(name) = std::ffi::CString::new(COMM) {
        let _ = rustix::thread::set_name(&name);
    }
    sys::ignore_signals(&IGNORED);
    // Pins no directory (an unmount, a removed test directory).
    let _ = std::env::set_current_dir("/");
    if sys::close_fds_except(&[sock.as_raw_fd(), notrace.as_raw_fd()]).is_err() {
        return 1;
    }
    if sock.set_nonblocking(true).is_err() {
        return 1;
    }
    let Some(listener) = wait_listener(&sock, &notrace) else {
        return 0;
    };
    if !watch(&listener, &notrace, sock) {
        return 0;
    }
    drop(notrace);
    take_over(&listener, page, covered);
    0
}

fn poll_retry(fds: &mut [PollFd<'_>], timeout: Option<&Timespec>) -> usize {
    loop {
        match poll(fds, timeout) {
            Ok(n) => return n,
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(1)),
        }
    }
}

/// Waits for the listener; `None` when notrace ended without sending one.
fn wait_listener(sock: &UnixStream, notrace: &OwnedFd) -> Option<OwnedFd> {
    loop {
        let mut fds = [
            PollFd::new(sock, PollFlags::IN),
            PollFd::new(notrace, PollFlags::IN),
        ];
        poll_retry(&mut fds, None);
        let dead = fds[1].revents().contains(PollFlags::IN);
        match sys::recv_fd(sock.as_fd()) {
            Ok(Some(l)) => return Some(l),
            Ok(None) => return None,
            // Anything notrace sent before dying is queued already.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock && !dead => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Waits while notrace supervises. True when notrace died with tracees
/// left; false when the last tracee is gone.
fn watch(listener: &OwnedFd, notrace: &OwnedFd, sock: UnixStream) -> bool {
    let mut sock = Some(sock);
    loop {
        // No event bits on the listener: POLLHUP is always reported, and
        // the wake-ups for new notifications (POLLIN) pass us by.
        let mut fds = vec![
            PollFd::new(listener, PollFlags::empty()),
            PollFd::new(notrace, PollFlags::IN),
        ];
        if let Some(s) = &sock {
            fds.push(PollFd::new(s, PollFlags::IN));
        }
        poll_retry(&mut fds, None);
        if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR) {
            return false;
        }
        if fds[1].revents().contains(PollFlags::IN) {
            return true;
        }
        let closed = fds
            .get(2)
            .is_some_and(|f| f.revents().intersects(PollFlags::IN | PollFlags::HUP));
        drop(fds);
        if closed {
            // notrace is ending normally; POLLHUP follows (or it left
            // tracees behind, and its exit hands them to us).
            let mut b = [0u8; 16];
            if matches!(
                io::Read::read(&mut sock.as_ref().unwrap(), &mut b),
                Ok(0) | Err(_)
            ) {
                sock = None;
            }
        }
    }
}

/// What the keeper answers for a call it receives: `None` lets it run,
/// `Some(errno)` fails it.
fn verdict(covered: &Selection, arch: u32, nr: i32) -> Option<i32> {
    let nr = nr as u32;
    let arch = match arch {
        AUDIT_ARCH_X86_64 if nr & X32_BIT != 0 => Arch::X32,
        AUDIT_ARCH_X86_64 => Arch::X86_64,
        AUDIT_ARCH_I386 => Arch::I386,
        _ => Arch::native(),
    };
    if crate::tables::lookup(arch, nr).is_some_and(|d| matches!(d.name, "exit_group" | "exit")) {
        return None;
    }
    covered.contains(arch, nr).then_some(libc::EPERM)
}

/// Receives and answers one notification, if one is there.
fn serve_one(listener: BorrowedFd<'_>, covered: &Selection) {
    // ENOENT (the caller went away) and EINTR are normal traffic.
    if let Ok(n) = sys::notif_recv(listener) {
        let _ = match verdict(covered, n.arch, n.nr) {
            None => sys::notif_continue(listener, n.id),
            Some(errno) => sys::notif_fail(listener, n.id, errno),
        };
    }
}

/// Serves whatever is queued now, without waiting.
fn serve_ready(listener: BorrowedFd<'_>, covered: &Selection) -> bool {
    let zero = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    loop {
        let mut fds = [PollFd::new(&listener, PollFlags::IN)];
        if poll_retry(&mut fds, Some(&zero)) == 0 {
            return true;
        }
        let r = fds[0].revents();
        if !r.contains(PollFlags::IN) {
            return !r.intersects(PollFlags::HUP | PollFlags::ERR);
        }
        serve_one(listener, covered);
    }
}

/// notrace is dead: answer what it left unanswered, then everything else
/// until the last tracee is gone.
fn take_over(listener: &OwnedFd, page: &SharedPage, covered: &Selection) {
    let fd = listener.as_fd();
    let answer_orphan = |id: u64| {
        if sys::notif_id_valid(fd, id) {
            // notrace may have been mid-way (emulating, reading memory):
            // with rules in force, fail closed.
            let _ = if covered.is_empty() {
                sys::notif_continue(fd, id)
            } else {
                sys::notif_fail(fd, id, libc::EPERM)
            };
        }
    };
    if page.slot(SLOT_HAVE).load(Ordering::Acquire) != 0 {
        let first = page.slot(SLOT_FIRST).load(Ordering::Relaxed);
        let latest = page.slot(SLOT_LATEST).load(Ordering::Relaxed);
        // Nothing received by us yet, so every id still in the "received"
        // state is notrace's, the unpublished ones included.
        for k in 1..=LOOKAHEAD {
            answer_orphan(latest.wrapping_add(k));
        }
        // Ids wrap; the newest are the likeliest to be waiting.
        let span = latest.wrapping_sub(first).min(MAX_SCAN - 1);
        for k in 0..=span {
            answer_orphan(latest.wrapping_sub(k));
            if k % SCAN_CHUNK == SCAN_CHUNK - 1 && !serve_ready(fd, covered) {
                return;
            }
        }
    }
    loop {
        let mut fds = [PollFd::new(listener, PollFlags::IN)];
        poll_retry(&mut fds, None);
        let r = fds[0].revents();
        if r.contains(PollFlags::IN) {
            serve_one(fd, covered);
        } else if r.intersects(PollFlags::HUP | PollFlags::ERR) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(s: &str) -> Selection {
        Selection::parse(s).unwrap()
    }

    #[test]
    fn without_rules_everything_runs() {
        let none = Selection::default();
        assert_eq!(
            verdict(&none, AUDIT_ARCH_X86_64, libc::SYS_openat as i32),
            None
        );
        assert_eq!(verdict(&none, AUDIT_ARCH_I386, 5), None);
    }

    #[test]
    fn covered_calls_fail_closed_on_every_abi() {
        let open = sel("openat");
        let nr = libc::SYS_openat as i32;
        assert_eq!(verdict(&open, AUDIT_ARCH_X86_64, nr), Some(libc::EPERM));
        // x32 openat: the native number with bit 30 set.
        let x32 = (nr as u32 | X32_BIT) as i32;
        assert_eq!(verdict(&open, AUDIT_ARCH_X86_64, x32), Some(libc::EPERM));
        // i386 openat is 295.
        assert_eq!(verdict(&open, AUDIT_ARCH_I386, 295), Some(libc::EPERM));
        assert_eq!(
            verdict(&open, AUDIT_ARCH_X86_64, libc::SYS_getpid as i32),
            None
        );
    }

    #[test]
    fn exit_group_always_runs() {
        let all = Selection::all();
        assert_eq!(
            verdict(&all, AUDIT_ARCH_X86_64, libc::SYS_exit_group as i32),
            None
        );
        assert_eq!(verdict(&all, AUDIT_ARCH_I386, 252), None);
        assert_eq!(
            verdict(&all, AUDIT_ARCH_X86_64, libc::SYS_write as i32),
            Some(libc::EPERM)
        );
    }
}
