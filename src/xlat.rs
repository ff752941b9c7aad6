//! Flag and enum tables (`syscall-tables/xlat/*.tsv`, compiled in by
//! `build.rs`) and the printers that turn a number into strace's text.
//!
//! strace's rules, which these printers follow:
//! * flags: names of the known bits in table order joined by `|`; a table
//!   row may cover several bits (`O_SYNC`), so order matters; leftover bits
//!   as `|0x40`, or `0x40 /* X_??? */` when no bit had a name; zero as the
//!   table's zero-valued name if it has one (`PROT_NONE`, `F_OK`), else `0`.
//! * enums: the name, else `0x4d /* AF_??? */` when the table has an
//!   unknown marker, else the decimal number.
//!
//! `-X raw` and `-X verbose` (strace's `xlat_verbosity`) change every
//! name these printers make, inside structs and arrays too: the decoder
//! sets the style for one call's decoding ([`with_style`]) and the
//! printers read it. JSON keeps the names whatever the style.

use crate::compat::ConstStyle;
use serde_json::Value;
use std::cell::Cell;

thread_local! {
    /// The `-X` style of the decoding under way on this thread.
    static STYLE: Cell<ConstStyle> = const { Cell::new(ConstStyle::Abbrev) };
}

/// The `-X` style names print in now.
#[inline]
pub fn style() -> ConstStyle {
    STYLE.with(Cell::get)
}

/// Runs `f` with names printed in `style`, then restores the style
/// before (also when `f` panics).
pub fn with_style<R>(style: ConstStyle, f: impl FnOnce() -> R) -> R {
    struct Restore(ConstStyle);
    impl Drop for Restore {
        fn drop(&mut self) {
            STYLE.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(STYLE.with(|c| c.replace(style)));
    f()
}

/// A value whose abbreviated text is made of names by code of its own
/// (open flags, `AT_FDCWD`, `SIG_DFL`), in the current style: `abbrev`
/// (made with the style at Abbrev), `num` alone under `-X raw`, `num`
/// and the names in a comment under `-X verbose` (unless the text is
/// already a number or carries its own comment, as strace's
/// `0x40 /* X_??? */`).
pub fn styled(num: impl FnOnce() -> String, abbrev: impl FnOnce() -> String) -> String {
    match style() {
        ConstStyle::Abbrev => abbrev(),
        ConstStyle::Raw => num(),
        ConstStyle::Verbose => {
            let num = num();
            let text = with_style(ConstStyle::Abbrev, abbrev);
            if text == num || text.contains("/*") || text.parse::<i64>().is_ok() {
                text
            } else {
                format!("{num} /* {text} */")
            }
        }
    }
}

/// Whether a table names bits or whole values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XlatKind {
    /// Values are ORs of the entries.
    Flags,
    /// Values are exactly one entry.
    Enum,
}

/// One translation table.
#[derive(Debug)]
pub struct Xlat {
    /// The table's file stem (`open_flags`).
    pub name: &'static str,
    /// Flags or enum.
    pub kind: XlatKind,
    /// strace's comment for unnamed values (`AF_???`), if it prints one.
    pub unknown: Option<&'static str>,
    /// `(name, value)` in print order.
    pub entries: &'static [(&'static str, u64)],
}

