//! Consumers of the event stream: strace-like text, JSONL, and the `-c`
//! summary. One writer thread drains the channel; when the output fails
//! (EPIPE, ENOSPC) it warns once and keeps draining, so the supervisor and
//! the tracee never notice.

pub mod json;
pub mod summary;
pub mod text;

use crate::event::Message;
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
    /// Write each event (false with `-c` alone).
    pub events: bool,
    /// Print the summary table at the end (`-c`, `-C`).
    pub summary: bool,
    /// Flush after every line (the reader is a pipe or a terminal).
    pub line_flush: bool,
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
        let _ = writeln!(
            io::stderr(),
            "notrace: output failed ({why}); tracing continues without output until the command exits"
        );
    }
}

/// Writes one (non-batch) message.
fn one<W: Write>(
    msg: &Message,
    sink: &mut Sink<W>,
    text: &mut text::TextFormatter,
    summary: &mut summary::Summary,
    line: &mut String,
    cfg: &OutputConfig,
) {
    match msg {
        Message::Event(e) => summary.add(e),
        Message::Held(h) => summary.add(&h.event),
        Message::Exit(_) | Message::Batch(_) => {}
    }
    if !matches!(msg, Message::Exit(_)) {
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
        Format::Text => text.format(msg, line),
        Format::Json => json::format(msg, line),
    }
    sink.write(line.as_bytes());
    if cfg.line_flush {
        sink.flush();
    }
}

/// Drains `rx` into `out` until every sender is gone; returns what was done.
pub fn write_all<W: Write>(rx: Receiver<Message>, out: W, cfg: &OutputConfig) -> WriterReport {
    let mut sink = Sink {
        out,
        failed: false,
        report: WriterReport::default(),
    };
    let mut text = text::TextFormatter::new(cfg.timestamps);
    let mut summary = summary::Summary::default();
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
                    one(
                        &Message::Event(e),
                        &mut sink,
                        &mut text,
                        &mut summary,
                        &mut line,
                        cfg,
                    );
                }
            }
            m => one(&m, &mut sink, &mut text, &mut summary, &mut line, cfg),
        }
    }
    if cfg.summary {
        line.clear();
        summary.render(&mut line);
        sink.write(line.as_bytes());
    }
    sink.flush();
    sink.report
}
