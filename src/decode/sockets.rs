//! Socket arguments: protocol and option names that depend on another
//! argument, socket types, `struct sockaddr`, `struct msghdr` with its
//! control messages, setsockopt's values, and the input side of the
//! in/out lengths (`[128]`) that strace completes at exit.

use super::strings::quote;
use super::time::{Fields, Word};
use super::{addr, io, Ctx, Out};
use crate::memory::{read_bytes, read_exact, read_u32};
use crate::xlat::{self, Xlat};
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

const AF_UNIX: u64 = 1;
const AF_INET: u64 = 2;
const AF_AX25: u64 = 3;
const AF_IRDA: u64 = 23;
const AF_INET6: u64 = 10;
const AF_NETLINK: u64 = 16;
const AF_PACKET: u64 = 17;
const AF_CAN: u64 = 29;
const AF_BLUETOOTH: u64 = 31;
const AF_RXRPC: u64 = 33;
const AF_ISDN: u64 = 34;
const AF_PHONET: u64 = 35;
const AF_CAIF: u64 = 37;
const AF_NFC: u64 = 39;
const AF_KCM: u64 = 41;
const AF_SMC: u64 = 43;
const SOL_IP: u32 = 0;
const SOL_SOCKET: u32 = 1;
const SOL_IPV6: u32 = 41;
const SOL_NETLINK: u32 = 270;
const SOL_UDP: u32 = 17;
const SOL_RAW: u32 = 255;
const SOL_PACKET: u32 = 263;
/// `sizeof(struct sockaddr_storage)`: the most strace reads of a sockaddr.
const SOCKADDR_MAX: usize = 128;

/// socket()'s protocol, named per domain where there is a table.
///
/// strace looks at both registers whole here (a `kernel_ulong_t` switch),
/// so junk in the upper half of the domain makes it print the protocol as
/// a plain number, and the protocol is printed as the whole register.
pub(crate) fn protocol(v: u64, domain: u64) -> Out {
    if domain == AF_PACKET {
        // An ethertype in network order: strace names the swapped low 16
        // bits inside `htons(...)`.
        let p = (v as u16).swap_bytes() as u64;
        let t = &xlat::ETHERNET_PROTOCOLS;
        return (format!("htons({})", t.format_enum(p)), Some(t.enum_json(p)));
    }
    if domain == AF_AX25 {
        // strace prints these in its verbose style whatever -X says
        // (`0xcc /* AX25_P_IP */`): the names are not in public headers.
        let t = &xlat::AX25_PROTOCOLS;
        let text = xlat::with_style(crate::compat::ConstStyle::Verbose, || t.format_enum(v));
        return (text, Some(t.enum_json(v)));
    }
    let t: Option<&Xlat> = match domain {
        AF_INET | AF_INET6 => Some(&xlat::IP_PROTOCOLS),
        AF_NETLINK => Some(&xlat::NETLINK_PROTOCOLS),
        AF_CAN => Some(&xlat::CAN_PROTOCOLS),
        AF_BLUETOOTH => Some(&xlat::BT_PROTOCOLS),
        // RxRPC sockets take the transport's address family.
        AF_RXRPC => Some(&xlat::ADDRESS_FAMILIES),
        // strace 6.1 names AF_IRDA's protocols from its CAN table.
        AF_IRDA => Some(&xlat::IRDA_PROTOCOLS),
        AF_ISDN => Some(&xlat::ISDN_PROTOCOLS),
        AF_PHONET => Some(&xlat::PHONET_PROTOCOLS),
        AF_CAIF => Some(&xlat::CAIF_PROTOCOLS),
        AF_NFC => Some(&xlat::NFC_PROTOCOLS),
        AF_KCM => Some(&xlat::KCM_PROTOCOLS),
        AF_SMC => Some(&xlat::SMC_PROTOCOLS),
        _ => None,
    };
    match t {
        Some(t) => (t.format_enum(v), Some(t.enum_json(v))),
        None => (v.to_string(), Some(Value::from(v))),
    }
}

/// setsockopt/getsockopt option name, by level: the levels strace 6.1's
/// print_sockopt_fd_level_name names options at (AF_VSOCK, 40, among
/// them: vsock checks the family as the level); others print a number.
pub(crate) fn sockopt_name(v: u64, level: u64) -> Out {
    let v = v as u32 as u64;
    let t: Option<&Xlat> = match level as u32 {
        SOL_IP => Some(&xlat::SOCKOPT_IP),
        SOL_SOCKET => Some(&xlat::SOCKOPT_SOCKET),
        6 => Some(&xlat::SOCKOPT_TCP),
        SOL_IPV6 => Some(&xlat::SOCKOPT_IPV6),
        SOL_NETLINK => Some(&xlat::SOCKOPT_NETLINK),
        SOL_UDP => Some(&xlat::SOCKOPT_UDP),
        SOL_RAW => Some(&xlat::SOCKOPT_RAW),
        SOL_PACKET => Some(&xlat::SOCKOPT_PACKET),
        40 => Some(&xlat::SOCKOPT_VSOCK),
        101 => Some(&xlat::SOCKOPT_CAN_RAW),
        132 => Some(&xlat::SOCKOPT_SCTP),
        256 => Some(&xlat::SOCKOPT_IPX),
        257 => Some(&xlat::SOCKOPT_AX25),
        266 => Some(&xlat::SOCKOPT_IRDA),
        268 => Some(&xlat::SOCKOPT_LLC),
        269 => Some(&xlat::SOCKOPT_DCCP),
        271 => Some(&xlat::SOCKOPT_TIPC),
        272 => Some(&xlat::SOCKOPT_RXRPC),
        273 => Some(&xlat::SOCKOPT_PPPOL2TP),
        274 => Some(&xlat::SOCKOPT_BLUETOOTH),
        275 => Some(&xlat::SOCKOPT_PNP),
        276 => Some(&xlat::SOCKOPT_RDS),
        277 => Some(&xlat::SOCKOPT_IUCV),
        278 => Some(&xlat::SOCKOPT_CAIF),
        279 => Some(&xlat::SOCKOPT_ALG),
        280 => Some(&xlat::SOCKOPT_NFCLLCP),
        281 => Some(&xlat::SOCKOPT_KCM),
        282 => Some(&xlat::SOCKOPT_TLS),
        283 => Some(&xlat::SOCKOPT_XDP),
        _ => None,
    };
    match t {
        Some(t) => (t.format_enum(v), Some(t.enum_json(v))),
        None => (v.to_string(), Some(Value::from(v))),
    }
}

