//! NUMA memory-policy arguments (set_mempolicy, mbind, migrate_pages) as
//! strace 6.1 prints them: the mode with its flags, and node masks as
//! arrays of words in zero-padded hex.

use super::time::Word;
use super::{addr, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::{json, Value};

/// MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING
/// (linux/mempolicy.h).
const MODE_FLAGS: u64 = (1 << 15) | (1 << 14) | (1 << 13);
/// Elements read at most, whatever maxnode says (strace reads until one
/// fails; 2^16 words are 4 million nodes).
const MAX_WORDS: u64 = 1 << 16;

/// strace's `print_mode`: the mode name, `|`-joined flags when set; an
/// unknown mode with flags prints as flags.
pub(crate) fn mode(v: u64) -> Out {
    let flags = v & MODE_FLAGS;
    let m = v & !MODE_FLAGS;
    let modes = &xlat::MPOL_MODES;
    let ft = &xlat::MPOL_MODE_FLAGS;
    if flags == 0 {
        return (modes.format_enum(m), Some(modes.enum_json(m)));
    }
    match modes.lookup(m) {
        Some(name) => (
            format!("{name}|{}", ft.format_flags(flags)),
            Some(json!({ "mode": name, "flags": ft.flags_json(flags) })),
        ),
        None => (ft.format_flags(v), Some(ft.flags_json(v))),
    }
}

/// strace's `print_nodemask`: words of the tracee's `unsigned long` (`w`,
/// BITS wide), `(maxnode + BITS - 2) / BITS` of them (the address when
/// that cannot hold maxnode bits), each as `%#0*lx` two digits a byte
/// (zero as that many zeros), `...` past `-s` words.
pub(crate) fn nodemask(ctx: &Ctx, v: u64, maxnode: u64, w: Word) -> Out {
    let size = w.bytes() as u64;
    let bits = size * 8;
    let nmemb = maxnode.saturating_add(bits - 2) / bits;
    if nmemb < maxnode / bits || (maxnode != 0 && nmemb == 0) {
        return (addr(v), None);
    }
    if v == 0 {
        return ("NULL".into(), None);
    }
    if nmemb == 0 {
        return ("[]".into(), Some(json!([])));
    }
    if v.checked_add(nmemb.saturating_mul(size)).is_none() || nmemb > u64::MAX / size {
        return (addr(v), None);
    }
    let limit = ctx.array_limit() as u64;
    let mut parts = Vec::new();
    let mut words = Vec::new();
    for i in 0..nmemb.min(MAX_WORDS) {
        let at = v + i * size;
        let Some(word) = w.read(ctx.mem, at) else {
            if i == 0 {
                return (addr(v), None);
            }
            parts.push(format!("... /* {at:#x} */"));
            break;
        };
        if i >= limit {
            parts.push("...".into());
            break;
        }
        let digits = 2 * size as usize;
        parts.push(if word == 0 {
            "0".repeat(digits)
        } else {
            format!("{word:#0digits$x}")
        });
        words.push(Value::from(hex(word)));
    }
    if nmemb > MAX_WORDS && parts.len() as u64 == MAX_WORDS {
        parts.push("...".into());
    }
    (format!("[{}]", parts.join(", ")), Some(Value::Array(words)))
}
