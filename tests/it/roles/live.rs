//! Role switching with the real SDK against the local stack: the role is assumed through
//! STS, every region is listed again with its credentials (the proxy attributes the calls
//! to the assumed role), the title names it with its expiry, and `role-back` returns to the
//! start identity without asking STS again.

use std::time::Duration;

use crate::common::live::{LiveApp, seeded_stack};
use smtui_core::app::{Action, Command, IdentityId, Settings, TextEdit};
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::model::{ProfileInfo, ProfileKind};
use smtui_core::room::keys::Verb;
use smtui_devstack::fixtures as fx;

const WAIT: Duration = Duration::from_secs(30);
const ROLE: &str = "arn:aws:iam::123456789012:role/payments-reader";

fn list_callers(stack: &smtui_devstack::Stack) -> Vec<String> {
    stack
        .proxy()
        .recorded_events()
        .into_iter()
        .filter(|e| e.event_name == "ListSecrets")
        .map(|e| e.identity_arn)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assume_a_role_work_as_it_and_come_back() {
    let stack = seeded_stack().await;
    let regions = vec![fx::PRIMARY_REGION.to_owned()];
    let mut app = Box::pin(LiveApp::start_with_regions(
        &stack.endpoint_url(),
        Settings::default(),
        &regions,
    ))
    .await;
    app.wait_loaded().await;
    let before = list_callers(&stack).len();

    app.cmd(Command::Session(SessionCommand::Switch));
    // The switcher: no profile here, so its one entry is "another role…", by its ARN.
    app.cmd(Command::Verb(Verb::Select));
    for c in ROLE.chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
    app.cmd(Command::Verb(Verb::Select));
    // Its options as they start (session smtui-<user>, an hour).
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the switch", WAIT, |s| {
        s.session.identity != IdentityId::START
    })
    .await;
    assert!(
        app.state.status_text().contains(
            "Now working as arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-"
        ),
        "{}",
        app.state.status_text()
    );
    assert!(
        app.state
            .session
            .current()
            .and_then(|k| k.expires)
            .is_some(),
        "an assumed role's expiry is known"
    );
    app.wait_loaded().await;
    app.wait_for("who we are now", WAIT, |s| s.session.caller().is_some())
        .await;
    let callers = list_callers(&stack);
    let since: Vec<&String> = callers[before..].iter().collect();
    assert!(
        !since.is_empty()
            && since
                .iter()
                .all(|arn| arn.contains("assumed-role/payments-reader/smtui-")),
        "every region listed again as the role: {since:?}"
    );
    assert_eq!(
        app.state.browse.list.total(),
        fx::listed_count(fx::PRIMARY_REGION).expect("count") + fx::US_EAST_1_SCHEDULED_FOR_DELETION
    );
    let me = app
        .state
        .session
        .caller()
        .cloned()
        .expect("asked")
        .expect("GetCallerIdentity as the role");
    assert!(
        me.arn.as_str().contains("assumed-role/payments-reader"),
        "{}",
        me.arn
    );

    let before_back = list_callers(&stack).len();
    app.cmd(Command::Session(SessionCommand::Back));
    assert_eq!(app.state.session.identity, IdentityId::START);
    app.wait_loaded().await;
    let back = list_callers(&stack);
    assert!(
        back[before_back..]
            .iter()
            .all(|arn| !arn.contains("assumed-role")),
        "listed as the start identity again: {:?}",
        &back[before_back..]
    );

    switch_with_mfa(&mut app, &stack).await;
}

/// A role profile with an MFA device: the code typed (not shown) goes to AssumeRole, and
/// the listings after it are the role's.
async fn switch_with_mfa(app: &mut LiveApp, stack: &smtui_devstack::Stack) {
    app.state.session.profiles = vec![ProfileInfo {
        name: "mfa-admin".into(),
        kind: ProfileKind::Role {
            role_arn: crate::common::arn("arn:aws:iam::123456789012:role/mfa-admin"),
            source: None,
        },
        mfa_serial: Some("arn:aws:iam::123456789012:mfa/alice".into()),
        region: None,
        duration_secs: Some(900),
        session_name: Some("alice-mfa".into()),
        mfa_process: None,
    }];
    let before_mfa = list_callers(stack).len();
    app.cmd(Command::Session(SessionCommand::Switch));
    type_text(app, "mfa-admin");
    app.cmd(Command::Verb(Verb::Select));
    type_text(app, "123456");
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the MFA switch", WAIT, |s| {
        s.session.current().is_some_and(|k| {
            k.identity
                .to_string()
                .contains("assumed-role/mfa-admin/alice-mfa")
        })
    })
    .await;
    app.wait_loaded().await;
    let after = list_callers(stack);
    assert!(
        after[before_mfa..]
            .iter()
            .all(|arn| arn.contains("assumed-role/mfa-admin/alice-mfa")),
        "{:?}",
        &after[before_mfa..]
    );

    // With `mfa_process`, the code comes from that command: nothing is typed.
    app.state.session.profiles.push(ProfileInfo {
        name: "mfa-auto".into(),
        kind: ProfileKind::Role {
            role_arn: crate::common::arn("arn:aws:iam::123456789012:role/mfa-auto"),
            source: None,
        },
        mfa_serial: Some("arn:aws:iam::123456789012:mfa/alice".into()),
        region: None,
        duration_secs: None,
        session_name: Some("auto".into()),
        mfa_process: Some("echo 654321".into()),
    });
    app.cmd(Command::Session(SessionCommand::Switch));
    type_text(app, "mfa-auto");
    app.cmd(Command::Verb(Verb::Select));
    assert_ne!(
        app.state.layers.top(),
        smtui_core::room::layers::Layer::Prompt,
        "no code asked for"
    );
    app.wait_for("the switch with a code from mfa_process", WAIT, |s| {
        s.session.current().is_some_and(|k| {
            k.identity
                .to_string()
                .contains("assumed-role/mfa-auto/auto")
        })
    })
    .await;

    // An MFA session (GetSessionToken): one code, then the MFA role needs none. It starts
    // from long-term credentials (AWS refuses GetSessionToken to a role's): back to the
    // start first; offered as a role, it is refused before anything is sent.
    app.cmd(Command::Session(SessionCommand::Back));
    app.cmd(Command::Session(SessionCommand::Switch));
    type_text(app, "MFA session");
    app.cmd(Command::Verb(Verb::Select));
    assert!(
        app.state.status_text().contains("long-term credentials"),
        "{}",
        app.state.status_text()
    );
    app.cmd(Command::Session(SessionCommand::Back));
    app.cmd(Command::Session(SessionCommand::Switch));
    type_text(app, "MFA session");
    app.cmd(Command::Verb(Verb::Select));
    app.cmd(Command::Verb(Verb::Select));
    type_text(app, smtui_devstack::fixtures::org::MFA_TOKEN_CODE);
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the MFA session", WAIT, |s| s.session.in_mfa_session())
        .await;
    app.cmd(Command::Session(SessionCommand::Switch));
    type_text(app, "mfa-admin");
    app.cmd(Command::Verb(Verb::Select));
    assert_ne!(
        app.state.layers.top(),
        smtui_core::room::layers::Layer::Prompt,
        "no code asked for"
    );
    app.wait_for("the role from the MFA session", WAIT, |s| {
        s.session.current().is_some_and(|k| {
            k.identity
                .to_string()
                .contains("assumed-role/mfa-admin/alice-mfa")
        })
    })
    .await;
}

fn type_text(app: &mut LiveApp, text: &str) {
    for c in text.chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
}
