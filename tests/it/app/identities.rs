//! Two identities held at once, through the state and the router alone (no UI holds two
//! yet): each one's pages, details, values and audit pages land under its own key, the
//! stale check drops only what belongs to an identity no longer held (or to its old
//! generation), and a refresh of one leaves the other's answers in flight alone.

use crate::common::{Harness, REGIONS, detail_for, summary};
use smtui_core::app::envelope::{AuditPage, IdentityId, Stamp};
use smtui_core::app::{
    Action, AwsCall, Command, Effect, Envelope, Outcome, Recovery, Timer, Written, hold_identity,
    release_identity,
};
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::model::{FetchedValue, SecretSummary};
use smtui_core::secret::{SecretValue, ValueView};

const B: IdentityId = IdentityId(7);

/// A row of identity B's account (another account: another ARN).
fn b_row(name: &str) -> SecretSummary {
    let mut row = summary(name, "us-east-1");
    row.arn = format!("arn:aws:secretsmanager:us-east-1:222222222222:secret:{name}-XyZabc");
    row
}

fn answer_as(h: &mut Harness, stamp: Stamp, outcome: Outcome) {
    h.act(Action::Result(Envelope { stamp, outcome }));
}

fn page(region: &str, rows: Vec<SecretSummary>) -> Outcome {
    Outcome::SecretsPage {
        region: region.into(),
        page: rows,
        last: true,
    }
}

fn value(text: &str) -> FetchedValue {
    let raw = SecretValue::from_string(text.to_owned());
    FetchedValue {
        version_id: "v1".into(),
        stages: vec!["AWSCURRENT".into()],
        raw: raw.clone(),
        view: ValueView::from_parts(Some(raw), None),
    }
}

/// The stamps of the AWS effects of the last action, with their calls.
fn sent(h: &Harness) -> Vec<(Stamp, AwsCall)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws { stamp, call } => Some((*stamp, call.clone())),
            _ => None,
        })
        .collect()
}

/// The start identity (A) and B both held, each with one page listed: A's `a-secret`,
/// B's `b-secret`, and B's row selected.
fn both_held() -> (Harness, Stamp, Stamp) {
    let mut h = Harness::new();
    let a = h.state.session.stamp();
    let listing = hold_identity(&mut h.state, B);
    let b = h.state.session.stamp_for(B).expect("B is held");
    assert_eq!(listing.len(), REGIONS.len(), "every region listed as B");
    assert!(
        listing.iter().all(|e| matches!(e,
            Effect::Aws { stamp, call: AwsCall::ListSecrets { .. } } if *stamp == b)),
        "{listing:?}"
    );
    answer_as(
        &mut h,
        a,
        page("us-east-1", vec![summary("a-secret", "us-east-1")]),
    );
    answer_as(&mut h, b, page("us-east-1", vec![b_row("b-secret")]));
    h.cmd(Command::Down);
    assert_eq!(h.state.selected().map(|s| s.identity), Some(B));
    (h, a, b)
}

#[test]
fn pages_of_two_held_identities_land_side_by_side() {
    let (h, a, b) = both_held();
    let mut rows: Vec<_> = h
        .state
        .browse
        .list
        .all()
        .map(|s| (s.identity, s.name.clone()))
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            (a.identity, "a-secret".to_owned()),
            (B, "b-secret".to_owned())
        ]
    );
    let loaded = |identity| {
        h.state
            .browse
            .regions
            .iter()
            .filter(|r| r.identity == identity && r.name == "us-east-1")
            .count()
    };
    assert_eq!(
        (loaded(a.identity), loaded(b.identity)),
        (1, 1),
        "a status each"
    );
    assert_eq!(a.identity, IdentityId::START);
    assert_ne!(a, b);
}

