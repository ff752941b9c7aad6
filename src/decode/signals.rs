//! Signals, signal sets and `struct sigaction`.

use super::time::{Fields, Word};
use super::{as_int, Ctx, Out};
use crate::memory::read_exact;
use crate::xlat::{self, hex};
use serde_json::{json, Value};

/// The kernel's first real-time signal (`__SIGRTMIN`); glibc reserves a
/// few above it, but strace names them from the kernel's view.
const SIGRTMIN: u32 = 32;
/// The highest signal number on x86_64, i386 and aarch64.
const SIGRTMAX: u32 = 64;

/// A signal's name without the `SIG` prefix (`TERM`, `RTMIN`, `RT_3`).
fn short_name(n: u32) -> Option<String> {
    if let Some(s) = xlat::SIGNALS.lookup(n as u64) {
        return Some(s.trim_start_matches("SIG").to_string());
    }
    match n {
        SIGRTMIN => Some("RTMIN".into()),
        n if n > SIGRTMIN && n <= SIGRTMAX => Some(format!("RT_{}", n - SIGRTMIN)),
        _ => None,
    }
}

/// A signal's full name (`SIGTERM`, `SIGRT_1`).
pub(crate) fn signal_name(n: u32) -> Option<String> {
    short_name(n).map(|s| format!("SIG{s}"))
}

/// A signal number: its name, else decimal (`0`, `65`, `-1`); under
/// `-X raw` the number, under `-X verbose` the number and the name in a
/// comment.
pub(crate) fn signal(v: u64) -> Out {
    let n = as_int(v);
    match u32::try_from(n).ok().and_then(signal_name) {
        Some(s) => (
            xlat::styled(|| n.to_string(), || s.clone()),
            Some(Value::from(s)),
        ),
        None => (n.to_string(), Some(Value::from(n))),
    }
}

/// Signal `n`'s full name in the `-X` style (`SIGCHLD`, `17`,
/// `17 /* SIGCHLD */`), its number when it has none.
pub(crate) fn signal_styled(n: u32) -> String {
    match signal_name(n) {
        Some(s) => xlat::styled(|| n.to_string(), || s),
        None => n.to_string(),
    }
}

/// A 64-bit signal mask as strace prints it: `[INT TERM]`, or, when most
/// signals are set, the complement `~[RTMIN]`.
pub(crate) fn sigset_text(mask: u64) -> (String, Value) {
    let names = |m: u64| -> Vec<String> {
        (1..=64u32)
            .filter(|i| m >> (i - 1) & 1 == 1)
            .map(|i| short_name(i).unwrap_or_else(|| i.to_string()))
            .collect()
    };
    // -X: each member its number (`[1]`), or the number and the name
    // (`[1 /* HUP */]`).
    let shown = |m: u64| -> Vec<String> {
        (1..=64u32)
            .filter(|i| m >> (i - 1) & 1 == 1)
            .map(|i| match short_name(i) {
                Some(s) => xlat::styled(|| i.to_string(), || s),
                None => i.to_string(),
            })
            .collect()
    };
    let json = Value::from(
        names(mask)
            .into_iter()
            .map(|s| format!("SIG{s}"))
            .collect::<Vec<_>>(),
    );
    // strace prints the complement once two thirds of the 64 signals are
    // set (measured: 41 set prints plain, 42 prints `~[...]`).
    if mask.count_ones() >= 64 * 2 / 3 {
        (format!("~[{}]", shown(!mask).join(" ")), json)
    } else {
        (format!("[{}]", shown(mask).join(" ")), json)
    }
}

/// A signal-set pointer with its size argument. strace only decodes sizes
/// that are a whole number of words up to the kernel's sigset size.
pub(crate) fn sigset_arg(ctx: &Ctx, v: u64, size: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    if size != 8 {
        return (super::addr(v), None);
    }
    let mut b = [0u8; 8];
    if !read_exact(ctx.mem, v, &mut b) {
        return (super::addr(v), None);
    }
    let (t, j) = sigset_text(u64::from_ne_bytes(b));
    (t, Some(j))
}

const SA_RESTORER: u64 = 0x0400_0000;

/// A handler by value (signal's argument, old_sigaction's field): the
/// text as `-X` asks, and the name (or address) in JSON, as sigaction's
/// `handler` is.
pub(crate) fn handler(h: u64) -> Out {
    (handler_styled(h), Some(Value::from(handler_text(h))))
}

/// [`handler_text`] as `-X` asks: the names are constants (`0x1` under
/// `-X raw`), an address is not.
pub(crate) fn handler_styled(h: u64) -> String {
    match h {
        0 | 1 | u64::MAX => xlat::styled(|| hex(h), || handler_text(h)),
        _ => hex(h),
    }
}

/// A signal handler as strace's `print_sa_handler` names it: `SIG_DFL`,
/// `SIG_IGN`, `SIG_ERR` (all ones in 64 bits), else its address.
pub(crate) fn handler_text(h: u64) -> String {
    match h {
        0 => "SIG_DFL".to_string(),
        1 => "SIG_IGN".to_string(),
        u64::MAX => "SIG_ERR".to_string(),
        a => hex(a),
    }
}

/// A `struct sigaction` as the kernel reads it from a tracee.
pub(crate) struct Sigaction {
    pub(crate) handler: u64,
    pub(crate) flags: u64,
    pub(crate) restorer: u64,
    pub(crate) mask: u64,
}

/// Reads a `struct sigaction` of word size `w`: handler, flags and
/// restorer are `unsigned long`s, then the 64-bit mask (two 32-bit words
/// in i386's compat layout, the same bytes). None when unreadable.
pub(crate) fn read_sigaction(ctx: &Ctx, v: u64, w: Word) -> Option<Sigaction> {
    let n = w.bytes();
    let b = super::time::read_all(ctx, v, 3 * n + 8)?;
    let f = Fields(&b);
    Some(Sigaction {
        handler: f.ulong(0, w),
        flags: f.ulong(n, w),
        restorer: f.ulong(2 * n, w),
        mask: f.u64(3 * n),
    })
}

/// rt_sigaction's `struct sigaction` of word size `w` (x86_64's, or the
/// compat one of i386 and x32).
pub(crate) fn sigaction(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(sa) = read_sigaction(ctx, v, w) else {
        return (super::addr(v), None);
    };
    let (handler, flags, restorer, mask) = (sa.handler, sa.flags, sa.restorer, sa.mask);
    let h = handler_text(handler);
    let h_text = handler_styled(handler);
    let (mask_t, mask_j) = sigset_text(mask);
    // sa_flags is an unsigned long: strace shows bits above 32 as unknown.
    let mut text = format!(
        "{{sa_handler={h_text}, sa_mask={mask_t}, sa_flags={}",
        xlat::SIGACTION_FLAGS.format_flags(flags)
    );
    let mut value = json!({
        "handler": h,
        "mask": mask_j,
        "flags": xlat::SIGACTION_FLAGS.flags_json(flags),
    });
    if flags & SA_RESTORER != 0 {
        text.push_str(&format!(", sa_restorer={}", super::addr(restorer)));
        value["restorer"] = Value::from(restorer);
    }
    text.push('}');
    (text, Some(value))
}
