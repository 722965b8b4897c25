//! The audit pane without a terminal: the lookups it asks for, pages merged newest first,
//! the summary, denied calls, the whole record, windows and toggles, throttling retried
//! visibly, the scan's page cap, hostile records drawn safely, and rotation events feeding
//! the rotation panel.

use smtui_core::features::audit;
use std::time::Duration;

use crate::common::audit::{
    ME, MY_KEY, event, lookups, opened, opened_with, page, press, role, row_ids, signed_in,
};
use crate::common::{Harness, screen_text};
use crossterm::event::KeyCode;
use serde_json::json;
use smtui_core::app::{Action, Effect, Outcome};
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::model::audit::{AuditEvent, Envelope};
use smtui_core::model::{AwsError, ErrorKind};
use smtui_core::room::layers::Layer;

#[test]
fn a_secrets_events_newest_first_with_its_summary() {
    let h = opened();
    let view = h.state.layers.popup::<audit::AuditView>().expect("open");
    let ids: Vec<&str> = view.rows().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["e3", "e2", "e1", "e5"],
        "smtui's own read left out, another secret's left out, each event once"
    );
    let screen = h.screen(160, 40);
    assert!(
        screen.contains(
            "Whole window: 4 events · value read by 1 principal, smtui's own 1 value read not \
             counted · 1 denied"
        ),
        "{screen}"
    );
    assert!(
        screen.contains(
            "last read 2026-11-25 09:00:00 by role/deploy (ci-1) · smtui's own 1 read-only call \
             hidden"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("CloudTrail delivers events about 5 minutes"),
        "{screen}"
    );
    assert!(screen.contains("AccessDenied"), "{screen}");
    assert!(screen.contains("ROOT (123456789012)"), "{screen}");
    insta::assert_snapshot!("audit_secret_160x40", screen);
}

#[test]
fn own_reads_utc_window_and_the_whole_record() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('m'));
    let view = h.state.layers.popup::<audit::AuditView>().expect("open");
    assert_eq!(view.row_count(), 5, "smtui's own read counted now");
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::AuditEvent);
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("\"userAgent\": \"aws-sdk-rust/1 app/smtui\""),
        "the newest row, smtui's own: {screen}"
    );
    press(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::Audit);
    press(&mut h, KeyCode::Char('w'));
    let sent = lookups(&h);
    assert_eq!(sent.len(), 2, "a new window is looked up: {sent:?}");
    let view = h.state.layers.popup::<audit::AuditView>().expect("open");
    assert_eq!(view.window.label(), "7 d");
    assert_eq!(view.end.duration_since(view.start).as_hours(), 7 * 24);
}

#[test]
fn pages_load_as_the_selection_nears_the_end() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Open));
    let sent = lookups(&h);
    let many: Vec<AuditEvent> = (0..50)
        .map(|i| {
            event(
                &format!("p{i:02}"),
                "DescribeSecret",
                &format!("2026-11-25T{:02}:{:02}:00Z", 10 + i / 60, i % 60),
                &role("ci"),
                &json!({}),
            )
        })
        .collect();
    page(&mut h, sent[0].0, many, Some("page-2"));
    assert!(lookups(&h).is_empty(), "the next page waits for the user");
    let mut next = Vec::new();
    for _ in 0..45 {
        press(&mut h, KeyCode::Char('j'));
        next.extend(lookups(&h));
    }
    assert_eq!(next.len(), 1, "{next:?}");
    assert_eq!(
        next[0].2.as_deref(),
        Some("page-2"),
        "the same lookup, with the token"
    );
}

#[test]
fn throttling_is_said_and_tried_again_later() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Open));
    let query = lookups(&h)[0].0;
    h.answer(Outcome::Audit(audit::Outcome::Page {
        query,
        result: Err(AwsError {
            kind: ErrorKind::Throttled,
            operation: "LookupEvents",
            region: "us-east-1".into(),
            code: Some("ThrottlingException".into()),
            message: Some("Rate exceeded".into()),
        }),
    }));
    assert!(
        h.state.status_text().contains("throttled"),
        "{}",
        h.state.status_text()
    );
    let retry = h.effects.iter().find_map(|e| match e {
        Effect::After { delay, timer } => Some((*delay, Action::from(timer.clone()))),
        _ => None,
    });
    let (delay, action) = retry.expect("a retry later");
    assert_eq!(delay, Duration::from_secs(2));
    assert!(lookups(&h).is_empty());
    h.act(action);
    assert_eq!(lookups(&h).len(), 1, "asked again");
    let screen = h.screen(160, 40);
    assert!(screen.contains("Looking up events"), "{screen}");
}

