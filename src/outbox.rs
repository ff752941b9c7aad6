//! The supervisor's outgoing batch of events, shared with the thread that
//! reports the command's end (so that end lands in order with the events)
//! and with a flusher thread that sends a batch once it is full or old
//! enough. Channel sends (each a wake-up of the consumer) thus stay off the
//! supervisor's answer path, and the supervisor never has to wake up for a
//! deadline: it can block in RECV.

use crate::event::{Event, Message, Outcome, Resumed};
use crate::results::{Pending, Resolved, Results};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Events go to the consumer in batches of about this many...
pub const BATCH: usize = 256;
/// ...and never later than this after the first of them.
pub const BATCH_DELAY: Duration = Duration::from_millis(10);
/// Past this many waiting items, the supervisor sends them itself and so
/// waits for a slow consumer (backpressure: nothing is dropped).
const HARD_LIMIT: usize = 4 * BATCH;

struct State {
    events: Vec<Event>,
    /// Messages to send after the first `.0` of `events`, in order.
    after: Vec<(usize, Message)>,
    /// When the first waiting item was added.
    since: Instant,
    closed: bool,
    /// Return values, when collected: paired here, under the same lock,
    /// so that a result found before its event leaves is put in the event
    /// itself, and one found later follows it as a message.
    results: Option<Results>,
    resolved: Vec<Resolved>,
}

impl State {
    fn len(&self) -> usize {
        self.events.len() + self.after.len()
    }

    /// Reads the rings and puts what was found where it belongs.
    fn drain(&mut self) {
        if let Some(r) = &mut self.results {
            r.drain(&mut self.resolved);
        }
        self.apply();
    }

    fn expect(&mut self, e: &mut Event, start_ns: u64, expect: bool, sent: bool) {
        let Some(r) = &mut self.results else {
            return;
        };
        r.drain(&mut self.resolved);
        r.retire(e.tid, &mut self.resolved);
        if expect {
            if r.covers(e.arch) {
                e.result = Outcome::Pending;
                r.expect(
                    e.tid,
                    Pending {
                        seq: e.seq,
                        pid: e.pid,
                        nr: e.nr,
                        arch: e.arch,
                        args: e.args,
                        start_ns,
                        name: e.name.clone(),
                        sent,
                        ret_path: e.ret_path.clone(),
                    },
                );
            } else {
                e.result = Outcome::Unavailable;
            }
        }
        self.apply();
    }

    /// Results go into their events while these wait here, else after the
    /// events waiting now, as messages.
    fn apply(&mut self) {
        for r in std::mem::take(&mut self.resolved) {
            match self.events.binary_search_by_key(&r.call.seq, |e| e.seq) {
                Ok(i) => {
                    self.events[i].result = r.result;
                    self.events[i].duration_ns = r.duration_ns;
                }
                Err(_) => {
                    let at = self.events.len();
                    self.after.push((
                        at,
                        Message::Result(Resumed {
                            seq: r.call.seq,
                            pid: r.call.pid,
                            tid: r.tid,
                            name: r.call.name,
                            arch: r.call.arch,
                            nr: r.call.nr,
                            args: r.call.args,
                            time_ns: crate::event::wall_ns(),
                            result: r.result,
                            duration_ns: r.duration_ns,
                            ret_path: r.call.ret_path,
                        }),
                    ));
                }
            }
        }
    }
}

