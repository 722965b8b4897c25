//! Several identities held at once, as a user holds them (issue: the whole organisation in
//! one console): `pin` adds an identity beside those held and its secrets join the list
//! with an ACCOUNT column and an account × region bar; writes name the account they go
//! to; `unpin` drops an identity's rows. Through the router (`pin_flows`) and with the real
//! SDK against the local stack, where the second identity is a role in another account
//! (`pin_live`).

mod danger_flows;
mod expiry_live;
mod mfa_live;
mod org_flows;
mod org_live;
mod pin_flows;
mod pin_live;
mod renew_flows;
mod sso_flows;

use crate::common::live::LiveApp;
use smtui_core::app::{Action, Command, Settings, TextEdit};
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;

/// The app against `stack`, listing its primary region only.
async fn in_primary_region(stack: &smtui_devstack::Stack, settings: Settings) -> LiveApp {
    let regions = vec![smtui_devstack::fixtures::PRIMARY_REGION.to_owned()];
    Box::pin(LiveApp::start_with_regions(
        &stack.endpoint_url(),
        settings,
        &regions,
    ))
    .await
}

/// pin → "another role…" → its ARN → its options as they start.
fn pin_by_arn(app: &mut LiveApp, role: &str) {
    app.cmd(Command::Session(SessionCommand::Pin));
    assert_eq!(app.state.layers.top(), Layer::Roles);
    app.cmd(Command::Verb(Verb::Select));
    for c in role.chars() {
        app.dispatch(Action::Text(TextEdit::Insert(c)));
    }
    app.cmd(Command::Verb(Verb::Select));
    app.cmd(Command::Verb(Verb::Select));
}
