//! Terminal key events -> actions, through the keymap (or the filter prompt when it is open).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::keymap::{self, Command};
use crate::app::{Action, FilterEdit, State};

pub fn key_to_action(state: &State, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if state.filter_editing {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Command(Command::Quit)),
            KeyCode::Char(c) if !ctrl => Some(Action::FilterInput(FilterEdit::Insert(c))),
            KeyCode::Backspace => Some(Action::FilterInput(FilterEdit::Backspace)),
            KeyCode::Enter => Some(Action::FilterInput(FilterEdit::Accept)),
            KeyCode::Esc => Some(Action::FilterInput(FilterEdit::Cancel)),
            _ => None,
        };
    }
    keymap::resolve(state.context(), key).map(Action::Command)
}
