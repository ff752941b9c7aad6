//! Lays the widgets out for a frame, and renders an [`App`] to plain text
//! or SVG off-screen (tests and screenshots).

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::{Frame, Terminal};

use super::app::{App, View};
use super::{detail, help, holdq, list, nocolor, output, procs, safe, stats, status};

/// Draws one frame.
pub fn draw(f: &mut Frame, app: &App) {
    let [top, main, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(f.area());
    status::render_title(f, top, app);
    status::render(f, bottom, app);
    let hq = holdq::height(app);
    let [hold_area, main] =
        Layout::vertical([Constraint::Length(hq), Constraint::Min(1)]).areas(main);
    if hq > 0 {
        holdq::render(f, hold_area, app);
    }
    let mut areas = app.comfort.areas.get();
    (areas.top, areas.main, areas.detail) = (top, main, Rect::default());
    app.comfort.areas.set(areas);
    match app.view_mode {
        View::List => {
            let out_h = if app.has_pty && app.show_output {
                if app.input_mode {
                    main.height / 2
                } else {
                    (main.height / 4).clamp(3.min(main.height), 12)
                }
            } else {
                0
            };
            let [rest, out] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(out_h)]).areas(main);
            if app.detail {
                let (l, d) = split_detail(rest);
                list::render(f, l, app);
                detail::render(f, d, app);
                let mut areas = app.comfort.areas.get();
                areas.detail = d;
                app.comfort.areas.set(areas);
            } else {
                list::render(f, rest, app);
            }
            if out_h > 0 {
                output::render(f, out, app);
            }
        }
        View::Stats => stats::render(f, main, app),
        View::Procs => procs::render(f, main, app),
        View::Output => output::render(f, main, app),
    }
    if app.help {
        help::render(f, main);
    }
    if app.quit_ask {
        help::render_quit(f, main);
    }
    // Views clean tracee text themselves; this catches what one missed.
    safe::scrub(f.buffer_mut());
    if app.comfort.no_color {
        nocolor::strip(f.buffer_mut());
    }
}

/// Detail beside the list on wide screens, under it otherwise.
fn split_detail(area: Rect) -> (Rect, Rect) {
    if area.width >= 140 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (l, d)
    } else {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
        (l, d)
    }
}

/// Renders `app` into a `w` × `h` buffer.
pub fn render_buffer(app: &App, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test backend never fails");
    t.draw(|f| draw(f, app)).expect("test backend never fails");
    t.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn render_to_text(app: &App, w: u16, h: u16) -> String {
    buffer_text(&render_buffer(app, w, h))
}

/// The text of a buffer, one line per row, trailing spaces trimmed.
pub fn buffer_text(b: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..b.area.height {
        let mut line = String::new();
        for x in 0..b.area.width {
            line.push_str(b[(x, y)].symbol());
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// An xterm-like palette for the named colours.
fn rgb(c: Color, fg: bool) -> Option<(u8, u8, u8)> {
    Some(match c {
        Color::Reset => {
            if fg {
                (0xd0, 0xd0, 0xd0)
            } else {
                return None;
            }
        }
        Color::Black => (0x1c, 0x1c, 0x1c),
        Color::Red => (0xcd, 0x31, 0x31),
        Color::Green => (0x0d, 0xbc, 0x79),
        Color::Yellow => (0xe5, 0xe5, 0x10),
        Color::Blue => (0x24, 0x72, 0xc8),
        Color::Magenta => (0xbc, 0x3f, 0xbc),
        Color::Cyan => (0x11, 0xa8, 0xcd),
        Color::Gray => (0xb0, 0xb0, 0xb0),
        Color::DarkGray => (0x76, 0x76, 0x76),
        Color::LightRed => (0xf1, 0x4c, 0x4c),
        Color::LightGreen => (0x23, 0xd1, 0x8b),
        Color::LightYellow => (0xf5, 0xf5, 0x43),
        Color::LightBlue => (0x3b, 0x8e, 0xea),
        Color::LightMagenta => (0xd6, 0x70, 0xd6),
        Color::LightCyan => (0x29, 0xb8, 0xdb),
        Color::White => (0xf0, 0xf0, 0xf0),
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => {
            let i = i as u32;
            if i >= 232 {
                let v = (8 + (i - 232) * 10) as u8;
                (v, v, v)
            } else if i >= 16 {
                let l = |n: u32| if n == 0 { 0 } else { (55 + n * 40) as u8 };
                let n = i - 16;
                (l(n / 36), l(n / 6 % 6), l(n % 6))
            } else {
                (0x80, 0x80, 0x80)
            }
        }
    })
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn xml_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// The screen as a monospace SVG with the cells' colours, for screenshots.
pub fn render_to_svg(app: &App, w: u16, h: u16) -> String {
    buffer_svg(&render_buffer(app, w, h))
}

/// A buffer as SVG.
pub fn buffer_svg(b: &Buffer) -> String {
    const CW: f32 = 8.4;
    const CH: f32 = 17.0;
    let (w, h) = (b.area.width, b.area.height);
    let bg0 = (0x1e, 0x1e, 0x1e);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\" height=\"{:.0}\" \
         font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        w as f32 * CW,
        h as f32 * CH,
        hex(bg0)
    );
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let c = &b[(x, y)];
            let rev = c.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (rgb(c.fg, true), rgb(c.bg, false));
            if rev {
                let f = fg.unwrap_or((0xd0, 0xd0, 0xd0));
                fg = Some(bg.unwrap_or(bg0));
                bg = Some(f);
            }
            // A run of cells with the same look becomes one rect and one text.
            let start = x;
            let mut text = String::new();
            while x < w {
                let d = &b[(x, y)];
                if d.fg != c.fg || d.bg != c.bg || d.modifier != c.modifier {
                    break;
                }
                text.push_str(d.symbol());
                x += 1;
            }
            let px = start as f32 * CW;
            let py = y as f32 * CH;
            if let Some(bg) = bg {
                s.push_str(&format!(
                    "<rect x=\"{px:.1}\" y=\"{py:.1}\" width=\"{:.1}\" height=\"{CH:.1}\" fill=\"{}\"/>\n",
                    (x - start) as f32 * CW,
                    hex(bg)
                ));
            }
            if !text.trim().is_empty() {
                let mut attrs = format!("fill=\"{}\"", hex(fg.unwrap_or((0xd0, 0xd0, 0xd0))));
                if c.modifier.contains(Modifier::BOLD) {
                    attrs.push_str(" font-weight=\"bold\"");
                }
                if c.modifier.contains(Modifier::UNDERLINED) {
                    attrs.push_str(" text-decoration=\"underline\"");
                }
                if c.modifier.contains(Modifier::CROSSED_OUT) {
                    attrs.push_str(" text-decoration=\"line-through\"");
                }
                s.push_str(&format!(
                    "<text x=\"{px:.1}\" y=\"{:.1}\" {attrs} xml:space=\"preserve\" textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\">",
                    py + CH * 0.78,
                    (x - start) as f32 * CW
                ));
                xml_escape(&text, &mut s);
                s.push_str("</text>\n");
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
