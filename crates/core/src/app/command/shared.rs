//! The app's own commands (movement, the keys every popup shares, quit, help, the palette,
//! focus and tabs), and, until their rooms declare them, the commands of the value pane,
//! the clipboard, the list and the editor.

use crate::app::command::{Acts, Command, Spec};

use Acts::{Creates, Writes};
use Command as C;

#[rustfmt::skip]
pub(crate) const VALUE_AND_COPY: &[Spec] = &[
    Spec::new(C::Reveal, "reveal", "reveal / mask the value (GetSecretValue)"),
    Spec::new(C::RevealAll, "reveal-all", "reveal / hide every JSON key"),
    Spec::new(C::ToggleRawJson, "raw-json", "JSON: key table / pretty raw JSON"),
    Spec::new(C::CopyValue, "copy-value", "copy the value (cleared after a timeout)"),
    Spec::new(C::CopyArn, "copy-arn", "copy the ARN"),
    Spec::new(C::CopyName, "copy-name", "copy the name"),
];

#[rustfmt::skip]
pub(crate) const LIST_AND_EDIT: &[Spec] = &[
    Spec::new(C::Filter, "filter", "filter by words, each in the name, region, description or tags"),
    Spec::new(C::SortNext, "sort-next", "sort by the next column"),
    Spec::new(C::SortReverse, "sort-reverse", "reverse the sort order"),
    Spec::new(C::ToggleDeleted, "toggle-deleted", "show / hide secrets scheduled for deletion"),
    Spec::new(C::NextRegion, "next-region", "show one region's secrets, the next one each time, then all"),
    Spec::new(C::Refresh, "refresh", "refresh every region"),
    Spec::new(C::Edit, "edit", "edit the value in-app (review, then a compare-and-swap save)").acts(Writes),
    Spec::new(C::Create, "create", "create a secret (name, description, then its value)").acts(Creates),
    Spec::new(C::GeneratePassword, "generate-password", "editor: insert a generated password").popup_only(),
];

#[rustfmt::skip]
pub(crate) const APP: &[Spec] = &[
    Spec::new(C::FocusNext, "focus-next", "switch focus: list / value pane"),
    Spec::new(C::NextTab, "next-tab", "narrow screens: show the next pane (list, detail, value, rotation)"),
    Spec::new(C::PreviousTab, "previous-tab", "narrow screens: show the pane before"),
    Spec::new(C::Down, "down", "move down"),
    Spec::new(C::Up, "up", "move up"),
    Spec::new(C::PageDown, "page-down", "page down"),
    Spec::new(C::PageUp, "page-up", "page up"),
    Spec::new(C::Top, "top", "first row"),
    Spec::new(C::Bottom, "bottom", "last row"),
    Spec::new(C::Help, "help", "show the keys and commands"),
    Spec::new(C::Palette, "palette", "run a command by name").popup_only(),
    Spec::new(C::Quit, "quit", "quit (clears a copied secret)"),
    Spec::new(C::Select, "select", "choose the highlighted entry").popup_only(),
    Spec::new(C::Back, "back", "close, mask or clear").popup_only(),
    Spec::new(C::Confirm, "confirm", "confirm").popup_only(),
    Spec::new(C::Cancel, "cancel", "cancel").popup_only(),
    Spec::new(C::Complete, "complete", "complete the highlighted name").popup_only(),
];

#[rustfmt::skip]
pub(crate) const EDITOR_POPUP: &[Spec] = &[
    Spec::new(C::Save, "save", "review the changes, then save").popup_only(),
    Spec::new(C::DiscardEdit, "discard-edit", "leave the editor without saving").popup_only(),
    Spec::new(C::FormMode, "form", "edit a flat JSON object field by field (or the whole text)").popup_only(),
    Spec::new(C::ReloadTheirs, "reload-theirs", "take their value and edit from there").popup_only(),
    Spec::new(C::Overwrite, "overwrite", "save yours over theirs, deliberately").popup_only(),
];
