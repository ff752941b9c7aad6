//! `NO_COLOR` (<https://no-color.org>: set and not empty): every frame's
//! colours are taken out after the widgets drew it, and what the colours
//! told apart is told by modifiers instead. One pass over the buffer, like
//! `safe::scrub`, so no widget (nor a future one) needs a second style.
//!
//! - a background (search hits, held calls, denied results, the title's
//!   badges) becomes reverse video; on a cell already reversed (the
//!   selected row) it becomes bold and underlined instead;
//! - red text (failed and denied calls) becomes bold and underlined;
//! - dark grey text (secondary information) becomes dim.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// Takes the colours out of `buf`, keeping the distinctions they made.
pub fn strip(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let mut m = cell.modifier;
        if !matches!(cell.bg, Color::Reset) {
            if m.contains(Modifier::REVERSED) {
                m.remove(Modifier::REVERSED);
                m.insert(Modifier::BOLD | Modifier::UNDERLINED);
            } else {
                m.insert(Modifier::REVERSED);
            }
        }
        match cell.fg {
            Color::Red | Color::LightRed => m.insert(Modifier::BOLD | Modifier::UNDERLINED),
            Color::DarkGray => m.insert(Modifier::DIM),
            _ => {}
        }
        cell.modifier = m;
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}
