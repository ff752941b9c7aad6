//! Arguments that are numbers named by an xlat table, and the few whose
//! layout needs more than one table (open flags, mmap flags).

use super::Out;
use crate::kinds::ArgKind;
use crate::xlat::{self, hex, Xlat};
use serde_json::Value;

/// The table behind a kind that is just "look it up".
fn table(kind: ArgKind) -> Option<&'static Xlat> {
    use ArgKind as K;
    Some(match kind {
        K::AtFlags => &xlat::AT_FLAGS,
        K::AccessMode => &xlat::ACCESS_MODES,
        K::Clockid => &xlat::CLOCK_IDS,
        K::Whence => &xlat::WHENCE,
        K::SockDomain => &xlat::ADDRESS_FAMILIES,
        K::SockoptLevel => &xlat::SOCKET_LEVELS,
        K::MsgFlags => &xlat::MSG_FLAGS,
        K::ShutdownHow => &xlat::SHUTDOWN_MODES,
        K::SockFlags => &xlat::SOCKET_FLAGS,
        K::PrctlOption => &xlat::PRCTL_OPTIONS,
        K::MmapProt => &xlat::MMAP_PROT,
        K::MadviseAdvice => &xlat::MADVISE_ADVICE,
        K::MremapFlags => &xlat::MREMAP_FLAGS,
        K::SigprocmaskHow => &xlat::SIGPROCMASK_HOW,
        K::FcntlCmd => &xlat::FCNTL_CMDS,
        K::FlockOp => &xlat::FLOCK_OPS,
        K::RenameFlags => &xlat::RENAME_FLAGS,
        K::XattrFlags => &xlat::XATTR_FLAGS,
        K::WaitOptions => &xlat::WAIT_OPTIONS,
        K::PipeFlags => &xlat::PIPE_FLAGS,
        K::StatxMask => &xlat::STATX_MASK,
        K::RlimitResource => &xlat::RLIMIT_RESOURCES,
        K::GetrandomFlags => &xlat::GETRANDOM_FLAGS,
        K::ArchPrctlCode => &xlat::ARCH_PRCTL_CODES,
        K::FadviseAdvice => &xlat::FADVISE_ADVICE,
        K::EpollCtlOp => &xlat::EPOLL_CTL_OPS,
        K::EpollFlags => &xlat::EPOLL_FLAGS,
        K::InotifyMask => &xlat::INOTIFY_FLAGS,
        K::InotifyInitFlags => &xlat::INOTIFY_INIT_FLAGS,
        K::EventfdFlags => &xlat::EVENTFD_FLAGS,
        K::SignalfdFlags => &xlat::SIGNALFD_FLAGS,
        K::FallocateMode => &xlat::FALLOC_FLAGS,
        K::SyncFileRangeFlags => &xlat::SYNC_FILE_RANGE_FLAGS,
        K::Mlock2Flags => &xlat::MLOCK_FLAGS,
        K::MsyncFlags => &xlat::MSYNC_FLAGS,
        K::SpliceFlags => &xlat::SPLICE_FLAGS,
        K::CloseRangeFlags => &xlat::CLOSE_RANGE_FLAGS,
        K::UmountFlags => &xlat::UMOUNT_FLAGS,
        K::WaitidIdtype => &xlat::WAITID_TYPES,
        K::RusageWho => &xlat::RUSAGE_WHO,
        K::PriorityWhich => &xlat::PRIORITIES,
        K::MembarrierCmd => &xlat::MEMBARRIER_CMDS,
        K::MembarrierFlags => &xlat::MEMBARRIER_FLAGS,
        K::RwfFlags => &xlat::RWF_FLAGS,
        K::IoprioWho => &xlat::IOPRIO_WHO,
        K::ShmatFlags => &xlat::SHM_FLAGS,
        K::IpcMsgFlags => &xlat::IPC_MSG_FLAGS,
        K::ItimerWhich => &xlat::ITIMER_WHICH,
        K::TimerfdSettimeFlags => &xlat::TIMERFD_SETTIME_FLAGS,
        K::TimerSettimeFlags => &xlat::TIMER_SETTIME_FLAGS,
        K::FaccessatFlags => &xlat::FACCESSAT_FLAGS,
        K::NameToHandleAtFlags => &xlat::NAME_TO_HANDLE_AT_FLAGS,
        K::MountSetattrFlags => &xlat::MOUNT_SETATTR_FLAGS,
        K::SchedPolicy => &xlat::SCHED_POLICIES,
        K::SeccompOp => &xlat::SECCOMP_OPS,
        K::MlockallFlags => &xlat::MLOCKALL_FLAGS,
        K::UffdFlags => &xlat::UFFD_FLAGS,
        K::KcmpType => &xlat::KCMP_TYPES,
        K::BpfCmd => &xlat::BPF_COMMANDS,
        K::PidfdOpenFlags => &xlat::PIDFD_OPEN_FLAGS,
        K::FsopenFlags => &xlat::FSOPEN_FLAGS,
        K::FsmountFlags => &xlat::FSMOUNT_FLAGS,
        K::MountAttrFlags => &xlat::MOUNT_ATTR_FLAGS,
        K::FsmountAttrFlags => &xlat::FSMOUNT_ATTR_FLAGS,
        K::FspickFlags => &xlat::FSPICK_FLAGS,
        K::OpenTreeFlags => &xlat::OPEN_TREE_FLAGS,
        K::MoveMountFlags => &xlat::MOVE_MOUNT_FLAGS,
        K::FsconfigCmd => &xlat::FSCONFIG_CMDS,
        K::PkeyAccessRights => &xlat::PKEY_ACCESS_RIGHTS,
        K::PerfEventOpenFlags => &xlat::PERF_EVENT_OPEN_FLAGS,
        K::LandlockCreateFlags => &xlat::LANDLOCK_CREATE_RULESET_FLAGS,
        K::LandlockRuleType => &xlat::LANDLOCK_RULE_TYPES,
        K::MempolicyFlags => &xlat::MEMPOLICY_FLAGS,
        K::MbindFlags => &xlat::MBIND_FLAGS,
        K::MemfdSecretFlags => &xlat::MEMFD_SECRET_FLAGS,
        K::TimerfdCreateFlags => &xlat::TIMERFD_CREATE_FLAGS,
        K::IoUringEnterFlags => &xlat::IO_URING_ENTER_FLAGS,
        K::IoUringRegisterOp => &xlat::IO_URING_REGISTER_OPCODES,
        K::FanMarkFlags => &xlat::FAN_MARK_FLAGS,
        K::FanEventMask => &xlat::FAN_EVENT_FLAGS,
        _ => return None,
    })
}

