//! NETLINK_ROUTE link, address and route requests: the family header
//! (`ifinfomsg`, `ifaddrmsg`, `rtmsg`) and the `IFLA_*`, `IFA_*`, `RTA_*`
//! attributes after it, as strace 6.1 prints them at entry
//! (`[{nla_len=7, nla_type=IFLA_IFNAME}, "lo"]`).
//!
//! IFLA_LINKINFO, IFLA_MAP, RTA_VIA and RTA_MULTIPATH are decoded in
//! `rtnl_more`, with the neighbour, rule and tc messages; IFLA_STATS and
//! IFLA_STATS64, IFLA_PROTINFO (AF_BRIDGE's), IFLA_XDP, IFLA_EVENT, IFLA_PROP_LIST and
//! IFLA_PROTO_DOWN_REASON in `rtnl_rest` (and RTA_MFC_STATS with its
//! struct decoder). Attributes whose payload strace
//! decodes with a struct of its own that is not done here (IFLA_AF_SPEC,
//! AF_INET6's IFLA_PROTINFO, IFLA_VFINFO_LIST, IFLA_VF_PORTS, IFLA_PORT_SELF)
//! print their
//! payload in hex, as strace prints the attributes it has no decoder for;
//! there notrace and strace differ.

use super::netlink::hex_bytes;
use super::strings::quote;
use super::{addr, Ctx, HexMode};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

const NLA_HDRLEN: u64 = 4;
const NLA_TYPE_MASK: u16 = 0x3fff;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
/// strace's MAX_ADDR_LEN: longer hardware addresses print in hex.
const MAX_ADDR_LEN: u64 = 32;
/// strace's hwaddr_sizes covers device types up to ARPHRD_VSOCKMON.
const ARPHRD_VSOCKMON: u64 = 826;

/// How one attribute's payload prints (strace's `decode_nla_*`).
#[derive(Clone, Copy)]
pub(super) enum Nla {
    Str,
    U8,
    U16,
    U32,
    U64,
    S32,
    Fd,
    Ifindex,
    /// A hardware address, cut to the size for the header's family.
    Hwaddr,
    /// An IPv4 or IPv6 address by the header's family.
    Inet,
    ExtMask,
    IfaFlags,
    IfaCacheinfo,
    RtClass,
    LwtEncap,
    Metrics,
    RtaCacheinfo,
    /// INET_DIAG_REQ_BYTECODE's ops (see `sockdiag`).
    BcOp,
    /// An IP protocol number of 1 to 8 bytes.
    IpProto,
    /// No decoder: the payload in hex.
    Hex,
    /// A decoder of `rtnl_more`'s.
    More(super::rtnl_more::Extra),
    /// A decoder of `rtnl_rest`'s.
    Rest(super::rtnl_rest::Extra),
}

/// Which attributes an attribute list holds: its type names and decoders.
#[derive(Clone, Copy)]
pub(super) enum Attrs {
    Link,
    Addr,
    Route,
    Metrics,
    /// NETLINK_SOCK_DIAG's INET_DIAG_REQ_* after an inet_diag_req.
    InetDiagReq,
    /// Attributes strace has no names for (NETLINK_NETFILTER's): types
    /// in hex, payloads in hex.
    Unnamed,
    /// The neighbour, rule and tc sets of `rtnl_more`.
    More(super::rtnl_more::Set),
    /// The sets of `rtnl_rest` (and NETLINK_CRYPTO's).
    Rest(super::rtnl_rest::Set),
}

