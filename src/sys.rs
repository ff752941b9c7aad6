//! Every raw syscall and ioctl notrace makes lives here, and only here.
//!
//! Each `unsafe` block says why it is sound. Kernel struct layouts that
//! cross the boundary are asserted at compile time.

use std::io;

/// Reads up to `buf.len()` bytes at `addr` in process `pid` with one
/// `process_vm_readv`. Returns the number of bytes read (which may be
/// short when the range crosses into an unmapped page).
pub fn process_vm_read(pid: i32, addr: u64, buf: &mut [u8]) -> io::Result<usize> {
    if buf.is_empty() {
        return Ok(0);
    }
    let local = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    let remote = libc::iovec {
        iov_base: addr as usize as *mut libc::c_void,
        iov_len: buf.len(),
    };
    // SAFETY: `local` describes `buf`, which we exclusively borrow for the
    // whole call and whose length is `buf.len()`; the kernel writes at most
    // that many bytes into it. `remote` names memory of another process and
    // is only read by the kernel, which validates it.
    let n = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
    if n < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(n as usize)
    }
}

use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, Ordering};

// The kernel's layouts, checked where they cross the boundary.
const _: () = assert!(std::mem::size_of::<libc::seccomp_notif>() == 80);
const _: () = assert!(std::mem::size_of::<libc::seccomp_notif_resp>() == 24);
const _: () = assert!(std::mem::size_of::<libc::seccomp_data>() == 64);
const _: () = assert!(std::mem::size_of::<libc::sock_filter>() == 8);
const _: () = assert!(std::mem::size_of::<libc::seccomp_notif_addfd>() == 24);

/// `SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP` (6.6): not in the libc crate.
pub const SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP: u64 = 1;

/// One classic-BPF instruction, as `struct sock_filter`.
pub type BpfInsn = libc::sock_filter;

/// Sets `PR_SET_NO_NEW_PRIVS`. Async-signal-safe: one raw syscall.
pub fn set_no_new_privs() -> io::Result<()> {
    // SAFETY: prctl with integer arguments only; no memory is passed.
    let r = unsafe { libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Loads `prog` as a seccomp filter on the calling thread with `flags`,
/// returning the listener fd when `flags` asks for one. Async-signal-safe:
/// one raw syscall, no allocation, so it may run between fork and exec.
pub fn seccomp_set_filter(prog: &[BpfInsn], flags: u64) -> io::Result<RawFd> {
    let fprog = libc::sock_fprog {
        len: prog.len() as libc::c_ushort,
        filter: prog.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: `fprog` points at `prog`, which outlives the call; the kernel
    // copies the program and never writes through the pointer.
    let r = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            flags as libc::c_ulong,
            &fprog as *const libc::sock_fprog,
        )
    };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r as RawFd)
    }
}

