//! SysV IPC arguments (shm*, sem*, msg*) as strace prints them at entry:
//! keys, creation flags with their permissions in octal, control
//! commands, and the semop and msgsnd buffers.

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
            .map_or_else(|| hex(v), str::to_string),
        Some(xlat::IPC_PRIVATE.enum_json(v)),
    )
}

/// Joins flag texts, the permissions last.
fn with_perms(mut parts: Vec<String>, mut list: Vec<Value>, v: u64) -> Out {
    let p = v & PERMS;
    let pt = perms_text(p);
    parts.push(pt.clone());
    list.push(Value::from(pt));
    (parts.join("|"), Some(Value::Array(list)))
}

/// strace's `%#03o`: `0600`, `007`, `000`.
fn perms_text(p: u64) -> String {
    format!("{:0>3}", oct(p))
}

/// Named bits of `rest` (none for zero), unknown ones in hex.
fn named(t: &Xlat, rest: u64) -> (Vec<String>, Vec<Value>) {
    if rest == 0 {
        return (vec![], vec![]);
    }
    let (names, left) = t.split_flags(rest);
    let mut parts: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    if left != 0 {
        parts.push(hex(left));
    }
    let list = parts.iter().cloned().map(Value::from).collect();
    (parts, list)
}

/// semget/msgget flags: `IPC_CREAT|IPC_EXCL|0600`.
pub(crate) fn get_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let (parts, list) = named(&xlat::RESOURCE_FLAGS, v & !PERMS);
    with_perms(parts, list, v)
}

/// shmget flags: as [`get_flags`] with the huge page size as
/// `21<<SHM_HUGE_SHIFT` before the permissions.
pub(crate) fn shmget_flags(v: u64) -> Out {
    let v = v as u32 as u64;
    let huge_bits = SHM_HUGE_MASK << SHM_HUGE_SHIFT;
    let (mut parts, mut list) = named(&xlat::SHM_RESOURCE_FLAGS, v & !PERMS & !huge_bits);
    let huge = (v & huge_bits) >> SHM_HUGE_SHIFT;
    if huge != 0 {
        let h = format!("{huge}<<SHM_HUGE_SHIFT");
        list.push(Value::from(h.clone()));
        parts.push(h);
    }
    with_perms(parts, list, v)
}

/// A shmctl/semctl/msgctl command (an `int`): `IPC_64|` when that bit is
/// set, then the command from `table`.
pub(crate) fn ctl_cmd(table: &Xlat, v: u64) -> Out {
    let v = v as u32 as u64;
    let cmd = v & !IPC_64;
    let name = table.format_enum(cmd);
    if v & IPC_64 != 0 {
        (
            format!("IPC_64|{name}"),
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
pub(crate) fn msgbuf(ctx: &Ctx, v: u64, count: u64) -> Out {
    if v == 0 {
        return ("NULL".into(), None);
    }
    let mut b = [0u8; 8];
    if !read_exact(ctx.mem, v, &mut b) {
        return (addr(v), Some(Value::from(v)));
    }
    let mtype = i64::from_ne_bytes(b);
    let (text, data) = strings::buf(ctx, v.wrapping_add(8), count);
    let mut value = json!({ "mtype": mtype });
    if let Some(d) = data {
        value["mtext"] = d;
    }
    (format!("{{mtype={mtype}, mtext={text}}}"), Some(value))
}
