//! The look: the theme picker and its preview, themes as drawn, and (below) the layouts of
//! each width, through the keymap and the real renderer on ratatui's TestBackend.

use crate::common;
use smtui_core::room::keys::Verb;

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;
use smtui_core::features::appearance::Command as AppearanceCommand;
use smtui_core::features::audit::Command as AuditCommand;
use smtui_core::features::rotation::Command as RotationCommand;
use smtui_core::kit::Theme;
use smtui_core::kit::theme::BUILTIN;
use smtui_core::room::layers::Layer;

fn key(h: &mut Harness, code: KeyCode) {
    h.press(code, KeyModifiers::NONE);
}

fn with_every_theme(active: &str) -> Harness {
    let themes: Vec<Theme> = BUILTIN
        .iter()
        .filter_map(|(name, _)| Theme::builtin(name))
        .collect();
    let index = themes
        .iter()
        .position(|t| t.name == active)
        .expect("built in");
    let mut h = Harness::loaded();
    h.state = std::mem::replace(
        &mut h.state,
        smtui_core::app::State::new(smtui_core::app::Settings::default(), &[], h.now),
    )
    .with_themes(themes, index);
    h
}

/// The colour the app's name is drawn in, top left: the title role of the theme drawn.
fn title_colour(h: &Harness) -> Option<Color> {
    h.render(120, 40)[(1, 0)].style().fg
}

fn fg(name: &str, role: fn(&Theme) -> ratatui::style::Style) -> Option<Color> {
    role(&Theme::builtin(name).expect("built in")).fg
}

#[test]
fn the_picker_previews_each_theme_keeps_one_on_enter_and_restores_on_esc() {
    let mut h = with_every_theme("default");
    assert_eq!(title_colour(&h), fg("default", |t| t.title));

    key(&mut h, KeyCode::Char('T'));
    assert_eq!(h.state.layers.top(), Layer::Themes);
    key(&mut h, KeyCode::Down);
    assert_eq!(
        title_colour(&h),
        fg("light", |t| t.title),
        "the highlighted theme is drawn at once"
    );
    let screen = h.screen(120, 40);
    for (name, _) in BUILTIN {
        assert!(screen.contains(name), "the picker lists {name}:\n{screen}");
    }
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(
        title_colour(&h),
        fg("default", |t| t.title),
        "Esc went back"
    );

    key(&mut h, KeyCode::Char(':'));
    h.type_text("theme");
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::Themes, "`:theme` opens it too");
    for _ in 0..4 {
        key(&mut h, KeyCode::Char('j'));
    }
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.state.layers.top(), Layer::List);
    assert_eq!(title_colour(&h), fg("gruvbox-dark", |t| t.title));
    assert!(
        h.state.status_text().contains("theme = \"gruvbox-dark\""),
        "{}",
        h.state.status_text()
    );
}

/// smtui never writes the config file: after a pick the footer says the theme lasts this
/// session and names the file and the line that would keep it.
#[test]
fn a_picked_theme_names_the_config_file_that_would_keep_it() {
    let mut h = with_every_theme("default");
    h.state = std::mem::replace(
        &mut h.state,
        smtui_core::app::State::new(smtui_core::app::Settings::default(), &[], h.now),
    )
    .with_config_file(Some("~/.config/smtui/config.toml".into()));
    key(&mut h, KeyCode::Char('T'));
    key(&mut h, KeyCode::Down);
    key(&mut h, KeyCode::Enter);
    let footer = h
        .screen(120, 40)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        footer.trim(),
        "Theme light for this session; to keep it, set theme = \"light\" in \
         ~/.config/smtui/config.toml"
    );
}

#[test]
fn the_picker_popup() {
    let mut h = with_every_theme("catppuccin-mocha");
    key(&mut h, KeyCode::Char('T'));
    insta::assert_snapshot!("theme_picker_100x30", h.screen(100, 30));
}

