//! The detail pane: everything known about the selected call, strings in
//! full.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::app::{failed_errno, result_text, App, HoldMark};
use super::class::errno_name;
use super::safe::cleaned;
use crate::event::{Action as CallAction, DecodedArg, Event, Outcome};

/// The full value of an argument: the uncut string when the value is one,
/// compact JSON for other values, else the text.
pub fn full_value(a: &DecodedArg) -> String {
    match &a.value {
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
        None => a.text.clone(),
    }
}

/// `2025-11-22 10:41:24.123456789 UTC` from nanoseconds since the epoch.
pub fn utc(ns: u64) -> String {
    let secs = ns / 1_000_000_000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = crate::event::civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{:09} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ns % 1_000_000_000
    )
}

/// A duration for people: `850 ns`, `12.345 µs`, `1.234 ms`, `2.500000 s`.
pub fn duration(ns: u64) -> String {
    if ns < 1_000 {
        format!("{ns} ns")
    } else if ns < 1_000_000 {
        format!("{}.{:03} µs", ns / 1_000, ns % 1_000)
    } else if ns < 1_000_000_000 {
        format!("{}.{:03} ms", ns / 1_000_000, ns / 1_000 % 1_000)
    } else {
        format!("{}.{:06} s", ns / 1_000_000_000, ns / 1_000 % 1_000_000)
    }
}

/// The result lines: strace's text, then the fields the JSONL has
/// (`status`, `ret`, `errno`, `errno_nr`, `duration_ns`).
fn result_lines(ev: &Event, key: Style, val: Style) -> Vec<Line<'static>> {
    let errno = failed_errno(ev);
    let (text, style) = match (ev.result, result_text(ev)) {
        (Outcome::Pending, _) => (
            "… running: the call has not returned yet".to_string(),
            Style::default().fg(Color::Yellow),
        ),
        (_, None) => (
            "not collected (--no-results, or not permitted here)".to_string(),
            key,
        ),
        (_, Some(t)) if errno.is_some() => (
            format!("= {}", cleaned(&t)),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        (Outcome::Returned(_), Some(t)) => (
            format!("= {}", cleaned(&t)),
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
        ),
        (_, Some(t)) => (format!("= {}", cleaned(&t)), key),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("result ", key),
        Span::styled(text, style),
    ])];
    let mut f = Vec::new();
    let mut kv = |k: &'static str, v: String| {
        f.push(Span::styled(k, key));
        f.push(Span::styled(v, val));
        f.push(Span::raw("  "));
    };
    let status = match ev.result.status() {
        Some(crate::event::Status::Unavailable) if errno.is_some() => "failed",
        Some(s) => s.name(),
        None => "pending",
    };
    kv("status ", status.to_string());
    match (ev.result, errno) {
        (_, Some(e)) => {
            kv("ret ", "-1".into());
            kv("errno ", crate::errno::name(e));
            kv("errno_nr ", e.to_string());
        }
        (Outcome::Returned(v), None) => kv("ret ", v.to_string()),
        _ => {}
    }
    if let Some(d) = ev.duration_ns {
        kv("duration ", format!("{} ({d} ns)", duration(d)));
    }
    lines.push(Line::from(f));
    lines
}

/// Draws the pane.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::Cyan))
        .title(format!(
            " Detail · J/K scroll · Y copies · {} (U) · Enter/Esc closes ",
            super::clock::zone_label(app.comfort.utc)
        ));
    let Some(lines) = lines(app) else {
        f.render_widget(Paragraph::new("no call selected").block(block), area);
        return;
    };
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((app.detail_scroll, 0)),
        area,
    );
}

