//! Role switching without a terminal: the role asked for and checked, AssumeRole as the
//! current identity, the switch (a new generation: rows and details of the old identity go,
//! every region is listed again as the new one, late answers for the old one are dropped),
//! the expiry and profile in the title, renewal before expiry, recent roles, a refusal
//! explained, and `role-back`. The switcher's profiles and MFA: `switcher_flows.rs`.

use crate::common;

use crate::common::roles::{ROLE, assume_call, listings, press, switched};
use crate::common::{Harness, ts};
use crossterm::event::KeyCode;
use smtui_core::app::{Assumed, AwsCall, Command, Effect, IdentityId, Outcome};
use smtui_core::features::session;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::ids::Identity;
use smtui_core::model::{AwsError, ErrorKind};

#[test]
fn a_switch_lists_every_region_again_as_the_new_identity() {
    let h = switched();
    assert_eq!(h.state.session.identity, IdentityId(1));
    assert_eq!(
        h.state.browse.list.total(),
        0,
        "the old identity's rows are gone"
    );
    assert!(h.state.selected_detail().is_none());
    let listed = listings(&h);
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(listed.iter().all(|(id, _)| *id == IdentityId(1)));
    assert!(
        h.effects.iter().any(|e| matches!(e, Effect::Aws { call: AwsCall::WhoAmI { .. }, stamp } if stamp.identity == IdentityId(1))),
        "who the new identity is"
    );
    assert!(h.state.status_text().contains("Now working as arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user (its credentials expire in 1 hour)"), "{}", h.state.status_text());
    let screen = h.screen(120, 40);
    assert!(screen.contains("expires in 1 hour"), "{screen}");
}

#[test]
fn a_late_answer_for_the_old_identity_is_dropped() {
    let mut h = switched();
    let old = smtui_core::app::Stamp {
        generation: 1,
        identity: IdentityId::START,
    };
    h.act(smtui_core::app::Action::Result(smtui_core::app::Envelope {
        stamp: old,
        outcome: Outcome::SecretsPage {
            region: "us-east-1".into(),
            page: vec![common::summary("old/identity/secret", "us-east-1")],
            last: true,
        },
    }));
    assert_eq!(h.state.browse.list.total(), 0);
}

#[test]
fn role_back_returns_to_the_identity_before() {
    let mut h = switched();
    h.cmd(Command::Session(SessionCommand::Back));
    assert_eq!(h.state.session.identity, IdentityId::START);
    assert!(
        h.state.status_text().contains("Back to"),
        "{}",
        h.state.status_text()
    );
    let listed = listings(&h);
    assert_eq!(listed.len(), 3);
    assert!(listed.iter().all(|(id, _)| *id == IdentityId::START));
    assert!(
        assume_call(&h).is_none(),
        "its credentials are still held: no new call"
    );
}

