//! The syscall selection: `-e SET` / `--trace SET` / `-e trace=SET`, with
//! strace's vocabulary (names, numbers, `%classes`, `all`, `none`, `!`
//! negation, `/regex`), evaluated against every ABI's own table.
//!
//! Tokens are read left to right: a plain token adds what it names, a token
//! with a leading `!` removes it. A SET whose first token is negated starts
//! from everything, so `!close` is "all but close" and `%file,!close` is
//! "file calls but close".

use crate::event::Arch;
use crate::tables::{self, SyscallDef};
use std::collections::BTreeSet;
use std::fmt;

/// Which ABIs notrace traces on this build.
pub const ARCHES: [Arch; 3] = [Arch::X86_64, Arch::X32, Arch::I386];

/// A bad `-e` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectError {
    /// What went wrong, for the user.
    pub message: String,
}

impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SelectError {}

#[derive(Debug, Clone)]
enum Matcher {
    All,
    Name(String),
    Number(u32),
    Class(u32),
    Regex(regex::Regex),
}

impl Matcher {
    fn matches(&self, arch: Arch, d: &SyscallDef) -> bool {
        match self {
            Matcher::All => true,
            Matcher::Name(n) => d.name == n,
            Matcher::Number(n) => arch == Arch::native() && d.nr == *n,
            Matcher::Class(c) => d.classes & c != 0,
            Matcher::Regex(r) => r.is_match(d.name),
        }
    }
}

/// Call numbers of one ABI: a bitmap over the low numbers, which every
/// notification asks about (traced? ruled? guarded?) and where a B-tree
/// walk showed in the supervisor's profile, and a B-tree for the rest
/// (x32's numbers carry bit 30).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NrSet {
    low: [u64; (NrSet::LOW / 64) as usize],
    high: BTreeSet<u32>,
}

impl NrSet {
    const LOW: u32 = 1024;

    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `nr`; whether it was new.
    pub fn insert(&mut self, nr: u32) -> bool {
        if nr < Self::LOW {
            let (w, b) = ((nr / 64) as usize, 1u64 << (nr % 64));
            let new = self.low[w] & b == 0;
            self.low[w] |= b;
            new
        } else {
            self.high.insert(nr)
        }
    }

    /// Removes `nr`; whether it was there.
    pub fn remove(&mut self, nr: &u32) -> bool {
        if *nr < Self::LOW {
            let (w, b) = ((*nr / 64) as usize, 1u64 << (*nr % 64));
            let had = self.low[w] & b != 0;
            self.low[w] &= !b;
            had
        } else {
            self.high.remove(nr)
        }
    }

    /// Whether `nr` is in the set.
    pub fn contains(&self, nr: &u32) -> bool {
        if *nr < Self::LOW {
            self.low[(*nr / 64) as usize] & (1u64 << (*nr % 64)) != 0
        } else {
            self.high.contains(nr)
        }
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.low.iter().all(|w| *w == 0) && self.high.is_empty()
    }

    /// The numbers, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..Self::LOW)
            .filter(|nr| self.contains(nr))
            .chain(self.high.iter().copied())
    }
}

impl Extend<u32> for NrSet {
    fn extend<I: IntoIterator<Item = u32>>(&mut self, it: I) {
        for nr in it {
            self.insert(nr);
        }
    }
}

impl FromIterator<u32> for NrSet {
    fn from_iter<I: IntoIterator<Item = u32>>(it: I) -> Self {
        let mut s = NrSet::new();
        s.extend(it);
        s
    }
}

/// The chosen syscalls of every ABI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Selected numbers, per ABI (x32 numbers carry bit 30).
    pub sets: Vec<(Arch, NrSet)>,
    /// Whether numbers missing from the tables are selected too (`all`, or
    /// a SET starting with `!`), so unknown calls are never let through
    /// unseen.
    pub unknown: bool,
}

