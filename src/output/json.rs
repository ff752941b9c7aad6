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
        let ns = self.0;
        let secs = ns / 1_000_000_000;
        let (days, rem) = ((secs / 86400) as i64, secs % 86400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:09}Z",
            rem / 3600,
            rem / 60 % 60,
            rem % 60,
            ns % 1_000_000_000
        )
    }
}

fn too_big(v: &Value) -> bool {
    match v {
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u > EXACT,
            (None, Some(i)) => i.unsigned_abs() > EXACT,
            _ => false,
        },
        Value::Array(a) => a.iter().any(too_big),
        Value::Object(o) => o.values().any(too_big),
        _ => false,
    }
}

fn stringify_big(v: &mut Value) {
    match v {
        Value::Number(n) if too_big(&Value::Number(n.clone())) => *v = Value::String(n.to_string()),
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
            let mut value = a.value.as_ref();
            let mut path = None;
            // `-y` must not retype `value`: the fd stays the value, its
            // path gets a field of its own.
            if a.kind == "fd" || a.kind == "dirfd" {
                if let Some(Value::Object(o)) = value {
                    if let (Some(fd), Some(p)) = (o.get("fd"), o.get("path")) {
                        value = Some(fd);
                        path = Some(p);
                    }
                }
            }
            // The environment is only shown on request (-v): a shared trace
            // must not leak the secrets in it.
            if a.kind == "envp" && !verbose {
                value = None;
            }
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

fn call_line(e: &Event, held: bool, verbose: bool) -> String {
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
                self.place(x.pid, x.time_ns, line, out);
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
    fn place(&mut self, pid: i32, ns: u64, line: String, out: &mut String) {
        if let Some(h) = self.held.get_mut(&pid) {
            h.lines.push_str(&line);
            return;
        }
        if !self.known.contains(&pid) {
            if Some(pid) == self.command_pid() {
                out.push_str(&process_line(pid, None, "command", None, ns));
            } else if self.forking.is_empty() {
                out.push_str(&process_line(pid, None, "seen", None, ns));
            } else {
                let lines = process_line(pid, None, "seen", None, ns) + &line;
                let waits = self.forking.clone();
                self.held.insert(pid, Held { waits, lines });
                return;
            }
            self.known.insert(pid);
        }
        out.push_str(&line);
    }

    fn write_call(&mut self, e: &Event, held: bool, out: &mut String) {
        let keep = match (&self.status, e.result.status()) {
            (None, _) => true,
            (Some(set), Some(st)) => set.contains(&st),
            (Some(_), None) => false,
        };
        let mut line = if keep {
            call_line(e, held, self.verbose)
        } else {
            String::new()
        };
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
        self.place(e.pid, e.time_ns, line, out);
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
    }
}

/// Appends the JSON line of one call to `out`, as it stands (the UI's
/// own record of what it was sent).
pub fn format_call(e: &Event, held: bool, out: &mut String) {
    out.push_str(&call_line(e, held, false));
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
}
