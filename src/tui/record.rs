//! Recording while the UI watches: the tee that feeds `-o FILE` beside the
//! UI, and the [`Recorder`] that keeps the whole trace on disk so that the
//! in-memory cap never loses it (scroll-back, `w` save, `X` export).
//!
//! The recorder writes every call, once its result is known, as one JSONL
//! line (the `--json` format) to an unlinked temporary file, and keeps the
//! offset of each line by the call's position in the stream (what the UI
//! calls a row's `abs`). Rows let go by the cap are read back from there
//! when the user scrolls to them; saving is a copy of the file.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufWriter, Read, Seek, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Arc;

use crate::event::{Event, Message, Outcome};

/// Copies each message from `rx` to two bounded channels: the UI's (first
/// returned) and the writer's. Each gets every message; a consumer that
/// is slow holds the other up only once its own channel is full (the same
/// backpressure the supervisor sees from a single consumer). A consumer
/// that goes away (the UI after `b`) is dropped and the other goes on.
/// Held calls reach the UI with their reply; the writer gets a copy whose
/// reply answers nothing.
pub fn tee(rx: Receiver<Message>, cap: usize) -> (Receiver<Message>, Receiver<Message>) {
    let (ui_tx, ui_rx) = mpsc::sync_channel(cap);
    let (w_tx, w_rx) = mpsc::sync_channel(cap);
    std::thread::Builder::new()
        .name("notrace-tee".into())
        .spawn(move || {
            let mut ui: Option<SyncSender<Message>> = Some(ui_tx);
            let mut w: Option<SyncSender<Message>> = Some(w_tx);
            for msg in rx {
                if let Some(tx) = &w {
                    if tx.send(copy(&msg)).is_err() {
                        w = None;
                    }
                }
                if let Some(tx) = &ui {
                    // A held call the UI can no longer take is dropped
                    // here, which allows it.
                    if tx.send(msg).is_err() {
                        ui = None;
                    }
                }
                if ui.is_none() && w.is_none() {
                    return;
                }
            }
        })
        .expect("spawn tee thread");
    (ui_rx, w_rx)
}

/// A copy of `m` for a second consumer.
pub fn copy(m: &Message) -> Message {
    match m {
        Message::Event(e) => Message::Event(e.clone()),
        Message::Batch(es) => Message::Batch(es.clone()),
        Message::Held(h) => Message::Held(h.copy()),
        Message::Exit(x) => Message::Exit(x.clone()),
        Message::Result(r) => Message::Result(r.clone()),
    }
}

/// Not written yet: the call waits for its result.
const UNWRITTEN: u64 = u64::MAX;

/// The whole trace, on disk, by row.
#[derive(Debug)]
pub struct Recorder {
    out: BufWriter<File>,
    /// A second handle on the same file, read with `pread` (no shared
    /// offset with `out`), also from save/export threads.
    file: Arc<File>,
    /// Bytes written to `out` (flushed or not).
    len: u64,
    /// Offset of each call's line, by its position in the stream.
    index: Vec<u64>,
    /// Calls waiting for their result: position and message (an Event or
    /// a Held copy).
    waiting: HashMap<u64, (u64, Message)>,
    line: String,
}

impl Recorder {
    /// A recorder on an unlinked file in `dir` (the system's temporary
    /// directory when `None`).
    pub fn new(dir: Option<&Path>) -> io::Result<Recorder> {
        let dir = dir
            .map(Path::to_path_buf)
            .unwrap_or_else(std::env::temp_dir);
        let f = unnamed_file(&dir)?;
        Ok(Recorder {
            file: Arc::new(f.try_clone()?),
            out: BufWriter::with_capacity(256 * 1024, f),
            len: 0,
            index: Vec::new(),
            waiting: HashMap::new(),
            line: String::with_capacity(512),
        })
    }

    /// Calls seen so far.
    pub fn calls(&self) -> u64 {
        self.index.len() as u64
    }

    /// Takes one message, in stream order (call it for every message the
    /// UI gets, before the UI takes it).
    pub fn push(&mut self, msg: &Message) -> io::Result<()> {
        match msg {
            Message::Event(e) => self.call(e, false, || Message::Event(e.clone())),
            Message::Batch(es) => es
                .iter()
                .try_for_each(|e| self.call(e, false, || Message::Event(e.clone()))),
            Message::Held(h) => self.call(&h.event, true, || Message::Held(h.copy())),
            Message::Result(r) => {
                let Some((pos, mut m)) = self.waiting.remove(&r.seq) else {
                    return Ok(());
                };
                let e = match &mut m {
                    Message::Event(e) => e,
                    Message::Held(h) => &mut h.event,
                    _ => unreachable!("only calls wait"),
                };
                e.result = r.result;
                e.duration_ns = r.duration_ns;
                e.ret_path = r.ret_path.clone();
                self.index[pos as usize] = self.len;
                self.write(&m)
            }
            Message::Exit(_) => self.write(msg),
        }
    }

