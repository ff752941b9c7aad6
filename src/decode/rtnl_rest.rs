//! The NETLINK_ROUTE message headers `rtnl` and `rtnl_more` leave:
//! address labels (`ifaddrlblmsg`, IFAL_*), DCB (`dcbmsg`, DCB_ATTR_*),
//! netconf (`netconfmsg`, NETCONFA_*), bridge MDB (`br_port_msg`, MDBA_*
//! and their nested lists), namespace ids (`rtgenmsg`, NETNSA_*), link
//! statistics (`if_stats_msg`, IFLA_STATS_*), multicast cache reports
//! (RTNL_FAMILY_IPMR/IP6MR's IPMRA_*/IP6MRA_*), nexthops (`nhmsg`, NHA_*)
//! and tc actions (`tcamsg`, TCA_ACT_*), as strace 6.1's rtnl_*.c print
//! them; also NDA_FDB_EXT_ATTRS's NFEA_* and NETLINK_CRYPTO's CRYPTOCFGA_*
//! sets (see `nlcrypto`).
//!
//! Also the link attributes IFLA_XDP (IFLA_XDP_*), IFLA_EVENT,
//! IFLA_PROP_LIST (IFLA_ALT_IFNAME inside; strace passes the decoder the
//! type with its flag bits, notrace the masked one) and
//! IFLA_PROTO_DOWN_REASON, IFLA_PROTINFO for AF_BRIDGE (AF_INET6's
//! IFLA_INET6_* print in hex, where strace decodes them), and `rtnl_link_stats64` (IFLA_STATS64, IFLA_STATS_LINK_64,
//! IFLA_OFFLOAD_XSTATS_CPU_HIT) and `rtnl_link_stats` (IFLA_STATS).
//!
//! IFLA_STATS_* lists go down to the bridge (BRIDGE_XSTATS_* with
//! `bridge_vlan_xstats`, `br_mcast_stats`, `bridge_stp_xstats`), bond
//! (BOND_3AD_STAT_*) and AF_MPLS (`mpls_link_stats`) statistics. TCA_ACT_STATS and `rtnl_more`'s TCA_STATS2 are the TCA_STATS_*
//! list here, TCA_STATS `tc_stats`.

use super::rtnl::fetch;
use super::rtnl::{attributes, xval_hex, Attrs, Nla};
use super::rtnl_more::Extra as More;
use super::{addr, Ctx};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const AF_BRIDGE: u8 = 7;
const RTNL_FAMILY_IPMR: u8 = 128;
const RTNL_FAMILY_IP6MR: u8 = 129;

/// The attribute sets decoded here.
#[derive(Clone, Copy)]
pub(super) enum Set {
    AddrLabel,
    Dcb,
    Netconf,
    Mdb,
    MdbaMdb,
    MdbaMdbEntry,
    MdbaMdbEattr,
    MdbaRouter,
    MdbaRouterPattr,
    Nsid,
    Stats,
    /// IFLA_STATS_LINK_OFFLOAD_XSTATS's IFLA_OFFLOAD_XSTATS_*.
    StatsOffload,
    /// IFLA_STATS_LINK_XSTATS's LINK_XSTATS_TYPE_*.
    StatsXstats,
    /// LINK_XSTATS_TYPE_BRIDGE's BRIDGE_XSTATS_*.
    XstatsBridge,
    /// LINK_XSTATS_TYPE_BOND's BOND_XSTATS_*.
    XstatsBond,
    /// BOND_XSTATS_3AD's BOND_3AD_STAT_*.
    XstatsBond3ad,
    /// IFLA_STATS_AF_SPEC: attributes typed by address family.
    StatsAfSpec,
    /// AF_MPLS's MPLS_STATS_*.
    MplsStats,
    /// IFLA_XDP's IFLA_XDP_*.
    Xdp,
    /// IFLA_PROP_LIST: IFLA_* again, only IFLA_ALT_IFNAME decoded.
    PropList,
    /// IFLA_PROTO_DOWN_REASON's IFLA_PROTO_DOWN_REASON_*.
    ProtoDownReason,
    IpmrCreport,
    Ip6mrCreport,
    Nexthop,
    NhaResGroup,
    NhaResBucket,
    TcAction,
    /// TCA_STATS2's and TCA_ACT_STATS's TCA_STATS_*.
    TcStats,
    FdbExt,
    /// NETLINK_CRYPTO's CRYPTOCFGA_* (after a `crypto_user_alg`).
    Crypto,
}

/// Payload decoders of these sets.
#[derive(Clone, Copy)]
pub(super) enum Extra {
    /// A nested list of one of the sets.
    Nested(Set),
    /// MDBA_MDB_ENTRY_INFO: `br_mdb_entry` and MDBA_MDB_EATTR_* after it.
    MdbEntry,
    /// MDBA_ROUTER_PORT: an ifindex and MDBA_ROUTER_PATTR_* after it.
    RouterPort,
    /// MDBA_ROUTER_PATTR_TYPE: a u8 MDB_RTR_TYPE_*, read whatever the size.
    RouterType,
    /// `decode_nla_xval`: `min` to 8 bytes read as one number.
    Xval(&'static Xlat, u64, &'static str),
    /// NHA_GROUP: an array of `nexthop_grp`.
    NhGroup,
    /// NDA_FDB_EXT_ATTRS: a nested NFEA_* list.
    FdbExt,
    /// A NETLINK_CRYPTO report: a struct of char arrays and u32s.
    Report(&'static [(&'static str, usize)]),
    /// A struct of u64s and u32s (sizes 8 and 4) printed in decimal: at
    /// least their total size, else hex.
    Numbers(&'static [(&'static str, usize)]),
    /// A u32 (of at least 4 bytes) by `printxval`, the marker if unknown.
    U32Xval(&'static Xlat, &'static str),
    /// A u32 (of at least 4 bytes) by `printflags`.
    U32Flags(&'static Xlat),
    /// A u32 in hex (`decode_nla_x32`).
    X32,
    /// IFLA_PROTINFO: by the header's family, AF_BRIDGE's IFLA_BRPORT_*
    /// list; AF_INET6's IFLA_INET6_* (not done here) and others in hex.
    Protinfo,
    /// [`Extra::Numbers`], and the bytes past them in hex after it.
    NumbersTail(&'static [(&'static str, usize)]),
    /// BRIDGE_XSTATS_VLAN's `bridge_vlan_xstats`, bytes past it in hex.
    BrVlan,
    /// BRIDGE_XSTATS_MCAST's `br_mcast_stats`, bytes past it in hex.
    BrMcast,
    /// `struct rtnl_link_stats64` (IFLA_STATS64, IFLA_STATS_LINK_64).
    LinkStats64,
    /// `struct rtnl_link_stats` (IFLA_STATS).
    LinkStats,
}

