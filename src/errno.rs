//! errno names and messages, as strace prints them (`EACCES (Permission
//! denied)`), and parsing of `errno=NAME|NUMBER`.

/// (number, name, message) for the errnos of x86_64 Linux.
pub const ERRNOS: &[(i32, &str, &str)] = &[
    (1, "EPERM", "Operation not permitted"),
    (2, "ENOENT", "No such file or directory"),
    (3, "ESRCH", "No such process"),
    (4, "EINTR", "Interrupted system call"),
    (5, "EIO", "Input/output error"),
    (6, "ENXIO", "No such device or address"),
    (7, "E2BIG", "Argument list too long"),
    (8, "ENOEXEC", "Exec format error"),
    (9, "EBADF", "Bad file descriptor"),
    (10, "ECHILD", "No child processes"),
    (11, "EAGAIN", "Resource temporarily unavailable"),
    (12, "ENOMEM", "Cannot allocate memory"),
    (13, "EACCES", "Permission denied"),
    (14, "EFAULT", "Bad address"),
    (15, "ENOTBLK", "Block device required"),
    (16, "EBUSY", "Device or resource busy"),
    (17, "EEXIST", "File exists"),
    (18, "EXDEV", "Invalid cross-device link"),
    (19, "ENODEV", "No such device"),
    (20, "ENOTDIR", "Not a directory"),
    (21, "EISDIR", "Is a directory"),
    (22, "EINVAL", "Invalid argument"),
    (23, "ENFILE", "Too many open files in system"),
    (24, "EMFILE", "Too many open files"),
    (25, "ENOTTY", "Inappropriate ioctl for device"),
    (26, "ETXTBSY", "Text file busy"),
    (27, "EFBIG", "File too large"),
    (28, "ENOSPC", "No space left on device"),
    (29, "ESPIPE", "Illegal seek"),
    (30, "EROFS", "Read-only file system"),
    (31, "EMLINK", "Too many links"),
    (32, "EPIPE", "Broken pipe"),
    (33, "EDOM", "Numerical argument out of domain"),
    (34, "ERANGE", "Numerical result out of range"),
    (35, "EDEADLK", "Resource deadlock avoided"),
    (36, "ENAMETOOLONG", "File name too long"),
    (37, "ENOLCK", "No locks available"),
    (38, "ENOSYS", "Function not implemented"),
    (39, "ENOTEMPTY", "Directory not empty"),
    (40, "ELOOP", "Too many levels of symbolic links"),
    (61, "ENODATA", "No data available"),
    (62, "ETIME", "Timer expired"),
    (71, "EPROTO", "Protocol error"),
    (75, "EOVERFLOW", "Value too large for defined data type"),
    (
        84,
        "EILSEQ",
        "Invalid or incomplete multibyte or wide character",
    ),
    (88, "ENOTSOCK", "Socket operation on non-socket"),
    (89, "EDESTADDRREQ", "Destination address required"),
    (90, "EMSGSIZE", "Message too long"),
    (91, "EPROTOTYPE", "Protocol wrong type for socket"),
    (92, "ENOPROTOOPT", "Protocol not available"),
    (93, "EPROTONOSUPPORT", "Protocol not supported"),
    (94, "ESOCKTNOSUPPORT", "Socket type not supported"),
    (95, "EOPNOTSUPP", "Operation not supported"),
    (
        97,
        "EAFNOSUPPORT",
        "Address family not supported by protocol",
    ),
    (98, "EADDRINUSE", "Address already in use"),
    (99, "EADDRNOTAVAIL", "Cannot assign requested address"),
    (100, "ENETDOWN", "Network is down"),
    (101, "ENETUNREACH", "Network is unreachable"),
    (103, "ECONNABORTED", "Software caused connection abort"),
    (104, "ECONNRESET", "Connection reset by peer"),
    (105, "ENOBUFS", "No buffer space available"),
    (106, "EISCONN", "Transport endpoint is already connected"),
    (107, "ENOTCONN", "Transport endpoint is not connected"),
    (110, "ETIMEDOUT", "Connection timed out"),
    (111, "ECONNREFUSED", "Connection refused"),
    (113, "EHOSTUNREACH", "No route to host"),
    (114, "EALREADY", "Operation already in progress"),
    (115, "EINPROGRESS", "Operation now in progress"),
    (122, "EDQUOT", "Disk quota exceeded"),
    (125, "ECANCELED", "Operation canceled"),
];

/// The symbolic name of `errno` (`EACCES`), or its number as text.
pub fn name(errno: i32) -> String {
    ERRNOS
        .iter()
        .find(|e| e.0 == errno)
        .map(|e| e.1.to_string())
        .unwrap_or_else(|| errno.to_string())
}

/// strerror-style message for `errno`.
pub fn message(errno: i32) -> String {
    ERRNOS
        .iter()
        .find(|e| e.0 == errno)
        .map(|e| e.2.to_string())
        .unwrap_or_else(|| format!("Unknown error {errno}"))
}

/// Parses `EACCES`, `eacces` or `13`.
pub fn parse(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (1..4096).contains(&n).then_some(n);
    }
    ERRNOS
        .iter()
        .find(|e| e.1.eq_ignore_ascii_case(s))
        .map(|e| e.0)
}

/// strace's text for a failed call's result: `-1 EACCES (Permission denied)`.
pub fn strace_result(errno: i32) -> String {
    format!("-1 {} ({})", name(errno), message(errno))
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
        for (n, name, _) in super::ERRNOS {
            assert_eq!(super::parse(name), Some(*n));
        }
    }
}
