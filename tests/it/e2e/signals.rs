//! The real binary in tmux, told to end while the editor holds unsaved text: SIGTERM,
//! SIGHUP and a panic in a task each end it (no one is there to answer "not saved"; the
//! SIGKILL that follows a `kill`, a logout or a container stop would skip the clean-up),
//! the terminal is restored, and the secret copied before is cleared: tmux's buffer
//! `smtui-<pid>` is gone. And on a dead endpoint: SIGTERM, SIGHUP, SIGQUIT and a panic (on the
//! UI thread or in a task) restore the terminal, and a panic says where, never what.

use std::process::Command;
use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{STEP, Tmux, start};
use smtui_devstack::fixtures as fx;

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
        let after = tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
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
    tmux.wait_for("detail", STEP, |s| s.contains("Team=payments"));
    tmux.keys(&["c"]);
    tmux.wait_for("copied", STEP, |s| {
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
    // The editor draws its text masked: what it holds shows in the title's byte count.
    // Typing waits for the value itself, not only the editor's title: while the value is
    // still being fetched (slow on a busy machine) the title is the same and the typed
    // keys have no text to go into.
    let bytes = |len: usize| format!("· {len}/65536 bytes");
    let loaded = bytes(fx::STRING_SECRET_VALUE.len());
    tmux.wait_for("the editor with the value", STEP, |s| {
        s.contains(&format!("Edit {}", fx::STRING_SECRET)) && s.contains(&loaded)
    });
    tmux.keys(&["End"]);
    tmux.keys(&["-l", "_unsaved"]);
    let typed = bytes(fx::STRING_SECRET_VALUE.len() + "_unsaved".len());
    tmux.wait_for("the change typed", STEP, |s| s.contains(&typed));
    buffer
}

/// Environment for a binary pointed at a dead endpoint: the UI still comes up and shows the
/// failure, which is all the restore tests need.
fn dead_endpoint_env() -> Vec<(String, String)> {
    [
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_CONFIG_FILE", "/dev/null"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
        ("SMTUI_DEBUG_PANIC_KEY", "!"),
        ("SMTUI_DEBUG_TASK_PANIC_KEY", "&"),
        // The panic message, not a backtrace, is what should be on screen.
        ("RUST_BACKTRACE", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

const DEAD_ENDPOINT_ARGS: [&str; 4] = [
    "--endpoint-url",
    "http://127.0.0.1:9",
    "--region",
    "us-east-1",
];

/// smtui in a fresh tmux server (`socket` is made unique per test process), pointed at a
/// dead endpoint, once its UI is up.
fn on_dead_endpoint(socket: &str, session: &'static str) -> Tmux {
    let tmux = Tmux {
        socket: format!("{socket}-{}", std::process::id()),
        session,
    };
    start(&tmux, dead_endpoint_env(), &DEAD_ENDPOINT_ARGS);
    tmux.wait_for("the UI", STEP, |s| s.contains("regions us-east-1"));
    tmux
}

#[test]
fn terminal_is_restored_on_sigterm_sighup_and_sigquit() {
    for signal in ["TERM", "HUP", "QUIT"] {
        let tmux = on_dead_endpoint(&format!("smtui-e2e-sig{signal}"), "sig");
        let pid = tmux.pid();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        assert!(killed.success());
        let after = tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
        assert!(
            after.contains("SMTUI-EXITED-0"),
            "SIG{signal} ends smtui cleanly:\n{after}"
        );
        assert!(
            !after.contains("regions us-east-1"),
            "SIG{signal}: alternate screen left:\n{after}"
        );
        tmux.assert_cooked();
    }
}

#[test]
fn terminal_is_restored_on_panic() {
    // On the UI thread (`!`), and in a spawned task (`&`), which used to restore the
    // terminal and leave the app running on the normal screen.
    for (key, variable) in [
        ("!", "SMTUI_DEBUG_PANIC_KEY"),
        ("&", "SMTUI_DEBUG_TASK_PANIC_KEY"),
    ] {
        let tmux = on_dead_endpoint(&format!("smtui-e2e-panic{}", variable.len()), "panic");
        tmux.keys(&["-l", key]);
        let after = tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
        assert!(
            after.contains("SMTUI-EXITED-101"),
            "{variable}: a panic quits with Rust's panic code:\n{after}"
        );
        // -J: the terminal wraps a long line; joined, it is the one line printed.
        let joined = tmux.cmd(&["capture-pane", "-p", "-J", "-t", tmux.session]);
        let joined = String::from_utf8_lossy(&joined.stdout);
        let said: Vec<&str> = joined.lines().filter(|l| l.contains("panic")).collect();
        // Where, never what: a panic's message can quote a value.
        assert!(
            said.len() == 1
                && said[0].starts_with("smtui: quit after a panic in thread '")
                && said[0].contains(" at src/tui.rs:")
                && !joined.contains(variable),
            "{variable}: one line says where it happened, not its message:\n{joined}"
        );
        assert!(
            !after.contains("regions us-east-1"),
            "{variable}: alternate screen left:\n{after}"
        );
        tmux.assert_cooked();
    }
}
