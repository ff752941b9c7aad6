//! ioctl: the request's name as strace 6.1 spells it (every name the
//! number has, `BTRFS_IOC_CLONE or FICLONE`; else `_IOC(...)`), and the
//! third argument of the requests strace decodes at entry: terminal
//! settings, window sizes, modem bits, ints behind pointers, the
//! network interface requests' `struct ifreq` (block, loop, file flag,
//! nsfs, perf and seccomp requests: see `ioctl_more`). Requests
//! whose argument the kernel fills print its address, as strace prints
//! them when they fail; requests notrace does not know print it in hex.

use super::calls::omitted;
use super::time::Word;
use super::{addr, as_int, Ctx, Out};
use crate::compat::ConstStyle;
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

/// Every name of request `v`, in strace's order. The table is sorted by
/// number (syscall-tables/gen/ioctls.py writes it so).
fn names(v: u64) -> &'static [(&'static str, u64)] {
    let e = xlat::IOCTL_REQUESTS.entries;
    let start = e.partition_point(|x| x.1 < v);
    let end = start + e[start..].partition_point(|x| x.1 == v);
    &e[start..end]
}

/// The first name the table has for request `v`.
pub(super) fn first_name(v: u64) -> Option<&'static str> {
    names(v as u32 as u64).first().map(|e| e.0)
}

/// The request (an `unsigned int`): the name strace makes of a
/// parametrised number (`EVIOCGNAME(256)`), then the table's names.
/// Under `-X raw` strace prints the number alone, under `-X verbose`
/// the number and, in a comment, the abbreviated text (even `_IOC(...)`).
pub(crate) fn request(v: u64) -> Out {
    let v = v as u32 as u64;
    match crate::xlat::style() {
        ConstStyle::Abbrev => request_abbrev(v),
        ConstStyle::Raw => (hex(v), request_abbrev(v).1),
        ConstStyle::Verbose => {
            let (mut t, j) = crate::xlat::with_style(ConstStyle::Abbrev, || request_abbrev(v));
            // Inside the comment a parametrised name's unknown value has
            // no marker (`EVIOCSABS(0x3f)`): comments do not nest.
            while let Some(i) = t.find(" /* ") {
                match t[i..].find(" */") {
                    Some(j) => t.replace_range(i..i + j + 3, ""),
                    None => break,
                }
            }
            (format!("{} /* {t} */", hex(v)), j)
        }
    }
}

fn request_abbrev(v: u64) -> Out {
    let mut list: Vec<String> = super::ioctl_more::number_name(v).into_iter().collect();
    list.extend(names(v).iter().map(|e| e.0.to_string()));
    match list.len() {
        0 => {}
        1 => return (list[0].clone(), Some(Value::from(list[0].clone()))),
        _ => return (list.join(" or "), Some(json!(list))),
    }
    let dir = match v >> 30 {
        0 => "_IOC_NONE",
        1 => "_IOC_WRITE",
        2 => "_IOC_READ",
        _ => "_IOC_READ|_IOC_WRITE",
    };
    let text = format!(
        "_IOC({dir}, {}, {}, {})",
        hex((v >> 8) & 0xff),
        hex(v & 0xff),
        hex((v >> 16) & 0x3fff)
    );
    (text, Some(Value::from(v)))
}