impl Attrs {
    fn table(self) -> Option<&'static Xlat> {
        Some(match self {
            Attrs::Link => &xlat::RTNL_LINK_ATTRS,
            Attrs::Addr => &xlat::RTNL_ADDR_ATTRS,
            Attrs::Route => &xlat::RTNL_ROUTE_ATTRS,
            Attrs::Metrics => &xlat::RTNL_RTA_METRICS_ATTRS,
            Attrs::InetDiagReq => &xlat::INET_DIAG_REQ_ATTRS,
            Attrs::Unnamed => return None,
            Attrs::More(s) => s.table(),
            Attrs::Rest(s) => s.table(),
        })
    }

    /// The decoder for type `ty` (flags masked off), by its name.
    fn decoder(self, ty: u16) -> Nla {
        let Some(name) = self.table().and_then(|t| t.lookup(ty as u64)) else {
            return Nla::Hex;
        };
        if let Attrs::More(s) = self {
            return s.decoder(name);
        }
        if let Attrs::Rest(s) = self {
            return s.decoder(name);
        }
        if let Some(n) = super::rtnl_more::link_decoder(self, name) {
            return n;
        }
        match (self, name) {
            (
                Attrs::Link,
                "IFLA_IFNAME"
                | "IFLA_QDISC"
                | "IFLA_IFALIAS"
                | "IFLA_PHYS_PORT_NAME"
                | "IFLA_ALT_IFNAME"
                | "IFLA_PARENT_DEV_NAME"
                | "IFLA_PARENT_DEV_BUS_NAME",
            ) => Nla::Str,
            (Attrs::Link, "IFLA_ADDRESS" | "IFLA_BROADCAST" | "IFLA_PERM_ADDRESS") => Nla::Hwaddr,
            (
                Attrs::Link,
                "IFLA_MTU"
                | "IFLA_LINK"
                | "IFLA_MASTER"
                | "IFLA_TXQLEN"
                | "IFLA_WEIGHT"
                | "IFLA_NET_NS_PID"
                | "IFLA_NUM_VF"
                | "IFLA_GROUP"
                | "IFLA_PROMISCUITY"
                | "IFLA_NUM_TX_QUEUES"
                | "IFLA_NUM_RX_QUEUES"
                | "IFLA_CARRIER_CHANGES"
                | "IFLA_GSO_MAX_SEGS"
                | "IFLA_GSO_MAX_SIZE"
                | "IFLA_CARRIER_UP_COUNT"
                | "IFLA_CARRIER_DOWN_COUNT"
                | "IFLA_MIN_MTU"
                | "IFLA_MAX_MTU"
                | "IFLA_GRO_MAX_SIZE"
                | "IFLA_TSO_MAX_SIZE"
                | "IFLA_TSO_MAX_SEGS"
                | "IFLA_ALLMULTI",
            ) => Nla::U32,
            (
                Attrs::Link,
                "IFLA_OPERSTATE" | "IFLA_LINKMODE" | "IFLA_CARRIER" | "IFLA_PROTO_DOWN",
            ) => Nla::U8,
            (Attrs::Link, "IFLA_LINK_NETNSID" | "IFLA_NEW_NETNSID" | "IFLA_IF_NETNSID") => Nla::S32,
            (Attrs::Link, "IFLA_NET_NS_FD") => Nla::Fd,
            (Attrs::Link, "IFLA_STATS64") => Nla::Rest(super::rtnl_rest::Extra::LinkStats64),
            (Attrs::Link, "IFLA_STATS") => Nla::Rest(super::rtnl_rest::Extra::LinkStats),
            (Attrs::Link, "IFLA_PROTINFO") => Nla::Rest(super::rtnl_rest::Extra::Protinfo),
            (Attrs::Link, "IFLA_XDP") => {
                Nla::Rest(super::rtnl_rest::Extra::Nested(super::rtnl_rest::Set::Xdp))
            }
            (Attrs::Link, "IFLA_PROP_LIST") => Nla::Rest(super::rtnl_rest::Extra::Nested(
                super::rtnl_rest::Set::PropList,
            )),
            (Attrs::Link, "IFLA_PROTO_DOWN_REASON") => Nla::Rest(super::rtnl_rest::Extra::Nested(
                super::rtnl_rest::Set::ProtoDownReason,
            )),
            (Attrs::Link, "IFLA_EVENT") => Nla::Rest(super::rtnl_rest::Extra::U32Xval(
                &xlat::RTNL_IFLA_EVENTS,
                "IFLA_EVENT_???",
            )),
            (Attrs::Link, "IFLA_NEW_IFINDEX") => Nla::Ifindex,
            (Attrs::Link, "IFLA_EXT_MASK") => Nla::ExtMask,
            (
                Attrs::Addr,
                "IFA_ADDRESS" | "IFA_LOCAL" | "IFA_BROADCAST" | "IFA_ANYCAST" | "IFA_MULTICAST",
            ) => Nla::Inet,
            (Attrs::Addr, "IFA_LABEL") => Nla::Str,
            (Attrs::Addr, "IFA_CACHEINFO") => Nla::IfaCacheinfo,
            (Attrs::Addr, "IFA_FLAGS") => Nla::IfaFlags,
            (Attrs::Addr, "IFA_RT_PRIORITY") => Nla::U32,
            (Attrs::Addr, "IFA_TARGET_NETNSID") => Nla::S32,
            (
                Attrs::Route,
                "RTA_DST" | "RTA_SRC" | "RTA_GATEWAY" | "RTA_PREFSRC" | "RTA_NEWDST",
            ) => Nla::Inet,
            (Attrs::Route, "RTA_IIF" | "RTA_OIF") => Nla::Ifindex,
            (
                Attrs::Route,
                "RTA_PRIORITY" | "RTA_PROTOINFO" | "RTA_FLOW" | "RTA_MP_ALGO" | "RTA_MARK"
                | "RTA_UID",
            ) => Nla::U32,
            (Attrs::Route, "RTA_METRICS") => Nla::Metrics,
            (Attrs::Route, "RTA_MFC_STATS") => Nla::Rest(super::rtnl_rest::Extra::Numbers(&[
                ("mfcs_packets", 8),
                ("mfcs_bytes", 8),
                ("mfcs_wrong_if", 8),
            ])),
            (Attrs::Route, "RTA_CACHEINFO") => Nla::RtaCacheinfo,
            (Attrs::Route, "RTA_TABLE") => Nla::RtClass,
            (Attrs::Route, "RTA_PREF" | "RTA_TTL_PROPAGATE" | "RTA_IP_PROTO") => Nla::U8,
            (Attrs::Route, "RTA_ENCAP_TYPE") => Nla::LwtEncap,
            (Attrs::Route, "RTA_EXPIRES") => Nla::U64,
            (Attrs::Route, "RTA_SPORT" | "RTA_DPORT") => Nla::U16,
            (Attrs::Metrics, "RTAX_CC_ALGO") => Nla::Str,
            // strace 6.1's metrics decoders stop at RTAX_CC_ALGO.
            (Attrs::Metrics, "RTAX_UNSPEC" | "RTAX_FASTOPEN_NO_COOKIE") => Nla::Hex,
            (Attrs::Metrics, _) => Nla::U32,
            (Attrs::InetDiagReq, "INET_DIAG_REQ_BYTECODE") => Nla::BcOp,
            (Attrs::InetDiagReq, "INET_DIAG_REQ_PROTOCOL") => Nla::IpProto,
            _ => Nla::Hex,
        }
    }
}

