//! The rotation store on synthetic answers: rules and dates put back into answers,
//! rotation events, and the proof that no secret value reaches the store.

use serde_json::{Value, json};

use super::*;

const ARN: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:rotate";

fn ts(s: &str) -> Timestamp {
    s.parse().expect("timestamp")
}

fn rotate(
    store: &mut RotationStore,
    rules: Value,
    immediately: bool,
    at: &str,
) -> Vec<ServiceEvent> {
    store.on_rotate(
        &Rotate {
            region: "us-east-1",
            arn: ARN,
            name: "prod/db",
            version_id: "v2",
            rules: Some(Rules::from_json(&rules).expect("rules")),
            lambda_arn: Some(LAMBDA),
            immediately,
        },
        ts(at),
    )
}

fn described(store: &RotationStore) -> Value {
    // What moto answers after a RotateSecret: rules cut down, dates stamped.
    let mut v = json!({
        "ARN": ARN,
        "Name": "prod/db",
        "RotationEnabled": false,
        "RotationLambdaARN": LAMBDA,
        "RotationRules": { "AutomaticallyAfterDays": 0 },
        "LastRotatedDate": 1_700_000_000,
        "NextRotationDate": null,
        "LastAccessedDate": null,
    });
    store.decorate_secret(v.as_object_mut().expect("object"));
    v
}

#[test]
fn rules_and_dates_replace_motos() {
    let mut s = RotationStore::default();
    let rules = json!({ "ScheduleExpression": "cron(0 4 1 * ? *)", "Duration": "3h" });
    assert!(rotate(&mut s, rules.clone(), false, "2026-11-25T20:00:00Z").is_empty());
    let v = described(&s);
    assert_eq!(v["RotationEnabled"], true);
    assert_eq!(v["RotationRules"], rules);
    assert_eq!(v["RotationLambdaARN"], LAMBDA);
    assert!(v.get("LastRotatedDate").is_none(), "never rotated: {v}");
    assert_eq!(
        v["NextRotationDate"],
        json!(ts("2026-12-01T04:00:00Z").as_second())
    );
    assert!(v.get("LastAccessedDate").is_none());

    s.on_read(ARN, Some("v1"), ts("2026-11-26T13:14:15Z"));
    let v = described(&s);
    assert_eq!(
        v["LastAccessedDate"],
        json!(ts("2026-11-26T00:00:00Z").as_second())
    );

    s.on_cancel(ARN);
    let v = described(&s);
    assert_eq!(v["RotationEnabled"], false);
    assert!(v.get("NextRotationDate").is_none());
    assert_eq!(v["RotationRules"], rules, "rules survive a cancel");
}

#[test]
fn a_rotation_starts_fails_once_and_completes() {
    let mut s = RotationStore::default();
    let started = rotate(
        &mut s,
        json!({ "AutomaticallyAfterDays": 30 }),
        true,
        "2026-11-01T00:00:00Z",
    );
    assert_eq!(started.len(), 1);
    assert_eq!(started[0].name, "RotationStarted");
    assert_eq!(started[0].version_id, "v2");
    let failed = s.fail_pending(ARN, "v2", ts("2026-11-01T00:01:00Z"));
    assert_eq!(failed[0].name, "RotationFailed");
    assert!(
        s.fail_pending(ARN, "v2", ts("2026-11-01T00:02:00Z"))
            .is_empty()
    );
    // NextRotationDate counts from the configuration while nothing completed.
    assert_eq!(
        described(&s)["NextRotationDate"],
        json!(ts("2026-12-01T00:00:00Z").as_second())
    );
    // Moving some other label, or AWSCURRENT elsewhere, completes nothing.
    assert!(
        s.on_stage_moved(
            ARN,
            "AWSPREVIOUS",
            Some("v2"),
            None,
            ts("2026-11-02T00:00:00Z")
        )
        .is_empty()
    );
    let done = s.on_stage_moved(
        ARN,
        "AWSCURRENT",
        Some("v2"),
        Some("v1"),
        ts("2026-11-03T00:00:00Z"),
    );
    assert_eq!(done[0].name, "RotationSucceeded");
    let v = described(&s);
    assert_eq!(
        v["LastRotatedDate"],
        json!(ts("2026-11-03T00:00:00Z").as_second())
    );
    assert_eq!(
        v["NextRotationDate"],
        json!(ts("2026-12-03T00:00:00Z").as_second())
    );
    assert!(s.rotation(ARN).expect("known").pending.is_none());
}

