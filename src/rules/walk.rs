//! Resolving a path for a tracee the way the kernel resolves it for the
//! tracee, when notrace performs an open on its behalf.
//!
//! notrace's own lookup would differ from the tracee's in one place the
//! identity checks cannot cover: procfs names that mean "the caller".
//! `/proc/self`, `/proc/thread-self` and everything reached through them
//! (`/dev/fd/N`, `/dev/stdin`, `/proc/net`, `/proc/mounts`) would name
//! notrace. So the path is walked here one component at a time, each with
//! an `O_PATH | O_NOFOLLOW` open relative to the previous one (the kernel
//! checks search permission and crosses mounts at every step, as in its own
//! walk); ordinary symlinks are read and spliced in; at a procfs root
//! `self` and `thread-self` become the tracee's tgid and tid; procfs magic
//! links (`/proc/PID/fd/N`, `cwd`, `root`, `exe`...) are followed by the
//! kernel, which makes them mean the same for any caller once the PID is
//! the tracee's. Every `/proc/PID` entered is recorded, so the caller can
//! refuse what only notrace could open (its own entries, and memory of
//! processes the tracee may not attach to).

use crate::sys;
use std::ffi::CString;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;

/// openat2 `resolve` flags (linux/openat2.h).
pub const RESOLVE_NO_XDEV: u64 = 0x01;
/// Refuse magic links.
pub const RESOLVE_NO_MAGICLINKS: u64 = 0x02;
/// Refuse every symlink.
pub const RESOLVE_NO_SYMLINKS: u64 = 0x04;
/// Stay below the starting directory (EXDEV otherwise).
pub const RESOLVE_BENEATH: u64 = 0x08;
/// Treat the starting directory as the root.
pub const RESOLVE_IN_ROOT: u64 = 0x10;
/// Only succeed from the dentry cache.
pub const RESOLVE_CACHED: u64 = 0x20;
const KNOWN_RESOLVE: u64 = 0x3f;

/// The kernel's limit on symlinks followed in one lookup.
const MAX_LINKS: usize = 40;
/// PROC_ROOT_INO.
const PROC_ROOT_INO: u64 = 1;
const PROC_SUPER_MAGIC: i64 = 0x9fa0;

/// Who the path is resolved for.
#[derive(Debug, Clone, Copy)]
pub struct For {
    /// The tracee's thread group id (what `/proc/self` means).
    pub tgid: i32,
    /// The calling thread (what `/proc/thread-self` means).
    pub tid: i32,
}

/// How to resolve.
#[derive(Debug, Clone, Copy, Default)]
pub struct How {
    /// Follow a symlink in the last component.
    pub follow_last: bool,
    /// openat2 `resolve` flags.
    pub resolve: u64,
    /// The caller creates a missing last component (O_CREAT): a missing
    /// name must come back as [`Walked::Missing`], not an error.
    pub create: bool,
}

/// What a path led to.
#[derive(Debug)]
pub enum Walked {
    /// The object the path names: an `O_PATH` fd of ours (the symlink
    /// itself when the last component is not followed).
    Found(OwnedFd),
    /// Everything but the last component exists; the last does not.
    Missing {
        /// The directory it would be in (`O_PATH`).
        parent: OwnedFd,
        /// The missing name (never empty, `.` or `..`).
        last: Vec<u8>,
    },
}

/// A resolution, with the `/proc/PID` directories it went through.
#[derive(Debug)]
pub struct Walk {
    /// Where it ended.
    pub walked: Walked,
    /// Every numeric `/proc` entry entered, and what was opened inside it
    /// (`(pid, first name below it)`; the name is empty for the directory
    /// itself).
    pub proc_entries: Vec<(i32, Vec<u8>)>,
    /// The object found is on procfs.
    pub on_proc: bool,
}

/// Resolves paths; remembers which devices are procfs.
#[derive(Default)]
pub struct Walker {
    devs: Vec<(u64, bool)>,
}

struct Node {
    fd: OwnedFd,
    dev: u64,
    ino: u64,
    proc: bool,
}

fn errno(e: rustix::io::Errno) -> i32 {
    e.raw_os_error()
}

fn cstr(b: &[u8]) -> Result<CString, i32> {
    CString::new(b.to_vec()).map_err(|_| libc::EINVAL)
}

