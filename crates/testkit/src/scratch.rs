//! Scratch directories: a fresh, empty directory for one test, under the system's temporary
//! directory, with a name no other test uses — in this process (a counter), in another process
//! (its id) or in an earlier run whose process had the same id (the clock) — and removed when
//! the [`Scratch`] is dropped, at the end of the test, pass or fail (a panic unwinds through
//! it). Tests run in parallel threads, so a name fixed per test file is not enough.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh, empty directory for one test; removed with everything in it on drop. It derefs to
/// its [`Path`], so `dir.join("plan.toml")`, `&dir` for a `&Path` and `dir.display()` work.
#[derive(Debug)]
pub struct Scratch(PathBuf);

/// A fresh, empty directory for one test, named after `name` (which shows in the directory's
/// name, to tell whose it is) and unique.
pub fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(unique(&format!("shinchoku_{name}")));
    // The name is unique; a directory left by a killed run of long ago is emptied all the same.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create the scratch directory {}: {e}", dir.display()));
    Scratch(dir)
}

impl Scratch {
    /// The names in the directory but `keep`, sorted: what else a command left there (a failed
    /// or refused write should leave nothing).
    pub fn others(&self, keep: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !keep.contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }
}

impl Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `prefix` with this process's id, a per-process counter and the clock's nanoseconds: a name
/// for a directory or a database that no other test, process or earlier run has used. Only
/// ASCII letters, digits and `_` are added, so a database name stays a plain identifier.
pub(crate) fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_directory_is_fresh_unique_and_gone_after_the_test() {
        let (a, b) = (scratch("same"), scratch("same"));
        assert_ne!(a.to_path_buf(), b.to_path_buf());
        assert!(a.is_dir() && std::fs::read_dir(&a).unwrap().next().is_none());
        std::fs::create_dir_all(a.join("x/y")).unwrap();
        std::fs::write(a.join("x/y/z.txt"), "z").unwrap();
        std::fs::write(a.join("kept.db"), "").unwrap();
        assert_eq!(a.others(&["kept.db"]), ["x"]);
        let path = a.to_path_buf();
        drop(a);
        assert!(!path.exists());
        assert!(b.is_dir());
    }
}
