//! evdev ioctls whose argument is an input, as strace 6.1 prints them at
//! entry. The fixture `args_evdev` makes EVIOCSKEYCODE, EVIOCSKEYCODE_V2,
//! EVIOCSFF (each effect type strace prints a union member for, one it
//! does not, an unknown type), EVIOCSABS(n) of several sizes, EVIOCSREP,
//! EVIOCGRAB, EVIOCREVOKE, EVIOCSCLOCKID, EVIOCSMASK, EVIOCRMFF and
//! EVIOCGKEYCODE(_V2) calls on fd -1, with NULL, unmapped and cut
//! pointers. notrace's lines must be strace 6.1's, kept in
//! tests/strace-evidence/evdev.strace (and evdev_v.strace, `-v`), and
//! those of the strace installed here.

mod common;

use common::{check_lines, notrace, parse_jsonl, syscalls_named, trace_lines};
use std::process::Command;

/// Addresses of the stack (`0x7ff...`) and of the fixture's mmap'd page
/// (`0x7f...`), which differ from run to run, become `ADDR`; the evidence
/// has them blanked to 0x7ffc00000000 and 0x7f0000000000.
fn normalise(line: &str) -> String {
    regex::Regex::new(r"0x7[0-9a-f]{11}\b")
        .unwrap()
        .replace_all(line, "ADDR")
        .into_owned()
}

/// strace 6.1's lines from an evidence file, results dropped.
fn evidence(name: &str) -> Vec<String> {
    let path = format!(
        "{}/tests/strace-evidence/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    text.lines()
        .map(|l| normalise(&result.replace(l, ")")))
        .collect()
}

fn ours(extra: &[&str], tag: &str) -> Vec<String> {
    let mut args = extra.to_vec();
    args.extend(["-e", "ioctl"]);
    trace_lines(&notrace(), &args, "args_evdev", tag)
        .iter()
        .filter(|l| !l.starts_with("+++"))
        .map(|l| normalise(l))
        .collect()
}

#[test]
fn evdev_inputs_print_as_strace_6_1_does() {
    let want = evidence("evdev.strace");
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let got = ours(&[], "evdev");
    check_lines(&got, &want);
    // A few lines spelled out, so that the evidence cannot drift alone.
    assert_eq!(
        got[1],
        "ioctl(-1, EVIOCSKEYCODE, [4294967295, 0x3ff /* KEY_??? */])"
    );
    assert_eq!(
        got[14],
        "ioctl(-1, EVIOCSFF, {type=0x7 /* FF_??? */, id=3, direction=16384, ...})"
    );
    assert_eq!(
        got[20],
        "ioctl(-1, EVIOCSABS(0x3f /* ABS_??? */), {value=4294967291, minimum=0, ...})"
    );
}

#[test]
fn evdev_inputs_with_v_print_in_full() {
    let want = evidence("evdev_v.strace");
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    let got = ours(&["-v"], "evdev-v");
    check_lines(&got, &want);
    assert_eq!(
        got[13],
        "ioctl(-1, EVIOCSFF, {type=FF_SPRING, id=3, direction=16384, trigger={button=1, interval=2}, replay={length=1000, delay=65535}})"
    );
    assert_eq!(
        got[22],
        "ioctl(-1, EVIOCSABS(ABS_Y), {value=4294967291, minimum=0, maximum=1023, fuzz=4, flat=8, resolution=4294967295, ...})"
    );
}

/// The same against the strace installed here.
#[test]
fn evdev_inputs_match_installed_strace() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("skipping: strace is not installed (apt-get install strace)");
        return;
    }
    let strace = std::path::PathBuf::from("strace");
    let result = regex::Regex::new(r"\) += .*$").unwrap();
    for extra in [&[][..], &["-v"], &["-X", "raw"], &["-v", "-X", "verbose"]] {
        let mut args = extra.to_vec();
        args.extend(["-qq", "-e", "signal=none", "-e", "trace=ioctl"]);
        let theirs: Vec<String> = trace_lines(&strace, &args, "args_evdev", "evdev-strace")
            .iter()
            .filter(|l| !l.starts_with("+++"))
            .map(|l| normalise(&result.replace(l, ")")))
            .collect();
        assert_eq!(theirs, ours(extra, "evdev-ours"), "args_evdev {extra:?}");
    }
}

#[test]
fn evdev_json_values() {
    use serde_json::json;
    let lines = trace_lines(
        &notrace(),
        &["--json", "-v", "-e", "ioctl"],
        "args_evdev",
        "evdev-json",
    );
    let events = parse_jsonl(lines.join("\n").as_bytes());
    let calls = syscalls_named(&events, "ioctl");
    let arg = |n: usize| calls[n]["args"][2]["value"].clone();
    assert_eq!(arg(0), json!([0x70028, "KEY_A"]));
    assert_eq!(arg(1), json!([4294967295u32, 0x3ff]));
    let ike = arg(5);
    assert_eq!(ike["keycode"], "KEY_POWER");
    assert_eq!(ike["scancode"][0], 0x28);
    assert_eq!(ike["scancode"][31], 0xff);
    assert_eq!(
        arg(8),
        json!({ "type": "FF_RUMBLE", "id": -1, "direction": 16384,
                "trigger": { "button": 1, "interval": 2 },
                "replay": { "length": 1000, "delay": 65535 },
                "rumble": { "strong_magnitude": 32768, "weak_magnitude": 65535 } })
    );
    assert_eq!(arg(9)["constant"]["envelope"]["fade_level"], 0x7fff);
    assert_eq!(arg(11)["periodic"]["custom_len"], 4000000000u32);
    assert_eq!(arg(14)["type"], 7);
    assert_eq!(arg(18)["resolution"], 4294967295u32);
}
