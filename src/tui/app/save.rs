//! The `w` (save the trace as JSONL) and `X` (export it as Chrome
//! trace-event JSON) keys: the recorder's file is copied or converted on a
//! thread of its own, so that the UI goes on; the status line says where
//! the file went, or why it did not.

use super::App;
use crate::tui::record;
use std::path::PathBuf;
use std::sync::mpsc;

/// What a save or an export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// The trace as JSONL (`notrace view` opens it).
    Jsonl,
    /// Chrome trace-event JSON (Perfetto, chrome://tracing).
    Chrome,
}

impl App {
    /// Starts saving (or exporting) the whole trace to `path`, or to a
    /// dated name in the current directory.
    pub fn save(&mut self, kind: SaveKind, path: Option<PathBuf>) {
        let Some(rec) = self.recorder.as_mut() else {
            self.note = Some("nothing recorded to save".into());
            return;
        };
        let snap = match rec.snapshot() {
            Ok(s) => s,
            Err(e) => {
                self.note = Some(format!("cannot save: {e}"));
                return;
            }
        };
        let path = path.unwrap_or_else(|| {
            record::default_name(match kind {
                SaveKind::Jsonl => "jsonl",
                SaveKind::Chrome => "json",
            })
        });
        let calls = rec.calls();
        let (tx, rx) = mpsc::channel();
        self.note = Some(format!("saving {calls} calls to {} …", path.display()));
        let spawned = std::thread::Builder::new()
            .name("notrace-save".into())
            .spawn(move || {
                let r = match kind {
                    SaveKind::Jsonl => snap.save(&path).map(|_| "saved"),
                    SaveKind::Chrome => snap.export_chrome(&path).map(|_| "exported"),
                };
                let _ = tx.send(match r {
                    Ok(verb) => format!("{verb} {calls} calls to {}", path.display()),
                    Err(e) => format!("cannot save {}: {e}", path.display()),
                });
            });
        match spawned {
            Ok(_) => self.jobs.push(rx),
            Err(e) => self.note = Some(format!("cannot save: {e}")),
        }
    }

    /// Puts what finished saves said in the status line; true while one
    /// still runs.
    pub fn poll_jobs(&mut self) -> bool {
        let mut done = Vec::new();
        self.jobs.retain(|rx| match rx.try_recv() {
            Ok(msg) => {
                done.push(msg);
                false
            }
            Err(mpsc::TryRecvError::Empty) => true,
            Err(mpsc::TryRecvError::Disconnected) => false,
        });
        if let Some(msg) = done.pop() {
            self.note = Some(msg);
        }
        !self.jobs.is_empty()
    }
}
