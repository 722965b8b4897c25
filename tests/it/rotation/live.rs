//! Rotation with the real AWS SDK against the local stack (one stack for this binary):
//! set a schedule and a function, repair the AWSPENDING a rotation left, rotate now (the
//! local stack cannot run the function, so the rotation stays pending, as a stuck one would
//! on AWS), cancel; and read-only mode proven from the recording proxy's log.

use crate::common;

use std::time::Duration;

use crate::common::live::LiveApp;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smtui_core::app::input::key_to_action;
use smtui_core::app::{AwsCall, Command, Effect, Settings};
use smtui_core::features::rotation;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::model::rotation::StageMap;
use smtui_core::room::layers::Layer;
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
    while crate::common::open_prompt(&app.state).is_some_and(|p| !p.input.is_empty()) {
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
    app.cmd(Command::Rotation(RotationCommand::Schedule));
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

async fn cancel(app: &mut LiveApp, name: &str) {
    // Set without rotating now: nothing is pending.
    assert_eq!(pending_version(&describe(name).await), None);
    app.cmd(Command::Rotation(RotationCommand::Cancel));
    press(app, KeyCode::Char('y'));
    app.wait_for("cancelled", WAIT, |s| {
        s.status_text().contains("automatic rotation is off")
    })
    .await;
    assert_eq!(describe(name).await.rotation_enabled(), Some(false));
    app.wait_for("described again", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| !d.rotation.enabled)
    })
    .await;
}

/// On again, rotating at once: the version the rotation makes holds AWSPENDING until its
/// function finishes, which on the local stack it never does (it cannot run Lambdas).
async fn rotate_now(app: &mut LiveApp, name: &str) -> String {
    app.cmd(Command::Rotation(RotationCommand::Schedule));
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
    let pending = pending_version(&describe(name).await).expect("the rotation is pending");
    assert!(
        app.state.status_text().contains(&pending[..8]),
        "the new version is the pending one: {}",
        app.state.status_text()
    );
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
    pending
}

/// No second rotation over a running one; the repair removes its label; then a rotation
/// starts again.
async fn repair_then_rotate_again(app: &mut LiveApp, name: &str, pending: &str) {
    app.cmd(Command::Rotation(RotationCommand::Rotate));
    assert!(
        app.state.status_text().contains("still running"),
        "{}",
        app.state.status_text()
    );
    assert_ne!(app.state.layers.top(), Layer::Confirm);
    app.cmd(Command::Rotation(RotationCommand::Repair));
    let question = common::confirm_question(&app.state);
    assert!(question.contains(&pending[..8]), "{question}");
    press(app, KeyCode::Char('y'));
    app.wait_for("repaired", WAIT, |s| {
        s.status_text().contains("AWSPENDING removed")
    })
    .await;
    assert_eq!(pending_version(&describe(name).await), None);
    app.wait_for("described without a pending version", WAIT, |s| {
        s.selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .is_some_and(|d| StageMap::of_detail(d).pending_elsewhere().is_none())
    })
    .await;
    app.cmd(Command::Rotation(RotationCommand::Rotate));
    assert!(common::confirm_question(&app.state).contains("The function smtui-demo-rotate-secret"));
    press(app, KeyCode::Char('y'));
    app.wait_for("rotated again", WAIT, |s| {
        s.status_text().contains("rotation started (new version")
    })
    .await;
    assert!(pending_version(&describe(name).await).is_some_and(|again| again != pending));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schedule_cancel_rotate_and_repair() {
    let name = "test/rotation/schedule-cancel-rotate-repair";
    let mut app = Box::pin(app_on_new_secret(name, Settings::default())).await;
    set_a_schedule_and_a_function(&mut app, name).await;
    cancel(&mut app, name).await;
    let pending = rotate_now(&mut app, name).await;
    repair_then_rotate_again(&mut app, name, &pending).await;

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
    let mut app = Box::pin(app_on_new_secret(
        name,
        Settings {
            read_only: true,
            ..Settings::default()
        },
    ))
    .await;
    for command in [
        Command::Rotation(RotationCommand::Rotate),
        Command::Rotation(RotationCommand::Schedule),
        Command::Rotation(RotationCommand::Cancel),
        Command::Rotation(RotationCommand::Repair),
    ] {
        app.cmd(command);
        assert!(
            app.state.status_text().contains("Read-only mode"),
            "{command:?}"
        );
    }
    // Past the router, the runner refuses too.
    let selected = app.state.selected().expect("selected");
    let secret = app.state.ctx().address(selected);
    assert_eq!(
        (secret.region.as_str(), secret.name.as_str()),
        (fx::PRIMARY_REGION, name)
    );
    app.run_effect(Effect::Aws {
        stamp: app.state.session.stamp(),
        call: AwsCall::Rotation(rotation::Call::Rotate { secret }),
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

/// The seeded fixture of each derived state, judged from the listing (what the overview
/// sees) and from the detail (what the panel sees).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_data_holds_every_rotation_state() {
    use smtui_core::model::rotation::{Facts, Health, Thresholds, derive};
    let regions = vec![fx::PRIMARY_REGION.to_owned()];
    let mut app =
        LiveApp::start_with_regions(&stack().await.endpoint_url(), Settings::default(), &regions)
            .await;
    app.wait_loaded().await;
    let now = jiff::Timestamp::now();
    let health = |rotation: &smtui_core::model::Rotation, stages: &StageMap| -> Health {
        derive(
            Facts {
                rotation,
                stages,
                events: &[],
            },
            now,
            Thresholds::default(),
        )
    };
    for (name, expected) in [
        (fx::ROTATING_SECRET, Health::Healthy),
        (fx::DUE_SOON_SECRET, Health::DueSoon),
        (fx::OVERDUE_SECRET, Health::Overdue),
        (fx::NEVER_ROTATED_SECRET, Health::NeverRotated),
        (fx::STRING_SECRET, Health::Disabled),
        (fx::ROTATION_IN_PROGRESS_SECRET, Health::Rotating),
        (fx::STUCK_SECRET, Health::Stuck),
        (fx::PENDING_SECRET, Health::Stuck),
    ] {
        let row = app
            .state
            .browse
            .list
            .all()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("{name} listed"))
            .clone();
        let listed = health(&row.rotation, &StageMap::of_summary(&row));
        assert_eq!(listed, expected, "{name} from the listing: {row:?}");
        app.select(name, fx::PRIMARY_REGION);
        app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
            .await;
        let detail = app
            .state
            .selected_detail()
            .and_then(|d| d.result.as_ref().ok())
            .expect("described")
            .clone();
        let described = health(&detail.rotation, &StageMap::of_detail(&detail));
        assert_eq!(described, expected, "{name} from the detail: {detail:?}");
    }
    // The schedule the local stack's moto would have dropped reads back, in plain words.
    app.select(fx::CRON_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    let rotation = app
        .state
        .selected_detail()
        .and_then(|d| d.result.as_ref().ok())
        .map(|d| d.rotation.clone())
        .expect("described");
    assert_eq!(rotation.schedule.as_deref(), Some(fx::CRON_SCHEDULE));
    assert_eq!(rotation.window.as_deref(), Some(fx::CRON_WINDOW));
    assert_eq!(
        smtui_core::model::rotation::schedule::describe(&rotation).as_deref(),
        Some("04:00 UTC on the 1st of every month")
    );
}
