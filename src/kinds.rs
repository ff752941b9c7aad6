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
    /// Signed decimal (`int`, `long`, `pid_t`, ...).
    Int,
    /// Unsigned decimal (`size_t`, `unsigned int`, ...).
    Uint,
    /// Hexadecimal number (masks, cookies).
    Hex,
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
    /// open/openat flags (`O_RDONLY|O_CLOEXEC`).
    OpenFlags,
    /// A file mode (`0644`, with `S_IFREG|` for mknod).
    Mode,
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
    /// `MSG_*` flags.
    MsgFlags,
    /// An input `struct msghdr` (sendmsg).
    MsghdrIn,
    /// `SHUT_*` for shutdown.
    ShutdownHow,
    /// accept4 / socket `SOCK_*` flags.
    SockFlags,
    /// An input `struct timespec`.
    TimespecIn,
    /// execve's argv array.
    Argv,
    /// execve's envp array.
    Envp,
    /// prctl option (`PR_SET_NAME`).
    PrctlOption,
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
    /// fcntl command (`F_SETFD`).
    FcntlCmd,
    /// The third fcntl argument; argument N holds the command.
    FcntlArg(u8),
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
    /// `*at` flags restricted to unlinkat (`AT_REMOVEDIR`).
    UnlinkFlags,
    /// An input array of two ints (fd pairs and the like are output).
    IntPairOut,
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
