//! The real binary in tmux switches to a profile of the user's AWS config while the
//! environment holds other keys (as a shell with exported credentials does): the profile,
//! chosen by name, is who smtui works as from then on, as with the AWS CLI's `--profile`,
//! and a role profile chained from it assumes its role; one whose source profile is missing
//! says which.

mod common;

use std::path::Path;
use std::time::Duration;

use common::tmux::{Tmux, start};
use smtui_devstack::{Stack, StackOptions, iam};

const OTHER: &str = "[profile other]\nregion = us-east-1\n";
const CHAINED: &str = "\n[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/Chained\n\
                       source_profile = other\nrole_session_name = chain\n";
const BROKEN: &str = "\n[profile broken]\nrole_arn = arn:aws:iam::123456789012:role/Broken\n\
                      source_profile = nosuch\n";

/// Starts smtui in a session of its own, switches to `profile` in the role switcher, and
/// waits for the screen to show `shown` (the title naming the identity, or the error).
fn switch_to(env: &[(String, String)], session: &'static str, profile: &str, shown: &str) {
    let tmux = Tmux {
        socket: format!("smtui-{session}-{}", std::process::id()),
        session,
    };
    start(
        &tmux,
        env.to_vec(),
        &["--region", "us-east-1", "--clipboard", "osc52"],
    );
    tmux.wait_for("the start identity", Duration::from_mins(1), |s| {
        s.contains("user/moto")
    });
    tmux.keys(&[":"]);
    tmux.keys(&["-l", "role"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("the switcher", Duration::from_secs(10), |s| {
        s.contains(profile)
    });
    tmux.keys(&["-l", profile]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the profile's identity", Duration::from_secs(30), |s| {
        s.contains(shown)
    });
    if !shown.contains("failed") {
        assert!(screen.contains(&format!("profile {profile}")), "{screen}");
    }
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
    tmux.wait_for("exit", Duration::from_secs(10), |s| {
        s.contains("SMTUI-EXITED-0")
    });
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

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
    write(
        &credentials,
        &format!(
            "[other]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            user.access_key_id, user.secret_access_key
        ),
    );

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

    write(&config, OTHER);
    switch_to(&env, "profile", "other", "user/profile-user");
    // A role profile chained from another: aws-config assumes the role, through the same
    // local endpoint, with the source profile's keys.
    write(&config, &format!("{OTHER}{CHAINED}"));
    switch_to(&env, "chained", "chained", "assumed-role/Chained/chain");
    // Its source profile missing: said as no credentials, naming it, not as the network.
    write(&config, &format!("{OTHER}{CHAINED}{BROKEN}"));
    switch_to(
        &env,
        "broken",
        "broken",
        "Could not assume profile broken: no credentials: profile `nosuch` was not defined",
    );
}
