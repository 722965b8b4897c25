//! Terminal key events -> actions. A layer that takes text (the filter, the palette, a
//! typed confirmation) gets printable keys and Backspace first, so typing `q` or `r` there
//! never quits or refreshes; every other key goes through the keymap of the top layer.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use crate::app::keymap::Key;
use crate::app::{Action, State, TextEdit};
use crate::room::layers::Layer;

pub fn key_to_action(state: &State, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(event);
    if state.layers.top() == Layer::Editor {
        // The editor's few bindings (save, leave) first; every other key edits.
        return Some(
            state
                .keymap
                .resolve(Layer::Editor, key)
                .map_or(Action::EditorKey(event), Action::Command),
        );
    }
    if state.takes_text() {
        if let Some(c) = key.typed_char() {
            return Some(Action::Text(TextEdit::Insert(c)));
        }
        if key == Key::plain(KeyCode::Backspace) {
            return Some(Action::Text(TextEdit::Backspace));
        }
        if key == Key::ctrl('u') {
            return Some(Action::Text(TextEdit::Clear));
        }
    }
    state
        .keymap
        .resolve(state.layers.top(), key)
        .map(Action::Command)
}
