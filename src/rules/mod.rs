//! Deny rules (`--deny RULE`, `--rules FILE`): parsing, and matching a
//! call's facts against them. Enforcement, which reads the tracee and may
//! perform a call on its behalf, is in [`enforce`]. The grammar and the
//! guarantees are written down in `docs/rules.md`.
//!
//! A rule is `SET [key=value]...`: the SET is what `-e` takes; every key
//! narrows it. Parsing has no side effects; [`RuleSet::bind_identities`]
//! then records the inode of each file a path pattern (literal or glob) or
//! a unix socket `addr=` names, so a hard link, a rename or a bind mount of
//! a denied file is denied too.

pub mod addr;
pub mod blocking;
pub mod bypass;
pub mod enforce;
pub mod glob;
pub mod globwalk;
pub mod protect;
pub mod walk;
pub mod when;

use crate::event::Arch;
use crate::select::{Selection, ARCHES};
use crate::tables;
use addr::{AddrPat, SockAddr};
use glob::Glob;
use std::collections::HashSet;
use std::fmt;

/// The open family: a `path=` rule on any of them covers all of them.
pub const OPEN_FAMILY: [&str; 4] = ["open", "openat", "openat2", "creat"];

/// A bad rule, with the place of the bad token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Where the rule came from (`--deny`, or `FILE:LINE`).
    pub origin: String,
    /// The rule as written.
    pub rule: String,
    /// Byte range of the bad token in `rule`.
    pub span: (usize, usize),
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, e) = self.span;
        let bad = &self.rule[s..e];
        writeln!(f, "{}: bad rule at '{bad}': {}", self.origin, self.message)?;
        writeln!(f, "    {}", self.rule)?;
        let pad = self.rule[..s].chars().count();
        let width = bad.chars().count().max(1);
        write!(f, "    {}{}", " ".repeat(pad), "^".repeat(width))
    }
}

impl std::error::Error for RuleError {}

/// A condition on one register argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgCond {
    /// Argument index, 0 to 5.
    pub index: usize,
    /// `argN&MASK`: only these bits are looked at.
    pub mask: Option<u64>,
    /// `argN=VALUE` / `argN&MASK=VALUE`: the (masked) value must be this.
    /// `None` (only with a mask): any of the mask's bits is set.
    pub value: Option<u64>,
}

impl ArgCond {
    fn holds(&self, arch: Arch, args: &[u64; 6]) -> bool {
        let mut v = args[self.index];
        let (mut mask, mut want) = (self.mask, self.value);
        if arch == Arch::I386 {
            // 32-bit registers: compare the low halves, so `arg0=-100`
            // means AT_FDCWD on i386 too.
            v &= 0xffff_ffff;
            mask = mask.map(|m| m & 0xffff_ffff);
            want = want.map(|w| w & 0xffff_ffff);
        }
        match (mask, want) {
            (Some(m), Some(w)) => v & m == w,
            (Some(m), None) => v & m != 0,
            (None, Some(w)) => v == w,
            (None, None) => true,
        }
    }
}

/// One path pattern, with the identities of the files it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPat {
    /// The glob, on absolute paths.
    pub glob: Glob,
    /// `(st_dev, st_ino)` of the file a literal path leads to, or of every
    /// file a glob matched, once bound (empty before).
    pub idents: HashSet<(u64, u64)>,
}

/// One parsed rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule as written (whitespace-trimmed): the `rule` of events.
    pub text: String,
    /// The calls it covers, per ABI (with the open family added for a
    /// `path=` rule on any of them).
    pub selection: Selection,
    /// `path=`: any of these (OR).
    pub paths: Vec<PathPat>,
    /// `addr=`: any of these (OR).
    pub addrs: Vec<AddrPat>,
    /// `(st_dev, st_ino)` of the socket files the unix-path `addr=`
    /// patterns named when bound: a connect to one of them by another name
    /// matches too.
    pub unix_idents: HashSet<(u64, u64)>,
    /// `port=`: any of these inclusive ranges (OR).
    pub ports: Vec<(u16, u16)>,
    /// `argN...`: all of these (AND).
    pub args: Vec<ArgCond>,
    /// The errno a matching call fails with.
    pub errno: i32,
    /// strace's `-e inject=...:when=`: which of the matching calls fail.
    pub when: Option<std::sync::Arc<when::Counter>>,
}

