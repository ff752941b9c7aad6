//! `-ff`: one file per thread (`FILE.TID`, strace's naming), each with its
//! own formatter, so no line carries a pid and a call left open in one
//! file is never cut by another thread's line. The summary, if any, goes
//! to stderr.

use super::dest::Split;
use super::{json, text, Format, OutputConfig, WriterReport};
use crate::event::Message;
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{Receiver, TryRecvError};

/// One thread's file.
struct PerThread {
    out: Option<BufWriter<std::fs::File>>,
    text: text::TextFormatter,
    json: json::JsonFormatter,
}

struct Files<'a> {
    split: &'a Split,
    cfg: &'a OutputConfig,
    threads: HashMap<i32, PerThread>,
    warned: bool,
    report: WriterReport,
}

impl Files<'_> {
    fn thread(&mut self, tid: i32) -> &mut PerThread {
        let (split, cfg, warned) = (self.split, self.cfg, &mut self.warned);
        self.threads.entry(tid).or_insert_with(|| {
            let out = match split.open(tid) {
                Ok(f) => Some(BufWriter::with_capacity(16 * 1024, f)),
                Err(e) => {
                    if !*warned {
                        *warned = true;
                        crate::say!("notrace: cannot write {}.{tid}: {e}; that thread's calls are not written",
                            split.base.display()
                        );
                    }
                    None
                }
            };
            PerThread {
                out,
                text: text::TextFormatter::with_options(text::TextOptions {
                    pids: text::PidPrefix::Never,
                    ..super::text_options(cfg)
                }),
                json: json::JsonFormatter::default(),
            }
        })
    }

    fn one(&mut self, msg: &Message, line: &mut String) {
        let tid = match msg {
            Message::Event(e) => e.tid,
            Message::Held(h) => h.event.tid,
            Message::Result(r) => r.tid,
            Message::Exit(x) => x.pid,
            Message::Batch(_) => return,
        };
        if !matches!(msg, Message::Exit(_) | Message::Result(_)) {
            self.report.events += 1;
        }
        let format = self.cfg.format;
        let t = self.thread(tid);
        line.clear();
        match format {
            Format::Text => t.text.format(msg, line),
            Format::Json => t.json.format(msg, line),
        }
        let failed = match &mut t.out {
            Some(o) => o.write_all(line.as_bytes()).is_err(),
            None => true,
        };
        if failed && !line.is_empty() {
            self.report.unwritten += 1;
        }
        if let Message::Exit(_) = msg {
            // The process is over: its file is complete.
            if let Some(mut t) = self.threads.remove(&tid) {
                line.clear();
                match format {
                    Format::Text => t.text.finish(line),
                    Format::Json => t.json.finish(line),
                }
                if let Some(o) = &mut t.out {
                    let _ = o.write_all(line.as_bytes());
                    let _ = o.flush();
                }
            }
        }
    }
}

/// Drains `rx` into one file per thread until every sender is gone.
pub fn write_split(rx: Receiver<Message>, split: &Split, cfg: &OutputConfig) -> WriterReport {
    let mut files = Files {
        split,
        cfg,
        threads: HashMap::new(),
        warned: false,
        report: WriterReport::default(),
    };
    let mut summary = super::summary::Summary::new(cfg.results);
    let mut line = String::with_capacity(256);
    loop {
        let msg = match rx.try_recv() {
            Ok(m) => m,
            Err(TryRecvError::Empty) => {
                for t in files.threads.values_mut() {
                    if let Some(o) = &mut t.out {
                        let _ = o.flush();
                    }
                }
                match rx.recv() {
                    Ok(m) => m,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        let msgs = match msg {
            Message::Batch(events) => events.into_iter().map(Message::Event).collect(),
            m => vec![m],
        };
        for m in &msgs {
            match m {
                Message::Event(e) => summary.add(e),
                Message::Held(h) => summary.add(&h.event),
                Message::Result(r) => summary.resume(r),
                _ => {}
            }
            if cfg.events {
                files.one(m, &mut line);
            }
        }
    }
    for (_, mut t) in files.threads.drain() {
        line.clear();
        match cfg.format {
            Format::Text => t.text.finish(&mut line),
            Format::Json => t.json.finish(&mut line),
        }
        if let Some(o) = &mut t.out {
            let _ = o.write_all(line.as_bytes());
            let _ = o.flush();
        }
    }
    if cfg.summary {
        line.clear();
        summary.render(&mut line);
        let _ = io::stderr().write_all(line.as_bytes());
    }
    files.report
}
