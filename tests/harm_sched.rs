//! A real-time command pinned to one CPU must start and run under notrace:
//! nothing in notrace's start-up may spin waiting for another of its own
//! threads on that CPU (a SCHED_FIFO spinner never yields to it).

mod common;

use common::{notrace, run_bounded, text};
use std::process::Command;
use std::time::Duration;

#[test]
fn a_sched_fifo_command_on_one_cpu_is_traced_and_ends() {
    if !common::is_root() || Command::new("chrt").arg("--help").output().is_err() {
        eprintln!("SKIP: needs root and chrt to run notrace under SCHED_FIFO");
        return;
    }
    for args in [vec!["-e", "openat"], vec!["--no-results", "-e", "openat"]] {
        let mut c = Command::new("chrt");
        c.args(["-f", "10", "taskset", "-c", "0"])
            .arg(notrace())
            .args(&args)
            .args(["--", "cat", "/etc/hostname"]);
        let (o, timed_out) = run_bounded(c, Duration::from_secs(20));
        assert!(!timed_out, "notrace {args:?} hung under SCHED_FIFO");
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert!(
            text(&o.stderr).contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)"),
            "{}",
            text(&o.stderr)
        );
        let hostname = std::fs::read_to_string("/etc/hostname").unwrap();
        assert_eq!(text(&o.stdout), hostname);
    }
}
