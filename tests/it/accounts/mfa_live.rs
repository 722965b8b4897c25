//! MFA typed once for many roles, with the real SDK against the local stack (whose proxy
//! checks MFA for the roles it marks MFA-protected): pinning the MFA-protected role with a
//! wrong code is refused; an MFA session (GetSessionToken, the stack's demo code) then
//! pins it without a code, and the organisation's roles are all assumed from that session
//! without another.

use std::time::Duration;

use super::in_primary_region;
use crate::common::live::{LiveApp, seeded_stack};
use smtui_core::app::{Action, Command, Settings, TextEdit};
use smtui_core::features::org::{self as org_room, AccountState};
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::model::{ProfileInfo, ProfileKind};
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;
use smtui_devstack::fixtures::org;

const WAIT: Duration = Duration::from_mins(1);

fn type_text(app: &mut LiveApp, text: &str) {
    for c in text.chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
}

/// Pins profile `name` from the switcher (its code asked for, when it wants one).
fn pin_profile(app: &mut LiveApp, name: &str) {
    app.cmd(Command::Session(SessionCommand::Pin));
    type_text(app, name);
    app.cmd(Command::Verb(Verb::Select));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_mfa_code_then_every_role_without_another() {
    let stack = seeded_stack().await;
    let mut app = in_primary_region(&stack, Settings::default()).await;
    app.wait_loaded().await;
    app.state.session.profiles.push(ProfileInfo {
        name: "mfa-admin".into(),
        kind: ProfileKind::Role {
            role_arn: crate::common::arn(org::MFA_ADMIN_ROLE.arn),
            source: None,
        },
        mfa_serial: Some(org::MFA_SERIAL.into()),
        region: None,
        duration_secs: None,
        session_name: None,
        mfa_process: None,
    });

    // Outside an MFA session its code is asked for; a wrong one is refused by STS.
    pin_profile(&mut app, "mfa-admin");
    assert_eq!(app.state.layers.top(), Layer::Prompt, "its code");
    type_text(&mut app, "000000");
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the refusal", WAIT, |s| {
        s.status_text().contains("Could not assume")
    })
    .await;
    assert_eq!(app.state.session.pinned().count(), 0);

    // One code, for an MFA session.
    app.cmd(Command::Session(SessionCommand::Switch));
    type_text(&mut app, "MFA session");
    app.cmd(Command::Verb(Verb::Select));
    app.cmd(Command::Verb(Verb::Select));
    type_text(&mut app, org::MFA_TOKEN_CODE);
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the MFA session", WAIT, |s| s.session.in_mfa_session())
        .await;
    app.wait_loaded().await;

    // The MFA-protected role: pinned without a code.
    pin_profile(&mut app, "mfa-admin");
    assert_ne!(app.state.layers.top(), Layer::Prompt, "no code asked for");
    app.wait_for("the MFA role pinned", WAIT, |s| {
        s.session.pinned().count() == 1
    })
    .await;

    // And every account of the organisation, from the same session, without a code.
    app.cmd(Command::Org(org_room::Command::Discover));
    assert_eq!(app.state.layers.top(), Layer::Prompt, "role=… as it starts");
    app.cmd(Command::Verb(Verb::Select));
    app.wait_for("the organisation pinned", WAIT, |s| {
        s.rooms
            .org
            .discovery
            .as_ref()
            .and_then(|d| d.accounts.as_ref())
            .is_some_and(|a| {
                a.iter()
                    .all(|e| matches!(e.state, AccountState::Pinned(_) | AccountState::Refused(_)))
            })
    })
    .await;
    assert_eq!(
        app.state.session.pinned().count(),
        1 + 7,
        "the MFA role and 7 members"
    );
    app.wait_loaded().await;
    let payments = stack
        .proxy()
        .recorded_calls("ListSecrets", org::PAYMENTS_PROD.id);
    assert!(
        payments
            .iter()
            .any(|c| c.role_arn() == Some(org::PAYMENTS_PROD.access_role_arn())),
        "its role listed its secrets"
    );
    app.shutdown();
}
