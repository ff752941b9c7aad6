//! The committed tables against the scripts that generate them: each
//! generator is run into a temporary directory and every file it writes
//! must equal the committed one byte for byte, so a hand edit of a
//! generated table (or a generator change not rerun) fails here.
//!
//! tools/gen-xlat.py, tools/gen-xlat-netlink.py and syscall-tables/gen/gen.py
//! read only gcc, the installed headers (libc6-dev, linux-libc-dev), files
//! in the repository and the `syscalls` crate's source that cargo fetched
//! for this build, so they always run; a missing tool or header fails the
//! test, saying what to install. syscall-tables/gen/ioctls.py reads
//! strace 6.1's source, which CI does not have: it runs when
//! `NOTRACE_STRACE_SRC` names that tree, and otherwise says it skipped.
//! No generator may touch the working tree (checked by the files' mtimes).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::SystemTime;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fails, saying what to install, unless `prog --version` runs.
fn require(prog: &str, pkg: &str) {
    let ok = Command::new(prog)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{prog} is not installed: the table generators need it (apt-get install {pkg}); CI installs it"
    );
}

/// Fails, saying which package holds it, unless header `path` exists.
fn require_header(path: &str, pkg: &str) {
    assert!(
        Path::new(path).is_file(),
        "{path} is missing: the table generators read it (apt-get install {pkg})"
    );
}

