//! Argument kinds: the vocabulary shared by `syscall-tables/` and the
//! decoders. A table row names each argument's kind in snake_case
//! (`open_flags`, `buf_in:2`); `build.rs` turns that into an [`ArgKind`]
//! variant, so a misspelt kind fails the build.
//!
//! Kinds that take a number (`buf_in:2`) name the index (0-based) of the
//! argument that holds the length or the related value.

/// How one syscall argument is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArgKind {
    /// A C `int` (`int`, `pid_t`, `uid_t`, ...): the low 32 bits of the
    /// register, sign-extended, as strace prints it (junk in the upper half
    /// is ignored, as the kernel ignores it).
    Int,
    /// A C `long` (`long`, `off_t`, `loff_t`): the whole register, signed.
    Long,
    /// A C `unsigned int` (`unsigned int`, `u32`, ...): the low 32 bits of
    /// the register in unsigned decimal, as strace prints it.
    Uint,
    /// A C `unsigned long` (`unsigned long`, `size_t`, `u64`): the whole
    /// register in unsigned decimal.
    Ulong,
    /// An `int`-sized mask or cookie (`int`, `unsigned int`, `u32`): the
    /// low 32 bits in hexadecimal.
    Hex,
    /// A `long`-sized mask or cookie (`unsigned long`, `u64`): the whole
    /// register in hexadecimal.
    HexLong,
    /// Octal number (`umode_t` that is not a file mode).
    Oct,
    /// A pointer whose target is not decoded: `NULL` or its address.
    Ptr,
    /// A pointer the kernel fills (output): printed as its address.
    OutPtr,
    /// A file descriptor.
    Fd,
    /// A directory fd for *at calls (`AT_FDCWD`).
    Dirfd,
    /// A NUL-terminated path.
    Path,
    /// A NUL-terminated string that is not a path.
    Str,
    /// An input buffer whose length is argument N, printed as a string.
    BufIn(u8),
    /// An input iovec array whose count is argument N.
    IovecIn(u8),
    /// An output iovec array whose count is argument N (address only).
    IovecOut(u8),
    /// [`ArgKind::IovecIn`] with i386's layout (32-bit base and length).
    IovecIn32(u8),
    /// [`ArgKind::IovecOut`] with i386's layout.
    IovecOut32(u8),
    /// open/openat flags (`O_RDONLY|O_CLOEXEC`).
    OpenFlags,
    /// A file mode in octal, type bits included (`0644`, `0100644`), as
    /// strace prints chmod's, mkdir's, umask's and open's.
    Mode,
    /// mknod's mode: the file type named, then the permissions in octal
    /// (`S_IFREG|0644`).
    MknodMode,
    /// mknod's device: `makedev(0x1, 0x3)` when the mode (argument N)
    /// makes a character or block device, else left out, as strace does.
    MknodDev(u8),
    /// open/openat's mode: printed only when the flags (argument N) hold
    /// `O_CREAT` or `O_TMPFILE`, as strace does; otherwise left out.
    OpenMode(u8),
    /// statx flags: the `AT_STATX_*` sync type always first, then `AT_*`
    /// flags (`AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW`).
    StatxFlags,
    /// getrlimit/setrlimit/prlimit64 resource (`RLIMIT_NOFILE`).
    RlimitResource,
    /// getrandom flags (`GRND_NONBLOCK`).
    GetrandomFlags,
    /// arch_prctl code (`ARCH_SET_FS`).
    ArchPrctlCode,
    /// fadvise64 advice (`POSIX_FADV_SEQUENTIAL`).
    FadviseAdvice,
    /// futex operation (`FUTEX_WAKE_PRIVATE`, `FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME`).
    FutexOp,
    /// futex arguments 2..5, printed or left out by the operation in
    /// argument 1, as strace does (`futex(uaddr, FUTEX_WAKE_PRIVATE, 1)`).
    FutexArg,
    /// [`ArgKind::FutexArg`] of i386's futex: `struct old_timespec32`
    /// timeouts (futex_time64 keeps [`ArgKind::FutexArg`]).
    FutexArg32,
    /// prctl arguments 2..5, printed or left out by the option in argument
    /// 0, as strace does (`prctl(PR_SET_NAME, "x")`, `prctl(PR_GET_DUMPABLE)`).
    PrctlArg,
    /// [`ArgKind::PrctlArg`] for i386 tracees: a 32-bit `struct sock_fprog`.
    PrctlArg32,
    /// clone's flags on x86_64-style clone: printed with strace's labels
    /// and order, `child_stack=X, flags=Y`; the stack is argument N.
    CloneCallFlags(u8),
    /// clone's stack: printed with the flags (see `CloneCallFlags`), so
    /// left out here.
    CloneStack,
    /// clone's `parent_tid`: `parent_tid=ADDR` when the flags (argument N)
    /// hold `CLONE_PARENT_SETTID`, else left out.
    CloneParentTid(u8),
    /// clone's `child_tidptr`: shown when the flags (argument N) hold
    /// `CLONE_CHILD_SETTID` or `CLONE_CHILD_CLEARTID`.
    CloneChildTid(u8),
    /// clone's `tls`: shown when the flags (argument N) hold `CLONE_SETTLS`.
    CloneTls(u8),
    /// `AT_*` flags (`AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH`).
    AtFlags,
    /// access mode (`R_OK|W_OK`, `F_OK`).
    AccessMode,
    /// A signal number (`SIGTERM`).
    Signal,
    /// A clock id (`CLOCK_MONOTONIC`).
    Clockid,
    /// lseek whence (`SEEK_SET`).
    Whence,
    /// Socket address family (`AF_INET`).
    SockDomain,
    /// Socket type with flags (`SOCK_STREAM|SOCK_CLOEXEC`).
    SockType,
    /// Socket protocol; argument N holds the domain.
    SockProto(u8),
    /// An input sockaddr whose length is argument N.
    SockaddrIn(u8),
    /// An output sockaddr (address only).
    SockaddrOut,
    /// setsockopt/getsockopt level (`SOL_SOCKET`).
    SockoptLevel,
    /// Socket option name; argument N holds the level.
    SockoptName(u8),
    /// setsockopt's input value; its length is argument N.
    SockoptVal(u8),
    /// [`ArgKind::SockoptVal`] with i386's layouts (an 8-byte sock_fprog).
    SockoptVal32(u8),
    /// `MSG_*` flags.
    MsgFlags,
    /// An input `struct msghdr` (sendmsg).
    MsghdrIn,
    /// [`ArgKind::MsghdrIn`] with i386's layout (32-bit pointers and
    /// lengths, 12-byte cmsghdrs aligned to 4).
    MsghdrIn32,
    /// `SHUT_*` for shutdown.
    ShutdownHow,
    /// accept4 / socket `SOCK_*` flags.
    SockFlags,
    /// An input `struct timespec`.
    TimespecIn,
    /// execve's argv array.
    Argv,
    /// [`ArgKind::Argv`] of an i386 or x32 tracee: 32-bit pointers.
    Argv32,
    /// execve's envp array.
    Envp,
    /// [`ArgKind::Envp`] of an i386 or x32 tracee: 32-bit pointers.
    Envp32,
    /// prctl option (`PR_SET_NAME`).
    PrctlOption,
    /// mlockall flags (`MCL_CURRENT|MCL_FUTURE`).
    MlockallFlags,
    /// userfaultfd flags (`UFFD_USER_MODE_ONLY|O_CLOEXEC`).
    UffdFlags,
    /// kcmp's type (`KCMP_FILE`).
    KcmpType,
    /// bpf's command (`BPF_MAP_CREATE`).
    BpfCmd,
    /// syslog's action, in decimal with its name in a comment (`3 /* SYSLOG_ACTION_READ_ALL */`), as strace prints it.
    SyslogAction,
    /// pidfd_open flags (`PIDFD_NONBLOCK`).
    PidfdOpenFlags,
    /// fsopen flags (`FSOPEN_CLOEXEC`).
    FsopenFlags,
    /// fsmount flags (`FSMOUNT_CLOEXEC`).
    FsmountFlags,
    /// `MOUNT_ATTR_*` flags (fsmount's attr_flags).
    MountAttrFlags,
    /// fsmount's attr_flags: strace 6.1's shorter MOUNT_ATTR_* list.
    FsmountAttrFlags,
    /// fspick flags (`FSPICK_CLOEXEC`).
    FspickFlags,
    /// open_tree flags (`OPEN_TREE_CLONE|AT_RECURSIVE`).
    OpenTreeFlags,
    /// move_mount flags (`MOVE_MOUNT_F_EMPTY_PATH`).
    MoveMountFlags,
    /// fsconfig's command (`FSCONFIG_SET_STRING`).
    FsconfigCmd,
    /// pkey_alloc's access rights (`PKEY_DISABLE_WRITE`), the whole register.
    PkeyAccessRights,
    /// perf_event_open flags (`PERF_FLAG_FD_CLOEXEC`), the whole register.
    PerfEventOpenFlags,
    /// landlock_create_ruleset flags (`LANDLOCK_CREATE_RULESET_VERSION`).
    LandlockCreateFlags,
    /// landlock_add_rule's rule type (`LANDLOCK_RULE_PATH_BENEATH`).
    LandlockRuleType,
    /// get_mempolicy flags (`MPOL_F_ADDR`), the whole register.
    MempolicyFlags,
    /// set_mempolicy's mode with its flags (`MPOL_BIND|MPOL_F_STATIC_NODES`),
    /// the low 32 bits.
    MpolMode,
    /// mbind's mode: [`ArgKind::MpolMode`], the whole register.
    MpolModeLong,
    /// A node mask whose size in bits (maxnode) is argument N.
    Nodemask(u8),
    /// [`ArgKind::Nodemask`] of an i386 tracee: 32-bit words.
    Nodemask32(u8),
    /// mbind flags (`MPOL_MF_STRICT`).
    MbindFlags,
    /// memfd_secret flags (`O_CLOEXEC`).
    MemfdSecretFlags,
    /// timerfd_create flags (`TFD_CLOEXEC|TFD_NONBLOCK`).
    TimerfdCreateFlags,
    /// io_uring_enter flags (`IORING_ENTER_GETEVENTS`).
    IoUringEnterFlags,
    /// A pointer to a 64-bit offset the call reads (and may update): `[4096]`, as strace prints sendfile's, splice's and copy_file_range's at entry.
    Int64Ptr,
    /// A pointer to an i386 `unsigned long` (sendfile's `off_t`):
    /// `[4294967289]`.
    Ulong32Ptr,
    /// stime's `old_time32_t *`: `[1234 /* 1970-01-01T00:20:34+0000 */]`.
    Time32Ptr,
    /// mmap2's offset in 4096-byte pages, printed in bytes (hex).
    MmapPgoff,
    /// A 16-bit uid or gid (i386's chown, setuid, ...): 0xffff as `-1`.
    Uid16,
    /// A `uid_t` or `gid_t`: `-1`, else the id unsigned (strace's
    /// printuid: `4294967294`, not `-2`).
    Uid,
    /// setgroups' `gid_t` list of argument N entries: `[0, 1, -1]`.
    GidList(u8),
    /// i386 setgroups' 16-bit gid list of argument N entries.
    Gid16List(u8),
    /// signal's handler: `SIG_DFL`, `SIG_IGN` or its address.
    SigHandler,
    /// io_uring_register's opcode (`IORING_REGISTER_BUFFERS`).
    IoUringRegisterOp,
    /// dup3's flags: the open flags table, `O_???` for unnamed bits
    /// (`O_CLOEXEC`, `0x10 /* O_??? */`).
    Dup3Flags,
    /// A device number (`dev_t` as an `unsigned int`): `makedev(0x8, 0x1)`.
    Dev,
    /// quotactl's command as strace prints it: `QCMD(Q_SYNC, USRQUOTA)`.
    QuotactlCmd,
    /// swapon's flags: `SWAP_FLAG_*` names, then the priority in decimal.
    SwapFlags,
    /// fanotify_init's flags: the notification class, then `FAN_*` flags.
    FanInitFlags,
    /// fanotify_mark's flags (`FAN_MARK_ADD|FAN_MARK_ONLYDIR`).
    FanMarkFlags,
    /// fanotify's event mask (`FAN_OPEN|FAN_CLOSE_WRITE`), the whole register.
    FanEventMask,
    /// [`ArgKind::FanEventMask`] split over two i386 registers: this one
    /// the low half, argument N the high half.
    FanEventMaskLoHi(u8),
    /// utime's `struct utimbuf`: `{actime=N, modtime=N}` with dates.
    Utimbuf,
    /// [`ArgKind::Utimbuf`] with i386's 32-bit times.
    Utimbuf32,
    /// ptrace request (`PTRACE_SEIZE`): the whole register, as strace.
    PtraceRequest,
    /// ptrace's pid, addr and data, printed or left out and shaped by the
    /// request in argument 0, as strace does (`ptrace(PTRACE_CONT, 12,
    /// NULL, SIGUSR1)`, `ptrace(PTRACE_ATTACH, 12)`).
    PtraceArg,
    /// [`ArgKind::PtraceArg`] for i386 tracees: 32-bit iovecs and registers.
    PtraceArg32,
    /// ioctl request (`TCGETS`).
    IoctlRequest,
    /// clone flags (`CLONE_VM|CLONE_FS|...|SIGCHLD`).
    CloneFlags,
    /// clone3's `struct clone_args`; its size is argument N.
    CloneArgs(u8),
    /// mmap/mprotect `PROT_*`.
    MmapProt,
    /// mmap `MAP_*` flags.
    MmapFlags,
    /// madvise advice (`MADV_DONTNEED`).
    MadviseAdvice,
    /// mremap `MREMAP_*` flags.
    MremapFlags,
    /// rt_sigprocmask how (`SIG_BLOCK`).
    SigprocmaskHow,
    /// An input signal set; its size is argument N.
    SigsetIn(u8),
    /// An input `struct sigaction` (rt_sigaction).
    SigactionIn,
    /// [`ArgKind::SigactionIn`] of an i386 or x32 tracee: the compat
    /// `struct sigaction` (32-bit handler, flags and restorer).
    SigactionIn32,
    /// fcntl command (`F_SETFD`).
    FcntlCmd,
    /// The third fcntl argument; argument N holds the command.
    FcntlArg(u8),
    /// [`ArgKind::FcntlArg`] of an i386 tracee: `struct flock` with
    /// 32-bit offsets, and the packed 24-byte `struct flock64`.
    FcntlArg32(u8),
    /// i386's fcntl64: [`ArgKind::FcntlArg32`], and `F_GETLK64`,
    /// `F_SETLK64`, `F_SETLKW64` read the packed `struct flock64`.
    Fcntl64Arg32(u8),
    /// flock operation (`LOCK_EX|LOCK_NB`).
    FlockOp,
    /// renameat2 flags (`RENAME_NOREPLACE`).
    RenameFlags,
    /// xattr flags (`XATTR_CREATE`).
    XattrFlags,
    /// wait4/waitid options (`WNOHANG`).
    WaitOptions,
    /// pipe2 / dup3 / eventfd style `O_CLOEXEC|O_NONBLOCK` flags.
    PipeFlags,
    /// An input `struct open_how` (openat2); its size is argument N.
    OpenHow(u8),
    /// statx mask (`STATX_BASIC_STATS`).
    StatxMask,
    /// An input array of two ints (fd pairs and the like are output).
    IntPairOut,
    /// epoll_ctl operation (`EPOLL_CTL_ADD`).
    EpollCtlOp,
    /// epoll_create1 flags (`EPOLL_CLOEXEC`).
    EpollFlags,
    /// inotify_add_watch event mask (`IN_MODIFY|IN_CREATE`).
    InotifyMask,
    /// inotify_init1 flags (`IN_NONBLOCK|IN_CLOEXEC`).
    InotifyInitFlags,
    /// eventfd2 flags (`EFD_SEMAPHORE|EFD_CLOEXEC`).
    EventfdFlags,
    /// signalfd4 flags (`SFD_CLOEXEC|SFD_NONBLOCK`).
    SignalfdFlags,
    /// fallocate mode (`FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE`).
    FallocateMode,
    /// sync_file_range flags (`SYNC_FILE_RANGE_WRITE`).
    SyncFileRangeFlags,
    /// memfd_create flags, with the huge page size as
    /// `21<<MFD_HUGE_SHIFT` (`MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT`).
    MemfdFlags,
    /// mlock2 flags (`MLOCK_ONFAULT`).
    Mlock2Flags,
    /// msync flags (`MS_ASYNC|MS_INVALIDATE`).
    MsyncFlags,
    /// splice / tee / vmsplice flags (`SPLICE_F_MOVE|SPLICE_F_MORE`).
    SpliceFlags,
    /// close_range flags (`CLOSE_RANGE_CLOEXEC`).
    CloseRangeFlags,
    /// umount2 flags (`MNT_DETACH`, `UMOUNT_NOFOLLOW`).
    UmountFlags,
    /// waitid id type (`P_PID`, `P_PIDFD`).
    WaitidIdtype,
    /// getrusage who (`RUSAGE_SELF`, `RUSAGE_CHILDREN` for -1).
    RusageWho,
    /// getpriority/setpriority which (`PRIO_PROCESS`).
    PriorityWhich,
    /// An argument strace never prints (preadv's `pos_h` on 64-bit ABIs,
    /// where `pos_l` holds the whole offset); the raw value stays in JSON.
    Omitted,
    /// ioctl's third argument, shaped by the request (argument N): left
    /// out for requests that take none (`FIOCLEX`), decimal for
    /// `TIOCSCTTY`, else in hex.
    IoctlArg(u8),
    /// [`ArgKind::IoctlArg`] for i386 and x32's compat ioctl: the structs
    /// holding longs or pointers (ifreq's ifmap, ifconf, loop_info,
    /// blkpg_ioctl_arg) with 32-bit ones.
    IoctlArg32(u8),
    /// mremap's new address: printed only when the flags (argument N) hold
    /// both `MREMAP_MAYMOVE` and `MREMAP_FIXED`, as strace does.
    MremapNewAddr(u8),
    /// membarrier command (`MEMBARRIER_CMD_QUERY`).
    MembarrierCmd,
    /// membarrier flags (`MEMBARRIER_CMD_FLAG_CPU`).
    MembarrierFlags,
    /// membarrier's cpu: printed only when the flags (argument N) hold
    /// `MEMBARRIER_CMD_FLAG_CPU`.
    MembarrierCpu(u8),
    /// preadv2/pwritev2 flags (`RWF_HIPRI|RWF_APPEND`).
    RwfFlags,
    /// personality's persona: `PER_LINUX|ADDR_NO_RANDOMIZE`, the query
    /// value `0xffffffff` in hex.
    Personality,
    /// ioprio_set/ioprio_get which (`IOPRIO_WHO_PROCESS`).
    IoprioWho,
    /// An I/O priority: `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`.
    IoprioValue,
    /// A SysV IPC key: `IPC_PRIVATE`, else in hex.
    IpcKey,
    /// semget/msgget flags, the permissions in octal last
    /// (`IPC_CREAT|IPC_EXCL|0600`).
    IpcGetFlags,
    /// shmget flags, with the huge page size
    /// (`SHM_HUGETLB|21<<SHM_HUGE_SHIFT|0600`).
    ShmgetFlags,
    /// shmat flags (`SHM_RDONLY|SHM_RND`).
    ShmatFlags,
    /// shmctl command (`IPC_RMID`, `IPC_64|IPC_INFO`).
    ShmctlCmd,
    /// shmctl's buffer: the `struct shmid64_ds` for `IPC_SET` (the
    /// command is argument N), else its address, as strace prints it.
    ShmctlBuf(u8),
    /// [`ArgKind::ShmctlBuf`] with i386's compat layout.
    ShmctlBuf32(u8),
    /// msgctl's buffer: the `struct msqid64_ds` for `IPC_SET` (the command
    /// is argument N), else its address.
    MsgctlBuf(u8),
    /// [`ArgKind::MsgctlBuf`] with i386's compat layout.
    MsgctlBuf32(u8),
    /// semctl's `union semun`: the `struct semid64_ds` it points to for
    /// `IPC_SET` (the command is argument N), else the value as an address.
    SemctlArg(u8),
    /// [`ArgKind::SemctlArg`] with i386's compat layout.
    SemctlArg32(u8),
    /// The low half of a 64-bit value an i386 caller passes in two
    /// registers, argument N holding the high half: the joined value in
    /// signed decimal, as strace prints it (the high half is `omitted`).
    LongLoHi(u8),
    /// [`ArgKind::LongLoHi`] printed unsigned (truncate64's length).
    UlongLoHi(u8),
    /// semctl command (`GETVAL`, `SETALL`).
    SemctlCmd,
    /// msgctl command (`MSG_STAT`).
    MsgctlCmd,
    /// msgsnd/msgrcv flags (`MSG_NOERROR|IPC_NOWAIT`).
    IpcMsgFlags,
    /// semop's `struct sembuf` array of argument N elements.
    Sembufs(u8),
    /// msgsnd's `struct msgbuf` with argument N bytes of text.
    Msgbuf(u8),
    /// [`ArgKind::Msgbuf`] of an i386 tracee: a 32-bit `long mtype`.
    Msgbuf32(u8),
    /// mount flags (`MS_RDONLY|MS_NOSUID`, `MS_MGC_VAL|MS_BIND`).
    MountFlags,
    /// mount's file system type: a string, or its address when the flags
    /// (argument N) remount, bind, move or change propagation.
    MountType(u8),
    /// mount's data: a string, or its address when the flags (argument N)
    /// bind, move or change propagation.
    MountData(u8),
    /// setitimer/getitimer which (`ITIMER_REAL`).
    ItimerWhich,
    /// timerfd_settime flags (`TFD_TIMER_ABSTIME`).
    TimerfdSettimeFlags,
    /// timer_settime flags (`TIMER_ABSTIME`).
    TimerSettimeFlags,
    /// faccessat2 flags (`AT_SYMLINK_NOFOLLOW|AT_EACCESS`): strace's own
    /// set, where 0x200 is AT_EACCESS rather than AT_REMOVEDIR.
    FaccessatFlags,
    /// name_to_handle_at flags (`AT_SYMLINK_FOLLOW|AT_EMPTY_PATH`).
    NameToHandleAtFlags,
    /// mount_setattr flags (`AT_RECURSIVE`).
    MountSetattrFlags,
    /// A scheduling policy (`SCHED_FIFO`).
    SchedPolicy,
    /// seccomp's operation (`SECCOMP_SET_MODE_FILTER`).
    SeccompOp,
    /// An input `struct old_timespec32` (i386 calls without `_time64`).
    Timespec32In,
    /// An input `struct timeval` (`{tv_sec=1, tv_usec=0}`).
    TimevalIn,
    /// An input `struct old_timeval32` (i386).
    Timeval32In,
    /// utimensat's two `struct timespec`, `UTIME_NOW`/`UTIME_OMIT` named
    /// and valid times followed by their date, as strace prints them.
    UtimensTimes,
    /// utimensat's times with i386's `struct old_timespec32`.
    UtimensTimes32,
    /// futimesat's two `struct timeval`, with their dates.
    UtimesTimes,
    /// futimesat's times with i386's `struct old_timeval32`.
    UtimesTimes32,
    /// An input `struct itimerval` (setitimer).
    ItimervalIn,
    /// An input `struct itimerval` of i386 (`old_timeval32` fields).
    Itimerval32In,
    /// An input `struct itimerspec` (timerfd_settime, timer_settime).
    ItimerspecIn,
    /// An input `struct old_itimerspec32` (i386 calls without `_time64`).
    Itimerspec32In,
    /// timer_create's `struct sigevent`.
    SigeventIn,
    /// timer_create's `struct sigevent` of i386.
    Sigevent32In,
    /// poll/ppoll's `struct pollfd` array of argument N elements.
    Pollfds(u8),
    /// select/pselect6's input fd set; argument N is nfds.
    FdSet(u8),
    /// pselect6's sixth argument: `{sigmask=[...], sigsetsize=8}`.
    PselectSig,
    /// pselect6's sixth argument with i386's 32-bit pointer and size.
    PselectSig32,
    /// sigaltstack's new `stack_t`.
    StackIn,
    /// sigaltstack's new `stack_t` of i386.
    Stack32In,
    /// setrlimit's `struct rlimit` on 64-bit ABIs (64-bit limits).
    RlimitIn,
    /// i386 setrlimit's `struct rlimit` with 32-bit limits.
    Rlimit32In,
    /// prlimit64's `struct rlimit64`: 64-bit limits on every ABI.
    Rlimit64In,
    /// epoll_ctl's `struct epoll_event`; argument N is the operation
    /// (`EPOLL_CTL_DEL` ignores it and strace prints its address).
    EpollEvent(u8),
    /// mq_open's mode: printed only when the flags (argument N) hold
    /// `O_CREAT`.
    MqMode(u8),
    /// mq_open's `struct mq_attr`: printed only when the flags (argument
    /// N) hold `O_CREAT`.
    MqAttr(u8),
    /// mq_open's `struct mq_attr` of i386 (32-bit longs).
    MqAttr32(u8),
    /// sched_setscheduler/sched_setparam's `struct sched_param` (`[5]`).
    SchedParam,
    /// sched_setattr's `struct sched_attr`.
    SchedAttr,
    /// sched_setaffinity's cpu set; its length in bytes is argument N.
    CpuSet(u8),
    /// capget/capset's `struct __user_cap_header_struct`.
    CapHeader,
    /// capset's `struct __user_cap_data_struct` array, one or two long by
    /// the header's version (argument N).
    CapData(u8),
    /// seccomp's flags, named for `SECCOMP_SET_MODE_FILTER` (the
    /// operation is argument N), else in hex.
    SeccompFlags(u8),
    /// seccomp's third argument, shaped by the operation (argument N): a
    /// `struct sock_fprog`, an action, or an address.
    SeccompArgs(u8),
    /// seccomp's third argument with i386's `struct sock_fprog`.
    SeccompArgs32(u8),
    /// i386's old select: one pointer to its five arguments, printed as
    /// the five (`3, [0 2], NULL, NULL, {tv_sec=0, tv_usec=0}`).
    OldSelectArgs,
    /// i386's old mmap: one pointer to its six 32-bit arguments, printed
    /// as mmap's six.
    OldMmapArgs,
    /// i386's `struct old_sigaction` (32-bit handler, mask, flags,
    /// restorer).
    OldSigactionIn,
    /// A pointer to i386's 32-bit `old_sigset_t`.
    OldSigsetIn,
    /// A 32-bit signal mask passed by value (sigsuspend, ssetmask).
    OldSigmask,
    /// readdir's count: left out when 1.
    ReaddirCount,
    /// i386 socketcall's first argument when its sub-call is not
    /// decoded (an unknown number, an unreadable argument array):
    /// `SYS_CONNECT`, else decimal.
    SocketcallCall,
    /// i386 ipc's first argument when its sub-call is unknown: the
    /// number, after `V<<16|` when a version is set.
    IpcCall,
    /// select/pselect6's fd set of i386 (read in whole 32-bit longs).
    FdSet32(u8),
    /// The input side of an in/out `socklen_t *` (getsockname, accept,
    /// recvfrom): `[128]` when the address (argument N) is not NULL and
    /// the length is readable, else the pointer; strace adds ` => 16` at
    /// exit.
    SocklenInOut(u8),
    /// getsockopt's in/out option length: `[4]`, else the pointer.
    OptlenInOut,
    /// recvmsg's `struct msghdr`: only `{msg_namelen=N}` is input.
    MsghdrInOut,
    /// [`ArgKind::MsghdrInOut`] with i386's layout.
    MsghdrInOut32,
    /// sendmmsg's `struct mmsghdr` array of argument N elements.
    MmsghdrIn(u8),
    /// [`ArgKind::MmsghdrIn`] with i386's layout (32-byte mmsghdrs).
    MmsghdrIn32(u8),
    /// sendto's buffer of argument N bytes: netlink messages on a netlink
    /// socket (the descriptor is argument 0), else a string.
    SockBuf(u8),
    /// _sysctl's `struct __sysctl_args` (pointers as addresses).
    SysctlArgs,
    /// [`ArgKind::SysctlArgs`] with i386's 32-bit pointers and longs.
    SysctlArgs32,
    /// io_cancel's `struct iocb`: the header fields strace prints.
    IocbHeader,
    /// io_submit's array of iocb pointers; argument N is their count.
    IocbPtrs(u8),
    /// [`ArgKind::IocbPtrs`] with i386's 32-bit pointers.
    IocbPtrs32(u8),
    /// set_thread_area's `struct user_desc`, whole (with x86_64's `lm`).
    UserDesc,
    /// [`ArgKind::UserDesc`] as strace prints it for i386 (no `lm`).
    UserDesc32,
    /// get_thread_area's `struct user_desc` at entry: its entry_number.
    UserDescEntry,
    /// modify_ldt's `struct user_desc`, decoded only when argument N (the
    /// byte count) is its size.
    UserDescSized(u8),
    /// [`ArgKind::UserDescSized`] for i386 (no `lm`).
    UserDescSized32(u8),
    /// mq_getsetattr's new `struct mq_attr`, `mq_flags` named.
    MqAttrIn,
    /// [`ArgKind::MqAttrIn`] with i386's 32-bit longs.
    MqAttrIn32,
    /// perf_event_open's `struct perf_event_attr` (strace's short form).
    PerfEventAttr,
    /// io_uring_setup's `struct io_uring_params` (its input fields).
    IoUringParams,
    /// landlock_create_ruleset's `struct landlock_ruleset_attr`; its size
    /// is argument N.
    LandlockRulesetAttr(u8),
    /// landlock_add_rule's attr; argument N is the rule type.
    LandlockRuleAttr(u8),
    /// mount_setattr's `struct mount_attr`; its size is argument N.
    MountAttr(u8),
    /// open_by_handle_at's `struct file_handle`.
    FileHandle,
    /// name_to_handle_at's `struct file_handle`: `{handle_bytes=N}` is
    /// input, the kernel fills the rest.
    FileHandleInOut,
    /// A key serial number (`KEY_SPEC_USER_KEYRING`, else decimal).
    KeySerial,
    /// keyctl's command (`KEYCTL_LINK`).
    KeyctlCmd,
    /// keyctl's arguments 2..5, shaped by the command in argument 0.
    KeyctlArg,
    /// [`ArgKind::KeyctlArg`] for i386 tracees: 32-bit iovecs.
    KeyctlArg32,
}

/// One argument of a syscall, as a table row gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgDef {
    /// Argument name (`filename`).
    pub name: &'static str,
    /// How it is decoded.
    pub kind: ArgKind,
    /// The kind as written in the table (`buf_in:2`), for JSON output.
    pub kind_name: &'static str,
}
