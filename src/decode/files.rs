//! File descriptors, modes and the file-family structs (open_how, the
//! fcntl argument).

use super::{addr, as_int, flags, oct, signals, strings, Ctx, Out};
use crate::memory::read_exact;
use crate::xlat::{self, hex};
use serde_json::{json, Value};

const AT_FDCWD: i32 = -100;
const S_IFMT: u64 = 0o170000;

/// An fd: decimal, with `-y` followed by `<path>`.
pub(crate) fn fd(ctx: &Ctx, v: u64) -> Out {
    let n = as_int(v);
    if ctx.opts.fd_paths && n >= 0 {
        if let Some(p) = ctx.host.fd_path(ctx.pid, n) {
            if ctx.opts.sockets {
                let inode = p
                    .strip_prefix(b"socket:[")
                    .and_then(|r| r.strip_suffix(b"]"))
                    .and_then(|i| std::str::from_utf8(i).ok());
                if let Some(ep) = inode.and_then(|i| ctx.host.socket_endpoint(ctx.pid, i)) {
                    return (
                        format!("{n}<{ep}>"),
                        Some(json!({ "fd": n, "path": super::bytes_json(&p), "endpoint": ep })),
                    );
                }
            }
            let text = format!("{n}<{}>", fd_path_text(&p));
            return (
                text,
                Some(json!({ "fd": n, "path": super::bytes_json(&p) })),
            );
        }
    }
    (n.to_string(), Some(Value::from(n)))
}

/// strace prints the link target raw except for bytes that would break
/// the `<...>` framing or the line; those it escapes as `\x..`.
pub fn fd_path_text(p: &[u8]) -> String {
    let mut s = String::new();
    for &c in p {
        if c.is_ascii_graphic() && c != b'<' && c != b'>' && c != b'\\' || c == b' ' {
            s.push(c as char);
        } else {
            s.push_str(&format!("\\x{c:02x}"));
        }
    }
    s
}

/// A dirfd: `AT_FDCWD` or an fd.
pub(crate) fn dirfd(ctx: &Ctx, v: u64) -> Out {
    if as_int(v) == AT_FDCWD {
        if ctx.opts.fd_paths {
            if let Some(p) = ctx.host.cwd(ctx.pid) {
                let text = format!("{}<{}>", at_fdcwd(), fd_path_text(&p));
                return (
                    text,
                    Some(json!({ "fd": "AT_FDCWD", "path": super::bytes_json(&p) })),
                );
            }
        }
        return (at_fdcwd(), Some(Value::from("AT_FDCWD")));
    }
    fd(ctx, v)
}

/// `AT_FDCWD` in the current `-X` style (strace prints it as a decimal
/// `int`: `-100`).
fn at_fdcwd() -> String {
    crate::xlat::styled(|| AT_FDCWD.to_string(), || "AT_FDCWD".into())
}

/// A file mode in octal, type bits and all: `0644`, `0100644`, `000` for
/// zero (strace's `%#03o`).
pub(crate) fn mode(v: u64) -> Out {
    // strace prints a umode_t: an unsigned short.
    let v = v as u16 as u64;
    (mode_octal(v), Some(Value::from(v)))
}

/// mknod's mode: with type bits `S_IFREG|0644`, else as [`mode`]. strace
/// reads it as an `unsigned short`, so only the low 16 bits are shown.
pub(crate) fn mknod_mode(v: u64) -> Out {
    let v = v as u16 as u64;
    let value = Some(Value::from(v));
    let perm = v & !S_IFMT;
    let abbrev = if v & S_IFMT == 0 {
        mode_octal(v)
    } else {
        match xlat::MODE_TYPES.lookup(v & S_IFMT) {
            Some(t) => format!("{t}|{}", mode_octal(perm)),
            // An unknown type: the number, whatever the -X style.
            None => return (mode_octal(v), value),
        }
    };
    // -X: the number, and under verbose the text in a comment even when
    // it is the same number (`0600 /* 0600 */`), as strace does.
    let text = match xlat::style() {
        crate::compat::ConstStyle::Abbrev => abbrev,
        crate::compat::ConstStyle::Raw => mode_octal(v),
        crate::compat::ConstStyle::Verbose => format!("{} /* {abbrev} */", mode_octal(v)),
    };
    (text, value)
}

const S_IFCHR: u64 = 0o020000;
const S_IFBLK: u64 = 0o060000;

/// mknod's `dev` (the kernel's `unsigned int`): `makedev(MAJOR, MINOR)` in
/// the kernel's new encoding (12-bit major, 20-bit minor split around it),
/// shown only for device nodes.
pub(crate) fn mknod_dev(v: u64, mode: u64) -> Out {
    let t = mode as u16 as u64 & S_IFMT;
    if t != S_IFCHR && t != S_IFBLK {
        return (String::new(), Some(Value::from(v)));
    }
    dev(v)
}

/// A device number (an `unsigned int`): `makedev(0x8, 0x1)`.
pub(crate) fn dev(v: u64) -> Out {
    let dev = v as u32 as u64;
    let major = (dev >> 8) & 0xfff;
    let minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    (
        dev_styled(dev, major, minor),
        Some(serde_json::json!({ "major": major, "minor": minor })),
    )
}

