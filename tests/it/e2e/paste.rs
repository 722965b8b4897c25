//! A paste in a real terminal (tmux, bracketed paste): text, never keys. Without bracketed
//! paste a pasted line break answered the prompt and the rest ran as commands (`q` quit).

use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{Tmux, start};
use smtui_devstack::fixtures as fx;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paste_is_text_in_the_filter_and_ignored_over_the_list() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-paste-{}", std::process::id()),
        session: "paste",
    };
    start(&tmux, stack.env(), &["--region", fx::PRIMARY_REGION]);
    let wait = Duration::from_secs(30);
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    // `-p`: tmux wraps the buffer in the bracketed-paste codes when the program asked for them.
    let paste = |text: &str| {
        tmux.cmd(&["set-buffer", "-b", "smtui-test", text]);
        tmux.cmd(&[
            "paste-buffer",
            "-p",
            "-d",
            "-b",
            "smtui-test",
            "-t",
            tmux.session,
        ]);
    };
    tmux.keys(&["/"]);
    // The prompt's own hints: the list's hints also name "filter", so they would pass early.
    tmux.wait_for("the filter prompt", wait, |s| s.contains("Esc clear"));
    paste("prod\nq");
    // Still typing (the line break did not end the prompt), and the `q` did not quit.
    tmux.wait_for("the pasted filter", wait, |s| {
        s.contains("/prodq▏") && !s.contains("SMTUI-EXITED")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the filter cleared", wait, |s| {
        s.contains("Secrets (") && !s.contains("/prodq")
    });
    // Over the list a paste is not typed: its `q` does not quit.
    paste("q");
    let screen = tmux.wait_for("ignored", wait, |s| s.contains("Paste ignored"));
    assert!(!screen.contains("SMTUI-EXITED"), "{screen}");
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", crate::common::tmux::STEP, |s| {
        s.contains("SMTUI-EXITED-")
    });
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
}
