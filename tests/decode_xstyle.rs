//! `-X raw` and `-X verbose` as strace 6.1 applies them: to every named
//! constant, not only whole arguments — fields inside structs
//! (`sa_family=0x2 /* AF_INET */`), flags in arrays, ioctl request numbers
//! (`0x5401 /* TCGETS */`), and the expressions strace makes of bytes
//! (`sin_port="\x00\x50" /* htons(80) */`, `inet_addr(...)`,
//! `if_nametoindex(...)`, `makedev(...)`). Errnos in results keep their
//! names. The fixtures `args_sock` and `args_flags` are compared line by
//! line with strace 6.1's output kept in tests/strace-evidence/
//! (xstyle_*.strace) and with the strace installed here, as are `args_evdev`,
//! `args_ioctl` and `args_ioctl_more`; `ls` is compared call by call
//! (input arguments only). JSON values keep their names whatever `-X`.

mod common;
mod trace_text;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, tempdir, trace_lines};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use trace_text::{align, output_positions, parse_notrace, parse_strace, Normaliser};

/// The calls of `args_sock` (as tests/decode_sockets.rs traces them).
const SOCK_SET: &str = "getsockname,getpeername,accept,accept4,getsockopt,recvfrom,recvmsg,\
recvmmsg,setsockopt,sendmsg,sendmmsg";

/// The calls of `args_flags` (as tests/decode_flags.rs traces them).
const FLAGS_SET: &str = "epoll_ctl,epoll_create1,inotify_add_watch,inotify_init1,eventfd2,\
signalfd4,fallocate,sync_file_range,memfd_create,mlock2,msync,splice,tee,vmsplice,close_range,\
umount2,waitid,getrusage,getpriority,setpriority,chmod,fchmod,fchmodat,mkdir,mkdirat,umask,mknod,\
mknodat";

/// The calls tests/decode_counts.rs, decode_structs.rs and decode_ipc.rs
/// trace in their fixtures (tests/strace-evidence/README.md, t7 to t11).
const COUNTS_SET: &str = "prctl,ioctl,mremap,membarrier,pwritev,preadv,pwritev2,preadv2,\
rt_sigaction,personality,ioprio_set,ioprio_get";
const TIME_SET: &str = "utimensat,futimesat,poll,ppoll,select,pselect6,setitimer,getitimer,\
timerfd_settime,timer_settime,timer_create";
const SCHED_SET: &str = "sigaltstack,setrlimit,prlimit64,epoll_ctl,mq_open,sched_setscheduler,\
sched_setparam,sched_get_priority_max,sched_get_priority_min,sched_setattr,sched_setaffinity,\
capget,capset,seccomp";
const IPC_SET: &str = "shmget,shmat,shmctl,semget,semctl,semop,msgget,msgctl,msgsnd,msgrcv";

/// Stack, mmap and program addresses (which the evidence has blanked to
/// 0x7ffc00000000, 0x7f0000000000 and 0x560000000000) become `ADDR`;
/// getrusage's and the loader's prlimit64's output structs, which notrace
/// does not see at entry, too.
fn normalise(line: &str) -> String {
    let addr = regex::Regex::new(r"0x(7[0-9a-f]|5[56])[0-9a-f]{10}\b").unwrap();
    let output = regex::Regex::new(r"^(prlimit64\(.*NULL|getrusage\([^,]+), \{.*\}\)$").unwrap();
    let l = addr.replace_all(line, "ADDR");
    output.replace(&l, "$1, ADDR)").into_owned()
}

/// strace's lines with their results dropped.
fn strip_results(lines: &[String]) -> Vec<String> {
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    lines
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(&result.replace(l, ")")))
        .collect()
}

fn evidence(name: &str) -> Vec<String> {
    let path = format!(
        "{}/tests/strace-evidence/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    strip_results(&text.lines().map(String::from).collect::<Vec<_>>())
}

fn ours(style: &str, set: &str, prog: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["-X", style, "-e", set];
    args.extend(extra);
    trace_lines(&notrace(), &args, prog, "xstyle-ours")
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(l))
        .collect()
}

fn have_strace() -> bool {
    let ok = Command::new("strace")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
    }
    ok
}

fn theirs(style: &str, set: &str, prog: &str, extra: &[&str]) -> Vec<String> {
    let trace = format!("trace={set}");
    let mut args = vec!["-qq", "-e", "signal=none", "-X", style, "-e", &trace];
    args.extend(extra);
    strip_results(&trace_lines(
        &PathBuf::from("strace"),
        &args,
        prog,
        "xstyle-strace",
    ))
}

#[test]
fn sockets_under_x_raw_and_verbose_print_as_strace_6_1_does() {
    for style in ["raw", "verbose"] {
        let want = evidence(&format!("xstyle_sock_{style}.strace"));
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        check_lines(&ours(style, SOCK_SET, "args_sock", &[]), &want);
    }
    // Spelled out, so that the evidence cannot drift alone.
    let raw = ours("raw", SOCK_SET, "args_sock", &[]);
    assert!(raw.contains(
        &r#"setsockopt(-1, 0, 0x23, {imr_multiaddr="\xe0\x00\x00\x01", imr_interface="\x7f\x00\x00\x01"}, 8)"#
            .to_string()
    ), "{raw:#?}");
    let verbose = ours("verbose", SOCK_SET, "args_sock", &[]);
    assert!(verbose.iter().any(|l| l.contains(
        r#"msg_name={sa_family=0x2 /* AF_INET */, sin_port="\x00\x50" /* htons(80) */, sin_addr="\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */}"#
    )), "{verbose:#?}");
}

