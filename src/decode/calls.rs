//! Arguments whose presence and shape depend on another argument of the
//! same call, as strace prints them: futex (by operation), clone (by flags, with strace's `name=` labels), open's mode
//! (by flags), statx's flags.
//!
//! An argument strace leaves out decodes to empty text, which
//! `render_args` skips.

use super::{addr, as_int, files, time, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::Value;

/// Left out of the text; the raw value stays in the JSON.
pub(crate) fn omitted(v: u64) -> Out {
    (String::new(), Some(Value::from(v)))
}

fn unsigned32(v: u64) -> Out {
    let n = v as u32;
    (n.to_string(), Some(Value::from(n)))
}

const O_CREAT: u64 = 0o100;
/// `__O_TMPFILE`: O_TMPFILE without O_DIRECTORY, which is what strace tests.
const O_TMPFILE_BIT: u64 = 0o20000000;

/// open/openat mode: shown only when the flags can create a file.
pub(crate) fn open_mode(v: u64, flags: u64) -> Out {
    if flags & (O_CREAT | O_TMPFILE_BIT) != 0 {
        files::mode(v)
    } else {
        omitted(v)
    }
}

const AT_STATX_SYNC_TYPE: u64 = 0x6000;

/// statx flags: the sync type is always named, even when it is 0.
pub(crate) fn statx_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let sync = v & AT_STATX_SYNC_TYPE;
    let rest = v & !AT_STATX_SYNC_TYPE;
    // strace prints the two sync bits as flags (0x6000 is
    // `AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC`), 0 by its own name, each
    // part in the -X style, and under `-X raw` a zero sync type not at
    // all (`|0x800`).
    let (sync_names, _) = xlat::STATX_SYNC.split_flags(sync);
    let mut text = if xlat::style() == crate::compat::ConstStyle::Raw && sync == 0 {
        String::new()
    } else {
        xlat::styled(|| hex(sync), || sync_names.join("|"))
    };
    let mut list: Vec<Value> = sync_names.into_iter().map(Value::from).collect();
    if rest != 0 {
        // After the sync type, unknown bits print bare (no `AT_???`).
        let (names, left) = xlat::AT_FLAGS.split_flags(rest);
        let mut parts: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        if left != 0 {
            parts.push(hex(left));
        }
        text.push('|');
        text.push_str(&xlat::styled(|| hex(rest), || parts.join("|")));
        list.extend(parts.into_iter().map(Value::from));
    }
    (text, Some(Value::Array(list)))
}

