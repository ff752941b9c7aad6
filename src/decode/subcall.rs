//! i386's multiplexers, `socketcall` and `ipc`, shown as strace 6.1 shows
//! them: under the sub-call's own name (`connect(...)`, `semop(...)`),
//! its arguments decoded by the sub-call's own i386 signature
//! (`syscall-tables/i386_socketcall.tsv`, `i386_ipc.tsv`).
//!
//! strace (syscall.c `decode_socket_subcall`, `decode_ipc_subcall`)
//! swaps the call for its sub-call before printing: socketcall's
//! arguments are read from the array of 32-bit words its second argument
//! points to (as many as the sub-call takes; an unreadable array leaves
//! the call as `socketcall`), ipc's are its own registers shifted by one.
//! Only the valid sub-call numbers are swapped (socketcall 1..20, ipc
//! 1..4, 11..14, 21..24 in the low 16 bits); the others print as
//! `socketcall(0, 0x...)` / `ipc(5, 0x1, ...)`. The event keeps the real
//! syscall number (102, 117) and its registers; its JSON says `via`.

use super::{addr, decode_args, DecodeOptions, Out};
use crate::event::{Arch, DecodedArg};
use crate::memory::{read_exact, TraceeMemory};
use crate::select::Selection;
use crate::tables::{self, SyscallDef};
use serde_json::Value;

/// i386 `socketcall`.
pub const SOCKETCALL: u32 = 102;
/// i386 `ipc`.
pub const IPC: u32 = 117;

/// A multiplexed call resolved to its sub-call.
#[derive(Debug, Clone, Copy)]
pub struct Sub {
    /// The sub-call's signature (`nr` is its sub-call number).
    pub def: &'static SyscallDef,
    /// The sub-call's arguments in its own order.
    pub raw: [u64; 6],
    /// The multiplexer: `socketcall` or `ipc`.
    pub via: &'static str,
    /// ipc only: where an argument's text is not its kind's.
    fix: Fix,
}

/// ipc's arguments that are not plain values in its registers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fix {
    None,
    /// semctl's fourth argument is a pointer to the `union semun`: the
    /// union's address prints in brackets (`[NULL]`), or the pointer alone
    /// when unreadable.
    Semun {
        ptr: u64,
        read: bool,
    },
    /// msgrcv's `struct ipc_kludge` could not be read: its pointer prints
    /// in place of msgp, and msgtyp is left out.
    NoKludge,
}

/// The multiplexer `nr` is on `arch`, if any.
pub fn multiplexer(arch: Arch, nr: u32) -> Option<&'static str> {
    match (arch, nr) {
        (Arch::I386, SOCKETCALL) => Some("socketcall"),
        (Arch::I386, IPC) => Some("ipc"),
        _ => None,
    }
}

/// The sub-call a multiplexed call names by its first register alone
/// (what a filter can know before reading memory).
pub fn named(arch: Arch, nr: u32, args: &[u64; 6]) -> Option<&'static SyscallDef> {
    match multiplexer(arch, nr)? {
        "socketcall" => tables::socketcall_sub(args[0] as u32),
        _ => ipc_def(args[0]),
    }
}

fn ipc_def(a0: u64) -> Option<&'static SyscallDef> {
    tables::ipc_sub(a0 as u32 & 0xffff)
}

/// Resolves i386 socketcall/ipc to its sub-call as strace does; `None` for
/// any other call and where strace prints the multiplexer itself.
pub fn resolve(arch: Arch, nr: u32, args: &[u64; 6], mem: &dyn TraceeMemory) -> Option<Sub> {
    let via = multiplexer(arch, nr)?;
    let def = named(arch, nr, args)?;
    let mut raw = [0u64; 6];
    if via == "socketcall" {
        let n = def.args.len();
        let mut b = vec![0u8; 4 * n];
        if !read_exact(mem, args[1], &mut b) {
            return None;
        }
        for (r, w) in raw.iter_mut().zip(b.chunks_exact(4)) {
            *r = u32::from_ne_bytes([w[0], w[1], w[2], w[3]]) as u64;
        }
        return Some(Sub {
            def,
            raw,
            via,
            fix: Fix::None,
        });
    }
    // ipc(call, first, second, third, ptr, fifth): where each sub-call's
    // arguments are (strace's ipc_sem.c, ipc_msg.c, ipc_shm.c and their
    // ctl files, `indirect_ipccall`; the kernel's ksys_ipc agrees).
    // The registers are whole: int $0x80 from a 64-bit process leaves
    // their upper halves, which the kernel ignores and strace prints (an
    // address with junk above is unreadable, as here).
    let s = [args[1], args[2], args[3], args[4], args[5]];
    let version = (args[0] as u32) >> 16;
    let mut fix = Fix::None;
    let order: &[u64] = &match def.name {
        "semop" => [s[0], s[3], s[1], 0, 0],
        "semtimedop" => [s[0], s[3], s[1], s[4], 0],
        "semctl" => {
            let word = crate::memory::read_u32(mem, s[3]).filter(|_| s[3] != 0);
            fix = Fix::Semun {
                ptr: s[3],
                read: word.is_some(),
            };
            [s[0], s[1], s[2], word.unwrap_or(0) as u64, 0]
        }
        "msgsnd" => [s[0], s[3], s[1], s[2], 0],
        "msgrcv" if version != 0 => [s[0], s[3], s[1], s[4], s[2]],
        "msgrcv" => {
            // The old ABI: msgp and msgtyp in a struct ipc_kludge.
            let mut k = [0u8; 8];
            if s[3] != 0 && read_exact(mem, s[3], &mut k) {
                let msgp = u32::from_ne_bytes([k[0], k[1], k[2], k[3]]) as u64;
                let typ = i32::from_ne_bytes([k[4], k[5], k[6], k[7]]) as i64 as u64;
                [s[0], msgp, s[1], typ, s[2]]
            } else {
                fix = Fix::NoKludge;
                [s[0], s[3], s[1], 0, s[2]]
            }
        }
        "msgctl" | "shmctl" => [s[0], s[1], s[3], 0, 0],
        "shmat" => [s[0], s[3], s[1], 0, 0],
        "shmdt" => [s[3], 0, 0, 0, 0],
        // semget, msgget, shmget: in order.
        _ => [s[0], s[1], s[2], 0, 0],
    };
    raw[..5].copy_from_slice(order);
    Some(Sub { def, raw, via, fix })
}