/// The family header of a link, address or route message of `len` bytes
/// at `v`, and its attributes; `None` for other message kinds.
pub(super) fn message(
    ctx: &Ctx,
    kind: u16,
    family: u8,
    v: u64,
    len: u64,
) -> Option<(String, Value)> {
    let fam_t = xlat::ADDRESS_FAMILIES.format_enum(family as u64);
    let fam_j = xlat::ADDRESS_FAMILIES.enum_json(family as u64);
    // Offsets from RTM_BASE, in strace's route_decoders.
    let (prefix, size, attrs) = match kind {
        0..=3 => ("ifi", 16, Attrs::Link),
        4..=6 | 42 | 46 => ("ifa", 8, Attrs::Addr),
        8..=10 => ("rtm", 12, Attrs::Route),
        _ => return super::rtnl_more::message(ctx, kind, family, v, len),
    };
    let short = |rest: String| {
        (
            format!("{{{prefix}_family={fam_t}, {rest}}}"),
            json!({ "family": fam_j.clone() }),
        )
    };
    if len < size {
        return Some(short("...".into()));
    }
    let mut b = [0u8; 16];
    let b = &mut b[..size as usize];
    if !read_exact(ctx.mem, v, b) {
        return Some(short(addr(v + 1)));
    }
    let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let (mut t, mut j) = match attrs {
        Attrs::Link => {
            let ty = u16::from_ne_bytes([b[2], b[3]]) as u64;
            let (index, flags, change) = (u32_at(4), u32_at(8), u32_at(12));
            (
                format!(
                    "{{ifi_family={fam_t}, ifi_type={}, ifi_index={}, ifi_flags={}, ifi_change={}}}",
                    xlat::ARP_HARDWARE_TYPES.format_enum(ty),
                    super::sockets::ifindex_text(ctx, index),
                    xlat::IFF_FLAGS.format_flags(flags as u64),
                    hex(change as u64)
                ),
                json!({
                    "family": fam_j, "type": xlat::ARP_HARDWARE_TYPES.enum_json(ty), "index": index,
                    "flags": xlat::IFF_FLAGS.flags_json(flags as u64), "change": change,
                }),
            )
        }
        Attrs::Addr => {
            let (prefixlen, flags, scope) = (b[1], b[2] as u64, b[3] as u64);
            let index = u32_at(4);
            (
                format!(
                    "{{ifa_family={fam_t}, ifa_prefixlen={prefixlen}, ifa_flags={}, ifa_scope={}, ifa_index={}}}",
                    xlat::IFADDR_FLAGS.format_flags(flags),
                    xval_hex(&xlat::ROUTING_SCOPES, scope),
                    super::sockets::ifindex_text(ctx, index)
                ),
                json!({
                    "family": fam_j, "prefixlen": prefixlen, "flags": xlat::IFADDR_FLAGS.flags_json(flags),
                    "scope": xlat::ROUTING_SCOPES.enum_json(scope), "index": index,
                }),
            )
        }
        _ => {
            let (tos, table, proto) = (b[3] as u64, b[4] as u64, b[5] as u64);
            let (scope, ty, flags) = (b[6] as u64, b[7] as u64, u32_at(8) as u64);
            (
                format!(
                    "{{rtm_family={fam_t}, rtm_dst_len={}, rtm_src_len={}, rtm_tos={}, rtm_table={}, \
                     rtm_protocol={}, rtm_scope={}, rtm_type={}, rtm_flags={}}}",
                    b[1],
                    b[2],
                    xlat::IP_TYPE_OF_SERVICES.format_flags(tos),
                    xval_hex(&xlat::ROUTING_TABLE_IDS, table),
                    xlat::ROUTING_PROTOCOLS.format_enum(proto),
                    xval_hex(&xlat::ROUTING_SCOPES, scope),
                    xlat::ROUTING_TYPES.format_enum(ty),
                    xlat::ROUTING_FLAGS.format_flags(flags)
                ),
                json!({
                    "family": fam_j, "dst_len": b[1], "src_len": b[2],
                    "tos": xlat::IP_TYPE_OF_SERVICES.flags_json(tos),
                    "table": xlat::ROUTING_TABLE_IDS.enum_json(table),
                    "protocol": xlat::ROUTING_PROTOCOLS.enum_json(proto),
                    "scope": xlat::ROUTING_SCOPES.enum_json(scope),
                    "type": xlat::ROUTING_TYPES.enum_json(ty),
                    "flags": xlat::ROUTING_FLAGS.flags_json(flags),
                }),
            )
        }
    };
    // Attributes start at NLMSG_ALIGN of the header, which all three are.
    if len > size {
        let (a, aj) = attributes(ctx, v + size, len - size, attrs, family);
        t.push_str(&format!(", {a}"));
        j["attributes"] = aj;
    }
    Some((t, j))
}

