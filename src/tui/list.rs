//! The live event list: one row per call, following the newest. Columns:
//! time, pid, comm (when the width allows), duration (with results; `T`
//! hides it), the call and its result. Rows the search matches have
//! their time marked and the matching text highlighted.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::app::{args_text, failed, short_result, App, HoldMark, Row};
use super::cells;
use super::class::{errno_name, Class};
use super::query::Query;
use super::safe::cleaned;
use crate::event::{Action as CallAction, Outcome};

/// The colour a class's syscall names are drawn in.
pub fn class_color(c: Class) -> Color {
    match c {
        Class::File => Color::Cyan,
        Class::Network => Color::Magenta,
        Class::Process => Color::Green,
        Class::Memory => Color::Blue,
        Class::Signal => Color::Yellow,
        Class::Other => Color::Gray,
    }
}

/// Seconds since the first event, as `12.345678`.
pub fn rel_time(app: &App, ns: u64) -> String {
    let d = ns.saturating_sub(app.start_ns.unwrap_or(ns));
    format!("{}.{:06}", d / 1_000_000_000, d % 1_000_000_000 / 1000)
}

/// Narrowest list (inside its borders) with a comm column.
pub const COMM_MIN_WIDTH: usize = 110;

/// Narrowest list with a duration column (`T` hides it anyway).
pub const DURATION_MIN_WIDTH: usize = 90;

/// `812ns`, `12.3µs`, `1.23ms`, `4.56s`: at most 7 cells.
pub fn duration_text(ns: u64) -> String {
    let f = ns as f64;
    match ns {
        0..=999 => format!("{ns}ns"),
        1_000..=99_999 => format!("{:.1}µs", f / 1e3),
        100_000..=999_999 => format!("{:.0}µs", f / 1e3),
        1_000_000..=99_999_999 => format!("{:.2}ms", f / 1e6),
        100_000_000..=999_999_999 => format!("{:.0}ms", f / 1e6),
        _ => format!("{:.2}s", f / 1e9),
    }
}

/// Whether the duration column is drawn at this width.
pub fn shows_duration(app: &App, width: usize) -> bool {
    app.show_duration && width >= DURATION_MIN_WIDTH && app.stats.results > 0
}

/// Cuts each span where the search matches and paints the match.
fn highlight<'a>(spans: Vec<Span<'a>>, q: &Query) -> Vec<Span<'a>> {
    let hit = Style::default()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD);
    let mut out = Vec::with_capacity(spans.len());
    for sp in spans {
        let ranges = q.highlights(&sp.content);
        if ranges.is_empty() {
            out.push(sp);
            continue;
        }
        let text = sp.content.to_string();
        let mut at = 0;
        for r in ranges {
            if r.start > at {
                out.push(Span::styled(text[at..r.start].to_string(), sp.style));
            }
            out.push(Span::styled(
                text[r.clone()].to_string(),
                sp.style.patch(hit),
            ));
            at = r.end;
        }
        if at < text.len() {
            out.push(Span::styled(text[at..].to_string(), sp.style));
        }
    }
    out
}

/// One row, styled, fitting `width` cells: a row too long has its
/// arguments cut (`…`) so that its result stays in sight. Scrolled
/// sideways (←/→) nothing is cut: the call's text moves left past the
/// fixed columns (time, pid, comm, duration).
pub fn row_line<'a>(app: &App, r: &'a Row, selected: bool, width: usize) -> Line<'a> {
    let shift = app.comfort.hscroll;
    let (spans, fixed) = row_spans(app, r, width, shift == 0);
    let spans = if shift == 0 {
        spans
    } else {
        cells::skip_after(spans, fixed, shift)
    };
    select_style(Line::from(spans), selected)
}

/// The row's lines: one, or with `W` the selected row whole (up to
/// `max_lines`), wrapped under its call.
pub fn row_lines<'a>(
    app: &App,
    r: &'a Row,
    selected: bool,
    width: usize,
    max_lines: usize,
) -> Vec<Line<'a>> {
    if !(selected && app.comfort.wrap) {
        return vec![row_line(app, r, selected, width)];
    }
    let (spans, fixed) = row_spans(app, r, width, false);
    cells::wrap(spans, fixed, width, max_lines.max(1))
        .into_iter()
        .map(|l| select_style(Line::from(l), selected))
        .collect()
}

