//! Popups that take their keys alone: the router hands a key to the popup on top through
//! `keyed`, so such a popup adds no arm to the router. The others (the audit pane, the
//! theme picker, the role switcher, the editor, the prompt) take their keys with their room, which the
//! router lends beside them. Apart from `popup` because the keys need a room's context
//! (`room`), and `room` names the popups (`Intent::OpenPopup`).

use crate::app::command::{Command, Nested};
use crate::app::effect::AwsCall;
use crate::app::popup::Popup;
use crate::app::room::{Out, PromptFor};
use crate::room::Ctx;
use crate::room::Room;
use crate::room::popup::Keyed;

/// A keyed popup as the router hands it a command: the app's command, narrowed to what
/// the popup's room takes (another room's command does nothing there).
pub(crate) trait TakesKeys {
    fn take(&mut self, command: Command, ctx: &Ctx, out: &mut Out);
}

impl<T: Keyed> TakesKeys for T
where
    T::Own: Nested,
    Command: From<<T::Room as Room>::Command>,
    AwsCall: From<<T::Room as Room>::Call>,
    Popup: From<<T::Room as Room>::Popup>,
    PromptFor: From<<T::Room as Room>::Prompt>,
{
    fn take(&mut self, command: Command, ctx: &Ctx, out: &mut Out) {
        if let Some(command) = command.bind() {
            out.of(|out| self.command(command, ctx, out));
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
