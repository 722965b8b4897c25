//! The audit pane with the real SDK against the local stack: a read by an assumed role is
//! found with its principal (shown though its user agent says smtui) and smtui's own reads,
//! known by the caller identity's ARN, are left out until counted; more than 50 events page;
//! the CloudTrail lane never sends more than 2 lookups a second per region (proved from the
//! proxy's arrival times: a lookup logged late is allowed for, one logged early never); a
//! denied read shows as denied with its code (IAM auth on); a read with smtui's session ARN
//! and user agent but another access key shows.

use crate::common;
use smtui_core::room::keys::Verb;

use std::time::Duration;

use crate::common::live::LiveApp;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smtui_core::app::input::key_to_action;
use smtui_core::app::{Action, Command, IdentityId, Settings, TextEdit};
use smtui_core::features::audit::AuditView;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::room::layers::Layer;
use smtui_devstack::{Stack, StackOptions, fixtures as fx};
use tokio::sync::OnceCell;

const WAIT: Duration = Duration::from_secs(30);

static STACK: OnceCell<Stack> = OnceCell::const_new();

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

fn press(app: &mut LiveApp, code: KeyCode) {
    if let Some(action) = key_to_action(&app.state, KeyEvent::new(code, KeyModifiers::NONE)) {
        app.dispatch(action);
    }
}

