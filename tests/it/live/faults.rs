//! Faults, one integration test per kind, with the real SDK against the local stack: a
//! throttling burst, server errors, a dropped connection, a slow region, an expired token
//! in the middle of a session, a region that goes down and comes back, the emulator itself
//! killed and started again. Each time the app
//! keeps working, retries where AWS says to, says what is happening, and loses nothing the
//! user did (selection, filter).

use std::time::Duration;

use crate::common::live::LiveApp;
use smtui_core::app::{Action, Command, Settings, TextEdit};
use smtui_core::room::keys::Verb;
use smtui_devstack::{Failure, Stack, StackOptions, fixtures as fx};
use tokio::sync::{Mutex, OnceCell};

const WAIT: Duration = Duration::from_secs(30);

static STACK: OnceCell<Stack> = OnceCell::const_new();
/// Faults are injected per operation or region for the whole stack: one test at a time.
static ONE_FAULT_AT_A_TIME: Mutex<()> = Mutex::const_new(());

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

async fn app(regions: &[&str]) -> LiveApp {
    let regions: Vec<String> = regions.iter().map(|r| (*r).to_owned()).collect();
    LiveApp::start_with_regions(&stack().await.endpoint_url(), Settings::default(), &regions).await
}

fn type_filter(app: &mut LiveApp, text: &str) {
    app.cmd(Command::Verb(Verb::Filter));
    for c in text.chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
    app.cmd(Command::Verb(Verb::Select));
}

