//! Reading the tracee's memory.
//!
//! Decoders see the tracee only through [`TraceeMemory`], so they can be
//! tested against [`FakeMemory`]. The real reader, [`ProcessMemory`], reads
//! through `/proc/TID/mem`, which gives the bytes before an unreadable page
//! and, unlike `process_vm_readv`, never waits for a userfaultfd to serve a
//! fault (see [`ProcessMemory`]).
//!
//! Every read is bounded by the caller's buffer, and the helpers cap their
//! buffers, so a hostile length in a register never makes us allocate more
//! than the cap.

use std::collections::BTreeMap;

/// The page size used to split reads. 4 KiB is the smallest page on every
/// architecture notrace supports; splitting at smaller boundaries than the
/// real page size is only slower, never wrong.
pub const PAGE: u64 = 4096;

/// Read access to a tracee's address space.
pub trait TraceeMemory {
    /// Reads up to `buf.len()` bytes at `addr` into `buf`. Returns how many
    /// bytes were read from the start of the range: 0 when `addr` is
    /// unreadable, fewer than asked when the range runs into an unreadable
    /// page.
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize;
}

/// Reads another process's memory through `/proc/TID/mem`.
///
/// Why not `process_vm_readv`: it faults pages in with
/// `FAULT_FLAG_ALLOW_RETRY`, so a pointer into a page registered with a
/// userfaultfd that nobody serves parks the reader in uninterruptible
/// sleep until the fault is served or the userfaultfd closed: one tracee
/// would stall the supervisor and with it every other tracee. A read of
/// `/proc/TID/mem` (`access_remote_vm`) faults without that flag, so the
/// kernel refuses such a page at once (`EIO`), as it does an unmapped one.
/// There is no fallback to `process_vm_readv` when the file cannot be
/// opened: its reads could block, and it is refused for the same reasons
/// (ptrace access, a gone task). The caller then shows the address.
///
/// Which file a read uses, and for how long it is kept, is a matter of
/// correctness, not only of cost: a file stays bound to the address space
/// it was opened on, which may outlive its use by the thread. After an
/// `execve` in a `vfork` child (`posix_spawn`) the child's old address
/// space, its parent's, lives on, and a kept file would quietly read the
/// parent's bytes; so would a file kept for a thread whose tid was reused
/// while its process lives on. So:
///
/// * for a process leader (tid = tgid) whose address space is not its
///   parent's (kcmp), the file is kept across calls, [`KEPT`] of them at
///   most, least recently used first out. Its address space ends with the
///   process (then the file reads 0 bytes, and is opened afresh once): a
///   leader's tid is not reused while any thread of its process lives, and
///   its `execve` replaces the address space;
/// * for a thread that does not lead its process, the file is kept too,
///   with a pidfd of the thread (`PIDFD_THREAD`), checked before each use:
///   while the thread lives its address space is its process's; once it
///   is gone (ended, killed by another thread's `execve`, or become the
///   leader by its own), the file is opened afresh;
/// * otherwise (a `vfork` child, a kernel without `PIDFD_THREAD`) the file
///   is opened on the first read of a call and closed by [`end_call`] (the
///   supervisor calls it after each notification) or by a read for another
///   thread.
///
/// The one case left: a leader that shares its address space with a
/// process that is not its parent (`clone(CLONE_VM)` without
/// `CLONE_THREAD`, its child) and then calls `execve` while that child
/// lives: its kept file reads the child's bytes until evicted.
#[derive(Debug, Clone, Copy)]
pub struct ProcessMemory {
    /// Process (or thread) id, in notrace's pid namespace.
    pub pid: i32,
}

/// How many `/proc/PID/mem` files of process leaders are kept open.
pub const KEPT: usize = 16;

/// The `/proc/TID/mem` files of one thread of notrace (the supervisor).
#[derive(Default)]
struct MemFiles {
    /// The file of the call being handled, for a thread whose file is not
    /// kept: the tid, and the file (`None` when it could not be opened, so
    /// that one call does not try again for every argument).
    current: Option<(i32, Option<std::fs::File>)>,
    /// Kept files: (tid, file, the thread's pidfd for a thread that is
    /// not a leader, last use).
    kept: Vec<Kept>,
    tick: u64,
}

struct Kept {
    tid: i32,
    file: std::fs::File,
    thread: Option<std::os::fd::OwnedFd>,
    used: u64,
}

thread_local! {
    static FILES: std::cell::RefCell<MemFiles> = std::cell::RefCell::new(MemFiles::default());
}

