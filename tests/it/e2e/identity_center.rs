//! The real binary in tmux, signing in to IAM Identity Center from inside smtui: the demo's
//! AWS config and a home of the test's own; `:sso-login` shows the verification address
//! and code, the "browser" opens that address (a GET of the stack's approval page, read off
//! the screen), and smtui caches the token where and as the AWS CLI does, then lists the
//! portal's accounts. "Pin every account as SecretsReader" pins the role in each account
//! that grants it; the switcher's "Identity Center" entry then switches to one account's
//! admin role, and the demo's SSO profile works through aws-config's own provider from the
//! same cache. The tokens and the client's secret are never drawn, nor logged at TRACE.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::time::Duration;

use crate::common::live::seeded_stack;
use crate::common::tmux::{STEP, Tmux, start};
use smtui_devstack::demo_config;
use smtui_devstack::fixtures as fx;
use smtui_devstack::fixtures::{org, sso};

/// What a browser does with the verification address: a GET of it (the stack's approval
/// page approves the code in its query).
fn open_in_browser(url: &str) -> String {
    let rest = url
        .strip_prefix("http://")
        .expect("the stack's http address");
    let (host, path) = rest.split_at(rest.find('/').expect("a path"));
    let mut stream = std::net::TcpStream::connect(host).expect("connect to the stack");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

/// The AWS CLI's cache file for the demo's `[sso-session]`.
fn cache_file(home: &Path) -> std::path::PathBuf {
    home.join(smtui_aws::sso::cache_path_in_home(sso::SESSION_NAME))
}

/// The token cache file smtui wrote, checked for the AWS CLI's shape and the user's alone;
/// the secrets in it (the access and refresh tokens, the client's secret).
fn cached_secrets(home: &Path) -> Vec<String> {
    let file = cache_file(home);
    let text = std::fs::read_to_string(&file).expect("the token cache file");
    let entry: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(entry["startUrl"], sso::START_URL);
    assert_eq!(entry["region"], sso::SSO_REGION);
    for field in [
        "accessToken",
        "expiresAt",
        "clientId",
        "clientSecret",
        "refreshToken",
    ] {
        assert!(entry[field].is_string(), "{field} in {text}");
    }
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the cache file is the user's alone");
    }
    ["accessToken", "refreshToken", "clientSecret"]
        .iter()
        .map(|field| entry[field].as_str().expect("a secret").to_owned())
        .collect()
}

/// `I`, then the best match for `typed` chosen.
fn choose_in_switcher(tmux: &Tmux, typed: &str) {
    tmux.keys(&["I"]);
    tmux.wait_for("the switcher", STEP, |s| s.contains("Switch identity"));
    tmux.keys(&["-l", typed]);
    tmux.keys(&["Enter"]);
}

