//! Export of a trace to the Chrome trace-event JSON that Perfetto
//! (ui.perfetto.dev) and chrome://tracing open: `notrace export --chrome
//! trace.jsonl > trace.json`, and the UI's `X` key.
//!
//! Each process is a Chrome "process" and each thread a track of its own,
//! named by `process_name` / `thread_name` metadata events (`ph:"M"`). A
//! call with a known duration is a complete slice (`ph:"X"`, `ts` and
//! `dur` in microseconds); one without (no results, a call that never
//! returned) is a thread-scoped instant (`ph:"i"`, `s:"t"`). A process's
//! end is a process-scoped instant. Times are microseconds from the
//! trace's first call (the epoch time of that call is in `otherData`), so
//! the fractions keep nanoseconds.
//!
//! The writer streams: memory grows with the number of threads and of
//! calls still waiting for their result, never with the trace.

use crate::event::{Action, Event, ExitKind, Message, Outcome, ProcessExit};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};

/// Streams Chrome trace-event JSON to `out`.
pub struct ChromeWriter<W: Write> {
    out: W,
    /// Time of the first call, ns since the epoch: `ts` 0.
    origin: Option<u64>,
    /// Whether an element was written (a comma goes before the next).
    any: bool,
    /// The names written for processes and threads: written again when
    /// the thread's comm changes (after an execve), the last one wins.
    named_procs: HashMap<i32, String>,
    named_threads: HashMap<(i32, i32), String>,
    /// Calls whose result follows as a `Message::Result`.
    waiting: HashMap<u64, Event>,
    /// Slices and instants written.
    written: u64,
}

/// Microseconds from `origin` to `ns`, as the format wants (a float).
fn us(ns: u64, origin: u64) -> f64 {
    ns.saturating_sub(origin) as f64 / 1000.0
}

