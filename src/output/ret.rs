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

fn success(name: &str, args: &[u64; 6], v: i64) -> String {
    match format_of(name) {
        Some("hex") => crate::xlat::hex(v as u64),
        Some("octal") if v != 0 => format!("0{v:o}"),
        Some("fcntl") => match args[1] as u32 as i32 {
            libc::F_GETFD if v != 0 => format!(
                "{} (flags {})",
                crate::xlat::hex(v as u64),
                crate::xlat::FD_FLAGS.format_flags(v as u64)
            ),
            libc::F_GETFL => format!(
                "{} (flags {})",
                crate::xlat::hex(v as u64),
                crate::decode::open_flags_text(v as u64)
            ),
            _ => v.to_string(),
        },
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