impl Walker {
    /// A walker with nothing learnt yet.
    pub fn new() -> Walker {
        Walker::default()
    }

    fn is_proc(&mut self, fd: &OwnedFd, dev: u64) -> bool {
        if let Some(&(_, p)) = self.devs.iter().find(|(d, _)| *d == dev) {
            return p;
        }
        let p = rustix::fs::fstatfs(fd).is_ok_and(|s| s.f_type == PROC_SUPER_MAGIC);
        if self.devs.len() < 64 {
            self.devs.push((dev, p));
        }
        p
    }

    fn node(&mut self, fd: OwnedFd) -> Result<(Node, u32), i32> {
        let st = rustix::fs::fstat(&fd).map_err(errno)?;
        let proc = self.is_proc(&fd, st.st_dev);
        Ok((
            Node {
                fd,
                dev: st.st_dev,
                ino: st.st_ino,
                proc,
            },
            st.st_mode,
        ))
    }

    fn open_root(&mut self) -> Result<Node, i32> {
        let fd = rustix::fs::open(
            "/",
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .map_err(errno)?;
        Ok(self.node(fd)?.0)
    }

    /// Resolves `path` for `who` as [`Walker::walk`] does, in one openat2
    /// where that cannot differ from the tracee's own lookup: no `resolve`
    /// flags asked for, no magic link on the way (RESOLVE_NO_MAGICLINKS),
    /// and an object that is not on procfs (the only place where a lookup
    /// means something else for notrace: `/proc/self`). Anything else,
    /// errors included, takes the step-by-step walk.
    pub fn resolve(
        &mut self,
        who: For,
        start: Option<&OwnedFd>,
        path: &[u8],
        how: How,
    ) -> Result<Walk, i32> {
        let anchored = path.first() == Some(&b'/') || start.is_some();
        let scoped = how.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT) != 0;
        // Under RESOLVE_BENEATH/IN_ROOT below a directory other than "/",
        // no lookup can reach procfs's caller-dependent names (magic links
        // are refused there), so the kernel's answer, errors included, is
        // the tracee's: it also catches renames racing a `..`, which a
        // walk from outside cannot.
        let exact = scoped && start.is_some_and(|s| !is_fs_root(s));
        if anchored {
            if let Ok(c) = cstr(path) {
                let mut flags = (libc::O_PATH | libc::O_CLOEXEC) as u64;
                if !how.follow_last {
                    flags |= libc::O_NOFOLLOW as u64;
                }
                let dirfd = start.map_or(libc::AT_FDCWD, |d| d.as_raw_fd());
                match sys::openat2(dirfd, &c, flags, 0, how.resolve | RESOLVE_NO_MAGICLINKS) {
                    Ok(fd) => {
                        if let Ok(st) = rustix::fs::fstat(&fd) {
                            if !self.is_proc(&fd, st.st_dev) {
                                return Ok(Walk {
                                    walked: Walked::Found(fd),
                                    proc_entries: Vec::new(),
                                    on_proc: false,
                                });
                            }
                        }
                    }
                    Err(e) => {
                        let e = e.raw_os_error().unwrap_or(libc::EIO);
                        let missing = e == libc::ENOENT && how.create;
                        if exact && !missing {
                            return Err(e);
                        }
                        if how.resolve & RESOLVE_NO_XDEV != 0 && e == libc::EXDEV {
                            return Err(e);
                        }
                    }
                }
            }
        }
        let mut w = self.walk(who, start, path, how)?;
        if exact {
            // A name to create: its directory must still be below the
            // root (a rename may have moved it out during the walk).
            if let (Walked::Missing { parent, .. }, Some(root)) = (&w.walked, start) {
                if !beneath(parent, root) {
                    return Err(libc::EAGAIN);
                }
            }
        }
        if let Walked::Found(fd) = &w.walked {
            w.on_proc = rustix::fs::fstat(fd).is_ok_and(|st| self.is_proc(fd, st.st_dev));
        }
        Ok(w)
    }

