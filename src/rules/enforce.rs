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
use super::protect::{Guard, GUARDED, LANDLOCKED};
use super::walk::{self, RESOLVE_BENEATH, RESOLVE_IN_ROOT};
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

/// The rule text of opens refused because the file's path is too long to
/// match against a wildcard rule.
pub const PATH_TOO_LONG: &str =
    "(notrace: the file's path is longer than PATH_MAX; a wildcard rule cannot be checked)";

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
    /// A call that may block (a FIFO open, a blocking connect) for tracee
    /// thread `.0`: performed on a thread of its own, which answers when
    /// it is done or when a signal interrupts it (see [`super::blocking`]).
    Later(u32, super::blocking::Op),
}

impl Decision {
    /// The path of the fd this decision installs in the tracee (`-y` on
    /// the result): notrace opened that file itself, so the path is the
    /// file's, not a guess from an fd number that may have been reused.
    pub fn installed_fd_path(&self) -> Option<String> {
        use std::os::unix::ffi::OsStrExt;
        let Decision::Answer(Answer::Fd(fd, _)) = self else {
            return None;
        };
        let link = std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd())).ok()?;
        Some(crate::decode::fd_path_text(link.as_os_str().as_bytes()))
    }
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
            Answer::Later(tid, f) => {
                // Unanswered, the call would wait forever: fail it instead.
                let started = listener
                    .try_clone_to_owned()
                    .and_then(|l| super::blocking::start(l, id, tid, f));
                match started {
                    Ok(()) => Ok(()),
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
    /// Without the same user namespace, equal capability masks could
    /// mean very different powers.
    user_ns: Vec<u8>,
}

/// The namespaces that only matter for files on procfs: /proc/sys/net/*
/// (net), /proc/sys/kernel/hostname (uts), IPC sysctls (ipc),
/// /proc/uptime (time), /proc/PID/cgroup (cgroup), pids (pid) depend on
/// the opener's. Read only for opens that end on procfs.
fn proc_namespaces(tid: &str) -> Vec<Vec<u8>> {
    ["pid", "net", "uts", "ipc", "cgroup", "time"]
        .iter()
        .map(|n| {
            std::fs::read_link(format!("{tid}/ns/{n}"))
                .map(|p| p.as_os_str().as_bytes().to_vec())
                // A kernel without a namespace kind lacks it for all.
                .unwrap_or_default()
        })
        .collect()
}

/// A tracee's facts from /proc.
struct TaskInfo {
    tgid: i32,
    /// The thread itself.
    tid: i32,
    umask: u32,
    who: Identity,
    /// CAP_SYS_PTRACE is in its effective set.
    cap_ptrace: bool,
}

fn read_task(proc_dir: &str) -> Option<TaskInfo> {
    use std::os::unix::fs::MetadataExt;
    let status = crate::procfs::read_lossy(format!("{proc_dir}/status")).ok()?;
    let mut t = TaskInfo {
        tgid: 0,
        tid: 0,
        umask: 0o022,
        who: Identity::default(),
        cap_ptrace: false,
    };
    for line in status.lines() {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "Tgid" => t.tgid = v.parse().ok()?,
            "Pid" => t.tid = v.parse().ok()?,
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
    let ns = |n: &str| {
        std::fs::read_link(format!("{proc_dir}/ns/{n}"))
            .ok()
            .map(|p| p.as_os_str().as_bytes().to_vec())
    };
    t.who.mnt_ns = ns("mnt")?;
    t.who.user_ns = ns("user")?;
    t.cap_ptrace = u64::from_str_radix(&t.who.cap_eff, 16).is_ok_and(|c| c & (1 << 19) != 0); // bit 19: CAP_SYS_PTRACE
    Some(t)
}

/// The supervisor's rule engine.
pub struct Enforcer {
    rules: RuleSet,
    me: Option<Identity>,
    my_proc_ns: Vec<Vec<u8>>,
    /// Whether this thread has its own umask (unshare(CLONE_FS) worked).
    own_fs: bool,
    walker: walk::Walker,
    guard: Guard,
    /// Whether the kernel runs x32 calls (else they all fail with ENOSYS).
    x32_works: bool,
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
const PATH_MAX: usize = 4096;

/// The i386 syscall socketcall's sub-call `call` stands for (send and recv
/// stand for sendto and recvfrom): the one a rule names.
fn socketcall_twin(call: u32) -> Option<&'static SyscallDef> {
    let sub = tables::socketcall_sub(call)?;
    tables::by_name(Arch::I386, crate::decode::subcall::twin_name(sub))
}

/// The i386 `socketcall` number.
pub const I386_SOCKETCALL: u32 = crate::decode::subcall::SOCKETCALL;

/// Adds i386 `socketcall` to `rules`' selection where a rule covers one of
/// its sub-calls on i386, so the multiplexer is no way around a rule.
pub fn cover_socketcall(rules: &mut RuleSet) {
    for r in &mut rules.rules {
        let hit = (1..=20)
            .filter_map(socketcall_twin)
            .any(|d| r.selection.contains(Arch::I386, d.nr));
        if hit {
            r.selection.insert(Arch::I386, I386_SOCKETCALL);
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
        unix_idents: Default::default(),
        ports: Vec::new(),
        args: Vec::new(),
        errno: libc::EPERM,
        when: None,
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
    pub fn new(mut rules: RuleSet, helpers: &[i32], root: i32) -> Enforcer {
        cover_socketcall(&mut rules);
        let own_fs = sys::unshare_fs().is_ok();
        Enforcer {
            rules,
            me: read_task("/proc/thread-self").map(|t| t.who),
            my_proc_ns: proc_namespaces("/proc/thread-self"),
            own_fs,
            walker: walk::Walker::new(),
            guard: {
                let mut g = Guard::new(helpers);
                g.set_root(root);
                g
            },
            x32_works: sys::x32_works(),
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
        tgid: i32,
    ) -> Decision {
        if arch == Arch::X32 && !self.x32_works {
            // CONTINUE would get ENOSYS from the kernel; performing the
            // call here would run what the kernel refuses.
            return deny(libc::ENOSYS, super::bypass::X32_ABSENT);
        }
        match self.decide_call(listener, n, arch, def, tgid) {
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
        tgid: i32,
    ) -> Decision {
        let nr = n.nr as u32;
        let mut facts = Facts {
            arch: Some(arch),
            nr,
            args: n.args,
            tid: n.tid as i32,
            call: n.id,
            ..Facts::default()
        };
        if arch == Arch::I386 && nr == I386_SOCKETCALL {
            return self.socketcall(&facts);
        }
        let name = def.map(|d| d.name).unwrap_or("");
        let guarded = self.rules.guard.contains(arch, nr);
        if guarded {
            if let Some((ioctl, cmd)) = super::protect::owner_in_memory(name, &n.args) {
                return self.set_owner(listener, n, arch, tgid, ioctl, cmd);
            }
        }
        if guarded && GUARDED.contains(&name) {
            // Registers only: race-free.
            if let Some(t) = self.guard.check(name, arch, &n.args, tgid, n.tid as i32) {
                return deny(libc::EPERM, t);
            }
        }
        if OPEN_FAMILY.contains(&name) && (guarded || self.memory_rules(arch, nr)) {
            // Every open is performed here while rules are in force: a path
            // rule needs it, and so does keeping tracees out of notrace's
            // own /proc entries.
            return self.open(listener, n, arch, name, facts);
        }
        if !self.memory_rules(arch, nr) {
            // Registers were copied at notification time: exact.
            return match self.rules.first_match(&facts) {
                Some(r) => deny(r.errno, &r.text),
                None => Decision::Pass,
            };
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
        // The sub-call's arguments are in memory the kernel reads after we
        // answer: no check of them could be exact, so a covered sub-call is
        // refused whatever its arguments.
        let Some(d) = socketcall_twin(f.args[0] as u32) else {
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
                    push_socket_ident(f);
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
                        push_socket_ident(f);
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
        &mut self,
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
        if !self.guard.may_act_for(task.tgid) {
            return Some(deny(libc::EPERM, LANDLOCKED));
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
                take_fd(n.tid, task.tgid, oa.dirfd)
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
        let base = match &dir {
            Some(d) => fd_path(d.as_raw_fd()),
            None => Some(b"/".to_vec()),
        };
        // (A directory deeper than PATH_MAX has no readable path: the
        // lexical path is then unknown, and the real one decides.)
        if let Some(base) = base {
            facts.paths.push(absolute(&base, &path));
        }
        // The id check after every read of the tracee: from here on the
        // facts are the caller's own.
        if let Some(d) = self.gate(listener, n.id, &facts, &task) {
            return d;
        }
        let flags = oa.flags;
        let newfd_flags = if flags & libc::O_CLOEXEC as u64 != 0 {
            libc::O_CLOEXEC as u32
        } else {
            0
        };
        let creat = flags & libc::O_CREAT as u64 != 0;
        let excl = creat && flags & libc::O_EXCL as u64 != 0;
        let o_path = flags & libc::O_PATH as u64 != 0;
        let tmpfile = flags & libc::O_TMPFILE as u64 == libc::O_TMPFILE as u64;
        // Resolved as the kernel would for the tracee: /proc/self is the
        // tracee, and notrace's own /proc entries are out of reach.
        let how = walk::How {
            follow_last: !excl && flags & libc::O_NOFOLLOW as u64 == 0,
            resolve: oa.resolve,
            create: creat,
        };
        let must_dir = flags & libc::O_DIRECTORY as u64 != 0 || tmpfile;
        if creat && flags & libc::O_DIRECTORY as u64 != 0 {
            // build_open_flags refuses the pair (Linux 6.4 and later).
            return answer(Answer::Error(libc::EINVAL));
        }
        if creat && path.len() > 1 && path.ends_with(b"/") {
            return answer(Answer::Error(libc::EISDIR));
        }
        // A name that appears between the walk and the creation is looked
        // up again, a few times at most.
        let mut attempts = 0;
        let fd = loop {
            let walked = match self.walk_for(&task, dir.as_ref(), &path, how) {
                Ok(w) => w,
                Err(d) => return d,
            };
            match walked {
                walk::Walked::Found(fd) => break fd,
                walk::Walked::Missing { parent, last } => {
                    if !creat || tmpfile {
                        return answer(Answer::Error(libc::ENOENT));
                    }
                    if let Some(d) =
                        self.create(parent, &last, &oa, &task, newfd_flags, facts.clone())
                    {
                        return d;
                    }
                    attempts += 1;
                    if attempts >= 4 {
                        // Someone keeps making and removing the name.
                        return answer(Answer::Error(libc::EAGAIN));
                    }
                }
            }
        };
        let mode = match self.check_opened(fd.as_fd(), &mut facts) {
            Err(d) => return d,
            Ok(mode) => mode,
        };
        let kind = mode & libc::S_IFMT;
        if excl {
            // O_EXCL fails on anything at the name, even a dangling link.
            return answer(Answer::Error(libc::EEXIST));
        }
        if must_dir && kind != libc::S_IFDIR {
            return answer(Answer::Error(libc::ENOTDIR));
        }
        if o_path {
            // The kernel cannot install an O_PATH file with ADDFD. The
            // object was checked; the tracee's own open of it gives a
            // handle whose reopening (/proc/self/fd/N) comes back here.
            return Decision::Pass;
        }
        if kind == libc::S_IFLNK {
            // Only reachable with O_NOFOLLOW: what open(2) says then.
            return answer(Answer::Error(libc::ELOOP));
        }
        if kind == libc::S_IFDIR && (creat || flags & libc::O_ACCMODE as u64 != 0) && !tmpfile {
            return answer(Answer::Error(libc::EISDIR));
        }
        let fd = if kind == libc::S_IFCHR && is_dev_tty(fd.as_fd()) {
            // /dev/tty is the caller's controlling terminal: the tracee's,
            // not notrace's.
            match controlling_tty(n.tid) {
                Ok(t) => {
                    if let Err(d) = self.check_opened(t.as_fd(), &mut facts) {
                        return d;
                    }
                    t
                }
                Err(e) => return answer(Answer::Error(e)),
            }
        } else {
            fd
        };
        let reopen_flags = (flags
            & !(libc::O_NOFOLLOW | libc::O_CREAT | libc::O_EXCL | libc::O_CLOEXEC) as u64)
            | (libc::O_CLOEXEC | libc::O_NOCTTY) as u64;
        // openat2 refuses a mode without O_CREAT/O_TMPFILE.
        let reopen_mode = if tmpfile { oa.mode } else { 0 };
        let old_umask = (tmpfile && self.own_fs).then(|| sys::set_umask(task.umask));
        let magic =
            cstring(format!("/proc/self/fd/{}", fd.as_raw_fd()).as_bytes()).expect("no NUL");
        let later_magic = magic.clone();
        let reopen = move || {
            // `fd` lives as long as the closure: the magic link names it.
            let _pinned = &fd;
            match sys::openat2(libc::AT_FDCWD, &later_magic, reopen_flags, reopen_mode, 0) {
                Ok(f) => Answer::Fd(f, newfd_flags),
                Err(e) => Answer::Error(errno_of(&e)),
            }
        };
        if kind == libc::S_IFREG || kind == libc::S_IFDIR {
            // Not blocking here: an open of a file another process holds a
            // lease on waits for the lease to break. With O_NONBLOCK it
            // says EWOULDBLOCK instead, and then the tracee's own wait
            // happens off this thread, interruptible.
            let asked_nonblock = reopen_flags & libc::O_NONBLOCK as u64 != 0;
            let flags = reopen_flags | libc::O_NONBLOCK as u64;
            let r = sys::openat2(libc::AT_FDCWD, &magic, flags, reopen_mode, 0);
            if let Some(m) = old_umask {
                sys::set_umask(m);
            }
            match r {
                Ok(f) => {
                    if !asked_nonblock {
                        let fl = rustix::fs::fcntl_getfl(&f).unwrap_or(rustix::fs::OFlags::empty());
                        let _ = rustix::fs::fcntl_setfl(&f, fl - rustix::fs::OFlags::NONBLOCK);
                    }
                    answer(Answer::Fd(f, newfd_flags))
                }
                Err(e) if errno_of(&e) == libc::EWOULDBLOCK && !asked_nonblock => {
                    answer(Answer::Later(n.tid, Box::new(reopen)))
                }
                Err(e) => answer(Answer::Error(errno_of(&e))),
            }
        } else {
            // A FIFO or a device may block in open: not on this thread.
            answer(Answer::Later(n.tid, Box::new(reopen)))
        }
    }

    /// Matches the file behind `fd` (its real path and inode): a denial if
    /// a rule matches, else its mode (0 if it cannot be read).
    fn check_opened(&self, fd: BorrowedFd<'_>, facts: &mut Facts) -> Result<u32, Decision> {
        match fd_path(fd.as_raw_fd()) {
            Some(p) => facts.paths.push(p),
            None => {
                if let Some(d) = self.unknown_path() {
                    return Err(d);
                }
            }
        }
        let ident = ident(fd);
        if let Some((id, _)) = ident {
            facts.idents.push(id);
        }
        match self.rules.first_match(facts) {
            Some(r) => Err(deny(r.errno, &r.text)),
            None => Ok(ident.map_or(0, |i| i.1)),
        }
    }

    /// Resolves `path` for the tracee (`/proc/self` is the tracee) and
    /// checks where it went: notrace's own /proc entries, and other
    /// processes' memory the tracee could not attach to, are refused, and
    /// so is procfs seen from other namespaces than notrace's.
    fn walk_for(
        &mut self,
        task: &TaskInfo,
        start: Option<&OwnedFd>,
        path: &[u8],
        how: walk::How,
    ) -> Result<walk::Walked, Decision> {
        let who = walk::For {
            tgid: task.tgid,
            tid: task.tid,
        };
        let w = self
            .walker
            .resolve(who, start, path, how)
            .map_err(|e| answer(Answer::Error(e)))?;
        if (w.on_proc || !w.proc_entries.is_empty())
            && proc_namespaces(&format!("/proc/{}", task.tid)) != self.my_proc_ns
        {
            // What procfs shows depends on the opener's namespaces.
            return Err(deny(libc::EPERM, CREDS_DIFFER));
        }
        let final_path = match &w.walked {
            walk::Walked::Found(fd) if w.on_proc => walk::fd_path(fd),
            _ => None,
        };
        let entries = &w.proc_entries;
        if let Some(t) =
            self.guard
                .check_proc(entries, final_path.as_deref(), task.tgid, task.cap_ptrace)
        {
            return Err(deny(libc::EPERM, t));
        }
        Ok(w.walked)
    }

    /// Resolves a unix socket path (or its directory) for the tracee, as
    /// an open would ([`Self::walk_for`]). The `O_PATH` fd of what it
    /// names, or the answer to give.
    fn resolve_for(
        &mut self,
        task: &TaskInfo,
        start: Option<&OwnedFd>,
        path: &std::ffi::CStr,
    ) -> Result<OwnedFd, Decision> {
        let how = walk::How {
            follow_last: true,
            resolve: 0,
            create: false,
        };
        match self.walk_for(task, start, path.to_bytes(), how)? {
            walk::Walked::Found(fd) => Ok(fd),
            walk::Walked::Missing { .. } => Err(answer(Answer::Error(libc::ENOENT))),
        }
    }

    /// A file whose real path notrace cannot read (deeper than PATH_MAX):
    /// a literal pattern cannot name it (the pattern would be as long),
    /// and its identity is still matched; a wildcard pattern might, so
    /// then it fails closed.
    fn unknown_path(&self) -> Option<Decision> {
        let wild = self
            .rules
            .rules
            .iter()
            .any(|r| r.paths.iter().any(|p| p.glob.literal().is_none()));
        wild.then(|| deny(libc::EPERM, PATH_TOO_LONG))
    }

    /// O_CREAT of a name that does not exist (yet): the parent the walk
    /// reached, its real path plus the name matched, and the file created
    /// in that very directory with O_EXCL, so that nothing which appeared
    /// at the name meanwhile (a link to a denied file, a FIFO) is opened
    /// unchecked. `None` when the name now exists: look again.
    fn create(
        &self,
        parent: OwnedFd,
        last: &[u8],
        oa: &OpenArgs,
        task: &TaskInfo,
        newfd_flags: u32,
        mut facts: Facts,
    ) -> Option<Decision> {
        let answer = |a| Some(answer(a));
        let deny = |e, t: &str| Some(deny(e, t));
        let Some(clast) = cstring(last) else {
            return answer(Answer::Error(libc::EINVAL));
        };
        match fd_path(parent.as_raw_fd()) {
            Some(real_parent) => facts.paths.push(absolute(&real_parent, last)),
            None => {
                if let Some(d) = self.unknown_path() {
                    return Some(d);
                }
            }
        }
        if let Some(r) = self.rules.first_match(&facts) {
            return deny(r.errno, &r.text);
        }
        // O_EXCL never follows a symlink at the name, and the kernel drops
        // it (and O_NOCTTY) from the file's flags.
        let flags = (oa.flags & !(libc::O_CLOEXEC as u64))
            | (libc::O_EXCL | libc::O_CLOEXEC | libc::O_NOCTTY) as u64;
        let old = self.own_fs.then(|| sys::set_umask(task.umask));
        let r = sys::openat2(parent.as_raw_fd(), &clast, flags, oa.mode, 0);
        if let Some(m) = old {
            sys::set_umask(m);
        }
        match r {
            Ok(fd) => match self.check_opened(fd.as_fd(), &mut facts) {
                Err(d) => Some(d),
                Ok(_) => answer(Answer::Fd(fd, newfd_flags)),
            },
            Err(e) if errno_of(&e) == libc::EEXIST && oa.flags & libc::O_EXCL as u64 == 0 => None,
            Err(e) => answer(Answer::Error(errno_of(&e))),
        }
    }

    /// `fcntl(F_SETOWN_EX)` and `ioctl(FIOSETOWN/SIOCSPGRP)`: the owner is
    /// read once from memory, checked, and set by notrace on the very file
    /// (taken with `pidfd_getfd`), so it cannot become notrace afterwards.
    fn set_owner(
        &mut self,
        listener: BorrowedFd<'_>,
        n: &Notification,
        arch: Arch,
        tgid: i32,
        ioctl: bool,
        cmd: u64,
    ) -> Decision {
        let mem = ProcessMemory { pid: n.tid as i32 };
        let ptr = if arch == Arch::I386 {
            n.args[2] & 0xffff_ffff
        } else {
            n.args[2]
        };
        let (len, kind_at) = if ioctl { (4, None) } else { (8, Some(0)) };
        let b = read_bytes(&mem, ptr, len, 8);
        if b.len() as u64 != len {
            return answer(Answer::Error(libc::EFAULT));
        }
        let int = |i: usize| i32::from_ne_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        let (kind, pid) = match kind_at {
            Some(_) => (int(0), int(4)),
            // A pid, or minus a process group.
            None if int(0) < 0 => (2, -int(0)),
            None => (1, int(0)),
        };
        let file = take_fd(n.tid, tgid, n.args[0] as i32);
        let Some(task) = read_task(&format!("/proc/{}", n.tid)) else {
            return Decision::Gone;
        };
        if !sys::notif_id_valid(listener, n.id) {
            return Decision::Gone;
        }
        if self
            .guard
            .owner_aims_at_notrace(kind, pid, tgid, n.tid as i32)
        {
            return deny(libc::EPERM, super::protect::AIMED_AT_NOTRACE);
        }
        if !self.same_identity(&task) {
            return deny(libc::EPERM, CREDS_DIFFER);
        }
        let file = match file {
            Ok(f) => f,
            Err(e) => return answer(Answer::Error(errno_of(&e))),
        };
        let how = if ioctl {
            sys::OwnerCall::Ioctl(cmd, int(0))
        } else {
            sys::OwnerCall::SetOwnEx(int(0), int(4))
        };
        match sys::set_owner(file.as_fd(), how) {
            Ok(v) => answer(Answer::Value(v)),
            Err(e) => answer(Answer::Error(e)),
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
        let sock = take_fd(n.tid, task.tgid, fd);
        if let Some(d) = self.gate(listener, n.id, &facts, &task) {
            return d;
        }
        let sock = match sock {
            Ok(s) => s,
            Err(e) => return answer(Answer::Error(errno_of(&e))),
        };
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
                SockOp::Connect => match self.resolve_for(&task, cwd.as_ref(), &cp) {
                    Ok(f) => {
                        // Where the name really leads, as an address too.
                        if let Some(real) = fd_path(f.as_raw_fd()) {
                            let mut at = facts.clone();
                            at.sockaddr = Some(SockAddr::Unix(real));
                            if let Some(r) = self.rules.first_match(&at) {
                                return deny(r.errno, &r.text);
                            }
                        }
                        if let Err(d) = self.check_opened(f.as_fd(), &mut facts) {
                            return d;
                        }
                        let v = format!("/proc/self/fd/{}", f.as_raw_fd()).into_bytes();
                        keep = Some(f);
                        v
                    }
                    Err(d) => return d,
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
                    match self.resolve_for(&task, cwd.as_ref(), &cparent) {
                        Ok(f)
                            if ident(f.as_fd())
                                .is_some_and(|i| i.1 & libc::S_IFMT != libc::S_IFDIR) =>
                        {
                            return answer(Answer::Error(libc::ENOTDIR));
                        }
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
                        Err(d) => return d,
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
            let unix = addr.get(..2) == Some(&(libc::AF_UNIX as u16).to_ne_bytes()[..]);
            let r = if op == SockOp::Connect && unix {
                // The server learns who connected (SO_PEERCRED,
                // SO_PEERPIDFD): never notrace.
                let kept: Vec<RawFd> = keep.iter().map(|k| k.as_raw_fd()).collect();
                sys::connect_in_child(sock.as_fd(), &addr, &kept)
            } else {
                sys::sock_call(op, sock.as_fd(), &addr)
            };
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
            answer(Answer::Later(
                n.tid,
                Box::new(move || result(sock, addr_bytes, keep)),
            ))
        } else {
            answer(result(sock, addr_bytes, keep))
        }
    }
}

/// Whether `fd` is `/dev/tty` (character device 5:0).
fn is_dev_tty(fd: BorrowedFd<'_>) -> bool {
    rustix::fs::fstat(fd)
        .is_ok_and(|st| rustix::fs::major(st.st_rdev) == 5 && rustix::fs::minor(st.st_rdev) == 0)
}

/// The controlling terminal of thread `tid`, opened `O_PATH`: what its own
/// open of `/dev/tty` would reach. `ENXIO` when it has none, as open(2)
/// says then (and for a terminal notrace cannot name).
fn controlling_tty(tid: u32) -> Result<OwnedFd, i32> {
    let tty_nr: u64 = super::protect::stat_field(tid, 7).ok_or(libc::ESRCH)?;
    let major = (tty_nr >> 8) & 0xfff;
    let minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
    let path = match major {
        0 => return Err(libc::ENXIO),
        136..=143 => format!("/dev/pts/{}", (major - 136) * 256 + minor),
        4 if minor < 64 => format!("/dev/tty{minor}"),
        4 => format!("/dev/ttyS{}", minor - 64),
        _ => return Err(libc::ENXIO),
    };
    let c = cstring(path.as_bytes()).ok_or(libc::EINVAL)?;
    let fd = sys::openat2(
        libc::AT_FDCWD,
        &c,
        O_PATH_FLAGS | libc::O_NOFOLLOW as u64,
        0,
        0,
    )
    .map_err(|e| errno_of(&e))?;
    let st = rustix::fs::fstat(&fd).map_err(|e| e.raw_os_error())?;
    let same = rustix::fs::major(st.st_rdev) as u64 == major
        && rustix::fs::minor(st.st_rdev) as u64 == minor;
    if !same {
        return Err(libc::ENXIO);
    }
    Ok(fd)
}

/// The file behind fd `fd` of thread `tid`, from that thread's own fd
/// table (a thread may have unshared it, and the leader may have exited):
/// a PIDFD_THREAD pidfd (Linux 6.9), else the thread group's.
fn take_fd(tid: u32, tgid: i32, fd: RawFd) -> io::Result<OwnedFd> {
    let pidfd = match sys::pidfd_open_thread(tid as i32) {
        Ok(p) => p,
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => sys::pidfd_open(tgid)?,
        Err(e) => return Err(e),
    };
    sys::pidfd_getfd(pidfd.as_fd(), fd)
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

/// Best-effort: the identity of the socket file a unix path names now,
/// for `addr=` rules on sendto/sendmsg (a hard link to a denied socket).
fn push_socket_ident(f: &mut Facts) {
    use std::os::unix::fs::MetadataExt;
    if let Some(SockAddr::Unix(p)) = &f.sockaddr {
        if p.first() == Some(&b'/') {
            let path = std::path::Path::new(std::ffi::OsStr::from_bytes(p));
            if let Ok(m) = std::fs::metadata(path) {
                f.idents.push((m.dev(), m.ino()));
            }
        }
    }
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
