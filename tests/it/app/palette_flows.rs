//! What the palette offers: in read-only mode a write typed by name is recognised and
//! refused with the reason (closing the palette), not answered as if no such command existed; commands that
//! cannot act now (going back with no identity before, switching tabs where every pane is
//! shown) are not offered.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::room::layers::Layer;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

#[test]
fn read_only_says_a_typed_write_exists_but_is_not_allowed() {
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char(':'));
    h.type_text("rotate");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("rotate changes the secret: not in read-only mode"),
        "{screen}"
    );
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.status_text(),
        "rotate changes the secret: not in read-only mode"
    );
    assert!(h.calls().is_empty());
    // The refusal closes the palette: the next key is a key, not text typed into it.
    assert_eq!(h.state.layers.top(), Layer::List, "the palette closed");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("rotate changes the secret: not in read-only mode")
            && !screen.contains(":rotate"),
        "{screen}"
    );
    press(&mut h, KeyCode::Char('q'));
    assert!(h.state.quit, "q quits rather than typing :rotateq");
    // `delete` fuzzily matches `toggle-deleted`: its exact name is still the write's.
    let mut h = Harness::loaded();
    h.state.settings.read_only = true;
    press(&mut h, KeyCode::Char(':'));
    h.type_text("delete");
    press(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.status_text(),
        "delete changes the secret: not in read-only mode"
    );
    assert!(!h.state.browse.list.show_deleted(), "nothing else ran");
}

#[test]
fn outside_read_only_a_typed_write_runs() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char(':'));
    h.type_text("rotate");
    press(&mut h, KeyCode::Enter);
    assert!(
        !h.state.status_text().contains("read-only"),
        "{}",
        h.state.status_text()
    );
    assert!(!h.state.layers.contains(Layer::Palette));
}

#[test]
fn a_long_command_name_never_runs_into_its_keys_or_description() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char(':'));
    h.type_text("rotation-sch");
    let screen = h.screen(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("rotation-schedule"))
        .unwrap_or_else(|| panic!("offered:\n{screen}"));
    assert!(row.contains("rotation-schedule  "), "{row}");
}

#[test]
fn role_back_and_role_renew_are_offered_only_when_they_can_act() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char(':'));
    h.type_text("role-");
    let screen = h.screen(120, 40);
    assert!(
        !screen.contains("role-back") && !screen.contains("role-renew"),
        "nothing to go back to, nothing expires:\n{screen}"
    );
}

#[test]
fn the_tab_commands_are_offered_only_where_the_panes_are_tabs() {
    let offered = |h: &mut Harness, width, height| {
        h.settle(width, height);
        press(h, KeyCode::Char(':'));
        h.type_text("tab");
        let screen = h.screen(width, height);
        press(h, KeyCode::Esc);
        screen.contains("next-tab") && screen.contains("previous-tab")
    };
    let mut h = Harness::loaded();
    assert!(!offered(&mut h, 160, 40), "every pane is shown");
    assert!(offered(&mut h, 80, 24), "one pane under a tab bar");
    assert!(!offered(&mut h, 160, 40), "wide again");
}

#[test]
fn form_is_offered_only_for_a_flat_json_object() {
    let offered = |value: &str| {
        let mut h = Harness::editing(value);
        h.press(KeyCode::Char('p'), KeyModifiers::CONTROL);
        assert_eq!(h.state.layers.top(), Layer::Palette);
        h.type_text("form");
        h.screen(120, 40).contains("field by field")
    };
    assert!(offered(r#"{"user":"app"}"#));
    assert!(!offered("plain text"), "a text value has no fields");
}
