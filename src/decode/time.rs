//! Time structs read at entry: timespecs and timevals (64-bit and i386's
//! 32-bit layouts), utimensat/futimesat's pairs with their dates,
//! itimervals, itimerspecs and timer_create's `struct sigevent`.

use super::{addr, signals, Ctx, Out};
use crate::memory::read_exact;
use crate::xlat;
use serde_json::{json, Value};

/// How wide a `long` (and a pointer, and `time_t` outside the `_time64`
/// calls) is in the ABI the call came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// x86_64, aarch64: 8 bytes.
    W64,
    /// i386: 4 bytes.
    W32,
}

impl Word {
    pub(crate) fn bytes(self) -> usize {
        match self {
            Word::W64 => 8,
            Word::W32 => 4,
        }
    }

    /// Reads one `unsigned long` (or pointer) of this width.
    pub(crate) fn read(self, mem: &dyn crate::memory::TraceeMemory, at: u64) -> Option<u64> {
        match self {
            Word::W64 => crate::memory::read_u64(mem, at),
            Word::W32 => crate::memory::read_u32(mem, at).map(u64::from),
        }
    }
}

/// Little helpers over bytes read from the tracee.
pub(crate) struct Fields<'a>(pub &'a [u8]);

impl Fields<'_> {
    pub(crate) fn u16(&self, at: usize) -> u16 {
        u16::from_ne_bytes(self.0[at..at + 2].try_into().unwrap())
    }
    pub(crate) fn u32(&self, at: usize) -> u32 {
        u32::from_ne_bytes(self.0[at..at + 4].try_into().unwrap())
    }
    pub(crate) fn i32(&self, at: usize) -> i32 {
        self.u32(at) as i32
    }
    pub(crate) fn u64(&self, at: usize) -> u64 {
        u64::from_ne_bytes(self.0[at..at + 8].try_into().unwrap())
    }
    /// An unsigned `long` of width `w` at `at`.
    pub(crate) fn ulong(&self, at: usize, w: Word) -> u64 {
        match w {
            Word::W64 => self.u64(at),
            Word::W32 => self.u32(at) as u64,
        }
    }
    /// A signed `long` of width `w` at `at`.
    pub(crate) fn long(&self, at: usize, w: Word) -> i64 {
        match w {
            Word::W64 => self.u64(at) as i64,
            Word::W32 => self.i32(at) as i64,
        }
    }
}

/// Reads `len` bytes at `v`, all or nothing (strace's `umoven`).
pub(crate) fn read_all(ctx: &Ctx, v: u64, len: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; len];
    read_exact(ctx.mem, v, &mut b).then_some(b)
}

/// A pair of `(seconds, fraction)` as strace prints a timespec or timeval:
/// seconds signed, the fraction unsigned in the field's own width.
#[derive(Debug, Clone, Copy)]
struct Tv {
    sec: i64,
    part: u64,
}

/// Which fraction a time struct carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// `tv_nsec` (timespec).
    Nsec,
    /// `tv_usec` (timeval).
    Usec,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Nsec => "nsec",
            Part::Usec => "usec",
        }
    }
}

fn tv_at(f: &Fields, at: usize, w: Word) -> Tv {
    Tv {
        sec: f.long(at, w),
        part: f.ulong(at + w.bytes(), w),
    }
}

fn tv_text(t: Tv, p: Part) -> String {
    format!("{{tv_sec={}, tv_{}={}}}", t.sec, p.name(), t.part)
}

fn tv_json(t: Tv, p: Part) -> Value {
    json!({ "sec": t.sec, p.name(): t.part })
}

/// A single time struct of two words of width `w` at `v`.
fn time_struct(ctx: &Ctx, v: u64, w: Word, p: Part) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(b) = read_all(ctx, v, 2 * w.bytes()) else {
        return (addr(v), None);
    };
    let t = tv_at(&Fields(&b), 0, w);
    (tv_text(t, p), Some(tv_json(t, p)))
}

/// `struct __kernel_timespec` (64-bit fields): `{tv_sec=1, tv_nsec=0}`.
/// strace prints the nanoseconds unsigned, out of range or not.
pub(crate) fn timespec(ctx: &Ctx, v: u64) -> Out {
    time_struct(ctx, v, Word::W64, Part::Nsec)
}

/// i386's `struct old_timespec32`.
pub(crate) fn timespec32(ctx: &Ctx, v: u64) -> Out {
    time_struct(ctx, v, Word::W32, Part::Nsec)
}

