//! The editor's save with the real AWS SDK against the local stack: a saved value reads back
//! through the SDK; a concurrent write is never overwritten (their value is shown, and
//! replaced only deliberately); a save whose answer is lost on the way back, retried, makes
//! one version, not two; a private label a failed save left is removed by the next save or
//! on leaving the editor.

use std::time::Duration;

use crate::common::live::{LiveApp, seeded_stack};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smtui_core::app::Settings;
use smtui_core::app::input::key_to_action;
use smtui_core::features::editor::EditSession;
use smtui_core::room::layers::Layer;
use smtui_devstack::{Failure, fixtures as fx};

const WAIT: Duration = Duration::from_secs(30);

fn press(app: &mut LiveApp, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = key_to_action(&app.state, KeyEvent::new(code, modifiers)) {
        app.dispatch(action);
    }
}

fn type_text(app: &mut LiveApp, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

/// Opens the editor on `name` and waits for its value.
async fn open_editor(app: &mut LiveApp, name: &str) {
    app.select(name, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(app, KeyCode::Char('e'), KeyModifiers::NONE);
    app.wait_for("the value in the editor", WAIT, |s| {
        s.layers
            .popup::<EditSession>()
            .is_some_and(|e| e.loaded.is_some())
    })
    .await;
}

/// Ctrl-s, then `y` in the review.
fn save(app: &mut LiveApp) {
    press(app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.state.layers.top(), Layer::Review);
    press(app, KeyCode::Char('y'), KeyModifiers::NONE);
}

/// The value labelled AWSCURRENT. (Asked for by label, as smtui does: moto answers a
/// GetSecretValue without one from the version it last made current itself, which
/// UpdateSecretVersionStage does not change; AWS always answers with AWSCURRENT.)
async fn current_value(stack: &smtui_devstack::Stack, name: &str) -> String {
    aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .get_secret_value()
        .secret_id(name)
        .version_stage("AWSCURRENT")
        .send()
        .await
        .expect("GetSecretValue")
        .secret_string()
        .unwrap_or_default()
        .to_owned()
}

async fn version_count(stack: &smtui_devstack::Stack, name: &str) -> usize {
    aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .list_secret_version_ids()
        .secret_id(name)
        .include_deprecated(true)
        .send()
        .await
        .expect("ListSecretVersionIds")
        .versions()
        .len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_json_value_is_saved_and_reads_back() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    open_editor(&mut app, fx::JSON_SECRET).await;
    // It opens as its fields; the whole text is a Ctrl-f away.
    press(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    // Change the last field: `"engine":"postgres"}` becomes `"engine":"postgres16"}`.
    press(&mut app, KeyCode::End, KeyModifiers::CONTROL);
    press(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    type_text(&mut app, "16");
    save(&mut app);
    app.wait_for("saved", WAIT, |s| s.status_text().contains("is AWSCURRENT"))
        .await;
    let expected = fx::JSON_SECRET_VALUE.replace(r#""postgres"}"#, r#""postgres16"}"#);
    assert_eq!(current_value(&stack, fx::JSON_SECRET).await, expected);
    // No private label is left behind: the new version holds AWSCURRENT and nothing else.
    let described = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .describe_secret()
        .secret_id(fx::JSON_SECRET)
        .send()
        .await
        .expect("DescribeSecret");
    let labels: Vec<String> = described
        .version_ids_to_stages()
        .into_iter()
        .flat_map(|m| m.values().flatten().cloned())
        .collect();
    assert!(
        labels.iter().all(|l| !l.starts_with("smtui-save-")),
        "{labels:?}"
    );
    assert!(labels.contains(&"AWSPREVIOUS".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrent_write_is_never_overwritten() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    let before = version_count(&stack, fx::STRING_SECRET).await;
    open_editor(&mut app, fx::STRING_SECRET).await;
    type_text(&mut app, "mine-");
    // Someone else saves meanwhile.
    aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .put_secret_value()
        .secret_id(fx::STRING_SECRET)
        .secret_string("theirs")
        .send()
        .await
        .expect("the other writer");
    save(&mut app);
    app.wait_for("the conflict", WAIT, |s| {
        s.layers
            .popup::<EditSession>()
            .and_then(|e| e.message.as_deref())
            .is_some_and(|m| m.contains("changed since you opened it"))
    })
    .await;
    assert_eq!(current_value(&stack, fx::STRING_SECRET).await, "theirs");
    // The refused version stays (the service cannot delete one), without its label.
    assert_eq!(version_count(&stack, fx::STRING_SECRET).await, before + 2);
    assert_eq!(
        private_labels(&stack, fx::STRING_SECRET).await,
        Vec::<String>::new()
    );
    let kept = app
        .state
        .layers
        .popup::<EditSession>()
        .and_then(|s| s.loaded.as_ref())
        .map(|l| l.buffer.text().expose_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    assert_eq!(
        kept,
        format!("mine-{}", fx::STRING_SECRET_VALUE),
        "the text is intact"
    );
    // Their value is shown beside yours; `o` replaces it, deliberately, after the review.
    app.wait_for("the conflict view", WAIT, |s| {
        s.layers.top() == Layer::Conflict
    })
    .await;
    press(&mut app, KeyCode::Char('o'), KeyModifiers::NONE);
    assert_eq!(app.state.layers.top(), Layer::Review);
    press(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    app.wait_for("saved over theirs", WAIT, |s| {
        s.status_text().contains("is AWSCURRENT")
    })
    .await;
    assert_eq!(current_value(&stack, fx::STRING_SECRET).await, kept);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_whose_answer_is_lost_makes_one_version_when_retried() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    let before = version_count(&stack, fx::VERSIONED_SECRET).await;
    open_editor(&mut app, fx::VERSIONED_SECRET).await;
    type_text(&mut app, "k4-");
    // PutSecretValue reaches moto, but its answer never comes back, twice (the SDK retries
    // once on its own, with the same token).
    stack.proxy().drop_answers("PutSecretValue", 2);
    save(&mut app);
    app.wait_for("the save to end", WAIT, |s| {
        s.status_text().contains("is AWSCURRENT")
            || s.layers
                .popup::<EditSession>()
                .and_then(|e| e.message.as_deref())
                .is_some_and(|m| m.starts_with("Not saved"))
    })
    .await;
    if !app.state.status_text().contains("is AWSCURRENT") {
        // The user tries again: the same text, so the same token.
        save(&mut app);
        app.wait_for("saved on retry", WAIT, |s| {
            s.status_text().contains("is AWSCURRENT")
        })
        .await;
    }
    let puts = stack
        .proxy()
        .recorded_events()
        .iter()
        .filter(|e| e.event_name == "PutSecretValue")
        .count();
    assert!(puts >= 2, "the save was sent more than once ({puts})");
    assert_eq!(
        version_count(&stack, fx::VERSIONED_SECRET).await,
        before + 1,
        "one new version, however many times it was sent"
    );
    assert_eq!(
        current_value(&stack, fx::VERSIONED_SECRET).await,
        format!("k4-{}", fx::VERSIONED_SECRET_CURRENT)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_with_a_generated_password_and_a_duplicate_name_keeps_the_text() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    // A new secret goes to the region of the selected row.
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    let create = |app: &mut LiveApp, name: &str| {
        press(app, KeyCode::Char('N'), KeyModifiers::NONE);
        type_text(app, name);
        press(app, KeyCode::Enter, KeyModifiers::NONE);
        type_text(app, "made by the tests");
        press(app, KeyCode::Enter, KeyModifiers::NONE);
        type_text(app, "tag:made-by=tests replica=eu-west-1");
        press(app, KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(app.state.layers.top(), Layer::Editor);
    };
    create(&mut app, "tests/generated");
    press(&mut app, KeyCode::Char('g'), KeyModifiers::CONTROL);
    type_text(&mut app, " no-symbols");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.wait_for("the password", WAIT, |s| {
        s.layers
            .popup::<EditSession>()
            .and_then(|e| e.message.as_deref())
            .is_some_and(|m| m.starts_with("Generated 32"))
    })
    .await;
    save(&mut app);
    app.wait_for("created", WAIT, |s| {
        s.status_text().starts_with("Created tests/generated")
    })
    .await;
    let value = current_value(&stack, "tests/generated").await;
    let described = aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .describe_secret()
        .secret_id("tests/generated")
        .send()
        .await
        .expect("DescribeSecret");
    assert_eq!(described.description(), Some("made by the tests"));
    assert!(described.tags().iter().any(|t| t.key() == Some("made-by")));
    assert!(
        described
            .replication_status()
            .iter()
            .any(|r| r.region() == Some("eu-west-1")),
        "replicated as asked"
    );
    assert_eq!(value.chars().count(), 32);
    assert!(
        value.chars().all(char::is_alphanumeric),
        "no symbols: {}",
        value.len()
    );
    // The new row is listed without a reload (select panics when it is not).
    app.select("tests/generated", fx::PRIMARY_REGION);

    // The same name again, from another row: AWS refuses, the text stays.
    app.select(fx::STRING_SECRET, fx::PRIMARY_REGION);
    create(&mut app, "tests/generated");
    type_text(&mut app, "second");
    save(&mut app);
    app.wait_for("refused", WAIT, |s| {
        s.layers
            .popup::<EditSession>()
            .and_then(|e| e.message.as_deref())
            .is_some_and(|m| m.starts_with("Not created: CreateSecret"))
    })
    .await;
    assert_eq!(app.state.layers.top(), Layer::Editor);
    assert_eq!(
        current_value(&stack, "tests/generated").await,
        value,
        "nothing overwritten"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_whose_awscurrent_move_answer_is_lost_is_saved_not_a_conflict() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    open_editor(&mut app, fx::JSON_SECRET).await;
    press(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::End, KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Home, KeyModifiers::NONE);
    type_text(&mut app, " ");
    // The move of AWSCURRENT happens, its answer is lost; the retried move is refused
    // (AWSCURRENT is no longer on the opened version): that is our own save, not a conflict.
    stack.proxy().drop_answers("UpdateSecretVersionStage", 1);
    save(&mut app);
    app.wait_for("the save to end", WAIT, |s| {
        s.status_text().contains("is AWSCURRENT")
            || s.layers
                .popup::<EditSession>()
                .and_then(|e| e.message.as_deref())
                .is_some_and(|m| m.starts_with("Not saved"))
    })
    .await;
    assert!(
        app.state.status_text().contains("is AWSCURRENT"),
        "saved, not a conflict: {:?}",
        app.state
            .layers
            .popup::<EditSession>()
            .and_then(|e| e.message.clone())
    );
    assert_eq!(
        current_value(&stack, fx::JSON_SECRET).await,
        format!(" {}", fx::JSON_SECRET_VALUE)
    );
}

/// A generated password goes into the editor at the cursor, often inside a JSON string: it
/// never holds a quote or a backslash (GetRandomPassword's ExcludeCharacters, on the real
/// SDK), whatever punctuation it is allowed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_password_never_breaks_a_json_string() {
    let stack = seeded_stack().await;
    let ctx = smtui_aws::AwsContext::from_config(stack.sdk_config(fx::PRIMARY_REGION));
    let options = smtui_core::features::editor::call::PasswordOptions {
        length: 4096,
        ..smtui_core::features::editor::call::PasswordOptions::default()
    };
    let password = smtui_aws::secrets::random_password(&ctx, fx::PRIMARY_REGION, options)
        .await
        .expect("GetRandomPassword");
    let text = password.expose_str().expect("text");
    assert_eq!(text.chars().count(), 4096);
    assert!(
        text.chars().any(|c| c.is_ascii_punctuation()),
        "punctuation is allowed"
    );
    assert!(!text.contains('"') && !text.contains('\\'));
}

/// The private staging labels on `name`'s versions.
async fn private_labels(stack: &smtui_devstack::Stack, name: &str) -> Vec<String> {
    aws_sdk_secretsmanager::Client::new(&stack.sdk_config(fx::PRIMARY_REGION))
        .describe_secret()
        .secret_id(name)
        .send()
        .await
        .expect("DescribeSecret")
        .version_ids_to_stages()
        .into_iter()
        .flat_map(|m| m.values().flatten().cloned())
        .filter(|l| l.starts_with("smtui-save-"))
        .collect()
}

/// Saves; the put is applied but every answer to it is lost, and removing its private
/// label is refused: the save fails with the label left, and the footer says so.
async fn save_leaving_a_label(app: &mut LiveApp, stack: &smtui_devstack::Stack) {
    let proxy = stack.proxy();
    proxy.drop_answers("PutSecretValue", 3);
    let refused = Failure::new(
        400,
        "AccessDeniedException",
        "labels are not yours to remove",
    );
    proxy.fail_answers("UpdateSecretVersionStage", 1, refused.clone());
    save(app);
    app.wait_for("the save to fail", WAIT, |s| {
        s.layers
            .popup::<EditSession>()
            .and_then(|e| e.message.as_deref())
            .is_some_and(|m| m.starts_with("Not saved"))
    })
    .await;
    proxy.drop_answers("PutSecretValue", 0);
    proxy.fail_answers("UpdateSecretVersionStage", 0, refused);
    let said = app.state.status_text();
    assert!(
        said.contains("smtui-save-") && said.contains("The next save removes it"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_label_a_failed_save_left_is_removed_by_the_next_save_or_on_leaving() {
    let stack = seeded_stack().await;
    let mut app = LiveApp::start(&stack.endpoint_url(), Settings::default()).await;
    app.wait_loaded().await;
    open_editor(&mut app, fx::STRING_SECRET).await;
    type_text(&mut app, "a-");
    save_leaving_a_label(&mut app, &stack).await;
    assert_eq!(
        private_labels(&stack, fx::STRING_SECRET).await.len(),
        1,
        "left behind by the failed save"
    );
    // Another text (another token): saved, and the label left before goes too.
    type_text(&mut app, "b-");
    save(&mut app);
    app.wait_for("saved", WAIT, |s| s.status_text().contains("is AWSCURRENT"))
        .await;
    assert_eq!(
        current_value(&stack, fx::STRING_SECRET).await,
        format!("a-b-{}", fx::STRING_SECRET_VALUE)
    );
    assert_eq!(
        private_labels(&stack, fx::STRING_SECRET).await,
        Vec::<String>::new()
    );

    // Left behind again, then the edit discarded: removed on the way out.
    open_editor(&mut app, fx::JSON_SECRET).await;
    press(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
    type_text(&mut app, " ");
    save_leaving_a_label(&mut app, &stack).await;
    assert_eq!(private_labels(&stack, fx::JSON_SECRET).await.len(), 1);
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.state.layers.top(), Layer::Confirm);
    press(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    app.wait_for("the label removed", WAIT, |s| {
        s.status_text().starts_with("Removed the private label")
    })
    .await;
    assert_eq!(
        private_labels(&stack, fx::JSON_SECRET).await,
        Vec::<String>::new()
    );
    assert_eq!(
        current_value(&stack, fx::JSON_SECRET).await,
        fx::JSON_SECRET_VALUE,
        "nothing was saved"
    );
}
