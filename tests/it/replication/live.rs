//! The replication pane with the real SDK against the local stack (one seeded stack for
//! this folder): the seeded replicated secret in sync; replicas of secrets made here drifted
//! by the proxy (a stale version with its skew, which the value check finds holding another
//! value until healed; another KMS key; a failed replication with its message); and a
//! canary value compared across regions that reaches no screen, no action and no effect.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui_core::app::input::key_to_action;
use smtui_core::app::{Command, Settings, State};
use smtui_core::features::replication::{self, Policies, ReplicationView, Source};
use smtui_core::kit::Theme;
use smtui_core::room::layers::Layer;
use smtui_devstack::ReplicaDrift;
use smtui_devstack::{Stack, StackOptions, fixtures as fx};
use tokio::sync::OnceCell;

use crate::common::live::LiveApp;
use crate::common::screen_text;

pub(super) const WAIT: Duration = Duration::from_mins(1);

static STACK: OnceCell<Stack> = OnceCell::const_new();

/// One seeded stack for every test here (it runs on its own runtime).
pub(super) async fn stack() -> &'static Stack {
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

pub(super) async fn client() -> aws_sdk_secretsmanager::Client {
    aws_sdk_secretsmanager::Client::new(&stack().await.sdk_config(fx::PRIMARY_REGION))
}

/// A secret of this test's own in us-east-1, replicated to `replicas`.
pub(super) async fn replicated(name: &str, value: &str, replicas: &[&str]) {
    let mut create = client()
        .await
        .create_secret()
        .name(name)
        .secret_string(value);
    for region in replicas {
        create = create.add_replica_regions(
            aws_sdk_secretsmanager::types::ReplicaRegionType::builder()
                .region(*region)
                .build(),
        );
    }
    create
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateSecret {name}: {e:?}"));
}

pub(super) fn press_with(app: &mut LiveApp, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = key_to_action(&app.state, KeyEvent::new(code, modifiers)) {
        app.dispatch(action);
    }
}

