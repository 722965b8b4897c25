//! Breaking text between words: where a line may break, and the three ways a pane wraps.
//!
//! One separator set, [`BREAK_AFTER`], for every text that is not prose: identifiers (ARNs,
//! names, paths, role and key ids) and the lines of a CloudTrail record (JSON with ARNs,
//! paths, user agents and query strings). A line breaks after one of them where it can.
//! Two breaking rules differ, each for a reason its pane has:
//! - [`wrap_indented`] (the audit record): a piece longer than a line is broken between
//!   characters, as the record is evidence and nothing of it may go missing; the rows a
//!   line continues on hang under its own indentation, so pretty-printed JSON keeps shape.
//! - [`break_identifier`] (a labelled field of the detail pane): a piece longer than a line
//!   loses its middle ([`super::elide_middle`]), as one field must not fill the pane and
//!   the whole value is a copy away.
//! - [`hang`] (labelled prose: descriptions, tags, messages) breaks at spaces only: prose
//!   read with a break after every `-` or `.` ("2026-12-01", "e.g.") reads wrong.
//!
//! Every width is measured per grapheme, as ratatui draws it ([`super::fitting`]).

use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

use super::{elide_middle, first_grapheme, fitting};

/// Characters a line of identifiers or a record may break after: the separators of ARNs
/// (`:` `/`), names (`-` `_` `.` `@` `+` `=`), lists (`,` `;` and space) and query strings
/// (`&` `?` `=`). AWS secret names use only `/_+=.@-` of them, so an identifier breaks
/// where its own structure does.
pub(crate) const BREAK_AFTER: &[char] = &[
    ' ', '/', ':', ',', '-', '_', '.', '@', '+', '=', '&', '?', ';',
];

