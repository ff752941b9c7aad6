//! i386's old calls with structs of their own, as strace 6.1 prints them:
//! the old mmap's block of six 32-bit arguments, `struct old_sigaction`
//! (handler, 32-bit mask, flags, restorer), the 32-bit `old_sigset_t` of
//! sigprocmask and sigsuspend, signal's handler and readdir's count.

use super::{addr, decode_one, signals::sigset_text, Ctx, Out};
use crate::kinds::ArgKind as K;
use crate::memory::read_exact;
use crate::xlat;
use serde_json::{json, Value};

/// The first `n` 32-bit words at `v`, if readable (and `v` not NULL).
fn words<const N: usize>(ctx: &Ctx, v: u64) -> Option<[u32; N]> {
    let mut b = vec![0u8; 4 * N];
    if v == 0 || !read_exact(ctx.mem, v, &mut b) {
        return None;
    }
    let mut w = [0u32; N];
    for (o, c) in w.iter_mut().zip(b.chunks_exact(4)) {
        *o = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(w)
}

/// i386's old mmap (90): one pointer to `struct mmap_arg_struct` (addr,
/// len, prot, flags, fd, offset in bytes), printed as mmap's six
/// arguments (strace's mem.c `old_mmap`), else the pointer.
pub(crate) fn old_mmap(ctx: &Ctx, v: u64) -> Out {
    let Some(w) = words::<6>(ctx, v) else {
        return (addr(v), None);
    };
    let raw = w.map(u64::from);
    let inner = Ctx { raw: &raw, ..*ctx };
    let kinds = [K::Ptr, K::Uint, K::MmapProt, K::MmapFlags, K::Fd, K::Hex];
    let names = ["addr", "len", "prot", "flags", "fd", "offset"];
    let mut parts = Vec::new();
    let mut value = json!({});
    for (i, k) in kinds.into_iter().enumerate() {
        let (t, j) = decode_one(&inner, k, raw[i]);
        parts.push(t);
        value[names[i]] = j.unwrap_or(Value::from(raw[i]));
    }
    (parts.join(", "), Some(value))
}

/// A 32-bit signal mask (`old_sigset_t`): `[INT USR1]`, or its complement
/// `~[...]` once two thirds of its 32 signals are set (strace's
/// `sprintsigmask_n` over one word).
pub(crate) fn old_sigmask(v: u64) -> Out {
    let m = v as u32 as u64;
    let json = sigset_text(m).1;
    if m.count_ones() >= 32 * 2 / 3 {
        (format!("~{}", sigset_text(!m & 0xffff_ffff).0), Some(json))
    } else {
        (sigset_text(m).0, Some(json))
    }
}

/// A pointer to an `old_sigset_t` (sigprocmask's set).
pub(crate) fn old_sigset(ctx: &Ctx, v: u64) -> Out {
    match words::<1>(ctx, v) {
        Some([m]) => old_sigmask(m.into()),
        None => (addr(v), None),
    }
}

const SA_RESTORER: u32 = 0x0400_0000;

/// i386's `struct old_sigaction` (strace's signal.c
/// `decode_old_sigaction`): sa_restorer shown only with SA_RESTORER.
pub(crate) fn old_sigaction(ctx: &Ctx, v: u64) -> Out {
    let Some([handler, mask, flags, restorer]) = words::<4>(ctx, v) else {
        return (addr(v), None);
    };
    let (h, hj) = super::signals::handler(handler.into());
    let (m, mj) = old_sigmask(mask.into());
    let flags = u64::from(flags);
    let mut text = format!(
        "{{sa_handler={h}, sa_mask={m}, sa_flags={}",
        xlat::SIGACTION_FLAGS.format_flags(flags)
    );
    let mut value = json!({
        "handler": hj,
        "mask": mj,
        "flags": xlat::SIGACTION_FLAGS.flags_json(flags),
    });
    if flags as u32 & SA_RESTORER != 0 {
        text.push_str(&format!(", sa_restorer={}", addr(restorer.into())));
        value["restorer"] = Value::from(restorer);
    }
    text.push('}');
    (text, Some(value))
}

/// readdir's count: left out when 1, which it always is (strace's
/// dirent.c).
pub(crate) fn readdir_count(v: u64) -> Out {
    let n = v as u32;
    let text = if n == 1 { String::new() } else { n.to_string() };
    (text, Some(Value::from(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{DecodeOptions, NoHost};
    use crate::memory::FakeMemory;

    fn block(ws: &[u32]) -> Vec<u8> {
        ws.iter().flat_map(|w| w.to_ne_bytes()).collect()
    }

    #[test]
    fn old_structs_read_32_bit_words() {
        let mem = FakeMemory::new()
            .with(0x1000, block(&[0, 4096, 3, 0x22, u32::MAX, 0x1000]))
            .with(0x2000, block(&[1, 1 << 9 | 1 << 1, 0x0400_0000, 0x1234]))
            .with(0x3000, block(&[0xffff_fffe]));
        let (raw, opts) = ([0; 6], DecodeOptions::default());
        let c = Ctx {
            raw: &raw,
            pid: 1,
            mem: &mem,
            opts: &opts,
            host: &NoHost,
        };
        assert_eq!(
            old_mmap(&c, 0x1000).0,
            "NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0x1000"
        );
        assert_eq!(old_mmap(&c, 0x2000).0, "0x2000");
        assert_eq!(old_mmap(&c, 0).0, "NULL");
        assert_eq!(
            old_sigaction(&c, 0x2000).0,
            "{sa_handler=SIG_IGN, sa_mask=[INT USR1], sa_flags=SA_RESTORER, sa_restorer=0x1234}"
        );
        assert_eq!(old_sigaction(&c, 0x2008).0, "0x2008");
        // 31 of 32 set: the complement, within 32 signals.
        assert_eq!(old_sigset(&c, 0x3000).0, "~[HUP]");
        assert_eq!(old_sigmask(0).0, "[]");
        assert_eq!(readdir_count(1).0, "");
        assert_eq!(readdir_count(2).0, "2");
    }
}
