//! The pane joined with CloudTrail: each principal's last read in the window, access nobody
//! used flagged, and a principal that read yet can no longer read flagged and listed.

use serde_json::json;
use smtui_core::features::access::{self, Call};
use smtui_core::model::audit::AuditPage;

use super::flows::{access_calls, answer, loaded};
use crate::common::Harness;
use crate::common::audit::event;

/// A session of role `name` in account 123456789012, as CloudTrail records it.
fn session(name: &str) -> serde_json::Value {
    json!({
        "type": "AssumedRole",
        "arn": format!("arn:aws:sts::123456789012:assumed-role/{name}/s-1"),
        "accessKeyId": "ASIAEXAMPLE",
        "sessionContext": {"sessionIssuer": {
            "type": "Role",
            "arn": format!("arn:aws:iam::123456789012:role/{name}"),
        }},
    })
}

fn reads_page(
    h: &mut Harness,
    events: Vec<smtui_core::model::audit::AuditEvent>,
    next: Option<&str>,
) {
    let secret = h.selected_secret();
    answer(
        h,
        access::Outcome::Reads {
            secret,
            result: Ok(AuditPage {
                events,
                next_token: next.map(str::to_owned),
                signed_with: None,
            }),
        },
    );
}

fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(&format!("┃{name} ")))
        .unwrap_or_else(|| panic!("no row {name}: {screen}"))
}

#[test]
fn reads_are_joined_with_who_can_read_and_what_nobody_used_is_flagged() {
    let mut h = loaded();
    let denied = json!({"errorCode": "AccessDenied"});
    reads_page(
        &mut h,
        vec![
            event(
                "1",
                "GetSecretValue",
                "2026-11-20T08:00:00Z",
                &session("reporting"),
                &json!({}),
            ),
            event(
                "2",
                "GetSecretValue",
                "2026-11-02T08:00:00Z",
                &session("reporting"),
                &json!({}),
            ),
            // A failed read and a describe are not reads.
            event(
                "3",
                "GetSecretValue",
                "2026-11-21T08:00:00Z",
                &session("app"),
                &denied,
            ),
            event(
                "4",
                "DescribeSecret",
                "2026-11-21T08:00:00Z",
                &session("app"),
                &json!({}),
            ),
        ],
        Some("next"),
    );
    // The next page is asked for with the token, on CloudTrail's lane.
    let calls = access_calls(&h);
    assert!(
        matches!(calls.as_slice(), [Call::Reads { token: Some(t), .. }] if t == "next"),
        "{calls:?}"
    );
    let screen = h.screen(140, 24);
    assert!(
        screen.contains("reading CloudTrail… 1 read so far"),
        "{screen}"
    );
    reads_page(
        &mut h,
        vec![event(
            "5",
            "GetSecretValue",
            "2026-10-01T08:00:00Z",
            &session("ci"),
            &json!({}),
        )],
        None,
    );
    let screen = h.screen(140, 24);
    insta::assert_snapshot!("access_pane_with_reads_140x24", screen);
    assert!(
        row(&screen, "reporting").contains("2026-11-20"),
        "the last read: {screen}"
    );
    // `ci` may only read ci/*: it read this secret in the window and cannot now.
    assert!(
        row(&screen, "ci").contains("2026-10-01 · cannot now"),
        "{screen}"
    );
    assert!(row(&screen, "app").contains("none"), "{screen}");
    assert!(
        !row(&screen, "account 123456789012 (root)").contains("unused"),
        "the account's root is no grant to remove: {screen}"
    );
    assert!(
        screen.contains("2 read in the last 90 days, 0 unused"),
        "{screen}"
    );
}

#[test]
fn access_nobody_used_is_flagged_only_when_the_whole_window_was_read() {
    let mut h = loaded();
    reads_page(&mut h, Vec::new(), None);
    let screen = h.screen(140, 24);
    assert!(
        row(&screen, "reporting").contains("none · unused"),
        "{screen}"
    );
    assert!(
        screen.contains("0 read in the last 90 days, 1 unused"),
        "{screen}"
    );

    // Partial (the page cap reached) or refused: nothing is called unused.
    let mut h = loaded();
    for _ in 0..20 {
        reads_page(&mut h, Vec::new(), Some("more"));
    }
    let screen = h.screen(140, 24);
    assert!(!screen.contains("· unused"), "no row is flagged: {screen}");
    assert!(
        screen.contains("(partial: unused access not judged)"),
        "{screen}"
    );
}
