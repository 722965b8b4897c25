//! The app core with the real AWS SDK against the local stack (moto + recording proxy):
//! listing, pagination, failure isolation, reveal, versions, copy and timed clear.

use crate::common;
use smtui_core::room::keys::Verb;

use std::time::Duration;

use crate::common::live::{LiveApp, seeded_stack};
use smtui_aws::ErrorKind;
use smtui_core::app::{Command, Settings};
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::features::browse::RegionState;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::features::reveal::Shown;
use smtui_core::features::versions::{self, Command as VersionsCommand};
use smtui_core::secret::ValueView;
use smtui_devstack::fixtures as fx;

const WAIT: Duration = Duration::from_secs(30);

fn listed_with_deleted(region: &str) -> usize {
    let (_, created, _, replicas) = fx::REGION_PLAN
        .iter()
        .find(|(r, ..)| *r == region)
        .copied()
        .expect("seeded region");
    created + replicas
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_every_region_page_by_page() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    let mut saw_partial_page = false;
    app.wait_for("every region loaded", Duration::from_mins(1), |s| {
        saw_partial_page |= matches!(
            s.browse.regions[0].state,
            RegionState::Loading { so_far: 100 }
        );
        s.browse
            .regions
            .iter()
            .all(|r| matches!(r.state, RegionState::Loaded { .. }))
    })
    .await;
    assert!(
        saw_partial_page,
        "the first 100 of us-east-1 showed before the second page arrived"
    );
    for region in &app.state.browse.regions {
        assert_eq!(
            region.state,
            RegionState::Loaded {
                count: listed_with_deleted(&region.name)
            },
            "{}",
            region.name
        );
    }
    let expected: usize = fx::REGIONS.iter().map(|r| listed_with_deleted(r)).sum();
    assert_eq!(app.state.browse.list.total(), expected);
    let hidden = fx::REGION_PLAN
        .iter()
        .map(|(_, _, deleted, _)| deleted)
        .sum::<usize>();
    assert_eq!(
        app.state.browse.list.len(),
        expected - hidden,
        "scheduled-for-deletion rows hidden by default"
    );
    app.cmd(Command::Browse(BrowseCommand::ToggleDeleted));
    assert_eq!(app.state.browse.list.len(), expected);

    // The detail pane gets DescribeSecret + ListSecretVersionIds once the selection rests.
    app.select(fx::REPLICATED_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    let detail = app
        .state
        .selected_detail()
        .and_then(|d| d.result.clone().ok())
        .expect("detail loads");
    assert!(
        detail
            .replicas
            .iter()
            .any(|r| r.region == fx::REPLICA_REGION),
        "{:?}",
        detail.replicas
    );
    assert!(!detail.versions.is_empty());
    assert!(
        app.journal
            .iter()
            .all(|line| !line.contains("GetSecretValue")),
        "browsing never fetches values"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_region_and_a_slow_region_hide_nothing_else() {
    let stack = seeded_stack().await;
    stack.proxy().set_unreachable("eu-west-1", true);
    stack
        .proxy()
        .set_delay("ap-southeast-2", Some(Duration::from_secs(3)));
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_for("us-east-1 loaded", WAIT, |s| {
        matches!(s.browse.regions[0].state, RegionState::Loaded { .. })
    })
    .await;
    assert!(
        matches!(
            app.state.browse.regions[2].state,
            RegionState::Loading { .. }
        ),
        "the slow region is still loading while the others show"
    );
    app.wait_loaded().await;
    let RegionState::Failed(error) = &app.state.browse.regions[1].state else {
        panic!(
            "eu-west-1 should fail: {:?}",
            app.state.browse.regions[1].state
        )
    };
    assert_eq!(error.kind, ErrorKind::Network);
    assert_eq!(
        (error.operation, error.region.as_str()),
        ("ListSecrets", "eu-west-1")
    );
    assert!(matches!(
        app.state.browse.regions[2].state,
        RegionState::Loaded { .. }
    ));
    let screen = {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        terminal
            .draw(|f| smtui_core::render::render(f, &app.state, &smtui_core::kit::Theme::default()))
            .expect("draw");
        common::screen_text(terminal.backend().buffer())
    };
    assert!(screen.contains("eu-west-1 ✗ network"), "{screen}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reveals_string_json_and_binary_values() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;

    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("string value", WAIT, |s| s.reveal.value.is_some())
        .await;
    let pane = app.state.reveal.value.as_ref().expect("pane");
    assert!(
        matches!(&pane.value.view, ValueView::Text(t) if t.expose_str() == Some(fx::STRING_SECRET_VALUE))
    );
    assert_eq!(pane.shown, Shown::All);

    app.select(fx::JSON_SECRET, fx::PRIMARY_REGION);
    assert!(app.state.reveal.value.is_none(), "moving masks");
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("json value", WAIT, |s| s.reveal.value.is_some())
        .await;
    let pane = app.state.reveal.value.as_ref().expect("pane");
    let ValueView::Json { entries, .. } = &pane.value.view else {
        panic!("JSON view")
    };
    let keys: Vec<_> = entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        ["username", "password", "host", "port", "dbname", "engine"]
    );
    assert_eq!(entries[1].value.expose_str(), Some("Vx7#pQ2m!Lr9zT4wK8sN"));
    assert_eq!(
        pane.shown,
        Shown::Keys(std::collections::BTreeSet::default()),
        "JSON values start masked"
    );

    app.select(fx::BINARY_SECRET, fx::PRIMARY_REGION);
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("binary value", WAIT, |s| s.reveal.value.is_some())
        .await;
    let pane = app.state.reveal.value.as_ref().expect("pane");
    assert!(
        matches!(&pane.value.view, ValueView::Binary { bytes, .. } if bytes.expose() == fx::BINARY_SECRET_BYTES)
    );

    app.select(fx::EU_SECRET, "eu-west-1");
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("eu value", WAIT, |s| s.reveal.value.is_some())
        .await;
    let pane = app.state.reveal.value.as_ref().expect("pane");
    assert!(
        matches!(&pane.value.view, ValueView::Text(t) if t.expose_str() == Some(fx::EU_SECRET_VALUE))
    );

    // smtui's own reads are recognisable in CloudTrail: its user agent names the app.
    let events = aws_sdk_cloudtrail::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .lookup_events()
        .lookup_attributes(
            aws_sdk_cloudtrail::types::LookupAttribute::builder()
                .attribute_key(aws_sdk_cloudtrail::types::LookupAttributeKey::EventName)
                .attribute_value("GetSecretValue")
                .build()
                .expect("attribute"),
        )
        .send()
        .await
        .expect("LookupEvents");
    let agents: Vec<String> = events
        .events()
        .iter()
        .filter_map(|e| e.cloud_trail_event())
        .filter_map(|raw| serde_json::from_str::<serde_json::Value>(raw).ok())
        .filter_map(|event| event["userAgent"].as_str().map(str::to_owned))
        .collect();
    assert!(
        !agents.is_empty() && agents.iter().all(|a| a.contains("app/smtui")),
        "every GetSecretValue came from smtui and says so: {agents:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn picks_previous_pending_and_unlabelled_versions() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;

    for (secret, label, expected) in [
        (
            fx::VERSIONED_SECRET,
            "AWSPREVIOUS",
            fx::VERSIONED_SECRET_PREVIOUS,
        ),
        (fx::PENDING_SECRET, "AWSPENDING", fx::PENDING_SECRET_PENDING),
        (
            fx::VERSIONED_SECRET,
            "(no label)",
            fx::VERSIONED_SECRET_OLDEST,
        ),
    ] {
        app.select(secret, fx::PRIMARY_REGION);
        app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
            .await;
        app.cmd(Command::Versions(VersionsCommand::Pick));
        let Some(picker) = app.state.layers.popup::<versions::Picker>() else {
            panic!("version picker opens")
        };
        let index = picker
            .choices
            .iter()
            .position(|c| smtui_core::features::versions::view::label(c).contains(label))
            .expect("version offered");
        app.cmd(Command::Verb(Verb::Top));
        for _ in 0..index {
            app.cmd(Command::Verb(Verb::Down));
        }
        app.cmd(Command::Verb(Verb::Select));
        app.cmd(Command::Verb(Verb::Reveal));
        app.wait_for("version value", WAIT, |s| s.reveal.value.is_some())
            .await;
        let pane = app.state.reveal.value.as_ref().expect("pane");
        assert!(
            matches!(&pane.value.view, ValueView::Text(t) if t.expose_str() == Some(expected)),
            "{secret} {label}"
        );
        app.cmd(Command::Verb(Verb::Back));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_clears_after_the_timeout_only_if_still_ours() {
    let stack = seeded_stack().await;
    let settings = Settings {
        clipboard_timeout: Duration::from_secs(1),
        ..Settings::default()
    };
    let mut app = LiveApp::start(&stack.endpoint_url(), settings).await;
    app.wait_loaded().await;

    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    app.cmd(Command::Value(RevealCommand::CopyValue));
    app.wait_for("copied", WAIT, |s| s.clipboard.notice.is_some())
        .await;
    assert_eq!(
        app.clipboard.contents().as_deref().map(String::as_str),
        Some(fx::STRING_SECRET_VALUE)
    );
    assert!(app.state.reveal.value.is_none(), "copy does not reveal");
    let status = app.state.status_text();
    assert!(
        status.starts_with("Copied") && !status.contains(fx::STRING_SECRET_VALUE),
        "{status}"
    );
    assert!(
        app.state
            .clipboard
            .notice
            .as_ref()
            .is_some_and(|n| n.clears_at.is_some())
    );
    app.wait_for("cleared", WAIT, |s| s.clipboard.notice.is_none())
        .await;
    assert!(
        app.clipboard.contents().is_none(),
        "cleared after the timeout"
    );

    // The user copies something else meanwhile: it is left alone.
    app.cmd(Command::Value(RevealCommand::CopyValue));
    app.wait_for("copied again", WAIT, |s| s.clipboard.notice.is_some())
        .await;
    app.clipboard
        .0
        .lock()
        .expect("lock")
        .replace(zeroize::Zeroizing::new("user text".to_owned()));
    app.wait_for("clear attempted", WAIT, |s| s.clipboard.notice.is_none())
        .await;
    assert_eq!(
        app.clipboard.contents().as_deref().map(String::as_str),
        Some("user text")
    );

    // One JSON key, and the whole value of a binary secret as base64; exit clears.
    app.select(fx::JSON_SECRET, fx::PRIMARY_REGION);
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("json", WAIT, |s| s.reveal.value.is_some())
        .await;
    app.cmd(Command::Verb(Verb::Down));
    app.cmd(Command::Value(RevealCommand::CopyValue));
    app.wait_for("key copied", WAIT, |s| s.clipboard.notice.is_some())
        .await;
    assert_eq!(
        app.clipboard.contents().as_deref().map(String::as_str),
        Some("Vx7#pQ2m!Lr9zT4wK8sN")
    );
    app.shutdown();
    assert!(
        app.clipboard.contents().is_none(),
        "exit clears a copied secret"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_are_classified_per_region_and_shown() {
    let options = smtui_devstack::StackOptions {
        seed: false,
        enforce_iam_auth: true,
        ..smtui_devstack::StackOptions::default()
    };
    let stack = smtui_devstack::Stack::start(options).await.expect("stack");
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    for region in &app.state.browse.regions {
        let RegionState::Failed(error) = &region.state else {
            panic!("{} should be refused: {:?}", region.name, region.state)
        };
        assert_eq!(error.kind, ErrorKind::AccessDenied, "{error}");
        assert_eq!(
            error.code.as_deref(),
            Some("InvalidClientTokenId"),
            "the SDK saw the code: {error}"
        );
        assert_eq!(
            (error.operation, error.region.as_str()),
            ("ListSecrets", region.name.as_str())
        );
    }
    let footer = app.state.status_text();
    assert!(
        footer.contains("failed: access denied (InvalidClientTokenId)"),
        "{footer}"
    );
    app.wait_for("identity", WAIT, |s| s.session.caller().is_some())
        .await;
    let Some(Err(identity)) = app.state.session.caller() else {
        panic!("identity refused too")
    };
    assert_eq!(
        identity.kind,
        ErrorKind::AccessDenied,
        "STS errors are classified too: {identity}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_who_may_only_describe_sees_labelled_versions_and_why_reveal_fails() {
    let (_stack, user, mut app) = Box::pin(common::live::auditor_app()).await;
    let detail = app.state.selected_detail().expect("detail");
    let detail = detail.result.as_ref().expect("DescribeSecret is allowed");
    assert!(
        detail.versions.iter().any(|v| v.stages == ["AWSCURRENT"]),
        "the labelled version, from DescribeSecret: {:?}",
        detail.versions
    );
    let why = detail.versions_error.as_deref().unwrap_or_default();
    assert!(
        why.starts_with("ListSecretVersionIds in us-east-1 failed: access denied"),
        "{why}"
    );

    app.wait_for("identity", WAIT, |s| s.session.caller().is_some())
        .await;
    app.cmd(Command::Verb(Verb::Reveal));
    app.wait_for("the refusal", WAIT, |s| {
        s.status_text().contains("GetSecretValue")
    })
    .await;
    let footer = app.state.status_text();
    assert!(
        footer.contains("GetSecretValue in us-east-1 failed: access denied")
            && footer.contains(&user.arn),
        "which call, where, why and as whom: {footer}"
    );
    assert!(app.state.reveal.value.is_none());
}