/// What a rule may look at for one call.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The call's ABI.
    pub arch: Option<Arch>,
    /// Its number in that ABI.
    pub nr: u32,
    /// Its registers.
    pub args: [u64; 6],
    /// Absolute paths the call names (lexically normalised), and for
    /// emulated opens the path of the file actually opened.
    pub paths: Vec<Vec<u8>>,
    /// `(st_dev, st_ino)` of files the call reaches, where known.
    pub idents: Vec<(u64, u64)>,
    /// The socket address it passes.
    pub sockaddr: Option<SockAddr>,
    /// The calling thread (for `when=` counts).
    pub tid: i32,
    /// The notification id (0: none), so that a call matched twice is
    /// counted once.
    pub call: u64,
}

impl Rule {
    /// Whether the rule needs tracee memory (a path or an address).
    pub fn needs_memory(&self) -> bool {
        !self.paths.is_empty() || !self.addrs.is_empty() || !self.ports.is_empty()
    }

    /// Whether the rule covers calls of `nr` on `arch`.
    pub fn covers(&self, arch: Arch, nr: u32) -> bool {
        self.selection.contains(arch, nr)
    }

    /// Whether the call with these facts matches (the caller checked
    /// `covers`).
    pub fn matches(&self, f: &Facts) -> bool {
        let arch = f.arch.unwrap_or(Arch::native());
        if !self.args.iter().all(|a| a.holds(arch, &f.args)) {
            return false;
        }
        if !self.paths.is_empty() {
            let by_name = f
                .paths
                .iter()
                .any(|p| self.paths.iter().any(|g| g.glob.matches(p)));
            let by_ident = f
                .idents
                .iter()
                .any(|id| self.paths.iter().any(|g| g.idents.contains(id)));
            if !by_name && !by_ident {
                return false;
            }
        }
        if !self.addrs.is_empty() {
            let by_ident = f.idents.iter().any(|id| self.unix_idents.contains(id));
            match &f.sockaddr {
                Some(a) if self.addrs.iter().any(|p| p.matches(a)) => {}
                Some(SockAddr::Unix(_)) if by_ident => {}
                _ => return false,
            }
        }
        if !self.ports.is_empty() {
            match &f.sockaddr {
                Some(SockAddr::Inet(_, port))
                    if self.ports.iter().any(|&(a, b)| a <= *port && *port <= b) => {}
                _ => return false,
            }
        }
        true
    }
}

/// Every rule in force, in the order given.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The rules; the first that matches a call names it.
    pub rules: Vec<Rule>,
    /// Calls notrace decides while any rule is in force, whatever the
    /// rules say: the open family (performed by notrace) and the calls
    /// that could reach notrace itself ([`protect::GUARDED`]).
    pub guard: Selection,
}

