//! The real binary in tmux switches to a profile of the user's AWS config while the
//! environment holds other keys (as a shell with exported credentials does): the profile,
//! chosen by name, is who smtui works as from then on, as with the AWS CLI's `--profile`.

mod common;

use std::time::Duration;

use common::tmux::{Tmux, start};
use smtui_devstack::{Stack, StackOptions, iam};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_chosen_in_the_switcher_wins_over_keys_in_the_environment() {
    let stack = Stack::start(StackOptions {
        seed: false,
        ..StackOptions::default()
    })
    .await
    .expect("local stack starts");
    let user = iam::create_user_allowed(&stack.endpoint_url(), "profile-user", &["*"])
        .await
        .expect("IAM user");
    let files = tempfile::tempdir().expect("temp dir");
    let config = files.path().join("config");
    let credentials = files.path().join("credentials");
    std::fs::write(&config, "[profile other]\nregion = us-east-1\n").expect("config");
    std::fs::write(
        &credentials,
        format!(
            "[other]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            user.access_key_id, user.secret_access_key
        ),
    )
    .expect("credentials");

    // The stack's environment: its own keys (`testing`), and these two files.
    let mut env: Vec<(String, String)> = stack
        .env()
        .into_iter()
        .filter(|(k, _)| k != "AWS_CONFIG_FILE" && k != "AWS_SHARED_CREDENTIALS_FILE")
        .collect();
    env.push(("AWS_CONFIG_FILE".into(), config.display().to_string()));
    env.push((
        "AWS_SHARED_CREDENTIALS_FILE".into(),
        credentials.display().to_string(),
    ));
    let state = files.path().join("state");
    env.push(("XDG_STATE_HOME".into(), state.display().to_string()));

    let tmux = Tmux {
        socket: format!("smtui-profiles-{}", std::process::id()),
        session: "profiles",
    };
    start(
        &tmux,
        env,
        &["--region", "us-east-1", "--clipboard", "osc52"],
    );
    tmux.wait_for("the start identity", Duration::from_mins(1), |s| {
        s.contains("user/moto")
    });
    tmux.keys(&[":"]);
    tmux.keys(&["-l", "role"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the switcher", Duration::from_secs(10), |s| {
        s.contains("other")
    });
    tmux.keys(&["-l", "other"]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the profile's identity", Duration::from_secs(30), |s| {
        s.contains("user/profile-user")
    });
    assert!(screen.contains("profile other"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_for("exit", Duration::from_secs(10), |s| {
        s.contains("SMTUI-EXITED-0")
    });
}
