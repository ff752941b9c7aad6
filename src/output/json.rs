//! JSONL output, schema version 2 (docs/jsonl.md is the spec): a
//! `"type":"header"` object first, then `"syscall"` for calls, `"process"`
//! when a process is first known, `"exec"` for a successful execve and
//! `"exit"` for process ends.
//!
//! Each call is one line with its result: a call still running when its
//! event arrives waits here for its result (calls that block are written
//! when they return; `seq` keeps the order they were made in). A process
//! whose creating clone may still be running is held back too, so that its
//! `process` record, written before its first line, can name its parent.

use crate::event::{Action, Event, ExitKind, Message, Outcome, ProcessExit, Status};
use crate::idmap::{IdMap, IdSet};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// The schema version written in every object's `v`.
pub const SCHEMA_VERSION: u32 = 2;

/// Integers past this magnitude are written as decimal strings: jq (and
/// every JSON reader that uses doubles) would round them.
const EXACT: u64 = 1 << 53;

/// What the header says about the run, gathered before the command starts.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// notrace's own command line.
    pub argv: Vec<String>,
    /// The traced command's argv.
    pub command: Vec<String>,
    /// notrace's working directory (the command's at its start).
    pub cwd: Option<String>,
    /// When notrace started, ns since the epoch.
    pub start_ns: u64,
    /// `-s`.
    pub string_limit: usize,
    /// `-v`.
    pub verbose: bool,
    /// `-y` count.
    pub decode_fds: u8,
    /// `-x` count.
    pub hex: u8,
    /// The `-e` expressions as given.
    pub expressions: Vec<String>,
    /// Why return values are not collected, decided before the start
    /// (`None`: they are collected, unless [`Late::results_lost`] says so).
    pub results_why_not: Option<String>,
    /// What is only known once the command is spawned.
    pub late: Arc<Late>,
}

/// Header facts learnt once the command exists (set before its exec, so
/// before any event reaches the writer).
#[derive(Debug, Default)]
pub struct Late {
    /// The command's pid.
    pub pid: OnceLock<i32>,
    /// Why return values could not be collected after all.
    pub results_lost: OnceLock<String>,
}

#[derive(Serialize)]
struct JsonArg<'a> {
    name: &'a str,
    kind: &'a str,
    raw: String,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Cow<'a, Value>>,
    /// With `-y`: an fd argument's path (`value` stays the fd).
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a Value>,
}

/// `"arg"`: each argument's value by name (null when it has none).
struct ByName<'a, 'b>(&'b [JsonArg<'a>]);

impl Serialize for ByName<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        let mut seen: Vec<&str> = Vec::with_capacity(self.0.len());
        for a in self.0 {
            // A table naming two arguments alike keeps the first.
            if seen.contains(&a.name) {
                continue;
            }
            seen.push(a.name);
            m.serialize_entry(a.name, &a.value)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct JsonCall<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    v: u32,
    seq: u64,
    time: f64,
    time_ns: u64,
    ts: Shown<Rfc3339>,
    pid: i32,
    tid: i32,
    comm: &'a str,
    arch: &'static str,
    syscall: &'a str,
    nr: u32,
    /// i386 socketcall/ipc shown as its sub-call: the multiplexer's name
    /// (`nr` stays the multiplexer's).
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'static str>,
    args: &'a [JsonArg<'a>],
    arg: ByName<'a, 'a>,
    regs: [Shown<Hex>; 6],
    text: String,
    action: &'static str,
    /// successful, failed, unfinished, unavailable.
    status: &'static str,
    /// The value the program sees (-1 on failure); null without a result;
    /// a decimal string past 2^53.
    ret: Value,
    /// strace's text after ` = `.
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errno: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errno_nr: Option<i32>,
    duration_ns: Option<u64>,
    /// With `-y`: the returned fd's path, where known for sure.
    #[serde(skip_serializing_if = "Option::is_none")]
    ret_path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    held: bool,
}

#[derive(Serialize)]
struct JsonExit {
    #[serde(rename = "type")]
    ty: &'static str,
    v: u32,
    time: f64,
    time_ns: u64,
    ts: String,
    pid: i32,
    /// True for the command notrace started (its exit is notrace's).
    command: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    core_dumped: Option<bool>,
}

#[derive(Serialize)]
struct JsonProcess<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    v: u32,
    time: f64,
    time_ns: u64,
    ts: String,
    pid: i32,
    ppid: Option<i32>,
    /// `command`, `clone`, `clone3`, `fork`, `vfork`, or `seen`.
    via: &'a str,
    /// The creating call's `seq`.
    seq: Option<u64>,
}

#[derive(Serialize)]
struct JsonExec<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    v: u32,
    seq: u64,
    time: f64,
    time_ns: u64,
    ts: String,
    pid: i32,
    tid: i32,
    filename: Option<Cow<'a, Value>>,
    argv: Option<Cow<'a, Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    env: Option<Cow<'a, Value>>,
}

