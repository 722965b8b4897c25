//! The app's own commands: movement, the keys every popup shares (select, back, confirm,
//! cancel, complete), quit, help, the palette, focus and tabs.

use crate::room::keys::{Spec, Verb};

use Verb as C;

#[rustfmt::skip]
pub(crate) const APP: &[Spec<Verb>] = &[
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