impl<W: Write> ChromeWriter<W> {
    /// Starts the document.
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n")?;
        Ok(ChromeWriter {
            out,
            origin: None,
            any: false,
            named_procs: HashMap::new(),
            named_threads: HashMap::new(),
            waiting: HashMap::new(),
            written: 0,
        })
    }

    fn element(&mut self, v: &Value) -> io::Result<()> {
        if self.any {
            self.out.write_all(b",\n")?;
        }
        self.any = true;
        serde_json::to_writer(&mut self.out, v).map_err(io::Error::other)
    }

    /// Takes one message of the event stream (results of pending calls
    /// included: the call is written once its result is known).
    pub fn push(&mut self, msg: &Message) -> io::Result<()> {
        match msg {
            Message::Event(e) => self.call(e),
            Message::Batch(es) => es.iter().try_for_each(|e| self.call(e)),
            Message::Held(h) => self.call(&h.event),
            Message::Result(r) => match self.waiting.remove(&r.seq) {
                Some(mut e) => {
                    e.result = r.result;
                    e.duration_ns = r.duration_ns;
                    self.slice(&e)
                }
                None => Ok(()),
            },
            Message::Exit(x) => self.exit(x),
        }
    }

    /// Takes one call.
    pub fn call(&mut self, e: &Event) -> io::Result<()> {
        if e.result == Outcome::Pending {
            self.waiting.insert(e.seq, e.clone());
            return Ok(());
        }
        self.slice(e)
    }

    fn names(&mut self, e: &Event) -> io::Result<()> {
        let main = e.tid == e.pid;
        if (main || !self.named_procs.contains_key(&e.pid))
            && self.named_procs.get(&e.pid) != Some(&e.comm)
        {
            self.named_procs.insert(e.pid, e.comm.clone());
            let v = json!({"ph":"M","name":"process_name","pid":e.pid,"tid":e.pid,
                "args":{"name":format!("{} ({})", e.comm, e.pid)}});
            self.element(&v)?;
        }
        if self.named_threads.get(&(e.pid, e.tid)) != Some(&e.comm) {
            self.named_threads.insert((e.pid, e.tid), e.comm.clone());
            let v = json!({"ph":"M","name":"thread_name","pid":e.pid,"tid":e.tid,
                "args":{"name":format!("{} {}", e.comm, e.tid)}});
            self.element(&v)?;
        }
        Ok(())
    }

    fn slice(&mut self, e: &Event) -> io::Result<()> {
        let origin = *self.origin.get_or_insert(e.time_ns);
        self.names(e)?;
        let mut args = serde_json::Map::new();
        args.insert("seq".into(), json!(e.seq));
        args.insert("call".into(), json!(crate::output::text::call_text(e)));
        if let Some(r) = crate::output::ret::text(&e.name, e.arch, &e.args, e.result) {
            args.insert("result".into(), json!(r));
        }
        if let Some(n) = e.result.errno() {
            args.insert("errno".into(), json!(crate::errno::name(n)));
        }
        if let Some(st) = e.result.status() {
            args.insert("status".into(), json!(st.name()));
        }
        if let Action::Denied { rule, .. } = &e.action {
            args.insert("denied_by".into(), json!(rule));
        }
        let cat = crate::tui::class::classify(&e.name).label().to_lowercase();
        let mut v = json!({
            "name": &*e.name,
            "cat": cat,
            "pid": e.pid,
            "tid": e.tid,
            "ts": us(e.time_ns, origin),
            "args": Value::Object(args),
        });
        match e.duration_ns {
            Some(d) => {
                v["ph"] = json!("X");
                v["dur"] = json!(d as f64 / 1000.0);
            }
            None => {
                v["ph"] = json!("i");
                v["s"] = json!("t");
            }
        }
        self.written += 1;
        self.element(&v)
    }

    fn exit(&mut self, x: &ProcessExit) -> io::Result<()> {
        let origin = *self.origin.get_or_insert(x.time_ns);
        let how = match x.how {
            ExitKind::Exited(c) => format!("exited with {c}"),
            ExitKind::Signaled { signal, core } => format!(
                "killed by {}{}",
                crate::decode::signal_name(signal),
                if core { " (core dumped)" } else { "" }
            ),
        };
        let v = json!({"ph":"i","s":"p","name":how,"cat":"exit","pid":x.pid,"tid":x.pid,
            "ts":us(x.time_ns, origin),"args":{}});
        self.written += 1;
        self.element(&v)
    }

    /// Ends the document (calls still waiting never returned: instants)
    /// and returns how many slices and instants were written.
    pub fn finish(mut self) -> io::Result<u64> {
        let mut left: Vec<Event> = self.waiting.drain().map(|(_, e)| e).collect();
        left.sort_by_key(|e| e.seq);
        for mut e in left {
            e.result = Outcome::NoReturn;
            self.slice(&e)?;
        }
        let other = json!({"tool":"notrace","origin_ns":self.origin.unwrap_or(0)});
        write!(self.out, "\n],\"otherData\":{other}}}\n")?;
        self.out.flush()?;
        Ok(self.written)
    }
}

/// Writes the Chrome JSON of `msgs` to `out`.
pub fn chrome<'a, W: Write>(
    msgs: impl IntoIterator<Item = &'a Message>,
    out: W,
) -> io::Result<u64> {
    let mut w = ChromeWriter::new(out)?;
    for m in msgs {
        w.push(m)?;
    }
    w.finish()
}

const USAGE: &str = "usage: notrace export --chrome TRACE.jsonl [-o OUT.json]\n\
\n\
Converts a JSONL trace (notrace --json -o TRACE.jsonl, or a trace saved\n\
from the UI) to Chrome trace-event JSON, for ui.perfetto.dev or\n\
chrome://tracing. Writes to stdout without -o.";

