//! `notrace --generate man|bash|zsh|fish`: the man page and the shell
//! completions, generated from the same clap definition as `--help`, so
//! they can never disagree with the options the binary accepts.
//!
//! Hidden from `--help` (it is for packagers); README says how to install
//! what it prints.

use std::ffi::OsString;
use std::io::{self, Write};

/// What `--generate` can print, by the name it is asked for.
pub const KINDS: [&str; 4] = ["man", "bash", "zsh", "fish"];

/// Writes `kind` to `out`.
pub fn generate(kind: &str, out: &mut dyn Write) -> Result<(), String> {
    use clap_complete::Shell;
    let mut cmd = crate::cli::command_for_docs();
    let shell = match kind {
        "man" => return man(out).map_err(|e| e.to_string()),
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        _ => {
            return Err(format!(
                "--generate {kind}: unknown kind (one of: {})",
                KINDS.join(", ")
            ))
        }
    };
    clap_complete::generate(shell, &mut cmd, "notrace", out);
    Ok(())
}

/// Escapes `s` for roff text.
fn roff(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    s.lines()
        .map(|l| {
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// notrace(1): clap_mangen's sections for the tracer, with `notrace view`
/// in the synopsis and a section of its own, so that one page says all
/// (clap_mangen would point at a notrace-view(1) nobody installs).
fn man(out: &mut dyn Write) -> io::Result<()> {
    use clap::CommandFactory;
    let man = clap_mangen::Man::new(crate::cli::Cli::command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    let view = crate::cli::ViewCli::command();
    writeln!(out, ".br\n\\fBnotrace view\\fR \\fIFILE\\fR")?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH \"NOTRACE VIEW\"")?;
    if let Some(about) = view.get_long_about().or(view.get_about()) {
        writeln!(out, "{}", roff(&about.to_string()))?;
    }
    for arg in view.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| arg.get_id().to_string(), |v| v.to_string());
        writeln!(out, ".TP\n\\fI{}\\fR", roff(&name))?;
        if let Some(help) = arg.get_long_help().or(arg.get_help()) {
            writeln!(out, "{}", roff(&help.to_string()))?;
        }
    }
    if let Some(after) = view.get_after_help() {
        writeln!(out, ".PP\n{}", roff(&after.to_string()))?;
    }
    man.render_extra_section(out)?;
    man.render_version_section(out)
}

/// Runs `notrace --generate ...`; `args` are the arguments after
/// `--generate` (or the value of `--generate=KIND`). Returns the exit
/// status.
pub fn main(args: &[OsString]) -> i32 {
    let [kind] = args else {
        crate::say!("notrace: usage: notrace --generate {{{}}}", KINDS.join("|"));
        return 2;
    };
    let mut buf = Vec::new();
    if let Err(e) = generate(&kind.to_string_lossy(), &mut buf) {
        crate::say!("notrace: {e}");
        return 2;
    }
    let mut stdout = io::stdout().lock();
    match stdout.write_all(&buf).and_then(|()| stdout.flush()) {
        Ok(()) => 0,
        // `notrace --generate man | head` is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            crate::say!("notrace: writing to stdout: {e}");
            1
        }
    }
}
