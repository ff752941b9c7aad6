//! Wiring: validated command line → filter, child, supervisor, writer →
//! exit status.

use crate::cli::Cli;
use crate::event::{ExitKind, Message, ProcessExit};
use crate::filter::{self, AbiPolicy, Policy, RET_ALLOW, RET_NOTIFY};
use crate::outbox::Outbox;
use crate::output::{self, Format, OutputConfig};
use crate::select::Selection;
use crate::spawn::{self, ChildStdio};
use crate::supervisor::{self, Supervisor};
use crate::{event::Arch, tables};
use clap::Parser;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::os::fd::AsFd;
use std::os::unix::process::ExitStatusExt;
use std::sync::Arc;

/// Capacity of the channel between supervisor and writer: past this the
/// tracee waits for the writer (backpressure), nothing is dropped.
pub const CHANNEL_CAPACITY: usize = 4096;

/// Signals that would kill notrace by default: taken by notrace's signal
/// thread and passed to the command, so that notrace itself survives them
/// and keeps answering the kernel (its death would mean ENOSYS for every
/// tracee).
pub const FORWARDED: [i32; 7] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
];

/// The largest `-s` accepted: strings are read into memory whole.
const MAX_STRING_LIMIT: usize = 1 << 20;

fn fail(code: i32, msg: impl std::fmt::Display) -> i32 {
    crate::say!("notrace: {msg}");
    code
}

/// Builds the filter policy for a selection: notify what is chosen, allow
/// the rest, per ABI.
pub fn policy(sel: &Selection) -> Policy {
    let abi = |arch: Arch| {
        let chosen: std::collections::BTreeSet<u32> = sel.numbers(arch).collect();
        if sel.unknown {
            // Unknown numbers notify too; known unchosen ones are allowed.
            AbiPolicy {
                default: RET_NOTIFY,
                verdicts: tables::table(arch)
                    .iter()
                    .filter(|d| !chosen.contains(&d.nr))
                    .map(|d| (d.nr, RET_ALLOW))
                    .collect(),
            }
        } else {
            AbiPolicy {
                default: RET_ALLOW,
                verdicts: chosen.into_iter().map(|n| (n, RET_NOTIFY)).collect(),
            }
        }
    };
    Policy {
        native: abi(Arch::X86_64),
        x32: abi(Arch::X32),
        i386: abi(Arch::I386),
    }
}

fn is_pipe_or_tty(fd: std::os::fd::BorrowedFd<'_>) -> bool {
    match rustix::fs::fstat(fd) {
        Ok(st) => {
            let ft = rustix::fs::FileType::from_raw_mode(st.st_mode);
            matches!(
                ft,
                rustix::fs::FileType::Fifo
                    | rustix::fs::FileType::Socket
                    | rustix::fs::FileType::CharacterDevice
            )
        }
        Err(_) => false,
    }
}

/// Where signals sent to notrace go: the command, once it exists. A signal
/// that arrives while the command is being started waits for its pid.
#[derive(Clone, Default)]
struct ForwardTo(Arc<std::sync::Mutex<(i32, Vec<i32>, bool)>>);

impl ForwardTo {
    fn new() -> Self {
        Self::default()
    }

    /// The command leads a process group of its own: signals that end or
    /// interrupt a job go to that whole group, as they would have reached
    /// the whole job had notrace not been there; the rest (USR1, USR2,
    /// ALRM: a request to one program) to the command alone.
    fn kill(pid: i32, sig: i32) {
        use rustix::process::{kill_process, kill_process_group, Pid, Signal};
        if let (Some(p), Some(s)) = (Pid::from_raw(pid), Signal::from_named_raw(sig)) {
            let job = matches!(
                sig,
                libc::SIGINT | libc::SIGTERM | libc::SIGHUP | libc::SIGQUIT
            );
            // The group is gone if the command moved itself elsewhere.
            if !job || kill_process_group(p, s).is_err() {
                let _ = kill_process(p, s);
            }
        }
    }

    /// Forwards `sig` now, or as soon as the command's pid is known.
    fn signal(&self, sig: i32) {
        let mut st = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match *st {
            (pid, _, _) if pid > 0 => Self::kill(pid, sig),
            (_, _, true) => {}
            (_, ref mut pending, false) => pending.push(sig),
        }
    }

