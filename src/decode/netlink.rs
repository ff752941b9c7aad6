//! Netlink messages sent with sendto/sendmsg: each `struct nlmsghdr`
//! with its type and flags named by the socket's netlink protocol, and
//! for NETLINK_ROUTE requests the family header that follows (link,
//! address and route messages with their attributes: see `rtnl`), as
//! strace 6.1 prints them. Payloads notrace does not decode print as hex
//! strings, as strace prints those it does not decode (it decodes none
//! of NETLINK_AUDIT's, NETLINK_XFRM's and NETLINK_GENERIC's, so those
//! match whole, NETLINK_GENERIC's types named from the kernel's list of
//! families). NETLINK_SOCK_DIAG requests are in `sockdiag`,
//! NETLINK_NETFILTER's in `nfnl`. NLMSG_ERROR's `nlmsgerr` is decoded
//! with the request it echoes; NETLINK_KOBJECT_UEVENT messages print as
//! udev's monitor header and a string, or a string. NETLINK_SELINUX and
//! NETLINK_CRYPTO payloads are in `nlcrypto`; the route headers past
//! link, address and route ones in `rtnl_more` and `rtnl_rest`. Not done
//! here: sock_diag replies.

use super::strings::quote;
use super::{addr, Ctx, HexMode, Out};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};
use std::cell::Cell;

const NETLINK_ROUTE: u32 = 0;
const NETLINK_SOCK_DIAG: u32 = 4;
const NETLINK_XFRM: u32 = 6;
const NETLINK_SELINUX: u32 = 7;
const NETLINK_AUDIT: u32 = 9;
const NETLINK_NETFILTER: u32 = 12;
const NETLINK_KOBJECT_UEVENT: u32 = 15;
const NETLINK_GENERIC: u32 = 16;
const NETLINK_CRYPTO: u32 = 21;
/// The NETLINK_GENERIC controller's own family id (linux/genetlink.h).
const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_NEWFAMILY: u8 = 1;
const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;
const NLMSG_HDRLEN: u64 = 16;
const NLMSG_MIN_TYPE: u16 = 0x10;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLM_F_CAPPED: u16 = 0x100;
/// How deep NLMSG_ERRORs echoing NLMSG_ERRORs are decoded; past it the
/// rest prints in hex (strace recurses as deep as the buffer allows).
const MAX_ERR_DEPTH: u32 = 16;
const RTM_BASE: u16 = 16;
const RTM_DELACTION: u16 = 49;

/// How much text one argument's netlink messages may print, whatever
/// the tracee's lengths say: 1 KiB per unit of `-s`, from 32 KiB to
/// 1 MiB (an event waits in memory for its consumer: with `-s 100000` and
/// no cap, one sendmsg printed 19 MB).
/// strace's limits (`-s` messages per buffer, `-s` attributes per list,
/// `-s` iovecs) multiply: 32 iovecs of 32 route messages of 32
/// RTA_METRICS of 32 metrics each would print some 170 MB for one call,
/// and with `-v` there is no limit but the buffer's size. Past the
/// budget, lists end in `...` as they do at `-s`. What programs send for
/// themselves (a dump request, an nftables batch) prints a few KiB.
fn budget(ctx: &Ctx) -> usize {
    ctx.opts.string_limit.clamp(32, 1024) * 1024
}

thread_local! {
    /// How many NLMSG_ERRORs the message being decoded is inside.
    static ERR_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Bytes of text the argument being decoded may still print; `None`
    /// outside a netlink argument.
    static LEFT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Runs `f` with a fresh [`budget`], unless one is running already
/// (sendmsg's iovecs share their call's).
fn budgeted<T>(ctx: &Ctx, f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            LEFT.set(None);
        }
    }
    if LEFT.get().is_some() {
        return f();
    }
    LEFT.set(Some(budget(ctx)));
    // A decoder that panics must not leave the next event a spent budget.
    let _reset = Reset;
    f()
}

