//! Small pieces every view uses: the pane block, dates, popup placement, list scrolling.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::diff::{Change, DiffRow};
use crate::kit::Theme;
use crate::kit::wrap::{fitting, secret_spans};
use crate::sanitize::sanitize_line;
use crate::secret::SecretValue;

/// How a masked value is drawn.
/// "in 4 days", "3 hours ago", "now".
pub(crate) fn relative(at: jiff::Timestamp, now: jiff::Timestamp) -> String {
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

pub(crate) const MASK: &str = "••••••••";

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

/// A `width`×`height` box in the middle of `area` (shrunk to fit).
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Keeps the selection near the middle of the view once the list is longer than the view.
pub(crate) fn scroll_offset(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

/// One row of a diff (the editor's review, a conflict, two versions compared): `+`, `-`
/// or `~`, the JSON key if any, and the values, masked unless `revealed`. An unchanged
/// key or line stays masked even then: it is context, and `v` reveals what changed.
pub(crate) fn diff_line<'a>(row: &'a DiffRow, revealed: bool, theme: &Theme) -> Line<'a> {
    let (mark, style) = match row.change {
        Change::Added => ("+ ", theme.diff_added),
        Change::Removed => ("- ", theme.diff_removed),
        Change::Changed => ("~ ", theme.diff_changed),
        Change::Same => ("  ", theme.dim),
    };
    // A revealed value is drawn from its own bytes (no copy of it), escapes and all.
    let shown = |value: &'a Option<SecretValue>| -> Vec<Span<'a>> {
        match value.as_ref() {
            Some(v) if revealed => match v.expose_str() {
                Some(text) => secret_spans(text, theme.revealed),
                None => vec![Span::styled("(not UTF-8)", theme.revealed)],
            },
            Some(_) => vec![Span::styled(MASK, theme.masked)],
            None => Vec::new(),
        }
    };
    let mut spans = vec![Span::styled(mark, style)];
    if !row.key.is_empty() {
        spans.push(Span::styled(
            format!("{}: ", sanitize_line(&row.key)),
            theme.json_key,
        ));
    }
    match row.change {
        Change::Added => spans.extend(shown(&row.new)),
        Change::Removed => spans.extend(shown(&row.old)),
        Change::Same => spans.push(Span::styled(MASK, theme.masked)),
        Change::Changed => {
            spans.extend(shown(&row.old));
            spans.push(Span::styled(" → ", style));
            spans.extend(shown(&row.new));
        }
    }
    Line::from(spans)
}

/// The rows of a diff for a popup with `room` lines for them: every row where they fit;
/// else the changes only, the unchanged counted; else the changes that fit and how many
/// more there are. Never cut silently.
pub(crate) fn diff_lines<'a>(
    rows: &'a [DiffRow],
    revealed: bool,
    room: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    if rows.len() <= room {
        return rows.iter().map(|r| diff_line(r, revealed, theme)).collect();
    }
    let changes: Vec<&DiffRow> = rows.iter().filter(|r| r.change != Change::Same).collect();
    let unchanged = rows.len() - changes.len();
    let said = |text: String| dim_line(text, theme);
    let mut lines: Vec<Line<'a>> = Vec::new();
    if changes.len() < room {
        lines.extend(changes.iter().map(|r| diff_line(r, revealed, theme)));
        if unchanged > 0 {
            lines.push(said(format!("({unchanged} unchanged, not shown here)")));
        }
        return lines;
    }
    let fit = room.saturating_sub(1);
    lines.extend(changes[..fit].iter().map(|r| diff_line(r, revealed, theme)));
    let more = changes.len() - fit;
    let plural = if more == 1 { "" } else { "s" };
    lines.push(said(format!(
        "… {more} more change{plural}, and {unchanged} unchanged: a larger screen shows them"
    )));
    lines
}

/// A line in at most `width` columns, ending in "…" when it had to be cut. Styles are kept,
/// and a borrowed span stays borrowed: a cut one is a slice of the same bytes (a revealed
/// value is drawn from its own buffer, never copied).
pub(crate) fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    use std::borrow::Cow;
    if line.width() <= width || width == 0 {
        return line;
    }
    let mut room = width - 1;
    let mut spans = Vec::new();
    for span in line.spans {
        let span_width = span.width();
        if span_width <= room {
            room -= span_width;
            spans.push(span);
            continue;
        }
        let (end, _) = fitting(&span.content, room);
        let cut = match span.content {
            Cow::Borrowed(text) => Cow::Borrowed(&text[..end]),
            Cow::Owned(mut text) => {
                text.truncate(end);
                Cow::Owned(text)
            }
        };
        spans.push(Span::styled(cut, span.style));
        spans.push(Span::styled("…", span.style));
        break;
    }
    Line::from(spans).style(line.style)
}

/// `text` in at most `width` columns, ending in "…" when it had to be cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    use unicode_truncate::UnicodeTruncateStr as _;
    use unicode_width::UnicodeWidthStr as _;
    if text.width() <= width || width == 0 {
        return text.unicode_truncate(width).0.to_owned();
    }
    format!("{}…", text.unicode_truncate(width - 1).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_rows_that_do_not_fit_give_way_unchanged_first_and_say_so() {
        let row = |change, key: &str| DiffRow {
            change,
            key: key.into(),
            old: None,
            new: None,
        };
        let theme = Theme::default();
        let mut rows: Vec<DiffRow> = (0..10)
            .map(|i| row(Change::Same, &format!("k{i}")))
            .collect();
        rows.push(row(Change::Added, "new1"));
        rows.push(row(Change::Added, "new2"));
        let text = |lines: Vec<Line>| lines.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(diff_lines(&rows, false, 12, &theme).len(), 12, "all fit");
        let changes = text(diff_lines(&rows, false, 5, &theme));
        assert_eq!(changes.len(), 3);
        assert!(changes[0].contains("new1") && changes[1].contains("new2"));
        assert_eq!(changes[2], "(10 unchanged, not shown here)");
        let squeezed = text(diff_lines(&rows, false, 2, &theme));
        assert_eq!(squeezed.len(), 2);
        assert_eq!(
            squeezed[1],
            "… 1 more change, and 10 unchanged: a larger screen shows them"
        );
    }

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
