//! The two ways out: `Quit` (a key, the palette) keeps typed text from being lost to a
//! reflex; `Terminate` (a signal, a panic elsewhere, the terminal gone) ends smtui whatever
//! is unsaved, as no one is there to answer. (The real binary under SIGTERM and SIGHUP is
//! in `tests/it/e2e/signals.rs`.)

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, Command, Effect};
use smtui_core::features::editor::EditSession;
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::Layer;

/// The editor open on a value, with a change typed and not saved.
fn unsaved() -> Harness {
    let mut h = Harness::editing("abc");
    h.press(KeyCode::End, KeyModifiers::NONE);
    h.type_text("d");
    assert!(
        h.state
            .layers
            .popup::<EditSession>()
            .and_then(EditSession::unsaved)
            .is_some(),
        "a change is unsaved"
    );
    h
}

#[test]
fn quit_refuses_while_text_is_unsaved() {
    let mut h = unsaved();
    let effects = h.act(Action::Quit).to_vec();
    assert!(!h.state.quit, "not quitting");
    assert!(!effects.iter().any(|e| matches!(e, Effect::Quit)));
    assert!(
        h.state.status_text().contains("Not quitting"),
        "{}",
        h.state.status_text()
    );
    assert_eq!(h.state.layers.top(), Layer::Editor, "the text is kept");
}

#[test]
fn terminate_ends_smtui_with_text_unsaved() {
    let mut h = unsaved();
    let effects = h.act(Action::Terminate).to_vec();
    assert!(h.state.quit, "the loop ends");
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Quit)),
        "the runner is told to stop (and clears the clipboard after): {effects:?}"
    );
}

#[test]
fn terminate_masks_a_revealed_value_on_the_way_out() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("hunter2");
    assert!(h.state.shows_values(), "revealed");
    h.act(Action::Terminate);
    assert!(h.state.quit);
    assert!(!h.state.shows_values(), "masked before the last frame");
}
