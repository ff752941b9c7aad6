//! Socket arguments: protocol and option names that depend on another
//! argument, socket types, `struct sockaddr` and `struct msghdr`.

use super::strings::quote;
use super::{addr, io, Ctx, Out};
use crate::memory::{read_bytes, read_exact};
use crate::xlat::{self, Xlat};
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

const AF_UNIX: u64 = 1;
const AF_INET: u64 = 2;
const AF_INET6: u64 = 10;
const AF_NETLINK: u64 = 16;
/// `sizeof(struct sockaddr_storage)`: the most strace reads of a sockaddr.
const SOCKADDR_MAX: usize = 128;

/// socket()'s protocol, named per domain where there is a table.
///
/// strace looks at both registers whole here (a `kernel_ulong_t` switch),
/// so junk in the upper half of the domain makes it print the protocol as
/// a plain number, and the protocol is printed as the whole register.
pub(crate) fn protocol(v: u64, domain: u64) -> Out {
    let t: Option<&Xlat> = match domain {
        AF_INET | AF_INET6 => Some(&xlat::IP_PROTOCOLS),
        AF_NETLINK => Some(&xlat::NETLINK_PROTOCOLS),
        _ => None,
    };
    match t {
        Some(t) => (t.format_enum(v), Some(t.enum_json(v))),
        None => (v.to_string(), Some(Value::from(v))),
    }
}

/// setsockopt's input value of `len` bytes: `[N]` for an int, as strace's
/// default case prints it, else the bytes as a string.
pub(crate) fn sockopt_val(ctx: &Ctx, v: u64, len: u64) -> Out {
    let len = len as u32 as u64;
    if v == 0 {
        return ("NULL".into(), None);
    }
    if len == 4 {
        let mut b = [0u8; 4];
        if crate::memory::read_exact(ctx.mem, v, &mut b) {
            let n = i32::from_ne_bytes(b);
            return (format!("[{n}]"), Some(Value::from(n)));
        }
        return (super::addr(v), None);
    }
    super::strings::buf(ctx, v, len)
}

/// setsockopt/getsockopt option name, by level.
pub(crate) fn sockopt_name(v: u64, level: u64) -> Out {
    let v = v as u32 as u64;
    let t: Option<&Xlat> = match level as u32 {
        0 => Some(&xlat::SOCKOPT_IP),
        1 => Some(&xlat::SOCKOPT_SOCKET),
        6 => Some(&xlat::SOCKOPT_TCP),
        41 => Some(&xlat::SOCKOPT_IPV6),
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
    let mut text = xlat::SOCKET_TYPES.format_enum(ty);
    let mut list = vec![xlat::SOCKET_TYPES.enum_json(ty)];
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
    let len = len as u32 as u64;
    if len < 2 {
        return (addr(v), None);
    }
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
                    "{{sa_family=AF_INET, sin_port=htons({port}), sin_addr=inet_addr(\"{ip}\")}}"
                ),
                json!({ "family": "AF_INET", "address": ip.to_string(), "port": port }),
            )
        }
        AF_INET6 if b.len() >= 24 => {
            let port = be16(2);
            let flow = u32::from_be_bytes(b[4..8].try_into().unwrap());
            let ip = Ipv6Addr::from(<[u8; 16]>::try_from(&b[8..24]).unwrap());
            let mut text = format!(
                "{{sa_family=AF_INET6, sin6_port=htons({port}), sin6_flowinfo=htonl({flow}), \
                 inet_pton(AF_INET6, \"{ip}\", &sin6_addr)"
            );
            let mut value = json!({ "family": "AF_INET6", "address": ip.to_string(), "port": port, "flowinfo": flow });
            if b.len() >= 28 {
                let scope = ne32(24);
                // Link-local addresses name their interface.
                let seg0 = ip.segments()[0];
                let link_local = seg0 & 0xffc0 == 0xfe80 || seg0 & 0xff0f == 0xff02;
                match link_local.then(|| ctx.host.if_name(scope)).flatten() {
                    Some(name) => {
                        text.push_str(&format!(", sin6_scope_id=if_nametoindex(\"{name}\")"))
                    }
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
                return ("{sa_family=AF_UNIX}".into(), json!({ "family": "AF_UNIX" }));
            }
            if path[0] == 0 && path.len() > 1 {
                // Abstract: every byte up to the length counts.
                let name = &path[1..];
                (
                    format!(
                        "{{sa_family=AF_UNIX, sun_path=@{}}}",
                        quote(name, ctx.opts.hex, false)
                    ),
                    json!({ "family": "AF_UNIX", "path": super::bytes_json(name), "abstract": true }),
                )
            } else {
                let end = path.iter().position(|&c| c == 0).unwrap_or(path.len());
                let p = &path[..end];
                (
                    format!(
                        "{{sa_family=AF_UNIX, sun_path={}}}",
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
                format!("{{sa_family=AF_NETLINK, nl_pid={pid}, nl_groups={g}}}"),
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

/// `struct msghdr` (sendmsg): name, iovecs with their data, control
/// length, flags. Control messages are shown as their address only.
pub(crate) fn msghdr(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; 56];
    if !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), None);
    }
    let q = |i: usize| u64::from_ne_bytes(b[i..i + 8].try_into().unwrap());
    let (name, namelen) = (
        q(0),
        u32::from_ne_bytes(b[8..12].try_into().unwrap()) as u64,
    );
    let (iov, iovlen) = (q(16), q(24));
    let (control, controllen) = (q(32), q(40));
    let flags = u32::from_ne_bytes(b[48..52].try_into().unwrap()) as u64;
    let (name_t, name_j) = sockaddr(ctx, name, namelen);
    let (iov_t, iov_j) = io::iovec(ctx, iov, iovlen, true);
    let mut text = format!(
        "{{msg_name={name_t}, msg_namelen={namelen}, msg_iov={iov_t}, msg_iovlen={iovlen}, "
    );
    if controllen != 0 {
        text.push_str(&format!("msg_control={}, ", addr(control)));
    }
    text.push_str(&format!(
        "msg_controllen={controllen}, msg_flags={}}}",
        xlat::MSG_FLAGS.format_flags(flags)
    ));
    let value = json!({
        "name": name_j, "namelen": namelen, "iov": iov_j, "iovlen": iovlen,
        "control": control, "controllen": controllen, "flags": xlat::MSG_FLAGS.flags_json(flags),
    });
    (text, Some(value))
}