#[test]
fn list_answers_and_version_dates() {
    let mut s = RotationStore::default();
    s.observe_ids(
        "CreateSecret",
        "us-east-1",
        &json!({ "ARN": ARN, "Name": "prod/db", "VersionId": "v1" }),
        ts("2026-10-01T00:00:00Z"),
    );
    rotate(
        &mut s,
        json!({ "ScheduleExpression": "rate(4 hours)" }),
        false,
        "2026-11-25T20:00:00Z",
    );
    let mut list = json!({ "SecretList": [
        { "ARN": ARN, "Name": "prod/db", "RotationRules": { "AutomaticallyAfterDays": 0 } },
        { "ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZabc", "Name": "other" },
    ] });
    s.decorate_list(&mut list);
    assert_eq!(
        list["SecretList"][0]["RotationRules"]["ScheduleExpression"],
        "rate(4 hours)"
    );
    assert_eq!(
        list["SecretList"][0]["NextRotationDate"],
        json!(ts("2026-11-26T00:00:00Z").as_second())
    );
    assert!(list["SecretList"][1].get("RotationEnabled").is_none());

    // moto answers the name as ARN and "now" as every CreatedDate.
    let mut versions = json!({
        "ARN": "prod/db", "Name": "prod/db",
        "Versions": [
            { "VersionId": "v1", "CreatedDate": 1, "LastAccessedDate": 1 },
            { "VersionId": "v9", "CreatedDate": 1, "LastAccessedDate": 1 },
        ],
    });
    s.decorate_versions("us-east-1", &mut versions);
    assert_eq!(versions["ARN"], ARN);
    assert_eq!(
        versions["Versions"][0]["CreatedDate"],
        json!(ts("2026-10-01T00:00:00Z").as_second())
    );
    assert!(versions["Versions"][0].get("LastAccessedDate").is_none());
    assert_eq!(
        versions["Versions"][1]["CreatedDate"], 1,
        "unknown: left alone"
    );

    // A backdated version's CreatedDate reaches GetSecretValue answers too.
    s.set_version_created(ARN, "v1", ts("2026-09-01T00:00:00Z"));
    let mut got = json!({ "ARN": ARN, "VersionId": "v1", "CreatedDate": 5, "SecretString": "x" });
    assert!(s.decorate_value(&mut got));
    assert_eq!(
        got["CreatedDate"],
        json!(ts("2026-09-01T00:00:00Z").as_second())
    );
    assert_eq!(got["SecretString"], "x");
}

#[test]
fn a_replica_shows_its_primarys_rotation() {
    let mut s = RotationStore::default();
    rotate(
        &mut s,
        json!({ "AutomaticallyAfterDays": 7 }),
        false,
        "2026-11-25T20:00:00Z",
    );
    let mut replica = json!({
        "ARN": ARN.replace("us-east-1", "eu-west-1"),
        "PrimaryRegion": "us-east-1",
    });
    s.decorate_secret(replica.as_object_mut().expect("object"));
    assert_eq!(replica["RotationRules"]["AutomaticallyAfterDays"], 7);
}

#[test]
fn secret_values_never_reach_the_store() {
    const VALUE: &str = "sk_live_ROTATION-STORE-MUST-NOT-KEEP-4d3c2b";
    const BINARY: &str = "Uk9UQVRJT04tQklOQVJZLUxFQUs=";
    let mut s = RotationStore::default();
    let now = ts("2026-11-25T20:00:00Z");
    let answer = json!({
        "ARN": ARN, "Name": "prod/db", "VersionId": "v1",
        "SecretString": VALUE, "SecretBinary": BINARY, "CreatedDate": 1,
    });
    for op in [
        "CreateSecret",
        "PutSecretValue",
        "UpdateSecret",
        "GetSecretValue",
    ] {
        s.observe_ids(op, "us-east-1", &answer, now);
    }
    s.on_read(ARN, Some("v1"), now);
    rotate(
        &mut s,
        json!({ "AutomaticallyAfterDays": 30 }),
        true,
        "2026-11-25T20:00:00Z",
    );
    let mut got = answer.clone();
    s.set_version_created(ARN, "v1", now);
    s.decorate_value(&mut got);
    let dump = format!("{s:?}");
    assert!(!dump.contains(VALUE), "{dump}");
    assert!(!dump.contains(BINARY));
    assert!(!dump.contains("SecretString"));
    assert!(dump.contains("prod/db") && dump.contains("v1"));
}
