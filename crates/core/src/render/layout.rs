//! Where everything goes on a screen of a given size: one function, used for drawing and
//! for the mouse's hit-testing alike, so a click never lands on a rectangle that is not the
//! one drawn.
//!
//! Four shapes, by size:
//! - very wide (≥ 180 columns): list, detail (with the rotation panel under it) and value
//!   side by side; the audit pane docks over the detail and value columns;
//! - wide (≥ 110): the list, and beside it detail, rotation and value stacked;
//! - stacked (≥ 100 × 20): the list above, detail and value side by side below;
//! - narrow: one pane at a time under a tab bar (`[` and `]` switch, or a click).

use ratatui::layout::{Constraint, Layout, Rect};

use crate::room::layers::Tab;

/// Below this the screen shows a message asking for a larger terminal instead of a mess.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 10;
/// From this width on, the list and the panes sit side by side.
const WIDE: u16 = 110;
/// From this width on, list, detail and value are three columns.
const VERY_WIDE: u16 = 180;
/// Below this width or height, one pane at a time under a tab bar.
const TABS_BELOW_WIDTH: u16 = 100;
const TABS_BELOW_HEIGHT: u16 = 20;
/// The rotation panel's height (borders included), and the least height of the column it
/// shares with the detail (and, on wide screens, the value) for it to be shown.
const ROTATION_HEIGHT: u16 = 10;
const ROTATION_ROOM_WIDE: u16 = 28;
const ROTATION_ROOM_NARROW: u16 = 18;

/// The least height (borders included) the value pane keeps beside a long detail.
const VALUE_LEAST: u16 = 8;

/// What the content asks for, in rows with borders: the footer (a long message wraps), and
/// the detail and rotation panes at their column's width (`None`: not measured, the
/// defaults apply). The panes get what they ask within each shape's limits, so nothing is
/// cut while there is room, and the rest goes to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Wants {
    pub(crate) footer: u16,
    pub(crate) detail: Option<u16>,
    pub(crate) rotation: Option<u16>,
}

impl Default for Wants {
    fn default() -> Self {
        Self {
            footer: 1,
            detail: None,
            rotation: None,
        }
    }
}

impl Wants {
    /// The rotation panel's height in a column `room` high: its usual height, more when
    /// its content asks (a stuck rotation says more), at most half. Never less than usual,
    /// so the panes below do not move as the selection goes from secret to secret.
    fn rotation_in(self, room: u16) -> u16 {
        self.rotation
            .map_or(ROTATION_HEIGHT, |rows| rows.max(ROTATION_HEIGHT))
            .min(room / 2)
    }
}

/// Where everything goes on a screen. A pane that is not shown has an empty rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub(crate) whole: Rect,
    pub(crate) title: Rect,
    pub(crate) regions: Rect,
    /// The tab bar: empty unless the screen is narrow.
    pub(crate) tabs: Rect,
    /// The pane shown under the tab bar, when there is one.
    pub(crate) shown: Option<Tab>,
    pub list: Rect,
    pub detail: Rect,
    /// Empty when the screen is too low for it (the detail pane then has a rotation line).
    pub(crate) rotation: Rect,
    pub value: Rect,
    /// Where the audit pane goes: beside the list on very wide screens, else everything
    /// above the footer.
    pub(crate) audit: Rect,
    pub(crate) footer: Rect,
}

/// The layout of a screen of `area` with `tab` chosen for narrow screens; `None` when the
/// screen is too small to use.
pub fn layout(area: Rect, tab: Tab, footer_rows: u16) -> Option<Screen> {
    layout_for(
        area,
        tab,
        Wants {
            footer: footer_rows,
            ..Wants::default()
        },
    )
}

/// The layout of a screen of `area`, giving the content what it `wants` where it can.
pub(crate) fn layout_for(area: Rect, tab: Tab, wants: Wants) -> Option<Screen> {
    let footer_rows = wants.footer;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let tabbed = area.width < TABS_BELOW_WIDTH || area.height < TABS_BELOW_HEIGHT;
    let [title, regions, tabs, main, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(tabbed)),
        Constraint::Fill(1),
        // Never so many that the panes go: a message takes what is spare.
        Constraint::Length(footer_rows.clamp(1, area.height.saturating_sub(MIN_HEIGHT) + 1)),
    ])
    .areas(area);
    let mut screen = Screen {
        whole: area,
        title,
        regions,
        tabs,
        shown: None,
        list: Rect::default(),
        detail: Rect::default(),
        rotation: Rect::default(),
        value: Rect::default(),
        // Everything above the footer, which a long message may make two or three rows.
        audit: Rect {
            height: footer.y - area.y,
            ..area
        },
        footer,
    };
    if tabbed {
        screen.shown = Some(tab);
        match tab {
            Tab::List => screen.list = main,
            Tab::Detail => screen.detail = main,
            Tab::Value => screen.value = main,
            Tab::Rotation => screen.rotation = main,
        }
    } else if main.width >= VERY_WIDE {
        very_wide(&mut screen, main, wants);
    } else if main.width >= WIDE {
        wide(&mut screen, main, wants);
    } else {
        stacked(&mut screen, main, wants);
    }
    Some(screen)
}

