//! Writing files so that they are never left half-written, never lost to
//! a concurrent writer, and never redirected:
//!
//! - The bytes go to a temporary file in the same folder, which is synced
//!   and then renamed over the target. A reader sees the old file or the
//!   new one, never a mix; a failure (a full disk, a read-only folder)
//!   leaves the old file whole.
//! - Every write holds an advisory lock (`flock`) on the target, or on its
//!   folder while the target does not exist yet; a command that reads,
//!   changes and writes a profile takes the lock with [`lock`] before
//!   reading and keeps it until it exits, so two writers take turns and
//!   neither loses the other's change. The new file is locked before it
//!   is renamed into place, so the lock never lapses; a writer that waited
//!   on the old file notices the rename and locks the new one.
//! - Because only the lock holder writes a target, its temporary file has
//!   one fixed name (`.NAME.tmp`): one left by a killed writer is removed by
//!   the next write instead of lying about with a copy of personal data.
//! - A symbolic link at the target is refused (exit 73): certpath does not
//!   write through a link it did not make.
//! - A file that is replaced keeps its permissions and, where the system
//!   allows it, its owner; a new file is readable by its owner only
//!   (0600), and new folders are 0700, whatever the umask.

use crate::error::{Code, Error, Problem, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Files certpath creates are readable and writable by their owner only.
pub const PRIVATE: u32 = 0o600;

/// Folders certpath creates are open to their owner only.
pub const PRIVATE_DIR: u32 = 0o700;

/// How long a writer waits quietly before it says that it waits.
const QUIET_WAIT: Duration = Duration::from_secs(1);

/// The locks this process holds: the target's path, and the open files
/// whose `flock` is the lock (the target, or its folder).
static HELD: Mutex<Vec<(PathBuf, Vec<File>)>> = Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<(PathBuf, Vec<File>)>> {
    HELD.lock().unwrap_or_else(|e| e.into_inner())
}

fn is_held(path: &Path) -> bool {
    held().iter().any(|(p, _)| p == path)
}

/// Takes the write lock of `path` for the rest of the process (or until
/// [`unlock`]): before reading a profile that will be written back. Waits
/// for another certpath that holds it, saying so on stderr after a
/// second. A symbolic link at `path` is refused (exit 73). A missing
/// folder is not an error here: writing will say so.
pub fn lock(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    if is_held(path) {
        return Ok(());
    }
    // A new file's lock is its folder's: when this process holds that
    // already (a batch of reports into one folder), share it; a second
    // `flock` of the folder would wait on this process itself.
    if !fs::exists(path).unwrap_or(true) {
        if let Some(shared) = held_folder(&folder_of(path)) {
            held().push((path.to_path_buf(), vec![shared]));
            return Ok(());
        }
    }
    if let Some(file) = acquire(path).map_err(|e| to_error(&shown, &folder_of(path), &e))? {
        held().push((path.to_path_buf(), vec![file]));
    }
    Ok(())
}

/// A handle on the lock of `dir` when this process holds it.
fn held_folder(dir: &Path) -> Option<File> {
    let d = fs::metadata(dir).ok()?;
    held()
        .iter()
        .flat_map(|(_, files)| files)
        .find(|f| f.metadata().is_ok_and(|m| m.is_dir() && same_file(&m, &d)))
        .and_then(|f| f.try_clone().ok())
}

/// Gives the lock of `path` back, if this process holds it.
pub fn unlock(path: &Path) {
    held().retain(|(p, _)| p != path);
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Locks the file at `path`, or its folder while there is no file; checks
/// after the wait that the file locked is still the one at `path`.
/// `None` when the folder does not exist or `path` is a folder or a device
/// (nothing to lock, nothing to lose: the write will fail).
fn acquire(path: &Path) -> std::io::Result<Option<File>> {
    let dir = folder_of(path);
    loop {
        match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => return Err(is_link()),
            // Nothing to lock: reading or writing it says what is wrong.
            Ok(m) if !m.is_file() => return Ok(None),
            Ok(_) => {
                let f = open_no_follow(path)?;
                wait_for(&f, path)?;
                // Still the file we locked? A writer we waited for may have
                // renamed a new one into place: then lock that one.
                let locked = f.metadata()?;
                let now = fs::symlink_metadata(path).ok();
                if cfg!(not(unix)) || now.is_some_and(|n| same_file(&locked, &n)) {
                    return Ok(Some(f));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let f = match File::open(&dir) {
                    Ok(f) => f,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Ok(None),
                    Err(e) => return Err(e),
                };
                wait_for(&f, path)?;
                if !fs::exists(path).unwrap_or(true) {
                    return Ok(Some(f));
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// The error of a symbolic link where a file is to be written.
#[derive(Debug)]
struct IsLink;

impl std::fmt::Display for IsLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("is a symbolic link; certpath does not write through links")
    }
}

impl std::error::Error for IsLink {}

fn is_link() -> std::io::Error {
    std::io::Error::other(IsLink)
}

/// The user's error for a failed lock or write: exit 73, naming the path.
fn to_error(shown: &str, dir: &Path, e: &std::io::Error) -> Error {
    if e.get_ref().is_some_and(|r| r.is::<IsLink>()) {
        return cant_create(shown, &e.to_string())
            .with_hint("remove the link, or name the file it points to");
    }
    match e.kind() {
        std::io::ErrorKind::IsADirectory => {
            cant_create(shown, "is a folder").with_hint("name a file, not a folder")
        }
        _ => failed(shown, dir, e),
    }
}

fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A link planted after the check is not followed either; a FIFO
        // does not block the open.
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    o.open(path).map_err(|e| {
        // ELOOP: the path became a symbolic link.
        if e.raw_os_error() == Some(libc::ELOOP) {
            is_link()
        } else {
            e
        }
    })
}

/// Whether two metadata are of the same file (device and inode); never
/// where the system does not tell.
#[cfg(unix)]
pub fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
pub fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Locks `f`, quietly for a second, then saying on stderr what it waits
/// for.
fn wait_for(f: &File, path: &Path) -> std::io::Result<()> {
    let start = Instant::now();
    loop {
        match f.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) => {}
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if start.elapsed() >= QUIET_WAIT {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = writeln!(
        std::io::stderr(),
        "note: waiting for another certpath to finish writing {}",
        crate::text::escape(&path.display().to_string())
    );
    f.lock()
}

/// Writes `bytes` to `path` atomically, under the path's lock (taken here
/// when the caller does not hold it). A new file gets mode 0600; a file
/// that is replaced keeps its mode and owner. A symbolic link at `path` is
/// refused.
///
/// Every failure is an [`Error`] with exit code 73 (cannot create output).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut files = Staged::new();
    files.stage(path, bytes)?;
    files.commit()
}

/// Files written to their temporary names and not yet in place: a batch
/// of reports is staged one by one (each under its lock, without a sync),
/// then [`Staged::commit`] syncs them all, renames each over its target
/// and syncs each folder once. Dropped before the commit, the temporary
/// files are removed and no target changes.
#[derive(Default)]
pub struct Staged {
    files: Vec<Stage>,
    /// The folder whose lock this batch holds until it is done.
    folder: Option<PathBuf>,
}

/// One staged file: the target, its temporary file, whether this batch
/// took the target's lock.
struct Stage {
    path: PathBuf,
    tmp: PathBuf,
    file: File,
    ours: bool,
}

impl Staged {
    pub fn new() -> Staged {
        Staged::default()
    }

    /// A batch of files for the folder `dir`, holding the folder's lock
    /// from now until it is committed or dropped. Holding several file
    /// locks at once, two batches could each wait for a file the other
    /// holds; taking the folder's lock first, they take turns instead.
    pub fn in_folder(dir: &Path) -> Result<Staged> {
        let shown = dir.display().to_string();
        if !is_held(dir) {
            let f = File::open(dir).map_err(|e| to_error(&shown, dir, &e))?;
            wait_for(&f, dir).map_err(|e| to_error(&shown, dir, &e))?;
            held().push((dir.to_path_buf(), vec![f]));
        }
        Ok(Staged {
            files: Vec::new(),
            folder: Some(dir.to_path_buf()),
        })
    }

    /// Takes `path`'s lock and writes `bytes` to its temporary file.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let shown = path.display().to_string();
        let dir = folder_of(path);
        let Some(name) = path.file_name() else {
            return Err(
                cant_create(&shown, "not a file name").with_hint("name a file, not a folder")
            );
        };
        let ours = !is_held(path);
        lock(path)?;
        let tmp = dir.join(temp_name(&name.to_string_lossy()));
        match write_temp(path, &tmp, bytes) {
            Ok(file) => {
                self.files.push(Stage {
                    path: path.to_path_buf(),
                    tmp,
                    file,
                    ours,
                });
                Ok(())
            }
            Err(e) => {
                if ours {
                    unlock(path);
                }
                Err(to_error(&shown, &dir, &e))
            }
        }
    }

    /// Syncs every staged file, then renames each into place and makes the
    /// renames durable. A failure before the first rename changes no
    /// target.
    pub fn commit(mut self) -> Result<()> {
        for s in &self.files {
            s.file
                .sync_all()
                .map_err(|e| to_error(&s.path.display().to_string(), &folder_of(&s.path), &e))?;
        }
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut rest = std::mem::take(&mut self.files).into_iter();
        while let Some(Stage {
            path,
            tmp,
            file,
            ours,
        }) = rest.next()
        {
            let dir = folder_of(&path);
            let placed = file
                .try_lock()
                .map_err(std::io::Error::from)
                .and_then(|()| fs::rename(&tmp, &path));
            if let Err(e) = placed {
                let _ = fs::remove_file(&tmp);
                if ours {
                    unlock(&path);
                }
                // What is not renamed yet is removed when `self` drops.
                self.files = rest.collect();
                return Err(to_error(&path.display().to_string(), &dir, &e));
            }
            // The new file is locked (taken just before the rename): hold
            // it instead of the old one, so the lock never lapses.
            if let Some(entry) = held().iter_mut().find(|(p, _)| *p == path) {
                entry.1 = vec![file];
            }
            if ours {
                unlock(&path);
            }
            if !folders.contains(&dir) {
                folders.push(dir);
            }
        }
        // Make the renames themselves durable; a failure here loses nothing.
        for d in folders {
            if let Ok(d) = File::open(d) {
                let _ = d.sync_all();
            }
        }
        if let Some(d) = self.folder.take() {
            unlock(&d);
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        for s in &self.files {
            let _ = fs::remove_file(&s.tmp);
            if s.ours {
                unlock(&s.path);
            }
        }
        if let Some(d) = self.folder.take() {
            unlock(&d);
        }
    }
}

/// Writes `bytes` to `tmp`, the temporary file of `path`, with the mode
/// and owner of the file it will replace.
fn write_temp(path: &Path, tmp: &Path, bytes: &[u8]) -> std::io::Result<File> {
    let old = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => return Err(is_link()),
        Ok(m) if m.is_dir() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a folder",
            ))
        }
        Ok(m) => Some(m),
        Err(_) => None,
    };
    // Only the lock holder uses this name: whatever is there was left by a
    // writer that was killed (or is a planted link, which is removed, not
    // followed).
    match fs::remove_file(tmp) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if let (Some(dir), Some(name)) = (tmp.parent(), path.file_name()) {
        sweep_old_temps(dir, &name.to_string_lossy());
    }
    let file = create_new(tmp)?;
    if let Err(e) = fill(&file, bytes, old.as_ref()) {
        let _ = fs::remove_file(tmp);
        return Err(e);
    }
    Ok(file)
}

