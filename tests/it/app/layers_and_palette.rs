//! The layer stack, the palette and rebound keys, through the keymap as a user presses them.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use smtui::config::FileConfig;
use smtui_core::app::keymap::{Key, Keymap};
use smtui_core::app::{AwsCall, Command};
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::features::reveal;
use smtui_core::features::reveal::Command as RevealCommand;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::features::session::Command as SessionCommand;
use smtui_core::features::versions::Command as VersionsCommand;
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::{Focus, Layer};

fn key(h: &mut Harness, c: char) {
    h.press(KeyCode::Char(c), KeyModifiers::NONE);
}

fn special(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

#[test]
fn the_palette_runs_help_by_name_and_q_there_is_text() {
    let mut h = Harness::loaded();
    key(&mut h, ':');
    assert_eq!(h.state.layers.top(), Layer::Palette);
    h.type_text("q");
    assert!(!h.state.quit, "q typed into the palette is a letter");
    assert_eq!(h.state.palette.input(), "q");
    assert_eq!(
        h.state.palette.matches().first(),
        Some(&Command::Verb(Verb::Quit))
    );
    special(&mut h, KeyCode::Backspace);
    h.type_text("help");
    special(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Help, "`:help` opened the help");
    assert!(!h.state.layers.contains(Layer::Palette));
    special(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::List);
}

#[test]
fn the_palette_opens_empty_after_it_was_left_with_text() {
    let mut h = Harness::loaded();
    key(&mut h, ':');
    h.type_text("rot");
    special(&mut h, KeyCode::Esc);
    assert!(!h.state.layers.contains(Layer::Palette));
    assert_eq!(h.state.palette.input(), "", "the text went as it closed");
    key(&mut h, ':');
    assert_eq!(h.state.palette.input(), "");
    assert_eq!(
        h.state.palette.matches().len(),
        h.state.palette.offered().len(),
        "everything offered is listed again"
    );
}

#[test]
fn the_palette_runs_commands_with_effects_and_tab_completes() {
    let mut h = Harness::loaded();
    key(&mut h, ':');
    h.type_text("rev");
    special(&mut h, KeyCode::Tab);
    assert_eq!(h.state.palette.input(), "reveal");
    special(&mut h, KeyCode::Enter);
    assert!(
        matches!(
            &h.calls()[..],
            [AwsCall::Reveal(reveal::Call::GetValue { .. })]
        ),
        "`:reveal` fetched the value like `v`: {:?}",
        h.effects
    );
    key(&mut h, ':');
    h.type_text("zzzz");
    special(&mut h, KeyCode::Enter);
    assert_eq!(
        h.state.layers.top(),
        Layer::Palette,
        "nothing to run, nothing lost"
    );
    assert!(h.state.status_text().contains("No command matches"));
}

#[test]
fn the_palette_offers_what_applies_here() {
    let mut h = Harness::loaded();
    key(&mut h, ':');
    let offered = h.state.palette.offered().to_vec();
    assert!(
        offered.contains(&Command::Verb(Verb::Reveal))
            && offered.contains(&Command::Verb(Verb::Refresh))
    );
    assert!(
        !offered.contains(&Command::Value(RevealCommand::RevealAll))
            && !offered.contains(&Command::Verb(Verb::FocusNext)),
        "nothing JSON-specific before a JSON value is shown"
    );
    assert!(
        !offered.contains(&Command::Verb(Verb::Select)),
        "popup keys are not commands to run"
    );
    special(&mut h, KeyCode::Esc);
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch(r#"{"user":"app","password":"pw"}"#);
    key(&mut h, ':');
    assert!(
        h.state
            .palette
            .offered()
            .contains(&Command::Value(RevealCommand::RevealAll))
    );
}

#[test]
fn focus_follows_the_value_and_a_late_value_stays_under_a_popup() {
    let mut h = Harness::loaded();
    special(&mut h, KeyCode::Tab);
    assert_eq!(
        h.state.layers.focus(),
        Focus::List,
        "no value, nothing to focus"
    );
    h.cmd(Command::Verb(Verb::Reveal));
    key(&mut h, '?');
    h.answer_fetch(r#"{"user":"app"}"#);
    assert_eq!(
        h.state.layers.top(),
        Layer::Help,
        "the value did not cover the help"
    );
    assert_eq!(h.state.layers.focus(), Focus::Value);
    special(&mut h, KeyCode::Esc);
    special(&mut h, KeyCode::Tab);
    assert_eq!(h.state.layers.focus(), Focus::List);
    special(&mut h, KeyCode::Tab);
    assert_eq!(h.state.layers.focus(), Focus::Value);
    special(&mut h, KeyCode::Esc);
    assert!(
        h.state.reveal.value.is_none(),
        "Esc in the value pane masks"
    );
    assert_eq!(h.state.layers.top(), Layer::List);
}

#[test]
fn each_popup_has_its_own_keys() {
    let mut h = Harness::loaded();
    key(&mut h, 'p');
    assert_eq!(h.state.layers.top(), Layer::Versions);
    key(&mut h, 'r');
    assert!(
        h.calls().is_empty(),
        "refresh does not act behind the picker"
    );
    key(&mut h, 'q');
    assert_eq!(
        h.state.layers.top(),
        Layer::List,
        "q closes the picker, it does not quit"
    );
    assert!(!h.state.quit);
    key(&mut h, '/');
    h.type_text("r");
    assert!(h.calls().is_empty(), "r in the filter is a letter");
    assert_eq!(h.state.browse.list.filter(), "r");
    h.press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(h.state.quit, "Ctrl-c quits from any layer");
}

#[test]
fn keys_rebound_in_the_config_file_drive_the_app() {
    let file = FileConfig::parse("[keys.list]\nreveal = \"Space\"\n[keys.global]\nhelp = \"F1\"\n")
        .expect("valid config");
    let mut h = Harness::loaded();
    h.state.keymap = file.keymap;
    key(&mut h, 'v');
    assert!(h.calls().is_empty(), "v is free now");
    key(&mut h, ' ');
    assert!(matches!(
        &h.calls()[..],
        [AwsCall::Reveal(reveal::Call::GetValue { .. })]
    ));
    special(&mut h, KeyCode::F(1));
    assert_eq!(h.state.layers.top(), Layer::Help);
    // The help shows the keys in use.
    let screen = h.screen(120, 40);
    assert!(screen.contains("Space"), "{screen}");
    let help_keys: Vec<String> = h
        .state
        .keymap
        .help_sections()
        .into_iter()
        .flat_map(|s| s.rows.into_iter().map(|(keys, _)| keys))
        .collect();
    assert!(help_keys.iter().any(|k| k == "F1"), "{help_keys:?}");
    assert_ne!(h.state.keymap, Keymap::default());
    assert_eq!(
        h.state.keymap.resolve(Layer::List, Key::char('?')),
        None,
        "the old help key is unbound"
    );
}

#[test]
fn the_palette_reaches_make_current_and_generate_password_where_they_apply() {
    let mut h = Harness::loaded();
    key(&mut h, 'p');
    key(&mut h, ':');
    assert_eq!(h.state.layers.top(), Layer::Palette);
    assert!(
        h.state
            .palette
            .offered()
            .contains(&Command::Versions(VersionsCommand::MakeCurrent))
    );
    h.type_text("make-current");
    special(&mut h, KeyCode::Enter);
    // The highlighted version is already current: it says so, from the versions popup.
    assert!(h.state.status_text().contains("already AWSCURRENT"));
    assert_eq!(h.state.layers.top(), Layer::Versions);
}

#[test]
fn make_current_from_the_main_palette_opens_the_versions_to_choose_from() {
    let mut h = Harness::loaded();
    key(&mut h, ':');
    h.type_text("make-current");
    special(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Versions);
    assert!(h.state.status_text().contains("then m"));
}

/// Help names every command only the palette runs, with its description, at its end.
#[test]
fn help_lists_the_commands_only_the_palette_runs() {
    let mut h = Harness::loaded();
    key(&mut h, '?');
    h.settle(120, 40);
    special(&mut h, KeyCode::End);
    let screen = h.screen(120, 40);
    let only = h.state.keymap.palette_only();
    for command in [
        Command::Session(SessionCommand::Back),
        Command::Audit(AuditCommand::Region),
        Command::Rotation(RotationCommand::Rotate),
        Command::Rotation(RotationCommand::Repair),
        Command::Rotation(RotationCommand::Schedule),
    ] {
        assert!(only.contains(&command), "{command:?}");
    }
    assert!(!only.contains(&Command::Verb(Verb::Reveal)), "v reveals");
    assert!(
        screen.contains("Commands without a key here (type the name in the palette)"),
        "{screen}"
    );
    // The popup's text as words: a long description wraps onto the next line.
    let inside: Vec<&str> = screen.lines().filter_map(|l| l.split('┃').nth(1)).collect();
    let words = inside
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for command in only {
        let row = format!("{} {}", command.name(), command.description());
        assert!(words.contains(&row), "help lacks {row:?}:\n{screen}");
    }
    insta::assert_snapshot!("help_end_120x40", screen);
}

/// `I` opens the role switcher, which had only its name in the palette.
#[test]
fn capital_i_opens_the_role_switcher() {
    let mut h = Harness::loaded();
    key(&mut h, 'I');
    assert_eq!(h.state.layers.top(), Layer::Roles);
    assert!(
        !h.state
            .keymap
            .palette_only()
            .contains(&Command::Session(SessionCommand::Switch))
    );
}
