//! Red-team findings: ways a tracee gets around a deny rule docs/rules.md
//! calls race-free or refused, reaches notrace itself, or is harmed by
//! notrace. Each test first runs its fixture without notrace (so the
//! fixture is known to work and to say what the kernel does), then under
//! notrace, and asserts what the program saw; each fails until the finding
//! it names is fixed.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn sigio_case(signum: &str) {
    let (d, secret) = secret_dir("rt-sigio");
    let allowed = d.join("allowed");
    std::fs::write(&allowed, "ok\n").unwrap();
    let rule = format!("openat path={}", s(&secret));
    let fargs = [signum, s(&secret), s(&allowed)];
    // Bare, the signal goes to the fixture's parent: the test harness's
    // run_bounded child is the fixture itself, so its parent is the test
    // process; aim it at a throwaway parent instead (sh).
    let sh = format!(
        "{} {} {} {}; exit 0",
        s(&fixture("rt_sigio")),
        fargs[0],
        fargs[1],
        fargs[2]
    );
    let mut c = Command::new("sh");
    c.args(["-c", &sh]);
    let (b, _) = run_bounded(c, Duration::from_secs(10));
    let bs = text(&b.stdout);
    assert_eq!(said(&bs, "setown"), Some("ok"), "bare: {bs}");
    let (out, killed) = traced(
        &["-e", "none", "--deny", &rule],
        "rt_sigio",
        &fargs,
        Duration::from_secs(10),
    );
    let o = text(&out.stdout);
    let e = text(&out.stderr);
    assert!(!killed, "notrace hung: stopped by its tracee\n{o}\n{e}");
    // notrace must outlive the signal its tracee aimed at it (refuse the
    // F_SETOWN, or survive it): the rule still decides, allowed opens work.
    assert_eq!(
        out.status.code(),
        Some(0),
        "notrace died (status {:?}): a tracee killed it with F_SETOWN + O_ASYNC\n{o}\n{e}",
        out.status
    );
    assert_eq!(said(&o, "secret"), Some("EPERM"), "{o}\n{e}");
    assert_eq!(said(&o, "allowed"), Some("ok"), "{o}\n{e}");
}

/// Finding: `fcntl(fd, F_SETOWN, notrace_pid)` + `O_ASYNC` is a way to
/// signal notrace that no guarded call sees; SIGIO's default action kills
/// it (the keeper then fails every covered call closed, allowed ones too).
#[test]
fn f_setown_sigio_does_not_kill_notrace() {
    sigio_case("0");
}

/// Finding: the same with `F_SETSIG SIGSTOP` stops notrace: every covered
/// call of every tracee hangs (the keeper only steps in when notrace dies).
#[test]
fn f_setown_sigstop_does_not_stop_notrace() {
    sigio_case("19");
}

/// Finding (critical): with a connect rule in force notrace performs unix
/// connects itself, so the server end's `SO_PEERPIDFD` is a pidfd of
/// notrace. A root tracee takes the seccomp listener with `pidfd_getfd`,
/// stops notrace with `pidfd_send_signal` and answers its own open of the
/// denied file with CONTINUE.
#[test]
fn so_peerpidfd_of_an_emulated_connect_does_not_hand_out_notrace() {
    if !is_root() {
        eprintln!("skipped: needs root (pidfd_getfd of a non-dumpable notrace)");
        return;
    }
    let (d, secret) = secret_dir("rt-peerpidfd");
    let (b, _) = bare(
        "rt_peerpidfd",
        &[s(&d), s(&secret)],
        Duration::from_secs(10),
    );
    let bs = text(&b.stdout);
    assert!(bs.contains("peer is myself"), "bare: {bs}");
    let rule = format!("openat path={}", s(&secret));
    let (out, killed) = traced(
        &[
            "-e",
            "none",
            "--deny",
            &rule,
            "--deny",
            "connect addr=/nowhere",
        ],
        "rt_peerpidfd",
        &[s(&d), s(&secret)],
        Duration::from_secs(20),
    );
    let o = text(&out.stdout);
    let e = text(&out.stderr);
    assert!(!killed, "hung\n{o}\n{e}");
    assert!(
        !o.contains("SECRET"),
        "the tracee read the denied file with notrace's own listener:\n{o}\n{e}"
    );
    assert!(
        !o.contains("took notrace's fd"),
        "the tracee took notrace's seccomp listener:\n{o}\n{e}"
    );
}

