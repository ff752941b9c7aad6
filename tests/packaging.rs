//! Packaging: the man page and shell completions `notrace --generate`
//! prints, the license texts, Cargo.toml's `rust-version` and release
//! profile, the repository root, and the message for a kernel too old.

mod common;

use std::path::Path;
use std::process::Output;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn generate(kind: &str) -> String {
    let out = common::run_notrace(&["--generate", kind]);
    assert!(
        out.status.success(),
        "notrace --generate {kind} failed: {}",
        common::text(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", common::text(&out.stderr));
    common::text(&out.stdout)
}

/// Every long option `notrace --help` lists (`--trace`, `--json`, ...).
fn long_options() -> Vec<String> {
    let out = common::run_notrace(&["--help"]);
    assert!(out.status.success());
    let help = common::text(&out.stdout);
    let mut opts: Vec<String> = help
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            // Option lines start with -X, or --long: take the long name.
            let at = l.find("--")?;
            (l.starts_with('-') && at <= 4).then(|| {
                l[at..]
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .next()
                    .unwrap()
                    .to_string()
            })
        })
        .filter(|o| o.len() > 2)
        .collect();
    opts.sort();
    opts.dedup();
    for known in ["--trace", "--output", "--json", "--deny", "--tui", "--help"] {
        assert!(
            opts.iter().any(|o| o == known),
            "{known} not found in --help:\n{help}"
        );
    }
    opts
}

#[test]
fn man_page_lists_every_option_and_view() {
    let man = generate("man");
    assert!(man.contains(".TH notrace 1"), "no title:\n{man}");
    for o in long_options() {
        // roff escapes every '-'.
        let escaped = o.replace('-', "\\-");
        assert!(man.contains(&escaped), "man page misses {o}:\n{man}");
    }
    assert!(man.contains(".SH SYNOPSIS") && man.contains(".SH OPTIONS"));
    assert!(
        man.contains("\\fBnotrace view\\fR \\fIFILE\\fR"),
        "view not in the synopsis:\n{man}"
    );
    assert!(man.contains(".SH \"NOTRACE VIEW\""), "{man}");
    assert!(
        man.contains("notrace \\-\\- view"),
        "the page says how to trace a command named view"
    );
    // One page says all: no pointers to pages that are not installed.
    assert!(!man.contains("notrace\\-view(1)"), "{man}");
    assert!(!man.contains("notrace\\-help(1)"), "{man}");
}

#[test]
fn man_page_renders_with_man() {
    let man = generate("man");
    let dir = common::tempdir("man");
    let page = dir.join("notrace.1");
    std::fs::write(&page, &man).unwrap();
    let out = std::process::Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: man is not installed (the page's source is checked by man_page_lists_every_option_and_view)");
        return;
    };
    let text = common::text(&out.stdout);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    assert!(text.contains("NOTRACE VIEW"), "{text}");
    assert!(text.contains("--deny"), "{text}");
}

#[test]
fn completions_cover_every_option_and_view() {
    let opts = long_options();
    for (kind, marker) in [
        ("bash", "complete -F _notrace"),
        ("zsh", "#compdef notrace"),
        ("fish", "complete -c notrace"),
    ] {
        let script = generate(kind);
        assert!(script.contains(marker), "{kind}: no {marker:?}:\n{script}");
        for o in &opts {
            // fish names options without their dashes (-l trace).
            let name = o.trim_start_matches('-');
            let found = match kind {
                "fish" => script.contains(&format!("-l {name}")),
                _ => script.contains(o.as_str()),
            };
            assert!(found, "{kind} completion misses {o}:\n{script}");
        }
        assert!(script.contains("view"), "{kind}: no view:\n{script}");
    }
}

#[test]
fn bash_completion_is_valid_bash_and_completes_options() {
    let script = generate("bash");
    let dir = common::tempdir("bashcomp");
    let f = dir.join("notrace.bash");
    std::fs::write(&f, &script).unwrap();
    // Completing `notrace --tr`: what bash would offer.
    let probe = format!(
        "source {}; COMP_WORDS=(notrace --tr); COMP_CWORD=1; COMP_LINE='notrace --tr'; COMP_POINT=12; _notrace notrace --tr notrace; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        f.display()
    );
    let out = match std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: bash cannot run ({e})");
            return;
        }
    };
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let offered = common::text(&out.stdout);
    assert!(
        offered.lines().any(|l| l == "--trace"),
        "bash offered {offered:?} for --tr"
    );
}

