//! Deny rules, enforced on real programs: what the program sees, and what
//! notrace printed about it.

mod common;

use common::*;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

fn stderr_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout_of(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A secret and an ordinary file in a fresh directory.
fn files() -> (PathBuf, PathBuf, PathBuf) {
    let d = tempdir("rules");
    let ok = d.join("ok.txt");
    let secret = d.join("secret.txt");
    std::fs::write(&ok, "ordinary\n").unwrap();
    std::fs::write(&secret, "SECRET\n").unwrap();
    (d, ok, secret)
}

#[test]
fn cat_of_a_denied_path_fails_with_the_rules_errno() {
    let (d, ok, secret) = files();
    let trace = d.join("trace");
    let rule = format!("openat path={} errno=EACCES", s(&secret));
    // -q: an unprivileged run would say on stderr why it has no results.
    let o = run_notrace(&[
        "-q",
        "-e",
        "openat",
        "-o",
        s(&trace),
        "--deny",
        &rule,
        "--",
        "cat",
        s(&ok),
        s(&secret),
    ]);
    let cat_err = stderr_of(&o);
    assert_eq!(o.status.code(), Some(1), "{cat_err}");
    assert_eq!(stdout_of(&o), "ordinary\n", "the allowed file is read");
    assert_eq!(cat_err, format!("cat: {}: Permission denied\n", s(&secret)),);
    let err = std::fs::read_to_string(&trace).unwrap();
    let denied = format!("openat(AT_FDCWD, \"{}\", O_RDONLY", s(&secret));
    assert!(
        err.lines()
            .any(|l| l.starts_with(&denied) && l.ends_with(") = -1 EACCES (Permission denied)")),
        "no denied line in:\n{err}"
    );
    let allowed = format!("openat(AT_FDCWD, \"{}\", O_RDONLY", s(&ok));
    let line = err.lines().find(|l| l.starts_with(&allowed)).expect(&err);
    assert!(!line.contains(" = -1"), "{line}");
}

#[test]
fn denied_calls_are_json_events_and_counted_per_rule() {
    let (_d, ok, secret) = files();
    let rule = format!("openat path={} errno=EACCES", s(&secret));
    // Not traced (-e none), yet denied calls are still events.
    let o = run_notrace(&[
        "--json",
        "-e",
        "none",
        "--deny",
        &rule,
        "--",
        "cat",
        s(&ok),
        s(&secret),
    ]);
    let events = parse_jsonl(&o.stdout);
    let calls: Vec<_> = events.iter().filter(|e| e["type"] == "syscall").collect();
    assert_eq!(calls.len(), 1, "{events:?}");
    let e = calls[0];
    assert_eq!(e["syscall"], "openat");
    assert_eq!(e["action"], "deny");
    assert_eq!(e["errno"], "EACCES");
    assert_eq!(e["errno_nr"], 13);
    assert_eq!(e["rule"], rule);

    let o = run_notrace(&[
        "-c",
        "-e",
        "none",
        "--deny",
        &rule,
        "--",
        "cat",
        s(&secret),
        s(&secret),
    ]);
    let err = stderr_of(&o);
    let row = err
        .lines()
        .find(|l| l.contains(&rule))
        .unwrap_or_else(|| panic!("no row for the rule in:\n{err}"));
    assert!(
        row.split_whitespace().next() == Some("2"),
        "two denials for the rule: {row}\n{err}"
    );
}

#[test]
fn symlinks_hard_links_and_dot_dot_do_not_get_around_a_path_rule() {
    let (d, _ok, secret) = files();
    let sym = d.join("sym");
    let hard = d.join("hard");
    std::os::unix::fs::symlink(&secret, &sym).unwrap();
    std::fs::hard_link(&secret, &hard).unwrap();
    let dotdot = format!(
        "{}/../{}/secret.txt",
        s(&d),
        d.file_name().unwrap().to_str().unwrap()
    );
    let rule = format!("openat path={}", s(&secret));
    for p in [s(&sym), s(&hard), dotdot.as_str()] {
        let o = run_notrace(&["-e", "none", "--deny", &rule, "--", "cat", p]);
        let err = stderr_of(&o);
        assert_eq!(o.status.code(), Some(1), "{p}: {err}");
        assert!(err.contains("Operation not permitted"), "{p}: {err}");
        assert!(!stdout_of(&o).contains("SECRET"), "{p}");
    }
    // Relative to the tracee's cwd.
    let o = notrace_cmd(&["-e", "none", "--deny", &rule, "--", "cat", "secret.txt"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr_of(&o));
}

#[test]
fn creating_files_is_checked_and_keeps_the_callers_umask() {
    let d = tempdir("rules");
    let locked = d.join("locked");
    std::fs::create_dir(&locked).unwrap();
    let rule = format!("creat path={}/**", s(&locked));
    let denied = locked.join("new");
    let allowed = d.join("new");
    let script = format!(
        "umask 027; touch {} ; touch {} ; echo $?",
        s(&allowed),
        s(&denied)
    );
    let o = run_notrace(&["-e", "none", "--deny", &rule, "--", "sh", "-c", &script]);
    let err = stderr_of(&o);
    assert_eq!(stdout_of(&o), "1\n", "{err}");
    assert!(!denied.exists());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&allowed).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "0666 & ~027");
}

