//! Calls notrace performs for a tracee that may block (a FIFO or device
//! open, a blocking connect) run on a thread of their own, watched: when
//! the caller stops waiting (killed, or interrupted by a signal, after
//! which a restarted call comes as a new notification), the blocked call
//! is interrupted (EINTR), so that its thread and fds do not pile up for
//! as long as notrace runs (an open of a FIFO nobody opens for writing
//! never returns by itself).

use crate::sys;
use std::os::fd::{AsFd, OwnedFd};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the watcher asks whether the caller still waits.
const WATCH_EVERY: Duration = Duration::from_millis(50);

/// Where the worker is.
#[derive(Clone, Copy)]
enum State {
    Starting,
    /// In `call`, on this thread: it may be signalled.
    Running(libc::pthread_t),
    /// Past `call`: it may end at any time and must not be signalled.
    Done,
}

/// Runs `call` on a new thread and hands its result to `answer`; while
/// `call` runs, a watcher interrupts it once notification `id` is no
/// longer pending on `listener`. Fails only if no thread can be started.
pub fn run<R: Send + 'static>(
    listener: OwnedFd,
    id: u64,
    call: Box<dyn FnOnce() -> R + Send>,
    answer: impl FnOnce(&OwnedFd, R) + Send + 'static,
) -> std::io::Result<()> {
    let listener = Arc::new(listener);
    let state = Arc::new(Mutex::new(State::Starting));
    let watched = sys::install_interrupt_handler().is_ok();
    let (l, st) = (listener.clone(), state.clone());
    std::thread::Builder::new()
        .name("rule-call".into())
        .spawn(move || {
            *st.lock().unwrap_or_else(|e| e.into_inner()) = State::Running(sys::this_thread());
            let r = call();
            *st.lock().unwrap_or_else(|e| e.into_inner()) = State::Done;
            answer(&l, r);
        })?;
    if !watched {
        return Ok(());
    }
    let spawned = std::thread::Builder::new()
        .name("rule-call-watch".into())
        .spawn(move || loop {
            std::thread::sleep(WATCH_EVERY);
            let st = state.lock().unwrap_or_else(|e| e.into_inner());
            match *st {
                State::Starting => {}
                State::Done => break,
                State::Running(t) => {
                    if !sys::notif_id_valid(listener.as_fd(), id) {
                        // SAFETY: the worker sets Done under this lock
                        // before it can end, so while we hold the lock
                        // and see Running it is alive.
                        unsafe { sys::interrupt_thread(t) };
                    }
                }
            }
        });
    // Without a watcher the call is only not interrupted: as before.
    drop(spawned);
    Ok(())
}
