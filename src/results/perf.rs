//! The kernel's syscall-exit tracepoints, opened through perf for the
//! traced command alone: which events to open, their rings, and the
//! records read from them (facts in ../shared/notes/results.md).
//!
//! Two ways, chosen per run:
//! * per-call events (`syscalls:sys_exit_NAME`), one per traced call and
//!   CPU, sharing one ring per CPU: an untraced call costs the kernel a
//!   number check only (about 18 ns);
//! * `raw_syscalls:sys_exit` with an in-kernel filter on the numbers: one
//!   event per CPU whatever is traced, but every untraced call of the
//!   command builds a record the filter then drops (about 108 ns). Taken
//!   when many calls are traced (each attached event adds to every context
//!   switch of the command), when a traced call has no per-call event, or
//!   when unknown numbers are traced. It also sees i386 calls, which the
//!   per-call events ignore on x86_64.

use crate::event::Arch;
use crate::select::Selection;
use crate::sys::{self, PerfEventAttr, PerfRing};
use std::collections::HashMap;
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};

/// Past this many traced calls, one filtered raw event beats per-call
/// events (context-switch cost grows with the number of events).
const MAX_PER_CALL: usize = 16;

/// Data pages per CPU ring (a power of two): 64 KiB with 4 KiB pages. The
/// rings are drained at every notification, so they hold at most about
/// one record per thread between drains.
const RING_PAGES: [usize; 3] = [16, 4, 1];

/// Where a record's fields are (from the event's `format` file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    nr_off: usize,
    nr_size: usize,
    ret_off: usize,
}

/// What tracefs says about the exit events.
#[derive(Debug, Default)]
struct Catalog {
    /// `sys_exit_NAME` → tracepoint id.
    per_call: HashMap<String, u64>,
    /// `raw_syscalls:sys_exit`'s id.
    raw: Option<u64>,
    per_call_fields: Option<Fields>,
    raw_fields: Option<Fields>,
}

/// The events to open for a command, decided before it starts.
#[derive(Debug, Clone)]
pub struct Plan {
    /// (tracepoint id, ftrace filter) of each event to open per CPU.
    events: Vec<(u64, Option<String>)>,
    fields: Fields,
    /// Whether records cover i386 calls (raw mode).
    pub sees_i386: bool,
    /// `per-call (N events)` or `raw (filtered)`, for docs and `--help`.
    pub mode: &'static str,
}

/// One record, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A syscall returned.
    Exit {
        /// Thread group, in notrace's pid namespace.
        pid: i32,
        /// Thread.
        tid: i32,
        /// CLOCK_MONOTONIC ns.
        time: u64,
        /// Syscall number as the kernel saw it (the ABI's own number).
        nr: i64,
        /// Return value (negative errno on failure).
        ret: i64,
    },
    /// A task ended.
    TaskExit {
        /// Thread group.
        pid: i32,
        /// Thread.
        tid: i32,
        /// CLOCK_MONOTONIC ns.
        time: u64,
    },
    /// The kernel dropped this many records (ring full) or throttled.
    Lost(u64),
}

impl Record {
    fn time(&self) -> u64 {
        match self {
            Record::Exit { time, .. } | Record::TaskExit { time, .. } => *time,
            Record::Lost(_) => 0,
        }
    }
}

fn kernel_name(name: &str) -> &str {
    // The kernel's SYSCALL_DEFINE names where they differ from the table's.
    match name {
        "fstat" => "newfstat",
        "stat" => "newstat",
        "lstat" => "newlstat",
        "uname" => "newuname",
        "umount2" => "umount",
        "sendfile" => "sendfile64",
        n => n,
    }
}

