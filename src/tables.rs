//! TEMPORARY stand-in for the generated syscall tables (names and numbers
//! from the `syscalls` crate, no classes, no argument kinds). Replaced by the
//! data in syscall-tables/.

use crate::event::Arch;
use crate::kinds::ArgDef;
use std::sync::OnceLock;

/// Trace classes.
pub mod class {
    pub const FILE: u32 = 1 << 0;
    pub const NETWORK: u32 = 1 << 1;
    pub const PROCESS: u32 = 1 << 2;
    pub const SIGNAL: u32 = 1 << 3;
    pub const IPC: u32 = 1 << 4;
    pub const DESC: u32 = 1 << 5;
    pub const MEMORY: u32 = 1 << 6;
    pub const CREDS: u32 = 1 << 7;
    pub const CLOCK: u32 = 1 << 8;
    pub const STAT: u32 = 1 << 9;
    pub const LSTAT: u32 = 1 << 10;
    pub const FSTAT: u32 = 1 << 11;
    pub const STAT_LIKE: u32 = 1 << 12;
    pub const STATFS: u32 = 1 << 13;
    pub const FSTATFS: u32 = 1 << 14;
    pub const STATFS_LIKE: u32 = 1 << 15;
    pub const PURE: u32 = 1 << 16;
    /// Class by strace name without the leading `%`.
    pub fn by_name(name: &str) -> Option<u32> {
        Some(match name {
            "file" => FILE,
            "network" | "net" => NETWORK,
            "process" => PROCESS,
            "signal" => SIGNAL,
            "ipc" => IPC,
            "desc" => DESC,
            "memory" => MEMORY,
            "creds" => CREDS,
            "clock" => CLOCK,
            "stat" => STAT,
            "lstat" => LSTAT,
            "fstat" => FSTAT,
            "%stat" => STAT_LIKE,
            "statfs" => STATFS,
            "fstatfs" => FSTATFS,
            "%statfs" => STATFS_LIKE,
            "pure" => PURE,
            _ => return None,
        })
    }
}

/// One syscall.
#[derive(Debug)]
pub struct SyscallDef {
    pub nr: u32,
    pub name: &'static str,
    pub classes: u32,
    pub args: &'static [ArgDef],
}

fn build<I: Iterator<Item = (u32, &'static str)>>(it: I) -> &'static [SyscallDef] {
    let mut v: Vec<SyscallDef> = it
        .map(|(nr, name)| SyscallDef {
            nr,
            name,
            classes: 0,
            args: &[],
        })
        .collect();
    v.sort_by_key(|d| d.nr);
    Box::leak(v.into_boxed_slice())
}

/// The table of one ABI, sorted by number.
pub fn table(arch: Arch) -> &'static [SyscallDef] {
    static X64: OnceLock<&'static [SyscallDef]> = OnceLock::new();
    static X86: OnceLock<&'static [SyscallDef]> = OnceLock::new();
    static X32: OnceLock<&'static [SyscallDef]> = OnceLock::new();
    static A64: OnceLock<&'static [SyscallDef]> = OnceLock::new();
    match arch {
        Arch::X86_64 => X64.get_or_init(|| {
            build(syscalls::x86_64::Sysno::iter().map(|s| (s.id() as u32, s.name())))
        }),
        Arch::X32 => X32.get_or_init(|| {
            build(syscalls::x86_64::Sysno::iter().map(|s| (s.id() as u32 | 0x4000_0000, s.name())))
        }),
        Arch::I386 => X86
            .get_or_init(|| build(syscalls::x86::Sysno::iter().map(|s| (s.id() as u32, s.name())))),
        Arch::Aarch64 => A64.get_or_init(|| {
            build(syscalls::aarch64::Sysno::iter().map(|s| (s.id() as u32, s.name())))
        }),
    }
}

/// Looks a call up by number.
pub fn lookup(arch: Arch, nr: u32) -> Option<&'static SyscallDef> {
    let t = table(arch);
    t.binary_search_by_key(&nr, |d| d.nr).ok().map(|i| &t[i])
}

/// Looks a call up by name.
pub fn by_name(arch: Arch, name: &str) -> Option<&'static SyscallDef> {
    table(arch).iter().find(|d| d.name == name)
}
