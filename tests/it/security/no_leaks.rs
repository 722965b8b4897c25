//! A canary secret is revealed (text and JSON, every key), copied, re-masked and cleared,
//! then looked for with `find-value` and read again by `reused-values`, with TRACE logging
//! on for every crate (ours, the AWS SDK, hyper): the canary appears in no log line, no
//! Debug rendering of an action, effect or the state, and no error message. And with
//! `LOG_SENSITIVE_BODIES=true`, which makes the SDK log whole response bodies, the app's
//! own log filter still lets no value through.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::live::{LiveApp, sdk_config};
use crate::common::test_name;
use smtui::logging;
use smtui_core::app::{Command, Settings};
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::features::values::Command as ValuesCommand;
use smtui_core::room::keys::Verb;
use smtui_devstack::{Stack, StackOptions};

const CANARY: &str = "CANARY-7f3a9c1e-do-not-leak";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// current_thread: every task (runner, SDK, hyper) runs on this thread, so the scoped TRACE
// subscriber below sees all of their events.
#[tokio::test(flavor = "current_thread")]
async fn canary_reaches_no_log_and_no_debug_output() {
    let stack = Stack::start(StackOptions::default()).await.expect("stack");
    let endpoint = stack.endpoint_url();
    let client = aws_sdk_secretsmanager::Client::new(&sdk_config(&endpoint).await);
    for (name, value) in [
        ("canary/plain", CANARY.to_owned()),
        (
            "canary/json",
            format!(r#"{{"user":"app","password":"{CANARY}"}}"#),
        ),
    ] {
        client
            .create_secret()
            .name(name)
            .secret_string(value)
            .send()
            .await
            .expect("create canary");
    }

    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);

    let settings = Settings {
        reveal_timeout: Duration::from_secs(1),
        clipboard_timeout: Duration::from_secs(1),
        ..Settings::default()
    };
    let mut app = LiveApp::start_with_regions(&endpoint, settings, &["us-east-1".to_owned()]).await;
    app.wait_loaded().await;
    let wait = Duration::from_secs(30);

    app.select("canary/plain", "us-east-1");
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("revealed", wait, |s| s.reveal.value.is_some())
        .await;
    let revealed_state = format!("{:?}", app.state);
    app.cmd(Command::Value(RevealCommand::CopyValue));
    app.wait_for("copied", wait, |s| s.clipboard.notice.is_some())
        .await;
    app.wait_for("re-masked", wait, |s| s.reveal.value.is_none())
        .await;
    app.wait_for("clipboard cleared", wait, |s| s.clipboard.notice.is_none())
        .await;

    app.select("canary/json", "us-east-1");
    app.cmd(Command::Value(RevealCommand::RevealAll));
    app.wait_for("json revealed", wait, |s| s.reveal.value.is_some())
        .await;
    app.cmd(Command::Value(RevealCommand::RawJson));
    app.cmd(Command::Verb(Verb::Down));
    app.cmd(Command::Value(RevealCommand::CopyValue));
    app.wait_for("key copied", wait, |s| s.clipboard.notice.is_some())
        .await;
    let json_state = format!("{:?}", app.state);
    let check_state = look_for_the_canary(&mut app).await;
    // A failing call too: its error must not carry a value either.
    stack.proxy().set_unreachable("us-east-1", true);
    app.select("canary/plain", "us-east-1");
    app.cmd(Command::Value(RevealCommand::CopyValue));
    app.wait_for("copy fails", wait, |s| {
        s.status_text().contains("GetSecretValue")
    })
    .await;
    app.shutdown();
    drop(guard);

    let log = String::from_utf8_lossy(&log.0.lock().expect("log")).into_owned();
    assert!(
        log.contains("GetSecretValue") && log.contains("BatchGetSecretValue"),
        "TRACE logging was on and saw the calls"
    );
    assert!(
        log.lines().count() > 100,
        "TRACE logging captured the SDK's work"
    );
    assert!(!log.contains(CANARY), "the canary leaked into the log");
    assert!(
        !revealed_state.contains(CANARY)
            && !json_state.contains(CANARY)
            && !check_state.contains(CANARY),
        "Debug of State leaks"
    );
    assert!(revealed_state.contains("[REDACTED]"));
    for line in &app.journal {
        assert!(
            !line.contains(CANARY),
            "Debug of an action or effect leaks: {line}"
        );
    }
    assert!(!format!("{:?}", app.state.status).contains(CANARY));
}

