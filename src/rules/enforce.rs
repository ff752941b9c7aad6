//! Enforcing deny rules for the supervisor: gathers what a call names
//! (paths, socket addresses), matches the rules, and, where a rule looks at
//! memory the tracee could change after the check, performs the call
//! itself on exactly the bytes it checked:
//!
//! * the open family is opened here (in two steps: an `O_PATH` open whose
//!   real path and inode are matched too, then a reopen with the tracee's
//!   flags) and the fd handed over with `SECCOMP_IOCTL_NOTIF_ADDFD`;
//! * `connect` and `bind` are made here on the tracee's own socket, taken
//!   with `pidfd_getfd`, and answered with their result.
//!
//! Emulation only happens for a tracee whose credentials, root directory
//! and mount namespace are notrace's own; otherwise the call fails closed
//! with `EPERM`. Everything else a rule covers is matched and, if allowed,
//! let through (check-then-continue: best-effort for memory rules, exact
//! for register rules). See `docs/rules.md`.

use super::addr::{parse_sockaddr, SockAddr};
use super::{absolute, normalize, Facts, RuleSet, OPEN_FAMILY};
use crate::event::Arch;
use crate::kinds::ArgKind;
use crate::memory::{read_bytes, read_cstring, ProcessMemory};
use crate::sys::{self, Notification, SockOp};
use crate::tables::{self, SyscallDef};
use std::ffi::CString;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;

/// The rule text given for calls refused because notrace cannot act for
/// the tracee with the tracee's own privileges.
pub const CREDS_DIFFER: &str = "(notrace: tracee credentials differ from notrace's; not emulated)";

/// The rule text given for covered calls of a tracee notrace cannot look
/// at (its /proc entries refuse us: a non-dumpable process).
pub const NOT_INSPECTABLE: &str = "(notrace: cannot inspect the tracee; not emulated)";

/// What to do with a covered call.
pub enum Decision {
    /// No rule matched and the call may run as it is (CONTINUE).
    Pass,
    /// Fail it with `errno`; `rule` names why.
    Deny {
        /// Positive errno.
        errno: i32,
        /// The rule's text.
        rule: String,
    },
    /// notrace performed the call; this is its result, to send.
    Answer(Answer),
    /// The caller is gone (or its id went stale while we looked).
    Gone,
}

/// The result of a call notrace performed for the tracee.
pub enum Answer {
    /// A new fd to install in the tracee (`newfd_flags`, e.g. O_CLOEXEC).
    Fd(OwnedFd, u32),
    /// A plain return value.
    Value(i64),
    /// A failure (positive errno).
    Error(i32),
    /// A call that may block (a FIFO open, a blocking connect): performed
    /// on a thread of its own, which answers when it is done.
    Later(Box<dyn FnOnce() -> Answer + Send>),
}

impl Answer {
    /// Answers notification `id` with this result.
    pub fn send(self, listener: BorrowedFd<'_>, id: u64) -> io::Result<()> {
        match self {
            Answer::Fd(fd, flags) => {
                match sys::notif_addfd_send(listener, id, fd.as_fd(), flags) {
                    Ok(_) => Ok(()),
                    // The caller is gone.
                    Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Err(e),
                    // Installing the fd failed (EMFILE: the tracee is at
                    // RLIMIT_NOFILE): the call is still pending, and is
                    // answered with that error as open(2) would.
                    Err(e) => sys::notif_fail(listener, id, errno_of(&e)),
                }
            }
            Answer::Value(v) => sys::notif_return(listener, id, v),
            Answer::Error(e) => sys::notif_fail(listener, id, e),
            Answer::Later(f) => {
                // Unanswered, the call would wait forever: fail it instead.
                let l = match listener.try_clone_to_owned() {
                    Ok(l) => l,
                    Err(e) => return sys::notif_fail(listener, id, errno_of(&e)),
                };
                // Watched: once the caller stops waiting, the call is
                // interrupted, and its thread and fds go.
                let spawned = crate::deferred::run(l, id, f, move |l, a: Answer| {
                    let _ = a.send(l.as_fd(), id);
                });
                match spawned {
                    Ok(_) => Ok(()),
                    Err(_) => sys::notif_fail(listener, id, libc::EAGAIN),
                }
            }
        }
    }
}

/// Who a tracee is, as far as acting for it goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Identity {
    uid: String,
    gid: String,
    groups: String,
    cap_eff: String,
    cap_prm: String,
    root: (u64, u64),
    mnt_ns: Vec<u8>,
}

