//! SysV IPC arguments (shm*, sem*, msg*) as strace prints them at entry:
//! keys, creation flags with their permissions in octal, control
//! commands, the semop and msgsnd buffers, and the struct IPC_SET hands
//! to shmctl, msgctl and semctl.

use super::time::{read_all, Fields, Word};
use super::{addr, oct, strings, Ctx, Out};
use crate::memory::read_exact;
use crate::xlat::{self, hex, Xlat};
use serde_json::{json, Value};

/// The permission bits of a creation flag word.
const PERMS: u64 = 0o777;
/// shmget's huge page size: log2 in bits 26..31.
const SHM_HUGE_SHIFT: u32 = 26;
const SHM_HUGE_MASK: u64 = 0x3f;
/// The `cmd` bit asking for the 64-bit structs.
const IPC_64: u64 = 0x100;

/// A key (an `int`): `IPC_PRIVATE` for 0, else in hex.
pub(crate) fn key(v: u64) -> Out {
    let v = v as u32 as u64;
    (
        xlat::IPC_PRIVATE
            .lookup(v)
            .map_or_else(|| hex(v), |n| xlat::styled(|| hex(v), || n.to_string())),
        Some(xlat::IPC_PRIVATE.enum_json(v)),
    )
}

/// Joins flag texts, the permissions last. When no flag has a name but
/// some bits are set, strace prints the bits and the permissions with no
/// `|` between them (`0x1000000600`); so does this.
fn with_perms(mut parts: Vec<String>, mut list: Vec<Value>, named: bool, v: u64) -> Out {
    let p = v & PERMS;
    let pt = perms_text(p);
    list.push(Value::from(pt.clone()));
    if !named && !parts.is_empty() {
        let text = format!("{}{pt}", parts.join("|"));
        return (text, Some(Value::Array(list)));
    }
    parts.push(pt);
    (parts.join("|"), Some(Value::Array(list)))
}

/// strace's `%#03o`: `0600`, `007`, `000`.
fn perms_text(p: u64) -> String {
    format!("{:0>3}", oct(p))
}

/// Named bits of `rest` (none for zero), unknown ones in hex, and
/// whether any bit had a name.
fn named(t: &Xlat, rest: u64) -> (Vec<String>, Vec<Value>, bool) {
    if rest == 0 {
        return (vec![], vec![], false);
    }
    let (names, left) = t.split_flags(rest);
    let any = !names.is_empty();
    let mut parts: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    if left != 0 {
        parts.push(hex(left));
    }
    let list = parts.iter().cloned().map(Value::from).collect();
    // -X: the bits as one number (strace's printflags); under raw it
    // counts as named, so a `|` follows it.
    match xlat::style() {
        crate::compat::ConstStyle::Abbrev => (parts, list, any),
        crate::compat::ConstStyle::Raw => (vec![hex(rest)], list, true),
        crate::compat::ConstStyle::Verbose if !any => (parts, list, any),
        crate::compat::ConstStyle::Verbose => (
            vec![format!("{} /* {} */", hex(rest), parts.join("|"))],
            list,
            any,
        ),
    }
}

/// semget/msgget flags: `IPC_CREAT|IPC_EXCL|0600`.
pub(crate) fn get_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let (parts, list, any) = named(&xlat::RESOURCE_FLAGS, v & !PERMS);
    with_perms(parts, list, any, v)
}

/// shmget flags: as [`get_flags`] with the huge page size as
/// `21<<SHM_HUGE_SHIFT` before the permissions.
pub(crate) fn shmget_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let huge_bits = SHM_HUGE_MASK << SHM_HUGE_SHIFT;
    let (mut parts, mut list, any) = named(&xlat::SHM_RESOURCE_FLAGS, v & !PERMS & !huge_bits);
    let huge = (v & huge_bits) >> SHM_HUGE_SHIFT;
    if huge != 0 {
        let h = format!("{huge}<<SHM_HUGE_SHIFT");
        list.push(Value::from(h.clone()));
        // strace's -X: `21<<26`, `21<<26 /* SHM_HUGE_SHIFT */`.
        parts.push(match xlat::style() {
            crate::compat::ConstStyle::Abbrev => h,
            crate::compat::ConstStyle::Raw => format!("{huge}<<{SHM_HUGE_SHIFT}"),
            crate::compat::ConstStyle::Verbose => {
                format!("{huge}<<{SHM_HUGE_SHIFT} /* SHM_HUGE_SHIFT */")
            }
        });
    }
    // The huge page size counts as named: strace prints a `|` after it.
    with_perms(parts, list, any || huge != 0, v)
}

/// A shmctl/semctl/msgctl command (an `int`): `IPC_64|` when that bit is
/// set, then the command from `table`.
pub(crate) fn ctl_cmd(table: &Xlat, v: u64) -> Out {
    let v = v as u32 as u64;
    let cmd = v & !IPC_64;
    let name = table.format_enum(cmd);
    if v & IPC_64 != 0 {
        (
            format!(
                "{}|{name}",
                xlat::styled(|| hex(IPC_64), || "IPC_64".into())
            ),
            Some(json!(["IPC_64", table.enum_json(cmd)])),
        )
    } else {
        (name, Some(table.enum_json(cmd)))
    }
}

/// Never walk more sembufs than this (the kernel's SEMOPM is 500).
const MAX_SOPS: u64 = 1024;
/// `struct sembuf`: unsigned short sem_num, short sem_op, short sem_flg.
const SEMBUF_SIZE: u64 = 6;

