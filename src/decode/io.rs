//! `struct iovec` arrays (readv/writev and msghdr).

use super::time::{Fields, Word};
use super::{addr, strings, Ctx, Out};
use crate::memory::read_exact;
use serde_json::{json, Value};

/// Never walk more elements than this, whatever the count says (the
/// kernel's own limit, UIO_MAXIOV, is 1024).
const MAX_ELEMS: u64 = 1024;

/// An iovec array of `count` elements. `with_data`: print each buffer as
/// a string (input iovecs); otherwise only its address (output iovecs,
/// whose contents the kernel has not written yet at syscall entry).
/// `w` is the tracee's word: an i386 iovec is two 32-bit fields.
pub(crate) fn iovec(ctx: &Ctx, v: u64, count: u64, with_data: bool, w: Word) -> Out {
    if with_data {
        iovec_with(ctx, v, count, w, &|ctx, base, len| {
            strings::buf(ctx, base, len)
        })
    } else {
        iovec_with(ctx, v, count, w, &|_, base, _| (addr(base), None))
    }
}

/// An iovec array whose buffers `data` prints (sendmsg's netlink
/// messages are decoded, not quoted).
pub(crate) fn iovec_with(
    ctx: &Ctx,
    v: u64,
    count: u64,
    w: Word,
    data: &dyn Fn(&Ctx, u64, u64) -> Out,
) -> Out {
    let n = w.bytes();
    let size = 2 * n as u64;
    if v == 0 {
        return ("NULL".into(), None);
    }
    if count == 0 {
        return ("[]".into(), Some(Value::Array(vec![])));
    }
    // An array that would wrap around the address space is not read.
    if count
        .checked_mul(size)
        .and_then(|n| v.checked_add(n))
        .is_none()
    {
        return (addr(v), None);
    }
    let limit = ctx.array_limit();
    let mut parts = Vec::new();
    let mut values = Vec::new();
    for i in 0..count.min(MAX_ELEMS) {
        if parts.len() >= limit {
            parts.push("...".to_string());
            break;
        }
        let at = v + i * size;
        let mut b = [0u8; 16];
        let b = &mut b[..2 * n];
        if !read_exact(ctx.mem, at, b) {
            if i == 0 {
                return (addr(v), None);
            }
            // strace's marker for an array that becomes unreadable.
            parts.push(format!("... /* {at:#x} */"));
            break;
        }
        let f = Fields(b);
        let (base, len) = (f.ulong(0, w), f.ulong(n, w));
        let (base_t, data) = data(ctx, base, len);
        parts.push(format!("{{iov_base={base_t}, iov_len={len}}}"));
        let mut e = json!({ "base": base, "len": len });
        if let Some(d) = data {
            e["data"] = d;
        }
        values.push(e);
    }
    if count > MAX_ELEMS && parts.last().is_some_and(|p| p != "...") {
        parts.push("...".to_string());
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}
