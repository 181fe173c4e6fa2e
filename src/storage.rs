//! Where Multiplier keeps its files (saves, settings, the user's scenarios), and writing them so
//! a crash never leaves half a file.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The game's data folder: saves, settings and the user's scenarios.
///
/// A resource rather than a global so tests (and `MULTIPLIER_DATA_DIR`) can point it at a
/// scratch folder and never touch the player's files.
#[cfg_attr(feature = "desktop", derive(bevy::prelude::Resource))]
#[derive(Clone, Debug)]
pub struct DataDir(pub PathBuf);

impl DataDir {
    /// `MULTIPLIER_DATA_DIR` if set, else the OS's per-user data folder for the game.
    pub fn from_env_or_os() -> Result<Self, NoHome> {
        if let Some(dir) = std::env::var_os("MULTIPLIER_DATA_DIR") {
            return Ok(Self(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("org", "Multiplier", "multiplier")
            .map(|p| Self(p.data_dir().to_path_buf()))
            .ok_or(NoHome)
    }

    /// The folder of saves.
    pub fn saves(&self) -> PathBuf {
        self.0.join("saves")
    }

    /// The folder of the player's own scenarios.
    pub fn scenarios(&self) -> PathBuf {
        self.0.join("scenarios")
    }

    /// The folder of workshop result files written at the debrief.
    pub fn results(&self) -> PathBuf {
        self.0.join("results")
    }

    /// The settings file.
    pub fn settings(&self) -> PathBuf {
        self.0.join("settings.ron")
    }
}

/// The system names no home folder, so there is nowhere to keep the player's files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot find a home folder to keep saves in; set MULTIPLIER_DATA_DIR")]
pub struct NoHome;

/// Why [`read_limited`] gave no bytes.
#[derive(Debug)]
pub enum ReadError {
    /// The path names a folder.
    Folder,
    /// The path names something that is not a file: a device, a pipe, a socket.
    NotAFile,
    /// The file is larger than the limit: its size in bytes, or `None` when it only showed
    /// by reading past the limit.
    TooLarge { size: Option<u64>, limit: u64 },
    /// The system refused.
    Io(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Folder => write!(f, "it is a folder, not a file"),
            ReadError::NotAFile => write!(
                f,
                "it is not a regular file (a device, a pipe or a socket), so it is not read"
            ),
            ReadError::TooLarge { size, limit } => {
                write!(
                    f,
                    "it is {}, and at most {} are read",
                    found_size(*size, *limit),
                    bytes(*limit)
                )
            }
            ReadError::Io(e) => write!(f, "cannot read it: {e}"),
        }
    }
}

/// Reads a whole regular file of at most `limit` bytes, and never more than `limit + 1` bytes
/// of anything: `/dev/zero` or a file growing while it is read is cut off, a folder, a
/// device or a named pipe is refused before it is read (a pipe would block).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    let file = open_without_blocking(path).map_err(ReadError::Io)?;
    // The path may have been swapped for something else since it was looked at.
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let mut out = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(ReadError::Io)?;
    if out.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(out)
}

/// Opens a file for reading; on Unix without waiting, should it have become a pipe.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// The size of a file found too large, for messages: exact when it is known (from the
/// file's metadata), else "more than" the limit (it only showed by reading past it).
pub fn found_size(size: Option<u64>, limit: u64) -> String {
    size.map_or_else(|| format!("more than {}", bytes(limit)), bytes)
}

/// A size in bytes for messages, exact: `1 MiB`, `1,048,577 bytes`.
pub fn bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n > 0 && n.is_multiple_of(MIB) {
        return format!("{} MiB", n / MIB);
    }
    if n > 0 && n.is_multiple_of(1024) {
        return format!("{} KiB", n / 1024);
    }
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} byte{}", if n == 1 { "" } else { "s" })
}

/// What every temporary file of [`write_atomic`] ends in: `<file>.<pid>.multiplier-tmp`, so
/// [`remove_stale_temporaries`] can find ours and only ours.
const TMP_SUFFIX: &str = ".multiplier-tmp";

/// A temporary file this old is left over whoever wrote it: a write takes milliseconds.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Writes `bytes` to `path` through a temporary file and a rename, so readers see either the
/// old file or the new one, never a torn write; the folder is synced after the rename, so the
/// new name survives a power cut too. Temporaries that a killed write left beside `path`
/// are removed first.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)?;
    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
        remove_stale(parent, true, |target| target == name);
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}{TMP_SUFFIX}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The new file is in place whatever happens next; a file system that cannot sync
        // a folder (some network ones) only loses the guarantee against a power cut.
        let _ = sync_folder(parent);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Makes a rename in `folder` durable. Only Unix can open a folder to sync it; elsewhere the
/// rename is as durable as the file system makes it.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Removes the temporary files that writes killed midway left in the data folder and its
/// saves, results and scenario folders. The game calls it once at start.
pub fn remove_stale_temporaries(data: &DataDir) {
    for folder in [data.0.clone(), data.saves(), data.results()] {
        remove_stale(&folder, true, |_| true);
    }
    // The player's own files live here, and one could look like the older naming.
    remove_stale(&data.scenarios(), false, |_| true);
}

