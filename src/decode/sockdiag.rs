//! NETLINK_SOCK_DIAG requests (what `ss` sends): `unix_diag_req`,
//! `inet_diag_req_v2` (and the older `inet_diag_req` of TCPDIAG_GETSOCK
//! and DCCPDIAG_GETSOCK) with their INET_DIAG_REQ_* attributes and
//! bytecode, `netlink_diag_req`, `packet_diag_req` and `smc_diag_req`, as
//! strace 6.1 prints them at entry.
//!
//! A message without NLM_F_REQUEST is a reply, which strace decodes with
//! the reply structs (`inet_diag_msg`, ...); a program does not send
//! those, and notrace prints them as `{family=..., data=...}`.

use super::netlink::hex_bytes;
use super::rtnl::{self, inet_field, Attrs};
use super::sockets::ifindex_text;
use super::{addr, Ctx};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

const NLM_F_REQUEST: u16 = 1;
const NLMSG_DONE: u16 = 3;
const TCPDIAG_GETSOCK: u16 = 18;
const DCCPDIAG_GETSOCK: u16 = 19;
const AF_UNIX: u8 = 1;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const AF_NETLINK: u8 = 16;
const AF_PACKET: u8 = 17;
const AF_SMC: u8 = 43;
/// netlink_diag_req's "every protocol" (linux/netlink_diag.h).
const NDIAG_PROTO_ALL: u8 = 255;

/// The payload of a NETLINK_SOCK_DIAG message of type `ty` and flags
/// `flags`: `None` for NLMSG_DONE, which has none of its own.
pub(super) fn message(ctx: &Ctx, ty: u16, flags: u16, v: u64, len: u64) -> Option<(String, Value)> {
    if ty == NLMSG_DONE {
        return None;
    }
    let mut fam = [0u8; 1];
    if !read_exact(ctx.mem, v, &mut fam) {
        return Some((addr(v), Value::Null));
    }
    let family = fam[0];
    let fam_t = xlat::ADDRESS_FAMILIES.format_enum(family as u64);
    let fam_j = xlat::ADDRESS_FAMILIES.enum_json(family as u64);
    let request = flags & NLM_F_REQUEST != 0;
    let kind = match family {
        _ if len <= 1 || !request => None,
        AF_UNIX => Some(Req::Unix),
        AF_INET | AF_INET6 if ty == TCPDIAG_GETSOCK || ty == DCCPDIAG_GETSOCK => Some(Req::InetOld),
        AF_INET | AF_INET6 => Some(Req::Inet),
        AF_NETLINK => Some(Req::Netlink),
        AF_PACKET => Some(Req::Packet),
        AF_SMC => Some(Req::Smc),
        _ => None,
    };
    let Some(kind) = kind else {
        let mut t = format!("{{family={fam_t}");
        let mut j = json!({ "family": fam_j });
        if len > 1 {
            let (d, dj) = hex_bytes(ctx, v + 1, len - 1);
            t.push_str(&format!(", data={d}"));
            j["data"] = dj.unwrap_or(Value::Null);
        }
        t.push('}');
        return Some((t, j));
    };
    let (size, fam_field) = match kind {
        Req::Unix => (24, "sdiag_family"),
        Req::Netlink | Req::Packet => (20, "sdiag_family"),
        Req::Inet => (56, "sdiag_family"),
        Req::InetOld => (60, "idiag_family"),
        Req::Smc => (52, "diag_family"),
    };
    if len < size {
        return Some((
            format!("{{{fam_field}={fam_t}, ...}}"),
            json!({ "family": fam_j }),
        ));
    }
    let mut b = [0u8; 60];
    let b = &mut b[..size as usize];
    if !read_exact(ctx.mem, v, b) {
        return Some((
            format!("{{{fam_field}={fam_t}, {}}}", addr(v + 1)),
            json!({ "family": fam_j }),
        ));
    }
    let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let cookie = |i: usize| {
        (
            format!("[{}, {}]", u32_at(i), u32_at(i + 4)),
            json!([u32_at(i), u32_at(i + 4)]),
        )
    };
    let flags_of = |t: &Xlat, n: u64| (t.format_flags(n), t.flags_json(n));
    let mut f = Fields::new(fam_field, fam_t, fam_j);
    match kind {
        Req::Unix => {
            f.num("sdiag_protocol", b[1] as u64);
            f.put(
                "udiag_states",
                flags_of(&xlat::TCP_STATE_FLAGS, u32_at(4) as u64),
            );
            f.num("udiag_ino", u32_at(8) as u64);
            f.put(
                "udiag_show",
                flags_of(&xlat::UNIX_DIAG_SHOW, u32_at(12) as u64),
            );
            f.put("udiag_cookie", cookie(16));
        }
        Req::Netlink => {
            let p = b[1];
            let proto = if p == NDIAG_PROTO_ALL {
                (
                    "NDIAG_PROTO_ALL".to_string(),
                    Value::from("NDIAG_PROTO_ALL"),
                )
            } else {
                (
                    enum_marked(&xlat::NETLINK_PROTOCOLS, p as u64, "NETLINK_???"),
                    xlat::NETLINK_PROTOCOLS.enum_json(p as u64),
                )
            };
            f.put("sdiag_protocol", proto);
            f.num("ndiag_ino", u32_at(4) as u64);
            f.put(
                "ndiag_show",
                flags_of(&xlat::NETLINK_DIAG_SHOW, u32_at(8) as u64),
            );
            f.put("ndiag_cookie", cookie(12));
        }
        Req::Packet => {
            f.put("sdiag_protocol", (hex(b[1] as u64), json!(b[1])));
            f.num("pdiag_ino", u32_at(4) as u64);
            f.put(
                "pdiag_show",
                flags_of(&xlat::PACKET_DIAG_SHOW, u32_at(8) as u64),
            );
            f.put("pdiag_cookie", cookie(12));
        }
        Req::Smc => {
            f.put(
                "diag_ext",
                flags_of(&xlat::SMC_DIAG_EXTENDED_FLAGS, b[3] as u64),
            );
            f.put("id", sockid(ctx, &b[4..52], AF_INET));
        }
        Req::Inet => {
            f.put(
                "sdiag_protocol",
                (
                    enum_marked(&xlat::IP_PROTOCOLS, b[1] as u64, "IPPROTO_???"),
                    xlat::IP_PROTOCOLS.enum_json(b[1] as u64),
                ),
            );
            f.put(
                "idiag_ext",
                flags_of(&xlat::INET_DIAG_EXTENDED_FLAGS, b[2] as u64),
            );
            f.put(
                "idiag_states",
                flags_of(&xlat::TCP_STATE_FLAGS, u32_at(4) as u64),
            );
            f.put("id", sockid(ctx, &b[8..56], family));
        }
        Req::InetOld => {
            f.num("idiag_src_len", b[1] as u64);
            f.num("idiag_dst_len", b[2] as u64);
            f.put(
                "idiag_ext",
                flags_of(&xlat::INET_DIAG_EXTENDED_FLAGS, b[3] as u64),
            );
            f.put("id", sockid(ctx, &b[4..52], family));
            f.put(
                "idiag_states",
                flags_of(&xlat::TCP_STATE_FLAGS, u32_at(52) as u64),
            );
            f.num("idiag_dbs", u32_at(56) as u64);
        }
    }
    let (mut t, mut j) = f.finish();
    if matches!(kind, Req::Inet | Req::InetOld) && len > size {
        let (a, aj) = rtnl::attributes(ctx, v + size, len - size, Attrs::InetDiagReq, family);
        t.push_str(&format!(", {a}"));
        j["attributes"] = aj;
    }
    Some((t, j))
}