/// Decodes a kind that is a plain table lookup. These are all `int`-sized
/// in the kernel but mremap's flags, so only the low 32 bits count (as
/// strace casts them).
pub(crate) fn table_kind(kind: ArgKind, v: u64) -> Out {
    match table(kind) {
        Some(t) => {
            // mremap's flags are an unsigned long: strace shows high junk.
            let v = if matches!(
                kind,
                ArgKind::MremapFlags
                    | ArgKind::PkeyAccessRights
                    | ArgKind::PerfEventOpenFlags
                    | ArgKind::MempolicyFlags
                    | ArgKind::FanEventMask
            ) {
                v
            } else {
                v as u32 as u64
            };
            (t.format(v), Some(t.json(v)))
        }
        // Every kind with a decoder of its own is matched before this.
        None => (hex(v), Some(Value::from(v))),
    }
}

/// A value made of several tables (open's access mode and flags, mmap's
/// type, flags and huge page size), in the current `-X` style: its
/// number, or the number and the abbreviated text in a comment, as
/// strace prints the whole value.
fn composite(v: u64, abbrev: impl FnOnce() -> Out) -> Out {
    if xlat::style() == crate::compat::ConstStyle::Abbrev {
        return abbrev();
    }
    let (text, json) = xlat::with_style(crate::compat::ConstStyle::Abbrev, abbrev);
    (xlat::styled(|| hex(v), || text), json)
}

/// open flags: the access mode first (`O_RDONLY` is 0, so it is always
/// printed), then the other bits.
pub(crate) fn open_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    composite(v, || open_flags_abbrev(v))
}

fn open_flags_abbrev(v: u64) -> Out {
    let acc = v & 3;
    let rest = v & !3;
    let mut text = xlat::OPEN_ACCESS.format_enum(acc);
    let mut list = vec![xlat::OPEN_ACCESS.enum_json(acc)];
    if rest != 0 {
        text.push('|');
        text.push_str(&xlat::OPEN_FLAGS.format_flags(rest));
        if let Value::Array(more) = xlat::OPEN_FLAGS.flags_json(rest) {
            list.extend(more);
        }
    }
    (text, Some(Value::Array(list)))
}

