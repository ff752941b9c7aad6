//! NETLINK_ROUTE neighbour, rule and traffic-control requests (what
//! `ip neigh`, `ip rule`, `tc` and `bridge` send): the family header
//! (`ndmsg`, `fib_rule_hdr`, `tcmsg`) and its `NDA_*`, `FRA_*`, `TCA_*`
//! attributes, as strace 6.1 prints them at entry; the attribute list
//! itself is walked by `rtnl::attributes`.
//!
//! Also the link attributes IFLA_LINKINFO (IFLA_INFO_*, below) and IFLA_MAP, and the route
//! attributes RTA_VIA and RTA_MULTIPATH (what `ip route add ... nexthop`
//! sends).
//!
//! TCA_STATS (`tc_stats`) and TCA_STATS2 (TCA_STATS_*) are decoded in
//! `rtnl_rest`. Not decoded, printed in hex as strace prints attributes it
//! has no decoder for (there notrace and strace differ): TCA_STAB.
//! IFLA_INFO_XSTATS is decoded for "can" (`can_device_stats`), as strace
//! 6.1 decodes it; NDA_FDB_EXT_ATTRS's NFEA_* are in `rtnl_rest`.
//!
//! IFLA_INFO_DATA is decoded for the kinds strace 6.1 decodes, "tun"
//! (IFLA_TUN_*) and "bridge" (IFLA_BR_*, with IFLA_BR_MCAST_QUERIER_STATE's
//! BRIDGE_QUERIER_*), and IFLA_INFO_SLAVE_DATA for the slave kind "bridge"
//! (IFLA_BRPORT_*); other kinds' print in hex, as strace's do.
//!
//! Also the neighbour-table messages (`ndtmsg`, NDTA_*, NDTPA_*, what
//! `ip ntable` sends) and NLMSG_ERROR's NLMSGERR_ATTR_* list.

use super::rtnl::fetch;
use super::rtnl::{attributes, Attrs, Nla};
use super::{addr, Ctx};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

const AF_BRIDGE: u8 = 7;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// The attribute sets of the headers decoded here.
#[derive(Clone, Copy)]
pub(super) enum Set {
    /// IFLA_LINKINFO's nested IFLA_INFO_*.
    LinkInfo,
    Neigh,
    Rule,
    Tc,
    /// An NLMSG_ERROR's extended-ack NLMSGERR_ATTR_* list.
    NlmsgErr,
    /// A neighbour table's NDTA_* (after an `ndtmsg`).
    Neightbl,
    /// NDTA_PARMS's nested NDTPA_*.
    NdtParms,
    /// IFLA_INFO_DATA of the kind "tun": IFLA_TUN_*.
    TunData,
    /// IFLA_INFO_DATA of the kind "bridge": IFLA_BR_*.
    BridgeData,
    /// IFLA_INFO_SLAVE_DATA of the slave kind "bridge": IFLA_BRPORT_*.
    Brport,
    /// IFLA_BR_MCAST_QUERIER_STATE's nested BRIDGE_QUERIER_*.
    BrQuerier,
}

