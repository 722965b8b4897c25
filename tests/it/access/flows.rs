//! The access pane through the app: opened from the palette, it sends only reads (the
//! resource policy, the key, the account's IAM page by page) and draws its rows as they
//! arrive; Enter shows the deciding statements; `access-verify` asks the simulator with the
//! resource policy; a refused source is named with its permission while the rest still shows.

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{AwsCall, Command, Effect, Outcome};
use smtui_core::features::access::{self, Call};
use smtui_core::model::access::{IamPage, IamRole, KeyFacts, PolicyText, Simulation};
use smtui_core::model::{AwsError, ErrorKind};
use smtui_core::room::layers::Layer;

use crate::common::Harness;

const DENY_APP: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"DenyApp","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"},{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}"#;

pub(super) fn access_calls(h: &Harness) -> Vec<Call> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                call: AwsCall::Access(call),
                ..
            } => Some(call.clone()),
            _ => None,
        })
        .collect()
}

pub(super) fn role(name: &str, policy: &str) -> IamRole {
    IamRole {
        arn: format!("arn:aws:iam::123456789012:role/{name}"),
        name: name.to_owned(),
        inline: vec![PolicyText {
            name: format!("{name}-secrets"),
            text: policy.to_owned(),
        }],
        attached: Vec::new(),
        boundary: None,
    }
}

