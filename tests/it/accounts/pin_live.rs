//! Pinning with the real SDK against the local stack: a role of another account (moto
//! answers calls made with its credentials from that account) is pinned beside the start
//! identity; its secrets join the list under its account's alias, every listing and the
//! edit of its row are made with its credentials (the proxy's log says as whom), and the
//! review names the account the save goes to. Unpinning drops its rows.

use std::time::Duration;

use super::{in_primary_region, pin_by_arn};
use crate::common::live::{LiveApp, seeded_stack};
use aws_config::Region;
use aws_sdk_secretsmanager::config::Credentials;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use smtui_aws::{AwsContext, ConnectOptions};
use smtui_core::app::input::key_to_action;
use smtui_core::app::{
    Action, AwsCall, Command, Effect, IdentityId, Outcome, Settings, Stamp, TextEdit,
};
use smtui_core::features::editor::EditSession;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::model::accounts::{AccountRule, AccountRules, AccountStyle};
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;
use smtui_devstack::fixtures as fx;

const WAIT: Duration = Duration::from_secs(30);
const B_ACCOUNT: &str = "210987654321";
const B_ROLE: &str = "arn:aws:iam::210987654321:role/smtui-pin-reader";
const B_ALIAS: &str = "pin-test-b";
const B_SECRET: &str = "pinned/only-in-b";

/// The SDK's config signed as B's role (assumed with the stack's own keys).
async fn as_account_b(stack: &smtui_devstack::Stack) -> aws_config::SdkConfig {
    let sts = aws_sdk_sts::Client::new(&stack.sdk_config(fx::PRIMARY_REGION));
    let assumed = sts
        .assume_role()
        .role_arn(B_ROLE)
        .role_session_name("setup")
        .send()
        .await
        .expect("AssumeRole into B");
    let keys = assumed.credentials().expect("credentials");
    let options = ConnectOptions {
        profile: None,
        endpoint_url: Some(stack.endpoint_url()),
    };
    AwsContext::loader(&options)
        .region(Region::new(fx::PRIMARY_REGION))
        .credentials_provider(Credentials::new(
            keys.access_key_id(),
            keys.secret_access_key(),
            Some(keys.session_token().to_owned()),
            None,
            "account-b",
        ))
        .load()
        .await
}

/// Account B holds one secret of its own and is called `pin-test-b`.
async fn seed_account_b(stack: &smtui_devstack::Stack) {
    let config = as_account_b(stack).await;
    aws_sdk_secretsmanager::Client::new(&config)
        .create_secret()
        .name(B_SECRET)
        .secret_string("in-b")
        .send()
        .await
        .expect("CreateSecret in B");
    aws_sdk_iam::Client::new(&config)
        .create_account_alias()
        .account_alias(B_ALIAS)
        .send()
        .await
        .expect("CreateAccountAlias in B");
}

fn press(app: &mut LiveApp, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = key_to_action(&app.state, KeyEvent::new(code, modifiers)) {
        app.dispatch(action);
    }
}

