//! IAM Identity Center through the router: the switcher offers each sign-in of the AWS
//! config; its popup lists the portal's accounts and roles (asked once, kept), a role
//! chosen there is switched to or pinned through GetRoleCredentials, and "pin every account
//! as ROLE" pins the role in each account that grants it, ten on their way at most. When
//! the user is not signed in, the popup offers the device sign-in, shows the address and
//! the code, and lists the accounts once the sign-in is cached. A pinned Identity Center
//! identity renews itself through the portal.

use crate::common::Harness;
use crate::common::roles::press;
use crossterm::event::KeyCode;
use smtui_core::app::{Action, Assumed, AwsCall, Command, Effect, Envelope, IdentityId, Outcome};
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::features::{session, sso};
use smtui_core::ids::Identity;
use smtui_core::model::sso::{DeviceCode, LoginHandle, PortalAccount, SignedIn, SsoLogin};
use smtui_core::model::{AwsError, ErrorKind, ProfileInfo, ProfileKind};
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;
use smtui_core::secret::SecretValue;

fn login() -> SsoLogin {
    SsoLogin {
        session: Some("corp".into()),
        start_url: "https://corp.awsapps.com/start".into(),
        region: "eu-west-1".into(),
        scopes: vec!["sso:account:access".into()],
    }
}

fn account(n: usize, roles: &[&str]) -> PortalAccount {
    PortalAccount {
        id: format!("{}", 400_000_000_000 + n),
        name: format!("team{n:02}"),
        email: format!("team{n}@example.com"),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
    }
}

/// The loaded harness with an Identity Center profile in the AWS config.
fn with_sso_profile() -> Harness {
    let mut h = Harness::loaded();
    h.state.session.profiles = vec![ProfileInfo {
        name: "corp-reader".into(),
        kind: ProfileKind::Sso {
            login: Some(login()),
        },
        mfa_serial: None,
        region: None,
        duration_secs: None,
        session_name: None,
        mfa_process: None,
    }];
    h.state.rooms.sso.set_logins(vec![login()]);
    h
}

/// The switcher opened for `command`, its Identity Center entry chosen.
fn open_portal(h: &mut Harness, command: SessionCommand) {
    h.cmd(Command::Session(command));
    assert_eq!(h.state.layers.top(), Layer::Roles);
    h.type_text("portal");
    press(h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Portal);
}

/// The GetRoleCredentials the last action asked for: (account, role, identity, as whom).
fn role_calls(h: &Harness) -> Vec<(String, String, IdentityId, IdentityId)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                stamp,
                call:
                    AwsCall::Session(session::Call::SsoRole {
                        account_id,
                        role_name,
                        new_identity,
                        login,
                        ..
                    }),
            } => {
                assert_eq!(*login, self::login());
                Some((
                    account_id.clone(),
                    role_name.clone(),
                    *new_identity,
                    stamp.identity,
                ))
            }
            _ => None,
        })
        .collect()
}

fn credentials(h: &Harness, minutes: i64) -> Assumed {
    Assumed {
        arn: None,
        expires: Some(h.state.wall + jiff::SignedDuration::from_mins(minutes)),
    }
}

/// The portal's refusal of an expired sign-in.
fn signed_out() -> AwsError {
    AwsError {
        code: Some(smtui_core::model::sso::SIGNED_OUT.into()),
        ..AwsError::no_credentials("not signed in to IAM Identity Center (expired)")
    }
}

/// The sign-in whose code is `user_code` approved: the token cached for 8 hours.
fn signed_in(h: &Harness, user_code: &str) -> Outcome {
    Outcome::Sso(sso::Outcome::SignedIn {
        login: login(),
        user_code: user_code.into(),
        result: Ok(SignedIn {
            expires: h.state.wall + jiff::SignedDuration::from_hours(8),
            cache_file: "~/.aws/sso/cache/abc.json".into(),
        }),
    })
}