/// The screens a sweep draws at every size: the list, a revealed JSON value with focus,
/// the help, the palette, the audit pane, the theme picker, the rotation overview.
fn every_kind_of_screen() -> Vec<(&'static str, Harness)> {
    use smtui_core::app::Command;
    let list = Harness::loaded();
    let mut value = Harness::loaded();
    value.cmd(Command::Verb(Verb::Reveal));
    value.answer_fetch(r#"{"username":"orders_app","password":"correct-horse"}"#);
    let mut help = Harness::loaded();
    help.cmd(Command::Verb(Verb::Help));
    let mut palette = Harness::loaded();
    palette.cmd(Command::Verb(Verb::Palette));
    let mut audit = Harness::loaded();
    audit.cmd(Command::Audit(AuditCommand::Open));
    let mut themes = with_every_theme("light");
    themes.cmd(Command::Appearance(AppearanceCommand::Theme));
    let mut overview = Harness::loaded();
    overview.cmd(Command::Rotation(RotationCommand::Overview));
    vec![
        ("list", list),
        ("value", value),
        ("help", help),
        ("palette", palette),
        ("audit", audit),
        ("themes", themes),
        ("overview", overview),
    ]
}

/// Every size from 1×1 up to 45×25, and the widths and heights where a layout changes
/// (and their neighbours) up to 400×120.
fn sweep_sizes() -> Vec<(u16, u16)> {
    let mut sizes = Vec::new();
    for width in 1..=45 {
        for height in 1..=25 {
            sizes.push((width, height));
        }
    }
    let widths = [
        46, 59, 60, 61, 79, 80, 99, 100, 101, 109, 110, 111, 140, 179, 180, 181, 250, 399, 400,
    ];
    let heights = [
        1, 2, 9, 10, 11, 19, 20, 21, 24, 27, 28, 29, 40, 48, 80, 119, 120,
    ];
    for width in widths {
        for height in heights {
            sizes.push((width, height));
        }
    }
    sizes
}

#[test]
fn no_size_from_1x1_to_400x120_panics_or_draws_outside_the_screen() {
    for (name, h) in every_kind_of_screen() {
        for (width, height) in sweep_sizes() {
            // `settle` draws a frame, which records what it measured, as the run loop does.
            h.settle(width, height);
            let buffer = h.render(width, height);
            assert_eq!(
                buffer.area,
                ratatui::layout::Rect::new(0, 0, width, height),
                "{name} at {width}x{height}"
            );
        }
    }
}

#[test]
fn narrow_screens_show_one_pane_under_a_tab_bar_and_brackets_switch_it() {
    let mut h = Harness::loaded();
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("[Secrets]  Detail   Value   Rotation"),
        "{screen}"
    );
    key(&mut h, KeyCode::Char(']'));
    let screen = h.screen(80, 24);
    assert!(screen.contains("[Detail]"), "{screen}");
    assert!(
        screen.contains("arn:aws:secretsmanager:"),
        "the detail fills the screen:\n{screen}"
    );
    key(&mut h, KeyCode::Char('['));
    key(&mut h, KeyCode::Char('['));
    let screen = h.screen(80, 24);
    assert!(screen.contains("[Rotation]"), "wraps around");
    // Nothing beside the pane names the secret: its title does.
    assert!(
        screen.contains("┌ Rotation · prod/orders/postgres "),
        "{screen}"
    );
    key(&mut h, KeyCode::Char('['));
    let screen = h.screen(40, 10);
    assert!(
        screen.contains("┌ prod/orders/postgres · AWSCURRENT ─"),
        "the value tab names it:\n{screen}"
    );
    // The switch keys only where they fit whole.
    assert!(!screen.contains("[ /"), "{screen}");
    assert!(h.screen(80, 24).contains("[ / ] switch"));
    key(&mut h, KeyCode::Char(']'));

    // A reveal shows the value; Esc masks it and the list is back.
    key(&mut h, KeyCode::Char('['));
    key(&mut h, KeyCode::Char('['));
    key(&mut h, KeyCode::Char('v'));
    h.answer_fetch("hunter2-value");
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("[Value]") && screen.contains("hunter2-value"),
        "{screen}"
    );
    key(&mut h, KeyCode::Esc);
    assert!(h.screen(80, 24).contains("[Secrets]"));
}

