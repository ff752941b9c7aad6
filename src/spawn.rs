//! Starting the command under the filter.
//!
//! The child (between fork and exec) sets NO_NEW_PRIVS, loads the filter
//! with `SECCOMP_FILTER_FLAG_NEW_LISTENER` (plus `WAIT_KILLABLE_RECV` where
//! the kernel has it), publishes the listener's fd number in a shared page
//! and calls execve, which the filter always notifies: the child waits in
//! the kernel (never spinning, so a real-time child on one CPU cannot
//! starve the parent) until the parent has taken the listener with
//! `pidfd_getfd` and answered. The listener is close-on-exec, so the
//! tracee never holds it.

use crate::sys::{self, BpfInsn, Handshake};
use std::ffi::OsString;
use std::io;
use std::os::fd::{AsFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Why the command could not be started.
#[derive(Debug)]
pub enum SpawnError {
    /// Not found in PATH (exit 127).
    NotFound(String),
    /// Found but not executable (exit 126).
    NotExecutable(String, io::Error),
    /// Anything else (exit 126 too, as a shell does for exec failures).
    Other(String, io::Error),
}

impl SpawnError {
    /// The exit status a shell would give.
    pub fn exit_code(&self) -> i32 {
        match self {
            SpawnError::NotFound(_) => 127,
            _ => 126,
        }
    }
}

impl std::fmt::Display for SpawnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SpawnError::NotFound(c) => write!(f, "{c}: command not found"),
            SpawnError::NotExecutable(c, e) => write!(f, "{c}: cannot execute: {e}"),
            SpawnError::Other(c, e) => write!(f, "{c}: {e}"),
        }
    }
}

/// Finds `cmd` the way a shell does: a name with a `/` is used as is,
/// otherwise the first executable regular file in `$PATH` (a non-executable
/// match is remembered for the 126 message).
pub fn resolve(cmd: &str) -> Result<PathBuf, SpawnError> {
    use std::os::unix::fs::PermissionsExt;
    let check = |p: &Path| -> Option<Result<PathBuf, io::Error>> {
        let md = std::fs::metadata(p).ok()?;
        if md.is_dir() {
            return Some(Err(io::Error::from_raw_os_error(libc::EISDIR)));
        }
        if md.permissions().mode() & 0o111 == 0 {
            return Some(Err(io::Error::from_raw_os_error(libc::EACCES)));
        }
        Some(Ok(p.to_path_buf()))
    };
    if cmd.is_empty() {
        return Err(SpawnError::NotFound(cmd.to_string()));
    }
    if cmd.contains('/') {
        return match check(Path::new(cmd)) {
            Some(Ok(p)) => Ok(p),
            Some(Err(e)) => Err(SpawnError::NotExecutable(cmd.to_string(), e)),
            None => Err(SpawnError::NotFound(cmd.to_string())),
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_else(|| OsString::from("/usr/bin:/bin"));
    let mut denied = None;
    for dir in std::env::split_paths(&path) {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        match check(&dir.join(cmd)) {
            Some(Ok(p)) => return Ok(p),
            Some(Err(e)) => {
                denied.get_or_insert(e);
            }
            None => {}
        }
    }
    match denied {
        Some(e) => Err(SpawnError::NotExecutable(cmd.to_string(), e)),
        None => Err(SpawnError::NotFound(cmd.to_string())),
    }
}

/// How the child's standard streams are set up.
pub enum ChildStdio {
    /// Inherit notrace's stdin, stdout and stderr.
    Inherit,
    /// Inherit stdin and stderr; stdout goes to notrace's stderr (so that
    /// notrace's stdout carries pure JSONL).
    StdoutToStderr,
    /// A pseudo-terminal: the slave becomes stdin, stdout, stderr and the
    /// controlling terminal of a new session.
    Pty(OwnedFd),
}

/// Which process group the command runs in (with [`ChildStdio::Pty`] it
/// leads a session of its own whatever this says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// notrace's own.
    Same,
    /// A new one, led by the command.
    Own,
    /// A new one, made the foreground group of this terminal.
    OwnForeground(RawFd),
}

/// A started command and the thread supervising it.
pub struct Started<T> {
    /// The child process.
    pub child: Child,
    /// The thread running `supervise`; it ends when the last tracee is gone
    /// (`None` only if the listener could not be taken).
    pub supervisor: JoinHandle<Option<T>>,
}

/// The listener, as taken from the child.
pub struct Taken {
    /// The seccomp listener.
    pub listener: OwnedFd,
    /// Whether `SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP` could be set.
    pub sync_wakeup: bool,
    /// The child's pid.
    pub pid: i32,
}

/// What the command gets besides its argv (strace's `-E` and `-u`).
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// `-E VAR=VAL` (set) and `-E VAR` (removed), in order.
    pub env: Vec<(OsString, Option<OsString>)>,
    /// `-u USER`.
    pub user: Option<sys::UserIds>,
}

