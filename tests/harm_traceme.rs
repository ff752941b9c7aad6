//! A command that asks its parent to trace it (PTRACE_TRACEME) and then
//! execs must not hang under notrace, which is its parent but no
//! debugger: the call fails with EPERM, as under strace.

mod common;

use common::{said, text, traced};
use std::time::Duration;

#[test]
fn the_commands_traceme_is_refused_and_its_exec_runs() {
    for args in [
        vec!["-e", "ptrace,execve"],
        vec!["-e", "openat"],
        vec!["--no-results", "-e", "none"],
    ] {
        let (o, timed_out) = traced(&args, "traceme", &[], Duration::from_secs(20));
        assert!(!timed_out, "notrace {args:?} hung after PTRACE_TRACEME");
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
        assert_eq!(
            said(&text(&o.stdout), "traceme"),
            Some("-1 errno=1"),
            "{args:?}"
        );
        // The refusal is in the trace, traced or not.
        assert!(
            text(&o.stderr).contains("ptrace(PTRACE_TRACEME) = -1 EPERM (Operation not permitted)"),
            "{args:?}: {}",
            text(&o.stderr)
        );
    }
}
