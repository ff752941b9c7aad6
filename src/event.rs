//! The one event type every consumer (text, JSONL, summary, TUI) reads.
//!
//! The supervisor builds an [`Event`] for each notified syscall entry and
//! sends it, in order, over a bounded channel as a [`Message`].

use std::borrow::Cow;

/// Wall-clock time now, nanoseconds since the epoch.
pub fn wall_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (Howard Hinnant's algorithm); negative days are before 1970.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The syscall ABI a call came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arch {
    /// Native x86_64 (`syscall` instruction).
    X86_64,
    /// i386 (`int $0x80` from a 64-bit process, or a 32-bit binary).
    I386,
    /// x32 (x86_64 with bit 30 set in the number).
    X32,
    /// aarch64.
    Aarch64,
}

impl Arch {
    /// The name used in text and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::I386 => "i386",
            Arch::X32 => "x32",
            Arch::Aarch64 => "aarch64",
        }
    }

    /// The architecture notrace itself was built for.
    pub fn native() -> Arch {
        if cfg!(target_arch = "aarch64") {
            Arch::Aarch64
        } else {
            Arch::X86_64
        }
    }
}

/// One decoded argument of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedArg {
    /// Argument name from the syscall table (`filename`, `flags`, ...).
    pub name: Cow<'static, str>,
    /// Argument kind from the syscall table (`path`, `open_flags`, ...).
    pub kind: Cow<'static, str>,
    /// The raw register value.
    pub raw: u64,
    /// strace-style text, honouring `-s`, `-x`, `-v`, `-y`.
    pub text: String,
    /// A structured value where one is meaningful (path string, flag list,
    /// sockaddr object, argv list). Strings here are not cut at `-s`.
    pub value: Option<serde_json::Value>,
}

/// What notrace answered the kernel for this call.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Action {
    /// The call was let through (`SECCOMP_USER_NOTIF_FLAG_CONTINUE`), or
    /// performed by the supervisor on the tracee's behalf.
    #[default]
    Allowed,
    /// The call was failed with `errno` by a deny rule (or a held call the
    /// user denied), and never ran.
    Denied {
        /// Positive errno value.
        errno: i32,
        /// The text of the rule that matched.
        rule: String,
    },
}

/// One syscall entry seen by the supervisor.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Sequence number, contiguous from 1: a gap means a lost event.
    pub seq: u64,
    /// Wall-clock time of the notification, nanoseconds since the epoch.
    pub time_ns: u64,
    /// Thread group id (the process).
    pub pid: i32,
    /// Thread id.
    pub tid: i32,
    /// The thread's `comm` at the time of the call.
    pub comm: String,
    /// The ABI the call came through.
    pub arch: Arch,
    /// Syscall name from that ABI's table (`syscall_0x...` when unknown).
    pub name: Cow<'static, str>,
    /// Syscall number in that ABI (x32's bit 30 kept).
    pub nr: u32,
    /// The six raw argument registers.
    pub args: [u64; 6],
    /// Decoded arguments, as many as the call takes.
    pub decoded: Vec<DecodedArg>,
    /// What was answered.
    pub action: Action,
    /// What the call returned, as far as notrace knows it when the event
    /// leaves the supervisor.
    pub result: Outcome,
    /// Time from the notification to the call's return (with results).
    pub duration_ns: Option<u64>,
    /// With `-y`: the path of the fd the call returns, where notrace knows
    /// it for sure (an open it performed itself), escaped as `-y` prints.
    pub ret_path: Option<String>,
    /// The caller's instruction pointer at the call (`-i`).
    pub ip: u64,
}

/// What a call returned (see `crate::results`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Outcome {
    /// notrace does not collect return values (`--no-results`, or not
    /// permitted here): nothing is known, and nothing is printed.
    #[default]
    NotCollected,
    /// Not known yet when the event was sent: a [`Message::Result`] with
    /// the same `seq` follows.
    Pending,
    /// The kernel's return value: negative errno for a failure.
    Returned(i64),
    /// The call never returned: exit, exit_group, or its thread died in it.
    NoReturn,
    /// The call returned, but notrace lost its result (a perf record lost
    /// under load): counted and reported.
    Unavailable,
}

/// strace's `-e status=` classes of a call's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Returned without an error code.
    Successful,
    /// Returned an error code.
    Failed,
    /// Did not return (exit, a thread that died in the call).
    Unfinished,
    /// Returned, but the result is unknown to notrace.
    Unavailable,
}

impl Status {
    /// The name strace and the JSONL use.
    pub fn name(self) -> &'static str {
        match self {
            Status::Successful => "successful",
            Status::Failed => "failed",
            Status::Unfinished => "unfinished",
            Status::Unavailable => "unavailable",
        }
    }
}

impl Outcome {
    /// The errno of a failed call (kernel-internal restart codes included).
    pub fn errno(self) -> Option<i32> {
        match self {
            Outcome::Returned(r) if (-4095..0).contains(&r) => Some(-r as i32),
            _ => None,
        }
    }

