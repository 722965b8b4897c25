//! A pinned identity's credentials are renewed on their own before they expire, the way
//! they were got (AssumeRole again as the identity that assumed the role), without touching
//! the identity worked as or anything on its way; one that could not be renewed is said
//! expired in the account bar, and the other accounts keep working.

use crate::common::roles::{ROLE, press};
use crate::common::{Harness, arn, summary};
use crossterm::event::KeyCode;
use smtui_core::app::{Action, Assumed, AwsCall, Effect, Envelope, IdentityId, Outcome};
use smtui_core::features::session;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::ids::Identity;
use smtui_core::model::{AwsError, ErrorKind};
use smtui_core::room::layers::Layer;

const PINNED: IdentityId = IdentityId(1);

fn minutes(h: &Harness, n: i64) -> jiff::Timestamp {
    h.state.wall + jiff::SignedDuration::from_mins(n)
}

/// The loaded harness with ROLE pinned, its credentials expiring in 10 minutes, and a row
/// of its own listed.
fn pinned_role() -> Harness {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Session(SessionCommand::Pin));
    assert_eq!(h.state.layers.top(), Layer::Roles);
    // "another role…", by its ARN, with its options as they start.
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    press(&mut h, KeyCode::Enter);
    let expires = minutes(&h, 10);
    h.answer(Outcome::Assumed {
        identity: Identity::role(PINNED, arn(ROLE)),
        result: Ok(Assumed {
            arn: Some(arn(
                "arn:aws:sts::123456789012:assumed-role/payments-reader/smtui-me",
            )),
            expires: Some(expires),
        }),
    });
    assert!(h.state.session.is_held(PINNED));
    let stamp = h.state.session.stamp_for(PINNED).expect("held");
    h.act(Action::Result(Envelope {
        stamp,
        outcome: Outcome::SecretsPage {
            region: "us-east-1".into(),
            page: vec![summary("pinned/secret", "us-east-1")],
            last: true,
        },
    }));
    h
}

/// The renewals the last action asked for: (identity made, as whom, stamped as).
fn renewals(h: &Harness) -> Vec<(IdentityId, Option<IdentityId>, IdentityId)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                stamp,
                call:
                    AwsCall::Session(session::Call::AssumeRole {
                        new_identity,
                        as_identity,
                        ..
                    }),
            } => Some((*new_identity, *as_identity, stamp.identity)),
            _ => None,
        })
        .collect()
}

#[test]
fn a_pinned_role_is_renewed_alone_before_it_expires() {
    let mut h = pinned_role();
    // The run loop ticks for it, though nothing else counts down (the start identity's
    // credentials renew themselves, no message waits).
    h.state.status = None;
    assert!(
        h.state.has_countdown(),
        "ticks while pinned credentials will expire"
    );
    // Not yet due: nothing asked.
    h.act(Action::Tick);
    assert!(renewals(&h).is_empty());
    h.state.wall = minutes(&h, 6);
    h.act(Action::Tick);
    assert_eq!(
        renewals(&h),
        [(PINNED, Some(IdentityId::START), PINNED)],
        "assumed again as the identity that first assumed it"
    );
    // Once on its way, not asked again.
    h.act(Action::Tick);
    assert!(renewals(&h).is_empty());
    let later = minutes(&h, 60);
    h.answer(Outcome::Assumed {
        identity: Identity::role(PINNED, arn(ROLE)),
        result: Ok(Assumed {
            arn: None,
            expires: Some(later),
        }),
    });
    assert_eq!(h.state.session.identity, IdentityId::START, "no switch");
    let pinned = h.state.session.pinned().next().expect("still pinned");
    assert_eq!(pinned.expires, Some(later));
    assert!(
        h.state.status_text().contains("renewed: they expire in"),
        "{}",
        h.state.status_text()
    );
    assert!(
        h.state.browse.list.all().any(|s| s.name == "pinned/secret"),
        "its rows stay"
    );
}

#[test]
fn a_pinned_identity_that_could_not_be_renewed_is_said_expired_on_its_own() {
    let mut h = pinned_role();
    h.state.wall = minutes(&h, 6);
    h.act(Action::Tick);
    h.answer(Outcome::Assumed {
        identity: Identity::role(PINNED, arn(ROLE)),
        result: Err(AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "AssumeRole",
            region: "us-east-1".into(),
            code: Some("AccessDenied".into()),
            message: Some("not authorized to perform: sts:AssumeRole".into()),
        }),
    });
    assert!(
        h.state.status_text().contains("Could not assume"),
        "{}",
        h.state.status_text()
    );
    h.state.wall = minutes(&h, 20);
    h.act(Action::Tick);
    assert!(
        renewals(&h).is_empty(),
        "a refused renewal is not asked again by itself"
    );
    let screen = h.screen(200, 30);
    let bar = screen.lines().nth(1).unwrap_or_default().to_owned();
    assert!(bar.contains("123456789012 (credentials expired):"), "{bar}");
    // The start identity's rows and regions are as they were.
    assert!(
        h.state
            .browse
            .list
            .all()
            .any(|s| s.identity == IdentityId::START && s.name == "shared/ci/deploy-key")
    );
}
