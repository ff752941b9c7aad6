//! ptrace, prctl, SysV IPC_SET structs, mount's source and i386's joined
//! 64-bit offsets and layouts as strace 6.1 prints them at entry. The
//! fixture `args_ptrace` makes raw calls (junk in the upper half of the
//! pid and of int options, NULL and unmapped pointers, unknown requests,
//! options, flags and sub-options, short and long regset iovecs) and
//! notrace's line for each must be strace 6.1's, kept in
//! tests/strace-evidence/t20.strace. Every ptrace call aims at a pid that
//! cannot exist, so strace's line is its line for a failed call: what it
//! would print only at exit (the words PEEK* fetch, the registers
//! GETREGSET fills) is an address in both. `args_ipcset` (t21.strace)
//! hands shmctl, msgctl and semctl IPC_SET structs and mount a long
//! source; `args_i386_more` (t22.strace) makes i386 calls with
//! `int $0x80`: ptrace's iovec and registers, prctl's sock_fprog, iovecs,
//! the compat IPC structs, and offsets split in two registers;
//! `args_i386_sock` (t23.strace) i386's msghdr, cmsghdr, mmsghdr and
//! sock_fprog.

mod common;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, trace_lines};
use std::process::Command;

/// strace 6.1's lines for `args_ptrace` (t20.strace), results dropped,
/// stack addresses as `ADDR`. The first is the forked child's.
const PTRACE_EXPECTED: &[&str] = &[
    r#"ptrace(PTRACE_TRACEME)"#,
    r#"ptrace(PTRACE_PEEKDATA, 2147483647, 0x1000, NULL)"#,
    r#"ptrace(PTRACE_PEEKTEXT, 2147483647, 0x1000, 0x8)"#,
    r#"ptrace(PTRACE_PEEKUSER, 2147483647, 8*ORIG_RAX, NULL)"#,
    r#"ptrace(PTRACE_PEEKUSER, 2147483647, 8*ORIG_RAX+4, NULL)"#,
    r#"ptrace(PTRACE_PEEKUSER, 2147483647, 8*SS+8, NULL)"#,
    r#"ptrace(PTRACE_POKEUSER, 2147483647, offsetof(struct user, u_debugreg)+8, 0x1)"#,
    r#"ptrace(PTRACE_POKEUSER, 2147483647, offsetof(struct user, u_debugreg), 0x1)"#,
    r#"ptrace(PTRACE_POKEUSER, 2147483647, sizeof(struct user), 0x1)"#,
    r#"ptrace(PTRACE_POKEUSER, 2147483647, 0x398, 0x1)"#,
    r#"ptrace(PTRACE_POKEUSER, 2147483647, 8*R15, 0x1)"#,
    r#"ptrace(PTRACE_POKEDATA, 2147483647, 0x1000, 0xdead)"#,
    r#"ptrace(PTRACE_CONT, 2147483647, NULL, SIGUSR1)"#,
    r#"ptrace(PTRACE_CONT, 2147483647, NULL, 0)"#,
    r#"ptrace(PTRACE_DETACH, 2147483647, NULL, SIGTERM)"#,
    r#"ptrace(PTRACE_SYSCALL, 2147483647, 0x1, 200)"#,
    r#"ptrace(PTRACE_SINGLESTEP, 2147483647, NULL, SIGSTOP)"#,
    r#"ptrace(PTRACE_SYSEMU, 2147483647, NULL, SIGRT_3)"#,
    r#"ptrace(PTRACE_SYSEMU_SINGLESTEP, 2147483647, NULL, 0)"#,
    r#"ptrace(PTRACE_SINGLEBLOCK, 2147483647, NULL, SIGKILL)"#,
    r#"ptrace(PTRACE_ATTACH, 2147483647)"#,
    r#"ptrace(PTRACE_KILL, 2147483647)"#,
    r#"ptrace(PTRACE_INTERRUPT, 2147483647)"#,
    r#"ptrace(PTRACE_LISTEN, 2147483647)"#,
    r#"ptrace(PTRACE_SEIZE, 2147483647, NULL, PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL|0x800000)"#,
    r#"ptrace(PTRACE_SEIZE, 2147483647, NULL, 0)"#,
    r#"ptrace(PTRACE_SETOPTIONS, 2147483647, NULL, PTRACE_O_TRACEFORK|PTRACE_O_TRACECLONE|PTRACE_O_TRACEEXEC|PTRACE_O_TRACESECCOMP)"#,
    r#"ptrace(PTRACE_SETOPTIONS, 2147483647, NULL, 0x400 /* PTRACE_O_??? */)"#,
    r#"ptrace(PTRACE_OLDSETOPTIONS, 2147483647, NULL, PTRACE_O_TRACEEXIT)"#,
    r#"ptrace(PTRACE_GETREGSET, 2147483647, NT_PRSTATUS, {iov_base=ADDR, iov_len=216})"#,
    r#"ptrace(PTRACE_GETREGSET, 2147483647, NT_X86_XSTATE, NULL)"#,
    r#"ptrace(PTRACE_GETREGSET, 2147483647, 0x12345 /* NT_??? */, 0x8)"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base={r15=0xf, r14=0, r13=0, r12=0, rbp=0, rbx=0, r11=0, r10=0, r9=0, r8=0, rax=0, rcx=0, rdx=0, rsi=0, rdi=0, orig_rax=0, rip=0x401000, cs=0, eflags=0, rsp=0x7ffc0000, ss=0, fs_base=0, gs_base=0, ds=0, es=0, fs=0, gs=0x2b}, iov_len=216})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base=ADDR, iov_len=20})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base={r15=0xf, r14=0}, iov_len=16})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base={r15=0xf, r14=0, r13=0, r12=0, rbp=0, rbx=0, r11=0, r10=0, r9=0, r8=0, rax=0, rcx=0, rdx=0, rsi=0, rdi=0, orig_rax=0, rip=0x401000, cs=0, eflags=0, rsp=0x7ffc0000, ss=0, fs_base=0, gs_base=0, ds=0, es=0, fs=0, gs=0x2b, ...}, iov_len=224})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_386_TLS, {iov_base=ADDR, iov_len=216})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, 0x8)"#,
    r#"ptrace(PTRACE_GETREGS, 2147483647, ADDR)"#,
    r#"ptrace(PTRACE_SETREGS, 2147483647, 0x8)"#,
    r#"ptrace(PTRACE_GETFPREGS, 2147483647, ADDR)"#,
    r#"ptrace(PTRACE_GETSIGMASK, 2147483647, 8, ADDR)"#,
    r#"ptrace(PTRACE_SETSIGMASK, 2147483647, 8, [USR1 TERM])"#,
    r#"ptrace(PTRACE_SETSIGMASK, 2147483647, 4, ADDR)"#,
    r#"ptrace(PTRACE_SETSIGMASK, 2147483647, 8, 0x8)"#,
    r#"ptrace(PTRACE_PEEKSIGINFO, 2147483647, {off=5, flags=PTRACE_PEEKSIGINFO_SHARED, nr=4}, ADDR)"#,
    r#"ptrace(PTRACE_PEEKSIGINFO, 2147483647, {off=0, flags=PTRACE_PEEKSIGINFO_SHARED|0x2, nr=1}, ADDR)"#,
    r#"ptrace(PTRACE_PEEKSIGINFO, 2147483647, 0x8, ADDR)"#,
    r#"ptrace(PTRACE_SECCOMP_GET_FILTER, 2147483647, 0, NULL)"#,
    r#"ptrace(PTRACE_SECCOMP_GET_METADATA, 2147483647, 16, {filter_off=7})"#,
    r#"ptrace(PTRACE_SECCOMP_GET_METADATA, 2147483647, 4, ADDR)"#,
    r#"ptrace(PTRACE_SECCOMP_GET_METADATA, 2147483647, 16, 0x8)"#,
    r#"ptrace(PTRACE_GET_SYSCALL_INFO, 2147483647, 88, ADDR)"#,
    r#"ptrace(PTRACE_GETEVENTMSG, 2147483647, NULL, ADDR)"#,
    r#"ptrace(PTRACE_GETSIGINFO, 2147483647, NULL, ADDR)"#,
    r#"ptrace(PTRACE_GET_RSEQ_CONFIGURATION, 2147483647, 0x20, ADDR)"#,
    r#"ptrace(PTRACE_ARCH_PRCTL, 2147483647, 0x1000, 0x1003)"#,
    r#"ptrace(PTRACE_GET_THREAD_AREA, 2147483647, 0xc, ADDR)"#,
    r#"ptrace(0x9999 /* PTRACE_??? */, 2147483647, 0x1, 0x2)"#,
    r#"ptrace(0xdeadbeef00000007 /* PTRACE_??? */, 2147483647, 0x1, 0x2)"#,
    r#"prctl(PR_SET_PDEATHSIG, 200)"#,
    r#"prctl(PR_SET_PDEATHSIG, 16045690981097406474)"#,
    r#"prctl(PR_SET_PDEATHSIG, 129)"#,
    r#"prctl(PR_GET_PDEATHSIG, NULL)"#,
    r#"prctl(PR_GET_NAME, NULL)"#,
    r#"prctl(PR_GET_TID_ADDRESS, NULL)"#,
    r#"prctl(PR_GET_TSC, NULL)"#,
    r#"prctl(PR_GET_UNALIGN, NULL)"#,
    r#"prctl(PR_GET_ENDIAN, NULL)"#,
    r#"prctl(PR_GET_FPEMU, NULL)"#,
    r#"prctl(PR_GET_CHILD_SUBREAPER, NULL)"#,
    r#"prctl(PR_GET_KEEPCAPS)"#,
    r#"prctl(PR_GET_SECCOMP)"#,
    r#"prctl(PR_GET_TIMERSLACK)"#,
    r#"prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN)"#,
    r#"prctl(PR_CAPBSET_READ, 0x3e7 /* CAP_??? */)"#,
    r#"prctl(PR_CAPBSET_DROP, 0xdeadbeef0000000d /* CAP_??? */)"#,
    r#"prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 0x3e7 /* CAP_??? */, 0, 0)"#,
    r#"prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0x1, 0x2)"#,
    r#"prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0x1, 0x2, 0x3)"#,
    r#"prctl(PR_CAP_AMBIENT, 0x63 /* PR_CAP_AMBIENT_??? */, 0x1, 0x2, 0x3)"#,
    r#"prctl(PR_SET_SECCOMP, 0x63 /* SECCOMP_MODE_??? */, 0x1, 0x2, 0x3)"#,
    r#"prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, 0x8)"#,
    r#"prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL)"#,
    r#"prctl(PR_SET_NO_NEW_PRIVS, 2, 0x1, 0, 0)"#,
    r#"prctl(PR_SET_THP_DISABLE, 1, 0x1, 0, 0)"#,
    r#"prctl(PR_SET_IO_FLUSHER, 99, 0, 0, 0)"#,
    r#"prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0x8, 4096, "name")"#,
    r#"prctl(PR_SET_VMA, 0x7 /* PR_SET_VMA_??? */, 0x8, 0x1000, 0)"#,
    r#"prctl(PR_SET_MM, PR_SET_MM_START_CODE, 0x1000, 0x1, 0x2)"#,
    r#"prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, 0x3, 0x1, 0x2)"#,
    r#"prctl(PR_SET_MM, 0x63 /* PR_SET_MM_??? */, 0x3, 0x1, 0x2)"#,
    r#"prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS)"#,
    r#"prctl(PR_GET_SPECULATION_CTRL, 0x63 /* PR_SPEC_??? */)"#,
    r#"prctl(PR_SET_SPECULATION_CTRL, PR_SPEC_INDIRECT_BRANCH, 0x6 /* PR_SPEC_??? */)"#,
    r#"prctl(PR_SET_SPECULATION_CTRL, PR_SPEC_L1D_FLUSH, 0x1 /* PR_SPEC_??? */)"#,
    r#"prctl(PR_SET_SPECULATION_CTRL, 0x63 /* PR_SPEC_??? */, 0x7)"#,
    r#"prctl(PR_SET_TSC, 0x63 /* PR_TSC_??? */)"#,
    r#"prctl(PR_SET_TSC, PR_TSC_SIGSEGV)"#,
    r#"prctl(PR_SET_UNALIGN, PR_UNALIGN_NOPRINT|0x4)"#,
    r#"prctl(PR_SET_TIMING, 99)"#,
    r#"prctl(PR_SET_ENDIAN, 99)"#,
    r#"prctl(PR_SET_FPEMU, 99)"#,
    r#"prctl(PR_SET_FPEXC, 99)"#,
    r#"prctl(PR_SET_KEEPCAPS, 99)"#,
    r#"prctl(PR_SET_DUMPABLE, 0x63 /* SUID_DUMP_??? */)"#,
    r#"prctl(PR_MCE_KILL, PR_MCE_KILL_SET, 0x63 /* PR_MCE_KILL_??? */, 0x1, 0x2)"#,
    r#"prctl(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY, 0x1, 0x2)"#,
    r#"prctl(PR_MCE_KILL, 0x63 /* PR_MCE_KILL_??? */, 0x7, 0x1, 0x2)"#,
    r#"prctl(PR_SET_PTRACER, 2147483647)"#,
    r#"prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY)"#,
    r#"prctl(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0x5<<PR_MTE_TAG_SHIFT, 0x1, 0x2, 0x3)"#,
    r#"prctl(PR_SET_SYSCALL_USER_DISPATCH, 0x63 /* PR_SYS_DISPATCH_??? */, 0x1, 0x2, 0x8)"#,
    r#"prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, 0xffffffffffffffff, 0x2, NULL)"#,
    r#"prctl(PR_SCHED_CORE, 0x63 /* PR_SCHED_CORE_??? */, 2147483647, 0x9 /* PIDTYPE_??? */, 0x8)"#,
    r#"prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, 2147483647, 0x1 /* PIDTYPE_TGID */, NULL)"#,
    r#"prctl(PR_SVE_SET_VL, PR_SVE_VL_INHERIT|0x20)"#,
    r#"prctl(PR_SME_SET_VL, 0x10)"#,
    r#"prctl(PR_PAC_RESET_KEYS, PR_PAC_APIAKEY|PR_PAC_APIBKEY, 0x1, 0x2, 0x3)"#,
    r#"prctl(PR_PAC_SET_ENABLED_KEYS, PR_PAC_APIAKEY, PR_PAC_APIBKEY, 0x3, 0x4)"#,
    r#"prctl(PR_PAC_GET_ENABLED_KEYS, 0x1, 0x2, 0x3, 0x4)"#,
    r#"prctl(PR_SET_TIMERSLACK, -1)"#,
    r#"prctl(PR_TASK_PERF_EVENTS_ENABLE)"#,
];