/// `struct timeval` of width `w`: `{tv_sec=1, tv_usec=0}`.
pub(crate) fn timeval(ctx: &Ctx, v: u64, w: Word) -> Out {
    time_struct(ctx, v, w, Part::Usec)
}

const UTIME_NOW: u64 = (1 << 30) - 1;
const UTIME_OMIT: u64 = (1 << 30) - 2;

/// utimensat's `[atime, mtime]` (`Part::Nsec`) or futimesat's
/// (`Part::Usec`): each time with its date as a comment, `UTIME_NOW` and
/// `UTIME_OMIT` by name (utimensat only). A short read prints the address.
pub(crate) fn time_pair(ctx: &Ctx, v: u64, w: Word, p: Part) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let size = 2 * w.bytes();
    let Some(b) = read_all(ctx, v, 2 * size) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    for i in 0..2 {
        let t = tv_at(&f, i * size, w);
        let special = match (p, t.part) {
            (Part::Nsec, UTIME_NOW) => Some("UTIME_NOW"),
            (Part::Nsec, UTIME_OMIT) => Some("UTIME_OMIT"),
            _ => None,
        };
        if let Some(s) = special {
            // -X: the struct as it is, under verbose with the name after.
            parts.push(match crate::xlat::style() {
                crate::compat::ConstStyle::Abbrev => s.to_string(),
                crate::compat::ConstStyle::Raw => tv_text(t, p),
                crate::compat::ConstStyle::Verbose => format!("{} /* {s} */", tv_text(t, p)),
            });
            values.push(Value::from(s));
            continue;
        }
        let mut text = tv_text(t, p);
        let (max, width) = match p {
            Part::Nsec => (1_000_000_000, 9),
            Part::Usec => (1_000_000, 6),
        };
        if let Some(date) = date_comment(t.sec, t.part, max, width) {
            text.push_str(&format!(" /* {date} */"));
        }
        parts.push(text);
        values.push(tv_json(t, p));
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// utime's `struct utimbuf` (two `time_t`s of width `w`):
/// `{actime=1, modtime=2}`, each with its date as a comment.
pub(crate) fn utimbuf(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(b) = read_all(ctx, v, 2 * w.bytes()) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let (a, m) = (f.long(0, w), f.long(w.bytes(), w));
    let with_date = |t: i64| match date_comment(t, 0, 1, 0) {
        Some(d) => format!("{t} /* {d} */"),
        None => t.to_string(),
    };
    (
        format!("{{actime={}, modtime={}}}", with_date(a), with_date(m)),
        Some(serde_json::json!({ "actime": a, "modtime": m })),
    )
}

/// A pointer to an i386 `old_time32_t` (stime): `[N /* date */]`.
pub(crate) fn time32_ptr(ctx: &Ctx, v: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let Some(b) = read_all(ctx, v, 4) else {
        return (super::addr(v), None);
    };
    let t = Fields(&b).i32(0) as i64;
    let text = match date_comment(t, 0, 1, 0) {
        Some(d) => format!("[{t} /* {d} */]"),
        None => format!("[{t}]"),
    };
    (text, Some(serde_json::Value::from(t)))
}

/// strace's `sprinttime_ex`: `1970-01-01T00:00:01.000000002+0000`, none
/// for the epoch itself, an out-of-range fraction or a year `struct tm`
/// cannot hold. strace uses local time; notrace prints UTC, which is the
/// same text on a host whose time zone is UTC.
fn date_comment(sec: i64, part: u64, max: u64, width: usize) -> Option<String> {
    if (sec == 0 && part == 0) || part >= max {
        return None;
    }
    let days = sec.div_euclid(86_400);
    let rem = sec.rem_euclid(86_400);
    let (y, m, d) = crate::event::civil_from_days(days);
    // struct tm's tm_year is an int counted from 1900.
    i32::try_from(y - 1900).ok()?;
    let mut s = format!(
        "{}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        year_text(y),
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
    if part > 0 {
        s.push_str(&format!(".{part:0width$}"));
    }
    s.push_str("+0000");
    Some(s)
}

/// glibc's `%Y`: the year in decimal, at least four digits.
fn year_text(y: i64) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

/// A `{it_interval=..., it_value=...}` of two time structs.
fn itimer(ctx: &Ctx, v: u64, w: Word, p: Part) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let size = 2 * w.bytes();
    let Some(b) = read_all(ctx, v, 2 * size) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let (i, val) = (tv_at(&f, 0, w), tv_at(&f, size, w));
    (
        format!(
            "{{it_interval={}, it_value={}}}",
            tv_text(i, p),
            tv_text(val, p)
        ),
        Some(json!({ "interval": tv_json(i, p), "value": tv_json(val, p) })),
    )
}

/// setitimer's `struct itimerval` (timevals of width `w`).
pub(crate) fn itimerval(ctx: &Ctx, v: u64, w: Word) -> Out {
    itimer(ctx, v, w, Part::Usec)
}

/// timerfd_settime/timer_settime's `struct itimerspec` (width `w`).
pub(crate) fn itimerspec(ctx: &Ctx, v: u64, w: Word) -> Out {
    itimer(ctx, v, w, Part::Nsec)
}

const SIGEV_SIGNAL: u32 = 0;
const SIGEV_THREAD: u32 = 2;
const SIGEV_THREAD_ID: u32 = 4;

/// timer_create's `struct sigevent`: the value as both union members, the
/// signal named only when the notification sends one, then the notify
/// method's own fields.
pub(crate) fn sigevent(ctx: &Ctx, v: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let wb = w.bytes();
    // sigev_value (a pointer-sized union), signo, notify, then the union
    // of tid / {function, attributes}.
    let size = wb + 8 + 2 * wb;
    let Some(b) = read_all(ctx, v, size) else {
        return (addr(v), None);
    };
    let f = Fields(&b);
    let ptr = f.ulong(0, w);
    let sival_int = f.i32(0);
    let signo = f.u32(wb);
    let notify = f.u32(wb + 4);
    let (sig_t, sig_j) = match notify {
        SIGEV_SIGNAL | SIGEV_THREAD | SIGEV_THREAD_ID => {
            let (t, j) = signals::signal(signo as u64);
            (t, j.unwrap_or(Value::Null))
        }
        _ => (signo.to_string(), Value::from(signo)),
    };
    // strace shows sigev_value only when its pointer member is set
    // (print_sigevent.c): glibc's timer_create for SIGEV_SIGNAL leaves it 0.
    let mut text = String::from("{");
    let mut value = json!({});
    if ptr != 0 {
        text.push_str(&format!(
            "sigev_value={{sival_int={sival_int}, sival_ptr={}}}, ",
            xlat::hex(ptr)
        ));
        value["value"] = json!({ "int": sival_int, "ptr": ptr });
    }
    text.push_str(&format!(
        "sigev_signo={sig_t}, sigev_notify={}",
        xlat::SIGEV_NOTIFY.format_enum(notify as u64)
    ));
    value["signo"] = sig_j;
    value["notify"] = xlat::SIGEV_NOTIFY.enum_json(notify as u64);
    let un = wb + 8;
    match notify {
        SIGEV_THREAD_ID => {
            let tid = f.i32(un);
            text.push_str(&format!(", sigev_notify_thread_id={tid}"));
            value["thread_id"] = Value::from(tid);
        }
        SIGEV_THREAD => {
            let (func, attr) = (f.ulong(un, w), f.ulong(un + wb, w));
            text.push_str(&format!(
                ", sigev_notify_function={}, sigev_notify_attributes={}",
                addr(func),
                addr(attr)
            ));
            value["function"] = Value::from(func);
            value["attributes"] = Value::from(attr);
        }
        _ => {}
    }
    text.push('}');
    (text, Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_strace_prints_them_in_utc() {
        let d = |s, p, max, w| date_comment(s, p, max, w);
        assert_eq!(
            d(1, 2, 1_000_000_000, 9).as_deref(),
            Some("1970-01-01T00:00:01.000000002+0000")
        );
        assert_eq!(
            d(-1, 0, 1_000_000_000, 9).as_deref(),
            Some("1969-12-31T23:59:59+0000")
        );
        assert_eq!(
            d(1_700_000_000, 0, 1_000_000_000, 9).as_deref(),
            Some("2023-11-14T22:13:20+0000")
        );
        assert_eq!(
            d(-1, 5, 1_000_000, 6).as_deref(),
            Some("1969-12-31T23:59:59.000005+0000")
        );
        assert_eq!(d(0, 0, 1_000_000_000, 9), None);
        assert_eq!(d(3, 1_000_000, 1_000_000, 6), None);
        assert_eq!(d(i64::MAX, 5, 1_000_000_000, 9), None);
    }
}
