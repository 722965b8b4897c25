//! The audit pane's test data: CloudTrail events as the runner would hand them over, the
//! lookups a harness sent, and the pane opened on a secret with its pages answered.

use crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;
use smtui_core::app::{AwsCall, Effect, Outcome};
use smtui_core::features::audit::call::Lookup;
use smtui_core::features::audit::{self, AuditPage};
use smtui_core::model::CallerIdentity;
use smtui_core::model::audit::{AuditEvent, Envelope};
use smtui_core::room::layers::Layer;

use super::Harness;

pub fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

pub fn event(
    id: &str,
    name: &str,
    time: &str,
    identity: &serde_json::Value,
    extra: &serde_json::Value,
) -> AuditEvent {
    let mut record = json!({
        "eventID": id,
        "eventTime": time,
        "eventName": name,
        "eventSource": "secretsmanager.amazonaws.com",
        "sourceIPAddress": "203.0.113.7",
        "userAgent": "aws-cli/2.15.0 Python/3.11",
        "eventType": "AwsApiCall",
        "userIdentity": identity,
        "requestParameters": {"secretId": "prod/orders/postgres"},
    });
    for (k, v) in extra.as_object().into_iter().flatten() {
        record[k] = v.clone();
    }
    let text = record.to_string();
    AuditEvent::parse(&Envelope {
        event_id: Some(id),
        event_name: Some(name),
        event_time: time.parse().ok(),
        username: None,
        cloudtrail_event: Some(&text),
    })
}

/// A session of the role `deploy`, signing with a key of its own (`key_of`).
pub fn role(session: &str) -> serde_json::Value {
    json!({
        "type": "AssumedRole",
        "arn": format!("arn:aws:sts::123456789012:assumed-role/deploy/{session}"),
        "accessKeyId": key_of(session),
    })
}

/// The access key a session of `role` signs with: each session has its own.
pub fn key_of(session: &str) -> String {
    let id: String = session
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("ASIA{}", id.to_ascii_uppercase())
}

/// Who smtui works as in these tests: `role("me")`'s session.
pub const ME: &str = "arn:aws:sts::123456789012:assumed-role/deploy/me";
/// The key smtui's calls are signed with: `role("me")`'s.
pub const MY_KEY: &str = "ASIAME";

/// GetCallerIdentity answers: smtui works as `ME`.
pub fn signed_in(h: &mut Harness) {
    h.answer(Outcome::WhoAmI {
        result: Ok(CallerIdentity {
            account: "123456789012".into(),
            arn: super::arn(ME),
        }),
    });
}

/// The lookups the last action sent: (query, lookup, token).
pub fn lookups(h: &Harness) -> Vec<(u64, Lookup, Option<String>)> {
    h.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Aws {
                call:
                    AwsCall::Audit(audit::Call::LookupEvents {
                        query,
                        lookup,
                        token,
                        ..
                    }),
                ..
            } => Some((*query, lookup.clone(), token.clone())),
            _ => None,
        })
        .collect()
}

pub fn page(h: &mut Harness, query: u64, events: Vec<AuditEvent>, next: Option<&str>) {
    h.answer(Outcome::Audit(audit::Outcome::Page {
        query,
        result: Ok(AuditPage {
            events,
            next_token: next.map(str::to_owned),
            signed_with: Some(MY_KEY.to_owned()),
        }),
    }));
}

/// The audit pane open on the selected secret, as `ME`, both lookups answered.
pub fn opened() -> Harness {
    let mut h = Harness::loaded();
    signed_in(&mut h);
    press(&mut h, KeyCode::Char('A'));
    assert_eq!(h.state.layers.top(), Layer::Audit);
    let sent = lookups(&h);
    let arn = h.state.selected().expect("selected").arn.clone();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[0].1, Lookup::ResourceName(arn.to_string()));
    assert_eq!(sent[1].1, Lookup::EventSource);
    let (by_name, scan) = (sent[0].0, sent[1].0);
    page(
        &mut h,
        by_name,
        vec![
            event(
                "e1",
                "GetSecretValue",
                "2026-11-25T09:00:00Z",
                &role("ci-1"),
                &json!({}),
            ),
            event(
                "e2",
                "GetSecretValue",
                "2026-11-25T10:00:00Z",
                &role("ci-2"),
                &json!({"errorCode": "AccessDenied", "errorMessage": "no"}),
            ),
            event(
                "e3",
                "DescribeSecret",
                "2026-11-25T11:00:00Z",
                &json!({"type": "Root", "accountId": "123456789012"}),
                &json!({}),
            ),
            event(
                "e4",
                "GetSecretValue",
                "2026-11-25T11:30:00Z",
                &role("me"),
                &json!({"userAgent": "aws-sdk-rust/1 app/smtui"}),
            ),
        ],
        None,
    );
    let arn = h.state.selected().expect("selected").arn.clone();
    page(
        &mut h,
        scan,
        vec![
            event(
                "e5",
                "RotationFailed",
                "2026-11-25T08:00:00Z",
                &json!({"invokedBy": "secretsmanager.amazonaws.com"}),
                &json!({"eventType": "AwsServiceEvent", "requestParameters": null, "additionalEventData": {"SecretId": arn}}),
            ),
            event(
                "e6",
                "GetSecretValue",
                "2026-11-25T07:00:00Z",
                &role("other"),
                &json!({"requestParameters": {"secretId": "prod/other"}}),
            ),
            event(
                "e1",
                "GetSecretValue",
                "2026-11-25T09:00:00Z",
                &role("ci-1"),
                &json!({}),
            ),
        ],
        None,
    );
    h
}

/// The pane open on the selected secret as `ME`, its lookup answered with `events`.
pub fn opened_with(events: Vec<AuditEvent>) -> Harness {
    let mut h = Harness::loaded();
    signed_in(&mut h);
    press(&mut h, KeyCode::Char('A'));
    let sent = lookups(&h);
    page(&mut h, sent[0].0, events, None);
    page(&mut h, sent[1].0, Vec::new(), None);
    h
}

/// The ids of the rows shown.
pub fn row_ids(h: &Harness) -> Vec<String> {
    let view = h.state.layers.popup::<audit::AuditView>().expect("open");
    view.rows().map(|e| e.id.clone()).collect()
}
