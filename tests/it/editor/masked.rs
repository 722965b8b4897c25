//! The editor opens masked, like the value pane: a flat JSON object as its fields, each
//! masked; any other text a `•` per character. Typing works masked and is drawn masked;
//! `Ctrl-v` shows the value until the reveal timeout; after a conflict, "keep editing"
//! comes back masked. A new secret's value, typed now, is shown as it is typed.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, AwsCall, Effect, Outcome};
use smtui_core::features::editor::call::EditFetch;
use smtui_core::features::editor::{self, SaveResult};
use smtui_core::features::editor::{EditSession, Phase};
use smtui_core::model::FetchedValue;
use smtui_core::room::layers::Layer;
use smtui_core::secret::{SecretValue, ValueView};

const JSON: &str = r#"{"user":"app","password":"hunter2-S3cret","port":5432}"#;
const TEXT: &str = "token-Zq81\nsecond-line";

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn ctrl(h: &mut Harness, c: char) -> Vec<Effect> {
    h.press(KeyCode::Char(c), KeyModifiers::CONTROL).to_vec()
}

fn buffer_text(h: &Harness) -> String {
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    let loaded = session.loaded.as_ref().expect("loaded");
    loaded.buffer.text().expose_str().expect("utf-8").to_owned()
}

/// The wake-up a reveal asks for, at the reveal timeout.
fn mask_wake(effects: &[Effect], h: &Harness) -> Action {
    let timeout = h.state.settings.reveal_timeout;
    effects
        .iter()
        .find_map(|effect| match effect {
            Effect::After { delay, timer } if *delay == timeout => {
                Some(Action::from(timer.clone()))
            }
            _ => None,
        })
        .expect("a wake-up at the reveal timeout")
}

fn in_clear(screen: &str, secrets: &[&str]) -> bool {
    secrets.iter().any(|s| screen.contains(s))
}

#[test]
fn a_json_object_opens_as_its_fields_each_masked_and_ctrl_v_shows_them() {
    let mut h = Harness::editing(JSON);
    assert!(matches!(
        h.state.layers.popup::<EditSession>().map(|s| &s.phase),
        Some(Phase::Form {
            selected,
            field: None
        }) if selected.at() == 0
    ));
    let screen = h.screen(100, 30);
    assert!(
        !in_clear(&screen, &["hunter2", "5432", "app\""]),
        "{screen}"
    );
    assert!(
        screen.contains("Ctrl-v reveal"),
        "the key is said: {screen}"
    );
    insta::assert_snapshot!("editor_opens_masked_json_100x30", screen);
    ctrl(&mut h, 'v');
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("hunter2-S3cret") && screen.contains("5432"),
        "{screen}"
    );
    assert!(screen.contains("Ctrl-v mask"), "{screen}");
    insta::assert_snapshot!("editor_revealed_json_100x30", screen);
}

#[test]
fn text_opens_masked_a_bullet_per_character_and_ctrl_v_shows_it() {
    let mut h = Harness::editing(TEXT);
    assert!(matches!(
        h.state.layers.popup::<EditSession>().map(|s| &s.phase),
        Some(Phase::Editing)
    ));
    let screen = h.screen(100, 30);
    assert!(!in_clear(&screen, &["token", "second"]), "{screen}");
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains('•')).collect();
    assert!(
        rows.len() == 2 && rows[0].contains("┃•••••••••• ") && rows[1].contains("┃••••••••••• "),
        "the lines' shape, not their text: {screen}"
    );
    insta::assert_snapshot!("editor_opens_masked_text_100x30", screen);
    ctrl(&mut h, 'v');
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("token-Zq81") && screen.contains("second-line"),
        "{screen}"
    );
    insta::assert_snapshot!("editor_revealed_text_100x30", screen);
}