#[test]
fn flags_under_x_raw_and_verbose_print_as_strace_6_1_does() {
    for style in ["raw", "verbose"] {
        let want = evidence(&format!("xstyle_flags_{style}.strace"));
        let want: Vec<&str> = want.iter().map(String::as_str).collect();
        check_lines(&ours(style, FLAGS_SET, "args_flags", &[]), &want);
    }
    let verbose = ours("verbose", FLAGS_SET, "args_flags", &[]);
    // strace's own nesting of comments, kept.
    assert!(verbose.contains(&r#"memfd_create("z", 0x100 /* 0x100 /* MFD_??? */ */)"#.to_string()));
    assert!(verbose.contains(
        &r#"mknodat(-100 /* AT_FDCWD */, "/nonexistent/n", 0600 /* 0600 */)"#.to_string()
    ));
}

/// The fixtures against the strace installed here, with `-v` too where
/// it opens more struct fields.
#[test]
fn fixtures_under_x_match_installed_strace() {
    if !have_strace() {
        return;
    }
    for style in ["raw", "verbose"] {
        for (set, prog, extra) in [
            (SOCK_SET, "args_sock", &[][..]),
            (FLAGS_SET, "args_flags", &[]),
            ("ioctl", "args_evdev", &[]),
            ("ioctl", "args_evdev", &["-v"]),
            ("ioctl", "args_ioctl", &[]),
            ("ioctl", "args_ioctl", &["-v"]),
            ("ioctl", "args_ioctl_more", &[]),
            (COUNTS_SET, "args_counts", &[]),
            (TIME_SET, "args_time", &[]),
            (SCHED_SET, "args_sched", &[]),
            (IPC_SET, "args_ipc", &[]),
            ("io_cancel,keyctl", "args_more", &[]),
        ] {
            assert_eq!(
                theirs(style, set, prog, extra),
                ours(style, set, prog, extra),
                "{prog} -X {style} {extra:?}"
            );
        }
    }
}

/// `ls` under both tracers: every call's input arguments (outputs, which
/// notrace does not read, skipped) must be strace's.
#[test]
fn ls_under_x_matches_installed_strace() {
    if !have_strace() {
        return;
    }
    let ls = ["/usr/bin/ls", "/bin/ls"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(ls) = ls else {
        eprintln!("skipping: no ls");
        return;
    };
    for style in ["raw", "verbose"] {
        let dir = tempdir("xstyle-ls");
        let run = |tracer: &Path, args: &[&str], out: &Path| {
            let st = Command::new(tracer)
                .env("LC_ALL", "C")
                .args(args)
                .args(["-X", style, "-o"])
                .arg(out)
                .args(["--", ls, "-l", "/"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(st.success(), "{}: {st}", tracer.display());
        };
        let (s_out, n_out) = (dir.join("s"), dir.join("n"));
        run(
            Path::new("strace"),
            &["-f", "-qq", "-e", "signal=none"],
            &s_out,
        );
        run(&notrace(), &[], &n_out);
        let s = parse_strace(&std::fs::read_to_string(&s_out).unwrap());
        let n = parse_notrace(&std::fs::read_to_string(&n_out).unwrap());
        let sn = Normaliser::new(&s.iter().map(|c| c.pid).collect::<Vec<_>>());
        let nn = Normaliser::new(&n.iter().map(|c| c.pid).collect::<Vec<_>>());
        let (sr, nr): (Vec<_>, Vec<_>) = (s.iter().collect(), n.iter().collect());
        let pairs = align(&sr, &nr);
        assert!(
            pairs.len() > 30,
            "-X {style}: only {} calls aligned",
            pairs.len()
        );
        let mut bad = Vec::new();
        for (i, j) in pairs {
            let out = output_positions(&sr[i].name);
            let (sa, na) = (&sr[i].args, &nr[j].args);
            for k in 0..sa.len().max(na.len()) {
                if out.get(k).copied().unwrap_or(false) {
                    continue;
                }
                let (x, y) = (
                    sa.get(k).map(|a| sn.apply(a)),
                    na.get(k).map(|a| nn.apply(a)),
                );
                if x != y {
                    bad.push(format!("{}: {x:?} vs {y:?}", sr[i].name));
                }
            }
        }
        assert!(bad.is_empty(), "-X {style}:\n{}", bad.join("\n"));
    }
}

/// JSON values keep their names under -X raw: the style changes text only.
#[test]
fn json_values_keep_names_under_x_raw() {
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-X", "raw", "-e", SOCK_SET],
        "args_sock",
        "xstyle-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let sendmsg = syscalls_named(&events, "sendmsg");
    let msg = &sendmsg[0]["args"][1];
    assert!(
        msg["text"].as_str().unwrap().contains("sa_family=0x2"),
        "{msg}"
    );
    assert_eq!(msg["value"]["name"]["family"], "AF_INET");
    assert_eq!(msg["value"]["cmsgs"][0]["level"], "SOL_SOCKET");
    assert_eq!(
        sendmsg[0]["args"][2]["value"],
        json!(["MSG_DONTWAIT", "MSG_NOSIGNAL"])
    );
}