#[derive(Serialize)]
struct JsonOptions<'a> {
    string_limit: usize,
    verbose: bool,
    decode_fds: u8,
    hex: u8,
    expressions: &'a [String],
    results: bool,
    results_why_not: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonHeader<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    v: u32,
    notrace: &'static str,
    time: f64,
    time_ns: u64,
    ts: String,
    argv: &'a [String],
    command: &'a [String],
    pid: Option<i32>,
    cwd: Option<&'a str>,
    kernel: Option<String>,
    arch: &'static str,
    options: JsonOptions<'a>,
}

fn secs(ns: u64) -> f64 {
    // Microsecond precision survives an f64 of epoch seconds; time_ns has
    // the rest.
    (ns / 1000) as f64 / 1e6
}

/// A value serialised as the string its `Display` writes, written straight
/// into the line (no `String` of its own: a call's line has seven).
struct Shown<T>(T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// `0x1f`: a register as `"regs"` shows it.
struct Hex(u64);

impl std::fmt::Display for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

/// RFC 3339 in UTC with nanoseconds, always the same width, so that it
/// sorts as text and every digit survives jq.
pub fn rfc3339(ns: u64) -> String {
    Rfc3339(ns).to_string()
}

/// [`rfc3339`] as a `Display`.
struct Rfc3339(u64);

impl std::fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [y, m, d, h, mi, s, frac] = civil(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac:09}Z")
    }
}

/// Year, month, day, hour, minute, second and nanosecond of `ns` since the
/// epoch, in UTC.
fn civil(ns: u64) -> [u64; 7] {
    let secs = ns / 1_000_000_000;
    let (days, rem) = ((secs / 86400) as i64, secs % 86400);
    let (y, m, d) = crate::event::civil_from_days(days);
    [
        y as u64,
        m as u64,
        d as u64,
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        ns % 1_000_000_000,
    ]
}

/// An integer JSON readers using doubles would round.
fn big(n: &serde_json::Number) -> bool {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => u > EXACT,
        (None, Some(i)) => i.unsigned_abs() > EXACT,
        _ => false,
    }
}

fn too_big(v: &Value) -> bool {
    match v {
        Value::Number(n) => big(n),
        Value::Array(a) => a.iter().any(too_big),
        Value::Object(o) => o.values().any(too_big),
        _ => false,
    }
}

fn stringify_big(v: &mut Value) {
    match v {
        Value::Number(n) if big(n) => *v = Value::String(n.to_string()),
        Value::Array(a) => a.iter_mut().for_each(stringify_big),
        Value::Object(o) => o.values_mut().for_each(stringify_big),
        _ => {}
    }
}

/// `v` with every integer past 2^53 as a decimal string (borrowed when
/// there is none, the usual case).
fn exact(v: &Value) -> Cow<'_, Value> {
    if too_big(v) {
        let mut o = v.clone();
        stringify_big(&mut o);
        Cow::Owned(o)
    } else {
        Cow::Borrowed(v)
    }
}

fn exact_int(i: i64) -> Value {
    if i.unsigned_abs() > EXACT {
        Value::String(i.to_string())
    } else {
        Value::from(i)
    }
}

fn json_args<'a>(e: &'a Event, verbose: bool) -> Vec<JsonArg<'a>> {
    e.decoded
        .iter()
        .map(|a| {
            let (value, path) = arg_view(a, verbose);
            JsonArg {
                name: &a.name,
                kind: &a.kind,
                raw: format!("{:#x}", a.raw),
                text: &a.text,
                value: value.map(exact),
                path,
            }
        })
        .collect()
}

/// A call's line through serde, as every line was written before
/// [`call_line`]: the reference the hand-written line is checked against
/// (`NOTRACE_JSON_CHECK`, the unit tests).
fn call_line_serde(e: &Event, held: bool, verbose: bool) -> String {
    let (action, rule) = match &e.action {
        Action::Allowed => ("allow", None),
        Action::Denied { rule, .. } => ("deny", Some(rule.as_str())),
    };
    let errno = e.result.errno();
    let ret = match e.result {
        Outcome::Returned(_) if errno.is_some() => Value::from(-1),
        Outcome::Returned(v) => exact_int(v),
        _ => Value::Null,
    };
    let status = e.result.status().unwrap_or(Status::Unfinished).name();
    let args = json_args(e, verbose);
    to_line(&JsonCall {
        ty: "syscall",
        v: SCHEMA_VERSION,
        seq: e.seq,
        time: secs(e.time_ns),
        time_ns: e.time_ns,
        ts: Shown(Rfc3339(e.time_ns)),
        pid: e.pid,
        tid: e.tid,
        comm: &e.comm,
        arch: e.arch.name(),
        syscall: &e.name,
        nr: e.nr,
        via: via(e),
        args: &args,
        arg: ByName(&args),
        regs: e.args.map(|r| Shown(Hex(r))),
        text: super::text::call_text(e),
        action,
        status,
        ret,
        result: super::ret::text(&e.name, e.arch, &e.args, e.result),
        errno: errno.map(crate::errno::name),
        errno_nr: errno,
        duration_ns: e.duration_ns,
        ret_path: e.ret_path.as_deref(),
        rule,
        held,
    })
}

/// The multiplexer an i386 socketcall/ipc event went through when it is
/// shown as its sub-call (crate::decode::subcall).
fn via(e: &Event) -> Option<&'static str> {
    crate::decode::subcall::multiplexer(e.arch, e.nr).filter(|m| *m != e.name)
}

