//! The command's own output (read from the pty master) and the pane that
//! shows it; in input mode keystrokes go back to the command.

use std::collections::VecDeque;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::app::App;

/// Lines of command output kept.
pub const MAX_LINES: usize = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parse {
    /// Plain text.
    Text,
    /// After ESC.
    Escape,
    /// In a CSI sequence (`ESC [`), until its final byte.
    Csi,
    /// In an OSC string (`ESC ]`), until BEL or ST.
    Osc,
    /// ESC inside an OSC string: ST if `\\` follows.
    OscEnd,
    /// After `ESC (` and friends: one more byte.
    Charset,
}

/// The last [`MAX_LINES`] lines of output, with ANSI escapes stripped and
/// `\r`, backspace and tabs applied.
#[derive(Debug)]
pub struct OutputBuf {
    lines: VecDeque<String>,
    cur: Vec<u8>,
    cr: bool,
    esc: Parse,
    max: usize,
    /// Bytes received in total.
    pub bytes: u64,
    /// The command closed its terminal.
    pub closed: bool,
}

impl Default for OutputBuf {
    fn default() -> Self {
        OutputBuf::new(MAX_LINES)
    }
}

impl OutputBuf {
    /// A buffer keeping `max` lines.
    pub fn new(max: usize) -> Self {
        OutputBuf {
            lines: VecDeque::new(),
            cur: Vec::new(),
            cr: false,
            esc: Parse::Text,
            max: max.max(1),
            bytes: 0,
            closed: false,
        }
    }

    /// Appends raw bytes from the terminal.
    pub fn feed(&mut self, data: &[u8]) {
        self.bytes += data.len() as u64;
        for &b in data {
            match self.esc {
                Parse::Escape => {
                    self.esc = match b {
                        b'[' => Parse::Csi,
                        b']' => Parse::Osc,
                        b'(' | b')' | b'*' | b'+' => Parse::Charset,
                        _ => Parse::Text,
                    };
                    continue;
                }
                Parse::Csi => {
                    if (0x40..=0x7e).contains(&b) {
                        self.esc = Parse::Text;
                    }
                    continue;
                }
                Parse::Osc => {
                    match b {
                        0x07 => self.esc = Parse::Text,
                        0x1b => self.esc = Parse::OscEnd,
                        _ => {}
                    }
                    continue;
                }
                Parse::OscEnd => {
                    self.esc = if b == b'\\' { Parse::Text } else { Parse::Osc };
                    continue;
                }
                Parse::Charset => {
                    self.esc = Parse::Text;
                    continue;
                }
                Parse::Text => {}
            }
            match b {
                0x1b => self.esc = Parse::Escape,
                b'\n' => self.newline(),
                b'\r' => self.cr = true,
                0x08 => {
                    while let Some(c) = self.cur.pop() {
                        if c & 0xc0 != 0x80 {
                            break;
                        }
                    }
                }
                b'\t' => {
                    self.take_cr();
                    let n = 8 - self.cur.len() % 8;
                    self.cur.extend(std::iter::repeat_n(b' ', n));
                }
                0..0x20 | 0x7f => {}
                _ => {
                    self.take_cr();
                    self.cur.push(b);
                }
            }
        }
    }

    fn take_cr(&mut self) {
        if self.cr {
            self.cur.clear();
            self.cr = false;
        }
    }

    fn newline(&mut self) {
        self.cr = false;
        let line = String::from_utf8_lossy(&self.cur).into_owned();
        self.cur.clear();
        self.lines.push_back(line);
        while self.lines.len() > self.max {
            self.lines.pop_front();
        }
    }

    /// The last `n` lines, the unfinished one included.
    pub fn tail(&self, n: usize) -> Vec<String> {
        let partial = !self.cur.is_empty();
        let take = n.saturating_sub(partial as usize).min(self.lines.len());
        let mut v: Vec<String> = self
            .lines
            .iter()
            .skip(self.lines.len() - take)
            .cloned()
            .collect();
        if partial && n > 0 {
            v.push(String::from_utf8_lossy(&self.cur).into_owned());
        }
        v
    }

