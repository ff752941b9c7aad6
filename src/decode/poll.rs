//! Waiting on fds: poll's `struct pollfd` array, select's fd sets,
//! pselect6's sigmask pair and epoll_ctl's `struct epoll_event`, as
//! strace prints them at entry.

use super::time::{read_all, Fields, Word};
use super::{addr, as_int, files, signals, Ctx, Out};
use crate::xlat;
use serde_json::{json, Value};

/// `struct pollfd`: int fd, short events, short revents.
const POLLFD_SIZE: u64 = 8;
/// Never print more pollfds than this, even with `-v` (the kernel's own
/// limit is RLIMIT_NOFILE).
const MAX_POLLFDS: u64 = 1 << 16;

/// poll/ppoll's array of `count` pollfds: `[{fd=0, events=POLLIN},
/// {fd=-1}]` (a negative fd's events are ignored by the kernel and not
/// printed), `-s` elements at most, a short read marked as strace does.
pub(crate) fn pollfds(ctx: &Ctx, v: u64, count: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let count = count as u32 as u64;
    if v.checked_add(count * POLLFD_SIZE).is_none() {
        return (addr(v), None);
    }
    let limit = ctx.array_limit();
    // One read for every element that may be printed: a read of tracee
    // memory is a system call, and one per element would make poll with
    // many fds cost many.
    let want = count.min(limit as u64).min(MAX_POLLFDS);
    let mut buf = vec![0u8; (want * POLLFD_SIZE) as usize];
    let got = ctx.mem.read(v, &mut buf) as u64 / POLLFD_SIZE;
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    for i in 0..count {
        if parts.len() >= limit || i >= MAX_POLLFDS {
            parts.push("...".to_string());
            break;
        }
        if i >= got {
            if i == 0 {
                return (addr(v), None);
            }
            parts.push(format!("... /* {:#x} */", v + i * POLLFD_SIZE));
            break;
        }
        let at = (i * POLLFD_SIZE) as usize;
        let b = &buf[at..at + POLLFD_SIZE as usize];
        let f = Fields(b);
        let fd = f.i32(0);
        let (fd_t, _) = files::fd(ctx, fd as u32 as u64);
        if fd < 0 {
            parts.push(format!("{{fd={fd_t}}}"));
            values.push(json!({ "fd": fd }));
            continue;
        }
        let events = f.u16(4) as u64;
        parts.push(format!(
            "{{fd={fd_t}, events={}}}",
            xlat::POLL_EVENTS.format_flags(events)
        ));
        values.push(json!({ "fd": fd, "events": xlat::POLL_EVENTS.flags_json(events) }));
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// The most fds strace looks at in a set (its guard against
/// `select(INT_MAX, ...)`).
const MAX_FDS: i64 = 1024 * 1024;

/// The most fds of one set printed, then `...`. strace prints every fd
/// set below nfds, up to [`MAX_FDS`]: a set of junk with
/// `select(INT_MAX, ...)` would print half a million fds (some 3.5 MB, and
/// with `-y` a readlink each). No program waits on this many.
const MAX_SHOWN: usize = 4096;

/// One select/pselect6 fd set of `nfds` (an int) fds: `[0 2]`, with `-y`
/// paths. strace reads the set rounded up to whole longs (of width `w`)
/// and prints the address when that fails or nfds is not positive.
pub(crate) fn fd_set(ctx: &Ctx, v: u64, nfds: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let nfds = (as_int(nfds) as i64).clamp(0, MAX_FDS) as usize;
    let size = nfds.div_ceil(8).div_ceil(w.bytes()) * w.bytes();
    if size == 0 {
        return (addr(v), None);
    }
    let Some(b) = read_all(ctx, v, size) else {
        return (addr(v), None);
    };
    let mut set: Vec<usize> = (0..nfds)
        .filter(|&i| b[i / 8] >> (i % 8) & 1 == 1)
        .take(MAX_SHOWN + 1)
        .collect();
    let more = set.len() > MAX_SHOWN;
    set.truncate(MAX_SHOWN);
    let mut text: Vec<String> = set.iter().map(|&i| files::fd(ctx, i as u64).0).collect();
    if more {
        text.push("...".into());
    }
    (format!("[{}]", text.join(" ")), Some(json!(set)))
}

/// pselect6's sixth argument, `struct { const sigset_t *ss; size_t
/// ss_len; }` of width `w`: `{sigmask=[USR1], sigsetsize=8}`.
pub(crate) fn pselect_sig(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(b) = read_all(ctx, v, 2 * w.bytes()) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let (ss, len) = (f.ulong(0, w), f.ulong(w.bytes(), w));
    let (mask_t, mask_j) = signals::sigset_arg(ctx, ss, len);
    (
        format!("{{sigmask={mask_t}, sigsetsize={len}}}"),
        Some(json!({ "sigmask": mask_j.unwrap_or(Value::from(ss)), "sigsetsize": len })),
    )
}

const EPOLL_CTL_DEL: i32 = 2;
/// Where `data` sits in `struct epoll_event`: the struct is packed on
/// x86_64 (and i386 aligns a u64 to 4), not on other 64-bit ABIs.
const EPOLL_DATA_AT: usize = if cfg!(target_arch = "x86_64") { 4 } else { 8 };

/// epoll_ctl's event: `{events=EPOLLIN|EPOLLET, data={u32=1, u64=1}}`;
/// the address for `EPOLL_CTL_DEL` (argument `op`), which ignores it.
pub(crate) fn epoll_event(ctx: &Ctx, v: u64, op: u64) -> Out {
    if as_int(op) == EPOLL_CTL_DEL || v == 0 {
        return (addr(v), None);
    }
    let Some(b) = read_all(ctx, v, EPOLL_DATA_AT + 8) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let events = f.u32(0) as u64;
    let data = f.u64(EPOLL_DATA_AT);
    (
        format!(
            "{{events={}, data={{u32={}, u64={data}}}}}",
            xlat::EPOLL_EVENTS.format_flags(events),
            data as u32
        ),
        Some(json!({ "events": xlat::EPOLL_EVENTS.flags_json(events), "data": data })),
    )
}

/// i386's old select (`sys_old_select`): its argument is a block of five
/// 32-bit words, n, the three sets and the timeval, which strace prints as
/// if they had been passed one by one; the address when unreadable.
pub(crate) fn old_select(ctx: &Ctx, v: u64) -> Out {
    let Some(b) = read_all(ctx, v, 20).filter(|_| v != 0) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let mut raw = [0u64; 6];
    for (i, r) in raw.iter_mut().take(5).enumerate() {
        *r = f.u32(4 * i) as u64;
    }
    let inner = Ctx { raw: &raw, ..*ctx };
    use crate::kinds::ArgKind as K;
    let kinds = [
        K::Int,
        K::FdSet32(0),
        K::FdSet32(0),
        K::FdSet32(0),
        K::Timeval32In,
    ];
    let names = ["n", "inp", "outp", "exp", "tvp"];
    let mut parts = Vec::new();
    let mut value = json!({});
    for (i, k) in kinds.into_iter().enumerate() {
        let (t, j) = super::decode_one(&inner, k, raw[i]);
        parts.push(t);
        value[names[i]] = j.unwrap_or(Value::from(raw[i]));
    }
    (parts.join(", "), Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{DecodeOptions, NoHost};
    use crate::memory::FakeMemory;

    fn ctx<'a>(raw: &'a [u64; 6], mem: &'a FakeMemory, opts: &'a DecodeOptions) -> Ctx<'a> {
        Ctx {
            raw,
            pid: 1,
            mem,
            opts,
            host: &NoHost,
        }
    }

    fn pollfd(fd: i32, events: u16) -> Vec<u8> {
        let mut b = fd.to_ne_bytes().to_vec();
        b.extend(events.to_ne_bytes());
        b.extend([0, 0]);
        b
    }

    #[test]
    fn pollfds_stop_at_the_limit_and_at_unreadable_memory() {
        let mut bytes = pollfd(0, 1);
        bytes.extend(pollfd(-1, 4));
        let mem = FakeMemory::new().with(0x1000, bytes);
        let (raw, opts) = ([0; 6], DecodeOptions::default());
        let c = ctx(&raw, &mem, &opts);
        assert_eq!(
            pollfds(&c, 0x1000, 3).0,
            "[{fd=0, events=POLLIN}, {fd=-1}, ... /* 0x1010 */]"
        );
        assert_eq!(pollfds(&c, 0x1010, 1).0, "0x1010");
        let short = DecodeOptions {
            string_limit: 1,
            ..DecodeOptions::default()
        };
        let c = ctx(&raw, &mem, &short);
        assert_eq!(pollfds(&c, 0x1000, 2).0, "[{fd=0, events=POLLIN}, ...]");
    }

    #[test]
    fn old_select_reads_its_argument_block() {
        let mut block = Vec::new();
        for w in [2u32, 0x2000, 0, 0, 0x3000] {
            block.extend(w.to_ne_bytes());
        }
        let mem = FakeMemory::new()
            .with(0x1000, block)
            .with(0x2000, vec![3, 0, 0, 0])
            .with(0x3000, vec![1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
        let (raw, opts) = ([0; 6], DecodeOptions::default());
        let c = ctx(&raw, &mem, &opts);
        assert_eq!(
            old_select(&c, 0x1000).0,
            "2, [0 1], NULL, NULL, {tv_sec=1, tv_usec=4294967295}"
        );
        assert_eq!(old_select(&c, 0x2000).0, "0x2000");
    }
}
