//! The attribute structs of newer calls, read at entry as strace 6.1
//! prints them: perf_event_attr, io_uring_params, landlock's rule and
//! ruleset attrs, mount_attr, file_handle, io_cancel's iocb and _sysctl's
//! args. Each is read whole or not at all (strace's `umove`): a struct
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
    let f = Fields(&b);
    let mut o = Obj::new();
    let data = f.u64(0);
    o.field("aio_data", hex(data), data.into());
    let key = f.u32(8);
    if key != 0 {
        o.field("aio_key", key.to_string(), key.into());
    }
    let rw = f.u32(12) as u64;
    if rw != 0 {
        flags_field(&mut o, "aio_rw_flags", &xlat::RWF_FLAGS, rw);
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
    fd_field(ctx, &mut o, "aio_fildes", f.u32(20));
    o.done()
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
