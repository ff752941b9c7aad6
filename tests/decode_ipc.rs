//! SysV IPC (shm*, sem*, msg*) and mount arguments as strace 6.1 prints
//! them at entry: keys, creation flags with octal permissions, control
//! commands with `IPC_64`, semop's sembufs, msgsnd's msgbuf, mount's
//! flags with the `MS_MGC_VAL` magic, and its type and data printed as
//! strings or, when the flags make the kernel ignore them, as addresses.
//! The fixtures `args_ipc` and `args_mount` make raw calls (junk in high
//! bits, unknown values, unreadable pointers) and notrace's line for each
//! must be strace 6.1's.

mod common;

use common::{fixture, notrace, parse_jsonl, syscalls_named, tempdir, trace_lines};
use std::process::{Command, Stdio};

/// The IPC calls of `args_ipc`.
const IPC_SET: &str = "shmget,shmat,shmctl,semget,semctl,semop,msgget,msgctl,msgsnd,msgrcv";

/// strace 6.1's lines for `args_ipc` (tests/strace-evidence/t8.strace),
/// without results, stack addresses as `ADDR`.
const IPC_EXPECTED: &[&str] = &[
    "shmget(0x1234, 4611686018427387904, IPC_CREAT|IPC_EXCL|0640)",
    "shmget(IPC_PRIVATE, 4611686018427387904, SHM_HUGETLB|21<<SHM_HUGE_SHIFT|0600)",
    "shmget(0x1234, 4611686018427387904, 000)",
    "shmget(0x1234, 4611686018427387904, SHM_NORESERVE|0x100000|007)",
    "shmget(0x1234, 4611686018427387904, 30<<SHM_HUGE_SHIFT|000)",
    "shmat(-1, NULL, SHM_RDONLY|SHM_RND)",
    "shmat(-1, NULL, 0x100000 /* SHM_??? */)",
    "shmat(-1, NULL, 0)",
    "shmctl(-1, IPC_RMID, NULL)",
    "shmctl(-1, IPC_STAT, ADDR)",
    "shmctl(-1, SHM_LOCK, NULL)",
    "shmctl(-1, IPC_64|IPC_INFO, ADDR)",
    "shmctl(-1, 0x63 /* SHM_??? */, ADDR)",
    "semget(0x1234, -1, IPC_CREAT|0600)",
    "semget(IPC_PRIVATE, -1, IPC_NOWAIT|0x40000|000)",
    "semctl(-1, 0, IPC_RMID, NULL)",
    "semctl(-1, 1, GETVAL, NULL)",
    "semctl(-1, 1, SETVAL, 0x5)",
    "semctl(-1, 1, IPC_STAT, ADDR)",
    "semctl(-1, 1, IPC_64|SEM_STAT_ANY, ADDR)",
    "semctl(-1, 1, 0x63 /* SEM_??? */, ADDR)",
    "semop(-1, [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO|IPC_NOWAIT}, {sem_num=1, sem_op=1, sem_flg=0}], 2)",
    "semop(-1, [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO|IPC_NOWAIT}], 1)",
    "semop(-1, NULL, 0)",
    "semop(-1, 0x8, 1)",
    "msgget(0x1234abcd, 0600)",
    "msgget(0x1234abce, IPC_EXCL|0x10000|0777)",
    "msgctl(-1, IPC_RMID, NULL)",
    "msgctl(-1, MSG_STAT, ADDR)",
    "msgctl(-1, IPC_64|MSG_INFO, ADDR)",
    "msgctl(-1, 0x4d /* MSG_??? */, ADDR)",
    "msgsnd(-1, {mtype=7, mtext=\"hi\\n\"}, 3, IPC_NOWAIT)",
    "msgsnd(-1, {mtype=7, mtext=\"\"}, 0, 0)",
    "msgsnd(-1, 0x8, 4, 0x400 /* MSG_??? */)",
    "msgrcv(-1, ADDR, 4, 5, MSG_NOERROR|MSG_EXCEPT|IPC_NOWAIT)",
    "msgrcv(-1, ADDR, 4, -5, 0x400 /* MSG_??? */)",
];

