//! keyctl's command and its four arguments, shaped by the command as
//! strace 6.1 prints them at entry (`keyctl(KEYCTL_LINK,
//! KEY_SPEC_USER_KEYRING, 12)`); unknown commands get four hex numbers.

use super::attrs::key_serial;
use super::{addr, as_int, strings, Ctx, Out};
use crate::xlat::{self, hex};
use serde_json::Value;

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
    /// Not printed.
    None,
}

const KEYCTL_SESSION_TO_PARENT: i32 = 18;

/// strace's argument shapes (arguments 2..5) per command; commands with
/// structs of their own (DH_COMPUTE, the PKEY_* family,
/// INSTANTIATE_IOV, REJECT's errno) and unknown ones print in hex.
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
        22 => [Uid, Serial, None, None], // GET_PERSISTENT
        29 => [Serial, Str, Str, None],  // RESTRICT_KEYRING
        31 => [Addr, Ulong, None, None], // CAPABILITIES
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
pub(crate) fn keyctl_arg(ctx: &Ctx, pos: usize, v: u64) -> Out {
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
        A::Uid if v as u32 == u32::MAX => ("-1".into(), Some(Value::from(-1))),
        A::Uid => ((v as u32).to_string(), Some(Value::from(v as u32))),
        A::Perm => {
            let p = v as u32 as u64;
            (
                xlat::KEY_PERMS.format_flags(p),
                Some(xlat::KEY_PERMS.flags_json(p)),
            )
        }
        A::Reqkey => {
            let r = as_int(v);
            let text = match xlat::KEY_REQKEYS.lookup(r as u32 as u64) {
                Some(n) => n.to_string(),
                None => format!("{r} /* KEY_REQKEY_DEFL_??? */"),
            };
            (text, Some(xlat::KEY_REQKEYS.enum_json(r as u32 as u64)))
        }
        A::Addr => (addr(v), Some(Value::from(v))),
        A::Hex => (hex(v), Some(Value::from(v))),
        // Left out of the line; the raw value stays in JSON.
        A::None => (String::new(), Some(Value::from(v))),
    }
}
