//! `-P PATH`: does a call touch one of the chosen paths?
//!
//! As strace's `-P`, a call matches when one of its path arguments names a
//! chosen path, or one of its fd arguments (dirfds included) is open on
//! one. Unlike strace, which compares path strings as written, a relative
//! path is also resolved against its dirfd (`/proc/PID/fd/N`) or the
//! process's working directory, and `.`/`..` are folded, so `cat hostname`
//! run in `/etc` matches `-P /etc/hostname`. Symbolic links in the traced
//! path are not followed (that would race the tracee); the caller may add
//! the canonical form of each chosen path to `paths`.

use crate::decode::HostLookup;
use crate::event::DecodedArg;
use crate::kinds::{ArgDef, ArgKind};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

const AT_FDCWD: i32 = -100;

/// `path` with `.` and `..` folded lexically (`/a/./b/../c` is `/a/c`).
fn fold(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                // `..` of the root is the root.
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The bytes of a decoded path argument, from its JSON value (a string, or
/// `{"hex": ...}` for bytes that are not UTF-8). `None` when the path
/// could not be read in full.
fn path_bytes(arg: &DecodedArg) -> Option<Vec<u8>> {
    match arg.value.as_ref()? {
        serde_json::Value::String(s) => Some(s.as_bytes().to_vec()),
        serde_json::Value::Object(o) => {
            let h = o.get("hex")?.as_str()?;
            (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok())
                .collect()
        }
        _ => None,
    }
}

fn is_chosen(p: &Path, paths: &[PathBuf]) -> bool {
    let folded = fold(p);
    paths.iter().any(|want| want == p || fold(want) == folded)
}

/// The directory a relative path at argument `i` is resolved against: the
/// nearest dirfd argument before it, else the working directory.
fn base_dir(
    i: usize,
    defs: &[ArgDef],
    raw: &[u64; 6],
    pid: i32,
    host: &dyn HostLookup,
) -> Option<PathBuf> {
    let dirfd = (0..i)
        .rev()
        .find(|&j| defs.get(j).is_some_and(|d| d.kind == ArgKind::Dirfd))
        .map(|j| raw[j] as u32 as i32);
    let bytes = match dirfd {
        Some(fd) if fd != AT_FDCWD => host.fd_path(pid, fd)?,
        _ => host.cwd(pid)?,
    };
    Some(PathBuf::from(OsStr::from_bytes(&bytes)))
}

/// Whether the call whose decoded arguments are `args` (described by
/// `defs`, raw registers `raw`, made by thread `pid`) touches one of
/// `paths`: a path argument that names one (as written, or resolved), or
/// an fd or dirfd argument open on one.
pub fn touches(
    args: &[DecodedArg],
    defs: &[ArgDef],
    raw: &[u64; 6],
    pid: i32,
    host: &dyn HostLookup,
    paths: &[PathBuf],
) -> bool {
    for (i, (def, arg)) in defs.iter().zip(args).enumerate() {
        match def.kind {
            ArgKind::Path => {
                let Some(bytes) = path_bytes(arg) else {
                    continue;
                };
                let p = Path::new(OsStr::from_bytes(&bytes));
                if is_chosen(p, paths) {
                    return true;
                }
                if p.is_relative() {
                    if let Some(base) = base_dir(i, defs, raw, pid, host) {
                        if is_chosen(&base.join(p), paths) {
                            return true;
                        }
                    }
                }
            }
            ArgKind::Fd | ArgKind::Dirfd => {
                let fd = raw[i] as u32 as i32;
                if fd < 0 {
                    continue;
                }
                if let Some(target) = host.fd_path(pid, fd) {
                    if is_chosen(Path::new(OsStr::from_bytes(&target)), paths) {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{decode_args_with, DecodeOptions};
    use crate::memory::FakeMemory;

    const P: u64 = 0x10_0000;

    /// fd 3 is /etc, fd 4 is /etc/hostname, the cwd is /home/u.
    struct Host;
    impl HostLookup for Host {
        fn fd_path(&self, _pid: i32, fd: i32) -> Option<Vec<u8>> {
            match fd {
                3 => Some(b"/etc".to_vec()),
                4 => Some(b"/etc/hostname".to_vec()),
                _ => None,
            }
        }
        fn if_name(&self, _: u32) -> Option<String> {
            None
        }
        fn cwd(&self, _pid: i32) -> Option<Vec<u8>> {
            Some(b"/home/u".to_vec())
        }
    }

    fn def(kind: ArgKind) -> ArgDef {
        ArgDef {
            name: "a",
            kind,
            kind_name: "k",
        }
    }

    /// Decodes `kinds` with `raw` over memory holding `s` at P, then asks.
    fn check(kinds: &[ArgKind], raw: &[u64], s: &[u8], paths: &[&str]) -> bool {
        let mut r = [0u64; 6];
        r[..raw.len()].copy_from_slice(raw);
        let mut bytes = s.to_vec();
        bytes.push(0);
        let mem = FakeMemory::default().with(P, bytes);
        let defs: Vec<ArgDef> = kinds.iter().map(|&k| def(k)).collect();
        let args = decode_args_with(&defs, &r, 1, &mem, &DecodeOptions::default(), &Host);
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        touches(&args, &defs, &r, 1, &Host, &paths)
    }

    const AT: u64 = AT_FDCWD as u32 as u64;

    #[test]
    fn absolute_path_matches_as_written_and_folded() {
        let k = [ArgKind::Dirfd, ArgKind::Path, ArgKind::OpenFlags];
        assert!(check(&k, &[AT, P, 0], b"/etc/hostname", &["/etc/hostname"]));
        assert!(check(
            &k,
            &[AT, P, 0],
            b"/etc/./x/../hostname",
            &["/etc/hostname"]
        ));
        assert!(check(
            &k,
            &[AT, P, 0],
            b"/etc/hostname",
            &["/tmp", "/etc/hostname/"]
        ));
        assert!(!check(&k, &[AT, P, 0], b"/etc/hosts", &["/etc/hostname"]));
    }

    #[test]
    fn relative_path_resolves_against_cwd_or_dirfd() {
        let k = [ArgKind::Dirfd, ArgKind::Path, ArgKind::OpenFlags];
        // AT_FDCWD: the cwd, /home/u.
        assert!(check(&k, &[AT, P, 0], b"notes.txt", &["/home/u/notes.txt"]));
        assert!(check(
            &k,
            &[AT, P, 0],
            b"../u/./notes.txt",
            &["/home/u/notes.txt"]
        ));
        assert!(!check(&k, &[AT, P, 0], b"notes.txt", &["/etc/notes.txt"]));
        // dirfd 5 is unknown: not resolvable, no match (and no panic).
        assert!(!check(&k, &[5, P, 0], b"hostname", &["/home/u/hostname"]));
        // A path with no dirfd argument (chdir, access) uses the cwd.
        assert!(check(&[ArgKind::Path], &[P], b"x", &["/home/u/x"]));
    }

    #[test]
    fn fd_and_dirfd_arguments_match_by_what_they_are_open_on() {
        assert!(check(
            &[ArgKind::Fd, ArgKind::Ulong],
            &[4, 10],
            b"",
            &["/etc/hostname"]
        ));
        assert!(!check(
            &[ArgKind::Fd, ArgKind::Ulong],
            &[3, 10],
            b"",
            &["/etc/hostname"]
        ));
        // The dirfd itself is the chosen directory, as strace matches it;
        // and the path relative to it resolves into it.
        let k = [ArgKind::Dirfd, ArgKind::Path, ArgKind::OpenFlags];
        assert!(check(&k, &[3, P, 0], b"passwd", &["/etc"]));
        assert!(check(&k, &[3, P, 0], b"hostname", &["/etc/hostname"]));
        // Junk in the upper half of the fd register is ignored.
        assert!(check(
            &[ArgKind::Fd],
            &[0xdead_0000_0000_0004],
            b"",
            &["/etc/hostname"]
        ));
        // Negative fds and output pointers never match.
        assert!(!check(
            &[ArgKind::Fd],
            &[u32::MAX as u64],
            b"",
            &["/etc/hostname"]
        ));
        assert!(!check(
            &[ArgKind::OutPtr],
            &[P],
            b"/etc/hostname",
            &["/etc/hostname"]
        ));
    }

    #[test]
    fn unreadable_or_non_utf8_paths() {
        let k = [ArgKind::Path];
        // Not mapped: nothing to compare.
        assert!(!check(&k, &[P + 0x1000], b"", &["/etc"]));
        // Non-UTF-8 bytes go through the JSON hex form.
        assert!(!check(&k, &[P], b"/tmp/\xff", &["/tmp/\u{fffd}", "/tmp/x"]));
        let mut r = [0u64; 6];
        r[0] = P;
        let mem = FakeMemory::default().with(P, b"/tmp/\xff\0");
        let defs = [def(ArgKind::Path)];
        let args = decode_args_with(&defs, &r, 1, &mem, &DecodeOptions::default(), &Host);
        let want = PathBuf::from(OsStr::from_bytes(b"/tmp/\xff"));
        assert!(touches(&args, &defs, &r, 1, &Host, &[want]));
    }
}
