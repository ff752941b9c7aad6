//! The `D` key: deny the selected (or oldest) held call with an errno the
//! user types, by name or number, with Tab completion from the errno
//! table (`syscall-tables/errnos.tsv`) and the nearest name suggested for
//! a typo.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, App};
use crate::event::Verdict;

/// Names listed as candidates in the prompt's hint, at most.
const MAX_SHOWN: usize = 6;

/// The open errno prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenyPrompt {
    /// What the user typed.
    pub text: String,
    /// The held call it answers (its absolute row), fixed when the prompt
    /// opened so that new held calls or a moving selection cannot change
    /// which call gets the errno.
    pub target: u64,
    /// Its syscall's name, for the prompt.
    pub name: String,
}

/// A key typed into the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKey {
    /// A character of the name or number.
    Char(char),
    /// Delete the last character.
    Backspace,
    /// Delete everything typed.
    Clear,
    /// Complete the name (or take the suggested one).
    Complete,
    /// Deny the call with the errno typed.
    Accept,
    /// Close the prompt, the call stays held.
    Cancel,
}

/// What the prompt's text stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing typed yet.
    Empty,
    /// A usable errno.
    Errno(i32),
    /// The start of these names (at most a few, lowest number first).
    Prefix(Vec<&'static str>),
    /// No name starts so: the nearest one, when any is near.
    Unknown(Option<&'static str>),
    /// A number the program cannot be given (0, or a kernel-internal
    /// code such as ERESTARTSYS, which only means something inside the
    /// kernel).
    Unusable(i32),
}

/// Errnos a program may be given: the kernel's internal codes start at
/// 512 (include/linux/errno.h).
fn usable(e: i32) -> bool {
    (1..512).contains(&e)
}

fn names() -> impl Iterator<Item = &'static str> {
    crate::errno::errnos()
        .iter()
        .filter(|e| usable(e.0))
        .map(|e| e.1)
}

/// Reads the prompt's text: a number, a name (any case), the start of
/// names, or a typo.
pub fn read(text: &str) -> Reading {
    let t = text.trim();
    if t.is_empty() {
        return Reading::Empty;
    }
    if let Ok(n) = t.parse::<i32>() {
        return if usable(n) {
            Reading::Errno(n)
        } else {
            Reading::Unusable(n)
        };
    }
    if let Some(n) = crate::errno::parse(t) {
        return if usable(n) {
            Reading::Errno(n)
        } else {
            Reading::Unusable(n)
        };
    }
    let up = t.to_ascii_uppercase();
    let pre: Vec<&str> = names().filter(|n| n.starts_with(&up)).collect();
    if pre.is_empty() {
        Reading::Unknown(nearest(&up))
    } else {
        Reading::Prefix(pre)
    }
}

/// The errno name closest to `text` (edit distance, a swap of two
/// neighbours counting one), when it is close enough to be what was
/// meant; ties go to the lower errno.
pub fn nearest(text: &str) -> Option<&'static str> {
    let up = text.to_ascii_uppercase();
    let (d, best) = names()
        .map(|n| (distance(&up, n), n))
        .min_by_key(|(d, _)| *d)?;
    // Up to a third of the name wrong still reads as a typo.
    (d <= 1.max(best.len() / 3)).then_some(best)
}

/// Optimal string alignment distance.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// What Tab makes of `text`: the names' longest common start, the first
/// name when that adds nothing, the suggestion for a typo; else `text`.
pub fn complete(text: &str) -> String {
    match read(text) {
        Reading::Prefix(pre) => {
            let first = pre[0];
            let common = pre.iter().fold(first.len(), |n, p| {
                first
                    .bytes()
                    .zip(p.bytes())
                    .take(n)
                    .take_while(|(x, y)| x == y)
                    .count()
            });
            if common > text.trim().len() {
                first[..common].to_string()
            } else {
                first.to_string()
            }
        }
        Reading::Unknown(Some(n)) => n.to_string(),
        _ => text.to_string(),
    }
}

/// The hint beside the prompt, and whether it is a complaint.
pub fn hint(text: &str) -> (String, bool) {
    match read(text) {
        Reading::Empty => (
            "an errno name or number · Tab completes · Enter denies · Esc cancels".into(),
            false,
        ),
        Reading::Errno(e) => (
            format!(
                "{} ({}) · Enter denies · Esc cancels",
                crate::errno::name(e),
                crate::errno::message(e)
            ),
            false,
        ),
        Reading::Prefix(pre) => {
            let mut s = pre
                .iter()
                .take(MAX_SHOWN)
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            if pre.len() > MAX_SHOWN {
                s.push_str(" …");
            }
            (format!("{s} · Tab completes"), false)
        }
        Reading::Unknown(Some(n)) => (format!("no such errno: did you mean {n}? (Tab)"), true),
        Reading::Unknown(None) => ("no such errno".into(), true),
        Reading::Unusable(n) => (
            format!("{n} is not an errno a program can be given (1-511)"),
            true,
        ),
    }
}