/// An enum strace prints with no unknown marker: the name, else hex.
pub(super) fn xval_hex(t: &Xlat, v: u64) -> String {
    t.lookup(v).map_or_else(|| hex(v), str::to_string)
}

/// A list of attributes (strace's `decode_nlattr`): one prints alone, more
/// in `[...]`; the JSON value is always a list.
pub(super) fn attributes(ctx: &Ctx, v: u64, len: u64, attrs: Attrs, family: u8) -> (String, Value) {
    let (text, values) = super::netlink::walk::<4>(
        ctx,
        v,
        len,
        |j| json!({ "bytes": j }),
        |h| u16::from_ne_bytes([h[0], h[1]]) as u64,
        |h, at, len| {
            let nla_len = u16::from_ne_bytes([h[0], h[1]]) as u64;
            let nla_type = u16::from_ne_bytes([h[2], h[3]]);
            one(ctx, at, len, nla_len, nla_type, attrs, family)
        },
    );
    (text, Value::Array(values))
}

/// One attribute: its header, and `[header, payload]` when it has one.
fn one(
    ctx: &Ctx,
    at: u64,
    len: u64,
    nla_len: u64,
    nla_type: u16,
    attrs: Attrs,
    family: u8,
) -> (String, Value) {
    let ty = nla_type & NLA_TYPE_MASK;
    let table = attrs.table();
    let (names, _) = xlat::NLATTR_TYPE_FLAGS.split_flags((nla_type & !NLA_TYPE_MASK) as u64);
    let mut type_t = names.join("|");
    if !type_t.is_empty() {
        type_t.push('|');
    }
    let (name_t, name_j) = match table {
        Some(t) => (t.format_enum(ty as u64), t.enum_json(ty as u64)),
        None => (hex(ty as u64), json!(ty)),
    };
    type_t.push_str(&name_t);
    let head = format!("{{nla_len={nla_len}, nla_type={type_t}}}");
    let mut j = json!({ "len": nla_len, "type": name_j });
    if !names.is_empty() {
        j["type_flags"] = json!(names);
    }
    let eff = nla_len.min(len);
    if eff <= NLA_HDRLEN {
        return (head, j);
    }
    let (p, pj) = payload(
        ctx,
        at + NLA_HDRLEN,
        eff - NLA_HDRLEN,
        attrs.decoder(ty),
        family,
    )
    .unwrap_or_else(|| {
        let (t, j) = hex_bytes(ctx, at + NLA_HDRLEN, eff - NLA_HDRLEN);
        (t, json!({ "bytes": j }))
    });
    j["value"] = pj;
    (format!("[{head}, {p}]"), j)
}

