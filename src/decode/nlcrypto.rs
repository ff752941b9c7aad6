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

#[cfg(test)]
mod tests {
    use crate::decode::{netlink, Ctx, DecodeOptions, NoHost};
    use crate::memory::FakeMemory;

    const NETLINK_CRYPTO: u32 = 21;

    fn attr(b: &mut Vec<u8>, ty: u16, data: &[u8]) {
        b.extend((4 + data.len() as u16).to_ne_bytes());
        b.extend(ty.to_ne_bytes());
        b.extend(data);
        b.resize((b.len() + 3) & !3, 0);
    }

    fn field(s: &[u8], size: usize) -> Vec<u8> {
        let mut f = s.to_vec();
        f.resize(size, 0);
        f
    }

    /// A CRYPTO_MSG_* message of `ty` and `flags` holding `payload`.
    fn message(ty: u16, flags: u16, payload: &[u8]) -> Vec<u8> {
        let mut b = ((16 + payload.len()) as u32).to_ne_bytes().to_vec();
        b.extend(ty.to_ne_bytes());
        b.extend(flags.to_ne_bytes());
        b.extend(30u32.to_ne_bytes());
        b.extend(0u32.to_ne_bytes());
        b.extend(payload);
        b
    }

    fn alg() -> Vec<u8> {
        let mut b = field(b"sha256", 64);
        b.extend(field(b"sha256-generic", 64));
        b.extend([b'k'; 64]);
        for n in [0xeu32, 0xf, 2, 0x40] {
            b.extend(n.to_ne_bytes());
        }
        b
    }

    fn decode(buf: Vec<u8>) -> String {
        let len = buf.len() as u64;
        let mem = FakeMemory::new().with(0x10000, buf);
        let opts = DecodeOptions::default();
        let raw = [0; 6];
        let ctx = Ctx {
            raw: &raw,
            pid: 1,
            mem: &mem,
            opts: &opts,
            host: &NoHost,
        };
        netlink::decode(&ctx, 0x10000, len, Some(NETLINK_CRYPTO)).0
    }

    /// What strace 6.1's netlink_crypto.c prints (no kernel here has
    /// NETLINK_CRYPTO to compare with live): crypto_user_alg's char arrays
    /// as PRINT_FIELD_CSTRING (`...` when one has no NUL), its numbers in
    /// hex but cru_refcnt, then each CRYPTOCFGA_* report by its struct.
    #[test]
    fn crypto_user_alg_and_its_reports() {
        let mut p = alg();
        attr(&mut p, 1, &100u32.to_ne_bytes());
        attr(&mut p, 2, b"larval\0x");
        attr(&mut p, 10, b"kppkpp");
        let mut hash = field(b"shash", 64);
        hash.extend(64u32.to_ne_bytes());
        hash.extend(32u32.to_ne_bytes());
        attr(&mut p, 3, &hash);
        let mut rng = field(b"rng", 64);
        rng.extend(48u32.to_ne_bytes());
        attr(&mut p, 7, &rng);
        attr(&mut p, 30, &1u32.to_ne_bytes());
        let t = decode(message(0x13, 0x100, &p));
        let k = "k".repeat(63);
        assert_eq!(
            t,
            format!(
                "[{{nlmsg_len={}, nlmsg_type=CRYPTO_MSG_GETALG, nlmsg_flags=NLM_F_ROOT, nlmsg_seq=30, nlmsg_pid=0}}, \
                 {{cru_name=\"sha256\", cru_driver_name=\"sha256-generic\", cru_module_name=\"{k}\"..., \
                 cru_type=0xe, cru_mask=0xf, cru_refcnt=2, cru_flags=0x40}}, \
                 [[{{nla_len=8, nla_type=CRYPTOCFGA_PRIORITY_VAL}}, 100], \
                 [{{nla_len=12, nla_type=CRYPTOCFGA_REPORT_LARVAL}}, {{type=\"larval\"}}], \
                 [{{nla_len=10, nla_type=CRYPTOCFGA_REPORT_KPP}}, {{type=\"kppkpp\"...}}], \
                 [{{nla_len=76, nla_type=CRYPTOCFGA_REPORT_HASH}}, {{type=\"shash\", blocksize=64, digestsize=32}}], \
                 [{{nla_len=72, nla_type=CRYPTOCFGA_REPORT_RNG}}, {{type=\"rng\", seedsize=48}}], \
                 [{{nla_len=8, nla_type=0x1e /* CRYPTOCFGA_??? */}}, \"\\x01\\x00\\x00\\x00\"]]]",
                16 + p.len()
            )
        );
    }

    /// Shorter than crypto_user_alg: the bytes as a string; a report
    /// shorter than its struct too; the types strace leaves alone in hex,
    /// with CRYPTO_MSG_DELRNG's flags from the delete table.
    #[test]
    fn short_algs_and_other_types() {
        let t = decode(message(0x11, 0x100, &alg()[..8]));
        assert!(t.ends_with(", \"sha256\\0\\0\"]"), "{t}");
        assert!(
            t.contains("CRYPTO_MSG_DELALG, nlmsg_flags=NLM_F_NONREC,"),
            "{t}"
        );
        let mut p = alg();
        attr(&mut p, 3, &field(b"shash", 10));
        let t = decode(message(0x10, 0x600, &p));
        assert!(t.contains("nlmsg_flags=NLM_F_EXCL|NLM_F_CREATE,"), "{t}");
        assert!(
            t.ends_with(
                "[{nla_len=14, nla_type=CRYPTOCFGA_REPORT_HASH}, \"shash\\0\\0\\0\\0\\0\"]]"
            ),
            "{t}"
        );
        let t = decode(message(0x14, 0x100, &[1, 2]));
        assert!(
            t.ends_with("nlmsg_type=CRYPTO_MSG_DELRNG, nlmsg_flags=NLM_F_NONREC, nlmsg_seq=30, nlmsg_pid=0}, \"\\x01\\x02\"]"),
            "{t}"
        );
    }
}