#[test]
fn a_scan_stops_at_its_cap_and_says_so() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Region));
    let mut sent = lookups(&h);
    for i in 0..smtui_core::features::audit::SCAN_PAGES {
        assert_eq!(sent.len(), 1, "page {i}");
        let events = vec![event(
            &format!("r{i}"),
            "ListSecrets",
            "2026-11-25T10:00:00Z",
            &role("ci"),
            &json!({}),
        )];
        page(&mut h, sent[0].0, events, Some("more"));
        // The region view pages as the user scrolls (its rows are few here: at once).
        sent = lookups(&h);
        press(&mut h, KeyCode::Char('G'));
        sent.extend(lookups(&h));
    }
    assert!(sent.is_empty(), "stopped at the cap: {sent:?}");
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("every Secrets Manager event in us-east-1"),
        "{screen}"
    );
    insta::assert_snapshot!("audit_region_160x40", screen);
}

#[test]
fn the_secret_scan_goes_on_by_itself_to_its_cap_then_continues_on_request() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Open));
    let sent = lookups(&h);
    page(&mut h, sent[0].0, Vec::new(), None);
    let mut scan = sent[1].0;
    for _ in 0..smtui_core::features::audit::SCAN_PAGES {
        page(&mut h, scan, Vec::new(), Some("more"));
        scan = lookups(&h).first().map_or(0, |l| l.0);
    }
    assert_eq!(scan, 0, "stopped at the cap");
    let screen = h.screen(160, 40);
    assert!(screen.contains("Partial: 10 pages"), "{screen}");
    press(&mut h, KeyCode::Char('n'));
    assert_eq!(lookups(&h).len(), 1, "continues");
}

#[test]
fn hostile_records_are_drawn_safely() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Open));
    let query = lookups(&h)[0].0;
    let evil = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m";
    let hostile = vec![
        event(
            "h1",
            &format!("Get{evil}"),
            "2026-11-25T10:00:00Z",
            &json!({"type": "IAMUser", "userName": evil}),
            &json!({"sourceIPAddress": evil, "userAgent": evil, "errorCode": evil}),
        ),
        AuditEvent::parse(&Envelope {
            event_id: Some("h2"),
            event_name: Some("GetSecretValue"),
            event_time: None,
            username: Some(evil),
            cloudtrail_event: Some(
                "{\"userIdentity\": [1,2,3], \"eventTime\": 7, \"requestParameters\": \"x\"",
            ),
        }),
    ];
    page(&mut h, query, hostile, None);
    for layer_key in [None, Some(KeyCode::Enter)] {
        if let Some(key) = layer_key {
            press(&mut h, key);
        }
        let buffer = h.render(160, 40);
        let text = screen_text(&buffer);
        for c in ['\u{1b}', '\u{7}', '\u{9b}'] {
            assert!(!text.contains(c), "{c:?} reached the screen");
        }
        assert!(
            buffer
                .content
                .iter()
                .all(|cell| !cell.symbol().contains('\u{1b}'))
        );
    }
}

#[test]
fn rotation_events_found_here_feed_the_rotation_panel() {
    let h = opened();
    let secret = h.selected_secret();
    let events = h.state.rooms.rotation.events_of(&secret);
    assert_eq!(
        events.len(),
        1,
        "fed, under the identity that looked them up"
    );
    // The failed rotation (after the last one completed) makes the panel say stuck.
    let mut h = h;
    h.act(Action::Command(smtui_core::app::Command::Verb(
        smtui_core::room::keys::Verb::Back,
    )));
    let screen = h.screen(120, 40);
    assert!(screen.contains(" Stuck "), "{screen}");
}

#[test]
fn until_the_last_page_is_read_the_pane_does_not_say_it_has_every_event() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Region));
    let sent = lookups(&h);
    let many: Vec<AuditEvent> = (0..50)
        .map(|i| {
            event(
                &format!("m{i:02}"),
                "ListSecrets",
                &format!("2026-11-25T10:{:02}:00Z", i % 60),
                &role("ci"),
                &json!({}),
            )
        })
        .collect();
    page(&mut h, sent[0].0, many, Some("page-2"));
    assert!(lookups(&h).is_empty(), "the next page waits for the user");
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("More events in this window") && !screen.contains("Every event"),
        "{screen}"
    );
    press(&mut h, KeyCode::Char('/'));
    for c in "deploy".chars() {
        press(&mut h, KeyCode::Char(c));
    }
    press(&mut h, KeyCode::Enter);
    assert!(
        h.screen(160, 40)
            .contains("Filtered: deploy (in the 50 events loaded so far, more in the window)")
    );
}

