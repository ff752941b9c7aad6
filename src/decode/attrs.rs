//! The attribute structs of newer calls, read at entry as strace 6.1
//! prints them: perf_event_attr, io_uring_params, landlock's rule and
//! ruleset attrs, mount_attr, file_handle, io_cancel's iocb, io_submit's
//! iocb array, _sysctl's args and the thread-area/LDT `struct user_desc`. Each is read whole or not at all (strace's `umove`): a struct
//! that cannot be read prints as its address.

use super::strings::quote;
use super::time::{read_all, Fields, Word};
use super::{addr, as_int, files, flags, Ctx, HexMode, Out};
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Map, Value};

/// Builds `{a=1, b=2}` and its JSON object field by field.
struct Obj {
    text: String,
    json: Map<String, Value>,
}

impl Obj {
    fn new() -> Self {
        Self {
            text: "{".into(),
            json: Map::new(),
        }
    }
    fn field(&mut self, name: &str, t: impl AsRef<str>, j: Value) {
        if self.text.len() > 1 {
            self.text.push_str(", ");
        }
        self.text.push_str(name);
        self.text.push('=');
        self.text.push_str(t.as_ref());
        self.json.insert(name.into(), j);
    }
    /// A bare item (`...`, a byte comment) with no JSON of its own.
    fn raw(&mut self, t: &str) {
        if self.text.len() > 1 {
            self.text.push_str(", ");
        }
        self.text.push_str(t);
    }
    fn done(mut self) -> Out {
        self.text.push('}');
        (self.text, Some(Value::Object(self.json)))
    }
}

fn flags_field(o: &mut Obj, name: &str, t: &Xlat, v: u64) {
    o.field(name, t.format_flags(v), t.flags_json(v));
}

fn enum_field(o: &mut Obj, name: &str, t: &Xlat, v: u64) {
    o.field(name, t.format_enum(v), t.enum_json(v));
}

fn ptr_field(o: &mut Obj, name: &str, v: u64) {
    o.field(name, addr(v), Value::from(v));
}

/// strace's `PRINT_FIELD_FD` for a field holding an fd.
fn fd_field(ctx: &Ctx, o: &mut Obj, name: &str, v: u32) {
    let (t, j) = files::fd(ctx, v as u64);
    o.field(name, t, j.unwrap_or(Value::Null));
}

/// `struct __sysctl_args`: six fields, pointers as addresses.
pub(crate) fn sysctl_args(ctx: &Ctx, v: u64, w: Word) -> Out {
    let wb = w.bytes();
    // name, nlen (an int padded to a word), oldval, oldlenp, newval,
    // newlen, __unused[4].
    let Some(b) = read_all(ctx, v, 10 * wb).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    ptr_field(&mut o, "name", f.ulong(0, w));
    let nlen = f.i32(wb);
    o.field("nlen", nlen.to_string(), nlen.into());
    for (i, name) in ["oldval", "oldlenp", "newval"].iter().enumerate() {
        ptr_field(&mut o, name, f.ulong((2 + i) * wb, w));
    }
    let newlen = f.ulong(5 * wb, w);
    o.field("newlen", newlen.to_string(), newlen.into());
    o.done()
}

const IOCB_SIZE: usize = 64;
const IOCB_FLAG_IOPRIO: u32 = 2;

/// io_cancel's `struct iocb`: only the header strace prints for it
/// (data, key and rw flags when set, opcode, priority, fd).
pub(crate) fn iocb_header(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, IOCB_SIZE).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let mut o = Obj::new();
    iocb_header_fields(ctx, &mut o, &b);
    o.done()
}

const IOCB_CMD_PREAD: u64 = 0;
const IOCB_CMD_PWRITE: u64 = 1;
const IOCB_CMD_POLL: u64 = 5;
const IOCB_CMD_PREADV: u64 = 7;
const IOCB_CMD_PWRITEV: u64 = 8;
const IOCB_FLAG_RESFD: u32 = 1;

