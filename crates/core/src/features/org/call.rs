//! The org room's one call: the organisation's accounts, as the identity worked as.

use crate::ids::SecretRef;
use crate::model::AwsError;
use crate::model::org::OrgAccount;
use crate::room::{Lane, RoomCall};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// Organizations' ListAccounts (every page), or, for `unit` (a unit's name or `ou-`
    /// ID), ListAccountsForParent of it and of every unit under it.
    Accounts { unit: Option<String> },
}

impl RoomCall for Call {
    /// What the user waits on.
    fn lane(&self) -> Lane {
        Lane::Interactive
    }

    /// A read.
    fn mutates(&self) -> bool {
        false
    }

    fn operation(&self) -> &'static str {
        match self {
            Call::Accounts { unit: None } => "ListAccounts",
            Call::Accounts { unit: Some(_) } => "ListAccountsForParent",
        }
    }

    fn secret(&self) -> Option<&SecretRef> {
        None
    }

    /// Organizations is global: the runner sends it to us-east-1.
    fn region(&self) -> Option<&str> {
        None
    }
}

/// What AWS answers the org room.
#[derive(Debug, Clone)]
pub enum Outcome {
    Accounts(Result<Vec<OrgAccount>, AwsError>),
}

impl crate::room::update::Answer for Outcome {}