impl Selection {
    /// Everything, on every ABI.
    pub fn all() -> Selection {
        let mut s = Selection::default();
        for arch in ARCHES {
            s.sets
                .push((arch, tables::table(arch).iter().map(|d| d.nr).collect()));
        }
        s.unknown = true;
        s
    }

    /// Whether `nr` of `arch` is selected.
    pub fn contains(&self, arch: Arch, nr: u32) -> bool {
        match self.sets.iter().find(|(a, _)| *a == arch) {
            Some((_, set)) => {
                set.contains(&nr) || (self.unknown && tables::lookup(arch, nr).is_none())
            }
            None => false,
        }
    }

    /// The selected numbers of `arch`.
    pub fn numbers(&self, arch: Arch) -> impl Iterator<Item = u32> + '_ {
        self.sets
            .iter()
            .filter(move |(a, _)| *a == arch)
            .flat_map(|(_, s)| s.iter())
    }

    /// Whether nothing is selected at all.
    pub fn is_empty(&self) -> bool {
        !self.unknown && self.sets.iter().all(|(_, s)| s.is_empty())
    }

    /// Parses one SET (the text after `-e`, with or without `trace=`).
    pub fn parse(expr: &str) -> Result<Selection, SelectError> {
        let set = match expr.split_once('=') {
            Some(("trace" | "t", rest)) => rest,
            Some((q, _)) if !q.contains(',') && !q.starts_with('/') => {
                return Err(err(format!(
                    "unsupported qualifier '{q}' in -e '{expr}': only trace=SET is supported"
                )))
            }
            _ => expr,
        };
        let mut tokens: Vec<(bool, Matcher)> = Vec::new();
        for raw in set.split(',') {
            let tok = raw.trim();
            if tok.is_empty() {
                return Err(err(format!("empty syscall name in -e '{expr}'")));
            }
            let (neg, body) = match tok.strip_prefix('!') {
                Some(b) => (true, b),
                None => (false, tok),
            };
            tokens.push((neg, matcher(body, expr)?));
        }
        let negated_start = tokens.first().map(|(n, _)| *n).unwrap_or(false);
        let mut sel = if negated_start {
            Selection::all()
        } else {
            let mut s = Selection::default();
            for arch in ARCHES {
                s.sets.push((arch, NrSet::new()));
            }
            s
        };
        for (neg, m) in &tokens {
            if let Matcher::All = m {
                sel.unknown = !neg;
            }
            for (arch, set) in sel.sets.iter_mut() {
                for d in tables::table(*arch) {
                    if m.matches(*arch, d) {
                        if *neg {
                            set.remove(&d.nr);
                        } else {
                            set.insert(d.nr);
                        }
                    }
                }
                if let (Matcher::Number(n), false, true) = (m, *neg, *arch == Arch::native()) {
                    // A number with no table entry is still a syscall number.
                    set.insert(*n);
                }
            }
        }
        Ok(sel)
    }

    /// Adds `nr` of `arch`.
    pub fn insert(&mut self, arch: Arch, nr: u32) {
        match self.sets.iter_mut().find(|(a, _)| *a == arch) {
            Some((_, set)) => {
                set.insert(nr);
            }
            None => {
                let mut set = NrSet::new();
                set.insert(nr);
                self.sets.push((arch, set));
            }
        }
    }

    /// Adds everything `other` selects.
    pub fn add(&mut self, other: &Selection) {
        for (arch, set) in &other.sets {
            match self.sets.iter_mut().find(|(a, _)| a == arch) {
                Some((_, mine)) => mine.extend(set.iter()),
                None => self.sets.push((*arch, set.clone())),
            }
        }
        self.unknown |= other.unknown;
    }

    /// Parses every `-e` given; they add up, as in strace.
    pub fn parse_all<S: AsRef<str>>(exprs: &[S]) -> Result<Selection, SelectError> {
        if exprs.is_empty() {
            return Ok(Selection::all());
        }
        let mut out: Option<Selection> = None;
        for e in exprs {
            let s = Selection::parse(e.as_ref())?;
            out = Some(match out {
                None => s,
                Some(mut acc) => {
                    acc.add(&s);
                    acc
                }
            });
        }
        Ok(out.expect("at least one expression"))
    }
}

