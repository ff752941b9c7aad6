//! The live terminal UI (`notrace --tui`) and the saved-trace viewer
//! (`notrace view trace.jsonl`).
//!
//! As in tracexec, everything that happens reaches one loop: keys (from an
//! input thread), command output (from a pty reader thread) and tracer
//! messages, which are drained in batches on each render tick. State lives
//! in [`app::App`] and changes only through [`app::App::push`] and
//! [`app::App::handle`]; the screen is drawn on the tick only, never per
//! event, so a busy tracee cannot slow the UI down.
//!
//! Memory is bounded: at most [`app::DEFAULT_CAP`] events are kept for
//! display (the UI says how many older ones were let go) while every
//! counter stays exact.

pub mod app;
pub mod cells;
pub mod class;
pub mod clip;
pub mod clock;
pub mod detail;
pub mod help;
pub mod holdq;
pub mod list;
pub mod load;
pub mod nocolor;
pub mod output;
pub mod procs;
pub mod pty;
pub mod query;
pub mod record;
pub mod render;
pub mod safe;
pub mod stats;
pub mod status;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_comfort;
#[cfg(test)]
mod tests_hostile;
#[cfg(test)]
mod tests_procs;
#[cfg(test)]
mod tests_results;
#[cfg(test)]
mod tests_search;
#[cfg(test)]
mod tests_views;

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self as ct, KeyEventKind};

pub use app::App;
pub use render::{render_to_svg, render_to_text};

use crate::event::{HoldSet, Message};

/// How long between two frames.
const TICK: Duration = Duration::from_millis(50);

/// At most this long is spent draining tracer messages per tick, so keys
/// stay responsive under a flood.
const DRAIN_BUDGET: Duration = Duration::from_millis(30);

/// How the engine starts the UI.
pub struct TuiOptions {
    /// Syscall names to hold, shared with the supervisor.
    pub hold: HoldSet,
    /// The master side of the command's terminal, when it has one.
    pub pty_master: Option<OwnedFd>,
    /// The command notrace started.
    pub child_pid: Option<i32>,
    /// Shown in the title bar (usually the command line).
    pub title: String,
}

/// What [`run`] hands back: how the UI ended and the thread still
/// copying the command's output, which the caller waits for
/// ([`Ended::finish_output`]) once the command is gone, so that its last
/// lines are not lost when notrace exits.
pub struct Ended {
    /// The user's choice.
    pub choice: QuitChoice,
    output: Option<std::thread::JoinHandle<()>>,
}

