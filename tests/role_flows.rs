//! Role switching without a terminal: the role asked for and checked, AssumeRole as the
//! current identity, the switch (a new generation: rows and details of the old identity go,
//! every region is listed again as the new one, late answers for the old one are dropped),
//! the expiry in the title, a refusal explained, and `role-back`.

mod common;

use common::{Harness, ts};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui::app::layers::Layer;
use smtui::app::{Assumed, AwsCall, Command, Effect, IdentityId, Outcome};
use smtui::model::{AwsError, ErrorKind};

const ROLE: &str = "arn:aws:iam::123456789012:role/payments-reader";

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The AssumeRole the last action sent.
fn assume_call(h: &Harness) -> Option<(String, String, IdentityId)> {
    h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::AssumeRole {
                    role_arn,
                    session_name,
                    new_identity,
                    ..
                },
            ..
        } => Some((role_arn.clone(), session_name.clone(), *new_identity)),
        _ => None,
    })
}

fn listings(h: &Harness) -> Vec<(IdentityId, String)> {
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
fn switched() -> Harness {
    let mut h = Harness::loaded();
    h.cmd(Command::Role);
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
    let typed = h.state.prompt.state.clone().expect("asked again").input;
    assert_eq!(typed, "arn:aws:iam::123:role/x", "nothing typed is lost");
    while h
        .state
        .prompt
        .state
        .as_ref()
        .is_some_and(|p| !p.input.is_empty())
    {
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
        identity,
        role_arn: ROLE.into(),
        result: Ok(Assumed {
            arn: "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user".into(),
            expires: Some(ts("2026-11-25T13:00:00Z")),
        }),
    });
    h
}

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
    let old = smtui::app::Stamp {
        generation: 1,
        identity: IdentityId::START,
    };
    h.act(smtui::app::Action::Result(smtui::app::Envelope {
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
    h.cmd(Command::RoleBack);
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
    h.cmd(Command::Role);
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    // Its options, as they start: session smtui-<user>, an hour.
    press(&mut h, KeyCode::Enter);
    let (_, _, identity) = assume_call(&h).expect("sent");
    let rows = h.state.browse.list.total();
    h.answer(Outcome::Assumed {
        identity,
        role_arn: ROLE.into(),
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
    h.cmd(Command::RoleBack);
    assert!(h.state.status_text().contains("No identity to go back to"));
}

/// The loaded harness with two profiles: plain `dev`, and `prod-admin` whose role wants MFA.
fn with_profiles() -> Harness {
    use smtui::model::{ProfileInfo, ProfileKind};
    let mut h = Harness::loaded();
    h.state.session.profiles = vec![
        ProfileInfo {
            name: "dev".into(),
            kind: ProfileKind::Plain,
            mfa_serial: None,
            region: None,
            duration_secs: None,
            session_name: None,
            mfa_process: None,
        },
        ProfileInfo {
            name: "prod-admin".into(),
            kind: ProfileKind::Role {
                role_arn: "arn:aws:iam::123456789012:role/admin".into(),
                source: Some("dev".into()),
            },
            mfa_serial: Some("arn:aws:iam::123456789012:mfa/alice".into()),
            region: None,
            duration_secs: Some(3600),
            session_name: None,
            mfa_process: None,
        },
    ];
    h
}

#[test]
fn the_switcher_lists_profiles_filters_and_switches_to_one() {
    let mut h = with_profiles();
    h.cmd(Command::Role);
    let screen = h.screen(120, 40);
    assert!(screen.contains("profile prod-admin"), "{screen}");
    assert!(
        screen.contains("role arn:aws:iam::123456789012:role/admin from dev · MFA"),
        "{screen}"
    );
    insta::assert_snapshot!("role_switcher_120x40", screen);
    // `q` is text here, not quit.
    h.type_text("q");
    assert!(!h.state.quit);
    press(&mut h, KeyCode::Backspace);
    h.cmd(Command::Role);
    h.type_text("dev");
    press(&mut h, KeyCode::Enter);
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::UseProfile { profile, new_identity }] if profile == "dev" && *new_identity == IdentityId(1)
    ));
    h.answer(Outcome::Assumed {
        identity: IdentityId(1),
        role_arn: "profile dev".into(),
        result: Ok(Assumed {
            arn: "profile dev".into(),
            expires: None,
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId(1));
    assert_eq!(listings(&h).len(), 3);
}

#[test]
fn an_mfa_profile_asks_for_its_code_never_shows_it_and_sends_it() {
    let mut h = with_profiles();
    h.cmd(Command::Role);
    h.type_text("admin");
    press(&mut h, KeyCode::Enter);
    // Its role wants MFA: the code is asked for, and never shown.
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    h.type_text("12a");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("6 digits"),
        "{}",
        h.state.status_text()
    );
    h.type_text("271828");
    let screen = h.screen(120, 40);
    assert!(
        !screen.contains("271828") && screen.contains("••••••"),
        "{screen}"
    );
    press(&mut h, KeyCode::Enter);
    let sent = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::AssumeRoleWithMfa {
                    role_arn,
                    source_profile,
                    serial,
                    code,
                    duration_secs,
                    ..
                },
            ..
        } => Some((
            role_arn.clone(),
            source_profile.clone(),
            serial.clone(),
            code.expose_str().map(str::to_owned),
            *duration_secs,
        )),
        _ => None,
    });
    assert_eq!(
        sent,
        Some((
            "arn:aws:iam::123456789012:role/admin".to_owned(),
            Some("dev".to_owned()),
            "arn:aws:iam::123456789012:mfa/alice".to_owned(),
            Some("271828".to_owned()),
            Some(3600),
        ))
    );
    assert!(
        !format!("{:?}", h.effects).contains("271828"),
        "the code never shows through Debug"
    );
    h.answer(Outcome::Assumed {
        identity: IdentityId(1),
        role_arn: "arn:aws:iam::123456789012:role/admin".into(),
        result: Err(AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "AssumeRole",
            region: "us-east-1".into(),
            code: Some("AccessDenied".into()),
            message: Some(
                "MultiFactorAuthentication failed with invalid MFA one time pass code".into(),
            ),
        }),
    });
    assert!(
        h.state.status_text().contains("invalid MFA"),
        "{}",
        h.state.status_text()
    );
}

