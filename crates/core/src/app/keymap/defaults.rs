//! The app's own default bindings (each room's are in its folder): per scope, which keys
//! run which command, what that means there (help and docs/keys.md show it), and a short
//! footer hint for the most used ones. `crate::app::rooms` merges them all into the
//! default keymap.

use super::Scope;
use super::rows::{ENTER, ESC, GLOBAL, Item, Keyset, OWN, TAB, ctrl, k};
use crate::app::command::Command;
use crate::app::layers::Layer;

const LIST: Scope = Scope::In(Layer::List);
const VALUE: Scope = Scope::In(Layer::Value);
const FILTER: Scope = Scope::In(Layer::Filter);
const PALETTE: Scope = Scope::In(Layer::Palette);
const HELP: Scope = Scope::In(Layer::Help);
const CONFIRM: Scope = Scope::In(Layer::Confirm);
const EDITOR: Scope = Scope::In(Layer::Editor);
const REVIEW: Scope = Scope::In(Layer::Review);
const CONFLICT: Scope = Scope::In(Layer::Conflict);
const PROMPT: Scope = Scope::In(Layer::Prompt);

use Command as C;
use Item::{Keys, Moves};
use Keyset::{Arrows as ARROWS, Vi as VI};

/// The list and the value pane, and the value's keys under both.
#[rustfmt::skip]
pub(crate) const LIST_AND_VALUE: &[Item] = &[
    Keys(LIST, &[k('v'), ENTER], C::Reveal, OWN, Some("reveal")),
    Keys(LIST, &[k('c')], C::CopyValue, "copy the whole value (cleared after a timeout)", Some("copy")),
    Keys(LIST, &[ESC], C::Back, "mask the value / clear the filter", None),
    Keys(LIST, &[k('/')], C::Filter, "filter by words: name, region, description, tags", Some("filter")),
    Keys(LIST, &[k('s')], C::SortNext, OWN, Some("sort")),
    Keys(LIST, &[k('S')], C::SortReverse, OWN, None),
    Keys(LIST, &[k('.')], C::ToggleDeleted, OWN, None),
    Keys(LIST, &[k('w')], C::NextRegion, "narrow to one region; again: the next, then all", None),
    Keys(VALUE, &[k('v')], C::Reveal, "reveal / hide the selected JSON key", Some("reveal key")),
    Keys(VALUE, &[k('c')], C::CopyValue, "copy the selected JSON key (or the whole value)", Some("copy")),
    Keys(VALUE, &[ESC], C::Back, "mask the value and return to the list", Some("mask")),
    Moves(VALUE, VI, &["next JSON key / scroll down", "previous JSON key / scroll up"], Some("scroll")),
    Keys(GLOBAL, &[k('V')], C::RevealAll, OWN, Some("all keys")),
    Keys(GLOBAL, &[k('J')], C::ToggleRawJson, OWN, Some("raw")),
];

/// Copying names, refreshing, editing and creating, under the panes.
#[rustfmt::skip]
pub(crate) const COPY_AND_EDIT: &[Item] = &[
    Keys(GLOBAL, &[k('a')], C::CopyArn, OWN, None),
    Keys(GLOBAL, &[k('n')], C::CopyName, OWN, None),
    Keys(GLOBAL, &[k('r')], C::Refresh, OWN, Some("refresh")),
    Keys(GLOBAL, &[k('e')], C::Edit, "edit the value (review, then save)", Some("edit")),
    Keys(GLOBAL, &[k('N')], C::Create, "create a secret (name, description, then the value)", None),
];

/// The app's own keys under the panes, and the popups that are not a room's own yet: the
/// filter, the palette, help, the editor, the prompt and the confirmation.
#[rustfmt::skip]
pub(crate) const APP: &[Item] = &[
    Moves(GLOBAL, VI, &["move down", "move up", "page down", "page up", "first row", "last row"], None),
    Keys(GLOBAL, &[TAB], C::FocusNext, OWN, Some("focus")),
    Keys(GLOBAL, &[k(']')], C::NextTab, "narrow screens: the next pane (list, detail, value, rotation)", None),
    Keys(GLOBAL, &[k('[')], C::PreviousTab, "narrow screens: the pane before", None),
    Keys(GLOBAL, &[k(':'), ctrl('p')], C::Palette, "command palette: run any command by name", Some("commands")),
    Keys(GLOBAL, &[k('?')], C::Help, "show this help", Some("help")),
    Keys(GLOBAL, &[k('q'), ctrl('c')], C::Quit, OWN, Some("quit")),
    Keys(FILTER, &[ENTER], C::Select, "keep the filter and return to the list", Some("keep")),
    Keys(FILTER, &[ESC], C::Back, "clear the filter and return to the list", Some("clear")),
    Keys(PALETTE, &[ENTER], C::Select, "run the highlighted command", Some("run")),
    Keys(PALETTE, &[TAB], C::Complete, OWN, Some("complete")),
    Moves(PALETTE, ARROWS, &["next match", "previous match"], None),
    Keys(PALETTE, &[ESC], C::Back, "close the palette", Some("close")),
    Keys(HELP, &[ESC, k('q'), k('?')], C::Back, "close the help", Some("close")),
    Moves(HELP, VI, &["scroll down", "scroll up", "page down", "page up", "top", "bottom"], Some("scroll")),
    Keys(EDITOR, &[ctrl('s')], C::Save, OWN, Some("save")),
    Keys(EDITOR, &[ctrl('f')], C::FormMode, "JSON object: field by field / the whole text", Some("form")),
    Keys(EDITOR, &[ctrl('v')], C::Reveal, "reveal / mask the value (masked again after the timeout)", Some("reveal")),
    Keys(EDITOR, &[ctrl('g')], C::GeneratePassword, "insert a generated password (GetRandomPassword)", Some("password")),
    Keys(EDITOR, &[ctrl('p')], C::Palette, "command palette over the editor", None),
    Keys(EDITOR, &[ESC, ctrl('c')], C::Back, "leave (asks first if anything changed)", Some("leave")),
    Keys(REVIEW, &[k('y'), ENTER], C::Confirm, "save: a new version becomes AWSCURRENT", Some("save")),
    Keys(REVIEW, &[k('n'), ESC, ctrl('c')], C::Cancel, "back to editing", Some("edit")),
    Keys(REVIEW, &[k('v')], C::Reveal, "reveal / mask the changed values", Some("reveal")),
    Moves(REVIEW, VI, &["scroll down, where the changes do not fit", "scroll up", "page down", "page up", "top", "bottom"], None),
    Keys(CONFLICT, &[k('o')], C::Overwrite, "save yours over theirs (review first)", Some("overwrite")),
    Keys(CONFLICT, &[k('r')], C::ReloadTheirs, "take their value and edit from there (asks first)", Some("reload")),
    Keys(CONFLICT, &[k('e'), ESC, ctrl('c')], C::Back, "keep editing yours", Some("keep editing")),
    Keys(CONFLICT, &[k('v')], C::Reveal, "reveal / mask the values", Some("reveal")),
    Keys(PROMPT, &[ENTER], C::Select, "done", Some("done")),
    Keys(PROMPT, &[ESC], C::Back, "cancel", Some("cancel")),
    Keys(CONFIRM, &[k('y')], C::Confirm, "yes", Some("yes")),
    Keys(CONFIRM, &[ENTER], C::Select, "yes to a typed name; a change or a discard wants y", Some("yes")),
    Keys(CONFIRM, &[k('n'), ESC], C::Cancel, "no: cancel", Some("no")),
];
