//! The real binary in tmux, told to end while the editor holds unsaved text: SIGTERM,
//! SIGHUP and a panic in a task each end it (no one is there to answer "not saved"; the
//! SIGKILL that follows a `kill`, a logout or a container stop would skip the clean-up),
//! the terminal is restored, and the secret copied before is cleared: tmux's buffer
//! `smtui-<pid>` is gone.

mod common;

use std::process::Command;
use std::time::Duration;

use common::live::seeded_stack;
use common::tmux::{Tmux, start};
use smtui_devstack::fixtures as fx;

const WAIT: Duration = Duration::from_secs(10);

/// How smtui is told to end.
#[derive(Clone, Copy, Debug)]
enum End {
    Signal(&'static str),
    /// The key `SMTUI_DEBUG_TASK_PANIC_KEY` names: a panic in a spawned task.
    TaskPanic,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signal_or_a_panic_ends_smtui_with_unsaved_text_and_clears_the_copy() {
    let stack = seeded_stack().await;
    for end in [End::Signal("TERM"), End::Signal("HUP"), End::TaskPanic] {
        let tmux = Tmux {
            socket: format!("smtui-e2e-end-{end:?}-{}", std::process::id())
                .replace(['(', ')', '"'], ""),
            session: "end",
        };
        let mut env = stack.env();
        env.push(("SMTUI_DEBUG_TASK_PANIC_KEY".to_owned(), "&".to_owned()));
        env.push(("RUST_BACKTRACE".to_owned(), "0".to_owned()));
        start(
            &tmux,
            env,
            &["--region", fx::PRIMARY_REGION, "--clipboard", "osc52"],
        );
        tmux.cmd(&["set-option", "-s", "set-clipboard", "on"]);
        let buffer = copied_then_editing(&tmux);

        match end {
            End::Signal(signal) => {
                let killed = Command::new("kill")
                    .args([&format!("-{signal}"), &tmux.pid()])
                    .status()
                    .expect("kill");
                assert!(killed.success());
            }
            End::TaskPanic => tmux.keys(&["-l", "&"]),
        }
        let after = tmux.wait_for("exit", WAIT, |s| s.contains("SMTUI-EXITED-"));
        let code = match end {
            End::Signal(_) => "SMTUI-EXITED-0",
            End::TaskPanic => "SMTUI-EXITED-101",
        };
        assert!(after.contains(code), "{end:?} ends smtui:\n{after}");
        assert!(
            !after.contains("Edit ") && !after.contains("_unsaved"),
            "{end:?}: the alternate screen is left:\n{after}"
        );
        tmux.assert_cooked();
        let left = tmux.cmd(&["show-buffer", "-b", &buffer]);
        assert!(
            !left.status.success(),
            "{end:?}: tmux buffer {buffer} is deleted ({} bytes left)",
            left.stdout.len()
        );
        let history = tmux.cmd(&["capture-pane", "-p", "-S", "-1000", "-t", tmux.session]);
        assert!(
            !String::from_utf8_lossy(&history.stdout).contains(&fx::STRING_SECRET_VALUE[..24]),
            "{end:?}: no value in the scrollback"
        );
    }
}

/// Copies the string secret's value (through tmux, into smtui's own buffer), then opens
/// it in the editor and types a change that is not saved. The buffer's name.
fn copied_then_editing(tmux: &Tmux) -> String {
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::STRING_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("detail", WAIT, |s| s.contains("Team=payments"));
    tmux.keys(&["c"]);
    tmux.wait_for("copied", WAIT, |s| {
        s.contains("Copied value of") && s.contains("(tmux)")
    });
    let buffer = format!("smtui-{}", tmux.pid());
    let held = tmux.cmd(&["show-buffer", "-b", &buffer]);
    assert!(
        held.stdout == fx::STRING_SECRET_VALUE.as_bytes(),
        "tmux's buffer {buffer} holds the value ({} bytes)",
        held.stdout.len()
    );
    tmux.keys(&["e"]);
    tmux.wait_for("the editor", WAIT, |s| {
        s.contains(&format!("Edit {}", fx::STRING_SECRET))
    });
    tmux.keys(&["End"]);
    tmux.keys(&["-l", "_unsaved"]);
    tmux.wait_for("the change typed", WAIT, |s| s.contains("_unsaved"));
    buffer
}
