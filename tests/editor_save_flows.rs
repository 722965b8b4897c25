//! The editor's saves from the review of security issue 19: a second conflict is reviewed
//! against the second value; the ClientRequestToken belongs to the editor, so a retry reuses
//! it whatever happened to the answer; a role switch never wedges a save or leaves a popup
//! holding the old identity's data; private staging labels left by a failed save are removed.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui::app::layers::Layer;
use smtui::app::{AwsCall, EditFetch, Outcome, SaveResult};
use smtui::diff::Change;
use smtui::features::editor::Phase;
use smtui::model::FetchedValue;
use smtui::secret::{SecretValue, ValueView};

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn ctrl(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn session_arn(h: &Harness) -> String {
    h.state
        .editor
        .session
        .as_ref()
        .map(|s| s.arn.clone())
        .expect("an editing session")
}

/// The token of the one save the last action sent.
fn save_token(h: &Harness) -> String {
    match &h.calls()[..] {
        [AwsCall::SaveValue { token, .. }] => token.clone().unwrap_or_else(|| "tok".into()),
        other => panic!("one save: {other:?}"),
    }
}

fn conflict(h: &mut Harness, token: &str, current: &str) {
    h.answer(Outcome::Saved {
        arn: session_arn(h),
        token: Some(token.to_owned()),
        result: Ok(SaveResult::Conflict {
            current_version: current.into(),
        }),
    });
}

/// Their value after a conflict, as the runner answers the editor's fetch.
fn answer_theirs(h: &mut Harness, version: &str, text: &str) {
    let theirs = SecretValue::from_string(text.to_owned());
    h.answer(Outcome::EditSource {
        arn: session_arn(h),
        purpose: EditFetch::Theirs,
        result: Ok(FetchedValue {
            version_id: version.into(),
            stages: vec!["AWSCURRENT".into()],
            raw: theirs.clone(),
            view: ValueView::from_parts(Some(theirs), None),
        }),
    });
}

/// The review's rows that differ: (key, old value).
fn reviewed(h: &Harness) -> Vec<(String, String)> {
    match h.state.editor.session.as_ref().map(|s| &s.phase) {
        Some(Phase::Reviewing { rows, .. }) => rows
            .iter()
            .filter(|r| r.change != Change::Same)
            .map(|r| {
                let old = r
                    .old
                    .as_ref()
                    .and_then(|v| v.expose_str())
                    .unwrap_or_default();
                (r.key.clone(), old.to_owned())
            })
            .collect(),
        other => panic!("reviewing: {other:?}"),
    }
}

/// A rotation saves Y while the overwrite of X is on its way: the second conflict opens the
/// conflict view again, on Y, and overwriting is reviewed against Y, the version it replaces.
#[test]
fn a_second_conflict_is_shown_and_reviewed_against_the_second_value() {
    let mut h = Harness::editing(r#"{"host":"a","password":"p"}"#);
    ctrl(&mut h, 'f');
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("2");
    press(&mut h, KeyCode::Enter);
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let token = save_token(&h);
    conflict(&mut h, &token, "v-x");
    answer_theirs(&mut h, "v-x", r#"{"host":"x","password":"p"}"#);
    assert_eq!(h.state.layers.top(), Layer::Conflict);
    press(&mut h, KeyCode::Char('o'));
    press(&mut h, KeyCode::Char('y'));
    let token = save_token(&h);
    // Meanwhile a rotation saved Y.
    conflict(&mut h, &token, "v-y");
    answer_theirs(&mut h, "v-y", r#"{"host":"y","password":"rotated"}"#);
    assert_eq!(
        h.state.layers.top(),
        Layer::Conflict,
        "the second conflict is shown"
    );
    let screen = h.screen(100, 30);
    assert!(screen.contains("v-y"), "{screen}");
    press(&mut h, KeyCode::Char('o'));
    assert_eq!(h.state.layers.top(), Layer::Review);
    assert_eq!(
        reviewed(&h),
        [
            ("host".to_owned(), "y".to_owned()),
            ("password".to_owned(), "rotated".to_owned())
        ],
        "reviewed against Y, the version the save replaces"
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(
        matches!(&h.calls()[..], [AwsCall::SaveValue { base_version, .. }] if base_version == "v-y")
    );
}
