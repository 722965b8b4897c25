//! Browse: every region listed at once (pages shown as they arrive, a status per region),
//! the secret list with its sort, filter and selection, and the filter prompt.

pub(crate) mod commands;
mod filter;
mod intern;
pub(crate) mod list;
mod names;
mod order;
mod order_keys;
pub(crate) mod region_bar;
mod row;
mod state;
#[cfg(test)]
mod test_rows;
mod update;
pub(crate) mod view;

pub use commands::Command;

pub use filter::matches;
pub(crate) use list::SecretList;
pub use row::{Column, Sort};
pub use state::{Browse, RegionState, RegionStatus};

use crate::ids::SecretRef;
use crate::room::{Lane, Never, RoomCall};

/// The browse room's words: its list's commands and the listing it asks; the filter prompt
/// is a layer of its own, not a popup or a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Room {}

impl crate::room::Room for Room {
    type Command = Command;
    type Call = Call;
    type Popup = Never;
    type Prompt = Never;
}

/// An answer in the browse room's words.
pub(crate) type Out = crate::room::Out<Room>;

/// What the browse room asks. The app asks it as its own shared listing (`ListSecrets`),
/// whose pages it hands back here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    /// Every page of ListSecrets in `region`, each sent back as it arrives.
    List { region: String },
}

impl RoomCall for Call {
    fn lane(&self) -> Lane {
        Lane::Listing
    }

    fn mutates(&self) -> bool {
        false
    }

    fn operation(&self) -> &'static str {
        "ListSecrets"
    }

    fn secret(&self) -> Option<&SecretRef> {
        None
    }

    fn region(&self) -> Option<&str> {
        match self {
            Call::List { region } => Some(region),
        }
    }
}
