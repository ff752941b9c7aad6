//! Reads a saved JSONL trace (format v1, or v2 with results; docs/jsonl.md)
//! back into
//! [`Message`]s, for `notrace view trace.jsonl`.
//!
//! The `header`, `process` and `exec` records are skipped: the UI derives
//! processes from the calls. Lines of unknown `type` are skipped so newer
//! traces still open; a line
//! that is not JSON, or a known type missing a field, is an error that
//! names its line number.

use std::borrow::Cow;
use std::io::{self, BufRead};
use std::path::Path;

use serde_json::Value;

use crate::event::{Action, Arch, DecodedArg, Event, ExitKind, Message, ProcessExit};

/// A loaded trace, and what was wrong with it that did not stop it
/// loading.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The records, in file order.
    pub messages: Vec<Message>,
    /// One sentence each, for the user (a last line cut short).
    pub warnings: Vec<String>,
}

/// Parses the file at `path` (see [`read`]).
pub fn load(path: &Path) -> io::Result<Loaded> {
    let f = std::fs::File::open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    read(io::BufReader::new(f))
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// Parses the file at `path`; the records only.
pub fn load_file(path: &Path) -> io::Result<Vec<Message>> {
    load(path).map(|l| l.messages)
}

/// Parses JSONL from a reader; the records only (see [`read`]).
pub fn parse<R: BufRead>(r: R) -> io::Result<Vec<Message>> {
    read(r).map(|l| l.messages)
}

/// Parses JSONL from a reader.
///
/// A last line with no newline that is not JSON is what a run killed
/// while writing leaves: it is left out with a warning, and the rest
/// loads. Anywhere else a broken line is an error: the file is not a
/// trace, or was damaged.
pub fn read<R: BufRead>(mut r: R) -> io::Result<Loaded> {
    let mut out = Loaded::default();
    let mut line = Vec::new();
    let mut n = 0;
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        n += 1;
        let complete = line.last() == Some(&b'\n');
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if text.trim_ascii().is_empty() {
            continue;
        }
        let bad =
            |msg: String| io::Error::new(io::ErrorKind::InvalidData, format!("line {n}: {msg}"));
        let v: Value = match serde_json::from_slice(text) {
            Ok(v) => v,
            // read_until only stops without a newline at the end of input.
            Err(e) if !complete => {
                out.warnings.push(format!(
                    "line {n}, the last, is cut short (was the run killed while writing it?): left out ({e})"
                ));
                break;
            }
            Err(e) => return Err(bad(e.to_string())),
        };
        match v.get("type").and_then(Value::as_str) {
            Some("syscall") => out.messages.push(Message::Event(event(&v).map_err(bad)?)),
            Some("exit") => out.messages.push(Message::Exit(exit(&v).map_err(bad)?)),
            Some(_) => {}
            None => return Err(bad("no \"type\" field".into())),
        }
    }
    Ok(out)
}

/// Parses one line of a JSONL trace the way [`parse`] does: `None` for a
/// blank line or one of an unknown type.
pub fn parse_line(line: &str) -> Result<Option<Message>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    match v.get("type").and_then(Value::as_str) {
        Some("syscall") => Ok(Some(Message::Event(event(&v)?))),
        Some("exit") => Ok(Some(Message::Exit(exit(&v)?))),
        Some(_) => Ok(None),
        None => Err("no \"type\" field".into()),
    }
}

fn field<'a>(v: &'a Value, k: &str) -> Result<&'a Value, String> {
    v.get(k).ok_or_else(|| format!("missing field \"{k}\""))
}

fn uint(v: &Value, k: &str) -> Result<u64, String> {
    field(v, k)?
        .as_u64()
        .ok_or_else(|| format!("field \"{k}\" is not an unsigned integer"))
}

fn int(v: &Value, k: &str) -> Result<i64, String> {
    field(v, k)?
        .as_i64()
        .ok_or_else(|| format!("field \"{k}\" is not an integer"))
}

fn string(v: &Value, k: &str) -> Result<String, String> {
    field(v, k)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("field \"{k}\" is not a string"))
}

fn hex(s: &str) -> Result<u64, String> {
    let t = s.strip_prefix("0x").unwrap_or(s);
    u64::from_str_radix(t, 16).map_err(|_| format!("bad hex value {s:?}"))
}