/// `pidfd_open(pid, 0)`.
pub fn pidfd_open(pid: i32) -> io::Result<OwnedFd> {
    // SAFETY: integer arguments only.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the kernel returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

/// `pidfd_getfd(pidfd, fd, 0)`: a duplicate of another process's fd.
pub fn pidfd_getfd(pidfd: BorrowedFd<'_>, fd: RawFd) -> io::Result<OwnedFd> {
    // SAFETY: integer arguments only.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the kernel returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

/// A seccomp notification, copied out of `struct seccomp_notif`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Notification {
    /// Cookie for the answer.
    pub id: u64,
    /// Thread id of the caller, in our pid namespace.
    pub tid: u32,
    /// `AUDIT_ARCH_*` of the call.
    pub arch: u32,
    /// Syscall number in that arch.
    pub nr: i32,
    /// Instruction pointer.
    pub ip: u64,
    /// Raw argument registers.
    pub args: [u64; 6],
}

fn listener_ioctl<T>(fd: BorrowedFd<'_>, req: libc::Ioctl, arg: *mut T) -> io::Result<()> {
    // SAFETY: callers pass a request whose argument type is `T` (checked
    // by the typed wrappers below) and a pointer valid for that type.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), req, arg) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// `SECCOMP_IOCTL_NOTIF_RECV`. Blocks until a notification is pending;
/// `EINTR`/`ENOENT` are normal and returned as errors for the caller to skip.
pub fn notif_recv(fd: BorrowedFd<'_>) -> io::Result<Notification> {
    // SAFETY: an all-zero seccomp_notif is valid (plain integers) and is
    // what the kernel requires on input.
    let mut n: libc::seccomp_notif = unsafe { std::mem::zeroed() };
    listener_ioctl(fd, libc::SECCOMP_IOCTL_NOTIF_RECV, &mut n)?;
    Ok(Notification {
        id: n.id,
        tid: n.pid,
        arch: n.data.arch,
        nr: n.data.nr,
        ip: n.data.instruction_pointer,
        args: n.data.args,
    })
}

fn notif_send(fd: BorrowedFd<'_>, id: u64, val: i64, error: i32, flags: u32) -> io::Result<()> {
    let mut resp = libc::seccomp_notif_resp {
        id,
        val,
        error,
        flags,
    };
    listener_ioctl(fd, libc::SECCOMP_IOCTL_NOTIF_SEND, &mut resp)
}

/// Answers a notification: let the call run.
pub fn notif_continue(fd: BorrowedFd<'_>, id: u64) -> io::Result<()> {
    notif_send(fd, id, 0, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32)
}

/// Answers a notification: fail the call with `errno` (positive).
pub fn notif_fail(fd: BorrowedFd<'_>, id: u64, errno: i32) -> io::Result<()> {
    notif_send(fd, id, 0, -errno, 0)
}

/// Answers a notification with a return value, as if the call succeeded.
pub fn notif_return(fd: BorrowedFd<'_>, id: u64, val: i64) -> io::Result<()> {
    notif_send(fd, id, val, 0, 0)
}

/// `SECCOMP_IOCTL_NOTIF_ID_VALID`: whether the caller still waits on `id`.
pub fn notif_id_valid(fd: BorrowedFd<'_>, id: u64) -> bool {
    let mut id = id;
    listener_ioctl(fd, libc::SECCOMP_IOCTL_NOTIF_ID_VALID, &mut id).is_ok()
}

/// `SECCOMP_IOCTL_NOTIF_SET_FLAGS(SYNC_WAKE_UP)` (6.6+).
pub fn notif_set_sync_wakeup(fd: BorrowedFd<'_>) -> io::Result<()> {
    // SAFETY: this request takes its argument by value, not by pointer.
    let r = unsafe {
        libc::ioctl(
            fd.as_raw_fd(),
            libc::SECCOMP_IOCTL_NOTIF_SET_FLAGS,
            SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP,
        )
    };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// `SECCOMP_IOCTL_NOTIF_ADDFD` with `SECCOMP_ADDFD_FLAG_SEND`: installs
/// `src` in the caller with `newfd_flags` (e.g. `O_CLOEXEC`) and answers the
/// call with the new fd number, atomically.
pub fn notif_addfd_send(
    fd: BorrowedFd<'_>,
    id: u64,
    src: BorrowedFd<'_>,
    newfd_flags: u32,
) -> io::Result<i32> {
    let mut a = libc::seccomp_notif_addfd {
        id,
        flags: libc::SECCOMP_ADDFD_FLAG_SEND as u32,
        srcfd: src.as_raw_fd() as u32,
        newfd: 0,
        newfd_flags,
    };
    // SAFETY: `a` is a valid seccomp_notif_addfd for the whole call.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), libc::SECCOMP_IOCTL_NOTIF_ADDFD, &mut a) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// A page of memory shared between notrace and the child it forks, used to
/// hand over the listener fd number without any syscall in the child after
/// the filter is loaded (any syscall there might be one the filter notifies,
/// and nobody would answer it yet).
pub struct Handshake {
    ptr: *mut AtomicI32,
}

// SAFETY: the page is only accessed through atomics.
unsafe impl Send for Handshake {}
// SAFETY: the page is only accessed through atomics.
unsafe impl Sync for Handshake {}

const HS_PID: usize = 0;
const HS_FD: usize = 1;
const HS_ACK: usize = 2;
const HS_LEN: usize = 4096;

impl Handshake {
    /// Maps the shared page (zeroed: no pid, no fd, no ack).
    pub fn new() -> io::Result<Handshake> {
        // SAFETY: a fresh anonymous mapping; no existing memory is touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                HS_LEN,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Handshake { ptr: p.cast() })
    }

    fn slot(&self, i: usize) -> &AtomicI32 {
        // SAFETY: `ptr` is a live page-sized, page-aligned mapping (until
        // drop) and `i` < 3, so the atomic is in bounds and aligned.
        unsafe { &*self.ptr.add(i) }
    }

    /// Child side: publish pid and listener fd. No syscalls.
    pub fn publish(&self, pid: i32, fd: RawFd) {
        self.slot(HS_PID).store(pid, Ordering::SeqCst);
        self.slot(HS_FD).store(fd + 1, Ordering::SeqCst);
    }

    /// Child side: publish a failure (negative errno). No syscalls.
    pub fn publish_error(&self, errno: i32) {
        self.slot(HS_FD).store(-errno.max(1), Ordering::SeqCst);
    }

    /// Child side: spin until the parent acknowledges. No syscalls.
    pub fn wait_ack(&self) {
        while self.slot(HS_ACK).load(Ordering::SeqCst) == 0 {
            std::hint::spin_loop();
        }
    }

    /// Parent side: `Some(Ok((pid, fd)))` once published, `Some(Err(errno))`
    /// on a child-side failure, `None` while nothing is there yet.
    pub fn poll(&self) -> Option<Result<(i32, RawFd), i32>> {
        let fd = self.slot(HS_FD).load(Ordering::SeqCst);
        match fd {
            0 => None,
            f if f < 0 => Some(Err(-f)),
            f => Some(Ok((self.slot(HS_PID).load(Ordering::SeqCst), f - 1))),
        }
    }

    /// Parent side: release the child.
    pub fn ack(&self) {
        self.slot(HS_ACK).store(1, Ordering::SeqCst);
    }
}

impl Drop for Handshake {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping made in `new`; no reference into
        // it outlives `self`.
        unsafe { libc::munmap(self.ptr.cast(), HS_LEN) };
    }
}

/// The calling thread's id, as a raw syscall (async-signal-safe).
pub fn raw_getpid() -> i32 {
    // SAFETY: no arguments.
    unsafe { libc::syscall(libc::SYS_getpid) as i32 }
}

/// The last OS error's errno, without allocating.
pub fn last_errno() -> i32 {
    io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

/// Blocks `sigs` in the calling thread (threads spawned later inherit it).
pub fn block_signals(sigs: &[i32]) -> io::Result<()> {
    // SAFETY: `set` is a local sigset_t initialised by sigemptyset before
    // use; pthread_sigmask only reads it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for &s in sigs {
            libc::sigaddset(&mut set, s);
        }
        let r = libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        if r != 0 {
            return Err(io::Error::from_raw_os_error(r));
        }
    }
    Ok(())
}

/// Unblocks every signal in the calling thread. Async-signal-safe.
pub fn unblock_all_signals() {
    // SAFETY: `set` is a local initialised by sigemptyset; sigprocmask
    // only reads it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    }
}

/// Waits for one of `sigs` (which must be blocked) and returns its number
/// and whether it came from a process (`kill`) rather than the kernel (a
/// terminal's ^C reaches the whole foreground process group by itself).
pub fn wait_signal(sigs: &[i32]) -> io::Result<(i32, bool)> {
    // SAFETY: `set` and `info` are locals initialised before use;
    // sigwaitinfo writes only into `info`.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for &s in sigs {
            libc::sigaddset(&mut set, s);
        }
        let mut info: libc::siginfo_t = std::mem::zeroed();
        loop {
            let r = libc::sigwaitinfo(&set, &mut info);
            if r >= 0 {
                return Ok((r, info.si_code <= 0));
            }
            let e = io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::EINTR) {
                return Err(e);
            }
        }
    }
}