fn select_style(line: Line<'_>, selected: bool) -> Line<'_> {
    if selected {
        line.style(Style::default().add_modifier(Modifier::REVERSED))
    } else {
        line
    }
}

/// The row's spans, the arguments fitted to `width` when `cut`, and the
/// cells its fixed columns take.
fn row_spans<'a>(app: &App, r: &'a Row, width: usize, cut: bool) -> (Vec<Span<'a>>, usize) {
    let ev = &r.ev;
    let denied = matches!(ev.action, CallAction::Denied { .. });
    let (mark, mark_style) = match r.hold {
        HoldMark::Pending => (
            "⏸ ",
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ),
        HoldMark::Allowed => ("✓ ", Style::default().fg(Color::Green)),
        HoldMark::Denied => (
            "✗ ",
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        HoldMark::None => ("  ", Style::default()),
    };
    let base = if denied {
        Style::default().fg(Color::Red)
    } else {
        Style::default()
    };
    let name_style = if denied {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else {
        Style::default()
            .fg(class_color(r.class))
            .add_modifier(Modifier::BOLD)
    };
    let hit = app.search_hit(r);
    let time_style = if hit.is_some() {
        Style::default().fg(Color::Black).bg(Color::LightYellow)
    } else {
        Style::default().fg(Color::DarkGray)
    };
    let mut spans = vec![
        Span::styled(format!("{:>11} ", rel_time(app, ev.time_ns)), time_style),
        Span::styled(
            format!("{:>7} ", ev.pid),
            Style::default().fg(Color::LightBlue),
        ),
    ];
    if width >= COMM_MIN_WIDTH {
        let comm: String = cleaned(&ev.comm).chars().take(15).collect();
        let pad = 16usize.saturating_sub(Span::raw(comm.as_str()).width());
        spans.push(Span::styled(
            format!("{comm}{}", " ".repeat(pad)),
            Style::default().fg(Color::Cyan),
        ));
    }
    if shows_duration(app, width) {
        let d = match (ev.result, ev.duration_ns) {
            (Outcome::Pending, _) => "…".to_string(),
            (_, Some(ns)) => duration_text(ns),
            _ => String::new(),
        };
        let slow = ev.duration_ns.is_some_and(|ns| ns >= 100_000_000);
        spans.push(Span::styled(
            format!("{d:>7} "),
            if slow {
                Style::default().fg(Color::Yellow)
            } else {
                Style::default().fg(Color::DarkGray)
            },
        ));
    }
    spans.push(Span::styled(mark, mark_style));
    let fixed: usize = spans.iter().map(Span::width).sum();
    spans.push(Span::styled(cleaned(&ev.name), name_style));
    let tail = if let CallAction::Denied { errno, .. } = &ev.action {
        Some(Span::styled(
            format!(" = -1 {}", errno_name(*errno)),
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        ))
    } else if r.hold == HoldMark::Pending {
        Some(Span::styled(
            " … held: a allow, d deny",
            Style::default().fg(Color::Yellow),
        ))
    } else {
        result_span(r)
    };
    let args = cleaned(&args_text(ev));
    let used: usize =
        spans.iter().map(Span::width).sum::<usize>() + tail.as_ref().map_or(0, Span::width) + 2;
    let args = if cut {
        fit(&args, width.saturating_sub(used))
    } else {
        args.as_str().into()
    };
    spans.push(Span::styled(format!("({args})"), base));
    spans.extend(tail);
    if let Some(q) = hit {
        let keep = spans.split_off(2);
        spans.extend(highlight(keep, q));
    }
    (spans, fixed)
}

/// What a row ends with after its arguments: its result (red when the
/// call failed), that it is still running, or nothing when results are
/// not collected.
fn result_span(r: &Row) -> Option<Span<'static>> {
    let ev = &r.ev;
    if ev.result == Outcome::Pending {
        return Some(Span::styled(
            " … running",
            Style::default().fg(Color::Yellow),
        ));
    }
    let text = cleaned(&short_result(ev)?);
    let style = if failed(ev) {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    } else if matches!(ev.result, Outcome::Returned(_)) {
        Style::default().fg(Color::Gray)
    } else {
        // `?`: never returned, or the result was lost.
        Style::default().fg(Color::DarkGray)
    };
    Some(Span::styled(format!(" = {text}"), style))
}

/// `s` cut to at most `room` cells, ending in `…` when cut. Nothing is
/// cut when there is no room at all: the line is cut at the edge then.
fn fit(s: &str, room: usize) -> std::borrow::Cow<'_, str> {
    let w = Span::raw(s).width();
    if w <= room || room < 8 {
        return s.into();
    }
    // Cells, not chars: drop characters until the rest fits with the `…`.
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = Span::raw(c.to_string()).width();
        if used + cw + 1 > room {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out.into()
}

/// Draws the list.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let len = app.visible_len();
    let mut title = format!(" Events {len}");
    if len as u64 != app.total {
        title.push_str(&format!(" of {}", app.total));
    }
    title.push(' ');
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::DarkGray))
        .title(Span::styled(
            title,
            Style::default()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
        ));
    if app.paused() {
        block = block.title(Span::styled(
            format!(" PAUSED · {} new ", app.since_pause()),
            Style::default().fg(Color::Black).bg(Color::Yellow),
        ));
    } else if app.follow {
        block = block.title(Span::styled(
            " following ",
            Style::default().fg(Color::Green),
        ));
    }
    if app.evicted() > 0 {
        block = block.title(Span::styled(
            format!(" {} older events not kept ", app.evicted()),
            Style::default().fg(Color::Yellow),
        ));
    }
    if app.comfort.hscroll > 0 {
        block = block.title(Span::styled(
            format!(" → col {} · Home: 0 ", app.comfort.hscroll),
            Style::default().fg(Color::Cyan),
        ));
    }
    if app.comfort.wrap {
        block = block.title(Span::styled(" wrap ", Style::default().fg(Color::Cyan)));
    }
    let inner = block.inner(area);
    let mut areas = app.comfort.areas.get();
    areas.list = inner;
    app.comfort.areas.set(areas);
    let h = inner.height as usize;
    app.list_height.set(h.max(1));
    let sel = app.selected_pos();
    let width = inner.width as usize;
    // A wrapped selected row takes more lines: fewer rows fit round it.
    let sel_lines = match sel.and_then(|s| app.visible_row(s)) {
        Some(r) if app.comfort.wrap => row_lines(app, r, true, width, h).len(),
        _ => 1,
    };
    let rows_h = h.saturating_sub(sel_lines - 1).max(1);
    let mut off = app.list_offset.get();
    if let Some(s) = sel {
        if app.follow {
            off = len.saturating_sub(rows_h);
        } else if s < off {
            off = s;
        } else if s >= off + rows_h {
            off = s + 1 - rows_h;
        }
    }
    off = off.min(len.saturating_sub(rows_h));
    app.list_offset.set(off);
    let mut line_rows = app.comfort.list_rows.borrow_mut();
    line_rows.clear();
    let lines: Vec<Line> = if len == 0 {
        let msg = if app.total == 0 {
            "waiting for the first call…"
        } else {
            "no call matches the filter (0 shows all, f edits it, e failed only)"
        };
        vec![Line::styled(msg, Style::default().fg(Color::DarkGray))]
    } else {
        let mut lines = Vec::with_capacity(h);
        for i in off..len {
            if lines.len() >= h {
                break;
            }
            let Some(r) = app.visible_row(i) else { break };
            for l in row_lines(app, r, Some(i) == sel, width, h) {
                lines.push(l);
                line_rows.push(i);
            }
        }
        lines.truncate(h);
        line_rows.truncate(h);
        lines
    };
    drop(line_rows);
    f.render_widget(Paragraph::new(lines).block(block), area);
}
