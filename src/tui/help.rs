//! The `?` overlay listing every key.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

/// Every key and what it does, in display order.
pub const KEYS: &[(&str, &str)] = &[
    ("↑ ↓ j k", "move the selection (up stops following)"),
    ("PgUp PgDn", "one page (also Ctrl-B Ctrl-F)"),
    (
        "← → W",
        "scroll long rows sideways (Home: back) / wrap the selected row",
    ),
    (
        "g G p Space",
        "first / last call and follow (also Home End F); pause the view",
    ),
    (
        "Enter J K",
        "detail of the call, J/K scroll it; Procs: the process's calls",
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
        "1 … 6 e 0",
        "toggle file net proc mem signal other; failed only (-Z); all",
    ),
    (
        "T x U",
        "duration column; Procs: process or exec tree; UTC / local time",
    ),
    (
        "s r",
        "Stats, Procs: sort by the next column / reverse the order",
    ),
    (
        "a / d / A",
        "allow / deny (EPERM) the selected or oldest held call; A: all",
    ),
    (
        "D h / H",
        "deny it with an errno you type; hold / stop holding its syscall",
    ),
    (
        "o i",
        "output pane; type into the command (Esc Esc or Ctrl-] leaves)",
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
                    format!(" {k:>11}  "),
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::KEYS;
    use crate::event::HoldSet;
    use crate::tui::app::App;

    /// How KEYS spells a key.
    fn label(k: &KeyEvent) -> String {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        let name = match k.code {
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) if ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            c => format!("{c:?}"),
        };
        if ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }

    /// Every key the dispatcher might see in the main mode: printable
    /// ASCII alone and with Ctrl, the named keys, F1-F12.
    fn every_key() -> Vec<KeyEvent> {
        let mut v = Vec::new();
        for c in ' '..='~' {
            let shift = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            v.push(KeyEvent::new(KeyCode::Char(c), shift));
            if c.is_ascii_lowercase() || "[]\\^_5".contains(c) {
                v.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
            }
        }
        for code in [
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
        ] {
            v.push(KeyEvent::new(code, KeyModifiers::NONE));
        }
        v.extend((1..=12).map(|n| KeyEvent::new(KeyCode::F(n), KeyModifiers::NONE)));
        v
    }

    /// The keys the help names: its key column (`1 … 6` a range) and what
    /// a description lists as `(also A, B)`.
    fn named_in_help() -> (BTreeSet<String>, BTreeSet<String>) {
        let mut column = BTreeSet::new();
        for (k, _) in KEYS {
            let words: Vec<&str> = k.split_whitespace().collect();
            for (i, w) in words.iter().enumerate() {
                if *w == "…" {
                    let (a, b) = (words[i - 1].chars().next(), words[i + 1].chars().next());
                    for c in a.unwrap()..=b.unwrap() {
                        column.insert(c.to_string());
                    }
                } else {
                    column.insert(w.to_string());
                }
            }
        }
        let mut also = BTreeSet::new();
        for (_, what) in KEYS {
            if let Some(rest) = what.split("(also ").nth(1) {
                let list = rest.split(')').next().unwrap();
                also.extend(
                    list.split([',', ' '])
                        .filter(|w| !w.is_empty())
                        .map(String::from),
                );
            }
        }
        (column, also)
    }

    #[test]
    fn help_names_every_key_the_dispatcher_handles_and_no_other() {
        let (column, also) = named_in_help();
        let mut handled = BTreeSet::new();
        for k in every_key() {
            let mut a = App::new("t", HoldSet::default(), 10);
            // `i` is only a key when there is a terminal to type into.
            a.has_pty = true;
            if a.map_key(k).is_some() {
                handled.insert(label(&k));
            }
        }
        let missing: Vec<&String> = handled
            .iter()
            .filter(|l| !column.contains(*l) && !also.contains(*l))
            .collect();
        assert!(
            missing.is_empty(),
            "keys the dispatcher handles that help.rs KEYS does not list: {missing:?}"
        );
        let stale: Vec<&String> = column
            .iter()
            .chain(&also)
            .filter(|l| !handled.contains(*l))
            .collect();
        assert!(
            stale.is_empty(),
            "keys KEYS lists that the dispatcher does not handle: {stale:?}"
        );
        // The test sees the dispatcher: these at least must be there.
        for k in ["s", "r", "D", "d", "Ctrl-C", "S-Tab", "Space", "3"] {
            assert!(handled.contains(k), "{k} is handled: {handled:?}");
        }
    }
}