/// JSON written by hand straight into a line, byte for byte as serde_json
/// writes it (compact, its escapes, its number formats): a call's line has
/// about 25 fields, and building it through serde cost a traced call a
/// fifth of its time under `--no-results` (issue 9's 1.1x target).
mod put {
    use super::{big, EXACT};
    use serde_json::Value;
    use std::fmt::Write;

    const HEX: &[u8; 16] = b"0123456789abcdef";

    /// `s` as a JSON string.
    pub fn str(out: &mut String, s: &str) {
        out.push('"');
        let mut start = 0;
        for (i, &c) in s.as_bytes().iter().enumerate() {
            // serde_json's escapes: the short forms it has, `\u00xx` for
            // the other control characters, nothing else (not DEL, not
            // `/`, not non-ASCII).
            let esc = match c {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                0x08 => "\\b",
                b'\t' => "\\t",
                b'\n' => "\\n",
                0x0c => "\\f",
                b'\r' => "\\r",
                0..=0x1f => "",
                _ => continue,
            };
            // `i` is an ASCII byte, so a char boundary.
            out.push_str(&s[start..i]);
            if esc.is_empty() {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(c >> 4)]));
                out.push(char::from(HEX[usize::from(c & 0xf)]));
            } else {
                out.push_str(esc);
            }
            start = i + 1;
        }
        out.push_str(&s[start..]);
        out.push('"');
    }

    /// Appends ASCII bytes (one copy, no per-character push).
    fn ascii(out: &mut String, b: &[u8]) {
        // Cheaper than from_utf8's call for these few bytes.
        out.extend(b.iter().map(|&c| char::from(c)));
    }

    /// Fills `buf` with the last `buf.len()` decimal digits of `n`,
    /// zero-padded.
    fn fixed(buf: &mut [u8], mut n: u64) {
        for b in buf.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }

    pub fn u64(out: &mut String, mut n: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        ascii(out, &buf[i..]);
    }

    pub fn i64(out: &mut String, n: i64) {
        if n < 0 {
            out.push('-');
        }
        u64(out, n.unsigned_abs());
    }

    /// A signed integer, as a decimal string past 2^53.
    pub fn exact_i64(out: &mut String, n: i64) {
        if n.unsigned_abs() > EXACT {
            out.push('"');
            i64(out, n);
            out.push('"');
        } else {
            i64(out, n);
        }
    }

    /// `"0x1f"`.
    pub fn hex(out: &mut String, n: u64) {
        let mut buf = [0u8; 20];
        let nibbles = (64 - n.leading_zeros()).div_ceil(4).max(1) as usize;
        buf[..3].copy_from_slice(b"\"0x");
        for (k, b) in buf[3..3 + nibbles].iter_mut().rev().enumerate() {
            *b = HEX[((n >> (4 * k)) & 0xf) as usize];
        }
        buf[3 + nibbles] = b'"';
        ascii(out, &buf[..4 + nibbles]);
    }

    /// As serde_json writes an f64 (its shortest round-trip form; null
    /// when not finite).
    pub fn f64(out: &mut String, f: f64) {
        match serde_json::Number::from_f64(f) {
            Some(n) => {
                let _ = write!(out, "{n}");
            }
            None => out.push_str("null"),
        }
    }

    /// `"2025-11-22T10:41:24.123456789Z"`, as [`super::rfc3339`].
    pub fn rfc3339(out: &mut String, ns: u64) {
        let [y, m, d, h, mi, s, frac] = super::civil(ns);
        // u64 nanoseconds end in 2554: the year has four digits.
        let mut b = *b"\"0000-00-00T00:00:00.000000000Z\"";
        fixed(&mut b[1..5], y);
        fixed(&mut b[6..8], m);
        fixed(&mut b[9..11], d);
        fixed(&mut b[12..14], h);
        fixed(&mut b[15..17], mi);
        fixed(&mut b[18..20], s);
        fixed(&mut b[21..30], frac);
        ascii(out, &b);
    }

    /// `v`; with `exact`, every integer past 2^53 as a decimal string (as
    /// [`super::exact`] makes it).
    pub fn value(out: &mut String, v: &Value, exact: bool) {
        match v {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) if exact && big(n) => {
                let _ = write!(out, "\"{n}\"");
            }
            Value::Number(n) => {
                let _ = write!(out, "{n}");
            }
            Value::String(s) => str(out, s),
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    value(out, x, exact);
                }
                out.push(']');
            }
            Value::Object(o) => {
                out.push('{');
                for (i, (k, x)) in o.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    str(out, k);
                    out.push(':');
                    value(out, x, exact);
                }
                out.push('}');
            }
        }
    }
}

/// An argument as a call's line shows it: its `value` (`None`: no field
/// in `args`, null in `arg`) and, with `-y`, an fd's `path`.
fn arg_view(a: &crate::event::DecodedArg, verbose: bool) -> (Option<&Value>, Option<&Value>) {
    let mut value = a.value.as_ref();
    let mut path = None;
    // `-y` must not retype `value`: the fd stays the value, its path gets a
    // field of its own.
    if a.kind == "fd" || a.kind == "dirfd" {
        if let Some(Value::Object(o)) = value {
            if let (Some(fd), Some(p)) = (o.get("fd"), o.get("path")) {
                value = Some(fd);
                path = Some(p);
            }
        }
    }
    // The environment is only shown on request (-v): a shared trace must
    // not leak the secrets in it.
    if a.kind == "envp" && !verbose {
        value = None;
    }
    (value, path)
}

