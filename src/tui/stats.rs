//! The statistics view: calls per syscall as a bar chart, calls per
//! process, most opened paths, most connected addresses, and the rate.

use std::collections::HashMap;
use std::hash::Hash;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};
use ratatui::Frame;

use super::app::App;
use super::class::classify;
use super::list::class_color;
use super::safe::cleaned;

/// The `n` largest entries, largest first (ties by key).
pub fn top<K: Clone + Ord + Hash>(m: &HashMap<K, u64>, n: usize) -> Vec<(K, u64)> {
    let mut v: Vec<(K, u64)> = m.iter().map(|(k, c)| (k.clone(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

/// A bar `width` cells long at full scale, with eighth-cell precision.
fn bar(count: u64, max: u64, width: usize) -> String {
    if max == 0 || width == 0 {
        return String::new();
    }
    let eighths = (count as u128 * width as u128 * 8 / max as u128) as usize;
    let mut s = "█".repeat(eighths / 8);
    const PART: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PART[eighths % 8]);
    if s.is_empty() && count > 0 {
        s.push('▏');
    }
    s
}

fn block(title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::DarkGray))
        .title(Span::styled(
            title,
            Style::default().add_modifier(Modifier::BOLD),
        ))
}

fn bar_lines(rows: &[(String, u64, Color)], width: usize) -> Vec<Line<'static>> {
    let label_w = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    let max = rows.first().map(|r| r.1).unwrap_or(0);
    let num_w = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    let bar_w = width.saturating_sub(label_w + num_w + 2);
    rows.iter()
        .map(|(label, n, color)| {
            let label: String = label.chars().take(label_w).collect();
            let label = cleaned(&label);
            Line::from(vec![
                Span::styled(format!("{label:>label_w$} "), Style::default().fg(*color)),
                Span::styled(format!("{n:>num_w$} "), Style::default().fg(Color::White)),
                Span::styled(bar(*n, max, bar_w), Style::default().fg(*color)),
            ])
        })
        .collect()
}

fn count_lines(rows: Vec<(String, u64)>, width: usize, empty: &str) -> Vec<Line<'static>> {
    if rows.is_empty() {
        return vec![Line::styled(
            empty.to_string(),
            Style::default().fg(Color::DarkGray),
        )];
    }
    let num_w = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    rows.into_iter()
        .map(|(label, n)| {
            let label = cleaned(&label);
            let room = width.saturating_sub(num_w + 1);
            let count = label.chars().count();
            // Keep the end of long paths: it is the informative part.
            let label: String = if count > room && room > 1 {
                let tail: String = label.chars().skip(count - room + 1).collect();
                format!("…{tail}")
            } else {
                label
            };
            Line::from(vec![
                Span::styled(format!("{n:>num_w$} "), Style::default().fg(Color::White)),
                Span::raw(label),
            ])
        })
        .collect()
}

/// Draws the view.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let [main, rate] = Layout::vertical([Constraint::Min(6), Constraint::Length(5)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main);
    let s = &app.stats;

    let b = block(format!(
        " Calls per syscall · {} calls, {} syscalls, {} denied ",
        app.total,
        s.per_name.len(),
        s.denied
    ));
    let inner = b.inner(left);
    let rows: Vec<(String, u64, Color)> = top(&s.per_name, inner.height as usize)
        .into_iter()
        .map(|(name, n)| {
            let c = class_color(classify(&name));
            (name, n, c)
        })
        .collect();
    let lines = if rows.is_empty() {
        vec![Line::styled(
            "no calls yet",
            Style::default().fg(Color::DarkGray),
        )]
    } else {
        bar_lines(&rows, inner.width as usize)
    };
    f.render_widget(Paragraph::new(lines).block(b), left);

    let [procs, paths, addrs] = Layout::vertical([
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
    ])
    .areas(right);

    let b = block(format!(" Calls per process · {} ", s.per_pid.len()));
    let inner = b.inner(procs);
    let rows = top(&s.per_pid, inner.height as usize)
        .into_iter()
        .map(|(pid, n)| {
            let comm = app.procs.get(&pid).map(|p| p.comm.as_str()).unwrap_or("");
            (format!("{pid} {comm}"), n)
        })
        .collect();
    f.render_widget(
        Paragraph::new(count_lines(rows, inner.width as usize, "none")).block(b),
        procs,
    );

    let b = block(format!(" Most opened paths · {} distinct ", s.paths.len()));
    let inner = b.inner(paths);
    let rows = top(&s.paths, inner.height as usize);
    f.render_widget(
        Paragraph::new(count_lines(rows, inner.width as usize, "no path arguments")).block(b),
        paths,
    );

    let b = block(format!(" Most connected addresses · {} ", s.addrs.len()));
    let inner = b.inner(addrs);
    let rows = top(&s.addrs, inner.height as usize);
    f.render_widget(
        Paragraph::new(count_lines(rows, inner.width as usize, "no connect calls")).block(b),
        addrs,
    );

    let b = block(String::new());
    let inner = b.inner(rate);
    let w = inner.width as usize;
    let data: Vec<u64> = s
        .rate
        .iter()
        .skip(s.rate.len().saturating_sub(w))
        .copied()
        .collect();
    let now = data.last().copied().unwrap_or(0);
    let peak = data.iter().copied().max().unwrap_or(0);
    let b = b.title(Span::styled(
        format!(
            " Calls per second · last {}s · now {now} · peak {peak} ",
            data.len()
        ),
        Style::default().add_modifier(Modifier::BOLD),
    ));
    f.render_widget(
        Sparkline::default()
            .block(b)
            .data(&data)
            .style(Style::default().fg(Color::Green)),
        rate,
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_scale() {
        assert_eq!(super::bar(10, 10, 4), "████");
        assert_eq!(super::bar(5, 10, 4), "██");
        assert_eq!(super::bar(1, 1000, 4), "▏");
    }
}