/// Payload decoders of these sets that `rtnl` has no equivalent for.
#[derive(Clone, Copy)]
pub(super) enum Extra {
    /// `decode_nla_flags` of `size` bytes from `table`.
    Flags(&'static Xlat, u64),
    /// A big-endian u16 (`htons(N)`).
    Be16,
    /// A big-endian u64 (`htobe64(N)`).
    Be64,
    /// A u8 routing protocol (`RTPROT_*`).
    RtProto,
    /// `fib_rule_uid_range` (u32 start, end).
    UidRange,
    /// `fib_rule_port_range` (u16 start, end).
    PortRange,
    /// `nda_cacheinfo`.
    NdaCacheinfo,
    /// A hardware address with no device type: every byte.
    HwaddrAll,
    /// `tc_estimator` (signed interval, ewma_log).
    TcEstimator,
    /// IFLA_LINKINFO: a nested IFLA_INFO_* list.
    LinkInfo,
    /// IFLA_MAP's `rtnl_link_ifmap`.
    IfMap,
    /// RTA_VIA's `rtvia`: a family and an address of it.
    RtVia,
    /// RTA_MULTIPATH: `rtnexthop`s, each with its RTA_* list.
    Multipath,
    /// A string that ends at its NUL (strace's `QUOTE_0_TERMINATED`):
    /// `...` when no NUL comes within the payload or `-s`.
    CStr,
    /// IFLA_INFO_KIND: a [`Extra::CStr`] that also names the kind whose
    /// IFLA_INFO_DATA follows.
    InfoKind,
    /// IFLA_INFO_DATA: decoded for the kinds strace 6.1 decodes ("tun",
    /// "bridge"), else in hex.
    InfoData,
    /// IFLA_INFO_XSTATS: the "can" kind's `can_device_stats`, else hex.
    InfoXstats,
    /// NLMSGERR_ATTR_COOKIE: bytes as a list of numbers.
    U8Array,
    /// `struct ndt_config`.
    NdtConfig,
    /// NDTA_PARMS: a nested NDTPA_* list.
    NdtParms,
    /// `struct ndt_stats` (its last field optional).
    NdtStats,
    /// A u32 user or group id (`-1` for the all-ones one).
    Uid,
    /// IFLA_TUN_TYPE: a number of 1 to 8 bytes named IFF_TUN, IFF_TAP.
    TunType,
    /// IFLA_INFO_SLAVE_KIND: a [`Extra::CStr`] that also names the kind
    /// whose IFLA_INFO_SLAVE_DATA follows.
    SlaveKind,
    /// IFLA_INFO_SLAVE_DATA: decoded for the slave kind "bridge".
    SlaveData,
    /// A `clock_t` of up to 8 bytes: ticks, and seconds in a comment.
    ClockT,
    /// A u16 in hex (`0x4000`).
    X16,
    /// A big-endian ethernet protocol (`htons(ETH_P_8021Q)`).
    EtherProto,
    /// `struct ifla_bridge_id`: priority bytes and a MAC address.
    BridgeId,
    /// `struct br_boolopt_multi`: option bits and their mask.
    Boolopt,
    /// An IPv4 or IPv6 address whatever the header's family.
    In4,
    In6,
    /// IFLA_BR_MCAST_QUERIER_STATE: a nested BRIDGE_QUERIER_* list.
    BrQuerier,
}

thread_local! {
    /// The IFLA_INFO_KIND of the IFLA_LINKINFO being decoded (strace's
    /// `ifla_linkinfo_ctx.kind`): empty until one shorter than 16 bytes
    /// is seen.
    static LINK_KIND: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Its IFLA_INFO_SLAVE_KIND, the same way.
    static SLAVE_KIND: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Decoders of link and route attributes that `rtnl` leaves to this
/// module.
pub(super) fn link_decoder(attrs: Attrs, name: &str) -> Option<Nla> {
    match (attrs, name) {
        (Attrs::Link, "IFLA_LINKINFO") => Some(Nla::More(Extra::LinkInfo)),
        (Attrs::Link, "IFLA_MAP") => Some(Nla::More(Extra::IfMap)),
        (Attrs::Route, "RTA_VIA") => Some(Nla::More(Extra::RtVia)),
        (Attrs::Route, "RTA_MULTIPATH") => Some(Nla::More(Extra::Multipath)),
        _ => None,
    }
}

impl Set {
    pub(super) fn table(self) -> &'static Xlat {
        match self {
            Set::LinkInfo => &xlat::RTNL_IFLA_INFO_ATTRS,
            Set::Neigh => &xlat::RTNL_NEIGH_ATTRS,
            Set::Rule => &xlat::RTNL_RULE_ATTRS,
            Set::Tc => &xlat::RTNL_TC_ATTRS,
            Set::NlmsgErr => &xlat::NLMSGERR_ATTRS,
            Set::Neightbl => &xlat::RTNL_NEIGHTBL_ATTRS,
            Set::NdtParms => &xlat::RTNL_NEIGHTBL_PARMS_ATTRS,
            Set::TunData => &xlat::RTNL_IFLA_INFO_DATA_TUN_ATTRS,
            Set::BridgeData => &xlat::RTNL_IFLA_INFO_DATA_BRIDGE_ATTRS,
            Set::Brport => &xlat::RTNL_IFLA_BRPORT_ATTRS,
            Set::BrQuerier => &xlat::RTNL_IFLA_BR_MCAST_QUERIER_ATTRS,
        }
    }

    /// The decoder for the attribute named `name` (strace's
    /// `ndmsg_nla_decoders`, `fib_rule_hdr_nla_decoders`,
    /// `tcmsg_nla_decoders`).
    pub(super) fn decoder(self, name: &str) -> Nla {
        let x = Nla::More;
        match (self, name) {
            (Set::LinkInfo, "IFLA_INFO_KIND") => x(Extra::InfoKind),
            (Set::LinkInfo, "IFLA_INFO_SLAVE_KIND") => x(Extra::SlaveKind),
            (Set::LinkInfo, "IFLA_INFO_SLAVE_DATA") => x(Extra::SlaveData),
            (
                Set::BridgeData,
                "IFLA_BR_FORWARD_DELAY"
                | "IFLA_BR_HELLO_TIME"
                | "IFLA_BR_MAX_AGE"
                | "IFLA_BR_AGEING_TIME"
                | "IFLA_BR_HELLO_TIMER"
                | "IFLA_BR_TCN_TIMER"
                | "IFLA_BR_TOPOLOGY_CHANGE_TIMER"
                | "IFLA_BR_GC_TIMER"
                | "IFLA_BR_MCAST_LAST_MEMBER_INTVL"
                | "IFLA_BR_MCAST_MEMBERSHIP_INTVL"
                | "IFLA_BR_MCAST_QUERIER_INTVL"
                | "IFLA_BR_MCAST_QUERY_INTVL"
                | "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL"
                | "IFLA_BR_MCAST_STARTUP_QUERY_INTVL",
            ) => x(Extra::ClockT),
            (
                Set::BridgeData,
                "IFLA_BR_STP_STATE"
                | "IFLA_BR_ROOT_PATH_COST"
                | "IFLA_BR_MCAST_HASH_ELASTICITY"
                | "IFLA_BR_MCAST_HASH_MAX"
                | "IFLA_BR_MCAST_LAST_MEMBER_CNT"
                | "IFLA_BR_MCAST_STARTUP_QUERY_CNT",
            ) => Nla::U32,
            (
                Set::BridgeData,
                "IFLA_BR_PRIORITY" | "IFLA_BR_ROOT_PORT" | "IFLA_BR_VLAN_DEFAULT_PVID",
            ) => Nla::U16,
            (Set::BridgeData, "IFLA_BR_VLAN_PROTOCOL") => x(Extra::EtherProto),
            (Set::BridgeData, "IFLA_BR_GROUP_FWD_MASK") => x(Extra::X16),
            (Set::BridgeData, "IFLA_BR_ROOT_ID" | "IFLA_BR_BRIDGE_ID") => x(Extra::BridgeId),
            (Set::BridgeData, "IFLA_BR_GROUP_ADDR") => x(Extra::HwaddrAll),
            (Set::BridgeData, "IFLA_BR_MULTI_BOOLOPT") => x(Extra::Boolopt),
            (Set::BridgeData, "IFLA_BR_MCAST_QUERIER_STATE") => x(Extra::BrQuerier),
            (Set::BridgeData, "IFLA_BR_UNSPEC" | "IFLA_BR_FDB_FLUSH" | "IFLA_BR_PAD") => Nla::Hex,
            (Set::BridgeData, _) => Nla::U8,
            (Set::Brport, "IFLA_BRPORT_PRIORITY") => Nla::U16,
            (Set::Brport, "IFLA_BRPORT_COST") => Nla::U32,
            (Set::Brport, "IFLA_BRPORT_ROOT_ID" | "IFLA_BRPORT_BRIDGE_ID") => x(Extra::BridgeId),
            (
                Set::Brport,
                "IFLA_BRPORT_DESIGNATED_PORT"
                | "IFLA_BRPORT_DESIGNATED_COST"
                | "IFLA_BRPORT_ID"
                | "IFLA_BRPORT_NO",
            ) => Nla::U16,
            (
                Set::Brport,
                "IFLA_BRPORT_MESSAGE_AGE_TIMER"
                | "IFLA_BRPORT_FORWARD_DELAY_TIMER"
                | "IFLA_BRPORT_HOLD_TIMER",
            ) => x(Extra::ClockT),
            (Set::Brport, "IFLA_BRPORT_GROUP_FWD_MASK") => x(Extra::X16),
            (Set::Brport, "IFLA_BRPORT_BACKUP_PORT") => Nla::Ifindex,
            (
                Set::Brport,
                "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT" | "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT",
            ) => Nla::U32,
            (Set::Brport, "IFLA_BRPORT_UNSPEC" | "IFLA_BRPORT_FLUSH" | "IFLA_BRPORT_PAD") => {
                Nla::Hex
            }
            (Set::Brport, _) => Nla::U8,
            (Set::BrQuerier, "BRIDGE_QUERIER_IP_ADDRESS") => x(Extra::In4),
            (Set::BrQuerier, "BRIDGE_QUERIER_IPV6_ADDRESS") => x(Extra::In6),
            (Set::BrQuerier, "BRIDGE_QUERIER_IP_PORT" | "BRIDGE_QUERIER_IPV6_PORT") => Nla::Ifindex,
            (
                Set::BrQuerier,
                "BRIDGE_QUERIER_IP_OTHER_TIMER" | "BRIDGE_QUERIER_IPV6_OTHER_TIMER",
            ) => x(Extra::ClockT),
            (Set::LinkInfo, "IFLA_INFO_DATA") => x(Extra::InfoData),
            (Set::LinkInfo, "IFLA_INFO_XSTATS") => x(Extra::InfoXstats),
            (Set::Neigh, "NDA_FDB_EXT_ATTRS") => Nla::Rest(super::rtnl_rest::Extra::FdbExt),
            (Set::NlmsgErr, "NLMSGERR_ATTR_MSG") => Nla::Str,
            (Set::NlmsgErr, "NLMSGERR_ATTR_OFFS") => Nla::U32,
            (Set::NlmsgErr, "NLMSGERR_ATTR_COOKIE") => x(Extra::U8Array),
            (Set::Neightbl, "NDTA_NAME") => Nla::Str,
            (Set::Neightbl, "NDTA_THRESH1" | "NDTA_THRESH2" | "NDTA_THRESH3") => Nla::U32,
            (Set::Neightbl, "NDTA_CONFIG") => x(Extra::NdtConfig),
            (Set::Neightbl, "NDTA_PARMS") => x(Extra::NdtParms),
            (Set::Neightbl, "NDTA_STATS") => x(Extra::NdtStats),
            (Set::Neightbl, "NDTA_GC_INTERVAL") => Nla::U64,
            (Set::NdtParms, "NDTPA_IFINDEX") => Nla::Ifindex,
            (
                Set::NdtParms,
                "NDTPA_REFCNT"
                | "NDTPA_QUEUE_LEN"
                | "NDTPA_APP_PROBES"
                | "NDTPA_UCAST_PROBES"
                | "NDTPA_MCAST_PROBES"
                | "NDTPA_PROXY_QLEN"
                | "NDTPA_QUEUE_LENBYTES"
                | "NDTPA_MCAST_REPROBES",
            ) => Nla::U32,
            (Set::NdtParms, "NDTPA_UNSPEC" | "NDTPA_PAD") => Nla::Hex,
            // The times, in ms or jiffies as the kernel keeps them.
            (Set::NdtParms, _) => Nla::U64,
            (Set::TunData, "IFLA_TUN_OWNER" | "IFLA_TUN_GROUP") => x(Extra::Uid),
            (Set::TunData, "IFLA_TUN_TYPE") => x(Extra::TunType),
            (Set::TunData, "IFLA_TUN_NUM_QUEUES" | "IFLA_TUN_NUM_DISABLED_QUEUES") => Nla::U32,
            (Set::TunData, "IFLA_TUN_UNSPEC") => Nla::Hex,
            (Set::TunData, _) => Nla::U8,
            (Set::Neigh, "NDA_DST") => Nla::Inet,
            (Set::Neigh, "NDA_LLADDR") => x(Extra::HwaddrAll),
            (Set::Neigh, "NDA_CACHEINFO") => x(Extra::NdaCacheinfo),
            (
                Set::Neigh,
                "NDA_PROBES" | "NDA_VNI" | "NDA_LINK_NETNSID" | "NDA_SRC_VNI" | "NDA_NH_ID",
            ) => Nla::U32,
            (Set::Neigh, "NDA_VLAN") => Nla::U16,
            (Set::Neigh, "NDA_PORT") => x(Extra::Be16),
            (Set::Neigh, "NDA_IFINDEX" | "NDA_MASTER") => Nla::Ifindex,
            (Set::Neigh, "NDA_PROTOCOL") => Nla::IpProto,
            (Set::Neigh, "NDA_FLAGS_EXT") => {
                x(Extra::Flags(&xlat::NEIGHBOR_CACHE_ENTRY_EXT_FLAGS, 4))
            }
            (Set::Neigh, "NDA_NDM_STATE_MASK") => {
                x(Extra::Flags(&xlat::NEIGHBOR_CACHE_ENTRY_STATES, 2))
            }
            (Set::Neigh, "NDA_NDM_FLAGS_MASK") => {
                x(Extra::Flags(&xlat::NEIGHBOR_CACHE_ENTRY_FLAGS, 1))
            }
            (Set::Rule, "FRA_DST" | "FRA_SRC") => Nla::Inet,
            (Set::Rule, "FRA_IIFNAME" | "FRA_OIFNAME") => Nla::Str,
            (
                Set::Rule,
                "FRA_GOTO"
                | "FRA_PRIORITY"
                | "FRA_FWMARK"
                | "FRA_FLOW"
                | "FRA_SUPPRESS_IFGROUP"
                | "FRA_SUPPRESS_PREFIXLEN"
                | "FRA_FWMASK",
            ) => Nla::U32,
            (Set::Rule, "FRA_TUN_ID") => x(Extra::Be64),
            (Set::Rule, "FRA_TABLE") => Nla::RtClass,
            (Set::Rule, "FRA_L3MDEV") => Nla::U8,
            (Set::Rule, "FRA_UID_RANGE") => x(Extra::UidRange),
            (Set::Rule, "FRA_PROTOCOL") => x(Extra::RtProto),
            (Set::Rule, "FRA_IP_PROTO") => Nla::IpProto,
            (Set::Rule, "FRA_SPORT_RANGE" | "FRA_DPORT_RANGE") => x(Extra::PortRange),
            (Set::Tc, "TCA_KIND") => Nla::Str,
            (
                Set::Tc,
                "TCA_FCNT" | "TCA_CHAIN" | "TCA_INGRESS_BLOCK" | "TCA_EGRESS_BLOCK"
                | "TCA_DUMP_FLAGS",
            ) => Nla::U32,
            (Set::Tc, "TCA_HW_OFFLOAD") => Nla::U8,
            (Set::Tc, "TCA_RATE") => x(Extra::TcEstimator),
            (Set::Tc, "TCA_STATS2") => Nla::Rest(super::rtnl_rest::Extra::Nested(
                super::rtnl_rest::Set::TcStats,
            )),
            // offsetofend(struct tc_stats, backlog).
            (Set::Tc, "TCA_STATS") => Nla::Rest(super::rtnl_rest::Extra::Numbers(&[
                ("bytes", 8),
                ("packets", 4),
                ("drops", 4),
                ("overlimits", 4),
                ("bps", 4),
                ("pps", 4),
                ("qlen", 4),
                ("backlog", 4),
            ])),
            _ => Nla::Hex,
        }
    }
}

/// A payload by one of the decoders above; `None` when it declines (too
/// short), which prints the bytes in hex.
pub(super) fn payload(
    ctx: &Ctx,
    v: u64,
    len: u64,
    x: Extra,
    family: u8,
) -> Option<(String, Value)> {
    let u32s = |b: &[u8], i: usize| u32::from_ne_bytes(b[i * 4..i * 4 + 4].try_into().unwrap());
    let u16s = |b: &[u8], i: usize| u16::from_ne_bytes(b[i * 2..i * 2 + 2].try_into().unwrap());
    Some(match x {
        Extra::Flags(t, size) => {
            if len > 8 || len < size {
                return None;
            }
            let mut b = [0u8; 8];
            if !read_exact(ctx.mem, v, &mut b[..size as usize]) {
                return Some((addr(v), Value::Null));
            }
            let n = u64::from_le_bytes(b);
            (t.format_flags(n), t.flags_json(n))
        }
        Extra::Be16 => {
            if len < 2 {
                return None;
            }
            match fetch::<2>(ctx, v) {
                Ok(b) => {
                    let n = u16::from_be_bytes(b);
                    (format!("htons({n})"), json!(n))
                }
                Err(e) => e,
            }
        }
        Extra::Be64 => {
            if len < 8 {
                return None;
            }
            match fetch::<8>(ctx, v) {
                Ok(b) => {
                    let n = u64::from_be_bytes(b);
                    (format!("htobe64({n})"), json!(n))
                }
                Err(e) => e,
            }
        }
        Extra::RtProto => {
            if len < 1 {
                return None;
            }
            match fetch::<1>(ctx, v) {
                Ok(b) => {
                    let t = &xlat::ROUTING_PROTOCOLS;
                    (t.format_enum(b[0] as u64), t.enum_json(b[0] as u64))
                }
                Err(e) => e,
            }
        }
        Extra::UidRange => {
            if len < 8 {
                return None;
            }
            match fetch::<8>(ctx, v) {
                Ok(b) => range(u32s(&b, 0) as u64, u32s(&b, 1) as u64),
                Err(e) => e,
            }
        }
        Extra::PortRange => {
            if len < 4 {
                return None;
            }
            match fetch::<4>(ctx, v) {
                Ok(b) => range(u16s(&b, 0) as u64, u16s(&b, 1) as u64),
                Err(e) => e,
            }
        }
        Extra::NdaCacheinfo => {
            if len < 16 {
                return None;
            }
            match fetch::<16>(ctx, v) {
                Ok(b) => {
                    let names = ["ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"];
                    let mut j = serde_json::Map::new();
                    let parts: Vec<String> = names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            j.insert((*n).into(), json!(u32s(&b, i)));
                            format!("{n}={}", u32s(&b, i))
                        })
                        .collect();
                    (format!("{{{}}}", parts.join(", ")), Value::Object(j))
                }
                Err(e) => e,
            }
        }
        Extra::HwaddrAll => {
            // strace's MAX_ADDR_LEN.
            if len > 32 {
                return None;
            }
            let mut b = vec![0u8; len as usize];
            if !read_exact(ctx.mem, v, &mut b) {
                return Some((addr(v), Value::Null));
            }
            let t: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
            let t = t.join(":");
            (t.clone(), Value::from(t))
        }
        Extra::LinkInfo => {
            // Each IFLA_LINKINFO starts with no kind; the one around it
            // (an IFLA_INFO_DATA holding another) gets its own back.
            let outer = (LINK_KIND.take(), SLAVE_KIND.take());
            let r = attributes(ctx, v, len, Attrs::More(Set::LinkInfo), family);
            LINK_KIND.set(outer.0);
            SLAVE_KIND.set(outer.1);
            r
        }
        Extra::InfoKind | Extra::SlaveKind => {
            // strace's update_ctx_str: a payload shorter than 16 bytes, up
            // to its NUL or its end (the rest of strace's buffer is zeros).
            let mut b = [0u8; 16];
            let kind = (len < 16 && read_exact(ctx.mem, v, &mut b[..len as usize]))
                .then(|| {
                    b[..len as usize]
                        .split(|&c| c == 0)
                        .next()
                        .map(<[u8]>::to_vec)
                })
                .flatten()
                .unwrap_or_default();
            match x {
                Extra::InfoKind => LINK_KIND.set(kind),
                _ => SLAVE_KIND.set(kind),
            }
            return payload(ctx, v, len, Extra::CStr, family);
        }
        Extra::InfoData => {
            let set = match LINK_KIND.with_borrow(|k| k.clone()).as_slice() {
                b"tun" => Set::TunData,
                b"bridge" => Set::BridgeData,
                _ => return None,
            };
            attributes(ctx, v, len, Attrs::More(set), family)
        }
        Extra::InfoXstats => {
            const NAMES: [&str; 6] = [
                "bus_error",
                "error_warning",
                "error_passive",
                "bus_off",
                "arbitration_lost",
                "restarts",
            ];
            if len < 24 || LINK_KIND.with_borrow(|k| k.as_slice() != b"can") {
                return None;
            }
            match fetch::<24>(ctx, v) {
                Ok(b) => super::rtnl::u32_struct(&b, &NAMES, &[]),
                Err(e) => e,
            }
        }
        Extra::SlaveData => {
            if SLAVE_KIND.with_borrow(|k| k.as_slice() != b"bridge") {
                return None;
            }
            attributes(ctx, v, len, Attrs::More(Set::Brport), family)
        }
        Extra::ClockT => {
            if len > 8 {
                return None;
            }
            let mut b = [0u8; 8];
            if !read_exact(ctx.mem, v, &mut b[..len as usize]) {
                return Some((addr(v), Value::Null));
            }
            let n = u64::from_le_bytes(b);
            (clock_t(n), json!(n))
        }
        Extra::X16 => {
            if len < 2 {
                return None;
            }
            match fetch::<2>(ctx, v) {
                Ok(b) => {
                    let n = u16::from_ne_bytes(b);
                    (hex(n as u64), json!(n))
                }
                Err(e) => e,
            }
        }
        Extra::EtherProto => {
            // decode_nla_xval of size 2: 2 to 8 bytes, the first 2 read.
            if !(2..=8).contains(&len) {
                return None;
            }
            match fetch::<2>(ctx, v) {
                Ok(b) => {
                    let n = u16::from_be_bytes(b) as u64;
                    let t = &xlat::ETHERNET_PROTOCOLS;
                    (
                        format!("htons({})", xval(t, n, "ETHER_P_???")),
                        t.enum_json(n),
                    )
                }
                Err(e) => e,
            }
        }
        Extra::BridgeId => {
            if len < 8 {
                return None;
            }
            match fetch::<8>(ctx, v) {
                Ok(b) => {
                    let mac: Vec<String> = b[2..].iter().map(|c| format!("{c:02x}")).collect();
                    let mac = mac.join(":");
                    (
                        format!("{{prio=[{}, {}], addr={mac}}}", b[0], b[1]),
                        json!({ "prio": [b[0], b[1]], "addr": mac }),
                    )
                }
                Err(e) => e,
            }
        }
        Extra::Boolopt => {
            if len < 8 {
                return None;
            }
            match fetch::<8>(ctx, v) {
                Ok(b) => {
                    let (val, mask) = (u32s(&b, 0) as u64, u32s(&b, 1) as u64);
                    let t = &xlat::RTNL_IFLA_BR_BOOLOPT_FLAGS;
                    (
                        format!(
                            "{{optval={}, optmask={}}}",
                            t.format_flags(val),
                            t.format_flags(mask)
                        ),
                        json!({ "optval": t.flags_json(val), "optmask": t.flags_json(mask) }),
                    )
                }
                Err(e) => e,
            }
        }
        Extra::In4 | Extra::In6 => {
            let (size, fam) = match x {
                Extra::In4 => (4, AF_INET),
                _ => (16, AF_INET6),
            };
            if len < size {
                return None;
            }
            super::rtnl::inet(ctx, v, size, fam)
        }
        Extra::U8Array => {
            // print_array of u8: `-s` elements unless -v, then `...`; and
            // no more than the argument's text budget holds (each takes at
            // least 3 bytes: with -v a cookie could print 64 Ki of them).
            let shown = if ctx.opts.verbose {
                len
            } else {
                len.min(ctx.opts.string_limit as u64)
            }
            .min((super::netlink::budget_left() / 3) as u64);
            let mut b = vec![0u8; shown as usize];
            if !read_exact(ctx.mem, v, &mut b) {
                return Some((addr(v), Value::Null));
            }
            let mut items: Vec<String> = b.iter().map(u8::to_string).collect();
            if shown < len {
                items.push("...".into());
            }
            (format!("[{}]", items.join(", ")), json!(b))
        }
        Extra::NdtConfig => {
            if len < 32 {
                return None;
            }
            match fetch::<32>(ctx, v) {
                Ok(b) => {
                    let (key_len, entry_size) = (u16s(&b, 0), u16s(&b, 1));
                    let w: Vec<u32> = (1..8).map(|i| u32s(&b, i)).collect();
                    // PRINT_FIELD_0X: `%#0*x`, 8 wide with its 0x (zero
                    // has none).
                    let mask = if w[4] == 0 {
                        "00000000".to_string()
                    } else {
                        format!("{:#08x}", w[4])
                    };
                    (
                        format!(
                            "{{ndtc_key_len={key_len}, ndtc_entry_size={entry_size}, ndtc_entries={}, \
                             ndtc_last_flush={}, ndtc_last_rand={}, ndtc_hash_rnd={}, ndtc_hash_mask={mask}, \
                             ndtc_hash_chain_gc={}, ndtc_proxy_qlen={}}}",
                            w[0], w[1], w[2], w[3], w[5], w[6]
                        ),
                        json!({
                            "ndtc_key_len": key_len, "ndtc_entry_size": entry_size,
                            "ndtc_entries": w[0], "ndtc_last_flush": w[1], "ndtc_last_rand": w[2],
                            "ndtc_hash_rnd": w[3], "ndtc_hash_mask": w[4],
                            "ndtc_hash_chain_gc": w[5], "ndtc_proxy_qlen": w[6],
                        }),
                    )
                }
                Err(e) => e,
            }
        }
        Extra::NdtParms => attributes(ctx, v, len, Attrs::More(Set::NdtParms), family),
        Extra::BrQuerier => attributes(ctx, v, len, Attrs::More(Set::BrQuerier), family),
        Extra::NdtStats => {
            const NAMES: [&str; 11] = [
                "ndts_allocs",
                "ndts_destroys",
                "ndts_hash_grows",
                "ndts_res_failed",
                "ndts_lookups",
                "ndts_hits",
                "ndts_rcv_probes_mcast",
                "ndts_rcv_probes_ucast",
                "ndts_periodic_gc_runs",
                "ndts_forced_gc_runs",
                "ndts_table_fulls",
            ];
            // The whole struct, or exactly the size before its last field.
            let n = match len {
                88.. => 11,
                80 => 10,
                _ => return None,
            };
            let mut b = [0u8; 88];
            if !read_exact(ctx.mem, v, &mut b[..n * 8]) {
                return Some((addr(v), Value::Null));
            }
            let mut t = Vec::new();
            let mut j = serde_json::Map::new();
            for (i, name) in NAMES.iter().take(n).enumerate() {
                let x = u64::from_ne_bytes(b[i * 8..i * 8 + 8].try_into().unwrap());
                t.push(format!("{name}={x}"));
                j.insert(name.to_string(), json!(x));
            }
            (format!("{{{}}}", t.join(", ")), Value::Object(j))
        }
        Extra::Uid => {
            if len < 4 {
                return None;
            }
            match fetch::<4>(ctx, v) {
                // printuid: the all-ones id as -1.
                Ok(b) => super::process::id_text(u32::from_ne_bytes(b).into(), 4),
                Err(e) => e,
            }
        }
        Extra::TunType => {
            // decode_nla_xval of size 1: 1 to 8 bytes read as one number.
            if !(1..=8).contains(&len) {
                return None;
            }
            let mut b = [0u8; 8];
            if !read_exact(ctx.mem, v, &mut b[..len as usize]) {
                return Some((addr(v), Value::Null));
            }
            let n = u64::from_le_bytes(b);
            let t = &xlat::TUN_DEVICE_TYPES;
            (xval(t, n, "IFF_???"), t.enum_json(n))
        }
        Extra::IfMap => {
            // offsetofend(struct rtnl_link_ifmap, port).
            if len < 28 {
                return None;
            }
            match fetch::<28>(ctx, v) {
                Ok(b) => {
                    let u64s =
                        |i: usize| u64::from_ne_bytes(b[i * 8..i * 8 + 8].try_into().unwrap());
                    let (start, end, base) = (u64s(0), u64s(1), u64s(2));
                    let irq = u16::from_ne_bytes([b[24], b[25]]);
                    let (dma, port) = (b[26], b[27]);
                    (
                        format!(
                            "{{mem_start={}, mem_end={}, base_addr={}, irq={irq}, dma={dma}, port={port}}}",
                            hex(start),
                            hex(end),
                            hex(base)
                        ),
                        json!({
                            "mem_start": start, "mem_end": end, "base_addr": base,
                            "irq": irq, "dma": dma, "port": port,
                        }),
                    )
                }
                Err(e) => e,
            }
        }
        Extra::RtVia => {
            if len < 2 {
                return None;
            }
            match fetch::<2>(ctx, v) {
                Ok(b) => {
                    let fam = u16::from_ne_bytes(b) as u64;
                    let t = &xlat::ADDRESS_FAMILIES;
                    let mut text = format!("{{rtvia_family={}", t.format_enum(fam));
                    let mut j = json!({ "rtvia_family": t.enum_json(fam) });
                    if len > 2 {
                        // A family past a byte has no address decoder.
                        let f = u8::try_from(fam).unwrap_or(0);
                        let (a, aj) = super::rtnl::inet_named(ctx, v + 2, len - 2, f, "rtvia_addr");
                        text.push_str(&format!(", {a}"));
                        j["rtvia_addr"] = aj;
                    }
                    text.push('}');
                    (text, j)
                }
                Err(e) => e,
            }
        }
        Extra::Multipath => return multipath(ctx, v, len, family),
        Extra::CStr => {
            let limit = ctx.opts.string_limit as u64;
            // strace reads one byte past -s.
            let size = (limit + 1).min(len) as usize;
            let mut b = vec![0u8; size];
            if !read_exact(ctx.mem, v, &mut b) {
                return Some((addr(v), Value::Null));
            }
            let shown = size.min(limit as usize);
            // The byte past -s counts: a NUL there ends the string in time.
            match b.iter().position(|&c| c == 0) {
                Some(n) => (
                    super::strings::quote(&b[..n], ctx.opts.hex, false),
                    super::bytes_json(&b[..n]),
                ),
                None => (
                    format!(
                        "{}...",
                        super::strings::quote(&b[..shown], ctx.opts.hex, false)
                    ),
                    super::bytes_json(&b[..shown]),
                ),
            }
        }
        Extra::TcEstimator => {
            if len < 2 {
                return None;
            }
            match fetch::<2>(ctx, v) {
                Ok(b) => {
                    let (interval, ewma) = (b[0] as i8, b[1]);
                    (
                        format!("{{interval={interval}, ewma_log={ewma}}}"),
                        json!({ "interval": interval, "ewma_log": ewma }),
                    )
                }
                Err(e) => e,
            }
        }
    })
}