impl RuleSet {
    /// Whether there is no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Parses `--deny` rules and `--rules` files, in that order. `files`
    /// holds (name, content).
    pub fn parse(deny: &[String], files: &[(String, String)]) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        for d in deny {
            rules.push(parse_rule(d, "--deny")?);
        }
        for (name, content) in files {
            rules.extend(parse_file(name, content)?);
        }
        let mut set = RuleSet {
            rules,
            guard: Selection::default(),
        };
        bypass::cover(&mut set);
        enforce::cover_socketcall(&mut set);
        enforce::cover_io_uring(&mut set);
        if !set.is_empty() {
            set.guard = protect::guarded();
            let open = Selection::parse(&OPEN_FAMILY.join(",")).expect("open family");
            set.guard.add(&open);
        }
        Ok(set)
    }

    /// Every call some rule covers, per ABI: what the filter must notify.
    pub fn selection(&self) -> Selection {
        let mut s = self.guard.clone();
        for r in &self.rules {
            s.add(&r.selection);
        }
        s
    }

    /// Every call a rule itself covers, without [`RuleSet::guard`]: what
    /// must fail closed when notrace is gone (the guard protected notrace
    /// itself, and performed opens no rule covers only for that).
    pub fn rule_selection(&self) -> Selection {
        let mut s = Selection::default();
        for r in &self.rules {
            s.add(&r.selection);
        }
        s
    }

    /// Whether any rule covers `nr` on `arch`.
    pub fn covers(&self, arch: Arch, nr: u32) -> bool {
        self.guard.contains(arch, nr) || self.rules.iter().any(|r| r.covers(arch, nr))
    }

    /// The first rule that covers the call and matches `f`.
    pub fn first_match(&self, f: &Facts) -> Option<&Rule> {
        let arch = f.arch.unwrap_or(Arch::native());
        self.rules.iter().find(|r| {
            r.covers(arch, f.nr)
                && r.matches(f)
                && r.when.as_ref().is_none_or(|w| w.fires(f.tid, f.nr, f.call))
        })
    }

    /// Records `(st_dev, st_ino)` of the files the path patterns and the
    /// unix-path `addr=` patterns name now: for a literal path the file it
    /// leads to (following symlinks, as an open would), for a glob every
    /// existing entry it matches (see [`walk`]). A glob whose walk reaches
    /// [`globwalk::WALK_CAP`] entries gets one warning on stderr.
    pub fn bind_identities(&mut self) {
        for r in &mut self.rules {
            let mut capped = false;
            for p in &mut r.paths {
                let (ids, cap) = identities(&p.glob);
                p.idents = ids;
                capped |= cap;
            }
            let mut unix = HashSet::new();
            for a in &r.addrs {
                if let AddrPat::Unix(g) = a {
                    let (ids, cap) = identities(g);
                    unix.extend(ids);
                    capped |= cap;
                }
            }
            r.unix_idents = unix;
            if capped {
                crate::say!(
                    "notrace: warning: rule '{}': a glob reaches more than {} entries; \
                     only the files among the first {} get identity checks (hard links \
                     to the others are not denied)",
                    r.text,
                    globwalk::WALK_CAP,
                    globwalk::WALK_CAP
                );
            }
        }
    }
}

/// The identities of the files `g` names now (see
/// [`RuleSet::bind_identities`]), and whether the walk was capped.
fn identities(g: &Glob) -> (HashSet<(u64, u64)>, bool) {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    if let Some(lit) = g.literal() {
        if lit.first() != Some(&b'/') {
            return (HashSet::new(), false);
        }
        let path = std::path::Path::new(std::ffi::OsStr::from_bytes(&lit));
        let ids = std::fs::metadata(path)
            .map(|m| HashSet::from([(m.dev(), m.ino())]))
            .unwrap_or_default();
        return (ids, false);
    }
    let f = globwalk::find(g, globwalk::WALK_CAP);
    (f.idents, f.capped)
}

