//! The selected row of a list, moved by the keys a line, a page or to an end, a page being
//! the rows the list showed when it was last drawn.

use super::drawn::Drawn;
use super::moves::{DEFAULT_PAGE, Move};
use super::widgets::scroll_offset;

/// Which row of a list is selected. The list's length is the caller's: it changes with
/// filters and answers, so it is given with each move rather than kept here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    at: usize,
    /// The rows the last frame showed (`None` before one drew the list): see `kit::drawn`
    /// for why the view records it.
    page: Drawn<Option<usize>>,
}

impl Cursor {
    /// A cursor on row `at`.
    pub(crate) fn at_row(at: usize) -> Self {
        Cursor {
            at,
            page: Drawn::default(),
        }
    }

    /// The selected row.
    pub fn at(&self) -> usize {
        self.at
    }

    /// Puts the selection on row `at` (a click, a row found again after a refresh).
    pub(crate) fn set(&mut self, at: usize) {
        self.at = at;
    }

    /// A line, a page or an end in a list of `len` rows, clamped to it (row 0 when empty).
    pub(crate) fn apply(&mut self, step: Move, len: usize) {
        let page = self.page.get().unwrap_or(DEFAULT_PAGE);
        self.at = step.apply(self.at, len.saturating_sub(1), page);
    }

    /// Drawing `len` rows in `height` rows: records the page, and answers the first row to
    /// draw, which keeps the selection in view (near the middle once the list is longer).
    pub(crate) fn window(&self, len: usize, height: usize) -> usize {
        self.record_page(height);
        scroll_offset(self.at, len, height)
    }

    /// Drawing the list in `height` rows with a widget that keeps the selection in view
    /// itself (a table with its own `TableState`): records the page only.
    pub(crate) fn record_page(&self, height: usize) {
        self.page.record(Some(height));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_stays_in_the_list() {
        let mut cursor = Cursor::default();
        cursor.apply(Move::Back(1), 5);
        assert_eq!(cursor.at(), 0);
        cursor.apply(Move::Last, 5);
        assert_eq!(cursor.at(), 4);
        cursor.apply(Move::Forward(1), 5);
        assert_eq!(cursor.at(), 4);
        cursor.apply(Move::PageForward, 5);
        assert_eq!(cursor.at(), 4);
    }

    #[test]
    fn an_empty_list_keeps_it_at_the_first_row() {
        let mut cursor = Cursor::default();
        for step in [
            Move::Forward(1),
            Move::PageForward,
            Move::Last,
            Move::PageBack,
        ] {
            cursor.apply(step, 0);
            assert_eq!(cursor.at(), 0, "{step:?}");
        }
    }

    #[test]
    fn a_page_is_what_the_list_showed_and_ten_before_it_is_drawn() {
        let mut cursor = Cursor::default();
        cursor.apply(Move::PageForward, 100);
        assert_eq!(cursor.at(), 10, "not drawn yet");
        assert_eq!(cursor.window(100, 25), 0);
        cursor.apply(Move::PageForward, 100);
        assert_eq!(cursor.at(), 35);
        cursor.apply(Move::PageBack, 100);
        assert_eq!(cursor.at(), 10);
    }

    #[test]
    fn a_page_recorded_without_a_window_is_the_page_too() {
        let mut cursor = Cursor::default();
        cursor.record_page(4);
        cursor.apply(Move::PageForward, 100);
        assert_eq!(cursor.at(), 4);
    }

    #[test]
    fn a_shorter_list_pulls_it_back() {
        let mut cursor = Cursor::at_row(40);
        cursor.apply(Move::Back(1), 10);
        assert_eq!(cursor.at(), 8, "from the last row there is");
        let mut cursor = Cursor::at_row(40);
        cursor.apply(Move::Forward(1), 10);
        assert_eq!(cursor.at(), 9);
    }

    #[test]
    fn the_window_keeps_the_selection_in_view() {
        assert_eq!(Cursor::at_row(3).window(5, 10), 0);
        assert_eq!(Cursor::at_row(50).window(100, 10), 45);
        for selected in 0..100 {
            let offset = Cursor::at_row(selected).window(100, 10);
            assert!((offset..offset + 10).contains(&selected));
        }
    }
}