#[test]
fn a_portal_role_chosen_in_the_switcher_is_worked_as_and_the_accounts_are_asked_once() {
    let mut h = with_sso_profile();
    open_portal(&mut h, SessionCommand::Switch);
    assert!(
        matches!(&h.calls()[..], [AwsCall::Sso(sso::Call::Accounts { login: l })] if *l == login()),
        "{:?}",
        h.calls()
    );
    assert!(h.screen(120, 30).contains("Asking the portal"));
    let accounts = vec![account(1, &["Admin", "Reader"]), account(2, &["Reader"])];
    h.answer(Outcome::Sso(sso::Outcome::Accounts {
        login: login(),
        result: Ok(accounts),
    }));
    let screen = h.screen(140, 30);
    assert!(
        screen.contains("pin every account as Reader (2)"),
        "{screen}"
    );
    assert!(screen.contains("team01 / Admin"), "{screen}");

    h.type_text("team01 Admin");
    press(&mut h, KeyCode::Enter);
    let asked = role_calls(&h);
    assert_eq!(asked.len(), 1, "{:?}", h.effects);
    let (account_id, role, made, as_whom) = asked[0].clone();
    assert_eq!(
        (account_id.as_str(), role.as_str()),
        ("400000000001", "Admin")
    );
    assert_eq!(as_whom, IdentityId::START);
    assert_ne!(h.state.layers.top(), Layer::Portal, "closed");
    let result = credentials(&h, 60);
    h.answer(Outcome::Assumed {
        identity: Identity::sso(made, account_id, role),
        result: Ok(result),
    });
    assert_eq!(h.state.session.identity, made, "worked as from now on");
    assert!(
        h.state
            .session
            .current()
            .is_some_and(|k| k.identity.to_string() == "Identity Center Admin in 400000000001")
    );

    // Opened again: the accounts are those listed before, not asked again (Ctrl-r asks).
    open_portal(&mut h, SessionCommand::Switch);
    assert!(h.calls().is_empty(), "{:?}", h.calls());
    assert!(h.screen(140, 30).contains("team02 / Reader"));
    h.press(KeyCode::Char('r'), crossterm::event::KeyModifiers::CONTROL);
    assert!(
        matches!(&h.calls()[..], [AwsCall::Sso(sso::Call::Accounts { .. })]),
        "{:?}",
        h.calls()
    );
    press(&mut h, KeyCode::Esc);

    // Its credentials near their end: renewed through the portal, as itself.
    h.state.wall += jiff::SignedDuration::from_mins(56);
    h.act(Action::Tick);
    let renewal = role_calls(&h);
    assert_eq!(renewal.len(), 1, "{:?}", h.effects);
    assert_eq!(renewal[0].2, made, "the same identity renewed");
    // The sign-in expired: refused, and not asked again every tick...
    let (account_id, role, _, _) = renewal[0].clone();
    h.answer(Outcome::Assumed {
        identity: Identity::sso(made, account_id.clone(), role.clone()),
        result: Err(signed_out()),
    });
    for _ in 0..3 {
        h.act(Action::Tick);
        assert!(role_calls(&h).is_empty(), "{:?}", h.effects);
    }
    // ...until the user signs in again (even with the popup closed, after a refresh).
    let asked_before = h.state.session.stamp();
    h.cmd(Command::Verb(Verb::Refresh));
    h.act(Action::Result(Envelope {
        stamp: asked_before,
        outcome: signed_in(&h, "LEFT-OPEN"),
    }));
    assert!(
        h.state.status_text().contains("Signed in"),
        "{}",
        h.state.status_text()
    );
    h.act(Action::Tick);
    assert_eq!(role_calls(&h).len(), 1, "renewed again: {:?}", h.effects);
}

#[test]
fn a_second_role_everywhere_waits_for_the_first_and_an_abandoned_sign_in_ends_silently() {
    let mut h = with_sso_profile();
    open_portal(&mut h, SessionCommand::Pin);
    let accounts: Vec<PortalAccount> = (1..=3).map(|n| account(n, &["Admin", "Reader"])).collect();
    h.answer(Outcome::Sso(sso::Outcome::Accounts {
        login: login(),
        result: Ok(accounts),
    }));
    h.type_text("every account as Reader");
    press(&mut h, KeyCode::Enter);
    assert_eq!(role_calls(&h).len(), 3);
    open_portal(&mut h, SessionCommand::Pin);
    h.type_text("every account as Admin");
    press(&mut h, KeyCode::Enter);
    assert!(role_calls(&h).is_empty(), "{:?}", h.effects);
    assert!(
        h.state.status_text().contains("Still pinning Reader"),
        "{}",
        h.state.status_text()
    );

    // A sign-in the popup no longer shows ends in an error: nothing is said of it.
    h.cmd(Command::Sso(sso::Command::Accounts));
    h.answer(Outcome::Sso(sso::Outcome::SignedIn {
        login: login(),
        user_code: "GONE-AWAY".into(),
        result: Err(AwsError::invalid(
            "CreateToken",
            "eu-west-1",
            "the code expired",
        )),
    }));
    assert!(
        !h.state.status_text().contains("Sign-in failed"),
        "{}",
        h.state.status_text()
    );
    assert!(
        h.screen(140, 30).contains("team01 / Admin"),
        "the popup as it was"
    );
}

