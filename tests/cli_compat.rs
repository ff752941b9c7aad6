//! strace's command line under notrace: every option is done with strace's
//! meaning or refused with exit status 2 and the reason, never run as the
//! command; `[pid N]` prefixes as strace puts them.

mod common;

use common::{fixture, run_notrace, tempdir, text};
use std::path::Path;

/// Runs notrace and returns (exit code, stdout, stderr).
fn nt(args: &[&str]) -> (Option<i32>, String, String) {
    let o = run_notrace(args);
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

fn chdir_fixture() -> String {
    fixture("cli_chdir").to_str().unwrap().to_string()
}

#[test]
fn unknown_options_are_refused_not_run() {
    let d = tempdir("cli-unknown");
    let marker = d.join("ran");
    let m = marker.to_str().unwrap();
    for opt in ["--bogus", "-W", "--summary-too"] {
        let (code, _, err) = nt(&[opt, "touch", m]);
        assert_eq!(code, Some(2), "{opt}: {err}");
        assert!(
            err.contains(&format!("unexpected argument '{opt}'")),
            "{opt}: {err}"
        );
        assert!(err.contains("tip:"), "{opt}: no suggestion: {err}");
    }
    assert!(!marker.exists(), "an unknown option ran the command");
}

#[test]
fn strace_options_notrace_cannot_do_are_refused_with_the_reason() {
    let d = tempdir("cli-refused");
    let marker = d.join("ran");
    let m = marker.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["-p", "1"],
            "-p: notrace cannot attach to a running process",
        ),
        (&["-k"], "-k: no stack traces"),
        (&["-b", "execve"], "-b: notrace cannot detach"),
        (&["-D"], "-D: notrace runs the command as its child"),
        (&["-I", "1"], "-I: notrace never blocks signals"),
        (&["-a", "40"], "-a: notrace does not align"),
        (&["-O", "1"], "-O: notrace has no per-call overhead"),
        (&["-U", "name"], "-U: the summary's columns are fixed"),
        (&["-d"], "-d: notrace has no debug output"),
        (&["--tips"], "--tips"),
        (&["--syscall-limit", "3"], "--syscall-limit"),
        (&["-e", "signal=SIGCHLD"], "notrace does not see signals"),
        (&["-e", "read=3"], "never reads output buffers"),
        (&["-e", "write=1"], "-e write=1"),
        (&["-e", "raw=open"], "-e raw=open"),
        (&["-e", "kvm=vcpu"], "-e kvm=vcpu"),
        (&["-e", "abbrev=openat"], "-e abbrev=openat"),
        (&["-e", "verbose=none"], "-e verbose=none"),
        (
            &["-e", "inject=openat:retval=0"],
            "retval= is not implemented",
        ),
        (&["-e", "inject=openat"], "no action given"),
        (&["-e", "inject=chdir:error=EPERM:when=0"], "bad number '0'"),
        (&["--decode-pids=pidns"], "pidns"),
        (&["-S", "min-time"], "-S min-time"),
        (&["-X", "fancy"], "-X fancy"),
        (&["-E", "=x"], "-E =x: no variable name"),
    ];
    for (opts, why) in cases {
        let mut args = opts.to_vec();
        args.extend(["touch", m]);
        let (code, _, err) = nt(&args);
        assert_eq!(code, Some(2), "{opts:?}: {err}");
        assert!(err.starts_with("notrace: "), "{opts:?}: {err}");
        assert!(err.contains(why), "{opts:?}: wanted {why:?} in {err}");
    }
    // -p alone (strace's usual form, no command) is told why too.
    let (code, _, err) = nt(&["-p", "1"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("-p: notrace cannot attach"), "{err}");
    assert!(!marker.exists(), "a refused option ran the command");
}

