//! NETLINK_NETFILTER messages (nftables, conntrack, ipset, ...): the type
//! as `NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_GETTABLE`, the flags of its kind of
//! request, and the `struct nfgenmsg` and attributes after the header, as
//! strace 6.1 prints them (it names no netfilter attribute, so they print
//! as `{nla_len=8, nla_type=0x1}` with their payload in hex).

use super::netlink::hex_bytes;
use super::rtnl::{self, Attrs};
use super::{addr, Ctx};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

const NLMSG_MIN_TYPE: u16 = 0x10;
const NLMSG_DONE: u16 = 3;
/// NFNL_SUBSYS_NFTABLES (linux/netfilter/nfnetlink.h).
const NFTABLES: u8 = 10;

/// The message-type table of subsystem `subsys` (strace's
/// `nf_nlmsg_types`), by the subsystem's name.
fn msg_table(subsys: u8) -> Option<&'static Xlat> {
    Some(match xlat::NL_NETFILTER_SUBSYS_IDS.lookup(subsys as u64)? {
        "NFNL_SUBSYS_CTNETLINK" => &xlat::NF_CTNETLINK_MSG_TYPES,
        "NFNL_SUBSYS_CTNETLINK_EXP" => &xlat::NF_CTNETLINK_EXP_MSG_TYPES,
        "NFNL_SUBSYS_QUEUE" => &xlat::NF_QUEUE_MSG_TYPES,
        "NFNL_SUBSYS_ULOG" => &xlat::NF_ULOG_MSG_TYPES,
        "NFNL_SUBSYS_OSF" => &xlat::NF_OSF_MSG_TYPES,
        "NFNL_SUBSYS_IPSET" => &xlat::NF_IPSET_MSG_TYPES,
        "NFNL_SUBSYS_ACCT" => &xlat::NF_ACCT_MSG_TYPES,
        "NFNL_SUBSYS_CTNETLINK_TIMEOUT" => &xlat::NF_CTTIMEOUT_MSG_TYPES,
        "NFNL_SUBSYS_CTHELPER" => &xlat::NF_CTHELPER_MSG_TYPES,
        "NFNL_SUBSYS_NFTABLES" => &xlat::NF_NFTABLES_MSG_TYPES,
        "NFNL_SUBSYS_NFT_COMPAT" => &xlat::NF_NFT_COMPAT_MSG_TYPES,
        "NFNL_SUBSYS_HOOK" => &xlat::NF_HOOK_MSG_TYPES,
        _ => return None,
    })
}

/// A message type of the protocol (at least NLMSG_MIN_TYPE).
pub(super) fn msg_type(ty: u16) -> (String, Value) {
    if let Some(n) = xlat::NL_NETFILTER_MSG_TYPES.lookup(ty as u64) {
        return (n.to_string(), Value::from(n));
    }
    let (subsys, msg) = ((ty >> 8) as u8, ty as u8 as u64);
    let st = &xlat::NL_NETFILTER_SUBSYS_IDS;
    let (msg_t, msg_j) = match msg_table(subsys) {
        Some(t) => (t.format_enum(msg), t.enum_json(msg)),
        None => (hex(msg), json!(msg)),
    };
    (
        format!("{}<<8|{msg_t}", st.format_enum(subsys as u64)),
        json!({ "subsys": st.enum_json(subsys as u64), "msg": msg_j }),
    )
}