/// io_submit's `struct iocb`, as strace 6.1's print_iocb: the header,
/// then by opcode the buffer (pwrite's as a string, preadv/pwritev's as
/// an iovec array, poll's as events), length, offset, flags and resfd.
fn iocb_full(ctx: &Ctx, v: u64, w: Word) -> Out {
    let Some(b) = read_all(ctx, v, IOCB_SIZE).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    iocb_header_fields(ctx, &mut o, &b);
    let op = f.u16(16) as u64;
    let (buf, nbytes, offset) = (f.u64(24), f.u64(32), f.u64(40) as i64);
    // strace's iocb_is_valid: a length that is non-negative as a ssize_t.
    let valid = (nbytes as i64) >= 0;
    let common = match op {
        IOCB_CMD_PREAD | IOCB_CMD_PWRITE => {
            if op == IOCB_CMD_PWRITE && valid {
                let (t, j) = super::strings::buf(ctx, buf, nbytes);
                o.field("aio_buf", t, j.unwrap_or(Value::from(buf)));
            } else {
                o.field("aio_buf", hex(buf), buf.into());
            }
            o.field("aio_nbytes", nbytes.to_string(), nbytes.into());
            true
        }
        IOCB_CMD_PREADV | IOCB_CMD_PWRITEV => {
            if valid {
                let (t, j) = super::io::iovec(ctx, buf, nbytes, op == IOCB_CMD_PWRITEV, w);
                o.field("aio_buf", t, j.unwrap_or(Value::from(buf)));
            } else {
                o.field("aio_buf", hex(buf), buf.into());
                o.field("aio_nbytes", nbytes.to_string(), nbytes.into());
            }
            true
        }
        IOCB_CMD_POLL => {
            flags_field(&mut o, "aio_buf", &xlat::POLL_EVENTS, buf);
            false
        }
        _ => return o.done(),
    };
    if common {
        o.field("aio_offset", offset.to_string(), offset.into());
    }
    let (flags, resfd) = (f.u32(56), f.u32(60));
    if flags != 0 {
        flags_field(&mut o, "aio_flags", &xlat::AIO_IOCB_FLAGS, flags as u64);
    }
    if flags & IOCB_FLAG_RESFD != 0 {
        fd_field(ctx, &mut o, "aio_resfd", resfd);
    } else if resfd != 0 {
        o.field("aio_resfd", hex(resfd as u64), resfd.into());
    }
    o.done()
}

