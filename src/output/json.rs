//! JSONL output, schema version 2 (see docs/jsonl.md): one object per line,
//! `"type":"syscall"` for calls and `"type":"exit"` for process ends.
//!
//! Each call is one line with its result: a call still running when its
//! event arrives waits here for its result (calls that block are written
//! when they return; `seq` keeps the order they were made in).

use crate::event::{Action, Event, ExitKind, Message, Outcome};
use serde::Serialize;
use std::collections::HashMap;

/// The schema version written in every object's `v`.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct JsonArg<'a> {
    name: &'a str,
    kind: &'a str,
    raw: String,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a serde_json::Value>,
}

#[derive(Serialize)]
struct JsonCall<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    v: u32,
    seq: u64,
    time: f64,
    time_ns: u64,
    pid: i32,
    tid: i32,
    comm: &'a str,
    arch: &'static str,
    syscall: &'a str,
    nr: u32,
    args: Vec<JsonArg<'a>>,
    regs: [String; 6],
    text: String,
    action: &'static str,
    /// successful, failed, unfinished, unavailable.
    status: &'static str,
    /// The value the program sees (-1 on failure); null without a result.
    ret: Option<i64>,
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
    pid: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    core_dumped: Option<bool>,
}

fn secs(ns: u64) -> f64 {
    // Microsecond precision survives an f64 of epoch seconds; time_ns has
    // the rest.
    (ns / 1000) as f64 / 1e6
}

fn call(e: &Event, held: bool) -> JsonCall<'_> {
    let (action, rule) = match &e.action {
        Action::Allowed => ("allow", None),
        Action::Denied { rule, .. } => ("deny", Some(rule.as_str())),
    };
    let errno = e.result.errno();
    let ret = match e.result {
        Outcome::Returned(_) if errno.is_some() => Some(-1),
        Outcome::Returned(v) => Some(v),
        _ => None,
    };
    let status = e
        .result
        .status()
        .unwrap_or(crate::event::Status::Unfinished)
        .name();
    JsonCall {
        ty: "syscall",
        v: SCHEMA_VERSION,
        seq: e.seq,
        time: secs(e.time_ns),
        time_ns: e.time_ns,
        pid: e.pid,
        tid: e.tid,
        comm: &e.comm,
        arch: e.arch.name(),
        syscall: &e.name,
        nr: e.nr,
        args: e
            .decoded
            .iter()
            .map(|a| JsonArg {
                name: &a.name,
                kind: &a.kind,
                raw: format!("{:#x}", a.raw),
                text: &a.text,
                value: a.value.as_ref(),
            })
            .collect(),
        regs: e.args.map(|r| format!("{r:#x}")),
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
    }
}

/// Writes JSON lines, holding calls until their results come.
#[derive(Default)]
pub struct JsonFormatter {
    waiting: HashMap<u64, (Event, bool)>,
}

impl JsonFormatter {
    /// Appends the JSON line(s) for `msg` to `out`.
    pub fn format(&mut self, msg: &Message, out: &mut String) {
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
                    push_line(serde_json::to_string(&call(&e, held)), out);
                }
            }
            m => format(m, out),
        }
    }

    fn call(&mut self, e: &Event, held: bool, out: &mut String) {
        if e.result == Outcome::Pending {
            self.waiting.insert(e.seq, (e.clone(), held));
        } else {
            push_line(serde_json::to_string(&call(e, held)), out);
        }
    }

    /// Everything is over: calls still waiting never returned.
    pub fn finish(&mut self, out: &mut String) {
        let mut left: Vec<(Event, bool)> = self.waiting.drain().map(|(_, v)| v).collect();
        left.sort_by_key(|(e, _)| e.seq);
        for (mut e, held) in left {
            e.result = Outcome::NoReturn;
            push_line(serde_json::to_string(&call(&e, held)), out);
        }
    }
}

/// Appends the JSON line of one call to `out`, as it stands.
pub fn format_call(e: &Event, held: bool, out: &mut String) {
    push_line(serde_json::to_string(&call(e, held)), out);
}

/// Appends one JSON line for `msg` to `out`, as it stands (a call whose
/// result is pending is written with status `unfinished`).
pub fn format(msg: &Message, out: &mut String) {
    let json = match msg {
        Message::Batch(events) => {
            for e in events {
                push_line(serde_json::to_string(&call(e, false)), out);
            }
            return;
        }
        Message::Event(e) => serde_json::to_string(&call(e, false)),
        Message::Held(h) => serde_json::to_string(&call(&h.event, true)),
        Message::Result(_) => return,
        Message::Exit(x) => {
            let (exit_code, signal, core_dumped) = match x.how {
                ExitKind::Exited(c) => (Some(c), None, None),
                ExitKind::Signaled { signal, core } => {
                    (None, Some(crate::decode::signal_name(signal)), Some(core))
                }
            };
            serde_json::to_string(&JsonExit {
                ty: "exit",
                v: SCHEMA_VERSION,
                time: secs(x.time_ns),
                time_ns: x.time_ns,
                pid: x.pid,
                exit_code,
                signal,
                core_dumped,
            })
        }
    };
    push_line(json, out);
}

fn push_line(json: serde_json::Result<String>, out: &mut String) {
    // Serialising these types cannot fail: no maps with non-string keys.
    out.push_str(&json.expect("event serialises"));
    out.push('\n');
}