/// Reads `N` bytes, or gives the address text strace prints when it
/// cannot.
pub(super) fn fetch<const N: usize>(ctx: &Ctx, v: u64) -> Result<[u8; N], (String, Value)> {
    let mut b = [0u8; N];
    if read_exact(ctx.mem, v, &mut b) {
        Ok(b)
    } else {
        Err((addr(v), Value::Null))
    }
}

/// A payload by its decoder; `None` when the decoder declines (too short,
/// or none), which prints the bytes in hex.
fn payload(ctx: &Ctx, v: u64, len: u64, nla: Nla, family: u8) -> Option<(String, Value)> {
    macro_rules! int {
        ($ty:ty, $n:expr) => {{
            if len < $n {
                return None;
            }
            Some(match fetch::<$n>(ctx, v) {
                Ok(b) => {
                    let n = <$ty>::from_ne_bytes(b);
                    (n.to_string(), json!(n))
                }
                Err(e) => e,
            })
        }};
    }
    let u32_then = |f: &dyn Fn(u32) -> (String, Value)| -> Option<(String, Value)> {
        if len < 4 {
            return None;
        }
        Some(match fetch::<4>(ctx, v) {
            Ok(b) => f(u32::from_ne_bytes(b)),
            Err(e) => e,
        })
    };
    match nla {
        Nla::Hex => None,
        Nla::More(x) => super::rtnl_more::payload(ctx, v, len, x, family),
        Nla::Rest(x) => super::rtnl_rest::payload(ctx, v, len, x, family),
        Nla::Str => Some(nla_str(ctx, v, len)),
        Nla::U8 => int!(u8, 1),
        Nla::U16 => int!(u16, 2),
        Nla::U32 => int!(u32, 4),
        Nla::U64 => int!(u64, 8),
        Nla::S32 => int!(i32, 4),
        Nla::Fd => u32_then(&|n| {
            let (t, j) = super::files::fd(ctx, n as i32 as i64 as u64);
            (t, j.unwrap_or(Value::Null))
        }),
        Nla::Ifindex => u32_then(&|n| (super::sockets::ifindex_text(ctx, n), json!(n))),
        Nla::IfaFlags => u32_then(&|n| {
            (
                xlat::IFADDR_FLAGS.format_flags(n as u64),
                xlat::IFADDR_FLAGS.flags_json(n as u64),
            )
        }),
        Nla::RtClass => u32_then(&|n| {
            (
                xval_hex(&xlat::ROUTING_TABLE_IDS, n as u64),
                xlat::ROUTING_TABLE_IDS.enum_json(n as u64),
            )
        }),
        Nla::ExtMask => {
            // decode_nla_flags with size 4: 4 to 8 bytes, the first 4 read.
            if !(4..=8).contains(&len) {
                return None;
            }
            u32_then(&|n| {
                let t = &xlat::RTNL_IFLA_EXT_FILTER_FLAGS;
                (t.format_flags(n as u64), t.flags_json(n as u64))
            })
        }
        Nla::LwtEncap => {
            if len < 2 {
                return None;
            }
            Some(match fetch::<2>(ctx, v) {
                Ok(b) => {
                    let n = u16::from_ne_bytes(b) as u64;
                    let t = &xlat::LWTUNNEL_ENCAP_TYPES;
                    (t.format_enum(n), t.enum_json(n))
                }
                Err(e) => e,
            })
        }
        Nla::Hwaddr => Some(hwaddr(ctx, v, len, family)?),
        Nla::Inet => Some(inet(ctx, v, len, family)),
        Nla::Metrics => Some(attributes(ctx, v, len, Attrs::Metrics, family)),
        Nla::BcOp => super::sockdiag::bc_op(ctx, v, len),
        Nla::IpProto => {
            // decode_nla_xval: up to 8 bytes, read as one number.
            if len > 8 {
                return None;
            }
            let mut b = [0u8; 8];
            if !read_exact(ctx.mem, v, &mut b[..len as usize]) {
                return Some((addr(v), Value::Null));
            }
            let n = u64::from_le_bytes(b);
            let t = &xlat::IP_PROTOCOLS;
            let text = t
                .lookup(n)
                .map_or_else(|| format!("{} /* IPPROTO_??? */", hex(n)), str::to_string);
            Some((text, t.enum_json(n)))
        }
        Nla::IfaCacheinfo => {
            if len < 16 {
                return None;
            }
            Some(match fetch::<16>(ctx, v) {
                Ok(b) => u32_struct(&b, &["ifa_prefered", "ifa_valid", "cstamp", "tstamp"], &[]),
                Err(e) => e,
            })
        }
        Nla::RtaCacheinfo => {
            if len < 32 {
                return None;
            }
            Some(match fetch::<32>(ctx, v) {
                Ok(b) => u32_struct(
                    &b,
                    &[
                        "rta_clntref",
                        "rta_lastuse",
                        "rta_expires",
                        "rta_error",
                        "rta_used",
                        "rta_id",
                        "rta_ts",
                        "rta_tsage",
                    ],
                    &["rta_id"],
                ),
                Err(e) => e,
            })
        }
    }
}