/// Events waiting to be sent, and the channel they go to.
pub struct Outbox {
    tx: SyncSender<Message>,
    state: Mutex<State>,
    /// Wakes the flusher when a batch starts or the outbox closes.
    started: Condvar,
    /// Held from taking a batch until it is sent, so that messages leave in
    /// the order they were made even when two threads send.
    order: Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere leaves the data consistent (a Vec and flags).
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Outbox {
    /// An outbox sending to `tx`, with its flusher thread running.
    pub fn new(tx: SyncSender<Message>) -> Arc<Outbox> {
        let outbox = Arc::new(Outbox {
            tx,
            state: Mutex::new(State {
                events: Vec::with_capacity(BATCH),
                after: Vec::new(),
                since: Instant::now(),
                closed: false,
                results: None,
                resolved: Vec::new(),
            }),
            started: Condvar::new(),
            order: Mutex::new(()),
        });
        let flusher = outbox.clone();
        let spawned = std::thread::Builder::new()
            .name("flusher".into())
            .spawn(move || flusher.flush_when_due());
        if spawned.is_err() {
            // Without the thread, batches still go out when full, when a
            // process ends and at close; lines are only later.
            crate::say!("notrace: could not start the flusher thread; output may lag");
        }
        outbox
    }

    /// Adds an event to the batch. Never blocks on the consumer. Returns
    /// true when far too much waits (the consumer is behind): the caller
    /// then [`Self::flush`]es itself (after answering the kernel), which is
    /// where backpressure happens.
    pub fn push(&self, event: Event) -> bool {
        self.add(|st| st.events.push(event))
    }

    /// Pairs results from now on (set before the command execs).
    pub fn set_results(&self, results: Results) {
        lock(&self.state).results = Some(results);
    }

    /// The result counters (zero without results).
    pub fn result_stats(&self) -> crate::results::ResultStats {
        lock(&self.state)
            .results
            .as_ref()
            .map(|r| r.stats())
            .unwrap_or_default()
    }

    /// Adds a traced call's event. With `expect`, its result is to come
    /// from the kernel's exit record (received at monotonic `start_ns`);
    /// otherwise the event carries its outcome already (denied, exit).
    /// Returns what [`Self::push`] does.
    pub fn push_call(&self, mut event: Event, start_ns: u64, expect: bool) -> bool {
        self.add(|st| {
            st.expect(&mut event, start_ns, expect, false);
            st.events.push(event);
        })
    }

    /// For an event about to be sent at once (a held call): registers its
    /// expected result, to follow as a [`Message::Result`].
    pub fn expect_sent(&self, event: &mut Event, start_ns: u64) {
        lock(&self.state).expect(event, start_ns, true, true);
    }

    /// Thread `tid` ends by its own exit, or exit_group of process `group`:
    /// a call a signal interrupted before was not ended by that signal, and
    /// with exit_group the process's other threads are being killed.
    pub fn thread_ends(&self, tid: i32, group: Option<i32>) {
        let mut st = lock(&self.state);
        let st = &mut *st;
        if let Some(r) = &mut st.results {
            r.drain(&mut st.resolved);
            r.survived(tid, &mut st.resolved);
            if let Some(pid) = group {
                r.group_exits(pid, tid, &mut st.resolved);
            }
        }
        st.apply();
    }

    /// Every tracee is gone: the last results, and `= ?` for calls that
    /// never returned.
    pub fn finish_results(&self) {
        {
            let mut st = lock(&self.state);
            let st = &mut *st;
            if let Some(r) = &mut st.results {
                r.finish(&mut st.resolved);
            }
            st.apply();
        }
        self.flush();
    }

    /// Queues `msg` after the events pushed so far, to go with them.
    pub fn push_message(&self, msg: Message) -> bool {
        self.add(|st| {
            // Results already in the rings go first: a process's end must
            // not come before the end of its last call.
            st.drain();
            let at = st.events.len();
            st.after.push((at, msg));
        })
    }

    fn add(&self, f: impl FnOnce(&mut State)) -> bool {
        let mut st = lock(&self.state);
        let first = st.len() == 0;
        if first {
            st.since = Instant::now();
        }
        f(&mut st);
        let n = st.len();
        drop(st);
        // The flusher sleeps until a batch starts, then until it is due.
        if first || n == BATCH {
            self.started.notify_one();
        }
        n >= HARD_LIMIT
    }

    /// Sends the pending events now. Blocks while the consumer is behind: the
    /// tracees wait, nothing is lost. A consumer that is gone is ignored.
    pub fn flush(&self) {
        let _order = lock(&self.order);
        self.send_pending();
    }

    /// Sends the pending events, then `msg`, in that order. Returns false
    /// when the consumer is gone (`msg` is then dropped).
    pub fn send(&self, msg: Message) -> bool {
        let _order = lock(&self.order);
        self.send_pending();
        self.tx.send(msg).is_ok()
    }

    /// Sends what is pending and stops the flusher. Later pushes are still
    /// sent by [`Self::flush`] and [`Self::send`].
    pub fn close(&self) {
        self.flush();
        lock(&self.state).closed = true;
        self.started.notify_all();
    }

    fn send_pending(&self) {
        let (mut events, after) = {
            let mut st = lock(&self.state);
            st.drain();
            if st.len() == 0 {
                return;
            }
            let st = &mut *st;
            if let Some(r) = &mut st.results {
                for e in st.events.iter().filter(|e| e.result == Outcome::Pending) {
                    r.mark_sent(e.tid, e.seq);
                }
            }
            (
                std::mem::replace(&mut st.events, Vec::with_capacity(BATCH)),
                std::mem::take(&mut st.after),
            )
        };
        // `after` holds ascending positions: send from the back by
        // splitting, then in order.
        let mut parts = Vec::with_capacity(2 * after.len() + 1);
        for (at, msg) in after.into_iter().rev() {
            let tail = events.split_off(at);
            if !tail.is_empty() {
                parts.push(Message::Batch(tail));
            }
            parts.push(msg);
        }
        if !events.is_empty() {
            parts.push(Message::Batch(events));
        }
        for msg in parts.into_iter().rev() {
            let _ = self.tx.send(msg);
        }
    }

    fn flush_when_due(&self) {
        let mut st = lock(&self.state);
        loop {
            if st.closed {
                return;
            }
            if st.len() == 0 {
                if st.results.as_ref().is_some_and(|r| r.awaits_sent()) {
                    // A call shown unfinished: its result is looked for
                    // now and then, as nothing else may read the rings for
                    // a while (its thread blocked, the others quiet).
                    st = self
                        .started
                        .wait_timeout(st, BATCH_DELAY)
                        .map(|(g, _)| g)
                        .unwrap_or_else(|e| e.into_inner().0);
                    // Woken by the supervisor's push, the batch it started
                    // keeps its deadline: sending it at once here made every
                    // batch after an unfinished call a batch of one or two
                    // (3x the futex calls, 6% more context switches; each
                    // costs a perf context switch with results).
                    let pushed = st.len() > 0;
                    st.drain();
                    if !pushed && st.len() > 0 {
                        // Found now, sent now.
                        let now = Instant::now();
                        st.since = now.checked_sub(BATCH_DELAY).unwrap_or(now);
                    }
                } else {
                    st = self.started.wait(st).unwrap_or_else(|e| e.into_inner());
                }
                continue;
            }
            let left = BATCH_DELAY.saturating_sub(st.since.elapsed());
            if !left.is_zero() && st.len() < BATCH {
                st = self
                    .started
                    .wait_timeout(st, left)
                    .map(|(g, _)| g)
                    .unwrap_or_else(|e| e.into_inner().0);
                continue;
            }
            drop(st);
            self.flush();
            st = lock(&self.state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Action, Arch, ExitKind, ProcessExit};
    use std::borrow::Cow;

    fn event(seq: u64) -> Event {
        Event {
            seq,
            time_ns: 0,
            pid: 1,
            tid: 1,
            comm: String::new(),
            arch: Arch::X86_64,
            name: Cow::Borrowed("getppid"),
            nr: 110,
            args: [0; 6],
            decoded: Vec::new(),
            action: Action::Allowed,
            result: Outcome::NotCollected,
            duration_ns: None,
            ret_path: None,
            ip: 0,
        }
    }

    #[test]
    fn a_lone_event_is_sent_after_the_delay() {
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        let ob = Outbox::new(tx);
        assert!(!ob.push(event(1)));
        let t = Instant::now();
        let Ok(Message::Batch(b)) = rx.recv_timeout(Duration::from_secs(2)) else {
            panic!("no batch")
        };
        assert_eq!(b.len(), 1);
        assert!(t.elapsed() >= BATCH_DELAY / 2, "{:?}", t.elapsed());
        ob.close();
    }

    #[test]
    fn send_puts_pending_events_first() {
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        let ob = Outbox::new(tx);
        ob.push(event(1));
        ob.push(event(2));
        let exit = Message::Exit(ProcessExit {
            pid: 1,
            time_ns: 0,
            how: ExitKind::Exited(3),
        });
        assert!(ob.send(exit));
        match rx.recv().unwrap() {
            Message::Batch(b) => assert_eq!(b.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2]),
            m => panic!("{m:?}"),
        }
        assert!(matches!(rx.recv().unwrap(), Message::Exit(_)));
        ob.close();
    }

    #[test]
    fn push_asks_for_a_flush_only_when_the_consumer_is_far_behind() {
        // A channel of one: the flusher blocks on its second send, as with
        // a consumer that does not read.
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let ob = Outbox::new(tx);
        let full: Vec<bool> = (0..HARD_LIMIT as u64 * 2)
            .map(|i| ob.push(event(i)))
            .collect();
        assert!(full[..BATCH].iter().all(|f| !f));
        assert!(full.iter().any(|f| *f));
        drop(rx);
        ob.close();
    }

    #[test]
    fn messages_go_between_the_events_they_followed() {
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        let ob = Outbox::new(tx);
        let exit = |pid| {
            Message::Exit(ProcessExit {
                pid,
                time_ns: 0,
                how: ExitKind::Exited(0),
            })
        };
        ob.push_message(exit(10));
        ob.push(event(1));
        ob.push(event(2));
        ob.push_message(exit(11));
        ob.push_message(exit(12));
        ob.push(event(3));
        ob.flush();
        let mut got = Vec::new();
        while let Ok(m) = rx.try_recv() {
            got.push(match m {
                Message::Batch(b) => format!("{:?}", b.iter().map(|e| e.seq).collect::<Vec<_>>()),
                Message::Exit(x) => format!("exit {}", x.pid),
                m => panic!("{m:?}"),
            });
        }
        assert_eq!(got, ["exit 10", "[1, 2]", "exit 11", "exit 12", "[3]"]);
        ob.close();
    }
}
