//! One CloudTrail LookupEvents query and its page, as the AWS crate performs it for any room
//! that reads the trail (the audit pane, the access pane's reads).

/// LookupEvents' one lookup attribute.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// The events that name this resource (an API call's secret).
    ResourceName(String),
    /// Every Secrets Manager event of the region (service events included).
    EventSource,
}

/// One LookupEvents page.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    pub events: Vec<super::AuditEvent>,
    /// More to fetch with this token (same query).
    pub next_token: Option<String>,
    /// The access key id the lookup was signed with: the key smtui's calls as this
    /// identity use now, whose reads are its own (an identifier, never the secret key).
    pub signed_with: Option<String>,
}
