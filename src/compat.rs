//! strace's command line as people type it: the options notrace cannot
//! honour (taken by the parser and refused with the reason, never run as
//! the command), and strace's `-e QUALIFIER=...` expressions split into
//! what notrace does with each.

use clap::{ArgAction, Args};

/// strace options notrace cannot honour, each with the reason it is
/// refused (see [`Refused::check`]). Hidden from `--help`; README lists
/// them.
#[derive(Debug, Default, Args)]
pub struct Refused {
    #[arg(short = 'p', long = "attach", value_name = "PID", hide = true)]
    attach: Vec<String>,
    #[arg(short = 'k', long = "stack-traces", action = ArgAction::Count, hide = true)]
    stack_traces: u8,
    #[arg(short = 'b', long = "detach-on", value_name = "SYSCALL", hide = true)]
    detach_on: Option<String>,
    #[arg(short = 'D', action = ArgAction::Count, hide = true)]
    daemonize: u8,
    #[arg(long = "daemonize", value_name = "HOW", num_args = 0..=1, default_missing_value = "grandchild", require_equals = true, hide = true)]
    daemonize_long: Option<String>,
    #[arg(short = 'I', long = "interruptible", value_name = "N", hide = true)]
    interruptible: Option<String>,
    #[arg(short = 'a', long = "columns", value_name = "COLUMN", hide = true)]
    columns: Option<String>,
    #[arg(
        short = 'O',
        long = "summary-syscall-overhead",
        value_name = "OVERHEAD",
        hide = true
    )]
    overhead: Option<String>,
    #[arg(
        short = 'U',
        long = "summary-columns",
        value_name = "COLUMNS",
        hide = true
    )]
    summary_columns: Option<String>,
    #[arg(short = 'd', long = "debug", hide = true)]
    debug: bool,
    #[arg(long = "tips", value_name = "FORMAT", num_args = 0..=1, default_missing_value = "", require_equals = true, hide = true)]
    tips: Option<String>,
    #[arg(long = "absolute-timestamps", value_name = "FORMAT", num_args = 0..=1, default_missing_value = "", require_equals = true, hide = true)]
    absolute_timestamps: Option<String>,
    #[arg(long = "strings-in-hex", value_name = "WHAT", num_args = 0..=1, default_missing_value = "", require_equals = true, hide = true)]
    strings_in_hex: Option<String>,
    #[arg(long = "syscall-limit", value_name = "N", hide = true)]
    syscall_limit: Option<String>,
    #[arg(long = "secontext", value_name = "FORMAT", num_args = 0..=1, default_missing_value = "", require_equals = true, hide = true)]
    secontext: Option<String>,
    #[arg(long = "stack-trace-frame-limit", value_name = "N", hide = true)]
    frame_limit: Option<String>,
    /// strace's --seccomp-bpf: accepted, notrace always filters in the
    /// kernel with seccomp-bpf.
    #[arg(long = "seccomp-bpf", hide = true)]
    pub seccomp_bpf: bool,
}

impl Refused {
    /// The first refused option given, with why notrace cannot do it.
    pub fn check(&self) -> Result<(), String> {
        let why = if !self.attach.is_empty() {
            "-p: notrace cannot attach to a running process: its seccomp filter must be loaded by the process itself before exec, and attaching needs ptrace, which notrace does not use"
        } else if self.stack_traces > 0 {
            "-k: no stack traces: at a seccomp notification notrace sees only the call's number, arguments and instruction pointer, not the stack pointer or registers to unwind from, and without ptrace it cannot stop the thread to read them"
        } else if self.detach_on.is_some() {
            "-b: notrace cannot detach: a seccomp filter stays on a process, and its descendants, for life"
        } else if self.daemonize > 0 || self.daemonize_long.is_some() {
            "-D: notrace runs the command as its child: it must wait for it and pass on signals to it"
        } else if self.interruptible.is_some() {
            "-I: notrace never blocks signals in the command; signals sent to notrace are passed on to the command"
        } else if self.columns.is_some() {
            "-a: notrace does not align return values into a column"
        } else if self.overhead.is_some() {
            "-O: notrace has no per-call overhead to subtract from summary times"
        } else if self.summary_columns.is_some() {
            "-U: the summary's columns are fixed (strace's default ones)"
        } else if self.debug {
            "-d: notrace has no debug output"
        } else if self.tips.is_some() {
            "--tips: notrace has no tips"
        } else if self.absolute_timestamps.is_some() {
            "--absolute-timestamps: use -t, -tt or -ttt"
        } else if self.strings_in_hex.is_some() {
            "--strings-in-hex: use -x (non-ASCII) or -xx (all)"
        } else if self.syscall_limit.is_some() {
            "--syscall-limit: notrace cannot detach after N calls: its seccomp filter stays on the command for life"
        } else if self.secontext.is_some() {
            "--secontext: notrace does not decode SELinux contexts"
        } else if self.frame_limit.is_some() {
            "--stack-trace-frame-limit: no stack traces (see -k)"
        } else {
            return Ok(());
        };
        Err(why.to_string())
    }
}

