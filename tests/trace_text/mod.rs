//! Parsers for strace's and notrace's text output, shared by the
//! differential tests (tests/strace_diff.rs, tests/results_diff.rs): one
//! [`Call`] per line, `<unfinished ...>` heads joined with their
//! `<... NAME resumed>` ends, the result after ` = ` kept as text.
//!
//! Not every test file uses every helper, hence the `dead_code` allowance.
#![allow(dead_code)]

use notrace::event::Arch;
use notrace::kinds::ArgKind;
use std::collections::{BTreeMap, HashMap};

/// One call as printed by a tracer.
#[derive(Debug, Clone)]
pub struct Call {
    pub pid: u32,
    pub name: String,
    pub args: Vec<String>,
    /// The text after ` = ` (`3`, `-1 ENOENT (No such file or directory)`,
    /// `?`), or None when the line has no result.
    pub result: Option<String>,
}

/// Splits `s` (the text after `name(`) into top-level arguments, stopping at
/// the `)` that closes the call. Returns the arguments and, when the closing
/// parenthesis was found, the text after it.
pub fn split_args(s: &str) -> (Vec<String>, Option<String>) {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut chars = s.chars().peekable();
    let mut closed = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                cur.push(c);
                while let Some(d) = chars.next() {
                    cur.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            cur.push(e);
                        }
                    } else if d == '"' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                // A comment: copy up to and including `*/`.
                cur.push(c);
                let mut prev = ' ';
                for d in chars.by_ref() {
                    cur.push(d);
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' if depth == 0 => {
                closed = true;
                break;
            }
            ')' | ']' | '}' => {
                depth -= 1;
                cur.push(c);
            }
            ',' if depth == 0 => {
                args.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(c),
        }
    }
    let last = cur.trim();
    if !last.is_empty() || !args.is_empty() {
        args.push(last.to_string());
    }
    (args, closed.then(|| chars.collect()))
}

/// The result in the text after a call's `)`: ` = 3` (strace pads with
/// spaces before `=`; `-T`'s ` <0.000012>` is not used here).
pub fn result_of(after: Option<&str>) -> Option<String> {
    let r = after?.trim_start().strip_prefix("= ")?;
    Some(r.trim_end().to_string())
}

/// A parsed call from a whole line (unfinished parts already joined).
pub fn call_of(pid: u32, full: &str) -> Option<Call> {
    let (name, args) = name_and_rest(full)?;
    let (args, after) = split_args(args);
    Some(Call {
        pid,
        name: name.to_string(),
        args,
        result: result_of(after.as_deref()),
    })
}

/// Splits `name(rest` into the name and the rest.
pub fn name_and_rest(line: &str) -> Option<(&str, &str)> {
    let open = line.find('(')?;
    let name = &line[..open];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '#')
    {
        return None;
    }
    Some((name, &line[open + 1..]))
}

/// Parses strace's `-f -o FILE` output (every line starts with the pid),
/// joining `<unfinished ...>` lines with their `<... name resumed>` ends.
pub fn parse_strace(text: &str) -> Vec<Call> {
    let mut out = Vec::new();
    let mut pending: HashMap<u32, String> = HashMap::new();
    for line in text.lines() {
        let (pid, rest) = match line.split_once(' ') {
            Some((p, r)) if p.parse::<u32>().is_ok() => (p.parse::<u32>().unwrap(), r),
            _ => (0, line),
        };
        let rest = rest.trim_start();
        if rest.starts_with("+++") || rest.starts_with("---") {
            continue;
        }
        let full = if let Some(r) = rest.strip_prefix("<... ") {
            let Some((_, after)) = r.split_once(" resumed>") else {
                continue;
            };
            match pending.remove(&pid) {
                Some(head) => format!("{head}{after}"),
                None => continue,
            }
        } else if let Some(head) = rest.strip_suffix(" <unfinished ...>") {
            pending.insert(pid, head.to_string());
            continue;
        } else {
            rest.to_string()
        };
        out.extend(call_of(pid, &full));
    }
    out
}

