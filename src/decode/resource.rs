//! Process resources and attributes read at entry: sigaltstack's stack,
//! rlimits, mq_open's attributes, scheduling parameters and cpu sets,
//! capability headers and sets, and seccomp's arguments.

use super::time::{read_all, Fields, Word};
use super::{addr, files, Ctx, Out};
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

/// sigaltstack's `stack_t`: `{ss_sp=0x1000, ss_flags=SS_ONSTACK,
/// ss_size=4096}` (pointer, int, size_t; width `w`).
pub(crate) fn stack(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let wb = w.bytes();
    // The int is padded to a long on 64-bit ABIs.
    let Some(b) = read_all(ctx, v, 3 * wb) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let (sp, flags, size) = (f.ulong(0, w), f.u32(wb) as u64, f.ulong(2 * wb, w));
    let t = &xlat::SIGALTSTACK_FLAGS;
    (
        format!(
            "{{ss_sp={}, ss_flags={}, ss_size={size}}}",
            addr(sp),
            t.format_flags(flags)
        ),
        Some(json!({ "sp": sp, "flags": t.flags_json(flags), "size": size })),
    )
}

/// One limit as strace prints it: `RLIM64_INFINITY` (`RLIM_INFINITY` for
/// 32-bit limits), `8192*1024` for multiples of 1024 above 1024, else
/// decimal.
fn rlim(v: u64, w: Word) -> (String, Value) {
    let (inf, name) = match w {
        Word::W64 => (u64::MAX, "RLIM64_INFINITY"),
        Word::W32 => (u32::MAX as u64, "RLIM_INFINITY"),
    };
    // -X: the decimal number, or it and the text in a comment.
    if v == inf {
        (
            crate::xlat::styled(|| v.to_string(), || name.to_string()),
            Value::from(name),
        )
    } else if v > 1024 && v.is_multiple_of(1024) {
        (
            crate::xlat::styled(|| v.to_string(), || format!("{}*1024", v / 1024)),
            Value::from(v),
        )
    } else {
        (v.to_string(), Value::from(v))
    }
}

/// `struct rlimit` with limits of width `w`: `{rlim_cur=1024,
/// rlim_max=4*1024}`.
pub(crate) fn rlimit(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(b) = read_all(ctx, v, 2 * w.bytes()) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let (cur, cur_j) = rlim(f.ulong(0, w), w);
    let (max, max_j) = rlim(f.ulong(w.bytes(), w), w);
    (
        format!("{{rlim_cur={cur}, rlim_max={max}}}"),
        Some(json!({ "cur": cur_j, "max": max_j })),
    )
}

const O_CREAT: u64 = 0o100;

/// mq_open's mode: only with `O_CREAT` in `flags`, as strace prints it.
pub(crate) fn mq_mode(v: u64, flags: u64) -> Out {
    if flags & O_CREAT == 0 {
        return (String::new(), Some(Value::from(v)));
    }
    files::mode(v as u32 as u64)
}

/// mq_open's `struct mq_attr` (four longs and four reserved ones, width
/// `w`), only with `O_CREAT` in `flags`: `{mq_flags=0x800, mq_maxmsg=10,
/// mq_msgsize=8192, mq_curmsgs=0}`. strace 6.1 prints mq_flags in hex.
pub(crate) fn mq_attr(ctx: &Ctx, v: u64, flags: u64, w: Word) -> Out {
    if flags & O_CREAT == 0 {
        return (String::new(), Some(Value::from(v)));
    }
    mq_attr_struct(ctx, v, w, false)
}

/// mq_getsetattr's new `struct mq_attr`, `mq_flags` named
/// (`O_NONBLOCK`), as strace prints it there.
pub(crate) fn mq_attr_in(ctx: &Ctx, v: u64, w: Word) -> Out {
    mq_attr_struct(ctx, v, w, true)
}