    fn call(&mut self, e: &Event, held: bool, m: impl FnOnce() -> Message) -> io::Result<()> {
        let pos = self.index.len() as u64;
        if e.result == Outcome::Pending {
            self.index.push(UNWRITTEN);
            self.waiting.insert(e.seq, (pos, m()));
            Ok(())
        } else {
            self.index.push(self.len);
            self.line.clear();
            crate::output::json::format_call(e, held, &mut self.line);
            self.put_line()
        }
    }

    fn write(&mut self, m: &Message) -> io::Result<()> {
        self.line.clear();
        crate::output::json::format(m, &mut self.line);
        self.put_line()
    }

    fn put_line(&mut self) -> io::Result<()> {
        self.out.write_all(self.line.as_bytes())?;
        self.len += self.line.len() as u64;
        Ok(())
    }

    /// The calls at positions `from..to`, as far as they are recorded (a
    /// call still waiting for its result comes as it stands).
    pub fn load(&mut self, from: u64, to: u64) -> io::Result<Vec<Event>> {
        let to = to.min(self.calls());
        // Old rows are on disk already: a write (which may wait for the
        // disk) only when the range reaches what is still buffered.
        let on_disk = self.len - self.out.buffer().len() as u64;
        let last = self.index[from.min(to) as usize..to as usize]
            .iter()
            .filter(|&&o| o != UNWRITTEN)
            .max()
            .copied();
        if last.is_some_and(|o| o >= on_disk) {
            self.out.flush()?;
        }
        let mut out = Vec::with_capacity(to.saturating_sub(from) as usize);
        let mut r = io::BufReader::with_capacity(64 * 1024, At::new(self.file.clone(), 0));
        let mut line = String::new();
        let mut at = u64::MAX;
        for pos in from..to {
            let off = self.index[pos as usize];
            if off == UNWRITTEN {
                if let Some(e) = self.waiting_event(pos) {
                    out.push(e);
                }
                continue;
            }
            // Lines are mostly in order: seek only when they are not.
            if off != at {
                r.seek(io::SeekFrom::Start(off))?;
            }
            line.clear();
            let n = r.read_line(&mut line)?;
            at = off + n as u64;
            match super::load::parse_line(&line) {
                Ok(Some(Message::Event(e))) => out.push(e),
                Ok(_) => {}
                Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
            }
        }
        Ok(out)
    }

    fn waiting_event(&self, pos: u64) -> Option<Event> {
        self.waiting
            .values()
            .find(|(p, _)| *p == pos)
            .map(|(_, m)| match m {
                Message::Event(e) => e.clone(),
                Message::Held(h) => h.event.clone(),
                _ => unreachable!("only calls wait"),
            })
    }

    /// What a save or an export reads: the file as written so far, and
    /// the calls still waiting (as they stand, in order).
    pub fn snapshot(&mut self) -> io::Result<Snapshot> {
        self.out.flush()?;
        let mut left: Vec<&Message> = self.waiting.values().map(|(_, m)| m).collect();
        left.sort_by_key(|m| match m {
            Message::Event(e) => e.seq,
            Message::Held(h) => h.event.seq,
            _ => 0,
        });
        let mut tail = String::new();
        for m in left {
            crate::output::json::format(m, &mut tail);
        }
        Ok(Snapshot {
            file: self.file.clone(),
            len: self.len,
            tail,
        })
    }
}

/// The recorded trace at one moment, for a thread to copy or convert.
pub struct Snapshot {
    file: Arc<File>,
    len: u64,
    tail: String,
}

impl Snapshot {
    /// The JSONL text of the trace.
    pub fn reader(&self) -> impl BufRead + '_ {
        io::BufReader::with_capacity(
            256 * 1024,
            At::new(self.file.clone(), 0)
                .take(self.len)
                .chain(self.tail.as_bytes()),
        )
    }

    /// Writes the trace as JSONL to `path`; returns the bytes written.
    pub fn save(&self, path: &Path) -> io::Result<u64> {
        let mut f = BufWriter::new(File::create(path)?);
        let n = io::copy(&mut self.reader(), &mut f)?;
        f.flush()?;
        Ok(n)
    }

    /// Writes the trace as Chrome trace-event JSON to `path`; returns the
    /// calls written.
    pub fn export_chrome(&self, path: &Path) -> io::Result<u64> {
        let f = BufWriter::new(File::create(path)?);
        let mut w = crate::export::ChromeWriter::new(f)?;
        for line in self.reader().lines() {
            match super::load::parse_line(&line?) {
                Ok(Some(m)) => w.push(&m)?,
                Ok(None) => {}
                Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
            }
        }
        w.finish()
    }
}

