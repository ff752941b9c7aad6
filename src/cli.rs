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
    override_usage = "notrace [OPTIONS] [--] COMMAND [ARGS]...\n       notrace view FILE",
    version,
    about,
    after_help = "Commands:\n  notrace view FILE   browse a saved JSONL trace (FILE, or - for stdin) in the\n                      terminal UI; `notrace -- view ...` runs a command named view\n\nExamples:\n  notrace -e openat,connect -- curl http://127.0.0.1:8080/\n  notrace -e '%file,!close' -o trace.txt -- make -j2\n  notrace --json -e %network -- python3 app.py | jq 'select(.syscall==\"connect\")'\n  notrace -c -- git status\n  notrace view trace.jsonl\n\nstrace options notrace cannot honour (-p, -k, -b, -D, -I, -a, -O, -U, -d,\n--tips, -e signal=, -e read=, ...) are refused with exit status 2 and the\nreason; see README.\n\nSaved traces:\n  notrace export --chrome trace.jsonl > trace.json   (Perfetto, chrome://tracing)"
)]
pub struct Cli {
    /// Syscalls to trace: names, numbers, %classes, all, none, !negation,
    /// /regex (strace's -e trace=SET). Also strace's other qualifiers:
    /// status=SET (successful, failed, unfinished, unavailable), quiet=SET
    /// (exit silences `+++ exited` lines), `inject=SET:error=ERRNO[:when=EXPR]`
    /// and `fault=SET[:error=ERRNO][:when=EXPR]` (fail calls, done with deny
    /// rules; EXPR is N, N+, N+STEP or N..M), decode-fds=path|socket|all,
    /// abbrev=none, verbose=all.
    /// Repeatable; default: all.
    #[arg(short = 'e', long = "trace", value_name = "EXPR")]
    pub trace: Vec<String>,

    /// strace's `--inject=SPEC` (as -e inject=).
    #[arg(long = "inject", value_name = "SPEC", hide = true)]
    pub inject: Vec<String>,

    /// strace's `--fault=SPEC` (as -e fault=).
    #[arg(long = "fault", value_name = "SPEC", hide = true)]
    pub fault: Vec<String>,

    /// strace's --status=SET (as -e status=).
    #[arg(long = "status", value_name = "SET", hide = true)]
    pub status: Vec<String>,

    /// Write the trace to FILE instead of stderr ("-" for stdout); `|cmd`
    /// or `!cmd` pipes it to a shell command. With -ff, one file per
    /// process: FILE.PID.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Append to the -o file instead of truncating it.
    #[arg(short = 'A', long = "output-append-mode")]
    pub append: bool,

    /// With -o FILE: one file per process, FILE.PID (as -ff).
    #[arg(long = "output-separately")]
    pub output_separately: bool,

    /// Write JSONL (one object per call) instead of text. Without -o it goes
    /// to stdout, and the command's own stdout is moved to stderr.
    #[arg(short = 'j', long = "json")]
    pub json: bool,

    /// Print only a table of calls per syscall at exit, no trace
    /// (strace's -c).
    #[arg(short = 'c', long = "summary-only")]
    pub summary_only: bool,

    /// Print the trace and the summary table (strace's -C).
    #[arg(short = 'C', long = "summary")]
    pub summary: bool,

    /// Sort the summary by time (the default), avg-time, calls, errors,
    /// name or nothing (syscall number order).
    #[arg(short = 'S', long = "summary-sort-by", value_name = "SORTBY")]
    pub sort_by: Option<String>,

    /// Summary times are wall-clock time (accepted for strace
    /// compatibility: notrace's times are always wall-clock, from the
    /// notification to the kernel's return).
    #[arg(short = 'w', long = "summary-wall-clock")]
    pub wall_clock: bool,

    /// Prefix lines with the time of day (-tt: with microseconds, -ttt:
    /// seconds since the epoch).
    #[arg(short = 't', action = ArgAction::Count)]
    pub timestamps: u8,

    /// Prefix lines with the time since the previous line's (strace's -r).
    #[arg(short = 'r', long = "relative-timestamps")]
    pub relative: bool,

    /// Print the time spent in each call (`<0.000012>`), from the
    /// notification to the kernel's return.
    #[arg(short = 'T', long = "syscall-times")]
    pub durations: bool,