/// The account's IAM: `app` may read every secret, `ci` only secrets under `ci/`.
pub(super) fn iam_page() -> IamPage {
    IamPage {
        roles: vec![
            role(
                "app",
                r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}}"#,
            ),
            role(
                "ci",
                r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:ci/*"}}"#,
            ),
            role(
                "reporting",
                r#"{"Statement":{"Effect":"Allow","Action":"secretsmanager:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}"#,
            ),
        ],
        ..IamPage::default()
    }
}

/// The pane opened from the palette on the selected secret (AWS managed key): the calls
/// it sends, before any answer.
pub(super) fn opened() -> (Harness, Vec<Call>) {
    let mut h = Harness::loaded();
    h.cmd(Command::Access(access::Command::Open));
    assert_eq!(h.state.layers.top(), Layer::Access);
    let calls = access_calls(&h);
    (h, calls)
}

pub(super) fn answer(h: &mut Harness, outcome: access::Outcome) {
    h.answer(Outcome::Access(outcome));
}

/// The pane opened on the selected secret (AWS managed key) and answered: its resource
/// policy, then the account's IAM in one page (or its refusal).
pub(super) fn answered(
    policy: String,
    iam: Result<IamPage, AwsError>,
    total: Option<usize>,
) -> Harness {
    let (mut h, _) = opened();
    let secret = h.selected_secret();
    answer(
        &mut h,
        access::Outcome::ResourcePolicy {
            secret: secret.clone(),
            result: Ok(Some(policy)),
        },
    );
    answer(
        &mut h,
        access::Outcome::IamPage {
            secret,
            result: iam,
            total,
        },
    );
    h
}

pub(super) fn loaded() -> Harness {
    answered(DENY_APP.to_owned(), Ok(iam_page()), Some(3))
}

#[test]
fn opening_sends_only_reads_and_no_key_call_for_the_aws_managed_key() {
    let (h, calls) = opened();
    let secret = h.selected_secret();
    assert_eq!(
        calls,
        [
            Call::ResourcePolicy {
                secret: secret.clone()
            },
            Call::Reads {
                secret: secret.clone(),
                start: crate::common::ts("2026-08-27T12:00:00Z"),
                end: crate::common::ts(crate::common::NOW),
                token: None,
            },
            Call::IamPage {
                secret,
                marker: None
            },
        ]
    );
    let screen = h.screen(120, 30);
    assert!(screen.contains("Reading the resource policy…"), "{screen}");
    assert!(screen.contains("Reading the account's IAM"), "{screen}");
}

#[test]
fn a_customer_managed_key_is_described_and_iam_is_read_page_by_page_once() {
    let mut h = Harness::loaded();
    let mut detail = crate::common::detail_for(h.state.selected().expect("selected"));
    detail.kms_key_id = Some("alias/payments".to_owned());
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    h.cmd(Command::Access(access::Command::Open));
    let secret = h.selected_secret();
    assert!(access_calls(&h).contains(&Call::Key {
        secret: secret.clone(),
        key_id: "alias/payments".to_owned()
    }));
    let first = IamPage {
        marker: Some("m1".to_owned()),
        ..iam_page()
    };
    answer(
        &mut h,
        access::Outcome::IamPage {
            secret: secret.clone(),
            result: Ok(first),
            total: Some(6),
        },
    );
    assert_eq!(
        access_calls(&h),
        [Call::IamPage {
            secret: secret.clone(),
            marker: Some("m1".to_owned())
        }]
    );
    let screen = h.screen(120, 30);
    assert!(screen.contains("3 of about 6"), "a progress bar: {screen}");
    answer(
        &mut h,
        access::Outcome::IamPage {
            secret: secret.clone(),
            result: Ok(IamPage::default()),
            total: None,
        },
    );
    answer(
        &mut h,
        access::Outcome::Key {
            secret,
            result: Ok(KeyFacts {
                arn: "arn:aws:kms:us-east-1:123456789012:key/k-1".to_owned(),
                aws_managed: false,
                policy: Some(r#"{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}}"#.to_owned()),
            }),
        },
    );
    let screen = h.screen(120, 30);
    assert!(screen.contains("3 users and roles"), "{screen}");
    // Closed and opened again: IAM comes from the session's cache, not from AWS.
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    h.cmd(Command::Access(access::Command::Open));
    assert!(
        !access_calls(&h)
            .iter()
            .any(|c| matches!(c, Call::IamPage { .. })),
        "{:?}",
        access_calls(&h)
    );
}

#[test]
fn the_pane_lists_readers_first_and_says_what_stops_the_others() {
    let h = loaded();
    insta::assert_snapshot!("access_pane_120x24", h.screen(120, 24));
    let screen = h.screen(120, 24);
    assert!(
        screen.contains("2 can read (0 outside the account, public: no)"),
        "{screen}"
    );
    // Kept for the session, with its age.
    let mut later = loaded();
    later.state.wall = crate::common::ts("2026-11-25T12:05:00Z");
    let aged = later.screen(120, 24);
    assert!(
        aged.contains("IAM, read 5 minutes ago (2026-11-25 12:00 UTC)"),
        "{aged}"
    );
    // The partner account is named by the policy, but the AWS managed key stays in its
    // account.
    assert!(
        screen
            .lines()
            .any(|l| l.contains("account 210987654321 (root)") && l.contains("no: key")),
        "{screen}"
    );
}

#[test]
fn enter_shows_the_statements_that_decide_a_row() {
    let mut h = loaded();
    // The denied role sorts after the readers: walk to it.
    let screen = h.screen(120, 24);
    let at = screen
        .lines()
        .skip_while(|l| !l.contains("PRINCIPAL"))
        .skip(1)
        .position(|l| l.contains("┃app "))
        .expect("a row for the app role");
    for _ in 0..at {
        h.press(KeyCode::Down, KeyModifiers::NONE);
    }
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::AccessStatements);
    insta::assert_snapshot!(
        "access_statements_of_a_denied_role_100x30",
        h.screen(100, 30)
    );
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Access);
}

#[test]
fn verify_asks_the_simulator_with_the_resource_policy_and_shows_a_disagreement() {
    let mut h = loaded();
    // `reporting`, the second row: allowed only under a condition.
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.cmd(Command::Access(access::Command::Verify));
    let secret = h.selected_secret();
    let calls = access_calls(&h);
    let [
        Call::Simulate {
            principal,
            resource_policy,
            ..
        },
    ] = calls.as_slice()
    else {
        panic!("one simulation: {calls:?}");
    };
    assert_eq!(resource_policy.as_deref(), Some(DENY_APP));
    answer(
        &mut h,
        access::Outcome::Simulated {
            secret,
            principal: principal.clone(),
            result: Ok(Simulation {
                decision: "implicitDeny".to_owned(),
                matched: Vec::new(),
                missing_context: vec!["aws:SourceIp".to_owned()],
                boundary_allows: None,
            }),
        },
    );
    let screen = h.screen(120, 24);
    assert!(screen.contains("Simulator: implicitDeny"), "{screen}");
    assert!(screen.contains("DISAGREES"), "{screen}");
    assert!(screen.contains("aws:SourceIp"), "{screen}");
}

#[test]
fn a_refused_iam_read_names_its_permission_and_the_policies_still_show() {
    let refused = AwsError {
        kind: ErrorKind::AccessDenied,
        operation: "GetAccountAuthorizationDetails",
        region: "us-east-1".to_owned(),
        code: Some("AccessDenied".to_owned()),
        message: Some(
            "User is not authorized to perform: iam:GetAccountAuthorizationDetails".to_owned(),
        ),
    };
    let h = answered(DENY_APP.to_owned(), Err(refused), None);
    let screen = h.screen(140, 24);
    assert!(
        screen.contains("it needs iam:GetAccountAuthorizationDetails"),
        "{screen}"
    );
    assert!(screen.contains("account 210987654321 (root)"), "{screen}");
}

#[test]
fn the_simulator_is_asked_about_users_and_roles_only() {
    let mut h = loaded();
    // The rows: the account's root (yes), `reporting` (only if its condition holds), the
    // partner account (the AWS managed key stops it), `app` (denied).
    h.cmd(Command::Access(access::Command::Verify));
    assert!(access_calls(&h).is_empty(), "the root is not simulated");
    assert!(
        h.screen(120, 24).contains("for users and roles only"),
        "{}",
        h.screen(120, 24)
    );
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.press(KeyCode::Down, KeyModifiers::NONE);
    h.cmd(Command::Access(access::Command::Verify));
    assert!(
        access_calls(&h).is_empty(),
        "another account's root is not simulated"
    );
    h.press(KeyCode::Up, KeyModifiers::NONE);
    h.cmd(Command::Access(access::Command::Verify));
    let calls = access_calls(&h);
    assert!(
        matches!(calls.as_slice(), [Call::Simulate { principal, .. }] if principal == "arn:aws:iam::123456789012:role/reporting"),
        "{calls:?}"
    );
}