/// Removes this folder's temporaries of our naming (with `legacy`, the older naming too) whose
/// target file `belongs` accepts, once their writer is gone (its process has ended, or the
/// file is over an hour old).
fn remove_stale(folder: &Path, legacy: bool, belongs: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((target, pid)) = temporary(name, legacy) else {
            continue;
        };
        if !belongs(target) || pid == std::process::id() {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old || !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file a temporary was for and the process that wrote it, from its name:
/// `<file>.<pid>.multiplier-tmp`, or the older `<file>.ron.tmp<pid>`.
fn temporary(name: &str, legacy: bool) -> Option<(&str, u32)> {
    let (target, digits) = match name.strip_suffix(TMP_SUFFIX) {
        Some(rest) => rest.rsplit_once('.')?,
        None if legacy => {
            let (stem, digits) = name.rsplit_once(".tmp")?;
            (stem.strip_suffix(".ron").map(|_| stem)?, digits)
        }
        None => return None,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((target, digits.parse().ok()?))
}

/// Whether a process with this id is running. Where that cannot be asked, it is taken to be,
/// and only the age of its file decides.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 checks that the process exists without touching it; EPERM means it exists
        // but belongs to someone else.
        // SAFETY: kill with signal 0 sends nothing and has no memory-safety preconditions.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id that is not running: a child that has been waited for.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("spawn true");
        let pid = child.id();
        child.wait().expect("wait");
        pid
    }

    #[test]
    fn temporaries_of_dead_writers_are_removed_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("multiplier-stale-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let data = DataDir(dir.clone());
        std::fs::create_dir_all(data.saves()).unwrap();
        std::fs::create_dir_all(data.scenarios()).unwrap();
        let dead = dead_pid();
        let live = std::process::id();
        let files = [
            format!("saves/autosave.ron.{dead}{TMP_SUFFIX}"),
            format!("saves/old.ron.tmp{dead}"),
            format!("settings.ron.{dead}{TMP_SUFFIX}"),
            format!("scenarios/mine.ron.{dead}{TMP_SUFFIX}"),
            format!("saves/mine.ron.{live}{TMP_SUFFIX}"),
            "saves/notes.tmp".to_string(),
            "saves/a.ron".to_string(),
            // A player's own file that looks like the older naming is theirs.
            format!("scenarios/plan.ron.tmp{dead}"),
        ];
        for f in &files {
            std::fs::write(dir.join(f), b"x").unwrap();
        }
        remove_stale_temporaries(&data);
        let left: Vec<bool> = files.iter().map(|f| dir.join(f).exists()).collect();
        assert_eq!(left, [false, false, false, false, true, true, true, true]);

        // A write removes what a killed write of the same file left, and only that.
        std::fs::write(dir.join(format!("saves/a.ron.{dead}{TMP_SUFFIX}")), b"x").unwrap();
        std::fs::write(dir.join(format!("saves/b.ron.{dead}{TMP_SUFFIX}")), b"x").unwrap();
        write_atomic(&data.saves().join("a.ron"), b"new").unwrap();
        assert_eq!(std::fs::read(data.saves().join("a.ron")).unwrap(), b"new");
        assert!(!dir.join(format!("saves/a.ron.{dead}{TMP_SUFFIX}")).exists());
        assert!(dir.join(format!("saves/b.ron.{dead}{TMP_SUFFIX}")).exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reading_stops_at_the_limit_and_refuses_what_is_not_a_file() {
        let dir = std::env::temp_dir().join(format!("multiplier-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("f");
        std::fs::write(&file, vec![b'x'; 1025]).unwrap();
        assert_eq!(read_limited(&file, 1025).unwrap().len(), 1025);
        let e = read_limited(&file, 1024).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is 1,025 bytes, and at most 1 KiB are read"
        );
        assert!(matches!(read_limited(&dir, 10), Err(ReadError::Folder)));
        #[cfg(unix)]
        {
            // Endless devices are refused unread.
            let e = read_limited(Path::new("/dev/zero"), 10).unwrap_err();
            assert!(matches!(e, ReadError::NotAFile), "{e}");
            // A named pipe with no writer would block an open for reading forever.
            let fifo = dir.join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert!(matches!(read_limited(&fifo, 10), Err(ReadError::NotAFile)));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sizes_are_said_exactly() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(999), "999 bytes");
        assert_eq!(bytes(1_048_577), "1,048,577 bytes");
        assert_eq!(bytes(1024 * 1024), "1 MiB");
        assert_eq!(bytes(4096), "4 KiB");
        assert_eq!(bytes(0), "0 bytes");
    }

    #[test]
    fn a_file_in_the_working_folder_is_written() {
        let dir = std::env::temp_dir().join(format!("multiplier-cwd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.html");
        write_atomic(&path, b"<p>").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<p>");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