impl Sub {
    /// The sub-call's arguments, decoded by its own signature.
    pub fn decode(
        &self,
        pid: i32,
        mem: &dyn TraceeMemory,
        opts: &DecodeOptions,
    ) -> Vec<DecodedArg> {
        let mut out = decode_args(self.def.args, &self.raw, pid, mem, opts);
        match self.fix {
            Fix::None => {}
            Fix::Semun { ptr, read } => {
                if let Some(a) = out.get_mut(3) {
                    if !read {
                        a.raw = ptr;
                        a.text = addr(ptr);
                        a.value = None;
                    } else if a.text == addr(a.raw) {
                        a.text = format!("[{}]", a.text);
                    }
                }
            }
            Fix::NoKludge => {
                if let Some(a) = out.get_mut(3) {
                    // render_args leaves out an empty argument.
                    a.text.clear();
                    a.value = None;
                }
            }
        }
        out
    }
}

/// The call a selection (`-e trace=NAME`, a class) names for sub-call
/// `sub`: i386's call of that name; where i386 has none, x86_64's (accept,
/// semop, semtimedop); send and recv, which no table has, go with sendto
/// and recvfrom.
pub fn twin(sub: &SyscallDef) -> Option<(Arch, u32)> {
    let name = twin_name(sub);
    [Arch::I386, Arch::X86_64]
        .into_iter()
        .find_map(|a| tables::by_name(a, name).map(|d| (a, d.nr)))
}

/// The syscall name sub-call `sub` stands for: its own, but sendto and
/// recvfrom for socketcall's send and recv, which no ABI has as calls.
pub fn twin_name(sub: &SyscallDef) -> &'static str {
    match sub.name {
        "send" => "sendto",
        "recv" => "recvfrom",
        n => n,
    }
}

/// Whether `sel` traces multiplexer `nr` shown as `sub` (`None`: shown as
/// the multiplexer, for an invalid sub-call number or an unreadable
/// argument array): strace selects the line by the name it prints.
pub fn traced(sel: &Selection, arch: Arch, nr: u32, sub: Option<&SyscallDef>) -> bool {
    match sub.and_then(twin) {
        Some((a, n)) => sel.contains(a, n),
        None => sel.contains(arch, nr),
    }
}

/// Whether `sel` may trace call `nr` whose first register names
/// multiplexer sub-call `sub` ([`named`]), before its memory is read: as
/// the sub-call, or as the call itself (any other call, or a multiplexer
/// whose arguments turn out unreadable).
pub fn maybe_traced(sel: &Selection, arch: Arch, nr: u32, sub: Option<&SyscallDef>) -> bool {
    sel.contains(arch, nr) || sub.and_then(twin).is_some_and(|(a, n)| sel.contains(a, n))
}

/// Adds i386 socketcall and ipc to `notified` where `sel` traces one of
/// their sub-calls: the kernel's filter sees only the multiplexer.
pub fn cover(sel: &Selection, notified: &mut Selection) {
    let socket = (1..=20)
        .filter_map(tables::socketcall_sub)
        .map(|d| (SOCKETCALL, d));
    let ipc = (1..=24).filter_map(tables::ipc_sub).map(|d| (IPC, d));
    for (mux, d) in socket.chain(ipc) {
        if twin(d).is_some_and(|(a, n)| sel.contains(a, n)) {
            notified.insert(Arch::I386, mux);
        }
    }
}

