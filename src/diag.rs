//! notrace's own messages on stderr, each line in one write.
//!
//! stderr is unbuffered: `writeln!(io::stderr(), ..)` and `eprintln!`
//! issue a write per formatted piece, so the command's output (which
//! shares the terminal or pipe) or an outer tracer's lines can land in
//! the middle of a notrace message. A whole line in one write of at most
//! PIPE_BUF bytes reaches a pipe in one piece.

use std::fmt;
use std::io::{self, Write};

/// Writes one line, formatted first, in one write (best effort: stderr
/// may be what failed).
pub fn line(args: fmt::Arguments<'_>) {
    let mut s = fmt::format(args);
    s.push('\n');
    let _ = io::stderr().lock().write_all(s.as_bytes());
}

/// `say!("notrace: {x}")`: a line on stderr in one write (see
/// [`diag::line`](crate::diag::line)).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::diag::line(format_args!($($arg)*))
    };
}
