//! Argument decoding: raw registers plus tracee memory in, strace-style
//! text and structured JSON out.
//!
//! One decoder per [`ArgKind`], grouped by family in the submodules; the
//! only dispatch is `decode_one`'s match on the kind. Decoding never
//! fails: NULL prints as `NULL`, memory that cannot be read prints as the
//! pointer's address, as strace does. Nothing here checks that the
//! notification is still valid: the supervisor does that (ID_VALID) after
//! decoding and before trusting the bytes.

mod attrs;
mod calls;
pub mod endpoints;
mod evdev;
mod files;
mod flags;
mod io;
mod ioctl;
mod ioctl_fs;
mod ioctl_more;
mod ipc;
mod keyctl;
mod netlink;
mod nfnl;
mod nlcrypto;
mod numa;
mod old;
mod poll;
mod prctl;
mod process;
mod ptrace;
mod resource;
mod rtnl;
mod rtnl_more;
mod rtnl_rest;
mod signals;
mod sockdiag;
mod sockets;
mod strings;
pub mod subcall;
mod time;

use crate::event::DecodedArg;
use crate::kinds::{ArgDef, ArgKind};
use crate::memory::TraceeMemory;
use serde_json::Value;
use std::borrow::Cow;

pub use files::fd_path_text;
pub use strings::{bytes_json, quote};

/// A signal's name as strace prints it (`SIGTERM`, `SIGRT_3`), or its
/// number when it has none.
pub fn signal_name(sig: i32) -> String {
    u32::try_from(sig)
        .ok()
        .and_then(signals::signal_name)
        .unwrap_or_else(|| sig.to_string())
}

/// How strings are escaped (`-x`, `-xx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HexMode {
    /// C escapes, octal for other non-printables.
    #[default]
    Normal,
    /// `-x`: a string with any non-ASCII (or control other than
    /// whitespace) byte is printed all in `\x..`.
    NonAscii,
    /// `-xx`: every string all in `\x..`.
    All,
}

/// Decoding options, as strace's flags set them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeOptions {
    /// `-s`: bytes of a string (and elements of an array) to print.
    pub string_limit: usize,
    /// `-x` / `-xx`.
    pub hex: HexMode,
    /// `-v`: print envp and long arrays in full.
    pub verbose: bool,
    /// `-y`: print the path behind each fd.
    pub fd_paths: bool,
    /// `-yy`: and a socket's endpoints.
    pub sockets: bool,
    /// `-X`: how named constants print.
    pub const_style: crate::compat::ConstStyle,
    /// `-Y`: a pid argument is followed by its command name.
    pub pid_comm: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            string_limit: 32,
            hex: HexMode::Normal,
            verbose: false,
            fd_paths: false,
            sockets: false,
            const_style: crate::compat::ConstStyle::Abbrev,
            pid_comm: false,
        }
    }
}

/// Questions about the host that some decoders ask, behind a trait so
/// tests can answer them.
pub trait HostLookup {
    /// What `/proc/PID/fd/FD` links to (`/etc/passwd`, `socket:[123]`).
    fn fd_path(&self, pid: i32, fd: i32) -> Option<Vec<u8>>;
    /// The name of network interface `index` (for IPv6 scope ids).
    fn if_name(&self, index: u32) -> Option<String>;
    /// The process's working directory (`AT_FDCWD` with `-y`).
    fn cwd(&self, pid: i32) -> Option<Vec<u8>>;
    /// Whether the process's `fd` is a netlink socket (`None`: it is
    /// not), and if so its protocol (`NETLINK_ROUTE` is 0) when the
    /// kernel lists it, which it does once the socket is bound.
    fn netlink_socket(&self, _pid: i32, _fd: i32) -> Option<Option<u32>> {
        None
    }
    /// The name of NETLINK_GENERIC family `id` (`nlctrl`), as the kernel
    /// lists them to a CTRL_CMD_GETFAMILY dump.
    fn genl_family(&self, _id: u16) -> Option<String> {
        None
    }
    /// `-yy`: the endpoints of the socket with `inode` in process `pid`'s
    /// network namespace, as strace prints them (`TCP:[a:1->b:2]`).
    fn socket_endpoint(&self, _pid: i32, _inode: &str) -> Option<String> {
        None
    }
    /// `-Y`: the command name of process `pid`.
    fn comm(&self, _pid: i32) -> Option<String> {
        None
    }
}