#[test]
fn signed_out_the_popup_signs_in_shows_the_code_and_lists_once_the_sign_in_is_cached() {
    let mut h = with_sso_profile();
    h.cmd(Command::Sso(sso::Command::Accounts));
    assert_eq!(h.state.layers.top(), Layer::Portal);
    h.answer(Outcome::Sso(sso::Outcome::Accounts {
        login: login(),
        result: Err(AwsError {
            code: Some(smtui_core::model::sso::SIGNED_OUT.into()),
            ..AwsError::no_credentials("not signed in to IAM Identity Center (the token expired)")
        }),
    }));
    let screen = h.screen(140, 30);
    assert!(
        screen.contains("not signed in to IAM Identity Center (the token expired)"),
        "{screen}"
    );
    assert!(screen.contains("sign in…"), "{screen}");

    press(&mut h, KeyCode::Enter);
    assert!(
        matches!(
            &h.calls()[..],
            [AwsCall::Sso(sso::Call::StartSignIn { .. })]
        ),
        "{:?}",
        h.calls()
    );
    let code = DeviceCode {
        user_code: "WXYZ-ABCD".into(),
        verification_uri: "https://device.sso.eu-west-1.amazonaws.com/".into(),
        verification_uri_complete: Some(
            "https://device.sso.eu-west-1.amazonaws.com/?user_code=WXYZ-ABCD".into(),
        ),
        expires: h.state.wall + jiff::SignedDuration::from_mins(10),
        interval_secs: 1,
        handle: LoginHandle {
            client_id: "client-1".into(),
            client_secret: SecretValue::from_string("client-secret-canary".into()),
            device_code: SecretValue::from_string("device-code-canary".into()),
            registration_expires: None,
        },
    };
    h.answer(Outcome::Sso(sso::Outcome::SignInStarted {
        login: login(),
        result: Ok(code),
    }));
    assert!(
        matches!(
            &h.calls()[..],
            [AwsCall::Sso(sso::Call::FinishSignIn { .. })]
        ),
        "{:?}",
        h.calls()
    );
    let journal = format!("{:?}", h.effects);
    assert!(
        !journal.contains("canary"),
        "the handle is never printed: {journal}"
    );
    let screen = h.screen(140, 30);
    assert!(screen.contains("WXYZ-ABCD"), "{screen}");
    assert!(screen.contains("?user_code=WXYZ-ABCD"), "{screen}");
    assert!(!screen.contains("canary"), "{screen}");

    h.answer(signed_in(&h, "WXYZ-ABCD"));
    assert!(
        matches!(&h.calls()[..], [AwsCall::Sso(sso::Call::Accounts { .. })]),
        "listed now: {:?}",
        h.calls()
    );
    let said = h.state.status_text();
    assert!(
        said.contains("Signed in to IAM Identity Center corp") && said.contains("~/.aws/sso/cache"),
        "{said}"
    );
}

