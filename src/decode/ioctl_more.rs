//! ioctl arguments of the block (0x12), loop ('L'), FS_IOC_*FLAGS ('f'),
//! nsfs (0xb7), perf ('$'), seccomp ('!'), evdev ('E') and rtc ('p') requests, as
//! strace 6.1 prints them at entry: values, `[N]`, `[A, B]`, fds, flags
//! and the loop and seccomp structs. Requests the kernel answers through
//! the pointer print its address, as strace prints them when they fail.
//! Also the names strace makes of parametrised request numbers
//! (`EVIOCGBIT(EV_KEY, 96)`, `MIXER_READ(1)`), which it prints before
//! the table's names for the same number.
//!
//! evdev's structs (EVIOCSKEYCODE, EVIOCSKEYCODE_V2, EVIOCSFF, EVIOCSABS)
//! are src/decode/evdev.rs's.
//!
//! Not done here (their argument prints in hex, where strace decodes it):
//! BLKPG, BLKTRACESETUP, FS_IOC_FIEMAP, SECCOMP_IOCTL_NOTIF_RECV with a
//! buffer that is not zeroed, PERF_EVENT_IOC_QUERY_BPF,
//! PERF_EVENT_IOC_MODIFY_ATTRIBUTES, RTC_PARAM_GET and RTC_PARAM_SET.

