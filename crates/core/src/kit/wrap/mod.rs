//! The one place text is wrapped, broken or elided to fit: measured by grapheme as ratatui
//! draws it ([`fitting`]). Words and identifiers break after one separator set
//! (`words::BREAK_AFTER`, where the rules of each pane are said); a middle goes in
//! `elide`. Here, the rows of a secret: long lines broken into rows with a mark where a row
//! goes on below, so a line the screen had to break is never read as a line break the text
//! has. Rows break at characters, not words: a secret is read character by character, and
//! no space moves or goes.
//!
//! Borrowed text stays borrowed: a row of a revealed value is a slice of the value itself,
//! never a copy (see `features::reveal::view`); [`secret_spans`] draws such text, escapes
//! and all, without copying it. [`fitting`] measures text by grapheme, as ratatui draws
//! it, for every place that cuts or wraps a line.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::sanitize::{Piece, escape_pieces, pieces};

mod elide;
mod words;

pub(crate) use elide::{elide_around, elide_middle, start};
pub(crate) use words::{break_identifier, hang, wrap_indented};

/// Drawn in the last column of a row whose line goes on below.
pub(crate) const GOES_ON: &str = "↩";
const GOES_CHAR: char = '↩';

/// `lines` in rows at most `width` columns wide: a line wider than that is broken into rows
/// of `width - 1` columns, each but the last ending in [`GOES_ON`] in `mark`'s style. The
/// second value says whether any line was broken.
pub(crate) fn wrap_marked<'a>(
    lines: Vec<Line<'a>>,
    width: usize,
    mark: Style,
) -> (Vec<Line<'a>>, bool) {
    if width < 2 {
        return (lines, false);
    }
    let mut rows = Vec::with_capacity(lines.len());
    let mut broken = false;
    for line in lines {
        if line.width() <= width {
            rows.push(line);
            continue;
        }
        broken = true;
        let (style, alignment) = (line.style, line.alignment);
        let room = width - 1;
        let mut row: Vec<Span<'a>> = Vec::new();
        let mut used = 0;
        for span in line.spans {
            let mut rest = span.content;
            while !rest.is_empty() {
                let (taken, columns) = fitting(&rest, room - used);
                if taken == 0 && used == 0 {
                    // Wider than a whole row (a wide character on a one-column row):
                    // drawn alone rather than looped on.
                    let first = first_grapheme(&rest).len();
                    let (head, tail) = split(rest, first);
                    row.push(Span::styled(head, span.style));
                    rest = tail;
                    used = room;
                } else {
                    let (head, tail) = split(rest, taken);
                    if !head.is_empty() {
                        row.push(Span::styled(head, span.style));
                    }
                    used += columns;
                    rest = tail;
                }
                if !rest.is_empty() {
                    row.push(Span::styled(GOES_ON, mark));
                    rows.push(new_row(std::mem::take(&mut row), style, alignment));
                    used = 0;
                }
            }
        }
        rows.push(new_row(row, style, alignment));
    }
    (rows, broken)
}

fn new_row(
    spans: Vec<Span<'_>>,
    style: Style,
    alignment: Option<ratatui::layout::Alignment>,
) -> Line<'_> {
    let mut line = Line::from(spans).style(style);
    line.alignment = alignment;
    line
}

/// `text` split at byte `at`: a borrowed text into two borrowed slices; an owned one moved,
/// its tail into a new string (no copy of the whole left behind).
fn split(text: Cow<'_, str>, at: usize) -> (Cow<'_, str>, Cow<'_, str>) {
    match text {
        Cow::Borrowed(s) => (Cow::Borrowed(&s[..at]), Cow::Borrowed(&s[at..])),
        Cow::Owned(mut head) => {
            let tail = head.split_off(at);
            (Cow::Owned(head), Cow::Owned(tail))
        }
    }
}

/// A line of a revealed value as spans that borrow from the value itself, and static
/// pieces for each escape: drawing it makes no copy of the value (a `String` freed without
/// zeroizing), whatever it holds.
pub(crate) fn secret_spans(line: &str, style: Style) -> Vec<Span<'_>> {
    let mut spans = Vec::new();
    for piece in pieces(line) {
        match piece {
            // The pane's own mark for a line it broke is drawn escaped where the value has
            // it, so the two are never confused.
            Piece::Text(text) if text.contains(GOES_ON) => {
                for (i, part) in text.split(GOES_ON).enumerate() {
                    if i > 0 {
                        spans.extend(
                            escape_pieces(GOES_CHAR)
                                .into_iter()
                                .map(|p| Span::styled(p, style)),
                        );
                    }
                    if !part.is_empty() {
                        spans.push(Span::styled(part, style));
                    }
                }
            }
            Piece::Text(text) => spans.push(Span::styled(text, style)),
            Piece::Escaped(c) => {
                spans.extend(escape_pieces(c).into_iter().map(|p| Span::styled(p, style)));
            }
        }
    }
    spans
}

