//! Signals, signal sets and `struct sigaction`.

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

/// The kernel's `struct sigaction` (x86_64 layout: handler, flags,
/// restorer, mask).
pub(crate) fn sigaction(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; 32];
    if !read_exact(ctx.mem, v, &mut b) {
        return (super::addr(v), None);
    }
    let word = |i: usize| u64::from_ne_bytes(b[i * 8..i * 8 + 8].try_into().unwrap());
    let (handler, flags, restorer, mask) = (word(0), word(1), word(2), word(3));
    let h = match handler {
        0 => "SIG_DFL".to_string(),
        1 => "SIG_IGN".to_string(),
        u64::MAX => "SIG_ERR".to_string(),
        a => hex(a),
    };
    let h_text = match handler {
        0 | 1 | u64::MAX => xlat::styled(|| hex(handler), || h.clone()),
        _ => h.clone(),
    };
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
