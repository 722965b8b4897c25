//! A JSON object that names a key twice (`{"host":"db","host":"evil"}`): most programs read
//! the last, so nothing may hide either. The value pane, the editor and the review before a
//! save each say the value has duplicate keys, naming the keys and never the values.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::command::Command;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;

const TWICE: &str = r#"{"host":"db-primary","port":5432,"host":"evil-host"}"#;
const NOTE: &str = "Duplicate keys: \"host\" appears more than once";

fn no_value(screen: &str) -> bool {
    !["db-primary", "evil-host", "5432"]
        .iter()
        .any(|v| screen.contains(v))
}

#[test]
fn the_value_pane_says_a_key_is_written_twice_without_its_values() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(TWICE);
    let screen = h.screen(120, 40);
    assert!(screen.contains(NOTE), "{screen}");
    assert!(no_value(&screen), "masked: {screen}");
    // The pretty raw JSON says it too.
    h.cmd(Command::Value(RevealCommand::RawJson));
    let screen = h.screen(120, 40);
    assert!(screen.contains(NOTE), "{screen}");
    assert!(no_value(&screen), "masked: {screen}");
}

#[test]
fn the_editor_and_the_review_say_it_and_the_review_shows_every_occurrence() {
    let mut h = Harness::editing(TWICE);
    let screen = h.screen(100, 30);
    assert!(screen.contains(NOTE), "{screen}");
    assert!(no_value(&screen), "masked: {screen}");
    // Fields would show one of the two: not offered.
    h.press(KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(
        h.editor_message()
            .unwrap_or_default()
            .contains("repeated keys"),
        "{:?}",
        h.editor_message()
    );
    // A change elsewhere: the review before the save says it as well.
    h.press(KeyCode::End, KeyModifiers::CONTROL);
    h.press(KeyCode::End, KeyModifiers::NONE);
    h.press(KeyCode::Left, KeyModifiers::NONE);
    h.press(KeyCode::Left, KeyModifiers::NONE);
    h.type_text("2");
    h.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.state.layers.top(), Layer::Review);
    let screen = h.screen(100, 30);
    assert!(screen.contains(NOTE), "{screen}");
    assert!(
        screen.contains("~ host (2 of 2): ••••••••"),
        "the occurrence that changed: {screen}"
    );
    assert!(no_value(&screen), "masked: {screen}");
}

#[test]
fn a_key_typed_twice_is_said_as_it_is_typed() {
    let mut h = Harness::editing(r#"{"host":"db-primary"}"#);
    h.press(KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert!(!h.screen(100, 30).contains("Duplicate keys"));
    h.press(KeyCode::End, KeyModifiers::NONE);
    h.press(KeyCode::Left, KeyModifiers::NONE);
    h.type_text(r#","host":"evil-host""#);
    let screen = h.screen(100, 30);
    assert!(screen.contains(NOTE), "{screen}");
    assert!(no_value(&screen), "{screen}");
}