/// strace 6.1's lines for `args_ipcset` (t21.strace), results dropped.
const IPCSET_EXPECTED: &[&str] = &[
    r#"shmctl(-1, IPC_SET, {shm_perm={uid=1000, gid=-1, mode=0100640}})"#,
    r#"shmctl(-1, IPC_64|IPC_SET, {shm_perm={uid=1000, gid=-1, mode=0100640}})"#,
    r#"shmctl(-1, IPC_SET, 0x8)"#,
    r#"shmctl(-1, IPC_SET, NULL)"#,
    r#"shmctl(-1, IPC_SET, 0x30000fc0)"#,
    r#"msgctl(-1, IPC_SET, {msg_perm={uid=-1, gid=2, mode=000}, msg_qbytes=16384})"#,
    r#"msgctl(-1, IPC_STAT, ADDR)"#,
    r#"semctl(-1, 0, IPC_SET, {sem_perm={uid=0, gid=0, mode=01777}})"#,
    r#"semctl(-1, 0, IPC_SET, NULL)"#,
    r#"semctl(-1, 0, IPC_64|IPC_SET, 0x8)"#,
    r#"mount("/dev/a-source-name-longer-than-thirty-two-bytes", "/nonexistent/target", "ext4", MS_RDONLY, "a-data-string-longer-than-thirty"...)"#,
    r#"mount("/dev/a-source-name-longer-than-thirty-two-bytes", "/nonexistent/target", NULL, MS_BIND, NULL)"#,
    r#"mount(0x8, "/nonexistent/target", "tmpfs", 0, NULL)"#,
];