/// Broken-down local time of `secs` since the epoch: (hour, min, sec).
pub fn local_hms(secs: i64) -> (u32, u32, u32) {
    let t = secs as libc::time_t;
    // SAFETY: `tm` is a local written by localtime_r; `t` outlives the call.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            let s = secs.rem_euclid(86400);
            return ((s / 3600) as u32, (s / 60 % 60) as u32, (s % 60) as u32);
        }
        (tm.tm_hour as u32, tm.tm_min as u32, tm.tm_sec as u32)
    }
}

/// An anonymous private mapping owned by this process, for tests that need
/// memory next to an unmapped page (the string-before-a-hole case).
#[derive(Debug)]
pub struct TestMapping {
    addr: usize,
    len: usize,
}

impl TestMapping {
    /// Maps `len` bytes (a multiple of the page size) read-write.
    pub fn new(len: usize) -> io::Result<Self> {
        // SAFETY: an anonymous mapping at an address of the kernel's choice
        // touches no existing memory; the result is checked for MAP_FAILED.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(Self {
            addr: p as usize,
            len,
        })
    }

    /// The mapping's start address.
    pub fn addr(&self) -> u64 {
        self.addr as u64
    }

    /// Unmaps everything from `keep` (page aligned) to the end.
    pub fn unmap_tail(&mut self, keep: usize) -> io::Result<()> {
        assert!(keep <= self.len);
        // SAFETY: the range lies inside our own mapping, which no Rust
        // reference points into; `len` shrinks so it is never touched again.
        let r = unsafe { libc::munmap((self.addr + keep) as *mut libc::c_void, self.len - keep) };
        if r != 0 {
            return Err(io::Error::last_os_error());
        }
        self.len = keep;
        Ok(())
    }

    /// Copies `bytes` into the mapping at `offset`.
    pub fn write(&mut self, offset: usize, bytes: &[u8]) {
        assert!(offset + bytes.len() <= self.len, "write outside mapping");
        // SAFETY: the destination range was checked to lie inside the
        // still-mapped, writable part of our mapping; `&mut self` means no
        // other reference into it exists.
        unsafe {
            std::ptr::copy_nonoverlapping(
                bytes.as_ptr(),
                (self.addr + offset) as *mut u8,
                bytes.len(),
            )
        };
    }
}

