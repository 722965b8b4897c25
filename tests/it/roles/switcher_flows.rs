//! The role switcher without a terminal: profiles listed and filtered, a role by ARN with
//! its options, MFA codes (typed, never drawn, never in `Debug`), and the MFA session.

use crate::common::roles::{ROLE, assume_call, listings, press, with_profiles};
use crate::common::{Harness, ts};
use crossterm::event::KeyCode;
use smtui_core::app::{Assumed, AwsCall, Command, Effect, IdentityId, Outcome};
use smtui_core::features::session;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::ids::Identity;
use smtui_core::model::{AwsError, ErrorKind};
use smtui_core::room::layers::Layer;

#[test]
fn the_switcher_lists_profiles_filters_and_switches_to_one() {
    let mut h = with_profiles();
    h.cmd(Command::Session(SessionCommand::Switch));
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
    h.cmd(Command::Session(SessionCommand::Switch));
    h.type_text("dev");
    press(&mut h, KeyCode::Enter);
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Session(session::Call::UseProfile { profile, new_identity })] if profile == "dev" && *new_identity == IdentityId(1)
    ));
    h.answer(Outcome::Assumed {
        identity: Identity::profile(IdentityId(1), "dev"),
        result: Ok(Assumed {
            arn: None,
            expires: None,
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId(1));
    assert_eq!(listings(&h).len(), 3);
    // Working as `dev` now: it is not offered as somewhere to switch to, the others are.
    let offered: Vec<String> = h
        .state
        .session
        .switcher_entries("")
        .into_iter()
        .map(|e| e.label)
        .collect();
    assert!(
        !offered.contains(&"profile dev".to_owned())
            && offered.contains(&"profile prod-admin".to_owned()),
        "{offered:?}"
    );
}

#[test]
fn an_mfa_profile_asks_for_its_code_never_shows_it_and_sends_it() {
    let mut h = with_profiles();
    h.cmd(Command::Session(SessionCommand::Switch));
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
                AwsCall::Session(session::Call::AssumeRoleWithMfa {
                    role_arn,
                    source_profile,
                    serial,
                    code,
                    duration_secs,
                    ..
                }),
            ..
        } => Some((
            role_arn.to_string(),
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
        identity: Identity::role(
            IdentityId(1),
            "arn:aws:iam::123456789012:role/admin"
                .parse()
                .expect("an ARN"),
        ),
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
fn a_role_by_arn_takes_an_external_id_a_duration_and_an_mfa_device() {
    let mut h = Harness::loaded();
    h.cmd(Command::Session(SessionCommand::Switch));
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    let prompt = crate::common::open_prompt(&h.state).expect("the options");
    assert_eq!(prompt.input, "session=smtui-user duration=3600");
    h.type_text(" duration=60");
    press(&mut h, KeyCode::Enter);
    assert!(
        h.state.status_text().contains("900 to 43200"),
        "{}",
        h.state.status_text()
    );
    assert!(
        crate::common::open_prompt(&h.state)
            .expect("again")
            .input
            .ends_with("duration=60")
    );
    while crate::common::open_prompt(&h.state).is_some_and(|p| !p.input.is_empty()) {
        press(&mut h, KeyCode::Backspace);
    }
    h.type_text(
        "session=ops duration=1800 external-id=Partner-42 mfa=arn:aws:iam::123456789012:mfa/ops",
    );
    press(&mut h, KeyCode::Enter);
    assert!(
        crate::common::open_prompt(&h.state).is_some_and(|p| p.purpose.is_secret()),
        "the code next"
    );
    h.type_text("314159");
    press(&mut h, KeyCode::Enter);
    let sent = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::Session(session::Call::AssumeRoleWithMfa {
                    role_arn,
                    session_name,
                    serial,
                    external_id,
                    duration_secs,
                    source_profile,
                    ..
                }),
            ..
        } => Some((
            role_arn.to_string(),
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
    h.cmd(Command::Session(SessionCommand::Switch));
    h.type_text("MFA session");
    press(&mut h, KeyCode::Enter);
    let serial = crate::common::open_prompt(&h.state)
        .expect("the device")
        .input
        .clone();
    assert_eq!(
        serial, "arn:aws:iam::123456789012:mfa/alice",
        "a profile's, to start with"
    );
    press(&mut h, KeyCode::Enter);
    assert!(crate::common::open_prompt(&h.state).is_some_and(|p| p.purpose.is_secret()));
    h.type_text("161803");
    press(&mut h, KeyCode::Enter);
    let sent = h.effects.iter().find_map(|e| match e {
        Effect::Aws {
            call:
                AwsCall::Session(session::Call::SessionToken {
                    serial,
                    code,
                    new_identity,
                    ..
                }),
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
        identity: Identity::mfa_session(IdentityId(1), serial.clone()),
        result: Ok(Assumed {
            arn: None,
            expires: Some(ts("2026-11-26T00:00:00Z")),
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId(1));
    assert!(h.state.session.in_mfa_session());
    // The MFA role profile now needs no code: assumed from the session.
    h.cmd(Command::Session(SessionCommand::Switch));
    h.type_text("prod-admin");
    press(&mut h, KeyCode::Enter);
    assert_ne!(h.state.layers.top(), Layer::Prompt, "no code asked for");
    let (role, _, identity) = assume_call(&h).expect("AssumeRole without a code");
    assert_eq!(
        (role.as_str(), identity),
        ("arn:aws:iam::123456789012:role/admin", IdentityId(2))
    );
}
