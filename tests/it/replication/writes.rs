//! The replication pane's writes with the real SDK against the local stack, each on a
//! secret made here: replicating to another region (read back through the SDK, and the pane
//! reads again), removing a replica (its name typed), stopping a replica's replication
//! (moto 5.2.5 has no StopReplicationToReplica: the local stack's proxy answers it), a
//! same-named standalone secret in another region flagged as promoted, and read-only mode.

use crossterm::event::KeyCode;
use smtui_core::app::Settings;
use smtui_core::features::replication::Role;
use smtui_devstack::fixtures as fx;

use super::live::{WAIT, client, opened, press, replicated, settled, type_text, view};

const OTHER_REGION: &str = "ap-southeast-2";

async fn replica_regions(name: &str) -> Vec<String> {
    client()
        .await
        .describe_secret()
        .secret_id(name)
        .send()
        .await
        .expect("DescribeSecret")
        .replication_status()
        .iter()
        .filter_map(|s| s.region().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicate_to_region_adds_a_replica_and_the_pane_reads_it() {
    const NAME: &str = "replication/live/to-region";
    replicated(NAME, "a value", &[]).await;
    let mut app = opened(NAME, Settings::default()).await;
    assert!(super::live::screen(&app.state).contains("Not replicated"));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, OTHER_REGION);
    press(&mut app, KeyCode::Enter);
    // No key typed: the AWS managed key there.
    press(&mut app, KeyCode::Enter);
    let question = crate::common::confirm_question(&app.state);
    assert!(question.contains("the AWS managed key"), "{question}");
    press(&mut app, KeyCode::Char('y'));
    app.wait_for("the replica in the pane", WAIT, |s| {
        settled(s) && view(s).is_some_and(|v| v.role(OTHER_REGION) == Role::Replica)
    })
    .await;
    assert_eq!(replica_regions(NAME).await, [OTHER_REGION]);
    assert!(
        app.state
            .status_text()
            .contains("replication to ap-southeast-2 started")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remove_replica_wants_the_name_typed_then_the_replica_is_gone() {
    const NAME: &str = "replication/live/remove";
    replicated(NAME, "a value", &[fx::REPLICA_REGION]).await;
    let mut app = opened(NAME, Settings::default()).await;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('X'));
    assert!(crate::common::confirm_question(&app.state).contains("deleted at once"));
    type_text(&mut app, NAME);
    press(&mut app, KeyCode::Enter);
    app.wait_for("the replica gone from the pane", WAIT, |s| {
        settled(s) && view(s).is_some_and(|v| v.rows == [fx::PRIMARY_REGION])
    })
    .await;
    assert!(replica_regions(NAME).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_replication_makes_the_replica_standalone_and_the_pane_flags_it() {
    const NAME: &str = "replication/live/stop";
    replicated(NAME, "a value", &[fx::REPLICA_REGION]).await;
    let mut app = opened(NAME, Settings::default()).await;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    assert!(crate::common::confirm_question(&app.state).contains("standalone secret"));
    press(&mut app, KeyCode::Char('y'));
    // Sent to the replica's own region (the proxy answers it: moto 5.2.5 has no such
    // action), then every region read again.
    app.wait_for("the former replica flagged", WAIT, |s| {
        settled(s) && view(s).is_some_and(|v| v.role(fx::REPLICA_REGION) == Role::Promoted)
    })
    .await;
    let status = app.state.status_text();
    assert!(
        status.contains("replication stopped; it is a standalone secret now"),
        "{status}"
    );
    assert!(replica_regions(NAME).await.is_empty());
    // The proxy's log names the secret of the write (what the read-only test looks for).
    let stopped = super::live::stack()
        .await
        .proxy()
        .recorded_events()
        .into_iter()
        .any(|e| {
            e.event_name == "StopReplicationToReplica" && e.secret_name.as_deref() == Some(NAME)
        });
    assert!(stopped, "the write in the proxy's log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_same_named_standalone_secret_in_another_region_is_flagged_promoted() {
    const NAME: &str = "replication/live/promoted";
    replicated(NAME, "a value", &[fx::REPLICA_REGION]).await;
    aws_sdk_secretsmanager::Client::new(&super::live::stack().await.sdk_config(OTHER_REGION))
        .create_secret()
        .name(NAME)
        .secret_string("its own value")
        .send()
        .await
        .expect("CreateSecret elsewhere");
    let app = opened(NAME, Settings::default()).await;
    let pane = view(&app.state).expect("the pane");
    assert_eq!(pane.role(fx::REPLICA_REGION), Role::Replica);
    assert_eq!(pane.role(OTHER_REGION), Role::Promoted);
    let screen = super::live::screen(&app.state);
    assert!(
        screen.contains("ap-southeast-2: promoted away from its primary (standalone now)"),
        "{screen}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_mode_sends_no_replication_write() {
    const NAME: &str = "replication/live/read-only";
    replicated(NAME, "a value", &[fx::REPLICA_REGION]).await;
    let settings = Settings {
        read_only: true,
        ..Settings::default()
    };
    let mut app = opened(NAME, settings).await;
    press(&mut app, KeyCode::Down);
    for key in ['a', 'x', 'X'] {
        press(&mut app, KeyCode::Char(key));
        assert!(app.state.status_text().contains("Read-only mode"), "{key}");
    }
    assert!(
        !app.journal
            .iter()
            .any(|line| line.contains("StopReplication")
                || line.contains("Replicate {")
                || line.contains("RemoveReplica")),
        "no write asked"
    );
    assert_eq!(replica_regions(NAME).await, [fx::REPLICA_REGION]);
    // And the proxy saw none of the three writes for it.
    let sent: Vec<String> = super::live::stack()
        .await
        .proxy()
        .recorded_events()
        .into_iter()
        .filter(|e| e.secret_name.as_deref() == Some(NAME))
        .map(|e| e.event_name)
        .filter(|op| {
            [
                "ReplicateSecretToRegions",
                "StopReplicationToReplica",
                "RemoveRegionsFromReplication",
            ]
            .contains(&op.as_str())
        })
        .collect();
    assert!(sent.is_empty(), "{sent:?}");
}
