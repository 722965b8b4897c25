//! Text too wide for its room loses its middle, where names that share a start
//! (`prod/payments/…`) and an end (`…-api-key`) differ least. The one middle-elide of the
//! screen: by whole graphemes, each as wide as ratatui draws it, so a wide character or a
//! joined sequence is never split and the result never overflows.

use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

use super::fitting;

/// `text` cut to `width` columns by taking out its middle: "prod/very…-AbCdEf". The start
/// keeps the odd column.
pub(crate) fn elide_middle(text: &str, width: usize) -> String {
    let columns = width.saturating_sub(1);
    elide_around(text, width, columns.div_ceil(2))
}

/// `text` in at most `width` columns: whole when it fits, else `head` columns of its start
/// (at most), "…", and the end in the columns left.
pub(crate) fn elide_around(text: &str, width: usize, head: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let columns = width - 1;
    let head = head.min(columns);
    format!("{}…{}", start(text, head), end(text, columns - head))
}

/// The longest start of `text` in `columns` (whole graphemes).
pub(crate) fn start(text: &str, columns: usize) -> &str {
    let (bytes, _) = fitting(text, columns);
    &text[..bytes]
}

/// The longest end of `text` in `columns` (whole graphemes).
pub(crate) fn end(text: &str, columns: usize) -> &str {
    let mut used = 0;
    let mut from = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > columns {
            break;
        }
        from = at;
    }
    &text[from..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_middle_goes_and_the_start_keeps_the_odd_column() {
        assert_eq!(elide_middle("abcdefghij", 6), "abc…ij");
        assert_eq!(elide_middle("abcdef", 1), "…");
        assert_eq!(elide_middle("abcdef", 0), "");
        assert_eq!(elide_middle("abc", 3), "abc");
        assert_eq!(elide_around("abcdefghij", 6, 1), "a…ghij");
    }

    #[test]
    fn wide_and_joined_graphemes_are_never_split_nor_overflow() {
        for width in 0..12 {
            for text in [
                "本番/注文/データベース",
                "e\u{301}e\u{301}e\u{301}e\u{301}xyzxyz",
            ] {
                let shown = elide_middle(text, width);
                assert!(shown.width() <= width, "{width}: {shown}");
                assert!(!shown.starts_with('\u{301}') && !shown.contains("…\u{301}"));
            }
        }
    }
}