/// The fields of `rtnl_link_stats` and `rtnl_link_stats64`, in order: the
/// last two are optional (strace's `offsetofend` sizes), and
/// `rtnl_link_stats` stops before the very last.
const LINK_STATS: [&str; 25] = [
    "rx_packets",
    "tx_packets",
    "rx_bytes",
    "tx_bytes",
    "rx_errors",
    "tx_errors",
    "rx_dropped",
    "tx_dropped",
    "multicast",
    "collisions",
    "rx_length_errors",
    "rx_over_errors",
    "rx_crc_errors",
    "rx_frame_errors",
    "rx_fifo_errors",
    "rx_missed_errors",
    "tx_aborted_errors",
    "tx_carrier_errors",
    "tx_fifo_errors",
    "tx_heartbeat_errors",
    "tx_window_errors",
    "rx_compressed",
    "tx_compressed",
    "rx_nohandler",
    "rx_otherhost_dropped",
];

impl Set {
    pub(super) fn table(self) -> &'static Xlat {
        match self {
            Set::AddrLabel => &xlat::RTNL_ADDRLABEL_ATTRS,
            Set::Dcb => &xlat::RTNL_DCB_ATTRS,
            Set::Netconf => &xlat::RTNL_NETCONF_ATTRS,
            Set::Mdb => &xlat::RTNL_MDB_ATTRS,
            Set::MdbaMdb => &xlat::RTNL_MDBA_MDB_ATTRS,
            Set::MdbaMdbEntry => &xlat::RTNL_MDBA_MDB_ENTRY_ATTRS,
            Set::MdbaMdbEattr => &xlat::RTNL_MDBA_MDB_EATTR_ATTRS,
            Set::MdbaRouter => &xlat::RTNL_MDBA_ROUTER_ATTRS,
            Set::MdbaRouterPattr => &xlat::RTNL_MDBA_ROUTER_PATTR_ATTRS,
            Set::Nsid => &xlat::RTNL_NSID_ATTRS,
            Set::Stats => &xlat::IFSTATS_ATTRS,
            Set::StatsOffload => &xlat::IFSTATS_OFFLOAD_ATTRS,
            Set::StatsXstats => &xlat::IFSTATS_XSTATS_TYPE_ATTRS,
            Set::XstatsBridge => &xlat::IFSTATS_XSTATS_BRIDGE_ATTRS,
            Set::XstatsBond => &xlat::IFSTATS_XSTATS_BOND_ATTRS,
            Set::XstatsBond3ad => &xlat::IFSTATS_XSTATS_BOND_3AD_ATTRS,
            Set::StatsAfSpec => &xlat::ADDRESS_FAMILIES,
            Set::MplsStats => &xlat::IFSTATS_AF_SPEC_MPLS_ATTRS,
            Set::Xdp => &xlat::RTNL_IFLA_XDP_ATTRS,
            Set::PropList => &xlat::RTNL_LINK_ATTRS,
            Set::ProtoDownReason => &xlat::RTNL_IFLA_PROTO_DOWN_REASON_ATTRS,
            Set::IpmrCreport => &xlat::RTNL_IPMRA_CREPORT_ATTR,
            Set::Ip6mrCreport => &xlat::RTNL_IP6MRA_CREPORT_ATTR,
            Set::Nexthop => &xlat::RTNL_NEXTHOP_ATTRS,
            Set::NhaResGroup => &xlat::RTNL_NHA_RES_GROUP_ATTRS,
            Set::NhaResBucket => &xlat::RTNL_NHA_RES_BUCKET_ATTRS,
            Set::TcAction => &xlat::RTNL_TC_ACTION_ATTRS,
            Set::TcStats => &xlat::RTNL_TCA_STATS_ATTRS,
            Set::FdbExt => &xlat::RTNL_NEIGH_FDB_EXT_ATTRS,
            Set::Crypto => &xlat::CRYPTO_NL_ATTRS,
        }
    }

    /// The decoder of the attribute named `name` (the `*_nla_decoders`
    /// arrays of strace's rtnl_*.c and netlink_crypto.c).
    pub(super) fn decoder(self, name: &str) -> Nla {
        let r = Nla::Rest;
        let m = Nla::More;
        match (self, name) {
            (Set::AddrLabel, "IFAL_ADDRESS") => Nla::Inet,
            (Set::AddrLabel, "IFAL_LABEL") => Nla::U32,
            (Set::Netconf, "NETCONFA_UNSPEC") => Nla::Hex,
            (Set::Netconf, "NETCONFA_IFINDEX") => Nla::Ifindex,
            (Set::Netconf, _) => Nla::S32,
            (Set::Mdb, "MDBA_MDB") => r(Extra::Nested(Set::MdbaMdb)),
            (Set::Mdb, "MDBA_ROUTER") => r(Extra::Nested(Set::MdbaRouter)),
            (Set::MdbaMdb, "MDBA_MDB_ENTRY") => r(Extra::Nested(Set::MdbaMdbEntry)),
            (Set::MdbaMdbEntry, "MDBA_MDB_ENTRY_INFO") => r(Extra::MdbEntry),
            (Set::MdbaMdbEattr, "MDBA_MDB_EATTR_TIMER") => m(More::ClockT),
            (Set::MdbaRouter, "MDBA_ROUTER_PORT") => r(Extra::RouterPort),
            (Set::MdbaRouterPattr, "MDBA_ROUTER_PATTR_TYPE") => r(Extra::RouterType),
            (
                Set::MdbaRouterPattr,
                "MDBA_ROUTER_PATTR_TIMER"
                | "MDBA_ROUTER_PATTR_INET_TIMER"
                | "MDBA_ROUTER_PATTR_INET6_TIMER",
            ) => m(More::ClockT),
            (Set::Nsid, "NETNSA_NSID" | "NETNSA_TARGET_NSID" | "NETNSA_CURRENT_NSID") => Nla::S32,
            (Set::Nsid, "NETNSA_PID") => Nla::U32,
            (Set::Nsid, "NETNSA_FD") => Nla::Fd,
            (Set::Stats, "IFLA_STATS_LINK_64") => r(Extra::LinkStats64),
            (Set::Stats, "IFLA_STATS_LINK_XSTATS" | "IFLA_STATS_LINK_XSTATS_SLAVE") => {
                r(Extra::Nested(Set::StatsXstats))
            }
            (Set::Stats, "IFLA_STATS_LINK_OFFLOAD_XSTATS") => r(Extra::Nested(Set::StatsOffload)),
            (Set::StatsOffload, "IFLA_OFFLOAD_XSTATS_CPU_HIT") => r(Extra::LinkStats64),
            (Set::Xdp, "IFLA_XDP_FD" | "IFLA_XDP_EXPECTED_FD") => Nla::Fd,
            (Set::Xdp, "IFLA_XDP_ATTACHED") => r(Extra::Xval(
                &xlat::RTNL_IFLA_XDP_ATTACHED_MODE,
                1,
                "XDP_ATTACHED_???",
            )),
            (Set::Xdp, "IFLA_XDP_FLAGS") => r(Extra::U32Flags(&xlat::XDP_FLAGS)),
            (
                Set::Xdp,
                "IFLA_XDP_PROG_ID"
                | "IFLA_XDP_DRV_PROG_ID"
                | "IFLA_XDP_SKB_PROG_ID"
                | "IFLA_XDP_HW_PROG_ID",
            ) => Nla::U32,
            (Set::PropList, "IFLA_ALT_IFNAME") => Nla::Str,
            (
                Set::ProtoDownReason,
                "IFLA_PROTO_DOWN_REASON_MASK" | "IFLA_PROTO_DOWN_REASON_VALUE",
            ) => r(Extra::X32),
            (Set::Stats, "IFLA_STATS_AF_SPEC") => r(Extra::Nested(Set::StatsAfSpec)),
            (Set::StatsAfSpec, "AF_MPLS") => r(Extra::Nested(Set::MplsStats)),
            (Set::MplsStats, "MPLS_STATS_LINK") => r(Extra::NumbersTail(&[
                ("rx_packets", 8),
                ("tx_packets", 8),
                ("rx_bytes", 8),
                ("tx_bytes", 8),
                ("rx_errors", 8),
                ("tx_errors", 8),
                ("rx_dropped", 8),
                ("tx_dropped", 8),
                ("rx_noroute", 8),
            ])),
            (Set::StatsXstats, "LINK_XSTATS_TYPE_BRIDGE") => r(Extra::Nested(Set::XstatsBridge)),
            (Set::StatsXstats, "LINK_XSTATS_TYPE_BOND") => r(Extra::Nested(Set::XstatsBond)),
            (Set::XstatsBridge, "BRIDGE_XSTATS_VLAN") => r(Extra::BrVlan),
            (Set::XstatsBridge, "BRIDGE_XSTATS_MCAST") => r(Extra::BrMcast),
            (Set::XstatsBridge, "BRIDGE_XSTATS_STP") => r(Extra::NumbersTail(&[
                ("transition_blk", 8),
                ("transition_fwd", 8),
                ("rx_bpdu", 8),
                ("tx_bpdu", 8),
                ("rx_tcn", 8),
                ("tx_tcn", 8),
            ])),
            (Set::XstatsBond, "BOND_XSTATS_3AD") => r(Extra::Nested(Set::XstatsBond3ad)),
            (Set::XstatsBond3ad, "BOND_3AD_STAT_PAD") => Nla::Hex,
            (Set::XstatsBond3ad, _) => Nla::U64,
            (Set::IpmrCreport, "IPMRA_CREPORT_MSGTYPE") => {
                r(Extra::Xval(&xlat::RTNL_IPMRA_MSG_TYPES, 1, "IGMPMSG_???"))
            }
            (Set::IpmrCreport, "IPMRA_CREPORT_VIF_ID" | "IPMRA_CREPORT_TABLE") => Nla::U32,
            (Set::IpmrCreport, "IPMRA_CREPORT_SRC_ADDR" | "IPMRA_CREPORT_DST_ADDR") => m(More::In4),
            (Set::Ip6mrCreport, "IP6MRA_CREPORT_MSGTYPE") => {
                r(Extra::Xval(&xlat::RTNL_IP6MRA_MSG_TYPES, 1, "MRT6MSG_???"))
            }
            (Set::Ip6mrCreport, "IP6MRA_CREPORT_MIF_ID") => Nla::U32,
            (Set::Ip6mrCreport, "IP6MRA_CREPORT_SRC_ADDR" | "IP6MRA_CREPORT_DST_ADDR") => {
                m(More::In6)
            }
            (Set::Nexthop, "NHA_ID" | "NHA_BLACKHOLE" | "NHA_GROUPS" | "NHA_FDB") => Nla::U32,
            (Set::Nexthop, "NHA_GROUP") => r(Extra::NhGroup),
            (Set::Nexthop, "NHA_GROUP_TYPE") => r(Extra::Xval(
                &xlat::RTNL_NEXTHOP_GRP_TYPES,
                2,
                "NEXTHOP_GRP_TYPE_???",
            )),
            (Set::Nexthop, "NHA_OIF" | "NHA_MASTER") => Nla::Ifindex,
            (Set::Nexthop, "NHA_GATEWAY") => Nla::Inet,
            (Set::Nexthop, "NHA_ENCAP_TYPE") => Nla::LwtEncap,
            (Set::Nexthop, "NHA_RES_GROUP") => r(Extra::Nested(Set::NhaResGroup)),
            (Set::Nexthop, "NHA_RES_BUCKET") => r(Extra::Nested(Set::NhaResBucket)),
            (Set::NhaResGroup, "NHA_RES_GROUP_BUCKETS") => Nla::U16,
            (
                Set::NhaResGroup,
                "NHA_RES_GROUP_IDLE_TIMER"
                | "NHA_RES_GROUP_UNBALANCED_TIMER"
                | "NHA_RES_GROUP_UNBALANCED_TIME",
            ) => m(More::ClockT),
            (Set::NhaResBucket, "NHA_RES_BUCKET_INDEX") => Nla::U16,
            (Set::NhaResBucket, "NHA_RES_BUCKET_IDLE_TIME") => m(More::ClockT),
            (Set::NhaResBucket, "NHA_RES_BUCKET_NH_ID") => Nla::U32,
            (Set::TcAction, "TCA_ACT_KIND") => Nla::Str,
            (Set::TcAction, "TCA_ACT_STATS") => r(Extra::Nested(Set::TcStats)),
            (Set::TcStats, "TCA_STATS_BASIC" | "TCA_STATS_BASIC_HW") => {
                r(Extra::Numbers(&[("bytes", 8), ("packets", 4)]))
            }
            (Set::TcStats, "TCA_STATS_RATE_EST") => r(Extra::Numbers(&[("bps", 4), ("pps", 4)])),
            (Set::TcStats, "TCA_STATS_QUEUE") => r(Extra::Numbers(&[
                ("qlen", 4),
                ("backlog", 4),
                ("drops", 4),
                ("requeues", 4),
                ("overlimits", 4),
            ])),
            (Set::TcStats, "TCA_STATS_RATE_EST64") => r(Extra::Numbers(&[("bps", 8), ("pps", 8)])),
            (Set::TcStats, "TCA_STATS_PKT64") => Nla::U64,
            (Set::TcAction, "TCA_ACT_INDEX" | "TCA_ACT_IN_HW_COUNT") => Nla::U32,
            (Set::TcAction, "TCA_ACT_FLAGS") => m(More::Flags(&xlat::RTNL_TCA_ACT_FLAGS, 4)),
            (Set::TcAction, "TCA_ACT_HW_STATS" | "TCA_ACT_USED_HW_STATS") => {
                m(More::Flags(&xlat::RTNL_TCA_ACT_HW_STATS, 4))
            }
            (Set::FdbExt, "NFEA_ACTIVITY_NOTIFY") => m(More::Flags(&xlat::FDB_NOTIFY_FLAGS, 1)),
            (Set::Crypto, "CRYPTOCFGA_PRIORITY_VAL") => Nla::U32,
            (
                Set::Crypto,
                "CRYPTOCFGA_REPORT_LARVAL"
                | "CRYPTOCFGA_REPORT_COMPRESS"
                | "CRYPTOCFGA_REPORT_AKCIPHER"
                | "CRYPTOCFGA_REPORT_KPP"
                | "CRYPTOCFGA_REPORT_ACOMP",
            ) => r(Extra::Report(&[("type", 0)])),
            (Set::Crypto, "CRYPTOCFGA_REPORT_HASH") => r(Extra::Report(&[
                ("type", 64),
                ("blocksize", 4),
                ("digestsize", 4),
            ])),
            (Set::Crypto, "CRYPTOCFGA_REPORT_BLKCIPHER") => r(Extra::Report(&[
                ("type", 64),
                ("geniv", 64),
                ("blocksize", 4),
                ("min_keysize", 4),
                ("max_keysize", 4),
                ("ivsize", 4),
            ])),
            (Set::Crypto, "CRYPTOCFGA_REPORT_AEAD") => r(Extra::Report(&[
                ("type", 64),
                ("geniv", 64),
                ("blocksize", 4),
                ("maxauthsize", 4),
                ("ivsize", 4),
            ])),
            (Set::Crypto, "CRYPTOCFGA_REPORT_RNG") => {
                r(Extra::Report(&[("type", 64), ("seedsize", 4)]))
            }
            (Set::Crypto, "CRYPTOCFGA_REPORT_CIPHER") => r(Extra::Report(&[
                ("type", 64),
                ("blocksize", 4),
                ("min_keysize", 4),
                ("max_keysize", 4),
            ])),
            _ => Nla::Hex,
        }
    }
}