fn err(message: String) -> SelectError {
    SelectError { message }
}

fn matcher(body: &str, expr: &str) -> Result<Matcher, SelectError> {
    if body == "all" {
        return Ok(Matcher::All);
    }
    if body == "none" {
        return Ok(Matcher::Name(String::new()));
    }
    if let Some(re) = body.strip_prefix('/') {
        return regex::Regex::new(re)
            .map(Matcher::Regex)
            .map_err(|e| err(format!("bad regex '{re}' in -e '{expr}': {e}")));
    }
    if let Some(class) = body.strip_prefix('%') {
        return tables::class::by_name(class)
            .map(Matcher::Class)
            .ok_or_else(|| {
                err(format!(
                    "unknown syscall class '%{class}' in -e '{expr}'{}",
                    suggest(class, CLASS_NAMES.iter().copied(), "%")
                ))
            });
    }
    if let Ok(n) = body.parse::<u32>() {
        // strace takes a number inside some ABI's table, named or not, and
        // refuses one past them all.
        let top = ARCHES
            .iter()
            .flat_map(|a| {
                tables::table(*a)
                    .iter()
                    .map(|d| d.nr & !crate::filter::X32_BIT)
            })
            .max()
            .unwrap_or(0);
        if n > top {
            return Err(err(format!("invalid system call '{body}' in -e '{expr}'")));
        }
        return Ok(Matcher::Number(n));
    }
    // strace's own old class spellings (basic_filters.c) come before the
    // names there: `signal` and `ipc` are the classes, not i386's calls.
    if STRACE_OLD_CLASSES.contains(&body) {
        if let Some(c) = tables::class::by_name(body) {
            return Ok(Matcher::Class(c));
        }
    }
    let known = ARCHES.iter().any(|a| tables::by_name(*a, body).is_some());
    if known {
        return Ok(Matcher::Name(body.to_string()));
    }
    // strace's old class spellings without '%'.
    if let Some(c) = tables::class::by_name(body).filter(|_| CLASS_NAMES.contains(&body)) {
        return Ok(Matcher::Class(c));
    }
    let names = ARCHES
        .iter()
        .flat_map(|a| tables::table(*a).iter().map(|d| d.name));
    Err(err(format!(
        "unknown syscall '{body}' in -e '{expr}'{}",
        suggest(body, names, "")
    )))
}

/// The class names strace 6.1 takes without `%` ahead of syscall names.
const STRACE_OLD_CLASSES: &[&str] = &[
    "desc", "file", "memory", "process", "signal", "ipc", "network",
];

const CLASS_NAMES: &[&str] = &[
    "file", "network", "net", "process", "signal", "ipc", "desc", "memory", "creds", "clock",
    "stat", "lstat", "fstat", "%stat", "statfs", "fstatfs", "%statfs", "pure",
];

/// ": did you mean 'X'?" for the nearest candidate, or nothing when none is
/// near.
fn suggest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>, prefix: &str) -> String {
    let best = candidates
        .map(|c| (levenshtein(word, c), c))
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.len().cmp(&b.1.len()))
                .then(a.1.cmp(b.1))
        });
    match best {
        Some((d, c)) if d <= (word.len() / 2).max(2) => format!(": did you mean '{prefix}{c}'?"),
        _ => String::new(),
    }
}

