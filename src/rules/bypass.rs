//! Refusals added to the rules so that calls no rule names cannot be used
//! to get around the rules that are in force: opening by file handle and
//! new mounts around path rules, TCP Fast Open around connect rules. Each
//! refusal is a rule of its own whose text says why, so every refused call
//! is in the audit trail under that name. All of them look at registers
//! only (race-free). See "Which calls a rule covers" in `docs/rules.md`.

use super::addr::AddrPat;
use super::{parse_rule, Rule, RuleSet};
use crate::tables;

/// The rule text of the refusal of `open_by_handle_at` under path rules.
pub const OPEN_BY_HANDLE_REFUSED: &str =
    "open_by_handle_at (notrace: opening by file handle would get around the path rules, or reach notrace through a pidfs handle)";

/// The rule text of the refusal of new mounts while rules are in force.
pub const MOUNT_REFUSED: &str = "mount,fsopen,fspick,fsmount,move_mount,mount_setattr,pivot_root \
     (notrace: a new mount would get around the path rules)";

/// The rule text of the refusal of detached bind mounts
/// (`OPEN_TREE_CLONE`) under path rules.
pub const OPEN_TREE_CLONE_REFUSED: &str =
    "open_tree,open_tree_attr arg2&1 (notrace: OPEN_TREE_CLONE would get around the path rules)";

/// `MSG_FASTOPEN`: the send flag that makes sendto/sendmsg connect.
pub const MSG_FASTOPEN: u64 = 0x2000_0000;

/// The rule texts of the refusal of `MSG_FASTOPEN` sends under connect
/// rules on inet addresses or ports: (text, the SET and condition).
pub const FASTOPEN_REFUSED: [(&str, &str); 3] = [
    (
        "sendto arg3&0x20000000 (notrace: MSG_FASTOPEN would get around the connect rules)",
        "sendto arg3&0x20000000",
    ),
    (
        "sendmsg arg2&0x20000000 (notrace: MSG_FASTOPEN would get around the connect rules)",
        "sendmsg arg2&0x20000000",
    ),
    (
        "sendmmsg arg3&0x20000000 (notrace: MSG_FASTOPEN would get around the connect rules)",
        "sendmmsg arg3&0x20000000",
    ),
];

/// A rule refusing `spec` (a SET with register conditions) with EPERM,
/// named `text`.
fn refusal(spec: &str, text: &str) -> Option<Rule> {
    let mut r = parse_rule(spec, "notrace").ok()?;
    r.text = text.to_string();
    Some(r)
}

/// Whether a rule on `connect` looks at an inet address or port.
fn has_inet_connect_rule(rules: &RuleSet) -> bool {
    rules.rules.iter().any(|r| {
        let on_connect = crate::select::ARCHES
            .iter()
            .any(|&a| tables::by_name(a, "connect").is_some_and(|d| r.selection.contains(a, d.nr)));
        on_connect && (!r.ports.is_empty() || r.addrs.iter().any(|a| matches!(a, AddrPat::Net(..))))
    })
}

/// Adds the refusals the rules in force call for. Call it before
/// [`super::enforce::cover_socketcall`], so i386 `socketcall` sub-calls
/// of refused calls are refused too (their flags are in memory).
pub fn cover(rules: &mut RuleSet) {
    let mut add = Vec::new();
    if !rules.is_empty() {
        // Under any rule: a handle opens a file without a path (path
        // rules), and pidfs handles open a pidfd of notrace itself.
        add.extend(refusal("open_by_handle_at", OPEN_BY_HANDLE_REFUSED));
        // Under any rule: every open is checked on its path (notrace's own
        // /proc entries are refused), and a bind mount of /proc/PID would
        // give that entry another path.
        add.extend(refusal(
            "mount,fsopen,fspick,fsmount,move_mount,mount_setattr,pivot_root",
            MOUNT_REFUSED,
        ));
        add.extend(refusal(
            "open_tree,open_tree_attr arg2&1",
            OPEN_TREE_CLONE_REFUSED,
        ));
    }
    if has_inet_connect_rule(rules) {
        for (text, spec) in FASTOPEN_REFUSED {
            add.extend(refusal(spec, text));
        }
    }
    rules.rules.extend(add);
}