/// `text, [list]` when `len` bytes remain after `off`: a payload followed
/// by the attributes after it (strace's `tprint_array_next` and
/// `decode_nlattr`).
fn with_attrs(
    ctx: &Ctx,
    (mut t, mut j): (String, Value),
    v: u64,
    len: u64,
    off: u64,
    set: Set,
    family: u8,
) -> (String, Value) {
    if len > off {
        let (a, aj) = attributes(ctx, v + off, len - off, Attrs::Rest(set), family);
        t = format!("{t}, {a}");
        if !j.is_object() {
            j = json!({ "value": j });
        }
        j["attributes"] = aj;
    }
    (t, j)
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
    Some(match x {
        Extra::Nested(set) => attributes(ctx, v, len, Attrs::Rest(set), family),
        Extra::FdbExt => attributes(ctx, v, len, Attrs::Rest(Set::FdbExt), family),
        Extra::MdbEntry => {
            // sizeof(struct br_mdb_entry), padded.
            const SIZE: u64 = 28;
            if len < SIZE {
                return None;
            }
            let head = match fetch::<28>(ctx, v) {
                Ok(b) => mdb_entry(ctx, &b),
                Err(e) => e,
            };
            with_attrs(ctx, head, v, len, SIZE, Set::MdbaMdbEattr, family)
        }
        Extra::RouterPort => {
            if len < 4 {
                return None;
            }
            let head = match fetch::<4>(ctx, v) {
                Ok(b) => {
                    let n = u32::from_ne_bytes(b);
                    (super::sockets::ifindex_text(ctx, n), json!(n))
                }
                Err(e) => e,
            };
            with_attrs(ctx, head, v, len, 4, Set::MdbaRouterPattr, family)
        }
        Extra::RouterType => match fetch::<1>(ctx, v) {
            Ok(b) => {
                let t = &xlat::MULTICAST_ROUTER_TYPES;
                (
                    super::rtnl_more::xval(t, b[0] as u64, "MDB_RTR_TYPE_???"),
                    t.enum_json(b[0] as u64),
                )
            }
            Err(e) => e,
        },
        Extra::Xval(t, min, unknown) => {
            if len > 8 || len < min {
                return None;
            }
            let mut b = [0u8; 8];
            if !read_exact(ctx.mem, v, &mut b[..len as usize]) {
                return Some((addr(v), Value::Null));
            }
            let n = u64::from_le_bytes(b);
            (super::rtnl_more::xval(t, n, unknown), t.enum_json(n))
        }
        Extra::NhGroup => {
            let n = len / 8;
            if n == 0 {
                return None;
            }
            nh_groups(ctx, v, n)
        }
        Extra::Report(fields) => report(ctx, v, len, fields)?,
        Extra::Numbers(fields) => {
            let size: usize = fields.iter().map(|f| f.1).sum();
            if len < size as u64 {
                return None;
            }
            let mut b = vec![0u8; size];
            if !read_exact(ctx.mem, v, &mut b) {
                return Some((addr(v), Value::Null));
            }
            struct_fields(ctx, &b, fields)
        }
        Extra::Protinfo => {
            if family != AF_BRIDGE {
                return None;
            }
            let set = Attrs::More(super::rtnl_more::Set::Brport);
            attributes(ctx, v, len, set, family)
        }
        Extra::U32Xval(..) | Extra::U32Flags(_) | Extra::X32 => {
            if len < 4 {
                return None;
            }
            let n = match fetch::<4>(ctx, v) {
                Ok(b) => u32::from_ne_bytes(b) as u64,
                Err(e) => return Some(e),
            };
            match x {
                Extra::U32Xval(t, unknown) => {
                    (super::rtnl_more::xval(t, n, unknown), t.enum_json(n))
                }
                Extra::U32Flags(t) => (t.format_flags(n), t.flags_json(n)),
                _ => (hex(n), json!(n)),
            }
        }
        Extra::NumbersTail(fields) => {
            let size: u64 = fields.iter().map(|f| f.1 as u64).sum();
            let head = payload(ctx, v, len, Extra::Numbers(fields), family)?;
            tail(ctx, head, v, len, size)
        }
        Extra::BrVlan => {
            const SIZE: u64 = 40;
            if len < SIZE {
                return None;
            }
            let head = match fetch::<40>(ctx, v) {
                Ok(b) => {
                    let (mut t, mut j) = struct_fields(
                        ctx,
                        &b[..32],
                        &[
                            ("rx_bytes", 8),
                            ("rx_packets", 8),
                            ("tx_bytes", 8),
                            ("tx_packets", 8),
                        ],
                    );
                    t.pop();
                    let vid = u16::from_ne_bytes([b[32], b[33]]);
                    let flags = u16::from_ne_bytes([b[34], b[35]]) as u64;
                    let pad2 = u32::from_ne_bytes(b[36..40].try_into().unwrap());
                    let ft = &xlat::NL_BRIDGE_VLAN_FLAGS;
                    t.push_str(&format!(", vid={vid}, flags={}", ft.format_flags(flags)));
                    j["vid"] = json!(vid);
                    j["flags"] = ft.flags_json(flags);
                    if pad2 != 0 {
                        t.push_str(&format!(", pad2={}", hex(pad2 as u64)));
                        j["pad2"] = json!(pad2);
                    }
                    t.push('}');
                    (t, j)
                }
                Err(e) => e,
            };
            tail(ctx, head, v, len, SIZE)
        }
        Extra::BrMcast => {
            const SIZE: u64 = 240;
            if len < SIZE {
                return None;
            }
            let head = match fetch::<240>(ctx, v) {
                Ok(b) => br_mcast(&b),
                Err(e) => e,
            };
            tail(ctx, head, v, len, SIZE)
        }
        Extra::LinkStats64 | Extra::LinkStats => {
            let w = if matches!(x, Extra::LinkStats64) {
                8
            } else {
                4
            };
            // The whole struct, else exactly one of its shorter versions.
            let max = if w == 8 { 25 } else { 24 };
            let n = match (len / w) as usize {
                k if k >= max => max,
                k if len.is_multiple_of(w) && (23..max).contains(&k) => k,
                _ => return None,
            };
            let mut b = vec![0u8; n * w as usize];
            if !read_exact(ctx.mem, v, &mut b) {
                return Some((addr(v), Value::Null));
            }
            let mut parts = Vec::new();
            let mut j = serde_json::Map::new();
            for (i, name) in LINK_STATS.iter().take(n).enumerate() {
                let f = &b[i * w as usize..(i + 1) * w as usize];
                let n = match w {
                    8 => u64::from_ne_bytes(f.try_into().unwrap()),
                    _ => u32::from_ne_bytes(f.try_into().unwrap()) as u64,
                };
                parts.push(format!("{name}={n}"));
                j.insert(name.to_string(), json!(n));
            }
            (format!("{{{}}}", parts.join(", ")), Value::Object(j))
        }
    })
}

