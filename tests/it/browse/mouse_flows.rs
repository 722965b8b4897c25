//! The mouse: clicks and the wheel hit-tested against the layout the frame was drawn with
//! (`render::layout`), then through `update` as the run loop does it.

use crate::common::{self, Harness};
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use smtui_core::app::Command;
use smtui_core::render::layout;
use smtui_core::render::mouse::pointer_action;
use smtui_core::room::keys::Verb;
use smtui_core::room::layers::{Focus, Layer, Tab};

fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// A mouse event on a screen of `width`×`height`, through hit-testing and `update`.
fn mouse(h: &mut Harness, (width, height): (u16, u16), kind: MouseEventKind, x: u16, y: u16) {
    let size = Rect::new(0, 0, width, height);
    if let Some(action) = pointer_action(size, &h.state, &event(kind, x, y)) {
        h.act(action);
    }
}

fn click(h: &mut Harness, size: (u16, u16), x: u16, y: u16) {
    mouse(h, size, MouseEventKind::Down(MouseButton::Left), x, y);
}

const WIDE: (u16, u16) = (140, 40);

fn selected_name(h: &Harness) -> String {
    h.state.selected().expect("a selection").name.clone()
}

#[test]
fn a_click_selects_the_row_drawn_under_it() {
    let mut h = Harness::loaded();
    let screen = layout(Rect::new(0, 0, WIDE.0, WIDE.1), Tab::List, 1).expect("layout");
    let drawn = h.screen(WIDE.0, WIDE.1);
    // Find the line where the third row is drawn, and click there.
    let third = h
        .state
        .browse
        .list
        .visible(2..3)
        .next()
        .expect("row")
        .clone();
    let y = drawn
        .lines()
        .position(|l| l.contains(&third.name) && l.contains(third.region.as_str()))
        .expect("drawn");
    click(
        &mut h,
        WIDE,
        screen.list.x + 3,
        u16::try_from(y).expect("row"),
    );
    assert_eq!(h.state.selected().map(|s| &s.arn), Some(&third.arn));
    // The border, the header and below the last row select nothing.
    for y in [screen.list.y, screen.list.y + 1, screen.list.bottom() - 2] {
        click(&mut h, WIDE, screen.list.x + 3, y);
        assert_eq!(h.state.selected().map(|s| &s.arn), Some(&third.arn));
    }
}

#[test]
fn a_click_on_the_value_pane_focuses_it_and_on_the_list_gives_focus_back() {
    let mut h = Harness::loaded();
    h.cmd(Command::Verb(Verb::Reveal));
    h.answer_fetch("plain text value");
    assert_eq!(h.state.layers.focus(), Focus::List);
    let screen = layout(Rect::new(0, 0, WIDE.0, WIDE.1), Tab::List, 1).expect("layout");
    click(&mut h, WIDE, screen.value.x + 2, screen.value.y + 2);
    assert_eq!(h.state.layers.focus(), Focus::Value);
    click(&mut h, WIDE, screen.list.x + 2, screen.list.y);
    assert_eq!(h.state.layers.focus(), Focus::List);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut h = Harness::new();
    let rows = (0..30)
        .map(|i| common::summary(&format!("app/secret-{i:02}"), "us-east-1"))
        .collect();
    h.page("us-east-1", rows, true);
    let screen = layout(Rect::new(0, 0, WIDE.0, WIDE.1), Tab::List, 1).expect("layout");
    let (x, y) = (screen.list.x + 5, screen.list.y + 5);
    mouse(&mut h, WIDE, MouseEventKind::ScrollDown, x, y);
    mouse(&mut h, WIDE, MouseEventKind::ScrollDown, x, y);
    assert_eq!(selected_name(&h), "app/secret-06");
    mouse(&mut h, WIDE, MouseEventKind::ScrollUp, x, y);
    assert_eq!(selected_name(&h), "app/secret-03");
    // Over the detail pane the wheel moves nothing.
    mouse(
        &mut h,
        WIDE,
        MouseEventKind::ScrollDown,
        screen.detail.x + 2,
        screen.detail.y + 2,
    );
    assert_eq!(selected_name(&h), "app/secret-03");
}

#[test]
fn the_wheel_over_a_popup_moves_in_the_popup_not_behind_it() {
    let mut h = Harness::loaded();
    let before = selected_name(&h);
    h.cmd(Command::Verb(Verb::Palette));
    mouse(&mut h, WIDE, MouseEventKind::ScrollDown, 70, 20);
    assert_eq!(h.state.palette.selected().at(), 1);
    assert_eq!(selected_name(&h), before, "the list behind did not move");
    // Clicks do nothing behind a popup.
    click(&mut h, WIDE, 2, 6);
    assert_eq!(h.state.layers.top(), Layer::Palette);
}

#[test]
fn a_click_on_a_region_shows_only_its_secrets_and_again_all() {
    let mut h = Harness::loaded();
    let total = h.state.browse.list.len();
    let bar = h.screen(WIDE.0, WIDE.1);
    let line = bar.lines().nth(1).expect("region bar");
    let x = line.find("eu-west-1").expect("drawn");
    let x = u16::try_from(line[..x].chars().count() + 2).expect("column");
    click(&mut h, WIDE, x, 1);
    assert_eq!(h.state.browse.list.region_filter(), Some("eu-west-1"));
    assert!(
        h.state
            .browse
            .list
            .visible(0..10)
            .all(|s| s.region == "eu-west-1")
    );
    let title = h.screen(WIDE.0, WIDE.1);
    assert!(
        title.contains("Secrets (1 of ") && title.contains(") in eu-west-1"),
        "{title}"
    );
    click(&mut h, WIDE, x, 1);
    assert_eq!(h.state.browse.list.len(), total, "a second click shows all");
    // The separator and the word "regions" are no region.
    click(&mut h, WIDE, 2, 1);
    assert_eq!(h.state.browse.list.region_filter(), None);
}

#[test]
fn a_click_on_a_tab_shows_that_pane_on_a_narrow_screen() {
    let mut h = Harness::loaded();
    let narrow = (80, 24);
    let drawn = h.screen(narrow.0, narrow.1);
    let bar = drawn.lines().nth(2).expect("tab bar");
    let x = u16::try_from(bar.find("Rotation").expect("drawn")).expect("column");
    click(&mut h, narrow, x, 2);
    assert_eq!(h.state.shown_tab(), Tab::Rotation);
    assert!(h.screen(narrow.0, narrow.1).contains("[Rotation]"));
}
