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

/// `pidfd_open(tid, PIDFD_THREAD)` (6.9): a pidfd for one thread, which
/// need not lead its process.
pub fn pidfd_open_thread(tid: i32) -> io::Result<OwnedFd> {
    // PIDFD_THREAD is O_EXCL.
    // SAFETY: integer arguments only.
    let r = unsafe { libc::syscall(libc::SYS_pidfd_open, tid, libc::O_EXCL) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the kernel returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

/// Whether the task behind `pidfd` still lives (signal 0: nothing is
/// sent). Only `ESRCH` means it is gone.
pub fn pidfd_alive(pidfd: BorrowedFd<'_>) -> bool {
    // SAFETY: integer arguments and a null siginfo, which the kernel
    // accepts for signal 0.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            0,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    r == 0 || last_errno() != libc::ESRCH
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

/// `SECCOMP_IOCTL_NOTIF_ADDFD`: installs `src` in the caller with
/// `newfd_flags` (e.g. `O_CLOEXEC`), then answers the call with the new fd
/// number.
pub fn notif_addfd_send(
    fd: BorrowedFd<'_>,
    id: u64,
    src: BorrowedFd<'_>,
    newfd_flags: u32,
) -> io::Result<i32> {
    // Not SECCOMP_ADDFD_FLAG_SEND: that marks the call answered before
    // the fd is installed, and a signal interrupting our wait (a job
    // control stop, a SIGCHLD) then leaves the tracee's call returning 0
    // with no fd (seen: an open "returned" stdin). A plain ADDFD
    // interrupted before the tracee took it is withdrawn and restarted;
    // the fd number it returns is then sent as the call's result.
    let mut a = libc::seccomp_notif_addfd {
        id,
        flags: 0,
        srcfd: src.as_raw_fd() as u32,
        newfd: 0,
        newfd_flags,
    };
    let r = loop {
        // SAFETY: `a` is a valid seccomp_notif_addfd for the whole call.
        let r = unsafe { libc::ioctl(fd.as_raw_fd(), libc::SECCOMP_IOCTL_NOTIF_ADDFD, &mut a) };
        if r < 0 && last_errno() == libc::EINTR {
            continue;
        }
        break r;
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    notif_return(fd, id, r as i64)?;
    Ok(r)
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

/// Whether this kernel runs x32 calls: `getpid` with the x32 bit set
/// fails with ENOSYS on a kernel without the x32 ABI (or with it off).
#[cfg(target_arch = "x86_64")]
pub fn x32_works() -> bool {
    // SAFETY: getpid takes no arguments and has no effect; an unknown
    // number only fails with ENOSYS.
    let r = unsafe { libc::syscall(0x4000_0000 | libc::SYS_getpid) };
    r >= 0
}

/// Whether this kernel runs x32 calls: there is no x32 off x86_64.
#[cfg(not(target_arch = "x86_64"))]
pub fn x32_works() -> bool {
    false
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

/// Broken-down local time (the TZ variable, else /etc/localtime) of `secs`
/// since the epoch, for the terminal UI's wall-clock times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTime {
    /// Year, month (1–12), day (1–31), hour, minute, second.
    pub ymd_hms: (i32, u32, u32, u32, u32, u32),
    /// Seconds east of UTC.
    pub gmtoff: i64,
    /// The zone's abbreviation (`CET`, `JST`), empty when unknown.
    pub zone: String,
}

/// `secs` in the local time zone, or `None` when libc cannot say.
pub fn local_time(secs: i64) -> Option<LocalTime> {
    let t = secs as libc::time_t;
    // SAFETY: `tm` is a local written by localtime_r; `t` outlives the
    // call. `tm_zone`, when not null, points to a NUL-terminated string in
    // libc's time zone data, which lives as long as the process and is
    // copied out before anything else can change it.
    unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&t, &mut tm).is_null() {
            return None;
        }
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            std::ffi::CStr::from_ptr(tm.tm_zone)
                .to_string_lossy()
                .into_owned()
        };
        Some(LocalTime {
            ymd_hms: (
                tm.tm_year + 1900,
                (tm.tm_mon + 1) as u32,
                tm.tm_mday as u32,
                tm.tm_hour as u32,
                tm.tm_min as u32,
                tm.tm_sec as u32,
            ),
            gmtoff: tm.tm_gmtoff as i64,
            zone,
        })
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

/// `kcmp(pid1, pid2, KCMP_VM)`: whether two processes share one address
/// space (`None` when the kernel cannot tell us: a task gone, no access).
pub fn same_vm(pid1: i32, pid2: i32) -> Option<bool> {
    const KCMP_VM: libc::c_long = 1;
    // SAFETY: integer arguments only; KCMP_VM takes no pointers.
    let r = unsafe { libc::syscall(libc::SYS_kcmp, pid1, pid2, KCMP_VM, 0, 0) };
    (r >= 0).then_some(r == 0)
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

/// `addr` copied into an aligned sockaddr_storage (the kernel copies `len`
/// bytes in, and the buffer must be at least that long), with that length.
fn sockaddr_storage(addr: &[u8]) -> (libc::sockaddr_storage, usize) {
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
    (ss, len)
}

/// `connect(fd, addr, len)` or `bind(...)` with a raw sockaddr of
/// `addr.len()` bytes. Returns the errno on failure.
pub fn sock_call(op: SockOp, fd: BorrowedFd<'_>, addr: &[u8]) -> Result<(), i32> {
    let (ss, len) = sockaddr_storage(addr);
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

/// `fork()`. Returns 0 in the child and the child's pid in the parent.
///
/// # Safety
///
/// The caller must be single-threaded (no other thread could hold a lock
/// the child would then find held forever), or the child must make only
/// async-signal-safe calls until it execs or exits.
pub unsafe fn fork() -> io::Result<i32> {
    // SAFETY: the caller guarantees the conditions above.
    let r = unsafe { libc::fork() };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// Ends the calling process at once with `code`, running no destructor
/// and no atexit handler (a forked helper must not flush buffers it
/// inherited).
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit takes an integer and never returns.
    unsafe { libc::_exit(code) }
}

/// Sets the disposition of each of `sigs` to SIG_IGN.
pub fn ignore_signals(sigs: &[i32]) {
    for &s in sigs {
        // SAFETY: SIG_IGN is a valid disposition for any catchable signal;
        // no handler code is installed.
        unsafe { libc::signal(s, libc::SIG_IGN) };
    }
}

/// Makes fds 0, 1 and 2 refer to /dev/null and closes every other fd but
/// those in `keep`.
pub fn close_fds_except(keep: &[RawFd]) -> io::Result<()> {
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")?;
    for fd in 0..3 {
        // SAFETY: dup2 onto a standard fd number; `null` is open.
        if unsafe { libc::dup2(null.as_raw_fd(), fd) } < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    drop(null);
    let mut keep: Vec<u32> = keep.iter().map(|&f| f as u32).filter(|&f| f > 2).collect();
    keep.sort_unstable();
    let mut from = 3u32;
    for k in keep.into_iter().chain(std::iter::once(u32::MAX)) {
        if k > from {
            // SAFETY: close_range with integer arguments; the fds it closes
            // are owned by nothing that will run in this process again
            // (the caller is a fresh fork that keeps only `keep`).
            let r = unsafe { libc::syscall(libc::SYS_close_range, from, k - 1, 0) };
            if r < 0 {
                return Err(io::Error::last_os_error());
            }
        }
        from = k.saturating_add(1);
    }
    Ok(())
}

/// Sends a duplicate of `fd` over the unix socket `sock` (SCM_RIGHTS), with
/// one byte of data.
pub fn send_fd(sock: BorrowedFd<'_>, fd: BorrowedFd<'_>) -> io::Result<()> {
    let mut byte = [1u8];
    let mut iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: 1,
    };
    // u64 words keep the control buffer aligned for cmsghdr.
    let mut cbuf = [0u64; 4];
    // SAFETY: CMSG_SPACE is a pure computation.
    let space = unsafe { libc::CMSG_SPACE(std::mem::size_of::<RawFd>() as u32) } as usize;
    assert!(space <= std::mem::size_of_val(&cbuf));
    // SAFETY: msghdr is plain data; all-zero is valid before we fill it.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf.as_mut_ptr().cast();
    msg.msg_controllen = space;
    // SAFETY: `msg` describes `cbuf`, which is `space` bytes and aligned, so
    // CMSG_FIRSTHDR returns a pointer inside it with room for one cmsghdr
    // and one fd; `iov` and `byte` outlive the sendmsg call, which only
    // reads them.
    let r = unsafe {
        let c = libc::CMSG_FIRSTHDR(&msg);
        (*c).cmsg_level = libc::SOL_SOCKET;
        (*c).cmsg_type = libc::SCM_RIGHTS;
        (*c).cmsg_len = libc::CMSG_LEN(std::mem::size_of::<RawFd>() as u32) as usize;
        std::ptr::write_unaligned(libc::CMSG_DATA(c).cast::<RawFd>(), fd.as_raw_fd());
        libc::sendmsg(sock.as_raw_fd(), &msg, libc::MSG_NOSIGNAL)
    };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// Receives one fd sent by [`send_fd`] on `sock`. `Ok(None)` at end of
/// file (the sender closed its end without sending).
pub fn recv_fd(sock: BorrowedFd<'_>) -> io::Result<Option<OwnedFd>> {
    let mut byte = [0u8];
    let mut iov = libc::iovec {
        iov_base: byte.as_mut_ptr().cast(),
        iov_len: 1,
    };
    let mut cbuf = [0u64; 4];
    // SAFETY: msghdr is plain data; all-zero is valid before we fill it.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_control = cbuf.as_mut_ptr().cast();
    msg.msg_controllen = std::mem::size_of_val(&cbuf);
    // SAFETY: `msg` points at `iov`/`byte` and `cbuf`, live and writable for
    // the call; MSG_CMSG_CLOEXEC makes the received fd close-on-exec.
    let r = unsafe { libc::recvmsg(sock.as_raw_fd(), &mut msg, libc::MSG_CMSG_CLOEXEC) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    if r == 0 {
        return Ok(None);
    }
    // SAFETY: the kernel filled `msg_control` up to `msg_controllen`;
    // CMSG_FIRSTHDR/CMSG_NXTHDR stay within it, and an SCM_RIGHTS message
    // of the length checked carries one fd, now ours alone.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(&msg);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET
                && (*c).cmsg_type == libc::SCM_RIGHTS
                && (*c).cmsg_len >= libc::CMSG_LEN(std::mem::size_of::<RawFd>() as u32) as usize
            {
                let fd = std::ptr::read_unaligned(libc::CMSG_DATA(c).cast::<RawFd>());
                return Ok(Some(OwnedFd::from_raw_fd(fd)));
            }
            c = libc::CMSG_NXTHDR(&msg, c);
        }
    }
    Err(io::Error::other("message without a file descriptor"))
}

/// A page of memory shared with a forked helper process: slots of
/// `AtomicU64`, all zero at first.
pub struct SharedPage {
    ptr: *mut std::sync::atomic::AtomicU64,
}

// SAFETY: the page is only accessed through atomics.
unsafe impl Send for SharedPage {}
// SAFETY: the page is only accessed through atomics.
unsafe impl Sync for SharedPage {}

/// The number of `AtomicU64` slots in a [`SharedPage`].
pub const SHARED_SLOTS: usize = 4096 / 8;

impl SharedPage {
    /// Maps a fresh zeroed page, shared with children forked later.
    pub fn new() -> io::Result<SharedPage> {
        // SAFETY: a fresh anonymous mapping; no existing memory is touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                4096,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(SharedPage { ptr: p.cast() })
    }

    /// Slot `i` (< [`SHARED_SLOTS`]).
    pub fn slot(&self, i: usize) -> &std::sync::atomic::AtomicU64 {
        assert!(i < SHARED_SLOTS);
        // SAFETY: `ptr` is a live, page-aligned 4096-byte mapping until
        // drop, and `i` was checked, so the atomic is in bounds and aligned.
        unsafe { &*self.ptr.add(i) }
    }
}

impl Drop for SharedPage {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping made in `new`; no reference into
        // it outlives `self`.
        unsafe { libc::munmap(self.ptr.cast(), 4096) };
    }
}

/// `ERESTARTSYS`, the kernel-internal "interrupted, restart if the handler
/// allows" code (not in the libc crate: userspace never sees it).
pub const ERESTARTSYS: i32 = 512;

/// The calling thread's kernel thread id.
pub fn gettid() -> i32 {
    // SAFETY: no arguments; gettid cannot fail.
    unsafe { libc::syscall(libc::SYS_gettid) as i32 }
}

/// `tgkill(getpid(), tid, sig)`: `sig` to one thread of this process.
pub fn tgkill_own(tid: i32, sig: i32) -> io::Result<()> {
    // SAFETY: integer arguments only; the target is a thread of ours.
    let r = unsafe { libc::syscall(libc::SYS_tgkill, libc::getpid(), tid, sig) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

extern "C" fn interrupt_handler(_: libc::c_int) {}

/// Installs a handler for `sig` that does nothing, without `SA_RESTART`:
/// a blocking call of the thread it hits fails with `EINTR`.
pub fn install_interrupt_handler(sig: i32) -> io::Result<()> {
    // SAFETY: `sa` is a local zeroed sigaction (valid: no handler, empty
    // mask) then filled in; the handler is async-signal-safe (it does
    // nothing).
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = interrupt_handler as extern "C" fn(libc::c_int) as libc::sighandler_t;
        sa.sa_flags = 0;
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(sig, &sa, std::ptr::null_mut()) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Blocks every signal in the calling thread but `sig`.
pub fn block_all_signals_but(sig: i32) -> io::Result<()> {
    // SAFETY: `set` is a local initialised by sigfillset before use;
    // pthread_sigmask only reads it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        libc::sigdelset(&mut set, sig);
        let r = libc::pthread_sigmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
        if r != 0 {
            return Err(io::Error::from_raw_os_error(r));
        }
    }
    Ok(())
}

/// How [`set_owner`] names the new owner of a file's signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerCall {
    /// `fcntl(fd, F_SETOWN_EX, &{type, pid})`.
    SetOwnEx(i32, i32),
    /// `ioctl(fd, FIOSETOWN or SIOCSPGRP, &pid)` (request, pid).
    Ioctl(u64, i32),
}

/// Sets the owner of the open file behind `fd` (which receives its SIGIO
/// or `F_SETSIG` signal): the call a tracee made, performed on the same
/// file. Returns the call's result or errno.
pub fn set_owner(fd: BorrowedFd<'_>, how: OwnerCall) -> Result<i64, i32> {
    let r = match how {
        OwnerCall::SetOwnEx(kind, pid) => {
            // struct f_owner_ex { int type; pid_t pid; } (not in libc).
            let owner: [libc::c_int; 2] = [kind, pid];
            const F_SETOWN_EX: libc::c_int = 15;
            // SAFETY: `owner` is a live, initialised struct f_owner_ex
            // (two ints) the kernel only reads.
            unsafe { libc::fcntl(fd.as_raw_fd(), F_SETOWN_EX, owner.as_ptr()) }
        }
        OwnerCall::Ioctl(req, pid) => {
            let v: libc::c_int = pid;
            // SAFETY: `v` is a live int the kernel only reads.
            unsafe { libc::ioctl(fd.as_raw_fd(), req as _, &v) }
        }
    };
    if r < 0 {
        Err(last_errno())
    } else {
        Ok(r as i64)
    }
}

/// `connect(fd, addr)` made by a short-lived child process that holds
/// nothing but `fd`, the fds in `keep` and a pipe: the server's
/// `SO_PEERCRED`/`SO_PEERPIDFD` then name that child, never notrace
/// (whose pidfd would reach its fds, the seccomp listener among them).
/// Interrupted by a signal on the calling thread (`EINTR`), the child is
/// killed and its connect abandoned.
pub fn connect_in_child(fd: BorrowedFd<'_>, addr: &[u8], keep: &[RawFd]) -> Result<(), i32> {
    // Everything the child uses is prepared here: after fork it only
    // makes raw syscalls.
    let (ss, len) = sockaddr_storage(addr);
    let mut p = [0 as libc::c_int; 2];
    // SAFETY: `p` is a live two-int array for the kernel to fill.
    if unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(last_errno());
    }
    let (rd, wr) = (p[0], p[1]);
    let mut kept: Vec<libc::c_uint> = keep.iter().map(|&k| k as libc::c_uint).collect();
    kept.push(fd.as_raw_fd() as libc::c_uint);
    kept.push(wr as libc::c_uint);
    kept.sort_unstable();
    kept.dedup();
    let sock = fd.as_raw_fd();
    // SAFETY: the child makes only async-signal-safe raw syscalls
    // (close_range, connect, write, _exit) on data prepared above, so the
    // locks other threads may hold at fork time do not matter. A raw
    // clone with no exit signal: the child's end sends no SIGCHLD, which
    // would interrupt other threads' waits in the kernel.
    let pid = unsafe {
        libc::syscall(
            libc::SYS_clone,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
        )
    } as libc::pid_t;
    if pid < 0 {
        let e = last_errno();
        // SAFETY: closing our own pipe fds.
        unsafe {
            libc::close(rd);
            libc::close(wr);
        }
        return Err(e);
    }
    if pid == 0 {
        // SAFETY: in the child; see above. `kept` was built before fork.
        unsafe {
            let mut next: libc::c_uint = 0;
            for &k in &kept {
                if k > next {
                    libc::syscall(libc::SYS_close_range, next, k - 1, 0);
                }
                next = k + 1;
            }
            libc::syscall(libc::SYS_close_range, next, libc::c_uint::MAX, 0);
            let r = libc::connect(
                sock,
                &ss as *const libc::sockaddr_storage as *const libc::sockaddr,
                len as libc::socklen_t,
            );
            let err: i32 = if r < 0 { *libc::__errno_location() } else { 0 };
            libc::write(wr, (&err as *const i32).cast(), 4);
            libc::_exit(0);
        }
    }
    // SAFETY: the parent's copy of the write end is ours to close.
    unsafe { libc::close(wr) };
    let mut buf = [0u8; 4];
    // SAFETY: `buf` is a live 4-byte buffer for the kernel to fill.
    let n = unsafe { libc::read(rd, buf.as_mut_ptr().cast(), 4) };
    let result = if n == 4 {
        match i32::from_ne_bytes(buf) {
            0 => Ok(()),
            e => Err(e),
        }
    } else {
        let e = if n < 0 { last_errno() } else { libc::EIO };
        // Interrupted (or the child died): the connect is abandoned.
        // SAFETY: `pid` is our own child.
        unsafe { libc::kill(pid, libc::SIGKILL) };
        Err(e)
    };
    // SAFETY: reaping our own child; closing our own read end.
    unsafe {
        let mut st = 0;
        while libc::waitpid(pid, &mut st, libc::__WCLONE) < 0 && last_errno() == libc::EINTR {}
        libc::close(rd);
    }
    result
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

// ---- perf events: the kernel's syscall-exit tracepoints (src/results) ----

/// `struct perf_event_attr` as of PERF_ATTR_SIZE_VER7 (128 bytes): the
/// fields notrace sets are named, the rest stay zero.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct PerfEventAttr {
    /// PERF_TYPE_*.
    pub type_: u32,
    /// `size_of::<PerfEventAttr>()`.
    pub size: u32,
    /// The tracepoint id.
    pub config: u64,
    /// Records every this many events.
    pub sample_period: u64,
    /// PERF_SAMPLE_* bits.
    pub sample_type: u64,
    /// Unused (no read()).
    pub read_format: u64,
    /// The attribute bit field (disabled, inherit, ...).
    pub flags: u64,
    /// With the watermark flag: wake up after this many bytes.
    pub wakeup_watermark: u32,
    bp_type: u32,
    config1: u64,
    config2: u64,
    branch_sample_type: u64,
    sample_regs_user: u64,
    sample_stack_user: u32,
    /// With use_clockid: the clock of record times.
    pub clockid: i32,
    sample_regs_intr: u64,
    aux_watermark: u32,
    sample_max_stack: u16,
    reserved_2: u16,
    aux_sample_size: u32,
    reserved_3: u32,
    sig_data: u64,
}

const _: () = assert!(std::mem::size_of::<PerfEventAttr>() == 128);

/// `perf_event_open(attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC)`.
pub fn perf_event_open(attr: &PerfEventAttr, pid: i32, cpu: i32) -> io::Result<OwnedFd> {
    const PERF_FLAG_FD_CLOEXEC: libc::c_ulong = 8;
    // SAFETY: `attr` points to a fully initialised struct of the size it
    // declares, which the kernel only reads during the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_perf_event_open,
            attr as *const PerfEventAttr,
            pid,
            cpu,
            -1 as libc::c_int,
            PERF_FLAG_FD_CLOEXEC,
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: on success the kernel returned a new fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(r as RawFd) })
}

/// `PERF_EVENT_IOC_SET_OUTPUT`: `fd`'s records go to `target`'s ring.
pub fn perf_set_output(fd: BorrowedFd<'_>, target: BorrowedFd<'_>) -> io::Result<()> {
    const PERF_EVENT_IOC_SET_OUTPUT: libc::Ioctl = 0x2405;
    // SAFETY: an integer argument (the target fd) only.
    let r = unsafe {
        libc::ioctl(
            fd.as_raw_fd(),
            PERF_EVENT_IOC_SET_OUTPUT,
            target.as_raw_fd(),
        )
    };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// `PERF_EVENT_IOC_SET_FILTER`: an ftrace filter expression.
pub fn perf_set_filter(fd: BorrowedFd<'_>, filter: &std::ffi::CStr) -> io::Result<()> {
    const PERF_EVENT_IOC_SET_FILTER: libc::Ioctl = 0x4008_2406;
    // SAFETY: a NUL-terminated string the kernel copies during the call.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), PERF_EVENT_IOC_SET_FILTER, filter.as_ptr()) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// A perf event's ring buffer, mapped: a control page, then 2^n data
/// pages the kernel writes records to.
pub struct PerfRing {
    base: *mut u8,
    len: usize,
}

// SAFETY: the mapping is plain shared memory; the one reader (whoever holds
// the ring, behind a lock) synchronises with the kernel writer through
// data_head/data_tail with acquire/release ordering.
unsafe impl Send for PerfRing {}

/// Offsets in `struct perf_event_mmap_page`.
const PERF_DATA_HEAD: usize = 1024;
const PERF_DATA_TAIL: usize = 1032;
const PERF_DATA_OFFSET: usize = 1040;
const PERF_DATA_SIZE: usize = 1048;

impl PerfRing {
    /// Maps `fd`'s ring: one control page and `data_pages` (a power of
    /// two) data pages.
    pub fn map(fd: BorrowedFd<'_>, data_pages: usize) -> io::Result<PerfRing> {
        let page = page_size();
        let len = (1 + data_pages) * page;
        // SAFETY: a new shared mapping of the perf fd, of the size the
        // kernel requires; nothing else refers to that range.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED,
                fd.as_raw_fd(),
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(PerfRing {
            base: p as *mut u8,
            len,
        })
    }

    fn word(&self, off: usize) -> &std::sync::atomic::AtomicU64 {
        // SAFETY: `off` is one of the aligned u64 fields of the control
        // page, which lives as long as the mapping (as long as `self`).
        unsafe { &*(self.base.add(off) as *const std::sync::atomic::AtomicU64) }
    }

    /// Appends the bytes written since the last call to `out` and hands
    /// the space back to the kernel. Returns how many bytes were read.
    pub fn read_new(&self, out: &mut Vec<u8>) -> usize {
        use std::sync::atomic::Ordering;
        let head = self.word(PERF_DATA_HEAD).load(Ordering::Acquire);
        let tail = self.word(PERF_DATA_TAIL).load(Ordering::Relaxed);
        if head == tail {
            return 0;
        }
        let page = page_size() as u64;
        let (off, size) = match (
            self.word(PERF_DATA_OFFSET).load(Ordering::Relaxed),
            self.word(PERF_DATA_SIZE).load(Ordering::Relaxed),
        ) {
            (0, _) | (_, 0) => (page, self.len as u64 - page),
            (o, s) => (o, s),
        };
        // A writer more than a ring ahead has overwritten nothing (perf
        // never overwrites unread data); clamp anyway against a bad head.
        let n = (head - tail).min(size);
        let start = tail % size;
        let first = n.min(size - start);
        // SAFETY: both ranges lie within the data area of the mapping
        // (start < size, first <= size - start, n - first <= start), which
        // the kernel does not write between tail and head until the tail
        // moves past them.
        unsafe {
            let data = self.base.add(off as usize);
            out.extend_from_slice(std::slice::from_raw_parts(
                data.add(start as usize),
                first as usize,
            ));
            out.extend_from_slice(std::slice::from_raw_parts(data, (n - first) as usize));
        }
        self.word(PERF_DATA_TAIL).store(tail + n, Ordering::Release);
        n as usize
    }
}

impl Drop for PerfRing {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `map`, not used after this.
        unsafe {
            libc::munmap(self.base as *mut libc::c_void, self.len);
        }
    }
}

/// Runs `f` in a child process that has a mount namespace of its own with
/// tracefs mounted on /sys/kernel/tracing, and returns what it wrote to
/// its pipe: tracepoint ids can be read where tracefs is not mounted,
/// without mounting it for the whole machine. Call only while the process
/// is single-threaded (the child allocates).
pub fn in_private_tracefs(f: fn(&mut dyn io::Write)) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let (mut r, mut w) = io::pipe()?;
    // SAFETY: notrace is single-threaded here (see above), so the child
    // may allocate; it only unshares, mounts, reads and writes the pipe,
    // then exits without running notrace's destructors.
    let pid = unsafe { fork()? };
    if pid == 0 {
        drop(r);
        // SAFETY: integer flags only; affects this child alone.
        let ok = unsafe { libc::unshare(libc::CLONE_NEWNS) } == 0
            && mount_raw(c"none", c"/", None, libc::MS_REC | libc::MS_PRIVATE)
            && mount_raw(c"nodev", c"/sys/kernel/tracing", Some(c"tracefs"), 0);
        if ok {
            f(&mut w);
        }
        drop(w);
        exit_now(if ok { 0 } else { 1 });
    }
    drop(w);
    let mut out = Vec::new();
    let _ = r.read_to_end(&mut out);
    let _ = wait_untraced(pid);
    Ok(out)
}

fn mount_raw(
    src: &std::ffi::CStr,
    target: &std::ffi::CStr,
    fstype: Option<&std::ffi::CStr>,
    flags: u64,
) -> bool {
    // SAFETY: NUL-terminated strings (or NULL) the kernel reads during the
    // call; no data argument.
    unsafe {
        libc::mount(
            src.as_ptr(),
            target.as_ptr(),
            fstype.map_or(std::ptr::null(), |s| s.as_ptr()),
            flags as libc::c_ulong,
            std::ptr::null(),
        ) == 0
    }
}

/// `clock_gettime(CLOCK_MONOTONIC)` in ns: the clock perf records carry.
pub fn monotonic_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a local the call writes; CLOCK_MONOTONIC always exists.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut t) };
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// The page size.
pub fn page_size() -> usize {
    // SAFETY: sysconf takes an integer and reads nothing of ours.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 {
        n as usize
    } else {
        4096
    }
}

