//! A terminal paste (bracketed) without a terminal: text for the line being typed or the
//! editor, never keys, and all of it or none of it in the editor; and a pasted value too
//! long for the screen, reviewed; and a value whose characters the editor cannot show.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::Action;
use smtui_core::features::editor::EditSession;
use smtui_core::room::layers::Layer;
use smtui_core::secret::SecretValue;

fn paste(h: &mut Harness, text: &str) {
    h.act(Action::Paste(SecretValue::from_string(text.to_owned())));
}

#[test]
fn a_paste_is_never_keys() {
    let mut h = Harness::loaded();
    // Over the list: a pasted `q` does not quit, `D` does not delete; nothing runs.
    paste(&mut h, "qD\n");
    assert!(!h.state.quit);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert!(h.calls().is_empty());
    assert!(h.state.status_text().starts_with("Paste ignored"));
    // Into the filter: the text, its line break left out (it would have ended the prompt).
    h.press(KeyCode::Char('/'), KeyModifiers::NONE);
    paste(&mut h, "prod\nq");
    assert_eq!(h.state.layers.top(), Layer::Filter);
    assert_eq!(h.state.browse.list.filter(), "prodq");
    assert!(h.state.status_text().contains("line breaks"));
}

fn editing(value: &str) -> Harness {
    Harness::editing(value)
}

/// What the editor warns of before anything is typed.
fn editor_warnings(h: &Harness) -> Vec<String> {
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    session.loaded.as_ref().expect("loaded").warnings.clone()
}

fn buffer(h: &Harness) -> String {
    let session = h.state.layers.popup::<EditSession>().expect("editing");
    let text = session.loaded.as_ref().expect("loaded").buffer.text();
    text.expose_str().expect("utf-8").to_owned()
}

#[test]
fn into_the_editor_a_paste_goes_in_whole_or_not_at_all() {
    let pem = "-----BEGIN KEY-----\r\nAAAA\r\nBBBB\r\n-----END KEY-----";
    let mut h = editing("");
    paste(&mut h, pem);
    assert_eq!(
        buffer(&h),
        pem.replace("\r\n", "\n"),
        "line breaks kept, CRLF read as LF"
    );
    // At the service's limit: nothing of it, and said.
    let mut h = editing(&"x".repeat(65_000));
    paste(&mut h, &"y".repeat(1_000));
    assert_eq!(buffer(&h).len(), 65_000, "nothing pasted");
    let message = h.editor_message();
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.starts_with("Nothing pasted: 1000 bytes")),
        "{message:?}"
    );
    paste(&mut h, &"y".repeat(536));
    assert_eq!(buffer(&h).len(), 65_536, "what fits goes in whole");
}

/// A value too long for the screen, revealed in the review: the question and its keys stay
/// in view, the review says there is more, and it scrolls to the change's end.
#[test]
fn a_huge_revealed_change_keeps_the_review_s_keys_in_view() {
    let mut h = editing(&"B".repeat(65_000));
    h.press(KeyCode::End, KeyModifiers::NONE);
    paste(&mut h, "123456");
    h.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.state.layers.top(), Layer::Review);
    h.press(KeyCode::Char('v'), KeyModifiers::NONE);
    let screen = h.screen(100, 30);
    assert!(
        screen.contains("↓/↑ more below · y save · n back to editing"),
        "{screen}"
    );
    assert!(!screen.contains("123456"), "{screen}");
    h.settle(100, 30);
    h.press(KeyCode::End, KeyModifiers::NONE);
    let end = h.screen(100, 30);
    assert!(
        end.contains("123456") && !end.contains("more below"),
        "{end}"
    );
    assert!(end.contains("y save · n back to editing"), "{end}");
    // The end is the real end: one line up is a step back, not a dead key.
    h.press(KeyCode::Up, KeyModifiers::NONE);
    assert!(h.screen(100, 30).contains("more below"));
}

#[test]
fn a_value_with_invisible_characters_is_flagged_in_the_editor() {
    let h = editing("abc\u{1b}]52;c;ZXZpbA==\u{7}def\ttab\u{202E}evil");
    let warnings = editor_warnings(&h);
    assert!(
        warnings.iter().any(|w| w.contains("cannot show")),
        "{warnings:?}"
    );
    let plain = editing("{\n\t\"user\": \"app\"\n}");
    let warnings = editor_warnings(&plain);
    assert!(
        !warnings.iter().any(|w| w.contains("cannot show")),
        "tabs and line breaks are shown: {warnings:?}"
    );
}

#[test]
fn a_one_line_text_edit_is_one_change() {
    let mut h = editing("old-token");
    h.press(KeyCode::End, KeyModifiers::NONE);
    paste(&mut h, "-2");
    h.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let screen = h.screen(100, 30);
    assert!(screen.contains("1 change to"), "{screen}");
}
