//! The editor as drawn: typing in a form field goes on after its value, and the drawn cursor
//! is where the next key goes, so a password is never changed blind; on a narrow screen a
//! warning wraps rather than losing its end.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::features::editor::EditSession;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The form's line for `key`, as on an 80×24 screen.
fn field_row(h: &Harness, key: &str) -> String {
    let screen = h.screen(80, 24);
    screen
        .lines()
        .find(|l| l.contains(key))
        .unwrap_or_else(|| panic!("{key} in:\n{screen}"))
        .to_owned()
}

#[test]
fn typing_in_a_field_goes_where_the_cursor_is_drawn() {
    let mut h = Harness::editing(r#"{"user":"app","password":"s3cret"}"#);
    // In clear (Ctrl-v), to read what is typed where.
    h.press(KeyCode::Char('v'), KeyModifiers::CONTROL);
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    assert!(field_row(&h, "password").contains("s3cret▏"), "at the end");
    h.type_text("A");
    assert!(field_row(&h, "password").contains("s3cretA▏"));
    press(&mut h, KeyCode::Left);
    press(&mut h, KeyCode::Left);
    assert!(
        field_row(&h, "password").contains("s3cre▏tA"),
        "drawn where it is"
    );
    h.type_text("C");
    assert!(field_row(&h, "password").contains("s3creC▏tA"));
    press(&mut h, KeyCode::Enter);
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    let text = session.loaded.as_ref().expect("loaded").buffer.text();
    assert_eq!(
        text.expose_str(),
        Some(r#"{"user":"app","password":"s3creCtA"}"#),
        "the text got what the screen showed"
    );
}

#[test]
fn a_warning_wraps_on_a_narrow_screen_rather_than_losing_its_end() {
    let h = Harness::editing("abc");
    let warning = h
        .state
        .layers
        .popup::<EditSession>()
        .and_then(|s| s.loaded.as_ref())
        .and_then(|l| l.warnings.first().cloned())
        .expect("the selected secret rotates: a warning");
    let last_word = warning
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_owned();
    let screen = h.screen(60, 16);
    assert!(screen.contains(&last_word), "{last_word:?} in:\n{screen}");
}

#[test]
fn a_long_field_scrolls_sideways_so_the_cursor_stays_in_view() {
    let mut h = Harness::editing(r#"{"user":"app","host":"db.internal"}"#);
    press(&mut h, KeyCode::Enter);
    h.type_text(&"Z".repeat(120));
    h.type_text("END");
    let row = field_row(&h, "▏");
    assert!(row.contains("••••▏") && row.contains('…'), "masked: {row}");
    h.press(KeyCode::Char('v'), KeyModifiers::CONTROL);
    let row = field_row(&h, "▏");
    assert!(row.contains("ZZZEND▏") && row.contains('…'), "{row}");
}

/// A JSON object opens as its fields: Enter puts an edited field back, then Esc leaves the editor as it
/// would from the text (asking first when something changed, `y` discarding), rather than
/// dropping into the text, where the next key would be typed.
#[test]
fn esc_from_the_fields_leaves_the_editor_asking_first_if_changed() {
    use smtui_core::room::layers::Layer;
    let mut h = Harness::editing(r#"{"user":"app","password":"s3cret"}"#);
    press(&mut h, KeyCode::Esc);
    assert!(
        h.state.layers.popup::<EditSession>().is_none(),
        "unchanged: left at once"
    );
    assert_ne!(h.state.layers.top(), Layer::Editor);

    let mut h = Harness::editing(r#"{"user":"app","password":"s3cret"}"#);
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    h.type_text("2");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Editor, "the field is put back");
    press(&mut h, KeyCode::Esc);
    assert_eq!(
        h.state.layers.top(),
        Layer::Confirm,
        "asks before losing the change"
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(
        h.state.layers.popup::<EditSession>().is_none(),
        "y discards and leaves"
    );
}