pub(super) fn press(app: &mut LiveApp, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

pub(super) fn type_text(app: &mut LiveApp, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub(super) fn view(state: &State) -> Option<&ReplicationView> {
    state.layers.popup::<ReplicationView>()
}

/// Every read the pane sent has answered.
pub(super) fn settled(state: &State) -> bool {
    view(state).is_some_and(|v| {
        v.primary.is_some()
            && !v.copies.is_empty()
            && !v.policies.is_empty()
            && v.copies.values().all(|c| *c != Source::Loading)
            && v.policies.values().all(|p| *p != Source::Loading)
    })
}

/// The pane's text on a screen it fills (160 columns), its wrapped lines joined.
pub(super) fn screen(state: &State) -> String {
    let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
    terminal
        .draw(|f| smtui_core::render::render(f, state, &Theme::default()))
        .expect("draw");
    super::fixtures::pane_text(&screen_text(terminal.backend().buffer()))
}

/// The app loaded, `name` in us-east-1 selected and the pane open on it, every read in.
pub(super) async fn opened(name: &str, settings: Settings) -> LiveApp {
    // Boxed: the app's start is a large future.
    Box::pin(open(name, settings)).await
}

async fn open(name: &str, settings: Settings) -> LiveApp {
    let mut app = LiveApp::start(&stack().await.endpoint_url(), settings).await;
    app.wait_loaded().await;
    app.select(name, fx::PRIMARY_REGION);
    // The router's rules read the selected secret's detail (is another service managing
    // it?) before any write: described first, as a user's pause would let it be.
    app.wait_for("the detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    app.cmd(Command::Replication(replication::Command::Open));
    assert_eq!(app.state.layers.top(), Layer::Replication);
    app.wait_for("the pane's reads", WAIT, settled).await;
    app
}

/// Reads every region again (`Ctrl-r`) and waits for the answers.
pub(super) async fn refresh(app: &mut LiveApp) {
    press_with(app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    app.wait_for("the pane read again", WAIT, settled).await;
}

/// `c`, `y`: the value check, answered.
async fn check_values(app: &mut LiveApp) {
    press(app, KeyCode::Char('c'));
    assert!(
        crate::common::confirm_question(&app.state).contains("one GetSecretValue event"),
        "the check says what it reads first"
    );
    press(app, KeyCode::Char('y'));
    app.wait_for("the value check", WAIT, |s| {
        view(s).is_some_and(|v| !v.checks.is_empty())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seeded_replicated_secret_is_in_sync_with_matching_versions() {
    let mut app = opened(fx::REPLICATED_SECRET, Settings::default()).await;
    press(&mut app, KeyCode::Down);
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.rows, [fx::PRIMARY_REGION, fx::REPLICA_REGION]);
    let primary = pane
        .copies
        .get(fx::PRIMARY_REGION)
        .and_then(|c| match c {
            Source::Read(c) => Some(c),
            _ => None,
        })
        .expect("the primary read");
    let status = &primary.replicas[0];
    assert_eq!(
        (status.region.as_str(), status.status.as_str()),
        (fx::REPLICA_REGION, "InSync")
    );
    assert_eq!(pane.same_version(fx::REPLICA_REGION), Some(true));
    assert_eq!(pane.skew_of(fx::REPLICA_REGION).as_deref(), Some("same"));
    assert_eq!(
        pane.tags_of(fx::REPLICA_REGION),
        Some(replication::TagsMatch::Same)
    );
    // moto refuses GetResourcePolicy on a replica: said, not guessed.
    let Policies::Unknown(why) = pane.policy_of(fx::REPLICA_REGION) else {
        panic!("{:?}", pane.policy_of(fx::REPLICA_REGION));
    };
    assert!(why.contains("replica"), "{why}");
    let screen = screen(&app.state);
    assert!(screen.contains("InSync"), "{screen}");
    assert!(screen.contains("could not be compared"), "{screen}");
    assert!(!screen.contains("(differs)"), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_replica_shows_its_version_and_skew_and_its_value_differs_until_healed() {
    const NAME: &str = "replication/live/stale";
    replicated(NAME, "the primary's value", &[fx::REPLICA_REGION]).await;
    let proxy = stack().await.proxy();
    proxy.drift_replica(NAME, fx::REPLICA_REGION, ReplicaDrift::StaleVersion);
    let mut app = opened(NAME, Settings::default()).await;
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.same_version(fx::REPLICA_REGION), Some(false));
    assert_eq!(pane.skew_of(fx::REPLICA_REGION).as_deref(), Some("-1d"));
    let stale = smtui_devstack::stale_version_id(NAME, fx::REPLICA_REGION);
    press(&mut app, KeyCode::Down);
    let screen = screen(&app.state);
    assert!(
        screen.contains(&format!("AWSCURRENT {stale}, not the primary's")),
        "the replica's own version: {screen}"
    );
    assert!(screen.contains("InProgress"), "{screen}");
    assert!(screen.contains("c compares the values"), "{screen}");
    check_values(&mut app).await;
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.same_value(fx::REPLICA_REGION), Some(Ok(false)));
    assert!(screen_has(&app.state, "differs from the primary"));

    assert!(proxy.heal_replica(NAME, fx::REPLICA_REGION));
    refresh(&mut app).await;
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.same_version(fx::REPLICA_REGION), Some(true));
    assert!(pane.checks.is_empty(), "a read again forgets the old check");
    check_values(&mut app).await;
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.same_value(fx::REPLICA_REGION), Some(Ok(true)));
    assert!(screen_has(&app.state, "same value as the primary"));
}

fn screen_has(state: &State, text: &str) -> bool {
    screen(state).contains(text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_key_and_a_failed_replication_are_shown_as_the_service_says() {
    const NAME: &str = "replication/live/drifted";
    const WHY: &str = "Access denied to KMS key alias/drifted in eu-west-1";
    replicated(NAME, "a value", &[fx::REPLICA_REGION]).await;
    let proxy = stack().await.proxy();
    proxy.drift_replica(
        NAME,
        fx::REPLICA_REGION,
        ReplicaDrift::KmsKey("alias/drifted".into()),
    );
    proxy.drift_replica(NAME, fx::REPLICA_REGION, ReplicaDrift::Failed(WHY.into()));
    let app = opened(NAME, Settings::default()).await;
    let pane = view(&app.state).expect("the pane");
    let Some(Source::Read(replica)) = pane.copies.get(fx::REPLICA_REGION) else {
        panic!("the replica read: {:?}", pane.copies);
    };
    assert_eq!(replica.kms_key_id.as_deref(), Some("alias/drifted"));
    let screen = screen(&app.state);
    assert!(
        screen.contains(&format!("eu-west-1: replication failed: {WHY}")),
        "{screen}"
    );
    assert!(screen.contains("alias/drifted"), "{screen}");
    assert!(proxy.heal_replica(NAME, fx::REPLICA_REGION));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_canary_value_compared_across_regions_reaches_no_screen_action_or_effect() {
    const NAME: &str = "replication/live/canary";
    const CANARY: &str = "CANARY-replication-7f3a9c-never-shown";
    replicated(NAME, CANARY, &[fx::REPLICA_REGION]).await;
    let mut app = opened(NAME, Settings::default()).await;
    check_values(&mut app).await;
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.same_value(fx::REPLICA_REGION), Some(Ok(true)));
    for (what, text) in [
        ("the screen", screen(&app.state)),
        ("the state's Debug", format!("{:?}", app.state)),
        ("every action and effect", app.journal.join("\n")),
    ] {
        assert!(!text.contains(CANARY), "the value in {what}");
        assert!(!text.contains("CANARY-"), "part of the value in {what}");
    }
}