/// How many bytes of `text` fit in `room` columns, and the columns they take. Whole
/// graphemes only, each as wide as ratatui draws it: an emoji with its variation selector
/// is two columns, and a joined sequence is never split.
pub(crate) fn fitting(text: &str, room: usize) -> (usize, usize) {
    use unicode_segmentation::UnicodeSegmentation as _;
    use unicode_width::UnicodeWidthStr as _;
    let (mut bytes, mut columns) = (0, 0);
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if columns + w > room {
            break;
        }
        columns += w;
        bytes += grapheme.len();
    }
    (bytes, columns)
}

/// The first grapheme of `text` ("" for none).
pub(crate) fn first_grapheme(text: &str) -> &str {
    use unicode_segmentation::UnicodeSegmentation as _;
    text.graphemes(true).next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rows: &[Line]) -> Vec<String> {
        rows.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_long_line_goes_on_in_marked_rows_and_short_ones_stay() {
        let lines = vec![Line::raw("abcdefghij"), Line::raw("xy")];
        let (rows, broken) = wrap_marked(lines, 4, Style::new());
        assert!(broken);
        assert_eq!(text(&rows), ["abc↩", "def↩", "ghi↩", "j", "xy"]);
        let (rows, broken) = wrap_marked(vec![Line::raw("abcd")], 4, Style::new());
        assert!(!broken, "a line as wide as the row is not broken");
        assert_eq!(text(&rows), ["abcd"]);
    }

    #[test]
    fn every_character_and_space_is_kept_in_order_across_spans() {
        let line = Line::from(vec![Span::raw("pass word "), Span::raw("日本語 x")]);
        let (rows, _) = wrap_marked(vec![line], 5, Style::new());
        for row in &rows {
            assert!(row.width() <= 5, "{row}");
        }
        let joined: String = text(&rows).concat().replace(GOES_ON, "");
        assert_eq!(joined, "pass word 日本語 x");
    }

    #[test]
    fn rows_are_as_wide_as_drawn_and_never_split_a_joined_sequence() {
        // ⚠ + U+FE0F draws two columns; 👩 ZWJ 💻 is one grapheme.
        let value = "⚠\u{FE0F}⚠\u{FE0F}⚠\u{FE0F}👩\u{200D}💻👩\u{200D}💻";
        for width in 3..12 {
            let (rows, _) = wrap_marked(vec![Line::raw(value)], width, Style::new());
            for row in &rows {
                assert!(row.width() <= width, "{width}: {row}");
            }
            let joined: String = text(&rows).concat().replace(GOES_ON, "");
            assert_eq!(joined, value, "{width}");
        }
    }

    #[test]
    fn borrowed_text_stays_borrowed() {
        let value = String::from("0123456789");
        let (rows, _) = wrap_marked(vec![Line::raw(value.as_str())], 4, Style::new());
        for span in rows.iter().flat_map(|r| &r.spans) {
            assert!(matches!(span.content, Cow::Borrowed(_)), "{span:?}");
        }
    }

    #[test]
    fn a_wide_character_on_a_row_too_narrow_for_it_is_drawn_not_looped_on() {
        let (rows, _) = wrap_marked(vec![Line::raw("日本")], 2, Style::new());
        assert_eq!(text(&rows), ["日↩", "本"]);
    }

    #[test]
    fn graphemes_fit_whole_at_the_width_they_are_drawn() {
        assert_eq!(fitting("abc", 2), (2, 2));
        assert_eq!(fitting("日本", 3), ("日".len(), 2));
        // ⚠ with U+FE0F draws two columns wide: one column is not room for it.
        assert_eq!(fitting("⚠\u{FE0F}x", 1), (0, 0));
        assert_eq!(fitting("⚠\u{FE0F}x", 2), ("⚠\u{FE0F}".len(), 2));
        // A joined sequence stays whole.
        let family = "👩\u{200D}💻";
        assert_eq!(fitting(family, 2), (family.len(), 2));
        assert_eq!(first_grapheme(family), family);
    }
}
