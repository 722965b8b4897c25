//! The messages log without a terminal: what the footer said, kept with its time after the
//! next message replaced it, newest first, and closed again.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui::app::Command;
use smtui::app::layers::Layer;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

#[test]
fn a_replaced_error_can_still_be_read_in_the_log() {
    let mut h = Harness::loaded();
    // The harness's denied region left an error in the footer; a later message replaces it.
    let denied = h.state.status_text().to_owned();
    assert!(denied.contains("access denied"), "{denied}");
    press(&mut h, KeyCode::Esc);
    h.cmd(Command::Theme);
    let later = h.state.status_text().to_owned();
    assert_eq!(later, "No themes to choose from");
    press(&mut h, KeyCode::Char('M'));
    assert_eq!(h.state.layers.top(), Layer::Messages);
    let screen = h.screen(120, 40);
    let at = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in the log:\n{screen}"))
    };
    assert!(
        at(&later) < at("ListSecrets in ap-southeast-2"),
        "newest first:\n{screen}"
    );
    assert!(screen.contains("Messages, newest first"), "{screen}");
    // The time stands apart from the words: `HH:MM:SS` and two spaces.
    let row = screen
        .lines()
        .find(|l| l.contains("ListSecrets in ap-southeast-2"))
        .unwrap_or_default();
    let words = row.find("ListSecrets").unwrap_or_default();
    assert_eq!(&row[words - 2..words], "  ", "{row}");
    press(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::List);
}
