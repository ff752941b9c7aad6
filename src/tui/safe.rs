//! Making tracee-controlled text (comm, paths, argument text, command
//! lines, command output, and anything read from a saved trace) safe to
//! put on the terminal: a control character written raw would be obeyed by
//! the terminal (`ESC ] 0 ;` retitles it, `ESC [ 2 J` clears it).
//!
//! Every view passes such text through [`clean`] before it becomes a
//! span; [`scrub`] is the last line of defence, run on every frame's
//! buffer, for text a view forgot.

use std::borrow::Cow;
use std::fmt::Write;

use ratatui::buffer::Buffer;

/// Whether `c` must not reach the terminal as it is: C0 controls, DEL and
/// C1 controls (U+0080–U+009F, which some terminals obey as 8-bit
/// ESC sequences), and the bidirectional formatting characters, which
/// reorder what is shown around them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with every unsafe character shown escaped as strace shows
/// non-printable bytes: `\t`, `\n`, `\v`, `\f`, `\r`, else each byte of its
/// UTF-8 in octal (`\33` for ESC, `\302\233` for U+009B; three digits when
/// an octal digit follows). Backslashes are left alone, so text that is
/// already escaped (decoded arguments) comes out unchanged. Borrowed when
/// nothing needed escaping.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{0b}' => out.push_str("\\v"),
            '\u{0c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            _ => {
                let mut b = [0u8; 4];
                let bytes = c.encode_utf8(&mut b).as_bytes();
                let digit_next = it.peek().is_some_and(|n| ('0'..='7').contains(n));
                for (i, byte) in bytes.iter().enumerate() {
                    if i + 1 == bytes.len() && !digit_next {
                        let _ = write!(out, "\\{byte:o}");
                    } else {
                        let _ = write!(out, "\\{byte:03o}");
                    }
                }
            }
        }
    }
    Cow::Owned(out)
}

/// [`clean`], owned.
pub fn cleaned(s: &str) -> String {
    clean(s).into_owned()
}

/// Replaces any cell of `buf` that still holds an unsafe character with
/// U+FFFD (�): whatever a widget drew, no control reaches the terminal.
pub fn scrub(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_symbol("\u{fffd}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_strace_does() {
        assert_eq!(clean("cat"), "cat");
        assert!(matches!(clean("/etc/passwd"), Cow::Borrowed(_)));
        assert_eq!(clean("\x1b]0;pwned\x07"), "\\33]0;pwned\\7");
        assert_eq!(clean("\x1b[2J"), "\\33[2J");
        assert_eq!(clean("a\x1b1"), "a\\0331", "a digit follows");
        assert_eq!(clean("a\tb\nc\r"), "a\\tb\\nc\\r");
        assert_eq!(clean("\u{9b}31m"), "\\302\\23331m");
        assert_eq!(clean("x\u{202e}y"), "x\\342\\200\\256y");
        assert_eq!(clean("\x7f"), "\\177");
        assert_eq!(clean("\"a\\33b\""), "\"a\\33b\"", "already escaped");
        assert_eq!(clean("héllo ✓"), "héllo ✓");
    }
}