/// `makedev(0x8, 0x1)`, in the `-X` style: strace's `print_dev_t`
/// prints the number under raw and comments the text under verbose.
pub(crate) fn dev_styled(dev: u64, major: u64, minor: u64) -> String {
    let text = || format!("makedev({}, {})", hex(major), hex(minor));
    match xlat::style() {
        crate::compat::ConstStyle::Abbrev => text(),
        crate::compat::ConstStyle::Raw => hex(dev),
        crate::compat::ConstStyle::Verbose => format!("{} /* {} */", hex(dev), text()),
    }
}

fn mode_octal(v: u64) -> String {
    format!("{:0>3}", oct(v))
}

/// `struct open_how` (openat2): flags, mode when it matters, resolve.
pub(crate) fn open_how(ctx: &Ctx, v: u64, size: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; 24];
    if size < 24 || !read_exact(ctx.mem, v, &mut b) {
        return (super::addr(v), None);
    }
    let f = u64::from_ne_bytes(b[0..8].try_into().unwrap());
    let m = u64::from_ne_bytes(b[8..16].try_into().unwrap());
    let r = u64::from_ne_bytes(b[16..24].try_into().unwrap());
    let (ft, fj) = flags::open_flags(f);
    let mut text = format!("{{flags={ft}");
    // strace shows the mode only when the call can use it.
    const O_CREAT: u64 = 0o100;
    const O_TMPFILE_BIT: u64 = 0o20000000;
    if f & (O_CREAT | O_TMPFILE_BIT) != 0 || m != 0 {
        text.push_str(&format!(", mode={}", mode_octal(m)));
    }
    text.push_str(&format!(
        ", resolve={}}}",
        xlat::RESOLVE_FLAGS.format_flags(r)
    ));
    let value = json!({ "flags": fj, "mode": m, "resolve": xlat::RESOLVE_FLAGS.flags_json(r) });
    (text, Some(value))
}

/// fcntl's third argument, shaped by the command.
/// fcntl's third argument for the command `cmd`. `lock` is the tracee's
/// lock layouts: x86_64's (one `struct flock`), or i386's (a 32-bit
/// `struct flock`, and the packed `struct flock64` that only fcntl64's
/// `F_*LK64` and every call's `F_OFD_*` commands read).
pub(crate) fn fcntl_arg(ctx: &Ctx, v: u64, cmd: u64, lock: Locks) -> Out {
    match xlat::FCNTL_CMDS.lookup(cmd as u32 as u64).unwrap_or("") {
        // Commands without an argument: strace prints nothing.
        "F_GETFD" | "F_GETFL" | "F_GETOWN" | "F_GETSIG" | "F_GETLEASE" | "F_GETPIPE_SZ"
        | "F_GET_SEALS" => (String::new(), None),
        "F_SETFD" => (
            xlat::FD_FLAGS.format_flags(v as u32 as u64),
            Some(xlat::FD_FLAGS.flags_json(v as u32 as u64)),
        ),
        "F_SETFL" => flags::open_flags(v),
        "F_DUPFD" | "F_DUPFD_CLOEXEC" | "F_SETOWN" | "F_SETPIPE_SZ" => {
            let n = as_int(v);
            (n.to_string(), Some(Value::from(n)))
        }
        "F_SETSIG" => signals::signal(v),
        // strace reads these three as 64-bit values (printflags64 /
        // printxval64), so high bits are not dropped.
        "F_ADD_SEALS" => (
            xlat::SEAL_FLAGS.format_flags(v),
            Some(xlat::SEAL_FLAGS.flags_json(v)),
        ),
        "F_NOTIFY" => (
            xlat::DNOTIFY_FLAGS.format_flags(v),
            Some(xlat::DNOTIFY_FLAGS.flags_json(v)),
        ),
        "F_SETLEASE" => (
            xlat::LEASE_TYPES.format_enum(v),
            Some(xlat::LEASE_TYPES.enum_json(v)),
        ),
        "F_SETOWN_EX" => owner_ex(ctx, v),
        "F_GETLK" | "F_SETLK" | "F_SETLKW" => match lock {
            Locks::Native => flock(ctx, v, Flock::Native),
            Locks::I386 | Locks::I386Fcntl64 => flock(ctx, v, Flock::I386),
        },
        "F_OFD_GETLK" | "F_OFD_SETLK" | "F_OFD_SETLKW" => match lock {
            Locks::Native => flock(ctx, v, Flock::Native),
            Locks::I386 | Locks::I386Fcntl64 => flock(ctx, v, Flock::I386Packed64),
        },
        // strace decodes these in fcntl64 only (fcntl prints the address).
        "F_GETLK64" | "F_SETLK64" | "F_SETLKW64" if lock == Locks::I386Fcntl64 => {
            flock(ctx, v, Flock::I386Packed64)
        }
        _ => (hex(v), Some(Value::from(v))),
    }
}

