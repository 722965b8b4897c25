//! `CloudTrail_20131101.LookupEvents`, answered from the proxy's event store (moto has
//! no LookupEvents). Mirrors the real API's limits so smtui's audit pane meets them in
//! tests: one lookup attribute, MaxResults 1..=50, opaque NextToken bound to the query,
//! only the calling region's events, newest first.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::events::{ACCOUNT_ID, EVENT_SOURCE, EventStore, RESOURCE_TYPE, RecordedEvent};
use crate::ids::fnv1a64;

pub(crate) const ATTRIBUTE_KEYS: [&str; 8] = [
    "EventId",
    "EventName",
    "ReadOnly",
    "Username",
    "ResourceType",
    "ResourceName",
    "EventSource",
    "AccessKeyId",
];

/// A LookupEvents failure: `(__type, message)`, sent as HTTP 400.
pub(crate) type LookupError = (&'static str, String);

#[derive(Debug, Clone)]
struct Query {
    attribute: Option<(String, String)>,
    start: Option<f64>,
    end: Option<f64>,
    max_results: usize,
    /// Only events with `seq <= cursor` (None: from the newest).
    cursor: Option<u64>,
}

fn invalid(code: &'static str, msg: impl Into<String>) -> LookupError {
    (code, msg.into())
}

fn parse_query(region: &str, body: &[u8]) -> Result<Query, LookupError> {
    let v: Value = if body.is_empty() {
        json!({})
    } else {
        serde_json::from_slice(body)
            .map_err(|e| invalid("SerializationException", format!("invalid JSON: {e}")))?
    };
    let attribute = match v.get("LookupAttributes") {
        None | Some(Value::Null) => None,
        Some(Value::Array(list)) if list.is_empty() => None,
        Some(Value::Array(list)) if list.len() == 1 => {
            let key = list[0].get("AttributeKey").and_then(Value::as_str);
            let value = list[0].get("AttributeValue").and_then(Value::as_str);
            match (key, value) {
                (Some(k), Some(val)) if ATTRIBUTE_KEYS.contains(&k) => {
                    Some((k.to_string(), val.to_string()))
                }
                (Some(k), Some(_)) => {
                    return Err(invalid(
                        "InvalidLookupAttributesException",
                        format!("Unknown attribute key {k}"),
                    ));
                }
                _ => {
                    return Err(invalid(
                        "InvalidLookupAttributesException",
                        "AttributeKey and AttributeValue are required",
                    ));
                }
            }
        }
        Some(Value::Array(_)) => {
            return Err(invalid(
                "InvalidLookupAttributesException",
                "You cannot specify more than one lookup attribute",
            ));
        }
        Some(_) => {
            return Err(invalid(
                "InvalidLookupAttributesException",
                "LookupAttributes must be a list",
            ));
        }
    };
    let start = v.get("StartTime").and_then(Value::as_f64);
    let end = v.get("EndTime").and_then(Value::as_f64);
    if let (Some(s), Some(e)) = (start, end)
        && s > e
    {
        return Err(invalid(
            "InvalidTimeRangeException",
            "StartTime must be before EndTime",
        ));
    }
    let max_results = match v.get("MaxResults") {
        None | Some(Value::Null) => 50,
        Some(m) => match m.as_u64() {
            Some(n @ 1..=50) => usize::try_from(n).unwrap_or(50),
            _ => {
                return Err(invalid(
                    "InvalidMaxResultsException",
                    "MaxResults must be between 1 and 50",
                ));
            }
        },
    };
    let mut query = Query {
        attribute,
        start,
        end,
        max_results,
        cursor: None,
    };
    if let Some(token) = v.get("NextToken").and_then(Value::as_str) {
        query.cursor = Some(
            decode_token(token, query_hash(region, &query)).ok_or_else(|| {
                invalid(
                    "InvalidNextTokenException",
                    "The NextToken is invalid or does not match the query",
                )
            })?,
        );
    }
    Ok(query)
}

/// Binds a token to the query it came from: real CloudTrail rejects a token reused with
/// different filters, and so do we (MaxResults may change between pages).
fn query_hash(region: &str, q: &Query) -> u64 {
    let (k, v) = q.attribute.clone().unwrap_or_default();
    fnv1a64(format!("{region}|{k}|{v}|{:?}|{:?}", q.start, q.end).as_bytes())
}

fn encode_token(seq: u64, hash: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("v1:{seq}:{hash:016x}"))
}

fn decode_token(token: &str, hash: u64) -> Option<u64> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(token).ok()?).ok()?;
    let mut parts = raw.split(':');
    if parts.next()? != "v1" {
        return None;
    }
    let seq = parts.next()?.parse().ok()?;
    let h = u64::from_str_radix(parts.next()?, 16).ok()?;
    (h == hash && parts.next().is_none()).then_some(seq)
}

fn epoch_secs(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_millis() as f64 / 1000.0)
}

fn matches(e: &RecordedEvent, q: &Query) -> bool {
    let t = epoch_secs(e.event_time);
    if q.start.is_some_and(|s| t < s) || q.end.is_some_and(|end| t > end) {
        return false;
    }
    let Some((key, value)) = &q.attribute else {
        return true;
    };
    let v = value.as_str();
    // Service events (RotationStarted, ...) carry no caller and no resource: like the
    // real CloudTrail (as far as documented), only EventId, EventName, ReadOnly and
    // EventSource find them. Look them up by EventSource and filter on
    // additionalEventData.SecretId.
    let api = !e.service_event;
    match key.as_str() {
        "EventId" => e.event_id == v,
        "EventName" => e.event_name == v,
        "ReadOnly" => e.read_only.to_string() == v,
        "Username" => api && e.username() == v,
        "ResourceType" => api && v == RESOURCE_TYPE && e.secret_id.is_some(),
        "ResourceName" => {
            api && [&e.secret_id, &e.secret_arn, &e.secret_name]
                .iter()
                .any(|id| id.as_deref() == Some(v))
        }
        "EventSource" => v == EVENT_SOURCE,
        "AccessKeyId" => api && e.access_key_id == v,
        _ => false,
    }
}