/// smtui in tmux with the demo's AWS config, `home` as its home (no sign-in cached) and a
/// TRACE log in it, with the SDK asked to log whole bodies (the binary caps that); the log.
fn start_signed_out(stack: &smtui_devstack::Stack, home: &Path) -> (Tmux, std::path::PathBuf) {
    let config = demo_config::write(home, &stack.endpoint_url()).expect("demo config");
    let mut env: Vec<(String, String)> = stack
        .env()
        .into_iter()
        .filter(|(k, _)| k != "AWS_CONFIG_FILE")
        .collect();
    env.push(("AWS_CONFIG_FILE".into(), config.display().to_string()));
    env.push(("HOME".into(), home.display().to_string()));
    let tmux = Tmux {
        socket: format!("smtui-e2e-sso-{}", std::process::id()),
        session: "sso",
    };
    env.push(("LOG_SENSITIVE_BODIES".into(), "true".into()));
    let log = home.join("smtui.log");
    let log_arg = log.display().to_string();
    let args = [
        "--region",
        fx::PRIMARY_REGION,
        "--log-level",
        "trace",
        "--log-file",
        &log_arg,
    ];
    start(&tmux, env, &args);
    (tmux, log)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sso_login_signs_in_caches_the_token_as_the_cli_does_and_pins_a_role_everywhere() {
    let stack = seeded_stack().await;
    let home = tempfile::tempdir().expect("temp home");
    let (tmux, log) = start_signed_out(&stack, home.path());
    tmux.wait_for("the list", STEP, |s| {
        s.contains("Secrets (") && !s.contains("loading")
    });

    // Signed out: `:sso-login` starts the device flow and shows where to approve it.
    tmux.keys(&[":"]);
    tmux.keys(&["-l", "sso-login"]);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("the code to approve", STEP, |s| {
        s.contains("Check that it shows the code")
    });
    let address = screen
        .lines()
        .find_map(|l| {
            l.split_whitespace()
                .find(|w| w.contains("/approve?user_code="))
        })
        .expect("the verification address on screen")
        .trim_end_matches('│')
        .to_owned();
    let answer = open_in_browser(&address);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // Approved: the token is cached, and the portal's accounts are listed.
    let listed = tmux.wait_for("the portal's accounts", STEP, |s| {
        s.contains("pin every account as SecretsReader")
    });
    assert!(
        listed.contains("Signed in to IAM Identity Center smtui-demo"),
        "{listed}"
    );
    let secrets = cached_secrets(home.path());

    // Every account where the user has SecretsReader, pinned (the first entry).
    tmux.keys(&["Enter"]);
    let readers = sso::accounts_with(sso::READER_ROLE);
    let pinned = tmux.wait_for("every reader account pinned", Duration::from_mins(1), |s| {
        s.contains(&format!(
            "SecretsReader pinned in {} accounts",
            readers.len()
        ))
    });
    assert!(pinned.contains("ACCOUNT"), "{pinned}");
    let secret = org::IDENTITY_PROD.secrets_in(fx::PRIMARY_REGION)[0].name;
    tmux.keys(&["/"]);
    tmux.keys(&["-l", secret]);
    tmux.keys(&["Enter"]);
    let row = tmux.wait_for("a pinned account's row", STEP, |s| {
        s.contains("Secrets (1 of")
    });
    assert!(
        row.contains(org::IDENTITY_PROD.alias.unwrap_or(org::IDENTITY_PROD.id)),
        "{row}"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the filter closed", STEP, |s| !s.contains("Secrets (1 of"));

    // The switcher offers the portal's roles: work as payments-dev's admin role.
    // "portal": the entry's own word (the SSO profile's is "IAM Identity Center" too).
    choose_in_switcher(&tmux, "Identity Center portal");
    tmux.wait_for("the portal, listed before", STEP, |s| {
        s.contains("pin every account as SecretsReader")
    });
    tmux.keys(&[
        "-l",
        &format!("{} / {}", org::PAYMENTS_DEV.name, sso::ADMIN_ROLE),
    ]);
    tmux.keys(&["Enter"]);
    let switched = tmux.wait_for("working as the admin role", STEP, |s| {
        s.lines().next().is_some_and(|title| {
            title.contains(sso::ADMIN_ROLE) && title.contains(org::PAYMENTS_DEV.id)
        })
    });
    // The sign-in is the AWS CLI's too: aws-config's own provider, for the demo's SSO
    // profile, takes its credentials from the cache smtui wrote.
    choose_in_switcher(&tmux, demo_config::SSO_PROFILE);
    let profile = tmux.wait_for("working as the SSO profile", STEP, |s| {
        s.lines().next().is_some_and(|title| {
            title.contains(demo_config::SSO_PROFILE_ACCOUNT) && title.contains(sso::READER_ROLE)
        })
    });
    for screen in [&listed, &pinned, &switched, &profile] {
        for secret in &secrets {
            assert!(!screen.contains(secret.as_str()), "never drawn");
        }
    }
    tmux.keys(&["q"]);
    let after = tmux.wait_for("exit", STEP, |s| s.contains("SMTUI-EXITED-"));
    assert!(after.contains("SMTUI-EXITED-0"), "{after}");
    let logged = std::fs::read_to_string(&log).expect("the log");
    assert!(
        logged.contains("GetRoleCredentials") || logged.contains("portal"),
        "a TRACE log"
    );
    for secret in &secrets {
        assert!(!logged.contains(secret.as_str()), "never logged");
    }
}
