//! The command's `ptrace(PTRACE_TRACEME)`: it would make notrace, the
//! command's parent, its tracer, and notrace is no debugger: the command's
//! next exec would stop it for good, waiting for a tracer that never comes.
//! Under strace the same call fails with EPERM (the process is already
//! traced); under notrace it fails the same way, and the line says so.

use crate::rules::enforce::Decision;
use crate::tables::SyscallDef;

/// The syscall every run notifies for this check.
pub const SYSCALL: &str = "ptrace";

const PTRACE_TRACEME: u64 = 0;

/// `Some(EPERM denial)` when this call is a PTRACE_TRACEME by a thread of
/// the command notrace started (`root`, whose parent notrace is).
pub fn check(def: Option<&SyscallDef>, args: &[u64; 6], tgid: i32, root: i32) -> Option<Decision> {
    let def = def?;
    (def.name == SYSCALL && args[0] as u32 as u64 == PTRACE_TRACEME && tgid == root && root > 0).then(|| {
        Decision::Deny {
            errno: libc::EPERM,
            rule: "PTRACE_TRACEME by the command: notrace, its parent, is not a debugger (strace: EPERM too)".into(),
        }
    })
}
