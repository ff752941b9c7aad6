//! Keeping tracees away from notrace itself while rules are in force, and
//! keeping calls notrace performs for a tracee within what the tracee
//! itself may do.
//!
//! A tracee that could stop, trace, signal or read notrace (or its helper
//! processes) could take the seccomp listener and answer its own calls. So
//! while any rule is in force notrace is non-dumpable, and the calls that
//! aim at a process by number are covered and refused (`EPERM`, with a
//! named rule in the audit trail) when they aim at notrace: every such
//! check reads registers only, so it is race-free. The one way to a
//! process without its number, a pidfd or `/proc/PID` directory fd, needs
//! `pidfd_open` (refused) or an open of `/proc/PID` (every open is
//! performed by notrace while rules are in force, and its path walk
//! refuses notrace's entries).
//!
//! The same module tracks Landlock domains: a call notrace performs runs
//! outside the tracee's Landlock domain, so for a process that may be in
//! one it fails closed instead.

use crate::event::Arch;
use crate::select::Selection;
use std::collections::HashMap;

/// The rule text of calls refused because they aim at notrace.
pub const AIMED_AT_NOTRACE: &str =
    "(notrace: the call aims at notrace itself, which supervises the rules)";
/// The rule text of `ptrace` with `PTRACE_O_SUSPEND_SECCOMP`.
pub const SUSPEND_SECCOMP: &str =
    "ptrace PTRACE_O_SUSPEND_SECCOMP (notrace: it would switch the rules off for the tracee)";
/// The rule text of emulated calls refused for a tracee that may be in a
/// Landlock domain.
pub const LANDLOCKED: &str =
    "(notrace: the tracee may be in a Landlock domain; notrace cannot act within it)";
/// The rule text of opens of another process's memory that the tracee
/// itself could not attach to (Yama).
pub const NOT_ATTACHABLE: &str =
    "(notrace: the tracee may not attach to that process; notrace would open it as itself)";

/// The calls that name a process by number, plus `landlock_restrict_self`
/// (tracked, never refused). Covered whenever a rule is in force.
pub const GUARDED: &[&str] = &[
    "kill",
    "tkill",
    "tgkill",
    "rt_sigqueueinfo",
    "rt_tgsigqueueinfo",
    "pidfd_open",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "prlimit64",
    "kcmp",
    "landlock_restrict_self",
    // F_SETOWN and its siblings aim a file's SIGIO (or any F_SETSIG
    // signal, SIGKILL included) at a process.
    "fcntl",
    "fcntl64",
    "ioctl",
    // Joining notrace's process group (a group signal would reach it).
    "setpgid",
    // A sigtrap perf event on notrace's threads.
    "perf_event_open",
    // Slowing notrace down (every tracee waits for it).
    "setpriority",
    "sched_setaffinity",
    "sched_setscheduler",
    "sched_setparam",
    "sched_setattr",
    "ioprio_set",
];

/// `fcntl` commands and `ioctl` requests that make a process a file's
/// signal owner. F_SETOWN takes its pid in a register; the others read it
/// from memory, so notrace performs them itself ([`owner_in_memory`]).
pub const F_SETOWN: u64 = 8;
const F_SETOWN_EX: u64 = 15;
const FIOSETOWN: u64 = 0x8901;
const SIOCSPGRP: u64 = 0x8902;

/// Whether the call sets a file's signal owner from memory: `F_SETOWN_EX`,
/// or `ioctl` `FIOSETOWN`/`SIOCSPGRP`. Returns `(is_ioctl, cmd)`.
pub fn owner_in_memory(name: &str, args: &[u64; 6]) -> Option<(bool, u64)> {
    let cmd = args[1] & 0xffff_ffff;
    match name {
        "fcntl" | "fcntl64" if cmd == F_SETOWN_EX => Some((false, cmd)),
        "ioctl" if cmd == FIOSETOWN || cmd == SIOCSPGRP => Some((true, cmd)),
        _ => None,
    }
}

