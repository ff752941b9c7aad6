//! Drives the TUI with synthetic events, for trying it by hand (no tracer
//! needed): `cargo run --example tui_demo -- [RATE] [-- CMD...]`, or
//! `cargo run --example tui_demo -- view FILE.jsonl`, or
//! `cargo run --example tui_demo -- shot FILE.jsonl [KEYS] > shot.svg`.
//!
//! CMD (default `sh`) runs on a pty shown in the output pane; the fake
//! supervisor emits RATE events per second (default 200) and holds calls
//! whose names are in the hold set (`openat` at start).

use std::borrow::Cow;
use std::process::{Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use notrace::event::{
    Action, Arch, DecodedArg, Event, ExitKind, Held, HoldReply, HoldSet, Message, ProcessExit,
};
use notrace::tui;

fn arg(
    name: &'static str,
    kind: &'static str,
    raw: u64,
    text: String,
    value: Option<serde_json::Value>,
) -> DecodedArg {
    DecodedArg {
        name: Cow::Borrowed(name),
        kind: Cow::Borrowed(kind),
        raw,
        text,
        value,
    }
}

fn fake(seq: u64, pid: i32) -> Event {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let (name, nr, decoded): (&'static str, u32, Vec<DecodedArg>) =
        match seq % 7 {
            0 | 3 => {
                let p = format!(
                    "/usr/lib/x86_64-linux-gnu/lib{}.so.{}",
                    ["c", "m", "ssl", "z"][(seq % 4) as usize],
                    seq % 3
                );
                (
                    "openat",
                    257,
                    vec![
                        arg(
                            "dfd",
                            "dirfd",
                            0xffffffffffffff9c,
                            "AT_FDCWD".into(),
                            Some("AT_FDCWD".into()),
                        ),
                        arg(
                            "filename",
                            "path",
                            0x7ffd0000,
                            format!("{p:?}"),
                            Some(p.into()),
                        ),
                        arg(
                            "flags",
                            "open_flags",
                            0x80000,
                            "O_RDONLY|O_CLOEXEC".into(),
                            None,
                        ),
                    ],
                )
            }
            1 => (
                "read",
                0,
                vec![
                    arg("fd", "fd", 3, "3".into(), None),
                    arg("buf", "out_ptr", 0x7ffd1000, "0x7ffd1000".into(), None),
                    arg("count", "uint", 832, "832".into(), None),
                ],
            ),
            2 => (
                "mmap",
                9,
                vec![
                    arg("addr", "ptr", 0, "NULL".into(), None),
                    arg("length", "uint", 8192, "8192".into(), None),
                    arg("prot", "mmap_prot", 3, "PROT_READ|PROT_WRITE".into(), None),
                ],
            ),
            4 => (
                "connect",
                42,
                vec![
            arg("fd", "fd", 4, "4".into(), None),
            arg("addr", "sockaddr_in:2", 0x7ffd2000,
                "{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr(\"10.0.0.1\")}".into(),
                Some(serde_json::json!({"family":"AF_INET","addr":"10.0.0.1","port":443}))),
            arg("addrlen", "uint", 16, "16".into(), None),
        ],
            ),
            5 => ("close", 3, vec![arg("fd", "fd", 3, "3".into(), None)]),
            _ => (
                "rt_sigaction",
                13,
                vec![arg("signum", "signal", 17, "SIGCHLD".into(), None)],
            ),
        };
    Event {
        seq,
        time_ns: now,
        pid,
        tid: pid,
        comm: "demo".into(),
        arch: Arch::X86_64,
        name: Cow::Borrowed(name),
        nr,
        args: [0; 6],
        decoded,
        action: if seq.is_multiple_of(50) {
            Action::Denied {
                errno: libc::EACCES,
                rule: "demo rule".into(),
            }
        } else {
            Action::Allowed
        },
        result: if seq.is_multiple_of(50) {
            notrace::event::Outcome::Returned(-(libc::EACCES as i64))
        } else if seq.is_multiple_of(7) {
            notrace::event::Outcome::Returned(-(libc::ENOENT as i64))
        } else {
            notrace::event::Outcome::Returned(0)
        },
        duration_ns: Some(1000 + seq % 5000),
        ret_path: None,
        ip: 0,
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("view") {
        return tui::view_file(std::path::Path::new(&args[1]));
    }
    // shot FILE.jsonl [VIEW-KEYS]: an SVG screenshot on stdout, after
    // typing the given keys (e.g. "\t" for the stats view).
    if args.first().map(String::as_str) == Some("shot") {
        let mut app = tui::app_from_file(std::path::Path::new(&args[1]))?;
        for c in args.get(2).map(String::as_str).unwrap_or("").chars() {
            let code = match c {
                '\t' => ratatui::crossterm::event::KeyCode::Tab,
                '\n' => ratatui::crossterm::event::KeyCode::Enter,
                c => ratatui::crossterm::event::KeyCode::Char(c),
            };
            app.key(ratatui::crossterm::event::KeyEvent::from(code));
        }
        print!("{}", tui::render_to_svg(&app, 120, 36));
        return Ok(());
    }
    let rate: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(200);
    let cmd: Vec<String> = match args.iter().position(|a| a == "--") {
        Some(i) => args[i + 1..].to_vec(),
        None => vec!["sh".into()],
    };
    let (master, slave) = tui::pty::open()?;
    // setsid -c: the command gets its own session with the pty as its
    // controlling terminal, as the engine will arrange; otherwise an
    // interactive shell would grab our terminal's foreground.
    let mut child = Command::new("setsid")
        .arg("-c")
        .args(&cmd)
        .stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave))
        .spawn()?;
    let child_pid = child.id() as i32;
    let hold = HoldSet::default();
    hold.write().unwrap().insert("openat".into());
    let (tx, rx) = mpsc::sync_channel(10_000);
    let h2 = hold.clone();
    let (vtx, vrx) = mpsc::channel();
    let (_pr, pw) = std::io::pipe()?;
    let pw = Arc::new(pw);
    std::thread::spawn(move || {
        let mut seq = 0;
        loop {
            if let Ok(Some(st)) = child.try_wait() {
                use std::os::unix::process::ExitStatusExt;
                let how = match st.signal() {
                    Some(s) => ExitKind::Signaled {
                        signal: s,
                        core: st.core_dumped(),
                    },
                    None => ExitKind::Exited(st.code().unwrap_or(0)),
                };
                let _ = tx.send(Message::Exit(ProcessExit {
                    pid: child_pid,
                    time_ns: 0,
                    how,
                }));
                return; // drops tx: the UI sees the end
            }
            for _ in 0..(rate / 20).max(1) {
                seq += 1;
                let pid = child_pid + (seq % 3) as i32;
                let ev = fake(seq, pid);
                let held = h2.read().unwrap().contains(&*ev.name) && seq.is_multiple_of(97);
                let m = if held {
                    Message::Held(Held {
                        event: ev,
                        reply: HoldReply::new(seq, vtx.clone(), pw.clone()),
                    })
                } else {
                    Message::Event(ev)
                };
                if tx.send(m).is_err() {
                    return;
                }
            }
            // Verdicts would go back to the kernel here; the demo drops them.
            while vrx.try_recv().is_ok() {}
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    let q = tui::run(
        rx,
        tui::TuiOptions {
            hold,
            pty_master: Some(master),
            child_pid: Some(child_pid),
            title: cmd.join(" "),
        },
    )?;
    println!("quit: {:?}", q.choice);
    q.finish_output(Duration::from_secs(1));
    Ok(())
}
