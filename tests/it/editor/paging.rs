//! The page keys in the editor move by what its last frame showed (`kit::Cursor`,
//! `kit::Scroll`): the field form by the fields it drew, keeping the chosen one in view;
//! the review by the lines of changes it drew.

use std::fmt::Write as _;

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::Action;
use smtui_core::features::editor::{EditSession, Phase};
use smtui_core::room::layers::Layer;
use smtui_core::secret::SecretValue;

const FIELDS: usize = 60;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The numbers of the `prefix`NNN names a `width`×`height` screen shows, top to bottom.
fn shown(h: &Harness, prefix: &str, (width, height): (u16, u16)) -> Vec<usize> {
    let screen = h.screen(width, height);
    screen
        .match_indices(prefix)
        .filter_map(|(at, _)| screen.get(at + prefix.len()..at + prefix.len() + 3))
        .filter_map(|digits| digits.parse().ok())
        .collect()
}

/// The form's chosen field.
fn chosen(h: &Harness) -> usize {
    match h.state.layers.popup::<EditSession>().map(|s| &s.phase) {
        Some(Phase::Form { selected, .. }) => selected.at(),
        other => panic!("the field form: {other:?}"),
    }
}

#[test]
fn the_field_form_pages_by_the_fields_it_showed_and_keeps_the_chosen_one_in_view() {
    let mut object = String::from("{");
    for i in 0..FIELDS {
        let comma = if i + 1 < FIELDS { "," } else { "" };
        write!(object, "\"field-{i:03}\":\"value {i}\"{comma}").expect("a string");
    }
    object.push('}');
    let mut h = Harness::editing(&object);
    press(&mut h, KeyCode::PageDown);
    assert_eq!(chosen(&h), 10, "not drawn yet: ten fields");
    let page = shown(&h, "field-", (100, 40)).len();
    assert!(
        page > 10 && page < FIELDS,
        "a tall form shows more than ten fields, not all: {page}"
    );
    press(&mut h, KeyCode::PageDown);
    assert_eq!(chosen(&h), 10 + page);
    let on_screen = shown(&h, "field-", (100, 40));
    assert!(on_screen.contains(&chosen(&h)), "{on_screen:?}");
    // A shorter screen: a shorter page.
    let short = shown(&h, "field-", (100, 24)).len();
    assert!(
        short < page,
        "{short} fields on a short screen, {page} on a tall one"
    );
    press(&mut h, KeyCode::PageUp);
    assert_eq!(chosen(&h), 10 + page - short);
    // The ends, and the last field is drawn when chosen.
    press(&mut h, KeyCode::End);
    assert_eq!(chosen(&h), FIELDS - 1);
    assert!(shown(&h, "field-", (100, 24)).contains(&(FIELDS - 1)));
    press(&mut h, KeyCode::Home);
    assert_eq!(chosen(&h), 0);
    assert!(shown(&h, "field-", (100, 24)).contains(&0));
}

#[test]
fn the_review_pages_by_the_lines_of_changes_it_showed() {
    let mut h = Harness::editing("a");
    press(&mut h, KeyCode::End);
    let mut added = String::new();
    for i in 1..=200 {
        write!(added, "\nline-{i:03}").expect("a string");
    }
    h.act(Action::Paste(SecretValue::from_string(added)));
    h.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.state.layers.top(), Layer::Review);
    // In clear, to read which lines are on screen.
    press(&mut h, KeyCode::Char('v'));
    for size in [(100, 30), (100, 45)] {
        let before = shown(&h, "line-", size);
        let last = *before.last().expect("lines shown");
        press(&mut h, KeyCode::PageDown);
        let after = shown(&h, "line-", size);
        assert_eq!(
            after.first(),
            Some(&(last + 1)),
            "a page on from {before:?} on {size:?}: {after:?}"
        );
    }
}
