//! The remaining socket, thread-area and AIO input arguments, as strace
//! 6.1 prints them at entry. The fixture `args_sock2` calls setsockopt and
//! getsockopt at every level strace 6.1 names options at (SOL_SCTP ...
//! SOL_XDP, and AF_VSOCK used as a level), with named and unnamed
//! options and junk in the upper halves; SO_TXREHASH and PACKET_RX_RING /
//! PACKET_TX_RING with their values; socket() for the families whose
//! protocol strace names (AX25 in its verbose style, IRDA with the CAN
//! table, ISDN, PHONET, CAIF, NFC, KCM, SMC); set_thread_area,
//! get_thread_area and modify_ldt with a `struct user_desc`; io_submit
//! with an array of iocb pointers of every opcode shape, NULL and
//! unmapped pointers, an array running into an unmapped page and one past
//! the array limit. Every call fails, so strace's lines are exactly what
//! it prints at entry. They are kept in tests/strace-evidence/sock2.strace
//! and compared with the installed strace too, under the options that
//! change how these print. `args_i386_sock2` makes io_submit (32-bit
//! iocb pointers and iovecs), the thread-area and LDT calls (no `lm` bit
//! on i386) and a few of the same socket calls with `int $0x80`
//! (i386_sock2.strace).

mod common;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, trace_lines};
use serde_json::json;
use std::process::Command;

const SET: &str =
    "setsockopt,getsockopt,socket,set_thread_area,get_thread_area,modify_ldt,io_submit";

/// Stack addresses become `ADDR`, the program's (PIE) addresses `PIE`,
/// results are dropped.
fn normalise(line: &str) -> String {
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    let stack = regex::Regex::new(r"0x7ff[0-9a-f]{9}\b").unwrap();
    let pie = regex::Regex::new(r"0x5[0-9a-f]{11}\b").unwrap();
    let l = result.replace(line, ")");
    let l = stack.replace_all(&l, "ADDR");
    pie.replace_all(&l, "PIE").into_owned()
}

fn notrace_lines(extra: &[&str], tag: &str) -> Vec<String> {
    let mut args = extra.to_vec();
    args.extend(["-e", SET]);
    trace_lines(&notrace(), &args, "args_sock2", tag)
        .into_iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(&l))
        .collect()
}

/// A few of strace 6.1's lines, one per shape (all are in sock2.strace).
const SAMPLES: &[&str] = &[
    r#"setsockopt(-1, SOL_SCTP, 0x3e7 /* SCTP_??? */, [1], 4)"#,
    r#"setsockopt(-1, SOL_AX25, SO_BINDTODEVICE, [1], 4)"#,
    r#"setsockopt(-1, SOL_CAN_BASE, 1, [1], 4)"#,
    r#"setsockopt(-1, SOL_PPPOL2TP, 0 /* PPPOL2TP_SO_??? */, [1], 4)"#,
    r#"setsockopt(-1, SOL_RDS, SO_TIMESTAMP_OLD, [1], 4)"#,
    r#"setsockopt(-1, SOL_IUCV, SO_IPRMDATA_MSG, [1], 4)"#,
    r#"getsockopt(-1, AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW, ADDR, [16])"#,
    r#"setsockopt(-1, 0x11c /* SOL_?? */, 1, [1], 4)"#,
    r#"setsockopt(-1, SOL_SOCKET, SO_TXREHASH, [7 /* SOCK_TXREHASH_??? */], 4)"#,
    r#"setsockopt(-1, SOL_SOCKET, SO_TXREHASH, ADDR, 2)"#,
    r#"setsockopt(-1, SOL_PACKET, PACKET_RX_RING, {tp_block_size=4096, tp_block_nr=4294967295, tp_frame_size=2048, tp_frame_nr=128}, 16)"#,
    r#"setsockopt(-1, SOL_PACKET, PACKET_RX_RING, ADDR, 28)"#,
    r#"socket(AF_AX25, SOCK_DGRAM|SOCK_CLOEXEC, 0xcc /* AX25_P_IP */)"#,
    r#"socket(AF_IRDA, SOCK_STREAM|SOCK_CLOEXEC, CAN_RAW)"#,
    r#"socket(AF_IRDA, SOCK_STREAM|SOCK_CLOEXEC, 0x9 /* IRDAPROTO_??? */)"#,
    r#"socket(AF_ISDN, SOCK_RAW|SOCK_CLOEXEC, ISDN_P_B_RAW)"#,
    r#"socket(AF_SMC, SOCK_STREAM|SOCK_CLOEXEC, SMCPROTO_SMC6)"#,
    r#"socket(AF_KCM, SOCK_DGRAM, 0)"#,
    r#"set_thread_area({entry_number=5, base_addr=0x12345678, limit=0x0fffff, seg_32bit=1, contents=2, read_exec_only=1, limit_in_pages=1, seg_not_present=1, useable=1, lm=1})"#,
    r#"get_thread_area({entry_number=5, ...})"#,
    r#"get_thread_area(0x8)"#,
    r#"modify_ldt(99, ADDR, 15)"#,
    r#"io_submit(0x1234, -1, ADDR)"#,
    r#"io_submit(0x1234, 2, [{aio_data=0x1122334455667788, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=1, aio_buf="hello\0world", aio_nbytes=11, aio_offset=-1}, ... /* 0x20001000 */])"#,
];