/// Closes the `/proc/TID/mem` file this thread opened for the call it was
/// handling, unless it is a kept one.
pub fn end_call() {
    FILES.with(|f| f.borrow_mut().current.take());
}

/// Whether `pid`'s file may be kept across calls: a process leader whose
/// address space is not its parent's (a `vfork` child's is).
fn keepable(pid: i32) -> Keep {
    let Ok(status) = crate::procfs::read_lossy(format!("/proc/{pid}/status")) else {
        return Keep::No;
    };
    let field = |k: &str| -> Option<i32> {
        status
            .lines()
            .find_map(|l| l.strip_prefix(k))
            .and_then(|v| v.trim().parse().ok())
    };
    match (field("Tgid:"), field("PPid:")) {
        (Some(tgid), _) if tgid != pid => Keep::Thread,
        (Some(_), Some(ppid)) if ppid > 0 && crate::sys::same_vm(pid, ppid) == Some(false) => {
            Keep::Yes
        }
        _ => Keep::No,
    }
}

/// What [`keepable`] found.
#[derive(PartialEq)]
enum Keep {
    Yes,
    /// Not now (a `vfork` child, or the kernel would not say).
    No,
    /// A thread that is not its process's leader: while it lives.
    Thread,
}

impl MemFiles {
    fn read(&mut self, pid: i32, addr: u64, buf: &mut [u8]) -> usize {
        use std::os::unix::fs::FileExt;
        self.tick += 1;
        if let Some((_, f)) = self.current.as_ref().filter(|(t, _)| *t == pid) {
            return f.as_ref().map_or(0, |f| f.read_at(buf, addr).unwrap_or(0));
        }
        use std::os::fd::AsFd;
        if let Some(i) = self.kept.iter().position(|k| k.tid == pid) {
            let k = &mut self.kept[i];
            k.used = self.tick;
            let alive = k
                .thread
                .as_ref()
                .is_none_or(|p| crate::sys::pidfd_alive(p.as_fd()));
            match alive.then(|| k.file.read_at(buf, addr)) {
                // The thread is gone, or the address space (its process
                // exited or exec'd, the pid maybe reused): open afresh.
                None | Some(Ok(0)) => {
                    self.kept.swap_remove(i);
                }
                Some(r) => return r.unwrap_or(0),
            }
        }
        let f = std::fs::File::open(format!("/proc/{pid}/mem")).ok();
        let n = f.as_ref().map_or(0, |f| f.read_at(buf, addr).unwrap_or(0));
        let (f, keep) = match f.is_some().then(|| keepable(pid)) {
            Some(Keep::Yes) => (f, Some(None)),
            // The pidfd first, then the file it vouches for: a file
            // opened before would be another task's if the thread ended
            // in between and its tid went to a new one.
            Some(Keep::Thread) => match crate::sys::pidfd_open_thread(pid) {
                Ok(p) => match std::fs::File::open(format!("/proc/{pid}/mem")) {
                    Ok(again) => (Some(again), Some(Some(p))),
                    Err(_) => (f, None),
                },
                Err(_) => (f, None),
            },
            _ => (f, None),
        };
        match (f, keep) {
            (Some(file), Some(thread)) => {
                if self.kept.len() >= KEPT {
                    if let Some(oldest) = (0..self.kept.len()).min_by_key(|&i| self.kept[i].used) {
                        self.kept.swap_remove(oldest);
                    }
                }
                self.kept.push(Kept {
                    tid: pid,
                    file,
                    thread,
                    used: self.tick,
                });
            }
            (f, _) => self.current = Some((pid, f)),
        }
        n
    }
}

impl TraceeMemory for ProcessMemory {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        if buf.is_empty() || addr > i64::MAX as u64 {
            // pread takes a signed offset; such addresses are the kernel's.
            return 0;
        }
        // The kernel reads page by page and stops at the first page it
        // cannot read, returning what came before it (EIO when that is
        // nothing; 0 when the address space is gone).
        FILES.with(|f| f.borrow_mut().read(self.pid, addr, buf))
    }
}

/// An address space made of byte regions, for tests. Everything outside
/// the regions is unreadable.
#[derive(Debug, Clone, Default)]
pub struct FakeMemory {
    regions: BTreeMap<u64, Vec<u8>>,
}

impl FakeMemory {
    /// An empty address space: every read fails.
    pub fn new() -> Self {
        Self::default()
    }

