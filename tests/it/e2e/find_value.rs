//! `find-value` in a real terminal (tmux, the real binary, the real SDK): a seeded secret's
//! password is pasted into the masked field; the check names that secret and its field, and
//! the password is on no screen, in no line of the pane's history, and in no line of a TRACE
//! log written with the SDK asked to log whole bodies; nor in what a panic prints while the
//! password is held.

use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{STEP, Tmux, start};
use smtui_devstack::fixtures as fx;

/// The seeded JSON secret's password (`fx::JSON_SECRET_VALUE`).
const PASSWORD: &str = "Vx7#pQ2m!Lr9zT4wK8sN";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_value_is_found_by_name_and_field_and_shown_nowhere() {
    assert!(fx::JSON_SECRET_VALUE.contains(PASSWORD));
    let stack = seeded_stack().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("smtui.log");
    let log_arg = log.display().to_string();
    let mut env = stack.env();
    env.push(("LOG_SENSITIVE_BODIES".into(), "true".into()));
    let tmux = Tmux {
        socket: format!("smtui-e2e-find-{}", std::process::id()),
        session: "find",
    };
    let args = [
        "--region",
        fx::PRIMARY_REGION,
        "--log-level",
        "trace",
        "--log-file",
        &log_arg,
    ];
    start(&tmux, env, &args);
    tmux.wait_for("the list", Duration::from_mins(1), |s| {
        s.contains("Secrets (") && !s.contains("loading")
    });

    tmux.keys(&[":"]);
    tmux.keys(&["-l", "find-value"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the masked field", STEP, |s| {
        s.contains("The value to look for")
    });
    // `-p`: bracketed paste, as a terminal pastes.
    tmux.cmd(&["set-buffer", "-b", "smtui-find", PASSWORD]);
    tmux.cmd(&[
        "paste-buffer",
        "-p",
        "-d",
        "-b",
        "smtui-find",
        "-t",
        tmux.session,
    ]);
    let typed = tmux.wait_for("the paste taken", STEP, |s| {
        s.contains(&format!("{} characters, not shown", PASSWORD.len()))
    });
    assert!(!typed.contains(PASSWORD), "{typed}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the scopes and their cost", STEP, |s| {
        s.contains("GetSecretValue event")
    });
    tmux.keys(&["Enter"]);
    let found = tmux.wait_for("the scan's end", Duration::from_mins(1), |s| {
        s.contains("Found in") || s.contains("Not found")
    });
    assert!(found.contains("Found in 1 secret (1 place)"), "{found}");
    assert!(
        found.contains(&format!("{}  field password", fx::JSON_SECRET)),
        "{found}"
    );
    assert!(!found.contains(PASSWORD), "{found}");

    // Enter goes to the secret.
    tmux.keys(&["Enter"]);
    tmux.wait_for("the secret selected", STEP, |s| {
        !s.contains("Find a value") && s.contains(fx::JSON_SECRET)
    });
    tmux.keys(&["q"]);
    tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
    let history = tmux.cmd(&["capture-pane", "-p", "-S", "-", "-t", tmux.session]);
    let history = String::from_utf8_lossy(&history.stdout);
    assert!(history.contains("SMTUI-EXITED-0"), "{history}");
    assert!(!history.contains(PASSWORD), "the pane's history");
    let logged = std::fs::read_to_string(&log).expect("the log");
    assert!(
        logged.contains("BatchGetSecretValue"),
        "a TRACE log of the scan"
    );
    assert!(!logged.contains(PASSWORD), "never logged");
}

/// A panic while the value looked for is held (typed, not yet handed over): what the
/// binary prints on its way out, and its TRACE log, hold none of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_while_the_value_is_typed_prints_none_of_it() {
    let stack = seeded_stack().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let log = dir.path().join("smtui.log");
    let log_arg = log.display().to_string();
    let mut env = stack.env();
    env.push(("SMTUI_DEBUG_PANIC_KEY".into(), "~".into()));
    env.push(("RUST_BACKTRACE".into(), "1".into()));
    let tmux = Tmux {
        socket: format!("smtui-e2e-find-panic-{}", std::process::id()),
        session: "find-panic",
    };
    let args = [
        "--region",
        fx::PRIMARY_REGION,
        "--log-level",
        "trace",
        "--log-file",
        &log_arg,
    ];
    start(&tmux, env, &args);
    tmux.wait_for("the list", Duration::from_mins(1), |s| {
        s.contains("Secrets (") && !s.contains("loading")
    });
    tmux.keys(&[":"]);
    tmux.keys(&["-l", "find-value"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the masked field", STEP, |s| {
        s.contains("The value to look for")
    });
    tmux.cmd(&["set-buffer", "-b", "smtui-find", PASSWORD]);
    tmux.cmd(&[
        "paste-buffer",
        "-p",
        "-d",
        "-b",
        "smtui-find",
        "-t",
        tmux.session,
    ]);
    tmux.wait_for("the paste taken", STEP, |s| {
        s.contains("characters, not shown")
    });
    tmux.keys(&["~"]);
    tmux.wait_for("the exit", STEP, |s| s.contains("SMTUI-EXITED-"));
    let history = tmux.cmd(&["capture-pane", "-p", "-S", "-", "-t", tmux.session]);
    let history = String::from_utf8_lossy(&history.stdout);
    assert!(history.contains("panic"), "the panic was said: {history}");
    assert!(!history.contains(PASSWORD), "the pane's history");
    let logged = std::fs::read_to_string(&log).expect("the log");
    assert!(!logged.contains(PASSWORD), "never logged");
}
