//! The recent-roles file on disk, opened as carefully as the log file (`logging::open`).
//!
//! A role offered in the switcher is one the user may then work as, writing secrets into
//! its account: so the file is read only when it is a regular file of the user's own that
//! no one else may write, never through a symbolic link (which could point it anywhere)
//! and never from a FIFO (which would block the start until someone writes to it). A save
//! writes a new file and renames it over the old one: the new file is created under a name
//! not yet taken (`O_EXCL`, which also refuses a link planted at that name), 0600 from its
//! first byte, so no mode the old file had survives and no link redirects the write.

use crate::private_file;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Far more than 20 roles take; a larger file is not ours.
const MAX_BYTES: u64 = 64 * 1024;
/// Temporary names tried before giving up (each taken one is skipped, never opened).
const ATTEMPTS: u32 = 64;

/// The file's text; `None` when there is no file.
pub(super) fn read(path: &Path) -> Result<Option<String>, String> {
    let shown = path.display();
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // O_NONBLOCK: opening a FIFO returns at once (then fstat refuses it); a regular
        // file reads as usual.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(private_file::opening(path, &e)),
    };
    ours(&file, path)?;
    let mut text = String::new();
    file.take(MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{shown}: {e}"))?;
    if text.len() as u64 > MAX_BYTES {
        return Err(format!("{shown}: larger than {MAX_BYTES} bytes"));
    }
    Ok(Some(text))
}

/// Replaces the file with `text` (0600), refusing a path that is something other than a
/// file of the user's.
pub(super) fn write(path: &Path, text: &str) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    // The rename would replace a link or a FIFO rather than follow it; refused all the
    // same, as on reading: whoever put it there meant something by it.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(format!(
                "{}: is a symbolic link, which smtui does not follow",
                path.display()
            ));
        }
        Ok(meta) => private_file::owned_file(&meta, path)?,
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", path.display())),
    }
    let (mut file, temp) = create_new(dir, path)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{}: {e}", temp.display()))
        .and_then(|()| {
            std::fs::rename(&temp, path).map_err(|e| format!("{}: {e}", path.display()))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A new file next to `path`, 0600, under a name nothing had: `.<name>.<pid>.<n>.tmp`.
/// Two smtuis have different pids; one smtui saving twice at once takes the next `n`.
fn create_new(dir: &Path, path: &Path) -> Result<(File, PathBuf), String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for attempt in 0..ATTEMPTS {
        let temp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        // O_CREAT | O_EXCL: fails on any existing name, a link (dangling or not) included.
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        match options.open(&temp) {
            Ok(file) => {
                #[cfg(unix)]
                {
                    // Exactly 0600 whatever the umask (which can only have narrowed it).
                    use std::os::unix::fs::PermissionsExt as _;
                    if let Err(e) = file.set_permissions(std::fs::Permissions::from_mode(0o600)) {
                        // Ours (O_EXCL made it): not left behind.
                        let _ = std::fs::remove_file(&temp);
                        return Err(format!("{}: {e}", temp.display()));
                    }
                }
                return Ok((file, temp));
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(private_file::opening(&temp, &e)),
        }
    }
    Err(format!(
        "{}: no free temporary name in {ATTEMPTS} tries",
        dir.display()
    ))
}

/// The open file (fstat, not the path again) is a regular file of the user's that group
/// and others cannot write (anyone who could might have put a role of theirs in it).
fn ours(file: &File, path: &Path) -> Result<(), String> {
    let meta = file
        .metadata()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    private_file::owned_file(&meta, path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if meta.mode() & 0o022 != 0 {
            return Err(format!(
                "{}: group or others may write it (mode {:o})",
                path.display(),
                meta.mode() & 0o777
            ));
        }
    }
    Ok(())
}