/// A struct's text, then the `len - size` bytes past it in hex (strace's
/// `tprint_array_next` and `printstr_ex` with QUOTE_FORCE_HEX).
fn tail(ctx: &Ctx, (t, j): (String, Value), v: u64, len: u64, size: u64) -> (String, Value) {
    if len <= size {
        return (t, j);
    }
    let (h, hj) = super::netlink::hex_bytes(ctx, v + size, len - size);
    (format!("{t}, {h}"), json!({ "value": j, "rest": hj }))
}

/// `struct br_mcast_stats`: u64 pairs indexed by BR_MCAST_DIR_* (strace's
/// `PRINT_FIELD_ARRAY_INDEXED`) and two u64 counters.
fn br_mcast(b: &[u8; 240]) -> (String, Value) {
    const FIELDS: [(&str, bool); 16] = [
        ("igmp_v1queries", true),
        ("igmp_v2queries", true),
        ("igmp_v3queries", true),
        ("igmp_leaves", true),
        ("igmp_v1reports", true),
        ("igmp_v2reports", true),
        ("igmp_v3reports", true),
        ("igmp_parse_errors", false),
        ("mld_v1queries", true),
        ("mld_v2queries", true),
        ("mld_leaves", true),
        ("mld_v1reports", true),
        ("mld_v2reports", true),
        ("mld_parse_errors", false),
        ("mcast_bytes", true),
        ("mcast_packets", true),
    ];
    let idx = &xlat::IFSTATS_XSTATS_BRIDGE_MCAST_INDICES;
    let mut at = 0;
    let mut next = || {
        let n = u64::from_ne_bytes(b[at..at + 8].try_into().unwrap());
        at += 8;
        n
    };
    let mut parts = Vec::new();
    let mut j = serde_json::Map::new();
    for (name, pair) in FIELDS {
        if pair {
            let (rx, tx) = (next(), next());
            parts.push(format!(
                "{name}=[[{}]={rx}, [{}]={tx}]",
                idx.format_enum(0),
                idx.format_enum(1)
            ));
            j.insert(name.into(), json!([rx, tx]));
        } else {
            let n = next();
            parts.push(format!("{name}={n}"));
            j.insert(name.into(), json!(n));
        }
    }
    (format!("{{{}}}", parts.join(", ")), Value::Object(j))
}

