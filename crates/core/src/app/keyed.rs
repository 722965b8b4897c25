//! Popups that take their keys alone: the router hands a key to the popup on top through
//! `keyed`, so such a popup adds no arm to the router. The others (the audit pane, the
//! theme picker, the role switcher, the editor, the prompt) take their keys with their room, which the
//! router lends beside them. Apart from `popup` because the keys need a room's context
//! (`room`), and `room` names the popups (`Intent::OpenPopup`).

use crate::app::command::{Command, Nested};
use crate::app::popup::Popup;
use crate::app::room::{Ctx, Out};
use crate::room::keys::Bind;

/// A popup that takes its keys with nothing but the context, declared by its room: it
/// receives the shared verbs and its room's own commands, never the app's command.
pub trait Keyed {
    /// The room's own commands.
    type Own: Nested;

    fn command(&mut self, command: Bind<Self::Own>, ctx: &Ctx, out: &mut Out);
}

/// A keyed popup as the router hands it a command: the app's command, narrowed to what
/// the popup's room takes (another room's command does nothing there).
pub(crate) trait TakesKeys {
    fn take(&mut self, command: Command, ctx: &Ctx, out: &mut Out);
}

impl<T: Keyed> TakesKeys for T {
    fn take(&mut self, command: Command, ctx: &Ctx, out: &mut Out) {
        if let Some(command) = command.bind() {
            self.command(command, ctx, out);
        }
    }
}

/// Its keys, where `popup` takes them alone.
pub(crate) fn keyed(popup: &mut Popup) -> Option<&mut dyn TakesKeys> {
    match popup {
        Popup::Tags(popup) => Some(popup),
        Popup::Versions(picker) => Some(picker),
        Popup::Compare(comparison) => Some(comparison),
        Popup::Delete(form) => Some(form),
        Popup::Rotation(overview) => Some(overview),
        Popup::AuditEvent(record) => Some(record),
        Popup::Confirm(confirm) => Some(confirm),
        Popup::Roles(_)
        | Popup::Themes(_)
        | Popup::Audit(_)
        | Popup::Editor(_)
        | Popup::Prompt(_) => None,
    }
}