/// Appends a call's line to `out` (`scratch`: a reused buffer for its
/// text), the fields in [`JsonCall`]'s order.
fn put_call(out: &mut String, scratch: &mut String, e: &Event, held: bool, verbose: bool) {
    let (action, rule) = match &e.action {
        Action::Allowed => ("allow", None),
        Action::Denied { rule, .. } => ("deny", Some(rule.as_str())),
    };
    let errno = e.result.errno();
    // One allocation for most lines (a getppid line is ~400 bytes).
    out.reserve(512);
    out.push_str("{\"type\":\"syscall\",\"v\":");
    put::u64(out, SCHEMA_VERSION.into());
    out.push_str(",\"seq\":");
    put::u64(out, e.seq);
    out.push_str(",\"time\":");
    put::f64(out, secs(e.time_ns));
    out.push_str(",\"time_ns\":");
    put::u64(out, e.time_ns);
    out.push_str(",\"ts\":");
    put::rfc3339(out, e.time_ns);
    out.push_str(",\"pid\":");
    put::i64(out, e.pid.into());
    out.push_str(",\"tid\":");
    put::i64(out, e.tid.into());
    out.push_str(",\"comm\":");
    put::str(out, &e.comm);
    out.push_str(",\"arch\":\"");
    out.push_str(e.arch.name());
    out.push('"');
    out.push_str(",\"syscall\":");
    put::str(out, &e.name);
    out.push_str(",\"nr\":");
    put::u64(out, e.nr.into());
    if let Some(v) = via(e) {
        out.push_str(",\"via\":\"");
        out.push_str(v);
        out.push('"');
    }
    out.push_str(",\"args\":[");
    for (i, a) in e.decoded.iter().enumerate() {
        let (value, path) = arg_view(a, verbose);
        out.push_str(if i > 0 { ",{\"name\":" } else { "{\"name\":" });
        put::str(out, &a.name);
        out.push_str(",\"kind\":");
        put::str(out, &a.kind);
        out.push_str(",\"raw\":");
        put::hex(out, a.raw);
        out.push_str(",\"text\":");
        put::str(out, &a.text);
        if let Some(v) = value {
            out.push_str(",\"value\":");
            put::value(out, v, true);
        }
        if let Some(p) = path {
            out.push_str(",\"path\":");
            put::value(out, p, false);
        }
        out.push('}');
    }
    out.push_str("],\"arg\":{");
    let mut first = true;
    for (i, a) in e.decoded.iter().enumerate() {
        // A table naming two arguments alike keeps the first.
        if e.decoded[..i].iter().any(|b| b.name == a.name) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        put::str(out, &a.name);
        out.push(':');
        match arg_view(a, verbose).0 {
            Some(v) => put::value(out, v, true),
            None => out.push_str("null"),
        }
    }
    out.push_str("},\"regs\":[");
    for (i, r) in e.args.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        put::hex(out, *r);
    }
    out.push_str("],\"text\":");
    scratch.clear();
    super::text::push_call_text(scratch, e);
    put::str(out, scratch);
    // Names of our own, nothing to escape.
    out.push_str(",\"action\":\"");
    out.push_str(action);
    out.push_str("\",\"status\":\"");
    out.push_str(e.result.status().unwrap_or(Status::Unfinished).name());
    out.push_str("\",\"ret\":");
    match e.result {
        Outcome::Returned(_) if errno.is_some() => out.push_str("-1"),
        Outcome::Returned(v) => put::exact_i64(out, v),
        _ => out.push_str("null"),
    }
    if let Some(r) = super::ret::text(&e.name, e.arch, &e.args, e.result) {
        out.push_str(",\"result\":");
        put::str(out, &r);
    }
    if let Some(n) = errno {
        out.push_str(",\"errno\":");
        put::str(out, &crate::errno::name(n));
        out.push_str(",\"errno_nr\":");
        put::i64(out, n.into());
    }
    out.push_str(",\"duration_ns\":");
    match e.duration_ns {
        Some(d) => put::u64(out, d),
        None => out.push_str("null"),
    }
    if let Some(p) = &e.ret_path {
        out.push_str(",\"ret_path\":");
        put::str(out, p);
    }
    if let Some(r) = rule {
        out.push_str(",\"rule\":");
        put::str(out, r);
    }
    if held {
        out.push_str(",\"held\":true");
    }
    out.push_str("}\n");
}

/// The hidden test hook `NOTRACE_JSON_CHECK=1`: every call line is also
/// built the old way ([`call_line_serde`]), a difference is reported on
/// stderr, and the end says how many lines were compared
/// (tests/jsonl_fast.rs runs real programs so).
struct Check {
    lines: AtomicU64,
    differ: AtomicU64,
}

