//! Two roles in ONE account: both list the same secret, as two rows of one ARN, and each
//! row is selected, described, revealed, changed and dropped as its own identity's.

use super::{B, answer_as, b_row, page, sent, value};
use crate::common::{Harness, detail_for, summary};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{
    Action, AwsCall, Command, Effect, Outcome, Timer, Written, hold_identity, release_identity,
};
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::features::rotation::overview::Overview;
use smtui_core::features::{lifecycle, reveal};
use smtui_core::ids::{Arn, RowKey};
use smtui_core::room::keys::Verb;
use smtui_core::room::{IdentityId, Stamp};

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
fn rows(h: &Harness) -> Vec<(IdentityId, Arn, Option<String>)> {
    let mut rows: Vec<_> = h
        .state
        .browse
        .list
        .all()
        .map(|s| {
            (
                s.identity,
                s.arn.clone(),
                s.description.as_deref().map(str::to_owned),
            )
        })
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
    h.cmd(Command::Verb(Verb::Reveal));
    let revealed = match &sent(h)[..] {
        [(stamp, AwsCall::Reveal(reveal::Call::GetValue { secret: s, .. }))] if *s == secret => {
            *stamp
        }
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
    h.cmd(Command::Verb(Verb::Down));
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
fn a_row_refreshed_or_removed_for_one_identity_leaves_the_other_s() {
    let (mut h, a, b) = same_account();
    let arn = summary("shared", "us-east-1").arn;
    let listed = Some("shared for the app".to_owned());

    // Described as B with a new description: B's row takes it, A's keeps its own.
    h.cmd(Command::Verb(Verb::Down));
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

/// Whether each identity's row of `shared` is scheduled for deletion, A's first.
fn scheduled(h: &Harness) -> Vec<(IdentityId, Option<jiff::Timestamp>)> {
    let arn = summary("shared", "us-east-1").arn;
    let mut rows: Vec<_> = h
        .state
        .browse
        .list
        .all()
        .filter(|s| s.arn == arn)
        .map(|s| (s.identity, s.deleted_date))
        .collect();
    rows.sort_by_key(|(identity, _)| *identity);
    rows
}

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The one AWS call the last action sent, with its stamp.
#[track_caller]
fn one_call(h: &Harness) -> (Stamp, AwsCall) {
    match &sent(h)[..] {
        [(stamp, call)] => (*stamp, call.clone()),
        other => panic!("one call: {other:?} ({})", h.state.status_text()),
    }
}

#[test]
fn a_delete_or_restore_as_one_identity_shows_on_every_row_of_the_secret() {
    let (mut h, a, b) = same_account();
    let arn = summary("shared", "us-east-1").arn;
    // Both rows described, each as its own identity (A's without replicas: deletable).
    for (stamp, down) in [(b, true), (a, false)] {
        h.cmd(if down {
            Command::Verb(Verb::Down)
        } else {
            Command::Verb(Verb::Up)
        });
        let secret = h.selected_secret();
        assert_eq!(secret.identity, stamp.identity);
        let mut detail = detail_for(h.state.selected().expect("a row"));
        detail.replicas.clear();
        answer_as(
            &mut h,
            stamp,
            Outcome::Described {
                secret,
                result: Ok(detail),
            },
        );
    }
    assert!(h.state.details.get(B, &arn).is_some());

    // Deleted as A (the selected row), through the popup and the typed name.
    press(&mut h, KeyCode::Char('D'));
    press(&mut h, KeyCode::Enter);
    h.type_text("shared");
    press(&mut h, KeyCode::Enter);
    let (stamp, AwsCall::Lifecycle(call)) = one_call(&h) else {
        panic!("a delete sent")
    };
    assert_eq!(stamp, a);
    let on = crate::common::ts("2026-12-31T00:00:00Z");
    answer_as(
        &mut h,
        a,
        Outcome::Lifecycle(lifecycle::Outcome::Wrote {
            call,
            result: Ok(Written::Deleted { on: Some(on) }),
        }),
    );
    assert_eq!(
        scheduled(&h),
        [(a.identity, Some(on)), (B, Some(on))],
        "B's row of the secret shows the deletion too"
    );
    assert_eq!(h.state.browse.list.len(), 0, "both rows hidden");
    assert!(
        h.state.details.get(B, &arn).is_none(),
        "B's detail of it is stale too"
    );

    // Shown again, B's row is restored as B: both rows are back.
    h.cmd(Command::Browse(BrowseCommand::ToggleDeleted));
    assert!(h.state.browse.list.select(&RowKey::new(B, arn.clone())));
    // Described again as B (the selection rested on it): its detail says so too.
    let detail = detail_for(h.state.selected().expect("B's row"));
    assert_eq!(detail.deleted_date, Some(on));
    let secret = h.selected_secret();
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret,
            result: Ok(detail),
        },
    );
    press(&mut h, KeyCode::Char('R'));
    press(&mut h, KeyCode::Char('y'));
    let (stamp, AwsCall::Lifecycle(call @ lifecycle::Call::Restore { .. })) = one_call(&h) else {
        panic!("a restore sent")
    };
    assert_eq!(stamp, b, "restored as B, whose row it is");
    answer_as(
        &mut h,
        b,
        Outcome::Lifecycle(lifecycle::Outcome::Wrote {
            call,
            result: Ok(Written::Restored),
        }),
    );
    assert_eq!(
        scheduled(&h),
        [(a.identity, None), (B, None)],
        "A's row of the secret shows the restore too"
    );
}
