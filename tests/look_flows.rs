//! The look: the theme picker and its preview, themes as drawn, and (below) the layouts of
//! each width, through the keymap and the real renderer on ratatui's TestBackend.

mod common;

use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;
use smtui::app::layers::Layer;
use smtui::ui::Theme;
use smtui::ui::theme::BUILTIN;

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
        smtui::app::State::new(Default::default(), &[], h.now),
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

#[test]
fn the_picker_popup() {
    let mut h = with_every_theme("catppuccin-mocha");
    key(&mut h, KeyCode::Char('T'));
    insta::assert_snapshot!("theme_picker_100x30", h.screen(100, 30));
}