fn very_wide(screen: &mut Screen, main: Rect, wants: Wants) {
    let [list, middle, value] = Layout::horizontal([
        Constraint::Percentage(44),
        Constraint::Percentage(26),
        Constraint::Fill(1),
    ])
    .areas(main);
    let rotation_height = if middle.height >= ROTATION_ROOM_NARROW {
        wants.rotation_in(middle.height)
    } else {
        0
    };
    let [detail, rotation] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(rotation_height)]).areas(middle);
    screen.list = list;
    screen.detail = detail;
    screen.rotation = rotation;
    screen.value = value;
    screen.audit = Rect {
        x: middle.x,
        y: main.y,
        width: main.right() - middle.x,
        height: main.height,
    };
}

fn wide(screen: &mut Screen, main: Rect, wants: Wants) {
    let [list, side] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(main);
    let rotation_height = if side.height >= ROTATION_ROOM_WIDE {
        wants.rotation_in(side.height)
    } else {
        0
    };
    // The detail keeps at least 45% (so the panes do not jump as the selection moves), and
    // grows for a secret with more to say while the value keeps its least height.
    let usual = side.height * 45 / 100;
    let most = side.height.saturating_sub(rotation_height + VALUE_LEAST);
    let detail_height = wants.detail.map_or(usual, |d| d.min(most).max(usual));
    let [detail, rotation, value] = Layout::vertical([
        Constraint::Length(detail_height),
        Constraint::Length(rotation_height),
        Constraint::Fill(1),
    ])
    .areas(side);
    screen.list = list;
    screen.detail = detail;
    screen.rotation = rotation;
    screen.value = value;
}

fn stacked(screen: &mut Screen, main: Rect, wants: Wants) {
    let [list, below] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(main);
    let [left, value] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(below);
    let rotation_height = if left.height >= ROTATION_ROOM_NARROW {
        wants.rotation_in(left.height)
    } else {
        0
    };
    let [detail, rotation] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(rotation_height)]).areas(left);
    screen.list = list;
    screen.detail = detail;
    screen.rotation = rotation;
    screen.value = value;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(width: u16, height: u16, tab: Tab) -> Screen {
        layout(Rect::new(0, 0, width, height), tab, 1).expect("big enough")
    }

    #[test]
    fn each_width_has_its_shape() {
        let s = at(200, 50, Tab::List);
        assert!(s.shown.is_none() && s.tabs.is_empty());
        assert!(s.list.right() <= s.detail.x && s.detail.right() <= s.value.x);
        assert_eq!(s.audit.x, s.detail.x, "audit docks beside the list");
        assert_eq!(s.audit.right(), 200);

        let s = at(140, 40, Tab::List);
        assert!(s.list.right() <= s.detail.x && s.detail.x == s.value.x);
        assert_eq!(
            s.audit,
            Rect {
                height: s.footer.y,
                ..s.whole
            }
        );

        let s = at(104, 30, Tab::List);
        assert!(s.list.bottom() <= s.detail.y && s.detail.right() <= s.value.x);

        for (width, height) in [(99, 40), (160, 19), (40, 10)] {
            for tab in Tab::ALL {
                let s = at(width, height, tab);
                assert_eq!(s.shown, Some(tab));
                assert_eq!(s.tabs.height, 1);
                let shown = [s.list, s.detail, s.value, s.rotation]
                    .iter()
                    .filter(|r| !r.is_empty())
                    .count();
                assert_eq!(shown, 1, "one pane at a time at {width}x{height}");
            }
        }
        assert!(layout(Rect::new(0, 0, 39, 30), Tab::List, 1).is_none());
        assert!(layout(Rect::new(0, 0, 80, 9), Tab::List, 1).is_none());
    }
}