/// The real host: `/proc` and `/sys/class/net`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcHost;

impl HostLookup for ProcHost {
    fn socket_endpoint(&self, pid: i32, inode: &str) -> Option<String> {
        endpoints::lookup(pid, inode)
    }

    fn comm(&self, pid: i32) -> Option<String> {
        let c = crate::procfs::read_lossy(format!("/proc/{pid}/comm")).ok()?;
        Some(c.trim_end_matches('\n').to_string())
    }

    fn fd_path(&self, pid: i32, fd: i32) -> Option<Vec<u8>> {
        use std::os::unix::ffi::OsStringExt;
        std::fs::read_link(format!("/proc/{pid}/fd/{fd}"))
            .ok()
            .map(|p| p.into_os_string().into_vec())
    }

    fn cwd(&self, pid: i32) -> Option<Vec<u8>> {
        use std::os::unix::ffi::OsStringExt;
        std::fs::read_link(format!("/proc/{pid}/cwd"))
            .ok()
            .map(|p| p.into_os_string().into_vec())
    }

    fn genl_family(&self, id: u16) -> Option<String> {
        // Asked once per run, as strace does: ids do not change while a
        // family stays loaded.
        static FAMILIES: std::sync::OnceLock<Vec<(u16, String)>> = std::sync::OnceLock::new();
        FAMILIES
            .get_or_init(netlink::genl_families)
            .iter()
            .find(|f| f.0 == id)
            .map(|f| f.1.clone())
    }

    fn netlink_socket(&self, pid: i32, fd: i32) -> Option<Option<u32>> {
        // strace's test: the socket's protocol name, from an xattr.
        let path = format!("/proc/{pid}/fd/{fd}");
        let mut name = [0u8; 16];
        let n = rustix::fs::getxattr(path.as_str(), "system.sockprotoname", &mut name[..]).ok()?;
        if name[..n].split(|&c| c == 0).next() != Some(b"NETLINK") {
            return None;
        }
        // The protocol: the socket's row in its network namespace's
        // netlink table (columns: sk Eth Pid ... Inode), listed once bound.
        let link = std::fs::read_link(&path).ok()?;
        let inode = link
            .to_str()
            .and_then(|l| l.strip_prefix("socket:["))
            .and_then(|l| l.strip_suffix(']'))
            .map(str::to_string);
        let table = std::fs::read_to_string(format!("/proc/{pid}/net/netlink")).unwrap_or_default();
        Some(inode.and_then(|inode| {
            table.lines().skip(1).find_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.last() == Some(&inode.as_str()))
                    .then(|| f.get(1)?.parse().ok())
                    .flatten()
            })
        }))
    }

    fn if_name(&self, index: u32) -> Option<String> {
        // Reading sysfs avoids an unsafe if_indextoname call.
        std::fs::read_dir("/sys/class/net")
            .ok()?
            .flatten()
            .find_map(|e| {
                let idx = std::fs::read_to_string(e.path().join("ifindex")).ok()?;
                (idx.trim().parse::<u32>().ok()? == index)
                    .then(|| e.file_name().to_string_lossy().into_owned())
            })
    }
}

/// A host that knows nothing (every lookup fails).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHost;

impl HostLookup for NoHost {
    fn fd_path(&self, _: i32, _: i32) -> Option<Vec<u8>> {
        None
    }
    fn if_name(&self, _: u32) -> Option<String> {
        None
    }
    fn cwd(&self, _: i32) -> Option<Vec<u8>> {
        None
    }
}

/// Everything a decoder may look at.
pub(crate) struct Ctx<'a> {
    pub raw: &'a [u64; 6],
    pub pid: i32,
    pub mem: &'a dyn TraceeMemory,
    pub opts: &'a DecodeOptions,
    pub host: &'a dyn HostLookup,
}

impl Ctx<'_> {
    /// Argument `i` (0 when out of range, which a table bug could cause).
    pub fn arg(&self, i: u8) -> u64 {
        self.raw.get(i as usize).copied().unwrap_or(0)
    }

    /// How many array elements to print before `...`.
    pub fn array_limit(&self) -> usize {
        if self.opts.verbose {
            usize::MAX
        } else {
            self.opts.string_limit
        }
    }
}

