//! Rotation without a terminal: the panel in every derived state, and rotate, schedule,
//! cancel and repair, each confirmed, refused in read-only mode, and followed by a fresh
//! DescribeSecret.

use crate::common;
use smtui_core::features::rotation;

use std::fmt::Write as _;

use crate::common::{Harness, confirm_question, detail_for, screen_text, ts};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use smtui_core::app::{AwsCall, Command, Outcome, Written};
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::rotation::overview::Overview;
use smtui_core::kit::Theme;
use smtui_core::model::{Rotation, SecretDetail, VersionInfo};
use smtui_core::room::layers::Layer;

pub(super) const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:rotate";

/// The loaded harness with the selected secret described as `change` makes it.
pub(super) fn described(change: impl FnOnce(&mut SecretDetail)) -> Harness {
    let mut h = Harness::loaded();
    let selected = h.state.selected().cloned().expect("selected");
    let mut detail = detail_for(&selected);
    change(&mut detail);
    h.answer(Outcome::Described {
        secret: h.selected_secret(),
        result: Ok(detail),
    });
    h.state.status = None;
    h
}

pub(super) fn pending_since(detail: &mut SecretDetail, created: &str) {
    detail.versions.insert(
        0,
        VersionInfo {
            id: "v3-pend-2222".into(),
            stages: vec!["AWSPENDING".into()],
            created: Some(ts(created)),
            last_accessed: None,
        },
    );
}

pub(super) fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn panel(h: &Harness) -> String {
    let mut terminal = Terminal::new(TestBackend::new(56, 10)).expect("terminal");
    terminal
        .draw(|f| {
            smtui_core::features::rotation::view::render(
                f,
                f.area(),
                (&h.state.ctx(), false),
                &h.state.rooms.rotation,
                &Theme::default(),
            );
        })
        .expect("draw");
    screen_text(terminal.backend().buffer())
}

type Change = Box<dyn Fn(&mut SecretDetail)>;

#[test]
fn the_panel_in_every_state() {
    let cases: Vec<(&str, Change)> = vec![
        (
            "Healthy",
            Box::new(|d| d.rotation.next_rotation = Some(ts("2026-12-20T00:00:00Z"))),
        ),
        ("Due soon", Box::new(|_| {})),
        (
            "Overdue",
            Box::new(|d| {
                d.rotation.last_rotated = Some(ts("2026-07-28T00:00:00Z"));
                d.rotation.next_rotation = Some(ts("2026-08-27T00:00:00Z"));
            }),
        ),
        (
            "Never rotated",
            Box::new(|d| d.rotation.last_rotated = None),
        ),
        ("Disabled", Box::new(|d| d.rotation = Rotation::default())),
        (
            "Rotating",
            Box::new(|d| pending_since(d, "2026-11-25T11:45:00Z")),
        ),
        (
            "Stuck",
            Box::new(|d| pending_since(d, "2026-11-22T08:00:00Z")),
        ),
        (
            "Managed, cron with a window",
            Box::new(|d| {
                d.owning_service = Some("rds".into());
                d.rotation.lambda_arn = None;
                d.rotation.every_days = None;
                d.rotation.schedule = Some("cron(0 4 1 * ? *)".into());
                d.rotation.window = Some("3h".into());
            }),
        ),
    ];
    let mut all = String::new();
    for (name, change) in cases {
        let h = described(change);
        let text = panel(&h);
        if !name.starts_with("Managed") {
            assert!(text.contains(&format!(" {name} ")), "{name}:\n{text}");
        }
        let _ = writeln!(all, "── {name}\n{text}");
    }
    insta::assert_snapshot!("rotation_panel_states", all);
}

#[test]
fn rotate_asks_first_then_calls_rotate_secret_and_describes_again() {
    let mut h = described(|_| {});
    h.cmd(Command::Rotation(RotationCommand::Rotate));
    assert_eq!(h.state.layers.top(), Layer::Confirm);
    let question = confirm_question(&h.state);
    assert!(
        question.contains("Rotate prod/orders/postgres in us-east-1 now?"),
        "{question}"
    );
    assert!(question.contains("The function rotate"), "{question}");
    assert!(h.calls().is_empty(), "nothing before the yes");
    press(&mut h, KeyCode::Char('y'));
    let calls = h.calls();
    let [AwsCall::Rotation(call @ rotation::Call::Rotate { .. })] = &calls[..] else {
        panic!("{calls:?}");
    };
    h.answer(Outcome::Rotation(rotation::Outcome::Wrote {
        call: call.clone(),
        result: Ok(Written::Rotated {
            version: Some("v4-new-3333".into()),
        }),
    }));
    assert!(
        h.state
            .status_text()
            .contains("rotation started (new version v4-new-3")
    );
    assert!(
        matches!(&h.calls()[..], [AwsCall::Describe { .. }]),
        "the panel follows: {:?}",
        h.calls()
    );
}

