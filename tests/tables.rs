//! The syscall tables against independent sources: libc's `SYS_*`
//! constants, the `syscalls` crate's number tables, the tracefs signature
//! snapshot the tables were generated from, and strace's class membership.

use notrace::event::Arch;
use notrace::kinds::ArgKind;
use notrace::tables::{by_name, class, lookup, table};

/// Checks each `libc::SYS_<name>` against the x86_64 row named `<name>`.
macro_rules! check_libc {
    ($($sys:ident)*) => {{
        let mut n = 0usize;
        $(
            let name = stringify!($sys).strip_prefix("SYS_").unwrap();
            let d = by_name(Arch::X86_64, name)
                .unwrap_or_else(|| panic!("{name} missing from the x86_64 table"));
            assert_eq!(i64::from(d.nr), i64::from(libc::$sys), "{name}");
            n += 1;
        )*
        n
    }};
}

#[cfg(all(
    target_arch = "x86_64",
    target_env = "gnu",
    target_pointer_width = "64"
))]
#[test]
fn x86_64_numbers_agree_with_libc() {
    let n = check_libc!(
        SYS_read SYS_write SYS_open SYS_close SYS_stat SYS_fstat SYS_lstat SYS_poll SYS_lseek
        SYS_mmap SYS_mprotect SYS_munmap SYS_brk SYS_rt_sigaction SYS_rt_sigprocmask
        SYS_rt_sigreturn SYS_ioctl SYS_pread64 SYS_pwrite64 SYS_readv SYS_writev SYS_access
        SYS_pipe SYS_select SYS_sched_yield SYS_mremap SYS_msync SYS_mincore SYS_madvise
        SYS_shmget SYS_shmat SYS_shmctl SYS_dup SYS_dup2 SYS_pause SYS_nanosleep SYS_getitimer
        SYS_alarm SYS_setitimer SYS_getpid SYS_sendfile SYS_socket SYS_connect SYS_accept
        SYS_sendto SYS_recvfrom SYS_sendmsg SYS_recvmsg SYS_shutdown SYS_bind SYS_listen
        SYS_getsockname SYS_getpeername SYS_socketpair SYS_setsockopt SYS_getsockopt SYS_clone
        SYS_fork SYS_vfork SYS_execve SYS_exit SYS_wait4 SYS_kill SYS_uname SYS_semget SYS_semop
        SYS_semctl SYS_shmdt SYS_msgget SYS_msgsnd SYS_msgrcv SYS_msgctl SYS_fcntl SYS_flock
        SYS_fsync SYS_fdatasync SYS_truncate SYS_ftruncate SYS_getdents SYS_getcwd SYS_chdir
        SYS_fchdir SYS_rename SYS_mkdir SYS_rmdir SYS_creat SYS_link SYS_unlink SYS_symlink
        SYS_readlink SYS_chmod SYS_fchmod SYS_chown SYS_fchown SYS_lchown SYS_umask
        SYS_gettimeofday SYS_getrlimit SYS_getrusage SYS_sysinfo SYS_times SYS_ptrace
        SYS_getuid SYS_syslog SYS_getgid SYS_setuid SYS_setgid SYS_geteuid SYS_getegid
        SYS_setpgid SYS_getppid SYS_getpgrp SYS_setsid SYS_setreuid SYS_setregid SYS_getgroups
        SYS_setgroups SYS_setresuid SYS_getresuid SYS_setresgid SYS_getresgid SYS_getpgid
        SYS_setfsuid SYS_setfsgid SYS_getsid SYS_capget SYS_capset SYS_rt_sigpending
        SYS_rt_sigtimedwait SYS_rt_sigqueueinfo SYS_rt_sigsuspend SYS_sigaltstack
        SYS_utime SYS_mknod SYS_uselib SYS_personality SYS_ustat SYS_statfs SYS_fstatfs
        SYS_sysfs SYS_getpriority SYS_setpriority SYS_sched_setparam SYS_sched_getparam
        SYS_sched_setscheduler SYS_sched_getscheduler SYS_sched_get_priority_max
        SYS_sched_get_priority_min SYS_sched_rr_get_interval SYS_mlock SYS_munlock
        SYS_mlockall SYS_munlockall SYS_vhangup SYS_modify_ldt SYS_pivot_root SYS__sysctl
        SYS_prctl SYS_arch_prctl SYS_adjtimex SYS_setrlimit SYS_chroot SYS_sync SYS_acct
        SYS_settimeofday SYS_mount SYS_umount2 SYS_swapon SYS_swapoff SYS_reboot SYS_sethostname
        SYS_setdomainname SYS_iopl SYS_ioperm SYS_init_module SYS_delete_module SYS_quotactl
        SYS_nfsservctl SYS_getpmsg SYS_putpmsg SYS_afs_syscall SYS_tuxcall SYS_security
        SYS_gettid SYS_readahead SYS_setxattr SYS_lsetxattr SYS_fsetxattr SYS_getxattr
        SYS_lgetxattr SYS_fgetxattr SYS_listxattr SYS_llistxattr SYS_flistxattr SYS_removexattr
        SYS_lremovexattr SYS_fremovexattr SYS_tkill SYS_time SYS_futex SYS_sched_setaffinity
        SYS_sched_getaffinity SYS_set_thread_area SYS_io_setup SYS_io_destroy SYS_io_getevents
        SYS_io_submit SYS_io_cancel SYS_get_thread_area SYS_lookup_dcookie SYS_epoll_create
        SYS_epoll_ctl_old SYS_epoll_wait_old SYS_remap_file_pages SYS_getdents64
        SYS_set_tid_address SYS_restart_syscall SYS_semtimedop SYS_fadvise64 SYS_timer_create
        SYS_timer_settime SYS_timer_gettime SYS_timer_getoverrun SYS_timer_delete
        SYS_clock_settime SYS_clock_gettime SYS_clock_getres SYS_clock_nanosleep SYS_exit_group
        SYS_epoll_wait SYS_epoll_ctl SYS_tgkill SYS_utimes SYS_vserver SYS_mbind
        SYS_set_mempolicy SYS_get_mempolicy SYS_mq_open SYS_mq_unlink SYS_mq_timedsend
        SYS_mq_timedreceive SYS_mq_notify SYS_mq_getsetattr SYS_kexec_load SYS_waitid
        SYS_add_key SYS_request_key SYS_keyctl SYS_ioprio_set SYS_ioprio_get SYS_inotify_init
        SYS_inotify_add_watch SYS_inotify_rm_watch SYS_migrate_pages SYS_openat SYS_mkdirat
        SYS_mknodat SYS_fchownat SYS_futimesat SYS_newfstatat SYS_unlinkat SYS_renameat
        SYS_linkat SYS_symlinkat SYS_readlinkat SYS_fchmodat SYS_faccessat SYS_pselect6
        SYS_ppoll SYS_unshare SYS_set_robust_list SYS_get_robust_list SYS_splice SYS_tee
        SYS_sync_file_range SYS_vmsplice SYS_move_pages SYS_utimensat SYS_epoll_pwait
        SYS_signalfd SYS_timerfd_create SYS_eventfd SYS_fallocate SYS_timerfd_settime
        SYS_timerfd_gettime SYS_accept4 SYS_signalfd4 SYS_eventfd2 SYS_epoll_create1
        SYS_dup3 SYS_pipe2 SYS_inotify_init1 SYS_preadv SYS_pwritev SYS_rt_tgsigqueueinfo
        SYS_perf_event_open SYS_recvmmsg SYS_fanotify_init SYS_fanotify_mark SYS_prlimit64
        SYS_name_to_handle_at SYS_open_by_handle_at SYS_clock_adjtime SYS_syncfs SYS_sendmmsg
        SYS_setns SYS_getcpu SYS_process_vm_readv SYS_process_vm_writev SYS_kcmp
        SYS_finit_module SYS_sched_setattr SYS_sched_getattr SYS_renameat2 SYS_seccomp
        SYS_getrandom SYS_memfd_create SYS_kexec_file_load SYS_bpf SYS_execveat SYS_userfaultfd
        SYS_membarrier SYS_mlock2 SYS_copy_file_range SYS_preadv2 SYS_pwritev2 SYS_pkey_mprotect
        SYS_pkey_alloc SYS_pkey_free SYS_statx SYS_rseq SYS_pidfd_send_signal SYS_io_uring_setup
        SYS_io_uring_enter SYS_io_uring_register SYS_open_tree SYS_move_mount SYS_fsopen
        SYS_fsconfig SYS_fsmount SYS_fspick SYS_pidfd_open SYS_clone3 SYS_close_range
        SYS_openat2 SYS_pidfd_getfd SYS_faccessat2 SYS_process_madvise SYS_epoll_pwait2
        SYS_mount_setattr SYS_quotactl_fd SYS_landlock_create_ruleset SYS_landlock_add_rule
        SYS_landlock_restrict_self SYS_memfd_secret SYS_process_mrelease SYS_futex_waitv
        SYS_set_mempolicy_home_node SYS_fchmodat2 SYS_mseal
    );
    assert!(n >= 360, "{n}");
}

