//! The AWS call the audit room makes: one page of CloudTrail events.

use crate::ids::SecretRef;
use crate::room::{Lane, RoomCall};

pub use crate::model::audit::Lookup;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// CloudTrail LookupEvents: one page, answered with `query` (the room's own id).
    LookupEvents {
        query: u64,
        region: String,
        lookup: Lookup,
        start: jiff::Timestamp,
        end: jiff::Timestamp,
        token: Option<String>,
    },
}

impl Call {
    /// The region whose trail is read.
    pub(crate) fn region(&self) -> &str {
        match self {
            Call::LookupEvents { region, .. } => region,
        }
    }
}

impl RoomCall for Call {
    /// CloudTrail's own lane: 2 requests per second per account and region.
    fn lane(&self) -> Lane {
        match self {
            Call::LookupEvents { .. } => Lane::CloudTrail,
        }
    }

    /// Reading the trail changes nothing.
    fn mutates(&self) -> bool {
        match self {
            Call::LookupEvents { .. } => false,
        }
    }

    /// The service's name for the call, for messages.
    fn operation(&self) -> &'static str {
        match self {
            Call::LookupEvents { .. } => "LookupEvents",
        }
    }

    /// About no secret.
    fn secret(&self) -> Option<&SecretRef> {
        None
    }

    fn region(&self) -> Option<&str> {
        Some(Call::region(self))
    }
}