    /// Resolves `path` for `who`, starting at `start` (the tracee's dirfd
    /// or cwd, as an fd of ours) for a relative path or under
    /// `RESOLVE_BENEATH`/`RESOLVE_IN_ROOT`. Errors are positive errnos, the
    /// ones the tracee's own lookup would get.
    pub fn walk(
        &mut self,
        who: For,
        start: Option<&OwnedFd>,
        path: &[u8],
        how: How,
    ) -> Result<Walk, i32> {
        if how.resolve & !KNOWN_RESOLVE != 0 {
            return Err(libc::EINVAL);
        }
        if how.resolve & RESOLVE_CACHED != 0 {
            // "Retry without RESOLVE_CACHED" is always a correct answer.
            return Err(libc::EAGAIN);
        }
        if how.resolve & RESOLVE_BENEATH != 0 && how.resolve & RESOLVE_IN_ROOT != 0 {
            return Err(libc::EINVAL);
        }
        if path.is_empty() {
            return Err(libc::ENOENT);
        }
        let scoped = how.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT) != 0;
        let dup = |fd: &OwnedFd| {
            fd.try_clone()
                .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))
        };
        // The root this lookup may not leave.
        let root = match (scoped, start) {
            (true, Some(s)) => {
                let fd = dup(s)?;
                self.node(fd)?.0
            }
            (true, None) => return Err(libc::EBADF),
            _ => self.open_root()?,
        };
        let mut cur = if path[0] == b'/' {
            if how.resolve & RESOLVE_BENEATH != 0 {
                return Err(libc::EXDEV);
            }
            Node {
                fd: dup(&root.fd)?,
                ..root
            }
        } else {
            match start {
                Some(s) => {
                    let fd = dup(s)?;
                    self.node(fd)?.0
                }
                None => return Err(libc::EBADF),
            }
        };
        let must_dir = path.last() == Some(&b'/');
        // Components still to walk, last first (so pop gives the next).
        let mut todo: Vec<Vec<u8>> = split(path);
        let mut links = 0usize;
        let mut proc_entries: Vec<(i32, Vec<u8>)> = Vec::new();
        // The /proc/PID we are inside of and whether its first name below
        // was recorded yet.
        let mut in_pid: Option<usize> = None;
        if cur.proc && cur.ino != PROC_ROOT_INO {
            // Starting inside a /proc/PID directory (a dirfd or cwd there):
            // that PID counts as entered.
            if let Some(pid) = fd_path(&cur.fd).and_then(|p| proc_pid_of(&p)) {
                proc_entries.push((pid, b"?".to_vec()));
            }
        }
        if todo.is_empty() {
            // "/" or "///": the root itself.
            return found(cur.fd, proc_entries);
        }
        while let Some(mut comp) = todo.pop() {
            let last = todo.is_empty();
            let follow = !last || how.follow_last || must_dir;
            if comp == b"." {
                if last {
                    return found(cur.fd, proc_entries);
                }
                continue;
            }
            if comp == b".." {
                if cur.dev == root.dev && cur.ino == root.ino {
                    if how.resolve & RESOLVE_BENEATH != 0 {
                        return Err(libc::EXDEV);
                    }
                    // At the root, `..` is the root.
                } else {
                    let fd = openat_path(&cur.fd, b"..", false)?;
                    let (n, _) = self.node(fd)?;
                    if how.resolve & RESOLVE_NO_XDEV != 0 && n.dev != cur.dev {
                        return Err(libc::EXDEV);
                    }
                    cur = n;
                }
                in_pid = None;
                if last {
                    return found(cur.fd, proc_entries);
                }
                continue;
            }
            let at_proc_root = cur.proc && cur.ino == PROC_ROOT_INO;
            if at_proc_root {
                // What the caller's /proc/self would be.
                if comp == b"self" {
                    comp = who.tgid.to_string().into_bytes();
                } else if comp == b"thread-self" {
                    comp = who.tgid.to_string().into_bytes();
                    todo.push(who.tid.to_string().into_bytes());
                    todo.push(b"task".to_vec());
                }
            }
            let last = todo.is_empty();
            let fd = match openat_path(&cur.fd, &comp, false) {
                Ok(fd) => fd,
                Err(libc::ENOENT) if last && !must_dir => {
                    return Ok(Walk {
                        walked: Walked::Missing {
                            parent: cur.fd,
                            last: comp,
                        },
                        proc_entries,
                        on_proc: false,
                    });
                }
                Err(e) => return Err(e),
            };
            if at_proc_root {
                if let Some(pid) = std::str::from_utf8(&comp).ok().and_then(|s| s.parse().ok()) {
                    proc_entries.push((pid, Vec::new()));
                    in_pid = Some(proc_entries.len() - 1);
                }
            } else if let Some(i) = in_pid.take() {
                if proc_entries[i].1.is_empty() {
                    proc_entries[i].1 = comp.clone();
                }
            }
            let (next, mode) = self.node(fd)?;
            if how.resolve & RESOLVE_NO_XDEV != 0 && next.dev != cur.dev {
                return Err(libc::EXDEV);
            }
            let kind = mode & libc::S_IFMT;
            if kind == libc::S_IFLNK {
                if last && !follow {
                    return found(next.fd, proc_entries);
                }
                if how.resolve & RESOLVE_NO_SYMLINKS != 0 {
                    return Err(libc::ELOOP);
                }
                links += 1;
                if links > MAX_LINKS {
                    return Err(libc::ELOOP);
                }
                if cur.proc && !at_proc_root {
                    // A procfs magic link (fd/N, cwd, root, exe, ns/...):
                    // the kernel follows it to the very object, which is
                    // the same for any caller of the same PID.
                    if how.resolve & (RESOLVE_NO_MAGICLINKS | RESOLVE_BENEATH | RESOLVE_IN_ROOT)
                        != 0
                    {
                        return Err(libc::ELOOP);
                    }
                    let fd = openat_path(&cur.fd, &comp, true)?;
                    let (n, m) = self.node(fd)?;
                    if n.proc {
                        // The link leads into procfs (another process's
                        // cwd, root or fd there): which /proc/PID it is in.
                        if let Some(pid) = fd_path(&n.fd).and_then(|p| proc_pid_of(&p)) {
                            proc_entries.push((pid, b"?".to_vec()));
                        }
                    }
                    if !last && m & libc::S_IFMT != libc::S_IFDIR {
                        return Err(libc::ENOTDIR);
                    }
                    if last {
                        if must_dir && m & libc::S_IFMT != libc::S_IFDIR {
                            return Err(libc::ENOTDIR);
                        }
                        return found(n.fd, proc_entries);
                    }
                    cur = n;
                    in_pid = None;
                    continue;
                }
                let target = rustix::fs::readlinkat(&next.fd, "", Vec::new())
                    .map_err(errno)?
                    .into_bytes();
                if target.is_empty() {
                    return Err(libc::ENOENT);
                }
                todo.extend(split(&target));
                if target[0] == b'/' {
                    if how.resolve & RESOLVE_BENEATH != 0 {
                        return Err(libc::EXDEV);
                    }
                    cur = Node {
                        fd: dup(&root.fd)?,
                        ..root
                    };
                    in_pid = None;
                }
                if todo.is_empty() {
                    return found(cur.fd, proc_entries);
                }
                continue;
            }
            if last {
                if must_dir && kind != libc::S_IFDIR {
                    return Err(libc::ENOTDIR);
                }
                return found(next.fd, proc_entries);
            }
            if kind != libc::S_IFDIR {
                return Err(libc::ENOTDIR);
            }
            cur = next;
        }
        found(cur.fd, proc_entries)
    }
}