/// socket() type: the type in the low 4 bits, then `SOCK_*` flags.
pub(crate) fn sock_type(v: u64) -> Out {
    let v = v as u32 as u64;
    let (ty, rest) = (v & 0xf, v & !0xf);
    let Some(name) = xlat::SOCKET_TYPES.lookup(ty) else {
        // strace: an unknown base type leaves the whole value to the
        // flags table (`0x100000 /* SOCK_??? */`, `SOCK_NONBLOCK|0xb`).
        return (
            xlat::SOCKET_FLAGS.format_flags(v),
            Some(xlat::SOCKET_FLAGS.flags_json(v)),
        );
    };
    // Under -X each part is a number of its own (`0x1|0x80800`).
    let mut text = xlat::SOCKET_TYPES.format_enum(ty);
    let mut list = vec![Value::from(name)];
    if rest != 0 {
        text.push('|');
        text.push_str(&xlat::SOCKET_FLAGS.format_flags(rest));
        if let Value::Array(more) = xlat::SOCKET_FLAGS.flags_json(rest) {
            list.extend(more);
        }
    }
    (text, Some(Value::Array(list)))
}

/// A sockaddr pointer with its length argument.
pub(crate) fn sockaddr(ctx: &Ctx, v: u64, len: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    // The length is a C int: a negative one is too short, as for strace.
    let len = len as u32 as i32;
    if len < 2 {
        return (addr(v), None);
    }
    let len = len as u64;
    let bytes = read_bytes(ctx.mem, v, len, SOCKADDR_MAX);
    if bytes.len() < (len as usize).min(SOCKADDR_MAX) {
        return (addr(v), None);
    }
    let (t, j) = sockaddr_bytes(ctx, &bytes);
    (t, Some(j))
}

/// Decodes sockaddr bytes (already cut to the given length).
pub(crate) fn sockaddr_bytes(ctx: &Ctx, b: &[u8]) -> (String, Value) {
    let family = u16::from_ne_bytes([b[0], b[1]]) as u64;
    let fam = xlat::ADDRESS_FAMILIES.format_enum(family);
    let fam_j = xlat::ADDRESS_FAMILIES.enum_json(family);
    let be16 = |i: usize| u16::from_be_bytes([b[i], b[i + 1]]);
    let ne32 = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    match family {
        AF_INET if b.len() >= 16 => {
            let port = be16(2);
            let ip = Ipv4Addr::new(b[4], b[5], b[6], b[7]);
            (
                format!(
                    "{{sa_family={fam}, {}, {}}}",
                    net_port("sin_port", &b[2..4]),
                    inet4("sin_addr", &b[4..8])
                ),
                json!({ "family": "AF_INET", "address": ip.to_string(), "port": port }),
            )
        }
        AF_INET6 if b.len() >= 24 => {
            let port = be16(2);
            let flow = u32::from_be_bytes(b[4..8].try_into().unwrap());
            let ip = Ipv6Addr::from(<[u8; 16]>::try_from(&b[8..24]).unwrap());
            let mut text = format!(
                "{{sa_family={fam}, {}, {}, {}",
                net_port("sin6_port", &b[2..4]),
                net_field(
                    "sin6_flowinfo",
                    &b[4..8],
                    format!("sin6_flowinfo=htonl({flow})"),
                    || { format!("htonl({flow})") }
                ),
                inet6("sin6_addr", &b[8..24])
            );
            let mut value = json!({ "family": "AF_INET6", "address": ip.to_string(), "port": port, "flowinfo": flow });
            if b.len() >= 28 {
                let scope = ne32(24);
                // Link-local addresses name their interface.
                let seg0 = ip.segments()[0];
                let link_local = seg0 & 0xffc0 == 0xfe80 || seg0 & 0xff0f == 0xff02;
                match link_local.then(|| ctx.host.if_name(scope)).flatten() {
                    Some(name) => text.push_str(&format!(
                        ", sin6_scope_id={}",
                        xlat::styled(
                            || scope.to_string(),
                            || format!("if_nametoindex(\"{name}\")")
                        )
                    )),
                    None => text.push_str(&format!(", sin6_scope_id={scope}")),
                }
                value["scope_id"] = Value::from(scope);
            }
            text.push('}');
            (text, value)
        }
        AF_UNIX => {
            let path = &b[2..];
            if path.is_empty() {
                return (
                    format!("{{sa_family={fam}}}"),
                    json!({ "family": "AF_UNIX" }),
                );
            }
            if path[0] == 0 && path.len() > 1 {
                // Abstract: every byte up to the length counts.
                let name = &path[1..];
                (
                    format!(
                        "{{sa_family={fam}, sun_path=@{}}}",
                        quote(name, ctx.opts.hex, false)
                    ),
                    json!({ "family": "AF_UNIX", "path": super::bytes_json(name), "abstract": true }),
                )
            } else {
                let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
                let p = &path[..end];
                (
                    format!(
                        "{{sa_family={fam}, sun_path={}}}",
                        quote(p, ctx.opts.hex, true)
                    ),
                    json!({ "family": "AF_UNIX", "path": super::bytes_json(p), "abstract": false }),
                )
            }
        }
        AF_NETLINK if b.len() >= 12 => {
            let (pid, groups) = (ne32(4), ne32(8));
            // C's %#08x: no 0x for zero.
            let g = if groups == 0 {
                "00000000".to_string()
            } else {
                format!("{groups:#08x}")
            };
            (
                format!("{{sa_family={fam}, nl_pid={pid}, nl_groups={g}}}"),
                json!({ "family": "AF_NETLINK", "pid": pid, "groups": groups }),
            )
        }
        _ => {
            let data = &b[2..];
            (
                format!(
                    "{{sa_family={fam}, sa_data={}}}",
                    quote(data, ctx.opts.hex, false)
                ),
                json!({ "family": fam_j, "data": hex_string(data) }),
            )
        }
    }
}