impl Drop for TestMapping {
    fn drop(&mut self) {
        if self.len > 0 {
            // SAFETY: unmaps exactly what is still mapped of our mapping.
            unsafe { libc::munmap(self.addr as *mut libc::c_void, self.len) };
        }
    }
}

/// `openat2(dirfd, path, {flags, mode, resolve})`. `dirfd` may be
/// `AT_FDCWD`. Used by deny rules to open a file for a tracee.
pub fn openat2(
    dirfd: RawFd,
    path: &std::ffi::CStr,
    flags: u64,
    mode: u64,
    resolve: u64,
) -> io::Result<OwnedFd> {
    let mut how: libc::open_how = open_how_zeroed();
    how.flags = flags;
    how.mode = mode;
    how.resolve = resolve;
    // SAFETY: `path` is NUL-terminated and outlives the call; `how` is a
    // fully initialised open_how whose size we pass; the kernel only reads
    // both.
    let r = unsafe {
        libc::syscall(
            libc::SYS_openat2,
            dirfd,
            path.as_ptr(),
            &how as *const libc::open_how,
            std::mem::size_of::<libc::open_how>(),
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the kernel returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

fn open_how_zeroed() -> libc::open_how {
    // SAFETY: open_how is three u64s; all-zero is a valid value.
    unsafe { std::mem::zeroed() }
}

const _: () = assert!(std::mem::size_of::<libc::open_how>() == 24);

/// `unshare(CLONE_FS)`: gives the calling thread its own umask, cwd and
/// root, so setting the umask there affects no other thread.
pub fn unshare_fs() -> io::Result<()> {
    // SAFETY: integer argument only; CLONE_FS touches nothing Rust owns.
    let r = unsafe { libc::unshare(libc::CLONE_FS) };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `umask(mask)`, returning the old mask. After [`unshare_fs`] it is the
/// calling thread's alone.
pub fn set_umask(mask: u32) -> u32 {
    // SAFETY: integer argument only; umask cannot fail.
    unsafe { libc::umask(mask as libc::mode_t) as u32 }
}

/// Which of connect(2) / bind(2) [`sock_call`] makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockOp {
    /// `connect(2)`.
    Connect,
    /// `bind(2)`.
    Bind,
}

/// `connect(fd, addr, len)` or `bind(...)` with a raw sockaddr of
/// `addr.len()` bytes. Returns the errno on failure.
pub fn sock_call(op: SockOp, fd: BorrowedFd<'_>, addr: &[u8]) -> Result<(), i32> {
    // Copy into an aligned sockaddr_storage: the kernel copies `len` bytes
    // in, and the buffer must be at least that long.
    // SAFETY: sockaddr_storage is plain integers; all-zero is valid.
    let mut ss: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = addr
        .len()
        .min(std::mem::size_of::<libc::sockaddr_storage>());
    // SAFETY: `ss` is at least `len` bytes (checked by the min above) and
    // does not overlap `addr`.
    unsafe {
        std::ptr::copy_nonoverlapping(
            addr.as_ptr(),
            (&mut ss as *mut libc::sockaddr_storage).cast::<u8>(),
            len,
        )
    };
    let p = &ss as *const libc::sockaddr_storage as *const libc::sockaddr;
    // SAFETY: `p` points at `len` initialised bytes that outlive the call;
    // the kernel only reads them.
    let r = unsafe {
        match op {
            SockOp::Connect => libc::connect(fd.as_raw_fd(), p, len as libc::socklen_t),
            SockOp::Bind => libc::bind(fd.as_raw_fd(), p, len as libc::socklen_t),
        }
    };
    if r == 0 {
        Ok(())
    } else {
        Err(last_errno())
    }
}

/// Whether `tid` is the main thread of its process (its tid is the
/// process id): `tgkill(tid, tid, 0)` finds a thread only within its own
/// thread group. Signal 0 sends nothing; EPERM still means it was found.
pub fn is_group_leader(tid: i32) -> bool {
    // SAFETY: tgkill with signal 0 only checks existence and permission;
    // plain integer arguments.
    let r = unsafe { libc::syscall(libc::SYS_tgkill, tid, tid, 0) };
    r == 0 || last_errno() == libc::EPERM
}

/// Whether no task uses the listener's filter any more (POLLHUP with no
/// notification pending), asked without blocking: a blocking RECV says
/// ENOENT both for an abandoned call and for this.
pub fn listener_orphaned(fd: BorrowedFd<'_>) -> bool {
    use rustix::event::{poll, PollFd, PollFlags};
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match poll(&mut fds, Some(&zero)) {
        Ok(_) => {
            let r = fds[0].revents();
            r.intersects(PollFlags::HUP | PollFlags::ERR) && !r.contains(PollFlags::IN)
        }
        Err(_) => false,
    }
}

/// Whether a notification is queued on the listener (POLLIN), asked
/// without blocking: RECV itself always waits.
pub fn listener_ready(fd: BorrowedFd<'_>) -> bool {
    use rustix::event::{poll, PollFd, PollFlags};
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    matches!(poll(&mut fds, Some(&zero)), Ok(1) if fds[0].revents().contains(PollFlags::IN))
}

/// `waitpid(pid, WUNTRACED)`: the raw status of the child's next stop or
/// end. EINTR is retried.
pub fn wait_untraced(pid: i32) -> io::Result<i32> {
    loop {
        let mut status = 0;
        // SAFETY: `status` is a local the kernel writes an int into.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WUNTRACED) };
        if r == pid {
            return Ok(status);
        }
        let e = io::Error::last_os_error();
        if r < 0 && e.raw_os_error() != Some(libc::EINTR) {
            return Err(e);
        }
    }
}
