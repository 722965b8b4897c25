//! `find-value` through the app: the value typed and pasted is never drawn and leaves the
//! core once, in the call that fingerprints it; the scope says what reading costs; the
//! batches hold one identity and region each; the secrets and fields holding the value are
//! named, those that could not be read too; Enter goes to one; Esc cancels a scan, and no
//! batch is sent after it.

use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, AwsCall, Command, Effect, Outcome};
use smtui_core::features::values::{self, Call, Stage, ValueCheck};
use smtui_core::fingerprint::{FINGERPRINT_LEN, Field, Fingerprint, ValuePrints};
use smtui_core::ids::SecretRef;
use smtui_core::model::{AwsError, ErrorKind};
use smtui_core::room::layers::Layer;
use smtui_core::secret::SecretValue;

use crate::common::{Harness, summary};

/// What the user types; it must appear on no screen and in no effect's `Debug`.
pub(super) const CANARY: &str = "canary-Zq81-value";

pub(super) fn values_calls(h: &Harness) -> Vec<Call> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                call: AwsCall::Values(call),
                ..
            } => Some(call.clone()),
            _ => None,
        })
        .collect()
}

pub(super) fn check(h: &Harness) -> &ValueCheck {
    h.state
        .layers
        .popup::<ValueCheck>()
        .expect("the value check open")
}

pub(super) fn print(n: u8) -> Fingerprint {
    Fingerprint::from_mac([n; FINGERPRINT_LEN])
}

pub(super) fn key(name: &str) -> Field {
    Field::Key {
        key: name.to_owned(),
        string: true,
    }
}

pub(super) fn enter(h: &mut Harness) {
    h.press(KeyCode::Enter, KeyModifiers::NONE);
}

/// The batches of a Read, by region and size.
pub(super) fn batches(calls: &[Call]) -> Vec<(String, usize)> {
    calls
        .iter()
        .filter_map(|c| match c {
            Call::Read { secrets, .. } => Some((secrets[0].region.clone(), secrets.len())),
            Call::Fingerprint { .. } => None,
        })
        .collect()
}

fn read_answer(
    scan: u64,
    secrets: &[SecretRef],
    each: impl Fn(&SecretRef) -> Result<ValuePrints, AwsError>,
) -> Outcome {
    Outcome::Values(values::Outcome::Read {
        scan,
        secrets: secrets.to_vec(),
        result: Ok(secrets.iter().map(|s| (s.clone(), each(s))).collect()),
    })
}

/// The value typed and pasted, handed over: the check on its scope stage, its scan number.
fn typed_and_handed_over() -> (Harness, u64) {
    let mut h = Harness::loaded();
    h.cmd(Command::Values(values::Command::FindValue));
    assert_eq!(h.state.layers.top(), Layer::Values);
    assert_eq!(check(&h).stage, Stage::Target);
    let (typed, pasted) = CANARY.split_at(7);
    h.type_text(typed);
    assert!(h.effects.is_empty(), "typing sends nothing");
    h.act(Action::Paste(SecretValue::from_string(pasted.to_owned())));
    let screen = h.screen(100, 24);
    assert!(
        !screen.contains(&CANARY[..7]) && !screen.contains(&CANARY[7..]),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("{} characters, not shown", CANARY.len())),
        "{screen}"
    );
    insta::assert_snapshot!("find_value_typed_100x24", screen);

    enter(&mut h);
    let calls = values_calls(&h);
    let [Call::Fingerprint { scan, target }] = calls.as_slice() else {
        panic!("one call fingerprints the value: {calls:?}");
    };
    assert_eq!(target.expose(), CANARY.as_bytes());
    let effects = format!("{:?}", h.effects);
    assert!(!effects.contains(CANARY), "{effects}");
    assert_eq!(check(&h).stage, Stage::Scope);
    (h, *scan)
}

#[test]
fn the_value_looked_for_is_never_drawn_and_leaves_once_to_be_fingerprinted() {
    let (mut h, scan) = typed_and_handed_over();
    // Scope before the fingerprint is back: Enter waits for it.
    enter(&mut h);
    assert!(batches(&values_calls(&h)).is_empty());
    h.answer(Outcome::Values(values::Outcome::Target {
        scan,
        print: print(1),
    }));
    let screen = h.screen(100, 24);
    assert!(!screen.contains(CANARY), "{screen}");
    insta::assert_snapshot!("find_value_scope_100x24", screen);
}

#[test]
fn the_scope_says_what_it_costs_and_batches_hold_one_identity_and_region() {
    let (mut h, scan) = typed_and_handed_over();
    h.answer(Outcome::Values(values::Outcome::Target {
        scan,
        print: print(1),
    }));
    let screen = h.screen(100, 24);
    // The selection is in us-east-1: three secrets there (one more is scheduled for
    // deletion, left out), four in the account.
    assert!(
        screen.contains("region us-east-1: 3 secrets, 1 scheduled for deletion left out"),
        "{screen}"
    );
    assert!(
        screen.contains("account 123456789012, every region listed: 4 secrets"),
        "{screen}"
    );
    assert!(
        screen.contains("Reading 3 values costs 3 GetSecretValue events in CloudTrail and 3"),
        "{screen}"
    );
    h.press(KeyCode::Down, KeyModifiers::NONE);
    assert!(values_calls(&h).is_empty(), "nothing is read before Enter");
    enter(&mut h);
    assert_eq!(
        batches(&values_calls(&h)),
        vec![("us-east-1".to_owned(), 3), ("eu-west-1".to_owned(), 1)]
    );
    assert_eq!(check(&h).stage, Stage::Scanning);
}

