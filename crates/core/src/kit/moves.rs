//! A movement through a list or a scrolled text, as the keys ask for it: a line, a page, to
//! either end. What a page is, and where the end is, are known only where it is drawn: the
//! `Scroll` and `Cursor` that apply a move supply both.

/// Rows to a page before a frame has measured one (or where nothing draws the list).
pub(crate) const DEFAULT_PAGE: usize = 10;

/// A cursor move within a list of known length, or within a scroll range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Back(usize),
    Forward(usize),
    PageBack,
    PageForward,
    First,
    Last,
}

impl Move {
    /// Where a cursor at `at` ends up when the last valid position is `last` and a page is
    /// `page` rows: clamped, so moving past either end stops there.
    pub(crate) fn apply(self, at: usize, last: usize, page: usize) -> usize {
        let at = at.min(last);
        match self {
            Move::Back(n) => at.saturating_sub(n),
            Move::Forward(n) => at.saturating_add(n).min(last),
            Move::PageBack => at.saturating_sub(page.max(1)),
            Move::PageForward => at.saturating_add(page.max(1)).min(last),
            Move::First => 0,
            Move::Last => last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_clamp_at_both_ends() {
        assert_eq!(Move::Back(3).apply(1, 9, 10), 0);
        assert_eq!(Move::Forward(3).apply(8, 9, 10), 9);
        assert_eq!(Move::Forward(1).apply(0, 0, 10), 0);
        assert_eq!(Move::Last.apply(2, 9, 10), 9);
        assert_eq!(Move::First.apply(5, 9, 10), 0);
        assert_eq!(Move::PageForward.apply(60_000, usize::MAX, 10), 60_010);
    }

    #[test]
    fn a_page_is_what_the_caller_measured_and_never_nothing() {
        assert_eq!(Move::PageForward.apply(2, 100, 7), 9);
        assert_eq!(Move::PageBack.apply(9, 100, 7), 2);
        assert_eq!(
            Move::PageForward.apply(2, 100, 0),
            3,
            "a page is at least a row"
        );
    }

    #[test]
    fn a_cursor_past_the_end_starts_from_the_end() {
        assert_eq!(Move::Back(1).apply(50, 9, 10), 8);
        assert_eq!(Move::Forward(1).apply(50, 9, 10), 9);
    }
}