    /// Maps `bytes` at `addr`. Regions must not overlap.
    pub fn map(&mut self, addr: u64, bytes: impl Into<Vec<u8>>) -> &mut Self {
        self.regions.insert(addr, bytes.into());
        self
    }

    /// Builder form of [`FakeMemory::map`].
    pub fn with(mut self, addr: u64, bytes: impl Into<Vec<u8>>) -> Self {
        self.map(addr, bytes);
        self
    }
}

impl TraceeMemory for FakeMemory {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        let mut done = 0usize;
        while done < buf.len() {
            let at = match addr.checked_add(done as u64) {
                Some(a) => a,
                None => break,
            };
            // The region starting at or before `at`, if it covers `at`.
            let Some((&start, bytes)) = self.regions.range(..=at).next_back() else {
                break;
            };
            let off = (at - start) as usize;
            if off >= bytes.len() {
                break;
            }
            let n = (bytes.len() - off).min(buf.len() - done);
            buf[done..done + n].copy_from_slice(&bytes[off..off + n]);
            done += n;
        }
        done
    }
}

/// A NUL-terminated string read from the tracee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CString {
    /// The bytes before the NUL (or all bytes read when there was none).
    pub bytes: Vec<u8>,
    /// A NUL was found within the limit.
    pub terminated: bool,
    /// Reading stopped at an unreadable byte before a NUL or the limit.
    pub faulted: bool,
}

impl CString {
    /// The limit was reached without a NUL (and without a fault).
    pub fn truncated(&self) -> bool {
        !self.terminated && !self.faulted
    }
}

/// Reads a NUL-terminated string of at most `limit` bytes (not counting
/// the NUL), page by page so that a short string near the end of a mapping
/// is still read. Returns `None` when not even the first byte is readable.
pub fn read_cstring(mem: &dyn TraceeMemory, addr: u64, limit: usize) -> Option<CString> {
    let mut bytes = Vec::new();
    let mut at = addr;
    // One extra byte so that a string of exactly `limit` bytes is known to
    // be terminated.
    let want = limit.saturating_add(1);
    let mut page = [0u8; PAGE as usize];
    while bytes.len() < want {
        let chunk = ((PAGE - at % PAGE) as usize).min(want - bytes.len());
        let n = mem.read(at, &mut page[..chunk]);
        if let Some(nul) = page[..n].iter().position(|&b| b == 0) {
            bytes.extend_from_slice(&page[..nul]);
            return Some(CString {
                bytes,
                terminated: true,
                faulted: false,
            });
        }
        bytes.extend_from_slice(&page[..n]);
        if n < chunk {
            if bytes.is_empty() {
                return None;
            }
            return Some(CString {
                bytes,
                terminated: false,
                faulted: true,
            });
        }
        at = match at.checked_add(n as u64) {
            Some(a) => a,
            None => break,
        };
    }
    bytes.truncate(limit);
    Some(CString {
        bytes,
        terminated: false,
        faulted: false,
    })
}

/// Reads exactly `buf.len()` bytes; `false` when any of them is unreadable.
pub fn read_exact(mem: &dyn TraceeMemory, addr: u64, buf: &mut [u8]) -> bool {
    mem.read(addr, buf) == buf.len()
}

/// Reads `len` bytes, capped at `cap`; returns what could be read (maybe
/// fewer bytes, maybe none).
pub fn read_bytes(mem: &dyn TraceeMemory, addr: u64, len: u64, cap: usize) -> Vec<u8> {
    let n = len.min(cap as u64) as usize;
    let mut buf = vec![0u8; n];
    let got = mem.read(addr, &mut buf);
    buf.truncate(got);
    buf
}

/// Reads a native-endian `u64`.
pub fn read_u64(mem: &dyn TraceeMemory, addr: u64) -> Option<u64> {
    let mut b = [0u8; 8];
    read_exact(mem, addr, &mut b).then(|| u64::from_ne_bytes(b))
}

/// Reads a native-endian `u32`.
pub fn read_u32(mem: &dyn TraceeMemory, addr: u64) -> Option<u32> {
    let mut b = [0u8; 4];
    read_exact(mem, addr, &mut b).then(|| u32::from_ne_bytes(b))
}

/// Reads up to `count` `u64`s (capped at `cap`); stops at the first
/// unreadable element.
pub fn read_u64_array(mem: &dyn TraceeMemory, addr: u64, count: u64, cap: usize) -> Vec<u64> {
    read_bytes(mem, addr, count.min(cap as u64).saturating_mul(8), cap * 8)
        .chunks_exact(8)
        .map(|c| u64::from_ne_bytes(c.try_into().expect("chunks of 8")))
        .collect()
}

