//! CloudTrail LookupEvents: one page of events (at most 50) for one lookup attribute in a
//! time window. The runner's CloudTrail lane spaces these calls to the service's 2 per
//! second per account and region.

use aws_sdk_cloudtrail::primitives::DateTime;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use jiff::Timestamp;

use super::signing_key::SigningKey;
use super::{AwsContext, AwsError, convert};
use smtui_core::model::audit::{AuditEvent, AuditPage, Envelope, Lookup};

/// LookupEvents' largest page.
pub(crate) const PAGE_SIZE: i32 = 50;
/// Secrets Manager's event source.
pub(crate) const EVENT_SOURCE: &str = "secretsmanager.amazonaws.com";

pub(crate) async fn lookup_events(
    ctx: &AwsContext,
    region: &str,
    lookup: &Lookup,
    (start, end): (Timestamp, Timestamp),
    token: Option<&str>,
) -> Result<AuditPage, AwsError> {
    let (key, value) = match lookup {
        Lookup::ResourceName(name) => (LookupAttributeKey::ResourceName, name.as_str()),
        Lookup::EventSource => (LookupAttributeKey::EventSource, EVENT_SOURCE),
    };
    let signed_with = SigningKey::default();
    let attribute = LookupAttribute::builder()
        .attribute_key(key)
        .attribute_value(value)
        .build()
        .map_err(|e| AwsError::invalid("LookupEvents", region, &e.to_string()))?;
    let out = ctx
        .cloudtrail(region)
        .lookup_events()
        .lookup_attributes(attribute)
        // Whole seconds on the wire: the end rounds up, so an event of the last second
        // is inside the window.
        .start_time(DateTime::from_secs(start.as_second()))
        .end_time(DateTime::from_secs(end.as_second() + 1))
        .max_results(PAGE_SIZE)
        .set_next_token(token.map(str::to_owned))
        .customize()
        .interceptor(signed_with.clone())
        .send()
        .await
        .map_err(|e| crate::error::from_sdk("LookupEvents", region, &e))?;
    let events = out
        .events()
        .iter()
        .map(|e| {
            AuditEvent::parse(&Envelope {
                event_id: e.event_id(),
                event_name: e.event_name(),
                event_time: convert::timestamp(e.event_time()),
                username: e.username(),
                cloudtrail_event: e.cloud_trail_event(),
            })
        })
        .collect();
    Ok(AuditPage {
        events,
        next_token: out.next_token().map(str::to_owned),
        signed_with: signed_with.get(),
    })
}