impl Ended {
    /// Waits, at most `timeout`, until the command's output is copied to
    /// our stdout to the end (every end of its terminal is closed).
    pub fn finish_output(self, timeout: Duration) {
        let Some(h) = self.output else { return };
        let t0 = Instant::now();
        while !h.is_finished() {
            if t0.elapsed() > timeout {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = h.join();
    }
}

/// How the UI ended, for the caller to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitChoice {
    /// The command had ended (the channel closed) when the user quit.
    Finished,
    /// The user chose to kill the command: the caller kills it.
    Killed,
    /// The user chose to keep tracing without the UI until it exits.
    Background,
}

/// Runs the live UI until the user quits. Sets up the terminal (raw mode,
/// alternate screen) and restores it on every exit path, panics included.
///
/// When `rx` disconnects the command has ended: the status bar says so and
/// `q` then quits at once. Calls still held when the UI closes are allowed
/// (dropping a reply allows). After return, command output read from the
/// pty goes to our stdout, so a command left running in the background
/// stays visible and never blocks on a full terminal.
pub fn run(rx: Receiver<Message>, opts: TuiOptions) -> io::Result<Ended> {
    let mut app = App::new(opts.title, opts.hold, app::DEFAULT_CAP);
    app.comfort = app::Comfort::from_env();
    app.recorder = record::Recorder::new(None).ok();
    app.live = true;
    app.read_proc = true;
    app.child_pid = opts.child_pid;
    app.has_pty = opts.pty_master.is_some();
    let master = opts.pty_master.map(File::from);
    let (itx, irx) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let ui_gone = Arc::new(AtomicBool::new(false));
    let output = match &master {
        Some(m) => Some(spawn_pty_reader(
            m.try_clone()?,
            itx.clone(),
            ui_gone.clone(),
        )),
        None => None,
    };
    let r = with_terminal(&mut app, Some(&rx), itx, irx, master.as_ref(), &stop);
    stop.store(true, Ordering::Relaxed);
    record::finish_saves(&mut app);
    ui_gone.store(true, Ordering::Relaxed);
    r.map(|choice| Ended { choice, output })
}

/// Opens a saved JSONL trace in the same UI.
pub fn view_file(path: &Path) -> io::Result<()> {
    let app = app_from_file(path)?;
    show_saved(app)
}

fn show_saved(mut app: App) -> io::Result<()> {
    app.comfort = app::Comfort::from_env();
    let (itx, irx) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let r = with_terminal(&mut app, None, itx, irx, None, &stop);
    stop.store(true, Ordering::Relaxed);
    record::finish_saves(&mut app);
    r.map(|_| ())
}

/// The UI state for a saved trace, as `notrace view` shows it; also how
/// screenshots are made: `render_to_svg(&app_from_file(p)?, 120, 36)`.
pub fn app_from_file(path: &Path) -> io::Result<App> {
    let loaded = load::load(path)?;
    Ok(app_from(loaded, &format!("view {}", path.display())))
}

/// The UI state for loaded records; a warning shows in the title.
fn app_from(loaded: load::Loaded, title: &str) -> App {
    let title = if loaded.warnings.is_empty() {
        title.to_string()
    } else {
        // First: a long path must not push it out of the title bar.
        format!("last line cut short · {title}")
    };
    let mut app = App::new(title, HoldSet::default(), app::DEFAULT_CAP);
    app.recorder = record::Recorder::new(None).ok();
    for m in loaded.messages {
        app.push(m);
    }
    app.set_ended();
    app
}

/// `notrace view ...`; `args` are the arguments after `view`. Returns the
/// exit status: 0, 1 when the trace cannot be read, 2 for a usage error.
pub fn view_main(args: &[std::ffi::OsString]) -> i32 {
    use clap::Parser;
    use std::io::IsTerminal;
    let hint = "to trace a command named view, put -- first: notrace -- view ...";
    let argv = std::iter::once("notrace view".into()).chain(args.iter().cloned());
    let cli = match crate::cli::ViewCli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            if !e.use_stderr() {
                return 0;
            }
            crate::say!("notrace: {hint}");
            return 2;
        }
    };
    let stdin = cli.file.as_os_str() == "-";
    let name = if stdin {
        "stdin".to_string()
    } else {
        cli.file.display().to_string()
    };
    let loaded = if stdin {
        load::read(io::stdin().lock())
    } else {
        load::load(&cli.file)
    };
    let loaded = match loaded {
        Ok(l) => l,
        Err(e) => {
            crate::say!("notrace: view: {e}");
            if !stdin && !cli.file.exists() {
                crate::say!("notrace: {hint}");
            }
            return 1;
        }
    };
    for w in &loaded.warnings {
        // Printed before the UI takes the screen: it stays on the terminal
        // once the UI closes.
        crate::say!("notrace: view {name}: warning: {w}");
    }
    if !io::stdout().is_terminal() {
        crate::say!("notrace: view needs a terminal on stdout");
        return 2;
    }
    match show_saved(app_from(loaded, &format!("view {name}"))) {
        Ok(()) => 0,
        Err(e) => {
            crate::say!("notrace: view {name}: {e}");
            1
        }
    }
}

/// What the helper threads send to the loop.
enum Input {
    Term(ct::Event),
    Output(Vec<u8>),
    OutputEnd,
}

/// Restores the terminal when dropped (early return, `?`, unwinding).
struct TermGuard;

impl Drop for TermGuard {
    fn drop(&mut self) {
        mouse_capture(false);
        let _ = ratatui::try_restore();
    }
}

/// Turns the terminal's mouse reports on or off. On: button presses and
/// the wheel only (1000), in SGR encoding (1006) for columns past 223;
/// no motion reports (1003), which would wake the loop at every move.
/// Off: every mode crossterm knows, whichever was on.
fn mouse_capture(on: bool) {
    let mut out = io::stdout().lock();
    let _ = if on {
        out.write_all(b"\x1b[?1000h\x1b[?1006h")
    } else {
        ratatui::crossterm::execute!(out, ct::DisableMouseCapture)
    };
    let _ = out.flush();
}

