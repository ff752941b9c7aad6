//! Scroll-back past the in-memory cap: the kept rows are a window on the
//! whole trace, which the [`Recorder`](crate::tui::record::Recorder) holds
//! on disk. Scrolling above the window's top (or below its end, once it
//! has moved back) reads the next chunk of rows from there, and lets go
//! as many at the other end; `g` and `G` jump to the start and to the live
//! end. While the window is away from the end, new calls are counted and
//! recorded but not put in it: the window is always one contiguous run.

use super::{App, HoldMark, Row, View};
use crate::tui::class::classify;

/// Rows read from disk at a time: small enough to read in a few ms (a
/// key press stays a key press), large enough that holding a key down
/// does not read for every row.
pub const CHUNK: u64 = 2048;

impl App {
    /// Whether rows let go by the cap can be read back.
    pub fn on_disk(&self) -> bool {
        self.recorder.is_some()
    }

    /// Position, in the whole trace, of the first kept row.
    pub fn window_start(&self) -> u64 {
        self.base
    }

    /// Whether the kept rows end before the newest call.
    pub fn scrolled_back(&self) -> bool {
        self.detached
    }

    fn window_end(&self) -> u64 {
        self.base + self.rows.len() as u64
    }

    /// Rows to read for a move of `by`: never more than half the window,
    /// so that the selected row stays in it.
    fn chunk(&self, by: usize) -> u64 {
        (by as u64).max(CHUNK.min(self.cap as u64 / 2))
    }

    fn can_scroll(&self) -> bool {
        self.view_mode == View::List && self.recorder.is_some()
    }

    /// Before moving up `by` rows: reads more rows above the window when
    /// the move would pass its top.
    pub(super) fn more_above(&mut self, by: usize) {
        if !self.can_scroll() || self.base == 0 {
            return;
        }
        let cur = self.selected_pos().unwrap_or(0);
        if cur >= by {
            return;
        }
        let want = self.chunk(by);
        let from = self.base.saturating_sub(want);
        self.load_window(from, self.window_end().min(from + self.cap as u64));
    }

    /// Before moving down `by` rows: reads more rows below the window when
    /// it ends before the newest call and the move would pass its end.
    pub(super) fn more_below(&mut self, by: usize) {
        if !self.can_scroll() || !self.detached {
            return;
        }
        let cur = self.selected_pos().unwrap_or(0);
        if cur + by < self.visible_len() {
            return;
        }
        let want = self.chunk(by);
        let to = (self.window_end() + want).min(self.total);
        let from = self.base.max(to.saturating_sub(self.cap as u64));
        self.load_window(from, to);
    }

    /// `g`: the window moves to the first call.
    pub(super) fn jump_to_start(&mut self) {
        if self.can_scroll() && self.base > 0 {
            self.load_window(0, self.total.min((2 * CHUNK).min(self.cap as u64)));
        }
    }

    /// `G`: the window moves back to the newest calls, and follows them.
    pub(super) fn jump_to_end(&mut self) {
        if self.can_scroll() && self.detached {
            self.load_window(
                self.total.saturating_sub((2 * CHUNK).min(self.cap as u64)),
                self.total,
            );
        }
    }