const PTRACE_ATTACH: u64 = 16;
const PTRACE_SETOPTIONS: u64 = 0x4200;
const PTRACE_SEIZE: u64 = 0x4206;
const PTRACE_O_SUSPEND_SECCOMP: u64 = 1 << 21;

/// The selection of [`GUARDED`] calls on every ABI.
pub fn guarded() -> Selection {
    Selection::parse(&GUARDED.join(",")).expect("guarded calls are syscalls")
}

/// Signals notrace survives unharmed when they reach it through its
/// process group: ignored by default, or blocked and taken by its signal
/// thread.
fn harmless_to_notrace(sig: u64) -> bool {
    let sig = sig as i32;
    sig == 0
        || [
            libc::SIGCHLD,
            libc::SIGCONT,
            libc::SIGURG,
            libc::SIGWINCH,
            libc::SIGPIPE,
        ]
        .contains(&sig)
        || crate::run::FORWARDED.contains(&sig)
}

/// What notrace protects, and the Landlock bookkeeping.
pub struct Guard {
    /// notrace's pid and its helper processes' pids.
    pub protected: Vec<i32>,
    /// Process groups a group signal would reach notrace through.
    pub pgids: Vec<i32>,
    /// `kernel.yama.ptrace_scope` (0 when Yama is absent).
    yama: u32,
    landlock: Landlock,
    /// The command notrace started: notrace's one child that is a tracee.
    root: i32,
    /// notrace's uid (PRIO_USER aims at every process of it).
    uid: u32,
}

fn status_field(pid: i32, key: &str) -> Option<String> {
    let s = crate::procfs::read_lossy(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix(key))
        .map(|v| v.trim().to_string())
}

/// The thread group of thread `tid`, if it exists.
pub fn tgid_of(tid: i32) -> Option<i32> {
    status_field(tid, "Tgid:")?.parse().ok()
}

fn ppid_of(pid: i32) -> Option<i32> {
    status_field(pid, "PPid:")?.parse().ok()
}

/// Field `n` (counted from 3, the state, as in proc(5)) of
/// `/proc/PID/stat`, read past the command name, which may hold spaces
/// and parentheses.
pub fn stat_field<T: std::str::FromStr>(pid: impl std::fmt::Display, n: usize) -> Option<T> {
    let s = crate::procfs::read_lossy(format!("/proc/{pid}/stat")).ok()?;
    let after = &s[s.rfind(')')? + 2..];
    after.split(' ').nth(n.checked_sub(3)?)?.parse().ok()
}

/// Field 22 of /proc/PID/stat: tells a process from a later one with the
/// same pid.
fn start_time(pid: i32) -> Option<u64> {
    stat_field(pid, 22)
}

fn pgid_of(pid: i32) -> Option<i32> {
    stat_field(pid, 5)
}

impl Guard {
    /// A guard for notrace (this process) and `helpers`.
    pub fn new(helpers: &[i32]) -> Guard {
        let me = std::process::id() as i32;
        let mut protected = vec![me];
        protected.extend_from_slice(helpers);
        let mut pgids: Vec<i32> = protected.iter().filter_map(|&p| pgid_of(p)).collect();
        pgids.sort_unstable();
        pgids.dedup();
        let yama = std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        Guard {
            protected,
            pgids,
            yama,
            landlock: Landlock::default(),
            root: 0,
            // SAFETY: getuid has no preconditions.
            uid: unsafe { libc::getuid() },
        }
    }

    /// Whether a signal owner set from memory (`F_OWNER_TID` 0, `PID` 1,
    /// `PGRP` 2; for ioctls a pid, or minus a group) reaches notrace.
    pub fn owner_aims_at_notrace(&self, kind: i32, pid: i32, tgid: i32, tid: i32) -> bool {
        let own = pid == tgid || pid == tid;
        match kind {
            0 | 1 => pid > 0 && !own && self.is_protected(pid),
            2 => self.pgids.contains(&pid),
            _ => false,
        }
    }

