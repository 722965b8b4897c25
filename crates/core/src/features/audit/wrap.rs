//! Long lines of an event's record broken to fit the popup, so the whole record reads by
//! scrolling up and down only. A line breaks after a space or a separator where it can
//! (ARNs, paths and user agents have many), else between characters; the lines it
//! continues on hang under its own indentation, so pretty-printed JSON keeps its shape.

use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

/// Characters a line may break after.
const BREAKS: &[char] = &[' ', '/', ':', ',', '-', '_', '.', '@', '=', '&', '?', ';'];

/// `line` (already sanitised) as lines of at most `width` columns.
pub fn wrap_indented(line: &str, width: usize) -> Vec<String> {
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
    for piece in pieces(line) {
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
fn pieces(line: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut after_break = false;
    for (i, c) in line.char_indices() {
        let draws = c.width().unwrap_or(0) > 0;
        if after_break && draws && i > start {
            pieces.push(&line[start..i]);
            start = i;
        }
        after_break = BREAKS.contains(&c) || (after_break && !draws);
    }
    if start < line.len() {
        pieces.push(&line[start..]);
    }
    pieces
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