    /// The command started as `pid`: deliver what waited.
    fn set(&self, pid: i32) {
        let mut st = self.0.lock().unwrap_or_else(|e| e.into_inner());
        st.0 = pid;
        for sig in std::mem::take(&mut st.1) {
            Self::kill(pid, sig);
        }
    }

    /// The command is gone (reaped): nothing more to forward to.
    fn gone(&self) {
        let mut st = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *st = (0, Vec::new(), true);
    }
}

/// Waits for the command and reports its end at once, in order with the
/// events (descendants may go on for long), then waits for the last tracee.
/// Returns how the command ended, or an exit status when waiting failed.
fn finish(
    started: spawn::Started<supervisor::Stats>,
    outbox: Arc<Outbox>,
    child_pid: ForwardTo,
    term: Option<Arc<crate::jobctl::Terminal>>,
) -> Result<ExitKind, i32> {
    let pid = started.child.id() as i32;
    let status = match crate::jobctl::wait_command(pid, term.as_deref()) {
        Ok(s) => s,
        Err(e) => return Err(fail(1, format!("waiting for the command: {e}"))),
    };
    child_pid.gone();
    let how = match (status.code(), status.signal()) {
        (Some(c), _) => ExitKind::Exited(c),
        (None, Some(sig)) => ExitKind::Signaled {
            signal: sig,
            core: status.core_dumped(),
        },
        _ => ExitKind::Exited(1),
    };
    let _ = outbox.send(Message::Exit(ProcessExit {
        pid,
        time_ns: crate::event::wall_ns(),
        how,
    }));
    drop(outbox);
    // Descendants may outlive the command: keep answering until the last.
    let stats = started.supervisor.join().ok().flatten();
    if let Some(r) = stats
        .map(|s| s.results)
        .filter(|r| r.lost_records > 0 || r.unavailable > 0)
    {
        // Never silent: these calls ran, their results are not known.
        crate::say!("notrace: the kernel lost {} syscall-exit records (its ring was full): {} calls show `= ? <unavailable>`",
            r.lost_records, r.unavailable
        );
    }
    if let Some(st) = stats.filter(|s| s.panics > 0) {
        // Never silent: these calls ran, but notrace could not show them.
        crate::say!("notrace: {} calls were let through without an event because decoding them failed (a notrace bug; please report it)",
            st.panics
        );
    }
    Ok(how)
}

/// Kills the command and its process group: it is a session leader on its
/// own terminal, so this takes the children it started along (`sh -c 'a;
/// b'`), which would otherwise keep notrace waiting for them.
fn kill_command(pid: i32) {
    use rustix::process::{kill_process, kill_process_group, Pid, Signal};
    if let Some(p) = Pid::from_raw(pid) {
        let _ = kill_process_group(p, Signal::KILL);
        let _ = kill_process(p, Signal::KILL);
    }
}

/// Names of the syscalls in the `--hold` sets.
fn hold_names(
    sets: &[String],
) -> Result<std::collections::BTreeSet<String>, crate::select::SelectError> {
    let mut names = std::collections::BTreeSet::new();
    if sets.is_empty() {
        return Ok(names);
    }
    let sel = Selection::parse_all(sets)?;
    for arch in crate::select::ARCHES {
        for nr in sel.numbers(arch) {
            if let Some(d) = tables::lookup(arch, nr) {
                names.insert(d.name.to_string());
            }
        }
    }
    Ok(names)
}

/// Parses `--deny` rules and `--rules` files.
fn load_rules(
    deny: &[String],
    files: &[std::path::PathBuf],
) -> Result<crate::rules::RuleSet, String> {
    let mut contents = Vec::new();
    for f in files {
        match std::fs::read_to_string(f) {
            Ok(c) => contents.push((f.display().to_string(), c)),
            Err(e) => return Err(format!("cannot read rules file '{}': {e}", f.display())),
        }
    }
    crate::rules::RuleSet::parse(deny, &contents).map_err(|e| e.to_string())
}