    /// Makes rows `from..to` (positions in the whole trace) the window,
    /// keeping the selection on the same call. Rows already kept are
    /// reused; the others are read from the recorder.
    fn load_window(&mut self, from: u64, to: u64) {
        let keep = self.selected_abs();
        let (start, end) = (self.base, self.window_end());
        let Some(rec) = self.recorder.as_mut() else {
            return;
        };
        let mut read = |a: u64, b: u64| -> Option<Vec<Row>> {
            if a >= b {
                return Some(Vec::new());
            }
            match rec.load(a, b) {
                Ok(evs) => Some(
                    evs.into_iter()
                        .map(|ev| Row {
                            class: classify(&ev.name),
                            ev,
                            hold: HoldMark::None,
                        })
                        .collect(),
                ),
                Err(_) => None,
            }
        };
        let overlap = from < end && to > start;
        if !overlap {
            let Some(rows) = read(from, to) else {
                self.note = Some("cannot read older rows back from disk".into());
                return;
            };
            self.rows = rows.into();
        } else {
            let (Some(before), Some(after)) = (read(from, start.max(from)), read(end.min(to), to))
            else {
                self.note = Some("cannot read older rows back from disk".into());
                return;
            };
            // Trim what falls outside, then add the new rows at both ends.
            let drop_front = from.saturating_sub(start) as usize;
            self.rows.drain(..drop_front.min(self.rows.len()));
            let keep_len = (to.min(end) - from.max(start)) as usize;
            self.rows.truncate(keep_len);
            for r in before.into_iter().rev() {
                self.rows.push_front(r);
            }
            self.rows.extend(after);
        }
        // A row the recorder could not give back (it never does) would
        // shift every later one: the window's start is its own count.
        self.base = to - self.rows.len() as u64;
        self.detached = self.window_end() < self.total;
        for h in &self.held {
            if let Some(r) = h
                .abs
                .checked_sub(self.base)
                .and_then(|i| self.rows.get_mut(i as usize))
            {
                r.hold = HoldMark::Pending;
            }
        }
        let was_following = self.follow;
        self.follow = !self.detached && was_following;
        self.refilter();
        if let Some(abs) = keep.filter(|_| !self.follow) {
            let len = self.visible_len();
            self.selected = self
                .view
                .partition_point(|&a| a < abs)
                .min(len.saturating_sub(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Action, App};
    use crate::event::{Action as CallAction, Arch, Event, HoldSet, Message, Outcome};
    use crate::tui::record::Recorder;
    use std::borrow::Cow;
    use std::time::{Duration, Instant};

    fn ev(seq: u64) -> Event {
        Event {
            seq,
            time_ns: 1_700_000_000_000_000_000 + seq * 1000,
            pid: 10 + (seq % 3) as i32,
            tid: 10 + (seq % 3) as i32,
            comm: "loop".into(),
            arch: Arch::X86_64,
            name: Cow::Borrowed(if seq.is_multiple_of(2) {
                "getpid"
            } else {
                "read"
            }),
            nr: 39,
            args: [seq, 0, 0, 0, 0, 0],
            decoded: Vec::new(),
            action: CallAction::Allowed,
            result: Outcome::Returned(seq as i64),
            duration_ns: Some(500),
            ret_path: None,
            ip: 0,
        }
    }

    /// `n` calls into a UI keeping `cap` rows, with a recorder.
    fn filled(n: u64, cap: usize) -> App {
        filled_with(n, cap, true)
    }

    fn filled_with(n: u64, cap: usize, record: bool) -> App {
        let mut a = App::new("t", HoldSet::default(), cap);
        if record {
            a.recorder = Some(Recorder::new(None).unwrap());
        }
        a.list_height.set(40);
        let mut seq = 1;
        while seq <= n {
            let batch: Vec<Event> = (seq..(seq + 256).min(n + 1)).map(ev).collect();
            seq += batch.len() as u64;
            a.push(Message::Batch(batch));
        }
        a
    }

    fn sel(a: &App) -> u64 {
        a.selected_row().expect("a selected row").ev.seq
    }

    #[test]
    fn scrolling_back_past_the_cap_reads_every_row_back_in_order() {
        let mut a = filled(30_000, 1_000);
        assert_eq!(a.kept(), 1_000);
        assert_eq!(a.evicted(), 0, "nothing is lost with a recorder");
        assert_eq!(sel(&a), 30_000);
        // Up, one row at a time, across several chunks: every call, in order.
        for want in (25_000..30_000).rev() {
            a.handle(Action::Up);
            assert_eq!(sel(&a), want);
        }
        assert!(a.scrolled_back());
        assert!(a.kept() <= 1_000);
        // New calls while scrolled back are recorded, not shown yet.
        a.push(Message::Event(ev(30_001)));
        assert_eq!(a.total, 30_001);
        // Top: the first call; then page down, and every page is contiguous.
        a.handle(Action::Top);
        assert_eq!(sel(&a), 1);
        let mut last = 1;
        for _ in 0..100 {
            a.handle(Action::PageDown);
            let s = sel(&a);
            assert_eq!(s, last + 39, "page down moves a page");
            last = s;
        }
        // Bottom: back to the newest, following again.
        a.handle(Action::Bottom);
        assert!(!a.scrolled_back());
        assert_eq!(sel(&a), 30_001);
        a.push(Message::Event(ev(30_002)));
        assert_eq!(sel(&a), 30_002);
    }

    #[test]
    fn scrolling_down_from_the_start_reaches_the_live_end() {
        let mut a = filled(12_000, 1_000);
        a.handle(Action::Top);
        for _ in 0..400 {
            a.handle(Action::PageDown);
        }
        assert_eq!(sel(&a), 12_000);
        assert!(!a.scrolled_back());
    }

    /// The figures in the README: `cargo test --release --lib
    /// scroll_speed -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement: run with --release --ignored --nocapture"]
    fn scroll_speed_on_a_million_calls() {
        let t0 = Instant::now();
        drop(filled_with(1_000_000, super::super::DEFAULT_CAP, false));
        let bare = t0.elapsed();
        let t0 = Instant::now();
        let mut a = filled(1_000_000, super::super::DEFAULT_CAP);
        let fill = t0.elapsed();
        let mut worst = (Duration::ZERO, String::new());
        let mut all = Vec::with_capacity(230_000);
        let mut time = |a: &mut App, act: Action| {
            let what = format!("{act:?} at row {}", sel(a));
            let t = Instant::now();
            a.handle(act);
            let d = t.elapsed();
            if d > worst.0 {
                worst = (d, what);
            }
            all.push(d);
            d
        };
        let top = time(&mut a, Action::Top);
        assert_eq!(sel(&a), 1);
        let t = Instant::now();
        for _ in 0..25_000 {
            time(&mut a, Action::PageDown);
        }
        let pages = t.elapsed();
        assert_eq!(sel(&a), 975_001);
        let bottom = time(&mut a, Action::Bottom);
        let t = Instant::now();
        for _ in 0..200_000 {
            time(&mut a, Action::Up);
        }
        let ups = t.elapsed();
        assert_eq!(sel(&a), 800_000);
        all.sort();
        let pct = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
        println!(
            "key presses: median {:?}, 99th percentile {:?}, 99.9th {:?}",
            pct(0.5),
            pct(0.99),
            pct(0.999)
        );
        println!(
            "1,000,000 calls pushed in {fill:?} ({bare:?} without the recorder); Top {top:?}; 25,000 PageDown in {pages:?} \
             ({:?} each); Bottom {bottom:?}; 200,000 Up in {ups:?} ({:?} each); slowest key {:?} ({})",
            pages / 25_000,
            ups / 200_000,
            worst.0,
            worst.1
        );
    }
}