/// strace 6.1's lines for `args_i386_more` (t22.strace), results dropped:
/// the i386 calls only (the x86_64 loader's pread64 calls before them
/// are left out).
const I386_EXPECTED: &[&str] = &[
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base={ebx=0x1, ecx=0, edx=0, esi=0, edi=0, ebp=0, eax=0, xds=0, xes=0, xfs=0, xgs=0, orig_eax=0, eip=0x8048000, xcs=0, eflags=0, esp=0, xss=0x2b}, iov_len=68})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base={ebx=0x1, ecx=0}, iov_len=8})"#,
    r#"ptrace(PTRACE_SETREGSET, 2147483647, NT_PRSTATUS, {iov_base={ebx=0x1, ecx=0, edx=0, esi=0, edi=0, ebp=0, eax=0, xds=0, xes=0, xfs=0, xgs=0, orig_eax=0, eip=0x8048000, xcs=0, eflags=0, esp=0, xss=0x2b, ...}, iov_len=72})"#,
    r#"ptrace(PTRACE_GETREGSET, 2147483647, NT_PRSTATUS, {iov_base=0x21000100, iov_len=68})"#,
    r#"ptrace(PTRACE_SEIZE, 2147483647, NULL, PTRACE_O_TRACESYSGOOD|PTRACE_O_EXITKILL)"#,
    r#"ptrace(PTRACE_CONT, 2147483647, NULL, SIGUSR1)"#,
    r#"prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=3, filter=0x21000400})"#,
    r#"prctl(PR_SET_PDEATHSIG, 200)"#,
    r#"pread64(-1, 0x21000800, 4, 6604705263)"#,
    r#"pwrite64(-1, "\0\0\0\0", 4, -2)"#,
    r#"preadv(-1, [{iov_base=0x21000800, iov_len=4}], 1, 6604705263)"#,
    r#"pwritev(-1, [{iov_base="\0\0\0\0", iov_len=4}], 1, -2)"#,
    r#"preadv2(-1, [{iov_base=0x21000800, iov_len=4}], 1, 5, RWF_HIPRI)"#,
    r#"pwritev2(-1, [{iov_base="\0\0\0\0", iov_len=4}], 1, 8589934592, RWF_SYNC)"#,
    r#"fadvise64(-1, 6604705263, 4096, POSIX_FADV_RANDOM)"#,
    r#"fadvise64_64(-1, 6604705263, -2, POSIX_FADV_SEQUENTIAL)"#,
    r#"sync_file_range(-1, 4096, 12884910080, SYNC_FILE_RANGE_WRITE)"#,
    r#"fallocate(-1, FALLOC_FL_KEEP_SIZE, 6604705263, 4096)"#,
    r#"truncate64("/nonexistent", 6604705263)"#,
    r#"ftruncate64(-1, 18446744073709551614)"#,
    r#"readahead(-1, 6604705263, 4096)"#,
    r#"shmctl(-1, IPC_64|IPC_SET, {shm_perm={uid=1000, gid=-1, mode=0640}})"#,
    r#"msgctl(-1, IPC_64|IPC_SET, {msg_perm={uid=-1, gid=2, mode=0600}, msg_qbytes=16384})"#,
    r#"semctl(-1, 0, IPC_64|IPC_SET, {sem_perm={uid=0, gid=0, mode=01777}})"#,
];

