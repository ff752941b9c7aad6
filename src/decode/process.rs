//! Process arguments: execve's argv/envp, clone flags, clone3's struct.

use super::time::Word;
use super::{addr, signals, strings, Ctx, Out};
use crate::memory::read_bytes;
use crate::xlat::{self, hex};
use serde_json::{json, Value};

/// Never walk more argv/envp pointers than this. The kernel's own limit
/// (MAX_ARG_STRINGS) is far higher, but a trace line never needs it.
const MAX_STRINGS: usize = 65536;

/// Reads a NULL-terminated pointer array. Returns the pointers and
/// whether the terminating NULL was reached (false: unreadable or capped).
fn pointers(ctx: &Ctx, v: u64, cap: usize, w: Word) -> (Vec<u64>, bool) {
    let mut out = Vec::new();
    while out.len() < cap {
        let Some(at) = v.checked_add(out.len() as u64 * w.bytes() as u64) else {
            return (out, false);
        };
        match w.read(ctx.mem, at) {
            Some(0) => return (out, true),
            Some(p) => out.push(p),
            None => return (out, false),
        }
    }
    (out, false)
}

/// execve's argv: `["ls", "-la"]`, `-s` elements at most unless `-v`;
/// `w` is the tracee's pointer size.
pub(crate) fn argv(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let (ptrs, complete) = pointers(ctx, v, MAX_STRINGS, w);
    if ptrs.is_empty() && !complete {
        return (addr(v), None);
    }
    string_array(ctx, v, &ptrs, complete, w)
}

