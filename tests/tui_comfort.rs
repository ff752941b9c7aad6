//! End-to-end tests of the terminal UI's comfort keys, in tmux (see
//! tests/common/tmux.rs): a call too long for an 80-column screen is
//! scrolled sideways with → and wrapped with `W`, the detail shows the
//! local time zone (TZ) and `U` switches it to UTC, `y` puts the call's
//! text-output line on the clipboard through OSC 52 (tmux with
//! `set-clipboard on` keeps it as a paste buffer), and `NO_COLOR` leaves
//! no colour on the screen.
//!
//! Skipped, with a message, when tmux is not installed.

mod common;

use std::process::{Command, Stdio};

use common::tmux::{notrace, scratch, sq, Tmux};

fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: tmux is not installed (apt-get install tmux)");
    }
    ok
}

/// A trace of `cat` failing to open a path far longer than the screen
/// (relative, so that its length is known): (the trace file, the path).
fn long_path_trace(name: &str) -> (std::path::PathBuf, String) {
    let dir = scratch(name);
    let trace = dir.join("trace.jsonl");
    let path = format!("no-such-dir-{}/COMFORT-END", "x".repeat(120));
    let out = Command::new(common::notrace())
        .current_dir(&dir)
        .args(["--json", "-o"])
        .arg(&trace)
        .args(["--", "cat"])
        .arg(&path)
        .stdout(Stdio::null())
        .output()
        .expect("run notrace --json");
    assert!(
        std::fs::read_to_string(&trace).is_ok_and(|t| t.contains("COMFORT-END")),
        "notrace --json recorded no open of the path: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (trace, path)
}

/// The screen's event rows (inside the list's border) holding `marker`.
fn rows_of<'a>(screen: &'a str, marker: &str) -> Vec<&'a str> {
    screen
        .lines()
        .filter(|l| l.starts_with('│') && l.contains(marker))
        .collect()
}