/// `struct br_mdb_entry`: its address printed by `addr.proto` taken as an
/// address family, as strace 6.1 does (so an ETH_P_IP one prints in hex).
fn mdb_entry(ctx: &Ctx, b: &[u8; 28]) -> (String, Value) {
    let index = u32::from_ne_bytes(b[..4].try_into().unwrap());
    let (state, flags) = (b[4] as u64, b[5] as u64);
    let vid = u16::from_ne_bytes([b[6], b[7]]);
    let proto = u16::from_be_bytes([b[24], b[25]]);
    let fam = match proto {
        2 => AF_INET,
        10 => AF_INET6,
        _ => 0,
    };
    let (u, uj) = super::rtnl::inet_field(ctx, &b[8..24], fam, "u");
    let af = &xlat::ADDRESS_FAMILIES;
    let text = format!(
        "{{ifindex={}, state={}, flags={}, vid={vid}, addr={{{u}, proto=htons({})}}}}",
        super::sockets::ifindex_text(ctx, index),
        super::rtnl_more::xval(&xlat::MDB_STATES, state, "MDB_???"),
        xlat::MDB_FLAGS.format_flags(flags),
        af.format_enum(proto as u64)
    );
    let j = json!({
        "ifindex": index, "state": xlat::MDB_STATES.enum_json(state),
        "flags": xlat::MDB_FLAGS.flags_json(flags), "vid": vid,
        "addr": { "u": uj, "proto": af.enum_json(proto as u64) },
    });
    (text, j)
}