/// Parses notrace's text output: `[pid N] ` once there are several
/// processes; a line left open for its result is closed with
/// ` <unfinished ...>` and ended by `<... NAME resumed>) = R`.
pub fn parse_notrace(text: &str) -> Vec<Call> {
    const UNKNOWN: u32 = u32::MAX;
    let mut out = Vec::new();
    // Heads of calls waiting for their `resumed` line, by pid; before a
    // second process shows up the head has no pid (UNKNOWN).
    let mut pending: HashMap<u32, String> = HashMap::new();
    // notrace reports the command's end last (other processes' ends come
    // earlier, at their exit_group): the last such line names the command.
    let mut command_pid = None;
    for line in text.lines() {
        let (pid, rest) = match line.strip_prefix("[pid ") {
            Some(r) => {
                let (p, rest) = r.split_once("] ").unwrap();
                (p.trim().parse::<u32>().unwrap(), rest)
            }
            // Before a second process shows up there is no prefix: those
            // lines come from the command itself.
            None => (UNKNOWN, line),
        };
        if rest.starts_with("+++") {
            command_pid = Some(pid);
            continue;
        }
        let full = if let Some(r) = rest.strip_prefix("<... ") {
            let Some((_, after)) = r.split_once(" resumed>") else {
                continue;
            };
            // The head was written before the `[pid N]` prefixes began.
            match pending.remove(&pid).or_else(|| pending.remove(&UNKNOWN)) {
                Some(head) => format!("{head}{after}"),
                None => continue,
            }
        } else if let Some(head) = rest.strip_suffix(" <unfinished ...>") {
            pending.insert(pid, head.to_string());
            continue;
        } else {
            rest.to_string()
        };
        out.extend(call_of(pid, &full));
    }
    // With one process only there is no prefix at all: its pid is what
    // set_tid_address (glibc's first call after exec) or getpid answered.
    let command_pid = command_pid.filter(|&p| p != UNKNOWN).or_else(|| {
        out.iter()
            .filter(|c| c.pid == UNKNOWN)
            .find(|c| matches!(c.name.as_str(), "set_tid_address" | "getpid" | "gettid"))
            .and_then(|c| c.result.as_deref()?.parse().ok())
    });
    if let Some(p) = command_pid {
        for c in &mut out {
            if c.pid == UNKNOWN {
                c.pid = p;
            }
        }
    }
    out
}

/// Replaces addresses by `ADDR` and the traced pids by `PID`.
pub struct Normaliser {
    addr: regex::Regex,
    pids: Option<regex::Regex>,
}

impl Normaliser {
    pub fn new(pids: &[u32]) -> Self {
        let mut alts: Vec<String> = pids.iter().map(|p| p.to_string()).collect();
        alts.sort();
        alts.dedup();
        Normaliser {
            addr: regex::Regex::new(r"0x[0-9a-f]{6,}").unwrap(),
            pids: (!alts.is_empty())
                .then(|| regex::Regex::new(&format!(r"\b({})\b", alts.join("|"))).unwrap()),
        }
    }

    pub fn apply(&self, s: &str) -> String {
        let s = self.addr.replace_all(s, "ADDR");
        match &self.pids {
            Some(re) => re.replace_all(&s, "PID").into_owned(),
            None => s.into_owned(),
        }
    }
}

pub fn normalise(s: &str, pids: &[u32]) -> String {
    Normaliser::new(pids).apply(s)
}

/// Whether an argument of `kind` is an output, written by the kernel
/// (notrace prints it at entry, strace at exit: not compared).
pub fn is_output(kind: ArgKind) -> bool {
    matches!(
        kind,
        ArgKind::OutPtr | ArgKind::IovecOut(_) | ArgKind::SockaddrOut | ArgKind::IntPairOut
    )
}

/// Positions of `name`'s arguments that are outputs (not compared).
pub fn output_positions(name: &str) -> Vec<bool> {
    notrace::tables::by_name(Arch::native(), name)
        .map(|d| d.args.iter().map(|a| is_output(a.kind)).collect())
        .unwrap_or_default()
}

/// Aligns two call sequences by syscall name: equal names pair up; at a
/// difference, the nearest point (within `WINDOW` calls on each side) where
/// both sequences agree again for a few calls is taken. Returns the matched
/// index pairs. Linear in practice, unlike a full LCS on 10^4 calls.
pub fn align(a: &[&Call], b: &[&Call]) -> Vec<(usize, usize)> {
    const WINDOW: usize = 64;
    const AGREE: usize = 3;
    let agrees = |i: usize, j: usize| {
        (0..AGREE).all(|k| match (a.get(i + k), b.get(j + k)) {
            (Some(x), Some(y)) => x.name == y.name,
            (None, None) => true,
            _ => k > 0,
        })
    };
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        if a[i].name == b[j].name {
            out.push((i, j));
            i += 1;
            j += 1;
            continue;
        }
        // The resync point with the fewest skipped calls.
        let mut best = None;
        'search: for skip in 1..=2 * WINDOW {
            for di in 0..=skip.min(WINDOW) {
                let dj = skip - di;
                if dj > WINDOW {
                    continue;
                }
                if a.get(i + di).is_some() && b.get(j + dj).is_some() && agrees(i + di, j + dj) {
                    best = Some((i + di, j + dj));
                    break 'search;
                }
            }
        }
        match best {
            Some((ni, nj)) => {
                i = ni;
                j = nj;
            }
            None => {
                i += 1;
                j += 1;
            }
        }
    }
    out
}

pub fn by_pid(calls: &[Call]) -> Vec<(u32, Vec<&Call>)> {
    let mut order = Vec::new();
    let mut map: BTreeMap<u32, Vec<&Call>> = BTreeMap::new();
    for c in calls {
        if !map.contains_key(&c.pid) {
            order.push(c.pid);
        }
        map.entry(c.pid).or_default().push(c);
    }
    order
        .into_iter()
        .map(|p| (p, map.remove(&p).unwrap()))
        .collect()
}