#[test]
fn no_command_is_an_error() {
    let (code, _, err) = nt(&[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no COMMAND given"), "{err}");
}

#[test]
fn an_invalid_syscall_number_is_refused_as_strace_does() {
    let (code, _, err) = nt(&["-e", "9999", "true"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("invalid system call '9999'"), "{err}");
    // Numbers in the table and trace= sets still work.
    let (code, _, err) = nt(&[
        "--no-results",
        "-e",
        "trace=39",
        "-e",
        "getppid",
        "sh",
        "-c",
        "true",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("getpid()") || err.contains("getppid()"),
        "{err}"
    );
}

#[test]
fn summary_is_dash_c_upper_and_summary_only_is_dash_c() {
    let head = "% time     seconds  usecs/call     calls    errors syscall";
    let head_counts = "% calls       calls      denied syscall";
    let has_table = |e: &str| e.contains(head) || e.contains(head_counts);
    for opt in ["-c", "--summary-only"] {
        let (code, _, err) = nt(&[opt, "-e", "chdir", &chdir_fixture(), "2"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(has_table(&err), "{opt}: {err}");
        assert!(
            !err.contains("chdir(\"/\")"),
            "{opt} printed the trace: {err}"
        );
    }
    for opt in ["-C", "--summary"] {
        let (code, _, err) = nt(&[opt, "-e", "chdir", &chdir_fixture(), "2"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(has_table(&err), "{opt}: {err}");
        assert!(
            err.contains("chdir(\"/\")"),
            "{opt} left out the trace: {err}"
        );
    }
    // -w is accepted (notrace's times are wall-clock already).
    let (code, _, err) = nt(&["-c", "-w", "-e", "chdir", &chdir_fixture(), "1"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(has_table(&err), "{err}");
}

/// The syscall names of a summary table's rows, in order.
fn rows(err: &str) -> Vec<String> {
    err.lines()
        .skip_while(|l| !l.starts_with("------"))
        .skip(1)
        .take_while(|l| !l.starts_with("------"))
        .map(|l| l.split_whitespace().last().unwrap().to_string())
        .collect()
}

#[test]
fn summary_sort_orders() {
    let f = chdir_fixture();
    // 3 chdir, 1 getcwd-free run: chdir and a few of the loader's calls.
    let (code, _, err) = nt(&["-c", "-S", "name", "-e", "chdir,close,openat", &f, "3"]);
    assert_eq!(code, Some(0), "{err}");
    let r = rows(&err);
    let mut sorted = r.clone();
    sorted.sort();
    assert_eq!(r, sorted, "{err}");
    assert!(r.contains(&"chdir".to_string()), "{err}");
    let (code, _, err) = nt(&["-c", "-S", "calls", "-e", "chdir,close", &f, "9"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        rows(&err).first().map(String::as_str),
        Some("chdir"),
        "{err}"
    );
    let (code, _, err) = nt(&["-c", "-S", "nothing", "-e", "chdir,close", &f, "9"]);
    assert_eq!(code, Some(0), "{err}");
    // Table order: close (3) before chdir (80).
    assert_eq!(rows(&err), ["close", "chdir"], "{err}");
}

#[test]
fn pids_on_every_line_with_f_and_o() {
    let d = tempdir("cli-pids");
    let out = d.join("trace");
    let o = out.to_str().unwrap();
    let f = chdir_fixture();
    let (code, _, err) = nt(&["--no-results", "-f", "-o", o, "-e", "chdir", &f, "2"]);
    assert_eq!(code, Some(0), "{err}");
    let t = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 3, "{t}");
    // strace's `%-5d ` column, from the first line on.
    for l in &lines {
        let (pid, rest) = l.split_once(' ').unwrap();
        assert!(pid.parse::<u32>().is_ok(), "{l}");
        let pad = if pid.len() < 5 { 5 - pid.len() } else { 0 };
        assert!(rest.starts_with(&" ".repeat(pad)), "{l}");
        assert!(!l.contains("[pid"), "{l}");
    }
    assert!(lines[0].ends_with("chdir(\"/\")"), "{t}");
    assert!(lines[2].ends_with("+++ exited with 0 +++"), "{t}");
    // Without -f, one process: no pid at all.
    let (code, _, err) = nt(&["--no-results", "-o", o, "-e", "chdir", &f, "1"]);
    assert_eq!(code, Some(0), "{err}");
    let t = std::fs::read_to_string(&out).unwrap();
    assert_eq!(t, "chdir(\"/\")\n+++ exited with 0 +++\n");
    // On stderr with --always-show-pid: `[pid N] ` on every line.
    let (code, _, err) = nt(&["--no-results", "--always-show-pid", "-e", "chdir", &f, "1"]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    for l in lines {
        assert!(l.starts_with("[pid "), "{l}");
    }
    // And without: none for one process.
    let (_, _, err) = nt(&["--no-results", "-e", "chdir", &f, "1"]);
    assert_eq!(err, "chdir(\"/\")\n+++ exited with 0 +++\n");
}

#[test]
fn ff_writes_one_file_per_process_without_pids() {
    let d = tempdir("cli-ff");
    let base = d.join("t");
    let b = base.to_str().unwrap();
    let f = chdir_fixture();
    let script = format!("{f} 1; {f} 2");
    let (code, _, err) = nt(&[
        "--no-results",
        "-ff",
        "-o",
        b,
        "-e",
        "chdir",
        "sh",
        "-c",
        &script,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let mut files: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    // sh and its two children: t.PID each.
    assert_eq!(files.len(), 3, "{files:?}");
    let mut chdirs = Vec::new();
    for name in &files {
        let pid = name.strip_prefix("t.").expect("FILE.PID");
        assert!(pid.parse::<u32>().is_ok(), "{name}");
        let t = std::fs::read_to_string(d.join(name)).unwrap();
        assert!(!t.contains(pid), "a pid in {name}: {t}");
        assert!(t.ends_with("+++ exited with 0 +++\n"), "{name}: {t}");
        chdirs.push(t.matches("chdir(\"/\")").count());
    }
    chdirs.sort();
    assert_eq!(chdirs, [0, 1, 2], "{files:?}");
    // --output-separately is the long form.
    let base2 = d.join("u");
    let (code, _, err) = nt(&[
        "--no-results",
        "--output-separately",
        "-o",
        base2.to_str().unwrap(),
        "-e",
        "chdir",
        &f,
        "1",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let n = std::fs::read_dir(&d)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("u.")
        })
        .count();
    assert_eq!(n, 1);
    // A pipe cannot be split.
    let (code, _, err) = nt(&["-ff", "-o", "|cat", "true"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("-ff cannot write one file per process to a pipe"),
        "{err}"
    );
}

#[test]
fn output_to_a_pipe_command_and_append() {
    let d = tempdir("cli-pipe");
    let f = chdir_fixture();
    for lead in ["|", "!"] {
        let got = d.join(format!("got{}", lead == "|"));
        let spec = format!("{lead}tr a-z A-Z > {}", got.display());
        let (code, _, err) = nt(&["--no-results", "-o", &spec, "-e", "chdir", &f, "1"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(!Path::new(&spec).exists());
        assert_eq!(
            std::fs::read_to_string(&got).unwrap(),
            "CHDIR(\"/\")\n+++ EXITED WITH 0 +++\n"
        );
    }
    let file = d.join("app");
    std::fs::write(&file, "before\n").unwrap();
    let o = file.to_str().unwrap();
    let (code, _, err) = nt(&["--no-results", "-A", "-o", o, "-e", "chdir", &f, "1"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "before\nchdir(\"/\")\n+++ exited with 0 +++\n"
    );
    // Without -A the file starts over.
    let (code, _, _) = nt(&["--no-results", "-o", o, "-e", "chdir", &f, "1"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "chdir(\"/\")\n+++ exited with 0 +++\n"
    );
}

/// Splits `     0.000123 rest` into (seconds, rest).
fn relative(l: &str) -> (f64, &str) {
    let t = l.trim_start();
    let (num, rest) = t.split_once(' ').unwrap();
    let (s, us) = num.split_once('.').unwrap();
    assert_eq!(us.len(), 6, "{l}");
    assert!(l.len() - t.len() + s.len() >= 6, "not %6ld: {l}");
    (num.parse().unwrap(), rest)
}

#[test]
fn relative_timestamps_number_and_instruction_pointer() {
    let f = chdir_fixture();
    let (code, _, err) = nt(&["--no-results", "-r", "-e", "chdir", &f, "2"]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(relative(lines[0]), (0.0, "chdir(\"/\")"));
    let (dt, rest) = relative(lines[1]);
    assert!(dt < 1.0, "{err}");
    assert_eq!(rest, "chdir(\"/\")");
    // -n: the number in `[%4u] `; -i: `[%016lx] `.
    let (code, _, err) = nt(&["--no-results", "-n", "-i", "-e", "chdir", &f, "1"]);
    assert_eq!(code, Some(0), "{err}");
    let l = err.lines().next().unwrap();
    let rest = l.strip_prefix("[  80] [").expect(l);
    let (ip, call) = rest.split_once("] ").unwrap();
    assert_eq!(ip.len(), 16, "{l}");
    let ip = u64::from_str_radix(ip, 16).unwrap();
    assert!(ip > 0x1000, "{l}");
    assert_eq!(call, "chdir(\"/\")");
    assert_eq!(
        err.lines().nth(1),
        Some("[ 231] [????????????????] +++ exited with 0 +++")
    );
    // -t with -r: strace's `HH:MM:SS (+     0.000000) `.
    let (_, _, err) = nt(&["--no-results", "-t", "-r", "-e", "chdir", &f, "1"]);
    let l = err.lines().next().unwrap();
    assert_eq!(&l[8..], " (+     0.000000) chdir(\"/\")", "{l}");
}

#[test]
fn const_print_styles() {
    let f = chdir_fixture();
    let run = |style: &str| {
        let (code, _, err) = nt(&["--no-results", "-X", style, "-e", "openat", &f, "0"]);
        assert_eq!(code, Some(0), "{err}");
        // (cargo's LD_LIBRARY_PATH adds opens before it.)
        err.lines()
            .find(|l| l.contains("/etc/ld.so.cache"))
            .expect(&err)
            .to_string()
    };
    let a = run("abbrev");
    assert!(
        a.starts_with("openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC)"),
        "{a}"
    );
    assert!(run("raw").starts_with("openat(-100, \"/etc/ld.so.cache\", 0x80000)"));
    assert!(run("verbose").starts_with(
        "openat(-100 /* AT_FDCWD */, \"/etc/ld.so.cache\", 0x80000 /* O_RDONLY|O_CLOEXEC */)"
    ));
}

#[test]
fn decode_pids_comm() {
    for opt in ["-Y", "--decode-pids=comm"] {
        let (code, _, err) = nt(&["--no-results", opt, "-e", "kill", "sh", "-c", "kill -0 $$"]);
        assert_eq!(code, Some(0), "{err}");
        let l = err.lines().next().unwrap();
        let pid = l
            .strip_prefix("kill(")
            .and_then(|r| r.strip_suffix("<sh>, 0)"))
            .expect(l);
        assert!(pid.parse::<u32>().is_ok(), "{l}");
    }
    let (_, _, err) = nt(&[
        "--no-results",
        "-Y",
        "--always-show-pid",
        "-e",
        "kill",
        "sh",
        "-c",
        "kill -0 $$",
    ]);
    let l = err.lines().next().unwrap();
    assert!(l.starts_with("[pid ") && l.contains("<sh>] kill("), "{l}");
}

#[test]
fn yy_prints_socket_endpoints() {
    let py = r#"
import socket
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen()
c = socket.socket(); c.connect(l.getsockname()); c.getpeername()
a, b = socket.socketpair(); a.getsockname()
"#;
    if std::process::Command::new("python3")
        .arg("-c")
        .arg("1")
        .output()
        .is_err()
    {
        eprintln!("skipped: python3 is not installed");
        return;
    }
    let (code, _, err) = nt(&[
        "--no-results",
        "-yy",
        "-e",
        "getpeername,getsockname",
        "python3",
        "-c",
        py,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let peer = err
        .lines()
        .find(|l| l.starts_with("getpeername("))
        .expect(&err);
    let ep = peer
        .strip_prefix("getpeername(")
        .and_then(|r| r.split_once(">, ").map(|x| x.0))
        .unwrap();
    // `3<TCP:[127.0.0.1:A->127.0.0.1:B]>`
    let (_, inner) = ep.split_once("<TCP:[127.0.0.1:").expect(peer);
    let (a, b) = inner.split_once("->127.0.0.1:").expect(peer);
    assert!(
        a.parse::<u16>().is_ok() && b.trim_end_matches(']').parse::<u16>().is_ok(),
        "{peer}"
    );
    // A socketpair's end names its peer: `<UNIX-STREAM:[A->B]>`.
    let unix = err
        .lines()
        .find(|l| l.starts_with("getsockname(") && l.contains("<UNIX-STREAM:["))
        .expect(&err);
    let inner = unix.split_once("<UNIX-STREAM:[").unwrap().1;
    let (a, b) = inner
        .split_once("]>")
        .unwrap()
        .0
        .split_once("->")
        .expect(unix);
    assert!(
        a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok(),
        "{unix}"
    );
    // -y alone: the socket's inode only.
    let (_, _, err) = nt(&[
        "--no-results",
        "-y",
        "-e",
        "getpeername",
        "python3",
        "-c",
        py,
    ]);
    assert!(err.contains("<socket:["), "{err}");
    // -e decode-fds=socket is -yy.
    let (_, _, err) = nt(&[
        "--no-results",
        "-e",
        "decode-fds=all",
        "-e",
        "getpeername",
        "python3",
        "-c",
        py,
    ]);
    assert!(err.contains("<TCP:[127.0.0.1:"), "{err}");
}

#[test]
fn quiet_levels() {
    let f = chdir_fixture();
    let (_, _, err) = nt(&["--no-results", "-q", "-e", "chdir", &f, "1"]);
    assert_eq!(err, "chdir(\"/\")\n+++ exited with 0 +++\n");
    for opts in [
        &["-qq"][..],
        &["-e", "quiet=exit"],
        &["-e", "quiet=attach,exit"],
    ] {
        let mut args = vec!["--no-results"];
        args.extend_from_slice(opts);
        args.extend(["-e", "chdir", &f, "1"]);
        let (code, _, err) = nt(&args);
        assert_eq!(code, Some(0), "{opts:?}: {err}");
        assert_eq!(err, "chdir(\"/\")\n", "{opts:?}");
    }
    let (code, _, err) = nt(&["-e", "quiet=bogus", "true"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown message 'bogus'"), "{err}");
}

#[test]
fn environment_and_user() {
    let (code, out, err) = nt(&[
        "--no-results",
        "-e",
        "none",
        "-E",
        "NOTRACE_T=bar",
        "--env=HOME",
        "sh",
        "-c",
        "echo \"$NOTRACE_T-${HOME-unset}\"",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "bar-unset\n");
    if !common::is_root() {
        let (code, _, err) = nt(&["-u", "nobody", "true"]);
        assert_eq!(code, Some(2));
        assert!(err.contains("needs root"), "{err}");
        eprintln!("skipped the -u run: not root");
        return;
    }
    let (code, out, err) = nt(&[
        "--no-results",
        "-u",
        "nobody",
        "-e",
        "getuid",
        "sh",
        "-c",
        "id -u; id -G",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let mut l = out.lines();
    assert_eq!(l.next(), Some("65534"), "{out}");
    assert!(
        !l.next().unwrap_or("0").split(' ').any(|g| g == "0"),
        "root's group kept: {out}"
    );
    assert!(err.contains("getuid()"), "{err}");
    let (code, _, err) = nt(&["-u", "no-such-user-here", "true"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no such user"), "{err}");
}

#[test]
fn fault_injection_with_when() {
    let f = chdir_fixture();
    let (code, out, err) = nt(&[
        "--no-results",
        "-e",
        "chdir",
        "-e",
        "inject=chdir:error=EACCES:when=2+2",
        &f,
        "5",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, "1 ok\n2 13\n3 ok\n4 13\n5 ok\n");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "chdir(\"/\")");
    assert_eq!(
        lines[1],
        "chdir(\"/\") = -1 EACCES (Permission denied) (INJECTED)"
    );
    assert_eq!(lines[3], lines[1]);
    // fault= defaults to ENOSYS; --fault is its long form; N alone is one
    // call; an untraced call is shown only when failed.
    for opts in [
        &["-e", "fault=chdir:when=3"][..],
        &["--fault", "chdir:when=3"],
    ] {
        let mut args = vec!["--no-results", "-e", "none"];
        args.extend_from_slice(opts);
        args.extend([f.as_str(), "4"]);
        let (code, out, err) = nt(&args);
        assert_eq!(code, Some(0), "{opts:?}: {err}");
        assert_eq!(out, "1 ok\n2 ok\n3 38\n4 ok\n", "{opts:?}");
        assert_eq!(
            err,
            "chdir(\"/\") = -1 ENOSYS (Function not implemented) (INJECTED)\n+++ exited with 0 +++\n",
            "{opts:?}"
        );
    }
    // A range: calls 2 to 3.
    let (_, out, _) = nt(&[
        "--no-results",
        "-e",
        "none",
        "-e",
        "inject=chdir:error=EPERM:when=2..3",
        &f,
        "4",
    ]);
    assert_eq!(out, "1 ok\n2 1\n3 1\n4 ok\n");
}