#[test]
fn only_our_own_reads_through_smtui_are_left_out_never_writes_or_anyone_elses() {
    let via_smtui = json!({"userAgent": "aws-sdk-rust/1.8 os/linux lang/rust app/smtui"});
    let ours = role("me");
    assert_eq!(ours["arn"], ME);
    let mut h = opened_with(vec![
        event(
            "own-read",
            "GetSecretValue",
            "2026-11-25T11:00:00Z",
            &ours,
            &via_smtui,
        ),
        event(
            "their-read",
            "GetSecretValue",
            "2026-11-25T10:00:00Z",
            &role("mallory"),
            &via_smtui,
        ),
        event(
            "own-write",
            "PutSecretValue",
            "2026-11-25T09:00:00Z",
            &ours,
            &via_smtui,
        ),
        event(
            "own-rotate",
            "RotateSecret",
            "2026-11-25T08:30:00Z",
            &ours,
            &json!({"userAgent": "aws-sdk-rust/1.8 app/smtui", "readOnly": false}),
        ),
        event(
            "cli-read",
            "GetSecretValue",
            "2026-11-25T08:00:00Z",
            &ours,
            &json!({}),
        ),
    ]);
    assert_eq!(
        row_ids(&h),
        ["their-read", "own-write", "own-rotate", "cli-read"],
        "only our read through smtui is left out"
    );
    let screen = h.screen(160, 40);
    assert!(
        screen.contains(
            "Whole window: 4 events · value read by 2 principals, smtui's own 1 value read not \
             counted"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("smtui's own 1 read-only call hidden"),
        "{screen}"
    );
    press(&mut h, KeyCode::Char('m'));
    assert_eq!(row_ids(&h).len(), 5);
    assert!(
        h.screen(160, 40)
            .contains("Whole window: 5 events · value read by 2 principals · 0 denied"),
        "smtui's own read counted (its principal read through the CLI too): {}",
        h.screen(160, 40)
    );
    assert!(
        h.screen(160, 40)
            .contains("smtui's own 1 read-only call counted"),
        "{}",
        h.screen(160, 40)
    );
}

#[test]
fn until_we_know_who_we_are_nothing_is_left_out() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Char('A'));
    let sent = lookups(&h);
    let own_read = event(
        "own-read",
        "GetSecretValue",
        "2026-11-25T11:00:00Z",
        &role("me"),
        &json!({"userAgent": "aws-sdk-rust/1 app/smtui"}),
    );
    page(&mut h, sent[0].0, vec![own_read], None);
    assert_eq!(row_ids(&h), ["own-read"]);
    signed_in(&mut h);
    press(&mut h, KeyCode::Char('u'));
    assert!(
        row_ids(&h).is_empty(),
        "left out once the identity is known"
    );
}

#[test]
fn the_own_reads_choice_holds_across_windows_and_filters() {
    let mut h = opened();
    let counted = |h: &Harness| {
        h.screen(160, 40)
            .contains("smtui's own 1 read-only call counted")
    };
    press(&mut h, KeyCode::Char('m'));
    assert!(counted(&h));
    press(&mut h, KeyCode::Char('w'));
    let view = h.state.layers.popup::<audit::AuditView>().expect("open");
    assert_eq!(view.window.label(), "7 d");
    assert!(view.include_own, "still counted in the new window");
    let sent = lookups(&h);
    page(
        &mut h,
        sent[0].0,
        vec![event(
            "e4",
            "GetSecretValue",
            "2026-11-25T11:30:00Z",
            &role("me"),
            &json!({"userAgent": "aws-sdk-rust/1 app/smtui"}),
        )],
        None,
    );
    page(&mut h, sent[1].0, Vec::new(), None);
    assert!(counted(&h), "{}", h.screen(160, 40));
    assert_eq!(row_ids(&h), ["e4"]);
    press(&mut h, KeyCode::Char('/'));
    for c in "get".chars() {
        press(&mut h, KeyCode::Char(c));
    }
    press(&mut h, KeyCode::Enter);
    assert!(counted(&h), "still counted once filtered");
    assert_eq!(row_ids(&h), ["e4"]);
    // Back to the first window (cached): the choice made since holds there too.
    for _ in 0..4 {
        press(&mut h, KeyCode::Char('w'));
    }
    let view = h.state.layers.popup::<audit::AuditView>().expect("open");
    assert_eq!(view.window.label(), "24 h");
    assert!(view.include_own);
    press(&mut h, KeyCode::Char('m'));
    press(&mut h, KeyCode::Char('w'));
    assert!(
        h.screen(160, 40)
            .contains("smtui's own 1 read-only call hidden"),
        "and leaving them out holds too"
    );
}

/// Anyone who may assume our role with our (predictable) session name gets our session ARN,
/// and anyone can say smtui in their user agent: only the access key tells their read from
/// ours (issue 19, item 10).
#[test]
fn a_read_with_our_session_arn_and_user_agent_but_another_key_is_shown() {
    let via_smtui = json!({"userAgent": "aws-sdk-rust/1.8 os/linux lang/rust app/smtui"});
    let mut twin = role("me");
    twin["accessKeyId"] = json!("ASIATWINSESSION");
    assert_eq!(
        (&twin["arn"], &role("me")["accessKeyId"]),
        (&json!(ME), &json!(MY_KEY))
    );
    let h = opened_with(vec![
        event(
            "own-read",
            "GetSecretValue",
            "2026-11-25T11:00:00Z",
            &role("me"),
            &via_smtui,
        ),
        event(
            "twin-read",
            "GetSecretValue",
            "2026-11-25T10:00:00Z",
            &twin,
            &via_smtui,
        ),
    ]);
    assert_eq!(
        row_ids(&h),
        ["twin-read"],
        "only the read signed with our key is ours"
    );
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("value read by 1 principal, smtui's own 1 value read not counted"),
        "{screen}"
    );
}
