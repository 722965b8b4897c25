//! The audit summary and filter say what they cover: until the last page of the window
//! has loaded, the first N events only (an incident responder must not read "0 denied" as
//! the whole window); which reads are counted (smtui's own hidden unless asked for); and a
//! window change or a refresh keeps the filter.

use crate::common::Harness;
use crate::common::audit::{event, lookups, opened, opened_with, page, press, role, row_ids};
use crossterm::event::KeyCode;
use serde_json::json;
use smtui_core::features::audit::AuditView;
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::model::audit::AuditEvent;

/// "read by 0 principals" beside "smtui's own reads counted (2)" read as a contradiction:
/// the summary says value reads where it counts readers, and read-only calls for smtui's own.
#[test]
fn the_summary_says_which_reads_it_counts() {
    let via_smtui = json!({"userAgent": "aws-sdk-rust/1 app/smtui"});
    let ours =
        |id: &str, name: &str| event(id, name, "2026-11-25T11:00:00Z", &role("me"), &via_smtui);
    let mut h = opened_with(vec![
        ours("d1", "DescribeSecret"),
        ours("d2", "ListSecretVersionIds"),
    ]);
    press(&mut h, KeyCode::Char('m'));
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("Whole window: 2 events · value read by 0 principals · 0 denied"),
        "{screen}"
    );
    assert!(
        screen.contains("never read in this window · smtui's own 2 read-only calls counted"),
        "{screen}"
    );
    let h = opened_with(vec![
        ours("g1", "GetSecretValue"),
        ours("g2", "GetSecretValue"),
    ]);
    let screen = h.screen(160, 40);
    assert!(
        screen.contains(
            "Whole window: 0 events · value read by 0 principals, smtui's own 2 value reads not \
             counted · 0 denied"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("smtui's own 2 read-only calls hidden"),
        "{screen}"
    );
}

/// `:audit-region` said "50 events · read by 1 principal · 0 denied" after the first page of
/// many: during an incident that reads as the whole window (issue 24, item 3). Until the last
/// page the summary and the filter say they cover the events loaded so far.
#[test]
fn the_summary_and_the_filter_say_they_cover_only_the_events_loaded() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Region));
    let sent = lookups(&h);
    let first: Vec<AuditEvent> = (0..50)
        .map(|i| {
            event(
                &format!("m{i:02}"),
                "ListSecrets",
                &format!("2026-11-25T11:{:02}:00Z", i % 60),
                &role("ci"),
                &json!({}),
            )
        })
        .collect();
    page(&mut h, sent[0].0, first, Some("page-2"));
    let screen = h.screen(160, 40);
    assert!(
        screen.contains(
            "First 50 loaded, more in the window: 50 events · value read by 0 principals · 0 \
             denied"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("no value read in the events loaded"),
        "not 'never read in this window': {screen}"
    );
    press(&mut h, KeyCode::Char('/'));
    for c in "deploy".chars() {
        press(&mut h, KeyCode::Char(c));
    }
    press(&mut h, KeyCode::Enter);
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("Filtered: deploy (in the 50 events loaded so far, more in the window)"),
        "{screen}"
    );
    // The oldest page: a denied read the first page did not have.
    let next = lookups(&h);
    let next = if next.is_empty() {
        press(&mut h, KeyCode::Char('G'));
        lookups(&h)
    } else {
        next
    };
    assert_eq!(next.len(), 1, "{next:?}");
    page(
        &mut h,
        next[0].0,
        vec![event(
            "old",
            "GetSecretValue",
            "2026-11-25T09:00:00Z",
            &role("mallory"),
            &json!({"errorCode": "AccessDenied", "errorMessage": "no"}),
        )],
        None,
    );
    let screen = h.screen(160, 40);
    assert!(
        screen.contains("Whole window: 51 events · value read by 0 principals · 1 denied"),
        "{screen}"
    );
    assert!(
        screen.contains("Filtered: deploy (over the whole window)"),
        "{screen}"
    );
    // On a short screen the summary shortens, and still says what it covers.
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Region));
    let sent = lookups(&h);
    page(
        &mut h,
        sent[0].0,
        vec![event(
            "s1",
            "ListSecrets",
            "2026-11-25T11:00:00Z",
            &role("ci"),
            &json!({}),
        )],
        Some("page-2"),
    );
    let screen = h.screen(60, 12);
    assert!(
        screen.contains("first 1 of more: 1 event · 0 readers"),
        "{screen}"
    );
}

/// A window change or a refresh keeps the filter (it used to be dropped without a word).
#[test]
fn a_window_change_and_a_refresh_keep_the_filter() {
    let mut h = opened();
    press(&mut h, KeyCode::Char('/'));
    for c in "ci-1".chars() {
        press(&mut h, KeyCode::Char(c));
    }
    press(&mut h, KeyCode::Enter);
    assert_eq!(row_ids(&h), ["e1"]);
    press(&mut h, KeyCode::Char('w'));
    let view = h.state.layers.popup::<AuditView>().expect("open");
    assert_eq!((view.window.label(), view.filter.as_str()), ("7 d", "ci-1"));
    let screen = h.screen(160, 40);
    assert!(screen.contains("Filtered: ci-1 ("), "{screen}");
    press(&mut h, KeyCode::Char('r'));
    let view = h.state.layers.popup::<AuditView>().expect("open");
    assert_eq!(view.filter, "ci-1", "kept by a refresh too");
    // Back to the first window, cached with its rows: filtered the same way.
    for _ in 0..4 {
        press(&mut h, KeyCode::Char('w'));
    }
    let view = h.state.layers.popup::<AuditView>().expect("open");
    assert_eq!(view.window.label(), "24 h");
    assert_eq!(row_ids(&h), ["e1"]);
}
