//! Turns `syscall-tables/xlat/*.tsv` into `$OUT_DIR/xlat.rs`: one
//! `pub static NAME: Xlat` per file, NAME being the file stem upper-cased.
//!
//! File format: `# source: <kernel header>` on the first line, `# kind:
//! flags|enum` on the second, then optional `# unknown: <marker>` (the
//! strace `/* X_??? */` comment for values it cannot name) and other `#`
//! comments, then `NAME<TAB>VALUE` rows (hex `0x..`, octal `0..`, decimal).
//! Row order is print order, so it is kept.

use std::fmt::Write as _;
use std::path::Path;

fn parse_value(s: &str) -> Option<u64> {
    if let Some(h) = s.strip_prefix("0x") {
        u64::from_str_radix(h, 16).ok()
    } else if s.len() > 1 && s.starts_with('0') {
        u64::from_str_radix(&s[1..], 8).ok()
    } else {
        s.parse().ok()
    }
}

pub fn generate() {
    let dir = Path::new("syscall-tables/xlat");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("syscall-tables/xlat exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut out = String::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).expect("readable xlat file");
        let mut lines = text.lines();
        let where_ = path.display();
        let source = lines
            .next()
            .and_then(|l| l.strip_prefix("# source: "))
            .unwrap_or_else(|| panic!("{where_}: first line must be `# source: ...`"));
        let kind = match lines.next().and_then(|l| l.strip_prefix("# kind: ")) {
            Some("flags") => "Flags",
            Some("enum") => "Enum",
            _ => panic!("{where_}: second line must be `# kind: flags|enum`"),
        };
        let mut unknown = None;
        let mut entries = String::new();
        for (i, line) in lines.enumerate() {
            if let Some(rest) = line.strip_prefix('#') {
                if let Some(u) = rest.trim().strip_prefix("unknown: ") {
                    unknown = Some(u.to_string());
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{where_}:{}: want NAME<TAB>VALUE", i + 3));
            let v = parse_value(value.trim())
                .unwrap_or_else(|| panic!("{where_}:{}: bad value {value:?}", i + 3));
            write!(entries, "({name:?}, {v:#x}), ").unwrap();
        }
        writeln!(
            out,
            "/// From `{source}` (`syscall-tables/xlat/{stem}.tsv`).\n\
             pub static {upper}: Xlat = Xlat {{ name: {stem:?}, kind: XlatKind::{kind}, \
             unknown: {unknown:?}, entries: &[{entries}] }};",
            upper = stem.to_uppercase(),
        )
        .unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("xlat.rs");
    std::fs::write(dest, out).expect("write xlat.rs");
}