fn check() -> Option<&'static Check> {
    static CHECK: OnceLock<Option<Check>> = OnceLock::new();
    CHECK
        .get_or_init(|| {
            std::env::var_os("NOTRACE_JSON_CHECK").map(|_| Check {
                lines: AtomicU64::new(0),
                differ: AtomicU64::new(0),
            })
        })
        .as_ref()
}

/// Appends a call's line to `out`.
fn call_line(out: &mut String, scratch: &mut String, e: &Event, held: bool, verbose: bool) {
    let start = out.len();
    put_call(out, scratch, e, held, verbose);
    if let Some(c) = check() {
        let want = call_line_serde(e, held, verbose);
        c.lines.fetch_add(1, Ordering::Relaxed);
        if out[start..] != want {
            c.differ.fetch_add(1, Ordering::Relaxed);
            eprint!(
                "notrace: JSON check: lines differ\n  fast:  {}  serde: {}",
                &out[start..],
                want
            );
        }
    }
}

fn exit_line(x: &ProcessExit, command: bool) -> String {
    let (exit_code, signal, core_dumped) = match x.how {
        ExitKind::Exited(c) => (Some(c), None, None),
        ExitKind::Signaled { signal, core } => {
            (None, Some(crate::decode::signal_name(signal)), Some(core))
        }
    };
    to_line(&JsonExit {
        ty: "exit",
        v: SCHEMA_VERSION,
        time: secs(x.time_ns),
        time_ns: x.time_ns,
        ts: rfc3339(x.time_ns),
        pid: x.pid,
        command,
        exit_code,
        signal,
        core_dumped,
    })
}

fn process_line(pid: i32, ppid: Option<i32>, via: &str, seq: Option<u64>, ns: u64) -> String {
    to_line(&JsonProcess {
        ty: "process",
        v: SCHEMA_VERSION,
        time: secs(ns),
        time_ns: ns,
        ts: rfc3339(ns),
        pid,
        ppid,
        via,
        seq,
    })
}

fn exec_line(e: &Event, verbose: bool) -> String {
    let get = |name: &str| {
        e.decoded
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.value.as_ref())
            .map(exact)
    };
    let done = e.time_ns + e.duration_ns.unwrap_or(0);
    to_line(&JsonExec {
        ty: "exec",
        v: SCHEMA_VERSION,
        seq: e.seq,
        time: secs(done),
        time_ns: done,
        ts: rfc3339(done),
        pid: e.pid,
        tid: e.tid,
        filename: get("filename"),
        argv: get("argv"),
        env: if verbose { get("envp") } else { None },
    })
}

fn header_line(h: &Header) -> String {
    let lost = h.late.results_lost.get().map(String::as_str);
    let why = h.results_why_not.as_deref().or(lost);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .ok()
        .map(|s| s.trim().to_string());
    to_line(&JsonHeader {
        ty: "header",
        v: SCHEMA_VERSION,
        notrace: env!("CARGO_PKG_VERSION"),
        time: secs(h.start_ns),
        time_ns: h.start_ns,
        ts: rfc3339(h.start_ns),
        argv: &h.argv,
        command: &h.command,
        pid: h.late.pid.get().copied(),
        cwd: h.cwd.as_deref(),
        kernel,
        arch: crate::event::Arch::native().name(),
        options: JsonOptions {
            string_limit: h.string_limit,
            verbose: h.verbose,
            decode_fds: h.decode_fds,
            hex: h.hex,
            expressions: &h.expressions,
            results: why.is_none(),
            results_why_not: why,
        },
    })
}

/// The clone-family call that makes a new process (not a thread), by name.
fn forks(e: &Event) -> Option<&'static str> {
    const CLONE_THREAD: u64 = 0x10000;
    match &*e.name {
        "fork" => Some("fork"),
        "vfork" => Some("vfork"),
        "clone" if e.args[0] & CLONE_THREAD == 0 => Some("clone"),
        "clone3" => {
            let thread = e
                .decoded
                .first()
                .and_then(|a| a.value.as_ref())
                .and_then(|v| v.get("flags"))
                .and_then(Value::as_array)
                .is_some_and(|f| f.iter().any(|x| x == "CLONE_THREAD"));
            (!thread).then_some("clone3")
        }
        _ => None,
    }
}

/// A process whose lines wait for the clones that may have made it.
struct Held {
    waits: IdSet<u64>,
    lines: String,
}

/// Writes JSON lines, holding calls until their results come.
#[derive(Default)]
pub struct JsonFormatter {
    header: Option<Header>,
    header_done: bool,
    verbose: bool,
    waiting: HashMap<u64, (Event, bool)>,
    /// `seq`s of waiting calls that may create a process.
    forking: IdSet<u64>,
    /// Pids with a `process` record.
    known: IdSet<i32>,
    held: IdMap<i32, Held>,
    /// `-z`, `-Z`, `-e status=`: only calls with these outcomes get a line
    /// (process and exec records are kept).
    status: Option<HashSet<Status>>,
    /// The line being built, reused.
    line: String,
    /// A call's text before it is escaped, reused.
    scratch: String,
}

impl JsonFormatter {
    /// Keeps only calls whose outcome is in `status`.
    pub fn with_status(mut self, status: Option<HashSet<Status>>) -> Self {
        self.status = status;
        self
    }