#[test]
fn a_role_everywhere_is_pinned_ten_at_a_time_and_renews_itself_through_the_portal() {
    let mut h = with_sso_profile();
    open_portal(&mut h, SessionCommand::Pin);
    let accounts: Vec<PortalAccount> = (1..=12).map(|n| account(n, &["Reader"])).collect();
    h.answer(Outcome::Sso(sso::Outcome::Accounts {
        login: login(),
        result: Ok(accounts),
    }));
    // The first entry: every account as Reader.
    press(&mut h, KeyCode::Enter);
    let first = role_calls(&h);
    assert_eq!(first.len(), 10, "ten on their way at most");
    // One refused: the eleventh is asked.
    let (account_id, role, id, _) = first[0].clone();
    h.answer(Outcome::Assumed {
        identity: Identity::sso(id, account_id, role),
        result: Err(AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "GetRoleCredentials",
            region: "eu-west-1".into(),
            code: Some("ForbiddenException".into()),
            message: None,
        }),
    });
    let mut rest = first[1..].to_vec();
    rest.extend(role_calls(&h));
    assert_eq!(rest.len(), 10);
    let mut more = Vec::new();
    for (account_id, role, id, _) in rest {
        let result = credentials(&h, 10);
        h.answer(Outcome::Assumed {
            identity: Identity::sso(id, account_id, role),
            result: Ok(result),
        });
        more.extend(role_calls(&h));
    }
    for (account_id, role, id, _) in more {
        let result = credentials(&h, 10);
        h.answer(Outcome::Assumed {
            identity: Identity::sso(id, account_id, role),
            result: Ok(result),
        });
    }
    assert_eq!(h.state.session.pinned().count(), 11);
    assert_eq!(h.state.session.identity, IdentityId::START, "no switch");
    let said = h.state.status_text();
    assert!(
        said.contains("Reader pinned in 11 accounts")
            && said.contains("team01: ForbiddenException"),
        "{said}"
    );

    // Five minutes before they expire, each is asked for again through the portal.
    h.state.wall += jiff::SignedDuration::from_mins(6);
    h.act(Action::Tick);
    let renewals = role_calls(&h);
    assert_eq!(renewals.len(), 11, "{:?}", h.effects);
    assert!(
        renewals
            .iter()
            .all(|(_, _, id, as_whom)| id == as_whom && h.state.session.is_held(*id)),
        "each renewed as itself: {renewals:?}"
    );

    // The sign-in expired: one renewal is refused, and not asked again by itself...
    let (account_id, role, id, _) = renewals[0].clone();
    h.answer(Outcome::Assumed {
        identity: Identity::sso(id, account_id.clone(), role.clone()),
        result: Err(signed_out()),
    });
    h.act(Action::Tick);
    assert!(role_calls(&h).is_empty(), "{:?}", h.effects);
    // ...until the user signs in again: then it is renewed at the next tick.
    h.answer(signed_in(&h, "WXYZ-ABCD"));
    h.act(Action::Tick);
    assert_eq!(
        role_calls(&h),
        [(account_id, role, id, id)],
        "renewed again after the sign-in"
    );
}

#[test]
fn sso_login_signs_in_where_the_start_profile_does_else_the_first() {
    use smtui_core::app::{Settings, State};
    let profile = |name: &str, session: &str| ProfileInfo {
        name: name.into(),
        kind: ProfileKind::Sso {
            login: Some(SsoLogin {
                session: Some(session.into()),
                ..login()
            }),
        },
        mfa_serial: None,
        region: None,
        duration_secs: None,
        session_name: None,
        mfa_process: None,
    };
    let mut profiles = vec![profile("a", "first"), profile("b", "second")];
    // A role assumed from b signs in where b does.
    profiles.push(ProfileInfo {
        name: "via-b".into(),
        kind: ProfileKind::Role {
            role_arn: smtui_core::ids::Arn::parse("arn:aws:iam::123456789012:role/x")
                .expect("an ARN"),
            source: Some("b".into()),
        },
        ..profile("unused", "unused")
    });
    let state = || {
        State::new(
            Settings::default(),
            &["us-east-1".to_owned()],
            std::time::Instant::now(),
        )
    };
    let first = |s: &State| s.rooms.sso.logins()[0].name().to_owned();
    let plain = state().with_profiles(profiles.clone());
    assert_eq!(first(&plain), "first");
    let started_as_b = state()
        .with_profiles(profiles.clone())
        .with_start_profile(Some("b".into()));
    assert_eq!(first(&started_as_b), "second");
    let either_order = state()
        .with_start_profile(Some("b".into()))
        .with_profiles(profiles.clone());
    assert_eq!(first(&either_order), "second");
    assert_eq!(either_order.rooms.sso.logins().len(), 2);
    let through_a_role = state()
        .with_profiles(profiles.clone())
        .with_start_profile(Some("via-b".into()));
    assert_eq!(first(&through_a_role), "second");
}