fn region_loaded(app: &LiveApp, region: &str) -> bool {
    region_loaded_in(&app.state, region)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttling_burst_is_retried_and_the_region_loads() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let proxy = stack().await.proxy();
    proxy.fail_answers(
        "ListSecrets",
        2,
        Failure::new(400, "ThrottlingException", "Rate exceeded"),
    );
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION])).await;
    app.wait_loaded().await;
    assert_eq!(
        proxy.failures_left("ListSecrets"),
        0,
        "both throttled answers were met"
    );
    assert!(
        region_loaded(&app, fx::PRIMARY_REGION),
        "{:?}",
        app.state.browse.regions
    );
    assert_eq!(
        app.state.browse.list.total(),
        fx::listed_count(fx::PRIMARY_REGION).expect("count") + fx::US_EAST_1_SCHEDULED_FOR_DELETION,
        "every page, once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let proxy = stack().await.proxy();
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION])).await;
    app.wait_loaded().await;
    proxy.fail_answers(
        "DescribeSecret",
        2,
        Failure::new(500, "InternalServiceError", "An internal error occurred"),
    );
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    assert_eq!(proxy.failures_left("DescribeSecret"), 0);
    assert!(
        app.state
            .selected_detail()
            .is_some_and(|d| d.result.is_ok()),
        "described after the retries"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_is_retried() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let proxy = stack().await.proxy();
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION])).await;
    app.wait_loaded().await;
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    proxy.drop_answers("GetSecretValue", 1);
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("revealed", WAIT, |s| s.reveal.value.is_some())
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_region_holds_neither_the_others_nor_the_keyboard() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let proxy = stack().await.proxy();
    proxy.set_delay("eu-west-1", Some(Duration::from_secs(3)));
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION, "eu-west-1"])).await;
    app.wait_for("the fast region", WAIT, |s| {
        s.browse
            .regions
            .iter()
            .any(|r| r.name == fx::PRIMARY_REGION && format!("{:?}", r.state).starts_with("Loaded"))
    })
    .await;
    assert!(
        app.state.browse.any_loading(),
        "the slow one is still loading"
    );
    // Typing goes on meanwhile, and what was typed survives the slow region's arrival.
    type_filter(&mut app, "gdpr");
    assert_eq!(app.state.browse.list.filter(), "gdpr");
    app.wait_loaded().await;
    proxy.set_delay("eu-west-1", None);
    assert_eq!(app.state.browse.list.filter(), "gdpr");
    assert_eq!(
        app.state.selected().map(|s| s.name.as_str()),
        Some(fx::EU_SECRET)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_said_and_nothing_is_lost() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let proxy = stack().await.proxy();
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION])).await;
    app.wait_loaded().await;
    type_filter(&mut app, "stripe");
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    let selected = app.state.selected().map(|s| s.arn.clone());
    proxy.fail_answers(
        "GetSecretValue",
        1,
        Failure::new(
            400,
            "ExpiredTokenException",
            "The security token included in the request is expired",
        ),
    );
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("the refusal", WAIT, |s| {
        s.status_text().contains("GetSecretValue")
    })
    .await;
    let status = app.state.status_text().to_owned();
    assert!(status.contains("expired credentials"), "{status}");
    assert!(app.state.reveal.value.is_none());
    assert_eq!(app.state.browse.list.filter(), "stripe", "the filter stays");
    assert_eq!(
        app.state.selected().map(|s| s.arn.clone()),
        selected,
        "so does the selection"
    );
    // Once the credentials are good again, the same key works.
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("revealed", WAIT, |s| s.reveal.value.is_some())
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_region_that_goes_down_and_comes_back() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let proxy = stack().await.proxy();
    proxy.set_unreachable("ap-southeast-2", true);
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION, "ap-southeast-2"])).await;
    app.wait_loaded().await;
    let down = app
        .state
        .browse
        .regions
        .iter()
        .find(|r| r.name == "ap-southeast-2")
        .map(|r| format!("{:?}", r.state))
        .unwrap_or_default();
    assert!(down.contains("Failed"), "said per region: {down}");
    assert!(
        region_loaded(&app, fx::PRIMARY_REGION),
        "the other region loaded"
    );
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    proxy.set_unreachable("ap-southeast-2", false);
    app.cmd(Command::Verb(Verb::Refresh));
    app.wait_loaded().await;
    assert!(
        region_loaded(&app, "ap-southeast-2"),
        "back after a refresh"
    );
    assert_eq!(
        app.state.selected().map(|s| s.name.as_str()),
        Some(fx::STRING_SECRET),
        "the selection survives the refresh"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_emulator_restarting() {
    let _alone = ONE_FAULT_AT_A_TIME.lock().await;
    let stack = stack().await;
    let mut app = Box::pin(app(&[fx::PRIMARY_REGION])).await;
    app.wait_loaded().await;
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    let filter = app.state.browse.list.filter().to_owned();

    // Gone (killed, as a crash would): a refresh fails, says so, and keeps what is shown.
    stack.stop_emulator();
    app.cmd(Command::Verb(Verb::Refresh));
    app.wait_for("the region to fail", WAIT, |s| {
        !region_loaded_in(s, fx::PRIMARY_REGION) && !s.browse.any_loading()
    })
    .await;
    let status = app.state.status_text().to_owned();
    assert!(
        status.contains("ListSecrets") && status.contains(fx::PRIMARY_REGION),
        "the failure is said: {status}"
    );
    assert_eq!(app.state.browse.list.filter(), filter, "the filter stays");
    assert_eq!(
        app.state.selected().map(|s| s.name.as_str()),
        Some(fx::STRING_SECRET),
        "the rows and the selection stay"
    );

    // Back (empty, seeded again: the same names under new ARNs): the next refresh lists
    // again, under the same filter, on the same secret, and reading it works.
    stack.start_emulator().await.expect("the emulator restarts");
    app.cmd(Command::Verb(Verb::Refresh));
    app.wait_loaded().await;
    assert!(region_loaded(&app, fx::PRIMARY_REGION), "listed again");
    assert_eq!(app.state.browse.list.filter(), filter);
    assert_eq!(
        app.state.selected().map(|s| s.name.as_str()),
        Some(fx::STRING_SECRET)
    );
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("revealed", WAIT, |s| s.reveal.value.is_some())
        .await;
}

fn region_loaded_in(state: &smtui_core::app::State, region: &str) -> bool {
    state
        .browse
        .regions
        .iter()
        .any(|r| r.name == region && format!("{:?}", r.state).starts_with("Loaded"))
}
