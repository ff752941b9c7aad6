//! Finding the files a glob names when notrace starts, so that their
//! identities (device and inode) can be matched like those of literal
//! paths: a hard link or a rename of a file a glob denies is then denied
//! too.
//!
//! The walk only visits directories the glob can reach: literal components
//! are followed without listing their parent, a component with `*`, `?`
//! or `[...]` lists one directory level, and a component with `**` walks
//! the tree below it. Symbolic links are not followed under `**` (no
//! loops), and the number of directory entries looked at is capped.

use super::glob::Glob;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// At most this many directory entries are looked at per glob.
pub const WALK_CAP: usize = 100_000;

/// What a walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// `(st_dev, st_ino)` of every existing path the glob matches (the
    /// entry itself: a symlink's own identity, not its target's).
    pub idents: HashSet<(u64, u64)>,
    /// The cap was reached: some matching files may be missing.
    pub capped: bool,
}

struct Walk<'a> {
    glob: &'a Glob,
    comps: Vec<&'a [u8]>,
    seen: usize,
    cap: usize,
    found: Found,
}

fn is_wild(c: &[u8]) -> bool {
    c.iter().any(|b| matches!(b, b'*' | b'?' | b'[' | b'\\'))
}

fn join(dir: &[u8], name: &[u8]) -> Vec<u8> {
    let mut p = dir.to_vec();
    if p.last() != Some(&b'/') {
        p.push(b'/');
    }
    p.extend_from_slice(name);
    p
}

fn path(b: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(b))
}

impl Walk<'_> {
    fn record(&mut self, p: &[u8]) {
        if let Ok(m) = std::fs::symlink_metadata(path(p)) {
            self.found.idents.insert((m.dev(), m.ino()));
        }
    }

    /// Counts one entry; false once the cap is reached.
    fn tick(&mut self) -> bool {
        self.seen += 1;
        if self.seen > self.cap {
            self.found.capped = true;
            return false;
        }
        true
    }

    /// `dir` matched the first `i` components; match the rest below it.
    fn step(&mut self, dir: Vec<u8>, i: usize) {
        if self.found.capped {
            return;
        }
        let Some(&comp) = self.comps.get(i) else {
            self.record(&dir);
            return;
        };
        if comp.windows(2).any(|w| w == b"**") {
            self.tree(dir);
            return;
        }
        if !is_wild(comp) {
            let next = join(&dir, comp);
            if std::fs::symlink_metadata(path(&next)).is_ok() {
                self.step(next, i + 1);
            }
            return;
        }
        let Ok(part) = Glob::new(&String::from_utf8_lossy(comp)) else {
            // Not a glob on its own (a class holding '/'): look at the
            // whole tree and let the full glob decide.
            self.tree(dir);
            return;
        };
        let Ok(rd) = std::fs::read_dir(path(&dir)) else {
            return;
        };
        for e in rd.flatten() {
            if !self.tick() {
                return;
            }
            let name = e.file_name();
            if part.matches(name.as_bytes()) {
                self.step(join(&dir, name.as_bytes()), i + 1);
            }
        }
    }

    /// Every entry below `root` (not through symlinks), matched against the
    /// whole glob.
    fn tree(&mut self, root: Vec<u8>) {
        if self.glob.matches(&root) {
            self.record(&root);
        }
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(path(&dir)) else {
                continue;
            };
            for e in rd.flatten() {
                if !self.tick() {
                    return;
                }
                let p = join(&dir, e.file_name().as_bytes());
                if self.glob.matches(&p) {
                    self.record(&p);
                }
                if e.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(p);
                }
            }
        }
    }
}

/// The identities of the files absolute glob `glob` matches now, looking at
/// no more than `cap` directory entries.
pub fn find(glob: &Glob, cap: usize) -> Found {
    let text = glob.as_str().as_bytes();
    if text.first() != Some(&b'/') {
        return Found::default();
    }
    let comps: Vec<&[u8]> = text
        .split(|&b| b == b'/')
        .filter(|c| !c.is_empty())
        .collect();
    let mut w = Walk {
        glob,
        comps,
        seen: 0,
        cap,
        found: Found::default(),
    };
    w.step(b"/".to_vec(), 0);
    w.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(p: &Path) -> (u64, u64) {
        let m = std::fs::symlink_metadata(p).unwrap();
        (m.dev(), m.ino())
    }

    #[test]
    fn finds_what_the_glob_names_and_caps() {
        let d = std::env::temp_dir().join(format!("notrace-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("a/b/c")).unwrap();
        std::fs::write(d.join("secret"), "s").unwrap();
        std::fs::write(d.join("other"), "o").unwrap();
        std::fs::write(d.join("a/b/c/deep"), "d").unwrap();
        std::os::unix::fs::symlink(&d, d.join("a/loop")).unwrap();
        let g = |s: &str| Glob::new(&format!("{}{s}", d.display())).unwrap();

        let f = find(&g("/secre[t]"), WALK_CAP);
        assert_eq!(f.idents, HashSet::from([id(&d.join("secret"))]));
        assert!(!f.capped);
        let f = find(&g("/*/b/*"), WALK_CAP);
        assert_eq!(f.idents, HashSet::from([id(&d.join("a/b/c"))]));
        let f = find(&g("/**"), WALK_CAP);
        assert!(f.idents.contains(&id(&d.join("a/b/c/deep"))));
        assert!(f.idents.contains(&id(&d.join("a/loop"))), "the link itself");
        assert!(!f.idents.contains(&id(&d)), "the root does not match /d/**");
        assert_eq!(f.idents.len(), 7, "{:?}", f.idents);
        let f = find(&g("/**"), 3);
        assert!(f.capped);
        let f = find(&g("/nothing/*"), WALK_CAP);
        assert!(f.idents.is_empty());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