#[test]
fn an_arn_wraps_at_its_separators_never_inside_a_word() {
    let h = Harness::loaded();
    let screen = h.screen(104, 30);
    let arn_lines: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("ARN"))
        .take(3)
        .collect();
    let pieces: Vec<String> = arn_lines
        .iter()
        .map(|l| {
            let inside = l.split('│').nth(1).unwrap_or_default();
            inside.get(12..).unwrap_or_default().trim_end().to_owned()
        })
        .take_while(|p| !p.is_empty())
        .collect();
    assert!(pieces.len() > 1, "the ARN needs two lines here:\n{screen}");
    for piece in &pieces[..pieces.len() - 1] {
        assert!(
            piece.ends_with([':', '/', '-']),
            "broken after a separator: {pieces:?}"
        );
    }
    let selected = h.state.selected().expect("selection");
    assert_eq!(pieces.concat(), selected.arn.as_str(), "nothing lost");
}

#[test]
fn each_layout_width() {
    let mut h = Harness::loaded();
    h.cmd(smtui_core::app::Command::Verb(
        smtui_core::room::keys::Verb::Reveal,
    ));
    h.answer_fetch(r#"{"username":"orders_app","password":"correct-horse"}"#);
    for (width, height) in [(200, 40), (140, 40), (104, 30), (80, 24), (60, 16)] {
        insta::assert_snapshot!(format!("layout_{width}x{height}"), h.screen(width, height));
    }
}

#[test]
fn the_audit_pane_docks_beside_the_list_on_very_wide_screens() {
    let mut h = Harness::loaded();
    key(&mut h, KeyCode::Char('A'));
    assert_eq!(h.state.layers.top(), Layer::Audit);
    let screen = h.screen(200, 40);
    let row = screen.lines().nth(5).expect("a row");
    assert!(
        row.contains("prod/orders/postgres"),
        "the list stays in view:\n{screen}"
    );
    let wide = h.screen(140, 40);
    assert!(
        !wide
            .lines()
            .nth(5)
            .expect("a row")
            .contains("prod/orders/postgres"),
        "narrower screens give the audit pane everything:\n{wide}"
    );
}

#[test]
fn a_long_identity_gives_way_so_the_counts_stay_in_the_title() {
    let mut h = Harness::loaded();
    let arn = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PlatformAdministrators_0123456789abcdef/alice.example@example.com";
    h.answer(smtui_core::app::Outcome::WhoAmI {
        result: Ok(smtui_core::model::CallerIdentity {
            account: "123456789012".into(),
            arn: crate::common::arn(arn),
        }),
    });
    let title = h
        .screen(80, 24)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(title.contains("4 of 5 secrets"), "{title}");
    // What says nothing goes first, then the middle of the role and session; never the
    // account.
    assert!(
        title.contains(" 123456789012:role/AWSReserv")
            && title.contains('…')
            && title.contains("example.com"),
        "{title}"
    );
    let wide = h.screen(200, 40);
    assert!(wide.contains(arn), "in full when it fits");
    // Narrower still: the count stays whole, and the account with it.
    let narrow = h.screen(40, 10);
    let title = narrow.lines().next().unwrap_or_default();
    assert!(
        title.contains("123456789012:") && title.trim_end().ends_with("secrets"),
        "{title}"
    );
    // Thousands of secrets on the narrowest screen: the counts lose their word, never a
    // digit.
    let many: Vec<_> = (0..12_345)
        .map(|i| common::summary(&format!("svc/{i:05}"), "eu-west-1"))
        .collect();
    h.page("eu-west-1", many, true);
    let narrowest = h.screen(40, 10);
    let title = narrowest.lines().next().unwrap_or_default();
    assert!(
        title.contains("123456789012:") && title.trim_end().ends_with("12349/12350"),
        "{title}"
    );
}