async fn app_on(endpoint: &str, name: &str) -> LiveApp {
    let regions = vec![fx::PRIMARY_REGION.to_owned()];
    let mut app = LiveApp::start_with_regions(endpoint, Settings::default(), &regions).await;
    app.wait_loaded().await;
    app.select(name, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    app
}

/// Opens the audit pane and waits for every lookup to be answered.
async fn audit(app: &mut LiveApp) {
    press(app, KeyCode::Char('A'));
    assert_eq!(app.state.layers.top(), Layer::Audit);
    app.wait_for("the events", WAIT, |s| {
        s.layers.popup::<AuditView>().is_some_and(|v| !v.loading())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_by_an_assumed_role_is_found_and_smtuis_own_reads_can_be_counted() {
    let stack = stack().await;
    let sts = aws_sdk_sts::Client::new(&stack.sdk_config(fx::PRIMARY_REGION));
    let assumed = sts
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/payments-deploy")
        .role_session_name("ci-run-77")
        .send()
        .await
        .expect("AssumeRole");
    let creds = assumed.credentials().expect("credentials");
    let as_role =
        aws_sdk_secretsmanager::config::Builder::from(&stack.sdk_config(fx::PRIMARY_REGION))
            .credentials_provider(aws_sdk_secretsmanager::config::Credentials::new(
                creds.access_key_id(),
                creds.secret_access_key(),
                Some(creds.session_token().to_owned()),
                None,
                "assumed",
            ))
            // Anyone can say smtui in their user agent: that alone must not hide the read.
            .app_name(aws_sdk_secretsmanager::config::AppName::new("smtui").expect("app name"))
            .build();
    aws_sdk_secretsmanager::Client::from_conf(as_role)
        .get_secret_value()
        .secret_id(fx::JSON_SECRET)
        .send()
        .await
        .expect("GetSecretValue as the role");

    let mut app = Box::pin(app_on(&stack.endpoint_url(), fx::JSON_SECRET)).await;
    // A read as the start identity: its own, left out while smtui works as it (the record
    // names who GetCallerIdentity says the stack's keys are, as on AWS)...
    reveal_and_mask(&mut app).await;
    audit(&mut app).await;
    let view = app.state.layers.popup::<AuditView>().expect("open");
    let start = view.me.arn.clone().expect("GetCallerIdentity answered");
    assert!(!view.me.access_keys.is_empty(), "the lookups' key is known");
    assert!(
        view.events
            .iter()
            .any(|e| e.name == "GetSecretValue" && e.own_read(&view.me)),
        "the start identity's own read is recognised ({start}): {:?}",
        view.events
    );
    assert!(view.rows().all(|e| !e.own_read(&view.me)), "and left out");
    press(&mut app, KeyCode::Esc);
    // ...and someone else's once smtui works as the role below.
    // smtui works as a role, so its reads are recorded under the session ARN that
    // GetCallerIdentity also gives (both come from the one AssumeRole answer).
    work_as_role(&mut app, "arn:aws:iam::123456789012:role/payments-reader").await;
    app.select(fx::JSON_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    reveal_and_mask(&mut app).await;
    audit(&mut app).await;
    let view = app.state.layers.popup::<AuditView>().expect("open");
    let me = view.me.arn.clone().expect("GetCallerIdentity answered");
    assert!(me.contains(":assumed-role/payments-reader/"), "{me}");
    let read = view
        .rows()
        .find(|e| {
            e.name == "GetSecretValue" && e.principal.label == "role/payments-deploy (ci-run-77)"
        })
        .unwrap_or_else(|| panic!("the role's read: {:?}", view.events));
    assert!(read.error_code.is_none());
    assert!(
        read.by_smtui,
        "shown, though its client said smtui: {read:?}"
    );
    assert!(
        view.rows()
            .any(|e| e.name == "GetSecretValue" && e.by_smtui && e.principal.label == "user/moto"),
        "the start identity's read through smtui is not ours now: {:?}",
        view.events
    );
    let us = view.me.clone();
    let own_read = |e: &smtui_core::model::audit::AuditEvent| e.own_read(&us);
    assert!(
        view.rows().all(|e| !own_read(e)),
        "smtui's own reads are left out at first"
    );
    let own = view
        .events
        .iter()
        .filter(|e| own_read(e) && e.name == "GetSecretValue")
        .count();
    assert!(
        own >= 1,
        "smtui's reveal is recorded as ours: through smtui, reading, by {me} with its key: {:?}",
        view.events
    );
    let before = view.row_count();
    press(&mut app, KeyCode::Char('m'));
    let view = app.state.layers.popup::<AuditView>().expect("open");
    assert_eq!(
        view.row_count(),
        before + view.events.iter().filter(|e| own_read(e)).count()
    );
}

/// Anyone allowed to assume smtui's role can pick smtui's (predictable) session name and say
/// smtui in their user agent: the record then has smtui's session ARN and user agent, and
/// only the access key differs. Their read shows; smtui's own, signed with the key smtui's
/// lookups are signed with, stays hidden.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_as_our_role_session_with_another_key_shows_and_ours_stays_hidden() {
    let stack = stack().await;
    let secret = fx::STRING_SECRET;
    let mut app = Box::pin(app_on(&stack.endpoint_url(), secret)).await;
    work_as_role(&mut app, "arn:aws:iam::123456789012:role/payments-reader").await;
    let me = match app.state.session.caller() {
        Some(Ok(me)) => me.arn.clone(),
        other => panic!("GetCallerIdentity as the role: {other:?}"),
    };
    let session = me.last_segment().to_owned();
    let sts = aws_sdk_sts::Client::new(&stack.sdk_config(fx::PRIMARY_REGION));
    let twin = sts
        .assume_role()
        .role_arn("arn:aws:iam::123456789012:role/payments-reader")
        .role_session_name(&session)
        .send()
        .await
        .expect("AssumeRole with smtui's session name");
    let creds = twin.credentials().expect("credentials");
    let twin_key = creds.access_key_id().to_owned();
    let as_twin =
        aws_sdk_secretsmanager::config::Builder::from(&stack.sdk_config(fx::PRIMARY_REGION))
            .credentials_provider(aws_sdk_secretsmanager::config::Credentials::new(
                creds.access_key_id(),
                creds.secret_access_key(),
                Some(creds.session_token().to_owned()),
                None,
                "twin",
            ))
            .app_name(aws_sdk_secretsmanager::config::AppName::new("smtui").expect("app name"))
            .build();
    aws_sdk_secretsmanager::Client::from_conf(as_twin)
        .get_secret_value()
        .secret_id(secret)
        .send()
        .await
        .expect("GetSecretValue as the twin session");

    app.select(secret, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    reveal_and_mask(&mut app).await;
    audit(&mut app).await;
    let view = app.state.layers.popup::<AuditView>().expect("open");
    let reads: Vec<_> = view
        .events
        .iter()
        .filter(|e| e.name == "GetSecretValue" && e.principal.arn.as_deref() == Some(me.as_str()))
        .collect();
    let twin_read = reads
        .iter()
        .find(|e| e.principal.access_key_id.as_deref() == Some(twin_key.as_str()))
        .unwrap_or_else(|| panic!("the twin's read, recorded with its key: {reads:?}"));
    assert!(
        twin_read.by_smtui,
        "its user agent says smtui: {twin_read:?}"
    );
    assert!(
        view.rows().any(|e| e.id == twin_read.id),
        "the twin's read shows, though its ARN and user agent are smtui's"
    );
    let ours = reads
        .iter()
        .find(|e| e.principal.access_key_id.as_deref() != Some(twin_key.as_str()))
        .unwrap_or_else(|| panic!("smtui's own read: {reads:?}"));
    assert!(
        ours.principal
            .access_key_id
            .as_ref()
            .is_some_and(|key| view.me.access_keys.contains(key)),
        "smtui's read was signed with the key its lookups were: {ours:?} {:?}",
        view.me
    );
    assert!(
        view.rows().all(|e| e.id != ours.id),
        "smtui's own read stays hidden"
    );
}

async fn reveal_and_mask(app: &mut LiveApp) {
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("revealed", WAIT, |s| s.reveal.value.is_some())
        .await;
    app.cmd(Command::Verb(Verb::Reveal));
}

/// Switches to `role` through the role switcher (its session `smtui-<user>`), and waits
/// for the list and GetCallerIdentity as the role.
async fn work_as_role(app: &mut LiveApp, role: &str) {
    app.cmd(Command::Session(SessionCommand::Switch));
    app.cmd(Command::Verb(Verb::Select));
    for c in role.chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
    app.cmd(Command::Verb(Verb::Select));
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the switch", WAIT, |s| {
        s.session.identity != IdentityId::START
    })
    .await;
    app.wait_loaded().await;
    app.wait_for("who we are now", WAIT, |s| {
        s.session.caller().is_some_and(Result::is_ok)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_fifty_events_page_as_the_user_scrolls() {
    let stack = stack().await;
    let name = "test/audit/busy";
    let client = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION));
    client
        .create_secret()
        .name(name)
        .secret_string("x")
        .send()
        .await
        .expect("CreateSecret");
    for _ in 0..60 {
        client
            .describe_secret()
            .secret_id(name)
            .send()
            .await
            .expect("DescribeSecret");
    }
    let mut app = Box::pin(app_on(&stack.endpoint_url(), name)).await;
    audit(&mut app).await;
    for _ in 0..80 {
        press(&mut app, KeyCode::Char('j'));
        app.wait_for("the page", WAIT, |s| {
            s.layers.popup::<AuditView>().is_some_and(|v| !v.loading())
        })
        .await;
    }
    let view = app.state.layers.popup::<AuditView>().expect("open");
    let describes = view
        .events
        .iter()
        .filter(|e| e.name == "DescribeSecret" && !e.by_smtui)
        .count();
    assert_eq!(describes, 60, "every call, each once");
    let mut ids: Vec<&str> = view.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), view.events.len(), "no event twice");
    assert!(
        view.streams.iter().any(|s| s.pages >= 2),
        "more than one page was read"
    );
}

/// In ap-southeast-2, which no other test here looks up (each test runs its own app, so
/// its own lanes): a burst of lookups, all in one region, from one app.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lane_never_sends_more_than_two_lookups_a_second_per_region() {
    let stack = stack().await;
    let region = "ap-southeast-2";
    let client = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(region));
    // Enough of the region's events for the scan to read nearly its whole budget of ten
    // pages: a long burst, over which any lane faster than the limit falls measurably behind.
    for _ in 0..440 {
        client
            .describe_secret()
            .secret_id(fx::AP_SECRET)
            .send()
            .await
            .expect("DescribeSecret");
    }
    let regions = vec![region.to_owned()];
    let mut app =
        LiveApp::start_with_regions(&stack.endpoint_url(), Settings::default(), &regions).await;
    app.wait_loaded().await;
    app.select(fx::AP_SECRET, region);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    let start = std::time::Instant::now();
    audit(&mut app).await;
    let times: Vec<std::time::Instant> = stack
        .proxy()
        .lookup_times()
        .into_iter()
        .filter(|(at, r)| *at >= start && r == region)
        .map(|(at, _)| at)
        .collect();
    // The resource's own lookup and the scan's ten pages: ten intervals, which the
    // sensitivity of `assert_spaced_by_the_lane` is counted on.
    assert!(
        times.len() >= 11,
        "a burst of lookups was made: {}",
        times.len()
    );
    assert_spaced_by_the_lane(&times);
}

