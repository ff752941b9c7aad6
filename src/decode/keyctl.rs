//! keyctl's command and its four arguments, shaped by the command as
//! strace 6.1 prints them at entry (`keyctl(KEYCTL_LINK,
//! KEY_SPEC_USER_KEYRING, 12)`); unknown commands get four hex numbers.

use super::attrs::key_serial;
use super::time::{read_all, Fields, Word};
use super::{addr, as_int, strings, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::{json, Value};

/// How one keyctl argument prints.
#[derive(Clone, Copy)]
enum A {
    /// A key serial (`KEY_SPEC_*` or decimal).
    Serial,
    /// A NUL-terminated string.
    Str,
    /// A buffer whose length is the next argument.
    StrN,
    /// An unsigned long in decimal.
    Ulong,
    /// An unsigned int in decimal.
    Uint,
    /// A signed int.
    Int,
    /// A uid or gid: `-1` or unsigned decimal.
    Uid,
    /// `KEY_POS_*|KEY_USR_*...` permissions.
    Perm,
    /// `KEY_REQKEY_DEFL_*`.
    Reqkey,
    /// A pointer not decoded (or filled by the kernel).
    Addr,
    /// An unsigned long in hex.
    Hex,
    /// An errno (`EKEYREJECTED`), unsigned.
    Errno,
    /// An iovec array of strings; its count is the next argument.
    IovStr,
    /// `KEYCTL_MOVE_EXCL`.
    MoveFlags,
    /// DH_COMPUTE's `struct keyctl_dh_params`: three serials.
    DhParams,
    /// The PKEY_* `struct keyctl_pkey_params`; `true` when the call
    /// writes its output (`out_len`), `false` for VERIFY (`in2_len`).
    PkeyParams(bool),
    /// A buffer of the params' `in_len` (`false`) or `in2_len` (`true`)
    /// bytes, or its address when the params cannot be read.
    PkeyData(bool),
    /// Not printed.
    None,
}

const KEYCTL_SESSION_TO_PARENT: i32 = 18;

/// strace's argument shapes (arguments 2..5) per command at entry;
/// unknown commands (and WATCH_KEY, which strace 6.1 does not decode)
/// print in hex. What the kernel writes (READ's buffer, DH_COMPUTE's
/// result) is an address, as strace prints it for a failed call;
/// DH_COMPUTE's KDF parameters, which strace reads only at exit, too.
fn shape(cmd: i32) -> [A; 4] {
    use A::*;
    match cmd {
        0 => [Serial, Int, None, None],                // GET_KEYRING_ID
        1 => [Str, None, None, None],                  // JOIN_SESSION_KEYRING
        2 => [Serial, StrN, Ulong, None],              // UPDATE
        3 | 7 | 16 | 21 => [Serial, None, None, None], // REVOKE, CLEAR, ASSUME_AUTHORITY, INVALIDATE
        4 => [Serial, Uid, Uid, None],                 // CHOWN
        5 => [Serial, Perm, None, None],               // SETPERM
        6 | 11 | 17 => [Serial, Addr, Ulong, None],    // DESCRIBE, READ, GET_SECURITY
        8 | 9 => [Serial, Serial, None, None],         // LINK, UNLINK
        10 => [Serial, Str, Str, Serial],              // SEARCH
        12 => [Serial, StrN, Ulong, Serial],           // INSTANTIATE
        13 => [Serial, Uint, Serial, None],            // NEGATE
        14 => [Reqkey, None, None, None],              // SET_REQKEY_KEYRING
        15 => [Serial, Uint, None, None],              // SET_TIMEOUT
        KEYCTL_SESSION_TO_PARENT => [None, None, None, None],
        19 => [Serial, Uint, Errno, Serial],   // REJECT
        20 => [Serial, IovStr, Ulong, Serial], // INSTANTIATE_IOV
        22 => [Uid, Serial, None, None],       // GET_PERSISTENT
        23 => [DhParams, Addr, Ulong, Addr],   // DH_COMPUTE
        24 => [Serial, Hex, Str, Addr],        // PKEY_QUERY
        25..=27 => [PkeyParams(true), Str, PkeyData(false), Addr], // PKEY_ENCRYPT, _DECRYPT, _SIGN
        28 => [PkeyParams(false), Str, PkeyData(false), PkeyData(true)], // PKEY_VERIFY
        30 => [Serial, Serial, Serial, MoveFlags], // MOVE
        29 => [Serial, Str, Str, None],        // RESTRICT_KEYRING
        31 => [Addr, Ulong, None, None],       // CAPABILITIES
        _ => [Hex, Hex, Hex, Hex],
    }
}

/// keyctl's command: its name, else `0x.. /* KEYCTL_??? */`.
pub(crate) fn command(v: u64) -> Out {
    let cmd = v as u32 as u64;
    (
        xlat::KEYCTL_COMMANDS.format_enum(cmd),
        Some(xlat::KEYCTL_COMMANDS.enum_json(cmd)),
    )
}

/// keyctl argument `pos` (1..4), shaped by the command in argument 0.
/// `w` is the tracee's word (for INSTANTIATE_IOV's iovecs).
pub(crate) fn keyctl_arg(ctx: &Ctx, pos: usize, v: u64, w: Word) -> Out {
    let Some(&a) = shape(as_int(ctx.arg(0))).get(pos.wrapping_sub(1)) else {
        return (String::new(), Some(Value::from(v)));
    };
    match a {
        A::Serial => key_serial(v),
        A::Str => strings::cstr(ctx, v),
        A::StrN => strings::buf(ctx, v, ctx.arg(pos as u8 + 1)),
        A::Ulong => (v.to_string(), Some(Value::from(v))),
        A::Uint => ((v as u32).to_string(), Some(Value::from(v as u32))),
        A::Int => (as_int(v).to_string(), Some(Value::from(as_int(v)))),
        A::Uid => {
            let (t, j) = super::process::id_text(v, 4);
            (t, Some(j))
        }
        A::Perm => {
            let p = v as u32 as u64;
            (
                xlat::KEY_PERMS.format_flags(p),
                Some(xlat::KEY_PERMS.flags_json(p)),
            )
        }
        A::Reqkey => {
            let r = as_int(v);
            let text = xlat::styled_dec(
                r,
                xlat::KEY_REQKEYS.lookup(r as u32 as u64),
                "KEY_REQKEY_DEFL_???",
            );
            (text, Some(xlat::KEY_REQKEYS.enum_json(r as u32 as u64)))
        }
        A::Errno => {
            let e = v as u32;
            let t = match e {
                1..=4095 => {
                    let name = crate::errno::name(e as i32);
                    xlat::styled(|| e.to_string(), || name)
                }
                _ => e.to_string(),
            };
            (t, Some(Value::from(e)))
        }
        A::IovStr => super::io::iovec(ctx, v, ctx.arg(pos as u8 + 1), true, w),
        A::MoveFlags => {
            let f = v as u32 as u64;
            (
                xlat::KEYCTL_MOVE_FLAGS.format_flags(f),
                Some(xlat::KEYCTL_MOVE_FLAGS.flags_json(f)),
            )
        }
        A::DhParams => dh_params(ctx, v),
        A::PkeyParams(out) => match pkey_params(ctx, v) {
            Some(p) => {
                let name = if out { "out_len" } else { "in2_len" };
                let mut t = format!(
                    "{{key_id={}, in_len={}, {name}={}",
                    key_serial(p[0] as u64).0,
                    p[1],
                    p[2]
                );
                let spare = &p[3..];
                if spare.iter().any(|&x| x != 0) {
                    let s: Vec<String> = spare.iter().map(|&x| hex(x as u64)).collect();
                    t.push_str(&format!(", __spare=[{}]", s.join(", ")));
                }
                t.push('}');
                let j = json!({ "key_id": p[0] as i32, "in_len": p[1], name: p[2] });
                (t, Some(j))
            }
            None => (addr(v), None),
        },
        A::PkeyData(second) => match pkey_params(ctx, ctx.arg(1)) {
            Some(p) => strings::buf(ctx, v, p[if second { 2 } else { 1 }] as u64),
            None => (addr(v), Some(Value::from(v))),
        },
        A::Addr => (addr(v), Some(Value::from(v))),
        A::Hex => (hex(v), Some(Value::from(v))),
        // Left out of the line; the raw value stays in JSON.
        A::None => (String::new(), Some(Value::from(v))),
    }
}

/// `struct keyctl_dh_params`: `{private=.., prime=.., base=..}`.
fn dh_params(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, 12).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let ids: Vec<Out> = (0..3).map(|i| key_serial(f.u32(4 * i) as u64)).collect();
    (
        format!(
            "{{private={}, prime={}, base={}}}",
            ids[0].0, ids[1].0, ids[2].0
        ),
        Some(json!({ "private": ids[0].1, "prime": ids[1].1, "base": ids[2].1 })),
    )
}

/// `struct keyctl_pkey_params` as its ten u32 words: key_id, in_len,
/// out_len (or in2_len), then `__spare[7]`; `None` when unreadable.
fn pkey_params(ctx: &Ctx, v: u64) -> Option<Vec<u32>> {
    let b = read_all(ctx, v, 40).filter(|_| v != 0)?;
    let f = Fields(&b);
    Some((0..10).map(|i| f.u32(4 * i)).collect())
}