/// Who made each call named `operation` on `secret` (its caller ARN, as the proxy logged).
fn callers(stack: &smtui_devstack::Stack, operation: &str, secret: Option<&str>) -> Vec<String> {
    stack
        .proxy()
        .recorded_events()
        .into_iter()
        .filter(|e| e.event_name == operation)
        .filter(|e| secret.is_none_or(|s| e.secret_name.as_deref() == Some(s)))
        .map(|e| e.identity_arn)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pinned_account_s_rows_are_listed_and_edited_with_its_own_credentials() {
    let stack = seeded_stack().await;
    seed_account_b(&stack).await;
    // B's alias marks it as production: its writes want "prod" typed first.
    let settings = Settings {
        accounts: AccountRules(vec![AccountRule {
            matches: "pin-test-*".into(),
            label: "prod".into(),
            style: AccountStyle::Danger,
        }]),
        ..Settings::default()
    };
    let mut app = in_primary_region(&stack, settings).await;
    app.wait_loaded().await;
    let start_rows = app.state.browse.list.total();

    pin_by_arn(&mut app, B_ROLE);
    app.wait_for("B's rows, named by B's alias", WAIT, |s| {
        s.browse.list.all().any(|r| r.name == B_SECRET)
            && !s.browse.any_loading()
            && s.browse.list.account_label(B_ACCOUNT) == B_ALIAS
    })
    .await;
    assert_eq!(
        app.state.session.identity,
        IdentityId::START,
        "pinning is not switching"
    );
    assert_eq!(app.state.browse.list.total(), start_rows + 1);
    assert!(app.state.browse.list.accounts_shown());
    let b_listings: Vec<String> = callers(&stack, "ListSecrets", None)
        .into_iter()
        .filter(|arn| arn.contains(B_ACCOUNT))
        .collect();
    assert!(
        !b_listings.is_empty()
            && b_listings
                .iter()
                .all(|a| a.starts_with("arn:aws:sts::210987654321:assumed-role/smtui-pin-reader/")),
        "{b_listings:?}"
    );

    // Edit B's row: the review names B's account, the save goes with B's credentials.
    app.select(B_SECRET, fx::PRIMARY_REGION);
    app.wait_for("detail", WAIT, |s| s.selected_detail().is_some())
        .await;
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    app.wait_for("the value in the editor", WAIT, |s| {
        s.layers
            .popup::<EditSession>()
            .is_some_and(|e| e.loaded.is_some())
    })
    .await;
    press(&mut app, KeyCode::End, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('!'), KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(app.state.layers.top(), Layer::Review);
    assert_eq!(
        app.state.write_account(IdentityId(1)).as_deref(),
        Some("pin-test-b (210987654321)")
    );
    press(&mut app, KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(app.state.layers.top(), Layer::Prompt, "the label first");
    for c in "prod".chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
    assert!(
        callers(&stack, "PutSecretValue", Some(B_SECRET)).is_empty(),
        "nothing sent before the label"
    );
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    app.wait_for("saved", WAIT, |s| s.status_text().contains("is AWSCURRENT"))
        .await;
    let put = callers(&stack, "PutSecretValue", Some(B_SECRET));
    assert!(
        put.len() == 1
            && put[0].starts_with("arn:aws:sts::210987654321:assumed-role/smtui-pin-reader/"),
        "{put:?}"
    );
    let value = aws_sdk_secretsmanager::Client::new(&as_account_b(&stack).await)
        .get_secret_value()
        .secret_id(B_SECRET)
        .version_stage("AWSCURRENT")
        .send()
        .await
        .expect("B's value");
    assert_eq!(value.secret_string(), Some("in-b!"));

    // Unpin: B's rows go; the start identity's stay.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    app.cmd(Command::Session(SessionCommand::Unpin));
    app.cmd(Command::Verb(Verb::Select));
    assert!(!app.state.session.is_held(IdentityId(1)));
    assert_eq!(app.state.browse.list.total(), start_rows);
    // Its credentials left the runner.
    refused_as(&mut app, IdentityId(1)).await;
    app.shutdown();
}

/// A call made as `identity` is refused before it is sent: the runner holds no credentials
/// for it.
async fn refused_as(app: &mut LiveApp, identity: IdentityId) {
    app.run_effect(Effect::Aws {
        stamp: Stamp {
            identity,
            generation: u64::MAX,
        },
        call: AwsCall::WhoAmI { region: None },
    });
    loop {
        // Answers asked for before may still come: the WhoAmI is the one.
        if let Action::Result(envelope) = app.next_action(WAIT).await
            && envelope.stamp.identity == identity
            && let Outcome::WhoAmI { result } = envelope.outcome
        {
            let error = result.expect_err("refused, not answered");
            let held = format!("no credentials held for identity {}", identity.0);
            assert!(error.to_string().contains(&held), "{error}");
            return;
        }
    }
}