#[test]
fn a_refused_assume_is_explained_and_nothing_changes() {
    let mut h = Harness::loaded();
    h.cmd(Command::Session(SessionCommand::Switch));
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    // Its options, as they start: session smtui-<user>, an hour.
    press(&mut h, KeyCode::Enter);
    let (_, _, identity) = assume_call(&h).expect("sent");
    let rows = h.state.browse.list.total();
    h.answer(Outcome::Assumed {
        identity: Identity::role(identity, ROLE.parse().expect("an ARN")),
        result: Err(AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "AssumeRole",
            region: "us-east-1".into(),
            code: Some("AccessDenied".into()),
            message: Some("not authorized to perform sts:AssumeRole".into()),
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId::START);
    assert_eq!(h.state.browse.list.total(), rows, "the rows stay");
    assert!(
        h.state.status_text().contains("Could not assume"),
        "{}",
        h.state.status_text()
    );
    h.cmd(Command::Session(SessionCommand::Back));
    assert!(h.state.status_text().contains("No identity to go back to"));
}

#[test]
fn a_role_assumed_by_arn_is_remembered_and_offered_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("recent-roles.toml");
    let mut h = Harness::loaded();
    h.state.session.recent_path = Some(path.clone());
    h.cmd(Command::Session(SessionCommand::Switch));
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    // Its options, as they start: session smtui-<user>, an hour.
    press(&mut h, KeyCode::Enter);
    let (_, _, identity) = assume_call(&h).expect("sent");
    h.answer(Outcome::Assumed {
        identity: Identity::role(identity, ROLE.parse().expect("an ARN")),
        result: Ok(Assumed {
            arn: Some(
                "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user"
                    .parse()
                    .expect("an ARN"),
            ),
            expires: None,
        }),
    });
    let saved = h.effects.iter().find_map(|e| match e {
        Effect::SaveRecentRoles { path: p, roles } => Some((p.clone(), roles.clone())),
        _ => None,
    });
    let (saved_path, roles) = saved.expect("remembered");
    assert_eq!(saved_path, path);
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].role_arn, ROLE);
    assert!(
        !format!("{roles:?}").contains("smtui-user"),
        "the role, not the session or its credentials"
    );
    // Not offered while working as it; offered again once back.
    h.cmd(Command::Session(SessionCommand::Switch));
    let screen = h.screen(120, 40);
    assert!(!screen.contains("role payments-reader"), "{screen}");
    press(&mut h, KeyCode::Esc);
    h.cmd(Command::Session(SessionCommand::Back));
    h.cmd(Command::Session(SessionCommand::Switch));
    let screen = h.screen(120, 40);
    assert!(screen.contains("role payments-reader"), "{screen}");
    h.type_text("payments");
    press(&mut h, KeyCode::Enter);
    press(&mut h, KeyCode::Enter);
    let (role, _, _) = assume_call(&h).expect("assumed again, by its ARN");
    assert_eq!(role, ROLE);
}

#[test]
fn credentials_about_to_expire_are_renewed_without_a_switch() {
    let mut h = switched();
    // Five minutes before the end the title warns, and the next tick renews.
    h.state.wall = ts("2026-11-25T12:56:00Z");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("expires in 4 minutes: :role-renew"),
        "{screen}"
    );
    h.act(smtui_core::app::Action::Tick);
    let renewal = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::Session(session::Call::AssumeRole {
                    role_arn,
                    new_identity,
                    as_identity,
                    ..
                }),
            ..
        } => Some((role_arn.to_string(), *new_identity, *as_identity)),
        _ => None,
    });
    assert_eq!(
        renewal,
        Some((ROLE.to_owned(), IdentityId(1), Some(IdentityId::START))),
        "the same role, into the same identity, as the identity that assumed it"
    );
    h.act(smtui_core::app::Action::Tick);
    assert!(
        h.effects.is_empty(),
        "asked once, not on every tick: {:?}",
        h.effects
    );
    h.answer(Outcome::Assumed {
        identity: Identity::role(IdentityId(1), ROLE.parse().expect("an ARN")),
        result: Ok(Assumed {
            arn: Some(
                "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user"
                    .parse()
                    .expect("an ARN"),
            ),
            expires: Some(ts("2026-11-25T13:56:00Z")),
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId(1));
    assert!(listings(&h).is_empty(), "no reload: the same identity");
    assert!(
        h.state
            .status_text()
            .contains("Credentials renewed: they expire in 1 hour"),
        "{}",
        h.state.status_text()
    );
    h.cmd(Command::Session(SessionCommand::Back));
    h.cmd(Command::Session(SessionCommand::Renew));
    assert!(h.state.status_text().contains("the SDK renews them itself"));
}

#[test]
fn the_title_names_the_profile_and_says_when_the_expiry_is_unknown() {
    let mut h = Harness::loaded();
    h.state.session.start_profile = Some("prod".into());
    h.answer(Outcome::WhoAmI {
        result: Ok(smtui_core::model::CallerIdentity {
            account: "123456789012".into(),
            arn: crate::common::arn("arn:aws:iam::123456789012:user/alice"),
        }),
    });
    let title = h
        .screen(160, 40)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(
        title.contains("arn:aws:iam::123456789012:user/alice  profile prod  expiry unknown"),
        "{title}"
    );
}
