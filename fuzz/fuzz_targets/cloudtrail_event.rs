//! Any text as a CloudTrail record: a row without a panic, its fields capped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smtui_core::model::audit::{AuditEvent, Envelope, MAX_FIELD_CHARS};

fuzz_target!(|record: &str| {
    let event = AuditEvent::parse(&Envelope {
        event_id: Some("e"),
        event_name: Some("GetSecretValue"),
        event_time: None,
        username: None,
        cloudtrail_event: Some(record),
    });
    assert!(event.name.chars().count() <= MAX_FIELD_CHARS);
    let _ = event.short_agent();
    let _ = event.outcome();
});