/// A decoder's result: strace text and JSON value.
pub(crate) type Out = (String, Option<Value>);

/// Decodes the arguments described by `defs`, reading `/proc` for `-y`.
pub fn decode_args(
    defs: &[ArgDef],
    raw: &[u64; 6],
    pid: i32,
    mem: &dyn TraceeMemory,
    opts: &DecodeOptions,
) -> Vec<DecodedArg> {
    decode_args_with(defs, raw, pid, mem, opts, &ProcHost)
}

/// [`decode_args`] with the host lookups supplied by the caller.
pub fn decode_args_with(
    defs: &[ArgDef],
    raw: &[u64; 6],
    pid: i32,
    mem: &dyn TraceeMemory,
    opts: &DecodeOptions,
    host: &dyn HostLookup,
) -> Vec<DecodedArg> {
    let ctx = Ctx {
        raw,
        pid,
        mem,
        opts,
        host,
    };
    // `-X raw` / `-X verbose` reach every name the printers make; the
    // default style needs no setting.
    if opts.const_style != crate::compat::ConstStyle::Abbrev {
        return crate::xlat::with_style(opts.const_style, || decode_all(&ctx, defs));
    }
    decode_all(&ctx, defs)
}

/// Each argument of `defs`, decoded in the style already set.
fn decode_all(ctx: &Ctx, defs: &[ArgDef]) -> Vec<DecodedArg> {
    let (raw, opts, host) = (ctx.raw, ctx.opts, ctx.host);
    defs.iter()
        .zip(raw.iter())
        .enumerate()
        .map(|(pos, (def, &v))| {
            let (mut text, value) = decode_at(ctx, pos, def.kind, v);
            if opts.pid_comm && PID_ARGS.contains(&def.name) && as_int(v) > 0 {
                if let Some(c) = host.comm(as_int(v)) {
                    text = format!("{text}<{c}>");
                }
            }
            DecodedArg {
                name: Cow::Borrowed(def.name),
                kind: Cow::Borrowed(def.kind_name),
                raw: v,
                text,
                value,
            }
        })
        .collect()
}

/// Argument names that are process ids (`-Y` prints their comm).
const PID_ARGS: &[&str] = &["pid", "tgid", "tid", "upid"];

/// A pointer to one number of `size` bytes (sendfile's offset): `[5]`,
/// `NULL`, or the address when unreadable; `read` takes the number.
fn number_ptr(ctx: &Ctx, v: u64, size: usize, read: fn(time::Fields) -> Value) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    match time::read_all(ctx, v, size) {
        Some(b) => {
            let n = read(time::Fields(&b));
            (format!("[{n}]"), Some(n))
        }
        None => (addr(v), None),
    }
}

