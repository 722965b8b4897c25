//! What a popup value says of itself, whatever room it is from.

use crate::ids::IdentityId;

/// Whose data a popup holds (`Popup::holds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Nothing fetched or chosen as an identity: it stays whoever smtui works as.
    Nothing,
    /// What was fetched as this identity, or a call to make as it.
    Identity(IdentityId),
    /// What was chosen over the panes as they stood (the rows of every identity held, a
    /// region, the selected secret): it goes whenever an identity's data goes.
    Panes,
}

impl Holds {
    /// Whether it goes when `identity` is no longer held (`release_identity`).
    pub fn goes_with(self, identity: IdentityId) -> bool {
        match self {
            Holds::Nothing => false,
            Holds::Identity(held) => held == identity,
            Holds::Panes => true,
        }
    }

    /// Whether it stays when the panes work as `current` alone (a switch: nothing of the
    /// identity before may be written or shown as the new one).
    pub fn stays_working_as(self, current: IdentityId) -> bool {
        match self {
            Holds::Nothing => true,
            Holds::Identity(held) => held == current,
            Holds::Panes => false,
        }
    }
}