fn with_terminal(
    app: &mut App,
    rx: Option<&Receiver<Message>>,
    itx: Sender<Input>,
    irx: Receiver<Input>,
    master: Option<&File>,
    stop: &Arc<AtomicBool>,
) -> io::Result<QuitChoice> {
    // try_init also installs a panic hook that restores the terminal
    // before the panic message is printed.
    let mut term = ratatui::try_init()?;
    let _guard = TermGuard;
    // Runs before ratatui's hook (installed by try_init), so a panic
    // leaves no mouse reports behind either.
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        mouse_capture(false);
        prev(info);
    }));
    mouse_capture(true);
    spawn_input(itx, stop.clone());
    run_loop(&mut term, app, rx, &irx, master)
}

fn spawn_input(tx: Sender<Input>, stop: Arc<AtomicBool>) {
    std::thread::Builder::new()
        .name("notrace-tui-input".into())
        .spawn(move || {
            // Poll with a timeout so the thread ends with the UI and does
            // not steal keystrokes from whatever runs after it.
            while !stop.load(Ordering::Relaxed) {
                match ct::poll(Duration::from_millis(100)).and_then(|ready| {
                    if ready {
                        ct::read().map(Some)
                    } else {
                        Ok(None)
                    }
                }) {
                    Ok(Some(ev)) => {
                        if tx.send(Input::Term(ev)).is_err() {
                            return;
                        }
                    }
                    Ok(None) => {}
                    // EIO while another process group owns the terminal:
                    // wait rather than spin or give up on input for good.
                    Err(_) => std::thread::sleep(Duration::from_millis(100)),
                }
            }
        })
        .expect("spawn input thread");
}

fn spawn_pty_reader(
    mut master: File,
    tx: Sender<Input>,
    ui_gone: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("notrace-tui-pty".into())
        .spawn(move || {
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                match master.read(&mut buf) {
                    // EIO: every slave fd is closed, the command is gone.
                    Ok(0) | Err(_) => {
                        let _ = tx.send(Input::OutputEnd);
                        return;
                    }
                    Ok(n) => {
                        if ui_gone.load(Ordering::Relaxed)
                            || tx.send(Input::Output(buf[..n].to_vec())).is_err()
                        {
                            // The UI is gone: pass output through so the
                            // command never blocks on a full terminal.
                            let mut out = io::stdout().lock();
                            let _ = out.write_all(&buf[..n]);
                            let _ = out.flush();
                        }
                    }
                }
            }
        })
        .expect("spawn pty reader thread")
}

/// Drains tracer messages for at most 30 ms (`DRAIN_BUDGET`).
pub fn drain(app: &mut App, rx: &Receiver<Message>) {
    let t0 = Instant::now();
    let mut n = 0u32;
    loop {
        match rx.try_recv() {
            Ok(m) => app.push(m),
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                app.set_ended();
                return;
            }
        }
        n += 1;
        if n.is_multiple_of(1024) && t0.elapsed() > DRAIN_BUDGET {
            return;
        }
    }
}

fn run_loop(
    term: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: Option<&Receiver<Message>>,
    irx: &Receiver<Input>,
    mut master: Option<&File>,
) -> io::Result<QuitChoice> {
    let mut next = Instant::now();
    let mut winsize = (0u16, 0u16);
    loop {
        let timeout = next.saturating_duration_since(Instant::now());
        match irx.recv_timeout(timeout) {
            Ok(Input::Term(ct::Event::Key(k))) if k.kind != KeyEventKind::Release => app.key(k),
            Ok(Input::Term(ct::Event::Mouse(m))) => app.mouse(m),
            Ok(Input::Term(_)) => {}
            Ok(Input::Output(b)) => app.feed_output(&b),
            Ok(Input::OutputEnd) => app.output.closed = true,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(timeout),
        }
        if let Some(q) = app.quit.take() {
            return Ok(q);
        }
        if Instant::now() < next {
            continue;
        }
        if let Some(rx) = rx {
            drain(app, rx);
        }
        app.poll_jobs();
        if let Some(m) = master {
            if !app.pty_out.is_empty() {
                let mut w = m;
                if w.write_all(&app.pty_out).is_err() {
                    master = None;
                }
                app.pty_out.clear();
            }
        }
        term.draw(|f| render::draw(f, app))?;
        if !app.comfort.term_out.is_empty() {
            // OSC 52 (see `clip`), after the frame so it lands whole.
            let out = term.backend_mut();
            out.write_all(&app.comfort.term_out)?;
            out.flush()?;
            app.comfort.term_out.clear();
        }
        let size = app.output_size.get();
        if let Some(m) = master {
            if size != winsize && size.0 > 0 && size.1 > 0 {
                winsize = size;
                let _ = pty::set_size(m, size.0, size.1);
            }
        }
        next = Instant::now() + TICK;
    }
}