    /// A formatter that starts with the header `h` (none: no header, no
    /// command pid).
    pub fn new(h: Option<Header>) -> Self {
        JsonFormatter {
            verbose: h.as_ref().is_some_and(|h| h.verbose),
            header: h,
            ..Self::default()
        }
    }

    fn command_pid(&self) -> Option<i32> {
        self.header.as_ref().and_then(|h| h.late.pid.get().copied())
    }

    fn header(&mut self, out: &mut String) {
        if !self.header_done {
            self.header_done = true;
            if let Some(h) = &self.header {
                out.push_str(&header_line(h));
            }
        }
    }

    /// Appends the JSON line(s) for `msg` to `out`.
    pub fn format(&mut self, msg: &Message, out: &mut String) {
        self.header(out);
        match msg {
            Message::Batch(events) => {
                for e in events {
                    self.call(e, false, out);
                }
            }
            Message::Event(e) => self.call(e, false, out),
            Message::Held(h) => self.call(&h.event, true, out),
            Message::Result(r) => {
                if let Some((mut e, held)) = self.waiting.remove(&r.seq) {
                    e.result = r.result;
                    e.duration_ns = r.duration_ns;
                    e.ret_path = r.ret_path.clone();
                    self.write_call(&e, held, out);
                }
            }
            Message::Exit(x) => {
                let line = exit_line(x, Some(x.pid) == self.command_pid());
                self.place(x.pid, x.time_ns, &line, out);
            }
        }
    }

    fn call(&mut self, e: &Event, held: bool, out: &mut String) {
        if e.result == Outcome::Pending {
            if forks(e).is_some() {
                self.forking.insert(e.seq);
            }
            self.waiting.insert(e.seq, (e.clone(), held));
        } else {
            self.write_call(e, held, out);
        }
    }

    /// Writes `line` of process `pid`, after its `process` record, or
    /// holds it while a clone that may have made `pid` is running.
    fn place(&mut self, pid: i32, ns: u64, line: &str, out: &mut String) {
        if let Some(h) = self.held.get_mut(&pid) {
            h.lines.push_str(line);
            return;
        }
        if !self.known.contains(&pid) {
            if Some(pid) == self.command_pid() {
                out.push_str(&process_line(pid, None, "command", None, ns));
            } else if self.forking.is_empty() {
                out.push_str(&process_line(pid, None, "seen", None, ns));
            } else {
                let lines = process_line(pid, None, "seen", None, ns) + line;
                let waits = self.forking.clone();
                self.held.insert(pid, Held { waits, lines });
                return;
            }
            self.known.insert(pid);
        }
        out.push_str(line);
    }

    fn write_call(&mut self, e: &Event, held: bool, out: &mut String) {
        let keep = match (&self.status, e.result.status()) {
            (None, _) => true,
            (Some(set), Some(st)) => set.contains(&st),
            (Some(_), None) => false,
        };
        // The usual case, a process with its record out and nothing held:
        // the line goes straight into `out`, where `place` would copy it.
        let direct = self.known.contains(&e.pid) && !self.held.contains_key(&e.pid);
        let mut buf = std::mem::take(&mut self.line);
        buf.clear();
        let line = if direct { &mut *out } else { &mut buf };
        if keep {
            call_line(line, &mut self.scratch, e, held, self.verbose);
        }
        let successful = e.result.status() == Some(Status::Successful);
        if successful && matches!(&*e.name, "execve" | "execveat") {
            line.push_str(&exec_line(e, self.verbose));
        }
        if let (Some(via), Outcome::Returned(child), true) = (forks(e), e.result, successful) {
            let child = child as i32;
            if child > 0 && !self.known.contains(&child) {
                let done = e.time_ns + e.duration_ns.unwrap_or(0);
                line.push_str(&process_line(child, Some(e.pid), via, Some(e.seq), done));
                if let Some(h) = self.held.remove(&child) {
                    // Its held lines start with a provisional `seen` record.
                    let rest = h.lines.split_once('\n').map_or("", |(_, r)| r);
                    line.push_str(rest);
                }
                self.known.insert(child);
            }
        }
        if !direct {
            self.place(e.pid, e.time_ns, &buf, out);
        }
        self.line = buf;
        if self.forking.remove(&e.seq) {
            self.release(Some(e.seq), out);
        }
    }

    /// Writes the held processes no running clone can have made (all of
    /// them with `None`).
    fn release(&mut self, ended: Option<u64>, out: &mut String) {
        let mut free: Vec<i32> = Vec::new();
        for (pid, h) in self.held.iter_mut() {
            if let Some(seq) = ended {
                h.waits.remove(&seq);
            }
            if ended.is_none() || h.waits.is_empty() {
                free.push(*pid);
            }
        }
        free.sort_unstable();
        for pid in free {
            if let Some(h) = self.held.remove(&pid) {
                out.push_str(&h.lines);
                self.known.insert(pid);
            }
        }
    }

