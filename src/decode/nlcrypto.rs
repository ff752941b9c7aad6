//! NETLINK_SELINUX and NETLINK_CRYPTO payloads, as strace 6.1's
//! netlink_selinux.c and netlink_crypto.c print them: SELNL_MSG_SETENFORCE's
//! `{val=N}`, SELNL_MSG_POLICYLOAD's `{seqno=N}`, and the CRYPTO_MSG_*
//! requests' `crypto_user_alg` with its CRYPTOCFGA_* attributes (see
//! `rtnl_rest` for their reports). Other types' payloads print in hex.

use super::rtnl::{attributes, Attrs};
use super::rtnl_rest::{struct_fields, Set};
use super::{addr, Ctx};
use crate::memory::read_exact;
use serde_json::{json, Value};

const SELNL_MSG_SETENFORCE: u16 = 0x10;
const SELNL_MSG_POLICYLOAD: u16 = 0x11;
const CRYPTO_MSG_NEWALG: u16 = 0x10;
const CRYPTO_MSG_GETALG: u16 = 0x13;
/// sizeof(struct crypto_user_alg).
const ALG_SIZE: usize = 208;

/// A NETLINK_SELINUX payload; `None` for types strace does not decode.
pub(super) fn selinux(ctx: &Ctx, ty: u16, v: u64, len: u64) -> Option<(String, Value)> {
    let name = match ty {
        SELNL_MSG_SETENFORCE => "val",
        SELNL_MSG_POLICYLOAD => "seqno",
        _ => return None,
    };
    if len < 4 {
        let (t, j) = super::netlink::hex_bytes(ctx, v, len);
        return Some((t, j.unwrap_or(Value::Null)));
    }
    let mut b = [0u8; 4];
    if !read_exact(ctx.mem, v, &mut b) {
        return Some((addr(v), Value::Null));
    }
    // val is an int, seqno a u32.
    let n: i64 = if ty == SELNL_MSG_SETENFORCE {
        i32::from_ne_bytes(b).into()
    } else {
        u32::from_ne_bytes(b).into()
    };
    Some((format!("{{{name}={n}}}"), json!({ name: n })))
}

/// A NETLINK_CRYPTO payload: the CRYPTO_MSG_*ALG requests' `crypto_user_alg`
/// (shorter, the bytes as a string) and its CRYPTOCFGA_* list; `None` for
/// other types.
pub(super) fn crypto(ctx: &Ctx, ty: u16, v: u64, len: u64) -> Option<(String, Value)> {
    if !(CRYPTO_MSG_NEWALG..=CRYPTO_MSG_GETALG).contains(&ty) {
        return None;
    }
    if len < ALG_SIZE as u64 {
        let (t, j) = super::strings::buf(ctx, v, len);
        return Some((t, j.unwrap_or(Value::Null)));
    }
    let mut b = [0u8; ALG_SIZE];
    if !read_exact(ctx.mem, v, &mut b) {
        return Some((addr(v), Value::Null));
    }
    let (names, mut j) = struct_fields(
        ctx,
        &b[..192],
        &[
            ("cru_name", 64),
            ("cru_driver_name", 64),
            ("cru_module_name", 64),
        ],
    );
    let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
    let (ty_, mask, refcnt, flags) = (u32_at(192), u32_at(196), u32_at(200), u32_at(204));
    let hex = |n: u32| crate::xlat::hex(n as u64);
    let mut t = format!(
        "{}, cru_type={}, cru_mask={}, cru_refcnt={refcnt}, cru_flags={}}}",
        &names[..names.len() - 1],
        hex(ty_),
        hex(mask),
        hex(flags)
    );
    j["cru_type"] = json!(ty_);
    j["cru_mask"] = json!(mask);
    j["cru_refcnt"] = json!(refcnt);
    j["cru_flags"] = json!(flags);
    if len > ALG_SIZE as u64 {
        let at = v + ALG_SIZE as u64;
        let (a, aj) = attributes(ctx, at, len - ALG_SIZE as u64, Attrs::Rest(Set::Crypto), 0);
        t = format!("{t}, {a}");
        j["attributes"] = aj;
    }
    Some((t, j))
}