fn string_array(ctx: &Ctx, v: u64, ptrs: &[u64], complete: bool, w: Word) -> Out {
    let limit = ctx.array_limit();
    let mut parts = Vec::new();
    let mut values = Vec::new();
    for (i, &p) in ptrs.iter().enumerate() {
        let (t, j) = strings::cstr(ctx, p);
        if i < limit {
            parts.push(t);
        } else if i == limit {
            parts.push("...".into());
        }
        values.push(j.unwrap_or(Value::Null));
    }
    if !complete && ptrs.len() <= limit {
        // The pointer slot that could not be read, as strace marks it.
        let at = v.wrapping_add((ptrs.len() * w.bytes()) as u64);
        parts.push(format!("... /* {at:#x} */"));
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// execve's envp: `0x7ffd... /* 12 vars */`, in full with `-v`. The JSON
/// value always has every string.
pub(crate) fn envp(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let (ptrs, complete) = pointers(ctx, v, MAX_STRINGS, w);
    if ptrs.is_empty() && !complete {
        return (addr(v), None);
    }
    let (full, value) = string_array(ctx, v, &ptrs, complete, w);
    if ctx.opts.verbose {
        return (full, value);
    }
    let n = ptrs.len();
    let text = format!(
        "{v:#x} /* {n} var{}{} */",
        if n == 1 { "" } else { "s" },
        if complete { "" } else { ", unterminated" }
    );
    (text, value)
}

/// clone flags: `CLONE_*` names, then the exit signal from the low byte.
pub(crate) fn clone_flags(v: u64) -> Out {
    let sig = (v & 0xff) as u32;
    let rest = v & !0xff;
    let mut parts = Vec::new();
    let mut list = Vec::new();
    if rest != 0 {
        parts.push(xlat::CLONE_FLAGS.format_flags(rest));
        if let Value::Array(a) = xlat::CLONE_FLAGS.flags_json(rest) {
            list.extend(a);
        }
    }
    if sig != 0 {
        let s = signals::signal_name(sig).unwrap_or_else(|| sig.to_string());
        list.push(Value::from(s));
        parts.push(signals::signal_styled(sig));
    }
    if parts.is_empty() {
        parts.push("0".into());
    }
    (parts.join("|"), Some(Value::Array(list)))
}

const CLONE_PIDFD: u64 = 0x1000;
const CLONE_SETTLS: u64 = 0x80000;
const CLONE_PARENT_SETTID: u64 = 0x100000;
const CLONE_CHILD_CLEARTID: u64 = 0x200000;
const CLONE_CHILD_SETTID: u64 = 0x1000000;
/// CLONE_ARGS_SIZE_VER0: the smallest struct the kernel accepts.
const CLONE_ARGS_VER0: u64 = 64;

/// clone3's `struct clone_args`, printing only the fields strace prints:
/// the pointers the flags make meaningful, set_tid and cgroup when set.
pub(crate) fn clone_args(ctx: &Ctx, v: u64, size: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    if size < CLONE_ARGS_VER0 {
        return (addr(v), None);
    }
    let b = read_bytes(ctx.mem, v, size.min(88), 88);
    if (b.len() as u64) < size.min(88) {
        return (addr(v), None);
    }
    let f = |i: usize| -> Option<u64> {
        b.get(i * 8..i * 8 + 8)
            .map(|s| u64::from_ne_bytes(s.try_into().unwrap()))
    };
    let flags = f(0).unwrap_or(0);
    let (ft, fj) = (
        xlat::CLONE_FLAGS.format_flags(flags),
        xlat::CLONE_FLAGS.flags_json(flags),
    );
    let mut text = format!("{{flags={ft}");
    let mut value = json!({ "flags": fj });
    let mut field = |name: &str, t: String, j: Value| {
        text.push_str(&format!(", {name}={t}"));
        value[name] = j;
    };
    let pick = |i| f(i).unwrap_or(0);
    if flags & CLONE_PIDFD != 0 {
        field("pidfd", addr(pick(1)), pick(1).into());
    }
    if flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID) != 0 {
        field("child_tid", addr(pick(2)), pick(2).into());
    }
    if flags & CLONE_PARENT_SETTID != 0 {
        field("parent_tid", addr(pick(3)), pick(3).into());
    }
    let sig = pick(4);
    let (st, sj) = signals::signal(sig);
    field("exit_signal", st, sj.unwrap_or(Value::Null));
    field("stack", addr(pick(5)), pick(5).into());
    field("stack_size", hex(pick(6)), pick(6).into());
    if flags & CLONE_SETTLS != 0 {
        field("tls", addr(pick(7)), pick(7).into());
    }
    if let (Some(st), Some(sz)) = (f(8), f(9)) {
        if st != 0 || sz != 0 {
            field("set_tid", addr(st), st.into());
            field("set_tid_size", sz.to_string(), sz.into());
        }
    }
    if let Some(cg) = f(10) {
        if cg != 0 {
            field("cgroup", cg.to_string(), cg.into());
        }
    }
    text.push('}');
    (text, Some(value))
}

/// strace's NGROUPS_MAX (`sysconf(_SC_NGROUPS_MAX)` on Linux): a longer
/// group list prints as its address.
const NGROUPS_MAX: u64 = 65536;

/// A uid or gid of `size` bytes (4, or 2 for i386's 16-bit calls):
/// all ones as `-1`, else unsigned.
pub(crate) fn id_text(v: u64, size: usize) -> (String, Value) {
    let all = if size == 2 { 0xffff } else { 0xffff_ffff };
    match v & all {
        n if n == all => ("-1".into(), Value::from(-1)),
        n => (n.to_string(), Value::from(n)),
    }
}

/// setgroups' list of `count` ids of `size` bytes, as strace's
/// `print_array`: `[0, 1, -1]`, `...` past `-s`, `... /* ADDR */` where
/// it stops being readable.
pub(crate) fn id_list(ctx: &Ctx, v: u64, count: u64, size: usize) -> Out {
    let count = count as u32 as u64;
    if count > NGROUPS_MAX {
        return (addr(v), None);
    }
    if v == 0 {
        return ("NULL".into(), None);
    }
    if count == 0 {
        return ("[]".into(), Some(json!([])));
    }
    let limit = ctx.array_limit() as u64;
    let mut parts = Vec::new();
    let mut ids = Vec::new();
    for i in 0..count {
        let at = v.wrapping_add(i * size as u64);
        let Some(b) = super::time::read_all(ctx, at, size) else {
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
        let f = super::time::Fields(&b);
        let n = if size == 2 {
            f.u16(0) as u64
        } else {
            f.u32(0) as u64
        };
        let (t, j) = id_text(n, size);
        parts.push(t);
        ids.push(j);
    }
    (format!("[{}]", parts.join(", ")), Some(Value::Array(ids)))
}