fn mq_attr_struct(ctx: &Ctx, v: u64, w: Word, named: bool) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let wb = w.bytes();
    let Some(b) = read_all(ctx, v, 8 * wb) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let l = |i: usize| f.long(i * wb, w);
    let mq_flags = f.ulong(0, w);
    let (flags_t, flags_j) = if named {
        let t = &xlat::MQ_ATTR_FLAGS;
        (t.format_flags(mq_flags), t.flags_json(mq_flags))
    } else {
        (hex(mq_flags), Value::from(mq_flags))
    };
    (
        format!(
            "{{mq_flags={}, mq_maxmsg={}, mq_msgsize={}, mq_curmsgs={}}}",
            flags_t,
            l(1),
            l(2),
            l(3)
        ),
        Some(json!({ "flags": flags_j, "maxmsg": l(1), "msgsize": l(2), "curmsgs": l(3) })),
    )
}

/// `struct sched_param`: `[5]`.
pub(crate) fn sched_param(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(b) = read_all(ctx, v, 4) else {
        return (addr(v), None);
    };
    let p = Fields(&b).i32(0);
    (format!("[{p}]"), Some(json!({ "priority": p })))
}

/// SCHED_ATTR_SIZE_VER0 and VER1: the fields strace knows.
const SCHED_ATTR_VER0: usize = 48;
const SCHED_ATTR_VER1: usize = 56;
const SCHED_FLAG_KEEP_POLICY: u64 = 0x08;
const SCHED_FLAG_KEEP_PARAMS: u64 = 0x10;

/// sched_setattr's `struct sched_attr`, as far as its `size` (0 meaning
/// the first version) reaches: fields the `KEEP_*` flags make the kernel
/// ignore are left out, and `...` marks a struct larger than strace knows.
pub(crate) fn sched_attr(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    // One read for the size and the fields; what it must have reached
    // is checked after.
    let mut b = [0u8; SCHED_ATTR_VER1];
    let got = ctx.mem.read(v, &mut b);
    if got < 4 {
        return (addr(v), None);
    }
    let f = Fields(&b);
    let usize_ = f.u32(0) as usize;
    let want = if usize_ == 0 { SCHED_ATTR_VER0 } else { usize_ };
    let size = want.min(SCHED_ATTR_VER1);
    let mut text = format!("{{size={usize_}");
    let mut value = json!({ "size": usize_ });
    if size >= SCHED_ATTR_VER0 {
        if got < size {
            return (addr(v), None);
        }
        let flags = f.u64(8);
        let mut field = |name: &str, t: String, j: Value| {
            text.push_str(&format!(", sched_{name}={t}"));
            value[name] = j;
        };
        // strace hides the policy the kernel keeps, unless it is one
        // no kernel would take (negative).
        let p = f.u32(4) as u64;
        if (p as i32) < 0 || flags & (SCHED_FLAG_KEEP_POLICY | SCHED_FLAG_KEEP_PARAMS) == 0 {
            let t = &xlat::SCHED_POLICIES;
            field("policy", t.format_enum(p), t.enum_json(p));
        }
        let t = &xlat::SCHED_ATTR_FLAGS;
        field("flags", t.format_flags(flags), t.flags_json(flags));
        if flags & SCHED_FLAG_KEEP_PARAMS == 0 {
            let nice = f.i32(16);
            field("nice", nice.to_string(), nice.into());
            let prio = f.u32(20);
            field("priority", prio.to_string(), prio.into());
            for (name, at) in [("runtime", 24), ("deadline", 32), ("period", 40)] {
                let n = f.u64(at);
                field(name, n.to_string(), n.into());
            }
        }
        if size >= SCHED_ATTR_VER1 {
            for (name, at) in [("util_min", 48), ("util_max", 52)] {
                let n = f.u32(at);
                field(name, n.to_string(), n.into());
            }
        }
    }
    if want > size {
        text.push_str(", ...");
    }
    text.push('}');
    (text, Some(value))
}

/// The most of a cpu set strace reads: its `get_cpuset_size()`, the
/// smallest buffer sched_getaffinity accepts, which is 128 bytes unless
/// the kernel was built for more than 1024 CPUs.
const CPUSET_MAX: usize = 128;

