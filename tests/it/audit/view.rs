//! The audit pane as drawn: which columns stay on a narrow screen, names and codes elided
//! visibly rather than cut, counts in words, and the whole record wrapped and scrolled to
//! its end.

use crate::common::Harness;
use crate::common::audit::{event, lookups, opened, page, press, role};
use crossterm::event::KeyCode;
use serde_json::json;
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::features::audit::Record;
use smtui_core::room::layers::Layer;

/// The table's header and the row that holds `needle`, at `width`×`height`.
fn table_rows(h: &Harness, width: u16, height: u16, needle: &str) -> (String, String) {
    let screen = h.screen(width, height);
    let header = screen
        .lines()
        .find(|l| l.contains("TIME") && l.contains("EVENT"))
        .unwrap_or_default()
        .to_owned();
    let row = screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_default()
        .to_owned();
    (header, row)
}

#[test]
fn a_narrow_pane_keeps_who_and_the_outcome_and_drops_the_agent_first() {
    let h = opened();
    let (header, row) = table_rows(&h, 80, 24, "RotationFailed");
    for kept in ["TIME", "EVENT", "PRINCIPAL", "OUTCOME"] {
        assert!(header.contains(kept), "{kept} kept: {header}");
    }
    for gone in ["SOURCE IP", "AGENT"] {
        assert!(!header.contains(gone), "{gone} went: {header}");
    }
    assert!(
        row.contains("service secr") && row.contains("…") && row.contains("aws.com rotation"),
        "the principal loses its middle, not its end: {row}"
    );
    assert!(row.contains("rotation failed"), "{row}");
    let (_, denied) = table_rows(&h, 80, 24, "(ci-2)");
    assert!(denied.contains("AccessDenied"), "{denied}");
    let (header, _) = table_rows(&h, 100, 24, "RotationFailed");
    assert!(
        header.contains("SOURCE IP") && !header.contains("AGENT"),
        "the agent goes before the source IP: {header}"
    );
    let (header, _) = table_rows(&h, 160, 40, "RotationFailed");
    assert!(header.contains("SOURCE IP") && header.contains("AGENT"));
}

/// The region view with three events on secrets named in different forms and lengths.
fn region_opened() -> Harness {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Region));
    let sent = lookups(&h);
    let on = |secret: &str| json!({"requestParameters": {"secretId": secret}});
    let mut failed = on("prod/payments/stripe/webhook-signing-secret-primary");
    failed["errorCode"] = json!("InvalidRequestException");
    let events = vec![
        event(
            "r1",
            "GetSecretValue",
            "2026-11-25T10:00:00Z",
            &role("ci"),
            &on("dev/inventory/service-db"),
        ),
        event(
            "r2",
            "PutSecretValue",
            "2026-11-25T09:00:00Z",
            &role("ci"),
            &failed,
        ),
        event(
            "r3",
            "DescribeSecret",
            "2026-11-25T08:00:00Z",
            &role("ci"),
            &on(
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/inventory/service-db-AbCdEf",
            ),
        ),
    ];
    page(&mut h, sent[0].0, events, None);
    h
}

#[test]
fn the_region_view_fits_typical_secret_names_and_elides_long_ones_in_the_middle() {
    let h = region_opened();
    let (header, row) = table_rows(&h, 120, 30, "GetSecretValue");
    assert!(header.contains("SECRET"), "{header}");
    assert!(row.contains("dev/inventory/service-db "), "whole: {row}");
    let (_, by_arn) = table_rows(&h, 120, 30, "DescribeSecret");
    assert!(by_arn.contains("dev/inventory/service-db "), "{by_arn}");
    let (_, long) = table_rows(&h, 120, 30, "PutSecretValue");
    assert!(
        long.contains("prod/payments/")
            && long.contains("…")
            && long.contains("-secret-primary ")
            && !long.contains("webhook-signing-secret-primary"),
        "both ends of a long name, its middle elided: {long}"
    );
}

/// At 80 columns the region view gives up the year before the names lose more of their
/// middle: "11-25 10:00:00", and five more columns for the secret and the principal.
#[test]
fn the_region_view_at_80_columns_drops_the_year_before_the_names_shrink() {
    let h = region_opened();
    let (_, row) = table_rows(&h, 80, 24, "GetSecretValue");
    assert!(
        row.contains("11-25 10:00:00") && !row.contains("2026-11-25"),
        "{row}"
    );
    assert!(row.contains("dev/inv…vice-db"), "{row}");
    let (_, wide) = table_rows(&h, 120, 30, "GetSecretValue");
    assert!(
        wide.contains("2026-11-25 10:00:00"),
        "the year where it fits: {wide}"
    );
}

#[test]
fn an_error_code_shows_whole_when_it_fits_else_visibly_elided() {
    let h = region_opened();
    let (_, row) = table_rows(&h, 120, 30, "PutSecretValue");
    assert!(row.contains("InvalidRequestException"), "{row}");
    let (header, row) = table_rows(&h, 80, 24, "PutSecretValue");
    assert!(header.contains("OUTCOME"), "{header}");
    let outcome = row
        .trim_end()
        .trim_end_matches('┃')
        .split_whitespace()
        .last()
        .unwrap_or_default();
    assert!(
        outcome.starts_with("Inval") && outcome.contains('…') && outcome.ends_with("ption"),
        "elided, not cut: {outcome:?} in {row}"
    );
}