/// Starts `argv` (`argv[0]` already resolved to `path`) under `prog`, and
/// runs `supervise(taken)` on a thread of its own as soon as
/// the listener is taken, before the child execs: the exec itself may be a
/// call the filter notifies.
///
/// With [`Group::OwnForeground`] the child makes its new group the
/// terminal's foreground group before exec, so that it never runs in the
/// background there (see [`crate::jobctl`]).
/// `before_exec(pid)` runs once the listener is taken, while the child
/// still waits to exec (what must be attached to the child before its
/// exec: the syscall-exit tracepoints, enabled on exec).
// Each argument is one separate thing the start needs; a struct would
// only rename them.
#[allow(clippy::too_many_arguments)]
pub fn spawn<T, F>(
    path: &Path,
    argv: &[OsString],
    setup: Setup,
    prog: Vec<BpfInsn>,
    stdio: ChildStdio,
    group: Group,
    before_exec: Box<dyn FnOnce(i32) + Send>,
    supervise: F,
) -> Result<Started<T>, SpawnError>
where
    T: Send + 'static,
    F: FnOnce(Taken) -> T + Send + 'static,
{
    let shown = argv[0].to_string_lossy().into_owned();
    let other = |e: io::Error| SpawnError::Other(shown.clone(), e);
    let hs = Arc::new(Handshake::new().map_err(other)?);
    let mut cmd = Command::new(path);
    cmd.arg0(&argv[0]).args(&argv[1..]);
    for (var, val) in &setup.env {
        match val {
            Some(v) => cmd.env(var, v),
            None => cmd.env_remove(var),
        };
    }
    let user = setup.user;
    let mut tty_setup = false;
    match stdio {
        ChildStdio::Inherit => {}
        ChildStdio::StdoutToStderr => {
            let err = io::stderr().as_fd().try_clone_to_owned().map_err(other)?;
            cmd.stdout(Stdio::from(err));
        }
        ChildStdio::Pty(slave) => {
            let a = slave.try_clone().map_err(other)?;
            let b = slave.try_clone().map_err(other)?;
            cmd.stdin(Stdio::from(slave))
                .stdout(Stdio::from(a))
                .stderr(Stdio::from(b));
            tty_setup = true;
        }
    }
    let child_hs = hs.clone();
    let nofile = raise_nofile();
    // SAFETY: the closure runs in the forked child before exec and only
    // makes raw syscalls (setsid, setpgid, ioctl, prlimit64, setgroups,
    // setresgid, setresuid, prctl, seccomp,
    // getpid) and atomic stores to the shared page: no allocation, no locks.
    // `prog` is moved in and lives as long as the closure. The descriptor in
    // `group` is one notrace keeps open until the command has ended.
    unsafe {
        cmd.pre_exec(move || {
            if let Some(limit) = &nofile {
                // The command gets the fd limit notrace was started with.
                let _ = rustix::process::setrlimit(rustix::process::Resource::Nofile, *limit);
            }
            if tty_setup {
                let _ = rustix::process::setsid();
                let _ = rustix::process::ioctl_tiocsctty(rustix::stdio::stdin());
            } else if group != Group::Same {
                let _ = rustix::process::setpgid(None, None);
                if let Group::OwnForeground(fd) = group {
                    // SIGTTOU is still blocked here (inherited from
                    // notrace), so a background group may take the terminal.
                    let tty = std::os::fd::BorrowedFd::borrow_raw(fd);
                    let _ = rustix::termios::tcsetpgrp(tty, rustix::process::getpid());
                }
            }
            // notrace blocks the signals it forwards; the command must not.
            sys::unblock_all_signals();
            if let Some(u) = &user {
                // Before the filter: without privileges it needs
                // no_new_privs, set below anyway.
                if let Err(e) = sys::switch_user(u) {
                    child_hs.publish_error(e.raw_os_error().unwrap_or(libc::EIO));
                    return Err(e);
                }
            }
            // A notrace with file capabilities (cap_perfmon) is not
            // dumpable, nor is this child until it execs: notrace could
            // not take the listener from it (pidfd_getfd says EPERM). The
            // exec sets dumpability anew for the command.
            let _ =
                rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::Dumpable);
            let pid = sys::raw_getpid();
            if let Err(e) = sys::set_no_new_privs() {
                child_hs.publish_error(e.raw_os_error().unwrap_or(libc::EIO));
                return Err(e);
            }
            let base = libc::SECCOMP_FILTER_FLAG_NEW_LISTENER;
            let killable = libc::SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
            let fd = match sys::seccomp_set_filter(&prog, base | killable) {
                Ok(fd) => fd,
                Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {
                    match sys::seccomp_set_filter(&prog, base) {
                        Ok(fd) => fd,
                        Err(e) => {
                            child_hs.publish_error(e.raw_os_error().unwrap_or(libc::EIO));
                            return Err(e);
                        }
                    }
                }
                Err(e) => {
                    child_hs.publish_error(e.raw_os_error().unwrap_or(libc::EIO));
                    return Err(e);
                }
            };
            child_hs.publish(pid, fd);
            // No wait here: the execve that follows waits in the kernel for
            // the supervisor's answer (run.rs notifies execve always).
            Ok(())
        });
    }
    // The parent takes the listener on a thread of its own: Command::spawn
    // only returns once the child has exec'd, which it does after our ack.
    let stop = Arc::new(AtomicBool::new(false));
    let (taken_tx, taken_rx) = std::sync::mpsc::channel();
    let supervisor = {
        let hs = hs.clone();
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("supervisor".into())
            .spawn(move || match take_listener(&hs, &stop, before_exec) {
                Ok(taken) => {
                    let _ = taken_tx.send(Ok(()));
                    Some(supervise(taken))
                }
                Err(e) => {
                    let _ = taken_tx.send(Err(e));
                    None
                }
            })
            .map_err(other)?
    };
    let spawned = cmd.spawn();
    stop.store(true, Ordering::SeqCst);
    let taken = taken_rx
        .recv()
        .unwrap_or_else(|_| Err(io::Error::other("supervisor thread failed")));
    let child = match spawned {
        Ok(c) => c,
        Err(e) => {
            return Err(match e.raw_os_error() {
                Some(libc::ENOENT) => SpawnError::NotFound(shown),
                Some(libc::EACCES) | Some(libc::ENOEXEC) | Some(libc::EISDIR) => {
                    SpawnError::NotExecutable(shown, e)
                }
                _ => SpawnError::Other(shown, e),
            })
        }
    };
    match taken {
        Ok(()) => Ok(Started { child, supervisor }),
        Err(e) => Err(SpawnError::Other(shown, e)),
    }
}