/// sched_setaffinity's mask of `len` bytes (an unsigned int): the CPUs
/// set, `[0 2]`, and `...` when strace reads less than `len`.
pub(crate) fn cpu_set(ctx: &Ctx, v: u64, len: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let len = len as u32 as usize;
    let take = len.min(CPUSET_MAX);
    let Some(b) = read_all(ctx, v, take) else {
        return (addr(v), None);
    };
    let cpus: Vec<usize> = (0..take * 8)
        .filter(|&i| b[i / 8] >> (i % 8) & 1 == 1)
        .collect();
    let mut parts: Vec<String> = cpus.iter().map(usize::to_string).collect();
    if take.div_ceil(8) * 8 < len {
        parts.push("...".into());
    }
    (format!("[{}]", parts.join(" ")), Some(json!(cpus)))
}

/// `struct __user_cap_header_struct`: version (u32) and pid (int).
fn cap_header_at(ctx: &Ctx, v: u64) -> Option<(u32, i32)> {
    if v == 0 {
        return None;
    }
    let b = read_all(ctx, v, 8)?;
    let f = Fields(&b);
    Some((f.u32(0), f.i32(4)))
}

/// capget/capset's header: `{version=_LINUX_CAPABILITY_VERSION_3, pid=0}`.
pub(crate) fn cap_header(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some((version, pid)) = cap_header_at(ctx, v) else {
        return (addr(v), None);
    };
    let t = &xlat::CAP_VERSIONS;
    (
        format!("{{version={}, pid={pid}}}", t.format_enum(version as u64)),
        Some(json!({ "version": t.enum_json(version as u64), "pid": pid })),
    )
}

const CAP_V2: u32 = 0x2007_1026;
const CAP_V3: u32 = 0x2008_0522;

/// 32 capability bits starting at capability `base`, as strace's
/// `cap_mask0`/`cap_mask1` tables print them: `1<<CAP_KILL|...`, the bits
/// with no name as `0x..` (`0x.. /* CAP_??? */` when none had one).
fn cap_word(bits: u32, base: u64) -> (String, Vec<Value>) {
    let t: &Xlat = &xlat::CAPABILITIES;
    let (mut names, mut json_names, mut left) = (Vec::new(), Vec::new(), 0u64);
    for i in 0..32u64 {
        if bits >> i & 1 == 0 {
            continue;
        }
        match t.lookup(base + i) {
            Some(n) => {
                names.push(format!("1<<{n}"));
                json_names.push(Value::from(n));
            }
            None => left |= 1 << i,
        }
    }
    let mut s = names.join("|");
    if left != 0 {
        // JSON names bits by their place in the whole 64-bit set.
        json_names.push(Value::from(hex(left << base)));
        if s.is_empty() {
            s = format!("{} /* CAP_??? */", hex(left));
        } else {
            s.push_str(&format!("|{}", hex(left)));
        }
    } else if s.is_empty() {
        s.push('0');
    }
    // -X, as for any flags: the number, or it and the names in a comment.
    let s = match xlat::style() {
        crate::compat::ConstStyle::Abbrev => s,
        crate::compat::ConstStyle::Raw => hex(bits as u64),
        crate::compat::ConstStyle::Verbose if names.is_empty() => s,
        crate::compat::ConstStyle::Verbose => format!("{} /* {s} */", hex(bits as u64)),
    };
    (s, json_names)
}

/// A 64-bit capability set from its two 32-bit halves, as strace's
/// `print_cap_bits`: the low half unless only the high one has bits.
fn cap_bits(lo: u32, hi: u32) -> (String, Value) {
    let mut parts = Vec::new();
    let mut list = Vec::new();
    if lo != 0 || hi == 0 {
        let (t, j) = cap_word(lo, 0);
        parts.push(t);
        list.extend(j);
    }
    if hi != 0 {
        let (t, j) = cap_word(hi, 32);
        parts.push(t);
        list.extend(j);
    }
    (parts.join("|"), Value::Array(list))
}

/// capset's data: one `struct __user_cap_data_struct` (version 1 and
/// unknown versions) or two (versions 2 and 3), the version read from the
/// header (argument `hdr`); the address when the header cannot be read.
pub(crate) fn cap_data(ctx: &Ctx, v: u64, hdr: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some((version, _)) = cap_header_at(ctx, hdr) else {
        return (addr(v), None);
    };
    let n = if version == CAP_V2 || version == CAP_V3 {
        2
    } else {
        1
    };
    let Some(b) = read_all(ctx, v, 12 * n) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut text = String::from("{");
    let mut value = json!({});
    for (i, name) in ["effective", "permitted", "inheritable"].iter().enumerate() {
        let lo = f.u32(4 * i);
        let hi = if n == 2 { f.u32(12 + 4 * i) } else { 0 };
        let (t, j) = cap_bits(lo, hi);
        if i > 0 {
            text.push_str(", ");
        }
        text.push_str(&format!("{name}={t}"));
        value[*name] = j;
    }
    text.push('}');
    (text, Some(value))
}