    /// Whether nothing was received yet.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.cur.is_empty()
    }
}

/// The bytes a terminal would send for this key, for input mode.
pub fn key_to_bytes(k: &KeyEvent) -> Option<Vec<u8>> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let mut v = match k.code {
        KeyCode::Char(c) if ctrl => {
            let c = c.to_ascii_lowercase();
            match c {
                'a'..='z' => vec![c as u8 - b'a' + 1],
                ' ' | '@' => vec![0],
                '\\' => vec![0x1c],
                '^' => vec![0x1e],
                '_' => vec![0x1f],
                _ => return None,
            }
        }
        KeyCode::Char(c) => c.to_string().into_bytes(),
        KeyCode::Enter => vec![b'\r'],
        KeyCode::Backspace => vec![0x7f],
        KeyCode::Tab => vec![b'\t'],
        KeyCode::BackTab => b"\x1b[Z".to_vec(),
        KeyCode::Esc => vec![0x1b],
        KeyCode::Up => b"\x1b[A".to_vec(),
        KeyCode::Down => b"\x1b[B".to_vec(),
        KeyCode::Right => b"\x1b[C".to_vec(),
        KeyCode::Left => b"\x1b[D".to_vec(),
        KeyCode::Home => b"\x1b[H".to_vec(),
        KeyCode::End => b"\x1b[F".to_vec(),
        KeyCode::PageUp => b"\x1b[5~".to_vec(),
        KeyCode::PageDown => b"\x1b[6~".to_vec(),
        KeyCode::Delete => b"\x1b[3~".to_vec(),
        KeyCode::Insert => b"\x1b[2~".to_vec(),
        _ => return None,
    };
    if alt {
        v.insert(0, 0x1b);
    }
    Some(v)
}

/// Draws the output pane.
pub fn render(f: &mut Frame, area: Rect, app: &App) {
    let focused = app.input_mode;
    let title = if focused {
        " output — INPUT MODE: keys go to the command · Esc Esc or Ctrl-] to leave ".to_string()
    } else if app.output.closed {
        " output (terminal closed) ".to_string()
    } else {
        " output · i: type into the command ".to_string()
    };
    let border = if focused {
        Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::default().fg(Color::DarkGray)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(title);
    let inner = block.inner(area);
    app.output_size.set((inner.width, inner.height));
    let lines: Vec<Line> = if app.output.is_empty() {
        vec![Line::styled(
            if app.ended || app.output.closed {
                "(no output)"
            } else {
                "(no output yet)"
            },
            Style::default().fg(Color::DarkGray),
        )]
    } else {
        app.output
            .tail(inner.height as usize)
            .into_iter()
            .map(|l| Line::from(super::safe::cleaned(&l)))
            .collect()
    };
    f.render_widget(Paragraph::new(lines).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_ansi_and_applies_cr() {
        let mut o = OutputBuf::new(3);
        o.feed(b"\x1b[1;31mred\x1b[0m text\r\n");
        o.feed(b"\x1b]0;title\x07progress 10%\rprogress 100%\r\n");
        o.feed(b"ab\x08c\ttab");
        assert_eq!(o.tail(5), vec!["red text", "progress 100%", "ac      tab"]);
        o.feed(b"\nx\ny\n");
        assert_eq!(o.tail(10).len(), 3);
        assert_eq!(o.tail(10)[2], "y");
    }

    #[test]
    fn keys_to_bytes() {
        let k = |c, m| KeyEvent::new(c, m);
        assert_eq!(
            key_to_bytes(&k(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(vec![3])
        );
        assert_eq!(
            key_to_bytes(&k(KeyCode::Enter, KeyModifiers::NONE)),
            Some(vec![b'\r'])
        );
        assert_eq!(
            key_to_bytes(&k(KeyCode::Char('é'), KeyModifiers::NONE)),
            Some("é".as_bytes().to_vec())
        );
    }
}