/// Dumps what the catalog needs from a tracefs at `root` as lines
/// (`id EVENT ID`, `field EVENT NAME OFFSET SIZE`): the same text whether
/// read here or in a child with a private tracefs mount.
fn dump(root: &str, out: &mut dyn Write) {
    let events = format!("{root}/events");
    let Ok(dir) = std::fs::read_dir(format!("{events}/syscalls")) else {
        return;
    };
    for e in dir.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(call) = name.strip_prefix("sys_exit_") {
            if let Ok(id) = std::fs::read_to_string(e.path().join("id")) {
                let _ = writeln!(out, "id {call} {}", id.trim());
            }
        }
    }
    if let Ok(id) = std::fs::read_to_string(format!("{events}/raw_syscalls/sys_exit/id")) {
        let _ = writeln!(out, "id @raw {}", id.trim());
    }
    for (tag, path) in [
        ("@raw", format!("{events}/raw_syscalls/sys_exit/format")),
        ("@call", format!("{events}/syscalls/sys_exit_read/format")),
    ] {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for l in text.lines() {
            // "\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;"
            let mut name = None;
            let (mut off, mut size) = (None, None);
            for part in l.trim().split(';') {
                let part = part.trim();
                if let Some(f) = part.strip_prefix("field:") {
                    name = f.rsplit(' ').next().map(str::to_string);
                } else if let Some(o) = part.strip_prefix("offset:") {
                    off = o.parse::<usize>().ok();
                } else if let Some(s) = part.strip_prefix("size:") {
                    size = s.parse::<usize>().ok();
                }
            }
            if let (Some(n), Some(o), Some(s)) = (name, off, size) {
                let _ = writeln!(out, "field {tag} {n} {o} {s}");
            }
        }
    }
}

fn dump_private(out: &mut dyn Write) {
    dump("/sys/kernel/tracing", out);
}

fn catalog() -> Result<Catalog, String> {
    let mut text = Vec::new();
    for root in ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"] {
        if std::path::Path::new(root).join("events/syscalls").is_dir() {
            dump(root, &mut text);
            break;
        }
    }
    if text.is_empty() {
        // Not mounted (or not readable): mount it where only a child sees
        // it, rather than for the whole machine.
        text = sys::in_private_tracefs(dump_private)
            .map_err(|e| format!("cannot read tracefs: {e}"))?;
    }
    let mut cat = Catalog::default();
    let mut fields: HashMap<(String, String), (usize, usize)> = HashMap::new();
    for l in String::from_utf8_lossy(&text).lines() {
        let f: Vec<&str> = l.split(' ').collect();
        match f.as_slice() {
            ["id", "@raw", id] => cat.raw = id.parse().ok(),
            ["id", call, id] => {
                if let Ok(id) = id.parse() {
                    cat.per_call.insert(call.to_string(), id);
                }
            }
            ["field", tag, name, off, size] => {
                if let (Ok(o), Ok(s)) = (off.parse(), size.parse()) {
                    fields.insert((tag.to_string(), name.to_string()), (o, s));
                }
            }
            _ => {}
        }
    }
    let get = |tag: &str, nr: &str| {
        let (nr_off, nr_size) = *fields.get(&(tag.to_string(), nr.to_string()))?;
        let (ret_off, _) = *fields.get(&(tag.to_string(), "ret".to_string()))?;
        Some(Fields {
            nr_off,
            nr_size,
            ret_off,
        })
    };
    cat.raw_fields = get("@raw", "id");
    cat.per_call_fields = get("@call", "__syscall_nr");
    if cat.raw.is_none() && cat.per_call.is_empty() {
        // tracefs is root's (mode 0700) and mounting it needs privilege.
        return Err(if rustix::process::geteuid().is_root() {
            "the kernel has no syscall tracepoints (CONFIG_FTRACE_SYSCALLS), or tracefs cannot be read".into()
        } else {
            "the kernel's syscall-exit tracepoints need root, or CAP_PERFMON with CAP_DAC_READ_SEARCH while tracefs is mounted (its files are root's)".into()
        });
    }
    Ok(cat)
}

