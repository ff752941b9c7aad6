//! The `?` overlay listing every key.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Every key and what it does, in display order.
pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓ j k", "move the selection (up stops following)"),
    ("PgUp PgDn", "one page"),
    (
        "← → W",
        "scroll long rows sideways (Home: back) / wrap the selected row",
    ),
    (
        "g G",
        "first call / last call and follow (also Home, End, F)",
    ),
    (
        "Enter J K",
        "detail of the call, J/K scroll it; in Procs: the process's calls",
    ),
    ("Tab S-Tab", "switch view: events, stats, processes, output"),
    (
        "/ n N",
        "search as you type, matches highlighted; n/N next/previous",
    ),
    (
        "f",
        "filter: Enter keeps, Esc undoes, ↑↓ history; the language:",
    ),
    (
        "",
        "syscall:openat pid:42 comm:sh path:/etc arg:TEXT errno:ENOENT",
    ),
    (
        "",
        "failed  /regex/  field:/regex/  !negated  \"a b\"  plain words",
    ),
    (
        "1 … 6",
        "toggle file, network, process, memory, signal, other",
    ),
    (
        "e 0",
        "failed calls only (as strace -Z), again all / clear all filters",
    ),
    ("p Space", "pause the view (tracing goes on)"),
    (
        "T x U",
        "duration column / Procs: process or exec tree / UTC or local time",
    ),
    (
        "a / d / A",
        "allow / deny (EPERM) the selected or oldest held call; A: all",
    ),
    ("h / H", "hold / stop holding the selected call's syscall"),
    (
        "o i",
        "output pane on/off / type into the command (Esc Esc, Ctrl-] leave)",
    ),
    (
        "Esc",
        "close pane, overlay or prompt; back from a process's calls",
    ),
    (
        "w X y Y",
        "save JSONL / Chrome JSON (Perfetto); copy the call / the detail",
    ),
    (
        "q Ctrl-C ?",
        "quit (asks first while the command runs) / this help",
    ),
];

/// A rectangle of at most `w` × `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(v);
    r
}

/// Draws the overlay.
pub fn render(f: &mut Frame, area: Rect) {
    let r = centered(area, 80, KEYS.len() as u16 + 2);
    let lines: Vec<Line> = KEYS
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(
                    format!(" {k:>10}  "),
                    Style::default()
                        .fg(Color::Yellow)
                        .add_modifier(Modifier::BOLD),
                ),
                Span::raw(*what),
            ])
        })
        .collect();
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(Color::Yellow))
                .title(" Keys · mouse: wheel scrolls, click selects · Esc or ? closes "),
        ),
        r,
    );
}

/// Draws the quit question.
pub fn render_quit(f: &mut Frame, area: Rect) {
    let r = centered(area, 60, 8);
    let k = Style::default()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD);
    let lines = vec![
        Line::raw(" The command is still running."),
        Line::raw(""),
        Line::from(vec![Span::styled("  k ", k), Span::raw("kill it and quit")]),
        Line::from(vec![
            Span::styled("  b ", k),
            Span::raw("quit the UI, keep tracing until it exits"),
        ]),
        Line::raw("    (then Ctrl-C or closing the terminal ends it)"),
        Line::from(vec![Span::styled("  Esc ", k), Span::raw("cancel")]),
    ];
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().fg(Color::Red))
                .title(" Quit? "),
        ),
        r,
    );
}
