//! Two identities held at once, through the state and the router alone (no UI holds two
//! yet): each one's pages, details, values and audit pages land under its own key, the
//! stale check drops only what belongs to an identity no longer held (or to its old
//! generation), and a refresh of one leaves the other's answers in flight alone. Two roles
//! in one account list one secret as two rows (`same_account`); who each identity is
//! (GetCallerIdentity) is kept under it (`callers`), and what is said about a row, or
//! left out of its audit, is as its own identity (`as_whom`).

mod as_whom;
mod callers;
mod same_account;

use crate::common::{Harness, REGIONS, detail_for, summary};
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{
    Action, AwsCall, Command, Effect, Envelope, Outcome, hold_identity, release_identity,
};
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::features::audit::{self, AuditPage};
use smtui_core::features::{reveal, tags};
use smtui_core::model::{FetchedValue, SecretSummary};
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;
use smtui_core::room::{IdentityId, Stamp};
use smtui_core::secret::{SecretValue, ValueView};

const B: IdentityId = IdentityId(7);

/// A row of identity B's account (another account: another ARN).
fn b_row(name: &str) -> SecretSummary {
    let mut row = summary(name, "us-east-1");
    row.arn = crate::common::arn(&format!(
        "arn:aws:secretsmanager:us-east-1:222222222222:secret:{name}-XyZabc"
    ));
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
    h.cmd(Command::Verb(Verb::Down));
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

    // Described as B (the detail room stamps the call with B's stamp), kept under B.
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
    let arn = secret.arn.clone();
    assert!(h.state.details.get(B, &arn).is_some(), "under B's key");
    assert!(h.state.details.get(a.identity, &arn).is_none());
    assert!(h.state.selected_detail().is_some());

    // Revealed as B.
    h.cmd(Command::Verb(Verb::Reveal));
    let request = match &sent(&h)[..] {
        [
            (
                stamp,
                AwsCall::Reveal(reveal::Call::GetValue {
                    request, secret: s, ..
                }),
            ),
        ] if *stamp == b && *s == secret => *request,
        other => panic!("one GetValue as B: {other:?}"),
    };
    answer_as(
        &mut h,
        b,
        Outcome::Reveal(reveal::Outcome::Fetched {
            request,
            result: Ok(value("b's value")),
        }),
    );
    let pane = h.state.reveal.value.as_ref().expect("revealed");
    assert_eq!(pane.secret, secret, "the value is B's");

    // An audit page looked up as B.
    h.cmd(Command::Audit(AuditCommand::Open));
    let query = sent(&h)
        .into_iter()
        .find_map(|(stamp, call)| match call {
            AwsCall::Audit(audit::Call::LookupEvents { query, .. }) if stamp == b => Some(query),
            _ => None,
        })
        .expect("a lookup as B");
    answer_as(
        &mut h,
        b,
        Outcome::Audit(audit::Outcome::Page {
            query,
            result: Ok(AuditPage {
                events: Vec::new(),
                next_token: None,
                signed_with: Some("AKIAB".into()),
            }),
        }),
    );
    let view = h
        .state
        .layers
        .popup::<audit::AuditView>()
        .expect("the audit view");
    assert_eq!(view.scope.identity(), B);
    assert!(
        view.streams.iter().all(|s| s.in_flight != Some(query)),
        "the page landed"
    );
    // A is still listed and held throughout.
    assert!(h.state.session.holds(a));
    assert!(h.state.browse.list.all().any(|s| s.identity == a.identity));
}

/// A call about B's row is stamped as B where it is made, while A is worked as: one a
/// room asks of the router (the tags popup's policy) and a write held by a question until
/// its yes (a deletion) alike.
#[test]
fn a_popup_s_read_and_a_confirmed_write_about_b_s_row_are_made_as_b() {
    let (mut h, a, b) = both_held();
    assert_eq!(h.state.session.stamp(), a, "A is worked as");
    let secret = h.selected_secret();
    let selected = h.state.selected().cloned().expect("selected");
    answer_as(
        &mut h,
        b,
        Outcome::Described {
            secret: secret.clone(),
            result: Ok(detail_for(&selected)),
        },
    );
    h.press(KeyCode::Char('t'), KeyModifiers::NONE);
    assert!(
        matches!(&sent(&h)[..], [(stamp, AwsCall::Tags(tags::Call::FetchPolicy { secret: s }))]
            if *stamp == b && *s == secret),
        "{:?}",
        sent(&h)
    );
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    // Deleting it asks first to remove its replica (the detail has one): a write confirmed
    // by typing its name.
    h.press(KeyCode::Char('D'), KeyModifiers::NONE);
    h.type_text(&selected.name);
    h.press(KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(&sent(&h)[..], [(stamp, AwsCall::Lifecycle(write))]
            if *stamp == b && *write.secret() == secret),
        "{:?}",
        sent(&h)
    );
}

/// The tags popup of the selected row, described first as the identity that lists it.
fn tags_of_selected(h: &mut Harness, stamp: Stamp) {
    let selected = h.state.selected().cloned().expect("selected");
    answer_as(
        h,
        stamp,
        Outcome::Described {
            secret: h.selected_secret(),
            result: Ok(detail_for(&selected)),
        },
    );
    h.press(KeyCode::Char('t'), KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Tags);
}

/// Each popup says whose data it holds: releasing B closes B's, and leaves A's open.
#[test]
fn releasing_an_identity_closes_its_popups_and_only_those() {
    let (mut h, _, b) = both_held();
    tags_of_selected(&mut h, b);
    release_identity(&mut h.state, B);
    assert_eq!(h.state.layers.top(), Layer::List, "B's tags popup closed");
    assert!(h.state.layers.popup::<tags::Popup>().is_none());

    let (mut h, a, _) = both_held();
    h.cmd(Command::Verb(Verb::Up));
    assert_eq!(h.state.selected().map(|s| s.identity), Some(a.identity));
    tags_of_selected(&mut h, a);
    release_identity(&mut h.state, B);
    assert_eq!(h.state.layers.top(), Layer::Tags, "A's tags popup stays");
    let popup = h.state.layers.popup::<tags::Popup>().expect("A's popup");
    assert_eq!(popup.secret.identity, a.identity);
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
    assert!(h.state.details.get(B, &secret.arn).is_none());
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
    h.cmd(Command::Verb(Verb::Reveal));
    let request = h.state.reveal.pending.last().expect("a fetch").request;
    // A, the identity worked as, is refreshed: a new generation of A only.
    h.cmd(Command::Verb(Verb::Refresh));
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
        Outcome::Reveal(reveal::Outcome::Fetched {
            request,
            result: Ok(value("b's value")),
        }),
    );
    assert_eq!(
        h.state.reveal.value.as_ref().map(|p| &p.secret),
        Some(&secret),
        "B's value arrived after A's refresh"
    );
    answer_as(&mut h, b, page("eu-west-1", vec![b_row("b-more")]));
    assert!(h.state.browse.list.all().any(|s| s.name == "b-more"));
}