fn evidence() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/strace-evidence/sock2.strace"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(normalise)
        .collect()
}

#[test]
fn evidence_holds_the_samples() {
    let ev = evidence();
    for s in SAMPLES {
        assert!(ev.iter().any(|l| l == s), "not in sock2.strace: {s}");
    }
}

#[test]
fn sockopt_names_protocols_user_desc_and_iocbs_print_as_strace_6_1_does() {
    let got = notrace_lines(&[], "sock2-text");
    for s in SAMPLES {
        assert!(
            got.iter().any(|l| l == s),
            "notrace did not print {s}; it printed:\n{}",
            got.join("\n")
        );
    }
    let ev = evidence();
    let ev: Vec<&str> = ev.iter().map(String::as_str).collect();
    check_lines(&got, &ev);
}

/// The fixture against the strace installed here, plain and with -X raw,
/// -X verbose (AX25's protocol stays verbose), -v (no array limit), -s 5
/// (strings and io_submit's array cut), -x, -xx and -y (the iocbs' fds,
/// on the fixture's /dev/null stdio): every line the same.
#[test]
fn sock2_matches_installed_strace_with_options() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let trace = format!("trace={SET}");
    for extra in [
        &[][..],
        &["-X", "raw"],
        &["-X", "verbose"],
        &["-v"],
        &["-s", "5"],
        &["-x"],
        &["-xx"],
        &["-y"],
    ] {
        let mut sargs = vec!["-qq", "-e", "signal=none", "-e", &trace];
        sargs.extend(extra);
        let s: Vec<String> = trace_lines(
            std::path::Path::new("strace"),
            &sargs,
            "args_sock2",
            "sock2-s",
        )
        .iter()
        .map(|l| normalise(l))
        .collect();
        let n = notrace_lines(extra, "sock2-n");
        let s: Vec<&str> = s.iter().map(String::as_str).collect();
        check_lines(&n, &s);
    }
}

/// The JSON values carry the structure of the text: names, numbers,
/// objects and arrays.
#[test]
fn sock2_json_values() {
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", SET],
        "args_sock2",
        "sock2-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let set = syscalls_named(&events, "setsockopt");
    let arg = |e: &serde_json::Value, i: usize| e["args"][i]["value"].clone();
    assert_eq!(arg(set[0], 1), json!("SOL_SCTP"));
    assert_eq!(arg(set[0], 2), json!("SCTP_RTOINFO"));
    assert_eq!(arg(set[1], 2), json!(999));
    let rehash: Vec<_> = set
        .iter()
        .filter(|e| arg(e, 2) == json!("SO_TXREHASH"))
        .collect();
    assert_eq!(arg(rehash[0], 3), json!("SOCK_TXREHASH_DEFAULT"));
    assert_eq!(arg(rehash[1], 3), json!(7));
    let ring = set
        .iter()
        .find(|e| arg(e, 2) == json!("PACKET_RX_RING"))
        .unwrap();
    assert_eq!(
        arg(ring, 3),
        json!({ "block_size": 4096, "block_nr": 4294967295u32, "frame_size": 2048, "frame_nr": 128 })
    );
    let socket = syscalls_named(&events, "socket");
    assert_eq!(arg(socket[0], 2), json!("AX25_P_IP"));
    assert_eq!(arg(socket[1], 2), json!(0x55));
    assert_eq!(arg(socket[3], 2), json!("CAN_RAW"));
    let sta = syscalls_named(&events, "set_thread_area");
    assert_eq!(
        arg(sta[0], 0),
        json!({ "entry_number": 5, "base_addr": 0x12345678, "limit": 0xfffff,
                "seg_32bit": 1, "contents": 2, "read_exec_only": 1, "limit_in_pages": 1,
                "seg_not_present": 1, "useable": 1, "lm": 1 })
    );
    let gta = syscalls_named(&events, "get_thread_area");
    assert_eq!(arg(gta[0], 0), json!({ "entry_number": 5 }));
    let sub = syscalls_named(&events, "io_submit");
    let cbs = arg(sub[0], 2);
    assert_eq!(cbs.as_array().unwrap().len(), 13);
    assert_eq!(cbs[0]["aio_lio_opcode"], json!("IOCB_CMD_PWRITE"));
    assert_eq!(cbs[0]["aio_offset"], json!(-1));
    assert_eq!(cbs[1]["aio_flags"], json!(["IOCB_FLAG_RESFD"]));
    assert_eq!(cbs[2]["aio_buf"].as_array().unwrap().len(), 2);
    assert_eq!(cbs[4]["aio_buf"], json!(["POLLIN", "POLLOUT", "0x10000"]));
    assert_eq!(cbs[6]["aio_lio_opcode"], json!(99));
    // NULL and unreadable elements keep their pointer values.
    assert_eq!(cbs[10], json!(0));
    assert_eq!(cbs[11], json!(8));
    assert_eq!(arg(sub[1], 2), json!([]));
}

