//! A call's result as strace prints it after ` = `: `3`, `0x7f12...` for
//! addresses, `-1 ENOENT (No such file or directory)`, `?` for a call
//! that never returned. How each call's value prints is data
//! (`syscall-tables/returns.tsv`).

use crate::event::{Arch, Outcome};
use std::fmt::Write;

/// The format of a call's successful value, from the table.
fn format_of(name: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("../../syscall-tables/returns.tsv")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .filter_map(|l| l.split_once('\t'))
                .collect()
        })
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, f)| *f)
}

/// The text after ` = `, or `None` when nothing is known (results not
/// collected, or not yet).
pub fn text(name: &str, _arch: Arch, args: &[u64; 6], r: Outcome) -> Option<String> {
    match r {
        Outcome::NotCollected | Outcome::Pending => None,
        Outcome::NoReturn => Some("?".into()),
        Outcome::Unavailable => Some("? <unavailable>".into()),
        Outcome::Returned(_) if r.errno().is_some() => {
            Some(crate::errno::strace_result(r.errno().unwrap_or(0)))
        }
        Outcome::Returned(v) => Some(success(name, args, v)),
    }
}

/// fcntl's F_GETSIG (include/uapi/asm-generic/fcntl.h; libc lacks it).
const F_GETSIG: i32 = 11;

fn success(name: &str, args: &[u64; 6], v: i64) -> String {
    use crate::xlat;
    let u = v as u64;
    // `0x1 (flags FD_CLOEXEC)`: the value in hex, then its name.
    let named = |what: String| format!("{} ({what})", xlat::hex(u));
    let dec_named = |what: String| format!("{v} ({what})");
    match format_of(name) {
        Some("hex") => xlat::hex(u),
        // strace's %#03o.
        Some("umask") => {
            let digits = if v == 0 {
                "0".to_string()
            } else {
                format!("0{v:o}")
            };
            format!("{digits:0>3}")
        }
        Some("fcntl") => match args[1] as u32 as i32 {
            libc::F_GETFD if v != 0 => named(format!("flags {}", xlat::FD_FLAGS.format_flags(u))),
            libc::F_GETFL => named(format!("flags {}", crate::decode::open_flags_text(u))),
            F_GETSIG if v != 0 => dec_named(crate::decode::signal_name(v as i32)),
            libc::F_GETLEASE => named(xlat::LEASE_TYPES.format_enum(u)),
            libc::F_GET_SEALS if v != 0 => {
                named(format!("seals {}", xlat::SEAL_FLAGS.format_flags(u)))
            }
            _ => v.to_string(),
        },
        Some("prctl") => match args[0] as u32 as i32 {
            libc::PR_GET_DUMPABLE => dec_named(xlat::SUID_DUMP_MODES.format_enum(u)),
            libc::PR_MCE_KILL_GET => dec_named(xlat::MCE_KILL_POLICIES.format_enum(u)),
            libc::PR_GET_SECUREBITS if v != 0 => named(xlat::SECBITS.format_flags(u)),
            // An unsigned long (a slack above 2^63 is not a negative).
            libc::PR_GET_TIMERSLACK => u.to_string(),
            _ => v.to_string(),
        },
        Some("timeout") if v == 0 => "0 (Timeout)".into(),
        Some("personality") => named(crate::decode::personality_text(u)),
        Some("sched_policy") => dec_named(xlat::SCHED_POLICIES.format(u)),
        Some("signal") if v > 0 => dec_named(crate::decode::signal_name(v as i32)),
        Some("ioprio") => dec_named(crate::decode::ioprio_text(u)),
        Some("ldt") if (0xffff_f000..=0xffff_ffff).contains(&u) => {
            let e = (u as u32).wrapping_neg() as i32;
            format!(
                "{u} {} ({})",
                crate::errno::name(e),
                crate::errno::message(e)
            )
        }
        _ => v.to_string(),
    }
}

/// How a call ended, as far as its line's end needs it.
pub struct Ending<'a> {
    /// The syscall.
    pub name: &'a str,
    /// Its argument registers (fcntl's result prints by its command).
    pub args: &'a [u64; 6],
    /// What it returned.
    pub result: Outcome,
    /// Time in the call.
    pub duration_ns: Option<u64>,
    /// The returned fd's path, where known for sure (`-y`).
    pub ret_path: Option<&'a str>,
}

impl Ending<'_> {
    /// ` = 3</etc/x> <0.000012>`: the result, the returned fd's path, and
    /// with `durations` (`-T`) the time in the call; nothing when nothing
    /// is known.
    pub fn write(&self, out: &mut String, durations: bool) {
        let Some(t) = text(self.name, Arch::native(), self.args, self.result) else {
            return;
        };
        let _ = write!(out, " = {t}");
        if let (Outcome::Returned(v), Some(p)) = (self.result, self.ret_path) {
            if v >= 0 {
                let _ = write!(out, "<{p}>");
            }
        }
        if let (true, Some(d)) = (durations, self.duration_ns) {
            let _ = write!(out, " <{}.{:06}>", d / 1_000_000_000, d / 1000 % 1_000_000);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, a1: u64, r: Outcome) -> Option<String> {
        text(name, Arch::X86_64, &[0, a1, 0, 0, 0, 0], r)
    }

    #[test]
    fn results_print_as_strace_does() {
        assert_eq!(t("openat", 0, Outcome::Returned(3)).unwrap(), "3");
        assert_eq!(
            t("openat", 0, Outcome::Returned(-2)).unwrap(),
            "-1 ENOENT (No such file or directory)"
        );
        assert_eq!(
            t("mmap", 0, Outcome::Returned(0x7f12_3456_7000)).unwrap(),
            "0x7f1234567000"
        );
        assert_eq!(t("umask", 0, Outcome::Returned(0o22)).unwrap(), "022");
        assert_eq!(
            t("modify_ldt", 0, Outcome::Returned(0xffff_ffda)).unwrap(),
            "4294967258 ENOSYS (Function not implemented)"
        );
        assert_eq!(t("modify_ldt", 0, Outcome::Returned(16)).unwrap(), "16");
        assert_eq!(t("umask", 0, Outcome::Returned(0)).unwrap(), "000");
        assert_eq!(t("umask", 0, Outcome::Returned(2)).unwrap(), "002");
        assert_eq!(t("umask", 0, Outcome::Returned(0o777)).unwrap(), "0777");
        assert_eq!(t("poll", 0, Outcome::Returned(0)).unwrap(), "0 (Timeout)");
        assert_eq!(t("poll", 0, Outcome::Returned(2)).unwrap(), "2");
        assert_eq!(
            t("fcntl", libc::F_GETFD as u64, Outcome::Returned(1)).unwrap(),
            "0x1 (flags FD_CLOEXEC)"
        );
        assert_eq!(
            t("fcntl", libc::F_GETFL as u64, Outcome::Returned(0x8002)).unwrap(),
            "0x8002 (flags O_RDWR|O_LARGEFILE)"
        );
        assert_eq!(
            t("read", 0, Outcome::Returned(-512)).unwrap(),
            "? ERESTARTSYS (To be restarted if SA_RESTART is set)"
        );
        assert_eq!(t("exit_group", 0, Outcome::NoReturn).unwrap(), "?");
        assert_eq!(t("read", 0, Outcome::NotCollected), None);
        assert_eq!(t("read", 0, Outcome::Pending), None);
    }
}
