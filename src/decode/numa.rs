//! NUMA memory-policy arguments (set_mempolicy, mbind, migrate_pages) as
//! strace 6.1 prints them: the mode with its flags, and node masks as
//! arrays of words in zero-padded hex.

use super::{addr, Ctx, Out};
use crate::memory::read_u64;
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

/// strace's `print_nodemask` for a 64-bit tracee: `(maxnode + 62) / 64`
/// words (the address when that cannot hold maxnode bits), each as
/// `%#018llx` (zero as sixteen zeros), `...` past `-s` words.
pub(crate) fn nodemask(ctx: &Ctx, v: u64, maxnode: u64) -> Out {
    const BITS: u64 = 64;
    let nmemb = maxnode.saturating_add(BITS - 2) / BITS;
    if nmemb < maxnode / BITS || (maxnode != 0 && nmemb == 0) {
        return (addr(v), None);
    }
    if v == 0 {
        return ("NULL".into(), None);
    }
    if nmemb == 0 {
        return ("[]".into(), Some(json!([])));
    }
    if v.checked_add(nmemb.saturating_mul(8)).is_none() || nmemb > u64::MAX / 8 {
        return (addr(v), None);
    }
    let limit = ctx.array_limit() as u64;
    let mut parts = Vec::new();
    let mut words = Vec::new();
    for i in 0..nmemb.min(MAX_WORDS) {
        let at = v + i * 8;
        let Some(w) = read_u64(ctx.mem, at) else {
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
        parts.push(if w == 0 {
            "0".repeat(16)
        } else {
            format!("{w:#016x}")
        });
        words.push(Value::from(hex(w)));
    }
    if nmemb > MAX_WORDS && parts.len() as u64 == MAX_WORDS {
        parts.push("...".into());
    }
    (format!("[{}]", parts.join(", ")), Some(Value::Array(words)))
}