/// strace 6.1's lines for `args_i386_sock2` (i386_sock2.strace), results
/// dropped.
const I386_EXPECTED: &[&str] = &[
    r#"set_thread_area({entry_number=5, base_addr=0x12345678, limit=0x0fffff, seg_32bit=1, contents=3, read_exec_only=1, limit_in_pages=1, seg_not_present=1, useable=1})"#,
    r#"get_thread_area({entry_number=5, ...})"#,
    r#"set_thread_area(NULL)"#,
    r#"modify_ldt(99, {entry_number=5, base_addr=0x12345678, limit=0x0fffff, seg_32bit=1, contents=3, read_exec_only=1, limit_in_pages=1, seg_not_present=1, useable=1}, 16)"#,
    r#"modify_ldt(99, 0x23000000, 17)"#,
    r#"io_submit(0x1234, 4, [{aio_data=0x42, aio_lio_opcode=IOCB_CMD_PWRITE, aio_fildes=1, aio_buf="hello", aio_nbytes=5, aio_offset=4096}, {aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITEV, aio_fildes=2, aio_buf=[{iov_base="hello", iov_len=5}, {iov_base="world", iov_len=5}], aio_offset=0}, NULL, 0x8])"#,
    r#"io_submit(0x1234, -1, 0x23000800)"#,
    r#"io_submit(0x1234, 0, [])"#,
    r#"setsockopt(-1, SOL_TLS, TLS_TX, [1], 4)"#,
    r#"setsockopt(-1, AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW, [1], 4)"#,
    r#"setsockopt(-1, SOL_SCTP, 0x3e7 /* SCTP_??? */, [1], 4)"#,
    r#"socket(AF_AX25, SOCK_DGRAM, 0xcc /* AX25_P_IP */)"#,
    r#"socket(AF_KCM, SOCK_DGRAM, 0x1 /* KCMPROTO_??? */)"#,
];

#[test]
fn i386_iocbs_user_desc_and_sockopts_print_as_strace_6_1_does() {
    let set = "trace=setsockopt,socket,set_thread_area,get_thread_area,modify_ldt,io_submit";
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    let got: Vec<String> = trace_lines(&notrace(), &["-e", set], "args_i386_sock2", "sock2-i386")
        .iter()
        .filter_map(|l| l.strip_suffix(" [i386]").map(str::to_string))
        .collect();
    check_lines(&got, I386_EXPECTED);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/strace-evidence/i386_sock2.strace"
    );
    let ev: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| result.replace(l, ")").into_owned())
        .collect();
    assert_eq!(ev, I386_EXPECTED);
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping the comparison: strace is not installed (apt-get install strace)");
        return;
    }
    let theirs: Vec<String> = trace_lines(
        std::path::Path::new("strace"),
        &["-qq", "-e", "signal=none", "-e", set],
        "args_i386_sock2",
        "sock2-i386-strace",
    )
    .iter()
    .map(|l| result.replace(l, ")").into_owned())
    .collect();
    assert_eq!(theirs, got);
}

/// i386's iocb array holds 32-bit pointers: the JSON has each iocb, and
/// the pointers of NULL and unreadable elements.
#[test]
fn i386_io_submit_json_values() {
    let lines = trace_lines(
        &notrace(),
        &["--json", "-e", "trace=io_submit,set_thread_area"],
        "args_i386_sock2",
        "sock2-i386-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let sub = syscalls_named(&events, "io_submit");
    let cbs = &sub[0]["args"][2]["value"];
    assert_eq!(cbs[0]["aio_data"], json!(0x42));
    assert_eq!(cbs[1]["aio_buf"][1]["len"], json!(5));
    assert_eq!(cbs[2], json!(0));
    assert_eq!(cbs[3], json!(8));
    let sta = syscalls_named(&events, "set_thread_area");
    let desc = &sta[0]["args"][0]["value"];
    assert_eq!(desc["contents"], json!(3));
    assert!(desc.get("lm").is_none(), "{desc}");
}