/// io_submit's array of `nr` (argument N) iocb pointers, each a word of
/// the tracee's (`w`): `[{...}, NULL, 0x8, ...]`, as strace's print_array
/// prints it; a negative count prints the address.
pub(crate) fn iocb_ptrs(ctx: &Ctx, v: u64, nr: u64, w: Word) -> Out {
    let nr = match w {
        Word::W64 => nr as i64,
        Word::W32 => nr as i32 as i64,
    };
    if nr < 0 {
        return (addr(v), None);
    }
    if v == 0 {
        return ("NULL".into(), None);
    }
    if nr == 0 {
        return ("[]".into(), Some(Value::Array(vec![])));
    }
    let size = w.bytes() as u64;
    let nr = nr as u64;
    if nr
        .checked_mul(size)
        .and_then(|n| v.checked_add(n))
        .is_none()
    {
        return (addr(v), None);
    }
    let limit = ctx.array_limit();
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    for i in 0..nr {
        if parts.len() >= limit {
            parts.push("...".to_string());
            break;
        }
        let at = v + i * size;
        let Some(p) = w.read(ctx.mem, at) else {
            if i == 0 {
                return (addr(v), None);
            }
            parts.push(format!("... /* {at:#x} */"));
            break;
        };
        let (t, j) = iocb_full(ctx, p, w);
        parts.push(t);
        values.push(j.unwrap_or(Value::from(p)));
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// Which part of a `struct user_desc` strace prints at entry.
#[derive(Clone, Copy)]
pub(crate) enum Desc {
    /// Every field; `lm` only for a 64-bit kernel long (not i386).
    Whole { lm: bool },
    /// get_thread_area's input: `{entry_number=N, ...}` (the rest is
    /// output, which strace prints as `...` when the call fails).
    Entry,
}

/// C's `%#08x` (strace's PRINT_FIELD_0X for a 32-bit field): no `0x`
/// for zero.
fn hex08(v: u32) -> String {
    if v == 0 {
        "00000000".into()
    } else {
        format!("{v:#08x}")
    }
}

/// `struct user_desc` (asm/ldt.h), as strace 6.1's print_user_desc.
pub(crate) fn user_desc(ctx: &Ctx, v: u64, part: Desc) -> Out {
    let size = match part {
        Desc::Whole { .. } => 16,
        Desc::Entry => 4,
    };
    let Some(b) = read_all(ctx, v, size).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    let (t, j) = super::process::id_text(f.u32(0) as u64, 4);
    o.field("entry_number", t, j);
    let lm = match part {
        Desc::Entry => {
            o.raw("...");
            return o.done();
        }
        Desc::Whole { lm } => lm,
    };
    let (base, limit, bits) = (f.u32(4), f.u32(8), f.u32(12));
    o.field("base_addr", hex08(base), base.into());
    o.field("limit", hex08(limit), limit.into());
    // The bit fields after limit, in declaration order, with their widths.
    let mut shift = 0;
    for (name, width) in [
        ("seg_32bit", 1),
        ("contents", 2),
        ("read_exec_only", 1),
        ("limit_in_pages", 1),
        ("seg_not_present", 1),
        ("useable", 1),
        ("lm", 1),
    ] {
        let n = (bits >> shift) & ((1 << width) - 1);
        shift += width;
        if name == "lm" && !lm {
            break;
        }
        o.field(name, n.to_string(), n.into());
    }
    o.done()
}

/// modify_ldt's pointer: a `struct user_desc` when the byte count is its
/// size (16), else the address.
pub(crate) fn user_desc_sized(ctx: &Ctx, v: u64, count: u64, lm: bool) -> Out {
    if count != 16 {
        return (addr(v), None);
    }
    user_desc(ctx, v, Desc::Whole { lm })
}

/// The header fields strace's print_iocb_header prints, into `o`.
fn iocb_header_fields(ctx: &Ctx, o: &mut Obj, b: &[u8]) {
    let f = Fields(b);
    let data = f.u64(0);
    o.field("aio_data", hex(data), data.into());
    let key = f.u32(8);
    if key != 0 {
        o.field("aio_key", key.to_string(), key.into());
    }
    let rw = f.u32(12) as u64;
    if rw != 0 {
        flags_field(o, "aio_rw_flags", &xlat::RWF_FLAGS, rw);
    }
    // strace names unknown opcodes in decimal.
    let op = f.u16(16) as u64;
    let op_text = xlat::styled_dec(op, xlat::AIO_CMDS.lookup(op), "IOCB_CMD_???");
    o.field("aio_lio_opcode", op_text, xlat::AIO_CMDS.enum_json(op));
    let prio = f.u16(18);
    if f.u32(56) & IOCB_FLAG_IOPRIO != 0 {
        // Here strace's -X number is in hex (`0x4004 /* IOPRIO_PRIO_VALUE(...) */`).
        let (t, j) = flags::ioprio_value_hex(prio as u64);
        o.field("aio_reqprio", t, j.unwrap_or(Value::Null));
    } else if prio != 0 {
        o.field(
            "aio_reqprio",
            (prio as i16).to_string(),
            (prio as i16).into(),
        );
    }
    fd_field(ctx, o, "aio_fildes", f.u32(20));
}

/// How much of `struct perf_event_attr` strace reads when it abbreviates
/// (`offsetof(wakeup_events)`), the first published size, and the size
/// strace 6.1 knows (up to `sig_data`).
const PERF_ABBREV: usize = 48;
const PERF_ATTR_SIZE_VER0: u32 = 64;
const PERF_ATTR_SIZE_MAX: u32 = 128;
const PERF_TYPE_BREAKPOINT: u32 = 5;
const PERF_SAMPLE_BRANCH_STACK: u64 = 1 << 11;
const PERF_SAMPLE_STACK_USER: u64 = 1 << 13;
const PERF_TYPE_HARDWARE: u32 = 0;
const PERF_TYPE_SOFTWARE: u32 = 1;
const PERF_TYPE_TRACEPOINT: u32 = 2;
const PERF_TYPE_HW_CACHE: u32 = 3;

/// The one-bit fields of perf_event_attr's flag word before `precise_ip`
/// (bits 0..14) and after it (bits 17..37), in strace's order.
const PERF_BITS_LOW: &[&str] = &[
    "disabled",
    "inherit",
    "pinned",
    "exclusive",
    "exclude_user",
    "exclude_kernel",
    "exclude_hv",
    "exclude_idle",
    "mmap",
    "comm",
    "freq",
    "inherit_stat",
    "enable_on_exec",
    "task",
    "watermark",
];
const PERF_BITS_HIGH: &[&str] = &[
    "mmap_data",
    "sample_id_all",
    "exclude_host",
    "exclude_guest",
    "exclude_callchain_kernel",
    "exclude_callchain_user",
    "mmap2",
    "comm_exec",
    "use_clockid",
    "context_switch",
    "write_backward",
    "namespaces",
    "ksymbol",
    "bpf_event",
    "aux_output",
    "cgroup",
    "text_poke",
    "build_id",
    "inherit_thread",
    "remove_on_exec",
    "sigtrap",
];
const PRECISE_IP: [&str; 4] = [
    "arbitrary skid",
    "constant skid",
    "requested to have 0 skid",
    "must have 0 skid",
];

/// `HIGH<<SHIFT|` for the bits of a perf config above a field, as strace
/// prints them.
fn shifted(v: u64, shift: u32) -> String {
    if v == 0 {
        String::new()
    } else {
        format!("{}<<{shift}|", hex(v))
    }
}

/// perf_event_open's `struct perf_event_attr`, as strace prints it:
/// without `-v` the fields up to the flag word (one-bit flags only when
/// set), then `...`; with `-v` every field its size reaches, flags at 0
/// included. Its size field decides whether, and how much, it is read.
pub(crate) fn perf_event_attr(ctx: &Ctx, v: u64) -> Out {
    let mut sz = [0u8; 4];
    // The tracee chooses `v`: one at the top of the address space must
    // print as itself, not wrap (or, with overflow checks, panic).
    let readable = v
        .checked_add(4)
        .is_some_and(|at| crate::memory::read_exact(ctx.mem, at, &mut sz));
    if v == 0 || !readable {
        return (addr(v), None);
    }
    let size = match u32::from_ne_bytes(sz).min(PERF_ATTR_SIZE_MAX) {
        0 => PERF_ATTR_SIZE_VER0,
        s => s,
    };
    if size < PERF_ATTR_SIZE_VER0 {
        return (addr(v), None);
    }
    let verbose = ctx.opts.verbose;
    let size = if verbose { size as usize } else { PERF_ABBREV };
    let Some(mut b) = read_all(ctx, v, size) else {
        return (addr(v), None);
    };
    // Fields past the size read are zero, as in strace's zeroed copy.
    b.resize(PERF_ATTR_SIZE_MAX as usize, 0);
    let f = Fields(&b);
    let mut o = Obj::new();
    let (typ, asize, config) = (f.u32(0), f.u32(4), f.u64(8));
    enum_field(&mut o, "type", &xlat::PERF_TYPE_ID, typ as u64);
    enum_field(&mut o, "size", &xlat::PERF_ATTR_SIZE, asize as u64);
    let config_text = match typ {
        PERF_TYPE_HARDWARE => format!(
            "{}{}",
            shifted(config >> 32, 32),
            xlat::PERF_HW_ID.format_enum(config & 0xffff_ffff)
        ),
        PERF_TYPE_SOFTWARE => xlat::PERF_SW_IDS.format_enum(config),
        PERF_TYPE_TRACEPOINT => config.to_string(),
        PERF_TYPE_HW_CACHE => format!(
            "{}{}{}<<16|{}<<8|{}",
            shifted(config >> 32, 32),
            shifted((config & 0xffff_ffff) >> 24, 24),
            xlat::PERF_HW_CACHE_OP_RESULT_ID.format_enum((config >> 16) & 0xff),
            xlat::PERF_HW_CACHE_OP_ID.format_enum((config >> 8) & 0xff),
            xlat::PERF_HW_CACHE_ID.format_enum(config & 0xff)
        ),
        _ => hex(config),
    };
    o.field("config", config_text, config.into());
    let bits = f.u64(40);
    let bit = |n: u32| (bits >> n) & 1;
    // `freq` (bit 10) says which member of the union is set.
    let period = f.u64(16);
    let pname = if bit(10) != 0 {
        "sample_freq"
    } else {
        "sample_period"
    };
    o.field(pname, period.to_string(), period.into());
    flags_field(
        &mut o,
        "sample_type",
        &xlat::PERF_EVENT_SAMPLE_FORMAT,
        f.u64(24),
    );
    flags_field(
        &mut o,
        "read_format",
        &xlat::PERF_EVENT_READ_FORMAT,
        f.u64(32),
    );
    let one_bits = |o: &mut Obj, names: &[&str], first: u32| {
        for (i, name) in names.iter().enumerate() {
            let b = bit(first + i as u32);
            if verbose || b != 0 {
                o.field(name, b.to_string(), b.into());
            }
        }
    };
    one_bits(&mut o, PERF_BITS_LOW, 0);
    let precise = (bits >> 15) & 3;
    o.field(
        "precise_ip",
        format!("{precise} /* {} */", PRECISE_IP[precise as usize]),
        precise.into(),
    );
    one_bits(&mut o, PERF_BITS_HIGH, 17);
    let reserved = bits >> 38;
    if reserved != 0 {
        o.field(
            "__reserved_1",
            format!("{} /* Bits 63..38 */", hex(reserved)),
            reserved.into(),
        );
    }
    if verbose {
        perf_attr_rest(&mut o, &f, typ, size, f.u64(24), bit(14) != 0, bit(25) != 0);
    }
    // Without -v strace reads no further, so there is always more; with
    // it, more when the caller's struct is larger than strace's.
    if !verbose || asize > PERF_ATTR_SIZE_MAX {
        o.raw("...");
    }
    o.done()
}

/// The fields after the flag word (`-v`), each only if `size` reaches it.
fn perf_attr_rest(
    o: &mut Obj,
    f: &Fields,
    typ: u32,
    size: usize,
    sample_type: u64,
    watermark: bool,
    use_clockid: bool,
) {
    let bp = typ == PERF_TYPE_BREAKPOINT;
    let u = |o: &mut Obj, name: &str, n: u64| o.field(name, n.to_string(), n.into());
    let x = |o: &mut Obj, name: &str, n: u64| o.field(name, hex(n), n.into());
    let wakeup = if watermark {
        "wakeup_watermark"
    } else {
        "wakeup_events"
    };
    u(o, wakeup, f.u32(48) as u64);
    if bp {
        let t = f.u32(52) as u64;
        let text = match xlat::HW_BREAKPOINT_TYPE.lookup(t) {
            Some(n) => n.to_string(),
            None if t <= 7 => format!("{} /* HW_BREAKPOINT_INVALID */", hex(t)),
            None => format!("{} /* HW_BREAKPOINT_??? */", hex(t)),
        };
        o.field("bp_type", text, xlat::HW_BREAKPOINT_TYPE.enum_json(t));
        x(o, "bp_addr", f.u64(56));
    } else {
        x(o, "config1", f.u64(56));
    }
    // Each later field is printed only when the caller's size reaches it.
    let reaches = |at: usize| at < size;
    if !reaches(64) {
        return;
    }
    if bp {
        u(o, "bp_len", f.u64(64));
    } else {
        x(o, "config2", f.u64(64));
    }
    if !reaches(72) {
        return;
    }
    if sample_type & PERF_SAMPLE_BRANCH_STACK != 0 {
        flags_field(
            o,
            "branch_sample_type",
            &xlat::PERF_BRANCH_SAMPLE_TYPE,
            f.u64(72),
        );
    }
    if !reaches(80) {
        return;
    }
    x(o, "sample_regs_user", f.u64(80));
    if !reaches(88) {
        return;
    }
    if sample_type & PERF_SAMPLE_STACK_USER != 0 {
        x(o, "sample_stack_user", f.u32(88) as u64);
    }
    if use_clockid {
        if !reaches(92) {
            return;
        }
        // An int, sign-extended as strace's printxval gets it.
        let c = f.i32(92) as i64 as u64;
        enum_field(o, "clockid", &xlat::CLOCK_IDS, c);
    }
    for (at, name, hexed) in [
        (96, "sample_regs_intr", true),
        (104, "aux_watermark", false),
    ] {
        if !reaches(at) {
            return;
        }
        let n = if hexed { f.u64(at) } else { f.u32(at) as u64 };
        if hexed {
            x(o, name, n);
        } else {
            u(o, name, n);
        }
    }
    if !reaches(108) {
        return;
    }
    u(o, "sample_max_stack", f.u16(108) as u64);
    if !reaches(110) {
        return;
    }
    let r2 = f.u16(110);
    if r2 != 0 {
        o.text
            .push_str(&format!(" /* bytes 110..111: {} */", hex(r2 as u64)));
    }
    if !reaches(112) {
        return;
    }
    u(o, "aux_sample_size", f.u32(112) as u64);
    if !reaches(116) {
        return;
    }
    let r3 = f.u32(116);
    if r3 != 0 {
        o.text
            .push_str(&format!(" /* bytes 116..119: {} */", hex(r3 as u64)));
    }
    if !reaches(120) {
        return;
    }
    x(o, "sig_data", f.u64(120));
}

const IORING_SETUP_ATTACH_WQ: u32 = 1 << 5;
const IO_URING_PARAMS_SIZE: usize = 120;

/// io_uring_setup's `struct io_uring_params`: its input fields (strace
/// adds the kernel's answers at exit, which notrace never sees).
pub(crate) fn io_uring_params(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, IO_URING_PARAMS_SIZE).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    let fl = f.u32(8);
    flags_field(&mut o, "flags", &xlat::URING_SETUP_FLAGS, fl as u64);
    let cpu = f.u32(12);
    o.field("sq_thread_cpu", hex(cpu as u64), cpu.into());
    let idle = f.u32(16);
    o.field("sq_thread_idle", idle.to_string(), idle.into());
    if fl & IORING_SETUP_ATTACH_WQ != 0 {
        fd_field(ctx, &mut o, "wq_fd", f.u32(24));
    }
    let resv: Vec<u32> = (0..3).map(|i| f.u32(28 + 4 * i)).collect();
    if resv.iter().any(|&r| r != 0) {
        let t: Vec<String> = resv.iter().map(|&r| hex(r as u64)).collect();
        o.field("resv", format!("[{}]", t.join(", ")), json!(resv));
    }
    o.done()
}

/// The `struct landlock_ruleset_attr` strace 6.1 knows: one u64.
const LANDLOCK_RULESET_ATTR_SIZE: u64 = 8;
const LANDLOCK_RULE_PATH_BENEATH: u32 = 1;

/// landlock_create_ruleset's attr of `size` bytes: `{handled_access_fs=...}`,
/// with `...` when the caller's struct is larger than strace's.
pub(crate) fn landlock_ruleset_attr(ctx: &Ctx, v: u64, size: u64) -> Out {
    if size < LANDLOCK_RULESET_ATTR_SIZE {
        return (addr(v), None);
    }
    let Some(b) = read_all(ctx, v, 8).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let mut o = Obj::new();
    let fs = Fields(&b).u64(0);
    flags_field(
        &mut o,
        "handled_access_fs",
        &xlat::LANDLOCK_RULESET_ACCESS_FS,
        fs,
    );
    if size > LANDLOCK_RULESET_ATTR_SIZE {
        o.raw("...");
    }
    o.done()
}

/// landlock_add_rule's attr, shaped by the rule type (argument `typ`):
/// the packed `struct landlock_path_beneath_attr`, else the address.
pub(crate) fn landlock_rule_attr(ctx: &Ctx, v: u64, typ: u64) -> Out {
    if typ as u32 != LANDLOCK_RULE_PATH_BENEATH {
        return (addr(v), None);
    }
    let Some(b) = read_all(ctx, v, 12).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    flags_field(
        &mut o,
        "allowed_access",
        &xlat::LANDLOCK_RULESET_ACCESS_FS,
        f.u64(0),
    );
    fd_field(ctx, &mut o, "parent_fd", f.u32(8));
    o.done()
}

const MOUNT_ATTR_SIZE_VER0: u64 = 32;
const MOUNT_ATTR_IDMAP: u64 = 0x0010_0000;
const PAGE: u64 = 4096;

/// mount_setattr's `struct mount_attr` of `size` bytes; bytes past the
/// struct, up to a page, are shown when any is not zero (strace's
/// `print_nonzero_bytes`).
pub(crate) fn mount_attr(ctx: &Ctx, v: u64, size: u64) -> Out {
    if size < MOUNT_ATTR_SIZE_VER0 {
        return (addr(v), None);
    }
    let Some(b) = read_all(ctx, v, 32).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    let (set, clr) = (f.u64(0), f.u64(8));
    flags_field(&mut o, "attr_set", &xlat::MOUNT_ATTR_FLAGS, set);
    flags_field(&mut o, "attr_clr", &xlat::MOUNT_ATTR_FLAGS, clr);
    enum_field(
        &mut o,
        "propagation",
        &xlat::MOUNT_ATTR_PROPAGATION,
        f.u64(16),
    );
    let userns = f.u64(24);
    if userns > i32::MAX as u64 || (set | clr) & MOUNT_ATTR_IDMAP == 0 {
        o.field("userns_fd", userns.to_string(), userns.into());
    } else {
        fd_field(ctx, &mut o, "userns_fd", userns as u32);
    }
    if size > MOUNT_ATTR_SIZE_VER0 {
        let end = size.min(PAGE);
        let len = (end - MOUNT_ATTR_SIZE_VER0) as usize;
        match read_all(ctx, v + MOUNT_ATTR_SIZE_VER0, len) {
            None => o.raw("???"),
            Some(rest) if rest.iter().all(|&c| c == 0) => {}
            Some(rest) => {
                let shown = len.min(ctx.opts.string_limit);
                let more = if shown < len { "..." } else { "" };
                o.raw(&format!(
                    "/* bytes {MOUNT_ATTR_SIZE_VER0}..{} */ {}{more}",
                    end - 1,
                    quote(&rest[..shown], HexMode::All, false)
                ));
            }
        }
    }
    o.done()
}

const MAX_HANDLE_SZ: u32 = 128;

/// open_by_handle_at's `struct file_handle`: its header and up to 128
/// bytes of handle, all in hex.
pub(crate) fn file_handle(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, 8).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut o = Obj::new();
    let (bytes, typ) = (f.u32(0), f.i32(4));
    o.field("handle_bytes", bytes.to_string(), bytes.into());
    o.field("handle_type", typ.to_string(), typ.into());
    let len = bytes.min(MAX_HANDLE_SZ) as usize;
    match read_all(ctx, v + 8, len) {
        Some(h) => {
            let more = if bytes > MAX_HANDLE_SZ { "..." } else { "" };
            let hexed: String = h.iter().map(|c| format!("{c:02x}")).collect();
            o.field(
                "f_handle",
                format!("{}{more}", quote(&h, HexMode::All, false)),
                Value::from(hexed),
            );
        }
        None => o.field("f_handle", "???", Value::Null),
    }
    o.done()
}

/// name_to_handle_at's `struct file_handle`: only `handle_bytes` is input
/// (strace adds the rest at exit).
pub(crate) fn file_handle_inout(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, 8).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let bytes = Fields(&b).u32(0);
    (
        format!("{{handle_bytes={bytes}}}"),
        Some(json!({ "handle_bytes": bytes })),
    )
}

/// A key serial number: `KEY_SPEC_*` for the special ones, else decimal.
pub(crate) fn key_serial(v: u64) -> Out {
    let id = as_int(v);
    match xlat::KEY_SPEC.lookup(id as u32 as u64) {
        Some(n) => (
            xlat::styled(|| id.to_string(), || n.to_string()),
            Some(Value::from(n)),
        ),
        None => (id.to_string(), Some(Value::from(id))),
    }
}