/// Parses a rules file: one rule per line; `#` starts a comment, blank
/// lines are skipped.
pub fn parse_file(name: &str, content: &str) -> Result<Vec<Rule>, RuleError> {
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let body = match line.find('#') {
            Some(at) => &line[..at],
            None => line,
        };
        if body.trim().is_empty() {
            continue;
        }
        out.push(parse_rule(body, &format!("{name}:{}", i + 1))?);
    }
    Ok(out)
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Parses one rule; `origin` says where it came from, for errors.
pub fn parse_rule(text: &str, origin: &str) -> Result<Rule, RuleError> {
    let rule_text = text.trim();
    let lead = text.len() - text.trim_start().len();
    let err = |at: usize, tok: &str, message: String| RuleError {
        origin: origin.to_string(),
        rule: rule_text.to_string(),
        span: (at - lead, at - lead + tok.len()),
        message,
    };
    let toks = tokens(text);
    let Some(&(set_at, set)) = toks.first() else {
        return Err(RuleError {
            origin: origin.to_string(),
            rule: rule_text.to_string(),
            span: (0, 0),
            message: "empty rule: expected a syscall SET".into(),
        });
    };
    let mut selection = parse_set(set).map_err(|(off, len, m)| {
        let tok = &set[off..off + len];
        err(set_at + off, tok, m)
    })?;
    let mut rule = Rule {
        text: rule_text.to_string(),
        selection: Selection::default(),
        paths: Vec::new(),
        addrs: Vec::new(),
        unix_idents: HashSet::new(),
        ports: Vec::new(),
        args: Vec::new(),
        errno: libc::EPERM,
        when: None,
    };
    let mut errno_seen = false;
    for &(at, tok) in &toks[1..] {
        let bad = |m: String| err(at, tok, m);
        if let Some(rest) = tok.strip_prefix("arg") {
            rule.args.push(parse_arg(rest).map_err(bad)?);
            continue;
        }
        let Some((key, value)) = tok.split_once('=') else {
            return Err(bad(format!(
                "expected key=value, got '{tok}' (keys: {KEYS})"
            )));
        };
        let vat = at + key.len() + 1;
        if value.is_empty() {
            return Err(err(at, tok, format!("empty value for '{key}'")));
        }
        let bad_value = |m: String| err(vat, value, m);
        match key {
            "path" => {
                if !value.starts_with('/') {
                    return Err(bad_value(format!(
                        "path '{value}' must be absolute (rules match absolute paths)"
                    )));
                }
                let norm = normalize(value.as_bytes());
                let norm = String::from_utf8(norm).unwrap_or_else(|_| value.to_string());
                let glob = Glob::new(&norm).map_err(bad_value)?;
                rule.paths.push(PathPat {
                    glob,
                    idents: HashSet::new(),
                });
            }
            "addr" => rule.addrs.push(AddrPat::parse(value).map_err(bad_value)?),
            "port" => rule
                .ports
                .push(addr::parse_ports(value).map_err(bad_value)?),
            "errno" => {
                if errno_seen {
                    return Err(bad(String::from("errno given twice")));
                }
                errno_seen = true;
                rule.errno = crate::errno::parse(value).ok_or_else(|| {
                    bad_value(format!(
                        "unknown errno '{value}' (a name such as EACCES, or a number 1-4095)"
                    ))
                })?;
            }
            _ => {
                let near = ["path", "addr", "port", "errno"]
                    .iter()
                    .find(|k| crate::select::levenshtein(key, k) <= 2)
                    .map(|k| format!(": did you mean '{k}'?"))
                    .unwrap_or_default();
                return Err(err(
                    at,
                    key,
                    format!("unknown key '{key}'{near} (keys: {KEYS})"),
                ));
            }
        }
    }
    if !rule.paths.is_empty() {
        // A path rule on one of the open family covers all of it.
        let touches_open = ARCHES.iter().any(|&a| {
            OPEN_FAMILY
                .iter()
                .any(|n| tables::by_name(a, n).is_some_and(|d| selection.contains(a, d.nr)))
        });
        if touches_open {
            for a in ARCHES {
                for n in OPEN_FAMILY {
                    if let Some(d) = tables::by_name(a, n) {
                        if let Some((_, set)) = selection.sets.iter_mut().find(|(x, _)| *x == a) {
                            set.insert(d.nr);
                        }
                    }
                }
            }
        }
    }
    // Keys must make sense for at least one chosen call.
    let has = |pred: &dyn Fn(&crate::kinds::ArgDef) -> bool| {
        ARCHES.iter().any(|&a| {
            selection
                .numbers(a)
                .any(|nr| tables::lookup(a, nr).is_some_and(|d| d.args.iter().any(pred)))
        })
    };
    use crate::kinds::ArgKind;
    let key_at = |key: &str| {
        toks[1..]
            .iter()
            .find(|(_, t)| t.starts_with(key))
            .copied()
            .unwrap_or((set_at, set))
    };
    if !rule.paths.is_empty() && !has(&|a| a.kind == ArgKind::Path) {
        let (at, tok) = key_at("path=");
        return Err(err(
            at,
            tok,
            format!("no syscall in '{set}' takes a path argument"),
        ));
    }
    if (!rule.addrs.is_empty() || !rule.ports.is_empty())
        && !has(&|a| matches!(a.kind, ArgKind::SockaddrIn(_) | ArgKind::MsghdrIn))
    {
        let (at, tok) = if rule.addrs.is_empty() {
            key_at("port=")
        } else {
            key_at("addr=")
        };
        return Err(err(
            at,
            tok,
            format!("no syscall in '{set}' takes a socket address"),
        ));
    }
    for a in &rule.args {
        let max = ARCHES
            .iter()
            .flat_map(|&ar| {
                selection
                    .numbers(ar)
                    .map(move |nr| tables::lookup(ar, nr).map_or(6, |d| d.args.len()))
            })
            .max()
            .unwrap_or(0);
        if a.index >= max {
            let (at, tok) = key_at(&format!("arg{}", a.index));
            return Err(err(
                at,
                tok,
                format!(
                    "no syscall in '{set}' has an argument {} (they take at most {max})",
                    a.index
                ),
            ));
        }
    }
    if selection.is_empty() {
        return Err(err(set_at, set, format!("'{set}' selects no syscall")));
    }
    rule.selection = selection;
    Ok(rule)
}