/// A tracee's facts from /proc.
struct TaskInfo {
    tgid: i32,
    umask: u32,
    who: Identity,
}

fn read_task(proc_dir: &str) -> Option<TaskInfo> {
    use std::os::unix::fs::MetadataExt;
    let status = std::fs::read_to_string(format!("{proc_dir}/status")).ok()?;
    let mut t = TaskInfo {
        tgid: 0,
        umask: 0o022,
        who: Identity::default(),
    };
    for line in status.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "Tgid" => t.tgid = v.parse().ok()?,
            "Umask" => t.umask = u32::from_str_radix(v, 8).ok()?,
            "Uid" => t.who.uid = v.to_string(),
            "Gid" => t.who.gid = v.to_string(),
            "Groups" => t.who.groups = v.to_string(),
            "CapEff" => t.who.cap_eff = v.to_string(),
            "CapPrm" => t.who.cap_prm = v.to_string(),
            _ => {}
        }
    }
    let root = std::fs::metadata(format!("{proc_dir}/root")).ok()?;
    t.who.root = (root.dev(), root.ino());
    t.who.mnt_ns = std::fs::read_link(format!("{proc_dir}/ns/mnt"))
        .ok()?
        .as_os_str()
        .as_bytes()
        .to_vec();
    Some(t)
}

/// The supervisor's rule engine.
pub struct Enforcer {
    rules: RuleSet,
    me: Option<Identity>,
    /// Whether this thread has its own umask (unshare(CLONE_FS) worked).
    own_fs: bool,
}

const O_PATH_FLAGS: u64 = (libc::O_PATH | libc::O_CLOEXEC) as u64;
/// The open flags the kernel knows (VALID_OPEN_FLAGS): open/openat drop
/// the rest silently, openat2 rejects them, so they are dropped for
/// open/openat before calling openat2.
const VALID_OPEN_FLAGS: u64 = (libc::O_ACCMODE
    | libc::O_CREAT
    | libc::O_EXCL
    | libc::O_NOCTTY
    | libc::O_TRUNC
    | libc::O_APPEND
    | libc::O_NONBLOCK
    | libc::O_DSYNC
    | libc::O_ASYNC
    | libc::O_DIRECT
    | libc::O_LARGEFILE
    | libc::O_DIRECTORY
    | libc::O_NOFOLLOW
    | libc::O_NOATIME
    | libc::O_CLOEXEC
    | libc::O_SYNC
    | libc::O_PATH
    | libc::O_TMPFILE) as u64;
const RESOLVE_BENEATH: u64 = 0x08;
const RESOLVE_IN_ROOT: u64 = 0x10;
const PATH_MAX: usize = 4096;

/// i386 `socketcall` sub-call numbers and the syscall each stands for.
const SOCKETCALLS: [(u64, &str); 20] = [
    (1, "socket"),
    (2, "bind"),
    (3, "connect"),
    (4, "listen"),
    (5, "accept"),
    (6, "getsockname"),
    (7, "getpeername"),
    (8, "socketpair"),
    (9, "sendto"),
    (10, "recvfrom"),
    (11, "sendto"),
    (12, "recvfrom"),
    (13, "shutdown"),
    (14, "setsockopt"),
    (15, "getsockopt"),
    (16, "sendmsg"),
    (17, "recvmsg"),
    (18, "accept4"),
    (19, "recvmmsg"),
    (20, "sendmmsg"),
];

/// The i386 `socketcall` number.
pub const I386_SOCKETCALL: u32 = 102;

/// Adds i386 `socketcall` to `rules`' selection where a rule covers one of
/// its sub-calls on i386, so the multiplexer is no way around a rule.
pub fn cover_socketcall(rules: &mut RuleSet) {
    for r in &mut rules.rules {
        let hit = SOCKETCALLS.iter().any(|(_, n)| {
            tables::by_name(Arch::I386, n).is_some_and(|d| r.selection.contains(Arch::I386, d.nr))
        });
        if hit {
            if let Some((_, s)) = r.selection.sets.iter_mut().find(|(a, _)| *a == Arch::I386) {
                s.insert(I386_SOCKETCALL);
            }
        }
    }
}

/// The rule text of the refusal of `io_uring_setup` while rules are in
/// force.
pub const IO_URING_REFUSED: &str =
    "io_uring_setup (notrace: io_uring would get around the deny rules)";

