//! The app's own default bindings (each room's are in its folder): per scope, which keys
//! run which command, what that means there (help and docs/keys.md show it), and a short
//! footer hint for the most used ones. `app/rooms/` merges them all into the
//! default keymap.

use super::Scope;
use super::rows::{ENTER, ESC, GLOBAL, Item, Keyset, OWN, TAB, ctrl, k};
use crate::room::keys::Verb;
use crate::room::layers::Layer;

const PALETTE: Scope = Scope::In(Layer::Palette);
const HELP: Scope = Scope::In(Layer::Help);
const CONFIRM: Scope = Scope::In(Layer::Confirm);
const PROMPT: Scope = Scope::In(Layer::Prompt);

use Item::{Keys, Moves};
use Keyset::{Arrows as ARROWS, Vi as VI};
use Verb as C;

/// The app's own keys under the panes, and the layers that take only the app's commands:
/// the palette, help, the prompt and the confirmation.
#[rustfmt::skip]
pub(crate) const APP: &[Item<Verb>] = &[
    Moves(GLOBAL, VI, &["move down", "move up", "page down", "page up", "first row", "last row"], None),
    Keys(GLOBAL, &[TAB], C::FocusNext, OWN, Some("focus")),
    Keys(GLOBAL, &[k(']')], C::NextTab, "narrow screens: the next pane (list, detail, value, rotation)", None),
    Keys(GLOBAL, &[k('[')], C::PreviousTab, "narrow screens: the pane before", None),
    Keys(GLOBAL, &[k(':'), ctrl('p')], C::Palette, "command palette: run any command by name", Some("commands")),
    Keys(GLOBAL, &[k('?')], C::Help, "show this help", Some("help")),
    Keys(GLOBAL, &[k('q'), ctrl('c')], C::Quit, OWN, Some("quit")),
    Keys(PALETTE, &[ENTER], C::Select, "run the highlighted command", Some("run")),
    Keys(PALETTE, &[TAB], C::Complete, OWN, Some("complete")),
    Moves(PALETTE, ARROWS, &["next match", "previous match"], None),
    Keys(PALETTE, &[ESC], C::Back, "close the palette", Some("close")),
    Keys(HELP, &[ESC, k('q'), k('?')], C::Back, "close the help", Some("close")),
    Moves(HELP, VI, &["scroll down", "scroll up", "page down", "page up", "top", "bottom"], Some("scroll")),
    Keys(PROMPT, &[ENTER], C::Select, "done", Some("done")),
    Keys(PROMPT, &[ESC], C::Back, "cancel", Some("cancel")),
    Keys(CONFIRM, &[k('y')], C::Confirm, "yes", Some("yes")),
    Keys(CONFIRM, &[ENTER], C::Select, "yes to a typed name; a change or a discard wants y", Some("yes")),
    Keys(CONFIRM, &[k('n'), ESC], C::Cancel, "no: cancel", Some("no")),
];