#[test]
fn a_role_assumed_by_arn_is_remembered_and_offered_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("recent-roles.toml");
    let mut h = Harness::loaded();
    h.state.session.recent_path = Some(path.clone());
    h.cmd(Command::Role);
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    // Its options, as they start: session smtui-<user>, an hour.
    press(&mut h, KeyCode::Enter);
    let (_, _, identity) = assume_call(&h).expect("sent");
    h.answer(Outcome::Assumed {
        identity,
        role_arn: ROLE.into(),
        result: Ok(Assumed {
            arn: "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user".into(),
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
    // Offered first in the switcher next time (after the way back).
    h.cmd(Command::Role);
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
    h.act(smtui::app::Action::Tick);
    let renewal = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::AssumeRole {
                    role_arn,
                    new_identity,
                    as_identity,
                    ..
                },
            ..
        } => Some((role_arn.clone(), *new_identity, *as_identity)),
        _ => None,
    });
    assert_eq!(
        renewal,
        Some((ROLE.to_owned(), IdentityId(1), Some(IdentityId::START))),
        "the same role, into the same identity, as the identity that assumed it"
    );
    h.act(smtui::app::Action::Tick);
    assert!(
        h.effects.is_empty(),
        "asked once, not on every tick: {:?}",
        h.effects
    );
    h.answer(Outcome::Assumed {
        identity: IdentityId(1),
        role_arn: ROLE.into(),
        result: Ok(Assumed {
            arn: "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-user".into(),
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
    h.cmd(Command::RoleBack);
    h.cmd(Command::RoleRenew);
    assert!(h.state.status_text().contains("the SDK renews them itself"));
}

#[test]
fn a_role_by_arn_takes_an_external_id_a_duration_and_an_mfa_device() {
    let mut h = Harness::loaded();
    h.cmd(Command::Role);
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    let prompt = h.state.prompt.state.clone().expect("the options");
    assert_eq!(prompt.input, "session=smtui-user duration=3600");
    h.type_text(" duration=60");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("900 to 43200"),
        "{}",
        h.state.status_text()
    );
    assert!(
        h.state
            .prompt
            .state
            .clone()
            .expect("again")
            .input
            .ends_with("duration=60")
    );
    while h
        .state
        .prompt
        .state
        .as_ref()
        .is_some_and(|p| !p.input.is_empty())
    {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text(
        "session=ops duration=1800 external-id=Partner-42 mfa=arn:aws:iam::123456789012:mfa/ops",
    );
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state
            .prompt
            .state
            .as_ref()
            .is_some_and(|p| p.purpose.is_secret()),
        "the code next"
    );
    h.type_text("314159");
    press(&mut h, KeyCode::Enter);
    let sent = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::AssumeRoleWithMfa {
                    role_arn,
                    session_name,
                    serial,
                    external_id,
                    duration_secs,
                    source_profile,
                    ..
                },
            ..
        } => Some((
            role_arn.clone(),
            session_name.clone(),
            serial.clone(),
            external_id.clone(),
            *duration_secs,
            source_profile.clone(),
        )),
        _ => None,
    });
    assert_eq!(
        sent,
        Some((
            ROLE.to_owned(),
            "ops".to_owned(),
            "arn:aws:iam::123456789012:mfa/ops".to_owned(),
            Some("Partner-42".to_owned()),
            Some(1800),
            None,
        ))
    );
}