#[test]
fn generate_refuses_an_unknown_kind() {
    let out: Output = common::run_notrace(&["--generate", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::text(&out.stderr);
    assert!(
        err.contains("--generate tcsh: unknown kind (one of: man, bash, zsh, fish)"),
        "{err}"
    );
    let out = common::run_notrace(&["--generate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::text(&out.stderr).contains("usage: notrace --generate"));
    // The `=` spelling works too.
    let out = common::run_notrace(&["--generate=zsh"]);
    assert!(out.status.success());
    assert!(common::text(&out.stdout).starts_with("#compdef notrace"));
}

#[test]
fn license_texts_match_cargo_toml() {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(toml.contains("license = \"MIT OR Apache-2.0\""), "{toml}");
    let mit = std::fs::read_to_string(root().join("LICENSE-MIT")).expect("LICENSE-MIT");
    assert!(mit.contains("Copyright (c) 2026 the notrace developers"));
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    assert!(mit.contains("THE SOFTWARE IS PROVIDED \"AS IS\""));
    let apache = std::fs::read_to_string(root().join("LICENSE-APACHE")).expect("LICENSE-APACHE");
    assert!(apache.contains("Apache License\n                        Version 2.0, January 2004"));
    assert!(apache.contains("END OF TERMS AND CONDITIONS"));
    // The whole text, not an abridged one: its nine sections.
    assert!(apache.contains("9. Accepting Warranty or Additional Liability."));
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for link in ["(LICENSE-MIT)", "(LICENSE-APACHE)", "(CHANGELOG.md)"] {
        assert!(readme.contains(link), "README does not link {link}");
    }
}

/// `major.minor[.patch]` as a comparable tuple.
fn version(s: &str) -> (u32, u32, u32) {
    let mut it = s.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (
        it.next().unwrap_or(0),
        it.next().unwrap_or(0),
        it.next().unwrap_or(0),
    )
}

/// The `rust-version` a Cargo.toml declares at the start of a line.
fn rust_version(toml: &str) -> Option<&str> {
    toml.lines()
        .find_map(|l| l.strip_prefix("rust-version"))
        .and_then(|rest| rest.split('"').nth(1))
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let declared = rust_version(&toml).expect("Cargo.toml declares rust-version");
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let Ok(indexes) = std::fs::read_dir(home.join("registry/src")) else {
        eprintln!(
            "skipped: no unpacked registry sources under {}",
            home.display()
        );
        return;
    };
    let indexes: Vec<_> = indexes.flatten().map(|e| e.path()).collect();
    let mut need = ("none".to_string(), (0, 0, 0));
    let mut seen = 0;
    for pkg in lock.split("[[package]]").skip(1) {
        let field = |k: &str| {
            pkg.lines()
                .find_map(|l| l.strip_prefix(&format!("{k} = \"")))
                .map(|v| v.trim_end_matches('"').to_string())
        };
        let (Some(name), Some(ver)) = (field("name"), field("version")) else {
            continue;
        };
        if field("source").is_none() {
            continue; // notrace itself
        }
        let Some(manifest) = indexes
            .iter()
            .map(|i| i.join(format!("{name}-{ver}/Cargo.toml")))
            .find(|p| p.exists())
        else {
            continue;
        };
        seen += 1;
        let text = std::fs::read_to_string(&manifest).unwrap();
        if let Some(rv) = rust_version(&text) {
            if version(rv) > need.1 {
                need = (format!("{name} {ver} needs {rv}"), version(rv));
            }
        }
    }
    if seen == 0 {
        eprintln!("skipped: the locked dependencies are not unpacked here");
        return;
    }
    assert_eq!(
        version(declared),
        need.1,
        "rust-version {declared}, but {}",
        need.0
    );
}

#[test]
fn release_profile_has_no_full_debug_info() {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let section: Vec<&str> = toml
        .lines()
        .skip_while(|l| l.trim() != "[profile.release]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect();
    let value = |k: &str| {
        section
            .iter()
            .find_map(|l| l.strip_prefix(k)?.trim_start().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    let debug = value("debug");
    assert!(
        matches!(
            debug.as_deref(),
            None | Some("false" | "0" | "none" | "line-tables-only")
        ),
        "[profile.release] debug = {debug:?}"
    );
    assert_eq!(value("strip").as_deref(), Some("debuginfo"), "{section:?}");
}

#[test]
fn no_stray_files_at_the_root() {
    let out = std::process::Command::new("git")
        .args(["ls-files", "--cached"])
        .current_dir(root())
        .output();
    let Ok(out) = out.map_err(|e| eprintln!("skipped: git cannot run ({e})")) else {
        return;
    };
    if !out.status.success() {
        eprintln!(
            "skipped: not a git checkout ({})",
            common::text(&out.stderr)
        );
        return;
    }
    let files = common::text(&out.stdout);
    for f in files.lines().filter(|f| !f.contains('/')) {
        let known = f.starts_with('.')
            || matches!(f, "Cargo.toml" | "Cargo.lock" | "build.rs")
            || f.starts_with("LICENSE-")
            || (f.ends_with(".md") && f.chars().next().is_some_and(|c| c.is_ascii_uppercase()));
        assert!(known, "stray file at the repository root: {f}");
        let len = std::fs::metadata(root().join(f)).map(|m| m.len());
        assert!(len.map_or(true, |l| l > 0), "empty file at the root: {f}");
    }
    assert!(files.lines().any(|f| f == "CHANGELOG.md"));
}

/// notrace traced by notrace, with one of the syscalls notrace probes
/// failed with ENOSYS by a deny rule of the outer one: the inner notrace
/// sees the kernel an older Linux would be.
fn inner_notrace(deny: &str, inner_opts: &[&str]) -> Output {
    let n = common::notrace();
    let n = n.to_str().unwrap();
    let mut args = vec!["-q", "-e", "none", "--deny", deny, "--", n, "-q"];
    args.extend_from_slice(inner_opts);
    args.extend_from_slice(&["--", "sh", "-c", "echo THE-COMMAND-RAN"]);
    common::run_notrace(&args)
}

#[test]
fn a_kernel_without_pidfd_getfd_is_refused_naming_linux_5_6() {
    let out = inner_notrace("pidfd_getfd errno=ENOSYS", &["-e", "none"]);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notrace: notrace needs Linux 5.6 or later: this kernel (")
            && err.contains(") has no pidfd_getfd, to take the seccomp listener from the command (unless a seccomp filter around notrace hides it)"),
        "{err}"
    );
    assert!(!common::text(&out.stdout).contains("THE-COMMAND-RAN"));
    assert!(!err.contains("THE-COMMAND-RAN"));
}

#[test]
fn a_filter_that_refuses_pidfd_getfd_is_named_as_the_cause() {
    let out = inner_notrace("pidfd_getfd errno=EPERM", &["-e", "none"]);
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notrace: notrace needs Linux 5.6 or later and pidfd_getfd, to take the seccomp listener from the command: here pidfd_getfd is refused (Operation not permitted: a seccomp filter around notrace, a container's, blocks it)"),
        "{err}"
    );
    assert!(!err.contains("THE-COMMAND-RAN"));
}

#[test]
fn deny_rules_on_a_kernel_without_addfd_are_refused_naming_linux_5_9() {
    let out = inner_notrace(
        "close_range errno=ENOSYS",
        &["-e", "none", "--deny", "unlink"],
    );
    let err = common::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("notrace: deny rules need Linux 5.9 or later: this kernel (")
            && err.contains("has no close_range, which came with SECCOMP_IOCTL_NOTIF_ADDFD"),
        "{err}"
    );
    // Without rules, that kernel is enough for tracing: the check passes
    // (what follows fails for another reason: the outer notrace's filter
    // already has the only listener a filter chain may have).
    let out = inner_notrace("close_range errno=ENOSYS", &["-e", "none"]);
    let err = common::text(&out.stderr);
    assert!(!err.contains("need Linux"), "{err}");
}

/// notrace's own messages go out in one write each: stderr is unbuffered,
/// and a message written in pieces lets the command's output, or an outer
/// tracer's lines, land inside it (seen: an outer tracer's line in the
/// middle of "notrace: deny rules need Linux 5.9...").
#[test]
fn notrace_messages_reach_stderr_in_one_write() {
    if std::process::Command::new("strace")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("skipped: no strace to count notrace's writes");
        return;
    }
    let dir = common::tempdir("onewrite");
    let log = dir.join("strace.txt");
    let st = std::process::Command::new("strace")
        .args([
            "-qq",
            "-e",
            "trace=write",
            "-e",
            "signal=none",
            "-s",
            "400",
            "-o",
        ])
        .arg(&log)
        .arg(common::notrace())
        .args(["-e", "openat", "--", "/nonexistent-notrace-cmd"])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("strace runs");
    assert_eq!(st.code(), Some(127));
    let text = std::fs::read_to_string(&log).unwrap();
    let to_stderr: Vec<&str> = text.lines().filter(|l| l.starts_with("write(2,")).collect();
    assert_eq!(
        to_stderr,
        ["write(2, \"notrace: /nonexistent-notrace-cmd: command not found\\n\", 53) = 53"],
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
