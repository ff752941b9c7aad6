//! Syscall classes for the quick filter toggles (keys 1..6).
//!
//! The classification lives in [`classify`] alone so it can later read the
//! class column of `crate::tables` instead of the small lists below.

/// A coarse family of syscalls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Paths and file descriptors.
    File,
    /// Sockets.
    Network,
    /// Process lifetime, credentials, scheduling.
    Process,
    /// Address space.
    Memory,
    /// Signals.
    Signal,
    /// Everything else.
    Other,
}

impl Class {
    /// All classes, in key order (key `1` is `ALL[0]`).
    pub const ALL: [Class; 6] = [
        Class::File,
        Class::Network,
        Class::Process,
        Class::Memory,
        Class::Signal,
        Class::Other,
    ];

    /// Position in [`Class::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Short label shown in the title bar.
    pub fn label(self) -> &'static str {
        match self {
            Class::File => "file",
            Class::Network => "net",
            Class::Process => "proc",
            Class::Memory => "mem",
            Class::Signal => "sig",
            Class::Other => "other",
        }
    }
}

const FILE: &[&str] = &[
    "open",
    "openat",
    "openat2",
    "creat",
    "close",
    "close_range",
    "read",
    "write",
    "pread64",
    "pwrite64",
    "readv",
    "writev",
    "preadv",
    "pwritev",
    "preadv2",
    "pwritev2",
    "lseek",
    "_llseek",
    "stat",
    "fstat",
    "lstat",
    "stat64",
    "fstat64",
    "lstat64",
    "newfstatat",
    "fstatat64",
    "statx",
    "access",
    "faccessat",
    "faccessat2",
    "readlink",
    "readlinkat",
    "unlink",
    "unlinkat",
    "rename",
    "renameat",
    "renameat2",
    "mkdir",
    "mkdirat",
    "rmdir",
    "link",
    "linkat",
    "symlink",
    "symlinkat",
    "chmod",
    "fchmod",
    "fchmodat",
    "fchmodat2",
    "chown",
    "fchown",
    "lchown",
    "fchownat",
    "truncate",
    "ftruncate",
    "getdents",
    "getdents64",
    "chdir",
    "fchdir",
    "getcwd",
    "dup",
    "dup2",
    "dup3",
    "fcntl",
    "fcntl64",
    "flock",
    "fsync",
    "fdatasync",
    "sync",
    "syncfs",
    "ioctl",
    "utimensat",
    "utimes",
    "utime",
    "futimesat",
    "mknod",
    "mknodat",
    "statfs",
    "fstatfs",
    "sendfile",
    "copy_file_range",
    "splice",
    "tee",
    "pipe",
    "pipe2",
    "fadvise64",
    "fallocate",
    "inotify_init",
    "inotify_init1",
    "inotify_add_watch",
    "inotify_rm_watch",
    "getxattr",
    "lgetxattr",
    "fgetxattr",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "listxattr",
    "llistxattr",
    "flistxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "mount",
    "umount2",
    "chroot",
    "pivot_root",
    "name_to_handle_at",
    "open_by_handle_at",
    "memfd_create",
    "poll",
    "ppoll",
    "select",
    "pselect6",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_wait",
    "epoll_pwait",
    "epoll_pwait2",
    "eventfd",
    "eventfd2",
    "timerfd_create",
    "fanotify_init",
    "fanotify_mark",
    "readahead",
    "umask",
];

const NETWORK: &[&str] = &[
    "socket",
    "socketpair",
    "connect",
    "accept",
    "accept4",
    "bind",
    "listen",
    "sendto",
    "recvfrom",
    "sendmsg",
    "recvmsg",
    "sendmmsg",
    "recvmmsg",
    "shutdown",
    "getsockname",
    "getpeername",
    "setsockopt",
    "getsockopt",
    "socketcall",
];

const PROCESS: &[&str] = &[
    "clone",
    "clone3",
    "fork",
    "vfork",
    "execve",
    "execveat",
    "exit",
    "exit_group",
    "wait4",
    "waitid",
    "getpid",
    "getppid",
    "gettid",
    "setsid",
    "getsid",
    "setpgid",
    "getpgid",
    "getpgrp",
    "prctl",
    "arch_prctl",
    "set_tid_address",
    "setuid",
    "setgid",
    "setreuid",
    "setregid",
    "setresuid",
    "setresgid",
    "getuid",
    "getgid",
    "geteuid",
    "getegid",
    "getresuid",
    "getresgid",
    "getgroups",
    "setgroups",
    "unshare",
    "setns",
    "pidfd_open",
    "pidfd_getfd",
    "ptrace",
    "seccomp",
    "personality",
    "getrlimit",
    "setrlimit",
    "prlimit64",
    "sched_yield",
    "sched_getaffinity",
    "sched_setaffinity",
    "sched_getparam",
    "sched_setparam",
    "sched_getscheduler",
    "sched_setscheduler",
    "capget",
    "capset",
    "set_robust_list",
    "get_robust_list",
    "rseq",
    "getpriority",
    "setpriority",
    "times",
    "getrusage",
];

