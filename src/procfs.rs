//! Reading /proc files whose text the tracee partly writes.
//!
//! A process names itself (`prctl(PR_SET_NAME)`, its executable's name)
//! and its sockets' paths with any bytes: `Name:` in `/proc/PID/status`,
//! the comm in `/proc/PID/stat`, `/proc/PID/net/unix` need not be UTF-8.
//! `read_to_string` fails on such a file, and a rule that could not read
//! the tracee's state failed its calls: every open of a process called
//! `a\xffb` was denied. These files are read as bytes and decoded
//! lossily instead; the fields notrace parses from them are ASCII.

use std::io;
use std::path::Path;

/// The file's text, invalid UTF-8 replaced by U+FFFD.
pub fn read_lossy(path: impl AsRef<Path>) -> io::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}