impl Xlat {
    /// The first name whose value is exactly `v`.
    pub fn lookup(&self, v: u64) -> Option<&'static str> {
        self.entries.iter().find(|e| e.1 == v).map(|e| e.0)
    }

    /// Enum text: the name, `0x.. /* X_??? */`, or decimal; under
    /// `-X raw` the number, under `-X verbose` the number and the name in
    /// a comment.
    pub fn format_enum(&self, v: u64) -> String {
        let style = style();
        let name = if style == ConstStyle::Raw {
            None
        } else {
            self.lookup(v)
        };
        match (name, self.unknown, style) {
            (Some(n), _, ConstStyle::Verbose) => format!("{} /* {n} */", self.number(v)),
            (Some(n), _, _) => n.to_string(),
            (None, Some(u), ConstStyle::Abbrev | ConstStyle::Verbose) => {
                format!("{} /* {u} */", hex(v))
            }
            (None, _, _) => self.number(v),
        }
    }

    /// An enum's number as strace prints it when it has no name: hex for
    /// a table with an unknown marker, else decimal.
    fn number(&self, v: u64) -> String {
        if self.unknown.is_some() {
            hex(v)
        } else {
            v.to_string()
        }
    }

    /// Enum JSON: the name, else the number.
    pub fn enum_json(&self, v: u64) -> Value {
        match self.lookup(v) {
            Some(n) => Value::from(n),
            None => Value::from(v),
        }
    }

    /// Splits `v` into known names (table order) and leftover bits.
    pub fn split_flags(&self, v: u64) -> (Vec<&'static str>, u64) {
        if v == 0 {
            return (self.lookup(0).into_iter().collect(), 0);
        }
        let mut left = v;
        let mut names = Vec::new();
        for &(name, bits) in self.entries {
            if bits != 0 && left & bits == bits {
                names.push(name);
                left &= !bits;
            }
        }
        (names, left)
    }

    /// Flags text, strace style; under `-X raw` the number, under
    /// `-X verbose` the number and the names in a comment.
    pub fn format_flags(&self, v: u64) -> String {
        match style() {
            ConstStyle::Abbrev => self.abbrev_flags(v),
            ConstStyle::Raw => hex(v),
            ConstStyle::Verbose => {
                let (names, left) = self.split_flags(v);
                if names.is_empty() {
                    return self.abbrev_flags(v);
                }
                let mut s = format!("{} /* {}", hex(v), names.join("|"));
                if left != 0 {
                    s.push_str(&format!("|{}", hex(left)));
                }
                s.push_str(" */");
                s
            }
        }
    }

    fn abbrev_flags(&self, v: u64) -> String {
        let (names, left) = self.split_flags(v);
        let mut s = names.join("|");
        if left != 0 {
            if s.is_empty() {
                s = hex(left);
                if let Some(u) = self.unknown {
                    s.push_str(&format!(" /* {u} */"));
                }
            } else {
                s.push_str(&format!("|{}", hex(left)));
            }
        } else if s.is_empty() {
            s.push('0');
        }
        s
    }

    /// Flags JSON: the names, then leftover bits as a hex string.
    pub fn flags_json(&self, v: u64) -> Value {
        let (names, left) = self.split_flags(v);
        let mut list: Vec<Value> = names.into_iter().map(Value::from).collect();
        if left != 0 {
            list.push(Value::from(hex(left)));
        }
        Value::Array(list)
    }

    /// Text by the table's kind.
    pub fn format(&self, v: u64) -> String {
        match self.kind {
            XlatKind::Flags => self.format_flags(v),
            XlatKind::Enum => self.format_enum(v),
        }
    }

    /// JSON by the table's kind.
    pub fn json(&self, v: u64) -> Value {
        match self.kind {
            XlatKind::Flags => self.flags_json(v),
            XlatKind::Enum => self.enum_json(v),
        }
    }
}

/// An enum strace prints in decimal (`printxval_d`): the name, else
/// `99 /* X_??? */`; under `-X raw` the number, under `-X verbose` the
/// number and the name (or the marker) in a comment.
pub fn styled_dec(n: impl std::fmt::Display, name: Option<&str>, unknown: &str) -> String {
    match (name, style()) {
        (Some(name), _) => styled(|| n.to_string(), || name.to_string()),
        (None, ConstStyle::Raw) => n.to_string(),
        (None, _) => format!("{n} /* {unknown} */"),
    }
}

/// C's `%#x`: `0` for zero, `0x..` otherwise.
pub fn hex(v: u64) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