/// The budget left (`usize::MAX` outside a netlink argument); arrays
/// inside one attribute (`rtnl_rest`'s nexthop groups) stop at it too.
pub(super) fn budget_left() -> usize {
    LEFT.get().unwrap_or(usize::MAX)
}

/// Whether the budget is spent: lists stop with `...`.
fn budget_spent() -> bool {
    LEFT.get() == Some(0)
}

/// Charges one element's `text` to the budget; `before` is
/// [`budget_left`] from before it was decoded, so what the elements
/// inside it charged already is not charged twice.
fn charge(text: &str, before: usize) {
    if let Some(left) = LEFT.get() {
        let inside = before.saturating_sub(left);
        LEFT.set(Some(left.saturating_sub(text.len().saturating_sub(inside))));
    }
}

/// Netlink messages of `len` bytes at `v` on a socket of netlink
/// `family` (`None` when it could not be learnt).
pub(crate) fn decode(ctx: &Ctx, v: u64, len: u64, family: Option<u32>) -> Out {
    if family == Some(NETLINK_KOBJECT_UEVENT) {
        return uevent(ctx, v, len);
    }
    budgeted(ctx, || messages(ctx, v, len, family))
}

/// The size of udev's `struct udev_monitor_netlink_header`.
const UDEV_HDR: usize = 40;

/// A NETLINK_KOBJECT_UEVENT message: udev's monitor header (its "libudev"
/// prefix, then eight u32s) and the properties as a string; anything else
/// (the kernel's "add@/devices/..." form) as a string.
fn uevent(ctx: &Ctx, v: u64, len: u64) -> Out {
    let mut h = [0u8; UDEV_HDR];
    if v == 0 || len < UDEV_HDR as u64 || !read_exact(ctx.mem, v, &mut h) || &h[..8] != b"libudev\0"
    {
        return super::strings::buf(ctx, v, len);
    }
    let u32_at = |i: usize| u32::from_ne_bytes(h[8 + i * 4..12 + i * 4].try_into().unwrap());
    // magic and the filter hashes are in network order: strace prints
    // them as htonl(host value).
    let be = |i: usize| u32::from_be(u32_at(i));
    let htonl = |i: usize| match be(i) {
        0 => "htonl(0)".to_string(),
        n => format!("htonl({n:#x})"),
    };
    let text = format!(
        "{{prefix={}, magic={}, header_size={}, properties_off={}, properties_len={}, \
         filter_subsystem_hash={}, filter_devtype_hash={}, filter_tag_bloom_hi={}, filter_tag_bloom_lo={}}}",
        // PRINT_FIELD_CSTRING: quoted as -x and -xx say.
        quote(b"libudev", ctx.opts.hex, false),
        htonl(0),
        u32_at(1),
        u32_at(2),
        u32_at(3),
        htonl(4),
        htonl(5),
        htonl(6),
        htonl(7)
    );
    let mut j = json!({
        "prefix": "libudev", "magic": be(0), "header_size": u32_at(1),
        "properties_off": u32_at(2), "properties_len": u32_at(3),
        "filter_subsystem_hash": be(4), "filter_devtype_hash": be(5),
        "filter_tag_bloom_hi": be(6), "filter_tag_bloom_lo": be(7),
    });
    if len == UDEV_HDR as u64 {
        return (text, Some(json!({ "uevent": j })));
    }
    let (p, pj) = super::strings::buf(ctx, v + UDEV_HDR as u64, len - UDEV_HDR as u64);
    j["properties"] = pj.unwrap_or(Value::Null);
    (format!("[{text}, {p}]"), Some(json!({ "uevent": j })))
}

fn messages(ctx: &Ctx, v: u64, len: u64, family: Option<u32>) -> Out {
    let (text, mut values) = walk::<16>(
        ctx,
        v,
        len,
        // fetch_nlmsghdr: too short for a header prints the bytes.
        |j| j.unwrap_or(Value::Null),
        |h| Header::parse(h).len as u64,
        |h, at, len| with_payload(ctx, &Header::parse(h), at, len, family),
    );
    let value = if values.len() == 1 {
        values.pop().unwrap()
    } else {
        Value::Array(values)
    };
    (text, Some(json!({ "netlink": value })))
}