/// strace's `decode_rta_multipath`: `rtnexthop` headers (printed whole
/// whatever their rtnh_len), each followed by the RTA_* list its length
/// covers; an unreadable header prints as its address, straight after
/// what came before, as strace's does.
fn multipath(ctx: &Ctx, v: u64, len: u64, family: u8) -> Option<(String, Value)> {
    const RTNH_SIZE: u64 = 8;
    if len < RTNH_SIZE {
        return None;
    }
    let (mut text, mut values) = (String::new(), Vec::new());
    let (mut cur, mut left) = (v, len);
    let mut is_array = false;
    loop {
        let Ok(b) = fetch::<8>(ctx, cur) else {
            text.push_str(&addr(cur));
            break;
        };
        let nh_len = u16::from_ne_bytes([b[0], b[1]]) as u64;
        let (flags, hops) = (b[2] as u64, b[3]);
        let index = u32::from_ne_bytes(b[4..8].try_into().unwrap());
        let rtnh_len = left.min(nh_len);
        if cur == v && nh_len < len {
            text.push('[');
            is_array = true;
        }
        if cur > v {
            text.push_str(", ");
        }
        let t = &xlat::ROUTE_NEXTHOP_FLAGS;
        let head = format!(
            "{{rtnh_len={nh_len}, rtnh_flags={}, rtnh_hops={hops}, rtnh_ifindex={}}}",
            t.format_flags(flags),
            super::sockets::ifindex_text(ctx, index)
        );
        let mut j = json!({
            "rtnh_len": nh_len, "rtnh_flags": t.flags_json(flags), "rtnh_hops": hops,
            "rtnh_ifindex": index,
        });
        if rtnh_len > RTNH_SIZE {
            let (a, aj) = attributes(
                ctx,
                cur + RTNH_SIZE,
                rtnh_len - RTNH_SIZE,
                Attrs::Route,
                family,
            );
            text.push_str(&format!("[{head}, {a}]"));
            j["attributes"] = aj;
        } else {
            text.push_str(&head);
        }
        values.push(j);
        let step = (rtnh_len + 3) & !3;
        if step >= left {
            break;
        }
        cur += step;
        left -= step;
    }
    if is_array {
        text.push(']');
    }
    Some((text, Value::Array(values)))
}

