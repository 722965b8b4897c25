//! The messages log without a terminal: what the footer said, kept with its time after the
//! next message replaced it, newest first, and closed again.

use crate::common;

use std::time::Duration;

use crate::common::Harness;
use crate::common::audit;
use crate::common::roles::ROLE;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui_core::app::{Action, Command, Effect};
use smtui_core::features::appearance::Command as AppearanceCommand;
use smtui_core::features::clipboard::Command as ClipboardCommand;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::room::layers::Layer;

fn press(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

#[test]
fn a_replaced_error_can_still_be_read_in_the_log() {
    let mut h = Harness::loaded();
    // The harness's denied region left an error in the footer; a later message replaces it.
    let denied = h.state.status_text().to_owned();
    assert!(denied.contains("access denied"), "{denied}");
    press(&mut h, KeyCode::Esc);
    h.cmd(Command::Appearance(AppearanceCommand::Theme));
    let later = h.state.status_text().to_owned();
    assert_eq!(later, "No themes to choose from");
    press(&mut h, KeyCode::Char('M'));
    assert_eq!(h.state.layers.top(), Layer::Messages);
    let screen = h.screen(120, 40);
    let at = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is in the log:\n{screen}"))
    };
    assert!(
        at(&later) < at("ListSecrets in ap-southeast-2"),
        "newest first:\n{screen}"
    );
    assert!(screen.contains("Messages, newest first"), "{screen}");
    // The time stands apart from the words: `HH:MM:SS` and two spaces.
    let row = screen
        .lines()
        .find(|l| l.contains("ListSecrets in ap-southeast-2"))
        .unwrap_or_default();
    let words = row.find("ListSecrets").unwrap_or_default();
    assert_eq!(&row[words - 2..words], "  ", "{row}");
    press(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::List);
}

/// The footer's last row: a message, or the top layer's key hints.
fn footer(h: &Harness) -> String {
    let screen = h.screen(80, 24);
    screen.lines().last().unwrap_or_default().to_owned()
}

fn clear_prompt(h: &mut Harness) {
    while crate::common::open_prompt(&h.state).is_some_and(|p| !p.input.is_empty()) {
        press(h, KeyCode::Backspace);
    }
}

#[test]
fn a_refused_prompt_s_error_goes_with_the_prompt_and_the_audit_pane_shows_its_keys() {
    let mut h = Harness::loaded();
    audit::signed_in(&mut h);
    press(&mut h, KeyCode::Esc);
    h.cmd(Command::Session(SessionCommand::Switch));
    press(&mut h, KeyCode::Enter);
    h.type_text(ROLE);
    press(&mut h, KeyCode::Enter);
    // A command typed into the options prompt as if it were the command line.
    h.type_text(":role-back");
    press(&mut h, KeyCode::Enter);
    let refused = r#"duration "3600:role-back" is not a number of seconds"#;
    assert_eq!(h.state.status_text(), refused);
    assert_eq!(h.state.layers.top(), Layer::Prompt, "asked again");
    // The error stays while the text is mended: typing is not answering.
    press(&mut h, KeyCode::Backspace);
    assert_eq!(h.state.status_text(), refused);
    press(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(
        h.state.status_text(),
        "",
        "the prompt took its error with it"
    );
    press(&mut h, KeyCode::Char('A'));
    assert_eq!(h.state.layers.top(), Layer::Audit);
    for (query, _, _) in audit::lookups(&h) {
        audit::page(
            &mut h,
            query,
            vec![audit::event(
                "e1",
                "GetSecretValue",
                "2026-11-25T09:00:00Z",
                &audit::role("ci-1"),
                &serde_json::json!({}),
            )],
            None,
        );
    }
    let keys = footer(&h);
    assert!(
        !keys.contains("not a number") && keys.contains("Esc close"),
        "the audit pane's own keys: {keys}"
    );
    insta::assert_snapshot!("audit_keys_after_a_refused_prompt_80x24", h.screen(80, 24));
    // The history keeps it.
    press(&mut h, KeyCode::Esc);
    press(&mut h, KeyCode::Char('M'));
    assert!(h.screen(120, 40).contains(refused));
}

#[test]
fn a_valid_schedule_after_a_refused_one_is_asked_about_without_the_old_error() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Esc);
    h.cmd(Command::Rotation(RotationCommand::Schedule));
    assert_eq!(h.state.layers.top(), Layer::Prompt);
    clear_prompt(&mut h);
    h.type_text("rate(2 hours)");
    press(&mut h, KeyCode::Enter);
    let refused = h.state.status_text().to_owned();
    assert!(refused.contains("is too often"), "{refused}");
    clear_prompt(&mut h);
    assert_eq!(
        h.state.status_text(),
        refused,
        "read while the text is mended"
    );
    h.type_text("cron(0 4 1 * ? *)");
    press(&mut h, KeyCode::Enter);
    assert!(
        common::confirm_question(&h.state).contains("cron(0 4 1 * ? *)"),
        "the valid schedule is asked about"
    );
    assert_eq!(h.state.status_text(), "", "not shown as refused");
    let keys = footer(&h);
    assert!(!keys.contains("too often"), "{keys}");
    insta::assert_snapshot!(
        "schedule_question_after_a_refused_one_80x24",
        h.screen(80, 24)
    );
}

