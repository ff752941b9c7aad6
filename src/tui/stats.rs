//! The statistics view: calls (and, with results, errors) per syscall as
//! a bar chart, calls per process, most opened paths, most connected
//! addresses, the most frequent errors, and the rate.

use std::collections::HashMap;
use std::hash::Hash;

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};
use ratatui::Frame;

use super::app::sort::{order_names, StatsSort};
use super::app::App;
use super::class::classify;
use super::list::{class_color, duration_text};
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

/// The bottom title of a sorted view: the sort in force and its keys (the
/// top title is full of counts already).
pub fn sort_title(label: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!(" sort: {label} "),
            Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::styled(
            "· s column · r reverse ",
            Style::default().fg(Color::DarkGray),
        ),
    ])
}

/// With results: the failed calls per syscall, and the totals of calls
/// and failed calls (strace -c's `total` line).
struct Errors<'a> {
    per_name: &'a HashMap<String, u64>,
    total: (u64, u64),
}

/// One bar per row: label, count, with `times` a column of time spent in
/// the calls, with `errors` a column of failed calls (`✗3`, blank for
/// none), the failed part of the bar in red, and a last `total` line.
fn bar_lines(
    rows: &[(String, u64, Color)],
    errors: Option<Errors>,
    times: Option<&HashMap<String, u64>>,
    width: usize,
) -> Vec<Line<'static>> {
    let total = errors.as_ref().map(|e| e.total);
    let label_w = rows
        .iter()
        .map(|r| r.0.chars().count())
        .chain(total.map(|_| "total".len()))
        .max()
        .unwrap_or(0)
        .min(24);
    // Sorted by something else than calls, the first row need not be the
    // largest.
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let time_w = if times.is_some() { 8 } else { 0 };
    let num_w = rows
        .iter()
        .map(|r| r.1)
        .chain(total.map(|t| t.0))
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(1);
    let errs = |name: &str| {
        errors
            .as_ref()
            .and_then(|e| e.per_name.get(name).copied())
            .unwrap_or(0)
    };
    let err_w = match total {
        Some((_, all)) => rows
            .iter()
            .map(|r| errs(&r.0))
            .chain([all])
            .map(|e| format!("✗{e}").chars().count() + 1)
            .max()
            .unwrap_or(0),
        None => 0,
    };
    let bar_w = width.saturating_sub(label_w + num_w + err_w + time_w + 2);
    rows.iter()
        .map(|(name, n, color)| {
            let label: String = name.chars().take(label_w).collect();
            let label = cleaned(&label);
            let mut spans = vec![
                Span::styled(format!("{label:>label_w$} "), Style::default().fg(*color)),
                Span::styled(format!("{n:>num_w$} "), Style::default().fg(Color::White)),
            ];
            if let Some(t) = times {
                let text = t.get(name).map(|ns| duration_text(*ns)).unwrap_or_default();
                spans.push(Span::styled(
                    format!("{text:>7} "),
                    Style::default().fg(Color::Yellow),
                ));
            }
            let e = errs(name);
            if total.is_some() {
                let text = if e > 0 {
                    format!("✗{e}")
                } else {
                    String::new()
                };
                let w = err_w - 1;
                spans.push(Span::styled(
                    format!("{text:>w$} "),
                    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                ));
            }
            // The bar is the calls; its failed share is drawn red, first.
            let total = bar(*n, max, bar_w);
            // Whole cells, rounded: a glyph is one colour.
            let red = if max > 0 {
                ((e.min(*n) as u128 * bar_w as u128 * 8 / max as u128 + 4) / 8) as usize
            } else {
                0
            };
            let (failed, ok): (String, String) = {
                let cells: Vec<char> = total.chars().collect();
                let red = red.min(cells.len());
                (cells[..red].iter().collect(), cells[red..].iter().collect())
            };
            if !failed.is_empty() {
                spans.push(Span::styled(failed, Style::default().fg(Color::Red)));
            }
            spans.push(Span::styled(ok, Style::default().fg(*color)));
            Line::from(spans)
        })
        .chain(total.map(|(calls, failed)| {
            let bold = Style::default().add_modifier(Modifier::BOLD);
            let w = err_w.saturating_sub(1);
            let mut spans = vec![
                Span::styled(format!("{:>label_w$} ", "total"), bold),
                Span::styled(format!("{calls:>num_w$} "), bold.fg(Color::White)),
            ];
            if let Some(t) = times {
                let all = duration_text(t.values().sum());
                spans.push(Span::styled(format!("{all:>7} "), bold.fg(Color::Yellow)));
            }
            spans.push(Span::styled(
                format!("{:>w$}", format!("✗{failed}")),
                bold.fg(Color::Red),
            ));
            Line::from(spans)
        }))
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

    // Errors are only spoken of when results are known: without them a
    // count of 0 would read as "nothing failed".
    let with_results = s.results > 0;
    let b = block(if with_results {
        let denied = match s.denied {
            0 => String::new(),
            n => format!(", {n} denied"),
        };
        format!(
            " Calls per syscall · {} calls, {} errors{denied}, {} syscalls ",
            app.total,
            s.errors,
            s.per_name.len()
        )
    } else {
        format!(
            " Calls per syscall · {} calls, {} syscalls, {} denied ",
            app.total,
            s.per_name.len(),
            s.denied
        )
    })
    .title_bottom(sort_title(&app.sort.stats_label()));
    let inner = b.inner(left);
    // With results the last line is the total.
    let room = (inner.height as usize).saturating_sub(with_results as usize);
    // Scrolled (↑↓, wheel) no further than a full last page.
    let names = order_names(&s.per_name, &s.errors_per_name, &s.time_per_name, &app.sort);
    let first = app.stats_scroll.min(names.len().saturating_sub(room));
    let last = (first + room).min(names.len());
    let range = format!(" ↑↓ rows {}–{last} of {} ", first + 1, names.len());
    // Beside the sort's title when both fit on the border, else left out
    // (ratatui would draw one over the other).
    let sort_w = sort_title(&app.sort.stats_label()).width();
    let fits = sort_w + range.chars().count() + 2 <= left.width as usize;
    let b = if names.len() > room && fits {
        b.title_bottom(Line::from(range).right_aligned())
    } else {
        b
    };
    let rows: Vec<(String, u64, Color)> = names
        .into_iter()
        .skip(first)
        .take(room)
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
        bar_lines(
            &rows,
            with_results.then_some(Errors {
                per_name: &s.errors_per_name,
                total: (app.total, s.errors),
            }),
            (app.sort.stats == StatsSort::Time && !s.time_per_name.is_empty())
                .then_some(&s.time_per_name),
            inner.width as usize,
        )
    };
    f.render_widget(Paragraph::new(lines).block(b), left);

    let n = if with_results { 4 } else { 3 };
    let parts = Layout::vertical(vec![Constraint::Ratio(1, n); n as usize]).split(right);
    let (procs, paths, addrs) = (parts[0], parts[1], parts[2]);
    if with_results {
        let b = block(format!(
            " Most frequent errors · {} of {} calls failed ",
            s.errors, s.results
        ));
        let inner = b.inner(parts[3]);
        let rows = top(&s.per_error, inner.height as usize)
            .into_iter()
            .map(|((name, e), n)| (format!("{name} {}", crate::errno::name(e)), n))
            .collect();
        f.render_widget(
            Paragraph::new(count_lines(rows, inner.width as usize, "no call failed"))
                .block(b)
                .style(Style::default().fg(Color::LightRed)),
            parts[3],
        );
    }

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
    fn failed_share_of_a_bar_is_red() {
        use super::*;
        let mut errs = HashMap::new();
        errs.insert("openat".to_string(), 5u64);
        let rows = vec![
            ("openat".to_string(), 10, Color::Cyan),
            ("read".to_string(), 5, Color::Cyan),
        ];
        let total = Errors {
            per_name: &errs,
            total: (15, 5),
        };
        let lines = bar_lines(&rows, Some(total), None, 23);
        let text = |l: &Line| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        };
        assert_eq!(text(&lines[0]), "openat 10 ✗5 ██████████");
        assert_eq!(text(&lines[1]), "  read  5    █████");
        assert_eq!(lines[0].spans[3].style.fg, Some(Color::Red));
        assert_eq!(lines[0].spans[3].content, "█████");
        assert_eq!(lines[1].spans[3].style.fg, Some(Color::Cyan), "no red");
        assert_eq!(text(&lines[2]), " total 15 ✗5");
    }

    #[test]
    fn bars_scale() {
        assert_eq!(super::bar(10, 10, 4), "████");
        assert_eq!(super::bar(5, 10, 4), "██");
        assert_eq!(super::bar(1, 1000, 4), "▏");
    }
}
