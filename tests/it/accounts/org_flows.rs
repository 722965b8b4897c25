//! An organisation's accounts through the router: `:org` takes the role and narrowing,
//! lists the accounts as the identity worked as, assumes the role in each (at most ten on
//! their way), pins each as it answers, and keeps a refusal with its reason for the account
//! bar; `--org` does the same once who smtui is is known.

use crate::common::roles::press;
use crate::common::{Harness, arn};
use crossterm::event::KeyCode;
use smtui_core::app::{Action, Assumed, AwsCall, Command, Effect, Envelope, IdentityId, Outcome};
use smtui_core::features::{org, session};
use smtui_core::ids::Identity;
use smtui_core::model::org::OrgAccount;
use smtui_core::model::{AwsError, CallerIdentity, ErrorKind};
use smtui_core::room::layers::Layer;

const OWN: &str = "123456789012";

fn account(n: u64, name: &str) -> OrgAccount {
    OrgAccount {
        id: format!("{}", 300_000_000_000 + n),
        name: name.to_owned(),
        active: true,
    }
}

/// The organisation: the management account (this one), twelve members, one suspended.
fn organisation() -> Vec<OrgAccount> {
    let mut accounts = vec![account(0, "management")];
    OWN.clone_into(&mut accounts[0].id);
    accounts.extend((1..=12).map(|n| account(n, &format!("team{n}"))));
    let mut suspended = account(13, "closed");
    suspended.active = false;
    accounts.push(suspended);
    accounts
}

fn known_as_start(h: &mut Harness) {
    h.answer(Outcome::WhoAmI {
        result: Ok(CallerIdentity {
            account: OWN.to_owned(),
            arn: arn("arn:aws:iam::123456789012:user/alice"),
        }),
    });
}

/// The AssumeRoles of the last action: (role ARN, the identity it makes, stamped as).
fn assumes(h: &Harness) -> Vec<(String, IdentityId, IdentityId)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                stamp,
                call:
                    AwsCall::Session(session::Call::AssumeRole {
                        role_arn,
                        new_identity,
                        ..
                    }),
            } => Some((role_arn.to_string(), *new_identity, stamp.identity)),
            _ => None,
        })
        .collect()
}

fn answer_assume(h: &mut Harness, role: &str, id: IdentityId, result: Result<(), ErrorKind>) {
    let stamp = h.state.session.stamp();
    let result = match result {
        Ok(()) => Ok(Assumed {
            arn: None,
            expires: Some(h.state.wall + jiff::SignedDuration::from_hours(1)),
        }),
        Err(kind) => Err(AwsError {
            kind,
            operation: "AssumeRole",
            region: "us-east-1".into(),
            code: Some("AccessDenied".into()),
            message: Some(format!(
                "not authorized to perform: sts:AssumeRole on {role}"
            )),
        }),
    };
    h.act(Action::Result(Envelope {
        stamp,
        outcome: Outcome::Assumed {
            identity: Identity::role(id, arn(role)),
            result,
        },
    }));
}