#[derive(Clone, Copy)]
enum Req {
    Unix,
    Inet,
    InetOld,
    Netlink,
    Packet,
    Smc,
}

/// A struct's `name=text` fields and its JSON object, in order.
struct Fields {
    text: Vec<String>,
    json: serde_json::Map<String, Value>,
}

impl Fields {
    fn new(fam_field: &str, fam_t: String, fam_j: Value) -> Self {
        let mut json = serde_json::Map::new();
        json.insert("family".into(), fam_j);
        Fields {
            text: vec![format!("{fam_field}={fam_t}")],
            json,
        }
    }

    fn put(&mut self, name: &str, (t, j): (String, Value)) {
        self.text.push(format!("{name}={t}"));
        // JSON keys drop the struct's field prefix (udiag_, idiag_, ...).
        let key = name.split_once('_').map_or(name, |(_, k)| k);
        self.json.insert(key.to_string(), j);
    }

    fn num(&mut self, name: &str, n: u64) {
        self.put(name, (n.to_string(), json!(n)));
    }

    fn finish(self) -> (String, Value) {
        (
            format!("{{{}}}", self.text.join(", ")),
            Value::Object(self.json),
        )
    }
}

/// An enum with an unknown marker the table itself does not carry.
fn enum_marked(t: &Xlat, v: u64, marker: &str) -> String {
    t.lookup(v)
        .map_or_else(|| format!("{} /* {marker} */", hex(v)), str::to_string)
}