#[test]
fn holders_and_unreadable_secrets_are_named_and_enter_goes_to_one() {
    let (mut h, scan) = typed_and_handed_over();
    h.answer(Outcome::Values(values::Outcome::Target {
        scan,
        print: print(1),
    }));
    h.press(KeyCode::Down, KeyModifiers::NONE);
    enter(&mut h);
    let calls = values_calls(&h);
    let reads: Vec<&Vec<SecretRef>> = calls
        .iter()
        .filter_map(|c| match c {
            Call::Read { secrets, .. } => Some(secrets),
            Call::Fingerprint { .. } => None,
        })
        .collect();
    let (us, eu) = (reads[0].clone(), reads[1].clone());
    h.answer(read_answer(scan, &us, |s| match s.name.as_str() {
        "prod/orders/postgres" => Ok(ValuePrints {
            prints: vec![
                (Field::Whole, print(9)),
                (key("password"), print(1)),
                (key("username"), print(2)),
            ],
        }),
        "shared/ci/deploy-key" => Err(AwsError {
            kind: ErrorKind::AccessDenied,
            operation: "BatchGetSecretValue",
            region: "us-east-1".into(),
            code: Some("AccessDeniedException".into()),
            message: Some("not allowed to decrypt".into()),
        }),
        _ => Ok(ValuePrints {
            prints: vec![(Field::Whole, print(3))],
        }),
    }));
    assert_eq!(check(&h).stage, Stage::Scanning);
    h.answer(read_answer(scan, &eu, |_| {
        Ok(ValuePrints {
            prints: vec![(Field::Whole, print(1))],
        })
    }));
    assert_eq!(check(&h).stage, Stage::Done);
    let screen = h.screen(100, 24);
    assert!(
        screen.contains("Read 3 of 4 · 1 could not be read"),
        "{screen}"
    );
    assert!(screen.contains("Found in 2 secrets (2 places)"), "{screen}");
    assert!(
        screen.contains("prod/orders/postgres  field password  us-east-1"),
        "{screen}"
    );
    assert!(
        screen.contains("prod/orders/postgres  the whole value  eu-west-1"),
        "{screen}"
    );
    assert!(screen.contains("Could not read (1):"), "{screen}");
    assert!(
        screen.contains("shared/ci/deploy-key  us-east-1  "),
        "{screen}"
    );
    insta::assert_snapshot!("find_value_found_100x24", screen);

    h.press(KeyCode::Down, KeyModifiers::NONE);
    enter(&mut h);
    assert_ne!(h.state.layers.top(), Layer::Values);
    let selected = h.state.selected().expect("a selection");
    assert_eq!(
        (selected.name.as_str(), selected.region.as_ref()),
        ("prod/orders/postgres", "eu-west-1")
    );
}

/// A hundred more secrets in us-east-1, the reuse check opened on its region: six batches,
/// one on its way at a time (the lane of an identity and region takes one).
fn scanning_one_region() -> (Harness, u64, Vec<SecretRef>) {
    let mut h = Harness::loaded();
    let many: Vec<_> = (0..100)
        .map(|i| summary(&format!("bulk/{i:03}"), "us-east-1"))
        .collect();
    h.page("us-east-1", many, true);
    h.cmd(Command::Values(values::Command::ReusedValues));
    assert_eq!(check(&h).stage, Stage::Scope);
    enter(&mut h);
    let calls = values_calls(&h);
    let [Call::Read { scan, secrets }] = calls.as_slice() else {
        panic!("one batch on its way in one region: {calls:?}");
    };
    (h, *scan, secrets.clone())
}

#[test]
fn esc_cancels_a_scan_and_no_batch_is_sent_after_it() {
    let (mut h, scan, first) = scanning_one_region();
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(h.state.layers.top(), Layer::Values, "Esc cancels first");
    let screen = h.screen(100, 24);
    assert!(
        screen.contains("Cancelling: waiting for the batches already sent (0 of 103 answered)"),
        "{screen}"
    );
    h.answer(read_answer(scan, &first, |_| {
        Ok(ValuePrints { prints: Vec::new() })
    }));
    assert!(values_calls(&h).is_empty(), "nothing sent after a cancel");
    assert_eq!(check(&h).stage, Stage::Done);
    let screen = h.screen(100, 24);
    assert!(screen.contains("Cancelled: 20 of 103 read"), "{screen}");
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_ne!(h.state.layers.top(), Layer::Values);
}

/// A batch whose answer never comes (its task aborted by a refresh of its identity) cannot
/// hold the popup open: Esc again closes it.
#[test]
fn esc_again_closes_a_scan_waiting_for_an_answer_that_never_comes() {
    let (mut h, _, _) = scanning_one_region();
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert!(check(&h).scan.as_ref().is_some_and(|s| s.cancelled));
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_ne!(h.state.layers.top(), Layer::Values);
}

#[test]
fn a_value_that_could_not_be_fingerprinted_is_asked_for_again() {
    let (mut h, scan) = typed_and_handed_over();
    h.answer(Outcome::Values(values::Outcome::TargetFailed {
        scan,
        error: AwsError {
            kind: ErrorKind::ExpiredToken,
            operation: "fingerprint",
            region: "us-east-1".into(),
            code: None,
            message: Some("the identity's credentials expired".into()),
        },
    }));
    assert_eq!(check(&h).stage, Stage::Target);
    assert!(
        h.state.status_text().contains("could not be fingerprinted"),
        "{}",
        h.state.status_text()
    );
}

#[test]
fn an_answer_for_a_closed_check_is_dropped() {
    let (mut h, scan) = typed_and_handed_over();
    h.press(KeyCode::Esc, KeyModifiers::NONE);
    assert_ne!(h.state.layers.top(), Layer::Values);
    h.answer(Outcome::Values(values::Outcome::Target {
        scan,
        print: print(1),
    }));
    assert!(h.effects.is_empty());
}