/// The errno a probe call ended with, 0 if it succeeded: for telling a
/// syscall the kernel lacks (ENOSYS) from one it refused.
fn probe_errno(r: libc::c_long) -> i32 {
    if r < 0 {
        last_errno()
    } else {
        0
    }
}

/// `seccomp(SECCOMP_GET_ACTION_AVAIL, 0, &SECCOMP_RET_USER_NOTIF)`: 0 when
/// the kernel has user notification (5.0), else the errno (EOPNOTSUPP: no
/// such action; EINVAL or ENOSYS: no such operation, or no seccomp).
pub fn probe_user_notif() -> i32 {
    let action: u32 = libc::SECCOMP_RET_USER_NOTIF;
    // SAFETY: the kernel reads one u32 from `action`, which outlives the
    // call; nothing is installed.
    let r = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_GET_ACTION_AVAIL,
            0,
            &action as *const u32,
        )
    };
    probe_errno(r)
}

/// `pidfd_getfd(-1, -1, 0)`: EBADF where the call exists (5.6), ENOSYS
/// where it does not. Touches no fd.
pub fn probe_pidfd_getfd() -> i32 {
    // SAFETY: integer arguments only; -1 is no fd, so nothing is taken.
    probe_errno(unsafe { libc::syscall(libc::SYS_pidfd_getfd, -1, -1, 0) })
}

