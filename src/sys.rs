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
