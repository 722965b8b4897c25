//! Who asked for an AWS call, and when: the stamp every effect carries and every result
//! returns with (see `envelope`).

pub use crate::ids::IdentityId;

/// Who asked, and when: stamped on every AWS effect and copied onto its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    /// The identity's generation: a refresh (or holding it again) starts a new one, and
    /// older results of that identity are stale.
    pub generation: u64,
    pub identity: IdentityId,
}

/// Whose data a popup or a prompt holds (`Shown::holds`, `RoomPrompt::holds`), so it
/// closes when that data goes.
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
    pub(crate) fn goes_with(self, identity: IdentityId) -> bool {
        match self {
            Holds::Nothing => false,
            Holds::Identity(held) => held == identity,
            Holds::Panes => true,
        }
    }

    /// Whether it stays when the panes work as `current` alone (a switch: nothing of the
    /// identity before may be written or shown as the new one).
    pub(crate) fn stays_working_as(self, current: IdentityId) -> bool {
        match self {
            Holds::Nothing => true,
            Holds::Identity(held) => held == current,
            Holds::Panes => false,
        }
    }
}
