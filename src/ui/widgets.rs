//! Small pieces every view uses: the pane block, dates, popup placement, list scrolling.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::diff::{Change, DiffRow};
use crate::sanitize::sanitize_line;
use crate::secret::SecretValue;
use crate::ui::Theme;

/// How a masked value is drawn.
/// "in 4 days", "3 hours ago", "now".
pub fn relative(at: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let seconds = at.as_second() - now.as_second();
    let amount = seconds.unsigned_abs();
    let (n, unit) = match amount {
        0..60 => return "now".to_owned(),
        60..3_600 => (amount / 60, "minute"),
        3_600..172_800 => (amount / 3_600, "hour"),
        _ => (amount / 86_400, "day"),
    };
    let plural = if n == 1 { "" } else { "s" };
    if seconds > 0 {
        format!("in {n} {unit}{plural}")
    } else {
        format!("{n} {unit}{plural} ago")
    }
}

pub const MASK: &str = "••••••••";

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

/// One row of a diff (the editor's review, a conflict, two versions compared): `+`, `-`
/// or `~`, the JSON key if any, and the values, masked unless `revealed`.
pub fn diff_line<'a>(row: &'a DiffRow, revealed: bool, theme: &Theme) -> Line<'a> {
    let (mark, style) = match row.change {
        Change::Added => ("+ ", theme.diff_added),
        Change::Removed => ("- ", theme.diff_removed),
        Change::Changed => ("~ ", theme.diff_changed),
        Change::Same => ("  ", theme.dim),
    };
    let shown = |value: &Option<SecretValue>| match value {
        Some(v) if revealed => Span::styled(
            sanitize_line(v.expose_str().unwrap_or("(not UTF-8)")).into_owned(),
            theme.revealed,
        ),
        Some(_) => Span::styled(MASK, theme.masked),
        None => Span::raw(""),
    };
    let mut spans = vec![Span::styled(mark, style)];
    if !row.key.is_empty() {
        spans.push(Span::styled(
            format!("{}: ", sanitize_line(&row.key)),
            theme.json_key,
        ));
    }
    match row.change {
        Change::Added => spans.push(shown(&row.new)),
        Change::Removed | Change::Same => spans.push(shown(&row.old)),
        Change::Changed => {
            spans.push(shown(&row.old));
            spans.push(Span::styled(" → ", style));
            spans.push(shown(&row.new));
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_read_naturally() {
        let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().expect("ts");
        let at = |s: &str| s.parse::<jiff::Timestamp>().expect("ts");
        assert_eq!(relative(at("2026-11-25T12:00:30Z"), now), "now");
        assert_eq!(relative(at("2026-11-25T11:59:00Z"), now), "1 minute ago");
        assert_eq!(relative(at("2026-11-25T15:00:00Z"), now), "in 3 hours");
        assert_eq!(relative(at("2026-11-27T00:00:00Z"), now), "in 36 hours");
        assert_eq!(relative(at("2026-11-10T12:00:00Z"), now), "15 days ago");
        assert_eq!(relative(at("2026-12-25T12:00:00Z"), now), "in 30 days");
    }
}