/// strace's `print_array` of `nexthop_grp`: `-s` elements unless `-v`,
/// and (as the attribute lists around it) no more than the argument's
/// text budget: with `-v` one NHA_GROUP could otherwise print 8191 of them.
fn nh_groups(ctx: &Ctx, v: u64, n: u64) -> (String, Value) {
    let mut items = Vec::new();
    let mut values = Vec::new();
    let budget = super::netlink::budget_left();
    let mut used = 0usize;
    for i in 0..n {
        if (!ctx.opts.verbose && i as usize == ctx.opts.string_limit) || used >= budget {
            items.push("...".to_string());
            break;
        }
        let Ok(b) = fetch::<8>(ctx, v + i * 8) else {
            // print_array: an unreadable element ends the list with its
            // address, the first one prints the address alone.
            if i == 0 {
                return (addr(v), Value::Null);
            }
            items.push(format!("... /* {} */", addr(v + i * 8)));
            break;
        };
        let id = u32::from_ne_bytes(b[..4].try_into().unwrap());
        let (weight, r1) = (b[4], b[5]);
        let r2 = u16::from_ne_bytes([b[6], b[7]]);
        let mut t = format!("{{id={id}, weight={weight}");
        if r1 != 0 {
            t.push_str(&format!(", resvd1={}", hex(r1 as u64)));
        }
        if r2 != 0 {
            t.push_str(&format!(", resvd2={}", hex(r2 as u64)));
        }
        t.push('}');
        used += t.len() + 2;
        items.push(t);
        values.push(json!({ "id": id, "weight": weight, "resvd1": r1, "resvd2": r2 }));
    }
    (format!("[{}]", items.join(", ")), Value::Array(values))
}