/// strace 6.1's lines for `args_i386_sock` (t23.strace), results dropped.
const I386_SOCK_EXPECTED: &[&str] = &[
    r#"sendmsg(-1, {msg_name={sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="hello", iov_len=5}, {iov_base="world", iov_len=5}], msg_iovlen=2, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1, 2]}, {cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=1234, uid=0, gid=-1}}], msg_controllen=48, msg_flags=0}, MSG_DONTWAIT)"#,
    r#"recvmsg(-1, {msg_namelen=64}, 0)"#,
    r#"sendmmsg(-1, [{msg_hdr={msg_name={sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="hello", iov_len=5}, {iov_base="world", iov_len=5}], msg_iovlen=2, msg_controllen=0, msg_flags=0}}, {msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="hello", iov_len=5}], msg_iovlen=1, msg_controllen=0, msg_flags=0}}], 2, 0)"#,
    r#"setsockopt(-1, SOL_SOCKET, SO_ATTACH_FILTER, {len=1, filter=0x22002100}, 8)"#,
    r#"setsockopt(-1, SOL_SOCKET, SO_ATTACH_FILTER, 0x22002000, 16)"#,
];

/// Stack addresses (`0x7ff` and 9 more hex digits) become `ADDR`; other
/// hex numbers (junk, the unmapped `0x8`) stay.
fn normalise(line: &str) -> String {
    regex::Regex::new(r"0x7ff[0-9a-f]{9}\b")
        .unwrap()
        .replace_all(line, "ADDR")
        .into_owned()
}

