//! Filesystem ioctl arguments of `fstrim`, `xfs_io`, `filefrag` and
//! `fsfreeze` (FITRIM, FS_IOC_FSSETXATTR, FS_IOC_FIEMAP, FIFREEZE,
//! FITHAW) and BLKPG (`partx`, `parted`), as strace 6.1 prints them at
//! entry.

use super::ioctl::read;
use super::time::Word;
use super::{addr, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::json;

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_ne_bytes(b[i..i + 8].try_into().unwrap())
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes(b[i..i + 4].try_into().unwrap())
}

/// The argument of request `name` of ioctl type `ty`, `None` when this
/// module has no decoder for it.
pub(super) fn arg(ctx: &Ctx, v: u64, ty: u64, name: &str, w: Word) -> Option<Out> {
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
        // struct blkpg_ioctl_arg: three ints, then the word-aligned
        // pointer.
        (0x12, "BLKPG") => match super::ioctl::read_n(ctx, v, 2 * 4 + 2 * w.bytes()) {
            Ok(b) => blkpg(ctx, &b, w),
            Err(o) => o,
        },
        _ => return None,
    })
}

/// `struct blkpg_ioctl_arg` and the `blkpg_partition` it points at (its
/// names up to their NUL; 63 bytes and `...` when they have none).
///
/// `w` is the tracee's word size: the data pointer is word-aligned, at 16
/// (x86_64) or 12 (i386).
fn blkpg(ctx: &Ctx, b: &[u8], w: Word) -> Out {
    let i32_at = |i: usize| u32_at(b, i) as i32;
    let (op, flags, datalen) = (i32_at(0), i32_at(4), i32_at(8));
    let data = match w {
        Word::W64 => u64_at(b, 16),
        Word::W32 => u32_at(b, 12) as u64,
    };
    let t = &xlat::BLKPG_OPS;
    let op_u = op as u32 as u64;
    // struct blkpg_partition: 148 bytes, padded to 152 where long long is
    // 8-aligned (not on i386).
    let size = match w {
        Word::W64 => 152,
        Word::W32 => 148,
    };
    let (data_t, data_j) = match super::ioctl::read_n(ctx, data, size) {
        Ok(p) => {
            let (start, length) = (u64_at(&p, 0) as i64, u64_at(&p, 8) as i64);
            let pno = u32_at(&p, 16) as i32;
            let name = |at: usize| {
                let s = &p[at..at + 64];
                match s.iter().position(|&c| c == 0) {
                    Some(n) => super::strings::quote(&s[..n], ctx.opts.hex, false),
                    // strace keeps the last byte for the NUL it adds.
                    None => format!(
                        "{}...",
                        super::strings::quote(&s[..63], ctx.opts.hex, false)
                    ),
                }
            };
            (
                format!(
                    "{{start={start}, length={length}, pno={pno}, devname={}, volname={}}}",
                    name(20),
                    name(84)
                ),
                json!({ "start": start, "length": length, "pno": pno }),
            )
        }
        Err((t, _)) => (t, json!(data)),
    };
    (
        format!(
            "{{op={}, flags={flags}, datalen={datalen}, data={data_t}}}",
            t.format_enum(op_u)
        ),
        Some(json!({
            "op": t.enum_json(op_u), "flags": flags, "datalen": datalen, "data": data_j,
        })),
    )
}