/// Joins decoded arguments as strace does. An argument whose text is empty
/// is one strace leaves out (fcntl's third argument for `F_GETFL`).
pub fn render_args(args: &[DecodedArg]) -> String {
    args.iter()
        .filter(|a| !a.text.is_empty())
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `NULL` or the address, as strace prints an undecoded pointer.
pub(crate) fn addr(v: u64) -> String {
    if v == 0 {
        "NULL".to_string()
    } else {
        format!("{v:#x}")
    }
}

/// The value of a C `int` argument: the low 32 bits, sign-extended.
pub(crate) fn as_int(v: u64) -> i32 {
    v as u32 as i32
}

/// Decodes argument `pos`: the kinds whose shape depends on their
/// position, then [`decode_one`].
pub(crate) fn decode_at(ctx: &Ctx, pos: usize, kind: ArgKind, v: u64) -> Out {
    match kind {
        ArgKind::FutexArg => calls::futex_arg(ctx, pos, v, true),
        ArgKind::FutexArg32 => calls::futex_arg(ctx, pos, v, false),
        ArgKind::PrctlArg => prctl::prctl_arg(ctx, pos, v, time::Word::W64),
        ArgKind::PrctlArg32 => prctl::prctl_arg(ctx, pos, v, time::Word::W32),
        ArgKind::PtraceArg => ptrace::ptrace_arg(ctx, pos, v, time::Word::W64),
        ArgKind::PtraceArg32 => ptrace::ptrace_arg(ctx, pos, v, time::Word::W32),
        ArgKind::KeyctlArg => keyctl::keyctl_arg(ctx, pos, v, time::Word::W64),
        ArgKind::KeyctlArg32 => keyctl::keyctl_arg(ctx, pos, v, time::Word::W32),
        _ => decode_one(ctx, kind, v),
    }
}

/// Decodes one argument.
pub(crate) fn decode_one(ctx: &Ctx, kind: ArgKind, v: u64) -> Out {
    use time::Word::{W32, W64};
    use ArgKind as K;
    match kind {
        K::Int => {
            // The kernel reads an int argument from the low half of the
            // register; so does strace.
            let n = as_int(v);
            (n.to_string(), Some(Value::from(n)))
        }
        K::Long => {
            let n = v as i64;
            (n.to_string(), Some(Value::from(n)))
        }
        K::Uint => {
            // An unsigned int: the kernel and strace use the low half.
            let n = v as u32;
            (n.to_string(), Some(Value::from(n)))
        }
        K::Ulong => (v.to_string(), Some(Value::from(v))),
        K::Hex => {
            let n = v as u32;
            (crate::xlat::hex(n as u64), Some(Value::from(n)))
        }
        K::HexLong => (crate::xlat::hex(v), Some(Value::from(v))),
        K::Oct => (oct(v), Some(Value::from(v))),
        K::Ptr | K::OutPtr | K::SockaddrOut | K::IntPairOut => (addr(v), None),
        K::Fd => files::fd(ctx, v),
        K::Dirfd => files::dirfd(ctx, v),
        K::Path => strings::path(ctx, v),
        K::MpolMode => numa::mode(v as u32 as u64),
        K::MpolModeLong => numa::mode(v),
        K::Nodemask(n) => numa::nodemask(ctx, v, ctx.arg(n), W64),
        K::Nodemask32(n) => numa::nodemask(ctx, v, ctx.arg(n), W32),
        K::Str => strings::cstr(ctx, v),
        K::BufIn(n) => strings::buf(ctx, v, ctx.arg(n)),
        K::IovecIn(n) => io::iovec(ctx, v, ctx.arg(n), true, W64),
        K::IovecOut(n) => io::iovec(ctx, v, ctx.arg(n), false, W64),
        K::IovecIn32(n) => io::iovec(ctx, v, ctx.arg(n), true, W32),
        K::IovecOut32(n) => io::iovec(ctx, v, ctx.arg(n), false, W32),
        K::OpenFlags => flags::open_flags(v),
        K::Mode => files::mode(v),
        K::MknodMode => files::mknod_mode(v),
        K::MknodDev(n) => files::mknod_dev(v, ctx.arg(n)),
        K::Omitted => calls::omitted(v),
        K::IoctlArg(n) => ioctl::arg(ctx, v, ctx.arg(n), W64),
        K::IoctlArg32(n) => ioctl::arg(ctx, v, ctx.arg(n), W32),
        K::MremapNewAddr(n) => calls::mremap_new_addr(v, ctx.arg(n)),
        K::MembarrierCpu(n) => calls::membarrier_cpu(v, ctx.arg(n)),
        K::Personality => flags::personality(v),
        K::IoprioValue => flags::ioprio_value(v),
        K::IpcKey => ipc::key(v),
        K::IpcGetFlags => ipc::get_flags(v),
        K::ShmgetFlags => ipc::shmget_flags(v),
        K::ShmctlCmd => ipc::ctl_cmd(&crate::xlat::SHMCTL_CMDS, v),
        K::SemctlCmd => ipc::ctl_cmd(&crate::xlat::SEMCTL_CMDS, v),
        K::MsgctlCmd => ipc::ctl_cmd(&crate::xlat::MSGCTL_CMDS, v),
        K::ShmctlBuf(n) => ipc::ctl_buf(ctx, v, ctx.arg(n), ipc::CtlStruct::Shm, W64),
        K::ShmctlBuf32(n) => ipc::ctl_buf(ctx, v, ctx.arg(n), ipc::CtlStruct::Shm, W32),
        K::MsgctlBuf(n) => ipc::ctl_buf(ctx, v, ctx.arg(n), ipc::CtlStruct::Msg, W64),
        K::MsgctlBuf32(n) => ipc::ctl_buf(ctx, v, ctx.arg(n), ipc::CtlStruct::Msg, W32),
        K::SemctlArg(n) => ipc::ctl_buf(ctx, v, ctx.arg(n), ipc::CtlStruct::Sem, W64),
        K::SemctlArg32(n) => ipc::ctl_buf(ctx, v, ctx.arg(n), ipc::CtlStruct::Sem, W32),
        K::Dup3Flags => flags::dup3_flags(v),
        K::QuotactlCmd => flags::quotactl_cmd(v),
        K::SwapFlags => flags::swap_flags(v),
        K::FanInitFlags => flags::fan_init_flags(v),
        K::Utimbuf => time::utimbuf(ctx, v, W64),
        K::Utimbuf32 => time::utimbuf(ctx, v, W32),
        K::Dev => files::dev(v),
        K::SyslogAction => {
            let n = as_int(v);
            let name = crate::xlat::SYSLOG_ACTIONS
                .lookup(n as u32 as u64)
                .unwrap_or("SYSLOG_ACTION_???");
            (
                format!("{n} /* {name} */"),
                Some(crate::xlat::SYSLOG_ACTIONS.enum_json(n as u32 as u64)),
            )
        }
        K::Time32Ptr => time::time32_ptr(ctx, v),
        K::MmapPgoff => {
            let off = v.wrapping_shl(12);
            (crate::xlat::hex(off), Some(Value::from(off)))
        }
        K::Uid16 => {
            let (t, j) = process::id_text(v, 2);
            (t, Some(j))
        }
        K::Uid => {
            let (t, j) = process::id_text(v, 4);
            (t, Some(j))
        }
        K::GidList(n) => process::id_list(ctx, v, ctx.arg(n), 4),
        K::Gid16List(n) => process::id_list(ctx, v, ctx.arg(n), 2),
        K::SigHandler => signals::handler(v),
        K::Ulong32Ptr => number_ptr(ctx, v, 4, |f| Value::from(f.u32(0))),
        K::Int64Ptr => number_ptr(ctx, v, 8, |f| Value::from(f.u64(0) as i64)),
        K::LongLoHi(n) => {
            let joined = ((ctx.arg(n) << 32) | (v as u32 as u64)) as i64;
            (joined.to_string(), Some(Value::from(joined)))
        }
        K::FanEventMaskLoHi(n) => {
            let joined = (ctx.arg(n) << 32) | (v as u32 as u64);
            flags::table_kind(K::FanEventMask, joined)
        }
        K::UlongLoHi(n) => {
            let joined = (ctx.arg(n) << 32) | (v as u32 as u64);
            (joined.to_string(), Some(Value::from(joined)))
        }
        K::Sembufs(n) => ipc::sembufs(ctx, v, ctx.arg(n)),
        K::Msgbuf(n) => ipc::msgbuf(ctx, v, ctx.arg(n), W64),
        K::Msgbuf32(n) => ipc::msgbuf(ctx, v, ctx.arg(n), W32),
        K::MountFlags => files::mount_flags(v),
        K::MountType(n) => files::mount_type(ctx, v, ctx.arg(n)),
        K::MountData(n) => files::mount_data(ctx, v, ctx.arg(n)),
        K::MemfdFlags => flags::memfd_flags(v),
        K::OpenMode(n) => calls::open_mode(v, ctx.arg(n)),
        K::StatxFlags => calls::statx_flags(v),
        K::FutexOp => calls::futex_op(v),
        // Only reached without a position (decode_at handles these).
        K::FutexArg
        | K::FutexArg32
        | K::PrctlArg
        | K::PrctlArg32
        | K::PtraceArg
        | K::PtraceArg32
        | K::KeyctlArg => (crate::xlat::hex(v), Some(Value::from(v))),
        K::PtraceRequest => ptrace::ptrace_request(v),
        K::CloneCallFlags(n) => calls::clone_call_flags(v, ctx.arg(n)),
        K::CloneStack => (String::new(), Some(Value::from(v))),
        K::CloneParentTid(n) => calls::clone_parent_tid(v, ctx.arg(n)),
        K::CloneChildTid(n) => calls::clone_child_tid(v, ctx.arg(n)),
        K::CloneTls(n) => calls::clone_tls(v, ctx.arg(n)),
        K::Signal => signals::signal(v),
        K::SockProto(n) => sockets::protocol(v, ctx.arg(n)),
        K::SockaddrIn(n) => sockets::sockaddr(ctx, v, ctx.arg(n)),
        K::SockoptName(n) => sockets::sockopt_name(v, ctx.arg(n)),
        K::SockType => sockets::sock_type(v),
        K::SockoptVal(n) => sockets::sockopt_val(ctx, v, ctx.arg(n), W64),
        K::SockoptVal32(n) => sockets::sockopt_val(ctx, v, ctx.arg(n), W32),
        K::MsghdrIn => sockets::msghdr(ctx, v, W64),
        K::MsghdrIn32 => sockets::msghdr(ctx, v, W32),
        K::TimespecIn => time::timespec(ctx, v),
        K::Argv => process::argv(ctx, v, W64),
        K::Envp => process::envp(ctx, v, W64),
        K::Argv32 => process::argv(ctx, v, W32),
        K::Envp32 => process::envp(ctx, v, W32),
        K::IoctlRequest => ioctl::request(v),
        K::CloneFlags => process::clone_flags(v),
        K::CloneArgs(n) => process::clone_args(ctx, v, ctx.arg(n)),
        K::MmapFlags => flags::mmap_flags(v),
        K::SigsetIn(n) => signals::sigset_arg(ctx, v, ctx.arg(n)),
        K::SigactionIn => signals::sigaction(ctx, v, W64),
        K::SigactionIn32 => signals::sigaction(ctx, v, W32),
        K::FcntlArg(n) => files::fcntl_arg(ctx, v, ctx.arg(n), files::Locks::Native),
        K::Fcntl64Arg32(n) => files::fcntl_arg(ctx, v, ctx.arg(n), files::Locks::I386Fcntl64),
        K::FcntlArg32(n) => files::fcntl_arg(ctx, v, ctx.arg(n), files::Locks::I386),
        K::OpenHow(n) => files::open_how(ctx, v, ctx.arg(n)),
        K::Timespec32In => time::timespec32(ctx, v),
        K::TimevalIn => time::timeval(ctx, v, W64),
        K::Timeval32In => time::timeval(ctx, v, W32),
        K::UtimensTimes => time::time_pair(ctx, v, W64, time::Part::Nsec),
        K::UtimensTimes32 => time::time_pair(ctx, v, W32, time::Part::Nsec),
        K::UtimesTimes => time::time_pair(ctx, v, W64, time::Part::Usec),
        K::UtimesTimes32 => time::time_pair(ctx, v, W32, time::Part::Usec),
        K::ItimervalIn => time::itimerval(ctx, v, W64),
        K::Itimerval32In => time::itimerval(ctx, v, W32),
        K::ItimerspecIn => time::itimerspec(ctx, v, W64),
        K::Itimerspec32In => time::itimerspec(ctx, v, W32),
        K::SigeventIn => time::sigevent(ctx, v, W64),
        K::Sigevent32In => time::sigevent(ctx, v, W32),
        K::Pollfds(n) => poll::pollfds(ctx, v, ctx.arg(n)),
        K::FdSet(n) => poll::fd_set(ctx, v, ctx.arg(n), W64),
        K::FdSet32(n) => poll::fd_set(ctx, v, ctx.arg(n), W32),
        K::PselectSig => poll::pselect_sig(ctx, v, W64),
        K::PselectSig32 => poll::pselect_sig(ctx, v, W32),
        K::EpollEvent(n) => poll::epoll_event(ctx, v, ctx.arg(n)),
        K::StackIn => resource::stack(ctx, v, W64),
        K::Stack32In => resource::stack(ctx, v, W32),
        K::RlimitIn | K::Rlimit64In => resource::rlimit(ctx, v, W64),
        K::Rlimit32In => resource::rlimit(ctx, v, W32),
        K::MqMode(n) => resource::mq_mode(v, ctx.arg(n)),
        K::MqAttr(n) => resource::mq_attr(ctx, v, ctx.arg(n), W64),
        K::MqAttr32(n) => resource::mq_attr(ctx, v, ctx.arg(n), W32),
        K::SchedParam => resource::sched_param(ctx, v),
        K::SchedAttr => resource::sched_attr(ctx, v),
        K::CpuSet(n) => resource::cpu_set(ctx, v, ctx.arg(n)),
        K::CapHeader => resource::cap_header(ctx, v),
        K::CapData(n) => resource::cap_data(ctx, v, ctx.arg(n)),
        K::SeccompFlags(n) => resource::seccomp_flags(v, ctx.arg(n)),
        K::SeccompArgs(n) => resource::seccomp_args(ctx, v, ctx.arg(n), W64),
        K::SeccompArgs32(n) => resource::seccomp_args(ctx, v, ctx.arg(n), W32),
        K::OldSelectArgs => poll::old_select(ctx, v),
        K::SocketcallCall => subcall::socketcall_call(v),
        K::OldMmapArgs => old::old_mmap(ctx, v),
        K::OldSigactionIn => old::old_sigaction(ctx, v),
        K::OldSigsetIn => old::old_sigset(ctx, v),
        K::OldSigmask => old::old_sigmask(v),
        K::ReaddirCount => old::readdir_count(v),
        K::IpcCall => subcall::ipc_call(v),
        K::SocklenInOut(n) => sockets::socklen_inout(ctx, v, ctx.arg(n)),
        K::OptlenInOut => sockets::optlen_inout(ctx, v),
        K::MsghdrInOut => sockets::msghdr_inout(ctx, v, W64),
        K::MsghdrInOut32 => sockets::msghdr_inout(ctx, v, W32),
        K::MmsghdrIn(n) => sockets::mmsghdrs(ctx, v, ctx.arg(n), W64),
        K::MmsghdrIn32(n) => sockets::mmsghdrs(ctx, v, ctx.arg(n), W32),
        K::SockBuf(n) => sockets::sockbuf(ctx, v, ctx.arg(n)),
        K::SysctlArgs => attrs::sysctl_args(ctx, v, W64),
        K::SysctlArgs32 => attrs::sysctl_args(ctx, v, W32),
        K::IocbHeader => attrs::iocb_header(ctx, v),
        K::IocbPtrs(n) => attrs::iocb_ptrs(ctx, v, ctx.arg(n), W64),
        K::IocbPtrs32(n) => attrs::iocb_ptrs(ctx, v, ctx.arg(n), W32),
        K::UserDesc => attrs::user_desc(ctx, v, attrs::Desc::Whole { lm: true }),
        K::UserDesc32 => attrs::user_desc(ctx, v, attrs::Desc::Whole { lm: false }),
        K::UserDescEntry => attrs::user_desc(ctx, v, attrs::Desc::Entry),
        K::UserDescSized(n) => attrs::user_desc_sized(ctx, v, ctx.arg(n), true),
        K::UserDescSized32(n) => attrs::user_desc_sized(ctx, v, ctx.arg(n), false),
        K::MqAttrIn => resource::mq_attr_in(ctx, v, W64),
        K::MqAttrIn32 => resource::mq_attr_in(ctx, v, W32),
        K::PerfEventAttr => attrs::perf_event_attr(ctx, v),
        K::IoUringParams => attrs::io_uring_params(ctx, v),
        K::LandlockRulesetAttr(n) => attrs::landlock_ruleset_attr(ctx, v, ctx.arg(n)),
        K::LandlockRuleAttr(n) => attrs::landlock_rule_attr(ctx, v, ctx.arg(n)),
        K::MountAttr(n) => attrs::mount_attr(ctx, v, ctx.arg(n)),
        K::FileHandle => attrs::file_handle(ctx, v),
        K::FileHandleInOut => attrs::file_handle_inout(ctx, v),
        K::KeySerial => attrs::key_serial(v),
        K::KeyctlCmd => keyctl::command(v),
        other => flags::table_kind(other, v),
    }
}

/// C's `%#o`: `0` for zero, `0..` otherwise.
pub(crate) fn oct(v: u64) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("0{v:o}")
    }
}

#[cfg(test)]
mod tests;

/// open(2) flags as strace prints them (`O_RDWR|O_LARGEFILE`), for the
/// value fcntl(F_GETFL) returns.
pub fn open_flags_text(v: u64) -> String {
    flags::open_flags(v).0
}

/// personality(2)'s value as strace prints it (`PER_LINUX`), for the
/// value personality returns.
pub fn personality_text(v: u64) -> String {
    flags::personality(v).0
}

/// An I/O priority as strace prints it
/// (`IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`), for ioprio_get's answer.
pub fn ioprio_text(v: u64) -> String {
    flags::ioprio_value(v).0
}
