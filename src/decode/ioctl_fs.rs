//! Filesystem ioctl arguments of `fstrim`, `xfs_io`, `filefrag` and
//! `fsfreeze` (FITRIM, FS_IOC_FSSETXATTR, FS_IOC_FIEMAP, FIFREEZE,
//! FITHAW), as strace 6.1 prints them at entry.

use super::{addr, Ctx, Out};
use crate::memory::read_exact;
use crate::xlat::{self, hex};
use serde_json::json;

/// `N` bytes at `v`, or what strace prints instead (NULL or the address).
fn read<const N: usize>(ctx: &Ctx, v: u64) -> Result<[u8; N], Out> {
    let mut b = [0u8; N];
    if v == 0 {
        return Err(("NULL".into(), None));
    }
    if !read_exact(ctx.mem, v, &mut b) {
        return Err((addr(v), None));
    }
    Ok(b)
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_ne_bytes(b[i..i + 8].try_into().unwrap())
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes(b[i..i + 4].try_into().unwrap())
}

/// The argument of request `name` of ioctl type `ty`, `None` when this
/// module has no decoder for it.
pub(super) fn arg(ctx: &Ctx, v: u64, ty: u64, name: &str) -> Option<Out> {
    Some(match (ty, name) {
        // struct fstrim_range: start in hex, len and minlen in decimal.
        (0x58, "FITRIM") => match read::<24>(ctx, v) {
            Ok(b) => {
                let (start, len, minlen) = (u64_at(&b, 0), u64_at(&b, 8), u64_at(&b, 16));
                (
                    format!("{{start={}, len={len}, minlen={minlen}}}", hex(start)),
                    Some(json!({ "start": start, "len": len, "minlen": minlen })),
                )
            }
            Err(o) => o,
        },
        // struct fsxattr at entry: no fsx_nextents (an output).
        (0x58, "FS_IOC_FSSETXATTR") => match read::<28>(ctx, v) {
            Ok(b) => {
                let (xflags, extsize) = (u32_at(&b, 0) as u64, u32_at(&b, 4));
                let (projid, cowextsize) = (u32_at(&b, 12), u32_at(&b, 16));
                let t = &xlat::FS_XFLAGS;
                (
                    format!(
                        "{{fsx_xflags={}, fsx_extsize={extsize}, fsx_projid={}, fsx_cowextsize={cowextsize}}}",
                        t.format_flags(xflags),
                        hex(projid as u64)
                    ),
                    Some(json!({
                        "xflags": t.flags_json(xflags), "extsize": extsize,
                        "projid": projid, "cowextsize": cowextsize,
                    })),
                )
            }
            Err(o) => o,
        },
        (0x58, "FS_IOC_FSGETXATTR") => (addr(v), None),
        (0x58, "FIFREEZE" | "FITHAW") => super::calls::omitted(v),
        // struct fiemap's request half; the extents are the kernel's.
        (0x66, "FS_IOC_FIEMAP") => match read::<32>(ctx, v) {
            Ok(b) => {
                let (start, length) = (u64_at(&b, 0), u64_at(&b, 8));
                let (flags, count) = (u32_at(&b, 16) as u64, u32_at(&b, 24));
                let t = &xlat::FIEMAP_FLAGS;
                (
                    format!(
                        "{{fm_start={start}, fm_length={length}, fm_flags={}, fm_extent_count={count}}}",
                        t.format_flags(flags)
                    ),
                    Some(json!({
                        "start": start, "length": length, "flags": t.flags_json(flags),
                        "extent_count": count,
                    })),
                )
            }
            Err(o) => o,
        },
        _ => return None,
    })
}
