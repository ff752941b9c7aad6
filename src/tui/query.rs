//! The filter and search language of the UI (`f` filters, `/` searches):
//! terms joined by AND, each a field test, a `/regex/` or plain words.
//!
//! ```text
//! syscall:openat path:/etc !errno:ENOENT /conn(ect)?/
//! ```
//!
//! * `syscall:` (`sc:`) the name; `pid:` the process or thread id;
//!   `comm:`; `path:` any path argument; `errno:` the error name or
//!   number; `arg:` any argument's text; `failed` (also `failed:no`).
//! * A field's value is a substring, or `/regex/` for a regex (`syscall:`
//!   and `errno:` compare exactly unless a regex is given).
//! * `/regex/` alone is tried on the name, comm, every argument and the
//!   result (`= -1 ENOENT (No such file or directory)`).
//! * `!` before any term negates it; `"…"` keeps spaces in one word.
//! * Plain words that are none of these form one phrase, matched as a
//!   substring of the name, comm, an argument or the result, and a number
//!   alone also matches the pid (`= 3` finds what returned 3).
//!
//! Text is compared without regard to case unless it has capitals, as in
//! a pager's smart case. Parsing never panics; an error names the term.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::app::{failed, failed_errno, result_text};
use crate::event::Event;

/// The fields a term can name, for the error message and the help.
pub const FIELDS: &str = "syscall pid comm path errno arg failed";

/// A parsed query; the empty query matches everything.
#[derive(Debug, Clone, Default)]
pub struct Query {
    terms: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    neg: bool,
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
    Syscall(Pat),
    Pid(i32),
    Comm(Pat),
    Path(Pat),
    Errno(Pat),
    Arg(Pat),
    Failed(bool),
    /// A bare regex, or the plain-word phrase.
    Any(Pat),
}

/// A value to compare with: text (smart case, `exact` or substring) or a
/// regex.
#[derive(Debug, Clone)]
enum Pat {
    Text {
        s: String,
        ci: bool,
        exact: bool,
        /// The phrase is a number: it matches the pid and tid too.
        num: Option<i32>,
    },
    Re(Regex),
}

impl Pat {
    fn text(s: &str, exact: bool) -> Pat {
        Pat::Text {
            ci: !s.chars().any(char::is_uppercase),
            s: s.to_string(),
            exact,
            num: None,
        }
    }

    fn is_match(&self, hay: &str) -> bool {
        match self {
            Pat::Text { s, ci, exact, .. } => match (*exact, *ci) {
                (true, true) => hay.eq_ignore_ascii_case(s),
                (true, false) => hay == s,
                (false, true) => contains_ci(hay, s),
                (false, false) => hay.contains(s.as_str()),
            },
            Pat::Re(r) => r.is_match(hay),
        }
    }

    /// Whether the pattern matches `= TEXT`, the result as strace writes
    /// it, without building that string for every row: `= ` never occurs
    /// in a result's text, so a phrase that starts with it must match at
    /// the start.
    fn matches_result(&self, t: &str) -> bool {
        match self {
            Pat::Text { s, ci, .. } => {
                let rest = s
                    .strip_prefix('=')
                    .map(|r| r.strip_prefix(' ').unwrap_or(r));
                match rest {
                    Some(r) if *ci => {
                        t.len() >= r.len()
                            && t.as_bytes()[..r.len()].eq_ignore_ascii_case(r.as_bytes())
                    }
                    Some(r) => t.starts_with(r),
                    None if s.starts_with(' ') => self.is_match(&format!("= {t}")),
                    None => self.is_match(t),
                }
            }
            // Only a regex that mentions `=` can need the `= `.
            Pat::Re(r) if r.as_str().contains('=') => self.is_match(&format!("= {t}")),
            Pat::Re(_) => self.is_match(t),
        }
    }

    /// Byte ranges of `hay` that match, for highlighting; an exact
    /// pattern only when `sub` (it is then looked for inside `hay`).
    fn ranges(&self, hay: &str, sub: bool, out: &mut Vec<Range<usize>>) {
        match self {
            Pat::Text { s, ci, exact, .. } => {
                if s.is_empty() {
                    return;
                }
                if *exact && !sub {
                    if self.is_match(hay) {
                        out.push(0..hay.len());
                    }
                    return;
                }
                if *ci && s.is_ascii() {
                    let (h, n) = (hay.as_bytes(), s.as_bytes());
                    let mut i = 0;
                    while i + n.len() <= h.len() {
                        if h[i..i + n.len()].eq_ignore_ascii_case(n)
                            && hay.is_char_boundary(i)
                            && hay.is_char_boundary(i + n.len())
                        {
                            out.push(i..i + n.len());
                            i += n.len();
                        } else {
                            i += 1;
                        }
                    }
                } else {
                    out.extend(hay.match_indices(s.as_str()).map(|(i, m)| i..i + m.len()));
                }
            }
            Pat::Re(r) => out.extend(
                r.find_iter(hay)
                    .filter(|m| !m.is_empty())
                    .map(|m| m.range()),
            ),
        }
    }
}

