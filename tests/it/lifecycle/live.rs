//! Writes with the real AWS SDK against the local stack: delete (after a recovery window, or
//! at once), restore, what the service would refuse, and read-only mode proven from the
//! recording proxy's log: no mutating call is ever sent.

use crate::common;

use std::time::Duration;

use crate::common::live::{LiveApp, seeded_stack};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smtui_core::app::input::key_to_action;
use smtui_core::app::{AwsCall, Command, Effect, Settings};
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::features::lifecycle;
use smtui_core::features::lifecycle::call::Recovery;
use smtui_core::features::versions;
use smtui_core::room::layers::Layer;
use smtui_devstack::fixtures as fx;

const WAIT: Duration = Duration::from_secs(30);

fn press(app: &mut LiveApp, code: KeyCode) {
    if let Some(action) = key_to_action(&app.state, KeyEvent::new(code, KeyModifiers::NONE)) {
        app.dispatch(action);
    }
}

fn type_text(app: &mut LiveApp, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

async fn deleted_date(stack: &smtui_devstack::Stack, name: &str) -> Option<jiff::Timestamp> {
    let out = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .describe_secret()
        .secret_id(name)
        .send()
        .await
        .expect("DescribeSecret");
    out.deleted_date()
        .and_then(|d| jiff::Timestamp::new(d.secs(), 0).ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_with_a_recovery_window_then_restore() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;

    press(&mut app, KeyCode::Char('D'));
    assert_eq!(app.state.layers.top(), Layer::Delete);
    // 30 days by default; two fewer.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.state.layers.top(), Layer::Confirm);
    // `y` is a letter of the name here, not a yes; a wrong name deletes nothing.
    type_text(&mut app, "prod/payments/stripe-api-kez");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.state.layers.top(),
        Layer::Confirm,
        "a wrong name runs nothing"
    );
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "y");
    press(&mut app, KeyCode::Enter);
    app.wait_for("deleted", WAIT, |s| {
        s.status_text().contains("scheduled for deletion on")
    })
    .await;
    let when = deleted_date(&stack, fx::STRING_SECRET)
        .await
        .expect("scheduled for deletion");
    let days = when.duration_since(jiff::Timestamp::now()).as_hours() / 24;
    assert!(
        (27..=28).contains(&days),
        "28 days to restore it, not {days}"
    );
    assert!(
        app.state
            .browse
            .list
            .visible(0..1000)
            .all(|s| s.name != fx::STRING_SECRET),
        "the row hides with the other secrets scheduled for deletion"
    );

    app.cmd(Command::Browse(BrowseCommand::ToggleDeleted));
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    // No write before the detail says who manages the secret.
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(app.state.layers.top(), Layer::Confirm);
    press(&mut app, KeyCode::Char('y'));
    app.wait_for("restored", WAIT, |s| {
        s.status_text().contains("is restored")
    })
    .await;
    assert_eq!(deleted_date(&stack, fx::STRING_SECRET).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_without_recovery_is_its_own_choice_and_a_replicated_secret_is_refused() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;

    app.select(fx::REPLICATED_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(
        app.state.layers.top(),
        Layer::Confirm,
        "no delete popup yet"
    );
    let question = common::confirm_question(&app.state);
    assert!(question.contains("replicated to eu-west-1"), "{question}");
    // The replicas' copies go for good: the name is typed, as for a delete.
    type_text(&mut app, fx::REPLICATED_SECRET);
    press(&mut app, KeyCode::Enter);
    app.wait_for("replicas removed", WAIT, |s| {
        s.status_text().contains("replicas removed")
    })
    .await;
    let described = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .describe_secret()
        .secret_id(fx::REPLICATED_SECRET)
        .send()
        .await
        .expect("DescribeSecret");
    assert!(described.replication_status().is_empty(), "no replica left");
    app.wait_for("described again", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| d.replicas.is_empty())
    })
    .await;
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(
        app.state.layers.top(),
        Layer::Delete,
        "now it can be deleted"
    );
    press(&mut app, KeyCode::Esc);

    app.select(fx::AP_SECRET, "ap-southeast-2");
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Enter);
    let question = common::confirm_question(&app.state);
    assert!(question.contains("WITHOUT RECOVERY"), "{question}");
    type_text(&mut app, fx::AP_SECRET);
    press(&mut app, KeyCode::Enter);
    app.wait_for("deleted at once", WAIT, |s| {
        s.status_text().contains("scheduled for deletion")
    })
    .await;
    let gone = aws_sdk_secretsmanager::Client::new(&stack.sdk_config("ap-southeast-2"))
        .get_secret_value()
        .secret_id(fx::AP_SECRET)
        .send()
        .await;
    assert!(gone.is_err(), "the value cannot be read any more");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_mode_sends_no_mutating_call() {
    let stack = seeded_stack().await;
    let settings = Settings {
        read_only: true,
        ..Settings::default()
    };
    let mut app = LiveApp::start(&stack.endpoint_url(), settings).await;
    app.wait_loaded().await;
    stack.proxy().clear_events();

    // Every write command, by key and from the palette.
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    for command in Command::all().filter(|c| c.mutates()) {
        app.cmd(command);
        assert_eq!(
            app.state.layers.top(),
            Layer::List,
            "{command:?} opened nothing"
        );
        assert!(
            app.state.status_text().starts_with("Read-only mode"),
            "{command:?}: {}",
            app.state.status_text()
        );
        press(&mut app, KeyCode::Char(':'));
        assert!(
            !app.state.palette.offered().contains(&command) || {
                type_text(&mut app, command.name());
                press(&mut app, KeyCode::Enter);
                app.state.status_text().starts_with("Read-only mode")
            },
            "{command:?} from the palette"
        );
        press(&mut app, KeyCode::Esc);
    }
    // Even a write handed to the runner directly is refused there.
    let stamp = app.state.session.stamp();
    let selected = app.state.selected().cloned().expect("selected");
    app.run_effect(Effect::Aws {
        stamp,
        call: AwsCall::Lifecycle(lifecycle::Call::Delete {
            secret: smtui_core::ids::SecretRef::new(
                stamp.identity,
                selected.region.clone(),
                selected.arn.as_str(),
                selected.name.clone(),
            )
            .expect("an ARN"),
            recovery: Recovery::Never,
        }),
    });
    app.wait_for("the runner's refusal", WAIT, |s| {
        s.status_text().contains("read-only mode: nothing was sent")
    })
    .await;
    let writes: Vec<_> = stack
        .proxy()
        .recorded_events()
        .into_iter()
        .filter(|e| !e.read_only)
        .map(|e| e.event_name)
        .collect();
    assert!(writes.is_empty(), "mutating calls reached AWS: {writes:?}");
    assert_eq!(deleted_date(&stack, fx::STRING_SECRET).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compare_two_versions_then_roll_back_to_an_unlabelled_one() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    app.select(fx::VERSIONED_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('p'));
    let picker = app
        .state
        .layers
        .popup::<versions::Picker>()
        .cloned()
        .expect("the versions popup");
    let oldest = picker
        .choices
        .iter()
        .position(|c| c.stages.is_empty())
        .expect("an unlabelled version is listed (IncludeDeprecated)");
    for _ in 0..oldest {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.state.layers.top(), Layer::Compare);
    app.wait_for("both values", WAIT, |s| {
        s.layers
            .popup::<versions::Comparison>()
            .is_some_and(|c| c.rows.is_some())
    })
    .await;
    let comparison = app
        .state
        .layers
        .popup::<versions::Comparison>()
        .cloned()
        .expect("compared");
    let rows = comparison.rows.expect("rows");
    assert!(
        rows.iter()
            .any(|r| r.change != smtui_core::diff::Change::Same),
        "the two versions differ"
    );
    assert!(!format!("{rows:?}").contains(fx::VERSIONED_SECRET_OLDEST));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.state.layers.top(), Layer::Versions);

    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.state.layers.top(), Layer::Confirm);
    press(&mut app, KeyCode::Char('y'));
    app.wait_for("rolled back", WAIT, |s| {
        s.status_text().contains("is AWSCURRENT again")
    })
    .await;
    let current = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .get_secret_value()
        .secret_id(fx::VERSIONED_SECRET)
        .version_stage("AWSCURRENT")
        .send()
        .await
        .expect("GetSecretValue");
    assert_eq!(current.secret_string(), Some(fx::VERSIONED_SECRET_OLDEST));
    let previous = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .get_secret_value()
        .secret_id(fx::VERSIONED_SECRET)
        .version_stage("AWSPREVIOUS")
        .send()
        .await
        .expect("GetSecretValue");
    assert_eq!(
        previous.secret_string(),
        Some(fx::VERSIONED_SECRET_CURRENT),
        "the service moved AWSPREVIOUS to the version that was current"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tags_and_description_change_through_the_sdk() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('t'));
    app.wait_for("the policy answer", WAIT, |s| {
        s.layers
            .popup::<smtui_core::features::tags::Popup>()
            .is_some_and(|p| p.policy.is_some())
    })
    .await;

    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "owner");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "secops");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    app.wait_for("tagged", WAIT, |s| {
        s.status_text().contains("tag owner set")
    })
    .await;
    // The detail is described again after a change; the next change waits for it.
    app.wait_for("described again", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('d'));
    for _ in 0..fx::STRING_SECRET_DESCRIPTION.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "rotated by hand");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    app.wait_for("described", WAIT, |s| {
        s.status_text().contains("description changed")
    })
    .await;

    let described = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .describe_secret()
        .secret_id(fx::STRING_SECRET)
        .send()
        .await
        .expect("DescribeSecret");
    assert_eq!(described.description(), Some("rotated by hand"));
    assert!(
        described
            .tags()
            .iter()
            .any(|t| t.key() == Some("owner") && t.value() == Some("secops"))
    );
    // The popup follows the new detail.
    app.wait_for("the new detail", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| d.tags.iter().any(|t| t.key == "owner"))
    })
    .await;
}