#[test]
fn a_detail_a_value_and_an_audit_page_of_b_land_under_b_while_a_is_shown() {
    let (mut h, a, b) = both_held();
    let secret = h.selected_secret();
    assert_eq!(secret.identity, B, "the row's address is B's");

    // Described as B (the router stamps the call with B's stamp), kept under B.
    h.act(Action::DetailDue {
        secret: secret.clone(),
    });
    assert!(
        matches!(&sent(&h)[..], [(stamp, AwsCall::Describe { secret: s })] if *stamp == b && *s == secret),
        "{:?}",
        sent(&h)
    );
    let selected = h.state.selected().cloned().expect("selected");
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret: secret.clone(),
            result: Ok(detail_for(&selected)),
        },
    );
    let arn = secret.arn.to_string();
    assert!(h.state.details.get(B, &arn).is_some(), "under B's key");
    assert!(h.state.details.get(a.identity, &arn).is_none());
    assert!(h.state.selected_detail().is_some());

    // Revealed as B.
    h.cmd(Command::Reveal);
    let request = match &sent(&h)[..] {
        [
            (
                stamp,
                AwsCall::GetValue {
                    request, secret: s, ..
                },
            ),
        ] if *stamp == b && *s == secret => *request,
        other => panic!("one GetValue as B: {other:?}"),
    };
    answer_as(
        &mut h,
        b,
        Outcome::ValueFetched {
            request,
            result: Ok(value("b's value")),
        },
    );
    let pane = h.state.reveal.value.as_ref().expect("revealed");
    assert_eq!(pane.secret, secret, "the value is B's");

    // An audit page looked up as B.
    h.cmd(Command::Audit(AuditCommand::Open));
    let query = sent(&h)
        .into_iter()
        .find_map(|(stamp, call)| match call {
            AwsCall::LookupEvents { query, .. } if stamp == b => Some(query),
            _ => None,
        })
        .expect("a lookup as B");
    answer_as(
        &mut h,
        b,
        Outcome::AuditPage {
            query,
            result: Ok(AuditPage {
                events: Vec::new(),
                next_token: None,
                signed_with: Some("AKIAB".into()),
            }),
        },
    );
    let view = h.state.audit.view.as_ref().expect("the audit view");
    assert_eq!(view.scope.identity(), B);
    assert!(
        view.streams.iter().all(|s| s.in_flight != Some(query)),
        "the page landed"
    );
    // A is still listed and held throughout.
    assert!(h.state.session.holds(a));
    assert!(h.state.browse.list.all().any(|s| s.identity == a.identity));
}

#[test]
fn answers_for_an_identity_no_longer_held_are_dropped() {
    let (mut h, a, b) = both_held();
    let secret = h.selected_secret();
    let selected = h.state.selected().cloned().expect("selected");
    release_identity(&mut h.state, B);
    assert!(!h.state.session.is_held(B));
    assert!(
        h.state.browse.list.all().all(|s| s.identity == a.identity),
        "B's rows went with it"
    );
    answer_as(&mut h, b, page("eu-west-1", vec![b_row("b-late")]));
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret: secret.clone(),
            result: Ok(detail_for(&selected)),
        },
    );
    assert!(h.state.browse.list.all().all(|s| s.identity == a.identity));
    assert!(h.state.details.get(B, secret.arn.as_str()).is_none());
    // A's answers are still used.
    answer_as(
        &mut h,
        a,
        page("eu-west-1", vec![summary("a-too", "eu-west-1")]),
    );
    assert_eq!(h.state.browse.list.total(), 2);
}

#[test]
fn a_refresh_of_a_does_not_drop_b_s_answers_in_flight() {
    let (mut h, a, b) = both_held();
    let secret = h.selected_secret();
    h.cmd(Command::Reveal);
    let request = h.state.reveal.pending.last().expect("a fetch").request;
    // A, the identity worked as, is refreshed: a new generation of A only.
    h.cmd(Command::Refresh);
    let refreshed = h.state.session.stamp();
    assert_eq!(refreshed.identity, a.identity);
    assert_ne!(refreshed, a);
    assert!(!h.state.session.holds(a), "A's old answers are stale");
    assert!(h.state.session.holds(b), "B's are not");
    // A's old page is dropped; B's answers land.
    answer_as(
        &mut h,
        a,
        page("eu-west-1", vec![summary("a-ghost", "eu-west-1")]),
    );
    assert!(h.state.browse.list.all().all(|s| s.name != "a-ghost"));
    answer_as(
        &mut h,
        b,
        Outcome::ValueFetched {
            request,
            result: Ok(value("b's value")),
        },
    );
    assert_eq!(
        h.state.reveal.value.as_ref().map(|p| &p.secret),
        Some(&secret),
        "B's value arrived after A's refresh"
    );
    answer_as(&mut h, b, page("eu-west-1", vec![b_row("b-more")]));
    assert!(h.state.browse.list.all().any(|s| s.name == "b-more"));
}

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
        Outcome::ValueFetched {
            request,
            result: Ok(value("a's value")),
        },
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
        Outcome::Wrote {
            call: AwsCall::Delete {
                secret: a_secret,
                recovery: Recovery::Days(7),
            },
            result: Ok(Written::Deleted {
                on: Some(crate::common::ts("2026-12-31T00:00:00Z")),
            }),
        },
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
        let overview = h.state.rotation.overview.clone().expect("the overview");
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