    /// Print the instruction pointer at the call (`[00007f...]`).
    #[arg(short = 'i', long = "instruction-pointer")]
    pub instruction_pointer: bool,

    /// Print the syscall number (`[ 257]`).
    #[arg(short = 'n', long = "syscall-number")]
    pub syscall_number: bool,

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

    /// Quiet: do not say at start why return values are not shown; -qq
    /// also leaves out `+++ exited with N +++` lines, as strace.
    #[arg(short = 'q', action = ArgAction::Count)]
    pub quiet: u8,

    /// Follow forks (always on: every descendant is traced); -ff with
    /// -o FILE writes one file per process, FILE.PID.
    #[arg(short = 'f', long = "follow-forks", action = ArgAction::Count)]
    pub follow: u8,

    /// Put `[pid N]` on every line, from the first.
    #[arg(long = "always-show-pid")]
    pub always_show_pid: bool,

    /// Print command names after pids (`[pid 42<sh>]`), as --decode-pids=comm.
    #[arg(short = 'Y')]
    pub decode_pids_comm: bool,

    /// comm: as -Y.
    #[arg(long = "decode-pids", value_name = "WHAT")]
    pub decode_pids: Option<String>,

    /// Put VAR=VAL in the command's environment, or with VAR alone remove
    /// VAR from it (repeatable).
    #[arg(short = 'E', long = "env", value_name = "VAR[=VAL]")]
    pub env: Vec<String>,

    /// Run the command as USER (uid, gid and groups; notrace must be root).
    #[arg(short = 'u', long = "user", value_name = "USER")]
    pub user: Option<String>,

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
    #[arg(short = 'v', long = "verbose", visible_alias = "no-abbrev")]
    pub verbose: bool,

    /// Print the path behind fd arguments (`3</etc/passwd>`); -yy also
    /// socket endpoints (`3<TCP:[127.0.0.1:40000->127.0.0.1:80]>`).
    #[arg(short = 'y', action = ArgAction::Count)]
    pub decode_fds: u8,

    /// path (as -y), socket or all (as -yy).
    #[arg(
        long = "decode-fds",
        value_name = "WHAT",
        num_args = 0..=1,
        default_missing_value = "path",
        require_equals = true
    )]
    pub decode_fds_long: Option<String>,

    /// Named constants and flags: raw (numbers), abbrev (names, the
    /// default) or verbose (numbers and names).
    #[arg(short = 'X', long = "const-print-style", value_name = "FORMAT")]
    pub const_style: Option<String>,

    /// Trace only calls whose path or fd arguments resolve to PATH
    /// (repeatable).
    #[arg(
        short = 'P',
        long = "path",
        visible_alias = "trace-path",
        value_name = "PATH"
    )]
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

    /// strace options notrace cannot honour: taken here so that they are
    /// refused with the reason (see `crate::compat`), not run as COMMAND.
    #[command(flatten)]
    pub refused: crate::compat::Refused,

    /// The command and its arguments. Options come before it (an unknown
    /// one is an error); `--` ends them.
    #[arg(trailing_var_arg = true, value_name = "COMMAND")]
    pub command: Vec<OsString>,
}

/// Browse a saved JSONL trace in the terminal UI.
///
/// `notrace view` is taken only when `view` is notrace's first argument; `notrace -- view
/// ...` (or any option before `view`) runs a command named `view`, as it
/// would under strace.
#[derive(Debug, Parser)]
#[command(
    name = "notrace view",
    bin_name = "notrace view",
    after_help = "A trace whose last line was cut short (the run was killed) opens with a\nwarning; keys: ? in the UI."
)]
pub struct ViewCli {
    /// The trace: a file written by `notrace --json -o FILE`, or - to read
    /// it from stdin (the keys are then read from the terminal).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// The whole command line as one clap definition, `view` included: what
/// the man page and the shell completions are generated from.
pub fn command_for_docs() -> clap::Command {
    use clap::CommandFactory;
    Cli::command()
        .subcommand(ViewCli::command().name("view").bin_name("notrace view"))
        .args_conflicts_with_subcommands(true)
        .subcommand_negates_reqs(true)
        .disable_help_subcommand(true)
}
