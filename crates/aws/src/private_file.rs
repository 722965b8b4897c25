//! Files that must be the user's alone (the log file, the recent-roles file): the messages
//! and checks both kinds of opening share. The open file is checked (fstat), never the path
//! again.

use std::path::Path;

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
