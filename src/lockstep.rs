//! Lockstep with the writer when the trace goes to a terminal: the
//! command's own output is likely on that same terminal, so a call is let
//! run only once its line is on the screen, and output the call causes
//! comes after its line, as under strace. Files and pipes keep batching
//! (see [`crate::outbox`]); only this mode makes the supervisor wait for
//! the writer, and never longer than [`MAX_WAIT`].

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The longest a call waits for its line: a terminal that does not take
/// output (scroll lock, a stopped reader) slows the command down, but
/// never stops it.
pub const MAX_WAIT: Duration = Duration::from_millis(250);

/// The last event sequence number the writer has written and flushed.
#[derive(Debug, Default)]
pub struct Lockstep {
    written: Mutex<u64>,
    cv: Condvar,
}

impl Lockstep {
    /// A lockstep where nothing is written yet.
    pub fn new() -> Lockstep {
        Lockstep::default()
    }

    /// The writer: events up to `seq` are on the terminal.
    pub fn wrote(&self, seq: u64) {
        let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if seq > *w {
            *w = seq;
            self.cv.notify_all();
        }
    }

    /// The supervisor: waits until event `seq` is written (or
    /// [`MAX_WAIT`] has passed). Returns whether it was.
    pub fn wait(&self, seq: u64) -> bool {
        let deadline = Instant::now() + MAX_WAIT;
        let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while *w < seq {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            w = self
                .cv
                .wait_timeout(w, left)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn waits_for_the_writer_and_not_forever() {
        let l = Arc::new(Lockstep::new());
        let w = l.clone();
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            w.wrote(2);
        });
        let start = Instant::now();
        assert!(l.wait(2));
        assert!(start.elapsed() >= Duration::from_millis(15));
        t.join().unwrap();
        let start = Instant::now();
        assert!(!l.wait(3));
        assert!(start.elapsed() >= MAX_WAIT);
    }
}