/// Adds a rule refusing `io_uring_setup` (EPERM) when any rule is in
/// force: an io_uring opens, connects, unlinks... without a syscall the
/// filter could see, so it would be a way around every rule.
pub fn cover_io_uring(rules: &mut RuleSet) {
    if rules.is_empty() {
        return;
    }
    let Ok(selection) = crate::select::Selection::parse("io_uring_setup") else {
        return;
    };
    rules.rules.push(super::Rule {
        text: IO_URING_REFUSED.to_string(),
        selection,
        paths: Vec::new(),
        addrs: Vec::new(),
        ports: Vec::new(),
        args: Vec::new(),
        errno: libc::EPERM,
    });
}

fn cstring(b: &[u8]) -> Option<CString> {
    CString::new(b.to_vec()).ok()
}

fn errno_of(e: &io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

fn fd_path(fd: RawFd) -> Option<Vec<u8>> {
    std::fs::read_link(format!("/proc/self/fd/{fd}"))
        .ok()
        .map(|p| p.as_os_str().as_bytes().to_vec())
}

fn ident(fd: BorrowedFd<'_>) -> Option<((u64, u64), u32)> {
    let st = rustix::fs::fstat(fd).ok()?;
    Some(((st.st_dev, st.st_ino), st.st_mode))
}

/// How one call of the open family is spelled.
struct OpenArgs {
    dirfd: i32,
    path: u64,
    flags: u64,
    mode: u64,
    resolve: u64,
}

impl Enforcer {
    /// An engine for `rules`. Call it on the supervisor thread: it gives
    /// that thread a umask of its own.
    pub fn new(mut rules: RuleSet) -> Enforcer {
        cover_socketcall(&mut rules);
        let own_fs = sys::unshare_fs().is_ok();
        Enforcer {
            rules,
            me: read_task("/proc/thread-self").map(|t| t.who),
            own_fs,
        }
    }

    /// Whether any rule covers `nr` of `arch` (the call must be decided).
    pub fn covers(&self, arch: Arch, nr: u32) -> bool {
        self.rules.covers(arch, nr)
    }

    fn memory_rules(&self, arch: Arch, nr: u32) -> bool {
        self.rules
            .rules
            .iter()
            .any(|r| r.needs_memory() && r.covers(arch, nr))
    }

    /// Decides a covered call: matches the rules and, where a rule reads
    /// tracee memory and the call can be performed here, performs it.
    pub fn decide(
        &mut self,
        listener: BorrowedFd<'_>,
        n: &Notification,
        arch: Arch,
        def: Option<&'static SyscallDef>,
    ) -> Decision {
        match self.decide_call(listener, n, arch, def) {
            // `Gone` is never answered: make sure the caller really is gone
            // (a /proc read can also fail for a live, non-dumpable tracee),
            // else it would wait forever. Fail closed.
            Decision::Gone if sys::notif_id_valid(listener, n.id) => {
                deny(libc::EPERM, NOT_INSPECTABLE)
            }
            d => d,
        }
    }

    fn decide_call(
        &mut self,
        listener: BorrowedFd<'_>,
        n: &Notification,
        arch: Arch,
        def: Option<&'static SyscallDef>,
    ) -> Decision {
        let nr = n.nr as u32;
        let mut facts = Facts {
            arch: Some(arch),
            nr,
            args: n.args,
            ..Facts::default()
        };
        if arch == Arch::I386 && nr == I386_SOCKETCALL {
            return self.socketcall(&facts);
        }
        let name = def.map(|d| d.name).unwrap_or("");
        if !self.memory_rules(arch, nr) {
            // Registers were copied at notification time: exact.
            return match self.rules.first_match(&facts) {
                Some(r) => deny(r.errno, &r.text),
                None => Decision::Pass,
            };
        }
        if OPEN_FAMILY.contains(&name) {
            return self.open(listener, n, arch, name, facts);
        }
        if name == "connect" || name == "bind" {
            let op = if name == "connect" {
                SockOp::Connect
            } else {
                SockOp::Bind
            };
            return self.sock(listener, n, op, facts);
        }
        // Best-effort: look, then let it run.
        if let Some(d) = def {
            self.gather(n, d, &mut facts);
        }
        if !sys::notif_id_valid(listener, n.id) {
            return Decision::Gone;
        }
        match self.rules.first_match(&facts) {
            Some(r) => deny(r.errno, &r.text),
            None => Decision::Pass,
        }
    }

    fn socketcall(&self, f: &Facts) -> Decision {
        let call = f.args[0] & 0xffff_ffff;
        let Some((_, name)) = SOCKETCALLS.iter().find(|(c, _)| *c == call) else {
            return Decision::Pass;
        };
        // The sub-call's arguments are in memory the kernel reads after we
        // answer: no check of them could be exact, so a covered sub-call is
        // refused whatever its arguments.
        let Some(d) = tables::by_name(Arch::I386, name) else {
            return Decision::Pass;
        };
        match self.rules.rules.iter().find(|r| r.covers(Arch::I386, d.nr)) {
            Some(r) => deny(r.errno, &r.text),
            None => Decision::Pass,
        }
    }

    /// Best-effort facts: every path argument, made absolute, plus where it
    /// leads now; every socket address.
    fn gather(&self, n: &Notification, d: &SyscallDef, f: &mut Facts) {
        let mem = ProcessMemory { pid: n.tid as i32 };
        let tid = n.tid;
        for (i, a) in d.args.iter().enumerate() {
            match a.kind {
                ArgKind::Path => {
                    let Some(s) = read_cstring(&mem, n.args[i], PATH_MAX) else {
                        continue;
                    };
                    let dirfd = (i > 0 && d.args[i - 1].kind == ArgKind::Dirfd)
                        .then(|| n.args[i - 1] as i32)
                        .filter(|&fd| fd != libc::AT_FDCWD);
                    let base = match dirfd {
                        Some(fd) => std::fs::read_link(format!("/proc/{tid}/fd/{fd}")),
                        None => std::fs::read_link(format!("/proc/{tid}/cwd")),
                    };
                    let base = base
                        .map(|p| p.as_os_str().as_bytes().to_vec())
                        .unwrap_or_else(|_| b"/".to_vec());
                    let abs = absolute(&base, &s.bytes);
                    let p = std::path::Path::new(std::ffi::OsStr::from_bytes(&abs));
                    if let Ok(real) = std::fs::canonicalize(p) {
                        f.paths.push(real.as_os_str().as_bytes().to_vec());
                    }
                    if let Ok(m) = std::fs::metadata(p) {
                        use std::os::unix::fs::MetadataExt;
                        f.idents.push((m.dev(), m.ino()));
                    }
                    f.paths.push(abs);
                }
                ArgKind::SockaddrIn(len_at) => {
                    let len = n.args[len_at as usize].min(128);
                    let b = read_bytes(&mem, n.args[i], len, 128);
                    f.sockaddr = parse_sockaddr(&b).map(|a| unix_abs(a, tid));
                }
                ArgKind::MsghdrIn => {
                    let (name, namelen) = if n.arch == crate::filter::AUDIT_ARCH_X86_64
                        && n.nr as u32 & crate::filter::X32_BIT == 0
                    {
                        let h = read_bytes(&mem, n.args[i], 12, 12);
                        if h.len() < 12 {
                            continue;
                        }
                        (
                            u64::from_ne_bytes(h[0..8].try_into().expect("8 bytes")),
                            u32::from_ne_bytes(h[8..12].try_into().expect("4 bytes")),
                        )
                    } else {
                        let h = read_bytes(&mem, n.args[i], 8, 8);
                        if h.len() < 8 {
                            continue;
                        }
                        (
                            u32::from_ne_bytes(h[0..4].try_into().expect("4 bytes")) as u64,
                            u32::from_ne_bytes(h[4..8].try_into().expect("4 bytes")),
                        )
                    };
                    if name != 0 {
                        let b = read_bytes(&mem, name, namelen.min(128) as u64, 128);
                        f.sockaddr = parse_sockaddr(&b).map(|a| unix_abs(a, tid));
                    }
                }
                _ => {}
            }
        }
    }

    /// The checks between reading the tracee and acting for it: the caller
    /// still waits (so the facts are its own), no rule matches them, and
    /// notrace may act for it. `None` when the call may be performed.
    fn gate(
        &self,
        listener: BorrowedFd<'_>,
        id: u64,
        facts: &Facts,
        task: &TaskInfo,
    ) -> Option<Decision> {
        if !sys::notif_id_valid(listener, id) {
            return Some(Decision::Gone);
        }
        if let Some(r) = self.rules.first_match(facts) {
            return Some(deny(r.errno, &r.text));
        }
        if !self.same_identity(task) {
            return Some(deny(libc::EPERM, CREDS_DIFFER));
        }
        None
    }

    /// Whether notrace may act for this task: same credentials, same root
    /// directory, same mount namespace.
    fn same_identity(&self, t: &TaskInfo) -> bool {
        self.me.as_ref() == Some(&t.who)
    }

    fn open(
        &mut self,
        listener: BorrowedFd<'_>,
        n: &Notification,
        arch: Arch,
        name: &str,
        mut facts: Facts,
    ) -> Decision {
        let mem = ProcessMemory { pid: n.tid as i32 };
        let a = &n.args;
        let narrow = |v: u64| {
            if arch == Arch::I386 {
                v & 0xffff_ffff
            } else {
                v
            }
        };
        let mut oa = match name {
            "open" => OpenArgs {
                dirfd: libc::AT_FDCWD,
                path: a[0],
                flags: a[1],
                mode: a[2],
                resolve: 0,
            },
            "creat" => OpenArgs {
                dirfd: libc::AT_FDCWD,
                path: a[0],
                flags: (libc::O_CREAT | libc::O_WRONLY | libc::O_TRUNC) as u64,
                mode: a[1],
                resolve: 0,
            },
            "openat" => OpenArgs {
                dirfd: a[0] as i32,
                path: a[1],
                flags: a[2],
                mode: a[3],
                resolve: 0,
            },
            _ => {
                // openat2: the struct is copied once, here, and only our
                // copy is used.
                let size = a[3];
                if size < 24 {
                    return answer(Answer::Error(libc::EINVAL));
                }
                if size > 4096 {
                    return answer(Answer::Error(libc::E2BIG));
                }
                let b = read_bytes(&mem, narrow(a[2]), size, 4096);
                if b.len() as u64 != size {
                    return answer(Answer::Error(libc::EFAULT));
                }
                if b[24..].iter().any(|&c| c != 0) {
                    return answer(Answer::Error(libc::E2BIG));
                }
                let u = |i: usize| u64::from_ne_bytes(b[i..i + 8].try_into().expect("8 bytes"));
                OpenArgs {
                    dirfd: a[0] as i32,
                    path: a[1],
                    flags: u(0),
                    mode: u(8),
                    resolve: u(16),
                }
            }
        };
        oa.path = narrow(oa.path);
        if name != "openat2" {
            // What the kernel's build_open_how does for open/openat.
            oa.flags = (oa.flags & 0xffff_ffff) & VALID_OPEN_FLAGS;
            if oa.flags & libc::O_PATH as u64 != 0 {
                oa.flags &=
                    (libc::O_PATH | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC) as u64;
            }
            oa.mode = if oa.flags & (libc::O_CREAT | libc::O_TMPFILE) as u64 != 0 {
                oa.mode & 0o7777
            } else {
                0
            };
        }
        let path = match read_cstring(&mem, oa.path, PATH_MAX) {
            Some(s) if s.terminated => s.bytes,
            Some(_) => return answer(Answer::Error(libc::ENAMETOOLONG)),
            None => return answer(Answer::Error(libc::EFAULT)),
        };
        let Some(task) = read_task(&format!("/proc/{}", n.tid)) else {
            return Decision::Gone;
        };
        // The directory a relative path starts from, as an fd of ours.
        let relative = path.first() != Some(&b'/');
        let needs_dir = relative || oa.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT) != 0;
        let dir: Option<OwnedFd> = if needs_dir {
            let d = if oa.dirfd == libc::AT_FDCWD {
                sys::openat2(
                    libc::AT_FDCWD,
                    &cstring(format!("/proc/{}/cwd", n.tid).as_bytes()).expect("no NUL"),
                    O_PATH_FLAGS | libc::O_DIRECTORY as u64,
                    0,
                    0,
                )
            } else {
                sys::pidfd_open(task.tgid).and_then(|p| sys::pidfd_getfd(p.as_fd(), oa.dirfd))
            };
            match d {
                Ok(d) => Some(d),
                Err(e) => {
                    if !sys::notif_id_valid(listener, n.id) {
                        return Decision::Gone;
                    }
                    return answer(Answer::Error(errno_of(&e)));
                }
            }
        } else {
            None
        };
        let base = dir
            .as_ref()
            .and_then(|d| fd_path(d.as_raw_fd()))
            .unwrap_or_else(|| b"/".to_vec());
        facts.paths.push(absolute(&base, &path));
        // The id check after every read of the tracee: from here on the
        // facts are the caller's own.
        if let Some(d) = self.gate(listener, n.id, &facts, &task) {
            return d;
        }
        let Some(cpath) = cstring(&path) else {
            return answer(Answer::Error(libc::EINVAL));
        };
        let dirfd = dir.as_ref().map_or(libc::AT_FDCWD, |d| d.as_raw_fd());
        let flags = oa.flags;
        let newfd_flags = if flags & libc::O_CLOEXEC as u64 != 0 {
            libc::O_CLOEXEC as u32
        } else {
            0
        };
        let creat = flags & libc::O_CREAT as u64 != 0;
        let excl = creat && flags & libc::O_EXCL as u64 != 0;
        if excl {
            // O_EXCL fails on anything at the name, even a dangling link.
            match sys::openat2(
                dirfd,
                &cpath,
                O_PATH_FLAGS | libc::O_NOFOLLOW as u64,
                0,
                oa.resolve,
            ) {
                Ok(fd) => {
                    if let Some(d) = self.check_opened(fd.as_fd(), &mut facts) {
                        return d;
                    }
                    return answer(Answer::Error(libc::EEXIST));
                }
                Err(e) if errno_of(&e) == libc::ENOENT => {
                    return self.create(dirfd, &path, &oa, &task, newfd_flags, facts)
                }
                Err(e) => return answer(Answer::Error(errno_of(&e))),
            }
        }
        let lookup = O_PATH_FLAGS | flags & (libc::O_DIRECTORY | libc::O_NOFOLLOW) as u64;
        let fd = match sys::openat2(dirfd, &cpath, lookup, 0, oa.resolve) {
            Ok(fd) => fd,
            Err(e) if creat && errno_of(&e) == libc::ENOENT => {
                return self.create(dirfd, &path, &oa, &task, newfd_flags, facts)
            }
            Err(e) => return answer(Answer::Error(errno_of(&e))),
        };
        let mode = match self.check_opened(fd.as_fd(), &mut facts) {
            Some(d) => return d,
            None => ident(fd.as_fd()).map_or(0, |i| i.1),
        };
        if flags & libc::O_PATH as u64 != 0 {
            return answer(Answer::Fd(fd, newfd_flags));
        }
        let kind = mode & libc::S_IFMT;
        if kind == libc::S_IFLNK {
            // Only reachable with O_NOFOLLOW: what open(2) says then.
            return answer(Answer::Error(libc::ELOOP));
        }
        let reopen_flags = (flags
            & !(libc::O_NOFOLLOW | libc::O_CREAT | libc::O_EXCL | libc::O_CLOEXEC) as u64)
            | (libc::O_CLOEXEC | libc::O_NOCTTY) as u64;
        let tmpfile = flags & libc::O_TMPFILE as u64 == libc::O_TMPFILE as u64;
        let old_umask = (tmpfile && self.own_fs).then(|| sys::set_umask(task.umask));
        let reopen = move || {
            let magic =
                cstring(format!("/proc/self/fd/{}", fd.as_raw_fd()).as_bytes()).expect("no NUL");
            match sys::openat2(libc::AT_FDCWD, &magic, reopen_flags, oa.mode, 0) {
                Ok(f) => Answer::Fd(f, newfd_flags),
                Err(e) => Answer::Error(errno_of(&e)),
            }
        };
        if kind == libc::S_IFREG || kind == libc::S_IFDIR {
            let a = reopen();
            if let Some(m) = old_umask {
                sys::set_umask(m);
            }
            answer(a)
        } else {
            // A FIFO or a device may block in open: not on this thread.
            answer(Answer::Later(Box::new(reopen)))
        }
    }

    /// Matches the file behind `fd` (its real path and inode); a denial if
    /// a rule matches.
    fn check_opened(&self, fd: BorrowedFd<'_>, facts: &mut Facts) -> Option<Decision> {
        if let Some(p) = fd_path(fd.as_raw_fd()) {
            facts.paths.push(p);
        }
        if let Some((id, _)) = ident(fd) {
            facts.idents.push(id);
        }
        self.rules
            .first_match(facts)
            .map(|r| deny(r.errno, &r.text))
    }

    /// O_CREAT of a name that does not exist yet: the parent is opened
    /// (O_PATH), its real path plus the last component matched, and the
    /// file created in that very directory without following a symlink.
    fn create(
        &self,
        dirfd: RawFd,
        path: &[u8],
        oa: &OpenArgs,
        task: &TaskInfo,
        newfd_flags: u32,
        mut facts: Facts,
    ) -> Decision {
        let (parent, last): (&[u8], &[u8]) = match path.iter().rposition(|&c| c == b'/') {
            Some(0) => (b"/", &path[1..]),
            Some(i) => (&path[..i], &path[i + 1..]),
            None => (b".", path),
        };
        if last.is_empty() {
            return answer(Answer::Error(libc::EISDIR));
        }
        let (Some(cparent), Some(clast)) = (cstring(parent), cstring(last)) else {
            return answer(Answer::Error(libc::EINVAL));
        };
        let pfd = match sys::openat2(
            dirfd,
            &cparent,
            O_PATH_FLAGS | libc::O_DIRECTORY as u64,
            0,
            oa.resolve,
        ) {
            Ok(p) => p,
            Err(e) => return answer(Answer::Error(errno_of(&e))),
        };
        let Some(real_parent) = fd_path(pfd.as_raw_fd()) else {
            return answer(Answer::Error(libc::ENOENT));
        };
        facts.paths.push(absolute(&real_parent, last));
        if let Some(r) = self.rules.first_match(&facts) {
            return deny(r.errno, &r.text);
        }
        let flags = (oa.flags & !(libc::O_CLOEXEC as u64))
            | (libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NOCTTY) as u64;
        let old = self.own_fs.then(|| sys::set_umask(task.umask));
        let r = sys::openat2(pfd.as_raw_fd(), &clast, flags, oa.mode, oa.resolve);
        if let Some(m) = old {
            sys::set_umask(m);
        }
        match r {
            Ok(fd) => match self.check_opened(fd.as_fd(), &mut facts) {
                Some(d) => d,
                None => answer(Answer::Fd(fd, newfd_flags)),
            },
            Err(e) => answer(Answer::Error(errno_of(&e))),
        }
    }

    fn sock(
        &mut self,
        listener: BorrowedFd<'_>,
        n: &Notification,
        op: SockOp,
        mut facts: Facts,
    ) -> Decision {
        let mem = ProcessMemory { pid: n.tid as i32 };
        let arch_i386 = facts.arch == Some(Arch::I386);
        let narrow = |v: u64| if arch_i386 { v & 0xffff_ffff } else { v };
        let fd = n.args[0] as i32;
        let len = n.args[2] & 0xffff_ffff;
        if len > std::mem::size_of::<libc::sockaddr_storage>() as u64 {
            return answer(Answer::Error(libc::EINVAL));
        }
        let bytes = read_bytes(&mem, narrow(n.args[1]), len, 128);
        if bytes.len() as u64 != len {
            return answer(Answer::Error(libc::EFAULT));
        }
        let Some(task) = read_task(&format!("/proc/{}", n.tid)) else {
            return Decision::Gone;
        };
        let addr = parse_sockaddr(&bytes);
        let unix_path = match &addr {
            Some(SockAddr::Unix(p)) if p.first() != Some(&b'@') => Some(p.clone()),
            _ => None,
        };
        facts.sockaddr = addr.map(|a| unix_abs(a, n.tid));
        // A unix path is looked up from the tracee's cwd.
        let cwd = match &unix_path {
            Some(p) if p.first() != Some(&b'/') => {
                match sys::openat2(
                    libc::AT_FDCWD,
                    &cstring(format!("/proc/{}/cwd", n.tid).as_bytes()).expect("no NUL"),
                    O_PATH_FLAGS | libc::O_DIRECTORY as u64,
                    0,
                    0,
                ) {
                    Ok(d) => Some(d),
                    Err(_) => return Decision::Gone,
                }
            }
            _ => None,
        };
        let sock = sys::pidfd_open(task.tgid).and_then(|p| sys::pidfd_getfd(p.as_fd(), fd));
        if let Some(d) = self.gate(listener, n.id, &facts, &task) {
            return d;
        }
        let sock = match sock {
            Ok(s) => s,
            Err(e) => return answer(Answer::Error(errno_of(&e))),
        };
        let dirfd = cwd.as_ref().map_or(libc::AT_FDCWD, |d| d.as_raw_fd());
        // For a unix path: pin the file (connect) or the directory (bind),
        // match where it really is, and give the kernel a path through our
        // own fd, which no one can swap.
        let mut keep: Option<OwnedFd> = None;
        let mut addr_bytes = bytes;
        if let Some(p) = &unix_path {
            let Some(cp) = cstring(p) else {
                return answer(Answer::Error(libc::EINVAL));
            };
            let via = match op {
                SockOp::Connect => match sys::openat2(dirfd, &cp, O_PATH_FLAGS, 0, 0) {
                    Ok(f) => {
                        // Where the name really leads, as an address too.
                        if let Some(real) = fd_path(f.as_raw_fd()) {
                            let mut at = facts.clone();
                            at.sockaddr = Some(SockAddr::Unix(real));
                            if let Some(r) = self.rules.first_match(&at) {
                                return deny(r.errno, &r.text);
                            }
                        }
                        if let Some(d) = self.check_opened(f.as_fd(), &mut facts) {
                            return d;
                        }
                        let v = format!("/proc/self/fd/{}", f.as_raw_fd()).into_bytes();
                        keep = Some(f);
                        v
                    }
                    Err(e) => return answer(Answer::Error(errno_of(&e))),
                },
                SockOp::Bind => {
                    let (parent, last): (&[u8], &[u8]) = match p.iter().rposition(|&c| c == b'/') {
                        Some(0) => (b"/", &p[1..]),
                        Some(i) => (&p[..i], &p[i + 1..]),
                        None => (b".", p),
                    };
                    let Some(cparent) = cstring(parent) else {
                        return answer(Answer::Error(libc::EINVAL));
                    };
                    match sys::openat2(
                        dirfd,
                        &cparent,
                        O_PATH_FLAGS | libc::O_DIRECTORY as u64,
                        0,
                        0,
                    ) {
                        Ok(f) => {
                            let real = fd_path(f.as_raw_fd()).unwrap_or_default();
                            facts.paths.push(absolute(&real, last));
                            facts.sockaddr = Some(SockAddr::Unix(absolute(&real, last)));
                            if let Some(r) = self.rules.first_match(&facts) {
                                return deny(r.errno, &r.text);
                            }
                            let mut v = format!("/proc/self/fd/{}/", f.as_raw_fd()).into_bytes();
                            v.extend_from_slice(last);
                            keep = Some(f);
                            v
                        }
                        Err(e) => return answer(Answer::Error(errno_of(&e))),
                    }
                }
            };
            if via.len() >= 108 {
                return answer(Answer::Error(libc::ENAMETOOLONG));
            }
            addr_bytes = (libc::AF_UNIX as u16).to_ne_bytes().to_vec();
            addr_bytes.extend_from_slice(&via);
            addr_bytes.push(0);
        }
        let result = move |sock: OwnedFd, addr: Vec<u8>, keep: Option<OwnedFd>| {
            let r = sys::sock_call(op, sock.as_fd(), &addr);
            drop(keep);
            match r {
                Ok(()) => Answer::Value(0),
                Err(e) => Answer::Error(e),
            }
        };
        let blocking = op == SockOp::Connect
            && rustix::fs::fcntl_getfl(&sock)
                .map(|f| !f.contains(rustix::fs::OFlags::NONBLOCK))
                .unwrap_or(true);
        if op == SockOp::Bind && unix_path.is_some() && self.own_fs {
            // The socket file is created with the tracee's umask.
            let old = sys::set_umask(task.umask);
            let a = result(sock, addr_bytes, keep);
            sys::set_umask(old);
            return answer(a);
        }
        if blocking {
            answer(Answer::Later(Box::new(move || {
                result(sock, addr_bytes, keep)
            })))
        } else {
            answer(result(sock, addr_bytes, keep))
        }
    }
}

fn deny(errno: i32, rule: &str) -> Decision {
    Decision::Deny {
        errno,
        rule: rule.to_string(),
    }
}

fn answer(a: Answer) -> Decision {
    Decision::Answer(a)
}

/// A relative unix socket path made absolute against the tracee's cwd.
fn unix_abs(a: SockAddr, tid: u32) -> SockAddr {
    match a {
        SockAddr::Unix(p) if !p.starts_with(b"/") && !p.starts_with(b"@") => {
            let cwd = std::fs::read_link(format!("/proc/{tid}/cwd"))
                .map(|c| c.as_os_str().as_bytes().to_vec())
                .unwrap_or_else(|_| b"/".to_vec());
            SockAddr::Unix(absolute(&cwd, &p))
        }
        SockAddr::Unix(p) if p.starts_with(b"/") => SockAddr::Unix(normalize(&p)),
        a => a,
    }
}