/// `struct inet_diag_sockid` (48 bytes), addresses by `family`.
fn sockid(ctx: &Ctx, b: &[u8], family: u8) -> (String, Value) {
    let sport = u16::from_be_bytes([b[0], b[1]]);
    let dport = u16::from_be_bytes([b[2], b[3]]);
    let (src_t, src_j) = inet_field(ctx, &b[4..20], family, "idiag_src");
    let (dst_t, dst_j) = inet_field(ctx, &b[20..36], family, "idiag_dst");
    let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let ifindex = u32_at(36);
    (
        format!(
            "{{idiag_sport=htons({sport}), idiag_dport=htons({dport}), {src_t}, {dst_t}, \
             idiag_if={}, idiag_cookie=[{}, {}]}}",
            ifindex_text(ctx, ifindex),
            u32_at(40),
            u32_at(44)
        ),
        json!({
            "sport": sport, "dport": dport, "src": src_j, "dst": dst_j, "if": ifindex,
            "cookie": [u32_at(40), u32_at(44)],
        }),
    )
}

/// INET_DIAG_REQ_BYTECODE's payload: the first `inet_diag_bc_op` and
/// its condition, as strace prints them (`None`: too short, in hex).
pub(super) fn bc_op(ctx: &Ctx, v: u64, len: u64) -> Option<(String, Value)> {
    if len < 4 {
        return None;
    }
    let mut b = [0u8; 4];
    if !read_exact(ctx.mem, v, &mut b) {
        return Some((addr(v), Value::Null));
    }
    let code = b[0];
    let (mut t, mut j) = op_text(&b);
    if len > 4 {
        let (d, dj) = condition(ctx, v + 4, len - 4, code);
        t.push_str(&format!(", {d}"));
        j["data"] = dj;
    }
    Some((t, j))
}

fn op_text(b: &[u8; 4]) -> (String, Value) {
    let no = u16::from_ne_bytes([b[2], b[3]]);
    let t = &xlat::INET_DIAG_BYTECODES;
    (
        format!(
            "{{code={}, yes={}, no={no}}}",
            t.format_enum(b[0] as u64),
            b[1]
        ),
        json!({ "code": t.enum_json(b[0] as u64), "yes": b[1], "no": no }),
    )
}

/// The data after a bytecode op, by its code (strace's
/// `decode_bytecode_data`).
fn condition(ctx: &Ctx, v: u64, len: u64, code: u8) -> (String, Value) {
    let name = xlat::INET_DIAG_BYTECODES.lookup(code as u64).unwrap_or("");
    let hexed = || {
        let (t, j) = hex_bytes(ctx, v, len);
        (t, json!({ "bytes": j }))
    };
    let read = |n: usize| -> Result<Vec<u8>, (String, Value)> {
        let mut b = vec![0u8; n];
        if read_exact(ctx.mem, v, &mut b) {
            Ok(b)
        } else {
            Err((addr(v), Value::Null))
        }
    };
    match name {
        "INET_DIAG_BC_S_COND" | "INET_DIAG_BC_D_COND" => {
            if len < 8 {
                return hexed();
            }
            let b = match read(8) {
                Ok(b) => b,
                Err(e) => return e,
            };
            let family = b[0];
            let port = u32::from_ne_bytes(b[4..8].try_into().unwrap());
            let mut t = format!(
                "{{family={}, prefix_len={}, port={port}",
                xlat::ADDRESS_FAMILIES.format_enum(family as u64),
                b[1]
            );
            let mut j = json!({
                "family": xlat::ADDRESS_FAMILIES.enum_json(family as u64),
                "prefix_len": b[1], "port": port,
            });
            if len > 8 {
                let (a, aj) = rtnl::inet_named(ctx, v + 8, len - 8, family, "addr");
                t.push_str(&format!(", {a}"));
                j["addr"] = aj;
            }
            t.push('}');
            (t, j)
        }
        "INET_DIAG_BC_DEV_COND" => {
            if len < 4 {
                return hexed();
            }
            match read(4) {
                Ok(b) => {
                    let n = u32::from_ne_bytes(b[..4].try_into().unwrap());
                    (ifindex_text(ctx, n), json!(n))
                }
                Err(e) => e,
            }
        }
        "INET_DIAG_BC_S_GE" | "INET_DIAG_BC_S_LE" | "INET_DIAG_BC_D_GE" | "INET_DIAG_BC_D_LE" => {
            if len < 4 {
                return hexed();
            }
            match read(4) {
                Ok(b) => op_text(&b[..4].try_into().unwrap()),
                Err(e) => e,
            }
        }
        "INET_DIAG_BC_MARK_COND" => {
            if len < 8 {
                return hexed();
            }
            match read(8) {
                Ok(b) => {
                    let mark = u32::from_ne_bytes(b[..4].try_into().unwrap());
                    let mask = u32::from_ne_bytes(b[4..8].try_into().unwrap());
                    (
                        format!("{{mark={mark}, mask={mask}}}"),
                        json!({ "mark": mark, "mask": mask }),
                    )
                }
                Err(e) => e,
            }
        }
        _ => hexed(),
    }
}
