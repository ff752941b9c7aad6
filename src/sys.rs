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