/// A tracer's lines for `prog`: exit lines dropped, pid prefixes
/// (notrace's `[pid N] `, strace's `N ` with `-f -o`) and results
/// stripped, addresses normalised.
fn lines_of(tracer: &std::path::Path, args: &[&str], prog: &str, tag: &str) -> Vec<String> {
    let pid = regex::Regex::new(r"^(\[pid +\d+\] |\d+ +)").unwrap();
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    trace_lines(tracer, args, prog, tag)
        .iter()
        .filter(|l| !l.contains("+++ exited") && !l.contains("+++ killed"))
        .map(|l| normalise(&result.replace(&pid.replace(l, ""), ")")))
        .collect()
}

#[test]
fn ptrace_and_prctl_args_print_as_strace_6_1_does() {
    let got = lines_of(
        &notrace(),
        &["-e", "trace=ptrace,prctl"],
        "args_ptrace",
        "more-pt",
    );
    check_lines(&got, PTRACE_EXPECTED);
}

/// The same comparison against the strace installed here, when there is
/// one (strace's line and notrace's for every call, results dropped).
#[test]
fn ptrace_and_prctl_args_match_installed_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let theirs = lines_of(
        &strace,
        &["-f", "-qq", "-e", "signal=none", "-e", "trace=ptrace,prctl"],
        "args_ptrace",
        "more-pt-strace",
    );
    let ours = lines_of(
        &notrace(),
        &["-e", "trace=ptrace,prctl"],
        "args_ptrace",
        "more-pt-ours",
    );
    assert_eq!(theirs, ours);
}

