//! Role switching helpers shared by `roles::flows` and `roles::switcher_flows`.

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Assumed, AwsCall, Command, Effect, IdentityId, Outcome};
use smtui_core::features::session;
use smtui_core::ids::Identity;
use smtui_core::room::layers::Layer;

pub use super::profiles::with_profiles;
use super::{Harness, ts};
use smtui_core::features::session::Command as SessionCommand;

pub const ROLE: &str = "arn:aws:iam::123456789012:role/payments-reader";

pub fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The AssumeRole the last action sent.
pub fn assume_call(h: &Harness) -> Option<(String, String, IdentityId)> {
    h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::Session(session::Call::AssumeRole {
                    role_arn,
                    session_name,
                    new_identity,
                    ..
                }),
            ..
        } => Some((role_arn.to_string(), session_name.clone(), *new_identity)),
        _ => None,
    })
}

pub fn listings(h: &Harness) -> Vec<(IdentityId, String)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                stamp,
                call: AwsCall::ListSecrets { region },
            } => Some((stamp.identity, region.clone())),
            _ => None,
        })
        .collect()
}

/// The loaded harness, switched to ROLE.
pub fn switched() -> Harness {
    let mut h = Harness::loaded();
    h.cmd(Command::Session(SessionCommand::Switch));
    assert_eq!(h.state.layers.top(), Layer::Roles, "the switcher");
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.layers.top(),
        Layer::Prompt,
        "another role, by its ARN"
    );
    h.type_text("arn:aws:iam::123:role/x");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("is not a role ARN"),
        "{}",
        h.state.status_text()
    );
    let typed = crate::common::open_prompt(&h.state)
        .expect("asked again")
        .input
        .clone();
    assert_eq!(typed, "arn:aws:iam::123:role/x", "nothing typed is lost");
    while crate::common::open_prompt(&h.state).is_some_and(|p| !p.input.is_empty()) {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    // Its options, as they start: session smtui-<user>, an hour.
    press(&mut h, KeyCode::Enter);
    let (role, session, identity) = assume_call(&h).expect("AssumeRole sent");
    assert_eq!(role, ROLE);
    assert_eq!(session, "smtui-user");
    assert_eq!(identity, IdentityId(1));
    h.answer(Outcome::Assumed {
        identity: Identity::role(identity, ROLE.parse().expect("an ARN")),
        result: Ok(Assumed {
            arn: Some(
                "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user"
                    .parse()
                    .expect("an ARN"),
            ),
            expires: Some(ts("2026-11-25T13:00:00Z")),
        }),
    });
    h
}
