//! The AWS call the audit room makes: one page of CloudTrail events.

use crate::app::effect::Lane;

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

/// LookupEvents' one lookup attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// The events that name this resource (an API call's secret).
    ResourceName(String),
    /// Every Secrets Manager event of the region (service events included).
    EventSource,
}

impl Call {
    /// CloudTrail's own lane: 2 requests per second per account and region.
    pub fn lane(&self) -> Lane {
        match self {
            Call::LookupEvents { .. } => Lane::CloudTrail,
        }
    }

    /// Reading the trail changes nothing.
    pub fn mutates(&self) -> bool {
        match self {
            Call::LookupEvents { .. } => false,
        }
    }

    /// The service's name for the call, for messages.
    pub fn operation(&self) -> &'static str {
        match self {
            Call::LookupEvents { .. } => "LookupEvents",
        }
    }

    /// The region whose trail is read.
    pub fn region(&self) -> &str {
        match self {
            Call::LookupEvents { region, .. } => region,
        }
    }
}