use super::ioctl::read;
use super::time::Word;
use super::{addr, as_int, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::{json, Value};

/// strace's LO_NAME_SIZE and LO_KEY_SIZE (linux/loop.h).
const LO_NAME_SIZE: usize = 64;
const LO_KEY_SIZE: usize = 32;

/// The argument of request `name` of ioctl type `ty`, `None` when this
/// module has no decoder for it.
pub(super) fn arg(ctx: &Ctx, v: u64, ty: u64, name: &str, w: Word) -> Option<Out> {
    Some(match (ty, name) {
        (0x12, "BLKRASET" | "BLKFRASET") => (v.to_string(), Some(json!(v))),
        (0x12, "BLKROSET" | "BLKBSZSET") => int_ptr(ctx, v),
        (0x12, "BLKDISCARD" | "BLKSECDISCARD" | "BLKZEROOUT") => match read::<16>(ctx, v) {
            Ok(b) => {
                let (a, z) = (u64_at(&b, 0), u64_at(&b, 8));
                (format!("[{a}, {z}]"), Some(json!([a, z])))
            }
            Err(o) => o,
        },
        (
            0x12,
            "BLKSECTGET" | "BLKROTATIONAL" | "BLKROGET" | "BLKBSZGET" | "BLKSSZGET" | "BLKALIGNOFF"
            | "BLKPBSZGET" | "BLKIOMIN" | "BLKIOOPT" | "BLKDISCARDZEROES" | "BLKGETZONESZ"
            | "BLKGETNRZONES" | "BLKRAGET" | "BLKFRAGET" | "BLKGETSIZE" | "BLKGETSIZE64"
            | "BLKGETDISKSEQ",
        ) => out(v),
        (
            0x12,
            "BLKRRPART" | "BLKFLSBUF" | "BLKTRACESTART" | "BLKTRACESTOP" | "BLKTRACETEARDOWN",
        ) => super::calls::omitted(v),
        (0x4c, "LOOP_SET_STATUS") => loop_info(ctx, v, w),
        (0x4c, "LOOP_SET_STATUS64") => match read::<232>(ctx, v) {
            Ok(b) => loop_info64(ctx, &b),
            Err(o) => o,
        },
        (0x4c, "LOOP_CONFIGURE") => loop_config(ctx, v),
        (0x4c, "LOOP_GET_STATUS" | "LOOP_GET_STATUS64") => out(v),
        (0x4c, "LOOP_CLR_FD" | "LOOP_SET_CAPACITY" | "LOOP_CTL_GET_FREE") => {
            super::calls::omitted(v)
        }
        (0x4c, "LOOP_SET_FD" | "LOOP_CHANGE_FD") => super::files::fd(ctx, v),
        (0x4c, "LOOP_CTL_ADD" | "LOOP_CTL_REMOVE") => {
            let n = as_int(v);
            (n.to_string(), Some(json!(n)))
        }
        (0x4c, "LOOP_SET_DIRECT_IO" | "LOOP_SET_BLOCK_SIZE") => (v.to_string(), Some(json!(v))),
        (0x66, "FS_IOC_SETFLAGS" | "FS_IOC32_SETFLAGS") => match read::<4>(ctx, v) {
            Ok(b) => {
                let n = u32::from_ne_bytes(b) as u64;
                let t = &xlat::FS_IOC_FLAGS;
                (format!("[{}]", t.format_flags(n)), Some(t.flags_json(n)))
            }
            Err(o) => o,
        },
        (0x66, "FS_IOC_GETFLAGS" | "FS_IOC32_GETFLAGS") => out(v),
        // strace prints no argument for these, whatever the register holds.
        (0xb7, "NS_GET_USERNS" | "NS_GET_PARENT" | "NS_GET_NSTYPE") => super::calls::omitted(v),
        (0xb7, "NS_GET_OWNER_UID") => out(v),
        (0x24, "PERF_EVENT_IOC_ENABLE" | "PERF_EVENT_IOC_DISABLE" | "PERF_EVENT_IOC_RESET") => {
            let t = &xlat::PERF_IOCTL_FLAGS;
            (t.format_flags(v), Some(t.flags_json(v)))
        }
        (0x24, "PERF_EVENT_IOC_REFRESH") => {
            let n = as_int(v);
            (n.to_string(), Some(json!(n)))
        }
        (0x24, "PERF_EVENT_IOC_PERIOD") => match read::<8>(ctx, v) {
            Ok(b) => {
                let n = u64::from_ne_bytes(b);
                (format!("[{n}]"), Some(json!(n)))
            }
            Err(o) => o,
        },
        (0x24, "PERF_EVENT_IOC_SET_OUTPUT" | "PERF_EVENT_IOC_SET_BPF") => {
            super::files::fd(ctx, as_int(v) as i64 as u64)
        }
        (0x24, "PERF_EVENT_IOC_PAUSE_OUTPUT") => (v.to_string(), Some(json!(v))),
        (0x24, "PERF_EVENT_IOC_SET_FILTER") => super::strings::cstr(ctx, v),
        (0x24, "PERF_EVENT_IOC_ID") => out(v),
        (0x21, "SECCOMP_IOCTL_NOTIF_RECV") => match read::<80>(ctx, v) {
            // strace decodes a zeroed buffer at exit only.
            Ok(b) if b.iter().all(|&c| c == 0) => out(v),
            Ok(_) => return None,
            Err(o) => o,
        },
        (0x21, "SECCOMP_IOCTL_NOTIF_SEND") => match read::<24>(ctx, v) {
            Ok(b) => notif_resp(&b),
            Err(o) => o,
        },
        (0x21, "SECCOMP_IOCTL_NOTIF_ID_VALID") => match read::<8>(ctx, v) {
            Ok(b) => {
                let n = u64::from_ne_bytes(b);
                (format!("[{}]", hex(n)), Some(json!(n)))
            }
            Err(o) => o,
        },
        (0x21, "SECCOMP_IOCTL_NOTIF_ADDFD") => match read::<24>(ctx, v) {
            Ok(b) => notif_addfd(ctx, &b),
            Err(o) => o,
        },
        (0x70, "RTC_SET_TIME" | "RTC_ALM_SET") => match read::<36>(ctx, v) {
            Ok(b) => rtc_time(ctx, &b),
            Err(o) => o,
        },
        (0x70, "RTC_WKALM_SET") => match read::<40>(ctx, v) {
            Ok(b) => {
                let (t, j) = rtc_time(ctx, &b[4..40]);
                let mut f = Fields::new();
                f.num("enabled", b[0]);
                f.num("pending", b[1]);
                f.put("time", t, j.unwrap_or(Value::Null));
                f.finish()
            }
            Err(o) => o,
        },
        (0x70, "RTC_PLL_SET") => match read::<32>(ctx, v) {
            Ok(b) => {
                let mut f = Fields::new();
                for (i, name) in [
                    "pll_ctrl",
                    "pll_value",
                    "pll_max",
                    "pll_min",
                    "pll_posmult",
                    "pll_negmult",
                ]
                .iter()
                .enumerate()
                {
                    f.num(name, u32_at(&b, 4 * i) as i32);
                }
                f.num("pll_clock", u64_at(&b, 24) as i64);
                f.finish()
            }
            Err(o) => o,
        },
        (0x70, "RTC_IRQP_SET" | "RTC_EPOCH_SET") => (v.to_string(), Some(json!(v))),
        (
            0x70,
            "RTC_RD_TIME" | "RTC_ALM_READ" | "RTC_IRQP_READ" | "RTC_EPOCH_READ" | "RTC_WKALM_RD"
            | "RTC_PLL_GET" | "RTC_VL_READ",
        ) => out(v),
        (
            0x70,
            "RTC_AIE_ON" | "RTC_AIE_OFF" | "RTC_UIE_ON" | "RTC_UIE_OFF" | "RTC_PIE_ON"
            | "RTC_PIE_OFF" | "RTC_WIE_ON" | "RTC_WIE_OFF" | "RTC_VL_CLR",
        ) => super::calls::omitted(v),
        _ => return None,
    })
}

/// `struct rtc_time` (nine ints); wday, yday and isdst with `-v` only.
fn rtc_time(ctx: &Ctx, b: &[u8]) -> Out {
    let mut f = Fields::new();
    let names = [
        "tm_sec", "tm_min", "tm_hour", "tm_mday", "tm_mon", "tm_year",
    ];
    for (i, name) in names.iter().enumerate() {
        f.num(name, u32_at(b, 4 * i) as i32);
    }
    if ctx.opts.verbose {
        for (i, name) in ["tm_wday", "tm_yday", "tm_isdst"].iter().enumerate() {
            f.num(name, u32_at(b, 24 + 4 * i) as i32);
        }
    } else {
        f.more();
    }
    f.finish()
}

/// A pointer the kernel writes through: its address.
fn out(v: u64) -> Out {
    (addr(v), None)
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_ne_bytes(b[i..i + 8].try_into().unwrap())
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_ne_bytes(b[i..i + 4].try_into().unwrap())
}

fn int_ptr(ctx: &Ctx, v: u64) -> Out {
    match read::<4>(ctx, v) {
        Ok(b) => {
            let n = i32::from_ne_bytes(b);
            (format!("[{n}]"), Some(json!(n)))
        }
        Err(o) => o,
    }
}

/// A 64-bit `dev_t` as glibc splits it: `makedev(0x8, 0x1)`.
fn dev64(d: u64) -> (String, Value) {
    let major = ((d >> 8) & 0xfff) | ((d >> 32) & !0xfff);
    let minor = (d & 0xff) | ((d >> 12) & !0xff);
    let (major, minor) = (major as u32 as u64, minor as u32 as u64);
    (
        super::files::dev_styled(d, major, minor),
        json!({ "major": major, "minor": minor }),
    )
}

/// A fixed-size char array (strace's `print_quoted_cstring`): up to its
/// first NUL among all but the last byte, `...` when there is none and
/// the last byte is not NUL either.
pub(super) fn cstring_field(ctx: &Ctx, b: &[u8]) -> (String, Value) {
    let body = &b[..b.len() - 1];
    match body.iter().position(|&c| c == 0) {
        Some(n) => (
            super::strings::quote(&body[..n], ctx.opts.hex, false),
            super::bytes_json(&body[..n]),
        ),
        None => {
            let mut t = super::strings::quote(body, ctx.opts.hex, false);
            if b[b.len() - 1] != 0 {
                t.push_str("...");
            }
            (t, super::bytes_json(body))
        }
    }
}

/// Fields joined strace-style, and a JSON object beside them.
struct Fields {
    text: Vec<String>,
    json: serde_json::Map<String, Value>,
}

impl Fields {
    fn new() -> Self {
        Fields {
            text: Vec::new(),
            json: serde_json::Map::new(),
        }
    }

    fn put(&mut self, name: &str, t: String, j: Value) {
        self.text.push(format!("{name}={t}"));
        self.json.insert(name.to_string(), j);
    }

    fn num(&mut self, name: &str, n: impl std::fmt::Display + Into<Value> + Copy) {
        self.put(name, n.to_string(), n.into());
    }

    fn more(&mut self) {
        self.text.push("...".into());
    }

    fn finish(self) -> Out {
        (
            format!("{{{}}}", self.text.join(", ")),
            Some(Value::Object(self.json)),
        )
    }
}

/// The old `struct loop_info` (x86_64 layout, 168 bytes: lo_number 0,
/// lo_device 8, lo_inode 16, lo_rdevice 24, lo_offset 32,
/// lo_encrypt_type 36, lo_encrypt_key_size 40, lo_flags 44, lo_name 48,
/// lo_encrypt_key 112, lo_init 144, reserved 160).
fn loop_info(ctx: &Ctx, v: u64, w: Word) -> Out {
    // Offsets of lo_device, lo_inode, lo_rdevice, lo_offset (then the
    // ints and names in a row), lo_init and the struct's size: x86_64's
    // `__kernel_old_dev_t` and lo_inode are unsigned longs, i386's devs
    // are u16s and its longs 4 bytes.
    let (device, inode, rdevice, offset, init, size) = match w {
        Word::W64 => (8, 16, 24, 32, 144, 168),
        Word::W32 => (4, 8, 12, 16, 128, 140),
    };
    let b = match super::ioctl::read_n(ctx, v, size) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let dev = |at: usize| match w {
        Word::W64 => u64_at(&b, at),
        Word::W32 => u16::from_ne_bytes([b[at], b[at + 1]]) as u64,
    };
    let ulong = |at: usize| match w {
        Word::W64 => u64_at(&b, at),
        Word::W32 => u32_at(&b, at) as u64,
    };
    let verbose = ctx.opts.verbose;
    let encrypt_type = u32_at(&b, offset + 4) as u64;
    let key_size = u32_at(&b, offset + 8);
    let mut f = Fields::new();
    f.num("lo_number", u32_at(&b, 0) as i32);
    if verbose {
        let (d, dj) = dev64(dev(device));
        f.put("lo_device", d, dj);
        f.num("lo_inode", ulong(inode));
        let (d, dj) = dev64(dev(rdevice));
        f.put("lo_rdevice", d, dj);
    }
    let lo_offset = u32_at(&b, offset);
    f.put("lo_offset", hex(lo_offset as u64), json!(lo_offset as i32));
    if verbose || encrypt_type != 0 {
        let t = &xlat::LOOP_CRYPT_TYPE_OPTIONS;
        f.put(
            "lo_encrypt_type",
            t.format_enum(encrypt_type),
            t.enum_json(encrypt_type),
        );
        f.num("lo_encrypt_key_size", key_size);
    }
    let flags = u32_at(&b, offset + 12) as u64;
    let ft = &xlat::LOOP_FLAGS_OPTIONS;
    f.put("lo_flags", ft.format_flags(flags), ft.flags_json(flags));
    let name = offset + 16;
    let (n, nj) = cstring_field(ctx, &b[name..name + LO_NAME_SIZE]);
    f.put("lo_name", n, nj);
    if verbose || encrypt_type != 0 {
        let at = name + LO_NAME_SIZE;
        let key = &b[at..at + (key_size as usize).min(LO_KEY_SIZE)];
        f.put(
            "lo_encrypt_key",
            super::strings::quote(key, ctx.opts.hex, false),
            super::bytes_json(key),
        );
    }
    if verbose {
        let (a, z) = (ulong(init), ulong(init + w.bytes()));
        f.put(
            "lo_init",
            format!("[{}, {}]", hex(a), hex(z)),
            json!([a, z]),
        );
        let at = init + 2 * w.bytes();
        let r = &b[at..at + 4];
        let list: Vec<String> = r.iter().map(|&c| hex(c as u64)).collect();
        f.put("reserved", format!("[{}]", list.join(", ")), json!(r));
    } else {
        f.more();
    }
    f.finish()
}

/// `struct loop_info64` (232 bytes: lo_device 0, lo_inode 8, lo_rdevice
/// 16, lo_offset 24, lo_sizelimit 32, lo_number 40, lo_encrypt_type 44,
/// lo_encrypt_key_size 48, lo_flags 52, lo_file_name 56, lo_crypt_name
/// 120, lo_encrypt_key 184, lo_init 216).
fn loop_info64(ctx: &Ctx, b: &[u8]) -> Out {
    let verbose = ctx.opts.verbose;
    let encrypt_type = u32_at(b, 44) as u64;
    let key_size = u32_at(b, 48);
    let offset = u64_at(b, 24);
    let mut f = Fields::new();
    if verbose {
        let (d, dj) = dev64(u64_at(b, 0));
        f.put("lo_device", d, dj);
        f.num("lo_inode", u64_at(b, 8));
        let (d, dj) = dev64(u64_at(b, 16));
        f.put("lo_rdevice", d, dj);
        f.put("lo_offset", hex(offset), json!(offset));
        f.num("lo_sizelimit", u64_at(b, 32));
    } else {
        f.put("lo_offset", hex(offset), json!(offset));
    }
    f.num("lo_number", u32_at(b, 40));
    if verbose || encrypt_type != 0 {
        let t = &xlat::LOOP_CRYPT_TYPE_OPTIONS;
        f.put(
            "lo_encrypt_type",
            t.format_enum(encrypt_type),
            t.enum_json(encrypt_type),
        );
        f.num("lo_encrypt_key_size", key_size);
    }
    let flags = u32_at(b, 52) as u64;
    let ft = &xlat::LOOP_FLAGS_OPTIONS;
    f.put("lo_flags", ft.format_flags(flags), ft.flags_json(flags));
    let (n, nj) = cstring_field(ctx, &b[56..56 + LO_NAME_SIZE]);
    f.put("lo_file_name", n, nj);
    if verbose || encrypt_type != 0 {
        let (n, nj) = cstring_field(ctx, &b[120..120 + LO_NAME_SIZE]);
        f.put("lo_crypt_name", n, nj);
        let key = &b[184..184 + (key_size as usize).min(LO_KEY_SIZE)];
        f.put(
            "lo_encrypt_key",
            super::strings::quote(key, ctx.opts.hex, false),
            super::bytes_json(key),
        );
    }
    if verbose {
        let (a, z) = (u64_at(b, 216), u64_at(b, 224));
        f.put(
            "lo_init",
            format!("[{}, {}]", hex(a), hex(z)),
            json!([a, z]),
        );
    } else {
        f.more();
    }
    f.finish()
}

/// `struct loop_config` (304 bytes): fd, block size, a loop_info64.
fn loop_config(ctx: &Ctx, v: u64) -> Out {
    let b = match read::<304>(ctx, v) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let mut f = Fields::new();
    let (fd_t, fd_j) = super::files::fd(ctx, u32_at(&b, 0) as i32 as i64 as u64);
    f.put("fd", fd_t, fd_j.unwrap_or(Value::Null));
    f.num("block_size", u32_at(&b, 4));
    let (i, ij) = loop_info64(ctx, &b[8..240]);
    f.put("info", i, ij.unwrap_or(Value::Null));
    let reserved: Vec<u64> = (0..8).map(|k| u64_at(&b, 240 + 8 * k)).collect();
    if reserved.iter().any(|&r| r != 0) {
        let list: Vec<String> = reserved.iter().map(|&r| hex(r)).collect();
        f.put(
            "__reserved",
            format!("[{}]", list.join(", ")),
            json!(reserved),
        );
    }
    f.finish()
}

/// `struct seccomp_notif_resp`.
fn notif_resp(b: &[u8]) -> Out {
    let id = u64_at(b, 0);
    let val = i64::from_ne_bytes(b[8..16].try_into().unwrap());
    let error = u32_at(b, 16) as i32;
    let flags = u32_at(b, 20) as u64;
    let mut f = Fields::new();
    f.put("id", hex(id), json!(id));
    f.num("val", val);
    // strace's print_err: a negated errno by name, else the number.
    let err_t = match crate::errno::errnos().iter().find(|e| -e.0 == error) {
        Some(e) if error != 0 => xlat::styled(|| error.to_string(), || format!("-{}", e.1)),
        _ => error.to_string(),
    };
    f.put("error", err_t, json!(error));
    let t = &xlat::SECCOMP_IOCTL_RESP_FLAGS;
    f.put("flags", t.format_flags(flags), t.flags_json(flags));
    f.finish()
}

/// `struct seccomp_notif_addfd`.
fn notif_addfd(ctx: &Ctx, b: &[u8]) -> Out {
    let id = u64_at(b, 0);
    let flags = u32_at(b, 8) as u64;
    let srcfd = u32_at(b, 12) as i32;
    let newfd = u32_at(b, 16) as i32;
    let newfd_flags = u32_at(b, 20) as u64;
    let mut f = Fields::new();
    f.put("id", hex(id), json!(id));
    let t = &xlat::SECCOMP_IOCTL_ADDFD_FLAGS;
    f.put("flags", t.format_flags(flags), t.flags_json(flags));
    let (fd_t, fd_j) = super::files::fd(ctx, srcfd as i64 as u64);
    f.put("srcfd", fd_t, fd_j.unwrap_or(Value::Null));
    f.num("newfd", newfd);
    f.put(
        "newfd_flags",
        xlat::OPEN_FLAGS.format_flags(newfd_flags),
        xlat::OPEN_FLAGS.flags_json(newfd_flags),
    );
    f.finish()
}

const IOC_WRITE: u64 = 1;
const IOC_READ: u64 = 2;

/// strace's `ioctl_decode_command_number`: a name for numbers that carry
/// a size or an index (evdev, hiddev, the OSS mixer, uinput, joystick,
/// spidev, seccomp's old ID_VALID).
pub(super) fn number_name(code: u64) -> Option<String> {
    let (dir, ty, nr, size) = (
        code >> 30,
        (code >> 8) & 0xff,
        code & 0xff,
        (code >> 16) & 0x3fff,
    );
    let sized = |name: &str| Some(format!("{name}({size})"));
    match ty {
        0x21 if dir == IOC_READ && nr == 2 && size == 8 => {
            Some("SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR".into())
        }
        0x45 => {
            if dir == IOC_WRITE && (0xc0..=0xff).contains(&nr) {
                return Some(format!(
                    "EVIOCSABS({})",
                    xlat::EVDEV_ABS.format_enum(nr - 0xc0)
                ));
            }
            if dir != IOC_READ {
                return None;
            }
            match nr {
                0x20 => Some(format!("EVIOCGBIT(0, {size})")),
                0x21..=0x3f => Some(format!(
                    "EVIOCGBIT({}, {size})",
                    xlat::EVDEV_EV.format_enum(nr - 0x20)
                )),
                0x40..=0x7f => Some(format!(
                    "EVIOCGABS({})",
                    xlat::EVDEV_ABS.format_enum(nr - 0x40)
                )),
                0x06 => sized("EVIOCGNAME"),
                0x07 => sized("EVIOCGPHYS"),
                0x08 => sized("EVIOCGUNIQ"),
                0x09 => sized("EVIOCGPROP"),
                0x0a => sized("EVIOCGMTSLOTS"),
                0x18 => sized("EVIOCGKEY"),
                0x19 => sized("EVIOCGLED"),
                0x1a => sized("EVIOCGSND"),
                0x1b => sized("EVIOCGSW"),
                _ => None,
            }
        }
        0x48 => match (dir, nr) {
            (IOC_READ, 0x04) => sized("HIDIOCGRAWNAME"),
            (IOC_READ, 0x05) => sized("HIDIOCGRAWPHYS"),
            (IOC_READ, 0x06) => sized("HIDIOCSFEATURE"),
            (IOC_READ, 0x08) => sized("HIDIOCGRAWUNIQ"),
            (IOC_READ, 0x12) => sized("HIDIOCGPHYS"),
            (3, 0x06) => sized("HIDIOCSFEATURE"),
            (3, 0x07) => sized("HIDIOCGFEATURE"),
            _ => None,
        },
        0x4d => match dir {
            IOC_WRITE => Some(format!("MIXER_WRITE({nr})")),
            IOC_READ => Some(format!("MIXER_READ({nr})")),
            _ => None,
        },
        0x55 if dir == IOC_READ && nr == 0x2c => sized("UI_GET_SYSNAME"),
        0x6a if dir == IOC_READ && nr == 0x13 => sized("JSIOCGNAME"),
        0x6b if dir == IOC_WRITE && nr == 0 => sized("SPI_IOC_MESSAGE"),
        _ => None,
    }
}

/// The argument of a request the name table may not know, by its number
/// alone: evdev's (strace's `evdev_ioctl`) and seccomp's old ID_VALID.
/// `None`: not one of those.
pub(super) fn unnamed_arg(ctx: &Ctx, v: u64, code: u64) -> Option<Out> {
    let (dir, ty, nr) = (code >> 30, (code >> 8) & 0xff, code & 0xff);
    if number_name(code).as_deref() == Some("SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR") {
        // A u64 behind the pointer on every ABI.
        return arg(ctx, v, ty, "SECCOMP_IOCTL_NOTIF_ID_VALID", Word::W64);
    }
    if ty != 0x45 {
        return None;
    }
    let name = super::ioctl::first_name(code);
    match dir {
        // Filled by the kernel: strace prints it at exit.
        IOC_READ => Some(out(v)),
        IOC_WRITE => Some(match name {
            Some("EVIOCSREP") => match read::<8>(ctx, v) {
                Ok(b) => {
                    let (a, z) = (u32_at(&b, 0), u32_at(&b, 4));
                    (format!("[{a}, {z}]"), Some(json!([a, z])))
                }
                Err(o) => o,
            },
            Some("EVIOCRMFF") => {
                let n = as_int(v);
                (n.to_string(), Some(json!(n)))
            }
            Some("EVIOCGRAB" | "EVIOCREVOKE") => (v.to_string(), Some(json!(v))),
            Some("EVIOCSCLOCKID") => match read::<4>(ctx, v) {
                Ok(b) => {
                    let n = u32::from_ne_bytes(b);
                    (format!("[{n}]"), Some(json!(n)))
                }
                Err(o) => o,
            },
            Some("EVIOCSKEYCODE") => super::evdev::keycode_pair(ctx, v),
            Some("EVIOCSKEYCODE_V2") => super::evdev::keymap_entry(ctx, v),
            Some("EVIOCSFF") => super::evdev::ff_effect(ctx, v),
            // strace 6.1 has no decoder for EVIOCSMASK: the address.
            Some("EVIOCSMASK") => out(v),
            // EVIOCSABS(n), whatever size the number carries.
            _ if (0xc0..=0xff).contains(&nr) => {
                super::evdev::absinfo(ctx, v, ((code >> 16) & 0x3fff) as usize)
            }
            // Other writes: strace prints the address.
            _ => out(v),
        }),
        _ => None,
    }
}