/// (path, mtime, length) of every file under syscall-tables/: what a
/// generator writing into the working tree would change, even when it
/// writes the same bytes.
fn tree_stamp() -> Vec<(PathBuf, SystemTime, u64)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, SystemTime, u64)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let md = e.metadata().unwrap();
            if md.is_dir() {
                walk(&e.path(), out);
            } else {
                out.push((e.path(), md.modified().unwrap(), md.len()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&repo().join("syscall-tables"), &mut out);
    out.sort();
    out
}

/// Runs `python3 script args...` from an empty directory (so a script
/// writing relative to its working directory writes there, not into the
/// repository), asserts it succeeded and left the working tree alone, and
/// returns its stdout.
fn run_generator(script: &str, args: &[&str]) -> Vec<u8> {
    require("python3", "python3");
    let cwd = common::tempdir("gen-cwd");
    let before = tree_stamp();
    let out = Command::new("python3")
        .arg(repo().join(script))
        .args(args)
        .current_dir(&cwd)
        .output()
        .unwrap();
    let after = tree_stamp();
    assert!(
        out.status.success(),
        "{script} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read_dir(&cwd).unwrap().next().is_none(),
        "{script} wrote into its working directory"
    );
    assert!(before == after, "{script} modified syscall-tables/");
    out.stdout
}

/// File name -> contents of every file in `dir`.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The first line where `got` and `want` differ, for the failure message.
fn first_difference(got: &[u8], want: &[u8]) -> String {
    let (g, w) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
    let mut gl = g.lines();
    let mut wl = w.lines();
    for n in 1.. {
        match (gl.next(), wl.next()) {
            (None, None) => break,
            (a, b) if a != b => {
                return format!("line {n}: generated {a:?}, committed {b:?}");
            }
            _ => {}
        }
    }
    "the files differ at their ends (newline)".into()
}

/// Asserts each generated file equals its committed copy in `committed`.
fn assert_reproduces(what: &str, generated: &BTreeMap<String, Vec<u8>>, committed: &Path) {
    assert!(!generated.is_empty(), "{what} wrote nothing");
    let mut bad = Vec::new();
    for (name, got) in generated {
        match std::fs::read(committed.join(name)) {
            Ok(want) if &want == got => {}
            Ok(want) => bad.push(format!("{name}: {}", first_difference(got, &want))),
            Err(e) => bad.push(format!("{name}: no committed copy ({e})")),
        }
    }
    assert!(
        bad.is_empty(),
        "{what} does not reproduce the committed tables; edit the generator's data, \
         rerun it and commit its output:\n{}",
        bad.join("\n")
    );
}

/// What an xlat generator writes into a fresh directory, generated once
/// for all the tests of this file.
fn xlat_output(script: &'static str) -> &'static BTreeMap<String, Vec<u8>> {
    static XLAT: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    static NETLINK: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    let cell = match script {
        "tools/gen-xlat.py" => &XLAT,
        "tools/gen-xlat-netlink.py" => &NETLINK,
        _ => unreachable!("{script}"),
    };
    cell.get_or_init(|| {
        require("gcc", "gcc");
        require_header("/usr/include/stdio.h", "libc6-dev");
        require_header("/usr/include/linux/netlink.h", "linux-libc-dev");
        let out = common::tempdir("gen-xlat");
        run_generator(script, &[out.to_str().unwrap()]);
        files(&out)
    })
}

#[test]
fn gen_xlat_reproduces_its_tables() {
    let got = xlat_output("tools/gen-xlat.py");
    assert_reproduces(
        "tools/gen-xlat.py",
        got,
        &repo().join("syscall-tables/xlat"),
    );
    // Tables strace 6.1 prints with an unknown marker or names that differ
    // from today's headers: the generator's data must carry them.
    let text = |name: &str| String::from_utf8_lossy(&got[name]).into_owned();
    assert!(text("rename_flags.tsv").contains("# unknown: RENAME_??\n"));
    assert!(text("msg_flags.tsv").contains("MSG_PROBE\t0x10\n"));
    assert!(text("sigaction_flags.tsv").contains("SA_INTERRUPT\t0x20000000\n"));
}

#[test]
fn gen_xlat_netlink_reproduces_its_tables() {
    assert_reproduces(
        "tools/gen-xlat-netlink.py",
        xlat_output("tools/gen-xlat-netlink.py"),
        &repo().join("syscall-tables/xlat"),
    );
}

/// One generator per table: two writing the same file would undo each
/// other (gen-xlat.py once overwrote ioctls.py's 3,300-row ioctl table
/// with its own 100 rows).
#[test]
fn each_xlat_table_has_one_generator() {
    let a = xlat_output("tools/gen-xlat.py");
    let b = xlat_output("tools/gen-xlat-netlink.py");
    let both: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(both.is_empty(), "written by both xlat generators: {both:?}");
    for (script, got) in [("tools/gen-xlat.py", a), ("tools/gen-xlat-netlink.py", b)] {
        assert!(
            !got.contains_key("ioctl_requests.tsv"),
            "{script} writes ioctl_requests.tsv, which syscall-tables/gen/ioctls.py owns"
        );
    }
}

#[cfg(target_arch = "x86_64")]
#[test]
fn gen_py_reproduces_the_syscall_tables() {
    for abi in ["64", "32", "x32"] {
        require_header(
            &format!("/usr/include/x86_64-linux-gnu/asm/unistd_{abi}.h"),
            "linux-libc-dev",
        );
    }
    let out = common::tempdir("gen-py");
    run_generator(
        "syscall-tables/gen/gen.py",
        &["--out", out.to_str().unwrap()],
    );
    let got = files(&out);
    let names: Vec<&str> = got.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "aarch64.tsv",
            "i386.tsv",
            "i386_ipc.tsv",
            "i386_socketcall.tsv",
            "x32.tsv",
            "x86_64.tsv"
        ]
    );
    assert_reproduces(
        "syscall-tables/gen/gen.py",
        &got,
        &repo().join("syscall-tables"),
    );
}

#[test]
fn ioctls_py_reproduces_ioctl_requests() {
    let Some(src) = std::env::var_os("NOTRACE_STRACE_SRC") else {
        eprintln!(
            "skipped: syscall-tables/gen/ioctls.py needs strace 6.1's source \
             (src/linux/x86_64/ioctls_arch0.h, src/linux/64/ioctls_inc.h, src/ioctls_zfs.h), \
             which is not installed here; set NOTRACE_STRACE_SRC to a strace tree \
             checked out at v6.1 to run it"
        );
        return;
    };
    let stdout = run_generator("syscall-tables/gen/ioctls.py", &[src.to_str().unwrap()]);
    let got = BTreeMap::from([("ioctl_requests.tsv".to_string(), stdout)]);
    assert_reproduces(
        "syscall-tables/gen/ioctls.py",
        &got,
        &repo().join("syscall-tables/xlat"),
    );
}
