//! The real binary in tmux switches to a profile of the user's AWS config while the
//! environment holds other keys (as a shell with exported credentials does): the profile,
//! chosen by name, is who smtui works as from then on, as with the AWS CLI's `--profile`,
//! and a role profile chained from it assumes its role; one whose source profile is missing
//! says which.

use std::path::Path;
use std::time::Duration;

use crate::common::tmux::{Tmux, start};
use smtui_devstack::{Stack, StackOptions, iam};

const OTHER: &str = "[profile other]\nregion = us-east-1\n";
const CHAINED: &str = "\n[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/Chained\n\
                       source_profile = other\nrole_session_name = chain\n";
const BROKEN: &str = "\n[profile broken]\nrole_arn = arn:aws:iam::123456789012:role/Broken\n\
                      source_profile = nosuch\n";
/// An Identity Center profile with no login cached (HOME is the test's own), and a role
/// assumed from it.
const SSO: &str = "\n[profile idc]\nsso_session = corp\nsso_account_id = 123456789012\n\
                   sso_role_name = Admin\nregion = us-east-1\n\
                   [sso-session corp]\nsso_start_url = https://corp.example/start\n\
                   sso_region = us-east-1\n\
                   [profile via-idc]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n\
                   source_profile = idc\n";

/// What a switch should end in.
enum Expect {
    /// The title names this identity (and the profile).
    Switched(&'static str),
    /// The footer says this, and the identity stays the start one.
    Refused(&'static str),
}

/// Starts smtui in a session of its own, switches to `profile` in the role switcher, and
/// waits for what `expect` says.
fn switch_to(env: &[(String, String)], session: &'static str, profile: &str, expect: &Expect) {
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
    tmux.wait_for("the switcher", crate::common::tmux::STEP, |s| {
        s.contains(profile)
    });
    tmux.keys(&["-l", profile]);
    tmux.keys(&["Enter"]);
    match *expect {
        Expect::Switched(identity) => {
            let screen = tmux.wait_for("the profile's identity", Duration::from_secs(30), |s| {
                s.contains(identity)
            });
            assert!(screen.contains(&format!("profile {profile}")), "{screen}");
        }
        Expect::Refused(said) => {
            // The footer wraps a long message: its lines are read as one.
            let screen = tmux.wait_for("the refusal", Duration::from_secs(30), |s| {
                s.lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(said)
            });
            let title = screen.lines().next().unwrap_or_default();
            assert!(
                title.contains("user/moto") && !title.contains(profile),
                "still the start identity: {title}"
            );
            assert!(!screen.contains("network"), "{screen}");
        }
    }
    tmux.keys(&["q"]);
    tmux.wait_for("exit", crate::common::tmux::STEP, |s| {
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
    // No login cached anywhere this test does not control.
    env.retain(|(k, _)| k != "HOME");
    env.push(("HOME".into(), files.path().display().to_string()));

    write(&config, OTHER);
    switch_to(
        &env,
        "profile",
        "other",
        &Expect::Switched("user/profile-user"),
    );
    // A role profile chained from another: aws-config assumes the role, through the same
    // local endpoint, with the source profile's keys.
    write(&config, &format!("{OTHER}{CHAINED}"));
    switch_to(
        &env,
        "chained",
        "chained",
        &Expect::Switched("assumed-role/Chained/chain"),
    );
    // Its source profile missing: said as no credentials, naming it, not as the network.
    write(&config, &format!("{OTHER}{CHAINED}{BROKEN}{SSO}"));
    switch_to(
        &env,
        "broken",
        "broken",
        &Expect::Refused(
            "Could not assume profile broken: no credentials: profile `nosuch` was not defined",
        ),
    );
    // No Identity Center login: the hint names the profile to log in with, the role's
    // source for a role assumed from it.
    switch_to(
        &env,
        "idc",
        "idc",
        &Expect::Refused(
            "no credentials: sign in (the switcher's Identity Center corp…, or `aws sso login --profile idc`) (",
        ),
    );
    switch_to(
        &env,
        "via-idc",
        "via-idc",
        &Expect::Refused(
            "no credentials: sign in (the switcher's Identity Center corp…, or `aws sso login --profile idc`) (",
        ),
    );
}