/// The value checks read both canaries in one batch, and the canary is the value looked
/// for: typed, pasted, handed over and fingerprinted. The state's `Debug` with the results
/// open.
async fn look_for_the_canary(app: &mut LiveApp) -> String {
    crate::values::live::run_check(
        app,
        ValuesCommand::FindValue,
        Some(CANARY),
        "region us-east-1",
    )
    .await;
    assert_eq!(
        crate::values::live::places(app).len(),
        2,
        "both canaries found"
    );
    let check_state = format!("{:?}", app.state);
    app.cmd(Command::Verb(Verb::Back));
    crate::values::live::run_check(app, ValuesCommand::ReusedValues, None, "region us-east-1")
        .await;
    app.cmd(Command::Verb(Verb::Back));
    check_state
}

/// The test that runs again in a child process, with `LOG_SENSITIVE_BODIES=true` (the
/// function's name; `test_name` makes it the harness's).
const SENSITIVE_BODIES_TEST: &str = "log_sensitive_bodies_cannot_put_a_value_in_the_log";

// The SDK reads LOG_SENSITIVE_BODIES from the process environment at each call. Setting it
// here would need `unsafe` and would reach every other test of this binary (the other test
// of this file has a subscriber with no cap), so this test runs itself again in a child
// process that has it set.
#[tokio::test(flavor = "current_thread")]
async fn log_sensitive_bodies_cannot_put_a_value_in_the_log() {
    if std::env::var("LOG_SENSITIVE_BODIES").as_deref() != Ok("true") {
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args([
                test_name(module_path!(), SENSITIVE_BODIES_TEST).as_str(),
                "--exact",
                "--nocapture",
            ])
            .env("LOG_SENSITIVE_BODIES", "true")
            .output()
            .expect("run the test binary");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success() && said.contains("1 passed"), "{said}");
        return;
    }
    let stack = Stack::start(StackOptions::default()).await.expect("stack");
    let client = aws_sdk_secretsmanager::Client::new(&sdk_config(&stack.endpoint_url()).await);
    client
        .create_secret()
        .name("canary/bodies")
        .secret_string(CANARY)
        .send()
        .await
        .expect("create canary");
    // Without the cap the variable does what it says: the value is in the SDK's TRACE.
    let log = Captured::default();
    let writer = log.clone();
    let uncapped = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let uncapped = fetch_logged(&client, uncapped, &log).await;
    assert!(
        uncapped.contains(CANARY),
        "the control run saw LOG_SENSITIVE_BODIES at work"
    );

    // The app's filter, asked for TRACE everywhere and on the body targets by name.
    let filter = format!(
        "trace,{}",
        logging::BODY_TARGETS
            .map(|t| format!("{t}=trace"))
            .join(",")
    );
    let log = Captured::default();
    let writer = log.clone();
    let capped = logging::subscriber(&filter, move || writer.clone()).expect("filter");
    let capped = fetch_logged(&client, capped, &log).await;
    assert!(
        capped.lines().count() > 50 && capped.contains("GetSecretValue"),
        "TRACE logging was on:\n{capped}"
    );
    assert!(!capped.contains(CANARY), "the canary leaked into the log");
}

/// Fetches the canary with `subscriber` as this thread's, and returns what it logged.
async fn fetch_logged(
    client: &aws_sdk_secretsmanager::Client,
    subscriber: impl tracing::Subscriber + Send + Sync + 'static,
    log: &Captured,
) -> String {
    let guard = tracing::subscriber::set_default(subscriber);
    let value = client
        .get_secret_value()
        .secret_id("canary/bodies")
        .send()
        .await
        .expect("get");
    assert_eq!(value.secret_string(), Some(CANARY));
    drop(guard);
    String::from_utf8_lossy(&log.0.lock().expect("log")).into_owned()
}
