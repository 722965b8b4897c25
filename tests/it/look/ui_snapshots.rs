//! Whole screens on ratatui's TestBackend at 80x24 and 120x40, snapshotted with insta.
//! Review changes with `cargo insta review` (or delete the .snap and re-run).

use crate::common;
use smtui_core::room::keys::Verb;

use crate::common::Harness;
use smtui_core::app::Command;
use smtui_core::features::browse::Command as BrowseCommand;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::features::versions::Command as VersionsCommand;

fn both_sizes(name: &str, h: &Harness) {
    insta::assert_snapshot!(format!("{name}_80x24"), h.screen(80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), h.screen(120, 40));
}

#[test]
fn browsing_three_regions() {
    both_sizes("browsing", &Harness::loaded());
}

#[test]
fn masked_until_revealed_then_text() {
    let mut h = Harness::loaded();
    let masked = h.screen(120, 40);
    assert!(masked.contains("••••••••") && masked.contains("masked"));
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("sk_live_51HxExampleOnly\nsecond line");
    both_sizes("revealed_text", &h);
}

#[test]
fn json_key_table_with_one_key_revealed() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(
        r#"{"username":"orders_app","password":"correct-horse","host":"db.internal","port":5432}"#,
    );
    h.cmd(Command::Verb(Verb::Down));
    h.cmd(Command::Verb(Verb::Reveal));
    let screen = h.screen(120, 40);
    assert!(screen.contains("correct-horse") && !screen.contains("orders_app"));
    // The footer says what `v` does now (with no message over the hints).
    let status = h.state.status.take();
    let footer = h
        .screen(120, 40)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(footer.contains("v mask key"), "{footer}");
    h.state.status = status;
    both_sizes("json_one_key", &h);
    h.cmd(Command::Value(RevealCommand::RawJson));
    insta::assert_snapshot!("json_raw_masked_120x40", h.screen(120, 40));
}

#[test]
fn help_lists_every_binding() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Help));
    let screen = h.screen(120, 40);
    let sections = h.state.keymap.help_sections();
    for (_, description) in sections.iter().flat_map(|s| &s.rows).take(20) {
        assert!(
            screen.contains(description.as_str()),
            "help lacks {description:?}"
        );
    }
    both_sizes("help", &h);
}

#[test]
fn version_picker() {
    let mut h = Harness::loaded();
    h.cmd(Command::Versions(VersionsCommand::Pick));
    insta::assert_snapshot!("version_picker_120x40", h.screen(120, 40));
}

#[test]
fn filter_prompt() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Filter));
    h.type_text("orders");
    insta::assert_snapshot!("filter_80x24", h.screen(80, 24));
}

#[test]
fn tiny_terminal_gets_a_message_not_a_mess() {
    let h = Harness::loaded();
    let screen = h.screen(39, 9);
    assert!(screen.contains("needs a terminal of at least"), "{screen}");
}

#[test]
fn theme_changes_styles_not_layout() {
    let h = Harness::loaded();
    let light = smtui_core::kit::Theme::builtin("light").expect("light theme");
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|f| smtui_core::render::render(f, &h.state, &light))
        .expect("draw");
    assert_eq!(
        common::screen_text(terminal.backend().buffer()),
        h.screen(120, 40)
    );
}

#[test]
fn long_names_lose_their_middle_and_keep_the_deletion_marker_with_its_date() {
    let mut h = Harness::new();
    let long = "prod/platform/observability/very-long-service-name/datadog-api-key";
    let mut doomed = common::summary(long, "us-east-1");
    doomed.deleted_date = Some(common::ts("2026-12-01T00:00:00Z"));
    h.page("us-east-1", vec![doomed], true);
    h.cmd(Command::Browse(BrowseCommand::ToggleDeleted));
    let screen = h.screen(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("prod/plat"))
        .unwrap_or_else(|| panic!("the row is drawn:\n{screen}"));
    assert!(
        row.contains("…-api-key (deleting 2026-12-01)") && !row.contains(long),
        "its middle taken out, its end and the marker kept: {row}"
    );
}

#[test]
fn the_selected_json_key_stays_in_view_when_there_are_many() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    let fields: Vec<String> = (0..40)
        .map(|i| format!("\"key{i:02}\":\"v{i:02}\""))
        .collect();
    h.answer_fetch(&format!("{{{}}}", fields.join(",")));
    h.cmd(Command::Verb(Verb::Bottom));
    h.cmd(Command::Verb(Verb::Reveal));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("key39") && screen.contains("v39"),
        "the last key, revealed, is on screen:\n{screen}"
    );
}

#[test]
fn a_long_text_value_scrolls_to_its_end_and_no_further() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    let lines: Vec<String> = (0..60).map(|i| format!("line-{i:02}")).collect();
    h.answer_fetch(&lines.join("\n"));
    assert!(!h.screen(120, 40).contains("line-59"));
    h.cmd(Command::Verb(Verb::FocusNext));
    h.state.status = None; // the harness's region error, so the key hints show
    let footer = h
        .screen(120, 40)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(footer.contains("↓ scroll"), "{footer}");
    h.settle(120, 40);
    h.cmd(Command::Verb(Verb::Bottom));
    let screen = h.screen(120, 40);
    assert!(screen.contains("line-59"), "scrolled to the end:\n{screen}");
    // Scrolling back one line from the end moves the view: the end was not overshot.
    h.cmd(Command::Verb(Verb::Up));
    let [before, after] = [screen, h.screen(120, 40)];
    assert_ne!(before, after);
}