/// Whether `fd` is the directory `/`.
fn is_fs_root(fd: &OwnedFd) -> bool {
    let (Ok(a), Ok(b)) = (rustix::fs::fstat(fd), rustix::fs::stat("/")) else {
        return false;
    };
    a.st_dev == b.st_dev && a.st_ino == b.st_ino
}

/// Whether directory `dir` is `root` or below it now, climbing `..`.
fn beneath(dir: &OwnedFd, root: &OwnedFd) -> bool {
    let id = |f: &OwnedFd| rustix::fs::fstat(f).ok().map(|s| (s.st_dev, s.st_ino));
    let Some(want) = id(root) else {
        return false;
    };
    let Ok(mut cur) = dir.try_clone() else {
        return false;
    };
    for _ in 0..4096 {
        let Some(here) = id(&cur) else {
            return false;
        };
        if here == want {
            return true;
        }
        let Ok(up) = openat_path(&cur, b"..", false) else {
            return false;
        };
        if id(&up) == Some(here) {
            // "/" reached.
            return false;
        }
        cur = up;
    }
    false
}

/// The PID of a path `/proc/PID/...`.
fn proc_pid_of(p: &[u8]) -> Option<i32> {
    let rest = p.strip_prefix(b"/proc/")?;
    let end = rest.iter().position(|&c| c == b'/').unwrap_or(rest.len());
    std::str::from_utf8(&rest[..end]).ok()?.parse().ok()
}