/// strace's walk over netlink elements (the loop of decode_nlmsghdr and
/// of decode_nlattr): each starts with an `HDR`-byte header whose
/// `elt_len` says how far the next one is (rounded up to 4). One element
/// prints alone, more in `[...]`. The walk stops at a tail too short for
/// a header (its bytes, valued by `short`), at an unreadable header
/// (`... /* 0x... */` inside a list, else the address), at `-s` elements
/// (unless `-v`) and when the argument's text budget is spent. `print`
/// shows one element from its header, address and the bytes left.
pub(super) fn walk<const HDR: usize>(
    ctx: &Ctx,
    v: u64,
    len: u64,
    short: impl Fn(Option<Value>) -> Value,
    elt_len: impl Fn(&[u8; HDR]) -> u64,
    mut print: impl FnMut(&[u8; HDR], u64, u64) -> (String, Value),
) -> (String, Vec<Value>) {
    let mut text = String::new();
    let mut values = Vec::new();
    let (mut at, mut len) = (v, len);
    let mut is_array = false;
    let mut elt = 0usize;
    loop {
        if len < HDR as u64 {
            let (t, j) = hex_bytes(ctx, at, len);
            text.push_str(&t);
            values.push(short(j));
            break;
        }
        let mut h = [0u8; HDR];
        if !read_exact(ctx.mem, at, &mut h) {
            if is_array {
                text.push_str(&format!("... /* {at:#x} */"));
            } else {
                text.push_str(&addr(at));
            }
            break;
        }
        if (!ctx.opts.verbose && elt == ctx.opts.string_limit) || budget_spent() {
            text.push_str("...");
            break;
        }
        let this_len = elt_len(&h);
        let aligned = (this_len + 3) & !3;
        let mut next = None;
        if this_len >= HDR as u64 {
            let next_len = len.saturating_sub(aligned);
            if next_len != 0 && at.checked_add(aligned).is_some_and(|n| n > at) {
                next = Some((at + aligned, next_len));
            }
        }
        if !is_array && next.is_some() {
            text.push('[');
            is_array = true;
        }
        let before = budget_left();
        let (t, j) = print(&h, at, len);
        charge(&t, before);
        text.push_str(&t);
        values.push(j);
        let Some((n, l)) = next else { break };
        text.push_str(", ");
        at = n;
        len = l;
        elt += 1;
    }
    if is_array {
        text.push(']');
    }
    (text, values)
}

/// sendmsg's iovecs on a netlink socket (`fd`): each buffer decoded.
pub(crate) fn iovec(ctx: &Ctx, v: u64, count: u64, fd: u64, w: super::time::Word) -> Out {
    let family = ctx
        .host
        .netlink_socket(ctx.pid, super::as_int(fd))
        .flatten();
    budgeted(ctx, || {
        super::io::iovec_with(ctx, v, count, w, &|ctx, base, len| {
            decode(ctx, base, len, family)
        })
    })
}

/// A `struct nlmsghdr`.
struct Header {
    len: u32,
    ty: u16,
    flags: u16,
    seq: u32,
    pid: u32,
}

impl Header {
    fn parse(b: &[u8; 16]) -> Self {
        let u32_at = |i: usize| u32::from_ne_bytes(b[i..i + 4].try_into().unwrap());
        Header {
            len: u32_at(0),
            ty: u16::from_ne_bytes([b[4], b[5]]),
            flags: u16::from_ne_bytes([b[6], b[7]]),
            seq: u32_at(8),
            pid: u32_at(12),
        }
    }
}