/// A struct of u32 fields, those in `hex_fields` printed in hex.
pub(super) fn u32_struct(b: &[u8], fields: &[&str], hex_fields: &[&str]) -> (String, Value) {
    let mut parts = Vec::new();
    let mut j = serde_json::Map::new();
    for (i, name) in fields.iter().enumerate() {
        let n = u32::from_ne_bytes(b[i * 4..i * 4 + 4].try_into().unwrap());
        let t = if hex_fields.contains(name) {
            hex(n as u64)
        } else {
            n.to_string()
        };
        parts.push(format!("{name}={t}"));
        j.insert((*name).to_string(), json!(n));
    }
    (format!("{{{}}}", parts.join(", ")), Value::Object(j))
}

/// strace's `decode_nla_str`: the bytes up to `-s`, a trailing NUL
/// dropped; `...` unless that NUL ended them.
fn nla_str(ctx: &Ctx, v: u64, len: u64) -> (String, Value) {
    let limit = ctx.opts.string_limit as u64;
    // strace reads one byte past the limit.
    let mut b = vec![0u8; len.min(limit + 1) as usize];
    if !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), Value::Null);
    }
    b.truncate(len.min(limit) as usize);
    // With -x the NUL itself counts as unprintable, and a string printed
    // in hex keeps it and always ends in `...`, as strace's does.
    let all_hex = match ctx.opts.hex {
        HexMode::All => true,
        HexMode::NonAscii => b
            .iter()
            .any(|&c| c > 0x7e || (c < b' ' && !(9..=13).contains(&c))),
        HexMode::Normal => false,
    };
    let complete = !all_hex && b.last() == Some(&0);
    if complete {
        b.pop();
    }
    let mut t = quote(&b, ctx.opts.hex, false);
    if !complete {
        t.push_str("...");
    }
    if b.last() == Some(&0) {
        b.pop();
    }
    (t, super::bytes_json(&b))
}