fn hex_string(b: &[u8]) -> String {
    b.iter().map(|c| format!("{c:02x}")).collect()
}

/// The input side of an in/out length (`int *`): `[128]`, as strace
/// prints it when the call fails (at exit it adds ` => 16`); `None` when
/// the pointer is NULL or unreadable.
fn inout_len(ctx: &Ctx, v: u64) -> Option<Out> {
    if v == 0 {
        return None;
    }
    let n = read_u32(ctx.mem, v)? as i32;
    Some((format!("[{n}]"), Some(Value::from(n))))
}

/// getsockname/getpeername/accept/accept4/recvfrom's address length: the
/// length passed in, read only when the address (argument N) is not NULL,
/// as strace reads it; else the pointer.
pub(crate) fn socklen_inout(ctx: &Ctx, v: u64, sockaddr: u64) -> Out {
    if sockaddr != 0 {
        if let Some(o) = inout_len(ctx, v) {
            return o;
        }
    }
    (addr(v), None)
}

/// getsockopt's option length: the length passed in, else the pointer.
pub(crate) fn optlen_inout(ctx: &Ctx, v: u64) -> Out {
    inout_len(ctx, v).unwrap_or_else(|| (addr(v), None))
}

/// `sizeof(struct msghdr)` on 64-bit ABIs.
/// `sizeof(struct msghdr)`: 56 on 64-bit ABIs, 28 on i386.
fn msghdr_size(w: Word) -> usize {
    match w {
        Word::W64 => 56,
        Word::W32 => 28,
    }
}

/// recvmsg's header at entry: only its `msg_namelen` is input, printed
/// as strace prints it for a failed call (`{msg_namelen=128}`).
pub(crate) fn msghdr_inout(ctx: &Ctx, v: u64, w: Word) -> Out {
    let mut b = [0u8; 56];
    let b = &mut b[..msghdr_size(w)];
    if v == 0 || !read_exact(ctx.mem, v, b) {
        return (addr(v), None);
    }
    let namelen = Fields(b).i32(w.bytes());
    (
        format!("{{msg_namelen={namelen}}}"),
        Some(json!({ "namelen": namelen })),
    )
}

/// `struct msghdr` (sendmsg): name, iovecs with their data (netlink
/// messages when the name is a netlink address), control messages,
/// flags. `w` is the tracee's word (i386's msghdr has 32-bit pointers
/// and lengths).
pub(crate) fn msghdr(ctx: &Ctx, v: u64, w: Word) -> Out {
    let mut b = [0u8; 56];
    let b = &mut b[..msghdr_size(w)];
    if v == 0 || !read_exact(ctx.mem, v, b) {
        return (addr(v), None);
    }
    let (t, j) = msghdr_bytes(ctx, b, w);
    (t, Some(j))
}

fn msghdr_bytes(ctx: &Ctx, b: &[u8], w: Word) -> (String, Value) {
    let n = w.bytes();
    let f = Fields(b);
    // name, namelen (an int, padded to a word), iov, iovlen, control,
    // controllen, flags.
    let name = f.ulong(0, w);
    let namelen = f.i32(n);
    let (iov, iovlen) = (f.ulong(2 * n, w), f.ulong(3 * n, w));
    let (control, controllen) = (f.ulong(4 * n, w), f.ulong(5 * n, w));
    let flags = f.u32(6 * n) as u64;
    let (name_t, name_j) = sockaddr(ctx, name, namelen as u32 as u64);
    let is_netlink = name_j.as_ref().is_some_and(|j| j["family"] == "AF_NETLINK");
    let (iov_t, iov_j) = if is_netlink {
        // strace assumes the descriptor is the first argument.
        super::netlink::iovec(ctx, iov, iovlen, ctx.arg(0), w)
    } else {
        io::iovec(ctx, iov, iovlen, true, w)
    };
    let mut text = format!(
        "{{msg_name={name_t}, msg_namelen={namelen}, msg_iov={iov_t}, msg_iovlen={iovlen}, "
    );
    let mut cmsgs = Value::Null;
    if controllen != 0 {
        let (t, j) = msg_control(ctx, control, controllen, w);
        text.push_str(&format!("msg_control={t}, "));
        cmsgs = j.unwrap_or(Value::Null);
    }
    text.push_str(&format!(
        "msg_controllen={controllen}, msg_flags={}}}",
        xlat::MSG_FLAGS.format_flags(flags)
    ));
    let value = json!({
        "name": name_j, "namelen": namelen, "iov": iov_j, "iovlen": iovlen,
        "control": control, "controllen": controllen, "cmsgs": cmsgs,
        "flags": xlat::MSG_FLAGS.flags_json(flags),
    });
    (text, value)
}

/// `sizeof(struct mmsghdr)`: a msghdr and `msg_len`, padded to a word.
fn mmsghdr_size(w: Word) -> u64 {
    match w {
        Word::W64 => 64,
        Word::W32 => 32,
    }
}
/// strace prints at most IOV_MAX messages of a vector.
const IOV_MAX: usize = 1024;

