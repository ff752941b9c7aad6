//! Everyday comfort in the UI, kept out of the main key dispatcher: long
//! rows scrolled sideways (← →) or wrapped (`W`), copying the selected
//! call or the detail pane to the terminal's clipboard (`y`, `Y`, OSC 52),
//! local time or UTC (`U`), and where the last frame drew what (for the
//! mouse, see `mouse`).

use std::cell::{Cell, RefCell};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::{App, View};
use crate::event::Message;
use crate::tui::clip;

/// Cells one ← or → moves the rows by.
pub const HSTEP: usize = 8;

/// What the comfort keys ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComfortAction {
    /// Show earlier columns of the rows.
    Left,
    /// Show later columns of the rows.
    Right,
    /// Back to the first column.
    ColumnZero,
    /// Wrap the selected row onto as many lines as it needs, or not.
    ToggleWrap,
    /// Copy the selected call as the text output prints it.
    CopyLine,
    /// Copy the detail pane's text.
    CopyDetail,
    /// Show wall-clock times in UTC or in the local time zone.
    ToggleUtc,
}

/// Where the last frame drew its parts, for mapping a mouse position.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    /// The title bar.
    pub top: Rect,
    /// The event list's rows (inside its borders).
    pub list: Rect,
    /// The detail pane, when open.
    pub detail: Rect,
    /// The view below the title bar (stats, processes, output).
    pub main: Rect,
    /// Each view tab in the title bar: first column, width, view.
    pub tabs: [Option<(u16, u16, View)>; 4],
}

/// The comfort state (one field of [`App`]).
#[derive(Debug, Default)]
pub struct Comfort {
    /// Cells the event rows' call text is scrolled to the left.
    pub hscroll: usize,
    /// The selected row is wrapped instead of cut.
    pub wrap: bool,
    /// Wall-clock times are shown in UTC (else local time).
    pub utc: bool,
    /// `NO_COLOR` is set: no colours, modifiers only.
    pub no_color: bool,
    /// The UI runs in tmux (the clipboard sequence is wrapped too).
    pub tmux: bool,
    /// Bytes for the terminal itself (OSC 52); the run loop writes them.
    pub term_out: Vec<u8>,
    /// Where the last frame drew what.
    pub areas: Cell<Areas>,
    /// The shown row index of each line of the event list last drawn.
    pub list_rows: RefCell<Vec<usize>>,
}

impl Comfort {
    /// The state for a real terminal: `NO_COLOR` (set and not empty, as
    /// no-color.org says) and `TMUX` from the environment.
    pub fn from_env() -> Self {
        Comfort {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            tmux: clip::in_tmux(),
            ..Comfort::default()
        }
    }
}

impl App {
    /// The comfort key `k` stands for, in the normal (not prompt, not
    /// input) mode.
    pub(super) fn comfort_key(&self, k: &KeyEvent) -> Option<ComfortAction> {
        if k.modifiers.contains(KeyModifiers::CONTROL) {
            return None;
        }
        let list = self.view_mode == View::List;
        Some(match k.code {
            KeyCode::Left if list => ComfortAction::Left,
            KeyCode::Right if list => ComfortAction::Right,
            // Home goes to the first call once the rows are at column 0.
            KeyCode::Home if list && self.comfort.hscroll > 0 => ComfortAction::ColumnZero,
            KeyCode::Char('W') => ComfortAction::ToggleWrap,
            KeyCode::Char('y') => ComfortAction::CopyLine,
            KeyCode::Char('Y') => ComfortAction::CopyDetail,
            KeyCode::Char('U') => ComfortAction::ToggleUtc,
            _ => return None,
        })
    }

    /// Applies a comfort action.
    pub fn comfort_action(&mut self, a: ComfortAction) {
        let c = &mut self.comfort;
        match a {
            ComfortAction::Left => c.hscroll = c.hscroll.saturating_sub(HSTEP),
            // No upper bound here: rows differ in length, and a row
            // scrolled past its end just shows its fixed columns.
            ComfortAction::Right => c.hscroll = c.hscroll.saturating_add(HSTEP).min(1 << 16),
            ComfortAction::ColumnZero => c.hscroll = 0,
            ComfortAction::ToggleWrap => {
                c.wrap = !c.wrap;
                self.note = Some(
                    if c.wrap {
                        "selected row wrapped (W: cut again)"
                    } else {
                        "rows cut at the edge (W wraps the selected one)"
                    }
                    .into(),
                );
            }
            ComfortAction::ToggleUtc => {
                c.utc = !c.utc;
                self.note = Some(
                    if c.utc {
                        "times in UTC (U: local time)"
                    } else {
                        "times in local time (U: UTC)"
                    }
                    .into(),
                );
            }
            ComfortAction::CopyLine => match self.selected_line_text() {
                Some(t) => self.copy(&t),
                None => self.note = Some("no call selected".into()),
            },
            ComfortAction::CopyDetail => match self.selected_row() {
                Some(_) => {
                    let t = crate::tui::detail::text(self);
                    self.copy(&t);
                }
                None => self.note = Some("no call selected".into()),
            },
        }
    }

    /// The selected call as the text output prints it (`[pid N] ` first
    /// when more than one process was seen, as strace -f does).
    pub fn selected_line_text(&self) -> Option<String> {
        let r = self.selected_row()?;
        let mut f = crate::output::text::TextFormatter::new(0);
        let mut out = String::new();
        f.format(&Message::Event(r.ev.clone()), &mut out);
        // A call still running is left open by the formatter.
        f.finish(&mut out);
        let line = out.lines().next().unwrap_or_default();
        Some(if self.procs.len() > 1 {
            format!("[pid {:>5}] {line}", r.ev.pid)
        } else {
            line.to_string()
        })
    }

    /// Queues `text` for the terminal's clipboard and says so.
    fn copy(&mut self, text: &str) {
        let n = text.len();
        if n > clip::MAX_COPY {
            self.note = Some(format!(
                "not copied: {n} bytes, more than the {} a terminal takes",
                clip::MAX_COPY
            ));
            return;
        }
        let seq = clip::osc52(text.as_bytes(), self.comfort.tmux);
        self.comfort.term_out.extend_from_slice(&seq);
        self.note = Some(format!("copied {n} bytes"));
    }
}