/// The UI has closed: waits (a while) for saves still running, so that
/// quitting right after `w` does not leave half a file.
pub fn finish_saves(app: &mut super::App) {
    let t0 = std::time::Instant::now();
    while app.poll_jobs() && t0.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    if let Some(n) = app.note.as_deref().filter(|n| n.starts_with("cannot save")) {
        crate::say!("notrace: {n}");
    }
}

/// Reads a shared file from its own offset (`pread`).
struct At {
    file: Arc<File>,
    off: u64,
}

impl At {
    fn new(file: Arc<File>, off: u64) -> At {
        At { file, off }
    }
}

impl Read for At {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read_at(buf, self.off)?;
        self.off += n as u64;
        Ok(n)
    }
}

impl Seek for At {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.off = match pos {
            io::SeekFrom::Start(o) => o,
            io::SeekFrom::Current(d) => self.off.saturating_add_signed(d),
            io::SeekFrom::End(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::Unsupported,
                    "no seek from the end",
                ))
            }
        };
        Ok(self.off)
    }
}

/// A file in `dir` that no name leads to: gone when notrace ends, however
/// it ends. O_TMPFILE where the filesystem has it, else created and
/// unlinked at once.
fn unnamed_file(dir: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let tmpfile = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(libc::O_TMPFILE)
        .open(dir);
    match tmpfile {
        Ok(f) => Ok(f),
        Err(_) => {
            let p = dir.join(format!(
                "notrace-record-{}-{}",
                std::process::id(),
                crate::event::wall_ns()
            ));
            let f = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&p)?;
            let _ = std::fs::remove_file(&p);
            Ok(f)
        }
    }
}

/// A name for a file saved from the UI: `notrace-YYYYmmdd-HHMMSS.EXT` in
/// the current directory (UTC).
pub fn default_name(ext: &str) -> PathBuf {
    let secs = crate::event::wall_ns() / 1_000_000_000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = crate::event::civil_from_days(days as i64);
    PathBuf::from(format!(
        "notrace-{y:04}{m:02}{d:02}-{:02}{:02}{:02}.{ext}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Action, Arch, Resumed};
    use std::borrow::Cow;

    fn ev(seq: u64, result: Outcome) -> Event {
        Event {
            seq,
            time_ns: 1_000 + seq,
            pid: 7,
            tid: 7,
            comm: "c".into(),
            arch: Arch::X86_64,
            name: Cow::Borrowed("getpid"),
            nr: 39,
            args: [0; 6],
            decoded: Vec::new(),
            action: Action::Allowed,
            result,
            duration_ns: None,
            ret_path: None,
            ip: 0,
        }
    }

    #[test]
    fn rows_come_back_by_position_with_late_results() {
        let mut r = Recorder::new(None).unwrap();
        r.push(&Message::Batch(
            (1..=5).map(|s| ev(s, Outcome::Returned(7))).collect(),
        ))
        .unwrap();
        r.push(&Message::Event(ev(6, Outcome::Pending))).unwrap();
        r.push(&Message::Event(ev(7, Outcome::Returned(7))))
            .unwrap();
        // Still waiting: comes back as it stands.
        let got = r.load(5, 7).unwrap();
        assert_eq!(got.iter().map(|e| e.seq).collect::<Vec<_>>(), [6, 7]);
        assert_eq!(got[0].result, Outcome::Pending);
        r.push(&Message::Result(Resumed {
            seq: 6,
            pid: 7,
            tid: 7,
            name: Cow::Borrowed("getpid"),
            arch: Arch::X86_64,
            nr: 39,
            args: [0; 6],
            time_ns: 2_000,
            result: Outcome::Returned(-2),
            duration_ns: Some(55),
            ret_path: None,
        }))
        .unwrap();
        let got = r.load(0, 100).unwrap();
        assert_eq!(
            got.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7]
        );
        assert_eq!(got[5].result, Outcome::Returned(-2));
        assert_eq!(got[5].duration_ns, Some(55));
        let snap = r.snapshot().unwrap();
        let text: Vec<String> = snap.reader().lines().map(Result::unwrap).collect();
        assert_eq!(text.len(), 7);
        assert!(text[6].contains("\"seq\":6"), "{}", text[6]);
    }

    #[test]
    fn default_names_are_dated() {
        assert_eq!(crate::event::civil_from_days(0), (1970, 1, 1));
        assert_eq!(crate::event::civil_from_days(20_454), (2026, 1, 1));
        let n = default_name("jsonl").display().to_string();
        assert!(n.starts_with("notrace-2") && n.ends_with(".jsonl"), "{n}");
    }
}
