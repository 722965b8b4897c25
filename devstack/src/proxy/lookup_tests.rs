//! LookupEvents filtering, paging and validation on a store of synthetic events, and the
//! proof that secret values never reach the store.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use super::super::events::{CallContext, EventStore, RecordedEvent, request_ids};
use super::*;

fn synthetic(i: u64, region: &str, name: &str, secret: &str, read_only: bool) -> RecordedEvent {
    RecordedEvent {
        seq: 0,
        event_id: format!("evt-{i}"),
        request_id: format!("req-{i}"),
        event_name: name.to_string(),
        event_time: UNIX_EPOCH + Duration::from_secs(1_700_000_000 + i),
        region: region.to_string(),
        access_key_id: if i.is_multiple_of(2) {
            "AKIDEVEN"
        } else {
            "AKIDODD"
        }
        .to_string(),
        identity_arn: "arn:aws:sts::123456789012:user/moto".to_string(),
        secret_id: Some(secret.to_string()),
        secret_arn: Some(format!(
            "arn:aws:secretsmanager:{region}:123456789012:secret:{secret}-AbCdEf"
        )),
        secret_name: Some(secret.to_string()),
        version_id: None,
        version_stage: None,
        source_ip: "127.0.0.1".to_string(),
        user_agent: "test-agent".to_string(),
        error_code: None,
        error_message: None,
        read_only,
        service_event: false,
    }
}

/// 120 events in us-east-1 (GetSecretValue on a/b alternately, every 3rd a PutSecretValue)
/// plus 10 in eu-west-1.
fn store() -> EventStore {
    let mut s = EventStore::default();
    for i in 0..120_u64 {
        let secret = if i.is_multiple_of(2) {
            "prod/a"
        } else {
            "prod/b"
        };
        let (name, ro) = if i.is_multiple_of(3) {
            ("PutSecretValue", false)
        } else {
            ("GetSecretValue", true)
        };
        s.push(synthetic(i, "us-east-1", name, secret, ro));
    }
    for i in 200..210 {
        s.push(synthetic(i, "eu-west-1", "ListSecrets", "prod/a", true));
    }
    s
}

fn lookup(s: &EventStore, region: &str, body: &Value) -> Result<Value, LookupError> {
    lookup_events(s, region, ACCOUNT_ID, body.to_string().as_bytes())
}