#[test]
fn typing_while_masked_edits_the_text_and_is_drawn_masked() {
    let mut h = Harness::editing("abc");
    press(&mut h, KeyCode::End);
    h.type_text("XYZ");
    assert_eq!(buffer_text(&h), "abcXYZ");
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("┃•••••• ") && !screen.contains("XYZ"),
        "{screen}"
    );
    // A form field being changed is masked too, its cursor drawn where the next key goes.
    let mut h = Harness::editing(JSON);
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("!");
    let screen = h.screen(100, 30);
    let row = screen
        .lines()
        .find(|l| l.contains("password"))
        .expect("the field's row");
    assert!(row.contains("•••••••••••••••▏"), "{row}");
    assert!(!in_clear(&screen, &["hunter2"]), "{screen}");
    press(&mut h, KeyCode::Enter);
    assert!(buffer_text(&h).contains(r#""password":"hunter2-S3cret!""#));
}

#[test]
fn a_reveal_masks_again_after_the_timeout() {
    for value in [JSON, TEXT] {
        let mut h = Harness::editing(value);
        let effects = ctrl(&mut h, 'v');
        let wake = mask_wake(&effects, &h);
        assert!(in_clear(&h.screen(100, 30), &["hunter2", "token-Zq81"]));
        h.advance(h.state.settings.reveal_timeout);
        h.act(wake);
        let screen = h.screen(100, 30);
        assert!(
            !in_clear(&screen, &["hunter2", "token-Zq81"]),
            "masked by the timer: {screen}"
        );
        assert!(screen.contains("Ctrl-v reveal"), "{screen}");
        assert!(
            h.state.status_text().contains("masked again"),
            "{}",
            h.state.status_text()
        );
    }
}

#[test]
fn keep_editing_after_a_conflict_comes_back_masked() {
    let mut h = Harness::editing(JSON);
    ctrl(&mut h, 'v');
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("!");
    press(&mut h, KeyCode::Enter);
    ctrl(&mut h, 's');
    press(&mut h, KeyCode::Char('y'));
    let secret = h
        .state
        .layers
        .popup::<EditSession>()
        .and_then(|s| s.secret.clone())
        .expect("editing");
    let token = match &h.calls()[..] {
        [AwsCall::Editor(editor::Call::SaveValue { token, .. })] => token.clone(),
        other => panic!("one save: {other:?}"),
    };
    h.answer(Outcome::Editor(editor::Outcome::Saved {
        secret: secret.clone(),
        token,
        left: None,
        result: Ok(SaveResult::Conflict {
            current_version: "v-theirs".into(),
        }),
    }));
    let theirs = SecretValue::from_string(r#"{"user":"app","password":"other","port":1}"#.into());
    h.answer(Outcome::Editor(editor::Outcome::Source {
        secret,
        purpose: EditFetch::Theirs,
        result: Ok(FetchedValue {
            version_id: "v-theirs".into(),
            stages: vec!["AWSCURRENT".into()],
            raw: theirs.clone(),
            view: ValueView::from_parts(Some(theirs), None),
        }),
    }));
    assert_eq!(h.state.layers.top(), Layer::Conflict);
    press(&mut h, KeyCode::Char('e'));
    assert_eq!(h.state.layers.top(), Layer::Editor);
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    assert!(
        matches!(session.phase, Phase::Form { field: None, .. }),
        "the fields again, as the editor opened: {:?}",
        session.phase
    );
    let screen = h.screen(100, 30);
    assert!(!in_clear(&screen, &["hunter2"]), "masked again: {screen}");
    assert!(screen.contains("Ctrl-v reveal"), "{screen}");
    assert!(buffer_text(&h).contains("hunter2-S3cret!"), "nothing lost");
}

#[test]
fn a_new_secret_is_shown_as_it_is_typed() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('N'));
    h.type_text("team/new");
    for _ in 0..3 {
        press(&mut h, KeyCode::Enter);
    }
    h.type_text("fresh-value");
    let screen = h.screen(100, 30);
    assert!(screen.contains("fresh-value"), "{screen}");
    assert!(
        !screen.contains("Ctrl-v reveal"),
        "nothing to reveal: {screen}"
    );
    ctrl(&mut h, 'v');
    assert!(
        h.editor_message()
            .unwrap_or_default()
            .contains("shown as it is typed")
    );
}

/// Where the terminal takes Ctrl-v for its paste, the palette's `reveal` does it.
#[test]
fn the_palette_over_the_editor_reveals() {
    let mut h = Harness::editing(TEXT);
    ctrl(&mut h, 'p');
    assert_eq!(h.state.layers.top(), Layer::Palette);
    h.type_text("reveal");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Editor);
    assert!(h.screen(100, 30).contains("token-Zq81"));
}