/// Why a query could not be parsed: the term at fault and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The term as typed.
    pub term: String,
    /// What is wrong with it.
    pub why: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`: {}", self.term, self.why)
    }
}

/// Splits on spaces outside `"…"` and `/…/`; a token remembers whether it
/// was quoted (a quoted word is never a field or a regex).
fn tokens(s: &str) -> Result<Vec<(String, bool)>, ParseError> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            c if c.is_whitespace() => {
                if !cur.is_empty() || quoted {
                    out.push((std::mem::take(&mut cur), quoted));
                    quoted = false;
                }
            }
            '"' => {
                quoted = true;
                let mut closed = false;
                for c in it.by_ref() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    cur.push(c);
                }
                if !closed {
                    return Err(ParseError {
                        term: format!("\"{cur}"),
                        why: "the quote is not closed".into(),
                    });
                }
            }
            // A bare regex runs to its closing `/` (`\/` escapes one),
            // spaces included: `/a b/` is one term. A field's regex
            // (`path:/x/`) ends at a space, so `path:/etc foo` stays two.
            '/' if cur.is_empty() || cur == "!" => {
                cur.push('/');
                let mut closed = false;
                while let Some(c) = it.next() {
                    cur.push(c);
                    if c == '\\' {
                        if let Some(n) = it.next() {
                            cur.push(n);
                        }
                    } else if c == '/' {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return Err(ParseError {
                        term: cur,
                        why: "the regex has no closing /".into(),
                    });
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() || quoted {
        out.push((cur, quoted));
    }
    Ok(out)
}

fn regex(term: &str, body: &str) -> Result<Pat, ParseError> {
    let body = body.replace("\\/", "/");
    RegexBuilder::new(&body)
        .case_insensitive(!body.chars().any(char::is_uppercase))
        .size_limit(1 << 20)
        .build()
        .map(Pat::Re)
        .map_err(|e| ParseError {
            term: term.to_string(),
            // The regex crate's message spans lines; its last says why.
            why: format!(
                "bad regex: {}",
                e.to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim_start_matches("error: ")
            ),
        })
}

/// `/body/` as a regex, else text.
fn value(term: &str, v: &str, exact: bool) -> Result<Pat, ParseError> {
    if v.len() >= 2 && v.starts_with('/') && v.ends_with('/') {
        regex(term, &v[1..v.len() - 1])
    } else if v.is_empty() {
        Err(ParseError {
            term: term.to_string(),
            why: "a value must follow the `:`".into(),
        })
    } else {
        Ok(Pat::text(v, exact))
    }
}

impl Query {
    /// Parses `s`; see the module documentation for the language.
    pub fn parse(s: &str) -> Result<Query, ParseError> {
        let mut terms = Vec::new();
        let mut phrase: Vec<String> = Vec::new();
        for (tok, quoted) in tokens(s)? {
            let (neg, body) = match tok.strip_prefix('!') {
                Some(b) if !quoted => (true, b),
                _ => (false, tok.as_str()),
            };
            if quoted {
                terms.push(Term {
                    neg: false,
                    test: Test::Any(Pat::text(body, false)),
                });
                continue;
            }
            if body.is_empty() {
                return Err(ParseError {
                    term: tok.clone(),
                    why: "`!` must come before a term".into(),
                });
            }
            let test = if body.len() >= 2 && body.starts_with('/') && body.ends_with('/') {
                Test::Any(regex(&tok, &body[1..body.len() - 1])?)
            } else if body == "failed" {
                Test::Failed(true)
            } else if let Some((field, v)) = body
                .split_once(':')
                .filter(|(f, _)| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphabetic()))
            {
                match field.to_ascii_lowercase().as_str() {
                    "syscall" | "sc" | "name" => Test::Syscall(value(&tok, v, true)?),
                    "pid" | "tid" => Test::Pid(v.parse().map_err(|_| ParseError {
                        term: tok.clone(),
                        why: "a pid is a number".into(),
                    })?),
                    "comm" => Test::Comm(value(&tok, v, false)?),
                    "path" => Test::Path(value(&tok, v, false)?),
                    "errno" => {
                        let p = value(&tok, v, true)?;
                        if let Pat::Text { s, .. } = &p {
                            let known = s.parse::<i32>().is_ok()
                                || crate::errno::parse(&s.to_ascii_uppercase()).is_some();
                            if !known {
                                return Err(ParseError {
                                    term: tok.clone(),
                                    why: format!("no errno is called {s}"),
                                });
                            }
                        }
                        Test::Errno(p)
                    }
                    "arg" | "args" => Test::Arg(value(&tok, v, false)?),
                    "failed" => match v {
                        "yes" | "y" | "true" | "1" => Test::Failed(true),
                        "no" | "n" | "false" | "0" => Test::Failed(false),
                        _ => {
                            return Err(ParseError {
                                term: tok.clone(),
                                why: "failed: takes yes or no".into(),
                            })
                        }
                    },
                    other => {
                        return Err(ParseError {
                            term: tok.clone(),
                            why: format!("no field `{other}` (fields: {FIELDS})"),
                        })
                    }
                }
            } else {
                if neg {
                    terms.push(Term {
                        neg: true,
                        test: Test::Any(Pat::text(body, false)),
                    });
                } else {
                    phrase.push(body.to_string());
                }
                continue;
            };
            terms.push(Term { neg, test });
        }
        if !phrase.is_empty() {
            let s = phrase.join(" ");
            let mut p = Pat::text(&s, false);
            if let Pat::Text { num, .. } = &mut p {
                *num = s.parse().ok();
            }
            terms.push(Term {
                neg: false,
                test: Test::Any(p),
            });
        }
        Ok(Query { terms })
    }

    /// Whether the query has no terms (matches everything).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether `ev` passes every term.
    pub fn matches(&self, ev: &Event) -> bool {
        self.terms.iter().all(|t| t.test.matches(ev) != t.neg)
    }

    /// Byte ranges of `text` (a piece of a drawn row) that the query's
    /// positive terms match, sorted, for highlighting.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for t in self.terms.iter().filter(|t| !t.neg) {
            match &t.test {
                Test::Errno(p) => p.ranges(text, true, &mut out),
                Test::Syscall(p) | Test::Comm(p) | Test::Path(p) | Test::Arg(p) | Test::Any(p) => {
                    p.ranges(text, false, &mut out)
                }
                Test::Pid(_) | Test::Failed(_) => {}
            }
        }
        out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        // Overlaps merge, so a span is cut once per highlight.
        let mut merged: Vec<Range<usize>> = Vec::new();
        for r in out {
            match merged.last_mut() {
                Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

impl Test {
    fn matches(&self, ev: &Event) -> bool {
        match self {
            Test::Syscall(p) => p.is_match(&ev.name),
            Test::Pid(n) => ev.pid == *n || ev.tid == *n,
            Test::Comm(p) => p.is_match(&ev.comm),
            Test::Path(p) => ev.decoded.iter().any(|a| {
                a.kind == "path"
                    && match &a.value {
                        Some(serde_json::Value::String(s)) => p.is_match(s),
                        _ => p.is_match(&a.text),
                    }
            }),
            Test::Errno(p) => failed_errno(ev).is_some_and(|e| match p {
                Pat::Text { s, .. } => match s.parse::<i32>() {
                    Ok(n) => n == e,
                    Err(_) => crate::errno::name(e).eq_ignore_ascii_case(s),
                },
                Pat::Re(_) => p.is_match(&crate::errno::name(e)),
            }),
            Test::Arg(p) => ev.decoded.iter().any(|a| p.is_match(&a.text)),
            Test::Failed(want) => failed(ev) == *want,
            Test::Any(p) => {
                if let Pat::Text { num: Some(n), .. } = p {
                    if ev.pid == *n || ev.tid == *n {
                        return true;
                    }
                }
                p.is_match(&ev.name)
                    || p.is_match(&ev.comm)
                    || ev.decoded.iter().any(|a| p.is_match(&a.text))
                    || result_text(ev).is_some_and(|t| p.matches_result(&t))
            }
        }
    }
}

/// Case-insensitive substring test; ASCII needles without allocating.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.len() > h.len() {
        return false;
    }
    if needle.is_ascii() {
        h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(&needle.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> ParseError {
        Query::parse(s).unwrap_err()
    }

    #[test]
    fn errors_name_the_bad_term() {
        let e = err("syscall:openat colour:red");
        assert_eq!(e.term, "colour:red");
        assert!(e.why.contains("no field `colour`"), "{e}");
        let e = err("path:/etc /ab(c/");
        assert_eq!(e.term, "/ab(c/");
        assert!(e.why.starts_with("bad regex"), "{e}");
        assert_eq!(err("pid:x").why, "a pid is a number");
        assert_eq!(err("errno:ENOPE").why, "no errno is called ENOPE");
        assert!(err("/abc").why.contains("no closing /"));
        assert!(err("\"abc").why.contains("quote"));
        assert!(err("syscall:").why.contains("value"));
    }

    #[test]
    fn tokens_keep_regexes_and_quotes_whole() {
        let t = tokens(r#"path:/etc/x "a b" /c d/ !/e\/f/ path:/a b"#).unwrap();
        let words: Vec<&str> = t.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            words,
            ["path:/etc/x", "a b", "/c d/", r"!/e\/f/", "path:/a", "b"]
        );
    }

    #[test]
    fn highlight_ranges_merge() {
        let q = Query::parse("etc /et./").unwrap();
        assert_eq!(q.highlights("/etc/hostname"), vec![1..4]);
        let q = Query::parse("syscall:open").unwrap();
        assert_eq!(q.highlights("openat"), Vec::<Range<usize>>::new());
        let q = Query::parse("syscall:openat").unwrap();
        assert_eq!(q.highlights("openat"), vec![0..6]);
        let q = Query::parse("syscall:/open/").unwrap();
        assert_eq!(q.highlights("openat"), vec![0..4]);
    }
}
