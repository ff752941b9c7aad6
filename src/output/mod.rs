//! Consumers of the event stream: strace-like text, JSONL, and the `-c`
//! summary. One writer thread drains the channel; when the output fails
//! (EPIPE, ENOSPC) it warns once and keeps draining, so the supervisor and
//! the tracee never notice.

pub mod dest;
pub mod json;
pub mod ret;
pub mod split;
pub mod summary;
pub mod text;

use crate::event::{Message, Status};
use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How events are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// strace-like lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Output settings.
#[derive(Debug, Clone)]
pub struct OutputConfig {
    /// Text or JSONL.
    pub format: Format,
    /// `-t` count: 0 none, 1 `-t`, 2 `-tt`, 3 `-ttt`.
    pub timestamps: u8,
    /// `-T`: time spent in each call.
    pub durations: bool,
    /// `-z`, `-Z`, `-e status=`: only calls with these outcomes.
    pub status: Option<HashSet<Status>>,
    /// Whether return values are collected (the summary's columns).
    pub results: bool,
    /// Write each event (false with `-c` alone).
    pub events: bool,
    /// Print the summary table at the end (`-c`, `-C`).
    pub summary: bool,
    /// Flush after every line (the reader is a pipe or a terminal).
    pub line_flush: bool,
    /// What the JSONL header says (and the options the JSONL obeys).
    pub header: Option<json::Header>,
    /// The other text options (pids, `-r`, `-n`, `-i`, `-Y`, `-qq`); its
    /// timestamps, durations and status are taken from the fields above.
    pub text: text::TextOptions,
    /// `-S`: the summary's order.
    pub sort: summary::SortBy,
    /// The trace goes to a terminal: each event is acknowledged once
    /// written and flushed (see [`crate::lockstep`]).
    pub lockstep: Option<std::sync::Arc<crate::lockstep::Lockstep>>,
}

/// The text options `cfg` asks for.
pub(crate) fn text_options(cfg: &OutputConfig) -> text::TextOptions {
    text::TextOptions {
        timestamps: cfg.timestamps,
        durations: cfg.durations,
        status: cfg.status.clone(),
        ..cfg.text.clone()
    }
}

/// Parses strace's `-e status=SET` (the text after `status=`): names
/// among successful, failed, unfinished, unavailable (detached is
/// accepted and never matches: notrace never detaches), `all`, `none`,
/// and `!` negation (a SET starting with `!` starts from all).
pub fn parse_status(set: &str) -> Result<HashSet<Status>, String> {
    const ALL: [Status; 4] = [
        Status::Successful,
        Status::Failed,
        Status::Unfinished,
        Status::Unavailable,
    ];
    const NAMES: [&str; 7] = [
        "successful",
        "failed",
        "unfinished",
        "unavailable",
        "detached",
        "all",
        "none",
    ];
    let mut out = HashSet::new();
    for (i, raw) in set.split(',').enumerate() {
        let tok = raw.trim();
        let (neg, name) = match tok.strip_prefix('!') {
            Some(n) => (true, n),
            None => (false, tok),
        };
        if i == 0 && neg {
            out.extend(ALL);
        }
        let what: Vec<Status> = match name {
            "all" => ALL.to_vec(),
            "none" | "detached" => Vec::new(),
            n => match ALL.iter().find(|s| s.name() == n) {
                Some(s) => vec![*s],
                None => {
                    let near = NAMES
                        .iter()
                        .min_by_key(|c| crate::select::levenshtein(c, n))
                        .expect("names");
                    return Err(format!(
                        "unknown status '{n}' in -e status={set}; did you mean '{near}'? (one of: {})",
                        NAMES.join(", ")
                    ));
                }
            },
        };
        for st in what {
            if neg {
                out.remove(&st);
            } else {
                out.insert(st);
            }
        }
    }
    Ok(out)
}

/// What the writer did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriterReport {
    /// Events received.
    pub events: u64,
    /// Events that could not be written after the output failed.
    pub unwritten: u64,
}