/// How strace prints a request's argument.
enum TermArg {
    /// No argument: left out.
    None,
    /// Filled by the kernel: its address.
    Out,
    /// The register as a C int.
    Int,
    /// The register named by a table.
    Enum(&'static Xlat),
    /// An int behind the pointer: `[N]`.
    IntPtr,
    /// Modem bits behind the pointer: `[TIOCM_DTR]`.
    Modem,
    /// One byte behind the pointer, as a string.
    Char,
    Termios,
    Termio,
    Termios2,
    Winsize,
    /// FICLONERANGE's `struct file_clone_range`.
    CloneRange,
    /// A `struct ifreq` the request reads: its name, then the field the
    /// request sets.
    IfreqIn(IfrField),
    /// A `struct ifreq` the kernel fills, but for its name (the index
    /// for SIOCGIFNAME): `{ifr_name="lo"}`, as strace prints a failed
    /// call.
    IfreqName,
    /// SIOCGIFNAME: `{ifr_ifindex=1}`.
    IfreqIndex,
    /// SIOCBRADDIF: `{ifr_ifindex=if_nametoindex("lo")}`.
    IfreqIfindex,
    /// SIOCGIFCONF's `struct ifconf`: `{ifc_len=N, ifc_buf=ADDR}`.
    Ifconf,
    /// A bridge name of at most IFNAMSIZ bytes.
    IfName,
}

/// The field of `struct ifreq` a SIOCS* request sets.
#[derive(Clone, Copy)]
enum IfrField {
    Addr(&'static str),
    Flags,
    Int(&'static str),
    Name(&'static str),
    HwAddr,
    Map,
}

/// strace's sock_ioctl, by request name (type 0x89 requests).
fn sock_arg(name: &str) -> Option<TermArg> {
    use IfrField as F;
    use TermArg as A;
    Some(match name {
        "SIOCGIFCONF" => A::Ifconf,
        "SIOCBRADDBR" | "SIOCBRDELBR" => A::IfName,
        "FIOGETOWN" | "SIOCATMARK" | "SIOCGIFENCAP" | "SIOCGPGRP" | "SIOCOUTQNSD" => A::Out,
        "FIOSETOWN" | "SIOCSIFENCAP" | "SIOCSPGRP" => A::IntPtr,
        "SIOCBRADDIF" | "SIOCBRDELIF" => A::IfreqIfindex,
        "SIOCSIFADDR" => A::IfreqIn(F::Addr("ifr_addr")),
        "SIOCSIFDSTADDR" => A::IfreqIn(F::Addr("ifr_dstaddr")),
        "SIOCSIFBRDADDR" => A::IfreqIn(F::Addr("ifr_broadaddr")),
        "SIOCSIFNETMASK" => A::IfreqIn(F::Addr("ifr_netmask")),
        "SIOCSIFFLAGS" => A::IfreqIn(F::Flags),
        "SIOCSIFMETRIC" => A::IfreqIn(F::Int("ifr_metric")),
        "SIOCSIFMTU" => A::IfreqIn(F::Int("ifr_mtu")),
        "SIOCSIFTXQLEN" => A::IfreqIn(F::Int("ifr_qlen")),
        "SIOCSIFSLAVE" => A::IfreqIn(F::Name("ifr_slave")),
        "SIOCSIFNAME" => A::IfreqIn(F::Name("ifr_newname")),
        "SIOCADDMULTI" | "SIOCDELMULTI" | "SIOCSIFHWADDR" | "SIOCSIFHWBROADCAST" => {
            A::IfreqIn(F::HwAddr)
        }
        "SIOCSIFMAP" => A::IfreqIn(F::Map),
        "SIOCGIFNAME" => A::IfreqIndex,
        "SIOCGIFADDR" | "SIOCGIFBRDADDR" | "SIOCGIFDSTADDR" | "SIOCGIFFLAGS" | "SIOCGIFHWADDR"
        | "SIOCGIFINDEX" | "SIOCGIFMAP" | "SIOCGIFMETRIC" | "SIOCGIFMTU" | "SIOCGIFNETMASK"
        | "SIOCGIFSLAVE" | "SIOCGIFTXQLEN" => A::IfreqName,
        "SIOCADDDLCI"
        | "SIOCADDRT"
        | "SIOCBONDCHANGEACTIVE"
        | "SIOCBONDENSLAVE"
        | "SIOCBONDINFOQUERY"
        | "SIOCBONDRELEASE"
        | "SIOCBONDSETHWADDR"
        | "SIOCBONDSLAVEINFOQUERY"
        | "SIOCDARP"
        | "SIOCDELDLCI"
        | "SIOCDELRT"
        | "SIOCDIFADDR"
        | "SIOCDRARP"
        | "SIOCETHTOOL"
        | "SIOCGARP"
        | "SIOCGHWTSTAMP"
        | "SIOCGIFBR"
        | "SIOCGIFCOUNT"
        | "SIOCGIFMEM"
        | "SIOCGIFPFLAGS"
        | "SIOCGIFVLAN"
        | "SIOCGMIIPHY"
        | "SIOCGMIIREG"
        | "SIOCGRARP"
        | "SIOCGSKNS"
        | "SIOCGSTAMP_OLD"
        | "SIOCGSTAMP_NEW"
        | "SIOCGSTAMPNS_OLD"
        | "SIOCGSTAMPNS_NEW"
        | "SIOCRTMSG"
        | "SIOCSARP"
        | "SIOCSHWTSTAMP"
        | "SIOCSIFBR"
        | "SIOCSIFLINK"
        | "SIOCSIFMEM"
        | "SIOCSIFPFLAGS"
        | "SIOCSIFVLAN"
        | "SIOCSMIIREG"
        | "SIOCSRARP"
        | "SIOCWANDEV" => A::Out,
        _ => return None,
    })
}

/// `sizeof(struct ifreq)` on 64-bit ABIs: a 16-byte name and a 24-byte
/// union (its largest member, `struct ifmap`, holds two longs).
const IFREQ_SIZE: usize = 40;

/// `sizeof(struct ifreq)` for a tracee of word size `w` (32 on i386 and
/// x32's compat ioctl).
fn ifreq_size(w: Word) -> usize {
    match w {
        Word::W64 => IFREQ_SIZE,
        Word::W32 => 32,
    }
}

/// [`read`] of a run-time length.
pub(super) fn read_n(ctx: &Ctx, v: u64, len: usize) -> Result<Vec<u8>, Out> {
    if v == 0 {
        return Err(("NULL".into(), None));
    }
    super::time::read_all(ctx, v, len).ok_or_else(|| (addr(v), None))
}
const IFNAMSIZ: usize = 16;

/// A name of `IFNAMSIZ` bytes, strace's `print_quoted_cstring`: up to the
/// NUL; without one, all but the last byte and `...`.
fn ifname(ctx: &Ctx, b: &[u8]) -> (String, Value) {
    match b.iter().position(|&c| c == 0) {
        Some(n) => (
            super::strings::quote(&b[..n], ctx.opts.hex, false),
            super::bytes_json(&b[..n]),
        ),
        None => {
            let b = &b[..b.len() - 1];
            (
                format!("{}...", super::strings::quote(b, ctx.opts.hex, false)),
                super::bytes_json(b),
            )
        }
    }
}

/// Beyond this type strace knows no hardware address length.
const ARPHRD_VSOCKMON: u64 = 826;

/// A `struct sockaddr` holding a hardware address: the type, then as
/// many bytes of `sa_data` as the type's addresses have, colon-separated.
fn hwaddr(b: &[u8]) -> (String, Value) {
    let ty = u16::from_ne_bytes([b[0], b[1]]) as u64;
    let data = &b[2..16];
    let len = xlat::ARP_HARDWARE_TYPES
        .lookup(ty)
        .and_then(|n| {
            xlat::ARP_HARDWARE_ADDR_LENS
                .entries
                .iter()
                .find(|e| e.0 == n)
        })
        .filter(|_| ty <= ARPHRD_VSOCKMON)
        .map_or(data.len(), |e| (e.1 as usize).min(data.len()));
    let mac: Vec<String> = data[..len].iter().map(|c| format!("{c:02x}")).collect();
    // -X: the whole sa_data in hex, under verbose with the address after.
    let data_t = match crate::xlat::style() {
        ConstStyle::Abbrev => mac.join(":"),
        ConstStyle::Raw => super::quote(data, super::HexMode::All, false),
        ConstStyle::Verbose => format!(
            "{} /* {} */",
            super::quote(data, super::HexMode::All, false),
            mac.join(":")
        ),
    };
    (
        format!(
            "{{sa_family={}, sa_data={data_t}}}",
            xlat::ARP_HARDWARE_TYPES.format_enum(ty),
        ),
        json!({ "family": xlat::ARP_HARDWARE_TYPES.enum_json(ty), "data": mac.join(":") }),
    )
}

fn ifreq(ctx: &Ctx, v: u64, kind: &TermArg, w: Word) -> Out {
    let b = match read_n(ctx, v, ifreq_size(w)) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let int_at = |i: usize| i32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let (name_t, name_j) = ifname(ctx, &b[..IFNAMSIZ]);
    let u = &b[IFNAMSIZ..];
    let mut value = json!({ "name": name_j });
    let text = match kind {
        TermArg::IfreqIndex => {
            let i = int_at(IFNAMSIZ);
            value = json!({ "ifindex": i });
            format!("{{ifr_ifindex={i}}}")
        }
        TermArg::IfreqIfindex => {
            let i = int_at(IFNAMSIZ) as u32;
            value = json!({ "ifindex": i });
            format!("{{ifr_ifindex={}}}", super::sockets::ifindex_text(ctx, i))
        }
        TermArg::IfreqIn(field) => {
            let f: String = match *field {
                IfrField::Addr(label) => {
                    let (t, j) = super::sockets::sockaddr_bytes(ctx, &u[..16]);
                    value["addr"] = j;
                    format!("{label}={t}")
                }
                IfrField::Flags => {
                    let f = u16::from_ne_bytes([u[0], u[1]]) as u64;
                    value["flags"] = xlat::IFF_FLAGS.flags_json(f);
                    format!("ifr_flags={}", xlat::IFF_FLAGS.format_flags(f))
                }
                IfrField::Int(label) => {
                    let n = int_at(IFNAMSIZ);
                    value[label.trim_start_matches("ifr_")] = Value::from(n);
                    format!("{label}={n}")
                }
                IfrField::Name(label) => {
                    let (t, j) = ifname(ctx, &u[..IFNAMSIZ]);
                    value[label.trim_start_matches("ifr_")] = j;
                    format!("{label}={t}")
                }
                IfrField::HwAddr => {
                    let (t, j) = hwaddr(&u[..16]);
                    value["hwaddr"] = j;
                    format!("ifr_hwaddr={t}")
                }
                IfrField::Map => {
                    // struct ifmap: two unsigned longs, then a u16 and
                    // three bytes.
                    let f = super::time::Fields(u);
                    let n = w.bytes();
                    let (start, end) = (f.ulong(0, w), f.ulong(n, w));
                    let base = f.u16(2 * n) as u64;
                    let (irq, dma, port) = (
                        u[2 * n + 2] as u64,
                        u[2 * n + 3] as u64,
                        u[2 * n + 4] as u64,
                    );
                    value["map"] = json!({
                        "mem_start": start, "mem_end": end, "base_addr": base,
                        "irq": irq, "dma": dma, "port": port,
                    });
                    format!(
                        "ifr_map={{mem_start={}, mem_end={}, base_addr={}, irq={}, dma={}, port={}}}",
                        hex(start),
                        hex(end),
                        hex(base),
                        hex(irq),
                        hex(dma),
                        hex(port)
                    )
                }
            };
            format!("{{ifr_name={name_t}, {f}}}")
        }
        _ => format!("{{ifr_name={name_t}}}"),
    };
    (text, Some(value))
}

/// SIOCGIFCONF's `struct ifconf` (`int ifc_len`, then the buffer pointer,
/// word-aligned): the length with how many ifreqs it holds, and the
/// buffer's address.
fn ifconf(v: u64, ctx: &Ctx, w: Word) -> Out {
    let b = match read_n(ctx, v, 2 * w.bytes()) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let f = super::time::Fields(&b);
    let len = f.i32(0);
    let buf = f.ulong(w.bytes(), w);
    let size = ifreq_size(w) as u32;
    let n = len as u32 / size;
    let len_t = if len > 0 && n * size == len as u32 {
        format!("{len} /* {n} * sizeof(struct ifreq) */")
    } else {
        len.to_string()
    };
    (
        format!("{{ifc_len={len_t}, ifc_buf={}}}", addr(buf)),
        Some(json!({ "len": len, "buf": buf })),
    )
}

/// strace's term_ioctl, by request name (type `'T'` requests only).
fn term_arg(name: &str) -> Option<TermArg> {
    use TermArg as A;
    Some(match name {
        "TCGETS" | "TIOCGLCKTRMIOS" | "TCGETA" | "TIOCGWINSZ" | "TCGETS2" | "TIOCMGET"
        | "TIOCGPGRP" | "TIOCGSID" | "TIOCGETD" | "TIOCGSOFTCAR" | "TIOCGPTN" | "FIONREAD"
        | "TIOCOUTQ" | "TIOCGEXCL" | "TIOCGDEV" => A::Out,
        "TCSETS" | "TCSETSW" | "TCSETSF" | "TIOCSLCKTRMIOS" => A::Termios,
        "TCSETA" | "TCSETAW" | "TCSETAF" => A::Termio,
        "TCSETS2" | "TCSETSW2" | "TCSETSF2" => A::Termios2,
        "TIOCSWINSZ" => A::Winsize,
        "TCXONC" => A::Enum(&xlat::TCXONC_OPTIONS),
        "TCFLSH" => A::Enum(&xlat::TCFLSH_OPTIONS),
        "TCSBRK" | "TCSBRKP" | "TIOCSCTTY" => A::Int,
        "TIOCMBIS" | "TIOCMBIC" | "TIOCMSET" => A::Modem,
        "TIOCSPGRP" | "TIOCSETD" | "FIONBIO" | "FIOASYNC" | "TIOCPKT" | "TIOCSSOFTCAR"
        | "TIOCSPTLCK" => A::IntPtr,
        "TIOCSTI" => A::Char,
        "TIOCSBRK" | "TIOCCBRK" | "TIOCCONS" | "TIOCNOTTY" | "TIOCEXCL" | "TIOCNXCL"
        | "FIOCLEX" | "FIONCLEX" | "TIOCVHANGUP" | "TIOCSSERIAL" => A::None,
        _ => return None,
    })
}

/// ioctl's third argument, shaped by the request `req` (argument N);
/// `w` is the tracee's word size, for the structs holding longs or
/// pointers (ifreq's ifmap, ifconf, loop_info, blkpg_ioctl_arg).
pub(crate) fn arg(ctx: &Ctx, v: u64, req: u64, w: Word) -> Out {
    let req = req as u32 as u64;
    let ty = (req >> 8) & 0xff;
    if let Some(o) = names(req).iter().find_map(|&(name, _)| {
        super::ioctl_more::arg(ctx, v, ty, name, w)
            .or_else(|| super::ioctl_fs::arg(ctx, v, ty, name, w))
    }) {
        return o;
    }
    // A number may have several names (`SNDCTL_TMR_START or TCSETS`):
    // the decoder is the one the terminal or file name picks.
    let kind = names(req)
        .iter()
        .find_map(|&(name, _)| match (req >> 8) & 0xff {
            0x54 => term_arg(name),
            0x94 => match name {
                "FICLONE" => Some(TermArg::Int),
                "FICLONERANGE" => Some(TermArg::CloneRange),
                _ => None,
            },
            0x89 => sock_arg(name),
            _ => None,
        });
    if kind.is_none() {
        if let Some(o) = super::ioctl_more::unnamed_arg(ctx, v, req) {
            return o;
        }
    }
    use TermArg as A;
    match kind {
        None => (hex(v), Some(Value::from(v))),
        Some(A::None) => omitted(v),
        Some(A::Out) => (addr(v), None),
        Some(A::Int) => {
            let n = as_int(v);
            (n.to_string(), Some(Value::from(n)))
        }
        Some(A::Enum(t)) => (t.format_enum(v), Some(t.enum_json(v))),
        Some(A::IntPtr) => match read::<4>(ctx, v) {
            Ok(b) => {
                let n = i32::from_ne_bytes(b);
                (format!("[{n}]"), Some(Value::from(n)))
            }
            Err(o) => o,
        },
        Some(A::Modem) => match read::<4>(ctx, v) {
            Ok(b) => {
                let n = u32::from_ne_bytes(b) as u64;
                (
                    format!("[{}]", xlat::MODEM_FLAGS.format_flags(n)),
                    Some(xlat::MODEM_FLAGS.flags_json(n)),
                )
            }
            Err(o) => o,
        },
        Some(A::Char) => super::strings::buf(ctx, v, 1),
        Some(A::CloneRange) => clone_range(ctx, v),
        Some(k @ (A::IfreqIn(_) | A::IfreqName | A::IfreqIndex | A::IfreqIfindex)) => {
            ifreq(ctx, v, &k, w)
        }
        Some(A::Ifconf) => ifconf(v, ctx, w),
        Some(A::IfName) => match crate::memory::read_cstring(ctx.mem, v, IFNAMSIZ) {
            _ if v == 0 => ("NULL".into(), None),
            Some(s) if !s.faulted => {
                let mut t = super::strings::quote(&s.bytes, ctx.opts.hex, false);
                if !s.terminated {
                    t.push_str("...");
                }
                (t, Some(super::bytes_json(&s.bytes)))
            }
            _ => (addr(v), None),
        },
        Some(A::Termios) => termios(ctx, v, Layout::Termios),
        Some(A::Termio) => termios(ctx, v, Layout::Termio),
        Some(A::Termios2) => termios(ctx, v, Layout::Termios2),
        Some(A::Winsize) => match read::<8>(ctx, v) {
            Ok(b) => {
                let w = |i: usize| u16::from_ne_bytes([b[i], b[i + 1]]);
                let (r, c, x, y) = (w(0), w(2), w(4), w(6));
                (
                    format!("{{ws_row={r}, ws_col={c}, ws_xpixel={x}, ws_ypixel={y}}}"),
                    Some(json!({ "row": r, "col": c, "xpixel": x, "ypixel": y })),
                )
            }
            Err(o) => o,
        },
    }
}

/// `N` bytes at `v`, or what strace prints instead (NULL or the address).
pub(super) fn read<const N: usize>(ctx: &Ctx, v: u64) -> Result<[u8; N], Out> {
    let mut b = [0u8; N];
    if v == 0 {
        return Err(("NULL".into(), None));
    }
    if !read_exact(ctx.mem, v, &mut b) {
        return Err((addr(v), None));
    }
    Ok(b)
}

/// FICLONERANGE's `struct file_clone_range`.
fn clone_range(ctx: &Ctx, v: u64) -> Out {
    let b = match read::<32>(ctx, v) {
        Ok(b) => b,
        Err(o) => return o,
    };
    let q = |i: usize| u64::from_ne_bytes(b[i..i + 8].try_into().unwrap());
    let (fd, _) = super::files::fd(ctx, q(0) as i64 as u64);
    let (so, sl, d) = (q(8), q(16), q(24));
    (
        format!("{{src_fd={fd}, src_offset={so}, src_length={sl}, dest_offset={d}}}"),
        Some(
            json!({ "src_fd": q(0) as i64, "src_offset": so, "src_length": sl, "dest_offset": d }),
        ),
    )
}

/// The kernel's terminal structures (`linux/termbits.h`).
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// `struct termios`: four `tcflag_t`, `c_line`, 19 `c_cc`.
    Termios,
    /// `struct termio`: four `unsigned short`, `c_line`, 8 `c_cc`.
    Termio,
    /// `struct termios2`: a termios, then `c_ispeed`, `c_ospeed`.
    Termios2,
}

const CBAUD: u64 = 0o010017;
const CIBAUD: u64 = 0o02003600000;
const IBSHIFT: u64 = 16;
const CSIZE: u64 = 0o60;

/// The output delay fields, each printed from its own table.
const OFLAG_DELAYS: [(&Xlat, u64); 6] = [
    (&xlat::TERM_OFLAGS_NLDLY, 0o400),
    (&xlat::TERM_OFLAGS_CRDLY, 0o3000),
    (&xlat::TERM_OFLAGS_TABDLY, 0o14000),
    (&xlat::TERM_OFLAGS_BSDLY, 0o20000),
    (&xlat::TERM_OFLAGS_VTDLY, 0o40000),
    (&xlat::TERM_OFLAGS_FFDLY, 0o100000),
];

/// A terminal flag word: strace 6.1 prints zero as nothing at all
/// (`c_lflag=`), having no name and no default for it.
fn term_flags(t: &Xlat, v: u64) -> String {
    if v == 0 {
        String::new()
    } else {
        t.format_flags(v)
    }
}

fn oflag(mut v: u64) -> String {
    let mut parts = Vec::new();
    for (t, mask) in OFLAG_DELAYS {
        parts.push(t.format_enum(v & mask));
        v &= !mask;
    }
    parts.push(term_flags(&xlat::TERM_OFLAGS, v));
    parts.join("|")
}

fn cflag(mut v: u64) -> String {
    let mut parts = vec![xlat::BAUD_OPTIONS.format_enum(v & CBAUD)];
    if v & CIBAUD != 0 {
        parts.push(format!(
            "{}<<{}",
            xlat::BAUD_OPTIONS.format_enum((v & CIBAUD) >> IBSHIFT),
            crate::xlat::styled(|| hex(IBSHIFT), || "IBSHIFT".into())
        ));
    }
    parts.push(xlat::TERM_CFLAGS_CSIZE.format_enum(v & CSIZE));
    v &= !(CBAUD | CIBAUD | CSIZE);
    parts.push(term_flags(&xlat::TERM_CFLAGS, v));
    parts.join("|")
}

/// A terminal structure: the four flag words, then with `-v` the line
/// discipline, the control characters and (termios2) the speeds.
fn termios(ctx: &Ctx, v: u64, layout: Layout) -> Out {
    let size = match layout {
        Layout::Termios => 36,
        Layout::Termio => 18,
        Layout::Termios2 => 44,
    };
    let mut b = [0u8; 44];
    if v == 0 {
        return ("NULL".into(), None);
    }
    if !read_exact(ctx.mem, v, &mut b[..size]) {
        return (addr(v), None);
    }
    let (flags, line_at, ncc): ([u64; 4], usize, usize) = if layout == Layout::Termio {
        let h = |i: usize| u16::from_ne_bytes([b[i * 2], b[i * 2 + 1]]) as u64;
        ([h(0), h(1), h(2), h(3)], 8, 8)
    } else {
        let w = |i: usize| u32::from_ne_bytes(b[i * 4..i * 4 + 4].try_into().unwrap()) as u64;
        ([w(0), w(1), w(2), w(3)], 16, 19)
    };
    let [i, o, c, l] = flags;
    let texts = [
        term_flags(&xlat::TERM_IFLAGS, i),
        oflag(o),
        cflag(c),
        term_flags(&xlat::TERM_LFLAGS, l),
    ];
    let mut text = format!(
        "{{c_iflag={}, c_oflag={}, c_cflag={}, c_lflag={}, ",
        texts[0], texts[1], texts[2], texts[3]
    );
    let split = |t: &str| -> Value {
        t.split('|')
            .filter(|p| !p.is_empty())
            .map(Value::from)
            .collect()
    };
    let mut value = json!({
        "iflag": split(&texts[0]), "oflag": split(&texts[1]),
        "cflag": split(&texts[2]), "lflag": split(&texts[3]),
    });
    if !ctx.opts.verbose {
        text.push_str("...}");
        return (text, Some(value));
    }
    let line = b[line_at] as u64;
    let cc = &b[line_at + 1..line_at + 1 + ncc];
    let cc_t: Vec<String> = cc
        .iter()
        .enumerate()
        .map(|(k, &ch)| {
            let idx = xlat::TERMIOS_CC
                .lookup(k as u64)
                .map_or_else(|| k.to_string(), str::to_string);
            format!("[{idx}]={}", hex(ch as u64))
        })
        .collect();
    text.push_str(&format!(
        "c_line={}, c_cc=[{}]",
        xlat::TERM_LINE_DISCS.format_enum(line),
        cc_t.join(", ")
    ));
    value["line"] = xlat::TERM_LINE_DISCS.enum_json(line);
    value["cc"] = json!(cc);
    if layout == Layout::Termios2 {
        let w = |k: usize| u32::from_ne_bytes(b[k..k + 4].try_into().unwrap());
        let (is, os) = (w(36), w(40));
        text.push_str(&format!(", c_ispeed={is}, c_ospeed={os}"));
        value["ispeed"] = Value::from(is);
        value["ospeed"] = Value::from(os);
    }
    text.push('}');
    (text, Some(value))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_request_table_is_sorted_by_number() {
        let e = crate::xlat::IOCTL_REQUESTS.entries;
        assert!(e.windows(2).all(|w| w[0].1 <= w[1].1));
        assert_eq!(super::request(0x4004_9409).0, "BTRFS_IOC_CLONE or FICLONE");
        assert_eq!(super::request(0xdead_0000_5401).0, "TCGETS");
    }
}