    /// Everything is over: calls still waiting never returned.
    pub fn finish(&mut self, out: &mut String) {
        self.header(out);
        let mut left: Vec<(Event, bool)> = self.waiting.drain().map(|(_, v)| v).collect();
        left.sort_by_key(|(e, _)| e.seq);
        for (mut e, held) in left {
            e.result = Outcome::NoReturn;
            self.write_call(&e, held, out);
        }
        self.release(None, out);
        if let Some(c) = check() {
            eprintln!(
                "notrace: JSON check: {} call lines compared, {} differ",
                c.lines.load(Ordering::Relaxed),
                c.differ.load(Ordering::Relaxed)
            );
        }
    }
}

/// Appends the JSON line of one call to `out`, as it stands (the UI's
/// own record of what it was sent).
pub fn format_call(e: &Event, held: bool, out: &mut String) {
    call_line(out, &mut String::new(), e, held, false);
}

/// Appends the JSON line(s) for `msg` to `out`, as it stands: no header,
/// no process records, a pending call as `unfinished` (the UI's record).
pub fn format(msg: &Message, out: &mut String) {
    match msg {
        Message::Batch(events) => {
            for e in events {
                format_call(e, false, out);
            }
        }
        Message::Event(e) => format_call(e, false, out),
        Message::Held(h) => format_call(&h.event, true, out),
        Message::Result(_) => {}
        Message::Exit(x) => out.push_str(&exit_line(x, false)),
    }
}

