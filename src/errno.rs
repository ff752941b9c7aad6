//! errno names and messages, as strace prints them (`EACCES (Permission
//! denied)`), and parsing of `errno=NAME|NUMBER`.

/// (number, name, message) for the errnos of x86_64 Linux, from
/// `syscall-tables/errnos.tsv`.
pub fn errnos() -> &'static [(i32, &'static str, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(i32, &'static str, &'static str)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../syscall-tables/errnos.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut f = l.splitn(3, '\t');
                Some((f.next()?.parse().ok()?, f.next()?, f.next()?))
            })
            .collect()
    })
}

fn find(errno: i32) -> Option<&'static (i32, &'static str, &'static str)> {
    errnos().iter().find(|e| e.0 == errno)
}

/// The symbolic name of `errno` (`EACCES`), or its number as text.
pub fn name(errno: i32) -> String {
    find(errno)
        .map(|e| e.1.to_string())
        .unwrap_or_else(|| errno.to_string())
}

/// strerror-style message for `errno`.
pub fn message(errno: i32) -> String {
    find(errno)
        .map(|e| e.2.to_string())
        .unwrap_or_else(|| format!("Unknown error {errno}"))
}

/// Parses `EACCES`, `eacces` or `13`.
pub fn parse(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (1..4096).contains(&n).then_some(n);
    }
    errnos()
        .iter()
        .find(|e| e.1.eq_ignore_ascii_case(s))
        .map(|e| e.0)
}

/// strace's text for a failed call's result: `-1 EACCES (Permission
/// denied)`; the kernel's restart codes, which the program never sees as
/// such, as `? ERESTARTSYS (To be restarted if SA_RESTART is set)`.
pub fn strace_result(errno: i32) -> String {
    let lead = if is_restart(errno) { "?" } else { "-1" };
    format!("{lead} {} ({})", name(errno), message(errno))
}

/// ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK: a
/// call interrupted by a signal, restarted or turned into EINTR on the way
/// out.
pub fn is_restart(errno: i32) -> bool {
    matches!(errno, 512..=514 | 516)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_match_libc() {
        assert_eq!(super::parse("EACCES"), Some(libc::EACCES));
        assert_eq!(super::parse("econnrefused"), Some(libc::ECONNREFUSED));
        assert_eq!(super::parse("ENOENT"), Some(libc::ENOENT));
        assert_eq!(super::parse("EWHAT"), None);
        assert_eq!(super::strace_result(13), "-1 EACCES (Permission denied)");
        assert_eq!(
            super::strace_result(512),
            "? ERESTARTSYS (To be restarted if SA_RESTART is set)"
        );
        assert_eq!(super::name(libc::EHOSTDOWN), "EHOSTDOWN");
        assert_eq!(super::message(libc::ENOTEMPTY), "Directory not empty");
        for (n, name, _) in super::errnos() {
            assert_eq!(super::parse(name), Some(*n));
        }
    }
}