/// A line too long for the pane goes on below after a mark, said under the value; a line
/// break of the value itself has none, so the two are never confused.
#[test]
fn a_line_the_pane_breaks_is_marked_and_a_real_line_break_is_not() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    let token = "tok_".to_owned() + &"0123456789".repeat(12);
    h.answer_fetch(&format!("{token}\nshort second line"));
    insta::assert_snapshot!("long_line_marked_80x24", h.screen(80, 24));
    let screen = h.screen(80, 24);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("0123") || l.contains("short second"))
        .collect();
    assert_eq!(rows.len(), 3, "{screen}");
    assert!(rows[0].contains('↩') && !rows[1].contains('↩'), "{screen}");
    assert!(
        !rows[2].contains('↩'),
        "a real line break has no mark:\n{screen}"
    );
    assert!(screen.contains("↩ a long line goes on below: no line break there"));
    // Every character is on screen, in order, once the marks are taken out.
    let drawn: String = rows[..rows.len() - 1]
        .iter()
        .map(|r| {
            r.split('│')
                .nth(1)
                .unwrap_or_default()
                .trim_end()
                .replace('↩', "")
        })
        .collect();
    assert_eq!(drawn, token);
    let mut short = Harness::loaded();
    short.cmd(Command::Verb(Verb::Reveal));
    short.answer_fetch("one\ntwo");
    assert!(!short.screen(80, 24).contains('↩'), "nothing was broken");
}

#[test]
fn many_regions_sum_up_the_loaded_and_name_the_failed() {
    let regions: Vec<String> = (0..30).map(|i| format!("zz-region-{i}")).collect();
    let mut h = Harness::new();
    h.state = smtui_core::app::State::new(smtui_core::app::Settings::default(), &regions, h.now);
    for (i, region) in regions.iter().enumerate() {
        if i == 17 {
            h.answer(smtui_core::app::Outcome::RegionFailed {
                region: region.clone(),
                error: smtui_aws::AwsError {
                    kind: smtui_aws::ErrorKind::AccessDenied,
                    operation: "ListSecrets",
                    region: region.clone(),
                    code: None,
                    message: None,
                },
            });
        } else if i != 29 {
            h.page(
                region,
                vec![common::summary(&format!("s{i}"), region)],
                true,
            );
        }
    }
    let screen = h.screen(100, 30);
    let bar = screen.lines().nth(1).expect("the region bar");
    assert!(
        bar.contains("30 regions ✓ 28 loaded (28 secrets)")
            && bar.contains("zz-region-17 ✗ access denied")
            && bar.contains("zz-region-29 loading…"),
        "{bar}"
    );
}

#[test]
fn palette_lists_matching_commands_with_their_keys() {
    let mut h = Harness::loaded();
    h.state.status = None;
    h.cmd(Command::Verb(Verb::Palette));
    h.type_text("copy");
    insta::assert_snapshot!("palette_80x24", h.screen(80, 24));
}

#[test]
fn footer_hints_fit_80_columns_and_keep_help_and_quit() {
    let mut h = Harness::loaded();
    h.state.status = None;
    let screen = h.screen(80, 24);
    let footer = screen.lines().last().unwrap_or_default().to_owned();
    assert!(
        footer.contains("? help") && footer.contains("q quit"),
        "{footer}"
    );
    insta::assert_snapshot!("hints_80x24", screen);
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(r#"{"user":"app"}"#);
    let footer = h
        .screen(80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(
        footer.contains("Esc mask") && footer.contains("? help") && footer.contains("q quit"),
        "{footer}"
    );
}

#[test]
fn hardening_that_failed_is_said_on_screen_from_the_start() {
    let mut h = Harness::new();
    h.state = std::mem::replace(
        &mut h.state,
        smtui_core::app::State::new(
            smtui_core::app::Settings::default(),
            &["us-east-1".to_owned()],
            h.now,
        ),
    )
    .with_hardening_failure(Some("setrlimit(RLIMIT_CORE): EPERM"));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Core dumps could not be disabled (setrlimit(RLIMIT_CORE): EPERM)"),
        "{screen}"
    );
}

#[test]
fn a_long_message_wraps_and_is_read_whole() {
    let h = Harness::loaded();
    // The harness's denied region leaves a message longer than 80 columns.
    let status = h.state.status_text().to_owned();
    assert!(status.chars().count() > 80, "{status}");
    let screen = h.screen(80, 24);
    let joined = screen
        .lines()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(joined, status, "{screen}");
}

#[test]
fn a_sort_by_a_column_not_shown_is_named_in_the_title() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::SortNext)); // region
    h.cmd(Command::Verb(Verb::SortNext)); // description, which 80 columns do not show
    let screen = h.screen(80, 24);
    assert!(screen.contains("Secrets (4) · by DESCRIPTION▲"), "{screen}");
}

#[test]
fn a_final_line_break_is_said_not_drawn_as_nothing() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("s3cr3t-token\n");
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("s3cr3t-token") && screen.contains("ends with a line break"),
        "{screen}"
    );
}

#[test]
fn raw_json_says_its_backslashes_are_drawn_doubled() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(r#"{"pem":"-----BEGIN-----\nAAAA"}"#);
    h.cmd(Command::Value(RevealCommand::RevealAll));
    h.cmd(Command::Value(RevealCommand::RawJson));
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("BEGIN-----\\\\nAAAA") && screen.contains("drawn doubled"),
        "{screen}"
    );
}