/// One message: the header, and `[header, payload]` when it has one.
fn with_payload(
    ctx: &Ctx,
    hdr: &Header,
    at: u64,
    len: u64,
    family: Option<u32>,
) -> (String, Value) {
    let msg_len = (hdr.len as u64).min(len);
    let (type_t, type_j) = msg_type(ctx, hdr.ty, family);
    let flags = flag_tables(hdr.ty, family);
    let flags_t = format_flags(&flags, hdr.flags as u64);
    let head = format!(
        "{{nlmsg_len={}, nlmsg_type={type_t}, nlmsg_flags={flags_t}, nlmsg_seq={}, nlmsg_pid={}}}",
        hdr.len, hdr.seq, hdr.pid as i32
    );
    let mut value = json!({
        "len": hdr.len, "type": type_j, "flags": flags_json(&flags, hdr.flags as u64),
        "seq": hdr.seq, "pid": hdr.pid,
    });
    if msg_len <= NLMSG_HDRLEN {
        return (head, value);
    }
    let (p, pj) = payload(ctx, hdr, at + NLMSG_HDRLEN, msg_len - NLMSG_HDRLEN, family);
    value["payload"] = pj;
    (format!("[{head}, {p}]"), value)
}

/// The message type's name: the control types below NLMSG_MIN_TYPE,
/// else the protocol's own table.
fn msg_type(ctx: &Ctx, ty: u16, family: Option<u32>) -> (String, Value) {
    if ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_GENERIC) {
        // Family ids are the kernel's to hand out: named as it lists them.
        return match ctx.host.genl_family(ty) {
            Some(name) => (name.clone(), Value::from(name)),
            None => (
                format!("{} /* GENERIC_FAMILY_??? */", hex(ty as u64)),
                Value::from(ty),
            ),
        };
    }
    if ty >= NLMSG_MIN_TYPE && family == Some(NETLINK_NETFILTER) {
        return super::nfnl::msg_type(ty);
    }
    let t: &Xlat = match family {
        _ if ty < NLMSG_MIN_TYPE => &xlat::NETLINK_TYPES,
        Some(NETLINK_ROUTE) => &xlat::NL_ROUTE_TYPES,
        Some(NETLINK_SOCK_DIAG) => &xlat::NL_SOCK_DIAG_TYPES,
        Some(NETLINK_XFRM) => &xlat::NL_XFRM_TYPES,
        Some(NETLINK_AUDIT) => &xlat::NL_AUDIT_TYPES,
        Some(NETLINK_SELINUX) => &xlat::NL_SELINUX_TYPES,
        Some(NETLINK_CRYPTO) => &xlat::NL_CRYPTO_TYPES,
        _ => &xlat::NETLINK_TYPES,
    };
    (t.format_enum(ty as u64), t.enum_json(ty as u64))
}

/// The flag tables for a message: the common flags, then those of its
/// kind of request (GET, NEW, DELETE, or an acknowledgement).
fn flag_tables(ty: u16, family: Option<u32>) -> Vec<&'static Xlat> {
    let mut t = vec![&xlat::NETLINK_FLAGS];
    let extra: Option<&'static Xlat> = if ty < NLMSG_MIN_TYPE {
        (ty == NLMSG_ERROR).then_some(&xlat::NETLINK_ACK_FLAGS)
    } else {
        match family {
            Some(NETLINK_ROUTE) if ty == RTM_DELACTION => Some(&xlat::NETLINK_GET_FLAGS),
            Some(NETLINK_ROUTE) => match ty & 3 {
                0 => Some(&xlat::NETLINK_NEW_FLAGS),
                1 => Some(&xlat::NETLINK_DELETE_FLAGS),
                2 => Some(&xlat::NETLINK_GET_FLAGS),
                _ => None,
            },
            Some(NETLINK_SOCK_DIAG) => Some(&xlat::NETLINK_GET_FLAGS),
            Some(NETLINK_CRYPTO) => match xlat::NL_CRYPTO_TYPES.lookup(ty as u64) {
                Some("CRYPTO_MSG_NEWALG") => Some(&xlat::NETLINK_NEW_FLAGS),
                Some("CRYPTO_MSG_DELALG" | "CRYPTO_MSG_DELRNG") => {
                    Some(&xlat::NETLINK_DELETE_FLAGS)
                }
                Some("CRYPTO_MSG_GETALG") => Some(&xlat::NETLINK_GET_FLAGS),
                _ => None,
            },
            Some(NETLINK_NETFILTER) => super::nfnl::flags_table(ty),
            Some(NETLINK_XFRM) => match xlat::NL_XFRM_TYPES.lookup(ty as u64) {
                Some(
                    "XFRM_MSG_NEWSA"
                    | "XFRM_MSG_NEWPOLICY"
                    | "XFRM_MSG_NEWAE"
                    | "XFRM_MSG_NEWSADINFO"
                    | "XFRM_MSG_NEWSPDINFO",
                ) => Some(&xlat::NETLINK_NEW_FLAGS),
                Some("XFRM_MSG_DELSA" | "XFRM_MSG_DELPOLICY") => Some(&xlat::NETLINK_DELETE_FLAGS),
                Some(
                    "XFRM_MSG_GETSA"
                    | "XFRM_MSG_GETPOLICY"
                    | "XFRM_MSG_GETAE"
                    | "XFRM_MSG_GETSADINFO"
                    | "XFRM_MSG_GETSPDINFO",
                ) => Some(&xlat::NETLINK_GET_FLAGS),
                _ => None,
            },
            _ => None,
        }
    };
    t.extend(extra);
    t
}