/// A NETLINK_CRYPTO report: char arrays (PRINT_FIELD_CSTRING) and u32s;
/// shorter than the struct, the bytes as a string (`printstrn`). A lone
/// `("type", 0)` is the generic report: the payload as a string that
/// ends at its NUL.
fn report(ctx: &Ctx, v: u64, len: u64, fields: &[(&str, usize)]) -> Option<(String, Value)> {
    if fields[0].1 == 0 {
        let (t, j) = super::rtnl_more::payload(ctx, v, len, More::CStr, 0)?;
        return Some((format!("{{type={t}}}"), json!({ "type": j })));
    }
    let size: usize = fields.iter().map(|f| f.1).sum();
    if len < size as u64 {
        let (t, j) = super::strings::buf(ctx, v, len);
        return Some((t, j.unwrap_or(Value::Null)));
    }
    let mut b = vec![0u8; size];
    if !read_exact(ctx.mem, v, &mut b) {
        return Some((addr(v), Value::Null));
    }
    Some(struct_fields(ctx, &b, fields))
}

/// `{name=..., ...}` of u32s (4 bytes), u64s (8) and char arrays (any
/// other size) laid out one after another.
pub(super) fn struct_fields(ctx: &Ctx, b: &[u8], fields: &[(&str, usize)]) -> (String, Value) {
    let mut parts = Vec::new();
    let mut j = serde_json::Map::new();
    let mut at = 0;
    for &(name, size) in fields {
        let f = &b[at..at + size];
        at += size;
        let (t, v) = if size == 4 {
            let n = u32::from_ne_bytes(f.try_into().unwrap());
            (n.to_string(), json!(n))
        } else if size == 8 {
            let n = u64::from_ne_bytes(f.try_into().unwrap());
            (n.to_string(), json!(n))
        } else {
            super::ioctl_more::cstring_field(ctx, f)
        };
        parts.push(format!("{name}={t}"));
        j.insert(name.to_string(), v);
    }
    (format!("{{{}}}", parts.join(", ")), Value::Object(j))
}

/// The header of a message strace's rtnl_*.c decode here (`kind` counted
/// from RTM_BASE), and its attributes; `None` for other kinds.
pub(super) fn message(
    ctx: &Ctx,
    kind: u16,
    family: u8,
    v: u64,
    len: u64,
) -> Option<(String, Value)> {
    let af = &xlat::ADDRESS_FAMILIES;
    let fam_t = af.format_enum(family as u64);
    let fam_j = af.enum_json(family as u64);
    // Headers of the family alone (strace prints no "..." for them): the
    // attributes start at NLMSG_ALIGN(1).
    let only_family = |field: &str, set: Set| {
        let head = (
            format!("{{{field}={fam_t}}}"),
            json!({ "family": fam_j.clone() }),
        );
        with_attrs(ctx, head, v, len, 4, set, family)
    };
    let (field, size, set): (&str, u64, Set) = match kind {
        32..=34 => return Some(only_family("tca_family", Set::TcAction)),
        64..=66 => return Some(only_family("ncm_family", Set::Netconf)),
        72..=74 => return Some(only_family("rtgen_family", Set::Nsid)),
        80 => return Some(cachereport(ctx, family, v, len)),
        56..=58 => ("ifal_family", 12, Set::AddrLabel),
        62 | 63 => ("dcb_family", 4, Set::Dcb),
        68..=70 => ("family", 8, Set::Mdb),
        76 | 78 => ("family", 12, Set::Stats),
        88..=90 => ("nh_family", 8, Set::Nexthop),
        _ => return None,
    };
    let short = |rest: String| {
        (
            format!("{{{field}={fam_t}, {rest}}}"),
            json!({ "family": fam_j.clone() }),
        )
    };
    if len < size {
        return Some(short("...".into()));
    }
    let mut b = [0u8; 12];
    let b = &mut b[..size as usize];
    if !read_exact(ctx.mem, v + 1, &mut b[1..]) {
        return Some(short(addr(v + 1)));
    }
    let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let ifindex = |i: usize| super::sockets::ifindex_text(ctx, u32_at(i));
    let mut parts = vec![format!("{field}={fam_t}")];
    let mut j = json!({ "family": fam_j });
    match set {
        Set::AddrLabel => {
            parts.push(format!("ifal_prefixlen={}", b[2]));
            parts.push(format!("ifal_flags={}", b[3]));
            parts.push(format!("ifal_index={}", ifindex(4)));
            parts.push(format!("ifal_seq={}", u32_at(8)));
            j["prefixlen"] = json!(b[2]);
            j["flags"] = json!(b[3]);
            j["index"] = json!(u32_at(4));
            j["seq"] = json!(u32_at(8));
        }
        Set::Dcb => {
            let t = &xlat::DCB_COMMANDS;
            parts.push(format!(
                "cmd={}",
                super::rtnl_more::xval(t, b[1] as u64, "DCB_CMD_???")
            ));
            j["cmd"] = t.enum_json(b[1] as u64);
        }
        Set::Mdb => {
            parts.push(format!("ifindex={}", ifindex(4)));
            j["ifindex"] = json!(u32_at(4));
        }
        Set::Stats => {
            let (pad1, pad2) = (b[1], u16::from_ne_bytes([b[2], b[3]]));
            if pad1 != 0 {
                parts.push(format!("pad1={}", hex(pad1 as u64)));
                j["pad1"] = json!(pad1);
            }
            if pad2 != 0 {
                parts.push(format!("pad2={}", hex(pad2 as u64)));
                j["pad2"] = json!(pad2);
            }
            let t = &xlat::IFSTATS_ATTR_FLAGS;
            let mask = u32_at(8) as u64;
            parts.push(format!("ifindex={}", ifindex(4)));
            parts.push(format!("filter_mask={}", t.format_flags(mask)));
            j["ifindex"] = json!(u32_at(4));
            j["filter_mask"] = t.flags_json(mask);
        }
        _ => {
            let (scope, proto, resvd) = (b[1] as u64, b[2] as u64, b[3]);
            let flags = u32_at(4) as u64;
            let rp = &xlat::ROUTING_PROTOCOLS;
            let nf = &xlat::ROUTE_NEXTHOP_FLAGS;
            parts.push(format!(
                "nh_scope={}",
                xval_hex(&xlat::ROUTING_SCOPES, scope)
            ));
            parts.push(format!("nh_protocol={}", rp.format_enum(proto)));
            if resvd != 0 {
                parts.push(format!("resvd={}", hex(resvd as u64)));
                j["resvd"] = json!(resvd);
            }
            parts.push(format!("nh_flags={}", nf.format_flags(flags)));
            j["scope"] = xlat::ROUTING_SCOPES.enum_json(scope);
            j["protocol"] = rp.enum_json(proto);
            j["flags"] = nf.flags_json(flags);
        }
    }
    let head = (format!("{{{}}}", parts.join(", ")), j);
    // Every header here is NLMSG_ALIGNed already.
    Some(with_attrs(ctx, head, v, len, size, set, family))
}