/// sendmmsg's vector of `vlen` messages: at entry no `msg_len` is known,
/// so each prints as `{msg_hdr={...}}`, as strace prints a failed call.
pub(crate) fn mmsghdrs(ctx: &Ctx, v: u64, vlen: u64, w: Word) -> Out {
    let size = mmsghdr_size(w);
    let vlen = vlen as u32 as u64;
    if v == 0 {
        return ("NULL".into(), None);
    }
    if vlen == 0 {
        return ("[]".into(), Some(Value::Array(vec![])));
    }
    if vlen
        .checked_mul(size)
        .and_then(|n| v.checked_add(n))
        .is_none()
    {
        return (addr(v), None);
    }
    let limit = ctx.array_limit();
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    for i in 0..vlen {
        if parts.len() >= limit || i as usize >= IOV_MAX {
            parts.push("...".to_string());
            break;
        }
        let at = v + i * size;
        let mut b = [0u8; 64];
        let b = &mut b[..size as usize];
        if !read_exact(ctx.mem, at, b) {
            if i == 0 {
                return (addr(v), None);
            }
            parts.push(format!("... /* {at:#x} */"));
            break;
        }
        let (t, j) = msghdr_bytes(ctx, &b[..msghdr_size(w)], w);
        parts.push(format!("{{msg_hdr={t}}}"));
        values.push(json!({ "msg_hdr": j }));
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// The kernel's limit on control data (`net.core.optmem_max`, rounded up
/// to 8), which strace also reads no further than.
fn optmem_max() -> usize {
    static MAX: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MAX.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/net/core/optmem_max")
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .map(|n| (n + 7) & !7)
            .unwrap_or(8 * (2 * IOV_MAX + 512))
    })
}