/// Compares a table with a `syscalls` crate table both ways. `rename` maps
/// crate names to ours; crate numbers in `skip` must be absent from ours;
/// names in `ours_only` are ours alone.
fn against_crate(
    arch: Arch,
    crate_rows: &[(u32, &'static str)],
    rename: &[(&str, &'static str)],
    skip: &[u32],
    ours_only: &[&str],
) {
    let ours = |name: &'static str| {
        rename
            .iter()
            .find(|(from, _)| *from == name)
            .map_or(name, |(_, to)| *to)
    };
    for &(nr, name) in crate_rows {
        if skip.contains(&nr) {
            assert_eq!(lookup(arch, nr), None, "{arch:?} {nr} should be absent");
            continue;
        }
        let d = lookup(arch, nr).unwrap_or_else(|| panic!("{arch:?} {nr} ({name}) missing"));
        assert_eq!(d.name, ours(name), "{arch:?} {nr}");
    }
    for d in table(arch) {
        if ours_only.contains(&d.name) {
            continue;
        }
        let found = crate_rows
            .iter()
            .find(|&&(nr, _)| nr == d.nr)
            .unwrap_or_else(|| panic!("{arch:?} {} ({}) not in the crate", d.nr, d.name));
        assert_eq!(d.name, ours(found.1), "{arch:?} {}", d.nr);
    }
}

/// (number, name) of every syscall a `syscalls` crate table knows.
/// `Sysno::new` is probed over the whole range because the crate's
/// iterator stops before the last entry.
fn crate_rows<S: Copy>(
    new: fn(usize) -> Option<S>,
    name: fn(&S) -> &'static str,
) -> Vec<(u32, &'static str)> {
    (0..2048)
        .filter_map(|n| new(n).map(|s| (n as u32, name(&s))))
        .collect()
}

#[test]
fn x86_64_agrees_with_syscalls_crate() {
    let rows = crate_rows(syscalls::x86_64::Sysno::new, syscalls::x86_64::Sysno::name);
    assert!(rows.len() > 370);
    against_crate(Arch::X86_64, &rows, &[], &[], &[]);
}

#[test]
fn i386_agrees_with_syscalls_crate() {
    let rows = crate_rows(syscalls::x86::Sysno::new, syscalls::x86::Sysno::name);
    assert!(rows.len() > 450);
    // The crate spells 17, `break`, as the raw identifier `r#break`.
    against_crate(Arch::I386, &rows, &[("r#break", "break")], &[], &[]);
    assert_eq!(lookup(Arch::I386, 17).unwrap().name, "break");
}

#[test]
fn aarch64_agrees_with_syscalls_crate() {
    let rows = crate_rows(
        syscalls::aarch64::Sysno::new,
        syscalls::aarch64::Sysno::name,
    );
    assert!(rows.len() > 320);
    // The crate calls 79 `fstatat` (the kernel and strace: newfstatat) and
    // lists the 32-bit-only time64 calls 403..=423, which arm64 lacks.
    let skip: Vec<u32> = (403..=423).collect();
    against_crate(
        Arch::Aarch64,
        &rows,
        &[("fstatat", "newfstatat")],
        &skip,
        &[],
    );
}

#[test]
fn x32_follows_x86_64() {
    const BIT: u32 = 0x4000_0000;
    let x32 = table(Arch::X32);
    assert!(x32.len() > 400);
    for d in x32 {
        let nr = d.nr & !BIT;
        if nr >= 512 {
            assert!(nr <= 547, "{}", d.name);
            assert!(by_name(Arch::X86_64, d.name).is_some(), "{}", d.name);
            continue;
        }
        let native = lookup(Arch::X86_64, nr).unwrap_or_else(|| panic!("{nr}"));
        let base = d.name.strip_suffix("#64").unwrap_or(d.name);
        assert_eq!(base, native.name, "x32 {nr}");
    }
    // An x32-specific slot leaves the 64-bit slot named `<name>#64`.
    for name in ["readv", "execve", "recvmsg", "ioctl"] {
        let x = by_name(Arch::X32, name).unwrap();
        assert!(x.nr & !BIT >= 512, "{name}");
        assert!(
            by_name(Arch::X32, &format!("{name}#64")).is_some(),
            "{name}"
        );
    }
}

/// Calls that really take no arguments on x86_64.
const NO_ARGS: &[&str] = &[
    "rt_sigreturn",
    "sched_yield",
    "pause",
    "getpid",
    "fork",
    "vfork",
    "getuid",
    "getgid",
    "geteuid",
    "getegid",
    "getppid",
    "getpgrp",
    "setsid",
    "munlockall",
    "vhangup",
    "sync",
    "gettid",
    "restart_syscall",
    "inotify_init",
    "uretprobe",
    "uprobe",
];

#[test]
fn x86_64_rows_have_argument_names() {
    for d in table(Arch::X86_64) {
        assert_eq!(d.args.is_empty(), NO_ARGS.contains(&d.name), "{}", d.name);
        for a in d.args {
            assert!(!a.name.is_empty() && !a.kind_name.is_empty(), "{}", d.name);
        }
    }
}

/// The argument count of every x86_64 row matches the kernel's tracefs
/// event it was generated from (the checked-in snapshot).
#[test]
fn x86_64_arg_counts_match_tracefs_snapshot() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/syscall-tables/gen/tracefs-x86_64.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let alias = [
        ("newfstat", "fstat"),
        ("newstat", "stat"),
        ("newlstat", "lstat"),
        ("newuname", "uname"),
        ("sendfile64", "sendfile"),
        ("umount", "umount2"),
    ];
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let event = cols.next().unwrap();
        let nargs = cols.count() / 2;
        let name = alias.iter().find(|a| a.0 == event).map_or(event, |a| a.1);
        if let Some(d) = by_name(Arch::X86_64, name) {
            assert_eq!(d.args.len(), nargs, "{name}");
            checked += 1;
        }
    }
    assert!(checked > 340, "{checked}");
}

fn classes_of(arch: Arch, name: &str) -> u32 {
    by_name(arch, name)
        .unwrap_or_else(|| panic!("{arch:?} {name} missing"))
        .classes
}

#[test]
fn class_membership_matches_strace() {
    use class::*;
    let x = Arch::X86_64;
    assert_eq!(classes_of(x, "openat"), FILE | DESC);
    assert_eq!(classes_of(x, "open"), FILE | DESC);
    assert_eq!(classes_of(x, "read"), DESC);
    assert_eq!(classes_of(x, "connect"), NETWORK);
    assert_eq!(classes_of(x, "sendfile"), NETWORK | DESC);
    assert_eq!(classes_of(x, "newfstatat"), FILE | DESC | FSTAT | STAT_LIKE);
    assert_eq!(classes_of(x, "fstat"), DESC | FSTAT | STAT_LIKE);
    assert_eq!(classes_of(x, "stat"), FILE | STAT | STAT_LIKE);
    assert_eq!(classes_of(x, "lstat"), FILE | LSTAT | STAT_LIKE);
    assert_eq!(classes_of(x, "statx"), FILE | DESC | FSTAT | STAT_LIKE);
    assert_eq!(classes_of(x, "statfs"), FILE | STATFS | STATFS_LIKE);
    assert_eq!(classes_of(x, "fstatfs"), DESC | FSTATFS | STATFS_LIKE);
    assert_eq!(classes_of(x, "ustat"), STATFS_LIKE);
    assert_eq!(classes_of(x, "getpid"), PURE);
    assert_eq!(classes_of(x, "getuid"), CREDS | PURE);
    assert_eq!(classes_of(x, "clone"), PROCESS);
    assert_eq!(classes_of(x, "clone3"), PROCESS);
    assert_eq!(classes_of(x, "execve"), FILE | PROCESS);
    assert_eq!(classes_of(x, "execveat"), FILE | PROCESS | DESC);
    assert_eq!(classes_of(x, "kill"), PROCESS | SIGNAL);
    assert_eq!(classes_of(x, "rt_sigaction"), SIGNAL);
    assert_eq!(classes_of(x, "mmap"), DESC | MEMORY);
    assert_eq!(classes_of(x, "munmap"), MEMORY);
    assert_eq!(classes_of(x, "shmat"), IPC | MEMORY);
    assert_eq!(classes_of(x, "clock_gettime"), CLOCK);
    assert_eq!(classes_of(x, "prctl"), CREDS);
    assert_eq!(classes_of(x, "pidfd_send_signal"), PROCESS | SIGNAL | DESC);
    assert_eq!(classes_of(x, "nanosleep"), 0);
    assert_eq!(classes_of(x, "close_range"), 0);
    let i = Arch::I386;
    assert_eq!(classes_of(i, "socketcall"), DESC);
    assert_eq!(classes_of(i, "ipc"), IPC);
    assert_eq!(classes_of(i, "stat64"), FILE | STAT | STAT_LIKE);
    assert_eq!(classes_of(i, "fstatat64"), FILE | DESC | FSTAT | STAT_LIKE);
    assert_eq!(classes_of(i, "mmap2"), DESC | MEMORY);
    assert_eq!(classes_of(i, "getuid32"), CREDS | PURE);
    assert_eq!(classes_of(i, "waitpid"), PROCESS);
    let a = Arch::Aarch64;
    assert_eq!(classes_of(a, "newfstatat"), FILE | DESC | FSTAT | STAT_LIKE);
    assert_eq!(classes_of(a, "openat"), FILE | DESC);
    let x32 = Arch::X32;
    assert_eq!(classes_of(x32, "execve"), FILE | PROCESS);
    assert_eq!(classes_of(x32, "mq_notify#64"), 0);
    assert_eq!(classes_of(x32, "mq_notify"), DESC);
}

#[test]
fn class_names() {
    assert_eq!(class::by_name("file"), Some(class::FILE));
    assert_eq!(class::by_name("network"), Some(class::NETWORK));
    assert_eq!(class::by_name("net"), Some(class::NETWORK));
    assert_eq!(class::by_name("stat"), Some(class::STAT));
    assert_eq!(class::by_name("%stat"), Some(class::STAT_LIKE));
    assert_eq!(class::by_name("%statfs"), Some(class::STATFS_LIKE));
    assert_eq!(class::by_name("pure"), Some(class::PURE));
    assert_eq!(class::by_name("%file"), None);
    assert_eq!(class::by_name("bogus"), None);
    let all = [
        "file", "network", "process", "signal", "ipc", "desc", "memory", "creds", "clock", "stat",
        "lstat", "fstat", "%stat", "statfs", "fstatfs", "%statfs", "pure",
    ];
    let bits: Vec<u32> = all.iter().map(|n| class::by_name(n).unwrap()).collect();
    for (i, b) in bits.iter().enumerate() {
        assert_eq!(b.count_ones(), 1);
        assert!(!bits[..i].contains(b));
    }
}

fn kinds(arch: Arch, name: &str) -> Vec<(&'static str, ArgKind)> {
    by_name(arch, name)
        .unwrap_or_else(|| panic!("{name}"))
        .args
        .iter()
        .map(|a| (a.name, a.kind))
        .collect()
}

#[test]
fn important_signatures() {
    use ArgKind::*;
    let x = Arch::X86_64;
    assert_eq!(
        kinds(x, "openat"),
        [
            ("dfd", Dirfd),
            ("filename", Path),
            ("flags", OpenFlags),
            ("mode", OpenMode(2))
        ]
    );
    assert_eq!(kinds(x, "open")[2], ("mode", OpenMode(1)));
    assert_eq!(kinds(x, "creat")[1], ("mode", Mode));
    // int arguments are cut to 32 bits, long ones are not.
    assert_eq!(kinds(x, "wait4")[0], ("upid", Int));
    assert_eq!(kinds(x, "lseek")[1], ("offset", Long));
    assert_eq!(kinds(x, "pread64")[3], ("pos", Long));
    assert_eq!(kinds(x, "futex")[1], ("op", FutexOp));
    assert_eq!(kinds(x, "prctl")[1], ("arg2", PrctlArg));
    assert_eq!(
        kinds(x, "write"),
        [("fd", Fd), ("buf", BufIn(2)), ("count", Ulong)]
    );
    assert_eq!(kinds(x, "read")[1], ("buf", OutPtr));
    // unsigned int is Uint (low 32 bits), unsigned long / size_t Ulong.
    assert_eq!(kinds(x, "getdents64")[2], ("count", Uint));
    assert_eq!(kinds(x, "read")[2], ("count", Ulong));
    // An int-sized mask prints its low half, a long-sized one all of it.
    assert_eq!(kinds(x, "rseq")[3], ("sig", Hex));
    assert_eq!(kinds(x, "mlockall")[0], ("flags", MlockallFlags));
    // ioctl's argument is shaped by the request (and printed whole).
    assert_eq!(kinds(x, "ioctl")[2], ("arg", IoctlArg(1)));
    assert_eq!(kinds(x, "io_destroy")[0], ("ctx", HexLong));
    assert_eq!(kinds(x, "fanotify_mark")[2], ("mask", FanEventMask));
    assert_eq!(
        kinds(x, "socket"),
        [
            ("family", SockDomain),
            ("type", SockType),
            ("protocol", SockProto(0))
        ]
    );
    assert_eq!(kinds(x, "connect")[1], ("uservaddr", SockaddrIn(2)));
    assert_eq!(kinds(x, "sendto")[4], ("addr", SockaddrIn(5)));
    assert_eq!(kinds(x, "clone3")[0], ("uargs", CloneArgs(1)));
    assert_eq!(kinds(x, "openat2")[2], ("how", OpenHow(3)));
    assert_eq!(kinds(x, "fcntl")[2], ("arg", FcntlArg(1)));
    assert_eq!(kinds(x, "rt_sigprocmask")[1], ("nset", SigsetIn(3)));
    assert_eq!(kinds(x, "unlinkat")[2], ("flag", AtFlags));
    assert_eq!(kinds(x, "execve")[1..], [("argv", Argv), ("envp", Envp)]);
    assert_eq!(
        kinds(x, "statx"),
        [
            ("dfd", Dirfd),
            ("filename", Path),
            ("flags", StatxFlags),
            ("mask", StatxMask),
            ("buffer", OutPtr)
        ]
    );
    let w = by_name(x, "write").unwrap();
    assert_eq!(w.args[1].kind_name, "buf_in:2");
    // CONFIG_CLONE_BACKWARDS: tls comes before child_tidptr on i386/arm64.
    for arch in [Arch::I386, Arch::Aarch64] {
        assert_eq!(kinds(arch, "clone")[3].0, "tls", "{arch:?}");
    }
    assert_eq!(kinds(x, "clone")[4].0, "tls");
    assert_eq!(
        kinds(x, "clone"),
        [
            ("clone_flags", CloneCallFlags(1)),
            ("newsp", CloneStack),
            ("parent_tidptr", CloneParentTid(0)),
            ("child_tidptr", CloneChildTid(0)),
            ("tls", CloneTls(0))
        ]
    );
    assert_eq!(kinds(Arch::I386, "socketcall").len(), 2);
    assert_eq!(kinds(Arch::I386, "_llseek")[4], ("whence", Whence));
}

/// x32's compat slots (512..547) read compat structs: no 64-bit pointer
/// or long layout may decode them (each kind below has an i386 twin that
/// gen.py's x32_compat_layouts applies), and their times stay 64-bit (x32
/// enters the _time64 compat calls), so no old_timespec32-style kind.
#[test]
fn x32_compat_rows_use_32_bit_pointer_layouts_and_64_bit_times() {
    const POINTER_64: &[&str] = &[
        "argv",
        "envp",
        "sigaction_in",
        "iovec_in",
        "iovec_out",
        "msghdr_in",
        "msghdr_in_out",
        "mmsghdr_in",
        "sockopt_val",
        "stack_in",
        "sigevent_in",
        "ptrace_arg",
        "ioctl_arg",
        "iocb_ptrs",
    ];
    const TIME_32: &[&str] = &[
        "timespec32_in",
        "timeval32_in",
        "itimerspec32_in",
        "itimerval32_in",
        "utimens_times32",
        "utimes_times32",
        "utimbuf32",
        "futex_arg32",
    ];
    let compat: Vec<_> = table(Arch::X32)
        .iter()
        .filter(|d| d.nr >= 0x4000_0200)
        .collect();
    assert_eq!(compat.len(), 36, "x32 has 36 compat slots, 512..547");
    let mut converted = 0;
    for d in &compat {
        for a in d.args {
            let base = a.kind_name.split(':').next().unwrap();
            assert!(
                !POINTER_64.contains(&base),
                "x32 {} ({:#x}) {}: 64-bit layout {base}",
                d.name,
                d.nr,
                a.name
            );
            assert!(
                !TIME_32.contains(&base),
                "x32 {}: 32-bit time {base}",
                d.name
            );
            if base.ends_with("32") || base == "stack32_in" || base == "sigevent32_in" {
                converted += 1;
            }
        }
    }
    // rt_sigaction, ioctl, readv, writev, sendmsg, recvmsg, execve (2),
    // ptrace (3), sigaltstack, timer_create, mq_notify, vmsplice, preadv, pwritev,
    // sendmmsg, process_vm_readv (2), process_vm_writev (2), setsockopt,
    // execveat (2), preadv2, pwritev2, io_submit.
    assert_eq!(converted, 28);
    // The native x32 rows below 512 keep x86_64's kinds.
    assert_eq!(
        by_name(Arch::X32, "fcntl").unwrap().args[2].kind_name,
        "fcntl_arg:1"
    );
}