/// Bits 26..31 of mmap flags hold log2 of the huge page size.
const MAP_HUGE_SHIFT: u32 = 26;
const MAP_HUGE_MASK: u64 = 0x3f;

/// mmap flags: the mapping type, then flags, then `N<<MAP_HUGE_SHIFT`.
/// strace's -X number is the whole register (`0xdeadbeef00000022`),
/// while its names drop the upper half.
pub(crate) fn mmap_flags(v: u64) -> Out {
    composite(v, || mmap_flags_abbrev(v as u32 as u64))
}

fn mmap_flags_abbrev(v: u64) -> Out {
    let kind = v & 0xf;
    let huge = (v >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK;
    let rest = v & !0xf & !(MAP_HUGE_MASK << MAP_HUGE_SHIFT);
    let mut text = xlat::MMAP_TYPES.format_enum(kind);
    let mut list = vec![xlat::MMAP_TYPES.enum_json(kind)];
    if rest != 0 {
        text.push('|');
        text.push_str(&xlat::MMAP_FLAGS.format_flags(rest));
        if let Value::Array(more) = xlat::MMAP_FLAGS.flags_json(rest) {
            list.extend(more);
        }
    }
    if huge != 0 {
        let h = format!("{huge}<<MAP_HUGE_SHIFT");
        text.push('|');
        text.push_str(&h);
        list.push(Value::from(h));
    }
    (text, Some(Value::Array(list)))
}

/// Bits 26..31 of memfd_create flags hold log2 of the huge page size.
const MFD_HUGE_SHIFT: u32 = 26;
const MFD_HUGE_MASK: u64 = 0x3f;

/// memfd_create flags: the other bits (left out when only a size is set),
/// then the huge page size as `N<<MFD_HUGE_SHIFT`; zero is `0`.
/// Under `-X verbose` strace comments the abbreviated text even when it
/// carries a comment of its own (`0x100 /* 0x100 /* MFD_??? */ */`).
pub(crate) fn memfd_flags(v: u64) -> Out {
    use crate::compat::ConstStyle;
    let v = v as u32 as u64;
    match xlat::style() {
        _ if v == 0 => memfd_flags_abbrev(v),
        ConstStyle::Abbrev => memfd_flags_abbrev(v),
        ConstStyle::Raw => (hex(v), memfd_flags_abbrev(v).1),
        ConstStyle::Verbose => {
            let (t, j) = xlat::with_style(ConstStyle::Abbrev, || memfd_flags_abbrev(v));
            (format!("{} /* {t} */", hex(v)), j)
        }
    }
}

fn memfd_flags_abbrev(v: u64) -> Out {
    let huge = (v >> MFD_HUGE_SHIFT) & MFD_HUGE_MASK;
    let rest = v & !(MFD_HUGE_MASK << MFD_HUGE_SHIFT);
    if huge == 0 {
        return (
            xlat::MEMFD_FLAGS.format_flags(rest),
            Some(xlat::MEMFD_FLAGS.flags_json(rest)),
        );
    }
    let h = format!("{huge}<<MFD_HUGE_SHIFT");
    let (mut text, mut list) = (String::new(), Vec::new());
    if rest != 0 {
        text = xlat::MEMFD_FLAGS.format_flags(rest);
        text.push('|');
        if let Value::Array(more) = xlat::MEMFD_FLAGS.flags_json(rest) {
            list = more;
        }
    }
    text.push_str(&h);
    list.push(Value::from(h));
    (text, Some(Value::Array(list)))
}

/// The query value: personality(0xffffffff) changes nothing.
const PER_QUERY: u64 = 0xffff_ffff;
/// The low byte of a persona is its execution domain.
const PER_MASK: u64 = 0xff;

/// personality's persona (an `unsigned int`): the domain from the low
/// byte (`PER_LINUX`, `0x61 /* PER_??? */`), then the other bits named.
/// Under -X each part is a number of its own (`0|0x40000`), as strace
/// prints it.
pub(crate) fn personality(v: u64) -> Out {
    let v = v as u32 as u64;
    if v == PER_QUERY {
        return (hex(v), Some(Value::from(v)));
    }
    let (dom, rest) = (v & PER_MASK, v & !PER_MASK);
    let mut text = xlat::PERSONALITY_TYPES.format_enum(dom);
    let mut list = vec![xlat::PERSONALITY_TYPES.enum_json(dom)];
    if rest != 0 {
        text.push('|');
        text.push_str(&xlat::PERSONALITY_FLAGS.format_flags(rest));
        if let Value::Array(more) = xlat::PERSONALITY_FLAGS.flags_json(rest) {
            list.extend(more);
        }
    }
    (text, Some(Value::Array(list)))
}

/// The class sits above 13 bits of class data.
const IOPRIO_CLASS_SHIFT: u32 = 13;
const IOPRIO_DATA_MASK: u64 = (1 << IOPRIO_CLASS_SHIFT) - 1;

/// An I/O priority (an `int`) as strace spells it:
/// `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`.
pub(crate) fn ioprio_value(v: u64) -> Out {
    ioprio_in(v, false)
}

/// [`ioprio_value`] where strace's `-X` number is in hex (iocb's
/// aio_reqprio).
pub(crate) fn ioprio_value_hex(v: u64) -> Out {
    ioprio_in(v, true)
}

fn ioprio_in(v: u64, in_hex: bool) -> Out {
    let v = v as u32 as u64;
    let num = if in_hex { hex(v) } else { v.to_string() };
    let (class, data) = (v >> IOPRIO_CLASS_SHIFT, v & IOPRIO_DATA_MASK);
    let text = format!(
        "IOPRIO_PRIO_VALUE({}, {data})",
        xlat::IOPRIO_CLASS.format_enum(class)
    );
    // -X: the decimal number, under verbose with the text (its class in
    // the verbose style too) in a comment.
    let text = match xlat::style() {
        crate::compat::ConstStyle::Abbrev => text,
        crate::compat::ConstStyle::Raw => num,
        crate::compat::ConstStyle::Verbose => format!("{num} /* {text} */"),
    };
    (
        text,
        Some(serde_json::json!({
            "class": xlat::IOPRIO_CLASS.enum_json(class),
            "data": data,
        })),
    )
}

/// dup3's flags: open flags with strace's `O_???` for a value none of
/// whose bits has a name.
pub(crate) fn dup3_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let t = &xlat::OPEN_FLAGS;
    let (names, left) = t.split_flags(v);
    let text = if names.is_empty() && left != 0 {
        format!("{} /* O_??? */", hex(left))
    } else {
        t.format_flags(v)
    };
    (text, Some(t.flags_json(v)))
}