/// msg_control's control messages, walked as strace walks them.
/// `w` is the tracee's word: i386's cmsghdr has a 32-bit `cmsg_len`
/// (12 bytes in all) and 4-byte alignment.
fn msg_control(ctx: &Ctx, v: u64, in_len: u64, w: Word) -> Out {
    let n = w.bytes();
    let hdr = n + 8;
    let align = n as u64 - 1;
    let control_len = in_len.min(optmem_max() as u64) as usize;
    let mut buf = vec![0u8; control_len];
    if control_len < hdr || !read_exact(ctx.mem, v, &mut buf) {
        return (addr(v), None);
    }
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    let mut off = 0usize;
    let mut left = control_len;
    while left >= hdr {
        let c = &buf[off..];
        let f = Fields(c);
        let (cmsg_len, level, ty) = (f.ulong(0, w), f.i32(n), f.i32(n + 4));
        let len = cmsg_len.min(left as u64) as usize;
        let data = &c[hdr.min(len)..len.max(hdr)];
        let data = if len > hdr { data } else { &[][..] };
        let lvl = level as i64 as u64;
        // strace's marker here is `SOL_???`, not the table's `SOL_??`.
        let level_t = match xlat::SOCKET_LEVELS.lookup(lvl) {
            Some(n) => xlat::styled(|| xlat::hex(lvl), || n.to_string()),
            None if xlat::style() == crate::compat::ConstStyle::Raw => xlat::hex(lvl),
            None => format!("{} /* SOL_??? */", xlat::hex(lvl)),
        };
        let (type_t, data_t, data_j) = cmsg_type_data(ctx, level, ty, data);
        let mut t = format!("{{cmsg_len={cmsg_len}, cmsg_level={level_t}, cmsg_type={type_t}");
        if let Some(d) = data_t {
            t.push_str(&format!(", cmsg_data={d}"));
        }
        t.push('}');
        parts.push(t);
        values.push(json!({
            "len": cmsg_len, "level": xlat::SOCKET_LEVELS.enum_json(lvl),
            "type": ty, "data": data_j,
        }));
        if len < hdr {
            left -= hdr;
            break;
        }
        let step = (cmsg_len.saturating_add(align) & !align) as usize;
        if step >= left {
            left = 0;
            break;
        }
        off += step;
        left -= step;
    }
    if left != 0 {
        parts.push(format!("... /* {:#x} */", v + (control_len - left) as u64));
    } else if (control_len as u64) < in_len {
        parts.push("...".to_string());
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// A control message's type name and, for the types strace decodes and
/// data long enough, its data.
fn cmsg_type_data(ctx: &Ctx, level: i32, ty: i32, data: &[u8]) -> (String, Option<String>, Value) {
    let tyl = ty as i64 as u64;
    let u32_at = |i: usize| u32::from_ne_bytes(data[i..i + 4].try_into().unwrap());
    match level as u32 {
        SOL_SOCKET => {
            let name = xlat::SCM_TYPES.format_enum(tyl);
            let (t, j) = match (ty, data.len()) {
                // SCM_RIGHTS: the descriptors.
                (1, n) if n >= 4 => {
                    let fds: Vec<i32> = data
                        .chunks_exact(4)
                        .map(|c| i32::from_ne_bytes(c.try_into().unwrap()))
                        .collect();
                    let shown: Vec<String> = fds
                        .iter()
                        .map(|&fd| super::files::fd(ctx, fd as u32 as u64).0)
                        .collect();
                    (Some(local_array(ctx, shown)), json!(fds))
                }
                // SCM_CREDENTIALS: struct ucred.
                (2, n) if n >= 12 => {
                    let (pid, uid, gid) = (u32_at(0) as i32, u32_at(4), u32_at(8));
                    (
                        Some(format!("{{pid={pid}, uid={}, gid={}}}", id(uid), id(gid))),
                        json!({ "pid": pid, "uid": uid, "gid": gid }),
                    )
                }
                // SCM_SECURITY: the security context, whole.
                (3, n) if n >= 1 => (
                    Some(quote(data, ctx.opts.hex, false)),
                    super::bytes_json(data),
                ),
                _ => (None, Value::Null),
            };
            (name, t, j)
        }
        SOL_IP => {
            let name = xlat::IP_CMSG_TYPES.format_enum(tyl);
            let (t, j) = match (ty, data.len()) {
                // IP_PKTINFO: struct in_pktinfo.
                (8, n) if n >= 12 => {
                    let ifindex = u32_at(0);
                    let spec = Ipv4Addr::new(data[4], data[5], data[6], data[7]);
                    let a = Ipv4Addr::new(data[8], data[9], data[10], data[11]);
                    (
                        Some(format!(
                            "{{ipi_ifindex={}, {}, {}}}",
                            ifindex_text(ctx, ifindex),
                            inet4("ipi_spec_dst", &data[4..8]),
                            inet4("ipi_addr", &data[8..12])
                        )),
                        json!({ "ifindex": ifindex, "spec_dst": spec.to_string(), "addr": a.to_string() }),
                    )
                }
                // IP_TTL, IP_CHECKSUM: unsigned ints.
                (2 | 23, n) if n >= 4 => {
                    let v: Vec<u32> = data
                        .chunks_exact(4)
                        .map(|c| u32::from_ne_bytes(c.try_into().unwrap()))
                        .collect();
                    let shown = v.iter().map(u32::to_string).collect();
                    (Some(local_array(ctx, shown)), json!(v))
                }
                // IP_TOS, IP_RECVOPTS, IP_RETOPTS: bytes in hex.
                (1 | 6 | 7, n) if n >= 1 => {
                    let shown = data.iter().map(|&c| xlat::hex(c as u64)).collect();
                    (Some(local_array(ctx, shown)), json!(data))
                }
                // IP_ORIGDSTADDR: a sockaddr.
                (20, n) if n >= 16 => {
                    let (t, j) = sockaddr_bytes(ctx, &data[..n.min(SOCKADDR_MAX)]);
                    (Some(t), j)
                }
                (3, n) if n >= 1 => (
                    Some(quote(data, ctx.opts.hex, false)),
                    super::bytes_json(data),
                ),
                _ => (None, Value::Null),
            };
            (name, t, j)
        }
        _ => (xlat::hex(ty as u32 as u64), None, Value::Null),
    }
}

/// An array already in notrace's memory, cut at the `-s` limit.
fn local_array(ctx: &Ctx, mut items: Vec<String>) -> String {
    if items.len() > ctx.array_limit() {
        items.truncate(ctx.array_limit());
        items.push("...".to_string());
    }
    format!("[{}]", items.join(", "))
}

/// A uid or gid: `-1` for the "no change" value, as strace prints it.
fn id(v: u32) -> String {
    if v == u32::MAX {
        "-1".to_string()
    } else {
        v.to_string()
    }
}

/// An interface index: `if_nametoindex("lo")` when it names one.
/// Under `-X raw` the number, under `-X verbose` the number and the name
/// in a comment (strace's `print_ifindex`).
pub(crate) fn ifindex_text(ctx: &Ctx, index: u32) -> String {
    match ctx.host.if_name(index) {
        Some(name) => xlat::styled(
            || index.to_string(),
            || {
                format!(
                    "if_nametoindex({})",
                    quote(name.as_bytes(), ctx.opts.hex, true)
                )
            },
        ),
        None => index.to_string(),
    }
}

/// A field strace prints as an expression of its bytes (`htons(80)`,
/// `inet_addr("1.2.3.4")`): `abbrev` (the field and its expression); under
/// `-X raw` the field's bytes in hex (`sin_port="\x00\x50"`), under
/// `-X verbose` the bytes and `comment` in a comment.
pub(crate) fn net_field(
    field: &str,
    bytes: &[u8],
    abbrev: String,
    comment: impl FnOnce() -> String,
) -> String {
    use crate::compat::ConstStyle;
    match xlat::style() {
        ConstStyle::Abbrev => abbrev,
        ConstStyle::Raw => format!("{field}={}", quote(bytes, super::HexMode::All, false)),
        ConstStyle::Verbose => format!(
            "{field}={} /* {} */",
            quote(bytes, super::HexMode::All, false),
            comment()
        ),
    }
}

/// A port in network order: `field=htons(80)`.
pub(crate) fn net_port(field: &str, b: &[u8]) -> String {
    let port = u16::from_be_bytes([b[0], b[1]]);
    net_field(field, b, format!("{field}=htons({port})"), || {
        format!("htons({port})")
    })
}

/// An IPv4 address: `field=inet_addr("127.0.0.1")`.
pub(crate) fn inet4(field: &str, b: &[u8]) -> String {
    let ip = Ipv4Addr::new(b[0], b[1], b[2], b[3]);
    net_field(field, b, format!("{field}=inet_addr(\"{ip}\")"), || {
        format!("inet_addr(\"{ip}\")")
    })
}

/// An IPv6 address: `inet_pton(AF_INET6, "::1", &field)`.
pub(crate) fn inet6(field: &str, b: &[u8]) -> String {
    let ip = Ipv6Addr::from(<[u8; 16]>::try_from(&b[..16]).unwrap());
    net_field(
        field,
        b,
        format!("inet_pton(AF_INET6, \"{ip}\", &{field})"),
        || format!("inet_pton(AF_INET6, \"{ip}\")"),
    )
}

/// sendto's buffer of `len` bytes: netlink messages on a netlink socket
/// (the descriptor is argument 0), else a string.
///
/// Asking what the socket is costs a lookup in `/proc` (a getxattr, some
/// µs, as much as the rest of the call's tracing), so it is asked only
/// when the bytes could be netlink: shorter than a header, starting with
/// a header whose length fits the buffer (the kernel drops any other
/// message unread), or starting with udev's "libudev" monitor prefix
/// (NETLINK_KOBJECT_UEVENT). A first header whose length is past the
/// buffer therefore prints as a string where strace shows the header.
pub(crate) fn sockbuf(ctx: &Ctx, v: u64, len: u64) -> Out {
    let mut head = [0u8; 8];
    let read = read_exact(ctx.mem, v, &mut head);
    let nlmsg_len = u32::from_ne_bytes([head[0], head[1], head[2], head[3]]) as u64;
    let could_be_netlink =
        len < 16 || read && ((16..=len).contains(&nlmsg_len) || &head == b"libudev\0");
    if !could_be_netlink {
        return super::strings::buf(ctx, v, len);
    }
    match ctx.host.netlink_socket(ctx.pid, super::as_int(ctx.arg(0))) {
        Some(proto) => super::netlink::decode(ctx, v, len, proto),
        None => super::strings::buf(ctx, v, len),
    }
}

/// SOL_SOCKET options strace prints as an int (`[1]`).
const SO_INT_LIKE: &[&str] = &[
    "SO_DEBUG",
    "SO_REUSEADDR",
    "SO_DONTROUTE",
    "SO_BROADCAST",
    "SO_SNDBUF",
    "SO_RCVBUF",
    "SO_KEEPALIVE",
    "SO_OOBINLINE",
    "SO_NO_CHECK",
    "SO_PRIORITY",
    "SO_BSDCOMPAT",
    "SO_REUSEPORT",
    "SO_PASSCRED",
    "SO_RCVLOWAT",
    "SO_SNDLOWAT",
    "SO_DETACH_FILTER",
    "SO_TIMESTAMP_OLD",
    "SO_ACCEPTCONN",
    "SO_SNDBUFFORCE",
    "SO_RCVBUFFORCE",
    "SO_PASSSEC",
    "SO_TIMESTAMPNS_OLD",
    "SO_MARK",
    "SO_TIMESTAMPING_OLD",
    "SO_RXQ_OVFL",
    "SO_WIFI_STATUS",
    "SO_PEEK_OFF",
    "SO_NOFCS",
    "SO_LOCK_FILTER",
    "SO_SELECT_ERR_QUEUE",
    "SO_BUSY_POLL",
    "SO_INCOMING_CPU",
    "SO_CNX_ADVICE",
    "SO_INCOMING_NAPI_ID",
    "SO_ZEROCOPY",
    "SO_TIMESTAMP_NEW",
    "SO_TIMESTAMPNS_NEW",
    "SO_TIMESTAMPING_NEW",
    "SO_DETACH_REUSEPORT_BPF",
    "SO_PREFER_BUSY_POLL",
    "SO_BUSY_POLL_BUDGET",
    "SO_RESERVE_MEM",
    "SO_RCVMARK",
];

/// setsockopt's value of `len` bytes (argument N), shaped by the level
/// (argument 1) and option (argument 2) as strace 6.1 shapes it; other
/// options print as `[N]` when 4 bytes long, else as a string.
/// `w` is the tracee's word (i386's sock_fprog is 8 bytes).
pub(crate) fn sockopt_val(ctx: &Ctx, v: u64, len: u64, w: Word) -> Out {
    let len = len as u32 as i32;
    let (level, name) = (ctx.arg(1) as u32, ctx.arg(2) as u32);
    let opt = |t: &Xlat| t.lookup(name as u64).unwrap_or("");
    if v != 0 {
        match level {
            SOL_SOCKET => match opt(&xlat::SOCKOPT_SOCKET) {
                "SO_LINGER" => return linger(ctx, v, len),
                "SO_ATTACH_FILTER" | "SO_ATTACH_REUSEPORT_CBPF" => {
                    // sizeof(struct sock_fprog)
                    return if len as usize == 2 * w.bytes() {
                        sock_fprog(ctx, v, w)
                    } else {
                        (addr(v), None)
                    };
                }
                "SO_TXREHASH" => return txrehash(ctx, v, len),
                n if SO_INT_LIKE.contains(&n) => return int_at_least(ctx, v, len),
                _ => {}
            },
            SOL_IP => match opt(&xlat::SOCKOPT_IP) {
                "IP_ADD_MEMBERSHIP" | "IP_DROP_MEMBERSHIP" => return ip_mreq(ctx, v, len),
                "MCAST_JOIN_GROUP" | "MCAST_LEAVE_GROUP" => return group_req(ctx, v, len),
                _ => {}
            },
            SOL_IPV6 => match opt(&xlat::SOCKOPT_IPV6) {
                "IPV6_ADD_MEMBERSHIP"
                | "IPV6_DROP_MEMBERSHIP"
                | "IPV6_JOIN_ANYCAST"
                | "IPV6_LEAVE_ANYCAST" => return ipv6_mreq(ctx, v, len),
                "MCAST_JOIN_GROUP" | "MCAST_LEAVE_GROUP" => return group_req(ctx, v, len),
                _ => {}
            },
            SOL_NETLINK => return int_at_least(ctx, v, len),
            SOL_PACKET => match opt(&xlat::SOCKOPT_PACKET) {
                "PACKET_ADD_MEMBERSHIP" | "PACKET_DROP_MEMBERSHIP" => {
                    return packet_mreq(ctx, v, len)
                }
                "PACKET_RX_RING" | "PACKET_TX_RING" => return tpacket_req(ctx, v, len),
                _ => {}
            },
            SOL_RAW if opt(&xlat::SOCKOPT_RAW) == "ICMP_FILTER" => return icmp_filter(ctx, v, len),
            _ => {}
        }
    }
    if len == 4 {
        return int_val(ctx, v);
    }
    if len == -1 {
        // strace reads a length of -1 as "up to the NUL".
        return super::strings::cstr(ctx, v);
    }
    super::strings::buf(ctx, v, len as i64 as u64)
}

/// SO_TXREHASH's int: `[SOCK_TXREHASH_DEFAULT]`, `[7 /* SOCK_TXREHASH_??? */]`
/// (unknown values in decimal); the address when shorter than an int.
fn txrehash(ctx: &Ctx, v: u64, len: i32) -> Out {
    if len < 4 {
        return (addr(v), None);
    }
    let Some(n) = read_u32(ctx.mem, v) else {
        return (addr(v), None);
    };
    let n = n as i32;
    let t = &xlat::SOCKOPT_TXREHASH_VALS;
    let name = t.lookup(n as u32 as u64);
    let text = xlat::styled_dec(n, name, "SOCK_TXREHASH_???");
    let value = match name {
        Some(name) => Value::from(name),
        None => Value::from(n),
    };
    (format!("[{text}]"), Some(value))
}

/// PACKET_RX_RING/PACKET_TX_RING's `struct tpacket_req` (exactly 16
/// bytes, else the address: strace 6.1 does not decode tpacket_req3).
fn tpacket_req(ctx: &Ctx, v: u64, len: i32) -> Out {
    let mut b = [0u8; 16];
    if len != 16 || !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), None);
    }
    let f = Fields(&b);
    let (bs, bn, fs, fnr) = (f.u32(0), f.u32(4), f.u32(8), f.u32(12));
    (
        format!("{{tp_block_size={bs}, tp_block_nr={bn}, tp_frame_size={fs}, tp_frame_nr={fnr}}}"),
        Some(json!({ "block_size": bs, "block_nr": bn, "frame_size": fs, "frame_nr": fnr })),
    )
}

