//! prctl(2)'s arguments 2..5 as strace 6.1 prints them at entry: which
//! are printed, and how, depends on the option in argument 1 (and for a
//! few options on arg2's sub-option). An option strace does not decode
//! prints all four in hex; one whose arguments are filled by the kernel
//! prints arg2's address; one that takes none prints nothing.

use super::time::{read_all, Fields, Word};
use super::{addr, as_int, calls::omitted, signals, strings, Ctx, Out};
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

/// How strace prints arg2..arg5 for one option.
#[derive(Clone, Copy)]
enum Shape {
    /// Nothing after the option.
    Bare,
    /// arg2 is filled by the kernel: its address, nothing after.
    Out2,
    /// All four in hex (strace's `print_prctl_args(tcp, 1)`).
    Hex,
    /// arg2 in unsigned decimal, nothing after.
    Num2,
    /// arg2 in unsigned decimal, the rest in hex.
    Num2Hex,
    /// arg2 in signed decimal, nothing after.
    Long2,
    /// arg2 named by a table (the whole register), nothing after.
    Xlat2(&'static Xlat),
    /// arg2 named by a table (its low 32 bits), nothing after.
    Xlat2Int(&'static Xlat),
    /// arg2 named by a table (its low 32 bits), the rest in hex.
    Xlat2IntHex(&'static Xlat),
    /// arg2 a signal, or a number above 128.
    Signal2,
    /// arg2 a comm name.
    Name2,
    /// arg2 a pid or `PR_SET_PTRACER_ANY`.
    Ptracer,
    /// arg2 an SVE or SME vector length with its flags.
    VectorLen(&'static Xlat),
    /// arg2 the tagged-address control word, the rest in hex.
    Tagged,
    /// Sub-operation, then a capability for those that take one.
    CapAmbient,
    /// Action, then a policy for PR_MCE_KILL_SET, the rest in hex.
    MceKill,
    /// Mode, then the filter for SECCOMP_MODE_FILTER.
    Seccomp,
    /// Sub-option, then address, size and name for PR_SET_VMA_ANON_NAME.
    Vma,
    /// Speculation control: the misfeature, then (when setting) its value.
    SpecGet,
    /// See [`Shape::SpecGet`].
    SpecSet,
    /// PAC keys to reset, the rest in hex.
    PacReset,
    /// PAC keys and the enabled ones, the rest in hex.
    PacSet,
    /// Syscall user dispatch: mode, offset, length, selector.
    UserDispatch,
    /// Core scheduling: command, pid, pid type, cookie pointer.
    SchedCore,
}

fn shape(option: &str) -> Shape {
    use Shape::*;
    match option {
        "PR_GET_KEEPCAPS"
        | "PR_GET_SECCOMP"
        | "PR_GET_TIMERSLACK"
        | "PR_GET_TIMING"
        | "PR_TASK_PERF_EVENTS_DISABLE"
        | "PR_TASK_PERF_EVENTS_ENABLE"
        | "PR_GET_DUMPABLE"
        | "PR_GET_SECUREBITS"
        | "PR_GET_FP_MODE"
        | "PR_SVE_GET_VL"
        | "PR_SME_GET_VL" => Bare,
        "PR_GET_CHILD_SUBREAPER"
        | "PR_GET_ENDIAN"
        | "PR_GET_FPEMU"
        | "PR_GET_FPEXC"
        | "PR_GET_NAME"
        | "PR_GET_PDEATHSIG"
        | "PR_GET_TID_ADDRESS"
        | "PR_GET_TSC"
        | "PR_GET_UNALIGN" => Out2,
        "PR_SET_CHILD_SUBREAPER"
        | "PR_SET_ENDIAN"
        | "PR_SET_FPEMU"
        | "PR_SET_FPEXC"
        | "PR_SET_KEEPCAPS"
        | "PR_SET_TIMING" => Num2,
        "PR_SET_NO_NEW_PRIVS" | "PR_SET_THP_DISABLE" | "PR_SET_IO_FLUSHER" => Num2Hex,
        "PR_SET_TIMERSLACK" => Long2,
        "PR_SET_DUMPABLE" => Xlat2(&xlat::SUID_DUMP_MODES),
        "PR_CAPBSET_READ" | "PR_CAPBSET_DROP" => Xlat2(&xlat::CAPABILITIES),
        "PR_SET_SECUREBITS" => Xlat2(&xlat::SECBITS),
        "PR_SET_FP_MODE" => Xlat2Int(&xlat::PR_FP_MODES),
        "PR_SET_TSC" => Xlat2Int(&xlat::PR_TSC),
        "PR_SET_UNALIGN" => Xlat2Int(&xlat::PR_UNALIGN_FLAGS),
        "PR_SET_MM" => Xlat2IntHex(&xlat::PR_SET_MM),
        "PR_SET_PDEATHSIG" => Signal2,
        "PR_SET_NAME" => Name2,
        "PR_SET_PTRACER" => Ptracer,
        "PR_SVE_SET_VL" => VectorLen(&xlat::PR_SVE_VL_FLAGS),
        "PR_SME_SET_VL" => VectorLen(&xlat::PR_SME_VL_FLAGS),
        "PR_SET_TAGGED_ADDR_CTRL" => Tagged,
        "PR_CAP_AMBIENT" => CapAmbient,
        "PR_MCE_KILL" => MceKill,
        "PR_SET_SECCOMP" => Seccomp,
        "PR_SET_VMA" => Vma,
        "PR_GET_SPECULATION_CTRL" => SpecGet,
        "PR_SET_SPECULATION_CTRL" => SpecSet,
        "PR_PAC_RESET_KEYS" => PacReset,
        "PR_PAC_SET_ENABLED_KEYS" => PacSet,
        "PR_SET_SYSCALL_USER_DISPATCH" => UserDispatch,
        "PR_SCHED_CORE" => SchedCore,
        // PR_GET_NO_NEW_PRIVS, PR_MCE_KILL_GET, PR_GET_TAGGED_ADDR_CTRL,
        // the PAC getter, MPX and anything unknown.
        _ => Hex,
    }
}

fn hexed(v: u64) -> Out {
    (hex(v), Some(Value::from(v)))
}

fn enum64(t: &Xlat, v: u64) -> Out {
    (t.format_enum(v), Some(t.enum_json(v)))
}

fn flags(t: &Xlat, v: u64) -> Out {
    (t.format(v), Some(t.json(v)))
}

const SECCOMP_MODE_STRICT: u64 = 1;
const SECCOMP_MODE_FILTER: u64 = 2;
const MCE_KILL_SET: u64 = 1;
/// PR_SVE_VL_LEN_MASK and PR_SME_VL_LEN_MASK.
const VL_LEN_MASK: u64 = 0xffff;
const TAGGED_ADDR_ENABLE: u64 = 1;
const MTE_TCF_MASK: u64 = 6;
const MTE_TAG_SHIFT: u32 = 3;
const MTE_TAG_MASK: u64 = 0xffff << MTE_TAG_SHIFT;
/// TASK_COMM_LEN less its NUL: the most of a comm name strace prints.
const COMM_MAX: usize = 15;

/// prctl argument at index `pos` (1..4: arg2..arg5), shaped by the
/// option in argument 0; `w` is the tracee's word (for the seccomp
/// filter's `struct sock_fprog`).
pub(crate) fn prctl_arg(ctx: &Ctx, pos: usize, v: u64, w: Word) -> Out {
    use Shape::*;
    // Number it as prctl(2) does: option is arg1.
    let pos = pos + 1;
    let option = xlat::PRCTL_OPTIONS
        .lookup(ctx.arg(0) as u32 as u64)
        .unwrap_or("");
    let arg2 = ctx.arg(1);
    match (shape(option), pos) {
        (Bare, _) => omitted(v),
        (Out2, 2) => (addr(v), Some(Value::from(v))),
        (Num2 | Num2Hex, 2) => (v.to_string(), Some(Value::from(v))),
        (Long2, 2) => ((v as i64).to_string(), Some(Value::from(v as i64))),
        (Xlat2(t), 2) => flags(t, v),
        (Xlat2Int(t) | Xlat2IntHex(t), 2) => flags(t, v as u32 as u64),
        (Signal2, 2) if v <= 128 => signals::signal(v),
        (Signal2, 2) => (v.to_string(), Some(Value::from(v))),
        (Name2, 2) => strings::cstr_limited(ctx, v, COMM_MAX.min(ctx.opts.string_limit)),
        (Ptracer, 2) if as_int(v) == -1 => ("PR_SET_PTRACER_ANY".into(), Some(Value::from(-1))),
        (Ptracer, 2) => (as_int(v).to_string(), Some(Value::from(as_int(v)))),
        (VectorLen(t), 2) => vector_len(t, v),
        (Tagged, 2) => tagged_addr(v),
        (CapAmbient, 2) => enum64(&xlat::PR_CAP_AMBIENT, v),
        (CapAmbient, 3) if ambient_takes_cap(arg2) => enum64(&xlat::CAPABILITIES, v),
        (MceKill, 2) => enum64(&xlat::PR_MCE_KILL, v),
        (MceKill, 3) if arg2 == MCE_KILL_SET => enum64(&xlat::PR_MCE_KILL_POLICY, v),
        (Seccomp, 2) => enum64(&xlat::SECCOMP_MODES, v),
        (Seccomp, _) if arg2 == SECCOMP_MODE_STRICT => omitted(v),
        (Seccomp, 3) if arg2 == SECCOMP_MODE_FILTER => sock_fprog(ctx, v, w),
        (Seccomp, _) if arg2 == SECCOMP_MODE_FILTER => omitted(v),
        (Vma, 2) => enum64(&xlat::PR_SET_VMA, v),
        (Vma, 3) if arg2 == 0 => (addr(v), Some(Value::from(v))),
        (Vma, 4) if arg2 == 0 => (v.to_string(), Some(Value::from(v))),
        (Vma, 5) if arg2 == 0 => strings::cstr(ctx, v),
        (SpecGet | SpecSet, 2) => enum64(&xlat::PR_SPEC_CMDS, v),
        (SpecSet, 3) if xlat::PR_SPEC_CMDS.lookup(arg2).is_some() => {
            enum64(&xlat::PR_SPEC_SET_FLAGS, v)
        }
        (SpecSet, 3) => hexed(v),
        (SpecGet | SpecSet, _) => omitted(v),
        (PacReset, 2) => flags(&xlat::PR_PAC_KEYS, v),
        (PacSet, 2 | 3) => flags(&xlat::PR_PAC_ENABLED_KEYS, v),
        (UserDispatch, 2) => enum64(&xlat::PR_SUD_CMDS, v),
        (UserDispatch, 5) => (addr(v), Some(Value::from(v))),
        (SchedCore, 2) => enum64(&xlat::PR_SCHED_CORE_CMDS, v as u32 as u64),
        (SchedCore, 3) => (as_int(v).to_string(), Some(Value::from(as_int(v)))),
        (SchedCore, 4) => pid_type(v as u32 as u64),
        (SchedCore, 5) => (addr(v), Some(Value::from(v))),
        // The options whose later arguments strace prints in hex.
        (
            Hex | Num2Hex | Xlat2IntHex(_) | Tagged | CapAmbient | MceKill | Seccomp | Vma
            | PacReset | PacSet | UserDispatch,
            _,
        ) => hexed(v),
        _ => omitted(v),
    }
}

/// Whether a PR_CAP_AMBIENT sub-operation takes a capability (all but
/// PR_CAP_AMBIENT_CLEAR_ALL).
fn ambient_takes_cap(op: u64) -> bool {
    matches!(
        xlat::PR_CAP_AMBIENT.lookup(op),
        Some("PR_CAP_AMBIENT_IS_SET" | "PR_CAP_AMBIENT_RAISE" | "PR_CAP_AMBIENT_LOWER")
    )
}

/// An SVE/SME vector length: `PR_SVE_VL_INHERIT|0x20`.
fn vector_len(t: &Xlat, v: u64) -> Out {
    let (len, fl) = (v & VL_LEN_MASK, v & !VL_LEN_MASK);
    let text = if fl == 0 {
        hex(len)
    } else {
        format!("{}|{}", t.format_flags(fl), hex(len))
    };
    (text, Some(json!({ "flags": t.flags_json(fl), "len": len })))
}

/// PR_SET_TAGGED_ADDR_CTRL's word:
/// `PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0x5<<PR_MTE_TAG_SHIFT`.
fn tagged_addr(v: u64) -> Out {
    let enable = xlat::PR_TAGGED_ADDR_ENABLE.format_flags(v & TAGGED_ADDR_ENABLE);
    let tcf = xlat::PR_MTE_TCF.format_enum(v & MTE_TCF_MASK);
    let tag = (v & MTE_TAG_MASK) >> MTE_TAG_SHIFT;
    let rest = v & !(TAGGED_ADDR_ENABLE | MTE_TCF_MASK | MTE_TAG_MASK);
    let mut text = format!("{enable}|{tcf}");
    if tag != 0 {
        text.push_str(&format!("|{}<<PR_MTE_TAG_SHIFT", hex(tag)));
    }
    if rest != 0 {
        text.push_str(&format!("|{}", hex(rest)));
    }
    (text, Some(Value::from(v)))
}

/// PR_SCHED_CORE's pid type, which strace prints as a number with its
/// name in a comment: `0x1 /* PIDTYPE_TGID */`.
fn pid_type(v: u64) -> Out {
    let t = &xlat::PR_SCHED_CORE_PIDTYPES;
    let name = t.lookup(v).unwrap_or("PIDTYPE_???");
    (format!("{} /* {name} */", hex(v)), Some(t.enum_json(v)))
}

/// A `struct sock_fprog` (`len` u16, then the filter pointer at the next
/// word): `{len=2, filter=0x7ffd...}`, as strace prints it without `-v`
/// decoding of the instructions.
fn sock_fprog(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), Some(Value::from(v)));
    }
    let n = w.bytes();
    let Some(b) = read_all(ctx, v, 2 * n) else {
        return (addr(v), Some(Value::from(v)));
    };
    let f = Fields(&b);
    let (len, filter) = (f.u16(0), f.ulong(n, w));
    (
        format!("{{len={len}, filter={}}}", addr(filter)),
        Some(json!({ "len": len, "filter": filter })),
    )
}
