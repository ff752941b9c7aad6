//! Checks that every C fixture in tests/fixtures compiles and behaves as its
//! name says when run *without* notrace. Tests that trace them live
//! elsewhere; if one of those fails, this file tells whether the fixture or
//! the tracer is at fault.

mod common;

use common::fixture;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

fn run(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(fixture(name))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("running fixture {name}: {e}"))
}

#[test]
fn threads_exits_0_silently() {
    let out = run("threads", &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn fork100_exits_0_silently() {
    let out = run("fork100", &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn int80_prints_its_pid() {
    let child = Command::new(fixture("int80"))
        .arg("/etc/hostname")
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn int80");
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{pid}\n"));
}

#[test]
fn int80_without_path_prints_its_pid() {
    let child = Command::new(fixture("int80"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn int80");
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{pid}\n"));
}

#[test]
fn manycalls_writes_result_to_file_and_stdout() {
    let dir = std::env::temp_dir().join(format!("notrace-fx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("manycalls.out");
    let out = run("manycalls", &["100", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let from_file = std::fs::read_to_string(&file).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(stdout, from_file);
    // getppid returns our pid (this test process) every time.
    let expected = 100 * u64::from(std::process::id());
    assert_eq!(stdout, format!("done 100 {expected}\n"));
}

#[test]
fn manycalls_defaults_to_5000() {
    let out = run("manycalls", &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("done 5000 "), "{stdout:?}");
}

#[test]
fn exitcode_7_exits_7() {
    let out = run("exitcode", &["7"]);
    assert_eq!(out.status.code(), Some(7), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn killself_9_is_killed_by_signal_9() {
    let out = run("killself", &["9"]);
    assert_eq!(out.status.signal(), Some(9), "{out:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn sigwait_reacts_to_sigterm_with_25() {
    let mut child = Command::new(fixture("sigwait"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn sigwait");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let pid: i32 = line.trim().parse().expect("sigwait prints its pid first");
    assert_eq!(pid as u32, child.id());
    // SAFETY: plain kill(2) on our own child.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(rest, "got signal 15\n");
    assert_eq!(status.code(), Some(25));
}

#[test]
fn cli_chdir_prints_each_call_ok() {
    let out = run("cli_chdir", &["3"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 ok\n2 ok\n3 ok\n");
}

#[test]
fn attack_decode_finishes_every_part() {
    let table = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("syscall-tables/xlat/ioctl_requests.tsv");
    let out = run("attack_decode", &["all", table.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("done all "), "{stdout:?}");
}