#[test]
fn an_mfa_session_takes_one_code_then_mfa_roles_need_none() {
    let mut h = with_profiles();
    h.cmd(Command::Role);
    h.type_text("MFA session");
    press(&mut h, KeyCode::Enter);
    let serial = h.state.prompt.state.clone().expect("the device").input;
    assert_eq!(
        serial, "arn:aws:iam::123456789012:mfa/alice",
        "a profile's, to start with"
    );
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state
            .prompt
            .state
            .as_ref()
            .is_some_and(|p| p.purpose.is_secret())
    );
    h.type_text("161803");
    press(&mut h, KeyCode::Enter);
    let sent = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::SessionToken {
                    serial,
                    code,
                    new_identity,
                    ..
                },
            ..
        } => Some((
            serial.clone(),
            code.expose_str().map(str::to_owned),
            *new_identity,
        )),
        _ => None,
    });
    assert_eq!(
        sent,
        Some((serial.clone(), Some("161803".to_owned()), IdentityId(1)))
    );
    h.answer(Outcome::Assumed {
        identity: IdentityId(1),
        role_arn: format!("MFA session ({serial})"),
        result: Ok(Assumed {
            arn: format!("MFA session ({serial})"),
            expires: Some(ts("2026-11-26T00:00:00Z")),
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId(1));
    assert!(h.state.session.in_mfa_session());
    // The MFA role profile now needs no code: assumed from the session.
    h.cmd(Command::Role);
    h.type_text("prod-admin");
    press(&mut h, KeyCode::Enter);
    assert_ne!(h.state.layers.top(), Layer::Prompt, "no code asked for");
    let (role, _, identity) = assume_call(&h).expect("AssumeRole without a code");
    assert_eq!(
        (role.as_str(), identity),
        ("arn:aws:iam::123456789012:role/admin", IdentityId(2))
    );
}

#[test]
fn the_title_names_the_profile_and_says_when_the_expiry_is_unknown() {
    let mut h = Harness::loaded();
    h.state.session.start_profile = Some("prod".into());
    h.answer(Outcome::WhoAmI {
        result: Ok(smtui::model::CallerIdentity {
            account: "123456789012".into(),
            arn: "arn:aws:iam::123456789012:user/alice".into(),
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