/// `id == 1 || (id >= 3 && id <= 9)`: an ftrace filter for `nrs`.
fn filter(field: &str, nrs: &[u32]) -> String {
    let mut nrs = nrs.to_vec();
    nrs.sort_unstable();
    nrs.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < nrs.len() {
        let mut j = i;
        while j + 1 < nrs.len() && nrs[j + 1] == nrs[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            format!("{field} == {}", nrs[i])
        } else {
            format!("({field} >= {} && {field} <= {})", nrs[i], nrs[j])
        });
        i = j + 1;
    }
    parts.join(" || ")
}

fn attr(id: u64, first: bool, ring_bytes: usize) -> PerfEventAttr {
    const PERF_TYPE_TRACEPOINT: u32 = 2;
    const SAMPLE_TID: u64 = 1 << 1;
    const SAMPLE_TIME: u64 = 1 << 2;
    const SAMPLE_CPU: u64 = 1 << 7;
    const SAMPLE_RAW: u64 = 1 << 10;
    const DISABLED: u64 = 1 << 0;
    const INHERIT: u64 = 1 << 1;
    const ENABLE_ON_EXEC: u64 = 1 << 12;
    const TASK: u64 = 1 << 13;
    const WATERMARK: u64 = 1 << 14;
    const SAMPLE_ID_ALL: u64 = 1 << 18;
    const USE_CLOCKID: u64 = 1 << 25;
    let mut a = PerfEventAttr::default();
    a.type_ = PERF_TYPE_TRACEPOINT;
    a.size = std::mem::size_of::<PerfEventAttr>() as u32;
    a.config = id;
    a.sample_period = 1;
    a.sample_type = SAMPLE_TID | SAMPLE_TIME | SAMPLE_CPU | SAMPLE_RAW;
    // The child's calls before its exec (notrace's own set-up) are not the
    // command's; enable_on_exec skips them. Task-end records from one event
    // per CPU are enough.
    a.flags = DISABLED
        | INHERIT
        | ENABLE_ON_EXEC
        | WATERMARK
        | SAMPLE_ID_ALL
        | USE_CLOCKID
        | if first { TASK } else { 0 };
    // Never a wake-up per record: notrace reads the rings when it is awake
    // anyway (each notification), and a wake-up per record breaks the
    // notification's same-CPU hand-off (5x slower).
    a.wakeup_watermark = (ring_bytes / 2) as u32;
    a.clockid = libc::CLOCK_MONOTONIC;
    a
}

/// Why results are not available here, for the one line said at start.
pub fn why_not(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::EACCES) | Some(libc::EPERM) => {
            "opening the kernel's syscall-exit tracepoints needs root, CAP_PERFMON, or kernel.perf_event_paranoid <= 1".into()
        }
        Some(libc::ENOENT) | Some(libc::ENODEV) | Some(libc::ENOSYS) => {
            "the kernel has no syscall tracepoints (CONFIG_FTRACE_SYSCALLS / CONFIG_PERF_EVENTS)".into()
        }
        _ => format!("perf_event_open of the syscall-exit tracepoint failed: {e}"),
    }
}

impl Plan {
    /// The events for `sel`, or why results cannot be had.
    pub fn new(sel: &Selection) -> Result<Plan, String> {
        let cat = catalog()?;
        let native: Vec<u32> = sel.numbers(Arch::X86_64).collect();
        let names: Vec<&str> = native
            .iter()
            .filter_map(|&nr| crate::tables::lookup(Arch::X86_64, nr))
            .map(|d| kernel_name(d.name))
            .collect();
        let per_call: Option<Vec<u64>> = names
            .iter()
            .map(|n| cat.per_call.get(*n).copied())
            .collect();
        let plan = match (per_call, cat.per_call_fields) {
            (Some(ids), Some(fields))
                if !sel.unknown && names.len() == native.len() && ids.len() <= MAX_PER_CALL =>
            {
                Plan {
                    events: ids.into_iter().map(|id| (id, None)).collect(),
                    fields,
                    sees_i386: false,
                    mode: "per-call",
                }
            }
            _ => {
                let (Some(id), Some(fields)) = (cat.raw, cat.raw_fields) else {
                    return Err("the kernel lacks the raw_syscalls:sys_exit tracepoint".into());
                };
                let mut nrs = native.clone();
                nrs.extend(sel.numbers(Arch::I386));
                let filter = (!sel.unknown).then(|| filter("id", &nrs));
                Plan {
                    events: vec![(id, filter)],
                    fields,
                    sees_i386: true,
                    mode: "raw",
                }
            }
        };
        // May we? Try one event on ourselves, now, so that the answer is
        // known (and said) before the command starts.
        if let Some((id, _)) = plan.events.first() {
            sys::perf_event_open(&attr(*id, true, 4096), 0, -1).map_err(|e| why_not(&e))?;
        }
        Ok(plan)
    }