/// `close_range(~0, ~0, 0)`: 0 where the call exists (5.9), ENOSYS where
/// it does not. No fd can have number 2^32-1, so nothing is closed.
pub fn probe_close_range() -> i32 {
    // SAFETY: integer arguments only; the range holds no possible fd.
    probe_errno(unsafe { libc::syscall(libc::SYS_close_range, u32::MAX, u32::MAX, 0) })
}

/// A user to run the command as (`-u`): ids and supplementary groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserIds {
    /// The user id.
    pub uid: u32,
    /// The primary group.
    pub gid: u32,
    /// Every group of the user (`getgrouplist`), the primary one included.
    pub groups: Vec<u32>,
}

/// Looks `name` (or a numeric uid) up in the user database; `None` when
/// there is no such user.
pub fn lookup_user(name: &str) -> io::Result<Option<UserIds>> {
    let cname = std::ffi::CString::new(name)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "user name with a NUL byte"))?;
    let mut buf = vec![0u8; 16 * 1024];
    // SAFETY: an all-zero passwd is a valid value to be filled in.
    let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call: `cname` is a C string,
    // `pw` and `found` are locals, `buf` is writable for its length.
    let r = unsafe {
        libc::getpwnam_r(
            cname.as_ptr(),
            &mut pw,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut found,
        )
    };
    if r != 0 {
        return Err(io::Error::from_raw_os_error(r));
    }
    if found.is_null() {
        // strace takes a number for a user the database does not know.
        return Ok(name.parse::<u32>().ok().map(|uid| UserIds {
            uid,
            gid: uid,
            groups: vec![uid],
        }));
    }
    let mut groups = vec![0 as libc::gid_t; 256];
    let mut n = groups.len() as libc::c_int;
    // SAFETY: `pw.pw_name` points into `buf`, alive here; `groups` is
    // writable for `n` entries and `n` is a local.
    let r = unsafe { libc::getgrouplist(pw.pw_name, pw.pw_gid, groups.as_mut_ptr(), &mut n) };
    groups.truncate(if r < 0 { 0 } else { n.max(0) as usize });
    if groups.is_empty() {
        groups.push(pw.pw_gid);
    }
    Ok(Some(UserIds {
        uid: pw.pw_uid,
        gid: pw.pw_gid,
        groups,
    }))
}

