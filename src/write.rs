//! Writing files so that they are never left half-written: the bytes go to
//! a temporary file in the same folder, which is synced and then renamed
//! over the target. A reader sees the old file or the new one, never a mix;
//! a failure (a full disk, a read-only folder) leaves the old file whole.

use crate::error::{Code, Error, Problem, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Profiles hold personal data: readable and writable by their owner only.
pub const PRIVATE: u32 = 0o600;

/// Writes `bytes` to `path` atomically. With `mode`, the file gets exactly
/// those permission bits (on Unix); without, a file that exists keeps its
/// permissions and a new one gets the usual ones. A symbolic link is
/// followed, so the file it points to is replaced, not the link.
///
/// Every failure is an [`Error`] with exit code 73 (cannot create output).
pub fn write_atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> Result<()> {
    write_atomic_all(&[(path, bytes)], mode)
}

/// Writes several files as [`write_atomic`] does one, syncing once at the
/// end: every file goes to its temporary first, then all are synced at
/// once (the file system commits them together), then renamed, then each
/// folder is synced. A failure before the renames leaves every old file
/// whole and no temporary behind.
pub fn write_atomic_all(files: &[(&Path, &[u8])], mode: Option<u32>) -> Result<()> {
    use rayon::prelude::*;
    // (temporary, target, shown, folder, the file)
    let mut made: Vec<(PathBuf, PathBuf, String, PathBuf, File)> = Vec::new();
    let clean = |made: &[(PathBuf, PathBuf, String, PathBuf, File)]| {
        for (tmp, ..) in made {
            let _ = fs::remove_file(tmp);
        }
    };
    for (path, bytes) in files {
        let shown = path.display().to_string();
        let target = resolve_link(path);
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let Some(name) = target.file_name() else {
            clean(&made);
            return Err(
                cant_create(&shown, "not a file name").with_hint("name a file, not a folder")
            );
        };
        if target.is_dir() {
            clean(&made);
            return Err(cant_create(&shown, "is a folder").with_hint("name a file, not a folder"));
        }
        let keep = if mode.is_none() {
            fs::metadata(&target).ok().map(|m| m.permissions())
        } else {
            None
        };
        let written = create_temp(&dir, &name.to_string_lossy(), mode).and_then(|(tmp, file)| {
            match fill(&file, bytes, mode, keep) {
                Ok(()) => Ok((tmp, file)),
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    Err(e)
                }
            }
        });
        match written {
            Ok((tmp, file)) => made.push((tmp, target, shown, dir, file)),
            Err(e) => {
                clean(&made);
                return Err(failed(&shown, &dir, &e));
            }
        }
    }
    // One sync for all: issued together, the file system commits them at once.
    let synced: Vec<std::io::Result<()>> = made
        .par_iter()
        .map(|(_, _, _, _, f)| f.sync_all())
        .collect();
    if let Some((i, Err(e))) = synced.into_iter().enumerate().find(|(_, r)| r.is_err()) {
        clean(&made);
        return Err(failed(&made[i].2, &made[i].3, &e));
    }
    let mut dirs: Vec<&Path> = Vec::new();
    for (k, (tmp, target, shown, dir, _)) in made.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, target) {
            clean(&made[k..]);
            return Err(failed(shown, dir, &e));
        }
        if !dirs.contains(&dir.as_path()) {
            dirs.push(dir);
        }
    }
    // Make the renames themselves durable; a failure here loses nothing.
    for dir in dirs {
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Creates an output folder (and its parents); exit 73 when it cannot.
pub fn create_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| {
        Error::new(
            Code::CantCreate,
            Problem::at(
                &dir.display().to_string(),
                "",
                format!("cannot create the folder: {e}"),
            ),
        )
        .with_hint("choose a folder you can write to")
    })
}

/// Creates `dir` (and its parents) for the user's own files: on Unix, new
/// folders are readable by their owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| {
        cant_create(&dir.display().to_string(), &describe(&e))
            .with_hint("create the folder yourself, or pass --profile FILE")
    })
}

fn resolve_link(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn create_temp(dir: &Path, name: &str, mode: Option<u32>) -> std::io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        let mut o = OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(mode.unwrap_or(0o666));
        }
        #[cfg(not(unix))]
        let _ = mode;
        match o.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

fn fill(
    mut file: &File,
    bytes: &[u8],
    mode: Option<u32>,
    keep: Option<fs::Permissions>,
) -> std::io::Result<()> {
    // The umask may have taken bits away from a new file; set them exactly.
    #[cfg(unix)]
    if let Some(m) = mode {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(m))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    if let Some(p) = keep {
        file.set_permissions(p)?;
    }
    file.write_all(bytes)
}

fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied => "permission denied".to_string(),
        NotFound => "the folder does not exist".to_string(),
        ReadOnlyFilesystem => "the file system is read-only".to_string(),
        StorageFull => "the disk is full".to_string(),
        NotADirectory => "a part of the path is a file, not a folder".to_string(),
        _ => e.to_string(),
    }
}

fn cant_create(shown: &str, what: &str) -> Error {
    Error::new(
        Code::CantCreate,
        Problem::at(shown, "", format!("cannot write: {what}")),
    )
}

fn failed(shown: &str, dir: &Path, e: &std::io::Error) -> Error {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => {
            format!("create the folder `{}` first", dir.display())
        }
        _ => format!(
            "make `{}` writable, or write elsewhere; the old file, if any, is unchanged",
            dir.display()
        ),
    };
    cant_create(shown, &describe(e)).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_with_the_mode_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        write_atomic(&p, b"one", Some(PRIVATE)).unwrap();
        write_atomic(&p, b"two", Some(PRIVATE)).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let m = fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(m, 0o600);
        }
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_missing_folder_is_exit_73() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no-such-folder").join("p.json");
        let e = write_atomic(&p, b"x", None).unwrap_err();
        assert_eq!(e.code, Code::CantCreate);
        assert!(e.to_text().contains("does not exist"), "{}", e.to_text());
    }

    #[test]
    fn a_folder_as_target_is_exit_73_and_stays() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(dir.path(), b"x", None).unwrap_err();
        assert_eq!(e.code, Code::CantCreate);
        assert!(dir.path().is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new", Some(PRIVATE)).unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}
