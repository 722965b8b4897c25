//! The real binary in tmux with `--org` against the local stack's organisation: the
//! management account's secrets first, then every member account pinned as its role
//! answers, the account bar naming each (the refused one with its reason, the denied one's
//! listing), and a member's row under its alias in the ACCOUNT column; `:unpin` takes one
//! back out.

use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{Tmux, start};
use smtui_devstack::fixtures as fx;
use smtui_devstack::fixtures::org;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_pins_every_member_and_the_bar_says_which_could_not() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-org-{}", std::process::id()),
        session: "org",
    };
    start(
        &tmux,
        stack.env(),
        &["--region", fx::PRIMARY_REGION, "--org"],
    );
    let screen = tmux.wait_for("every account answered", Duration::from_mins(1), |s| {
        s.contains("assume refused") && s.contains("ACCOUNT") && !s.contains("loading")
    });
    let bar = screen.lines().nth(1).unwrap_or_default();
    assert!(
        bar.contains("security-prod ✗ assume refused: access denied"),
        "{screen}"
    );
    // The payments account's rows, under its alias.
    let secret = org::PAYMENTS_PROD.secrets_in(fx::PRIMARY_REGION)[0].name;
    tmux.keys(&["/"]);
    tmux.keys(&["-l", secret]);
    tmux.keys(&["Enter"]);
    let filtered = tmux.wait_for("the member's row", Duration::from_secs(20), |s| {
        s.contains("Secrets (1 of")
    });
    // The name may be elided in the middle; the row is the one the list holds.
    let row = filtered
        .lines()
        .find(|l| l.starts_with("┃payments-prod/"))
        .unwrap_or_default();
    assert!(row.contains("acme-payments-prod"), "{filtered}");
    // `:unpin` from the palette: the pinned accounts, the first one let go.
    tmux.keys(&[":"]);
    tmux.keys(&["-l", "unpin"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the pinned accounts", Duration::from_secs(20), |s| {
        s.contains("Unpin an identity")
    });
    tmux.keys(&["Enter"]);
    let unpinned = tmux.wait_for("one let go", Duration::from_secs(20), |s| {
        s.contains("Unpinned")
    });
    assert!(unpinned.contains("8 accounts"), "{unpinned}");
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", crate::common::tmux::STEP, |s| {
        s.contains("SMTUI-EXITED-")
    });
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
}