/// Flags named from several tables in turn, strace's `printflags_ex`.
fn split(tables: &[&Xlat], v: u64) -> (Vec<&'static str>, u64) {
    let mut names = Vec::new();
    let mut left = v;
    for t in tables {
        if left == 0 {
            break;
        }
        let (n, l) = t.split_flags(left);
        names.extend(n);
        left = l;
    }
    (names, left)
}

fn format_flags(tables: &[&Xlat], v: u64) -> String {
    if v == 0 {
        return "0".into();
    }
    let (names, left) = split(tables, v);
    let mut s = names.join("|");
    if left != 0 {
        if s.is_empty() {
            s = format!("{} /* NLM_F_??? */", hex(left));
        } else {
            s.push_str(&format!("|{}", hex(left)));
        }
    }
    s
}

fn flags_json(tables: &[&Xlat], v: u64) -> Value {
    let (names, left) = split(tables, v);
    let mut list: Vec<Value> = names.into_iter().map(Value::from).collect();
    if left != 0 {
        list.push(Value::from(hex(left)));
    }
    Value::Array(list)
}

/// A message's payload of `len` bytes at `v`.
fn payload(ctx: &Ctx, hdr: &Header, v: u64, len: u64, family: Option<u32>) -> (String, Value) {
    if hdr.ty == NLMSG_ERROR && ERR_DEPTH.get() < MAX_ERR_DEPTH {
        ERR_DEPTH.set(ERR_DEPTH.get() + 1);
        let r = nlmsgerr(ctx, v, len, hdr.flags & NLM_F_CAPPED != 0, family);
        ERR_DEPTH.set(ERR_DEPTH.get() - 1);
        return r;
    }
    // strace hands the protocol's decoder its own types and NLMSG_DONE;
    // the other control messages' payloads print in hex.
    if (hdr.ty >= NLMSG_MIN_TYPE || hdr.ty == NLMSG_DONE) && family == Some(NETLINK_ROUTE) {
        if let Some(r) = route(ctx, hdr.ty, v, len) {
            return r;
        }
    }
    if (hdr.ty >= NLMSG_MIN_TYPE || hdr.ty == NLMSG_DONE) && family == Some(NETLINK_NETFILTER) {
        if let Some(r) = super::nfnl::payload(ctx, hdr.ty, v, len) {
            return r;
        }
    }
    if (hdr.ty >= NLMSG_MIN_TYPE || hdr.ty == NLMSG_DONE) && family == Some(NETLINK_SOCK_DIAG) {
        if let Some(r) = super::sockdiag::message(ctx, hdr.ty, hdr.flags, v, len) {
            return r;
        }
    }
    if (hdr.ty >= NLMSG_MIN_TYPE || hdr.ty == NLMSG_DONE) && family == Some(NETLINK_SELINUX) {
        if let Some(r) = super::nlcrypto::selinux(ctx, hdr.ty, v, len) {
            return r;
        }
    }
    if (hdr.ty >= NLMSG_MIN_TYPE || hdr.ty == NLMSG_DONE) && family == Some(NETLINK_CRYPTO) {
        if let Some(r) = super::nlcrypto::crypto(ctx, hdr.ty, v, len) {
            return r;
        }
    }
    if hdr.ty == NLMSG_DONE && len == 4 {
        let mut b = [0u8; 4];
        if !read_exact(ctx.mem, v, &mut b) {
            return (addr(v), Value::Null);
        }
        let n = i32::from_ne_bytes(b);
        return (n.to_string(), Value::from(n));
    }
    let (t, j) = hex_bytes(ctx, v, len);
    (t, j.unwrap_or(Value::Null))
}