#[test]
fn one_event_is_one_event() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Region));
    let sent = lookups(&h);
    let one = event(
        "o1",
        "ListSecrets",
        "2026-11-25T10:00:00Z",
        &role("ci"),
        &json!({}),
    );
    page(&mut h, sent[0].0, vec![one], None);
    let screen = h.screen(160, 40);
    assert!(screen.contains("1 event · value read by"), "{screen}");
    assert!(!screen.contains("1 events"), "{screen}");
}

/// The text inside the record popup's border, row by row.
fn record_rows(screen: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let Some(top) = lines
        .iter()
        .position(|l| l.iter().collect::<String>().contains("the whole record"))
    else {
        return Vec::new();
    };
    let left = lines[top].iter().position(|&c| c == '┏').expect("corner");
    let right = lines[top].iter().position(|&c| c == '┓').expect("corner");
    lines[top + 1..]
        .iter()
        .take_while(|l| l[left] != '┗')
        .map(|l| {
            l[left + 1..right]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_record_wraps_long_lines_and_scrolls_to_its_end() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Audit(AuditCommand::Open));
    let query = lookups(&h)[0].0;
    let long_id = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/stripe/webhook-signing-secret-primary-AbCdEf";
    let agent = "aws-sdk-java/2.25.11 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS Java/17.0.11 vendor/Amazon.com_Inc. md/internal exec-env/AWS_ECS_FARGATE";
    let record = event(
        "w1",
        "GetSecretValue",
        "2026-11-25T10:00:00Z",
        &role("ci"),
        &json!({"requestParameters": {"secretId": long_id}, "userAgent": agent}),
    );
    page(&mut h, query, vec![record], None);
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::AuditEvent);
    // Every line once: the first screen, then the line each step down brings in.
    let mut shown = record_rows(&h.screen(80, 24));
    let height = shown.len();
    let mut last = shown.clone();
    for _ in 0..200 {
        press(&mut h, KeyCode::Char('j'));
        let rows = record_rows(&h.screen(80, 24));
        if rows == last {
            break;
        }
        shown.push(rows.last().cloned().unwrap_or_default());
        last = rows;
    }
    assert!(shown.len() > height, "it scrolls: {shown:#?}");
    assert_eq!(
        last.last().map(String::as_str),
        Some("}"),
        "the last line is reached and stays in view: {last:#?}"
    );
    press(&mut h, KeyCode::PageDown);
    assert_eq!(record_rows(&h.screen(80, 24)), last, "never an empty popup");
    let text: String = shown.concat().split_whitespace().collect();
    for whole in [long_id, agent] {
        let whole: String = whole.split_whitespace().collect();
        assert!(text.contains(&whole), "{whole} is all there: {shown:#?}");
    }
    let key = shown
        .iter()
        .position(|l| l.contains("\"secretId\": "))
        .expect("the key");
    let indent = |l: &str| l.len() - l.trim_start().len();
    assert_eq!(
        indent(&shown[key + 1]),
        indent(&shown[key]) + 2,
        "the rest of the value hangs under its key: {shown:#?}"
    );
    // Sideways keys are not needed; they leave the record as it is.
    press(&mut h, KeyCode::Right);
    press(&mut h, KeyCode::Char('l'));
    assert_eq!(h.state.layers.top(), Layer::AuditEvent);
    assert_eq!(record_rows(&h.screen(80, 24)), last);
    // Once a frame has recorded where the end is, scrolling back moves at once.
    h.settle(80, 24);
    let record = h.state.layers.popup::<Record>();
    assert!(record.is_some_and(|r| r.scroll.limit().is_some()));
    press(&mut h, KeyCode::Char('k'));
    let up = record_rows(&h.screen(80, 24));
    assert_eq!(up[1..], last[..last.len() - 1], "one line back");
}

#[test]
fn on_a_narrow_screen_the_summary_keeps_its_last_line() {
    let h = opened();
    let screen = h.screen(80, 24);
    assert!(screen.contains("CloudTrail delivers events"), "{screen}");
}

/// The table's rows on screen: the lines under its header, inside the pane's border.
fn event_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !(l.contains("TIME") && l.contains("EVENT")))
        .skip(1)
        .take_while(|l| l.contains('┃'))
        .map(|l| {
            l.trim_matches(|c: char| c == '┃' || c.is_whitespace())
                .to_owned()
        })
        .filter(|l| l.contains("11-25"))
        .collect()
}

#[test]
fn every_size_shows_event_rows_and_enter_opens_the_one_highlighted() {
    for (width, height) in [(40, 10), (60, 16), (80, 24)] {
        let mut h = opened();
        let screen = h.screen(width, height);
        let rows = event_rows(&screen);
        assert!(!rows.is_empty(), "rows at {width}x{height}:\n{screen}");
        assert!(
            screen.to_lowercase().contains("whole window: 4 events") && screen.contains("1 denied"),
            "the counts, and what they cover, stay at {width}x{height}:\n{screen}"
        );
        // The newest row is the highlighted one: DescribeSecret by ROOT.
        assert!(rows[0].contains("Desc"), "{width}x{height}:\n{screen}");
        press(&mut h, KeyCode::Enter);
        assert_eq!(h.state.layers.top(), Layer::AuditEvent);
        let record = h.screen(width, height);
        assert!(
            record.contains("DescribeSecret · the whole record")
                || record.contains("DescribeSecret ·"),
            "the row on screen is the record opened, at {width}x{height}:\n{record}\n{screen}"
        );
    }
    insta::assert_snapshot!("audit_secret_40x10", opened().screen(40, 10));
}
