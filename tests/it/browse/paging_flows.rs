//! The page keys move a list (and a JSON value's keys) by the rows it showed on the last
//! frame (`kit::Cursor`), and by ten before a frame has drawn it.

use std::collections::BTreeSet;

use crate::common::{self, Harness};
use crossterm::event::{KeyCode, KeyModifiers};

const SECRETS: usize = 200;

fn long_list() -> Harness {
    let mut h = Harness::new();
    let rows = (0..SECRETS)
        .map(|i| common::summary(&format!("app/secret-{i:03}"), "us-east-1"))
        .collect();
    h.page("us-east-1", rows, true);
    h
}

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

/// The list rows a frame of `width`×`height` shows: the secrets named on screen (the
/// detail pane names only the selected one, which the list shows too).
fn rows_shown(h: &Harness, width: u16, height: u16) -> usize {
    let screen = h.screen(width, height);
    let names: BTreeSet<&str> = screen
        .match_indices("app/secret-")
        .map(|(at, _)| &screen[at..at + "app/secret-000".len()])
        .collect();
    names.len()
}

#[test]
fn page_down_in_the_list_moves_by_the_rows_it_showed() {
    let mut h = long_list();
    press(&mut h, KeyCode::PageDown);
    assert_eq!(
        h.state.browse.list.selected_index(),
        10,
        "not drawn yet: ten rows"
    );
    let page = rows_shown(&h, 120, 40);
    assert!(page > 10, "a tall list shows more than ten rows: {page}");
    press(&mut h, KeyCode::PageDown);
    assert_eq!(h.state.browse.list.selected_index(), 10 + page);
    // A shorter screen: a shorter page.
    let short = rows_shown(&h, 120, 24);
    assert!(
        short < page,
        "{short} rows on a short screen, {page} on a tall one"
    );
    press(&mut h, KeyCode::PageUp);
    assert_eq!(h.state.browse.list.selected_index(), 10 + page - short);
    // The ends stop the page keys.
    press(&mut h, KeyCode::End);
    press(&mut h, KeyCode::PageDown);
    assert_eq!(h.state.browse.list.selected_index(), SECRETS - 1);
    press(&mut h, KeyCode::Home);
    press(&mut h, KeyCode::PageUp);
    assert_eq!(h.state.browse.list.selected_index(), 0);
}

#[test]
fn page_down_in_a_json_value_moves_by_the_keys_it_showed() {
    const KEYS: usize = 120;
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Verb(
        smtui_core::room::keys::Verb::Reveal,
    ));
    let entries: Vec<String> = (0..KEYS).map(|i| format!("\"key-{i:03}\":\"v\"")).collect();
    h.answer_fetch(&format!("{{{}}}", entries.join(",")));
    let selected = |h: &Harness| {
        let pane = h.state.reveal.value.as_ref().expect("the value shown");
        pane.selected_key.at()
    };
    let keys_shown = |h: &Harness, width, height| {
        let screen = h.screen(width, height);
        let keys: BTreeSet<&str> = screen
            .match_indices("key-")
            .map(|(at, _)| &screen[at..at + "key-000".len()])
            .collect();
        keys.len()
    };
    press(&mut h, KeyCode::PageDown);
    assert_eq!(selected(&h), 10, "not drawn yet: ten keys");
    let page = keys_shown(&h, 160, 70);
    assert!(page > 10, "a tall pane shows more than ten keys: {page}");
    press(&mut h, KeyCode::PageDown);
    assert_eq!(selected(&h), 10 + page);
    let short = keys_shown(&h, 120, 40);
    assert!(
        short < 10,
        "{short} keys on a short screen: fewer than the ten of before"
    );
    press(&mut h, KeyCode::PageUp);
    assert_eq!(selected(&h), 10 + page - short);
    press(&mut h, KeyCode::End);
    press(&mut h, KeyCode::PageDown);
    assert_eq!(selected(&h), KEYS - 1);
}