/// Runs notrace with `args` (argv including the program name); returns the
/// exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    // Before any thread exists, so that every thread inherits the mask and
    // only the forwarding thread ever takes these signals.
    let signals_blocked = crate::sys::block_signals(&FORWARDED).is_ok();
    // notrace's fds are not the command's: the command gets its own limit
    // back at exec (see spawn::raise_nofile).
    let _ = spawn::raise_nofile();
    // Blocked in every thread for good: notrace may then set the terminal's
    // foreground group, and write its trace to the terminal under `stty
    // tostop`, while the command's group is in the foreground.
    let _ = crate::sys::block_signals(&[libc::SIGTTOU]);
    // Only as the first argument: `notrace -- view` runs a command named
    // view, as under strace.
    match args.get(1).and_then(|a| a.to_str()) {
        Some("view") => return crate::tui::view_main(&args[2..]),
        Some("export") => return crate::export::main(&args[2..]),
        Some("--generate") => return crate::generate::main(&args[2..]),
        Some(a) if a.starts_with("--generate=") => {
            return crate::generate::main(&[a["--generate=".len()..].into()])
        }
        _ => {}
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let compat = match crate::compat::Options::from_cli(&cli) {
        Ok(c) => c,
        Err(e) => return fail(2, e),
    };
    if cli.command.is_empty() {
        // Checked here, after the refusals: `notrace -p PID` is told why.
        return fail(
            2,
            "no COMMAND given (usage: notrace [OPTIONS] [--] COMMAND [ARGS]...; see --help)",
        );
    }
    if cli.string_limit > MAX_STRING_LIMIT {
        return fail(
            2,
            format!(
                "-s {}: the largest string limit is {MAX_STRING_LIMIT}",
                cli.string_limit
            ),
        );
    }
    // `-e status=` is a filter on outcomes, `-e trace=` chooses calls.
    let trace_exprs = &compat.qualifiers.trace;
    let mut status: Option<std::collections::HashSet<crate::event::Status>> = None;
    for e in &compat.status {
        match output::parse_status(e) {
            Ok(s) => status = Some(status.unwrap_or_default().union(&s).copied().collect()),
            Err(e) => return fail(2, e),
        }
    }
    if cli.successful_only || cli.failed_only {
        use crate::event::Status;
        let mut s = status.unwrap_or_default();
        if cli.successful_only {
            s.insert(Status::Successful);
        }
        if cli.failed_only {
            s.insert(Status::Failed);
        }
        status = Some(s);
    }
    let mut selection = match Selection::parse_all(trace_exprs) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    let hold_names = match hold_names(&cli.hold) {
        Ok(h) => h,
        Err(e) => return fail(2, e),
    };
    if !cli.hold.is_empty() {
        // Held calls must reach the supervisor.
        if let Ok(h) = Selection::parse_all(&cli.hold) {
            selection.add(&h);
        }
    }
    let mut rules = match load_rules(&cli.deny, &cli.rules) {
        Ok(r) => r,
        Err(e) => return fail(2, e),
    };
    // strace's fault injection: deny rules that count their calls.
    match compat.injection_rules() {
        Ok(r) => rules.rules.extend(r),
        Err(e) => return fail(2, e),
    }
    rules.bind_identities();
    if let Err(e) = crate::kernel::check(!rules.is_empty()) {
        return fail(1, e);
    }
    if cli.tui && !io::stdout().is_terminal() {
        return fail(2, "--tui needs a terminal on stdout");
    }
    if cli.tui && cli.output.as_deref().is_some_and(|p| p.as_os_str() == "-") {
        return fail(2, "--tui -o -: the UI has the terminal; record to a file");
    }
    // Return values: decided now, while notrace is single-threaded (tracefs
    // may have to be read from a child with a mount of its own).
    let mut results_why_not = cli.no_results.then(|| "--no-results".to_string());
    let results_plan = if cli.no_results {
        None
    } else {
        match crate::results::perf::Plan::new(&selection) {
            Ok(p) => Some(p),
            Err(why) => {
                results_why_not = Some(why.to_string());
                if status.is_some() || cli.durations {
                    return fail(
                        2,
                        format!("-z, -Z, -T and -e status= need return values, which notrace cannot collect here: {why}"),
                    );
                }
                if cli.quiet == 0 {
                    crate::say!("notrace: return values are not shown: {why} (-q or --no-results silences this)"
                    );
                }
                None
            }
        }
    };
    if cli.no_results && (status.is_some() || cli.durations) {
        return fail(
            2,
            "-z, -Z, -T and -e status= need return values: drop --no-results",
        );
    }
    // Forked here, while notrace is still single-threaded, and before the
    // pty and the output file are opened (it must hold neither). Dropped
    // last: at notrace's normal end it is told so and reaped.
    let keeper = match crate::keeper::start(rules.rule_selection()) {
        Ok(k) => Some(k),
        Err(e) => {
            crate::say!("notrace: cannot start the keeper ({e}): if notrace dies, traced calls will fail with ENOSYS"
            );
            None
        }
    };
    let pty = if cli.tui {
        match crate::tui::pty::open() {
            Ok(p) => Some(p),
            Err(e) => return fail(1, format!("cannot open a pseudo-terminal: {e}")),
        }
    } else {
        None
    };
    let format = if cli.json { Format::Json } else { Format::Text };
    let to_stdout = cli.output.as_deref().map(|p| p.as_os_str() == "-");
    let mut split = None;
    let mut out_cmd = None;
    let (out, line_flush, on_tty, stdio): (Box<dyn Write + Send>, bool, bool, ChildStdio) =
        match (&cli.output, to_stdout) {
            (Some(p), Some(false)) => match output::dest::open(p, cli.append, compat.separately) {
                Ok(output::dest::Dest::File(f)) => {
                    let lf = is_pipe_or_tty(f.as_fd());
                    let tty = f.is_terminal();
                    (Box::new(f), lf, tty, ChildStdio::Inherit)
                }
                Ok(output::dest::Dest::Pipe(stdin, child)) => {
                    out_cmd = Some(child);
                    (Box::new(stdin), true, false, ChildStdio::Inherit)
                }
                Ok(output::dest::Dest::PerThread(s)) => {
                    split = Some(s);
                    (Box::new(io::sink()), false, false, ChildStdio::Inherit)
                }
                Err(e) => return fail(1, e),
            },
            _ if format == Format::Json || to_stdout == Some(true) => {
                let lf = is_pipe_or_tty(io::stdout().as_fd());
                let stdio = if format == Format::Json {
                    ChildStdio::StdoutToStderr
                } else {
                    ChildStdio::Inherit
                };
                (
                    Box::new(io::stdout()),
                    lf,
                    io::stdout().is_terminal(),
                    stdio,
                )
            }
            _ => {
                let tty = io::stderr().is_terminal();
                let lf = is_pipe_or_tty(io::stderr().as_fd()) || tty;
                (Box::new(io::stderr()), lf, tty, ChildStdio::Inherit)
            }
        };
    // On a terminal the command shares, each line is shown before the
    // call runs (crate::lockstep); files and pipes keep batching.
    let lockstep = (on_tty && !cli.tui).then(|| Arc::new(crate::lockstep::Lockstep::new()));
    let cmd_name = cli.command[0].to_string_lossy().into_owned();
    let path = match spawn::resolve(&cmd_name) {
        Ok(p) => p,
        Err(e) => return fail(e.exit_code(), e),
    };
    // Calls a rule covers reach the supervisor whether traced or not.
    let mut notified = selection.clone();
    notified.add(&rules.selection());
    // i386 socketcall/ipc sub-calls are traced by their own names.
    crate::decode::subcall::cover(&selection, &mut notified);
    // Every process's exit_group, to print its `+++ exited with N +++`;
    // with results, every thread's exit too: a thread that ends by a call
    // was not killed by the signal that interrupted its last call.
    notified.add(&Selection::parse("exit_group").expect("exit_group is a syscall"));
    // The command's own execve, where the child waits for notrace to have
    // taken the listener (spawn.rs); later ones are let through unseen
    // when not traced.
    notified.add(&Selection::parse("execve").expect("execve is a syscall"));
    // The command's PTRACE_TRACEME is refused (crate::traceme).
    notified.add(&Selection::parse(crate::traceme::SYSCALL).expect("ptrace is a syscall"));
    if results_plan.is_some() {
        notified.add(&Selection::parse("exit").expect("exit is a syscall"));
    }
    let prog = filter::compile(&policy(&notified));

    // Filled in once the command exists, before any event.
    let header_late = Arc::new(output::json::Late::default());
    let out_cfg = OutputConfig {
        format,
        timestamps: cli.timestamps.min(3),
        durations: cli.durations,
        status,
        results: results_plan.is_some(),
        events: !cli.summary_only || cli.summary,
        summary: cli.summary_only || cli.summary,
        line_flush,
        header: (format == Format::Json).then(|| output::json::Header {
            argv: std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            command: cli
                .command
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            cwd: std::env::current_dir()
                .ok()
                .map(|d| d.to_string_lossy().into_owned()),
            start_ns: crate::event::wall_ns(),
            string_limit: cli.string_limit,
            verbose: cli.verbose,
            decode_fds: cli.decode_fds,
            hex: cli.hex,
            expressions: cli.trace.clone(),
            results_why_not: results_why_not.clone(),
            late: header_late.clone(),
        }),
        text: compat.text.clone(),
        sort: compat.sort,
        lockstep: lockstep.clone(),
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Message>(CHANNEL_CAPACITY);
    let (pty_master, stdio) = match pty {
        Some((master, slave)) => (Some(master), ChildStdio::Pty(slave)),
        None => (None, stdio),
    };
    let mut tui_rx = None;
    let writer = if cli.tui {
        // -o FILE records beside the UI: both get every message.
        if cli.output.is_some() {
            let (ui_rx, writer_rx) = crate::tui::record::tee(rx, CHANNEL_CAPACITY);
            tui_rx = Some(ui_rx);
            Some(
                std::thread::Builder::new()
                    .name("writer".into())
                    .spawn(move || {
                        output::write_all(
                            writer_rx,
                            io::BufWriter::with_capacity(64 * 1024, out),
                            &out_cfg,
                        )
                    })
                    .expect("spawn writer thread"),
            )
        } else {
            tui_rx = Some(rx);
            None
        }
    } else {
        Some(
            std::thread::Builder::new()
                .name("writer".into())
                .spawn(move || match split {
                    Some(s) => output::split::write_split(rx, &s, &out_cfg),
                    None => output::write_all(
                        rx,
                        io::BufWriter::with_capacity(64 * 1024, out),
                        &out_cfg,
                    ),
                })
                .expect("spawn writer thread"),
        )
    };
    let hold_set: crate::event::HoldSet = Arc::new(std::sync::RwLock::new(hold_names));

    // Signals for notrace go to the command instead; notrace itself keeps
    // supervising until the last tracee is gone.
    let child_pid = ForwardTo::new();
    // Set before the command starts (and any signal is passed on).
    let own_group = Arc::new(std::sync::atomic::AtomicBool::new(true));
    if signals_blocked {
        let child_pid = child_pid.clone();
        let own_group = own_group.clone();
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || loop {
                match crate::sys::wait_signal(&FORWARDED) {
                    // In a group of its own, the command got neither a
                    // signal sent to notrace's group nor one from the
                    // terminal: pass both on.
                    Ok((sig, from_process)) => {
                        if from_process || own_group.load(std::sync::atomic::Ordering::SeqCst) {
                            child_pid.signal(sig);
                        }
                    }
                    Err(_) => return,
                }
            });
    }

    // -P: each path as given, and its canonical form when that differs
    // (strace adds the realpath too), so symlinked spellings match.
    let mut paths = Vec::new();
    for p in &cli.paths {
        paths.push(p.clone());
        if let Ok(c) = std::fs::canonicalize(p) {
            if &c != p {
                paths.push(c);
            }
        }
    }
    let sup_cfg = supervisor::Config {
        root: 0,
        paths,
        selection,
        hold: cli.tui.then(|| hold_set.clone()),
        decode: crate::decode::DecodeOptions {
            string_limit: cli.string_limit,
            hex: match cli.hex {
                0 => crate::decode::HexMode::Normal,
                1 => crate::decode::HexMode::NonAscii,
                _ => crate::decode::HexMode::All,
            },
            verbose: cli.verbose || compat.qualifiers.verbose,
            fd_paths: compat.decode_fds > 0,
            sockets: compat.decode_fds > 1,
            const_style: compat.const_style,
            pid_comm: compat.text.pid_comm,
        },
        rules: Some(rules),
        helpers: keeper.iter().map(|k| k.pid()).collect(),
        keeper: keeper.as_ref().map(|k| k.link()),
        lockstep,
    };
    // The only sender from here on: the supervisor's events and the
    // command's end go through it, in order.
    let outbox = Outbox::new(tx);
    let sup_outbox = outbox.clone();
    // The command's group, chosen before any signal is forwarded (jobctl).
    let (group, term) = if cli.tui {
        (spawn::Group::Own, None)
    } else {
        match crate::jobctl::Terminal::open() {
            // On a terminal, in a pipeline (`notrace ... | less`): the
            // other processes of the job may need the terminal, which the
            // command's group would take from them. All stay in one group.
            Some(t) if t.we_are_foreground() && crate::jobctl::in_pipeline() => {
                (spawn::Group::Same, None)
            }
            Some(t) if t.we_are_foreground() => (
                spawn::Group::OwnForeground(std::os::fd::AsRawFd::as_raw_fd(&t.fd())),
                Some(Arc::new(t)),
            ),
            Some(t) => (spawn::Group::Own, Some(Arc::new(t))),
            None => (spawn::Group::Own, None),
        }
    };
    own_group.store(
        group != spawn::Group::Same,
        std::sync::atomic::Ordering::SeqCst,
    );
    let res_outbox = outbox.clone();
    let late = header_late.clone();
    let root_pid = compat.text.root.clone();
    let before_exec = Box::new(move |pid: i32| {
        let _ = late.pid.set(pid);
        // Before any of the command's calls: `[pid N]` counts it from here.
        root_pid.store(pid, std::sync::atomic::Ordering::Relaxed);
        let Some(plan) = results_plan else { return };
        match plan.open(pid) {
            Ok(rings) => {
                res_outbox.set_results(crate::results::Results::new(rings, plan.sees_i386))
            }
            Err(e) => {
                let why = crate::results::perf::why_not(&e);
                crate::say!("notrace: return values are not shown: {why}");
                let _ = late.results_lost.set(why.to_string());
            }
        }
    });
    let started = spawn::spawn(
        &path,
        &cli.command,
        compat.setup.clone(),
        prog,
        stdio,
        group,
        before_exec,
        move |taken: spawn::Taken| match Supervisor::with_outbox(
            taken.listener,
            sup_outbox,
            supervisor::Config {
                root: taken.pid,
                ..sup_cfg
            },
        ) {
            Ok(s) => s.run(),
            Err(e) => {
                crate::say!("notrace: supervisor: {e}");
                supervisor::Stats::default()
            }
        },
    );
    let started = match started {
        Ok(s) => s,
        Err(e) => {
            outbox.close();
            drop(outbox);
            if let Some(w) = writer {
                let _ = w.join();
            }
            if let Some(mut c) = out_cmd {
                let _ = c.wait();
            }
            return fail(e.exit_code(), e);
        }
    };
    let pid = started.child.id() as i32;
    child_pid.set(pid);
    let finish = move || finish(started, outbox, child_pid, term);
    let how = match tui_rx {
        Some(rx) => {
            let waiter = std::thread::spawn(finish);
            let title = cli
                .command
                .iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ");
            let opts = crate::tui::TuiOptions {
                hold: hold_set,
                pty_master,
                child_pid: Some(pid),
                title,
            };
            // A panic in the UI must not end this process: the supervisor
            // would die with it and every tracee's next call fail (ENOSYS).
            let ui = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::tui::run(rx, opts)
            }));
            let ended = match ui {
                Ok(Ok(ended)) => Some(ended),
                Ok(Err(e)) => {
                    crate::say!("notrace: terminal UI failed: {e}");
                    None
                }
                Err(_) => {
                    crate::say!(
                        "notrace: terminal UI crashed; tracing continues until the command exits"
                    );
                    None
                }
            };
            if let Some(crate::tui::QuitChoice::Killed) = ended.as_ref().map(|e| e.choice) {
                kill_command(pid);
            }
            let how = match waiter.join() {
                Ok(Ok(how)) => how,
                Ok(Err(code)) => return code,
                Err(_) => return 1,
            };
            if let Some(w) = writer {
                let _ = w.join();
            }
            // Every tracee is gone: copy what is left of the command's
            // output (after `b`, the terminal shows it) before exiting.
            if let Some(e) = ended {
                e.finish_output(std::time::Duration::from_secs(2));
            }
            how
        }
        None => {
            let how = match finish() {
                Ok(h) => h,
                Err(code) => return code,
            };
            if let Some(w) = writer {
                let _ = w.join();
            }
            // `-o '|cmd'`: its stdin closed with the writer; let it finish.
            if let Some(mut c) = out_cmd {
                let _ = c.wait();
            }
            how
        }
    };
    match how {
        ExitKind::Exited(c) => c,
        ExitKind::Signaled { signal, .. } => 128 + signal,
    }
}