#[test]
fn right_arrow_scrolls_w_wraps_u_utc_and_y_copies() {
    if !have_tmux() {
        return;
    }
    let (trace, path) = long_path_trace("comfort");
    // Without return values the rows end at `)`.
    let results = common::tmux::results_available();
    let t = Tmux::start_sized(
        "comfort",
        80,
        24,
        &format!(
            "TZ=JST-9 {} view {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(trace.to_string_lossy())
        ),
    );
    // OSC 52 from the UI becomes a tmux paste buffer.
    t.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    t.wait_text(&["saved trace", "no-such-dir-xxxx"]);
    // Select the long call: the search selects its first match.
    t.keys(&["/"]);
    t.type_text("COMFORT-END");
    t.keys(&["Enter"]);
    let s = t.wait_text(&[" /COMFORT-END "]);
    let row = rows_of(&s, "openat(AT_FDCWD, \"no-such-dir-xxxx");
    assert!(
        row.len() == 1 && row[0].contains('…') && !s.contains("COMFORT-END\""),
        "cut at 80 columns, its end out of sight:\n{s}"
    );
    let time = row[0].split_whitespace().nth(1).unwrap().to_string();

    // → until the end of the path shows (the call is 18 + 144 + 12 cells,
    // with its result 12 more; 56 are in sight); the time column stays.
    t.keys(&["Right"; 17]);
    let s = t.wait_text(&["COMFORT-END\", O_RDONLY)", " → col 136 "]);
    if results {
        assert!(s.contains("COMFORT-END\", O_RDONLY) = -1 ENOENT"), "{s}");
    }
    let row = rows_of(&s, "COMFORT-END");
    assert!(
        row.len() == 1 && row[0].contains(&time) && !row[0].contains("openat("),
        "the call moved left past the fixed columns:\n{s}"
    );
    t.keys(&["Home"]);
    t.wait_for("column 0 again", |s| {
        !s.contains(" → col ")
            && rows_of(s, "openat(AT_FDCWD")
                .iter()
                .any(|r| r.contains('…'))
    });

    // W: the selected row whole, on several lines.
    t.keys(&["W"]);
    let s = t.wait_text(&[" wrap ", "COMFORT-END"]);
    // The row's lines, borders and blanks taken out, make the call whole.
    let joined: String = s.lines().flat_map(|l| l.split(['│', ' '])).collect();
    assert!(
        joined.contains(&format!("\"{path}\",O_RDONLY)")),
        "the whole path on the wrapped row:\n{s}"
    );
    t.keys(&["W"]);
    t.wait_text(&["rows cut at the edge"]);

    // The detail says the time in TZ's zone; U: UTC.
    t.keys(&["Enter"]);
    let s = t.wait_text(&["local time (U)", " JST (+09:00)"]);
    assert!(!s.contains(" UTC"), "{s}");
    t.keys(&["U"]);
    t.wait_text(&["UTC (U)", "times in UTC"]);
    t.keys(&["Escape"]);

    // y: the line as the text output prints it, into tmux's buffer.
    t.keys(&["y"]);
    let mut want = format!("openat(AT_FDCWD, \"{path}\", O_RDONLY)");
    if results {
        want.push_str(" = -1 ENOENT (No such file or directory)");
    }
    t.wait_text(&["copied ", " bytes"]);
    let t0 = std::time::Instant::now();
    let got = loop {
        let out = t.tmux(&["show-buffer"]);
        let got = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() || t0.elapsed() > common::tmux::WAIT {
            break got;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    if results {
        assert_eq!(got, want, "tmux's paste buffer after y");
    } else {
        assert!(got.starts_with(&want), "tmux's paste buffer after y: {got}");
    }

    // Mouse reports: presses and wheel in SGR form while the UI runs
    // (no motion reports), all off again once it has quit.
    let flags = || {
        let out = t.tmux(&[
            "display-message",
            "-p",
            "-t",
            "t",
            "#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_button_flag}#{mouse_all_flag}",
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(flags(), "1100", "mouse modes while the UI runs");
    t.keys(&["q"]);
    t.wait_text(&["NOTRACE-EXIT=0"]);
    assert_eq!(flags(), "0000", "mouse modes after the UI quit");
}

/// SGR parameters of every `ESC [ … m` in `s` that set a colour.
fn colour_codes(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split("\x1b[").skip(1) {
        let Some(end) = part.find('m') else { continue };
        let params = &part[..end];
        if !params.chars().all(|c| c.is_ascii_digit() || c == ';') {
            continue;
        }
        let colour = params.split(';').any(|p| {
            matches!(p.parse::<u32>(), Ok(n) if (30..=38).contains(&n) || (40..=48).contains(&n) || (90..=97).contains(&n) || (100..=107).contains(&n))
        });
        if colour {
            out.push(params.to_string());
        }
    }
    out
}

#[test]
fn no_color_draws_without_colours() {
    if !have_tmux() {
        return;
    }
    let (trace, _) = long_path_trace("nocolor");
    let run = |name: &str, env: &str| {
        let t = Tmux::start_sized(
            name,
            80,
            24,
            &format!(
                "{env} {} view {}; sleep 600",
                sq(notrace()),
                sq(trace.to_string_lossy())
            ),
        );
        t.wait_text(&["saved trace", "no-such-dir-xxxx"]);
        // The frame is whole once the status line's end is drawn.
        t.wait_text(&["? help"]);
        t.screen_styled()
    };
    let coloured = run("colour", "NO_COLOR=");
    assert!(
        !colour_codes(&coloured).is_empty(),
        "an empty NO_COLOR keeps the colours:\n{coloured:?}"
    );
    let plain = run("nocolor", "NO_COLOR=1");
    assert_eq!(
        colour_codes(&plain),
        Vec::<String>::new(),
        "colours with NO_COLOR=1"
    );
    assert!(plain.contains("\x1b[7m"), "the selection is reverse video");
}
