//! The real binary in tmux against the local stack, answering questions as a hurried user
//! would: Enter does not roll a secret back (only `y` does), and a command refused from the
//! palette closes it, so the next key is not typed into it.

use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{Tmux, start};
use smtui_devstack::fixtures as fx;

const WAIT: Duration = crate::common::tmux::STEP;

/// AWSCURRENT's value of the versioned secret, read by the SDK.
async fn current_value(stack: &smtui_devstack::Stack) -> String {
    aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .get_secret_value()
        .secret_id(fx::VERSIONED_SECRET)
        .version_stage("AWSCURRENT")
        .send()
        .await
        .expect("GetSecretValue")
        .secret_string()
        .unwrap_or_default()
        .to_owned()
}

fn quits_cleanly(tmux: &Tmux) {
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", WAIT, |s| s.contains("SMTUI-EXITED-"));
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
}

/// `p`, `j`, `m` on a production secret asks to make the older version current: Enter
/// leaves the question open and the secret as it was; `y` rolls it back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enter_does_not_roll_a_secret_back_y_does() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-rollback-{}", std::process::id()),
        session: "rollback",
    };
    start(&tmux, stack.env(), &["--region", fx::PRIMARY_REGION]);
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&["/"]);
    tmux.keys(&["-l", fx::VERSIONED_SECRET]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("filtered to one", WAIT, |s| s.contains("Secrets (1 of"));
    tmux.wait_for("its detail", WAIT, |s| {
        s.contains("HS256 key that signs") && s.contains("AWSPREVIOUS")
    });
    tmux.keys(&["p"]);
    tmux.wait_for("the versions", WAIT, |s| s.contains(" Versions "));
    tmux.keys(&["j"]);
    tmux.keys(&["m"]);
    let question = tmux.wait_for("the question", WAIT, |s| s.contains("Make version"));
    assert!(question.contains("y yes · n no"), "{question}");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Enter refused", WAIT, |s| {
        s.contains("Enter does not answer a change")
    });
    assert!(
        screen.contains("Make version"),
        "the question stays:\n{screen}"
    );
    assert_eq!(
        current_value(&stack).await,
        fx::VERSIONED_SECRET_CURRENT,
        "Enter rolled the secret back"
    );
    tmux.keys(&["y"]);
    tmux.wait_for("rolled back", Duration::from_secs(20), |s| {
        s.contains("is AWSCURRENT again")
    });
    assert_eq!(current_value(&stack).await, fx::VERSIONED_SECRET_PREVIOUS);
    quits_cleanly(&tmux);
}

/// `--read-only`: `:rotate` Enter is refused and the palette closes, so the `q` after it
/// quits rather than being typed into the palette (`:rotateq`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_refused_from_the_palette_closes_it() {
    let stack = seeded_stack().await;
    let tmux = Tmux {
        socket: format!("smtui-e2e-refused-{}", std::process::id()),
        session: "refused",
    };
    start(
        &tmux,
        stack.env(),
        &["--region", fx::PRIMARY_REGION, "--read-only"],
    );
    tmux.wait_for("loaded", Duration::from_mins(1), |s| s.contains('✓'));
    tmux.keys(&[":"]);
    tmux.wait_for("the palette", WAIT, |s| s.contains("Enter runs"));
    tmux.keys(&["-l", "rotate"]);
    tmux.keys(&["Enter"]);
    // The palette's own hint says the same while the command is typed, so a screen taken
    // before Enter was read would match: wait for the palette to be gone as well (a busy
    // machine, as the shared test binary makes it, took such a screen).
    let screen = tmux.wait_for("the refusal", WAIT, |s| {
        s.contains("rotate changes the secret: not in read-only mode") && !s.contains("Enter runs")
    });
    assert!(
        !screen.contains("Enter runs"),
        "the palette closed:\n{screen}"
    );
    quits_cleanly(&tmux);
}