    /// The command notrace started (its other children are helpers).
    pub fn set_root(&mut self, pid: i32) {
        self.root = pid;
    }

    /// Whether `pid` (a pid or a tid) belongs to notrace or a helper: the
    /// keeper, and any other child of notrace but the command (the
    /// short-lived processes that make unix connects for tracees).
    pub fn is_protected(&self, pid: i32) -> bool {
        if pid <= 0 {
            return false;
        }
        if self.protected.contains(&pid) {
            return true;
        }
        // One read: a thread's PPid is its thread group's parent.
        let Ok(status) = crate::procfs::read_lossy(format!("/proc/{pid}/status")) else {
            return false;
        };
        let field = |key: &str| -> Option<i32> {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().parse().ok())
        };
        let Some(tgid) = field("Tgid:") else {
            return false;
        };
        if self.protected.contains(&tgid) {
            return true;
        }
        tgid != self.root && field("PPid:") == Some(self.protected[0])
    }

    /// Checks a guarded call (`name`) of thread `tid` in thread group
    /// `tgid`: the rule text to refuse it with, if it aims at notrace.
    pub fn check(
        &mut self,
        name: &str,
        arch: Arch,
        args: &[u64; 6],
        tgid: i32,
        tid: i32,
    ) -> Option<&'static str> {
        let narrow = |v: u64| {
            if arch == Arch::I386 {
                v & 0xffff_ffff
            } else {
                v
            }
        };
        // A pid argument, as the kernel reads it (an int).
        let pid = |i: usize| args[i] as u32 as i32;
        let own = |p: i32| p == tgid || p == tid;
        let aimed = |g: &Guard, p: i32| !own(p) && g.is_protected(p);
        let refused = match name {
            "kill" => {
                let (p, sig) = (pid(0), args[1] & 0xffff_ffff);
                if sig == 0 {
                    false
                } else if p > 0 {
                    aimed(self, p)
                } else if p == -1 {
                    // Every process the caller may signal: notrace too.
                    !harmless_to_notrace(sig)
                } else {
                    let group = if p == 0 { pgid_of(tid) } else { Some(-p) };
                    match group {
                        Some(g) => self.pgids.contains(&g) && !harmless_to_notrace(sig),
                        // Cannot tell the caller's group: fail closed.
                        None => !harmless_to_notrace(sig),
                    }
                }
            }
            "tkill" => args[1] & 0xffff_ffff != 0 && aimed(self, pid(0)),
            "tgkill" => args[2] & 0xffff_ffff != 0 && (aimed(self, pid(0)) || aimed(self, pid(1))),
            "rt_sigqueueinfo" => args[1] & 0xffff_ffff != 0 && aimed(self, pid(0)),
            "rt_tgsigqueueinfo" => {
                args[2] & 0xffff_ffff != 0 && (aimed(self, pid(0)) || aimed(self, pid(1)))
            }
            "pidfd_open" | "process_vm_readv" | "process_vm_writev" => aimed(self, pid(0)),
            "prlimit64" => narrow(args[2]) != 0 && aimed(self, pid(0)),
            "kcmp" => aimed(self, pid(0)) || aimed(self, pid(1)),
            "ptrace" => {
                let req = narrow(args[0]);
                if (req == PTRACE_SEIZE || req == PTRACE_SETOPTIONS)
                    && narrow(args[3]) & PTRACE_O_SUSPEND_SECCOMP != 0
                {
                    return Some(SUSPEND_SECCOMP);
                }
                (req == PTRACE_ATTACH || req == PTRACE_SEIZE) && aimed(self, pid(1))
            }
            "fcntl" | "fcntl64" if args[1] & 0xffff_ffff == F_SETOWN => {
                // A pid, or minus a process group.
                let p = pid(2);
                if p > 0 {
                    aimed(self, p)
                } else {
                    p < 0 && self.pgids.contains(&-p)
                }
            }
            // PRIO_PROCESS / IOPRIO_WHO_PROCESS name a pid (0: the caller),
            // PRIO_PGRP / IOPRIO_WHO_PGRP a group (0: the caller's), and
            // PRIO_USER / IOPRIO_WHO_USER a uid (0: the caller's).
            "setpriority" | "ioprio_set" => {
                let base = if name == "ioprio_set" { 1 } else { 0 };
                let who = pid(1);
                match (args[0] & 0xffff_ffff) as i64 - base {
                    0 => aimed(self, who),
                    1 => {
                        let g = if who == 0 { pgid_of(tid) } else { Some(who) };
                        g.is_none_or(|g| self.pgids.contains(&g))
                    }
                    2 => who == 0 || who as u32 == self.uid,
                    _ => false,
                }
            }
            "setpgid" => {
                let g = pid(1);
                let g = if g == 0 { pid(0) } else { g };
                self.pgids.contains(&g)
            }
            // pid -1: every process on a CPU (root); else one task.
            "perf_event_open" => pid(1) == -1 || aimed(self, pid(1)),
            "sched_setaffinity" | "sched_setscheduler" | "sched_setparam" | "sched_setattr" => {
                aimed(self, pid(0))
            }
            "landlock_restrict_self" => {
                self.landlock.restricts(tgid);
                false
            }
            _ => false,
        };
        refused.then_some(AIMED_AT_NOTRACE)
    }

    /// Whether notrace may perform calls for process `tgid`: not when it
    /// may be in a Landlock domain.
    pub fn may_act_for(&mut self, tgid: i32) -> bool {
        !self.landlock.may_be_in(tgid)
    }

    /// Checks the `/proc/PID` entries a path walk of a tracee (`tgid`,
    /// with `cap_sys_ptrace`) went through, and the final object's path
    /// as notrace sees it: the rule text to refuse the open with.
    pub fn check_proc(
        &self,
        entries: &[(i32, Vec<u8>)],
        final_path: Option<&[u8]>,
        tgid: i32,
        cap_sys_ptrace: bool,
    ) -> Option<&'static str> {
        for (pid, _) in entries {
            if *pid != tgid && self.is_protected(*pid) {
                return Some(AIMED_AT_NOTRACE);
            }
        }
        // Memory-like files are opened with PTRACE_MODE_ATTACH, where Yama
        // may allow notrace (the ancestor of every tracee) what it would
        // not allow the tracee.
        let p = final_path?;
        let s = std::str::from_utf8(p).ok()?;
        let rest = s.strip_prefix("/proc/")?;
        let mut parts = rest.split('/');
        let pid: i32 = parts.next()?.parse().ok()?;
        if self.is_protected(pid) && tgid_of(pid) != Some(tgid) {
            return Some(AIMED_AT_NOTRACE);
        }
        let leaf = s.rsplit('/').next()?;
        let attach_mode = matches!(leaf, "mem" | "syscall" | "stack" | "pagemap");
        if !attach_mode || self.yama == 0 || cap_sys_ptrace && self.yama == 1 {
            return None;
        }
        let target = tgid_of(pid).unwrap_or(pid);
        if target == tgid {
            return None;
        }
        if self.yama >= 2 || !descends_from(target, tgid) {
            return Some(NOT_ATTACHABLE);
        }
        None
    }
}