/// `notrace export ARGS...` (the arguments after `export`); returns the
/// exit status.
pub fn main(args: &[std::ffi::OsString]) -> i32 {
    let mut input = None;
    let mut output = None;
    let mut chrome_fmt = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--chrome") | Some("--perfetto") => chrome_fmt = true,
            Some("-o") | Some("--output") => match it.next() {
                Some(o) => output = Some(std::path::PathBuf::from(o)),
                None => return usage("-o needs a file name"),
            },
            Some("-h") | Some("--help") => {
                println!("{USAGE}");
                return 0;
            }
            Some(s) if s.starts_with('-') && s != "-" => {
                return usage(&format!("unknown option '{s}'"))
            }
            _ if input.is_none() => input = Some(std::path::PathBuf::from(a)),
            _ => return usage("one input file only"),
        }
    }
    if !chrome_fmt {
        return usage("say the format: --chrome (the only one so far)");
    }
    let Some(input) = input else {
        return usage("no input file");
    };
    let msgs = match crate::tui::load::load_file(&input) {
        Ok(m) => m,
        Err(e) => {
            crate::say!("notrace: {e}");
            return 1;
        }
    };
    let r = match &output {
        Some(p) => std::fs::File::create(p)
            .and_then(|f| chrome(&msgs, io::BufWriter::new(f)))
            .map_err(|e| format!("{}: {e}", p.display())),
        None => chrome(&msgs, io::BufWriter::new(io::stdout().lock())).map_err(|e| e.to_string()),
    };
    match r {
        Ok(_) => 0,
        // A reader that stops early (`| head`) is not an error.
        Err(_) if output.is_none() && io::stdout().flush().is_err() => 0,
        Err(e) => {
            crate::say!("notrace: export: {e}");
            1
        }
    }
}

fn usage(why: &str) -> i32 {
    crate::say!("notrace export: {why}\n{USAGE}");
    2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Arch, Resumed};
    use std::borrow::Cow;

    fn ev(seq: u64, tid: i32, t: u64, result: Outcome, dur: Option<u64>) -> Event {
        Event {
            seq,
            time_ns: t,
            pid: 100,
            tid,
            comm: "prog".into(),
            arch: Arch::X86_64,
            name: Cow::Borrowed("read"),
            nr: 0,
            args: [3, 0, 10, 0, 0, 0],
            decoded: Vec::new(),
            action: Action::Allowed,
            result,
            duration_ns: dur,
            ret_path: None,
            ip: 0,
        }
    }

    fn export(msgs: &[Message]) -> Value {
        let mut buf = Vec::new();
        chrome(msgs, &mut buf).unwrap();
        serde_json::from_slice(&buf).expect("valid JSON")
    }

    #[test]
    fn slices_instants_and_one_track_per_thread() {
        let msgs = vec![
            Message::Event(ev(1, 100, 1_000_000, Outcome::Returned(10), Some(2500))),
            Message::Event(ev(2, 101, 1_004_000, Outcome::NotCollected, None)),
            Message::Event(ev(3, 100, 1_010_000, Outcome::Pending, None)),
            Message::Result(Resumed {
                seq: 3,
                pid: 100,
                tid: 100,
                name: Cow::Borrowed("read"),
                arch: Arch::X86_64,
                nr: 0,
                args: [3, 0, 10, 0, 0, 0],
                time_ns: 1_020_000,
                result: Outcome::Returned(-11),
                duration_ns: Some(10_000),
                ret_path: None,
            }),
        ];
        let v = export(&msgs);
        let evs = v["traceEvents"].as_array().unwrap();
        let threads: Vec<_> = evs
            .iter()
            .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
            .map(|e| e["tid"].as_i64().unwrap())
            .collect();
        assert_eq!(threads, vec![100, 101]);
        let x: Vec<_> = evs.iter().filter(|e| e["ph"] == "X").collect();
        assert_eq!(x.len(), 2);
        assert_eq!(x[0]["ts"], 0.0);
        assert_eq!(x[0]["dur"], 2.5);
        assert_eq!(x[1]["ts"], 10.0);
        assert_eq!(x[1]["dur"], 10.0);
        assert_eq!(x[1]["args"]["errno"], "EAGAIN");
        let i: Vec<_> = evs.iter().filter(|e| e["ph"] == "i").collect();
        assert_eq!(i.len(), 1);
        assert_eq!(i[0]["tid"], 101);
        assert_eq!(i[0]["s"], "t");
        assert_eq!(v["otherData"]["origin_ns"], 1_000_000);
    }

    #[test]
    fn pending_calls_never_answered_become_instants() {
        let v = export(&[Message::Event(ev(1, 100, 5, Outcome::Pending, None))]);
        let evs = v["traceEvents"].as_array().unwrap();
        let calls: Vec<_> = evs.iter().filter(|e| e["ph"] != "M").collect();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0]["ph"], "i");
        assert_eq!(calls[0]["args"]["status"], "unfinished");
    }
}
