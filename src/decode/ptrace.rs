//! ptrace(2)'s arguments as strace prints them at entry: the request by
//! name, then pid, addr and data shaped by the request (left out where
//! the kernel ignores them, a `struct user` offset for PEEKUSER/POKEUSER,
//! an `NT_*` type and the iovec behind GETREGSET/SETREGSET, `PTRACE_O_*`
//! options, a signal for the resuming requests, a sigmask, the
//! peeksiginfo and seccomp-metadata structs).
//!
//! What strace prints only at exit (the words PEEK* fetch, the registers
//! GETREGSET fills) stays an address here, which is strace's own text for
//! a call that failed.

use super::time::{read_all, Fields, Word};
use super::{addr, as_int, calls::omitted, signals, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::{json, Value};

/// The request in argument 0, by name (`None` for an unknown number).
fn request(ctx: &Ctx) -> Option<&'static str> {
    xlat::PTRACE_CMDS.lookup(ctx.arg(0))
}

/// ptrace's request: the whole register, as strace's `printxval64`.
pub(crate) fn ptrace_request(v: u64) -> Out {
    (
        xlat::PTRACE_CMDS.format_enum(v),
        Some(xlat::PTRACE_CMDS.enum_json(v)),
    )
}

fn address(v: u64) -> Out {
    (addr(v), Some(Value::from(v)))
}

fn unsigned(v: u64) -> Out {
    (v.to_string(), Some(Value::from(v)))
}

/// ptrace argument `pos` (1: pid, 2: addr, 3: data), shaped by the
/// request; `w` is the tracee's word (i386 tracees hand in 32-bit iovecs
/// and registers).
pub(crate) fn ptrace_arg(ctx: &Ctx, pos: usize, v: u64, w: Word) -> Out {
    let req = request(ctx).unwrap_or("");
    // The kernel ignores what strace leaves out.
    match (req, pos) {
        ("PTRACE_TRACEME", _) => return omitted(v),
        ("PTRACE_ATTACH" | "PTRACE_INTERRUPT" | "PTRACE_KILL" | "PTRACE_LISTEN", 2 | 3) => {
            return omitted(v)
        }
        // x86's GETREGS family reads or writes the registers at data,
        // and strace prints that address alone in addr's place.
        ("PTRACE_GETREGS" | "PTRACE_SETREGS" | "PTRACE_GETFPREGS" | "PTRACE_SETFPREGS", 2) => {
            return omitted(v)
        }
        _ => {}
    }
    match pos {
        1 => {
            let pid = as_int(v);
            (pid.to_string(), Some(Value::from(pid)))
        }
        2 => addr_arg(ctx, req, v),
        _ => data_arg(ctx, req, v, w),
    }
}

fn addr_arg(ctx: &Ctx, req: &str, v: u64) -> Out {
    match req {
        "PTRACE_PEEKUSER" | "PTRACE_POKEUSER" => user_offset(v),
        "PTRACE_GETREGSET" | "PTRACE_SETREGSET" => {
            // strace's printxval: an unsigned int.
            let nt = v as u32 as u64;
            (
                xlat::NT_DESCRIPTOR_TYPES.format_enum(nt),
                Some(xlat::NT_DESCRIPTOR_TYPES.enum_json(nt)),
            )
        }
        "PTRACE_GETSIGMASK"
        | "PTRACE_SETSIGMASK"
        | "PTRACE_SECCOMP_GET_FILTER"
        | "PTRACE_SECCOMP_GET_METADATA"
        | "PTRACE_GET_SYSCALL_INFO" => unsigned(v),
        "PTRACE_PEEKSIGINFO" => peeksiginfo_args(ctx, v),
        _ => address(v),
    }
}

fn data_arg(ctx: &Ctx, req: &str, v: u64, w: Word) -> Out {
    match req {
        "PTRACE_CONT"
        | "PTRACE_DETACH"
        | "PTRACE_SYSCALL"
        | "PTRACE_SINGLESTEP"
        | "PTRACE_SINGLEBLOCK"
        | "PTRACE_SYSEMU"
        | "PTRACE_SYSEMU_SINGLESTEP" => signals::signal(v),
        "PTRACE_SEIZE" | "PTRACE_SETOPTIONS" | "PTRACE_OLDSETOPTIONS" => (
            xlat::PTRACE_SETOPTIONS_FLAGS.format_flags(v),
            Some(xlat::PTRACE_SETOPTIONS_FLAGS.flags_json(v)),
        ),
        "PTRACE_SETSIGMASK" => signals::sigset_arg(ctx, v, ctx.arg(2)),
        "PTRACE_GETREGSET" => regset_iovec(ctx, v, w, false),
        "PTRACE_SETREGSET" => regset_iovec(ctx, v, w, true),
        "PTRACE_SECCOMP_GET_METADATA" => seccomp_metadata(ctx, v),
        _ => address(v),
    }
}