/// `time_ns` when present, else the float `time` (microsecond precision).
fn time_ns(v: &Value) -> Result<u64, String> {
    if let Some(ns) = v.get("time_ns").and_then(Value::as_u64) {
        return Ok(ns);
    }
    let t = field(v, "time")?
        .as_f64()
        .ok_or_else(|| "field \"time\" is not a number".to_string())?;
    Ok((t * 1e9) as u64)
}

fn event(v: &Value) -> Result<Event, String> {
    let arch: Arch = serde_json::from_value(field(v, "arch")?.clone())
        .map_err(|_| format!("unknown arch {}", v["arch"]))?;
    let mut args = [0u64; 6];
    if let Some(regs) = v.get("regs").and_then(Value::as_array) {
        for (slot, r) in args.iter_mut().zip(regs) {
            *slot = hex(r.as_str().ok_or("regs entry is not a string")?)?;
        }
    }
    let mut decoded = Vec::new();
    if let Some(list) = v.get("args").and_then(Value::as_array) {
        for a in list {
            let raw = match a.get("raw") {
                Some(Value::String(s)) => hex(s)?,
                Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
                _ => 0,
            };
            let mut value = a.get("value").filter(|x| !x.is_null()).cloned();
            // v2 keeps `-y`'s path beside the fd; the UI reads them together.
            if let (Some(fd), Some(path)) = (&value, a.get("path")) {
                value = Some(serde_json::json!({ "fd": fd, "path": path }));
            }
            decoded.push(DecodedArg {
                name: Cow::Owned(string(a, "name")?),
                kind: Cow::Owned(string(a, "kind").unwrap_or_default()),
                raw,
                text: string(a, "text")?,
                value,
            });
        }
    }
    let action = match v.get("action").and_then(Value::as_str) {
        Some("deny") => Action::Denied {
            errno: v
                .get("errno_nr")
                .and_then(Value::as_i64)
                .map(|e| e as i32)
                .unwrap_or(libc::EPERM),
            rule: v
                .get("rule")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        },
        _ => Action::Allowed,
    };
    let pid = int(v, "pid")? as i32;
    // Schema 2: the result (schema 1 files have none).
    // Past 2^53, v2 writes `ret` as a decimal string.
    let ret = match v.get("ret") {
        Some(Value::String(s)) => s.parse().ok(),
        r => r.and_then(Value::as_i64),
    };
    let errno_nr = v.get("errno_nr").and_then(Value::as_i64);
    let result = match (v.get("status").and_then(Value::as_str), ret, errno_nr) {
        (Some("failed"), _, Some(e)) => crate::event::Outcome::Returned(-e),
        (Some("successful"), Some(r), _) => crate::event::Outcome::Returned(r),
        (Some("unfinished"), _, _) => crate::event::Outcome::NoReturn,
        (Some("unavailable"), _, _) => crate::event::Outcome::Unavailable,
        (None, _, Some(e)) if matches!(action, Action::Denied { .. }) => {
            crate::event::Outcome::Returned(-e)
        }
        _ => crate::event::Outcome::NotCollected,
    };
    Ok(Event {
        seq: uint(v, "seq")?,
        time_ns: time_ns(v)?,
        pid,
        tid: v
            .get("tid")
            .and_then(Value::as_i64)
            .map(|t| t as i32)
            .unwrap_or(pid),
        comm: v
            .get("comm")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        arch,
        name: Cow::Owned(string(v, "syscall")?),
        nr: uint(v, "nr")? as u32,
        args,
        decoded,
        action,
        result,
        duration_ns: v.get("duration_ns").and_then(Value::as_u64),
        ret_path: v
            .get("ret_path")
            .and_then(Value::as_str)
            .map(str::to_string),
        ip: 0,
    })
}

fn exit(v: &Value) -> Result<ProcessExit, String> {
    let how = if let Some(code) = v.get("exit_code").and_then(Value::as_i64) {
        ExitKind::Exited(code as i32)
    } else {
        let sig = match field(v, "signal")? {
            Value::String(s) => {
                super::class::signal_number(s).ok_or_else(|| format!("unknown signal {s:?}"))?
            }
            Value::Number(n) => n.as_i64().unwrap_or(0) as i32,
            _ => return Err("field \"signal\" is not a string".into()),
        };
        ExitKind::Signaled {
            signal: sig,
            core: v
                .get("core_dumped")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        }
    };
    Ok(ProcessExit {
        pid: int(v, "pid")? as i32,
        time_ns: time_ns(v)?,
        how,
    })
}