/// Whether `pid` is a descendant of `ancestor` (by the PPid chain now).
fn descends_from(pid: i32, ancestor: i32) -> bool {
    let mut p = pid;
    for _ in 0..64 {
        match ppid_of(p) {
            Some(pp) if pp == ancestor => return true,
            Some(pp) if pp > 1 => p = pp,
            _ => return false,
        }
    }
    false
}

/// Which processes may be in a Landlock domain. Domains are inherited by
/// children and cannot be seen from outside, so: a process that called
/// `landlock_restrict_self` is in one (counted even if the call failed: an
/// over-estimate only fails calls closed); once any has, a process seen
/// for the first time inherits its parent's state, and one whose parent is
/// unknown is assumed to be in one.
#[derive(Default)]
struct Landlock {
    /// Any tracee has called `landlock_restrict_self`.
    seen: bool,
    /// Known processes: start time (against pid reuse) and state.
    procs: HashMap<i32, (u64, bool)>,
}

impl Landlock {
    fn restricts(&mut self, tgid: i32) {
        self.seen = true;
        let st = start_time(tgid).unwrap_or(0);
        self.procs.insert(tgid, (st, true));
    }

    fn may_be_in(&mut self, tgid: i32) -> bool {
        if !self.seen {
            // Nobody restricted yet: remember who was around (once each,
            // bounded), so they are known to be outside later.
            if self.procs.len() < 65_536 && !self.procs.contains_key(&tgid) {
                let st = start_time(tgid).unwrap_or(0);
                self.procs.insert(tgid, (st, false));
            }
            return false;
        }
        let st = start_time(tgid).unwrap_or(0);
        if let Some(&(s, state)) = self.procs.get(&tgid) {
            if s == st {
                return state;
            }
        }
        let state = match ppid_of(tgid) {
            Some(pp) => match (self.procs.get(&pp), start_time(pp)) {
                (Some(&(s, state)), Some(ps)) if s == ps => state,
                _ => true,
            },
            None => true,
        };
        self.procs.insert(tgid, (st, state));
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kill_aimed_at_notrace_is_refused_and_others_pass() {
        let me = std::process::id() as i32;
        let mut g = Guard::new(&[]);
        let args = |a: i64, b: i64| [a as u64, b as u64, 0, 0, 0, 0];
        // The caller is some other process (pid 1 stands in).
        assert_eq!(
            g.check("kill", Arch::X86_64, &args(me as i64, 19), 1, 1),
            Some(AIMED_AT_NOTRACE)
        );
        assert_eq!(
            g.check("kill", Arch::X86_64, &args(me as i64, 0), 1, 1),
            None
        );
        assert_eq!(g.check("kill", Arch::X86_64, &args(1, 15), 1, 1), None);
        assert_eq!(
            g.check("kill", Arch::X86_64, &args(-1, 9), 1, 1),
            Some(AIMED_AT_NOTRACE)
        );
        assert_eq!(g.check("kill", Arch::X86_64, &args(-1, 17), 1, 1), None);
        assert_eq!(
            g.check("pidfd_open", Arch::X86_64, &args(me as i64, 0), 1, 1),
            Some(AIMED_AT_NOTRACE)
        );
        // Its own process is never protected from itself.
        assert_eq!(
            g.check("pidfd_open", Arch::X86_64, &args(me as i64, 0), me, me),
            None
        );
        let seize = [PTRACE_SEIZE, 1234, 0, PTRACE_O_SUSPEND_SECCOMP, 0, 0];
        assert_eq!(
            g.check("ptrace", Arch::X86_64, &seize, 1, 1),
            Some(SUSPEND_SECCOMP)
        );
    }

    #[test]
    fn helper_processes_are_protected_like_notrace() {
        // Our parent stands in for the keeper.
        let helper = ppid_of(std::process::id() as i32).unwrap();
        let mut g = Guard::new(&[helper]);
        let a = [helper as u64, libc::SIGKILL as u64, 0, 0, 0, 0];
        assert_eq!(
            g.check("kill", Arch::X86_64, &a, 1, 1),
            Some(AIMED_AT_NOTRACE)
        );
        let entries = [(helper, b"mem".to_vec())];
        assert_eq!(
            g.check_proc(&entries, None, 1, false),
            Some(AIMED_AT_NOTRACE)
        );
    }

    #[test]
    fn landlock_state_is_inherited_and_unknown_parents_fail_closed() {
        let me = std::process::id() as i32;
        let parent = ppid_of(me).unwrap();
        let mut l = Landlock::default();
        assert!(!l.may_be_in(me));
        l.restricts(parent);
        // Known before any restriction: stays outside.
        assert!(!l.may_be_in(me));
        let mut l = Landlock::default();
        l.restricts(parent);
        // First seen after: inherits the parent's domain.
        assert!(l.may_be_in(me));
    }
}
