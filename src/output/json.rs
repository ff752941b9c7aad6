//! JSONL output, schema version 1 (see docs/jsonl.md): one object per line,
//! `"type":"syscall"` for calls and `"type":"exit"` for process ends.

use crate::event::{Action, Event, ExitKind, Message};
use serde::Serialize;

/// The schema version written in every object's `v`.
pub const SCHEMA_VERSION: u32 = 1;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    errno: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errno_nr: Option<i32>,
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
    let (action, errno, errno_nr, rule) = match &e.action {
        Action::Allowed => ("allow", None, None, None),
        Action::Denied { errno, rule } => (
            "deny",
            Some(crate::errno::name(*errno)),
            Some(*errno),
            Some(rule.as_str()),
        ),
    };
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
        errno,
        errno_nr,
        rule,
        held,
    }
}

/// Appends one JSON line for `msg` to `out`.
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