/// Removes the temporary files of `name` that certpath versions before
/// the fixed temporary name left when killed (`.NAME.PID.N.tmp`, each a
/// copy of personal data). The caller holds `name`'s lock, and those
/// versions are gone from this machine once this one runs.
fn sweep_old_temps(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(middle) = file
            .to_str()
            .and_then(|f| f.strip_prefix('.'))
            .and_then(|f| f.strip_prefix(name))
            .and_then(|f| f.strip_prefix('.'))
            .and_then(|f| f.strip_suffix(".tmp"))
        else {
            continue;
        };
        let numbers = middle.split_once('.').is_some_and(|(pid, n)| {
            [pid, n]
                .iter()
                .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        });
        // Only plain files: a link or folder of that name is not ours.
        if numbers && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The temporary file's name: `.NAME.tmp`, or, when that would pass the
/// 255-byte limit of most file systems, a shortened NAME with a hash of
/// the whole one.
pub fn temp_name(name: &str) -> String {
    const MAX: usize = 255;
    if name.len() + 5 <= MAX {
        return format!(".{name}.tmp");
    }
    let mut cut = MAX - 5 - 17;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    // FNV-1a: stable from run to run, unlike the standard hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!(".{}~{h:016x}.tmp", &name[..cut])
}

fn create_new(tmp: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(PRIVATE);
    }
    o.open(tmp)
}

