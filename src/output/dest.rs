//! Where the trace goes, as strace's `-o` spells it: a file (truncated, or
//! appended to with `-A`), `|cmd` / `!cmd` (a shell command reading it on
//! its stdin), or with `-ff` one file per thread, `FILE.TID`.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

/// An opened `-o` destination (stderr and stdout are the caller's).
pub enum Dest {
    /// A file.
    File(File),
    /// A shell command's stdin; the command is waited for at the end.
    Pipe(ChildStdin, Child),
    /// `-ff`: files opened as threads appear.
    PerThread(Split),
}

/// `-ff`'s file naming and mode.
#[derive(Debug, Clone)]
pub struct Split {
    /// `FILE` of `-o FILE`.
    pub base: PathBuf,
    /// `-A`.
    pub append: bool,
}

impl Split {
    /// Opens `FILE.TID`.
    pub fn open(&self, tid: i32) -> io::Result<File> {
        let mut name = self.base.clone().into_os_string();
        name.push(format!(".{tid}"));
        open_file(Path::new(&name), self.append)
    }
}

fn open_file(p: &Path, append: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create(true);
    if append {
        o.append(true);
    } else {
        o.truncate(true);
    }
    o.open(p)
}

/// The shell command of `-o '|cmd'` or `-o '!cmd'`, if it is one.
pub fn pipe_command(output: &Path) -> Option<&str> {
    let s = output.to_str()?;
    s.strip_prefix('|').or_else(|| s.strip_prefix('!'))
}

/// Opens `-o OUTPUT` (not `-`). Errors are for the user.
pub fn open(output: &Path, append: bool, separately: bool) -> Result<Dest, String> {
    if let Some(cmd) = pipe_command(output) {
        if separately {
            return Err("-ff cannot write one file per process to a pipe (-o '|cmd')".into());
        }
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg(cmd)
            .stdin(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run the output command '{cmd}': {e}"))?;
        let stdin = child.stdin.take().expect("stdin was piped");
        return Ok(Dest::Pipe(stdin, child));
    }
    if separately {
        return Ok(Dest::PerThread(Split {
            base: output.to_path_buf(),
            append,
        }));
    }
    open_file(output, append)
        .map(Dest::File)
        .map_err(|e| format!("cannot write output file '{}': {e}", output.display()))
}