/// strace's `-e QUALIFIER=VALUE` expressions, sorted by what they mean to
/// notrace.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Qualifiers {
    /// `trace=SET` (or a bare SET).
    pub trace: Vec<String>,
    /// `status=SET`.
    pub status: Vec<String>,
    /// `quiet=exit` (or `all`): no `+++ exited` lines.
    pub quiet_exit: bool,
    /// `inject=SPEC` and `fault=SPEC` (true for fault), as written after
    /// the `=`.
    pub inject: Vec<(String, bool)>,
    /// `decode-fds=`: 1 paths, 2 paths and sockets.
    pub decode_fds: u8,
    /// `abbrev=none` (as -v).
    pub verbose: bool,
}

/// strace's qualifier names and their aliases.
const QUALIFIERS: &[(&str, &str)] = &[
    ("trace", "trace"),
    ("t", "trace"),
    ("abbrev", "abbrev"),
    ("a", "abbrev"),
    ("verbose", "verbose"),
    ("v", "verbose"),
    ("raw", "raw"),
    ("x", "raw"),
    ("signal", "signal"),
    ("signals", "signal"),
    ("s", "signal"),
    ("read", "read"),
    ("reads", "read"),
    ("r", "read"),
    ("write", "write"),
    ("writes", "write"),
    ("w", "write"),
    ("fault", "fault"),
    ("inject", "inject"),
    ("status", "status"),
    ("quiet", "quiet"),
    ("silent", "quiet"),
    ("silence", "quiet"),
    ("q", "quiet"),
    ("kvm", "kvm"),
    ("decode-fds", "decode-fds"),
    ("decode-fd", "decode-fds"),
];

/// Splits `-e` expressions by qualifier; refuses the ones notrace cannot
/// honour, with the reason.
pub fn qualifiers(exprs: &[String]) -> Result<Qualifiers, String> {
    let mut q = Qualifiers::default();
    for e in exprs {
        let (qual, val) = match e.split_once('=') {
            Some((name, v)) => match QUALIFIERS.iter().find(|(n, _)| *n == name) {
                Some((_, canon)) => (*canon, v),
                None => ("trace", e.as_str()),
            },
            None => ("trace", e.as_str()),
        };
        let all = |v: &str| v == "all";
        match qual {
            "trace" => q.trace.push(val.to_string()),
            "status" => q.status.push(val.to_string()),
            "inject" => q.inject.push((val.to_string(), false)),
            "fault" => q.inject.push((val.to_string(), true)),
            "quiet" => {
                for m in val.split(',') {
                    match m.trim_start_matches('!') {
                        "exit" | "exits" | "all" => q.quiet_exit = !m.starts_with('!'),
                        // notrace prints none of these messages anyway.
                        "attach" | "personality" | "path-resolution" | "thread-execve"
                        | "superseded" | "none" => {}
                        other => {
                            return Err(format!(
                                "unknown message '{other}' in -e quiet={val} (one of: attach, exit, path-resolution, personality, thread-execve, all, none)"
                            ))
                        }
                    }
                }
            }
            "decode-fds" => {
                for d in val.split(',') {
                    match d {
                        "none" => {}
                        "path" => q.decode_fds = q.decode_fds.max(1),
                        "socket" | "all" => q.decode_fds = 2,
                        "dev" | "pidfd" | "signalfd" | "eventfd" => {
                            return Err(format!(
                                "-e decode-fds={d}: notrace decodes fd paths and sockets only (path, socket, all)"
                            ))
                        }
                        other => return Err(format!("unknown fd detail '{other}' in -e decode-fds={val}")),
                    }
                }
            }
            "abbrev" if val == "none" => q.verbose = true,
            "abbrev" if all(val) => {}
            "abbrev" => {
                return Err(format!(
                    "-e abbrev={val}: notrace abbreviates all calls or none (-v); per-call sets are not implemented"
                ))
            }
            "verbose" if all(val) => {}
            "verbose" => {
                return Err(format!(
                    "-e verbose={val}: notrace always decodes structures; per-call sets are not implemented"
                ))
            }
            "raw" if val == "none" => {}
            "raw" => {
                return Err(format!(
                    "-e raw={val}: undecoded arguments per call are not implemented (-X raw prints constants as numbers)"
                ))
            }
            "signal" if val == "none" => {}
            "signal" => {
                return Err(format!(
                    "-e signal={val}: notrace does not see signals: without ptrace, their delivery is invisible to it"
                ))
            }
            "read" | "write" if val == "none" => {}
            "read" => {
                return Err(format!(
                    "-e read={val}: notrace sees a call at its entry and never reads output buffers, so data read cannot be dumped"
                ))
            }
            "write" => {
                return Err(format!(
                    "-e write={val}: hex dumps of written data are not implemented"
                ))
            }
            _ => {
                return Err(format!(
                    "-e kvm={val}: notrace does not decode KVM vcpu exits"
                ))
            }
        }
    }
    Ok(q)
}

