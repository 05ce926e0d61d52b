//! Writes that either happen entirely or not at all, and a lock that serialises writers.
//!
//! A learner's state is written by the CLI and by `serve` (and by two terminals at once in real
//! workshops). Each write goes to a temporary file in the same directory, is flushed to disk, then
//! renamed over the target, and the directory entry is flushed too: a crash leaves the previous
//! file byte-identical. Read-modify-write cycles take an advisory lock (`fs2`) on a sibling
//! `.lock` file, so two writers queue instead of overwriting each other's update.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use fs2::FileExt;

use super::error::WorkspaceError;

/// Replaces `path` with `contents` atomically. `mode` (POSIX) is applied before the rename, so the
/// file is never visible with looser permissions. The parent directory must exist.
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    mode: u32,
    what: &'static str,
) -> Result<(), WorkspaceError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // A uniquely named temp file: a stale one from a crashed writer never blocks the next save.
    let mut tmp = tempfile::Builder::new()
        .prefix(".xrpl-lab-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| WorkspaceError::io("write", what, e))?;
    tmp.write_all(contents)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| WorkspaceError::io("write", what, e))?;
    set_mode(tmp.path(), mode).map_err(|e| WorkspaceError::io("write", what, e))?;
    // On failure the NamedTempFile is dropped and deleted: no temp file is left behind.
    tmp.persist(path)
        .map_err(|e| WorkspaceError::io("replace", what, e.error))?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Flushes the directory entry after a rename. Best effort: some platforms cannot open a
/// directory for syncing, and the data itself is already on disk.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Held while a writer reads, changes and writes a file; released on drop.
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
}

impl FileLock {
    /// Blocks until this process holds the exclusive lock for `target` (via `target.lock`).
    pub fn exclusive(target: &Path, what: &'static str) -> Result<Self, WorkspaceError> {
        let mut name = target.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).read(true).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options
            .open(&path)
            .map_err(|e| WorkspaceError::io("lock", what, e))?;
        file.lock_exclusive()
            .map_err(|e| WorkspaceError::io("lock", what, e))?;
        Ok(Self { file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("state.json");
        fs::write(&p, b"old").unwrap();
        // A stale temp file from an earlier crash does not get in the way.
        fs::write(tmp.path().join("state.json.tmp"), b"stale").unwrap();
        write_atomic(&p, b"new", 0o600, "state file").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".xrpl-lab-")),
            "{names:?}"
        );
    }

    #[test]
    fn failed_write_keeps_the_previous_file() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("state.json");
        fs::write(&p, b"old").unwrap();
        // The target is a non-empty directory: the rename must fail.
        let bad = tmp.path().join("dir");
        fs::create_dir(&bad).unwrap();
        fs::write(bad.join("x"), b"x").unwrap();
        let err = write_atomic(&bad, b"new", 0o600, "state file").unwrap_err();
        assert_eq!(err.code(), "IO_WRITE_FAILED");
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn mode_is_applied() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("w.json");
        write_atomic(&p, b"{}", 0o644, "report").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }
}
