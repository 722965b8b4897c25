//! The value checks with the real SDK against the local stack: BatchGetSecretValue in
//! batches, the fingerprints compared in the core, the secrets and fields holding a value
//! named, groups of reused values, a user who may not read values counted and named, and
//! the batches one at a time per identity and region (the proxy's count of calls held at
//! once proves it). No value reaches the screen or any action or effect.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui_core::app::{Action, Command, Settings};
use smtui_core::features::values::{self, Findings, Stage, ValueCheck};
use smtui_core::fingerprint::Field;
use smtui_core::kit::Theme;
use smtui_core::room::keys::Verb;
use smtui_core::secret::SecretValue;
use smtui_devstack::{Stack, StackOptions};
use tokio::sync::OnceCell;

use crate::common::live::{LiveApp, sdk_config};
use crate::common::screen_text;

static STACK: OnceCell<Stack> = OnceCell::const_new();

/// The tests that count the proxy's calls (or read every region) take turns: another app's
/// batches in the same region would be counted with theirs.
static COUNTED: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn stack() -> &'static Stack {
    STACK
        .get_or_init(|| async {
            Stack::start(StackOptions::default())
                .await
                .expect("local stack starts")
        })
        .await
}

async fn create(stack: &Stack, region: &str, name: &str, value: &str) {
    let config = sdk_config(&stack.endpoint_url()).await;
    let config = config
        .into_builder()
        .region(aws_config::Region::new(region.to_owned()))
        .build();
    aws_sdk_secretsmanager::Client::new(&config)
        .create_secret()
        .name(name)
        .secret_string(value)
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateSecret {name}: {e:?}"));
}

fn screen(app: &LiveApp) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    terminal
        .draw(|f| smtui_core::render::render(f, &app.state, &Theme::default()))
        .expect("draw");
    screen_text(terminal.backend().buffer())
}

/// An app on the stack, loaded, with `name` in `region` selected.
async fn selected(stack: &Stack, name: &str, region: &str) -> LiveApp {
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    app.select(name, region);
    app
}

/// How many BatchGetSecretValue calls the proxy has recorded.
fn batch_calls(proxy: &smtui_devstack::ProxyHandle) -> usize {
    proxy
        .recorded_events()
        .iter()
        .filter(|e| e.event_name == "BatchGetSecretValue")
        .count()
}

fn check(app: &LiveApp) -> &ValueCheck {
    app.state
        .layers
        .popup::<ValueCheck>()
        .expect("the value check open")
}

fn verb(app: &mut LiveApp, verb: Verb) {
    app.cmd(Command::Verb(verb));
}

/// Opens `command` over the selected secret, hands over `target` (find-value), picks the
/// scope whose label starts with `scope`, and waits for the scan to end.
pub(crate) async fn run_check(
    app: &mut LiveApp,
    command: values::Command,
    target: Option<&str>,
    scope: &str,
) {
    app.cmd(Command::Values(command));
    if let Some(target) = target {
        let (typed, pasted) = target.split_at(4);
        for c in typed.chars() {
            app.dispatch(Action::Text(smtui_core::app::TextEdit::Insert(c)));
        }
        app.dispatch(Action::Paste(SecretValue::from_string(pasted.to_owned())));
        verb(app, Verb::Select);
        app.wait_for("the fingerprint", Duration::from_secs(10), |s| {
            s.layers
                .popup::<ValueCheck>()
                .is_some_and(|c| !matches!(c.findings, Findings::Find { target: None, .. }))
        })
        .await;
    }
    let at = check(app)
        .choices_labels()
        .iter()
        .position(|label| label.starts_with(scope))
        .unwrap_or_else(|| panic!("a scope {scope}: {:?}", check(app).choices_labels()));
    for _ in 0..at {
        verb(app, Verb::Down);
    }
    verb(app, Verb::Select);
    app.wait_for("the scan to end", Duration::from_mins(1), |s| {
        s.layers
            .popup::<ValueCheck>()
            .is_some_and(|c| c.stage == Stage::Done)
    })
    .await;
}