/// quotactl's command: `QCMD(Q_GETQUOTA, USRQUOTA)`, each half named or
/// in hex with strace's comment.
pub(crate) fn quotactl_cmd(v: u64) -> Out {
    let v = v as u32 as u64;
    let (cmd, ty) = (v >> 8, v & 0xff);
    (
        format!(
            "QCMD({}, {})",
            xlat::QUOTA_CMDS.format_enum(cmd),
            xlat::QUOTA_TYPES.format_enum(ty)
        ),
        Some(serde_json::json!({
            "cmd": xlat::QUOTA_CMDS.enum_json(cmd),
            "type": xlat::QUOTA_TYPES.enum_json(ty),
        })),
    )
}

/// SWAP_FLAG_PRIO_MASK: the priority swapon's flags carry.
const SWAP_PRIO_MASK: u64 = 0x7fff;

/// swapon's flags: `SWAP_FLAG_PREFER|10`; the priority alone when no
/// other bit is set.
pub(crate) fn swap_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let (prio, rest) = (v & SWAP_PRIO_MASK, v & !SWAP_PRIO_MASK);
    let text = if rest == 0 {
        prio.to_string()
    } else {
        format!("{}|{prio}", xlat::SWAP_FLAGS.format_flags(rest))
    };
    (
        text,
        Some(serde_json::json!({ "flags": xlat::SWAP_FLAGS.flags_json(rest), "prio": prio })),
    )
}

/// FAN_CLASS_* bits of fanotify_init's flags.
const FAN_CLASS_MASK: u64 = 0xc;

/// fanotify_init's flags: the class always, then the other flags
/// (`FAN_CLASS_NOTIF|FAN_CLOEXEC`).
pub(crate) fn fan_init_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let (class, rest) = (v & FAN_CLASS_MASK, v & !FAN_CLASS_MASK);
    let mut text = xlat::FAN_CLASSES.format_enum(class);
    let mut list = vec![xlat::FAN_CLASSES.enum_json(class)];
    if rest != 0 {
        text.push('|');
        text.push_str(&xlat::FAN_INIT_FLAGS.format_flags(rest));
        if let Value::Array(more) = xlat::FAN_INIT_FLAGS.flags_json(rest) {
            list.extend(more);
        }
    }
    (text, Some(Value::Array(list)))
}