/// PACKET_ADD_MEMBERSHIP's `struct packet_mreq` (exactly 16 bytes, else
/// the address): `{mr_ifindex=..., mr_type=PACKET_MR_MULTICAST,
/// mr_alen=6, mr_address=01:00:5e:00:00:01}`, as many address bytes as
/// mr_alen says (at most the 8 there are).
fn packet_mreq(ctx: &Ctx, v: u64, len: i32) -> Out {
    let mut b = [0u8; 16];
    if len != 16 || !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), None);
    }
    let ifindex = u32::from_ne_bytes(b[0..4].try_into().unwrap());
    let ty = u16::from_ne_bytes([b[4], b[5]]) as u64;
    let alen = u16::from_ne_bytes([b[6], b[7]]);
    let mac: Vec<String> = b[8..8 + (alen as usize).min(8)]
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect();
    let t = &xlat::PACKET_MREQ_TYPES;
    let text = format!(
        "{{mr_ifindex={}, mr_type={}, mr_alen={alen}, mr_address={}}}",
        ifindex_text(ctx, ifindex),
        t.format_enum(ty),
        mac.join(":")
    );
    let value = json!({ "ifindex": ifindex, "type": t.enum_json(ty), "alen": alen,
                        "address": mac.join(":") });
    (text, Some(value))
}