/// A small v1 trace for tests.
#[cfg(test)]
pub(crate) const SAMPLE: &str = r#"{"type":"syscall","v":1,"seq":1,"time":1763808084.123456,"time_ns":1763808084123456789,"pid":12,"tid":12,"comm":"cat","arch":"x86_64","syscall":"openat","nr":257,"args":[{"name":"dfd","kind":"dirfd","raw":"0xffffffffffffff9c","text":"AT_FDCWD","value":"AT_FDCWD"},{"name":"filename","kind":"path","raw":"0x7ffd0000","text":"\"/etc/hostname\"","value":"/etc/hostname"},{"name":"flags","kind":"open_flags","raw":"0x0","text":"O_RDONLY","value":["O_RDONLY"]}],"regs":["0xffffffffffffff9c","0x7ffd0000","0x0","0x0","0x0","0x0"],"text":"openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)","action":"allow"}
{"type":"future-thing","v":1}

{"type":"syscall","v":1,"seq":2,"time":1763808084.2,"time_ns":1763808084200000000,"pid":12,"tid":13,"comm":"cat","arch":"x86_64","syscall":"unlink","nr":87,"args":[{"name":"pathname","kind":"path","raw":"0x1000","text":"\"/tmp/x\"","value":"/tmp/x"}],"regs":["0x1000","0x0","0x0","0x0","0x0","0x0"],"text":"unlink(\"/tmp/x\")","action":"deny","errno":"EACCES","errno_nr":13,"rule":"deny unlink"}
{"type":"exit","v":1,"time":1763808084.3,"time_ns":1763808084300000000,"pid":12,"exit_code":0}
{"type":"exit","v":1,"time":1763808084.4,"time_ns":1763808084400000000,"pid":14,"signal":"SIGKILL","core_dumped":false}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sample() {
        let msgs = parse(SAMPLE.as_bytes()).unwrap();
        assert_eq!(msgs.len(), 4);
        let Message::Event(e) = &msgs[0] else {
            panic!()
        };
        assert_eq!(e.name, "openat");
        assert_eq!(e.nr, 257);
        assert_eq!(e.time_ns, 1763808084123456789);
        assert_eq!(e.args[0], 0xffffffffffffff9c);
        assert_eq!(e.decoded.len(), 3);
        assert_eq!(e.decoded[1].kind, "path");
        assert_eq!(
            e.decoded[1].value,
            Some(Value::String("/etc/hostname".into()))
        );
        let Message::Event(e) = &msgs[1] else {
            panic!()
        };
        assert_eq!(e.tid, 13);
        assert_eq!(
            e.action,
            Action::Denied {
                errno: 13,
                rule: "deny unlink".into()
            }
        );
        let Message::Exit(x) = &msgs[2] else { panic!() };
        assert_eq!(x.how, ExitKind::Exited(0));
        let Message::Exit(x) = &msgs[3] else { panic!() };
        assert_eq!(
            x.how,
            ExitKind::Signaled {
                signal: libc::SIGKILL,
                core: false
            }
        );
    }

    #[test]
    fn a_cut_last_line_is_left_out_with_a_warning() {
        let cut = &SAMPLE[..SAMPLE.len() - 40];
        let l = read(cut.as_bytes()).unwrap();
        assert_eq!(l.messages.len(), 3);
        assert_eq!(l.warnings.len(), 1);
        assert!(
            l.warnings[0].starts_with("line 6, the last, is cut short"),
            "{:?}",
            l.warnings
        );
        // A broken line that did end: not a cut, an error.
        let text = format!("{cut}\n");
        assert!(read(text.as_bytes())
            .unwrap_err()
            .to_string()
            .starts_with("line 6:"));
    }

    #[test]
    fn bad_line_names_its_number() {
        let text = format!("{}\nnot json\n", SAMPLE.lines().next().unwrap());
        let err = parse(text.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("line 2:"), "{err}");
        let err = parse(r#"{"type":"syscall","v":1}"#.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("line 1: missing field"), "{err}");
    }
}