#[test]
fn a_stuck_rotation_offers_the_repair_instead_of_a_rotation() {
    let mut h = described(|d| pending_since(d, "2026-11-22T08:00:00Z"));
    h.cmd(Command::Rotation(RotationCommand::Rotate));
    assert!(
        h.state.status_text().contains("is stuck"),
        "{}",
        h.state.status_text()
    );
    let question = confirm_question(&h.state);
    assert!(
        question.contains("Remove the AWSPENDING label from version v3-pend-"),
        "{question}"
    );
    assert!(question.contains("3 days ago"), "{question}");
    assert!(
        question.contains("AWSCURRENT (v2-0000-) is untouched"),
        "{question}"
    );
    press(&mut h, KeyCode::Char('y'));
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Rotation(rotation::Call::RemovePending { version, .. })] if version == "v3-pend-2222"
    ));
}

#[test]
fn a_new_schedule_waits_for_a_pending_rotation_and_a_stuck_one_offers_the_repair() {
    let mut h = described(|d| pending_since(d, "2026-11-22T08:00:00Z"));
    h.cmd(Command::Rotation(RotationCommand::Schedule));
    assert!(
        h.state.status_text().contains("takes no new schedule"),
        "{}",
        h.state.status_text()
    );
    assert!(confirm_question(&h.state).contains("Remove the AWSPENDING label"));
    assert!(h.calls().is_empty());
}

#[test]
fn a_running_rotation_is_left_alone() {
    let mut h = described(|d| pending_since(d, "2026-11-25T11:45:00Z"));
    h.cmd(Command::Rotation(RotationCommand::Rotate));
    assert!(
        h.state.status_text().contains("still running"),
        "{}",
        h.state.status_text()
    );
    assert_ne!(h.state.layers.top(), Layer::Confirm);
    // The repair is still there, asked for by name.
    h.cmd(Command::Rotation(RotationCommand::Repair));
    assert!(confirm_question(&h.state).contains("Remove the AWSPENDING label"));
}

/// The loaded harness with rows in several rotation states (from the listing alone).
fn fleet() -> Harness {
    let mut h = Harness::new();
    let mut healthy = common::summary("prod/billing/mysql", "us-east-1");
    healthy.rotation = Rotation {
        enabled: true,
        every_days: Some(30),
        lambda_arn: Some(common::arn(LAMBDA)),
        last_rotated: Some(ts("2026-11-20T00:00:00Z")),
        next_rotation: Some(ts("2026-12-20T00:00:00Z")),
        ..Rotation::default()
    }
    .into();
    let mut overdue = healthy.clone();
    overdue.name = "prod/crm/salesforce".into();
    overdue.arn = crate::common::arn(
        &overdue
            .arn
            .as_str()
            .replace("billing/mysql", "crm/salesforce"),
    );
    std::sync::Arc::make_mut(&mut overdue.rotation).last_rotated = Some(ts("2026-07-28T00:00:00Z"));
    std::sync::Arc::make_mut(&mut overdue.rotation).next_rotation =
        Some(ts("2026-08-27T00:00:00Z"));
    let mut unused = common::summary("prod/partner/soap", "eu-west-1");
    unused.last_accessed = Some(ts("2026-05-01T00:00:00Z"));
    unused.tags = Vec::new().into();
    h.page("us-east-1", vec![healthy, overdue], true);
    h.page("eu-west-1", vec![unused], true);
    h.state.status = None;
    h
}

#[test]
fn the_overview_counts_the_fleet_and_jumps_to_a_secret() {
    let mut h = fleet();
    press(&mut h, KeyCode::Char('o'));
    assert_eq!(h.state.layers.top(), Layer::Rotation);
    let overview = h.state.layers.popup::<Overview>().cloned().expect("open");
    let names: Vec<&str> = overview
        .report
        .findings
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "prod/crm/salesforce",
            "prod/partner/soap",
            "prod/billing/mysql"
        ],
        "riskiest first"
    );
    insta::assert_snapshot!("rotation_overview_120x40", h.screen(120, 40));
    press(&mut h, KeyCode::Down);
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(
        h.state.selected().map(|s| s.name.as_str()),
        Some("prod/partner/soap")
    );
}

#[test]
fn the_overview_sorts_and_follows_rows_arriving() {
    let mut h = fleet();
    h.cmd(Command::Rotation(RotationCommand::Overview));
    press(&mut h, KeyCode::Char('s'));
    let overview = h.state.layers.popup::<Overview>().expect("open");
    assert_eq!(
        overview.selected_finding().map(|f| f.name.as_str()),
        Some("prod/crm/salesforce"),
        "kept highlighted after the sort"
    );
    assert_eq!(overview.selected.at(), 1, "by name, it is second");
    h.page(
        "ap-southeast-2",
        vec![common::summary("prod/payroll/xero", "ap-southeast-2")],
        true,
    );
    let overview = h.state.layers.popup::<Overview>().expect("open");
    assert_eq!(overview.report.secrets, 4, "a page arriving is counted");
    assert_eq!(
        overview.selected_finding().map(|f| f.name.as_str()),
        Some("prod/crm/salesforce")
    );
}

