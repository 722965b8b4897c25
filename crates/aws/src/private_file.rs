//! Files that must be the user's alone (the log file, the recent-roles file, the IAM
//! Identity Center token cache): the messages and checks every opening shares, and the one
//! careful way of replacing such a file. The open file is checked (fstat), never the path
//! again.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

/// Temporary names tried before giving up (each taken one is skipped, never opened).
const ATTEMPTS: u32 = 64;

/// Why opening `path` failed, in words: a link is named as one smtui does not follow.
pub fn opening(path: &Path, e: &std::io::Error) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return format!(
            "{}: is a symbolic link, which smtui does not follow",
            path.display()
        );
    }
    format!("{}: {e}", path.display())
}

/// A regular file, the user's.
pub fn owned_file(meta: &std::fs::Metadata, path: &Path) -> Result<(), String> {
    let shown = path.display();
    if !meta.is_file() {
        return Err(format!("{shown}: not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let me = nix::unistd::geteuid().as_raw();
        if meta.uid() != me {
            return Err(format!(
                "{shown}: owned by uid {}, not by you (uid {me})",
                meta.uid()
            ));
        }
    }
    Ok(())
}

/// Replaces the file with `text` (0600), refusing a path that is something other than a
/// file of the user's.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
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
        Ok(meta) => owned_file(&meta, path)?,
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
            Err(e) => return Err(opening(&temp, &e)),
        }
    }
    Err(format!(
        "{}: no free temporary name in {ATTEMPTS} tries",
        dir.display()
    ))
}