const KEYS: &str =
    "path=GLOB, addr=IP|CIDR|GLOB, port=N|N-M, argN=VALUE, argN&MASK[=VALUE], errno=NAME|NUMBER";

/// Parses the SET, `-e`'s grammar, with numbers of named syscalls turned
/// into names (so `83` covers mkdir on every ABI, not only native 83).
/// Errors give (offset, length, message) of the bad part.
fn parse_set(set: &str) -> Result<Selection, (usize, usize, String)> {
    let body = set
        .strip_prefix("trace=")
        .or_else(|| set.strip_prefix("t="))
        .unwrap_or(set);
    let base = set.len() - body.len();
    let mut parts = Vec::new();
    let mut off = base;
    for part in body.split(',') {
        let (neg, name) = match part.strip_prefix('!') {
            Some(n) => ("!", n),
            None => ("", part),
        };
        let named = name
            .parse::<u32>()
            .ok()
            .and_then(|n| tables::lookup(Arch::native(), n))
            .map(|d| format!("{neg}{}", d.name))
            .unwrap_or_else(|| part.to_string());
        if let Err(e) = Selection::parse(&named) {
            let msg = e.message.replace(&format!(" in -e '{named}'"), "");
            return Err((off, part.len(), msg));
        }
        parts.push(named);
        off += part.len() + 1;
    }
    Selection::parse(&parts.join(",")).map_err(|e| (0, set.len(), e.message))
}