const FUTEX_PRIVATE_FLAG: u32 = 128;
const FUTEX_CLOCK_REALTIME: u32 = 256;
const FUTEX_CMD_MASK: u32 = !(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
const FUTEX_BITSET_MATCH_ANY: u32 = 0xffff_ffff;

/// futex op: `FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME`.
pub(crate) fn futex_op(v: u64) -> Out {
    let op = v as u32;
    let cmd = op & FUTEX_CMD_MASK;
    let mut text = match xlat::FUTEX_OPS.lookup(cmd as u64) {
        Some(name) if op & FUTEX_PRIVATE_FLAG != 0 => format!("{name}_PRIVATE"),
        Some(name) => name.to_string(),
        // strace prints an unknown op whole.
        None => {
            return (
                xlat::FUTEX_OPS.format_enum(op as u64),
                Some(Value::from(op)),
            )
        }
    };
    if op & FUTEX_CLOCK_REALTIME != 0 {
        text.push_str("|FUTEX_CLOCK_REALTIME");
    }
    let value = Value::from(text.clone());
    // strace's table names each op whole: one number under -X.
    (xlat::styled(|| hex(op as u64), || text), Some(value))
}

/// A futex bitset (`val3` of the BITSET operations).
fn futex_bitset(v: u64) -> Out {
    let b = v as u32;
    if b == FUTEX_BITSET_MATCH_ANY {
        (
            xlat::styled(|| hex(b as u64), || "FUTEX_BITSET_MATCH_ANY".into()),
            Some(Value::from(b)),
        )
    } else {
        (hex(b as u64), Some(Value::from(b)))
    }
}

/// FUTEX_WAKE_OP's encoded operation: `{FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1}`.
fn futex_wake_op(v: u64) -> Out {
    const OPS: [&str; 5] = [
        "FUTEX_OP_SET",
        "FUTEX_OP_ADD",
        "FUTEX_OP_OR",
        "FUTEX_OP_ANDN",
        "FUTEX_OP_XOR",
    ];
    const CMPS: [&str; 6] = [
        "FUTEX_OP_CMP_EQ",
        "FUTEX_OP_CMP_NE",
        "FUTEX_OP_CMP_LT",
        "FUTEX_OP_CMP_LE",
        "FUTEX_OP_CMP_GT",
        "FUTEX_OP_CMP_GE",
    ];
    let v3 = v as u32;
    let op = (v3 >> 28) & 7;
    let cmp = (v3 >> 24) & 0xf;
    let mut text = String::from("{");
    if (v3 >> 28) & 8 != 0 {
        text.push_str("FUTEX_OP_OPARG_SHIFT<<4|");
    }
    match OPS.get(op as usize) {
        Some(n) => text.push_str(n),
        None => text.push_str(&format!("{op:#x} /* FUTEX_OP_??? */")),
    }
    text.push_str(&format!(", {}, ", (v3 >> 12) & 0xfff));
    match CMPS.get(cmp as usize) {
        Some(n) => text.push_str(n),
        None => text.push_str(&format!("{cmp:#x} /* FUTEX_OP_CMP_??? */")),
    }
    text.push_str(&format!(", {}}}", v3 & 0xfff));
    (text, Some(Value::from(v3)))
}

/// futex argument `pos` (2: val, 3: timeout or val2, 4: uaddr2, 5: val3),
/// shaped by the operation in argument 1 as strace's `SYS_FUNC(futex)`.
///
/// `time64` is false for i386's futex, whose timeouts are `struct
/// old_timespec32` (futex_time64 and the 64-bit ABIs read 64-bit ones).
pub(crate) fn futex_arg(ctx: &Ctx, pos: usize, v: u64, time64: bool) -> Out {
    let timespec = |ctx: &Ctx, v: u64| {
        if time64 {
            time::timespec(ctx, v)
        } else {
            time::timespec32(ctx, v)
        }
    };
    let cmd = (ctx.arg(1) as u32) & FUTEX_CMD_MASK;
    let name = xlat::FUTEX_OPS.lookup(cmd as u64).unwrap_or("");
    match (name, pos) {
        ("FUTEX_UNLOCK_PI" | "FUTEX_TRYLOCK_PI", _) => omitted(v),
        ("FUTEX_LOCK_PI" | "FUTEX_LOCK_PI2", 3) => timespec(ctx, v),
        ("FUTEX_LOCK_PI" | "FUTEX_LOCK_PI2", _) => omitted(v),
        (_, 2) => unsigned32(v),
        ("FUTEX_WAKE", _) => omitted(v),
        ("FUTEX_WAIT", 3) => timespec(ctx, v),
        ("FUTEX_WAIT", _) => omitted(v),
        ("FUTEX_WAIT_BITSET", 3) => timespec(ctx, v),
        ("FUTEX_WAIT_BITSET", 5) | ("FUTEX_WAKE_BITSET", 5) => futex_bitset(v),
        ("FUTEX_WAIT_BITSET" | "FUTEX_WAKE_BITSET", _) => omitted(v),
        ("FUTEX_REQUEUE" | "FUTEX_CMP_REQUEUE" | "FUTEX_CMP_REQUEUE_PI" | "FUTEX_WAKE_OP", 3) => {
            unsigned32(v)
        }
        ("FUTEX_REQUEUE", 5) => omitted(v),
        ("FUTEX_CMP_REQUEUE" | "FUTEX_CMP_REQUEUE_PI", 5) => unsigned32(v),
        ("FUTEX_WAKE_OP", 5) => futex_wake_op(v),
        ("FUTEX_WAIT_REQUEUE_PI", 3) => timespec(ctx, v),
        ("FUTEX_WAIT_REQUEUE_PI", 5) => omitted(v),
        (_, 4) => (addr(v), Some(Value::from(v))),
        (_, 3) => (addr(v), Some(Value::from(v))),
        _ => (hex(v as u32 as u64), Some(Value::from(v as u32))),
    }
}

const CLONE_SETTLS: u64 = 0x80000;
const CLONE_PARENT_SETTID: u64 = 0x100000;
const CLONE_CHILD_CLEARTID: u64 = 0x200000;
const CLONE_CHILD_SETTID: u64 = 0x1000000;

/// clone's flags with the stack in front: `child_stack=NULL, flags=...`.
pub(crate) fn clone_call_flags(v: u64, stack: u64) -> Out {
    let (ft, fj) = super::process::clone_flags(v);
    (
        format!("child_stack={}, flags={ft}", addr(stack)),
        Some(serde_json::json!({ "child_stack": stack, "flags": fj })),
    )
}

/// One of clone's pointers, labelled, when the flags make it meaningful.
pub(crate) fn clone_ptr(label: &str, v: u64, flags: u64, needs: u64) -> Out {
    if flags & needs != 0 {
        (format!("{label}={}", addr(v)), Some(Value::from(v)))
    } else {
        omitted(v)
    }
}

/// `clone_parent_tid`, `clone_child_tid`, `clone_tls` by kind.
pub(crate) fn clone_parent_tid(v: u64, flags: u64) -> Out {
    clone_ptr("parent_tid", v, flags, CLONE_PARENT_SETTID)
}

/// See [`clone_parent_tid`].
pub(crate) fn clone_child_tid(v: u64, flags: u64) -> Out {
    clone_ptr(
        "child_tidptr",
        v,
        flags,
        CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID,
    )
}

/// See [`clone_parent_tid`].
pub(crate) fn clone_tls(v: u64, flags: u64) -> Out {
    clone_ptr("tls", v, flags, CLONE_SETTLS)
}

const MREMAP_MAYMOVE: u64 = 1;
const MREMAP_FIXED: u64 = 2;

/// mremap's new address, printed only for a fixed move.
pub(crate) fn mremap_new_addr(v: u64, flags: u64) -> Out {
    let both = MREMAP_MAYMOVE | MREMAP_FIXED;
    if flags & both != both {
        return omitted(v);
    }
    (super::addr(v), Some(Value::from(v)))
}

const MEMBARRIER_CMD_FLAG_CPU: u64 = 1;

/// membarrier's cpu id (an `int`), printed only with
/// `MEMBARRIER_CMD_FLAG_CPU`.
pub(crate) fn membarrier_cpu(v: u64, flags: u64) -> Out {
    if flags as u32 as u64 & MEMBARRIER_CMD_FLAG_CPU == 0 {
        return omitted(v);
    }
    let n = as_int(v);
    (n.to_string(), Some(Value::from(n)))
}