impl App {
    /// `D`: opens the prompt for the call `a`/`d` would answer.
    pub(super) fn deny_ask(&mut self) {
        let Some(h) = self.hold_target().and_then(|i| self.held.get(i)) else {
            self.note = Some("no held call".into());
            return;
        };
        self.deny_prompt = Some(DenyPrompt {
            text: String::new(),
            target: h.abs,
            name: h.event.name.to_string(),
        });
    }

    /// Keys while the prompt is open.
    pub(super) fn map_deny_key(&mut self, k: KeyEvent) -> Option<Action> {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        Some(Action::DenyPrompt(match k.code {
            KeyCode::Enter => PromptKey::Accept,
            KeyCode::Esc => PromptKey::Cancel,
            KeyCode::Char('c') if ctrl => PromptKey::Cancel,
            KeyCode::Char('u') if ctrl => PromptKey::Clear,
            KeyCode::Tab => PromptKey::Complete,
            KeyCode::Backspace => PromptKey::Backspace,
            KeyCode::Char(c) if !ctrl && !c.is_control() && c != ' ' => PromptKey::Char(c),
            _ => return None,
        }))
    }

    pub(super) fn deny_prompt_key(&mut self, k: PromptKey) {
        let Some(p) = self.deny_prompt.as_mut() else {
            return;
        };
        match k {
            PromptKey::Char(c) => {
                // Names are at most 15 letters: more is a stuck key.
                if p.text.len() < 32 {
                    p.text.push(c);
                }
            }
            PromptKey::Backspace => {
                p.text.pop();
            }
            PromptKey::Clear => p.text.clear(),
            PromptKey::Complete => p.text = complete(&p.text),
            PromptKey::Cancel => self.deny_prompt = None,
            PromptKey::Accept => {
                let e = match read(&p.text) {
                    Reading::Errno(e) => e,
                    // A lone candidate is what Tab would have given.
                    Reading::Prefix(pre) if pre.len() == 1 => {
                        crate::errno::parse(pre[0]).unwrap_or(libc::EPERM)
                    }
                    _ => {
                        self.note = Some(hint(&p.text).0);
                        return;
                    }
                };
                let target = p.target;
                self.deny_prompt = None;
                match self.held.iter().position(|h| h.abs == target) {
                    Some(i) => self.answer(i, Verdict::Deny(e)),
                    None => self.note = Some("that call is no longer held".into()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_prefixes_and_typos() {
        assert_eq!(read("EDQUOT"), Reading::Errno(libc::EDQUOT));
        assert_eq!(read("econnrefused"), Reading::Errno(libc::ECONNREFUSED));
        assert_eq!(read("13"), Reading::Errno(libc::EACCES));
        assert_eq!(read("512"), Reading::Unusable(512));
        assert_eq!(read("ERESTARTSYS"), Reading::Unusable(512));
        assert_eq!(read("0"), Reading::Unusable(0));
        assert_eq!(read(" "), Reading::Empty);
        assert_eq!(read("EDQOUT"), Reading::Unknown(Some("EDQUOT")));
        assert_eq!(read("ENOENY"), Reading::Unknown(Some("ENOENT")));
        assert_eq!(read("perm"), Reading::Unknown(Some("EPERM")));
        assert_eq!(read("XYZZYQWERTY"), Reading::Unknown(None));
        let Reading::Prefix(p) = read("ECONN") else {
            panic!("a prefix")
        };
        assert_eq!(p, ["ECONNABORTED", "ECONNRESET", "ECONNREFUSED"]);
    }

    #[test]
    fn tab_completes_to_the_common_start_then_a_name() {
        assert_eq!(complete("econnr"), "ECONNRE");
        assert_eq!(complete("ECONNRE"), "ECONNRESET", "the lowest number");
        assert_eq!(complete("EDQ"), "EDQUOT");
        assert_eq!(complete("EDQOUT"), "EDQUOT");
        assert_eq!(complete("13"), "13");
        assert_eq!(complete("XYZZYQWERTY"), "XYZZYQWERTY");
    }
}