fn parse_num(s: &str) -> Option<u64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let v = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()?
    } else if let Some(o) = s.strip_prefix("0o") {
        u64::from_str_radix(o, 8).ok()?
    } else if s.len() > 1 && s.starts_with('0') {
        u64::from_str_radix(&s[1..], 8).ok()?
    } else {
        s.parse::<u64>().ok()?
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

/// `N=VALUE`, `N&MASK` or `N&MASK=VALUE` (what follows `arg`).
fn parse_arg(rest: &str) -> Result<ArgCond, String> {
    let idx_len = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
    let index: usize = rest[..idx_len].parse().map_err(|_| {
        format!("expected arg0 to arg5 followed by =VALUE or &MASK, got 'arg{rest}'")
    })?;
    if index > 5 {
        return Err(format!("no argument {index}: syscalls take arg0 to arg5"));
    }
    let cond = &rest[idx_len..];
    let num = |s: &str| {
        parse_num(s)
            .ok_or_else(|| format!("'{s}' is not a number (decimal, -decimal, 0x hex or 0 octal)"))
    };
    if let Some(v) = cond.strip_prefix('=') {
        return Ok(ArgCond {
            index,
            mask: None,
            value: Some(num(v)?),
        });
    }
    if let Some(m) = cond.strip_prefix('&') {
        return Ok(match m.split_once('=') {
            Some((m, v)) => ArgCond {
                index,
                mask: Some(num(m)?),
                value: Some(num(v)?),
            },
            None => ArgCond {
                index,
                mask: Some(num(m)?),
                value: None,
            },
        });
    }
    Err(format!(
        "expected arg{index}=VALUE, arg{index}&MASK or arg{index}&MASK=VALUE"
    ))
}

/// Lexical normalisation of an absolute path: `//`, `.` and `..` removed
/// (`..` at the root stays at the root), no trailing slash.
pub fn normalize(p: &[u8]) -> Vec<u8> {
    let mut parts: Vec<&[u8]> = Vec::new();
    for c in p.split(|&b| b == b'/') {
        match c {
            b"" | b"." => {}
            b".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = Vec::with_capacity(p.len());
    for c in &parts {
        out.push(b'/');
        out.extend_from_slice(c);
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

/// `base` joined with `p` (when `p` is relative), then normalised.
pub fn absolute(base: &[u8], p: &[u8]) -> Vec<u8> {
    if p.first() == Some(&b'/') {
        return normalize(p);
    }
    let mut v = base.to_vec();
    v.push(b'/');
    v.extend_from_slice(p);
    normalize(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nr(arch: Arch, name: &str) -> u32 {
        tables::by_name(arch, name).unwrap().nr
    }

    fn facts(arch: Arch, name: &str) -> Facts {
        Facts {
            arch: Some(arch),
            nr: nr(arch, name),
            ..Facts::default()
        }
    }

    #[test]
    fn path_rule_covers_the_open_family_on_every_abi() {
        let r = parse_rule("openat path=/etc/shadow errno=EACCES", "--deny").unwrap();
        assert_eq!(r.errno, libc::EACCES);
        for a in ARCHES {
            for n in OPEN_FAMILY {
                if let Some(d) = tables::by_name(a, n) {
                    assert!(r.covers(a, d.nr), "{n} on {a:?}");
                }
            }
        }
        assert!(!r.covers(Arch::X86_64, nr(Arch::X86_64, "stat")));
        let mut f = facts(Arch::I386, "open");
        f.paths.push(b"/etc/shadow".to_vec());
        assert!(r.matches(&f));
        f.paths[0] = b"/etc/passwd".to_vec();
        assert!(!r.matches(&f));
    }

    #[test]
    fn numbers_become_names_on_every_abi() {
        let r = parse_rule("83", "--deny").unwrap(); // mkdir on x86_64
        assert!(r.covers(Arch::X86_64, 83));
        assert!(r.covers(Arch::I386, nr(Arch::I386, "mkdir")));
        assert_eq!(r.errno, libc::EPERM);
    }

    #[test]
    fn ports_addrs_and_args() {
        let r = parse_rule("connect addr=127.0.0.0/8 port=443 port=8000-8099", "x").unwrap();
        let mut f = facts(Arch::X86_64, "connect");
        f.sockaddr = Some(SockAddr::Inet("127.0.0.1".parse().unwrap(), 8080));
        assert!(r.matches(&f));
        f.sockaddr = Some(SockAddr::Inet("127.0.0.1".parse().unwrap(), 80));
        assert!(!r.matches(&f));
        f.sockaddr = Some(SockAddr::Inet("10.0.0.1".parse().unwrap(), 443));
        assert!(!r.matches(&f));

        let r = parse_rule("openat arg2&3=1", "x").unwrap(); // O_WRONLY
        let mut f = facts(Arch::X86_64, "openat");
        f.args[2] = libc::O_WRONLY as u64 | libc::O_CREAT as u64;
        assert!(r.matches(&f));
        f.args[2] = libc::O_RDWR as u64;
        assert!(!r.matches(&f));
        let r = parse_rule("openat arg0=-100", "x").unwrap();
        let mut f = facts(Arch::I386, "openat");
        f.args[0] = 0xffff_ff9c;
        assert!(r.matches(&f), "AT_FDCWD as a 32-bit register");
        let r = parse_rule("kill arg1=9 arg0&0x80000000", "x").unwrap();
        let mut f = facts(Arch::X86_64, "kill");
        f.args = [u64::MAX, 9, 0, 0, 0, 0];
        assert!(r.matches(&f));
        f.args[1] = 15;
        assert!(!r.matches(&f));
    }

    fn bad(rule: &str) -> RuleError {
        parse_rule(rule, "--deny").unwrap_err()
    }

    #[test]
    fn errors_point_at_the_token() {
        let e = bad("openat pth=/x");
        assert_eq!(&e.rule[e.span.0..e.span.1], "pth");
        assert!(e.message.contains("did you mean 'path'"), "{e}");
        let shown = e.to_string();
        assert!(
            shown.contains("    openat pth=/x\n           ^^^"),
            "{shown}"
        );

        let e = bad("openat errno=EWHAT");
        assert_eq!(&e.rule[e.span.0..e.span.1], "EWHAT");
        let e = bad("conect port=1");
        assert_eq!(&e.rule[e.span.0..e.span.1], "conect");
        assert!(e.message.contains("did you mean 'connect'"), "{e}");
        let e = bad("openat,conect port=1");
        assert_eq!(&e.rule[e.span.0..e.span.1], "conect");
        let e = bad("connect port=2000-1000");
        assert_eq!(&e.rule[e.span.0..e.span.1], "2000-1000");
        let e = bad("connect port=99999");
        assert_eq!(&e.rule[e.span.0..e.span.1], "99999");
        let e = bad("openat path=etc/shadow");
        assert!(e.message.contains("absolute"), "{e}");
        let e = bad("getpid path=/x");
        assert_eq!(&e.rule[e.span.0..e.span.1], "path=/x");
        let e = bad("openat port=1");
        assert!(e.message.contains("socket address"), "{e}");
        let e = bad("openat arg7=1");
        assert_eq!(&e.rule[e.span.0..e.span.1], "arg7=1");
        let e = bad("getpid arg0=1");
        assert!(e.message.contains("argument 0"), "{e}");
        let e = bad("openat arg1=zz");
        assert!(e.message.contains("'zz'"), "{e}");
        let e = bad("openat path");
        assert!(e.message.contains("key=value"), "{e}");
        let e = bad("  openat   path=");
        assert_eq!(&e.rule[e.span.0..e.span.1], "path=");
    }

    #[test]
    fn files_skip_comments_and_name_the_line() {
        let ok = parse_file("p.rules", "# policy\n\nmkdir\nconnect port=443 # https\n").unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].text, "connect port=443");
        let e = parse_file("p.rules", "mkdir\nopenat pth=/x\n").unwrap_err();
        assert_eq!(e.origin, "p.rules:2");
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(normalize(b"/etc/../etc//./shadow/"), b"/etc/shadow");
        assert_eq!(normalize(b"/.."), b"/");
        assert_eq!(absolute(b"/home/a", b"../b/./c"), b"/home/b/c");
        assert_eq!(absolute(b"/home/a", b"/x"), b"/x");
    }
}
