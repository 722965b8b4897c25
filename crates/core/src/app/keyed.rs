//! Popups that take their keys alone: the router hands a key to the popup on top through
//! `keyed`, so such a popup adds no arm to the router. The others (the audit pane, the
//! theme picker, the role switcher, the editor, the prompt) take their keys with their room, which the
//! router lends beside them. Apart from `popup` because the keys need a room's context
//! (`room`), and `room` names the popups (`Intent::OpenPopup`).

use crate::app::command::Command;
use crate::app::popup::Popup;
use crate::app::room::{Ctx, Out};

/// A popup that takes its keys with nothing but the context, declared by its room.
pub trait Keyed {
    fn command(&mut self, command: Command, ctx: &Ctx, out: &mut Out);
}

/// Its keys, where `popup` takes them alone.
pub(crate) fn keyed(popup: &mut Popup) -> Option<&mut dyn Keyed> {
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
