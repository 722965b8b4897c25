//! `--log-file` refuses what could leak the log or let it be tampered with, before any
//! terminal or AWS work: a symbolic link (not followed), a file others may read or write,
//! and a file that is not the user's. Each stops the real binary with exit code 2.

use crate::common;

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

fn run_with_log(dir: &Path, log: &Path) -> (i32, String) {
    let args = [OsStr::new("--log-file"), log.as_os_str()]
        .into_iter()
        .chain(["--region", "us-east-1"].map(OsStr::new))
        .collect::<Vec<_>>();
    common::run_smtui(&args, &[("XDG_CONFIG_HOME", dir.as_os_str())])
}

#[test]
fn a_symbolic_link_is_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("elsewhere");
    std::fs::write(&target, "someone else's file\n").expect("target");
    let link = dir.path().join("smtui.log");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let (code, stderr) = run_with_log(dir.path(), &link);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is a symbolic link"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&target).expect("target"),
        "someone else's file\n",
        "nothing was written through the link"
    );
}

#[test]
fn a_log_others_may_read_or_write_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    for mode in [0o644, 0o620] {
        let log = dir.path().join(format!("smtui-{mode:o}.log"));
        std::fs::write(&log, "").expect("log");
        std::fs::set_permissions(&log, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let (code, stderr) = run_with_log(dir.path(), &log);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("group or others may read or write it")
                && stderr.contains(&format!("mode {mode:o}")),
            "{stderr}"
        );
    }
}

#[test]
fn a_log_owned_by_someone_else_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("smtui.log");
    std::fs::write(&log, "").expect("log");
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    // Only root can give a file away; elsewhere this case cannot be set up.
    if std::os::unix::fs::chown(&log, Some(65534), None).is_err() {
        eprintln!("not root: the ownership case is not run");
        return;
    }
    let (code, stderr) = run_with_log(dir.path(), &log);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("owned by uid 65534, not by you"),
        "{stderr}"
    );
}