/// `line` (already sanitised) as lines of at most `width` columns.
pub(crate) fn wrap_indented(line: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    if line.width() <= width {
        return vec![line.to_owned()];
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    // Two more than the line's own indentation marks a continuation; half the width at
    // least stays for text however deep the nesting.
    let mut out = Wrapped {
        width,
        hang: (indent + 2).min(width / 2),
        lines: Vec::new(),
        text: String::new(),
        used: 0,
    };
    for piece in break_after(line) {
        let w = piece.width();
        if out.used > 0 && out.used + w > out.room() {
            out.flush();
        }
        if out.used + w <= out.room() {
            out.text.push_str(piece);
            out.used += w;
            continue;
        }
        // Longer than a whole line (a long ARN or token): broken between characters,
        // never before one that draws nothing (it belongs to the one before).
        for c in piece.chars() {
            let cw = c.width().unwrap_or(0);
            if out.used > 0 && cw > 0 && out.used + cw > out.room() {
                out.flush();
            }
            out.text.push(c);
            out.used += cw;
        }
    }
    if !out.text.is_empty() {
        out.flush();
    }
    out.lines
}

struct Wrapped {
    width: usize,
    hang: usize,
    lines: Vec<String>,
    /// The line being filled, without its hanging indentation.
    text: String,
    used: usize,
}

impl Wrapped {
    fn room(&self) -> usize {
        if self.lines.is_empty() {
            self.width
        } else {
            self.width - self.hang
        }
    }

    fn flush(&mut self) {
        let pad = if self.lines.is_empty() { 0 } else { self.hang };
        self.lines
            .push(format!("{:pad$}{}", "", std::mem::take(&mut self.text)));
        self.used = 0;
    }
}

/// `line` cut after each break character (and the zero-width characters that follow it).
pub(crate) fn break_after(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut after_break = false;
    for (i, c) in line.char_indices() {
        let draws = c.width().unwrap_or(0) > 0;
        if after_break && draws && i > start {
            pieces.push(&line[start..i]);
            start = i;
        }
        after_break = BREAK_AFTER.contains(&c) || (after_break && !draws);
    }
    if start < line.len() {
        pieces.push(&line[start..]);
    }
    pieces
}

/// A long identifier (an ARN, a name with paths) as lines of at most `width` columns,
/// broken after [`BREAK_AFTER`], never inside a word. A piece with no separator that is
/// still too long keeps its start and end around "…".
pub(crate) fn break_identifier(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in break_after(text) {
        if !line.is_empty() && line.width() + piece.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if piece.width() > width {
            lines.push(elide_middle(piece, width));
        } else {
            line.push_str(piece);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A labelled line wrapped to `width` columns with a hanging indent: the lines after the
/// first start `indent` columns in, under the value rather than under its label. Words
/// move whole to the next line; one longer than a line is broken. Styles are kept.
pub(crate) fn hang<'a>(line: Line<'a>, indent: usize, width: usize) -> Vec<Line<'a>> {
    if line.width() <= width || width <= indent + 1 {
        return vec![line];
    }
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut current: Vec<Span<'a>> = Vec::new();
    let mut used = 0;
    let push = |text: &str, style, current: &mut Vec<Span<'a>>, used: &mut usize| {
        current.push(Span::styled(text.to_owned(), style));
        *used += text.width();
    };
    // A finished line ends at its last word, not at the space after it.
    let finish = |current: &mut Vec<Span<'a>>| {
        if let Some(last) = current.last_mut() {
            let trimmed = last.content.trim_end().to_owned();
            last.content = trimmed.into();
        }
        Line::from(std::mem::take(current))
    };
    for span in line.spans {
        for word in span.content.split_inclusive(' ') {
            let mut word = word;
            while !word.is_empty() {
                let room = width.saturating_sub(used);
                let visible = word.trim_end().width();
                if visible <= room {
                    push(word, span.style, &mut current, &mut used);
                    break;
                }
                if used > indent && visible <= width - indent {
                    // The word fits on a line of its own: it starts the next one.
                    lines.push(finish(&mut current));
                    current.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                    continue;
                }
                // Longer than any line: as much as fits here, the rest on the next (at
                // least one character at the start of a line, so the loop ends).
                let (mut end, _) = fitting(word, room);
                if end == 0 && used <= indent {
                    end = first_grapheme(word).len();
                }
                push(&word[..end], span.style, &mut current, &mut used);
                word = &word[end..];
                lines.push(finish(&mut current));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
        }
    }
    if current.iter().any(|s| !s.content.trim().is_empty()) {
        lines.push(finish(&mut current));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widest(lines: &[String]) -> usize {
        lines.iter().map(|l| l.width()).max().unwrap_or(0)
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(wrap_indented("  \"a\": 1,", 40), ["  \"a\": 1,"]);
        assert_eq!(wrap_indented("", 40), [""]);
    }

    #[test]
    fn a_long_value_breaks_after_separators_and_hangs_under_its_key() {
        let line = "    \"secretId\": \"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders/postgres-AbCdEf\",";
        let lines = wrap_indented(line, 40);
        assert!(widest(&lines) <= 40, "{lines:#?}");
        assert_eq!(lines[0], "    \"secretId\": \"arn:aws:secretsmanager:");
        for more in &lines[1..] {
            assert!(more.starts_with("      ") && !more.starts_with("       "));
        }
        let joined: String = lines.iter().map(|l| l.trim_start()).collect();
        assert_eq!(joined, line.trim_start(), "nothing lost");
    }

    #[test]
    fn a_token_longer_than_a_line_breaks_between_characters() {
        let token = "x".repeat(100);
        let line = format!("  \"token\": \"{token}\"");
        for width in [1, 2, 5, 13, 40] {
            let lines = wrap_indented(&line, width);
            assert!(widest(&lines) <= width, "{width}: {lines:#?}");
            let joined: String = lines.concat();
            assert_eq!(joined.replace(' ', ""), line.replace(' ', ""), "{width}");
        }
    }

    #[test]
    fn wide_and_zero_width_characters_stay_whole() {
        let line = "\"名前\": \"e\u{301}/ab/cd/日本語のテキスト\"";
        let lines = wrap_indented(line, 8);
        assert!(widest(&lines) <= 8, "{lines:#?}");
        assert!(lines.iter().all(|l| !l.trim_start().starts_with('\u{301}')));
        assert_eq!(lines.concat().replace(' ', ""), line.replace(' ', ""));
    }
}

#[cfg(test)]
mod identifier_tests {
    use super::*;
    use crate::kit::wrap::elide_middle;

    #[test]
    fn a_long_value_hangs_under_itself_and_keeps_its_styles() {
        let warn = ratatui::style::Style::new().fg(ratatui::style::Color::Red);
        let line = Line::from(vec![
            Span::raw("Tags        "),
            Span::styled("Team=payments, Env=prod, Owner=maria@example.com", warn),
        ]);
        let lines = hang(line, 12, 36);
        let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "Tags        Team=payments, Env=prod,",
                "            Owner=maria@example.com",
            ]
        );
        assert!(lines.iter().all(|l| l.width() <= 36));
        assert!(lines[1].spans.iter().any(|s| s.style == warn));
        // A word longer than any line is broken; a line that fits is left alone.
        let long = hang(
            Line::raw("Rotator   x".to_owned() + &"y".repeat(40)),
            10,
            20,
        );
        assert!(
            long.len() == 5 && long.iter().all(|l| l.width() <= 20),
            "{long:?}"
        );
        assert_eq!(hang(Line::raw("short"), 10, 20).len(), 1);
    }

    #[test]
    fn an_arn_breaks_after_its_separators_only() {
        let arn =
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders/postgres-AbCdEf";
        let lines = break_identifier(arn, 34);
        assert_eq!(
            lines,
            [
                "arn:aws:secretsmanager:us-east-1:",
                "123456789012:secret:prod/orders/",
                "postgres-AbCdEf",
            ]
        );
        assert_eq!(lines.concat(), arn, "nothing lost");
        assert_eq!(break_identifier(arn, 200), [arn]);
        assert_eq!(break_identifier("", 10), [""]);
    }

    #[test]
    fn a_piece_too_long_for_any_line_is_elided_in_the_middle() {
        let lines = break_identifier("secret:abcdefghijklmnopqrstuvwxyz", 10);
        assert_eq!(lines, ["secret:", "abcde…wxyz"]);
        assert_eq!(elide_middle("abcdef", 1), "…");
        assert_eq!(elide_middle("abc", 3), "abc");
        for width in 0..12 {
            for line in break_identifier("arn:aws:x:y-zzzzzzzzzzzzzzzzzz", width) {
                assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= width.max(1));
            }
        }
    }
}