/// The rule text of x32 calls answered with ENOSYS because the kernel has
/// no x32 ABI.
pub const X32_ABSENT: &str = "(notrace: this kernel has no x32 ABI; ENOSYS as the kernel says)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Arch;

    fn set(rules: &[&str]) -> RuleSet {
        RuleSet::parse(
            &rules.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            &[],
        )
        .unwrap()
    }

    fn texts(r: &RuleSet) -> Vec<&str> {
        r.rules.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn path_rules_refuse_handles_and_mounts() {
        let r = set(&["openat path=/etc/shadow"]);
        let t = texts(&r);
        assert!(t.contains(&OPEN_BY_HANDLE_REFUSED), "{t:?}");
        assert!(t.contains(&MOUNT_REFUSED), "{t:?}");
        assert!(t.contains(&OPEN_TREE_CLONE_REFUSED), "{t:?}");
        assert!(!t.iter().any(|x| x.contains("MSG_FASTOPEN")), "{t:?}");
        for a in crate::select::ARCHES {
            for n in [
                "open_by_handle_at",
                "mount",
                "fsmount",
                "move_mount",
                "open_tree",
            ] {
                let d = tables::by_name(a, n).unwrap();
                assert!(r.covers(a, d.nr), "{n} on {a:?}");
            }
        }
        // open_tree without OPEN_TREE_CLONE is only an O_PATH open.
        let nr = tables::by_name(Arch::X86_64, "open_tree").unwrap().nr;
        let mut f = super::super::Facts {
            arch: Some(Arch::X86_64),
            nr,
            ..Default::default()
        };
        f.args[2] = 0x8000; // OPEN_TREE_CLOEXEC
        assert!(r.first_match(&f).is_none());
        f.args[2] = 1;
        assert_eq!(r.first_match(&f).unwrap().text, OPEN_TREE_CLONE_REFUSED);
        let u = set(&["connect addr=/run/x.sock"]);
        assert!(texts(&u).contains(&MOUNT_REFUSED));
    }

    #[test]
    fn inet_connect_rules_refuse_fastopen_only() {
        let r = set(&["connect port=443"]);
        let t = texts(&r);
        // Mounts are refused under every rule (notrace's /proc entries).
        assert!(t.contains(&MOUNT_REFUSED), "{t:?}");
        let nr = tables::by_name(Arch::X86_64, "sendto").unwrap().nr;
        let mut f = super::super::Facts {
            arch: Some(Arch::X86_64),
            nr,
            ..Default::default()
        };
        f.args[3] = libc::MSG_DONTWAIT as u64;
        assert!(r.first_match(&f).is_none());
        f.args[3] |= MSG_FASTOPEN;
        assert!(r.first_match(&f).unwrap().text.contains("MSG_FASTOPEN"));
        let nr = tables::by_name(Arch::X86_64, "sendmsg").unwrap().nr;
        let f = super::super::Facts {
            arch: Some(Arch::X86_64),
            nr,
            args: [3, 0, MSG_FASTOPEN, 0, 0, 0],
            ..Default::default()
        };
        assert!(r.first_match(&f).is_some());
        assert!(!texts(&set(&["connect addr=/run/x.sock"]))
            .iter()
            .any(|x| x.contains("MSG_FASTOPEN")));
        assert!(texts(&set(&["%network addr=10.0.0.0/8"]))
            .iter()
            .any(|x| x.contains("MSG_FASTOPEN")));
        let m = set(&["mkdir"]);
        let t = texts(&m);
        assert!(!t.iter().any(|x| x.contains("MSG_FASTOPEN")), "{t:?}");
        assert!(t.contains(&OPEN_BY_HANDLE_REFUSED), "{t:?}");
    }
}