/// An NLMSG_ERROR's `struct nlmsgerr` (strace's decode_nlmsgerr): the
/// error and the request it answers, decoded as a message of its own
/// (only its header when NLM_F_CAPPED says the kernel cut the rest),
/// then the extended-ack NLMSGERR_ATTR_* after it.
fn nlmsgerr(ctx: &Ctx, v: u64, len: u64, capped: bool, family: Option<u32>) -> (String, Value) {
    if len < 4 + NLMSG_HDRLEN {
        let (t, j) = hex_bytes(ctx, v, len);
        return (t, j.unwrap_or(Value::Null));
    }
    let mut b = [0u8; 20];
    if !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), Value::Null);
    }
    let error = i32::from_ne_bytes(b[..4].try_into().unwrap());
    let msg = Header::parse(b[4..].try_into().unwrap());
    let (at, len) = (v + 4, len - 4);
    // An echoed length below a header's counts as a header's.
    let msg_len = if capped {
        NLMSG_HDRLEN
    } else {
        (msg.len as u64).max(NLMSG_HDRLEN)
    };
    let shown = len.min(msg_len);
    // strace's print_err: a negated errno by name, else the number.
    let err_t = match crate::errno::errnos().iter().find(|e| -e.0 == error) {
        Some(e) if error != 0 => format!("-{}", e.1),
        _ => error.to_string(),
    };
    let (m, mj) = with_payload(ctx, &msg, at, shown, family);
    let text = format!("{{error={err_t}, msg={m}}}");
    let mut j = json!({ "error": error, "msg": mj });
    if len <= shown {
        return (text, j);
    }
    let set = super::rtnl::Attrs::More(super::rtnl_more::Set::NlmsgErr);
    let (a, aj) = super::rtnl::attributes(ctx, at + shown, len - shown, set, 0);
    j["attributes"] = aj;
    (format!("[{text}, {a}]"), j)
}

/// Bytes printed all in `\x..`, strace's `QUOTE_FORCE_HEX`, with the
/// `-s` limit.
pub(super) fn hex_bytes(ctx: &Ctx, v: u64, len: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let limit = ctx.opts.string_limit;
    let shown = len.min(limit as u64) as usize;
    // strace reads one byte past -s, and prints the address when it
    // cannot.
    let mut b = vec![0u8; len.min(limit as u64 + 1) as usize];
    if !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), None);
    }
    b.truncate(shown);
    let mut t = quote(&b, HexMode::All, false);
    if len > limit as u64 {
        t.push_str("...");
    }
    (t, Some(super::bytes_json(&b)))
}