#[test]
fn a_stuck_rotation_s_panel_is_shown_whole_where_there_is_room() {
    let h = described(|d| pending_since(d, "2026-11-22T08:00:00Z"));
    for (width, height) in [(120, 40), (140, 40), (200, 60)] {
        let screen = h.screen(width, height);
        assert!(
            screen.contains(" Stuck ")
                && screen.contains("AWSPENDING")
                && screen.contains("Rotator"),
            "{width}x{height}:\n{screen}"
        );
        // All three versions in the detail too.
        assert!(screen.contains("v3-pend-"), "{width}x{height}:\n{screen}");
    }
}

/// Enter in the overview on `name`, with the list filtered by `filter` (and `region`): the
/// list's filter and region after, and what the footer said.
fn go_to(name: &str, filter: &str, region: Option<&str>) -> String {
    let mut h = fleet();
    let list = &mut h.state.browse.list;
    list.set_filter(filter.into());
    list.set_region_filter(region.map(str::to_owned));
    h.cmd(Command::Rotation(RotationCommand::Overview));
    let overview = h.state.layers.popup::<Overview>().cloned().expect("open");
    let at = overview.report.findings.iter().position(|f| f.name == name);
    for _ in 0..at.expect("listed") {
        press(&mut h, KeyCode::Down);
    }
    press(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(h.state.selected().map(|s| s.name.as_str()), Some(name));
    let list = &h.state.browse.list;
    assert!(!list.show_deleted(), "{name} is not scheduled for deletion");
    let (filter, region) = (list.filter(), list.region_filter());
    format!("{filter:?} {region:?} {:?}", h.state.status_text())
}

#[test]
fn going_to_a_secret_changes_only_what_hides_it_and_says_so() {
    // Shown: nothing changes, nothing is said.
    assert_eq!(
        go_to("prod/partner/soap", "prod/", None),
        r#""prod/" None """#
    );
    // Only the filter hides it: only the filter is cleared, and the footer names it.
    assert_eq!(
        go_to("prod/crm/salesforce", "soap", None),
        r#""" None "It was hidden: filter \"soap\" cleared""#
    );
    // Only the region hides it: the text the user typed stays.
    assert_eq!(
        go_to("prod/partner/soap", "prod", Some("us-east-1")),
        r#""prod" None "It was hidden: every region shown, not only us-east-1""#
    );
}

/// The fleet with names as long as real ones, in a third region (the longest one too).
fn long_named_fleet() -> Harness {
    let mut h = fleet();
    let region = "ap-southeast-2";
    let mut replica = common::summary("staging/inventory/postgres-readonly-replica", region);
    std::sync::Arc::make_mut(&mut replica.rotation).enabled = true;
    std::sync::Arc::make_mut(&mut replica.rotation).lambda_arn = Some(common::arn(LAMBDA));
    let idp = common::summary("prod/identity/okta-scim-provisioning-token", region);
    h.page(region, vec![replica, idp], true);
    h.state.status = None;
    h
}

/// Whether `name` is on `screen`, whole or elided in the middle (never cut at the end).
fn shows_name(screen: &str, name: &str) -> bool {
    screen.contains(name)
        || screen.split([' ', '┃', '\n']).any(|word| {
            word.split_once('…').is_some_and(|(head, tail)| {
                head.len() >= 6 && tail.len() >= 6 && name.starts_with(head) && name.ends_with(tail)
            })
        })
}

#[test]
fn the_overview_reads_at_every_size() {
    let mut h = long_named_fleet();
    h.cmd(Command::Rotation(RotationCommand::Overview));
    let report = h
        .state
        .layers
        .popup::<Overview>()
        .cloned()
        .expect("open")
        .report;
    for (width, height) in [(200, 50), (120, 40), (80, 24), (60, 16), (40, 10)] {
        let screen = h.screen(width, height);
        let size = format!("{width}x{height}\n{screen}");
        assert!(
            shows_name(&screen, &report.findings[0].name),
            "a row: {size}"
        );
        for name in report.findings.iter().map(|f| &f.name) {
            if screen.contains(&name[..8]) {
                assert!(shows_name(&screen, name), "{name} whole or elided: {size}");
            }
        }
        // Each state a secret is in is counted whole, in words or in the list's short words.
        for &(health, n) in report.by_health.iter().filter(|(_, n)| *n > 0) {
            let [words, short] = [health.label(), health.short()].map(|w| format!(" {w} {n} "));
            assert!(
                screen.contains(&words) || screen.contains(&short),
                "{words}: {size}"
            );
        }
    }
    // Where the review read "stagin" and "prod/i", the names are read.
    let at_80 = h.screen(80, 24);
    assert!(shows_name(
        &at_80,
        "staging/inventory/postgres-readonly-replica"
    ));
    insta::assert_snapshot!("rotation_overview_80x24", at_80);
    insta::assert_snapshot!("rotation_overview_60x16", h.screen(60, 16));
    insta::assert_snapshot!("rotation_overview_40x10", h.screen(40, 10));
}
