//! The recent-roles file is opened as carefully as the log: a symbolic link, a FIFO or a
//! file others may write is refused (never followed, never waited on), a save goes through
//! a temporary file of a new name that no planted link can redirect, and the file ends
//! 0600 whatever mode it had.
use std::os::unix::fs::{PermissionsExt as _, symlink};
use std::path::{Path, PathBuf};
use std::time::Duration;

use smtui_aws::recent::{load, save};
use smtui_core::recent::{RecentRole, used};

const ROLE: &str = "arn:aws:iam::123456789012:role/deploy";

fn roles() -> Vec<RecentRole> {
    let mut roles = Vec::new();
    used(
        &mut roles,
        &crate::common::arn(ROLE),
        "2026-11-25T09:00:00Z".parse().expect("timestamp"),
    );
    roles
}

/// A state directory with a file elsewhere that holds saved roles (a link's target).
fn dir_and_target() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("elsewhere.toml");
    save(&target, &roles()).expect("the target is saved");
    let path = dir.path().join("state").join("recent-roles.toml");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("state dir");
    (dir, path, target)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn a_symlinked_file_is_refused_on_load_and_on_save() {
    let (_dir, path, target) = dir_and_target();
    symlink(&target, &path).expect("symlink");
    assert!(load(&path).is_empty(), "not followed on load");
    let before = std::fs::read(&target).expect("target");
    let saved = save(&path, &[]);
    assert!(saved.is_err(), "refused on save: {saved:?}");
    assert!(
        std::fs::symlink_metadata(&path)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link is left as it was"
    );
    assert_eq!(std::fs::read(&target).expect("target"), before);
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let (_dir, path, _target) = dir_and_target();
    let made = std::process::Command::new("mkfifo")
        .args(["-m", "600"])
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reading = path.clone();
    std::thread::spawn(move || {
        let _ = tx.send(load(&reading));
    });
    let loaded = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("load returns at once, not blocked on the FIFO");
    assert!(loaded.is_empty());
    assert!(save(&path, &roles()).is_err(), "not replaced either");
}

#[test]
fn a_file_others_may_write_is_not_read() {
    let (_dir, path, target) = dir_and_target();
    std::fs::copy(&target, &path).expect("copy");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert_eq!(load(&path), roles(), "the user's own file is read");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    assert!(
        load(&path).is_empty(),
        "anyone could have put a role of theirs in it"
    );
}

#[test]
fn a_file_of_another_user_is_not_read() {
    if !nix::unistd::geteuid().is_root() {
        // Only root can give a file away; the check is the same fstat as the mode's.
        return;
    }
    let (_dir, path, target) = dir_and_target();
    std::fs::copy(&target, &path).expect("copy");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::os::unix::fs::chown(&path, Some(65534), None).expect("chown");
    assert!(load(&path).is_empty(), "not the user's");
}

#[test]
fn a_save_ends_0600_whatever_mode_the_file_or_a_leftover_temporary_had() {
    let (_dir, path, _target) = dir_and_target();
    save(&path, &roles()).expect("save");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    // What an older smtui left behind when it stopped between its write and its rename.
    let leftover = path.with_extension("toml.tmp");
    std::fs::write(&leftover, "").expect("leftover");
    std::fs::set_permissions(&leftover, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    save(&path, &roles()).expect("save");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(load(&path), roles());
}

#[test]
fn planted_links_at_temporary_names_cannot_redirect_the_write() {
    let (dir, path, _target) = dir_and_target();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "untouched").expect("victim");
    let state = path.parent().expect("parent");
    // The fixed name an older smtui used, and the first names a save tries.
    let mut planted = vec![path.with_extension("toml.tmp")];
    planted.extend((0..8).map(|attempt| {
        state.join(format!(
            ".recent-roles.toml.{}.{attempt}.tmp",
            std::process::id()
        ))
    }));
    for link in &planted {
        symlink(&victim, link).expect("plant");
    }
    save(&path, &roles()).expect("saved under another name");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "untouched"
    );
    for link in &planted {
        let meta = std::fs::symlink_metadata(link).expect("still there");
        assert!(
            meta.file_type().is_symlink(),
            "{} is left alone",
            link.display()
        );
    }
    let meta = std::fs::symlink_metadata(&path).expect("saved");
    assert!(meta.file_type().is_file(), "a file of its own, not a link");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(load(&path), roles());
}