/// ICMP_FILTER's `struct icmp_filter`: the set of ICMP types filtered
/// out, `[ICMP_ECHO ICMP_REDIRECT]`, or `~[...]` (the types let through)
/// when more than half the bits are set, as strace prints it. Up to 4
/// bytes are read over an all-ones word.
fn icmp_filter(ctx: &Ctx, v: u64, len: i32) -> Out {
    if len <= 0 {
        return (addr(v), None);
    }
    let n = (len as usize).min(4);
    let mut b = [0xffu8; 4];
    if !read_exact(ctx.mem, v, &mut b[..n]) {
        return (addr(v), None);
    }
    let mut data = u32::from_ne_bytes(b);
    let inverted = data.count_ones() > 16;
    if inverted {
        data = !data;
    }
    let t = &xlat::ICMP_FILTER_TYPES;
    let bits: Vec<u64> = (0..32u64).filter(|i| data & (1 << i) != 0).collect();
    let names: Vec<String> = bits.iter().map(|&i| t.format_enum(i)).collect();
    let text = format!("{}[{}]", if inverted { "~" } else { "" }, names.join(" "));
    let list = Value::Array(bits.iter().map(|&i| t.enum_json(i)).collect());
    let value = if inverted {
        json!({ "not": list })
    } else {
        list
    };
    (text, Some(value))
}

/// An int behind a pointer: `[N]`, NULL, or the address.
fn int_val(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    match read_u32(ctx.mem, v) {
        Some(n) => (format!("[{}]", n as i32), Some(Value::from(n as i32))),
        None => (addr(v), None),
    }
}

/// An int option: the address when shorter than an int.
fn int_at_least(ctx: &Ctx, v: u64, len: i32) -> Out {
    if len < 4 {
        return (addr(v), None);
    }
    int_val(ctx, v)
}

/// Reads `N` bytes for a struct option of at least that length.
fn struct_at<const N: usize>(ctx: &Ctx, v: u64, len: i32) -> Option<[u8; N]> {
    let mut b = [0u8; N];
    (len >= N as i32 && read_exact(ctx.mem, v, &mut b)).then_some(b)
}

/// SO_LINGER's `struct linger`.
fn linger(ctx: &Ctx, v: u64, len: i32) -> Out {
    let Some(b) = struct_at::<8>(ctx, v, len) else {
        return (addr(v), None);
    };
    let on = i32::from_ne_bytes(b[..4].try_into().unwrap());
    let secs = i32::from_ne_bytes(b[4..].try_into().unwrap());
    (
        format!("{{l_onoff={on}, l_linger={secs}}}"),
        Some(json!({ "onoff": on, "linger": secs })),
    )
}

/// IP_ADD_MEMBERSHIP's `struct ip_mreq`.
fn ip_mreq(ctx: &Ctx, v: u64, len: i32) -> Out {
    let Some(b) = struct_at::<8>(ctx, v, len) else {
        return (addr(v), None);
    };
    let group = Ipv4Addr::new(b[0], b[1], b[2], b[3]);
    let iface = Ipv4Addr::new(b[4], b[5], b[6], b[7]);
    (
        format!(
            "{{{}, {}}}",
            inet4("imr_multiaddr", &b[..4]),
            inet4("imr_interface", &b[4..8])
        ),
        Some(json!({ "multiaddr": group.to_string(), "interface": iface.to_string() })),
    )
}

