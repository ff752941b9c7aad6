//! The command line, defined in one place. Parsing has no side effects:
//! raw arguments become a [`Cli`]; `run` validates and builds from it.

use clap::{ArgAction, Parser};
use std::ffi::OsString;
use std::path::PathBuf;

/// notrace: trace the syscalls of a command without ptrace.
///
/// Runs COMMAND under a seccomp filter that notifies notrace of each chosen
/// syscall at entry, and prints them the way strace does. Every descendant
/// is traced. Return values come from the kernel's syscall-exit
/// tracepoints where notrace may open them (root, CAP_PERFMON); output
/// buffers are never read.
#[derive(Debug, Parser)]
#[command(
    name = "notrace",
    version,
    about,
    after_help = "Examples:\n  notrace -e openat,connect -- curl http://127.0.0.1:8080/\n  notrace -e '%file,!close' -o trace.txt -- make -j2\n  notrace --json -e %network -- python3 app.py | jq 'select(.syscall==\"connect\")'\n  notrace -c -- git status\n  notrace view trace.jsonl\n  notrace export --chrome trace.jsonl > trace.json"
)]
pub struct Cli {
    /// Syscalls to trace: names, numbers, %classes, all, none, !negation,
    /// /regex (strace's -e trace=SET); -e status=SET keeps only calls that
    /// ended so (successful, failed, unfinished, unavailable). Repeatable;
    /// default: all.
    #[arg(short = 'e', long = "trace", value_name = "SET")]
    pub trace: Vec<String>,

    /// Write the trace to FILE instead of stderr ("-" for stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write JSONL (one object per call) instead of text. Without -o it goes
    /// to stdout, and the command's own stdout is moved to stderr.
    #[arg(short = 'j', long = "json")]
    pub json: bool,

    /// Print a table of calls per syscall at exit instead of the trace.
    #[arg(short = 'c', long = "summary")]
    pub summary: bool,

    /// Print the trace and the summary table.
    #[arg(short = 'C', long = "summary-too")]
    pub summary_too: bool,

    /// Prefix lines with the time of day (-tt: with microseconds, -ttt:
    /// seconds since the epoch).
    #[arg(short = 't', action = ArgAction::Count)]
    pub timestamps: u8,

    /// Print the time spent in each call (`<0.000012>`), from the
    /// notification to the kernel's return.
    #[arg(short = 'T', long = "syscall-times")]
    pub durations: bool,

    /// Print only calls that returned without an error.
    #[arg(short = 'z', long = "successful-only")]
    pub successful_only: bool,

    /// Print only calls that returned an error.
    #[arg(short = 'Z', long = "failed-only")]
    pub failed_only: bool,

    /// Do not collect return values (no perf events are opened; lines end
    /// at their arguments).
    #[arg(long = "no-results")]
    pub no_results: bool,

    /// Quiet: do not say at start why return values are not shown.
    #[arg(short = 'q', action = ArgAction::Count)]
    pub quiet: u8,

    /// Follow forks (always on: every descendant is traced; accepted for
    /// strace compatibility).
    #[arg(short = 'f', action = ArgAction::Count)]
    pub follow: u8,

    /// Print at most N bytes of each string (default 32).
    #[arg(
        short = 's',
        long = "string-limit",
        value_name = "N",
        default_value_t = 32
    )]
    pub string_limit: usize,

    /// Print non-ASCII strings in hex (-xx: all strings).
    #[arg(short = 'x', action = ArgAction::Count)]
    pub hex: u8,

    /// Print arrays and structures in full (execve's environment, ...).
    #[arg(short = 'v', long = "verbose")]
    pub verbose: bool,

    /// Print the path behind fd arguments (`3</etc/passwd>`).
    #[arg(short = 'y', long = "decode-fds")]
    pub decode_fds: bool,

    /// Trace only calls whose path or fd arguments resolve to PATH
    /// (repeatable).
    #[arg(short = 'P', long = "path", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Fail calls matching RULE ("SET [key=value]...", e.g. 'connect
    /// port=443' or 'openat path=/etc/shadow errno=EACCES'); see
    /// docs/rules.md. Repeatable. Denied calls are always shown.
    #[arg(long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,

    /// Read deny rules from FILE, one per line, # comments (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,

    /// Open the live terminal UI instead of printing (needs a terminal).
    #[arg(long = "tui")]
    pub tui: bool,

    /// With --tui: hold calls in SET until you allow (a) or deny (d) each
    /// one in the UI. Held calls are traced even when -e leaves them out.
    #[arg(long = "hold", value_name = "SET", requires = "tui")]
    pub hold: Vec<String>,

    /// The command and its arguments.
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub command: Vec<OsString>,
}
