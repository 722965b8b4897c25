//! The value checks and the replication pane in a real terminal (tmux, the real binary, the
//! real SDK). A seeded secret's password is pasted into `find-value`'s masked field: the
//! check names that secret and its field, and the password is on no screen, in no line of
//! the pane's history, and in no line of a TRACE log written with the SDK asked to log whole
//! bodies; nor in what a panic prints while the password is held. `reused-values` and the
//! replication pane are driven once each from the palette.

use std::path::PathBuf;
use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{STEP, Tmux, start};
use smtui_devstack::{Stack, fixtures as fx};

/// The seeded JSON secret's password (`fx::JSON_SECRET_VALUE`).
const PASSWORD: &str = "Vx7#pQ2m!Lr9zT4wK8sN";

/// smtui in tmux on the primary region with a TRACE log in `dir` and `env` added, once its
/// list is loaded; the log's path.
fn started(stack: &Stack, tmux: &Tmux, dir: &tempfile::TempDir, env: &[(&str, &str)]) -> PathBuf {
    let log = dir.path().join("smtui.log");
    let log_arg = log.display().to_string();
    let mut all = stack.env();
    all.extend(env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    let args = [
        "--region",
        fx::PRIMARY_REGION,
        "--log-level",
        "trace",
        "--log-file",
        &log_arg,
    ];
    start(tmux, all, &args);
    tmux.wait_for("the list", Duration::from_mins(1), |s| {
        s.contains("Secrets (") && !s.contains("loading")
    });
    log
}

/// `:NAME` from the palette.
fn palette(tmux: &Tmux, name: &str) {
    tmux.keys(&[":"]);
    tmux.keys(&["-l", name]);
    tmux.keys(&["Enter"]);
}

/// `find-value` opened and the password pasted into it (`-p`: bracketed, as a terminal
/// pastes); the screen then.
fn password_pasted(tmux: &Tmux) -> String {
    palette(tmux, "find-value");
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
        s.contains(&format!("{} characters, not shown", PASSWORD.len()))
    })
}

/// The check says "Read N of M": every batch answered ("Reading: …" until then, with the
/// findings so far under it).
fn scan_ended(screen: &str) -> bool {
    screen
        .split("Read ")
        .skip(1)
        .any(|after| after.starts_with(|c: char| c.is_ascii_digit()))
}

/// Everything the pane printed, its history included, once smtui has exited.
fn history(tmux: &Tmux) -> String {
    tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
    let out = tmux.cmd(&["capture-pane", "-p", "-S", "-", "-t", tmux.session]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_value_is_found_by_name_and_field_and_shown_nowhere() {
    assert!(fx::JSON_SECRET_VALUE.contains(PASSWORD));
    let stack = seeded_stack().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux {
        socket: format!("smtui-e2e-find-{}", std::process::id()),
        session: "find",
    };
    let log = started(&stack, &tmux, &dir, &[("LOG_SENSITIVE_BODIES", "true")]);
    let typed = password_pasted(&tmux);
    assert!(!typed.contains(PASSWORD), "{typed}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("the scopes and their cost", STEP, |s| {
        s.contains("GetSecretValue event")
    });
    tmux.keys(&["Enter"]);
    let found = tmux.wait_for("the scan's end", Duration::from_mins(1), scan_ended);
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
    let history = history(&tmux);
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
    let tmux = Tmux {
        socket: format!("smtui-e2e-find-panic-{}", std::process::id()),
        session: "find-panic",
    };
    let env = [("SMTUI_DEBUG_PANIC_KEY", "~"), ("RUST_BACKTRACE", "1")];
    let log = started(&stack, &tmux, &dir, &env);
    password_pasted(&tmux);
    tmux.keys(&["~"]);
    let history = history(&tmux);
    assert!(history.contains("panic"), "the panic was said: {history}");
    assert!(!history.contains(PASSWORD), "the pane's history");
    let logged = std::fs::read_to_string(&log).expect("the log");
    assert!(!logged.contains(PASSWORD), "never logged");
}

/// `reused-values` over the region (the seeded replicated secret is one secret, read
/// through its primary: nothing is held twice), then the replication pane of that secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reused_values_and_the_replication_pane_from_the_palette() {
    let stack = seeded_stack().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let tmux = Tmux {
        socket: format!("smtui-e2e-reuse-{}", std::process::id()),
        session: "reuse",
    };
    started(&stack, &tmux, &dir, &[]);
    palette(&tmux, "reused-values");
    tmux.wait_for("the scopes and their cost", STEP, |s| {
        s.contains("GetSecretValue event")
    });
    tmux.keys(&["Enter"]);
    let read = tmux.wait_for("the scan's end", Duration::from_mins(1), scan_ended);
    assert!(
        read.contains("held twice") || read.contains("more than one place"),
        "{read}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("closed", STEP, |s| !s.contains("Reused values"));

    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::REPLICATED_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the secret alone", STEP, |s| s.contains("Secrets (1"));
    palette(&tmux, "replication");
    let pane = tmux.wait_for("the replication pane", STEP, |s| s.contains("InSync"));
    assert!(pane.contains(fx::REPLICA_REGION), "{pane}");
    assert!(pane.contains("= primary"), "{pane}");
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    assert!(history(&tmux).contains("SMTUI-EXITED-0"));
}
