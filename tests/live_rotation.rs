//! Rotation with the real AWS SDK against the local stack (one stack for this binary):
//! set a schedule and a function, repair the AWSPENDING a rotation left, rotate now (the
//! local stack cannot run the function, so the rotation stays pending, as a stuck one would
//! on AWS), cancel; and read-only mode proven from the recording proxy's log.

mod common;

use std::time::Duration;

use common::live::LiveApp;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smtui::app::input::key_to_action;
use smtui::app::layers::Layer;
use smtui::app::{AwsCall, Command, Effect, Settings};
use smtui::model::rotation::StageMap;
use smtui_devstack::{Stack, StackOptions, fixtures as fx};
use tokio::sync::OnceCell;

const WAIT: Duration = Duration::from_secs(30);

static STACK: OnceCell<Stack> = OnceCell::const_new();

/// One seeded stack (it has the rotation function) for every test here; it runs on its own
/// runtime, so it outlives the test that started it.
async fn stack() -> &'static Stack {
    STACK
        .get_or_init(|| async {
            Stack::start(StackOptions {
                seed: true,
                ..StackOptions::default()
            })
            .await
            .expect("local stack starts")
        })
        .await
}

async fn client() -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(&stack().await.sdk_config(fx::PRIMARY_REGION))
}

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

fn replace_prompt(app: &mut LiveApp, text: &str) {
    assert_eq!(app.state.layers.top(), Layer::Prompt);
    while app
        .state
        .prompt
        .state
        .as_ref()
        .is_some_and(|p| !p.input.is_empty())
    {
        press(app, KeyCode::Backspace);
    }
    type_text(app, text);
    press(app, KeyCode::Enter);
}

/// A secret of this test's own, listed and selected in a fresh app.
async fn app_on_new_secret(name: &str, settings: Settings) -> LiveApp {
    client()
        .await
        .create_secret()
        .name(name)
        .secret_string("rotate-me-0001")
        .send()
        .await
        .expect("CreateSecret");
    let regions = vec![fx::PRIMARY_REGION.to_owned()];
    let mut app =
        LiveApp::start_with_regions(&stack().await.endpoint_url(), settings, &regions).await;
    app.wait_loaded().await;
    app.select(name, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    app
}

async fn describe(
    name: &str,
) -> aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput {
    client()
        .await
        .describe_secret()
        .secret_id(name)
        .send()
        .await
        .expect("DescribeSecret")
}

fn pending_version(
    out: &aws_sdk_secretsmanager::operation::describe_secret::DescribeSecretOutput,
) -> Option<String> {
    out.version_ids_to_stages()
        .into_iter()
        .flatten()
        .find(|(_, stages)| {
            stages.iter().any(|s| s == "AWSPENDING") && !stages.iter().any(|s| s == "AWSCURRENT")
        })
        .map(|(id, _)| id.clone())
}

/// The stage map the app holds for the selection once it has been described again.
fn app_stages(app: &LiveApp) -> Option<StageMap> {
    let detail = app.state.selected_detail()?.result.as_ref().ok()?;
    Some(StageMap::of_detail(detail))
}

async fn set_a_schedule_and_a_function(app: &mut LiveApp, name: &str) {
    // No function yet: the schedule, then the function, then the question.
    app.cmd(Command::RotationSchedule);
    replace_prompt(app, "14");
    replace_prompt(app, fx::ROTATION_LAMBDA_ARN);
    let question = common::confirm_question(&app.state);
    assert!(
        question.contains("every 14 days, without rotating it now"),
        "{question}"
    );
    press(app, KeyCode::Char('y'));
    app.wait_for("schedule set", WAIT, |s| {
        s.status_text().contains("rotation schedule set")
    })
    .await;
    let out = describe(name).await;
    assert_eq!(out.rotation_enabled(), Some(true));
    assert_eq!(out.rotation_lambda_arn(), Some(fx::ROTATION_LAMBDA_ARN));
    assert_eq!(
        out.rotation_rules()
            .and_then(aws_sdk_secretsmanager::types::RotationRulesType::automatically_after_days),
        Some(14)
    );
    app.wait_for("the panel follows", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| d.rotation.enabled && d.rotation.every_days == Some(14))
    })
    .await;
}

async fn repair_what_is_pending(app: &mut LiveApp, name: &str) {
    // Whatever the stack left pending, the repair removes it; then a rotation can start.
    if let Some(pending) = pending_version(&describe(name).await) {
        app.cmd(Command::RepairRotation);
        let question = common::confirm_question(&app.state);
        assert!(question.contains(&pending[..8]), "{question}");
        press(app, KeyCode::Char('y'));
        app.wait_for("repaired", WAIT, |s| {
            s.status_text().contains("AWSPENDING removed")
        })
        .await;
        assert_eq!(pending_version(&describe(name).await), None);
    }
    app.wait_for("described without a pending version", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| StageMap::of_detail(d).pending_elsewhere().is_none())
    })
    .await;
}

async fn cancel(app: &mut LiveApp, name: &str) {
    app.wait_for("described again", WAIT, |s| s.selected_detail().is_some())
        .await;
    app.cmd(Command::CancelRotation);
    press(app, KeyCode::Char('y'));
    app.wait_for("cancelled", WAIT, |s| {
        s.status_text().contains("automatic rotation is off")
    })
    .await;
    assert_eq!(describe(name).await.rotation_enabled(), Some(false));
}