    /// Opens the events on `pid` (stopped before its exec): one ring per
    /// CPU, every event of that CPU writing to it.
    pub fn open(&self, pid: i32) -> io::Result<Rings> {
        let cpus = online_cpus();
        let mut rings = Vec::with_capacity(cpus.len());
        let mut fds = Vec::new();
        for cpu in cpus {
            let mut ring_fd: Option<OwnedFd> = None;
            let mut ring = None;
            for (i, (id, filter)) in self.events.iter().enumerate() {
                let mut last = Err(io::Error::from_raw_os_error(libc::EINVAL));
                for pages in RING_PAGES {
                    let bytes = pages * sys::page_size();
                    let fd = sys::perf_event_open(&attr(*id, i == 0, bytes), pid, cpu)?;
                    if let Some(f) = filter {
                        let c = std::ffi::CString::new(f.as_str()).map_err(io::Error::other)?;
                        sys::perf_set_filter(fd.as_fd(), &c)?;
                    }
                    match &ring_fd {
                        Some(target) => {
                            sys::perf_set_output(fd.as_fd(), target.as_fd())?;
                            last = Ok(fd);
                            break;
                        }
                        None => match PerfRing::map(fd.as_fd(), pages) {
                            Ok(r) => {
                                ring = Some(r);
                                last = Ok(fd);
                                break;
                            }
                            // Memory-lock limits (CAP_PERFMON without
                            // root): a smaller ring.
                            Err(e) => last = Err(e),
                        },
                    }
                }
                let fd = last?;
                if ring_fd.is_none() {
                    ring_fd = Some(fd);
                } else {
                    fds.push(fd);
                }
            }
            if let (Some(fd), Some(r)) = (ring_fd, ring) {
                fds.push(fd);
                rings.push(r);
            }
        }
        Ok(Rings {
            rings,
            _fds: fds,
            fields: self.fields,
            bytes: Vec::with_capacity(64 * 1024),
        })
    }
}

fn online_cpus() -> Vec<i32> {
    // "0-3,5": ranges of CPU numbers.
    let text = std::fs::read_to_string("/sys/devices/system/cpu/online").unwrap_or_default();
    let mut cpus = Vec::new();
    for part in text.trim().split(',').filter(|p| !p.is_empty()) {
        let mut ends = part.splitn(2, '-').map(|n| n.parse::<i32>());
        match (ends.next(), ends.next()) {
            (Some(Ok(a)), Some(Ok(b))) => cpus.extend(a..=b),
            (Some(Ok(a)), None) => cpus.push(a),
            _ => {}
        }
    }
    if cpus.is_empty() {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get());
        cpus.extend(0..n as i32);
    }
    cpus
}

/// The opened events' rings.
pub struct Rings {
    rings: Vec<PerfRing>,
    _fds: Vec<OwnedFd>,
    fields: Fields,
    bytes: Vec<u8>,
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    b.get(o..o + 4)
        .map_or(0, |s| u32::from_ne_bytes(s.try_into().expect("4 bytes")))
}

fn u64_at(b: &[u8], o: usize) -> u64 {
    b.get(o..o + 8)
        .map_or(0, |s| u64::from_ne_bytes(s.try_into().expect("8 bytes")))
}

