//! The mouse: a click or a wheel turn, hit-tested against the same layout the frame was
//! drawn with (`layout`), so it always lands on what the user sees under the pointer.
//! The answer is an action; `update` does the rest, as for a key.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::app::action::Pointer;
use crate::app::{Action, State};
use crate::features::browse;
use crate::kit::widgets::scroll_offset;
use crate::render::layout::Screen;
use crate::render::screen_layout;
use crate::room::layers::Tab;

/// What a mouse event on a screen of `size` means, or `None` when it means nothing there.
pub fn pointer_action(size: Rect, state: &State, event: &MouseEvent) -> Option<Action> {
    let screen = screen_layout(size, state)?;
    let at = Position::new(event.column, event.row);
    let pointer = match event.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = event.kind == MouseEventKind::ScrollDown;
            let pane = if state.layers.has_popup() {
                None
            } else {
                Some(pane_at(&screen, at)?)
            };
            Pointer::Wheel { pane, down }
        }
        MouseEventKind::Down(MouseButton::Left) if !state.layers.has_popup() => {
            click(&screen, state, at)?
        }
        _ => return None,
    };
    Some(Action::Pointer(pointer))
}

fn click(screen: &Screen, state: &State, at: Position) -> Option<Pointer> {
    if screen.regions.contains(at) {
        let (held, refused) = (state.held_accounts(), state.refused_accounts());
        let accounts = browse::region_bar::Accounts {
            held: &held,
            refused: &refused,
        };
        return browse::region_bar::region_at(
            screen.regions,
            &state.browse.regions,
            accounts,
            at.x,
        )
        .map(Pointer::Region);
    }
    if screen.tabs.contains(at) {
        return tab_at(screen.tabs, at.x).map(Pointer::Tab);
    }
    let pane = pane_at(screen, at)?;
    if pane == Tab::List
        && let Some(row) = list_row_at(screen.list, state, at.y)
    {
        return Some(Pointer::Row(row));
    }
    Some(Pointer::Pane(pane))
}

/// The pane under the pointer.
fn pane_at(screen: &Screen, at: Position) -> Option<Tab> {
    [
        (screen.list, Tab::List),
        (screen.detail, Tab::Detail),
        (screen.value, Tab::Value),
        (screen.rotation, Tab::Rotation),
    ]
    .into_iter()
    .find(|(area, _)| area.contains(at))
    .map(|(_, tab)| tab)
}

/// The list row drawn at line `y`: inside the border, under the header, and scrolled the
/// way the list view scrolls it (the same `scroll_offset`).
fn list_row_at(list: Rect, state: &State, y: u16) -> Option<usize> {
    let first_row = list.y.checked_add(2)?;
    let last_row = list.bottom().checked_sub(1)?;
    if y < first_row || y >= last_row {
        return None;
    }
    let rows = &state.browse.list;
    let height = usize::from(last_row - first_row);
    let offset = scroll_offset(rows.selected_index(), rows.len(), height);
    let index = offset + usize::from(y - first_row);
    (index < rows.len()).then_some(index)
}

/// The tab under column `x` of the tab bar, laid out as `render_tabs` draws it: each title
/// with a cell either side, then a space.
fn tab_at(bar: Rect, x: u16) -> Option<Tab> {
    let mut at = bar.x;
    for tab in Tab::ALL {
        let width = u16::try_from(tab.title().len() + 2).unwrap_or(u16::MAX);
        if (at..at.saturating_add(width)).contains(&x) {
            return Some(tab);
        }
        at = at.saturating_add(width + 1);
    }
    None
}