#[test]
fn information_goes_after_a_few_seconds_and_an_error_waits_for_the_user() {
    let mut h = Harness::loaded();
    // The denied region's error: no timer takes it away.
    let denied = h.state.status_text().to_owned();
    assert!(denied.contains("access denied"), "{denied}");
    h.advance(Duration::from_mins(1));
    h.act(Action::Tick);
    assert_eq!(h.state.status_text(), denied);
    press(&mut h, KeyCode::Esc);
    h.cmd(Command::Clipboard(ClipboardCommand::CopyName));
    let [Effect::Copy(request)] = &h.effects.clone()[..] else {
        panic!("one copy: {:?}", h.effects)
    };
    h.act(Action::Copied {
        token: request.token,
        label: request.label.clone(),
        clear_after: request.clear_after,
        result: Ok("memory"),
    });
    assert!(h.state.status_text().starts_with("Copied name"));
    assert!(h.state.has_countdown(), "the run loop ticks while it shows");
    h.advance(Duration::from_secs(2));
    h.act(Action::Tick);
    assert!(
        h.state.status_text().starts_with("Copied name"),
        "read first"
    );
    h.advance(Duration::from_secs(4));
    h.act(Action::Tick);
    assert_eq!(h.state.status_text(), "");
    let keys = footer(&h);
    assert!(keys.contains("help") && keys.contains("quit"), "{keys}");
    insta::assert_snapshot!("list_keys_after_a_copy_80x24", h.screen(80, 24));
}

#[test]
fn a_warning_from_the_start_joins_the_log_once_it_is_shown() {
    let start = Harness::new();
    let mut h = Harness {
        state: start
            .state
            .with_start_warning(Some("Theme \"nord\" not found".to_owned())),
        ..start
    };
    assert_eq!(h.state.status_text(), "Theme \"nord\" not found");
    h.page("us-east-1", vec![common::summary("a", "us-east-1")], true);
    press(&mut h, KeyCode::Down);
    assert_eq!(h.state.status_text(), "", "read at the next command");
    press(&mut h, KeyCode::Char('M'));
    assert!(h.screen(120, 40).contains("Theme \"nord\" not found"));
}

/// An error that arrives while the filter prompt has the footer's row is not drawn there;
/// closing the prompt does not take it away unseen: it shows under the list after.
#[test]
fn an_error_said_under_the_filter_prompt_is_shown_once_the_prompt_closes() {
    let mut h = Harness::loaded();
    press(&mut h, KeyCode::Esc);
    h.state.status = None;
    press(&mut h, KeyCode::Char('/'));
    assert_eq!(h.state.layers.top(), Layer::Filter);
    h.answer(smtui_core::app::Outcome::RegionFailed {
        region: "eu-west-1".into(),
        error: smtui_aws::AwsError {
            kind: smtui_aws::ErrorKind::AccessDenied,
            operation: "ListSecrets",
            region: "eu-west-1".into(),
            code: Some("AccessDeniedException".into()),
            message: Some("not allowed by an SCP".into()),
        },
    });
    h.type_text("prod");
    press(&mut h, KeyCode::Enter);
    assert_ne!(h.state.layers.top(), Layer::Filter);
    let footer = h.state.status_text().to_owned();
    assert!(
        footer.starts_with("ListSecrets in eu-west-1 failed: access denied"),
        "the error is shown after the prompt closes: {footer:?}"
    );
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("ListSecrets in eu-west-1 failed"),
        "{screen}"
    );
}
