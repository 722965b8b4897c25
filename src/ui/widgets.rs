//! Small pieces every view uses: the pane block, dates, popup placement, list scrolling.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use crate::ui::Theme;

/// A bordered pane block whose border shows focus.
pub fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(title.style(theme.title))
}

/// `YYYY-MM-DD` in UTC, or a dash.
pub fn date(ts: Option<jiff::Timestamp>) -> String {
    ts.map_or_else(|| "—".to_owned(), |t| t.strftime("%Y-%m-%d").to_string())
}

/// `YYYY-MM-DD HH:MM UTC`, or a dash.
pub fn date_time(ts: Option<jiff::Timestamp>) -> String {
    ts.map_or_else(
        || "—".to_owned(),
        |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

pub fn dim_line<'a>(text: impl Into<String>, theme: &Theme) -> Line<'a> {
    Line::styled(text.into(), theme.dim)
}

/// A `width`×`height` box in the middle of `area` (shrunk to fit).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Keeps the selection near the middle of the view once the list is longer than the view.
pub fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}