fn range(start: u64, end: u64) -> (String, Value) {
    (
        format!("{{start={start}, end={end}}}"),
        json!({ "start": start, "end": end }),
    )
}

/// strace's `print_clock_t`: the ticks, and with USER_HZ at 100 (what
/// Linux reports to every program) the seconds in a comment.
pub(super) fn clock_t(n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    format!("{n} /* {}.{:02} s */", n / 100, n % 100)
}

/// An enum strace prints with an unknown marker, the number in hex.
pub(super) fn xval(t: &Xlat, v: u64, unknown: &str) -> String {
    t.lookup(v)
        .map_or_else(|| format!("{} /* {unknown} */", hex(v)), str::to_string)
}

/// The family header of a neighbour, rule or tc message (`kind` counted
/// from RTM_BASE) of `len` bytes at `v`, and its attributes; `None` for
/// other message kinds.
pub(super) fn message(
    ctx: &Ctx,
    kind: u16,
    family: u8,
    v: u64,
    len: u64,
) -> Option<(String, Value)> {
    // Offsets from RTM_BASE, in strace's route_decoders.
    let (prefix, size, set) = match kind {
        // RTM_GETNEIGH for AF_BRIDGE carries an ifinfomsg.
        14 if family == AF_BRIDGE => return super::rtnl::message(ctx, 2, family, v, len),
        12..=14 => ("ndm_", 12u64, Set::Neigh),
        16..=18 => ("", 12, Set::Rule),
        20..=30 | 84..=86 => ("tcm_", 20, Set::Tc),
        // RTM_NEWNEIGHTBL, RTM_GETNEIGHTBL, RTM_SETNEIGHTBL: an ndtmsg,
        // its family (read already) and padding.
        48 | 50 | 51 => {
            let fam_t = xlat::ADDRESS_FAMILIES.format_enum(family as u64);
            let mut t = format!("{{ndtm_family={fam_t}}}");
            let mut j = json!({ "family": xlat::ADDRESS_FAMILIES.enum_json(family as u64) });
            if len > 4 {
                let (a, aj) = attributes(ctx, v + 4, len - 4, Attrs::More(Set::Neightbl), family);
                t.push_str(&format!(", {a}"));
                j["attributes"] = aj;
            }
            return Some((t, j));
        }
        _ => return super::rtnl_rest::message(ctx, kind, family, v, len),
    };
    let fam_t = xlat::ADDRESS_FAMILIES.format_enum(family as u64);
    let fam_j = xlat::ADDRESS_FAMILIES.enum_json(family as u64);
    let short = |rest: String| {
        (
            format!("{{{prefix}family={fam_t}, {rest}}}"),
            json!({ "family": fam_j.clone() }),
        )
    };
    if len < size {
        return Some(short("...".into()));
    }
    let mut b = [0u8; 20];
    let b = &mut b[..size as usize];
    if !read_exact(ctx.mem, v, b) {
        return Some(short(addr(v + 1)));
    }
    let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let ifindex = |i: usize| super::sockets::ifindex_text(ctx, u32_at(i));
    let (mut t, mut j) = match set {
        // Nested only, never a message's header.
        Set::LinkInfo
        | Set::NlmsgErr
        | Set::Neightbl
        | Set::NdtParms
        | Set::TunData
        | Set::BridgeData
        | Set::Brport
        | Set::BrQuerier => return None,
        Set::Neigh => {
            let state = u16::from_ne_bytes([b[8], b[9]]) as u64;
            let (flags, ty) = (b[10] as u64, b[11] as u64);
            let (st, ft) = (
                &xlat::NEIGHBOR_CACHE_ENTRY_STATES,
                &xlat::NEIGHBOR_CACHE_ENTRY_FLAGS,
            );
            (
                format!(
                    "{{ndm_family={fam_t}, ndm_ifindex={}, ndm_state={}, ndm_flags={}, ndm_type={}}}",
                    ifindex(4),
                    st.format_flags(state),
                    ft.format_flags(flags),
                    xlat::ROUTING_TYPES.format_enum(ty)
                ),
                json!({
                    "family": fam_j, "ifindex": u32_at(4) as i32,
                    "state": st.flags_json(state), "flags": ft.flags_json(flags),
                    "type": xlat::ROUTING_TYPES.enum_json(ty),
                }),
            )
        }
        Set::Rule => {
            let (tos, table, action) = (b[3] as u64, b[4] as u64, b[7] as u64);
            let flags = u32_at(8) as u64;
            (
                format!(
                    "{{family={fam_t}, dst_len={}, src_len={}, tos={}, table={}, action={}, flags={}}}",
                    b[1],
                    b[2],
                    xlat::IP_TYPE_OF_SERVICES.format_flags(tos),
                    xval(&xlat::ROUTING_TABLE_IDS, table, "RT_TABLE_???"),
                    xval(&xlat::FIB_RULE_ACTIONS, action, "FR_ACT_???"),
                    xlat::FIB_RULE_FLAGS.format_flags(flags)
                ),
                json!({
                    "family": fam_j, "dst_len": b[1], "src_len": b[2],
                    "tos": xlat::IP_TYPE_OF_SERVICES.flags_json(tos),
                    "table": xlat::ROUTING_TABLE_IDS.enum_json(table),
                    "action": xlat::FIB_RULE_ACTIONS.enum_json(action),
                    "flags": xlat::FIB_RULE_FLAGS.flags_json(flags),
                }),
            )
        }
        Set::Tc => {
            let (handle, parent, info) = (u32_at(8), u32_at(12), u32_at(16));
            (
                format!(
                    "{{tcm_family={fam_t}, tcm_ifindex={}, tcm_handle={handle}, tcm_parent={parent}, tcm_info={info}}}",
                    ifindex(4)
                ),
                json!({
                    "family": fam_j, "ifindex": u32_at(4) as i32, "handle": handle,
                    "parent": parent, "info": info,
                }),
            )
        }
    };
    // The three headers are NLMSG_ALIGNed already.
    if len > size {
        let (a, aj) = attributes(ctx, v + size, len - size, Attrs::More(set), family);
        t.push_str(&format!(", {a}"));
        j["attributes"] = aj;
    }
    Some((t, j))
}
