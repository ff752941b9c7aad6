//! The seccomp BPF program: checks the arch first, then finds the verdict
//! for the syscall number by binary search over number ranges, so selecting
//! "all" or a long list costs a handful of comparisons per call, never a
//! long linear chain.
//!
//! Native x86_64 calls, x32 calls (bit 30 set) and i386 calls (`int $0x80`)
//! each get their own set: a call through another ABI is never let through
//! unseen when the selection covers it. An unknown arch is killed.

use crate::sys::BpfInsn;
use std::collections::BTreeMap;

/// `SECCOMP_RET_ALLOW`.
pub const RET_ALLOW: u32 = libc::SECCOMP_RET_ALLOW;
/// `SECCOMP_RET_USER_NOTIF`.
pub const RET_NOTIFY: u32 = libc::SECCOMP_RET_USER_NOTIF;
/// `SECCOMP_RET_KILL_PROCESS`.
pub const RET_KILL: u32 = libc::SECCOMP_RET_KILL_PROCESS;
/// `SECCOMP_RET_ERRNO | errno`: fail the call in the kernel, race-free.
pub fn ret_errno(errno: u16) -> u32 {
    libc::SECCOMP_RET_ERRNO | errno as u32
}

/// `AUDIT_ARCH_X86_64`.
pub const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
/// `AUDIT_ARCH_I386`.
pub const AUDIT_ARCH_I386: u32 = 0x4000_0003;
/// `AUDIT_ARCH_AARCH64`.
pub const AUDIT_ARCH_AARCH64: u32 = 0xc000_00b7;
/// The bit that marks an x32 call on x86_64.
pub const X32_BIT: u32 = 0x4000_0000;

/// The verdict for each syscall number of one ABI: `default` for numbers
/// not in `verdicts`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AbiPolicy {
    /// Verdict for numbers not listed.
    pub default: u32,
    /// Verdict per number.
    pub verdicts: BTreeMap<u32, u32>,
}

impl AbiPolicy {
    /// A policy that gives `default` to every number.
    pub fn uniform(default: u32) -> Self {
        AbiPolicy {
            default,
            verdicts: BTreeMap::new(),
        }
    }

    /// The verdict for `nr` (what the compiled program must return).
    pub fn verdict(&self, nr: u32) -> u32 {
        *self.verdicts.get(&nr).unwrap_or(&self.default)
    }

    /// Maximal intervals `[start, next start)` of equal verdict, covering
    /// all u32 numbers.
    fn intervals(&self) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = vec![(0, self.default)];
        let push = |start: u32, v: u32, out: &mut Vec<(u32, u32)>| {
            let last = out.last_mut().expect("non-empty");
            if last.0 == start {
                last.1 = v;
                // Merge with the one before if equal now.
                if out.len() >= 2 && out[out.len() - 2].1 == v {
                    out.pop();
                }
            } else if last.1 != v {
                out.push((start, v));
            }
        };
        for (&nr, &v) in &self.verdicts {
            push(nr, v, &mut out);
            if let Some(next) = nr.checked_add(1) {
                if !self.verdicts.contains_key(&next) {
                    push(next, self.default, &mut out);
                }
            }
        }
        out
    }
}

/// What the filter does for each ABI of an x86_64 process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Native calls.
    pub native: AbiPolicy,
    /// x32 calls (numbers with bit 30 set, keys include the bit).
    pub x32: AbiPolicy,
    /// i386 calls (`int $0x80`).
    pub i386: AbiPolicy,
}

const LD_W_ABS: u16 = (libc::BPF_LD | libc::BPF_W | libc::BPF_ABS) as u16;
const JGE_K: u16 = (libc::BPF_JMP | libc::BPF_JGE | libc::BPF_K) as u16;
const JEQ_K: u16 = (libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K) as u16;
const JSET_K: u16 = (libc::BPF_JMP | libc::BPF_JSET | libc::BPF_K) as u16;
const JA: u16 = (libc::BPF_JMP | libc::BPF_JA) as u16;
const RET_K: u16 = (libc::BPF_RET | libc::BPF_K) as u16;
const OFF_NR: u32 = 0;
const OFF_ARCH: u32 = 4;

