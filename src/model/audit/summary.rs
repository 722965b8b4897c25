//! The audit pane's summary: who read the value in the window, how many attempts were
//! denied, and the last read.

use std::collections::HashSet;

use jiff::Timestamp;

use super::AuditEvent;

/// Reading a value: GetSecretValue (BatchGetSecretValue also records one per secret, so
/// counting these alone counts each read once).
pub const READ: &str = "GetSecretValue";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Events counted (smtui's own reads left out unless asked for).
    pub events: usize,
    /// Distinct principals that read the value successfully.
    pub readers: usize,
    pub denied: usize,
    /// The newest successful read: when, and by whom.
    pub last_read: Option<(Timestamp, String)>,
    /// smtui's own reads (`AuditEvent::own_read`), left out or counted.
    pub own: usize,
}

/// Sums up `events` (of one secret, or of a region); `caller_arn` is who smtui works as,
/// whose reads through smtui are its own.
pub fn summarise<'a>(
    events: impl IntoIterator<Item = &'a AuditEvent>,
    caller_arn: Option<&str>,
    include_own: bool,
) -> Summary {
    let mut summary = Summary::default();
    let mut readers = HashSet::new();
    for event in events {
        if event.own_read(caller_arn) {
            summary.own += 1;
            if !include_own {
                continue;
            }
        }
        summary.events += 1;
        if event.denied() {
            summary.denied += 1;
        }
        if event.name == READ && event.error_code.is_none() {
            readers.insert(event.principal.label.clone());
            if let Some(at) = event.time
                && summary
                    .last_read
                    .as_ref()
                    .is_none_or(|(last, _)| at > *last)
            {
                summary.last_read = Some((at, event.principal.label.clone()));
            }
        }
    }
    summary.readers = readers.len();
    summary
}