#[test]
fn python_connect_to_a_denied_port_raises_permission_error() {
    let allowed = TcpListener::bind("127.0.0.1:0").unwrap();
    let denied = TcpListener::bind("127.0.0.1:0").unwrap();
    let pa = allowed.local_addr().unwrap().port();
    let pd = denied.local_addr().unwrap().port();
    let script = [
        "import socket, sys",
        "for p in sys.argv[1:]:",
        "    for fam, host in ((socket.AF_INET, '127.0.0.1'), (socket.AF_INET6, '::ffff:127.0.0.1')):",
        "        s = socket.socket(fam)",
        "        try:",
        "            s.connect((host, int(p)))",
        "            print('connected', p)",
        "        except PermissionError:",
        "            print('PermissionError', p)",
    ]
    .join("\n");
    let rule = format!("connect port={pd}");
    let o = run_notrace(&[
        "-e",
        "connect",
        "--deny",
        &rule,
        "--",
        "python3",
        "-c",
        &script,
        &pa.to_string(),
        &pd.to_string(),
    ]);
    let err = stderr_of(&o);
    assert!(o.status.success(), "{err}");
    assert_eq!(
        stdout_of(&o),
        format!("connected {pa}\nconnected {pa}\nPermissionError {pd}\nPermissionError {pd}\n"),
        "{err}"
    );
    denied.set_nonblocking(true).unwrap();
    assert!(
        denied.accept().is_err(),
        "the denied listener got a connection"
    );
    allowed.set_nonblocking(true).unwrap();
    assert!(allowed.accept().is_ok());
    let lines = err
        .lines()
        .filter(|l| l.ends_with("= -1 EPERM (Operation not permitted)"));
    assert_eq!(lines.count(), 2, "{err}");
}

#[test]
fn a_rule_on_numbers_alone_stops_mkdir() {
    let d = tempdir("rules");
    let target = d.join("made");
    let o = run_notrace(&["--deny", "mkdir,mkdirat", "--", "mkdir", s(&target)]);
    let err = stderr_of(&o);
    assert!(!o.status.success(), "{err}");
    assert!(!target.exists());
    assert!(
        err.lines()
            .any(|l| l.starts_with("mkdir") && l.ends_with("= -1 EPERM (Operation not permitted)")),
        "{err}"
    );
}

#[test]
fn register_rules_look_at_arguments() {
    // Deny opening for writing (O_WRONLY is 1 in the access mode bits).
    let d = tempdir("rules");
    let f = d.join("f");
    std::fs::write(&f, "x").unwrap();
    let script = format!("cat {0} && echo read; echo y > {0} || echo nowrite", s(&f));
    let o = run_notrace(&[
        "-e",
        "none",
        "--deny",
        "openat arg2&3=1",
        "--",
        "sh",
        "-c",
        &script,
    ]);
    let out = stdout_of(&o);
    assert!(out.starts_with("xread\n"), "{out}{}", stderr_of(&o));
    assert!(out.ends_with("nowrite\n"), "{out}{}", stderr_of(&o));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "x");
}