/// Which `struct flock` layouts fcntl reads (see [`fcntl_arg`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locks {
    /// x86_64 and aarch64: `struct flock` is `struct flock64`.
    Native,
    /// i386's fcntl.
    I386,
    /// i386's fcntl64 (also the `F_*LK64` commands).
    I386Fcntl64,
}

/// One lock struct's layout.
#[derive(Clone, Copy)]
enum Flock {
    /// 64-bit offsets at 8 and 16 (32 bytes).
    Native,
    /// i386's `struct flock`: 32-bit offsets at 4 and 8 (16 bytes).
    I386,
    /// i386's packed `struct flock64`: 64-bit offsets at 4 and 12 (24
    /// bytes).
    I386Packed64,
}

/// F_SETOWN_EX's `struct f_owner_ex`: `{type=F_OWNER_PID, pid=1234}`.
fn owner_ex(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; 8];
    if !read_exact(ctx.mem, v, &mut b) {
        return (super::addr(v), None);
    }
    let ty = i32::from_ne_bytes(b[0..4].try_into().unwrap());
    let pid = i32::from_ne_bytes(b[4..8].try_into().unwrap());
    let t = &xlat::F_OWNER_TYPES;
    let text = format!("{{type={}, pid={pid}}}", t.format_enum(ty as u32 as u64));
    let value = json!({ "type": t.enum_json(ty as u32 as u64), "pid": pid });
    (text, Some(value))
}

/// `struct flock`: `{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0}`.
fn flock(ctx: &Ctx, v: u64, layout: Flock) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let size = match layout {
        Flock::Native => 32,
        Flock::I386 => 16,
        Flock::I386Packed64 => 24,
    };
    let Some(b) = super::time::read_all(ctx, v, size) else {
        return (super::addr(v), None);
    };
    let f = super::time::Fields(&b);
    let ty = f.u16(0) as i16;
    let whence = f.u16(2) as u64;
    let (start, len) = match layout {
        Flock::Native => (f.u64(8) as i64, f.u64(16) as i64),
        Flock::I386 => (f.i32(4) as i64, f.i32(8) as i64),
        Flock::I386Packed64 => (f.u64(4) as i64, f.u64(12) as i64),
    };
    // strace's lockfcmds, which also names F_EXLCK and F_SHLCK.
    let ty_s = xlat::LEASE_TYPES.format_enum(ty as u16 as u64);
    let text = format!(
        "{{l_type={ty_s}, l_whence={}, l_start={start}, l_len={len}}}",
        xlat::WHENCE.format_enum(whence)
    );
    let value = json!({ "type": ty_s, "whence": xlat::WHENCE.enum_json(whence), "start": start, "len": len });
    (text, Some(value))
}

/// The old magic number in mount's flags' high 16 bits, which the kernel
/// discards.
const MS_MGC_VAL: u64 = 0xc0ed_0000;
const MS_MGC_MSK: u64 = 0xffff_0000;
const MS_REMOUNT: u64 = 0x20;
/// Flags whose mounts take no file system type and no data.
const MS_NO_TYPE_NO_DATA: u64 = 0x1000 | 0x2000 | 0x10_0000 | 0x4_0000 | 0x8_0000 | 0x2_0000;

/// mount's flags (an unsigned long): `MS_MGC_VAL` named first when the
/// magic is there (and the bits it covers dropped, strace's mask being an
/// unsigned int), then `MS_*`.
pub(crate) fn mount_flags(v: u64) -> Out {
    let t = &xlat::MOUNT_FLAGS;
    if v & MS_MGC_MSK != MS_MGC_VAL {
        return (t.format_flags(v), Some(t.flags_json(v)));
    }
    let rest = v & !MS_MGC_MSK & 0xffff_ffff;
    let mut text = "MS_MGC_VAL".to_string();
    let mut list = vec![Value::from("MS_MGC_VAL")];
    if rest != 0 {
        text.push('|');
        text.push_str(&t.format_flags(rest));
        if let Value::Array(more) = t.flags_json(rest) {
            list.extend(more);
        }
    }
    (text, Some(Value::Array(list)))
}

/// Whether mount's flags, magic aside, leave the type (and the data when
/// `data`) unread by the kernel: strace then prints their address only.
fn mount_ignores(flags: u64, data: bool) -> bool {
    let flags = if flags & MS_MGC_MSK == MS_MGC_VAL {
        flags & 0xffff
    } else {
        flags
    };
    if flags & MS_REMOUNT != 0 {
        return !data;
    }
    flags & MS_NO_TYPE_NO_DATA != 0
}

/// mount's file system type: a string, or its address when the flags
/// (argument N's value `flags`) remount, bind, move or change propagation.
pub(crate) fn mount_type(ctx: &Ctx, v: u64, flags: u64) -> Out {
    if mount_ignores(flags, false) {
        return (addr(v), Some(Value::from(v)));
    }
    strings::cstr(ctx, v)
}

/// mount's data: a string, or its address when the flags bind, move or
/// change propagation.
pub(crate) fn mount_data(ctx: &Ctx, v: u64, flags: u64) -> Out {
    if mount_ignores(flags, true) {
        return (addr(v), Some(Value::from(v)));
    }
    strings::cstr(ctx, v)
}