#[test]
fn org_pins_every_active_account_ten_at_a_time_and_keeps_a_refusal() {
    let mut h = Harness::loaded();
    known_as_start(&mut h);
    h.cmd(Command::Org(org::Command::Discover));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    press(&mut h, KeyCode::Enter);
    assert!(
        matches!(
            &h.calls()[..],
            [AwsCall::Org(org::Call::Accounts { unit: None })]
        ),
        "{:?}",
        h.calls()
    );
    h.answer(Outcome::Org(org::Outcome::Accounts(Ok(organisation()))));
    let first = assumes(&h);
    assert_eq!(first.len(), 10, "at most ten on their way");
    assert!(
        first
            .iter()
            .all(|(_, _, as_whom)| *as_whom == IdentityId::START)
    );
    assert_eq!(
        first[0].0, "arn:aws:iam::300000000001:role/OrganizationAccountAccessRole",
        "this account (the management one) is held already: not assumed"
    );
    let mut made: Vec<IdentityId> = first.iter().map(|(_, id, _)| *id).collect();
    made.sort_unstable();
    made.dedup();
    assert_eq!(made.len(), 10, "an identity each");
    assert!(
        h.state
            .status_text()
            .contains("12 of the organisation's 14 accounts"),
        "{}",
        h.state.status_text()
    );

    // team1 pinned: its regions are listed as it, and the eleventh assume starts.
    let (role, id, _) = first[0].clone();
    answer_assume(&mut h, &role, id, Ok(()));
    assert!(h.state.session.is_held(id));
    let listed = h
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::Aws { stamp, call: AwsCall::ListSecrets { .. } } if stamp.identity == id))
        .count();
    assert_eq!(listed, 3);
    let eleventh = assumes(&h);
    assert_eq!(eleventh.len(), 1);
    assert!(eleventh[0].0.contains("300000000011"), "{eleventh:?}");
    // team2 refuses: kept with its reason, and the twelfth starts.
    let (role, id, _) = first[1].clone();
    answer_assume(&mut h, &role, id, Err(ErrorKind::AccessDenied));
    assert!(!h.state.session.is_held(id));
    let twelfth = assumes(&h);
    assert!(twelfth[0].0.contains("300000000012"), "{twelfth:?}");
    assert_eq!(
        h.state.rooms.org.refused(),
        [(
            "team2".to_owned(),
            "access denied (AccessDenied)".to_owned()
        )]
    );
    // The rest answer, and the summary is said once.
    for (role, id, _) in first[2..].iter().chain(&eleventh).chain(&twelfth) {
        answer_assume(&mut h, role, *id, Ok(()));
    }
    assert_eq!(h.state.session.pinned().count(), 11);
    assert_eq!(h.state.session.identity, IdentityId::START, "no switch");
    assert!(
        h.state.status_text().contains(
            "Organisation: 11 accounts pinned, 1 refused the assume (the account bar says why); \
             2 left out"
        ),
        "{}",
        h.state.status_text()
    );
    let screen = h.screen(200, 30);
    let bar = screen.lines().nth(1).unwrap_or_default().to_owned();
    assert!(
        bar.contains("team2 ✗ assume refused: access denied"),
        "{bar}"
    );
}

#[test]
fn org_at_start_asks_beside_who_smtui_is_and_chooses_once_that_answers() {
    let mut h = Harness::loaded();
    let options: org::OrgOptions = "role=Reader".parse().expect("valid");
    h.state.rooms.org.start_with(options);
    let effects = smtui_core::app::init(&mut h.state);
    assert!(
        effects.iter().any(|e| matches!(
            e,
            Effect::Aws {
                call: AwsCall::Org(org::Call::Accounts { unit: None }),
                ..
            }
        )),
        "asked at once, beside GetCallerIdentity: {effects:?}"
    );
    // The accounts come first: nothing is assumed until who smtui is is known (its own
    // account is left out).
    h.answer(Outcome::Org(org::Outcome::Accounts(Ok(organisation()))));
    assert!(assumes(&h).is_empty());
    known_as_start(&mut h);
    let first = assumes(&h);
    assert_eq!(first.len(), 10);
    assert!(first.iter().all(|(role, _, _)| !role.contains(OWN)));
}

#[test]
fn org_at_start_waits_for_who_smtui_is_then_lists_a_unit() {
    let mut h = Harness::loaded();
    let options: org::OrgOptions = "role=Reader unit=prod".parse().expect("valid");
    h.state.rooms.org.start_with(options);
    known_as_start(&mut h);
    assert!(
        matches!(&h.calls()[..], [AwsCall::Org(org::Call::Accounts { unit: Some(u) })] if u == "prod"),
        "{:?}",
        h.calls()
    );
    // A denied listing is said, with whom it takes.
    h.answer(Outcome::Org(org::Outcome::Accounts(Err(AwsError {
        kind: ErrorKind::AccessDenied,
        operation: "ListAccountsForParent",
        region: "us-east-1".into(),
        code: Some("AccessDeniedException".into()),
        message: Some("You don't have permissions to access this resource.".into()),
    }))));
    assert!(
        h.state
            .status_text()
            .contains("management account or a delegated administrator"),
        "{}",
        h.state.status_text()
    );
    assert!(h.state.rooms.org.discovery.is_none());
}
