//! Copying to the clipboard of the terminal the UI runs in (over ssh too)
//! with OSC 52: `ESC ] 52 ; c ; BASE64 BEL`. No crate: base64 is twenty
//! lines, and the sequence is all a terminal needs.
//!
//! Inside tmux the sequence is sent twice: plain, which tmux takes into a
//! paste buffer (and on to the outer terminal) when `set-clipboard` is on,
//! and wrapped in tmux's DCS passthrough (`ESC P tmux ; … ESC \`, each ESC
//! inside doubled), which reaches the outer terminal when
//! `allow-passthrough` is on. tmux's defaults drop both; each of the two
//! settings makes one of them work, and a terminal that gets both just
//! sets the same text twice.

/// Payloads larger than this are not sent: terminals cut or drop long
/// OSC 52 strings (xterm's default limit is near 100 000 encoded bytes).
pub const MAX_COPY: usize = 74_000;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648, with `=` padding).
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes that put `text` on the clipboard: OSC 52 for the terminal,
/// and with `tmux` (the UI runs inside tmux: `$TMUX` is set) also the
/// same sequence wrapped in tmux's passthrough.
pub fn osc52(text: &[u8], tmux: bool) -> Vec<u8> {
    let seq = format!("\x1b]52;c;{}\x07", base64(text));
    let mut out = seq.clone().into_bytes();
    if tmux {
        out.extend_from_slice(b"\x1bPtmux;");
        out.extend_from_slice(seq.replace('\x1b', "\x1b\x1b").as_bytes());
        out.extend_from_slice(b"\x1b\\");
    }
    out
}

/// Whether the UI runs inside tmux.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_rfc4648_vectors() {
        // RFC 4648 section 10.
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o, "{i:?}");
        }
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
