//! The process view: a tree of pid, comm and command line, alive or how
//! each process ended.

use std::collections::{BTreeMap, BTreeSet};

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::app::{App, Proc};
use super::class::signal_name;
use super::safe::clean;
use crate::event::ExitKind;

/// `(depth, pid)` in tree order: roots are processes whose parent was not
/// seen; children follow their parent, by pid.
pub fn tree_order(procs: &BTreeMap<i32, Proc>) -> Vec<(usize, i32)> {
    let mut kids: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    let mut roots = Vec::new();
    for p in procs.values() {
        match p
            .parent()
            .filter(|pp| procs.contains_key(pp) && *pp != p.pid)
        {
            Some(pp) => kids.entry(pp).or_default().push(p.pid),
            None => roots.push(p.pid),
        }
    }
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(usize, i32)> = roots.into_iter().rev().map(|r| (0, r)).collect();
    while let Some((d, pid)) = stack.pop() {
        if !seen.insert(pid) {
            continue;
        }
        out.push((d, pid));
        if let Some(k) = kids.get(&pid) {
            stack.extend(k.iter().rev().map(|c| (d + 1, *c)));
        }
    }
    // Parent cycles (pid reuse) leave unvisited entries: list them flat.
    for pid in procs.keys() {
        if !seen.contains(pid) {
            out.push((0, *pid));
        }
    }
    out
}

/// `running`, `exit 0`, `killed by SIGKILL (core dumped)`.
pub fn state_text(p: &Proc) -> (String, Color) {
    match p.exit {
        None if p.gone => ("ended".into(), Color::DarkGray),
        None => ("running".into(), Color::Green),
        Some(ExitKind::Exited(0)) => ("exit 0".into(), Color::DarkGray),
        Some(ExitKind::Exited(c)) => (format!("exit {c}"), Color::Yellow),
        Some(ExitKind::Signaled { signal, core }) => (
            format!(
                "killed by {}{}",
                signal_name(signal),
                if core { " (core dumped)" } else { "" }
            ),
            Color::Red,
        ),
    }
}

/// Draws the view.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let alive = app
        .procs
        .values()
        .filter(|p| p.exit.is_none() && !p.gone)
        .count();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::DarkGray))
        .title(Span::styled(
            format!(" Processes · {} seen, {alive} running ", app.procs.len()),
            Style::default().add_modifier(Modifier::BOLD),
        ));
    let inner = block.inner(area);
    let head = Style::default()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::UNDERLINED);
    let mut lines = vec![Line::styled(
        format!(
            "{:<16} {:>7} {:>8} {:<22} {:<16} command",
            "pid", "ppid", "calls", "state", "comm"
        ),
        head,
    )];
    let order = tree_order(&app.procs);
    let h = (inner.height as usize).saturating_sub(1);
    let scroll = app.procs_scroll.min(order.len().saturating_sub(h));
    for (depth, pid) in order.iter().skip(scroll).take(h) {
        let p = &app.procs[pid];
        let indent = if *depth == 0 {
            String::new()
        } else {
            format!("{}└─", "  ".repeat(depth - 1))
        };
        let ppid = match (p.ppid, p.guessed_parent) {
            (Some(pp), _) => pp.to_string(),
            (None, Some(g)) => format!("~{g}"),
            (None, None) => "?".into(),
        };
        let (state, color) = state_text(p);
        let mark = if Some(p.pid) == app.child_pid {
            "*"
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{:<16}", format!("{indent}{}{mark}", p.pid)),
                Style::default()
                    .fg(Color::LightBlue)
                    .add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" {ppid:>7} {:>8} ", p.calls)),
            Span::styled(format!("{state:<22} "), Style::default().fg(color)),
            Span::styled(
                format!("{:<16} ", clean(&p.comm)),
                Style::default().fg(Color::Cyan),
            ),
            Span::raw(clean(p.cmdline.as_deref().unwrap_or_default()).into_owned()),
        ]));
    }
    if order.is_empty() {
        lines.push(Line::styled(
            "no process seen yet",
            Style::default().fg(Color::DarkGray),
        ));
    }
    f.render_widget(Paragraph::new(lines).block(block), area);
}