/// Becomes `u` (groups, gid, then uid). Async-signal-safe: raw syscalls on
/// the calling thread only, which is right between fork and exec (the one
/// thread there is).
pub fn switch_user(u: &UserIds) -> io::Result<()> {
    let check = |r: libc::c_long| {
        if r < 0 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    };
    // SAFETY: setgroups reads `len` gids from a live Vec; setresgid and
    // setresuid take integers only.
    unsafe {
        check(libc::syscall(
            libc::SYS_setgroups,
            u.groups.len(),
            u.groups.as_ptr(),
        ))?;
        check(libc::syscall(libc::SYS_setresgid, u.gid, u.gid, u.gid))?;
        check(libc::syscall(libc::SYS_setresuid, u.uid, u.uid, u.uid))?;
    }
    Ok(())
}

/// sock_diag's answer for one unix socket: its type (`SOCK_STREAM`, ...),
/// its peer's inode (0: none) and its bound name (empty: none; a leading
/// NUL for an abstract name).
/// `None` when the kernel does not know the inode here (another network
/// namespace, or the socket is gone).
pub fn unix_diag(inode: u32) -> Option<(u8, u32, Vec<u8>)> {
    const SOCK_DIAG_BY_FAMILY: u16 = 20;
    const UDIAG_SHOW_NAME: u32 = 1;
    const UDIAG_SHOW_PEER: u32 = 4;
    const UNIX_DIAG_NAME: u16 = 0;
    const UNIX_DIAG_PEER: u16 = 2;
    // SAFETY: socket(2) with integer arguments only.
    let fd = unsafe {
        libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
            libc::NETLINK_SOCK_DIAG,
        )
    };
    if fd < 0 {
        return None;
    }
    // SAFETY: `fd` was just returned by socket(2) and is owned by no one else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    // nlmsghdr, then unix_diag_req (linux/unix_diag.h).
    let mut req = Vec::with_capacity(40);
    req.extend_from_slice(&40u32.to_ne_bytes());
    req.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    req.extend_from_slice(&(libc::NLM_F_REQUEST as u16).to_ne_bytes());
    req.extend_from_slice(&[0; 8]);
    req.extend_from_slice(&[libc::AF_UNIX as u8, 0, 0, 0]);
    req.extend_from_slice(&u32::MAX.to_ne_bytes());
    req.extend_from_slice(&inode.to_ne_bytes());
    req.extend_from_slice(&(UDIAG_SHOW_NAME | UDIAG_SHOW_PEER).to_ne_bytes());
    req.extend_from_slice(&[0xff; 8]);
    // SAFETY: `req` is readable for its length; the kernel's address is
    // the default (a zeroed sockaddr_nl is the kernel).
    let sent = unsafe {
        let mut nl: libc::sockaddr_nl = std::mem::zeroed();
        nl.nl_family = libc::AF_NETLINK as u16;
        libc::sendto(
            fd.as_raw_fd(),
            req.as_ptr().cast(),
            req.len(),
            0,
            (&nl as *const libc::sockaddr_nl).cast(),
            std::mem::size_of::<libc::sockaddr_nl>() as u32,
        )
    };
    if sent != req.len() as isize {
        return None;
    }
    let mut buf = [0u8; 8192];
    // SAFETY: `buf` is writable for its length.
    let n = unsafe { libc::recv(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
    if n < 32 {
        return None;
    }
    let b = &buf[..n as usize];
    let u16_at = |i: usize| u16::from_ne_bytes([b[i], b[i + 1]]);
    let u32_at = |i: usize| u32::from_ne_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let len = (u32_at(0) as usize).min(b.len());
    if u16_at(4) != SOCK_DIAG_BY_FAMILY || u32_at(20) != inode {
        return None;
    }
    let (mut peer, mut name) = (0, Vec::new());
    let mut at = 32;
    while at + 4 <= len {
        let (alen, kind) = (u16_at(at) as usize, u16_at(at + 2));
        if alen < 4 || at + alen > len {
            break;
        }
        let data = &b[at + 4..at + alen];
        match kind {
            UNIX_DIAG_PEER if data.len() >= 4 => peer = u32_at(at + 4),
            UNIX_DIAG_NAME => name = data.to_vec(),
            _ => {}
        }
        at += (alen + 3) & !3;
    }
    Some((b[17], peer, name))
}

/// The replies to one netlink dump request `req` (a whole message, its
/// nlmsghdr first) on a fresh socket of `protocol`: every reply buffer
/// received until NLMSG_DONE or an error, at most 64 of them, waiting at
/// most a second for each. Empty when the socket cannot be made.
pub fn netlink_dump(protocol: i32, req: &[u8]) -> Vec<Vec<u8>> {
    const NLMSG_ERROR: u16 = 2;
    const NLMSG_DONE: u16 = 3;
    // SAFETY: socket(2) with integer arguments only.
    let fd = unsafe {
        libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC,
            protocol,
        )
    };
    if fd < 0 {
        return Vec::new();
    }
    // SAFETY: `fd` was just returned by socket(2) and is owned by no one else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let tv = libc::timeval {
        tv_sec: 1,
        tv_usec: 0,
    };
    // SAFETY: `tv` is a live timeval and the length given is its size.
    unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            (&tv as *const libc::timeval).cast(),
            std::mem::size_of::<libc::timeval>() as u32,
        );
    }
    // SAFETY: `req` is readable for its length; no address: the kernel.
    let sent = unsafe {
        libc::sendto(
            fd.as_raw_fd(),
            req.as_ptr().cast(),
            req.len(),
            0,
            std::ptr::null(),
            0,
        )
    };
    if sent != req.len() as isize {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut buf = vec![0u8; 32768];
    'recv: for _ in 0..64 {
        // SAFETY: `buf` is writable for its length.
        let n = unsafe { libc::recv(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
        if n <= 0 {
            break;
        }
        let b = buf[..n as usize].to_vec();
        let mut at = 0;
        while at + 16 <= b.len() {
            let len = u32::from_ne_bytes(b[at..at + 4].try_into().unwrap()) as usize;
            let ty = u16::from_ne_bytes([b[at + 4], b[at + 5]]);
            if ty == NLMSG_DONE || ty == NLMSG_ERROR {
                out.push(b);
                break 'recv;
            }
            if len < 16 {
                break;
            }
            at += (len + 3) & !3;
        }
        out.push(b);
    }
    out
}
