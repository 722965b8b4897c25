//! Rendering: a pure function of `State` and `Theme`. Nothing here changes state or does I/O.

mod detail;
mod list;
mod overlays;
mod region_bar;
mod status;
pub mod theme;
mod value;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use crate::app::{Action, State};
use crate::sanitize::is_unsafe_char;
pub use theme::Theme;

/// Below this the screen shows a message asking for a larger terminal instead of a mess.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;
/// From this width on, the list and the panes sit side by side.
const WIDE: u16 = 110;

pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "smtui needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.warn)
                .wrap(Wrap { trim: true }),
            area,
        );
    } else {
        let [title, regions, main, status] = screen_rows(area);
        status::render_title(frame, title, state, theme);
        region_bar::render(frame, regions, state, theme);
        let (list_area, detail_area, value_area) = panes(main);
        list::render(frame, list_area, state, theme);
        detail::render(frame, detail_area, state, theme);
        value::render(frame, value_area, state, theme);
        status::render_footer(frame, status, state, theme);
        overlays::render(frame, area, state, theme);
    }
    neutralise(frame.buffer_mut());
}

fn screen_rows(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// What `update` needs to know about the layout of a screen of `size`: how far the shown
/// value and the help can scroll. The run loop feeds these actions back after a frame when
/// they differ from what the state holds, so scrolling stops at the real end without
/// `update` knowing about layout.
pub fn layout_feedback(size: Rect, state: &State, theme: &Theme) -> Vec<Action> {
    let mut feedback = Vec::new();
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return feedback;
    }
    let [_, _, main, _] = screen_rows(size);
    let (_, _, value_area) = panes(main);
    if let Some(limit) = value::scroll_limit(value_area, state, theme)
        && state.value.as_ref().and_then(|p| p.scroll_limit) != Some(limit)
    {
        feedback.push(Action::ValueScrollLimit(limit));
    }
    let help_limit = overlays::help_scroll_limit(size);
    if state.help_scroll_limit != Some(help_limit) {
        feedback.push(Action::HelpScrollLimit(help_limit));
    }
    feedback
}

fn panes(main: Rect) -> (Rect, Rect, Rect) {
    if main.width >= WIDE {
        let [list, side] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(main);
        let [detail, value] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(side);
        (list, detail, value)
    } else {
        let [list, below] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(main);
        let [detail, value] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(below);
        (list, detail, value)
    }
}

/// A bordered pane block whose border shows focus.
pub(crate) fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
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

/// Last line of defence: untrusted text is escaped where it is drawn, and whatever slipped
/// through would still never reach the terminal as a control character.
fn neutralise(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe_char) {
            cell.set_symbol("?");
        }
    }
}

/// `YYYY-MM-DD` in UTC, or a dash.
pub(crate) fn date(ts: Option<jiff::Timestamp>) -> String {
    ts.map_or_else(|| "—".to_owned(), |t| t.strftime("%Y-%m-%d").to_string())
}

/// `YYYY-MM-DD HH:MM UTC`, or a dash.
pub(crate) fn date_time(ts: Option<jiff::Timestamp>) -> String {
    ts.map_or_else(
        || "—".to_owned(),
        |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

pub(crate) fn dim_line<'a>(text: impl Into<String>, theme: &Theme) -> Line<'a> {
    Line::styled(text.into(), theme.dim)
}
