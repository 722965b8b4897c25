//! The audit pane's summary: who read the value in the window, how many attempts were
//! denied, and the last read.

use std::collections::HashSet;

use jiff::Timestamp;

use super::{AuditEvent, Me};

/// Reading a value: GetSecretValue (BatchGetSecretValue also records one per secret, so
/// counting these alone counts each read once).
pub(crate) const READ: &str = "GetSecretValue";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Events counted (smtui's own reads left out unless asked for).
    pub(crate) events: usize,
    /// Distinct principals that read the value successfully.
    pub(crate) readers: usize,
    pub(crate) denied: usize,
    /// The newest successful read: when, and by whom.
    pub(crate) last_read: Option<(Timestamp, String)>,
    /// smtui's own read-only calls (`AuditEvent::own_read`), left out or counted.
    pub(crate) own: usize,
    /// How many of those read the value (successful GetSecretValue): when they are left
    /// out, the readers counted are the others.
    pub(crate) own_value_reads: usize,
}

/// Sums up `events` (of one secret, or of a region); `me` is who smtui is, whose reads
/// through smtui are its own.
pub(crate) fn summarise<'a>(
    events: impl IntoIterator<Item = &'a AuditEvent>,
    me: &Me,
    include_own: bool,
) -> Summary {
    let mut summary = Summary::default();
    let mut readers = HashSet::new();
    for event in events {
        let value_read = event.name == READ && event.error_code.is_none();
        if event.own_read(me) {
            summary.own += 1;
            summary.own_value_reads += usize::from(value_read);
            if !include_own {
                continue;
            }
        }
        summary.events += 1;
        if event.denied() {
            summary.denied += 1;
        }
        if value_read {
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