async fn rotate_now(app: &mut LiveApp, name: &str) {
    // On again, rotating at once this time (the function is still configured).
    app.wait_for("described again", WAIT, |s| s.selected_detail().is_some())
        .await;
    app.cmd(Command::RotationSchedule);
    replace_prompt(app, "7 now");
    let question = common::confirm_question(&app.state);
    assert!(
        question.contains("every 7 days, and rotate it now"),
        "{question}"
    );
    press(app, KeyCode::Char('y'));
    app.wait_for("rotation started", WAIT, |s| {
        s.status_text().contains("rotation started (new version")
    })
    .await;
    app.wait_for("described again", WAIT, |s| s.selected_detail().is_some())
        .await;
    let status_before = app.state.status_text().to_owned();
    app.cmd(Command::Rotate);
    assert_eq!(app.state.layers.top(), Layer::Confirm);
    press(app, KeyCode::Char('y'));
    app.wait_for("rotated now", WAIT, |s| {
        s.status_text().contains("rotation started (new version")
            && !s.status_text().contains(&status_before)
    })
    .await;
    // The stack's stand-in function finishes at once: the new version is current (on AWS
    // it would hold AWSPENDING until the function's last step).
    let after = describe(name).await;
    let labelled: Vec<&String> = after
        .version_ids_to_stages()
        .into_iter()
        .flatten()
        .filter(|(_, stages)| {
            stages
                .iter()
                .any(|s| s == "AWSCURRENT" || s == "AWSPENDING")
        })
        .map(|(id, _)| id)
        .collect();
    let status = app.state.status_text().to_owned();
    assert!(
        labelled.iter().any(|id| status.contains(&id[..8])),
        "the version the rotation made ({status}) is labelled: {after:?}"
    );
}

async fn leave_a_half_way_rotation_alone_then_repair_it(app: &mut LiveApp, name: &str) {
    // A rotation half-way (its function has made the AWSPENDING version): no second one
    // is started over it, and the repair removes the label.
    client()
        .await
        .put_secret_value()
        .secret_id(name)
        .secret_string("rotate-me-0002")
        .version_stages("AWSPENDING")
        .send()
        .await
        .expect("PutSecretValue AWSPENDING");
    let pending = pending_version(&describe(name).await).expect("pending");
    app.cmd(Command::Refresh);
    app.wait_loaded().await;
    app.wait_for("the panel shows it pending", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| StageMap::of_detail(d).pending_elsewhere() == Some(pending.as_str()))
    })
    .await;
    assert!(
        app_stages(app).and_then(|m| m.pending_since).is_some(),
        "its age is known"
    );
    app.cmd(Command::Rotate);
    assert!(
        app.state.status_text().contains("still running"),
        "{}",
        app.state.status_text()
    );
    assert_ne!(app.state.layers.top(), Layer::Confirm);
    app.cmd(Command::RepairRotation);
    assert!(common::confirm_question(&app.state).contains(&pending[..8]));
    press(app, KeyCode::Char('y'));
    app.wait_for("repaired", WAIT, |s| {
        s.status_text().contains("AWSPENDING removed")
    })
    .await;
    assert_eq!(pending_version(&describe(name).await), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedule_repair_rotate_and_cancel() {
    let name = "test/rotation/schedule-repair-rotate-cancel";
    let mut app = app_on_new_secret(name, Settings::default()).await;
    set_a_schedule_and_a_function(&mut app, name).await;
    repair_what_is_pending(&mut app, name).await;
    cancel(&mut app, name).await;
    rotate_now(&mut app, name).await;
    leave_a_half_way_rotation_alone_then_repair_it(&mut app, name).await;
    let written: Vec<String> = stack()
        .await
        .proxy()
        .recorded_events()
        .into_iter()
        .filter(|e| !e.read_only && e.secret_name.as_deref() == Some(name))
        .map(|e| e.event_name)
        .collect();
    for operation in ["RotateSecret", "CancelRotateSecret"] {
        assert!(
            written.iter().any(|e| e == operation),
            "{operation} in {written:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_sends_no_rotation_call() {
    let name = "test/rotation/read-only";
    let mut app = app_on_new_secret(
        name,
        Settings {
            read_only: true,
            ..Settings::default()
        },
    )
    .await;
    for command in [
        Command::Rotate,
        Command::RotationSchedule,
        Command::CancelRotation,
        Command::RepairRotation,
    ] {
        app.cmd(command);
        assert!(
            app.state.status_text().contains("Read-only mode"),
            "{command:?}"
        );
    }
    // Past the router, the runner refuses too.
    let arn = app.state.selected().expect("selected").arn.clone();
    app.run_effect(Effect::Aws {
        stamp: app.state.session.stamp(),
        call: AwsCall::Rotate {
            region: fx::PRIMARY_REGION.into(),
            arn,
            name: name.into(),
        },
    });
    app.wait_for("the runner's refusal", WAIT, |s| {
        s.status_text().contains("read-only")
    })
    .await;
    let sent: Vec<String> = stack()
        .await
        .proxy()
        .recorded_events()
        .into_iter()
        .filter(|e| e.secret_name.as_deref() == Some(name) && e.event_name != "CreateSecret")
        .filter(|e| !e.read_only)
        .map(|e| e.event_name)
        .collect();
    assert!(sent.is_empty(), "nothing mutating was sent: {sent:?}");
}