/// Answers one LookupEvents call made in `region`.
/// LookupEvents in `region` of the account `account` (the caller's: each account has a
/// trail of its own).
pub(crate) fn lookup_events(
    store: &EventStore,
    region: &str,
    account: &str,
    body: &[u8],
) -> Result<Value, LookupError> {
    let q = parse_query(region, body)?;
    let mut hits = store
        .events()
        .rev()
        .filter(|e| e.region == region && e.account_id() == account)
        .filter(|e| q.cursor.is_none_or(|c| e.seq <= c))
        .filter(|e| matches(e, &q));
    let page: Vec<Value> = hits.by_ref().take(q.max_results).map(event_json).collect();
    let mut out = json!({ "Events": page });
    if let Some(next) = hits.next() {
        out["NextToken"] = Value::String(encode_token(next.seq, query_hash(region, &q)));
    }
    Ok(out)
}

/// One entry of `Events`, CloudTrail's LookupEvents shape.
pub(crate) fn event_json(e: &RecordedEvent) -> Value {
    if e.service_event {
        return json!({
            "EventId": e.event_id,
            "EventName": e.event_name,
            "ReadOnly": "false",
            "EventTime": epoch_secs(e.event_time),
            "EventSource": EVENT_SOURCE,
            "Resources": [],
            "CloudTrailEvent": service_event(e).to_string(),
        });
    }
    let resources: Vec<Value> = e
        .secret_id
        .iter()
        .map(|id| json!({ "ResourceType": RESOURCE_TYPE, "ResourceName": id }))
        .collect();
    json!({
        "EventId": e.event_id,
        "EventName": e.event_name,
        "ReadOnly": e.read_only.to_string(),
        "AccessKeyId": e.access_key_id,
        "EventTime": epoch_secs(e.event_time),
        "EventSource": EVENT_SOURCE,
        "Username": e.username(),
        "Resources": resources,
        "CloudTrailEvent": cloudtrail_event(e).to_string(),
    })
}

fn iso(t: SystemTime) -> String {
    jiff::Timestamp::try_from(t)
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The record of an event Secrets Manager writes itself, in the shape AWS documents for
/// rotation events: no caller identity beyond `invokedBy`, no request parameters, the
/// secret's ARN in `additionalEventData.SecretId`.
pub(crate) fn service_event(e: &RecordedEvent) -> Value {
    let arn = e.secret_arn.clone().unwrap_or_default();
    let account = arn.split(':').nth(4).unwrap_or(ACCOUNT_ID).to_string();
    json!({
        "eventVersion": "1.08",
        "userIdentity": {
            "accountId": account,
            "invokedBy": EVENT_SOURCE,
        },
        "eventTime": iso(e.event_time),
        "eventSource": EVENT_SOURCE,
        "eventName": e.event_name,
        "awsRegion": e.region,
        "sourceIPAddress": EVENT_SOURCE,
        "userAgent": EVENT_SOURCE,
        "requestParameters": Value::Null,
        "responseElements": Value::Null,
        "additionalEventData": { "SecretId": arn },
        "requestID": e.request_id,
        "eventID": e.event_id,
        "readOnly": false,
        "eventType": "AwsServiceEvent",
        "managementEvent": true,
        "recipientAccountId": account,
        "eventCategory": "Management",
    })
}

/// The full record CloudTrail keeps (the `CloudTrailEvent` string). `requestParameters`
/// carries ids only, never values.
pub(crate) fn cloudtrail_event(e: &RecordedEvent) -> Value {
    if e.service_event {
        return service_event(e);
    }
    let assumed = e.identity_arn.contains(":assumed-role/");
    let account = e.identity_arn.split(':').nth(4).unwrap_or(ACCOUNT_ID);
    let principal_id = if assumed {
        format!("AROAFAKEROLEID:{}", e.username())
    } else {
        "AIDAFAKEUSERID0000001".to_string()
    };
    let mut params = serde_json::Map::new();
    if let Some(id) = &e.secret_id {
        params.insert("secretId".into(), json!(id));
    }
    if let Some(v) = &e.version_id {
        params.insert("versionId".into(), json!(v));
    }
    if let Some(v) = &e.version_stage {
        params.insert("versionStage".into(), json!(v));
    }
    let time = iso(e.event_time);
    let mut v = json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": if assumed { "AssumedRole" } else { "IAMUser" },
            "principalId": principal_id,
            "arn": e.identity_arn,
            "accountId": account,
            "accessKeyId": e.access_key_id,
        },
        "eventTime": time,
        "eventSource": EVENT_SOURCE,
        "eventName": e.event_name,
        "awsRegion": e.region,
        "sourceIPAddress": e.source_ip,
        "userAgent": e.user_agent,
        "requestParameters": if params.is_empty() { Value::Null } else { Value::Object(params) },
        "responseElements": Value::Null,
        "requestID": e.request_id,
        "eventID": e.event_id,
        "readOnly": e.read_only,
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "recipientAccountId": account,
        "eventCategory": "Management",
    });
    if let Some(code) = &e.error_code {
        v["errorCode"] = json!(code);
        v["errorMessage"] = json!(e.error_message.clone().unwrap_or_default());
    }
    if !assumed {
        v["userIdentity"]["userName"] = json!(e.username());
    }
    v
}

#[cfg(test)]
#[path = "lookup_tests.rs"]
mod tests;