/// A NETLINK_ROUTE payload: `None` for NLMSG_DONE, which has none of its
/// own.
fn route(ctx: &Ctx, ty: u16, v: u64, len: u64) -> Option<(String, Value)> {
    if ty == NLMSG_DONE {
        return None;
    }
    let mut fam = [0u8; 1];
    if !read_exact(ctx.mem, v, &mut fam) {
        return Some((addr(v), Value::Null));
    }
    if let Some(r) = super::rtnl::message(ctx, ty.wrapping_sub(RTM_BASE), fam[0], v, len) {
        return Some(r);
    }
    let family = fam[0] as u64;
    let fam_t = xlat::ADDRESS_FAMILIES.format_enum(family);
    let fam_j = xlat::ADDRESS_FAMILIES.enum_json(family);
    let mut t = format!("{{family={fam_t}");
    let mut j = json!({ "family": fam_j });
    if len > 1 {
        let (d, dj) = hex_bytes(ctx, v + 1, len - 1);
        t.push_str(&format!(", data={d}"));
        j["data"] = dj.unwrap_or(Value::Null);
    }
    t.push('}');
    Some((t, j))
}

/// The NETLINK_GENERIC families this host's kernel has, `(id, name)`,
/// from a CTRL_CMD_GETFAMILY dump as strace makes it (its
/// `genl_families_xlat`): empty when the kernel has none or no answer.
pub(crate) fn genl_families() -> Vec<(u16, String)> {
    let mut req = Vec::with_capacity(20);
    req.extend_from_slice(&20u32.to_ne_bytes());
    req.extend_from_slice(&GENL_ID_CTRL.to_ne_bytes());
    // NLM_F_REQUEST | NLM_F_DUMP
    req.extend_from_slice(&0x301u16.to_ne_bytes());
    req.extend_from_slice(&[0; 8]);
    req.extend_from_slice(&[CTRL_CMD_GETFAMILY, 0, 0, 0]);
    let replies = crate::sys::netlink_dump(NETLINK_GENERIC as i32, &req);
    replies
        .iter()
        .flat_map(|b| parse_genl_families(b))
        .collect()
}