const SECCOMP_SET_MODE_FILTER: u32 = 1;
const SECCOMP_GET_ACTION_AVAIL: u32 = 2;

/// seccomp's flags: named for `SECCOMP_SET_MODE_FILTER` (operation `op`),
/// in hex otherwise, as strace prints them.
pub(crate) fn seccomp_flags(v: u64, op: u64) -> Out {
    let v = v as u32 as u64;
    if op as u32 == SECCOMP_SET_MODE_FILTER {
        let t = &xlat::SECCOMP_FILTER_FLAGS;
        (t.format_flags(v), Some(t.flags_json(v)))
    } else {
        (hex(v), Some(Value::from(v)))
    }
}

/// seccomp's third argument by operation `op`: the filter program as
/// `{len=1, filter=0x...}` (strace prints the instructions only with
/// `-v`), the action asked about as `[SECCOMP_RET_LOG]`, else (strict
/// mode, the sizes the kernel fills, unknown operations) the address.
pub(crate) fn seccomp_args(ctx: &Ctx, v: u64, op: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    match op as u32 {
        SECCOMP_SET_MODE_FILTER => {
            // struct sock_fprog: unsigned short len, then the pointer at
            // its natural alignment.
            let wb = w.bytes();
            let Some(b) = read_all(ctx, v, 2 * wb) else {
                return (addr(v), None);
            };
            let f = Fields(&b);
            let (len, filter) = (f.u16(0), f.ulong(wb, w));
            (
                format!("{{len={len}, filter={}}}", addr(filter)),
                Some(json!({ "len": len, "filter": filter })),
            )
        }
        SECCOMP_GET_ACTION_AVAIL => {
            let Some(b) = read_all(ctx, v, 4) else {
                return (addr(v), None);
            };
            let a = Fields(&b).u32(0) as u64;
            let t = &xlat::SECCOMP_RET_ACTIONS;
            (
                format!("[{}]", t.format_enum(a)),
                Some(json!([t.enum_json(a)])),
            )
        }
        _ => (addr(v), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{DecodeOptions, NoHost};
    use crate::memory::FakeMemory;

    #[test]
    fn sched_attr_reads_only_as_far_as_its_size() {
        let mut attr = vec![0u8; 48];
        attr[..4].copy_from_slice(&48u32.to_ne_bytes());
        attr[4..8].copy_from_slice(&1u32.to_ne_bytes());
        let mut tiny = vec![0u8; 4];
        tiny[..4].copy_from_slice(&56u32.to_ne_bytes());
        let mem = FakeMemory::new().with(0x1000, attr).with(0x2000, tiny);
        let (raw, opts) = ([0; 6], DecodeOptions::default());
        let c = Ctx {
            raw: &raw,
            pid: 1,
            mem: &mem,
            opts: &opts,
            host: &NoHost,
        };
        assert_eq!(
            sched_attr(&c, 0x1000).0,
            "{size=48, sched_policy=SCHED_FIFO, sched_flags=0, sched_nice=0, \
             sched_priority=0, sched_runtime=0, sched_deadline=0, sched_period=0}"
        );
        assert_eq!(sched_attr(&c, 0x2000).0, "0x2000");
        assert_eq!(sched_attr(&c, 0x3000).0, "0x3000");
    }

    #[test]
    fn cap_bits_split_at_32_as_strace_does() {
        assert_eq!(cap_bits(0, 0).0, "0");
        assert_eq!(cap_bits(0, 1 << 31).0, "0x80000000 /* CAP_??? */");
        assert_eq!(
            cap_bits(1, 1 | 1 << 31).0,
            "1<<CAP_CHOWN|1<<CAP_MAC_OVERRIDE|0x80000000"
        );
    }
}
