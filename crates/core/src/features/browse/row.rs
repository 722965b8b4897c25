//! One row of the secret list, the columns it is shown and sorted by, and the sort.
//! Apart from `list.rs` so that the kept orders (`order.rs`) and the list can both use
//! them without importing each other.

use crate::model::SecretSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Region,
    Description,
    LastChanged,
    LastAccessed,
    Rotation,
    Tags,
    /// The account the secret is in (its alias when known): drawn and offered by the sort
    /// only while several identities are held.
    Account,
}

impl Column {
    pub(crate) const ALL: [Column; 8] = [
        Column::Name,
        Column::Region,
        Column::Description,
        Column::LastChanged,
        Column::LastAccessed,
        Column::Rotation,
        Column::Tags,
        Column::Account,
    ];

    pub(crate) fn title(self) -> &'static str {
        match self {
            Column::Name => "NAME",
            Column::Region => "REGION",
            Column::Description => "DESCRIPTION",
            Column::LastChanged => "CHANGED",
            Column::LastAccessed => "ACCESSED",
            Column::Rotation => "ROT",
            Column::Tags => "TAGS",
            Column::Account => "ACCOUNT",
        }
    }

    /// The column the sort moves to after this one; the account only when `accounts`
    /// (several identities are held).
    pub(super) fn next(self, accounts: bool) -> Column {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        let next = Self::ALL[(i + 1) % Self::ALL.len()];
        if next == Column::Account && !accounts {
            next.next(accounts)
        } else {
            next
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) summary: SecretSummary,
}
