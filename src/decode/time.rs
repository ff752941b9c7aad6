//! Time structs.

use super::{addr, Ctx, Out};
use crate::memory::read_exact;
use serde_json::json;

/// `struct timespec` (64-bit fields): `{tv_sec=1, tv_nsec=0}`. strace
/// prints out-of-range nanoseconds as they are, and so do we.
pub(crate) fn timespec(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; 16];
    if !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), None);
    }
    let sec = i64::from_ne_bytes(b[..8].try_into().unwrap());
    let nsec = i64::from_ne_bytes(b[8..].try_into().unwrap());
    (
        format!("{{tv_sec={sec}, tv_nsec={nsec}}}"),
        Some(json!({ "sec": sec, "nsec": nsec })),
    )
}