/// The walk ended at `fd` (on procfs or not is found out by the caller).
fn found(fd: OwnedFd, proc_entries: Vec<(i32, Vec<u8>)>) -> Result<Walk, i32> {
    Ok(Walk {
        walked: Walked::Found(fd),
        proc_entries,
        on_proc: false,
    })
}

/// The components of `p`, in reverse order (the next one last), without
/// empty ones; a trailing `/` adds a final `.` so that it must be a
/// directory.
fn split(p: &[u8]) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = p
        .split(|&c| c == b'/')
        .filter(|c| !c.is_empty())
        .map(|c| c.to_vec())
        .collect();
    if p.last() == Some(&b'/') && !v.is_empty() {
        v.push(b".".to_vec());
    }
    v.reverse();
    v
}

/// `openat(dir, name, O_PATH | O_CLOEXEC [| O_NOFOLLOW])`.
fn openat_path(dir: &OwnedFd, name: &[u8], follow: bool) -> Result<OwnedFd, i32> {
    let c = cstr(name)?;
    let mut flags = (libc::O_PATH | libc::O_CLOEXEC) as u64;
    if !follow {
        flags |= libc::O_NOFOLLOW as u64;
    }
    sys::openat2(dir.as_fd().as_raw_fd(), &c, flags, 0, 0)
        .map_err(|e| e.raw_os_error().unwrap_or(libc::EIO))
}