/// IPV6_ADD_MEMBERSHIP's `struct ipv6_mreq`.
fn ipv6_mreq(ctx: &Ctx, v: u64, len: i32) -> Out {
    let Some(b) = struct_at::<20>(ctx, v, len) else {
        return (addr(v), None);
    };
    let group = Ipv6Addr::from(<[u8; 16]>::try_from(&b[..16]).unwrap());
    let ifindex = u32::from_ne_bytes(b[16..].try_into().unwrap());
    (
        format!(
            "{{{}, ipv6mr_interface={}}}",
            inet6("ipv6mr_multiaddr", &b[..16]),
            ifindex_text(ctx, ifindex)
        ),
        Some(json!({ "multiaddr": group.to_string(), "interface": ifindex })),
    )
}

/// MCAST_JOIN_GROUP's `struct group_req`: an interface and a
/// sockaddr_storage.
fn group_req(ctx: &Ctx, v: u64, len: i32) -> Out {
    let Some(b) = struct_at::<136>(ctx, v, len) else {
        return (addr(v), None);
    };
    let ifindex = u32::from_ne_bytes(b[..4].try_into().unwrap());
    let (g, gj) = sockaddr_bytes(ctx, &b[8..]);
    (
        format!(
            "{{gr_interface={}, gr_group={g}}}",
            ifindex_text(ctx, ifindex)
        ),
        Some(json!({ "interface": ifindex, "group": gj })),
    )
}

/// SO_ATTACH_FILTER's `struct sock_fprog`: the program's length, and its
/// instructions with `-v` (else their address), as strace prints them.
fn sock_fprog(ctx: &Ctx, v: u64, w: Word) -> Out {
    let mut b = [0u8; 16];
    let b = &mut b[..2 * w.bytes()];
    if !read_exact(ctx.mem, v, b) {
        return (addr(v), None);
    }
    let n = Fields(b).u16(0);
    let filter = Fields(b).ulong(w.bytes(), w);
    let (f, fj) = if ctx.opts.verbose {
        bpf_program(ctx, filter, n as u64)
    } else {
        (addr(filter), None)
    };
    // `filter` stays the address whatever -v says (JSONL types never
    // change with options); -v adds the decoded program beside it.
    let mut value = json!({ "len": n, "filter": filter });
    if let Some(p) = fj {
        value["program"] = p;
    }
    (format!("{{len={n}, filter={f}}}"), Some(value))
}

/// The kernel's limit on a classic BPF program.
const BPF_MAXINSNS: u64 = 4096;

/// A classic BPF program of `count` `struct sock_filter`s:
/// `[BPF_STMT(BPF_RET|BPF_K, 0xffff), BPF_JUMP(...)]`.
fn bpf_program(ctx: &Ctx, v: u64, count: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    if count == 0 {
        return ("[]".into(), Some(Value::Array(vec![])));
    }
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    for i in 0..count {
        if i >= BPF_MAXINSNS {
            parts.push("...".to_string());
            break;
        }
        let at = v + i * 8;
        let mut b = [0u8; 8];
        if !read_exact(ctx.mem, at, &mut b) {
            if i == 0 {
                return (addr(v), None);
            }
            parts.push(format!("... /* {at:#x} */"));
            break;
        }
        let code = u16::from_ne_bytes([b[0], b[1]]);
        let (jt, jf) = (b[2], b[3]);
        let k = u32::from_ne_bytes(b[4..].try_into().unwrap());
        let code_t = bpf_code(code);
        parts.push(if jt != 0 || jf != 0 {
            format!(
                "BPF_JUMP({code_t}, {}, {}, {})",
                xlat::hex(k as u64),
                xlat::hex(jt as u64),
                xlat::hex(jf as u64)
            )
        } else {
            format!("BPF_STMT({code_t}, {})", xlat::hex(k as u64))
        });
        values.push(json!({ "code": code_t, "jt": jt, "jf": jf, "k": k }));
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// A classic BPF instruction's opcode: its class, then the fields that
/// class has (`BPF_LD|BPF_W|BPF_ABS`).
fn bpf_code(code: u16) -> String {
    let code = code as u64;
    let class = code & 0x07;
    let mut rest = code & !class;
    let mut parts = vec![xlat::BPF_CLASS.format_enum(class)];
    let unknown = |v: u64| format!("{} /* BPF_??? */", xlat::hex(v));
    match xlat::BPF_CLASS.lookup(class).unwrap_or("") {
        "BPF_ST" | "BPF_STX" => {
            if rest != 0 {
                parts.push(unknown(rest));
            }
        }
        "BPF_LD" | "BPF_LDX" => {
            parts.push(xlat::BPF_SIZE.format_enum(code & 0x18));
            parts.push(xlat::BPF_MODE.format_enum(code & 0xe0));
        }
        "BPF_MISC" => {
            parts.push(xlat::BPF_MISCOP.format_enum(code & 0xf8));
            rest &= !0xf8;
            if rest != 0 {
                parts.push(unknown(rest));
            }
        }
        "BPF_ALU" => {
            parts.push(xlat::BPF_SRC.format_enum(code & 0x08));
            parts.push(xlat::BPF_OP_ALU.format_enum(code & 0xf0));
        }
        "BPF_JMP" => {
            parts.push(xlat::BPF_SRC.format_enum(code & 0x08));
            parts.push(xlat::BPF_OP_JMP.format_enum(code & 0xf0));
        }
        _ => {
            // BPF_RET
            parts.push(xlat::BPF_RVAL.format_enum(code & 0x18));
            rest &= !0x18;
            if rest != 0 {
                parts.push(unknown(rest));
            }
        }
    }
    parts.join("|")
}
