//! What the footer hints and the palette read of an editing session: whether there is a
//! value to reveal, whether `v` masks now, what Esc does in the form.

use super::{EditSession, Phase};
use crate::room::layers::Layer;

impl EditSession {
    /// Whether it creates a new secret (its value is shown as it is typed: nothing stored
    /// to reveal).
    pub(crate) fn creates(&self) -> bool {
        self.creating.is_some()
    }

    /// Whether `layer` (the editor, its review or the conflict) shows values in clear now,
    /// so `v` there masks them.
    pub(crate) fn revealed_in(&self, layer: Layer) -> bool {
        match layer {
            Layer::Editor => self.revealed.is_shown(),
            Layer::Review => matches!(
                &self.phase,
                Phase::Reviewing { revealed, .. } if revealed.is_shown()
            ),
            Layer::Conflict => self
                .theirs
                .as_ref()
                .is_some_and(|theirs| theirs.revealed.is_shown()),
            _ => false,
        }
    }

    /// What Esc does in the editor now, where it does not leave it: in the field form it
    /// drops a field's changes, then goes back to the whole text.
    pub(crate) fn back_hint(&self) -> Option<&'static str> {
        match &self.phase {
            Phase::Form { field: Some(_), .. } => Some("drop field changes"),
            Phase::Form { field: None, .. } => Some("whole text"),
            _ => None,
        }
    }
}