/// The last `struct user` offset at or below `v`, as strace names a
/// PEEKUSER/POKEUSER address: `8*ORIG_RAX`, `8*ORIG_RAX+4`,
/// `offsetof(struct user, u_debugreg)+8`; past the struct, the address.
fn user_offset(v: u64) -> Out {
    let table = xlat::PTRACE_USER_OFFSETS.entries;
    let last = table.last().map_or(0, |e| e.1);
    let base = table.iter().rev().find(|e| e.1 <= v);
    match base {
        Some(&(name, off)) if !(v > off && off == last) => {
            let text = if v == off {
                name.to_string()
            } else {
                format!("{name}+{}", v - off)
            };
            let value = Value::from(text.clone());
            (text, Some(value))
        }
        _ => address(v),
    }
}

/// PEEKSIGINFO's `struct ptrace_peeksiginfo_args` (the same on every ABI).
fn peeksiginfo_args(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, 16) else {
        return address(v);
    };
    let f = Fields(&b);
    let (off, flags, nr) = (f.u64(0), f.u32(8) as u64, f.u32(12));
    let t = &xlat::PTRACE_PEEKSIGINFO_FLAGS;
    (
        format!("{{off={off}, flags={}, nr={nr}}}", t.format_flags(flags)),
        Some(json!({ "off": off, "flags": t.flags_json(flags), "nr": nr })),
    )
}

/// SECCOMP_GET_METADATA's struct at entry: the filter index the caller
/// asks for (`flags` is the kernel's answer). `addr` holds its size.
fn seccomp_metadata(ctx: &Ctx, v: u64) -> Out {
    if ctx.arg(2) < 8 {
        return address(v);
    }
    let Some(b) = read_all(ctx, v, 8) else {
        return address(v);
    };
    let off = Fields(&b).u64(0);
    (
        format!("{{filter_off={off}}}"),
        Some(json!({ "filter_off": off })),
    )
}

/// x86_64 `struct user_regs_struct`, in order.
const REGS64: [&str; 27] = [
    "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi",
    "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs",
    "gs",
];
/// i386 `struct user_regs_struct`, in order.
const REGS32: [&str; 17] = [
    "ebx", "ecx", "edx", "esi", "edi", "ebp", "eax", "xds", "xes", "xfs", "xgs", "orig_eax", "eip",
    "xcs", "eflags", "esp", "xss",
];

/// GETREGSET/SETREGSET's iovec: `{iov_base=..., iov_len=N}`. The
/// registers SETREGSET hands in for NT_PRSTATUS are printed as strace
/// does (the fields the length covers, `...` past the struct); any other
/// base, and GETREGSET's (filled at exit), as an address.
fn regset_iovec(ctx: &Ctx, v: u64, w: Word, set: bool) -> Out {
    let n = w.bytes();
    let Some(b) = read_all(ctx, v, 2 * n) else {
        return address(v);
    };
    let f = Fields(&b);
    let (base, len) = (f.ulong(0, w), f.ulong(n, w));
    let nt = ctx.arg(2) as u32 as u64;
    let (bt, bj) = if set && xlat::NT_DESCRIPTOR_TYPES.lookup(nt) == Some("NT_PRSTATUS") {
        prstatus(ctx, base, len, w)
    } else {
        address(base)
    };
    (
        format!("{{iov_base={bt}, iov_len={len}}}"),
        Some(json!({ "iov_base": bj, "iov_len": len })),
    )
}

/// The general registers at `base`, `len` bytes of them.
fn prstatus(ctx: &Ctx, base: u64, len: u64, w: Word) -> Out {
    let n = w.bytes();
    let names: &[&str] = match w {
        Word::W64 => &REGS64,
        Word::W32 => &REGS32,
    };
    let size = names.len() * n;
    if len == 0 || !len.is_multiple_of(n as u64) {
        return address(base);
    }
    let fetch = (len as usize).min(size);
    let Some(b) = read_all(ctx, base, fetch) else {
        return address(base);
    };
    let f = Fields(&b);
    let mut parts = Vec::new();
    let mut obj = serde_json::Map::new();
    for (i, name) in names.iter().enumerate().take(fetch / n) {
        let r = f.ulong(i * n, w);
        parts.push(format!("{name}={}", hex(r)));
        obj.insert(name.to_string(), Value::from(r));
    }
    if len as usize > size {
        parts.push("...".into());
    }
    (
        format!("{{{}}}", parts.join(", ")),
        Some(Value::Object(obj)),
    )
}