/// strace's `-X`: how named constants print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConstStyle {
    /// Numbers only.
    Raw,
    /// Names (the default).
    #[default]
    Abbrev,
    /// Numbers, then names in a comment.
    Verbose,
}

/// Parses `-X FORMAT`.
pub fn const_style(s: &str) -> Result<ConstStyle, String> {
    match s {
        "raw" => Ok(ConstStyle::Raw),
        "abbrev" => Ok(ConstStyle::Abbrev),
        "verbose" => Ok(ConstStyle::Verbose),
        _ => Err(format!(
            "-X {s}: unknown constant style (one of: raw, abbrev, verbose)"
        )),
    }
}

/// An `-e inject=` / `-e fault=` spec turned into a deny rule: the rule's
/// text (`SET errno=NAME`) and its `when=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Injection {
    /// The SET.
    pub set: String,
    /// The errno name or number.
    pub errno: String,
    /// `when=`, if given.
    pub when: Option<crate::rules::when::When>,
}

/// Parses `SET[:error=ERRNO][:when=EXPR]` (`fault`: ERRNO defaults to
/// ENOSYS). Other strace actions are refused with the reason.
pub fn injection(spec: &str, fault: bool) -> Result<Injection, String> {
    let q = if fault { "fault" } else { "inject" };
    let mut parts = spec.split(':');
    let set = parts.next().unwrap_or("").to_string();
    if set.is_empty() {
        return Err(format!("-e {q}={spec}: no syscall set"));
    }
    let mut errno = None;
    let mut when = None;
    for p in parts {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        match k {
            "error" => errno = Some(v.to_string()),
            "when" => when = Some(crate::rules::when::When::parse(v).map_err(|e| format!("-e {q}={spec}: {e}"))?),
            "retval" | "signal" | "syscall" | "delay_enter" | "delay_exit" | "poke_enter"
            | "poke_exit" => {
                return Err(format!(
                    "-e {q}={spec}: notrace injects errors only (error=ERRNO[:when=EXPR]); {k}= is not implemented"
                ))
            }
            _ => return Err(format!("-e {q}={spec}: unknown injection parameter '{k}'")),
        }
    }
    let errno = match errno {
        Some(e) => e,
        None if fault => "ENOSYS".to_string(),
        None => {
            return Err(format!(
                "-e {q}={spec}: no action given (notrace injects error=ERRNO)"
            ))
        }
    };
    Ok(Injection { set, errno, when })
}

/// What the strace-style options add up to, validated (no side effects
/// but reading the user database for `-u`).
#[derive(Debug, Clone)]
pub struct Options {
    /// `-e` expressions by qualifier.
    pub qualifiers: Qualifiers,
    /// Every `status=` SET (`-e status=`, `--status`).
    pub status: Vec<String>,
    /// Every injection, with the spec as written.
    pub injections: Vec<(String, Injection)>,
    /// `-ff` (or `--output-separately`) with `-o FILE`.
    pub separately: bool,
    /// Text options: pids, `-r`, `-n`, `-i`, `-Y`, quiet exits.
    pub text: crate::output::text::TextOptions,
    /// `-S`.
    pub sort: crate::output::summary::SortBy,
    /// 0, 1 (`-y`) or 2 (`-yy`).
    pub decode_fds: u8,
    /// `-X`.
    pub const_style: ConstStyle,
    /// `-E`, `-u`.
    pub setup: crate::spawn::Setup,
}