const MEMORY: &[&str] = &[
    "mmap",
    "mmap2",
    "munmap",
    "mprotect",
    "mremap",
    "brk",
    "madvise",
    "msync",
    "mlock",
    "mlock2",
    "munlock",
    "mlockall",
    "munlockall",
    "mincore",
    "pkey_alloc",
    "pkey_free",
    "pkey_mprotect",
    "membarrier",
    "process_vm_readv",
    "process_vm_writev",
    "mbind",
    "set_mempolicy",
    "get_mempolicy",
    "remap_file_pages",
    "process_madvise",
];

const SIGNAL: &[&str] = &[
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "rt_sigsuspend",
    "rt_sigpending",
    "rt_sigtimedwait",
    "rt_sigqueueinfo",
    "rt_tgsigqueueinfo",
    "sigaltstack",
    "kill",
    "tkill",
    "tgkill",
    "pidfd_send_signal",
    "signalfd",
    "signalfd4",
    "pause",
    "alarm",
    "sigaction",
    "sigprocmask",
    "signal",
    "sigreturn",
    "sigsuspend",
    "sigpending",
];

/// The class of a syscall, by name.
pub fn classify(name: &str) -> Class {
    if FILE.contains(&name) {
        Class::File
    } else if NETWORK.contains(&name) {
        Class::Network
    } else if PROCESS.contains(&name) {
        Class::Process
    } else if MEMORY.contains(&name) {
        Class::Memory
    } else if SIGNAL.contains(&name) {
        Class::Signal
    } else {
        Class::Other
    }
}

/// The symbolic name of a positive errno value (`EPERM`), or its number:
/// from the one errno table (`syscall-tables/errnos.tsv`), so that a call
/// denied with any errno (`D`) shows its name.
pub fn errno_name(errno: i32) -> String {
    crate::errno::name(errno)
}

const SIGNALS: &[(i32, &str)] = &[
    (libc::SIGHUP, "SIGHUP"),
    (libc::SIGINT, "SIGINT"),
    (libc::SIGQUIT, "SIGQUIT"),
    (libc::SIGILL, "SIGILL"),
    (libc::SIGTRAP, "SIGTRAP"),
    (libc::SIGABRT, "SIGABRT"),
    (libc::SIGBUS, "SIGBUS"),
    (libc::SIGFPE, "SIGFPE"),
    (libc::SIGKILL, "SIGKILL"),
    (libc::SIGUSR1, "SIGUSR1"),
    (libc::SIGSEGV, "SIGSEGV"),
    (libc::SIGUSR2, "SIGUSR2"),
    (libc::SIGPIPE, "SIGPIPE"),
    (libc::SIGALRM, "SIGALRM"),
    (libc::SIGTERM, "SIGTERM"),
    (libc::SIGCHLD, "SIGCHLD"),
    (libc::SIGCONT, "SIGCONT"),
    (libc::SIGSTOP, "SIGSTOP"),
    (libc::SIGTSTP, "SIGTSTP"),
    (libc::SIGTTIN, "SIGTTIN"),
    (libc::SIGTTOU, "SIGTTOU"),
    (libc::SIGURG, "SIGURG"),
    (libc::SIGXCPU, "SIGXCPU"),
    (libc::SIGXFSZ, "SIGXFSZ"),
    (libc::SIGVTALRM, "SIGVTALRM"),
    (libc::SIGPROF, "SIGPROF"),
    (libc::SIGWINCH, "SIGWINCH"),
    (libc::SIGIO, "SIGIO"),
    (libc::SIGPWR, "SIGPWR"),
    (libc::SIGSYS, "SIGSYS"),
];

/// `SIGKILL` for 9; the number itself when unknown.
pub fn signal_name(sig: i32) -> String {
    SIGNALS
        .iter()
        .find(|(n, _)| *n == sig)
        .map(|(_, s)| s.to_string())
        .unwrap_or_else(|| format!("SIG{sig}"))
}

/// 9 for `SIGKILL` (also accepts `KILL` and `SIG9`).
pub fn signal_number(name: &str) -> Option<i32> {
    let bare = name.strip_prefix("SIG").unwrap_or(name);
    SIGNALS
        .iter()
        .find(|(_, s)| &s[3..] == bare)
        .map(|(n, _)| *n)
        .or_else(|| bare.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(classify("openat"), Class::File);
        assert_eq!(classify("connect"), Class::Network);
        assert_eq!(classify("execve"), Class::Process);
        assert_eq!(classify("mmap"), Class::Memory);
        assert_eq!(classify("rt_sigaction"), Class::Signal);
        assert_eq!(classify("futex"), Class::Other);
    }

    #[test]
    fn names() {
        assert_eq!(errno_name(libc::EPERM), "EPERM");
        assert_eq!(errno_name(libc::EDQUOT), "EDQUOT", "every errno, not a few");
        assert_eq!(signal_name(libc::SIGKILL), "SIGKILL");
        assert_eq!(signal_number("SIGKILL"), Some(libc::SIGKILL));
        assert_eq!(signal_number("SIG64"), Some(64));
    }
}
