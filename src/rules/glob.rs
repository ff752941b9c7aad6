//! Shell-style globs on byte strings, for `path=` and unix `addr=`.
//!
//! `*` matches any run of bytes except `/`, `**` any run including `/`,
//! `?` one byte except `/`, `[abc]` / `[a-z]` / `[!abc]` one byte of (or
//! not of) a set, and `\x` the byte `x` itself. Everything else matches
//! itself. The whole string must match.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Lit(u8),
    Any,      // ?
    Star,     // *
    Globstar, // **
    Class(bool, Vec<(u8, u8)>),
}

/// A compiled glob.
#[derive(Clone, PartialEq, Eq)]
pub struct Glob {
    text: String,
    toks: Vec<Tok>,
}

impl fmt::Debug for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Glob({:?})", self.text)
    }
}

impl Glob {
    /// Compiles `pat`; errors name what is wrong with it.
    pub fn new(pat: &str) -> Result<Glob, String> {
        let b = pat.as_bytes();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => {
                    let c = *b.get(i + 1).ok_or("a trailing '\\' escapes nothing")?;
                    toks.push(Tok::Lit(c));
                    i += 2;
                }
                b'?' => {
                    toks.push(Tok::Any);
                    i += 1;
                }
                b'*' => {
                    if b.get(i + 1) == Some(&b'*') {
                        toks.push(Tok::Globstar);
                        i += 2;
                        while b.get(i) == Some(&b'*') {
                            i += 1;
                        }
                    } else {
                        toks.push(Tok::Star);
                        i += 1;
                    }
                }
                b'[' => {
                    let mut j = i + 1;
                    let neg = matches!(b.get(j), Some(b'!') | Some(b'^'));
                    if neg {
                        j += 1;
                    }
                    let mut set = Vec::new();
                    let mut first = true;
                    loop {
                        let c = *b.get(j).ok_or("unclosed '[' in glob")?;
                        if c == b']' && !first {
                            j += 1;
                            break;
                        }
                        first = false;
                        if b.get(j + 1) == Some(&b'-') && b.get(j + 2).is_some_and(|&e| e != b']') {
                            let e = b[j + 2];
                            if e < c {
                                return Err(format!(
                                    "bad range '{}-{}' in glob",
                                    c as char, e as char
                                ));
                            }
                            set.push((c, e));
                            j += 3;
                        } else {
                            set.push((c, c));
                            j += 1;
                        }
                    }
                    toks.push(Tok::Class(neg, set));
                    i = j;
                }
                c => {
                    toks.push(Tok::Lit(c));
                    i += 1;
                }
            }
        }
        Ok(Glob {
            text: pat.to_string(),
            toks,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The literal string this glob matches, when it has no wildcard.
    pub fn literal(&self) -> Option<Vec<u8>> {
        self.toks
            .iter()
            .map(|t| match t {
                Tok::Lit(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    /// Whether the whole of `s` matches.
    pub fn matches(&self, s: &[u8]) -> bool {
        matches_at(&self.toks, s)
    }
}

fn matches_at(toks: &[Tok], s: &[u8]) -> bool {
    // Iterative with backtracking to the last star, the classic way; a
    // globstar may also cross '/', a plain star may not.
    let (mut t, mut i) = (0usize, 0usize);
    let mut back: Option<(usize, usize, bool)> = None; // (tok after star, s pos, globstar)
    loop {
        if t < toks.len() {
            match &toks[t] {
                Tok::Star | Tok::Globstar => {
                    back = Some((t + 1, i, toks[t] == Tok::Globstar));
                    t += 1;
                    continue;
                }
                tok if i < s.len() && one(tok, s[i]) => {
                    t += 1;
                    i += 1;
                    continue;
                }
                _ => {}
            }
        } else if i == s.len() {
            return true;
        }
        // Mismatch: let the last star eat one more byte, if it may.
        match back {
            Some((bt, bi, globstar)) if bi < s.len() && (globstar || s[bi] != b'/') => {
                back = Some((bt, bi + 1, globstar));
                t = bt;
                i = bi + 1;
            }
            _ => return false,
        }
    }
}

fn one(tok: &Tok, c: u8) -> bool {
    match tok {
        Tok::Lit(l) => *l == c,
        Tok::Any => c != b'/',
        Tok::Class(neg, set) => {
            let hit = set.iter().any(|&(a, b)| a <= c && c <= b);
            hit != *neg && c != b'/'
        }
        Tok::Star | Tok::Globstar => unreachable!("handled by the caller"),
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    fn m(p: &str, s: &str) -> bool {
        Glob::new(p).unwrap().matches(s.as_bytes())
    }

    #[test]
    fn literals_and_stars() {
        assert!(m("/etc/shadow", "/etc/shadow"));
        assert!(!m("/etc/shadow", "/etc/shadow-"));
        assert!(m("/etc/*", "/etc/passwd"));
        assert!(!m("/etc/*", "/etc/ssh/sshd_config"));
        assert!(m("/etc/**", "/etc/ssh/sshd_config"));
        assert!(m("/home/*/.ssh/**", "/home/ann/.ssh/id_ed25519"));
        assert!(m("/tmp/a?c", "/tmp/abc"));
        assert!(!m("/tmp/a?c", "/tmp/a/c"));
        assert!(m("/dev/tty[0-9]", "/dev/tty4"));
        assert!(!m("/dev/tty[!0-9]", "/dev/tty4"));
        assert!(m("*.key", "server.key"));
        assert!(m("/a/\\*", "/a/*"));
        assert!(!m("/a/\\*", "/a/b"));
        assert!(m("**", "/anything/at/all"));
        assert!(m("/x/**/y", "/x/a/b/y"));
    }

    #[test]
    fn literal_and_errors() {
        assert_eq!(
            Glob::new("/etc/shadow").unwrap().literal(),
            Some(b"/etc/shadow".to_vec())
        );
        assert_eq!(Glob::new("/etc/*").unwrap().literal(), None);
        assert!(Glob::new("/etc/[ab").is_err());
        assert!(Glob::new("/etc/\\").is_err());
        assert!(Glob::new("/etc/[z-a]").is_err());
    }
}