#[test]
fn int80_open_of_a_denied_path_is_refused() {
    let (_d, ok, secret) = files();
    let rule = format!("openat path={} errno=EACCES", s(&secret));
    let o = trace_fixture(&["-e", "open", "--deny", &rule], "int80", &[s(&secret)]);
    let err = stderr_of(&o);
    assert!(o.status.success(), "{err}");
    let want = format!("open(\"{}\", O_RDONLY", s(&secret));
    assert!(
        err.lines().any(|l| l.starts_with(&want)
            && l.contains("[i386]")
            && l.ends_with("= -1 EACCES (Permission denied)")),
        "{err}"
    );
    let o = trace_fixture(&["-e", "open", "--deny", &rule], "int80", &[s(&ok)]);
    let err = stderr_of(&o);
    assert!(!err.contains("= -1"), "{err}");
}

#[test]
fn open_race_never_reads_the_denied_file() {
    let d = tempdir("rules");
    let a = d.join("fileA");
    let dd = d.join("fileD");
    std::fs::write(&a, "allowed\n").unwrap();
    std::fs::write(&dd, "DENIED\n").unwrap();
    let trace = d.join("trace");
    let rule = format!("openat path={} errno=EACCES", s(&dd));
    let start = Instant::now();
    let o = trace_fixture(
        &["-e", "none", "-o", s(&trace), "--deny", &rule],
        "openrace",
        &[s(&a), s(&dd), "100000"],
    );
    let took = start.elapsed();
    let out = stdout_of(&o);
    assert!(o.status.success(), "{}", stderr_of(&o));
    eprintln!("open race: {out} in {took:?}");
    let get = |k: &str| -> u64 {
        out.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{k}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {k} in {out}"))
    };
    assert_eq!(get("leaked"), 0, "the denied file was read: {out}");
    assert_eq!(get("other"), 0, "{out}");
    assert_eq!(get("opened") + get("denied"), 100_000, "{out}");
    assert!(get("opened") > 50_000, "most opens succeed: {out}");
    assert!(get("denied") > 0, "the race was never run: {out}");
    // Every denial is in the audit trail.
    let t = std::fs::read_to_string(&trace).unwrap();
    let denials = t
        .lines()
        .filter(|l| l.ends_with("= -1 EACCES (Permission denied)"));
    assert_eq!(denials.count() as u64, get("denied"));
}

#[test]
fn connect_race_never_reaches_the_denied_port() {
    let allowed = TcpListener::bind("127.0.0.1:0").unwrap();
    let denied = TcpListener::bind("127.0.0.1:0").unwrap();
    let pa = allowed.local_addr().unwrap().port();
    let pd = denied.local_addr().unwrap().port();
    let stop = Arc::new(AtomicBool::new(false));
    let denied_accepts = Arc::new(AtomicU64::new(0));
    let mut threads = Vec::new();
    for (l, count) in [(allowed, None), (denied, Some(denied_accepts.clone()))] {
        let stop = stop.clone();
        l.set_nonblocking(true).unwrap();
        threads.push(std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                match l.accept() {
                    Ok(_) => {
                        if let Some(c) = &count {
                            c.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_micros(200)),
                }
            }
            // Whatever is still queued counts too.
            while l.accept().is_ok() {
                if let Some(c) = &count {
                    c.fetch_add(1, Ordering::SeqCst);
                }
            }
        }));
    }
    let n = 100_000u64;
    let rule = format!("connect port={pd}");
    let start = Instant::now();
    let o = trace_fixture(
        &["-e", "none", "-o", "/dev/null", "--deny", &rule],
        "connectrace",
        &[&pa.to_string(), &pd.to_string(), &n.to_string()],
    );
    let took = start.elapsed();
    stop.store(true, Ordering::SeqCst);
    for t in threads {
        t.join().unwrap();
    }
    let out = stdout_of(&o);
    assert!(o.status.success(), "{}", stderr_of(&o));
    eprintln!("connect race: {out} in {took:?}");
    assert_eq!(denied_accepts.load(Ordering::SeqCst), 0, "{out}");
    let get = |k: &str| -> u64 {
        out.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{k}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {k} in {out}"))
    };
    assert_eq!(get("other"), 0, "{out}");
    assert_eq!(get("connected") + get("denied"), n, "{out}");
    assert!(get("connected") > n / 2, "most connects succeed: {out}");
    assert!(get("denied") > 0, "the race was never run: {out}");
}

