//! The real binary in tmux against the local stack: the access pane opened from the palette
//! on the secret whose key leaves out a role IAM allows, its rows as the screen shows them,
//! the deciding statements, and the policy simulator's recorded answer beside smtui's.

use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{Tmux, start};
use smtui_devstack::fixtures as fx;

const WAIT: Duration = crate::common::tmux::STEP;

fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(&format!("┃{name} ")))
        .unwrap_or_else(|| panic!("no row {name}:\n{screen}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_pane_opens_from_the_palette_and_says_who_can_read() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-access-{}", std::process::id()),
        session: "access",
    };
    start(&tmux, stack.env(), &["--region", fx::PRIMARY_REGION]);
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::ACCESS_KEY_EXCLUDES_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("filtered to one", WAIT, |s| s.contains("Secrets (1 of"));
    tmux.wait_for("its detail", WAIT, |s| s.contains("KMS key"));
    tmux.keys(&[":"]);
    tmux.keys(&["-l", "access"]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the pane, read whole", Duration::from_secs(30), |s| {
        s.contains("Who can read") && s.contains("users and roles") && s.contains("unused")
    });
    // IAM allows the app role everything, but the key's policy does not let it decrypt.
    assert!(
        row(&screen, fx::ACCESS_APP_ROLE).contains("no: key"),
        "{screen}"
    );
    assert!(screen.contains("Approximate:"), "{screen}");

    // The app role's row: its statements, then the simulator.
    let at = screen
        .lines()
        .skip_while(|l| !l.contains("PRINCIPAL"))
        .skip(1)
        .position(|l| l.contains(&format!("┃{} ", fx::ACCESS_APP_ROLE)))
        .expect("the app role's row");
    for _ in 0..at {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["Enter"]);
    let statements = tmux.wait_for("its statements", WAIT, |s| {
        s.contains("kms:Decrypt on its key")
    });
    assert!(statements.contains(fx::ACCESS_APP_POLICY), "{statements}");
    tmux.keys(&["Escape"]);
    // The statements closed before `s` is sent: an Escape and a letter that arrive together
    // read as Alt and that letter.
    tmux.wait_for("back to the pane", WAIT, |s| !s.contains("Why "));
    tmux.keys(&["s"]);
    let verified = tmux.wait_for("the simulator", Duration::from_secs(20), |s| {
        s.contains("Simulator: allowed")
    });
    assert!(
        verified.contains("does not read the key policy"),
        "the simulator allows GetSecretValue; the key stops it, and that is no disagreement:\n{verified}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the pane closed", WAIT, |s| !s.contains("Who can read"));
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", WAIT, |s| s.contains("SMTUI-EXITED-"));
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
}