/// CloudTrail's LookupEvents limit, 2 a second per region.
const LANE_INTERVAL: Duration = Duration::from_millis(500);
/// How late the proxy may log a lookup after the lane let it go: a few scheduling delays
/// of a shared 2-core machine running builds beside the test (up to about 100 ms seen with
/// three busy loops and other builds beside it), with room to spare.
const LATE_BY_AT_MOST: Duration = Duration::from_millis(200);
/// The same for the region's first lookup, which after the lane let it go also builds the
/// region's CloudTrail client and opens its connection (about 210 ms seen on a machine
/// loaded as above); the lookups after it reuse both.
const FIRST_LATE_BY_AT_MOST: Duration = Duration::from_millis(400);

fn assert_spaced_by_the_lane(times: &[std::time::Instant]) {
    let gaps: Vec<Duration> = times
        .windows(2)
        .map(|w| w[1].duration_since(w[0]))
        .collect();
    eprintln!("{} lookups, gaps {gaps:?}", times.len());
    if let Some(faster) = faster_than_the_lane(times) {
        panic!("{faster}: more than 2 a second (gaps {gaps:?})");
    }
}

/// The lane releases a region's lookups at least [`LANE_INTERVAL`] apart (2 a second). The
/// proxy logs each one after its release, never before: the runner's task wakes, the SDK
/// signs and sends, the proxy's task reads it, each late by however busy the machine is.
/// So for any two logged lookups `i < j`, the `j - i + 1` lookups logged between them were
/// released at least `(j - i) * LANE_INTERVAL` apart, and only the earliest one's lateness
/// can shorten what the log shows: `times[j] - times[i] >= (j - i) * LANE_INTERVAL -
/// LATE_BY_AT_MOST` ([`FIRST_LATE_BY_AT_MOST`] when `i` is the first). The tolerance is
/// taken once per pair, never per interval, so a lane that sends even a little faster than
/// the limit falls further behind with every lookup and fails over the burst: from the
/// second lookup to the eleventh, anything above 2.1 a second; and three lookups within
/// 800 ms fail on their own (600 ms from the first). The first pair that breaks this, if
/// any.
fn faster_than_the_lane(times: &[std::time::Instant]) -> Option<String> {
    for i in 0..times.len() {
        for j in i + 1..times.len() {
            let span = times[j].duration_since(times[i]);
            let intervals = u32::try_from(j - i).expect("a few lookups");
            let late = if i == 0 {
                FIRST_LATE_BY_AT_MOST
            } else {
                LATE_BY_AT_MOST
            };
            let least = (LANE_INTERVAL * intervals).saturating_sub(late);
            if span < least {
                return Some(format!(
                    "lookups {i} to {j} within {span:?}, less than {intervals} intervals of \
                     {LANE_INTERVAL:?} less {late:?}"
                ));
            }
        }
    }
    None
}

