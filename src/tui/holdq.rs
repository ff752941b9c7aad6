//! The hold queue: calls blocked until the user allows or denies them.

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::app::{args_text, App};
use super::safe::cleaned;

/// Rows the queue wants (0 when empty): up to 5 calls plus borders.
pub fn height(app: &App) -> u16 {
    if app.held.is_empty() {
        0
    } else {
        app.held.len().min(5) as u16 + 2
    }
}

/// Draws the queue.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let target = app.hold_target();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(
            Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        )
        .title(Span::styled(
            format!(
                " ⏸ {} held · a allow · d deny · D deny with errno… · A allow all ",
                app.held.len()
            ),
            Style::default()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        ));
    let h = block.inner(area).height as usize;
    let lines: Vec<Line> = app
        .held
        .iter()
        .enumerate()
        .take(h)
        .map(|(i, c)| {
            let me = Some(i) == target;
            let arrow = if me { "▶ " } else { "  " };
            let style = if me {
                Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            Line::from(vec![
                Span::styled(arrow, Style::default().fg(Color::Yellow)),
                Span::styled(
                    format!("{:>7} ", c.event.pid),
                    Style::default().fg(Color::LightBlue),
                ),
                Span::styled(
                    format!("{:<12} ", cleaned(&c.event.comm)),
                    Style::default().fg(Color::DarkGray),
                ),
                Span::styled(
                    cleaned(&format!("{}({})", c.event.name, args_text(&c.event))),
                    style,
                ),
            ])
        })
        .collect();
    f.render_widget(Paragraph::new(lines).block(block), area);
}