include!(concat!(env!("OUT_DIR"), "/xlat.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_like_strace() {
        assert_eq!(ACCESS_MODES.format_flags(6), "R_OK|W_OK");
        assert_eq!(ACCESS_MODES.format_flags(0), "F_OK");
        assert_eq!(ACCESS_MODES.format_flags(0x11), "X_OK|0x10");
        assert_eq!(
            MMAP_PROT.format_flags(0x0100_0103),
            "PROT_READ|PROT_WRITE|PROT_GROWSDOWN|0x100"
        );
        assert_eq!(MMAP_PROT.format_flags(0), "PROT_NONE");
        assert_eq!(RENAME_FLAGS.format_flags(0), "0");
        assert_eq!(SOCKET_FLAGS.format_flags(0x60), "0x60 /* SOCK_??? */");
        assert_eq!(OPEN_FLAGS.format_flags(0x101800), "O_NONBLOCK|O_SYNC");
        assert_eq!(STATX_MASK.format_flags(0xfff), "STATX_ALL");
        assert_eq!(
            MSG_FLAGS.format_flags(0x8000_0002),
            "MSG_PEEK|MSG_CMSG_COMPAT"
        );
        assert_eq!(
            WAIT_OPTIONS.flags_json(0x4000_0001 | 0x100),
            serde_json::json!(["WNOHANG", "__WALL", "0x100"])
        );
    }

    #[test]
    fn enums_like_strace() {
        assert_eq!(WHENCE.format_enum(2), "SEEK_END");
        assert_eq!(WHENCE.format_enum(9), "0x9 /* SEEK_??? */");
        assert_eq!(SOCKET_LEVELS.format_enum(999), "0x3e7 /* SOL_?? */");
        assert_eq!(IP_PROTOCOLS.format_enum(99), "99");
        assert_eq!(PRCTL_OPTIONS.format_enum(9999), "0x270f /* PR_??? */");
        assert_eq!(CLOCK_IDS.enum_json(1), Value::from("CLOCK_MONOTONIC"));
        assert_eq!(CLOCK_IDS.enum_json(77), Value::from(77));
    }

    #[test]
    fn x_styles_like_strace() {
        let raw = |f: fn() -> String| with_style(ConstStyle::Raw, f);
        let verbose = |f: fn() -> String| with_style(ConstStyle::Verbose, f);
        assert_eq!(raw(|| ACCESS_MODES.format_flags(6)), "0x6");
        assert_eq!(raw(|| ACCESS_MODES.format_flags(0)), "0");
        assert_eq!(
            verbose(|| ACCESS_MODES.format_flags(6)),
            "0x6 /* R_OK|W_OK */"
        );
        assert_eq!(
            verbose(|| ACCESS_MODES.format_flags(0x11)),
            "0x11 /* X_OK|0x10 */"
        );
        assert_eq!(verbose(|| ACCESS_MODES.format_flags(0)), "0 /* F_OK */");
        assert_eq!(
            verbose(|| SOCKET_FLAGS.format_flags(0x60)),
            "0x60 /* SOCK_??? */"
        );
        assert_eq!(raw(|| SOCKET_FLAGS.format_flags(0x60)), "0x60");
        assert_eq!(raw(|| WHENCE.format_enum(2)), "0x2");
        assert_eq!(verbose(|| WHENCE.format_enum(2)), "0x2 /* SEEK_END */");
        assert_eq!(raw(|| WHENCE.format_enum(9)), "0x9");
        assert_eq!(verbose(|| WHENCE.format_enum(9)), "0x9 /* SEEK_??? */");
        assert_eq!(
            verbose(|| styled(|| "-100".into(), || "AT_FDCWD".into())),
            "-100 /* AT_FDCWD */"
        );
        // The style is the decoding's only: back to names afterwards, and
        // JSON keeps names inside.
        assert_eq!(
            with_style(ConstStyle::Raw, || WHENCE.enum_json(2)),
            "SEEK_END"
        );
        assert_eq!(WHENCE.format_enum(2), "SEEK_END");
    }

    #[test]
    fn every_table_is_well_formed() {
        for x in [&OPEN_FLAGS, &SIGNALS, &IOCTL_REQUESTS, &CLONE_FLAGS] {
            assert!(!x.entries.is_empty(), "{}", x.name);
        }
        assert_eq!(SIGNALS.lookup(15), Some("SIGTERM"));
        assert_eq!(IOCTL_REQUESTS.lookup(0x5401), Some("TCGETS"));
    }
}