fn fill(mut file: &File, bytes: &[u8], old: Option<&fs::Metadata>) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // The umask may have taken bits away from the new file: set them
        // exactly, the old file's or 0600.
        let mode = old.map_or(PRIVATE, |m| m.mode() & 0o777);
        if let Some(m) = old {
            let mine = file.metadata()?;
            if (m.uid(), m.gid()) != (mine.uid(), mine.gid()) {
                // Root editing someone's profile leaves it theirs. Without
                // the right to give the file away, keep at least the group.
                if std::os::unix::fs::fchown(file, Some(m.uid()), Some(m.gid())).is_err() {
                    let _ = std::os::unix::fs::fchown(file, None, Some(m.gid()));
                }
            }
        }
        file.set_permissions(fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    if let Some(m) = old {
        file.set_permissions(m.permissions())?;
    }
    file.write_all(bytes)
}

/// Creates an output folder (and its parents), 0700 whatever the umask;
/// exit 73 when it cannot.
pub fn create_dir(dir: &Path) -> Result<()> {
    create_private_dir(dir).map_err(|e| e.with_hint("choose a folder you can write to"))
}

/// Creates `dir` (and its parents) for the user's own files: on Unix, new
/// folders are readable by their owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(PRIVATE_DIR);
    }
    b.create(dir).map_err(|e| {
        Error::new(
            Code::CantCreate,
            Problem::at(
                &dir.display().to_string(),
                "",
                format!("cannot create the folder: {}", describe(&e)),
            ),
        )
        .with_hint("create the folder yourself, or pass --profile FILE")
    })
}

fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied => "permission denied".to_string(),
        NotFound => "the folder does not exist".to_string(),
        ReadOnlyFilesystem => "the file system is read-only".to_string(),
        StorageFull => "the disk is full".to_string(),
        NotADirectory => "a part of the path is a file, not a folder".to_string(),
        InvalidFilename => "the name is too long".to_string(),
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
        std::io::ErrorKind::InvalidFilename => "choose a shorter file name".to_string(),
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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn writes_new_files_0600_and_replaced_ones_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        write_atomic(&p, b"one").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(mode(&p), 0o600);
            fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        #[cfg(unix)]
        assert_eq!(mode(&p), 0o640);
        assert_eq!(names(dir.path()), ["p.json"], "no temporary file is left");
    }

    #[test]
    fn a_stale_temporary_file_is_replaced_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        fs::write(dir.path().join(".p.json.tmp"), b"left by a killed writer").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["p.json"]);
    }

    #[test]
    fn a_missing_folder_is_exit_73() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no-such-folder").join("p.json");
        let e = write_atomic(&p, b"x").unwrap_err();
        assert_eq!(e.code, Code::CantCreate);
        assert!(e.to_text().contains("does not exist"), "{}", e.to_text());
    }

    #[test]
    fn a_folder_as_target_is_exit_73_and_stays() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(e.code, Code::CantCreate);
        assert!(dir.path().is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_refused_and_what_it_points_to_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let e = write_atomic(&link, b"new").unwrap_err();
        assert_eq!(e.code, Code::CantCreate);
        let text = e.to_text();
        assert!(
            text.contains("link.json: cannot write: is a symbolic link"),
            "{text}"
        );
        assert_eq!(fs::read(&real).unwrap(), b"old");
        // A dangling link, too: it would create a file where it points.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink(dir.path().join("nowhere.json"), &dangling).unwrap();
        assert!(write_atomic(&dangling, b"x").is_err());
        assert!(!dir.path().join("nowhere.json").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_temporary_link_is_removed_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"keep").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join(".p.json.tmp")).unwrap();
        write_atomic(&dir.path().join("p.json"), b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        assert_eq!(names(dir.path()), ["p.json", "victim"]);
    }

    #[test]
    fn temporary_names_fit_in_255_bytes() {
        assert_eq!(temp_name("p.json"), ".p.json.tmp");
        let long = format!("{}.json", "é".repeat(150));
        let t = temp_name(&long);
        assert!(t.len() <= 255, "{}", t.len());
        assert_ne!(t, temp_name(&format!("{}.json", "é".repeat(151))));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("{}.json", "a".repeat(250)));
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
    }

    #[cfg(unix)]
    #[test]
    fn new_folders_are_0700() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("a").join("b");
        create_dir(&d).unwrap();
        assert_eq!(mode(&d), 0o700);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
    }

    #[test]
    fn a_batch_of_new_files_in_one_folder_is_staged_then_placed_together() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        let mut staged = Staged::new();
        staged.stage(&a, b"one").unwrap();
        // The second new file shares the folder's lock instead of waiting
        // on this process's own.
        staged.stage(&b, b"two").unwrap();
        assert_eq!(names(dir.path()), [".a.md.tmp", ".b.md.tmp"]);
        staged.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.md", "b.md"]);
        assert_eq!(fs::read(&b).unwrap(), b"two");
        assert!(!is_held(&a) && !is_held(&b));
    }

    #[test]
    fn temporary_files_left_by_older_versions_are_removed_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            ".p.json.4242.0.tmp",
            ".p.json.77.3.tmp",
            ".p.json.tmp",
            ".other.json.4242.0.tmp",
            ".p.json.x.0.tmp",
            ".p.json.4242.tmp",
        ] {
            fs::write(d.join(f), "old personal data").unwrap();
        }
        write_atomic(&d.join("p.json"), b"new").unwrap();
        assert_eq!(
            names(d),
            [
                ".other.json.4242.0.tmp",
                ".p.json.4242.tmp",
                ".p.json.x.0.tmp",
                "p.json"
            ]
        );
    }

    #[test]
    fn a_batch_holds_its_folder_until_it_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let other = || File::open(dir.path()).unwrap();
        let mut staged = Staged::in_folder(dir.path()).unwrap();
        // Another writer (another open file description) must wait.
        assert!(matches!(
            other().try_lock(),
            Err(fs::TryLockError::WouldBlock)
        ));
        staged.stage(&dir.path().join("a.md"), b"one").unwrap();
        staged.commit().unwrap();
        other().try_lock().expect("free after the commit");
        let staged = Staged::in_folder(dir.path()).unwrap();
        drop(staged);
        other().try_lock().expect("free after a drop");
    }

    #[test]
    fn a_batch_dropped_before_its_commit_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        write_atomic(&a, b"old").unwrap();
        let mut staged = Staged::new();
        staged.stage(&a, b"new").unwrap();
        staged.stage(&dir.path().join("b.md"), b"two").unwrap();
        drop(staged);
        assert_eq!(names(dir.path()), ["a.md"]);
        assert_eq!(fs::read(&a).unwrap(), b"old");
        assert!(!is_held(&a));
    }
}