/// Edit distance (insert, delete, substitute, swap of neighbours).
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NrSet answers as the B-tree it replaced, across the bitmap's edge
    /// and for x32's bit-30 numbers.
    #[test]
    fn nr_set_is_a_set() {
        let mut mine = NrSet::new();
        let mut want = BTreeSet::new();
        assert!(mine.is_empty());
        // A fixed pseudo-random walk of inserts and removes.
        let mut x: u32 = 12345;
        for _ in 0..20_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let nr = match x % 4 {
                0 => x % 64,
                1 => 1000 + (x >> 8) % 50,
                2 => 0x4000_0000 | ((x >> 8) % 600),
                _ => (x >> 4) % 1100,
            };
            if x & 0x100 != 0 {
                assert_eq!(mine.insert(nr), want.insert(nr), "insert {nr:#x}");
            } else {
                assert_eq!(mine.remove(&nr), want.remove(&nr), "remove {nr:#x}");
            }
            assert_eq!(mine.contains(&nr), want.contains(&nr));
        }
        assert_eq!(
            mine.iter().collect::<Vec<_>>(),
            want.iter().copied().collect::<Vec<_>>()
        );
        assert_eq!(mine.is_empty(), want.is_empty());
        let copy: NrSet = want.iter().copied().collect();
        assert_eq!(copy, mine);
        for nr in want.clone() {
            mine.remove(&nr);
        }
        assert!(mine.is_empty());
    }

    fn nr(name: &str) -> u32 {
        tables::by_name(Arch::X86_64, name).unwrap().nr
    }

    #[test]
    fn straces_old_class_spellings_win_over_i386_calls_of_that_name() {
        let s = Selection::parse("signal").unwrap();
        assert!(s.contains(Arch::X86_64, nr("rt_sigaction")));
        assert!(s.contains(Arch::I386, 48)); // i386 signal is in %signal
        let s = Selection::parse("ipc").unwrap();
        assert!(s.contains(Arch::X86_64, nr("semop")));
        assert!(s.contains(Arch::I386, 117));
        // Other old spellings notrace accepts stay names where one exists.
        let s = Selection::parse("stat").unwrap();
        assert!(s.contains(Arch::X86_64, nr("stat")));
        assert!(!s.contains(Arch::X86_64, nr("fstat")));
    }

    #[test]
    fn names_and_negation() {
        let s = Selection::parse("openat,close").unwrap();
        assert!(s.contains(Arch::X86_64, nr("openat")));
        assert!(s.contains(Arch::X86_64, nr("close")));
        assert!(!s.contains(Arch::X86_64, nr("read")));
        // i386 has its own numbers for the same names.
        assert!(s.contains(Arch::I386, 6)); // close on i386
        let s = Selection::parse("!close").unwrap();
        assert!(!s.contains(Arch::X86_64, nr("close")));
        assert!(s.contains(Arch::X86_64, nr("read")));
        assert!(s.contains(Arch::X86_64, 1000)); // unknown numbers stay visible
        let s = Selection::parse("trace=none").unwrap();
        assert!(s.is_empty());
    }

    #[test]
    fn regex_and_numbers() {
        let s = Selection::parse("/^getp").unwrap();
        assert!(s.contains(Arch::X86_64, nr("getpid")));
        assert!(s.contains(Arch::X86_64, nr("getppid")));
        assert!(!s.contains(Arch::X86_64, nr("setpgid")));
        let s = Selection::parse("39").unwrap();
        assert!(s.contains(Arch::X86_64, 39));
    }

    #[test]
    fn unknown_name_suggests() {
        let e = Selection::parse("openat,opne").unwrap_err();
        assert!(e.message.contains("'opne'"), "{}", e.message);
        assert!(e.message.contains("did you mean 'open'"), "{}", e.message);
        let e = Selection::parse("%fiel").unwrap_err();
        assert!(e.message.contains("did you mean '%file'"), "{}", e.message);
        let e = Selection::parse("signal=all").unwrap_err();
        assert!(e.message.contains("unsupported qualifier"), "{}", e.message);
    }

    #[test]
    fn distance() {
        assert_eq!(levenshtein("opne", "open"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