fn insn(code: u16, jt: u8, jf: u8, k: u32) -> BpfInsn {
    BpfInsn { code, jt, jf, k }
}

/// An instruction list with labels for the long jumps (JA has a 32-bit
/// offset; conditional jumps only 8 bits, so they only ever skip one JA).
#[derive(Default)]
struct Asm {
    code: Vec<BpfInsn>,
    fixups: Vec<(usize, usize)>, // (index of JA, label)
    labels: Vec<Option<usize>>,
}

impl Asm {
    fn label(&mut self) -> usize {
        self.labels.push(None);
        self.labels.len() - 1
    }
    fn bind(&mut self, l: usize) {
        self.labels[l] = Some(self.code.len());
    }
    fn push(&mut self, i: BpfInsn) {
        self.code.push(i);
    }
    /// if (A `code` k) goto l; else fall through.
    fn jump_if(&mut self, code: u16, k: u32, l: usize) {
        self.push(insn(code, 0, 1, k));
        self.fixups.push((self.code.len(), l));
        self.push(insn(JA, 0, 0, 0));
    }
    fn finish(mut self) -> Vec<BpfInsn> {
        for (at, l) in self.fixups {
            let target = self.labels[l].expect("label bound");
            self.code[at].k = (target - at - 1) as u32;
        }
        self.code
    }
}

/// A binary search over `iv` (sorted interval starts with verdicts), with
/// the syscall number in A. Self-contained: every jump stays inside it.
fn search(iv: &[(u32, u32)]) -> Vec<BpfInsn> {
    if iv.len() == 1 {
        return vec![insn(RET_K, 0, 0, iv[0].1)];
    }
    let mid = iv.len() / 2;
    let left = search(&iv[..mid]);
    let right = search(&iv[mid..]);
    let mut out = Vec::with_capacity(left.len() + right.len() + 2);
    match u8::try_from(left.len()) {
        Ok(skip) => out.push(insn(JGE_K, skip, 0, iv[mid].0)),
        Err(_) => {
            out.push(insn(JGE_K, 0, 1, iv[mid].0));
            out.push(insn(JA, 0, 0, left.len() as u32));
        }
    }
    out.extend(left);
    out.extend(right);
    out
}

