//! What a successful write reports: the rooms that write read it back from their outcomes.

use jiff::Timestamp;

/// What a successful write reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Deleted: gone on this date (AWS's DeletionDate).
    Deleted {
        on: Option<Timestamp>,
    },
    Restored,
    /// AWSCURRENT moved (make-current).
    MadeCurrent,
    /// Tags, the description or the rotation configuration changed.
    Updated,
    /// A rotation started (RotateSecret): the version it is making, if the service said.
    Rotated {
        version: Option<String>,
    },
}