/// RTM_NEWCACHEREPORT: a `rtgenmsg` whose family (an RTNL_FAMILY_*,
/// else an AF_*) chooses the attribute set; other families' attributes
/// print in hex (strace's `decode_nla_af_spec`).
fn cachereport(ctx: &Ctx, family: u8, v: u64, len: u64) -> (String, Value) {
    let f = family as u64;
    let (rt, af) = (&xlat::RTNL_FAMILY, &xlat::ADDRESS_FAMILIES);
    let (name, j) = match rt.lookup(f) {
        Some(n) => (n.to_string(), rt.enum_json(f)),
        None => match af.lookup(f) {
            Some(n) => (n.to_string(), af.enum_json(f)),
            None => (format!("{} /* RTNL_FAMILY_??? */", hex(f)), json!(f)),
        },
    };
    let mut t = format!("{{rtgen_family={name}}}");
    let mut j = json!({ "family": j });
    if len > 4 {
        let (a, aj) = match family {
            RTNL_FAMILY_IPMR => attributes(ctx, v + 4, len - 4, Attrs::Rest(Set::IpmrCreport), 0),
            RTNL_FAMILY_IP6MR => attributes(ctx, v + 4, len - 4, Attrs::Rest(Set::Ip6mrCreport), 0),
            _ => {
                let (t, j) = super::netlink::hex_bytes(ctx, v + 4, len - 4);
                (t, json!({ "bytes": j }))
            }
        };
        t = format!("{t}, {a}");
        j["attributes"] = aj;
    }
    (t, j)
}

#[cfg(test)]
mod tests {
    use crate::decode::{netlink, Ctx, DecodeOptions, NoHost};
    use crate::memory::FakeMemory;

    /// RTM_NEWNEXTHOP messages of NHA_GROUPs as long as an attribute can
    /// be, with -v: the text stays within the argument's budget (some
    /// 32 KiB at the default -s), ending in `...`.
    #[test]
    fn nexthop_groups_with_v_stop_at_the_budget() {
        let per = 65528usize;
        let msg_len = 16 + 8 + 4 * (4 + per);
        let mut b = (msg_len as u32).to_ne_bytes().to_vec();
        b.extend(0x68u16.to_ne_bytes());
        b.extend([0; 10]);
        b.extend([2, 0, 0, 0, 0, 0, 0, 0]);
        for _ in 0..4 {
            b.extend(((4 + per) as u16).to_ne_bytes());
            b.extend(2u16.to_ne_bytes());
            for _ in 0..per / 8 {
                b.extend(u32::MAX.to_ne_bytes());
                b.extend([255, 255, 255, 255]);
            }
            b.resize((b.len() + 3) & !3, 0);
        }
        let len = b.len() as u64;
        let mem = FakeMemory::new().with(0x10000, b);
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        let raw = [0; 6];
        let ctx = Ctx {
            raw: &raw,
            pid: 1,
            mem: &mem,
            opts: &opts,
            host: &NoHost,
        };
        let t = netlink::decode(&ctx, 0x10000, len, Some(0)).0;
        assert!(t.len() < 80 * 1024, "{} bytes", t.len());
        assert!(t.contains("{id=4294967295, weight=255, resvd1=0xff, resvd2=0xffff}, ..."));
    }
}
