use serde_json::json;

use super::summary::summarise;
use super::*;

fn event(record: &serde_json::Value) -> AuditEvent {
    let text = record.to_string();
    AuditEvent::parse(&Envelope {
        event_id: Some("e-1"),
        event_name: None,
        event_time: None,
        username: None,
        cloudtrail_event: Some(&text),
    })
}

fn call(kind: &str, identity: &serde_json::Value, extra: &serde_json::Value) -> serde_json::Value {
    let mut record = json!({
        "eventTime": "2026-11-25T10:00:00Z",
        "eventName": kind,
        "eventSource": "secretsmanager.amazonaws.com",
        "sourceIPAddress": "203.0.113.9",
        "userAgent": "aws-cli/2.15.0 Python/3.11 Linux",
        "requestParameters": {"secretId": "prod/db"},
        "eventType": "AwsApiCall",
        "userIdentity": identity.clone(),
    });
    if let (Some(r), Some(e)) = (record.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            r.insert(k.clone(), v.clone());
        }
    }
    record
}

#[test]
fn principals_by_their_type() {
    let role = json!({
        "type": "AssumedRole",
        "arn": "arn:aws:sts::123456789012:assumed-role/deploy/ci-42",
        "sessionContext": {"attributes": {"mfaAuthenticated": "true"}, "sourceIdentity": "alice"},
    });
    let p = event(&call(READ_EVENT, &role, &json!({}))).principal;
    assert_eq!(p.kind, PrincipalKind::AssumedRole);
    assert_eq!(p.label, "role/deploy (ci-42)");
    assert!(p.mfa);
    assert_eq!(p.source_identity.as_deref(), Some("alice"));

    let sso = json!({
        "type": "AssumedRole",
        "arn": "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdminAccess_0123456789abcdef/maria@example.com",
    });
    let p = event(&call(READ_EVENT, &sso, &json!({}))).principal;
    assert_eq!(p.kind, PrincipalKind::IdentityCenter);
    assert_eq!(p.label, "sso maria@example.com (AdminAccess)");

    let user =
        json!({"type": "IAMUser", "userName": "bob", "arn": "arn:aws:iam::123456789012:user/bob"});
    assert_eq!(
        event(&call(READ_EVENT, &user, &json!({}))).principal.label,
        "user/bob"
    );

    let root = json!({"type": "Root", "accountId": "123456789012"});
    let p = event(&call(READ_EVENT, &root, &json!({}))).principal;
    assert_eq!(
        (p.kind, p.label.as_str()),
        (PrincipalKind::Root, "ROOT (123456789012)")
    );

    // Secrets Manager's own events carry no type at all.
    let own = json!({"accountId": "123456789012", "invokedBy": "secretsmanager.amazonaws.com"});
    let e = event(&call(
        "RotationFailed",
        &own,
        &json!({"eventType": "AwsServiceEvent", "requestParameters": null, "additionalEventData": {"SecretId": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf"}}),
    ));
    assert_eq!(e.principal.kind, PrincipalKind::Service);
    assert_eq!(e.principal.label, "service secretsmanager.amazonaws.com");
    assert!(e.service_event);
    assert_eq!(e.outcome(), ("rotation failed".to_owned(), true));
    assert!(e.names_secret(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
        "prod/db"
    ));
    assert_eq!(
        e.rotation_event().map(|r| r.kind),
        Some(crate::model::RotationEventKind::Failed)
    );
}

const READ_EVENT: &str = "GetSecretValue";
const ANN: &str = "arn:aws:iam::123456789012:user/ann";
/// Who smtui works as in these tests: an assumed role's session, as GetCallerIdentity says.
const ME: &str = "arn:aws:sts::123456789012:assumed-role/auditor/alice";
const VIA_SMTUI: &str = "aws-sdk-rust/1.3 os/linux lang/rust/1.90 app/smtui";
/// The access key smtui's calls are signed with in these tests.
const MY_KEY: &str = "ASIAMYSESSIONKEY";

fn me_as(arn: &str) -> Me {
    Me {
        arn: Some(arn.to_owned()),
        access_keys: vec![MY_KEY.to_owned()],
    }
}

#[test]
fn only_our_own_reads_through_smtui_are_ours() {
    let me = json!({"type": "AssumedRole", "arn": ME, "accessKeyId": MY_KEY});
    let someone = json!({"type": "AssumedRole", "arn": "arn:aws:sts::123456789012:assumed-role/auditor/mallory"});
    let via_smtui = json!({"userAgent": VIA_SMTUI});
    let own = |kind: &str, who: &serde_json::Value, extra: &serde_json::Value| {
        event(&call(kind, who, extra)).own_read(&me_as(ME))
    };
    assert!(own(READ_EVENT, &me, &via_smtui), "our read through smtui");
    assert!(
        !own(READ_EVENT, &someone, &via_smtui),
        "another principal's read, though its user agent says smtui"
    );
    for write in [
        "PutSecretValue",
        "RotateSecret",
        "DeleteSecret",
        "UpdateSecretVersionStage",
        "CreateSecret",
        "RestoreSecret",
    ] {
        assert!(!own(write, &me, &via_smtui), "{write} is never hidden");
    }
    assert!(
        !own(READ_EVENT, &me, &json!({})),
        "our read through the aws CLI"
    );
    assert!(
        !event(&call(READ_EVENT, &me, &via_smtui)).own_read(&Me {
            arn: None,
            access_keys: vec![MY_KEY.to_owned()]
        }),
        "nothing is ours until GetCallerIdentity has said who we are"
    );
    assert!(
        !event(&call(READ_EVENT, &me, &via_smtui)).own_read(&Me {
            arn: Some(ME.to_owned()),
            access_keys: Vec::new()
        }),
        "nor until a lookup has said which key we sign with"
    );
    // CloudTrail's readOnly decides over the name; without it, the known reads are reads.
    let flagged = |flag: serde_json::Value| json!({"userAgent": VIA_SMTUI, "readOnly": flag});
    assert!(!own(READ_EVENT, &me, &flagged(json!(false))));
    assert!(own("ListSecretVersionIds", &me, &flagged(json!(true))));
    assert!(!own("PutSecretValue", &me, &flagged(json!(false))));
    for read in READ_ONLY_EVENTS {
        assert!(own(read, &me, &via_smtui), "{read} reads");
    }
}

/// Anyone who may assume our role with our (predictable) session name gets our ARN, and
/// can say smtui in their user agent; only the key they sign with tells them from us.
#[test]
fn a_read_with_our_arn_and_user_agent_but_another_key_is_not_ours() {
    let via_smtui = json!({"userAgent": VIA_SMTUI});
    let ours = json!({"type": "AssumedRole", "arn": ME, "accessKeyId": MY_KEY});
    let twin = json!({"type": "AssumedRole", "arn": ME, "accessKeyId": "ASIAOTHERSESSION"});
    let unsigned = json!({"type": "AssumedRole", "arn": ME});
    assert!(event(&call(READ_EVENT, &ours, &via_smtui)).own_read(&me_as(ME)));
    assert!(!event(&call(READ_EVENT, &twin, &via_smtui)).own_read(&me_as(ME)));
    assert!(
        !event(&call(READ_EVENT, &unsigned, &via_smtui)).own_read(&me_as(ME)),
        "a record without a key is nobody's own"
    );
    // A key smtui signed with before its credentials were refreshed is still its own.
    let mut me = me_as(ME);
    me.learn_key(Some("ASIAOTHERSESSION".to_owned()));
    me.learn_key(Some(MY_KEY.to_owned()));
    assert_eq!(me.access_keys.len(), 2, "each key once");
    assert!(event(&call(READ_EVENT, &twin, &via_smtui)).own_read(&me));
}

#[test]
fn the_summary_leaves_out_only_our_own_reads() {
    let me = json!({"type": "AssumedRole", "arn": ME, "accessKeyId": MY_KEY});
    let someone =
        json!({"type": "IAMUser", "userName": "bob", "arn": "arn:aws:iam::123456789012:user/bob"});
    let via_smtui = json!({"userAgent": VIA_SMTUI});
    let events = [
        event(&call(READ_EVENT, &me, &via_smtui)),
        event(&call(READ_EVENT, &someone, &via_smtui)),
        event(&call("RotateSecret", &me, &via_smtui)),
        event(&call(READ_EVENT, &me, &json!({}))),
    ];
    let summary = summarise(&events, &me_as(ME), false);
    assert_eq!((summary.events, summary.own, summary.readers), (3, 1, 2));
    assert_eq!(summary.own_value_reads, 1);
    let counted = summarise(&events, &me_as(ME), true);
    assert_eq!((counted.events, counted.own), (4, 1));
}

#[test]
fn a_secret_is_found_by_name_full_or_partial_arn() {
    let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf";
    for id in [
        "prod/db",
        arn,
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db",
    ] {
        let e = event(&call(
            READ_EVENT,
            &json!({"type": "IAMUser", "userName": "bob"}),
            &json!({"requestParameters": {"secretId": id}}),
        ));
        assert!(e.names_secret(arn, "prod/db"), "{id}");
    }
    let other = event(&call(
        READ_EVENT,
        &json!({}),
        &json!({"requestParameters": {"secretId": "prod/db2"}}),
    ));
    assert!(!other.names_secret(arn, "prod/db"));
    assert_eq!(
        partial_arn("arn:aws:secretsmanager:us-east-1:1:secret:a-b-c-XyZ123"),
        Some("arn:aws:secretsmanager:us-east-1:1:secret:a-b-c")
    );
    assert_eq!(partial_arn("not-an-arn"), None);
}

#[test]
fn malformed_records_still_make_a_row() {
    for text in [
        "",
        "not json",
        "[]",
        "{\"eventName\": 5}",
        "{\"userIdentity\": \"x\"}",
        "{\"requestParameters\": {\"secretId\": {\"a\": 1}}}",
    ] {
        let e = AuditEvent::parse(&Envelope {
            event_id: Some("e"),
            event_name: Some("GetSecretValue"),
            event_time: None,
            username: Some("fallback"),
            cloudtrail_event: Some(text),
        });
        assert_eq!(
            e.name, "GetSecretValue",
            "LookupEvents' own name when the record has none: {text}"
        );
        assert_eq!(e.principal.label, "fallback", "{text}");
        assert!(e.secret_ids.is_empty(), "{text}");
    }
    let huge = "x".repeat(MAX_RAW_BYTES * 2);
    let e = event(&json!({"eventName": huge.clone(), "userAgent": huge}));
    assert_eq!(e.name.chars().count(), MAX_FIELD_CHARS);
    assert!(e.raw.len() < MAX_RAW_BYTES + 100 && e.raw.ends_with("bytes)"));
}

#[test]
fn the_summary_counts_readers_once_denials_and_the_last_read() {
    let bob = json!({"type": "IAMUser", "userName": "bob"});
    let ann = json!({"type": "IAMUser", "userName": "ann", "arn": ANN, "accessKeyId": MY_KEY});
    let denied = json!({"errorCode": "AccessDenied", "errorMessage": "no"});
    let later = json!({"eventTime": "2026-11-25T11:00:00Z"});
    let smtui =
        json!({"userAgent": "aws-sdk-rust/1.3 app/smtui", "eventTime": "2026-11-25T12:00:00Z"});
    let events = [
        event(&call(READ_EVENT, &bob, &json!({}))),
        event(&call(READ_EVENT, &bob, &later)),
        event(&call(READ_EVENT, &ann, &denied)),
        event(&call("DescribeSecret", &ann, &json!({}))),
        event(&call(READ_EVENT, &ann, &smtui)),
    ];
    let without = summarise(&events, &me_as(ANN), false);
    assert_eq!(
        (without.events, without.readers, without.denied, without.own),
        (4, 1, 1, 1)
    );
    assert_eq!(
        without.last_read.as_ref().map(|(_, who)| who.as_str()),
        Some("user/bob")
    );
    let with = summarise(&events, &me_as(ANN), true);
    assert_eq!(
        (with.readers, with.last_read.map(|(_, who)| who)),
        (2, Some("user/ann".to_owned()))
    );
    assert_eq!(events[4].short_agent(), "smtui");
    assert_eq!(events[0].short_agent(), "aws-cli/2.15.0");
    assert!(events[2].denied());
}

#[test]
fn the_secret_an_event_is_about_is_named_for_the_region_view() {
    let mut event = event(&json!({"eventName": "GetSecretValue"}));
    assert_eq!(event.secret_label(), None);
    event.secret_ids =
        vec!["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf".into()];
    assert_eq!(event.secret_label().as_deref(), Some("prod/db"));
    event.secret_ids = vec![
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db".into(),
        "other".into(),
        "third".into(),
    ];
    assert_eq!(event.secret_label().as_deref(), Some("prod/db +2"));
    event.secret_ids = vec!["plain-name".into()];
    assert_eq!(event.secret_label().as_deref(), Some("plain-name"));
}