/// The path of one of our fds, as the kernel prints it.
pub fn fd_path(fd: &OwnedFd) -> Option<Vec<u8>> {
    std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))
        .ok()
        .map(|p| p.as_os_str().as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> For {
        For {
            tgid: std::process::id() as i32,
            tid: rustix::thread::gettid().as_raw_nonzero().get(),
        }
    }

    fn found(w: Walk) -> Vec<u8> {
        match w.walked {
            Walked::Found(fd) => fd_path(&fd).unwrap(),
            Walked::Missing { .. } => panic!("missing"),
        }
    }

    fn follow() -> How {
        How {
            follow_last: true,
            resolve: 0,
            create: false,
        }
    }

    #[test]
    fn proc_self_means_the_given_process() {
        let mut w = Walker::new();
        let who = For { tgid: 1, tid: 1 };
        let r = w.walk(who, None, b"/proc/self", How::default()).unwrap();
        assert_eq!(found(r), b"/proc/1");
        let r = w.walk(who, None, b"/proc/thread-self", follow()).unwrap();
        assert_eq!(found(r), b"/proc/1/task/1");
        let r = w.walk(who, None, b"/proc/self/status", follow()).unwrap();
        assert_eq!(r.proc_entries, vec![(1, b"status".to_vec())]);
    }

    #[test]
    fn symlinks_dots_and_missing_names() {
        let d = std::env::temp_dir().join(format!("notrace-pathwalk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::write(d.join("a/b/f"), "x").unwrap();
        std::os::unix::fs::symlink("a/b", d.join("rel")).unwrap();
        std::os::unix::fs::symlink(d.join("a/b/f"), d.join("abs")).unwrap();
        std::os::unix::fs::symlink("nowhere", d.join("dangling")).unwrap();
        std::os::unix::fs::symlink("loop", d.join("loop")).unwrap();
        let base = d.as_os_str().as_bytes().to_vec();
        let mut w = Walker::new();
        let p = |s: &str| [base.as_slice(), s.as_bytes()].concat();
        let r = w.walk(me(), None, &p("/rel/f"), follow()).unwrap();
        assert_eq!(found(r), p("/a/b/f"));
        let r = w.walk(me(), None, &p("/rel/../b/./f"), follow()).unwrap();
        assert_eq!(found(r), p("/a/b/f"));
        let r = w.walk(me(), None, &p("/abs"), follow()).unwrap();
        assert_eq!(found(r), p("/a/b/f"));
        // Not following the last: the link itself.
        let r = w.walk(me(), None, &p("/abs"), How::default()).unwrap();
        assert_eq!(found(r), p("/abs"));
        match w
            .walk(me(), None, &p("/dangling"), follow())
            .unwrap()
            .walked
        {
            Walked::Missing { parent, last } => {
                assert_eq!(fd_path(&parent).unwrap(), base);
                assert_eq!(last, b"nowhere");
            }
            _ => panic!("dangling link should lead to a missing name"),
        }
        assert_eq!(
            w.walk(me(), None, &p("/loop"), follow()).unwrap_err(),
            libc::ELOOP
        );
        assert_eq!(
            w.walk(me(), None, &p("/a/b/f/x"), follow()).unwrap_err(),
            libc::ENOTDIR
        );
        assert_eq!(
            w.walk(me(), None, &p("/a/b/f/"), follow()).unwrap_err(),
            libc::ENOTDIR
        );
        assert_eq!(
            w.walk(me(), None, &p("/nope/x"), follow()).unwrap_err(),
            libc::ENOENT
        );
        // Beneath a directory: absolute paths and escapes are EXDEV.
        let start = rustix::fs::open(
            d.join("a").as_path(),
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY,
            rustix::fs::Mode::empty(),
        )
        .unwrap();
        let beneath = How {
            follow_last: true,
            resolve: RESOLVE_BENEATH,
            create: false,
        };
        assert_eq!(
            w.walk(me(), Some(&start), b"../a/b/f", beneath)
                .unwrap_err(),
            libc::EXDEV
        );
        assert_eq!(
            w.walk(me(), Some(&start), b"/etc", beneath).unwrap_err(),
            libc::EXDEV
        );
        let r = w.walk(me(), Some(&start), b"b/f", beneath).unwrap();
        assert_eq!(found(r), p("/a/b/f"));
        // In root: `..` stops at the start.
        let in_root = How {
            follow_last: true,
            resolve: RESOLVE_IN_ROOT,
            create: false,
        };
        let r = w.walk(me(), Some(&start), b"../../b/f", in_root).unwrap();
        assert_eq!(found(r), p("/a/b/f"));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_walk_from_inside_proc_pid_counts_that_pid() {
        let mut w = Walker::new();
        let start = rustix::fs::open(
            "/proc/self",
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY,
            rustix::fs::Mode::empty(),
        )
        .unwrap();
        let r = w.resolve(me(), Some(&start), b"status", follow()).unwrap();
        assert_eq!(r.proc_entries[0].0, me().tgid);
    }

    #[test]
    fn the_one_call_shortcut_never_answers_for_procfs() {
        let mut w = Walker::new();
        let who = For { tgid: 1, tid: 1 };
        let r = w
            .resolve(who, None, b"/proc/self/status", follow())
            .unwrap();
        assert_eq!(found(r), b"/proc/1/status");
        // Through a magic link: the walk, which follows it for the given
        // process (here ourselves: pid 1's root may be out of reach).
        let r = w.resolve(me(), None, b"/proc/self/root/etc", follow());
        let r = r.unwrap_or_else(|e| panic!("errno {e}"));
        assert_eq!(r.proc_entries[0], (me().tgid, b"root".to_vec()));
        let r = w.resolve(who, None, b"/etc/hostname", follow()).unwrap();
        assert!(r.proc_entries.is_empty());
        assert_eq!(found(r), b"/etc/hostname");
    }

    #[test]
    fn dev_fd_and_stdin_mean_the_tracee() {
        // /dev/fd -> /proc/self/fd: resolved for "pid 1", it must go
        // through /proc/1, never through our own /proc entry.
        if !std::path::Path::new("/dev/fd").exists() {
            eprintln!("skipped: no /dev/fd here");
            return;
        }
        let mut w = Walker::new();
        let who = For { tgid: 1, tid: 1 };
        if let Ok(r) = w.walk(who, None, b"/dev/fd", How::default()) {
            assert!(r.proc_entries.is_empty() || r.proc_entries[0].0 == 1);
        }
        let me = me();
        let r = w.walk(me, None, b"/dev/stdin", follow());
        if let Ok(r) = r {
            assert_eq!(r.proc_entries[0].0, me.tgid);
            assert_eq!(r.proc_entries[0].1, b"fd");
        }
    }
}
