//! Who each held identity is: GetCallerIdentity's answer is kept under the identity that
//! asked, and an error about that identity's rows says as whom.

use super::{B, answer_as, both_held};
use crate::common::Harness;
use smtui_core::app::{Command, Outcome, release_identity};
use smtui_core::features::reveal;
use smtui_core::model::{AwsError, CallerIdentity, ErrorKind};
use smtui_core::room::IdentityId;
use smtui_core::room::keys::Verb;

pub(super) fn caller(arn: &str) -> CallerIdentity {
    let account = arn.split(':').nth(4).unwrap_or_default().to_owned();
    CallerIdentity {
        account,
        arn: crate::common::arn(arn),
    }
}

pub(super) fn denied(operation: &'static str, region: &str) -> AwsError {
    AwsError {
        kind: ErrorKind::AccessDenied,
        operation,
        region: region.into(),
        code: Some("AccessDeniedException".into()),
        message: Some("not allowed".into()),
    }
}

/// The caller ARN kept for `identity`, if it has answered.
fn who(h: &Harness, identity: IdentityId) -> Option<String> {
    let caller = h.state.session.caller_of(identity)?;
    caller.as_ref().ok().map(|me| me.arn.to_string())
}

#[test]
fn who_a_held_identity_is_is_kept_under_it_and_its_errors_say_so() {
    let (mut h, a, b) = both_held();
    let alice = "arn:aws:sts::123456789012:assumed-role/Auditor/alice";
    let bob = "arn:aws:sts::222222222222:assumed-role/Reader/bob";

    // B answers first: kept under B; who we work as (A) is still unknown, as the title says.
    answer_as(
        &mut h,
        b,
        Outcome::WhoAmI {
            result: Ok(caller(bob)),
        },
    );
    assert_eq!(who(&h, B).as_deref(), Some(bob));
    assert!(h.state.session.caller().is_none(), "A has not answered");
    assert!(h.state.ctx().identity.is_none());
    answer_as(
        &mut h,
        a,
        Outcome::WhoAmI {
            result: Ok(caller(alice)),
        },
    );
    assert_eq!(who(&h, a.identity).as_deref(), Some(alice));
    assert_eq!(
        h.state
            .session
            .caller()
            .and_then(|c| c.as_ref().ok())
            .map(|me| me.arn.as_str()),
        Some(alice),
        "the title's identity is A's"
    );
    assert_eq!(who(&h, B).as_deref(), Some(bob), "B's is still B's");

    // B's listing refused: said as B.
    answer_as(
        &mut h,
        b,
        Outcome::RegionFailed {
            region: "eu-west-1".into(),
            error: denied("ListSecrets", "eu-west-1"),
        },
    );
    assert!(
        h.state.status_text().contains(bob),
        "{}",
        h.state.status_text()
    );
    assert!(!h.state.status_text().contains(alice));

    // B's row's value refused: said as B.
    assert_eq!(h.state.selected().map(|s| s.identity), Some(B));
    h.cmd(Command::Verb(Verb::Reveal));
    let request = h.state.reveal.pending.last().expect("a fetch").request;
    answer_as(
        &mut h,
        b,
        Outcome::Reveal(reveal::Outcome::Fetched {
            request,
            result: Err(denied("GetSecretValue", "us-east-1")),
        }),
    );
    assert!(
        h.state.status_text().contains(bob),
        "{}",
        h.state.status_text()
    );

    // B's row's describe refused: the detail pane's words say as B.
    let error = denied("DescribeSecret", "us-east-1");
    assert!(h.state.ctx().explain_as(B, &error).contains(bob));
    assert!(
        h.state.ctx().explain(&error).contains(alice),
        "A's own say A"
    );

    // A's listing refused: said as A, as always.
    answer_as(
        &mut h,
        a,
        Outcome::RegionFailed {
            region: "eu-west-1".into(),
            error: denied("ListSecrets", "eu-west-1"),
        },
    );
    assert!(
        h.state.status_text().contains(alice),
        "{}",
        h.state.status_text()
    );

    // Released, who B was goes with the rest of B; a late answer is not kept.
    release_identity(&mut h.state, B);
    assert_eq!(who(&h, B), None);
    answer_as(
        &mut h,
        b,
        Outcome::WhoAmI {
            result: Ok(caller(bob)),
        },
    );
    assert_eq!(who(&h, B), None);
    assert_eq!(who(&h, a.identity).as_deref(), Some(alice));
}
