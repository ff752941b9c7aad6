//! The title bar (views, class toggles) and the status bar (state,
//! counters, the filter and search in force, or the open prompt).

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::app::deny::{self, DenyPrompt};
use super::app::{App, View};
use super::class::{signal_name, Class};
use super::list::class_color;
use super::safe::cleaned;
use crate::event::ExitKind;

/// Draws the top line: title, view tabs, class toggles, filter.
pub fn render_title(f: &mut Frame, area: Rect, app: &App) {
    // Leave room for the tabs and class toggles (about 80 cells).
    let room = (area.width as usize).saturating_sub(82).clamp(8, 48);
    let title: String = if app.title.chars().count() > room {
        let t: String = app.title.chars().take(room - 1).collect();
        format!("{t}…")
    } else {
        app.title.clone()
    };
    let title = cleaned(&title);
    let mut spans = vec![Span::styled(
        format!(" notrace · {title} "),
        Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
    )];
    // Where each tab lands, for a mouse click.
    let mut x = area.x + spans[0].width() as u16;
    let mut tabs = [None; 4];
    for (i, v) in [View::List, View::Stats, View::Procs, View::Output]
        .into_iter()
        .enumerate()
    {
        if v == View::Output && !app.has_pty {
            continue;
        }
        let w = v.label().chars().count() as u16 + 2;
        tabs[i] = Some((x + 1, w, v));
        x += 1 + w;
        let st = if v == app.view_mode {
            Style::default()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::default().fg(Color::Gray)
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {} ", v.label()), st));
    }
    let mut areas = app.comfort.areas.get();
    areas.tabs = tabs;
    app.comfort.areas.set(areas);
    spans.push(Span::raw(" "));
    if app.failed_only {
        spans.push(Span::styled(
            " ✗ failed only ",
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        ));
    }
    spans.push(Span::raw(" "));
    for (i, c) in Class::ALL.iter().enumerate() {
        let on = !app.hidden[c.index()];
        let st = if on {
            Style::default().fg(class_color(*c))
        } else {
            Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::CROSSED_OUT)
        };
        spans.push(Span::styled(format!("{}{} ", i + 1, c.label()), st));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Draws the bottom line: the filter or search prompt, or state and
/// counters.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    if let Some(p) = &app.deny_prompt {
        render_deny_prompt(f, area, p);
        return;
    }
    if app.filter_editing || app.search_editing {
        let (label, text, err, color) = if app.search_editing {
            (
                " search /",
                &app.search,
                &app.search_err,
                Color::LightYellow,
            )
        } else {
            (" filter ", &app.filter, &app.filter_err, Color::LightGreen)
        };
        let mut spans = vec![
            Span::styled(
                label,
                Style::default().fg(color).add_modifier(Modifier::BOLD),
            ),
            Span::raw(cleaned(text)),
            Span::styled("█", Style::default().fg(color)),
        ];
        match err {
            Some(e) => spans.push(Span::styled(
                format!("   error in {e}"),
                Style::default()
                    .fg(Color::White)
                    .bg(Color::Red)
                    .add_modifier(Modifier::BOLD),
            )),
            None if app.search_editing => spans.push(Span::styled(
                "   Enter keep · n/N next/prev · Esc undo · ↑↓ history",
                Style::default().fg(Color::DarkGray),
            )),
            None => spans.push(Span::styled(
                format!(
                    "   {} match · Enter keep · Esc undo · ↑↓ history · Ctrl-U clear",
                    app.visible_len()
                ),
                Style::default().fg(Color::DarkGray),
            )),
        }
        f.render_widget(Paragraph::new(Line::from(spans)), area);
        return;
    }
    let mut spans = Vec::new();
    if app.input_mode {
        spans.push(Span::styled(
            " INPUT ",
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ));
    }
    if app.command_running() {
        spans.push(Span::styled(
            " ● running ",
            Style::default()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD),
        ));
    } else if app.live {
        let how = app
            .child_pid
            .and_then(|p| app.procs.get(&p))
            .and_then(|p| p.exit)
            .map(|x| match x {
                ExitKind::Exited(c) => format!(", exit {c}"),
                ExitKind::Signaled { signal, .. } => format!(", killed by {}", signal_name(signal)),
            })
            .unwrap_or_default();
        spans.push(Span::styled(
            format!(" ■ command ended{how} · q quits "),
            Style::default().fg(Color::Black).bg(Color::Gray),
        ));
    } else {
        spans.push(Span::styled(
            " ■ saved trace ",
            Style::default().fg(Color::Black).bg(Color::Gray),
        ));
    }
    spans.push(Span::raw(format!(" {} calls ", app.total)));
    if !app.filter.trim().is_empty() {
        spans.push(Span::styled(
            format!(" filter: {} ", cleaned(&app.filter)),
            Style::default().fg(Color::Black).bg(Color::LightGreen),
        ));
        spans.push(Span::raw(" "));
    }
    if app.search_q.is_some() {
        spans.push(Span::styled(
            format!(" /{} ", cleaned(&app.search)),
            Style::default().fg(Color::Black).bg(Color::LightYellow),
        ));
        spans.push(Span::raw(" "));
    }
    if app.stats.errors > 0 {
        spans.push(Span::styled(
            format!(" {} failed ", app.stats.errors),
            Style::default().fg(Color::Red),
        ));
    }
    if app.stats.denied > 0 {
        spans.push(Span::styled(
            format!(" {} denied ", app.stats.denied),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ));
    }
    if !app.held.is_empty() {
        spans.push(Span::styled(
            format!(" ⏸ {} held ", app.held.len()),
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ));
    }
    let names = app.hold_names();
    if !names.is_empty() {
        spans.push(Span::styled(
            format!(" hold: {} ", names.join(",")),
            Style::default().fg(Color::Yellow),
        ));
    }
    if app.paused() {
        spans.push(Span::styled(
            format!(" PAUSED +{} ", app.since_pause()),
            Style::default().fg(Color::Black).bg(Color::Yellow),
        ));
    }
    if app.evicted() > 0 {
        spans.push(Span::styled(
            format!(" {} older events not kept ", app.evicted()),
            Style::default().fg(Color::Yellow),
        ));
    }
    if app.on_disk() && (app.window_start() > 0 || app.scrolled_back()) {
        let st = app.window_start();
        spans.push(Span::styled(
            format!(
                " rows {}–{} of {}{} ",
                st + 1,
                st + app.kept() as u64,
                app.total,
                if app.scrolled_back() {
                    " · G: newest"
                } else {
                    " · older on disk"
                }
            ),
            Style::default().fg(Color::Yellow),
        ));
    }
    if let Some(n) = &app.note {
        spans.push(Span::styled(
            format!(" {} ", cleaned(n)),
            Style::default().fg(Color::Cyan),
        ));
    }
    spans.push(Span::styled(
        " ? help",
        Style::default().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The `D` prompt: which call, the errno typed, and what it reads as.
fn render_deny_prompt(f: &mut Frame, area: Rect, p: &DenyPrompt) {
    let color = Color::LightRed;
    let (hint, bad) = deny::hint(&p.text);
    let hint_style = if bad {
        Style::default()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().fg(Color::DarkGray)
    };
    let spans = vec![
        Span::styled(
            format!(" deny {} with errno ", cleaned(&p.name)),
            Style::default().fg(color).add_modifier(Modifier::BOLD),
        ),
        Span::raw(cleaned(&p.text)),
        Span::styled("█", Style::default().fg(color)),
        Span::styled(format!("   {hint}"), hint_style),
    ];
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