/// Finding: the O_CREAT path opens, with the tracee's O_TRUNC, whatever
/// appeared at a name the walk found missing: a hard link to the denied
/// file made in between is truncated before the check refuses the open.
#[test]
fn o_creat_race_does_not_truncate_a_denied_file() {
    let (d, secret) = secret_dir("rt-trunc");
    let work = d.join("w");
    std::fs::create_dir(&work).unwrap();
    // Bare, the race truncates it (nothing denies it).
    let (b, _) = {
        let mut c = Command::new(fixture("rt_creatrace"));
        c.args(["trunc", s(&work), s(&secret)])
            .env("RT_SECONDS", "5");
        run_bounded(c, Duration::from_secs(20))
    };
    assert!(
        text(&b.stdout).contains("truncated"),
        "bare: {}",
        text(&b.stdout)
    );
    std::fs::write(&secret, "SECRET\n").unwrap();
    let rule = format!("openat path={}", s(&secret));
    let mut c = Command::new(notrace());
    c.args(["-e", "none", "--deny", &rule, "--"])
        .arg(fixture("rt_creatrace"))
        .args(["trunc", s(&work), s(&secret)])
        .env("RT_SECONDS", "5");
    let (out, killed) = run_bounded(c, Duration::from_secs(30));
    let o = text(&out.stdout);
    assert!(!killed, "hung: {o}");
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        "SECRET\n",
        "the denied file was truncated through a racing hard link: {o}"
    );
}

