//! The terminal UI end-to-end harness: `notrace --tui` (or `view`) in a
//! detached tmux session of a fixed size on a private server, keys in with
//! `tmux send-keys`, every step checked on `tmux capture-pane` by polling
//! with a timeout (no fixed sleeps). Shared by tests/tui_e2e*.rs and
//! tests/tui_record.rs.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long any one expected screen may take to appear (debug build, a
/// busy two-core CI machine).
pub const WAIT: Duration = Duration::from_secs(30);

/// Quotes `s` for `sh`.
pub fn sq(s: impl AsRef<str>) -> String {
    format!("'{}'", s.as_ref().replace('\'', r"'\''"))
}

pub fn notrace() -> String {
    super::notrace().to_string_lossy().into_owned()
}

/// One detached tmux session on a private server; the server is killed on
/// drop, so no session outlives its test.
pub struct Tmux {
    socket: String,
    /// The server's socket file, removed on drop.
    socket_path: Option<PathBuf>,
}

impl Tmux {
    /// Starts `shell_cmd` (run by `sh -c`) in a 120 × 40 session.
    pub fn start(name: &str, shell_cmd: &str) -> Tmux {
        Self::start_sized(name, 120, 40, shell_cmd)
    }

    /// Starts `shell_cmd` in a `width` × `height` session.
    pub fn start_sized(name: &str, width: u16, height: u16, shell_cmd: &str) -> Tmux {
        super::require_tool(
            "tmux",
            "the terminal UI end-to-end tests drive notrace --tui in tmux",
        );
        let mut t = Tmux {
            socket: format!("notrace-e2e-{}-{name}", std::process::id()),
            socket_path: None,
        };
        let out = t.tmux(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            shell_cmd,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = t.tmux(&["display-message", "-p", "-t", "t", "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        t.socket_path = (!path.is_empty()).then(|| PathBuf::from(path));
        t
    }

    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            // No user configuration; a server of our own.
            .args(["-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env_remove("TMUX")
            // cargo test points the loader at the target directory; the
            // traced commands would then open many more files.
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null())
            .output()
            .expect("run tmux")
    }

    /// Sends tmux key names (`Enter`, `Tab`, `Down`, `q` …).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(
            out.status.success(),
            "tmux send-keys {keys:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        let out = self.tmux(&["send-keys", "-t", "t", "-l", text]);
        assert!(out.status.success(), "tmux send-keys -l {text:?} failed");
    }

    /// The visible screen, one string.
    pub fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen with its colours as escape sequences.
    pub fn screen_styled(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-e", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ok` holds; panics with the last screen and
    /// `what` after [`WAIT`].
    pub fn wait_for(&self, what: &str, mut ok: impl FnMut(&str) -> bool) -> String {
        let t0 = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                // The UI writes a frame in pieces (stdout's 1 KiB buffer):
                // a capture can catch the top of a new frame over the rest
                // of the old one. The rest follows at once, so a second
                // look a moment later sees the whole frame.
                std::thread::sleep(Duration::from_millis(20));
                let again = self.screen();
                if ok(&again) {
                    return again;
                }
            }
            if t0.elapsed() > WAIT {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen contains every one of `texts`.
    pub fn wait_text(&self, texts: &[&str]) -> String {
        self.wait_for(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        if let Some(p) = &self.socket_path {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A unique scratch directory under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let d = super::notrace()
        .parent()
        .unwrap()
        .join("tui-e2e")
        .join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Pids of live processes whose arguments are exactly `argv`.
pub fn processes_running(argv: &[&str]) -> Vec<i32> {
    let want: Vec<u8> = argv
        .iter()
        .flat_map(|a| [a.as_bytes(), b"\0"].concat())
        .collect();
    let mut pids = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        // A zombie has an empty cmdline, so it never matches.
        if std::fs::read(e.path().join("cmdline")).is_ok_and(|c| c == want) {
            pids.push(pid);
        }
    }
    pids
}

pub fn wait_gone(argv: &[&str]) {
    let t0 = Instant::now();
    loop {
        let p = processes_running(argv);
        if p.is_empty() {
            return;
        }
        if t0.elapsed() > WAIT {
            panic!("processes {p:?} running {argv:?} are still alive");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// N in the list title `Events N`.
pub fn events_count(screen: &str) -> Option<u64> {
    // The tab bar says "Events" too, without a number.
    screen.match_indices("Events ").find_map(|(i, m)| {
        let digits: String = screen[i + m.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    })
}

/// Whether notrace gets return values here (a probe run).
pub fn results_available() -> bool {
    // In the temporary directory: the probe also runs as an unprivileged
    // user, who cannot write under the target directory.
    let dir = super::tempdir("results-probe");
    let out = dir.join("t.jsonl");
    let ran = Command::new(super::notrace())
        .args(["--json", "-q", "-o"])
        .arg(&out)
        .args(["--", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    let yes =
        ran && std::fs::read_to_string(&out).is_ok_and(|t| t.contains("\"status\":\"successful\""));
    let _ = std::fs::remove_dir_all(&dir);
    yes
}
