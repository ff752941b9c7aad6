//! Strings, paths and byte buffers, quoted exactly as strace quotes them.

use super::{addr, Ctx, HexMode, Out};
use crate::memory::{read_bytes, read_cstring};
use serde_json::{json, Value};

/// The most bytes of a string or buffer kept for the JSON value. Paths
/// cannot be longer (PATH_MAX); longer buffers are cut here, and the
/// length argument tells the reader by how much.
pub const JSON_CAP: usize = 4096;

/// Quotes `bytes` as strace does. `nul_terminated`: the bytes are a C
/// string, so a NUL ends them (buffers print NUL as `\0` instead).
pub fn quote(bytes: &[u8], hex: HexMode, nul_terminated: bool) -> String {
    let bytes = if nul_terminated {
        match bytes.iter().position(|&b| b == 0) {
            Some(n) => &bytes[..n],
            None => bytes,
        }
    } else {
        bytes
    };
    let all_hex = match hex {
        HexMode::All => true,
        // Whitespace controls (\t \n \v \f \r) do not force hex.
        HexMode::NonAscii => bytes
            .iter()
            .any(|&c| c > 0x7e || (c < b' ' && !(9..=13).contains(&c))),
        HexMode::Normal => false,
    };
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for (i, &c) in bytes.iter().enumerate() {
        if all_hex {
            s.push_str(&format!("\\x{c:02x}"));
            continue;
        }
        match c {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\x0c' => s.push_str("\\f"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            b'\x0b' => s.push_str("\\v"),
            b' '..=b'~' => s.push(c as char),
            _ => {
                // Shortest octal, unless the next byte is an octal digit,
                // which would be read as part of the escape.
                let next_is_digit = bytes.get(i + 1).is_some_and(|n| (b'0'..=b'7').contains(n));
                if next_is_digit {
                    s.push_str(&format!("\\{c:03o}"));
                } else {
                    s.push_str(&format!("\\{c:o}"));
                }
            }
        }
    }
    s.push('"');
    s
}

/// JSON for bytes from the tracee: a string when they are UTF-8, else
/// `{"hex": "..."}` so that no byte is lost.
pub fn bytes_json(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(s) => Value::from(s),
        Err(_) => {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            json!({ "hex": hex })
        }
    }
}

/// A NUL-terminated string printed with the `-s` limit (strace's
/// `printstr`): `"abc"`, `"abc"...` when cut, the address when the bytes
/// strace would need cannot all be read.
pub(crate) fn cstr(ctx: &Ctx, v: u64) -> Out {
    cstr_limited(ctx, v, ctx.opts.string_limit)
}

/// [`cstr`] with an explicit limit.
pub(crate) fn cstr_limited(ctx: &Ctx, v: u64, limit: usize) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(s) = read_cstring(ctx.mem, v, JSON_CAP.max(limit)) else {
        return (addr(v), None);
    };
    let value = json_of_cstring(&s);
    // strace reads limit+1 bytes; a fault before it has them (and before
    // a NUL) makes it print the address.
    if s.faulted && s.bytes.len() <= limit {
        return (addr(v), value);
    }
    let cut = s.bytes.len() > limit;
    let shown = &s.bytes[..s.bytes.len().min(limit)];
    let mut text = quote(shown, ctx.opts.hex, true);
    // truncated(): no NUL even past the JSON cap, so longer than `limit`.
    if cut || s.truncated() {
        text.push_str("...");
    }
    (text, value)
}

/// The JSON value of a string read from the tracee: the string (or hex
/// object), wrapped as `{"partial": ...}` when reading hit an unmapped
/// page before the NUL.
fn json_of_cstring(s: &crate::memory::CString) -> Option<Value> {
    let v = bytes_json(&s.bytes);
    Some(if s.faulted {
        json!({ "partial": v })
    } else {
        v
    })
}

/// A path: like a string, but strace does not apply `-s` to paths, only
/// PATH_MAX.
pub(crate) fn path(ctx: &Ctx, v: u64) -> Out {
    cstr_limited(ctx, v, JSON_CAP - 1)
}

/// A buffer of `len` bytes (strace's `printstrn`): `-s` bytes are shown,
/// `...` follows when `len` is larger; the address when those bytes
/// cannot all be read.
pub(crate) fn buf(ctx: &Ctx, v: u64, len: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let limit = ctx.opts.string_limit;
    let bytes = read_bytes(ctx.mem, v, len, JSON_CAP.max(limit));
    let shown_len = (len.min(limit as u64)) as usize;
    let value = if bytes.is_empty() && len > 0 {
        None
    } else {
        Some(bytes_json(&bytes))
    };
    // Even `-s 0` needs a readable first byte, as strace reads one: an
    // unreadable buffer prints as its address.
    if bytes.len() < shown_len || bytes.is_empty() && len > 0 {
        return (addr(v), value);
    }
    let mut text = quote(&bytes[..shown_len], ctx.opts.hex, false);
    if len > limit as u64 {
        text.push_str("...");
    }
    (text, value)
}
