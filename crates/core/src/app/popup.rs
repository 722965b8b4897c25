//! Popups as values. A popup that shows data carries it: it goes on the layer stack as
//! `Popup::<Room>(<room>::Popup)`, its room's update gets `&mut` it from the router, the
//! frame draws it from the value, and closing it drops the value (and wipes what is
//! secret in it). The stack and a popup's data cannot disagree: they are one thing.
//!
//! A room declares its popup type in its own folder; registering it here is a variant,
//! its layer in `layer`, and a `room_popup!` line.

use crate::app::layers::Layer;
use crate::features::{confirm, lifecycle, prompt, tags, versions};

/// Every popup that carries data, nested by room.
#[derive(Debug, Clone)]
pub enum Popup {
    Tags(tags::Popup),
    Versions(versions::Picker),
    Compare(versions::Comparison),
    Delete(lifecycle::DeleteForm),
    Prompt(prompt::Popup),
    Confirm(confirm::Popup),
}

impl Popup {
    /// Its key context: which bindings, help and docs/keys.md section apply while it is on
    /// top.
    pub fn layer(&self) -> Layer {
        match self {
            Popup::Tags(_) => Layer::Tags,
            Popup::Versions(_) => Layer::Versions,
            Popup::Compare(_) => Layer::Compare,
            Popup::Delete(_) => Layer::Delete,
            Popup::Prompt(_) => Layer::Prompt,
            Popup::Confirm(_) => Layer::Confirm,
        }
    }

    /// Whether `layer` is a popup that carries data, so only a value can put it on the
    /// stack (pushing its bare layer would open it empty).
    pub(crate) fn carries(layer: Layer) -> bool {
        matches!(
            layer,
            Layer::Tags
                | Layer::Versions
                | Layer::Compare
                | Layer::Delete
                | Layer::Prompt
                | Layer::Confirm
        )
    }
}

/// A room's popup type, found on the stack by its variant.
pub trait RoomPopup: Sized {
    fn of(popup: &Popup) -> Option<&Self>;
    fn of_mut(popup: &mut Popup) -> Option<&mut Self>;
}

/// Ties a room's popup type to its variant.
macro_rules! room_popup {
    ($variant:ident, $ty:ty) => {
        impl RoomPopup for $ty {
            fn of(popup: &Popup) -> Option<&Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
            fn of_mut(popup: &mut Popup) -> Option<&mut Self> {
                match popup {
                    Popup::$variant(inner) => Some(inner),
                    _ => None,
                }
            }
        }
    };
}

room_popup!(Tags, tags::Popup);
room_popup!(Versions, versions::Picker);
room_popup!(Compare, versions::Comparison);
room_popup!(Delete, lifecycle::DeleteForm);
room_popup!(Prompt, prompt::Popup);
room_popup!(Confirm, confirm::Popup);