/// strace's `decode_nla_hwaddr` for a link message: the header's family
/// is taken as the device type that chooses how many bytes print.
fn hwaddr(ctx: &Ctx, v: u64, len: u64, family: u8) -> Option<(String, Value)> {
    if len > MAX_ADDR_LEN {
        return None;
    }
    let mut b = vec![0u8; len as usize];
    if !read_exact(ctx.mem, v, &mut b) {
        return Some((addr(v), Value::Null));
    }
    let dev = family as u64;
    let size = if dev <= ARPHRD_VSOCKMON {
        xlat::ARP_HARDWARE_TYPES
            .lookup(dev)
            .and_then(|name| xlat::HWADDR_SIZES.entries.iter().find(|e| e.0 == name))
            .map_or(255, |e| e.1)
    } else {
        255
    };
    b.truncate(size.min(len) as usize);
    let t: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let t = t.join(":");
    Some((t.clone(), Value::from(t)))
}

/// strace's `decode_inet_addr`: an address of the header's family, else
/// the bytes in hex.
pub(super) fn inet(ctx: &Ctx, v: u64, len: u64, family: u8) -> (String, Value) {
    inet_at(ctx, v, len, family, None)
}

/// [`inet`] for a named field (`addr=inet_addr("1.2.3.4")`).
pub(super) fn inet_named(ctx: &Ctx, v: u64, len: u64, family: u8, name: &str) -> (String, Value) {
    inet_at(ctx, v, len, family, Some(name))
}

fn inet_at(ctx: &Ctx, v: u64, len: u64, family: u8, name: Option<&str>) -> (String, Value) {
    let prefix = name.map_or_else(String::new, |n| format!("{n}="));
    let size = match family {
        AF_INET => 4,
        AF_INET6 => 16,
        _ => 0,
    };
    if size == 0 || len < size {
        let (t, j) = hex_bytes(ctx, v, len);
        return (format!("{prefix}{t}"), json!({ "bytes": j }));
    }
    let mut b = [0u8; 16];
    if !read_exact(ctx.mem, v, &mut b[..size as usize]) {
        return (format!("{prefix}{}", addr(v)), Value::Null);
    }
    inet_text(ctx, &b[..size as usize], family, name)
}

/// A struct's address field of `b.len()` bytes (strace's
/// `PRINT_FIELD_INET_ADDR`): by `family`, else the bytes in hex.
pub(super) fn inet_field(ctx: &Ctx, b: &[u8], family: u8, name: &str) -> (String, Value) {
    inet_text(ctx, b, family, Some(name))
}

/// strace's `print_inet_addr`: `name=inet_addr("...")`,
/// `inet_pton(AF_INET6, "...", &name)`, else `name="\x.."`.
fn inet_text(ctx: &Ctx, b: &[u8], family: u8, name: Option<&str>) -> (String, Value) {
    match family {
        AF_INET if b.len() >= 4 => {
            let ip = Ipv4Addr::new(b[0], b[1], b[2], b[3]);
            let q = quote(ip.to_string().as_bytes(), ctx.opts.hex, true);
            let prefix = name.map_or_else(String::new, |n| format!("{n}="));
            (
                format!("{prefix}inet_addr({q})"),
                Value::from(ip.to_string()),
            )
        }
        AF_INET6 if b.len() >= 16 => {
            let ip = Ipv6Addr::from(<[u8; 16]>::try_from(&b[..16]).unwrap());
            let q = quote(ip.to_string().as_bytes(), ctx.opts.hex, true);
            let suffix = name.map_or_else(String::new, |n| format!(", &{n}"));
            (
                format!("inet_pton(AF_INET6, {q}{suffix})"),
                Value::from(ip.to_string()),
            )
        }
        _ => {
            let prefix = name.map_or_else(String::new, |n| format!("{n}="));
            (
                format!("{prefix}{}", quote(b, HexMode::All, false)),
                json!({ "bytes": super::bytes_json(b) }),
            )
        }
    }
}