#[test]
fn ptrace_and_prctl_json_values() {
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", "trace=ptrace,prctl"],
        "args_ptrace",
        "more-pt-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let arg = |call: &str, n: usize, pos: usize| -> serde_json::Value {
        let calls = syscalls_named(&events, call);
        assert!(calls.len() > n, "{call}: only {} calls", calls.len());
        calls[n]["args"][pos].clone()
    };
    use serde_json::json;
    let seize = arg("ptrace", 24, 3);
    assert_eq!(seize["kind"], "ptrace_arg");
    assert_eq!(
        seize["value"],
        json!(["PTRACE_O_TRACESYSGOOD", "PTRACE_O_EXITKILL", "0x800000"])
    );
    assert_eq!(arg("ptrace", 24, 0)["value"], "PTRACE_SEIZE");
    assert_eq!(arg("ptrace", 24, 1)["value"], 2147483647);
    assert_eq!(arg("ptrace", 3, 2)["value"], "8*ORIG_RAX");
    assert_eq!(arg("ptrace", 12, 3)["value"], "SIGUSR1");
    assert_eq!(arg("ptrace", 29, 2)["value"], "NT_PRSTATUS");
    let regs = &arg("ptrace", 32, 3)["value"];
    assert_eq!(regs["iov_len"], 216);
    assert_eq!(regs["iov_base"]["rip"], 0x401000);
    assert_eq!(regs["iov_base"]["gs"], 0x2b);
    assert_eq!(
        arg("ptrace", 45, 2)["value"],
        json!({ "off": 5, "flags": ["PTRACE_PEEKSIGINFO_SHARED"], "nr": 4 })
    );
    assert_eq!(arg("ptrace", 49, 3)["value"], json!({ "filter_off": 7 }));
    assert_eq!(arg("prctl", 14, 1)["value"], "CAP_SYS_ADMIN");
    assert_eq!(arg("prctl", 32, 1)["value"], "PR_SPEC_STORE_BYPASS");
    assert_eq!(arg("prctl", 29, 1)["value"], "PR_SET_MM_START_CODE");
}