fn ids(v: &Value) -> Vec<String> {
    v["Events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["EventId"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn newest_first_region_scoped_default_page_of_50() {
    let s = store();
    let page = lookup(&s, "us-east-1", &json!({})).expect("ok");
    let got = ids(&page);
    assert_eq!(got.len(), 50);
    assert_eq!(got[0], "evt-119");
    assert_eq!(got[49], "evt-70");
    assert!(page["NextToken"].is_string());
    let eu = lookup(&s, "eu-west-1", &json!({})).expect("ok");
    assert_eq!(ids(&eu).len(), 10);
    assert!(eu.get("NextToken").is_none());
    assert!(ids(&lookup(&s, "ap-southeast-2", &json!({})).expect("ok")).is_empty());
}

#[test]
fn pages_cover_everything_exactly_once() {
    let s = store();
    let mut token: Option<String> = None;
    let mut all = Vec::new();
    loop {
        let mut body = json!({ "MaxResults": 7 });
        if let Some(t) = &token {
            body["NextToken"] = json!(t);
        }
        let page = lookup(&s, "us-east-1", &body).expect("ok");
        all.extend(ids(&page));
        match page.get("NextToken").and_then(Value::as_str) {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    assert_eq!(all.len(), 120);
    let expected: Vec<String> = (0..120).rev().map(|i| format!("evt-{i}")).collect();
    assert_eq!(all, expected);
}

#[test]
fn filters_by_each_attribute() {
    let s = store();
    let by = |k: &str, v: &str| {
        let body = json!({ "LookupAttributes": [{ "AttributeKey": k, "AttributeValue": v }] });
        ids(&lookup(&s, "us-east-1", &body).expect("ok")).len()
    };
    assert_eq!(by("EventName", "PutSecretValue"), 40);
    assert_eq!(by("ReadOnly", "false"), 40);
    assert_eq!(by("ReadOnly", "true"), 50); // capped by the page
    assert_eq!(by("ResourceName", "prod/a"), 50);
    assert_eq!(
        by(
            "ResourceName",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/b-AbCdEf"
        ),
        50
    );
    assert_eq!(by("ResourceName", "prod/none"), 0);
    assert_eq!(by("EventId", "evt-5"), 1);
    assert_eq!(by("EventId", "evt-205"), 0); // other region
    assert_eq!(by("Username", "moto"), 50);
    assert_eq!(by("AccessKeyId", "AKIDODD"), 50);
    assert_eq!(by("ResourceType", "AWS::SecretsManager::Secret"), 50);
    assert_eq!(by("EventSource", "secretsmanager.amazonaws.com"), 50);
    assert_eq!(by("EventSource", "s3.amazonaws.com"), 0);
}

#[test]
fn filters_by_time_range_with_float_seconds() {
    let s = store();
    let body = json!({ "StartTime": 1_700_000_010.5, "EndTime": 1_700_000_020.0 });
    let got = ids(&lookup(&s, "us-east-1", &body).expect("ok"));
    let expected: Vec<String> = (11..=20).rev().map(|i| format!("evt-{i}")).collect();
    assert_eq!(got, expected);
}

#[test]
fn validates_like_cloudtrail() {
    let s = store();
    let err = |body: Value| lookup(&s, "us-east-1", &body).expect_err("must fail").0;
    assert_eq!(
        err(json!({ "LookupAttributes": [
            { "AttributeKey": "EventName", "AttributeValue": "A" },
            { "AttributeKey": "EventName", "AttributeValue": "B" }
        ] })),
        "InvalidLookupAttributesException"
    );
    assert_eq!(
        err(json!({ "LookupAttributes": [{ "AttributeKey": "Bogus", "AttributeValue": "A" }] })),
        "InvalidLookupAttributesException"
    );
    assert_eq!(
        err(json!({ "MaxResults": 0 })),
        "InvalidMaxResultsException"
    );
    assert_eq!(
        err(json!({ "MaxResults": 51 })),
        "InvalidMaxResultsException"
    );
    assert_eq!(
        err(json!({ "NextToken": "garbage!" })),
        "InvalidNextTokenException"
    );
    assert_eq!(
        err(json!({ "StartTime": 10.0, "EndTime": 5.0 })),
        "InvalidTimeRangeException"
    );
    // A token is bound to its query.
    let page = lookup(&s, "us-east-1", &json!({ "MaxResults": 5 })).expect("ok");
    let token = page["NextToken"].as_str().expect("token");
    assert_eq!(
        err(json!({ "NextToken": token, "LookupAttributes": [
            { "AttributeKey": "EventName", "AttributeValue": "GetSecretValue" }
        ] })),
        "InvalidNextTokenException"
    );
    assert!(lookup(&s, "eu-west-1", &json!({ "NextToken": token })).is_err());
}

#[test]
fn event_shape_matches_lookup_events() {
    let s = store();
    let page = lookup(&s, "us-east-1", &json!({ "MaxResults": 1 })).expect("ok");
    let e = &page["Events"][0];
    assert_eq!(e["EventName"], "GetSecretValue");
    assert_eq!(e["ReadOnly"], "true");
    assert_eq!(e["EventSource"], "secretsmanager.amazonaws.com");
    assert_eq!(e["Username"], "moto");
    assert_eq!(
        e["Resources"][0]["ResourceType"],
        "AWS::SecretsManager::Secret"
    );
    assert_eq!(e["Resources"][0]["ResourceName"], "prod/b");
    assert!(e["EventTime"].as_f64().expect("number") > 1.7e9);
    let ct: Value = serde_json::from_str(e["CloudTrailEvent"].as_str().expect("string"))
        .expect("CloudTrailEvent is JSON");
    assert_eq!(ct["eventType"], "AwsApiCall");
    assert_eq!(ct["awsRegion"], "us-east-1");
    assert_eq!(ct["requestParameters"]["secretId"], "prod/b");
    assert_eq!(ct["userIdentity"]["type"], "IAMUser");
    assert_eq!(ct["recipientAccountId"], "123456789012");
    assert_eq!(ct["eventTime"].as_str().expect("iso").len(), 20);
}

#[test]
fn secret_values_are_never_recorded() {
    const VALUE: &str = "sk_live_THIS-MUST-NEVER-LEAK-9f8e7d";
    const BINARY: &str = "QkFTRTY0LU1VU1QtTk9ULUxFQUs="; // base64 SecretBinary
    let body = json!({
        "SecretId": "prod/payments/stripe-api-key",
        "ClientRequestToken": "11111111-2222-4333-8444-555555555555",
        "SecretString": VALUE,
        "SecretBinary": BINARY,
        "VersionStages": ["AWSCURRENT"],
    })
    .to_string();
    let ctx = CallContext {
        operation: "PutSecretValue".into(),
        region: "us-east-1".into(),
        access_key_id: "testing".into(),
        source_ip: "127.0.0.1".into(),
        user_agent: "aws-sdk-rust".into(),
    };
    let mut s = EventStore::default();
    // A response that (wrongly, hypothetically) echoed the value must not leak it either.
    let response = json!({
        "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/stripe-api-key-AbCdEf",
        "Name": "prod/payments/stripe-api-key",
        "SecretString": VALUE,
    })
    .to_string();
    let ev = s.record(
        &ctx,
        request_ids("PutSecretValue", body.as_bytes()),
        200,
        response.as_bytes(),
    );
    // A GetSecretValue answer carries the value too.
    let get_ctx = CallContext {
        operation: "GetSecretValue".into(),
        ..ctx.clone()
    };
    let get_req = json!({ "SecretId": "prod/payments/stripe-api-key" }).to_string();
    s.record(
        &get_ctx,
        request_ids("GetSecretValue", get_req.as_bytes()),
        200,
        response.as_bytes(),
    );

    assert_eq!(
        ev.secret_id.as_deref(),
        Some("prod/payments/stripe-api-key")
    );
    assert_eq!(
        ev.version_id.as_deref(),
        Some("11111111-2222-4333-8444-555555555555")
    );
    let debug = format!("{:?}", s.events().collect::<Vec<_>>());
    let lookup_out = lookup(&s, "us-east-1", &json!({})).expect("ok").to_string();
    for haystack in [&debug, &lookup_out] {
        assert!(
            !haystack.contains(VALUE),
            "secret string leaked: {haystack}"
        );
        assert!(!haystack.contains(BINARY), "secret binary leaked");
        assert!(!haystack.contains("SecretString"));
    }
    assert!(lookup_out.contains("prod/payments/stripe-api-key"));
}

#[test]
fn error_calls_record_code_and_read_only_flag() {
    let ctx = CallContext {
        operation: "DescribeSecret".into(),
        region: "us-east-1".into(),
        access_key_id: "ASIAROLE".into(),
        source_ip: "127.0.0.1".into(),
        user_agent: "ua".into(),
    };
    let mut s = EventStore::default();
    s.remember_role(
        "ASIAROLE".into(),
        "arn:aws:sts::123456789012:assumed-role/auditor/alice".into(),
    );
    let err = json!({ "__type": "com.amazonaws#ResourceNotFoundException", "message": "nope" });
    let ev = s.record(
        &ctx,
        request_ids("DescribeSecret", br#"{"SecretId":"x"}"#),
        400,
        err.to_string().as_bytes(),
    );
    assert_eq!(ev.error_code.as_deref(), Some("ResourceNotFoundException"));
    assert_eq!(ev.error_message.as_deref(), Some("nope"));
    assert!(ev.read_only);
    assert_eq!(ev.username(), "alice");
    let ct = cloudtrail_event(&ev);
    assert_eq!(ct["userIdentity"]["type"], "AssumedRole");
    assert_eq!(ct["errorCode"], "ResourceNotFoundException");
    let _ = SystemTime::now();
}

#[test]
fn service_events_have_aws_shape_and_are_found_by_event_source_only() {
    let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/a-AbCdEf";
    let mut s = store();
    let mut ev = synthetic(500, "us-east-1", "RotationFailed", "prod/a", false);
    ev.service_event = true;
    ev.secret_id = None;
    ev.secret_arn = Some(arn.to_string());
    ev.access_key_id = String::new();
    ev.identity_arn = String::new();
    s.push(ev);
    let by = |k: &str, v: &str| {
        let body = json!({ "LookupAttributes": [{ "AttributeKey": k, "AttributeValue": v }] });
        ids(&lookup(&s, "us-east-1", &body).expect("ok")).contains(&"evt-500".to_string())
    };
    assert!(by("EventSource", "secretsmanager.amazonaws.com"));
    assert!(by("EventName", "RotationFailed"));
    assert!(by("ReadOnly", "false"));
    assert!(!by("ResourceName", arn));
    assert!(!by("ResourceName", "prod/a"));
    assert!(!by("ResourceType", "AWS::SecretsManager::Secret"));
    assert!(!by("Username", "moto"));

    let page = lookup(&s, "us-east-1", &json!({ "MaxResults": 1 })).expect("ok");
    let e = &page["Events"][0];
    assert_eq!(e["EventName"], "RotationFailed");
    assert!(e.get("Username").is_none() && e.get("AccessKeyId").is_none());
    assert_eq!(e["Resources"], json!([]));
    let ct: Value = serde_json::from_str(e["CloudTrailEvent"].as_str().expect("string"))
        .expect("CloudTrailEvent is JSON");
    assert_eq!(ct["eventType"], "AwsServiceEvent");
    assert_eq!(
        ct["userIdentity"],
        json!({ "accountId": "123456789012", "invokedBy": "secretsmanager.amazonaws.com" })
    );
    assert_eq!(ct["additionalEventData"]["SecretId"], arn);
    assert!(ct["requestParameters"].is_null());
    assert_eq!(ct["sourceIPAddress"], "secretsmanager.amazonaws.com");
    assert_eq!(ct["readOnly"], false);
}

#[test]
fn retime_keeps_the_store_in_time_order() {
    let mut s = store();
    let first = s.events().next().expect("events").seq;
    // Move the newest event far back: it becomes the oldest, seqs stay dense.
    s.retime(|e| (e.event_id == "evt-209").then_some(UNIX_EPOCH + Duration::from_secs(5)));
    let all: Vec<&RecordedEvent> = s.events().collect();
    assert_eq!(all[0].event_id, "evt-209");
    assert_eq!(all[0].seq, first);
    assert!(
        all.windows(2)
            .all(|w| w[0].seq + 1 == w[1].seq && w[0].event_time <= w[1].event_time)
    );
}