/// The check itself, on made-up logs: a lookup logged late passes, a lane a little too fast
/// or three lookups close together do not.
#[test]
fn the_spacing_check_allows_late_logging_and_catches_a_lane_a_little_too_fast() {
    let start = std::time::Instant::now();
    let log = |offsets_ms: &[u64]| -> Vec<std::time::Instant> {
        offsets_ms
            .iter()
            .map(|ms| start + Duration::from_millis(*ms))
            .collect()
    };
    let on_time: Vec<u64> = (0..11).map(|i| i * 500).collect();
    assert_eq!(faster_than_the_lane(&log(&on_time)), None);
    let mut first_late = on_time.clone();
    first_late[0] += 390;
    assert_eq!(
        faster_than_the_lane(&log(&first_late)),
        None,
        "late is fine"
    );
    let mut one_late = on_time.clone();
    one_late[5] += 190;
    assert_eq!(faster_than_the_lane(&log(&one_late)), None, "anywhere");
    let a_little_fast: Vec<u64> = (0..11).map(|i| i * 475).collect();
    assert!(
        faster_than_the_lane(&log(&a_little_fast)).is_some(),
        "2.1 a second"
    );
    let mut three_close = on_time.clone();
    three_close[6] = three_close[4] + 790;
    three_close[5] = three_close[4] + 400;
    assert!(
        faster_than_the_lane(&log(&three_close)).is_some(),
        "3 in 790 ms"
    );
    let mut three_close_first = on_time.clone();
    three_close_first[0] = 410;
    three_close_first[1] = 700;
    assert!(
        faster_than_the_lane(&log(&three_close_first)).is_some(),
        "3 in 590 ms, from the first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_read_shows_as_denied_with_its_code() {
    let (_stack, _user, mut app) = Box::pin(common::live::auditor_app()).await;
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("the refusal", WAIT, |s| {
        s.status_text().contains("GetSecretValue")
    })
    .await;
    audit(&mut app).await;
    press(&mut app, KeyCode::Char('m'));
    let view = app.state.layers.popup::<AuditView>().expect("open");
    let denied = view
        .rows()
        .find(|e| e.name == "GetSecretValue")
        .unwrap_or_else(|| panic!("the denied read: {:?}", view.events));
    assert!(denied.denied(), "{denied:?}");
    assert_eq!(
        denied.error_code.as_deref(),
        Some("AccessDenied"),
        "as CloudTrail records it"
    );
}
