//! The mouse: the wheel scrolls what is under the pointer (the event
//! list, the detail pane, the process list), a left click selects the row
//! clicked (events, processes) or switches to the tab clicked. Positions
//! are mapped with what the last frame recorded in `comfort.areas`.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Action, App, View};

/// Rows (or detail lines) one wheel notch moves.
pub const WHEEL_STEP: usize = 3;

impl App {
    /// Handles one mouse event.
    pub fn mouse(&mut self, m: MouseEvent) {
        // Overlays, prompts and typing into the command own the screen.
        if self.help
            || self.quit_ask
            || self.input_mode
            || self.filter_editing
            || self.search_editing
        {
            return;
        }
        let at = Position::new(m.column, m.row);
        let areas = self.comfort.areas.get();
        match m.kind {
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let up = m.kind == MouseEventKind::ScrollUp;
                let over_detail =
                    self.view_mode == View::List && self.detail && areas.detail.contains(at);
                if over_detail {
                    let d = WHEEL_STEP as i16;
                    self.handle(Action::DetailScroll(if up { -d } else { d }));
                    return;
                }
                let over_list = match self.view_mode {
                    View::List => areas.list.contains(at),
                    View::Procs | View::Stats => areas.main.contains(at),
                    _ => false,
                };
                if over_list {
                    for _ in 0..WHEEL_STEP {
                        self.handle(if up { Action::Up } else { Action::Down });
                    }
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if at.y == areas.top.y && areas.top.contains(at) {
                    let tab = areas
                        .tabs
                        .iter()
                        .flatten()
                        .find(|(x, w, _)| (*x..x.saturating_add(*w)).contains(&at.x));
                    if let Some((_, _, v)) = tab {
                        self.view_mode = *v;
                    }
                    return;
                }
                match self.view_mode {
                    View::List if areas.list.contains(at) => {
                        let line = (at.y - areas.list.y) as usize;
                        let row = self.comfort.list_rows.borrow().get(line).copied();
                        if let Some(i) = row {
                            self.select_row(i);
                        }
                    }
                    View::Procs if areas.main.contains(at) => self.click_proc(areas.main, at),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Selects shown row `i` (stops following unless it is the last).
    pub(super) fn select_row(&mut self, i: usize) {
        let len = self.visible_len();
        if i >= len {
            return;
        }
        if self.selected_pos() != Some(i) {
            self.detail_scroll = 0;
        }
        self.selected = i;
        self.follow = i + 1 == len && self.follow;
    }

    /// A click in the Procs view: the process whose lines hold the row.
    fn click_proc(&mut self, area: Rect, at: Position) {
        // Inside the border, under the header line.
        let top = area.y + 2;
        if at.y < top || at.y + 1 >= area.bottom() {
            return;
        }
        let line = self.procs_scroll.get() + (at.y - top) as usize;
        let order = self.procs_order();
        let mut start = 0;
        for (i, (_, pid)) in order.iter().enumerate() {
            let n = if self.exec_tree {
                let p = &self.procs[pid];
                // The exec lines, and the "… N more execs" line.
                1 + p.execs.len() + usize::from(p.execs_dropped > 0)
            } else {
                1
            };
            if line < start + n {
                self.procs_sel = i;
                return;
            }
            start += n;
        }
    }
}
