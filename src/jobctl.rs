//! Job control: the command runs in a process group of its own, so that a
//! signal sent to notrace's group (`kill -INT -PGID`, a shell's `kill %1`)
//! reaches it once, through notrace, instead of twice. On a terminal where
//! notrace is in the foreground, the command's group is made the
//! foreground group (so ^C and ^Z reach it directly, once) and the terminal
//! is handed back when it stops or ends. See docs/tracing.md.

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

/// notrace's controlling terminal, if it has one.
pub struct Terminal {
    tty: OwnedFd,
    /// notrace's own process group.
    ours: rustix::process::Pid,
}

impl Terminal {
    /// The controlling terminal (`/dev/tty`), if notrace has one.
    pub fn open() -> Option<Terminal> {
        use rustix::fs::{open, Mode, OFlags};
        let tty = open(
            "/dev/tty",
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .ok()?;
        Some(Terminal {
            tty,
            ours: rustix::process::getpgrp(),
        })
    }

    /// The terminal, for the child to make its group the foreground one.
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.tty.as_fd()
    }

    /// Whether notrace's group is the terminal's foreground group.
    pub fn we_are_foreground(&self) -> bool {
        self.foreground() == Some(self.ours)
    }

    fn foreground(&self) -> Option<rustix::process::Pid> {
        rustix::termios::tcgetpgrp(&self.tty).ok()
    }

    /// Whether `pgid` is the terminal's foreground group.
    pub fn is_foreground(&self, pgid: i32) -> bool {
        self.foreground().map(|p| p.as_raw_nonzero().get()) == Some(pgid)
    }

    /// Makes `pgid` the foreground group. notrace blocks SIGTTOU in every
    /// thread, so this works from the background too.
    fn give_to(&self, pgid: i32) {
        if let Some(p) = rustix::process::Pid::from_raw(pgid) {
            let _ = rustix::termios::tcsetpgrp(&self.tty, p);
        }
    }

    /// Hands the terminal back to notrace's group if the command's group
    /// `pgid` holds it (after the command stopped or ended), so that the
    /// shell that started notrace finds it as it left it.
    pub fn take_back_from(&self, pgid: i32) {
        if self.is_foreground(pgid) {
            self.give_to(self.ours.as_raw_nonzero().get());
        }
    }
}

/// Whether notrace's stdin or stdout is a pipe or a socket: notrace is
/// then likely one process of a pipeline whose other members share the
/// terminal.
pub fn in_pipeline() -> bool {
    use rustix::fs::{fstat, FileType};
    let piped = |fd: BorrowedFd<'_>| {
        fstat(fd).is_ok_and(|st| {
            matches!(
                FileType::from_raw_mode(st.st_mode),
                FileType::Fifo | FileType::Socket
            )
        })
    };
    piped(rustix::stdio::stdin()) || piped(rustix::stdio::stdout())
}

/// Waits for the command `pid` (leader of its own group) to end, and
/// mirrors its stops on notrace, so that the shell sees the job stop: on a
/// terminal, when the command stops, notrace takes the terminal back, stops
/// itself with the same signal (its whole group for ^Z's SIGTSTP, as ^Z
/// would have stopped every process of the job), and once continued gives
/// the terminal back to the command if notrace is in the foreground, then
/// continues the command's group. Without a terminal a stop is left alone
/// (a debugger's SIGSTOP, say).
pub fn wait_command(pid: i32, term: Option<&Terminal>) -> io::Result<ExitStatus> {
    loop {
        let raw = crate::sys::wait_untraced(pid)?;
        let status = ExitStatus::from_raw(raw);
        let Some(sig) = status.stopped_signal() else {
            if let Some(t) = term {
                t.take_back_from(pid);
            }
            return Ok(status);
        };
        let Some(t) = term else { continue };
        t.take_back_from(pid);
        stop_ourselves(sig);
        if t.we_are_foreground() {
            t.give_to(pid);
        }
        continue_group(pid);
    }
}

fn stop_ourselves(sig: i32) {
    use rustix::process::{getpid, kill_current_process_group, kill_process, Signal};
    let Some(s) = Signal::from_named_raw(sig) else {
        return;
    };
    // Returns once notrace has been continued (or at once if its group is
    // orphaned, where the kernel discards stop signals).
    if sig == libc::SIGTSTP {
        let _ = kill_current_process_group(s);
    } else {
        let _ = kill_process(getpid(), s);
    }
}

fn continue_group(pgid: i32) {
    use rustix::process::{kill_process, kill_process_group, Pid, Signal};
    if let Some(p) = Pid::from_raw(pgid) {
        if kill_process_group(p, Signal::CONT).is_err() {
            let _ = kill_process(p, Signal::CONT);
        }
    }
}