fn to_line<T: Serialize>(v: &T) -> String {
    // Serialising these types cannot fail: no maps with non-string keys.
    let mut s = serde_json::to_string(v).expect("event serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Arch, DecodedArg};

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            rfc3339(1_763_808_084_123_456_789),
            "2025-11-22T10:41:24.123456789Z"
        );
        assert_eq!(
            rfc3339(951_782_400_000_000_001),
            "2000-02-29T00:00:00.000000001Z"
        );
    }

    #[test]
    fn big_numbers_become_strings() {
        let v = serde_json::json!({"a": [1, 9007199254740993u64], "b": -9007199254740993i64});
        assert_eq!(
            *exact(&v),
            serde_json::json!({"a": [1, "9007199254740993"], "b": "-9007199254740993"})
        );
        assert!(matches!(
            exact(&serde_json::json!(9007199254740992u64)),
            Cow::Borrowed(_)
        ));
        assert_eq!(exact_int(-1), Value::from(-1));
    }

    /// Every string a line can hold: each control character, quotes,
    /// backslashes, DEL, `/`, multi-byte UTF-8, U+FFFD (what invalid
    /// UTF-8 became when decoded), strace's own `\377` escapes.
    fn tricky() -> String {
        let mut t: String = (0u8..0x20).map(char::from).collect();
        t.push_str("\"\\/\u{7f}é€😀\u{fffd}\\377\"x\\\\y");
        t
    }

    fn arg(name: &str, kind: &str, raw: u64, text: &str, value: Option<Value>) -> DecodedArg {
        DecodedArg {
            name: name.to_string().into(),
            kind: kind.to_string().into(),
            raw,
            text: text.to_string(),
            value,
        }
    }

    fn events() -> Vec<Event> {
        let t = tricky();
        let big = serde_json::json!({
            "a": [1, 9007199254740993u64, -9007199254740993i64, 9007199254740992u64],
            "f": 1.5e300, "g": -0.0, "h": 0.1, "n": null, "b": true, t.clone(): [t.clone(), false],
        });
        let args = vec![
            arg(
                "fd",
                "fd",
                3,
                "3</x>",
                Some(serde_json::json!({"fd": 3, "path": t})),
            ),
            arg(
                "dirfd",
                "dirfd",
                u64::MAX,
                "AT_FDCWD",
                Some(
                    serde_json::json!({"fd": 9007199254740993u64, "path": {"p": 9007199254740993u64}}),
                ),
            ),
            arg("fd", "fd", 4, "4", Some(serde_json::json!({"fd": 4}))),
            arg(&t, &t, 1 << 60, &t, Some(big.clone())),
            arg(
                "envp",
                "envp",
                0x7ffc,
                "[\"A=1\"]",
                Some(serde_json::json!(["SECRET=1", t])),
            ),
            arg("none", "int", 0, "", None),
            arg("null", "int", 0, "0", Some(Value::Null)),
        ];
        let base = Event {
            seq: u64::MAX,
            time_ns: 1_763_808_084_123_456_789,
            pid: i32::MAX,
            tid: i32::MIN,
            comm: t.clone(),
            arch: Arch::I386,
            name: "openat".into(),
            nr: u32::MAX,
            args: [0, 1, 0xf, 0x10, u64::MAX, 1 << 63],
            decoded: args,
            action: Action::Allowed,
            result: Outcome::NotCollected,
            duration_ns: None,
            ret_path: None,
            ip: 0,
        };
        let mut out = vec![base.clone()];
        let results = [
            Outcome::Pending,
            Outcome::Returned(0),
            Outcome::Returned(3),
            Outcome::Returned(-2),
            Outcome::Returned(-4095),
            Outcome::Returned(-4096),
            Outcome::Returned(1 << 53),
            Outcome::Returned((1 << 53) + 1),
            Outcome::Returned(i64::MAX),
            Outcome::Returned(i64::MIN),
            Outcome::Returned(-(1 << 53) - 1),
            Outcome::NoReturn,
            Outcome::Unavailable,
        ];
        for (i, r) in results.into_iter().enumerate() {
            let mut e = base.clone();
            e.result = r;
            e.duration_ns = Some(i as u64 * 1_000_003);
            e.time_ns = (i as u64) << 58;
            e.arch = [Arch::X86_64, Arch::X32, Arch::Aarch64][i % 3];
            e.name = ["getppid", "fcntl", "mmap", "syscall_0x1ff", t.as_str()][i % 5]
                .to_string()
                .into();
            if i % 2 == 0 {
                e.ret_path = Some(t.clone());
            }
            if i % 3 == 0 {
                e.action = Action::Denied {
                    errno: 13,
                    rule: t.clone(),
                };
            }
            if i % 4 == 0 {
                e.decoded.clear();
            }
            out.push(e);
        }
        let mut empty = base;
        empty.comm.clear();
        empty.time_ns = 0;
        empty.decoded = vec![arg("", "", 0, "", Some(Value::String(String::new())))];
        // i386 socketcall shown as its sub-call (with `via`), and as itself.
        let mut sub = empty.clone();
        (sub.arch, sub.nr, sub.name) = (Arch::I386, 102, "connect".into());
        let mut mux = sub.clone();
        mux.name = "socketcall".into();
        out.extend([empty, sub, mux]);
        out
    }

    #[test]
    fn via_is_said_only_for_a_sub_call() {
        let all = events();
        let line = |e: &Event| call_line_serde(e, false, false);
        assert!(line(&all[all.len() - 2]).contains(r#""nr":102,"via":"socketcall","args""#));
        assert!(!line(&all[all.len() - 1]).contains("via"));
    }

    #[test]
    fn hand_written_lines_are_serdes_bytes() {
        let mut n = 0;
        for e in events() {
            for held in [false, true] {
                for verbose in [false, true] {
                    let mut got = String::from("before\n");
                    call_line(&mut got, &mut String::from("stale"), &e, held, verbose);
                    let want = format!("before\n{}", call_line_serde(&e, held, verbose));
                    assert_eq!(got, want, "held {held} verbose {verbose}");
                    n += 1;
                }
            }
        }
        assert_eq!(n, 4 * 17);
    }

    /// Time per getppid line, both ways: `cargo test --release --lib
    /// line_speed -- --ignored --nocapture` (a figure, not a check).
    #[test]
    #[ignore]
    fn line_speed() {
        let e = Event {
            seq: 123_456,
            time_ns: 1_796_174_540_247_798_342,
            pid: 19752,
            tid: 19752,
            comm: "workload".into(),
            arch: Arch::X86_64,
            name: "getppid".into(),
            nr: 110,
            args: [1, 2, 0, 0x0ad5_27e5_b4c8_5128, 7, 0x5586_994f_9220],
            decoded: Vec::new(),
            action: Action::Allowed,
            result: Outcome::NotCollected,
            duration_ns: None,
            ret_path: None,
            ip: 0,
        };
        const N: u32 = 200_000;
        let (mut out, mut scratch) = (String::new(), String::new());
        let t = std::time::Instant::now();
        for _ in 0..N {
            out.clear();
            put_call(&mut out, &mut scratch, &e, false, false);
        }
        let fast = t.elapsed() / N;
        let t = std::time::Instant::now();
        for _ in 0..N {
            out.clear();
            out.push_str(&call_line_serde(&e, false, false));
        }
        let serde = t.elapsed() / N;
        eprintln!(
            "getppid line ({} bytes): hand-written {fast:?}, serde {serde:?}",
            out.len()
        );
    }

    #[test]
    fn numbers_and_strings_as_serde_writes_them() {
        for n in [0, 1, 9, 10, 99, 1 << 53, (1 << 53) + 1, u64::MAX] {
            let mut s = String::new();
            put::u64(&mut s, n);
            assert_eq!(s, serde_json::to_string(&n).unwrap());
            let mut s = String::new();
            put::hex(&mut s, n);
            assert_eq!(s, format!("\"{n:#x}\""));
        }
        for n in [0, -1, i64::MIN, i64::MAX, -(1 << 53), -(1 << 53) - 1] {
            let mut s = String::new();
            put::i64(&mut s, n);
            assert_eq!(s, serde_json::to_string(&n).unwrap());
        }
        for f in [
            0.0,
            -0.0,
            1e-7,
            0.1,
            1.5,
            1e15,
            1e16,
            1763808084.123456,
            f64::NAN,
            f64::INFINITY,
        ] {
            let mut s = String::new();
            put::f64(&mut s, f);
            assert_eq!(s, serde_json::to_string(&f).unwrap(), "{f}");
        }
        for ns in [0, 951_782_400_000_000_001, u64::MAX] {
            let mut s = String::new();
            put::rfc3339(&mut s, ns);
            assert_eq!(s, serde_json::to_string(&rfc3339(ns)).unwrap());
        }
        let t = tricky();
        let mut s = String::new();
        put::str(&mut s, &t);
        assert_eq!(s, serde_json::to_string(&t).unwrap());
        assert!(s.contains("\\u0001") && s.contains("\\n") && s.contains("\\\""));
    }
}