/// Raises notrace's own soft `RLIMIT_NOFILE` to the hard limit, once, and
/// returns the limit as it was, for the command to get back (`None` when
/// nothing changed). notrace needs fds of its own for the calls it performs
/// for tracees (an emulated open holds two or three at once, a deferred
/// one more, on helper threads): with the tracees' limit, a command that
/// uses its fds would starve notrace, and notrace would fail its calls.
pub fn raise_nofile() -> Option<rustix::process::Rlimit> {
    use rustix::process::{getrlimit, setrlimit, Resource};
    static ORIGINAL: OnceLock<Option<rustix::process::Rlimit>> = OnceLock::new();
    *ORIGINAL.get_or_init(|| {
        let old = getrlimit(Resource::Nofile);
        let raised = rustix::process::Rlimit {
            current: old.maximum,
            maximum: old.maximum,
        };
        if old.current == old.maximum || setrlimit(Resource::Nofile, raised).is_err() {
            return None;
        }
        Some(old)
    })
}

fn take_listener(
    hs: &Handshake,
    stop: &AtomicBool,
    before_exec: Box<dyn FnOnce(i32) + Send>,
) -> io::Result<Taken> {
    let start = Instant::now();
    let (pid, fd): (i32, RawFd) = loop {
        match hs.poll() {
            Some(Ok(v)) => break v,
            Some(Err(errno)) => {
                let e = io::Error::from_raw_os_error(errno);
                return Err(io::Error::new(
                    e.kind(),
                    format!("loading the seccomp filter failed: {e}"),
                ));
            }
            None if stop.load(Ordering::SeqCst) => {
                return Err(io::Error::other(
                    "the child ended before loading the filter",
                ))
            }
            None => {
                if start.elapsed() > Duration::from_millis(2) {
                    std::thread::sleep(Duration::from_micros(100));
                } else {
                    std::hint::spin_loop();
                }
            }
        }
    };
    let taken = sys::pidfd_open(pid).and_then(|pidfd| sys::pidfd_getfd(pidfd.as_fd(), fd));
    if taken.is_err() {
        // Its filter has no one to answer it: every notified call would
        // fail with ENOSYS. It must not run at all.
        if let Some(p) = rustix::process::Pid::from_raw(pid) {
            let _ = rustix::process::kill_process(p, rustix::process::Signal::KILL);
        }
    } else {
        before_exec(pid);
    }
    let listener = taken.map_err(|e| {
        io::Error::new(e.kind(), format!("taking the seccomp listener failed: {e}"))
    })?;
    let sync_wakeup = sys::notif_set_sync_wakeup(listener.as_fd()).is_ok();
    Ok(Taken {
        listener,
        sync_wakeup,
        pid,
    })
}