impl Options {
    /// Validates the strace-style options of `cli`.
    pub fn from_cli(cli: &crate::cli::Cli) -> Result<Options, String> {
        use crate::output::text::{PidPrefix, TextOptions};
        cli.refused.check()?;
        let mut exprs = cli.trace.clone();
        if let Some(d) = &cli.decode_fds_long {
            exprs.push(format!("decode-fds={d}"));
        }
        let qualifiers = qualifiers(&exprs)?;
        let mut status = qualifiers.status.clone();
        status.extend(cli.status.iter().cloned());
        let mut specs: Vec<(String, bool)> = qualifiers.inject.clone();
        specs.extend(cli.inject.iter().map(|s| (s.clone(), false)));
        specs.extend(cli.fault.iter().map(|s| (s.clone(), true)));
        let mut injections = Vec::new();
        for (spec, fault) in specs {
            let i = injection(&spec, fault)?;
            let q = if fault { "fault" } else { "inject" };
            injections.push((format!("{q}={spec}"), i));
        }
        let file_out = cli.output.as_deref().is_some_and(|p| p.as_os_str() != "-");
        let separately = file_out && (cli.follow >= 2 || cli.output_separately);
        let pid_comm =
            cli.decode_pids_comm
                || match cli.decode_pids.as_deref() {
                    None => false,
                    Some("comm") => true,
                    Some("pidns") => return Err(
                        "--decode-pids=pidns: notrace does not translate pids between namespaces"
                            .into(),
                    ),
                    Some(o) => return Err(format!("--decode-pids={o}: unknown (comm)")),
                };
        // strace's rule: with -o FILE and -f, a pid column on every line;
        // with -ff none (one file each); on stderr `[pid N]` while more
        // than one thread lives.
        let pids = if separately {
            PidPrefix::Never
        } else if file_out && cli.follow > 0 {
            PidPrefix::Column
        } else if cli.always_show_pid {
            PidPrefix::Always
        } else {
            PidPrefix::WhileMany
        };
        let text = TextOptions {
            relative: cli.relative,
            pids,
            pid_comm,
            syscall_number: cli.syscall_number,
            ip: cli.instruction_pointer,
            quiet_exit: cli.quiet >= 2 || qualifiers.quiet_exit,
            ..TextOptions::default()
        };
        let sort = match &cli.sort_by {
            Some(s) => crate::output::summary::SortBy::parse(s)?,
            None => Default::default(),
        };
        let const_style = match &cli.const_style {
            Some(s) => const_style(s)?,
            None => ConstStyle::Abbrev,
        };
        let decode_fds = cli.decode_fds.min(2).max(qualifiers.decode_fds);
        let mut setup = crate::spawn::Setup::default();
        for e in &cli.env {
            match e.split_once('=') {
                Some(("", _)) => return Err(format!("-E {e}: no variable name")),
                Some((k, v)) => setup.env.push((k.into(), Some(v.into()))),
                None => setup.env.push((e.into(), None)),
            }
        }
        if let Some(u) = &cli.user {
            if !rustix::process::geteuid().is_root() {
                return Err(format!(
                    "-u {u}: running the command as another user needs root"
                ));
            }
            setup.user = match crate::sys::lookup_user(u) {
                Ok(Some(ids)) => Some(ids),
                Ok(None) => return Err(format!("-u {u}: no such user")),
                Err(e) => return Err(format!("-u {u}: cannot look the user up: {e}")),
            };
        }
        Ok(Options {
            qualifiers,
            status,
            injections,
            separately,
            text,
            sort,
            decode_fds,
            const_style,
            setup,
        })
    }

    /// The injections as deny rules (after `--deny` and `--rules`), each
    /// named by its spec and counting its calls for `when=`.
    pub fn injection_rules(&self) -> Result<Vec<crate::rules::Rule>, String> {
        let mut out = Vec::new();
        for (text, i) in &self.injections {
            let mut r =
                crate::rules::parse_rule(&format!("{} errno={}", i.set, i.errno), "-e inject")
                    .map_err(|e| format!("-e {text}: {e}"))?;
            r.text = text.clone();
            r.when = i
                .when
                .map(|w| std::sync::Arc::new(crate::rules::when::Counter::new(w)));
            out.push(r);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_sort_expressions() {
        let q = qualifiers(&[
            "openat".into(),
            "t=close".into(),
            "status=failed".into(),
            "quiet=attach,exit".into(),
            "fault=openat:when=2".into(),
        ])
        .unwrap();
        assert_eq!(q.trace, ["openat", "close"]);
        assert_eq!(q.status, ["failed"]);
        assert!(q.quiet_exit);
        assert_eq!(q.inject, [("openat:when=2".to_string(), true)]);
        assert!(qualifiers(&["signal=SIGCHLD".into()]).is_err());
    }

    #[test]
    fn injections_become_rules() {
        let i = injection("openat:error=ENOENT:when=2+", false).unwrap();
        assert_eq!((i.set.as_str(), i.errno.as_str()), ("openat", "ENOENT"));
        assert!(i.when.is_some());
        assert_eq!(injection("close", true).unwrap().errno, "ENOSYS");
        assert!(injection("close", false).is_err());
        assert!(injection("close:retval=0", false).is_err());
    }
}
