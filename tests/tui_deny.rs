//! End-to-end test of `D` in `notrace --tui`: a held mkdir is denied with
//! an errno typed into the prompt (a typo first, Tab takes the suggested
//! name), and the traced program really gets that errno: mkdir(1) prints
//! its message and fails, the directory is not made. Runs in tmux (see
//! tests/common/tmux.rs).

mod common;

use common::tmux::{notrace, scratch, sq, Tmux};

#[test]
fn held_mkdir_denied_with_a_typed_errno_fails_with_it() {
    let dir = scratch("deny-errno").join("made");
    let t = Tmux::start(
        "deny-errno",
        &format!(
            "{} --tui --hold mkdir -- sh -c {}; echo NOTRACE-EXIT=$?; sleep 600",
            sq(notrace()),
            sq(format!(
                "LC_ALL=C mkdir {}; echo MKDIR-RC=$?",
                sq(dir.to_str().unwrap())
            ))
        ),
    );
    t.wait_text(&["held · a allow", "mkdir(", "hold: mkdir"]);
    t.keys(&["D"]);
    t.wait_text(&["deny mkdir with errno", "Tab completes"]);
    t.type_text("EDQOUT");
    t.wait_text(&["EDQOUT█", "did you mean EDQUOT? (Tab)"]);
    // Enter on a typo denies nothing: the prompt stays.
    t.keys(&["Enter"]);
    let s = t.wait_text(&["deny mkdir with errno EDQOUT"]);
    assert!(s.contains("⏸ 1 held") || s.contains("held ·"), "{s}");
    t.keys(&["Tab"]);
    t.wait_text(&["EDQUOT█", "EDQUOT (Disk quota exceeded)"]);
    t.keys(&["Enter"]);
    let s = t.wait_text(&[
        "MKDIR-RC=1",
        "Disk quota exceeded",
        "command ended",
        "denied mkdir with EDQUOT",
    ]);
    assert!(
        s.lines()
            .any(|l| l.contains("cannot create directory") && l.contains("Disk quota exceeded")),
        "mkdir should have printed the errno's message:\n{s}"
    );
    assert!(!dir.exists(), "the denied mkdir made {}", dir.display());
    // The call's row says what it was denied with.
    t.keys(&["f"]);
    t.type_text("syscall:mkdir");
    t.keys(&["Enter"]);
    let s = t.wait_text(&["filter: syscall:mkdir"]);
    assert!(
        s.lines()
            .any(|l| l.contains("✗ mkdir(") && l.contains("= -1 EDQUOT")),
        "the denied row should show the errno chosen:\n{s}"
    );
    t.keys(&["q"]);
    t.wait_text(&["NOTRACE-EXIT="]);
}