/// Finding: the same race with a FIFO makes notrace's supervisor thread
/// block in open(2) of it: every covered call of every tracee hangs, no
/// signal interrupts it, and notrace does not even exit after its command.
/// Bare, a timer signal interrupts the blocked open every 100 ms.
#[test]
fn o_creat_race_with_a_fifo_does_not_block_notrace() {
    let d = tempdir("rt-fifo");
    let (b, bk) = {
        let mut c = Command::new(fixture("rt_creatrace"));
        c.args(["fifo", s(&d)]).env("RT_SECONDS", "3");
        run_bounded(c, Duration::from_secs(15))
    };
    assert!(!bk, "bare run hung: {}", text(&b.stdout));
    assert!(text(&b.stdout).contains("nothing happened"));
    let mut c = Command::new(notrace());
    c.args([
        "-e",
        "none",
        "--deny",
        "openat path=/nonexistent/secret",
        "--",
    ])
    .arg(fixture("rt_creatrace"))
    .args(["fifo", s(&d)])
    .env("RT_SECONDS", "10");
    let (out, killed) = run_bounded(c, Duration::from_secs(25));
    assert!(
        !killed,
        "notrace hung in an open of a FIFO swapped in for a missing name\n{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains("nothing happened"));
}

/// Finding: `openat2(RESOLVE_IN_ROOT)` performed by notrace escapes its
/// root when a directory is renamed out of it during the walk (the kernel
/// answers EAGAIN then, thanks to rename_lock).
#[test]
fn resolve_in_root_never_escapes_under_a_rename_race() {
    let d = tempdir("rt-inroot");
    let (b, _) = bare("rt_inroot", &[s(&d)], Duration::from_secs(20));
    assert_eq!(b.status.code(), Some(0), "bare: {}", text(&b.stdout));
    let (out, killed) = traced(
        &["-e", "none", "--deny", "openat path=/nonexistent/secret"],
        "rt_inroot",
        &[s(&d)],
        Duration::from_secs(30),
    );
    let o = text(&out.stdout);
    assert!(!killed, "hung: {o}");
    assert!(!o.contains("ESCAPED"), "{o}");
    assert_eq!(out.status.code(), Some(0), "{o}");
}

fn threadfds_case(mode: &str) {
    let d = tempdir("rt-threadfds");
    let (b, _) = bare("rt_threadfds", &[mode, s(&d)], Duration::from_secs(10));
    let want = text(&b.stdout);
    assert!(
        want.contains("= one") || want.contains("= two"),
        "bare: {want}"
    );
    let (out, killed) = traced(
        &["-e", "none", "--deny", "openat path=/nonexistent/secret"],
        "rt_threadfds",
        &[mode, s(&d)],
        Duration::from_secs(10),
    );
    assert!(!killed);
    assert_eq!(
        text(&out.stdout),
        want,
        "openat(dirfd) of a thread resolved against another fd table under notrace"
    );
}

/// Finding: notrace takes a dirfd with pidfd_getfd on the thread group
/// leader; a thread that unshared its fd table (unshare(CLONE_FILES)) has
/// its own fd N, and its openat(N, ...) opens a file in another directory.
#[test]
fn openat_dirfd_of_a_thread_with_its_own_fd_table() {
    threadfds_case("unshare");
}

/// Finding: once the main thread has exited (pthread_exit), every
/// openat(dirfd, ...) of the other threads fails with ESRCH under notrace.
#[test]
fn openat_dirfd_after_the_main_thread_exited() {
    threadfds_case("leaderexit");
}

/// Finding: a unix connect through `/proc/self/fd/N` (how programs reach
/// a socket whose path is longer than sun_path) is resolved by notrace as
/// itself: notrace's fd N, not the tracee's. (It also lets a tracee probe
/// notrace's own fds through connect errors.)
#[test]
fn unix_connect_through_proc_self_fd_means_the_tracee() {
    let d = tempdir("rt-procfdsock");
    let (b, _) = bare("rt_procfdsock", &[s(&d)], Duration::from_secs(10));
    assert_eq!(b.status.code(), Some(0), "bare: {}", text(&b.stdout));
    let (out, killed) = traced(
        &["-e", "none", "--deny", "connect addr=/nowhere"],
        "rt_procfdsock",
        &[s(&d)],
        Duration::from_secs(10),
    );
    assert!(!killed);
    assert_eq!(text(&out.stdout), text(&b.stdout), "{}", text(&out.stderr));
}

/// Finding (deny bypass, no race): below a directory chain longer than
/// PATH_MAX the glob walk at start records no identity (it builds path
/// strings: ENAMETOOLONG), and notrace cannot read the real path of what
/// is opened, so a file that existed when notrace started, under a `**`
/// rule, opens.
#[test]
fn a_glob_rule_holds_below_path_max() {
    let d = tempdir("rt-deep");
    let tree = d.join("tree");
    // Made before notrace starts: its identity must be recorded.
    let (b, _) = bare("rt_deep", &[s(&tree)], Duration::from_secs(10));
    assert!(
        text(&b.stdout).contains("open(f, O_RDONLY) = ok"),
        "bare: {}",
        text(&b.stdout)
    );
    let rule = format!("openat path={}/**", s(&tree));
    let (out, killed) = traced(
        &["-e", "none", "--deny", &rule],
        "rt_deep",
        &[s(&tree)],
        Duration::from_secs(10),
    );
    assert!(!killed);
    let o = text(&out.stdout);
    assert!(
        o.contains("open(f, O_RDONLY) = Operation not permitted"),
        "a file under the denied tree opened:\n{o}\n{}",
        text(&out.stderr)
    );
}

/// Finding (harm): O_CREAT of a new file in a directory deeper than
/// PATH_MAX fails with ENOENT under notrace (the parent's real path cannot
/// be read), where it succeeds bare.
#[test]
fn o_creat_below_path_max_works() {
    let d = tempdir("rt-deepcreat");
    let (b, _) = bare("rt_deep", &[s(&d.join("bare"))], Duration::from_secs(10));
    assert!(text(&b.stdout).contains("open(f, O_CREAT) = ok"));
    let (out, killed) = traced(
        &["-e", "none", "--deny", "openat path=/nonexistent/secret"],
        "rt_deep",
        &[s(&d.join("traced"))],
        Duration::from_secs(10),
    );
    assert!(!killed);
    assert_eq!(text(&out.stdout), text(&b.stdout));
}

/// Finding: pidfs file handles are a way to a pidfd of notrace that needs
/// neither `pidfd_open` nor `/proc`: the handle of the tracee's own pidfd
/// holds a sequential inode number, so notrace's is forged by counting
/// down and opened with `open_by_handle_at(FD_PIDFS_ROOT, ...)`, which is
/// refused only under `path=` rules. With a connect rule alone, any tracee
/// can then `pidfd_send_signal(SIGKILL)` notrace, and a root one can
/// `pidfd_getfd` its seccomp listener.
#[test]
fn a_connect_rule_alone_keeps_pidfs_handles_of_notrace_out_of_reach() {
    let mut c = Command::new("sh");
    c.args(["-c", &format!("{}; exit 0", s(&fixture("rt_pidfshandle")))]);
    let (b, _) = run_bounded(c, Duration::from_secs(10));
    let bs = text(&b.stdout);
    if bs.contains("open_by_handle_at:") || bs.contains("name_to_handle_at:") {
        eprintln!("skipped: this kernel has no pidfs file handles: {bs}");
        return;
    }
    assert!(bs.contains("pidfd of notrace"), "bare: {bs}");
    let (out, killed) = traced(
        &["-e", "none", "--deny", "connect port=443"],
        "rt_pidfshandle",
        &[],
        Duration::from_secs(10),
    );
    let o = text(&out.stdout);
    assert!(!killed, "hung: {o}");
    assert!(
        !o.contains("pidfd of notrace"),
        "the tracee opened a pidfd of notrace from a forged pidfs handle:\n{o}"
    );
}

/// Finding (harm, any tracee): an open of a regular file can block, here
/// in break_lease() while another process holds a write lease. notrace
/// reopens regular files on its supervisor thread: the open no longer
/// ends with EINTR when a signal comes, and every covered call of every
/// tracee waits meanwhile (up to lease-break-time, 45 s by default; the
/// fixture's lease holder gives up after 5 s).
#[test]
fn an_open_blocked_on_a_lease_stays_interruptible_and_blocks_no_one_else() {
    let d = tempdir("rt-lease");
    let (b, _) = bare("rt_lease", &[s(&d)], Duration::from_secs(20));
    let bs = text(&b.stdout);
    if bs.contains("F_SETLEASE") {
        eprintln!("skipped: leases unavailable here: {bs}");
        return;
    }
    assert!(bs.contains("open of the leased file: EINTR"), "bare: {bs}");
    let (out, killed) = traced(
        &["-e", "none", "--deny", "openat path=/nonexistent/secret"],
        "rt_lease",
        &[s(&d)],
        Duration::from_secs(30),
    );
    let o = text(&out.stdout);
    assert!(!killed, "hung: {o}");
    assert!(
        o.contains("open of the leased file: EINTR"),
        "the blocked open was not interrupted by SIGALRM under notrace:\n{o}"
    );
    assert!(
        o.contains("took 0.") || o.contains("took 1."),
        "another tracee's open waited for the blocked one:\n{o}"
    );
}

/// Finding: RESOLVE_NO_XDEV is checked by comparing st_dev, but a bind
/// mount of a directory of the same filesystem has the same st_dev: the
/// kernel refuses the crossing (EXDEV), notrace's walk lets it through.
#[test]
fn resolve_no_xdev_refuses_a_bind_mount_crossing() {
    if !is_root() {
        eprintln!("skipped: needs root to make a bind mount");
        return;
    }
    let d = tempdir("rt-xdev");
    std::fs::create_dir_all(d.join("src")).unwrap();
    std::fs::write(d.join("src/file"), "x").unwrap();
    std::fs::create_dir_all(d.join("mnt")).unwrap();
    let m = Command::new("mount")
        .args(["--bind", s(&d.join("src")), s(&d.join("mnt"))])
        .status();
    if !m.is_ok_and(|st| st.success()) {
        eprintln!("skipped: mount --bind failed here");
        return;
    }
    let target = d.join("mnt/file");
    let (b, _) = bare("rt_openat2", &[s(&target), "1"], Duration::from_secs(10));
    let (out, _) = traced(
        &["-e", "none", "--deny", "openat path=/nonexistent/secret"],
        "rt_openat2",
        &[s(&target), "1"],
        Duration::from_secs(10),
    );
    let _ = Command::new("umount").arg(d.join("mnt")).status();
    assert_eq!(text(&b.stdout), "openat2=EXDEV\n", "bare");
    assert_eq!(text(&out.stdout), text(&b.stdout), "{}", text(&out.stderr));
}

/// Finding: an O_PATH open is checked, then let through, so a buffer
/// flipped between "/proc/self" and "/proc/<notrace>" gives the tracee an
/// O_PATH fd of notrace's own /proc directory (won on the first tries
/// here). Used as the dirfd of an open notrace performs, the walk starts
/// inside notrace's entry, records no /proc/PID, and follows notrace's
/// magic links for the tracee: `fd/N` opens notrace's own files and pipes
/// (its stdout, its `-o` log, its wake-up pipe), `readlinkat` lists them.
#[test]
fn no_open_goes_through_notraces_proc_directory() {
    let (out, killed) = traced(
        &["-e", "none", "--deny", "openat path=/nonexistent/secret"],
        "rt_opathrace",
        &[],
        Duration::from_secs(45),
    );
    let o = text(&out.stdout);
    assert!(!killed, "hung: {o}");
    assert!(
        !o.contains("fd/1, O_WRONLY) = ok"),
        "the tracee opened notrace's own stdout through /proc/<notrace>/fd/1:\n{o}"
    );
}

/// The SO_PEERPIDFD finding for an ordinary tracee: it cannot take the
/// listener (notrace is non-dumpable) but `pidfd_send_signal(SIGKILL)`
/// needs only the same uid, and kills notrace.
#[test]
fn so_peerpidfd_does_not_let_an_ordinary_tracee_kill_notrace() {
    let (d, secret) = secret_dir("rt-peerpidfd-nobody");
    let rule = format!("openat path={}", s(&secret));
    let Some((out, killed)) = traced_as_nobody(
        &[
            "-e",
            "none",
            "--deny",
            &rule,
            "--deny",
            "connect addr=/nowhere",
        ],
        "rt_peerpidfd",
        &[s(&d), s(&secret), "kill"],
        Duration::from_secs(20),
    ) else {
        eprintln!("skipped: needs root and setpriv to run notrace as nobody");
        return;
    };
    let o = text(&out.stdout);
    let e = text(&out.stderr);
    assert!(!killed, "hung\n{o}\n{e}");
    assert!(
        !o.contains("pidfd_send_signal(SIGKILL) to notrace = 0"),
        "an ordinary tracee killed notrace through SO_PEERPIDFD:\n{o}\n{e}"
    );
    assert!(
        o.lines()
            .any(|l| l.contains("open allowed file after:") && l.ends_with("(ok)")),
        "allowed opens must keep working:\n{o}\n{e}"
    );
}

/// The F_SETOWN finding for an ordinary tracee (the same uid suffices for
/// the kernel's SIGIO permission check).
#[test]
fn f_setown_sigio_of_an_ordinary_tracee_does_not_kill_notrace() {
    let (d, secret) = secret_dir("rt-sigio-nobody");
    let allowed = d.join("allowed");
    std::fs::write(&allowed, "ok\n").unwrap();
    let rule = format!("openat path={}", s(&secret));
    let Some((out, killed)) = traced_as_nobody(
        &["-e", "none", "--deny", &rule],
        "rt_sigio",
        &["0", s(&secret), s(&allowed)],
        Duration::from_secs(10),
    ) else {
        eprintln!("skipped: needs root and setpriv to run notrace as nobody");
        return;
    };
    let o = text(&out.stdout);
    assert!(!killed, "hung: {o}");
    assert_eq!(out.status.code(), Some(0), "notrace died: {o}");
    assert_eq!(said(&o, "allowed"), Some("ok"), "{o}");
}
