//! How the editor draws the value itself: masked until `Ctrl-v` (a `•` for each character,
//! so what is typed, deleted and where the cursor is can be followed without reading it),
//! or in clear, drawn from the buffer's own lines.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr as _;
use zeroize::Zeroizing;

use crate::features::editor::buffer::SecretBuffer;
use crate::features::editor::form;
use crate::kit::Theme;
use crate::kit::widgets::{MASK, fit_line};
use crate::kit::wrap::secret_spans;
use crate::sanitize::sanitize_line;

/// What stands for one character of a masked value.
const BULLET: char = '•';

/// Form mode: a line per field, each value masked unless `values` (the fields' values, in
/// clear after `Ctrl-v`); the field being changed drawn with its cursor, masked or not.
pub(super) fn form_lines<'a>(
    fields: &'a [form::Field],
    selected: usize,
    values: Option<&'a [Zeroizing<String>]>,
    (editing, columns): (Option<&'a SecretBuffer>, u16),
    theme: &Theme,
) -> Vec<Line<'a>> {
    let width = fields
        .iter()
        .map(|f| f.key.len())
        .max()
        .unwrap_or(0)
        .min(32);
    let room = usize::from(columns).saturating_sub(width + 2);
    fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let chosen = i == selected;
            let key = Span::styled(
                format!("{:<width$}  ", sanitize_line(&f.key)),
                if chosen {
                    theme.selected
                } else {
                    theme.json_key
                },
            );
            let mut spans = vec![key];
            match (editing.filter(|_| chosen), values) {
                (Some(buffer), Some(_)) => spans.extend(field_spans(buffer, room, theme)),
                (Some(buffer), None) => spans.extend(masked_field_spans(buffer, room, theme)),
                (None, Some(values)) => {
                    let value = values.get(i).map_or("", |v| v.as_str());
                    let line = Line::from(secret_spans(value, theme.revealed));
                    spans.extend(fit_line(line, room).spans);
                }
                (None, None) => spans.push(Span::styled(MASK, theme.masked)),
            }
            Line::from(spans)
        })
        .collect()
}

/// The field being changed, drawn from the buffer's own lines (no copy of the value), with
/// `▏` where the cursor is, so the next key's place is seen; a line break in the value is
/// drawn escaped.
fn field_spans<'a>(buffer: &'a SecretBuffer, room: usize, theme: &Theme) -> Vec<Span<'a>> {
    let (row, column) = buffer.cursor();
    let mut spans = Vec::new();
    for (i, line) in buffer.lines().iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("\\n", theme.filter));
        }
        if i + 1 != row {
            spans.extend(secret_spans(line, theme.filter));
            continue;
        }
        let at = line
            .char_indices()
            .nth(column - 1)
            .map_or(line.len(), |(at, _)| at);
        // Longer than the line: the part before the cursor loses its start, so the cursor
        // stays in view (a long certificate or URL scrolls sideways as it is typed).
        let before = &line[..at];
        let start = if before.width() + 1 < room {
            0
        } else {
            spans.push(Span::styled("…", theme.dim));
            tail_start(before, room.saturating_sub(3))
        };
        spans.extend(secret_spans(&before[start..], theme.filter));
        spans.push(Span::styled("▏", theme.filter));
        spans.extend(secret_spans(&line[at..], theme.filter));
    }
    spans
}

/// The field being changed while masked: a `•` per character (a line break is one too),
/// `▏` at the cursor, the start cut off where the cursor would leave the row.
fn masked_field_spans<'a>(buffer: &SecretBuffer, room: usize, theme: &Theme) -> Vec<Span<'a>> {
    let (row, column) = buffer.cursor();
    let lines = buffer.lines();
    let counts: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let before = counts[..row - 1].iter().map(|n| n + 1).sum::<usize>() + column - 1;
    let total = counts.iter().sum::<usize>() + counts.len().saturating_sub(1);
    let mut spans = Vec::new();
    let shown_before = if before + 1 < room {
        before
    } else {
        spans.push(Span::styled("…", theme.dim));
        room.saturating_sub(3)
    };
    spans.push(Span::styled(bullets(shown_before), theme.masked));
    spans.push(Span::styled("▏", theme.filter));
    spans.push(Span::styled(bullets(total - before), theme.masked));
    spans
}

/// Where the last `columns` columns of `text` start (whole graphemes).
fn tail_start(text: &str, columns: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut used = 0;
    let mut start = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > columns {
            break;
        }
        start = at;
    }
    start
}

/// The whole text while masked: its lines as they are, each character a `•`, the cursor's
/// cell reversed as the textarea draws it, scrolled so the cursor stays in view.
pub(super) fn masked_text(buffer: &SecretBuffer, area: Rect, theme: &Theme) -> Paragraph<'static> {
    let (row, column) = buffer.cursor();
    let (row, column) = (row - 1, column - 1);
    let height = usize::from(area.height.max(1));
    let width = usize::from(area.width.max(1));
    let top = row.saturating_sub(height - 1);
    let left = column.saturating_sub(width - 1);
    let cursor = theme.editor.add_modifier(Modifier::REVERSED);
    let lines = buffer
        .lines()
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, line)| {
            let count = line.chars().count().saturating_sub(left);
            if i != row {
                return Line::styled(bullets(count.min(width)), theme.masked);
            }
            let at = column - left;
            let under = if at < count {
                BULLET.to_string()
            } else {
                " ".to_owned()
            };
            Line::from(vec![
                Span::styled(bullets(at), theme.masked),
                Span::styled(under, cursor),
                Span::styled(
                    bullets(count.saturating_sub(at + 1).min(width - at - 1)),
                    theme.masked,
                ),
            ])
        })
        .collect::<Vec<_>>();
    Paragraph::new(lines).style(theme.editor)
}

fn bullets(count: usize) -> String {
    std::iter::repeat_n(BULLET, count).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(text: &str, keys: &[crossterm::event::KeyCode], area: Rect) -> Vec<String> {
        let mut buffer = SecretBuffer::new(text);
        for code in keys {
            buffer.key(crossterm::event::KeyEvent::new(
                *code,
                crossterm::event::KeyModifiers::NONE,
            ));
        }
        let theme = Theme::default();
        let paragraph = masked_text(&buffer, area, &theme);
        let mut cells = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(paragraph, area, &mut cells);
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| cells[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn masked_text_keeps_its_shape_and_follows_the_cursor() {
        use crossterm::event::KeyCode;
        let area = Rect::new(0, 0, 6, 2);
        assert_eq!(drawn("héllo\nab\nc", &[], area), ["•••••", "••"]);
        // The cursor at the end of a long last line: the view moves down and sideways.
        let keys = [KeyCode::Down, KeyCode::Down, KeyCode::End];
        assert_eq!(
            drawn("x\nabcdefghij\nklmnopqrst", &keys, area),
            ["•••••", "•••••"]
        );
    }
}