/// Runs notrace with a bad rule and a command that would leave a marker.
fn rejected(args: &[&str], bad_token: &str) {
    let d = tempdir("rules");
    let marker = d.join("started");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--", "touch", s(&marker)]);
    let o = run_notrace(&all);
    let err = stderr_of(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(&format!("'{bad_token}'")), "{args:?}: {err}");
    assert!(err.contains('^'), "a caret under the token: {err}");
    assert!(!marker.exists(), "{args:?}: the command ran");
}

#[test]
fn malformed_rules_exit_2_and_name_the_token() {
    rejected(&["--deny", "openat pth=/x"], "pth");
    rejected(&["--deny", "openat errno=EWHAT"], "EWHAT");
    rejected(&["--deny", "conect port=1"], "conect");
    rejected(&["--deny", "connect port=2000-1000"], "2000-1000");
    rejected(&["--deny", "connect port=65536"], "65536");
    let d = tempdir("rules");
    let file = d.join("policy.rules");
    std::fs::write(&file, "# policy\nmkdir\n\nconnect prot=443\n").unwrap();
    rejected(&["--rules", s(&file)], "prot");
    let o = run_notrace(&["--rules", s(&file), "--", "true"]);
    assert!(
        stderr_of(&o).contains("policy.rules:4"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn a_rules_file_is_one_rule_per_line() {
    let d = tempdir("rules");
    let file = d.join("policy.rules");
    std::fs::write(
        &file,
        "# no directories\nmkdir,mkdirat errno=EACCES # nor here\n",
    )
    .unwrap();
    let target = d.join("made");
    let o = run_notrace(&["-e", "none", "--rules", s(&file), "--", "mkdir", s(&target)]);
    assert!(!o.status.success());
    assert!(!target.exists());
    assert!(
        stderr_of(&o).contains("Permission denied"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn an_emulated_open_past_rlimit_nofile_fails_with_emfile_instead_of_hanging() {
    let (_d, ok, secret) = files();
    let rule = format!("openat path={}", s(&secret));
    // fds 0-2 and 3 fill a limit of 4: the next open must fail with EMFILE.
    let script = format!(
        "ulimit -n 4; exec 3</dev/null; (exec 4<{} && echo opened); echo status=$?",
        s(&ok)
    );
    let mut child = notrace_cmd(&["-e", "none", "--deny", &rule, "--", "sh", "-c", &script])
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the tracee hangs in an open notrace could not install");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let out = stdout_of(&o);
    assert!(!out.contains("opened"), "{out}");
    assert!(out.contains("status="), "{out}\n{}", stderr_of(&o));
    assert!(!out.contains("status=0"), "{out}");
    assert!(
        stderr_of(&o).contains("Too many open files"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn a_covered_call_of_a_tracee_proc_refuses_is_answered_not_left_hanging() {
    let bin = fixture("nodump_connect");
    // Unprivileged, notrace may not read a non-dumpable tracee's /proc
    // entries; as root, drop to nobody so that it cannot either.
    let root = rustix::process::geteuid().is_root();
    let mut args: Vec<&str> = Vec::new();
    let nt = notrace();
    if root {
        require_tool("setpriv", "runs notrace unprivileged");
        args.extend(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        args.push(nt.to_str().unwrap());
    }
    args.extend(["-e", "none", "--deny", "connect port=443", "--"]);
    args.push(bin.to_str().unwrap());
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(&args);
        c
    } else {
        std::process::Command::new(&nt)
    };
    if !root {
        cmd.args(&args);
    }
    let mut child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the tracee hangs in a call notrace never answered");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(stdout_of(&o), "connect=-1 Operation not permitted\n");
    assert!(
        stderr_of(&o).contains("connect(3, NULL, 0) = -1 EPERM"),
        "{}",
        stderr_of(&o)
    );
}

#[test]
fn io_uring_is_no_way_around_a_path_rule() {
    let (_d, _ok, secret) = files();
    let rule = format!("openat path={}", s(&secret));
    let bin = fixture("uring_open");
    let o = run_notrace(&[
        "-e",
        "none",
        "--deny",
        &rule,
        "--",
        bin.to_str().unwrap(),
        s(&secret),
    ]);
    let err = stderr_of(&o);
    assert!(!stdout_of(&o).contains("SECRET"), "{}", stdout_of(&o));
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("setup: Operation not permitted"), "{err}");
    assert!(
        err.contains("io_uring_setup("),
        "the refusal is an event: {err}"
    );
}