impl Rings {
    /// Appends every record written since the last call, all CPUs merged
    /// in time order (a thread that moved between CPUs has its records in
    /// two rings).
    pub fn read(&mut self, out: &mut Vec<Record>) {
        let start = out.len();
        for ring in &self.rings {
            self.bytes.clear();
            if ring.read_new(&mut self.bytes) == 0 {
                continue;
            }
            parse(&self.bytes, self.fields, out);
        }
        if self.rings.len() > 1 {
            out[start..].sort_by_key(Record::time);
        }
    }
}

fn parse(b: &[u8], f: Fields, out: &mut Vec<Record>) {
    const RECORD_LOST: u32 = 2;
    const RECORD_EXIT: u32 = 4;
    const RECORD_THROTTLE: u32 = 5;
    const RECORD_SAMPLE: u32 = 9;
    const RECORD_LOST_SAMPLES: u32 = 13;
    let mut at = 0;
    while at + 8 <= b.len() {
        let ty = u32_at(b, at);
        let size = u16::from_ne_bytes([b[at + 6], b[at + 7]]) as usize;
        if size < 8 || at + size > b.len() {
            break;
        }
        let r = &b[at + 8..at + size];
        match ty {
            RECORD_SAMPLE => {
                // pid, tid, time, cpu, res, raw size, raw data.
                let raw_size = u32_at(r, 24) as usize;
                let raw = r.get(28..28 + raw_size).unwrap_or(&[]);
                let nr = match f.nr_size {
                    4 => u32_at(raw, f.nr_off) as i32 as i64,
                    _ => u64_at(raw, f.nr_off) as i64,
                };
                out.push(Record::Exit {
                    pid: u32_at(r, 0) as i32,
                    tid: u32_at(r, 4) as i32,
                    time: u64_at(r, 8),
                    nr,
                    ret: u64_at(raw, f.ret_off) as i64,
                });
            }
            RECORD_EXIT => out.push(Record::TaskExit {
                pid: u32_at(r, 0) as i32,
                tid: u32_at(r, 8) as i32,
                time: u64_at(r, 16),
            }),
            RECORD_LOST => out.push(Record::Lost(u64_at(r, 8))),
            RECORD_LOST_SAMPLES => out.push(Record::Lost(u64_at(r, 0))),
            // Throttled: records were not written for a while; which and
            // how many is not said. Counted as one lost.
            RECORD_THROTTLE => out.push(Record::Lost(1)),
            _ => {}
        }
        at += size;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_join_ranges() {
        assert_eq!(
            filter("id", &[3, 1, 2, 7, 9, 10]),
            "(id >= 1 && id <= 3) || id == 7 || (id >= 9 && id <= 10)"
        );
        assert_eq!(filter("id", &[5]), "id == 5");
    }

    #[test]
    fn records_parse() {
        let mut b = Vec::new();
        // A sample: header, pid, tid, time, cpu, res, raw size, raw.
        let mut raw = vec![0u8; 24];
        raw[8..12].copy_from_slice(&257i32.to_ne_bytes());
        raw[16..24].copy_from_slice(&(-2i64).to_ne_bytes());
        let body_len = 28 + raw.len();
        let size = (8 + body_len).div_ceil(8) * 8;
        b.extend_from_slice(&9u32.to_ne_bytes());
        b.extend_from_slice(&0u16.to_ne_bytes());
        b.extend_from_slice(&(size as u16).to_ne_bytes());
        for v in [10u32, 11] {
            b.extend_from_slice(&v.to_ne_bytes());
        }
        b.extend_from_slice(&99u64.to_ne_bytes());
        b.extend_from_slice(&[0; 8]);
        b.extend_from_slice(&(raw.len() as u32).to_ne_bytes());
        b.extend_from_slice(&raw);
        b.resize(size, 0);
        let mut out = Vec::new();
        let f = Fields {
            nr_off: 8,
            nr_size: 4,
            ret_off: 16,
        };
        parse(&b, f, &mut out);
        assert_eq!(
            out,
            [Record::Exit {
                pid: 10,
                tid: 11,
                time: 99,
                nr: 257,
                ret: -2
            }]
        );
    }
}