/// The pane's text, unwrapped, without trailing blanks (what `Y` copies).
pub fn text(app: &App) -> String {
    let mut s = String::new();
    for l in lines(app).unwrap_or_default() {
        let line: String = l.spans.iter().map(|sp| sp.content.as_ref()).collect();
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

/// The pane's lines for the selected call.
fn lines(app: &App) -> Option<Vec<Line<'static>>> {
    let r = app.selected_row()?;
    let ev = &r.ev;
    let key = Style::default().fg(Color::DarkGray);
    let val = Style::default()
        .fg(Color::White)
        .add_modifier(Modifier::BOLD);
    let kv = |k: &'static str, v: String| {
        vec![Span::styled(k, key), Span::styled(v, val), Span::raw("  ")]
    };
    let mut lines = Vec::new();
    let mut l1 = vec![Span::styled(
        format!("{} ", cleaned(&ev.name)),
        Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
    )];
    l1.extend(kv("nr ", ev.nr.to_string()));
    l1.extend(kv("arch ", ev.arch.name().to_string()));
    l1.extend(kv("seq ", ev.seq.to_string()));
    lines.push(Line::from(l1));
    let mut l2 = kv("pid ", ev.pid.to_string());
    l2.extend(kv("tid ", ev.tid.to_string()));
    l2.extend(kv("comm ", cleaned(&ev.comm)));
    lines.push(Line::from(l2));
    let mut l3 = kv("time ", super::clock::wall(ev.time_ns, app.comfort.utc));
    l3.extend(kv(
        "+",
        format!("{}s", super::list::rel_time(app, ev.time_ns)),
    ));
    lines.push(Line::from(l3));
    let action = match &ev.action {
        CallAction::Allowed => Span::styled("allowed", Style::default().fg(Color::Green)),
        CallAction::Denied { errno, rule } => Span::styled(
            format!(
                "DENIED = -1 {} (rule: {})",
                errno_name(*errno),
                cleaned(rule)
            ),
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        ),
    };
    let mut l4 = vec![Span::styled("action ", key), action];
    match r.hold {
        HoldMark::Pending => l4.push(Span::styled(
            "  HELD: waiting for a (allow) or d (deny)",
            Style::default().fg(Color::Black).bg(Color::Yellow),
        )),
        HoldMark::Allowed => l4.push(Span::styled(
            "  (held, allowed by you)",
            Style::default().fg(Color::Green),
        )),
        HoldMark::Denied => l4.push(Span::styled(
            "  (held, denied by you)",
            Style::default().fg(Color::Red),
        )),
        HoldMark::None => {}
    }
    lines.push(Line::from(l4));
    lines.extend(result_lines(ev, key, val));
    lines.push(Line::styled("arguments", key));
    for (i, a) in ev.decoded.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {i} "), key),
            Span::styled(
                cleaned(&a.name),
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!(" [{}] ", cleaned(&a.kind)),
                Style::default().fg(Color::Magenta),
            ),
            Span::styled(format!("raw {:#x}", a.raw), key),
        ]));
        lines.push(Line::from(vec![
            Span::raw("     "),
            Span::styled(cleaned(&full_value(a)), val),
        ]));
        if a.value.is_some() && full_value(a) != a.text {
            lines.push(Line::from(vec![
                Span::styled("     text ", key),
                Span::raw(cleaned(&a.text)),
            ]));
        }
    }
    if ev.decoded.is_empty() {
        let regs: Vec<String> = ev.args.iter().map(|r| format!("{r:#x}")).collect();
        lines.push(Line::from(vec![
            Span::styled(" regs ", key),
            Span::raw(regs.join(" ")),
        ]));
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_well() {
        assert_eq!(super::duration(850), "850 ns");
        assert_eq!(super::duration(12_345), "12.345 µs");
        assert_eq!(super::duration(1_234_567), "1.234 ms");
        assert_eq!(super::duration(2_500_000_000), "2.500000 s");
    }

    #[test]
    fn utc_dates() {
        assert_eq!(super::utc(0), "1970-01-01 00:00:00.000000000 UTC");
        assert_eq!(
            super::utc(1_763_808_084_123_456_789),
            "2025-11-22 10:41:24.123456789 UTC"
        );
    }
}
