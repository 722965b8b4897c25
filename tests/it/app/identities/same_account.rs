//! Two roles in ONE account: both list the same secret, as two rows of one ARN, and each
//! row is selected, described, revealed, changed and dropped as its own identity's.

use super::{B, answer_as, b_row, page, sent, value};
use crate::common::{Harness, detail_for, summary};
use smtui_core::app::envelope::{IdentityId, Stamp};
use smtui_core::app::{
    Action, AwsCall, Command, Effect, Outcome, Recovery, Timer, Written, hold_identity,
    release_identity,
};
use smtui_core::features::rotation::overview::Overview;
use smtui_core::features::{lifecycle, reveal};

/// A and B both held, two roles in ONE account: each lists the same secret, so the list
/// holds two rows of one ARN, A's (listed first, selected) and B's.
fn same_account() -> (Harness, Stamp, Stamp) {
    let mut h = Harness::new();
    let a = h.state.session.stamp();
    hold_identity(&mut h.state, B);
    let b = h.state.session.stamp_for(B).expect("B is held");
    let shared = || vec![summary("shared", "us-east-1")];
    answer_as(&mut h, a, page("us-east-1", shared()));
    answer_as(&mut h, b, page("us-east-1", shared()));
    (h, a, b)
}

/// Each listed row: the identity that listed it, its ARN, and its description.
fn rows(h: &Harness) -> Vec<(IdentityId, String, Option<String>)> {
    let mut rows: Vec<_> = h
        .state
        .browse
        .list
        .all()
        .map(|s| (s.identity, s.arn.clone(), s.description.clone()))
        .collect();
    rows.sort();
    rows
}

/// Describes and reveals the selected row; returns the stamps the two calls carried and
/// the identity their secret was addressed as.
fn describe_and_reveal(h: &mut Harness) -> (Stamp, Stamp, IdentityId) {
    let secret = h.selected_secret();
    h.act(Action::DetailDue {
        secret: secret.clone(),
    });
    let described = match &sent(h)[..] {
        [(stamp, AwsCall::Describe { secret: s })] if *s == secret => *stamp,
        other => panic!("one Describe of the selected row: {other:?}"),
    };
    h.cmd(Command::Reveal);
    let revealed = match &sent(h)[..] {
        [(stamp, AwsCall::GetValue { secret: s, .. })] if *s == secret => *stamp,
        other => panic!("one GetValue of the selected row: {other:?}"),
    };
    (described, revealed, secret.identity)
}

#[test]
fn two_identities_in_one_account_list_the_same_secret_as_two_rows() {
    let (h, a, b) = same_account();
    let arn = summary("shared", "us-east-1").arn;
    assert_eq!(
        rows(&h)
            .into_iter()
            .map(|(identity, arn, _)| (identity, arn))
            .collect::<Vec<_>>(),
        [(a.identity, arn.clone()), (b.identity, arn)],
        "one row each, side by side"
    );
    assert_eq!(h.state.browse.list.len(), 2, "both shown");
    assert_eq!(h.state.selected().map(|s| s.identity), Some(a.identity));
}

#[test]
fn each_row_of_one_secret_is_described_and_revealed_as_its_own_identity() {
    let (mut h, a, b) = same_account();
    let arn = summary("shared", "us-east-1").arn;

    // A's row: described and revealed as A, its detail kept under A.
    assert_eq!(describe_and_reveal(&mut h), (a, a, a.identity));
    let a_row = h.state.selected().cloned().expect("A's row");
    let a_secret = h.selected_secret();
    answer_as(
        &mut h,
        a,
        Outcome::Described {
            secret: a_secret,
            result: Ok(detail_for(&a_row)),
        },
    );
    assert!(h.state.details.get(a.identity, &arn).is_some());
    assert!(h.state.details.get(B, &arn).is_none());
    assert!(
        h.state.selected_detail().is_some(),
        "A's row shows A's detail"
    );
    let request = h.state.reveal.pending.last().expect("a fetch").request;
    answer_as(
        &mut h,
        a,
        Outcome::Reveal(reveal::Outcome::Fetched {
            request,
            result: Ok(value("a's value")),
        }),
    );
    assert!(h.state.reveal.value.is_some(), "A's value shown");

    // B's row of the same ARN is another row: moving to it is a selection change (A's
    // value is masked, B's row is described when the selection rests) and A's detail is
    // not B's.
    h.cmd(Command::Down);
    assert_eq!(h.state.selected().map(|s| s.identity), Some(B));
    assert!(h.state.reveal.value.is_none(), "A's value is masked");
    assert!(
        h.effects.iter().any(|e| matches!(e,
            Effect::After { timer: Timer::DetailDue { secret }, .. } if secret.identity == B)),
        "{:?}",
        h.effects
    );
    assert!(
        h.state.selected_detail().is_none(),
        "B's row is not described yet"
    );
    assert!(h.state.ctx().detail.is_none());
    assert_eq!(describe_and_reveal(&mut h), (b, b, B));
    let b_selected = h.state.selected().cloned().expect("B's row");
    let b_secret = h.selected_secret();
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret: b_secret,
            result: Ok(detail_for(&b_selected)),
        },
    );
    assert!(h.state.details.get(B, &arn).is_some());
    assert!(
        h.state.selected_detail().is_some(),
        "B's row shows B's detail"
    );
}

