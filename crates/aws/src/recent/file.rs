//! The recent-roles file on disk, opened as carefully as the log file (`logging::open`).
//!
//! A role offered in the switcher is one the user may then work as, writing secrets into
//! its account: so the file is read only when it is a regular file of the user's own that
//! no one else may write, never through a symbolic link (which could point it anywhere)
//! and never from a FIFO (which would block the start until someone writes to it). A save
//! writes a new file and renames it over the old one: the new file is created under a name
//! not yet taken (`O_EXCL`, which also refuses a link planted at that name), 0600 from its
//! first byte, so no mode the old file had survives and no link redirects the write
//! (`private_file::write`, which the IAM Identity Center token cache shares).

use crate::private_file;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read as _};
use std::path::Path;

/// Far more than 20 roles take; a larger file is not ours.
const MAX_BYTES: u64 = 64 * 1024;

/// The file's text; `None` when there is no file.
pub(crate) fn read(path: &Path) -> Result<Option<String>, String> {
    read_at_most(path, MAX_BYTES)
}

/// The text of a file of the user's own that no one else may write, at most `max_bytes`
/// long; `None` when there is no file. Never through a link, never blocking on a FIFO.
pub(crate) fn read_at_most(path: &Path, max_bytes: u64) -> Result<Option<String>, String> {
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
    file.take(max_bytes + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{shown}: {e}"))?;
    if text.len() as u64 > max_bytes {
        return Err(format!("{shown}: larger than {max_bytes} bytes"));
    }
    Ok(Some(text))
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
