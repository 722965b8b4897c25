//! What the footer hints and the palette offer: the commands that can do something in a
//! layer now, and the palette's list for the top layer.

use crate::app::command::Command;
use crate::app::confirm;
use crate::app::registry::registered;
use crate::app::room::Out;
use crate::app::state::State;
use crate::features::clipboard;
use crate::room::keys::Bind;
use crate::room::keys::Verb;
use crate::room::layers::Layer;
use crate::room::update::Update;

/// `:` — the commands that apply in the top layer: everything the palette offers under the
/// panes, or the top layer's own bound commands (the versions popup, the editor).
pub(crate) fn open_palette(state: &mut State, out: &mut Out) {
    let origin = state.layers.top();
    let offered: Vec<Command> = if origin.is_pane() {
        Command::all()
            .filter(|c| c.in_palette() && available(state, origin, *c))
            .collect()
    } else {
        let mut own: Vec<Command> = Vec::new();
        for binding in state.keymap.active(origin) {
            let command = binding.command;
            let useful = !matches!(command, Command::Verb(Verb::Palette | Verb::Quit));
            if useful && !own.contains(&command) && available(state, origin, command) {
                own.push(command);
            }
        }
        own
    };
    state
        .palette
        .open_with(origin, offered, state.settings.read_only, out);
}

/// Whether `command` can do anything in `layer` now: the footer hints and the palette
/// offer only these.
pub(crate) fn available(state: &State, layer: Layer, command: Command) -> bool {
    if command.mutates() && state.settings.read_only {
        return false;
    }
    // A registered room says for its own commands, and for the verbs in its layers.
    if let Some(available) = registered_available(state, layer, command) {
        return available;
    }
    let selected = state.selected().is_some();
    match command {
        // In the value pane, `v` toggles one JSON key.
        Command::Verb(Verb::Reveal) if layer == Layer::Value => state.reveal.shows_key_table(),
        Command::Verb(Verb::Reveal) => selected,
        Command::Verb(Verb::FocusNext) => state.reveal.shows_value(),
        Command::Clipboard(command) => clipboard::commands::available(command, &state.ctx()),
        // A spine room's own commands: the room says, from what it may read.
        Command::Session(command) => state.session.available(command),
        Command::Value(command) => state.reveal.available(command, &state.ctx()),
        // A question answers to `y`; a typed confirmation takes `y` as a letter and answers
        // to Enter once the text is right: the footer names the one that works.
        Command::Verb(Verb::Confirm) if layer == Layer::Confirm => !typed_confirmation(state),
        Command::Verb(Verb::Select) if layer == Layer::Confirm => typed_confirmation(state),
        // Wide screens show every pane: there is no tab to switch to.
        Command::Verb(Verb::NextTab | Verb::PreviousTab) => state.tabs_shown.get(),
        _ => true,
    }
}

/// Whether the open confirmation asks for a text to be typed.
fn typed_confirmation(state: &State) -> bool {
    state
        .layers
        .popup::<confirm::Popup>()
        .is_some_and(confirm::Popup::takes_text)
}

/// The word a footer hint uses for `command` in `layer` now, where what the key does
/// depends on the moment: `v` masks values already shown, and Esc in the editor's form
/// leaves the field, then the form, before it leaves the editor.
pub(crate) fn hint_now(
    state: &State,
    layer: Layer,
    command: Command,
    hint: &'static str,
) -> &'static str {
    if let Some(now) = registered_hint(state, layer, command) {
        return now;
    }
    if command != Command::Verb(Verb::Reveal) {
        return hint;
    }
    let shown = match layer {
        Layer::List => state.reveal.shows_value(),
        Layer::Value => {
            if state.reveal.shows_selected_key() {
                return "mask key";
            }
            false
        }
        _ => false,
    };
    if shown { "mask" } else { hint }
}

/// What a registered room says of its own commands and of the verbs in its layers, from
/// the registry (`app/registry.rs`).
macro_rules! offered {
    (
        rooms: [$($variant:ident => $room:ident),* $(,)?]
        $($_rest:tt)*
    ) => {
        /// Whether a registered room says `command` can act in `layer` now: its own command
        /// anywhere, a verb in a layer it owns (`None`: it leaves it to the app's rules).
        fn registered_available(state: &State, layer: Layer, command: Command) -> Option<bool> {
            let ctx = state.ctx();
            match command {
                $(Command::$variant(own) => {
                    let open = state.layers.popup::<<crate::features::$room::Room as Update>::Open>();
                    <crate::features::$room::Room as Update>::available(
                        &state.rooms.$room, open, layer, Bind::Own(own), &ctx,
                    )
                })*
                Command::Verb(verb) => {
                    $(if <crate::features::$room::Room as Update>::LAYERS.contains(&layer) {
                        let open = state.layers.popup::<<crate::features::$room::Room as Update>::Open>();
                        return <crate::features::$room::Room as Update>::available(
                            &state.rooms.$room, open, layer, Bind::Verb(verb), &ctx,
                        );
                    })*
                    None
                }
                _ => None,
            }
        }

        /// The word a registered room's footer hint says for `command` in a layer it owns
        /// now, where it depends on the moment.
        fn registered_hint(state: &State, layer: Layer, command: Command) -> Option<&'static str> {
            $(if <crate::features::$room::Room as Update>::LAYERS.contains(&layer) {
                let open = state.layers.popup::<<crate::features::$room::Room as Update>::Open>();
                return command
                    .bind()
                    .and_then(|command| <crate::features::$room::Room as Update>::hint(open, layer, command));
            })*
            None
        }

    };
}

registered!(offered);
