//! Refuses, before anything starts, a kernel that lacks what notrace
//! cannot work without, naming the missing feature and the Linux version
//! that brought it.
//!
//! The features are probed, not read from `uname`: distribution kernels
//! backport features, and a seccomp filter around notrace (a container
//! runtime's) can hide a syscall a new kernel has. Each probe is one
//! syscall that changes nothing. Features notrace can do without
//! (`WAIT_KILLABLE_RECV` 5.19, `SYNC_WAKE_UP` 6.6, `PIDFD_THREAD` 6.9) are
//! not checked here: the code falls back where they are used.

use crate::sys;

/// What the probes found: the errno each probe call ended with (0: it
/// succeeded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probes {
    /// [`sys::probe_user_notif`].
    pub user_notif: i32,
    /// [`sys::probe_pidfd_getfd`].
    pub pidfd_getfd: i32,
    /// [`sys::probe_close_range`].
    pub close_range: i32,
}

impl Probes {
    /// Probes the running kernel.
    pub fn run() -> Self {
        Probes {
            user_notif: sys::probe_user_notif(),
            pidfd_getfd: sys::probe_pidfd_getfd(),
            close_range: sys::probe_close_range(),
        }
    }
}

/// The running kernel's release, for the message (`/proc` rather than a
/// syscall: it is only shown).
fn release() -> String {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// Whether a kernel with `p` can run notrace; `rules`: deny rules are in
/// force. The error is the whole message.
pub fn check_probes(p: &Probes, rules: bool, release: &str) -> Result<(), String> {
    // `errno`: what the probe got instead of the answer a kernel with the
    // feature gives. ENOSYS: an older kernel (or a filter faking one);
    // anything else (EPERM, as container runtimes' filters answer): the
    // call is there but notrace may not make it.
    let missing = |who: &str, version: &str, what: &str, why: &str, errno: i32| {
        if errno == libc::ENOSYS {
            Err(format!(
                "{who} Linux {version} or later: this kernel ({release}) has no {what}{why} (unless a seccomp filter around notrace hides it)"
            ))
        } else {
            let err = std::io::Error::from_raw_os_error(errno).to_string();
            let err = err.split(" (os error").next().unwrap_or_default();
            Err(format!(
                "{who} Linux {version} or later and {what}{why}: here {what} is refused ({err}: a seccomp filter around notrace, a container's, blocks it)"
            ))
        }
    };
    if p.user_notif != 0 {
        return missing(
            "notrace needs",
            "5.0",
            "seccomp user notification",
            " (SECCOMP_RET_USER_NOTIF, built with CONFIG_SECCOMP_FILTER)",
            // Any failure here means the action is unavailable.
            libc::ENOSYS,
        );
    }
    // SECCOMP_USER_NOTIF_FLAG_CONTINUE (5.5), with which every traced call
    // is let through, cannot be probed without a filter; pidfd_getfd came
    // one release later, so a kernel that has it has CONTINUE too. On fd
    // -1 the kernel answers EBADF before checking any permission.
    if p.pidfd_getfd != libc::EBADF {
        return missing(
            "notrace needs",
            "5.6",
            "pidfd_getfd",
            ", to take the seccomp listener from the command",
            p.pidfd_getfd,
        );
    }
    // SECCOMP_IOCTL_NOTIF_ADDFD (5.9), with which a rule hands the tracee
    // the file notrace opened for it, needs a listener to be probed;
    // close_range came in the same release (and notrace's unix-connect
    // child uses it).
    if rules && p.close_range != 0 {
        return missing(
            "deny rules need",
            "5.9",
            "close_range",
            ", which came with SECCOMP_IOCTL_NOTIF_ADDFD (to hand over the files notrace opens)",
            p.close_range,
        );
    }
    Ok(())
}

/// Checks the running kernel (see [`check_probes`]).
pub fn check(rules: bool) -> Result<(), String> {
    check_probes(&Probes::run(), rules, &release())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEW: Probes = Probes {
        user_notif: 0,
        pidfd_getfd: libc::EBADF,
        close_range: 0,
    };

    #[test]
    fn this_kernel_passes() {
        // The machine the tests run on is new enough for every feature.
        assert_eq!(Probes::run(), NEW);
        assert_eq!(check(true), Ok(()));
    }

    #[test]
    fn each_missing_feature_names_its_version() {
        let no_notif = Probes {
            user_notif: libc::EOPNOTSUPP,
            ..NEW
        };
        let e = check_probes(&no_notif, false, "4.19.0").unwrap_err();
        assert!(e.contains("(4.19.0)") && e.contains("Linux 5.0"), "{e}");
        let no_getfd = Probes {
            pidfd_getfd: libc::ENOSYS,
            close_range: libc::ENOSYS,
            ..NEW
        };
        let e = check_probes(&no_getfd, false, "5.4.0").unwrap_err();
        assert!(e.contains("pidfd_getfd") && e.contains("Linux 5.6"), "{e}");
        let no_addfd = Probes {
            close_range: libc::ENOSYS,
            ..NEW
        };
        assert_eq!(check_probes(&no_addfd, false, "5.8.0"), Ok(()));
        let e = check_probes(&no_addfd, true, "5.8.0").unwrap_err();
        assert!(e.contains("ADDFD") && e.contains("Linux 5.9"), "{e}");
        let blocked = Probes {
            pidfd_getfd: libc::EPERM,
            ..NEW
        };
        let e = check_probes(&blocked, false, "6.1.0").unwrap_err();
        assert_eq!(
            e,
            "notrace needs Linux 5.6 or later and pidfd_getfd, to take the seccomp listener from the command: here pidfd_getfd is refused (Operation not permitted: a seccomp filter around notrace, a container's, blocks it)"
        );
    }
}