/// The `(id, name)` pairs in one buffer of CTRL_CMD_NEWFAMILY replies
/// (version 2, as strace requires), each family's first id and name.
fn parse_genl_families(b: &[u8]) -> Vec<(u16, String)> {
    let u16_at = |i: usize| u16::from_ne_bytes([b[i], b[i + 1]]);
    let mut out = Vec::new();
    let mut at = 0;
    while at + 20 <= b.len() {
        let len =
            (u32::from_ne_bytes(b[at..at + 4].try_into().unwrap()) as usize).min(b.len() - at);
        if len < 16 {
            break;
        }
        if u16_at(at + 4) == GENL_ID_CTRL
            && len >= 20
            && b[at + 16] == CTRL_CMD_NEWFAMILY
            && b[at + 17] == 2
        {
            let (mut id, mut name) = (None, None);
            let mut a = at + 20;
            while a + 4 <= at + len {
                let (alen, kind) = (u16_at(a) as usize, u16_at(a + 2));
                if alen < 4 || a + alen > at + len {
                    break;
                }
                let data = &b[a + 4..a + alen];
                match kind {
                    CTRL_ATTR_FAMILY_ID if data.len() == 2 && id.is_none() => {
                        id = Some(u16::from_ne_bytes([data[0], data[1]]));
                    }
                    CTRL_ATTR_FAMILY_NAME if name.is_none() => {
                        let n = data.split(|&c| c == 0).next().unwrap_or_default();
                        name = Some(String::from_utf8_lossy(n).into_owned());
                    }
                    _ => {}
                }
                if let (Some(i), Some(n)) = (id, &name) {
                    out.push((i, n.clone()));
                    (id, name) = (None, None);
                }
                a += (alen + 3) & !3;
            }
        }
        at += (len + 3) & !3;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{DecodeOptions, NoHost};
    use crate::memory::FakeMemory;

    fn nlmsg(len: u32, ty: u16) -> Vec<u8> {
        let mut b = len.to_ne_bytes().to_vec();
        b.extend(ty.to_ne_bytes());
        b.extend([0; 10]);
        b
    }

    /// A route message holding `n` RTA_METRICS of `n` RTAX_UNSPEC
    /// metrics each (those print in hex).
    fn metrics_bomb(n: usize) -> Vec<u8> {
        let inner = 4 + n * 8;
        let len = 16 + 12 + n * inner;
        let mut b = nlmsg(len as u32, 24);
        b.extend([2; 12]);
        for _ in 0..n {
            b.extend((inner as u16).to_ne_bytes());
            b.extend(8u16.to_ne_bytes());
            for k in 0..n {
                b.extend(8u16.to_ne_bytes());
                b.extend(0u16.to_ne_bytes());
                b.extend((k as u32 | 0x8080_8080).to_ne_bytes());
            }
        }
        b
    }

    fn run(mem: &FakeMemory, opts: &DecodeOptions, f: impl Fn(&Ctx) -> Out) -> String {
        let raw = [0; 6];
        let ctx = Ctx {
            raw: &raw,
            pid: 1,
            mem,
            opts,
            host: &NoHost,
        };
        f(&ctx).0
    }

    /// NLMSG_ERRORs each echoing the next, thousands deep: decoded to
    /// MAX_ERR_DEPTH, the rest in hex, the stack and the text bounded.
    #[test]
    fn errors_echoing_errors_stop_at_their_depth() {
        let n = 5000usize;
        let mut buf = Vec::new();
        for i in 0..n {
            buf.extend(nlmsg(((n - i) * 20) as u32, NLMSG_ERROR));
            buf.extend((-1i32).to_ne_bytes());
        }
        let len = buf.len() as u64;
        let mem = FakeMemory::new().with(0x10000, buf);
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        let t = run(&mem, &opts, |c| {
            decode(c, 0x10000, len, Some(NETLINK_ROUTE))
        });
        assert_eq!(
            t.matches("error=-EPERM").count(),
            MAX_ERR_DEPTH as usize,
            "{t}"
        );
        assert!(t.len() < 8 * 1024, "{} bytes", t.len());
        assert_eq!(ERR_DEPTH.get(), 0);
    }

    #[test]
    fn thousands_of_messages_with_v_stop_at_the_budget() {
        let buf: Vec<u8> = (0..8192).flat_map(|_| nlmsg(16, 18)).collect();
        let len = buf.len() as u64;
        let mem = FakeMemory::new().with(0x10000, buf);
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        let t = run(&mem, &opts, |c| {
            decode(c, 0x10000, len, Some(NETLINK_ROUTE))
        });
        assert!(t.len() < 40 * 1024, "{} bytes", t.len());
        assert!(t.ends_with(", ...]"), "{}", &t[t.len() - 100..]);
        // The budget ends with its argument: the next one starts afresh.
        assert_eq!(LEFT.get(), None);
    }

    #[test]
    fn nested_metrics_in_many_iovecs_share_one_budget() {
        let bomb = metrics_bomb(32);
        let n = bomb.len() as u64;
        let mut iov = Vec::new();
        for _ in 0..32 {
            iov.extend(0x100000u64.to_ne_bytes());
            iov.extend(n.to_ne_bytes());
        }
        let mem = FakeMemory::new().with(0x100000, bomb).with(0x1000, iov);
        let opts = DecodeOptions::default();
        let one = run(&mem, &opts, |c| decode(c, 0x100000, n, Some(NETLINK_ROUTE)));
        assert!(one.len() < 40 * 1024, "{} bytes", one.len());
        assert!(one.contains("nla_type=RTA_METRICS}, [[{nla_len=8, nla_type=RTAX_UNSPEC}, \"\\x80"));
        // As `iovec` does, with the family NoHost cannot tell.
        let all = run(&mem, &opts, |c| {
            budgeted(c, || {
                let w = super::super::time::Word::W64;
                super::super::io::iovec_with(c, 0x1000, 32, w, &|c, b, l| {
                    decode(c, b, l, Some(NETLINK_ROUTE))
                })
            })
        });
        // 32 iovecs of the same buffer: without the shared budget, some
        // 32 times as much as one.
        assert!(all.len() < 48 * 1024, "{} bytes", all.len());
        assert!(
            all.contains("{iov_base=..., iov_len="),
            "{}",
            &all[all.len() - 300..]
        );
    }
}
