//! The demo keeps its own config and state: the real binary run with the stack's
//! environment (what `scripts/demo` gives it), a role assumed, is remembered in the stack's
//! state directory, never in the user's home, whose config it does not read either. (A role
//! of the demo's offered in the switcher against real AWS was the harm.)

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::common::live::seeded_stack;
use crate::common::tmux::{Tmux, start};
use smtui_devstack::fixtures as fx;

const ROLE: &str = "arn:aws:iam::123456789012:role/payments-reader";
const WAIT: Duration = crate::common::tmux::STEP;

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_assumed_in_the_demo_is_remembered_in_its_own_state_not_in_home() {
    let stack = seeded_stack().await;
    let home = tempfile::tempdir().expect("temp home");
    // The user's own config, broken: smtui would stop at start if it read it.
    let user_config = home
        .path()
        .join(".config")
        .join("smtui")
        .join("config.toml");
    std::fs::create_dir_all(user_config.parent().expect("parent")).expect("config dir");
    std::fs::write(&user_config, "not a config [").expect("config");

    let mut env = stack.env();
    let state = env
        .iter()
        .find(|(k, _)| k == "SMTUI_STATE_DIR")
        .map(|(_, v)| PathBuf::from(v))
        .expect("the stack names smtui's state directory");
    let recent = state.join("recent-roles.toml");
    let started = SystemTime::now();
    for (k, dir) in [
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_DATA_HOME", ".local/share"),
    ] {
        env.push((k.to_owned(), home.path().join(dir).display().to_string()));
    }
    let tmux = Tmux {
        socket: format!("smtui-e2e-demo-home-{}", std::process::id()),
        session: "demo",
    };
    start(&tmux, env, &["--region", fx::PRIMARY_REGION]);
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));

    tmux.keys(&[":"]);
    tmux.wait_for("the palette", WAIT, |s| s.contains("Enter runs"));
    tmux.keys(&["-l", "role"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the switcher", WAIT, |s| s.contains("Switch identity"));
    // The entry that asks for a role's ARN (a role remembered by an earlier run, in the
    // stack's own state, may be listed first).
    tmux.keys(&["-l", "another"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the ARN asked for", WAIT, |s| {
        s.contains("Assume which role?")
    });
    tmux.keys(&["-l", ROLE]);
    tmux.keys(&["Enter"]);
    // Its options as they start (session smtui-<user>, an hour).
    tmux.wait_for("the options", WAIT, |s| s.contains("external-id, mfa"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the switch", Duration::from_secs(20), |s| {
        s.contains("Now working as") && s.contains("payments-reader")
    });
    // Saved off the UI thread: waited for, then smtui quits.
    let deadline = std::time::Instant::now() + WAIT;
    while !std::fs::read_to_string(&recent).is_ok_and(|t| t.contains(ROLE))
        || std::fs::metadata(&recent)
            .and_then(|m| m.modified())
            .is_ok_and(|at| at < started)
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the role is remembered in the stack's {}; home holds {:?}",
            recent.display(),
            files(home.path())
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", WAIT, |s| s.contains("SMTUI-EXITED-"));
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
    assert_eq!(files(home.path()), [user_config], "nothing written in home");
}