/// The i386 calls of `args_i386_more` set.
const I386_SET: &str = "trace=ptrace,prctl,pread64,pwrite64,preadv,pwritev,preadv2,pwritev2,\
fadvise64,fadvise64_64,sync_file_range,fallocate,truncate64,ftruncate64,readahead,shmctl,\
msgctl,semctl";
const IPCSET_SET: &str = "trace=shmctl,msgctl,semctl,mount";

/// notrace's i386 lines (those it marks ` [i386]`, the mark dropped).
fn notrace_i386_lines() -> Vec<String> {
    lines_of(&notrace(), &["-e", I386_SET], "args_i386_more", "more-i386")
        .iter()
        .filter_map(|l| l.strip_suffix(" [i386]").map(str::to_string))
        .collect()
}

#[test]
fn ipc_set_structs_and_mount_source_print_as_strace_6_1_does() {
    let got = lines_of(&notrace(), &["-e", IPCSET_SET], "args_ipcset", "more-ipc");
    check_lines(&got, IPCSET_EXPECTED);
}

#[test]
fn i386_layouts_and_joined_offsets_print_as_strace_6_1_does() {
    check_lines(&notrace_i386_lines(), I386_EXPECTED);
}

#[test]
fn ipc_set_and_i386_match_installed_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let base = ["-qq", "-e", "signal=none", "-e"];
    let mut args = base.to_vec();
    args.push(IPCSET_SET);
    assert_eq!(
        lines_of(&strace, &args, "args_ipcset", "more-ipc-strace"),
        lines_of(
            &notrace(),
            &["-e", IPCSET_SET],
            "args_ipcset",
            "more-ipc-ours"
        )
    );
    let mut args = base.to_vec();
    args.push(I386_SET);
    let theirs: Vec<String> = lines_of(&strace, &args, "args_i386_more", "more-i386-strace")
        .into_iter()
        .skip_while(|l| !l.starts_with("ptrace("))
        .collect();
    assert_eq!(theirs, notrace_i386_lines());
}

#[test]
fn ipc_set_and_i386_json_values() {
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", IPCSET_SET],
        "args_ipcset",
        "more-ipc-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let shm = syscalls_named(&events, "shmctl");
    assert_eq!(
        shm[0]["args"][2]["value"],
        json!({ "shm_perm": { "uid": 1000, "gid": -1, "mode": 0o100640 } })
    );
    let msg = syscalls_named(&events, "msgctl");
    assert_eq!(msg[0]["args"][2]["value"]["msg_qbytes"], 16384);
    assert_eq!(msg[0]["args"][2]["kind"], "msgctl_buf:1");
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", I386_SET],
        "args_i386_more",
        "more-i386-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let preadv = syscalls_named(&events, "preadv");
    assert_eq!(preadv[0]["args"][3]["value"], 6604705263u64);
    assert_eq!(preadv[0]["args"][3]["kind"], "long_lo_hi:4");
    assert_eq!(preadv[0]["args"][1]["value"][0]["len"], 4);
    let ft = syscalls_named(&events, "ftruncate64");
    // Past 2^53, JSONL values are decimal strings (docs/jsonl.md).
    assert_eq!(ft[0]["args"][1]["value"], (u64::MAX - 1).to_string());
    let regs = &syscalls_named(&events, "ptrace")[0]["args"][3]["value"];
    assert_eq!(regs["iov_base"]["eip"], 0x8048000);
    assert_eq!(regs["iov_len"], 68);
}

#[test]
fn i386_socket_structs_print_as_strace_6_1_does() {
    let set = "trace=sendmsg,recvmsg,sendmmsg,setsockopt";
    let got: Vec<String> = lines_of(&notrace(), &["-e", set], "args_i386_sock", "more-i386s")
        .iter()
        .filter_map(|l| l.strip_suffix(" [i386]").map(str::to_string))
        .collect();
    check_lines(&got, I386_SOCK_EXPECTED);
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping the comparison: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let theirs = lines_of(
        &strace,
        &["-qq", "-e", "signal=none", "-e", set],
        "args_i386_sock",
        "more-i386s-strace",
    );
    assert_eq!(theirs, got);
}