/// strace 6.1's lines for `args_mount` (tests/strace-evidence/t9.strace),
/// without results, the fixture's string addresses as `ADDR`.
const MOUNT_EXPECTED: &[&str] = &[
    "mount(\"none\", \"/nonexistent\", \"tmpfs\", MS_RDONLY|MS_NOSUID|0xdeadbeef00000000, \"size=1m\")",
    "mount(\"/a\", \"/nonexistent\", NULL, MS_MGC_VAL|MS_BIND|MS_REC, NULL)",
    "mount(NULL, \"/nonexistent\", NULL, MS_RDONLY|MS_REMOUNT|MS_NOUSER, \"\\1\\2\\3\")",
    "mount(\"x\", \"/nonexistent\", \"ext4\", 0, \"\")",
    "mount(\"x\", \"/nonexistent\", \"ext4\", MS_MGC_VAL, NULL)",
    "mount(\"x\", \"/nonexistent\", \"ext4\", MS_MGC_VAL|MS_NODEV, \"ro\")",
    "mount(\"x\", \"/nonexistent\", ADDR, MS_NOSYMFOLLOW|MS_UNBINDABLE|MS_PRIVATE|MS_SLAVE|MS_SHARED|MS_LAZYTIME, ADDR)",
    "mount(\"x\", \"/nonexistent\", ADDR, MS_MOVE, 0x8)",
    "mount(\"x\", \"/nonexistent\", 0x8, MS_NOATIME|0x200, 0x8)",
    "mount(\"x\", \"/nonexistent\", \"ext4\", 0x200 /* MS_??? */, \"\\377\\376\")",
    "mount(\"x\", \"/nonexistent\", ADDR, MS_REMOUNT|MS_BIND, \"a=b\")",
];

/// Stack addresses (`0x7ff` and 9 more hex digits) and the fixture's own
/// (`0x55`/`0x56` and 10 more) become `ADDR`; other hex numbers (junk in
/// flags) stay.
fn normalise(line: &str) -> String {
    regex::Regex::new(r"0x7ff[0-9a-f]{9}\b|0x5[56][0-9a-f]{10}\b")
        .unwrap()
        .replace_all(line, "ADDR")
        .into_owned()
}

/// notrace's lines for the calls in `set`, addresses normalised.
fn notrace_lines(set: &str, prog: &str, tag: &str) -> Vec<String> {
    trace_lines(&notrace(), &["-e", set], prog, tag)
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(l))
        .collect()
}

#[test]
fn ipc_args_print_as_strace_6_1_does() {
    common::check_lines(
        &notrace_lines(IPC_SET, "args_ipc", "ipc-text"),
        IPC_EXPECTED,
    );
}

#[test]
fn mount_args_print_as_strace_6_1_does() {
    common::check_lines(
        &notrace_lines("mount", "args_mount", "mount-text"),
        MOUNT_EXPECTED,
    );
}

/// The same comparison against the strace installed here, when there is
/// one: the expected lines above are strace 6.1's, this catches a table
/// that differs from the running strace's.
#[test]
fn ipc_and_mount_args_match_installed_strace() {
    let have = Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !have {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    for (set, prog) in [(IPC_SET, "args_ipc"), ("mount", "args_mount")] {
        let theirs: Vec<String> = trace_lines(
            &strace,
            &["-qq", "-e", "signal=none", "-e", &format!("trace={set}")],
            prog,
            "ipc-strace",
        )
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(&result.replace(l, ")")))
        .collect();
        assert_eq!(theirs, notrace_lines(set, prog, "ipc-ours"), "{prog}");
    }
}

#[test]
fn ipc_and_mount_json_values() {
    let dir = tempdir("ipc-json");
    let mut events = Vec::new();
    for (set, prog) in [(IPC_SET, "args_ipc"), ("mount", "args_mount")] {
        let out = dir.join(format!("{prog}.jsonl"));
        let st = Command::new(notrace())
            .args(["--json", "-e", set, "-o"])
            .arg(&out)
            .arg("--")
            .arg(fixture(prog))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "{st}");
        events.extend(parse_jsonl(&std::fs::read(&out).unwrap()));
    }
    let _ = std::fs::remove_dir_all(&dir);
    let arg = |call: &str, n: usize, pos: usize| -> serde_json::Value {
        let calls = syscalls_named(&events, call);
        assert!(calls.len() > n, "{call}: only {} calls", calls.len());
        calls[n]["args"][pos].clone()
    };
    let a = arg("shmget", 1, 2);
    assert_eq!(a["kind"], "shmget_flags");
    assert_eq!(
        a["value"],
        serde_json::json!(["SHM_HUGETLB", "21<<SHM_HUGE_SHIFT", "0600"])
    );
    assert_eq!(arg("shmget", 1, 0)["value"], "IPC_PRIVATE");
    assert_eq!(
        arg("shmctl", 3, 1)["value"],
        serde_json::json!(["IPC_64", "IPC_INFO"])
    );
    assert_eq!(
        arg("semop", 0, 1)["value"][0],
        serde_json::json!({"num": 0, "op": -1, "flg": ["SEM_UNDO", "IPC_NOWAIT"]})
    );
    assert_eq!(arg("msgsnd", 0, 1)["value"]["mtype"], 7);
    assert_eq!(
        arg("mount", 1, 3)["value"],
        serde_json::json!(["MS_MGC_VAL", "MS_BIND", "MS_REC"])
    );
    assert_eq!(arg("mount", 0, 4)["value"], "size=1m");
}