/// (secret name, region, field) of each place the check lists.
pub(crate) fn places(app: &LiveApp) -> Vec<(String, String, Field)> {
    check(app)
        .findings
        .holders()
        .into_iter()
        .map(|h| {
            (
                h.secret.name.clone(),
                h.secret.region.clone(),
                h.field.clone(),
            )
        })
        .collect()
}

fn field(key: &str) -> Field {
    Field::Key {
        key: key.to_owned(),
        string: true,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_value_names_every_secret_and_field_that_holds_it_and_shows_no_value() {
    const CANARY: &str = "find-canary-7Hq2-Xw9";
    let _turn = COUNTED.lock().await;
    let stack = stack().await;
    create(
        stack,
        "us-east-1",
        "find/a",
        &format!(r#"{{"username":"svc","password":"{CANARY}"}}"#),
    )
    .await;
    create(stack, "us-east-1", "find/b", CANARY).await;
    create(stack, "us-east-1", "find/c", "something else").await;
    create(
        stack,
        "eu-west-1",
        "find/d",
        &format!(r#"{{"token":"{CANARY}","n":1}}"#),
    )
    .await;
    create(stack, "eu-west-1", "find/e", &format!("{CANARY} ")).await;

    let mut app = Box::pin(selected(stack, "find/a", "us-east-1")).await;
    run_check(
        &mut app,
        values::Command::FindValue,
        Some(CANARY),
        "account",
    )
    .await;

    let mut found = places(&app);
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        found,
        vec![
            (
                "find/a".to_owned(),
                "us-east-1".to_owned(),
                field("password")
            ),
            ("find/b".to_owned(), "us-east-1".to_owned(), Field::Whole),
            ("find/d".to_owned(), "eu-west-1".to_owned(), field("token")),
        ]
    );
    assert!(check(&app).unreadable().is_empty());
    let shown = screen(&app);
    assert!(shown.contains("Found in 3 secrets (3 places)"), "{shown}");
    assert!(!shown.contains(CANARY), "{shown}");
    let journal = app.journal.join("\n");
    assert!(!journal.contains(CANARY), "a value in an action or effect");
    assert!(
        !journal.contains("something else"),
        "a value in an action or effect"
    );
    app.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reused_values_group_the_secrets_sharing_a_value() {
    let _turn = COUNTED.lock().await;
    let stack = stack().await;
    create(
        stack,
        "ap-southeast-2",
        "reuse/one",
        r#"{"username":"admin","password":"reuse-Pw-41"}"#,
    )
    .await;
    create(stack, "ap-southeast-2", "reuse/two", "reuse-Pw-41").await;
    create(
        stack,
        "ap-southeast-2",
        "reuse/three",
        r#"{"username":"admin","password":"other-Pw","old":"other-Pw"}"#,
    )
    .await;
    create(stack, "ap-southeast-2", "reuse/four", "unique").await;

    let mut app = Box::pin(selected(stack, "reuse/one", "ap-southeast-2")).await;
    run_check(
        &mut app,
        values::Command::ReusedValues,
        None,
        "region ap-southeast-2",
    )
    .await;

    let Findings::Reused { groups, .. } = &check(&app).findings else {
        panic!("a reuse check")
    };
    // Only this test's secrets: the seeded ones in the region share values of their own.
    let mut shapes: Vec<Vec<(String, Field)>> = groups
        .iter()
        .filter(|g| {
            g.holders
                .iter()
                .all(|h| h.secret.name.starts_with("reuse/"))
        })
        .map(|g| {
            g.holders
                .iter()
                .map(|h| (h.secret.name.clone(), h.field.clone()))
                .collect()
        })
        .collect();
    shapes.sort();
    // The user name "admin" is shared too, but names rather than protects: left out.
    assert_eq!(
        shapes,
        vec![
            vec![
                ("reuse/one".to_owned(), field("password")),
                ("reuse/two".to_owned(), Field::Whole)
            ],
            vec![
                ("reuse/three".to_owned(), field("old")),
                ("reuse/three".to_owned(), field("password"))
            ],
        ]
    );
    let shown = screen(&app);
    assert!(
        !shown.contains("reuse-Pw-41") && !shown.contains("other-Pw"),
        "{shown}"
    );
    assert!(!app.journal.join("\n").contains("reuse-Pw-41"));
    app.shutdown();
}

/// Three batches in one region, each held by the proxy a while: one at a time, as the
/// listing lane of an identity and region allows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_batches_wait_in_the_lanes() {
    let _turn = COUNTED.lock().await;
    let stack = stack().await;
    for i in 0..45 {
        create(
            stack,
            "ap-southeast-2",
            &format!("lanes/{i:02}"),
            &format!("lane value {i}"),
        )
        .await;
    }
    let mut app = Box::pin(selected(stack, "lanes/00", "ap-southeast-2")).await;
    let proxy = stack.proxy();
    proxy.set_delay("ap-southeast-2", Some(Duration::from_millis(300)));
    proxy.reset_max_in_flight();
    run_check(
        &mut app,
        values::Command::ReusedValues,
        None,
        "region ap-southeast-2",
    )
    .await;
    proxy.set_delay("ap-southeast-2", None);
    let batches = batch_calls(proxy);
    assert!(
        batches >= 3,
        "45 secrets or more are three batches or more: {batches}"
    );
    assert_eq!(proxy.max_in_flight("BatchGetSecretValue"), 1);

    // Cancelled once the first batch answered: the one sent with that answer is the last.
    app.cmd(Command::Verb(Verb::Back));
    proxy.clear_events();
    app.cmd(Command::Values(values::Command::ReusedValues));
    verb(&mut app, Verb::Select);
    app.wait_for("the first batch", Duration::from_secs(30), |s| {
        s.layers
            .popup::<ValueCheck>()
            .and_then(|c| c.scan.as_ref())
            .is_some_and(|scan| scan.answered >= 20)
    })
    .await;
    verb(&mut app, Verb::Back);
    app.wait_for("the cancel", Duration::from_secs(30), |s| {
        s.layers
            .popup::<ValueCheck>()
            .is_some_and(|c| c.stage == Stage::Done)
    })
    .await;
    let sent = batch_calls(proxy);
    assert_eq!(sent, 2, "no batch after the cancel but the one on its way");
    app.shutdown();
}

/// A user who may list but not read: every secret is named as unread, with why, after
/// GetSecretValue one by one once BatchGetSecretValue is refused (the proxy saw both).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_that_cannot_be_read_are_counted_and_named() {
    let (stack, _user, mut app) = Box::pin(crate::common::live::auditor_app()).await;
    run_check(
        &mut app,
        values::Command::FindValue,
        Some("not-for-auditors"),
        "region us-east-1",
    )
    .await;
    assert!(places(&app).is_empty());
    let unread: Vec<(&str, &str)> = check(&app)
        .unreadable()
        .iter()
        .map(|(s, why)| (s.name.as_str(), why.as_str()))
        .collect();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0].0, "audited/db");
    let shown = screen(&app);
    assert!(shown.contains("1 could not be read"), "{shown}");
    assert!(shown.contains("Could not read (1):"), "{shown}");
    assert!(!shown.contains("not-for-auditors"), "{shown}");
    // BatchGetSecretValue refused as a whole, then GetSecretValue tried for the secret.
    let tried: Vec<String> = stack
        .proxy()
        .recorded_events()
        .iter()
        .map(|e| e.event_name.clone())
        .filter(|name| name.contains("GetSecretValue"))
        .collect();
    assert_eq!(
        tried,
        vec!["BatchGetSecretValue", "GetSecretValue"],
        "{tried:?}"
    );
    app.shutdown();
}
