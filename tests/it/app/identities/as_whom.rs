//! What is said about a held identity's row is said as that identity: a write of B's row
//! refused, B's policy or audit lookup refused, name B's caller even while A is the
//! identity worked as; and the audit pane asked as B leaves out B's own reads, not A's.

use super::callers::{caller, denied};
use super::{B, answer_as, both_held, sent};
use crate::common::audit::{event, lookups};
use crate::common::{Harness, detail_for};
use crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;
use smtui_core::app::{AwsCall, Outcome};
use smtui_core::features::audit::{self, AuditPage};
use smtui_core::features::{lifecycle, tags};
use smtui_core::room::Stamp;
use smtui_core::room::layers::Layer;

const ALICE: &str = "arn:aws:sts::123456789012:assumed-role/Auditor/alice";
const BOB: &str = "arn:aws:sts::222222222222:assumed-role/Reader/bob";

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// A and B both held and known (A is alice, B is bob), B's row selected and described
/// (without replicas, so it may be deleted).
fn b_selected() -> (Harness, Stamp, Stamp) {
    let (mut h, a, b) = both_held();
    for (stamp, arn) in [(a, ALICE), (b, BOB)] {
        answer_as(
            &mut h,
            stamp,
            Outcome::WhoAmI {
                result: Ok(caller(arn)),
            },
        );
    }
    let secret = h.selected_secret();
    assert_eq!(secret.identity, B);
    let mut detail = detail_for(h.state.selected().expect("B's row"));
    detail.replicas.clear();
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret,
            result: Ok(detail),
        },
    );
    h.state.status = None;
    (h, a, b)
}

/// The one AWS call the last action sent, which must be made as `stamp`.
fn one_call_as(h: &Harness, stamp: Stamp) -> AwsCall {
    match &sent(h)[..] {
        [(sent_as, call)] if *sent_as == stamp => call.clone(),
        other => panic!("one call as {stamp:?}: {other:?}"),
    }
}

/// The footer says `who`, and not `not`.
fn said_as(h: &Harness, who: &str, not: &str) {
    let text = h.state.status_text();
    assert!(text.contains(who) && !text.contains(not), "{text}");
}

#[test]
fn a_refused_delete_of_b_s_row_is_explained_as_b() {
    let (mut h, _, b) = b_selected();
    press(&mut h, KeyCode::Char('D'));
    assert_eq!(h.state.layers.top(), Layer::Delete);
    press(&mut h, KeyCode::Enter);
    h.type_text("b-secret");
    press(&mut h, KeyCode::Enter);
    let AwsCall::Lifecycle(call @ lifecycle::Call::Delete { .. }) = one_call_as(&h, b) else {
        panic!("the delete sent: {:?}", sent(&h))
    };
    answer_as(
        &mut h,
        b,
        Outcome::Lifecycle(lifecycle::Outcome::Wrote {
            call,
            result: Err(denied("DeleteSecret", "us-east-1")),
        }),
    );
    said_as(&h, BOB, ALICE);
}

#[test]
fn a_refused_tag_and_policy_of_b_s_row_are_explained_as_b() {
    let (mut h, _, b) = b_selected();
    press(&mut h, KeyCode::Char('t'));
    let AwsCall::Tags(tags::Call::FetchPolicy { secret }) = one_call_as(&h, b) else {
        panic!("the policy fetched: {:?}", sent(&h))
    };
    answer_as(
        &mut h,
        b,
        Outcome::Tags(tags::Outcome::Policy {
            secret,
            result: Err(denied("GetResourcePolicy", "us-east-1")),
        }),
    );
    let popup = h
        .state
        .layers
        .popup::<tags::Popup>()
        .expect("the tags popup");
    let why = popup
        .policy
        .clone()
        .expect("answered")
        .expect_err("refused");
    assert!(why.contains(BOB) && !why.contains(ALICE), "{why}");

    press(&mut h, KeyCode::Char('a'));
    h.type_text("team");
    press(&mut h, KeyCode::Enter);
    h.type_text("payments");
    press(&mut h, KeyCode::Enter);
    press(&mut h, KeyCode::Char('y'));
    let AwsCall::Tags(call @ tags::Call::Tag { .. }) = one_call_as(&h, b) else {
        panic!("the tag sent: {:?}", sent(&h))
    };
    answer_as(
        &mut h,
        b,
        Outcome::Tags(tags::Outcome::Wrote {
            call,
            result: Err(denied("TagResource", "us-east-1")),
        }),
    );
    said_as(&h, BOB, ALICE);
}

#[test]
fn a_refused_audit_lookup_of_b_s_row_is_explained_as_b() {
    let (mut h, _, b) = b_selected();
    press(&mut h, KeyCode::Char('A'));
    let asked_as_b: Vec<_> = sent(&h).iter().map(|(stamp, _)| *stamp == b).collect();
    assert!(!asked_as_b.is_empty() && asked_as_b.iter().all(|b| *b));
    let query = lookups(&h)[0].0;
    answer_as(
        &mut h,
        b,
        Outcome::Audit(audit::Outcome::Page {
            query,
            result: Err(denied("LookupEvents", "us-east-1")),
        }),
    );
    let view = h
        .state
        .layers
        .popup::<audit::AuditView>()
        .expect("the audit view");
    let why = view.error.clone().expect("the lookup failed");
    assert!(why.contains(BOB) && !why.contains(ALICE), "{why}");
}

#[test]
fn the_audit_pane_asked_as_b_leaves_out_b_s_own_reads_not_a_s() {
    let (mut h, _, b) = b_selected();
    press(&mut h, KeyCode::Char('A'));
    let query = lookups(&h)[0].0;
    let via_smtui = json!({"userAgent": "aws-sdk-rust/1.8 app/smtui"});
    let read_by = |id: &str, arn: &str, key: &str| {
        let who = json!({"type": "AssumedRole", "arn": arn, "accessKeyId": key});
        event(
            id,
            "GetSecretValue",
            "2026-11-25T11:00:00Z",
            &who,
            &via_smtui,
        )
    };
    answer_as(
        &mut h,
        b,
        Outcome::Audit(audit::Outcome::Page {
            query,
            result: Ok(AuditPage {
                events: vec![
                    read_by("bob-read", BOB, "ASIABOB"),
                    read_by("alice-read", ALICE, "ASIAALICE"),
                ],
                next_token: None,
                // B's lookups are signed with B's key.
                signed_with: Some("ASIABOB".into()),
            }),
        }),
    );
    let view = h
        .state
        .layers
        .popup::<audit::AuditView>()
        .expect("the audit view");
    assert_eq!(
        view.me.arn.as_deref(),
        Some(BOB),
        "the view knows B as itself"
    );
    let shown: Vec<_> = view.rows().map(|e| e.id.as_str()).collect();
    assert_eq!(shown, ["alice-read"], "B's own read through smtui left out");
}