/// socketcall's call number when not decoded: strace's `printxval_d`.
pub(crate) fn socketcall_call(v: u64) -> Out {
    let n = v as u32 as i32;
    match crate::xlat::SOCKETCALLS.lookup(n as u32 as u64) {
        Some(name) => (name.to_string(), Some(Value::from(name))),
        None => (n.to_string(), Some(Value::from(n))),
    }
}

/// ipc's call number when not decoded: `5`, `1<<16|5` (strace's ipc.c).
pub(crate) fn ipc_call(v: u64) -> Out {
    let call = v as u32;
    let (version, low) = (call >> 16, call & 0xffff);
    let text = if version != 0 {
        format!("{version}<<16|{low}")
    } else {
        low.to_string()
    };
    (
        text,
        Some(serde_json::json!({"version": version, "call": low})),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::FakeMemory;

    fn words(ws: &[u32]) -> Vec<u8> {
        ws.iter().flat_map(|w| w.to_ne_bytes()).collect()
    }

    fn line(s: &Sub, mem: &FakeMemory) -> String {
        let args = s.decode(1, mem, &DecodeOptions::default());
        format!("{}({})", s.def.name, super::super::render_args(&args))
    }

    #[test]
    fn socketcall_reads_as_many_words_as_the_sub_call_takes() {
        let mem = FakeMemory::new().with(0x1000, words(&[2, 1, 0]));
        let s = resolve(Arch::I386, SOCKETCALL, &[1, 0x1000, 0, 0, 0, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "socket(AF_INET, SOCK_STREAM, IPPROTO_IP)");
        // connect takes three words too; listen two, so 8 bytes suffice.
        let mem = FakeMemory::new().with(0x1000, words(&[5, 9]));
        let s = resolve(Arch::I386, SOCKETCALL, &[4, 0x1000, 0, 0, 0, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "listen(5, 9)");
        assert!(resolve(Arch::I386, SOCKETCALL, &[1, 0x1000, 0, 0, 0, 0], &mem).is_none());
    }

    #[test]
    fn unknown_sub_calls_and_other_calls_stay_as_they_are() {
        let mem = FakeMemory::new().with(0x1000, words(&[0; 6]));
        for call in [0u64, 21, 0xffff_ffff] {
            assert!(resolve(Arch::I386, SOCKETCALL, &[call, 0x1000, 0, 0, 0, 0], &mem).is_none());
        }
        for call in [0u64, 5, 25, 0x10005] {
            assert!(resolve(Arch::I386, IPC, &[call, 0, 0, 0, 0, 0], &mem).is_none());
        }
        assert!(resolve(Arch::X86_64, SOCKETCALL, &[1, 0x1000, 0, 0, 0, 0], &mem).is_none());
        assert_eq!(socketcall_call(3).0, "SYS_CONNECT");
        assert_eq!(socketcall_call(0xffff_ffff).0, "-1");
        assert_eq!(ipc_call(5).0, "5");
        assert_eq!(ipc_call(0x1_0005).0, "1<<16|5");
    }

    #[test]
    fn ipc_puts_each_sub_calls_arguments_where_strace_reads_them() {
        let mem = FakeMemory::new()
            .with(0x1000, vec![0, 0, 1, 0, 0, 8])
            .with(0x2000, words(&[0x3000, 7]));
        let s = resolve(Arch::I386, IPC, &[1, 4, 1, 0, 0x1000, 0], &mem).unwrap();
        assert_eq!(
            line(&s, &mem),
            "semop(4, [{sem_num=0, sem_op=1, sem_flg=IPC_NOWAIT}], 1)"
        );
        let s = resolve(Arch::I386, IPC, &[22, 0, 0, 0, 0x1000, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "shmdt(0x1000)");
        // The version's high half selects the sub-call's low one.
        let s = resolve(Arch::I386, IPC, &[0x1_000c, 3, 16, 0, 0x1000, 9], &mem).unwrap();
        assert_eq!(line(&s, &mem), "msgrcv(3, 0x1000, 16, 9, 0)");
        let s = resolve(Arch::I386, IPC, &[12, 3, 16, 0, 0x2000, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "msgrcv(3, 0x3000, 16, 7, 0)");
        let s = resolve(Arch::I386, IPC, &[12, 3, 16, 0, 0, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "msgrcv(3, NULL, 16, 0)");
        let s = resolve(Arch::I386, IPC, &[3, 3, 0, 0, 0, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "semctl(3, 0, IPC_RMID, NULL)");
        let mem = mem.with(0x4000, words(&[0]));
        let s = resolve(Arch::I386, IPC, &[3, 3, 0, 0, 0x4000, 0], &mem).unwrap();
        assert_eq!(line(&s, &mem), "semctl(3, 0, IPC_RMID, [NULL])");
    }
}