/// Reads up to `count` `u32`s (capped at `cap`); stops at the first
/// unreadable element.
pub fn read_u32_array(mem: &dyn TraceeMemory, addr: u64, count: u64, cap: usize) -> Vec<u32> {
    read_bytes(mem, addr, count.min(cap as u64).saturating_mul(4), cap * 4)
        .chunks_exact(4)
        .map(|c| u32::from_ne_bytes(c.try_into().expect("chunks of 4")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_reads_within_and_across_regions() {
        let m = FakeMemory::new()
            .with(0x1000, *b"abcd")
            .with(0x1004, *b"ef");
        let mut b = [0u8; 8];
        assert_eq!(m.read(0x1001, &mut b), 5);
        assert_eq!(&b[..5], b"bcdef");
        assert_eq!(m.read(0x2000, &mut b), 0);
        assert_eq!(m.read(0xfff, &mut b), 0);
    }

    #[test]
    fn cstring_terminated_truncated_faulted() {
        let m = FakeMemory::new()
            .with(0x1000, *b"hello\0")
            .with(0x2000, *b"abc");
        let s = read_cstring(&m, 0x1000, 32).unwrap();
        assert_eq!((s.bytes.as_slice(), s.terminated), (&b"hello"[..], true));
        let s = read_cstring(&m, 0x1000, 5).unwrap();
        assert!(s.terminated, "exactly limit bytes then NUL is complete");
        let s = read_cstring(&m, 0x1000, 3).unwrap();
        assert_eq!((s.bytes.as_slice(), s.truncated()), (&b"hel"[..], true));
        let s = read_cstring(&m, 0x2000, 32).unwrap();
        assert_eq!((s.bytes.as_slice(), s.faulted), (&b"abc"[..], true));
        assert_eq!(read_cstring(&m, 0x3000, 32), None);
        assert_eq!(read_cstring(&m, 0, 32), None);
    }

    #[test]
    fn cstring_crosses_page_boundaries() {
        let mut big = vec![b'x'; 10000];
        big.push(0);
        let m = FakeMemory::new().with(PAGE - 10, big);
        let s = read_cstring(&m, PAGE - 10, 20000).unwrap();
        assert_eq!(s.bytes.len(), 10000);
        assert!(s.terminated);
    }

    #[test]
    fn huge_lengths_are_capped() {
        let m = FakeMemory::new().with(0x1000, vec![7u8; 64]);
        assert_eq!(read_bytes(&m, 0x1000, u64::MAX, 16).len(), 16);
        assert_eq!(read_bytes(&m, 0x1000, u64::MAX, 1 << 20).len(), 64);
        assert_eq!(read_u64_array(&m, 0x1000, u64::MAX, 4).len(), 4);
        assert_eq!(read_u32_array(&m, 0x1000, 100, 1000).len(), 16);
        assert_eq!(read_u64(&m, 0x1000 + 60), None);
        assert_eq!(read_u32(&m, 0x1000 + 60), Some(0x07070707));
        assert_eq!(read_cstring(&m, u64::MAX, 8), None);
    }

    #[test]
    fn process_memory_reads_own_memory() {
        let me = ProcessMemory {
            pid: std::process::id() as i32,
        };
        let data = b"notrace-self-read\0".to_vec();
        let s = read_cstring(&me, data.as_ptr() as u64, 64).unwrap();
        assert_eq!(s.bytes, b"notrace-self-read");
        assert!(s.terminated);
        assert_eq!(me.read(0, &mut [0u8; 4]), 0);
    }

    #[test]
    fn process_memory_string_before_unmapped_page() {
        let mut map = crate::sys::TestMapping::new(2 * PAGE as usize).expect("mmap");
        map.unmap_tail(PAGE as usize).expect("munmap");
        let end = map.addr() + PAGE;
        map.write(PAGE as usize - 3, b"abc");
        let me = ProcessMemory {
            pid: std::process::id() as i32,
        };
        let s = read_cstring(&me, end - 3, 64).unwrap();
        assert_eq!(s.bytes, b"abc");
        assert!(s.faulted && !s.terminated);
        let mut b = [0u8; 16];
        assert_eq!(me.read(end - 8, &mut b), 8);
        assert_eq!(me.read(end, &mut b), 0);
    }
}
