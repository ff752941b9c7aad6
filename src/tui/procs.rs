//! The process view: a tree of pid, comm and command line, alive or how
//! each process ended; or (`x`) the exec tree, each process with its
//! execs, argv and whether they failed. Enter lists the selected
//! process's calls.

use std::collections::{BTreeMap, BTreeSet};

use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::app::{App, Exec, Proc};
use super::class::signal_name;
use super::safe::clean;
use crate::event::{ExitKind, Outcome};

/// `(depth, pid)` in tree order: roots are processes whose parent was not
/// seen; children follow their parent, by pid.
pub fn tree_order(procs: &BTreeMap<i32, Proc>) -> Vec<(usize, i32)> {
    tree_order_by(procs, |a, b| a.pid.cmp(&b.pid))
}

/// [`tree_order`] with siblings (and roots) in the order `cmp` gives:
/// sorting keeps the tree.
pub fn tree_order_by(
    procs: &BTreeMap<i32, Proc>,
    cmp: impl Fn(&Proc, &Proc) -> std::cmp::Ordering,
) -> Vec<(usize, i32)> {
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
    let by = |x: &i32, y: &i32| cmp(&procs[x], &procs[y]);
    roots.sort_by(by);
    for k in kids.values_mut() {
        k.sort_by(by);
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

/// `= 0`, `= -1 ENOENT`, `…` while running, `` when unknown.
fn exec_result(x: &Exec) -> (String, Style) {
    match (x.errno(), x.result) {
        (Some(e), _) => (
            format!("✗ = -1 {}", crate::errno::name(e)),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
        ),
        (None, Outcome::Returned(_)) => ("✓".into(), Style::default().fg(Color::Green)),
        (None, Outcome::Pending) => ("…".into(), Style::default().fg(Color::Yellow)),
        _ => (String::new(), Style::default()),
    }
}

/// Draws the view.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let alive = app
        .procs
        .values()
        .filter(|p| p.exit.is_none() && !p.gone)
        .count();
    let what = if app.exec_tree {
        "Exec tree"
    } else {
        "Processes"
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::DarkGray))
        .title(Span::styled(
            format!(
                " {what} · {} seen, {alive} running · Enter: its calls · x: {} ",
                app.procs.len(),
                if app.exec_tree {
                    "process tree"
                } else {
                    "exec tree"
                }
            ),
            Style::default().add_modifier(Modifier::BOLD),
        ))
        .title_bottom(super::stats::sort_title(&app.sort.procs_label()));
    let inner = block.inner(area);
    let head = Style::default()
        .fg(Color::DarkGray)
        .add_modifier(Modifier::UNDERLINED);
    let header = if app.exec_tree {
        Line::styled(format!("{:<16} {:<16} execs", "pid", "comm"), head)
    } else {
        Line::styled(
            format!(
                "{:<16} {:>7} {:>8} {:<22} {:<16} command",
                "pid", "ppid", "calls", "state", "comm"
            ),
            head,
        )
    };
    let order = app.procs_order();
    let sel = app.procs_sel.min(order.len().saturating_sub(1));
    // Every line of the body, and the line the selected process starts on.
    let mut body: Vec<Line> = Vec::new();
    let mut sel_line = 0;
    for (i, (depth, pid)) in order.iter().enumerate() {
        let p = &app.procs[pid];
        let indent = if *depth == 0 {
            String::new()
        } else {
            format!("{}└─", "  ".repeat(depth - 1))
        };
        let mark = if Some(p.pid) == app.child_pid {
            "*"
        } else {
            ""
        };
        let pid_span = Span::styled(
            format!("{:<16}", format!("{indent}{}{mark}", p.pid)),
            Style::default()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD),
        );
        let comm = Span::styled(
            format!("{:<16} ", clean(&p.comm)),
            Style::default().fg(Color::Cyan),
        );
        if i == sel {
            sel_line = body.len();
        }
        let mut line = if app.exec_tree {
            let n = p.execs.len() as u64 + p.execs_dropped;
            Line::from(vec![
                pid_span,
                Span::raw(" "),
                comm,
                Span::styled(
                    match n {
                        0 => "no exec seen".to_string(),
                        1 => "1 exec".to_string(),
                        n => format!("{n} execs"),
                    },
                    Style::default().fg(Color::DarkGray),
                ),
            ])
        } else {
            let ppid = match (p.ppid, p.guessed_parent) {
                (Some(pp), _) => pp.to_string(),
                (None, Some(g)) => format!("~{g}"),
                (None, None) => "?".into(),
            };
            let (state, color) = state_text(p);
            Line::from(vec![
                pid_span,
                Span::raw(format!(" {ppid:>7} {:>8} ", p.calls)),
                Span::styled(format!("{state:<22} "), Style::default().fg(color)),
                comm,
                Span::raw(clean(p.cmdline.as_deref().unwrap_or_default()).into_owned()),
            ])
        };
        if i == sel {
            line = line.style(Style::default().add_modifier(Modifier::REVERSED));
        }
        body.push(line);
        if app.exec_tree {
            let pad = "  ".repeat(*depth + 1);
            for (k, x) in p.execs.iter().enumerate() {
                if p.execs_dropped > 0 && k == super::app::MAX_EXECS / 2 {
                    body.push(Line::styled(
                        format!("{pad}  … {} more execs", p.execs_dropped),
                        Style::default().fg(Color::DarkGray),
                    ));
                }
                let (res, st) = exec_result(x);
                let argv_style = if x.errno().is_some() {
                    Style::default().fg(Color::Red)
                } else {
                    Style::default()
                };
                body.push(Line::from(vec![
                    Span::styled(format!("{pad}├ "), Style::default().fg(Color::DarkGray)),
                    Span::styled(
                        format!("{} ", clean(&x.path)),
                        Style::default().fg(Color::Green),
                    ),
                    Span::styled(format!("[{}] ", clean(&x.argv)), argv_style),
                    Span::styled(res, st),
                ]));
            }
        }
    }
    let h = (inner.height as usize).saturating_sub(1);
    let mut off = app.procs_scroll.get();
    if sel_line < off {
        off = sel_line;
    } else if sel_line >= off + h {
        off = sel_line + 1 - h;
    }
    off = off.min(body.len().saturating_sub(h));
    app.procs_scroll.set(off);
    let mut lines = vec![header];
    lines.extend(body.into_iter().skip(off).take(h));
    if order.is_empty() {
        lines.push(Line::styled(
            "no process seen yet",
            Style::default().fg(Color::DarkGray),
        ));
    }
    f.render_widget(Paragraph::new(lines).block(block), area);
}