/// semop's `struct sembuf` array of `count` elements.
pub(crate) fn sembufs(ctx: &Ctx, v: u64, count: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let count = count as u32 as u64;
    if count == 0 {
        return (addr(v), Some(Value::from(v)));
    }
    let limit = ctx.array_limit();
    let (mut parts, mut values) = (Vec::new(), Vec::new());
    for i in 0..count.min(MAX_SOPS) {
        if parts.len() >= limit {
            parts.push("...".to_string());
            break;
        }
        let at = v + i * SEMBUF_SIZE;
        let mut b = [0u8; SEMBUF_SIZE as usize];
        if !read_exact(ctx.mem, at, &mut b) {
            if i == 0 {
                return (addr(v), Some(Value::from(v)));
            }
            parts.push(format!("... /* {at:#x} */"));
            break;
        }
        let num = u16::from_ne_bytes([b[0], b[1]]);
        let op = i16::from_ne_bytes([b[2], b[3]]);
        let flg = u16::from_ne_bytes([b[4], b[5]]) as u64;
        parts.push(format!(
            "{{sem_num={num}, sem_op={op}, sem_flg={}}}",
            xlat::SEMOP_FLAGS.format_flags(flg)
        ));
        values.push(json!({
            "num": num,
            "op": op,
            "flg": xlat::SEMOP_FLAGS.flags_json(flg),
        }));
    }
    if count > MAX_SOPS && parts.last().is_some_and(|p| p != "...") {
        parts.push("...".to_string());
    }
    (
        format!("[{}]", parts.join(", ")),
        Some(Value::Array(values)),
    )
}

/// msgsnd's `struct msgbuf`: `{mtype=1, mtext="..."}` with `count` bytes
/// of text.
pub(crate) fn msgbuf(ctx: &Ctx, v: u64, count: u64, w: Word) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    // mtype is a `long`: 4 bytes on i386.
    let Some(b) = read_all(ctx, v, w.bytes()) else {
        return (addr(v), Some(Value::from(v)));
    };
    let mtype = Fields(&b).long(0, w);
    let (text, data) = strings::buf(ctx, v.wrapping_add(w.bytes() as u64), count);
    let mut value = json!({ "mtype": mtype });
    if let Some(d) = data {
        value["mtext"] = d;
    }
    (format!("{{mtype={mtype}, mtext={text}}}"), Some(value))
}

/// `IPC_SET`: the command whose struct shmctl, msgctl and semctl read at
/// entry (the other commands' structs are the kernel's answer).
const IPC_SET: u64 = 1;

/// Which control call's struct.
#[derive(Clone, Copy)]
pub(crate) enum CtlStruct {
    /// `struct shmid64_ds`.
    Shm,
    /// `struct msqid64_ds`.
    Msg,
    /// `struct semid64_ds` (semctl's `union semun` holds its address).
    Sem,
}

impl CtlStruct {
    /// The struct's size, and where msg_qbytes is, for the tracee's word.
    fn layout(self, w: Word) -> (usize, usize) {
        match (self, w) {
            (CtlStruct::Shm, Word::W64) => (112, 0),
            (CtlStruct::Msg, Word::W64) => (120, 88),
            (CtlStruct::Sem, Word::W64) => (104, 0),
            // i386's compat structs: a 36-byte ipc64_perm and 32-bit
            // longs, each time split in two.
            (CtlStruct::Shm, Word::W32) => (84, 0),
            (CtlStruct::Msg, Word::W32) => (88, 68),
            (CtlStruct::Sem, Word::W32) => (64, 0),
        }
    }

    fn perm_name(self) -> &'static str {
        match self {
            CtlStruct::Shm => "shm_perm",
            CtlStruct::Msg => "msg_perm",
            CtlStruct::Sem => "sem_perm",
        }
    }
}

/// A uid or gid as strace prints an id: `-1` for the all-ones value.
fn id(v: u32) -> (String, Value) {
    super::process::id_text(v.into(), 4)
}

/// The buffer of shmctl/msgctl/semctl: for `IPC_SET` the fields the
/// kernel takes (`{shm_perm={uid=1000, gid=-1, mode=0640}}`, msgctl's
/// with `msg_qbytes`), otherwise its address, as strace prints it at
/// entry. `cmd` is the command argument (`IPC_64` ignored).
pub(crate) fn ctl_buf(ctx: &Ctx, v: u64, cmd: u64, which: CtlStruct, w: Word) -> Out {
    if (cmd as u32 as u64) & !IPC_64 != IPC_SET || v == 0 {
        return (addr(v), Some(Value::from(v)));
    }
    let (size, qbytes_at) = which.layout(w);
    let Some(b) = read_all(ctx, v, size) else {
        return (addr(v), Some(Value::from(v)));
    };
    let f = Fields(&b);
    let (uid, uj) = id(f.u32(4));
    let (gid, gj) = id(f.u32(8));
    // ipc64_perm's mode: an unsigned int on x86_64, an unsigned short
    // (then padding) in i386's compat struct.
    let mode = match w {
        Word::W64 => f.u32(20) as u64,
        Word::W32 => f.u16(20) as u64,
    };
    let mt = perms_text(mode);
    let perm = which.perm_name();
    let mut text = format!("{{{perm}={{uid={uid}, gid={gid}, mode={mt}}}");
    let mut obj = json!({ perm: { "uid": uj, "gid": gj, "mode": mode } });
    if let CtlStruct::Msg = which {
        let q = f.ulong(qbytes_at, w);
        text.push_str(&format!(", msg_qbytes={q}"));
        obj["msg_qbytes"] = Value::from(q);
    }
    text.push('}');
    (text, Some(obj))
}