#[test]
fn a_row_refreshed_deleted_or_removed_for_one_identity_leaves_the_other_s() {
    let (mut h, a, b) = same_account();
    let arn = summary("shared", "us-east-1").arn;
    let listed = Some("shared for the app".to_owned());

    // Described as B with a new description: B's row takes it, A's keeps its own.
    h.cmd(Command::Down);
    let b_secret = h.selected_secret();
    assert_eq!(b_secret.identity, B);
    let mut detail = detail_for(h.state.selected().expect("B's row"));
    detail.description = Some("changed as B".into());
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret: b_secret.clone(),
            result: Ok(detail),
        },
    );
    assert_eq!(
        rows(&h),
        [
            (a.identity, arn.clone(), listed.clone()),
            (B, arn.clone(), Some("changed as B".into()))
        ]
    );

    // Deleted as A: A's row is scheduled for deletion (and hidden), B's is not.
    h.cmd(Command::Up);
    let a_secret = h.selected_secret();
    assert_eq!(a_secret.identity, a.identity);
    answer_as(
        &mut h,
        a,
        Outcome::Lifecycle(lifecycle::Outcome::Wrote {
            call: AwsCall::Delete {
                secret: a_secret,
                recovery: Recovery::Days(7),
            },
            result: Ok(Written::Deleted {
                on: Some(crate::common::ts("2026-12-31T00:00:00Z")),
            }),
        }),
    );
    let deleted = |h: &Harness, identity| {
        h.state
            .browse
            .list
            .all()
            .find(|s| s.identity == identity)
            .map(|s| s.deleted_date.is_some())
    };
    assert_eq!(deleted(&h, a.identity), Some(true), "A's row is deleted");
    assert_eq!(deleted(&h, B), Some(false), "B's row is not");
    assert_eq!(h.state.browse.list.len(), 1, "A's row is hidden, B's shown");
    assert_eq!(h.state.selected().map(|s| s.identity), Some(B));

    // B lists again and the secret is no longer in its page: B's row goes, A's stays.
    hold_identity(&mut h.state, B);
    let again = h.state.session.stamp_for(B).expect("B is held");
    answer_as(&mut h, again, page("us-east-1", vec![b_row("b-other")]));
    let left: Vec<_> = rows(&h).into_iter().map(|(i, arn, _)| (i, arn)).collect();
    assert_eq!(left, [(a.identity, arn), (B, b_row("b-other").arn),]);

    // Released, B's rows all go; A's row of the secret is still there.
    release_identity(&mut h.state, B);
    assert_eq!(rows(&h).len(), 1);
    assert!(h.state.browse.list.all().all(|s| s.identity == a.identity));
}

#[test]
fn selecting_a_row_by_its_key_picks_that_identity_s_row() {
    let (mut h, a, _) = same_account();
    let arn = summary("shared", "us-east-1").arn;
    let b_key = smtui_core::ids::RowKey::new(B, arn.clone());
    assert!(h.state.browse.list.select(&b_key));
    assert_eq!(h.state.selected().map(|s| s.identity), Some(B));
    let a_key = smtui_core::ids::RowKey::new(a.identity, arn.clone());
    assert!(h.state.browse.list.select(&a_key));
    assert_eq!(h.state.selected().map(|s| s.identity), Some(a.identity));
    let unheld = smtui_core::ids::RowKey::new(IdentityId(99), arn);
    assert!(
        !h.state.browse.list.select(&unheld),
        "no row of an identity not held"
    );
}

#[test]
fn the_rotation_overview_jumps_to_the_row_of_the_identity_it_found_it_in() {
    use crossterm::event::{KeyCode, KeyModifiers};
    let (mut h, a, _) = same_account();
    for at in 0..2 {
        h.press(KeyCode::Char('o'), KeyModifiers::NONE);
        let overview = h
            .state
            .layers
            .popup::<Overview>()
            .cloned()
            .expect("the overview");
        let found: Vec<_> = overview
            .report
            .findings
            .iter()
            .map(|f| f.identity)
            .collect();
        assert!(
            found.contains(&a.identity) && found.contains(&B),
            "a finding each: {found:?}"
        );
        for _ in 0..at {
            h.press(KeyCode::Down, KeyModifiers::NONE);
        }
        h.press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            h.state.selected().map(|s| s.identity),
            Some(found[at]),
            "finding {at} selects its own identity's row"
        );
    }
}