    /// The status class, `None` while pending.
    pub fn status(self) -> Option<Status> {
        match self {
            Outcome::Pending => None,
            Outcome::Returned(_) if self.errno().is_some() => Some(Status::Failed),
            Outcome::Returned(_) => Some(Status::Successful),
            Outcome::NoReturn => Some(Status::Unfinished),
            Outcome::NotCollected | Outcome::Unavailable => Some(Status::Unavailable),
        }
    }
}

/// The result of a call whose event was sent before it returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Resumed {
    /// The call's event `seq`.
    pub seq: u64,
    /// Its process and thread.
    pub pid: i32,
    /// Its thread.
    pub tid: i32,
    /// Its syscall name (for `<... NAME resumed>`).
    pub name: Cow<'static, str>,
    /// Its ABI.
    pub arch: Arch,
    /// Its number in that ABI (`-n`): the multiplexer's for an i386
    /// socketcall or ipc named by its sub-call.
    pub nr: u32,
    /// Its argument registers (some results print by them: fcntl).
    pub args: [u64; 6],
    /// Wall-clock time the result was known, ns since the epoch.
    pub time_ns: u64,
    /// What it returned (never `Pending`).
    pub result: Outcome,
    /// Time in the call.
    pub duration_ns: Option<u64>,
    /// See [`Event::ret_path`].
    pub ret_path: Option<String>,
}

/// How a traced process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// Exited with this status.
    Exited(i32),
    /// Killed by this signal; `core` when it dumped core.
    Signaled {
        /// Signal number.
        signal: i32,
        /// Whether a core was dumped.
        core: bool,
    },
}

/// The end of a traced process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessExit {
    /// The process id.
    pub pid: i32,
    /// Wall-clock time notrace learned of it, nanoseconds since the epoch.
    pub time_ns: u64,
    /// How it ended.
    pub how: ExitKind,
}

/// The user's answer to a held call (TUI hold queue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Let the call run.
    Allow,
    /// Fail the call with this errno.
    Deny(i32),
}

/// A call waiting for the user's verdict (TUI hold queue). The tracee
/// blocks until [`HoldReply::answer`] is called; dropping the reply
/// unanswered allows the call, so a quitting UI never leaves a tracee hung.
#[derive(Debug)]
pub struct Held {
    /// The call, decoded.
    pub event: Event,
    /// Where the verdict goes.
    pub reply: HoldReply,
}

impl Held {
    /// A copy for a second consumer (the `-o` recording beside the UI):
    /// its reply answers nothing, so only the original's verdict counts.
    pub fn copy(&self) -> Held {
        Held {
            event: self.event.clone(),
            reply: HoldReply {
                id: self.reply.id,
                tx: None,
                wake: self.reply.wake.clone(),
            },
        }
    }
}

/// The way back to the supervisor for one held call.
#[derive(Debug)]
pub struct HoldReply {
    id: u64,
    tx: Option<std::sync::mpsc::Sender<(u64, Verdict)>>,
    wake: std::sync::Arc<std::io::PipeWriter>,
}

impl HoldReply {
    /// Used by the supervisor: `id` is the notification id, `tx` its verdict
    /// queue and `wake` a pipe it polls beside the listener.
    pub fn new(
        id: u64,
        tx: std::sync::mpsc::Sender<(u64, Verdict)>,
        wake: std::sync::Arc<std::io::PipeWriter>,
    ) -> Self {
        HoldReply {
            id,
            tx: Some(tx),
            wake,
        }
    }

    /// Sends the verdict and wakes the supervisor.
    pub fn answer(mut self, verdict: Verdict) {
        self.send(verdict);
    }

    fn send(&mut self, verdict: Verdict) {
        use std::io::Write;
        if let Some(tx) = self.tx.take() {
            if tx.send((self.id, verdict)).is_ok() {
                // A full pipe already holds a wake-up; nothing is lost.
                let _ = (&*self.wake).write(&[1]);
            }
        }
    }
}

impl Drop for HoldReply {
    fn drop(&mut self) {
        self.send(Verdict::Allow);
    }
}

/// Names of syscalls whose calls are held for a verdict; shared between the
/// supervisor and the UI, which may add names while tracing.
pub type HoldSet = std::sync::Arc<std::sync::RwLock<std::collections::BTreeSet<String>>>;

/// What the supervisor sends to its consumer.
#[derive(Debug)]
pub enum Message {
    /// A syscall entry.
    Event(Event),
    /// Syscall entries in order, batched to spare the consumer a wake-up
    /// per call.
    Batch(Vec<Event>),
    /// A syscall entry waiting for a verdict.
    Held(Held),
    /// A traced process ended.
    Exit(ProcessExit),
    /// The result of a call sent earlier with [`Outcome::Pending`].
    Result(Resumed),
}