/// Compiles the policy into a BPF program for an x86_64 process.
pub fn compile(p: &Policy) -> Vec<BpfInsn> {
    let mut a = Asm::default();
    let other = a.label();
    let i386 = a.label();
    let x32 = a.label();
    // The native path falls straight through: it is what nearly every call
    // takes, so it pays for two loads and two tests before the search.
    a.push(insn(LD_W_ABS, 0, 0, OFF_ARCH));
    a.push(insn(JEQ_K, 1, 0, AUDIT_ARCH_X86_64));
    a.fixups.push((a.code.len(), other));
    a.push(insn(JA, 0, 0, 0));
    a.push(insn(LD_W_ABS, 0, 0, OFF_NR));
    a.jump_if(JSET_K, X32_BIT, x32);
    a.code.extend(search(&p.native.intervals()));

    a.bind(x32);
    a.code.extend(search(&p.x32.intervals()));

    a.bind(other);
    a.jump_if(JEQ_K, AUDIT_ARCH_I386, i386);
    a.push(insn(RET_K, 0, 0, RET_KILL));

    a.bind(i386);
    a.push(insn(LD_W_ABS, 0, 0, OFF_NR));
    a.code.extend(search(&p.i386.intervals()));
    a.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny classic-BPF interpreter for the instructions we emit.
    fn run(prog: &[BpfInsn], arch: u32, nr: u32) -> u32 {
        let mut pc = 0usize;
        let mut acc = 0u32;
        loop {
            let i = prog[pc];
            pc += 1;
            match i.code {
                LD_W_ABS => acc = if i.k == OFF_ARCH { arch } else { nr },
                RET_K => return i.k,
                JA => pc += i.k as usize,
                c => {
                    let t = match c {
                        JGE_K => acc >= i.k,
                        JEQ_K => acc == i.k,
                        JSET_K => acc & i.k != 0,
                        _ => panic!("unexpected opcode {c:#x}"),
                    };
                    pc += if t { i.jt } else { i.jf } as usize;
                }
            }
        }
    }

    fn policy(native: &[u32], i386: &[u32]) -> Policy {
        let set = |nrs: &[u32]| AbiPolicy {
            default: RET_ALLOW,
            verdicts: nrs.iter().map(|&n| (n, RET_NOTIFY)).collect(),
        };
        Policy {
            native: set(native),
            x32: set(&native.iter().map(|n| n | X32_BIT).collect::<Vec<_>>()),
            i386: set(i386),
        }
    }

    #[test]
    fn every_number_gets_its_verdict() {
        let sel: Vec<u32> = (0..460).filter(|n| n % 3 == 0 || n % 7 == 0).collect();
        let p = policy(&sel, &[5, 20, 295]);
        let prog = compile(&p);
        assert!(prog.len() < 4096);
        for nr in 0..1000u32 {
            assert_eq!(
                run(&prog, AUDIT_ARCH_X86_64, nr),
                p.native.verdict(nr),
                "{nr}"
            );
            assert_eq!(
                run(&prog, AUDIT_ARCH_X86_64, nr | X32_BIT),
                p.x32.verdict(nr | X32_BIT)
            );
            assert_eq!(run(&prog, AUDIT_ARCH_I386, nr), p.i386.verdict(nr));
        }
        assert_eq!(run(&prog, AUDIT_ARCH_X86_64, u32::MAX), RET_ALLOW);
        assert_eq!(run(&prog, AUDIT_ARCH_AARCH64, 1), RET_KILL);
    }

    #[test]
    fn long_selection_stays_logarithmic() {
        // Every other number: the worst case for ranges.
        let sel: Vec<u32> = (0..470).step_by(2).collect();
        let prog = compile(&policy(&sel, &[]));
        assert!(prog.len() < 4096, "{} instructions", prog.len());
        // Count instructions executed for one lookup.
        let mut pc = 0usize;
        let mut steps = 0;
        let nr = 377u32;
        let mut acc = 0;
        loop {
            let i = prog[pc];
            pc += 1;
            steps += 1;
            match i.code {
                LD_W_ABS => {
                    acc = if i.k == OFF_ARCH {
                        AUDIT_ARCH_X86_64
                    } else {
                        nr
                    }
                }
                RET_K => break,
                JA => pc += i.k as usize,
                JGE_K => pc += if acc >= i.k { i.jt } else { i.jf } as usize,
                JEQ_K => pc += if acc == i.k { i.jt } else { i.jf } as usize,
                JSET_K => pc += if acc & i.k != 0 { i.jt } else { i.jf } as usize,
                _ => unreachable!(),
            }
        }
        assert!(steps < 40, "{steps} steps");
    }

    #[test]
    fn all_and_none() {
        let p = Policy {
            native: AbiPolicy::uniform(RET_NOTIFY),
            x32: AbiPolicy::uniform(RET_ALLOW),
            i386: AbiPolicy::uniform(RET_ALLOW),
        };
        let prog = compile(&p);
        assert_eq!(run(&prog, AUDIT_ARCH_X86_64, 3), RET_NOTIFY);
        assert_eq!(run(&prog, AUDIT_ARCH_X86_64, 3 | X32_BIT), RET_ALLOW);
        assert_eq!(run(&prog, AUDIT_ARCH_I386, 3), RET_ALLOW);
    }
}
