//! Renders a screenshot of the terminal UI from a trace recorded with
//! `notrace --json -o TRACE.jsonl -- CMD`, as SVG (see
//! `screenshots/make.sh`):
//!
//! ```text
//! cargo run --example shot -- TRACE.jsonl OUT.svg [--title T] [--output FILE]
//!     [--keys KEYS] [--hold NAME:TEXT] [--size COLSxROWS]
//! ```
//!
//! The UI is shown as `notrace --tui` shows it live once the command has
//! ended: title `T`, the command's output (`FILE`, what it printed) in the
//! output pane. `--keys` are typed first: characters, plus `{tab}`,
//! `{enter}`, `{esc}`, `{down}`, `{up}`, `{home}`, `{end}`.
//!
//! `--hold NAME:TEXT` stops replaying at the first `NAME` call whose
//! arguments contain `TEXT` and hands it to the UI as a held call, exactly
//! as the supervisor does under `--hold NAME`: the moment the command
//! waits for `a`/`d`.

use std::path::Path;
use std::sync::{mpsc, Arc};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use notrace::event::{Held, HoldReply, HoldSet, Message};
use notrace::tui::{self, app};

fn keys(spec: &str) -> Vec<KeyCode> {
    let mut out = Vec::new();
    let mut rest = spec;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            if let Some(end) = rest.find('}') {
                let code = match &rest[1..end] {
                    "tab" => KeyCode::Tab,
                    "enter" => KeyCode::Enter,
                    "esc" => KeyCode::Esc,
                    "down" => KeyCode::Down,
                    "up" => KeyCode::Up,
                    "home" => KeyCode::Home,
                    "end" => KeyCode::End,
                    other => panic!("unknown key {{{other}}}"),
                };
                out.push(code);
                rest = &rest[end + 1..];
                continue;
            }
        }
        out.push(KeyCode::Char(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!(
            "usage: shot TRACE.jsonl OUT.svg [--title T] [--output FILE] [--keys KEYS] \
             [--hold NAME:TEXT] [--size COLSxROWS]"
        );
        std::process::exit(2);
    }
    let (trace, out) = (Path::new(&args[0]), Path::new(&args[1]));
    let mut title = format!("view {}", trace.display());
    let (mut output, mut key_spec, mut hold) = (None, String::new(), None);
    let (mut cols, mut rows) = (120u16, 36u16);
    let mut it = args[2..].iter();
    while let Some(a) = it.next() {
        let v = it.next().expect("option needs a value");
        match a.as_str() {
            "--title" => title = v.clone(),
            "--output" => output = Some(std::fs::read(v)?),
            "--keys" => key_spec = v.clone(),
            "--hold" => hold = Some(v.split_once(':').expect("--hold NAME:TEXT")),
            "--size" => {
                let (c, r) = v.split_once('x').expect("--size COLSxROWS");
                (cols, rows) = (c.parse().unwrap(), r.parse().unwrap());
            }
            _ => panic!("unknown option {a}"),
        }
    }

    let hold_set = HoldSet::default();
    if let Some((name, _)) = hold {
        hold_set.write().unwrap().insert(name.to_string());
    }
    let mut app = app::App::new(title, hold_set, app::DEFAULT_CAP);
    app.live = true;
    if let Some(o) = &output {
        app.has_pty = true;
        app.feed_output(o);
    }
    // Kept alive until the picture is drawn: a dropped reply allows.
    let (vtx, _vrx) = mpsc::channel();
    let (_pr, pw) = std::io::pipe()?;
    let pw = Arc::new(pw);
    let mut stopped = false;
    for m in tui::load::load_file(trace)? {
        match (m, hold) {
            (Message::Event(ev), Some((name, text)))
                if ev.name == name && ev.decoded.iter().any(|d| d.text.contains(text)) =>
            {
                let reply = HoldReply::new(ev.seq, vtx.clone(), pw.clone());
                app.push(Message::Held(Held { event: ev, reply }));
                stopped = true;
                break;
            }
            (m, _) => app.push(m),
        }
    }
    if hold.is_some() && !stopped {
        panic!("no call matches --hold {hold:?}");
    }
    if !stopped {
        app.set_ended();
    }
    for k in keys(&key_spec) {
        app.key(KeyEvent::from(k));
    }
    std::fs::write(out, tui::render_to_svg(&app, cols, rows))?;
    Ok(())
}