/// The flag table of a message's kind of request, strace's
/// `decode_nlmsg_flags_netfilter`.
pub(super) fn flags_table(ty: u16) -> Option<&'static Xlat> {
    let subsys = xlat::NL_NETFILTER_SUBSYS_IDS.lookup((ty >> 8) as u64)?;
    let msg = msg_table((ty >> 8) as u8)?.lookup(ty as u8 as u64)?;
    let (new, get, del) = (
        &xlat::NETLINK_NEW_FLAGS,
        &xlat::NETLINK_GET_FLAGS,
        &xlat::NETLINK_DELETE_FLAGS,
    );
    Some(match (subsys, msg) {
        ("NFNL_SUBSYS_CTNETLINK", "IPCTNL_MSG_CT_NEW") => new,
        (
            "NFNL_SUBSYS_CTNETLINK",
            "IPCTNL_MSG_CT_GET"
            | "IPCTNL_MSG_CT_GET_CTRZERO"
            | "IPCTNL_MSG_CT_GET_STATS_CPU"
            | "IPCTNL_MSG_CT_GET_STATS"
            | "IPCTNL_MSG_CT_GET_DYING"
            | "IPCTNL_MSG_CT_GET_UNCONFIRMED",
        ) => get,
        ("NFNL_SUBSYS_CTNETLINK", "IPCTNL_MSG_CT_DELETE") => del,
        ("NFNL_SUBSYS_CTNETLINK_EXP", "IPCTNL_MSG_EXP_NEW") => new,
        ("NFNL_SUBSYS_CTNETLINK_EXP", "IPCTNL_MSG_EXP_GET" | "IPCTNL_MSG_EXP_GET_STATS_CPU") => get,
        ("NFNL_SUBSYS_CTNETLINK_EXP", "IPCTNL_MSG_EXP_DELETE") => del,
        ("NFNL_SUBSYS_ACCT", "NFNL_MSG_ACCT_NEW") => new,
        ("NFNL_SUBSYS_ACCT", "NFNL_MSG_ACCT_GET" | "NFNL_MSG_ACCT_GET_CTRZERO") => get,
        ("NFNL_SUBSYS_ACCT", "NFNL_MSG_ACCT_DEL") => del,
        ("NFNL_SUBSYS_CTNETLINK_TIMEOUT", "IPCTNL_MSG_TIMEOUT_NEW") => new,
        ("NFNL_SUBSYS_CTNETLINK_TIMEOUT", "IPCTNL_MSG_TIMEOUT_GET") => get,
        ("NFNL_SUBSYS_CTNETLINK_TIMEOUT", "IPCTNL_MSG_TIMEOUT_DELETE") => del,
        ("NFNL_SUBSYS_CTHELPER", "NFNL_MSG_CTHELPER_NEW") => new,
        ("NFNL_SUBSYS_CTHELPER", "NFNL_MSG_CTHELPER_GET") => get,
        ("NFNL_SUBSYS_CTHELPER", "NFNL_MSG_CTHELPER_DEL") => del,
        (
            "NFNL_SUBSYS_NFTABLES",
            "NFT_MSG_NEWTABLE"
            | "NFT_MSG_NEWCHAIN"
            | "NFT_MSG_NEWRULE"
            | "NFT_MSG_NEWSET"
            | "NFT_MSG_NEWSETELEM"
            | "NFT_MSG_NEWGEN"
            | "NFT_MSG_NEWOBJ"
            | "NFT_MSG_NEWFLOWTABLE",
        ) => new,
        (
            "NFNL_SUBSYS_NFTABLES",
            "NFT_MSG_GETTABLE"
            | "NFT_MSG_GETCHAIN"
            | "NFT_MSG_GETRULE"
            | "NFT_MSG_GETSET"
            | "NFT_MSG_GETSETELEM"
            | "NFT_MSG_GETGEN"
            | "NFT_MSG_GETOBJ"
            | "NFT_MSG_GETOBJ_RESET"
            | "NFT_MSG_GETFLOWTABLE",
        ) => get,
        (
            "NFNL_SUBSYS_NFTABLES",
            "NFT_MSG_DELTABLE"
            | "NFT_MSG_DELCHAIN"
            | "NFT_MSG_DELRULE"
            | "NFT_MSG_DELSET"
            | "NFT_MSG_DELSETELEM"
            | "NFT_MSG_DELOBJ"
            | "NFT_MSG_DELFLOWTABLE",
        ) => del,
        ("NFNL_SUBSYS_NFT_COMPAT", "NFNL_MSG_COMPAT_GET") => get,
        ("NFNL_SUBSYS_HOOK", "NFNL_MSG_HOOK_GET") => get,
        _ => return None,
    })
}

/// The payload of a message of type `ty` (its own types and NLMSG_DONE
/// reach here): `None` for NLMSG_DONE, which strace leaves to the common
/// decoding.
pub(super) fn payload(ctx: &Ctx, ty: u16, v: u64, len: u64) -> Option<(String, Value)> {
    if ty == NLMSG_DONE {
        return None;
    }
    if len < 4 {
        let (t, j) = hex_bytes(ctx, v, len);
        return Some((t, j.unwrap_or(Value::Null)));
    }
    let mut b = [0u8; 4];
    if !read_exact(ctx.mem, v, &mut b) {
        return Some((addr(v), Value::Null));
    }
    let (family, version) = (b[0] as u64, b[1] as u64);
    let raw = u16::from_ne_bytes([b[2], b[3]]);
    let res_id = u16::from_be_bytes([b[2], b[3]]);
    let subsys = (ty >> 8) as u8;
    // The kernel once wrote nftables' res_id in host order; strace names
    // both spellings.
    let res_t = if subsys == NFTABLES && res_id == NFTABLES as u16 {
        "htons(NFNL_SUBSYS_NFTABLES)".to_string()
    } else if subsys == NFTABLES && raw == NFTABLES as u16 {
        "NFNL_SUBSYS_NFTABLES".to_string()
    } else {
        format!("htons({res_id})")
    };
    let vt = &xlat::NETFILTER_VERSIONS;
    let mut t = format!(
        "{{nfgen_family={}, version={}, res_id={res_t}}}",
        xlat::ADDRESS_FAMILIES.format_enum(family),
        vt.format_enum(version)
    );
    let mut j = json!({
        "family": xlat::ADDRESS_FAMILIES.enum_json(family),
        "version": vt.enum_json(version),
        "res_id": res_id,
    });
    if len > 4 {
        let batch = xlat::NL_NETFILTER_MSG_TYPES.lookup(ty as u64).is_some();
        if batch || ty < NLMSG_MIN_TYPE {
            let (d, dj) = hex_bytes(ctx, v + 4, len - 4);
            t.push_str(&format!(", {d}"));
            j["data"] = dj.unwrap_or(Value::Null);
        } else {
            let (a, aj) = rtnl::attributes(ctx, v + 4, len - 4, Attrs::Unnamed, 0);
            t.push_str(&format!(", {a}"));
            j["attributes"] = aj;
        }
    }
    Some((t, j))
}