struct Sink<W: Write> {
    out: W,
    failed: bool,
    report: WriterReport,
}

impl<W: Write> Sink<W> {
    fn write(&mut self, buf: &[u8]) {
        if self.failed {
            return;
        }
        if let Err(e) = self.out.write_all(buf) {
            self.fail(e);
        }
    }
    fn flush(&mut self) {
        if !self.failed {
            if let Err(e) = self.out.flush() {
                self.fail(e);
            }
        }
    }
    fn fail(&mut self, e: io::Error) {
        self.failed = true;
        let why = if e.kind() == io::ErrorKind::BrokenPipe {
            "the reader closed the pipe".to_string()
        } else {
            e.to_string()
        };
        // Best effort: stderr may be what failed.
        crate::say!("notrace: output failed ({why}); tracing continues without output until the command exits"
        );
    }
}

/// The consumers one writer feeds.
struct Formatters {
    text: text::TextFormatter,
    json: json::JsonFormatter,
    summary: summary::Summary,
}

/// Writes one (non-batch) message.
fn one<W: Write>(
    msg: &Message,
    sink: &mut Sink<W>,
    f: &mut Formatters,
    line: &mut String,
    cfg: &OutputConfig,
) {
    // The table is built only when it is printed (its map work per event
    // showed in the benchmark's profile).
    if cfg.summary {
        match msg {
            Message::Event(e) => f.summary.add(e),
            Message::Held(h) => f.summary.add(&h.event),
            Message::Result(r) => f.summary.resume(r),
            Message::Exit(_) | Message::Batch(_) => {}
        }
    }
    if !matches!(msg, Message::Exit(_) | Message::Result(_)) {
        sink.report.events += 1;
        if sink.failed && cfg.events {
            sink.report.unwritten += 1;
        }
    }
    if !cfg.events {
        return;
    }
    line.clear();
    match cfg.format {
        Format::Text => f.text.format(msg, line),
        Format::Json => f.json.format(msg, line),
    }
    sink.write(line.as_bytes());
    if cfg.line_flush || cfg.lockstep.is_some() {
        sink.flush();
    }
    if let Some(l) = &cfg.lockstep {
        match msg {
            Message::Event(e) => l.wrote(e.seq),
            Message::Held(h) => l.wrote(h.event.seq),
            _ => {}
        }
    }
}

/// Drains `rx` into `out` until every sender is gone; returns what was done.
pub fn write_all<W: Write>(rx: Receiver<Message>, out: W, cfg: &OutputConfig) -> WriterReport {
    let mut sink = Sink {
        out,
        failed: false,
        report: WriterReport::default(),
    };
    let mut f = Formatters {
        text: text::TextFormatter::with_options(text_options(cfg)),
        json: json::JsonFormatter::new(cfg.header.clone()).with_status(cfg.status.clone()),
        summary: summary::Summary::new(cfg.results).sorted(cfg.sort),
    };
    let mut line = String::with_capacity(256);
    loop {
        let msg = match rx.try_recv() {
            Ok(m) => m,
            Err(TryRecvError::Empty) => {
                // Idle: get what we have to the reader before blocking.
                sink.flush();
                match rx.recv() {
                    Ok(m) => m,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        match msg {
            Message::Batch(events) => {
                for e in events {
                    one(&Message::Event(e), &mut sink, &mut f, &mut line, cfg);
                }
            }
            m => one(&m, &mut sink, &mut f, &mut line, cfg),
        }
    }
    if cfg.events {
        line.clear();
        match cfg.format {
            Format::Text => f.text.finish(&mut line),
            Format::Json => f.json.finish(&mut line),
        }
        sink.write(line.as_bytes());
    }
    if cfg.summary {
        line.clear();
        f.summary.render(&mut line);
        if cfg.format == Format::Json {
            // The JSONL stays JSONL (`-C --json | jq` works): the table,
            // which is for people, goes to stderr.
            let _ = io::stderr().write_all(line.as_bytes());
        } else {
            sink.write(line.as_bytes());
        }
    }
    sink.flush();
    sink.report
}
